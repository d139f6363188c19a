//! Product-review campaigns (好物测评) from the creator's side: applying (the form, the
//! warnings before sending), the statuses an application goes through, and every date of
//! the campaign with where the application stands against it (R-REVIEW-*).

pub mod form;
pub mod regions;
pub mod reminders;
pub mod status;
pub mod timeline;

pub use form::{
    is_mainland_mobile, mask_phone, validate, validate_address, ApplicationForm, FieldError,
    FormField, FormProblem,
};
pub use status::ApplicationStatus;
pub use timeline::{
    brand_shipped_late, progress, selection_expired, timeline, ApplicationFacts, Party, Step,
    StepState, TaskDates, Timeline, TimelineKey,
};

use crate::eligibility::{CheckCode, Eligibility};

/// Why applying now would be refused, said before sending.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ApplyWarning {
    /// The application window is not open today (R-REVIEW-2).
    WindowClosed,
    /// Every slot is taken (R-REVIEW-2).
    SlotsFull,
    /// An eligibility rule is not met (R-REVIEW-11, R-JOIN-1, the task's own range).
    NotEligible(CheckCode),
    /// The creator already has an application to this task that was not withdrawn.
    AlreadyApplied,
}

/// The warnings for applying to a task: its failed eligibility checks (R-REVIEW-11,
/// R-JOIN-1) as window, slots and rule warnings, and `already_applied`.
pub fn apply_warnings(eligibility: &Eligibility, already_applied: bool) -> Vec<ApplyWarning> {
    let mut out: Vec<ApplyWarning> = eligibility
        .failures()
        .map(|check| match check.code {
            CheckCode::ApplicationWindow => ApplyWarning::WindowClosed,
            CheckCode::SlotsLeft => ApplyWarning::SlotsFull,
            code => ApplyWarning::NotEligible(code),
        })
        .collect();
    if already_applied {
        out.push(ApplyWarning::AlreadyApplied);
    }
    out
}
