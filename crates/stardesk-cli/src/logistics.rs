//! The logistics commands: `tracking set|clear`, `carrier`, `track`, `shipments`. Their
//! flags and JSON keys are a contract (README, "CLI").

use std::io::Read;

use clap::Subcommand;
use serde_json::{json, Value};
use stardesk_core::ipc::{ParcelDetail, ParcelView, TrackingAccountInput};
use stardesk_core::{AppError, Context};

use crate::print_json;

#[derive(Debug, Subcommand)]
pub enum TrackingAction {
    /// Use a kuaidi100 account: the customer id, the key from stdin (kept in the OS
    /// keychain), and where `/poll/query.do` and `/autonumber/auto` live (default:
    /// kuaidi100's hosts).
    Set {
        #[arg(long)]
        customer: String,
        /// Read the key from stdin (it never goes on the command line).
        #[arg(long, required = true)]
        key_stdin: bool,
        #[arg(long)]
        url: Option<String>,
    },
    /// Forget the kuaidi100 account (the demo sandbox tracks its own parcels again).
    Clear,
}

pub async fn tracking(ctx: &Context, action: TrackingAction) -> Result<(), AppError> {
    let settings = match action {
        TrackingAction::Set { customer, url, .. } => {
            let mut key = String::new();
            std::io::stdin().read_to_string(&mut key).map_err(|e| {
                AppError::invalid_input(format!("cannot read the key from stdin: {e}"))
            })?;
            ctx.set_tracking_account(TrackingAccountInput {
                customer,
                key: key.trim().to_string(),
                url,
            })
            .await?
        }
        TrackingAction::Clear => ctx.clear_tracking_account().await?,
    };
    match (&settings.customer, settings.using_sandbox) {
        (Some(c), _) => eprintln!(
            "tracking with the kuaidi100 account {c} at {}",
            settings.url.as_deref().unwrap_or("kuaidi100's hosts")
        ),
        (None, true) => {
            eprintln!("no tracking account: the embedded sandbox's parcels are tracked")
        }
        (None, false) => eprintln!("no tracking account: parcels wait until one is set"),
    }
    Ok(())
}

/// `stardesk carrier NUMBER --json`: the candidates, best first.
pub async fn carrier(ctx: &Context, number: String, json: bool) -> Result<(), AppError> {
    let found = ctx.guess_carriers(number).await?;
    if json {
        let out: Vec<Value> = found
            .iter()
            .map(|c| json!({"code": c.code, "name": c.name}))
            .collect();
        return print_json(&out);
    }
    if found.is_empty() {
        println!("no carrier fits this number; give --carrier");
    }
    for c in &found {
        println!("{:16} {}", c.code, c.name);
    }
    Ok(())
}

fn track_json(d: &ParcelDetail) -> Value {
    let p = &d.parcel;
    json!({
        "carrier": p.carrier,
        "number": p.tracking_no,
        "state": p.state.map(|s| s.as_str()),
        "state_code": p.state_code,
        "signed": p.signed,
        "events": d.events.iter().map(|e| json!({
            "time": e.time,
            "text": e.text,
            "area": e.area,
        })).collect::<Vec<_>>(),
        "alerts": p.alerts.iter().map(|a| json!({
            "code": a.code.as_str(),
            "message": a.message,
        })).collect::<Vec<_>>(),
    })
}

/// `stardesk track NUMBER [--carrier CODE] [--phone LAST4] [--force] --json`.
pub async fn track(
    ctx: &Context,
    number: String,
    carrier: Option<String>,
    phone: Option<String>,
    force: bool,
    json: bool,
) -> Result<(), AppError> {
    let detail = ctx.track_number(number, carrier, phone, force).await?;
    if json {
        return print_json(&track_json(&detail));
    }
    let p = &detail.parcel;
    println!(
        "{} {}  {}",
        p.carrier_name,
        p.tracking_no,
        p.state.map_or("(not known yet)", |s| s.as_str())
    );
    for a in &p.alerts {
        println!("! {}", a.message);
    }
    for e in &detail.events {
        println!(
            "{}  {}{}",
            e.time,
            e.text,
            e.area
                .as_deref()
                .map(|a| format!("  [{a}]"))
                .unwrap_or_default()
        );
    }
    Ok(())
}

fn shipment_json(p: &ParcelView) -> Value {
    json!({
        "id": p.id,
        "application_id": p.application_id,
        "task_title": p.task_title,
        "leg": p.leg.as_str(),
        "carrier": p.carrier,
        "carrier_name": p.carrier_name,
        "number": p.tracking_no,
        "shipped_on": p.shipped_on,
        "return_due": p.return_due,
        "state": p.state.map(|s| s.as_str()),
        "state_code": p.state_code,
        "signed": p.signed,
        "last_event": p.last_event.as_ref().map(|e| json!({
            "time": e.time, "text": e.text, "area": e.area,
        })),
        "alerts": p.alerts.iter().map(|a| json!({
            "code": a.code.as_str(),
            "message": a.message,
        })).collect::<Vec<_>>(),
        "last_error": p.last_error.as_ref().map(|e| json!({"code": e.code, "message": e.message})),
    })
}

/// `stardesk shipments [--refresh] [--json]`: every tracked parcel, after asking about
/// those due.
pub async fn shipments(ctx: &Context, refresh: bool, json: bool) -> Result<(), AppError> {
    // Asking may fail (offline, no account): what was stored is still listed.
    if let Err(e) = ctx.poll_parcels_now(refresh).await {
        eprintln!("parcels not asked now: {}", e.message);
    }
    let view = ctx.logistics().await?;
    if json {
        let out: Vec<Value> = view.parcels.iter().map(shipment_json).collect();
        return print_json(&out);
    }
    if view.parcels.is_empty() {
        println!("no parcels tracked yet");
    }
    for p in &view.parcels {
        println!(
            "{:4} {:8} {:20} {:18} {}",
            p.id,
            p.carrier,
            p.tracking_no,
            p.state.map_or("-", |s| s.as_str()),
            p.task_title.as_deref().unwrap_or("")
        );
        for a in &p.alerts {
            println!("     ! {}", a.message);
        }
    }
    for w in &view.awaiting {
        for a in &w.alerts {
            println!("     ! {}: {}", w.task_title, a.message);
        }
    }
    Ok(())
}
