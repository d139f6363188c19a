//! Campaign applications (好物测评报名): applying, the applications feed and the creator's
//! actions on them. Re-exported by [`crate::wire`].

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The shipping address of an application (R-REVIEW-12).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Address {
    /// A county-level GB/T 2260 division code, 6 digits (e.g. `330106`).
    pub region_code: String,
    /// 省 / 自治区 / 直辖市.
    pub province: String,
    /// 地级市 (or the municipality's 市辖区).
    pub city: String,
    /// 区 / 县.
    pub district: String,
    /// Street, building and room (5–100 characters).
    pub detail: String,
}

/// `POST /v1/applications`: the creator applies to a product-review task (R-REVIEW-12)
/// with a true contact, a shipping address, its strengths (合作优势) and its idea (创作思路).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationRequest {
    pub task_id: String,
    /// 1–20 characters.
    pub contact_name: String,
    /// A mainland mobile number: 11 digits, `1[3-9]` then nine more.
    pub phone: String,
    pub address: Address,
    /// 合作优势, 10–500 characters.
    pub strengths: String,
    /// 创作思路, 10–500 characters.
    pub idea: String,
}

/// Where an application stands. One enum for the whole life of an application.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApplicationStatus {
    /// Sent; the brand has 14 days to decide (R-REVIEW-3).
    Submitted,
    /// Taken back by the creator before the brand decided.
    Withdrawn,
    /// The brand passed, or 14 days went by (R-REVIEW-3).
    NotSelected,
    /// The brand chose this creator; the sample is to be shipped.
    Selected,
    /// The brand shipped the sample (R-REVIEW-10).
    Shipped,
    /// The carrier reports it delivered (R-REVIEW-16).
    Delivered,
    /// Content reported, waiting for the brand's review.
    ContentSubmitted,
    /// The brand rejected the content; revise and re-upload until the deadline (R-REVIEW-14).
    ContentRejected,
    /// The brand approved the content; it goes public on `published_on`.
    ContentApproved,
    /// Approved content is public (R-REVIEW-15 counts from `published_on`).
    Published,
    /// The cooperation period ended with the work done and no reward listed (R-REVIEW-8).
    Completed,
    /// No approved content by the upload deadline (R-REVIEW-13, R-REVIEW-14).
    Failed,
    /// On the public reward list (R-REVIEW-9).
    RewardListed,
    /// The listed reward was paid after the 3 days of publicity (R-REVIEW-9).
    RewardPaid,
}

/// The contact and address an application was sent with, as the brand received them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shipping {
    pub contact_name: String,
    pub phone: String,
    pub address: Address,
}

/// How the brand's selection ended (R-REVIEW-3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SelectionOutcome {
    /// The brand chose this creator.
    Selected,
    /// The brand passed on this creator.
    Passed,
    /// 14 days went by without a choice (R-REVIEW-3).
    Expired,
}

/// The brand's selection decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Selection {
    pub outcome: SelectionOutcome,
    /// When it was decided; for `expired`, the end of the 14th day (Beijing time).
    pub decided_at: DateTime<Utc>,
}

/// The kuaidi100 carrier codes the sandbox ships with. A shipment's `carrier` may be any
/// kuaidi100 code (the set is open); these are the ones the document lists.
pub const CARRIERS: [&str; 8] = [
    "shunfeng",
    "zhongtong",
    "yuantong",
    "yunda",
    "jd",
    "ems",
    "shentong",
    "jtexpress",
];

/// The sample's shipment, once the brand shipped it (R-REVIEW-10).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shipment {
    /// A kuaidi100 carrier code (`com`), e.g. `shunfeng`; see [`CARRIERS`].
    pub carrier: String,
    pub tracking_no: String,
    /// The day it was shipped (Beijing calendar).
    pub shipped_at: NaiveDate,
}

/// The creator's own report on the sample (R-REVIEW-16).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Receipt {
    /// `true`: it arrived; `false`: it did not arrive, or the creator refuses it (the note
    /// says which).
    pub received: bool,
    pub note: Option<String>,
    pub reported_at: DateTime<Utc>,
}

/// The brand's review of the content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewOutcome {
    Approved,
    /// Revise and re-upload until the deadline (R-REVIEW-14).
    Rejected,
}

/// A review of the content last reported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContentReview {
    pub outcome: ReviewOutcome,
    /// Why it was rejected; `None` for an approval.
    pub reason: Option<String>,
    pub reviewed_at: DateTime<Utc>,
}

/// The work the creator reported (R-REVIEW-13..15).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Content {
    pub url: String,
    pub submitted_at: DateTime<Utc>,
    /// `None` while the brand has not reviewed this version.
    pub review: Option<ContentReview>,
}

/// A cash reward on the reward list (R-REVIEW-9).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListedReward {
    /// Yuan.
    pub amount: Decimal,
    /// The day the reward list went public (the day after the cooperation period).
    pub listed_on: NaiveDate,
    /// The day it was paid, after 3 days of publicity; `None` until then.
    pub paid_on: Option<NaiveDate>,
}

/// One application of the signed-in creator to one task.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Application {
    pub id: String,
    pub task_id: String,
    pub status: ApplicationStatus,
    pub applied_at: DateTime<Utc>,
    /// The contact and address it was sent with (R-REVIEW-4: for this sample only).
    pub shipping: Shipping,
    /// 合作优势.
    pub strengths: String,
    /// 创作思路.
    pub idea: String,
    pub withdrawn_at: Option<DateTime<Utc>>,
    /// The brand's decision; `None` while it has not decided (R-REVIEW-3).
    pub selection: Option<Selection>,
    pub shipment: Option<Shipment>,
    /// When the carrier reported the sample delivered (R-REVIEW-16).
    pub delivered_at: Option<DateTime<Utc>>,
    pub receipt: Option<Receipt>,
    pub content: Option<Content>,
    /// The day the work is (or goes) public, as the creator reported it (R-REVIEW-15).
    pub published_on: Option<NaiveDate>,
    pub reward: Option<ListedReward>,
    pub updated_at: DateTime<Utc>,
}

/// `GET /v1/applications`: one page of the creator's applications as a change feed, in
/// the server's change order, exactly as [`super::TaskPage`] pages tasks (no tombstones:
/// applications are never deleted).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationPage {
    pub items: Vec<Application>,
    pub next_cursor: String,
    pub has_more: bool,
    pub remaining: u64,
}

/// `POST /v1/applications/{id}/receipt` (R-REVIEW-16).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceiptReport {
    pub received: bool,
    /// Required when `received` is false (did not arrive, or refused: say which).
    pub note: Option<String>,
}

/// `POST /v1/applications/{id}/content` (R-REVIEW-13..15).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContentReport {
    /// The work's link on the main platform.
    pub url: String,
    /// The day it is (or goes) public; by the upload deadline (R-REVIEW-13).
    pub published_on: NaiveDate,
}
