//! Settlement files kept in the database over months, reconciled with the user's
//! decisions: the backend of the GUI's reconciliation screens.
//!
//! Unlike [`crate::settle`] (files in, report out, nothing kept), every imported line is
//! stored by its [`LineKey`], so re-importing a file or an overlapping period adds
//! nothing, and decisions (keyed by line) survive re-imports. Bank lines are personal
//! data: they stay in the encrypted database and [`Context::delete_settlement_data`]
//! removes them.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use stardesk_domain::money::format_yuan;
use stardesk_domain::reconcile::records::{LineKey, PayoutStatus};
use stardesk_domain::reconcile::{
    reconcile, Decision, Discrepancy, Inputs, Match, Origin, Pair, ReconcileOptions,
};
use stardesk_import::{AnyImported, ColumnMapping, ColumnRef, FileKind, HeaderRow, TextEncoding};
use stardesk_store::settlements::{
    key_from_str, key_to_string, ImportFileMeta, ImportLines, LineKind,
};

use crate::context::{with_store, Context};
use crate::dto::*;
use crate::error::{AppError, ErrorCode};
use crate::settle;

/// Discrepancy rows and matches sent to the window at most, each: a window lists what a
/// person reads, and the full list goes to the exported report.
pub const VIEW_ROW_LIMIT: usize = 20_000;

/// Rows shown in a file preview.
const PREVIEW_ROWS: usize = 20;

fn file_kind(kind: ImportKind) -> FileKind {
    match kind {
        ImportKind::Statement => FileKind::Statement,
        ImportKind::Bank => FileKind::Bank,
        ImportKind::Expected => FileKind::Expected,
        ImportKind::Invoices => FileKind::Invoices,
    }
}

fn line_kind(kind: ImportKind) -> LineKind {
    match kind {
        ImportKind::Statement => LineKind::Statement,
        ImportKind::Bank => LineKind::Bank,
        ImportKind::Expected => LineKind::Expected,
        ImportKind::Invoices => LineKind::Invoices,
    }
}

fn import_kind(kind: LineKind) -> ImportKind {
    match kind {
        LineKind::Statement => ImportKind::Statement,
        LineKind::Bank => ImportKind::Bank,
        LineKind::Expected => ImportKind::Expected,
        LineKind::Invoices => ImportKind::Invoices,
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The user's mapping as the importer takes it; a bad delimiter or position is
/// `invalid_input`.
fn to_mapping(view: &ColumnMappingView) -> Result<ColumnMapping, AppError> {
    let delimiter = match view.delimiter.as_deref() {
        None | Some("") => None,
        Some(text) => {
            let mut chars = text.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) if c.is_ascii() => Some(c),
                _ => {
                    return Err(AppError::invalid_input(format!(
                        "the delimiter must be one ASCII character, not {text:?}"
                    )))
                }
            }
        }
    };
    Ok(ColumnMapping {
        columns: view
            .columns
            .iter()
            .map(|c| {
                let column = match &c.column {
                    ColumnRefView::Header { header } => ColumnRef::Header(header.clone()),
                    ColumnRefView::Index { index } => ColumnRef::Index(*index as usize),
                };
                (c.field.clone(), column)
            })
            .collect(),
        header_row: match view.header_row {
            HeaderRowView::Auto => HeaderRow::Auto,
            HeaderRowView::Row { row } => HeaderRow::Row(row as usize),
            HeaderRowView::Absent => HeaderRow::Absent,
        },
        skip_trailing_rows: view.skip_trailing_rows as usize,
        delimiter,
        encoding: view.encoding.map(|e| match e {
            TextEncodingView::Utf8 => TextEncoding::Utf8,
            TextEncodingView::Utf8Bom => TextEncoding::Utf8Bom,
            TextEncodingView::Gb18030 => TextEncoding::Gb18030,
            TextEncodingView::Utf16Le => TextEncoding::Utf16Le,
            TextEncodingView::Utf16Be => TextEncoding::Utf16Be,
        }),
        sheet: view.sheet.clone(),
    })
}

fn from_mapping(m: &ColumnMapping) -> ColumnMappingView {
    ColumnMappingView {
        columns: m
            .columns
            .iter()
            .map(|(field, column)| ColumnAssignment {
                field: field.clone(),
                column: match column {
                    ColumnRef::Header(header) => ColumnRefView::Header {
                        header: header.clone(),
                    },
                    ColumnRef::Index(index) => ColumnRefView::Index {
                        index: to_u32(*index),
                    },
                },
            })
            .collect(),
        header_row: match m.header_row {
            HeaderRow::Auto => HeaderRowView::Auto,
            HeaderRow::Row(row) => HeaderRowView::Row { row: to_u32(row) },
            HeaderRow::Absent => HeaderRowView::Absent,
        },
        skip_trailing_rows: to_u32(m.skip_trailing_rows),
        delimiter: m.delimiter.map(String::from),
        encoding: m.encoding.map(|e| match e {
            TextEncoding::Utf8 => TextEncodingView::Utf8,
            TextEncoding::Utf8Bom => TextEncodingView::Utf8Bom,
            TextEncoding::Gb18030 => TextEncodingView::Gb18030,
            TextEncoding::Utf16Le => TextEncodingView::Utf16Le,
            TextEncoding::Utf16Be => TextEncodingView::Utf16Be,
        }),
        sheet: m.sheet.clone(),
    }
}

/// Reads a file; errors name the path.
fn read_file(path: &str) -> Result<(String, Vec<u8>), AppError> {
    Ok((display_name(path), read_with_progress(path, &|_, _| {})?))
}

/// Errors and the file list show the name the user knows, not the whole path.
fn display_name(path: &str) -> String {
    Path::new(path)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.to_string())
}

/// Bytes read between two progress reports.
const READ_CHUNK: usize = 4 << 20;

/// Reads a whole file in chunks, reporting (bytes read, file size) after each.
fn read_with_progress(path: &str, progress: &dyn Fn(u64, u64)) -> Result<Vec<u8>, AppError> {
    use std::io::Read;
    let fail =
        |e: std::io::Error| AppError::invalid_input(format!("{path}: cannot read the file: {e}"));
    let mut file = std::fs::File::open(path).map_err(fail)?;
    let total = file.metadata().map_err(fail)?.len();
    let mut bytes = Vec::with_capacity(usize::try_from(total).unwrap_or(0));
    let mut chunk = vec![0; READ_CHUNK];
    progress(0, total);
    loop {
        let n = file.read(&mut chunk).map_err(fail)?;
        if n == 0 {
            break;
        }
        bytes.extend_from_slice(&chunk[..n]);
        progress(bytes.len() as u64, total.max(bytes.len() as u64));
    }
    Ok(bytes)
}

fn parse_key(text: &str) -> Result<LineKey, AppError> {
    key_from_str(text).ok_or_else(|| {
        AppError::invalid_input(format!(
            "{text:?} is not a line key (fingerprint:occurrence)"
        ))
    })
}

fn parse_keys(keys: &[String]) -> Result<Vec<LineKey>, AppError> {
    keys.iter().map(|k| parse_key(k)).collect()
}

fn keys(keys: &[LineKey]) -> Vec<String> {
    keys.iter().map(key_to_string).collect()
}

/// The domain decision an input asks for, checked for shape.
fn to_decision(input: &DecisionInput) -> Result<Decision, AppError> {
    match input.kind {
        MatchKind::Task => {
            let expected = input.expected.as_deref().ok_or_else(|| {
                AppError::invalid_input("a task decision needs the expected line")
            })?;
            let [statement] = input.statement.as_slice() else {
                return Err(AppError::invalid_input(
                    "a task decision needs exactly one statement line",
                ));
            };
            if !input.bank.is_empty() {
                return Err(AppError::invalid_input(
                    "a task decision names no bank line",
                ));
            }
            let (expected, statement) = (parse_key(expected)?, parse_key(statement)?);
            Ok(match input.action {
                DecisionAction::Accept => Decision::Accept(Pair::Task {
                    expected,
                    statement,
                }),
                DecisionAction::Reject => Decision::Reject(Pair::Task {
                    expected,
                    statement,
                }),
                DecisionAction::ManualMatch => Decision::ManualMatchTask {
                    expected,
                    statement,
                },
            })
        }
        MatchKind::Payout => {
            if input.statement.is_empty() || input.bank.is_empty() {
                return Err(AppError::invalid_input(
                    "a payout decision needs at least one statement line and one bank line",
                ));
            }
            if input.expected.is_some() {
                return Err(AppError::invalid_input(
                    "a payout decision names no expected line",
                ));
            }
            let (statement, bank) = (parse_keys(&input.statement)?, parse_keys(&input.bank)?);
            Ok(match input.action {
                DecisionAction::Accept => Decision::Accept(Pair::Payout { statement, bank }),
                DecisionAction::Reject => Decision::Reject(Pair::Payout { statement, bank }),
                DecisionAction::ManualMatch => Decision::ManualMatch { statement, bank },
            })
        }
    }
}

fn from_decision(d: &Decision) -> DecisionInput {
    let task = |action, e: &LineKey, s: &LineKey| DecisionInput {
        action,
        kind: MatchKind::Task,
        expected: Some(key_to_string(e)),
        statement: vec![key_to_string(s)],
        bank: vec![],
    };
    let payout = |action, s: &[LineKey], b: &[LineKey]| DecisionInput {
        action,
        kind: MatchKind::Payout,
        expected: None,
        statement: keys(s),
        bank: keys(b),
    };
    match d {
        Decision::Accept(Pair::Task {
            expected,
            statement,
        }) => task(DecisionAction::Accept, expected, statement),
        Decision::Reject(Pair::Task {
            expected,
            statement,
        }) => task(DecisionAction::Reject, expected, statement),
        Decision::ManualMatchTask {
            expected,
            statement,
        } => task(DecisionAction::ManualMatch, expected, statement),
        Decision::Accept(Pair::Payout { statement, bank }) => {
            payout(DecisionAction::Accept, statement, bank)
        }
        Decision::Reject(Pair::Payout { statement, bank }) => {
            payout(DecisionAction::Reject, statement, bank)
        }
        Decision::ManualMatch { statement, bank } => {
            payout(DecisionAction::ManualMatch, statement, bank)
        }
    }
}

fn origin(o: Origin) -> MatchOrigin {
    match o {
        Origin::Automatic => MatchOrigin::Automatic,
        Origin::Accepted => MatchOrigin::Accepted,
        Origin::Manual => MatchOrigin::Manual,
    }
}

/// The lines a discrepancy names, as keys the UI passes back in a decision. For a
/// duplicate, the extra line (the one not counted as the payment).
fn line_refs(d: &Discrepancy<'_>) -> LineRefs {
    let one = |k: &LineKey| vec![key_to_string(k)];
    match d {
        Discrepancy::AmountMismatch(m) => LineRefs {
            expected: Some(key_to_string(&m.expected)),
            statement: one(&m.statement),
            bank: vec![],
        },
        Discrepancy::MissingPayout(m) => LineRefs {
            expected: Some(key_to_string(&m.expected)),
            ..LineRefs::default()
        },
        Discrepancy::DuplicatePayout(m) => LineRefs {
            statement: one(&m.extra),
            ..LineRefs::default()
        },
        Discrepancy::PayoutFailed(m) => LineRefs {
            expected: m.expected.as_ref().map(key_to_string),
            statement: one(&m.statement),
            bank: vec![],
        },
        Discrepancy::UnexpectedPayout(m) => LineRefs {
            statement: one(&m.statement),
            ..LineRefs::default()
        },
        Discrepancy::PayoutOverdue(m) => LineRefs {
            statement: keys(&m.lines),
            ..LineRefs::default()
        },
        Discrepancy::UnexpectedCredit(m) => LineRefs {
            bank: one(&m.bank),
            ..LineRefs::default()
        },
    }
}

fn parse_as_of(as_of: Option<&str>, today: NaiveDate) -> Result<NaiveDate, AppError> {
    match as_of {
        None => Ok(today),
        Some(text) => NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
            AppError::invalid_input(format!("as_of {text:?} is not a date (YYYY-MM-DD)"))
        }),
    }
}

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// The report's xlsx: a header row ([`settle::REPORT_COLUMNS`]) and one row per report
/// row; amounts are numbers with the `0.00` format so Excel can sum them (a double holds
/// every amount below 2^53 fen exactly to the fen), everything else text.
fn write_report_xlsx(path: &Path, rows: &[ReportRow]) -> Result<(), AppError> {
    use rust_xlsxwriter::{Format, Workbook};
    let fail = |e: &dyn std::fmt::Display| {
        AppError::invalid_input(format!("{}: cannot write the report: {e}", path.display()))
    };
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let money = Format::new().set_num_format("0.00");
    let sheet = book.add_worksheet();
    for (c, name) in settle::REPORT_COLUMNS.iter().enumerate() {
        sheet
            .write_string_with_format(0, c as u16, *name, &bold)
            .map_err(|e| fail(&e))?;
    }
    for (i, r) in rows.iter().enumerate() {
        let row = u32::try_from(i + 1).map_err(|e| fail(&e))?;
        let cells = [
            &r.class,
            &r.task_id,
            &r.statement_id,
            &r.txn_id,
            &r.date,
            &r.amount,
            &r.reason_zh,
            &r.reason_en,
        ];
        for (c, value) in cells.into_iter().enumerate() {
            let col = c as u16;
            let number = (c == 5).then(|| value.parse::<f64>().ok()).flatten();
            match number {
                Some(n) => sheet.write_number_with_format(row, col, n, &money),
                None => sheet.write_string(row, col, value.as_str()),
            }
            .map_err(|e| fail(&e))?;
        }
    }
    book.save(path).map_err(|e| fail(&e))
}

impl Context {
    /// Imports one file into the database, all or nothing: see
    /// [`Context::import_settlement_files`].
    pub async fn import_settlement_file(
        &self,
        kind: ImportKind,
        path: String,
        profile: Option<String>,
    ) -> Result<ImportResult, AppError> {
        let mut results = self
            .import_settlement_files(kind, vec![path], profile, |_| {})
            .await?;
        results
            .pop()
            .ok_or_else(|| AppError::new(ErrorCode::Internal, "no import result"))
    }

    /// Imports files of one kind. Every file is read and checked before any is stored,
    /// so a bad file (named with its row, column and value) stores nothing at all; then
    /// each file is stored in its own transaction. A line already stored (this file
    /// imported before, an overlapping period) is counted in `already_present` and not
    /// added again. `profile` names a saved mapping profile of the same kind; without
    /// one, columns are found by their headers. `progress` hears about every phase.
    pub async fn import_settlement_files(
        &self,
        kind: ImportKind,
        paths: Vec<String>,
        profile: Option<String>,
        progress: impl Fn(ImportProgress) + Send + Sync + 'static,
    ) -> Result<Vec<ImportResult>, AppError> {
        if paths.is_empty() {
            return Err(AppError::invalid_input("no file to import"));
        }
        let mapping = self.mapping_for(kind, profile).await?;
        let progress = std::sync::Arc::new(progress);
        let file_count = to_u32(paths.len());
        let report = progress.clone();
        let parsed = tokio::task::spawn_blocking(move || {
            let mut parsed = Vec::with_capacity(paths.len());
            for (index, path) in paths.iter().enumerate() {
                let at = |phase, done, total, name: &str| ImportProgress {
                    file_name: name.to_string(),
                    file_index: to_u32(index),
                    file_count,
                    phase,
                    done,
                    total,
                };
                let name = display_name(path);
                let bytes = read_with_progress(path, &|done, total| {
                    report(at(ImportPhase::Reading, done, total, &name))
                })?;
                report(at(ImportPhase::Parsing, 0, 0, &name));
                let imported =
                    stardesk_import::import_with_mapping(file_kind(kind), &name, &bytes, &mapping)
                        .map_err(|e| AppError::invalid_input(e.to_string()))?;
                parsed.push((name, imported));
            }
            Ok::<_, AppError>(parsed)
        })
        .await
        .map_err(|e| AppError::new(ErrorCode::Internal, e.to_string()))??;
        let mut results = Vec::with_capacity(parsed.len());
        for (index, (name, imported)) in parsed.into_iter().enumerate() {
            let meta = ImportFileMeta {
                file_name: name.clone(),
                imported_at: now(),
                encoding: match &imported {
                    AnyImported::Statement(i) => i.encoding,
                    AnyImported::Bank(i) => i.encoding,
                    AnyImported::Expected(i) => i.encoding,
                    AnyImported::Invoices(i) => i.encoding,
                }
                .to_string(),
            };
            let encoding = meta.encoding.clone();
            let file_name = name.clone();
            let lines = imported.len();
            let report = progress.clone();
            let at = move |phase, done| ImportProgress {
                file_name: name.clone(),
                file_index: to_u32(index),
                file_count,
                phase,
                done: done as u64,
                total: lines as u64,
            };
            report(at(ImportPhase::Storing, 0));
            let (outcome, at) = with_store(&self.writer, move |s| {
                let lines = match &imported {
                    AnyImported::Statement(i) => ImportLines::Statement(&i.lines),
                    AnyImported::Bank(i) => ImportLines::Bank(&i.lines),
                    AnyImported::Expected(i) => ImportLines::Expected(&i.lines),
                    AnyImported::Invoices(i) => ImportLines::Invoices(&i.lines),
                };
                let outcome = s.import_lines_with_progress(&meta, lines, &mut |stored| {
                    report(at(ImportPhase::Storing, stored))
                })?;
                Ok((outcome, at))
            })
            .await?;
            progress(at(ImportPhase::Done, lines));
            results.push(ImportResult {
                file_name,
                kind,
                encoding,
                lines: to_u32(lines),
                added: to_u32(outcome.added),
                already_present: to_u32(outcome.already_present),
            });
        }
        Ok(results)
    }

    /// The mapping a saved profile names, checked to be of `kind`; the default (find
    /// columns by header) without one.
    async fn mapping_for(
        &self,
        kind: ImportKind,
        profile: Option<String>,
    ) -> Result<ColumnMapping, AppError> {
        let Some(name) = profile else {
            return Ok(ColumnMapping::default());
        };
        let lookup = name.clone();
        let found = with_store(&self.reader, move |s| s.mapping_profile(&lookup))
            .await?
            .ok_or_else(|| {
                AppError::new(
                    ErrorCode::NotFound,
                    format!("no mapping profile named {name:?}"),
                )
            })?;
        if found.kind != line_kind(kind) {
            return Err(AppError::invalid_input(format!(
                "the mapping profile {name:?} is for {} files, not {}",
                found.kind.as_str(),
                line_kind(kind).as_str()
            )));
        }
        let view: ColumnMappingView = serde_json::from_str(&found.mapping).map_err(|e| {
            AppError::new(
                ErrorCode::StoreFailed,
                format!("the mapping profile {name:?} cannot be read: {e}"),
            )
        })?;
        to_mapping(&view)
    }

    /// Every imported file, oldest first.
    pub async fn import_files(&self) -> Result<Vec<ImportFileView>, AppError> {
        let files = with_store(&self.reader, |s| s.import_files()).await?;
        Ok(files
            .into_iter()
            .map(|f| ImportFileView {
                id: f.id.to_string(),
                kind: import_kind(f.kind),
                file_name: f.file_name,
                imported_at: f.imported_at,
                encoding: f.encoding,
                lines: u32::try_from(f.line_count).unwrap_or(u32::MAX),
                added: u32::try_from(f.added_count).unwrap_or(u32::MAX),
            })
            .collect())
    }

    /// Headers, first rows and a guessed mapping, for the mapping dialog.
    pub async fn preview_settlement_file(
        &self,
        kind: ImportKind,
        path: String,
    ) -> Result<FilePreview, AppError> {
        tokio::task::spawn_blocking(move || {
            let (name, bytes) = read_file(&path)?;
            let p = stardesk_import::preview(file_kind(kind), &name, &bytes, PREVIEW_ROWS)
                .map_err(|e| AppError::invalid_input(e.to_string()))?;
            Ok(FilePreview {
                file_name: name,
                kind,
                encoding: p.encoding.to_string(),
                sheets: p.sheets,
                sheet: p.sheet,
                header_row: p.header_row.map(to_u32),
                headers: p.headers,
                rows: p.rows,
                guessed_mapping: from_mapping(&p.guessed_mapping),
                missing_required: p.missing_required.iter().map(|f| f.to_string()).collect(),
            })
        })
        .await
        .map_err(|e| AppError::new(ErrorCode::Internal, e.to_string()))?
    }

    /// Saves (or replaces) a named mapping profile. The mapping is checked against the
    /// kind's fields before anything is saved.
    pub async fn save_mapping_profile(
        &self,
        name: String,
        kind: ImportKind,
        mapping: ColumnMappingView,
    ) -> Result<MappingProfile, AppError> {
        let name = name.trim().to_string();
        if name.is_empty() {
            return Err(AppError::invalid_input("a mapping profile needs a name"));
        }
        let parsed = to_mapping(&mapping)?;
        let fields = file_kind(kind).fields();
        for (field, _) in &parsed.columns {
            if !fields.iter().any(|f| f.name == field) {
                return Err(AppError::invalid_input(format!(
                    "{field:?} is not a field of {} files",
                    line_kind(kind).as_str()
                )));
            }
        }
        let json = serde_json::to_string(&mapping)
            .map_err(|e| AppError::new(ErrorCode::Internal, e.to_string()))?;
        let key = name.clone();
        with_store(&self.writer, move |s| {
            s.save_mapping_profile(&key, line_kind(kind), &json)
        })
        .await?;
        Ok(MappingProfile {
            name,
            kind,
            mapping,
        })
    }

    /// Every saved mapping profile, by name.
    pub async fn mapping_profiles(&self) -> Result<Vec<MappingProfile>, AppError> {
        let records = with_store(&self.reader, |s| s.mapping_profiles()).await?;
        records
            .into_iter()
            .map(|r| {
                let mapping = serde_json::from_str(&r.mapping).map_err(|e| {
                    AppError::new(
                        ErrorCode::StoreFailed,
                        format!("the mapping profile {:?} cannot be read: {e}", r.name),
                    )
                })?;
                Ok(MappingProfile {
                    name: r.name,
                    kind: import_kind(r.kind),
                    mapping,
                })
            })
            .collect()
    }

    pub async fn delete_mapping_profile(&self, name: String) -> Result<(), AppError> {
        let key = name.clone();
        if with_store(&self.writer, move |s| s.delete_mapping_profile(&key)).await? {
            Ok(())
        } else {
            Err(AppError::new(
                ErrorCode::NotFound,
                format!("no mapping profile named {name:?}"),
            ))
        }
    }

    /// Reconciles every stored line with the stored decisions applied, as of `as_of`
    /// (`YYYY-MM-DD`; `None` = today). The summary counts everything; the discrepancy
    /// rows and the matches are the first [`VIEW_ROW_LIMIT`] of each (`rows_total` and
    /// `matches_total` say how many there are; the exported report has them all).
    pub async fn reconcile_saved(&self, as_of: Option<String>) -> Result<ReconcileView, AppError> {
        self.reconcile_stored(as_of, VIEW_ROW_LIMIT).await
    }

    async fn reconcile_stored(
        &self,
        as_of: Option<String>,
        limit: usize,
    ) -> Result<ReconcileView, AppError> {
        let as_of = parse_as_of(as_of.as_deref(), self.today())?;
        let (expected, statement, bank, invoices, decisions) = with_store(&self.reader, |s| {
            Ok((
                s.expected_lines()?,
                s.statement_lines()?,
                s.bank_lines()?,
                s.invoice_lines()?,
                s.decisions()?,
            ))
        })
        .await?;
        tokio::task::spawn_blocking(move || {
            let decisions: Vec<Decision> = decisions.into_iter().map(|d| d.decision).collect();
            let result = reconcile(
                &Inputs {
                    expected: &expected,
                    statement: &statement,
                    bank: &bank,
                    invoices: &invoices,
                    decisions: &decisions,
                },
                &ReconcileOptions::new(as_of),
            );
            let statement_id: HashMap<&LineKey, &str> = statement
                .iter()
                .map(|l| (&l.key, l.statement_id.as_str()))
                .collect();
            let txn_id: HashMap<&LineKey, &str> =
                bank.iter().map(|l| (&l.key, l.txn_id.as_str())).collect();
            let matches = result
                .matches
                .iter()
                .take(limit)
                .map(|m| match m {
                    Match::Task(t) => MatchRow {
                        kind: MatchKind::Task,
                        origin: origin(t.origin),
                        expected_key: Some(key_to_string(&t.expected)),
                        statement_keys: vec![key_to_string(&t.statement)],
                        bank_keys: vec![],
                        task_id: Some(t.task_id.to_string()),
                        statement_ids: statement_id
                            .get(&t.statement)
                            .map(|s| vec![s.to_string()])
                            .unwrap_or_default(),
                        txn_ids: vec![],
                        amount: format_yuan(t.amount),
                    },
                    Match::Payout(p) => MatchRow {
                        kind: MatchKind::Payout,
                        origin: origin(p.origin),
                        expected_key: None,
                        statement_keys: keys(&p.statement),
                        bank_keys: keys(&p.bank),
                        task_id: None,
                        statement_ids: p.statement_ids.iter().map(|s| s.to_string()).collect(),
                        txn_ids: p
                            .bank
                            .iter()
                            .filter_map(|k| txn_id.get(k).map(|t| t.to_string()))
                            .collect(),
                        amount: format_yuan(p.bank_total),
                    },
                })
                .collect();
            ReconcileView {
                as_of: as_of.to_string(),
                summary: settle::summary_dto(&result.summary),
                rows: result
                    .discrepancies
                    .iter()
                    .take(limit)
                    .map(|d| DiscrepancyView {
                        row: settle::report_row(d),
                        refs: line_refs(d),
                    })
                    .collect(),
                rows_total: to_u32(result.discrepancies.len()),
                matches,
                matches_total: to_u32(result.matches.len()),
                ignored_decisions: to_u32(result.ignored_decisions.len()),
            }
        })
        .await
        .map_err(|e| AppError::new(ErrorCode::Internal, e.to_string()))
    }

    /// Keeps a decision (accept, reject or manual match), replayed on every
    /// reconciliation from now on. Keys are not checked against the stored lines: a
    /// decision about a line no longer imported is reported as ignored, not refused.
    pub async fn decide(&self, input: DecisionInput) -> Result<DecisionView, AppError> {
        let decision = to_decision(&input)?;
        let created_at = now();
        let at = created_at.clone();
        let id = with_store(&self.writer, move |s| s.add_decision(&decision, &at)).await?;
        Ok(DecisionView {
            id: id.to_string(),
            created_at,
            decision: input,
        })
    }

    /// Every stored decision, oldest first.
    pub async fn decisions(&self) -> Result<Vec<DecisionView>, AppError> {
        let saved = with_store(&self.reader, |s| s.decisions()).await?;
        Ok(saved
            .into_iter()
            .map(|d| DecisionView {
                id: d.id.to_string(),
                created_at: d.created_at,
                decision: from_decision(&d.decision),
            })
            .collect())
    }

    /// Undoes a decision.
    pub async fn delete_decision(&self, id: String) -> Result<(), AppError> {
        let n: i64 = id
            .parse()
            .map_err(|_| AppError::invalid_input(format!("{id:?} is not a decision id")))?;
        if with_store(&self.writer, move |s| s.delete_decision(n)).await? {
            Ok(())
        } else {
            Err(AppError::new(
                ErrorCode::NotFound,
                format!("no decision {id}"),
            ))
        }
    }

    /// Income per month of the statement date, oldest first (see [`MonthIncome`]: failed
    /// payouts are left out; a component sums only the lines that state it).
    pub async fn monthly_income(&self) -> Result<Vec<MonthIncome>, AppError> {
        let lines = with_store(&self.reader, |s| s.statement_lines()).await?;
        #[derive(Default)]
        struct Sum {
            lines: usize,
            gross: (Decimal, usize),
            fee: (Decimal, usize),
            tax: (Decimal, usize),
            net: Decimal,
        }
        let mut months: BTreeMap<String, Sum> = BTreeMap::new();
        for l in lines.iter().filter(|l| l.status != PayoutStatus::Failed) {
            let sum = months
                .entry(l.date.format("%Y-%m").to_string())
                .or_default();
            sum.lines += 1;
            sum.net += l.amount;
            for (part, value) in [
                (&mut sum.gross, l.gross),
                (&mut sum.fee, l.fee),
                (&mut sum.tax, l.tax),
            ] {
                if let Some(v) = value {
                    part.0 += v;
                    part.1 += 1;
                }
            }
        }
        Ok(months
            .into_iter()
            .map(|(month, s)| MonthIncome {
                month,
                lines: to_u32(s.lines),
                gross: format_yuan(s.gross.0),
                gross_lines: to_u32(s.gross.1),
                fees: format_yuan(s.fee.0),
                fee_lines: to_u32(s.fee.1),
                tax: format_yuan(s.tax.0),
                tax_lines: to_u32(s.tax.1),
                net: format_yuan(s.net),
            })
            .collect())
    }

    /// Writes the saved reconciliation's report rows (as [`Context::reconcile_saved`]
    /// with `as_of`) to `path`: CSV as `stardesk reconcile --out` writes it, or an xlsx
    /// workbook with the same columns (amounts as numbers formatted `0.00`).
    pub async fn export_report(
        &self,
        path: String,
        format: ReportFormat,
        as_of: Option<String>,
    ) -> Result<(), AppError> {
        let view = self.reconcile_stored(as_of, usize::MAX).await?;
        let rows: Vec<ReportRow> = view.rows.into_iter().map(|d| d.row).collect();
        tokio::task::spawn_blocking(move || {
            let path = Path::new(&path);
            match format {
                ReportFormat::Csv => settle::write_report_csv(path, &rows),
                ReportFormat::Xlsx => write_report_xlsx(path, &rows),
            }
        })
        .await
        .map_err(|e| AppError::new(ErrorCode::Internal, e.to_string()))?
    }

    /// Deletes every imported line (bank lines are personal data), the file records, the
    /// decisions and the contract account, in one transaction. Mapping profiles stay.
    pub async fn delete_settlement_data(&self) -> Result<(), AppError> {
        with_store(&self.writer, |s| s.delete_settlement_data()).await
    }
}
