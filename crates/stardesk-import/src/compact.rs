//! Compact lines for a summary-only reconciliation of large files
//! (`stardesk_domain::reconcile::summary`): a statement or expected-earnings file read,
//! found and checked exactly as [`crate::import_statement_lean`] and
//! [`crate::import_expected_lean`] read it (same encodings, header, columns, values and
//! errors), keeping per line only a task number, an amount in fen, a date and whether
//! the payout failed: 16 bytes, no key, nothing hashed.
//!
//! A file whose values have no compact form reads as `Ok(None)`, and the caller takes
//! the full path: a task id that is not a canonical decimal below 10^19 (`T1001`,
//! `0012`), an amount not in the plain two-decimal form (the full path reads it, or
//! refuses a fraction of a fen) or beyond the compact line's 32 bits (¥21,474,836.47), a
//! date before the common era, a row running past the header.

use stardesk_domain::reconcile::records::PayoutStatus;
use stardesk_domain::reconcile::summary::{TaskDue, TaskPayout};

use crate::encoding::container;
use crate::error::ImportError;
use crate::fields::FileKind;
use crate::layout::{Layout, HEADER_SCAN_ROWS};
use crate::mapping::ColumnMapping;
use crate::reader::{csv_layout, import_as};
use crate::values::{clean_id, parse_amount, parse_date, parse_fen, parse_status};

/// A line in its compact form, `None` when a value has none.
#[derive(Debug, Clone, Copy)]
pub struct Compact<T>(pub(crate) Option<T>);

/// The task id as a number, when the number gives the id back: decimal digits, no
/// leading zero, at most 19 of them (below 10^19, so every one fits a `u64`).
pub(crate) fn task_number(id: &str) -> Option<u64> {
    let bytes = id.as_bytes();
    if bytes.is_empty() || bytes.len() > 19 || (bytes.len() > 1 && bytes[0] == b'0') {
        return None;
    }
    // The leading digits one by one, then eight at a time. 19 digits stay below
    // 10^19 < 2^64: no overflow.
    let (head, groups) = bytes.split_at(bytes.len() % 8);
    let mut number = head.iter().try_fold(0u64, |number, &byte| {
        byte.is_ascii_digit()
            .then(|| number * 10 + u64::from(byte - b'0'))
    })?;
    for group in groups.chunks_exact(8) {
        number = number * 100_000_000 + eight_digits(u64::from_le_bytes(group.try_into().ok()?))?;
    }
    Some(number)
}

/// Eight ASCII digits, loaded little-endian (the first digit in the lowest byte), to
/// their value; `None` unless every byte is a digit. Neighbouring digits are combined in
/// pairs, then fours, then eight, each step one multiply (no step carries past its lane:
/// 99, 9,999 and 99,999,999 fit 8, 16 and 32 bits).
#[inline(always)]
fn eight_digits(word: u64) -> Option<u64> {
    const HIGH: u64 = 0xF0F0_F0F0_F0F0_F0F0;
    const ZEROS: u64 = 0x3030_3030_3030_3030;
    // A digit is 0x30..=0x39: high nibble 3, and still 3 after adding 6.
    if word & HIGH != ZEROS || word.wrapping_add(0x0606_0606_0606_0606) & HIGH != ZEROS {
        return None;
    }
    let digits = word - ZEROS;
    let pairs = (digits.wrapping_mul(10) + (digits >> 8)) & 0x00FF_00FF_00FF_00FF;
    let fours = (pairs.wrapping_mul(100) + (pairs >> 16)) & 0x0000_FFFF_0000_FFFF;
    Some((fours.wrapping_mul(10_000) + (fours >> 32)) & 0xFFFF_FFFF)
}

fn lines<T>(imported: Vec<Compact<T>>) -> Option<Vec<T>> {
    imported.into_iter().map(|line| line.0).collect()
}

/// A settlement statement's lines in compact form (see the module docs); `Ok(None)` when
/// one has none. Errors are those of [`crate::import_statement_lean`].
pub fn import_statement_compact(
    file: &str,
    bytes: &[u8],
) -> Result<Option<Vec<TaskPayout>>, ImportError> {
    let imported = import_as::<Compact<TaskPayout>>(file, bytes, &ColumnMapping::default())?;
    Ok(lines(imported.lines))
}

/// An expected-earnings list's lines in compact form (see
/// [`import_statement_compact`]).
pub fn import_expected_compact(
    file: &str,
    bytes: &[u8],
) -> Result<Option<Vec<TaskDue>>, ImportError> {
    let imported = import_as::<Compact<TaskDue>>(file, bytes, &ColumnMapping::default())?;
    Ok(lines(imported.lines))
}

/// A compact line read straight from a plain CSV row's cells (see [`PlainScan`]).
pub trait PlainRecord: Sized {
    const KIND: FileKind;

    /// The line, from the row's cells and the columns the header gave each field (in
    /// [`FileKind::fields`] order); `None` when the import would read the row otherwise
    /// than this reading, or reject it: the scan then stops and the full path runs.
    fn from_cells(cells: &[&str], columns: &[Option<usize>]) -> Option<Self>;
}

/// The cell of a field, `None` without its column (a missing cell reads as empty).
fn field<'a>(cells: &[&'a str], columns: &[Option<usize>], field: usize) -> Option<&'a str> {
    let column = columns.get(field).copied().flatten()?;
    Some(cells.get(column).copied().unwrap_or(""))
}

/// A required id, cleaned as the import cleans it; `None` when empty.
fn required_id<'a>(cells: &[&'a str], columns: &[Option<usize>], at: usize) -> Option<&'a str> {
    Some(clean_id(field(cells, columns, at)?)).filter(|id| !id.is_empty())
}

/// Whether the optional amount columns hold amounts or nothing, as the import requires.
fn components_read(cells: &[&str], columns: &[Option<usize>], at: [usize; 3]) -> bool {
    at.iter().all(|&component| {
        field(cells, columns, component)
            .is_none_or(|text| parse_amount(text).is_some() || text.trim().is_empty())
    })
}

impl PlainRecord for TaskPayout {
    const KIND: FileKind = FileKind::Statement;

    fn from_cells(cells: &[&str], columns: &[Option<usize>]) -> Option<Self> {
        use crate::fields::statement::*;
        required_id(cells, columns, STATEMENT_ID)?;
        let task = task_number(required_id(cells, columns, TASK_ID)?)?;
        let fen = parse_fen(field(cells, columns, AMOUNT)?)?;
        let date = parse_date(field(cells, columns, DATE)?)?;
        let failed = match parse_status(field(cells, columns, STATUS)?) {
            PayoutStatus::Other(text) if text.is_empty() => return None,
            status => status == PayoutStatus::Failed,
        };
        components_read(cells, columns, [GROSS, FEE, TAX])
            .then(|| TaskPayout::new(task, fen, date, failed))
            .flatten()
    }
}

impl PlainRecord for TaskDue {
    const KIND: FileKind = FileKind::Expected;

    fn from_cells(cells: &[&str], columns: &[Option<usize>]) -> Option<Self> {
        use crate::fields::expected::*;
        let task = task_number(required_id(cells, columns, TASK_ID)?)?;
        let fen = parse_fen(field(cells, columns, AMOUNT)?)?;
        let due = match field(cells, columns, DUE_DATE) {
            None => None,
            Some(text) => match parse_date(text) {
                Some(day) => Some(day),
                None if text.trim().is_empty() => None,
                None => return None,
            },
        };
        components_read(cells, columns, [GROSS, FEE, TAX])
            .then(|| TaskDue::new(task, fen, due))
            .flatten()
    }
}

/// The most cells a row may have for [`PlainScan`]; wider files take the full path.
const MAX_CELLS: usize = 32;

/// A statement or expected-earnings CSV read in chunks into compact lines, with no copy
/// of the file held and the chunks read on any thread in any order: what
/// [`import_statement_compact`] and [`import_expected_compact`] give, for the plain file
/// of every platform export — UTF-8 without a byte-order mark, no quote, no carriage
/// return, no NUL, at most [`MAX_CELLS`] cells a row, every value one the import reads —
/// and `None` as soon as the file is anything else, so the caller runs the full import,
/// which reads it or names what is wrong with it. The header is found by the import's own
/// search; the cells are cleaned and parsed by the import's own functions.
///
/// The caller reads the file (this crate does no IO): [`PlainScan::start`] with its
/// first bytes, then [`PlainScan::read`] with every part of it, cut between lines.
#[derive(Debug)]
pub struct PlainScan<T> {
    layout: Layout,
    delimiter: u8,
    /// The title lines and the header, skipped at the start of the file.
    header_lines: usize,
    kind: std::marker::PhantomData<fn() -> T>,
}

impl<T: PlainRecord> PlainScan<T> {
    /// Finds the header in the file's first bytes, whole lines (`whole`: they are the
    /// whole file). `None` when the file is not plain, or the bytes hold fewer rows than
    /// the header search reads.
    pub fn start(head: &[u8], whole: bool) -> Option<Self> {
        if container("", head).ok()?.is_some() || head.starts_with(b"\xEF\xBB\xBF") {
            return None;
        }
        let text = plain_text(head)?;
        // The header search reads the first HEADER_SCAN_ROWS non-blank rows: the chunk
        // must hold them, or be the whole file. A line with a letter, digit or non-ASCII
        // character is non-blank whatever the delimiter.
        let rows = text
            .split('\n')
            .filter(|line| line.bytes().any(|b| b.is_ascii_alphanumeric() || b >= 0x80))
            .count();
        if !whole && rows <= HEADER_SCAN_ROWS {
            return None;
        }
        let (delimiter, layout) =
            csv_layout(T::KIND, "", text.as_bytes(), &ColumnMapping::default()).ok()?;
        Some(Self {
            header_lines: layout.header_row?,
            layout,
            delimiter,
            kind: std::marker::PhantomData,
        })
    }

    /// The lines above the first data row: the title lines and the header. A reader
    /// starting at the file's start skips them (see [`PlainScan::read`]).
    pub fn header_lines(&self) -> usize {
        self.header_lines
    }

    /// Reads whole lines into `lines` (the file's last line may lack its line break),
    /// skipping the first `skip` of them and counting it down: [`Self::header_lines`] at
    /// the file's start, else 0. `None`: the file is not plain after all.
    pub fn read(&self, chunk: &[u8], skip: &mut usize, lines: &mut Vec<T>) -> Option<()> {
        // Quotes, carriage returns and NULs are looked for while cutting the cells.
        let text = utf8(chunk)?;
        let text = text.strip_suffix('\n').unwrap_or(text);
        if text.is_empty() {
            return Some(());
        }
        let layout = &self.layout;
        rows(text, self.delimiter, |row| {
            if *skip > 0 {
                *skip -= 1;
                return Some(());
            }
            // A cell starting with a visible ASCII character is not blank: one byte
            // decides for almost every row.
            let blank = |cells: &[&str]| {
                cells.iter().all(|cell| match cell.as_bytes().first() {
                    None => true,
                    Some(byte) if byte.is_ascii_graphic() => false,
                    Some(_) => cell.trim().is_empty(),
                })
            };
            // As the import: blank rows are skipped; a short row, or one past the
            // header's last column, is checked by the full path (a value there is an
            // error; empty cells there may be an amount split at an unquoted thousands
            // separator, which the import refuses).
            if blank(row) {
                return Some(());
            }
            if row.len() < layout.width || layout.raw_width.is_some_and(|width| row.len() > width) {
                return None;
            }
            lines.push(T::from_cells(row, &layout.columns)?);
            Some(())
        })
    }
}

/// Bytes with the high bit set where `word`'s byte is zero, exactly (no borrow from one
/// byte into the next, unlike the shorter `(x - 0x01…) & !x` test).
#[inline(always)]
fn zero_bytes(word: u64) -> u64 {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    !(((word & LOW7) + LOW7) | word | LOW7)
}

/// Calls `row` with each line's cells (split at `delimiter`), in order, while it answers;
/// a line of more than [`MAX_CELLS`] cells, a quote, a carriage return or a NUL ends the
/// reading (`None`). The cuts are found a word at a time: cells are short, so a search
/// per cell costs more than it saves.
fn rows(text: &str, delimiter: u8, mut row: impl FnMut(&[&str]) -> Option<()>) -> Option<()> {
    let bytes = text.as_bytes();
    let mut cells: [&str; MAX_CELLS] = [""; MAX_CELLS];
    let (mut count, mut cell_start) = (0usize, 0usize);
    // `text` and every cut are at ASCII bytes, so every cell is whole characters.
    let mut cut = |at: usize, line_end: bool| -> Option<()> {
        *cells.get_mut(count)? = text.get(cell_start..at)?;
        count += 1;
        cell_start = at + 1;
        if line_end {
            let cells_of_line = count;
            count = 0;
            return row(&cells[..cells_of_line]);
        }
        Some(())
    };
    let spread = |byte: u8| u64::from(byte) * 0x0101_0101_0101_0101;
    let (delimiters, breaks) = (spread(delimiter), spread(b'\n'));
    let (quotes, returns) = (spread(b'"'), spread(b'\r'));
    let mut words = bytes.chunks_exact(8);
    let mut base = 0;
    for word in &mut words {
        let word = u64::from_le_bytes(word.try_into().ok()?);
        // A quote, carriage return or NUL: not a plain file.
        if zero_bytes(word ^ quotes) | zero_bytes(word ^ returns) | zero_bytes(word) != 0 {
            return None;
        }
        let mut hits = zero_bytes(word ^ delimiters) | zero_bytes(word ^ breaks);
        while hits != 0 {
            let at = base + (hits.trailing_zeros() / 8) as usize;
            hits &= hits - 1;
            cut(at, bytes[at] == b'\n')?;
        }
        base += 8;
    }
    for (offset, &byte) in words.remainder().iter().enumerate() {
        if matches!(byte, b'"' | b'\r' | 0) {
            return None;
        }
        if byte == delimiter || byte == b'\n' {
            cut(base + offset, byte == b'\n')?;
        }
    }
    // The last line, which has no line break in `text`.
    cut(bytes.len(), true)
}

/// The chunk as text when it is plain: UTF-8, no quote, carriage return or NUL.
fn plain_text(chunk: &[u8]) -> Option<&str> {
    if chunk.contains(&b'"') || chunk.contains(&b'\r') || chunk.contains(&0) {
        return None;
    }
    utf8(chunk)
}

/// The bytes as text when they are UTF-8, checked with SIMD: a statement's every line has
/// a status in Chinese, so the standard library's ASCII fast path rarely applies and the
/// check was some 7% of the scan's time.
fn utf8(bytes: &[u8]) -> Option<&str> {
    simdutf8::basic::from_utf8(bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn task_numbers_are_ids_the_number_gives_back() {
        assert_eq!(
            task_number("7300000000000007919"),
            Some(7_300_000_000_000_007_919)
        );
        assert_eq!(task_number("0"), Some(0));
        assert_eq!(
            task_number("9999999999999999999"),
            Some(9_999_999_999_999_999_999)
        );
        for id in [
            "",
            "0012",
            "T1001",
            "10000000000000000000",
            "+12",
            "1 2",
            "١٢",
        ] {
            assert_eq!(task_number(id), None, "{id}");
        }
    }

    /// Against the standard library's reading of canonical ids, on ids of every length
    /// with a non-digit (or a leading zero) put in at random now and then.
    #[test]
    fn task_numbers_read_as_the_standard_library_reads_them() {
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..200_000 {
            let len = 1 + (next() % 21) as usize;
            let mut id: Vec<u8> = (0..len).map(|_| b'0' + (next() % 10) as u8).collect();
            if next() % 4 == 0 {
                let at = (next() as usize) % len;
                id[at] = [b'/', b':', b'a', b' ', 0x80, b'0'][(next() % 6) as usize];
            }
            let Ok(id) = String::from_utf8(id) else {
                continue;
            };
            let canonical = id.len() <= 19
                && id.bytes().all(|b| b.is_ascii_digit())
                && (id.len() == 1 || !id.starts_with('0'));
            let want = canonical.then(|| id.parse::<u64>().unwrap());
            assert_eq!(task_number(&id), want, "{id:?}");
        }
    }
}
