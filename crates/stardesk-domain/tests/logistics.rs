//! Sample logistics: the status model (R-REVIEW-16), carrier guesses from tracking-number
//! shapes, the shipping alerts at both sides of every threshold (R-REVIEW-10, R-REVIEW-13,
//! R-REVIEW-16) and the drafted messages to the brand.

#[path = "logistics/status.rs"]
mod status;

#[path = "logistics/carrier.rs"]
mod carrier;
