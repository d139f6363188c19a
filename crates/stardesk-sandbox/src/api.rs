//! The HTTP surface: routes, the `/v1` gate (request count, injected faults, bearer auth),
//! query validation and RFC 9457 problem documents.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use axum::body::{Body, Bytes, HttpBody};
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use serde::Deserialize;
use stardesk_platform::wire::{
    ConflictCode, FieldError, Me, Problem, Task, IDEMPOTENCY_KEY_REUSED, INVALID_FIELDS,
    MALFORMED_BODY, PROBLEM_JSON,
};

use crate::applications::http as applications;
use crate::rights::http as rights;
use crate::rng::SplitMix64;
use crate::store::{Cursor, FeedQuery, Lookup, Store, StoreError};
use crate::Fault;

/// `limit` when the client gives none, and the most it may ask for.
pub const DEFAULT_LIMIT: u32 = 500;
pub const MAX_LIMIT: u32 = 1000;

/// The `type` URIs of the problem documents this server returns. Clients should switch on
/// `status` (and these), never on `title` or `detail` text.
pub mod problem_type {
    pub const UNAUTHORIZED: &str = "urn:stardesk:problem:unauthorized";
    pub const INVALID_PARAMETER: &str = "urn:stardesk:problem:invalid-parameter";
    pub const NOT_FOUND: &str = "urn:stardesk:problem:not-found";
    pub const GONE: &str = "urn:stardesk:problem:gone";
    pub const INJECTED_FAULT: &str = "urn:stardesk:problem:injected-fault";
    pub const INTERNAL: &str = "urn:stardesk:problem:internal";
    /// 400: a header is missing or malformed (`code` names which and how).
    pub const INVALID_HEADER: &str = "urn:stardesk:problem:invalid-header";
    /// 400: the body is not a JSON object.
    pub const MALFORMED_BODY: &str = "urn:stardesk:problem:malformed-body";
    /// 409: the task or the application does not allow the action now (`code`).
    pub const CONFLICT: &str = "urn:stardesk:problem:conflict";
    /// 422: fields at fault, listed in `errors`.
    pub const INVALID_FIELDS: &str = "urn:stardesk:problem:invalid-fields";
    /// 422: an idempotency key used before for another request.
    pub const IDEMPOTENCY_KEY_REUSED: &str = "urn:stardesk:problem:idempotency-key-reused";
}

/// The random fault mix `Control::set_random_faults` turns on.
#[derive(Debug)]
pub(crate) struct RandomFaults {
    pub(crate) rng: SplitMix64,
    pub(crate) percent: u8,
}

/// The failures the random mix draws from: half before the request is handled, half after
/// (the change is stored, the answer lost).
const RANDOM_FAULTS: [Fault; 6] = [
    Fault::Status(500),
    Fault::Status(503),
    Fault::Disconnect,
    Fault::HandledThenStatus(500),
    Fault::HandledThenStatus(503),
    Fault::HandledThenDisconnect,
];

/// State shared by the server and every [`crate::Control`] handle.
pub(crate) struct Shared {
    pub(crate) store: Mutex<Store>,
    pub(crate) faults: Mutex<VecDeque<Fault>>,
    pub(crate) random_faults: Mutex<Option<RandomFaults>>,
    pub(crate) requests: AtomicU64,
    /// Faults injected before handling a request, and after.
    pub(crate) faults_before: AtomicU64,
    pub(crate) faults_after: AtomicU64,
    pub(crate) token: String,
    pub(crate) me: Mutex<Me>,
    /// The kuaidi100-compatible tracking service's account and test state.
    pub(crate) tracking: crate::tracking::TrackingState,
}

impl std::fmt::Debug for Shared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Shared")
            .field("requests", &self.requests)
            .field("token", &"<redacted>")
            .finish_non_exhaustive()
    }
}

/// Locks a mutex even if a panic poisoned it. For the store this is sound because every
/// write runs in a SQLite transaction, which rolls back when dropped mid-way.
pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

#[derive(Debug)]
pub(crate) enum ApiError {
    Unauthorized { invalid_token: bool },
    InvalidParameter { name: &'static str, detail: String },
    InvalidHeader { code: &'static str, detail: String },
    MalformedBody,
    NotFound(String),
    Conflict { code: ConflictCode, detail: String },
    Gone(String),
    InvalidFields(Vec<FieldError>),
    KeyReused,
    Injected(u16),
    Internal,
}

impl From<StoreError> for ApiError {
    fn from(err: StoreError) -> Self {
        tracing::error!(%err, "storage failure");
        ApiError::Internal
    }
}

pub(crate) fn problem(
    status: StatusCode,
    kind: &str,
    title: &str,
    detail: Option<String>,
) -> Response {
    coded_problem(status, kind, title, detail, None, Vec::new())
}

fn coded_problem(
    status: StatusCode,
    kind: &str,
    title: &str,
    detail: Option<String>,
    code: Option<&str>,
    errors: Vec<FieldError>,
) -> Response {
    let doc = Problem {
        kind: kind.to_owned(),
        title: title.to_owned(),
        status: status.as_u16(),
        detail,
        code: code.map(str::to_owned),
        errors,
    };
    // Serialising this struct of strings cannot fail; the fallback keeps the path panic-free.
    let body = serde_json::to_vec(&doc).unwrap_or_default();
    (
        status,
        [(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON))],
        body,
    )
        .into_response()
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        match self {
            ApiError::Unauthorized { invalid_token } => {
                let mut res = problem(
                    StatusCode::UNAUTHORIZED,
                    problem_type::UNAUTHORIZED,
                    "Unauthorized",
                    Some(if invalid_token {
                        "the bearer token is not valid".into()
                    } else {
                        "missing `Authorization: Bearer <token>` header".into()
                    }),
                );
                // RFC 6750 §3: say which scheme, and whether the token itself was the problem.
                let challenge = if invalid_token {
                    r#"Bearer realm="stardesk-sandbox", error="invalid_token""#
                } else {
                    r#"Bearer realm="stardesk-sandbox""#
                };
                res.headers_mut().insert(
                    header::WWW_AUTHENTICATE,
                    HeaderValue::from_static(challenge),
                );
                res
            }
            ApiError::InvalidParameter { name, detail } => problem(
                StatusCode::BAD_REQUEST,
                problem_type::INVALID_PARAMETER,
                &format!("Invalid query parameter `{name}`"),
                Some(detail),
            ),
            ApiError::InvalidHeader { code, detail } => coded_problem(
                StatusCode::BAD_REQUEST,
                problem_type::INVALID_HEADER,
                "Invalid header `Idempotency-Key`",
                Some(detail),
                Some(code),
                Vec::new(),
            ),
            ApiError::MalformedBody => coded_problem(
                StatusCode::BAD_REQUEST,
                problem_type::MALFORMED_BODY,
                "Bad Request",
                Some("the body must be a JSON object".into()),
                Some(MALFORMED_BODY),
                Vec::new(),
            ),
            ApiError::Conflict { code, detail } => coded_problem(
                StatusCode::CONFLICT,
                problem_type::CONFLICT,
                "Conflict",
                Some(detail),
                Some(code.as_str()),
                Vec::new(),
            ),
            ApiError::InvalidFields(errors) => {
                let detail = match errors.len() {
                    1 => "1 field is not valid".to_owned(),
                    n => format!("{n} fields are not valid"),
                };
                coded_problem(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    problem_type::INVALID_FIELDS,
                    "Unprocessable Content",
                    Some(detail),
                    Some(INVALID_FIELDS),
                    errors,
                )
            }
            ApiError::KeyReused => coded_problem(
                StatusCode::UNPROCESSABLE_ENTITY,
                problem_type::IDEMPOTENCY_KEY_REUSED,
                "Unprocessable Content",
                Some(
                    "this Idempotency-Key was used for another request; make a new key for a \
                     new request"
                        .into(),
                ),
                Some(IDEMPOTENCY_KEY_REUSED),
                Vec::new(),
            ),
            ApiError::NotFound(detail) => problem(
                StatusCode::NOT_FOUND,
                problem_type::NOT_FOUND,
                "Not Found",
                Some(detail),
            ),
            ApiError::Gone(detail) => {
                problem(StatusCode::GONE, problem_type::GONE, "Gone", Some(detail))
            }
            ApiError::Injected(code) => {
                // Only final statuses a server can really send; anything else is a test's
                // mistake, answered as a plain 500.
                let status = StatusCode::from_u16(code)
                    .ok()
                    .filter(|s| (200..=599).contains(&s.as_u16()))
                    .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
                let mut res = problem(
                    status,
                    problem_type::INJECTED_FAULT,
                    status.canonical_reason().unwrap_or("Injected fault"),
                    Some(format!(
                        "fault {code} injected by the sandbox control handle"
                    )),
                );
                if matches!(
                    status,
                    StatusCode::TOO_MANY_REQUESTS | StatusCode::SERVICE_UNAVAILABLE
                ) {
                    // What a real gateway sends with these, so clients exercise their
                    // Retry-After handling.
                    res.headers_mut()
                        .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
                }
                res
            }
            ApiError::Internal => problem(
                StatusCode::INTERNAL_SERVER_ERROR,
                problem_type::INTERNAL,
                "Internal Server Error",
                None,
            ),
        }
    }
}

/// The routes: `/v1` behind its gate, the kuaidi100-compatible tracking service, and
/// with `control_http` the `/control` routes.
pub(crate) fn router(shared: Arc<Shared>, control_http: bool) -> Router {
    let v1 = Router::new()
        .route("/v1/me", get(me))
        .route("/v1/tasks", get(list_tasks))
        .route("/v1/tasks/{id}", get(get_task))
        .route(
            "/v1/applications",
            get(applications::list).post(applications::create),
        )
        .route("/v1/applications/{id}", get(applications::get))
        .route(
            "/v1/applications/{id}/withdraw",
            post(applications::withdraw),
        )
        .route("/v1/applications/{id}/receipt", post(applications::receipt))
        .route("/v1/applications/{id}/content", post(applications::content))
        .route("/v1/rights/metrics", get(rights::metrics))
        .route("/v1/rights/benefits", get(rights::benefits))
        .route("/v1/rights/benefits/{id}/claim", post(rights::claim))
        .route("/v1/rights/dispatches", get(rights::dispatches))
        .route("/v1/rights/star-index", get(rights::star_index))
        .route("/v1/rights/star-index/history", get(rights::star_history))
        .route("/v1/rights/invitations", get(rights::invitations))
        .route("/v1/rights/invitations/{id}/accept", post(rights::accept))
        .route("/v1/rights/invitations/{id}/decline", post(rights::decline))
        .route(
            "/v1/rights/featured-case",
            get(rights::featured_case).post(rights::submit_featured_case),
        )
        .route("/v1/agencies", get(rights::agencies))
        .route_layer(middleware::from_fn_with_state(shared.clone(), gate));
    let mut router = Router::new()
        .route("/healthz", get(healthz))
        .merge(v1)
        .merge(crate::tracking::http::routes());
    if control_http {
        router = router.merge(crate::control_http::routes(shared.clone()));
    }
    router.fallback(no_route).with_state(shared)
}

async fn healthz() -> &'static str {
    "ok"
}

async fn no_route() -> ApiError {
    ApiError::NotFound("no such route".into())
}

/// The next fault: the queue's first, else a draw from the random mix (if on).
fn next_fault(shared: &Shared) -> Option<Fault> {
    if let Some(fault) = lock(&shared.faults).pop_front() {
        return Some(fault);
    }
    let mut random = lock(&shared.random_faults);
    let mix = random.as_mut()?;
    let fail = mix.rng.chance(u64::from(mix.percent));
    let fault = mix.rng.pick(&RANDOM_FAULTS);
    fail.then_some(fault)
}

/// An answer that breaks off: its header promises more body than comes, and the body
/// fails after its first byte, so the server drops the connection mid-answer and the
/// client sees a transport error, as after a dropped connection. (A whole body shorter
/// than its header says made a debug build of hyper panic in the connection's task.)
fn disconnect() -> Response {
    let mut res = Response::new(Body::new(BrokenOff(Some(Bytes::from_static(b"{")))));
    res.headers_mut()
        .insert(header::CONTENT_LENGTH, HeaderValue::from_static("4096"));
    res
}

/// A body that sends what it holds, then fails.
struct BrokenOff(Option<Bytes>);

impl HttpBody for BrokenOff {
    type Data = Bytes;
    type Error = std::io::Error;

    fn poll_frame(
        mut self: std::pin::Pin<&mut Self>,
        _cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<http_body::Frame<Bytes>, std::io::Error>>> {
        std::task::Poll::Ready(Some(match self.0.take() {
            Some(first) => Ok(http_body::Frame::data(first)),
            None => Err(std::io::Error::new(
                std::io::ErrorKind::ConnectionAborted,
                "the sandbox broke off this answer (an injected fault)",
            )),
        }))
    }
}

/// Runs before every `/v1` handler: counts the request, applies the next fault (before
/// auth, as a failing gateway would; or after the handler, as a gateway that loses the
/// answer would), then checks the bearer token.
async fn gate(State(shared): State<Arc<Shared>>, req: Request, next: Next) -> Response {
    shared.requests.fetch_add(1, Ordering::SeqCst);
    let fault = next_fault(&shared);
    let path = req.uri().path().to_owned();
    let before = |shared: &Shared| shared.faults_before.fetch_add(1, Ordering::SeqCst);
    match fault {
        Some(Fault::Status(code)) => {
            tracing::debug!(code, %path, "injected status");
            before(&shared);
            return ApiError::Injected(code).into_response();
        }
        Some(Fault::Disconnect) => {
            tracing::debug!(%path, "injected disconnect");
            before(&shared);
            return disconnect();
        }
        Some(Fault::Delay(delay)) => {
            tracing::debug!(?delay, %path, "injected delay");
            tokio::time::sleep(delay).await;
        }
        Some(Fault::Pass | Fault::HandledThenStatus(_) | Fault::HandledThenDisconnect) | None => {}
    }
    if let Err(err) = authorize(req.headers(), &shared.token) {
        return err.into_response();
    }
    let response = next.run(req).await;
    match fault {
        Some(Fault::HandledThenStatus(code)) => {
            tracing::debug!(code, %path, status = %response.status(), "handled, then injected status");
            shared.faults_after.fetch_add(1, Ordering::SeqCst);
            ApiError::Injected(code).into_response()
        }
        Some(Fault::HandledThenDisconnect) => {
            tracing::debug!(%path, status = %response.status(), "handled, then injected disconnect");
            shared.faults_after.fetch_add(1, Ordering::SeqCst);
            disconnect()
        }
        _ => response,
    }
}

pub(crate) fn authorize(headers: &HeaderMap, token: &str) -> Result<(), ApiError> {
    let Some(value) = headers.get(header::AUTHORIZATION) else {
        return Err(ApiError::Unauthorized {
            invalid_token: false,
        });
    };
    let presented = value
        .to_str()
        .ok()
        .and_then(|v| v.split_once(' '))
        // RFC 7235: the scheme name is case-insensitive.
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, t)| t.trim());
    match presented {
        Some(t) if constant_time_eq(t.as_bytes(), token.as_bytes()) => Ok(()),
        Some(_) => Err(ApiError::Unauthorized {
            invalid_token: true,
        }),
        None => Err(ApiError::Unauthorized {
            invalid_token: false,
        }),
    }
}

/// Comparison whose time does not depend on where the inputs differ, so the sandbox is no
/// worse a model of a real server than it needs to be.
pub(crate) fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

async fn me(State(shared): State<Arc<Shared>>) -> Json<Me> {
    Json(lock(&shared.me).clone())
}

/// Runs a store operation on the blocking pool: SQLite calls block, and a page of 1,000
/// bodies takes long enough to stall a runtime worker.
pub(crate) async fn with_store<T, E, F>(shared: &Arc<Shared>, f: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    E: Into<ApiError> + Send + 'static,
    F: FnOnce(&mut Store) -> Result<T, E> + Send + 'static,
{
    let shared = shared.clone();
    tokio::task::spawn_blocking(move || f(&mut lock(&shared.store)))
        .await
        .map_err(|err| {
            tracing::error!(%err, "store task failed");
            ApiError::Internal
        })?
        .map_err(Into::into)
}

/// The raw query: strings, so every malformed value gets a problem naming its parameter.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct FeedParams {
    cursor: Option<String>,
    updated_since: Option<String>,
    limit: Option<String>,
}

/// Validates `GET /v1/tasks` parameters. An empty value (`cursor=`) means "not given", so
/// clients may always send every parameter.
pub(crate) fn parse_feed(params: &FeedParams) -> Result<FeedQuery, ApiError> {
    let given = |v: &Option<String>| v.as_deref().filter(|s| !s.is_empty()).map(str::to_owned);
    let cursor = match given(&params.cursor) {
        None => Cursor::Start,
        Some(c) => Cursor::parse(&c).ok_or_else(|| ApiError::InvalidParameter {
            name: "cursor",
            detail: format!("{c:?} is not a cursor this server issued"),
        })?,
    };
    let since_ms = match given(&params.updated_since) {
        None => None,
        Some(s) => {
            let since =
                DateTime::parse_from_rfc3339(&s).map_err(|_| ApiError::InvalidParameter {
                    name: "updated_since",
                    detail: format!(
                        "{s:?} is not an RFC 3339 instant (e.g. 2026-11-01T00:00:00Z; \
                     percent-encode '+' as %2B)"
                    ),
                })?;
            let since = since.with_timezone(&Utc);
            // Stored instants are whole milliseconds: round a sub-millisecond bound up so
            // `updated_at >= since` keeps its meaning.
            let sub_ms = since.timestamp_subsec_nanos() % 1_000_000 != 0;
            Some(since.timestamp_millis() + i64::from(sub_ms))
        }
    };
    let limit = match given(&params.limit) {
        None => DEFAULT_LIMIT,
        Some(l) => l
            .parse::<u32>()
            .ok()
            .filter(|n| (1..=MAX_LIMIT).contains(n))
            .ok_or_else(|| ApiError::InvalidParameter {
                name: "limit",
                detail: format!("{l:?} is not an integer from 1 to {MAX_LIMIT}"),
            })?,
    };
    Ok(FeedQuery {
        cursor,
        since_ms,
        limit,
    })
}

/// A page of the feed, as `TaskPage` JSON written from the stored task bodies.
async fn list_tasks(
    State(shared): State<Arc<Shared>>,
    params: Result<Query<FeedParams>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(params) = params.map_err(|rejection| ApiError::InvalidParameter {
        name: "query",
        detail: rejection.body_text(),
    })?;
    let query = parse_feed(&params)?;
    let page = with_store(&shared, move |store: &mut Store| {
        store.feed_page(&query)?.to_json()
    })
    .await?;
    Ok(([(header::CONTENT_TYPE, "application/json")], page).into_response())
}

async fn get_task(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
) -> Result<Json<Task>, ApiError> {
    let lookup_id = id.clone();
    match with_store(&shared, move |store: &mut Store| store.get(&lookup_id)).await? {
        Lookup::Open(task) => Ok(Json(*task)),
        Lookup::Gone { status, updated_at } => Err(ApiError::Gone(format!(
            "task {id} was {status} at {}",
            updated_at.to_rfc3339()
        ))),
        Lookup::Missing => Err(ApiError::NotFound(format!("no task {id}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(cursor: &str, since: &str, limit: &str) -> FeedParams {
        let opt = |s: &str| (!s.is_empty()).then(|| s.to_owned());
        FeedParams {
            cursor: opt(cursor),
            updated_since: opt(since),
            limit: opt(limit),
        }
    }

    fn bad_name(p: FeedParams) -> &'static str {
        match parse_feed(&p) {
            Err(ApiError::InvalidParameter { name, .. }) => name,
            other => panic!("expected a 400, got {other:?}"),
        }
    }

    #[test]
    fn defaults_and_valid_values() {
        let q = parse_feed(&FeedParams::default()).unwrap();
        assert_eq!(
            q,
            FeedQuery {
                cursor: Cursor::Start,
                since_ms: None,
                limit: 500
            }
        );
        let q = parse_feed(&params("r42", "2026-11-01T08:00:00+08:00", "1000")).unwrap();
        assert_eq!(q.cursor, Cursor::After(42));
        assert_eq!(q.since_ms, Some(1_793_491_200_000));
        assert_eq!(q.limit, 1000);
        let q = parse_feed(&params("", "2026-11-01T00:00:00.0001Z", "1")).unwrap();
        assert_eq!(q.since_ms, Some(1_793_491_200_001));
    }

    #[test]
    fn malformed_values_name_their_parameter() {
        for c in [
            "42",
            "r",
            "r-1",
            "r+1",
            "x12",
            "r99999999999999999999",
            "r1 ",
        ] {
            assert_eq!(bad_name(params(c, "", "")), "cursor", "{c}");
        }
        for l in ["0", "1001", "-5", "abc", "1.5"] {
            assert_eq!(bad_name(params("", "", l)), "limit", "{l}");
        }
        assert_eq!(bad_name(params("", "yesterday", "")), "updated_since");
        assert_eq!(bad_name(params("", "2026-11-01", "")), "updated_since");
    }

    #[test]
    fn bearer_scheme_is_case_insensitive_and_token_exact() {
        let mut h = HeaderMap::new();
        assert!(authorize(&h, "t0k").is_err());
        h.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("bearer t0k"),
        );
        assert!(authorize(&h, "t0k").is_ok());
        h.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("Bearer t0K"),
        );
        assert!(matches!(
            authorize(&h, "t0k"),
            Err(ApiError::Unauthorized {
                invalid_token: true
            })
        ));
        h.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("Basic dDBr"),
        );
        assert!(matches!(
            authorize(&h, "t0k"),
            Err(ApiError::Unauthorized {
                invalid_token: false
            })
        ));
    }
}
