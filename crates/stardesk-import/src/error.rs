//! The one error an import can end with: where (file, row, column) and what.

use std::fmt;

/// Why a file was rejected. One error rejects the whole file: the caller writes
/// all-or-nothing, so a half-imported statement never reaches reconciliation.
///
/// Displays as `statement.csv: row 7, column "结算金额": "12,34x" is not an amount`:
/// the file's display name, the row as a spreadsheet shows it (1-based, counting title
/// lines, the header line and blank lines), the column's header text, and the problem with
/// the offending value quoted.
///
/// Boxed, so the `Result`s on the per-cell hot path stay small.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError(Box<Details>);

#[derive(Debug, Clone, PartialEq, Eq)]
struct Details {
    file: String,
    row: Option<usize>,
    column: Option<String>,
    problem: Problem,
}

/// What went wrong. The variants carry the offending value where there is one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    #[error("the file is empty: no header row")]
    Empty,
    #[error(
        "unknown encoding: the text is neither UTF-8, UTF-16 nor GB18030/GBK; \
         save it as UTF-8 CSV or XLSX and import again"
    )]
    UnknownEncoding,
    #[error("the text is not valid {encoding}")]
    NotInEncoding { encoding: &'static str },
    #[error("not a readable Excel workbook: {reason}")]
    NotExcel { reason: String },
    #[error("no sheet named {sheet:?}; sheets: {}", quoted(available))]
    NoSuchSheet {
        sheet: String,
        available: Vec<String>,
    },
    #[error("malformed CSV: {reason}")]
    MalformedCsv { reason: String },
    #[error(
        "required column not found (accepted headers: {}); headers found: {}",
        accepted.join(", "),
        quoted(found)
    )]
    MissingColumn {
        field: &'static str,
        accepted: Vec<String>,
        found: Vec<String>,
    },
    #[error("row has {cells} cells but the header has {expected}")]
    ShortRow { cells: usize, expected: usize },
    #[error("{value:?} lies beyond the last header column ({expected} columns); an unquoted delimiter in a value?")]
    LongRow { value: String, expected: usize },
    #[error(
        "{left:?} and {right:?} look like one amount split by an unquoted thousands \
         separator ({left},{right}), which shifted the later columns; quote the amount or \
         save it without the separator (if they are two values, remove the delimiter \
         that ends the row)"
    )]
    SplitAmount { left: String, right: String },
    #[error(
        "{value:?} is a number with more digits than Excel keeps (15): the last ones may \
         have become zeros; format the column as text and type the ids again, or import \
         the CSV the platform exported"
    )]
    NumberTooLong { value: String },
    #[error("empty, but a value is required")]
    EmptyCell,
    #[error("{value:?} has a fraction of a fen: amounts are yuan with at most two decimals")]
    FractionOfFen { value: String },
    #[error("{value:?} is not an amount")]
    NotAnAmount { value: String },
    #[error("{value:?} is not a date")]
    NotADate { value: String },
    #[error("{value:?} is an error cell")]
    CellError { value: String },
    #[error("both a credit ({credit:?}) and a debit ({debit:?}) on one line")]
    CreditAndDebit { credit: String, debit: String },
    #[error("{value:?} is not a direction: write 借/支/出 (money out) or 贷/收/入 (money in)")]
    NotADirection { value: String },
    #[error(
        "the direction {direction:?} says money came in, but the amount {amount:?} is negative"
    )]
    DirectionAgainstSign { direction: String, amount: String },
    #[error("column mapping: {reason}")]
    Mapping { reason: String },
}

fn quoted(items: &[String]) -> String {
    if items.is_empty() {
        return "(none)".to_owned();
    }
    items
        .iter()
        .map(|item| format!("{item:?}"))
        .collect::<Vec<_>>()
        .join(", ")
}

impl ImportError {
    pub(crate) fn file(file: &str, problem: Problem) -> Self {
        Self(Box::new(Details {
            file: file.to_owned(),
            row: None,
            column: None,
            problem,
        }))
    }

    pub(crate) fn at(file: &str, row: usize, column: Option<&str>, problem: Problem) -> Self {
        Self(Box::new(Details {
            file: file.to_owned(),
            row: Some(row),
            column: column.map(str::to_owned),
            problem,
        }))
    }

    /// Shifts the row by the rows before the chunk it was found in.
    pub(crate) fn shift_row(&mut self, rows_before: usize) {
        self.0.row = self.0.row.map(|row| row + rows_before);
    }

    /// The file's display name, as the caller passed it.
    pub fn file_name(&self) -> &str {
        &self.0.file
    }

    /// The 1-based spreadsheet row, when the problem belongs to one.
    pub fn row(&self) -> Option<usize> {
        self.0.row
    }

    /// The column's header text (or its letter, `C`, in a file without a header).
    pub fn column(&self) -> Option<&str> {
        self.0.column.as_deref()
    }

    pub fn problem(&self) -> &Problem {
        &self.0.problem
    }

    /// The offending cell's text, when the problem is about one value.
    pub fn value(&self) -> Option<&str> {
        match &self.0.problem {
            Problem::NotAnAmount { value }
            | Problem::NotADate { value }
            | Problem::CellError { value }
            | Problem::NumberTooLong { value }
            | Problem::FractionOfFen { value }
            | Problem::NotADirection { value }
            | Problem::LongRow { value, .. } => Some(value),
            Problem::EmptyCell => Some(""),
            _ => None,
        }
    }

    /// A stable machine-readable code for the IPC boundary (`{code, message}`): the UI
    /// switches on this, never on the message text.
    pub fn code(&self) -> &'static str {
        match self.0.problem {
            Problem::Empty => "import.empty",
            Problem::UnknownEncoding | Problem::NotInEncoding { .. } => "import.encoding",
            Problem::NotExcel { .. } => "import.not_excel",
            Problem::NoSuchSheet { .. } => "import.no_such_sheet",
            Problem::MalformedCsv { .. } => "import.malformed_csv",
            Problem::MissingColumn { .. } => "import.missing_column",
            Problem::ShortRow { .. } => "import.short_row",
            Problem::LongRow { .. } => "import.long_row",
            Problem::SplitAmount { .. } => "import.split_amount",
            Problem::NumberTooLong { .. } => "import.number_too_long",
            Problem::EmptyCell => "import.empty_cell",
            Problem::NotAnAmount { .. } => "import.bad_amount",
            Problem::FractionOfFen { .. } => "import.fraction_of_fen",
            Problem::NotADate { .. } => "import.bad_date",
            Problem::CellError { .. } => "import.cell_error",
            Problem::CreditAndDebit { .. } => "import.credit_and_debit",
            Problem::NotADirection { .. } => "import.bad_direction",
            Problem::DirectionAgainstSign { .. } => "import.direction_against_sign",
            Problem::Mapping { .. } => "import.mapping",
        }
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let details = &self.0;
        f.write_str(&details.file)?;
        if let Some(row) = details.row {
            write!(f, ": row {row}")?;
            if let Some(column) = &details.column {
                write!(f, ", column {column:?}")?;
            }
        } else if let Some(column) = &details.column {
            write!(f, ": column {column:?}")?;
        }
        write!(f, ": {}", details.problem)
    }
}

impl std::error::Error for ImportError {}
