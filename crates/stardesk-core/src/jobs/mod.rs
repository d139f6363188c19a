//! Background jobs: one runner per context, started with it and stopped on shutdown.
//!
//! A job is a [`JobKind`]; at most one run of each kind is under way at a time. Its
//! schedule lives in the store (`stardesk_store::jobs`), so nothing is lost on a crash:
//! a run that was under way when the process ended is due again at the next start. A
//! failed run is reported as [`AppEvent::JobFailed`] and retried as its kind says.
//!
//! Adding a kind: a variant of [`JobKind`], its arm in [`Context::run_job`], and its
//! retry policy in [`JobKind::retry_after`]; schedule it with [`Context::schedule_job`].

use std::collections::HashSet;
use std::sync::{Arc, Mutex, Weak};
use std::time::Duration;

use chrono::{DateTime, SecondsFormat, Utc};
use stardesk_store::jobs::{JobEnd, JobRecord};
use tokio::sync::{watch, Notify};
use tokio::task::JoinSet;

use crate::bindings::{TsModule, TsType};
use crate::codes::Code;
use crate::context::{with_store, Context};
use crate::error::{AppError, ErrorCode};
use crate::events::AppEvent;

crate::code_enum! {
    /// A kind of background job.
    pub enum JobKind {
        /// The task hall's sync: at every start, and when asked.
        Sync = "sync",
        /// Sends the applications waiting in the outbox, exactly once each.
        Outbox = "outbox",
        /// Fires the reminders of campaign dates on time.
        Reminders = "reminders",
        /// Asks about every parcel not delivered yet (at most once per 30 minutes each)
        /// and raises new alerts.
        Tracking = "tracking",
        /// The rights center: sends the claims and answers queued (exactly once each),
        /// watches for preferred invitations (every minute), and syncs the rest when
        /// that is older than half an hour.
        Rights = "rights",
    }
}

impl JobKind {
    /// How long to wait before the next try after `attempts` failed runs in a row;
    /// `None`: not until something schedules it again.
    fn retry_after(self, attempts: u32) -> Option<Duration> {
        match self {
            // A failed sync is shown (the status banner) and left to the creator's Sync
            // button or the next start, as before the runner existed.
            JobKind::Sync => {
                let _ = attempts;
                None
            }
            // Items back off one by one; a failed pass (the store, a refused token) is
            // tried again soon, at most every half hour.
            JobKind::Outbox | JobKind::Reminders | JobKind::Tracking | JobKind::Rights => Some(
                Duration::from_secs((60u64 << attempts.saturating_sub(1).min(5)).min(1800)),
            ),
        }
    }
}

/// The longest the runner sleeps without looking at the schedule.
const IDLE_POLL: Duration = Duration::from_secs(300);

/// How soon the runner looks at the schedule again after it could not read it.
const RETRY_SCHEDULE: Duration = Duration::from_secs(5);

pub(crate) fn timestamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// The runner's handles; the loop itself holds only a weak reference to the context.
#[derive(Debug)]
pub(crate) struct JobRunner {
    wake: Arc<Notify>,
    stop: watch::Sender<bool>,
    running: Arc<Mutex<HashSet<JobKind>>>,
    tasks: tokio::sync::Mutex<JoinSet<()>>,
    started: std::sync::atomic::AtomicBool,
}

impl JobRunner {
    pub(crate) fn new() -> Self {
        Self {
            wake: Arc::new(Notify::new()),
            stop: watch::channel(false).0,
            running: Arc::new(Mutex::new(HashSet::new())),
            tasks: tokio::sync::Mutex::new(JoinSet::new()),
            started: std::sync::atomic::AtomicBool::new(false),
        }
    }

    fn is_stopped(&self) -> bool {
        *self.stop.borrow()
    }
}

impl Context {
    /// Starts the job runner: runs that a crash interrupted are due again, and the loop
    /// starts whatever is due. Called once, by `Context::open` when the options ask for
    /// background jobs.
    pub(crate) async fn start_jobs(self: &Arc<Self>) -> Result<(), AppError> {
        use std::sync::atomic::Ordering;
        if self.jobs.started.swap(true, Ordering::SeqCst) {
            return Ok(());
        }
        let now = timestamp(Utc::now());
        let recovered = with_store(&self.writer, move |s| s.recover_jobs(&now)).await?;
        if !recovered.is_empty() {
            tracing::info!(
                ?recovered,
                "jobs interrupted by the last exit are due again"
            );
        }
        let weak = Arc::downgrade(self);
        let wake = Arc::clone(&self.jobs.wake);
        let stop = self.jobs.stop.subscribe();
        tokio::spawn(run_loop(weak, wake, stop));
        Ok(())
    }

    /// Schedules `kind` to run at `at` (now, if `None`), or earlier if it is already due
    /// earlier, and wakes the runner.
    pub async fn schedule_job(
        &self,
        kind: JobKind,
        at: Option<DateTime<Utc>>,
    ) -> Result<(), AppError> {
        let due = timestamp(at.unwrap_or_else(Utc::now));
        with_store(&self.writer, move |s| s.schedule_job(kind.as_str(), &due)).await?;
        self.jobs.wake.notify_one();
        Ok(())
    }

    /// The stored state of one kind of job, if it was ever scheduled.
    pub async fn job_record(&self, kind: JobKind) -> Result<Option<JobRecord>, AppError> {
        with_store(&self.reader, move |s| s.job(kind.as_str())).await
    }

    /// Whether a run of `kind` is under way in this process, counted from a moment before
    /// the store marks it started (`JobRecord::running_since`): a schedule in that moment
    /// is met by the run about to start, which clears what was due.
    pub fn job_running(&self, kind: JobKind) -> bool {
        self.jobs
            .running
            .lock()
            .map(|r| r.contains(&kind))
            .unwrap_or(false)
    }

    /// One run of a job; `Ok(Some(at))` asks for the next run at `at`.
    async fn run_job(self: &Arc<Self>, kind: JobKind) -> Result<Option<DateTime<Utc>>, AppError> {
        match kind {
            JobKind::Sync => match self.sync().await {
                // The creator's own sync is running: this one is not needed.
                Err(e) if e.code == ErrorCode::Busy => Ok(None),
                other => other.map(|_| None),
            },
            JobKind::Outbox => self.send_outbox(false).await.map(|(_, next)| next),
            JobKind::Reminders => self.fire_reminders().await,
            JobKind::Tracking => self.poll_parcels().await,
            JobKind::Rights => self.rights_job().await,
        }
    }

    /// Starts every due job that is not running; returns how long to sleep.
    async fn start_due_jobs(self: &Arc<Self>) -> Result<Duration, AppError> {
        let now = Utc::now();
        let stamp = timestamp(now);
        let due = with_store(&self.reader, move |s| s.due_jobs(&stamp)).await?;
        {
            let mut tasks = self.jobs.tasks.lock().await;
            while tasks.try_join_next().is_some() {}
        }
        for code in due {
            let Some(kind) = JobKind::from_code(&code) else {
                tracing::warn!(kind = %code, "a job of an unknown kind is scheduled; ignored");
                continue;
            };
            let fresh = self
                .jobs
                .running
                .lock()
                .map(|mut r| r.insert(kind))
                .unwrap_or(false);
            if !fresh || self.jobs.is_stopped() {
                continue;
            }
            let stamp = timestamp(now);
            let started =
                with_store(&self.writer, move |s| s.start_job(kind.as_str(), &stamp)).await;
            if let Err(e) = started {
                // Not started: it must not stay marked as running in this process, or it
                // would never run again until the next start.
                self.not_running(kind);
                return Err(e);
            }
            tracing::debug!(job = %kind, "job started");
            let ctx = Arc::clone(self);
            self.jobs.tasks.lock().await.spawn(async move {
                let result = ctx.run_job(kind).await;
                ctx.finish_job(kind, result).await;
            });
        }
        let next = with_store(&self.reader, |s| s.next_job_due()).await?;
        Ok(next
            .and_then(|n| DateTime::parse_from_rfc3339(&n).ok())
            .map(|n| {
                (n.with_timezone(&Utc) - Utc::now())
                    .to_std()
                    .unwrap_or(Duration::ZERO)
            })
            .unwrap_or(IDLE_POLL)
            .min(IDLE_POLL))
    }

    /// Records a run's end; a failure is an event, and retried as the kind says.
    async fn finish_job(
        self: &Arc<Self>,
        kind: JobKind,
        result: Result<Option<DateTime<Utc>>, AppError>,
    ) {
        let now = Utc::now();
        let attempts = match &result {
            Ok(_) => 0,
            Err(_) => self
                .job_record(kind)
                .await
                .ok()
                .flatten()
                .map_or(1, |r| r.attempts + 1),
        };
        let retry_at = result
            .as_ref()
            .err()
            .and(kind.retry_after(attempts))
            .and_then(|d| chrono::Duration::from_std(d).ok())
            .map(|d| timestamp(now + d));
        if let Err(e) = &result {
            tracing::warn!(job = %kind, code = %e.code.as_str(), "job failed: {}", e.message);
            self.emit(AppEvent::JobFailed {
                job: kind,
                error: e.clone(),
                retry_at: retry_at.clone(),
            });
        }
        let stamp = timestamp(now);
        let next = result.as_ref().ok().copied().flatten().map(timestamp);
        let stored = with_store(&self.writer, move |s| {
            let end = match &result {
                Ok(_) => JobEnd::Done {
                    next: next.as_deref(),
                },
                Err(e) => JobEnd::Failed {
                    code: e.code.as_str(),
                    message: &e.message,
                    retry_at: retry_at.as_deref(),
                },
            };
            s.finish_job(kind.as_str(), &stamp, &end)
        })
        .await;
        if let Err(e) = stored {
            tracing::error!(job = %kind, "cannot record the job's end: {}", e.message);
        }
        self.not_running(kind);
        self.jobs.wake.notify_one();
    }

    fn not_running(&self, kind: JobKind) {
        if let Ok(mut r) = self.jobs.running.lock() {
            r.remove(&kind);
        }
    }

    /// Stops the runner: no new run starts, and runs under way are cancelled (their
    /// rows stay marked as running, so the next start runs them again).
    pub(crate) async fn stop_jobs(&self) {
        self.jobs.stop.send_replace(true);
        let mut tasks = self.jobs.tasks.lock().await;
        tasks.abort_all();
        while tasks.join_next().await.is_some() {}
    }
}

async fn run_loop(ctx: Weak<Context>, wake: Arc<Notify>, mut stop: watch::Receiver<bool>) {
    loop {
        if *stop.borrow() {
            return;
        }
        let Some(strong) = ctx.upgrade() else {
            return;
        };
        let wait = match strong.start_due_jobs().await {
            Ok(wait) => wait,
            // A busy or failing store: look again soon rather than after the idle poll,
            // so a due job is not held up for minutes by one failed read.
            Err(e) => {
                tracing::error!("the job runner cannot read the schedule: {}", e.message);
                RETRY_SCHEDULE
            }
        };
        drop(strong);
        tokio::select! {
            _ = stop.changed() => return,
            _ = wake.notified() => {}
            _ = tokio::time::sleep(wait) => {}
        }
    }
}

/// This module as TypeScript: `ui/src/bindings/jobs.ts`.
pub(crate) fn typescript() -> TsModule {
    TsModule {
        file: "jobs",
        types: vec![TsType::listed::<JobKind>("JOB_KINDS")],
        consts: vec![],
    }
}
