//! The kuaidi100 HTTP client: the real-time query (`POST /poll/query.do`) and the carrier
//! detection (`POST /autonumber/auto`), with a timeout and a few retries on transient
//! failures only.

use std::time::Duration;

use reqwest::header;
use serde_json::Value;
use url::Url;

use super::wire::{
    AutonumberCandidate, Failure, QueryParam, QueryResponse, ORDER_DESC, RESULTV2_ADVANCED,
    SHOW_JSON,
};
use super::{
    report_from, sign, BoxFuture, CarrierCandidate, TrackQuery, TrackReport, TrackingError,
    TrackingProvider,
};
use crate::client::{check_base_url, is_loopback, ClientOptions, PlatformError};

/// Where kuaidi100 answers real-time queries.
pub const OFFICIAL_QUERY_BASE: &str = "https://poll.kuaidi100.com/";
/// Where kuaidi100 detects carriers.
pub const OFFICIAL_AUTONUMBER_BASE: &str = "https://www.kuaidi100.com/";

const QUERY_PATH: &str = "poll/query.do";
const AUTONUMBER_PATH: &str = "autonumber/auto";
/// kuaidi100's limit on a tracking number.
const MAX_NUMBER_CHARS: usize = 32;

/// A kuaidi100 account and where to reach it. `Debug` never shows the key.
#[derive(Clone)]
pub struct Kuaidi100Config {
    /// The account's company id (`customer`).
    pub customer: String,
    /// The secret key: only ever used for the sign, and sent to the carrier detection.
    pub key: String,
    /// Serves `poll/query.do` (joined to this base).
    pub query_base: Url,
    /// Serves `autonumber/auto` (joined to this base).
    pub autonumber_base: Url,
}

impl std::fmt::Debug for Kuaidi100Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Kuaidi100Config")
            .field("customer", &self.customer)
            .field("key", &"<redacted>")
            .field("query_base", &self.query_base.as_str())
            .field("autonumber_base", &self.autonumber_base.as_str())
            .finish()
    }
}

fn url_error(e: PlatformError) -> TrackingError {
    match e {
        PlatformError::InsecureUrl(url) => TrackingError::InsecureUrl(url),
        PlatformError::InvalidUrl { url, reason } => {
            TrackingError::InvalidUrl(format!("{url:?}: {reason}"))
        }
        other => TrackingError::InvalidUrl(other.to_string()),
    }
}

impl Kuaidi100Config {
    /// The real service: queries at `https://poll.kuaidi100.com`, detection at
    /// `https://www.kuaidi100.com`.
    pub fn official(customer: impl Into<String>, key: impl Into<String>) -> Self {
        // Constant, valid URLs: parsing them cannot fail.
        let parse = |s: &str| Url::parse(s).expect("a constant URL");
        Self {
            customer: customer.into(),
            key: key.into(),
            query_base: parse(OFFICIAL_QUERY_BASE),
            autonumber_base: parse(OFFICIAL_AUTONUMBER_BASE),
        }
    }

    /// A service at `base` serving both `/poll/query.do` and `/autonumber/auto` (the
    /// sandbox, or a proxy). Plain http is refused anywhere but loopback.
    pub fn at(
        base: &str,
        customer: impl Into<String>,
        key: impl Into<String>,
    ) -> Result<Self, TrackingError> {
        let base = check_base_url(base).map_err(url_error)?;
        Ok(Self {
            customer: customer.into(),
            key: key.into(),
            query_base: base.clone(),
            autonumber_base: base,
        })
    }
}

/// How a tracking client retries unless told otherwise: a 15 s timeout, 3 attempts.
pub(crate) fn default_options() -> ClientOptions {
    ClientOptions {
        timeout: Duration::from_secs(15),
        attempts: 3,
        backoff: Duration::from_millis(500),
        max_backoff: Duration::from_secs(4),
    }
}

/// The kuaidi100 client. Cheap to clone; `Debug` never shows the key.
#[derive(Clone)]
pub struct Kuaidi100Client {
    http: reqwest::Client,
    customer: String,
    key: String,
    query_url: Url,
    autonumber_url: Url,
    options: ClientOptions,
}

impl std::fmt::Debug for Kuaidi100Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Kuaidi100Client")
            .field("customer", &self.customer)
            .field("key", &"<redacted>")
            .field("query_url", &self.query_url.as_str())
            .field("autonumber_url", &self.autonumber_url.as_str())
            .finish()
    }
}

/// Who an answer came from, for logs and retries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Endpoint {
    Query,
    Autonumber,
}

impl Kuaidi100Client {
    /// A client with the default timeout and retries. `NotConfigured` if the customer id or
    /// the key is empty.
    pub fn new(config: Kuaidi100Config) -> Result<Self, TrackingError> {
        Self::with_options(config, default_options())
    }

    pub fn with_options(
        config: Kuaidi100Config,
        options: ClientOptions,
    ) -> Result<Self, TrackingError> {
        let customer = config.customer.trim().to_owned();
        let key = config.key.trim().to_owned();
        if customer.is_empty() || key.is_empty() {
            return Err(TrackingError::NotConfigured);
        }
        // The bases may have been built by hand: check them as `at` does.
        let query_base = check_base_url(config.query_base.as_str()).map_err(url_error)?;
        let autonumber_base = check_base_url(config.autonumber_base.as_str()).map_err(url_error)?;
        let join = |base: &Url, path: &str| {
            base.join(path)
                .map_err(|e| TrackingError::InvalidUrl(e.to_string()))
        };
        let query_url = join(&query_base, QUERY_PATH)?;
        let autonumber_url = join(&autonumber_base, AUTONUMBER_PATH)?;
        let local = [&query_url, &autonumber_url]
            .iter()
            .any(|u| is_loopback(u.host_str().unwrap_or_default()));
        let http = reqwest::Client::builder()
            .timeout(options.timeout)
            .connect_timeout(options.timeout.min(Duration::from_secs(10)))
            .user_agent(concat!("StarDesk/", env!("CARGO_PKG_VERSION")))
            .https_only(!local)
            .build()
            .map_err(|e| TrackingError::Unreachable(e.without_url().to_string()))?;
        Ok(Self {
            http,
            customer,
            key,
            query_url,
            autonumber_url,
            options,
        })
    }

    /// The query's `param` exactly as it is sent and signed: compact JSON with `com`,
    /// `num`, `phone` (only when given), `resultv2` 4, `show` 0, `order` desc.
    pub fn param_for(q: &TrackQuery) -> Result<String, TrackingError> {
        let param = QueryParam {
            com: carrier_code(&q.carrier)?,
            num: tracking_number(&q.number)?,
            phone: q.phone_last4.as_deref().map(last4).transpose()?,
            resultv2: Some(RESULTV2_ADVANCED.to_owned()),
            show: Some(SHOW_JSON.to_owned()),
            order: Some(ORDER_DESC.to_owned()),
        };
        serde_json::to_string(&param).map_err(|e| TrackingError::InvalidQuery(e.to_string()))
    }

    /// One real-time query (with retries on transient failures).
    pub async fn query(&self, q: &TrackQuery) -> Result<TrackReport, TrackingError> {
        let param = Self::param_for(q)?;
        let sign = sign(&param, &self.key, &self.customer);
        let form = [
            ("customer", self.customer.as_str()),
            ("param", param.as_str()),
            ("sign", sign.as_str()),
        ];
        let value = self.post(Endpoint::Query, &self.query_url, &form).await?;
        let response = read_query(value)?;
        report_from(
            &carrier_code(&q.carrier)?,
            &tracking_number(&q.number)?,
            response,
        )
    }

    /// The carriers `number` may belong to, best first (empty when unknown).
    pub async fn autonumber(&self, number: &str) -> Result<Vec<CarrierCandidate>, TrackingError> {
        let num = tracking_number(number)?;
        let form = [("num", num.as_str()), ("key", self.key.as_str())];
        let value = self
            .post(Endpoint::Autonumber, &self.autonumber_url, &form)
            .await?;
        read_autonumber(value)
    }

    /// POSTs the form, retrying transient failures with backoff; the answer as JSON. A
    /// query kuaidi100 answered 501/502 ("server error", "busy") is not asked again here:
    /// it reached kuaidi100, and another within seconds counts against its 30-minute rule
    /// for the number (the caller asks again later). Nothing of the form is ever logged.
    async fn post(
        &self,
        endpoint: Endpoint,
        url: &Url,
        form: &[(&str, &str)],
    ) -> Result<Value, TrackingError> {
        let mut delay = self.options.backoff;
        let mut attempt = 1;
        loop {
            let result = self
                .post_once(url, form)
                .await
                .and_then(|v| provider_failure(&v).map_or(Ok(v), Err));
            match result {
                // A query kuaidi100 answered busy is not asked again at once (its 30-minute
                // rule is about queries); a carrier detection is.
                Err(e)
                    if attempt < self.options.attempts.max(1)
                        && e.is_transient()
                        && !(e.reached_provider() && endpoint == Endpoint::Query) =>
                {
                    let wait = delay.min(self.options.max_backoff);
                    tracing::warn!(?endpoint, attempt, ?wait, error = %e, "tracking request failed; retrying");
                    tokio::time::sleep(wait).await;
                    delay = (delay * 2).min(self.options.max_backoff);
                    attempt += 1;
                }
                other => return other,
            }
        }
    }

    async fn post_once(&self, url: &Url, form: &[(&str, &str)]) -> Result<Value, TrackingError> {
        let response = self
            .http
            .post(url.clone())
            .header(header::ACCEPT, "application/json")
            .form(form)
            .send()
            .await
            .map_err(transport)?;
        let status = response.status();
        if !status.is_success() {
            return Err(TrackingError::Http {
                status: status.as_u16(),
            });
        }
        let body = response.bytes().await.map_err(transport)?;
        serde_json::from_slice(&body).map_err(malformed)
    }
}

impl TrackingProvider for Kuaidi100Client {
    fn query<'a>(&'a self, q: &'a TrackQuery) -> BoxFuture<'a, Result<TrackReport, TrackingError>> {
        Box::pin(Kuaidi100Client::query(self, q))
    }

    fn autonumber<'a>(
        &'a self,
        number: &'a str,
    ) -> BoxFuture<'a, Result<Vec<CarrierCandidate>, TrackingError>> {
        Box::pin(Kuaidi100Client::autonumber(self, number))
    }
}

/// The carrier code as kuaidi100 takes it: trimmed, lower case, letters and digits.
fn carrier_code(raw: &str) -> Result<String, TrackingError> {
    let code = raw.trim().to_ascii_lowercase();
    if code.is_empty() || !code.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(TrackingError::InvalidQuery(format!(
            "{raw:?} is not a kuaidi100 carrier code"
        )));
    }
    Ok(code)
}

/// The tracking number trimmed: not empty, at most 32 characters, no inner whitespace.
fn tracking_number(raw: &str) -> Result<String, TrackingError> {
    let num = raw.trim();
    if num.is_empty()
        || num.chars().count() > MAX_NUMBER_CHARS
        || num.chars().any(|c| c.is_whitespace() || c.is_control())
    {
        return Err(TrackingError::InvalidQuery(format!(
            "{raw:?} is not a tracking number (1 to {MAX_NUMBER_CHARS} characters, no spaces)"
        )));
    }
    Ok(num.to_owned())
}

/// The last 4 digits of a phone (or of those 4 digits themselves).
fn last4(phone: &str) -> Result<String, TrackingError> {
    let digits: Vec<char> = phone.chars().filter(char::is_ascii_digit).collect();
    if digits.len() < 4 {
        return Err(TrackingError::InvalidQuery(
            "the phone needs at least its last 4 digits".into(),
        ));
    }
    Ok(digits[digits.len() - 4..].iter().collect())
}

/// kuaidi100's failure shape: an object with a non-empty `returnCode` (other than the
/// `200` of a success).
fn provider_failure(v: &Value) -> Option<TrackingError> {
    let code = v.get("returnCode")?;
    let failure: Failure = serde_json::from_value(v.clone()).ok()?;
    let code_text = failure.return_code.trim();
    if code.is_null() || code_text.is_empty() || code_text == "200" {
        return None;
    }
    Some(TrackingError::Provider {
        code: code_text.to_owned(),
        message: failure.message,
    })
}

fn read_query(v: Value) -> Result<QueryResponse, TrackingError> {
    if let Some(e) = provider_failure(&v) {
        return Err(e);
    }
    if !v.is_object() {
        return Err(TrackingError::Malformed(
            "the query answer is not a JSON object".into(),
        ));
    }
    serde_json::from_value(v).map_err(malformed)
}

/// An answer that is not the JSON expected, said without its values.
fn malformed(e: serde_json::Error) -> TrackingError {
    TrackingError::Malformed(crate::json_error::described(&e))
}

fn read_autonumber(v: Value) -> Result<Vec<CarrierCandidate>, TrackingError> {
    if let Some(e) = provider_failure(&v) {
        return Err(e);
    }
    let candidates: Vec<AutonumberCandidate> = match v {
        Value::Array(_) => serde_json::from_value(v).map_err(malformed)?,
        _ => {
            return Err(TrackingError::Malformed(
                "the carrier detection answer is not a JSON array".into(),
            ))
        }
    };
    Ok(candidates
        .into_iter()
        .filter_map(|c| {
            let code = c.com_code.trim().to_ascii_lowercase();
            (!code.is_empty()).then(|| CarrierCandidate {
                code,
                name: c.name.trim().to_owned(),
            })
        })
        .collect())
}

fn transport(e: reqwest::Error) -> TrackingError {
    // Without the URL (no secret is in it, but it keeps messages short); never the body.
    let kind = if e.is_timeout() {
        "timed out"
    } else if e.is_connect() {
        "connection failed"
    } else {
        "transport error"
    };
    TrackingError::Unreachable(format!("{kind}: {}", e.without_url()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(carrier: &str, number: &str, phone: Option<&str>) -> TrackQuery {
        TrackQuery {
            carrier: carrier.into(),
            number: number.into(),
            phone_last4: phone.map(str::to_owned),
        }
    }

    #[test]
    fn the_param_is_normalised() {
        assert_eq!(
            Kuaidi100Client::param_for(&q(
                " ShunFeng ",
                " SF1234567890123\n",
                Some("138-1234-5678")
            ))
            .unwrap(),
            r#"{"com":"shunfeng","num":"SF1234567890123","phone":"5678","resultv2":"4","show":"0","order":"desc"}"#
        );
        assert_eq!(
            Kuaidi100Client::param_for(&q("yuantong", "YT1", None)).unwrap(),
            r#"{"com":"yuantong","num":"YT1","resultv2":"4","show":"0","order":"desc"}"#
        );
        for bad in [
            q("", "YT1", None),
            q("yuan tong", "YT1", None),
            q("yuantong", " ", None),
            q("yuantong", "YT 1", None),
            q("yuantong", &"1".repeat(33), None),
            q("shunfeng", "SF1", Some("123")),
        ] {
            assert!(
                matches!(
                    Kuaidi100Client::param_for(&bad),
                    Err(TrackingError::InvalidQuery(_))
                ),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn config_urls_and_secrets() {
        let c = Kuaidi100Config::official("CUST", "KEY-SECRET");
        assert_eq!(c.query_base.as_str(), "https://poll.kuaidi100.com/");
        assert_eq!(c.autonumber_base.as_str(), "https://www.kuaidi100.com/");
        assert!(!format!("{c:?}").contains("SECRET"));
        let client = Kuaidi100Client::new(c).unwrap();
        assert!(!format!("{client:?}").contains("SECRET"));
        assert_eq!(
            client.query_url.as_str(),
            "https://poll.kuaidi100.com/poll/query.do"
        );
        let local = Kuaidi100Config::at("http://127.0.0.1:9", "C", "K").unwrap();
        assert_eq!(local.autonumber_base.as_str(), "http://127.0.0.1:9/");
        assert!(matches!(
            Kuaidi100Config::at("http://tracking.example.com", "C", "K"),
            Err(TrackingError::InsecureUrl(_))
        ));
        assert!(matches!(
            Kuaidi100Config::at("nope", "C", "K"),
            Err(TrackingError::InvalidUrl(_))
        ));
        assert!(matches!(
            Kuaidi100Client::new(Kuaidi100Config::official(" ", "K")),
            Err(TrackingError::NotConfigured)
        ));
        assert!(matches!(
            Kuaidi100Client::new(Kuaidi100Config::official("C", "")),
            Err(TrackingError::NotConfigured)
        ));
        let mut insecure = Kuaidi100Config::official("C", "K");
        insecure.query_base = Url::parse("http://poll.example.com/").unwrap();
        assert!(matches!(
            Kuaidi100Client::new(insecure),
            Err(TrackingError::InsecureUrl(_))
        ));
    }

    #[test]
    fn answers_are_read_by_shape() {
        let failure = serde_json::json!({"result": false, "returnCode": "408", "message": "x"});
        assert!(matches!(
            read_query(failure),
            Err(TrackingError::Provider { code, .. }) if code == "408"
        ));
        assert!(matches!(
            read_query(serde_json::json!([1])),
            Err(TrackingError::Malformed(_))
        ));
        let ok = read_query(serde_json::json!({"state": "0", "returnCode": ""})).unwrap();
        assert_eq!(ok.state, "0");
        let found = read_autonumber(serde_json::json!([
            {"comCode": "YuanTong", "name": "圆通速递"}, {"comCode": ""}
        ]))
        .unwrap();
        assert_eq!(
            found,
            [CarrierCandidate {
                code: "yuantong".into(),
                name: "圆通速递".into()
            }]
        );
        assert!(matches!(
            read_autonumber(serde_json::json!({"returnCode": "601", "message": "m"})),
            Err(TrackingError::Provider { code, .. }) if code == "601"
        ));
        assert!(matches!(
            read_autonumber(serde_json::json!({"x": 1})),
            Err(TrackingError::Malformed(_))
        ));
    }
}
