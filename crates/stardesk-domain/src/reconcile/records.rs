//! The lines reconciliation works on, as imported from files or computed.
//!
//! Every line carries a [`LineKey`]: which source file it came from and its occurrence,
//! so two genuinely identical lines in one file stay two lines, and a user's decision
//! about a line survives a re-import of the same file.

use chrono::NaiveDate;
use rust_decimal::Decimal;

/// A stable identity for an imported line: the content fingerprint of the line plus its
/// occurrence number among identical lines of the same kind (0 for the first).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LineKey {
    pub fingerprint: u64,
    pub occurrence: u32,
}

/// What a task should have paid: one row of the expected-earnings list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpectedLine {
    pub key: LineKey,
    pub task_id: String,
    /// Net the creator should receive, yuan.
    pub amount: Decimal,
    pub due_date: Option<NaiveDate>,
    /// The components, when computed by StarDesk (not when imported as a bare amount).
    pub gross: Option<Decimal>,
    pub fee: Option<Decimal>,
    pub tax: Option<Decimal>,
}

/// The platform's payout status of a statement line.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PayoutStatus {
    /// 已结算
    Settled,
    /// 提现中
    Withdrawing,
    /// 已提现
    Withdrawn,
    /// 提现失败 (R-SETTLE-1..4)
    Failed,
    /// Any other text, kept verbatim.
    Other(String),
}

/// One line of the platform's settlement statement (结算单).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementLine {
    pub key: LineKey,
    pub statement_id: String,
    pub task_id: String,
    /// Net paid, yuan.
    pub amount: Decimal,
    pub date: NaiveDate,
    pub status: PayoutStatus,
    pub gross: Option<Decimal>,
    pub fee: Option<Decimal>,
    pub tax: Option<Decimal>,
}

/// One credit (or debit, negative) in the creator's bank statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BankLine {
    pub key: LineKey,
    pub txn_id: String,
    pub date: NaiveDate,
    pub amount: Decimal,
    pub counterparty: String,
    pub memo: String,
}

/// An invoice mailed for a statement (R-SETTLE-1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvoiceLine {
    pub key: LineKey,
    pub statement_id: String,
    pub sent_date: NaiveDate,
    pub tracking_no: String,
}

/// Read access to an expected line, whatever holds it: [`ExpectedLine`], or a caller's
/// leaner record for inputs too large to hold a `String` per field. The reconciler reads
/// lines only through this trait, so every holder gets the same rules.
pub trait ExpectedRecord: Sync {
    fn key(&self) -> &LineKey;
    fn task_id(&self) -> &str;
    fn amount(&self) -> Decimal;
    fn due_date(&self) -> Option<NaiveDate>;
    fn gross(&self) -> Option<Decimal>;
    fn fee(&self) -> Option<Decimal>;
    fn tax(&self) -> Option<Decimal>;
}

/// Read access to a statement line (see [`ExpectedRecord`]).
pub trait StatementRecord: Sync {
    fn key(&self) -> &LineKey;
    fn statement_id(&self) -> &str;
    fn task_id(&self) -> &str;
    fn amount(&self) -> Decimal;
    fn date(&self) -> NaiveDate;
    /// Whether the payout failed ([`PayoutStatus::Failed`], 提现失败).
    fn is_failed(&self) -> bool;
    fn gross(&self) -> Option<Decimal>;
    fn fee(&self) -> Option<Decimal>;
    fn tax(&self) -> Option<Decimal>;
}

impl ExpectedRecord for ExpectedLine {
    fn key(&self) -> &LineKey {
        &self.key
    }
    fn task_id(&self) -> &str {
        &self.task_id
    }
    fn amount(&self) -> Decimal {
        self.amount
    }
    fn due_date(&self) -> Option<NaiveDate> {
        self.due_date
    }
    fn gross(&self) -> Option<Decimal> {
        self.gross
    }
    fn fee(&self) -> Option<Decimal> {
        self.fee
    }
    fn tax(&self) -> Option<Decimal> {
        self.tax
    }
}

impl StatementRecord for StatementLine {
    fn key(&self) -> &LineKey {
        &self.key
    }
    fn statement_id(&self) -> &str {
        &self.statement_id
    }
    fn task_id(&self) -> &str {
        &self.task_id
    }
    fn amount(&self) -> Decimal {
        self.amount
    }
    fn date(&self) -> NaiveDate {
        self.date
    }
    fn is_failed(&self) -> bool {
        matches!(self.status, PayoutStatus::Failed)
    }
    fn gross(&self) -> Option<Decimal> {
        self.gross
    }
    fn fee(&self) -> Option<Decimal> {
        self.fee
    }
    fn tax(&self) -> Option<Decimal> {
        self.tax
    }
}
