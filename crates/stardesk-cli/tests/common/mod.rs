//! Shared by the campaign tests: a sandbox platform served on a random loopback port from
//! the test's own tokio runtime (kept running while the `stardesk` processes talk to it),
//! and the `stardesk` binary run as a separate process over a temporary data directory.

#![allow(dead_code)]

pub mod settlement_files;

use std::collections::BTreeMap;
use std::io::Write;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use serde_json::Value;
use stardesk_platform::wire::{Application, Task};
use stardesk_platform::{ClientOptions, PlatformClient};
use stardesk_sandbox::{Control, RunningSandbox, SandboxConfig};

pub const TOKEN: &str = "campaign-cli-token";

/// What to install when the keychain is missing.
pub const KEYCHAIN_HINT: &str = "the CLI keeps the platform token and the database key in the OS \
     keychain: run under `dbus-run-session -- bash scripts/with-keyring.sh cargo test ...` \
     (Debian packages gnome-keyring and dbus)";

/// A sandbox platform on a random loopback port, served by this runtime's worker threads
/// while the test's thread runs the CLI.
pub struct Platform {
    pub rt: tokio::runtime::Runtime,
    sandbox: Option<RunningSandbox>,
    addr: SocketAddr,
    config: SandboxConfig,
}

impl Platform {
    /// `tasks` generated tasks; `db` keeps the data in a file so the platform can come back
    /// with it after [`Platform::stop`].
    pub fn start(tasks: usize, db: Option<PathBuf>) -> Self {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("a tokio runtime for the platform");
        let config = SandboxConfig {
            tasks,
            token: TOKEN.into(),
            seed: 7,
            db_path: db,
            ..SandboxConfig::default()
        };
        let sandbox = rt
            .block_on(stardesk_sandbox::start(
                config.clone(),
                "127.0.0.1:0".parse().expect("addr"),
            ))
            .expect("the sandbox platform starts");
        let addr = sandbox.addr();
        Self {
            rt,
            sandbox: Some(sandbox),
            addr,
            config,
        }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn control(&self) -> Control {
        self.sandbox
            .as_ref()
            .expect("the platform is running")
            .control()
    }

    /// Takes the platform away: nothing listens on its address any more.
    pub fn stop(&mut self) {
        if let Some(sb) = self.sandbox.take() {
            self.rt.block_on(sb.shutdown());
        }
    }

    /// The platform back on the same address, with the data of its database file.
    pub fn restart(&mut self) {
        assert!(self.sandbox.is_none(), "stop it first");
        assert!(
            self.config.db_path.is_some(),
            "only a platform with a database file keeps its data"
        );
        let sandbox = self
            .rt
            .block_on(stardesk_sandbox::start(self.config.clone(), self.addr))
            .expect("the platform comes back on its address");
        self.sandbox = Some(sandbox);
    }

    fn client(&self) -> PlatformClient {
        PlatformClient::new(
            &self.url(),
            TOKEN,
            ClientOptions {
                timeout: Duration::from_secs(10),
                attempts: 1,
                backoff: Duration::from_millis(1),
                max_backoff: Duration::from_millis(1),
            },
        )
        .expect("client")
    }

    /// Every application the server holds, read from its API.
    pub fn server_applications(&self) -> Vec<Application> {
        let client = self.client();
        self.rt.block_on(async {
            let mut out = Vec::new();
            let mut cursor: Option<String> = None;
            loop {
                let page = client
                    .applications_page(cursor.as_deref(), None, 1000)
                    .await
                    .expect("the server's applications");
                out.extend(page.items);
                if !page.has_more {
                    break out;
                }
                cursor = Some(page.next_cursor);
            }
        })
    }

    /// How many applications the server holds per task id.
    pub fn applications_per_task(&self) -> BTreeMap<String, usize> {
        let mut per = BTreeMap::new();
        for a in self.server_applications() {
            *per.entry(a.task_id).or_insert(0) += 1;
        }
        per
    }

    /// Every open task, read from the task feed.
    pub fn server_tasks(&self) -> Vec<Task> {
        let client = self.client();
        self.rt.block_on(async {
            let mut out = Vec::new();
            let mut cursor: Option<String> = None;
            loop {
                let page = client
                    .tasks_page(cursor.as_deref(), 1000)
                    .await
                    .expect("the server's tasks");
                for entry in page.items {
                    if let stardesk_platform::wire::TaskEntry::Open(t) = entry {
                        out.push(*t);
                    }
                }
                if !page.has_more {
                    break out;
                }
                cursor = Some(page.next_cursor);
            }
        })
    }

    /// One `/v1` request whose answer does not matter (it takes a queued fault).
    pub fn poke(&self) {
        let client = self.client();
        let _ = self.rt.block_on(client.me());
    }

    pub fn server_task(&self, id: &str) -> Task {
        let client = self.client();
        self.rt
            .block_on(client.task(id))
            .unwrap_or_else(|e| panic!("the server's task {id}: {e}"))
    }
}

impl Drop for Platform {
    fn drop(&mut self) {
        self.stop();
    }
}

/// The `stardesk` binary over one data directory.
pub struct Cli {
    pub dir: PathBuf,
}

impl Cli {
    pub fn new(dir: &Path) -> Self {
        Self {
            dir: dir.to_path_buf(),
        }
    }

    pub fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_stardesk"));
        c.arg("--data-dir")
            .arg(&self.dir)
            .args(args)
            .env_remove("STARDESK_KEY_STORE")
            .env_remove("STARDESK_DATA_DIR")
            .env("STARDESK_LOG", "error");
        c
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.command(args)
            .stdin(Stdio::null())
            .output()
            .expect("run stardesk")
    }

    pub fn run_with_stdin(&self, args: &[&str], stdin: &str) -> Output {
        let mut child = self
            .command(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn stardesk");
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(stdin.as_bytes())
            .expect("write stdin");
        child.wait_with_output().expect("wait stardesk")
    }

    /// Runs a command that must succeed; its stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "`stardesk {}` failed ({}): {}",
            args.join(" "),
            out.status,
            text(&out.stderr)
        );
        text(&out.stdout)
    }

    /// Runs a command that must succeed and print JSON.
    pub fn json(&self, args: &[&str]) -> Value {
        let out = self.ok(args);
        serde_json::from_str(&out).unwrap_or_else(|e| {
            panic!("`stardesk {}` printed no JSON ({e}): {out}", args.join(" "))
        })
    }

    /// Points the CLI at `platform` with its token; a missing keychain fails naming what
    /// to install.
    pub fn sign_in(&self, platform: &Platform) {
        let out = self.run_with_stdin(
            &["account", "set", "--url", &platform.url(), "--token-stdin"],
            &format!("{TOKEN}\n"),
        );
        assert!(
            out.status.success(),
            "`stardesk account set` failed: {}\n{KEYCHAIN_HINT}",
            text(&out.stderr)
        );
    }
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The arguments of a valid application to `task` (R-REVIEW-12), `--json` included.
pub fn apply_args(task: &str) -> Vec<String> {
    [
        "apply",
        task,
        "--name",
        "林小满",
        "--phone",
        "13812345678",
        "--region-code",
        "330106",
        "--address",
        "文三路 90 号 3 幢 501",
        "--strengths",
        "美妆测评三年，粉丝以 18-30 岁女性为主",
        "--idea",
        "一周早晚对比实测，展示质地与持妆时长",
        "--json",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

pub fn strs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

/// SplitMix64: a small seeded generator, so a failing run can be repeated from its seed.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// The data directory's outbox items not sent (waiting or refused), read from the
/// encrypted store itself (its key from the keychain) while no `stardesk` runs.
pub fn store_unsent(dir: &Path) -> Vec<stardesk_store::applications::outbox::OutboxRecord> {
    let (store, _, _) =
        stardesk_store::open_data_dir_with(dir, stardesk_store::KeyPolicy::KeychainOnly, 0)
            .unwrap_or_else(|e| panic!("the store of {} opens: {e}", dir.display()));
    store.outbox().expect("the outbox")
}

/// The task ids of the applications the data directory's store holds.
pub fn store_application_tasks(dir: &Path) -> Vec<String> {
    let (store, _, _) =
        stardesk_store::open_data_dir_with(dir, stardesk_store::KeyPolicy::KeychainOnly, 0)
            .unwrap_or_else(|e| panic!("the store of {} opens: {e}", dir.display()));
    store
        .applications()
        .expect("the applications")
        .into_iter()
        .map(|a| a.task_id)
        .collect()
}

/// Today in China time (UTC+8), the calendar of every campaign date.
pub fn china_today() -> chrono::NaiveDate {
    (chrono::Utc::now() + chrono::Duration::hours(8)).date_naive()
}

/// A `YYYY-MM-DD` date, strictly.
pub fn date(v: &str) -> Option<chrono::NaiveDate> {
    let b = v.as_bytes();
    let shaped = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    shaped
        .then(|| chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d").ok())
        .flatten()
}

/// Checks the data directory's key is in the OS keychain (not the fallback file), which
/// every campaign test relies on; fails naming what to install.
pub fn require_keychain(cli: &Cli) {
    let out = cli.run(&["status", "--json"]);
    assert!(
        out.status.success(),
        "`stardesk status` failed: {}\n{KEYCHAIN_HINT}",
        text(&out.stderr)
    );
    let status: Value = serde_json::from_slice(&out.stdout).expect("status JSON");
    assert_eq!(
        status["key_store"], "keychain",
        "the database key went to {} instead of the keychain.\n{KEYCHAIN_HINT}",
        status["key_store"]
    );
}
