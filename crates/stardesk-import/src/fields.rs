//! The four kinds of file, their fields, and the header names each field is found by.

/// Which list a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FileKind {
    /// The platform's settlement statement (结算单明细).
    Statement,
    /// The creator's bank statement (银行流水).
    Bank,
    /// What each task should pay (应收明细).
    Expected,
    /// Invoices mailed for statements (发票寄送记录).
    Invoices,
}

/// What a field's cells hold, which decides how they are parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ValueKind {
    Text,
    Amount,
    Date,
    Status,
}

/// One field of a kind of file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldSpec {
    /// The field's name in a [`crate::ColumnMapping`] (`"amount"`, `"task_id"`, ...).
    pub name: &'static str,
    /// A required field's column must exist; its cells must not be empty.
    pub required: bool,
    pub value: ValueKind,
    /// Header texts that find this column, in priority order: when a file has two columns
    /// that both match (a bank's 交易日期 and 交易时间), the earlier synonym wins, whatever
    /// the column order. Compared after [`normalize_header`].
    pub synonyms: &'static [&'static str],
}

const fn field(
    name: &'static str,
    required: bool,
    value: ValueKind,
    synonyms: &'static [&'static str],
) -> FieldSpec {
    FieldSpec {
        name,
        required,
        value,
        synonyms,
    }
}

use ValueKind::{Amount, Date, Status, Text};

const STATEMENT_ID: &[&str] = &[
    "statement_id",
    "结算单号",
    "结算单ID",
    "结算单编号",
    "statement no",
];
const TASK_ID: &[&str] = &["task_id", "任务ID", "任务编号", "task no"];
const GROSS: &[&str] = &["gross", "税前金额", "gross amount"];
const FEE: &[&str] = &["fee", "服务费", "平台服务费", "service fee"];
const TAX: &[&str] = &["tax", "代扣个税", "代扣税费", "个税"];

/// Statement fields, in the order of [`statement`] indexes.
const STATEMENT: &[FieldSpec] = &[
    field("statement_id", true, Text, STATEMENT_ID),
    field("task_id", true, Text, TASK_ID),
    field(
        "amount",
        true,
        Amount,
        &["amount", "结算金额", "实发金额", "net amount", "net"],
    ),
    field(
        "date",
        true,
        Date,
        &["date", "结算日期", "结算时间", "settlement date"],
    ),
    field(
        "status",
        true,
        Status,
        &["status", "状态", "结算状态", "提现状态"],
    ),
    field("gross", false, Amount, GROSS),
    field("fee", false, Amount, FEE),
    field("tax", false, Amount, TAX),
];

/// Bank fields. Besides the names the platform's help pages use, the synonyms cover the
/// headers of common Chinese bank exports: 交易时间/记账日期/入账日期 (date),
/// 贷方发生额/贷方金额/收入/交易金额/金额 (amount), 对方名称/对方账户名 (counterparty),
/// 备注/用途/附言 (memo), 交易流水号/凭证号 (transaction id), a separate debit column
/// (支出金额/借方发生额/借方金额/支出) for banks that split credits and debits, and a
/// direction column (借贷标志/收支方向…) for banks that print every amount unsigned and
/// say in a column of its own whether money came in (贷/收) or went out (借/支).
const BANK: &[FieldSpec] = &[
    field(
        "txn_id",
        false,
        Text,
        &["txn_id", "流水号", "交易流水号", "凭证号", "transaction id"],
    ),
    field(
        "date",
        true,
        Date,
        &[
            "date",
            "交易日期",
            "记账日期",
            "入账日期",
            "交易时间",
            "transaction date",
        ],
    ),
    field(
        "amount",
        true,
        Amount,
        &[
            "amount",
            "收入金额",
            "贷方发生额",
            "贷方金额",
            "收入",
            "交易金额",
            "金额",
            "credit",
        ],
    ),
    field(
        "debit",
        false,
        Amount,
        &["debit", "支出金额", "借方发生额", "借方金额", "支出"],
    ),
    field(
        "counterparty",
        false,
        Text,
        &[
            "counterparty",
            "对方户名",
            "对方名称",
            "对方账户名",
            "对方账户名称",
        ],
    ),
    field(
        "memo",
        false,
        Text,
        &["memo", "摘要", "备注", "用途", "附言"],
    ),
    field(
        "direction",
        false,
        Text,
        &[
            "direction",
            "借贷标志",
            "借贷方向",
            "借贷",
            "收支方向",
            "收支标志",
            "收支类型",
            "收/支",
            "交易方向",
            "资金流向",
            "dr/cr",
        ],
    ),
];

const EXPECTED: &[FieldSpec] = &[
    field("task_id", true, Text, TASK_ID),
    field(
        "amount",
        true,
        Amount,
        &["amount", "应收金额", "应收", "expected amount"],
    ),
    field(
        "due_date",
        false,
        Date,
        &["due_date", "应付日期", "到期日", "due"],
    ),
    field("gross", false, Amount, GROSS),
    field("fee", false, Amount, FEE),
    field("tax", false, Amount, TAX),
];

const INVOICES: &[FieldSpec] = &[
    field("statement_id", true, Text, STATEMENT_ID),
    field(
        "sent_date",
        true,
        Date,
        &["sent_date", "寄出日期", "邮寄日期", "寄送日期", "sent"],
    ),
    field(
        "tracking_no",
        true,
        Text,
        &[
            "tracking_no",
            "快递单号",
            "运单号",
            "物流单号",
            "tracking number",
        ],
    ),
];

/// Field indexes into [`FileKind::fields`], per kind.
pub(crate) mod statement {
    pub const STATEMENT_ID: usize = 0;
    pub const TASK_ID: usize = 1;
    pub const AMOUNT: usize = 2;
    pub const DATE: usize = 3;
    pub const STATUS: usize = 4;
    pub const GROSS: usize = 5;
    pub const FEE: usize = 6;
    pub const TAX: usize = 7;
}
pub(crate) mod bank {
    pub const TXN_ID: usize = 0;
    pub const DATE: usize = 1;
    pub const AMOUNT: usize = 2;
    pub const DEBIT: usize = 3;
    pub const COUNTERPARTY: usize = 4;
    pub const MEMO: usize = 5;
    pub const DIRECTION: usize = 6;
}
pub(crate) mod expected {
    pub const TASK_ID: usize = 0;
    pub const AMOUNT: usize = 1;
    pub const DUE_DATE: usize = 2;
    pub const GROSS: usize = 3;
    pub const FEE: usize = 4;
    pub const TAX: usize = 5;
}
pub(crate) mod invoices {
    pub const STATEMENT_ID: usize = 0;
    pub const SENT_DATE: usize = 1;
    pub const TRACKING_NO: usize = 2;
}

impl FileKind {
    pub const ALL: [FileKind; 4] = [Self::Statement, Self::Bank, Self::Expected, Self::Invoices];

    /// The fields of this kind of file, required ones first among equals.
    pub fn fields(self) -> &'static [FieldSpec] {
        match self {
            Self::Statement => STATEMENT,
            Self::Bank => BANK,
            Self::Expected => EXPECTED,
            Self::Invoices => INVOICES,
        }
    }

    /// `"statement"`, `"bank"`, `"expected"` or `"invoices"`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Statement => "statement",
            Self::Bank => "bank",
            Self::Expected => "expected",
            Self::Invoices => "invoices",
        }
    }

    /// The tag that starts every fingerprint of this kind, so a statement line and an
    /// invoice line with equal fields never share a key.
    pub(crate) fn tag(self) -> u8 {
        match self {
            Self::Statement => b'S',
            Self::Bank => b'B',
            Self::Expected => b'E',
            Self::Invoices => b'I',
        }
    }
}

/// Normalizes a header for comparison: case, all spaces (including full-width `U+3000`),
/// `_`, `-`, `.` and `*` (required-field markers) are ignored, as are trailing colons
/// (`:`/`：`) and a trailing unit in parentheses (`金额(元)`, `收入金额（元）`).
pub fn normalize_header(header: &str) -> String {
    let mut text = header.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    loop {
        let before = text.len();
        text = text
            .trim_end_matches([':', '：'])
            .trim_end_matches(char::is_whitespace);
        for (open, close) in [('(', ')'), ('（', '）')] {
            if let Some(inner) = text.strip_suffix(close) {
                if let Some(at) = inner.rfind(open) {
                    if at > 0 {
                        text = inner[..at].trim_end();
                    }
                }
            }
        }
        if text.len() == before {
            break;
        }
    }
    text.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '_' | '-' | '.' | '*'))
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn no_header_finds_two_fields_of_one_kind() {
        for kind in FileKind::ALL {
            let mut seen = HashSet::new();
            for spec in kind.fields() {
                for synonym in spec.synonyms {
                    assert!(
                        seen.insert(normalize_header(synonym)),
                        "{synonym} is ambiguous in {kind:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn normalization_ignores_case_spacing_colons_and_units() {
        assert_eq!(normalize_header(" Task_ID "), "taskid");
        assert_eq!(normalize_header("task id"), normalize_header("TASK-ID"));
        assert_eq!(normalize_header("结算金额："), "结算金额");
        assert_eq!(normalize_header("收入金额（元）:"), "收入金额");
        assert_eq!(normalize_header("任务\u{3000}ID"), "任务id");
        assert_eq!(normalize_header("(元)"), "(元)");
    }
}
