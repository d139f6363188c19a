//! The poller's next pass when the due parcels cannot be asked: not at once (the job runner
//! would start it again and again, each pass a few writes, forever), but at the regular
//! half hour.
//!
//! Needs the OS keychain (the platform token and the tracking key live there):
//! `dbus-run-session -- bash scripts/with-keyring.sh cargo test -p stardesk-core logistics`.

use chrono::{TimeDelta, Utc};
use stardesk_sandbox::{SANDBOX_TRACKING_CUSTOMER, SANDBOX_TRACKING_KEY};

use super::ipc::{LegCode, ParcelInput, TrackingAccountInput};
use crate::context::with_store;
use crate::jobs::timestamp;
use crate::test_support::{open, platform, sign_in};
use crate::Context;

/// A parcel typed by hand whose next query time has already come (it was asked before).
async fn due_parcel(ctx: &Context, number: &str) -> i64 {
    let p = ctx
        .add_parcel(ParcelInput {
            application_id: None,
            leg: LegCode::Outbound,
            carrier: "yuantong".into(),
            tracking_no: number.into(),
            phone: None,
            return_due: None,
        })
        .await
        .expect("add");
    let id: i64 = p.id.parse().expect("id");
    make_due(ctx, id).await;
    id
}

/// Its next query time five minutes ago.
async fn make_due(ctx: &Context, id: i64) {
    let past = timestamp(Utc::now() - TimeDelta::minutes(5));
    with_store(&ctx.writer, move |s| {
        s.record_tracking_failure(id, "unreachable", "offline", &past, false, Some(&past))
    })
    .await
    .expect("asked before");
}

#[tokio::test]
async fn a_pass_whose_parcels_cannot_be_asked_looks_again_in_half_an_hour_not_at_once() {
    let platform = platform(10, 3).await;
    let dir = tempfile::tempdir().expect("dir");
    let (ctx, _) = open(dir.path()).await;
    sign_in(&ctx, &platform).await;
    ctx.set_tracking_account(TrackingAccountInput {
        customer: SANDBOX_TRACKING_CUSTOMER.into(),
        key: SANDBOX_TRACKING_KEY.into(),
        url: Some(platform.url()),
    })
    .await
    .expect("tracking account");
    let first = due_parcel(&ctx, "YT7700000000101").await;
    due_parcel(&ctx, "YT7700000000102").await;
    let soon = || Utc::now() + TimeDelta::minutes(29);

    // The key expired (601): the pass stops at the first parcel; the other is still due.
    platform.control().tracking_fail_next(601, 1);
    let next = ctx
        .poll_parcels_now(false)
        .await
        .expect("pass")
        .expect("next");
    assert!(next > soon(), "after an account refusal: {next}");
    let asked = platform.control().tracking_queries("YT7700000000101")
        + platform.control().tracking_queries("YT7700000000102");
    assert_eq!(asked, 1, "the pass stopped after the refusal");

    // No tracking account any more (which clears the schedule), and a parcel whose time
    // has come again: it waits for an account.
    ctx.clear_tracking_account().await.expect("clear");
    make_due(&ctx, first).await;
    let next = ctx
        .poll_parcels_now(false)
        .await
        .expect("pass")
        .expect("next");
    assert!(next > soon(), "without a tracking account: {next}");
    platform.shutdown().await;
}
