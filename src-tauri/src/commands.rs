//! Tauri commands: each forwards to one `stardesk_core::Context` method.

use std::sync::Arc;

use stardesk_core::dto::{
    AppStatus, ColumnMappingView, ContractAccountInput, ContractAccountView, DecisionInput,
    DecisionView, Facets, FilePreview, ImportFileView, ImportKind, ImportProgress, ImportResult,
    MappingProfile, MonthIncome, PayoutFixGuide, PayoutFixInput, PlatformAccountInput,
    ReconcileView, ReportFormat, SyncProgress, SyncSummary, TaskDetail, TaskPage, TaskQuery,
};
use stardesk_core::{AppError, Context, ErrorCode};
use tauri::{AppHandle, Emitter, State};
use tauri_plugin_dialog::DialogExt;

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

// ---- Settlements -------------------------------------------------------------------

/// The event that carries [`ImportProgress`].
pub const IMPORT_PROGRESS: &str = "import://progress";

/// Set in end-to-end tests only: a directory whose `<kind>/` subdirectories stand in for
/// what the user picks in the native open dialog, and whose `exports/` receives saved
/// reports. WebDriver cannot reach native dialogs; everything after the pick is real.
const TEST_PICK_DIR: &str = "STARDESK_TEST_PICK_DIR";

fn kind_dir(kind: ImportKind) -> &'static str {
    match kind {
        ImportKind::Statement => "statement",
        ImportKind::Bank => "bank",
        ImportKind::Expected => "expected",
        ImportKind::Invoices => "invoices",
    }
}

fn dialog_error(e: impl std::fmt::Display) -> AppError {
    AppError::new(ErrorCode::Internal, format!("the file dialog failed: {e}"))
}

fn test_picks(dir: &std::path::Path, kind: ImportKind) -> Result<Vec<String>, AppError> {
    let dir = dir.join(kind_dir(kind));
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .map_err(|e| dialog_error(format!("{}: {e}", dir.display())))?
        .filter_map(|entry| entry.ok().map(|e| e.path().display().to_string()))
        .collect();
    files.sort();
    Ok(files)
}

/// The native open dialog for settlement files (CSV, XLSX, XLS); empty when cancelled.
#[tauri::command]
pub async fn pick_settlement_files(
    app: AppHandle,
    kind: ImportKind,
) -> Result<Vec<String>, AppError> {
    if let Some(dir) = std::env::var_os(TEST_PICK_DIR) {
        return test_picks(std::path::Path::new(&dir), kind);
    }
    let picked = tauri::async_runtime::spawn_blocking(move || {
        app.dialog()
            .file()
            .add_filter("CSV / Excel", &["csv", "xlsx", "xls", "txt"])
            .blocking_pick_files()
    })
    .await
    .map_err(dialog_error)?;
    picked
        .unwrap_or_default()
        .into_iter()
        .map(|p| {
            p.into_path()
                .map(|p| p.display().to_string())
                .map_err(dialog_error)
        })
        .collect()
}

#[tauri::command]
pub async fn import_settlement_files(
    app: AppHandle,
    state: State<'_, AppState>,
    kind: ImportKind,
    paths: Vec<String>,
    profile: Option<String>,
) -> Result<Vec<ImportResult>, AppError> {
    let progress = move |p: ImportProgress| {
        if let Err(e) = app.emit(IMPORT_PROGRESS, p) {
            tracing::warn!("cannot emit import progress: {e}");
        }
    };
    state
        .ctx()?
        .import_settlement_files(kind, paths, profile, progress)
        .await
}

#[tauri::command]
pub async fn preview_settlement_file(
    state: State<'_, AppState>,
    kind: ImportKind,
    path: String,
) -> Result<FilePreview, AppError> {
    state.ctx()?.preview_settlement_file(kind, path).await
}

#[tauri::command]
pub async fn mapping_profiles(state: State<'_, AppState>) -> Result<Vec<MappingProfile>, AppError> {
    state.ctx()?.mapping_profiles().await
}

#[tauri::command]
pub async fn save_mapping_profile(
    state: State<'_, AppState>,
    name: String,
    kind: ImportKind,
    mapping: ColumnMappingView,
) -> Result<MappingProfile, AppError> {
    state.ctx()?.save_mapping_profile(name, kind, mapping).await
}

#[tauri::command]
pub async fn delete_mapping_profile(
    state: State<'_, AppState>,
    name: String,
) -> Result<(), AppError> {
    state.ctx()?.delete_mapping_profile(name).await
}

#[tauri::command]
pub async fn import_files(state: State<'_, AppState>) -> Result<Vec<ImportFileView>, AppError> {
    state.ctx()?.import_files().await
}

#[tauri::command]
pub async fn reconcile_saved(
    state: State<'_, AppState>,
    as_of: Option<String>,
) -> Result<ReconcileView, AppError> {
    state.ctx()?.reconcile_saved(as_of).await
}

#[tauri::command]
pub async fn decide(
    state: State<'_, AppState>,
    input: DecisionInput,
) -> Result<DecisionView, AppError> {
    state.ctx()?.decide(input).await
}

#[tauri::command]
pub async fn decisions(state: State<'_, AppState>) -> Result<Vec<DecisionView>, AppError> {
    state.ctx()?.decisions().await
}

#[tauri::command]
pub async fn delete_decision(state: State<'_, AppState>, id: String) -> Result<(), AppError> {
    state.ctx()?.delete_decision(id).await
}

#[tauri::command]
pub async fn monthly_income(state: State<'_, AppState>) -> Result<Vec<MonthIncome>, AppError> {
    state.ctx()?.monthly_income().await
}

/// Asks where to save the report (native save dialog), then writes it; the path, or
/// `None` when the user cancelled.
#[tauri::command]
pub async fn export_report(
    app: AppHandle,
    state: State<'_, AppState>,
    format: ReportFormat,
    as_of: Option<String>,
) -> Result<Option<String>, AppError> {
    let ext = match format {
        ReportFormat::Csv => "csv",
        ReportFormat::Xlsx => "xlsx",
    };
    let path = if let Some(dir) = std::env::var_os(TEST_PICK_DIR) {
        let dir = std::path::Path::new(&dir).join("exports");
        std::fs::create_dir_all(&dir).map_err(dialog_error)?;
        Some(dir.join(format!("report.{ext}")).display().to_string())
    } else {
        let name = format!("对账报告.{ext}");
        let picked = tauri::async_runtime::spawn_blocking(move || {
            app.dialog()
                .file()
                .set_file_name(name)
                .add_filter(ext.to_uppercase(), &[ext])
                .blocking_save_file()
        })
        .await
        .map_err(dialog_error)?;
        match picked {
            None => None,
            Some(p) => Some(p.into_path().map_err(dialog_error)?.display().to_string()),
        }
    };
    let Some(path) = path else {
        return Ok(None);
    };
    state
        .ctx()?
        .export_report(path.clone(), format, as_of)
        .await?;
    Ok(Some(path))
}

#[tauri::command]
pub async fn delete_settlement_data(state: State<'_, AppState>) -> Result<(), AppError> {
    state.ctx()?.delete_settlement_data().await
}

#[tauri::command]
pub async fn contract_account(
    state: State<'_, AppState>,
) -> Result<Option<ContractAccountView>, AppError> {
    state.ctx()?.contract_account().await
}

#[tauri::command]
pub async fn set_contract_account(
    state: State<'_, AppState>,
    account: ContractAccountInput,
) -> Result<ContractAccountView, AppError> {
    state.ctx()?.set_contract_account(account).await
}

#[tauri::command]
pub async fn payout_fix(
    state: State<'_, AppState>,
    input: PayoutFixInput,
) -> Result<PayoutFixGuide, AppError> {
    state.ctx()?.payout_fix(input).await
}
