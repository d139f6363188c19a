//! The digest of a file's lines (`import_files.lines_digest`, migration 0011): SHA-256 over
//! every field the store keeps of every line, in order, each field tagged by its length
//! or presence so that no two different files of lines encode alike. Amounts go in as
//! `Decimal`'s own 16 bytes, so `100.0` and `100.00` differ: a missed match only means
//! the lines are checked one by one, as before.
//!
//! A re-import of the file imported last (the same lines, nothing imported of that kind
//! since) then stores nothing line by line: every key is there, and a statement line
//! would take what that same file gave it (`statements.rs`).

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use sha2::{Digest, Sha256};
use stardesk_domain::reconcile::records::{LineKey, PayoutStatus};

use super::lines::ImportLines;

/// The hasher behind a buffer: a line is a dozen small fields, and one `update` per
/// 64 KiB costs far less than one per field (a million-line file is hashed in ~0.1 s).
struct Feed {
    hasher: Sha256,
    buf: Vec<u8>,
}

const FLUSH_AT: usize = 64 * 1024;

impl Feed {
    fn new() -> Feed {
        Feed {
            hasher: Sha256::new(),
            buf: Vec::with_capacity(FLUSH_AT + 256),
        }
    }
    fn update(&mut self, b: impl AsRef<[u8]>) {
        self.buf.extend_from_slice(b.as_ref());
        if self.buf.len() >= FLUSH_AT {
            self.hasher.update(&self.buf);
            self.buf.clear();
        }
    }
    fn finish(mut self) -> [u8; 32] {
        self.hasher.update(&self.buf);
        self.hasher.finalize().into()
    }
    fn bytes(&mut self, b: &[u8]) {
        self.update((b.len() as u64).to_le_bytes());
        self.update(b);
    }
    fn key(&mut self, k: &LineKey) {
        self.update(k.fingerprint.to_le_bytes());
        self.update(k.occurrence.to_le_bytes());
    }
    fn money(&mut self, d: &Decimal) {
        self.update(d.serialize());
    }
    fn opt_money(&mut self, d: &Option<Decimal>) {
        match d {
            Some(d) => {
                self.update([1]);
                self.money(d);
            }
            None => self.update([0]),
        }
    }
    fn date(&mut self, d: &NaiveDate) {
        self.update(d.num_days_from_ce().to_le_bytes());
    }
    fn opt_date(&mut self, d: &Option<NaiveDate>) {
        match d {
            Some(d) => {
                self.update([1]);
                self.date(d);
            }
            None => self.update([0]),
        }
    }
    fn status(&mut self, s: &PayoutStatus) {
        match s {
            PayoutStatus::Settled => self.update([0]),
            PayoutStatus::Withdrawing => self.update([1]),
            PayoutStatus::Withdrawn => self.update([2]),
            PayoutStatus::Failed => self.update([3]),
            PayoutStatus::Other(text) => {
                self.update([4]);
                self.bytes(text.as_bytes());
            }
        }
    }
}

/// The digest of `lines`, their kind included.
pub(super) fn lines_digest(lines: ImportLines<'_>) -> [u8; 32] {
    let mut f = Feed::new();
    f.bytes(lines.kind().as_str().as_bytes());
    f.update((lines.len() as u64).to_le_bytes());
    match lines {
        ImportLines::Statement(lines) => {
            for l in lines {
                f.key(&l.key);
                f.bytes(l.statement_id.as_bytes());
                f.bytes(l.task_id.as_bytes());
                f.money(&l.amount);
                f.date(&l.date);
                f.status(&l.status);
                f.opt_money(&l.gross);
                f.opt_money(&l.fee);
                f.opt_money(&l.tax);
            }
        }
        ImportLines::Bank(lines) => {
            for l in lines {
                f.key(&l.key);
                f.bytes(l.txn_id.as_bytes());
                f.date(&l.date);
                f.money(&l.amount);
                f.bytes(l.counterparty.as_bytes());
                f.bytes(l.memo.as_bytes());
            }
        }
        ImportLines::Expected(lines) => {
            for l in lines {
                f.key(&l.key);
                f.bytes(l.task_id.as_bytes());
                f.money(&l.amount);
                f.opt_date(&l.due_date);
                f.opt_money(&l.gross);
                f.opt_money(&l.fee);
                f.opt_money(&l.tax);
            }
        }
        ImportLines::Invoices(lines) => {
            for l in lines {
                f.key(&l.key);
                f.bytes(l.statement_id.as_bytes());
                f.date(&l.sent_date);
                f.bytes(l.tracking_no.as_bytes());
            }
        }
    }
    f.finish()
}
