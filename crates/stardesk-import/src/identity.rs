//! The identity of a parse: [`source_digest`] of what decides an import's result, so
//! that a caller who kept the digest of a file it imported knows, without parsing again,
//! that the same bytes read the same way give the very same lines.

use sha2::{Digest, Sha256};

use crate::encoding::has_workbook_extension;
use crate::{ColumnMapping, FileKind};

/// SHA-256 over everything [`crate::import_with_mapping`]'s answer depends on: the
/// reader's build (a digest of the parsing sources and the locked dependency versions,
/// from `build.rs`: another build may read the same bytes differently), the kind, the
/// mapping, whether the name claims a workbook (the only way the name changes the
/// answer: a CSV named `.xlsx` is refused) and the bytes. Two calls with the same digest
/// give the same lines, encoding and header, or both fail (the error names the file).
///
/// The mapping goes in as its `Debug` text, which is exact (every field, strings quoted)
/// and stable within one build, which the digest also holds.
pub fn source_digest(
    kind: FileKind,
    file: &str,
    bytes: &[u8],
    mapping: &ColumnMapping,
) -> [u8; 32] {
    let mut hasher = Sha256::new();
    let mut part = |b: &[u8]| {
        hasher.update((b.len() as u64).to_le_bytes());
        hasher.update(b);
    };
    part(env!("STARDESK_READER_BUILD").as_bytes());
    part(&[kind.tag(), u8::from(has_workbook_extension(file))]);
    part(format!("{mapping:?}").as_bytes());
    part(bytes);
    hasher.finalize().into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{import_with_mapping, ColumnRef, HeaderRow};

    const CSV: &[u8] =
        "结算单号,任务ID,结算金额,结算日期,状态\nJS1,T1,12.30,2026-03-05,已结算\n".as_bytes();

    /// The same bytes read the same way have one digest whatever the file is called; a
    /// change to anything the answer depends on gives another.
    #[test]
    fn the_digest_changes_with_what_changes_the_answer_and_only_that() {
        let plain = ColumnMapping::default();
        let digest = source_digest(FileKind::Statement, "结算单.csv", CSV, &plain);
        assert_eq!(
            digest,
            source_digest(FileKind::Statement, "结算单 (1).csv", CSV, &plain),
            "another name of the same kind of file"
        );
        let mut other_bytes = CSV.to_vec();
        let at = other_bytes.len() - 3;
        other_bytes[at] = b'X';
        // The plain mapping with one field changed.
        let with = |change: fn(&mut ColumnMapping)| {
            let mut mapping = plain.clone();
            change(&mut mapping);
            source_digest(FileKind::Statement, "结算单.csv", CSV, &mapping)
        };
        let csv = |kind, name: &str, bytes: &[u8]| source_digest(kind, name, bytes, &plain);
        for (what, other) in [
            (
                "bytes",
                csv(FileKind::Statement, "结算单.csv", &other_bytes),
            ),
            ("kind", csv(FileKind::Expected, "结算单.csv", CSV)),
            (
                "workbook name",
                csv(FileKind::Statement, "结算单.xlsx", CSV),
            ),
            (
                "columns",
                with(|m| m.columns.push(("amount".into(), ColumnRef::Index(2)))),
            ),
            ("header row", with(|m| m.header_row = HeaderRow::Row(1))),
            ("delimiter", with(|m| m.delimiter = Some(','))),
            ("footer rows", with(|m| m.skip_trailing_rows = 1)),
            (
                "encoding",
                with(|m| m.encoding = Some(crate::TextEncoding::Gb18030)),
            ),
            ("sheet", with(|m| m.sheet = Some("Sheet1".into()))),
        ] {
            assert_ne!(digest, other, "{what}");
        }
        // The workbook name is what makes the same bytes fail: the digest tells them apart.
        assert!(import_with_mapping(FileKind::Statement, "结算单.csv", CSV, &plain).is_ok());
        assert!(import_with_mapping(FileKind::Statement, "结算单.xlsx", CSV, &plain).is_err());
    }
}
