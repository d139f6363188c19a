//! The reader's build identity, `STARDESK_READER_BUILD`, which `source_digest` holds: a
//! digest of the sources a parse runs (this crate's and `stardesk-domain`'s) and of
//! `Cargo.lock` (the versions of calamine, csv, encoding_rs, chrono and rust_decimal). A
//! build that could read a file differently has another identity, so a file it has not
//! read is never taken for one it read before. (The package version is not enough: it
//! does not move with every change.)

use std::hash::Hasher as _;
use std::path::{Path, PathBuf};

fn sources(dir: &Path, into: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        panic!("build: cannot list {}", dir.display());
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            sources(&path, into);
        } else if path.extension().is_some_and(|e| e == "rs") {
            into.push(path);
        }
    }
}

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("manifest dir"));
    let roots = [
        manifest.join("src"),
        manifest.join("../stardesk-domain/src"),
    ];
    let lock = manifest.join("../../Cargo.lock");
    let mut files = Vec::new();
    for root in &roots {
        println!("cargo:rerun-if-changed={}", root.display());
        sources(root, &mut files);
    }
    println!("cargo:rerun-if-changed={}", lock.display());
    files.sort();
    files.push(lock);
    // SipHash with fixed keys: the same bytes give the same identity in every build by
    // one compiler (another compiler may give another, which only costs a parse).
    let mut hasher = std::hash::DefaultHasher::new();
    for file in &files {
        let name = file.strip_prefix(&manifest).unwrap_or(file);
        let bytes = std::fs::read(file)
            .unwrap_or_else(|e| panic!("build: cannot read {}: {e}", file.display()));
        hasher.write(name.to_string_lossy().as_bytes());
        hasher.write_usize(bytes.len());
        hasher.write(&bytes);
    }
    println!(
        "cargo:rustc-env=STARDESK_READER_BUILD={:016x}",
        hasher.finish()
    );
}
