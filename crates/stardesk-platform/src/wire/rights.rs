//! The rights center (权益中心) and the programmes around it: the growth metrics the level
//! rules look at, the benefits and their claiming, the extra dispatches, the star index,
//! preferred-order invitations, the academy featured case and the MCN agency directory.
//! Re-exported by [`crate::wire`].
//!
//! The platform reports facts; the client computes with `stardesk_domain::rights` (the
//! level and its checklist, the forecast, the reward bars, the DOU+ owed, the hour to
//! accept). Nothing here carries a verdict of a rule.

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

// ---------------------------------------------------------------------------------------
// Growth metrics (R-LEVEL-2, R-LEVEL-3)
// ---------------------------------------------------------------------------------------

/// What a post is (R-LEVEL-2 counts videos and lives alike).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PostKind {
    /// 短视频.
    Video,
    /// 直播.
    Live,
}

/// One post on the main platform.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Post {
    /// The day it was published (Beijing calendar).
    pub published_on: NaiveDate,
    pub kind: PostKind,
    pub valid_plays: u64,
}

/// One natural month of the current 3-month assessment cycle (R-LEVEL-3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CycleMonth {
    /// `YYYY-MM`.
    pub month: String,
    /// Orders in the month, excluding 全民任务 and mini-game tasks (0 still counts as a
    /// month).
    pub orders: u32,
    /// Average valid plays of the month's short videos (0 with none).
    pub avg_valid_plays_video: u64,
    /// Average valid plays of the month's lives (0 with none).
    pub avg_valid_plays_live: u64,
}

/// `GET /v1/rights/metrics`: what the level rules look at, as the platform reports it.
/// The keys are those of `stardesk_domain::rights::Metrics` where it has them; posts come
/// as a list so that the client counts the rolling 30-day window itself (on `as_of` and
/// on the days to come).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RightsMetrics {
    /// The day the figures are for (Beijing calendar).
    pub as_of: NaiveDate,
    /// Followers on the main platform.
    pub followers: u64,
    /// Academy courses finished with at least 80% completion (R-LEVEL-2).
    pub courses_completed: u32,
    /// The posts of the 60 days ending on `as_of`, oldest first.
    pub posts: Vec<Post>,
    /// Average valid plays over the assessment period.
    pub avg_valid_plays: u64,
    /// Likes, the total over the assessment period.
    pub likes: u64,
    /// Orders, excluding 全民任务 and mini-game tasks.
    pub orders: u32,
    pub credit_score: u32,
    /// Intro, region and industries all filled in.
    pub profile_complete: bool,
    /// Submission tasks the creator has joined.
    pub submission_tasks_joined: u32,
    /// The current cycle's natural months so far, oldest first, the current month last
    /// (R-LEVEL-3).
    pub cycle: Vec<CycleMonth>,
}

// ---------------------------------------------------------------------------------------
// Benefits (R-LEVEL-4 to R-LEVEL-6)
// ---------------------------------------------------------------------------------------

open_code! {
    /// What a benefit is: the same names as `stardesk_domain::rights::BenefitKind::key()`.
    pub enum BenefitKind {
        /// 达人专享身份标签.
        IdentityTag = "identity_tag",
        /// 优质投稿任务额外派发 (R-LEVEL-7).
        ExtraDispatch = "extra_dispatch",
        /// 钻展位.
        DiamondBooth = "diamond_booth",
        /// 达人广场广告位曝光.
        AdSlot = "ad_slot",
        /// 投稿任务收益保底卡 (R-LEVEL-6).
        GuaranteeCard = "guarantee_card",
        /// 1对1精准客户推荐.
        OneToOneRecommendation = "one_to_one_recommendation",
        /// 学院精选案例优先上线权 (R-LEVEL-8).
        FeaturedCase = "featured_case",
        /// 商业案例行业外放.
        CasePromotion = "case_promotion",
        /// 达人榜单优先上榜权.
        Ranking = "ranking",
        /// 官方1v1运营指导社群.
        OpsGroup = "ops_group",
        /// 年终盛典特邀嘉宾.
        Gala = "gala",
        /// 学院荣誉特聘讲师.
        Lecturer = "lecturer",
        /// 繁星计划优先加入权.
        StarsPlanPriority = "stars_plan_priority",
    }
}

/// How a benefit reaches the creator (R-LEVEL-5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BenefitClaim {
    /// Claimed in rights center → my benefits → claim.
    Claimable,
    /// Dispatched by the platform; nothing to claim.
    Automatic,
}

/// Where a benefit card stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BenefitStatus {
    /// Claimable and not claimed yet.
    Available,
    /// Claimed by the creator, or dispatched (an automatic benefit is `claimed` from the
    /// day it is issued); a guarantee card is usable until `expires_on`.
    Claimed,
    /// Used (a guarantee card applied to a task).
    Used,
    /// Past `expires_on` before it was used.
    Expired,
}

/// One benefit card of the creator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BenefitCard {
    pub id: String,
    pub kind: BenefitKind,
    /// The level (1..=4) that grants it.
    pub level: u8,
    /// The value the platform states, in yuan (a guarantee card ¥50, R-LEVEL-6; a diamond
    /// booth ¥5,000 at LV2), or `None` for a benefit stated without one.
    pub value: Option<Decimal>,
    pub claim: BenefitClaim,
    pub issued_on: NaiveDate,
    /// The last day it can be used (a guarantee card: 180 days counting the issue day,
    /// R-LEVEL-6); `None` when it does not expire.
    pub expires_on: Option<NaiveDate>,
    pub status: BenefitStatus,
}

/// `GET /v1/rights/benefits`: every card, the newest issued first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BenefitList {
    pub items: Vec<BenefitCard>,
}

// ---------------------------------------------------------------------------------------
// Extra dispatches (R-LEVEL-4, R-LEVEL-7)
// ---------------------------------------------------------------------------------------

/// One 30-day period of extra submission-task dispatches.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DispatchWindow {
    pub starts_on: NaiveDate,
    /// The last day of the period, `starts_on` + 29.
    pub ends_on: NaiveDate,
    /// Dispatches promised for the period by the creator's level (R-LEVEL-4).
    pub promised: u32,
    /// Dispatches sent so far in the period.
    pub sent: u32,
}

/// `GET /v1/rights/dispatches`: the periods, oldest first, the current one last.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DispatchWindows {
    pub windows: Vec<DispatchWindow>,
}

// ---------------------------------------------------------------------------------------
// Star index (R-LEVEL-9)
// ---------------------------------------------------------------------------------------

/// The star index (星图指数) of one day and its five sub-indices, 0–100 with up to two
/// decimals. The platform blends them with weights it does not publish (R-LEVEL-9).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StarIndex {
    /// The day the figures are for.
    pub day: NaiveDate,
    pub index: Decimal,
    /// 传播指数: 30-day plays, interactions, completion rate.
    pub reach: Decimal,
    /// 合作指数: credit score, client ratings, cheating.
    pub cooperation: Decimal,
    /// 成长指数: 15-day follower growth.
    pub growth: Decimal,
    /// 性价比指数: CPM/CPC, follower quality.
    pub value_for_money: Decimal,
    /// 种草指数: cart and link click conversion.
    pub seeding: Decimal,
}

/// `GET /v1/rights/star-index/history`: past days, oldest first, today last. Optional: a
/// platform without it answers 404.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StarIndexHistory {
    pub items: Vec<StarIndex>,
}

/// `days` of `GET /v1/rights/star-index/history` when none is given, and the most.
pub const STAR_INDEX_HISTORY_DEFAULT_DAYS: u32 = 90;
pub const STAR_INDEX_HISTORY_MAX_DAYS: u32 = 365;

// ---------------------------------------------------------------------------------------
// Preferred-order invitations (R-PREF-*)
// ---------------------------------------------------------------------------------------

/// What the platform asks the creator (R-PREF-7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InvitationKind {
    /// 意向询问: an intent inquiry; counts toward the acceptance rate (R-PREF-2).
    Inquiry,
    /// 派单: a dispatch, to accept within 1 hour of arriving (R-PREF-4).
    Dispatch,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InvitationStatus {
    /// Not answered yet.
    Pending,
    Accepted,
    Declined,
    /// A dispatch not accepted within its hour (R-PREF-4).
    Expired,
}

/// One preferred-order invitation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invitation {
    pub id: String,
    pub kind: InvitationKind,
    pub task_title: String,
    pub brand: String,
    /// The order's price in yuan, before the fees (R-PREF-3).
    pub price: Decimal,
    pub received_at: DateTime<Utc>,
    pub status: InvitationStatus,
}

/// The creator's answers to preferred inquiries (R-PREF-2): `accepted` of `total`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Acceptance {
    pub accepted: u32,
    /// Inquiries answered (accepted or declined) or expired; pending ones do not count.
    pub total: u32,
}

/// `GET /v1/rights/invitations`: every invitation received, the newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationList {
    pub items: Vec<Invitation>,
    pub acceptance: Acceptance,
}

// ---------------------------------------------------------------------------------------
// Academy featured case (R-LEVEL-8)
// ---------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FeaturedCaseStatus {
    UnderReview,
    Live,
}

/// The creator's one featured case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeaturedCase {
    pub text: String,
    pub status: FeaturedCaseStatus,
    pub submitted_at: DateTime<Utc>,
}

/// `GET /v1/rights/featured-case`: the case, or `None` before the creator submitted one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeaturedCaseState {
    pub case: Option<FeaturedCase>,
}

/// `POST /v1/rights/featured-case`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeaturedCaseRequest {
    /// 1 to [`FEATURED_CASE_MAX_CHARS`] characters.
    pub text: String,
}

/// The longest featured-case text, in characters.
pub const FEATURED_CASE_MAX_CHARS: usize = 2000;

// ---------------------------------------------------------------------------------------
// MCN agencies (R-MCN-1, R-MCN-2)
// ---------------------------------------------------------------------------------------

/// The assessment channel an agency's level was reached through (R-MCN-1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgencyChannel {
    /// The count of high-level creators bound.
    HighLevelCreators,
    /// The monthly paid GMV.
    MonthlyGmv,
}

/// One agency of the directory, as creators see it before binding (R-MCN-2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgencyEntry {
    pub id: String,
    pub name: String,
    /// 1..=5; `None` before its first rating (R-MCN-1: in its second month).
    pub level: Option<u8>,
    /// The channel that rated it; `None` when `level` is.
    pub channel: Option<AgencyChannel>,
    /// The rating day the level is from (a 3rd of a month); `None` when `level` is.
    pub rated_on: Option<NaiveDate>,
    /// Creators bound to it.
    pub creators: u32,
    /// The day it joined the platform (入驻), from which its first rating counts.
    pub founded_on: NaiveDate,
}

/// `GET /v1/agencies`: the directory, by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgencyDirectory {
    pub items: Vec<AgencyEntry>,
}
