//! The benchmark baseline: one window, one static page, one command that reports the
//! first frame (as StarDesk's `ui_ready` does), so both are timed the same way. Its
//! startup marks (`startup mark=NAME ms=…` on stderr, as StarDesk logs them) let
//! `bench/startup.py` set the two breakdowns side by side.

use std::sync::OnceLock;
use std::time::Instant;

static START: OnceLock<Instant> = OnceLock::new();

fn mark(name: &str) {
    let ms = START.get_or_init(Instant::now).elapsed().as_secs_f64() * 1000.0;
    eprintln!("startup mark={name} ms={ms:.1}");
}

#[tauri::command]
fn ready() {
    mark("ui_ready");
    println!("READY");
}

fn main() {
    START.get_or_init(Instant::now);
    let unix_ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs_f64() * 1000.0)
        .unwrap_or(0.0);
    eprintln!("startup mark=main ms=0.0 unix_ms={unix_ms:.1}");
    tauri::Builder::default()
        .setup(|_app| {
            mark("window_created");
            Ok(())
        })
        .on_page_load(|_webview, payload| match payload.event() {
            tauri::webview::PageLoadEvent::Started => mark("page_load_started"),
            tauri::webview::PageLoadEvent::Finished => mark("page_load_finished"),
        })
        .invoke_handler(tauri::generate_handler![ready])
        .run(tauri::generate_context!())
        .expect("minimal app runs");
}
