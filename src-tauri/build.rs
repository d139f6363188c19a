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
    ];
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(commands)),
    )
    .expect("tauri build script");
}
