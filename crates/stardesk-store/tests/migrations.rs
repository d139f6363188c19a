//! Data written by an earlier schema survives the migrations that change its format: a
//! real SQLCipher file at schema v3 (decisions and mapping profiles as JSON) opened by
//! this version.

mod common;

use chrono::NaiveDate;
use stardesk_domain::money::from_fen;
use stardesk_domain::reconcile::records::{LineKey, PayoutStatus, StatementLine};
use stardesk_domain::reconcile::{Decision, Pair};
use stardesk_import::{ColumnMapping, ColumnRef, HeaderRow, TextEncoding};
use stardesk_store::settlements::LineKind;
use stardesk_store::{DbKey, Store, DB_FILE, SCHEMA_VERSION};

/// The migrations before v16, in order: a database of schema vN is the first N of them.
const EARLIER: [&str; 15] = [
    include_str!("../src/migrations/0001_init.sql"),
    include_str!("../src/migrations/0002_settlements.sql"),
    include_str!("../src/migrations/0003_jobs.sql"),
    include_str!("../src/migrations/0004_settlement_columns.sql"),
    include_str!("../src/migrations/0005_address_book.sql"),
    include_str!("../src/migrations/0006_applications.sql"),
    include_str!("../src/migrations/0007_shipments.sql"),
    include_str!("../src/migrations/0008_rights.sql"),
    include_str!("../src/migrations/0009_task_hall_index.sql"),
    include_str!("../src/migrations/0010_task_index_deferred.sql"),
    include_str!("../src/migrations/0011_import_digest.sql"),
    include_str!("../src/migrations/0012_statement_status_check.sql"),
    include_str!("../src/migrations/0013_task_grams_common.sql"),
    include_str!("../src/migrations/0014_import_source_digest.sql"),
    include_str!("../src/migrations/0015_statement_blocks.sql"),
];

fn key(fp: u64, occurrence: u32) -> LineKey {
    LineKey {
        fingerprint: fp,
        occurrence,
    }
}

/// A v3 database as StarDesk 0.1 left it, with JSON in the columns v4 replaces.
fn v3_database(
    path: &std::path::Path,
    db_key: &DbKey,
    decisions: &[&str],
    profiles: &[(&str, &str, &str)],
) {
    let conn = common::keyed(path, db_key);
    for sql in &EARLIER[..3] {
        conn.execute_batch(sql).expect("an earlier migration");
    }
    conn.pragma_update(None, "user_version", 3)
        .expect("version");
    for (i, json) in decisions.iter().enumerate() {
        conn.execute(
            "INSERT INTO recon_decisions (id, created_at, decision) VALUES (?1, ?2, ?3)",
            rusqlite::params![i as i64 + 1, format!("2026-04-0{}T08:00:00Z", i + 1), json],
        )
        .expect("a v3 decision");
    }
    for (name, kind, json) in profiles {
        conn.execute(
            "INSERT INTO mapping_profiles (name, kind, mapping) VALUES (?1, ?2, ?3)",
            [name, kind, json],
        )
        .expect("a v3 profile");
    }
}

#[test]
fn v3_decisions_and_profiles_come_through_the_v4_columns() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join(DB_FILE);
    let db_key = DbKey::random();
    // The largest fingerprint does not fit SQLite's signed INTEGER: keys stay text.
    v3_database(
        &path,
        &db_key,
        &[
            r#"{"type":"accept_task","expected":"18446744073709551615:0","statement":"7:1"}"#,
            r#"{"type":"reject_payout","statement":["1:0","2:0"],"bank":["3:0"]}"#,
            r#"{"type":"manual_match","statement":["4:0"],"bank":["5:0","6:2"]}"#,
            r#"{"type":"manual_match_task","expected":"8:0","statement":"9:0"}"#,
        ],
        &[
            (
                "某银行",
                "bank",
                r#"{"columns":[{"field":"date","column":{"by":"header","header":"入账日"}},{"field":"amount","column":{"by":"index","index":3}}],"header_row":{"kind":"row","row":2},"skip_trailing_rows":1,"delimiter":";","encoding":"gb18030","sheet":null}"#,
            ),
            (
                "默认",
                "statement",
                r#"{"columns":[],"header_row":{"kind":"auto"},"skip_trailing_rows":0,"delimiter":null,"encoding":null,"sheet":"Sheet1"}"#,
            ),
        ],
    );

    let store = Store::open(&path, &db_key).expect("open and migrate");
    assert_eq!(store.schema_version().expect("version"), SCHEMA_VERSION);
    let decisions: Vec<Decision> = store
        .decisions()
        .expect("decisions")
        .into_iter()
        .map(|d| d.decision)
        .collect();
    assert_eq!(
        decisions,
        [
            Decision::Accept(Pair::Task {
                expected: key(u64::MAX, 0),
                statement: key(7, 1),
            }),
            Decision::Reject(Pair::Payout {
                statement: vec![key(1, 0), key(2, 0)],
                bank: vec![key(3, 0)],
            }),
            Decision::ManualMatch {
                statement: vec![key(4, 0)],
                bank: vec![key(5, 0), key(6, 2)],
            },
            Decision::ManualMatchTask {
                expected: key(8, 0),
                statement: key(9, 0),
            },
        ]
    );
    let profiles = store.mapping_profiles().expect("profiles");
    assert_eq!(profiles.len(), 2);
    assert_eq!(
        (profiles[0].kind, &profiles[0].mapping),
        (
            LineKind::Bank,
            &ColumnMapping {
                columns: vec![
                    ("date".into(), ColumnRef::Header("入账日".into())),
                    ("amount".into(), ColumnRef::Index(3)),
                ],
                header_row: HeaderRow::Row(2),
                skip_trailing_rows: 1,
                delimiter: Some(';'),
                encoding: Some(TextEncoding::Gb18030),
                sheet: None,
                // Saved before the direction column was read (migration 0018).
                also_by_header: vec!["direction".into()],
            }
        )
    );
    assert_eq!(
        profiles[1].mapping,
        ColumnMapping {
            sheet: Some("Sheet1".into()),
            ..ColumnMapping::default()
        }
    );
}

#[test]
fn a_v3_decision_that_cannot_be_read_fails_the_migration_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join(DB_FILE);
    let db_key = DbKey::random();
    v3_database(&path, &db_key, &[r#"{"type":"shrug"}"#], &[]);
    let err = Store::open(&path, &db_key).expect_err("an unreadable decision");
    assert!(err.to_string().contains("0004_settlement_columns"), "{err}");
    // Rolled back: still v3, the old decision still there, no v4 table.
    let conn = common::keyed(&path, &db_key);
    let version: u32 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .expect("version");
    let old: i64 = conn
        .query_row("SELECT count(*) FROM recon_decisions", [], |r| r.get(0))
        .expect("the v3 table");
    let new: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE name = 'settlement_decisions'",
            [],
            |r| r.get(0),
        )
        .expect("schema");
    assert_eq!((version, old, new), (3, 1, 0));
}

/// The task cache's reward column keeps the JSON the platform's wire format had when v1
/// wrote it; the store reads it as its own format, so no migration was needed.
#[test]
fn a_reward_cached_by_an_earlier_version_reads_as_the_domains() {
    use rust_decimal::Decimal;
    use stardesk_domain::reward::{PlayTier, RankPrize, Reward};
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join(DB_FILE);
    let db_key = DbKey::random();
    v3_database(&path, &db_key, &[], &[]);
    let rewards = [
        (
            "1",
            r#"{"kind":"play_tiers","tiers":[{"above":5000,"up_to":10000,"amount":"100.00"},{"above":10000,"up_to":null,"amount":"500.00"}]}"#,
        ),
        (
            "2",
            r#"{"kind":"rank","prizes":[{"from":1,"to":3,"amount":"800.00"}]}"#,
        ),
        ("3", r#"{"kind":"fixed","amount":"1288.50"}"#),
        ("4", r#"{"kind":"sample_only"}"#),
    ];
    {
        let conn = common::keyed(&path, &db_key);
        for (id, json) in rewards {
            conn.execute(
                "INSERT INTO tasks VALUES (?1, 't', 'b', 'recruitment', 'paid', '美妆', 'video',
                 'fixed', ?2, NULL, NULL, NULL, '2026-01-01', '2026-01-10', NULL, '2026-02-01',
                 0, 0, NULL, 10, 0, '[]', 'd', '2026-01-01T00:00:00Z', 't')",
                [id, json],
            )
            .expect("a v1 task row");
        }
    }
    let store = Store::open(&path, &db_key).expect("open");
    let read = |id: &str| store.task(id).expect("task").expect("some").reward;
    let yuan = |s: &str| s.parse::<Decimal>().expect("amount");
    assert_eq!(
        read("1"),
        Reward::PlayTiers(vec![
            PlayTier {
                above: 5000,
                up_to: Some(10000),
                amount: yuan("100.00"),
            },
            PlayTier {
                above: 10000,
                up_to: None,
                amount: yuan("500.00"),
            },
        ])
    );
    assert_eq!(
        read("2"),
        Reward::Rank(vec![RankPrize {
            from: 1,
            to: 3,
            amount: yuan("800.00"),
        }])
    );
    assert_eq!(read("3"), Reward::Fixed(yuan("1288.50")));
    assert_eq!(read("4"), Reward::SampleOnly);
}

/// v9 indexes the task hall: a cache written by v8 (no short-term index, no `task_hall`)
/// comes through with every task searchable by one and two characters, filterable and
/// sortable, and "eligible only" answered once refreshed.
#[test]
fn a_v8_task_cache_is_indexed_for_the_hall() {
    use chrono::NaiveDate;
    use stardesk_store::tasks::{EligibleFor, TaskFilter, TaskOrder};
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join(DB_FILE);
    let db_key = DbKey::random();
    {
        let conn = common::keyed(&path, &db_key);
        for sql in &EARLIER[..8] {
            conn.execute_batch(sql).expect("an earlier migration");
        }
        conn.pragma_update(None, "user_version", 8)
            .expect("version");
        let tasks = [
            (
                "1",
                "花间集修护面霜",
                "美妆",
                "2026-12-20",
                20_000,
                "2026-01-01T00:00:00.000Z",
            ),
            (
                "2",
                "云栖蓝牙耳机",
                "3C数码",
                "2026-12-10",
                90_000,
                "2026-01-02T00:00:00.000Z",
            ),
            (
                "3",
                "面膜 A_b",
                "美妆",
                "2026-12-15",
                50_000,
                "2026-01-03T00:00:00.000Z",
            ),
        ];
        for (id, title, industry, deadline, reward, updated) in tasks {
            conn.execute(
                "INSERT INTO tasks VALUES (?1, ?2, 'b', 'recruitment', 'paid', ?3, 'video',
                 'fixed', '{\"kind\":\"sample_only\"}', NULL, ?4, NULL, '2026-11-01',
                 '2026-11-30', NULL, ?5, 0, 0, NULL, 10, 0, '[]', 'd', ?6, ?7)",
                rusqlite::params![
                    id,
                    title,
                    industry,
                    reward,
                    deadline,
                    updated,
                    format!("{title}\nb\n{industry}\n")
                ],
            )
            .expect("a v8 task row");
        }
    }
    let mut store = Store::open(&path, &db_key).expect("open and migrate");
    assert_eq!(store.schema_version().expect("version"), SCHEMA_VERSION);
    let ids = |store: &Store, f: TaskFilter| -> Vec<String> {
        let (total, rows) = store
            .query_tasks(&TaskFilter { limit: 10, ..f })
            .expect("query");
        assert_eq!(total as usize, rows.len());
        rows.into_iter().map(|t| t.id).collect()
    };
    let search = |q: &str| TaskFilter {
        search: Some(q.into()),
        ..TaskFilter::default()
    };
    assert_eq!(ids(&store, search("面")), ["3", "1"]);
    assert_eq!(ids(&store, search("面霜")), ["1"]);
    assert_eq!(ids(&store, search("_b")), ["3"]);
    assert_eq!(
        ids(&store, search("_B")),
        Vec::<String>::new(),
        "case-sensitive"
    );
    assert_eq!(ids(&store, search("耳")), ["2"]);
    assert_eq!(
        ids(
            &store,
            TaskFilter {
                industries: vec!["美妆".into()],
                order: TaskOrder::Deadline,
                ..TaskFilter::default()
            }
        ),
        ["3", "1"]
    );
    assert_eq!(
        ids(
            &store,
            TaskFilter {
                order: TaskOrder::Reward,
                ..TaskFilter::default()
            }
        ),
        ["2", "3", "1"]
    );
    let e = EligibleFor {
        today: NaiveDate::from_ymd_opt(2026, 11, 15).expect("date"),
        followers: 200_000,
        agency_deposit_deducted: None,
        account_min_followers: 100_000,
        review_min_followers: 10_000,
        review_max_followers: 500_000,
    };
    let eligible = TaskFilter {
        search: Some("面".into()),
        eligible_for: Some(e.clone()),
        ..TaskFilter::default()
    };
    assert_eq!(ids(&store, eligible.clone()), ["3", "1"]);
    assert!(!store.eligibility_is_current(&e).expect("basis"));
    store.refresh_eligibility(&e).expect("refresh");
    assert!(store.eligibility_is_current(&e).expect("basis"));
    assert_eq!(ids(&store, eligible), ["3", "1"]);
    assert_eq!(
        store.industries().expect("facets"),
        ["3C数码".to_string(), "美妆".into()]
    );
    // v13 (tasks/without.rs): the terms in most of these tasks (面 in two of three) got
    // complement tokens, in the documents of the tasks without them (task 2 lacks 面).
    drop(store);
    let conn = common::keyed(&path, &db_key);
    let kept: Vec<i64> = conn
        .prepare("SELECT gram FROM task_grams_common ORDER BY gram")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("kept terms");
    assert!(kept.contains(&(0x9762_i64 << 32)), "面 kept: {kept:x?}");
    let without_face: Vec<i64> = conn
        .prepare("SELECT rowid FROM tasks_grams WHERE tasks_grams MATCH '\"n009762\"'")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("without 面");
    let task2: i64 = conn
        .query_row("SELECT rowid FROM tasks WHERE id = '2'", [], |r| r.get(0))
        .expect("task 2");
    assert_eq!(without_face, [task2]);
}

/// A store of schema `version` with `files` statement files of `per_file` lines each, one
/// row a line as v14 and before kept them; the lines as the store must read them back.
fn statement_rows_at(
    path: &std::path::Path,
    db_key: &DbKey,
    version: usize,
    files: usize,
    per_file: usize,
) -> Vec<StatementLine> {
    let conn = common::keyed(path, db_key);
    for sql in &EARLIER[..version] {
        conn.execute_batch(sql).expect("an earlier migration");
    }
    conn.pragma_update(None, "user_version", version as i64)
        .expect("version");
    let statuses = [
        ("settled", None, PayoutStatus::Settled),
        ("failed", None, PayoutStatus::Failed),
        (
            "other",
            Some("审核中"),
            PayoutStatus::Other("审核中".into()),
        ),
        ("withdrawing", None, PayoutStatus::Withdrawing),
        ("withdrawn", None, PayoutStatus::Withdrawn),
    ];
    let mut want = Vec::new();
    conn.execute_batch("BEGIN").expect("begin");
    for f in 0..files {
        conn.execute(
            "INSERT INTO import_files (kind, file_name, imported_at, line_count, added_count,
             encoding) VALUES ('statement', ?1, '2026-12-01T00:00:00Z', ?2, ?2, 'UTF-8')",
            rusqlite::params![format!("s{f}.csv"), per_file as i64],
        )
        .expect("a file");
        let file_id = conn.last_insert_rowid();
        for i in 0..per_file {
            let n = f * per_file + i;
            let (code, text, status) = statuses[n % statuses.len()].clone();
            // Fingerprints out of order: the lines keep the order they were stored in.
            let fingerprint = (n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
            let parts = [
                Some(n as i64 * 3),
                None,
                n.is_multiple_of(2).then_some(-(n as i64)),
            ];
            let date = NaiveDate::from_ymd_opt(2026, 1 + (n % 12) as u32, 1 + (n % 28) as u32)
                .expect("date");
            conn.execute(
                "INSERT INTO statement_lines (fingerprint, occurrence, file_id, statement_id,
                 task_id, amount_fen, date, status, status_text, gross_fen, fee_fen, tax_fen)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                rusqlite::params![
                    fingerprint as i64,
                    (n % 3) as i64,
                    file_id,
                    format!("JS{}", n / 7),
                    format!("T{n}"),
                    n as i64 * 2 - 50,
                    date.to_string(),
                    code,
                    text,
                    parts[0],
                    parts[1],
                    parts[2],
                ],
            )
            .expect("a line");
            want.push(StatementLine {
                key: key(fingerprint, (n % 3) as u32),
                statement_id: format!("JS{}", n / 7),
                task_id: format!("T{n}"),
                amount: from_fen(n as i64 * 2 - 50),
                date,
                status,
                gross: parts[0].map(from_fen),
                fee: None,
                tax: parts[2].map(from_fen),
            });
        }
    }
    conn.execute_batch("COMMIT").expect("commit");
    want
}

/// v15 keeps statement lines in blocks: the rows of a v11 store (before v12's rebuild of
/// the table) and of a v14 store come through, every line in order with its status and
/// components; a file of more lines than a block takes several, and no block holds two
/// files' lines; the rows' table is gone, and the lines count and total as before.
#[test]
fn statement_lines_stored_a_row_each_move_into_blocks_in_their_order() {
    for (version, files, per_file) in [(11, 1, 3), (14, 3, 9000)] {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(DB_FILE);
        let db_key = DbKey::random();
        let want = statement_rows_at(&path, &db_key, version, files, per_file);
        let store = Store::open(&path, &db_key).expect("open and migrate");
        assert_eq!(store.schema_version().expect("version"), SCHEMA_VERSION);
        let got = store.statement_lines().expect("the lines");
        assert_eq!(got.len(), want.len(), "v{version}");
        assert_eq!(got, want, "v{version}: every line kept, in order");
        assert_eq!(
            store.line_counts().expect("counts").statement,
            (files * per_file) as u64
        );
        let total: i64 = (0..files * per_file)
            .filter(|n| n / 7 == 0)
            .map(|n| n as i64 * 2 - 50)
            .sum();
        assert_eq!(
            store.statement_total("JS0").expect("total"),
            Some(from_fen(total))
        );
        drop(store);
        let conn = common::keyed(&path, &db_key);
        let blocks: Vec<(i64, i64)> = conn
            .prepare("SELECT file_id, lines FROM statement_blocks ORDER BY id")
            .and_then(|mut s| s.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect())
            .expect("blocks");
        let expected: Vec<(i64, i64)> = if version == 11 {
            vec![(1, 3)]
        } else {
            // 9000 lines a file: a full block of 8192 and the rest.
            (1..=3).flat_map(|f| [(f, 8192), (f, 808)]).collect()
        };
        assert_eq!(blocks, expected, "v{version}");
        let gone: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE name = 'statement_lines'",
                [],
                |r| r.get(0),
            )
            .expect("schema");
        assert_eq!(gone, 0);
    }
}

/// v16: an application sent before keeps no copy of its contact in the outbox; one still
/// waiting keeps it (it has yet to be sent).
#[test]
fn a_sent_items_contact_is_scrubbed_from_the_outbox() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join(DB_FILE);
    let db_key = DbKey::random();
    {
        let conn = common::keyed(&path, &db_key);
        for sql in &EARLIER[..15] {
            conn.execute_batch(sql).expect("an earlier migration");
        }
        conn.pragma_update(None, "user_version", 15)
            .expect("version");
        for (key, state) in [("k-sent", "sent"), ("k-waiting", "waiting")] {
            conn.execute(
                "INSERT INTO application_outbox (source, idempotency_key, task_id, contact_name,
                 phone, region_code, province, city, district, detail, strengths, idea,
                 created_at, state) VALUES ('sandbox', ?1, 'T1', '林小满', '13812345678',
                 '330106', '浙江省', '杭州市', '西湖区', '文三路 90 号', 's', 'i',
                 '2026-12-01T00:00:00Z', ?2)",
                rusqlite::params![key, state],
            )
            .expect("an item");
        }
    }
    let store = Store::open(&path, &db_key).expect("open and migrate");
    assert_eq!(store.schema_version().expect("version"), SCHEMA_VERSION);
    drop(store);
    let conn = common::keyed(&path, &db_key);
    let rows: Vec<(String, String, String, String)> = conn
        .prepare(
            "SELECT idempotency_key, contact_name, phone, detail FROM application_outbox
             ORDER BY idempotency_key",
        )
        .and_then(|mut s| {
            s.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
                .collect()
        })
        .expect("rows");
    let strings = |a: &str, b: &str, c: &str, d: &str| {
        (a.to_string(), b.to_string(), c.to_string(), d.to_string())
    };
    assert_eq!(
        rows,
        [
            strings("k-sent", "", "", ""),
            strings("k-waiting", "林小满", "13812345678", "文三路 90 号"),
        ]
    );
}

/// v20 keeps what an import changed in a statement line a row per file and block, not per
/// line as v19 did: changes recorded by v19 come through, over two blocks and two later
/// files that changed the same line; taking those files back after the migration puts
/// back what the lines said before (and counts them), handing a line over as before.
#[test]
fn statement_changes_recorded_a_row_a_line_are_taken_back_after_the_migration() {
    use stardesk_store::settlements::{ImportFileMeta, ImportLines};
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join(DB_FILE);
    let db_key = DbKey::random();
    let line = |n: u64, status: PayoutStatus, tax: Option<i64>| StatementLine {
        key: key(n, 0),
        statement_id: "JS1".into(),
        task_id: format!("T{n}"),
        amount: from_fen(10_000 * n as i64),
        date: NaiveDate::from_ymd_opt(2026, 3, 5).expect("date"),
        status,
        gross: Some(from_fen(10_500 * n as i64)),
        fee: Some(from_fen(500 * n as i64)),
        tax: tax.map(from_fen),
    };
    // 8,194 lines: a full block of 8,192 and a second of 2. The last is T8194.
    let march: Vec<StatementLine> = (1..=8194)
        .map(|n| line(n, PayoutStatus::Withdrawing, None))
        .collect();
    // April: T1's payout failed, with its tax; T8194 paid. May: T1 paid at last.
    let mut april = march.clone();
    april[0] = line(1, PayoutStatus::Failed, Some(300));
    april[8193] = line(8194, PayoutStatus::Settled, None);
    let mut may = april.clone();
    may[0] = line(1, PayoutStatus::Settled, Some(300));
    let meta = |name: &str| ImportFileMeta {
        file_name: name.into(),
        imported_at: "2026-04-01T08:00:00Z".into(),
        encoding: "UTF-8".into(),
        source_digest: None,
    };
    let (april_id, may_id) = {
        let mut store = Store::open(&path, &db_key).expect("open");
        let mut import = |name: &str, lines: &[StatementLine]| {
            store
                .import_lines_with_progress(&meta(name), ImportLines::Statement(lines), &mut |_| {})
                .expect("import")
                .file_id
        };
        import("march.csv", &march);
        (import("april.csv", &april), import("may.csv", &may))
    };
    // The same changes as v19 wrote them: a row per line, what it said before, in order.
    let conn = common::keyed(&path, &db_key);
    let blocks: Vec<i64> = conn
        .prepare("SELECT id FROM statement_blocks ORDER BY id")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("blocks");
    assert_eq!(blocks.len(), 2, "March's two blocks");
    // v19's tables: v21's column goes too, as the migrations after 19 add it again.
    conn.execute_batch(&format!(
        "DROP TABLE statement_block_changes;
         ALTER TABLE import_files DROP COLUMN said_digest; {}",
        include_str!("../src/migrations/0019_statement_line_changes.sql")
    ))
    .expect("v19's table");
    // Status code 1 is 提现中, 3 提现失败 (the block codec's).
    let rows: [(i64, i64, i64, i64, Option<i64>); 3] = [
        (april_id, blocks[0], 0, 1, None),
        (april_id, blocks[1], 1, 1, None),
        (may_id, blocks[0], 0, 3, Some(300)),
    ];
    for (file, block, index, code, tax) in rows {
        let n = if block == blocks[0] { 1 } else { 8194 };
        conn.execute(
            "INSERT INTO statement_line_changes (file_id, block_id, line_index, status_code,
             status_text, gross_fen, fee_fen, tax_fen) VALUES (?1, ?2, ?3, ?4, NULL, ?5, ?6, ?7)",
            rusqlite::params![file, block, index, code, 10_500 * n, 500 * n, tax],
        )
        .expect("a v19 change");
    }
    conn.pragma_update(None, "user_version", 19)
        .expect("version");
    drop(conn);

    let mut store = Store::open(&path, &db_key).expect("open and migrate");
    assert_eq!(store.schema_version().expect("version"), SCHEMA_VERSION);
    assert_eq!(store.statement_lines().expect("lines"), may);
    assert_eq!(
        common::taken_back(&mut store, april_id),
        (0, 1),
        "T8194 put back; T1 handed over to May"
    );
    let mut want = may.clone();
    want[8193] = march[8193].clone();
    assert_eq!(store.statement_lines().expect("lines"), want);
    assert_eq!(
        common::taken_back(&mut store, may_id),
        (0, 1),
        "T1 as March had it"
    );
    assert_eq!(store.statement_lines().expect("lines"), march);
    drop(store);
    let conn = common::keyed(&path, &db_key);
    let (old, left): (i64, i64) = conn
        .query_row(
            "SELECT (SELECT count(*) FROM sqlite_schema WHERE name = 'statement_line_changes'),
                    (SELECT count(*) FROM statement_block_changes)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("schema");
    assert_eq!(
        (old, left),
        (0, 0),
        "v19's table gone; the records gone with their files"
    );
}

/// v21 keeps each file's lines digest for good (`said_digest`), from the one it had: two
/// imports of the same export made before the migration hand over their lines after it,
/// when the first is taken back.
#[test]
fn files_imported_before_v21_hand_their_lines_over() {
    use stardesk_store::settlements::{ImportFileMeta, ImportLines};
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join(DB_FILE);
    let db_key = DbKey::random();
    let lines: Vec<StatementLine> = (1..=3u64)
        .map(|n| StatementLine {
            key: key(n, 0),
            statement_id: "JS1".into(),
            task_id: format!("T{n}"),
            amount: from_fen(10_000),
            date: NaiveDate::from_ymd_opt(2026, 3, 5).expect("date"),
            status: PayoutStatus::Settled,
            gross: None,
            fee: None,
            tax: None,
        })
        .collect();
    let meta = ImportFileMeta {
        file_name: "march.csv".into(),
        imported_at: "2026-04-01T08:00:00Z".into(),
        encoding: "UTF-8".into(),
        source_digest: None,
    };
    let ids: Vec<i64> = {
        let mut store = Store::open(&path, &db_key).expect("open");
        (0..2)
            .map(|_| {
                store
                    .import_lines_with_progress(&meta, ImportLines::Statement(&lines), &mut |_| {})
                    .expect("import")
                    .file_id
            })
            .collect()
    };
    // v20: no `said_digest`; the lines digest is there.
    let conn = common::keyed(&path, &db_key);
    conn.execute_batch("ALTER TABLE import_files DROP COLUMN said_digest;")
        .expect("v20's table");
    conn.pragma_update(None, "user_version", 20)
        .expect("version");
    drop(conn);

    let mut store = Store::open(&path, &db_key).expect("open and migrate");
    assert_eq!(store.schema_version().expect("version"), SCHEMA_VERSION);
    let deleted = store
        .delete_import_file(ids[0])
        .expect("delete")
        .expect("the first import");
    assert_eq!((deleted.lines_removed, deleted.lines_kept), (0, 3));
    assert_eq!(deleted.kept_by.map(|f| f.id), Some(ids[1]));
    assert_eq!(store.statement_lines().expect("lines"), lines);
}
