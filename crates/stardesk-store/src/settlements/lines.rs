//! The imported lines, each keyed by `(fingerprint, occurrence)`: one STRICT table per
//! kind (`bank_lines`, `expected_lines`, `invoice_lines`), and statement lines in blocks
//! (`statement_blocks`, `statements.rs`): importing a file's lines with progress, reading
//! them back in import order, a statement's total, its invoices' tracking numbers and the
//! count of each kind.

use rusqlite::{params, Transaction};
use rust_decimal::Decimal;
use stardesk_domain::money::from_fen;
use stardesk_domain::reconcile::records::{BankLine, ExpectedLine, InvoiceLine, StatementLine};

use super::files::{finish_file_record, insert_file_record, last_file, ImportFileMeta};
use super::{
    date_at, fp_to_sql, key_at, money_at, opt_date_at, opt_money_at, to_u64, Fen, LineKind,
};
use super::{known, statements};
use crate::{Store, StoreError};

/// The lines of one imported file, of one kind.
#[derive(Debug, Clone, Copy)]
pub enum ImportLines<'a> {
    Statement(&'a [StatementLine]),
    Bank(&'a [BankLine]),
    Expected(&'a [ExpectedLine]),
    Invoices(&'a [InvoiceLine]),
}

impl ImportLines<'_> {
    pub fn kind(&self) -> LineKind {
        match self {
            Self::Statement(_) => LineKind::Statement,
            Self::Bank(_) => LineKind::Bank,
            Self::Expected(_) => LineKind::Expected,
            Self::Invoices(_) => LineKind::Invoices,
        }
    }

    pub fn len(&self) -> usize {
        match self {
            Self::Statement(l) => l.len(),
            Self::Bank(l) => l.len(),
            Self::Expected(l) => l.len(),
            Self::Invoices(l) => l.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// What an import added.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportOutcome {
    pub file_id: i64,
    /// Lines whose key was new.
    pub added: usize,
    /// Lines whose key was already stored (by this file's earlier import, or another file).
    pub already_present: usize,
    /// Of those, statement lines whose payout status or components this file changed (a
    /// newer export): a change to the reconciliation as much as an added line.
    pub updated: usize,
}

/// Lines stored per kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LineCounts {
    pub statement: u64,
    pub bank: u64,
    pub expected: u64,
    pub invoices: u64,
}

/// Lines between two progress reports while storing.
const PROGRESS_EVERY: usize = 8192;

pub(super) fn report(progress: &mut dyn FnMut(usize), stored: usize) {
    if stored.is_multiple_of(PROGRESS_EVERY) && stored > 0 {
        progress(stored);
    }
}

fn insert_lines(
    tx: &Transaction<'_>,
    file_id: i64,
    file: &str,
    lines: ImportLines<'_>,
    progress: &mut dyn FnMut(usize),
) -> Result<(usize, usize), StoreError> {
    let fen = Fen { file };
    let sql_err = |e: rusqlite::Error| StoreError::Unstorable {
        message: format!("{file}: {e}; nothing was imported"),
    };
    let mut added = 0;
    // Statement lines already stored that a newer export changed.
    let mut updated = 0;
    match lines {
        ImportLines::Statement(lines) => {
            (added, updated) = statements::store(tx, &sql_err, file_id, file, lines, progress)?;
        }
        ImportLines::Bank(lines) => {
            let mut stmt = tx
                .prepare(
                    "INSERT OR IGNORE INTO bank_lines (fingerprint, occurrence, file_id, txn_id,
                     date, amount_fen, counterparty, memo) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                )
                .map_err(sql_err)?;
            let known = known::known_keys(tx, "bank_lines", lines.len()).map_err(sql_err)?;
            for (i, l) in lines.iter().enumerate() {
                report(progress, i);
                let amount = fen.of(i, "amount", l.amount)?;
                let key = (fp_to_sql(l.key.fingerprint), i64::from(l.key.occurrence));
                if known.as_ref().is_some_and(|k| k.contains(&key)) {
                    continue;
                }
                added += stmt
                    .execute(params![
                        key.0,
                        key.1,
                        file_id,
                        l.txn_id,
                        l.date.to_string(),
                        amount,
                        l.counterparty,
                        l.memo,
                    ])
                    .map_err(sql_err)?;
            }
        }
        ImportLines::Expected(lines) => {
            let mut stmt = tx
                .prepare(
                    "INSERT OR IGNORE INTO expected_lines (fingerprint, occurrence, file_id,
                     task_id, amount_fen, due_date, gross_fen, fee_fen, tax_fen)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                )
                .map_err(sql_err)?;
            let known = known::known_keys(tx, "expected_lines", lines.len()).map_err(sql_err)?;
            for (i, l) in lines.iter().enumerate() {
                report(progress, i);
                let amount = fen.of(i, "amount", l.amount)?;
                let parts = fen.parts(i, l.gross, l.fee, l.tax)?;
                let key = (fp_to_sql(l.key.fingerprint), i64::from(l.key.occurrence));
                if known.as_ref().is_some_and(|k| k.contains(&key)) {
                    continue;
                }
                added += stmt
                    .execute(params![
                        key.0,
                        key.1,
                        file_id,
                        l.task_id,
                        amount,
                        l.due_date.map(|d| d.to_string()),
                        parts[0],
                        parts[1],
                        parts[2],
                    ])
                    .map_err(sql_err)?;
            }
        }
        ImportLines::Invoices(lines) => {
            let mut stmt = tx
                .prepare(
                    "INSERT OR IGNORE INTO invoice_lines (fingerprint, occurrence, file_id,
                     statement_id, sent_date, tracking_no) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                )
                .map_err(sql_err)?;
            let known = known::known_keys(tx, "invoice_lines", lines.len()).map_err(sql_err)?;
            for (i, l) in lines.iter().enumerate() {
                report(progress, i);
                let key = (fp_to_sql(l.key.fingerprint), i64::from(l.key.occurrence));
                if known.as_ref().is_some_and(|k| k.contains(&key)) {
                    continue;
                }
                added += stmt
                    .execute(params![
                        key.0,
                        key.1,
                        file_id,
                        l.statement_id,
                        l.sent_date.to_string(),
                        l.tracking_no,
                    ])
                    .map_err(sql_err)?;
            }
        }
    }
    Ok((added, updated))
}

impl Store {
    /// Stores the lines of one file, all or nothing, in one transaction: lines whose key
    /// is already stored are counted in `already_present` (a statement line among them
    /// takes a newer export's payout status and components: `updated`), the rest are
    /// added; an import that adds or changes a line moves the settlements revision. The
    /// file is recorded in `import_files` even when it added nothing, so the user sees it
    /// was read. `progress` is called with the count of lines stored so far every few
    /// thousand lines (the commit comes after the last call).
    ///
    /// A line that cannot be stored (an amount that is not whole fen or beyond an i64 fen
    /// count) fails with [`StoreError::Unstorable`] and nothing of the file is kept.
    ///
    /// The commit leaves the written pages in the write-ahead log: call
    /// [`Store::checkpoint`] after it, off the caller's way (core does, in the background).
    pub fn import_lines_with_progress(
        &mut self,
        file: &ImportFileMeta,
        lines: ImportLines<'_>,
        progress: &mut dyn FnMut(usize),
    ) -> Result<ImportOutcome, StoreError> {
        let path = self.path().to_path_buf();
        let e = |e: rusqlite::Error| StoreError::sqlite(&path, e);
        let conn = &mut self.conn;
        std::thread::scope(|scope| {
            // The lines' digest is hashed on the other core while they are stored (~0.1 s
            // for a million lines); it is waited for first only when the last file of this
            // kind has as many lines, the one case in which it can spare the line pass.
            let mut hashing = Some(scope.spawn(|| super::digest::lines_digest(lines)));
            let mut digest = || {
                hashing
                    .take()
                    .map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            };
            let tx = conn
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
                .map_err(e)?;
            let last = last_file(&tx, lines.kind()).map_err(e)?;
            let last_digest = last
                .as_ref()
                .filter(|last| last.line_count == lines.len() as u64)
                .and_then(|last| last.lines_digest);
            let mut known_digest = None;
            // The file imported last of this kind had these very lines: every key is stored
            // and nothing was imported since that could have changed one, so storing them
            // again would change nothing (migration 0011). It says again what that file
            // said: statement lines it recorded as changed are recorded for this one too.
            let same_as_last = last_digest.is_some_and(|digest_of_last| {
                known_digest = digest();
                known_digest == Some(digest_of_last)
            });
            let file_id = insert_file_record(&tx, lines.kind(), file, lines.len()).map_err(e)?;
            let (added, updated) = if same_as_last {
                if let (Some(last), LineKind::Statement) = (&last, lines.kind()) {
                    super::changes::restate_last(&tx, &e, last.id, file_id)?;
                }
                (0, 0)
            } else {
                insert_lines(&tx, file_id, &file.file_name, lines, progress)?
            };
            let lines_digest = known_digest.or_else(&mut digest);
            finish_file_record(&tx, file_id, added, lines_digest.as_ref()).map_err(e)?;
            if added > 0 || updated > 0 {
                super::bump_revision(&tx).map_err(e)?;
            }
            // SQLite would copy the log's pages into the database file as this commit
            // ends (its automatic checkpoint: ~0.3 s after a million lines); the caller
            // runs the checkpoint after the import instead (`Store::checkpoint`).
            let auto: i64 = tx
                .query_row("PRAGMA wal_autocheckpoint", [], |r| r.get(0))
                .map_err(e)?;
            tx.pragma_update(None, "wal_autocheckpoint", 0).map_err(e)?;
            let committed = tx.commit();
            // The lines are stored (or not) by then: a setting that cannot be put back is
            // no reason to say otherwise, and the caller's checkpoint keeps the log short.
            if let Err(err) = conn.pragma_update(None, "wal_autocheckpoint", auto) {
                tracing::warn!(error = %err, "the automatic checkpoint was not turned back on");
            }
            committed.map_err(e)?;
            Ok(ImportOutcome {
                file_id,
                added,
                already_present: lines.len() - added,
                updated,
            })
        })
    }

    /// How many lines of each kind are stored.
    pub fn line_counts(&self) -> Result<LineCounts, StoreError> {
        let count = |kind: LineKind| -> Result<u64, StoreError> {
            if kind == LineKind::Statement {
                return statements::count(&self.conn).map_err(|e| self.err(e));
            }
            self.conn
                .query_row(&format!("SELECT count(*) FROM {}", kind.table()), [], |r| {
                    r.get::<_, i64>(0)
                })
                .map(to_u64)
                .map_err(|e| self.err(e))
        };
        Ok(LineCounts {
            statement: count(LineKind::Statement)?,
            bank: count(LineKind::Bank)?,
            expected: count(LineKind::Expected)?,
            invoices: count(LineKind::Invoices)?,
        })
    }

    /// Every stored statement line, in the order they were first imported (the order the
    /// reconciler's ties fall back to).
    pub fn statement_lines(&self) -> Result<Vec<StatementLine>, StoreError> {
        statements::statement_lines(&self.conn, &|e| self.err(e))
    }

    /// Every stored bank line, in import order.
    pub fn bank_lines(&self) -> Result<Vec<BankLine>, StoreError> {
        self.load(
            "SELECT fingerprint, occurrence, txn_id, date, amount_fen, counterparty, memo
             FROM bank_lines ORDER BY rowid",
            |r| {
                Ok(BankLine {
                    key: key_at(r)?,
                    txn_id: r.get(2)?,
                    date: date_at(r, 3)?,
                    amount: money_at(r, 4)?,
                    counterparty: r.get(5)?,
                    memo: r.get(6)?,
                })
            },
        )
    }

    /// Every stored expected line, in import order.
    pub fn expected_lines(&self) -> Result<Vec<ExpectedLine>, StoreError> {
        self.load(
            "SELECT fingerprint, occurrence, task_id, amount_fen, due_date, gross_fen, fee_fen,
             tax_fen FROM expected_lines ORDER BY rowid",
            |r| {
                Ok(ExpectedLine {
                    key: key_at(r)?,
                    task_id: r.get(2)?,
                    amount: money_at(r, 3)?,
                    due_date: opt_date_at(r, 4)?,
                    gross: opt_money_at(r, 5)?,
                    fee: opt_money_at(r, 6)?,
                    tax: opt_money_at(r, 7)?,
                })
            },
        )
    }

    /// Every stored invoice line, in import order.
    pub fn invoice_lines(&self) -> Result<Vec<InvoiceLine>, StoreError> {
        self.load(
            "SELECT fingerprint, occurrence, statement_id, sent_date, tracking_no
             FROM invoice_lines ORDER BY rowid",
            |r| {
                Ok(InvoiceLine {
                    key: key_at(r)?,
                    statement_id: r.get(2)?,
                    sent_date: date_at(r, 3)?,
                    tracking_no: r.get(4)?,
                })
            },
        )
    }

    /// The total of statement `id`'s stored lines; `None` when it has none.
    pub fn statement_total(&self, id: &str) -> Result<Option<Decimal>, StoreError> {
        let (lines, fen) = statements::statement_total(&self.conn, &|e| self.err(e), id)?;
        Ok((lines > 0).then(|| from_fen(fen)))
    }

    /// The tracking numbers of the invoices mailed for statement `id`, in import order.
    pub fn tracking_numbers(&self, id: &str) -> Result<Vec<String>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT tracking_no FROM invoice_lines WHERE statement_id = ?1 ORDER BY rowid")
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([id], |r| r.get(0))
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }
}
