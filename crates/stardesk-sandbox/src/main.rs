//! `stardesk-sandbox`: the reference platform server as a standalone dev server.

use std::io::Write as _;
use std::path::PathBuf;

use anyhow::Context as _;
use chrono::{DateTime, Utc};
use clap::Parser;
use stardesk_sandbox::{
    SandboxConfig, DEFAULT_SEED, DEFAULT_TASKS, DEMO_TOKEN, SANDBOX_TRACKING_CUSTOMER,
    SANDBOX_TRACKING_KEY,
};
use tracing_subscriber::EnvFilter;

/// Serve the StarDesk platform API v1 over realistic, deterministic demo data: the task
/// hall, the demo creator's campaign applications, with the brands played by the sandbox as
/// its clock runs, its rights center (metrics, benefits, dispatches, star index, preferred
/// invitations, featured case) and the MCN agency directory, and a kuaidi100-compatible
/// tracking service for the parcels the brands ship (see the crate's docs).
#[derive(Debug, Parser)]
#[command(name = "stardesk-sandbox", version)]
struct Args {
    /// Address to bind.
    #[arg(long, default_value = "127.0.0.1")]
    host: String,
    /// Port to bind; 0 picks a free one.
    #[arg(long, default_value_t = 8787)]
    port: u16,
    /// Seed of the generated data: the same seed gives the same tasks, applications and ids.
    #[arg(long, default_value_t = DEFAULT_SEED)]
    seed: u64,
    /// Number of tasks to generate.
    #[arg(long, default_value_t = DEFAULT_TASKS)]
    tasks: usize,
    /// The bearer token clients must send.
    #[arg(long, default_value = DEMO_TOKEN)]
    token: String,
    /// Keep the data (tasks, applications, the rights center and their idempotency keys) in
    /// this SQLite file, reused on the next start, instead of in memory.
    #[arg(long, value_name = "PATH")]
    db: Option<PathBuf>,
    /// Build the data around this instant (RFC 3339) and start the sandbox's clock there,
    /// instead of at the current time.
    #[arg(long, value_name = "RFC3339")]
    now: Option<DateTime<Utc>>,
    /// The kuaidi100 `customer` the tracking service (`POST /poll/query.do`) accepts.
    #[arg(long, default_value = SANDBOX_TRACKING_CUSTOMER)]
    tracking_customer: String,
    /// The kuaidi100 key the tracking service checks signs (and `/autonumber/auto`) with.
    #[arg(long, default_value = SANDBOX_TRACKING_KEY, hide_default_value = true)]
    tracking_key: String,
    /// Also serve the `/control` routes (clock, brand moves, parcel incidents, invitations,
    /// expiring cards) for end-to-end tests, behind the bearer token. Only with a loopback
    /// --host.
    #[arg(long)]
    control: bool,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    // Listen for the stop signal first thing, so a stop that arrives during start-up (say,
    // while a large dataset is being built) is not lost.
    let stop = stop_signal()?;
    tokio::pin!(stop);
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .init();
    let args = Args::parse();

    let addr = tokio::net::lookup_host((args.host.as_str(), args.port))
        .await
        .with_context(|| format!("resolving --host {}", args.host))?
        .next()
        .with_context(|| format!("--host {} resolves to no address", args.host))?;
    let config = SandboxConfig {
        seed: args.seed,
        tasks: args.tasks,
        token: args.token,
        now: args.now,
        db_path: args.db,
        db_key: None,
        tracking_customer: args.tracking_customer,
        tracking_key: args.tracking_key,
        control_http: args.control,
    };
    let sandbox = tokio::select! {
        started = stardesk_sandbox::start(config, addr) => started?,
        res = &mut stop => return res,
    };

    // The one line on stdout: scripts wait for it and take the URL from it.
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "stardesk-sandbox listening on http://{}",
        sandbox.addr()
    )?;
    out.flush()?;
    drop(out);

    stop.await?;
    tracing::info!("shutting down");
    sandbox.shutdown().await;
    Ok(())
}

/// Ctrl-C, or on Unix also SIGTERM (what process managers and test harnesses send).
/// The handlers are installed when this is called, not when the future is first polled.
#[cfg(unix)]
fn stop_signal() -> anyhow::Result<impl std::future::Future<Output = anyhow::Result<()>>> {
    use tokio::signal::unix::{signal, SignalKind};
    let mut int = signal(SignalKind::interrupt()).context("listening for SIGINT")?;
    let mut term = signal(SignalKind::terminate()).context("listening for SIGTERM")?;
    Ok(async move {
        tokio::select! {
            _ = int.recv() => {}
            _ = term.recv() => {}
        }
        Ok(())
    })
}

#[cfg(not(unix))]
fn stop_signal() -> anyhow::Result<impl std::future::Future<Output = anyhow::Result<()>>> {
    Ok(async { tokio::signal::ctrl_c().await.context("waiting for Ctrl-C") })
}
