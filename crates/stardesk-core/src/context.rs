//! The application context: one per process, shared by every command.
//!
//! Infrastructure only: opening the data directory, the store connections, the platform
//! client, the embedded sandbox. The use cases live in the features
//! (`crate::task_hall`, `crate::account`, `crate::sync`, `crate::settlements`), each as an
//! `impl Context` block beside its IPC types.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};

use chrono::NaiveDate;
use stardesk_domain::eligibility::EligibilityRules;
use stardesk_domain::fees::FeeSchedule;
use stardesk_platform::{ClientOptions, PlatformClient};
use stardesk_sandbox::{RunningSandbox, SandboxConfig};
use stardesk_store::secret::{self, DbKey, KeyLocation, KeyPolicy, Sensitive};
use stardesk_store::{Store, StoreError};

use crate::error::{AppError, ErrorCode};
use crate::events::{AppEvent, EventSink};
use crate::jobs::{JobKind, JobRunner};

/// Today in China time (UTC+8), whatever the computer's zone: the platform's calendar, in
/// which every rule's date is reckoned (application windows, settlement deadlines under
/// R-SETTLE-1, campaign dates), so a machine on another zone still sees a payout overdue on
/// the Beijing day it is.
pub fn china_today() -> NaiveDate {
    chrono::Utc::now()
        .with_timezone(&crate::applications::view::china())
        .date_naive()
}

pub(crate) const SETTING_PLATFORM_URL: &str = "platform_url";
pub(crate) const SOURCE_SANDBOX: &str = "sandbox";
/// The embedded sandbox's own database, beside the user's: synthetic data and what the
/// creator sent it, encrypted with the same key.
pub(crate) const SANDBOX_DB: &str = "sandbox.sqlite";
/// Held shared by every process whose embedded sandbox runs on [`SANDBOX_DB`] (the app
/// and a `stardesk` command may both), and alone by one deleting that file
/// ([`Context::forget_sandbox_data`]), which leaves it while another runs on it. Never
/// deleted itself: a lock on a deleted file locks nothing for the next process.
pub(crate) const SANDBOX_IN_USE: &str = "sandbox-in-use.lock";

/// How to open a context.
#[derive(Debug, Clone)]
pub struct ContextOptions {
    pub data_dir: PathBuf,
    pub key_policy: KeyPolicy,
    /// Tasks the embedded sandbox generates on its first start.
    pub sandbox_tasks: usize,
    /// Fixed "today" (tests); `None` = today in China time ([`china_today`]).
    pub today: Option<NaiveDate>,
    /// Run background jobs (the app): the job runner starts with the context and the
    /// task hall's sync is due at once. The CLI and most tests run none.
    pub background_jobs: bool,
    /// Import and preview only paths granted with [`Context::grant_paths`] (the app:
    /// what the user picked in a dialog or dropped on the window). The CLI and tests
    /// read any path they are given.
    pub granted_paths_only: bool,
    /// How the platform client times out and retries (tests shorten the backoff).
    pub platform_client: ClientOptions,
}

impl ContextOptions {
    /// Defaults from the environment: `STARDESK_DATA_DIR` (else the OS data directory),
    /// `STARDESK_KEY_STORE`, `STARDESK_SANDBOX_TASKS`.
    pub fn from_env(data_dir: Option<PathBuf>) -> Result<Self, AppError> {
        let data_dir =
            match data_dir.or_else(|| std::env::var_os("STARDESK_DATA_DIR").map(PathBuf::from)) {
                Some(d) => d,
                None => directories::ProjectDirs::from("com", "StarDesk", "StarDesk")
                    .map(|p| p.data_dir().to_path_buf())
                    .ok_or_else(|| {
                        AppError::new(ErrorCode::Internal, "no home directory to keep data in")
                    })?,
            };
        let sandbox_tasks = std::env::var("STARDESK_SANDBOX_TASKS")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(SandboxConfig::default().tasks);
        Ok(Self {
            data_dir,
            key_policy: KeyPolicy::from_env(),
            sandbox_tasks,
            today: None,
            background_jobs: false,
            granted_paths_only: false,
            platform_client: ClientOptions::default(),
        })
    }
}

/// Where events go: the sink the context was opened with.
pub(crate) struct Events(Arc<dyn EventSink>);

impl std::fmt::Debug for Events {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Events")
    }
}

/// Everything a command needs, shared behind an `Arc`.
#[derive(Debug)]
pub struct Context {
    pub(crate) options: ContextOptions,
    pub(crate) key_location: KeyLocation,
    pub(crate) writer: Arc<Mutex<Store>>,
    pub(crate) reader: Arc<Mutex<Store>>,
    pub(crate) sandbox: tokio::sync::Mutex<Option<EmbeddedSandbox>>,
    /// The embedded sandbox's file key (the database's), and the bearer token it accepts,
    /// new for each process: on loopback, another local program cannot read what the
    /// creator sent it with a token known to everyone.
    sandbox_key: Sensitive<String>,
    sandbox_token: Sensitive<String>,
    /// The kuaidi100 key its tracking service checks signs with, new for each process too.
    pub(crate) sandbox_tracking_key: Sensitive<String>,
    pub(crate) sync_lock: tokio::sync::Mutex<()>,
    /// Held while the rights center is read from the platform and written to the cache,
    /// and while a claim or an answer is sent and its confirmation written
    /// (`rights::sender`): a sync that read an invitation as pending before an answer was
    /// confirmed must not write it back as pending after.
    pub(crate) rights_lock: tokio::sync::Mutex<()>,
    pub(crate) syncing: AtomicBool,
    pub(crate) rules: EligibilityRules,
    pub(crate) fees: FeeSchedule,
    events: Events,
    pub(crate) jobs: JobRunner,
    /// Paths the user picked or dropped in this session (see
    /// [`ContextOptions::granted_paths_only`]).
    granted: Mutex<HashSet<PathBuf>>,
    /// The reminder job ran once in this process (its first run reports a catch-up).
    pub(crate) reminders_started: AtomicBool,
    /// A sync asked for the whole rights center: the rights job syncs it on its next run.
    pub(crate) rights_due: AtomicBool,
    /// The last saved reconciliation, kept until the settlements change.
    pub(crate) reconcile_cache: crate::settlements::reconciliation::cache::ReconcileCache,
}

/// Logs how long a step took, as `startup step=NAME ms=…`: `make bench`'s cold-start
/// breakdown (`bench/startup.py`) reads these lines (the app logs at info).
pub(crate) fn log_step(name: &str, started: std::time::Instant) {
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    tracing::info!(target: "stardesk::startup", "startup step={name} ms={ms:.1}");
}

/// Runs a store operation off the async threads.
pub(crate) async fn with_store<T: Send + 'static>(
    store: &Arc<Mutex<Store>>,
    f: impl FnOnce(&mut Store) -> Result<T, StoreError> + Send + 'static,
) -> Result<T, AppError> {
    let store = Arc::clone(store);
    tokio::task::spawn_blocking(move || {
        let mut guard = store
            .lock()
            .map_err(|_| AppError::new(ErrorCode::Internal, "the store lock was poisoned"))?;
        f(&mut guard).map_err(AppError::from)
    })
    .await
    .map_err(|e| AppError::new(ErrorCode::Internal, e.to_string()))?
}

impl Context {
    /// Opens the data directory (creating the database and its key on first run); events
    /// go to `events`. With [`ContextOptions::background_jobs`], the job runner starts
    /// and the task hall's sync is due at once.
    pub async fn open(
        options: ContextOptions,
        events: Arc<dyn EventSink>,
    ) -> Result<Arc<Self>, AppError> {
        let dir = options.data_dir.clone();
        let policy = options.key_policy;
        let (writer, mut readers, key_location, sandbox_key) =
            tokio::task::spawn_blocking(move || {
                stardesk_store::open_data_dir_keyed(&dir, policy, 1)
            })
            .await
            .map_err(|e| AppError::new(ErrorCode::Internal, e.to_string()))??;
        let reader = readers
            .pop()
            .ok_or_else(|| AppError::new(ErrorCode::Internal, "no reader connection"))?;
        let background = options.background_jobs;
        let ctx = Arc::new(Self {
            options,
            key_location,
            writer: Arc::new(Mutex::new(writer)),
            reader: Arc::new(Mutex::new(reader)),
            sandbox: tokio::sync::Mutex::new(None),
            sandbox_key,
            // 32 random bytes in hex.
            sandbox_token: Sensitive::new(DbKey::random().to_hex().to_string()),
            sandbox_tracking_key: Sensitive::new(DbKey::random().to_hex().to_string()),
            sync_lock: tokio::sync::Mutex::new(()),
            rights_lock: tokio::sync::Mutex::new(()),
            syncing: AtomicBool::new(false),
            rules: EligibilityRules::default(),
            fees: FeeSchedule::default(),
            events: Events(events),
            jobs: JobRunner::new(),
            granted: Mutex::new(HashSet::new()),
            reminders_started: AtomicBool::new(false),
            rights_due: AtomicBool::new(false),
            reconcile_cache: Default::default(),
        });
        if ctx.platform_url().await?.is_some() {
            // The demo's data file, if the switch to this account could not delete it.
            ctx.forget_sandbox_data();
        }
        if background {
            let step = std::time::Instant::now();
            ctx.start_jobs().await?;
            ctx.schedule_job(JobKind::Sync, None).await?;
            ctx.schedule_job(JobKind::Outbox, None).await?;
            ctx.schedule_job(JobKind::Reminders, None).await?;
            ctx.schedule_job(JobKind::Tracking, None).await?;
            ctx.schedule_job(JobKind::Rights, None).await?;
            log_step("jobs_start", step);
        }
        Ok(ctx)
    }

    /// The sink the context was opened with, for work that reports from other threads.
    pub(crate) fn event_sink(&self) -> Arc<dyn EventSink> {
        Arc::clone(&self.events.0)
    }

    /// Sends an event to the sink the context was opened with.
    pub(crate) fn emit(&self, event: AppEvent) {
        self.events.0.emit(event);
    }

    /// Grants reading these paths (the user picked them in a dialog or dropped them on
    /// the window); see [`ContextOptions::granted_paths_only`].
    pub fn grant_paths<P: AsRef<Path>>(&self, paths: &[P]) {
        if let Ok(mut granted) = self.granted.lock() {
            granted.extend(paths.iter().map(|p| p.as_ref().to_path_buf()));
        }
    }

    /// `permission_denied` unless every path may be read: granted, or any path when
    /// the context is not restricted to granted ones.
    pub(crate) fn check_granted(&self, paths: &[String]) -> Result<(), AppError> {
        if !self.options.granted_paths_only {
            return Ok(());
        }
        let granted = self
            .granted
            .lock()
            .map_err(|_| AppError::new(ErrorCode::Internal, "the grant list was poisoned"))?;
        match paths
            .iter()
            .find(|p| !granted.contains(Path::new(p.as_str())))
        {
            None => Ok(()),
            Some(_) => Err(AppError::new(
                ErrorCode::PermissionDenied,
                "only files picked in the dialog or dropped on the window can be read",
            )),
        }
    }

    /// Today in China time (UTC+8), the calendar of every campaign date; the fixed day of
    /// [`ContextOptions::today`] in tests.
    pub(crate) fn china_today(&self) -> NaiveDate {
        self.options.today.unwrap_or_else(china_today)
    }

    pub fn data_dir(&self) -> &Path {
        &self.options.data_dir
    }

    pub(crate) fn token_account(&self) -> String {
        format!(
            "platform-token:{}",
            secret::db_key_account(&self.options.data_dir)
        )
    }

    pub(crate) async fn platform_url(&self) -> Result<Option<String>, AppError> {
        with_store(&self.reader, |s| s.setting(SETTING_PLATFORM_URL)).await
    }

    /// The source key under which synced data is filed.
    pub(crate) async fn source_key(&self) -> Result<String, AppError> {
        Ok(match self.platform_url().await? {
            Some(url) => format!("platform:{url}"),
            None => SOURCE_SANDBOX.to_string(),
        })
    }

    /// Starts the embedded sandbox if it is not running, and returns its URL.
    pub(crate) async fn sandbox_url(&self) -> Result<String, AppError> {
        let mut guard = self.sandbox.lock().await;
        if let Some(sb) = guard.as_ref() {
            return Ok(sb.url());
        }
        let config = SandboxConfig {
            tasks: self.options.sandbox_tasks,
            db_path: Some(self.options.data_dir.join(SANDBOX_DB)),
            db_key: Some(self.sandbox_key.expose().clone()),
            token: self.sandbox_token.expose().clone(),
            tracking_key: self.sandbox_tracking_key.expose().clone(),
            ..SandboxConfig::default()
        };
        let addr = std::net::SocketAddr::from(([127, 0, 0, 1], 0));
        let step = std::time::Instant::now();
        let in_use = sandbox_in_use(&self.options.data_dir).await;
        let running = stardesk_sandbox::start(config, addr).await.map_err(|e| {
            AppError::new(
                ErrorCode::Internal,
                format!("the embedded sandbox did not start: {e:#}"),
            )
        })?;
        tracing::info!(url = %running.url(), "embedded sandbox started");
        log_step("sandbox_start", step);
        let url = running.url();
        *guard = Some(EmbeddedSandbox {
            running,
            _in_use: in_use,
        });
        Ok(url)
    }

    /// The client for the configured source, with the key of the source's data.
    pub(crate) async fn client(&self) -> Result<(PlatformClient, String), AppError> {
        match self.platform_url().await? {
            Some(url) => {
                let token = secret::keychain_get(&self.token_account())?.ok_or_else(|| {
                    AppError::new(
                        ErrorCode::SignInRequired,
                        "no platform token is saved; enter it in Settings",
                    )
                })?;
                let client = PlatformClient::new(
                    &url,
                    token.expose(),
                    self.options.platform_client.clone(),
                )?;
                Ok((client, format!("platform:{url}")))
            }
            None => {
                let url = self.sandbox_url().await?;
                let client = PlatformClient::new(
                    &url,
                    self.sandbox_token.expose(),
                    self.options.platform_client.clone(),
                )?;
                Ok((client, SOURCE_SANDBOX.to_string()))
            }
        }
    }

    /// Stops background work (the job runner, the embedded sandbox) before the process
    /// exits.
    pub async fn shutdown(&self) {
        self.stop_jobs().await;
        if let Some(sb) = self.sandbox.lock().await.take() {
            sb.shutdown().await;
        }
    }
}

/// The embedded sandbox, and its hold on [`SANDBOX_IN_USE`] while it runs.
#[derive(Debug)]
pub(crate) struct EmbeddedSandbox {
    running: RunningSandbox,
    /// Dropped after the sandbox has stopped, which lets the file go. `None` where the
    /// file system takes no lock: the sandbox runs unheld, as before there was one.
    _in_use: Option<std::fs::File>,
}

impl EmbeddedSandbox {
    pub(crate) fn url(&self) -> String {
        self.running.url()
    }

    /// Stops the sandbox, then lets its file go.
    pub(crate) async fn shutdown(self) {
        self.running.shutdown().await;
    }
}

/// A shared hold on `data_dir`'s [`SANDBOX_IN_USE`], waited for while another process
/// deletes the sandbox's file (which takes milliseconds); `None`, warned of, where it
/// cannot be taken (a file system without locks): the demo still runs.
async fn sandbox_in_use(data_dir: &Path) -> Option<std::fs::File> {
    let path = data_dir.join(SANDBOX_IN_USE);
    let held = tokio::task::spawn_blocking(move || {
        let file = in_use_file(&path)?;
        file.lock_shared()?;
        Ok::<_, std::io::Error>(file)
    })
    .await
    .map_err(std::io::Error::other)
    .flatten();
    held.inspect_err(|e| tracing::warn!(error = %e, "the embedded sandbox runs without its lock"))
        .ok()
}

/// `path` (a [`SANDBOX_IN_USE`]) opened to be locked, made if missing.
pub(crate) fn in_use_file(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
}

#[cfg(test)]
#[path = "context_sandbox_tests.rs"]
mod sandbox_tests;
