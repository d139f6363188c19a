//! Settlement imports and decisions on a real SQLite file in a temp dir (no keychain: a
//! random key is enough to prove the file is encrypted).

mod common;

use std::path::Path;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use stardesk_domain::reconcile::records::{
    BankLine, ExpectedLine, InvoiceLine, LineKey, PayoutStatus, StatementLine,
};
use stardesk_domain::reconcile::{keys_for, ContractAccount, Decision, Pair};
use stardesk_import::{ColumnMapping, ColumnRef, HeaderRow, TextEncoding};
use stardesk_store::settlements::{
    ImportFileMeta, ImportLines, ImportOutcome, LineKind, UnchangedImport,
};
use stardesk_store::{DbKey, Store, StoreError, DB_FILE};

const SECRET_COUNTERPARTY: &str = "绝密对方户名ZQXJ";

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, d).expect("date")
}

fn yuan(s: &str) -> Decimal {
    s.parse().expect("decimal")
}

fn meta(name: &str) -> ImportFileMeta {
    ImportFileMeta {
        file_name: name.into(),
        imported_at: "2026-04-01T08:00:00Z".into(),
        encoding: "UTF-8".into(),
        source_digest: None,
    }
}

/// `meta(name)` of a file whose source digest is `[byte; 32]`.
fn meta_of_source(name: &str, byte: u8) -> ImportFileMeta {
    ImportFileMeta {
        source_digest: Some([byte; 32]),
        ..meta(name)
    }
}

/// Statement lines keyed like the importer keys them: by content, then occurrence.
fn statement(rows: &[(&str, &str, &str, u32)]) -> Vec<StatementLine> {
    let fps: Vec<u64> = rows
        .iter()
        .map(|(s, t, a, d)| stardesk_domain::reconcile::fingerprint(&[s, t, a, &d.to_string()]))
        .collect();
    rows.iter()
        .zip(keys_for(&fps))
        .map(|((s, t, a, d), key)| StatementLine {
            key,
            statement_id: (*s).into(),
            task_id: (*t).into(),
            amount: yuan(a),
            date: day(*d),
            status: PayoutStatus::Settled,
            gross: Some(yuan(a) + yuan("10.00")),
            fee: Some(yuan("10.00")),
            tax: None,
        })
        .collect()
}

/// `n` statement lines of ¥100.00 on the 5th, tasks `T0`… in statements of `per` lines.
fn uniform_statement(n: usize, per: usize) -> Vec<StatementLine> {
    let rows: Vec<(String, String)> = (0..n)
        .map(|i| (format!("JS{}", i / per), format!("T{i}")))
        .collect();
    let refs: Vec<(&str, &str, &str, u32)> = rows
        .iter()
        .map(|(s, t)| (s.as_str(), t.as_str(), "100.00", 5))
        .collect();
    statement(&refs)
}

fn bank(rows: &[(&str, &str, u32)]) -> Vec<BankLine> {
    let fps: Vec<u64> = rows
        .iter()
        .map(|(t, a, d)| stardesk_domain::reconcile::fingerprint(&["B", t, a, &d.to_string()]))
        .collect();
    rows.iter()
        .zip(keys_for(&fps))
        .map(|((t, a, d), key)| BankLine {
            key,
            txn_id: (*t).into(),
            date: day(*d),
            amount: yuan(a),
            counterparty: SECRET_COUNTERPARTY.into(),
            memo: "星图结算".into(),
        })
        .collect()
}

/// Imports through the store's import entry point, as core does, ignoring progress.
fn import(
    store: &mut Store,
    file_name: &str,
    lines: ImportLines<'_>,
) -> Result<ImportOutcome, StoreError> {
    store.import_lines_with_progress(&meta(file_name), lines, &mut |_| {})
}

fn open(dir: &Path) -> Store {
    Store::open(&dir.join(DB_FILE), &DbKey::random()).expect("open")
}

#[test]
fn the_same_file_twice_adds_nothing_the_second_time() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(dir.path());
    let lines = statement(&[("JS1", "T1", "100.00", 5), ("JS1", "T2", "200.00", 5)]);
    let first = import(&mut store, "s.csv", ImportLines::Statement(&lines)).expect("first");
    assert_eq!((first.added, first.already_present), (2, 0));
    let second = import(&mut store, "s.csv", ImportLines::Statement(&lines)).expect("second");
    assert_eq!((second.added, second.already_present), (0, 2));
    assert_eq!(store.statement_lines().expect("load"), lines);
    let files = store.import_files().expect("files");
    assert_eq!(files.len(), 2, "both imports are recorded");
    assert_eq!(
        files
            .iter()
            .map(|f| (f.kind, f.line_count, f.added_count))
            .collect::<Vec<_>>(),
        vec![(LineKind::Statement, 2, 2), (LineKind::Statement, 2, 0)]
    );
}

#[test]
fn a_reexport_with_a_new_payout_status_updates_the_line_instead_of_adding_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(dir.path());
    let mut lines = statement(&[("JS1", "T1", "100.00", 5)]);
    lines[0].status = PayoutStatus::Withdrawing;
    lines[0].tax = None;
    import(&mut store, "march.csv", ImportLines::Statement(&lines)).expect("first export: 提现中");
    // The same line exported later: the payout failed, and the tax column is now filled.
    lines[0].status = PayoutStatus::Failed;
    lines[0].tax = Some(yuan("3.00"));
    let again = import(&mut store, "april.csv", ImportLines::Statement(&lines))
        .expect("second export: 提现失败");
    assert_eq!((again.added, again.already_present), (0, 1));
    let stored = store.statement_lines().expect("load");
    assert_eq!(stored.len(), 1, "one line, not a duplicate payout");
    assert_eq!(stored[0].status, PayoutStatus::Failed);
    assert_eq!(stored[0].tax, Some(yuan("3.00")));
    assert_eq!(
        stored[0].key, lines[0].key,
        "decisions keyed on it still apply"
    );
}

/// Taking back a newer export puts back the payout status and the component it changed;
/// where a later export changed the line again, that one's stands, and taking it back too
/// puts back the first export's. Taking back the first export, whose lines they are,
/// takes the lines and the later exports' changes to them.
#[test]
fn taking_back_a_newer_export_puts_back_the_status_it_changed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(dir.path());
    let mut march = statement(&[("JS1", "T1", "100.00", 5), ("JS1", "T2", "200.00", 5)]);
    for l in &mut march {
        l.status = PayoutStatus::Withdrawing;
        l.tax = None;
    }
    let march_id = import(&mut store, "march.csv", ImportLines::Statement(&march))
        .expect("march")
        .file_id;
    // April: T1's payout failed and its tax is given; T2 unchanged.
    let mut april = march.clone();
    april[0].status = PayoutStatus::Failed;
    april[0].tax = Some(yuan("3.00"));
    let april_id = import(&mut store, "april.csv", ImportLines::Statement(&april))
        .expect("april")
        .file_id;
    // May: T1 paid at last.
    let mut may = april.clone();
    may[0].status = PayoutStatus::Settled;
    let may_id = import(&mut store, "may.csv", ImportLines::Statement(&may))
        .expect("may")
        .file_id;
    assert_eq!(store.statement_lines().expect("lines"), may);

    assert_eq!(
        common::taken_back(&mut store, april_id),
        (0, 0),
        "April's lines are March's; its one change went over to May"
    );
    assert_eq!(
        store.statement_lines().expect("lines"),
        may,
        "May changed T1 after April: May's status stands"
    );
    assert_eq!(
        common::taken_back(&mut store, may_id),
        (0, 1),
        "T1 put back"
    );
    assert_eq!(
        store.statement_lines().expect("lines"),
        march,
        "March's status and tax again, not April's"
    );

    // April again, then taken back: March's again.
    let april_id = import(&mut store, "april.csv", ImportLines::Statement(&april))
        .expect("april again")
        .file_id;
    assert_eq!(store.statement_lines().expect("lines"), april);
    assert_eq!(common::taken_back(&mut store, april_id), (0, 1));
    assert_eq!(store.statement_lines().expect("lines"), march);

    // March's lines go with March, and April's change to them with them: a corrected
    // March (T1 paid; its lines take March's place, block ids included), then April
    // taken back, leaves the corrected March's lines as they are, not the first March's.
    let april_id = import(&mut store, "april.csv", ImportLines::Statement(&april))
        .expect("april again")
        .file_id;
    assert_eq!(
        common::taken_back(&mut store, march_id),
        (2, 0),
        "March's own lines go, April's change to them with them"
    );
    assert!(store.statement_lines().expect("lines").is_empty());
    let mut corrected = march.clone();
    corrected[0].status = PayoutStatus::Settled;
    let again = import(
        &mut store,
        "march v2.csv",
        ImportLines::Statement(&corrected),
    )
    .expect("corrected march");
    assert_eq!(again.added, 2);
    assert_eq!(common::taken_back(&mut store, april_id), (0, 0));
    assert_eq!(store.statement_lines().expect("lines"), corrected);
}

/// A later export that says again what a newer one changed keeps it when that newer one
/// is taken back: April fails T1's payout, May's export says the same; April taken back,
/// T1 stays failed (May says so); May taken back too, March's status again. Taken back the
/// other way round, May's record puts nothing back (T1 already says what May found), and
/// April's then does. May read line by line (it has a line more), as April's lines again
/// (their digest), and as April's very file again (its source digest, not read at all).
#[test]
fn a_later_file_that_repeats_a_change_keeps_it_when_the_first_is_taken_back() {
    let mut march = statement(&[("JS1", "T1", "100.00", 5), ("JS1", "T2", "200.00", 5)]);
    for l in &mut march {
        l.status = PayoutStatus::Withdrawing;
    }
    let mut april = march.clone();
    april[0].status = PayoutStatus::Failed;
    april[0].tax = Some(yuan("3.00"));
    let mut longer = april.clone();
    longer.extend(statement(&[("JS2", "T3", "50.00", 6)]));
    for how in ["line by line", "same lines", "same source"] {
        for (first, then) in [("april", "may"), ("may", "april")] {
            let dir = tempfile::tempdir().expect("tempdir");
            let mut store = open(dir.path());
            import(&mut store, "march.csv", ImportLines::Statement(&march)).expect("march");
            let april_meta = meta_of_source("april.csv", 4);
            let april_id = store
                .import_lines_with_progress(
                    &april_meta,
                    ImportLines::Statement(&april),
                    &mut |_| {},
                )
                .expect("april")
                .file_id;
            let (may_id, may_lines) = match how {
                "line by line" => {
                    let o = import(&mut store, "may.csv", ImportLines::Statement(&longer));
                    let o = o.expect("may");
                    assert_eq!((o.added, o.updated), (1, 0), "{how}: T3 new, T1 as it is");
                    (o.file_id, longer.clone())
                }
                "same lines" => {
                    let o = import(&mut store, "may.csv", ImportLines::Statement(&april));
                    (o.expect("may").file_id, april.clone())
                }
                _ => {
                    let o = unchanged(&mut store, LineKind::Statement, &april_meta);
                    (o.expect("the same source").outcome.file_id, april.clone())
                }
            };
            assert_eq!(store.statement_lines().expect("lines"), may_lines);
            let id = |name| if name == "april" { april_id } else { may_id };
            assert_eq!(
                common::taken_back(&mut store, id(first)),
                (u64::from(first == "may" && how == "line by line"), 0),
                "{how}, {first} taken back first: the other still says what T1 says"
            );
            let kept = if first == "april" { &may_lines } else { &april };
            assert_eq!(
                &store.statement_lines().expect("lines"),
                kept,
                "{how}, {first} taken back first"
            );
            assert_eq!(
                common::taken_back(&mut store, id(then)),
                (u64::from(then == "may" && how == "line by line"), 1),
                "{how}, then {then}"
            );
            assert_eq!(
                store.statement_lines().expect("lines"),
                march,
                "{how}: both taken back, {first} first"
            );
        }
    }
}

/// Deleting all settlement data takes the records of what imports changed with the lines
/// (block ids start again after it: no record may be left to name one).
#[test]
fn deleting_all_settlement_data_leaves_no_record_of_changes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join(DB_FILE);
    let key = DbKey::random();
    let mut store = Store::open(&path, &key).expect("open");
    let mut march = statement(&[("JS1", "T1", "100.00", 5), ("JS1", "T2", "200.00", 5)]);
    march[0].status = PayoutStatus::Withdrawing;
    let mut april = march.clone();
    april[0].status = PayoutStatus::Failed;
    import(&mut store, "march.csv", ImportLines::Statement(&march)).expect("march");
    let o = import(&mut store, "april.csv", ImportLines::Statement(&april)).expect("april");
    assert_eq!(o.updated, 1);
    store.delete_settlement_data().expect("delete all");
    drop(store);
    let conn = common::keyed(&path, &key);
    let (blocks, records): (i64, i64) = conn
        .query_row(
            "SELECT (SELECT count(*) FROM statement_blocks),
                    (SELECT count(*) FROM statement_block_changes)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("counts");
    assert_eq!((blocks, records), (0, 0));
}

/// The file imported last of a kind, imported again, is recorded without a pass over its
/// lines (migration 0011: its lines digest matches); any other file is stored line by
/// line as before, so a re-import of an older export still puts its statuses back.
#[test]
fn the_last_file_again_skips_the_line_pass_and_an_older_one_is_stored_again() {
    let mut a = uniform_statement(10_000, 50);
    for l in &mut a {
        l.status = PayoutStatus::Withdrawing;
    }
    let mut b = a.clone();
    for l in &mut b {
        l.status = PayoutStatus::Failed;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(dir.path());
    // Progress reports come from the line pass (every 8,192 lines).
    let run = |store: &mut Store, name: &str, lines: &[StatementLine]| {
        let mut reports = 0;
        let o = store
            .import_lines_with_progress(&meta(name), ImportLines::Statement(lines), &mut |_| {
                reports += 1
            })
            .expect("import");
        (o.added, o.already_present, reports)
    };
    assert_eq!(run(&mut store, "a.csv", &a), (10_000, 0, 1));
    assert_eq!(
        run(&mut store, "a.csv", &a),
        (0, 10_000, 0),
        "the same file again"
    );
    assert_eq!(store.statement_lines().expect("load"), a);
    assert_eq!(run(&mut store, "b.csv", &b), (0, 10_000, 1), "a new status");
    assert_eq!(store.statement_lines().expect("load"), b);
    // a.csv is not the last statement file now: its lines are stored again, one by one.
    assert_eq!(
        run(&mut store, "a.csv", &a),
        (0, 10_000, 1),
        "an older export"
    );
    assert_eq!(store.statement_lines().expect("load"), a);
    assert_eq!(run(&mut store, "a.csv", &a), (0, 10_000, 0));
    let files = store.import_files().expect("files");
    assert_eq!(files.len(), 5, "every import is recorded");
    assert!(files.iter().all(|f| f.line_count == 10_000));

    // Another kind in between does not matter; a bank file again is recorded the same way.
    let bank_lines = bank(&[("TX1", "100.00", 6), ("TX2", "200.00", 7)]);
    let o = import(&mut store, "bank.csv", ImportLines::Bank(&bank_lines)).expect("bank");
    assert_eq!((o.added, o.already_present), (2, 0));
    assert_eq!(run(&mut store, "a.csv", &a), (0, 10_000, 0));
    let o = import(&mut store, "bank.csv", ImportLines::Bank(&bank_lines)).expect("again");
    assert_eq!((o.added, o.already_present), (0, 2));
    // One field differs: not the same lines, stored line by line (the new one added).
    let mut other = bank_lines.clone();
    other.extend(bank(&[("TX3", "300.00", 8)]));
    let o = import(&mut store, "bank2.csv", ImportLines::Bank(&other)).expect("other");
    assert_eq!((o.added, o.already_present), (1, 2));
    assert_eq!(store.bank_lines().expect("load"), other);

    // After the data is deleted, the same file adds every line again.
    store.delete_settlement_data().expect("delete");
    assert_eq!(run(&mut store, "a.csv", &a), (10_000, 0, 1));
    assert_eq!(store.statement_lines().expect("load"), a);
}

/// `Store::import_unchanged`, which must not fail.
fn unchanged(store: &mut Store, kind: LineKind, file: &ImportFileMeta) -> Option<UnchangedImport> {
    store
        .import_unchanged(kind, file)
        .expect("import_unchanged")
}

/// A file whose source digest is the last imported file's of its kind is recorded as
/// imported, with nothing added, without its lines: with that file's line count and
/// encoding, and its digests, so it can be repeated in turn. Any other last file (another
/// source, one without a digest, none, or the data deleted) and nothing is written.
#[test]
fn the_last_source_again_is_recorded_without_its_lines_and_nothing_else_is() {
    let a = uniform_statement(10_000, 50);
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(dir.path());
    let kind = LineKind::Statement;
    assert_eq!(store.last_source_digest(kind).expect("last"), None);
    assert_eq!(
        unchanged(&mut store, kind, &meta_of_source("a.csv", 1)),
        None,
        "no file imported yet"
    );
    let mut gbk = meta_of_source("a.csv", 1);
    gbk.encoding = "GB18030".into();
    let first = store
        .import_lines_with_progress(&gbk, ImportLines::Statement(&a), &mut |_| {})
        .expect("import");
    assert_eq!(first.added, 10_000);
    assert_eq!(store.last_source_digest(kind).expect("last"), Some([1; 32]));
    // The same source under another name: recorded as the file it repeats was read.
    let again = unchanged(&mut store, kind, &meta_of_source("a (1).csv", 1))
        .expect("the last file's source");
    assert_eq!(
        (again.outcome.added, again.outcome.already_present),
        (0, 10_000)
    );
    assert_eq!(
        (again.line_count, again.encoding.as_str()),
        (10_000, "GB18030")
    );
    let files = store.import_files().expect("files");
    assert_eq!(files.len(), 2);
    let last = files.last().expect("recorded");
    assert_eq!(
        (
            last.id,
            last.file_name.as_str(),
            last.line_count,
            last.added_count
        ),
        (again.outcome.file_id, "a (1).csv", 10_000, 0)
    );
    assert_eq!(last.encoding, "GB18030");
    // The repeat is the last file now, with the same digests: the line pass of the lines
    // again is skipped too (no progress report: a pass reports every 8,192 lines).
    let mut reports = 0;
    let o = store
        .import_lines_with_progress(&meta("a.csv"), ImportLines::Statement(&a), &mut |_| {
            reports += 1
        })
        .expect("lines again");
    assert_eq!(
        (o.added, reports),
        (0, 0),
        "the lines digest was carried over"
    );
    assert_eq!(
        store.last_source_digest(kind).expect("last"),
        None,
        "a file without one"
    );
    assert_eq!(
        unchanged(&mut store, kind, &meta_of_source("a.csv", 1)),
        None,
        "the last file has no source digest"
    );
    store
        .import_lines_with_progress(
            &meta_of_source("a.csv", 1),
            ImportLines::Statement(&a),
            &mut |_| {},
        )
        .expect("with its source");
    // Another source, another kind's file in between, a file without a digest.
    assert_eq!(
        unchanged(&mut store, kind, &meta_of_source("b.csv", 2)),
        None
    );
    assert_eq!(unchanged(&mut store, kind, &meta("a.csv")), None);
    assert_eq!(
        unchanged(&mut store, LineKind::Bank, &meta_of_source("a.csv", 1)),
        None,
        "the kind's own last file"
    );
    let bank_lines = bank(&[("TX1", "100.00", 6)]);
    store
        .import_lines_with_progress(
            &meta_of_source("bank.csv", 1),
            ImportLines::Bank(&bank_lines),
            &mut |_| {},
        )
        .expect("bank");
    assert!(unchanged(&mut store, kind, &meta_of_source("a.csv", 1)).is_some());
    let count = store.import_files().expect("files").len();
    for _ in 0..2 {
        assert_eq!(
            unchanged(&mut store, kind, &meta_of_source("b.csv", 2)),
            None
        );
    }
    assert_eq!(
        store.import_files().expect("files").len(),
        count,
        "nothing written"
    );
    // After the data is deleted, nothing is the last file.
    store.delete_settlement_data().expect("delete");
    assert_eq!(
        unchanged(&mut store, kind, &meta_of_source("a.csv", 1)),
        None
    );
    assert!(store.statement_lines().expect("load").is_empty());
}

/// A newer export stores the same whether it comes whole or a line a file (statement
/// lines: every stored key is read from the blocks either way; bank lines: a file large
/// next to the table has the known keys read in one scan, a small one goes line by line):
/// a new status and a newly filled component are kept, a component left empty keeps the
/// stored one, nothing is duplicated, and the counts are right.
#[test]
fn a_reimport_stores_the_same_whether_the_known_keys_are_scanned_or_sought() {
    let base = uniform_statement(20, 5);
    let mut changed = base.clone();
    changed[3].status = PayoutStatus::Failed;
    changed[7].tax = Some(yuan("3.00"));
    changed[9].gross = None; // not in this export: the stored gross stays
    changed[11].status = PayoutStatus::Other("审核中".into());

    // Scanned: the whole changed export (20 lines next to 20 stored).
    let dir = tempfile::tempdir().expect("tempdir");
    let mut scanned = open(dir.path());
    import(&mut scanned, "a", ImportLines::Statement(&base)).expect("first");
    let again = import(&mut scanned, "b", ImportLines::Statement(&changed)).expect("again");
    assert_eq!((again.added, again.already_present), (0, 20));

    // Sought: the changed lines one file each (1 line next to 20 stored).
    let dir2 = tempfile::tempdir().expect("tempdir");
    let mut sought = open(dir2.path());
    import(&mut sought, "a", ImportLines::Statement(&base)).expect("first");
    for (i, line) in changed.iter().enumerate() {
        let one = std::slice::from_ref(line);
        let o = import(&mut sought, &format!("b{i}"), ImportLines::Statement(one)).expect("one");
        assert_eq!((o.added, o.already_present), (0, 1));
    }

    let stored = scanned.statement_lines().expect("load");
    assert_eq!(stored, sought.statement_lines().expect("load"));
    assert_eq!(stored.len(), 20);
    assert_eq!(stored[3].status, PayoutStatus::Failed);
    assert_eq!(stored[7].tax, Some(yuan("3.00")));
    assert_eq!(
        stored[9].gross, base[9].gross,
        "an empty component keeps the stored one"
    );
    assert_eq!(stored[11].status, PayoutStatus::Other("审核中".into()));
    assert_eq!(stored[0], base[0]);

    // A new line among known ones is added, once, by either path.
    let mut more = changed.clone();
    more.extend(statement(&[("JS9", "T99", "55.00", 6)]));
    let o = import(&mut scanned, "c", ImportLines::Statement(&more)).expect("more");
    assert_eq!((o.added, o.already_present), (1, 20));
    let o = import(&mut sought, "c", ImportLines::Statement(&more[20..])).expect("more");
    assert_eq!((o.added, o.already_present), (1, 0));
    assert_eq!(
        scanned.statement_lines().expect("load"),
        sought.statement_lines().expect("load")
    );

    // Bank lines: a re-import through the scan adds nothing and keeps the order.
    let b = bank(&[("TX1", "100.00", 6), ("TX2", "200.00", 7)]);
    import(&mut scanned, "bank", ImportLines::Bank(&b)).expect("bank");
    let o = import(&mut scanned, "bank", ImportLines::Bank(&b)).expect("bank again");
    assert_eq!((o.added, o.already_present), (0, 2));
    assert_eq!(scanned.bank_lines().expect("load"), b);
}

#[test]
fn a_large_import_reports_its_progress_as_it_stores() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(dir.path());
    let tasks: Vec<String> = (0..20_000).map(|n| format!("T{n}")).collect();
    let rows: Vec<(&str, &str, &str, u32)> = tasks
        .iter()
        .map(|t| ("JS1", t.as_str(), "1.00", 5))
        .collect();
    let lines = statement(&rows);
    let mut reported = Vec::new();
    let out = store
        .import_lines_with_progress(
            &meta("big.csv"),
            ImportLines::Statement(&lines),
            &mut |stored| reported.push(stored),
        )
        .expect("import");
    assert_eq!(out.added, lines.len());
    assert!(
        !reported.is_empty(),
        "no progress over {} lines",
        lines.len()
    );
    assert!(
        reported.windows(2).all(|w| w[0] < w[1]) && reported.iter().all(|&n| n < lines.len()),
        "counts of lines stored so far: {reported:?}"
    );
}

#[test]
fn an_overlapping_file_adds_only_its_new_lines_and_identical_lines_are_both_kept() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(dir.path());
    // March 1–15, with two genuinely identical lines.
    let early = statement(&[
        ("JS1", "T1", "100.00", 5),
        ("JS1", "T1", "100.00", 5),
        ("JS2", "T2", "50.00", 10),
    ]);
    assert_eq!(early[0].key.occurrence, 0);
    assert_eq!(early[1].key.occurrence, 1);
    let out = import(&mut store, "early.csv", ImportLines::Statement(&early)).expect("early");
    assert_eq!(out.added, 3, "identical lines in one file are two lines");
    // March 10–31 overlaps on JS2.
    let late = statement(&[("JS2", "T2", "50.00", 10), ("JS3", "T3", "70.00", 20)]);
    let out = import(&mut store, "late.csv", ImportLines::Statement(&late)).expect("late");
    assert_eq!((out.added, out.already_present), (1, 1));
    let stored = store.statement_lines().expect("load");
    assert_eq!(stored.len(), 4);
    assert_eq!(
        stored
            .iter()
            .map(|l| l.task_id.as_str())
            .collect::<Vec<_>>(),
        vec!["T1", "T1", "T2", "T3"],
        "import order"
    );
    assert_eq!(store.line_counts().expect("counts").statement, 4);
}

#[test]
fn every_kind_round_trips_through_the_store() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(dir.path());
    let mut s = statement(&[("JS1", "T1", "100.00", 5), ("JS1", "T2", "-3.50", 6)]);
    s[1].status = PayoutStatus::Other("冻结中".into());
    s[0].status = PayoutStatus::Failed;
    let b = bank(&[("TX1", "100.00", 6)]);
    let e = vec![ExpectedLine {
        key: LineKey {
            fingerprint: u64::MAX,
            occurrence: 0,
        },
        task_id: "T1".into(),
        amount: yuan("100.00"),
        due_date: None,
        gross: Some(yuan("120.00")),
        fee: Some(yuan("12.00")),
        tax: Some(yuan("8.00")),
    }];
    let inv = vec![InvoiceLine {
        key: LineKey {
            fingerprint: 1 << 63,
            occurrence: 2,
        },
        statement_id: "JS1".into(),
        sent_date: day(7),
        tracking_no: "SF123".into(),
    }];
    import(&mut store, "s", ImportLines::Statement(&s)).expect("s");
    import(&mut store, "b", ImportLines::Bank(&b)).expect("b");
    import(&mut store, "e", ImportLines::Expected(&e)).expect("e");
    import(&mut store, "i", ImportLines::Invoices(&inv)).expect("i");
    assert_eq!(store.statement_lines().expect("s"), s);
    assert_eq!(store.bank_lines().expect("b"), b);
    assert_eq!(
        store.expected_lines().expect("e"),
        e,
        "u64::MAX fingerprint is lossless"
    );
    assert_eq!(store.invoice_lines().expect("i"), inv);
}

#[test]
fn a_decision_survives_a_reimport() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join(DB_FILE);
    let key = DbKey::random();
    let mut store = Store::open(&path, &key).expect("open");
    let s = statement(&[("JS1", "T1", "100.00", 5)]);
    let b = bank(&[("TX1", "100.00", 6)]);
    import(&mut store, "s", ImportLines::Statement(&s)).expect("s");
    import(&mut store, "b", ImportLines::Bank(&b)).expect("b");
    let reject = Decision::Reject(Pair::Payout {
        statement: vec![s[0].key],
        bank: vec![b[0].key],
    });
    let manual = Decision::ManualMatchTask {
        expected: LineKey {
            fingerprint: 42,
            occurrence: 1,
        },
        statement: s[0].key,
    };
    let id = store
        .add_decision(&reject, "2026-04-01T08:00:00Z")
        .expect("add");
    let id2 = store
        .add_decision(&manual, "2026-04-01T08:01:00Z")
        .expect("add");
    drop(store);

    let mut store = Store::open(&path, &key).expect("reopen");
    import(&mut store, "s", ImportLines::Statement(&s)).expect("again");
    import(&mut store, "b", ImportLines::Bank(&b)).expect("again");
    let saved = store.decisions().expect("decisions");
    assert_eq!(
        saved
            .iter()
            .map(|d| (d.id, d.decision.clone()))
            .collect::<Vec<_>>(),
        vec![(id, reject), (id2, manual.clone())]
    );
    // The lines it names are still the stored lines.
    assert_eq!(store.statement_lines().expect("s")[0].key, s[0].key);
    let before = store.settlement_revision().expect("revision");
    assert!(store.delete_decision(id).expect("delete"));
    let after = store.settlement_revision().expect("revision");
    assert_ne!(after, before, "deleting a decision moves the revision");
    assert!(!store.delete_decision(id).expect("delete again"));
    assert_eq!(store.settlement_revision().expect("revision"), after);
    assert_eq!(store.decisions().expect("decisions").len(), 1);
}

/// The revision a kept reconciliation is checked against moves with every write that
/// can change one, and only then: an import that adds lines or changes a stored line's
/// payout status, a decision, a delete.
#[test]
fn the_revision_moves_with_lines_and_decisions_only() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(dir.path());
    assert_eq!(store.settlement_revision().expect("revision"), 0);
    let s = statement(&[("JS1", "T1", "100.00", 5)]);
    let o = import(&mut store, "s", ImportLines::Statement(&s)).expect("import");
    assert_eq!((o.added, o.updated), (1, 0));
    let added = store.settlement_revision().expect("revision");
    assert!(added > 0, "an import that adds lines moves it");
    // A newer export: the same line (same key), its payout failed (the file is large
    // next to the table: through the scan of known keys; a small one is below).
    let mut failed = s.clone();
    failed[0].status = PayoutStatus::Failed;
    let o = import(&mut store, "s2", ImportLines::Statement(&failed)).expect("newer");
    assert_eq!((o.added, o.already_present, o.updated), (0, 1, 1));
    let first = store.settlement_revision().expect("revision");
    assert!(
        first > added,
        "an import that changes a payout status moves it"
    );
    assert_eq!(store.statement_lines().expect("load"), failed);
    let o = import(&mut store, "s", ImportLines::Statement(&s)).expect("older");
    assert_eq!((o.added, o.updated), (0, 1));
    assert!(store.settlement_revision().expect("revision") > first);
    assert_eq!(store.statement_lines().expect("load"), s);
    let first = store.settlement_revision().expect("revision");
    import(&mut store, "s", ImportLines::Statement(&s)).expect("again");
    assert_eq!(
        store.settlement_revision().expect("revision"),
        first,
        "a re-import that adds nothing leaves it"
    );
    // A one-line file next to a table of 41 goes through the upsert line by line: a
    // changed status counts and moves the revision, an unchanged line neither.
    let many = uniform_statement(40, 5);
    import(&mut store, "many", ImportLines::Statement(&many)).expect("many");
    let mut one = vec![many[7].clone()];
    assert_ne!(one[0].status, PayoutStatus::Failed);
    one[0].status = PayoutStatus::Failed;
    let before = store.settlement_revision().expect("revision");
    let o = import(&mut store, "one", ImportLines::Statement(&one)).expect("one");
    assert_eq!((o.added, o.already_present, o.updated), (0, 1, 1));
    let after = store.settlement_revision().expect("revision");
    assert!(after > before);
    let o = import(&mut store, "same", ImportLines::Statement(&many[8..9])).expect("same");
    assert_eq!((o.added, o.already_present, o.updated), (0, 1, 0));
    assert_eq!(store.settlement_revision().expect("revision"), after);
    let first = after;
    store
        .set_setting("platform_url", Some("http://127.0.0.1:1"))
        .expect("setting");
    assert_eq!(store.settlement_revision().expect("revision"), first);
    let reject = Decision::Reject(Pair::Payout {
        statement: vec![s[0].key],
        bank: vec![],
    });
    store
        .add_decision(&reject, "2026-04-01T08:00:00Z")
        .expect("add");
    let decided = store.settlement_revision().expect("revision");
    assert!(decided > first);
    store.delete_settlement_data().expect("delete");
    assert!(store.settlement_revision().expect("revision") > decided);
}

#[test]
fn keys_print_and_parse_as_fingerprint_colon_occurrence() {
    let key = LineKey {
        fingerprint: u64::MAX,
        occurrence: 3,
    };
    assert_eq!(key.to_string(), "18446744073709551615:3");
    assert_eq!("18446744073709551615:3".parse::<LineKey>(), Ok(key));
    assert!("18446744073709551616:3".parse::<LineKey>().is_err());
    assert!("12".parse::<LineKey>().is_err());
}

/// Statement lines are kept in blocks of 8,192 (migration 0015): a file of 20,000 lines
/// takes three. A newer export, its lines in another order than stored, that changes lines
/// in every block has them rewritten where they are, and its new line added after; a file
/// that holds one key twice is refused, and nothing of it is kept.
#[test]
fn statement_lines_across_blocks_are_changed_in_place_and_a_repeated_key_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(dir.path());
    let base = uniform_statement(20_000, 50);
    let first = import(&mut store, "a.csv", ImportLines::Statement(&base)).expect("first");
    assert_eq!((first.added, first.updated), (20_000, 0));
    let mut newer: Vec<StatementLine> = base.iter().rev().cloned().collect();
    let changed = [5, 8_191, 8_192, 16_390, 19_999];
    for (n, &i) in changed.iter().enumerate() {
        let line = newer
            .iter_mut()
            .find(|l| l.key == base[i].key)
            .expect("in the export");
        if n % 2 == 0 {
            line.status = PayoutStatus::Failed;
        } else {
            line.tax = Some(yuan("1.50"));
        }
    }
    let added = statement(&[("JS9999", "T-new", "66.00", 9)]);
    newer.extend(added.iter().cloned());
    let again = import(&mut store, "b.csv", ImportLines::Statement(&newer)).expect("newer");
    assert_eq!(
        (again.added, again.already_present, again.updated),
        (1, 20_000, changed.len())
    );
    let stored = store.statement_lines().expect("load");
    assert_eq!(stored.len(), 20_001);
    for (i, line) in stored[..20_000].iter().enumerate() {
        let want = newer
            .iter()
            .find(|l| l.key == base[i].key)
            .expect("in the export");
        assert_eq!(
            line, want,
            "line {i} in its place, as the newer export has it"
        );
    }
    assert_eq!(stored[20_000], added[0]);
    assert_eq!(stored[5].status, PayoutStatus::Failed);
    assert_eq!(stored[8_191].tax, Some(yuan("1.50")));
    assert_eq!(
        store.statement_total("JS0").expect("total"),
        Some(yuan("5000.00"))
    );
    assert_eq!(store.line_counts().expect("counts").statement, 20_001);

    let mut twice = statement(&[("JS7", "T7", "7.00", 7), ("JS8", "T8", "8.00", 8)]);
    twice.push(twice[0].clone());
    let err = import(&mut store, "twice.csv", ImportLines::Statement(&twice)).expect_err("twice");
    let message = err.to_string();
    assert!(
        message.contains("twice.csv: line 3 repeats the key of line 1"),
        "{message}"
    );
    // A stored key twice, the second time with another status: refused as well, so that
    // neither line is taken for the newer one.
    let mut known_twice = vec![
        stored[20_000].clone(),
        stored[1].clone(),
        stored[20_000].clone(),
    ];
    known_twice[2].status = PayoutStatus::Failed;
    let err = import(
        &mut store,
        "again.csv",
        ImportLines::Statement(&known_twice),
    )
    .expect_err("a known key twice");
    assert!(
        err.to_string()
            .contains("again.csv: line 3 repeats the key of line 1"),
        "{err}"
    );
    assert_eq!(store.statement_lines().expect("load"), stored);
    assert_eq!(store.import_files().expect("files").len(), 2);
}

/// An import's commit leaves its pages in the write-ahead log, where SQLite's automatic
/// checkpoint would copy them into the database file as the commit ends (~0.3 s after a
/// million lines, in the user's wait): the database file grows only when the caller runs
/// `Store::checkpoint` (core does, in the background), and the lines read the same before
/// and after.
#[test]
fn an_import_leaves_its_checkpoint_to_the_caller() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(dir.path());
    let db = dir.path().join(DB_FILE);
    let size = || std::fs::metadata(&db).expect("the database file").len();
    let before = size();
    // ~5 MB of blocks: more than the 1,000 pages at which a commit checkpoints by itself.
    let lines = uniform_statement(160_000, 50);
    import(&mut store, "big.csv", ImportLines::Statement(&lines)).expect("import");
    let committed = size();
    assert!(
        committed < before + (1 << 20),
        "{before} → {committed}: checkpointed at the commit"
    );
    let stored = store.statement_lines().expect("load");
    assert_eq!(stored.len(), lines.len());
    store.checkpoint().expect("checkpoint");
    let after = size();
    assert!(
        after > committed + (4 << 20),
        "{committed} → {after}: nothing copied"
    );
    assert_eq!(store.statement_lines().expect("load"), stored);
}

#[test]
fn a_line_that_cannot_be_stored_rolls_the_whole_file_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(dir.path());
    let mut lines = statement(&[
        ("JS1", "T1", "100.00", 5),
        ("JS1", "T2", "200.00", 5),
        ("JS1", "T3", "300.00", 5),
    ]);
    // 10^17 yuan is 10^19 fen: beyond i64.
    lines[2].amount = Decimal::from(10_i64.pow(17));
    let err = import(&mut store, "huge.csv", ImportLines::Statement(&lines)).expect_err("overflow");
    match &err {
        StoreError::Unstorable { message } => {
            assert!(message.contains("huge.csv"), "{message}");
            assert!(message.contains("line 3"), "{message}");
        }
        other => panic!("expected Unstorable, got {other:?}"),
    }
    assert_eq!(store.statement_lines().expect("load"), vec![]);
    assert_eq!(store.import_files().expect("files"), vec![]);
    // Sub-fen amounts are refused too, never rounded at the storage edge.
    lines[2].amount = yuan("300.001");
    assert!(import(&mut store, "subfen.csv", ImportLines::Statement(&lines)).is_err());
    assert_eq!(store.line_counts().expect("counts").statement, 0);
    // The store is still usable.
    lines.truncate(2);
    let out = import(&mut store, "ok.csv", ImportLines::Statement(&lines)).expect("ok");
    assert_eq!(out.added, 2);
}

#[test]
fn profiles_save_replace_list_and_delete() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(dir.path());
    store
        .save_mapping_profile("招行", LineKind::Bank, &ColumnMapping::default())
        .expect("save");
    let every_part = ColumnMapping {
        columns: vec![
            ("date".into(), ColumnRef::Header("入账日".into())),
            ("amount".into(), ColumnRef::Index(3)),
        ],
        header_row: HeaderRow::Row(4),
        skip_trailing_rows: 2,
        delimiter: Some(';'),
        encoding: Some(TextEncoding::Gb18030),
        sheet: Some("流水".into()),
        // Saved now: the direction it leaves out stays out (only profiles from before
        // migration 0018 have it found by header), as the round trip below shows.
        also_by_header: Vec::new(),
    };
    store
        .save_mapping_profile("招行", LineKind::Bank, &every_part)
        .expect("replace");
    let absent = ColumnMapping {
        columns: vec![("task_id".into(), ColumnRef::Index(0))],
        header_row: HeaderRow::Absent,
        ..ColumnMapping::default()
    };
    store
        .save_mapping_profile("平台", LineKind::Statement, &absent)
        .expect("save");
    let all = store.mapping_profiles().expect("list");
    assert_eq!(
        all.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(),
        ["平台", "招行"]
    );
    assert_eq!(all[0].mapping, absent);
    let one = store.mapping_profile("招行").expect("get").expect("some");
    assert_eq!((one.kind, one.mapping), (LineKind::Bank, every_part));
    assert!(store.delete_mapping_profile("招行").expect("delete"));
    assert!(store.mapping_profile("招行").expect("get").is_none());
    assert!(!store.delete_mapping_profile("招行").expect("delete again"));
}

#[test]
fn delete_settlement_data_removes_every_line_file_decision_and_the_account() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(dir.path());
    let s = statement(&[("JS1", "T1", "100.00", 5)]);
    let b = bank(&[("TX1", "100.00", 6)]);
    import(&mut store, "s", ImportLines::Statement(&s)).expect("s");
    import(&mut store, "b", ImportLines::Bank(&b)).expect("b");
    store
        .add_decision(
            &Decision::Accept(Pair::Payout {
                statement: vec![s[0].key],
                bank: vec![b[0].key],
            }),
            "2026-04-01T08:00:00Z",
        )
        .expect("decision");
    let account = ContractAccount {
        company_name: "某某文化传媒有限公司".into(),
        card_number: "6222020200001234567".into(),
        bank_branch: "工商银行杭州分行".into(),
    };
    store.set_contract_account(Some(&account)).expect("account");
    assert_eq!(store.contract_account().expect("get"), Some(account));
    store
        .save_mapping_profile("p", LineKind::Bank, &ColumnMapping::default())
        .expect("profile");

    store.delete_settlement_data().expect("delete");
    assert_eq!(
        store.line_counts().expect("counts"),
        Default::default(),
        "no line of any kind"
    );
    assert!(store.import_files().expect("files").is_empty());
    assert!(store.decisions().expect("decisions").is_empty());
    assert_eq!(store.contract_account().expect("get"), None);
    assert_eq!(
        store.mapping_profiles().expect("profiles").len(),
        1,
        "layouts are not personal data and stay"
    );
    // No line of the deleted decision is left behind (the deletion runs with foreign
    // keys unenforced, so without their cascade): a decision made afterwards, which
    // takes the first id again, holds its own lines only.
    let s2 = statement(&[("JS2", "T2", "200.00", 7)]);
    let b2 = bank(&[("TX2", "200.00", 8)]);
    import(&mut store, "s2", ImportLines::Statement(&s2)).expect("s2");
    import(&mut store, "b2", ImportLines::Bank(&b2)).expect("b2");
    let later = Decision::Accept(Pair::Payout {
        statement: vec![s2[0].key],
        bank: vec![b2[0].key],
    });
    store
        .add_decision(&later, "2026-05-01T08:00:00Z")
        .expect("a decision after the deletion");
    let decisions = store.decisions().expect("decisions");
    assert_eq!(decisions.len(), 1);
    assert_eq!(decisions[0].decision, later);
}

/// One file's import taken back: the lines it added, its record, nothing else; a later
/// file that shared some of them brings them back when imported again, by its source or
/// its lines (neither is taken for unchanged any more).
#[test]
fn deleting_one_file_takes_back_the_lines_it_added_and_its_record_only() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(dir.path());
    let rows = [
        ("JS1", "T1", "100.00", 5),
        ("JS1", "T2", "200.00", 5),
        ("JS2", "T3", "300.00", 6),
        ("JS3", "T4", "400.00", 7),
    ];
    let all = statement(&rows);
    // File a: lines 0..3; file b (a later export): lines 2..4, so it adds line 3 only.
    let (a, b) = (all[..3].to_vec(), all[2..].to_vec());
    let bank_lines = bank(&[("TX1", "100.00", 6), ("TX2", "200.00", 6)]);
    let a_id = import(&mut store, "a.csv", ImportLines::Statement(&a))
        .expect("a")
        .file_id;
    let b_meta = meta_of_source("b.csv", 7);
    let b_out = store
        .import_lines_with_progress(&b_meta, ImportLines::Statement(&b), &mut |_| {})
        .expect("b");
    assert_eq!(b_out.added, 1);
    let bank_id = import(&mut store, "bank.csv", ImportLines::Bank(&bank_lines))
        .expect("bank")
        .file_id;
    let before = store.settlement_revision().expect("revision");

    let deleted = store
        .delete_import_file(a_id)
        .expect("delete")
        .expect("a is there");
    assert_eq!(
        (
            deleted.kind,
            deleted.file_name.as_str(),
            deleted.lines_removed
        ),
        (LineKind::Statement, "a.csv", 3)
    );
    assert_eq!(
        store.statement_lines().expect("lines"),
        all[3..].to_vec(),
        "only the line b added stays; the one b shared with a was a's"
    );
    assert_eq!(
        store.bank_lines().expect("bank").len(),
        2,
        "other kinds stay"
    );
    let names: Vec<String> = store
        .import_files()
        .expect("files")
        .into_iter()
        .map(|f| f.file_name)
        .collect();
    assert_eq!(names, ["b.csv", "bank.csv"]);
    assert!(store.settlement_revision().expect("revision") > before);

    // b again, the same source: no longer recorded as unchanged, so its lines are read.
    assert_eq!(unchanged(&mut store, LineKind::Statement, &b_meta), None);
    let again = store
        .import_lines_with_progress(&b_meta, ImportLines::Statement(&b), &mut |_| {})
        .expect("b again");
    assert_eq!((again.added, again.already_present), (1, 1));
    // In the order stored: b's line first, then the one its second import brought back.
    let mut back = store.statement_lines().expect("lines");
    back.sort_by(|x, y| x.task_id.cmp(&y.task_id));
    assert_eq!(back, all[2..].to_vec());

    // Bank lines are personal data: deleting their file leaves none.
    let deleted = store
        .delete_import_file(bank_id)
        .expect("delete bank")
        .expect("the bank file is there");
    assert_eq!((deleted.kind, deleted.lines_removed), (LineKind::Bank, 2));
    assert!(store.bank_lines().expect("bank").is_empty());

    // A file that is not there: nothing written, the revision stays.
    let revision = store.settlement_revision().expect("revision");
    assert_eq!(store.delete_import_file(bank_id).expect("again"), None);
    assert_eq!(store.delete_import_file(9_999).expect("no such file"), None);
    assert_eq!(store.settlement_revision().expect("revision"), revision);
}

/// A file holding most of its table's rows is taken back by copying the others aside
/// and putting them back (`without_most_rows`), one holding fewer row by row: either way
/// the other files' lines stay, in the order they were stored, and their keys still find
/// them (an import of one again adds nothing).
#[test]
fn deleting_a_file_with_most_of_the_lines_keeps_the_others_in_their_order() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(dir.path());
    let all = bank(&[
        ("TX1", "100.00", 6),
        ("TX2", "200.00", 6),
        ("TX3", "300.00", 7),
        ("TX4", "400.00", 7),
        ("TX5", "500.00", 8),
    ]);
    let (a, b, c) = (&all[..1], &all[1..4], &all[4..]);
    let a_id = import(&mut store, "a.csv", ImportLines::Bank(a))
        .expect("a")
        .file_id;
    let b_id = import(&mut store, "b.csv", ImportLines::Bank(b))
        .expect("b")
        .file_id;
    import(&mut store, "c.csv", ImportLines::Bank(c)).expect("c");

    // b holds three of the five rows: the copy-aside path.
    let deleted = store
        .delete_import_file(b_id)
        .expect("delete b")
        .expect("b");
    assert_eq!(deleted.lines_removed, 3);
    assert_eq!(
        store.bank_lines().expect("lines"),
        [a[0].clone(), c[0].clone()],
        "a's line and c's stay, in their order"
    );
    let again = import(&mut store, "c again.csv", ImportLines::Bank(c)).expect("c again");
    assert_eq!(
        (again.added, again.already_present),
        (0, 1),
        "c's line is still found by its key"
    );
    let back = import(&mut store, "b again.csv", ImportLines::Bank(b)).expect("b again");
    assert_eq!(back.added, 3);

    // a holds one of five: deleted where it stands.
    let deleted = store
        .delete_import_file(a_id)
        .expect("delete a")
        .expect("a");
    assert_eq!(deleted.lines_removed, 1);
    let mut want = vec![c[0].clone()];
    want.extend_from_slice(b);
    assert_eq!(store.bank_lines().expect("lines"), want);

    // Statement blocks likewise (a block keeps its id, the order they are read in): the
    // middle file of three holds three blocks of the five (8,192 lines a block).
    let all = uniform_statement(2 * 8192 + 3, 50);
    let n = all.len();
    let (a, b, c) = (&all[..1], &all[1..n - 1], &all[n - 1..]);
    import(&mut store, "sa.csv", ImportLines::Statement(a)).expect("sa");
    let b_id = import(&mut store, "sb.csv", ImportLines::Statement(b))
        .expect("sb")
        .file_id;
    import(&mut store, "sc.csv", ImportLines::Statement(c)).expect("sc");
    let deleted = store
        .delete_import_file(b_id)
        .expect("delete sb")
        .expect("sb");
    assert_eq!(deleted.lines_removed, b.len() as u64);
    assert_eq!(
        store.statement_lines().expect("lines"),
        [a[0].clone(), c[0].clone()]
    );
    let again = import(&mut store, "sc again.csv", ImportLines::Statement(c)).expect("again");
    assert_eq!((again.added, again.already_present), (0, 1));
}

#[test]
fn the_database_file_never_holds_a_bank_counterparty_in_plaintext() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join(DB_FILE);
    let mut store = Store::open(&path, &DbKey::random()).expect("open");
    let b = bank(&[("TX1", "100.00", 6), ("TX2", "200.00", 7)]);
    import(&mut store, "b", ImportLines::Bank(&b)).expect("b");
    assert_eq!(
        store.bank_lines().expect("load")[0].counterparty,
        SECRET_COUNTERPARTY
    );
    // Closing it folds the WAL into the main file; every file left in the directory is
    // read.
    drop(store);
    let needle = SECRET_COUNTERPARTY.as_bytes();
    for entry in std::fs::read_dir(dir.path()).expect("dir") {
        let p = entry.expect("entry").path();
        let bytes = std::fs::read(&p).expect("read");
        assert!(
            !bytes.windows(needle.len()).any(|w| w == needle),
            "{} holds the counterparty in plaintext",
            p.display()
        );
    }
}

/// A deleted file's id is never given to a later import (SQLite would give the newest
/// row's id again): a list read before the delete cannot delete another file by it, after
/// one file is deleted or all of them.
#[test]
fn a_deleted_files_id_is_never_given_again() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(dir.path());
    let s = statement(&[("JS1", "T1", "100.00", 5)]);
    let b = bank(&[("TX1", "100.00", 6)]);
    let first = import(&mut store, "s", ImportLines::Statement(&s))
        .expect("s")
        .file_id;
    let newest = import(&mut store, "b", ImportLines::Bank(&b))
        .expect("b")
        .file_id;
    assert!(store.delete_import_file(newest).expect("delete").is_some());
    let next = import(&mut store, "b again", ImportLines::Bank(&b))
        .expect("b again")
        .file_id;
    assert!(next > newest, "{next} after {newest}");
    assert_eq!(store.delete_import_file(newest).expect("stale id"), None);

    store.delete_settlement_data().expect("delete all");
    let after_all = import(&mut store, "s again", ImportLines::Statement(&s))
        .expect("s again")
        .file_id;
    assert!(after_all > next, "{after_all} after {next}");
    assert!(first < newest);
}

/// A bank profile marked as saved before the direction column was read (migration 0018)
/// keeps its mark when read and saved back as it was.
#[test]
fn a_profile_from_before_the_direction_keeps_its_mark_when_saved_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(dir.path());
    let legacy = ColumnMapping {
        columns: vec![("amount".into(), ColumnRef::Header("发生额".into()))],
        also_by_header: vec!["direction".into()],
        ..ColumnMapping::default()
    };
    store
        .save_mapping_profile("旧方案", LineKind::Bank, &legacy)
        .expect("save");
    let read = store.mapping_profile("旧方案").expect("get").expect("some");
    assert_eq!(read.mapping, legacy);
    store
        .save_mapping_profile("旧方案", LineKind::Bank, &read.mapping)
        .expect("save back");
    let again = store.mapping_profile("旧方案").expect("get").expect("some");
    assert_eq!(again.mapping.also_by_header, ["direction"]);
}

/// The same export imported twice, then the first import taken back: its lines stay, as
/// the second file's (the one that said exactly them), for every kind; the count of
/// lines added goes with them, and taking the second back too removes them.
#[test]
fn taking_back_a_file_imported_again_later_hands_its_lines_to_the_later_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(dir.path());
    let lines = bank(&[
        ("TX1", "100.00", 6),
        ("TX2", "200.00", 6),
        ("TX3", "9.90", 7),
    ]);
    let other = bank(&[("TX9", "1.00", 8)]);
    let first = import(&mut store, "bank.csv", ImportLines::Bank(&lines)).expect("first");
    import(&mut store, "other.csv", ImportLines::Bank(&other)).expect("other");
    let again = import(&mut store, "bank.csv", ImportLines::Bank(&lines)).expect("again");
    assert_eq!((again.added, again.already_present), (0, 3));
    let before = store.settlement_revision().expect("revision");

    let deleted = store
        .delete_import_file(first.file_id)
        .expect("delete")
        .expect("the first import is there");
    assert_eq!(
        (deleted.lines_removed, deleted.lines_kept),
        (0, 3),
        "nothing removed: the later import has these lines"
    );
    let heir = deleted.kept_by.expect("kept by the later import");
    assert_eq!(
        (heir.id, heir.file_name.as_str(), heir.added_count),
        (again.file_id, "bank.csv", 3),
        "the heir as it now is, with the lines it was handed"
    );
    let mut want = lines.clone();
    want.extend(other.iter().cloned());
    let mut stored = store.bank_lines().expect("bank");
    stored.sort_by(|a, b| a.txn_id.cmp(&b.txn_id));
    assert_eq!(stored, want);
    let files: Vec<(i64, u64)> = store
        .import_files()
        .expect("files")
        .into_iter()
        .map(|f| (f.id, f.added_count))
        .collect();
    assert_eq!(files, [(first.file_id + 1, 1), (again.file_id, 3)]);
    assert!(store.settlement_revision().expect("revision") > before);

    // The heir is a file like any other: taking it back removes the lines now.
    let deleted = store
        .delete_import_file(again.file_id)
        .expect("delete")
        .expect("the second import is there");
    assert_eq!((deleted.lines_removed, deleted.lines_kept), (3, 0));
    assert_eq!(deleted.kept_by, None);
    assert_eq!(store.bank_lines().expect("bank"), other);

    // Imported three times again: the first of them brings the lines back, the second
    // adds none. Taking the second back hands nothing over (the third said the same
    // lines), so no file is named as keeping any.
    let ids: Vec<i64> = ["bank a.csv", "bank b.csv", "bank c.csv"]
        .into_iter()
        .map(|name| {
            import(&mut store, name, ImportLines::Bank(&lines))
                .expect("import")
                .file_id
        })
        .collect();
    let deleted = store
        .delete_import_file(ids[1])
        .expect("delete")
        .expect("the second copy is there");
    assert_eq!(
        (deleted.lines_removed, deleted.lines_kept, deleted.kept_by),
        (0, 0, None)
    );
    assert_eq!(store.bank_lines().expect("bank").len(), 4);
}

/// A statement export imported twice over an earlier one it changed: taking back the
/// first of the two keeps the lines and what they say (the second said it too, and the
/// "before" of the changed line goes to it); taking back the second then puts the changed
/// line back as the earlier export had it. A file taken back in between, which cleared the
/// digests, does not stop the hand-over (migration 0021's digest is kept for good).
#[test]
fn a_statement_export_imported_twice_keeps_its_lines_and_changes_when_the_first_goes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(dir.path());
    let mut march = statement(&[("JS1", "T1", "100.00", 5), ("JS1", "T2", "200.00", 5)]);
    for l in &mut march {
        l.status = PayoutStatus::Withdrawing;
    }
    // April: T1 failed, and a new line T3.
    let mut april = march.clone();
    april[0].status = PayoutStatus::Failed;
    april.extend(statement(&[("JS2", "T3", "50.00", 6)]));
    let between = statement(&[("JS3", "T4", "70.00", 7)]);
    import(&mut store, "march.csv", ImportLines::Statement(&march)).expect("march");
    let first = import(&mut store, "april.csv", ImportLines::Statement(&april)).expect("april");
    assert_eq!((first.added, first.updated), (1, 1));
    let middle = import(&mut store, "between.csv", ImportLines::Statement(&between))
        .expect("between")
        .file_id;
    let again = import(&mut store, "april.csv", ImportLines::Statement(&april)).expect("again");
    assert_eq!((again.added, again.updated), (0, 0));
    let mut all = april.clone();
    all.extend(between.iter().cloned());
    let sorted = |mut l: Vec<StatementLine>| {
        l.sort_by(|a, b| a.task_id.cmp(&b.task_id));
        l
    };
    assert_eq!(sorted(store.statement_lines().expect("lines")), all);

    // Taking back a file between them clears every digest of the kind.
    assert_eq!(common::taken_back(&mut store, middle), (1, 0));
    assert_eq!(sorted(store.statement_lines().expect("lines")), april);

    let deleted = store
        .delete_import_file(first.file_id)
        .expect("delete")
        .expect("the first April");
    assert_eq!(
        (
            deleted.lines_removed,
            deleted.lines_restored,
            deleted.lines_kept
        ),
        (0, 0, 1),
        "T3 kept, T1 still failed: the second April says so"
    );
    assert_eq!(deleted.kept_by.map(|f| f.id), Some(again.file_id));
    assert_eq!(sorted(store.statement_lines().expect("lines")), april);

    // The second April taken back: T3 goes, T1 says what March said.
    assert_eq!(common::taken_back(&mut store, again.file_id), (1, 1));
    assert_eq!(store.statement_lines().expect("lines"), march);
}
