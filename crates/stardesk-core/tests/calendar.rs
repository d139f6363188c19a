//! The campaign dates as an iCalendar file (RFC 5545), read back with the `icalendar`
//! crate's parser: one all-day event per known date with a UID that stays the same from
//! one export to the next, and a 09:00 display alarm for each reminder the app itself
//! gives of that date — one per lead day the creator configured, none for the end of
//! cooperation (shown, not reminded), a closed application, or a date done or missed.
//! Headless, over the embedded sandbox's demo creator (no keychain: a key file).

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::NaiveDate;
use stardesk_core::ipc::*;
use stardesk_core::{Context, ContextOptions, EventLog};
use stardesk_store::KeyPolicy;

fn options(dir: &std::path::Path) -> ContextOptions {
    ContextOptions {
        data_dir: dir.to_path_buf(),
        key_policy: KeyPolicy::FileOnly,
        // Enough product-review tasks for the demo creator's applications in every status.
        sandbox_tasks: 1500,
        today: None,
        background_jobs: false,
        granted_paths_only: false,
        platform_client: Default::default(),
    }
}

/// Seconds of an RFC 5545 duration (`-PT226800S`, `-P2DT15H`, `PT9H`, `P1W`).
fn duration_secs(v: &str) -> i64 {
    let (sign, rest) = match v.strip_prefix('-') {
        Some(r) => (-1, r),
        None => (1, v.strip_prefix('+').unwrap_or(v)),
    };
    let rest = rest
        .strip_prefix('P')
        .unwrap_or_else(|| panic!("not a duration: {v}"));
    let (mut secs, mut n, mut in_time) = (0i64, String::new(), false);
    for c in rest.chars() {
        match c {
            'T' => in_time = true,
            '0'..='9' => n.push(c),
            unit => {
                let k: i64 = n.parse().unwrap_or_else(|_| panic!("not a duration: {v}"));
                n.clear();
                secs += k * match (unit, in_time) {
                    ('W', false) => 7 * 86_400,
                    ('D', false) => 86_400,
                    ('H', true) => 3_600,
                    ('M', true) => 60,
                    ('S', true) => 1,
                    _ => panic!("not a duration: {v}"),
                };
            }
        }
    }
    assert!(n.is_empty(), "not a duration: {v}");
    sign * secs
}

/// Each VEVENT by UID: its start, its end and its alarms' triggers (seconds from the start
/// of the day, sorted).
fn events(ics: &str) -> BTreeMap<String, (NaiveDate, Option<NaiveDate>, Vec<i64>)> {
    let unfolded = icalendar::parser::unfold(ics);
    let calendar =
        icalendar::parser::read_calendar(&unfolded).unwrap_or_else(|e| panic!("parses: {e}"));
    let day = |c: &icalendar::parser::Component<'_>, name: &str| {
        c.find_prop(name).map(|p| {
            NaiveDate::parse_from_str(p.val.as_str(), "%Y%m%d")
                .unwrap_or_else(|e| panic!("{name} {:?} is a DATE: {e}", p.val.as_str()))
        })
    };
    let mut out = BTreeMap::new();
    for c in calendar
        .components
        .iter()
        .filter(|c| c.name.as_str() == "VEVENT")
    {
        let uid = c.find_prop("UID").expect("UID").val.as_str().to_string();
        let mut alarms: Vec<i64> = c
            .components
            .iter()
            .filter(|a| a.name.as_str() == "VALARM")
            .map(|a| {
                assert_eq!(
                    a.find_prop("ACTION").expect("ACTION").val.as_str(),
                    "DISPLAY"
                );
                duration_secs(a.find_prop("TRIGGER").expect("TRIGGER").val.as_str())
            })
            .collect();
        alarms.sort_unstable();
        let start = day(c, "DTSTART").expect("DTSTART");
        let end = day(c, "DTEND");
        assert!(
            out.insert(uid.clone(), (start, end, alarms)).is_none(),
            "UID {uid} twice"
        );
    }
    out
}

/// Every VALARM's UID, in file order.
fn alarm_uids(ics: &str) -> Vec<String> {
    let unfolded = icalendar::parser::unfold(ics);
    let calendar =
        icalendar::parser::read_calendar(&unfolded).unwrap_or_else(|e| panic!("parses: {e}"));
    calendar
        .components
        .iter()
        .flat_map(|c| c.components.iter())
        .filter(|a| a.name.as_str() == "VALARM")
        .map(|a| a.find_prop("UID").expect("UID").val.as_str().to_string())
        .collect()
}

fn closed(status: ApplicationStatus) -> bool {
    matches!(
        status,
        ApplicationStatus::Withdrawn
            | ApplicationStatus::NotSelected
            | ApplicationStatus::Failed
            | ApplicationStatus::Completed
            | ApplicationStatus::RewardPaid
    )
}

/// Checks the export against the applications' timelines and the lead days `leads`.
fn check(ics: &str, apps: &[ApplicationView], leads: &[i64]) -> usize {
    let events = events(ics);
    let mut dates = 0;
    let mut reminded_dates = 0;
    for a in apps {
        for step in &a.timeline {
            let Some(date) = step.date.as_deref() else {
                continue;
            };
            dates += 1;
            let date = NaiveDate::parse_from_str(date, "%Y-%m-%d").expect("date");
            let uid = format!("{}-{}@stardesk", a.id, step.key);
            let (start, end, alarms) = events
                .get(&uid)
                .unwrap_or_else(|| panic!("an event {uid} for {date}"));
            assert_eq!(*start, date, "{uid}");
            assert!(
                end.is_none_or(|e| e == date.succ_opt().expect("next day")),
                "{uid}: an all-day event ends (exclusive) the next day, not {end:?}"
            );
            let reminded = step.key != TimelineKeyCode::CooperationEnds
                && !closed(a.status)
                && matches!(step.state, StepStateCode::Next | StepStateCode::Later);
            let mut want: Vec<i64> = if reminded {
                leads.iter().map(|l| 9 * 3_600 - l * 86_400).collect()
            } else {
                Vec::new()
            };
            want.sort_unstable();
            assert_eq!(
                alarms, &want,
                "{uid} ({}, {}, {}): 09:00 {leads:?} days before when reminded ({reminded})",
                a.status, step.key, step.state
            );
            reminded_dates += usize::from(reminded);
        }
    }
    // The rights center's dates (a card's expiry, the level's drop day) come beside them.
    let campaign = events
        .keys()
        .filter(|uid| !uid.starts_with("benefit-") && !uid.starts_with("level-"))
        .count();
    assert_eq!(campaign, dates, "one event per known date, no other");
    assert!(
        reminded_dates > 0 && reminded_dates < dates,
        "the demo data has dates reminded of and dates not ({reminded_dates} of {dates})"
    );
    dates
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_calendar_has_one_event_per_date_stable_uids_and_an_alarm_per_lead_day() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ctx = Context::open(options(dir.path()), Arc::new(EventLog::new()))
        .await
        .expect("open");
    ctx.sync().await.expect("sync the demo creator");
    let apps = ctx.applications().await.expect("applications");
    assert!(apps.len() >= 5, "the demo creator's applications");

    // The default lead days: 3 days, 1 day and the day itself (DOMAIN.md's reminders).
    let first = dir.path().join("first.ics");
    let second = dir.path().join("second.ics");
    ctx.export_calendar(first.display().to_string())
        .await
        .expect("export");
    ctx.export_calendar(second.display().to_string())
        .await
        .expect("export again");
    let (a, b) = (
        std::fs::read_to_string(&first).expect("read"),
        std::fs::read_to_string(&second).expect("read"),
    );
    let dates = check(&a, &apps, &[3, 1, 0]);
    check(&b, &apps, &[3, 1, 0]);
    let (ea, eb) = (events(&a), events(&b));
    assert_eq!(
        ea.keys().collect::<Vec<_>>(),
        eb.keys().collect::<Vec<_>>(),
        "the same UIDs each time, so importing again updates instead of duplicating"
    );
    assert_eq!(ea, eb, "and the same events");
    let alarms = alarm_uids(&a);
    assert!(!alarms.is_empty());
    assert_eq!(alarms, alarm_uids(&b), "each alarm keeps its UID too");
    let distinct: std::collections::BTreeSet<_> = alarms.iter().collect();
    assert_eq!(distinct.len(), alarms.len(), "no two alarms share one");
    // R-LEVEL-6: each benefit card's last valid day, with alarms 30, 7 and 1 days before
    // whatever the campaign lead days; the rest are the campaign dates.
    let cards: Vec<_> = ea
        .iter()
        .filter(|(uid, _)| uid.starts_with("benefit-"))
        .collect();
    assert!(!cards.is_empty(), "the demo creator's cards expire");
    for (uid, (_, _, alarms)) in &cards {
        let want: Vec<i64> = [30, 7, 1].iter().map(|l| 9 * 3_600 - l * 86_400).collect();
        assert_eq!(alarms, &want, "{uid}");
    }
    let level = usize::from(ea.keys().any(|uid| uid.starts_with("level-")));
    assert_eq!(ea.len(), dates + cards.len() + level);

    // Lead days as configured: 7 and 2 days before.
    ctx.set_reminder_settings(vec![2, 7])
        .await
        .expect("settings");
    let ics = ctx.calendar_ics().await.expect("calendar");
    check(&ics, &apps, &[7, 2]);
    assert_eq!(
        events(&ics).keys().collect::<Vec<_>>(),
        ea.keys().collect::<Vec<_>>(),
        "the UIDs do not depend on the reminders"
    );
    // No reminders at all: the dates, without alarms.
    ctx.set_reminder_settings(vec![]).await.expect("settings");
    let ics = ctx.calendar_ics().await.expect("calendar");
    assert!(
        events(&ics)
            .values()
            .all(|(_, _, alarms)| alarms.is_empty()),
        "no lead days, no alarms"
    );
    assert_eq!(events(&ics).len(), ea.len(), "the same dates");
    ctx.shutdown().await;
}
