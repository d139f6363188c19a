//! Product-review campaigns: the application form (R-REVIEW-12), the warnings before
//! sending, every date of the timeline at its boundaries (R-REVIEW-3, 8, 9, 10, 13, 14,
//! 15), who was late, and the reward at every tier and rank bound (R-REVIEW-5, 6).

use chrono::NaiveDate;
use rust_decimal::Decimal;
use stardesk_domain::campaign::regions::{self, Level};
use stardesk_domain::campaign::*;
use stardesk_domain::eligibility::{self, AgencyFacts, CheckCode, CreatorFacts, TaskFacts};
use stardesk_domain::reward::{Performance, PerformanceMismatch, Reward};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

fn task(cash: bool) -> TaskDates {
    TaskDates {
        ship_by: Some(d("2026-12-10")),
        upload_deadline: d("2026-12-31"),
        retention_days: 30,
        cash_reward: cash,
    }
}

const OK_FORM: ApplicationForm<'static> = ApplicationForm {
    contact_name: "林小满",
    phone: "13812345678",
    region_code: "330106",
    detail: "文三路 90 号 3 幢 501",
    strengths: "美妆测评三年，粉丝以 18-30 岁女性为主",
    idea: "一周早晚对比实测，展示质地与持妆时长",
};

fn problems(form: ApplicationForm<'_>) -> Vec<(FormField, FormProblem)> {
    validate(&form)
        .into_iter()
        .map(|e| (e.field, e.problem))
        .collect()
}

#[test]
fn r_review_12_a_complete_form_has_no_problem() {
    assert_eq!(problems(OK_FORM), []);
}

#[test]
fn r_review_12_contact_name_is_1_to_20_characters() {
    for (name, expected) in [
        ("", Some(FormProblem::Empty)),
        ("   ", Some(FormProblem::Empty)),
        ("林", None),
        ("一二三四五六七八九十一二三四五六七八九十", None),
        (
            "一二三四五六七八九十一二三四五六七八九十一",
            Some(FormProblem::TooLong { max: 20 }),
        ),
    ] {
        let got = problems(ApplicationForm {
            contact_name: name,
            ..OK_FORM
        });
        assert_eq!(
            got,
            expected
                .map(|p| vec![(FormField::ContactName, p)])
                .unwrap_or_default(),
            "{name:?}"
        );
    }
}

#[test]
fn r_review_12_phone_is_a_mainland_mobile() {
    for ok in ["13012345678", "19912345678", " 15800001111 "] {
        assert_eq!(
            problems(ApplicationForm {
                phone: ok,
                ..OK_FORM
            }),
            [],
            "{ok}"
        );
    }
    for bad in [
        "12012345678",
        "1381234567",
        "138123456789",
        "2381234567x",
        "+8613812345678",
        "１３８１２３４５６７８",
    ] {
        assert_eq!(
            problems(ApplicationForm {
                phone: bad,
                ..OK_FORM
            }),
            [(FormField::Phone, FormProblem::NotAMobile)],
            "{bad}"
        );
    }
    assert_eq!(
        problems(ApplicationForm {
            phone: "",
            ..OK_FORM
        }),
        [(FormField::Phone, FormProblem::Empty)]
    );
}

#[test]
fn r_review_12_the_region_is_an_existing_county_level_code() {
    for ok in ["110101", "441900", "650102", "330106"] {
        assert_eq!(
            problems(ApplicationForm {
                region_code: ok,
                ..OK_FORM
            }),
            [],
            "{ok}"
        );
    }
    for (code, problem) in [
        ("110000", FormProblem::NotCountyLevel),
        ("330100", FormProblem::NotCountyLevel),
        ("999999", FormProblem::UnknownRegion),
        ("11010", FormProblem::UnknownRegion),
        ("abcdef", FormProblem::UnknownRegion),
        ("", FormProblem::Empty),
    ] {
        assert_eq!(
            problems(ApplicationForm {
                region_code: code,
                ..OK_FORM
            }),
            [(FormField::RegionCode, problem)],
            "{code:?}"
        );
    }
}

#[test]
fn r_review_12_detail_is_5_to_100_and_the_pitch_10_to_500_characters() {
    let text = |n: usize| "字".repeat(n);
    for (n, expected) in [
        (4, Some(FormProblem::TooShort { min: 5 })),
        (5, None),
        (100, None),
        (101, Some(FormProblem::TooLong { max: 100 })),
    ] {
        let detail = text(n);
        assert_eq!(
            problems(ApplicationForm {
                detail: &detail,
                ..OK_FORM
            }),
            expected
                .map(|p| vec![(FormField::Detail, p)])
                .unwrap_or_default(),
            "detail of {n}"
        );
    }
    for (n, expected) in [
        (9, Some(FormProblem::TooShort { min: 10 })),
        (10, None),
        (500, None),
        (501, Some(FormProblem::TooLong { max: 500 })),
    ] {
        let pitch = text(n);
        let got = problems(ApplicationForm {
            strengths: &pitch,
            idea: &pitch,
            ..OK_FORM
        });
        assert_eq!(
            got,
            expected
                .map(|p| vec![(FormField::Strengths, p), (FormField::Idea, p)])
                .unwrap_or_default(),
            "pitch of {n}"
        );
    }
}

#[test]
fn every_problem_of_a_blank_form_names_its_field() {
    let blank = ApplicationForm {
        contact_name: "",
        phone: "",
        region_code: "",
        detail: "",
        strengths: "",
        idea: "",
    };
    let fields: Vec<FormField> = validate(&blank).into_iter().map(|e| e.field).collect();
    assert_eq!(
        fields,
        [
            FormField::ContactName,
            FormField::Phone,
            FormField::RegionCode,
            FormField::Detail,
            FormField::Strengths,
            FormField::Idea
        ]
    );
}

#[test]
fn phones_are_masked_to_their_first_3_and_last_4_digits() {
    assert_eq!(mask_phone("13812345678"), "138****5678");
    assert_eq!(mask_phone("1234567"), "*******");
}

#[test]
fn regions_name_province_city_and_district() {
    let path = regions::district_path("330106").expect("西湖区");
    assert_eq!(
        (path.province.name, path.city.name, path.district.name),
        ("浙江省", "杭州市", "西湖区")
    );
    let dongguan = regions::district_path("441900").expect("a city without districts");
    assert_eq!(
        (dongguan.city.name, dongguan.district.name),
        ("东莞市", "东莞市")
    );
    assert_eq!(regions::provinces().len(), 31);
    let zhejiang = regions::region("330000", Level::Province).expect("浙江");
    let cities = regions::children(&zhejiang);
    assert_eq!(cities.len(), 11);
    let hangzhou = cities.iter().find(|c| c.name == "杭州市").expect("杭州");
    assert!(regions::children(hangzhou)
        .iter()
        .any(|d| d.code == "330106"));
}

#[test]
fn r_review_3_selection_is_due_14_days_after_the_application() {
    let t = timeline(d("2026-11-01"), &task(false), None);
    assert_eq!(t.selection_by, d("2026-11-15"));
    assert_eq!(TimelineKey::SelectionBy.rule(), "R-REVIEW-3");
    // Not selected by the end of that day → not selected; the day itself is still open.
    assert!(!selection_expired(&t, d("2026-11-15")));
    assert!(selection_expired(&t, d("2026-11-16")));
    let facts = ApplicationFacts {
        status: ApplicationStatus::Submitted,
        shipped_on: None,
        published_on: None,
    };
    let state = |today| {
        progress(&t, &facts, d(today))
            .into_iter()
            .find(|s| s.key == TimelineKey::SelectionBy)
            .expect("step")
            .state
    };
    assert_eq!(state("2026-11-15"), StepState::Next);
    assert_eq!(state("2026-11-16"), StepState::Missed);
}

#[test]
fn r_review_3_waiting_for_selection_the_next_date_is_selection_not_a_ship_by_day_gone_by() {
    // Applied late: the brand's ship-by day (12-10) comes before the selection deadline
    // (12-01 + 14 = 12-15).
    let t = timeline(d("2026-12-01"), &task(false), None);
    assert_eq!(
        (t.ship_by, t.selection_by),
        (Some(d("2026-12-10")), d("2026-12-15"))
    );
    let facts = ApplicationFacts {
        status: ApplicationStatus::Submitted,
        shipped_on: None,
        published_on: None,
    };
    let steps = progress(&t, &facts, d("2026-12-12"));
    let state = |key| steps.iter().find(|s| s.key == key).expect("step").state;
    assert_eq!(state(TimelineKey::SelectionBy), StepState::Next);
    // Not selected yet, so not missed by anyone either; just not next.
    assert_eq!(state(TimelineKey::ShipBy), StepState::Later);
    assert_eq!(
        steps.iter().filter(|s| s.state == StepState::Next).count(),
        1
    );
    // Nor reminded of: its day is gone.
    use stardesk_domain::campaign::reminders::{schedule, ReminderPolicy};
    let policy = ReminderPolicy::default();
    assert!(schedule(&t, &facts, d("2026-12-12"), &policy)
        .iter()
        .all(|r| r.due >= d("2026-12-12") && r.key != TimelineKey::ShipBy));
}

#[test]
fn r_review_10_shipping_after_upload_minus_15_days_is_the_brands_fault() {
    let t = timeline(d("2026-11-01"), &task(false), None);
    assert_eq!(t.ship_by, Some(d("2026-12-10")));
    assert_eq!(t.late_shipping_after, d("2026-12-16"));
    assert_eq!(TimelineKey::LateShippingAfter.rule(), "R-REVIEW-10");
    assert!(!brand_shipped_late(
        &t,
        Some(d("2026-12-16")),
        d("2026-12-20")
    ));
    assert!(brand_shipped_late(
        &t,
        Some(d("2026-12-17")),
        d("2026-12-20")
    ));
    assert!(!brand_shipped_late(&t, None, d("2026-12-16")));
    assert!(brand_shipped_late(&t, None, d("2026-12-17")));

    let step = |facts: ApplicationFacts, today: &str, key: TimelineKey| {
        progress(&t, &facts, d(today))
            .into_iter()
            .find(|s| s.key == key)
            .expect("step")
    };
    let waiting = ApplicationFacts {
        status: ApplicationStatus::Selected,
        shipped_on: None,
        published_on: None,
    };
    let missed = step(waiting, "2026-12-11", TimelineKey::ShipBy);
    assert_eq!(
        (missed.state, missed.late),
        (StepState::Missed, Some(Party::Brand))
    );
    let shipped_late = ApplicationFacts {
        status: ApplicationStatus::Shipped,
        shipped_on: Some(d("2026-12-18")),
        published_on: None,
    };
    let late = step(shipped_late, "2026-12-19", TimelineKey::LateShippingAfter);
    assert_eq!(
        (late.state, late.late),
        (StepState::Done, Some(Party::Brand))
    );
    let ship_by = step(shipped_late, "2026-12-19", TimelineKey::ShipBy);
    assert_eq!(
        ship_by.late,
        Some(Party::Brand),
        "after the ship-by date too"
    );
    let on_time = ApplicationFacts {
        shipped_on: Some(d("2026-12-10")),
        ..shipped_late
    };
    let fine = step(on_time, "2026-12-19", TimelineKey::LateShippingAfter);
    assert_eq!((fine.state, fine.late), (StepState::Done, None));
}

#[test]
fn r_review_13_14_missing_the_upload_deadline_is_the_creators_unless_the_sample_came_late() {
    let t = timeline(d("2026-11-01"), &task(false), None);
    assert_eq!(t.upload_by, d("2026-12-31"));
    assert_eq!(TimelineKey::UploadBy.rule(), "R-REVIEW-13");
    let upload = |facts: ApplicationFacts, today: &str| {
        progress(&t, &facts, d(today))
            .into_iter()
            .find(|s| s.key == TimelineKey::UploadBy)
            .expect("step")
    };
    let on_time = ApplicationFacts {
        status: ApplicationStatus::ContentRejected,
        shipped_on: Some(d("2026-12-05")),
        published_on: None,
    };
    // Rejected content may be re-uploaded until the deadline (R-REVIEW-14).
    assert_eq!(upload(on_time, "2026-12-31").state, StepState::Next);
    let missed = upload(on_time, "2027-01-01");
    assert_eq!(
        (missed.state, missed.late),
        (StepState::Missed, Some(Party::Creator))
    );
    let late_sample = ApplicationFacts {
        shipped_on: Some(d("2026-12-20")),
        ..on_time
    };
    assert_eq!(upload(late_sample, "2027-01-01").late, Some(Party::Brand));
    let failed = ApplicationFacts {
        status: ApplicationStatus::Failed,
        ..on_time
    };
    assert_eq!(upload(failed, "2027-01-01").state, StepState::Missed);
    let approved = ApplicationFacts {
        status: ApplicationStatus::ContentApproved,
        ..on_time
    };
    assert_eq!(upload(approved, "2026-12-20").state, StepState::Done);
}

#[test]
fn r_review_8_9_cooperation_and_the_reward_list_depend_on_a_cash_reward() {
    let sample_only = timeline(d("2026-11-01"), &task(false), None);
    assert_eq!(sample_only.cooperation_ends, d("2026-12-31"));
    assert_eq!(sample_only.reward_publicity_ends, None);
    let cash = timeline(d("2026-11-01"), &task(true), None);
    assert_eq!(cash.cooperation_ends, d("2027-01-03"));
    assert_eq!(cash.reward_publicity_ends, Some(d("2027-01-06")));
    assert_eq!(TimelineKey::CooperationEnds.rule(), "R-REVIEW-8");
    assert_eq!(TimelineKey::RewardPublicityEnds.rule(), "R-REVIEW-9");
    assert!(Reward::example_play_tiers().pays_cash());
    assert!(!Reward::SampleOnly.pays_cash());
}

#[test]
fn r_review_15_content_stays_up_for_the_retention_days_after_publishing() {
    let unpublished = timeline(d("2026-11-01"), &task(true), None);
    assert_eq!(unpublished.retain_until, None);
    let published = timeline(d("2026-11-01"), &task(true), Some(d("2026-12-20")));
    assert_eq!(published.retain_until, Some(d("2027-01-19")));
    assert_eq!(TimelineKey::RetainUntil.rule(), "R-REVIEW-15");
    let facts = ApplicationFacts {
        status: ApplicationStatus::Published,
        shipped_on: Some(d("2026-12-05")),
        published_on: Some(d("2026-12-20")),
    };
    let retain = |today: &str| {
        progress(&published, &facts, d(today))
            .into_iter()
            .find(|s| s.key == TimelineKey::RetainUntil)
            .expect("step")
            .state
    };
    assert_eq!(retain("2027-01-19"), StepState::Next);
    assert_eq!(retain("2027-01-20"), StepState::Done);
}

#[test]
fn the_next_step_is_the_earliest_date_still_ahead() {
    let t = timeline(d("2026-11-01"), &task(true), None);
    let facts = ApplicationFacts {
        status: ApplicationStatus::Selected,
        shipped_on: None,
        published_on: None,
    };
    let steps = progress(&t, &facts, d("2026-11-20"));
    let next: Vec<TimelineKey> = steps
        .iter()
        .filter(|s| s.state == StepState::Next)
        .map(|s| s.key)
        .collect();
    assert_eq!(next, [TimelineKey::ShipBy]);
    assert_eq!(
        steps
            .iter()
            .find(|s| s.key == TimelineKey::SelectionBy)
            .map(|s| s.state),
        Some(StepState::Done)
    );
    let withdrawn = ApplicationFacts {
        status: ApplicationStatus::Withdrawn,
        ..facts
    };
    assert!(progress(&t, &withdrawn, d("2026-11-20"))
        .iter()
        .all(|s| s.state == StepState::NotApplicable));
}

#[test]
fn r_review_5_the_reward_at_every_tier_bound() {
    let tiers = Reward::example_play_tiers();
    let at = |plays| tiers.at(Performance::Plays(plays)).expect("plays");
    for (plays, yuan) in [
        (0, 0),
        (5_000, 0),
        (5_001, 100),
        (10_000, 100),
        (10_001, 500),
        (100_000, 500),
        (100_001, 1_000),
        (u64::MAX, 1_000),
    ] {
        assert_eq!(at(plays), Decimal::from(yuan), "{plays} plays");
    }
    assert_eq!(
        tiers.at(Performance::Rank(1)),
        Err(PerformanceMismatch::PaysOnPlays)
    );
}

#[test]
fn r_review_6_the_reward_at_every_rank_bound() {
    let ranks = Reward::example_rank();
    let at = |rank| ranks.at(Performance::Rank(rank)).expect("rank");
    for (rank, yuan) in [
        (0, 0),
        (1, 2_000),
        (2, 500),
        (3, 500),
        (4, 200),
        (6, 200),
        (7, 0),
    ] {
        assert_eq!(at(rank), Decimal::from(yuan), "rank {rank}");
    }
    assert_eq!(
        ranks.at(Performance::Plays(10)),
        Err(PerformanceMismatch::PaysOnRank)
    );
    assert_eq!(
        Reward::Fixed(Decimal::from(300)).at(Performance::Rank(99)),
        Ok(Decimal::from(300))
    );
    assert_eq!(
        Reward::SampleOnly.at(Performance::Plays(1_000_000)),
        Ok(Decimal::ZERO)
    );
}

#[test]
fn r_review_11_failed_checks_become_warnings_before_sending() {
    let facts = TaskFacts {
        is_product_review: true,
        min_followers: 0,
        max_followers: None,
        slots_wanted: 10,
        slots_taken: 10,
        apply_start: d("2026-11-01"),
        apply_end: d("2026-11-10"),
    };
    let creator = CreatorFacts {
        followers: 600_000,
        agency: None,
    };
    let result = eligibility::check(&creator, &facts, d("2026-11-11"), &Default::default());
    assert_eq!(
        apply_warnings(&result, true),
        [
            ApplyWarning::NotEligible(CheckCode::ReviewFollowerRange),
            ApplyWarning::WindowClosed,
            ApplyWarning::SlotsFull,
            ApplyWarning::AlreadyApplied,
        ]
    );
    let agency = CreatorFacts {
        followers: 600_000,
        agency: Some(AgencyFacts {
            deposit_ever_deducted: false,
        }),
    };
    let open = TaskFacts {
        slots_taken: 0,
        ..facts
    };
    let fine = eligibility::check(&agency, &open, d("2026-11-05"), &Default::default());
    assert_eq!(apply_warnings(&fine, false), []);
}

mod reminders {
    use super::*;
    use stardesk_domain::campaign::reminders::{schedule, Reminder, ReminderPolicy};

    #[test]
    fn the_default_policy_reminds_3_days_and_1_day_before_and_on_the_day() {
        assert_eq!(ReminderPolicy::default().lead_days, [3, 1, 0]);
        assert_eq!(
            ReminderPolicy::new(vec![0, 7, 1, 7]).map(|p| p.lead_days),
            Some(vec![7, 1, 0])
        );
        assert_eq!(ReminderPolicy::new(vec![31]), None);
    }

    #[test]
    fn a_selected_application_is_reminded_of_shipping_upload_and_the_reward_list() {
        let t = timeline(d("2026-11-01"), &task(true), None);
        let facts = ApplicationFacts {
            status: ApplicationStatus::Selected,
            shipped_on: None,
            published_on: None,
        };
        let all = schedule(&t, &facts, d("2026-11-20"), &ReminderPolicy::default());
        let keys: Vec<(TimelineKey, u32, NaiveDate)> = all
            .iter()
            .map(|r| (r.key, r.lead_days, r.remind_on))
            .collect();
        assert_eq!(
            &keys[..3],
            [
                (TimelineKey::ShipBy, 3, d("2026-12-07")),
                (TimelineKey::ShipBy, 1, d("2026-12-09")),
                (TimelineKey::ShipBy, 0, d("2026-12-10")),
            ]
        );
        assert!(all.iter().any(|r| *r
            == Reminder {
                key: TimelineKey::UploadBy,
                due: d("2026-12-31"),
                lead_days: 1,
                remind_on: d("2026-12-30"),
            }));
        assert!(
            all.iter().all(|r| r.key != TimelineKey::SelectionBy),
            "selection is done"
        );
        assert!(all.iter().all(|r| r.key != TimelineKey::CooperationEnds));
        assert!(all
            .iter()
            .any(|r| r.key == TimelineKey::RewardPublicityEnds));
    }

    #[test]
    fn r_review_15_a_completed_or_paid_application_is_still_reminded_of_its_retention() {
        // Published 12-20, retained 30 days: public until 2027-01-19, after the campaign is
        // completed (upload deadline 12-31) and paid.
        let t = timeline(d("2026-11-01"), &task(true), Some(d("2026-12-20")));
        assert_eq!(t.retain_until, Some(d("2027-01-19")));
        for status in [ApplicationStatus::Completed, ApplicationStatus::RewardPaid] {
            let facts = ApplicationFacts {
                status,
                shipped_on: Some(d("2026-12-01")),
                published_on: Some(d("2026-12-20")),
            };
            let got: Vec<(TimelineKey, NaiveDate)> =
                schedule(&t, &facts, d("2027-01-02"), &ReminderPolicy::default())
                    .iter()
                    .map(|r| (r.key, r.remind_on))
                    .collect();
            assert_eq!(
                got,
                [
                    (TimelineKey::RetainUntil, d("2027-01-16")),
                    (TimelineKey::RetainUntil, d("2027-01-18")),
                    (TimelineKey::RetainUntil, d("2027-01-19")),
                ],
                "{status:?}: the retention only"
            );
        }
    }

    #[test]
    fn a_closed_application_has_no_reminder() {
        let t = timeline(d("2026-11-01"), &task(true), None);
        for status in [
            ApplicationStatus::Withdrawn,
            ApplicationStatus::NotSelected,
            ApplicationStatus::Failed,
            ApplicationStatus::RewardPaid,
        ] {
            let facts = ApplicationFacts {
                status,
                shipped_on: None,
                published_on: None,
            };
            assert!(
                schedule(&t, &facts, d("2026-11-05"), &ReminderPolicy::default()).is_empty(),
                "{status:?}"
            );
        }
    }
}
