//! kuaidi100's wire format (`shared/reference/kuaidi100.md`): the real-time query's
//! `param`, its success and failure answers, and the carrier auto-detection candidates.
//!
//! These are the only serde types of the tracking client, and the sandbox's
//! kuaidi100-compatible endpoint serves exactly them. Field names are kuaidi100's own.
//! Reading is lenient, as a client of a third party must be: every field may be missing,
//! `null`, an empty string or (for text fields) a number, and unknown fields are ignored.

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

/// `resultv2` asking for the area fields and the advanced status codes (`statusCode`).
pub const RESULTV2_ADVANCED: &str = "4";
/// `resultv2` asking for the area fields only.
pub const RESULTV2_AREA: &str = "1";
/// `show`: answer JSON.
pub const SHOW_JSON: &str = "0";
/// `order`: newest event first.
pub const ORDER_DESC: &str = "desc";

/// The `param` form field of `POST /poll/query.do`: a JSON string, signed as sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueryParam {
    /// The carrier code, lower case (`shunfeng`, `yuantong`…).
    pub com: String,
    /// The tracking number (≤ 32 characters).
    pub num: String,
    /// The receiver's or sender's phone; the last 4 digits are enough. Required by 顺丰
    /// (`shunfeng`, `shunfengkuaiyun`) and 中通 (`zhongtong`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// `"1"` adds the area fields, `"4"` also the advanced status codes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resultv2: Option<String>,
    /// `"0"` = JSON.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub show: Option<String>,
    /// `"desc"` (newest first, the default) or `"asc"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order: Option<String>,
}

/// A successful query (HTTP 200).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct QueryResponse {
    /// `"ok"`.
    #[serde(default, deserialize_with = "text")]
    pub message: String,
    /// The tracking number.
    #[serde(default, deserialize_with = "text")]
    pub nu: String,
    /// `"1"` once signed for, else `"0"`.
    #[serde(default, deserialize_with = "text")]
    pub ischeck: String,
    /// The carrier code.
    #[serde(default, deserialize_with = "text")]
    pub com: String,
    /// `"200"`.
    #[serde(default, deserialize_with = "text")]
    pub status: String,
    /// The current main state code (`"0"`..`"14"`).
    #[serde(default, deserialize_with = "text")]
    pub state: String,
    /// kuaidi100's condition code (e.g. `"F00"`).
    #[serde(default, deserialize_with = "text")]
    pub condition: String,
    /// The history, newest first with `order=desc`.
    #[serde(default, deserialize_with = "events")]
    pub data: Vec<QueryEvent>,
}

/// One event of a parcel's history.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct QueryEvent {
    /// Beijing time (UTC+8) without a zone, `YYYY-MM-DD HH:MM:SS`.
    #[serde(default, deserialize_with = "text")]
    pub time: String,
    /// The same instant, formatted.
    #[serde(default, deserialize_with = "text")]
    pub ftime: String,
    /// What happened, in the carrier's words.
    #[serde(default, deserialize_with = "text")]
    pub context: String,
    /// Where, as the carrier writes it (often empty).
    #[serde(default, deserialize_with = "text")]
    pub location: String,
    /// Administrative area code (with `resultv2` 1 or 4).
    #[serde(
        rename = "areaCode",
        default,
        deserialize_with = "opt_text",
        skip_serializing_if = "Option::is_none"
    )]
    pub area_code: Option<String>,
    /// `省,市` (with `resultv2` 1 or 4), e.g. `浙江,杭州市`.
    #[serde(
        rename = "areaName",
        default,
        deserialize_with = "opt_text",
        skip_serializing_if = "Option::is_none"
    )]
    pub area_name: Option<String>,
    /// The state's Chinese word (`在途`, `签收`…).
    #[serde(default, deserialize_with = "text")]
    pub status: String,
    /// The advanced status code (with `resultv2` 4), e.g. `"1002"`.
    #[serde(
        rename = "statusCode",
        default,
        deserialize_with = "opt_text",
        skip_serializing_if = "Option::is_none"
    )]
    pub status_code: Option<String>,
}

/// A failed query or detection, also HTTP 200: a non-empty `returnCode` means failure.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Failure {
    /// `false`.
    #[serde(default, deserialize_with = "flag")]
    pub result: bool,
    /// `"400"`, `"408"`, `"500"`, `"501"`, `"502"`, `"503"`, `"601"`…
    #[serde(rename = "returnCode", default, deserialize_with = "text")]
    pub return_code: String,
    #[serde(default, deserialize_with = "text")]
    pub message: String,
}

/// One candidate of `POST /autonumber/auto` (the answer is an array, best first).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct AutonumberCandidate {
    /// The carrier code, as `com` takes it.
    #[serde(rename = "comCode", default, deserialize_with = "text")]
    pub com_code: String,
    /// The carrier's name (`圆通速递`).
    #[serde(default, deserialize_with = "text")]
    pub name: String,
    /// The number prefix that matched (`YT`).
    #[serde(rename = "noPre", default, deserialize_with = "text")]
    pub no_pre: String,
    #[serde(
        rename = "noCount",
        default,
        deserialize_with = "opt_count",
        skip_serializing_if = "Option::is_none"
    )]
    pub no_count: Option<u64>,
    #[serde(
        rename = "lengthPre",
        default,
        deserialize_with = "opt_count",
        skip_serializing_if = "Option::is_none"
    )]
    pub length_pre: Option<u64>,
}

/// A scalar as text: strings as they are, numbers and booleans written out, `null` (and
/// anything structured) as empty.
fn scalar_text(v: Value) -> String {
    match v {
        Value::String(s) => s,
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Null | Value::Array(_) | Value::Object(_) => String::new(),
    }
}

fn text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(scalar_text(Value::deserialize(d)?))
}

/// Text, with an empty (or blank) value as `None`.
fn opt_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let s = scalar_text(Value::deserialize(d)?);
    Ok((!s.trim().is_empty()).then_some(s))
}

/// `true`, `"true"` or `1` as true; anything else false.
fn flag<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::Bool(b) => b,
        Value::String(s) => s.trim().eq_ignore_ascii_case("true"),
        Value::Number(n) => n.as_u64() == Some(1),
        _ => false,
    })
}

/// A count written as a number or as digits; anything else `None`.
fn opt_count<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    })
}

/// The events; `null` or a non-array as none, and entries that are not objects skipped.
fn events<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<QueryEvent>, D::Error> {
    let Value::Array(items) = Value::deserialize(d)? else {
        return Ok(Vec::new());
    };
    Ok(items
        .into_iter()
        .filter(Value::is_object)
        .filter_map(|v| serde_json::from_value(v).ok())
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documented_success_example_reads() {
        let body = r#"{"message":"ok","nu":"YT9693083639795","ischeck":"0","com":"yuantong",
            "status":"200","state":"0","condition":"F00",
            "data":[{"time":"2026-11-28 09:12:03","ftime":"2026-11-28 09:12:03",
                     "context":"【杭州市】 快件已到达 杭州转运中心","location":"",
                     "areaCode":"CN330100000000","areaName":"浙江,杭州市","status":"在途"}]}"#;
        let r: QueryResponse = serde_json::from_str(body).unwrap();
        assert_eq!((r.state.as_str(), r.ischeck.as_str()), ("0", "0"));
        assert_eq!(r.data.len(), 1);
        assert_eq!(r.data[0].area_name.as_deref(), Some("浙江,杭州市"));
        assert_eq!(r.data[0].status_code, None);
    }

    #[test]
    fn missing_null_empty_and_numeric_fields_are_tolerated() {
        let body = r#"{"state":3,"ischeck":null,"data":[
            {"time":"2026-11-28 09:12:03","areaName":"","statusCode":301,"extra":[1]},
            "junk", {"context":null}]}"#;
        let r: QueryResponse = serde_json::from_str(body).unwrap();
        assert_eq!(r.state, "3");
        assert_eq!(r.ischeck, "");
        assert_eq!(r.data.len(), 2);
        assert_eq!(r.data[0].area_name, None);
        assert_eq!(r.data[0].status_code.as_deref(), Some("301"));
        let r: QueryResponse = serde_json::from_str(r#"{"data":null}"#).unwrap();
        assert!(r.data.is_empty());
    }

    #[test]
    fn failures_and_candidates_read() {
        let f: Failure = serde_json::from_str(
            r#"{"result":false,"returnCode":"500","message":"查询无结果，请隔段时间再查"}"#,
        )
        .unwrap();
        assert_eq!((f.result, f.return_code.as_str()), (false, "500"));
        let c: Vec<AutonumberCandidate> = serde_json::from_str(
            r#"[{"comCode":"yuantong","name":"圆通速递","noPre":"YT","noCount":"12","lengthPre":15},
                {"comCode":"zhongtong"}]"#,
        )
        .unwrap();
        assert_eq!(c[0].no_count, Some(12));
        assert_eq!(c[0].length_pre, Some(15));
        assert_eq!(c[1].name, "");
    }

    #[test]
    fn the_param_is_compact_and_in_the_documented_order() {
        let p = QueryParam {
            com: "shunfeng".into(),
            num: "SF1234567890123".into(),
            phone: Some("5678".into()),
            resultv2: Some(RESULTV2_ADVANCED.into()),
            show: Some(SHOW_JSON.into()),
            order: Some(ORDER_DESC.into()),
        };
        assert_eq!(
            serde_json::to_string(&p).unwrap(),
            r#"{"com":"shunfeng","num":"SF1234567890123","phone":"5678","resultv2":"4","show":"0","order":"desc"}"#
        );
        let without = QueryParam { phone: None, ..p };
        assert!(!serde_json::to_string(&without).unwrap().contains("phone"));
    }
}
