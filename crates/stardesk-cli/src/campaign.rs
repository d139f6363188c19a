//! The campaign commands: `account`, `task`, `apply`, `outbox`, `applications`, `reward`.
//! Their flags and JSON keys are a contract (README, "CLI").

use std::io::Read;
use std::path::Path;

use serde_json::{json, Map, Value};
use stardesk_core::applications::reward_at_scheme;
use stardesk_core::ipc::{
    AgendaFeatureCode, ApplicationInput, FieldProblem, FormFieldCode, OutboxStateCode,
    PlatformAccountInput, RewardMeasure, ShippingChoice, Source, TimelineKeyCode,
};
use stardesk_core::{AppError, Code, Context, ErrorCode};

use crate::print_json;

/// `stardesk account set --url URL --token-stdin`: checked against `/v1/me` first; the
/// token goes to the keychain.
pub async fn account_set(ctx: &Context, url: String) -> Result<(), AppError> {
    let mut token = String::new();
    std::io::stdin()
        .read_to_string(&mut token)
        .map_err(|e| AppError::invalid_input(format!("cannot read the token from stdin: {e}")))?;
    let status = ctx
        .set_platform(PlatformAccountInput {
            url,
            token: token.trim().to_string(),
        })
        .await?;
    let url = match &status.source {
        Source::Platform { url } | Source::Sandbox { url } => url,
    };
    eprintln!("using the platform account at {url}");
    Ok(())
}

/// `stardesk account sandbox`.
pub async fn account_sandbox(ctx: &Context) -> Result<(), AppError> {
    ctx.use_sandbox().await?;
    eprintln!("using the embedded sandbox");
    Ok(())
}

/// `stardesk task ID --json`: the task with the API's field names.
pub async fn task(ctx: &Context, id: String, json: bool) -> Result<(), AppError> {
    let task = ctx.task_as_published(id).await?;
    if json {
        print_json(&task)
    } else {
        let get = |k: &str| {
            task.get(k)
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string()
        };
        println!("{}  {}  [{}]", get("id"), get("title"), get("brand"));
        println!(
            "apply {} – {}; ship by {}; upload by {}",
            get("apply_start"),
            get("apply_end"),
            get("ship_by"),
            get("upload_deadline")
        );
        Ok(())
    }
}

/// The typed shipping details and texts of `stardesk apply`.
#[derive(Debug)]
pub struct ApplyArgs {
    pub task_id: String,
    pub name: String,
    pub phone: String,
    pub region_code: String,
    pub address: String,
    pub strengths: String,
    pub idea: String,
}

/// `stardesk apply …`: invalid input exits non-zero naming the fields and queues nothing;
/// the platform's refusal exits non-zero with its reason; an unreachable platform queues
/// the application (`"queued": true`, exit 0).
pub async fn apply(ctx: &Context, args: ApplyArgs, json: bool) -> Result<(), AppError> {
    let input = ApplicationInput {
        task_id: args.task_id,
        shipping: ShippingChoice::Typed {
            contact_name: args.name,
            phone: args.phone,
            region_code: args.region_code,
            detail: args.address,
        },
        strengths: args.strengths,
        idea: args.idea,
        snippet_ids: Vec::new(),
    };
    // Checked here first so the error names the flags the user typed (`--name`,
    // `--address`), not only the form's field codes (`contact_name`, `detail`).
    let check = ctx.check_application(input.clone()).await?;
    if !check.problems.is_empty() {
        let list: Vec<String> = check.problems.iter().map(problem_text).collect();
        return Err(AppError::invalid_input(format!(
            "the application has problems: {}",
            list.join("; ")
        )));
    }
    let queued = ctx.apply(input).await?;
    // Try now; an unreachable platform leaves it waiting, which is not a failure here.
    match ctx.send_outbox(true).await {
        Ok(_) => {}
        Err(e) if e.code == ErrorCode::PlatformUnreachable => {}
        Err(e) => return Err(e),
    }
    let item = ctx
        .outbox_item(queued.id.clone())
        .await?
        .ok_or_else(|| AppError::new(ErrorCode::Internal, "the queued application is gone"))?;
    let out = match item.state {
        OutboxStateCode::Refused => {
            let reason = item
                .last_error
                .map(|e| e.message)
                .unwrap_or_else(|| "refused".into());
            return Err(AppError::new(ErrorCode::Refused, reason));
        }
        OutboxStateCode::Sent => {
            let id = item.application_id.unwrap_or_default();
            let app = ctx.application(id.clone()).await?;
            json!({"id": id, "task_id": item.task_id, "status": app.status.as_str(), "queued": false})
        }
        OutboxStateCode::Waiting => json!({
            "id": format!("outbox:{}", item.id),
            "task_id": item.task_id,
            "status": "waiting",
            "queued": true,
        }),
    };
    if json {
        print_json(&out)
    } else {
        println!("{}", out);
        Ok(())
    }
}

/// The `stardesk apply` flag of a form field.
fn flag(field: FormFieldCode) -> &'static str {
    match field {
        FormFieldCode::ContactName => "--name",
        FormFieldCode::Phone => "--phone",
        FormFieldCode::RegionCode => "--region-code",
        FormFieldCode::Detail => "--address",
        FormFieldCode::Strengths => "--strengths",
        FormFieldCode::Idea => "--idea",
    }
}

/// `--address (detail): too_short, at least 5 characters`.
fn problem_text(p: &FieldProblem) -> String {
    let bound = match (p.min, p.max) {
        (Some(min), _) => format!(", at least {min} characters"),
        (_, Some(max)) => format!(", at most {max} characters"),
        _ => String::new(),
    };
    format!("{} ({}): {}{bound}", flag(p.field), p.field, p.problem)
}

/// `stardesk outbox [--json]`: the applications waiting to be sent.
pub async fn outbox(ctx: &Context, json: bool) -> Result<(), AppError> {
    let waiting: Vec<_> = ctx
        .outbox()
        .await?
        .into_iter()
        .filter(|o| o.state == OutboxStateCode::Waiting)
        .collect();
    if json {
        return print_json(&waiting);
    }
    println!("{} waiting", waiting.len());
    for o in &waiting {
        let last = o
            .last_error
            .as_ref()
            .map(|e| e.message.as_str())
            .unwrap_or("");
        println!(
            "- {}  task {}  since {}  {} attempts  {}",
            o.id, o.task_id, o.created_at, o.attempts, last
        );
    }
    Ok(())
}

/// `stardesk outbox send`: tries every waiting item now; non-zero while any remains.
pub async fn outbox_send(ctx: &Context) -> Result<(), AppError> {
    let (report, _) = ctx.send_outbox(true).await?;
    eprintln!(
        "sent {}, refused {}, still waiting {}",
        report.sent, report.refused, report.waiting
    );
    let left = ctx
        .outbox()
        .await?
        .iter()
        .filter(|o| o.state == OutboxStateCode::Waiting)
        .count();
    if left > 0 {
        return Err(AppError::new(
            ErrorCode::PlatformUnreachable,
            format!("{left} application(s) still wait to be sent"),
        ));
    }
    Ok(())
}

/// `stardesk applications [--json]`: each with `id`, `task_id`, `status`, `applied_on`
/// and `timeline`, an object with exactly the seven timeline keys.
pub async fn applications(ctx: &Context, json: bool) -> Result<(), AppError> {
    let apps = ctx.applications().await?;
    if !json {
        for a in &apps {
            let next = a
                .timeline
                .iter()
                .find(|s| s.state.as_str() == "next")
                .map(|s| format!("next: {} {}", s.key, s.date.as_deref().unwrap_or("")))
                .unwrap_or_default();
            println!(
                "{}  task {}  {}  applied {}  {}",
                a.id, a.task_id, a.status, a.applied_on, next
            );
        }
        return Ok(());
    }
    let out: Vec<Value> = apps
        .iter()
        .map(|a| {
            let mut timeline = Map::new();
            for key in <TimelineKeyCode as Code>::ALL
                .iter()
                .filter(|k| k.is_campaign_date())
            {
                let date = a
                    .timeline
                    .iter()
                    .find(|s| s.key == *key)
                    .and_then(|s| s.date.clone());
                timeline.insert(
                    key.as_str().to_string(),
                    date.map_or(Value::Null, Value::String),
                );
            }
            let mut v = serde_json::to_value(a).unwrap_or(Value::Null);
            if let Value::Object(map) = &mut v {
                map.insert("timeline".into(), Value::Object(timeline));
                map.insert(
                    "steps".into(),
                    serde_json::to_value(&a.timeline).unwrap_or(Value::Null),
                );
            }
            v
        })
        .collect();
    print_json(&out)
}

/// What `stardesk reward` measures.
pub fn measure(plays: Option<u64>, rank: Option<u32>) -> Result<RewardMeasure, AppError> {
    match (plays, rank) {
        (Some(plays), None) => Ok(RewardMeasure::Plays { plays }),
        (None, Some(rank)) => Ok(RewardMeasure::Rank { rank }),
        _ => Err(AppError::invalid_input(
            "give exactly one of --plays and --rank",
        )),
    }
}

/// `stardesk reward --scheme FILE …`: needs no data directory.
pub fn reward_from_file(path: &Path, measure: RewardMeasure) -> Result<Value, AppError> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path)
        .map_err(|e| AppError::invalid_input(format!("{name}: cannot read the file: {e}")))?;
    Ok(json!({"reward": reward_at_scheme(&name, &text, measure)?}))
}

/// `stardesk reward --task ID …`.
pub async fn reward_of_task(
    ctx: &Context,
    id: String,
    measure: RewardMeasure,
) -> Result<Value, AppError> {
    Ok(json!({"reward": ctx.reward_at(id, measure).await?}))
}

/// `stardesk agenda [--days N] [--ics FILE] [--json]`: the campaign dates of the next N
/// days; `--ics` also writes every date as an iCalendar file.
pub async fn agenda(
    ctx: &Context,
    days: u32,
    ics: Option<&Path>,
    json: bool,
) -> Result<(), AppError> {
    if let Some(path) = ics {
        ctx.export_campaign_calendar(path.display().to_string())
            .await?;
        eprintln!("calendar written to {}", path.display());
    }
    // The campaign dates (the contract of `agenda`); the rights center's dates are in the
    // window's agenda and calendar, and in `stardesk benefits` / `level`.
    let items: Vec<_> = ctx
        .agenda(days)
        .await?
        .into_iter()
        .filter(|i| i.feature == AgendaFeatureCode::Campaign)
        .collect();
    if json {
        return print_json(&items);
    }
    for i in &items {
        println!(
            "{}  ({:+} d)  {}  {} · {}  [{}]",
            i.date, i.days_left, i.key, i.brand, i.task_title, i.rule
        );
    }
    Ok(())
}
