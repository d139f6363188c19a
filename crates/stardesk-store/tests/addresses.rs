//! The address book and snippets on a real encrypted file.

use stardesk_store::addresses::{AddressInput, SnippetKind};
use stardesk_store::{DbKey, Store, DB_FILE};

fn open(dir: &std::path::Path) -> Store {
    Store::open(&dir.join(DB_FILE), &DbKey::random()).expect("open")
}

fn input<'a>(label: &'a str, make_default: bool) -> AddressInput<'a> {
    AddressInput {
        id: None,
        label,
        contact_name: "林小满",
        phone: "13812345678",
        region_code: "330106",
        detail: "文三路 90 号 3 幢 501",
        make_default,
    }
}

#[test]
fn the_book_always_has_exactly_one_default_while_it_has_addresses() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(dir.path());
    let home = store
        .save_address(&input("家", false), "2026-11-30T10:00:00Z")
        .expect("save")
        .expect("id");
    let office = store
        .save_address(&input("公司", false), "2026-11-30T10:01:00Z")
        .expect("save")
        .expect("id");
    let defaults = |s: &Store| -> Vec<String> {
        s.addresses()
            .expect("list")
            .into_iter()
            .filter(|a| a.is_default)
            .map(|a| a.label)
            .collect()
    };
    assert_eq!(defaults(&store), ["家"], "the first address is the default");
    assert!(store.set_default_address(office).expect("default"));
    assert_eq!(defaults(&store), ["公司"]);
    assert_eq!(
        store.addresses().expect("list")[0].label,
        "公司",
        "default first"
    );
    // Editing without asking to be the default keeps the mark where it is.
    store
        .save_address(
            &AddressInput {
                id: Some(home),
                detail: "文三路 100 号",
                ..input("家", false)
            },
            "2026-11-30T10:02:00Z",
        )
        .expect("edit")
        .expect("found");
    assert_eq!(defaults(&store), ["公司"]);
    assert_eq!(
        store.address(home).expect("get").expect("some").detail,
        "文三路 100 号"
    );
    // Deleting the default hands the mark to the oldest one left.
    assert!(store.delete_address(office).expect("delete"));
    assert_eq!(defaults(&store), ["家"]);
    assert!(!store.delete_address(office).expect("again"));
    assert!(!store.set_default_address(office).expect("gone"));
    assert_eq!(
        store
            .save_address(
                &AddressInput {
                    id: Some(999),
                    ..input("x", true)
                },
                "2026-11-30T10:03:00Z"
            )
            .expect("no such"),
        None
    );
    assert_eq!(defaults(&store), ["家"], "a failed edit changes nothing");
    assert!(store.delete_address(home).expect("delete"));
    assert!(store.addresses().expect("list").is_empty());
}

#[test]
fn an_address_never_prints_its_phone_or_street() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(dir.path());
    let id = store
        .save_address(&input("家", true), "2026-11-30T10:00:00Z")
        .expect("save")
        .expect("id");
    let shown = format!("{:?}", store.address(id).expect("get").expect("some"));
    assert!(
        !shown.contains("13812345678") && !shown.contains("文三路"),
        "{shown}"
    );
    let bytes = {
        drop(store);
        std::fs::read(dir.path().join(DB_FILE)).expect("read")
    };
    assert!(
        !bytes.windows(11).any(|w| w == b"13812345678"),
        "the phone is not in the file in plaintext"
    );
}

#[test]
fn snippets_are_listed_by_kind_most_recently_used_first() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = open(dir.path());
    let a = store
        .save_snippet(
            None,
            SnippetKind::Strengths,
            "美妆",
            "三年美妆测评",
            "2026-11-01T00:00:00Z",
        )
        .expect("save")
        .expect("id");
    let b = store
        .save_snippet(
            None,
            SnippetKind::Strengths,
            "母婴",
            "宝妈视角",
            "2026-11-02T00:00:00Z",
        )
        .expect("save")
        .expect("id");
    store
        .save_snippet(
            None,
            SnippetKind::Idea,
            "对比",
            "早晚对比实测",
            "2026-11-03T00:00:00Z",
        )
        .expect("save");
    let titles = |kind| -> Vec<String> {
        store
            .snippets(Some(kind))
            .expect("list")
            .into_iter()
            .map(|s| s.title)
            .collect()
    };
    assert_eq!(titles(SnippetKind::Strengths), ["母婴", "美妆"]);
    store
        .touch_snippets(&[a], "2026-11-04T00:00:00Z")
        .expect("touch");
    assert_eq!(titles(SnippetKind::Strengths), ["美妆", "母婴"]);
    assert_eq!(store.snippets(None).expect("all").len(), 3);
    assert_eq!(
        store
            .save_snippet(
                Some(b),
                SnippetKind::Strengths,
                "母婴",
                "宝妈视角，真实测评",
                "x"
            )
            .expect("edit"),
        Some(b)
    );
    assert!(store.delete_snippet(b).expect("delete"));
    assert_eq!(titles(SnippetKind::Strengths), ["美妆"]);
}
