//! Sample logistics for product-review campaigns: one status model for what the carrier
//! reports (kuaidi100's states and advanced codes), the carrier guessed from a tracking
//! number's shape, the alerts a creator needs about the brand's sample and its return
//! (R-REVIEW-10, R-REVIEW-13, R-REVIEW-16) and drafted messages to the brand.
//!
//! Pure like the rest of the crate: tracking answers come in as text already fetched, and
//! `now` (Beijing local time) is a parameter.

pub mod alerts;
pub mod carrier;
pub mod facts;
pub mod message;
pub mod status;

pub use alerts::{application_alerts, shipment_alerts, sort_alerts, Alert, AlertCode, AlertDetail};
pub use carrier::{guess, phone_required, Carrier, CARRIERS};
pub use facts::{AlertThresholds, Leg, ShipmentFacts};
pub use message::{brand_message_zh, date_zh, MessageContext};
pub use status::{map_event_status, map_kuaidi100, ShipmentState};
