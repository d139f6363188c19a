//! Helpers shared by the integration tests: values and in-memory XLSX fixtures.
#![allow(dead_code)]

use chrono::NaiveDate;
use rust_decimal::Decimal;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

pub fn d(text: &str) -> Decimal {
    text.parse().unwrap()
}

pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A cell of an XLSX fixture.
#[derive(Debug, Clone)]
pub enum X {
    S(&'static str),
    N(f64),
    /// A date cell formatted `yyyy-mm-dd`.
    Date(u16, u8, u8),
    /// A date-time cell formatted `yyyy-mm-dd hh:mm:ss`.
    DateTime(u16, u8, u8, u16, u8, u8),
    Blank,
}

/// A sheet: its name, the 0-based (row, column) of its first cell, and its rows.
pub struct SheetSpec {
    pub name: &'static str,
    pub origin: (u32, u16),
    pub rows: Vec<Vec<X>>,
}

pub fn sheet(name: &'static str, rows: Vec<Vec<X>>) -> SheetSpec {
    SheetSpec {
        name,
        origin: (0, 0),
        rows,
    }
}

pub fn xlsx(sheets: &[SheetSpec]) -> Vec<u8> {
    let mut workbook = Workbook::new();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let date_time = Format::new().set_num_format("yyyy-mm-dd hh:mm:ss");
    for spec in sheets {
        let worksheet = workbook.add_worksheet();
        worksheet.set_name(spec.name).unwrap();
        for (r, row) in spec.rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let r = spec.origin.0 + u32::try_from(r).unwrap();
                let c = spec.origin.1 + u16::try_from(c).unwrap();
                match cell {
                    X::S(text) => {
                        worksheet.write_string(r, c, *text).unwrap();
                    }
                    X::N(number) => {
                        worksheet.write_number(r, c, *number).unwrap();
                    }
                    X::Date(y, m, dd) => {
                        let value = ExcelDateTime::from_ymd(*y, *m, *dd).unwrap();
                        worksheet
                            .write_datetime_with_format(r, c, &value, &date)
                            .unwrap();
                    }
                    X::DateTime(y, m, dd, h, mi, s) => {
                        let value = ExcelDateTime::from_ymd(*y, *m, *dd)
                            .unwrap()
                            .and_hms(*h, *mi, *s)
                            .unwrap();
                        worksheet
                            .write_datetime_with_format(r, c, &value, &date_time)
                            .unwrap();
                    }
                    X::Blank => {}
                }
            }
        }
    }
    workbook.save_to_buffer().unwrap()
}
