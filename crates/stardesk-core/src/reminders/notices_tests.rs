//! The reminders that fire: a rights date's notice says what it is about, as its agenda
//! item does (`tests/rights.rs`), so the UI names it in its own language.
//!
//! Needs the OS keychain (the platform token lives there):
//! `dbus-run-session -- bash scripts/with-keyring.sh cargo test -p stardesk-core reminders`.

use super::ipc::{AgendaFeatureCode, ReminderNotice, RightsSubject};
use crate::applications::ipc::TimelineKeyCode;
use crate::test_support::{open, platform, sign_in};
use crate::{AppEvent, Context, EventLog};

/// The reminders one firing announces.
async fn fired(ctx: &Context, log: &EventLog) -> Vec<ReminderNotice> {
    log.clear();
    ctx.fire_reminders().await.expect("fire");
    log.events()
        .into_iter()
        .filter_map(|e| match e {
            AppEvent::RemindersDue { reminders, .. } => Some(reminders),
            _ => None,
        })
        .flatten()
        .collect()
}

#[tokio::test]
async fn a_rights_reminder_that_fires_names_its_card_or_level_by_code() {
    // The sandbox's demo creator has guarantee cards that expire within a week: their
    // 30-day reminders (R-LEVEL-6) are past due at once.
    let platform = platform(20, 7).await;
    let dir = tempfile::tempdir().expect("dir");
    let (ctx, log) = open(dir.path()).await;
    sign_in(&ctx, &platform).await;
    ctx.sync().await.expect("sync");
    let wallet = ctx.benefits().await.expect("benefits");

    let notices: Vec<_> = fired(&ctx, &log)
        .await
        .into_iter()
        .filter(|n| n.feature == AgendaFeatureCode::Rights)
        .collect();
    assert!(!notices.is_empty(), "no rights reminder fired");
    for n in &notices {
        match (&n.key, &n.rights) {
            (
                TimelineKeyCode::BenefitExpires,
                Some(RightsSubject::Benefit {
                    kind,
                    value,
                    claimed,
                    ..
                }),
            ) => {
                let id = n.application_id.strip_prefix("benefit:").expect("a card");
                let card = wallet.items.iter().find(|b| b.id == id).expect("its card");
                assert_eq!((kind, value), (&card.kind, &card.value), "{n:?}");
                // The Chinese title, the fallback, names the same value and state.
                let value = value.as_deref().expect("a guarantee card has a value");
                let state = if *claimed {
                    "已领取，未使用"
                } else {
                    "待领取"
                };
                assert!(
                    n.task_title.ends_with(&format!("¥{value}（{state}）")),
                    "{n:?}"
                );
            }
            (TimelineKeyCode::LevelDrops, Some(RightsSubject::Level { .. })) => {}
            _ => panic!("a rights reminder without its subject: {n:?}"),
        }
    }
    ctx.shutdown().await;
}

#[tokio::test]
async fn a_reminder_of_a_date_already_past_is_not_announced_as_today() {
    let dir = tempfile::tempdir().expect("dir");
    let (ctx, log) = open(dir.path()).await;
    let today = ctx.china_today();
    let days = |n: i64| today + chrono::Duration::days(n);
    // Both were due yesterday (the app was closed): an upload deadline two days ahead, and
    // one that passed two days ago.
    let record =
        |id: &str, due, lead, remind_on| stardesk_store::applications::reminders::ReminderRecord {
            application_id: id.into(),
            timeline_key: "upload_by".into(),
            due_on: due,
            lead_days: lead,
            remind_on,
            fired_at: None,
        };
    let schedule = vec![
        record("app-ahead", days(2), 3, days(-1)),
        record("app-past", days(-2), 1, days(-3)),
    ];
    crate::context::with_store(&ctx.writer, move |s| s.replace_reminders(&schedule))
        .await
        .expect("schedule");

    let notices: Vec<_> = fired(&ctx, &log)
        .await
        .into_iter()
        .map(|n| (n.application_id, n.days_left))
        .collect();
    assert_eq!(notices, [("app-ahead".to_string(), 2)]);
    // The past one is done with all the same: it does not come again.
    let reminders = crate::context::with_store(&ctx.reader, |s| s.reminders())
        .await
        .expect("reminders");
    assert!(
        reminders.iter().all(|r| r.fired_at.is_some()),
        "{reminders:?}"
    );
}
