//! `stardesk`: the headless StarDesk, for scripting and for tests.
//!
//! Every subcommand is a few lines around one `stardesk_core::Context` method, over the
//! same data directory, keychain and platform settings as the desktop app. With no
//! account configured it uses the embedded sandbox, like the app.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use std::sync::Arc;

use clap::{Parser, Subcommand, ValueEnum};

use stardesk_core::file_reconciliation::{self, ReconcileFiles};
use stardesk_core::ipc::{
    Category, ImportPhase, ImportProgress, InvitationKindCode, InvitationNotice, ReportFormat,
    TaskPage, TaskQuery, TaskSort, TaxVerdict,
};
use stardesk_core::settlements::tax::TaxCheckJson;
use stardesk_core::{AppError, AppEvent, Context, ContextOptions, EventSink};

mod campaign;
mod logistics;
mod rights;
mod settlements;

#[derive(Debug, Parser)]
#[command(
    name = "stardesk",
    version,
    about = "StarDesk 星图达人工作台 — headless"
)]
struct Cli {
    /// Data directory (default: the app's, or $STARDESK_DATA_DIR).
    #[arg(long, global = true)]
    data_dir: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Sync the task hall from the platform (or the embedded sandbox).
    Sync {
        #[arg(long)]
        json: bool,
    },
    /// List tasks from the last sync (works offline).
    Tasks {
        /// Substring search (Chinese works, from one character).
        #[arg(long)]
        search: Option<String>,
        /// Category: submission, recruitment, assigned, preferred (repeatable).
        #[arg(long, value_enum)]
        category: Vec<CategoryArg>,
        /// Industry, e.g. 美妆 (repeatable).
        #[arg(long)]
        industry: Vec<String>,
        /// Only tasks this creator is eligible for.
        #[arg(long)]
        eligible: bool,
        #[arg(long, value_enum, default_value = "newest")]
        sort: SortArg,
        #[arg(long, default_value_t = 50)]
        limit: u32,
        #[arg(long, default_value_t = 0)]
        offset: u32,
        #[arg(long)]
        json: bool,
    },
    /// Reconcile settlement statements against bank statements and expected earnings,
    /// offline. Prints a summary (or JSON with --json); --out writes the report as CSV.
    Reconcile {
        /// Platform settlement statement files (CSV or XLSX); repeatable.
        #[arg(long = "statement", required = true, num_args = 1..)]
        statements: Vec<PathBuf>,
        /// Bank statement files; repeatable.
        #[arg(long, num_args = 1..)]
        bank: Vec<PathBuf>,
        /// Expected earnings (task_id, amount, due_date).
        #[arg(long)]
        expected: Option<PathBuf>,
        /// Invoices mailed (statement_id, sent_date, tracking_no), for R-SETTLE-1.
        #[arg(long)]
        invoices: Option<PathBuf>,
        /// The day to judge "due" and "overdue" on (default: today), e.g. 2026-03-05.
        #[arg(long)]
        as_of: Option<chrono::NaiveDate>,
        /// Write the report (one row per discrepancy) to this CSV file.
        #[arg(long)]
        out: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// The stored reconciliation, as the app's Settlements page keeps it: `import` files
    /// into the data directory, `report` the reconciliation with the decisions taken in the
    /// app, `delete --yes` all of it.
    Settlements {
        #[command(subcommand)]
        action: settlements::SettlementsAction,
    },
    /// Check the tax withheld from an individual creator, month by month, offline: the
    /// statements' gross and tax column against the withholding StarDesk computes (per
    /// payment before 2025-10-01, cumulative from then).
    Tax {
        /// Platform settlement statement files (CSV or XLSX); repeatable.
        #[arg(long = "statement", required = true, num_args = 1..)]
        statements: Vec<PathBuf>,
        /// Only this calendar year's months (computed over every month of the files).
        #[arg(long)]
        year: Option<i32>,
        #[arg(long)]
        json: bool,
    },
    /// Show the account, the last sync and the data directory.
    Status {
        #[arg(long)]
        json: bool,
    },
    /// Point the CLI and the app at a platform account, or back at the embedded sandbox.
    Account {
        #[command(subcommand)]
        action: AccountAction,
    },
    /// One task as the platform publishes it (the API's field names).
    Task {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Apply to a product-review task (R-REVIEW-12). Queued when the platform cannot be
    /// reached, and sent exactly once later.
    Apply {
        task_id: String,
        /// Contact name, 1–20 characters.
        #[arg(long)]
        name: String,
        /// Mainland mobile, 11 digits.
        #[arg(long)]
        phone: String,
        /// County-level GB/T 2260 code, e.g. 330106.
        #[arg(long)]
        region_code: String,
        /// Street, building and room, 5–100 characters.
        #[arg(long)]
        address: String,
        /// 合作优势, 10–500 characters.
        #[arg(long)]
        strengths: String,
        /// 创作思路, 10–500 characters.
        #[arg(long)]
        idea: String,
        #[arg(long)]
        json: bool,
    },
    /// The applications waiting to be sent; `outbox send` tries them now.
    Outbox {
        #[command(subcommand)]
        action: Option<OutboxAction>,
        #[arg(long)]
        json: bool,
    },
    /// Every application with the dates of its campaign.
    Applications {
        #[arg(long)]
        json: bool,
    },
    /// The campaign dates of the next days; `--ics` writes every date as an iCalendar file.
    Agenda {
        #[arg(long, default_value_t = 14)]
        days: u32,
        #[arg(long)]
        ics: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// The reward at valid plays or a rank (R-REVIEW-5, R-REVIEW-6), from a task's scheme
    /// or a scheme file in the API's JSON shape.
    Reward {
        #[arg(long, conflicts_with = "scheme", required_unless_present = "scheme")]
        task: Option<String>,
        #[arg(long)]
        scheme: Option<PathBuf>,
        #[arg(long, conflicts_with = "rank", required_unless_present = "rank")]
        plays: Option<u64>,
        #[arg(long)]
        rank: Option<u32>,
        #[arg(long)]
        json: bool,
    },
    /// The kuaidi100 account parcels are tracked with.
    Tracking {
        #[command(subcommand)]
        action: logistics::TrackingAction,
    },
    /// The carriers a tracking number may belong to, best first.
    Carrier {
        number: String,
        #[arg(long)]
        json: bool,
    },
    /// Track a parcel (added to the tracked parcels); at most one query per 30 minutes
    /// unless --force.
    Track {
        number: String,
        /// A kuaidi100 carrier code (default: the best guess).
        #[arg(long)]
        carrier: Option<String>,
        /// The receiver's last 4 phone digits (顺丰, 中通).
        #[arg(long)]
        phone: Option<String>,
        #[arg(long)]
        force: bool,
        #[arg(long)]
        json: bool,
    },
    /// Every tracked parcel with its state and alerts. Asks about the parcels that are
    /// due first (each at most once per 30 minutes; --refresh asks every parcel not
    /// delivered); offline, what was stored.
    Shipments {
        #[arg(long)]
        refresh: bool,
        #[arg(long)]
        json: bool,
    },
    /// The creator's level and the next level's checklist (R-LEVEL-1, R-LEVEL-2), from the
    /// last sync; with --metrics FILE (a JSON object of the metrics), offline: the planner.
    Level {
        #[arg(long)]
        metrics: Option<PathBuf>,
        /// Sync the rights center first.
        #[arg(long, conflicts_with = "metrics")]
        refresh: bool,
        #[arg(long)]
        json: bool,
    },
    /// The benefits wallet and the DOU+ owed; `benefits claim ID` claims a card.
    Benefits {
        #[command(subcommand)]
        action: Option<rights::BenefitsAction>,
        #[arg(long)]
        refresh: bool,
        #[arg(long, global = true)]
        json: bool,
    },
    /// Preferred invitations and the acceptance rate; `invitations accept|decline ID`.
    Invitations {
        #[command(subcommand)]
        action: Option<rights::InvitationsAction>,
        #[arg(long)]
        refresh: bool,
        #[arg(long, global = true)]
        json: bool,
    },
    /// The star index recorded day by day (R-LEVEL-9), oldest first.
    StarIndex {
        #[arg(long, default_value_t = 90)]
        days: u32,
        #[arg(long)]
        refresh: bool,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
enum AccountAction {
    /// Use the platform at URL; the token is read from stdin, checked against /v1/me and
    /// kept in the OS keychain.
    Set {
        #[arg(long)]
        url: String,
        /// Read the token from stdin (it never goes on the command line).
        #[arg(long, required = true)]
        token_stdin: bool,
    },
    /// Back to the embedded sandbox (the account's token and data are forgotten).
    Sandbox,
}

#[derive(Debug, Subcommand)]
enum OutboxAction {
    /// Try every waiting application now; exits non-zero while any still waits.
    Send,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum CategoryArg {
    Submission,
    Recruitment,
    Assigned,
    Preferred,
}

impl From<CategoryArg> for Category {
    fn from(c: CategoryArg) -> Self {
        match c {
            CategoryArg::Submission => Category::Submission,
            CategoryArg::Recruitment => Category::Recruitment,
            CategoryArg::Assigned => Category::Assigned,
            CategoryArg::Preferred => Category::Preferred,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum SortArg {
    Newest,
    Deadline,
    Reward,
}

/// The CLI's event sink: progress to stderr (none with `sync --json`), nothing else.
#[derive(Debug)]
struct StderrProgress {
    quiet: bool,
}

/// One line per phase of each imported file (and per chunk of a large one): which file of
/// how many, and how far.
fn import_progress_line(p: &ImportProgress) -> Option<String> {
    let at = format!("[{}/{}] {}", p.file_index + 1, p.file_count, p.file_name);
    match p.phase {
        ImportPhase::Reading if p.done == 0 => Some(format!("{at}: reading ({} bytes)", p.total)),
        ImportPhase::Reading if p.done < p.total => {
            Some(format!("{at}: read {} of {} bytes", p.done, p.total))
        }
        ImportPhase::Reading => None,
        ImportPhase::Parsing => Some(format!("{at}: checking every row")),
        ImportPhase::Storing if p.done == 0 => Some(format!("{at}: storing {} lines", p.total)),
        ImportPhase::Storing => Some(format!("{at}: stored {} of {} lines", p.done, p.total)),
        ImportPhase::Done => Some(format!("{at}: imported ({} lines)", p.total)),
    }
}

/// An invitation told once (core marks it seen as it tells it): one line, with the time
/// to accept a dispatch by in China time (R-PREF-4).
fn invitation_line(i: &InvitationNotice, closing: bool) -> String {
    let what = match (i.kind, closing) {
        (InvitationKindCode::Dispatch, false) => "new preferred dispatch",
        (InvitationKindCode::Dispatch, true) => "preferred dispatch closing soon",
        (InvitationKindCode::Inquiry, _) => "new preferred inquiry",
    };
    let by = i
        .respond_by
        .as_deref()
        .and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
        .map(|t| {
            t.with_timezone(&stardesk_core::china())
                .format("%Y-%m-%d %H:%M")
                .to_string()
        });
    let whose = if i.brand.is_empty() {
        i.task_title.clone()
    } else {
        format!("{} · {}", i.brand, i.task_title)
    };
    match by {
        Some(by) => format!(
            "{what}: {whose} (id {}); accept by {by} China time: stardesk invitations accept {}",
            i.id, i.id
        ),
        None => format!(
            "{what}: {whose} (id {}); answer with stardesk invitations accept|decline {}",
            i.id, i.id
        ),
    }
}

impl EventSink for StderrProgress {
    fn emit(&self, event: AppEvent) {
        // Told once, whatever the output: the store marks an invitation seen as it is
        // emitted, so the app will not tell it again (stderr leaves `--json` output whole).
        if let AppEvent::InvitationsArrived {
            invitations,
            closing,
        } = &event
        {
            for i in invitations {
                eprintln!("{}", invitation_line(i, *closing));
            }
            return;
        }
        if self.quiet {
            return;
        }
        match event {
            AppEvent::SyncProgress(p) if p.remaining > 0 => {
                eprintln!("synced {} (about {} left)", p.applied, p.remaining);
            }
            AppEvent::ImportProgress(p) => {
                if let Some(line) = import_progress_line(&p) {
                    eprintln!("{line}");
                }
            }
            _ => {}
        }
    }
}

fn print_reward(value: &serde_json::Value, json: bool) -> Result<(), AppError> {
    if json {
        print_json(value)
    } else {
        println!("¥{}", value["reward"].as_str().unwrap_or_default());
        Ok(())
    }
}

pub(crate) fn print_json<T: serde::Serialize>(value: &T) -> Result<(), AppError> {
    let text = serde_json::to_string_pretty(value)
        .map_err(|e| AppError::new(stardesk_core::ErrorCode::Internal, e.to_string()))?;
    // A closed pipe (`| head`) is the reader's choice, not a failure to report.
    let mut out = std::io::stdout().lock();
    match writeln!(out, "{text}") {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(AppError::new(
            stardesk_core::ErrorCode::Internal,
            format!("cannot write to stdout: {e}"),
        )),
        _ => Ok(()),
    }
}

fn print_tasks(page: &TaskPage) {
    println!(
        "{} tasks match; showing {} from {}",
        page.total,
        page.rows.len(),
        page.offset
    );
    for r in &page.rows {
        let reward = match (&r.reward_min, &r.reward_max) {
            (Some(lo), Some(hi)) if lo == hi => format!("¥{hi}"),
            (Some(lo), Some(hi)) => format!("¥{lo}–¥{hi}"),
            _ => "sample".into(),
        };
        let mark = if r.eligible { "✓" } else { "✗" };
        println!(
            "{mark} {}  {}  [{}]  {reward}  due {}",
            r.id, r.title, r.industry, r.upload_deadline
        );
    }
}

/// Reconciliation needs no data directory, keychain or network: files in, report out
/// (always CSV), printed as `stardesk settlements report` prints the stored one.
fn reconcile(files: ReconcileFiles, out: Option<PathBuf>, json: bool) -> Result<(), AppError> {
    let report = file_reconciliation::reconcile_files(&files)?;
    let out = out.map(|path| (path, ReportFormat::Csv));
    settlements::print_report(&report, out.as_ref(), json)
}

fn tax(statements: &[PathBuf], year: Option<i32>, json: bool) -> Result<(), AppError> {
    let view = file_reconciliation::tax_check_files(statements, year)?;
    if json {
        return print_json(&TaxCheckJson::of(&view));
    }
    println!(
        "{:7}  {:>12}  {:>10}  {:>10}  {:>10}",
        "month", "income", "withheld", "expected", "difference"
    );
    for m in &view.months {
        // The verdict's code when the month does not add up (over_withheld, …).
        let flag = match m.explanation.verdict {
            TaxVerdict::Exact => String::new(),
            verdict => format!("  {verdict}"),
        };
        println!(
            "{:7}  {:>12}  {:>10}  {:>10}  {:>10}{flag}",
            m.month, m.income, m.withheld, m.expected, m.difference
        );
    }
    let t = &view.totals;
    println!(
        "{:7}  {:>12}  {:>10}  {:>10}  {:>10}",
        "total", t.income, t.withheld, t.expected, t.difference
    );
    println!(
        "expected: per payment before {}, cumulative from then, on the gross less the fees",
        view.cumulative_from
    );
    Ok(())
}

async fn run(cli: Cli) -> Result<(), AppError> {
    if let Command::Tax {
        statements,
        year,
        json,
    } = cli.command
    {
        return tokio::task::spawn_blocking(move || tax(&statements, year, json))
            .await
            .map_err(|e| AppError::new(stardesk_core::ErrorCode::Internal, e.to_string()))?;
    }
    if let Command::Reconcile {
        statements,
        bank,
        expected,
        invoices,
        as_of,
        out,
        json,
    } = cli.command
    {
        let files = ReconcileFiles {
            statements,
            bank,
            expected: expected.into_iter().collect(),
            invoices: invoices.into_iter().collect(),
            as_of: as_of.unwrap_or_else(stardesk_core::china_today),
            // `--json` prints the summary only; the rows are for `--out` and the text view.
            summary_only: json && out.is_none(),
        };
        return tokio::task::spawn_blocking(move || reconcile(files, out, json))
            .await
            .map_err(|e| AppError::new(stardesk_core::ErrorCode::Internal, e.to_string()))?;
    }
    if let Command::Reward {
        scheme: Some(path),
        plays,
        rank,
        json,
        ..
    } = &cli.command
    {
        let value = campaign::reward_from_file(path, campaign::measure(*plays, *rank)?)?;
        return print_reward(&value, *json);
    }
    if let Command::Level {
        metrics: Some(path),
        json,
        ..
    } = &cli.command
    {
        return rights::level_of_file(path, *json);
    }
    if let Command::Settlements {
        action: settlements::SettlementsAction::Delete { file, yes: false },
    } = &cli.command
    {
        // Refused before anything is opened.
        return Err(settlements::refuse_delete(file.as_deref()));
    }
    let quiet = matches!(cli.command, Command::Sync { json: true });
    let ctx = Context::open(
        ContextOptions::from_env(cli.data_dir)?,
        Arc::new(StderrProgress { quiet }),
    )
    .await?;
    let outcome = match cli.command {
        Command::Sync { json } => {
            let summary = ctx.sync().await;
            summary.and_then(|s| {
                if json {
                    print_json(&s)
                } else {
                    println!(
                        "sync done: {} updated, {} removed, {} pages; {} tasks cached",
                        s.upserted, s.removed, s.pages, s.task_count
                    );
                    Ok(())
                }
            })
        }
        Command::Tasks {
            search,
            category,
            industry,
            eligible,
            sort,
            limit,
            offset,
            json,
        } => {
            let query = TaskQuery {
                search,
                categories: category.into_iter().map(Category::from).collect(),
                industries: industry,
                eligible_only: eligible,
                sort: match sort {
                    SortArg::Newest => TaskSort::Newest,
                    SortArg::Deadline => TaskSort::Deadline,
                    SortArg::Reward => TaskSort::Reward,
                },
                offset,
                limit,
                ..TaskQuery::default()
            };
            ctx.query_tasks(query).await.and_then(|page| {
                if json {
                    print_json(&page)
                } else {
                    print_tasks(&page);
                    Ok(())
                }
            })
        }
        // Handled above without opening a context: it needs no data directory.
        Command::Reconcile { .. } | Command::Tax { .. } => Ok(()),
        Command::Account { action } => match action {
            AccountAction::Set { url, .. } => campaign::account_set(&ctx, url).await,
            AccountAction::Sandbox => campaign::account_sandbox(&ctx).await,
        },
        Command::Task { id, json } => campaign::task(&ctx, id, json).await,
        Command::Apply {
            task_id,
            name,
            phone,
            region_code,
            address,
            strengths,
            idea,
            json,
        } => {
            let args = campaign::ApplyArgs {
                task_id,
                name,
                phone,
                region_code,
                address,
                strengths,
                idea,
            };
            campaign::apply(&ctx, args, json).await
        }
        Command::Outbox { action, json } => match action {
            Some(OutboxAction::Send) => campaign::outbox_send(&ctx).await,
            None => campaign::outbox(&ctx, json).await,
        },
        Command::Applications { json } => campaign::applications(&ctx, json).await,
        Command::Agenda { days, ics, json } => {
            campaign::agenda(&ctx, days, ics.as_deref(), json).await
        }
        Command::Reward {
            task: Some(id),
            plays,
            rank,
            json,
            ..
        } => match campaign::measure(plays, rank) {
            Ok(m) => campaign::reward_of_task(&ctx, id, m)
                .await
                .and_then(|v| print_reward(&v, json)),
            Err(e) => Err(e),
        },
        Command::Reward { .. } => Err(AppError::invalid_input("give --task or --scheme")),
        Command::Tracking { action } => logistics::tracking(&ctx, action).await,
        Command::Carrier { number, json } => logistics::carrier(&ctx, number, json).await,
        Command::Track {
            number,
            carrier,
            phone,
            force,
            json,
        } => logistics::track(&ctx, number, carrier, phone, force, json).await,
        Command::Shipments { refresh, json } => logistics::shipments(&ctx, refresh, json).await,
        Command::Level { refresh, json, .. } => rights::level(&ctx, refresh, json).await,
        Command::Benefits {
            action,
            refresh,
            json,
        } => match action {
            Some(rights::BenefitsAction::Claim { id }) => rights::claim(&ctx, id, json).await,
            None => rights::benefits(&ctx, refresh, json).await,
        },
        Command::Invitations {
            action,
            refresh,
            json,
        } => match action {
            Some(a) => rights::answer(&ctx, a, json).await,
            None => rights::invitations(&ctx, refresh, json).await,
        },
        Command::StarIndex {
            days,
            refresh,
            json,
        } => rights::star_index(&ctx, days, refresh, json).await,
        Command::Settlements { action } => settlements::run(&ctx, action).await,
        Command::Status { json } => ctx.status().await.and_then(|s| {
            if json {
                print_json(&s)
            } else {
                let who = s
                    .creator
                    .as_ref()
                    .map(|c| c.nickname.as_str())
                    .unwrap_or("(not synced)");
                println!(
                    "creator: {who}\ntasks: {}\nlast synced: {}\ndata: {} (key in {})",
                    s.task_count,
                    s.last_synced_at.as_deref().unwrap_or("never"),
                    s.data_dir,
                    s.key_store
                );
                Ok(())
            }
        }),
    };
    ctx.shutdown().await;
    outcome
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("STARDESK_LOG")
                .unwrap_or_else(|_| "warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error [{}]: {}", e.code.as_str(), e.message);
            ExitCode::FAILURE
        }
    }
}
