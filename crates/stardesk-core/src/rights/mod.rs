//! The rights center (权益中心).
pub mod ipc;

use crate::context::Context;
use crate::error::AppError;
use ipc::*;

#[allow(clippy::unused_async, unused_variables)]
impl Context {
    pub async fn rights(&self) -> Result<RightsView, AppError> { todo!() }
    pub async fn refresh_rights(&self) -> Result<RightsView, AppError> { todo!() }
    pub async fn plan_level(&self, metrics: LevelMetrics) -> Result<LevelReportView, AppError> { todo!() }
    pub async fn benefits(&self) -> Result<BenefitsView, AppError> { todo!() }
    pub async fn claim_benefit(&self, id: String) -> Result<BenefitView, AppError> { todo!() }
    pub async fn invitations(&self) -> Result<InvitationsView, AppError> { todo!() }
    pub async fn answer_invitation(&self, id: String, accept: bool) -> Result<InvitationView, AppError> { todo!() }
    pub async fn set_stars_plan(&self, member: bool) -> Result<InvitationsView, AppError> { todo!() }
    pub async fn star_index(&self, days: u32) -> Result<StarIndexView, AppError> { todo!() }
    pub async fn agencies(&self) -> Result<Vec<AgencyView>, AppError> { todo!() }
    pub async fn check_joining(&self, input: JoiningInput) -> Result<JoiningView, AppError> { todo!() }
    pub async fn submit_featured_case(&self, text: String) -> Result<FeaturedCaseView, AppError> { todo!() }
    pub(crate) async fn rights_job(&self) -> Result<Option<chrono::DateTime<chrono::Utc>>, AppError> { todo!() }
}
