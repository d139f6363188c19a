//! The request bodies of the applications endpoints, read field by field from JSON so that
//! every field at fault is reported at once (a 422 `invalid_fields`), each with its path,
//! a code and a sentence that never repeats the value (it may be personal data).
//!
//! Lengths count the characters of the trimmed text. The sandbox checks a region code's
//! shape only: that it exists and matches the names is the client's job.

use chrono::NaiveDate;
use serde_json::{Map, Value};
use stardesk_platform::wire::{
    Address, ApplicationRequest, ContentReport, FieldError, FieldErrorCode, ReceiptReport,
};

/// Prefecture-level cities without counties: their own code (ending in 00) is the
/// county-level code of every address in them.
const CITIES_WITHOUT_COUNTIES: [&str; 4] = ["441900", "442000", "460400", "620200"];

/// R-REVIEW-12's free texts, inclusive bounds in characters.
const CONTACT_NAME: (usize, usize) = (1, 20);
const PLACE_NAME: (usize, usize) = (1, 20);
const DETAIL: (usize, usize) = (5, 100);
const PITCH: (usize, usize) = (10, 500);
const NOTE_MAX: usize = 200;
const URL_MAX: usize = 500;

/// A mainland mobile number: 11 digits, `1`, then `3`–`9`, then nine more.
pub(crate) fn is_mainland_mobile(phone: &str) -> bool {
    let b = phone.as_bytes();
    b.len() == 11
        && b.iter().all(u8::is_ascii_digit)
        && b[0] == b'1'
        && (b'3'..=b'9').contains(&b[1])
}

/// `8-4-4-4-12` hexadecimal digits.
pub(crate) fn is_uuid(key: &str) -> bool {
    let b = key.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => *c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
}

/// Collects the problems of one body.
struct Fields<'a> {
    body: &'a Map<String, Value>,
    prefix: &'static str,
    errors: Vec<FieldError>,
}

impl<'a> Fields<'a> {
    fn new(body: &'a Map<String, Value>) -> Self {
        Fields {
            body,
            prefix: "",
            errors: Vec::new(),
        }
    }

    fn fail(&mut self, name: &str, code: FieldErrorCode, message: impl Into<String>) {
        self.errors.push(FieldError {
            field: format!("{}{name}", self.prefix),
            code,
            message: message.into(),
        });
    }

    /// The field's string as sent, or `None` after reporting it missing, blank or not a
    /// string. `optional` fields may be missing or null.
    fn string(&mut self, name: &str, optional: bool) -> Option<String> {
        match self.body.get(name) {
            None | Some(Value::Null) if optional => None,
            None | Some(Value::Null) => {
                self.fail(name, FieldErrorCode::Required, "is required");
                None
            }
            Some(Value::String(s)) if s.trim().is_empty() && !optional => {
                self.fail(name, FieldErrorCode::Required, "must not be blank");
                None
            }
            Some(Value::String(s)) => Some(s.clone()),
            Some(_) => {
                self.fail(name, FieldErrorCode::InvalidType, "must be a string");
                None
            }
        }
    }

    /// A required text whose trimmed length lies in `min..=max` characters.
    fn text(&mut self, name: &str, (min, max): (usize, usize)) -> Option<String> {
        let value = self.string(name, false)?;
        let n = value.trim().chars().count();
        let message = format!("must be {min} to {max} characters");
        if n < min {
            self.fail(name, FieldErrorCode::TooShort, message);
        } else if n > max {
            self.fail(name, FieldErrorCode::TooLong, message);
        }
        Some(value)
    }

    fn finish<T>(self, value: Option<T>) -> Result<T, Vec<FieldError>> {
        match value {
            Some(v) if self.errors.is_empty() => Ok(v),
            _ => Err(self.errors),
        }
    }
}

/// The body of `POST /v1/applications` (R-REVIEW-12), as sent (untrimmed: the idempotency
/// check compares what the client sent).
pub(crate) fn application_request(
    body: &Map<String, Value>,
) -> Result<ApplicationRequest, Vec<FieldError>> {
    let mut f = Fields::new(body);
    let task_id = f.string("task_id", false);
    if let Some(id) = &task_id {
        if id.len() > 20 || !id.bytes().all(|b| b.is_ascii_digit()) {
            f.fail(
                "task_id",
                FieldErrorCode::InvalidFormat,
                "must be a task id: decimal digits",
            );
        }
    }
    let contact_name = f.text("contact_name", CONTACT_NAME);
    let phone = f.string("phone", false);
    if let Some(p) = &phone {
        if !is_mainland_mobile(p.trim()) {
            f.fail(
                "phone",
                FieldErrorCode::InvalidFormat,
                "must be a mainland mobile number, 11 digits starting 13 to 19",
            );
        }
    }
    let address = match body.get("address") {
        None | Some(Value::Null) => {
            f.fail("address", FieldErrorCode::Required, "is required");
            None
        }
        Some(Value::Object(a)) => {
            let mut af = Fields {
                body: a,
                prefix: "address.",
                errors: Vec::new(),
            };
            let address = address(&mut af);
            f.errors.append(&mut af.errors);
            address
        }
        Some(_) => {
            f.fail("address", FieldErrorCode::InvalidType, "must be an object");
            None
        }
    };
    let strengths = f.text("strengths", PITCH);
    let idea = f.text("idea", PITCH);
    let request = (|| {
        Some(ApplicationRequest {
            task_id: task_id?,
            contact_name: contact_name?,
            phone: phone?,
            address: address?,
            strengths: strengths?,
            idea: idea?,
        })
    })();
    f.finish(request)
}

fn address(f: &mut Fields<'_>) -> Option<Address> {
    let region_code = f.string("region_code", false);
    if let Some(code) = &region_code {
        let code = code.trim();
        if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
            f.fail(
                "region_code",
                FieldErrorCode::InvalidFormat,
                "must be 6 digits",
            );
        } else if code.ends_with("00") && !CITIES_WITHOUT_COUNTIES.contains(&code) {
            f.fail(
                "region_code",
                FieldErrorCode::NotCountyLevel,
                "must be a county-level code, not a province or prefecture",
            );
        }
    }
    let province = f.text("province", PLACE_NAME);
    let city = f.text("city", PLACE_NAME);
    let district = f.text("district", PLACE_NAME);
    let detail = f.text("detail", DETAIL);
    Some(Address {
        region_code: region_code?,
        province: province?,
        city: city?,
        district: district?,
        detail: detail?,
    })
}

/// The body of `POST /v1/applications/{id}/receipt` (R-REVIEW-16): the note trimmed,
/// blank as none, required when the sample did not arrive or is refused.
pub(crate) fn receipt_report(body: &Map<String, Value>) -> Result<ReceiptReport, Vec<FieldError>> {
    let mut f = Fields::new(body);
    let received = match body.get("received") {
        Some(Value::Bool(b)) => Some(*b),
        None | Some(Value::Null) => {
            f.fail("received", FieldErrorCode::Required, "is required");
            None
        }
        Some(_) => {
            f.fail(
                "received",
                FieldErrorCode::InvalidType,
                "must be true or false",
            );
            None
        }
    };
    let note = f
        .string("note", true)
        .map(|n| n.trim().to_owned())
        .filter(|n| !n.is_empty());
    if note.as_ref().is_some_and(|n| n.chars().count() > NOTE_MAX) {
        f.fail(
            "note",
            FieldErrorCode::TooLong,
            format!("must be at most {NOTE_MAX} characters"),
        );
    }
    if received == Some(false) && note.is_none() && f.errors.is_empty() {
        f.fail(
            "note",
            FieldErrorCode::Required,
            "say whether the sample did not arrive or is refused",
        );
    }
    let report = received.map(|received| ReceiptReport { received, note });
    f.finish(report)
}

/// The body of `POST /v1/applications/{id}/content` (R-REVIEW-13): an http(s) link and a
/// date. The date's place in the campaign is checked against the application.
pub(crate) fn content_report(body: &Map<String, Value>) -> Result<ContentReport, Vec<FieldError>> {
    let mut f = Fields::new(body);
    let url = f.string("url", false).map(|u| u.trim().to_owned());
    if let Some(u) = &url {
        let rest = u
            .strip_prefix("https://")
            .or_else(|| u.strip_prefix("http://"));
        if u.chars().count() > URL_MAX {
            f.fail(
                "url",
                FieldErrorCode::TooLong,
                format!("must be at most {URL_MAX} characters"),
            );
        } else if rest
            .is_none_or(|r| r.is_empty() || r.starts_with('/') || r.contains(char::is_whitespace))
        {
            f.fail(
                "url",
                FieldErrorCode::InvalidFormat,
                "must be an http(s) link",
            );
        }
    }
    let published_on = f.string("published_on", false).and_then(|d| {
        let parsed = NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").ok();
        if parsed.is_none() {
            f.fail(
                "published_on",
                FieldErrorCode::InvalidFormat,
                "must be a date, YYYY-MM-DD",
            );
        }
        parsed
    });
    let report = (|| {
        Some(ContentReport {
            url: url?,
            published_on: published_on?,
        })
    })();
    f.finish(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn valid() -> Value {
        json!({
            "task_id": "7304811520374190123",
            "contact_name": "林小满",
            "phone": "13812345678",
            "address": {
                "region_code": "330106",
                "province": "浙江省",
                "city": "杭州市",
                "district": "西湖区",
                "detail": "文三路90号东部软件园"
            },
            "strengths": "专注敏感肌护肤测评三年",
            "idea": "十四天真实打卡对比，成分讲解"
        })
    }

    fn errors(body: Value) -> Vec<(String, FieldErrorCode)> {
        match application_request(body.as_object().unwrap()) {
            Ok(r) => panic!("accepted {r:?}"),
            Err(e) => e.into_iter().map(|e| (e.field, e.code)).collect(),
        }
    }

    fn with(path: &[&str], value: Value) -> Value {
        let mut body = valid();
        let mut at = &mut body;
        for key in &path[..path.len() - 1] {
            at = &mut at[*key];
        }
        at[path[path.len() - 1]] = value;
        body
    }

    #[test]
    fn a_valid_request_is_read_as_sent() {
        let r = application_request(valid().as_object().unwrap()).unwrap();
        assert_eq!(r.address.region_code, "330106");
        let padded = with(&["contact_name"], json!("  林小满  "));
        let r = application_request(padded.as_object().unwrap()).unwrap();
        assert_eq!(
            r.contact_name, "  林小满  ",
            "trimming is for storage, not for the key"
        );
    }

    /// R-REVIEW-12: a true contact, a shipping address, strengths and an idea, each field
    /// with its own code when it is wrong.
    #[test]
    fn each_field_has_its_code() {
        use FieldErrorCode as C;
        let cases: Vec<(&[&str], Value, C)> = vec![
            (&["task_id"], json!("73x"), C::InvalidFormat),
            (&["task_id"], json!(7304811520374190123u64), C::InvalidType),
            (&["contact_name"], json!("   "), C::Required),
            (
                &["contact_name"],
                json!("一二三四五六七八九十一二三四五六七八九十一"),
                C::TooLong,
            ),
            (&["phone"], json!("12812345678"), C::InvalidFormat),
            (&["phone"], json!("1381234567"), C::InvalidFormat),
            (&["phone"], json!("+8613812345678"), C::InvalidFormat),
            (
                &["address", "region_code"],
                json!("33010"),
                C::InvalidFormat,
            ),
            (
                &["address", "region_code"],
                json!("330100"),
                C::NotCountyLevel,
            ),
            (
                &["address", "region_code"],
                json!("330000"),
                C::NotCountyLevel,
            ),
            (&["address", "province"], json!(""), C::Required),
            (&["address", "detail"], json!("文三路"), C::TooShort),
            (&["address", "detail"], json!("路".repeat(101)), C::TooLong),
            (&["strengths"], json!("太短了"), C::TooShort),
            (&["idea"], json!("想".repeat(501)), C::TooLong),
            (&["idea"], Value::Null, C::Required),
        ];
        for (path, value, code) in cases {
            let field = path.join(".");
            assert_eq!(
                errors(with(path, value.clone())),
                [(field.clone(), code.clone())],
                "{field} = {value}"
            );
        }
        // Dongguan has no counties: its own code is an address's code.
        assert!(application_request(
            with(&["address", "region_code"], json!("441900"))
                .as_object()
                .unwrap()
        )
        .is_ok());
        // Exactly at the bounds.
        assert!(application_request(
            with(&["address", "detail"], json!("文三路9号"))
                .as_object()
                .unwrap()
        )
        .is_ok());
        assert!(application_request(
            with(&["strengths"], json!("一二三四五六七八九十"))
                .as_object()
                .unwrap()
        )
        .is_ok());
    }

    #[test]
    fn every_field_at_fault_is_reported_at_once() {
        let mut body = valid();
        body["phone"] = json!("110");
        body.as_object_mut().unwrap().remove("address");
        body["idea"] = json!("短");
        let fields: Vec<String> = errors(body).into_iter().map(|(f, _)| f).collect();
        assert_eq!(fields, ["phone", "address", "idea"]);
    }

    #[test]
    fn receipt_and_content_bodies() {
        let ok = receipt_report(json!({"received": true}).as_object().unwrap()).unwrap();
        assert_eq!(ok.note, None);
        let note = receipt_report(
            json!({"received": false, "note": " 拒收 "})
                .as_object()
                .unwrap(),
        )
        .unwrap();
        assert_eq!(note.note.as_deref(), Some("拒收"));
        let missing = receipt_report(
            json!({"received": false, "note": "  "})
                .as_object()
                .unwrap(),
        )
        .unwrap_err();
        assert_eq!(
            (missing[0].field.as_str(), &missing[0].code),
            ("note", &FieldErrorCode::Required)
        );
        let typed = receipt_report(json!({"received": "yes"}).as_object().unwrap()).unwrap_err();
        assert_eq!(typed[0].code, FieldErrorCode::InvalidType);

        let c = content_report(
            json!({"url": "https://www.douyin.com/video/1", "published_on": "2026-12-05"})
                .as_object()
                .unwrap(),
        )
        .unwrap();
        assert_eq!(
            c.published_on,
            NaiveDate::from_ymd_opt(2026, 12, 5).unwrap()
        );
        for bad in ["douyin.com/video/1", "https://", "https://a b", "ftp://x"] {
            let e = content_report(
                json!({"url": bad, "published_on": "2026-12-05"})
                    .as_object()
                    .unwrap(),
            )
            .unwrap_err();
            assert_eq!(e[0].code, FieldErrorCode::InvalidFormat, "{bad}");
        }
        let e = content_report(
            json!({"url": "https://x.cn/1", "published_on": "2026-12-32"})
                .as_object()
                .unwrap(),
        )
        .unwrap_err();
        assert_eq!(
            (e[0].field.as_str(), &e[0].code),
            ("published_on", &FieldErrorCode::InvalidFormat)
        );
    }

    #[test]
    fn keys_are_uuids() {
        assert!(is_uuid("5b0f4c7e-2d8a-4f1e-9c36-0a7d51e2b8f4"));
        assert!(is_uuid("5B0F4C7E-2D8A-4F1E-9C36-0A7D51E2B8F4"));
        assert!(!is_uuid("5b0f4c7e2d8a4f1e9c360a7d51e2b8f4"));
        assert!(!is_uuid("5b0f4c7e-2d8a-4f1e-9c36-0a7d51e2b8fg"));
        assert!(!is_uuid(""));
    }
}
