//! The desktop shell: window, plugins, state, and commands of a few lines each.
//!
//! **Invariant:** no business logic here. Every command forwards to one
//! `stardesk_core::Context` method; errors cross IPC as `{code, message}`.

mod commands;

use std::sync::Arc;

use stardesk_core::{AppError, Context, ContextOptions};
use tauri::Manager;

/// The context, or why it could not be opened (shown by the UI, e.g. a missing key).
#[derive(Debug)]
pub struct AppState(pub Result<Arc<Context>, AppError>);

impl AppState {
    pub fn ctx(&self) -> Result<Arc<Context>, AppError> {
        self.0.clone()
    }
}

pub fn run() {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("STARDESK_LOG")
                .unwrap_or_else(|_| "info".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .setup(|app| {
            let opened = tauri::async_runtime::block_on(async {
                Context::open(ContextOptions::from_env(None)?).await
            })
            .map(Arc::new);
            if let Err(e) = &opened {
                tracing::error!(code = ?e.code, "cannot open the data directory: {}", e.message);
            }
            if let Ok(ctx) = &opened {
                commands::sync_on_start(app.handle().clone(), Arc::clone(ctx));
            }
            app.manage(AppState(opened));
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::app_status,
            commands::query_tasks,
            commands::task_detail,
            commands::facets,
            commands::sync_now,
            commands::settings_set_platform,
            commands::settings_use_sandbox,
            commands::ui_ready,
            commands::pick_settlement_files,
            commands::import_settlement_files,
            commands::preview_settlement_file,
            commands::mapping_profiles,
            commands::save_mapping_profile,
            commands::delete_mapping_profile,
            commands::import_files,
            commands::reconcile_saved,
            commands::decide,
            commands::decisions,
            commands::delete_decision,
            commands::monthly_income,
            commands::export_report,
            commands::delete_settlement_data,
            commands::contract_account,
            commands::set_contract_account,
            commands::payout_fix,
        ])
        .build(tauri::generate_context!());
    match result {
        Ok(app) => app.run(|handle, event| {
            if let tauri::RunEvent::Exit = event {
                if let Ok(ctx) = handle.state::<AppState>().ctx() {
                    tauri::async_runtime::block_on(ctx.shutdown());
                }
            }
        }),
        Err(e) => {
            eprintln!("StarDesk could not start its window: {e}");
            std::process::exit(1);
        }
    }
}
