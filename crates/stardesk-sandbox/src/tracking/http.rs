//! The kuaidi100-compatible routes, outside the `/v1` gate (no bearer token: kuaidi100
//! authenticates a query by its sign). Every answer is HTTP 200, failures included, in
//! the shapes of `stardesk_platform::tracking::wire`.

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use chrono::{DateTime, TimeDelta, Utc};
use stardesk_platform::tracking::sign;
use stardesk_platform::tracking::wire::{
    AutonumberCandidate, Failure, QueryEvent, QueryParam, QueryResponse, RESULTV2_ADVANCED,
    RESULTV2_AREA,
};
use stardesk_platform::wire::CARRIERS;

use super::history::{carrier_name, state_word, Event};
use super::last4;
use super::store::Found;
use crate::api::{constant_time_eq, lock, with_store, Shared};

/// The carrier codes the service knows besides [`CARRIERS`]; a parcel shipped with any
/// other code is still found under its own code.
const MORE_CARRIERS: [&str; 2] = ["shunfengkuaiyun", "youzhengguonei"];
/// Carriers that check the phone (408 without its right last 4 digits).
const PHONE_CHECKED: [&str; 3] = ["shunfeng", "shunfengkuaiyun", "zhongtong"];

const NO_RESULT: &str = "查询无结果，请隔段时间再查";

pub(crate) fn routes() -> Router<Arc<Shared>> {
    Router::new()
        .route("/poll/query.do", post(query))
        .route("/autonumber/auto", post(autonumber))
}

/// kuaidi100's failure answer (HTTP 200).
fn fail(code: u16, message: &str) -> Response {
    Json(Failure {
        result: false,
        return_code: code.to_string(),
        message: message.to_owned(),
    })
    .into_response()
}

/// The message of a `returnCode` the sandbox was told to fail with.
fn injected_message(code: u16) -> &'static str {
    match code {
        501 => "服务器错误，请稍后再试",
        502 => "服务器繁忙，请稍后再试",
        503 => "验证签名失败",
        601 => "key 已过期或账户余额不足",
        500 => NO_RESULT,
        _ => "请求失败",
    }
}

/// An `application/x-www-form-urlencoded` body; the first value of a repeated field wins.
fn form(body: &Bytes) -> HashMap<String, String> {
    let mut fields = HashMap::new();
    for (k, v) in url::form_urlencoded::parse(body) {
        fields
            .entry(k.into_owned())
            .or_insert_with(|| v.into_owned());
    }
    fields
}

fn field<'a>(form: &'a HashMap<String, String>, name: &str) -> &'a str {
    form.get(name).map_or("", String::as_str)
}

/// The next injected failure, if any.
fn injected(shared: &Shared) -> Option<Response> {
    let code = lock(&shared.tracking.fail_next).pop_front()?;
    tracing::debug!(code, "injected tracking failure");
    Some(fail(code, injected_message(code)))
}

fn beijing(at: DateTime<Utc>) -> String {
    (at + TimeDelta::hours(8))
        .naive_utc()
        .format("%Y-%m-%d %H:%M:%S")
        .to_string()
}

/// `POST /poll/query.do` with `customer`, `param`, `sign`.
async fn query(State(shared): State<Arc<Shared>>, body: Bytes) -> Response {
    let form = form(&body);
    let t = &shared.tracking;
    let (customer, param) = (field(&form, "customer"), field(&form, "param"));
    let expected = sign(param, &t.key, &t.customer);
    let signed = constant_time_eq(customer.as_bytes(), t.customer.as_bytes())
        && constant_time_eq(field(&form, "sign").as_bytes(), expected.as_bytes());
    if !signed {
        return fail(503, "验证签名失败");
    }
    let Ok(p) = serde_json::from_str::<QueryParam>(param) else {
        return fail(400, "参数错误：param 须为含 com 与 num 的 JSON");
    };
    let num = p.num.trim().to_owned();
    if num.is_empty() {
        return fail(400, "参数错误：缺少单号 num");
    }
    *lock(&t.queries).entry(num.clone()).or_insert(0) += 1;
    if let Some(res) = injected(&shared) {
        return res;
    }
    let lookup = num.clone();
    let found = match with_store(&shared, move |s| s.parcel(&lookup)).await {
        Ok(found) => found,
        Err(_) => return fail(501, injected_message(501)),
    };
    let com = p.com.as_str();
    let shipped_with = |f: &Found| f.app.shipment.as_ref().map(|s| s.carrier.clone());
    let known = CARRIERS.contains(&com) || MORE_CARRIERS.contains(&com);
    if !known && found.as_ref().and_then(shipped_with).as_deref() != Some(com) {
        return fail(400, "找不到对应公司：不支持的快递公司编码");
    }
    let Some(found) = found.filter(|f| shipped_with(f).as_deref() == Some(com)) else {
        return fail(500, NO_RESULT);
    };
    if PHONE_CHECKED.contains(&com) {
        let given = p.phone.as_deref().map(last4).unwrap_or_default();
        if given.len() < 4 || given != last4(&found.app.shipping.phone) {
            return fail(
                408,
                "手机号验证失败：该快递公司需提供收件人或寄件人手机号后四位",
            );
        }
    }
    if found.events.is_empty() {
        return fail(500, NO_RESULT);
    }
    let resultv2 = p.resultv2.as_deref().unwrap_or("0").trim();
    let ascending = p.order.as_deref().map(str::trim) == Some("asc");
    Json(answer(&found, com, &num, resultv2, ascending)).into_response()
}

/// A found parcel's success answer.
fn answer(found: &Found, com: &str, num: &str, resultv2: &str, ascending: bool) -> QueryResponse {
    let areas = resultv2 == RESULTV2_AREA || resultv2 == RESULTV2_ADVANCED;
    let codes = resultv2 == RESULTV2_ADVANCED;
    let signed = found
        .events
        .iter()
        .any(|e| e.state == 3 || (e.state == 4 && e.code != Some(401)));
    let data_event = |e: &Event| QueryEvent {
        time: beijing(e.at),
        ftime: beijing(e.at),
        context: e.context.clone(),
        location: String::new(),
        area_code: areas.then(|| e.place.area_code()),
        area_name: areas.then(|| e.place.area_name()),
        status: state_word(e.state).to_owned(),
        status_code: codes.then(|| e.code.unwrap_or(e.state).to_string()),
    };
    let mut data: Vec<QueryEvent> = found.events.iter().map(data_event).collect();
    if ascending {
        data.reverse();
    }
    QueryResponse {
        message: "ok".into(),
        nu: num.to_owned(),
        ischeck: if signed { "1" } else { "0" }.into(),
        com: com.to_owned(),
        status: "200".into(),
        state: found.events.first().map_or(0, |e| e.state).to_string(),
        condition: "F00".into(),
        data,
    }
}

/// `POST /autonumber/auto` with `num` and `key`: the carrier of a sandbox parcel, or `[]`.
async fn autonumber(State(shared): State<Arc<Shared>>, body: Bytes) -> Response {
    let form = form(&body);
    let t = &shared.tracking;
    if !constant_time_eq(field(&form, "key").as_bytes(), t.key.as_bytes()) {
        return fail(503, "验证失败：key 不正确");
    }
    let num = field(&form, "num").trim().to_owned();
    if num.is_empty() {
        return fail(400, "参数错误：缺少单号 num");
    }
    if let Some(res) = injected(&shared) {
        return res;
    }
    let lookup = num.clone();
    let found = match with_store(&shared, move |s| s.parcel(&lookup)).await {
        Ok(found) => found,
        Err(_) => return fail(501, injected_message(501)),
    };
    let candidates: Vec<AutonumberCandidate> = found
        .and_then(|f| f.app.shipment)
        .map(|s| {
            let letters: String = num.chars().take_while(char::is_ascii_alphabetic).collect();
            let no_pre = if letters.is_empty() {
                num.chars().take(2).collect()
            } else {
                letters
            };
            AutonumberCandidate {
                name: carrier_name(&s.carrier).to_owned(),
                com_code: s.carrier,
                no_pre,
                no_count: None,
                length_pre: Some(num.chars().count() as u64),
            }
        })
        .into_iter()
        .collect();
    Json(candidates).into_response()
}
