//! The platform API's wire format, v1 — exactly what `docs/platform-api.yaml` describes.
//!
//! These are the only serde types of the platform client. The sandbox serves the same
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

/// Media type of problem documents.
pub const PROBLEM_JSON: &str = "application/problem+json";
