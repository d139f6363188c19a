//! The HTTP client of the platform API v1: the connection, retries and errors, the
//! creator and the tasks. The applications' calls are in `crate::applications`, the
//! rights center's in `crate::rights`.

use std::time::Duration;

use reqwest::{header, Method, StatusCode};
use serde::de::DeserializeOwned;
use serde::Serialize;
use url::Url;

use crate::wire::{ConflictCode, FieldError, Me, Problem, Task, TaskPage, IDEMPOTENCY_KEY};

pub use crate::applications::ApplyOutcome;

/// How the client retries.
#[derive(Debug, Clone)]
pub struct ClientOptions {
    /// Per-request timeout.
    pub timeout: Duration,
    /// Attempts per request, the first included.
    pub attempts: u32,
    /// Backoff before the second attempt; doubled after each further failure.
    pub backoff: Duration,
    /// Upper bound of one backoff (also of a server's `Retry-After`).
    pub max_backoff: Duration,
}

impl Default for ClientOptions {
    fn default() -> Self {
        Self {
            timeout: Duration::from_secs(20),
            attempts: 4,
            backoff: Duration::from_millis(300),
            max_backoff: Duration::from_secs(10),
        }
    }
}

/// Why a request failed. Never carries the token.
///
/// Three kinds a caller acts on differently: [`is_transient`](Self::is_transient) ones
/// (the network, a 5xx, a 429) may work later, sent again unchanged (an application with
/// the same idempotency key); [`Invalid`](Self::Invalid) (422) and
/// [`Refused`](Self::Refused) (409) are answers about the request itself and will not
/// change by retrying it.
#[derive(Debug, thiserror::Error)]
pub enum PlatformError {
    #[error("the platform URL {url:?} is not valid: {reason}")]
    InvalidUrl { url: String, reason: String },
    #[error("the platform URL must use https (plain http is allowed only on this computer): {0}")]
    InsecureUrl(String),
    #[error("the platform cannot be reached ({0})")]
    Unreachable(String),
    #[error("the platform refused the sign-in (HTTP {status}); check the token in Settings")]
    Unauthorized { status: u16 },
    #[error("the platform answered HTTP {status}: {title}")]
    Http {
        status: u16,
        title: String,
        detail: Option<String>,
    },
    /// 422: fields of the request (each in `errors`), or an idempotency key used before
    /// with another body (`code` `idempotency_key_reused`). Nothing was stored.
    #[error(
        "the platform refused the request as invalid ({code}){}",
        field_list(errors)
    )]
    Invalid {
        /// `invalid_fields` or `idempotency_key_reused` (or a code a newer server added).
        code: String,
        detail: Option<String>,
        errors: Vec<FieldError>,
    },
    /// 409: the request was well formed, but the task or the application does not allow it
    /// now (a closed window, full slots, a wrong status…).
    #[error("the platform refused: {code}{}", in_parens(detail))]
    Refused {
        code: ConflictCode,
        detail: Option<String>,
    },
    #[error("the platform answered something StarDesk cannot read: {0}")]
    Protocol(String),
}

impl PlatformError {
    /// Whether trying again later might work (the network or the server, not us): a
    /// transport failure, a 5xx or a 429. The client's own retries stop at exactly these.
    pub fn is_transient(&self) -> bool {
        match self {
            PlatformError::Unreachable(_) => true,
            PlatformError::Http { status, .. } => *status == 429 || (500..600).contains(status),
            _ => false,
        }
    }
}

/// `: phone invalid_format, address.detail too_short` (field names and codes only: the
/// messages are the server's, and the values are never there).
fn field_list(errors: &[FieldError]) -> String {
    if errors.is_empty() {
        return String::new();
    }
    let fields: Vec<String> = errors
        .iter()
        .map(|e| format!("{} {}", e.field, e.code))
        .collect();
    format!(": {}", fields.join(", "))
}

/// ` (detail)`, or nothing.
fn in_parens(detail: &Option<String>) -> String {
    detail
        .as_deref()
        .map(|d| format!(" ({d})"))
        .unwrap_or_default()
}

/// A new idempotency key: a random (version 4) UUID. Make one per application, keep it
/// with the application until the platform confirmed it, and send it on every retry.
pub fn new_idempotency_key() -> String {
    let mut b: [u8; 16] = rand::random();
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// One request as it is sent on every attempt: the same body bytes and the same
/// idempotency key each time.
pub(crate) struct Call<'a> {
    method: Method,
    pub(crate) path: String,
    query: Vec<(&'static str, String)>,
    body: Option<Vec<u8>>,
    pub(crate) idempotency_key: Option<&'a str>,
    /// Whether sending it again after a lost answer is safe: a read, an action the server
    /// answers unchanged when repeated, or a request with its idempotency key. A call that
    /// is not is sent once.
    repeatable: bool,
}

impl Call<'_> {
    pub(crate) fn get(path: String, query: Vec<(&'static str, String)>) -> Self {
        Call {
            method: Method::GET,
            path,
            query,
            body: None,
            idempotency_key: None,
            repeatable: true,
        }
    }

    /// A `POST` that is safe to repeat: an action the server answers unchanged when it
    /// already took effect, or one given its idempotency key.
    pub(crate) fn post(path: String, body: Option<&impl Serialize>) -> Result<Self, PlatformError> {
        let body = body
            .map(serde_json::to_vec)
            .transpose()
            .map_err(|e| PlatformError::Protocol(e.to_string()))?;
        Ok(Call {
            method: Method::POST,
            path,
            query: Vec::new(),
            body,
            idempotency_key: None,
            repeatable: true,
        })
    }

    /// A `POST` that changes state and has no idempotency key: sent once, never retried.
    pub(crate) fn post_once(
        path: String,
        body: Option<&impl Serialize>,
    ) -> Result<Self, PlatformError> {
        Ok(Call {
            repeatable: false,
            ..Call::post(path, body)?
        })
    }
}

/// An id is decimal digits; anything else never reaches a URL path.
pub(crate) fn check_id(what: &str, id: &str) -> Result<(), PlatformError> {
    if id.is_empty() || !id.bytes().all(|b| b.is_ascii_digit()) {
        return Err(PlatformError::Protocol(format!("not {what} id: {id:?}")));
    }
    Ok(())
}

/// A client of one platform account.
#[derive(Clone)]
pub struct PlatformClient {
    http: reqwest::Client,
    base: Url,
    auth: header::HeaderValue,
    options: ClientOptions,
}

impl std::fmt::Debug for PlatformClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PlatformClient")
            .field("base", &self.base.as_str())
            .field("auth", &"<redacted>")
            .finish()
    }
}

/// A typed URL as an error may repeat it: scheme, host, port and path. A user, password,
/// query or fragment, where a token pasted by mistake would sit, is left out (`…`); text
/// that is no URL at all is not repeated.
fn shown_url(raw: &str) -> String {
    let Ok(url) = Url::parse(raw.trim()) else {
        return "(as typed)".into();
    };
    let mut shown = format!("{}://{}", url.scheme(), url.host_str().unwrap_or_default());
    if let Some(port) = url.port() {
        shown.push_str(&format!(":{port}"));
    }
    shown.push_str(url.path());
    let hidden = !url.username().is_empty()
        || url.password().is_some()
        || url.query().is_some()
        || url.fragment().is_some();
    if hidden {
        shown.push('…');
    }
    shown
}

/// Parses a platform base URL and refuses plain http anywhere but loopback.
pub fn check_base_url(raw: &str) -> Result<Url, PlatformError> {
    let invalid = |reason: &str| PlatformError::InvalidUrl {
        url: shown_url(raw),
        reason: reason.to_string(),
    };
    let mut url = Url::parse(raw.trim()).map_err(|e| invalid(&e.to_string()))?;
    let host = url
        .host_str()
        .ok_or_else(|| invalid("it has no host"))?
        .to_string();
    match url.scheme() {
        "https" => {}
        "http" if is_loopback(&host) => {}
        "http" => return Err(PlatformError::InsecureUrl(shown_url(raw))),
        _ => return Err(invalid("only http(s) is supported")),
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(invalid("put the token in the token field, not in the URL"));
    }
    // Requests never send them, and a token pasted there would be kept and shown with the
    // URL (the header, `stardesk status`).
    if url.query().is_some() || url.fragment().is_some() {
        return Err(invalid(
            "a base URL takes no query or fragment; put the token in the token field",
        ));
    }
    if !url.path().ends_with('/') {
        let p = format!("{}/", url.path());
        url.set_path(&p);
    }
    Ok(url)
}

pub(crate) fn is_loopback(host: &str) -> bool {
    let h = host.trim_start_matches('[').trim_end_matches(']');
    h == "localhost"
        || h.parse::<std::net::IpAddr>()
            .map(|ip| ip.is_loopback())
            .unwrap_or(false)
}

impl PlatformClient {
    pub fn new(base_url: &str, token: &str, options: ClientOptions) -> Result<Self, PlatformError> {
        let base = check_base_url(base_url)?;
        let mut auth = header::HeaderValue::from_str(&format!("Bearer {token}")).map_err(|_| {
            PlatformError::InvalidUrl {
                url: base.to_string(),
                reason: "the token holds characters a header cannot carry".into(),
            }
        })?;
        auth.set_sensitive(true);
        let http = reqwest::Client::builder()
            .timeout(options.timeout)
            .connect_timeout(options.timeout.min(Duration::from_secs(10)))
            .user_agent(concat!("StarDesk/", env!("CARGO_PKG_VERSION")))
            .https_only(!is_loopback(base.host_str().unwrap_or_default()))
            .build()
            .map_err(|e| PlatformError::Protocol(e.to_string()))?;
        Ok(Self {
            http,
            base,
            auth,
            options,
        })
    }

    pub fn base_url(&self) -> &Url {
        &self.base
    }

    pub async fn me(&self) -> Result<Me, PlatformError> {
        self.get_json(Call::get("v1/me".into(), Vec::new())).await
    }

    pub async fn tasks_page(
        &self,
        cursor: Option<&str>,
        limit: u32,
    ) -> Result<TaskPage, PlatformError> {
        let mut query = vec![("limit", limit.to_string())];
        if let Some(c) = cursor {
            query.push(("cursor", c.to_owned()));
        }
        self.get_json(Call::get("v1/tasks".into(), query)).await
    }

    pub async fn task(&self, id: &str) -> Result<Task, PlatformError> {
        check_id("a task", id)?;
        self.get_json(Call::get(format!("v1/tasks/{id}"), Vec::new()))
            .await
    }

    pub(crate) async fn get_json<T: DeserializeOwned>(
        &self,
        call: Call<'_>,
    ) -> Result<T, PlatformError> {
        Ok(self.send(&call).await?.1)
    }

    /// Sends `call` with retries: transport failures, 5xx and 429 back off (or wait the
    /// server's `Retry-After`) and send the very same request again; other 4xx fail at once.
    /// A call that is not repeatable ([`Call::post_once`]) is sent once.
    pub(crate) async fn send<T: DeserializeOwned>(
        &self,
        call: &Call<'_>,
    ) -> Result<(StatusCode, T), PlatformError> {
        let url = self
            .base
            .join(&call.path)
            .map_err(|e| PlatformError::Protocol(e.to_string()))?;
        let mut delay = self.options.backoff;
        let mut attempt = 1;
        let attempts = if call.repeatable {
            self.options.attempts
        } else {
            1
        };
        loop {
            match self.send_once(url.clone(), call).await {
                Ok(v) => return Ok(v),
                Err((e, retry_after)) if attempt < attempts && e.is_transient() => {
                    let wait = retry_after.unwrap_or(delay).min(self.options.max_backoff);
                    let path = call.path.as_str();
                    tracing::warn!(path, attempt, ?wait, error = %e, "platform request failed; retrying");
                    tokio::time::sleep(wait).await;
                    delay = (delay * 2).min(self.options.max_backoff);
                    attempt += 1;
                }
                Err((e, _)) => return Err(e),
            }
        }
    }

    async fn send_once<T: DeserializeOwned>(
        &self,
        url: Url,
        call: &Call<'_>,
    ) -> Result<(StatusCode, T), (PlatformError, Option<Duration>)> {
        let mut request = self
            .http
            .request(call.method.clone(), url)
            .query(&call.query)
            .header(header::AUTHORIZATION, self.auth.clone())
            .header(header::ACCEPT, "application/json");
        if let Some(key) = call.idempotency_key {
            request = request.header(IDEMPOTENCY_KEY, key);
        }
        if let Some(body) = &call.body {
            request = request
                .header(header::CONTENT_TYPE, "application/json")
                .body(body.clone());
        }
        let response = request.send().await.map_err(|e| (transport(e), None))?;
        let status = response.status();
        if status.is_success() {
            let body = response.bytes().await.map_err(|e| (transport(e), None))?;
            return serde_json::from_slice(&body)
                .map(|value| (status, value))
                .map_err(|e| {
                    (
                        PlatformError::Protocol(crate::json_error::described(&e)),
                        None,
                    )
                });
        }
        let retry_after = response
            .headers()
            .get(header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|s| s.trim().parse::<u64>().ok())
            .map(Duration::from_secs);
        if status == StatusCode::UNAUTHORIZED || status == StatusCode::FORBIDDEN {
            return Err((
                PlatformError::Unauthorized {
                    status: status.as_u16(),
                },
                None,
            ));
        }
        let body = response.bytes().await.unwrap_or_default();
        let problem: Option<Problem> = serde_json::from_slice(&body).ok();
        Err((problem_error(status, problem), retry_after))
    }
}

/// A failed answer as the error a caller can act on: a 409 or 422 with its `code` becomes
/// [`PlatformError::Refused`] or [`PlatformError::Invalid`]; anything else stays `Http`.
fn problem_error(status: StatusCode, problem: Option<Problem>) -> PlatformError {
    let Some(p) = problem else {
        return PlatformError::Http {
            status: status.as_u16(),
            title: status.canonical_reason().unwrap_or("error").to_string(),
            detail: None,
        };
    };
    match (status, p.code) {
        (StatusCode::CONFLICT, Some(code)) => PlatformError::Refused {
            code: ConflictCode::from(code),
            detail: p.detail,
        },
        (StatusCode::UNPROCESSABLE_ENTITY, code) => PlatformError::Invalid {
            code: code.unwrap_or_default(),
            detail: p.detail,
            errors: p.errors,
        },
        _ => PlatformError::Http {
            status: status.as_u16(),
            title: p.title,
            detail: p.detail,
        },
    }
}

fn transport(e: reqwest::Error) -> PlatformError {
    // reqwest's message can include the URL, never headers: the token stays out.
    let kind = if e.is_timeout() {
        "timed out"
    } else if e.is_connect() {
        "connection failed"
    } else {
        "transport error"
    };
    PlatformError::Unreachable(format!("{kind}: {}", e.without_url()))
}

#[cfg(test)]
mod tests;
