//! The rights center's dates on the reminder schedule of the applications
//! (`crate::reminders`): each benefit card's last valid day, reminded 30, 7 and 1 days
//! before (R-LEVEL-6), and the day the level would drop if nothing new is posted
//! (R-LEVEL-1, R-LEVEL-2), reminded by the creator's lead days. With no lead days at all
//! the creator turned reminders off, and the cards are not reminded either. They are in the agenda,
//! fire as notifications at 09:00 and go into the calendar file with the campaign dates.
//! (A dispatch's hour is too short for a day's reminder: the rights job announces it.)

use std::collections::HashMap;

use chrono::NaiveDate;
use stardesk_domain::campaign::reminders::ReminderPolicy;
use stardesk_domain::rights::benefits::ExpiryReminders;
use stardesk_platform::wire::BenefitStatus;
use stardesk_store::applications::reminders::ReminderRecord;

use super::view;
use crate::applications::ipc::TimelineKeyCode;
use crate::context::Context;
use crate::error::AppError;
use crate::reminders::ipc::RightsSubject;
use crate::wire::day;

/// A subject of the schedule that is the level, not an application.
pub(crate) const LEVEL_SUBJECT: &str = "level";
/// The prefix of a benefit card's subject: `benefit:<id>`.
pub(crate) const BENEFIT_PREFIX: &str = "benefit:";

/// One dated thing of the rights center.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RightsDate {
    /// `benefit:<id>` or `level`.
    pub subject: String,
    pub key: TimelineKeyCode,
    pub date: NaiveDate,
    /// Chinese, e.g. `投稿任务收益保底卡 ¥50.00`, `LV2 等级`.
    pub title: String,
    /// What it is about, for the UI to name it in its language.
    pub about: RightsSubject,
    pub rule: &'static str,
}

/// The rights center's dates and their reminders.
#[derive(Debug, Clone, Default)]
pub(crate) struct RightsDates {
    pub dates: Vec<RightsDate>,
    pub reminders: Vec<ReminderRecord>,
}

impl RightsDates {
    /// Subject → (title, brand) for the notices.
    pub fn titles(&self) -> HashMap<String, (String, String)> {
        self.dates
            .iter()
            .map(|d| (d.subject.clone(), (d.title.clone(), String::new())))
            .collect()
    }

    /// Subject → what it is about, for the notices.
    pub fn subjects(&self) -> HashMap<String, RightsSubject> {
        self.dates
            .iter()
            .map(|d| (d.subject.clone(), d.about.clone()))
            .collect()
    }
}

impl Context {
    /// The rights center's dates still ahead on `today` (from the last sync) and their
    /// reminders (also those whose day passed: the schedule keeps which fired).
    pub(crate) async fn rights_dates(
        &self,
        policy: &ReminderPolicy,
    ) -> Result<RightsDates, AppError> {
        let (_, cache) = self.rights_cache_now().await?;
        let today = self.china_today();
        let mut out = RightsDates::default();
        let expiry = ExpiryReminders::default();
        for b in &cache.benefits {
            let Some(expires) = b.expires_on else {
                continue;
            };
            // A card used or gone needs no reminder; one not claimed yet needs it most.
            if matches!(b.status, BenefitStatus::Used | BenefitStatus::Expired) || expires < today {
                continue;
            }
            let subject = format!("{BENEFIT_PREFIX}{}", b.id);
            // The value as the rights center shows it: rounded to the fen.
            let value = b.value.map(view::two_places);
            let kind_name = view::kind_name_zh(&b.kind);
            let mut title = kind_name.clone();
            if let Some(v) = &value {
                title = format!("{title} ¥{v}");
            }
            // Two cards of one kind and value may expire the same day: the calendar's
            // events, like the window's lines, say which is which.
            let claimed = matches!(b.status, BenefitStatus::Claimed);
            title.push_str(if claimed {
                "（已领取，未使用）"
            } else {
                "（待领取）"
            });
            // No lead days at all: the creator turned reminders off, these too.
            let reminded = if policy.lead_days.is_empty() {
                Vec::new()
            } else {
                expiry_days(&expiry, expires)
            };
            for (lead, remind_on) in reminded {
                out.reminders.push(ReminderRecord {
                    application_id: subject.clone(),
                    timeline_key: TimelineKeyCode::BenefitExpires.as_str().to_string(),
                    due_on: expires,
                    lead_days: lead,
                    remind_on,
                    fired_at: None,
                });
            }
            out.dates.push(RightsDate {
                subject,
                key: TimelineKeyCode::BenefitExpires,
                date: expires,
                title,
                about: RightsSubject::Benefit {
                    kind: view::kind_code(&b.kind),
                    kind_name,
                    value,
                    claimed,
                },
                rule: "R-LEVEL-6",
            });
        }
        // The front from the cache read above (not a second read).
        let front = view::rights_view(
            cache.synced_at.as_deref(),
            cache.metrics.as_ref(),
            cache.featured_case.as_ref(),
            today,
        );
        if let Some(drops) = front
            .forecast
            .drops_on
            .as_deref()
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            .filter(|_| front.level.level > 0)
        {
            for &lead in &policy.lead_days {
                let remind_on = drops
                    .checked_sub_days(chrono::Days::new(u64::from(lead)))
                    .unwrap_or(NaiveDate::MIN);
                out.reminders.push(ReminderRecord {
                    application_id: LEVEL_SUBJECT.to_string(),
                    timeline_key: TimelineKeyCode::LevelDrops.as_str().to_string(),
                    due_on: drops,
                    lead_days: lead,
                    remind_on,
                    fired_at: None,
                });
            }
            out.dates.push(RightsDate {
                subject: LEVEL_SUBJECT.to_string(),
                key: TimelineKeyCode::LevelDrops,
                date: drops,
                title: format!(
                    "LV{} 等级：{} 前再发 {} 条作品",
                    front.level.level,
                    day(drops),
                    front.forecast.posts_needed.unwrap_or(0)
                ),
                about: RightsSubject::Level {
                    level: front.level.level,
                    posts_needed: front.forecast.posts_needed.unwrap_or(0),
                },
                rule: "R-LEVEL-2",
            });
        }
        Ok(out)
    }
}

/// R-LEVEL-6: the 30, 7 and 1 days before a card's last valid day, as (lead, day).
fn expiry_days(rules: &ExpiryReminders, expires: NaiveDate) -> Vec<(u32, NaiveDate)> {
    let mut leads = rules.days_before.clone();
    leads.sort_unstable_by(|a, b| b.cmp(a));
    leads.dedup();
    leads
        .into_iter()
        .filter_map(|n| {
            Some((
                n,
                expires.checked_sub_days(chrono::Days::new(u64::from(n)))?,
            ))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    #[test]
    fn a_card_is_reminded_30_7_and_1_days_before_its_last_valid_day() {
        // R-LEVEL-6
        let got = expiry_days(&ExpiryReminders::default(), d("2026-12-05"));
        assert_eq!(
            got,
            vec![
                (30, d("2026-11-05")),
                (7, d("2026-11-28")),
                (1, d("2026-12-04"))
            ]
        );
    }
}
