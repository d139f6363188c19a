//! The address book and snippets through `Context`, on a real data directory.

use std::sync::Arc;

use stardesk_core::ipc::*;
use stardesk_core::{AppEvent, Context, ContextOptions, DataArea, ErrorCode, EventLog};
use stardesk_store::KeyPolicy;

fn options(dir: &std::path::Path) -> ContextOptions {
    ContextOptions {
        data_dir: dir.to_path_buf(),
        key_policy: KeyPolicy::FileOnly,
        sandbox_tasks: 10,
        today: None,
        background_jobs: false,
        granted_paths_only: false,
        platform_client: Default::default(),
    }
}

fn home() -> AddressInput {
    AddressInput {
        id: None,
        label: "家".into(),
        contact_name: "林小满".into(),
        phone: "13812345678".into(),
        region_code: "330106".into(),
        detail: "文三路 90 号 3 幢 501".into(),
        make_default: false,
    }
}

/// R-REVIEW-12: the contact and address are checked field by field before anything is kept.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn r_review_12_a_wrong_address_is_refused_naming_each_field() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ctx = Context::open(options(dir.path()), Arc::new(EventLog::new()))
        .await
        .expect("open");
    let bad = AddressInput {
        contact_name: String::new(),
        phone: "12345".into(),
        region_code: "330100".into(),
        detail: "短".into(),
        ..home()
    };
    let problems = ctx.check_address(bad.clone()).await.expect("check");
    assert_eq!(
        problems
            .iter()
            .map(|p| (p.field, p.problem, p.min))
            .collect::<Vec<_>>(),
        [
            (FormFieldCode::ContactName, FormProblemCode::Empty, None),
            (FormFieldCode::Phone, FormProblemCode::NotAMobile, None),
            (
                FormFieldCode::RegionCode,
                FormProblemCode::NotCountyLevel,
                None
            ),
            (FormFieldCode::Detail, FormProblemCode::TooShort, Some(5)),
        ]
    );
    let err = ctx.save_address(bad).await.expect_err("refused");
    assert_eq!(err.code, ErrorCode::InvalidInput);
    for field in ["contact_name", "phone", "region_code", "detail"] {
        assert!(err.message.contains(field), "{field} in {}", err.message);
    }
    assert!(!err.message.contains("12345"), "no personal data in errors");
    assert!(
        ctx.addresses().await.expect("list").is_empty(),
        "nothing kept"
    );
    ctx.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn addresses_are_masked_in_lists_full_for_editing_and_deletable() {
    let dir = tempfile::tempdir().expect("tempdir");
    let log = EventLog::new();
    let ctx = Context::open(options(dir.path()), Arc::new(log.clone()))
        .await
        .expect("open");
    let saved = ctx.save_address(home()).await.expect("save");
    assert_eq!(
        (
            saved.phone_masked.as_str(),
            saved.province.as_str(),
            saved.city.as_str(),
            saved.district.as_str(),
            saved.is_default
        ),
        ("138****5678", "浙江省", "杭州市", "西湖区", true)
    );
    assert!(log.events().contains(&AppEvent::DataChanged {
        areas: vec![DataArea::AddressBook]
    }));
    let json = serde_json::to_string(&ctx.addresses().await.expect("list")).expect("json");
    assert!(
        !json.contains("13812345678") && !json.contains("文三路"),
        "{json}"
    );

    let office = ctx
        .save_address(AddressInput {
            label: "公司".into(),
            region_code: "110105".into(),
            make_default: true,
            ..home()
        })
        .await
        .expect("second");
    let list = ctx.addresses().await.expect("list");
    assert_eq!(
        list.iter()
            .map(|a| (a.label.as_str(), a.is_default))
            .collect::<Vec<_>>(),
        [("公司", true), ("家", false)]
    );
    let full = ctx.address(saved.id.clone()).await.expect("for editing");
    assert_eq!(
        (full.phone.as_str(), full.detail.as_str()),
        ("13812345678", "文三路 90 号 3 幢 501")
    );
    ctx.set_default_address(saved.id.clone())
        .await
        .expect("default");
    ctx.delete_address(saved.id.clone()).await.expect("delete");
    let left = ctx.addresses().await.expect("list");
    assert_eq!(left.len(), 1);
    assert_eq!((left[0].id.clone(), left[0].is_default), (office.id, true));
    let gone = ctx.delete_address(saved.id).await.expect_err("gone");
    assert_eq!(gone.code, ErrorCode::NotFound);
    ctx.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_region_tree_and_snippets() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ctx = Context::open(options(dir.path()), Arc::new(EventLog::new()))
        .await
        .expect("open");
    let tree = ctx.regions().await.expect("regions");
    assert_eq!(tree.len(), 31);
    let districts: usize = tree
        .iter()
        .flat_map(|p| &p.cities)
        .map(|c| c.districts.len())
        .sum();
    assert_eq!(
        districts, 2978,
        "every county-level division of the NBS 2023 list"
    );
    let zhejiang = tree.iter().find(|p| p.code == "330000").expect("浙江");
    let hangzhou = zhejiang
        .cities
        .iter()
        .find(|c| c.code == "330100")
        .expect("杭州");
    assert!(hangzhou.districts.iter().any(|d| d.name == "西湖区"));

    let s = ctx
        .save_snippet(SnippetInput {
            id: None,
            kind: SnippetKind::Strengths,
            title: "美妆".into(),
            body: "美妆测评三年，粉丝以女性为主".into(),
        })
        .await
        .expect("save");
    let edited = ctx
        .save_snippet(SnippetInput {
            id: Some(s.id.clone()),
            kind: SnippetKind::Strengths,
            title: "美妆".into(),
            body: "美妆测评三年".into(),
        })
        .await
        .expect("edit");
    assert_eq!(
        (edited.id.clone(), edited.body.as_str()),
        (s.id.clone(), "美妆测评三年")
    );
    let empty = ctx
        .save_snippet(SnippetInput {
            id: None,
            kind: SnippetKind::Idea,
            title: " ".into(),
            body: "x".into(),
        })
        .await
        .expect_err("empty title");
    assert_eq!(empty.code, ErrorCode::InvalidInput);
    assert_eq!(ctx.snippets().await.expect("list").len(), 1);
    ctx.delete_snippet(s.id).await.expect("delete");
    assert!(ctx.snippets().await.expect("list").is_empty());
    ctx.shutdown().await;
}
