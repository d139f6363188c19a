//! The client's own tests: URLs, keys, which errors are transient, redaction.

use super::*;

#[test]
fn https_is_required_off_loopback() {
    assert!(check_base_url("https://platform.example.com").is_ok());
    assert!(check_base_url("http://127.0.0.1:8787").is_ok());
    assert!(check_base_url("http://localhost:1/").is_ok());
    assert!(check_base_url("http://[::1]:9/").is_ok());
    assert!(matches!(
        check_base_url("http://platform.example.com"),
        Err(PlatformError::InsecureUrl(_))
    ));
    assert!(matches!(
        check_base_url("http://10.0.0.1"),
        Err(PlatformError::InsecureUrl(_))
    ));
    assert!(matches!(
        check_base_url("ftp://x"),
        Err(PlatformError::InvalidUrl { .. })
    ));
    assert!(matches!(
        check_base_url("not a url"),
        Err(PlatformError::InvalidUrl { .. })
    ));
    assert!(matches!(
        check_base_url("https://u:p@host"),
        Err(PlatformError::InvalidUrl { .. })
    ));
    for with_more in ["https://h.example/api?token=x", "https://h.example/api#x"] {
        assert!(
            matches!(
                check_base_url(with_more),
                Err(PlatformError::InvalidUrl { .. })
            ),
            "{with_more}"
        );
    }
}

#[test]
fn a_token_typed_into_the_url_is_not_repeated_in_the_error() {
    for raw in [
        "https://me:tok_SECRET@api.example.com",
        "http://me:tok_SECRET@remote.example/api",
        "http://remote.example/api?token=tok_SECRET",
        "ftp://remote.example/#tok_SECRET",
        "tok_SECRET not a url",
    ] {
        let err = check_base_url(raw).expect_err(raw);
        let text = format!("{err} {err:?}");
        assert!(!text.contains("tok_SECRET"), "{raw}: {text}");
        let tracking = crate::tracking::Kuaidi100Config::at(raw, "c", "k").expect_err(raw);
        let text = format!("{tracking} {tracking:?}");
        assert!(!text.contains("tok_SECRET"), "{raw}: {text}");
    }
    // What is shown still says which URL it was.
    let err = check_base_url("http://me:tok_SECRET@remote.example/api").expect_err("http");
    assert_eq!(
        err.to_string(),
        "the platform URL must use https (plain http is allowed only on this computer): http://remote.example/api…"
    );
}

#[test]
fn base_path_keeps_its_prefix() {
    let u = check_base_url("https://h.example/api").expect("ok");
    assert_eq!(
        u.join("v1/me").expect("join").as_str(),
        "https://h.example/api/v1/me"
    );
}

#[test]
fn idempotency_keys_are_version_4_uuids_and_differ() {
    let a = new_idempotency_key();
    let b = new_idempotency_key();
    assert_ne!(a, b);
    let groups: Vec<&str> = a.split('-').collect();
    assert_eq!(
        groups.iter().map(|g| g.len()).collect::<Vec<_>>(),
        [8, 4, 4, 4, 12]
    );
    assert!(a
        .bytes()
        .all(|c| c == b'-' || c.is_ascii_digit() || (b'a'..=b'f').contains(&c)));
    assert!(groups[2].starts_with('4'), "{a}");
    assert!(matches!(&groups[3][..1], "8" | "9" | "a" | "b"), "{a}");
}

#[test]
fn only_network_5xx_and_429_are_transient() {
    let http = |status| PlatformError::Http {
        status,
        title: String::new(),
        detail: None,
    };
    assert!(PlatformError::Unreachable("reset".into()).is_transient());
    assert!(http(503).is_transient() && http(500).is_transient() && http(429).is_transient());
    assert!(!http(404).is_transient() && !http(400).is_transient());
    assert!(!PlatformError::Unauthorized { status: 401 }.is_transient());
    let refused = problem_error(
        StatusCode::CONFLICT,
        Some(Problem {
            kind: "urn:stardesk:problem:conflict".into(),
            title: "Conflict".into(),
            status: 409,
            detail: Some("full".into()),
            code: Some("slots_full".into()),
            errors: Vec::new(),
        }),
    );
    assert!(
        matches!(
            &refused,
            PlatformError::Refused {
                code: ConflictCode::SlotsFull,
                ..
            }
        ),
        "{refused:?}"
    );
    assert!(!refused.is_transient());
    assert_eq!(
        refused.to_string(),
        "the platform refused: slots_full (full)"
    );
    let invalid = problem_error(StatusCode::UNPROCESSABLE_ENTITY, None);
    assert!(matches!(invalid, PlatformError::Http { status: 422, .. }));
}

#[test]
fn debug_hides_the_token() {
    let c = PlatformClient::new("http://127.0.0.1:1", "tok-SECRET", ClientOptions::default())
        .expect("client");
    assert!(!format!("{c:?}").contains("SECRET"));
}
