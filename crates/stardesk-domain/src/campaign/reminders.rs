//! Which dates of a campaign to be reminded of, and when: the reminder schedule derived
//! from an application's timeline. Pure: the core keeps the schedule, fires it on time and
//! catches up on what came due while the app was closed.

use chrono::{Days, NaiveDate};

use super::status::ApplicationStatus;
use super::timeline::{progress, ApplicationFacts, StepState, Timeline, TimelineKey};

/// Days before a due date to remind, `0` = on the day. The default is 3 days, 1 day and
/// the day itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReminderPolicy {
    /// Distinct, at most 30 each.
    pub lead_days: Vec<u32>,
}

impl Default for ReminderPolicy {
    fn default() -> Self {
        Self {
            lead_days: vec![3, 1, 0],
        }
    }
}

/// The longest lead a policy may have.
pub const MAX_LEAD_DAYS: u32 = 30;

impl ReminderPolicy {
    /// A policy from the creator's settings: duplicates dropped, sorted longest first;
    /// `None` when a lead is over [`MAX_LEAD_DAYS`].
    pub fn new(mut lead_days: Vec<u32>) -> Option<Self> {
        if lead_days.iter().any(|d| *d > MAX_LEAD_DAYS) {
            return None;
        }
        lead_days.sort_unstable_by(|a, b| b.cmp(a));
        lead_days.dedup();
        Some(Self { lead_days })
    }
}

/// One reminder: `lead_days` before `key`'s `due` date, on `remind_on`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Reminder {
    pub key: TimelineKey,
    pub due: NaiveDate,
    pub lead_days: u32,
    pub remind_on: NaiveDate,
}

/// The dates a creator is reminded of: what it must do or watch by a date — the selection
/// decision (R-REVIEW-3), the sample's ship-by date and the client-fault date
/// (R-REVIEW-10), the upload deadline (R-REVIEW-13/14), the end of the reward list's
/// publicity (R-REVIEW-9) and the end of the retention period (R-REVIEW-15). The end of
/// cooperation (R-REVIEW-8) is shown, not reminded.
pub fn reminded(key: TimelineKey) -> bool {
    !matches!(key, TimelineKey::CooperationEnds)
}

/// The reminders of one application on `today`: for each date still ahead (a `Next` or
/// `Later` step) that is reminded of, one per lead of the policy, also those whose day has
/// passed (the caller keeps which it already fired). A closed application has none, but
/// for one completed or paid its retention period (R-REVIEW-15): the work must stay
/// public after the campaign is done, or the reward is lost.
pub fn schedule(
    timeline: &Timeline,
    facts: &ApplicationFacts,
    today: NaiveDate,
    policy: &ReminderPolicy,
) -> Vec<Reminder> {
    let retention_only = matches!(
        facts.status,
        ApplicationStatus::Completed | ApplicationStatus::RewardPaid
    );
    if (facts.status.is_closed() && !retention_only) || facts.status == ApplicationStatus::Withdrawn
    {
        return Vec::new();
    }
    let mut out = Vec::new();
    for step in progress(timeline, facts, today) {
        let (Some(due), StepState::Next | StepState::Later) = (step.date, step.state) else {
            continue;
        };
        // A date gone by while its step is still to come (a ship-by day before selection)
        // has nothing left to remind of.
        if due < today {
            continue;
        }
        if !reminded(step.key) || (retention_only && step.key != TimelineKey::RetainUntil) {
            continue;
        }
        for &lead in &policy.lead_days {
            let remind_on = due
                .checked_sub_days(Days::new(u64::from(lead)))
                .unwrap_or(NaiveDate::MIN);
            out.push(Reminder {
                key: step.key,
                due,
                lead_days: lead,
                remind_on,
            });
        }
    }
    out.sort_by_key(|r| (r.remind_on, r.due, r.key));
    out
}
