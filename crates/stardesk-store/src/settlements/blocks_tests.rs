//! The block codec's tests (`blocks.rs`).

use super::*;
use proptest::prelude::*;

#[derive(Debug, Clone)]
struct Owned {
    fp: u64,
    occ: u32,
    statement: String,
    task: String,
    amount: i64,
    day: i32,
    code: u8,
    text: String,
    parts: [Option<i64>; 3],
}

impl Owned {
    fn as_ref(&self) -> LineRef<'_> {
        LineRef {
            key: LineKey {
                fingerprint: self.fp,
                occurrence: self.occ,
            },
            statement_id: &self.statement,
            task_id: &self.task,
            amount_fen: self.amount,
            day: self.day,
            status: Status {
                code: self.code,
                text: (self.code == OTHER).then_some(self.text.as_str()),
            },
            parts: self.parts,
        }
    }
}

fn owned() -> impl Strategy<Value = Owned> {
    (
        (any::<u64>(), any::<u32>()),
        // Few statement ids, so that runs of the same one come up.
        prop::sample::select(vec!["JS1", "JS2", "结算单-3", ""]),
        "[a-zA-Z0-9测评]{0,12}",
        any::<i64>(),
        any::<i32>(),
        0u8..=OTHER,
        "[提现审核中 a-z]{0,6}",
        [
            any::<Option<i64>>(),
            any::<Option<i64>>(),
            any::<Option<i64>>(),
        ],
    )
        .prop_map(
            |((fp, occ), s, task, amount, day, code, text, parts)| Owned {
                fp,
                occ,
                statement: s.to_string(),
                task,
                amount,
                day,
                code,
                text,
                parts,
            },
        )
}

fn read_all(data: &[u8]) -> Result<Vec<LineRef<'_>>, String> {
    let mut out = Vec::new();
    read_block(data, |l| {
        out.push(l);
        Ok(())
    })?;
    Ok(out)
}

proptest! {
    /// Every line comes back as it was written, in order, whatever its values.
    #[test]
    fn a_block_reads_back_what_was_written(lines in prop::collection::vec(owned(), 1..200)) {
        let mut w = BlockWriter::new();
        for l in &lines {
            w.push(&l.as_ref());
        }
        prop_assert_eq!(w.len(), lines.len());
        let (data, n) = w.finish();
        prop_assert_eq!(n, lines.len());
        let back = read_all(&data).expect("read");
        let want: Vec<LineRef<'_>> = lines.iter().map(Owned::as_ref).collect();
        prop_assert_eq!(back, want);
        // The writer starts afresh: a second block is read alone.
        w.push(&lines[0].as_ref());
        let (again, _) = w.finish();
        prop_assert_eq!(read_all(&again).expect("read"), vec![lines[0].as_ref()]);
    }

    /// A damaged block is an error, never a panic or a line made up beyond its bytes.
    #[test]
    fn a_cut_or_damaged_block_is_an_error(
        lines in prop::collection::vec(owned(), 1..20),
        cut in any::<prop::sample::Index>(),
        flip in any::<prop::sample::Index>(),
        with in any::<u8>(),
    ) {
        let mut w = BlockWriter::new();
        for l in &lines {
            w.push(&l.as_ref());
        }
        let (data, _) = w.finish();
        let at = cut.index(data.len());
        prop_assert!(read_all(&data[..at]).is_err());
        let mut damaged = data.clone();
        damaged[flip.index(data.len())] = with;
        // Either an error or lines that were read from the bytes given.
        let _ = read_all(&damaged);
    }
}

#[test]
fn a_line_converts_to_the_domains_with_its_date_and_money() {
    let date = NaiveDate::from_ymd_opt(2026, 8, 31).expect("date");
    let pending = PayoutStatus::Other("审核中".into());
    let line = LineRef {
        key: LineKey {
            fingerprint: 7,
            occurrence: 1,
        },
        statement_id: "JS202608001",
        task_id: "T1",
        amount_fen: 123_456,
        day: day_of(date),
        status: Status::of(&pending),
        parts: [Some(150_000), None, Some(-26_544)],
    };
    let l = line.to_domain().expect("domain");
    assert_eq!(l.date, date);
    assert_eq!(l.amount.to_string(), "1234.56");
    assert_eq!(l.status, PayoutStatus::Other("审核中".into()));
    assert_eq!(l.gross.map(|d| d.to_string()).as_deref(), Some("1500.00"));
    assert_eq!(l.fee, None);
    assert_eq!(l.tax.map(|d| d.to_string()).as_deref(), Some("-265.44"));
    let wrong = LineRef {
        day: i32::MAX,
        ..line
    };
    assert!(wrong.to_domain().is_err());
    assert_eq!(
        Status::from_sql("failed", None).map(Status::to_domain),
        Some(PayoutStatus::Failed)
    );
    assert_eq!(Status::from_sql("lost", None), None);
}

/// Blocks no writer makes: each is an error saying what is wrong, and nothing is
/// allocated from a length or count it claims.
#[test]
fn a_hostile_block_is_refused_with_its_reason() {
    let line_start = |block: &mut Vec<u8>| {
        block.extend_from_slice(&7u64.to_le_bytes());
        block.push(0); // occurrence 0
    };
    // A count of u64::MAX lines, and none there.
    let mut huge_count = vec![FORMAT];
    varint(&mut huge_count, u64::MAX);
    assert_eq!(read_all(&huge_count).unwrap_err(), "line 1: ends early");
    // A count whose varint never ends within ten bytes.
    let mut long = vec![FORMAT];
    long.extend_from_slice(&[0x80; 10]);
    long.push(0);
    assert_eq!(read_all(&long).unwrap_err(), "a number is too long");
    // A task id of 2^62 bytes.
    let mut huge_text = vec![FORMAT, 1];
    line_start(&mut huge_text);
    huge_text.extend_from_slice(&[2, b'J']);
    varint(&mut huge_text, 1 << 62);
    assert_eq!(read_all(&huge_text).unwrap_err(), "line 1: ends early");
    // The first line taking the previous line's statement id.
    let mut no_id = vec![FORMAT, 1];
    line_start(&mut no_id);
    no_id.push(0);
    assert_eq!(read_all(&no_id).unwrap_err(), "line 1: no statement id");
    // An unknown status code, and component flags beyond the three.
    let mut status = vec![FORMAT, 1];
    line_start(&mut status);
    status.extend_from_slice(&[2, b'J', 1, b'T', 2, 2, 9, 0]);
    assert_eq!(
        read_all(&status).unwrap_err(),
        "line 1: payout status code 9"
    );
    let last = status.len() - 2;
    status[last] = SETTLED;
    status[last + 1] = 0b1000;
    assert_eq!(
        read_all(&status).unwrap_err(),
        "line 1: component flags 0b1000"
    );
    status[last + 1] = 0;
    assert_eq!(read_all(&status).expect("now whole").len(), 1);
    // Text that is not UTF-8.
    let mut bad_text = vec![FORMAT, 1];
    line_start(&mut bad_text);
    bad_text.extend_from_slice(&[2, 0xff]);
    assert_eq!(
        read_all(&bad_text).unwrap_err(),
        "line 1: text that is not UTF-8"
    );
    // An empty block, which no writer makes, holds no line.
    assert_eq!(read_all(&[FORMAT, 0]).expect("empty"), vec![]);
}

#[test]
fn another_format_or_trailing_bytes_are_named() {
    let mut w = BlockWriter::new();
    w.push(&LineRef {
        key: LineKey {
            fingerprint: 1,
            occurrence: 0,
        },
        statement_id: "JS1",
        task_id: "T1",
        amount_fen: 1,
        day: 1,
        status: Status::of(&PayoutStatus::Settled),
        parts: [None; 3],
    });
    let (mut data, _) = w.finish();
    data.push(0);
    assert_eq!(read_all(&data).unwrap_err(), "1 bytes after its last line");
    data[0] = 9;
    assert_eq!(
        read_all(&data).unwrap_err(),
        "format 9, this version reads 1"
    );
}

fn change() -> impl Strategy<Value = (u32, Owned)> {
    (1u32..50, owned())
}

proptest! {
    /// A block's record of changes reads back as written: ascending indexes (each step
    /// at least 1 after the first), each status and component as it was.
    #[test]
    fn changes_read_back_what_was_written(
        first in 0u32..10_000,
        steps in prop::collection::vec(change(), 0..100),
    ) {
        let mut index = first;
        let changes: Vec<Change> = steps
            .iter()
            .enumerate()
            .map(|(i, (step, o))| {
                if i > 0 {
                    index += step;
                }
                Change {
                    index,
                    status_code: o.code,
                    status_text: (o.code == OTHER).then(|| o.text.clone()),
                    parts: o.parts,
                }
            })
            .collect();
        let data = write_changes(&changes);
        prop_assert_eq!(read_changes(&data).expect("read"), changes.clone());
        if !changes.is_empty() {
            prop_assert!(read_changes(&data[..data.len() - 1]).is_err());
        }
    }
}

#[test]
fn a_damaged_record_of_changes_is_refused_with_its_reason() {
    let two = write_changes(&[
        Change {
            index: 3,
            status_code: FAILED,
            status_text: None,
            parts: [Some(100), None, Some(-5)],
        },
        Change {
            index: 9,
            status_code: OTHER,
            status_text: Some("审核中".into()),
            parts: [None; 3],
        },
    ]);
    assert_eq!(read_changes(&two).expect("whole").len(), 2);
    // The second line at a step of 0: the same line twice.
    let mut twice = vec![FORMAT, 2, 3, FAILED, 0, 0, SETTLED, 0];
    assert_eq!(
        read_changes(&twice).unwrap_err(),
        "change 2: a line changed twice"
    );
    twice[5] = 1;
    assert_eq!(read_changes(&twice).expect("now apart")[1].index, 4);
    // A count of u64::MAX and nothing after it; an index past u32.
    let mut huge = vec![FORMAT];
    varint(&mut huge, u64::MAX);
    assert_eq!(read_changes(&huge).unwrap_err(), "change 1: ends early");
    let mut far = vec![FORMAT, 1];
    varint(&mut far, 1 << 40);
    assert_eq!(
        read_changes(&far).unwrap_err(),
        "change 1: an index out of range"
    );
    let mut extra = two.clone();
    extra.push(0);
    assert_eq!(
        read_changes(&extra).unwrap_err(),
        "1 bytes after its last change"
    );
    extra[0] = 7;
    assert_eq!(
        read_changes(&extra).unwrap_err(),
        "format 7, this version reads 1"
    );
}
