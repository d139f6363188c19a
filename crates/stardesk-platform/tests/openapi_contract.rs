//! Contract test: `docs/platform-api.yaml` and the wire types of `stardesk_platform::wire`
//! describe the same JSON.
//!
//! The Rust types are the truth of what goes over the wire (serde decides the JSON); the
//! document is what other people read. Each test serializes real values of the Rust types
//! and holds them against the document's schemas, and deserializes the document's examples
//! into the Rust types, so neither side can drift without a failure naming the schema and
//! the key. Schemas are checked by a small validator below that understands the subset of
//! JSON Schema the document uses (`$ref`, `type`, `const`, `enum`, `format`, `pattern`,
//! bounds, lengths, `properties`, `required`, `items`, `allOf`, `oneOf`, `anyOf`).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use rust_decimal::Decimal;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use stardesk_platform::wire::{
    Address, Agency, Application, ApplicationPage, ApplicationRequest, ApplicationStatus, Category,
    ConflictCode, Content, ContentForm, ContentReport, ContentReview, FieldError, FieldErrorCode,
    ListedReward, Me, PlayTier, Problem, RankPrize, Receipt, ReceiptReport, ReviewOutcome, Reward,
    Selection, SelectionOutcome, SettlementMode, Shipment, Shipping, Task, TaskEntry, TaskPage,
    CARRIERS, IDEMPOTENCY_KEY, PROBLEM_JSON,
};
use stardesk_platform::DEFAULT_PAGE_LIMIT;

/// The rights center's schemas and routes.
#[path = "openapi_contract/rights.rs"]
mod rights;
#[path = "openapi_contract/rights_values.rs"]
mod rights_values;

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
        "^[0-9]{6}$" => Ok(digits(s) && s.len() == 6),
        "^1[3-9][0-9]{9}$" => {
            let b = s.as_bytes();
            Ok(digits(s) && b.len() == 11 && b[0] == b'1' && (b'3'..=b'9').contains(&b[1]))
        }
        "^[0-9]{4}-(0[1-9]|1[0-2])$" => {
            let b = s.as_bytes();
            Ok(s.is_ascii()
                && b.len() == 7
                && digits(&s[..4])
                && b[4] == b'-'
                && digits(&s[5..])
                && (1..=12).contains(&s[5..].parse::<u32>().unwrap_or(0)))
        }
        r"^[0-9]+(\.[0-9]{1,2})?$" => Ok(match s.split_once('.') {
            None => digits(s),
            Some((int, frac)) => digits(int) && digits(frac) && frac.len() <= 2,
        }),
        "^[a-z0-9]+$" => Ok(!s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())),
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
        // JSON Schema counts code points, as the API counts characters.
        let chars = s.chars().count() as u64;
        if let Some(min) = schema.get("minLength").and_then(Value::as_u64) {
            if chars < min {
                return Err(format!("{at}: {s:?} is shorter than minLength {min}"));
            }
        }
        if let Some(max) = schema.get("maxLength").and_then(Value::as_u64) {
            if chars > max {
                return Err(format!("{at}: {s:?} is longer than maxLength {max}"));
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

fn full_field_error() -> FieldError {
    FieldError {
        field: "address.region_code".into(),
        code: FieldErrorCode::NotCountyLevel,
        message: "must be a county-level code, not a province or prefecture".into(),
    }
}

/// Every member set, the extension members included.
fn full_problem() -> Problem {
    Problem {
        kind: "urn:stardesk:problem:invalid-fields".into(),
        title: "Unprocessable Content".into(),
        status: 422,
        detail: Some("1 field is not valid".into()),
        code: Some("invalid_fields".into()),
        errors: vec![full_field_error()],
    }
}

fn full_address() -> Address {
    Address {
        region_code: "330106".into(),
        province: "浙江省".into(),
        city: "杭州市".into(),
        district: "西湖区".into(),
        detail: "文三路90号东部软件园3号楼502室".into(),
    }
}

fn full_request() -> ApplicationRequest {
    ApplicationRequest {
        task_id: "7304811520374190123".into(),
        contact_name: "林小满".into(),
        phone: "13812345678".into(),
        address: full_address(),
        strengths: "专注敏感肌护肤测评三年，粉丝以女性为主。".into(),
        idea: "以换季泛红为切入点，做14天真实打卡对比。".into(),
    }
}

fn full_shipping() -> Shipping {
    Shipping {
        contact_name: "林小满".into(),
        phone: "13812345678".into(),
        address: full_address(),
    }
}

fn full_selection() -> Selection {
    Selection {
        outcome: SelectionOutcome::Selected,
        decided_at: instant("2026-11-08T06:30:00Z"),
    }
}

fn full_shipment() -> Shipment {
    Shipment {
        carrier: "shunfeng".into(),
        tracking_no: "SF1402938475612".into(),
        shipped_at: day(2026, 11, 18),
    }
}

fn full_receipt() -> Receipt {
    Receipt {
        received: false,
        note: Some("物流显示已签收，但本人未收到".into()),
        reported_at: instant("2026-11-20T12:03:44Z"),
    }
}

fn full_review() -> ContentReview {
    ContentReview {
        outcome: ReviewOutcome::Rejected,
        reason: Some("未按要求@品牌官方账号，请修改后重新上传".into()),
        reviewed_at: instant("2026-12-03T03:00:00Z"),
    }
}

fn full_content() -> Content {
    Content {
        url: "https://www.douyin.com/video/7441234567890123456".into(),
        submitted_at: instant("2026-12-02T10:15:00Z"),
        review: Some(full_review()),
    }
}

fn full_listed_reward() -> ListedReward {
    ListedReward {
        amount: yuan("500.50"),
        listed_on: day(2026, 12, 24),
        paid_on: Some(day(2026, 12, 27)),
    }
}

/// Every `Option` set.
fn full_application() -> Application {
    Application {
        id: "7512094418270034944".into(),
        task_id: "7304811520374190123".into(),
        status: ApplicationStatus::RewardPaid,
        applied_at: instant("2026-11-03T02:11:09Z"),
        shipping: full_shipping(),
        strengths: full_request().strengths,
        idea: full_request().idea,
        withdrawn_at: Some(instant("2026-11-04T01:00:00Z")),
        selection: Some(full_selection()),
        shipment: Some(full_shipment()),
        delivered_at: Some(instant("2026-11-20T07:42:10Z")),
        receipt: Some(full_receipt()),
        content: Some(full_content()),
        published_on: Some(day(2026, 12, 5)),
        reward: Some(full_listed_reward()),
        updated_at: instant("2026-12-26T16:00:00.001Z"),
    }
}

/// Every `Option` unset: the keys must still be there, as null.
fn sparse_application() -> Application {
    Application {
        status: ApplicationStatus::Submitted,
        withdrawn_at: None,
        selection: None,
        shipment: None,
        delivered_at: None,
        receipt: None,
        content: None,
        published_on: None,
        reward: None,
        ..full_application()
    }
}

fn full_application_page() -> ApplicationPage {
    ApplicationPage {
        items: vec![full_application(), sparse_application()],
        next_cursor: "r57".into(),
        has_more: true,
        remaining: 3,
    }
}

fn full_receipt_report() -> ReceiptReport {
    ReceiptReport {
        received: false,
        note: Some("拒收：外包装破损".into()),
    }
}

fn full_content_report() -> ContentReport {
    ContentReport {
        url: "https://www.douyin.com/video/7441234567890123456".into(),
        published_on: day(2026, 12, 5),
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

fn every_application_status() -> Vec<ApplicationStatus> {
    use ApplicationStatus::*;
    let all = vec![
        Submitted,
        Withdrawn,
        NotSelected,
        Selected,
        Shipped,
        Delivered,
        ContentSubmitted,
        ContentRejected,
        ContentApproved,
        Published,
        Completed,
        Failed,
        RewardListed,
        RewardPaid,
    ];
    for s in &all {
        match s {
            Submitted | Withdrawn | NotSelected | Selected | Shipped | Delivered
            | ContentSubmitted | ContentRejected | ContentApproved | Published | Completed
            | Failed | RewardListed | RewardPaid => {}
        }
    }
    all
}

fn every_selection_outcome() -> Vec<SelectionOutcome> {
    use SelectionOutcome::*;
    let all = vec![Selected, Passed, Expired];
    for o in &all {
        match o {
            Selected | Passed | Expired => {}
        }
    }
    all
}

fn every_review_outcome() -> Vec<ReviewOutcome> {
    use ReviewOutcome::*;
    let all = vec![Approved, Rejected];
    for o in &all {
        match o {
            Approved | Rejected => {}
        }
    }
    all
}

/// The known codes (`Other` is what a newer server's codes become, not a code).
fn every_conflict_code() -> Vec<ConflictCode> {
    use ConflictCode::*;
    let all = vec![
        WindowClosed,
        SlotsFull,
        NotEligible,
        AlreadyApplied,
        NotWithdrawable,
        NotShipped,
        ReceiptClosed,
        SelectionRequired,
        UploadClosed,
        AlreadyApproved,
        AutomaticBenefit,
        BenefitExpired,
        BenefitUsed,
        AlreadyClaimed,
        AlreadyAnswered,
        AlreadySubmitted,
    ];
    for c in &all {
        match c {
            WindowClosed | SlotsFull | NotEligible | AlreadyApplied | NotWithdrawable
            | NotShipped | ReceiptClosed | SelectionRequired | UploadClosed | AlreadyApproved
            | AutomaticBenefit | BenefitExpired | BenefitUsed | AlreadyClaimed
            | AlreadyAnswered | AlreadySubmitted => {}
            Other(_) => unreachable!("not a known code"),
        }
    }
    all
}

fn every_field_error_code() -> Vec<FieldErrorCode> {
    use FieldErrorCode::*;
    let all = vec![
        Required,
        InvalidType,
        TooShort,
        TooLong,
        InvalidFormat,
        NotCountyLevel,
        UnknownTask,
        NotProductReview,
        BeforeApplication,
        AfterUploadDeadline,
    ];
    for c in &all {
        match c {
            Required | InvalidType | TooShort | TooLong | InvalidFormat | NotCountyLevel
            | UnknownTask | NotProductReview | BeforeApplication | AfterUploadDeadline => {}
            Other(_) => unreachable!("not a known code"),
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

/// Every route of the API but the rights center's ([`rights::ROUTES`]), with its methods.
const ROUTES: [(&str, &[&str]); 9] = [
    ("/v1/me", &["get"]),
    ("/v1/tasks", &["get"]),
    ("/v1/tasks/{id}", &["get"]),
    ("/v1/applications", &["get", "post"]),
    ("/v1/applications/{id}", &["get"]),
    ("/v1/applications/{id}/withdraw", &["post"]),
    ("/v1/applications/{id}/receipt", &["post"]),
    ("/v1/applications/{id}/content", &["post"]),
    ("/healthz", &["get"]),
];

/// Every route the API serves, with its methods.
fn all_routes() -> Vec<(&'static str, &'static [&'static str])> {
    ROUTES
        .iter()
        .chain(rights::ROUTES.iter())
        .copied()
        .collect()
}

fn operation(path: &str, method: &str) -> &'static Value {
    let item = spec()
        .get("paths")
        .and_then(|p| p.get(path))
        .unwrap_or_else(|| panic!("path {path}: missing from `paths`"));
    item.get(method)
        .unwrap_or_else(|| panic!("path {path}: has no {} operation", method.to_uppercase()))
}

fn get_op(path: &str) -> &'static Value {
    operation(path, "get")
}

#[test]
fn every_route_of_the_api_is_documented_with_its_methods() {
    assert_eq!(
        spec().get("openapi").and_then(Value::as_str),
        Some("3.1.0"),
        "document: `openapi` must be 3.1.0"
    );
    let paths = spec()["paths"].as_object().expect("paths is a map");
    for (path, methods) in all_routes() {
        for method in methods {
            operation(path, method);
        }
        let documented: BTreeSet<&str> = paths[path]
            .as_object()
            .expect("a path item is a map")
            .keys()
            .map(String::as_str)
            .filter(|k| ["get", "put", "post", "delete", "patch"].contains(k))
            .collect();
        assert_eq!(
            documented,
            methods.iter().copied().collect::<BTreeSet<_>>(),
            "path {path}: the documented methods differ from those the API serves"
        );
    }
    let documented: BTreeSet<&str> = paths.keys().map(String::as_str).collect();
    let served: BTreeSet<&str> = all_routes().iter().map(|(p, _)| *p).collect();
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
    for (path, methods) in all_routes().iter().filter(|(p, _)| *p != "/healthz") {
        for method in *methods {
            assert!(
                operation(path, method).get("security").is_none(),
                "path {path}: overrides the global bearer security"
            );
        }
    }
    assert_eq!(
        get_op("/healthz").get("security"),
        Some(&serde_json::json!([])),
        "path /healthz: must need no token (`security: []`)"
    );
    let ok = deref(&get_op("/healthz")["responses"]["200"]);
    let text = ok
        .pointer("/content/text~1plain/schema")
        .expect("path /healthz: 200 must be text/plain");
    validate(text, &Value::from("ok"), "/healthz 200").unwrap_or_else(|e| panic!("{e}"));
}

/// The parameters of an operation by name, each checked to be `in` where expected.
fn parameters(path: &str, method: &str) -> BTreeMap<&'static str, &'static Value> {
    operation(path, method)["parameters"]
        .as_array()
        .unwrap_or_else(|| panic!("path {path}: `parameters` is missing"))
        .iter()
        .map(|p| {
            let p = deref(p);
            (p["name"].as_str().expect("a parameter has a name"), p)
        })
        .collect()
}

#[test]
fn feed_parameters_match_what_the_client_sends() {
    for path in ["/v1/tasks", "/v1/applications"] {
        let params = parameters(path, "get");
        for p in params.values() {
            assert_eq!(
                p["in"], "query",
                "path {path}: parameter {p} is not in the query"
            );
        }
        assert_eq!(
            params.keys().copied().collect::<BTreeSet<_>>(),
            BTreeSet::from(["cursor", "updated_since", "limit"]),
            "path {path}: query parameters"
        );
        assert_eq!(
            params["updated_since"]["schema"]["format"], "date-time",
            "path {path}: parameter `updated_since` must be a date-time"
        );
        let limit = &params["limit"]["schema"];
        assert_eq!(
            limit["minimum"], 1,
            "path {path}: parameter `limit` minimum"
        );
        assert_eq!(
            limit["maximum"], 1000,
            "path {path}: parameter `limit` maximum"
        );
        assert_eq!(
            limit["default"], 500,
            "path {path}: parameter `limit` default"
        );
        validate(limit, &Value::from(DEFAULT_PAGE_LIMIT), "limit").unwrap_or_else(|e| {
            panic!("path {path}: the client's DEFAULT_PAGE_LIMIT is not a valid `limit`: {e}")
        });
    }
}

#[test]
fn applying_needs_the_idempotency_key_header() {
    let params = parameters("/v1/applications", "post");
    let key = params
        .get(IDEMPOTENCY_KEY)
        .unwrap_or_else(|| panic!("path /v1/applications: POST must document `{IDEMPOTENCY_KEY}`"));
    assert_eq!(key["in"], "header", "`{IDEMPOTENCY_KEY}` is a header");
    assert_eq!(key["required"], true, "`{IDEMPOTENCY_KEY}` is required");
    assert_eq!(
        key["schema"]["format"], "uuid",
        "`{IDEMPOTENCY_KEY}` is a UUID"
    );
    let key_example = key["example"].as_str().expect("the header has an example");
    assert_eq!(key_example.len(), 36, "{key_example} is not a UUID");
    let responses = operation("/v1/applications", "post")["responses"]
        .as_object()
        .expect("responses");
    for status in ["201", "200", "400", "409", "422"] {
        assert!(
            responses.contains_key(status),
            "path /v1/applications: POST must document {status}"
        );
    }
    assert!(
        responses["201"].pointer("/headers/Location").is_some(),
        "path /v1/applications: 201 must document Location"
    );
    for (path, _) in ROUTES
        .iter()
        .filter(|(p, m)| p.starts_with("/v1/applications/") && m.contains(&"post"))
    {
        assert!(
            !parameters(path, "post").contains_key(IDEMPOTENCY_KEY),
            "path {path}: only applying takes an idempotency key; the actions repeat safely"
        );
    }
}

#[test]
fn success_bodies_reference_the_wire_schemas() {
    let cases = [
        ("/v1/me", "get", "200", "Me"),
        ("/v1/tasks", "get", "200", "TaskPage"),
        ("/v1/tasks/{id}", "get", "200", "Task"),
        ("/v1/applications", "get", "200", "ApplicationPage"),
        ("/v1/applications", "post", "201", "Application"),
        ("/v1/applications", "post", "200", "Application"),
        ("/v1/applications/{id}", "get", "200", "Application"),
        (
            "/v1/applications/{id}/withdraw",
            "post",
            "200",
            "Application",
        ),
        (
            "/v1/applications/{id}/receipt",
            "post",
            "200",
            "Application",
        ),
        (
            "/v1/applications/{id}/content",
            "post",
            "200",
            "Application",
        ),
    ];
    for (path, method, status, name) in cases {
        let ok = deref(&operation(path, method)["responses"][status]);
        let reference = ok
            .pointer("/content/application~1json/schema/$ref")
            .and_then(Value::as_str);
        assert_eq!(
            reference,
            Some(format!("#/components/schemas/{name}").as_str()),
            "path {path}: the {status} body must be schema {name}"
        );
    }
}

#[test]
fn request_bodies_reference_the_wire_schemas() {
    let cases = [
        ("/v1/applications", "ApplicationRequest"),
        ("/v1/applications/{id}/receipt", "ReceiptReport"),
        ("/v1/applications/{id}/content", "ContentReport"),
    ];
    for (path, name) in cases {
        let body = &operation(path, "post")["requestBody"];
        assert_eq!(body["required"], true, "path {path}: the body is required");
        let reference = body
            .pointer("/content/application~1json/schema/$ref")
            .and_then(Value::as_str);
        assert_eq!(
            reference,
            Some(format!("#/components/schemas/{name}").as_str()),
            "path {path}: the request body must be schema {name}"
        );
    }
    assert!(
        operation("/v1/applications/{id}/withdraw", "post")
            .get("requestBody")
            .is_none(),
        "path /v1/applications/{{id}}/withdraw: takes no body"
    );
}

#[test]
fn every_error_is_a_problem_document() {
    let common: &[&str] = &["401", "429", "500", "503"];
    let expected: [(&str, &str, &[&str]); 9] = [
        ("/v1/me", "get", &[]),
        ("/v1/tasks", "get", &["400"]),
        ("/v1/tasks/{id}", "get", &["404", "410"]),
        ("/v1/applications", "get", &["400"]),
        ("/v1/applications", "post", &["400", "409", "422"]),
        ("/v1/applications/{id}", "get", &["404"]),
        ("/v1/applications/{id}/withdraw", "post", &["404", "409"]),
        (
            "/v1/applications/{id}/receipt",
            "post",
            &["400", "404", "409", "422"],
        ),
        (
            "/v1/applications/{id}/content",
            "post",
            &["400", "404", "409", "422"],
        ),
    ];
    for &(path, method, statuses) in expected.iter().chain(rights::ERRORS) {
        let responses = operation(path, method)["responses"]
            .as_object()
            .unwrap_or_else(|| panic!("path {path}: `responses` is missing"));
        for status in common.iter().chain(statuses) {
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
            let media = response.get("content").and_then(|c| c.get(PROBLEM_JSON));
            let reference = media
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
            // A 409's examples carry a documented conflict code; a 422's fields carry
            // documented field codes.
            let examples = media
                .into_iter()
                .flat_map(|m| {
                    m.get("example").into_iter().chain(
                        m.get("examples")
                            .and_then(Value::as_object)
                            .into_iter()
                            .flat_map(|e| e.values().filter_map(|x| x.get("value"))),
                    )
                })
                .collect::<Vec<_>>();
            if status == "409" || status == "422" {
                assert!(
                    !examples.is_empty(),
                    "path {path}: response {status} has no example"
                );
            }
            for example in examples {
                let code = example.get("code").and_then(Value::as_str);
                if status == "409" {
                    let code =
                        code.unwrap_or_else(|| panic!("path {path}: a 409 example has no code"));
                    assert!(
                        documented_enum("ConflictCode").contains(code),
                        "path {path}: 409 code `{code}` is not in schema ConflictCode"
                    );
                }
                for e in example
                    .get("errors")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                {
                    let code = e["code"].as_str().unwrap_or_default();
                    assert!(
                        documented_enum("FieldErrorCode").contains(code),
                        "path {path}: field code `{code}` is not in schema FieldErrorCode"
                    );
                }
            }
        }
    }
}

#[test]
fn the_listed_carriers_are_the_ones_the_wire_names() {
    let listed: BTreeSet<String> = schema("Carrier")["examples"]
        .as_array()
        .expect("schema Carrier: has examples")
        .iter()
        .map(|v| v.as_str().expect("a carrier code").to_owned())
        .collect();
    let wire: BTreeSet<String> = CARRIERS.iter().map(|c| (*c).to_owned()).collect();
    assert_same_values("schema Carrier examples", &listed, &wire);
    for c in CARRIERS {
        validate(schema("Carrier"), &Value::from(c), "Carrier").unwrap_or_else(|e| panic!("{e}"));
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
    assert_matches_schema("FieldError", &to_json(&full_field_error()));
    assert_matches_schema("Address", &to_json(&full_address()));
    assert_matches_schema("ApplicationRequest", &to_json(&full_request()));
    assert_matches_schema("Shipping", &to_json(&full_shipping()));
    assert_matches_schema("Selection", &to_json(&full_selection()));
    assert_matches_schema("Shipment", &to_json(&full_shipment()));
    assert_matches_schema("Receipt", &to_json(&full_receipt()));
    assert_matches_schema("ContentReview", &to_json(&full_review()));
    assert_matches_schema("Content", &to_json(&full_content()));
    assert_matches_schema("ListedReward", &to_json(&full_listed_reward()));
    assert_matches_schema("Application", &to_json(&full_application()));
    assert_matches_schema("ApplicationPage", &to_json(&full_application_page()));
    assert_matches_schema("ReceiptReport", &to_json(&full_receipt_report()));
    assert_matches_schema("ContentReport", &to_json(&full_content_report()));
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

    // RFC 9457 makes `detail` optional, and `code` and `errors` are extension members:
    // each is left out, not null, and not required.
    let problem = to_json(&Problem {
        detail: None,
        code: None,
        errors: Vec::new(),
        ..full_problem()
    });
    for key in ["detail", "code", "errors"] {
        assert!(
            problem.get(key).is_none(),
            "Rust: an empty Problem.{key} must be left out"
        );
        assert!(
            !shape(schema("Problem")).required.contains(key),
            "schema Problem: `{key}` must not be required"
        );
    }
    assert_required_present("Problem", &problem);
    validate(schema("Problem"), &problem, "Problem").unwrap_or_else(|e| panic!("schema {e}"));

    let application = to_json(&sparse_application());
    for key in [
        "withdrawn_at",
        "selection",
        "shipment",
        "delivered_at",
        "receipt",
        "content",
        "published_on",
        "reward",
    ] {
        assert_eq!(
            application[key],
            Value::Null,
            "Rust: Application.{key} None must serialize as null"
        );
    }
    assert_matches_schema("Application", &application);
    let unreviewed = to_json(&Content {
        review: None,
        ..full_content()
    });
    assert_eq!(
        unreviewed["review"],
        Value::Null,
        "Rust: Content.review None is null"
    );
    assert_matches_schema("Content", &unreviewed);
    let approved = to_json(&ContentReview {
        outcome: ReviewOutcome::Approved,
        reason: None,
        ..full_review()
    });
    assert_matches_schema("ContentReview", &approved);
    let unpaid = to_json(&ListedReward {
        paid_on: None,
        ..full_listed_reward()
    });
    assert_matches_schema("ListedReward", &unpaid);
    let plain = to_json(&Receipt {
        received: true,
        note: None,
        ..full_receipt()
    });
    assert_matches_schema("Receipt", &plain);
    assert_matches_schema(
        "ReceiptReport",
        &to_json(&ReceiptReport {
            received: true,
            note: None,
        }),
    );
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
        "FieldError",
        "Address",
        "ApplicationRequest",
        "Shipping",
        "Selection",
        "Shipment",
        "Receipt",
        "ContentReview",
        "Content",
        "ListedReward",
        "Application",
        "ApplicationPage",
        "ReceiptReport",
        "ContentReport",
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
    assert_same_values(
        "schema ApplicationStatus",
        &documented_enum("ApplicationStatus"),
        &serde_names(&every_application_status()),
    );
    assert_same_values(
        "schema SelectionOutcome",
        &documented_enum("SelectionOutcome"),
        &serde_names(&every_selection_outcome()),
    );
    assert_same_values(
        "schema ReviewOutcome",
        &documented_enum("ReviewOutcome"),
        &serde_names(&every_review_outcome()),
    );
    assert_same_values(
        "schema ConflictCode",
        &documented_enum("ConflictCode"),
        &serde_names(&every_conflict_code()),
    );
    assert_same_values(
        "schema FieldErrorCode",
        &documented_enum("FieldErrorCode"),
        &serde_names(&every_field_error_code()),
    );
}

/// A code a newer server adds is kept, not a failure to read the whole answer.
#[test]
fn unknown_codes_are_kept_and_round_trip() {
    let code: ConflictCode = serde_json::from_value(Value::from("brand_paused")).expect("any code");
    assert_eq!(code, ConflictCode::Other("brand_paused".into()));
    assert_eq!(to_json(&code), Value::from("brand_paused"));
    let known: ConflictCode = serde_json::from_value(Value::from("slots_full")).expect("known");
    assert_eq!(known, ConflictCode::SlotsFull);
    let field: FieldError = serde_json::from_value(serde_json::json!({
        "field": "phone", "code": "blocked_number", "message": "m"
    }))
    .expect("any field code");
    assert_eq!(field.code, FieldErrorCode::Other("blocked_number".into()));
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
fn application_examples_deserialize_into_the_wire_types() {
    assert_examples_are_wire_values::<Application>("Application", 2);
    assert_examples_are_wire_values::<ApplicationPage>("ApplicationPage", 2);
    assert_examples_are_wire_values::<ApplicationRequest>("ApplicationRequest", 1);
    assert_examples_are_wire_values::<Address>("Address", 1);
    assert_examples_are_wire_values::<ReceiptReport>("ReceiptReport", 1);
    assert_examples_are_wire_values::<ContentReport>("ContentReport", 1);
    assert_examples_are_wire_values::<FieldError>("FieldError", 1);
    // The refusals' examples are problem documents too (counted below), with codes.
    let coded = examples_of("Problem")
        .into_iter()
        .filter(|(_, e)| e.get("code").is_some())
        .count();
    assert!(coded >= 10, "only {coded} problem examples carry a code");
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

    let application = to_json(&full_application());
    let mut landline = application.clone();
    landline["shipping"]["phone"] = Value::from("057187654321");
    assert!(validate(schema("Application"), &landline, "Application").is_err());
    let mut unknown_status = application.clone();
    unknown_status["status"] = Value::from("lost");
    assert!(validate(schema("Application"), &unknown_status, "Application").is_err());
    let mut city_code = application.clone();
    city_code["shipping"]["address"]["region_code"] = Value::from("33010");
    assert!(validate(schema("Application"), &city_code, "Application").is_err());
    let mut carrier = application;
    carrier["shipment"]["carrier"] = Value::from("SF Express");
    assert!(validate(schema("Application"), &carrier, "Application").is_err());
    let mut long_name = to_json(&full_request());
    long_name["contact_name"] = Value::from("名".repeat(21));
    assert!(validate(
        schema("ApplicationRequest"),
        &long_name,
        "ApplicationRequest"
    )
    .is_err());
}
