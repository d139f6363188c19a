//! The indexed task hall returns exactly what the plain scan returned before its indexes
//! ([`super::oracle`]): the same total and the same rows in the same order, for random
//! task caches written page by page (inserts, updates, removals, eligibility refreshed in
//! between) and random queries (terms of one to four characters, Chinese, ASCII of both
//! cases, wildcards and quotes; every filter; every sort; pages), under every plan the
//! store can pick for the count and for the page; and the same while a first sync defers
//! the indexes (migration 0010), and after they were built at its end and kept since.

use chrono::{Days, NaiveDate, TimeZone, Utc};
use proptest::prelude::*;
use proptest::sample::select;
use rust_decimal::Decimal;
use stardesk_domain::reward::Reward;

use super::query::{query_on, Count, Force, Page};
use super::{oracle, EligibleFor, PageChanges, TaskFilter, TaskOrder, TaskRecord};
use crate::{DbKey, Store, DB_FILE};

const CHARS: &[char] = &['面', '霜', '需', '测', 'A', 'a', '%', '_', '"', '😀', ' '];
const INDUSTRIES: &[&str] = &["美妆", "3C数码", "食品"];
const CATEGORIES: &[&str] = &["submission", "recruitment", "assigned", "preferred"];
const FORMS: &[&str] = &["video", "live", "picture"];

fn base() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).expect("date")
}

fn day(offset: i64) -> NaiveDate {
    if offset >= 0 {
        base() + Days::new(offset.unsigned_abs())
    } else {
        base() - Days::new(offset.unsigned_abs())
    }
}

fn text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(select(CHARS), 0..=max).prop_map(|v| v.into_iter().collect())
}

/// A search of one to three terms of one to four characters, mostly short ones.
fn search() -> impl Strategy<Value = String> {
    let letters = &CHARS[..CHARS.len() - 1];
    let term = prop_oneof![
        3 => prop::collection::vec(select(letters), 1..=2),
        1 => prop::collection::vec(select(letters), 3..=4),
    ]
    .prop_map(|v| v.into_iter().collect::<String>());
    prop_oneof![
        3 => prop::collection::vec(term.clone(), 1..=1),
        1 => prop::collection::vec(term, 2..=3),
    ]
    .prop_map(|t| t.join(" "))
}

/// Present a quarter of the time.
fn sometimes<T: std::fmt::Debug>(s: impl Strategy<Value = T>) -> impl Strategy<Value = Option<T>> {
    prop::option::weighted(0.25, s)
}

prop_compose! {
    fn words()(
        title in text(16),
        brand in text(3),
        industry in select(INDUSTRIES),
        requirements in prop::collection::vec(text(8), 0..3),
    ) -> (String, String, String, Vec<String>) {
        (title, brand, industry.to_string(), requirements)
    }
}

prop_compose! {
    fn task()(
        id in 0..40u8,
        (title, brand, industry, requirements) in words(),
        category in select(CATEGORIES),
        form in select(FORMS),
        mode in select(&[None, Some("product_review"), Some("paid")][..]),
        reward in prop::option::of(select(&[0i64, 10_000, 50_000, 90_000][..])),
        (deadline, start, len, updated) in (-5..5i64, -5..2i64, 0..8i64, 0..3i64),
        (wanted, taken) in (1..4u32, 0..2u32),
        min_followers in select(&[0u64, 0, 10_000, 100_000][..]),
        max_followers in prop::option::of(select(&[50_000u64, 500_000][..])),
    ) -> TaskRecord {
        TaskRecord {
            id: format!("t{id}"),
            title,
            brand,
            category: category.to_string(),
            settlement_mode: mode.map(str::to_string),
            industry,
            content_form: form.to_string(),
            reward_kind: "fixed".into(),
            reward: Reward::Fixed(Decimal::new(reward.unwrap_or(0), 2)),
            reward_min_fen: reward,
            reward_max_fen: reward,
            sample_value_fen: None,
            apply_start: day(start),
            apply_end: day(start + len),
            ship_by: None,
            upload_deadline: day(deadline),
            retention_days: 7,
            min_followers,
            max_followers,
            slots_wanted: wanted,
            slots_taken: taken,
            requirements,
            description: "d".into(),
            updated_at: Utc
                .with_ymd_and_hms(2026, 11, 20, 8, 0, 0)
                .single()
                .expect("time")
                + chrono::Duration::hours(updated),
        }
    }
}

prop_compose! {
    fn eligible_for()(
        today in -3..3i64,
        followers in select(&[0u64, 20_000, 268_000, 268_000, 268_000, 600_000][..]),
        agency in prop::option::of(any::<bool>()),
    ) -> EligibleFor {
        EligibleFor {
            today: day(today),
            followers,
            agency_deposit_deducted: agency,
            account_min_followers: 100_000,
            review_min_followers: 10_000,
            review_max_followers: 500_000,
        }
    }
}

#[derive(Debug, Clone)]
enum Op {
    Page(Vec<TaskRecord>, Vec<u8>),
    /// A task upserted again with only its category, content form and slots changed.
    Change(u8, &'static str, &'static str, u32),
    Refresh(EligibleFor),
    /// The end of a first sync: the deferred indexes are built (a no-op otherwise).
    Finish,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (
            prop::collection::vec(task(), 0..40),
            prop::collection::vec(0..40u8, 0..4)
        )
            .prop_map(|(t, r)| Op::Page(t, r)),
        1 => (0..40u8, select(CATEGORIES), select(FORMS), 0..2u32)
            .prop_map(|(id, c, f, taken)| Op::Change(id, c, f, taken)),
        1 => eligible_for().prop_map(Op::Refresh),
        1 => Just(Op::Finish),
    ]
}

/// A query; its eligibility is 0: none, 1: the last refreshed (else none), 2: `e`.
#[derive(Debug, Clone)]
struct Query {
    filter: TaskFilter,
    eligibility: u8,
    e: EligibleFor,
}

prop_compose! {
    fn filters()(
        search in prop::option::weighted(0.7, search()),
        categories in sometimes(prop::sample::subsequence(CATEGORIES, 1..=3)),
        industries in sometimes(prop::sample::subsequence(INDUSTRIES, 1..=2)),
        content_forms in sometimes(prop::sample::subsequence(FORMS, 1..=2)),
        reward_min_fen in sometimes(select(&[0i64, 10_000, 50_000][..])),
        reward_max_fen in sometimes(select(&[10_000i64, 90_000][..])),
        deadline_from in sometimes(-4..4i64),
        deadline_to in sometimes(-4..4i64),
    ) -> TaskFilter {
        let strings = |v: Option<Vec<&str>>| {
            v.unwrap_or_default().into_iter().map(str::to_string).collect()
        };
        TaskFilter {
            search,
            categories: strings(categories),
            industries: strings(industries),
            content_forms: strings(content_forms),
            reward_min_fen,
            reward_max_fen,
            deadline_from: deadline_from.map(day),
            deadline_to: deadline_to.map(day),
            ..TaskFilter::default()
        }
    }
}

prop_compose! {
    fn query()(
        filter in filters(),
        order in select(&[TaskOrder::Newest, TaskOrder::Deadline, TaskOrder::Reward][..]),
        offset in prop_oneof![3 => Just(0u32), 1 => 1..8u32],
        limit in prop_oneof![1 => Just(0u32), 8 => 1..10u32],
        eligibility in prop_oneof![2 => Just(0u8), 1 => 1..3u8],
        e in eligible_for(),
    ) -> Query {
        Query { filter: TaskFilter { order, offset, limit, ..filter }, eligibility, e }
    }
}

const COUNTS: [Count; 4] = [
    Count::Filtered,
    Count::Found,
    Count::Driven,
    Count::Complement,
];
const PAGES: [Page; 6] = [
    Page::InOrder,
    Page::Sorted,
    Page::InOrderChecked,
    Page::SortedChecked,
    Page::InOrderListed,
    Page::Driven,
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn the_indexed_hall_returns_what_the_plain_scan_returns(
        ops in prop::collection::vec(op(), 1..10),
        queries in prop::collection::vec(query(), 1..8),
    ) {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut store = Store::open(&dir.path().join(DB_FILE), &DbKey::random()).expect("open");
        let mut refreshed = None;
        for (i, op) in ops.iter().enumerate() {
            match op {
                Op::Page(upserts, removals) => {
                    let page = PageChanges {
                        upserts: upserts.clone(),
                        removals: removals.iter().map(|r| format!("t{r}")).collect(),
                        next_cursor: format!("c{i}"),
                    };
                    store.apply_page("s", &page).expect("apply");
                }
                Op::Change(id, category, form, taken) => {
                    if let Some(t) = store.task(&format!("t{id}")).expect("task") {
                        let changed = TaskRecord {
                            category: category.to_string(),
                            content_form: form.to_string(),
                            slots_taken: *taken,
                            ..t
                        };
                        let page = PageChanges {
                            upserts: vec![changed],
                            removals: vec![],
                            next_cursor: format!("c{i}"),
                        };
                        store.apply_page("s", &page).expect("apply");
                    }
                }
                Op::Refresh(e) => {
                    store.refresh_eligibility(e).expect("refresh");
                    prop_assert!(store.eligibility_is_current(e).expect("current"));
                    refreshed = Some(e.clone());
                }
                Op::Finish => {
                    store.finish_task_index().expect("finish");
                }
            }
        }
        let filters: Vec<TaskFilter> = queries
            .iter()
            .map(|q| TaskFilter {
                eligible_for: match q.eligibility {
                    0 => None,
                    1 => refreshed.clone(),
                    _ => Some(q.e.clone()),
                },
                ..q.filter.clone()
            })
            .collect();
        // Every answer under every plan, then (if they were deferred) the indexes built,
        // and each answer checked against the oracle, which needs the trigram index.
        let mut answers = Vec::new();
        for filter in &filters {
            let mut got = vec![("auto".to_string(), store.query_tasks(filter).expect("query"))];
            for count in COUNTS {
                for page in PAGES {
                    let force = Force { count: Some(count), page: Some(page) };
                    got.push((
                        format!("{count:?} {page:?}"),
                        query_on(&store.conn, filter, force).expect("query"),
                    ));
                }
            }
            answers.push(got);
        }
        let deferred = store.task_index_deferred().expect("deferred");
        store.finish_task_index().expect("finish");
        prop_assert!(!store.task_index_deferred().expect("deferred"));
        for (filter, got) in filters.iter().zip(&answers) {
            let expected = oracle::query_tasks(&store.conn, filter).expect("oracle");
            for (plan, answer) in got {
                prop_assert_eq!(answer, &expected, "{} (deferred: {})", plan, deferred);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Pages written in batches, one transaction each (a first sync), leave the cache that
    /// the same pages written one by one leave: the same tasks, answers and cursor, with a
    /// task removed and upserted again across the pages of a batch taken in their order.
    #[test]
    fn pages_in_one_transaction_leave_what_pages_one_by_one_leave(
        pages in prop::collection::vec(
            (prop::collection::vec(task(), 0..30), prop::collection::vec(0..40u8, 0..6)),
            1..8,
        ),
        cuts in prop::collection::vec(any::<bool>(), 8),
        finish in any::<bool>(),
        queries in prop::collection::vec(query(), 1..4),
    ) {
        let pages: Vec<PageChanges> = pages
            .into_iter()
            .enumerate()
            .map(|(i, (upserts, removals))| PageChanges {
                upserts,
                removals: removals.iter().map(|r| format!("t{r}")).collect(),
                next_cursor: format!("c{i}"),
            })
            .collect();
        let dir = tempfile::tempdir().expect("tempdir");
        let key = DbKey::random();
        let mut one = Store::open(&dir.path().join("one.db"), &key).expect("open");
        let mut batched = Store::open(&dir.path().join("batched.db"), &key).expect("open");
        let mut counted = super::Applied::default();
        for page in &pages {
            let a = one.apply_page("s", page).expect("apply");
            counted.upserted += a.upserted;
            counted.removed += a.removed;
        }
        let (mut start, mut applied) = (0, super::Applied::default());
        for i in 0..pages.len() {
            if i + 1 == pages.len() || cuts[i] {
                let a = batched.apply_pages("s", &pages[start..=i]).expect("apply batch");
                applied.upserted += a.upserted;
                applied.removed += a.removed;
                start = i + 1;
            }
        }
        prop_assert_eq!(applied, counted);
        if finish {
            one.finish_task_index().expect("finish");
            batched.finish_task_index().expect("finish");
        }
        prop_assert_eq!(one.sync_state("s").expect("state"), batched.sync_state("s").expect("state"));
        prop_assert_eq!(
            one.task_index_deferred().expect("deferred"),
            batched.task_index_deferred().expect("deferred")
        );
        for id in 0..40 {
            let id = format!("t{id}");
            prop_assert_eq!(one.task(&id).expect("task"), batched.task(&id).expect("task"));
        }
        for q in &queries {
            let filter = TaskFilter { eligible_for: None, ..q.filter.clone() };
            prop_assert_eq!(
                one.query_tasks(&filter).expect("query"),
                batched.query_tasks(&filter).expect("query")
            );
        }
    }
}
