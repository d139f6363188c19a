//! The applications feed into the store, page by page with its cursor, with the terms of
//! every task an application names (from the task hall's cache, else from the platform).

use std::collections::HashSet;

use stardesk_platform::{PlatformClient, PlatformError};

use super::convert::{application_record, campaign_task, campaign_task_from_cache};
use crate::context::{with_store, Context};
use crate::error::AppError;
use crate::settlements::now;

/// Applications per page of the feed.
const PAGE: u32 = 200;

impl Context {
    /// Brings the source's applications up to date; returns how many changed.
    pub(crate) async fn sync_applications(
        &self,
        client: &PlatformClient,
        source: &str,
    ) -> Result<u32, AppError> {
        let from = source.to_string();
        let (mut cursor, known) = with_store(&self.reader, move |s| {
            let known: HashSet<String> =
                s.campaign_tasks()?.into_iter().map(|t| t.task_id).collect();
            Ok((s.applications_cursor(&from)?, known))
        })
        .await?;
        let mut known = known;
        let mut changed = 0u32;
        loop {
            let page = client
                .applications_page(cursor.as_deref(), None, PAGE)
                .await?;
            let records = page
                .items
                .iter()
                .map(application_record)
                .collect::<Result<Vec<_>, _>>()?;
            let mut tasks = Vec::new();
            for task_id in page.items.iter().map(|a| a.task_id.clone()) {
                if !known.insert(task_id.clone()) {
                    continue;
                }
                let lookup = task_id.clone();
                let cached = with_store(&self.reader, move |s| s.task(&lookup)).await?;
                let at = now();
                match cached {
                    Some(t) => tasks.push(campaign_task_from_cache(&t, &at)),
                    None => match client.task(&task_id).await {
                        Ok(t) => tasks.push(campaign_task(&t, &at)?),
                        // A task the platform no longer serves: its dates stay unknown.
                        Err(PlatformError::Http { status: 404, .. }) => {}
                        Err(e) => return Err(e.into()),
                    },
                }
            }
            changed += u32::try_from(records.len()).unwrap_or(u32::MAX);
            let next = page.next_cursor.clone();
            let to = source.to_string();
            with_store(&self.writer, move |s| {
                s.save_application_page(&to, &records, &tasks, &next)
            })
            .await?;
            if !page.has_more {
                break;
            }
            cursor = Some(page.next_cursor);
        }
        if changed > 0 {
            self.applications_changed();
        }
        // Timelines move with today as much as with the data.
        self.refresh_reminders().await?;
        // The brand's shipments become parcels to track.
        self.parcels_from_feed().await?;
        Ok(changed)
    }
}
