//! The benchmark baseline: one window, one static page, one command that reports the
//! first frame (as StarDesk's `ui_ready` does), so both are timed the same way.

#[tauri::command]
fn ready() {
    println!("READY");
}

fn main() {
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![ready])
        .run(tauri::generate_context!())
        .expect("minimal app runs");
}
