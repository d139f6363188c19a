//! Statement lines kept in blocks: a few thousand lines of one file in one row of
//! `statement_blocks` (migration 0015), in a compact binary form, instead of a row each.
//!
//! A million-line statement was a million SQLite rows and their key index: ~6 s to store
//! and commit in the encrypted file, whatever the statements (`make bench`). Every reader
//! of statement lines reads all of them (the reconciliation, the tax and income views), so
//! nothing needs a line by key in SQL; the keys are checked in memory by the import
//! (`statements.rs`).
//!
//! A block is the format byte, the line count (a varint), then each line:
//! - the fingerprint, 8 bytes little-endian; the occurrence, a varint;
//! - the statement id: `0` when it is the previous line's in this block, else its length
//!   + 1 and its UTF-8 bytes (a statement's lines come together in an export);
//! - the task id: its length and bytes;
//! - the amount in fen and the date (days from 0001-01-01, the proleptic Gregorian day
//!   count of `chrono`), each a zigzag varint;
//! - the payout status, one byte; `other` is followed by its text (length and bytes);
//! - which of gross, fee and tax are given (a bit each), then those in fen, zigzag varints.
//!
//! Reading is checked at every step: a damaged block is an error naming it, never a panic.

use chrono::{Datelike, NaiveDate};
use stardesk_domain::money::from_fen;
use stardesk_domain::reconcile::records::{LineKey, PayoutStatus, StatementLine};

/// Lines per block: ~250 KB rows, written and rewritten whole.
pub(super) const BLOCK_LINES: usize = 8192;

const FORMAT: u8 = 1;

/// A payout status as stored: its code and, for `other`, its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Status<'a> {
    pub code: u8,
    pub text: Option<&'a str>,
}

const SETTLED: u8 = 0;
const WITHDRAWING: u8 = 1;
const WITHDRAWN: u8 = 2;
const FAILED: u8 = 3;
const OTHER: u8 = 4;

impl<'a> Status<'a> {
    pub fn of(status: &'a PayoutStatus) -> Self {
        let code = match status {
            PayoutStatus::Settled => SETTLED,
            PayoutStatus::Withdrawing => WITHDRAWING,
            PayoutStatus::Withdrawn => WITHDRAWN,
            PayoutStatus::Failed => FAILED,
            PayoutStatus::Other(text) => {
                return Self {
                    code: OTHER,
                    text: Some(text),
                }
            }
        };
        Self { code, text: None }
    }

    /// From the SQL form of schema v14 and before (`lines.rs`' codes).
    pub fn from_sql(code: &str, text: Option<&'a str>) -> Option<Self> {
        let code = match code {
            "settled" => SETTLED,
            "withdrawing" => WITHDRAWING,
            "withdrawn" => WITHDRAWN,
            "failed" => FAILED,
            "other" => return Some(Self { code: OTHER, text }),
            _ => return None,
        };
        Some(Self { code, text: None })
    }

    fn to_domain(self) -> PayoutStatus {
        match self.code {
            SETTLED => PayoutStatus::Settled,
            WITHDRAWING => PayoutStatus::Withdrawing,
            WITHDRAWN => PayoutStatus::Withdrawn,
            FAILED => PayoutStatus::Failed,
            _ => PayoutStatus::Other(self.text.unwrap_or_default().to_string()),
        }
    }
}

/// One stored statement line, borrowing its text from the block (or the import).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct LineRef<'a> {
    pub key: LineKey,
    pub statement_id: &'a str,
    pub task_id: &'a str,
    pub amount_fen: i64,
    /// Days from 0001-01-01 (`NaiveDate::num_days_from_ce`).
    pub day: i32,
    pub status: Status<'a>,
    /// Gross, fee and tax in fen, each when given.
    pub parts: [Option<i64>; 3],
}

impl LineRef<'_> {
    pub fn to_domain(self) -> Result<StatementLine, String> {
        Ok(StatementLine {
            key: self.key,
            statement_id: self.statement_id.to_string(),
            task_id: self.task_id.to_string(),
            amount: from_fen(self.amount_fen),
            date: NaiveDate::from_num_days_from_ce_opt(self.day)
                .ok_or_else(|| format!("day {} is not a date", self.day))?,
            status: self.status.to_domain(),
            gross: self.parts[0].map(from_fen),
            fee: self.parts[1].map(from_fen),
            tax: self.parts[2].map(from_fen),
        })
    }
}

pub(super) fn day_of(date: NaiveDate) -> i32 {
    date.num_days_from_ce()
}

/// A block being written.
pub(super) struct BlockWriter {
    buf: Vec<u8>,
    lines: usize,
    last_statement: String,
}

impl BlockWriter {
    pub fn new() -> Self {
        Self {
            buf: Vec::with_capacity(BLOCK_LINES * 40),
            lines: 0,
            last_statement: String::new(),
        }
    }

    pub fn len(&self) -> usize {
        self.lines
    }

    pub fn push(&mut self, line: &LineRef<'_>) {
        let b = &mut self.buf;
        b.extend_from_slice(&line.key.fingerprint.to_le_bytes());
        varint(b, u64::from(line.key.occurrence));
        if self.lines > 0 && line.statement_id == self.last_statement {
            varint(b, 0);
        } else {
            varint(b, line.statement_id.len() as u64 + 1);
            b.extend_from_slice(line.statement_id.as_bytes());
            self.last_statement.clear();
            self.last_statement.push_str(line.statement_id);
        }
        text(b, line.task_id);
        varint(b, zigzag(line.amount_fen));
        varint(b, zigzag(i64::from(line.day)));
        status_and_parts(b, line.status, &line.parts);
        self.lines += 1;
    }

    /// The block's bytes and line count; the writer starts a new block.
    pub fn finish(&mut self) -> (Vec<u8>, usize) {
        let mut out = Vec::with_capacity(self.buf.len() + 6);
        out.push(FORMAT);
        varint(&mut out, self.lines as u64);
        out.extend_from_slice(&self.buf);
        let lines = self.lines;
        self.buf.clear();
        self.lines = 0;
        self.last_statement.clear();
        (out, lines)
    }
}

/// The payout status (a byte; `other` followed by its text), which of gross, fee and tax
/// are given (a bit each) and those in fen: as a line keeps them, and a change's "before".
fn status_and_parts(b: &mut Vec<u8>, status: Status<'_>, parts: &[Option<i64>; 3]) {
    b.push(status.code);
    if status.code == OTHER {
        text(b, status.text.unwrap_or_default());
    }
    let given = parts
        .iter()
        .enumerate()
        .fold(0u8, |bits, (i, p)| bits | (u8::from(p.is_some()) << i));
    b.push(given);
    for fen in parts.iter().flatten() {
        varint(b, zigzag(*fen));
    }
}

fn varint(b: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        b.push((v as u8) | 0x80);
        v >>= 7;
    }
    b.push(v as u8);
}

fn zigzag(v: i64) -> u64 {
    ((v << 1) ^ (v >> 63)) as u64
}

fn unzigzag(v: u64) -> i64 {
    ((v >> 1) as i64) ^ -((v & 1) as i64)
}

fn text(b: &mut Vec<u8>, s: &str) {
    varint(b, s.len() as u64);
    b.extend_from_slice(s.as_bytes());
}

/// A block being read.
struct Reader<'a> {
    data: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn byte(&mut self) -> Result<u8, String> {
        let b = *self.data.get(self.at).ok_or("ends early")?;
        self.at += 1;
        Ok(b)
    }

    fn varint(&mut self) -> Result<u64, String> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            v |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Ok(v);
            }
        }
        Err("a number is too long".into())
    }

    fn bytes(&mut self, n: usize) -> Result<&'a [u8], String> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.data.len());
        let end = end.ok_or("ends early")?;
        let out = &self.data[self.at..end];
        self.at = end;
        Ok(out)
    }

    fn str_of(&mut self, n: usize) -> Result<&'a str, String> {
        std::str::from_utf8(self.bytes(n)?).map_err(|_| "text that is not UTF-8".to_string())
    }

    fn text(&mut self) -> Result<&'a str, String> {
        let n = self.len()?;
        self.str_of(n)
    }

    fn len(&mut self) -> Result<usize, String> {
        usize::try_from(self.varint()?).map_err(|_| "a length out of range".to_string())
    }

    /// What [`status_and_parts`] wrote.
    fn status_and_parts(&mut self) -> Result<(Status<'a>, [Option<i64>; 3]), String> {
        let code = self.byte()?;
        let status = match code {
            SETTLED..=FAILED => Status { code, text: None },
            OTHER => Status {
                code,
                text: Some(self.text()?),
            },
            _ => return Err(format!("payout status code {code}")),
        };
        let given = self.byte()?;
        if given > 0b111 {
            return Err(format!("component flags {given:#b}"));
        }
        let mut parts = [None; 3];
        for (bit, part) in parts.iter_mut().enumerate() {
            if given & (1 << bit) != 0 {
                *part = Some(unzigzag(self.varint()?));
            }
        }
        Ok((status, parts))
    }
}

/// Calls `each` with every line of `data`, in order; a damaged block is an error saying
/// how (the caller names the block).
pub(super) fn read_block<'a>(
    data: &'a [u8],
    mut each: impl FnMut(LineRef<'a>) -> Result<(), String>,
) -> Result<(), String> {
    let mut r = Reader { data, at: 0 };
    let format = r.byte()?;
    if format != FORMAT {
        return Err(format!("format {format}, this version reads {FORMAT}"));
    }
    let lines = r.len()?;
    let mut statement_id = "";
    for i in 0..lines {
        let mut line = || -> Result<LineRef<'a>, String> {
            let fingerprint = u64::from_le_bytes(r.bytes(8)?.try_into().map_err(|_| "ends early")?);
            let occurrence =
                u32::try_from(r.varint()?).map_err(|_| "an occurrence out of range".to_string())?;
            match r.len()? {
                0 if i == 0 => return Err("no statement id".into()),
                0 => {}
                n => statement_id = r.str_of(n - 1)?,
            }
            let task_id = r.text()?;
            let amount_fen = unzigzag(r.varint()?);
            let day = i32::try_from(unzigzag(r.varint()?)).map_err(|_| "a day out of range")?;
            let (status, parts) = r.status_and_parts()?;
            Ok(LineRef {
                key: LineKey {
                    fingerprint,
                    occurrence,
                },
                statement_id,
                task_id,
                amount_fen,
                day,
                status,
                parts,
            })
        };
        let line = line().map_err(|e| format!("line {}: {e}", i + 1))?;
        each(line)?;
    }
    if r.at != data.len() {
        return Err(format!("{} bytes after its last line", data.len() - r.at));
    }
    Ok(())
}

/// A stored line's status and components, at its index in its block: what an import
/// changes it to, or what it said before (kept to take that import back).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Change {
    pub index: u32,
    pub status_code: u8,
    pub status_text: Option<String>,
    pub parts: [Option<i64>; 3],
}

/// What one import changed in one block, as it said before (a row of
/// `statement_block_changes`, migration 0020): the format byte, the count, then for each
/// line in order of its index, the index's distance from the previous one's (the first's:
/// the index) and its status and components as a line keeps them. `changes` ascend by
/// index, each index once.
pub(super) fn write_changes(changes: &[Change]) -> Vec<u8> {
    let mut b = Vec::with_capacity(2 + changes.len() * 4);
    b.push(FORMAT);
    varint(&mut b, changes.len() as u64);
    let mut last = 0u32;
    for c in changes {
        varint(&mut b, u64::from(c.index - last));
        last = c.index;
        let status = Status {
            code: c.status_code,
            text: c.status_text.as_deref(),
        };
        status_and_parts(&mut b, status, &c.parts);
    }
    b
}

/// What [`write_changes`] wrote; a damaged record is an error saying how.
pub(super) fn read_changes(data: &[u8]) -> Result<Vec<Change>, String> {
    let mut r = Reader { data, at: 0 };
    let format = r.byte()?;
    if format != FORMAT {
        return Err(format!("format {format}, this version reads {FORMAT}"));
    }
    let count = r.len()?;
    // Each change takes 3 bytes at least: a count beyond that is damage, not a size.
    let mut out = Vec::with_capacity(count.min(data.len() / 3));
    let mut index = 0u32;
    for i in 0..count {
        let mut change = || -> Result<Change, String> {
            let step = u32::try_from(r.varint()?).map_err(|_| "an index out of range")?;
            if i > 0 && step == 0 {
                return Err("a line changed twice".into());
            }
            index = index.checked_add(step).ok_or("an index out of range")?;
            let (status, parts) = r.status_and_parts()?;
            Ok(Change {
                index,
                status_code: status.code,
                status_text: status.text.map(str::to_string),
                parts,
            })
        };
        out.push(change().map_err(|e| format!("change {}: {e}", i + 1))?);
    }
    if r.at != data.len() {
        return Err(format!("{} bytes after its last change", data.len() - r.at));
    }
    Ok(out)
}

#[cfg(test)]
#[path = "blocks_tests.rs"]
mod tests;
