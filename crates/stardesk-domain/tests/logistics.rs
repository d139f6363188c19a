//! Sample logistics: the status model (R-REVIEW-16), carrier guesses from tracking-number
//! shapes, the shipping alerts at both sides of every threshold (R-REVIEW-10, R-REVIEW-13,
//! R-REVIEW-16) and the drafted messages to the brand.

#[path = "logistics/fixtures.rs"]
mod fixtures;

#[path = "logistics/status.rs"]
mod status;

#[path = "logistics/carrier.rs"]
mod carrier;

#[path = "logistics/brand_shipping.rs"]
mod brand_shipping;

#[path = "logistics/alerts.rs"]
mod alerts;

#[path = "logistics/messages.rs"]
mod messages;
