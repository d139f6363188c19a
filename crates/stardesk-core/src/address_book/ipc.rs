//! The address book's IPC types: shipping addresses (masked in lists), the GB/T 2260
//! regions to pick from, saved snippets, and form problems by field.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::bindings::{TsModule, TsType};

/// An address as lists show it: the phone masked, the district but not the street.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AddressView {
    pub id: String,
    pub label: String,
    pub contact_name: String,
    /// `138****5678`.
    pub phone_masked: String,
    pub region_code: String,
    pub province: String,
    pub city: String,
    pub district: String,
    pub is_default: bool,
    pub updated_at: String,
}

/// An address as typed (to save) or as the edit dialog shows it (the one place the full
/// phone and street leave the core, for the creator's own editing).
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AddressInput {
    /// `None` for a new address.
    pub id: Option<String>,
    pub label: String,
    pub contact_name: String,
    pub phone: String,
    /// A county-level GB/T 2260 code.
    pub region_code: String,
    pub detail: String,
    pub make_default: bool,
}

impl std::fmt::Debug for AddressInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AddressInput")
            .field("id", &self.id)
            .field("label", &self.label)
            .field("region_code", &self.region_code)
            .finish_non_exhaustive()
    }
}

crate::code_enum! {
    /// A field of the application form (and of an address).
    pub enum FormFieldCode {
        ContactName = "contact_name",
        Phone = "phone",
        RegionCode = "region_code",
        Detail = "detail",
        Strengths = "strengths",
        Idea = "idea",
    }
}

crate::code_enum! {
    /// What is wrong with a field (R-REVIEW-12).
    pub enum FormProblemCode {
        Empty = "empty",
        /// Fewer characters than `min`.
        TooShort = "too_short",
        /// More characters than `max`.
        TooLong = "too_long",
        /// Not a mainland mobile: 11 digits, 1[3-9] then 9 more.
        NotAMobile = "not_a_mobile",
        UnknownRegion = "unknown_region",
        /// A province or city: an address names a county-level division.
        NotCountyLevel = "not_county_level",
    }
}

/// One field's problem, for the form to show beside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FieldProblem {
    pub field: FormFieldCode,
    pub problem: FormProblemCode,
    pub min: Option<u32>,
    pub max: Option<u32>,
}

/// A county-level division to pick.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DistrictView {
    pub code: String,
    pub name: String,
}

/// A prefecture-level division with its districts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CityView {
    pub code: String,
    pub name: String,
    pub districts: Vec<DistrictView>,
}

/// A province with its cities: the tree the address picker shows (GB/T 2260, NBS 2023).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ProvinceView {
    pub code: String,
    pub name: String,
    pub cities: Vec<CityView>,
}

crate::code_enum! {
    /// Which application text a snippet is for.
    pub enum SnippetKind {
        /// 合作优势.
        Strengths = "strengths",
        /// 创作思路.
        Idea = "idea",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SnippetView {
    pub id: String,
    pub kind: SnippetKind,
    pub title: String,
    pub body: String,
    pub last_used_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SnippetInput {
    /// `None` for a new snippet.
    pub id: Option<String>,
    pub kind: SnippetKind,
    pub title: String,
    pub body: String,
}

/// This module as TypeScript: `ui/src/bindings/addressBook.ts`.
pub(crate) fn typescript() -> TsModule {
    TsModule {
        file: "addressBook",
        types: vec![
            TsType::of::<AddressView>(),
            TsType::of::<AddressInput>(),
            TsType::listed::<FormFieldCode>("FORM_FIELDS"),
            TsType::listed::<FormProblemCode>("FORM_PROBLEMS"),
            TsType::of::<FieldProblem>(),
            TsType::of::<DistrictView>(),
            TsType::of::<CityView>(),
            TsType::of::<ProvinceView>(),
            TsType::listed::<SnippetKind>("SNIPPET_KINDS"),
            TsType::of::<SnippetView>(),
            TsType::of::<SnippetInput>(),
        ],
        consts: vec![],
    }
}
