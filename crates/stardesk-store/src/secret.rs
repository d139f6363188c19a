//! Secrets: the database key and platform tokens, kept in the OS keychain.
//!
//! **Invariant:** a secret never reaches the database, a log line or an error message.
//! [`Sensitive`] prints `<redacted>` and has no `Serialize`, so it cannot leak by
//! accident. On Linux the keychain is the Secret Service (gnome-keyring, KWallet); the
//! kernel keyutils store is deliberately not used because it forgets everything at
//! reboot, and a lost database key is lost data.

use std::fmt;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use rand::RngCore;
use zeroize::{Zeroize, Zeroizing};

/// A value that must not be printed or serialized.
#[derive(Clone, PartialEq, Eq)]
pub struct Sensitive<T: Zeroize>(T);

impl<T: Zeroize> Sensitive<T> {
    pub fn new(value: T) -> Self {
        Self(value)
    }
    /// The secret itself. Call sites are few and greppable.
    pub fn expose(&self) -> &T {
        &self.0
    }
}

impl<T: Zeroize> Drop for Sensitive<T> {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

impl<T: Zeroize> fmt::Debug for Sensitive<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// The keychain service name every StarDesk secret is filed under.
pub const SERVICE: &str = "StarDesk";

/// Where the database key was found or made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyLocation {
    /// The OS keychain (Windows Credential Manager, macOS Keychain, Secret Service).
    Keychain,
    /// The documented fallback: a file readable only by the user, used when no keychain
    /// service answers (e.g. a Linux desktop without Secret Service).
    KeyFile(PathBuf),
}

impl KeyLocation {
    pub fn label(&self) -> &'static str {
        match self {
            KeyLocation::Keychain => "keychain",
            KeyLocation::KeyFile(_) => "key_file",
        }
    }
}

/// How to choose where the key lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyPolicy {
    /// The keychain; the key file only when the keychain service is missing.
    KeychainThenFile,
    /// Only the keychain: fail if it is missing (used by tests that prove the keychain).
    KeychainOnly,
    /// Only the key file (set `STARDESK_KEY_STORE=file`).
    FileOnly,
}

impl KeyPolicy {
    /// The policy named by `STARDESK_KEY_STORE` (`keychain`, `file`), else the default.
    pub fn from_env() -> Self {
        match std::env::var("STARDESK_KEY_STORE").as_deref() {
            Ok("file") => KeyPolicy::FileOnly,
            Ok("keychain") => KeyPolicy::KeychainOnly,
            _ => KeyPolicy::KeychainThenFile,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SecretError {
    #[error("the system keychain is not available: {0}")]
    NoKeychain(String),
    #[error("the system keychain refused the request: {0}")]
    Keychain(String),
    #[error("the key file {path} cannot be used: {reason}")]
    KeyFile { path: PathBuf, reason: String },
    #[error("the stored database key is malformed ({where_})")]
    Malformed { where_: &'static str },
}

/// A 256-bit SQLCipher key.
pub struct DbKey(Zeroizing<[u8; 32]>);

impl fmt::Debug for DbKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("DbKey(<redacted>)")
    }
}

impl DbKey {
    pub fn random() -> Self {
        let mut bytes = Zeroizing::new([0u8; 32]);
        rand::rng().fill_bytes(bytes.as_mut());
        Self(bytes)
    }

    pub fn from_hex(hex: &str) -> Option<Self> {
        let hex = hex.trim();
        if hex.len() != 64 {
            return None;
        }
        let mut bytes = Zeroizing::new([0u8; 32]);
        for (i, chunk) in hex.as_bytes().chunks(2).enumerate() {
            let s = std::str::from_utf8(chunk).ok()?;
            bytes[i] = u8::from_str_radix(s, 16).ok()?;
        }
        Some(Self(bytes))
    }

    pub fn to_hex(&self) -> Zeroizing<String> {
        let mut s = Zeroizing::new(String::with_capacity(64));
        for b in self.0.iter() {
            s.push_str(&format!("{b:02x}"));
        }
        s
    }

    /// The SQLCipher `PRAGMA key` literal for a raw key (no passphrase derivation).
    pub fn pragma_literal(&self) -> Zeroizing<String> {
        Zeroizing::new(format!("\"x'{}'\"", self.to_hex().as_str()))
    }
}

/// One secret in the OS keychain.
fn entry(account: &str) -> Result<keyring::Entry, SecretError> {
    keyring::Entry::new(SERVICE, account).map_err(classify)
}

fn classify(e: keyring::Error) -> SecretError {
    match e {
        keyring::Error::PlatformFailure(inner) | keyring::Error::NoStorageAccess(inner) => {
            SecretError::NoKeychain(inner.to_string())
        }
        other => SecretError::Keychain(other.to_string()),
    }
}

/// Reads a secret; `Ok(None)` when there is none.
pub fn keychain_get(account: &str) -> Result<Option<Sensitive<String>>, SecretError> {
    match entry(account)?.get_password() {
        Ok(v) => Ok(Some(Sensitive::new(v))),
        Err(keyring::Error::NoEntry) => Ok(None),
        Err(e) => Err(classify(e)),
    }
}

pub fn keychain_set(account: &str, secret: &str) -> Result<(), SecretError> {
    entry(account)?.set_password(secret).map_err(classify)?;
    // Some backends accept a write they cannot keep; read it back before relying on it.
    match keychain_get(account)? {
        Some(v) if v.expose() == secret => Ok(()),
        _ => Err(SecretError::Keychain(
            "the secret could not be read back after writing".into(),
        )),
    }
}

pub fn keychain_delete(account: &str) -> Result<(), SecretError> {
    match entry(account)?.delete_credential() {
        Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
        Err(e) => Err(classify(e)),
    }
}

/// The keychain account of the database key of one data directory, so two data
/// directories (a test's and the user's) never share or overwrite a key.
pub fn db_key_account(data_dir: &Path) -> String {
    let canonical = data_dir
        .canonicalize()
        .unwrap_or_else(|_| data_dir.to_path_buf());
    format!(
        "db-key:{:016x}",
        fnv1a(canonical.to_string_lossy().as_bytes())
    )
}

fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The name of the fallback key file inside the data directory.
pub const KEY_FILE: &str = "db.key";

/// Finds the database key of `data_dir`, or makes one when `create` is true.
///
/// An existing key file wins: once the fallback was used it holds the only copy.
pub fn load_or_create_db_key(
    data_dir: &Path,
    policy: KeyPolicy,
    create: bool,
) -> Result<Option<(DbKey, KeyLocation)>, SecretError> {
    let key_file = data_dir.join(KEY_FILE);
    if key_file.exists() || policy == KeyPolicy::FileOnly {
        return file_key(&key_file, create).map(|k| k.map(|k| (k, KeyLocation::KeyFile(key_file))));
    }
    let account = db_key_account(data_dir);
    match keychain_get(&account) {
        Ok(Some(hex)) => {
            let key = DbKey::from_hex(hex.expose())
                .ok_or(SecretError::Malformed { where_: "keychain" })?;
            Ok(Some((key, KeyLocation::Keychain)))
        }
        Ok(None) if !create => Ok(None),
        Ok(None) => {
            let key = DbKey::random();
            keychain_set(&account, key.to_hex().as_str())?;
            Ok(Some((key, KeyLocation::Keychain)))
        }
        Err(SecretError::NoKeychain(why)) if policy == KeyPolicy::KeychainThenFile => {
            tracing::warn!(
                "no system keychain ({why}); keeping the database key in {} (owner-only)",
                key_file.display()
            );
            file_key(&key_file, create).map(|k| k.map(|k| (k, KeyLocation::KeyFile(key_file))))
        }
        Err(e) => Err(e),
    }
}

fn file_key(path: &Path, create: bool) -> Result<Option<DbKey>, SecretError> {
    let err = |reason: String| SecretError::KeyFile {
        path: path.to_path_buf(),
        reason,
    };
    match fs::read_to_string(path) {
        Ok(text) => {
            check_owner_only(path).map_err(err)?;
            DbKey::from_hex(&text)
                .map(Some)
                .ok_or(SecretError::Malformed { where_: "key file" })
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if !create {
                return Ok(None);
            }
            let key = DbKey::random();
            write_owner_only(path, key.to_hex().as_bytes()).map_err(|e| err(e.to_string()))?;
            Ok(Some(key))
        }
        Err(e) => Err(err(e.to_string())),
    }
}

#[cfg(unix)]
fn write_owner_only(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    let mut f = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

#[cfg(not(unix))]
fn write_owner_only(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    // On Windows the user's profile directory is already private to the user.
    let mut f = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

#[cfg(unix)]
fn check_owner_only(path: &Path) -> Result<(), String> {
    use std::os::unix::fs::PermissionsExt;
    let mode = fs::metadata(path)
        .map_err(|e| e.to_string())?
        .permissions()
        .mode();
    if mode & 0o077 != 0 {
        return Err(format!(
            "it is readable by other users (mode {:o}); run `chmod 600` on it",
            mode & 0o777
        ));
    }
    Ok(())
}

#[cfg(not(unix))]
fn check_owner_only(_path: &Path) -> Result<(), String> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sensitive_debug_is_redacted() {
        let s = Sensitive::new(String::from("tok-123"));
        assert_eq!(format!("{s:?}"), "<redacted>");
        assert_eq!(format!("{:?}", DbKey::random()), "DbKey(<redacted>)");
    }

    #[test]
    fn key_hex_round_trip() {
        let k = DbKey::random();
        let back = DbKey::from_hex(k.to_hex().as_str()).expect("valid hex");
        assert_eq!(k.to_hex().as_str(), back.to_hex().as_str());
        assert!(DbKey::from_hex("zz").is_none());
        assert!(DbKey::from_hex(&"g".repeat(64)).is_none());
    }

    #[test]
    fn key_file_is_owner_only_and_stable() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (k1, loc) = load_or_create_db_key(dir.path(), KeyPolicy::FileOnly, true)
            .expect("create")
            .expect("some");
        assert_eq!(loc, KeyLocation::KeyFile(dir.path().join(KEY_FILE)));
        let (k2, _) = load_or_create_db_key(dir.path(), KeyPolicy::FileOnly, false)
            .expect("load")
            .expect("some");
        assert_eq!(k1.to_hex().as_str(), k2.to_hex().as_str());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(dir.path().join(KEY_FILE))
                .expect("meta")
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
            fs::set_permissions(dir.path().join(KEY_FILE), fs::Permissions::from_mode(0o644))
                .expect("chmod");
            let err = load_or_create_db_key(dir.path(), KeyPolicy::FileOnly, false)
                .expect_err("world-readable key file must be refused");
            assert!(err.to_string().contains("chmod 600"), "{err}");
        }
    }
}
