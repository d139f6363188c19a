//! The `stardesk` binary as a user runs it: separate processes over one data directory,
//! with the embedded sandbox and the real keychain.

use std::process::{Command, Output};

fn stardesk(dir: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_stardesk"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env_remove("STARDESK_KEY_STORE")
        .output()
        .expect("run stardesk")
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "stardesk failed: {}\n(the keychain tests need a Secret Service: run under \
         `dbus-run-session -- bash scripts/with-keyring.sh`, packages gnome-keyring dbus)",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).expect("utf-8 output")
}

#[test]
fn sync_then_search_in_a_new_process_reads_the_encrypted_store_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sync: serde_json::Value =
        serde_json::from_str(&ok(&stardesk(dir.path(), &["sync", "--json"]))).expect("json");
    assert_eq!(sync["task_count"], 3000);
    assert!(
        !dir.path().join("db.key").exists(),
        "the key went to the keychain, not a file"
    );

    // A second process: the key comes back from the keychain, the data from the file.
    let page: serde_json::Value = serde_json::from_str(&ok(&stardesk(
        dir.path(),
        &["tasks", "--search", "面霜", "--json"],
    )))
    .expect("json");
    let total = page["total"].as_u64().expect("total");
    assert!(total > 0 && total < 3000, "{total}");
    let rows = page["rows"].as_array().expect("rows");
    assert!(!rows.is_empty());
    for r in rows {
        let text = format!(
            "{}{}",
            r["title"].as_str().unwrap_or(""),
            r["brand"].as_str().unwrap_or("")
        );
        assert!(text.contains("面霜"), "{text}");
        assert!(r["id"].is_string(), "ids are strings: {}", r["id"]);
    }

    let filtered: serde_json::Value = serde_json::from_str(&ok(&stardesk(
        dir.path(),
        &[
            "tasks",
            "--search",
            "面霜",
            "--category",
            "recruitment",
            "--json",
        ],
    )))
    .expect("json");
    assert!(filtered["total"].as_u64().expect("total") < total);
    for r in filtered["rows"].as_array().expect("rows") {
        assert_eq!(r["category"], "recruitment");
    }
}

#[test]
fn a_missing_key_for_an_existing_database_is_an_error_not_a_new_database() {
    let dir = tempfile::tempdir().expect("tempdir");
    ok(&stardesk(dir.path(), &["status"]));
    let db = std::fs::read(dir.path().join("stardesk.db")).expect("db");
    // Forget the key in the keychain the way a user could (e.g. another machine).
    let account = stardesk_store::secret::db_key_account(dir.path());
    stardesk_store::secret::keychain_delete(&account).expect("delete key");
    let out = stardesk(dir.path(), &["status"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("key_unavailable") && err.contains("missing"),
        "{err}"
    );
    assert_eq!(
        std::fs::read(dir.path().join("stardesk.db")).expect("db"),
        db,
        "database untouched"
    );
}
