fn main() {
    // Only the commands listed here are callable from the UI, and only those a
    // capability grants (capabilities/default.json).
    let commands = &[
        "app_status",
        "query_tasks",
        "task_detail",
        "facets",
        "sync_now",
        "settings_set_platform",
        "settings_use_sandbox",
        "ui_ready",
        "pick_settlement_files",
        "import_settlement_files",
        "preview_settlement_file",
        "mapping_profiles",
        "save_mapping_profile",
        "delete_mapping_profile",
        "import_files",
        "reconcile_saved",
        "decide",
        "decisions",
        "delete_decision",
        "monthly_income",
        "export_report",
        "delete_settlement_data",
        "contract_account",
        "set_contract_account",
        "payout_fix",
    ];
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(commands)),
    )
    .expect("tauri build script");
}
