//! How to read a file whose layout the header synonyms don't cover: the user maps it once
//! in the UI, and the store keeps it as a named profile.

use crate::encoding::TextEncoding;

/// Where a field's values are.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ColumnRef {
    /// The column whose header is this text (compared like the synonyms: case, spaces,
    /// trailing colons and a trailing `(元)` ignored).
    Header(String),
    /// The column at this 0-based position: 0 is column A.
    Index(usize),
}

/// Which row holds the header.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum HeaderRow {
    /// The first of the first 20 rows that contains every header the mapping names (or,
    /// with no columns given, every required field's header).
    #[default]
    Auto,
    /// This 1-based spreadsheet row; rows above it are titles and are skipped.
    Row(usize),
    /// The file has no header; every column is given by [`ColumnRef::Index`] and data
    /// starts at the first row.
    Absent,
}

/// How to read one layout of file. [`ColumnMapping::default()`] is what the plain
/// `import_*` functions use: columns found by header synonyms, header row detected,
/// delimiter and encoding detected, first sheet.
///
/// The shape is deliberately flat (strings, numbers, two small enums) so the store can
/// keep it as JSON in a named profile without this crate knowing about serde.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct ColumnMapping {
    /// `(field name, column)` pairs, field names as in [`crate::FieldSpec::name`]
    /// (`"amount"`, `"task_id"`, ...). Empty: find every field by its synonyms. Not empty:
    /// exactly these columns are used, and each required field must be among them.
    pub columns: Vec<(String, ColumnRef)>,
    pub header_row: HeaderRow,
    /// Rows at the end to drop (a bank's 合计 / 导出时间 footer), counting non-blank rows.
    pub skip_trailing_rows: usize,
    /// The CSV delimiter (an ASCII character); `None` tries comma, then tab, semicolon and
    /// `|`, keeping the first with which the header is found.
    pub delimiter: Option<char>,
    /// The text encoding, overriding detection.
    pub encoding: Option<TextEncoding>,
    /// Optional fields (names as in `columns`) found by their header synonyms although
    /// `columns` is not empty and does not name them; nothing is missing when such a header
    /// is not there, and a column another field has is not taken. For a profile saved
    /// before StarDesk read a field that changes what another means: a bank profile from
    /// before the direction column (借贷标志) was read would otherwise read every debit of
    /// an unsigned file as a credit (the store sets `direction` for those). Empty for
    /// everything else, so a field left out of a mapping on purpose stays out.
    pub also_by_header: Vec<String>,
    /// The workbook's sheet to read; `None` reads the first.
    pub sheet: Option<String>,
}

impl ColumnMapping {
    /// A mapping that finds columns by these header texts.
    pub fn by_headers<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        Self {
            columns: pairs
                .into_iter()
                .map(|(field, header)| (field.to_owned(), ColumnRef::Header(header.to_owned())))
                .collect(),
            ..Self::default()
        }
    }

    /// A mapping for a file without a header, columns given by 0-based position.
    pub fn by_indexes<'a>(pairs: impl IntoIterator<Item = (&'a str, usize)>) -> Self {
        Self {
            columns: pairs
                .into_iter()
                .map(|(field, index)| (field.to_owned(), ColumnRef::Index(index)))
                .collect(),
            header_row: HeaderRow::Absent,
            ..Self::default()
        }
    }
}

/// Spreadsheet letters for a 0-based column: 0 → `A`, 25 → `Z`, 26 → `AA`.
pub fn column_letter(index: usize) -> String {
    let mut letters = Vec::new();
    let mut n = index + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + u8::try_from(rem).unwrap_or(0)));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_roll_over_like_a_spreadsheet() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }
}
