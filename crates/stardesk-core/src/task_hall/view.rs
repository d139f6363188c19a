//! The task hall: store records → rows and details, with the domain's fees and
//! eligibility applied for the signed-in creator.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use stardesk_domain::eligibility::{
    self as el, AgencyFacts, CreatorFacts, EligibilityRules, TaskFacts,
};
use stardesk_domain::fees::{self, FeeSchedule};
use stardesk_domain::money::{format_yuan, from_fen, parse_yuan};
use stardesk_domain::reward::Reward;
use stardesk_store::state::CreatorRecord;
use stardesk_store::tasks::{EligibleFor, TaskFilter, TaskOrder, TaskRecord};

use super::ipc::*;
use crate::account::ipc::CreatorKind;
use crate::error::{AppError, ErrorCode};
use crate::wire;

/// Largest page the UI may ask for.
pub const MAX_PAGE: u32 = 500;

pub fn creator_facts(c: Option<&CreatorRecord>) -> CreatorFacts {
    match c {
        Some(c) => CreatorFacts {
            followers: c.followers,
            agency: c.agency.as_ref().map(|a| AgencyFacts {
                deposit_ever_deducted: a.deposit_ever_deducted,
            }),
        },
        // Unknown creator (never synced): nothing is eligible until we know who it is.
        None => CreatorFacts {
            followers: 0,
            agency: None,
        },
    }
}

pub fn creator_kind(c: &CreatorFacts) -> fees::CreatorKind {
    if c.agency.is_some() {
        fees::CreatorKind::Agency
    } else {
        fees::CreatorKind::Independent
    }
}

fn yuan(input: &Option<String>, field: &str) -> Result<Option<i64>, AppError> {
    input
        .as_deref()
        .filter(|s| !s.trim().is_empty())
        .map(|s| {
            let d = parse_yuan(s).map_err(|e| {
                AppError::new(
                    ErrorCode::InvalidInput,
                    format!("{field}: {s:?} is not an amount ({e})"),
                )
            })?;
            stardesk_domain::money::to_fen(d)
                .map_err(|e| AppError::new(ErrorCode::InvalidInput, format!("{field}: {e}")))
        })
        .transpose()
}

fn code<T: serde::Serialize>(v: &T) -> String {
    wire::wire_name(v).unwrap_or_default()
}

/// Who "only tasks I am eligible for" is for, as the store's filter takes it.
pub fn eligible_for(
    facts: &CreatorFacts,
    today: NaiveDate,
    rules: &EligibilityRules,
) -> EligibleFor {
    EligibleFor {
        today,
        followers: facts.followers,
        agency_deposit_deducted: facts.agency.as_ref().map(|a| a.deposit_ever_deducted),
        account_min_followers: rules.account_min_followers,
        review_min_followers: rules.review_min_followers,
        review_max_followers: rules.review_max_followers,
    }
}

/// The store filter for a task-hall query.
pub fn filter(
    q: &TaskQuery,
    creator: Option<&CreatorRecord>,
    today: NaiveDate,
    rules: &EligibilityRules,
) -> Result<TaskFilter, AppError> {
    let facts = creator_facts(creator);
    Ok(TaskFilter {
        search: q
            .search
            .as_ref()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty()),
        categories: q.categories.iter().map(code).collect(),
        industries: q.industries.clone(),
        content_forms: q.content_forms.iter().map(code).collect(),
        reward_min_fen: yuan(&q.reward_min, "reward_min")?,
        reward_max_fen: yuan(&q.reward_max, "reward_max")?,
        deadline_from: q.deadline_within_days.map(|_| today),
        deadline_to: q
            .deadline_within_days
            .map(|d| today + chrono::Days::new(u64::from(d))),
        eligible_for: q.eligible_only.then(|| eligible_for(&facts, today, rules)),
        order: match q.sort {
            TaskSort::Newest => TaskOrder::Newest,
            TaskSort::Deadline => TaskOrder::Deadline,
            TaskSort::Reward => TaskOrder::Reward,
        },
        offset: q.offset,
        limit: q.limit.clamp(1, MAX_PAGE),
    })
}

fn parse_code<T: serde::de::DeserializeOwned>(s: &str) -> Result<T, AppError> {
    wire::from_wire_name(s).ok_or_else(|| {
        AppError::new(
            ErrorCode::StoreFailed,
            format!("unknown code in the task cache: {s}"),
        )
    })
}

pub fn task_facts(t: &TaskRecord) -> TaskFacts {
    TaskFacts {
        is_product_review: t.settlement_mode.as_deref() == Some("product_review"),
        min_followers: t.min_followers,
        max_followers: t.max_followers,
        slots_wanted: t.slots_wanted,
        slots_taken: t.slots_taken,
        apply_start: t.apply_start,
        apply_end: t.apply_end,
    }
}

fn order_kind(t: &TaskRecord) -> fees::OrderKind {
    if t.category == "preferred" {
        fees::OrderKind::Preferred
    } else {
        fees::OrderKind::Ordinary
    }
}

/// Everything the hall derives for one task and one creator.
pub struct Derived {
    pub eligibility: el::Eligibility,
    pub kind: fees::CreatorKind,
}

pub fn derive(
    t: &TaskRecord,
    creator: &CreatorFacts,
    today: NaiveDate,
    rules: &EligibilityRules,
) -> Derived {
    Derived {
        eligibility: el::check(creator, &task_facts(t), today, rules),
        kind: creator_kind(creator),
    }
}

pub fn row(t: &TaskRecord, d: &Derived, schedule: &FeeSchedule) -> Result<TaskRow, AppError> {
    let net_max = t.reward_max_fen.map(|fen| {
        format_yuan(fees::net_income(from_fen(fen), order_kind(t), d.kind, schedule).net)
    });
    Ok(TaskRow {
        id: t.id.clone(),
        title: t.title.clone(),
        brand: t.brand.clone(),
        category: parse_code(&t.category)?,
        settlement_mode: t.settlement_mode.as_deref().map(parse_code).transpose()?,
        industry: t.industry.clone(),
        content_form: parse_code(&t.content_form)?,
        reward_kind: parse_code(&t.reward_kind)?,
        reward_min: t.reward_min_fen.map(|f| format_yuan(from_fen(f))),
        reward_max: t.reward_max_fen.map(|f| format_yuan(from_fen(f))),
        net_max,
        sample_value: t.sample_value_fen.map(|f| format_yuan(from_fen(f))),
        apply_end: t.apply_end.to_string(),
        upload_deadline: t.upload_deadline.to_string(),
        slots_wanted: t.slots_wanted,
        slots_taken: t.slots_taken,
        eligible: d.eligibility.eligible,
    })
}

fn reward_view(r: &Reward) -> RewardView {
    match r {
        Reward::Fixed(amount) => RewardView::Fixed {
            amount: format_yuan(*amount),
        },
        Reward::PlayTiers(tiers) => RewardView::PlayTiers {
            tiers: tiers
                .iter()
                .map(|t| PlayTierView {
                    above: t.above.to_string(),
                    up_to: t.up_to.map(|u| u.to_string()),
                    amount: format_yuan(t.amount),
                })
                .collect(),
        },
        Reward::Rank(prizes) => RewardView::Rank {
            prizes: prizes
                .iter()
                .map(|p| RankPrizeView {
                    from: p.from,
                    to: p.to,
                    amount: format_yuan(p.amount),
                })
                .collect(),
        },
        Reward::SampleOnly => RewardView::SampleOnly,
    }
}

/// The window's name for an order kind.
pub(crate) fn order_view(order: fees::OrderKind) -> OrderKind {
    match order {
        fees::OrderKind::Ordinary => OrderKind::Ordinary,
        fees::OrderKind::Preferred => OrderKind::Preferred,
    }
}

/// The window's name for a creator kind.
pub(crate) fn creator_view(kind: fees::CreatorKind) -> CreatorKind {
    match kind {
        fees::CreatorKind::Independent => CreatorKind::Independent,
        fees::CreatorKind::Agency => CreatorKind::Agency,
    }
}

/// One R-PREF-3 fee as the window lists it: its kind, rate, amount and rule id.
pub(crate) fn fee_line(f: &fees::Fee) -> FeeLine {
    FeeLine {
        kind: match f.kind {
            fees::FeeKind::PlatformService => FeeKind::PlatformService,
            fees::FeeKind::PreferredTechnical => FeeKind::PreferredTechnical,
        },
        rate_percent: (f.rate * Decimal::ONE_HUNDRED).normalize().to_string(),
        amount: format_yuan(f.amount),
        rule: f.rule().to_string(),
    }
}

/// R-PREF-3: the four fee scenarios on `gross`, the creator's own one marked.
pub fn net_scenarios(
    gross: Decimal,
    own_order: fees::OrderKind,
    own_kind: fees::CreatorKind,
    schedule: &FeeSchedule,
) -> Vec<NetScenario> {
    let mut out = Vec::with_capacity(4);
    for order in [fees::OrderKind::Ordinary, fees::OrderKind::Preferred] {
        for kind in [fees::CreatorKind::Independent, fees::CreatorKind::Agency] {
            let b = fees::net_income(gross, order, kind, schedule);
            out.push(NetScenario {
                order: order_view(order),
                creator: creator_view(kind),
                gross: format_yuan(b.gross),
                fees: b.fees.iter().map(fee_line).collect(),
                net: format_yuan(b.net),
                applies: order == own_order && kind == own_kind,
            });
        }
    }
    out
}

fn check_view(c: &el::Check) -> EligibilityCheck {
    EligibilityCheck {
        code: match c.code {
            el::CheckCode::AccountFollowers => CheckCode::AccountFollowers,
            el::CheckCode::ReviewFollowerRange => CheckCode::ReviewFollowerRange,
            el::CheckCode::AgencyDeposit => CheckCode::AgencyDeposit,
            el::CheckCode::TaskFollowers => CheckCode::TaskFollowers,
            el::CheckCode::ApplicationWindow => CheckCode::ApplicationWindow,
            el::CheckCode::SlotsLeft => CheckCode::SlotsLeft,
        },
        ok: c.ok,
        rule: c.rule.map(str::to_string),
        params: c
            .params
            .iter()
            .map(|(k, v)| ((*k).to_string(), v.clone()))
            .collect(),
    }
}

pub fn detail(t: &TaskRecord, d: &Derived, schedule: &FeeSchedule) -> Result<TaskDetail, AppError> {
    let gross = t.reward_max_fen.map(from_fen).unwrap_or(Decimal::ZERO);
    Ok(TaskDetail {
        row: row(t, d, schedule)?,
        description: t.description.clone(),
        requirements: t.requirements.clone(),
        reward: reward_view(&t.reward),
        apply_start: t.apply_start.to_string(),
        ship_by: t.ship_by.map(|d| d.to_string()),
        retention_days: t.retention_days,
        min_followers: t.min_followers.to_string(),
        max_followers: t.max_followers.map(|m| m.to_string()),
        updated_at: t
            .updated_at
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        net: net_scenarios(gross, order_kind(t), d.kind, schedule),
        eligibility: Eligibility {
            eligible: d.eligibility.eligible,
            checks: d.eligibility.checks.iter().map(check_view).collect(),
        },
    })
}
