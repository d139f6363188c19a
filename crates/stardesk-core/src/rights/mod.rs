//! The rights center (权益中心): the level and the way to the next one, the demotion
//! forecast, the reward tasks of the cycle, the benefits wallet with claims and the DOU+
//! owed, the star index kept day by day, preferred invitations with their hour, the
//! joining checker and the agency directory.
//!
//! The platform reports facts and keeps no history; StarDesk keeps the last report per
//! source (the store's `rights_cache`, core's JSON of the platform's types), records one
//! star-index point per day, and computes everything with `stardesk_domain::rights`.
//! Claims and answers go through an outbox (the idempotency key stored before sending), so
//! each is sent exactly once. The [`JobKind::Rights`] job sends them, watches for new
//! invitations every minute (one notification each, and one more when a dispatch's hour is
//! almost over) and syncs the rest when that is older than half an hour.

mod invitations;
pub mod ipc;
mod reminders;
mod sender;
mod view;

use std::collections::HashMap;
use std::sync::atomic::Ordering;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::de::DeserializeOwned;
use serde::Serialize;
use stardesk_domain::calendar::WorkCalendar;
use stardesk_domain::rights::joining::{
    can_open, expected_opening, OPENING_WORKING_DAYS, OPEN_MAIN_PLATFORM_FOLLOWERS,
    OPEN_OTHER_PLATFORM_FOLLOWERS,
};
use stardesk_domain::rights::preferred::respond_by;
use stardesk_platform::wire::{
    AgencyEntry, BenefitCard, BenefitClaim, BenefitStatus, DispatchWindow, FeaturedCase,
    InvitationKind, InvitationList, InvitationStatus, RightsMetrics, FEATURED_CASE_MAX_CHARS,
};
use stardesk_platform::{new_idempotency_key, PlatformClient};
use stardesk_store::rights::{CachePart, RightsAction, RightsOutboxRecord};

use crate::context::{with_store, Context};
use crate::error::{AppError, ErrorCode};
use crate::events::{AppEvent, DataArea};
use crate::jobs::{timestamp, JobKind};
use crate::wire::day;
use ipc::*;
pub(crate) use reminders::{RightsDates, BENEFIT_PREFIX, LEVEL_SUBJECT};

/// R-LEVEL-1, R-LEVEL-2: the level of these metrics by the published table, offline (the
/// planner; `stardesk level --metrics FILE`).
pub fn plan_level(metrics: &LevelMetrics) -> LevelReportView {
    view::plan(metrics)
}

const PART_METRICS: &str = "metrics";
const PART_BENEFITS: &str = "benefits";
const PART_DISPATCHES: &str = "dispatches";
const PART_INVITATIONS: &str = "invitations";
const PART_AGENCIES: &str = "agencies";
const PART_FEATURED: &str = "featured_case";

const SETTING_STARS_PLAN: &str = "stars_plan";

/// How often the job looks for invitations.
const WATCH_EVERY: Duration = Duration::seconds(60);
/// How old the rest may grow before the job syncs it.
const FULL_SYNC_EVERY: Duration = Duration::minutes(30);
/// How long before a dispatch's hour ends the "almost over" notice comes (R-PREF-4).
pub(crate) const CLOSING_NOTICE: Duration = Duration::minutes(10);
/// The star index days recorded before the platform's history is used to seed the chart.
const SEED_BELOW_POINTS: usize = 2;
/// The chart's span, and the history asked for when seeding it.
pub const STAR_INDEX_DAYS: u32 = 90;

/// What the last sync of a source reported.
#[derive(Debug, Default, Clone)]
pub(crate) struct RightsCache {
    /// When the metrics (the full sync) were synced.
    pub synced_at: Option<String>,
    pub metrics: Option<RightsMetrics>,
    pub benefits: Vec<BenefitCard>,
    pub dispatches: Vec<DispatchWindow>,
    pub invitations: Option<InvitationList>,
    pub agencies: Vec<AgencyEntry>,
    pub featured_case: Option<FeaturedCase>,
    /// The raw JSON of each part, to tell whether a sync changed it.
    raw: HashMap<String, String>,
}

fn parse<T: DeserializeOwned>(parts: &HashMap<String, (String, String)>, part: &str) -> Option<T> {
    let (json, _) = parts.get(part)?;
    serde_json::from_str(json)
        .inspect_err(|e| {
            // The platform's words, values left out (an agency's contact, a brand's name).
            let error = stardesk_platform::json_error::described(e);
            tracing::warn!(part, %error, "cached rights part unreadable; left to the next sync");
        })
        .ok()
}

impl RightsCache {
    fn from_parts(parts: HashMap<String, (String, String)>) -> Self {
        RightsCache {
            synced_at: parts.get(PART_METRICS).map(|(_, at)| at.clone()),
            metrics: parse(&parts, PART_METRICS),
            benefits: parse(&parts, PART_BENEFITS).unwrap_or_default(),
            dispatches: parse(&parts, PART_DISPATCHES).unwrap_or_default(),
            invitations: parse(&parts, PART_INVITATIONS),
            agencies: parse(&parts, PART_AGENCIES).unwrap_or_default(),
            featured_case: parse::<Option<FeaturedCase>>(&parts, PART_FEATURED).flatten(),
            raw: parts.into_iter().map(|(k, (json, _))| (k, json)).collect(),
        }
    }
}

fn part<T: Serialize>(name: &str, value: &T) -> Result<CachePart, AppError> {
    Ok(CachePart {
        part: name.to_string(),
        json: serde_json::to_string(value)
            .map_err(|e| AppError::new(ErrorCode::Internal, e.to_string()))?,
    })
}

fn parse_day(field: &str, text: &str) -> Result<NaiveDate, AppError> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| AppError::invalid_input(format!("{field}: not a date (YYYY-MM-DD): {text:?}")))
}

impl Context {
    /// The cache of the current source, and the source.
    pub(crate) async fn rights_cache_now(&self) -> Result<(String, RightsCache), AppError> {
        let source = self.source_key().await?;
        let src = source.clone();
        let parts = with_store(&self.reader, move |s| s.rights_cache(&src)).await?;
        Ok((source, RightsCache::from_parts(parts)))
    }

    async fn rights_outbox_now(&self, source: &str) -> Result<Vec<RightsOutboxRecord>, AppError> {
        let src = source.to_string();
        with_store(&self.reader, move |s| s.rights_outbox(&src)).await
    }

    /// The level card, the demotion forecast and the reward tracker, from the last sync.
    pub async fn rights(&self) -> Result<RightsView, AppError> {
        let (_, cache) = self.rights_cache_now().await?;
        Ok(view::rights_view(
            cache.synced_at.as_deref(),
            cache.metrics.as_ref(),
            cache.featured_case.as_ref(),
            self.china_today(),
        ))
    }

    /// Syncs the rights center now and returns its front.
    pub async fn refresh_rights(&self) -> Result<RightsView, AppError> {
        let (client, source) = self.client().await?;
        self.sync_rights_with(&client, &source).await?;
        self.send_rights_outbox(&client, &source, true).await?;
        self.rights().await
    }

    /// Fetches every part of the rights center, then writes them and today's star-index
    /// point in one transaction (a failure writes nothing). The history seeds the chart
    /// while fewer than 2 days are recorded.
    pub(crate) async fn sync_rights_with(
        &self,
        client: &PlatformClient,
        source: &str,
    ) -> Result<(), AppError> {
        // Not across a send: what is read here is written below as it was read.
        let platform = self.rights_lock.lock().await;
        let metrics = client.rights_metrics().await?;
        let benefits = client.benefits().await?;
        let dispatches = client.dispatches().await?;
        let today_index = client.star_index().await?;
        let invitations = client.invitations().await?;
        let featured = client.featured_case().await?;
        let agencies = client.agencies().await?;
        let since = day(self.china_today() - Duration::days(i64::from(STAR_INDEX_DAYS)));
        let src = source.to_string();
        let recorded = with_store(&self.reader, move |s| s.star_index_points(&src, &since)).await?;
        let mut points = Vec::new();
        if recorded.len() < SEED_BELOW_POINTS {
            if let Some(history) = client.star_index_history(STAR_INDEX_DAYS).await? {
                points.extend(history.iter().map(view::star_record));
            }
        }
        points.push(view::star_record(&today_index));
        let parts = vec![
            part(PART_METRICS, &metrics)?,
            part(PART_BENEFITS, &benefits)?,
            part(PART_DISPATCHES, &dispatches)?,
            part(PART_INVITATIONS, &invitations)?,
            part(PART_AGENCIES, &agencies)?,
            part(PART_FEATURED, &featured)?,
        ];
        let (src, at) = (source.to_string(), timestamp(Utc::now()));
        with_store(&self.writer, move |s| {
            s.save_rights(&src, &at, &parts, &points)
        })
        .await?;
        drop(platform);
        self.announce_invitations(source, &invitations).await?;
        self.emit(AppEvent::data_changed(&[DataArea::Rights]));
        self.refresh_reminders().await
    }

    /// The background job: sends the claims and answers due, then either syncs the whole
    /// rights center (older than half an hour) or looks for invitations. Runs again in a
    /// minute, or at the next "almost over" notice if sooner.
    pub(crate) async fn rights_job(&self) -> Result<Option<DateTime<Utc>>, AppError> {
        let (client, source) = self.client().await?;
        let next_send = self.send_rights_outbox(&client, &source, false).await?;
        let (_, cache) = self.rights_cache_now().await?;
        let stale = cache
            .synced_at
            .as_deref()
            .and_then(|at| DateTime::parse_from_rfc3339(at).ok())
            .is_none_or(|at| Utc::now() - at.with_timezone(&Utc) > FULL_SYNC_EVERY)
            | self.rights_due.swap(false, Ordering::SeqCst);
        let list = if stale {
            self.sync_rights_with(&client, &source).await?;
            None
        } else {
            let platform = self.rights_lock.lock().await;
            let list = client.invitations().await?;
            let p = part(PART_INVITATIONS, &list)?;
            // The cache as it is now: a send may have changed it since it was read above.
            let (_, cache) = self.rights_cache_now().await?;
            if cache.raw.get(PART_INVITATIONS) != Some(&p.json) {
                let (src, at) = (source.clone(), timestamp(Utc::now()));
                with_store(&self.writer, move |s| s.save_rights(&src, &at, &[p], &[])).await?;
                self.emit(AppEvent::data_changed(&[DataArea::Rights]));
            }
            drop(platform);
            self.announce_invitations(&source, &list).await?;
            Some(list)
        };
        let now = Utc::now();
        let mut next = now + WATCH_EVERY;
        if let Some(at) = next_send {
            next = next.min(at);
        }
        // The next "almost over" notice of a pending dispatch, if it comes sooner.
        let invitations = match list {
            Some(l) => l.items,
            None => self
                .rights_cache_now()
                .await?
                .1
                .invitations
                .map(|l| l.items)
                .unwrap_or_default(),
        };
        for i in invitations
            .iter()
            .filter(|i| i.kind == InvitationKind::Dispatch && i.status == InvitationStatus::Pending)
        {
            let warn_at = respond_by(i.received_at.naive_utc()).and_utc() - CLOSING_NOTICE;
            if warn_at > now {
                next = next.min(warn_at);
            }
        }
        Ok(Some(next))
    }

    /// Sends every claim and answer waiting now, whatever their backoff (the CLI's).
    pub async fn send_rights(&self) -> Result<(), AppError> {
        let (client, source) = self.client().await?;
        self.send_rights_outbox(&client, &source, true)
            .await
            .map(|_| ())
    }

    /// Evaluates the given metrics offline (R-LEVEL-1, R-LEVEL-2): the planner.
    pub async fn plan_level(&self, metrics: LevelMetrics) -> Result<LevelReportView, AppError> {
        Ok(view::plan(&metrics))
    }

    /// The benefits wallet and the DOU+ ledger.
    pub async fn benefits(&self) -> Result<BenefitsView, AppError> {
        let (source, cache) = self.rights_cache_now().await?;
        let outbox = self.rights_outbox_now(&source).await?;
        Ok(view::benefits_view(
            &cache.benefits,
            &cache.dispatches,
            &outbox,
            self.china_today(),
        ))
    }

    /// Queues the claim of a claimable card (R-LEVEL-5) and returns at once; the job sends
    /// it exactly once.
    pub async fn claim_benefit(&self, id: String) -> Result<BenefitView, AppError> {
        let (source, cache) = self.rights_cache_now().await?;
        let today = self.china_today();
        let card = cache.benefits.iter().find(|b| b.id == id).ok_or_else(|| {
            AppError::new(
                ErrorCode::NotFound,
                format!("no benefit {id:?}; sync the rights center"),
            )
        })?;
        if card.claim == BenefitClaim::Automatic {
            return Err(AppError::invalid_input(format!(
                "benefit {id}: dispatched automatically by the platform; nothing to claim (R-LEVEL-5)"
            )));
        }
        if card.expires_on.is_some_and(|e| e < today) || card.status == BenefitStatus::Expired {
            return Err(AppError::invalid_input(format!(
                "benefit {id}: expired; it can no longer be claimed"
            )));
        }
        if card.status != BenefitStatus::Available {
            return Err(AppError::invalid_input(format!(
                "benefit {id}: already claimed"
            )));
        }
        let (src, target, at) = (source.clone(), id.clone(), timestamp(Utc::now()));
        let key = new_idempotency_key();
        with_store(&self.writer, move |s| {
            s.queue_rights_action(&src, &key, RightsAction::Claim, &target, &at)
        })
        .await?;
        self.emit(AppEvent::data_changed(&[DataArea::Rights]));
        self.schedule_job(JobKind::Rights, None).await?;
        let outbox = self.rights_outbox_now(&source).await?;
        Ok(view::benefit_view(card, &outbox, today))
    }

    /// The star index of the `days` days ending today, as recorded, oldest first.
    pub async fn star_index(&self, days: u32) -> Result<StarIndexView, AppError> {
        let days = days.clamp(1, 3650);
        let source = self.source_key().await?;
        let since = day(self.china_today() - Duration::days(i64::from(days) - 1));
        let records =
            with_store(&self.reader, move |s| s.star_index_points(&source, &since)).await?;
        Ok(StarIndexView {
            days,
            change: view::star_change(&records),
            points: records.iter().map(view::star_point).collect(),
        })
    }

    /// The agency directory (R-MCN-1, R-MCN-2), by name.
    pub async fn agencies(&self) -> Result<Vec<AgencyView>, AppError> {
        let (_, cache) = self.rights_cache_now().await?;
        let today = self.china_today();
        Ok(cache
            .agencies
            .iter()
            .map(|a| view::agency_view(a, today))
            .collect())
    }

    /// R-JOIN-1: whether the account can be opened, and the 3rd working day after the day
    /// of applying by the working-day calendar.
    pub async fn check_joining(&self, input: JoiningInput) -> Result<JoiningView, AppError> {
        let applied = match input.applied_on.as_deref() {
            Some(d) if !d.is_empty() => parse_day("applied_on", d)?,
            _ => self.china_today(),
        };
        let ok = can_open(input.main_followers, input.other_platform_followers);
        let (opens, warning) = if ok {
            let (d, w) = expected_opening(applied, &WorkCalendar::china());
            (Some(day(d)), w)
        } else {
            (None, None)
        };
        Ok(JoiningView {
            can_open: ok,
            main_threshold: u32::try_from(OPEN_MAIN_PLATFORM_FOLLOWERS).unwrap_or(u32::MAX),
            other_threshold: u32::try_from(OPEN_OTHER_PLATFORM_FOLLOWERS).unwrap_or(u32::MAX),
            applied_on: day(applied),
            opens_by: opens,
            working_days: OPENING_WORKING_DAYS,
            uncovered_year: warning.map(|w| w.year),
        })
    }

    /// Submits the academy featured case (R-LEVEL-8: one per creator; from LV2, R-LEVEL-4).
    pub async fn submit_featured_case(&self, text: String) -> Result<FeaturedCaseView, AppError> {
        let text = text.trim().to_string();
        let chars = text.chars().count();
        if chars == 0 || chars > FEATURED_CASE_MAX_CHARS {
            return Err(AppError::invalid_input(format!(
                "text: 1 to {FEATURED_CASE_MAX_CHARS} characters (this is {chars})"
            )));
        }
        let front = self.rights().await?;
        if !front.featured_case_allowed {
            return Err(AppError::invalid_input(format!(
                "the featured case is a benefit of LV{} and up (R-LEVEL-4, R-LEVEL-8); this creator is LV{}",
                view::FEATURED_CASE_LEVEL,
                front.level.level
            )));
        }
        let (client, source) = self.client().await?;
        let case = client.submit_featured_case(&text).await?;
        let p = part(PART_FEATURED, &Some(case.clone()))?;
        let at = timestamp(Utc::now());
        with_store(&self.writer, move |s| {
            s.save_rights(&source, &at, &[p], &[])
        })
        .await?;
        self.emit(AppEvent::data_changed(&[DataArea::Rights]));
        Ok(view::featured_view(&case))
    }
}
