//! The platform's rules as pure functions and types: money, fees, rewards, eligibility,
//! product-review campaigns (applying, the campaign timeline), sample logistics (carrier
//! states, carrier guesses, shipping alerts and drafted messages to the brand), withholding
//! tax, the working-day calendar, expected earnings, settlement reconciliation (matching
//! the platform's statement and the bank, and fixing a failed payout), and the rights
//! center ([`rights`]: creator levels, keeping them, reward tasks and benefits; preferred
//! orders; opening an account; MCN agency levels).
//!
//! Every rule that `shared/DOMAIN.md` gives an id (`R-PREF-3`, `R-REVIEW-5`, ...) names that
//! id in the doc comment of the code that encodes it and in the test that proves it, so a
//! `grep` for the id finds both.
//!
//! **Architecture invariants**
//! - **No IO, no async, no clock.** Today's date is always a parameter. Everything here is
//!   data in, data out, so each rule is tested without a database, a server or a clock.
//! - **Deterministic.** The same input gives the same output, down to the order of every
//!   list. Reconciliation of large inputs uses a second thread (`std::thread::scope`) for
//!   data-parallel halves that are joined in order, so the answer never depends on it.
//! - **No serde.** These are the rules' own types; serializable DTOs belong to the IPC and
//!   wire boundaries, which convert from these, so a rename here never silently changes a
//!   wire format.
//! - **Money is [`rust_decimal::Decimal`] in yuan**, parsed from strings and never passed
//!   through `f32`/`f64` (float arithmetic is denied crate-wide). Amounts are rounded
//!   四舍五入 to the fen with `MidpointAwayFromZero` via [`money::round_fen`]; plain
//!   `round_dp` is banker's rounding and is never called. Splitting an amount across lines
//!   uses the largest-remainder method ([`money::split_largest_remainder`]) so no fen is
//!   lost or invented.
//! - **A campaign's numbers are data.** Where the platform gives "for example" figures
//!   (reward tiers, rank prizes), they are parameters; where it publishes a standard value
//!   (fee rates, follower thresholds, tax tables, holiday schedules), that value is the
//!   documented `Default` or named constructor of a data type, never a literal buried in a
//!   function.
#![deny(clippy::float_arithmetic)]

pub mod calendar;
pub mod campaign;
pub mod earnings;
pub mod eligibility;
pub mod fees;
pub mod logistics;
pub mod money;
pub mod reconcile;
pub mod reward;
pub mod rights;
pub mod tax;
