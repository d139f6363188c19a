//! Rows of cells from a CSV text or a worksheet, each with the row number a spreadsheet
//! shows for it.

use calamine::{Data, Range};
use csv::ByteRecord;

use crate::error::{ImportError, Problem};
use crate::excel;

/// One cell, borrowed from its row.
#[derive(Debug, Clone, Copy)]
pub enum Cell<'a> {
    /// A CSV field (UTF-8, untrimmed).
    Text(&'a str),
    /// A worksheet cell, typed by the spreadsheet.
    Sheet(&'a Data),
}

impl Cell<'_> {
    pub fn is_blank(self) -> bool {
        match self {
            Self::Text(text) => text.trim().is_empty(),
            Self::Sheet(data) => excel::is_blank(data),
        }
    }

    /// The cell as the user sees it, for headers, previews and error messages.
    pub fn display(self) -> String {
        match self {
            Self::Text(text) => text.trim().to_owned(),
            Self::Sheet(data) => excel::display(data),
        }
    }
}

/// A row's cells.
pub trait Cells {
    /// How many cells the row has (a CSV row can be ragged; a worksheet row is as wide as
    /// the sheet's used range).
    fn len(&self) -> usize;
    /// The cell at a 0-based column; an empty text cell past the row's end.
    fn cell(&self, index: usize) -> Cell<'_>;

    fn is_blank(&self) -> bool {
        (0..self.len()).all(|index| self.cell(index).is_blank())
    }

    fn display(&self) -> Vec<String> {
        (0..self.len())
            .map(|index| self.cell(index).display())
            .collect()
    }
}

/// A source of rows, read once from the start.
pub trait Source {
    type Row<'r>: Cells
    where
        Self: 'r;
    /// Whether rows can have fewer or more cells than the header (CSV), which the reader
    /// then checks; worksheet rows are always as wide as the used range.
    const RAGGED: bool;
    /// The next row (blank ones included) and its 1-based spreadsheet row number.
    fn next_row(&mut self) -> Result<Option<(usize, Self::Row<'_>)>, ImportError>;
    /// The number of the last row seen, blank rows at the end included (once the source
    /// is exhausted: the number of rows it spans).
    fn last_row(&self) -> usize;
}

/// CSV rows from UTF-8 text.
///
/// The row number is the one a spreadsheet program shows after opening the file: one per
/// record, blank lines counted (they are empty rows there), and a quoted value spanning
/// several lines still one row. `csv`'s own line positions count physical lines and skip
/// blank lines silently, so the reader derives rows from each record's byte span instead.
#[derive(Debug)]
pub struct CsvSource<'a> {
    file: &'a str,
    input: &'a [u8],
    reader: csv::Reader<&'a [u8]>,
    delimiter: u8,
    record: ByteRecord,
    row: usize,
    /// The line break that ended the previous record's span, if any (`\r` of a CRLF whose
    /// `\n` is left for the next span).
    carry: Option<u8>,
    /// Where the last record's span ended.
    end: usize,
}

impl<'a> CsvSource<'a> {
    pub fn new(file: &'a str, input: &'a [u8], delimiter: u8) -> Self {
        let reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .buffer_capacity(1 << 16)
            .from_reader(input);
        Self {
            file,
            input,
            reader,
            delimiter,
            record: ByteRecord::new(),
            row: 0,
            carry: None,
            end: 0,
        }
    }

    /// A source over text that starts right after a line break, numbering its rows from
    /// 1 (the caller shifts them by the rows before). Large files are now cut only when
    /// quote-free, and read by [`PlainCsvSource`]; kept as the reference it must match.
    #[cfg(test)]
    pub fn after_line_break(file: &'a str, input: &'a [u8], delimiter: u8) -> Self {
        Self {
            carry: Some(b'\n'),
            ..Self::new(file, input, delimiter)
        }
    }
}

impl Source for CsvSource<'_> {
    type Row<'r>
        = CsvRow<'r>
    where
        Self: 'r;
    const RAGGED: bool = true;

    fn next_row(&mut self) -> Result<Option<(usize, CsvRow<'_>)>, ImportError> {
        let read = self
            .reader
            .read_byte_record(&mut self.record)
            .map_err(|e| {
                ImportError::at(
                    self.file,
                    self.row + 1,
                    None,
                    Problem::MalformedCsv {
                        reason: e.to_string(),
                    },
                )
            })?;
        if !read {
            // Blank lines after the last record are rows too.
            let rest = self.input.get(self.end..).unwrap_or_default();
            self.row += line_breaks(self.carry, rest);
            self.carry = None;
            self.end = self.input.len();
            return Ok(None);
        }
        let start = self
            .record
            .position()
            .map_or(0, |p| usize::try_from(p.byte()).unwrap_or(usize::MAX));
        let end = usize::try_from(self.reader.position().byte()).unwrap_or(usize::MAX);
        let span = self.input.get(start..end).unwrap_or_default();
        self.end = end;

        let leading = span
            .iter()
            .take_while(|&&b| b == b'\r' || b == b'\n')
            .count();
        let blank_lines = line_breaks(self.carry, &span[..leading]);
        self.row += 1 + blank_lines;

        let mut content = &span[leading..];
        self.carry = match content.last() {
            Some(&last @ (b'\r' | b'\n')) => {
                content = &content[..content.len() - 1];
                Some(last)
            }
            _ => None,
        };
        // Quotes (or doubled quotes) make the raw text longer than the fields joined by
        // delimiters; only then is the quoting checked, so plain rows cost nothing extra.
        // An unquoted field never holds a line break, so a last field ending in one was
        // quoted (and that break is not the record's terminator: the quote may be open).
        let plain_len = self.record.as_slice().len() + self.record.len().saturating_sub(1);
        let quoted_break = self.carry.is_some()
            && self
                .record
                .as_slice()
                .last()
                .is_some_and(|&b| b == b'\r' || b == b'\n');
        if content.len() > plain_len || quoted_break {
            if let Err(reason) = check_quoting(content, self.delimiter) {
                return Err(ImportError::at(
                    self.file,
                    self.row,
                    None,
                    Problem::MalformedCsv {
                        reason: reason.to_owned(),
                    },
                ));
            }
        }
        // The whole text was validated as UTF-8 and fields split only at ASCII bytes, so
        // this cannot fail; it costs one pass over the record's bytes.
        let text = std::str::from_utf8(self.record.as_slice()).map_err(|_| {
            ImportError::file(self.file, Problem::NotInEncoding { encoding: "UTF-8" })
        })?;
        Ok(Some((
            self.row,
            CsvRow {
                record: &self.record,
                text,
            },
        )))
    }

    fn last_row(&self) -> usize {
        self.row
    }
}

/// How many blank lines lie in `leading`, given the break that ended the previous record.
fn line_breaks(carry: Option<u8>, leading: &[u8]) -> usize {
    let mut breaks = 0;
    let mut previous = carry;
    for &byte in leading {
        // The `\n` of a CRLF split across the previous span and this one is no new line.
        if !(byte == b'\n' && previous == Some(b'\r')) {
            breaks += 1;
        }
        previous = Some(byte);
    }
    breaks
}

/// Strict-enough quoting: a quoted field must be closed, and nothing but a delimiter may
/// follow its closing quote. (A bare quote inside an unquoted field, `12"`, is accepted as
/// a literal, as spreadsheet programs do.)
fn check_quoting(content: &[u8], delimiter: u8) -> Result<(), &'static str> {
    let mut i = 0;
    loop {
        if content.get(i) == Some(&b'"') {
            i += 1;
            loop {
                match content[i..].iter().position(|&b| b == b'"') {
                    None => return Err("a quoted value is never closed (missing \")"),
                    Some(at) if content.get(i + at + 1) == Some(&b'"') => i += at + 2,
                    Some(at) => {
                        i += at + 1;
                        break;
                    }
                }
            }
            match content.get(i) {
                None => return Ok(()),
                Some(&b) if b == delimiter => i += 1,
                Some(_) => return Err("text follows a closing quote inside one value"),
            }
        } else {
            match content[i..].iter().position(|&b| b == delimiter) {
                None => return Ok(()),
                Some(at) => i += at + 1,
            }
        }
    }
}

/// One CSV record, validated as UTF-8 once as a whole (not field by field).
#[derive(Debug, Clone, Copy)]
pub struct CsvRow<'r> {
    record: &'r ByteRecord,
    text: &'r str,
}

impl Cells for CsvRow<'_> {
    fn len(&self) -> usize {
        self.record.len()
    }

    fn cell(&self, index: usize) -> Cell<'_> {
        Cell::Text(
            self.record
                .range(index)
                .and_then(|range| self.text.get(range))
                .unwrap_or(""),
        )
    }
}

/// CSV rows from UTF-8 text that holds no `"`: the fast path of a large import.
///
/// Without quotes a record is simply a run of bytes up to a line break, split at the
/// delimiter, which is what `csv` would make of it: `\r`, `\n` and `\r\n` each end a
/// record, and empty lines are skipped yet counted as rows, exactly as [`CsvSource`]
/// numbers them. Cells borrow the text, already validated as UTF-8 as a whole, so a row
/// costs no copy and no second validation.
#[derive(Debug)]
pub struct PlainCsvSource<'a> {
    text: &'a str,
    at: usize,
    delimiter: u8,
    cells: Vec<&'a str>,
    row: usize,
}

impl<'a> PlainCsvSource<'a> {
    /// `text` must hold no `"` (a quote would be read literally) and must not start with a
    /// byte-order mark (`csv` drops it, and then numbers the rows after it differently);
    /// the caller checks both.
    /// Rows are numbered from 1 at the text's start, whether that is the file's start or
    /// just after a line break (the caller shifts them by the rows before).
    pub fn new(text: &'a str, delimiter: u8) -> Self {
        Self {
            text,
            at: 0,
            delimiter,
            cells: Vec::new(),
            row: 0,
        }
    }
}

impl Source for PlainCsvSource<'_> {
    type Row<'r>
        = PlainCsvRow<'r>
    where
        Self: 'r;
    const RAGGED: bool = true;

    fn next_row(&mut self) -> Result<Option<(usize, PlainCsvRow<'_>)>, ImportError> {
        let bytes = self.text.as_bytes();
        let delimiter = self.delimiter;
        loop {
            if self.at >= bytes.len() {
                return Ok(None);
            }
            // One pass over the line: cells are cut at the delimiter until a line break
            // (which wins over a delimiter that is itself `\r` or `\n`) or the end.
            // A byte loop: `str::split`, or a search for the break before splitting,
            // costs several times more per cell here.
            self.cells.clear();
            let start = self.at;
            let mut cell_start = start;
            let mut end = start;
            while let Some(&byte) = bytes.get(end) {
                if byte == b'\n' || byte == b'\r' {
                    break;
                }
                if byte == delimiter {
                    self.cells.push(&self.text[cell_start..end]);
                    cell_start = end + 1;
                }
                end += 1;
            }
            // Past the line break; a CRLF is one break.
            self.at = end;
            if self.at < bytes.len() {
                self.at += 1;
                if bytes[self.at - 1] == b'\r' && bytes.get(self.at) == Some(&b'\n') {
                    self.at += 1;
                }
            }
            self.row += 1;
            if end == start {
                // A blank line: a row, but no record.
                continue;
            }
            self.cells.push(&self.text[cell_start..end]);
            return Ok(Some((self.row, PlainCsvRow { cells: &self.cells })));
        }
    }

    fn last_row(&self) -> usize {
        self.row
    }
}

/// One record of a [`PlainCsvSource`].
#[derive(Debug, Clone, Copy)]
pub struct PlainCsvRow<'r> {
    cells: &'r [&'r str],
}

impl Cells for PlainCsvRow<'_> {
    fn len(&self) -> usize {
        self.cells.len()
    }

    fn cell(&self, index: usize) -> Cell<'_> {
        Cell::Text(self.cells.get(index).copied().unwrap_or(""))
    }
}

/// Rows of a worksheet's used range.
#[derive(Debug)]
pub struct SheetSource<'a> {
    rows: calamine::Rows<'a, Data>,
    next_row: usize,
    first_column: usize,
}

impl<'a> SheetSource<'a> {
    pub fn new(range: &'a Range<Data>) -> Self {
        let (row, column) = range.start().unwrap_or((0, 0));
        Self {
            rows: range.rows(),
            next_row: usize::try_from(row).unwrap_or(usize::MAX).saturating_add(1),
            first_column: usize::try_from(column).unwrap_or(0),
        }
    }
}

impl<'a> Source for SheetSource<'a> {
    type Row<'r>
        = SheetRow<'a>
    where
        Self: 'r;
    const RAGGED: bool = false;

    fn next_row(&mut self) -> Result<Option<(usize, SheetRow<'a>)>, ImportError> {
        let Some(cells) = self.rows.next() else {
            return Ok(None);
        };
        let row = self.next_row;
        self.next_row += 1;
        Ok(Some((
            row,
            SheetRow {
                first_column: self.first_column,
                cells,
            },
        )))
    }

    fn last_row(&self) -> usize {
        self.next_row - 1
    }
}

static EMPTY: Data = Data::Empty;

/// One worksheet row; columns count from A, whatever the used range's first column.
#[derive(Debug, Clone, Copy)]
pub struct SheetRow<'a> {
    first_column: usize,
    cells: &'a [Data],
}

impl Cells for SheetRow<'_> {
    fn len(&self) -> usize {
        self.first_column + self.cells.len()
    }

    fn cell(&self, index: usize) -> Cell<'_> {
        Cell::Sheet(
            index
                .checked_sub(self.first_column)
                .and_then(|i| self.cells.get(i))
                .unwrap_or(&EMPTY),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> Result<Vec<(usize, Vec<String>)>, ImportError> {
        let mut source = CsvSource::new("t.csv", text.as_bytes(), b',');
        let mut out = Vec::new();
        while let Some((row, cells)) = source.next_row()? {
            out.push((row, cells.display()));
        }
        Ok(out)
    }

    #[test]
    fn row_numbers_count_blank_lines_but_not_quoted_line_breaks() {
        for text in [
            "a,b\n\n\"x\ny\",2\n\nc,d\n",
            "a,b\r\n\r\n\"x\r\ny\",2\r\n\r\nc,d",
        ] {
            let rows = rows(text).unwrap();
            let numbers: Vec<usize> = rows.iter().map(|(row, _)| *row).collect();
            assert_eq!(numbers, [1, 3, 5], "{text:?}");
        }
    }

    /// Every row, its cells, and the rows counted at the end, from either source.
    fn all_rows<S: Source>(mut source: S) -> (Vec<(usize, Vec<String>)>, usize) {
        let mut out = Vec::new();
        while let Some((row, cells)) = source.next_row().unwrap() {
            let cells: Vec<String> = (0..cells.len())
                .map(|i| match cells.cell(i) {
                    Cell::Text(text) => text.to_owned(),
                    Cell::Sheet(_) => unreachable!(),
                })
                .collect();
            out.push((row, cells));
        }
        (out, source.last_row())
    }

    fn assert_same_as_csv(text: &str, delimiter: u8) {
        if text.starts_with('\u{feff}') {
            return; // Read by `csv` (see `PlainCsvSource::new`).
        }
        let plain = all_rows(PlainCsvSource::new(text, delimiter));
        let csv = all_rows(CsvSource::new("t.csv", text.as_bytes(), delimiter));
        assert_eq!(plain, csv, "{text:?}");
        let after = all_rows(CsvSource::after_line_break(
            "t.csv",
            text.as_bytes(),
            delimiter,
        ));
        assert_eq!(plain, after, "after a line break: {text:?}");
    }

    #[test]
    fn plain_rows_are_the_csv_readers_rows() {
        for text in [
            "",
            "a,b\n1,2\n",
            "a,b\r\n1,2\r\n\r\n",
            "a,b\r1,2\r",
            "a\r\r\nb",
            "a\n\r\nb\n\n",
            "\n\na,b",
            ",,,\n , \n\t1,2",
            "task_id,amount\n7300000000000000000,¥1,234.50\n",
            "a\n\u{feff}b,c\n",
            "任务ID,金额\n1,(200.00)\n2,1234.5元",
            "a,b,c\n1\n1,2,3,4,\n",
        ] {
            assert_same_as_csv(text, b',');
            assert_same_as_csv(text, b';');
        }
        // Every short mix of the pieces that matter, from a fixed pseudo-random walk.
        let pieces = [
            "a", "12", "", ",", "\t", "\r", "\n", "\r\n", " ", "元", "\u{feff}", ";",
        ];
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..20_000 {
            let mut text = String::new();
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1);
            for _ in 0..(state >> 60) {
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1);
                text.push_str(pieces[(state >> 33) as usize % pieces.len()]);
            }
            assert_same_as_csv(&text, b',');
            assert_same_as_csv(&text, b'\t');
        }
    }

    #[test]
    fn broken_quoting_names_its_row() {
        let err = rows("a,b\n1,2\n\"open,3\n4,5\n").unwrap_err();
        assert_eq!(err.row(), Some(3));
        assert!(matches!(err.problem(), Problem::MalformedCsv { .. }));
        let err = rows("a,b\n\"x\"y,2\n").unwrap_err();
        assert_eq!(err.row(), Some(2));
        assert!(rows("a,b\n\"x\"\"y\",\"2\"\n12\",3\n").is_ok());
    }
}
