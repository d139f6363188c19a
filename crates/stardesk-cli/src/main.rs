//! `stardesk`: the headless StarDesk, for scripting and for tests.
//!
//! Every subcommand is a few lines around one `stardesk_core::Context` method, over the
//! same data directory, keychain and platform settings as the desktop app. With no
//! account configured it uses the embedded sandbox, like the app.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use stardesk_core::dto::{Category, TaskPage, TaskQuery, TaskSort};
use stardesk_core::{AppError, Context, ContextOptions};

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
        /// Substring search (Chinese works, two characters and up).
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
    /// Show the account, the last sync and the data directory.
    Status {
        #[arg(long)]
        json: bool,
    },
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

fn print_json<T: serde::Serialize>(value: &T) -> Result<(), AppError> {
    let text = serde_json::to_string_pretty(value)
        .map_err(|e| AppError::new(stardesk_core::ErrorCode::Internal, e.to_string()))?;
    println!("{text}");
    Ok(())
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

async fn run(cli: Cli) -> Result<(), AppError> {
    let ctx = Context::open(ContextOptions::from_env(cli.data_dir)?).await?;
    let outcome = match cli.command {
        Command::Sync { json } => {
            let summary = ctx
                .sync(|p| {
                    if !json && p.remaining > 0 {
                        eprintln!("synced {} (about {} left)", p.applied, p.remaining);
                    }
                })
                .await;
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
            let code = serde_json::to_value(e.code)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            eprintln!("error [{code}]: {}", e.message);
            ExitCode::FAILURE
        }
    }
}
