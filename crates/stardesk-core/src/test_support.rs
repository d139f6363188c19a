//! For the unit tests that need a whole context: one on a temp data directory (no
//! background jobs, quick platform retries, its events kept), signed in to a sandbox on a
//! random loopback port. Needs the OS keychain (the platform token lives there).

use std::sync::Arc;
use std::time::Duration;

use stardesk_platform::ClientOptions;
use stardesk_sandbox::{RunningSandbox, SandboxConfig};
use stardesk_store::KeyPolicy;

use crate::ipc::PlatformAccountInput;
use crate::{Context, ContextOptions, EventLog};

/// The token the test sandboxes take.
const TOKEN: &str = "unit-test-token";

/// A sandbox platform with `tasks` tasks made from `seed`.
pub(crate) async fn platform(tasks: usize, seed: u64) -> RunningSandbox {
    stardesk_sandbox::start(
        SandboxConfig {
            tasks,
            token: TOKEN.into(),
            seed,
            ..SandboxConfig::default()
        },
        "127.0.0.1:0".parse().expect("addr"),
    )
    .await
    .expect("platform")
}

/// A context on `dir`, its events kept.
pub(crate) async fn open(dir: &std::path::Path) -> (Arc<Context>, Arc<EventLog>) {
    let log = Arc::new(EventLog::new());
    let ctx = Context::open(
        ContextOptions {
            data_dir: dir.to_path_buf(),
            key_policy: KeyPolicy::FileOnly,
            sandbox_tasks: 10,
            today: None,
            background_jobs: false,
            granted_paths_only: false,
            platform_client: ClientOptions {
                timeout: Duration::from_secs(5),
                attempts: 1,
                backoff: Duration::from_millis(1),
                max_backoff: Duration::from_millis(5),
            },
        },
        log.clone(),
    )
    .await
    .expect("open");
    (ctx, log)
}

/// `ctx` signed in to `platform`.
pub(crate) async fn sign_in(ctx: &Context, platform: &RunningSandbox) {
    ctx.set_platform(PlatformAccountInput {
        url: platform.url(),
        token: TOKEN.into(),
    })
    .await
    .unwrap_or_else(|e| panic!("needs the OS keychain (dbus-run-session, gnome-keyring): {e}"));
}
