//! The rights center (权益中心) and the programmes around it, from the creator's side:
//!
//! - [`level`]: the creator level and the next level's checklist (R-LEVEL-1, R-LEVEL-2).
//!
//! Every threshold here is the documented `Default`, named constructor or `pub const` of
//! the rule that publishes it; today's date or time is always a parameter.

pub mod level;

pub use level::{evaluate, Checked, Item, LevelReport, LevelTable, Metrics, Op, Requirement};
