//! The application form of a product-review campaign (R-REVIEW-12: a true contact, a
//! shipping address, the creator's strengths and creative idea), checked before anything is
//! stored or sent. Every problem names its field.

use super::regions::{district_path, region, Level};

/// What the creator fills in. Texts are taken trimmed; lengths count characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ApplicationForm<'a> {
    pub contact_name: &'a str,
    pub phone: &'a str,
    /// A county-level GB/T 2260 code.
    pub region_code: &'a str,
    /// The street address below the district.
    pub detail: &'a str,
    /// 合作优势.
    pub strengths: &'a str,
    /// 创作思路.
    pub idea: &'a str,
}

/// A field of the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FormField {
    ContactName,
    Phone,
    RegionCode,
    Detail,
    Strengths,
    Idea,
}

/// What is wrong with a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FormProblem {
    Empty,
    /// Fewer characters than `min`.
    TooShort {
        min: usize,
    },
    /// More characters than `max`.
    TooLong {
        max: usize,
    },
    /// Not a mainland mobile number: 11 digits, `1[3-9]` then 9 more.
    NotAMobile,
    /// Not a GB/T 2260 code that exists.
    UnknownRegion,
    /// A province or prefecture code: an address names a county-level division.
    NotCountyLevel,
}

/// One problem of one field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FieldError {
    pub field: FormField,
    pub problem: FormProblem,
}

/// Character bounds of the free-text fields, inclusive.
pub const CONTACT_NAME_CHARS: (usize, usize) = (1, 20);
pub const DETAIL_CHARS: (usize, usize) = (5, 100);
pub const PITCH_CHARS: (usize, usize) = (10, 500);

fn length(field: FormField, text: &str, (min, max): (usize, usize)) -> Option<FieldError> {
    let n = text.trim().chars().count();
    let problem = if n == 0 {
        FormProblem::Empty
    } else if n < min {
        FormProblem::TooShort { min }
    } else if n > max {
        FormProblem::TooLong { max }
    } else {
        return None;
    };
    Some(FieldError { field, problem })
}

/// A mainland mobile number: 11 ASCII digits, `1`, then `3`–`9`, then nine more.
pub fn is_mainland_mobile(phone: &str) -> bool {
    let b = phone.as_bytes();
    b.len() == 11
        && b.iter().all(u8::is_ascii_digit)
        && b[0] == b'1'
        && (b'3'..=b'9').contains(&b[1])
}

/// Every problem of the form, in field order; empty when it may be sent (R-REVIEW-12).
pub fn validate(form: &ApplicationForm<'_>) -> Vec<FieldError> {
    let mut errors = validate_address(form.contact_name, form.phone, form.region_code, form.detail);
    errors.extend(length(FormField::Strengths, form.strengths, PITCH_CHARS));
    errors.extend(length(FormField::Idea, form.idea, PITCH_CHARS));
    errors
}

/// The problems of the contact and address part of the form (what an address book entry
/// holds), in field order.
pub fn validate_address(
    contact_name: &str,
    phone: &str,
    region_code: &str,
    detail: &str,
) -> Vec<FieldError> {
    let form = ApplicationForm {
        contact_name,
        phone,
        region_code,
        detail,
        strengths: "",
        idea: "",
    };
    let mut errors = Vec::new();
    errors.extend(length(
        FormField::ContactName,
        form.contact_name,
        CONTACT_NAME_CHARS,
    ));
    let phone = form.phone.trim();
    if phone.is_empty() {
        errors.push(FieldError {
            field: FormField::Phone,
            problem: FormProblem::Empty,
        });
    } else if !is_mainland_mobile(phone) {
        errors.push(FieldError {
            field: FormField::Phone,
            problem: FormProblem::NotAMobile,
        });
    }
    let code = form.region_code.trim();
    let region_problem = if code.is_empty() {
        Some(FormProblem::Empty)
    } else if district_path(code).is_some() {
        None
    } else if region(code, Level::Province).is_some() || region(code, Level::City).is_some() {
        Some(FormProblem::NotCountyLevel)
    } else {
        Some(FormProblem::UnknownRegion)
    };
    if let Some(problem) = region_problem {
        errors.push(FieldError {
            field: FormField::RegionCode,
            problem,
        });
    }
    errors.extend(length(FormField::Detail, form.detail, DETAIL_CHARS));
    errors
}

/// A phone as lists and logs show it: `138****5678` (the first 3 and last 4 digits).
pub fn mask_phone(phone: &str) -> String {
    let chars: Vec<char> = phone.trim().chars().collect();
    if chars.len() <= 7 {
        return "*".repeat(chars.len());
    }
    let head: String = chars[..3].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}{}{tail}", "*".repeat(chars.len() - 7))
}
