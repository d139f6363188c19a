//! Reading exported files — the platform's settlement statement, a bank statement, an
//! expected-earnings list, an invoice mailing list — into the reconciliation records of
//! [`stardesk_domain::reconcile::records`].
//!
//! **What this crate owns:** turning the *bytes* of a CSV (UTF-8, UTF-8 with BOM,
//! GBK/GB18030, UTF-16 with BOM; comma, tab, semicolon or `|`) or an Excel workbook
//! (XLSX, legacy XLS) into typed lines: finding the header row under a bank's title
//! lines, finding each column by its header in English or Chinese (see
//! [`FileKind::fields`] for every accepted name), parsing amounts and dates in the forms
//! people and exports write them, and giving every line a stable [`LineKey`].
//!
//! **Architecture invariants**
//! - **No IO, no async, no database.** The caller reads the file and passes `&[u8]` and a
//!   display name (used only in errors). Everything is data in, data out. The only
//!   concurrency is internal: a large CSV without quotes is parsed on scoped threads, one
//!   per core, which end before the call returns.
//! - **All or nothing.** One bad cell rejects the whole file with an [`ImportError`] that
//!   names the file, the row as a spreadsheet shows it (1-based, counting title lines and
//!   the header), the column's header text and the value:
//!   `statement.csv: row 7, column "结算金额": "12,34x" is not an amount`. The caller
//!   never writes half a file.
//! - **Money never touches `f64` arithmetic.** Text amounts go to
//!   [`stardesk_domain::money::parse_yuan`] (plain `123.45` takes an exact fast path
//!   first); numeric spreadsheet cells are converted through their 15-digit decimal text
//!   (see the `excel` module), so 1234.5 is exactly `1234.50`. Float arithmetic is denied
//!   crate-wide.
//! - **Keys are content, not position.** A line's fingerprint hashes its parsed identifying
//!   fields (a fixed-constant word hash, stable across runs and platforms), so the same
//!   file re-imported, a re-export with different number formatting, or an overlapping
//!   period gives the same keys; two identical lines in one file are kept, with
//!   occurrences 0 and 1. A statement line's payout status and optional gross/fee/tax are
//!   attributes, not identity: a later export updates them (the store upserts).
//! - **No serde.** [`ColumnMapping`] is shaped to be stored as JSON by the store, which
//!   owns that format.
//!
//! # Header names
//! Compared ignoring case, spaces (also full-width), `_ - . *`, trailing colons and a
//! trailing unit such as `(元)`. Where two columns match one field, the earlier name in
//! the list wins (a bank's 交易日期 over its 交易时间), whatever the column order.
//!
//! | file | field | headers |
//! |---|---|---|
//! | statement | `statement_id`* | statement_id, 结算单号, 结算单ID, 结算单编号, statement no |
//! | | `task_id`* | task_id, 任务ID, 任务编号, task no |
//! | | `amount`* (net) | amount, 结算金额, 实发金额, net amount, net |
//! | | `date`* | date, 结算日期, 结算时间, settlement date |
//! | | `status`* | status, 状态, 结算状态, 提现状态 |
//! | | `gross`, `fee`, `tax` | gross/税前金额/gross amount; fee/服务费/平台服务费/service fee; tax/代扣个税/代扣税费/个税 |
//! | bank | `txn_id` | txn_id, 流水号, 交易流水号, 凭证号, transaction id |
//! | | `date`* | date, 交易日期, 记账日期, 入账日期, 交易时间, transaction date |
//! | | `amount`* (credit) | amount, 收入金额, 贷方发生额, 贷方金额, 收入, 交易金额, 金额, credit |
//! | | `debit` | debit, 支出金额, 借方发生额, 借方金额, 支出 (read as a negative amount) |
//! | | `counterparty` | counterparty, 对方户名, 对方名称, 对方账户名, 对方账户名称 |
//! | | `memo` | memo, 摘要, 备注, 用途, 附言 |
//! | expected | `task_id`* | as statement |
//! | | `amount`* | amount, 应收金额, 应收, expected amount |
//! | | `due_date` | due_date, 应付日期, 到期日, due |
//! | | `gross`, `fee`, `tax` | as statement |
//! | invoices | `statement_id`* | as statement |
//! | | `sent_date`* | sent_date, 寄出日期, 邮寄日期, 寄送日期, sent |
//! | | `tracking_no`* | tracking_no, 快递单号, 运单号, 物流单号, tracking number |
//!
//! `*` required: the column must exist and its cells must not be empty. A missing
//! optional column reads as empty text or `None`. [`FileKind::fields`] is the source of
//! this table (the UI lists it from there).
//!
//! # Values
//! - Amounts: `1234.5`, `¥1,234.50`, `￥88`, `1234.5元`, `(200.00)`, `-200`, `+7.5`,
//!   spaces around the parts, Excel's `="66.00"`; always at least two decimals
//!   (`1234.5` → `1234.50`), never rounded.
//! - Dates: `2026-03-05`, `2026/3/5`, `2026.3.5`, `20260305`, `2026年3月5日`, any of them
//!   followed by a time (`2026-03-05 14:22:01`, `…T14:22:01`), which is dropped; XLSX date
//!   cells, serial days and `yyyymmdd` numbers.
//! - Statuses: 已结算 / 提现中 / 已提现 / 提现失败 or settled / withdrawing / withdrawn /
//!   failed (any case); other text is kept as `PayoutStatus::Other`.
//! - Ids lose Excel's text markers (`="0012"`, a leading `'` or tab).
//! - Blank rows (also `,,,,`) are skipped. A header-only file imports zero lines.
//!
//! # API
//! - [`import_statement`], [`import_bank`], [`import_expected`], [`import_invoices`]:
//!   columns found by header synonyms.
//! - [`import_as`] (typed) and [`import_with_mapping`] (kind chosen at run time): read
//!   with a saved [`ColumnMapping`] profile.
//! - [`preview`] / [`preview_with_mapping`]: headers, first rows and a guessed mapping for
//!   the mapping dialog.
//! - [`detect_format`]: CSV (with its encoding), XLSX or XLS.
//! - [`source_digest`]: the identity of a parse (bytes, kind, mapping, this build), so
//!   a caller can tell a file it already imported without reading it again.
//!
//! Performance: the CSV path reads `csv::ByteRecord`s into one reused buffer, borrows
//! UTF-8 input without copying, decodes GB18030 only when the bytes are not UTF-8, and
//! parses plain amounts and ISO dates on fast paths. `examples/million.rs` imports a
//! million rows.
#![deny(clippy::float_arithmetic)]

mod compact;
mod encoding;
mod error;
mod excel;
mod fields;
mod fingerprint;
mod identity;
mod layout;
mod lean;
mod lines;
mod mapping;
mod reader;
mod table;
mod values;

pub use compact::{import_expected_compact, import_statement_compact, PlainRecord, PlainScan};
pub use encoding::{detect_format, Format, TextEncoding};
pub use error::{ImportError, Problem};
pub use fields::{normalize_header, FieldSpec, FileKind, ValueKind};
pub use identity::source_digest;
pub use layout::HEADER_SCAN_ROWS;
pub use lean::{LeanExpectedLine, LeanStatementLine, SmallText};
pub use lines::ImportRecord;
pub use mapping::{column_letter, ColumnMapping, ColumnRef, HeaderRow};
pub use reader::{
    import_as, import_bank, import_expected, import_expected_lean, import_invoices,
    import_statement, import_statement_lean, import_with_mapping, preview, preview_with_mapping,
    AnyImported, Imported, Preview,
};

#[doc(no_inline)]
pub use stardesk_domain::reconcile::records::LineKey;
