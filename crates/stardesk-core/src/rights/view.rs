//! From the platform's facts and the store's outbox to the rights center's views, with
//! the rules of `stardesk_domain::rights`.

use chrono::NaiveDate;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};
use stardesk_domain::rights::benefits::{days_left, dou_plus_owed};
use stardesk_domain::rights::forecast::demotion_forecast;
use stardesk_domain::rights::level::{evaluate, Checked, Item, LevelReport, LevelTable, Metrics};
use stardesk_domain::rights::reward_tasks::{self, reward_progress, PlaysChannel, RewardBars};
use stardesk_platform::wire::{
    AgencyChannel, AgencyEntry, BenefitCard, BenefitClaim, BenefitKind, BenefitStatus,
    DispatchWindow, FeaturedCase, FeaturedCaseStatus, RightsMetrics, StarIndex,
};
use stardesk_store::rights::{RightsAction, RightsOutboxRecord, RightsSendState, StarIndexRecord};

use super::ipc::*;
use crate::wire::day;

/// Money and rates as shown: two decimals, 四舍五入.
pub(crate) fn two_places(d: Decimal) -> String {
    format!(
        "{:.2}",
        d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
    )
}

fn item_code(item: Item) -> LevelItemCode {
    match item {
        Item::Followers => LevelItemCode::Followers,
        Item::CoursesCompleted => LevelItemCode::CoursesCompleted,
        Item::Posts30d => LevelItemCode::Posts30d,
        Item::AvgValidPlays => LevelItemCode::AvgValidPlays,
        Item::Likes => LevelItemCode::Likes,
        Item::Orders => LevelItemCode::Orders,
        Item::CreditScore => LevelItemCode::CreditScore,
        Item::ProfileComplete => LevelItemCode::ProfileComplete,
        Item::SubmissionTasksJoined => LevelItemCode::SubmissionTasksJoined,
    }
}

pub(crate) fn requirement(c: &Checked) -> RequirementView {
    RequirementView {
        level: c.req.level,
        item: item_code(c.req.item),
        have: c.have,
        op: c.req.op.symbol().to_string(),
        need: c.req.need,
        met: c.met,
    }
}

pub(crate) fn metrics_of(m: &LevelMetrics) -> Metrics {
    Metrics {
        followers: m.followers,
        courses_completed: m.courses_completed,
        posts_30d: m.posts_30d,
        avg_valid_plays: m.avg_valid_plays,
        likes: m.likes,
        orders: m.orders,
        credit_score: m.credit_score,
        profile_complete: m.profile_complete,
        submission_tasks_joined: m.submission_tasks_joined,
    }
}

pub(crate) fn report_view(r: &LevelReport) -> LevelReportView {
    LevelReportView {
        level: r.level,
        next_level: r.next_level,
        requirements: r.requirements.iter().map(requirement).collect(),
        missing: r.missing.iter().map(requirement).collect(),
    }
}

/// R-LEVEL-1, R-LEVEL-2: the level of these metrics by the published table.
pub(crate) fn plan(metrics: &LevelMetrics) -> LevelReportView {
    report_view(&evaluate(&LevelTable::published(), &metrics_of(metrics)))
}

/// The level metrics the platform reported, the posts counted in the 30 days ending on
/// `today` (R-LEVEL-2: the client counts the rolling window itself).
pub(crate) fn level_metrics(m: &RightsMetrics, today: NaiveDate) -> LevelMetrics {
    let dates: Vec<NaiveDate> = m.posts.iter().map(|p| p.published_on).collect();
    let posts = stardesk_domain::rights::forecast::posts_in_window(&dates, today);
    LevelMetrics {
        followers: m.followers,
        courses_completed: m.courses_completed,
        posts_30d: u32::try_from(posts).unwrap_or(u32::MAX),
        avg_valid_plays: m.avg_valid_plays,
        likes: m.likes,
        orders: m.orders,
        credit_score: m.credit_score,
        profile_complete: m.profile_complete,
        submission_tasks_joined: m.submission_tasks_joined,
    }
}

fn empty_metrics() -> LevelMetrics {
    LevelMetrics {
        followers: 0,
        courses_completed: 0,
        posts_30d: 0,
        avg_valid_plays: 0,
        likes: 0,
        orders: 0,
        credit_score: 0,
        profile_complete: false,
        submission_tasks_joined: 0,
    }
}

fn reward_view(m: Option<&RightsMetrics>) -> RewardTrackerView {
    let bars = RewardBars::published();
    let cycle = m.map(|m| m.cycle.as_slice()).unwrap_or_default();
    let months: Vec<reward_tasks::CycleMonth> = cycle
        .iter()
        .map(|c| reward_tasks::CycleMonth {
            orders: c.orders,
            avg_plays_short_video: c.avg_valid_plays_video,
            avg_plays_live: c.avg_valid_plays_live,
        })
        .collect();
    // R-LEVEL-3: averages over the cycle's natural months, a month with no order included.
    let p = reward_progress(&bars, &months);
    RewardTrackerView {
        cycle_months: bars.cycle_months,
        months: cycle
            .iter()
            .map(|c| CycleMonthView {
                month: c.month.clone(),
                orders: c.orders,
                avg_valid_plays_video: c.avg_valid_plays_video,
                avg_valid_plays_live: c.avg_valid_plays_live,
            })
            .collect(),
        avg_orders: two_places(p.avg_orders),
        avg_plays_video: two_places(p.avg_plays_short_video),
        avg_plays_live: two_places(p.avg_plays_live),
        better: match p.better {
            PlaysChannel::ShortVideo => "short_video",
            PlaysChannel::Live => "live",
        }
        .to_string(),
        bars: p
            .levels
            .iter()
            .map(|c| RewardBarView {
                level: c.bar.level,
                orders_per_month: c.bar.orders_per_month,
                plays_above: c.bar.plays_above,
                orders_met: c.orders_met,
                plays_met: c.plays_met,
                met: c.met,
            })
            .collect(),
    }
}

pub(crate) fn featured_view(c: &FeaturedCase) -> FeaturedCaseView {
    FeaturedCaseView {
        text: c.text.clone(),
        status: match c.status {
            FeaturedCaseStatus::UnderReview => "under_review",
            FeaturedCaseStatus::Live => "live",
        }
        .to_string(),
        submitted_at: c.submitted_at.to_rfc3339(),
    }
}

/// R-LEVEL-8 and R-LEVEL-4: the academy featured case (学院精选案例优先上线权) is a
/// benefit of LV2, LV3 and LV4.
pub(crate) const FEATURED_CASE_LEVEL: u8 = 2;

/// The front of the rights center on `today`.
pub(crate) fn rights_view(
    synced_at: Option<&str>,
    m: Option<&RightsMetrics>,
    featured: Option<&FeaturedCase>,
    today: NaiveDate,
) -> RightsView {
    let metrics = m.map_or_else(empty_metrics, |m| level_metrics(m, today));
    let table = LevelTable::published();
    let report = evaluate(&table, &metrics_of(&metrics));
    let dates: Vec<NaiveDate> = m
        .map(|m| m.posts.iter().map(|p| p.published_on).collect())
        .unwrap_or_default();
    // R-LEVEL-1, R-LEVEL-2: the rolling window rolled forward from today.
    let f = demotion_forecast(&table, report.level, &metrics_of(&metrics), &dates, today);
    RightsView {
        synced_at: synced_at.map(str::to_string),
        as_of: m.map(|m| day(m.as_of)),
        metrics,
        featured_case_allowed: report.level >= FEATURED_CASE_LEVEL,
        level: report_view(&report),
        forecast: ForecastView {
            level: f.level,
            posts_floor: f.posts_floor,
            posts_today: f.posts_today,
            drops_on: f.drops_on.map(day),
            posts_needed: f.keep.map(|k| k.posts_needed),
            near: f.near.iter().map(requirement).collect(),
            failing: f.failing.iter().map(requirement).collect(),
        },
        reward: reward_view(m),
        featured_case: featured.map(featured_view),
    }
}

pub(crate) fn kind_code(k: &BenefitKind) -> BenefitKindCode {
    match k {
        BenefitKind::IdentityTag => BenefitKindCode::IdentityTag,
        BenefitKind::ExtraDispatch => BenefitKindCode::ExtraDispatch,
        BenefitKind::DiamondBooth => BenefitKindCode::DiamondBooth,
        BenefitKind::AdSlot => BenefitKindCode::AdSlot,
        BenefitKind::GuaranteeCard => BenefitKindCode::GuaranteeCard,
        BenefitKind::OneToOneRecommendation => BenefitKindCode::OneToOneRecommendation,
        BenefitKind::FeaturedCase => BenefitKindCode::FeaturedCase,
        BenefitKind::CasePromotion => BenefitKindCode::CasePromotion,
        BenefitKind::Ranking => BenefitKindCode::Ranking,
        BenefitKind::OpsGroup => BenefitKindCode::OpsGroup,
        BenefitKind::Gala => BenefitKindCode::Gala,
        BenefitKind::Lecturer => BenefitKindCode::Lecturer,
        BenefitKind::StarsPlanPriority => BenefitKindCode::StarsPlanPriority,
        BenefitKind::Other(_) => BenefitKindCode::Other,
    }
}

/// A benefit's Chinese name (reminders, the calendar, the CLI).
pub(crate) fn kind_name_zh(k: &BenefitKind) -> String {
    match k {
        BenefitKind::IdentityTag => "达人专享身份标签",
        BenefitKind::ExtraDispatch => "优质投稿任务额外派发",
        BenefitKind::DiamondBooth => "钻展位",
        BenefitKind::AdSlot => "达人广场广告位",
        BenefitKind::GuaranteeCard => "投稿任务收益保底卡",
        BenefitKind::OneToOneRecommendation => "1对1精准客户推荐",
        BenefitKind::FeaturedCase => "学院精选案例优先上线权",
        BenefitKind::CasePromotion => "商业案例行业外放",
        BenefitKind::Ranking => "达人榜单优先上榜权",
        BenefitKind::OpsGroup => "官方1v1运营指导社群",
        BenefitKind::Gala => "年终盛典特邀嘉宾",
        BenefitKind::Lecturer => "学院荣誉特聘讲师",
        BenefitKind::StarsPlanPriority => "繁星计划优先加入权",
        BenefitKind::Other(code) => code,
    }
    .to_string()
}

/// An item's send state, its last error or refusal message, and a refusal's code.
pub(super) fn send_state(
    item: Option<&RightsOutboxRecord>,
) -> (Option<SendStateCode>, Option<String>, Option<String>) {
    match item {
        Some(i) if i.state == RightsSendState::Waiting => (
            Some(SendStateCode::Waiting),
            i.last_error_message.clone(),
            None,
        ),
        Some(i) if i.state == RightsSendState::Refused => (
            Some(SendStateCode::Refused),
            i.refusal_message.clone(),
            i.refusal_code.clone(),
        ),
        _ => (None, None, None),
    }
}

pub(crate) fn benefit_view(
    b: &BenefitCard,
    outbox: &[RightsOutboxRecord],
    today: NaiveDate,
) -> BenefitView {
    let claim = outbox
        .iter()
        .rev()
        .find(|o| o.action == RightsAction::Claim && o.target_id == b.id);
    let (send_state, send_error, send_refusal) = send_state(claim);
    // A card past its last valid day is expired whatever the last sync said (R-LEVEL-6).
    let passed = b.expires_on.is_some_and(|e| e < today);
    let status = match b.status {
        BenefitStatus::Used => BenefitStatusCode::Used,
        BenefitStatus::Expired => BenefitStatusCode::Expired,
        _ if passed => BenefitStatusCode::Expired,
        BenefitStatus::Available => BenefitStatusCode::Available,
        BenefitStatus::Claimed => BenefitStatusCode::Claimed,
    };
    BenefitView {
        id: b.id.clone(),
        kind: kind_code(&b.kind),
        kind_name: kind_name_zh(&b.kind),
        level: b.level,
        value: b.value.map(two_places),
        claimable: b.claim == BenefitClaim::Claimable,
        issued_on: day(b.issued_on),
        expires_on: b.expires_on.map(day),
        days_left: b.expires_on.and_then(|e| days_left(e, today)),
        status,
        send_state,
        send_error,
        send_refusal,
    }
}

fn status_rank(v: &BenefitView) -> u8 {
    match v.status {
        BenefitStatusCode::Available if v.claimable => 0,
        BenefitStatusCode::Available | BenefitStatusCode::Claimed => 1,
        BenefitStatusCode::Used => 2,
        BenefitStatusCode::Expired => 3,
    }
}

pub(crate) fn benefits_view(
    cards: &[BenefitCard],
    dispatches: &[DispatchWindow],
    outbox: &[RightsOutboxRecord],
    today: NaiveDate,
) -> BenefitsView {
    let mut items: Vec<BenefitView> = cards
        .iter()
        .map(|b| benefit_view(b, outbox, today))
        .collect();
    // Claimable first, then the soonest to expire; used and expired last.
    items.sort_by(|a, b| {
        let expiry = |v: &BenefitView| v.expires_on.clone().unwrap_or_else(|| "9999".into());
        (status_rank(a), expiry(a), &a.id).cmp(&(status_rank(b), expiry(b), &b.id))
    });
    let periods: Vec<DispatchPeriodView> = dispatches
        .iter()
        .map(|w| {
            let ended = w.ends_on < today;
            // R-LEVEL-7: what an ended period did not send is owed at 20 DOU+ each.
            let dou = ended.then(|| dou_plus_owed(w.promised, w.sent));
            DispatchPeriodView {
                starts_on: day(w.starts_on),
                ends_on: day(w.ends_on),
                promised: w.promised,
                sent: w.sent,
                owed: ended.then(|| w.promised.saturating_sub(w.sent)),
                dou_plus: dou,
                current: w.starts_on <= today && today <= w.ends_on,
            }
        })
        .collect();
    BenefitsView {
        dou_plus_owed: periods.iter().filter_map(|p| p.dou_plus).sum(),
        items,
        dispatches: periods,
    }
}

fn number(d: &str) -> f64 {
    d.parse::<Decimal>()
        .ok()
        .and_then(|d| d.to_f64())
        .unwrap_or(0.0)
}

pub(crate) fn star_record(s: &StarIndex) -> StarIndexRecord {
    StarIndexRecord {
        day: day(s.day),
        index: s.index.to_string(),
        reach: s.reach.to_string(),
        cooperation: s.cooperation.to_string(),
        growth: s.growth.to_string(),
        value_for_money: s.value_for_money.to_string(),
        seeding: s.seeding.to_string(),
    }
}

pub(crate) fn star_point(r: &StarIndexRecord) -> StarIndexPoint {
    StarIndexPoint {
        day: r.day.clone(),
        index: number(&r.index),
        reach: number(&r.reach),
        cooperation: number(&r.cooperation),
        growth: number(&r.growth),
        value_for_money: number(&r.value_for_money),
        seeding: number(&r.seeding),
    }
}

/// The last point minus the one before, to two decimals (exact in decimal first).
pub(crate) fn star_change(records: &[StarIndexRecord]) -> Option<StarIndexPoint> {
    let [.., before, last] = records else {
        return None;
    };
    let diff = |a: &str, b: &str| {
        let a: Decimal = a.parse().unwrap_or_default();
        let b: Decimal = b.parse().unwrap_or_default();
        (a - b).to_f64().unwrap_or(0.0)
    };
    Some(StarIndexPoint {
        day: last.day.clone(),
        index: diff(&last.index, &before.index),
        reach: diff(&last.reach, &before.reach),
        cooperation: diff(&last.cooperation, &before.cooperation),
        growth: diff(&last.growth, &before.growth),
        value_for_money: diff(&last.value_for_money, &before.value_for_money),
        seeding: diff(&last.seeding, &before.seeding),
    })
}

pub(crate) fn agency_view(a: &AgencyEntry, today: NaiveDate) -> AgencyView {
    use stardesk_domain::rights::agency::{first_rating_day, next_rating_day, rated_yet};
    // R-MCN-1: rated on the 3rd of each month, a new agency first in its second month.
    let next = if rated_yet(a.founded_on, today) {
        next_rating_day(today)
    } else {
        first_rating_day(a.founded_on)
    };
    AgencyView {
        id: a.id.clone(),
        name: a.name.clone(),
        level: a.level,
        channel: a.channel.map(|c| {
            match c {
                AgencyChannel::HighLevelCreators => "high_level_creators",
                AgencyChannel::MonthlyGmv => "monthly_gmv",
            }
            .to_string()
        }),
        rated_on: a.rated_on.map(day),
        creators: a.creators,
        founded_on: day(a.founded_on),
        next_rating_on: day(next),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_featured_case_is_not_for_a_creator_below_lv2_r_level_4() {
        // No metrics synced: LV0, nothing of LV1's holds.
        let front = rights_view(
            None,
            None,
            None,
            NaiveDate::from_ymd_opt(2026, 12, 4).unwrap(),
        );
        assert_eq!(front.level.level, 0);
        assert!(!front.featured_case_allowed);
    }
}
