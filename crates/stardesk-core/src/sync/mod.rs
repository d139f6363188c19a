//! The sync of the task hall from the configured source, one at a time.

pub mod ipc;

use std::sync::atomic::Ordering;

use stardesk_platform::{sync_tasks_prepared, SyncEvent, DEFAULT_PAGE_LIMIT};

use crate::context::{with_store, Context};
use crate::error::{AppError, ErrorCode};
use crate::events::{AppEvent, DataArea};
use crate::jobs::JobKind;
use ipc::*;

impl Context {
    /// Syncs the task hall from the configured source. One sync at a time: a second call
    /// while one runs gets [`ErrorCode::Busy`]. Progress goes out as
    /// [`AppEvent::SyncProgress`], and the end as [`AppEvent::DataChanged`] (the tasks and
    /// the status after a sync, the status after a failure).
    pub async fn sync(&self) -> Result<SyncSummary, AppError> {
        let on_progress = |p: SyncProgress| self.emit(AppEvent::SyncProgress(p));
        let _running = self
            .sync_lock
            .try_lock()
            .map_err(|_| AppError::new(ErrorCode::Busy, "a sync is already running"))?;
        self.syncing.store(true, Ordering::SeqCst);
        let step = std::time::Instant::now();
        let result = self.sync_inner(&on_progress).await;
        crate::context::log_step("sync", step);
        self.syncing.store(false, Ordering::SeqCst);
        // A first sync left its pages in the log (`Store::settle_log`): they go into the
        // database file on the writer while the window shows the result, as after an
        // import.
        let writer = self.writer.clone();
        tokio::spawn(async move {
            if let Err(e) = with_store(&writer, |s| s.settle_log()).await {
                tracing::warn!(error = %e, "checkpoint after a sync");
            }
        });
        match &result {
            Ok(summary) => {
                on_progress(SyncProgress {
                    phase: SyncPhase::Done,
                    applied: summary.upserted + summary.removed,
                    remaining: 0,
                    error: None,
                });
                self.emit(AppEvent::data_changed(&[DataArea::Tasks, DataArea::Status]));
            }
            Err(e) => {
                on_progress(SyncProgress {
                    phase: SyncPhase::Failed,
                    applied: 0,
                    remaining: 0,
                    error: Some(e.clone()),
                });
                self.emit(AppEvent::data_changed(&[DataArea::Status]));
            }
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
                    s.mark_sync_failed(&src, code, &message)
                })
                .await?;
                return Err(e);
            }
        };
        // The hall's eligibility for the creator's profile of this sync, computed before
        // the pages so that each page's tasks get their flag as they are written.
        let prepare = Box::new(self.hall_eligibility_refresh(&source));
        let report = sync_tasks_prepared(
            &client,
            &self.writer,
            &source,
            DEFAULT_PAGE_LIMIT,
            prepare,
            |e| {
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
                    SyncEvent::Indexing { applied } => SyncProgress {
                        phase: SyncPhase::Indexing,
                        applied: u32::try_from(applied).unwrap_or(u32::MAX),
                        remaining: 0,
                        error: None,
                    },
                })
            },
        )
        .await?;
        self.refresh_hall_eligibility(&source).await?;
        // The applications come with the tasks: their feed, then what the outbox holds
        // (the platform answered, so it is worth trying now).
        let applications = match self.sync_applications(&client, &source).await {
            Ok(n) => n,
            Err(e) => {
                let (code, message) = (e.code.as_str(), e.message.clone());
                let src = source.clone();
                with_store(&self.writer, move |s| {
                    s.mark_sync_failed(&src, code, &message)
                })
                .await?;
                return Err(e);
            }
        };
        // The rights center comes with them: in the app, by its job right after (outside
        // this sync's lock); without background jobs (the CLI), here. Its failure does not
        // undo the task hall's sync: the page shows its own sync time.
        if self.options.background_jobs {
            self.rights_due.store(true, Ordering::SeqCst);
        } else if let Err(e) = self.sync_rights_with(&client, &source).await {
            tracing::warn!(error = %e.message, "the rights center was not synced");
            self.emit(AppEvent::JobFailed {
                job: JobKind::Rights,
                error: e,
                retry_at: None,
            });
        }
        let (src, stamp) = (source.clone(), crate::jobs::timestamp(chrono::Utc::now()));
        with_store(&self.writer, move |s| {
            s.outbox_due_now(&src, &stamp)?;
            s.rights_outbox_due_now(&src, &stamp)?;
            // The network is back: parcels that could not be asked are asked now.
            s.unreachable_parcels_due_now()
        })
        .await?;
        self.schedule_job(JobKind::Outbox, None).await?;
        self.schedule_job(JobKind::Tracking, None).await?;
        self.schedule_job(JobKind::Rights, None).await?;
        let task_count = with_store(&self.reader, |s| s.task_count()).await?;
        Ok(SyncSummary {
            upserted: u32::try_from(report.upserted).unwrap_or(u32::MAX),
            removed: u32::try_from(report.removed).unwrap_or(u32::MAX),
            pages: report.pages,
            task_count,
            applications,
        })
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::time::{Duration, Instant};

    use stardesk_store::KeyPolicy;

    use crate::context::{with_store, Context, ContextOptions};
    use crate::NoEvents;

    /// A first sync leaves the store's log uncopied while it writes
    /// (`Store::settle_log`); the sync then settles it in the background, so the writer
    /// is not left without SQLite's automatic checkpoint (its log would grow for the rest
    /// of the session).
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_first_sync_settles_the_log_it_held_after_it() {
        let dir = tempfile::tempdir().expect("tempdir");
        let ctx = Context::open(
            ContextOptions {
                data_dir: dir.path().to_path_buf(),
                key_policy: KeyPolicy::FileOnly,
                sandbox_tasks: 600,
                today: None,
                background_jobs: false,
                granted_paths_only: false,
                platform_client: Default::default(),
            },
            Arc::new(NoEvents),
        )
        .await
        .expect("open");
        let summary = ctx.sync().await.expect("first sync");
        assert_eq!(summary.task_count, 600);
        let deadline = Instant::now() + Duration::from_secs(20);
        while with_store(&ctx.writer, |s| Ok(s.log_held()))
            .await
            .expect("store")
        {
            assert!(Instant::now() < deadline, "the log is still held");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        ctx.shutdown().await;
    }
}
