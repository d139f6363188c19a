//! One row → one record, per kind of file.

use std::borrow::Cow;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use stardesk_domain::reconcile::records::{
    BankLine, ExpectedLine, ExpectedRecord, InvoiceLine, LineKey, PayoutStatus, StatementLine,
    StatementRecord,
};
use stardesk_domain::reconcile::summary::{TaskDue, TaskPayout};

use crate::compact::{self, Compact};
use crate::error::{ImportError, Problem};
use crate::excel;
use crate::fields::{bank, expected, invoices, statement, FileKind};
use crate::fingerprint::{assign_occurrences, Fingerprint, Keyed};
use crate::layout::Layout;
use crate::lean::{LeanExpectedLine, LeanStatementLine};
use crate::table::{Cell, Cells};
use crate::values::{
    amount_fen, clean_id, clean_text, is_no_direction, parse_amount, parse_date, parse_direction,
    parse_status, Direction,
};

/// A record type this crate imports: [`StatementLine`], [`BankLine`], [`ExpectedLine`] or
/// [`InvoiceLine`], their lean forms, and the compact lines of a summary (`crate::compact`).
/// Sealed: the set of kinds is [`FileKind`].
pub trait ImportRecord: sealed::Sealed + Sized + Send {
    const KIND: FileKind;
}

pub(crate) mod sealed {
    pub trait Sealed: Sized {
        /// One row into a line and its fingerprint (see `crate::fingerprint`); a keyed
        /// line's key has occurrence 0 until [`Sealed::number`].
        fn parse_keyed<R: crate::table::Cells>(
            row: &crate::lines::RowCtx<'_, R>,
        ) -> Result<(Self, u64), crate::error::ImportError>;

        /// Numbers lines of equal fingerprints by order of appearance
        /// (`fingerprint::assign_occurrences`).
        fn number(lines: &mut [Self], fingerprints: &[u64]);

        /// Whether lines carry keys. The compact lines of a summary do not: their
        /// fingerprints are neither hashed nor kept.
        const KEYED: bool = true;
    }
}

/// A record read whole from its row, then hashed from its fields.
trait Whole: Keyed + Sized {
    fn parse<R: Cells>(row: &RowCtx<'_, R>) -> Result<Self, ImportError>;
}

/// The import of a [`Whole`] record: parsed, then fingerprinted and numbered.
macro_rules! whole_records {
    ($($record:ty),*) => {$(
        impl sealed::Sealed for $record {
            fn parse_keyed<R: Cells>(row: &RowCtx<'_, R>) -> Result<(Self, u64), ImportError> {
                let mut line = <$record as Whole>::parse(row)?;
                let fingerprint = crate::fingerprint::fingerprint(&mut line);
                Ok((line, fingerprint))
            }

            fn number(lines: &mut [Self], fingerprints: &[u64]) {
                assign_occurrences(lines, fingerprints);
            }
        }
    )*};
}

whole_records!(StatementLine, BankLine, ExpectedLine, InvoiceLine);

/// A row being read, with what is needed to name it in an error.
#[derive(Debug)]
pub struct RowCtx<'a, R> {
    pub file: &'a str,
    pub row: usize,
    pub cells: &'a R,
    pub layout: &'a Layout,
}

/// How a text cell is cleaned.
#[derive(Clone, Copy)]
enum TextKind {
    Id,
    Free,
}

impl<R: Cells> RowCtx<'_, R> {
    fn error(&self, column: usize, problem: Problem) -> ImportError {
        ImportError::at(
            self.file,
            self.row,
            Some(&self.layout.column_name(column)),
            problem,
        )
    }

    /// The field's cell as the file shows it (empty without the column), for messages.
    fn shown(&self, field: usize) -> String {
        self.cell(field)
            .map(|(_, cell)| cell.display())
            .unwrap_or_default()
    }

    /// The field's column and cell, or `None` when the file has no such column.
    fn cell(&self, field: usize) -> Option<(usize, Cell<'_>)> {
        let column = self.layout.columns.get(field).copied().flatten()?;
        Some((column, self.cells.cell(column)))
    }

    /// The cleaned text of a field (empty without the column), borrowed from a CSV cell:
    /// a caller that keeps it inline allocates nothing.
    fn opt_text_ref(&self, field: usize, kind: TextKind) -> Result<Cow<'_, str>, ImportError> {
        let Some((column, cell)) = self.cell(field) else {
            return Ok(Cow::Borrowed(""));
        };
        fn clean(text: &str, kind: TextKind) -> &str {
            match kind {
                TextKind::Id => clean_id(text),
                TextKind::Free => clean_text(text),
            }
        }
        match cell {
            Cell::Text(text) => Ok(Cow::Borrowed(clean(text, kind))),
            Cell::Sheet(data) => excel::text(data)
                .map(|text| Cow::Owned(clean(&text, kind).to_owned()))
                .map_err(|problem| self.error(column, problem)),
        }
    }

    fn opt_text(&self, field: usize, kind: TextKind) -> Result<String, ImportError> {
        self.opt_text_ref(field, kind).map(Cow::into_owned)
    }

    /// A required text field (see [`Self::opt_text_ref`]).
    fn text_ref(&self, field: usize, kind: TextKind) -> Result<Cow<'_, str>, ImportError> {
        let text = self.opt_text_ref(field, kind)?;
        if text.is_empty() {
            return Err(self.required_empty(field));
        }
        Ok(text)
    }

    fn text(&self, field: usize, kind: TextKind) -> Result<String, ImportError> {
        self.text_ref(field, kind).map(Cow::into_owned)
    }

    fn required_empty(&self, field: usize) -> ImportError {
        let column = self
            .layout
            .columns
            .get(field)
            .copied()
            .flatten()
            .unwrap_or(0);
        self.error(column, Problem::EmptyCell)
    }

    /// An amount cell; one with a fraction of a fen (`1.005`, a formula's `3.0045`) is
    /// refused here, where its row and column are known: money is stored in whole fen.
    fn opt_amount(&self, field: usize) -> Result<Option<Decimal>, ImportError> {
        let Some((column, cell)) = self.cell(field) else {
            return Ok(None);
        };
        let amount = self.any_amount(column, cell)?;
        match amount {
            Some(a) if a.scale() > 2 && a.normalize().scale() > 2 => Err(self.error(
                column,
                Problem::FractionOfFen {
                    value: match cell {
                        Cell::Text(text) => text.trim().to_owned(),
                        Cell::Sheet(data) => excel::display(data),
                    },
                },
            )),
            _ => Ok(amount),
        }
    }

    fn any_amount(&self, column: usize, cell: Cell<'_>) -> Result<Option<Decimal>, ImportError> {
        match cell {
            Cell::Text(text) => {
                if let Some(amount) = parse_amount(text) {
                    return Ok(Some(amount));
                }
                let value = text.trim();
                if value.is_empty() {
                    return Ok(None);
                }
                Err(self.error(
                    column,
                    Problem::NotAnAmount {
                        value: value.to_owned(),
                    },
                ))
            }
            Cell::Sheet(data) => excel::amount(data).map_err(|problem| self.error(column, problem)),
        }
    }

    fn amount(&self, field: usize) -> Result<Decimal, ImportError> {
        self.opt_amount(field)?
            .ok_or_else(|| self.required_empty(field))
    }

    fn opt_date(&self, field: usize) -> Result<Option<NaiveDate>, ImportError> {
        let Some((column, cell)) = self.cell(field) else {
            return Ok(None);
        };
        match cell {
            Cell::Text(text) => {
                if let Some(date) = parse_date(text) {
                    return Ok(Some(date));
                }
                let value = text.trim();
                if value.is_empty() {
                    return Ok(None);
                }
                Err(self.error(
                    column,
                    Problem::NotADate {
                        value: value.to_owned(),
                    },
                ))
            }
            Cell::Sheet(data) => excel::date(data).map_err(|problem| self.error(column, problem)),
        }
    }

    fn date(&self, field: usize) -> Result<NaiveDate, ImportError> {
        self.opt_date(field)?
            .ok_or_else(|| self.required_empty(field))
    }

    /// Parsed straight from the cell: the common statuses allocate nothing.
    fn status(&self, field: usize) -> Result<PayoutStatus, ImportError> {
        let Some((column, cell)) = self.cell(field) else {
            return Err(self.required_empty(field));
        };
        let status = match cell {
            Cell::Text(text) => parse_status(text),
            Cell::Sheet(data) => {
                parse_status(&excel::text(data).map_err(|problem| self.error(column, problem))?)
            }
        };
        if matches!(&status, PayoutStatus::Other(text) if text.is_empty()) {
            return Err(self.required_empty(field));
        }
        Ok(status)
    }

    /// A bank's direction cell (借/贷…); `None` without the column or with an empty cell.
    fn direction(&self, field: usize) -> Result<Option<Direction>, ImportError> {
        let Some((column, _)) = self.cell(field) else {
            return Ok(None);
        };
        let text = self.opt_text_ref(field, TextKind::Free)?;
        if is_no_direction(&text) {
            return Ok(None);
        }
        match parse_direction(&text) {
            Some(direction) => Ok(Some(direction)),
            None => Err(self.error(
                column,
                Problem::NotADirection {
                    value: text.into_owned(),
                },
            )),
        }
    }
}

const NO_KEY: LineKey = LineKey {
    fingerprint: 0,
    occurrence: 0,
};

impl ImportRecord for StatementLine {
    const KIND: FileKind = FileKind::Statement;
}

impl Whole for StatementLine {
    fn parse<R: Cells>(row: &RowCtx<'_, R>) -> Result<Self, ImportError> {
        use statement::*;
        Ok(Self {
            key: NO_KEY,
            statement_id: row.text(STATEMENT_ID, TextKind::Id)?,
            task_id: row.text(TASK_ID, TextKind::Id)?,
            amount: row.amount(AMOUNT)?,
            date: row.date(DATE)?,
            status: row.status(STATUS)?,
            gross: row.opt_amount(GROSS)?,
            fee: row.opt_amount(FEE)?,
            tax: row.opt_amount(TAX)?,
        })
    }
}

/// A statement line is identified by what it pays: statement, task, amount and date. Its
/// payout status (提现中 → 已提现 or 提现失败) and the optional gross/fee/tax columns are
/// attributes a later export may change or add, so they are not part of the identity: a
/// re-export of the same line updates it instead of adding a second line that would look
/// like a duplicate payout.
impl Keyed for StatementLine {
    fn fingerprint(&self) -> u64 {
        statement_fingerprint(&self.statement_id, &self.task_id, self.amount, self.date)
    }

    fn key_mut(&mut self) -> &mut LineKey {
        &mut self.key
    }
}

/// The one definition of a statement line's fingerprint, for both holders of its fields.
fn statement_fingerprint(
    statement_id: &str,
    task_id: &str,
    amount: Decimal,
    date: NaiveDate,
) -> u64 {
    Fingerprint::new(FileKind::Statement.tag())
        .text(statement_id)
        .text(task_id)
        .amount(amount)
        .date(date)
        .finish()
}

impl ImportRecord for LeanStatementLine {
    const KIND: FileKind = FileKind::Statement;
}

/// Parsed exactly as [`StatementLine`], field by field in the same order (so a bad file
/// fails on the same cell), with the ids kept inline.
impl sealed::Sealed for LeanStatementLine {
    fn number(lines: &mut [Self], fingerprints: &[u64]) {
        assign_occurrences(lines, fingerprints);
    }

    /// The fingerprint of [`Keyed::fingerprint`], hashed from the borrowed cells.
    fn parse_keyed<R: Cells>(row: &RowCtx<'_, R>) -> Result<(Self, u64), ImportError> {
        use statement::*;
        let statement_id = row.text_ref(STATEMENT_ID, TextKind::Id)?;
        let task_id = row.text_ref(TASK_ID, TextKind::Id)?;
        let amount = row.amount(AMOUNT)?;
        let date = row.date(DATE)?;
        let mut line = Self::from_parts(
            &statement_id,
            &task_id,
            amount,
            date,
            row.status(STATUS)?,
            row.opt_amount(GROSS)?,
            row.opt_amount(FEE)?,
            row.opt_amount(TAX)?,
        );
        let fingerprint = statement_fingerprint(&statement_id, &task_id, amount, date);
        line.key = LineKey {
            fingerprint,
            occurrence: 0,
        };
        Ok((line, fingerprint))
    }
}

impl Keyed for LeanStatementLine {
    fn fingerprint(&self) -> u64 {
        statement_fingerprint(
            self.statement_id(),
            self.task_id(),
            self.amount(),
            self.date(),
        )
    }

    fn key_mut(&mut self) -> &mut LineKey {
        &mut self.key
    }
}

impl ImportRecord for BankLine {
    const KIND: FileKind = FileKind::Bank;
}

impl Whole for BankLine {
    /// Credits are positive, debits negative. A bank that splits them into two columns
    /// (收入金额 / 支出金额) fills one per line; an empty or zero credit with a debit gives
    /// `−debit`. A line with both a non-zero credit and a non-zero debit is rejected: it
    /// means the columns were mapped wrong, and guessing would corrupt the reconciliation.
    fn parse<R: Cells>(row: &RowCtx<'_, R>) -> Result<Self, ImportError> {
        use bank::*;
        let credit = row.opt_amount(AMOUNT)?;
        let debit = row.opt_amount(DEBIT)?;
        let amount = match (credit, debit) {
            (Some(credit), Some(debit)) if !credit.is_zero() && !debit.is_zero() => {
                let column = row.layout.columns[AMOUNT].unwrap_or(0);
                return Err(row.error(
                    column,
                    Problem::CreditAndDebit {
                        credit: row.shown(AMOUNT),
                        debit: row.shown(DEBIT),
                    },
                ));
            }
            (Some(credit), _) if !credit.is_zero() => credit,
            (_, Some(debit)) if !debit.is_zero() => -debit.abs(),
            (Some(zero), _) | (None, Some(zero)) => zero,
            (None, None) => return Err(row.required_empty(AMOUNT)),
        };
        let amount = match row.direction(DIRECTION)? {
            None => amount,
            Some(Direction::Out) if !amount.is_zero() => -amount.abs(),
            Some(Direction::Out) => amount,
            Some(Direction::In) if amount.is_sign_negative() && !amount.is_zero() => {
                let column = row.layout.columns[DIRECTION].unwrap_or(0);
                // The negative amount came from the debit column when the credit cell
                // is empty or zero.
                let amount_field = match credit {
                    Some(c) if !c.is_zero() => AMOUNT,
                    _ if debit.is_some_and(|d| !d.is_zero()) => DEBIT,
                    _ => AMOUNT,
                };
                return Err(row.error(
                    column,
                    Problem::DirectionAgainstSign {
                        direction: row.shown(DIRECTION),
                        amount: row.shown(amount_field),
                    },
                ));
            }
            Some(Direction::In) => amount,
        };
        Ok(Self {
            key: NO_KEY,
            txn_id: row.opt_text(TXN_ID, TextKind::Id)?,
            date: row.date(DATE)?,
            amount,
            counterparty: row.opt_text(COUNTERPARTY, TextKind::Free)?,
            memo: row.opt_text(MEMO, TextKind::Free)?,
        })
    }
}

impl Keyed for BankLine {
    fn fingerprint(&self) -> u64 {
        Fingerprint::new(FileKind::Bank.tag())
            .text(&self.txn_id)
            .date(self.date)
            .amount(self.amount)
            .text(&self.counterparty)
            .text(&self.memo)
            .finish()
    }

    fn key_mut(&mut self) -> &mut LineKey {
        &mut self.key
    }
}

impl ImportRecord for ExpectedLine {
    const KIND: FileKind = FileKind::Expected;
}

impl Whole for ExpectedLine {
    fn parse<R: Cells>(row: &RowCtx<'_, R>) -> Result<Self, ImportError> {
        use expected::*;
        Ok(Self {
            key: NO_KEY,
            task_id: row.text(TASK_ID, TextKind::Id)?,
            amount: row.amount(AMOUNT)?,
            due_date: row.opt_date(DUE_DATE)?,
            gross: row.opt_amount(GROSS)?,
            fee: row.opt_amount(FEE)?,
            tax: row.opt_amount(TAX)?,
        })
    }
}

impl Keyed for ExpectedLine {
    fn fingerprint(&self) -> u64 {
        expected_fingerprint(self)
    }

    fn key_mut(&mut self) -> &mut LineKey {
        &mut self.key
    }
}

/// The one definition of an expected line's fingerprint, for both holders of its fields.
fn expected_fingerprint(line: &impl ExpectedRecord) -> u64 {
    expected_fingerprint_of(
        line.task_id(),
        line.amount(),
        line.due_date(),
        line.gross(),
        line.fee(),
        line.tax(),
    )
}

/// [`expected_fingerprint`] from the fields themselves.
fn expected_fingerprint_of(
    task_id: &str,
    amount: Decimal,
    due_date: Option<NaiveDate>,
    gross: Option<Decimal>,
    fee: Option<Decimal>,
    tax: Option<Decimal>,
) -> u64 {
    Fingerprint::new(FileKind::Expected.tag())
        .text(task_id)
        .amount(amount)
        .opt_date(due_date)
        .opt_amount(gross)
        .opt_amount(fee)
        .opt_amount(tax)
        .finish()
}

impl ImportRecord for LeanExpectedLine {
    const KIND: FileKind = FileKind::Expected;
}

/// Parsed exactly as [`ExpectedLine`], with the task id kept inline.
impl sealed::Sealed for LeanExpectedLine {
    fn number(lines: &mut [Self], fingerprints: &[u64]) {
        assign_occurrences(lines, fingerprints);
    }

    /// The fingerprint of [`Keyed::fingerprint`], hashed from the borrowed cells.
    fn parse_keyed<R: Cells>(row: &RowCtx<'_, R>) -> Result<(Self, u64), ImportError> {
        use expected::*;
        let task_id = row.text_ref(TASK_ID, TextKind::Id)?;
        let amount = row.amount(AMOUNT)?;
        let due_date = row.opt_date(DUE_DATE)?;
        let gross = row.opt_amount(GROSS)?;
        let fee = row.opt_amount(FEE)?;
        let tax = row.opt_amount(TAX)?;
        let fingerprint = expected_fingerprint_of(&task_id, amount, due_date, gross, fee, tax);
        let mut line = Self::from_parts(&task_id, amount, due_date, gross, fee, tax);
        line.key = LineKey {
            fingerprint,
            occurrence: 0,
        };
        Ok((line, fingerprint))
    }
}

impl Keyed for LeanExpectedLine {
    fn fingerprint(&self) -> u64 {
        expected_fingerprint(self)
    }

    fn key_mut(&mut self) -> &mut LineKey {
        &mut self.key
    }
}

impl ImportRecord for InvoiceLine {
    const KIND: FileKind = FileKind::Invoices;
}

impl Whole for InvoiceLine {
    fn parse<R: Cells>(row: &RowCtx<'_, R>) -> Result<Self, ImportError> {
        use invoices::*;
        Ok(Self {
            key: NO_KEY,
            statement_id: row.text(STATEMENT_ID, TextKind::Id)?,
            sent_date: row.date(SENT_DATE)?,
            tracking_no: row.text(TRACKING_NO, TextKind::Id)?,
        })
    }
}

impl Keyed for InvoiceLine {
    fn fingerprint(&self) -> u64 {
        Fingerprint::new(FileKind::Invoices.tag())
            .text(&self.statement_id)
            .date(self.sent_date)
            .text(&self.tracking_no)
            .finish()
    }

    fn key_mut(&mut self) -> &mut LineKey {
        &mut self.key
    }
}

impl ImportRecord for Compact<TaskPayout> {
    const KIND: FileKind = FileKind::Statement;
}

/// Parsed and checked exactly as [`LeanStatementLine`], cell by cell in the same order
/// (so a bad file fails on the same cell with the same error); only what the summary
/// needs is kept, and nothing is hashed.
impl sealed::Sealed for Compact<TaskPayout> {
    const KEYED: bool = false;

    fn parse_keyed<R: Cells>(row: &RowCtx<'_, R>) -> Result<(Self, u64), ImportError> {
        use statement::*;
        row.text_ref(STATEMENT_ID, TextKind::Id)?;
        let task = row.text_ref(TASK_ID, TextKind::Id)?;
        let amount = row.amount(AMOUNT)?;
        let date = row.date(DATE)?;
        let failed = row.status(STATUS)? == PayoutStatus::Failed;
        for component in [GROSS, FEE, TAX] {
            row.opt_amount(component)?;
        }
        let line = compact::task_number(&task)
            .zip(amount_fen(amount))
            .and_then(|(task, fen)| TaskPayout::new(task, fen, date, failed));
        Ok((Compact(line), 0))
    }

    fn number(_: &mut [Self], _: &[u64]) {}
}

impl ImportRecord for Compact<TaskDue> {
    const KIND: FileKind = FileKind::Expected;
}

/// Parsed and checked exactly as [`LeanExpectedLine`] (see `Compact<TaskPayout>`).
impl sealed::Sealed for Compact<TaskDue> {
    const KEYED: bool = false;

    fn parse_keyed<R: Cells>(row: &RowCtx<'_, R>) -> Result<(Self, u64), ImportError> {
        use expected::*;
        let task = row.text_ref(TASK_ID, TextKind::Id)?;
        let amount = row.amount(AMOUNT)?;
        let due = row.opt_date(DUE_DATE)?;
        for component in [GROSS, FEE, TAX] {
            row.opt_amount(component)?;
        }
        let line = compact::task_number(&task)
            .zip(amount_fen(amount))
            .and_then(|(task, fen)| TaskDue::new(task, fen, due));
        Ok((Compact(line), 0))
    }

    fn number(_: &mut [Self], _: &[u64]) {}
}
