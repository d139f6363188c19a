//! The store on a real SQLite file in a temp dir, with the real OS keychain.
//!
//! Linux needs a Secret Service: `make test` runs these under `dbus-run-session` with
//! gnome-keyring (packages `gnome-keyring dbus`). Without one, the keychain tests fail
//! with a message that says so; they never skip.

mod common;

use std::path::Path;

use chrono::NaiveDate;
use common::{page, task};
use stardesk_store::secret::{self, DbKey, KeyLocation, KeyPolicy};
use stardesk_store::tasks::{EligibleFor, PageChanges, TaskFilter, TaskOrder};
use stardesk_store::{open_data_dir_with, Store, StoreError, DB_FILE, SCHEMA_VERSION};

const SECRET_TITLE: &str = "绝密配方面霜ZQXJ测评招募";

fn require_keychain() {
    if let Err(e) = secret::keychain_set("stardesk-test-probe", "probe") {
        panic!(
            "these tests need the OS keychain. On Linux run them under a Secret Service: \
             `dbus-run-session -- bash scripts/with-keyring.sh cargo test` \
             (Debian packages gnome-keyring, dbus). Keychain said: {e}"
        );
    }
}

fn file_contains(path: &Path, needle: &[u8]) -> bool {
    let bytes = std::fs::read(path).expect("read db file");
    bytes.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn migrations_apply_from_empty_and_reopen_is_a_noop() {
    let dir = tempfile::tempdir().expect("tempdir");
    let key = DbKey::random();
    let path = dir.path().join(DB_FILE);
    let store = Store::open(&path, &key).expect("open new");
    assert_eq!(store.schema_version().expect("version"), SCHEMA_VERSION);
    assert_eq!(store.task_count().expect("count"), 0);
    drop(store);
    let store = Store::open(&path, &key).expect("reopen");
    assert_eq!(store.schema_version().expect("version"), SCHEMA_VERSION);
}

#[test]
fn a_database_from_a_newer_version_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let key = DbKey::random();
    let path = dir.path().join(DB_FILE);
    {
        let store = Store::open(&path, &key).expect("open");
        drop(store);
        // Simulate a future StarDesk: bump user_version through a raw keyed connection.
        let conn = common::keyed(&path, &key);
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 7)
            .expect("bump");
    }
    let err = Store::open(&path, &key).expect_err("newer schema must be refused");
    match &err {
        StoreError::TooNew {
            found, supported, ..
        } => {
            assert_eq!(*found, SCHEMA_VERSION + 7);
            assert_eq!(*supported, SCHEMA_VERSION);
        }
        other => panic!("expected TooNew, got {other:?}"),
    }
    assert!(err.to_string().contains("newer StarDesk"), "{err}");
}

#[test]
fn the_file_is_encrypted_at_rest() {
    let dir = tempfile::tempdir().expect("tempdir");
    let key = DbKey::random();
    let path = dir.path().join(DB_FILE);
    let mut store = Store::open(&path, &key).expect("open");
    store
        .apply_page(
            "sandbox",
            &page(vec![task("9007199254740993", SECRET_TITLE)], "r1"),
        )
        .expect("write");
    // Closing the last connection checkpoints the WAL into the main file; a WAL left
    // behind is checked too.
    drop(store);
    for name in [DB_FILE, "stardesk.db-wal"] {
        let p = dir.path().join(name);
        if p.exists() {
            assert!(
                !file_contains(&p, SECRET_TITLE.as_bytes()),
                "{name} holds plaintext"
            );
            assert!(
                !file_contains(&p, "花间集".as_bytes()),
                "{name} holds plaintext"
            );
            assert!(
                !file_contains(&p, b"SQLite format 3"),
                "{name} has a plain header"
            );
        }
    }
    // A plain SQLite reader cannot open it.
    let raw = rusqlite::Connection::open(&path).expect("raw open");
    assert!(raw
        .query_row("SELECT count(*) FROM sqlite_master", [], |r| r
            .get::<_, i64>(0))
        .is_err());
}

#[test]
fn a_wrong_key_is_a_clear_error_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join(DB_FILE);
    let mut store = Store::open(&path, &DbKey::random()).expect("open");
    store
        .apply_page("sandbox", &page(vec![task("1", "面霜一号")], "r1"))
        .expect("write");
    drop(store);
    let before = std::fs::read(&path).expect("read");
    let err = Store::open(&path, &DbKey::random()).expect_err("wrong key");
    assert!(matches!(err, StoreError::WrongKey { .. }), "{err:?}");
    assert!(err.to_string().contains("does not fit"), "{err}");
    assert_eq!(std::fs::read(&path).expect("read"), before, "file changed");
}

#[test]
fn keychain_key_survives_reopen_and_reads_data_back() {
    require_keychain();
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut store, _, loc) =
        open_data_dir_with(dir.path(), KeyPolicy::KeychainOnly, 0).expect("first open");
    assert_eq!(loc, KeyLocation::Keychain);
    store
        .apply_page("sandbox", &page(vec![task("42", SECRET_TITLE)], "r42"))
        .expect("write");
    drop(store);
    assert!(
        !dir.path().join(secret::KEY_FILE).exists(),
        "no key file with a keychain"
    );
    // As the app opens it: the writer and one reader connection.
    let (store, readers, loc) =
        open_data_dir_with(dir.path(), KeyPolicy::KeychainOnly, 1).expect("reopen");
    assert_eq!(loc, KeyLocation::Keychain);
    assert_eq!(readers.len(), 1);
    let t = readers[0].task("42").expect("read").expect("present");
    assert_eq!(t.title, SECRET_TITLE);
    assert_eq!(
        store
            .sync_state("sandbox")
            .expect("state")
            .cursor
            .as_deref(),
        Some("r42")
    );
    secret::keychain_delete(&secret::db_key_account(dir.path())).expect("cleanup");
}

#[test]
fn a_database_whose_key_is_gone_is_never_replaced() {
    require_keychain();
    let dir = tempfile::tempdir().expect("tempdir");
    let (store, _, _) = open_data_dir_with(dir.path(), KeyPolicy::KeychainOnly, 0).expect("open");
    drop(store);
    secret::keychain_delete(&secret::db_key_account(dir.path())).expect("delete key");
    let before = std::fs::read(dir.path().join(DB_FILE)).expect("read");
    let err = open_data_dir_with(dir.path(), KeyPolicy::KeychainOnly, 0).expect_err("key gone");
    assert!(matches!(err, StoreError::KeyMissing { .. }), "{err:?}");
    assert_eq!(
        std::fs::read(dir.path().join(DB_FILE)).expect("read"),
        before
    );
}

#[test]
fn the_key_file_fallback_works_and_is_owner_only() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut store, _, loc) = open_data_dir_with(dir.path(), KeyPolicy::FileOnly, 0).expect("open");
    assert_eq!(loc, KeyLocation::KeyFile(dir.path().join(secret::KEY_FILE)));
    store
        .apply_page("s", &page(vec![task("7", "面霜")], "r7"))
        .expect("write");
    drop(store);
    let (store, _, _) =
        open_data_dir_with(dir.path(), KeyPolicy::KeychainThenFile, 0).expect("reopen");
    assert_eq!(
        store.task_count().expect("count"),
        1,
        "existing key file wins"
    );
}

#[test]
fn a_page_is_all_or_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open(&dir.path().join(DB_FILE), &DbKey::random()).expect("open");
    store
        .apply_page("s", &page(vec![task("1", "一号面霜")], "r1"))
        .expect("first page");
    let mut bad = task("3", "三号");
    bad.min_followers = u64::MAX; // not storable: fails after task 2 was written
    let err = store
        .apply_page("s", &page(vec![task("2", "二号"), bad], "r3"))
        .expect_err("bad page");
    assert!(err.to_string().contains("min_followers"), "{err}");
    assert_eq!(store.task_count().expect("count"), 1, "task 2 rolled back");
    assert_eq!(
        store.sync_state("s").expect("state").cursor.as_deref(),
        Some("r1")
    );
}

#[test]
fn removals_and_upserts_are_idempotent() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open(&dir.path().join(DB_FILE), &DbKey::random()).expect("open");
    let p = page(vec![task("1", "甲"), task("2", "乙")], "r2");
    store.apply_page("s", &p).expect("apply");
    store.apply_page("s", &p).expect("apply again");
    assert_eq!(store.task_count().expect("count"), 2);
    let mut changed = task("1", "甲（已更新）");
    changed.slots_taken = 9;
    let applied = store
        .apply_page(
            "s",
            &PageChanges {
                upserts: vec![changed],
                removals: vec!["2".into(), "404".into()],
                next_cursor: "r4".into(),
            },
        )
        .expect("apply");
    assert_eq!((applied.upserted, applied.removed), (1, 1));
    let t = store.task("1").expect("read").expect("present");
    assert_eq!((t.title.as_str(), t.slots_taken), ("甲（已更新）", 9));
    assert!(store.task("2").expect("read").is_none());
    // The search index follows updates and deletes.
    let (n, _) = store
        .query_tasks(&TaskFilter {
            search: Some("已更新".into()),
            limit: 10,
            ..Default::default()
        })
        .expect("query");
    assert_eq!(n, 1);
    let (n, _) = store
        .query_tasks(&TaskFilter {
            search: Some("乙".into()),
            limit: 10,
            ..Default::default()
        })
        .expect("query");
    assert_eq!(n, 0);
}

fn seeded_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open(&dir.path().join(DB_FILE), &DbKey::random()).expect("open");
    let mut a = task("1", "花间集修护面霜真实体验官招募");
    a.industry = "美妆".into();
    let mut b = task("2", "云栖蓝牙耳机开箱测评");
    b.industry = "3C数码".into();
    b.brand = "云栖".into();
    b.settlement_mode = None;
    b.category = "assigned".into();
    b.reward_max_fen = Some(500_000);
    b.min_followers = 0;
    b.max_followers = None;
    b.upload_deadline = NaiveDate::from_ymd_opt(2026, 11, 25).expect("date");
    let mut c = task("3", "面膜 50%_折扣 种草投稿");
    c.category = "submission".into();
    c.settlement_mode = None;
    c.reward_max_fen = None;
    c.slots_taken = c.slots_wanted;
    store
        .apply_page("s", &page(vec![a, b, c], "r3"))
        .expect("apply");
    // The sync's end: the indexes a first sync defers are built.
    assert!(store.finish_task_index().expect("indexes"));
    (dir, store)
}

fn ids(store: &Store, f: TaskFilter) -> Vec<String> {
    let (total, rows) = store
        .query_tasks(&TaskFilter { limit: 50, ..f })
        .expect("query");
    assert_eq!(total as usize, rows.len());
    rows.into_iter().map(|t| t.id).collect()
}

#[test]
fn chinese_search_finds_substrings_of_two_and_more_characters() {
    let (_d, store) = seeded_store();
    let s = |q: &str| {
        ids(
            &store,
            TaskFilter {
                search: Some(q.into()),
                ..Default::default()
            },
        )
    };
    assert_eq!(s("面霜"), vec!["1"]);
    assert_eq!(s("修护面霜"), vec!["1"]);
    assert_eq!(s("蓝牙耳"), vec!["2"]);
    assert_eq!(s("3C数码"), vec!["2"], "industry is searched");
    assert_eq!(
        s("购物车"),
        vec!["1", "2", "3"],
        "requirements are searched"
    );
    assert_eq!(s("50%_"), vec!["3"], "wildcard characters are literal");
    assert!(s("不存在的词").is_empty());
    assert_eq!(s("面 招募"), vec!["1"], "terms are ANDed");
}

#[test]
fn filters_and_sorting() {
    let (_d, store) = seeded_store();
    let by_cat = ids(
        &store,
        TaskFilter {
            categories: vec!["assigned".into(), "submission".into()],
            ..Default::default()
        },
    );
    assert_eq!(by_cat.len(), 2);
    assert_eq!(
        ids(
            &store,
            TaskFilter {
                industries: vec!["3C数码".into()],
                ..Default::default()
            }
        ),
        vec!["2"]
    );
    assert_eq!(
        ids(
            &store,
            TaskFilter {
                reward_min_fen: Some(100_001),
                ..Default::default()
            }
        ),
        vec!["2"]
    );
    assert_eq!(
        ids(
            &store,
            TaskFilter {
                reward_max_fen: Some(10_000),
                ..Default::default()
            }
        ),
        vec!["1"]
    );
    let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd);
    assert_eq!(
        ids(
            &store,
            TaskFilter {
                deadline_from: d(2026, 11, 22),
                deadline_to: d(2026, 11, 29),
                ..Default::default()
            }
        ),
        vec!["2"]
    );
    assert_eq!(
        ids(
            &store,
            TaskFilter {
                order: TaskOrder::Reward,
                ..Default::default()
            }
        ),
        vec!["2", "1", "3"]
    );
    assert_eq!(
        ids(
            &store,
            TaskFilter {
                order: TaskOrder::Deadline,
                ..Default::default()
            }
        )[0],
        "2"
    );
    let (total, rows) = store
        .query_tasks(&TaskFilter {
            offset: 1,
            limit: 1,
            ..Default::default()
        })
        .expect("page");
    assert_eq!((total, rows.len()), (3, 1));
    assert_eq!(
        store.industries().expect("facets"),
        vec!["3C数码".to_string(), "美妆".into()]
    );
}

#[test]
fn eligible_only_uses_the_thresholds_given() {
    let (_d, store) = seeded_store();
    let who = |followers, agency| EligibleFor {
        today: NaiveDate::from_ymd_opt(2026, 11, 22).expect("date"),
        followers,
        agency_deposit_deducted: agency,
        account_min_followers: 100_000,
        review_min_followers: 10_000,
        review_max_followers: 500_000,
    };
    let f = |e| {
        ids(
            &store,
            TaskFilter {
                eligible_for: Some(e),
                ..Default::default()
            },
        )
    };
    // R-REVIEW-11 and R-JOIN-1: 268k independent gets the review task (1) and the assigned one (2);
    // task 3 has no slots left.
    assert_eq!(f(who(268_000, None)), vec!["1", "2"]);
    // 20k: the review task only (no account for the rest, R-JOIN-1).
    assert_eq!(f(who(20_000, None)), vec!["1"]);
    // 600k independent: over the review range (R-REVIEW-11), but the review task's own max is 500k too.
    assert_eq!(f(who(600_000, None)), vec!["2"]);
    // Agency with a deducted deposit loses the review task (R-REVIEW-11).
    assert_eq!(f(who(268_000, Some(true))), vec!["2"]);
}

/// The app and a `stardesk` command making a new data directory at the same moment: one
/// makes the key and the database, the other waits and opens them. Each made its own key
/// before: the keychain kept one, the database was written with the other, and every
/// later start failed with a wrong key.
#[test]
fn two_opens_of_a_new_data_directory_at_once_share_one_key() {
    require_keychain();
    for round in 0..8 {
        let dir = tempfile::tempdir().expect("dir");
        let start = std::sync::Arc::new(std::sync::Barrier::new(2));
        let opens: Vec<_> = (0..2)
            .map(|_| {
                let (dir, start) = (dir.path().to_path_buf(), start.clone());
                std::thread::spawn(move || {
                    start.wait();
                    stardesk_store::open_data_dir_keyed(&dir, KeyPolicy::KeychainOnly, 0)
                        .map(|(_, _, _, key)| key.expose().clone())
                        .map_err(|e| e.to_string())
                })
            })
            .collect();
        let keys: Vec<String> = opens
            .into_iter()
            .map(|t| t.join().expect("thread"))
            .collect::<Result<_, _>>()
            .unwrap_or_else(|e| panic!("round {round}: an open failed: {e}"));
        assert_eq!(keys[0], keys[1], "round {round}: one key");
        open_data_dir_with(dir.path(), KeyPolicy::KeychainOnly, 0)
            .unwrap_or_else(|e| panic!("round {round}: a later start: {e}"));
        secret::keychain_delete(&secret::db_key_account(dir.path())).expect("clean up");
    }
}
