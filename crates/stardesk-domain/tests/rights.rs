//! The rights center: creator levels (R-LEVEL-1, R-LEVEL-2), keeping them, and reward tasks
//! (R-LEVEL-3).

#[path = "rights/support.rs"]
mod support;

#[path = "rights/level.rs"]
mod level;

#[path = "rights/forecast.rs"]
mod forecast;

#[path = "rights/reward_tasks.rs"]
mod reward_tasks;
