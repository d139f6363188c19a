//! Applying to product-review campaigns (好物测评) and following them: the form checked by
//! field (R-REVIEW-12) with warnings before sending (R-REVIEW-11), an offline-first outbox
//! that sends each application exactly once ([`sender`]), the applications synced from the
//! platform ([`sync`]) with every date of their timeline, and the creator's actions on
//! them ([`actions`]).

mod actions;
mod convert;
pub mod ipc;
mod reward;
pub(crate) mod sender;
mod sync;
pub(crate) mod view;

use std::collections::HashMap;

use stardesk_domain::campaign::regions;
use stardesk_domain::campaign::{self, apply_warnings, ApplicationForm, ApplyWarning as Warning};
use stardesk_domain::eligibility::CheckCode as DomainCheck;
use stardesk_platform::new_idempotency_key;
use stardesk_store::applications::outbox::{OutboxInput, OutboxState};
use stardesk_store::applications::{ApplicationRecord, CampaignTaskRecord, ShippingRecord};

use crate::address_book::{field_problem, form_error};
use crate::context::{with_store, Context};
use crate::error::{AppError, ErrorCode};
use crate::events::{AppEvent, DataArea};
use crate::jobs::JobKind;
use crate::settlements::now;
use crate::task_hall::view as hall;
use ipc::*;

pub use reward::reward_at_scheme;
pub use sender::SendReport;

fn check_code(c: DomainCheck) -> crate::task_hall::ipc::CheckCode {
    use crate::task_hall::ipc::CheckCode as C;
    match c {
        DomainCheck::AccountFollowers => C::AccountFollowers,
        DomainCheck::ReviewFollowerRange => C::ReviewFollowerRange,
        DomainCheck::AgencyDeposit => C::AgencyDeposit,
        DomainCheck::TaskFollowers => C::TaskFollowers,
        DomainCheck::ApplicationWindow => C::ApplicationWindow,
        DomainCheck::SlotsLeft => C::SlotsLeft,
    }
}

fn warning_view(w: Warning) -> ApplyWarning {
    match w {
        Warning::WindowClosed => ApplyWarning {
            code: ApplyWarningCode::WindowClosed,
            check: None,
        },
        Warning::SlotsFull => ApplyWarning {
            code: ApplyWarningCode::SlotsFull,
            check: None,
        },
        Warning::NotEligible(c) => ApplyWarning {
            code: ApplyWarningCode::NotEligible,
            check: Some(check_code(c)),
        },
        Warning::AlreadyApplied => ApplyWarning {
            code: ApplyWarningCode::AlreadyApplied,
            check: None,
        },
    }
}

/// The shipping details an input names, with the region's names looked up.
struct Shipping {
    record: ShippingRecord,
}

impl Context {
    /// The applications and outbox changed: the window reads them (and the header's
    /// count) again.
    pub(crate) fn applications_changed(&self) {
        self.emit(AppEvent::data_changed(&[
            DataArea::Applications,
            DataArea::Status,
        ]));
    }

    async fn shipping_of(&self, choice: &ShippingChoice) -> Result<Shipping, AppError> {
        let (contact_name, phone, region_code, detail) = match choice {
            ShippingChoice::Typed {
                contact_name,
                phone,
                region_code,
                detail,
            } => (
                contact_name.clone(),
                phone.clone(),
                region_code.clone(),
                detail.clone(),
            ),
            ShippingChoice::Saved { address_id } => {
                let saved = self.address(address_id.clone()).await?;
                (
                    saved.contact_name,
                    saved.phone,
                    saved.region_code,
                    saved.detail,
                )
            }
        };
        let path = regions::district_path(region_code.trim());
        let name = |f: fn(&regions::RegionPath) -> &'static str| {
            path.as_ref().map(f).unwrap_or_default().to_string()
        };
        Ok(Shipping {
            record: ShippingRecord {
                contact_name: contact_name.trim().to_string(),
                phone: phone.trim().to_string(),
                region_code: region_code.trim().to_string(),
                province: name(|p| p.province.name),
                city: name(|p| p.city.name),
                district: name(|p| p.district.name),
                detail: detail.trim().to_string(),
            },
        })
    }

    /// The form's problems by field (R-REVIEW-12) and the warnings about the task: the
    /// window closed, no slot left, an eligibility rule not met (R-REVIEW-11, R-JOIN-1),
    /// already applied.
    pub async fn check_application(
        &self,
        input: ApplicationInput,
    ) -> Result<ApplicationCheck, AppError> {
        let shipping = self.shipping_of(&input.shipping).await?;
        let problems = campaign::validate(&ApplicationForm {
            contact_name: &shipping.record.contact_name,
            phone: &shipping.record.phone,
            region_code: &shipping.record.region_code,
            detail: &shipping.record.detail,
            strengths: &input.strengths,
            idea: &input.idea,
        })
        .iter()
        .map(field_problem)
        .collect();
        Ok(ApplicationCheck {
            problems,
            warnings: self.apply_warnings_for(&input.task_id).await?,
        })
    }

    async fn apply_warnings_for(&self, task_id: &str) -> Result<Vec<ApplyWarning>, AppError> {
        let source = self.source_key().await?;
        let id = task_id.trim().to_string();
        let (creator, task, applications, outbox) = with_store(&self.reader, move |s| {
            Ok((
                s.creator(&source)?,
                s.task(&id)?,
                s.applications()?,
                s.outbox()?,
            ))
        })
        .await?;
        let Some(task) = task else {
            return Ok(vec![ApplyWarning {
                code: ApplyWarningCode::UnknownTask,
                check: None,
            }]);
        };
        let already = applications
            .iter()
            .any(|a| a.task_id == task.id && a.status != "withdrawn")
            // A refused item is not an application: it may be edited and sent again.
            || outbox
                .iter()
                .any(|o| o.task_id == task.id && o.state != OutboxState::Refused);
        let facts = hall::creator_facts(creator.as_ref());
        let derived = hall::derive(&task, &facts, self.china_today(), &self.rules);
        Ok(apply_warnings(&derived.eligibility, already)
            .into_iter()
            .map(warning_view)
            .collect())
    }

    /// Applies: the form is checked (every field at fault refuses it, nothing is kept),
    /// then the application and a fresh idempotency key are stored in one transaction and
    /// the outbox sender is woken. Returns at once, online or not; the item is sent
    /// exactly once, whatever happens to the process in between.
    pub async fn apply(&self, input: ApplicationInput) -> Result<OutboxItemView, AppError> {
        let check = self.check_application(input.clone()).await?;
        if !check.problems.is_empty() {
            return Err(form_error(&check.problems));
        }
        let shipping = self.shipping_of(&input.shipping).await?;
        let source = self.source_key().await?;
        let at = now();
        let task_id = input.task_id.trim().to_string();
        let snippet_ids: Vec<i64> = input
            .snippet_ids
            .iter()
            .filter_map(|id| id.parse().ok())
            .collect();
        let item = OutboxInput {
            source,
            idempotency_key: new_idempotency_key(),
            task_id: task_id.clone(),
            shipping: shipping.record,
            strengths: input.strengths.trim().to_string(),
            idea: input.idea.trim().to_string(),
            created_at: at.clone(),
        };
        let used_snippets = !snippet_ids.is_empty();
        let (record, task) = with_store(&self.writer, move |s| {
            let cached = s.task(&task_id)?;
            let terms = cached
                .as_ref()
                .map(|t| convert::campaign_task_from_cache(t, &at));
            let id = s.queue_application(&item, terms.as_ref())?;
            s.touch_snippets(&snippet_ids, &at)?;
            Ok((s.outbox_item(id)?, s.campaign_task(&item.task_id)?))
        })
        .await?;
        let record =
            record.ok_or_else(|| AppError::new(ErrorCode::Internal, "the queued item is gone"))?;
        self.applications_changed();
        if used_snippets {
            // Their last use orders them in the form.
            self.emit(AppEvent::data_changed(&[DataArea::AddressBook]));
        }
        self.schedule_job(JobKind::Outbox, None).await?;
        Ok(view::outbox_view(&record, task.as_ref()))
    }

    /// Every stored application, and the terms of the tasks applied to by task id (what a
    /// timeline is worked out from).
    pub(crate) async fn applications_with_terms(
        &self,
    ) -> Result<(Vec<ApplicationRecord>, HashMap<String, CampaignTaskRecord>), AppError> {
        let (records, tasks) = with_store(&self.reader, |s| {
            Ok((s.applications()?, s.campaign_tasks()?))
        })
        .await?;
        let tasks = tasks.into_iter().map(|t| (t.task_id.clone(), t)).collect();
        Ok((records, tasks))
    }

    /// Every application, the most recently applied first, with its timeline for today.
    pub async fn applications(&self) -> Result<Vec<ApplicationView>, AppError> {
        let (records, tasks) = self.applications_with_terms().await?;
        let today = self.china_today();
        let parcels = self.parcel_states().await?;
        records
            .iter()
            .map(|a| {
                let mut v = view::application_view(a, tasks.get(&a.task_id), today)?;
                with_parcel(&mut v, &parcels);
                Ok(v)
            })
            .collect()
    }

    /// Which brand received which address, when, for which campaign: R-REVIEW-4 gives
    /// the address for that sample only, so this is whom to ask for deletion.
    pub async fn address_disclosures(&self) -> Result<Vec<AddressDisclosure>, AppError> {
        let (records, tasks) = self.applications_with_terms().await?;
        let mut out = records
            .iter()
            .map(|a| {
                let (status, _) = view::status_of(&a.status).ok_or_else(|| {
                    AppError::new(
                        ErrorCode::StoreFailed,
                        format!("application {}: unknown status {:?}", a.id, a.status),
                    )
                })?;
                let task = tasks.get(&a.task_id);
                Ok(AddressDisclosure {
                    application_id: a.id.clone(),
                    task_id: a.task_id.clone(),
                    task_title: task.map(|t| t.title.clone()).unwrap_or_default(),
                    brand: task.map(|t| t.brand.clone()).unwrap_or_default(),
                    sent_at: a.applied_at.clone(),
                    status,
                    shipping: view::shipping_view(&a.shipping),
                })
            })
            .collect::<Result<Vec<_>, AppError>>()?;
        out.sort_by(|a, b| b.sent_at.cmp(&a.sent_at));
        Ok(out)
    }

    /// One application.
    pub async fn application(&self, id: String) -> Result<ApplicationView, AppError> {
        let lookup = id.clone();
        let (record, task) = with_store(&self.reader, move |s| {
            let record = s.application(&lookup)?;
            let task = match &record {
                Some(r) => s.campaign_task(&r.task_id)?,
                None => None,
            };
            Ok((record, task))
        })
        .await?;
        let record = record
            .ok_or_else(|| AppError::new(ErrorCode::NotFound, format!("no application {id}")))?;
        let mut v = view::application_view(&record, task.as_ref(), self.china_today())?;
        with_parcel(&mut v, &self.parcel_states().await?);
        Ok(v)
    }

    /// What waits to be sent, or was refused, oldest first.
    pub async fn outbox(&self) -> Result<Vec<OutboxItemView>, AppError> {
        let (items, tasks) =
            with_store(&self.reader, |s| Ok((s.outbox()?, s.campaign_tasks()?))).await?;
        let tasks: HashMap<String, _> = tasks.into_iter().map(|t| (t.task_id.clone(), t)).collect();
        Ok(items
            .iter()
            .map(|o| view::outbox_view(o, tasks.get(&o.task_id)))
            .collect())
    }

    /// One outbox item, sent or not.
    pub async fn outbox_item(&self, id: String) -> Result<Option<OutboxItemView>, AppError> {
        let n: i64 = id
            .parse()
            .map_err(|_| AppError::invalid_input(format!("{id:?} is not an outbox id")))?;
        let (item, tasks) = with_store(&self.reader, move |s| {
            Ok((s.outbox_item(n)?, s.campaign_tasks()?))
        })
        .await?;
        Ok(item.map(|o| {
            let task = tasks.iter().find(|t| t.task_id == o.task_id);
            view::outbox_view(&o, task)
        }))
    }

    /// Sends a refused application again, as edited, under a new key.
    pub async fn resend_application(
        &self,
        id: String,
        input: ApplicationInput,
    ) -> Result<OutboxItemView, AppError> {
        let n: i64 = id
            .parse()
            .map_err(|_| AppError::invalid_input(format!("{id:?} is not an outbox id")))?;
        let check = self.check_application(input.clone()).await?;
        if !check.problems.is_empty() {
            return Err(form_error(&check.problems));
        }
        let shipping = self.shipping_of(&input.shipping).await?;
        let at = now();
        let strengths = input.strengths.trim().to_string();
        let idea = input.idea.trim().to_string();
        let record = with_store(&self.writer, move |s| {
            let key = new_idempotency_key();
            if !s.resend_outbox(n, &key, &shipping.record, &strengths, &idea, &at)? {
                return Ok(None);
            }
            s.outbox_item(n)
        })
        .await?
        .ok_or_else(|| {
            AppError::new(
                ErrorCode::NotFound,
                format!("no refused application {id} to send again"),
            )
        })?;
        self.applications_changed();
        self.schedule_job(JobKind::Outbox, None).await?;
        let task_id = record.task_id.clone();
        let task = with_store(&self.reader, move |s| s.campaign_task(&task_id)).await?;
        Ok(view::outbox_view(&record, task.as_ref()))
    }

    /// Drops an item the platform has not confirmed (refused, or given up).
    pub async fn discard_application(&self, id: String) -> Result<(), AppError> {
        let n: i64 = id
            .parse()
            .map_err(|_| AppError::invalid_input(format!("{id:?} is not an outbox id")))?;
        if with_store(&self.writer, move |s| s.delete_outbox(n)).await? {
            self.applications_changed();
            Ok(())
        } else {
            Err(AppError::new(
                ErrorCode::NotFound,
                format!("no unsent application {id}"),
            ))
        }
    }
}

/// The tracked parcel's state on the application's shipment.
fn with_parcel(v: &mut ApplicationView, parcels: &crate::logistics::ParcelStates) {
    if let (Some(shipment), Some((id, state, last))) = (v.shipment.as_mut(), parcels.get(&v.id)) {
        shipment.parcel_id = Some(id.clone());
        shipment.parcel_state = *state;
        shipment.last_event = last.clone();
    }
}
