//! The rights center: creator levels (R-LEVEL-1, R-LEVEL-2), keeping them, reward tasks
//! (R-LEVEL-3), benefits (R-LEVEL-4 to R-LEVEL-7), preferred orders (R-PREF-*), joining
//! (R-JOIN-1, R-JOIN-2) and MCN agency levels (R-MCN-1, R-MCN-2).

#[path = "rights/support.rs"]
mod support;

#[path = "rights/level.rs"]
mod level;

#[path = "rights/forecast.rs"]
mod forecast;

#[path = "rights/reward_tasks.rs"]
mod reward_tasks;

#[path = "rights/benefits.rs"]
mod benefits;

#[path = "rights/preferred.rs"]
mod preferred;

#[path = "rights/joining.rs"]
mod joining;

#[path = "rights/agency.rs"]
mod agency;
