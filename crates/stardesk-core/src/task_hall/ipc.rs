//! The task hall's IPC types: queries, rows, details, fees and eligibility.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::account::ipc::CreatorKind;
use crate::bindings::{TsModule, TsType};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Submission,
    Recruitment,
    Assigned,
    Preferred,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SettlementMode {
    ProductReview,
    Paid,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ContentForm {
    Video,
    Live,
    Picture,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RewardKind {
    Fixed,
    PlayTiers,
    Rank,
    SampleOnly,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TaskSort {
    /// Most recently updated first.
    #[default]
    Newest,
    /// Nearest upload deadline first.
    Deadline,
    /// Highest possible reward first.
    Reward,
}

/// A task-hall query: search, filters, sort and the page wanted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TaskQuery {
    /// Substring search over title, brand, industry and requirements (Chinese works).
    pub search: Option<String>,
    pub categories: Vec<Category>,
    pub industries: Vec<String>,
    pub content_forms: Vec<ContentForm>,
    /// Inclusive bounds on the highest possible reward, yuan.
    pub reward_min: Option<String>,
    pub reward_max: Option<String>,
    /// Only tasks whose upload deadline is within this many days from today.
    pub deadline_within_days: Option<u32>,
    pub eligible_only: bool,
    pub sort: TaskSort,
    pub offset: u32,
    pub limit: u32,
}

/// One row of the task hall.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TaskRow {
    pub id: String,
    pub title: String,
    pub brand: String,
    pub category: Category,
    pub settlement_mode: Option<SettlementMode>,
    pub industry: String,
    pub content_form: ContentForm,
    pub reward_kind: RewardKind,
    /// Lowest and highest cash reward a creator can get, yuan; `None` for sample-only.
    pub reward_min: Option<String>,
    pub reward_max: Option<String>,
    /// What this creator would net from `reward_max` after fees (R-PREF-3).
    pub net_max: Option<String>,
    pub sample_value: Option<String>,
    pub apply_end: String,
    pub upload_deadline: String,
    pub slots_wanted: u32,
    pub slots_taken: u32,
    pub eligible: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TaskPage {
    /// Rows matching the query, over all pages.
    pub total: u32,
    pub offset: u32,
    pub rows: Vec<TaskRow>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PlayTierView {
    pub above: String,
    /// `None` = no upper bound.
    pub up_to: Option<String>,
    pub amount: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RankPrizeView {
    pub from: u32,
    pub to: u32,
    pub amount: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RewardView {
    Fixed { amount: String },
    PlayTiers { tiers: Vec<PlayTierView> },
    Rank { prizes: Vec<RankPrizeView> },
    SampleOnly,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum OrderKind {
    Ordinary,
    Preferred,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FeeKind {
    /// 5% platform service fee paid by independent creators.
    PlatformService,
    /// 15% technical service fee on preferred orders.
    PreferredTechnical,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FeeLine {
    pub kind: FeeKind,
    /// Percent, e.g. "15".
    pub rate_percent: String,
    pub amount: String,
    /// The DOMAIN.md rule id, e.g. "R-PREF-3".
    pub rule: String,
}

/// Gross → fees → net for one combination of order kind and creator kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct NetScenario {
    pub order: OrderKind,
    pub creator: CreatorKind,
    pub gross: String,
    pub fees: Vec<FeeLine>,
    pub net: String,
    /// True for the scenario that applies to this creator and this task.
    pub applies: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CheckCode {
    /// R-JOIN-1: the creator account needs this many followers.
    AccountFollowers,
    /// R-REVIEW-11: independent creators need followers within a range.
    ReviewFollowerRange,
    /// R-REVIEW-11: the agency must never have had its deposit deducted.
    AgencyDeposit,
    /// The task's own follower requirement.
    TaskFollowers,
    /// The application window is open today.
    ApplicationWindow,
    /// Slots are left.
    SlotsLeft,
}

/// One eligibility check, rendered by the UI from `code` and `params`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct EligibilityCheck {
    pub code: CheckCode,
    pub ok: bool,
    /// The DOMAIN.md rule id, when the check encodes one.
    pub rule: Option<String>,
    /// Named values for the message: e.g. `required_min`, `actual`, `date`.
    pub params: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Eligibility {
    pub eligible: bool,
    pub checks: Vec<EligibilityCheck>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TaskDetail {
    pub row: TaskRow,
    pub description: String,
    pub requirements: Vec<String>,
    pub reward: RewardView,
    pub apply_start: String,
    pub ship_by: Option<String>,
    pub retention_days: u32,
    pub min_followers: String,
    pub max_followers: Option<String>,
    pub updated_at: String,
    /// The four scenarios of R-PREF-3 on the highest reward, the creator's own marked.
    pub net: Vec<NetScenario>,
    pub eligibility: Eligibility,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Facets {
    pub industries: Vec<String>,
}

/// This module as TypeScript: `ui/src/bindings/taskHall.ts`.
pub(crate) fn typescript() -> TsModule {
    TsModule {
        file: "taskHall",
        types: vec![
            TsType::of::<Category>(),
            TsType::of::<SettlementMode>(),
            TsType::of::<ContentForm>(),
            TsType::of::<RewardKind>(),
            TsType::of::<TaskSort>(),
            TsType::of::<TaskQuery>(),
            TsType::of::<TaskRow>(),
            TsType::of::<TaskPage>(),
            TsType::of::<PlayTierView>(),
            TsType::of::<RankPrizeView>(),
            TsType::of::<RewardView>(),
            TsType::of::<OrderKind>(),
            TsType::of::<FeeKind>(),
            TsType::of::<FeeLine>(),
            TsType::of::<NetScenario>(),
            TsType::of::<CheckCode>(),
            TsType::of::<EligibilityCheck>(),
            TsType::of::<Eligibility>(),
            TsType::of::<TaskDetail>(),
            TsType::of::<Facets>(),
        ],
        consts: vec![],
    }
}
