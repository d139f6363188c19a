//! "Today" is the platform's day, China time (UTC+8), whatever zone the computer is set to:
//! every rule's date is reckoned in it (DOMAIN.md: "All dates are calendar dates in China
//! time"), among them R-SETTLE-1's deadline, after which a payout is overdue. A test binary
//! of its own: it sets the process's `TZ`.

use chrono::{Duration, Utc};

#[test]
fn today_is_the_china_day_on_a_computer_in_any_zone_r_settle_1() {
    // Twelve hours behind UTC and fourteen ahead: 26 hours apart, so at any moment their
    // local dates differ, and at most one of them is China's.
    let mut local_days = Vec::new();
    for zone in ["Etc/GMT+12", "Etc/GMT-14"] {
        std::env::set_var("TZ", zone);
        // chrono looks at `TZ` again at most once a second.
        std::thread::sleep(std::time::Duration::from_millis(1100));
        let china = (Utc::now() + Duration::hours(8)).date_naive();
        let today = stardesk_core::china_today();
        let again = (Utc::now() + Duration::hours(8)).date_naive();
        // (A China midnight between the two readings would leave either day right.)
        assert!(
            today == china || today == again,
            "{zone}: {today}, China {china}"
        );
        local_days.push(chrono::Local::now().date_naive());
    }
    // The zone took effect: the computer's own date moved with it.
    assert_ne!(
        local_days[0], local_days[1],
        "TZ did not change the local date"
    );
}
