//! Imported settlement files and their lines, the user's reconciliation decisions, saved
//! column-mapping profiles and the contract's receiving account.
//!
//! Lines are the domain's reconciliation records, kept by their [`LineKey`]: importing
//! adds only lines whose key is new, in one transaction (statement lines in blocks of a
//! few thousand, `statements.rs`, where a newer export updates a stored line's payout
//! status; the other kinds a row each), so the same file twice adds nothing, an
//! overlapping period adds only its new lines, and two identical lines of one file
//! (occurrences 0 and 1) are both kept. Decisions name lines by key, so they survive
//! any re-import. Bank lines and the contract account are personal data: they exist only
//! in this encrypted database, and [`Store::delete_settlement_data`] removes them.
//!
//! One module per repository: `lines` (the four kinds of line: import with progress,
//! reads, a statement's total, tracking numbers, counts; `statements` and its codec
//! `blocks` keep the statement lines), `files` (the `import_files`
//! records), `decisions`, `mapping_profiles` and `contract_account`; their public items
//! are re-exported here. This module holds what they share: [`LineKind`], the SQL forms of
//! fingerprints, keys, dates and money (fen), and [`Store::delete_settlement_data`], which
//! empties every repository but the mapping profiles.

mod blocks;
mod changes;
mod contract_account;
mod decisions;
mod digest;
mod files;
mod known;
mod lines;
mod mapping_profiles;
mod statements;

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Row};
use rust_decimal::Decimal;
use stardesk_domain::money::{from_fen, to_fen};
use stardesk_domain::reconcile::records::LineKey;

use crate::{Store, StoreError};

pub(crate) use changes::move_line_changes_to_blocks;
pub use decisions::SavedDecision;
pub use files::{DeletedImport, ImportFileMeta, ImportFileRecord, UnchangedImport};
pub use lines::{ImportLines, ImportOutcome, LineCounts};
pub use mapping_profiles::MappingProfileRecord;
pub(crate) use statements::move_rows_to_blocks as move_statement_rows_to_blocks;

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

    /// The table of this kind's lines; statement lines are kept in blocks
    /// (`statement_blocks`, `statements.rs`), a row each few thousand lines.
    fn table(self) -> &'static str {
        match self {
            Self::Statement => "statement_blocks",
            Self::Bank => "bank_lines",
            Self::Expected => "expected_lines",
            Self::Invoices => "invoice_lines",
        }
    }
}

/// The fingerprint's bits as SQLite's signed INTEGER (lossless both ways).
fn fp_to_sql(fp: u64) -> i64 {
    fp as i64
}

fn fp_from_sql(v: i64) -> u64 {
    v as u64
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

    /// A line's gross, fee and tax in fen, each when given.
    fn parts(
        &self,
        line: usize,
        gross: Option<Decimal>,
        fee: Option<Decimal>,
        tax: Option<Decimal>,
    ) -> Result<[Option<i64>; 3], StoreError> {
        Ok([
            self.opt(line, "gross", gross)?,
            self.opt(line, "fee", fee)?,
            self.opt(line, "tax", tax)?,
        ])
    }
}

fn to_u64(v: i64) -> u64 {
    u64::try_from(v).unwrap_or(0)
}

/// The `settings` key of the settlements' revision.
const REVISION_KEY: &str = "settlements_revision";

/// Moves the settlements' revision on, in the caller's transaction: every write that can
/// change a reconciliation (lines, decisions, a delete) calls it, so a reader that kept a
/// result knows, by one read, whether it still holds — in this process or another one
/// writing to the same data directory (the CLI beside the app).
pub(crate) fn bump_revision(conn: &rusqlite::Connection) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?1, '1')
         ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1",
        [REVISION_KEY],
    )
    .map(|_| ())
}

impl Store {
    /// The settlements' revision: a number that changes whenever lines or decisions do
    /// (0 before the first write).
    pub fn settlement_revision(&self) -> Result<u64, StoreError> {
        self.conn
            .query_row(
                "SELECT CAST(value AS INTEGER) FROM settings WHERE key = ?1",
                [REVISION_KEY],
                |r| r.get::<_, i64>(0),
            )
            .optional()
            .map(|v| v.map_or(0, to_u64))
            .map_err(|e| self.err(e))
    }

    /// Runs `delete` with foreign keys unenforced, for a transaction that deletes lines
    /// before the file records they point at. No `ON DELETE CASCADE` runs then either:
    /// `delete` deletes a parent's children itself (`settlement_decision_lines`). Enforced, SQLite deletes a child table's
    /// rows one at a time even when told to delete them all (it would check each against
    /// its parent): taking back a million-line expected list took 4.0 s so, 0.8 s
    /// without (with `files::without_most_rows`). The pragma does nothing inside a transaction, so it is set
    /// around `delete`, and set back whatever happened.
    fn with_foreign_keys_unenforced<T>(
        &mut self,
        delete: impl FnOnce(&mut Self) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        self.conn
            .execute_batch("PRAGMA foreign_keys = OFF")
            .map_err(|e| self.err(e))?;
        let done = delete(self);
        let restored = self
            .conn
            .execute_batch("PRAGMA foreign_keys = ON")
            .map_err(|e| self.err(e));
        let done = done?;
        restored?;
        Ok(done)
    }

    /// Every row `sql` selects, read by `read`.
    fn load<T>(
        &self,
        sql: &str,
        read: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>, StoreError> {
        let mut stmt = self.conn.prepare(sql).map_err(|e| self.err(e))?;
        let rows = stmt.query_map([], read).map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// Deletes every imported line, file record, decision and the contract account, in one
    /// transaction. Mapping profiles (layouts, not personal data) stay.
    ///
    /// SQLite marks freed pages free without wiping them, but they stay inside the
    /// encrypted file, so nothing deleted is ever readable in plaintext.
    pub fn delete_settlement_data(&mut self) -> Result<(), StoreError> {
        // Every line goes before every file record.
        self.with_foreign_keys_unenforced(Self::delete_settlement_data_unchecked)
    }

    /// [`Store::delete_settlement_data`]'s transaction, run with foreign keys unenforced.
    fn delete_settlement_data_unchecked(&mut self) -> Result<(), StoreError> {
        let path = self.path().to_path_buf();
        let e = |e: rusqlite::Error| StoreError::sqlite(&path, e);
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(e)?;
        // No id of a file deleted here is given again (files.rs, LAST_FILE_ID_KEY).
        let newest: Option<i64> = tx
            .query_row("SELECT max(id) FROM import_files", [], |r| r.get(0))
            .map_err(e)?;
        files::keep_last_file_id(&tx, newest).map_err(e)?;
        tx.execute_batch(
            "DELETE FROM statement_block_changes;
             DELETE FROM statement_blocks;
             DELETE FROM bank_lines;
             DELETE FROM expected_lines;
             DELETE FROM invoice_lines;
             DELETE FROM import_files;
             DELETE FROM settlement_decision_lines;
             DELETE FROM settlement_decisions;
             DELETE FROM contract_account;",
        )
        .map_err(e)?;
        bump_revision(&tx).map_err(e)?;
        tx.commit().map_err(e)
    }
}
