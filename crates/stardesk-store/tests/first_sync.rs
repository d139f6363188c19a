//! A first sync in bulk (migration 0010): the pages of a sync into an empty cache are
//! written without the hall's indexes, which are built once at its end; a later sync
//! keeps them page by page. On a real SQLite file.

mod common;

use common::{page, task};
use stardesk_store::secret::DbKey;
use stardesk_store::tasks::{PageChanges, TaskFilter, TaskOrder};
use stardesk_store::{Store, DB_FILE};

/// The sort indexes of `task_hall`, with their SQL.
fn hall_indexes(path: &std::path::Path, key: &DbKey) -> Vec<(String, String)> {
    common::keyed(path, key)
        .prepare(
            "SELECT name, sql FROM sqlite_schema
             WHERE type = 'index' AND tbl_name = 'task_hall' AND sql IS NOT NULL ORDER BY name",
        )
        .expect("prepare")
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows")
}

/// The documents of the trigram index and of the short-term index.
fn documents(path: &std::path::Path, key: &DbKey) -> (i64, i64) {
    let conn = common::keyed(path, key);
    let count = |sql: &str| conn.query_row(sql, [], |r| r.get(0)).expect(sql);
    (
        count("SELECT count(*) FROM tasks_fts"),
        // Contentless: its documents are the rows of the docsize shadow table.
        count("SELECT count(*) FROM tasks_grams_docsize"),
    )
}

fn search(store: &Store, q: &str, order: TaskOrder) -> Vec<String> {
    let (total, rows) = store
        .query_tasks(&TaskFilter {
            search: Some(q.into()),
            order,
            limit: 50,
            ..TaskFilter::default()
        })
        .expect("query");
    assert_eq!(total as usize, rows.len(), "{q}");
    rows.into_iter().map(|t| t.id).collect()
}

fn tasks() -> Vec<stardesk_store::tasks::TaskRecord> {
    let mut a = task("1", "花间集修护面霜真实体验官招募");
    a.reward_max_fen = Some(30_000);
    let mut b = task("2", "云栖蓝牙耳机开箱测评 ANC Pro");
    b.reward_max_fen = Some(50_000);
    let mut c = task("3", "面膜种草投稿");
    c.reward_max_fen = Some(10_000);
    vec![a, b, c]
}

#[test]
fn a_first_sync_defers_the_indexes_and_its_end_builds_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, key) = (dir.path().join(DB_FILE), DbKey::random());
    drop(Store::open(&path, &key).expect("open"));
    let built = hall_indexes(&path, &key);
    assert_eq!(built.len(), 4, "the hall's sort indexes: {built:?}");

    let mut store = Store::open(&path, &key).expect("open");
    let mut all = tasks();
    let third = all.pop().expect("third");
    store.apply_page("s", &page(all, "r2")).expect("page 1");
    assert!(store.task_index_deferred().expect("deferred"));
    drop(store);
    assert!(
        hall_indexes(&path, &key).is_empty(),
        "dropped while deferred"
    );
    assert_eq!(
        documents(&path, &key),
        (0, 0),
        "nothing indexed while deferred"
    );

    // Cut short and reopened: still deferred, and every answer exact from the text.
    let mut store = Store::open(&path, &key).expect("reopen");
    assert!(store.task_index_deferred().expect("deferred"));
    store
        .apply_page("s", &page(vec![third], "r3"))
        .expect("page 2");
    assert_eq!(search(&store, "面霜", TaskOrder::Newest), ["1"]);
    assert_eq!(search(&store, "anc pro", TaskOrder::Newest), ["2"]);
    assert_eq!(search(&store, "面", TaskOrder::Reward), ["1", "3"]);
    let deferred: Vec<_> = ["面霜", "anc pro", "ANC", "面", "测评"]
        .iter()
        .map(|q| search(&store, q, TaskOrder::Reward))
        .collect();

    // The sync's end: the indexes are built once, and answer the same.
    assert!(store.finish_task_index().expect("finish"));
    assert!(!store.task_index_deferred().expect("deferred"));
    assert!(
        !store.finish_task_index().expect("again"),
        "nothing left to build"
    );
    let indexed: Vec<_> = ["面霜", "anc pro", "ANC", "面", "测评"]
        .iter()
        .map(|q| search(&store, q, TaskOrder::Reward))
        .collect();
    assert_eq!(deferred, indexed);
    drop(store);
    assert_eq!(documents(&path, &key), (3, 3));
    assert_eq!(
        hall_indexes(&path, &key),
        built,
        "made again as the schema had them"
    );
}

#[test]
fn a_later_sync_keeps_the_indexes_page_by_page() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, key) = (dir.path().join(DB_FILE), DbKey::random());
    let mut store = Store::open(&path, &key).expect("open");
    store.apply_page("s", &page(tasks(), "r3")).expect("first");
    store.finish_task_index().expect("finish");
    // A page after the first sync (a cursor is stored): nothing deferred.
    let mut d = task("4", "修护精华液体验");
    d.reward_max_fen = Some(90_000);
    store.apply_page("s", &page(vec![d], "r4")).expect("later");
    assert!(!store.task_index_deferred().expect("deferred"));
    assert_eq!(search(&store, "修护", TaskOrder::Reward), ["4", "1"]);
    drop(store);
    assert_eq!(documents(&path, &key), (4, 4));
}

#[test]
fn tasks_already_cached_are_never_deferred() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, key) = (dir.path().join(DB_FILE), DbKey::random());
    let mut store = Store::open(&path, &key).expect("open");
    store.apply_page("a", &page(tasks(), "r3")).expect("first");
    store.finish_task_index().expect("finish");
    // Another source's first page (no cursor for it), into a cache that has tasks.
    let removal = PageChanges {
        upserts: vec![task("9", "新来源的任务")],
        removals: vec!["1".into()],
        next_cursor: "x1".into(),
    };
    store.apply_page("b", &removal).expect("other source");
    assert!(!store.task_index_deferred().expect("deferred"));
    assert_eq!(search(&store, "任务", TaskOrder::Newest), ["9"]);
    drop(store);
    assert_eq!(documents(&path, &key), (3, 3));
}
