//! A parcel typed by the creator, checked field by field: every problem as a code the form
//! shows beside its field (the window never reads an error's message).

use stardesk_domain::logistics::{guess, phone_required};
use stardesk_store::shipments::{NewShipment, LEG_OUTBOUND, LEG_RETURN};

use super::ipc::{LegCode, ParcelFieldCode, ParcelInput, ParcelProblem, ParcelProblemCode};
use super::query::last4;
use crate::context::{with_store, Context};
use crate::error::AppError;

fn problem(field: ParcelFieldCode, problem: ParcelProblemCode) -> ParcelProblem {
    ParcelProblem { field, problem }
}

/// The number as tracked: trimmed, upper case, letters and digits only, at most 32.
fn number_of(raw: &str) -> Result<String, ParcelProblemCode> {
    let number = raw.trim().to_uppercase();
    if number.is_empty() {
        Err(ParcelProblemCode::Required)
    } else if number.len() > 32 || !number.chars().all(|c| c.is_ascii_alphanumeric()) {
        Err(ParcelProblemCode::Invalid)
    } else {
        Ok(number)
    }
}

/// The last 4 digits of a phone, or of the 4 digits given.
fn phone_of(raw: Option<&str>) -> Result<Option<String>, ParcelProblemCode> {
    let Some(p) = raw.map(str::trim).filter(|p| !p.is_empty()) else {
        return Ok(None);
    };
    let digits: String = p.chars().filter(char::is_ascii_digit).collect();
    if digits.len() != p.chars().filter(|c| !c.is_whitespace()).count() {
        return Err(ParcelProblemCode::Invalid);
    }
    last4(&digits).map(Some).ok_or(ParcelProblemCode::Invalid)
}

impl Context {
    /// Every problem of a parcel as typed (`id`: the parcel it corrects); empty when it
    /// can be saved.
    pub async fn check_parcel(
        &self,
        input: ParcelInput,
        id: Option<String>,
    ) -> Result<Vec<ParcelProblem>, AppError> {
        Ok(self.parcel_from(input, id).await?.0)
    }

    /// The input checked, as the store keeps it, or every problem.
    pub(crate) async fn checked_parcel(
        &self,
        input: ParcelInput,
        id: Option<String>,
    ) -> Result<NewShipment, AppError> {
        match self.parcel_from(input, id).await? {
            (problems, Some(new)) if problems.is_empty() => Ok(new),
            (problems, _) => Err(AppError::invalid_input(format!(
                "the parcel cannot be saved: {}",
                problems
                    .iter()
                    .map(|p| format!("{} {}", p.field.as_str(), p.problem.as_str()))
                    .collect::<Vec<_>>()
                    .join(", ")
            ))),
        }
    }

    async fn parcel_from(
        &self,
        input: ParcelInput,
        id: Option<String>,
    ) -> Result<(Vec<ParcelProblem>, Option<NewShipment>), AppError> {
        let mut problems = Vec::new();
        let number = number_of(&input.tracking_no)
            .map_err(|p| problems.push(problem(ParcelFieldCode::TrackingNo, p)))
            .ok();
        let code = input.carrier.trim().to_lowercase();
        let carrier = if !code.is_empty() {
            if code.chars().all(|c| c.is_ascii_alphanumeric()) {
                Some(code)
            } else {
                problems.push(problem(
                    ParcelFieldCode::Carrier,
                    ParcelProblemCode::Invalid,
                ));
                None
            }
        } else {
            match number.as_deref().map(guess) {
                Some(found) if !found.is_empty() => Some(found[0].code.to_string()),
                Some(_) => {
                    problems.push(problem(
                        ParcelFieldCode::Carrier,
                        ParcelProblemCode::UnknownCarrier,
                    ));
                    None
                }
                None => None,
            }
        };
        let phone = phone_of(input.phone.as_deref())
            .map_err(|p| problems.push(problem(ParcelFieldCode::Phone, p)))
            .unwrap_or(None);
        let due = input
            .return_due
            .as_deref()
            .map(str::trim)
            .filter(|d| !d.is_empty());
        let return_due = match due.map(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")) {
            None if input.leg == LegCode::Return => {
                problems.push(problem(
                    ParcelFieldCode::ReturnDue,
                    ParcelProblemCode::Required,
                ));
                None
            }
            None => None,
            Some(Ok(d)) => Some(d),
            Some(Err(_)) => {
                problems.push(problem(
                    ParcelFieldCode::ReturnDue,
                    ParcelProblemCode::Invalid,
                ));
                None
            }
        };
        let application_id = input.application_id.filter(|a| !a.trim().is_empty());
        let (app_phone, tracked_by, own_phone) = {
            let app = application_id.clone();
            let no = number.clone();
            let own = id.as_deref().and_then(|i| i.parse::<i64>().ok());
            with_store(&self.reader, move |s| {
                // None: no such application; else whether its address has a phone.
                let app_phone = match &app {
                    Some(a) => s
                        .application(a)?
                        .map(|r| r.shipping.phone.chars().any(|c| c.is_ascii_digit())),
                    None => Some(false),
                };
                let by = match &no {
                    Some(n) => s.shipment_by_number(n)?.map(|r| r.id.to_string()),
                    None => None,
                };
                let own_phone = match own {
                    Some(i) => s.shipment(i)?.and_then(|r| r.phone_last4).is_some(),
                    None => false,
                };
                Ok((app_phone, by, own_phone))
            })
            .await?
        };
        if app_phone.is_none() {
            problems.push(problem(
                ParcelFieldCode::Application,
                ParcelProblemCode::NotFound,
            ));
        }
        // 顺丰 and 中通 answer only with the receiver's last 4 digits: from the
        // application's address, kept from before, or given now.
        let phone_known = phone.is_some() || own_phone || app_phone == Some(true);
        if carrier.as_deref().is_some_and(phone_required) && !phone_known {
            problems.push(problem(ParcelFieldCode::Phone, ParcelProblemCode::Required));
        }
        if tracked_by.is_some_and(|other| Some(other) != id) {
            problems.push(problem(
                ParcelFieldCode::TrackingNo,
                ParcelProblemCode::AlreadyTracked,
            ));
        }
        let new = match (number, carrier) {
            (Some(tracking_no), Some(carrier)) if problems.is_empty() => Some(NewShipment {
                application_id,
                leg: match input.leg {
                    LegCode::Outbound => LEG_OUTBOUND,
                    LegCode::Return => LEG_RETURN,
                }
                .to_string(),
                carrier,
                tracking_no,
                phone_last4: phone,
                shipped_on: None,
                return_due,
            }),
            _ => None,
        };
        Ok((problems, new))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_phones_are_read_strictly() {
        assert_eq!(number_of(" sf1234 ").as_deref(), Ok("SF1234"));
        assert_eq!(number_of(""), Err(ParcelProblemCode::Required));
        assert_eq!(number_of("SF-12"), Err(ParcelProblemCode::Invalid));
        assert_eq!(number_of(&"9".repeat(33)), Err(ParcelProblemCode::Invalid));
        assert_eq!(phone_of(Some("138 1234 5678")), Ok(Some("5678".into())));
        assert_eq!(phone_of(Some("  ")), Ok(None));
        assert_eq!(phone_of(Some("12a4")), Err(ParcelProblemCode::Invalid));
        assert_eq!(phone_of(Some("123")), Err(ParcelProblemCode::Invalid));
    }
}
