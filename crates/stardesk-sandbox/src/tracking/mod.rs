//! A kuaidi100-compatible tracking service for the sandbox's own parcels (the samples the
//! brands ship), outside the `/v1` gate: `POST /poll/query.do` and `POST /autonumber/auto`
//! (see the crate docs for the contract).
//!
//! - `route`: where a parcel goes (warehouse, hubs, the receiving city).
//! - `history`: a parcel's events from the seed, the application and the incidents.
//! - `store`: finding parcels, and the incidents in SQLite.
//! - `http`: the two routes, answering in `stardesk_platform::tracking::wire`'s shapes.
//! - `control`: the `Control` methods of parcels.

mod control;
pub(crate) mod history;
pub(crate) mod http;
mod route;
pub(crate) mod store;

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

pub(crate) use store::SCHEMA;

/// The kuaidi100 `customer` the sandbox accepts unless configured otherwise.
pub const SANDBOX_TRACKING_CUSTOMER: &str = "STARDESKSANDBOX0";
/// The kuaidi100 key the sandbox signs with unless configured otherwise. Not a secret (it
/// is printed in docs), but treated as one: never in a `Debug` output or a log line.
pub const SANDBOX_TRACKING_KEY: &str = "sandbox-tracking-key";

/// Something that happens to a parcel, added now by [`crate::Control::parcel_incident`].
/// The halting ones (the parcel will not arrive: [`Returning`](Self::Returning),
/// [`Returned`](Self::Returned), [`Refused`](Self::Refused),
/// [`Cancelled`](Self::Cancelled), [`Transferred`](Self::Transferred)) end the carrier's
/// plan and keep the brand from delivering the application; none changes the application
/// status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParcelIncident {
    /// State 2 疑难: stuck (an address problem). A later 签收 is then 302.
    Problem,
    /// State 6 退回: on its way back to the sender.
    Returning,
    /// State 4 退签: returned and signed for by the sender.
    Returned,
    /// State 14 拒签: refused by the receiver.
    Refused,
    /// 501 投柜或驿站 (state 5): waiting in a locker or a station. A later 签收 is 304.
    AtPickupPoint,
    /// Customs: state 8 清关, 10 待清关, 11 清关中, 12 已清关 or 13 清关异常.
    Customs(u8),
    /// 401 已销单 (state 4): the order was cancelled.
    Cancelled,
    /// State 7 转投: handed to another carrier.
    Transferred,
}

impl ParcelIncident {
    /// The names the control HTTP surface takes (`{"kind": "returned"}`; customs also
    /// takes `"code"`).
    pub const KINDS: [&'static str; 8] = [
        "problem",
        "returning",
        "returned",
        "refused",
        "at_pickup_point",
        "customs",
        "cancelled",
        "transferred",
    ];

    /// The incident called `kind` (one of [`Self::KINDS`]); `code` is the customs state.
    pub fn from_kind(kind: &str, code: Option<u8>) -> Option<ParcelIncident> {
        Some(match kind {
            "problem" => ParcelIncident::Problem,
            "returning" => ParcelIncident::Returning,
            "returned" => ParcelIncident::Returned,
            "refused" => ParcelIncident::Refused,
            "at_pickup_point" => ParcelIncident::AtPickupPoint,
            "customs" => ParcelIncident::Customs(code.unwrap_or(8)),
            "cancelled" => ParcelIncident::Cancelled,
            "transferred" => ParcelIncident::Transferred,
            _ => return None,
        })
    }

    /// Its main state, advanced code and text; `None` for a customs code kuaidi100 does
    /// not have.
    pub(crate) fn event(self) -> Option<(u16, Option<u16>, &'static str)> {
        Some(match self {
            ParcelIncident::Problem => (2, None, "快件派送不成功（收件地址不详），待进一步处理"),
            ParcelIncident::Returning => (6, None, "快件已退回，正在返回寄件人途中"),
            ParcelIncident::Returned => (4, None, "退回件已由寄件人签收"),
            ParcelIncident::Refused => (14, None, "收件人拒收快件，快件将退回寄件人"),
            ParcelIncident::AtPickupPoint => {
                (5, Some(501), "快件已存放至快递驿站，请凭取件码及时领取")
            }
            ParcelIncident::Customs(code) => match code {
                8 => (8, None, "快件正在办理清关手续"),
                10 => (10, None, "快件待清关"),
                11 => (11, None, "快件清关中"),
                12 => (12, None, "快件已清关，等待转运"),
                13 => (13, None, "快件清关异常，请联系客服处理"),
                _ => return None,
            },
            ParcelIncident::Cancelled => (4, Some(401), "寄件人已取消寄件，运单已销单"),
            ParcelIncident::Transferred => (7, None, "快件已转交其他快递公司继续派送"),
        })
    }
}

/// A parcel of the sandbox: an application's shipment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Parcel {
    pub application_id: String,
    /// The kuaidi100 carrier code.
    pub carrier: String,
    pub tracking_no: String,
    pub shipped_at: NaiveDate,
    /// When the application was delivered (the parcel's 签收), if it was.
    pub delivered_at: Option<DateTime<Utc>>,
    /// The last 4 digits of the application's shipping phone: what 顺丰 and 中通
    /// queries must send.
    pub phone_last4: String,
    /// Queries this number got so far (see [`crate::Control::tracking_queries`]).
    pub queries: u64,
}

/// The tracking service's own state: its account, faults to inject, queries counted.
pub(crate) struct TrackingState {
    pub(crate) customer: String,
    pub(crate) key: String,
    /// `returnCode`s the next answers fail with, first in first out.
    pub(crate) fail_next: Mutex<VecDeque<u16>>,
    /// Queries per tracking number (those that passed the sign check and named a number).
    pub(crate) queries: Mutex<HashMap<String, u64>>,
}

impl TrackingState {
    pub(crate) fn new(customer: String, key: String) -> TrackingState {
        TrackingState {
            customer,
            key,
            fail_next: Mutex::new(VecDeque::new()),
            queries: Mutex::new(HashMap::new()),
        }
    }
}

impl std::fmt::Debug for TrackingState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TrackingState")
            .field("customer", &self.customer)
            .field("key", &"<redacted>")
            .finish_non_exhaustive()
    }
}

/// The last 4 digits of a phone (fewer if it has fewer).
pub(crate) fn last4(phone: &str) -> String {
    let digits: Vec<char> = phone.chars().filter(char::is_ascii_digit).collect();
    digits[digits.len().saturating_sub(4)..].iter().collect()
}
