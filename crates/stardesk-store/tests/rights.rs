//! The rights center's tables on a real encrypted file: the cache replaced per part, the
//! star index one row per day, invitations announced and warned once, the outbox.

use stardesk_store::rights::{CachePart, RightsAction, RightsSendState, StarIndexRecord};
use stardesk_store::{DbKey, Store, DB_FILE};

const SRC: &str = "platform:http://127.0.0.1:1/";

fn open(dir: &std::path::Path) -> Store {
    Store::open(&dir.join(DB_FILE), &DbKey::random()).expect("open")
}

fn point(day: &str, index: &str) -> StarIndexRecord {
    StarIndexRecord {
        day: day.into(),
        index: index.into(),
        reach: "1".into(),
        cooperation: "2".into(),
        growth: "3".into(),
        value_for_money: "4".into(),
        seeding: "5".into(),
    }
}

fn part(name: &str, json: &str) -> CachePart {
    CachePart {
        part: name.into(),
        json: json.into(),
    }
}

#[test]
fn parts_are_replaced_whole_and_a_day_keeps_one_point() {
    let dir = tempfile::tempdir().expect("dir");
    let mut s = open(dir.path());
    s.save_rights(
        SRC,
        "2026-12-01T01:00:00Z",
        &[part("metrics", "{\"a\":1}"), part("benefits", "[]")],
        &[point("2026-11-30", "70.10"), point("2026-12-01", "70.20")],
    )
    .expect("save");
    s.save_rights(
        SRC,
        "2026-12-01T02:00:00Z",
        &[part("metrics", "{\"a\":2}")],
        &[point("2026-12-01", "70.90")],
    )
    .expect("save again");
    let cache = s.rights_cache(SRC).expect("cache");
    assert_eq!(
        cache["metrics"],
        ("{\"a\":2}".to_string(), "2026-12-01T02:00:00Z".to_string())
    );
    assert_eq!(
        cache["benefits"].1, "2026-12-01T01:00:00Z",
        "a part not synced keeps its time"
    );
    let points = s.star_index_points(SRC, "2026-11-01").expect("points");
    let days: Vec<(&str, &str)> = points
        .iter()
        .map(|p| (p.day.as_str(), p.index.as_str()))
        .collect();
    assert_eq!(days, [("2026-11-30", "70.10"), ("2026-12-01", "70.90")]);
    assert!(
        s.rights_cache("sandbox").expect("other").is_empty(),
        "per source"
    );
}

#[test]
fn invitations_are_announced_once_and_warned_once() {
    let dir = tempfile::tempdir().expect("dir");
    let mut s = open(dir.path());
    let ids = vec!["a".to_string(), "b".to_string()];
    assert_eq!(
        s.first_seen_invitations(SRC, &ids, "t1").expect("seen"),
        ids
    );
    let more = vec!["b".to_string(), "c".to_string()];
    assert_eq!(
        s.first_seen_invitations(SRC, &more, "t2").expect("seen"),
        vec!["c".to_string()]
    );
    assert_eq!(s.warn_invitations(SRC, &ids, "t3").expect("warn"), ids);
    assert!(s
        .warn_invitations(SRC, &ids, "t4")
        .expect("warn")
        .is_empty());
}

#[test]
fn the_outbox_queues_once_retries_with_its_key_and_a_refusal_makes_way() {
    let dir = tempfile::tempdir().expect("dir");
    let mut s = open(dir.path());
    let at = "2026-12-01T01:00:00.000Z";
    let first = s
        .queue_rights_action(SRC, "key-1", RightsAction::Claim, "card", at)
        .expect("queue");
    let again = s
        .queue_rights_action(SRC, "key-2", RightsAction::Claim, "card", at)
        .expect("queue again");
    assert_eq!(first, again, "asking twice while it waits queues it once");
    assert_eq!(s.rights_outbox_due(SRC, at).expect("due").len(), 1);
    s.mark_rights_retry(
        first,
        "2026-12-01T01:05:00.000Z",
        "platform_unreachable",
        "down",
    )
    .expect("retry");
    assert!(
        s.rights_outbox_due(SRC, at).expect("due").is_empty(),
        "backing off"
    );
    let item = s.rights_outbox_item(first).expect("item").expect("there");
    assert_eq!((item.attempts, item.idempotency_key.as_str()), (1, "key-1"));
    s.rights_outbox_due_now(SRC, at).expect("due now");
    assert_eq!(s.rights_outbox_due(SRC, at).expect("due").len(), 1);
    s.mark_rights_refused(first, Some("already_claimed"), "already claimed")
        .expect("refused");
    let refused = s.rights_outbox(SRC).expect("outbox");
    assert_eq!(refused.len(), 1);
    assert_eq!(refused[0].state, RightsSendState::Refused);
    assert_eq!(refused[0].refusal_code.as_deref(), Some("already_claimed"));
    // A new try replaces the refused one, under a new key.
    let second = s
        .queue_rights_action(SRC, "key-3", RightsAction::Claim, "card", at)
        .expect("queue");
    let open = s.rights_outbox(SRC).expect("outbox");
    assert_eq!(open.len(), 1);
    assert_eq!(open[0].idempotency_key, "key-3");
    // Sent: gone from the outbox, and the part it changed written with it.
    s.save_rights(SRC, at, &[part("benefits", "[1]")], &[])
        .expect("save");
    s.mark_rights_sent(second, at, Some(&part("benefits", "[2]")))
        .expect("sent");
    assert!(s.rights_outbox(SRC).expect("outbox").is_empty());
    assert_eq!(s.rights_cache(SRC).expect("cache")["benefits"].0, "[2]");
}

/// Claims and answers are queued at times with milliseconds; an older row may hold whole
/// seconds. Due and due-now compare instants, not text (`…:00Z` sorts after `…:00.5Z`).
#[test]
fn rights_outbox_times_compare_as_instants() {
    let dir = tempfile::tempdir().expect("dir");
    let mut s = open(dir.path());
    let id = s
        .queue_rights_action(
            SRC,
            "key-s",
            RightsAction::Claim,
            "card",
            "2026-12-01T01:00:00Z",
        )
        .expect("queue");
    assert_eq!(
        s.rights_outbox_due(SRC, "2026-12-01T01:00:00.500Z")
            .expect("due")
            .len(),
        1
    );
    s.mark_rights_retry(id, "2026-12-01T01:05:00Z", "platform_unreachable", "down")
        .expect("retry");
    assert!(s
        .rights_outbox_due(SRC, "2026-12-01T01:04:59.999Z")
        .expect("due")
        .is_empty());
    assert_eq!(
        s.rights_outbox_due(SRC, "2026-12-01T01:05:00.000Z")
            .expect("due")
            .len(),
        1,
        "due at its instant, written with milliseconds"
    );
    s.mark_rights_retry(id, "2026-12-01T01:05:00Z", "platform_unreachable", "down")
        .expect("retry");
    s.rights_outbox_due_now(SRC, "2026-12-01T01:04:00.500Z")
        .expect("due now");
    assert_eq!(
        s.rights_outbox_due(SRC, "2026-12-01T01:04:00.500Z")
            .expect("due")
            .len(),
        1,
        "brought forward from 01:05:00Z to 01:04:00.500Z"
    );
}
