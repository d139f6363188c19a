//! Lean lines for large files: the same fields as [`StatementLine`] and [`ExpectedLine`],
//! parsed by the same code and keyed by the same fingerprints, without a heap `String`
//! per field.
//!
//! A million-row statement held as [`StatementLine`]s costs about 230 bytes a line (two
//! `String`s, each a separate allocation, and three 20-byte optional components); a
//! [`LeanStatementLine`] holds its ids inline ([`SmallText`]: every platform id is a u64,
//! 20 digits at most) and the rarely present gross/fee/tax (and an unusual status text)
//! behind one optional box: 96 bytes and no allocation. The reconciler reads both through
//! [`StatementRecord`] / [`ExpectedRecord`], so the result is the same; `into_line`
//! converts one to the full record.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use stardesk_domain::reconcile::records::{
    ExpectedLine, ExpectedRecord, LineKey, PayoutStatus, StatementLine, StatementRecord,
};

/// Bytes held inline; longer text goes to the heap.
const INLINE: usize = 22;

/// A short text held inline (up to 22 bytes), longer text boxed. 24 bytes.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct SmallText(Repr);

#[derive(Clone, PartialEq, Eq, Hash)]
enum Repr {
    /// Zero-padded, so equal texts have equal bytes.
    Inline {
        len: u8,
        bytes: [u8; INLINE],
    },
    Heap(Box<str>),
}

impl SmallText {
    pub fn new(text: &str) -> Self {
        let source = text.as_bytes();
        if source.len() <= INLINE {
            let mut bytes = [0u8; INLINE];
            bytes[..source.len()].copy_from_slice(source);
            Self(Repr::Inline {
                len: source.len() as u8,
                bytes,
            })
        } else {
            Self(Repr::Heap(text.into()))
        }
    }

    pub fn as_str(&self) -> &str {
        match &self.0 {
            // Built from a `&str` and cut at its end, so always valid (checked anyway:
            // this crate has no `unsafe`; ASCII ids validate in a few nanoseconds).
            Repr::Inline { len, bytes } => {
                std::str::from_utf8(&bytes[..usize::from(*len)]).unwrap_or_default()
            }
            Repr::Heap(text) => text,
        }
    }
}

impl std::fmt::Debug for SmallText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

/// The payout status without its text: the four known ones, or another text kept in
/// the line's [`Extra`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Status {
    Settled,
    Withdrawing,
    Withdrawn,
    Failed,
    Other,
}

/// What few lines carry: the gross/fee/tax components and an unknown status text.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Extra {
    gross: Option<Decimal>,
    fee: Option<Decimal>,
    tax: Option<Decimal>,
    other_status: String,
}

fn extra(
    gross: Option<Decimal>,
    fee: Option<Decimal>,
    tax: Option<Decimal>,
    other_status: String,
) -> Option<Box<Extra>> {
    (gross.is_some() || fee.is_some() || tax.is_some() || !other_status.is_empty()).then(|| {
        Box::new(Extra {
            gross,
            fee,
            tax,
            other_status,
        })
    })
}

/// A [`StatementLine`] in 96 bytes (see the module docs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeanStatementLine {
    pub key: LineKey,
    statement_id: SmallText,
    task_id: SmallText,
    amount: Decimal,
    date: NaiveDate,
    status: Status,
    extra: Option<Box<Extra>>,
}

impl LeanStatementLine {
    pub fn new(line: StatementLine) -> Self {
        Self {
            key: line.key,
            ..Self::from_parts(
                &line.statement_id,
                &line.task_id,
                line.amount,
                line.date,
                line.status,
                line.gross,
                line.fee,
                line.tax,
            )
        }
    }

    pub fn status(&self) -> PayoutStatus {
        match self.status {
            Status::Settled => PayoutStatus::Settled,
            Status::Withdrawing => PayoutStatus::Withdrawing,
            Status::Withdrawn => PayoutStatus::Withdrawn,
            Status::Failed => PayoutStatus::Failed,
            Status::Other => PayoutStatus::Other(
                self.extra
                    .as_ref()
                    .map(|extra| extra.other_status.clone())
                    .unwrap_or_default(),
            ),
        }
    }

    /// The full record.
    pub fn into_line(self) -> StatementLine {
        StatementLine {
            status: self.status(),
            gross: self.gross(),
            fee: self.fee(),
            tax: self.tax(),
            key: self.key,
            statement_id: self.statement_id.as_str().to_owned(),
            task_id: self.task_id.as_str().to_owned(),
            amount: self.amount,
            date: self.date,
        }
    }

    /// From the parsed fields, borrowed from the row (nothing allocated for the usual
    /// line).
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn from_parts(
        statement_id: &str,
        task_id: &str,
        amount: Decimal,
        date: NaiveDate,
        status: PayoutStatus,
        gross: Option<Decimal>,
        fee: Option<Decimal>,
        tax: Option<Decimal>,
    ) -> Self {
        let (status, other_status) = match status {
            PayoutStatus::Settled => (Status::Settled, String::new()),
            PayoutStatus::Withdrawing => (Status::Withdrawing, String::new()),
            PayoutStatus::Withdrawn => (Status::Withdrawn, String::new()),
            PayoutStatus::Failed => (Status::Failed, String::new()),
            PayoutStatus::Other(text) => (Status::Other, text),
        };
        Self {
            key: LineKey {
                fingerprint: 0,
                occurrence: 0,
            },
            statement_id: SmallText::new(statement_id),
            task_id: SmallText::new(task_id),
            amount,
            date,
            status,
            extra: extra(gross, fee, tax, other_status),
        }
    }
}

impl StatementRecord for LeanStatementLine {
    fn key(&self) -> &LineKey {
        &self.key
    }
    fn statement_id(&self) -> &str {
        self.statement_id.as_str()
    }
    fn task_id(&self) -> &str {
        self.task_id.as_str()
    }
    fn amount(&self) -> Decimal {
        self.amount
    }
    fn date(&self) -> NaiveDate {
        self.date
    }
    fn is_failed(&self) -> bool {
        self.status == Status::Failed
    }
    fn gross(&self) -> Option<Decimal> {
        self.extra.as_ref().and_then(|extra| extra.gross)
    }
    fn fee(&self) -> Option<Decimal> {
        self.extra.as_ref().and_then(|extra| extra.fee)
    }
    fn tax(&self) -> Option<Decimal> {
        self.extra.as_ref().and_then(|extra| extra.tax)
    }
}

/// An [`ExpectedLine`] in 72 bytes (see the module docs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeanExpectedLine {
    pub key: LineKey,
    task_id: SmallText,
    amount: Decimal,
    due_date: Option<NaiveDate>,
    extra: Option<Box<Extra>>,
}

impl LeanExpectedLine {
    pub fn new(line: ExpectedLine) -> Self {
        Self {
            key: line.key,
            ..Self::from_parts(
                &line.task_id,
                line.amount,
                line.due_date,
                line.gross,
                line.fee,
                line.tax,
            )
        }
    }

    /// The full record.
    pub fn into_line(self) -> ExpectedLine {
        ExpectedLine {
            task_id: self.task_id.as_str().to_owned(),
            amount: self.amount,
            due_date: self.due_date,
            gross: self.gross(),
            fee: self.fee(),
            tax: self.tax(),
            key: self.key,
        }
    }

    pub(crate) fn from_parts(
        task_id: &str,
        amount: Decimal,
        due_date: Option<NaiveDate>,
        gross: Option<Decimal>,
        fee: Option<Decimal>,
        tax: Option<Decimal>,
    ) -> Self {
        Self {
            key: LineKey {
                fingerprint: 0,
                occurrence: 0,
            },
            task_id: SmallText::new(task_id),
            amount,
            due_date,
            extra: extra(gross, fee, tax, String::new()),
        }
    }
}

impl ExpectedRecord for LeanExpectedLine {
    fn key(&self) -> &LineKey {
        &self.key
    }
    fn task_id(&self) -> &str {
        self.task_id.as_str()
    }
    fn amount(&self) -> Decimal {
        self.amount
    }
    fn due_date(&self) -> Option<NaiveDate> {
        self.due_date
    }
    fn gross(&self) -> Option<Decimal> {
        self.extra.as_ref().and_then(|extra| extra.gross)
    }
    fn fee(&self) -> Option<Decimal> {
        self.extra.as_ref().and_then(|extra| extra.fee)
    }
    fn tax(&self) -> Option<Decimal> {
        self.extra.as_ref().and_then(|extra| extra.tax)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lean_lines_are_as_small_as_documented() {
        assert_eq!(std::mem::size_of::<SmallText>(), 24);
        assert_eq!(std::mem::size_of::<LeanStatementLine>(), 96);
        assert_eq!(std::mem::size_of::<LeanExpectedLine>(), 72);
    }

    #[test]
    fn small_text_keeps_any_text() {
        for text in [
            "",
            "7300000000000000000",
            "1234567890123456789012",
            "任务一二三四五六七八",
        ] {
            assert_eq!(SmallText::new(text).as_str(), text);
        }
        assert_ne!(SmallText::new("a"), SmallText::new("a\0"));
    }
}
