//! Tauri commands: each forwards to one `stardesk_core::Context` method.

use std::sync::Arc;

use stardesk_core::dto::{
    AppStatus, Facets, PlatformAccountInput, SyncProgress, SyncSummary, TaskDetail, TaskPage,
    TaskQuery,
};
use stardesk_core::{AppError, Context};
use tauri::{AppHandle, Emitter, State};

use crate::AppState;

/// The event that carries [`SyncProgress`].
pub const SYNC_PROGRESS: &str = "sync://progress";

fn emitter(app: AppHandle) -> impl Fn(SyncProgress) + Send + Sync {
    move |p| {
        if let Err(e) = app.emit(SYNC_PROGRESS, p) {
            tracing::warn!("cannot emit sync progress: {e}");
        }
    }
}

/// The first sync of a session runs in the background, so the window opens at once on
/// the last sync's data (offline works) and fills in as pages arrive.
pub fn sync_on_start(app: AppHandle, ctx: Arc<Context>) {
    tauri::async_runtime::spawn(async move {
        if let Err(e) = ctx.sync(emitter(app)).await {
            tracing::warn!(code = ?e.code, "sync at start failed: {}", e.message);
        }
    });
}

#[tauri::command]
pub async fn app_status(state: State<'_, AppState>) -> Result<AppStatus, AppError> {
    state.ctx()?.status().await
}

#[tauri::command]
pub async fn query_tasks(
    state: State<'_, AppState>,
    query: TaskQuery,
) -> Result<TaskPage, AppError> {
    state.ctx()?.query_tasks(query).await
}

#[tauri::command]
pub async fn task_detail(state: State<'_, AppState>, id: String) -> Result<TaskDetail, AppError> {
    state.ctx()?.task_detail(id).await
}

#[tauri::command]
pub async fn facets(state: State<'_, AppState>) -> Result<Facets, AppError> {
    state.ctx()?.facets().await
}

#[tauri::command]
pub async fn sync_now(app: AppHandle, state: State<'_, AppState>) -> Result<SyncSummary, AppError> {
    state.ctx()?.sync(emitter(app)).await
}

#[tauri::command]
pub async fn settings_set_platform(
    state: State<'_, AppState>,
    account: PlatformAccountInput,
) -> Result<AppStatus, AppError> {
    state.ctx()?.set_platform(account).await
}

#[tauri::command]
pub async fn settings_use_sandbox(state: State<'_, AppState>) -> Result<AppStatus, AppError> {
    state.ctx()?.use_sandbox().await
}

/// The UI reports its first rows on screen: logged, and printed as `READY` for
/// `make bench`'s cold-start measurement when `STARDESK_BENCH_READY` is set.
#[tauri::command]
pub fn ui_ready(rows: u32) {
    tracing::info!(rows, "task hall ready");
    if std::env::var_os("STARDESK_BENCH_READY").is_some() {
        println!("READY");
    }
}
