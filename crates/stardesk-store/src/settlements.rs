//! Imported settlement files and their lines, the user's reconciliation decisions, saved
//! column-mapping profiles and the contract's receiving account.
//!
//! Lines are the domain's reconciliation records, kept by their [`LineKey`]: importing
//! is `INSERT OR IGNORE` on the key in one transaction, so the same file twice adds
//! nothing, an overlapping period adds only its new lines, and two identical lines of one
//! file (occurrences 0 and 1) are both kept. Decisions name lines by key, so they survive
//! any re-import. Bank lines and the contract account are personal data: they exist only
//! in this encrypted database, and [`Store::delete_settlement_data`] removes them.

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension, Row, Transaction};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use stardesk_domain::money::{from_fen, to_fen};
use stardesk_domain::reconcile::records::{
    BankLine, ExpectedLine, InvoiceLine, LineKey, PayoutStatus, StatementLine,
};
use stardesk_domain::reconcile::{ContractAccount, Decision, Pair};

use crate::{Store, StoreError};

/// Which list a file is (and which table its lines go to).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LineKind {
    Statement,
    Bank,
    Expected,
    Invoices,
}

impl LineKind {
    pub const ALL: [LineKind; 4] = [Self::Statement, Self::Bank, Self::Expected, Self::Invoices];

    /// The code stored in `import_files.kind` and `mapping_profiles.kind`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Statement => "statement",
            Self::Bank => "bank",
            Self::Expected => "expected",
            Self::Invoices => "invoices",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == code)
    }

    fn table(self) -> &'static str {
        match self {
            Self::Statement => "statement_lines",
            Self::Bank => "bank_lines",
            Self::Expected => "expected_lines",
            Self::Invoices => "invoice_lines",
        }
    }
}

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

/// How a file was read, kept with it in `import_files`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportFileMeta {
    /// The name shown to the user (not a path the store opens).
    pub file_name: String,
    /// RFC 3339.
    pub imported_at: String,
    /// As the importer reports it: `"UTF-8"`, `"GB18030"`, `"XLSX"`, ...
    pub encoding: String,
}

/// What an import added.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportOutcome {
    pub file_id: i64,
    /// Lines whose key was new.
    pub added: usize,
    /// Lines whose key was already stored (by this file's earlier import, or another file).
    pub already_present: usize,
}

/// One row of `import_files`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportFileRecord {
    pub id: i64,
    pub kind: LineKind,
    pub file_name: String,
    pub imported_at: String,
    pub line_count: u64,
    pub added_count: u64,
    pub encoding: String,
}

/// A stored decision with its id (to delete it) and when it was made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedDecision {
    pub id: i64,
    pub created_at: String,
    pub decision: Decision,
}

/// A saved column-mapping profile; `mapping` is JSON whose shape the caller owns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MappingProfileRecord {
    pub name: String,
    pub kind: LineKind,
    pub mapping: String,
}

/// Lines stored per kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LineCounts {
    pub statement: u64,
    pub bank: u64,
    pub expected: u64,
    pub invoices: u64,
}

/// The JSON form of a [`Decision`] in `recon_decisions.decision`. The domain has no
/// serde, so the store owns this mirror; keys are `"fingerprint:occurrence"` strings
/// (decimal u64, so no JSON reader rounds them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum DecisionJson {
    AcceptTask {
        expected: String,
        statement: String,
    },
    AcceptPayout {
        statement: Vec<String>,
        bank: Vec<String>,
    },
    RejectTask {
        expected: String,
        statement: String,
    },
    RejectPayout {
        statement: Vec<String>,
        bank: Vec<String>,
    },
    ManualMatch {
        statement: Vec<String>,
        bank: Vec<String>,
    },
    ManualMatchTask {
        expected: String,
        statement: String,
    },
}

/// A key as `"fingerprint:occurrence"`: `key.to_string()` ([`LineKey`]'s `Display`).
///
/// Kept for `stardesk-core`, which still calls it; remove it once core uses `Display`.
pub fn key_to_string(key: &LineKey) -> String {
    key.to_string()
}

/// Parses `"fingerprint:occurrence"`: `text.parse().ok()` ([`LineKey`]'s `FromStr`).
///
/// Kept for `stardesk-core`, which still calls it; remove it once core uses `FromStr`.
pub fn key_from_str(text: &str) -> Option<LineKey> {
    text.parse().ok()
}

fn keys_to_strings(keys: &[LineKey]) -> Vec<String> {
    keys.iter().map(LineKey::to_string).collect()
}

fn parse_keys(keys: &[String]) -> Result<Vec<LineKey>, StoreError> {
    keys.iter().map(|k| parse_key(k)).collect()
}

fn parse_key(key: &str) -> Result<LineKey, StoreError> {
    key.parse()
        .map_err(|_| StoreError::Corrupt(format!("line key {key:?}")))
}

impl From<&Decision> for DecisionJson {
    fn from(d: &Decision) -> Self {
        match d {
            Decision::Accept(Pair::Task {
                expected,
                statement,
            }) => Self::AcceptTask {
                expected: expected.to_string(),
                statement: statement.to_string(),
            },
            Decision::Accept(Pair::Payout { statement, bank }) => Self::AcceptPayout {
                statement: keys_to_strings(statement),
                bank: keys_to_strings(bank),
            },
            Decision::Reject(Pair::Task {
                expected,
                statement,
            }) => Self::RejectTask {
                expected: expected.to_string(),
                statement: statement.to_string(),
            },
            Decision::Reject(Pair::Payout { statement, bank }) => Self::RejectPayout {
                statement: keys_to_strings(statement),
                bank: keys_to_strings(bank),
            },
            Decision::ManualMatch { statement, bank } => Self::ManualMatch {
                statement: keys_to_strings(statement),
                bank: keys_to_strings(bank),
            },
            Decision::ManualMatchTask {
                expected,
                statement,
            } => Self::ManualMatchTask {
                expected: expected.to_string(),
                statement: statement.to_string(),
            },
        }
    }
}

impl DecisionJson {
    fn into_decision(self) -> Result<Decision, StoreError> {
        let task = |e: &str, s: &str| -> Result<Pair, StoreError> {
            Ok(Pair::Task {
                expected: parse_key(e)?,
                statement: parse_key(s)?,
            })
        };
        let payout = |s: &[String], b: &[String]| -> Result<Pair, StoreError> {
            Ok(Pair::Payout {
                statement: parse_keys(s)?,
                bank: parse_keys(b)?,
            })
        };
        Ok(match self {
            Self::AcceptTask {
                expected,
                statement,
            } => Decision::Accept(task(&expected, &statement)?),
            Self::AcceptPayout { statement, bank } => Decision::Accept(payout(&statement, &bank)?),
            Self::RejectTask {
                expected,
                statement,
            } => Decision::Reject(task(&expected, &statement)?),
            Self::RejectPayout { statement, bank } => Decision::Reject(payout(&statement, &bank)?),
            Self::ManualMatch { statement, bank } => Decision::ManualMatch {
                statement: parse_keys(&statement)?,
                bank: parse_keys(&bank)?,
            },
            Self::ManualMatchTask {
                expected,
                statement,
            } => Decision::ManualMatchTask {
                expected: parse_key(&expected)?,
                statement: parse_key(&statement)?,
            },
        })
    }
}

/// The fingerprint's bits as SQLite's signed INTEGER (lossless both ways).
fn fp_to_sql(fp: u64) -> i64 {
    fp as i64
}

fn fp_from_sql(v: i64) -> u64 {
    v as u64
}

const STATUS_OTHER: &str = "other";

fn status_to_sql(status: &PayoutStatus) -> (&'static str, Option<&str>) {
    match status {
        PayoutStatus::Settled => ("settled", None),
        PayoutStatus::Withdrawing => ("withdrawing", None),
        PayoutStatus::Withdrawn => ("withdrawn", None),
        PayoutStatus::Failed => ("failed", None),
        PayoutStatus::Other(text) => (STATUS_OTHER, Some(text)),
    }
}

fn status_from_sql(code: &str, text: Option<String>) -> Result<PayoutStatus, String> {
    Ok(match code {
        "settled" => PayoutStatus::Settled,
        "withdrawing" => PayoutStatus::Withdrawing,
        "withdrawn" => PayoutStatus::Withdrawn,
        "failed" => PayoutStatus::Failed,
        STATUS_OTHER => PayoutStatus::Other(text.unwrap_or_default()),
        other => return Err(format!("payout status {other:?}")),
    })
}

fn conversion_error(i: usize, message: String) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        i,
        rusqlite::types::Type::Text,
        Box::new(StoreError::Corrupt(message)),
    )
}

fn date_at(r: &Row<'_>, i: usize) -> rusqlite::Result<NaiveDate> {
    let s: String = r.get(i)?;
    NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
    })
}

fn opt_date_at(r: &Row<'_>, i: usize) -> rusqlite::Result<Option<NaiveDate>> {
    match r.get::<_, Option<String>>(i)? {
        Some(_) => date_at(r, i).map(Some),
        None => Ok(None),
    }
}

fn money_at(r: &Row<'_>, i: usize) -> rusqlite::Result<Decimal> {
    Ok(from_fen(r.get(i)?))
}

fn opt_money_at(r: &Row<'_>, i: usize) -> rusqlite::Result<Option<Decimal>> {
    Ok(r.get::<_, Option<i64>>(i)?.map(from_fen))
}

fn key_at(r: &Row<'_>) -> rusqlite::Result<LineKey> {
    Ok(LineKey {
        fingerprint: fp_from_sql(r.get(0)?),
        occurrence: r.get(1)?,
    })
}

/// Yuan to fen for storage; an amount that is not whole fen or does not fit an i64 fen
/// count is refused, naming the file and the line (1-based among the file's lines).
struct Fen<'a> {
    file: &'a str,
}

impl Fen<'_> {
    fn of(&self, line: usize, field: &str, amount: Decimal) -> Result<i64, StoreError> {
        to_fen(amount).map_err(|e| StoreError::Unstorable {
            message: format!(
                "{}: line {} ({field} {amount}) cannot be stored in fen: {e}; nothing was imported",
                self.file,
                line + 1
            ),
        })
    }

    fn opt(
        &self,
        line: usize,
        field: &str,
        amount: Option<Decimal>,
    ) -> Result<Option<i64>, StoreError> {
        amount.map(|a| self.of(line, field, a)).transpose()
    }
}

/// Lines between two progress reports while storing.
const PROGRESS_EVERY: usize = 8192;

fn report(progress: &mut dyn FnMut(usize), stored: usize) {
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
) -> Result<usize, StoreError> {
    let fen = Fen { file };
    let sql_err = |e: rusqlite::Error| StoreError::Unstorable {
        message: format!("{file}: {e}; nothing was imported"),
    };
    let mut added = 0;
    match lines {
        ImportLines::Statement(lines) => {
            let mut stmt = tx
                .prepare(
                    // A line already known keeps its identity (and the decisions about it);
                    // a newer export updates its payout status and fills in components.
                    "INSERT INTO statement_lines (fingerprint, occurrence, file_id,
                     statement_id, task_id, amount_fen, date, status, status_text, gross_fen,
                     fee_fen, tax_fen) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
                     ON CONFLICT (fingerprint, occurrence) DO UPDATE SET
                        status = excluded.status, status_text = excluded.status_text,
                        gross_fen = coalesce(excluded.gross_fen, gross_fen),
                        fee_fen = coalesce(excluded.fee_fen, fee_fen),
                        tax_fen = coalesce(excluded.tax_fen, tax_fen)
                     WHERE status IS NOT excluded.status OR status_text IS NOT excluded.status_text
                        OR excluded.gross_fen IS NOT NULL OR excluded.fee_fen IS NOT NULL
                        OR excluded.tax_fen IS NOT NULL",
                )
                .map_err(sql_err)?;
            let count = |tx: &Transaction<'_>| -> Result<usize, StoreError> {
                tx.query_row("SELECT count(*) FROM statement_lines", [], |r| {
                    r.get::<_, i64>(0)
                })
                .map(|n| usize::try_from(n).unwrap_or(0))
                .map_err(sql_err)
            };
            // An upsert reports an update as a change too: count what is new instead.
            let before = count(tx)?;
            for (i, l) in lines.iter().enumerate() {
                report(progress, i);
                let (status, status_text) = status_to_sql(&l.status);
                stmt.execute(params![
                    fp_to_sql(l.key.fingerprint),
                    l.key.occurrence,
                    file_id,
                    l.statement_id,
                    l.task_id,
                    fen.of(i, "amount", l.amount)?,
                    l.date.to_string(),
                    status,
                    status_text,
                    fen.opt(i, "gross", l.gross)?,
                    fen.opt(i, "fee", l.fee)?,
                    fen.opt(i, "tax", l.tax)?,
                ])
                .map_err(sql_err)?;
            }
            added = count(tx)? - before;
        }
        ImportLines::Bank(lines) => {
            let mut stmt = tx
                .prepare(
                    "INSERT OR IGNORE INTO bank_lines (fingerprint, occurrence, file_id, txn_id,
                     date, amount_fen, counterparty, memo) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                )
                .map_err(sql_err)?;
            for (i, l) in lines.iter().enumerate() {
                report(progress, i);
                added += stmt
                    .execute(params![
                        fp_to_sql(l.key.fingerprint),
                        l.key.occurrence,
                        file_id,
                        l.txn_id,
                        l.date.to_string(),
                        fen.of(i, "amount", l.amount)?,
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
            for (i, l) in lines.iter().enumerate() {
                report(progress, i);
                added += stmt
                    .execute(params![
                        fp_to_sql(l.key.fingerprint),
                        l.key.occurrence,
                        file_id,
                        l.task_id,
                        fen.of(i, "amount", l.amount)?,
                        l.due_date.map(|d| d.to_string()),
                        fen.opt(i, "gross", l.gross)?,
                        fen.opt(i, "fee", l.fee)?,
                        fen.opt(i, "tax", l.tax)?,
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
            for (i, l) in lines.iter().enumerate() {
                report(progress, i);
                added += stmt
                    .execute(params![
                        fp_to_sql(l.key.fingerprint),
                        l.key.occurrence,
                        file_id,
                        l.statement_id,
                        l.sent_date.to_string(),
                        l.tracking_no,
                    ])
                    .map_err(sql_err)?;
            }
        }
    }
    Ok(added)
}

fn to_u64(v: i64) -> u64 {
    u64::try_from(v).unwrap_or(0)
}

impl Store {
    /// Stores the lines of one file, all or nothing, in one transaction: lines whose key
    /// is already stored are left as they are (`already_present`), the rest are added. The
    /// file is recorded in `import_files` even when it added nothing, so the user sees it
    /// was read.
    ///
    /// A line that cannot be stored (an amount that is not whole fen or beyond an i64 fen
    /// count) fails with [`StoreError::Unstorable`] and nothing of the file is kept.
    pub fn import_lines(
        &mut self,
        file: &ImportFileMeta,
        lines: ImportLines<'_>,
    ) -> Result<ImportOutcome, StoreError> {
        self.import_lines_with_progress(file, lines, &mut |_| {})
    }

    /// [`Store::import_lines`], calling `progress` with the count of lines stored so far
    /// every few thousand lines (the commit comes after the last call).
    pub fn import_lines_with_progress(
        &mut self,
        file: &ImportFileMeta,
        lines: ImportLines<'_>,
        progress: &mut dyn FnMut(usize),
    ) -> Result<ImportOutcome, StoreError> {
        let path = self.path().to_path_buf();
        let e = |e: rusqlite::Error| StoreError::sqlite(&path, e);
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(e)?;
        let total = i64::try_from(lines.len()).unwrap_or(i64::MAX);
        tx.execute(
            "INSERT INTO import_files (kind, file_name, imported_at, line_count, added_count,
             encoding) VALUES (?1, ?2, ?3, ?4, 0, ?5)",
            params![
                lines.kind().as_str(),
                file.file_name,
                file.imported_at,
                total,
                file.encoding
            ],
        )
        .map_err(e)?;
        let file_id = tx.last_insert_rowid();
        let added = insert_lines(&tx, file_id, &file.file_name, lines, progress)?;
        tx.execute(
            "UPDATE import_files SET added_count = ?1 WHERE id = ?2",
            params![i64::try_from(added).unwrap_or(i64::MAX), file_id],
        )
        .map_err(e)?;
        tx.commit().map_err(e)?;
        Ok(ImportOutcome {
            file_id,
            added,
            already_present: lines.len() - added,
        })
    }

    /// Every imported file, oldest first.
    pub fn import_files(&self) -> Result<Vec<ImportFileRecord>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT id, kind, file_name, imported_at, line_count, added_count, encoding
                 FROM import_files ORDER BY id",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| {
                let kind: String = r.get(1)?;
                Ok(ImportFileRecord {
                    id: r.get(0)?,
                    kind: LineKind::parse(&kind)
                        .ok_or_else(|| conversion_error(1, format!("file kind {kind:?}")))?,
                    file_name: r.get(2)?,
                    imported_at: r.get(3)?,
                    line_count: to_u64(r.get(4)?),
                    added_count: to_u64(r.get(5)?),
                    encoding: r.get(6)?,
                })
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// How many lines of each kind are stored.
    pub fn line_counts(&self) -> Result<LineCounts, StoreError> {
        let count = |kind: LineKind| -> Result<u64, StoreError> {
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

    fn load<T>(
        &self,
        sql: &str,
        read: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>, StoreError> {
        let mut stmt = self.conn.prepare(sql).map_err(|e| self.err(e))?;
        let rows = stmt.query_map([], read).map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// Every stored statement line, in the order they were first imported (the order the
    /// reconciler's ties fall back to).
    pub fn statement_lines(&self) -> Result<Vec<StatementLine>, StoreError> {
        self.load(
            "SELECT fingerprint, occurrence, statement_id, task_id, amount_fen, date, status,
             status_text, gross_fen, fee_fen, tax_fen FROM statement_lines ORDER BY rowid",
            |r| {
                let code: String = r.get(6)?;
                Ok(StatementLine {
                    key: key_at(r)?,
                    statement_id: r.get(2)?,
                    task_id: r.get(3)?,
                    amount: money_at(r, 4)?,
                    date: date_at(r, 5)?,
                    status: status_from_sql(&code, r.get(7)?)
                        .map_err(|m| conversion_error(6, m))?,
                    gross: opt_money_at(r, 8)?,
                    fee: opt_money_at(r, 9)?,
                    tax: opt_money_at(r, 10)?,
                })
            },
        )
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
    /// The total of statement `id`'s stored lines; `None` when it has none.
    pub fn statement_total(&self, id: &str) -> Result<Option<Decimal>, StoreError> {
        let (lines, fen): (i64, Option<i64>) = self
            .conn
            .query_row(
                "SELECT count(*), sum(amount_fen) FROM statement_lines WHERE statement_id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map_err(|e| self.err(e))?;
        Ok((lines > 0).then(|| from_fen(fen.unwrap_or(0))))
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

    /// Keeps a decision; returns its id. Decisions are replayed in id order.
    pub fn add_decision(&self, decision: &Decision, created_at: &str) -> Result<i64, StoreError> {
        let json = serde_json::to_string(&DecisionJson::from(decision))
            .map_err(|e| StoreError::Corrupt(format!("decision: {e}")))?;
        self.conn
            .execute(
                "INSERT INTO recon_decisions (created_at, decision) VALUES (?1, ?2)",
                params![created_at, json],
            )
            .map_err(|e| self.err(e))?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Every decision, oldest first.
    pub fn decisions(&self) -> Result<Vec<SavedDecision>, StoreError> {
        let rows = self.load(
            "SELECT id, created_at, decision FROM recon_decisions ORDER BY id",
            |r| Ok((r.get::<_, i64>(0)?, r.get(1)?, r.get::<_, String>(2)?)),
        )?;
        rows.into_iter()
            .map(|(id, created_at, json)| {
                let parsed: DecisionJson = serde_json::from_str(&json)
                    .map_err(|e| StoreError::Corrupt(format!("decision {id}: {e}")))?;
                Ok(SavedDecision {
                    id,
                    created_at,
                    decision: parsed.into_decision()?,
                })
            })
            .collect()
    }

    /// Forgets a decision; `false` if there was none with this id.
    pub fn delete_decision(&self, id: i64) -> Result<bool, StoreError> {
        self.conn
            .execute("DELETE FROM recon_decisions WHERE id = ?1", [id])
            .map(|n| n > 0)
            .map_err(|e| self.err(e))
    }

    /// Saves (or replaces) a named mapping profile.
    pub fn save_mapping_profile(
        &self,
        name: &str,
        kind: LineKind,
        mapping_json: &str,
    ) -> Result<(), StoreError> {
        self.conn
            .execute(
                "INSERT INTO mapping_profiles (name, kind, mapping) VALUES (?1, ?2, ?3)
                 ON CONFLICT (name) DO UPDATE SET kind = excluded.kind, mapping = excluded.mapping",
                params![name, kind.as_str(), mapping_json],
            )
            .map(|_| ())
            .map_err(|e| self.err(e))
    }

    fn read_profile(r: &Row<'_>) -> rusqlite::Result<MappingProfileRecord> {
        let kind: String = r.get(1)?;
        Ok(MappingProfileRecord {
            name: r.get(0)?,
            kind: LineKind::parse(&kind)
                .ok_or_else(|| conversion_error(1, format!("profile kind {kind:?}")))?,
            mapping: r.get(2)?,
        })
    }

    /// Every mapping profile, by name.
    pub fn mapping_profiles(&self) -> Result<Vec<MappingProfileRecord>, StoreError> {
        self.load(
            "SELECT name, kind, mapping FROM mapping_profiles ORDER BY name",
            Self::read_profile,
        )
    }

    pub fn mapping_profile(&self, name: &str) -> Result<Option<MappingProfileRecord>, StoreError> {
        self.conn
            .query_row(
                "SELECT name, kind, mapping FROM mapping_profiles WHERE name = ?1",
                [name],
                Self::read_profile,
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    /// Deletes a profile; `false` if there was none by this name.
    pub fn delete_mapping_profile(&self, name: &str) -> Result<bool, StoreError> {
        self.conn
            .execute("DELETE FROM mapping_profiles WHERE name = ?1", [name])
            .map(|n| n > 0)
            .map_err(|e| self.err(e))
    }

    /// Sets the contract's receiving account (`None` forgets it).
    pub fn set_contract_account(
        &self,
        account: Option<&ContractAccount>,
    ) -> Result<(), StoreError> {
        let res = match account {
            Some(a) => self.conn.execute(
                "INSERT INTO contract_account (id, company_name, card_number, bank_branch)
                 VALUES (1, ?1, ?2, ?3)
                 ON CONFLICT (id) DO UPDATE SET company_name = excluded.company_name,
                 card_number = excluded.card_number, bank_branch = excluded.bank_branch",
                params![a.company_name, a.card_number, a.bank_branch],
            ),
            None => self.conn.execute("DELETE FROM contract_account", []),
        };
        res.map(|_| ()).map_err(|e| self.err(e))
    }

    pub fn contract_account(&self) -> Result<Option<ContractAccount>, StoreError> {
        self.conn
            .query_row(
                "SELECT company_name, card_number, bank_branch FROM contract_account",
                [],
                |r| {
                    Ok(ContractAccount {
                        company_name: r.get(0)?,
                        card_number: r.get(1)?,
                        bank_branch: r.get(2)?,
                    })
                },
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    /// Deletes every imported line, file record, decision and the contract account, in one
    /// transaction. Mapping profiles (layouts, not personal data) stay.
    ///
    /// SQLite marks freed pages free without wiping them, but they stay inside the
    /// encrypted file, so nothing deleted is ever readable in plaintext.
    pub fn delete_settlement_data(&mut self) -> Result<(), StoreError> {
        let path = self.path().to_path_buf();
        let e = |e: rusqlite::Error| StoreError::sqlite(&path, e);
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(e)?;
        tx.execute_batch(
            "DELETE FROM statement_lines;
             DELETE FROM bank_lines;
             DELETE FROM expected_lines;
             DELETE FROM invoice_lines;
             DELETE FROM import_files;
             DELETE FROM recon_decisions;
             DELETE FROM contract_account;",
        )
        .map_err(e)?;
        tx.commit().map_err(e)
    }
}
