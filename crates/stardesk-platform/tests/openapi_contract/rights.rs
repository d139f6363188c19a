//! The rights center's part of the contract: `/v1/rights/*` and `/v1/agencies`, each wire
//! type against its schema, its enums, its examples and its routes.

use stardesk_platform::wire::{
    AgencyDirectory, AgencyEntry, BenefitCard, BenefitList, DispatchWindows, FeaturedCase,
    FeaturedCaseRequest, FeaturedCaseState, Invitation, InvitationList, Post, RightsMetrics,
    StarIndex, StarIndexHistory, FEATURED_CASE_MAX_CHARS, STAR_INDEX_HISTORY_DEFAULT_DAYS,
    STAR_INDEX_HISTORY_MAX_DAYS,
};

use super::rights_values::*;
use super::*;

/// The rights center's routes, with their methods.
pub(super) const ROUTES: [(&str, &[&str]); 11] = [
    ("/v1/rights/metrics", &["get"]),
    ("/v1/rights/benefits", &["get"]),
    ("/v1/rights/benefits/{id}/claim", &["post"]),
    ("/v1/rights/dispatches", &["get"]),
    ("/v1/rights/star-index", &["get"]),
    ("/v1/rights/star-index/history", &["get"]),
    ("/v1/rights/invitations", &["get"]),
    ("/v1/rights/invitations/{id}/accept", &["post"]),
    ("/v1/rights/invitations/{id}/decline", &["post"]),
    ("/v1/rights/featured-case", &["get", "post"]),
    ("/v1/agencies", &["get"]),
];

/// The error statuses each route documents beyond 401, 429, 500 and 503.
pub(super) const ERRORS: &[(&str, &str, &[&str])] = &[
    ("/v1/rights/metrics", "get", &[]),
    ("/v1/rights/benefits", "get", &[]),
    (
        "/v1/rights/benefits/{id}/claim",
        "post",
        &["400", "404", "409", "422"],
    ),
    ("/v1/rights/dispatches", "get", &[]),
    ("/v1/rights/star-index", "get", &[]),
    ("/v1/rights/star-index/history", "get", &["400", "404"]),
    ("/v1/rights/invitations", "get", &[]),
    (
        "/v1/rights/invitations/{id}/accept",
        "post",
        &["400", "404", "409", "422"],
    ),
    (
        "/v1/rights/invitations/{id}/decline",
        "post",
        &["400", "404", "409", "422"],
    ),
    ("/v1/rights/featured-case", "get", &[]),
    ("/v1/rights/featured-case", "post", &["400", "409", "422"]),
    ("/v1/agencies", "get", &[]),
];

// ---------------------------------------------------------------------------------------
// The checks
// ---------------------------------------------------------------------------------------

/// The object schemas of the rights center, for the checks over all of them.
const OBJECTS: [&str; 19] = [
    "Post",
    "CycleMonth",
    "RightsMetrics",
    "BenefitCard",
    "BenefitList",
    "DispatchWindow",
    "DispatchWindows",
    "StarIndex",
    "StarIndexHistory",
    "Invitation",
    "Acceptance",
    "InvitationList",
    "FeaturedCase",
    "FeaturedCaseState",
    "FeaturedCaseRequest",
    "AgencyEntry",
    "AgencyDirectory",
    "Problem",
    "FieldError",
];

#[test]
fn rights_object_schemas_have_exactly_the_serialized_keys() {
    assert_matches_schema("Post", &to_json(&full_post()));
    assert_matches_schema("CycleMonth", &to_json(&full_cycle_month()));
    assert_matches_schema("RightsMetrics", &to_json(&full_metrics()));
    assert_matches_schema("BenefitCard", &to_json(&full_card()));
    let list = BenefitList {
        items: vec![full_card(), sparse_card()],
    };
    assert_matches_schema("BenefitList", &to_json(&list));
    assert_matches_schema("DispatchWindow", &to_json(&full_window()));
    let windows = DispatchWindows {
        windows: vec![full_window()],
    };
    assert_matches_schema("DispatchWindows", &to_json(&windows));
    assert_matches_schema("StarIndex", &to_json(&full_star_index()));
    let history = StarIndexHistory {
        items: vec![full_star_index()],
    };
    assert_matches_schema("StarIndexHistory", &to_json(&history));
    assert_matches_schema("Invitation", &to_json(&full_invitation()));
    assert_matches_schema("Acceptance", &to_json(&full_acceptance()));
    let invitations = InvitationList {
        items: vec![full_invitation()],
        acceptance: full_acceptance(),
    };
    assert_matches_schema("InvitationList", &to_json(&invitations));
    assert_matches_schema("FeaturedCase", &to_json(&full_featured_case()));
    let state = FeaturedCaseState {
        case: Some(full_featured_case()),
    };
    assert_matches_schema("FeaturedCaseState", &to_json(&state));
    let request = FeaturedCaseRequest {
        text: "案".repeat(FEATURED_CASE_MAX_CHARS),
    };
    assert_matches_schema("FeaturedCaseRequest", &to_json(&request));
    assert_matches_schema("AgencyEntry", &to_json(&full_agency_entry()));
    let directory = AgencyDirectory {
        items: vec![full_agency_entry(), unrated_agency_entry()],
    };
    assert_matches_schema("AgencyDirectory", &to_json(&directory));
}

#[test]
fn rights_unset_options_are_present_as_null() {
    let card = to_json(&sparse_card());
    for key in ["value", "expires_on"] {
        assert_eq!(
            card[key],
            Value::Null,
            "Rust: BenefitCard.{key} None is null"
        );
    }
    assert_matches_schema("BenefitCard", &card);
    let agency = to_json(&unrated_agency_entry());
    for key in ["level", "channel", "rated_on"] {
        assert_eq!(
            agency[key],
            Value::Null,
            "Rust: AgencyEntry.{key} None is null"
        );
    }
    assert_matches_schema("AgencyEntry", &agency);
    let none = to_json(&FeaturedCaseState { case: None });
    assert_eq!(
        none["case"],
        Value::Null,
        "Rust: FeaturedCaseState.case None"
    );
    assert_matches_schema("FeaturedCaseState", &none);
}

#[test]
fn rights_string_enums_list_every_serde_name() {
    let cases = [
        ("PostKind", serde_names(&every_post_kind())),
        ("BenefitKind", serde_names(&every_benefit_kind())),
        ("BenefitClaim", serde_names(&every_benefit_claim())),
        ("BenefitStatus", serde_names(&every_benefit_status())),
        ("InvitationKind", serde_names(&every_invitation_kind())),
        ("InvitationStatus", serde_names(&every_invitation_status())),
        (
            "FeaturedCaseStatus",
            serde_names(&every_featured_case_status()),
        ),
        ("AgencyChannel", serde_names(&every_agency_channel())),
    ];
    for (name, rust) in cases {
        assert_same_values(&format!("schema {name}"), &documented_enum(name), &rust);
    }
    // R-LEVEL-4: the wire's kinds are the domain's keys.
    for kind in every_benefit_kind() {
        let domain = kind.to_domain().expect("a known kind");
        assert_eq!(kind.as_str(), domain.key());
    }
}

#[test]
fn rights_examples_deserialize_into_the_wire_types() {
    assert_examples_are_wire_values::<Post>("Post", 1);
    assert_examples_are_wire_values::<RightsMetrics>("RightsMetrics", 1);
    assert_examples_are_wire_values::<BenefitCard>("BenefitCard", 1);
    assert_examples_are_wire_values::<BenefitList>("BenefitList", 1);
    assert_examples_are_wire_values::<DispatchWindows>("DispatchWindows", 1);
    assert_examples_are_wire_values::<StarIndex>("StarIndex", 1);
    assert_examples_are_wire_values::<Invitation>("Invitation", 1);
    assert_examples_are_wire_values::<InvitationList>("InvitationList", 1);
    assert_examples_are_wire_values::<FeaturedCase>("FeaturedCase", 1);
    assert_examples_are_wire_values::<FeaturedCaseState>("FeaturedCaseState", 1);
    assert_examples_are_wire_values::<FeaturedCaseRequest>("FeaturedCaseRequest", 1);
    assert_examples_are_wire_values::<AgencyEntry>("AgencyEntry", 2);
    for (name, example) in [("Month", "2026-11"), ("Score", "78.52")] {
        validate(schema(name), &Value::from(example), name).unwrap_or_else(|e| panic!("{e}"));
    }
}

#[test]
fn rights_bodies_reference_the_wire_schemas() {
    let cases = [
        ("/v1/rights/metrics", "get", "200", "RightsMetrics"),
        ("/v1/rights/benefits", "get", "200", "BenefitList"),
        (
            "/v1/rights/benefits/{id}/claim",
            "post",
            "200",
            "BenefitCard",
        ),
        ("/v1/rights/dispatches", "get", "200", "DispatchWindows"),
        ("/v1/rights/star-index", "get", "200", "StarIndex"),
        (
            "/v1/rights/star-index/history",
            "get",
            "200",
            "StarIndexHistory",
        ),
        ("/v1/rights/invitations", "get", "200", "InvitationList"),
        (
            "/v1/rights/invitations/{id}/accept",
            "post",
            "200",
            "Invitation",
        ),
        (
            "/v1/rights/invitations/{id}/decline",
            "post",
            "200",
            "Invitation",
        ),
        (
            "/v1/rights/featured-case",
            "get",
            "200",
            "FeaturedCaseState",
        ),
        ("/v1/rights/featured-case", "post", "201", "FeaturedCase"),
        ("/v1/rights/featured-case", "post", "200", "FeaturedCase"),
        ("/v1/agencies", "get", "200", "AgencyDirectory"),
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
    let body = &operation("/v1/rights/featured-case", "post")["requestBody"];
    assert_eq!(
        body["required"], true,
        "the featured case's body is required"
    );
    assert_eq!(
        body.pointer("/content/application~1json/schema/$ref"),
        Some(&Value::from("#/components/schemas/FeaturedCaseRequest")),
    );
    let text = &schema("FeaturedCaseRequest")["properties"]["text"];
    assert_eq!(text["maxLength"], FEATURED_CASE_MAX_CHARS as u64);
}

/// Claims and answers take the key; the featured case (safe to repeat) does not.
#[test]
fn claims_and_answers_need_the_idempotency_key_header() {
    for path in [
        "/v1/rights/benefits/{id}/claim",
        "/v1/rights/invitations/{id}/accept",
        "/v1/rights/invitations/{id}/decline",
    ] {
        let params = parameters(path, "post");
        let key = params
            .get(IDEMPOTENCY_KEY)
            .unwrap_or_else(|| panic!("path {path}: must document `{IDEMPOTENCY_KEY}`"));
        assert_eq!(key["in"], "header", "path {path}: the key is a header");
        assert_eq!(key["required"], true, "path {path}: the key is required");
        assert_eq!(
            params["id"]["in"], "path",
            "path {path}: `id` is in the path"
        );
        assert!(
            operation(path, "post").get("requestBody").is_none(),
            "path {path}: takes no body"
        );
    }
    let featured = operation("/v1/rights/featured-case", "post");
    assert!(
        featured.get("parameters").is_none(),
        "path /v1/rights/featured-case: takes no idempotency key"
    );
}

#[test]
fn the_history_takes_days_within_the_clients_bounds() {
    let params = parameters("/v1/rights/star-index/history", "get");
    let days = params.get("days").expect("`days` is documented");
    assert_eq!(days["in"], "query");
    assert_eq!(days["required"], false);
    assert_eq!(days["schema"]["minimum"], 1);
    assert_eq!(days["schema"]["maximum"], STAR_INDEX_HISTORY_MAX_DAYS);
    assert_eq!(days["schema"]["default"], STAR_INDEX_HISTORY_DEFAULT_DAYS);
}

#[test]
fn rights_object_properties_all_have_descriptions() {
    for name in OBJECTS {
        for (key, prop) in shape(schema(name)).properties {
            assert!(
                prop.get("description").and_then(Value::as_str).is_some(),
                "schema {name}: property `{key}` has no description"
            );
        }
    }
}

#[test]
fn the_validator_rejects_what_the_rights_wire_does_not_send() {
    let index = to_json(&full_star_index());
    let mut as_number = index.clone();
    as_number["reach"] = serde_json::json!(74.1);
    assert!(validate(schema("StarIndex"), &as_number, "StarIndex").is_err());
    let mut three_decimals = index.clone();
    three_decimals["reach"] = Value::from("74.105");
    assert!(validate(schema("StarIndex"), &three_decimals, "StarIndex").is_err());
    let mut negative = index;
    negative["growth"] = Value::from("-1");
    assert!(validate(schema("StarIndex"), &negative, "StarIndex").is_err());

    let mut bad_month = to_json(&full_cycle_month());
    for month in ["2026-13", "2026-1", "26-11", "2026-00", "2026-11-01"] {
        bad_month["month"] = Value::from(month);
        assert!(
            validate(schema("CycleMonth"), &bad_month, "CycleMonth").is_err(),
            "{month}"
        );
    }
    let mut level_six = to_json(&full_agency_entry());
    level_six["level"] = Value::from(6);
    assert!(validate(schema("AgencyEntry"), &level_six, "AgencyEntry").is_err());
    let mut unknown_status = to_json(&full_card());
    unknown_status["status"] = Value::from("lost");
    assert!(validate(schema("BenefitCard"), &unknown_status, "BenefitCard").is_err());
    let empty = to_json(&FeaturedCaseRequest {
        text: String::new(),
    });
    assert!(validate(schema("FeaturedCaseRequest"), &empty, "FeaturedCaseRequest").is_err());
    let long = to_json(&FeaturedCaseRequest {
        text: "案".repeat(FEATURED_CASE_MAX_CHARS + 1),
    });
    assert!(validate(schema("FeaturedCaseRequest"), &long, "FeaturedCaseRequest").is_err());
}
