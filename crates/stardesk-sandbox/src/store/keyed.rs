//! The sandbox's file encrypted (SQLCipher, the same library as the app's store): the app's
//! embedded sandbox receives what the creator applies with, real names, phones and
//! addresses, so its file is keyed like the app's own database. A file a build before this
//! one wrote in plain SQLite is encrypted in place the first time it is opened with a key.

use std::path::{Path, PathBuf};

use rusqlite::Connection;

use super::StoreError;

/// Opens `path` with the raw key `key` (64 hex digits), first encrypting a plain file. A
/// file this key cannot read and that is not plain either (the data directory's key was
/// lost and made anew) is set aside as `<file>-unreadable-<seconds>` and a new dataset
/// starts: the app keeps its own copy of what it sent.
pub(crate) fn open(path: &Path, key: &str) -> Result<Connection, StoreError> {
    if key.len() != 64 || !key.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(StoreError::Corrupt(
            "the sandbox key is not 64 hex digits".into(),
        ));
    }
    // Every start but the first after an upgrade: encrypted with this key already.
    if let Some(conn) = keyed(path, key)? {
        return Ok(conn);
    }
    // Encrypting or setting the file aside is done by one process at a time: the app and
    // the CLI may both start the embedded sandbox on it.
    let lock = std::fs::File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(sibling(path, "lock"))
        .map_err(io(path))?;
    lock.lock().map_err(io(path))?;
    // The other process may have done it meanwhile.
    if let Some(conn) = keyed(path, key)? {
        return Ok(conn);
    }
    let plain = Connection::open(path)?;
    if readable(&plain) {
        encrypt_in_place(plain, path, key)?;
    } else {
        drop(plain);
        set_aside(path)?;
    }
    keyed(path, key)?.ok_or_else(|| {
        StoreError::Corrupt(format!(
            "{}: unreadable after encrypting it",
            path.display()
        ))
    })
}

/// Moves a file no key of ours reads out of the way, with its log.
fn set_aside(path: &Path) -> Result<(), StoreError> {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default();
    let aside = sibling(path, &format!("unreadable-{seconds}"));
    std::fs::rename(path, &aside).map_err(io(path))?;
    for log in ["wal", "shm"] {
        let from = sibling(path, log);
        if from.exists() {
            std::fs::rename(&from, sibling(&aside, log)).map_err(io(&from))?;
        }
    }
    tracing::warn!(
        path = %path.display(),
        aside = %aside.display(),
        "the sandbox data cannot be read with this data directory's key; set aside, starting anew"
    );
    Ok(())
}

/// `path` opened with the raw key `key`, if that key reads it.
fn keyed(path: &Path, key: &str) -> Result<Option<Connection>, StoreError> {
    let conn = Connection::open(path)?;
    conn.execute_batch(&format!("PRAGMA key = \"x'{key}'\";"))?;
    Ok(readable(&conn).then_some(conn))
}

/// The file can be read with this connection's key (or without one).
fn readable(conn: &Connection) -> bool {
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    })
    .is_ok()
}

/// Writes an encrypted copy of the plain database beside it and puts it in its place; the
/// plain file and its log go. A crash before the rename leaves the plain file as it was.
fn encrypt_in_place(plain: Connection, path: &Path, key: &str) -> Result<(), StoreError> {
    let copy = sibling(path, "encrypting");
    remove(&copy)?;
    let version: i64 = plain.pragma_query_value(None, "user_version", |r| r.get(0))?;
    plain.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    let target = copy
        .to_str()
        .ok_or_else(|| StoreError::Corrupt(format!("{}: not UTF-8", copy.display())))?
        .replace('\'', "''");
    plain.execute_batch(&format!(
        "ATTACH DATABASE '{target}' AS encrypted KEY \"x'{key}'\";
         SELECT sqlcipher_export('encrypted');
         PRAGMA encrypted.user_version = {version};
         DETACH DATABASE encrypted;"
    ))?;
    // A plain file in WAL mode: leave it in rollback mode so no log outlives it.
    plain.pragma_update(None, "journal_mode", "DELETE")?;
    drop(plain);
    std::fs::rename(&copy, path).map_err(io(&copy))?;
    for log in ["wal", "shm"] {
        remove(&sibling(path, log))?;
    }
    tracing::info!(path = %path.display(), "sandbox data encrypted");
    Ok(())
}

/// `sandbox.sqlite` → `sandbox.sqlite-wal` and so on, as SQLite names its files.
fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(format!("-{suffix}"));
    PathBuf::from(name)
}

fn remove(path: &Path) -> Result<(), StoreError> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(io(path)(e)),
        _ => Ok(()),
    }
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> StoreError + '_ {
    move |e| StoreError::Corrupt(format!("{}: {e}", path.display()))
}
