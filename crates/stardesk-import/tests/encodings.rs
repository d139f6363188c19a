//! Text encodings: UTF-8, UTF-8 with BOM, GBK/GB18030, UTF-16, and garbage.

mod common;

use common::{d, day};
use stardesk_domain::reconcile::records::PayoutStatus;
use stardesk_import::{
    detect_format, import_bank, import_statement, import_with_mapping, ColumnMapping, FileKind,
    Format, Problem, TextEncoding,
};

// Full-width ￥: GBK has no half-width ¥ (U+00A5), so GBK exports use U+FFE5.
const STATEMENT: &str = "结算单号,任务ID,结算金额,结算日期,状态\n\
                         JS001,T1001,\"￥1,234.50\",2026-03-05,已结算\n\
                         JS002,T1002,88,2026/3/6,提现失败\n";

#[test]
fn plain_utf8_is_read_as_utf8() {
    let imported = import_statement("statement.csv", STATEMENT.as_bytes()).unwrap();
    assert_eq!(imported.encoding, "UTF-8");
    assert_eq!(imported.lines.len(), 2);
    assert_eq!(imported.lines[0].statement_id, "JS001");
    assert_eq!(imported.lines[0].amount, d("1234.50"));
    assert_eq!(imported.lines[1].status, PayoutStatus::Failed);
}

#[test]
fn utf8_bom_is_stripped_before_the_first_header() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(STATEMENT.as_bytes());
    let imported = import_statement("statement.csv", &bytes).unwrap();
    assert_eq!(imported.encoding, "UTF-8 BOM");
    // The BOM sits right before 结算单号: left in, that column would not be found.
    assert_eq!(imported.lines[0].statement_id, "JS001");
    assert_eq!(imported.header_row, Some(1));
}

#[test]
fn gbk_bank_exports_decode_as_gb18030() {
    let text = "中国工商银行账户明细\n\
                交易日期,收入金额,对方户名,摘要,流水号\n\
                2026-03-05,\"1,234.50\",北京字节跳动科技有限公司,星图结算款,SEQ0001\n";
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(text);
    assert!(!unmappable);
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "the fixture must not be UTF-8"
    );

    let imported = import_bank("流水.csv", &bytes).unwrap();
    assert_eq!(imported.encoding, "GB18030");
    assert_eq!(imported.header_row, Some(2));
    let line = &imported.lines[0];
    assert_eq!(line.counterparty, "北京字节跳动科技有限公司");
    assert_eq!(line.memo, "星图结算款");
    assert_eq!(line.amount, d("1234.50"));
    assert_eq!(line.date, day(2026, 3, 5));
    assert_eq!(
        detect_format("流水.csv", &bytes).unwrap(),
        Format::Csv {
            encoding: TextEncoding::Gb18030
        }
    );
}

#[test]
fn gbk_and_utf8_exports_of_one_statement_give_the_same_keys() {
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(STATEMENT);
    assert!(!unmappable);
    let from_gbk = import_statement("a.csv", &gbk).unwrap();
    let from_utf8 = import_statement("b.csv", STATEMENT.as_bytes()).unwrap();
    assert_eq!(from_gbk.lines, from_utf8.lines);
}

#[test]
fn utf16_unicode_text_from_excel_is_read_with_tabs() {
    let text = STATEMENT
        .replace(',', "\t")
        .replace("\"￥1\t234.50\"", "1234.50");
    let mut bytes = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    let imported = import_statement("unicode.txt", &bytes).unwrap();
    assert_eq!(imported.encoding, "UTF-16LE");
    assert_eq!(imported.delimiter, Some('\t'));
    assert_eq!(imported.lines[0].amount, d("1234.5"));
}

#[test]
fn random_bytes_are_an_unknown_encoding_naming_the_file() {
    // A fixed pseudo-random sequence (xorshift), so the test is deterministic.
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let bytes: Vec<u8> = (0..4096)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state.to_le_bytes()[0]
        })
        .collect();
    let err = import_statement("random.csv", &bytes).unwrap_err();
    assert_eq!(*err.problem(), Problem::UnknownEncoding);
    assert_eq!(err.file_name(), "random.csv");
    assert_eq!(err.code(), "import.encoding");
    assert!(
        err.to_string().starts_with("random.csv: unknown encoding"),
        "{err}"
    );
}

#[test]
fn shift_jis_with_half_width_kana_is_not_mistaken_for_gbk() {
    // Half-width katakana are single bytes 0xA1..0xDF in Shift-JIS; before an ASCII comma
    // such a byte is an invalid GB18030 sequence, so the file cannot be GBK.
    let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode("ﾃﾞﾝﾋﾟｮｳ,ｷﾝｶﾞｸ,ﾋ\nA-1,1200,2026-03-05\n");
    assert!(std::str::from_utf8(&bytes).is_err());
    let err = import_statement("sjis.csv", &bytes).unwrap_err();
    assert_eq!(*err.problem(), Problem::UnknownEncoding, "{err}");
}

#[test]
fn utf16_without_bom_is_refused_rather_than_misread() {
    let bytes: Vec<u8> = "task_id,amount\nT1,5\n"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let err = import_statement("nobom.csv", &bytes).unwrap_err();
    assert_eq!(*err.problem(), Problem::UnknownEncoding);
}

#[test]
fn an_encoding_override_is_checked_not_trusted() {
    let (gbk, _, _) = encoding_rs::GBK.encode(STATEMENT);
    let forced_gbk = ColumnMapping {
        encoding: Some(TextEncoding::Gb18030),
        ..ColumnMapping::default()
    };
    let imported = import_with_mapping(FileKind::Statement, "s.csv", &gbk, &forced_gbk).unwrap();
    assert_eq!(imported.len(), 2);

    let forced_utf8 = ColumnMapping {
        encoding: Some(TextEncoding::Utf8),
        ..ColumnMapping::default()
    };
    let err = import_with_mapping(FileKind::Statement, "s.csv", &gbk, &forced_utf8).unwrap_err();
    assert_eq!(*err.problem(), Problem::NotInEncoding { encoding: "UTF-8" });
    assert_eq!(err.to_string(), "s.csv: the text is not valid UTF-8");
}
