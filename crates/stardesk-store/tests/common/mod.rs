//! What the store's integration tests share: a task of the cache and a page of the feed, a
//! raw connection, and a statement file taken back.
#![allow(dead_code)]

use chrono::{NaiveDate, TimeZone, Utc};
use rust_decimal::Decimal;
use stardesk_domain::reward::Reward;
use stardesk_store::tasks::{PageChanges, TaskRecord};

/// A product-review task of 花间集 with `id` and `title`.
pub fn task(id: &str, title: &str) -> TaskRecord {
    TaskRecord {
        id: id.into(),
        title: title.into(),
        brand: "花间集".into(),
        category: "recruitment".into(),
        settlement_mode: Some("product_review".into()),
        industry: "美妆".into(),
        content_form: "video".into(),
        reward_kind: "fixed".into(),
        reward: Reward::Fixed(Decimal::new(10000, 2)),
        reward_min_fen: Some(10_000),
        reward_max_fen: Some(10_000),
        sample_value_fen: Some(29_900),
        apply_start: NaiveDate::from_ymd_opt(2026, 11, 1).expect("date"),
        apply_end: NaiveDate::from_ymd_opt(2026, 11, 30).expect("date"),
        ship_by: NaiveDate::from_ymd_opt(2026, 12, 5),
        upload_deadline: NaiveDate::from_ymd_opt(2026, 12, 31).expect("date"),
        retention_days: 30,
        min_followers: 10_000,
        max_followers: Some(500_000),
        slots_wanted: 20,
        slots_taken: 3,
        requirements: vec!["需挂载商品购物车组件".into()],
        description: "一款修护面霜。".into(),
        updated_at: Utc
            .with_ymd_and_hms(2026, 11, 20, 8, 0, 0)
            .single()
            .expect("time"),
    }
}

/// A page of the feed that upserts `tasks` and ends at `cursor`.
pub fn page(tasks: Vec<TaskRecord>, cursor: &str) -> PageChanges {
    PageChanges {
        upserts: tasks,
        removals: vec![],
        next_cursor: cursor.into(),
    }
}

/// A raw connection to the store's file at `path`, keyed with `key`: the file as SQLite
/// sees it, for writing what an earlier or later StarDesk would have left.
pub fn keyed(path: &std::path::Path, key: &stardesk_store::DbKey) -> rusqlite::Connection {
    stardesk_store::sqlcipher_ready().expect("SQLCipher ready");
    let conn = rusqlite::Connection::open(path).expect("raw open");
    conn.execute_batch(&format!("PRAGMA key = {};", key.pragma_literal().as_str()))
        .expect("key");
    conn
}

/// Takes back imported file `id`: (lines removed, lines put back).
pub fn taken_back(store: &mut stardesk_store::Store, id: i64) -> (u64, u64) {
    let d = store
        .delete_import_file(id)
        .expect("take back")
        .expect("a file");
    (d.lines_removed, d.lines_restored)
}
