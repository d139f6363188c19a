//! The application context: one per process, shared by every command.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use chrono::NaiveDate;
use stardesk_domain::eligibility::EligibilityRules;
use stardesk_domain::fees::FeeSchedule;
use stardesk_platform::{sync_tasks, ClientOptions, PlatformClient, SyncEvent, DEFAULT_PAGE_LIMIT};
use stardesk_sandbox::{RunningSandbox, SandboxConfig, DEMO_TOKEN};
use stardesk_store::secret::{self, KeyLocation, KeyPolicy};
use stardesk_store::{Store, StoreError};

use crate::dto::*;
use crate::error::{code_from_str, AppError, ErrorCode};
use crate::hall;

const SETTING_PLATFORM_URL: &str = "platform_url";
const SOURCE_SANDBOX: &str = "sandbox";
/// The embedded sandbox's own database, beside the user's (synthetic data only).
const SANDBOX_DB: &str = "sandbox.sqlite";

/// How to open a context.
#[derive(Debug, Clone)]
pub struct ContextOptions {
    pub data_dir: PathBuf,
    pub key_policy: KeyPolicy,
    /// Tasks the embedded sandbox generates on its first start.
    pub sandbox_tasks: usize,
    /// Fixed "today" for eligibility (tests); `None` = the local date.
    pub today: Option<NaiveDate>,
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
        })
    }
}

/// Everything a command needs. Cheap to share behind an `Arc`.
#[derive(Debug)]
pub struct Context {
    pub(crate) options: ContextOptions,
    key_location: KeyLocation,
    pub(crate) writer: Arc<Mutex<Store>>,
    pub(crate) reader: Arc<Mutex<Store>>,
    sandbox: tokio::sync::Mutex<Option<RunningSandbox>>,
    sync_lock: tokio::sync::Mutex<()>,
    syncing: AtomicBool,
    rules: EligibilityRules,
    fees: FeeSchedule,
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
    /// Opens the data directory (creating the database and its key on first run).
    pub async fn open(options: ContextOptions) -> Result<Self, AppError> {
        let dir = options.data_dir.clone();
        let policy = options.key_policy;
        let (writer, mut readers, key_location) = tokio::task::spawn_blocking(move || {
            stardesk_store::open_data_dir_with(&dir, policy, 1)
        })
        .await
        .map_err(|e| AppError::new(ErrorCode::Internal, e.to_string()))??;
        let reader = readers
            .pop()
            .ok_or_else(|| AppError::new(ErrorCode::Internal, "no reader connection"))?;
        Ok(Self {
            options,
            key_location,
            writer: Arc::new(Mutex::new(writer)),
            reader: Arc::new(Mutex::new(reader)),
            sandbox: tokio::sync::Mutex::new(None),
            sync_lock: tokio::sync::Mutex::new(()),
            syncing: AtomicBool::new(false),
            rules: EligibilityRules::default(),
            fees: FeeSchedule::default(),
        })
    }

    pub fn data_dir(&self) -> &Path {
        &self.options.data_dir
    }

    pub(crate) fn today(&self) -> NaiveDate {
        self.options
            .today
            .unwrap_or_else(|| chrono::Local::now().date_naive())
    }

    fn token_account(&self) -> String {
        format!(
            "platform-token:{}",
            secret::db_key_account(&self.options.data_dir)
        )
    }

    async fn platform_url(&self) -> Result<Option<String>, AppError> {
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
    async fn sandbox_url(&self) -> Result<String, AppError> {
        let mut guard = self.sandbox.lock().await;
        if let Some(sb) = guard.as_ref() {
            return Ok(sb.url());
        }
        let config = SandboxConfig {
            tasks: self.options.sandbox_tasks,
            db_path: Some(self.options.data_dir.join(SANDBOX_DB)),
            ..SandboxConfig::default()
        };
        let addr = std::net::SocketAddr::from(([127, 0, 0, 1], 0));
        let sb = stardesk_sandbox::start(config, addr).await.map_err(|e| {
            AppError::new(
                ErrorCode::Internal,
                format!("the embedded sandbox did not start: {e:#}"),
            )
        })?;
        tracing::info!(url = %sb.url(), "embedded sandbox started");
        let url = sb.url();
        *guard = Some(sb);
        Ok(url)
    }

    /// The client for the configured source, with the key of the source's data.
    async fn client(&self) -> Result<(PlatformClient, String), AppError> {
        match self.platform_url().await? {
            Some(url) => {
                let token = secret::keychain_get(&self.token_account())?.ok_or_else(|| {
                    AppError::new(
                        ErrorCode::SignInRequired,
                        "no platform token is saved; enter it in Settings",
                    )
                })?;
                let client = PlatformClient::new(&url, token.expose(), ClientOptions::default())?;
                Ok((client, format!("platform:{url}")))
            }
            None => {
                let url = self.sandbox_url().await?;
                let client = PlatformClient::new(&url, DEMO_TOKEN, ClientOptions::default())?;
                Ok((client, SOURCE_SANDBOX.to_string()))
            }
        }
    }

    pub async fn status(&self) -> Result<AppStatus, AppError> {
        let platform_url = self.platform_url().await?;
        let source_key = self.source_key().await?;
        let source = match platform_url {
            Some(url) => Source::Platform { url },
            None => Source::Sandbox {
                url: self
                    .sandbox
                    .lock()
                    .await
                    .as_ref()
                    .map(|s| s.url())
                    .unwrap_or_default(),
            },
        };
        let (creator, state, count) = with_store(&self.reader, move |s| {
            Ok((
                s.creator(&source_key)?,
                s.sync_state(&source_key)?,
                s.task_count()?,
            ))
        })
        .await?;
        Ok(AppStatus {
            source,
            creator: creator.map(|c| Creator {
                kind: match c.agency {
                    Some(_) => CreatorKind::Agency,
                    None => CreatorKind::Independent,
                },
                agency_name: c.agency.map(|a| a.name),
                creator_id: c.creator_id,
                nickname: c.nickname,
                followers: c.followers.to_string(),
                level: c.level,
            }),
            last_synced_at: state.last_synced_at,
            task_count: count,
            syncing: self.syncing.load(Ordering::SeqCst),
            last_error: state.last_error_code.map(|code| AppError {
                code: code_from_str(&code),
                message: state.last_error_message.unwrap_or_default(),
            }),
            data_dir: self.options.data_dir.display().to_string(),
            key_store: self.key_location.label().to_string(),
        })
    }

    pub async fn facets(&self) -> Result<Facets, AppError> {
        let industries = with_store(&self.reader, |s| s.industries()).await?;
        Ok(Facets { industries })
    }

    pub async fn query_tasks(&self, query: TaskQuery) -> Result<TaskPage, AppError> {
        let source = self.source_key().await?;
        let today = self.today();
        let rules = self.rules.clone();
        let schedule = self.fees.clone();
        let creator = with_store(&self.reader, move |s| s.creator(&source)).await?;
        let filter = hall::filter(&query, creator.as_ref(), today, &rules)?;
        let offset = filter.offset;
        let (total, records) = with_store(&self.reader, move |s| s.query_tasks(&filter)).await?;
        let facts = hall::creator_facts(creator.as_ref());
        let rows = records
            .iter()
            .map(|t| hall::row(t, &hall::derive(t, &facts, today, &rules), &schedule))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(TaskPage {
            total,
            offset,
            rows,
        })
    }

    pub async fn task_detail(&self, id: String) -> Result<TaskDetail, AppError> {
        let source = self.source_key().await?;
        let lookup = id.clone();
        let (creator, task) = with_store(&self.reader, move |s| {
            Ok((s.creator(&source)?, s.task(&lookup)?))
        })
        .await?;
        let task = task.ok_or_else(|| {
            AppError::new(
                ErrorCode::NotFound,
                format!("task {id} is not in the task hall"),
            )
        })?;
        let facts = hall::creator_facts(creator.as_ref());
        let derived = hall::derive(&task, &facts, self.today(), &self.rules);
        hall::detail(&task, &derived, &self.fees)
    }

    /// Syncs the task hall from the configured source. One sync at a time: a second call
    /// while one runs gets [`ErrorCode::Busy`].
    pub async fn sync(
        &self,
        on_progress: impl Fn(SyncProgress) + Send + Sync,
    ) -> Result<SyncSummary, AppError> {
        let _running = self
            .sync_lock
            .try_lock()
            .map_err(|_| AppError::new(ErrorCode::Busy, "a sync is already running"))?;
        self.syncing.store(true, Ordering::SeqCst);
        let result = self.sync_inner(&on_progress).await;
        self.syncing.store(false, Ordering::SeqCst);
        match &result {
            Ok(summary) => on_progress(SyncProgress {
                phase: SyncPhase::Done,
                applied: summary.upserted + summary.removed,
                remaining: 0,
                error: None,
            }),
            Err(e) => on_progress(SyncProgress {
                phase: SyncPhase::Failed,
                applied: 0,
                remaining: 0,
                error: Some(e.clone()),
            }),
        }
        result
    }

    async fn sync_inner(
        &self,
        on_progress: &(impl Fn(SyncProgress) + Send + Sync),
    ) -> Result<SyncSummary, AppError> {
        let (client, source) = match self.client().await {
            Ok(c) => c,
            Err(e) => {
                let (code, message) = (e.code.as_str(), e.message.clone());
                let src = self.source_key().await?;
                with_store(&self.writer, move |s| {
                    s.mark_sync_failed(&src, &code, &message)
                })
                .await?;
                return Err(e);
            }
        };
        let report = sync_tasks(&client, &self.writer, &source, DEFAULT_PAGE_LIMIT, |e| {
            on_progress(match e {
                SyncEvent::Started => SyncProgress {
                    phase: SyncPhase::Started,
                    applied: 0,
                    remaining: 0,
                    error: None,
                },
                SyncEvent::Page { applied, remaining } => SyncProgress {
                    phase: SyncPhase::Page,
                    applied: u32::try_from(applied).unwrap_or(u32::MAX),
                    remaining: u32::try_from(remaining).unwrap_or(u32::MAX),
                    error: None,
                },
            })
        })
        .await?;
        let task_count = with_store(&self.reader, |s| s.task_count()).await?;
        Ok(SyncSummary {
            upserted: u32::try_from(report.upserted).unwrap_or(u32::MAX),
            removed: u32::try_from(report.removed).unwrap_or(u32::MAX),
            pages: report.pages,
            task_count,
        })
    }

    /// Switches to a platform account. The token is checked against the platform first
    /// and then kept only in the OS keychain; nothing is saved if the check fails.
    pub async fn set_platform(&self, input: PlatformAccountInput) -> Result<AppStatus, AppError> {
        let token = input.token.trim().to_string();
        if token.is_empty() {
            return Err(AppError::new(ErrorCode::InvalidInput, "the token is empty"));
        }
        let url = stardesk_platform::check_base_url(&input.url)
            .map_err(|e| AppError::new(ErrorCode::InvalidInput, e.to_string()))?
            .to_string();
        let client = PlatformClient::new(&url, &token, ClientOptions::default())?;
        client.me().await?;
        secret::keychain_set(&self.token_account(), &token)?;
        let changed = self.platform_url().await?.as_deref() != Some(url.as_str());
        with_store(&self.writer, move |s| {
            if changed {
                s.reset_synced_data()?;
            }
            s.set_setting(SETTING_PLATFORM_URL, Some(&url))
        })
        .await?;
        if let Some(sb) = self.sandbox.lock().await.take() {
            sb.shutdown().await;
        }
        self.status().await
    }

    /// Back to the embedded sandbox: forgets the account's token and synced data.
    pub async fn use_sandbox(&self) -> Result<AppStatus, AppError> {
        let was_platform = self.platform_url().await?.is_some();
        if was_platform {
            secret::keychain_delete(&self.token_account())?;
            with_store(&self.writer, |s| {
                s.reset_synced_data()?;
                s.set_setting(SETTING_PLATFORM_URL, None)
            })
            .await?;
        }
        self.sandbox_url().await?;
        self.status().await
    }

    /// Stops background work (the embedded sandbox) before the process exits.
    pub async fn shutdown(&self) {
        if let Some(sb) = self.sandbox.lock().await.take() {
            sb.shutdown().await;
        }
    }
}
