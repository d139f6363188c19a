//! R-MCN-1, R-MCN-2: agency levels and their rating days.

use stardesk_domain::rights::{
    first_rating_day, level_from_channels, next_rating_day, rated_yet, AgencyLevel,
};

use crate::support::date;

#[test]
fn r_mcn_1_five_levels() {
    assert_eq!(AgencyLevel::new(0), None);
    assert_eq!(AgencyLevel::new(1).map(AgencyLevel::get), Some(1));
    assert_eq!(AgencyLevel::new(5).map(AgencyLevel::get), Some(5));
    assert_eq!(AgencyLevel::new(6), None);
}

#[test]
fn r_mcn_1_either_channel_gives_the_level() {
    let lv = |n| AgencyLevel::new(n);
    assert_eq!(level_from_channels(lv(2), lv(4)), lv(4));
    assert_eq!(level_from_channels(lv(3), None), lv(3));
    assert_eq!(level_from_channels(None, lv(1)), lv(1));
    assert_eq!(level_from_channels(None, None), None);
}

#[test]
fn r_mcn_1_levels_are_updated_on_the_3rd_of_each_month() {
    assert_eq!(next_rating_day(date(2025, 12, 1)), date(2025, 12, 3));
    assert_eq!(next_rating_day(date(2025, 12, 2)), date(2025, 12, 3));
    assert_eq!(next_rating_day(date(2025, 12, 3)), date(2025, 12, 3));
    assert_eq!(next_rating_day(date(2025, 12, 4)), date(2026, 1, 3));
    assert_eq!(next_rating_day(date(2025, 12, 31)), date(2026, 1, 3));
    assert_eq!(next_rating_day(date(2026, 1, 31)), date(2026, 2, 3));
}

#[test]
fn r_mcn_1_a_new_agency_is_first_rated_in_its_second_month() {
    assert_eq!(first_rating_day(date(2025, 1, 15)), date(2025, 2, 3));
    // Joined before the 3rd: that 3rd is still its first month.
    assert_eq!(first_rating_day(date(2025, 1, 1)), date(2025, 2, 3));
    assert_eq!(first_rating_day(date(2025, 1, 31)), date(2025, 2, 3));
    assert_eq!(first_rating_day(date(2025, 12, 20)), date(2026, 1, 3));
}

#[test]
fn r_mcn_2_creators_see_a_level_only_from_the_first_rating() {
    let joined = date(2025, 1, 2);
    assert!(!rated_yet(joined, date(2025, 1, 3)));
    assert!(!rated_yet(joined, date(2025, 2, 2)));
    assert!(rated_yet(joined, date(2025, 2, 3)));
}
