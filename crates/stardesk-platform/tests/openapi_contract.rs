//! Contract test: `docs/platform-api.yaml` and the wire types of `stardesk_platform::wire`
//! describe the same JSON.
//!
//! The Rust types are the truth of what goes over the wire (serde decides the JSON); the
//! document is what other people read. Each test serializes real values of the Rust types
//! and holds them against the document's schemas, and deserializes the document's examples
//! into the Rust types, so neither side can drift without a failure naming the schema and
//! the key. Schemas are checked by a small validator below that understands the subset of
//! JSON Schema the document uses (`$ref`, `type`, `const`, `enum`, `format`, `pattern`,
//! bounds, `properties`, `required`, `items`, `allOf`, `oneOf`, `anyOf`).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use rust_decimal::Decimal;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use stardesk_platform::wire::{
    Agency, Category, ContentForm, Me, PlayTier, Problem, RankPrize, Reward, SettlementMode, Task,
    TaskEntry, TaskPage, PROBLEM_JSON,
};
use stardesk_platform::DEFAULT_PAGE_LIMIT;

const SPEC_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/platform-api.yaml");

// ---------------------------------------------------------------------------------------
// The document
// ---------------------------------------------------------------------------------------

fn spec() -> &'static Value {
    static SPEC: OnceLock<Value> = OnceLock::new();
    SPEC.get_or_init(|| {
        let text = std::fs::read_to_string(SPEC_PATH)
            .unwrap_or_else(|e| panic!("cannot read {SPEC_PATH}: {e}"));
        serde_norway::from_str(&text)
            .unwrap_or_else(|e| panic!("{SPEC_PATH} is not valid YAML: {e}"))
    })
}

/// `components.schemas.<name>`, or a failure naming the missing schema.
fn schema(name: &str) -> &'static Value {
    spec()
        .pointer(&format!("/components/schemas/{name}"))
        .unwrap_or_else(|| panic!("schema {name}: missing from components.schemas"))
}

/// What a local reference (`#/components/...`) points at: the document is one file.
fn resolve(reference: &str) -> &'static Value {
    let pointer = reference
        .strip_prefix('#')
        .unwrap_or_else(|| panic!("`$ref: {reference}` is not a local reference"));
    spec()
        .pointer(pointer)
        .unwrap_or_else(|| panic!("`$ref: {reference}` points at nothing"))
}

/// Follows `$ref`s to the schema (or response, parameter, header) itself.
fn deref(mut v: &'static Value) -> &'static Value {
    while let Some(r) = v.get("$ref").and_then(Value::as_str) {
        v = resolve(r);
    }
    v
}

/// The properties and required names of an object schema, `allOf` members merged.
#[derive(Debug, Default)]
struct Shape {
    properties: BTreeMap<String, &'static Value>,
    required: BTreeSet<String>,
}

fn shape(schema: &'static Value) -> Shape {
    let schema = deref(schema);
    let mut out = Shape::default();
    if let Some(props) = schema.get("properties").and_then(Value::as_object) {
        out.properties
            .extend(props.iter().map(|(k, v)| (k.clone(), v)));
    }
    if let Some(req) = schema.get("required").and_then(Value::as_array) {
        out.required
            .extend(req.iter().filter_map(Value::as_str).map(str::to_owned));
    }
    for member in schema
        .get("allOf")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let inner = shape(member);
        out.properties.extend(inner.properties);
        out.required.extend(inner.required);
    }
    out
}

fn to_json<T: Serialize>(value: &T) -> Value {
    serde_json::to_value(value).expect("wire types always serialize")
}

fn keys(v: &Value) -> BTreeSet<String> {
    v.as_object()
        .unwrap_or_else(|| panic!("expected a JSON object, got {v}"))
        .keys()
        .cloned()
        .collect()
}

// ---------------------------------------------------------------------------------------
// A validator for the JSON Schema subset the document uses
// ---------------------------------------------------------------------------------------

fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_u64() || n.is_i64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// The document's patterns, matched by hand (the crate has no regex engine). A pattern
/// this function does not know fails the test, so a new one cannot go unchecked.
fn matches_pattern(pattern: &str, s: &str) -> Result<bool, String> {
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    match pattern {
        "^[0-9]+$" => Ok(digits(s)),
        r"^-?\d+(\.\d{1,2})?$" => {
            let unsigned = s.strip_prefix('-').unwrap_or(s);
            Ok(match unsigned.split_once('.') {
                None => digits(unsigned),
                Some((int, frac)) => digits(int) && digits(frac) && frac.len() <= 2,
            })
        }
        other => Err(format!(
            "pattern {other:?} is unknown to the contract test; teach `matches_pattern` it"
        )),
    }
}

fn validate(schema: &'static Value, v: &Value, at: &str) -> Result<(), String> {
    let schema = deref(schema);
    if let Some(t) = schema.get("type") {
        let allowed: Vec<&str> = match t {
            Value::String(s) => vec![s.as_str()],
            Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
            other => {
                return Err(format!(
                    "{at}: `type: {other}` is neither a name nor a list"
                ))
            }
        };
        let actual = json_type(v);
        let ok = allowed.contains(&actual) || (actual == "integer" && allowed.contains(&"number"));
        if !ok {
            return Err(format!(
                "{at}: {v} is a JSON {actual}; the schema allows {allowed:?}"
            ));
        }
    }
    if let Some(c) = schema.get("const") {
        if c != v {
            return Err(format!("{at}: {v} is not the schema's const {c}"));
        }
    }
    if let Some(e) = schema.get("enum").and_then(Value::as_array) {
        if !e.contains(v) {
            return Err(format!("{at}: {v} is not one of the schema's enum {e:?}"));
        }
    }
    if let Value::String(s) = v {
        match schema.get("format").and_then(Value::as_str) {
            Some("date") if NaiveDate::parse_from_str(s, "%Y-%m-%d").is_err() => {
                return Err(format!("{at}: {s:?} is not a `format: date`"));
            }
            Some("date-time") if DateTime::parse_from_rfc3339(s).is_err() => {
                return Err(format!("{at}: {s:?} is not a `format: date-time`"));
            }
            _ => {}
        }
        if let Some(p) = schema.get("pattern").and_then(Value::as_str) {
            if !matches_pattern(p, s).map_err(|e| format!("{at}: {e}"))? {
                return Err(format!("{at}: {s:?} does not match the pattern {p:?}"));
            }
        }
    }
    if let Some(n) = v.as_f64() {
        if let Some(min) = schema.get("minimum").and_then(Value::as_f64) {
            if n < min {
                return Err(format!("{at}: {v} is below the minimum {min}"));
            }
        }
        if let Some(max) = schema.get("maximum").and_then(Value::as_f64) {
            if n > max {
                return Err(format!("{at}: {v} is above the maximum {max}"));
            }
        }
    }
    for member in schema
        .get("allOf")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        validate(member, v, at)?;
    }
    for (keyword, exactly_one) in [("oneOf", true), ("anyOf", false)] {
        if let Some(branches) = schema.get(keyword).and_then(Value::as_array) {
            let results: Vec<Result<(), String>> =
                branches.iter().map(|b| validate(b, v, at)).collect();
            let passed = results.iter().filter(|r| r.is_ok()).count();
            let ok = if exactly_one {
                passed == 1
            } else {
                passed >= 1
            };
            if !ok {
                let why: Vec<String> = results.into_iter().filter_map(Result::err).collect();
                return Err(format!(
                    "{at}: {v} matches {passed} of the {keyword} branches \
                     (branch failures: {why:?})"
                ));
            }
        }
    }
    if let Value::Object(obj) = v {
        if let Some(props) = schema.get("properties").and_then(Value::as_object) {
            for (k, sub) in props {
                if let Some(x) = obj.get(k) {
                    validate(sub, x, &format!("{at}.{k}"))?;
                }
            }
        }
        for k in schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let k = k.as_str().unwrap_or_default();
            if !obj.contains_key(k) {
                return Err(format!("{at}: required property `{k}` is missing"));
            }
        }
    }
    if let (Value::Array(items), Some(item_schema)) = (v, schema.get("items")) {
        for (i, x) in items.iter().enumerate() {
            validate(item_schema, x, &format!("{at}[{i}]"))?;
        }
    }
    Ok(())
}

/// The serialized value's keys are exactly the schema's properties, every required one is
/// there, and the value validates against the schema.
fn assert_matches_schema(name: &str, value: &Value) {
    let s = shape(schema(name));
    let serialized = keys(value);
    for k in &serialized {
        assert!(
            s.properties.contains_key(k),
            "schema {name}: the Rust type serializes key `{k}`, which is not among the \
             schema's properties {:?}",
            s.properties.keys().collect::<Vec<_>>()
        );
    }
    for k in s.properties.keys() {
        assert!(
            serialized.contains(k),
            "schema {name}: property `{k}` is in the document but the Rust type does not \
             serialize it (serialized: {serialized:?})"
        );
    }
    assert_required_present(name, value);
    if let Err(e) = validate(schema(name), value, name) {
        panic!("schema {name}: a serialized Rust value does not validate: {e}");
    }
}

fn assert_required_present(name: &str, value: &Value) {
    let serialized = keys(value);
    for k in &shape(schema(name)).required {
        assert!(
            serialized.contains(k),
            "schema {name}: required property `{k}` is missing from the serialized Rust value \
             {value}"
        );
    }
}

// ---------------------------------------------------------------------------------------
// Values of the Rust types
// ---------------------------------------------------------------------------------------

fn yuan(s: &str) -> Decimal {
    s.parse().expect("a decimal literal")
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a real day")
}

fn instant(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s)
        .expect("an RFC 3339 literal")
        .with_timezone(&Utc)
}

fn full_agency() -> Agency {
    Agency {
        id: "6900000000000012345".into(),
        name: "杭州星芒文化传媒有限公司".into(),
        deposit_ever_deducted: false,
    }
}

fn full_me() -> Me {
    Me {
        creator_id: "7100482913375520461".into(),
        nickname: "小满的好物日记".into(),
        followers: 268_000,
        agency: Some(full_agency()),
        level: 2,
    }
}

fn independent_me() -> Me {
    Me {
        agency: None,
        ..full_me()
    }
}

fn full_tier() -> PlayTier {
    PlayTier {
        above: 10_000,
        up_to: Some(100_000),
        amount: yuan("500"),
    }
}

fn full_prize() -> RankPrize {
    RankPrize {
        from: 2,
        to: 3,
        amount: yuan("500.50"),
    }
}

/// Every `Option` set, so every key carries a value rather than null.
fn full_task() -> Task {
    Task {
        id: "7304811520374190123".into(),
        title: "【好物测评】植萃肌研修护面霜真实体验官招募".into(),
        brand: "植萃肌研".into(),
        category: Category::Recruitment,
        settlement_mode: Some(SettlementMode::ProductReview),
        industry: "美妆".into(),
        content_form: ContentForm::Video,
        reward: Reward::PlayTiers {
            tiers: vec![
                PlayTier {
                    above: 5_000,
                    up_to: Some(10_000),
                    amount: yuan("100"),
                },
                full_tier(),
                PlayTier {
                    above: 100_000,
                    up_to: None,
                    amount: yuan("1000"),
                },
            ],
        },
        sample_value: Some(yuan("299.90")),
        apply_start: day(2026, 11, 1),
        apply_end: day(2026, 11, 15),
        ship_by: Some(day(2026, 11, 20)),
        upload_deadline: day(2026, 12, 20),
        retention_days: 30,
        min_followers: 10_000,
        max_followers: Some(500_000),
        slots_wanted: 50,
        slots_taken: 12,
        requirements: vec!["需挂载商品购物车组件".into(), "收到样品后7天内发布".into()],
        description: "植萃肌研是专注美妆领域的新锐品牌，本次主推修护面霜。".into(),
        updated_at: Utc
            .with_ymd_and_hms(2026, 11, 2, 3, 15, 42)
            .single()
            .expect("instant"),
    }
}

/// Every `Option` unset: the keys must still be there, as null, and the schema must allow it.
fn sparse_task() -> Task {
    Task {
        id: "7309922418835502771".into(),
        category: Category::Assigned,
        settlement_mode: None,
        reward: Reward::Fixed {
            amount: yuan("12000"),
        },
        sample_value: None,
        ship_by: None,
        max_followers: None,
        requirements: Vec::new(),
        ..full_task()
    }
}

fn full_page() -> TaskPage {
    TaskPage {
        items: every_task_entry(),
        next_cursor: "r1027".into(),
        has_more: true,
        remaining: 41,
    }
}

fn full_problem() -> Problem {
    Problem {
        kind: "urn:stardesk:problem:gone".into(),
        title: "Gone".into(),
        status: 410,
        detail: Some("task 7305512093388417024 was closed".into()),
    }
}

// Each `every_*` lists every variant. The exhaustive `match` below each list stops the
// build when a variant is added, so the list cannot silently fall behind the type.

fn every_category() -> Vec<Category> {
    use Category::*;
    let all = vec![Submission, Recruitment, Assigned, Preferred];
    for c in &all {
        match c {
            Submission | Recruitment | Assigned | Preferred => {}
        }
    }
    all
}

fn every_settlement_mode() -> Vec<SettlementMode> {
    use SettlementMode::*;
    let all = vec![ProductReview, Paid];
    for m in &all {
        match m {
            ProductReview | Paid => {}
        }
    }
    all
}

fn every_content_form() -> Vec<ContentForm> {
    use ContentForm::*;
    let all = vec![Video, Live, Picture];
    for f in &all {
        match f {
            Video | Live | Picture => {}
        }
    }
    all
}

fn every_reward() -> Vec<Reward> {
    let all = vec![
        Reward::Fixed {
            amount: yuan("12000"),
        },
        Reward::PlayTiers {
            tiers: vec![full_tier()],
        },
        Reward::Rank {
            prizes: vec![full_prize()],
        },
        Reward::SampleOnly,
    ];
    for r in &all {
        match r {
            Reward::Fixed { .. }
            | Reward::PlayTiers { .. }
            | Reward::Rank { .. }
            | Reward::SampleOnly => {}
        }
    }
    all
}

fn every_task_entry() -> Vec<TaskEntry> {
    let all = vec![
        TaskEntry::Open(Box::new(full_task())),
        TaskEntry::Closed {
            id: "7305512093388417024".into(),
            updated_at: instant("2026-11-03T06:41:09Z"),
        },
        TaskEntry::Deleted {
            id: "7301170448329926656".into(),
            updated_at: instant("2026-11-03T07:02:55.120Z"),
        },
    ];
    for e in &all {
        match e {
            TaskEntry::Open(_) | TaskEntry::Closed { .. } | TaskEntry::Deleted { .. } => {}
        }
    }
    all
}

// ---------------------------------------------------------------------------------------
// (a) paths, security and errors
// ---------------------------------------------------------------------------------------

fn operation(path: &str) -> &'static Value {
    let item = spec()
        .get("paths")
        .and_then(|p| p.get(path))
        .unwrap_or_else(|| panic!("path {path}: missing from `paths`"));
    item.get("get")
        .unwrap_or_else(|| panic!("path {path}: has no GET operation"))
}

#[test]
fn every_route_of_the_api_is_documented_as_get() {
    assert_eq!(
        spec().get("openapi").and_then(Value::as_str),
        Some("3.1.0"),
        "document: `openapi` must be 3.1.0"
    );
    for path in ["/v1/me", "/v1/tasks", "/v1/tasks/{id}", "/healthz"] {
        operation(path);
    }
    let documented: BTreeSet<&str> = spec()["paths"]
        .as_object()
        .expect("paths is a map")
        .keys()
        .map(String::as_str)
        .collect();
    let served = BTreeSet::from(["/v1/me", "/v1/tasks", "/v1/tasks/{id}", "/healthz"]);
    assert_eq!(
        documented, served,
        "paths: the document lists routes the API does not serve"
    );
}

#[test]
fn bearer_auth_is_global_and_healthz_is_open() {
    let scheme = spec()
        .pointer("/components/securitySchemes/bearerAuth")
        .expect("securitySchemes: bearerAuth is missing");
    assert_eq!(scheme["type"], "http", "securitySchemes.bearerAuth: `type`");
    assert_eq!(
        scheme["scheme"], "bearer",
        "securitySchemes.bearerAuth: `scheme`"
    );
    let global = spec()
        .get("security")
        .and_then(Value::as_array)
        .expect("document: top-level `security` is missing");
    assert!(
        global.iter().any(|req| req.get("bearerAuth").is_some()),
        "document: top-level `security` does not require bearerAuth"
    );
    for path in ["/v1/me", "/v1/tasks", "/v1/tasks/{id}"] {
        assert!(
            operation(path).get("security").is_none(),
            "path {path}: overrides the global bearer security"
        );
    }
    assert_eq!(
        operation("/healthz").get("security"),
        Some(&serde_json::json!([])),
        "path /healthz: must need no token (`security: []`)"
    );
    let ok = deref(&operation("/healthz")["responses"]["200"]);
    let text = ok
        .pointer("/content/text~1plain/schema")
        .expect("path /healthz: 200 must be text/plain");
    validate(text, &Value::from("ok"), "/healthz 200").unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn feed_parameters_match_what_the_client_sends() {
    let params: BTreeMap<&str, &Value> = operation("/v1/tasks")["parameters"]
        .as_array()
        .expect("path /v1/tasks: `parameters` is missing")
        .iter()
        .map(|p| {
            let p = deref(p);
            assert_eq!(
                p["in"], "query",
                "path /v1/tasks: parameter {p} is not in the query"
            );
            (p["name"].as_str().expect("a parameter has a name"), p)
        })
        .collect();
    assert_eq!(
        params.keys().copied().collect::<BTreeSet<_>>(),
        BTreeSet::from(["cursor", "updated_since", "limit"]),
        "path /v1/tasks: query parameters"
    );
    assert_eq!(
        params["updated_since"]["schema"]["format"], "date-time",
        "path /v1/tasks: parameter `updated_since` must be a date-time"
    );
    let limit = &params["limit"]["schema"];
    assert_eq!(
        limit["minimum"], 1,
        "path /v1/tasks: parameter `limit` minimum"
    );
    assert_eq!(
        limit["maximum"], 1000,
        "path /v1/tasks: parameter `limit` maximum"
    );
    assert_eq!(
        limit["default"], 500,
        "path /v1/tasks: parameter `limit` default"
    );
    validate(limit, &Value::from(DEFAULT_PAGE_LIMIT), "limit").unwrap_or_else(|e| {
        panic!("path /v1/tasks: the client's DEFAULT_PAGE_LIMIT is not a valid `limit`: {e}")
    });
}

#[test]
fn success_bodies_reference_the_wire_schemas() {
    for (path, name) in [
        ("/v1/me", "Me"),
        ("/v1/tasks", "TaskPage"),
        ("/v1/tasks/{id}", "Task"),
    ] {
        let ok = deref(&operation(path)["responses"]["200"]);
        let reference = ok
            .pointer("/content/application~1json/schema/$ref")
            .and_then(Value::as_str);
        assert_eq!(
            reference,
            Some(format!("#/components/schemas/{name}").as_str()),
            "path {path}: the 200 body must be schema {name}"
        );
    }
}

#[test]
fn every_error_is_a_problem_document() {
    let expected: [(&str, &[&str]); 3] = [
        ("/v1/me", &["401", "429", "500", "503"]),
        ("/v1/tasks", &["400", "401", "429", "500", "503"]),
        (
            "/v1/tasks/{id}",
            &["401", "404", "410", "429", "500", "503"],
        ),
    ];
    for (path, statuses) in expected {
        let responses = operation(path)["responses"]
            .as_object()
            .unwrap_or_else(|| panic!("path {path}: `responses` is missing"));
        for status in statuses {
            assert!(
                responses.contains_key(*status),
                "path {path}: response {status} is not documented"
            );
        }
        for (status, response) in responses {
            if !(status.starts_with('4') || status.starts_with('5')) {
                continue;
            }
            let response = deref(response);
            let reference = response
                .get("content")
                .and_then(|c| c.get(PROBLEM_JSON))
                .and_then(|m| m.pointer("/schema/$ref"))
                .and_then(Value::as_str);
            assert_eq!(
                reference,
                Some("#/components/schemas/Problem"),
                "path {path}: response {status} must be {PROBLEM_JSON} with schema Problem"
            );
            if status == "429" || status == "503" {
                assert!(
                    response.pointer("/headers/Retry-After").is_some(),
                    "path {path}: response {status} must document the Retry-After header"
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// (b) object schemas against serialized Rust values
// ---------------------------------------------------------------------------------------

#[test]
fn object_schemas_have_exactly_the_serialized_keys() {
    assert_matches_schema("Me", &to_json(&full_me()));
    assert_matches_schema("Agency", &to_json(&full_agency()));
    assert_matches_schema("Task", &to_json(&full_task()));
    assert_matches_schema("TaskPage", &to_json(&full_page()));
    assert_matches_schema("Problem", &to_json(&full_problem()));
    assert_matches_schema("PlayTier", &to_json(&full_tier()));
    assert_matches_schema("RankPrize", &to_json(&full_prize()));
}

#[test]
fn unset_options_are_present_as_null_and_the_schemas_allow_it() {
    let me = to_json(&independent_me());
    assert_eq!(
        me["agency"],
        Value::Null,
        "Rust: Me.agency None must serialize as null"
    );
    assert_matches_schema("Me", &me);

    let task = to_json(&sparse_task());
    for key in [
        "settlement_mode",
        "sample_value",
        "ship_by",
        "max_followers",
    ] {
        assert_eq!(
            task[key],
            Value::Null,
            "Rust: Task.{key} None must serialize as null"
        );
    }
    assert_matches_schema("Task", &task);

    let tier = to_json(&PlayTier {
        up_to: None,
        ..full_tier()
    });
    assert_matches_schema("PlayTier", &tier);

    // RFC 9457 makes `detail` optional: it is left out, not null, and not required.
    let problem = to_json(&Problem {
        detail: None,
        ..full_problem()
    });
    assert!(
        problem.get("detail").is_none(),
        "Rust: Problem.detail None must be left out"
    );
    assert!(
        !shape(schema("Problem")).required.contains("detail"),
        "schema Problem: `detail` must not be required"
    );
    assert_required_present("Problem", &problem);
    validate(schema("Problem"), &problem, "Problem").unwrap_or_else(|e| panic!("schema {e}"));
}

#[test]
fn documented_object_properties_all_have_descriptions() {
    for name in [
        "Me",
        "Agency",
        "Task",
        "TaskPage",
        "Problem",
        "PlayTier",
        "RankPrize",
        "TaskTombstone",
    ] {
        for (key, prop) in shape(schema(name)).properties {
            assert!(
                prop.get("description").and_then(Value::as_str).is_some(),
                "schema {name}: property `{key}` has no description"
            );
        }
    }
}

// ---------------------------------------------------------------------------------------
// (c) string enums
// ---------------------------------------------------------------------------------------

fn documented_enum(name: &str) -> BTreeSet<String> {
    schema(name)
        .get("enum")
        .and_then(Value::as_array)
        .unwrap_or_else(|| panic!("schema {name}: has no `enum`"))
        .iter()
        .map(|v| {
            v.as_str()
                .unwrap_or_else(|| panic!("schema {name}: enum value {v} is not a string"))
                .to_owned()
        })
        .collect()
}

fn serde_names<T: Serialize>(variants: &[T]) -> BTreeSet<String> {
    variants
        .iter()
        .map(|v| match to_json(v) {
            Value::String(s) => s,
            other => panic!("a unit variant serialized to {other}, not a string"),
        })
        .collect()
}

fn assert_same_values(what: &str, documented: &BTreeSet<String>, rust: &BTreeSet<String>) {
    let undocumented: Vec<&String> = rust.difference(documented).collect();
    assert!(
        undocumented.is_empty(),
        "{what}: the Rust type serializes {undocumented:?}, which the document does not list"
    );
    let unserved: Vec<&String> = documented.difference(rust).collect();
    assert!(
        unserved.is_empty(),
        "{what}: the document lists {unserved:?}, which no Rust variant serializes to"
    );
}

#[test]
fn string_enums_list_every_serde_name() {
    assert_same_values(
        "schema Category",
        &documented_enum("Category"),
        &serde_names(&every_category()),
    );
    assert_same_values(
        "schema SettlementMode",
        &documented_enum("SettlementMode"),
        &serde_names(&every_settlement_mode()),
    );
    assert_same_values(
        "schema ContentForm",
        &documented_enum("ContentForm"),
        &serde_names(&every_content_form()),
    );
}

// ---------------------------------------------------------------------------------------
// (d) tagged unions
// ---------------------------------------------------------------------------------------

/// The discriminator's mapping (tag value → target schema), checked for shape: the
/// property name is `tag`, and every `oneOf` branch is a mapping target.
fn discriminator(name: &str, tag: &str) -> BTreeMap<String, &'static Value> {
    let s = schema(name);
    let d = s
        .get("discriminator")
        .unwrap_or_else(|| panic!("schema {name}: has no discriminator"));
    assert_eq!(
        d.get("propertyName").and_then(Value::as_str),
        Some(tag),
        "schema {name}: discriminator.propertyName must be `{tag}`"
    );
    let mapping: BTreeMap<String, &'static Value> = d
        .get("mapping")
        .and_then(Value::as_object)
        .unwrap_or_else(|| panic!("schema {name}: discriminator has no mapping"))
        .iter()
        .map(|(k, v)| {
            let target = v
                .as_str()
                .unwrap_or_else(|| panic!("schema {name}: mapping of `{k}` is not a reference"));
            (k.clone(), deref(resolve(target)))
        })
        .collect();
    let branches: BTreeSet<&str> = s
        .get("oneOf")
        .and_then(Value::as_array)
        .unwrap_or_else(|| panic!("schema {name}: has no oneOf"))
        .iter()
        .map(|b| b["$ref"].as_str().unwrap_or_default())
        .collect();
    let targets: BTreeSet<&str> = d["mapping"]
        .as_object()
        .into_iter()
        .flatten()
        .filter_map(|(_, v)| v.as_str())
        .collect();
    assert_eq!(
        branches, targets,
        "schema {name}: the oneOf branches and the discriminator's targets differ"
    );
    mapping
}

/// Each variant's tag is a mapping key (and every key a variant's tag), and the variant's
/// serialized keys are exactly its target schema's properties.
fn assert_union<T: Serialize>(name: &str, tag: &str, variants: &[T]) {
    let mapping = discriminator(name, tag);
    let mut tags = BTreeSet::new();
    for variant in variants {
        let json = to_json(variant);
        let value = json
            .get(tag)
            .and_then(Value::as_str)
            .unwrap_or_else(|| panic!("schema {name}: a Rust variant has no string `{tag}`"))
            .to_owned();
        let target = mapping.get(&value).unwrap_or_else(|| {
            panic!(
                "schema {name}: the Rust type serializes {tag} `{value}`, which the \
                    discriminator does not map"
            )
        });
        let s = shape(target);
        assert_eq!(
            keys(&json),
            s.properties.keys().cloned().collect::<BTreeSet<_>>(),
            "schema {name}: keys of the `{tag}: {value}` variant differ from its schema's \
             properties"
        );
        if let Err(e) = validate(target, &json, &format!("{name}[{tag}={value}]")) {
            panic!("schema {name}: the `{tag}: {value}` variant does not validate: {e}");
        }
        if let Err(e) = validate(schema(name), &json, name) {
            panic!("schema {name}: the `{tag}: {value}` variant does not validate: {e}");
        }
        tags.insert(value);
    }
    let documented: BTreeSet<String> = mapping.keys().cloned().collect();
    assert_same_values(
        &format!("schema {name} discriminator `{tag}`"),
        &documented,
        &tags,
    );
}

#[test]
fn reward_kinds_match_the_discriminator() {
    assert_union("Reward", "kind", &every_reward());
}

#[test]
fn task_entry_statuses_match_the_discriminator() {
    assert_union("TaskEntry", "status", &every_task_entry());
    // The open entry is the whole task flattened beside `status`.
    let open = shape(schema("OpenTaskEntry"));
    let task = shape(schema("Task"));
    let extra: BTreeSet<&String> = open
        .properties
        .keys()
        .filter(|k| !task.properties.contains_key(*k))
        .collect();
    assert_eq!(
        extra,
        BTreeSet::from([&"status".to_owned()]),
        "schema OpenTaskEntry: must be Task plus `status` only"
    );
}

// ---------------------------------------------------------------------------------------
// (e) the document's examples are real wire values
// ---------------------------------------------------------------------------------------

/// Every example of schema `name`: the schema's own `example`/`examples`, and those of any
/// media type or parameter whose schema is a reference to it.
fn examples_of(name: &str) -> Vec<(String, &'static Value)> {
    fn walk(v: &'static Value, at: &str, reference: &str, out: &mut Vec<(String, &'static Value)>) {
        match v {
            Value::Object(obj) => {
                let refers = obj
                    .get("schema")
                    .and_then(|s| s.get("$ref"))
                    .and_then(Value::as_str)
                    == Some(reference);
                if refers {
                    if let Some(e) = obj.get("example") {
                        out.push((format!("{at}.example"), e));
                    }
                    for (k, e) in obj
                        .get("examples")
                        .and_then(Value::as_object)
                        .into_iter()
                        .flatten()
                    {
                        let value = e.get("value").unwrap_or_else(|| {
                            panic!("{at}.examples.{k}: an Example Object without `value`")
                        });
                        out.push((format!("{at}.examples.{k}"), value));
                    }
                }
                for (k, child) in obj {
                    walk(child, &format!("{at}.{k}"), reference, out);
                }
            }
            Value::Array(items) => {
                for (i, child) in items.iter().enumerate() {
                    walk(child, &format!("{at}[{i}]"), reference, out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    let own = schema(name);
    if let Some(e) = own.get("example") {
        out.push((format!("components.schemas.{name}.example"), e));
    }
    for (i, e) in own
        .get("examples")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
    {
        out.push((format!("components.schemas.{name}.examples[{i}]"), e));
    }
    walk(
        spec(),
        "document",
        &format!("#/components/schemas/{name}"),
        &mut out,
    );
    out
}

/// Each example deserializes into `T`, serializes back to exactly itself (so it has every
/// key, nulls included, in the wire's own spelling), and validates against the schema.
fn assert_examples_are_wire_values<T>(name: &str, at_least: usize) -> usize
where
    T: DeserializeOwned + Serialize,
{
    let examples = examples_of(name);
    assert!(
        examples.len() >= at_least,
        "schema {name}: the document has {} example(s), at least {at_least} wanted",
        examples.len()
    );
    for (at, example) in &examples {
        let value: T = serde_json::from_value((*example).clone()).unwrap_or_else(|e| {
            panic!("schema {name}: example at {at} does not deserialize into the Rust type: {e}")
        });
        let back = to_json(&value);
        if &back != *example {
            let theirs = example
                .as_object()
                .map(|o| o.keys().cloned().collect::<BTreeSet<_>>());
            let ours = back
                .as_object()
                .map(|o| o.keys().cloned().collect::<BTreeSet<_>>());
            panic!(
                "schema {name}: example at {at} is not what the Rust type puts on the wire \
                 (example keys {theirs:?}, wire keys {ours:?})\n example: {example}\n    wire: {back}"
            );
        }
        if let Err(e) = validate(schema(name), example, &format!("{name} example at {at}")) {
            panic!("schema {name}: example does not validate: {e}");
        }
    }
    examples.len()
}

#[test]
fn task_and_page_examples_deserialize_into_the_wire_types() {
    assert_examples_are_wire_values::<Task>("Task", 1);
    assert_examples_are_wire_values::<TaskPage>("TaskPage", 1);
}

#[test]
fn other_examples_deserialize_into_the_wire_types() {
    assert_examples_are_wire_values::<Me>("Me", 1);
    assert_examples_are_wire_values::<Agency>("Agency", 0);
    assert_examples_are_wire_values::<Reward>("Reward", 4);
    assert_examples_are_wire_values::<PlayTier>("PlayTier", 0);
    assert_examples_are_wire_values::<RankPrize>("RankPrize", 0);
    assert_examples_are_wire_values::<TaskEntry>("TaskTombstone", 0);
    assert_examples_are_wire_values::<Problem>("Problem", 1);
}

#[test]
fn the_validator_rejects_what_the_wire_does_not_send() {
    // The checks above are only as good as `validate`; prove it says no.
    let task = to_json(&full_task());
    let mut amount_as_number = task.clone();
    amount_as_number["sample_value"] = serde_json::json!(299.9);
    assert!(validate(schema("Task"), &amount_as_number, "Task").is_err());
    let mut id_as_number = task.clone();
    id_as_number["id"] = serde_json::json!(7_304_811_520_374_190_123_u64);
    assert!(validate(schema("Task"), &id_as_number, "Task").is_err());
    let mut three_decimals = task.clone();
    three_decimals["sample_value"] = Value::from("299.901");
    assert!(validate(schema("Task"), &three_decimals, "Task").is_err());
    let mut bad_date = task.clone();
    bad_date["apply_end"] = Value::from("2026-11-31");
    assert!(validate(schema("Task"), &bad_date, "Task").is_err());
    let mut null_brand = task.clone();
    null_brand["brand"] = Value::Null;
    assert!(validate(schema("Task"), &null_brand, "Task").is_err());
    let mut unknown_kind = task.clone();
    unknown_kind["reward"]["kind"] = Value::from("bonus");
    assert!(validate(schema("Task"), &unknown_kind, "Task").is_err());
    let mut missing = task;
    missing
        .as_object_mut()
        .expect("object")
        .remove("updated_at");
    assert!(validate(schema("Task"), &missing, "Task").is_err());
    let tombstone =
        serde_json::json!({"status": "open", "id": "1", "updated_at": "2026-11-03T06:41:09Z"});
    assert!(validate(schema("TaskEntry"), &tombstone, "TaskEntry").is_err());
}
