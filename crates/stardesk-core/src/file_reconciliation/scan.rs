//! Plain statement and expected-earnings files read as compact lines for the summary of
//! `stardesk reconcile --json` ([`stardesk_import::PlainScan`]): both files' bytes cut into
//! parts by the work of reading them, which the cores take in turn, each part read in
//! chunks into one buffer, so no copy of a file is held and no page of it is written
//! twice; each part's lines stay where they were read.

use std::io::{BufRead as _, BufReader, Read as _, Seek as _, SeekFrom};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use stardesk_domain::reconcile::summary::{deal_bits, OfTask, Part, TaskDue, TaskPayout};
use stardesk_import::{PlainRecord, PlainScan};

/// Bytes read at a time by a scan: small enough that a chunk is still in the core's
/// near caches when its lines are read from it (64 KiB read a little faster than 1 MiB on
/// a million-line statement and expected list).
const SCAN_CHUNK: usize = 1 << 16;

/// Bytes read for a file's header: enough for the import's header search.
const HEAD_BYTES: usize = 1 << 20;

/// The work of reading a line, beyond its bytes, in bytes of reading (measured on a
/// million-line statement and expected list: ~105 ns a line, ~1.9 ns a byte).
const LINE_WORK: u64 = 56;

/// A file to scan: its path, size and header.
struct Scanned<'p, T> {
    path: &'p Path,
    size: u64,
    /// Lines in the file, as estimated from its first chunk.
    estimated_lines: u64,
    scan: PlainScan<T>,
}

/// A read that retries when interrupted.
fn read_some(file: &mut impl std::io::Read, into: &mut [u8]) -> Option<usize> {
    loop {
        match file.read(into) {
            Ok(read) => return Some(read),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return None,
        }
    }
}

impl<'p, T: PlainRecord> Scanned<'p, T> {
    /// The file's header, from its first chunk; `None` when it is not plain or cannot be
    /// read (the import then names why).
    fn open(path: &'p Path) -> Option<Self> {
        let file = std::fs::File::open(path).ok()?;
        let size = file.metadata().ok()?.len();
        let mut head = Vec::with_capacity(HEAD_BYTES);
        file.take(HEAD_BYTES as u64).read_to_end(&mut head).ok()?;
        let whole = head.len() as u64 == size;
        if !whole {
            let lines_end = head.iter().rposition(|&b| b == b'\n')? + 1;
            head.truncate(lines_end);
        }
        let scan = PlainScan::start(&head, whole)?;
        let head_lines = head.iter().filter(|&&b| b == b'\n').count().max(1) as u64;
        let estimated_lines =
            u64::try_from(u128::from(size) * u128::from(head_lines) / (head.len() as u128).max(1))
                .ok()?
                .max(1);
        Some(Self {
            path,
            size,
            estimated_lines,
            scan,
        })
    }

    /// The work of reading the file (see [`LINE_WORK`]).
    fn work(&self) -> u64 {
        self.size
            .saturating_add(self.estimated_lines.saturating_mul(LINE_WORK))
    }

    /// Adds the lines that start in `range` of the file's bytes to `lines`, read in
    /// chunks into `buffer`; `None` when the file is not plain after all.
    fn lines(&self, range: Range<u64>, buffer: &mut Vec<u8>, lines: &mut Vec<T>) -> Option<()> {
        let mut file = std::fs::File::open(self.path).ok()?;
        // A part after the first starts at the first line starting in it: from the byte
        // before, so a line starting exactly at the cut is kept.
        let from = range.start.saturating_sub(1);
        file.seek(SeekFrom::Start(from)).ok()?;
        let mut file = file.take(range.end.max(from) - from);
        // The buffer keeps its length; `filled` bytes of it are read and not yet taken
        // (zeroing it once a part, not once a chunk).
        buffer.clear();
        buffer.resize(SCAN_CHUNK, 0);
        let mut filled = 0;
        let mut skip_partial = range.start > 0;
        // The title lines and header, at the file's start.
        let mut skip = if range.start == 0 {
            self.scan.header_lines()
        } else {
            0
        };
        loop {
            if filled == buffer.len() {
                // A line longer than the buffer.
                buffer.resize(buffer.len() * 2, 0);
            }
            let read = read_some(&mut file, &mut buffer[filled..])?;
            filled += read;
            let end_of_part = read == 0;
            if skip_partial {
                // The rest of a line the part before holds.
                match buffer[..filled].iter().position(|&b| b == b'\n') {
                    Some(at) => {
                        buffer.copy_within(at + 1..filled, 0);
                        filled -= at + 1;
                        skip_partial = false;
                    }
                    None if end_of_part => return Some(()),
                    None => {
                        filled = 0;
                        continue;
                    }
                }
            }
            if end_of_part {
                // The part's last line runs on past its end: read it to its line break.
                buffer.truncate(filled);
                if buffer.last().is_some_and(|&b| b != b'\n') {
                    BufReader::new(file.into_inner())
                        .read_until(b'\n', buffer)
                        .ok()?;
                }
                return self.scan.read(buffer, &mut skip, lines);
            }
            let Some(cut) = buffer[..filled].iter().rposition(|&b| b == b'\n') else {
                continue;
            };
            self.scan.read(&buffer[..=cut], &mut skip, lines)?;
            buffer.copy_within(cut + 1..filled, 0);
            filled -= cut + 1;
        }
    }
}

/// A file's lines, part by part, in file order (each part's lines as they lie, or dealt
/// into buckets by task, see [`Part::as_read`]).
pub(super) type Parts<T> = Vec<Part<T>>;

/// Parts a core's share of the files is cut into: a core that is done takes the next
/// part, so the cores finish within a part of each other whatever a line costs.
const PARTS_PER_CORE: u128 = 16;

/// The least work of a part (see [`LINE_WORK`]): a small file is read in fewer parts.
const MIN_PART_WORK: u128 = 1 << 20;

/// The compact lines of a statement and an expected-earnings file, each `None` when it
/// is not plain or cannot be read so (the expected side also without a file). The two
/// files' bytes, laid end to end, are cut into parts of even work, and each core takes
/// the next part until none is left. Each file's lines come in its parts, in file order
/// ([`stardesk_domain::reconcile::summary::summarize_task_parts`] joins them where they
/// lie).
pub(super) fn scan_files(
    statement: &Path,
    expected: Option<&PathBuf>,
) -> (Option<Parts<TaskPayout>>, Option<Parts<TaskDue>>) {
    let statement = Scanned::<TaskPayout>::open(statement);
    let expected = expected.and_then(|path| Scanned::<TaskDue>::open(path));
    // Each file's size and work.
    let files = [
        statement.as_ref().map_or((0, 0), |s| (s.size, s.work())),
        expected.as_ref().map_or((0, 0), |e| (e.size, e.work())),
    ];
    let work = u128::from(files[0].1 + files[1].1);
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get().min(8)) as u128;
    let parts = (cores * PARTS_PER_CORE).min(work / MIN_PART_WORK).max(1);
    // Part `i` of the work of both files laid end to end, as a byte range of each file
    // (work grows evenly with the bytes of a file).
    let part = |i: u128, file: usize| -> Range<u64> {
        let (size, file_work) = (u128::from(files[file].0), u128::from(files[file].1));
        let before = if file == 0 { 0 } else { u128::from(files[0].1) };
        let byte = |at: u128| {
            let done = at.clamp(before, before + file_work) - before;
            u64::try_from(done * size / file_work.max(1)).unwrap_or(u64::MAX)
        };
        byte(work * i / parts)..byte(work * (i + 1) / parts)
    };
    // Lines not in task order are dealt into buckets as each part is read, the same
    // buckets for both files (sized by the longer file's estimated lines).
    let bits = deal_bits(
        [
            statement.as_ref().map_or(0, |s| s.estimated_lines),
            expected.as_ref().map_or(0, |e| e.estimated_lines),
        ]
        .into_iter()
        .max()
        .map_or(0, |lines| usize::try_from(lines).unwrap_or(usize::MAX)),
    );
    // The lines of part `i` of a file (none when the part holds none of it), read into
    // `lines` (kept from part to part when it is not handed on).
    fn read<T: PlainRecord + OfTask>(
        scanned: &Scanned<'_, T>,
        range: Range<u64>,
        buffer: &mut Vec<u8>,
        lines: &mut Vec<T>,
        bits: u32,
    ) -> Option<Part<T>> {
        lines.clear();
        // Room for the lines of short rows; more is taken if they are shorter still.
        lines.reserve(usize::try_from(range.end - range.start).ok()? / 24);
        if !range.is_empty() {
            scanned.lines(range, buffer, lines)?;
        }
        Some(Part::as_read(lines, bits))
    }
    let next_part = AtomicU64::new(0);
    // A reader: each part it takes, by its number.
    type Taken = (u128, Option<Part<TaskPayout>>, Option<Part<TaskDue>>);
    let reader = || -> Vec<Taken> {
        let mut buffer = Vec::with_capacity(SCAN_CHUNK);
        let (mut s_lines, mut e_lines) = (Vec::new(), Vec::new());
        let mut taken = Vec::new();
        loop {
            let i = u128::from(next_part.fetch_add(1, Ordering::Relaxed));
            if i >= parts {
                return taken;
            }
            let s = statement
                .as_ref()
                .and_then(|scanned| read(scanned, part(i, 0), &mut buffer, &mut s_lines, bits));
            let e = expected
                .as_ref()
                .and_then(|scanned| read(scanned, part(i, 1), &mut buffer, &mut e_lines, bits));
            taken.push((i, s, e));
        }
    };
    let mut taken: Vec<Taken> = std::thread::scope(|scope| {
        // A thread that cannot be had leaves its parts to the others.
        let handles: Vec<_> = (1..cores)
            .filter_map(|_| std::thread::Builder::new().spawn_scoped(scope, reader).ok())
            .collect();
        let mut taken = reader();
        for handle in handles {
            taken.extend(
                handle
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            );
        }
        taken
    });
    taken.sort_unstable_by_key(|(i, _, _)| *i);
    let (statement_parts, expected_parts): (Vec<_>, Vec<_>) =
        taken.into_iter().map(|(_, s, e)| (s, e)).unzip();
    (whole(statement_parts), whole(expected_parts))
}

/// A file's parts, `None` when one gave up (or the file was not read).
fn whole<T>(parts: Vec<Option<Part<T>>>) -> Option<Parts<T>> {
    parts.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file of `size` bytes read in two parts cut at byte `cut`: each part's answer, and
    /// the second part's lines after the first's, in one list.
    fn in_two_parts<T: PlainRecord>(
        scanned: &Scanned<'_, T>,
        cut: u64,
        size: u64,
        buffer: &mut Vec<u8>,
    ) -> (Option<()>, Option<()>, Vec<T>) {
        let mut lines = Vec::new();
        let first = scanned.lines(0..cut, buffer, &mut lines);
        let second = scanned.lines(cut..size, buffer, &mut lines);
        (first, second, lines)
    }

    /// The files [`write_files`] wrote: their text and where they are.
    struct Files {
        statement: String,
        expected: String,
        s_path: PathBuf,
        e_path: PathBuf,
    }

    /// A statement and an expected list of `count` lines each, written into `dir` (as
    /// `s.csv` and `e.csv`): line `i` is `line(i)`, its task, day, and the statement's and
    /// the expected amount; every 41st payout failed.
    fn write_files(
        dir: &Path,
        count: u64,
        line: impl Fn(u64) -> (u64, String, String, String),
    ) -> Files {
        use std::fmt::Write as _;
        let (mut statement, mut expected) = (
            String::from("结算单号,任务ID,结算金额,结算日期,状态\n"),
            String::from("task_id,amount,due_date\n"),
        );
        for i in 0..count {
            let (task, day, paid, due) = line(i);
            let status = if i % 41 == 0 {
                "提现失败"
            } else {
                "已结算"
            };
            writeln!(statement, "JS{i:012},{task},{paid},{day},{status}").expect("write");
            writeln!(expected, "{task},{due},{day}").expect("write");
        }
        let (s_path, e_path) = (dir.join("s.csv"), dir.join("e.csv"));
        std::fs::write(&s_path, &statement).expect("write");
        std::fs::write(&e_path, &expected).expect("write");
        Files {
            statement,
            expected,
            s_path,
            e_path,
        }
    }

    /// The lines of a file's parts, one part after the other.
    fn all_lines<T: OfTask>(parts: &[Part<T>]) -> Vec<T> {
        parts
            .iter()
            .flat_map(|part| part.lines().iter().copied())
            .collect()
    }

    /// Every line of a file is read by exactly one part, wherever the parts are cut: at a
    /// line's start, inside it, at its line break, inside the header, with or without a
    /// last line break; and the parts together are the import's compact lines.
    #[test]
    fn parts_cut_anywhere_read_every_line_once() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut text = String::from("应收明细\n\ntask_id,amount,due_date\n");
        for i in 0..40u64 {
            text.push_str(&format!(
                "{},{}.{:02},2026-03-{:02}\n",
                1000 + i,
                i,
                i,
                1 + i % 28
            ));
            if i % 9 == 0 {
                text.push('\n');
            }
        }
        for ending in ["", "\n"] {
            let text = format!("{}{ending}", text.trim_end_matches('\n'));
            let path = dir.path().join("expected.csv");
            std::fs::write(&path, &text).expect("write");
            let want = stardesk_import::import_expected_compact("e", text.as_bytes())
                .expect("import")
                .expect("compact");
            assert_eq!(want.len(), 40);
            let scanned = Scanned::<TaskDue>::open(&path).expect("plain");
            let size = text.len() as u64;
            let header_start = text.find("task_id").expect("header") as u64;
            let mut buffer = Vec::new();
            let mut gave_up = 0;
            for cut in 0..=size {
                let (first, second, lines) = in_two_parts(&scanned, cut, size, &mut buffer);
                if cut > 0 && cut <= header_start && second.is_none() {
                    // Cut inside the title lines: the second part reads the header as
                    // data and gives up (the import then runs).
                    gave_up += 1;
                    continue;
                }
                first.unwrap_or_else(|| panic!("first part, cut at {cut}"));
                second.expect("second part");
                assert_eq!(lines, want, "cut at byte {cut}");
            }
            assert!(gave_up > 0, "no cut in the title lines gave up");
        }
    }

    /// A line longer than two chunks (the buffer grows for it), read whole by the part
    /// it starts in and skipped, over several chunks, by a part cut inside it.
    #[test]
    fn a_line_longer_than_the_buffer_is_read_by_one_part() {
        let dir = tempfile::tempdir().expect("tempdir");
        let long_id = "J".repeat(3 * SCAN_CHUNK);
        let text = format!(
            "结算单号,任务ID,结算金额,结算日期,状态\nJS1,1001,10.00,2026-03-01,已结算\n\
             {long_id},1002,20.50,2026-03-02,已结算\nJS3,1003,30.00,2026-03-03,提现失败\n"
        );
        let path = dir.path().join("s.csv");
        std::fs::write(&path, &text).expect("write");
        let want = stardesk_import::import_statement_compact("s", text.as_bytes())
            .expect("import")
            .expect("compact");
        assert_eq!(want.len(), 3);
        let scanned = Scanned::<TaskPayout>::open(&path).expect("plain");
        let size = text.len() as u64;
        let long_start = text.find(&long_id).expect("long line") as u64;
        let mut buffer = Vec::new();
        for cut in [
            long_start - 1,
            long_start,
            long_start + 1,
            long_start + 100_000,
            size - 20,
        ] {
            let (first, second, lines) = in_two_parts(&scanned, cut, size, &mut buffer);
            first.expect("first part");
            second.expect("second part");
            assert_eq!(lines, want, "cut at byte {cut}");
        }
    }

    /// Files of several MiB, read in parts and chunks: the import's compact lines, every
    /// one, whatever part read it.
    #[test]
    fn large_files_scan_to_the_imports_compact_lines() {
        let dir = tempfile::tempdir().expect("tempdir");
        let Files {
            statement,
            expected,
            s_path,
            e_path,
        } = write_files(dir.path(), 60_000, |i| {
            let amount = format!("{}.{:02}", i % 9000, i % 100);
            (
                7_300_000_000_000_000_000 + i * 7919,
                format!("2026-{:02}-{:02}", 1 + i % 12, 1 + i % 28),
                amount.clone(),
                amount,
            )
        });
        assert!(statement.len() > 3 * SCAN_CHUNK && expected.len() > 2 * SCAN_CHUNK);
        let (scanned_s, scanned_e) = scan_files(&s_path, Some(&e_path));
        // The parts, one after the other, are the file's lines in order.
        let scanned_s = scanned_s.expect("plain statement");
        let scanned_e = scanned_e.expect("plain expected");
        assert!(scanned_s.len() > 4, "{} parts", scanned_s.len());
        // In task order, as generated: every part as it lies.
        let (scanned_s, scanned_e) = (all_lines(&scanned_s), all_lines(&scanned_e));
        let want_s = stardesk_import::import_statement_compact("s", statement.as_bytes())
            .expect("import")
            .expect("compact");
        let want_e = stardesk_import::import_expected_compact("e", expected.as_bytes())
            .expect("import")
            .expect("compact");
        assert_eq!(scanned_s.len(), 60_000);
        assert_eq!(scanned_s, want_s);
        assert_eq!(scanned_e, want_e);
    }

    /// Files in date order, read in parts: each part dealt into buckets by task as it
    /// was read, every line kept, and the summary the one of the same lines in one list.
    #[test]
    fn files_in_date_order_are_dealt_as_read() {
        use stardesk_domain::reconcile::summary::{summarize_task_parts, summarize_tasks};
        let dir = tempfile::tempdir().expect("tempdir");
        // Tasks by day, the ids of a day in no order.
        let Files {
            statement,
            expected,
            s_path,
            e_path,
        } = write_files(dir.path(), 60_000, |i| {
            (
                7_300_000_000_000_000_000 + (i * 7_907 % 60_000) * 7_919,
                format!("2026-{:02}-{:02}", 1 + i / 5_000, 1 + i % 5_000 / 200),
                format!("{}.00", i % 900),
                format!("{}.00", i % 900 + i % 3),
            )
        });
        let (scanned_s, scanned_e) = scan_files(&s_path, Some(&e_path));
        let (scanned_s, scanned_e) = (scanned_s.expect("plain"), scanned_e.expect("plain"));
        let key = |line: &TaskPayout| (line.task, line.fen(), line.date(), line.failed());
        let mut have = all_lines(&scanned_s);
        let mut want_s = stardesk_import::import_statement_compact("s", statement.as_bytes())
            .expect("import")
            .expect("compact");
        let mut want_e = stardesk_import::import_expected_compact("e", expected.as_bytes())
            .expect("import")
            .expect("compact");
        // Dealt: the lines are not where the file has them, but all of them are there.
        assert_ne!(have, want_s);
        have.sort_by_key(key);
        let mut sorted = want_s.clone();
        sorted.sort_by_key(key);
        assert_eq!(have, sorted);
        let as_of = chrono::NaiveDate::from_ymd_opt(2026, 7, 1).expect("day");
        let summary = summarize_task_parts(&scanned_e, &scanned_s, as_of).expect("answered");
        assert_eq!(
            Some(&summary),
            summarize_tasks(&mut want_e, &mut want_s, as_of).as_ref()
        );
        assert!(summary.matched.count > 0 && summary.amount_mismatch.count > 0);
    }
}
