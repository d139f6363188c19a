//! Builders for reconciliation lines, shared by the reconciliation tests.
#![allow(dead_code)]

use chrono::NaiveDate;
use rust_decimal::Decimal;
use stardesk_domain::reconcile::{
    BankLine, Discrepancy, ExpectedLine, InvoiceLine, LineKey, Match, PayoutMethod, PayoutStatus,
    Reconciliation, StatementLine,
};

pub fn d(text: &str) -> Decimal {
    text.parse().unwrap()
}

pub fn date(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// Distinct keys per kind of line: the tests name lines by small numbers.
pub fn key(kind: u64, n: u64) -> LineKey {
    LineKey {
        fingerprint: (kind << 48) | n,
        occurrence: 0,
    }
}

pub fn ek(n: u64) -> LineKey {
    key(1, n)
}
pub fn sk(n: u64) -> LineKey {
    key(2, n)
}
pub fn bk(n: u64) -> LineKey {
    key(3, n)
}
pub fn ik(n: u64) -> LineKey {
    key(4, n)
}

pub fn expected(n: u64, task: &str, amount: &str, due: Option<NaiveDate>) -> ExpectedLine {
    ExpectedLine {
        key: ek(n),
        task_id: task.to_owned(),
        amount: d(amount),
        due_date: due,
        gross: None,
        fee: None,
        tax: None,
    }
}

pub fn statement(n: u64, sid: &str, task: &str, amount: &str, on: NaiveDate) -> StatementLine {
    StatementLine {
        key: sk(n),
        statement_id: sid.to_owned(),
        task_id: task.to_owned(),
        amount: d(amount),
        date: on,
        status: PayoutStatus::Settled,
        gross: None,
        fee: None,
        tax: None,
    }
}

pub fn failed(mut line: StatementLine) -> StatementLine {
    line.status = PayoutStatus::Failed;
    line
}

pub fn credit(n: u64, txn: &str, on: NaiveDate, amount: &str, memo: &str) -> BankLine {
    BankLine {
        key: bk(n),
        txn_id: txn.to_owned(),
        date: on,
        amount: d(amount),
        counterparty: "北京巨量引擎网络技术有限公司".to_owned(),
        memo: memo.to_owned(),
    }
}

pub fn invoice(n: u64, sid: &str, sent: NaiveDate, tracking: &str) -> InvoiceLine {
    InvoiceLine {
        key: ik(n),
        statement_id: sid.to_owned(),
        sent_date: sent,
        tracking_no: tracking.to_owned(),
    }
}

/// (statement keys, bank keys, method) of each payout match.
pub fn paid(r: &Reconciliation<'_>) -> Vec<(Vec<LineKey>, Vec<LineKey>, PayoutMethod)> {
    r.matches
        .iter()
        .filter_map(|m| match m {
            Match::Payout(p) => Some((p.statement.clone(), p.bank.clone(), p.method)),
            Match::Task(_) => None,
        })
        .collect()
}

/// The bank lines reported as unexpected credits.
pub fn unexpected_credits(r: &Reconciliation<'_>) -> Vec<LineKey> {
    r.discrepancies
        .iter()
        .filter_map(|x| match x {
            Discrepancy::UnexpectedCredit(u) => Some(u.bank),
            _ => None,
        })
        .collect()
}

/// The statements reported overdue (R-SETTLE-1).
pub fn overdue_ids(r: &Reconciliation<'_>) -> Vec<String> {
    r.discrepancies
        .iter()
        .filter_map(|x| match x {
            Discrepancy::PayoutOverdue(o) => Some(o.statement_id.to_owned()),
            _ => None,
        })
        .collect()
}
