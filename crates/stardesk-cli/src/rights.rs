//! The rights center's commands: `level`, `benefits [claim ID]`, `invitations
//! [accept|decline ID]`, `star-index`. Their flags and JSON keys are a contract (README,
//! "CLI").
//!
//! They show the last sync of the rights center, syncing it first when there is none yet
//! or with `--refresh` (offline, the last sync is shown with a note on stderr).

use std::path::Path;

use clap::Subcommand;
use serde_json::{json, Value};
use stardesk_core::ipc::{
    BenefitStatusCode, BenefitView, InvitationStatusCode, InvitationView, LevelMetrics,
    LevelReportView, RequirementView, SendStateCode,
};
use stardesk_core::{AppError, Context, ErrorCode};

use crate::print_json;

#[derive(Debug, Subcommand)]
pub enum BenefitsAction {
    /// Claim a claimable card (R-LEVEL-5): sent exactly once; offline it waits and is sent
    /// by the app or the next command.
    Claim { id: String },
}

#[derive(Debug, Subcommand)]
pub enum InvitationsAction {
    /// Accept an invitation (a dispatch within its hour, R-PREF-4).
    Accept { id: String },
    /// Decline an invitation (it counts against the acceptance rate, R-PREF-2).
    Decline { id: String },
}

/// Syncs the rights center when asked or never synced; offline, the last sync stays.
async fn ensure_synced(ctx: &Context, refresh: bool) -> Result<(), AppError> {
    let synced = ctx.rights().await?.synced_at;
    if !refresh && synced.is_some() {
        return Ok(());
    }
    match (ctx.refresh_rights().await, synced) {
        (Ok(_), _) => Ok(()),
        (Err(e), Some(at)) if e.code == ErrorCode::PlatformUnreachable => {
            eprintln!(
                "offline: showing the rights center as synced at {at} ({})",
                e.message
            );
            Ok(())
        }
        (Err(e), _) => Err(e),
    }
}

/// Sends what was just queued; an unreachable platform leaves it queued, which is not a
/// failure here (the app or the next command sends it).
async fn send_now(ctx: &Context) -> Result<(), AppError> {
    match ctx.send_rights().await {
        Err(e) if e.code != ErrorCode::PlatformUnreachable => Err(e),
        _ => Ok(()),
    }
}

/// The platform's refusal of a claim or an answer, as the command's error.
fn refusal(state: Option<SendStateCode>, error: &Option<String>) -> Result<(), AppError> {
    match state {
        Some(SendStateCode::Refused) => Err(AppError::new(
            ErrorCode::Refused,
            error.clone().unwrap_or_else(|| "refused".into()),
        )),
        _ => Ok(()),
    }
}

fn read_metrics(path: &Path) -> Result<LevelMetrics, AppError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| AppError::invalid_input(format!("{}: cannot read: {e}", path.display())))?;
    serde_json::from_str(&text).map_err(|e| {
        AppError::invalid_input(format!(
            "{}: {e} (keys: followers, courses_completed, posts_30d, avg_valid_plays, likes, \
             orders, credit_score, profile_complete (true/false), submission_tasks_joined)",
            path.display(),
        ))
    })
}

fn requirement_line(r: &RequirementView) -> String {
    format!(
        "{} LV{} {} {} / {} {}",
        if r.met { "✓" } else { "✗" },
        r.level,
        r.item.as_str(),
        r.have,
        r.op,
        r.need
    )
}

fn print_level(report: &LevelReportView, json: bool) -> Result<(), AppError> {
    if json {
        return print_json(report);
    }
    println!("level: LV{}", report.level);
    match report.next_level {
        Some(next) if report.missing.is_empty() => println!("LV{next}: every requirement met"),
        Some(next) => {
            println!("to reach LV{next}:");
            for r in &report.missing {
                println!("  {}", requirement_line(r));
            }
        }
        None => println!("the top level"),
    }
    Ok(())
}

/// `stardesk level --metrics FILE`: the planner, offline; no data directory is opened.
pub fn level_of_file(path: &Path, json: bool) -> Result<(), AppError> {
    let metrics = read_metrics(path)?;
    print_level(&stardesk_core::rights::plan_level(&metrics), json)
}

/// `stardesk level [--json]`: from the last sync, with the forecast in the text view.
pub async fn level(ctx: &Context, refresh: bool, json: bool) -> Result<(), AppError> {
    ensure_synced(ctx, refresh).await?;
    let front = ctx.rights().await?;
    print_level(&front.level, json)?;
    if !json {
        let f = &front.forecast;
        if let (Some(day), Some(n)) = (&f.drops_on, f.posts_needed) {
            println!(
                "keep LV{}: post {n} more by {day} (posts in 30 days: {})",
                f.level, f.posts_today
            );
        }
        for r in &f.near {
            println!("near its threshold: {}", requirement_line(r));
        }
    }
    Ok(())
}

fn benefit_json(b: &BenefitView) -> Value {
    json!({
        "id": b.id,
        "kind": b.kind.as_str(),
        "name": b.kind_name,
        "level": b.level,
        "value": b.value,
        "claimable": b.claimable,
        "issued_on": b.issued_on,
        "expires_on": b.expires_on,
        "days_left": b.days_left,
        "status": b.status.as_str(),
        "send_state": b.send_state.map(SendStateCode::as_str),
        "send_error": b.send_error,
    })
}

/// `stardesk benefits [--json]`: the wallet and the DOU+ ledger.
pub async fn benefits(ctx: &Context, refresh: bool, json: bool) -> Result<(), AppError> {
    ensure_synced(ctx, refresh).await?;
    let w = ctx.benefits().await?;
    if json {
        let periods: Vec<Value> = w
            .dispatches
            .iter()
            .map(|p| {
                json!({"starts_on": p.starts_on, "ends_on": p.ends_on, "promised": p.promised,
                       "sent": p.sent, "owed": p.owed, "dou_plus": p.dou_plus, "current": p.current})
            })
            .collect();
        let items: Vec<Value> = w.items.iter().map(benefit_json).collect();
        return print_json(&json!({
            "items": items,
            "dispatches": periods,
            "dou_plus_owed": w.dou_plus_owed,
        }));
    }
    for b in &w.items {
        let left = b
            .days_left
            .map(|d| format!(", {d} days left"))
            .unwrap_or_default();
        let value = b
            .value
            .as_ref()
            .map(|v| format!(" ¥{v}"))
            .unwrap_or_default();
        let claim = if b.claimable && b.status == BenefitStatusCode::Available {
            " — claim: stardesk benefits claim ID"
        } else {
            ""
        };
        println!(
            "{:12} {}{value} [{}{left}]{claim}",
            b.id,
            b.kind_name,
            b.status.as_str()
        );
    }
    println!("DOU+ owed for ended periods: {}", w.dou_plus_owed);
    Ok(())
}

/// `stardesk benefits claim ID`: queued, sent now; waiting when offline; refused exits
/// non-zero with the platform's reason.
pub async fn claim(ctx: &Context, id: String, json: bool) -> Result<(), AppError> {
    ensure_synced(ctx, false).await?;
    ctx.claim_benefit(id.clone()).await?;
    send_now(ctx).await?;
    let card = ctx
        .benefits()
        .await?
        .items
        .into_iter()
        .find(|b| b.id == id)
        .ok_or_else(|| AppError::new(ErrorCode::Internal, "the benefit went away"))?;
    refusal(card.send_state, &card.send_error)?;
    let out = benefit_json(&card);
    if json {
        print_json(&out)
    } else {
        match card.send_state {
            Some(SendStateCode::Waiting) => {
                println!("{id}: claim queued; it is sent once the platform can be reached")
            }
            _ => println!("{id}: {}", card.status.as_str()),
        }
        Ok(())
    }
}

fn invitation_json(i: &InvitationView) -> Value {
    json!({
        "id": i.id,
        "kind": i.kind.as_str(),
        "task_title": i.task_title,
        "brand": i.brand,
        "price": i.net.price,
        "net": i.net.net,
        "received_at": i.received_at,
        "respond_by": i.respond_by,
        "seconds_left": i.seconds_left,
        "status": i.status.as_str(),
        "answer": i.answer,
        "send_state": i.send_state.map(SendStateCode::as_str),
        "send_error": i.send_error,
    })
}

/// `stardesk invitations [--json]`: pending first, with the acceptance rate.
pub async fn invitations(ctx: &Context, refresh: bool, json: bool) -> Result<(), AppError> {
    ensure_synced(ctx, refresh).await?;
    let v = ctx.invitations().await?;
    let a = &v.acceptance;
    if json {
        let items: Vec<Value> = v.items.iter().map(invitation_json).collect();
        return print_json(&json!({
            "items": items,
            "acceptance": {
                "accepted": a.accepted, "total": a.total, "rate": a.rate,
                "below_floor": a.below_floor, "after_decline": a.after_decline,
                "declines_left": a.declines_left, "floor": a.floor,
            },
        }));
    }
    println!(
        "acceptance: {}% ({} of {}; floor {}%; after one more decline {}%)",
        a.rate, a.accepted, a.total, a.floor, a.after_decline
    );
    for i in &v.items {
        let left = match (i.status, i.seconds_left) {
            (InvitationStatusCode::Pending, Some(s)) => format!(", {}:{:02} left", s / 60, s % 60),
            _ => String::new(),
        };
        println!(
            "{:20} {:8} {:8} ¥{} → ¥{}  {} · {}{left}",
            i.id,
            i.kind.as_str(),
            i.status.as_str(),
            i.net.price,
            i.net.net,
            i.brand,
            i.task_title
        );
    }
    Ok(())
}

/// `stardesk invitations accept|decline ID`.
pub async fn answer(ctx: &Context, action: InvitationsAction, json: bool) -> Result<(), AppError> {
    let (id, accept) = match action {
        InvitationsAction::Accept { id } => (id, true),
        InvitationsAction::Decline { id } => (id, false),
    };
    // The hour matters: answer from what the platform says now.
    ensure_synced(ctx, true).await?;
    ctx.answer_invitation(id.clone(), accept).await?;
    send_now(ctx).await?;
    let inv = ctx
        .invitations()
        .await?
        .items
        .into_iter()
        .find(|i| i.id == id)
        .ok_or_else(|| AppError::new(ErrorCode::Internal, "the invitation went away"))?;
    refusal(inv.send_state, &inv.send_error)?;
    if json {
        print_json(&invitation_json(&inv))
    } else {
        match inv.send_state {
            Some(SendStateCode::Waiting) => {
                println!("{id}: answer queued; it is sent once the platform can be reached")
            }
            _ => println!("{id}: {}", inv.status.as_str()),
        }
        Ok(())
    }
}

/// `stardesk star-index [--days N] [--json]`: the recorded days, oldest first.
pub async fn star_index(
    ctx: &Context,
    days: u32,
    refresh: bool,
    json: bool,
) -> Result<(), AppError> {
    ensure_synced(ctx, refresh).await?;
    let v = ctx.star_index(days).await?;
    if json {
        return print_json(&v);
    }
    for p in &v.points {
        println!(
            "{}  {:6.2}  reach {:6.2}  cooperation {:6.2}  growth {:6.2}  value {:6.2}  seeding {:6.2}",
            p.day, p.index, p.reach, p.cooperation, p.growth, p.value_for_money, p.seeding
        );
    }
    if let Some(c) = &v.change {
        println!("day over day: {:+.2}", c.index);
    }
    Ok(())
}
