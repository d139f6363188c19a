//! The `/v1/applications` routes. Each one applies what the clock has made due before it
//! reads or writes, so brand and calendar changes are visible to the very next request.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{Map, Value};
use stardesk_platform::wire::{
    Application, ApplicationPage, IDEMPOTENCY_KEY, IDEMPOTENCY_KEY_INVALID, IDEMPOTENCY_KEY_MISSING,
};

use super::lifecycle::{self, Refusal};
use super::validate;
use crate::api::{lock, parse_feed, with_store, ApiError, FeedParams, Shared};
use crate::store::Cursor;

/// The body as a JSON object, or a 400 `malformed_body`.
pub(crate) fn object(body: &Bytes) -> Result<Map<String, Value>, ApiError> {
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(map)) => Ok(map),
        _ => Err(ApiError::MalformedBody),
    }
}

/// The `Idempotency-Key` header, lower-cased, or a 400 naming what is wrong with it.
pub(crate) fn idempotency_key(headers: &HeaderMap) -> Result<String, ApiError> {
    let Some(value) = headers.get(IDEMPOTENCY_KEY) else {
        return Err(ApiError::InvalidHeader {
            code: IDEMPOTENCY_KEY_MISSING,
            detail: "send a UUID made once per request, the same on every retry".into(),
        });
    };
    match value.to_str().map(str::trim) {
        Ok(key) if validate::is_uuid(key) => Ok(key.to_ascii_lowercase()),
        _ => Err(ApiError::InvalidHeader {
            code: IDEMPOTENCY_KEY_INVALID,
            detail: "the key must be a UUID, e.g. 5b0f4c7e-2d8a-4f1e-9c36-0a7d51e2b8f4".into(),
        }),
    }
}

/// `POST /v1/applications`: 201 created, or 200 for a replay of the same key and body.
pub(crate) async fn create(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let key = idempotency_key(&headers)?;
    let request =
        validate::application_request(&object(&body)?).map_err(ApiError::InvalidFields)?;
    let me = lock(&shared.me).clone();
    let (created, application) =
        with_store(&shared, move |store| store.apply(&key, &request, &me)).await?;
    if !created {
        return Ok(Json(application).into_response());
    }
    let location = HeaderValue::from_str(&format!("/v1/applications/{}", application.id))
        .map_err(|_| ApiError::Internal)?;
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        Json(application),
    )
        .into_response())
}

/// `GET /v1/applications`: the feed, paged like `/v1/tasks` (no snapshot cursors: there
/// are no tombstones to skip).
pub(crate) async fn list(
    State(shared): State<Arc<Shared>>,
    params: Result<Query<FeedParams>, QueryRejection>,
) -> Result<Json<ApplicationPage>, ApiError> {
    let Query(params) = params.map_err(|rejection| ApiError::InvalidParameter {
        name: "query",
        detail: rejection.body_text(),
    })?;
    let query = parse_feed(&params)?;
    if let Cursor::Snapshot { .. } = query.cursor {
        return Err(ApiError::InvalidParameter {
            name: "cursor",
            detail: "this cursor belongs to another feed".into(),
        });
    }
    Ok(Json(
        with_store(&shared, move |store| store.application_feed(&query)).await?,
    ))
}

pub(crate) async fn get(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
) -> Result<Json<Application>, ApiError> {
    let lookup = id.clone();
    with_store(&shared, move |store| store.application(&lookup))
        .await?
        .map(Json)
        .ok_or_else(|| ApiError::NotFound(format!("no application {id}")))
}

pub(crate) async fn withdraw(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
) -> Result<Json<Application>, ApiError> {
    let application = with_store(&shared, move |store| {
        store.act(&id, |t, _, now| lifecycle::withdraw(t, now))
    })
    .await?;
    Ok(Json(application))
}

/// R-REVIEW-16.
pub(crate) async fn receipt(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Json<Application>, ApiError> {
    let report = validate::receipt_report(&object(&body)?).map_err(ApiError::InvalidFields)?;
    let application = with_store(&shared, move |store| {
        store.act(&id, |t, _, now| {
            lifecycle::report_receipt(t, report.received, report.note, now)
        })
    })
    .await?;
    Ok(Json(application))
}

/// R-REVIEW-13..15.
pub(crate) async fn content(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Json<Application>, ApiError> {
    let report = validate::content_report(&object(&body)?).map_err(ApiError::InvalidFields)?;
    let application = with_store(&shared, move |store| {
        store.act(&id, |t, task, now| {
            lifecycle::report_content(t, task, &report.url, report.published_on, now)
        })
    })
    .await?;
    Ok(Json(application))
}

impl From<super::ActionError> for ApiError {
    fn from(err: super::ActionError) -> Self {
        match err {
            super::ActionError::Refused(Refusal::Conflict { code, detail }) => {
                ApiError::Conflict { code, detail }
            }
            super::ActionError::Refused(Refusal::Invalid(errors)) => {
                ApiError::InvalidFields(errors)
            }
            super::ActionError::KeyReused => ApiError::KeyReused,
            super::ActionError::NotFound(detail) => ApiError::NotFound(detail),
            super::ActionError::Store(err) => err.into(),
        }
    }
}
