//! Compact lines for a summary-only reconciliation of large files
//! (`stardesk_domain::reconcile::summary`): a statement or expected-earnings file read,
//! found and checked exactly as [`crate::import_statement_lean`] and
//! [`crate::import_expected_lean`] read it (same encodings, header, columns, values and
//! errors), keeping per line only a task number, an amount in fen, a date and whether
//! the payout failed: 24 bytes, no key, nothing hashed.
//!
//! A file whose values have no compact form reads as `Ok(None)`, and the caller takes
//! the full path: a task id that is not a canonical decimal below 10^19 (`T1001`,
//! `0012`), an amount with more than two decimals.

use rust_decimal::Decimal;
use stardesk_domain::reconcile::summary::{TaskDue, TaskPayout};

use crate::error::ImportError;
use crate::mapping::ColumnMapping;
use crate::reader::import_as;

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
    // 19 digits stay below 10^19 < 2^64: no overflow.
    bytes.iter().try_fold(0u64, |number, &byte| {
        byte.is_ascii_digit()
            .then(|| number * 10 + u64::from(byte - b'0'))
    })
}

/// The amount in fen, when it has exactly two decimals (every imported amount has at
/// least two).
pub(crate) fn fen(amount: Decimal) -> Option<i64> {
    (amount.scale() == 2)
        .then(|| i64::try_from(amount.mantissa()).ok())
        .flatten()
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

    #[test]
    fn amounts_in_fen_have_two_decimals() {
        assert_eq!(fen(Decimal::new(12_345, 2)), Some(12_345));
        assert_eq!(fen(Decimal::new(-5, 2)), Some(-5));
        assert_eq!(fen(Decimal::new(125, 3)), None);
    }
}
