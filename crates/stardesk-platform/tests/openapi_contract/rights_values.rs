//! Values of the rights center's wire types, every `Option` set or unset, and every variant
//! of its enums, for the contract checks in `rights.rs`.

use stardesk_platform::wire::{
    Acceptance, AgencyChannel, AgencyEntry, BenefitCard, BenefitClaim, BenefitKind, BenefitStatus,
    CycleMonth, DispatchWindow, FeaturedCase, FeaturedCaseStatus, Invitation, InvitationKind,
    InvitationStatus, Post, PostKind, RightsMetrics, StarIndex,
};

use super::*;

pub(super) fn score(s: &str) -> Decimal {
    s.parse().expect("a decimal literal")
}

pub(super) fn full_post() -> Post {
    Post {
        published_on: day(2026, 10, 25),
        kind: PostKind::Video,
        valid_plays: 61_830,
    }
}

pub(super) fn full_cycle_month() -> CycleMonth {
    CycleMonth {
        month: "2026-11".into(),
        orders: 1,
        avg_valid_plays_video: 55_310,
        avg_valid_plays_live: 48_210,
    }
}

pub(super) fn full_metrics() -> RightsMetrics {
    RightsMetrics {
        as_of: day(2026, 11, 22),
        followers: 268_000,
        courses_completed: 8,
        posts: vec![
            full_post(),
            Post {
                kind: PostKind::Live,
                ..full_post()
            },
        ],
        avg_valid_plays: 56_412,
        likes: 486_200,
        orders: 4,
        credit_score: 88,
        profile_complete: true,
        submission_tasks_joined: 6,
        cycle: vec![full_cycle_month()],
    }
}

/// Every `Option` set.
pub(super) fn full_card() -> BenefitCard {
    BenefitCard {
        id: "7612230077164423168".into(),
        kind: BenefitKind::GuaranteeCard,
        level: 2,
        value: Some(yuan("50")),
        claim: BenefitClaim::Claimable,
        issued_on: day(2026, 5, 31),
        expires_on: Some(day(2026, 11, 26)),
        status: BenefitStatus::Available,
    }
}

/// Every `Option` unset.
pub(super) fn sparse_card() -> BenefitCard {
    BenefitCard {
        kind: BenefitKind::IdentityTag,
        value: None,
        claim: BenefitClaim::Automatic,
        expires_on: None,
        status: BenefitStatus::Claimed,
        ..full_card()
    }
}

pub(super) fn full_window() -> DispatchWindow {
    DispatchWindow {
        starts_on: day(2026, 10, 13),
        ends_on: day(2026, 11, 11),
        promised: 8,
        sent: 5,
    }
}

pub(super) fn full_star_index() -> StarIndex {
    StarIndex {
        day: day(2026, 11, 22),
        index: score("72.46"),
        reach: score("74.10"),
        cooperation: score("86.35"),
        growth: score("61"),
        value_for_money: score("70.8"),
        seeding: score("0"),
    }
}

pub(super) fn full_invitation() -> Invitation {
    Invitation {
        id: "7712598830194401280".into(),
        kind: InvitationKind::Dispatch,
        task_title: "【优选】秋冬保湿面霜种草视频".into(),
        brand: "植萃肌研".into(),
        price: yuan("8800.50"),
        received_at: instant("2026-11-22T04:02:00Z"),
        status: InvitationStatus::Pending,
    }
}

pub(super) fn full_acceptance() -> Acceptance {
    Acceptance {
        accepted: 9,
        total: 11,
    }
}

pub(super) fn full_featured_case() -> FeaturedCase {
    FeaturedCase {
        text: "与植萃肌研合作的修护面霜测评，视频播放32万。".into(),
        status: FeaturedCaseStatus::Live,
        submitted_at: instant("2026-11-20T06:30:00Z"),
    }
}

/// Every `Option` set.
pub(super) fn full_agency_entry() -> AgencyEntry {
    AgencyEntry {
        id: "6900000000000012345".into(),
        name: "杭州星芒文化传媒有限公司".into(),
        level: Some(5),
        channel: Some(AgencyChannel::HighLevelCreators),
        rated_on: Some(day(2026, 11, 3)),
        creators: 186,
        founded_on: day(2021, 3, 18),
    }
}

/// Not rated yet: every `Option` unset.
pub(super) fn unrated_agency_entry() -> AgencyEntry {
    AgencyEntry {
        level: None,
        channel: None,
        rated_on: None,
        founded_on: day(2026, 11, 6),
        ..full_agency_entry()
    }
}

// Each `every_*` lists every variant; the exhaustive `match` stops the build when one is
// added.

pub(super) fn every_post_kind() -> Vec<PostKind> {
    let all = vec![PostKind::Video, PostKind::Live];
    for k in &all {
        match k {
            PostKind::Video | PostKind::Live => {}
        }
    }
    all
}

pub(super) fn every_benefit_kind() -> Vec<BenefitKind> {
    use BenefitKind::*;
    let all = vec![
        IdentityTag,
        ExtraDispatch,
        DiamondBooth,
        AdSlot,
        GuaranteeCard,
        OneToOneRecommendation,
        FeaturedCase,
        CasePromotion,
        Ranking,
        OpsGroup,
        Gala,
        Lecturer,
        StarsPlanPriority,
    ];
    for k in &all {
        match k {
            IdentityTag
            | ExtraDispatch
            | DiamondBooth
            | AdSlot
            | GuaranteeCard
            | OneToOneRecommendation
            | FeaturedCase
            | CasePromotion
            | Ranking
            | OpsGroup
            | Gala
            | Lecturer
            | StarsPlanPriority => {}
            Other(_) => unreachable!("not a known kind"),
        }
    }
    all
}

pub(super) fn every_benefit_claim() -> Vec<BenefitClaim> {
    let all = vec![BenefitClaim::Claimable, BenefitClaim::Automatic];
    for c in &all {
        match c {
            BenefitClaim::Claimable | BenefitClaim::Automatic => {}
        }
    }
    all
}

pub(super) fn every_benefit_status() -> Vec<BenefitStatus> {
    use BenefitStatus::*;
    let all = vec![Available, Claimed, Used, Expired];
    for s in &all {
        match s {
            Available | Claimed | Used | Expired => {}
        }
    }
    all
}

pub(super) fn every_invitation_kind() -> Vec<InvitationKind> {
    let all = vec![InvitationKind::Inquiry, InvitationKind::Dispatch];
    for k in &all {
        match k {
            InvitationKind::Inquiry | InvitationKind::Dispatch => {}
        }
    }
    all
}

pub(super) fn every_invitation_status() -> Vec<InvitationStatus> {
    use InvitationStatus::*;
    let all = vec![Pending, Accepted, Declined, Expired];
    for s in &all {
        match s {
            Pending | Accepted | Declined | Expired => {}
        }
    }
    all
}

pub(super) fn every_featured_case_status() -> Vec<FeaturedCaseStatus> {
    let all = vec![FeaturedCaseStatus::UnderReview, FeaturedCaseStatus::Live];
    for s in &all {
        match s {
            FeaturedCaseStatus::UnderReview | FeaturedCaseStatus::Live => {}
        }
    }
    all
}

pub(super) fn every_agency_channel() -> Vec<AgencyChannel> {
    let all = vec![AgencyChannel::HighLevelCreators, AgencyChannel::MonthlyGmv];
    for c in &all {
        match c {
            AgencyChannel::HighLevelCreators | AgencyChannel::MonthlyGmv => {}
        }
    }
    all
}
