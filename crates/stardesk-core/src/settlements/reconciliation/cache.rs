//! The last saved reconciliation, kept: at a million lines, reading the lines and
//! reconciling them takes seconds, and the window looks at the result again on every page
//! turn, filter and search. The result is kept with the lines it borrows from, keyed by
//! the store's settlements revision (which every import, decision and delete moves on,
//! in this process or another one on the same data directory) and the as-of date, and
//! computed again only when one of them changes.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use chrono::NaiveDate;
use self_cell::self_cell;
use stardesk_domain::reconcile::records::LineKey;
use stardesk_domain::reconcile::{reconcile, Decision, Inputs, ReconcileOptions, Reconciliation};

use super::StoredLines;
use crate::context::{with_store, Context};
use crate::error::{AppError, ErrorCode};

/// What a reconciliation borrows from: the stored lines and decisions.
pub(crate) struct StoredInputs {
    pub lines: StoredLines,
    pub decisions: Vec<Decision>,
}

self_cell!(
    /// The stored inputs and their reconciliation, which borrows from them.
    pub(crate) struct Run {
        owner: StoredInputs,
        #[covariant]
        dependent: Reconciliation,
    }
);

/// Where each line's id is: a statement line's statement id, a bank line's transaction
/// id, by line key (built the first time a page of matches needs it).
pub(crate) struct LineIds {
    statement: HashMap<LineKey, u32>,
    bank: HashMap<LineKey, u32>,
}

impl LineIds {
    fn of(lines: &StoredLines) -> Self {
        let index = |keys: &mut dyn Iterator<Item = &LineKey>| {
            keys.enumerate()
                .map(|(i, k)| (*k, u32::try_from(i).unwrap_or(u32::MAX)))
                .collect()
        };
        Self {
            statement: index(&mut lines.statement.iter().map(|l| &l.key)),
            bank: index(&mut lines.bank.iter().map(|l| &l.key)),
        }
    }

    pub fn statement_id<'l>(&self, lines: &'l StoredLines, key: &LineKey) -> Option<&'l str> {
        let i = *self.statement.get(key)? as usize;
        lines.statement.get(i).map(|l| l.statement_id.as_str())
    }

    pub fn txn_id<'l>(&self, lines: &'l StoredLines, key: &LineKey) -> Option<&'l str> {
        let i = *self.bank.get(key)? as usize;
        lines.bank.get(i).map(|l| l.txn_id.as_str())
    }
}

/// A filter's result: the positions of the rows it keeps, in order.
pub(crate) type Kept = Arc<[u32]>;

/// Filters remembered per kept reconciliation: a page turn under the same filter is a
/// slice of a list already made.
const FILTERS_KEPT: usize = 8;

/// One kept reconciliation.
pub(crate) struct Cached {
    revision: u64,
    pub as_of: NaiveDate,
    pub run: Run,
    ids: OnceLock<LineIds>,
    filters: Mutex<Vec<(String, Kept)>>,
}

impl Cached {
    pub fn lines(&self) -> &StoredLines {
        &self.run.borrow_owner().lines
    }

    pub fn result(&self) -> &Reconciliation<'_> {
        self.run.borrow_dependent()
    }

    pub fn ids(&self) -> &LineIds {
        self.ids.get_or_init(|| LineIds::of(self.lines()))
    }

    /// The rows `key` keeps, made by `make` the first time this filter is asked for.
    pub fn filtered(&self, key: String, make: impl FnOnce() -> Vec<u32>) -> Kept {
        let hit = self
            .filters
            .lock()
            .ok()
            .and_then(|f| f.iter().find(|(k, _)| *k == key).map(|(_, v)| v.clone()));
        if let Some(kept) = hit {
            return kept;
        }
        let kept: Kept = make().into();
        if let Ok(mut filters) = self.filters.lock() {
            if filters.len() >= FILTERS_KEPT {
                filters.remove(0);
            }
            filters.push((key, kept.clone()));
        }
        kept
    }
}

/// The context's slot for the kept reconciliation. An async lock: a second look while
/// the first is computing waits for it instead of computing (and holding) a second one.
#[derive(Default)]
pub(crate) struct ReconcileCache(tokio::sync::Mutex<Option<Arc<Cached>>>);

impl std::fmt::Debug for ReconcileCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ReconcileCache")
    }
}

impl ReconcileCache {
    /// Forgets the kept reconciliation (its lines are personal data once deleted).
    pub async fn clear(&self) {
        *self.0.lock().await = None;
    }
}

pub(crate) fn parse_as_of(as_of: Option<&str>, today: NaiveDate) -> Result<NaiveDate, AppError> {
    match as_of {
        None => Ok(today),
        Some(text) => NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
            AppError::invalid_input(format!("as_of {text:?} is not a date (YYYY-MM-DD)"))
        }),
    }
}

fn join_error(e: tokio::task::JoinError) -> AppError {
    AppError::new(ErrorCode::Internal, e.to_string())
}

impl Context {
    /// The reconciliation of everything stored (with the stored decisions) as of `as_of`
    /// (`YYYY-MM-DD`; `None` = today): the kept one when the store's revision and the
    /// date are those it was made for, else made again (and kept).
    pub(crate) async fn cached_reconciliation(
        &self,
        as_of: Option<String>,
    ) -> Result<Arc<Cached>, AppError> {
        let as_of = parse_as_of(as_of.as_deref(), self.china_today())?;
        let mut slot = self.reconcile_cache.0.lock().await;
        let revision = with_store(&self.reader, |s| s.settlement_revision()).await?;
        if let Some(kept) = slot.as_ref() {
            if kept.revision == revision && kept.as_of == as_of {
                return Ok(kept.clone());
            }
        }
        // The old result goes before the new one is read: never two in memory.
        *slot = None;
        // The revision is read again with the lines: a write between the two reads
        // leaves a result keyed older than its data, made again on the next look.
        let (revision, inputs) = with_store(&self.reader, |s| {
            let revision = s.settlement_revision()?;
            let lines = StoredLines {
                expected: s.expected_lines()?,
                statement: s.statement_lines()?,
                bank: s.bank_lines()?,
                invoices: s.invoice_lines()?,
            };
            let decisions = s.decisions()?.into_iter().map(|d| d.decision).collect();
            Ok((revision, StoredInputs { lines, decisions }))
        })
        .await?;
        let run = tokio::task::spawn_blocking(move || {
            Run::new(inputs, |i| {
                reconcile(
                    &Inputs {
                        expected: &i.lines.expected,
                        statement: &i.lines.statement,
                        bank: &i.lines.bank,
                        invoices: &i.lines.invoices,
                        decisions: &i.decisions,
                    },
                    &ReconcileOptions::new(as_of),
                )
            })
        })
        .await
        .map_err(join_error)?;
        let kept = Arc::new(Cached {
            revision,
            as_of,
            run,
            ids: OnceLock::new(),
            filters: Mutex::new(Vec::new()),
        });
        *slot = Some(kept.clone());
        Ok(kept)
    }

    /// Runs `f` over the saved reconciliation as of `as_of` (see
    /// [`Context::cached_reconciliation`]), off the async threads.
    pub(crate) async fn reconcile_stored<T: Send + 'static>(
        &self,
        as_of: Option<String>,
        f: impl FnOnce(NaiveDate, &Reconciliation<'_>, &StoredLines) -> T + Send + 'static,
    ) -> Result<T, AppError> {
        let kept = self.cached_reconciliation(as_of).await?;
        tokio::task::spawn_blocking(move || f(kept.as_of, kept.result(), kept.lines()))
            .await
            .map_err(join_error)
    }

    /// Runs `f` over the kept reconciliation itself (pages, filters), off the async
    /// threads.
    pub(crate) async fn with_reconciliation<T: Send + 'static>(
        &self,
        as_of: Option<String>,
        f: impl FnOnce(&Cached) -> T + Send + 'static,
    ) -> Result<T, AppError> {
        let kept = self.cached_reconciliation(as_of).await?;
        tokio::task::spawn_blocking(move || f(&kept))
            .await
            .map_err(join_error)
    }
}
