//! The rights center: creator levels (R-LEVEL-1, R-LEVEL-2).

#[path = "rights/support.rs"]
mod support;

#[path = "rights/level.rs"]
mod level;
