//! Plain statement and expected-earnings files read as compact lines for the summary of
//! `stardesk reconcile --json` ([`stardesk_import::PlainScan`]): both files' bytes cut into
//! one part per core by the work of reading them, each part read in chunks into one
//! buffer, so no copy of a file is held and no page of it is written twice.

use std::io::{BufRead as _, BufReader, Read as _, Seek as _, SeekFrom};
use std::ops::Range;
use std::path::{Path, PathBuf};

use stardesk_domain::reconcile::summary::{TaskDue, TaskPayout};
use stardesk_import::{PlainRecord, PlainScan};

/// Bytes read at a time by a scan.
const SCAN_CHUNK: usize = 1 << 20;

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
        let mut head = Vec::with_capacity(SCAN_CHUNK);
        file.take(SCAN_CHUNK as u64).read_to_end(&mut head).ok()?;
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

    /// The lines that start in `range` of the file's bytes, read in chunks into `buffer`.
    fn lines(&self, range: Range<u64>, buffer: &mut Vec<u8>) -> Option<Vec<T>> {
        let mut file = std::fs::File::open(self.path).ok()?;
        // A part after the first starts at the first line starting in it: from the byte
        // before, so a line starting exactly at the cut is kept.
        let from = range.start.saturating_sub(1);
        file.seek(SeekFrom::Start(from)).ok()?;
        let mut file = file.take(range.end.max(from) - from);
        // Room for the lines of short rows; more is taken if they are shorter still.
        let mut lines = Vec::with_capacity(usize::try_from(range.end - range.start).ok()? / 24);
        buffer.clear();
        let mut skip_partial = range.start > 0;
        // The title lines and header, at the file's start.
        let mut skip = if range.start == 0 {
            self.scan.header_lines()
        } else {
            0
        };
        loop {
            let before = buffer.len();
            buffer.resize(SCAN_CHUNK.max(before + 1), 0);
            let read = read_some(&mut file, &mut buffer[before..])?;
            buffer.truncate(before + read);
            let end_of_part = read == 0;
            if skip_partial {
                // The rest of a line the part before holds.
                match buffer.iter().position(|&b| b == b'\n') {
                    Some(at) => {
                        buffer.drain(..=at);
                        skip_partial = false;
                    }
                    None if end_of_part => return Some(lines),
                    None => {
                        buffer.clear();
                        continue;
                    }
                }
            }
            if end_of_part {
                // The part's last line runs on past its end: read it to its line break.
                if buffer.last().is_some_and(|&b| b != b'\n') {
                    BufReader::new(file.into_inner())
                        .read_until(b'\n', buffer)
                        .ok()?;
                }
                self.scan.read(buffer, &mut skip, &mut lines)?;
                return Some(lines);
            }
            let Some(cut) = buffer.iter().rposition(|&b| b == b'\n') else {
                continue;
            };
            self.scan.read(&buffer[..=cut], &mut skip, &mut lines)?;
            buffer.drain(..=cut);
        }
    }
}

/// Every part's lines in one list; `None` when a part gave up. Order does not matter to
/// the summary, which sorts by task.
fn gather<T>(parts: impl IntoIterator<Item = Option<Vec<T>>>) -> Option<Vec<T>> {
    let mut all: Vec<T> = Vec::new();
    for part in parts {
        let part = part?;
        if all.is_empty() {
            all = part;
        } else {
            all.extend(part);
        }
    }
    Some(all)
}

/// The compact lines of a statement and an expected-earnings file, each `None` when it
/// is not plain or cannot be read so (the expected side also without a file). The two
/// files' bytes are cut into one part per core by the work of reading them, and each
/// core reads its parts.
pub(super) fn scan_files(
    statement: &Path,
    expected: Option<&PathBuf>,
) -> (Option<Vec<TaskPayout>>, Option<Vec<TaskDue>>) {
    let statement = Scanned::<TaskPayout>::open(statement);
    let expected = expected.and_then(|path| Scanned::<TaskDue>::open(path));
    // Each file's size and work.
    let files = [
        statement.as_ref().map_or((0, 0), |s| (s.size, s.work())),
        expected.as_ref().map_or((0, 0), |e| (e.size, e.work())),
    ];
    let work = u128::from(files[0].1 + files[1].1);
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get().min(8)) as u128;
    // Part `i` of the work of both files laid end to end, as a byte range of each file
    // (work grows evenly with the bytes of a file).
    let part = |i: u128, file: usize| -> Range<u64> {
        let (size, file_work) = (u128::from(files[file].0), u128::from(files[file].1));
        let before = if file == 0 { 0 } else { u128::from(files[0].1) };
        let byte = |at: u128| {
            let done = at.clamp(before, before + file_work) - before;
            u64::try_from(done * size / file_work.max(1)).unwrap_or(u64::MAX)
        };
        byte(work * i / cores)..byte(work * (i + 1) / cores)
    };
    type Parts = (Option<Vec<TaskPayout>>, Option<Vec<TaskDue>>);
    let read_part = |i: u128| -> Parts {
        let mut buffer = Vec::with_capacity(SCAN_CHUNK);
        let s = statement
            .as_ref()
            .and_then(|scanned| scanned.lines(part(i, 0), &mut buffer));
        let e = expected
            .as_ref()
            .and_then(|scanned| scanned.lines(part(i, 1), &mut buffer));
        (s, e)
    };
    let parts: Vec<Parts> = std::thread::scope(|scope| {
        let handles: Vec<_> = (1..cores)
            .map(|i| scope.spawn(move || read_part(i)))
            .collect();
        let mut parts = vec![read_part(0)];
        parts.extend(handles.into_iter().map(|handle| {
            handle
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        }));
        parts
    });
    let (statement_parts, expected_parts): (Vec<_>, Vec<_>) = parts.into_iter().unzip();
    (
        statement.and_then(|_| gather(statement_parts)),
        expected.and_then(|_| gather(expected_parts)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

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
                let first = scanned.lines(0..cut, &mut buffer);
                let second = scanned.lines(cut..size, &mut buffer);
                if cut > 0 && cut <= header_start && second.is_none() {
                    // Cut inside the title lines: the second part reads the header as
                    // data and gives up (the import then runs).
                    gave_up += 1;
                    continue;
                }
                let mut lines = first.unwrap_or_else(|| panic!("first part, cut at {cut}"));
                lines.extend(second.expect("second part"));
                assert_eq!(lines, want, "cut at byte {cut}");
            }
            assert!(gave_up > 0, "no cut in the title lines gave up");
        }
    }

    /// Files of several MiB, read in parts and chunks: the import's compact lines, every
    /// one, whatever part read it.
    #[test]
    fn large_files_scan_to_the_imports_compact_lines() {
        use std::fmt::Write as _;
        let dir = tempfile::tempdir().expect("tempdir");
        let (mut statement, mut expected) = (
            String::from("结算单号,任务ID,结算金额,结算日期,状态\n"),
            String::from("task_id,amount,due_date\n"),
        );
        for i in 0..60_000u64 {
            let task = 7_300_000_000_000_000_000 + i * 7919;
            let status = if i % 41 == 0 {
                "提现失败"
            } else {
                "已结算"
            };
            let day = format!("2026-{:02}-{:02}", 1 + i % 12, 1 + i % 28);
            writeln!(
                statement,
                "JS{i:012},{task},{}.{:02},{day},{status}",
                i % 9000,
                i % 100
            )
            .expect("write");
            writeln!(expected, "{task},{}.{:02},{day}", i % 9000, i % 100).expect("write");
        }
        assert!(statement.len() > 3 * SCAN_CHUNK && expected.len() > 2 * SCAN_CHUNK);
        let (s_path, e_path) = (dir.path().join("s.csv"), dir.path().join("e.csv"));
        std::fs::write(&s_path, &statement).expect("write");
        std::fs::write(&e_path, &expected).expect("write");
        let (scanned_s, scanned_e) = scan_files(&s_path, Some(&e_path));
        let mut scanned_s = scanned_s.expect("plain statement");
        let mut scanned_e = scanned_e.expect("plain expected");
        let mut want_s = stardesk_import::import_statement_compact("s", statement.as_bytes())
            .expect("import")
            .expect("compact");
        let mut want_e = stardesk_import::import_expected_compact("e", expected.as_bytes())
            .expect("import")
            .expect("compact");
        let by_line = |l: &TaskPayout| (l.task, l.fen, l.date, l.failed);
        for lines in [&mut scanned_s, &mut want_s] {
            lines.sort_unstable_by_key(by_line);
        }
        for lines in [&mut scanned_e, &mut want_e] {
            lines.sort_unstable_by_key(|l| (l.task, l.fen, l.due));
        }
        assert_eq!(scanned_s.len(), 60_000);
        assert_eq!(scanned_s, want_s);
        assert_eq!(scanned_e, want_e);
    }
}
