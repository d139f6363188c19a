//! The platform API's wire format, v1 — exactly what `docs/platform-api.yaml` describes.
//!
//! These are the only serde types of the platform client: the creator, the task hall and
//! the problem documents here, the campaign applications in [`applications`], the rights
//! center in [`rights`], all re-exported at this level. The sandbox serves the same
//! types, and the platform tests prove the pair against a real server over loopback.
//! Amounts are decimal strings in yuan; ids are strings (the platform's ids are u64 and
//! exceed JavaScript's 2^53); dates are ISO `YYYY-MM-DD`; instants are RFC 3339 UTC.

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// `GET /v1/me`: the signed-in creator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Me {
    pub creator_id: String,
    pub nickname: String,
    /// Followers on the main platform.
    pub followers: u64,
    /// `None` for an independent creator (独立创作达人).
    pub agency: Option<Agency>,
    /// Creator level 1..=4, or 0 before LV1.
    pub level: u8,
}

/// The MCN agency a creator is bound to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agency {
    pub id: String,
    pub name: String,
    /// R-REVIEW-11: an MCN whose deposit was ever deducted makes its creators ineligible
    /// for product-review campaigns.
    pub deposit_ever_deducted: bool,
}

/// Task category as published in the task hall.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// 投稿
    Submission,
    /// 招募
    Recruitment,
    /// 指派 (一口价)
    Assigned,
    /// 优选
    Preferred,
}

/// How a recruitment task settles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SettlementMode {
    /// 好物测评: the sample, optionally with a cash reward.
    ProductReview,
    /// An ordinary paid recruitment.
    Paid,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContentForm {
    Video,
    Live,
    Picture,
}

/// One valid-play range of R-REVIEW-5: `above < plays <= up_to` (no `up_to` = unbounded).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlayTier {
    pub above: u64,
    pub up_to: Option<u64>,
    pub amount: Decimal,
}

/// One rank range of R-REVIEW-6: ranks `from..=to` each get `amount`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RankPrize {
    pub from: u32,
    pub to: u32,
    pub amount: Decimal,
}

/// The reward scheme of a task.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reward {
    /// A fixed fee for the work.
    Fixed { amount: Decimal },
    /// R-REVIEW-5.
    PlayTiers { tiers: Vec<PlayTier> },
    /// R-REVIEW-6.
    Rank { prizes: Vec<RankPrize> },
    /// R-REVIEW-1: the free sample only.
    SampleOnly,
}

/// An open task as the platform publishes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Task {
    pub id: String,
    pub title: String,
    pub brand: String,
    pub category: Category,
    /// Set for recruitment tasks only.
    pub settlement_mode: Option<SettlementMode>,
    pub industry: String,
    pub content_form: ContentForm,
    pub reward: Reward,
    /// Value of the free sample (product-review), yuan.
    pub sample_value: Option<Decimal>,
    pub apply_start: NaiveDate,
    pub apply_end: NaiveDate,
    /// R-REVIEW-10: the date the client promised to ship by.
    pub ship_by: Option<NaiveDate>,
    pub upload_deadline: NaiveDate,
    /// R-REVIEW-15: days the content must stay public.
    pub retention_days: u32,
    pub min_followers: u64,
    pub max_followers: Option<u64>,
    pub slots_wanted: u32,
    pub slots_taken: u32,
    /// R-REVIEW-2: content requirements, e.g. a required component or link.
    pub requirements: Vec<String>,
    pub description: String,
    pub updated_at: DateTime<Utc>,
}

/// One entry of the task feed: a live task, or a tombstone for a task that was closed or
/// deleted since the client last saw it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum TaskEntry {
    Open(Box<Task>),
    Closed {
        id: String,
        updated_at: DateTime<Utc>,
    },
    Deleted {
        id: String,
        updated_at: DateTime<Utc>,
    },
}

/// Read without serde's buffering of internally tagged enums (every value of the entry
/// copied into an intermediate tree first, then read again): when `status` comes first,
/// as StarDesk's platform writes it, the rest of the object is read straight into what
/// the status says, in one pass; otherwise the members are gathered first, in order, and
/// read after. A sync reads 100,000 of them. Same answers and the same failures as the
/// derived enum (a second `status`, a field twice, a status that is not a string).
impl<'de> Deserialize<'de> for TaskEntry {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(EntryVisitor)
    }
}

enum Status {
    Open,
    Closed,
    Deleted,
}

/// A status is a string, as the derived enum reads its tag.
impl<'de> Deserialize<'de> for Status {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct StatusVisitor;
        impl serde::de::Visitor<'_> for StatusVisitor {
            type Value = Status;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a status: open, closed or deleted")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Status, E> {
                match v {
                    "open" => Ok(Status::Open),
                    "closed" => Ok(Status::Closed),
                    "deleted" => Ok(Status::Deleted),
                    other => Err(E::unknown_variant(other, &["open", "closed", "deleted"])),
                }
            }
        }
        d.deserialize_str(StatusVisitor)
    }
}

#[derive(Deserialize)]
struct Tombstone {
    id: String,
    updated_at: DateTime<Utc>,
}

impl TaskEntry {
    /// The entry of `status` read from the rest of its object.
    fn read<'de, D: serde::Deserializer<'de>>(status: Status, rest: D) -> Result<Self, D::Error> {
        Ok(match status {
            Status::Open => TaskEntry::Open(Box::new(Task::deserialize(rest)?)),
            Status::Closed => {
                let t = Tombstone::deserialize(rest)?;
                TaskEntry::Closed {
                    id: t.id,
                    updated_at: t.updated_at,
                }
            }
            Status::Deleted => {
                let t = Tombstone::deserialize(rest)?;
                TaskEntry::Deleted {
                    id: t.id,
                    updated_at: t.updated_at,
                }
            }
        })
    }
}

struct EntryVisitor;

/// A member name, borrowed from the input when it has no escapes.
struct Key<'de>(std::borrow::Cow<'de, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> serde::de::Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a member name")
            }
            fn visit_borrowed_str<E: serde::de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(std::borrow::Cow::Borrowed(v)))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(std::borrow::Cow::Owned(v.to_owned())))
            }
        }
        d.deserialize_str(KeyVisitor)
    }
}

/// The members after a leading `status`, as the entry's type reads them; a second
/// `status` fails as the derived enum's does.
struct AfterStatus<A>(A);

impl<'de, A: serde::de::MapAccess<'de>> serde::de::MapAccess<'de> for AfterStatus<A> {
    type Error = A::Error;

    fn next_key_seed<K: serde::de::DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        use serde::de::value::BorrowedStrDeserializer;
        use serde::de::{Error, IntoDeserializer};
        use std::borrow::Cow;
        match self.0.next_key::<Key<'de>>()? {
            None => Ok(None),
            Some(Key(k)) if k == "status" => Err(A::Error::duplicate_field("status")),
            Some(Key(Cow::Borrowed(k))) => {
                seed.deserialize(BorrowedStrDeserializer::new(k)).map(Some)
            }
            Some(Key(Cow::Owned(k))) => seed
                .deserialize(IntoDeserializer::<A::Error>::into_deserializer(k))
                .map(Some),
        }
    }

    fn next_value_seed<V: serde::de::DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, A::Error> {
        self.0.next_value_seed(seed)
    }
}

impl<'de> serde::de::Visitor<'de> for EntryVisitor {
    type Value = TaskEntry;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a task entry (an object with a status)")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<TaskEntry, A::Error> {
        use serde::de::value::{MapAccessDeserializer, MapDeserializer};
        use serde::de::Error;
        let first: Option<Key<'de>> = map.next_key()?;
        if first.as_ref().is_some_and(|k| k.0 == "status") {
            let status: Status = map.next_value()?;
            return TaskEntry::read(status, MapAccessDeserializer::new(AfterStatus(map)));
        }
        // `status` elsewhere: every member gathered in order (a field twice still fails
        // where the entry's type reads it), then read as the status says.
        let mut members: Vec<(String, serde_json::Value)> = Vec::new();
        if let Some(Key(key)) = first {
            members.push((key.into_owned(), map.next_value()?));
        }
        while let Some(member) = map.next_entry::<String, serde_json::Value>()? {
            members.push(member);
        }
        let mut statuses = members.iter().filter(|(k, _)| k == "status");
        let status = match (statuses.next(), statuses.next()) {
            (None, _) => return Err(A::Error::missing_field("status")),
            (Some(_), Some(_)) => return Err(A::Error::duplicate_field("status")),
            (Some((_, s)), None) => Status::deserialize(s).map_err(A::Error::custom)?,
        };
        members.retain(|(k, _)| k != "status");
        let rest = MapDeserializer::<_, serde_json::Error>::new(members.into_iter());
        TaskEntry::read(status, rest).map_err(A::Error::custom)
    }
}

impl TaskEntry {
    pub fn id(&self) -> &str {
        match self {
            TaskEntry::Open(t) => &t.id,
            TaskEntry::Closed { id, .. } | TaskEntry::Deleted { id, .. } => id,
        }
    }
}

/// `GET /v1/tasks`: one page of the change feed, in the server's change order.
///
/// `next_cursor` is opaque; passing it back returns the entries changed after this page.
/// `has_more` is false on the last page; its `next_cursor` is still the one to keep for the
/// next incremental sync.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskPage {
    pub items: Vec<TaskEntry>,
    pub next_cursor: String,
    pub has_more: bool,
    /// Entries left after this page, for progress reporting.
    pub remaining: u64,
}

/// An RFC 9457 problem document: every error the API returns.
///
/// `detail`, `code` and `errors` are left out when they have nothing to say (the one place
/// the API leaves keys out rather than sending null).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// Extension member: a stable snake_case code on 400s about a header, on 409s (a
    /// [`ConflictCode`]) and on 422s (`invalid_fields`, `idempotency_key_reused`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Extension member of a 422 `invalid_fields`: every field at fault.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}

/// Media type of problem documents.
pub const PROBLEM_JSON: &str = "application/problem+json";

// ---------------------------------------------------------------------------------------
// Codes of refusals and invalid fields, shared by every write
// ---------------------------------------------------------------------------------------

/// A code enum that a newer server may extend: known codes are variants, anything else is
/// kept as `Other(code)`, so one new code never makes a whole answer unreadable.
/// Serialized as its snake_case text.
macro_rules! open_code {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $text:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(from = "String", into = "String")]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
            /// A code this version does not know (sent by a newer server).
            Other(String),
        }

        impl $name {
            /// The code as it goes over the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $( $name::$variant => $text, )+
                    $name::Other(code) => code,
                }
            }
        }

        impl From<String> for $name {
            fn from(code: String) -> Self {
                match code.as_str() {
                    $( $text => $name::$variant, )+
                    _ => $name::Other(code),
                }
            }
        }

        impl From<&str> for $name {
            fn from(code: &str) -> Self {
                $name::from(code.to_owned())
            }
        }

        impl From<$name> for String {
            fn from(code: $name) -> String {
                match code {
                    $name::Other(code) => code,
                    known => known.as_str().to_owned(),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

pub mod applications;
pub mod rights;

pub use applications::*;
pub use rights::*;

/// The header `POST /v1/applications` needs (and the rights center's claims and answers):
/// a UUID the client makes once per request and sends again, unchanged, on every retry.
pub const IDEMPOTENCY_KEY: &str = "Idempotency-Key";

open_code! {
    /// Why a 409 refused an action: the request was well formed but the application or the
    /// task is not in a state that allows it.
    pub enum ConflictCode {
        /// Applying outside the task's application window, or to a closed task (R-REVIEW-2);
        /// answering a preferred dispatch after its hour (R-PREF-4).
        WindowClosed = "window_closed",
        /// Every slot of the task is taken (R-REVIEW-2).
        SlotsFull = "slots_full",
        /// The creator does not meet the task's entry rules (R-REVIEW-11).
        NotEligible = "not_eligible",
        /// The creator already has an application to this task that was not withdrawn.
        AlreadyApplied = "already_applied",
        /// Only an application the brand has not decided on can be withdrawn.
        NotWithdrawable = "not_withdrawable",
        /// No sample was shipped yet, so there is nothing to report on (R-REVIEW-16).
        NotShipped = "not_shipped",
        /// The receipt can be reported only while the sample is shipped or delivered.
        ReceiptClosed = "receipt_closed",
        /// Content needs an application the brand selected.
        SelectionRequired = "selection_required",
        /// The upload deadline has passed (R-REVIEW-14).
        UploadClosed = "upload_closed",
        /// The content was already approved.
        AlreadyApproved = "already_approved",
        /// The benefit is dispatched automatically; there is nothing to claim (R-LEVEL-5).
        AutomaticBenefit = "automatic_benefit",
        /// The benefit expired before it was claimed (R-LEVEL-6).
        BenefitExpired = "benefit_expired",
        /// The benefit was used.
        BenefitUsed = "benefit_used",
        /// The benefit was claimed already (by a request with another idempotency key).
        AlreadyClaimed = "already_claimed",
        /// The invitation was answered already (by a request with another idempotency key).
        AlreadyAnswered = "already_answered",
        /// The creator has its one featured case already (R-LEVEL-8).
        AlreadySubmitted = "already_submitted",
    }
}

open_code! {
    /// What is wrong with one field of a request (a 422's `errors`).
    pub enum FieldErrorCode {
        /// Missing, null or blank.
        Required = "required",
        /// A JSON value of the wrong type.
        InvalidType = "invalid_type",
        TooShort = "too_short",
        TooLong = "too_long",
        /// Not the documented shape (a phone, a region code, an id, a URL).
        InvalidFormat = "invalid_format",
        /// A province or prefecture code where a county-level one belongs.
        NotCountyLevel = "not_county_level",
        /// No task has this id.
        UnknownTask = "unknown_task",
        /// The task is not a product-review recruitment (R-REVIEW-1).
        NotProductReview = "not_product_review",
        /// A publishing day before the application was made.
        BeforeApplication = "before_application",
        /// A publishing day after the upload deadline (R-REVIEW-13).
        AfterUploadDeadline = "after_upload_deadline",
    }
}

/// One field at fault in a 422.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// The field's path in the request body, e.g. `phone` or `address.region_code`.
    pub field: String,
    pub code: FieldErrorCode,
    /// A sentence for people; never the value itself (it may be personal data).
    pub message: String,
}

/// `code` of a 422 whose `errors` list the fields at fault.
pub const INVALID_FIELDS: &str = "invalid_fields";
/// `code` of a 422 for an `Idempotency-Key` used before with another body.
pub const IDEMPOTENCY_KEY_REUSED: &str = "idempotency_key_reused";
/// `code` of a 400 for a missing `Idempotency-Key`.
pub const IDEMPOTENCY_KEY_MISSING: &str = "idempotency_key_missing";
/// `code` of a 400 for an `Idempotency-Key` that is not a UUID.
pub const IDEMPOTENCY_KEY_INVALID: &str = "idempotency_key_invalid";
/// `code` of a 400 for a body that is not a JSON object.
pub const MALFORMED_BODY: &str = "malformed_body";

#[cfg(test)]
mod tests {
    use super::*;

    /// What serde derives for the tagged enum: the reading `TaskEntry` replaces.
    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(tag = "status", rename_all = "snake_case")]
    enum Derived {
        Open(Box<Task>),
        Closed {
            id: String,
            updated_at: DateTime<Utc>,
        },
        Deleted {
            id: String,
            updated_at: DateTime<Utc>,
        },
    }

    impl From<Derived> for TaskEntry {
        fn from(d: Derived) -> Self {
            match d {
                Derived::Open(t) => TaskEntry::Open(t),
                Derived::Closed { id, updated_at } => TaskEntry::Closed { id, updated_at },
                Derived::Deleted { id, updated_at } => TaskEntry::Deleted { id, updated_at },
            }
        }
    }

    const TASK: &str = r#"{"id":"7","title":"面霜测评","brand":"花间集","category":"recruitment",
        "settlement_mode":"product_review","industry":"美妆","content_form":"video",
        "reward":{"kind":"fixed","amount":"100.00"},"sample_value":"299.00",
        "apply_start":"2026-11-01","apply_end":"2026-11-30","ship_by":null,
        "upload_deadline":"2026-12-31","retention_days":30,"min_followers":10000,
        "max_followers":null,"slots_wanted":20,"slots_taken":3,"requirements":["挂车"],
        "description":"d","updated_at":"2026-11-20T08:00:00Z"}"#;

    #[test]
    fn task_entries_read_as_the_derived_tagged_enum_reads_them() {
        let open = TASK.replacen('{', r#"{"status":"open","#, 1);
        let open_last = TASK.replacen(r#""id":"7","#, r#""id":"7","status":"open","#, 1);
        let cases = [
            open.clone(),
            open_last,
            r#"{"status":"closed","id":"8","updated_at":"2026-11-21T00:00:00Z"}"#.into(),
            r#"{"updated_at":"2026-11-21T00:00:00Z","id":"9","status":"deleted"}"#.into(),
            r#"{"status":"paused","id":"9","updated_at":"2026-11-21T00:00:00Z"}"#.into(),
            r#"{"id":"9","updated_at":"2026-11-21T00:00:00Z"}"#.into(),
            r#"{"status":"closed","id":"8"}"#.into(),
            open.replace(r#""retention_days":30"#, r#""retention_days":"30""#),
            r#"[1,2]"#.into(),
            r#"null"#.into(),
            // Twice: a status (first or not), a field (status first or not), an unknown
            // member (ignored, as always), and a status that is not a string.
            r#"{"status":"closed","id":"8","updated_at":"2026-11-21T00:00:00Z","status":"open"}"#
                .into(),
            r#"{"id":"8","status":"closed","updated_at":"2026-11-21T00:00:00Z","status":"closed"}"#
                .into(),
            r#"{"status":"closed","id":"8","id":"9","updated_at":"2026-11-21T00:00:00Z"}"#.into(),
            r#"{"id":"a","status":"closed","id":"b","updated_at":"2026-11-21T00:00:00Z"}"#.into(),
            r#"{"status":"closed","id":"8","x":1,"x":2,"updated_at":"2026-11-21T00:00:00Z"}"#
                .into(),
            r#"{"x":1,"id":"8","x":2,"status":"deleted","updated_at":"2026-11-21T00:00:00Z"}"#
                .into(),
            r#"{"status":{"open":null},"id":"8","updated_at":"2026-11-21T00:00:00Z"}"#.into(),
            r#"{"id":"8","status":{"closed":null},"updated_at":"2026-11-21T00:00:00Z"}"#.into(),
            r#"{"st\u0061tus":"closed","id":"8","updated_at":"2026-11-21T00:00:00Z"}"#.into(),
        ];
        let mut read = 0;
        for json in &cases {
            let ours = serde_json::from_str::<TaskEntry>(json);
            let derived = serde_json::from_str::<Derived>(json).map(TaskEntry::from);
            match (ours, derived) {
                (Ok(a), Ok(b)) => {
                    assert_eq!(a, b, "{json}");
                    read += 1;
                }
                (Err(_), Err(_)) => {}
                (a, b) => panic!("{json}: ours {a:?}, derived {b:?}"),
            }
        }
        assert_eq!(read, 7, "the seven well-formed entries were read");
        // A page of them, as the feed sends it.
        let page =
            format!(r#"{{"items":[{open}],"next_cursor":"r1","has_more":false,"remaining":0}}"#);
        let page: TaskPage = serde_json::from_str(&page).expect("page");
        assert_eq!(page.items[0].id(), "7");
    }
}
