//! Data written by an earlier schema survives the migrations that change its format: a
//! real SQLCipher file at schema v3 (decisions and mapping profiles as JSON) opened by
//! this version.

use rusqlite::Connection;
use stardesk_domain::reconcile::records::LineKey;
use stardesk_domain::reconcile::{Decision, Pair};
use stardesk_import::{ColumnMapping, ColumnRef, HeaderRow, TextEncoding};
use stardesk_store::settlements::LineKind;
use stardesk_store::{DbKey, Store, DB_FILE, SCHEMA_VERSION};

/// The migrations before v12, in order: a database of schema vN is the first N of them.
const EARLIER: [&str; 11] = [
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
    let conn = Connection::open(path).expect("create");
    conn.execute_batch(&format!(
        "PRAGMA key = \"x'{}'\";",
        db_key.to_hex().as_str()
    ))
    .expect("key");
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
    let conn = Connection::open(&path).expect("reopen");
    conn.execute_batch(&format!(
        "PRAGMA key = \"x'{}'\";",
        db_key.to_hex().as_str()
    ))
    .expect("key");
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
        let conn = Connection::open(&path).expect("reopen");
        conn.execute_batch(&format!(
            "PRAGMA key = \"x'{}'\";",
            db_key.to_hex().as_str()
        ))
        .expect("key");
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
        let conn = Connection::open(&path).expect("create");
        conn.execute_batch(&format!(
            "PRAGMA key = \"x'{}'\";",
            db_key.to_hex().as_str()
        ))
        .expect("key");
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
    let conn = Connection::open(&path).expect("reopen");
    conn.execute_batch(&format!(
        "PRAGMA key = \"x'{}'\";",
        db_key.to_hex().as_str()
    ))
    .expect("key");
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

/// v12 rebuilds `statement_lines` with its status check as comparisons (an IN list of
/// five made SQLite build a temporary table on every insert): a v11 store keeps every
/// line, in order, and an unknown status is still refused.
#[test]
fn v11_statement_lines_survive_the_v12_rebuild_and_the_status_check_holds() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join(DB_FILE);
    let db_key = DbKey::random();
    let keyed = || {
        let conn = Connection::open(&path).expect("open");
        conn.execute_batch(&format!(
            "PRAGMA key = \"x'{}'\";",
            db_key.to_hex().as_str()
        ))
        .expect("key");
        conn
    };
    let lines = |conn: &Connection| -> Vec<(i64, String, Option<String>)> {
        conn.prepare("SELECT fingerprint, status, status_text FROM statement_lines ORDER BY rowid")
            .expect("prepare")
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .expect("query")
            .collect::<Result<_, _>>()
            .expect("rows")
    };
    let before = {
        let conn = keyed();
        for sql in &EARLIER[..11] {
            conn.execute_batch(sql).expect("an earlier migration");
        }
        conn.pragma_update(None, "user_version", 11)
            .expect("version");
        conn.execute(
            "INSERT INTO import_files (kind, file_name, imported_at, line_count, added_count,
             encoding) VALUES ('statement', 's.csv', '2026-12-01T00:00:00Z', 3, 3, 'UTF-8')",
            [],
        )
        .expect("a file");
        for (fingerprint, status, text) in [
            (30, "settled", None),
            (10, "failed", None),
            (20, "other", Some("审核中")),
        ] {
            conn.execute(
                "INSERT INTO statement_lines (fingerprint, occurrence, file_id, statement_id,
                 task_id, amount_fen, date, status, status_text) VALUES
                 (?1, 0, 1, 'JS1', 'T1', 100, '2026-03-01', ?2, ?3)",
                rusqlite::params![fingerprint, status, text],
            )
            .expect("a v11 line");
        }
        lines(&conn)
    };
    assert_eq!(before.len(), 3);
    let store = Store::open(&path, &db_key).expect("open and migrate");
    assert_eq!(store.schema_version().expect("version"), SCHEMA_VERSION);
    drop(store);
    let conn = keyed();
    assert_eq!(lines(&conn), before, "every line kept, in file order");
    let refused = conn.execute(
        "INSERT INTO statement_lines (fingerprint, occurrence, file_id, statement_id, task_id,
         amount_fen, date, status) VALUES (40, 0, 1, 'JS2', 'T2', 1, '2026-03-02', 'lost')",
        [],
    );
    let message = refused.expect_err("an unknown status").to_string();
    assert!(message.contains("CHECK constraint failed"), "{message}");
    conn.execute(
        "INSERT INTO statement_lines (fingerprint, occurrence, file_id, statement_id, task_id,
         amount_fen, date, status) VALUES (40, 0, 1, 'JS2', 'T2', 1, '2026-03-02', 'withdrawn')",
        [],
    )
    .expect("a known status");
}
