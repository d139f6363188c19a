//! Startup marks: one `info` line per step of a cold start, with the milliseconds since
//! [`begin`] (the top of `run`), for `make bench`'s breakdown (`bench/startup.py` reads
//! them from stderr). Each line is `startup mark=NAME ms=…` under the target
//! `stardesk::startup`; `STARDESK_LOG=warn` silences them like any other info line.
//!
//! Cheap by design: an `Instant` read and one log line per mark, and on each IPC call one
//! atomic load once the UI has reported its task hall interactive.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::Instant;

static START: OnceLock<(Instant, f64)> = OnceLock::new();
/// The UI reported its first rows.
static READY: AtomicBool = AtomicBool::new(false);
/// The UI reported its own task hall, answering clicks: no more marks for commands.
static INTERACTIVE: AtomicBool = AtomicBool::new(false);
/// The commands seen so far, until [`INTERACTIVE`]: each one's first call is a mark.
static SEEN: Mutex<Vec<String>> = Mutex::new(Vec::new());

fn unix_ms_now() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs_f64() * 1000.0)
        .unwrap_or(0.0)
}

/// Takes the time every mark is measured from (and the wall clock then, for the window's
/// marks); the first call wins.
pub fn begin() {
    START.get_or_init(|| (Instant::now(), unix_ms_now()));
}

fn since_start_ms() -> f64 {
    START
        .get()
        .map(|(t, _)| t.elapsed().as_secs_f64() * 1000.0)
        .unwrap_or(0.0)
}

/// The first mark, with the wall clock (`unix_ms`) so that the bench can add the time
/// from spawning the process to `run`.
pub fn main_entered() {
    let ms = since_start_ms();
    let unix_ms = unix_ms_now();
    tracing::info!(target: "stardesk::startup", "startup mark=main ms={ms:.1} unix_ms={unix_ms:.1}");
}

/// The window's own marks (`js_NAME`), taken on its wall clock and logged as the time
/// since [`begin`]. A name that is not `[a-z_]{1,32}` is left out.
pub fn ui_marks(marks: &[stardesk_core::ipc::UiMark]) {
    let Some((_, start_unix_ms)) = START.get() else {
        return;
    };
    for m in marks {
        let fits = (1..=32).contains(&m.name.len())
            && m.name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_');
        if !fits || !m.unix_ms.is_finite() {
            continue;
        }
        let ms = (m.unix_ms - start_unix_ms).max(0.0);
        tracing::info!(target: "stardesk::startup", "startup mark=js_{} ms={ms:.1}", m.name);
    }
}

/// Logs the mark `name` now.
pub fn mark(name: &str) {
    let ms = since_start_ms();
    tracing::info!(target: "stardesk::startup", "startup mark={name} ms={ms:.1}");
}

/// The first call of each command before the UI's own task hall is a mark (`ipc_NAME`).
pub fn command_called(name: &str) {
    if INTERACTIVE.load(Ordering::Relaxed) {
        return;
    }
    let Ok(mut seen) = SEEN.lock() else { return };
    if seen.iter().any(|s| s == name) {
        return;
    }
    seen.push(name.to_string());
    drop(seen);
    mark(&format!("ipc_{name}"));
}

/// The UI shows its first rows.
pub fn ready() {
    if !READY.swap(true, Ordering::Relaxed) {
        mark("ui_ready");
    }
}

/// The UI's own task hall answers clicks: the last mark. True the first time.
pub fn interactive() -> bool {
    let first = !INTERACTIVE.swap(true, Ordering::Relaxed);
    if first {
        mark("interactive");
    }
    first
}
