//! The parcels' [`Control`] methods.

use super::history::{is_state, main_state, state_word, ADVANCED_CODES};
use super::store::IncidentError;
use super::{last4, Parcel, ParcelIncident};
use crate::api::lock;
use crate::{Control, ControlError};

impl Control {
    /// Every parcel: each application the brand shipped, the latest changed first (empty
    /// if storage fails, which is logged).
    pub fn parcels(&self) -> Vec<Parcel> {
        let apps = match lock(&self.shared.store).shipped_applications() {
            Ok(apps) => apps,
            Err(err) => {
                tracing::error!(%err, "listing parcels failed");
                return Vec::new();
            }
        };
        let queries = lock(&self.shared.tracking.queries).clone();
        apps.into_iter()
            .filter_map(|a| {
                let s = a.shipment?;
                Some(Parcel {
                    queries: queries.get(&s.tracking_no).copied().unwrap_or(0),
                    application_id: a.id,
                    carrier: s.carrier,
                    tracking_no: s.tracking_no,
                    shipped_at: s.shipped_at,
                    delivered_at: a.delivered_at,
                    phone_last4: last4(&a.shipping.phone),
                })
            })
            .collect()
    }

    /// The parcel with this tracking number (the latest application shipped with it).
    pub fn parcel(&self, tracking_no: &str) -> Option<Parcel> {
        self.parcels()
            .into_iter()
            .find(|p| p.tracking_no == tracking_no)
    }

    /// Something happens to the parcel now: an event in that state is added to its
    /// history (and kept in the database, so it survives a restart with a file). A halting
    /// incident (returning, returned, refused, cancelled, transferred) ends the carrier's
    /// plan and keeps the brand from delivering the application, whose status does not
    /// change (a test may still [`Control::deliver`] it, which adds 签收). See
    /// [`ParcelIncident`].
    pub fn parcel_incident(
        &self,
        tracking_no: &str,
        incident: ParcelIncident,
    ) -> Result<(), ControlError> {
        let Some((state, code, text)) = incident.event() else {
            return Err(ControlError::Invalid(format!(
                "{incident:?}: customs takes 8, 10, 11, 12 or 13"
            )));
        };
        self.add_event(tracking_no, state, code, text)
    }

    /// Adds any event now: main `state` (0..=8, 10..=14), an advanced `status_code`
    /// (101, 102, 103, 1001, 1002, 1003, 501, 301..=304, 401) of that state, and the
    /// carrier's `text` (a default for the state when empty). States 3, 4, 6, 7, 14 and
    /// code 401 halt the parcel as [`Self::parcel_incident`] says; a 3 here does not
    /// deliver the application (use [`Control::deliver`] for that).
    pub fn parcel_event(
        &self,
        tracking_no: &str,
        state: u16,
        status_code: Option<u16>,
        text: &str,
    ) -> Result<(), ControlError> {
        if !is_state(state) {
            return Err(ControlError::Invalid(format!(
                "state {state} is not a kuaidi100 state (0..=8, 10..=14)"
            )));
        }
        if let Some(code) = status_code {
            if !ADVANCED_CODES.contains(&code) || main_state(code) != state {
                return Err(ControlError::Invalid(format!(
                    "{code} is not an advanced code of state {state}"
                )));
            }
        }
        let text = match text.trim() {
            "" => format!("快件状态更新：{}", state_word(state)),
            t => t.to_owned(),
        };
        self.add_event(tracking_no, state, status_code, &text)
    }

    fn add_event(
        &self,
        tracking_no: &str,
        state: u16,
        code: Option<u16>,
        text: &str,
    ) -> Result<(), ControlError> {
        let mut store = lock(&self.shared.store);
        match store.add_parcel_event(tracking_no, state, code, text) {
            Ok(_) => Ok(()),
            Err(IncidentError::NoParcel) => Err(ControlError::NoParcel(tracking_no.to_owned())),
            Err(IncidentError::Store(err)) => Err(ControlError::Storage(err.to_string())),
        }
    }

    /// The next `times` answers of the tracking service (queries and carrier detections,
    /// after their sign or key check) fail with this `returnCode`: 501 or 502 (a server
    /// error, which clients retry), 601 (key expired) or any other. Calls queue up.
    pub fn tracking_fail_next(&self, return_code: u16, times: u32) {
        let mut queue = lock(&self.shared.tracking.fail_next);
        queue.extend(std::iter::repeat_n(return_code, times as usize));
    }

    /// How many queries named this tracking number so far, failed ones included (those
    /// that passed the sign check and had a `num`). Counted in memory, from the start of
    /// this sandbox.
    pub fn tracking_queries(&self, tracking_no: &str) -> u64 {
        lock(&self.shared.tracking.queries)
            .get(tracking_no)
            .copied()
            .unwrap_or(0)
    }

    /// Queries of the tracking service so far, every number together.
    pub fn tracking_query_count(&self) -> u64 {
        lock(&self.shared.tracking.queries).values().sum()
    }

    /// The carrier and tracking number the brand ships application `id` with on its own
    /// (what [`Control::ship`] may be given to ship as the brand would).
    pub fn brand_parcel(&self, id: &str) -> (String, String) {
        let seed = lock(&self.shared.store).seed();
        crate::applications::lifecycle::parcel(seed, id)
    }
}
