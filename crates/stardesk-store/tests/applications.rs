//! Applications, the outbox and the reminder schedule on a real encrypted file.

use chrono::NaiveDate;
use stardesk_domain::reward::Reward;
use stardesk_store::applications::outbox::{OutboxInput, OutboxState, RemoteProblem};
use stardesk_store::applications::reminders::ReminderRecord;
use stardesk_store::applications::{ApplicationRecord, CampaignTaskRecord, ShippingRecord};
use stardesk_store::{DbKey, Store, DB_FILE};

fn open(dir: &std::path::Path) -> Store {
    Store::open(&dir.join(DB_FILE), &DbKey::random()).expect("open")
}

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

fn shipping() -> ShippingRecord {
    ShippingRecord {
        contact_name: "林小满".into(),
        phone: "13812345678".into(),
        region_code: "330106".into(),
        province: "浙江省".into(),
        city: "杭州市".into(),
        district: "西湖区".into(),
        detail: "文三路 90 号".into(),
    }
}

fn input(key: &str) -> OutboxInput {
    OutboxInput {
        source: "sandbox".into(),
        idempotency_key: key.into(),
        task_id: "7001".into(),
        shipping: shipping(),
        strengths: "美妆测评三年，粉丝以女性为主".into(),
        idea: "一周早晚对比实测，展示持妆".into(),
        created_at: "2026-11-30T10:00:00.000Z".into(),
    }
}

fn task() -> CampaignTaskRecord {
    CampaignTaskRecord {
        task_id: "7001".into(),
        title: "修护面霜测评".into(),
        brand: "某某美妆".into(),
        apply_start: d("2026-11-20"),
        apply_end: d("2026-12-05"),
        ship_by: Some(d("2026-12-10")),
        upload_deadline: d("2026-12-31"),
        retention_days: 30,
        reward: Reward::example_play_tiers(),
        fetched_at: "2026-11-30T10:00:00Z".into(),
    }
}

fn application(id: &str, status: &str) -> ApplicationRecord {
    ApplicationRecord {
        id: id.into(),
        task_id: "7001".into(),
        status: status.into(),
        applied_at: "2026-11-30T10:00:01Z".into(),
        shipping: shipping(),
        strengths: "美妆测评三年，粉丝以女性为主".into(),
        idea: "一周早晚对比实测，展示持妆".into(),
        withdrawn_at: None,
        selection: Some(("selected".into(), "2026-12-02T01:00:00Z".into())),
        carrier: Some("shunfeng".into()),
        tracking_no: Some("SF1409876543210".into()),
        shipped_on: Some(d("2026-12-05")),
        delivered_at: None,
        receipt: Some((
            false,
            Some("还没收到".into()),
            "2026-12-09T02:00:00Z".into(),
        )),
        content_url: None,
        content_submitted_at: None,
        review: Some((
            "rejected".into(),
            Some("缺少成分表".into()),
            "2026-12-20T02:00:00Z".into(),
        )),
        published_on: None,
        reward_fen: Some(50_000),
        reward_listed_on: None,
        reward_paid_on: None,
        updated_at: "2026-12-20T02:00:00Z".into(),
    }
}

#[test]
fn an_application_waits_in_the_outbox_until_the_platform_confirms_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(dir.path());
    let id = store
        .queue_application(&input("k-1"), Some(&task()))
        .expect("queue");
    assert_eq!(store.outbox_waiting_count().expect("count"), 1);
    assert_eq!(store.campaign_task("7001").expect("task"), Some(task()));
    let due = store
        .outbox_due("sandbox", "2026-11-30T10:00:00.000Z")
        .expect("due");
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].idempotency_key, "k-1");
    assert!(store
        .outbox_due("platform:x", "2099-01-01T00:00:00Z")
        .expect("other")
        .is_empty());

    store
        .mark_outbox_retry(
            id,
            "2026-11-30T10:05:00.000Z",
            "platform_unreachable",
            "offline",
        )
        .expect("retry");
    assert!(store
        .outbox_due("sandbox", "2026-11-30T10:04:59.999Z")
        .expect("not yet")
        .is_empty());
    assert_eq!(
        store
            .outbox_next_attempt("sandbox")
            .expect("next")
            .as_deref(),
        Some("2026-11-30T10:05:00.000Z")
    );
    let again = store
        .outbox_due("sandbox", "2026-11-30T10:05:00.000Z")
        .expect("due again");
    assert_eq!(
        (again[0].attempts, again[0].idempotency_key.as_str()),
        (1, "k-1")
    );

    store
        .mark_outbox_sent(
            id,
            &application("9001", "submitted"),
            "2026-11-30T10:05:01Z",
        )
        .expect("sent");
    assert_eq!(store.outbox_waiting_count().expect("count"), 0);
    assert!(
        store.outbox().expect("list").is_empty(),
        "sent items are not listed"
    );
    let sent = store.outbox_item(id).expect("item").expect("some");
    assert_eq!(
        (sent.state, sent.application_id.as_deref()),
        (OutboxState::Sent, Some("9001"))
    );
    // No copy of the contact stays with the sent item (the application holds it).
    assert_eq!(
        (
            sent.shipping.contact_name.as_str(),
            sent.shipping.phone.as_str(),
            sent.shipping.detail.as_str()
        ),
        ("", "", "")
    );
    assert_eq!(
        store.application("9001").expect("get"),
        Some(application("9001", "submitted"))
    );
    assert!(
        store.queue_application(&input("k-1"), None).is_err(),
        "an idempotency key is used once"
    );
}

#[test]
fn a_refused_application_keeps_the_reason_and_is_resent_under_a_new_key() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(dir.path());
    let id = store.queue_application(&input("k-1"), None).expect("queue");
    let problems = [RemoteProblem {
        field: "phone".into(),
        code: "not_a_mobile".into(),
        message: "11 digits".into(),
    }];
    store
        .mark_outbox_refused(id, "invalid", "the form has problems", &problems)
        .expect("refused");
    let listed = store.outbox().expect("list");
    assert_eq!(
        (listed[0].state, listed[0].problems.as_slice()),
        (OutboxState::Refused, &problems[..])
    );
    assert_eq!(store.outbox_waiting_count().expect("count"), 0);
    assert!(store
        .outbox_due("sandbox", "2099-01-01T00:00:00Z")
        .expect("due")
        .is_empty());
    let edited = ShippingRecord {
        phone: "13900001111".into(),
        ..shipping()
    };
    assert!(store
        .resend_outbox(id, "k-2", &edited, "s", "i", "2026-11-30T11:00:00Z")
        .expect("resend"));
    let item = store.outbox_item(id).expect("item").expect("some");
    assert_eq!(
        (
            item.state,
            item.idempotency_key.as_str(),
            item.shipping.phone.as_str(),
            item.problems.len(),
            item.attempts
        ),
        (OutboxState::Waiting, "k-2", "13900001111", 0, 0)
    );
    assert!(!store
        .resend_outbox(id, "k-3", &edited, "s", "i", "x")
        .expect("only refused items"));
    assert!(store.delete_outbox(id).expect("delete"));
    assert!(store.outbox().expect("list").is_empty());
}

#[test]
fn the_feed_page_and_its_cursor_are_one_write_and_a_source_switch_keeps_the_outbox() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(dir.path());
    assert_eq!(store.applications_cursor("sandbox").expect("cursor"), None);
    store
        .save_application_page(
            "sandbox",
            &[
                application("9001", "shipped"),
                application("9002", "submitted"),
            ],
            &[task()],
            "rev:12",
        )
        .expect("page");
    assert_eq!(
        store
            .applications_cursor("sandbox")
            .expect("cursor")
            .as_deref(),
        Some("rev:12")
    );
    assert_eq!(store.applications().expect("list").len(), 2);
    let updated = ApplicationRecord {
        status: "delivered".into(),
        ..application("9001", "shipped")
    };
    store.save_application(&updated).expect("save");
    assert_eq!(
        store.application("9001").expect("get").map(|a| a.status),
        Some("delivered".into())
    );
    store.queue_application(&input("k-9"), None).expect("queue");
    store.reset_synced_data().expect("switch source");
    assert!(store.applications().expect("list").is_empty());
    assert_eq!(store.campaign_tasks().expect("tasks"), []);
    assert_eq!(
        store.outbox_waiting_count().expect("count"),
        1,
        "the outbox stays"
    );
}

#[test]
fn the_reminder_schedule_is_replaced_keeping_what_was_fired() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(dir.path());
    let r = |key: &str, due: &str, lead: u32, on: &str| ReminderRecord {
        application_id: "9001".into(),
        timeline_key: key.into(),
        due_on: d(due),
        lead_days: lead,
        remind_on: d(on),
        fired_at: None,
    };
    let first = [
        r("ship_by", "2026-12-10", 3, "2026-12-07"),
        r("ship_by", "2026-12-10", 1, "2026-12-09"),
        r("upload_by", "2026-12-31", 3, "2026-12-28"),
    ];
    store.replace_reminders(&first).expect("schedule");
    store
        .mark_reminders_fired(&first[..1], "2026-12-07T01:00:00Z")
        .expect("fire");
    // Shipping is done (its reminders go); the upload deadline moved (a new reminder).
    let second = [r("upload_by", "2027-01-03", 3, "2026-12-31")];
    store.replace_reminders(&second).expect("reschedule");
    assert_eq!(store.reminders().expect("list"), second);
    store
        .mark_reminders_fired(&second, "2026-12-31T01:00:00Z")
        .expect("fire");
    store.replace_reminders(&second).expect("same again");
    assert_eq!(
        store.reminders().expect("list")[0].fired_at.as_deref(),
        Some("2026-12-31T01:00:00Z"),
        "an unchanged reminder keeps its firing"
    );
    // Read for a firing, then moved by a sync before the firing is written: the moved
    // date is a reminder of its own, still to fire.
    let read = [r("content_by", "2027-01-10", 3, "2027-01-07")];
    store.replace_reminders(&read).expect("schedule");
    let moved = [r("content_by", "2027-01-17", 3, "2027-01-14")];
    store.replace_reminders(&moved).expect("a sync moves it");
    store
        .mark_reminders_fired(&read, "2027-01-07T01:00:00Z")
        .expect("the firing of the date read");
    assert_eq!(store.reminders().expect("list"), moved, "not fired");
}

/// The app queues an application at a time in whole seconds (`…:00Z`) and the job asks
/// what is due with milliseconds (`…:00.500Z`): the two are compared as instants. As text,
/// `…:00Z` sorts after `…:00.500Z`, so the item was not due for up to a second while its
/// next attempt read as past, and the job ran again at once until the clock turned.
#[test]
fn outbox_times_with_and_without_milliseconds_compare_as_instants() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(dir.path());
    let whole_second = OutboxInput {
        created_at: "2026-11-30T10:00:00Z".into(),
        ..input("k-seconds")
    };
    let id = store
        .queue_application(&whole_second, Some(&task()))
        .expect("queue");
    let due = store
        .outbox_due("sandbox", "2026-11-30T10:00:00.500Z")
        .expect("due");
    assert_eq!(due.len(), 1, "due half a second after it was queued");
    assert!(store
        .outbox_due("sandbox", "2026-11-30T09:59:59.999Z")
        .expect("not yet")
        .is_empty());

    // The earliest next attempt is the earliest instant, whichever way it was written.
    let later = store
        .queue_application(
            &OutboxInput {
                created_at: "2026-11-30T10:00:00.250Z".into(),
                task_id: "7002".into(),
                ..input("k-millis")
            },
            None,
        )
        .expect("queue");
    assert_ne!(id, later);
    assert_eq!(
        store
            .outbox_next_attempt("sandbox")
            .expect("next")
            .as_deref(),
        Some("2026-11-30T10:00:00Z")
    );
    // Made due now at a time in milliseconds: the item already due keeps its time.
    assert_eq!(
        store
            .outbox_due_now("sandbox", "2026-11-30T10:00:00.100Z")
            .expect("due now"),
        1,
        "only the item not yet due is brought forward"
    );
}
