//! The address book: several shipping addresses with one default, chosen from the GB/T
//! 2260 regions; and saved snippets for an application's strengths and idea. Addresses are
//! personal data: kept in the encrypted store, masked in lists, deletable.

pub mod ipc;

use stardesk_domain::campaign::regions;
use stardesk_domain::campaign::{self, FieldError, FormField, FormProblem};
use stardesk_store::addresses::{self as store, AddressRecord, SnippetRecord};

use crate::context::{with_store, Context};
use crate::error::{AppError, ErrorCode};
use crate::events::{AppEvent, DataArea};
use crate::settlements::now;
use ipc::*;

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// A domain form error as the window shows it.
pub(crate) fn field_problem(e: &FieldError) -> FieldProblem {
    let field = match e.field {
        FormField::ContactName => FormFieldCode::ContactName,
        FormField::Phone => FormFieldCode::Phone,
        FormField::RegionCode => FormFieldCode::RegionCode,
        FormField::Detail => FormFieldCode::Detail,
        FormField::Strengths => FormFieldCode::Strengths,
        FormField::Idea => FormFieldCode::Idea,
    };
    let (problem, min, max) = match e.problem {
        FormProblem::Empty => (FormProblemCode::Empty, None, None),
        FormProblem::TooShort { min } => (FormProblemCode::TooShort, Some(to_u32(min)), None),
        FormProblem::TooLong { max } => (FormProblemCode::TooLong, None, Some(to_u32(max))),
        FormProblem::NotAMobile => (FormProblemCode::NotAMobile, None, None),
        FormProblem::UnknownRegion => (FormProblemCode::UnknownRegion, None, None),
        FormProblem::NotCountyLevel => (FormProblemCode::NotCountyLevel, None, None),
    };
    FieldProblem {
        field,
        problem,
        min,
        max,
    }
}

/// `invalid_input` naming every field at fault (for callers that do not check first).
pub(crate) fn form_error(problems: &[FieldProblem]) -> AppError {
    let list: Vec<String> = problems
        .iter()
        .map(|p| format!("{}: {}", p.field, p.problem))
        .collect();
    AppError::invalid_input(format!("the form has problems: {}", list.join("; ")))
}

fn address_problems(input: &AddressInput) -> Vec<FieldProblem> {
    campaign::validate_address(
        &input.contact_name,
        &input.phone,
        &input.region_code,
        &input.detail,
    )
    .iter()
    .map(field_problem)
    .collect()
}

fn view(a: &AddressRecord) -> AddressView {
    let path = regions::district_path(&a.region_code);
    let name = |f: fn(&regions::RegionPath) -> &'static str| {
        path.as_ref().map(f).unwrap_or_default().to_string()
    };
    AddressView {
        id: a.id.to_string(),
        label: a.label.clone(),
        contact_name: a.contact_name.clone(),
        phone_masked: campaign::mask_phone(&a.phone),
        region_code: a.region_code.clone(),
        province: name(|p| p.province.name),
        city: name(|p| p.city.name),
        district: name(|p| p.district.name),
        is_default: a.is_default,
        updated_at: a.updated_at.clone(),
    }
}

fn parse_id(id: &str, what: &str) -> Result<i64, AppError> {
    id.trim()
        .parse()
        .map_err(|_| AppError::invalid_input(format!("{id:?} is not {what} id")))
}

fn kind_of(kind: SnippetKind) -> store::SnippetKind {
    match kind {
        SnippetKind::Strengths => store::SnippetKind::Strengths,
        SnippetKind::Idea => store::SnippetKind::Idea,
    }
}

fn snippet_view(s: &SnippetRecord) -> SnippetView {
    SnippetView {
        id: s.id.to_string(),
        kind: match s.kind {
            store::SnippetKind::Strengths => SnippetKind::Strengths,
            store::SnippetKind::Idea => SnippetKind::Idea,
        },
        title: s.title.clone(),
        body: s.body.clone(),
        last_used_at: s.last_used_at.clone(),
    }
}

/// The GB/T 2260 tree, province → city → district.
pub fn region_tree() -> Vec<ProvinceView> {
    regions::provinces()
        .iter()
        .map(|p| ProvinceView {
            code: p.code.to_string(),
            name: p.name.to_string(),
            cities: regions::children(p)
                .iter()
                .map(|c| CityView {
                    code: c.code.to_string(),
                    name: c.name.to_string(),
                    districts: regions::children(c)
                        .iter()
                        .map(|d| DistrictView {
                            code: d.code.to_string(),
                            name: d.name.to_string(),
                        })
                        .collect(),
                })
                .filter(|c| !c.districts.is_empty())
                .collect(),
        })
        .collect()
}

impl Context {
    fn address_book_changed(&self) {
        self.emit(AppEvent::data_changed(&[DataArea::AddressBook]));
    }

    /// Every saved address, the default first; phones masked, no street.
    pub async fn addresses(&self) -> Result<Vec<AddressView>, AppError> {
        let records = with_store(&self.reader, |s| s.addresses()).await?;
        Ok(records.iter().map(view).collect())
    }

    /// One address in full, for the creator to edit it.
    pub async fn address(&self, id: String) -> Result<AddressInput, AppError> {
        let n = parse_id(&id, "an address")?;
        let record = with_store(&self.reader, move |s| s.address(n))
            .await?
            .ok_or_else(|| AppError::new(ErrorCode::NotFound, format!("no address {id}")))?;
        Ok(AddressInput {
            id: Some(record.id.to_string()),
            label: record.label,
            contact_name: record.contact_name,
            phone: record.phone,
            region_code: record.region_code,
            detail: record.detail,
            make_default: record.is_default,
        })
    }

    /// The problems of an address, by field (R-REVIEW-12); empty when it can be saved.
    pub async fn check_address(
        &self,
        address: AddressInput,
    ) -> Result<Vec<FieldProblem>, AppError> {
        Ok(address_problems(&address))
    }

    /// Saves an address (new, or a replacement of `id`); refused with every field at
    /// fault when a field is wrong.
    pub async fn save_address(&self, address: AddressInput) -> Result<AddressView, AppError> {
        let problems = address_problems(&address);
        if !problems.is_empty() {
            return Err(form_error(&problems));
        }
        let id = address
            .id
            .as_deref()
            .map(|id| parse_id(id, "an address"))
            .transpose()?;
        let at = now();
        let saved = with_store(&self.writer, move |s| {
            let input = store::AddressInput {
                id,
                label: address.label.trim(),
                contact_name: address.contact_name.trim(),
                phone: address.phone.trim(),
                region_code: address.region_code.trim(),
                detail: address.detail.trim(),
                make_default: address.make_default,
            };
            match s.save_address(&input, &at)? {
                Some(id) => s.address(id),
                None => Ok(None),
            }
        })
        .await?
        .ok_or_else(|| AppError::new(ErrorCode::NotFound, "no such address to edit"))?;
        self.address_book_changed();
        Ok(view(&saved))
    }

    pub async fn set_default_address(&self, id: String) -> Result<(), AppError> {
        let n = parse_id(&id, "an address")?;
        if with_store(&self.writer, move |s| s.set_default_address(n)).await? {
            self.address_book_changed();
            Ok(())
        } else {
            Err(AppError::new(
                ErrorCode::NotFound,
                format!("no address {id}"),
            ))
        }
    }

    /// Deletes an address (the oldest left becomes the default if it was).
    pub async fn delete_address(&self, id: String) -> Result<(), AppError> {
        let n = parse_id(&id, "an address")?;
        if with_store(&self.writer, move |s| s.delete_address(n)).await? {
            self.address_book_changed();
            Ok(())
        } else {
            Err(AppError::new(
                ErrorCode::NotFound,
                format!("no address {id}"),
            ))
        }
    }

    /// The GB/T 2260 regions to pick an address from.
    pub async fn regions(&self) -> Result<Vec<ProvinceView>, AppError> {
        tokio::task::spawn_blocking(region_tree)
            .await
            .map_err(|e| AppError::new(ErrorCode::Internal, e.to_string()))
    }

    /// Every saved snippet, the most recently used first.
    pub async fn snippets(&self) -> Result<Vec<SnippetView>, AppError> {
        let records = with_store(&self.reader, |s| s.snippets(None)).await?;
        Ok(records.iter().map(snippet_view).collect())
    }

    /// Saves a snippet (new, or a replacement of `id`).
    pub async fn save_snippet(&self, snippet: SnippetInput) -> Result<SnippetView, AppError> {
        let title = snippet.title.trim().to_string();
        let body = snippet.body.trim().to_string();
        if title.is_empty() || body.is_empty() {
            return Err(AppError::invalid_input(
                "a snippet needs a title and a text",
            ));
        }
        let id = snippet
            .id
            .as_deref()
            .map(|id| parse_id(id, "a snippet"))
            .transpose()?;
        let kind = kind_of(snippet.kind);
        let at = now();
        let saved = with_store(&self.writer, move |s| {
            let Some(id) = s.save_snippet(id, kind, &title, &body, &at)? else {
                return Ok(None);
            };
            Ok(s.snippets(None)?.into_iter().find(|r| r.id == id))
        })
        .await?
        .ok_or_else(|| AppError::new(ErrorCode::NotFound, "no such snippet to edit"))?;
        self.address_book_changed();
        Ok(snippet_view(&saved))
    }

    pub async fn delete_snippet(&self, id: String) -> Result<(), AppError> {
        let n = parse_id(&id, "a snippet")?;
        if with_store(&self.writer, move |s| s.delete_snippet(n)).await? {
            self.address_book_changed();
            Ok(())
        } else {
            Err(AppError::new(
                ErrorCode::NotFound,
                format!("no snippet {id}"),
            ))
        }
    }
}
