//! [`Control`]: a test's handle on a running sandbox (its data, clock, brands and faults).
//! The parcels' methods are in `crate::tracking`.

use std::sync::atomic::Ordering;
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use rust_decimal::Decimal;
use stardesk_platform::wire::{Application, ApplicationStatus, Me, ReviewOutcome, Shipment};

use crate::api::{lock, RandomFaults, Shared};
use crate::applications::lifecycle::{self, Tracked, WrongState};
use crate::applications::ForceError;
use crate::clock::beijing_day;
use crate::generate::Shape;
use crate::rng::{mix64, SplitMix64};
use crate::store::{Store, StoreError};
use crate::Fault;
use crate::FaultCounts;

/// A change [`Control`] could not make.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ControlError {
    /// No application was shipped with this tracking number.
    #[error("no parcel {0}")]
    NoParcel(String),
    /// The change asked for is not one the sandbox can make (say, an unknown state).
    #[error("{0}")]
    Invalid(String),
    #[error("no application {0}")]
    NotFound(String),
    /// No such thing (a benefit card, …): the message says what.
    #[error("{0}")]
    Missing(String),
    #[error("application {id} is {status:?}, which does not allow this")]
    WrongState {
        id: String,
        status: ApplicationStatus,
    },
    #[error("the sandbox's storage failed: {0}")]
    Storage(String),
}

/// A handle to change a running sandbox's data and inject faults; cheap to clone.
///
/// Every method is synchronous and returns once the change is stored and visible to the
/// next request. The data methods take the store's lock briefly (a few milliseconds for
/// 100,000 tasks), so they are fine to call from async tests. They never panic: if storage
/// fails, the change is rolled back, the error is logged and an empty list is returned.
///
/// Which tasks are changed is deterministic: a function of the seed and the feed's current
/// revision, so the same calls on the same dataset pick the same tasks. One call never
/// touches a task twice; asking for more than there are open tasks changes all of them.
#[derive(Clone)]
pub struct Control {
    pub(crate) shared: Arc<Shared>,
}

impl std::fmt::Debug for Control {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Control")
            .field("requests", &self.request_count())
            .finish_non_exhaustive()
    }
}

impl Control {
    fn with_store(
        &self,
        what: &str,
        f: impl FnOnce(&mut Store) -> Result<Vec<String>, StoreError>,
    ) -> Vec<String> {
        match f(&mut lock(&self.shared.store)) {
            Ok(ids) => {
                tracing::debug!(what, count = ids.len(), "control change");
                ids
            }
            Err(err) => {
                tracing::error!(what, %err, "control change failed");
                Vec::new()
            }
        }
    }

    /// Changes `n` open tasks visibly (slots taken, a 「（加急）」 title suffix, or a raised
    /// reward), each with a new revision and `updated_at`. Returns their ids in feed order.
    pub fn modify_tasks(&self, n: usize) -> Vec<String> {
        self.with_store("modify", |s| s.modify(n))
    }

    /// Closes `n` open tasks; the feed shows them as `closed` tombstones and
    /// `GET /v1/tasks/{id}` answers 410.
    pub fn close_tasks(&self, n: usize) -> Vec<String> {
        self.with_store("close", |s| s.close(n))
    }

    /// Deletes `n` open tasks; the feed shows them as `deleted` tombstones.
    pub fn delete_tasks(&self, n: usize) -> Vec<String> {
        self.with_store("delete", |s| s.delete(n))
    }

    /// Publishes `n` new open tasks, continuing the seed's sequence.
    pub fn add_tasks(&self, n: usize) -> Vec<String> {
        self.with_store("add", |s| s.add(n))
    }

    /// Publishes `n` new product-review recruitment tasks that take applications today
    /// (on the sandbox's clock) and have free slots: one per application a test sends.
    pub fn add_open_review_tasks(&self, n: usize) -> Vec<String> {
        self.with_store("add review tasks", |s| s.add_shaped(n, Shape::OpenReview))
    }

    /// Queues a fault for a later `/v1` request (first in, first out).
    pub fn push_fault(&self, fault: Fault) {
        lock(&self.shared.faults).push_back(fault);
    }

    /// From now on, each `/v1` request that finds the fault queue empty fails with
    /// probability `percent`% (0 turns the mix off; above 100 counts as 100), with a fault
    /// drawn from a fixed mix: half before the request is handled (a 500, a 503, a
    /// disconnect), half after it (a 500, a 503, a disconnect after the change was
    /// stored). The draws follow `seed`: the same seed and the same sequence of requests
    /// fail the same ones.
    pub fn set_random_faults(&self, seed: u64, percent: u8) {
        *lock(&self.shared.random_faults) = (percent > 0).then(|| RandomFaults {
            rng: SplitMix64::new(mix64(seed ^ 0xFA17_0000)),
            percent: percent.min(100),
        });
    }

    /// Injected faults so far (queued or random), by whether the request had been handled.
    pub fn fault_counts(&self) -> FaultCounts {
        FaultCounts {
            before_handling: self.shared.faults_before.load(Ordering::SeqCst),
            after_handling: self.shared.faults_after.load(Ordering::SeqCst),
        }
    }

    /// Faults queued but not yet taken by a request.
    pub fn pending_faults(&self) -> usize {
        lock(&self.shared.faults).len()
    }

    /// `/v1` requests received so far, including faulted and unauthorised ones.
    pub fn request_count(&self) -> u64 {
        self.shared.requests.load(Ordering::SeqCst)
    }

    /// Tasks currently open (0 if storage fails, which is logged).
    pub fn open_task_count(&self) -> usize {
        lock(&self.shared.store).open_count().unwrap_or_else(|err| {
            tracing::error!(%err, "counting open tasks failed");
            0
        })
    }

    /// Applications stored, the demo creator's included (0 if storage fails, which is
    /// logged).
    pub fn application_count(&self) -> usize {
        lock(&self.shared.store)
            .application_count()
            .unwrap_or_else(|err| {
                tracing::error!(%err, "counting applications failed");
                0
            })
    }

    /// Replaces the signed-in creator (`/v1/me`, and who applies: R-REVIEW-11 is checked
    /// against its followers and agency).
    pub fn set_creator(&self, me: Me) {
        *lock(&self.shared.me) = me;
    }

    /// The signed-in creator.
    pub fn creator(&self) -> Me {
        lock(&self.shared.me).clone()
    }

    // --- The clock -----------------------------------------------------------------------

    /// The sandbox's now.
    pub fn now(&self) -> DateTime<Utc> {
        lock(&self.shared.store).clock.now()
    }

    /// The sandbox's today: the Beijing calendar day of [`Self::now`].
    pub fn today(&self) -> NaiveDate {
        beijing_day(self.now())
    }

    /// Pins the clock at `at` (it stands still until moved again) and applies what falls
    /// due by then.
    pub fn set_now(&self, at: DateTime<Utc>) {
        self.move_clock(|s| s.clock.set(at));
    }

    /// Moves the clock by `by` (pinned or running) and applies what falls due by then:
    /// advancing 15 days expires an application the brand left waiting (R-REVIEW-3).
    pub fn advance(&self, by: TimeDelta) {
        self.move_clock(|s| s.clock.advance(by));
    }

    fn move_clock(&self, f: impl FnOnce(&mut Store)) {
        let mut store = lock(&self.shared.store);
        f(&mut store);
        if let Err(err) = store.settle() {
            tracing::error!(%err, "applying due changes failed");
        }
    }

    /// Whether the brands act on their own as the clock moves (the default). Off, only the
    /// platform's dates change applications, and the brand moves below are the only ones.
    pub fn set_brand_autopilot(&self, on: bool) {
        lock(&self.shared.store).autopilot = on;
    }

    // --- Brand moves, forced now ---------------------------------------------------------

    fn force(
        &self,
        id: &str,
        transition: impl FnOnce(&mut Tracked, DateTime<Utc>) -> Result<(), WrongState>,
    ) -> Result<Application, ControlError> {
        let mut store = lock(&self.shared.store);
        store.force(id, transition).map_err(|e| match e {
            ForceError::NotFound => ControlError::NotFound(id.to_owned()),
            ForceError::WrongState(WrongState(status)) => ControlError::WrongState {
                id: id.to_owned(),
                status,
            },
            ForceError::Store(err) => ControlError::Storage(err.to_string()),
        })
    }

    /// The brand selects the creator (from `submitted`, R-REVIEW-3).
    pub fn select(&self, id: &str) -> Result<Application, ControlError> {
        self.force(id, lifecycle::select)
    }

    /// The brand passes on the creator (from `submitted`).
    pub fn pass(&self, id: &str) -> Result<Application, ControlError> {
        self.force(id, lifecycle::pass)
    }

    /// The brand ships the sample (R-REVIEW-10): `carrier` a kuaidi100 code, shipped on
    /// `shipped_at`. From `selected` (or with content reported before shipping).
    pub fn ship(
        &self,
        id: &str,
        carrier: &str,
        tracking_no: &str,
        shipped_at: NaiveDate,
    ) -> Result<Application, ControlError> {
        let shipment = Shipment {
            carrier: carrier.to_owned(),
            tracking_no: tracking_no.to_owned(),
            shipped_at,
        };
        self.force(id, |t, _| lifecycle::ship(t, shipment))
    }

    /// The carrier reports the parcel delivered now (R-REVIEW-16).
    pub fn deliver(&self, id: &str) -> Result<Application, ControlError> {
        self.force(id, lifecycle::deliver)
    }

    /// The brand approves the content waiting for review.
    pub fn approve(&self, id: &str) -> Result<Application, ControlError> {
        self.force(id, |t, at| {
            lifecycle::review(t, ReviewOutcome::Approved, None, at)
        })
    }

    /// The brand rejects the content waiting for review, with a reason (R-REVIEW-14).
    pub fn reject(&self, id: &str, reason: &str) -> Result<Application, ControlError> {
        let reason = reason.to_owned();
        self.force(id, |t, at| {
            lifecycle::review(t, ReviewOutcome::Rejected, Some(reason), at)
        })
    }

    /// Lists a reward of `amount` yuan today (R-REVIEW-9), from `published` or `completed`.
    /// It is paid 3 days later unless [`Self::pay`] comes first.
    pub fn list_reward(&self, id: &str, amount: Decimal) -> Result<Application, ControlError> {
        self.force(id, |t, at| {
            lifecycle::list_reward(t, amount, beijing_day(at))
        })
    }

    /// Pays the listed reward today (R-REVIEW-9).
    pub fn pay(&self, id: &str) -> Result<Application, ControlError> {
        self.force(id, |t, at| lifecycle::pay(t, beijing_day(at)))
    }
}
