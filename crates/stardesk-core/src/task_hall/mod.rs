//! The task hall: every open task from the last sync, searched, filtered and paged in
//! the store, with the domain's fees and eligibility applied for the signed-in creator.

pub mod ipc;
pub(crate) mod view;

use crate::context::{with_store, Context};
use crate::error::{AppError, ErrorCode};
use ipc::*;

pub use view::MAX_PAGE;

impl Context {
    pub async fn facets(&self) -> Result<Facets, AppError> {
        let industries = with_store(&self.reader, |s| s.industries()).await?;
        Ok(Facets { industries })
    }

    pub async fn query_tasks(&self, query: TaskQuery) -> Result<TaskPage, AppError> {
        let source = self.source_key().await?;
        let today = self.today();
        let rules = self.rules.clone();
        let schedule = self.fees.clone();
        let creator = with_store(&self.reader, move |s| s.creator(&source)).await?;
        let filter = view::filter(&query, creator.as_ref(), today, &rules)?;
        let offset = filter.offset;
        let (total, records) = with_store(&self.reader, move |s| s.query_tasks(&filter)).await?;
        let facts = view::creator_facts(creator.as_ref());
        let rows = records
            .iter()
            .map(|t| view::row(t, &view::derive(t, &facts, today, &rules), &schedule))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(TaskPage {
            total,
            offset,
            rows,
        })
    }

    pub async fn task_detail(&self, id: String) -> Result<TaskDetail, AppError> {
        let source = self.source_key().await?;
        let lookup = id.clone();
        let (creator, task) = with_store(&self.reader, move |s| {
            Ok((s.creator(&source)?, s.task(&lookup)?))
        })
        .await?;
        let task = task.ok_or_else(|| {
            AppError::new(
                ErrorCode::NotFound,
                format!("task {id} is not in the task hall"),
            )
        })?;
        let facts = view::creator_facts(creator.as_ref());
        let derived = view::derive(&task, &facts, self.today(), &self.rules);
        view::detail(&task, &derived, &self.fees)
    }
}
