//! The client's applications calls against the real sandbox on a random loopback port:
//! idempotent applying (with retries that must reuse the key), every refusal as the error a
//! caller acts on, the feed, the creator's actions, the brands moved by the sandbox's clock,
//! and a restart.

use std::time::Duration;

use chrono::{DateTime, TimeDelta, Utc};
use stardesk_platform::wire::{
    Address, ApplicationRequest, ApplicationStatus, ConflictCode, FieldErrorCode, SelectionOutcome,
    SettlementMode, Task, TaskEntry,
};
use stardesk_platform::{
    new_idempotency_key, ApplyOutcome, ClientOptions, PlatformClient, PlatformError,
};
use stardesk_sandbox::{Fault, RunningSandbox, SandboxConfig, DEMO_TOKEN};

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-22T04:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
}

async fn sandbox_with(config: SandboxConfig) -> RunningSandbox {
    stardesk_sandbox::start(config, "127.0.0.1:0".parse().expect("addr"))
        .await
        .expect("sandbox starts")
}

async fn sandbox() -> RunningSandbox {
    sandbox_with(SandboxConfig {
        now: Some(now()),
        ..SandboxConfig::default()
    })
    .await
}

fn fast_options() -> ClientOptions {
    ClientOptions {
        timeout: Duration::from_millis(1500),
        attempts: 4,
        backoff: Duration::from_millis(10),
        max_backoff: Duration::from_millis(50),
    }
}

fn client(sb: &RunningSandbox) -> PlatformClient {
    PlatformClient::new(&sb.url(), DEMO_TOKEN, fast_options()).expect("client")
}

fn request(task_id: &str) -> ApplicationRequest {
    ApplicationRequest {
        task_id: task_id.to_owned(),
        contact_name: "林小满".into(),
        phone: "13812345678".into(),
        address: Address {
            region_code: "330106".into(),
            province: "浙江省".into(),
            city: "杭州市".into(),
            district: "西湖区".into(),
            detail: "文三路90号东部软件园3号楼502室".into(),
        },
        strengths: "专注敏感肌护肤测评三年，粉丝以女性为主。".into(),
        idea: "以换季泛红为切入点，做14天真实打卡对比。".into(),
    }
}

/// Every task of the hall.
async fn all_tasks(c: &PlatformClient) -> Vec<Task> {
    let mut tasks = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let page = c.tasks_page(cursor.as_deref(), 1000).await.expect("page");
        tasks.extend(page.items.into_iter().filter_map(|e| match e {
            TaskEntry::Open(t) => Some(*t),
            _ => None,
        }));
        if !page.has_more {
            return tasks;
        }
        cursor = Some(page.next_cursor);
    }
}

fn is_review(t: &Task) -> bool {
    t.settlement_mode == Some(SettlementMode::ProductReview)
}

fn refused(err: PlatformError) -> ConflictCode {
    match err {
        PlatformError::Refused { code, .. } => code,
        other => panic!("expected a 409, got {other:?}"),
    }
}

fn invalid_fields(err: PlatformError) -> Vec<(String, FieldErrorCode)> {
    match err {
        PlatformError::Invalid { code, errors, .. } => {
            assert_eq!(code, "invalid_fields");
            errors.into_iter().map(|e| (e.field, e.code)).collect()
        }
        other => panic!("expected a 422, got {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn apply_creates_then_replays_with_the_same_key() {
    let sb = sandbox().await;
    let control = sb.control();
    let c = client(&sb);
    let task = control.add_open_review_tasks(1).remove(0);
    let key = new_idempotency_key();
    let before = control.application_count();

    let created = c.apply(&request(&task), &key).await.expect("applied");
    let ApplyOutcome::Created(app) = &created else {
        panic!("the first request creates: {created:?}")
    };
    assert_eq!(app.status, ApplicationStatus::Submitted);
    assert_eq!(app.task_id, task);
    assert_eq!(app.shipping.phone, "13812345678");

    let replayed = c.apply(&request(&task), &key).await.expect("replayed");
    assert!(replayed.is_replay(), "{replayed:?}");
    assert_eq!(replayed.application().id, app.id);
    assert_eq!(
        control.application_count(),
        before + 1,
        "nothing more created"
    );
    assert_eq!(c.application(&app.id).await.expect("one").id, app.id);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_same_key_with_another_body_is_a_422_and_not_retried() {
    let sb = sandbox().await;
    let control = sb.control();
    let c = client(&sb);
    let tasks = control.add_open_review_tasks(2);
    let key = new_idempotency_key();
    c.apply(&request(&tasks[0]), &key).await.expect("applied");
    let before = control.request_count();
    let err = c
        .apply(&request(&tasks[1]), &key)
        .await
        .expect_err("key reuse");
    assert!(
        matches!(&err, PlatformError::Invalid { code, errors, .. } if code == "idempotency_key_reused" && errors.is_empty()),
        "{err:?}"
    );
    assert!(!err.is_transient());
    assert_eq!(control.request_count() - before, 1);
}

/// R-REVIEW-12: every field of the form has its rule, and each breach is a 422 naming the
/// field and its code.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_invalid_field_is_a_422_naming_it() {
    let sb = sandbox().await;
    let c = client(&sb);
    let task = sb.control().add_open_review_tasks(1).remove(0);
    type Edit = fn(&mut ApplicationRequest);
    let cases: Vec<(Edit, &str, FieldErrorCode)> = vec![
        (
            |r| r.contact_name = " ".into(),
            "contact_name",
            FieldErrorCode::Required,
        ),
        (
            |r| r.contact_name = "名".repeat(21),
            "contact_name",
            FieldErrorCode::TooLong,
        ),
        (
            |r| r.phone = "12345678901".into(),
            "phone",
            FieldErrorCode::InvalidFormat,
        ),
        (
            |r| r.phone = "1381234567".into(),
            "phone",
            FieldErrorCode::InvalidFormat,
        ),
        (
            |r| r.address.region_code = "33010".into(),
            "address.region_code",
            FieldErrorCode::InvalidFormat,
        ),
        (
            |r| r.address.region_code = "330100".into(),
            "address.region_code",
            FieldErrorCode::NotCountyLevel,
        ),
        (
            |r| r.address.province = "".into(),
            "address.province",
            FieldErrorCode::Required,
        ),
        (
            |r| r.address.detail = "文三路".into(),
            "address.detail",
            FieldErrorCode::TooShort,
        ),
        (
            |r| r.address.detail = "路".repeat(101),
            "address.detail",
            FieldErrorCode::TooLong,
        ),
        (
            |r| r.strengths = "粉丝多".into(),
            "strengths",
            FieldErrorCode::TooShort,
        ),
        (
            |r| r.strengths = "优".repeat(501),
            "strengths",
            FieldErrorCode::TooLong,
        ),
        (
            |r| r.idea = "拍一条".into(),
            "idea",
            FieldErrorCode::TooShort,
        ),
        (
            |r| r.idea = "想".repeat(501),
            "idea",
            FieldErrorCode::TooLong,
        ),
        (
            |r| r.task_id = "73x".into(),
            "task_id",
            FieldErrorCode::InvalidFormat,
        ),
        (
            |r| r.task_id = "7399999999999999999".into(),
            "task_id",
            FieldErrorCode::UnknownTask,
        ),
    ];
    for (edit, field, code) in cases {
        let mut r = request(&task);
        edit(&mut r);
        let err = c.apply(&r, &new_idempotency_key()).await.expect_err(field);
        assert_eq!(invalid_fields(err), [(field.to_owned(), code)], "{field}");
    }
    // A task that is not a product review cannot be applied to (R-REVIEW-1).
    let other = all_tasks(&c)
        .await
        .into_iter()
        .find(|t| !is_review(t))
        .expect("a non-review task");
    let err = c
        .apply(&request(&other.id), &new_idempotency_key())
        .await
        .expect_err("not a review");
    assert_eq!(
        invalid_fields(err),
        [("task_id".to_owned(), FieldErrorCode::NotProductReview)]
    );
    // Several at once, in the body's order; the message is in the error, the value is not.
    let mut r = request(&task);
    r.phone = "110".into();
    r.idea = "短".into();
    let err = c
        .apply(&r, &new_idempotency_key())
        .await
        .expect_err("two fields");
    let text = err.to_string();
    assert!(
        text.contains("phone invalid_format") && text.contains("idea too_short"),
        "{text}"
    );
    assert!(!text.contains("110"), "{text}");
}

/// The four refusals of applying, each a 409 with its code, none retried: the window and
/// the slots (R-REVIEW-2), one application per task, and R-REVIEW-11.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_refusals_are_409s_with_their_codes() {
    let sb = sandbox().await;
    let control = sb.control();
    let c = client(&sb);
    let today = control.today();
    let tasks = all_tasks(&c).await;

    let closed = tasks
        .iter()
        .find(|t| is_review(t) && t.apply_end < today)
        .expect("a closed window");
    let before = control.request_count();
    let err = c
        .apply(&request(&closed.id), &new_idempotency_key())
        .await
        .expect_err("closed");
    assert_eq!(control.request_count() - before, 1, "a 409 is not retried");
    assert!(!err.is_transient());
    assert_eq!(refused(err), ConflictCode::WindowClosed);

    let full = tasks
        .iter()
        .find(|t| {
            is_review(t)
                && t.apply_start <= today
                && today <= t.apply_end
                && t.slots_taken >= t.slots_wanted
        })
        .expect("a full task taking applications");
    let err = c
        .apply(&request(&full.id), &new_idempotency_key())
        .await
        .expect_err("full");
    assert_eq!(refused(err), ConflictCode::SlotsFull);

    let open = control.add_open_review_tasks(1).remove(0);
    c.apply(&request(&open), &new_idempotency_key())
        .await
        .expect("first");
    let err = c
        .apply(&request(&open), &new_idempotency_key())
        .await
        .expect_err("again");
    assert_eq!(refused(err), ConflictCode::AlreadyApplied);

    // R-REVIEW-11: a creator not under an MCN needs 10,000 to 500,000 followers.
    let mut me = control.creator();
    me.followers = 9_999;
    control.set_creator(me);
    let open = control.add_open_review_tasks(1).remove(0);
    let err = c
        .apply(&request(&open), &new_idempotency_key())
        .await
        .expect_err("too few");
    match err {
        PlatformError::Refused { code, detail } => {
            assert_eq!(code, ConflictCode::NotEligible);
            assert!(detail.unwrap_or_default().contains("R-REVIEW-11"));
        }
        other => panic!("{other:?}"),
    }
}

/// A withdrawn application does not block applying again while the window is open.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_withdrawn_application_can_be_made_again() {
    let sb = sandbox().await;
    let c = client(&sb);
    let task = sb.control().add_open_review_tasks(1).remove(0);
    let first = c
        .apply(&request(&task), &new_idempotency_key())
        .await
        .unwrap()
        .into_application();
    let withdrawn = c.withdraw(&first.id).await.expect("withdrawn");
    assert_eq!(withdrawn.status, ApplicationStatus::Withdrawn);
    assert!(withdrawn.withdrawn_at.is_some());
    assert_eq!(
        c.withdraw(&first.id).await.expect("again").withdrawn_at,
        withdrawn.withdrawn_at
    );
    let second = c
        .apply(&request(&task), &new_idempotency_key())
        .await
        .expect("again");
    assert!(matches!(second, ApplyOutcome::Created(ref a) if a.id != first.id));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_feed_pages_with_cursor_and_updated_since() {
    let sb = sandbox().await;
    let control = sb.control();
    let c = client(&sb);
    let demo = control.application_count() as u64;

    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let page = c
            .applications_page(cursor.as_deref(), None, 4)
            .await
            .expect("page");
        assert!(page.items.len() <= 4);
        assert_eq!(page.has_more, page.remaining > 0);
        seen.extend(page.items.iter().map(|a| a.id.clone()));
        cursor = Some(page.next_cursor);
        if !page.has_more {
            break;
        }
    }
    assert_eq!(seen.len() as u64, demo);
    let saved = cursor.expect("a cursor");
    let caught_up = c.applications_page(Some(&saved), None, 4).await.unwrap();
    assert!(caught_up.items.is_empty() && !caught_up.has_more);
    assert_eq!(caught_up.next_cursor, saved);

    // A new application and a withdrawal: exactly those come after the saved cursor, in
    // the order they happened, the withdrawn one once in its latest state.
    let tasks = control.add_open_review_tasks(2);
    let a = c
        .apply(&request(&tasks[0]), &new_idempotency_key())
        .await
        .unwrap()
        .into_application();
    let b = c
        .apply(&request(&tasks[1]), &new_idempotency_key())
        .await
        .unwrap()
        .into_application();
    c.withdraw(&a.id).await.unwrap();
    let changes = c.applications_page(Some(&saved), None, 100).await.unwrap();
    let ids: Vec<(&str, ApplicationStatus)> = changes
        .items
        .iter()
        .map(|x| (x.id.as_str(), x.status))
        .collect();
    assert_eq!(
        ids,
        [
            (b.id.as_str(), ApplicationStatus::Submitted),
            (a.id.as_str(), ApplicationStatus::Withdrawn)
        ]
    );

    // updated_since keeps the applications updated at or after the instant.
    let since = changes.items[0].updated_at;
    let recent = c.applications_page(None, Some(since), 100).await.unwrap();
    assert_eq!(recent.items.len(), 2);
    assert!(recent.items.iter().all(|x| x.updated_at >= since));
    let err = c
        .applications_page(Some("garbage"), None, 10)
        .await
        .expect_err("bad cursor");
    assert!(
        matches!(err, PlatformError::Http { status: 400, .. }),
        "{err:?}"
    );
}

/// R-REVIEW-13..16: the creator's actions as the application moves on.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn withdraw_receipt_and_content_follow_the_status() {
    let sb = sandbox().await;
    let control = sb.control();
    control.set_brand_autopilot(false);
    control.set_now(now());
    let c = client(&sb);
    let task_id = control.add_open_review_tasks(1).remove(0);
    let task = c.task(&task_id).await.unwrap();
    let app = c
        .apply(&request(&task_id), &new_idempotency_key())
        .await
        .unwrap()
        .into_application();
    let id = app.id.as_str();
    let url = "https://www.douyin.com/video/7441234567890123456";
    let today = control.today();

    let err = c
        .receipt(id, true, None)
        .await
        .expect_err("nothing shipped");
    assert_eq!(refused(err), ConflictCode::NotShipped);
    let err = c
        .report_content(id, url, today)
        .await
        .expect_err("not selected");
    assert_eq!(refused(err), ConflictCode::SelectionRequired);

    control.select(id).unwrap();
    let err = c.withdraw(id).await.expect_err("selected");
    assert_eq!(refused(err), ConflictCode::NotWithdrawable);
    control
        .ship(id, "zhongtong", "75301948276534", today)
        .unwrap();

    // R-REVIEW-16: the sample did not arrive; a note is required to say so.
    let err = c.receipt(id, false, None).await.expect_err("no note");
    assert_eq!(
        invalid_fields(err),
        [("note".to_owned(), FieldErrorCode::Required)]
    );
    let reported = c
        .receipt(id, false, Some("物流显示已签收，但本人未收到"))
        .await
        .unwrap();
    assert_eq!(
        reported.status,
        ApplicationStatus::Shipped,
        "the carrier decides delivery"
    );
    let receipt = reported.receipt.unwrap();
    assert!(!receipt.received);
    control.deliver(id).unwrap();
    assert!(
        c.receipt(id, true, None)
            .await
            .unwrap()
            .receipt
            .unwrap()
            .received
    );

    // R-REVIEW-13: published within the campaign's dates.
    let before = today - TimeDelta::days(1);
    let err = c
        .report_content(id, url, before)
        .await
        .expect_err("before applying");
    assert_eq!(
        invalid_fields(err),
        [("published_on".to_owned(), FieldErrorCode::BeforeApplication)]
    );
    let after = task.upload_deadline + TimeDelta::days(1);
    let err = c
        .report_content(id, url, after)
        .await
        .expect_err("after the deadline");
    assert_eq!(
        invalid_fields(err),
        [(
            "published_on".to_owned(),
            FieldErrorCode::AfterUploadDeadline
        )]
    );
    let submitted = c.report_content(id, url, today).await.unwrap();
    assert_eq!(submitted.status, ApplicationStatus::ContentSubmitted);
    assert_eq!(submitted.published_on, Some(today));
    let again = c.report_content(id, url, today).await.unwrap();
    assert_eq!(
        again.content, submitted.content,
        "the same report again changes nothing"
    );
    let err = c
        .receipt(id, true, None)
        .await
        .expect_err("content reported");
    assert_eq!(refused(err), ConflictCode::ReceiptClosed);

    // R-REVIEW-14: rejected with a reason, revised, approved.
    let rejected = control
        .reject(id, "口播未提及核心卖点，请补充后重新上传")
        .unwrap();
    assert_eq!(rejected.status, ApplicationStatus::ContentRejected);
    let revised = c
        .report_content(id, &format!("{url}2"), today)
        .await
        .unwrap();
    assert_eq!(revised.status, ApplicationStatus::ContentSubmitted);
    assert!(revised.content.as_ref().unwrap().review.is_none());
    assert_eq!(
        control.approve(id).unwrap().status,
        ApplicationStatus::Published
    );
    let err = c
        .report_content(id, url, today)
        .await
        .expect_err("approved");
    assert_eq!(refused(err), ConflictCode::AlreadyApproved);

    // R-REVIEW-14: after the deadline, nothing more can be uploaded.
    let other = c
        .apply(
            &request(&control.add_open_review_tasks(1).remove(0)),
            &new_idempotency_key(),
        )
        .await
        .unwrap()
        .into_application();
    control.select(&other.id).unwrap();
    let other_task = c.task(&other.task_id).await.unwrap();
    control.set_now(start_of_day_after(other_task.upload_deadline));
    let failed = c.application(&other.id).await.unwrap();
    assert_eq!(
        failed.status,
        ApplicationStatus::Failed,
        "R-REVIEW-13: no content by the deadline"
    );
    let err = c
        .report_content(&other.id, url, other_task.upload_deadline)
        .await
        .expect_err("late");
    assert_eq!(refused(err), ConflictCode::UploadClosed);
}

fn start_of_day_after(day: chrono::NaiveDate) -> DateTime<Utc> {
    // Midnight in Beijing is 16:00 UTC the day before.
    day.and_hms_opt(16, 0, 0).unwrap().and_utc()
}

/// R-REVIEW-3: with the brand idle, 14 days after the application day it is not selected.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn r_review_3_the_clock_expires_an_application_the_brand_left_waiting() {
    let sb = sandbox().await;
    let control = sb.control();
    control.set_brand_autopilot(false);
    control.set_now(now());
    let c = client(&sb);
    let task = control.add_open_review_tasks(1).remove(0);
    let app = c
        .apply(&request(&task), &new_idempotency_key())
        .await
        .unwrap()
        .into_application();

    control.advance(TimeDelta::days(14));
    assert_eq!(
        c.application(&app.id).await.unwrap().status,
        ApplicationStatus::Submitted
    );
    control.advance(TimeDelta::days(1));
    let expired = c.application(&app.id).await.unwrap();
    assert_eq!(expired.status, ApplicationStatus::NotSelected);
    assert_eq!(
        expired.selection.unwrap().outcome,
        SelectionOutcome::Expired
    );
    let page = c
        .applications_page(None, Some(expired.updated_at), 10)
        .await
        .unwrap();
    assert_eq!(page.items.len(), 1, "the expiry is a change in the feed");
}

/// The brands on autopilot, moved by the clock: selection, shipment and delivery happen
/// without the client doing anything.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_autopilot_the_brand_selects_ships_and_delivers() {
    let sb = sandbox().await;
    let control = sb.control();
    control.set_now(now());
    let c = client(&sb);
    let tasks = control.add_open_review_tasks(10);
    let mut ids = Vec::new();
    for task in &tasks {
        ids.push(
            c.apply(&request(task), &new_idempotency_key())
                .await
                .unwrap()
                .into_application()
                .id,
        );
    }
    control.advance(TimeDelta::days(40));
    let mut delivered = 0;
    for id in &ids {
        let app = c.application(id).await.unwrap();
        assert_ne!(
            app.status,
            ApplicationStatus::Submitted,
            "decided or expired in 14 days"
        );
        if let (Some(shipment), Some(at)) = (&app.shipment, app.delivered_at) {
            delivered += 1;
            assert!(stardesk_platform::wire::CARRIERS.contains(&shipment.carrier.as_str()));
            assert!(at.date_naive() >= shipment.shipped_at - TimeDelta::days(1));
        }
    }
    assert!(delivered > 0, "some samples arrived");
}

/// A request the sandbox handled but whose answer was lost is retried by the client with
/// the same key: exactly one application, answered as a replay.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_handled_then_failed_apply_is_retried_with_the_same_key() {
    let sb = sandbox().await;
    let control = sb.control();
    let c = client(&sb);
    let tasks = control.add_open_review_tasks(3);
    let before = control.application_count();

    for (task, fault) in tasks
        .iter()
        .zip([Fault::HandledThenStatus(503), Fault::HandledThenDisconnect])
    {
        control.push_fault(fault);
        let requests = control.request_count();
        let outcome = c
            .apply(&request(task), &new_idempotency_key())
            .await
            .expect("applied");
        assert!(
            outcome.is_replay(),
            "{fault:?}: the retry found the stored application"
        );
        assert_eq!(control.request_count() - requests, 2, "{fault:?}");
    }
    assert_eq!(control.application_count(), before + 2);

    // Broken off before handling: the retry is the one that creates it.
    control.push_fault(Fault::Disconnect);
    let outcome = c
        .apply(&request(&tasks[2]), &new_idempotency_key())
        .await
        .expect("applied");
    assert!(matches!(outcome, ApplyOutcome::Created(_)));
    assert_eq!(control.application_count(), before + 3);
    assert_eq!(control.fault_counts().after_handling, 2);
}

/// An outbox in miniature: 80 applications through a 30% random fault mix, each sent again
/// with its own key until it is confirmed, end with exactly 80 on the server.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn under_random_faults_each_key_makes_exactly_one_application() {
    let sb = sandbox_with(SandboxConfig {
        now: Some(now()),
        tasks: 200,
        ..SandboxConfig::default()
    })
    .await;
    let control = sb.control();
    let c = PlatformClient::new(
        &sb.url(),
        DEMO_TOKEN,
        ClientOptions {
            attempts: 2,
            ..fast_options()
        },
    )
    .unwrap();
    let tasks = control.add_open_review_tasks(80);
    let before = control.application_count();
    control.set_random_faults(20261122, 30);
    let mut replays = 0;
    for task in &tasks {
        let key = new_idempotency_key();
        let mut sends = 0;
        let outcome = loop {
            sends += 1;
            match c.apply(&request(task), &key).await {
                Ok(outcome) => break outcome,
                Err(e) if e.is_transient() && sends < 20 => continue,
                Err(e) => panic!("{task}: {e}"),
            }
        };
        replays += usize::from(outcome.is_replay());
    }
    control.set_random_faults(0, 0);
    assert_eq!(control.application_count(), before + 80);
    let counts = control.fault_counts();
    assert!(
        counts.before_handling > 0 && counts.after_handling > 0,
        "{counts:?}"
    );
    assert!(
        replays > 0,
        "some answers were lost after the application was stored"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn applications_survive_a_restart_with_db_path() {
    let dir = tempfile::tempdir().unwrap();
    let config = SandboxConfig {
        now: Some(now()),
        tasks: 300,
        db_path: Some(dir.path().join("sandbox.sqlite")),
        ..SandboxConfig::default()
    };
    let sb = sandbox_with(config.clone()).await;
    let task = sb.control().add_open_review_tasks(1).remove(0);
    let key = new_idempotency_key();
    let app = client(&sb)
        .apply(&request(&task), &key)
        .await
        .unwrap()
        .into_application();
    let feed = client(&sb)
        .applications_page(None, None, 1000)
        .await
        .unwrap();
    sb.shutdown().await;

    let sb = sandbox_with(config).await;
    let c = client(&sb);
    assert_eq!(c.application(&app.id).await.unwrap().id, app.id);
    let again = c.apply(&request(&task), &key).await.unwrap();
    assert!(again.is_replay(), "the key outlived the restart");
    let after = c.applications_page(None, None, 1000).await.unwrap();
    assert_eq!(after.items.len(), feed.items.len());
    assert_eq!(
        after.next_cursor, feed.next_cursor,
        "the feed resumes where it was"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn errors_never_carry_the_token() {
    let sb = sandbox().await;
    let c = PlatformClient::new(&sb.url(), "tok-SECRET-1", fast_options()).unwrap();
    let err = c
        .apply(&request("1"), &new_idempotency_key())
        .await
        .expect_err("401");
    assert!(matches!(err, PlatformError::Unauthorized { status: 401 }));
    assert!(!format!("{err} {err:?}").contains("SECRET"));
    let ok = client(&sb);
    let err = ok.withdraw("7599999999999999999").await.expect_err("404");
    assert!(
        matches!(err, PlatformError::Http { status: 404, .. }),
        "{err:?}"
    );
    assert!(!format!("{err} {err:?} {ok:?}").contains(DEMO_TOKEN));
}
