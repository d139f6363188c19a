//! The lines reconciliation works on, as imported from files or computed.
//!
//! Every line carries a [`LineKey`]: which source file it came from and its occurrence,
//! so two genuinely identical lines in one file stay two lines, and a user's decision
//! about a line survives a re-import of the same file.

use std::fmt;
use std::num::ParseIntError;
use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;

/// A stable identity for an imported line: the content fingerprint of the line plus its
/// occurrence number among identical lines of the same kind (0 for the first).
///
/// Its text form is `"fingerprint:occurrence"`, both decimal (`"18446744073709551615:3"`):
/// the form decisions are stored in and keys cross IPC in, decimal so that no JSON reader
/// rounds a fingerprint beyond 2^53. [`fmt::Display`] writes it and [`FromStr`] reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LineKey {
    pub fingerprint: u64,
    pub occurrence: u32,
}

impl fmt::Display for LineKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.fingerprint, self.occurrence)
    }
}

/// Why a text is not a [`LineKey`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseLineKeyError {
    /// No `:` in the text (an empty text included).
    NoColon,
    /// The part before the first `:` is not a decimal `u64`.
    Fingerprint(ParseIntError),
    /// The part after the first `:` is not a decimal `u32` (a second `:` lands here).
    Occurrence(ParseIntError),
}

impl fmt::Display for ParseLineKeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NoColon => f.write_str("a line key is `fingerprint:occurrence` and has a `:`"),
            Self::Fingerprint(e) => write!(f, "the line key's fingerprint is not a u64: {e}"),
            Self::Occurrence(e) => write!(f, "the line key's occurrence is not a u32: {e}"),
        }
    }
}

impl std::error::Error for ParseLineKeyError {}

impl FromStr for LineKey {
    type Err = ParseLineKeyError;

    /// Reads `"fingerprint:occurrence"`; each part is read by `u64`'s and `u32`'s own
    /// `FromStr` (decimal digits, an optional leading `+`).
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let (fingerprint, occurrence) = text.split_once(':').ok_or(ParseLineKeyError::NoColon)?;
        Ok(Self {
            fingerprint: fingerprint
                .parse()
                .map_err(ParseLineKeyError::Fingerprint)?,
            occurrence: occurrence.parse().map_err(ParseLineKeyError::Occurrence)?,
        })
    }
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

#[cfg(test)]
mod tests {
    use std::num::IntErrorKind;

    use super::*;

    fn key(fingerprint: u64, occurrence: u32) -> LineKey {
        LineKey {
            fingerprint,
            occurrence,
        }
    }

    #[test]
    fn a_key_prints_as_fingerprint_colon_occurrence_and_reads_back() {
        for k in [
            key(0, 0),
            key(42, 1),
            key(1 << 63, 7),
            key(u64::MAX, u32::MAX),
        ] {
            let text = k.to_string();
            assert_eq!(text.parse::<LineKey>(), Ok(k), "{text}");
        }
        assert_eq!(key(u64::MAX, 3).to_string(), "18446744073709551615:3");
        assert_eq!("12:0".parse::<LineKey>(), Ok(key(12, 0)));
    }

    #[test]
    fn texts_that_are_not_keys_are_refused_with_the_reason() {
        let err = |text: &str| text.parse::<LineKey>().expect_err(text);
        assert_eq!(err(""), ParseLineKeyError::NoColon);
        assert_eq!(err("12"), ParseLineKeyError::NoColon);
        for text in ["x:1", ":1", "-1:0", "1.0:0"] {
            assert!(
                matches!(err(text), ParseLineKeyError::Fingerprint(_)),
                "{text}"
            );
        }
        for text in ["1:x", "1:", "1:-1", "1:2:3", "1:2:"] {
            assert!(
                matches!(err(text), ParseLineKeyError::Occurrence(_)),
                "{text}"
            );
        }
        match err("18446744073709551616:0") {
            ParseLineKeyError::Fingerprint(e) => {
                assert_eq!(e.kind(), &IntErrorKind::PosOverflow)
            }
            other => panic!("expected a fingerprint overflow, got {other:?}"),
        }
        match err("1:4294967296") {
            ParseLineKeyError::Occurrence(e) => assert_eq!(e.kind(), &IntErrorKind::PosOverflow),
            other => panic!("expected an occurrence overflow, got {other:?}"),
        }
        assert!(err("1:2:3").to_string().contains("occurrence"));
    }
}
