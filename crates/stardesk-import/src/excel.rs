//! Workbooks through `calamine`, and typed worksheet cells → text, amounts and dates.
//!
//! **Numbers never pass through float arithmetic.** calamine hands numeric cells over as
//! `f64`. The value is printed with 15 significant digits — the precision Excel itself
//! displays and stores — in scientific form (`format!("{:.14e}")`, e.g.
//! `1.23450000000000e3`), and that text is parsed by `Decimal::from_scientific` and
//! normalized. So a cell holding 1234.5 becomes exactly `1234.50`, and a formula result
//! stored as `0.30000000000000004` becomes `0.30`, as Excel shows it. Formatting a float
//! is not arithmetic on it; nothing is added, multiplied or rounded in binary.

use std::borrow::Cow;
use std::io::Cursor;

use calamine::{Data, Range, Reader, Sheets, Xls, Xlsx};
use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;

use crate::encoding::Format;
use crate::error::{ImportError, Problem};
use crate::values::{at_least_fen, parse_amount, parse_date};

/// An opened worksheet.
#[derive(Debug)]
pub struct Sheet {
    pub name: String,
    pub all: Vec<String>,
    pub range: Range<Data>,
}

/// Opens the workbook and reads the named sheet, or the first.
pub fn open_sheet(
    file: &str,
    bytes: &[u8],
    format: Format,
    wanted: Option<&str>,
) -> Result<Sheet, ImportError> {
    let not_excel = |reason: String| ImportError::file(file, Problem::NotExcel { reason });
    let cursor = Cursor::new(bytes);
    let mut workbook: Sheets<Cursor<&[u8]>> = match format {
        Format::Xls => Sheets::Xls(Xls::new(cursor).map_err(|e| not_excel(e.to_string()))?),
        _ => Sheets::Xlsx(Xlsx::new(cursor).map_err(|e| not_excel(e.to_string()))?),
    };
    let all = workbook.sheet_names();
    let name = match wanted {
        Some(wanted) => all
            .iter()
            .find(|name| name.as_str() == wanted || name.trim() == wanted.trim())
            .cloned()
            .ok_or_else(|| {
                ImportError::file(
                    file,
                    Problem::NoSuchSheet {
                        sheet: wanted.to_owned(),
                        available: all.clone(),
                    },
                )
            })?,
        None => all
            .first()
            .cloned()
            .ok_or_else(|| ImportError::file(file, Problem::Empty))?,
    };
    let range = workbook
        .worksheet_range(&name)
        .map_err(|e| not_excel(e.to_string()))?;
    Ok(Sheet { name, all, range })
}

pub fn is_blank(data: &Data) -> bool {
    match data {
        Data::Empty => true,
        Data::String(text) => text.trim().is_empty(),
        _ => false,
    }
}

/// The cell as a spreadsheet shows it (numbers to 15 significant digits, dates as
/// `YYYY-MM-DD`, date-times as `YYYY-MM-DD HH:MM:SS`).
pub fn display(data: &Data) -> String {
    match data {
        Data::Empty => String::new(),
        Data::String(text) | Data::DateTimeIso(text) | Data::DurationIso(text) => {
            text.trim().to_owned()
        }
        Data::Int(value) => value.to_string(),
        Data::Float(value) => {
            float_decimal(*value).map_or_else(|| value.to_string(), |d| d.to_string())
        }
        Data::Bool(value) => if *value { "TRUE" } else { "FALSE" }.to_owned(),
        Data::DateTime(value) => match value.as_datetime() {
            Some(at) if at.time() == chrono::NaiveTime::MIN => at.date().to_string(),
            Some(at) => at.format("%Y-%m-%d %H:%M:%S").to_string(),
            None => value.to_string(),
        },
        Data::Error(error) => error.to_string(),
    }
}

/// Excel keeps 15 significant digits of a number: from 10^15 on, a number's digits may
/// have been cut to zeros (as it does to a 19-digit platform id typed or opened as a
/// number).
const EXACT_BELOW: f64 = 1e15;

/// A cell as text for a text field (ids, names, memos). A number too long for Excel to
/// have kept whole is refused: its text would be another id.
pub fn text(data: &Data) -> Result<Cow<'_, str>, Problem> {
    match data {
        Data::String(text) => Ok(Cow::Borrowed(text)),
        Data::Error(error) => Err(Problem::CellError {
            value: error.to_string(),
        }),
        Data::Float(value) if value.abs() >= EXACT_BELOW => Err(Problem::NumberTooLong {
            value: display(data),
        }),
        other => Ok(Cow::Owned(display(other))),
    }
}

/// A cell as an amount; `None` when empty.
pub fn amount(data: &Data) -> Result<Option<Decimal>, Problem> {
    let not_an_amount = || Problem::NotAnAmount {
        value: display(data),
    };
    match data {
        Data::Empty => Ok(None),
        Data::String(text) if text.trim().is_empty() => Ok(None),
        Data::String(text) => parse_amount(text).map(Some).ok_or_else(not_an_amount),
        Data::Int(value) => Ok(Some(at_least_fen(Decimal::from(*value)))),
        Data::Float(value) => float_decimal(*value)
            .map(|d| Some(at_least_fen(d)))
            .ok_or_else(not_an_amount),
        Data::Error(error) => Err(Problem::CellError {
            value: error.to_string(),
        }),
        Data::Bool(_) | Data::DateTime(_) | Data::DateTimeIso(_) | Data::DurationIso(_) => {
            Err(not_an_amount())
        }
    }
}

/// A cell as a date; `None` when empty. Date cells give their date (a time of day is
/// dropped); a number is read as `yyyymmdd` when it looks like one (`20260305`) and as an
/// Excel serial day otherwise (a date typed into an unformatted cell).
pub fn date(data: &Data) -> Result<Option<NaiveDate>, Problem> {
    let not_a_date = || Problem::NotADate {
        value: display(data),
    };
    match data {
        Data::Empty => Ok(None),
        Data::String(text) | Data::DateTimeIso(text) if text.trim().is_empty() => Ok(None),
        Data::String(text) | Data::DateTimeIso(text) => {
            parse_date(text).map(Some).ok_or_else(not_a_date)
        }
        Data::DateTime(value) if value.is_datetime() => value
            .as_datetime()
            .map(|at| Some(at.date()))
            .ok_or_else(not_a_date),
        Data::Int(value) => number_date(*value, true).map(Some).ok_or_else(not_a_date),
        Data::Float(value) if value.is_finite() => {
            // Truncation toward zero, then a range check: no float arithmetic.
            #[allow(clippy::cast_possible_truncation)]
            let whole = value.trunc() as i64;
            let integral = value.fract() == 0.0;
            number_date(whole, integral)
                .map(Some)
                .ok_or_else(not_a_date)
        }
        Data::Error(error) => Err(Problem::CellError {
            value: error.to_string(),
        }),
        _ => Err(not_a_date()),
    }
}

/// The last day Excel can show, 9999-12-31, as a serial.
const MAX_SERIAL: i64 = 2_958_465;

fn number_date(value: i64, integral: bool) -> Option<NaiveDate> {
    // `yyyymmdd` from 1900-01-01 to 9999-12-31.
    if integral && (19_000_101..=99_991_231).contains(&value) {
        return parse_date(&value.to_string());
    }
    if !(1..=MAX_SERIAL).contains(&value) {
        return None;
    }
    // Serial day 1 is 1900-01-01 counted from 1899-12-31, but Excel's phantom 1900-02-29
    // shifts every later serial by one; counting from 1899-12-30 is right from March 1900.
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30)?;
    epoch.checked_add_days(Days::new(u64::try_from(value).ok()?))
}

/// The decimal a numeric cell shows: 15 significant digits, as Excel keeps them (see the
/// module doc). `None` for infinities and NaN.
pub fn float_decimal(value: f64) -> Option<Decimal> {
    if !value.is_finite() {
        return None;
    }
    let scientific = format!("{value:.14e}");
    let decimal = Decimal::from_scientific(&scientific).ok()?.normalize();
    Some(if decimal.is_zero() {
        Decimal::ZERO
    } else {
        decimal
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    #[test]
    fn floats_become_the_decimals_excel_shows() {
        assert_eq!(float_decimal(1234.5), Some(d("1234.5")));
        assert_eq!(float_decimal(-200.0), Some(d("-200")));
        // What 0.1 + 0.2 stores.
        assert_eq!(float_decimal(0.300_000_000_000_000_04), Some(d("0.3")));
        assert_eq!(
            float_decimal(1_234_567_890_123.0).unwrap().to_string(),
            "1234567890123"
        );
        assert_eq!(
            float_decimal(f64::from_bits(1 << 63)).unwrap().to_string(),
            "0"
        );
        assert_eq!(float_decimal(f64::NAN), None);
        assert_eq!(
            amount(&Data::Float(1234.5)).unwrap().unwrap().to_string(),
            "1234.50"
        );
    }

    #[test]
    fn numbers_in_date_columns_are_yyyymmdd_or_serials() {
        let day = NaiveDate::from_ymd_opt(2026, 3, 5);
        assert_eq!(date(&Data::Int(20260305)).unwrap(), day);
        assert_eq!(date(&Data::Float(20260305.0)).unwrap(), day);
        // 2026-03-05 is serial 46086; a time of day in the fraction is dropped.
        assert_eq!(date(&Data::Float(46086.0)).unwrap(), day);
        assert_eq!(date(&Data::Float(46086.6)).unwrap(), day);
        assert!(date(&Data::Float(-3.0)).is_err());
        assert!(date(&Data::Bool(true)).is_err());
    }
}
