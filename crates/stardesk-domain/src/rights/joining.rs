//! Joining the platform (开通, R-JOIN-1, R-JOIN-2): whether a creator account can be
//! opened and when to expect it, and the checklist an MCN agency must pass.

use chrono::{Months, NaiveDate};

use crate::calendar::{CalendarWarning, WorkCalendar};

/// R-JOIN-1: followers on the main platform that open a creator account (10万; the same
/// value as [`crate::eligibility::EligibilityRules`]' account threshold).
pub const OPEN_MAIN_PLATFORM_FOLLOWERS: u64 = 100_000;

/// R-JOIN-1: followers on another platform that open a creator account instead (5万).
pub const OPEN_OTHER_PLATFORM_FOLLOWERS: u64 = 50_000;

/// R-JOIN-1: an account is opened within this many working days.
pub const OPENING_WORKING_DAYS: u32 = 3;

/// R-JOIN-1: whether a creator account can be opened: at least 100,000 followers on the
/// main platform, or at least 50,000 on another platform. "On another platform" is one
/// platform's count, not a sum over several: pass the largest.
pub fn can_open(main_followers: u64, other_platform_followers: u64) -> bool {
    main_followers >= OPEN_MAIN_PLATFORM_FOLLOWERS
        || other_platform_followers >= OPEN_OTHER_PLATFORM_FOLLOWERS
}

/// R-JOIN-1: the latest day the account should be open: the 3rd working day after the day
/// of applying (that day itself never counts, as in
/// [`WorkCalendar::add_working_days`]), skipping weekends and public holidays and counting
/// make-up working days. The warning says when a year without a holiday schedule was
/// crossed.
pub fn expected_opening(
    applied: NaiveDate,
    calendar: &WorkCalendar,
) -> (NaiveDate, Option<CalendarWarning>) {
    calendar.add_working_days(applied, OPENING_WORKING_DAYS)
}

/// R-JOIN-2's thresholds for an MCN agency. The platform revises them, so they are data;
/// [`Default`] is the published rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct AgencyRequirements {
    /// The company must be older than this many months (published: over one year).
    pub min_age_months: u32,
    /// Creators under contract, at least (published: 5).
    pub min_creators: u32,
}

/// R-JOIN-2: over one year old, at least 5 creators.
impl Default for AgencyRequirements {
    fn default() -> Self {
        Self {
            min_age_months: 12,
            min_creators: 5,
        }
    }
}

/// What R-JOIN-2 looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct AgencyApplicant {
    /// The company's founding date (成立时间).
    pub founded: NaiveDate,
    /// A younger company with rich creator resources and distinctive content may be
    /// specially approved (单独特批).
    pub specially_approved: bool,
    /// A legal company (合法公司资质).
    pub legal_company: bool,
    /// Creators under contract.
    pub creators: u32,
    /// Real operating capacity (服务运营能力), as the applicant attests it.
    pub operating_capacity: bool,
}

/// Which R-JOIN-2 requirement an [`AgencyCheck`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AgencyCheckCode {
    /// Over one year old, or specially approved.
    Age,
    LegalCompany,
    /// At least 5 creators.
    Creators,
    OperatingCapacity,
}

impl AgencyCheckCode {
    /// Stable snake_case name, for codes that cross IPC.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Age => "age",
            Self::LegalCompany => "legal_company",
            Self::Creators => "creators",
            Self::OperatingCapacity => "operating_capacity",
        }
    }
}

/// One R-JOIN-2 requirement and whether the agency meets it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct AgencyCheck {
    pub code: AgencyCheckCode,
    pub met: bool,
}

/// Every R-JOIN-2 check, met or not, so all that is missing shows at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgencyChecklist {
    /// Every check met.
    pub ok: bool,
    /// In [`AgencyCheckCode`] order.
    pub checks: Vec<AgencyCheck>,
}

/// R-JOIN-2: the agency checklist on `today`.
///
/// "Over one year old" is strict: on the first anniversary of `founded` the company is
/// exactly one year old, not over, and it passes from the next day. (An anniversary of
/// 29 February falls on 28 February.) Special approval passes the age check at any age.
pub fn agency_checklist(
    rules: &AgencyRequirements,
    applicant: &AgencyApplicant,
    today: NaiveDate,
) -> AgencyChecklist {
    let old_enough = applicant
        .founded
        .checked_add_months(Months::new(rules.min_age_months))
        .is_some_and(|anniversary| today > anniversary);
    let checks = vec![
        AgencyCheck {
            code: AgencyCheckCode::Age,
            met: old_enough || applicant.specially_approved,
        },
        AgencyCheck {
            code: AgencyCheckCode::LegalCompany,
            met: applicant.legal_company,
        },
        AgencyCheck {
            code: AgencyCheckCode::Creators,
            met: applicant.creators >= rules.min_creators,
        },
        AgencyCheck {
            code: AgencyCheckCode::OperatingCapacity,
            met: applicant.operating_capacity,
        },
    ];
    AgencyChecklist {
        ok: checks.iter().all(|c| c.met),
        checks,
    }
}
