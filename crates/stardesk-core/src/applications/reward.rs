//! The reward at given valid plays or rank, from a task's scheme or from a scheme in the
//! API's JSON shape (R-REVIEW-5: lower bound exclusive, upper inclusive; R-REVIEW-6: ranks
//! inclusive); and a task as the platform publishes it.

use stardesk_domain::money::format_yuan;
use stardesk_domain::reward::{Performance, PerformanceMismatch, Reward};
use stardesk_platform::convert::reward_to_domain;
use stardesk_platform::wire;

use super::ipc::RewardMeasure;
use crate::context::{with_store, Context};
use crate::error::{AppError, ErrorCode};

fn performance(m: RewardMeasure) -> Performance {
    match m {
        RewardMeasure::Plays { plays } => Performance::Plays(plays),
        RewardMeasure::Rank { rank } => Performance::Rank(rank),
    }
}

fn at(reward: &Reward, measure: RewardMeasure) -> Result<String, AppError> {
    reward
        .at(performance(measure))
        .map(format_yuan)
        .map_err(|e| {
            AppError::invalid_input(match e {
                PerformanceMismatch::PaysOnPlays => "this scheme pays by valid plays: give --plays",
                PerformanceMismatch::PaysOnRank => "this scheme pays by rank: give --rank",
            })
        })
}

/// The reward a scheme in the API's JSON shape (`{"kind": "play_tiers", "tiers": [...]}`)
/// pays at `measure`, in yuan. `name` names the scheme in errors.
pub fn reward_at_scheme(
    name: &str,
    json: &str,
    measure: RewardMeasure,
) -> Result<String, AppError> {
    let scheme: wire::Reward = serde_json::from_str(json).map_err(|e| {
        AppError::invalid_input(format!(
            "{name}: not a reward scheme in the API's shape: {e}"
        ))
    })?;
    let reward = reward_to_domain(&scheme);
    reward
        .validate()
        .map_err(|e| AppError::invalid_input(format!("{name}: {e}")))?;
    at(&reward, measure)
}

impl Context {
    /// The reward task `id` pays at `measure`, in yuan (from the task hall's cache, else
    /// from the platform).
    pub async fn reward_at(
        &self,
        task_id: String,
        measure: RewardMeasure,
    ) -> Result<String, AppError> {
        let lookup = task_id.trim().to_string();
        let cached = with_store(&self.reader, move |s| s.task(&lookup)).await?;
        let reward = match cached {
            Some(t) => t.reward,
            None => {
                let (client, _) = self.client().await?;
                reward_to_domain(&client.task(task_id.trim()).await?.reward)
            }
        };
        at(&reward, measure)
    }

    /// A task as the platform publishes it, with the API's field names (`ship_by`,
    /// `upload_deadline`, `retention_days`, `reward`, ...).
    pub async fn task_as_published(&self, task_id: String) -> Result<serde_json::Value, AppError> {
        let (client, _) = self.client().await?;
        let task = client.task(task_id.trim()).await.map_err(|e| match e {
            stardesk_platform::PlatformError::Http { status: 404, .. } => AppError::new(
                ErrorCode::NotFound,
                format!("the platform has no task {}", task_id.trim()),
            ),
            other => other.into(),
        })?;
        serde_json::to_value(&task).map_err(|e| AppError::new(ErrorCode::Internal, e.to_string()))
    }
}
