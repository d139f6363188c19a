//! Every date of a product-review campaign for one application, exactly as
//! `shared/DOMAIN.md` ("The campaign timeline: exact dates") defines them, and where the
//! application stands against them: what is done, what is next, what was missed and who
//! was late.
//!
//! Dates are calendar dates in China time; days are calendar days.

use chrono::{Days, NaiveDate};

use super::status::ApplicationStatus;

/// R-REVIEW-3: the brand may select within 14 days of the application.
pub const SELECTION_DAYS: u64 = 14;
/// R-REVIEW-10: shipping later than 15 days before the upload deadline is the brand's
/// fault.
pub const LATE_SHIPPING_DAYS_BEFORE_UPLOAD: u64 = 15;
/// R-REVIEW-8: with a cash reward, cooperation lasts to the 3rd day after the deadline.
pub const COOPERATION_EXTRA_DAYS_WITH_CASH: u64 = 3;
/// R-REVIEW-9: the reward list is public for 3 days before payout.
pub const REWARD_PUBLICITY_DAYS: u64 = 3;

/// What the timeline needs of the task.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TaskDates {
    /// R-REVIEW-10: the ship-by date the brand promised, if it gave one.
    pub ship_by: Option<NaiveDate>,
    /// R-REVIEW-13: the upload deadline.
    pub upload_deadline: NaiveDate,
    /// R-REVIEW-15: the expected retention days.
    pub retention_days: u32,
    /// The reward scheme pays cash (valid-play tiers, ranks, a fixed fee); a sample-only
    /// task does not.
    pub cash_reward: bool,
}

/// A date of the timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TimelineKey {
    SelectionBy,
    ShipBy,
    LateShippingAfter,
    UploadBy,
    CooperationEnds,
    RewardPublicityEnds,
    RetainUntil,
}

impl TimelineKey {
    /// Every key, in timeline order.
    pub const ALL: [TimelineKey; 7] = [
        TimelineKey::SelectionBy,
        TimelineKey::ShipBy,
        TimelineKey::LateShippingAfter,
        TimelineKey::UploadBy,
        TimelineKey::CooperationEnds,
        TimelineKey::RewardPublicityEnds,
        TimelineKey::RetainUntil,
    ];

    /// The DOMAIN.md rule the date comes from.
    pub const fn rule(self) -> &'static str {
        match self {
            TimelineKey::SelectionBy => "R-REVIEW-3",
            TimelineKey::ShipBy | TimelineKey::LateShippingAfter => "R-REVIEW-10",
            TimelineKey::UploadBy => "R-REVIEW-13",
            TimelineKey::CooperationEnds => "R-REVIEW-8",
            TimelineKey::RewardPublicityEnds => "R-REVIEW-9",
            TimelineKey::RetainUntil => "R-REVIEW-15",
        }
    }
}

/// The dates of one application; `None` where a date does not apply or is not known yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timeline {
    /// R-REVIEW-3: the application day + 14 days; not selected by the end of that day →
    /// not selected.
    pub selection_by: NaiveDate,
    /// R-REVIEW-10: the task's ship-by date.
    pub ship_by: Option<NaiveDate>,
    /// R-REVIEW-10: the upload deadline − 15 days; a sample shipped after this day is the
    /// brand's fault.
    pub late_shipping_after: NaiveDate,
    /// R-REVIEW-13, R-REVIEW-14: the upload deadline.
    pub upload_by: NaiveDate,
    /// R-REVIEW-8: the upload deadline, or + 3 days with a cash reward.
    pub cooperation_ends: NaiveDate,
    /// R-REVIEW-9: `cooperation_ends` + 3 days, with a cash reward only.
    pub reward_publicity_ends: Option<NaiveDate>,
    /// R-REVIEW-15: the publishing day + the retention days; unknown until published.
    pub retain_until: Option<NaiveDate>,
}

fn plus(date: NaiveDate, days: u64) -> NaiveDate {
    date.checked_add_days(Days::new(days))
        .unwrap_or(NaiveDate::MAX)
}

fn minus(date: NaiveDate, days: u64) -> NaiveDate {
    date.checked_sub_days(Days::new(days))
        .unwrap_or(NaiveDate::MIN)
}

/// The dates of an application made on `applied_on` to a task with `task`'s dates,
/// published on `published_on` if it was (R-REVIEW-3, 8, 9, 10, 13, 14, 15).
pub fn timeline(
    applied_on: NaiveDate,
    task: &TaskDates,
    published_on: Option<NaiveDate>,
) -> Timeline {
    let cooperation_ends = if task.cash_reward {
        plus(task.upload_deadline, COOPERATION_EXTRA_DAYS_WITH_CASH)
    } else {
        task.upload_deadline
    };
    Timeline {
        selection_by: plus(applied_on, SELECTION_DAYS),
        ship_by: task.ship_by,
        late_shipping_after: minus(task.upload_deadline, LATE_SHIPPING_DAYS_BEFORE_UPLOAD),
        upload_by: task.upload_deadline,
        cooperation_ends,
        reward_publicity_ends: task
            .cash_reward
            .then(|| plus(cooperation_ends, REWARD_PUBLICITY_DAYS)),
        retain_until: published_on.map(|p| plus(p, u64::from(task.retention_days))),
    }
}

impl Timeline {
    /// The date of `key`.
    pub fn date(&self, key: TimelineKey) -> Option<NaiveDate> {
        match key {
            TimelineKey::SelectionBy => Some(self.selection_by),
            TimelineKey::ShipBy => self.ship_by,
            TimelineKey::LateShippingAfter => Some(self.late_shipping_after),
            TimelineKey::UploadBy => Some(self.upload_by),
            TimelineKey::CooperationEnds => Some(self.cooperation_ends),
            TimelineKey::RewardPublicityEnds => self.reward_publicity_ends,
            TimelineKey::RetainUntil => self.retain_until,
        }
    }
}

/// R-REVIEW-3: an application still waiting is not selected once the end of its
/// `selection_by` day has passed.
pub fn selection_expired(timeline: &Timeline, today: NaiveDate) -> bool {
    today > timeline.selection_by
}

/// What happened to an application so far, as far as the timeline cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ApplicationFacts {
    pub status: ApplicationStatus,
    /// The day the brand shipped the sample.
    pub shipped_on: Option<NaiveDate>,
    /// The day the work was published.
    pub published_on: Option<NaiveDate>,
}

/// Who was late.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Party {
    /// The brand (client): shipping (R-REVIEW-10).
    Brand,
    /// The creator: content (R-REVIEW-13, R-REVIEW-14).
    Creator,
}

/// Where the application stands against one date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StepState {
    /// Done (or the date has passed, for an end date).
    Done,
    /// The first date still ahead.
    Next,
    /// A later date still ahead.
    Later,
    /// Passed without what it asks for.
    Missed,
    /// Does not apply to this application (not selected, withdrawn, no cash reward, not
    /// published yet).
    NotApplicable,
}

/// One date of the timeline with where the application stands against it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    pub key: TimelineKey,
    pub date: Option<NaiveDate>,
    pub state: StepState,
    /// Who was late, when something was (R-REVIEW-10, R-REVIEW-13/14).
    pub late: Option<Party>,
}

/// A sample shipped after `late_shipping_after`, or not shipped once that day has passed:
/// the brand's fault (R-REVIEW-10).
pub fn brand_shipped_late(
    timeline: &Timeline,
    shipped_on: Option<NaiveDate>,
    today: NaiveDate,
) -> bool {
    match shipped_on {
        Some(day) => day > timeline.late_shipping_after,
        None => today > timeline.late_shipping_after,
    }
}

/// Where the application stands on `today` against each date of its timeline.
pub fn progress(timeline: &Timeline, facts: &ApplicationFacts, today: NaiveDate) -> Vec<Step> {
    let status = facts.status;
    let selected = status.was_selected();
    let failed_early = matches!(
        status,
        ApplicationStatus::Withdrawn | ApplicationStatus::NotSelected
    );
    let shipped = facts.shipped_on.is_some()
        || matches!(
            status,
            ApplicationStatus::Shipped | ApplicationStatus::Delivered
        )
        || status.content_approved()
        || matches!(
            status,
            ApplicationStatus::ContentSubmitted | ApplicationStatus::ContentRejected
        );
    let late_by_brand = brand_shipped_late(timeline, facts.shipped_on, today);
    let mut steps: Vec<Step> = TimelineKey::ALL
        .iter()
        .map(|&key| {
            let date = timeline.date(key);
            let ahead = |d: NaiveDate| today <= d;
            let (state, late) = match key {
                TimelineKey::SelectionBy => match status {
                    ApplicationStatus::Withdrawn => (StepState::NotApplicable, None),
                    ApplicationStatus::NotSelected => (StepState::Missed, None),
                    ApplicationStatus::Submitted if !ahead(timeline.selection_by) => {
                        (StepState::Missed, None)
                    }
                    ApplicationStatus::Submitted => (StepState::Later, None),
                    _ => (StepState::Done, None),
                },
                TimelineKey::ShipBy => match (date, failed_early) {
                    (None, _) | (_, true) => (StepState::NotApplicable, None),
                    (Some(d), false) => match facts.shipped_on {
                        Some(day) => (StepState::Done, (day > d).then_some(Party::Brand)),
                        None if shipped => (StepState::Done, None),
                        None if selected && !ahead(d) => (StepState::Missed, Some(Party::Brand)),
                        None => (StepState::Later, None),
                    },
                },
                TimelineKey::LateShippingAfter => {
                    if failed_early {
                        (StepState::NotApplicable, None)
                    } else if shipped {
                        let late = facts
                            .shipped_on
                            .is_some_and(|day| day > timeline.late_shipping_after);
                        (StepState::Done, late.then_some(Party::Brand))
                    } else if selected && late_by_brand {
                        (StepState::Missed, Some(Party::Brand))
                    } else {
                        (StepState::Later, None)
                    }
                }
                TimelineKey::UploadBy => {
                    if failed_early {
                        (StepState::NotApplicable, None)
                    } else if status.content_approved() {
                        (StepState::Done, None)
                    } else if status == ApplicationStatus::Failed || !ahead(timeline.upload_by) {
                        let who = if late_by_brand {
                            Party::Brand
                        } else {
                            Party::Creator
                        };
                        (StepState::Missed, selected.then_some(who))
                    } else {
                        (StepState::Later, None)
                    }
                }
                TimelineKey::CooperationEnds | TimelineKey::RewardPublicityEnds => match date {
                    None => (StepState::NotApplicable, None),
                    _ if failed_early || status == ApplicationStatus::Failed => {
                        (StepState::NotApplicable, None)
                    }
                    Some(d) if !ahead(d) => (StepState::Done, None),
                    Some(_) => (StepState::Later, None),
                },
                TimelineKey::RetainUntil => match date {
                    None => (StepState::NotApplicable, None),
                    Some(d) if today > d => (StepState::Done, None),
                    Some(_) => (StepState::Later, None),
                },
            };
            Step {
                key,
                date,
                state,
                late,
            }
        })
        .collect();
    // The earliest date still ahead is the next one. A step still to come whose date has
    // passed (a ship-by day gone by while the application waits for selection, R-REVIEW-3)
    // is not: it would read as overdue against the creator's own next date.
    if let Some(next) = steps
        .iter_mut()
        .filter(|s| s.state == StepState::Later && s.date.is_none_or(|d| d >= today))
        .min_by_key(|s| s.date)
    {
        next.state = StepState::Next;
    }
    steps
}
