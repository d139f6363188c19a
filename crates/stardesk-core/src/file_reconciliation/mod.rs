//! Reconciliation of exported files, stateless: files in, report out, nothing stored
//! (`stardesk reconcile`, and `stardesk tax` with [`tax_check_files`]). The stored
//! reconciliation is `crate::settlements`.
//!
//! Reads the platform's statements, the bank's statements, the expected earnings and the
//! invoices, reconciles them with `stardesk_domain::reconcile`, and reports the outcome
//! in the shape the CLI prints and the UI shows.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Serialize;
use stardesk_domain::money::format_yuan;
use stardesk_domain::reconcile::records::{ExpectedRecord, LineKey, StatementRecord};
use stardesk_domain::reconcile::summary::{summarize_tasks, TaskDue, TaskPayout};
use stardesk_domain::reconcile::{
    reconcile_records, ReconcileOptions, Reconciliation, RecordInputs, Summary,
};
use stardesk_domain::tax::TaxTable;
use stardesk_import::{ImportError, Imported, PlainRecord, PlainScan};

use crate::error::{AppError, ErrorCode};
use crate::settlements::report::ipc::ClassCode;
use crate::settlements::report::{discrepancy_rows, tally, ReportRow};
use crate::settlements::tax::check_lines;
use crate::settlements::tax::ipc::TaxCheckView;

/// The files of one reconciliation run.
#[derive(Debug, Clone, Default)]
pub struct ReconcileFiles {
    pub statements: Vec<PathBuf>,
    pub bank: Vec<PathBuf>,
    pub expected: Vec<PathBuf>,
    pub invoices: Vec<PathBuf>,
    /// The day "overdue" and "due" are judged on.
    pub as_of: NaiveDate,
    /// Only the summary is wanted: the report rows are left empty (a caller printing
    /// counts and totals saves building a row, with its reasons, per discrepancy).
    pub summary_only: bool,
}

/// The outcome: the summary and one report row per discrepancy. Also what
/// `Context::saved_report` gives of the stored reconciliation, so `stardesk reconcile`
/// and `stardesk settlements report` print one shape.
#[derive(Debug, Clone)]
pub struct ReconcileReport {
    pub summary: SummaryJson,
    pub rows: Vec<ReportRow>,
}

impl ReconcileReport {
    /// The report of a reconciliation of `expected` and `statement` (its task matches
    /// listed, unless `summary_only`): the one place its summary and rows are built. With
    /// `summary_only` the rows are left empty.
    pub(crate) fn of<E: ExpectedRecord, S: StatementRecord>(
        result: &Reconciliation<'_>,
        expected: &[E],
        statement: &[S],
        summary_only: bool,
    ) -> Self {
        ReconcileReport {
            summary: SummaryJson::of(&result.summary),
            rows: if summary_only {
                Vec::new()
            } else {
                discrepancy_rows(result, expected, statement)
            },
        }
    }
}

/// What `stardesk reconcile --json` prints: `counts` and `totals`, each with exactly the
/// keys of [`ClassCounts`] (a documented contract of the CLI; `unexpected_payout` is not
/// one of them — its lines are in the report rows).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SummaryJson {
    pub counts: ClassCounts,
    pub totals: ClassTotals,
}

/// Counts per class, the CLI's keys.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClassCounts {
    pub matched: u64,
    pub amount_mismatch: u64,
    pub missing_payout: u64,
    pub duplicate_payout: u64,
    pub payout_failed: u64,
    pub payout_overdue: u64,
    pub unexpected_credit: u64,
}

/// Totals per class, decimal strings in yuan: the sum of the differences for
/// mismatches, of the amounts for the rest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClassTotals {
    pub matched: String,
    pub amount_mismatch: String,
    pub missing_payout: String,
    pub duplicate_payout: String,
    pub payout_failed: String,
    pub payout_overdue: String,
    pub unexpected_credit: String,
}

impl SummaryJson {
    fn of(s: &Summary) -> Self {
        let count = |c| tally(s, c).count;
        let total = |c| format_yuan(tally(s, c).total);
        SummaryJson {
            counts: ClassCounts {
                matched: count(ClassCode::Matched),
                amount_mismatch: count(ClassCode::AmountMismatch),
                missing_payout: count(ClassCode::MissingPayout),
                duplicate_payout: count(ClassCode::DuplicatePayout),
                payout_failed: count(ClassCode::PayoutFailed),
                payout_overdue: count(ClassCode::PayoutOverdue),
                unexpected_credit: count(ClassCode::UnexpectedCredit),
            },
            totals: ClassTotals {
                matched: total(ClassCode::Matched),
                amount_mismatch: total(ClassCode::AmountMismatch),
                missing_payout: total(ClassCode::MissingPayout),
                duplicate_payout: total(ClassCode::DuplicatePayout),
                payout_failed: total(ClassCode::PayoutFailed),
                payout_overdue: total(ClassCode::PayoutOverdue),
                unexpected_credit: total(ClassCode::UnexpectedCredit),
            },
        }
    }
}

fn import_error(e: ImportError) -> AppError {
    AppError::new(ErrorCode::InvalidInput, e.to_string())
}

fn read(path: &Path) -> Result<(String, Vec<u8>), AppError> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| {
        AppError::new(
            ErrorCode::InvalidInput,
            format!("{name}: cannot read the file: {e}"),
        )
    })?;
    Ok((name, bytes))
}

/// Imports every file of one kind; a line found in two files (an overlapping period, a
/// re-export) counts once, while identical lines inside one file all count (R-SETTLE).
fn import_all<T>(
    paths: &[PathBuf],
    import: impl Fn(&str, &[u8]) -> Result<Imported<T>, ImportError>,
    key: impl Fn(&T) -> &LineKey,
) -> Result<Vec<T>, AppError> {
    let mut out: Vec<T> = Vec::new();
    let mut seen: HashSet<LineKey> = HashSet::new();
    for (i, path) in paths.iter().enumerate() {
        let (name, bytes) = read(path)?;
        let imported = import(&name, &bytes).map_err(import_error)?;
        if paths.len() == 1 {
            return Ok(imported.lines);
        }
        for line in imported.lines {
            if i == 0 || !seen.contains(key(&line)) {
                seen.insert(key(&line).clone());
                out.push(line);
            }
        }
    }
    Ok(out)
}

/// Reconciles the files. A bad file fails the whole run with an error naming the file,
/// row, column and value; nothing is half-read.
pub fn reconcile_files(req: &ReconcileFiles) -> Result<ReconcileReport, AppError> {
    if let Some(summary) = compact_summary(req)? {
        return Ok(ReconcileReport {
            summary: SummaryJson::of(&summary),
            rows: Vec::new(),
        });
    }
    // Lean lines: a million-line statement in less than half the memory of
    // `StatementLine`s, with the same keys and the same reconciliation. The expected
    // file is read on its own thread meanwhile: reading and checking a file has parts
    // that use one core. Errors are reported in the order the files are listed here.
    let (statement, bank, expected, invoices) = std::thread::scope(|scope| {
        let expected = scope.spawn(|| {
            import_all(&req.expected, stardesk_import::import_expected_lean, |l| {
                &l.key
            })
        });
        let statement = import_all(
            &req.statements,
            stardesk_import::import_statement_lean,
            |l| &l.key,
        );
        let bank = import_all(&req.bank, stardesk_import::import_bank, |l| &l.key);
        let invoices = import_all(&req.invoices, stardesk_import::import_invoices, |l| &l.key);
        let expected = expected
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (statement, bank, expected, invoices)
    });
    let (statement, bank) = (statement?, bank?);
    let (expected, invoices) = (expected?, invoices?);
    let mut options = ReconcileOptions::new(req.as_of);
    // The rows' per-task columns need the task matches; the summary alone does not.
    options.list_task_matches = !req.summary_only;
    let result = reconcile_records(
        &RecordInputs {
            expected: &expected,
            statement: &statement,
            bank: &bank,
            invoices: &invoices,
            decisions: &[],
        },
        &options,
    );
    Ok(ReconcileReport::of(
        &result,
        &expected,
        &statement,
        req.summary_only,
    ))
}

/// The summary alone of one statement and at most one expected-earnings file, from
/// compact lines (`stardesk_domain::reconcile::summary`): the summary the full run
/// gives, in a fraction of its time and memory, since no line record, match or
/// discrepancy is built and each file's bytes are let go once read. `None` when the
/// request (rows wanted; bank statements, invoices or several files, which need line
/// keys) or the files (an id or amount without a compact form; a task the summary
/// cannot settle alone) need the full run. Errors are the full run's: the statement is
/// read first, as there.
fn compact_summary(req: &ReconcileFiles) -> Result<Option<Summary>, AppError> {
    let plain = req.summary_only
        && req.bank.is_empty()
        && req.invoices.is_empty()
        && req.statements.len() == 1
        && req.expected.len() <= 1;
    if !plain {
        return Ok(None);
    }
    // Both files read in chunks, in parts spread evenly over the cores, while they are
    // plain; what is not (or cannot be read so) goes through the import, statement
    // first, as in the full run.
    let (statement, expected) = scan_files(&req.statements[0], req.expected.first());
    let mut statement = match statement {
        Some(lines) => lines,
        None => {
            let (name, bytes) = read(&req.statements[0])?;
            match stardesk_import::import_statement_compact(&name, &bytes).map_err(import_error)? {
                Some(lines) => lines,
                None => return Ok(None),
            }
        }
    };
    let mut expected = match (expected, req.expected.first()) {
        (Some(Some(lines)), _) => lines,
        (_, Some(path)) => {
            let (name, bytes) = read(path)?;
            match stardesk_import::import_expected_compact(&name, &bytes).map_err(import_error)? {
                Some(lines) => lines,
                None => return Ok(None),
            }
        }
        (_, None) => Vec::new(),
    };
    Ok(summarize_tasks(&mut expected, &mut statement, req.as_of))
}

/// Bytes read at a time by a scan.
const SCAN_CHUNK: usize = 1 << 20;

/// A file to scan: its path, size and header.
struct Scanned<'p, T> {
    path: &'p Path,
    size: u64,
    /// Lines in the file, as estimated from its first chunk.
    lines: u64,
    scan: PlainScan<T>,
}

impl<'p, T: PlainRecord> Scanned<'p, T> {
    /// The file's header, from its first chunk; `None` when it is not plain or cannot be
    /// read (the import then names why).
    fn open(path: &'p Path) -> Option<Self> {
        use std::io::Read as _;
        let file = std::fs::File::open(path).ok()?;
        let size = file.metadata().ok()?.len();
        let mut head = Vec::with_capacity(SCAN_CHUNK);
        file.take(SCAN_CHUNK as u64).read_to_end(&mut head).ok()?;
        let whole = head.len() as u64 == size;
        if !whole {
            let lines_end = head.iter().rposition(|&b| b == b'\n')? + 1;
            head.truncate(lines_end);
        }
        let scan = PlainScan::start(&head, whole)?;
        let head_lines = head.iter().filter(|&&b| b == b'\n').count().max(1) as u64;
        let lines =
            u64::try_from(u128::from(size) * u128::from(head_lines) / (head.len() as u128).max(1))
                .ok()?
                .max(1);
        Some(Self {
            path,
            size,
            lines,
            scan,
        })
    }

    /// The lines that start in `range` of the file's bytes: read in chunks into one
    /// buffer, so no copy of the file is held and no page of it is written twice.
    fn lines(&self, range: std::ops::Range<u64>, buffer: &mut Vec<u8>) -> Option<Vec<T>> {
        use std::io::{Read as _, Seek as _, SeekFrom};
        let mut file = std::fs::File::open(self.path).ok()?;
        // A part after the first starts at the first line starting in it: from the byte
        // before, so a line starting exactly at the cut is kept.
        let from = range.start.saturating_sub(1);
        file.seek(SeekFrom::Start(from)).ok()?;
        let mut file = file.take(range.end.max(from) - from);
        // Room for the lines of short rows; more is taken if they are shorter still.
        let mut lines = Vec::with_capacity(usize::try_from(range.end - range.start).ok()? / 24);
        buffer.clear();
        let mut skip_partial = range.start > 0;
        // The title lines and header, at the file's start.
        let mut skip = if range.start == 0 {
            self.scan.header_lines()
        } else {
            0
        };
        loop {
            let before = buffer.len();
            buffer.resize(SCAN_CHUNK.max(before + 1), 0);
            let read = loop {
                match file.read(&mut buffer[before..]) {
                    Ok(read) => break read,
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                    Err(_) => return None,
                }
            };
            buffer.truncate(before + read);
            let end_of_part = read == 0;
            if skip_partial {
                // The rest of a line the part before holds.
                match buffer.iter().position(|&b| b == b'\n') {
                    Some(at) => {
                        buffer.drain(..=at);
                        skip_partial = false;
                    }
                    None if end_of_part => return Some(lines),
                    None => {
                        buffer.clear();
                        continue;
                    }
                }
            }
            if end_of_part {
                // The part's last line runs on past its end: read it to its line break.
                let mut rest = file.into_inner();
                let mut byte = [0u8];
                while buffer.last().is_some_and(|&b| b != b'\n') {
                    match rest.read(&mut byte) {
                        Ok(0) => break,
                        Ok(_) => buffer.push(byte[0]),
                        Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                        Err(_) => return None,
                    }
                }
                self.scan.read(buffer, &mut skip, &mut lines)?;
                return Some(lines);
            }
            let Some(cut) = buffer.iter().rposition(|&b| b == b'\n') else {
                continue;
            };
            self.scan.read(&buffer[..=cut], &mut skip, &mut lines)?;
            buffer.drain(..=cut);
        }
    }
}

/// The compact lines of a statement and an expected-earnings file, each `None` when it
/// is not plain (the expected side `None` without a file). The two files' bytes are cut
/// into one part per core, evenly, and each core reads its parts.
#[allow(clippy::type_complexity)]
fn scan_files(
    statement: &Path,
    expected: Option<&PathBuf>,
) -> (Option<Vec<TaskPayout>>, Option<Option<Vec<TaskDue>>>) {
    let (statement, expected) = (
        Scanned::<TaskPayout>::open(statement),
        expected.map(|path| Scanned::<TaskDue>::open(path)),
    );
    // Each file's size and the work of reading it: its bytes, and for each line as many
    // again as reading LINE_WORK bytes takes (measured on a million-line statement and
    // expected list: ~105 ns a line, ~1.9 ns a byte).
    const LINE_WORK: u64 = 56;
    let work_of = |size: u64, lines: u64| size.saturating_add(lines.saturating_mul(LINE_WORK));
    let files = [
        statement
            .as_ref()
            .map_or((0, 0), |s| (s.size, work_of(s.size, s.lines))),
        expected
            .as_ref()
            .and_then(Option::as_ref)
            .map_or((0, 0), |e| (e.size, work_of(e.size, e.lines))),
    ];
    let work = u128::from(files[0].1 + files[1].1);
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get().min(8)) as u128;
    // Part `i` of the work of both files laid end to end, as a byte range of each file
    // (work grows evenly with the bytes of a file).
    let part = |i: u128, file: usize| -> std::ops::Range<u64> {
        let (size, file_work) = (u128::from(files[file].0), u128::from(files[file].1));
        let before = if file == 0 { 0 } else { u128::from(files[0].1) };
        let byte = |at: u128| {
            let done = at.clamp(before, before + file_work) - before;
            u64::try_from(done * size / file_work.max(1)).unwrap_or(u64::MAX)
        };
        byte(work * i / cores)..byte(work * (i + 1) / cores)
    };
    type Parts = (Option<Vec<TaskPayout>>, Option<Vec<TaskDue>>);
    let read_part = |i: u128| -> Parts {
        let mut buffer = Vec::with_capacity(SCAN_CHUNK);
        let s = statement.as_ref().and_then(|scanned| {
            let range = part(i, 0);
            scanned.lines(range, &mut buffer)
        });
        let e = expected
            .as_ref()
            .and_then(Option::as_ref)
            .and_then(|scanned| {
                let range = part(i, 1);
                scanned.lines(range, &mut buffer)
            });
        (s, e)
    };
    let parts: Vec<Parts> = std::thread::scope(|scope| {
        let handles: Vec<_> = (1..cores)
            .map(|i| scope.spawn(move || read_part(i)))
            .collect();
        let mut parts = vec![read_part(0)];
        parts.extend(handles.into_iter().map(|handle| {
            handle
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        }));
        parts
    });
    // Order does not matter to the summary, which sorts by task.
    let mut statement_lines = statement.as_ref().map(|_| Vec::new());
    let mut expected_lines = expected
        .as_ref()
        .and_then(Option::as_ref)
        .map(|_| Vec::new());
    for (s, e) in parts {
        statement_lines = statement_lines.zip(s).map(|(mut all, part)| {
            if all.is_empty() {
                part
            } else {
                all.extend(part);
                all
            }
        });
        expected_lines = expected_lines.zip(e).map(|(mut all, part)| {
            if all.is_empty() {
                part
            } else {
                all.extend(part);
                all
            }
        });
    }
    let expected = expected.map(|_| expected_lines);
    (statement_lines, expected)
}

/// The tax check of statement files (see `crate::settlements::tax`): a line found in two
/// files counts once, as in [`reconcile_files`]; `year` shows that calendar year only,
/// computed over every month of the files. A bad file fails with an error naming the
/// file, row, column and value.
pub fn tax_check_files(
    statements: &[PathBuf],
    year: Option<i32>,
) -> Result<TaxCheckView, AppError> {
    let lines = import_all(statements, stardesk_import::import_statement_lean, |l| {
        &l.key
    })?;
    Ok(check_lines(&lines, year, &TaxTable::china()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every line of a file is read by exactly one part, wherever the parts are cut: at a
    /// line's start, inside it, at its line break, inside the header, with or without a
    /// last line break; and the parts together are the import's compact lines.
    #[test]
    fn parts_cut_anywhere_read_every_line_once() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut text = String::from("应收明细\n\ntask_id,amount,due_date\n");
        for i in 0..40u64 {
            text.push_str(&format!(
                "{},{}.{:02},2026-03-{:02}\n",
                1000 + i,
                i,
                i,
                1 + i % 28
            ));
            if i % 9 == 0 {
                text.push('\n');
            }
        }
        for ending in ["", "\n"] {
            let text = format!("{}{ending}", text.trim_end_matches('\n'));
            let path = dir.path().join("expected.csv");
            std::fs::write(&path, &text).expect("write");
            let want = stardesk_import::import_expected_compact("e", text.as_bytes())
                .expect("import")
                .expect("compact");
            assert_eq!(want.len(), 40);
            let scanned = Scanned::<TaskDue>::open(&path).expect("plain");
            let size = text.len() as u64;
            let header_start = text.find("task_id").expect("header") as u64;
            let mut buffer = Vec::new();
            let mut gave_up = 0;
            for cut in 0..=size {
                let first = scanned.lines(0..cut, &mut buffer);
                let second = scanned.lines(cut..size, &mut buffer);
                if cut > 0 && cut <= header_start && second.is_none() {
                    // Cut inside the title lines: the second part reads the header as
                    // data and gives up (the import then runs).
                    gave_up += 1;
                    continue;
                }
                let mut lines = first.unwrap_or_else(|| panic!("first part, cut at {cut}"));
                lines.extend(second.expect("second part"));
                assert_eq!(lines, want, "cut at byte {cut}");
            }
            assert!(gave_up > 0, "no cut in the title lines gave up");
        }
    }

    /// Files of several MiB, read in parts and chunks: the import's compact lines, every
    /// one, whatever part read it.
    #[test]
    fn large_files_scan_to_the_imports_compact_lines() {
        use std::fmt::Write as _;
        let dir = tempfile::tempdir().expect("tempdir");
        let (mut statement, mut expected) = (
            String::from("结算单号,任务ID,结算金额,结算日期,状态\n"),
            String::from("task_id,amount,due_date\n"),
        );
        for i in 0..60_000u64 {
            let task = 7_300_000_000_000_000_000 + i * 7919;
            let status = if i % 41 == 0 {
                "提现失败"
            } else {
                "已结算"
            };
            let day = format!("2026-{:02}-{:02}", 1 + i % 12, 1 + i % 28);
            writeln!(
                statement,
                "JS{i:012},{task},{}.{:02},{day},{status}",
                i % 9000,
                i % 100
            )
            .expect("write");
            writeln!(expected, "{task},{}.{:02},{day}", i % 9000, i % 100).expect("write");
        }
        assert!(statement.len() > 3 * SCAN_CHUNK && expected.len() > 2 * SCAN_CHUNK);
        let (s_path, e_path) = (dir.path().join("s.csv"), dir.path().join("e.csv"));
        std::fs::write(&s_path, &statement).expect("write");
        std::fs::write(&e_path, &expected).expect("write");
        let (scanned_s, scanned_e) = scan_files(&s_path, Some(&e_path));
        let mut scanned_s = scanned_s.expect("plain statement");
        let mut scanned_e = scanned_e.flatten().expect("plain expected");
        let mut want_s = stardesk_import::import_statement_compact("s", statement.as_bytes())
            .expect("import")
            .expect("compact");
        let mut want_e = stardesk_import::import_expected_compact("e", expected.as_bytes())
            .expect("import")
            .expect("compact");
        let by_line = |l: &TaskPayout| (l.task, l.fen, l.date, l.failed);
        for lines in [&mut scanned_s, &mut want_s] {
            lines.sort_unstable_by_key(by_line);
        }
        for lines in [&mut scanned_e, &mut want_e] {
            lines.sort_unstable_by_key(|l| (l.task, l.fen, l.due));
        }
        assert_eq!(scanned_s.len(), 60_000);
        assert_eq!(scanned_s, want_s);
        assert_eq!(scanned_e, want_e);
    }
}
