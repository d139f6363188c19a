//! The import and preview pipelines: open → find the header → read every row.

use std::borrow::Cow;

use stardesk_domain::reconcile::records::{BankLine, ExpectedLine, InvoiceLine, StatementLine};

use crate::encoding::{container, open_text, Format, TextEncoding};
use crate::error::{ImportError, Problem};
use crate::excel::{open_sheet, Sheet};
use crate::fields::{FileKind, ValueKind};
use crate::layout::{check_mapping, detect, read_prefix, resolve, Layout};
use crate::lean::{LeanExpectedLine, LeanStatementLine};
use crate::lines::{ImportRecord, RowCtx};
use crate::mapping::{column_letter, ColumnMapping, HeaderRow};
use crate::table::{Cells, CsvSource, PlainCsvSource, SheetSource, Source};

/// The lines of one file, and how the file was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported<T> {
    /// Every data row, in file order, each with its
    /// [`LineKey`](stardesk_domain::reconcile::records::LineKey). Empty for a header-only file:
    /// an export of a period without activity is legitimate, and whether zero lines
    /// deserve a warning is the caller's call.
    pub lines: Vec<T>,
    /// `"UTF-8"`, `"UTF-8 BOM"`, `"GB18030"`, `"UTF-16LE"`, `"UTF-16BE"`, `"XLSX"` or `"XLS"`.
    pub encoding: &'static str,
    /// 1-based row of the header (title lines above it skipped); `None` without a header.
    pub header_row: Option<usize>,
    /// The CSV delimiter used (`None` for a workbook).
    pub delimiter: Option<char>,
    /// The worksheet read (`None` for a CSV).
    pub sheet: Option<String>,
    /// Named headers no field used (shown to the user, so a mis-mapped column is noticed).
    pub ignored_columns: Vec<String>,
    /// The mapping used, with every field's column as resolved (by header text): what the
    /// UI saves as a profile. What was detected (header row, delimiter, encoding, sheet) is
    /// left to detection, as it was given.
    pub mapping: ColumnMapping,
}

/// [`Imported`] lines of a kind known only at run time (see [`import_with_mapping`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnyImported {
    Statement(Imported<StatementLine>),
    Bank(Imported<BankLine>),
    Expected(Imported<ExpectedLine>),
    Invoices(Imported<InvoiceLine>),
}

impl AnyImported {
    pub fn kind(&self) -> FileKind {
        match self {
            Self::Statement(_) => FileKind::Statement,
            Self::Bank(_) => FileKind::Bank,
            Self::Expected(_) => FileKind::Expected,
            Self::Invoices(_) => FileKind::Invoices,
        }
    }

    pub fn len(&self) -> usize {
        match self {
            Self::Statement(imported) => imported.lines.len(),
            Self::Bank(imported) => imported.lines.len(),
            Self::Expected(imported) => imported.lines.len(),
            Self::Invoices(imported) => imported.lines.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// As [`Imported::encoding`].
    pub fn encoding(&self) -> &'static str {
        match self {
            Self::Statement(imported) => imported.encoding,
            Self::Bank(imported) => imported.encoding,
            Self::Expected(imported) => imported.encoding,
            Self::Invoices(imported) => imported.encoding,
        }
    }
}

/// What the mapping dialog shows before anything is imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preview {
    pub format: Format,
    /// As [`Imported::encoding`].
    pub encoding: &'static str,
    /// A workbook's sheet names (empty for CSV).
    pub sheets: Vec<String>,
    /// The worksheet shown (`None` for a CSV).
    pub sheet: Option<String>,
    /// The CSV delimiter detected or given (`None` for a workbook).
    pub delimiter: Option<char>,
    /// The header row found, or the first non-blank row when no row has every required
    /// header; `None` for a file mapped as having no header.
    pub header_row: Option<usize>,
    pub headers: Vec<String>,
    /// Up to `max_rows` non-blank rows after the header, cells as displayed.
    pub rows: Vec<Vec<String>>,
    /// The given mapping with the columns found (by synonyms, or as it names them): a
    /// starting point the user completes. Header row, delimiter, encoding and sheet stay as
    /// given (detected when not given); the UI sets them only when the user overrides.
    pub guessed_mapping: ColumnMapping,
    /// Required fields the guess did not find; empty when the file imports as it is.
    pub missing_required: Vec<&'static str>,
}

/// The delimiters tried, in order, when none is given.
const DELIMITERS: [u8; 4] = [b',', b'\t', b';', b'|'];

enum Opened<'a> {
    Csv {
        encoding: TextEncoding,
        text: Cow<'a, str>,
    },
    Sheet {
        format: Format,
        sheet: Sheet,
    },
}

fn open<'a>(
    file: &str,
    bytes: &'a [u8],
    mapping: &ColumnMapping,
) -> Result<Opened<'a>, ImportError> {
    match container(file, bytes)? {
        Some(format) => Ok(Opened::Sheet {
            format,
            sheet: open_sheet(file, bytes, format, mapping.sheet.as_deref())?,
        }),
        None => {
            let (encoding, text) = open_text(file, bytes, mapping.encoding)?;
            Ok(Opened::Csv { encoding, text })
        }
    }
}

fn delimiters(mapping: &ColumnMapping) -> Vec<u8> {
    match mapping.delimiter {
        // Checked ASCII by `check_mapping`.
        Some(delimiter) => vec![u8::try_from(delimiter).unwrap_or(b',')],
        None => DELIMITERS.to_vec(),
    }
}

/// Finds the header with each candidate delimiter in turn; the first that finds it wins.
/// When none does, the error reported is the one met with the delimiter that splits the
/// first row into the most cells (the comma on a tie): a comma file's malformed quote or
/// missing column is not hidden behind what a tab attempt made of it.
pub(crate) fn csv_layout(
    kind: FileKind,
    file: &str,
    text: &[u8],
    mapping: &ColumnMapping,
) -> Result<(u8, Layout), ImportError> {
    let mut failures = Vec::new();
    for delimiter in delimiters(mapping) {
        let mut source = CsvSource::new(file, text, delimiter);
        let attempt = read_prefix(&mut source, mapping.header_row)
            .and_then(|prefix| detect(kind, file, mapping, &prefix).map_err(|miss| miss.error));
        match attempt {
            Ok(layout) => return Ok((delimiter, layout)),
            Err(error) => failures.push((delimiter, error)),
        }
    }
    let widest = widest_delimiter(file, text, mapping);
    let at = failures
        .iter()
        .position(|(delimiter, _)| *delimiter == widest)
        .unwrap_or(0);
    Err(if failures.is_empty() {
        ImportError::file(file, Problem::Empty)
    } else {
        failures.swap_remove(at).1
    })
}

/// Lines read from a run of rows, with their fingerprints.
struct Chunk<T> {
    lines: Vec<T>,
    fingerprints: Vec<u64>,
    /// The source's last row number (blank lines at its end included).
    last_row: usize,
}

/// Reads rows into lines. `header_row` rows at or above it are skipped (`None` for a
/// chunk that starts past the header); `limit` caps the non-blank rows read (a footer
/// skip).
fn read_rows<T: ImportRecord, S: Source>(
    source: &mut S,
    layout: &Layout,
    header_row: Option<usize>,
    limit: Option<usize>,
    file: &str,
    rows_hint: usize,
) -> Result<Chunk<T>, ImportError> {
    let mut lines = Vec::with_capacity(rows_hint);
    let mut fingerprints = Vec::with_capacity(if T::KEYED { rows_hint } else { 0 });
    let mut taken = 0usize;
    while let Some((row, cells)) = source.next_row()? {
        if header_row.is_some_and(|header| row <= header) {
            continue;
        }
        if let Some(limit) = limit {
            if cells.is_blank() {
                continue;
            }
            if taken == limit {
                break;
            }
            taken += 1;
        }
        if S::RAGGED {
            check_width(&cells, row, layout, T::KIND, file)?;
        }
        let context = RowCtx {
            file,
            row,
            cells: &cells,
            layout,
        };
        match T::parse_keyed(&context) {
            Ok((line, fingerprint)) => {
                // Hashed now, while the line (and its row) is still in cache.
                if T::KEYED {
                    fingerprints.push(fingerprint);
                }
                lines.push(line);
            }
            // Blank rows (`,,,,` from a spreadsheet) are checked only when a row fails,
            // so well-formed rows pay nothing for it.
            Err(_) if cells.is_blank() => {}
            Err(error) => return Err(error),
        }
    }
    Ok(Chunk {
        lines,
        fingerprints,
        last_row: source.last_row(),
    })
}

/// Reads every data row after the header into lines, then keys them.
///
/// `rows_hint` (an upper bound of the rows, e.g. the line breaks in a CSV) sizes the
/// output once: a million lines of ~130 bytes would otherwise be copied on every growth.
fn read_lines<T: ImportRecord, S: Source>(
    open: impl Fn() -> S,
    layout: &Layout,
    skip_trailing_rows: usize,
    file: &str,
    rows_hint: usize,
) -> Result<Vec<T>, ImportError> {
    // A footer to drop needs the count of data rows first: one extra pass, paid only by
    // profiles that ask for it.
    let limit = if skip_trailing_rows > 0 {
        let mut source = open();
        let mut count = 0usize;
        while let Some((row, cells)) = source.next_row()? {
            if layout.header_row.is_none_or(|header| row > header) && !cells.is_blank() {
                count += 1;
            }
        }
        Some(count.saturating_sub(skip_trailing_rows))
    } else {
        None
    };
    let mut chunk = read_rows(
        &mut open(),
        layout,
        layout.header_row,
        limit,
        file,
        rows_hint,
    )?;
    T::number(&mut chunk.lines, &chunk.fingerprints);
    Ok(chunk.lines)
}

/// Below this a CSV is read on one thread: spawning costs more than it saves.
const PARALLEL_MIN_BYTES: usize = 4 << 20;

/// Reads a CSV's data rows, on several threads when the text is large and splits safely.
///
/// A text without any `"` has no quoted line breaks, so every `\n` ends a record and the
/// text can be cut there into chunks read in parallel (the benchmark machine has two
/// cores; a million-row export is tens of megabytes). Each later chunk numbers its rows
/// from 0; the merge shifts them by the rows before, so errors still name the row a
/// spreadsheet shows, and the first error in file order is the one reported, as if read
/// in one pass. Files with quotes, or with a footer to skip, are read in one pass.
///
/// Quote-free text (every bank and platform export seen so far) is read by
/// [`PlainCsvSource`], which splits lines and cells without `csv`'s state machine and
/// borrows the cells from the text validated once; text with quotes goes through `csv`.
fn read_csv_lines<T: ImportRecord>(
    file: &str,
    text: &str,
    delimiter: u8,
    layout: &Layout,
    skip_trailing_rows: usize,
) -> Result<Vec<T>, ImportError> {
    let bytes = text.as_bytes();
    let line_breaks = bytes.iter().filter(|&&b| b == b'\n').count();
    // Without quotes, records are lines split at the delimiter: read without `csv`.
    let plain = !bytes.contains(&b'"') && !text.starts_with('\u{feff}');
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    let splittable =
        threads > 1 && text.len() >= PARALLEL_MIN_BYTES && skip_trailing_rows == 0 && plain;
    let bounds = if splittable {
        split_points(bytes, layout.header_row.unwrap_or(0), threads)
    } else {
        Vec::new()
    };
    if bounds.len() < 3 {
        return if plain {
            read_lines(
                || PlainCsvSource::new(text, delimiter),
                layout,
                skip_trailing_rows,
                file,
                line_breaks + 1,
            )
        } else {
            read_lines(
                || CsvSource::new(file, bytes, delimiter),
                layout,
                skip_trailing_rows,
                file,
                line_breaks + 1,
            )
        };
    }

    let share = line_breaks / (bounds.len() - 1) + 16;
    let results: Vec<Result<Chunk<T>, ImportError>> = std::thread::scope(|scope| {
        let handles: Vec<_> = bounds
            .windows(2)
            .enumerate()
            .map(|(index, pair)| {
                let (start, end) = (pair[0], pair[1]);
                scope.spawn(move || {
                    // The first chunk's vectors become the result, so they reserve room
                    // for every line (untouched capacity costs address space, not memory).
                    // Cut just after a `\n`: every chunk starts a line, numbered from 1.
                    let mut source = PlainCsvSource::new(&text[start..end], delimiter);
                    let (header_row, hint) = if index == 0 {
                        (layout.header_row, line_breaks + 1)
                    } else {
                        (None, share)
                    };
                    read_rows::<T, _>(&mut source, layout, header_row, None, file, hint)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|handle| {
                handle
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });

    let mut lines: Vec<T> = Vec::new();
    let mut fingerprints = Vec::new();
    let mut rows_before = 0usize;
    for (index, result) in results.into_iter().enumerate() {
        match result {
            Ok(mut chunk) => {
                if index == 0 {
                    lines = chunk.lines;
                    fingerprints = chunk.fingerprints;
                } else {
                    lines.append(&mut chunk.lines);
                    fingerprints.append(&mut chunk.fingerprints);
                }
                rows_before += chunk.last_row;
            }
            Err(mut error) => {
                if index > 0 {
                    error.shift_row(rows_before);
                }
                return Err(error);
            }
        }
    }
    T::number(&mut lines, &fingerprints);
    Ok(lines)
}

/// Byte offsets cutting the text into `parts` chunks, each cut just after a `\n` and the
/// first chunk holding the header; fewer cuts when the text has too few line breaks.
fn split_points(text: &[u8], header_row: usize, parts: usize) -> Vec<usize> {
    let line_start = |from: usize| {
        text[from..]
            .iter()
            .position(|&b| b == b'\n')
            .map(|at| from + at + 1)
    };
    // Past the header's line (at least: a lone `\r` before it only moves this later).
    let mut data_start = 0;
    for _ in 0..header_row {
        match line_start(data_start) {
            Some(next) => data_start = next,
            None => return Vec::new(),
        }
    }
    let mut bounds = vec![0];
    for part in 1..parts {
        let target = data_start + (text.len() - data_start) / parts * part;
        let last = *bounds.last().unwrap_or(&0);
        if let Some(cut) = line_start(target.max(last).max(data_start)) {
            if cut > last && cut < text.len() {
                bounds.push(cut);
            }
        }
    }
    bounds.push(text.len());
    bounds
}

/// A CSV row must reach the header's last named column, and may run past the header only
/// with empty cells: a value past it most likely comes from an unquoted delimiter, which
/// shifted every later column. Past it with empty cells only, the row may still have been
/// shifted: an amount written `1,234.50` unquoted in a row whose last value is empty
/// reads as "1" and "234.50", the empty cell pushed past the header. Such a pair, starting
/// in an amount's column, in a row that runs past the header is refused rather than read
/// as ¥1.00. (A file whose every line ends with a delimiter, header too, runs past nothing.)
fn check_width<R: Cells>(
    cells: &R,
    row: usize,
    layout: &Layout,
    kind: FileKind,
    file: &str,
) -> Result<(), ImportError> {
    let len = cells.len();
    if len < layout.width {
        if cells.is_blank() {
            return Ok(());
        }
        return Err(ImportError::at(
            file,
            row,
            Some(&layout.column_name(len)),
            Problem::ShortRow {
                cells: len,
                expected: layout.width,
            },
        ));
    }
    if let Some(raw_width) = layout.raw_width {
        if let Some(column) = (raw_width..len).find(|&c| !cells.cell(c).is_blank()) {
            return Err(ImportError::at(
                file,
                row,
                Some(&layout.column_name(column)),
                Problem::LongRow {
                    value: cells.cell(column).display(),
                    expected: raw_width,
                },
            ));
        }
        if len > raw_width {
            let amounts = kind
                .fields()
                .iter()
                .zip(&layout.columns)
                .filter(|(field, _)| field.value == ValueKind::Amount)
                .filter_map(|(_, column)| *column);
            if let Some(c) = amounts
                .filter(|&c| c + 1 < len)
                .find(|&c| splits_an_amount(&cells.cell(c).display(), &cells.cell(c + 1).display()))
            {
                return Err(ImportError::at(
                    file,
                    row,
                    Some(&layout.column_name(c)),
                    Problem::SplitAmount {
                        left: cells.cell(c).display(),
                        right: cells.cell(c + 1).display(),
                    },
                ));
            }
        }
    }
    Ok(())
}

/// `left` and `right` read as one number cut at a thousands separator: "1" or "¥12" or
/// "-123", then three digits and maybe a fraction ("234" or "234.50").
fn splits_an_amount(left: &str, right: &str) -> bool {
    let left = left.trim();
    let left = left.strip_prefix(['-', '+']).unwrap_or(left);
    let left = left.strip_prefix(['¥', '￥']).unwrap_or(left);
    let right = right.trim();
    let (group, fraction) = right.split_once('.').unwrap_or((right, "0"));
    (1..=3).contains(&left.len())
        && left.bytes().all(|b| b.is_ascii_digit())
        && group.len() == 3
        && group.bytes().all(|b| b.is_ascii_digit())
        && !fraction.is_empty()
        && fraction.bytes().all(|b| b.is_ascii_digit())
}

/// Imports a file of the record type `T` with a mapping ([`ColumnMapping::default()`] to
/// find everything by itself). The typed core of every `import_*` function.
pub fn import_as<T: ImportRecord>(
    file: &str,
    bytes: &[u8],
    mapping: &ColumnMapping,
) -> Result<Imported<T>, ImportError> {
    let kind = T::KIND;
    check_mapping(kind, file, mapping)?;
    match open(file, bytes, mapping)? {
        Opened::Csv { encoding, text } => {
            let (delimiter, layout) = csv_layout(kind, file, text.as_bytes(), mapping)?;
            let lines =
                read_csv_lines::<T>(file, &text, delimiter, &layout, mapping.skip_trailing_rows)?;
            Ok(Imported {
                lines,
                encoding: encoding.label(),
                header_row: layout.header_row,
                delimiter: Some(char::from(delimiter)),
                sheet: None,
                ignored_columns: layout.ignored_columns(),
                mapping: layout.as_mapping(kind, mapping),
            })
        }
        Opened::Sheet { format, sheet } => {
            let prefix = read_prefix(&mut SheetSource::new(&sheet.range), mapping.header_row)?;
            let layout = detect(kind, file, mapping, &prefix).map_err(|miss| miss.error)?;
            let lines = read_lines::<T, _>(
                || SheetSource::new(&sheet.range),
                &layout,
                mapping.skip_trailing_rows,
                file,
                sheet.range.height(),
            )?;
            Ok(Imported {
                lines,
                encoding: format.label(),
                header_row: layout.header_row,
                delimiter: None,
                sheet: Some(sheet.name),
                ignored_columns: layout.ignored_columns(),
                mapping: layout.as_mapping(kind, mapping),
            })
        }
    }
}

/// Imports a settlement statement (结算单明细), columns found by header.
pub fn import_statement(file: &str, bytes: &[u8]) -> Result<Imported<StatementLine>, ImportError> {
    import_as(file, bytes, &ColumnMapping::default())
}

/// [`import_statement`] into [`LeanStatementLine`]s: the same lines and keys in less than
/// half the memory, for a statement of a million lines.
pub fn import_statement_lean(
    file: &str,
    bytes: &[u8],
) -> Result<Imported<LeanStatementLine>, ImportError> {
    import_as(file, bytes, &ColumnMapping::default())
}

/// [`import_expected`] into [`LeanExpectedLine`]s (see [`import_statement_lean`]).
pub fn import_expected_lean(
    file: &str,
    bytes: &[u8],
) -> Result<Imported<LeanExpectedLine>, ImportError> {
    import_as(file, bytes, &ColumnMapping::default())
}

/// Imports a bank statement (银行流水), columns found by header.
pub fn import_bank(file: &str, bytes: &[u8]) -> Result<Imported<BankLine>, ImportError> {
    import_as(file, bytes, &ColumnMapping::default())
}

/// Imports an expected-earnings list (应收明细), columns found by header.
pub fn import_expected(file: &str, bytes: &[u8]) -> Result<Imported<ExpectedLine>, ImportError> {
    import_as(file, bytes, &ColumnMapping::default())
}

/// Imports an invoice mailing list (发票寄送记录), columns found by header.
pub fn import_invoices(file: &str, bytes: &[u8]) -> Result<Imported<InvoiceLine>, ImportError> {
    import_as(file, bytes, &ColumnMapping::default())
}

/// Imports a file of a kind chosen at run time (a saved profile names its kind) with a
/// saved mapping.
pub fn import_with_mapping(
    kind: FileKind,
    file: &str,
    bytes: &[u8],
    mapping: &ColumnMapping,
) -> Result<AnyImported, ImportError> {
    Ok(match kind {
        FileKind::Statement => AnyImported::Statement(import_as(file, bytes, mapping)?),
        FileKind::Bank => AnyImported::Bank(import_as(file, bytes, mapping)?),
        FileKind::Expected => AnyImported::Expected(import_as(file, bytes, mapping)?),
        FileKind::Invoices => AnyImported::Invoices(import_as(file, bytes, mapping)?),
    })
}

/// Previews a file for the mapping dialog, finding what it can by itself.
pub fn preview(
    kind: FileKind,
    file: &str,
    bytes: &[u8],
    max_rows: usize,
) -> Result<Preview, ImportError> {
    preview_with_mapping(kind, file, bytes, &ColumnMapping::default(), max_rows)
}

/// Previews a file as `mapping` would read it (the dialog re-previews as the user edits
/// the delimiter, encoding, sheet or header row).
///
/// Unlike an import, a header that lacks required columns is no error here: the first
/// non-blank row is shown as the header, with what was found, for the user to complete.
/// Errors are the ones no mapping can fix: encoding, a broken workbook, malformed CSV
/// quoting near the top, an empty file.
pub fn preview_with_mapping(
    kind: FileKind,
    file: &str,
    bytes: &[u8],
    mapping: &ColumnMapping,
    max_rows: usize,
) -> Result<Preview, ImportError> {
    check_mapping(kind, file, mapping)?;
    match open(file, bytes, mapping)? {
        Opened::Csv { encoding, text } => {
            let text = text.as_bytes();
            let (delimiter, layout) = match csv_layout(kind, file, text, mapping) {
                Ok(found) => found,
                Err(error) if matches!(error.problem(), Problem::MissingColumn { .. }) => {
                    let delimiter = widest_delimiter(file, text, mapping);
                    let layout = fallback_layout(
                        kind,
                        file,
                        mapping,
                        CsvSource::new(file, text, delimiter),
                    )?;
                    (delimiter, layout)
                }
                Err(error) => return Err(error),
            };
            let mut preview = build_preview(
                Format::Csv { encoding },
                kind,
                mapping,
                CsvSource::new(file, text, delimiter),
                layout,
                max_rows,
            )?;
            preview.delimiter = Some(char::from(delimiter));
            Ok(preview)
        }
        Opened::Sheet { format, sheet } => {
            let prefix = read_prefix(&mut SheetSource::new(&sheet.range), mapping.header_row)?;
            let layout = match detect(kind, file, mapping, &prefix) {
                Ok(layout) => layout,
                Err(miss) if matches!(miss.error.problem(), Problem::MissingColumn { .. }) => {
                    fallback_layout(kind, file, mapping, SheetSource::new(&sheet.range))?
                }
                Err(miss) => return Err(miss.error),
            };
            let mut preview = build_preview(
                format,
                kind,
                mapping,
                SheetSource::new(&sheet.range),
                layout,
                max_rows,
            )?;
            preview.sheets = sheet.all;
            preview.sheet = Some(sheet.name);
            Ok(preview)
        }
    }
}

/// The delimiter that splits the first non-blank row into the most cells.
fn widest_delimiter(file: &str, text: &[u8], mapping: &ColumnMapping) -> u8 {
    let mut best = (0, b',');
    for delimiter in delimiters(mapping) {
        let mut source = CsvSource::new(file, text, delimiter);
        let cells = read_prefix(&mut source, HeaderRow::Absent)
            .ok()
            .and_then(|rows| rows.first().map(|(_, cells)| cells.len()))
            .unwrap_or(0);
        if cells > best.0 {
            best = (cells, delimiter);
        }
    }
    best.1
}

/// The first non-blank row (or the mapping's header row) as the header, with whatever
/// fields it has.
fn fallback_layout<S: Source>(
    kind: FileKind,
    file: &str,
    mapping: &ColumnMapping,
    mut source: S,
) -> Result<Layout, ImportError> {
    let wanted = match mapping.header_row {
        HeaderRow::Row(row) => HeaderRow::Row(row),
        _ => HeaderRow::Absent,
    };
    let prefix = read_prefix(&mut source, wanted)?;
    let Some((row, cells)) = prefix.last().cloned() else {
        return Err(ImportError::file(file, Problem::Empty));
    };
    let resolved = resolve(kind, mapping, &cells);
    Ok(Layout {
        header_row: Some(row),
        width: cells.len(),
        raw_width: None,
        headers: cells,
        columns: resolved.columns,
    })
}

fn build_preview<S: Source>(
    format: Format,
    kind: FileKind,
    mapping: &ColumnMapping,
    mut source: S,
    layout: Layout,
    max_rows: usize,
) -> Result<Preview, ImportError> {
    let mut rows = Vec::new();
    while rows.len() < max_rows {
        let Some((row, cells)) = source.next_row()? else {
            break;
        };
        if layout.header_row.is_some_and(|header| row <= header) || cells.is_blank() {
            continue;
        }
        rows.push(cells.display());
    }
    let headers = match layout.header_row {
        Some(_) => layout.headers.clone(),
        None => {
            let width = rows.iter().map(Vec::len).max().unwrap_or(0);
            (0..width).map(column_letter).collect()
        }
    };
    let missing_required = kind
        .fields()
        .iter()
        .zip(&layout.columns)
        .filter(|(spec, column)| spec.required && column.is_none())
        .map(|(spec, _)| spec.name)
        .collect();
    Ok(Preview {
        format,
        encoding: format.label(),
        sheets: Vec::new(),
        sheet: None,
        delimiter: None,
        header_row: layout.header_row,
        headers,
        rows,
        guessed_mapping: layout.as_mapping(kind, mapping),
        missing_required,
    })
}
