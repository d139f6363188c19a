//! The client's rights-center calls against the real sandbox on a random loopback port:
//! each endpoint's answer, claiming and answering by idempotency key (with lost answers
//! retried), the hour to accept a dispatch on the sandbox's clock, the featured case once,
//! the demo creator read with the domain's rules, and a restart with the same database.

use std::time::Duration;

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use rust_decimal::Decimal;
use stardesk_domain::rights::{
    acceptance_rate, below_floor, card_expiry, days_left, declines_left, dou_plus_owed, evaluate,
    posts_in_window, reward_progress, Claim, CycleMonth as DomainMonth, LevelTable, Metrics,
    RewardBars,
};
use stardesk_platform::wire::{
    BenefitCard, BenefitClaim, BenefitKind, BenefitStatus, ConflictCode, FeaturedCaseStatus,
    InvitationKind, InvitationStatus, PostKind, RightsMetrics,
};
use stardesk_platform::{new_idempotency_key, ClientOptions, PlatformClient, PlatformError};
use stardesk_sandbox::{Fault, RunningSandbox, SandboxConfig, DEMO_TOKEN};

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-22T04:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

fn config() -> SandboxConfig {
    SandboxConfig {
        now: Some(now()),
        tasks: 300,
        ..SandboxConfig::default()
    }
}

async fn sandbox_with(config: SandboxConfig) -> RunningSandbox {
    let sb = stardesk_sandbox::start(config, "127.0.0.1:0".parse().expect("addr"))
        .await
        .expect("sandbox starts");
    // The clock stands still, so "an hour later" is exact.
    sb.control().set_now(now());
    sb
}

async fn sandbox() -> RunningSandbox {
    sandbox_with(config()).await
}

fn client(sb: &RunningSandbox) -> PlatformClient {
    let options = ClientOptions {
        timeout: Duration::from_millis(1500),
        attempts: 4,
        backoff: Duration::from_millis(10),
        max_backoff: Duration::from_millis(50),
    };
    PlatformClient::new(&sb.url(), DEMO_TOKEN, options).expect("client")
}

fn refused(err: PlatformError) -> ConflictCode {
    match err {
        PlatformError::Refused { code, .. } => code,
        other => panic!("expected a 409, got {other:?}"),
    }
}

/// R-LEVEL-2: the domain's metrics from the wire's, the 30-day posts counted by the client.
fn domain_metrics(m: &RightsMetrics) -> Metrics {
    let dates: Vec<NaiveDate> = m.posts.iter().map(|p| p.published_on).collect();
    Metrics {
        followers: m.followers,
        courses_completed: m.courses_completed,
        posts_30d: u32::try_from(posts_in_window(&dates, m.as_of)).unwrap(),
        avg_valid_plays: m.avg_valid_plays,
        likes: m.likes,
        orders: m.orders,
        credit_score: m.credit_score,
        profile_complete: m.profile_complete,
        submission_tasks_joined: m.submission_tasks_joined,
    }
}

fn card(cards: &[BenefitCard], kind: BenefitKind, status: BenefitStatus) -> BenefitCard {
    cards
        .iter()
        .find(|c| c.kind == kind && c.status == status)
        .unwrap_or_else(|| panic!("no {kind} card {status:?} in {cards:?}"))
        .clone()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_endpoint_answers_in_its_shape() {
    let sb = sandbox().await;
    let c = client(&sb);

    let m = c.rights_metrics().await.unwrap();
    assert_eq!(m.as_of, today());
    let dates: Vec<NaiveDate> = m.posts.iter().map(|p| p.published_on).collect();
    assert!(dates.is_sorted(), "oldest first");
    let oldest = today() - TimeDelta::days(59);
    assert!(dates.iter().all(|d| oldest <= *d && *d <= today()));
    assert!(m.posts.iter().any(|p| p.kind == PostKind::Live));
    let months: Vec<&str> = m.cycle.iter().map(|c| c.month.as_str()).collect();
    assert_eq!(months, ["2026-10", "2026-11"], "the quarter so far");

    let cards = c.benefits().await.unwrap();
    assert!(cards.windows(2).all(|w| w[0].issued_on >= w[1].issued_on));
    for card in &cards {
        let kind = card.kind.to_domain().expect("a kind the domain knows");
        let automatic = kind.published_claim() == Claim::Automatic;
        assert_eq!(card.claim == BenefitClaim::Automatic, automatic);
        assert_eq!(card.level, 2);
    }
    let guarantee = card(&cards, BenefitKind::GuaranteeCard, BenefitStatus::Available);
    assert_eq!(guarantee.value, Some(Decimal::from(50)), "R-LEVEL-6");
    assert_eq!(
        guarantee.expires_on,
        Some(card_expiry(guarantee.issued_on)),
        "R-LEVEL-6: 180 days counting the issue day"
    );

    let windows = c.dispatches().await.unwrap();
    assert_eq!(windows.len(), 3);
    for pair in windows.windows(2) {
        assert_eq!(pair[1].starts_on, pair[0].ends_on + TimeDelta::days(1));
    }
    assert!(windows.iter().all(|w| w.promised == 8), "R-LEVEL-4: LV2");

    let index = c.star_index().await.unwrap();
    assert_eq!(index.day, today());
    let history = c.star_index_history(90).await.unwrap().expect("served");
    assert_eq!(history.len(), 90);
    assert_eq!(history.last(), Some(&index));

    let invitations = c.invitations().await.unwrap();
    let times: Vec<_> = invitations.items.iter().map(|i| i.received_at).collect();
    assert!(times.windows(2).all(|w| w[0] >= w[1]), "newest first");
    assert!(times.iter().all(|t| *t <= now()), "none from the future");
    let acceptance = invitations.acceptance;
    assert_eq!((acceptance.accepted, acceptance.total), (9, 11));

    assert_eq!(c.featured_case().await.unwrap(), None);

    let agencies = c.agencies().await.unwrap();
    assert_eq!(agencies.len(), 12);
    let levels: Vec<Option<u8>> = agencies.iter().map(|a| a.level).collect();
    assert!(levels.contains(&None), "one not rated yet");
    assert!(levels.iter().flatten().all(|l| (1..=5).contains(l)));
}

/// R-LEVEL-1..7, R-PREF-2, R-LEVEL-9: the demo creator, read with the domain's rules.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_creator_is_one_step_from_lv3() {
    let sb = sandbox().await;
    let c = client(&sb);
    let m = c.rights_metrics().await.unwrap();
    let report = evaluate(&LevelTable::published(), &domain_metrics(&m));
    assert_eq!(report.level, 2, "{report:?}");
    assert_eq!(report.next_level, Some(3));
    assert!(
        (1..=2).contains(&report.missing.len()),
        "{:?}",
        report.missing
    );
    assert_eq!(c.me().await.unwrap().level, report.level, "/v1/me agrees");

    // R-LEVEL-2: just over 20 posts, one of them leaving the window within 2 days.
    let dates: Vec<NaiveDate> = m.posts.iter().map(|p| p.published_on).collect();
    let posts = posts_in_window(&dates, today());
    assert!((21..=23).contains(&posts), "{posts}");
    assert!(posts_in_window(&dates, today() + TimeDelta::days(2)) < posts);
    assert!(m.courses_completed == 8 && m.avg_valid_plays > 50_000);

    // R-LEVEL-3: the cycle so far meets LV2's reward bar.
    let months: Vec<DomainMonth> = m
        .cycle
        .iter()
        .map(|c| DomainMonth {
            orders: c.orders,
            avg_plays_short_video: c.avg_valid_plays_video,
            avg_plays_live: c.avg_valid_plays_live,
        })
        .collect();
    assert!(reward_progress(&RewardBars::published(), &months).met(2));

    // R-LEVEL-6: a card whose last day is within a week.
    let cards = c.benefits().await.unwrap();
    let soon = cards.iter().filter(|c| {
        matches!(c.status, BenefitStatus::Available | BenefitStatus::Claimed)
            && c.expires_on
                .and_then(|last| days_left(last, today()))
                .is_some_and(|d| d <= 7)
    });
    assert!(soon.count() >= 1, "{cards:?}");

    // R-LEVEL-7: the period that ended last owes DOU+.
    let windows = c.dispatches().await.unwrap();
    let ended = windows.iter().rev().find(|w| w.ends_on < today()).unwrap();
    assert!(dou_plus_owed(ended.promised, ended.sent) > 0, "{ended:?}");

    // R-PREF-2: at the floor's edge.
    let a = c.invitations().await.unwrap().acceptance;
    assert!(!below_floor(acceptance_rate(a.accepted, a.total)));
    assert_eq!(declines_left(a.accepted, a.total), 0);

    // R-LEVEL-9: 90 days of history to seed the chart.
    assert_eq!(c.star_index_history(90).await.unwrap().unwrap().len(), 90);
}

/// R-LEVEL-5: the same key is the same claim; another key is refused.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn claiming_is_idempotent_by_key() {
    let sb = sandbox().await;
    let c = client(&sb);
    let cards = c.benefits().await.unwrap();
    let target = card(&cards, BenefitKind::GuaranteeCard, BenefitStatus::Available);
    let key = new_idempotency_key();

    let claimed = c.claim_benefit(&target.id, &key).await.unwrap();
    assert_eq!(claimed.status, BenefitStatus::Claimed);
    assert_eq!(c.claim_benefit(&target.id, &key).await.unwrap(), claimed);
    let after = c.benefits().await.unwrap();
    let changed = after.iter().zip(&cards).filter(|(a, b)| a != b).count();
    assert_eq!(changed, 1, "one claim, whatever the repeats");
    let other = new_idempotency_key();
    assert_eq!(
        refused(c.claim_benefit(&target.id, &other).await.unwrap_err()),
        ConflictCode::AlreadyClaimed
    );

    // The key of that claim for another card: 422.
    let next = card(&after, BenefitKind::AdSlot, BenefitStatus::Available);
    match c.claim_benefit(&next.id, &key).await.unwrap_err() {
        PlatformError::Invalid { code, .. } => assert_eq!(code, "idempotency_key_reused"),
        other => panic!("{other:?}"),
    }
    let refusal = |kind, status| {
        let id = card(&after, kind, status).id;
        let c = c.clone();
        async move {
            refused(
                c.claim_benefit(&id, &new_idempotency_key())
                    .await
                    .unwrap_err(),
            )
        }
    };
    assert_eq!(
        refusal(BenefitKind::IdentityTag, BenefitStatus::Claimed).await,
        ConflictCode::AutomaticBenefit
    );
    assert_eq!(
        refusal(BenefitKind::GuaranteeCard, BenefitStatus::Used).await,
        ConflictCode::BenefitUsed
    );
    assert_eq!(
        refusal(BenefitKind::GuaranteeCard, BenefitStatus::Expired).await,
        ConflictCode::BenefitExpired
    );
    let expired = sb.control().expire_benefit(&next.id).unwrap();
    assert_eq!(expired.status, BenefitStatus::Expired);
    assert!(expired.expires_on.unwrap() < today());
    let again = c.claim_benefit(&next.id, &new_idempotency_key()).await;
    assert_eq!(refused(again.unwrap_err()), ConflictCode::BenefitExpired);
    let unknown = c.claim_benefit("7", &new_idempotency_key()).await;
    assert!(matches!(
        unknown,
        Err(PlatformError::Http { status: 404, .. })
    ));
}

/// A claim whose answer was lost is sent again with its key and answered, not refused.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lost_answer_is_retried_with_the_same_key() {
    let sb = sandbox().await;
    let c = client(&sb);
    let cards = c.benefits().await.unwrap();
    let target = card(&cards, BenefitKind::GuaranteeCard, BenefitStatus::Available);
    sb.control().push_fault(Fault::HandledThenStatus(503));
    let before = sb.control().request_count();
    let claimed = c
        .claim_benefit(&target.id, &new_idempotency_key())
        .await
        .unwrap();
    assert_eq!(claimed.status, BenefitStatus::Claimed);
    assert_eq!(sb.control().request_count() - before, 2, "retried once");

    let id = sb
        .control()
        .send_invitation(InvitationKind::Dispatch, Decimal::from(8800))
        .unwrap();
    sb.control().push_fault(Fault::HandledThenDisconnect);
    let answered = c.answer_invitation(&id, true, &new_idempotency_key()).await;
    assert_eq!(answered.unwrap().status, InvitationStatus::Accepted);
}

/// R-PREF-4: a dispatch is accepted within the hour of its arrival, not from then on.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn r_pref_4_a_dispatch_is_accepted_within_its_hour() {
    let sb = sandbox().await;
    let (control, c) = (sb.control(), client(&sb));
    let price = Decimal::from(8800);
    let early = control
        .send_invitation(InvitationKind::Dispatch, price)
        .unwrap();
    let late = control
        .send_invitation(InvitationKind::Dispatch, price)
        .unwrap();
    let listed = c.invitations().await.unwrap();
    let sent = listed.items.iter().find(|i| i.id == early).unwrap();
    assert_eq!(
        (sent.status, sent.price),
        (InvitationStatus::Pending, price)
    );
    assert_eq!(sent.received_at, now());

    control.advance(TimeDelta::minutes(59) + TimeDelta::seconds(59));
    let key = new_idempotency_key();
    let accepted = c.answer_invitation(&early, true, &key).await.unwrap();
    assert_eq!(accepted.status, InvitationStatus::Accepted);

    control.advance(TimeDelta::seconds(1));
    let err = c
        .answer_invitation(&late, true, &new_idempotency_key())
        .await;
    assert_eq!(refused(err.unwrap_err()), ConflictCode::WindowClosed);
    let listed = c.invitations().await.unwrap();
    let expired = listed.items.iter().find(|i| i.id == late).unwrap();
    assert_eq!(expired.status, InvitationStatus::Expired);
    // The accepted one stays accepted, and its key still answers it.
    assert_eq!(
        c.answer_invitation(&early, true, &key).await.unwrap(),
        accepted
    );
}

/// The sandbox sends a dispatch 2 minutes after it starts, so a countdown shows.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dispatch_arrives_two_minutes_after_start() {
    let sb = sandbox().await;
    let c = client(&sb);
    let pending = |list: &stardesk_platform::wire::InvitationList| {
        list.items
            .iter()
            .filter(|i| i.kind == InvitationKind::Dispatch && i.status == InvitationStatus::Pending)
            .count()
    };
    assert_eq!(pending(&c.invitations().await.unwrap()), 0);
    sb.control().advance(TimeDelta::minutes(2));
    let list = c.invitations().await.unwrap();
    assert_eq!(pending(&list), 1);
    assert_eq!(list.items[0].received_at, now() + TimeDelta::minutes(2));
}

/// R-PREF-2, R-PREF-5: a declined inquiry counts against the rate; answered is answered.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn declining_an_inquiry_counts_and_is_final() {
    let sb = sandbox().await;
    let c = client(&sb);
    let list = c.invitations().await.unwrap();
    let inquiry = list
        .items
        .iter()
        .find(|i| i.kind == InvitationKind::Inquiry && i.status == InvitationStatus::Pending)
        .unwrap();
    let key = new_idempotency_key();
    let declined = c.answer_invitation(&inquiry.id, false, &key).await.unwrap();
    assert_eq!(declined.status, InvitationStatus::Declined);
    assert_eq!(
        c.answer_invitation(&inquiry.id, false, &key).await.unwrap(),
        declined
    );
    let after = c.invitations().await.unwrap().acceptance;
    assert_eq!((after.accepted, after.total), (9, 12));
    assert!(below_floor(acceptance_rate(after.accepted, after.total)));
    let again = c
        .answer_invitation(&inquiry.id, true, &new_idempotency_key())
        .await;
    assert_eq!(refused(again.unwrap_err()), ConflictCode::AlreadyAnswered);
}

/// R-LEVEL-8: one featured case per creator, live after review.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn r_level_8_the_featured_case_is_submitted_once() {
    let sb = sandbox().await;
    let c = client(&sb);
    for (text, field_code) in [("  ", "required"), (&*"案".repeat(2001), "too_long")] {
        match c.submit_featured_case(text).await.unwrap_err() {
            PlatformError::Invalid { code, errors, .. } => {
                assert_eq!(code, "invalid_fields");
                assert_eq!(errors[0].field, "text");
                assert_eq!(errors[0].code.as_str(), field_code);
            }
            other => panic!("{other:?}"),
        }
    }
    let text = "案".repeat(2000);
    let case = c.submit_featured_case(&text).await.unwrap();
    assert_eq!(
        (case.status, case.submitted_at),
        (FeaturedCaseStatus::UnderReview, now())
    );
    assert_eq!(
        c.submit_featured_case(&text).await.unwrap(),
        case,
        "a resend is harmless"
    );
    let other = c.submit_featured_case("另一个案例").await.unwrap_err();
    assert_eq!(refused(other), ConflictCode::AlreadySubmitted);
    sb.control().advance(TimeDelta::days(1));
    let live = c.featured_case().await.unwrap().unwrap();
    assert_eq!((live.status, live.text), (FeaturedCaseStatus::Live, text));
}

/// Without an idempotency key the featured case is sent once; a 404 history is `None`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_key_no_retry_and_an_absent_history_is_none() {
    let sb = sandbox().await;
    let c = client(&sb);
    sb.control().push_fault(Fault::Status(503));
    let before = sb.control().request_count();
    let err = c.submit_featured_case("一个案例").await.unwrap_err();
    assert!(err.is_transient(), "{err:?}");
    assert_eq!(sb.control().request_count() - before, 1, "sent once");
    assert_eq!(c.featured_case().await.unwrap(), None);

    sb.control().push_fault(Fault::Status(404));
    assert_eq!(c.star_index_history(30).await.unwrap(), None);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn control_moves_the_metrics() {
    let sb = sandbox().await;
    let (control, c) = (sb.control(), client(&sb));
    let before = c.rights_metrics().await.unwrap();
    control.add_post(today(), PostKind::Live, 77_000).unwrap();
    control.set_followers(300_001).unwrap();
    let after = c.rights_metrics().await.unwrap();
    assert_eq!(after.posts.len(), before.posts.len() + 1);
    assert_eq!(after.posts.last().unwrap().valid_plays, 77_000);
    assert_eq!(after.followers, 300_001);
    assert_eq!(c.me().await.unwrap().followers, 300_001);
    // With the followers above 300,000, the demo creator meets all of LV3 (R-LEVEL-2).
    let report = evaluate(&LevelTable::published(), &domain_metrics(&after));
    assert_eq!(report.level, 3, "{:?}", report.missing);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rights_survive_a_restart_with_db_path() {
    let dir = tempfile::tempdir().unwrap();
    let config = SandboxConfig {
        db_path: Some(dir.path().join("sandbox.sqlite")),
        ..config()
    };
    let sb = sandbox_with(config.clone()).await;
    let c = client(&sb);
    let target = card(
        &c.benefits().await.unwrap(),
        BenefitKind::GuaranteeCard,
        BenefitStatus::Available,
    );
    let key = new_idempotency_key();
    c.claim_benefit(&target.id, &key).await.unwrap();
    let id = sb
        .control()
        .send_invitation(InvitationKind::Inquiry, Decimal::from(6500))
        .unwrap();
    c.answer_invitation(&id, true, &new_idempotency_key())
        .await
        .unwrap();
    c.submit_featured_case("一个案例").await.unwrap();
    sb.control().set_followers(280_000).unwrap();
    let (metrics, cards, invitations) = (
        c.rights_metrics().await.unwrap(),
        c.benefits().await.unwrap(),
        c.invitations().await.unwrap(),
    );
    let (index, agencies) = (c.star_index().await.unwrap(), c.agencies().await.unwrap());
    sb.shutdown().await;

    let sb = sandbox_with(config).await;
    let c = client(&sb);
    assert_eq!(c.rights_metrics().await.unwrap(), metrics);
    assert_eq!(c.me().await.unwrap().followers, 280_000);
    assert_eq!(c.benefits().await.unwrap(), cards);
    assert_eq!(
        c.claim_benefit(&target.id, &key).await.unwrap().id,
        target.id,
        "the key too"
    );
    assert_eq!(c.invitations().await.unwrap(), invitations);
    assert_eq!(c.featured_case().await.unwrap().unwrap().text, "一个案例");
    assert_eq!(c.star_index().await.unwrap(), index);
    assert_eq!(c.agencies().await.unwrap(), agencies);
}
