//! The benchmark baseline: one window, one static page, one command that reports the
//! first frame (as StarDesk's `ui_ready` does: in the `requestAnimationFrame` of the frame
//! that paints it), so both are timed the same way. Its
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
        .on_page_load(|webview, payload| match payload.event() {
            tauri::webview::PageLoadEvent::Started => mark("page_load_started"),
            tauri::webview::PageLoadEvent::Finished => {
                mark("page_load_finished");
                // As StarDesk does (`src-tauri/src/lib.rs`): the window is built hidden and
                // shown once its page has loaded, so GTK's first draw never waits on a web
                // process still starting (up to 500 ms, most starts under Xvfb). Both apps
                // get the same treatment; the baseline is an empty app at its fastest.
                if webview.window().show().is_ok() {
                    mark("window_shown");
                }
            }
        })
        .invoke_handler(tauri::generate_handler![ready])
        .run(tauri::generate_context!())
        .expect("minimal app runs");
}
