//! Why a tracking query failed. Never carries the key (nor the sign made from it).

/// kuaidi100's "no result yet" (`returnCode` 500).
pub const NO_RESULT_YET: &str = "500";

/// Why a tracking query or a carrier detection failed.
///
/// Three kinds a caller acts on differently: [`is_transient`](Self::is_transient) ones (the
/// network, an HTTP 5xx, kuaidi100's 501/502) may work if asked again soon;
/// [`is_no_result_yet`](Self::is_no_result_yet) (500) means "nothing to show yet", to be
/// asked again at the next regular poll (a number may be queried about once every 30
/// minutes, else kuaidi100 locks it); everything else is an answer about the query or the
/// account and will not change by asking again.
#[derive(Debug, thiserror::Error)]
pub enum TrackingError {
    /// kuaidi100 answered with a non-empty `returnCode`; [`Self::meaning`] says what the
    /// known codes mean. `message` is kuaidi100's own text.
    #[error("the tracking service answered {code}: {}", self.meaning().unwrap_or(message))]
    Provider { code: String, message: String },
    #[error("the tracking service cannot be reached ({0})")]
    Unreachable(String),
    #[error("the tracking service answered HTTP {status}")]
    Http { status: u16 },
    #[error("the tracking service answered something StarDesk cannot read: {0}")]
    Malformed(String),
    #[error("the tracking service URL is not valid: {0}")]
    InvalidUrl(String),
    #[error(
        "the tracking service URL must use https (plain http is allowed only on this computer): {0}"
    )]
    InsecureUrl(String),
    /// No tracking account: the customer id or the key is empty.
    #[error("no tracking account is set up (the kuaidi100 customer id and key are needed)")]
    NotConfigured,
    /// The query cannot be sent as it is (checked before anything is sent).
    #[error("the tracking query is not valid: {0}")]
    InvalidQuery(String),
}

impl TrackingError {
    /// The documented meaning of a kuaidi100 `returnCode`, in plain English.
    pub fn meaning(&self) -> Option<&'static str> {
        match self {
            TrackingError::Provider { code, .. } => code_meaning(code),
            _ => None,
        }
    }

    /// kuaidi100's `returnCode`, if it was one.
    pub fn provider_code(&self) -> Option<&str> {
        match self {
            TrackingError::Provider { code, .. } => Some(code),
            _ => None,
        }
    }

    /// Whether asking again soon might work (the network or the service, not the query):
    /// a transport failure, an HTTP 5xx or 429, `returnCode` 501 or 502. The client retries
    /// these at once, but for a query kuaidi100 answered 501/502 (its 30-minute rule), which
    /// the caller asks again later. 500 ("no result yet") is not: see
    /// [`Self::is_no_result_yet`].
    pub fn is_transient(&self) -> bool {
        match self {
            TrackingError::Unreachable(_) => true,
            TrackingError::Http { status } => *status == 429 || (500..600).contains(status),
            TrackingError::Provider { code, .. } => matches!(code.as_str(), "501" | "502"),
            _ => false,
        }
    }

    /// kuaidi100 itself answered with this failure: the query reached it, and counts
    /// against its 30-minute rule for the number.
    pub fn reached_provider(&self) -> bool {
        matches!(self, TrackingError::Provider { .. })
    }

    /// kuaidi100 has nothing for this number yet (`returnCode` 500): a parcel just
    /// registered, or a number it does not know (yet). Not a failure to retry at once;
    /// ask again at the next regular poll.
    pub fn is_no_result_yet(&self) -> bool {
        self.provider_code() == Some(NO_RESULT_YET)
    }
}

/// What a `returnCode` means (the codes of `shared/reference/kuaidi100.md`).
pub fn code_meaning(code: &str) -> Option<&'static str> {
    Some(match code {
        "400" => {
            "the request was refused as incomplete or wrong (an unknown carrier code, or a \
             malformed query)"
        }
        "408" => {
            "the phone number check failed (顺丰 and 中通 need the last 4 digits of the \
             receiver's phone)"
        }
        "500" => "no result yet: the carrier has no tracking for this number (yet); try later",
        "501" => "the tracking service had a server error; try again later",
        "502" => "the tracking service is busy; try again later",
        "503" => "the sign check failed: the customer id or the key is wrong",
        "601" => "the key has expired or the account has no balance left",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn provider(code: &str) -> TrackingError {
        TrackingError::Provider {
            code: code.into(),
            message: "msg".into(),
        }
    }

    #[test]
    fn only_the_network_5xx_and_501_502_are_transient() {
        for code in ["501", "502"] {
            assert!(provider(code).is_transient(), "{code}");
        }
        for code in ["400", "408", "500", "503", "601", "999"] {
            assert!(!provider(code).is_transient(), "{code}");
        }
        assert!(TrackingError::Unreachable("reset".into()).is_transient());
        assert!(TrackingError::Http { status: 502 }.is_transient());
        assert!(!TrackingError::Http { status: 404 }.is_transient());
        assert!(!TrackingError::Malformed("x".into()).is_transient());
        assert!(provider("500").is_no_result_yet());
        assert!(!provider("501").is_no_result_yet());
    }

    #[test]
    fn every_documented_code_has_a_meaning() {
        for code in ["400", "408", "500", "501", "502", "503", "601"] {
            assert!(provider(code).meaning().is_some(), "{code}");
        }
        assert_eq!(provider("777").meaning(), None);
        assert!(provider("408").meaning().unwrap().contains("last 4 digits"));
        assert_eq!(
            provider("777").to_string(),
            "the tracking service answered 777: msg"
        );
        assert!(provider("601").to_string().contains("expired"));
    }
}
