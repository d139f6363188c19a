//! Sample logistics for product-review campaigns: one status model for what the carrier
//! reports (kuaidi100's states and advanced codes) and the carrier guessed from a tracking
//! number's shape.
//!
//! Pure like the rest of the crate: tracking answers come in as text already fetched.

pub mod carrier;
pub mod status;

pub use carrier::{guess, phone_required, Carrier, CARRIERS};
pub use status::{map_event_status, map_kuaidi100, ShipmentState};
