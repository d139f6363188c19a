//! The rights center's IPC types: the level and its checklist, the demotion forecast, the
//! reward tasks of the cycle, the benefits wallet with the DOU+ ledger, the star index,
//! preferred invitations, the joining checker and the agency directory.
//!
//! Money and rates cross as decimal text (`"42.50"`, `"81.82"`); the star index as
//! numbers (it is drawn, never summed).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::bindings::{TsModule, TsType};

crate::code_enum! {
    /// A metric of the level rules (R-LEVEL-2): the keys of `stardesk level --metrics`.
    pub enum LevelItemCode {
        Followers = "followers",
        CoursesCompleted = "courses_completed",
        Posts30d = "posts_30d",
        AvgValidPlays = "avg_valid_plays",
        Likes = "likes",
        Orders = "orders",
        CreditScore = "credit_score",
        /// Yes/no: `have` is 1 or 0, `op` is `is`, `need` is 1.
        ProfileComplete = "profile_complete",
        SubmissionTasksJoined = "submission_tasks_joined",
    }
}

/// What the level rules look at: the object of `stardesk level --metrics FILE`, and the
/// planner's input. Every key is required.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct LevelMetrics {
    #[ts(type = "number")]
    pub followers: u64,
    pub courses_completed: u32,
    pub posts_30d: u32,
    #[ts(type = "number")]
    pub avg_valid_plays: u64,
    #[ts(type = "number")]
    pub likes: u64,
    pub orders: u32,
    pub credit_score: u32,
    pub profile_complete: bool,
    pub submission_tasks_joined: u32,
}

/// One requirement of one level with the creator's value (R-LEVEL-2): `have op need`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RequirementView {
    pub level: u8,
    pub item: LevelItemCode,
    #[ts(type = "number")]
    pub have: u64,
    /// `">="`, `">"`, or `"is"` (a yes/no item).
    pub op: String,
    #[ts(type = "number")]
    pub need: u64,
    pub met: bool,
}

/// The level and the checklists (R-LEVEL-1, R-LEVEL-2): `stardesk level --json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LevelReportView {
    /// 0..=4.
    pub level: u8,
    /// `level + 1`, `None` at LV4.
    pub next_level: Option<u8>,
    /// Every requirement of every level, by level.
    pub requirements: Vec<RequirementView>,
    /// The next level's requirements not met.
    pub missing: Vec<RequirementView>,
}

/// Keeping the level (R-LEVEL-1): when the rolling 30-day post count drops below the
/// level's floor if nothing new is posted, and what is close to its threshold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ForecastView {
    pub level: u8,
    /// The fewest posts in 30 days that keep `level`.
    #[ts(type = "number | null")]
    pub posts_floor: Option<u64>,
    #[ts(type = "number")]
    pub posts_today: u64,
    /// `YYYY-MM-DD`: the first day the count falls short with nothing new (today when it
    /// already does); `None` when it never would.
    pub drops_on: Option<String>,
    /// Posts to publish by `drops_on` (that day included) to keep `level` on it.
    pub posts_needed: Option<u32>,
    /// Met requirements of the level within 10% of their threshold.
    pub near: Vec<RequirementView>,
    /// Requirements of the level no longer met (other than posts).
    pub failing: Vec<RequirementView>,
}

/// One natural month of the 3-month cycle (R-LEVEL-3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CycleMonthView {
    /// `YYYY-MM`.
    pub month: String,
    pub orders: u32,
    #[ts(type = "number")]
    pub avg_valid_plays_video: u64,
    #[ts(type = "number")]
    pub avg_valid_plays_live: u64,
}

/// One level's reward-task bar and where the creator is against it (R-LEVEL-3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RewardBarView {
    pub level: u8,
    /// Average orders per natural month, at least.
    pub orders_per_month: u32,
    /// Average valid plays, above.
    #[ts(type = "number")]
    pub plays_above: u64,
    pub orders_met: bool,
    pub plays_met: bool,
    pub met: bool,
}

/// The reward tasks of the current 3-month cycle (R-LEVEL-3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RewardTrackerView {
    pub cycle_months: u32,
    /// The cycle's months so far, oldest first (a month with no order counts).
    pub months: Vec<CycleMonthView>,
    /// Averages over those months, 2 decimals.
    pub avg_orders: String,
    pub avg_plays_video: String,
    pub avg_plays_live: String,
    /// `short_video` or `live`: the channel whose average counts.
    pub better: String,
    pub bars: Vec<RewardBarView>,
}

/// The academy featured case (R-LEVEL-8).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FeaturedCaseView {
    pub text: String,
    /// `under_review` or `live`.
    pub status: String,
    /// RFC 3339.
    pub submitted_at: String,
}

/// The rights center's front: the level card, the forecast, the reward tracker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RightsView {
    /// RFC 3339: when the rights were last synced; `None` before the first sync (then
    /// everything below is of empty metrics).
    pub synced_at: Option<String>,
    /// The day the metrics are for.
    pub as_of: Option<String>,
    pub metrics: LevelMetrics,
    pub level: LevelReportView,
    pub forecast: ForecastView,
    pub reward: RewardTrackerView,
    /// Whether the creator may submit a featured case (LV2 and up, R-LEVEL-4 and
    /// R-LEVEL-8), and the case submitted.
    pub featured_case_allowed: bool,
    pub featured_case: Option<FeaturedCaseView>,
}

crate::code_enum! {
    /// What a benefit is (R-LEVEL-4).
    pub enum BenefitKindCode {
        IdentityTag = "identity_tag",
        ExtraDispatch = "extra_dispatch",
        DiamondBooth = "diamond_booth",
        AdSlot = "ad_slot",
        GuaranteeCard = "guarantee_card",
        OneToOneRecommendation = "one_to_one_recommendation",
        FeaturedCase = "featured_case",
        CasePromotion = "case_promotion",
        Ranking = "ranking",
        OpsGroup = "ops_group",
        Gala = "gala",
        Lecturer = "lecturer",
        StarsPlanPriority = "stars_plan_priority",
        /// A kind this version does not know.
        Other = "other",
    }
}

crate::code_enum! {
    /// Where a benefit card stands.
    pub enum BenefitStatusCode {
        Available = "available",
        Claimed = "claimed",
        Used = "used",
        Expired = "expired",
    }
}

crate::code_enum! {
    /// A claim or an answer the creator made that the platform has not confirmed yet.
    pub enum SendStateCode {
        /// Queued; sent as soon as the platform answers (exactly once).
        Waiting = "waiting",
        /// The platform refused it; `send_error` says why.
        Refused = "refused",
    }
}

/// One benefit card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BenefitView {
    pub id: String,
    pub kind: BenefitKindCode,
    /// The platform's kind name, for a kind this version does not know.
    pub kind_name: String,
    pub level: u8,
    /// Yuan, as stated by the platform.
    pub value: Option<String>,
    /// Claimed in the rights center (R-LEVEL-5); else dispatched automatically.
    pub claimable: bool,
    /// `YYYY-MM-DD`.
    pub issued_on: String,
    /// The last day it can be used; `None` when it does not expire.
    pub expires_on: Option<String>,
    /// Days from today to `expires_on` (0 on the day); `None` when passed or none.
    pub days_left: Option<u32>,
    pub status: BenefitStatusCode,
    /// A claim made here and not confirmed yet.
    pub send_state: Option<SendStateCode>,
    pub send_error: Option<String>,
    /// The platform's conflict code of a refusal (`benefit_expired`, `window_closed`, …),
    /// for the window's own words; `send_error` when it gave none.
    pub send_refusal: Option<String>,
}

/// One 30-day period of extra dispatches (R-LEVEL-4, R-LEVEL-7).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DispatchPeriodView {
    pub starts_on: String,
    pub ends_on: String,
    pub promised: u32,
    pub sent: u32,
    /// Promised and not sent; `None` while the period runs.
    pub owed: Option<u32>,
    /// DOU+ owed for the period (20 per dispatch owed, R-LEVEL-7); `None` while it runs.
    pub dou_plus: Option<u32>,
    pub current: bool,
}

/// The benefits wallet and the DOU+ ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BenefitsView {
    /// Claimable first, then by expiry; used and expired last.
    pub items: Vec<BenefitView>,
    /// Oldest first, the current period last.
    pub dispatches: Vec<DispatchPeriodView>,
    /// DOU+ owed over the ended periods.
    pub dou_plus_owed: u32,
}

crate::code_enum! {
    /// What a preferred invitation is (R-PREF-7).
    pub enum InvitationKindCode {
        /// 意向询问: counts toward the acceptance rate (R-PREF-2).
        Inquiry = "inquiry",
        /// 派单: accept within 1 hour (R-PREF-4).
        Dispatch = "dispatch",
    }
}

crate::code_enum! {
    pub enum InvitationStatusCode {
        Pending = "pending",
        Accepted = "accepted",
        Declined = "declined",
        Expired = "expired",
    }
}

/// What an order nets (R-PREF-3): the price less the 15% technical fee, and the 5%
/// platform fee for an independent creator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct NetPreview {
    pub price: String,
    pub technical_fee: String,
    pub platform_fee: String,
    pub net: String,
}

/// One preferred invitation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct InvitationView {
    pub id: String,
    pub kind: InvitationKindCode,
    pub task_title: String,
    pub brand: String,
    /// RFC 3339.
    pub received_at: String,
    /// RFC 3339: the end of the hour to accept (a dispatch, R-PREF-4).
    pub respond_by: Option<String>,
    /// Seconds left of that hour now; `None` when over or not a dispatch.
    #[ts(type = "number | null")]
    pub seconds_left: Option<i64>,
    pub status: InvitationStatusCode,
    pub net: NetPreview,
    /// The answer made here and not confirmed yet: `accept` or `decline`.
    pub answer: Option<String>,
    pub send_state: Option<SendStateCode>,
    pub send_error: Option<String>,
    /// The platform's conflict code of a refusal (`benefit_expired`, `window_closed`, …),
    /// for the window's own words; `send_error` when it gave none.
    pub send_refusal: Option<String>,
}

/// The acceptance rate of preferred inquiries against its 80% floor (R-PREF-2, R-PREF-5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AcceptanceView {
    pub accepted: u32,
    pub total: u32,
    /// Percent, 2 decimals.
    pub rate: String,
    pub below_floor: bool,
    /// After declining one more inquiry.
    pub after_decline: String,
    pub after_decline_below_floor: bool,
    /// Inquiries that can still be declined, none accepted in between, at or above 80%.
    pub declines_left: u32,
    pub floor: String,
}

/// Preferred invitations, pending first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct InvitationsView {
    pub items: Vec<InvitationView>,
    pub acceptance: AcceptanceView,
    /// The creator is in the Stars plan (繁星): a preferred order does not count toward
    /// its order total, and the 15% is still deducted (R-PREF-6).
    pub stars_plan: bool,
    /// The creator is bound to an agency (no 5% platform fee, R-PREF-3).
    pub agency: bool,
}

/// One day of the star index (R-LEVEL-9).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct StarIndexPoint {
    /// `YYYY-MM-DD`.
    pub day: String,
    pub index: f64,
    pub reach: f64,
    pub cooperation: f64,
    pub growth: f64,
    pub value_for_money: f64,
    pub seeding: f64,
}

/// The star index over the days asked, oldest first, with the last day's change on the
/// day before.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct StarIndexView {
    pub days: u32,
    pub points: Vec<StarIndexPoint>,
    /// The last point minus the one before it (day over day); `None` with fewer than 2.
    pub change: Option<StarIndexPoint>,
}

/// One agency of the directory (R-MCN-1, R-MCN-2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AgencyView {
    pub id: String,
    pub name: String,
    /// 1..=5; `None` before its first rating.
    pub level: Option<u8>,
    /// `high_level_creators` or `monthly_gmv`.
    pub channel: Option<String>,
    pub rated_on: Option<String>,
    pub creators: u32,
    pub founded_on: String,
    /// The next rating day (the 3rd), or the first for an agency not rated yet.
    pub next_rating_on: String,
}

/// The joining checker's input (R-JOIN-1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct JoiningInput {
    #[ts(type = "number")]
    pub main_followers: u64,
    #[ts(type = "number")]
    pub other_platform_followers: u64,
    /// `YYYY-MM-DD`: the day of applying; today when `None`.
    pub applied_on: Option<String>,
}

/// Whether the account can be opened and when it should be (R-JOIN-1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct JoiningView {
    pub can_open: bool,
    pub main_threshold: u32,
    pub other_threshold: u32,
    pub applied_on: String,
    /// The 3rd working day after `applied_on`; `None` when it cannot be opened.
    pub opens_by: Option<String>,
    pub working_days: u32,
    /// A year with no holiday schedule was crossed: the date may be off.
    pub uncovered_year: Option<i32>,
}

/// A preferred invitation arrived (for a system notification).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct InvitationNotice {
    pub id: String,
    pub kind: InvitationKindCode,
    pub task_title: String,
    pub brand: String,
    pub respond_by: Option<String>,
}

/// This module as TypeScript: `ui/src/bindings/rights.ts`.
pub(crate) fn typescript() -> TsModule {
    TsModule {
        file: "rights",
        types: vec![
            TsType::listed::<LevelItemCode>("LEVEL_ITEMS"),
            TsType::of::<LevelMetrics>(),
            TsType::of::<RequirementView>(),
            TsType::of::<LevelReportView>(),
            TsType::of::<ForecastView>(),
            TsType::of::<CycleMonthView>(),
            TsType::of::<RewardBarView>(),
            TsType::of::<RewardTrackerView>(),
            TsType::of::<FeaturedCaseView>(),
            TsType::of::<RightsView>(),
            TsType::listed::<BenefitKindCode>("BENEFIT_KINDS"),
            TsType::listed::<BenefitStatusCode>("BENEFIT_STATUSES"),
            TsType::listed::<SendStateCode>("SEND_STATES"),
            TsType::of::<BenefitView>(),
            TsType::of::<DispatchPeriodView>(),
            TsType::of::<BenefitsView>(),
            TsType::listed::<InvitationKindCode>("INVITATION_KINDS"),
            TsType::listed::<InvitationStatusCode>("INVITATION_STATUSES"),
            TsType::of::<NetPreview>(),
            TsType::of::<InvitationView>(),
            TsType::of::<AcceptanceView>(),
            TsType::of::<InvitationsView>(),
            TsType::of::<StarIndexPoint>(),
            TsType::of::<StarIndexView>(),
            TsType::of::<AgencyView>(),
            TsType::of::<JoiningInput>(),
            TsType::of::<JoiningView>(),
            TsType::of::<InvitationNotice>(),
        ],
        consts: vec![],
    }
}
