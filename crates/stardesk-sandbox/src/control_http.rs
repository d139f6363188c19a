//! The control surface over HTTP, for end-to-end tests that run the sandbox as a separate
//! process (`stardesk-sandbox --control`): a few [`Control`] methods as `/control` routes,
//! behind the same bearer token as `/v1` (no faults, not counted as `/v1` requests).
//! Served only when `SandboxConfig::control_http` is set, which `start` allows only on a
//! loopback address; otherwise these paths are 404 like any unknown route.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, Request, State};
use axum::http::StatusCode;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use rust_decimal::Decimal;
use serde::Deserialize;
use serde_json::json;
use stardesk_platform::wire::InvitationKind;

use crate::api::{authorize, problem, problem_type, Shared};
use crate::{Control, ControlError, ParcelIncident};

pub(crate) fn routes(shared: Arc<Shared>) -> Router<Arc<Shared>> {
    Router::new()
        .route("/control/clock", get(clock).post(move_clock))
        .route("/control/brand_autopilot", post(autopilot))
        .route("/control/applications/{id}/select", post(select))
        .route("/control/applications/{id}/ship", post(ship))
        .route("/control/applications/{id}/deliver", post(deliver))
        .route("/control/parcels", get(parcels))
        .route("/control/parcels/{tracking_no}/incident", post(incident))
        .route("/control/tracking/fail_next", post(fail_next))
        .route("/control/rights/invitations", post(invite))
        .route("/control/rights/benefits/{id}/expire", post(expire_benefit))
        .route_layer(middleware::from_fn_with_state(shared, gate))
}

async fn gate(State(shared): State<Arc<Shared>>, req: Request, next: Next) -> Response {
    if let Err(err) = authorize(req.headers(), &shared.token) {
        return err.into_response();
    }
    next.run(req).await
}

fn control(shared: Arc<Shared>) -> Control {
    Control { shared }
}

/// Why a control request was not carried out.
#[derive(Debug)]
enum Refused {
    BadRequest(String),
    Control(ControlError),
}

impl From<ControlError> for Refused {
    fn from(err: ControlError) -> Self {
        Refused::Control(err)
    }
}

impl IntoResponse for Refused {
    fn into_response(self) -> Response {
        let (status, kind, title) = match &self {
            Refused::BadRequest(_) | Refused::Control(ControlError::Invalid(_)) => (
                StatusCode::BAD_REQUEST,
                problem_type::MALFORMED_BODY,
                "Bad Request",
            ),
            Refused::Control(
                ControlError::NotFound(_) | ControlError::NoParcel(_) | ControlError::Missing(_),
            ) => (StatusCode::NOT_FOUND, problem_type::NOT_FOUND, "Not Found"),
            Refused::Control(ControlError::WrongState { .. }) => {
                (StatusCode::CONFLICT, problem_type::CONFLICT, "Conflict")
            }
            Refused::Control(ControlError::Storage(_)) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                problem_type::INTERNAL,
                "Internal Server Error",
            ),
        };
        let detail = match self {
            Refused::BadRequest(detail) => detail,
            Refused::Control(err) => err.to_string(),
        };
        problem(status, kind, title, Some(detail))
    }
}

type Answer = Result<Response, Refused>;

/// The body as `T`; an empty body as `{}`.
fn body<T: for<'de> Deserialize<'de>>(bytes: &Bytes) -> Result<T, Refused> {
    let raw: &[u8] = if bytes.iter().all(u8::is_ascii_whitespace) {
        b"{}"
    } else {
        bytes
    };
    serde_json::from_slice(raw).map_err(|e| Refused::BadRequest(e.to_string()))
}

/// Runs a `Control` call off the async workers (it takes the store's lock).
async fn blocking<T: Send + 'static>(
    shared: Arc<Shared>,
    f: impl FnOnce(Control) -> Result<T, ControlError> + Send + 'static,
) -> Result<T, Refused> {
    tokio::task::spawn_blocking(move || f(control(shared)))
        .await
        .map_err(|_| ControlError::Storage("the control task failed".into()))?
        .map_err(Refused::from)
}

async fn clock(State(shared): State<Arc<Shared>>) -> Json<serde_json::Value> {
    Json(json!({ "now": control(shared).now() }))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ClockMove {
    advance_hours: Option<f64>,
    set: Option<DateTime<Utc>>,
}

/// `{"advance_hours": N}` (may be fractional or negative) or `{"set": "RFC3339"}`.
async fn move_clock(State(shared): State<Arc<Shared>>, bytes: Bytes) -> Answer {
    let m: ClockMove = body(&bytes)?;
    let by = match m.advance_hours.map(|h| (h * 3600.0).round()) {
        Some(s) if s.is_finite() && s.abs() < 1e10 => Some(TimeDelta::seconds(s as i64)),
        Some(_) => return Err(Refused::BadRequest("advance_hours is out of range".into())),
        None => None,
    };
    let now = blocking(shared, move |c| {
        match (m.set, by) {
            (Some(at), None) => c.set_now(at),
            (None, Some(by)) => c.advance(by),
            _ => {
                return Err(ControlError::Invalid(
                    "send either advance_hours or set".into(),
                ))
            }
        }
        Ok(c.now())
    })
    .await?;
    Ok(Json(json!({ "now": now })).into_response())
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Autopilot {
    on: bool,
}

async fn autopilot(State(shared): State<Arc<Shared>>, bytes: Bytes) -> Answer {
    let a: Autopilot = body(&bytes)?;
    control(shared).set_brand_autopilot(a.on);
    Ok(Json(json!({ "on": a.on })).into_response())
}

async fn select(State(shared): State<Arc<Shared>>, Path(id): Path<String>) -> Answer {
    let app = blocking(shared, move |c| c.select(&id)).await?;
    Ok(Json(app).into_response())
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ShipBody {
    carrier: Option<String>,
    tracking_no: Option<String>,
    shipped_at: Option<NaiveDate>,
}

/// Ships with the given carrier and number, or the brand's own (`lifecycle::parcel`);
/// `shipped_at` defaults to today.
async fn ship(State(shared): State<Arc<Shared>>, Path(id): Path<String>, bytes: Bytes) -> Answer {
    let b: ShipBody = body(&bytes)?;
    let app = blocking(shared, move |c| {
        let (carrier, number) = match (b.carrier, b.tracking_no) {
            (Some(carrier), Some(number)) => (carrier, number),
            (None, None) => c.brand_parcel(&id),
            _ => {
                return Err(ControlError::Invalid(
                    "send carrier and tracking_no together, or neither".into(),
                ))
            }
        };
        let on = b.shipped_at.unwrap_or_else(|| c.today());
        c.ship(&id, &carrier, &number, on)
    })
    .await?;
    Ok(Json(app).into_response())
}

async fn deliver(State(shared): State<Arc<Shared>>, Path(id): Path<String>) -> Answer {
    let app = blocking(shared, move |c| c.deliver(&id)).await?;
    Ok(Json(app).into_response())
}

async fn parcels(State(shared): State<Arc<Shared>>) -> Answer {
    let parcels = blocking(shared, |c| Ok(c.parcels())).await?;
    Ok(Json(parcels).into_response())
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct IncidentBody {
    kind: String,
    code: Option<u8>,
}

/// `{"kind": "returned"}`, one of [`ParcelIncident::KINDS`] (customs with `"code"`).
async fn incident(
    State(shared): State<Arc<Shared>>,
    Path(tracking_no): Path<String>,
    bytes: Bytes,
) -> Answer {
    let b: IncidentBody = body(&bytes)?;
    let Some(incident) = ParcelIncident::from_kind(&b.kind, b.code) else {
        return Err(Refused::BadRequest(format!(
            "kind {:?} is not one of {}",
            b.kind,
            ParcelIncident::KINDS.join(", ")
        )));
    };
    let parcel = blocking(shared, move |c| {
        c.parcel_incident(&tracking_no, incident)?;
        Ok(c.parcel(&tracking_no))
    })
    .await?;
    Ok(Json(parcel).into_response())
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FailNext {
    return_code: u16,
    times: Option<u32>,
}

/// `{"return_code": 601, "times": 1}`: see `Control::tracking_fail_next`.
async fn fail_next(State(shared): State<Arc<Shared>>, bytes: Bytes) -> Answer {
    let f: FailNext = body(&bytes)?;
    let times = f.times.unwrap_or(1);
    control(shared).tracking_fail_next(f.return_code, times);
    Ok(Json(json!({ "return_code": f.return_code, "times": times })).into_response())
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct InviteBody {
    kind: Option<InvitationKind>,
    /// Yuan, a decimal string.
    price: Option<Decimal>,
}

/// `{"kind": "dispatch", "price": "8800"}`, both optional (a dispatch at the offer's own
/// price): the platform sends the creator a preferred-order invitation now (R-PREF-4: a
/// dispatch's hour starts). Answers the invitation.
async fn invite(State(shared): State<Arc<Shared>>, bytes: Bytes) -> Answer {
    let b: InviteBody = body(&bytes)?;
    let kind = b.kind.unwrap_or(InvitationKind::Dispatch);
    let invitation = blocking(shared, move |c| c.invite(kind, b.price)).await?;
    Ok(Json(invitation).into_response())
}

/// The card expires now (see `Control::expire_benefit`). Answers the card.
async fn expire_benefit(State(shared): State<Arc<Shared>>, Path(id): Path<String>) -> Answer {
    let card = blocking(shared, move |c| c.expire_benefit(&id)).await?;
    Ok(Json(card).into_response())
}
