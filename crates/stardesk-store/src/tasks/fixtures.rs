//! What the tasks' tests build stores from: a task record, a store of `n` indexed tasks,
//! and the exact count of a short-term index query.

pub(super) fn record(i: usize, title: String) -> crate::tasks::TaskRecord {
    use chrono::TimeZone;
    let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).expect("date");
    crate::tasks::TaskRecord {
        id: format!("t{i}"),
        title,
        brand: "b".into(),
        category: "submission".into(),
        settlement_mode: None,
        industry: "美妆".into(),
        content_form: "video".into(),
        reward_kind: "fixed".into(),
        reward: stardesk_domain::reward::Reward::Fixed(rust_decimal::Decimal::new(100, 0)),
        reward_min_fen: Some(10_000),
        reward_max_fen: Some(10_000),
        sample_value_fen: None,
        apply_start: day,
        apply_end: day,
        ship_by: None,
        upload_deadline: day,
        retention_days: 7,
        min_followers: 0,
        max_followers: None,
        slots_wanted: 1,
        slots_taken: 0,
        requirements: vec![],
        description: "d".into(),
        updated_at: chrono::Utc
            .with_ymd_and_hms(2026, 11, 20, 8, 0, 0)
            .single()
            .expect("time"),
    }
}

/// A store of `n` tasks, task i titled by `title(i)`, indexed.
pub(super) fn store_of(
    n: usize,
    title: impl Fn(usize) -> String,
) -> (tempfile::TempDir, crate::Store) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = crate::Store::open(&dir.path().join(crate::DB_FILE), &crate::DbKey::random())
        .expect("open");
    let all: Vec<usize> = (0..n).collect();
    for (p, chunk) in all.chunks(500).enumerate() {
        let page = crate::tasks::PageChanges {
            upserts: chunk.iter().map(|&i| record(i, title(i))).collect(),
            removals: vec![],
            next_cursor: format!("c{p}"),
        };
        store.apply_page("s", &page).expect("apply");
    }
    store.finish_task_index().expect("finish");
    (dir, store)
}

pub(super) fn exact(store: &crate::Store, groups: &[Vec<String>]) -> u64 {
    let n: i64 = store
        .conn
        .query_row(
            "SELECT count(*) FROM tasks_grams WHERE tasks_grams MATCH ?1",
            [super::grams::query(groups)],
            |r| r.get(0),
        )
        .expect("count");
    u64::try_from(n).expect("count")
}
