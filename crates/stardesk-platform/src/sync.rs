//! Incremental sync of the task feed into the store.
//!
//! The feed is "changes after cursor". Each page is written together with its cursor in
//! one transaction, so a sync that stops anywhere (network, crash, quit) resumes from the
//! last whole page and never writes half a page or a task twice.

use std::sync::{Arc, Mutex};

use chrono::Utc;
use stardesk_store::state::{AgencyRecord, CreatorRecord};
use stardesk_store::tasks::PageChanges;
use stardesk_store::{Store, StoreError};

use crate::client::{PlatformClient, PlatformError};
use crate::convert::{task_record, InvalidTask};
use crate::wire::{Me, TaskEntry, TaskPage};

/// Entries per page asked of the server.
pub const DEFAULT_PAGE_LIMIT: u32 = 1000;

/// Entries a first sync gathers for one transaction at most: what it holds in memory
/// while a write runs, and what an interrupted first sync can lose and fetch again.
const MAX_BATCH_ENTRIES: usize = 40_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyncEvent {
    Started,
    /// A page was committed.
    Page {
        applied: u64,
        remaining: u64,
    },
    /// Every page is in: the search indexes a first sync deferred are being built.
    Indexing {
        applied: u64,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncReport {
    pub pages: u32,
    pub upserted: u64,
    pub removed: u64,
    pub creator: Me,
}

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error(transparent)]
    Platform(#[from] PlatformError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("the platform sent a task StarDesk cannot keep, so this page was not written: {0}")]
    InvalidTask(#[from] InvalidTask),
    #[error("internal error: {0}")]
    Internal(String),
}

impl SyncError {
    /// A stable code for the UI and the stored sync state.
    pub fn code(&self) -> &'static str {
        match self {
            SyncError::Platform(PlatformError::Unauthorized { .. }) => "sign_in_required",
            SyncError::Platform(PlatformError::Unreachable(_)) => "platform_unreachable",
            SyncError::Platform(PlatformError::Http { status, .. })
                if *status >= 500 || *status == 429 =>
            {
                "platform_unreachable"
            }
            SyncError::Platform(
                PlatformError::InvalidUrl { .. } | PlatformError::InsecureUrl(_),
            ) => "invalid_input",
            SyncError::Platform(_) | SyncError::InvalidTask(_) => "platform_protocol",
            SyncError::Store(_) => "store_failed",
            SyncError::Internal(_) => "internal",
        }
    }
}

pub fn creator_record(me: &Me) -> CreatorRecord {
    CreatorRecord {
        creator_id: me.creator_id.clone(),
        nickname: me.nickname.clone(),
        followers: me.followers,
        agency: me.agency.as_ref().map(|a| AgencyRecord {
            id: a.id.clone(),
            name: a.name.clone(),
            deposit_ever_deducted: a.deposit_ever_deducted,
        }),
        level: me.level,
        fetched_at: Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
    }
}

/// Runs `f` with the store on the blocking pool; the handle says whether it is done.
fn spawn_store<T: Send + 'static>(
    store: &Arc<Mutex<Store>>,
    f: impl FnOnce(&mut Store) -> Result<T, StoreError> + Send + 'static,
) -> tokio::task::JoinHandle<Result<T, SyncError>> {
    let store = Arc::clone(store);
    tokio::task::spawn_blocking(move || {
        let mut guard = store
            .lock()
            .map_err(|_| SyncError::Internal("the store lock was poisoned".into()))?;
        f(&mut guard).map_err(SyncError::from)
    })
}

/// What a [`spawn_store`] came to.
async fn joined<T>(handle: tokio::task::JoinHandle<Result<T, SyncError>>) -> Result<T, SyncError> {
    handle
        .await
        .map_err(|e| SyncError::Internal(e.to_string()))?
}

async fn blocking<T: Send + 'static>(
    store: &Arc<Mutex<Store>>,
    f: impl FnOnce(&mut Store) -> Result<T, StoreError> + Send + 'static,
) -> Result<T, SyncError> {
    joined(spawn_store(store, f)).await
}

/// What runs with the store once the creator's profile of this sync is saved, before the
/// first page is written (see [`sync_tasks_prepared`]).
pub type Prepare = Box<dyn FnOnce(&mut Store) -> Result<(), StoreError> + Send>;

/// Brings the store's copy of `source` up to date with the platform.
///
/// On failure the error is also recorded in the store's sync state, so the UI can show
/// "offline since …" after a restart; pages committed before the failure stay.
pub async fn sync_tasks(
    client: &PlatformClient,
    store: &Arc<Mutex<Store>>,
    source: &str,
    page_limit: u32,
    on_event: impl FnMut(SyncEvent) + Send,
) -> Result<SyncReport, SyncError> {
    sync_tasks_prepared(
        client,
        store,
        source,
        page_limit,
        Box::new(|_| Ok(())),
        on_event,
    )
    .await
}

/// [`sync_tasks`], with `prepare` run right after the creator's profile is saved and
/// before the first page: the app precomputes the hall's "eligible only" flag for that
/// profile there, so every page's tasks get their flag as they are written (a first
/// sync's before the hall's indexes exist) instead of every row rewritten afterwards.
pub async fn sync_tasks_prepared(
    client: &PlatformClient,
    store: &Arc<Mutex<Store>>,
    source: &str,
    page_limit: u32,
    prepare: Prepare,
    mut on_event: impl FnMut(SyncEvent) + Send,
) -> Result<SyncReport, SyncError> {
    let result = run(client, store, source, page_limit, prepare, &mut on_event).await;
    let src = source.to_string();
    match &result {
        Ok(_) => {
            let at = Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
            blocking(store, move |s| s.mark_synced(&src, &at)).await?;
        }
        Err(e) => {
            let (code, message) = (e.code(), e.to_string());
            tracing::warn!(code, %message, "sync failed");
            // Best effort: the original error is the one to report. The tasks a first
            // sync wrote before it failed become searchable by the indexes now.
            let _ = blocking(store, move |s| {
                if let Err(e) = s.finish_task_index() {
                    tracing::warn!(error = %e, "the task hall's indexes were not built");
                }
                s.mark_sync_failed(&src, code, &message)
            })
            .await;
        }
    }
    result
}

async fn run(
    client: &PlatformClient,
    store: &Arc<Mutex<Store>>,
    source: &str,
    page_limit: u32,
    prepare: Prepare,
    on_event: &mut (impl FnMut(SyncEvent) + Send),
) -> Result<SyncReport, SyncError> {
    on_event(SyncEvent::Started);
    let me = client.me().await?;
    let record = creator_record(&me);
    let src = source.to_string();
    blocking(store, move |s| {
        s.save_creator(&src, &record)?;
        // Best effort: without it the pages are written all the same (their flags are
        // then computed by the refresh after the sync).
        if let Err(e) = prepare(s) {
            tracing::warn!(error = %e, "the step before the sync's pages failed");
        }
        Ok(())
    })
    .await?;

    let src = source.to_string();
    let cursor = blocking(store, move |s| Ok(s.sync_state(&src)?.cursor)).await?;
    let mut report = SyncReport {
        pages: 0,
        upserted: 0,
        removed: 0,
        creator: me,
    };
    // The next page is asked for while this one is written: the sync takes about as long
    // as the slower of the network and the store, not both. A first sync (its pages go in
    // without the search indexes, see `Store::apply_pages`) keeps asking for pages while a
    // write runs, and writes what came in meanwhile in one transaction; any other sync
    // writes each page with its cursor in a transaction of its own.
    let first = client.tasks_page(cursor.as_deref(), page_limit).await?;
    let mut batch = vec![page_changes(&first)?];
    let mut feed = Feed::after(first);
    let mut bulk = false;
    // What fetching ran into: the pages fetched before it are still written, then it is
    // reported.
    let mut failed: Option<SyncError> = None;
    loop {
        let pages = std::mem::take(&mut batch);
        let (remaining, written) = (feed.remaining, pages.len() as u32);
        let src = source.to_string();
        let write = spawn_store(store, move |s| {
            Ok((s.apply_pages(&src, &pages)?, s.task_index_deferred()?))
        });
        while failed.is_none() && feed.has_more {
            match fetch_next(client, &mut feed, page_limit).await {
                Ok(changes) => batch.push(changes),
                Err(e) => {
                    failed = Some(e);
                    break;
                }
            }
            let gathered: usize = batch
                .iter()
                .map(|p| p.upserts.len() + p.removals.len())
                .sum();
            if !bulk || write.is_finished() || gathered >= MAX_BATCH_ENTRIES {
                break;
            }
        }
        let (applied, deferred) = joined(write).await?;
        bulk = deferred;
        report.pages += written;
        report.upserted += applied.upserted as u64;
        report.removed += applied.removed as u64;
        on_event(SyncEvent::Page {
            applied: report.upserted + report.removed,
            remaining,
        });
        if batch.is_empty() {
            if let Some(e) = failed {
                return Err(e);
            }
            // A first sync wrote its pages without the hall's indexes: built now.
            if blocking(store, |s| s.task_index_deferred()).await? {
                on_event(SyncEvent::Indexing {
                    applied: report.upserted + report.removed,
                });
                blocking(store, |s| s.finish_task_index()).await?;
            }
            return Ok(report);
        }
    }
}

/// Where the feed stands: the last page's cursor and whether more follow.
struct Feed {
    has_more: bool,
    next_cursor: String,
    remaining: u64,
}

/// Asks for the page after `feed` and moves `feed` past it.
async fn fetch_next(
    client: &PlatformClient,
    feed: &mut Feed,
    page_limit: u32,
) -> Result<PageChanges, SyncError> {
    let page = client
        .tasks_page(Some(&feed.next_cursor), page_limit)
        .await?;
    let changes = page_changes(&page)?;
    *feed = Feed::after(page);
    Ok(changes)
}

impl Feed {
    /// Where the feed stands after `page`.
    fn after(page: TaskPage) -> Self {
        Feed {
            has_more: page.has_more,
            next_cursor: page.next_cursor,
            remaining: page.remaining,
        }
    }
}

/// What a page of the feed does to the store.
fn page_changes(page: &TaskPage) -> Result<PageChanges, SyncError> {
    let mut changes = PageChanges {
        upserts: Vec::with_capacity(page.items.len()),
        removals: Vec::new(),
        next_cursor: page.next_cursor.clone(),
    };
    for entry in &page.items {
        match entry {
            TaskEntry::Open(task) => changes.upserts.push(task_record(task)?),
            TaskEntry::Closed { id, .. } | TaskEntry::Deleted { id, .. } => {
                changes.removals.push(id.clone())
            }
        }
    }
    Ok(changes)
}
