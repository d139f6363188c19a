//! Keys are accepted from the first moment of a process, whichever thread comes first.
//!
//! SQLite reports itself initialised before SQLCipher's own initialisation has run (see
//! `stardesk_store::sqlcipher_ready`); a thread keying its first connection in that window
//! failed with "An error occurred with PRAGMA key". The window exists once per process,
//! so the test starts this test binary again, many times over, each child keying from
//! eight threads at once, half through `Store::open` and half on raw connections after
//! `sqlcipher_ready`. Without the gate, 3 of 4 runs of this test failed (120 children each).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Barrier};

use stardesk_store::{DbKey, Store};

/// Set in a child: the directory it keys its databases in.
const CHILD_DIR: &str = "STARDESK_FIRST_USE_DIR";
/// Processes started; each is one chance at the window.
const CHILDREN: usize = 200;
const THREADS: usize = 8;

#[test]
fn keys_are_accepted_from_the_first_moment_of_a_process() {
    if let Some(dir) = std::env::var_os(CHILD_DIR) {
        key_from_every_thread_at_once(Path::new(&dir));
        return;
    }
    let exe = std::env::current_exe().expect("this test binary");
    let dir = tempfile::tempdir().expect("tempdir");
    for child in 0..CHILDREN {
        let child_dir = dir.path().join(child.to_string());
        std::fs::create_dir(&child_dir).expect("child dir");
        let out = Command::new(&exe)
            .args([
                "--exact",
                "keys_are_accepted_from_the_first_moment_of_a_process",
                "--test-threads=1",
            ])
            .env(CHILD_DIR, &child_dir)
            .output()
            .expect("start the child");
        assert!(
            out.status.success(),
            "child {child} of {CHILDREN} failed:\n{}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        // The child ran the test, not an empty filter.
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("1 passed"),
            "child {child}: {}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
}

/// In a fresh process: `THREADS` threads key a database each, released together.
fn key_from_every_thread_at_once(dir: &Path) {
    let start = Arc::new(Barrier::new(THREADS));
    let threads: Vec<_> = (0..THREADS)
        .map(|i| {
            let start = Arc::clone(&start);
            let path: PathBuf = dir.join(format!("{i}.db"));
            std::thread::spawn(move || {
                let key = DbKey::random();
                start.wait();
                if i % 2 == 0 {
                    Store::open(&path, &key)
                        .map(drop)
                        .map_err(|e| e.to_string())
                } else {
                    let conn = common::keyed(&path, &key);
                    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
                        r.get::<_, i64>(0)
                    })
                    .map(drop)
                    .map_err(|e| e.to_string())
                }
            })
        })
        .collect();
    let failures: Vec<String> = threads
        .into_iter()
        .enumerate()
        .filter_map(|(i, t)| t.join().expect("thread").err().map(|e| format!("{i}: {e}")))
        .collect();
    assert!(failures.is_empty(), "keying failed: {failures:?}");
}
