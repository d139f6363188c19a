//! Between the wire format and the store's and domain's types.

use rust_decimal::Decimal;
use stardesk_domain::money;
use stardesk_domain::reward as dr;
use stardesk_store::tasks::TaskRecord;

use crate::wire::{Category, ContentForm, Reward, SettlementMode, Task};

/// A task the platform sent that StarDesk refuses to cache, with the field at fault.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("task {task_id}: field `{field}`: {reason}")]
pub struct InvalidTask {
    pub task_id: String,
    pub field: &'static str,
    pub reason: String,
}

pub fn category_code(c: Category) -> &'static str {
    match c {
        Category::Submission => "submission",
        Category::Recruitment => "recruitment",
        Category::Assigned => "assigned",
        Category::Preferred => "preferred",
    }
}

pub fn settlement_code(m: SettlementMode) -> &'static str {
    match m {
        SettlementMode::ProductReview => "product_review",
        SettlementMode::Paid => "paid",
    }
}

pub fn content_form_code(f: ContentForm) -> &'static str {
    match f {
        ContentForm::Video => "video",
        ContentForm::Live => "live",
        ContentForm::Picture => "picture",
    }
}

pub fn reward_kind_code(r: &Reward) -> &'static str {
    match r {
        Reward::Fixed { .. } => "fixed",
        Reward::PlayTiers { .. } => "play_tiers",
        Reward::Rank { .. } => "rank",
        Reward::SampleOnly => "sample_only",
    }
}

/// The domain's view of a wire reward scheme.
pub fn reward_to_domain(r: &Reward) -> dr::Reward {
    match r {
        Reward::Fixed { amount } => dr::Reward::Fixed(*amount),
        Reward::PlayTiers { tiers } => dr::Reward::PlayTiers(
            tiers
                .iter()
                .map(|t| dr::PlayTier {
                    above: t.above,
                    up_to: t.up_to,
                    amount: t.amount,
                })
                .collect(),
        ),
        Reward::Rank { prizes } => dr::Reward::Rank(
            prizes
                .iter()
                .map(|p| dr::RankPrize {
                    from: p.from,
                    to: p.to,
                    amount: p.amount,
                })
                .collect(),
        ),
        Reward::SampleOnly => dr::Reward::SampleOnly,
    }
}

fn fen(task_id: &str, field: &'static str, amount: Decimal) -> Result<i64, InvalidTask> {
    let invalid = |reason: String| InvalidTask {
        task_id: task_id.to_string(),
        field,
        reason,
    };
    if amount.is_sign_negative() && !amount.is_zero() {
        return Err(invalid(format!("negative amount {amount}")));
    }
    if amount.scale() > 2 && amount != money::round_fen(amount) {
        return Err(invalid(format!("{amount} has fractions of a fen")));
    }
    money::to_fen(amount).map_err(|e| invalid(e.to_string()))
}

/// Validates a wire task and turns it into the record the store keeps.
pub fn task_record(t: &Task) -> Result<TaskRecord, InvalidTask> {
    let invalid = |field: &'static str, reason: &str| InvalidTask {
        task_id: t.id.clone(),
        field,
        reason: reason.to_string(),
    };
    if t.id.is_empty() || !t.id.bytes().all(|b| b.is_ascii_digit()) {
        return Err(invalid("id", "a task id is a decimal number"));
    }
    if t.apply_end < t.apply_start {
        return Err(invalid("apply_end", "ends before apply_start"));
    }
    let domain_reward = reward_to_domain(&t.reward);
    domain_reward
        .validate()
        .map_err(|e| invalid("reward", &e.to_string()))?;
    let (reward_min_fen, reward_max_fen) = match domain_reward.range() {
        Some((lo, hi)) => (
            Some(fen(&t.id, "reward", lo)?),
            Some(fen(&t.id, "reward", hi)?),
        ),
        None => (None, None),
    };
    let sample_value_fen = t
        .sample_value
        .map(|v| fen(&t.id, "sample_value", v))
        .transpose()?;
    Ok(TaskRecord {
        id: t.id.clone(),
        title: t.title.clone(),
        brand: t.brand.clone(),
        category: category_code(t.category).to_string(),
        settlement_mode: t.settlement_mode.map(|m| settlement_code(m).to_string()),
        industry: t.industry.clone(),
        content_form: content_form_code(t.content_form).to_string(),
        reward_kind: reward_kind_code(&t.reward).to_string(),
        reward: domain_reward,
        reward_min_fen,
        reward_max_fen,
        sample_value_fen,
        apply_start: t.apply_start,
        apply_end: t.apply_end,
        ship_by: t.ship_by,
        upload_deadline: t.upload_deadline,
        retention_days: t.retention_days,
        min_followers: t.min_followers,
        max_followers: t.max_followers,
        slots_wanted: t.slots_wanted,
        slots_taken: t.slots_taken,
        requirements: t.requirements.clone(),
        description: t.description.clone(),
        updated_at: t.updated_at,
    })
}
