//! Parcel tracking through kuaidi100 (快递100), the aggregator most Chinese apps use.
//!
//! [`TrackingProvider`] is what the rest of StarDesk holds (`Arc<dyn TrackingProvider>`);
//! [`Kuaidi100Client`] implements it over HTTP with the documented request form and sign
//! (`shared/reference/kuaidi100.md`). The answers are kept raw: [`TrackReport::state`] and
//! [`TrackEvent::status_code`] are kuaidi100's codes as sent; turning them into StarDesk's
//! statuses is `stardesk-domain`'s job.
//!
//! **Invariants:** the key never appears in a log line, an error or a `Debug` output (it is
//! sent only to the carrier detection, and only in a form body; the query sends the sign);
//! plain http is refused anywhere but loopback. kuaidi100 locks a number queried more often
//! than about once every 30 minutes: spacing the polls is the caller's job, and
//! [`TrackingError::is_no_result_yet`] ("no result yet") is a normal answer for a parcel
//! just shipped, to be asked again at the next poll, not at once.

mod client;
mod error;
mod report;
pub mod wire;

use std::future::Future;
use std::pin::Pin;

use chrono::NaiveDateTime;
use md5::{Digest, Md5};

pub use client::{Kuaidi100Client, Kuaidi100Config, OFFICIAL_AUTONUMBER_BASE, OFFICIAL_QUERY_BASE};
pub use error::{code_meaning, TrackingError, NO_RESULT_YET};
pub use report::{event_time, report_from};

/// A boxed future, so [`TrackingProvider`] stays object-safe without `async-trait`.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// kuaidi100's sign: `UPPERCASE_HEX(MD5(param + key + customer))`, over the exact `param`
/// string sent. The key itself is never sent with a query.
pub fn sign(param: &str, key: &str, customer: &str) -> String {
    let mut md5 = Md5::new();
    md5.update(param.as_bytes());
    md5.update(key.as_bytes());
    md5.update(customer.as_bytes());
    md5.finalize().iter().map(|b| format!("{b:02X}")).collect()
}

/// One parcel to look up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrackQuery {
    /// The kuaidi100 carrier code (`shunfeng`, `yuantong`…); sent lower-cased.
    pub carrier: String,
    /// The tracking number; sent trimmed.
    pub number: String,
    /// The receiver's phone, or just its last 4 digits (only those are sent). 顺丰
    /// (`shunfeng`, `shunfengkuaiyun`) and 中通 (`zhongtong`) answer 408 without it.
    pub phone_last4: Option<String>,
}

/// What kuaidi100 knows about a parcel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrackReport {
    /// The carrier code (kuaidi100's `com`, else the one asked for).
    pub carrier: String,
    /// The tracking number (kuaidi100's `nu`, else the one asked for).
    pub number: String,
    /// kuaidi100's main state code as sent: `0` 在途 … `14` 拒签 (see the reference).
    pub state: String,
    /// kuaidi100's `condition` code, if any.
    pub condition: Option<String>,
    /// Signed for (`ischeck == "1"`).
    pub signed: bool,
    /// The history, newest first.
    pub events: Vec<TrackEvent>,
}

/// One event of a parcel's history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrackEvent {
    /// Beijing time (UTC+8) as kuaidi100 gives it, without a zone.
    pub time: NaiveDateTime,
    /// What happened, in the carrier's words (`context`).
    pub text: String,
    /// Where: `areaName` (`浙江,杭州市`), else `location`; `None` when both are empty.
    pub area: Option<String>,
    /// The state's Chinese word (`在途`, `签收`…).
    pub status_word: Option<String>,
    /// The advanced status code (`1002`, `301`…) or the main state code.
    pub status_code: Option<String>,
}

/// A carrier kuaidi100 thinks a number belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CarrierCandidate {
    /// The carrier code, as [`TrackQuery::carrier`] takes it.
    pub code: String,
    /// Its name (`圆通速递`).
    pub name: String,
}

/// A parcel tracking service. Object-safe: hold it as `Arc<dyn TrackingProvider>`.
pub trait TrackingProvider: Send + Sync {
    /// The parcel's current state and history (one query; mind the 30-minute spacing).
    fn query<'a>(&'a self, q: &'a TrackQuery) -> BoxFuture<'a, Result<TrackReport, TrackingError>>;

    /// The carriers a number may belong to, best first; empty when none is known. A paid
    /// feature of kuaidi100: guess locally first and let the user override.
    fn autonumber<'a>(
        &'a self,
        number: &'a str,
    ) -> BoxFuture<'a, Result<Vec<CarrierCandidate>, TrackingError>>;
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The expected values were computed outside Rust:
    /// `printf %s "$param$key$customer" | md5sum | tr a-f A-F`.
    #[test]
    fn sign_is_the_uppercase_md5_of_param_key_customer() {
        let param = r#"{"com":"yuantong","num":"YT9693083639795","resultv2":"4","show":"0","order":"desc"}"#;
        assert_eq!(
            sign(param, "sEcReT-kEy", "CUST0MER42"),
            "CBE5D5F15B2C853CF2EFB90799A79162"
        );
        assert_eq!(sign("a", "b", "c"), "900150983CD24FB0D6963F7D28E17F72");
    }
}
