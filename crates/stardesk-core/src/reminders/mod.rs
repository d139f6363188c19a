//! Reminders of every campaign date: the creator's lead times (3 days, 1 day and the day
//! itself by default), kept in the settings.

pub mod ipc;
#[cfg(test)]
mod notices_tests;
mod schedule;

use stardesk_domain::campaign::reminders::{ReminderPolicy, MAX_LEAD_DAYS};

use crate::context::{with_store, Context};
use crate::error::AppError;
use ipc::*;

const SETTING_LEAD_DAYS: &str = "reminder_lead_days";

fn settings(policy: &ReminderPolicy) -> ReminderSettings {
    ReminderSettings {
        lead_days: policy.lead_days.clone(),
        max_lead_days: MAX_LEAD_DAYS,
    }
}

/// The stored lead days (`"3,1,0"`), or the default when none or unreadable.
fn parse_policy(text: Option<&str>) -> ReminderPolicy {
    text.and_then(|t| {
        let days: Result<Vec<u32>, _> = t
            .split(',')
            .filter(|s| !s.is_empty())
            .map(str::parse)
            .collect();
        ReminderPolicy::new(days.ok()?)
    })
    .unwrap_or_default()
}

impl Context {
    /// The creator's reminder policy.
    pub(crate) async fn reminder_policy_now(&self) -> Result<ReminderPolicy, AppError> {
        let stored = with_store(&self.reader, |s| s.setting(SETTING_LEAD_DAYS)).await?;
        Ok(parse_policy(stored.as_deref()))
    }

    /// When reminders come: days before each date.
    pub async fn reminder_settings(&self) -> Result<ReminderSettings, AppError> {
        Ok(settings(&self.reminder_policy_now().await?))
    }

    /// Sets the lead days (duplicates dropped; each at most 30; none at all means no
    /// reminders).
    pub async fn set_reminder_settings(
        &self,
        lead_days: Vec<u32>,
    ) -> Result<ReminderSettings, AppError> {
        let policy = ReminderPolicy::new(lead_days).ok_or_else(|| {
            AppError::invalid_input(format!(
                "lead_days: a reminder comes at most {MAX_LEAD_DAYS} days before its date"
            ))
        })?;
        let text: Vec<String> = policy.lead_days.iter().map(u32::to_string).collect();
        let text = text.join(",");
        with_store(&self.writer, move |s| {
            s.set_setting(SETTING_LEAD_DAYS, Some(&text))
        })
        .await?;
        self.refresh_reminders().await?;
        Ok(settings(&policy))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_lead_days_read_back_or_fall_back_to_the_default() {
        assert_eq!(parse_policy(Some("3,1,0")).lead_days, [3, 1, 0]);
        assert_eq!(parse_policy(Some("7")).lead_days, [7]);
        assert_eq!(parse_policy(Some("")).lead_days, Vec::<u32>::new());
        assert_eq!(parse_policy(None), ReminderPolicy::default());
        assert_eq!(parse_policy(Some("x,1")), ReminderPolicy::default());
        assert_eq!(parse_policy(Some("99")), ReminderPolicy::default());
    }
}
