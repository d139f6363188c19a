//! The rights center: creator levels (R-LEVEL-1, R-LEVEL-2) and keeping them.

#[path = "rights/support.rs"]
mod support;

#[path = "rights/level.rs"]
mod level;

#[path = "rights/forecast.rs"]
mod forecast;
