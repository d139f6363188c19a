//! The task hall: every open task from the last sync, searched, filtered and paged in
//! the store, with the domain's fees and eligibility applied for the signed-in creator.

pub mod ipc;
pub(crate) mod view;

use crate::context::{with_store, Context};
use crate::error::{AppError, ErrorCode};
use ipc::*;
use stardesk_store::{Store, StoreError};

pub use view::MAX_PAGE;

impl Context {
    pub async fn facets(&self) -> Result<Facets, AppError> {
        let industries = with_store(&self.reader, |s| s.industries()).await?;
        Ok(Facets { industries })
    }

    pub async fn query_tasks(&self, query: TaskQuery) -> Result<TaskPage, AppError> {
        let source = self.source_key().await?;
        let today = self.china_today();
        let rules = self.rules.clone();
        let schedule = self.fees.clone();
        let creator = with_store(&self.reader, move |s| s.creator(&source)).await?;
        let filter = view::filter(&query, creator.as_ref(), today, &rules)?;
        if let Some(e) = filter.eligible_for.clone() {
            // The store answers "eligible only" from a precomputed flag once it was
            // computed for this creator and day (and correctly, more slowly, before).
            let asked = e.clone();
            if !with_store(&self.reader, move |s| s.eligibility_is_current(&asked)).await? {
                with_store(&self.writer, move |s| s.refresh_eligibility(&e)).await?;
            }
        }
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

    /// Precomputes "eligible only" for the creator of `source` today, so that the next
    /// such query need not: the sync runs it once the creator's profile (which may have
    /// changed) is saved, before its first page, and again after its last.
    pub(crate) async fn refresh_hall_eligibility(&self, source: &str) -> Result<(), AppError> {
        let refresh = self.hall_eligibility_refresh(source);
        with_store(&self.writer, refresh).await
    }

    /// What [`Self::refresh_hall_eligibility`] does with the store.
    pub(crate) fn hall_eligibility_refresh(
        &self,
        source: &str,
    ) -> impl FnOnce(&mut Store) -> Result<(), StoreError> + Send + 'static {
        let (source, today, rules) = (source.to_string(), self.china_today(), self.rules.clone());
        move |s: &mut Store| {
            let creator = s.creator(&source)?;
            let e = view::eligible_for(&view::creator_facts(creator.as_ref()), today, &rules);
            s.refresh_eligibility(&e)
        }
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
        let derived = view::derive(&task, &facts, self.china_today(), &self.rules);
        view::detail(&task, &derived, &self.fees)
    }
}
