//! The HTTP client of the platform API v1.

use std::time::Duration;

use reqwest::{header, StatusCode};
use url::Url;

use crate::wire::{Me, Problem, Task, TaskPage};

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
    #[error("the platform answered something StarDesk cannot read: {0}")]
    Protocol(String),
}

impl PlatformError {
    /// Whether trying again later might work (the network or the server, not us).
    pub fn is_transient(&self) -> bool {
        matches!(self, PlatformError::Unreachable(_))
    }
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

/// Parses a platform base URL and refuses plain http anywhere but loopback.
pub fn check_base_url(raw: &str) -> Result<Url, PlatformError> {
    let invalid = |reason: &str| PlatformError::InvalidUrl {
        url: raw.to_string(),
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
        "http" => return Err(PlatformError::InsecureUrl(raw.to_string())),
        _ => return Err(invalid("only http(s) is supported")),
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(invalid("put the token in the token field, not in the URL"));
    }
    if !url.path().ends_with('/') {
        let p = format!("{}/", url.path());
        url.set_path(&p);
    }
    Ok(url)
}

fn is_loopback(host: &str) -> bool {
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
        self.get_json("v1/me", &[]).await
    }

    pub async fn tasks_page(
        &self,
        cursor: Option<&str>,
        limit: u32,
    ) -> Result<TaskPage, PlatformError> {
        let limit = limit.to_string();
        let mut query: Vec<(&str, &str)> = vec![("limit", &limit)];
        if let Some(c) = cursor {
            query.push(("cursor", c));
        }
        self.get_json("v1/tasks", &query).await
    }

    pub async fn task(&self, id: &str) -> Result<Task, PlatformError> {
        if !id.bytes().all(|b| b.is_ascii_digit()) || id.is_empty() {
            return Err(PlatformError::Protocol(format!("not a task id: {id:?}")));
        }
        self.get_json(&format!("v1/tasks/{id}"), &[]).await
    }

    /// GET with retries: 5xx, 429 and transport failures back off and retry; other 4xx
    /// fail at once.
    async fn get_json<T: serde::de::DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, &str)],
    ) -> Result<T, PlatformError> {
        let url = self
            .base
            .join(path)
            .map_err(|e| PlatformError::Protocol(e.to_string()))?;
        let mut delay = self.options.backoff;
        let mut attempt = 1;
        loop {
            match self.get_once(url.clone(), query).await {
                Ok(v) => return Ok(v),
                Err((e, retry_after)) if attempt < self.options.attempts && retryable(&e) => {
                    let wait = retry_after.unwrap_or(delay).min(self.options.max_backoff);
                    tracing::warn!(path, attempt, ?wait, error = %e, "platform request failed; retrying");
                    tokio::time::sleep(wait).await;
                    delay = (delay * 2).min(self.options.max_backoff);
                    attempt += 1;
                }
                Err((e, _)) => return Err(e),
            }
        }
    }

    async fn get_once<T: serde::de::DeserializeOwned>(
        &self,
        url: Url,
        query: &[(&str, &str)],
    ) -> Result<T, (PlatformError, Option<Duration>)> {
        let response = self
            .http
            .get(url)
            .query(query)
            .header(header::AUTHORIZATION, self.auth.clone())
            .header(header::ACCEPT, "application/json")
            .send()
            .await
            .map_err(|e| (transport(e), None))?;
        let status = response.status();
        if status.is_success() {
            let body = response.bytes().await.map_err(|e| (transport(e), None))?;
            return serde_json::from_slice(&body)
                .map_err(|e| (PlatformError::Protocol(e.to_string()), None));
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
        let (title, detail) = match problem {
            Some(p) => (p.title, p.detail),
            None => (
                status.canonical_reason().unwrap_or("error").to_string(),
                None,
            ),
        };
        Err((
            PlatformError::Http {
                status: status.as_u16(),
                title,
                detail,
            },
            retry_after,
        ))
    }
}

fn retryable(e: &PlatformError) -> bool {
    match e {
        PlatformError::Unreachable(_) => true,
        PlatformError::Http { status, .. } => *status == 429 || (500..600).contains(status),
        _ => false,
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
mod tests {
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
    fn debug_hides_the_token() {
        let c = PlatformClient::new("http://127.0.0.1:1", "tok-SECRET", ClientOptions::default())
            .expect("client");
        assert!(!format!("{c:?}").contains("SECRET"));
    }
}
