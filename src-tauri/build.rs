//! Only the commands the capability grants are callable from the UI. The capability is
//! generated from stardesk-core's command declarations (`cargo test -p stardesk-core
//! --test bindings`), so the list below is read from it rather than written again.

fn main() {
    const CAPABILITY: &str = "capabilities/default.json";
    println!("cargo:rerun-if-changed={CAPABILITY}");
    let text = std::fs::read_to_string(CAPABILITY).expect("read capabilities/default.json");
    let capability: serde_json::Value =
        serde_json::from_str(&text).expect("capabilities/default.json is JSON");
    // `tauri-build` keeps the names for the whole build script: leaked, once.
    let commands: &'static [&'static str] = capability["permissions"]
        .as_array()
        .expect("the capability lists permissions")
        .iter()
        .filter_map(|p| p.as_str()?.strip_prefix("allow-"))
        .map(|name| &*String::leak(name.replace('-', "_")))
        .collect::<Vec<_>>()
        .leak();
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(commands)),
    )
    .expect("tauri build script");
}
