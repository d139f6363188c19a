//! Builders shared by the rights tests.
#![allow(dead_code)]

use chrono::{NaiveDate, NaiveDateTime};
use rust_decimal::Decimal;
use stardesk_domain::rights::Metrics;

pub fn d(text: &str) -> Decimal {
    text.parse().unwrap()
}

pub fn date(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

pub fn at(y: i32, m: u32, day: u32, h: u32, min: u32, s: u32) -> NaiveDateTime {
    date(y, m, day).and_hms_opt(h, min, s).unwrap()
}

/// Metrics that meet every published requirement of LV4, with room to spare.
pub fn lv4() -> Metrics {
    Metrics {
        followers: 600_000,
        courses_completed: 10,
        posts_30d: 30,
        avg_valid_plays: 200_000,
        likes: 50_000,
        orders: 5,
        credit_score: 80,
        profile_complete: true,
        submission_tasks_joined: 2,
    }
}

/// Metrics that meet every published requirement of LV3 and none of LV4's that differ.
pub fn lv3() -> Metrics {
    Metrics {
        followers: 400_000,
        courses_completed: 8,
        posts_30d: 20,
        avg_valid_plays: 60_000,
        likes: 20_000,
        orders: 1,
        credit_score: 60,
        profile_complete: true,
        submission_tasks_joined: 1,
    }
}
