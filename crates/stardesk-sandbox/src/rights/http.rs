//! The `/v1/rights/*` and `/v1/agencies` routes. Each applies what the clock has made due
//! before it reads or writes (a dispatch past its hour, a card past its last day).

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::{Map, Value};
use stardesk_domain::rights::{BenefitTable, DISPATCH_PERIOD_DAYS};
use stardesk_platform::wire::{
    AgencyDirectory, BenefitCard, BenefitList, DispatchWindows, FeaturedCaseState, FieldError,
    FieldErrorCode, Invitation, InvitationList, RightsMetrics, StarIndex, StarIndexHistory,
    FEATURED_CASE_MAX_CHARS, STAR_INDEX_HISTORY_DEFAULT_DAYS, STAR_INDEX_HISTORY_MAX_DAYS,
};

use super::derived;
use super::store::RightsError;
use crate::api::{lock, with_store, ApiError, Shared};
use crate::applications::http::{idempotency_key, object};

impl From<RightsError> for ApiError {
    fn from(err: RightsError) -> Self {
        match err {
            RightsError::Conflict { code, detail } => ApiError::Conflict { code, detail },
            RightsError::KeyReused => ApiError::KeyReused,
            RightsError::NotFound(detail) => ApiError::NotFound(detail),
            RightsError::Store(err) => err.into(),
        }
    }
}

/// R-LEVEL-2, R-LEVEL-3.
pub(crate) async fn metrics(
    State(shared): State<Arc<Shared>>,
) -> Result<Json<RightsMetrics>, ApiError> {
    Ok(Json(with_store(&shared, |s| s.rights_metrics()).await?))
}

/// R-LEVEL-4 to R-LEVEL-6.
pub(crate) async fn benefits(
    State(shared): State<Arc<Shared>>,
) -> Result<Json<BenefitList>, ApiError> {
    let items = with_store(&shared, |s| s.benefits()).await?;
    Ok(Json(BenefitList { items }))
}

/// R-LEVEL-5: claiming, idempotent by key.
pub(crate) async fn claim(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Json<BenefitCard>, ApiError> {
    let key = idempotency_key(&headers)?;
    Ok(Json(
        with_store(&shared, move |s| s.claim_benefit(&key, &id)).await?,
    ))
}

/// R-LEVEL-4, R-LEVEL-7: the periods, promised by the creator's level now.
pub(crate) async fn dispatches(
    State(shared): State<Arc<Shared>>,
) -> Result<Json<DispatchWindows>, ApiError> {
    let level = lock(&shared.me).level;
    let promised = BenefitTable::published().dispatches_promised(level);
    let windows = with_store(&shared, move |s| {
        let anchor = s.rights_anchor()?;
        Ok::<_, ApiError>(derived::dispatch_windows(
            s.seed,
            anchor,
            s.today(),
            promised,
            DISPATCH_PERIOD_DAYS,
        ))
    })
    .await?;
    Ok(Json(DispatchWindows { windows }))
}

/// R-LEVEL-9: today's index.
pub(crate) async fn star_index(
    State(shared): State<Arc<Shared>>,
) -> Result<Json<StarIndex>, ApiError> {
    let index = with_store(&shared, |s| {
        let anchor = s.rights_anchor()?;
        Ok::<_, ApiError>(derived::star_index(s.seed, anchor, s.today()))
    })
    .await?;
    Ok(Json(index))
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct HistoryParams {
    days: Option<String>,
}

/// R-LEVEL-9: past days, for a client to seed its chart (optional in the API).
pub(crate) async fn star_history(
    State(shared): State<Arc<Shared>>,
    params: Result<Query<HistoryParams>, QueryRejection>,
) -> Result<Json<StarIndexHistory>, ApiError> {
    let Query(params) = params.map_err(|rejection| ApiError::InvalidParameter {
        name: "query",
        detail: rejection.body_text(),
    })?;
    let days = match params.days.as_deref().filter(|d| !d.is_empty()) {
        None => STAR_INDEX_HISTORY_DEFAULT_DAYS,
        Some(d) => d
            .parse::<u32>()
            .ok()
            .filter(|n| (1..=STAR_INDEX_HISTORY_MAX_DAYS).contains(n))
            .ok_or_else(|| ApiError::InvalidParameter {
                name: "days",
                detail: format!("{d:?} is not an integer from 1 to {STAR_INDEX_HISTORY_MAX_DAYS}"),
            })?,
    };
    let items = with_store(&shared, move |s| {
        let anchor = s.rights_anchor()?;
        Ok::<_, ApiError>(derived::star_history(s.seed, anchor, s.today(), days))
    })
    .await?;
    Ok(Json(StarIndexHistory { items }))
}

/// R-PREF-2, R-PREF-4.
pub(crate) async fn invitations(
    State(shared): State<Arc<Shared>>,
) -> Result<Json<InvitationList>, ApiError> {
    Ok(Json(with_store(&shared, |s| s.invitations()).await?))
}

async fn answer(
    shared: Arc<Shared>,
    id: String,
    headers: &HeaderMap,
    accept: bool,
) -> Result<Json<Invitation>, ApiError> {
    let key = idempotency_key(headers)?;
    Ok(Json(
        with_store(&shared, move |s| s.answer_invitation(&key, &id, accept)).await?,
    ))
}

/// R-PREF-4: within the hour for a dispatch.
pub(crate) async fn accept(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Json<Invitation>, ApiError> {
    answer(shared, id, &headers, true).await
}

/// R-PREF-2, R-PREF-5.
pub(crate) async fn decline(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Json<Invitation>, ApiError> {
    answer(shared, id, &headers, false).await
}

/// R-LEVEL-8.
pub(crate) async fn featured_case(
    State(shared): State<Arc<Shared>>,
) -> Result<Json<FeaturedCaseState>, ApiError> {
    let case = with_store(&shared, |s| s.featured_case()).await?;
    Ok(Json(FeaturedCaseState { case }))
}

/// The featured case's `text`: present, a string, not blank, at most 2,000 characters.
fn case_text(body: &Map<String, Value>) -> Result<String, ApiError> {
    let fault = |code: FieldErrorCode, message: &str| {
        ApiError::InvalidFields(vec![FieldError {
            field: "text".into(),
            code,
            message: message.into(),
        }])
    };
    let limit = format!("must be 1 to {FEATURED_CASE_MAX_CHARS} characters");
    match body.get("text") {
        None | Some(Value::Null) => Err(fault(FieldErrorCode::Required, &limit)),
        Some(Value::String(t)) if t.trim().is_empty() => {
            Err(fault(FieldErrorCode::Required, &limit))
        }
        Some(Value::String(t)) if t.chars().count() > FEATURED_CASE_MAX_CHARS => {
            Err(fault(FieldErrorCode::TooLong, &limit))
        }
        Some(Value::String(t)) => Ok(t.clone()),
        Some(_) => Err(fault(FieldErrorCode::InvalidType, "must be a string")),
    }
}

/// R-LEVEL-8: 201 submitted, 200 for the same text again.
pub(crate) async fn submit_featured_case(
    State(shared): State<Arc<Shared>>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let text = case_text(&object(&body)?)?;
    let (created, case) = with_store(&shared, move |s| s.submit_featured_case(&text)).await?;
    let status = if created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(case)).into_response())
}

/// R-MCN-1, R-MCN-2.
pub(crate) async fn agencies(
    State(shared): State<Arc<Shared>>,
) -> Result<Json<AgencyDirectory>, ApiError> {
    let items = with_store(&shared, |s| {
        let anchor = s.rights_anchor()?;
        Ok::<_, ApiError>(derived::agencies(s.seed, anchor, s.today()))
    })
    .await?;
    Ok(Json(AgencyDirectory { items }))
}
