//! The reminder schedule kept by core and fired on time, the agenda, and the deadlines as
//! an iCalendar file.
//!
//! Desktop notifications cannot be scheduled ahead, so core keeps the schedule (in the
//! store, derived from every timeline) and the reminder job fires each reminder at 09:00
//! China time on its day, as an [`AppEvent::RemindersDue`] the shell shows as a system
//! notification. Reminders whose time passed while the app was closed are fired together
//! at the next start, as one summary.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::atomic::Ordering;

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use icalendar::{Alarm, Calendar, Component, Event, EventLike};
use stardesk_domain::campaign::reminders::{schedule, ReminderPolicy};
use stardesk_store::applications::reminders::ReminderRecord;

use super::ipc::*;
use crate::applications::ipc::{StepStateCode, TimelineKeyCode};
use crate::applications::view::{self as app_view, china, domain_of, key_code};
use crate::codes::Code;
use crate::context::{with_store, Context};
use crate::error::{AppError, ErrorCode};
use crate::events::{AppEvent, DataArea};
use crate::jobs::JobKind;
use crate::rights::RightsDates;
use crate::wire::day;

/// The hour of the day (China time) reminders come at.
const REMINDER_HOUR: u32 = 9;

/// 09:00 China time on `day`, as an instant.
fn remind_instant(day: NaiveDate) -> DateTime<Utc> {
    let time = NaiveTime::from_hms_opt(REMINDER_HOUR, 0, 0).unwrap_or(NaiveTime::MIN);
    china()
        .from_local_datetime(&day.and_time(time))
        .single()
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(Utc::now)
}

/// Which feature a reminder's subject belongs to: the rights center's subjects are
/// `benefit:<id>` and `level`, every other is an application.
fn feature_of(subject: &str) -> AgendaFeatureCode {
    if subject == crate::rights::LEVEL_SUBJECT || subject.starts_with(crate::rights::BENEFIT_PREFIX)
    {
        AgendaFeatureCode::Rights
    } else {
        AgendaFeatureCode::Campaign
    }
}

fn timeline_key(code: &str) -> Option<TimelineKeyCode> {
    TimelineKeyCode::from_code(code)
}

impl Context {
    /// Derives the reminder schedule from every application's timeline and the creator's
    /// lead days, keeps it, and wakes the reminder job.
    pub(crate) async fn refresh_reminders(&self) -> Result<(), AppError> {
        let policy = self.reminder_policy_now().await?;
        let records = self.derive_reminders(&policy).await?;
        with_store(&self.writer, move |s| s.replace_reminders(&records)).await?;
        self.emit(AppEvent::data_changed(&[DataArea::Reminders]));
        self.schedule_job(JobKind::Reminders, None).await
    }

    /// The reminders of every application on today's timeline under `policy`, and of the
    /// rights center's dates (none fired).
    async fn derive_reminders(
        &self,
        policy: &ReminderPolicy,
    ) -> Result<Vec<ReminderRecord>, AppError> {
        let mut records = self.application_reminders(policy).await?;
        records.extend(self.rights_dates(policy).await?.reminders);
        Ok(records)
    }

    /// The reminders of every application on today's timeline under `policy` (none fired).
    async fn application_reminders(
        &self,
        policy: &ReminderPolicy,
    ) -> Result<Vec<ReminderRecord>, AppError> {
        let today = self.china_today();
        let (apps, tasks) = self.applications_with_terms().await?;
        let mut records = Vec::new();
        for a in &apps {
            let Some((timeline, facts)) = tasks.get(&a.task_id).and_then(|t| domain_of(a, t))
            else {
                continue;
            };
            for r in schedule(&timeline, &facts, today, policy) {
                records.push(ReminderRecord {
                    application_id: a.id.clone(),
                    timeline_key: key_code(r.key).as_str().to_string(),
                    due_on: r.due,
                    lead_days: r.lead_days,
                    remind_on: r.remind_on,
                    fired_at: None,
                });
            }
        }
        Ok(records)
    }

    /// Fires every reminder due now (at 09:00 China time on its day, or at once if that
    /// passed); the first run of the process reports those missed while the app was
    /// closed as a catch-up. Returns when the next one is due.
    pub(crate) async fn fire_reminders(&self) -> Result<Option<DateTime<Utc>>, AppError> {
        let now = Utc::now();
        let (reminders, apps, tasks) = with_store(&self.reader, |s| {
            Ok((s.reminders()?, s.applications()?, s.campaign_tasks()?))
        })
        .await?;
        let policy = self.reminder_policy_now().await?;
        let rights = self.rights_dates(&policy).await?;
        let mut titles: HashMap<String, (String, String)> = apps
            .iter()
            .map(|a| {
                let task = tasks.iter().find(|t| t.task_id == a.task_id);
                (
                    a.id.clone(),
                    task.map(|t| (t.title.clone(), t.brand.clone()))
                        .unwrap_or_default(),
                )
            })
            .collect();
        titles.extend(rights.titles());
        let subjects = rights.subjects();
        let unfired: Vec<&ReminderRecord> =
            reminders.iter().filter(|r| r.fired_at.is_none()).collect();
        let due: Vec<&ReminderRecord> = unfired
            .iter()
            .copied()
            .filter(|r| remind_instant(r.remind_on) <= now)
            .collect();
        let first = !self.reminders_started.swap(true, Ordering::SeqCst);
        if !due.is_empty() {
            // One notice per date reminded of: the most urgent lead among those due.
            let mut by_date: BTreeMap<(String, String), &ReminderRecord> = BTreeMap::new();
            for r in &due {
                let slot = by_date
                    .entry((r.application_id.clone(), r.timeline_key.clone()))
                    .or_insert(r);
                if r.lead_days < slot.lead_days {
                    *slot = r;
                }
            }
            let today = self.china_today();
            let notices: Vec<ReminderNotice> = by_date
                .values()
                // A date already past when its reminder comes (the app was closed, or the
                // schedule was older than the last sync) is not announced as due "today":
                // it is marked fired with the rest and said nothing of.
                .filter(|r| r.due_on >= today)
                .filter_map(|r| {
                    let (title, brand) = titles.get(&r.application_id).cloned().unwrap_or_default();
                    Some(ReminderNotice {
                        feature: feature_of(&r.application_id),
                        application_id: r.application_id.clone(),
                        task_title: title,
                        brand,
                        key: timeline_key(&r.timeline_key)?,
                        due_on: day(r.due_on),
                        days_left: u32::try_from((r.due_on - today).num_days()).unwrap_or(0),
                        rights: subjects.get(&r.application_id).cloned(),
                    })
                })
                .collect();
            let caught_up = first
                && due
                    .iter()
                    .any(|r| remind_instant(r.remind_on) + Duration::hours(1) < now);
            let fired: Vec<_> = due.iter().map(|r| (*r).clone()).collect();
            let at = crate::jobs::timestamp(now);
            with_store(&self.writer, move |s| s.mark_reminders_fired(&fired, &at)).await?;
            if !notices.is_empty() {
                self.emit(AppEvent::RemindersDue {
                    reminders: notices,
                    caught_up,
                });
            }
        }
        Ok(unfired
            .iter()
            .filter(|r| remind_instant(r.remind_on) > now)
            .map(|r| remind_instant(r.remind_on))
            .min())
    }

    /// The campaign dates from today to `days` days ahead that are still to come (next or
    /// later; a missed date is on its application's card, not in the agenda), soonest
    /// first.
    pub async fn agenda(&self, days: u32) -> Result<Vec<AgendaItem>, AppError> {
        let today = self.china_today();
        let last = today + Duration::days(i64::from(days));
        let mut items: Vec<AgendaItem> = self
            .applications()
            .await?
            .into_iter()
            .flat_map(|a| {
                a.timeline
                    .iter()
                    .filter_map(|s| {
                        let date =
                            NaiveDate::parse_from_str(s.date.as_deref()?, "%Y-%m-%d").ok()?;
                        let open = matches!(s.state, StepStateCode::Next | StepStateCode::Later);
                        (open && date >= today && date <= last).then(|| AgendaItem {
                            feature: AgendaFeatureCode::Campaign,
                            date: day(date),
                            days_left: (date - today).num_days(),
                            key: s.key,
                            rule: s.rule.clone(),
                            state: s.state,
                            late: s.late,
                            application_id: a.id.clone(),
                            task_id: a.task_id.clone(),
                            task_title: a.task_title.clone(),
                            brand: a.brand.clone(),
                            status: Some(a.status),
                            rights: None,
                        })
                    })
                    .collect::<Vec<_>>()
            })
            .collect();
        let policy = self.reminder_policy_now().await?;
        items.extend(
            self.rights_dates(&policy)
                .await?
                .dates
                .into_iter()
                .filter(|d| d.date >= today && d.date <= last)
                .map(|d| AgendaItem {
                    feature: AgendaFeatureCode::Rights,
                    date: day(d.date),
                    days_left: (d.date - today).num_days(),
                    key: d.key,
                    rule: d.rule.to_string(),
                    state: StepStateCode::Next,
                    late: None,
                    application_id: d.subject,
                    task_id: String::new(),
                    task_title: d.title,
                    brand: String::new(),
                    status: None,
                    rights: Some(d.about),
                }),
        );
        items.sort_by(|a, b| {
            (&a.date, &a.application_id, a.key).cmp(&(&b.date, &b.application_id, b.key))
        });
        Ok(items)
    }

    /// Every date of every application as an iCalendar file (RFC 5545): one all-day event
    /// per date with a stable UID (`<application>-<key>@stardesk`, so importing again
    /// updates rather than duplicates), and a display alarm at 09:00 for each reminder the
    /// app itself would give of that date (one per lead day; none for the end of
    /// cooperation, a closed application or a date done or missed). With the rights
    /// center's dates too (`benefit-<id>-benefit_expires`, `level-level_drops`), each with
    /// its reminders' alarms: the window's export.
    pub async fn calendar_ics(&self) -> Result<String, AppError> {
        self.calendar_ics_of(true).await
    }

    /// [`Context::calendar_ics`] with the campaign dates only (`stardesk agenda --ics`,
    /// whose contract is one event per date of the applications' timelines).
    pub async fn campaign_calendar_ics(&self) -> Result<String, AppError> {
        self.calendar_ics_of(false).await
    }

    async fn calendar_ics_of(&self, rights: bool) -> Result<String, AppError> {
        let policy = self.reminder_policy_now().await?;
        // The rights center's dates once: their events and their reminders' alarms.
        let rights = if rights {
            self.rights_dates(&policy).await?
        } else {
            RightsDates::default()
        };
        let mut leads: HashMap<(String, String), Vec<u32>> = HashMap::new();
        let reminders = self.application_reminders(&policy).await?;
        for r in reminders.into_iter().chain(rights.reminders) {
            leads
                .entry((r.application_id, r.timeline_key))
                .or_default()
                .push(r.lead_days);
        }
        let mut calendar = Calendar::new();
        calendar.name("StarDesk 合作日程");
        for a in self.applications().await? {
            for step in &a.timeline {
                let Some(date) = step
                    .date
                    .as_deref()
                    .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                else {
                    continue;
                };
                let title = format!("{} · {}", app_view::key_title_zh(step.key), a.task_title);
                let uid = format!("{}-{}@stardesk", a.id, step.key);
                let mut event = Event::new();
                event
                    .uid(&uid)
                    .summary(&title)
                    .description(&format!(
                        "{} / {}\n{} ({})\nStarDesk",
                        a.brand,
                        a.task_title,
                        app_view::key_title_en(step.key),
                        step.rule
                    ))
                    // RFC 5545 3.8.2.2: an all-day event ends, exclusive, the next day
                    // (`all_day` would end it on its own day, which is invalid).
                    .starts(date)
                    .ends(date.succ_opt().unwrap_or(date));
                let reminded = leads
                    .get(&(a.id.clone(), step.key.as_str().to_string()))
                    .map(Vec::as_slice)
                    .unwrap_or_default();
                for lead in reminded {
                    // Relative to 00:00 of the day: 09:00 `lead` days before.
                    let trigger = Duration::hours(i64::from(REMINDER_HOUR))
                        - Duration::days(i64::from(*lead));
                    event.alarm(alarm(&title, trigger, &uid, *lead));
                }
                calendar.push(event.done());
            }
        }
        for d in rights.dates {
            let title = format!("{} · {}", app_view::key_title_zh(d.key), d.title);
            let uid = format!("{}-{}@stardesk", d.subject.replace(':', "-"), d.key);
            let mut event = Event::new();
            event
                .uid(&uid)
                .summary(&title)
                .description(&format!(
                    "{} ({})\nStarDesk",
                    app_view::key_title_en(d.key),
                    d.rule
                ))
                .starts(d.date)
                .ends(d.date.succ_opt().unwrap_or(d.date));
            let reminded = leads
                .get(&(d.subject.clone(), d.key.as_str().to_string()))
                .map(Vec::as_slice)
                .unwrap_or_default();
            for lead in reminded {
                let trigger =
                    Duration::hours(i64::from(REMINDER_HOUR)) - Duration::days(i64::from(*lead));
                event.alarm(alarm(&title, trigger, &uid, *lead));
            }
            calendar.push(event.done());
        }
        Ok(calendar.done().to_string())
    }

    /// Writes [`Context::calendar_ics`] to `path`.
    pub async fn export_calendar(&self, path: String) -> Result<(), AppError> {
        let text = self.calendar_ics().await?;
        write_calendar(path, text).await
    }

    /// Writes [`Context::campaign_calendar_ics`] to `path`.
    pub async fn export_campaign_calendar(&self, path: String) -> Result<(), AppError> {
        let text = self.campaign_calendar_ics().await?;
        write_calendar(path, text).await
    }
}

/// A display alarm `lead` days before the event `uid`, with a UID of its own made from
/// both (RFC 9074), so exporting again names the same alarm (the crate otherwise draws a
/// random one each time, and a calendar could keep both).
fn alarm(title: &str, trigger: Duration, uid: &str, lead: u32) -> Alarm {
    let mut alarm = Alarm::display(title, trigger);
    alarm.add_property("UID", format!("{uid}-alarm-{lead}d"));
    alarm.done()
}

async fn write_calendar(path: String, text: String) -> Result<(), AppError> {
    tokio::task::spawn_blocking(move || {
        std::fs::write(Path::new(&path), text)
            .map_err(|e| AppError::invalid_input(format!("{path}: cannot write the calendar: {e}")))
    })
    .await
    .map_err(|e| AppError::new(ErrorCode::Internal, e.to_string()))?
}
