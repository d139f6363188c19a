//! The rights center (权益中心) and the programmes around it, from the creator's side:
//!
//! - [`level`]: the creator level and the next level's checklist (R-LEVEL-1, R-LEVEL-2).
//! - [`forecast`]: keeping the level: when the rolling 30-day post count would drop, the
//!   posts that keep it, and the requirements close to their threshold.
//! - [`reward_tasks`]: the 3-month reward-task bars (R-LEVEL-3).
//! - [`benefits`]: each level's benefits, automatic or claimable, guarantee cards' expiry
//!   and the DOU+ owed for missing dispatches (R-LEVEL-4 to R-LEVEL-7).
//! - [`preferred`]: preferred orders: the hour to accept, the 80% acceptance floor, the net
//!   after the 15% (and 5%) fees (R-PREF-*).
//! - [`joining`]: opening a creator account and its expected date, the MCN agency
//!   checklist (R-JOIN-1, R-JOIN-2).
//! - [`agency`]: MCN agency levels and their rating days (R-MCN-1, R-MCN-2).
//!
//! Every threshold here is the documented `Default`, named constructor or `pub const` of
//! the rule that publishes it; today's date or time is always a parameter.

pub mod agency;
pub mod benefits;
pub mod forecast;
pub mod joining;
pub mod level;
pub mod preferred;
pub mod reward_tasks;

pub use agency::{
    first_rating_day, level_from_channels, next_rating_day, rated_yet, AgencyLevel,
    RATING_DAY_OF_MONTH,
};
pub use benefits::{
    card_expiry, days_left, dou_plus_owed, Benefit, BenefitKind, BenefitTable, Claim,
    ExpiryReminders, LevelBenefits, StatedValue, Tier, DISPATCH_PERIOD_DAYS,
    DOU_PLUS_PER_OWED_DISPATCH,
};
pub use forecast::{
    demotion_forecast, is_near, posts_in_window, DemotionForecast, PostsNeeded,
    NEAR_MARGIN_PERCENT, POSTS_WINDOW_DAYS,
};
pub use joining::{
    agency_checklist, can_open, expected_opening, AgencyApplicant, AgencyCheck, AgencyCheckCode,
    AgencyChecklist, AgencyRequirements, OPENING_WORKING_DAYS, OPEN_MAIN_PLATFORM_FOLLOWERS,
    OPEN_OTHER_PLATFORM_FOLLOWERS,
};
pub use level::{evaluate, Checked, Item, LevelReport, LevelTable, Metrics, Op, Requirement};
pub use preferred::{
    acceptance_rate, after_decline, below_floor, declines_left, preferred_net, respond_by,
    time_left, PreferredNet, ACCEPTANCE_FLOOR_PERCENT, RESPONSE_WINDOW,
};
pub use reward_tasks::{
    reward_progress, CycleMonth, PlaysChannel, RewardBar, RewardBars, RewardCheck, RewardProgress,
};
