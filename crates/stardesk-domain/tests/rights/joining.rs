//! R-JOIN-1, R-JOIN-2: opening a creator account, its expected date across weekends and
//! holidays, and the agency checklist.

use stardesk_domain::calendar::WorkCalendar;
use stardesk_domain::eligibility::EligibilityRules;
use stardesk_domain::rights::{
    agency_checklist, can_open, expected_opening, AgencyApplicant, AgencyCheckCode,
    AgencyRequirements, OPEN_MAIN_PLATFORM_FOLLOWERS,
};

use crate::support::date;

#[test]
fn r_join_1_100k_on_the_main_platform_or_50k_on_another() {
    assert!(can_open(100_000, 0));
    assert!(!can_open(99_999, 0));
    assert!(can_open(0, 50_000));
    assert!(!can_open(0, 49_999));
    assert!(!can_open(99_999, 49_999));
    assert!(can_open(99_999, 50_000));
    // One threshold, two places: the task eligibility check uses the same number.
    assert_eq!(
        OPEN_MAIN_PLATFORM_FOLLOWERS,
        EligibilityRules::default().account_min_followers
    );
}

#[test]
fn r_join_1_opened_within_3_working_days_across_a_weekend() {
    let calendar = WorkCalendar::china();
    // Thursday 13 November 2025 → Fri 14, Mon 17, Tue 18.
    assert_eq!(
        expected_opening(date(2025, 11, 13), &calendar),
        (date(2025, 11, 18), None)
    );
    // Applying on a Saturday: Mon, Tue, Wed.
    assert_eq!(
        expected_opening(date(2025, 11, 15), &calendar).0,
        date(2025, 11, 19)
    );
    // Monday: the applying day does not count.
    assert_eq!(
        expected_opening(date(2025, 11, 17), &calendar).0,
        date(2025, 11, 20)
    );
}

#[test]
fn r_join_1_opened_within_3_working_days_across_national_day() {
    let calendar = WorkCalendar::china();
    // Tuesday 30 September 2025: 1–8 October are off; Thu 9, Fri 10 and the make-up
    // working Saturday 11 October.
    assert_eq!(
        expected_opening(date(2025, 9, 30), &calendar),
        (date(2025, 10, 11), None)
    );
    // Friday 26 September 2025: the make-up Sunday 28 September counts, Mon 29, Tue 30.
    assert_eq!(
        expected_opening(date(2025, 9, 26), &calendar).0,
        date(2025, 9, 30)
    );
    // 2027 has no schedule: the answer says so.
    let (_, warning) = expected_opening(date(2027, 3, 1), &calendar);
    assert_eq!(warning.map(|w| w.year), Some(2027));
}

fn applicant() -> AgencyApplicant {
    AgencyApplicant {
        founded: date(2024, 6, 15),
        specially_approved: false,
        legal_company: true,
        creators: 5,
        operating_capacity: true,
    }
}

fn unmet(applicant: &AgencyApplicant, today: chrono::NaiveDate) -> Vec<&'static str> {
    agency_checklist(&AgencyRequirements::default(), applicant, today)
        .checks
        .iter()
        .filter(|c| !c.met)
        .map(|c| c.code.as_str())
        .collect()
}

#[test]
fn r_join_2_an_agency_must_be_over_one_year_old() {
    let agency = applicant();
    // On the anniversary it is exactly one year old, not over.
    assert_eq!(unmet(&agency, date(2025, 6, 15)), ["age"]);
    assert!(unmet(&agency, date(2025, 6, 16)).is_empty());
    assert!(agency_checklist(&AgencyRequirements::default(), &agency, date(2025, 6, 16)).ok);
    // Special approval passes a young company.
    let approved = AgencyApplicant {
        specially_approved: true,
        ..agency
    };
    assert!(unmet(&approved, date(2024, 7, 1)).is_empty());
}

#[test]
fn r_join_2_legal_company_five_creators_and_operating_capacity() {
    let today = date(2026, 1, 1);
    let four = AgencyApplicant {
        creators: 4,
        ..applicant()
    };
    assert_eq!(unmet(&four, today), ["creators"]);
    let nothing = AgencyApplicant {
        founded: date(2025, 12, 1),
        specially_approved: false,
        legal_company: false,
        creators: 0,
        operating_capacity: false,
    };
    assert_eq!(
        unmet(&nothing, today),
        ["age", "legal_company", "creators", "operating_capacity"]
    );
    let checklist = agency_checklist(&AgencyRequirements::default(), &nothing, today);
    assert!(!checklist.ok);
    assert_eq!(checklist.checks[0].code, AgencyCheckCode::Age);
    // The thresholds are data.
    let stricter = AgencyRequirements {
        min_age_months: 24,
        min_creators: 10,
    };
    let checklist = agency_checklist(&stricter, &applicant(), today);
    let codes: Vec<_> = checklist
        .checks
        .iter()
        .filter(|c| !c.met)
        .map(|c| c.code)
        .collect();
    assert_eq!(codes, [AgencyCheckCode::Age, AgencyCheckCode::Creators]);
}
