//! stardesk-store: the local SQLite database — schema migrations, repositories, and the
//! handling of the key that encrypts it.
//!
//! Owns the file format of the user's data. **Invariants:** the database file is always
//! encrypted (SQLCipher) with a key that lives in the OS keychain (or, where none exists,
//! an owner-only key file); every multi-row write is one transaction; a database written
//! by a newer StarDesk is refused, never downgraded. Never talks to the network and never
//! decides a platform rule: callers pass the thresholds in.

pub mod addresses;
pub mod applications;
mod db;
pub mod jobs;
pub mod rights;
pub mod secret;
pub mod settlements;
pub mod shipments;
pub mod state;
pub mod tasks;

use std::path::{Path, PathBuf};

pub use db::{sqlcipher_ready, Store, DB_FILE, SCHEMA_VERSION};
pub use rusqlite;
pub use secret::{DbKey, KeyLocation, KeyPolicy, Sensitive};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: the database key does not fit this file (wrong key, or not a StarDesk database); nothing was changed")]
    WrongKey { path: PathBuf },
    #[error("{path} was written by a newer StarDesk (schema {found}, this version knows up to {supported}); update StarDesk to open it")]
    TooNew {
        path: PathBuf,
        found: u32,
        supported: u32,
    },
    #[error("migration {name} failed and was rolled back: {message}")]
    Migration { name: &'static str, message: String },
    #[error("{path}: {message}")]
    Sqlite { path: PathBuf, message: String },
    #[error("the database holds a value it cannot read: {0}")]
    Corrupt(String),
    #[error(transparent)]
    Secret(#[from] secret::SecretError),
    #[error("the database key for {data_dir} is missing from the keychain, but the database exists; restore the key or move the database away to start fresh")]
    KeyMissing { data_dir: PathBuf },
    #[error("{0}")]
    Io(String),
    /// A value the caller asked to store that the schema cannot hold (an amount that is
    /// not whole fen, or too large); the write was rolled back.
    #[error("{message}")]
    Unstorable { message: String },
}

impl StoreError {
    pub(crate) fn sqlite(path: &Path, e: rusqlite::Error) -> Self {
        StoreError::Sqlite {
            path: path.to_path_buf(),
            message: e.to_string(),
        }
    }
}

/// Logs how long a step of opening took, as `startup step=NAME ms=…` (`bench/startup.py`
/// reads these lines).
fn log_step(name: &str, started: std::time::Instant) {
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    tracing::info!(target: "stardesk::startup", "startup step={name} ms={ms:.1}");
}

/// Opens the database of `data_dir`, finding its key (or making one for a new database),
/// plus `readers` more connections to the same file, so reads (the task hall) need not
/// wait for a long write (a sync page) under WAL.
///
/// A database file without its key is never replaced: that is [`StoreError::KeyMissing`].
pub fn open_data_dir_with(
    data_dir: &Path,
    policy: KeyPolicy,
    readers: usize,
) -> Result<(Store, Vec<Store>, KeyLocation), StoreError> {
    open_data_dir_keyed(data_dir, policy, readers)
        .map(|(store, readers, at, _)| (store, readers, at))
}

/// The lock file of a data directory being made (`stardesk.db.lock`), held until dropped.
fn lock_data_dir(data_dir: &Path) -> Result<std::fs::File, StoreError> {
    let path = data_dir.join(format!("{DB_FILE}.lock"));
    let io = |e: std::io::Error| StoreError::Io(format!("{}: {e}", path.display()));
    let file = std::fs::File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(io)?;
    file.lock().map_err(io)?;
    Ok(file)
}

/// [`open_data_dir_with`], and the database key as 64 hex digits, for another encrypted
/// file of the same data directory (the embedded sandbox's, `stardesk-core`).
pub fn open_data_dir_keyed(
    data_dir: &Path,
    policy: KeyPolicy,
    readers: usize,
) -> Result<(Store, Vec<Store>, KeyLocation, Sensitive<String>), StoreError> {
    std::fs::create_dir_all(data_dir)
        .map_err(|e| StoreError::Io(format!("{}: {e}", data_dir.display())))?;
    let db_path = data_dir.join(DB_FILE);
    // A new data directory is made by one process at a time: the app and a `stardesk`
    // command started together would each make a key, the keychain keep the last, and the
    // database be written with the first. The one that waited finds the database (and its
    // key) made. Held until the database file exists.
    let _making = if db_path.exists() {
        None
    } else {
        Some(lock_data_dir(data_dir)?)
    };
    let exists = db_path.exists();
    // Each step's time is logged for `make bench`'s cold-start breakdown.
    let step = std::time::Instant::now();
    let (key, location) = match secret::load_or_create_db_key(data_dir, policy, !exists)? {
        Some(found) => found,
        None => {
            return Err(StoreError::KeyMissing {
                data_dir: data_dir.to_path_buf(),
            })
        }
    };
    log_step("db_key", step);
    let step = std::time::Instant::now();
    let store = Store::open(&db_path, &key)?;
    log_step("store_open", step);
    let step = std::time::Instant::now();
    let readers = (0..readers)
        .map(|_| Store::open(&db_path, &key))
        .collect::<Result<Vec<_>, _>>()?;
    log_step("store_readers", step);
    let hex = Sensitive::new(key.to_hex().to_string());
    Ok((store, readers, location, hex))
}
