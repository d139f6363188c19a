//! Drafted messages to the brand about a sample's shipping, in Chinese: polite, short,
//! factual, each naming the parcel and the dates it rests on. Pure formatting of an
//! [`Alert`]; the creator reads and sends them.

use chrono::{Datelike, NaiveDate};

use super::alerts::{Alert, AlertCode, AlertDetail, Leg};
use crate::campaign::timeline::LATE_SHIPPING_DAYS_BEFORE_UPLOAD;

/// What a message names besides the alert's own figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MessageContext<'a> {
    pub task_title: &'a str,
    /// The carrier's Chinese name (e.g. [`super::carrier::Carrier::name`]).
    pub carrier_name: &'a str,
    pub tracking_no: &'a str,
    /// Which parcel the alert is about.
    pub leg: Leg,
    /// The day the parcel was shipped, when known.
    pub shipped_on: Option<NaiveDate>,
}

/// A date as Chinese text: `2026年11月28日`.
pub fn date_zh(day: NaiveDate) -> String {
    format!("{}年{}月{}日", day.year(), day.month(), day.day())
}

fn parcel(ctx: &MessageContext<'_>) -> String {
    let shipped = ctx
        .shipped_on
        .map(|d| format!("，{}寄出", date_zh(d)))
        .unwrap_or_default();
    format!("{}，单号 {}{}", ctx.carrier_name, ctx.tracking_no, shipped)
}

/// A draft to the brand for `alert`, or `None` when the alert is not the brand's business
/// (the creator's own waits, a due return) or does not fit the leg:
/// - [`AlertCode::ShippedLate`] (R-REVIEW-10): asks for more time, since the sample
///   shipped after the client-fault date; names the shipping day, that date and the upload
///   deadline.
/// - [`AlertCode::Problem`], [`AlertCode::Returning`], [`AlertCode::Returned`],
///   [`AlertCode::Refused`], and on the outbound leg [`AlertCode::DeliveredUnconfirmed`]
///   (R-REVIEW-16): tells the brand promptly that the sample did not arrive, is stuck or
///   went back, naming the carrier and the tracking number.
/// - [`AlertCode::DeliveredTooLate`] (R-REVIEW-13): asks to extend the upload deadline to
///   the day the content can be ready.
pub fn brand_message_zh(alert: &Alert, ctx: &MessageContext<'_>) -> Option<String> {
    let head = format!("您好！关于「{}」的测评样品：", ctx.task_title);
    let outbound = ctx.leg == Leg::Outbound;
    let body = match (alert.code, alert.detail) {
        (
            AlertCode::ShippedLate,
            AlertDetail::ShippedLate {
                shipped_on,
                late_shipping_after,
                ..
            },
        ) if outbound => {
            let upload_by = late_shipping_after
                .checked_add_days(chrono::Days::new(LATE_SHIPPING_DAYS_BEFORE_UPLOAD))
                .unwrap_or(NaiveDate::MAX);
            format!(
                "样品于{}寄出（{}，单号 {}），晚于{}（上传截止日期{}前{}天）。按平台规则，\
                 此时寄出属于商家原因延误，留给制作的时间不足，想和您商量适当延长上传时间，谢谢！",
                date_zh(shipped_on),
                ctx.carrier_name,
                ctx.tracking_no,
                date_zh(late_shipping_after),
                date_zh(upload_by),
                LATE_SHIPPING_DAYS_BEFORE_UPLOAD,
            )
        }
        (AlertCode::DeliveredUnconfirmed, AlertDetail::Waited { from, .. }) if outbound => {
            format!(
                "物流显示已于{}签收（{}），但我没有收到样品。特此及时告知，麻烦您帮忙向快递核实，谢谢！",
                date_zh(from.date()),
                parcel(ctx),
            )
        }
        (AlertCode::Problem, _) if outbound => format!(
            "物流显示异常（{}），样品目前还没有送达。特此及时告知，麻烦您联系快递核实处理，谢谢！",
            parcel(ctx),
        ),
        (AlertCode::Returning, _) if outbound => format!(
            "物流显示样品正在退回寄件方（{}），我没有收到样品。特此及时告知，请问是否需要重新寄出？谢谢！",
            parcel(ctx),
        ),
        (AlertCode::Returned, _) if outbound => format!(
            "物流显示样品已退回寄件方（{}），我没有收到样品。特此及时告知，请问是否需要重新寄出？谢谢！",
            parcel(ctx),
        ),
        (AlertCode::Refused, _) if outbound => format!(
            "物流显示样品已拒签（{}），我没有收到样品。特此及时告知，麻烦您核实处理，谢谢！",
            parcel(ctx),
        ),
        (AlertCode::Problem, _) => format!(
            "我寄回的样品（{}）物流显示异常，目前还没有送达。特此及时告知，我会联系快递处理，谢谢！",
            parcel(ctx),
        ),
        (AlertCode::Returning, _) => format!(
            "我寄回的样品（{}）物流显示正在退回给我，您那边还没有收到。特此及时告知，收到后我会尽快重新寄出，谢谢！",
            parcel(ctx),
        ),
        (AlertCode::Returned, _) => format!(
            "我寄回的样品（{}）物流显示已退回到我这里，您那边没有收到。特此及时告知，请问收件信息是否有变化？我会尽快重新寄出，谢谢！",
            parcel(ctx),
        ),
        (AlertCode::Refused, _) => format!(
            "我寄回的样品（{}）物流显示被拒收。特此及时告知，请问收件信息是否有变化？谢谢！",
            parcel(ctx),
        ),
        (
            AlertCode::DeliveredTooLate,
            AlertDetail::TooLate {
                arrived_on,
                delivered,
                ready_on,
                upload_by,
                ..
            },
        ) if outbound => {
            let days = (ready_on - arrived_on).num_days();
            let arrival = if delivered {
                format!("样品于{}签收（{}）", date_zh(arrived_on), parcel(ctx))
            } else {
                format!(
                    "样品目前还没有送达（{}），即使今天（{}）送达",
                    parcel(ctx),
                    date_zh(arrived_on)
                )
            };
            format!(
                "{arrival}，按通常{days}天的制作时间，最早{}才能完成，晚于上传截止日期{}。\
                 想申请将上传截止日期延长至{}，谢谢！",
                date_zh(ready_on),
                date_zh(upload_by),
                date_zh(ready_on),
            )
        }
        _ => return None,
    };
    Some(head + &body)
}
