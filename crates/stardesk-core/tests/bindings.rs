//! Everything generated from stardesk-core's declarations — each feature's IPC types
//! (`ui/src/bindings/<feature>.ts`), the typed command functions and the `Commands`
//! interface the UI's test mock implements (`ui/src/bindings/commands.ts`), and the
//! window's capability (`src-tauri/capabilities/default.json`, which `src-tauri/build.rs`
//! reads) — is regenerated here, and the test fails when a committed file differs.
//! `UPDATE_BINDINGS=1 cargo test -p stardesk-core --test bindings` rewrites them.

use std::collections::BTreeSet;
use std::path::Path;

use stardesk_core::bindings::{self, TS_DIR};
use stardesk_core::commands;

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

#[test]
fn generated_files_are_up_to_date() {
    let files = bindings::files().unwrap_or_else(|e| panic!("generation failed: {e}"));
    let update = std::env::var_os("UPDATE_BINDINGS").is_some();
    let mut stale = Vec::new();
    for (path, fresh) in &files {
        let full = root().join(path);
        if update {
            if let Some(dir) = full.parent() {
                std::fs::create_dir_all(dir).expect("create the bindings directory");
            }
            std::fs::write(&full, fresh).expect("write a generated file");
        }
        let committed = std::fs::read_to_string(&full).unwrap_or_default();
        if &committed != fresh {
            stale.push(path.clone());
        }
    }
    // A module that is no longer generated must not linger as a stale file.
    let wanted: BTreeSet<String> = files.iter().map(|(p, _)| p.clone()).collect();
    let dir = root().join(TS_DIR);
    for entry in std::fs::read_dir(&dir).expect("read ui/src/bindings") {
        let name = entry.expect("entry").file_name();
        let path = format!("{TS_DIR}/{}", name.to_string_lossy());
        if !wanted.contains(&path) {
            if update {
                std::fs::remove_file(dir.join(&name)).expect("remove a stale file");
            } else {
                stale.push(format!("{path} (no longer generated)"));
            }
        }
    }
    assert!(
        stale.is_empty(),
        "generated files are out of date with stardesk-core: {stale:?}; regenerate them with \
         `UPDATE_BINDINGS=1 cargo test -p stardesk-core --test bindings`"
    );
}

#[test]
fn every_command_is_declared_once_and_granted() {
    let specs = commands::specs();
    let mut names = BTreeSet::new();
    for s in &specs {
        assert!(names.insert(s.name), "{} is declared twice", s.name);
    }
    let capability = bindings::capability_json(&specs);
    for s in &specs {
        let permission = format!("\"allow-{}\"", s.name.replace('_', "-"));
        assert!(
            capability.contains(&permission),
            "{permission} is not granted"
        );
    }
    assert_eq!(
        (
            capability.matches("\"allow-").count(),
            capability.matches("allow-").count()
        ),
        (specs.len(), specs.len() + 2),
        "the capability grants the commands, event listening and notifications, nothing else"
    );
}

#[test]
fn argument_names_cross_in_camel_case() {
    assert_eq!(bindings::camel("as_of"), "asOf");
    assert_eq!(bindings::camel("kind"), "kind");
    assert_eq!(bindings::camel("a_b_c"), "aBC");
}
