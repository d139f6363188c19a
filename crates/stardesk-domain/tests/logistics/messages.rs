//! Drafted messages to the brand: what each names (R-REVIEW-10, R-REVIEW-13, R-REVIEW-16).

use crate::fixtures::*;
use stardesk_domain::campaign::ApplicationStatus;
use stardesk_domain::logistics::alerts::*;
use stardesk_domain::logistics::message::{brand_message_zh, date_zh, MessageContext};
use stardesk_domain::logistics::ShipmentState::{self, *};

const TRACKING: &str = "YT9693083639795";

fn ctx(leg: Leg) -> MessageContext<'static> {
    MessageContext {
        task_title: "保湿精华液测评",
        carrier_name: "圆通速递",
        tracking_no: TRACKING,
        leg,
        shipped_on: Some(d("2026-11-20")),
    }
}

/// The one alert a parcel in `state` raises at once.
fn alert_for(state: ShipmentState) -> Alert {
    let alerts = shipment_alerts(&parcel(state), None, t("2026-11-21 09:00"), &th());
    assert_eq!(alerts.len(), 1, "{state:?}");
    alerts[0]
}

#[test]
fn dates_are_written_the_chinese_way() {
    assert_eq!(date_zh(d("2026-11-28")), "2026年11月28日");
    assert_eq!(date_zh(d("2027-03-05")), "2027年3月5日");
}

#[test]
fn r_review_10_shipped_late_asks_for_time_and_names_the_dates() {
    let tl = tl(Some("2026-12-20"));
    let late = app(ApplicationStatus::Shipped, Some("2026-12-18"));
    let alert = application_alerts(&tl, &late, None, t("2026-12-19 10:00"))[0];
    let text = brand_message_zh(&alert, &ctx(Leg::Outbound)).expect("a draft");
    for part in [
        "保湿精华液测评",
        "2026年12月18日", // shipped
        "2026年12月16日", // the client-fault date
        "2026年12月31日", // the upload deadline
        "圆通速递",
        TRACKING,
        "延长",
    ] {
        assert!(text.contains(part), "{part} missing in {text}");
    }
}

#[test]
fn r_review_16_undelivered_stuck_and_returned_samples_are_told_with_the_parcel() {
    let mut seen: Vec<String> = Vec::new();
    for (state, word) in [
        (Problem, "异常"),
        (Returning, "退回"),
        (Returned, "退回"),
        (Refused, "拒签"),
    ] {
        let text = brand_message_zh(&alert_for(state), &ctx(Leg::Outbound)).expect("a draft");
        for part in [
            "保湿精华液测评",
            "圆通速递",
            TRACKING,
            "2026年11月20日",
            "及时告知",
            word,
        ] {
            assert!(text.contains(part), "{state:?}: {part} missing in {text}");
        }
        assert!(!seen.contains(&text), "{state:?} has its own words");
        seen.push(text);
    }
}

#[test]
fn r_review_16_delivered_but_not_received_names_the_delivery_day() {
    let mut s = parcel(Delivered);
    s.delivered_at = Some(t("2026-11-22 15:00"));
    let alerts = shipment_alerts(&s, None, t("2026-11-24 09:00"), &th());
    assert_eq!(alerts[0].code, AlertCode::DeliveredUnconfirmed);
    let text = brand_message_zh(&alerts[0], &ctx(Leg::Outbound)).expect("a draft");
    for part in ["2026年11月22日", "签收", "没有收到", "圆通速递", TRACKING] {
        assert!(text.contains(part), "{part} missing in {text}");
    }
    // Not a message for the return parcel.
    assert_eq!(brand_message_zh(&alerts[0], &ctx(Leg::Return)), None);
}

#[test]
fn r_review_13_too_late_asks_to_extend_to_the_day_the_work_can_be_ready() {
    let tl = tl(Some("2026-12-20"));
    let mut s = parcel(Delivered);
    s.receipt_confirmed = true;
    s.delivered_at = Some(t("2026-12-30 11:00"));
    let alert = shipment_alerts(&s, Some(&tl), t("2026-12-30 12:00"), &th())[0];
    let text = brand_message_zh(&alert, &ctx(Leg::Outbound)).expect("a draft");
    for part in [
        "2026年12月30日",
        "3天",
        "2027年1月2日",
        "2026年12月31日",
        "延长",
        TRACKING,
    ] {
        assert!(text.contains(part), "{part} missing in {text}");
    }
    // Still on its way: from today, and it says so.
    let s = parcel(InTransit);
    let alert = shipment_alerts(&s, Some(&tl), t("2026-12-30 12:00"), &th())[0];
    assert_eq!(alert.code, AlertCode::DeliveredTooLate);
    let text = brand_message_zh(&alert, &ctx(Leg::Outbound)).expect("a draft");
    for part in ["还没有送达", "2026年12月30日", "2027年1月2日", TRACKING] {
        assert!(text.contains(part), "{part} missing in {text}");
    }
}

#[test]
fn the_return_parcel_speaks_of_the_sample_sent_back() {
    let mut s = parcel(Returned);
    s.leg = Leg::Return;
    let alert = shipment_alerts(&s, None, t("2027-01-12 09:00"), &th())[0];
    let back = brand_message_zh(&alert, &ctx(Leg::Return)).expect("a draft");
    let out = brand_message_zh(&alert, &ctx(Leg::Outbound)).expect("a draft");
    assert!(back.contains("我寄回") && back.contains(TRACKING), "{back}");
    assert!(!out.contains("我寄回"), "{out}");
}

#[test]
fn waits_and_the_creators_own_deadlines_have_no_draft() {
    let quiet = |code| Alert {
        code,
        since: None,
        detail: AlertDetail::Plain,
    };
    for code in [
        AlertCode::AwaitingPickupTooLong,
        AlertCode::NoNewEvent,
        AlertCode::UncollectedAtPickupPoint,
        AlertCode::ReturnDue,
        AlertCode::NotShipped,
    ] {
        assert_eq!(
            brand_message_zh(&quiet(code), &ctx(Leg::Outbound)),
            None,
            "{code:?}"
        );
    }
    // A code whose figures are missing gets no half-written draft.
    for code in [
        AlertCode::ShippedLate,
        AlertCode::DeliveredTooLate,
        AlertCode::DeliveredUnconfirmed,
    ] {
        assert_eq!(
            brand_message_zh(&quiet(code), &ctx(Leg::Outbound)),
            None,
            "{code:?}"
        );
    }
}
