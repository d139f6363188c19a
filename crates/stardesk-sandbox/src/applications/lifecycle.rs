//! The life of one application, as pure functions of the application, its task, the seed
//! and the sandbox's clock: the creator's actions, the brand's, and what the platform's
//! calendar does on its own (DOMAIN "the campaign timeline": calendar days, Beijing time).
//!
//! The brand's behaviour is a plan drawn from `(seed, application id)`, so the same
//! application meets the same brand whenever the clock passes its dates: whether and when
//! it selects, how late it ships, which carrier, when the parcel arrives, whether the first
//! version of the content is rejected, whether a reward is listed. The platform's own rules
//! (expiry after 14 days, failure at the deadline, publication, the end of cooperation,
//! payout after publicity) apply whatever the brand does.

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use rust_decimal::Decimal;
use stardesk_platform::wire::{
    Application, ApplicationRequest, ApplicationStatus, ConflictCode, Content, ContentReview,
    FieldError, FieldErrorCode, ListedReward, Receipt, ReviewOutcome, Reward, Selection,
    SelectionOutcome, Shipment, Shipping, Task, CARRIERS,
};

use crate::clock::{beijing_day, plus_days, start_of};
use crate::rng::{mix64, SplitMix64};

/// R-REVIEW-3: the brand may select within 14 days of the application day.
pub(crate) const SELECTION_DAYS: i64 = 14;
/// R-REVIEW-10: shipping after the upload deadline − 15 days is the brand's fault.
const LATE_SHIPPING_DAYS: i64 = 15;
/// R-REVIEW-8: with a cash reward, cooperation lasts 3 days past the upload deadline.
const COOPERATION_EXTRA_DAYS: i64 = 3;
/// R-REVIEW-9: the reward list is public for 3 days, then paid.
const PUBLICITY_DAYS: i64 = 3;

/// Reasons brands give when they reject a first version (R-REVIEW-14).
const REJECTION_REASONS: &[&str] = &[
    "未按要求@品牌官方账号，请修改后重新上传",
    "口播未提及核心卖点，请补充后重新上传",
    "画面中出现竞品露出，请剪除后重新上传",
    "未挂载商品组件，请补充后重新上传",
    "开箱镜头不清晰，请重新拍摄关键画面",
];

/// An application with what the sandbox keeps beside it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Tracked {
    pub(crate) app: Application,
    /// Content reports so far (a brand may reject the first version).
    pub(crate) submissions: u32,
    /// When the brand acts next; `None` when it has nothing left to do.
    pub(crate) brand_due: Option<DateTime<Utc>>,
    /// The parcel will not arrive (returned, refused, cancelled, handed on: a `Control`
    /// parcel incident): the brand's plan no longer delivers it.
    pub(crate) parcel_halted: bool,
}

/// A creator's action refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// 409 with this code.
    Conflict { code: ConflictCode, detail: String },
    /// 422 with these fields.
    Invalid(Vec<FieldError>),
}

/// A brand transition asked of an application in a status that does not allow it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct WrongState(pub(crate) ApplicationStatus);

/// A status's wire name, for messages.
pub(crate) fn status_name(status: ApplicationStatus) -> String {
    serde_json::to_value(status)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

fn conflict(code: ConflictCode, detail: String) -> Refusal {
    Refusal::Conflict { code, detail }
}

/// A task "with a cash reward" (DOMAIN): its scheme pays cash.
pub(crate) fn pays_cash(task: &Task) -> bool {
    !matches!(task.reward, Reward::SampleOnly)
}

/// R-REVIEW-8: the upload deadline, + 3 days with a cash reward.
pub(crate) fn cooperation_ends(task: &Task) -> NaiveDate {
    if pays_cash(task) {
        plus_days(task.upload_deadline, COOPERATION_EXTRA_DAYS)
    } else {
        task.upload_deadline
    }
}

/// R-REVIEW-3: an application not selected by the end of its application day + 14 days
/// has failed; this is that end.
pub(crate) fn selection_ends(app: &Application) -> DateTime<Utc> {
    start_of(plus_days(beijing_day(app.applied_at), SELECTION_DAYS + 1))
}

/// R-REVIEW-13/14: the end of the upload deadline.
pub(crate) fn upload_closes(task: &Task) -> DateTime<Utc> {
    start_of(plus_days(task.upload_deadline, 1))
}

/// A new application as the brand receives it: texts trimmed.
pub(crate) fn new_application(
    id: String,
    request: &ApplicationRequest,
    at: DateTime<Utc>,
) -> Tracked {
    let trim = |s: &str| s.trim().to_owned();
    let a = &request.address;
    Tracked {
        app: Application {
            id,
            task_id: request.task_id.clone(),
            status: ApplicationStatus::Submitted,
            applied_at: at,
            shipping: Shipping {
                contact_name: trim(&request.contact_name),
                phone: trim(&request.phone),
                address: stardesk_platform::wire::Address {
                    region_code: trim(&a.region_code),
                    province: trim(&a.province),
                    city: trim(&a.city),
                    district: trim(&a.district),
                    detail: trim(&a.detail),
                },
            },
            strengths: trim(&request.strengths),
            idea: trim(&request.idea),
            withdrawn_at: None,
            selection: None,
            shipment: None,
            delivered_at: None,
            receipt: None,
            content: None,
            published_on: None,
            reward: None,
            updated_at: at,
        },
        submissions: 0,
        brand_due: None,
        parcel_halted: false,
    }
}

// ---------------------------------------------------------------------------------------
// The brand's plan
// ---------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy)]
enum Draw {
    Decision = 1,
    Ship,
    Carrier,
    Delivery,
    Review,
    Reward,
}

fn plan(seed: u64, id: &str, draw: Draw, round: u64) -> SplitMix64 {
    let id = id.parse::<u64>().unwrap_or_else(|_| mix64(id.len() as u64));
    SplitMix64::new(seed ^ mix64(id ^ ((draw as u64) << 56) ^ (round << 48)))
}

fn minutes(n: i64) -> TimeDelta {
    TimeDelta::minutes(n)
}

/// Whether and when the brand decides (R-REVIEW-3: within the 14 days; some never do).
fn decision(seed: u64, id: &str) -> Option<(TimeDelta, SelectionOutcome)> {
    let mut r = plan(seed, id, Draw::Decision, 0);
    if r.chance(15) {
        return None;
    }
    let after = minutes(r.range(2 * 60, (SELECTION_DAYS - 1) * 24 * 60));
    let outcome = if r.chance(70) {
        SelectionOutcome::Selected
    } else {
        SelectionOutcome::Passed
    };
    Some((after, outcome))
}

/// When the brand ships a sample selected on `selected_on` (R-REVIEW-10): most by the
/// task's ship-by date, some late, some after the upload deadline − 15 days (its fault).
fn ship_at(seed: u64, id: &str, selected_on: NaiveDate, task: &Task) -> DateTime<Utc> {
    let mut r = plan(seed, id, Draw::Ship, 0);
    let deadline = task.upload_deadline;
    let late_after = plus_days(deadline, -LATE_SHIPPING_DAYS);
    let ship_by = task.ship_by.unwrap_or(late_after);
    let first = plus_days(selected_on, 1);
    let (lo, hi) = match r.weighted(&[60, 25, 15]) {
        0 => (first, ship_by),
        1 => (plus_days(ship_by, 1), late_after),
        _ => (
            plus_days(late_after.max(ship_by), 1),
            plus_days(deadline, -2),
        ),
    };
    let lo = lo.max(first);
    let hi = hi.max(lo);
    let day = plus_days(lo, r.range(0, (hi - lo).num_days()));
    start_of(day) + minutes(r.range(10 * 60, 18 * 60))
}

/// The carrier and a tracking number of the shape that carrier uses.
pub(crate) fn parcel(seed: u64, id: &str) -> (String, String) {
    let mut r = plan(seed, id, Draw::Carrier, 0);
    let carrier = r.pick(&CARRIERS);
    let mut digits = |n: usize| -> String {
        (0..n)
            .map(|_| char::from(b'0' + r.below(10) as u8))
            .collect()
    };
    let number = match carrier {
        "shunfeng" => format!("SF{}", digits(13)),
        "zhongtong" => format!("75{}", digits(12)),
        "yuantong" => format!("YT{}", digits(13)),
        "yunda" => format!("43{}", digits(11)),
        "jd" => format!("JDVA{}", digits(11)),
        "ems" => format!("11{}", digits(11)),
        "shentong" => format!("77{}", digits(13)),
        _ => format!("JT{}", digits(13)),
    };
    (carrier.to_owned(), number)
}

/// When the carrier delivers a parcel shipped on `shipped_at`: 1 to 4 days later.
pub(crate) fn delivery_at(seed: u64, id: &str, shipped_at: NaiveDate) -> DateTime<Utc> {
    let mut r = plan(seed, id, Draw::Delivery, 0);
    start_of(shipped_at) + minutes(r.range(30 * 60, 100 * 60))
}

/// When the brand reviews the `round`-th version: within two days, and before the upload
/// deadline ends.
fn review_at(
    seed: u64,
    id: &str,
    round: u32,
    submitted_at: DateTime<Utc>,
    task: &Task,
) -> DateTime<Utc> {
    let mut r = plan(seed, id, Draw::Review, u64::from(round));
    let at = submitted_at + minutes(r.range(2 * 60, 36 * 60));
    at.min(upload_closes(task) - TimeDelta::seconds(1))
        .max(submitted_at)
}

/// The brand's verdict on the `round`-th version: some first versions are rejected once
/// with a reason (R-REVIEW-14); later ones pass.
fn verdict(seed: u64, id: &str, round: u32) -> (ReviewOutcome, Option<String>) {
    let mut r = plan(seed, id, Draw::Review, u64::from(round) | 0x100);
    if round == 1 && r.chance(35) {
        let reason = r.pick(REJECTION_REASONS).to_owned();
        (ReviewOutcome::Rejected, Some(reason))
    } else {
        (ReviewOutcome::Approved, None)
    }
}

/// The reward the valid plays earned, if any (R-REVIEW-5, R-REVIEW-6): one of the task's
/// tiers or prizes, the lower ones more often.
pub(crate) fn earned(seed: u64, id: &str, task: &Task) -> Option<Decimal> {
    let mut r = plan(seed, id, Draw::Reward, 0);
    if !pays_cash(task) || !r.chance(60) {
        return None;
    }
    let amounts: Vec<Decimal> = match &task.reward {
        Reward::Fixed { amount } => vec![*amount],
        Reward::PlayTiers { tiers } => tiers.iter().map(|t| t.amount).collect(),
        Reward::Rank { prizes } => prizes.iter().rev().map(|p| p.amount).collect(),
        Reward::SampleOnly => Vec::new(),
    };
    let n = amounts.len() as i64;
    (n > 0).then(|| amounts[r.low_range(0, n - 1) as usize])
}

// ---------------------------------------------------------------------------------------
// What is due next
// ---------------------------------------------------------------------------------------

/// What the brand does next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BrandAction {
    Decide,
    Ship,
    Deliver,
    Review,
}

/// The brand's earliest pending action and when its plan has it.
fn brand_pending(t: &Tracked, task: &Task, seed: u64) -> Option<(DateTime<Utc>, BrandAction)> {
    use ApplicationStatus as S;
    let a = &t.app;
    let mut pending = Vec::new();
    if a.status == S::Submitted {
        if let Some((after, _)) = decision(seed, &a.id) {
            pending.push((a.applied_at + after, BrandAction::Decide));
        }
    }
    let selected = a
        .selection
        .as_ref()
        .filter(|s| s.outcome == SelectionOutcome::Selected);
    if let (Some(sel), None) = (selected, &a.shipment) {
        if matches!(
            a.status,
            S::Selected | S::ContentSubmitted | S::ContentRejected
        ) {
            let on = beijing_day(sel.decided_at);
            pending.push((ship_at(seed, &a.id, on, task), BrandAction::Ship));
        }
    }
    if let (Some(shipment), None, false) = (&a.shipment, a.delivered_at, t.parcel_halted) {
        if matches!(
            a.status,
            S::Shipped
                | S::ContentSubmitted
                | S::ContentRejected
                | S::ContentApproved
                | S::Published
        ) {
            pending.push((
                delivery_at(seed, &a.id, shipment.shipped_at),
                BrandAction::Deliver,
            ));
        }
    }
    if let Some(content) = &a.content {
        if a.status == S::ContentSubmitted && content.review.is_none() {
            let at = review_at(seed, &a.id, t.submissions, content.submitted_at, task);
            pending.push((at, BrandAction::Review));
        }
    }
    pending.into_iter().min_by_key(|(at, _)| *at)
}

/// Sets when the brand acts next after a change at `floor`: its earliest pending action,
/// never before `floor` (a brand does not act in the past).
pub(crate) fn schedule_brand(t: &mut Tracked, task: &Task, seed: u64, floor: DateTime<Utc>) {
    t.brand_due = brand_pending(t, task, seed).map(|(at, _)| at.max(floor));
}

/// When the platform's calendar next changes this application, whatever the brand does.
pub(crate) fn platform_due(app: &Application, task: &Task) -> Option<DateTime<Utc>> {
    use ApplicationStatus as S;
    match app.status {
        // R-REVIEW-3.
        S::Submitted => Some(selection_ends(app)),
        // R-REVIEW-13, R-REVIEW-14.
        S::Selected | S::Shipped | S::Delivered | S::ContentSubmitted | S::ContentRejected => {
            Some(upload_closes(task))
        }
        // Approved content goes public on its day (R-REVIEW-15 counts from it).
        S::ContentApproved => Some(app.published_on.map_or(upload_closes(task), start_of)),
        // R-REVIEW-8: the cooperation period ends; R-REVIEW-9: the list is made then.
        S::Published => Some(start_of(plus_days(cooperation_ends(task), 1))),
        // R-REVIEW-9: paid after 3 days of publicity.
        S::RewardListed => app
            .reward
            .as_ref()
            .map(|r| start_of(plus_days(r.listed_on, PUBLICITY_DAYS))),
        S::Withdrawn | S::NotSelected | S::Completed | S::Failed | S::RewardPaid => None,
    }
}

/// Applies every change due by `now` in time order (the platform's first on a tie), the
/// brand's only with `autopilot`. Returns whether anything changed.
pub(crate) fn settle(
    t: &mut Tracked,
    task: &Task,
    seed: u64,
    autopilot: bool,
    now: DateTime<Utc>,
) -> bool {
    let mut changed = false;
    // Each step moves the status on or clears a due time; the bound only guards a bug.
    for _ in 0..64 {
        let platform = platform_due(&t.app, task).filter(|at| *at <= now);
        let brand = t.brand_due.filter(|at| autopilot && *at <= now);
        match (platform, brand) {
            (Some(p), b) if b.is_none_or(|b| p <= b) => platform_step(t, task, seed, autopilot, p),
            (_, Some(b)) => brand_step(t, task, seed, b),
            _ => return changed,
        }
        changed = true;
    }
    tracing::error!(id = %t.app.id, "an application did not settle");
    changed
}

fn platform_step(t: &mut Tracked, task: &Task, seed: u64, autopilot: bool, at: DateTime<Utc>) {
    use ApplicationStatus as S;
    match t.app.status {
        S::Submitted => {
            // R-REVIEW-3: 14 days went by.
            t.app.status = S::NotSelected;
            t.app.selection = Some(Selection {
                outcome: SelectionOutcome::Expired,
                decided_at: at,
            });
        }
        // R-REVIEW-13, R-REVIEW-14: no approved content by the deadline.
        S::Selected | S::Shipped | S::Delivered | S::ContentSubmitted | S::ContentRejected => {
            t.app.status = S::Failed;
        }
        S::ContentApproved => t.app.status = S::Published,
        S::Published => {
            // R-REVIEW-9: the list is made as the cooperation period ends (R-REVIEW-8).
            match earned(seed, &t.app.id, task).filter(|_| autopilot) {
                Some(amount) => {
                    t.app.status = S::RewardListed;
                    t.app.reward = Some(ListedReward {
                        amount,
                        listed_on: beijing_day(at),
                        paid_on: None,
                    });
                }
                None => t.app.status = S::Completed,
            }
        }
        S::RewardListed => {
            // R-REVIEW-9: publicity over, paid.
            let _ = pay(t, beijing_day(at));
        }
        S::Withdrawn | S::NotSelected | S::Completed | S::Failed | S::RewardPaid => {}
    }
    schedule_brand(t, task, seed, at);
}

fn brand_step(t: &mut Tracked, task: &Task, seed: u64, at: DateTime<Utc>) {
    let id = t.app.id.clone();
    // The outcome of a transition the plan itself chose cannot be a wrong state.
    let _ = match brand_pending(t, task, seed).map(|(_, action)| action) {
        Some(BrandAction::Decide) => match decision(seed, &id) {
            Some((_, SelectionOutcome::Selected)) => select(t, at),
            _ => pass(t, at),
        },
        Some(BrandAction::Ship) => {
            let (carrier, tracking_no) = parcel(seed, &id);
            ship(
                t,
                Shipment {
                    carrier,
                    tracking_no,
                    shipped_at: beijing_day(at),
                },
            )
        }
        Some(BrandAction::Deliver) => deliver(t, at),
        Some(BrandAction::Review) => {
            let (outcome, reason) = verdict(seed, &id, t.submissions);
            review(t, outcome, reason, at)
        }
        None => Ok(()),
    };
    schedule_brand(t, task, seed, at);
}

// ---------------------------------------------------------------------------------------
// The brand's transitions (also what `Control` forces)
// ---------------------------------------------------------------------------------------

fn decide(t: &mut Tracked, outcome: SelectionOutcome, at: DateTime<Utc>) -> Result<(), WrongState> {
    if t.app.status != ApplicationStatus::Submitted {
        return Err(WrongState(t.app.status));
    }
    t.app.status = if outcome == SelectionOutcome::Selected {
        ApplicationStatus::Selected
    } else {
        ApplicationStatus::NotSelected
    };
    t.app.selection = Some(Selection {
        outcome,
        decided_at: at,
    });
    Ok(())
}

/// The brand chooses this creator (R-REVIEW-3).
pub(crate) fn select(t: &mut Tracked, at: DateTime<Utc>) -> Result<(), WrongState> {
    decide(t, SelectionOutcome::Selected, at)
}

/// The brand passes on this creator (R-REVIEW-3).
pub(crate) fn pass(t: &mut Tracked, at: DateTime<Utc>) -> Result<(), WrongState> {
    decide(t, SelectionOutcome::Passed, at)
}

/// The brand ships the sample (R-REVIEW-10). Content reported before the parcel went out
/// keeps its status; the shipment is recorded beside it.
pub(crate) fn ship(t: &mut Tracked, shipment: Shipment) -> Result<(), WrongState> {
    use ApplicationStatus as S;
    if t.app.shipment.is_some()
        || !matches!(
            t.app.status,
            S::Selected | S::ContentSubmitted | S::ContentRejected
        )
    {
        return Err(WrongState(t.app.status));
    }
    if t.app.status == S::Selected {
        t.app.status = S::Shipped;
    }
    t.app.shipment = Some(shipment);
    Ok(())
}

/// The carrier reports the parcel delivered (R-REVIEW-16).
pub(crate) fn deliver(t: &mut Tracked, at: DateTime<Utc>) -> Result<(), WrongState> {
    use ApplicationStatus as S;
    if t.app.shipment.is_none()
        || t.app.delivered_at.is_some()
        || !matches!(
            t.app.status,
            S::Shipped
                | S::ContentSubmitted
                | S::ContentRejected
                | S::ContentApproved
                | S::Published
        )
    {
        return Err(WrongState(t.app.status));
    }
    if t.app.status == S::Shipped {
        t.app.status = S::Delivered;
    }
    t.app.delivered_at = Some(at);
    Ok(())
}

/// The brand reviews the version waiting for review (R-REVIEW-14 for a rejection).
pub(crate) fn review(
    t: &mut Tracked,
    outcome: ReviewOutcome,
    reason: Option<String>,
    at: DateTime<Utc>,
) -> Result<(), WrongState> {
    let waiting = t.app.status == ApplicationStatus::ContentSubmitted;
    let Some(content) = t.app.content.as_mut().filter(|_| waiting) else {
        return Err(WrongState(t.app.status));
    };
    content.review = Some(ContentReview {
        outcome,
        reason,
        reviewed_at: at,
    });
    t.app.status = match outcome {
        ReviewOutcome::Approved => ApplicationStatus::ContentApproved,
        ReviewOutcome::Rejected => ApplicationStatus::ContentRejected,
    };
    Ok(())
}

/// The reward goes on the public list (R-REVIEW-9): from `published`, or from `completed`
/// when a list comes late.
pub(crate) fn list_reward(
    t: &mut Tracked,
    amount: Decimal,
    listed_on: NaiveDate,
) -> Result<(), WrongState> {
    use ApplicationStatus as S;
    if !matches!(t.app.status, S::Published | S::Completed) {
        return Err(WrongState(t.app.status));
    }
    t.app.status = S::RewardListed;
    t.app.reward = Some(ListedReward {
        amount,
        listed_on,
        paid_on: None,
    });
    Ok(())
}

/// The listed reward is paid (R-REVIEW-9).
pub(crate) fn pay(t: &mut Tracked, paid_on: NaiveDate) -> Result<(), WrongState> {
    let listed = t.app.status == ApplicationStatus::RewardListed;
    let Some(reward) = t.app.reward.as_mut().filter(|_| listed) else {
        return Err(WrongState(t.app.status));
    };
    reward.paid_on = Some(paid_on);
    t.app.status = ApplicationStatus::RewardPaid;
    Ok(())
}

// ---------------------------------------------------------------------------------------
// The creator's actions
// ---------------------------------------------------------------------------------------

/// Takes back an application the brand has not decided on. `Ok(false)`: already withdrawn,
/// nothing changes (a retry after a lost answer).
pub(crate) fn withdraw(t: &mut Tracked, at: DateTime<Utc>) -> Result<bool, Refusal> {
    match t.app.status {
        ApplicationStatus::Submitted => {
            t.app.status = ApplicationStatus::Withdrawn;
            t.app.withdrawn_at = Some(at);
            Ok(true)
        }
        ApplicationStatus::Withdrawn => Ok(false),
        other => Err(conflict(
            ConflictCode::NotWithdrawable,
            format!(
                "application {} is {}; only a submitted one can be withdrawn",
                t.app.id,
                status_name(other)
            ),
        )),
    }
}

/// R-REVIEW-16: the creator reports whether the sample arrived, while it is shipped or
/// delivered. The status keeps following the carrier. `Ok(false)`: the same report again.
pub(crate) fn report_receipt(
    t: &mut Tracked,
    received: bool,
    note: Option<String>,
    at: DateTime<Utc>,
) -> Result<bool, Refusal> {
    use ApplicationStatus as S;
    if t.app.shipment.is_none() {
        return Err(conflict(
            ConflictCode::NotShipped,
            format!(
                "the brand has not shipped a sample for application {}",
                t.app.id
            ),
        ));
    }
    if !matches!(t.app.status, S::Shipped | S::Delivered) {
        return Err(conflict(
            ConflictCode::ReceiptClosed,
            format!(
                "application {} is {}; the receipt can be reported while shipped or delivered",
                t.app.id,
                status_name(t.app.status)
            ),
        ));
    }
    if t.app
        .receipt
        .as_ref()
        .is_some_and(|r| r.received == received && r.note == note)
    {
        return Ok(false);
    }
    t.app.receipt = Some(Receipt {
        received,
        note,
        reported_at: at,
    });
    Ok(true)
}

/// R-REVIEW-13, R-REVIEW-14: the creator reports (or revises) its work until the upload
/// deadline ends. `Ok(false)`: the version under review reported again.
pub(crate) fn report_content(
    t: &mut Tracked,
    task: &Task,
    url: &str,
    published_on: NaiveDate,
    at: DateTime<Utc>,
) -> Result<bool, Refusal> {
    use ApplicationStatus as S;
    let id = &t.app.id;
    match t.app.status {
        S::Submitted | S::Withdrawn | S::NotSelected => {
            return Err(conflict(
                ConflictCode::SelectionRequired,
                format!(
                    "application {id} is {}; content needs a selected application",
                    status_name(t.app.status)
                ),
            ))
        }
        S::Failed => {
            return Err(conflict(
                ConflictCode::UploadClosed,
                format!("the upload deadline {} has passed", task.upload_deadline),
            ))
        }
        S::ContentApproved | S::Published | S::Completed | S::RewardListed | S::RewardPaid => {
            return Err(conflict(
                ConflictCode::AlreadyApproved,
                format!("the content of application {id} was already approved"),
            ))
        }
        S::Selected | S::Shipped | S::Delivered | S::ContentSubmitted | S::ContentRejected => {}
    }
    if at >= upload_closes(task) {
        return Err(conflict(
            ConflictCode::UploadClosed,
            format!("the upload deadline {} has passed", task.upload_deadline),
        ));
    }
    let applied_on = beijing_day(t.app.applied_at);
    let date_error = if published_on < applied_on {
        Some((
            FieldErrorCode::BeforeApplication,
            format!("must be on or after the application day {applied_on}"),
        ))
    } else if published_on > task.upload_deadline {
        Some((
            FieldErrorCode::AfterUploadDeadline,
            format!(
                "must be on or before the upload deadline {}",
                task.upload_deadline
            ),
        ))
    } else {
        None
    };
    if let Some((code, message)) = date_error {
        return Err(Refusal::Invalid(vec![FieldError {
            field: "published_on".into(),
            code,
            message,
        }]));
    }
    let same_under_review = t.app.status == S::ContentSubmitted
        && t.app.published_on == Some(published_on)
        && t.app
            .content
            .as_ref()
            .is_some_and(|c| c.url == url && c.review.is_none());
    if same_under_review {
        return Ok(false);
    }
    t.app.content = Some(Content {
        url: url.to_owned(),
        submitted_at: at,
        review: None,
    });
    t.app.published_on = Some(published_on);
    t.app.status = S::ContentSubmitted;
    t.submissions += 1;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use stardesk_platform::wire::{Address, Category, ContentForm, SettlementMode};

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn task(reward: Reward) -> Task {
        Task {
            id: "7304811520374190123".into(),
            title: "【好物测评】修护面霜".into(),
            brand: "植萃肌研".into(),
            category: Category::Recruitment,
            settlement_mode: Some(SettlementMode::ProductReview),
            industry: "美妆".into(),
            content_form: ContentForm::Video,
            reward,
            sample_value: Some(Decimal::from(299)),
            apply_start: day("2026-11-01"),
            apply_end: day("2026-11-15"),
            ship_by: Some(day("2026-11-20")),
            upload_deadline: day("2026-12-20"),
            retention_days: 30,
            min_followers: 10_000,
            max_followers: Some(500_000),
            slots_wanted: 50,
            slots_taken: 12,
            requirements: vec![],
            description: String::new(),
            updated_at: at("2026-11-01T00:00:00Z"),
        }
    }

    fn cash_task() -> Task {
        task(Reward::Fixed {
            amount: Decimal::from(500),
        })
    }

    fn applied(on: &str) -> Tracked {
        let request = ApplicationRequest {
            task_id: "7304811520374190123".into(),
            contact_name: " 林小满 ".into(),
            phone: "13812345678".into(),
            address: Address {
                region_code: "330106".into(),
                province: "浙江省".into(),
                city: "杭州市".into(),
                district: "西湖区".into(),
                detail: "文三路90号".into(),
            },
            strengths: "专注护肤测评三年，粉丝以女性为主".into(),
            idea: "十四天真实打卡对比，成分讲解".into(),
        };
        new_application("7512094418270034944".into(), &request, at(on))
    }

    /// R-REVIEW-3: not selected by the end of the application day + 14 days (Beijing).
    #[test]
    fn r_review_3_selection_expires_at_the_end_of_the_14th_day() {
        let task = cash_task();
        // 2026-11-03 01:00 Beijing: the application day is 11-03, selection_by 11-17.
        let mut t = applied("2026-11-02T17:00:00Z");
        assert_eq!(
            t.app.shipping.contact_name, "林小满",
            "texts are kept trimmed"
        );
        assert!(!settle(&mut t, &task, 1, false, at("2026-11-17T15:59:59Z")));
        assert_eq!(t.app.status, ApplicationStatus::Submitted);
        assert!(settle(&mut t, &task, 1, false, at("2026-11-17T16:00:00Z")));
        assert_eq!(t.app.status, ApplicationStatus::NotSelected);
        let selection = t.app.selection.unwrap();
        assert_eq!(selection.outcome, SelectionOutcome::Expired);
        assert_eq!(selection.decided_at, at("2026-11-17T16:00:00Z"));
    }

    /// R-REVIEW-13/14 and R-REVIEW-8/9: with the brand idle, the platform's dates alone
    /// fail an application without approved content, and carry an approved one through
    /// publication, the end of cooperation and payout.
    #[test]
    fn the_platform_calendar_fails_publishes_and_pays() {
        let task = cash_task();
        let mut failed = applied("2026-11-03T02:00:00Z");
        select(&mut failed, at("2026-11-05T02:00:00Z")).unwrap();
        settle(&mut failed, &task, 1, false, at("2026-12-20T15:59:59Z"));
        assert_eq!(failed.app.status, ApplicationStatus::Selected);
        settle(&mut failed, &task, 1, false, at("2026-12-20T16:00:00Z"));
        assert_eq!(failed.app.status, ApplicationStatus::Failed);

        let mut t = applied("2026-11-03T02:00:00Z");
        select(&mut t, at("2026-11-05T02:00:00Z")).unwrap();
        let url = "https://www.douyin.com/video/1";
        assert!(report_content(
            &mut t,
            &task,
            url,
            day("2026-12-10"),
            at("2026-12-01T02:00:00Z")
        )
        .unwrap());
        assert!(!report_content(
            &mut t,
            &task,
            url,
            day("2026-12-10"),
            at("2026-12-01T03:00:00Z")
        )
        .unwrap());
        review(
            &mut t,
            ReviewOutcome::Approved,
            None,
            at("2026-12-02T02:00:00Z"),
        )
        .unwrap();
        settle(&mut t, &task, 1, false, at("2026-12-09T15:59:59Z"));
        assert_eq!(t.app.status, ApplicationStatus::ContentApproved);
        settle(&mut t, &task, 1, false, at("2026-12-09T16:00:00Z"));
        assert_eq!(t.app.status, ApplicationStatus::Published);
        // Cash reward: cooperation ends 12-23 (R-REVIEW-8); with the brand idle no reward
        // is listed.
        settle(&mut t, &task, 1, false, at("2026-12-23T15:59:59Z"));
        assert_eq!(t.app.status, ApplicationStatus::Published);
        settle(&mut t, &task, 1, false, at("2026-12-23T16:00:00Z"));
        assert_eq!(t.app.status, ApplicationStatus::Completed);
        list_reward(&mut t, Decimal::from(500), day("2026-12-24")).unwrap();
        settle(&mut t, &task, 1, false, at("2026-12-26T15:59:59Z"));
        assert_eq!(t.app.status, ApplicationStatus::RewardListed);
        settle(&mut t, &task, 1, false, at("2026-12-26T16:00:00Z"));
        assert_eq!(t.app.status, ApplicationStatus::RewardPaid);
        assert_eq!(t.app.reward.unwrap().paid_on, Some(day("2026-12-27")));
    }

    /// R-REVIEW-8: without a cash reward, cooperation ends at the upload deadline.
    #[test]
    fn r_review_8_sample_only_cooperation_ends_at_the_deadline() {
        let task = task(Reward::SampleOnly);
        assert_eq!(cooperation_ends(&task), day("2026-12-20"));
        assert_eq!(cooperation_ends(&cash_task()), day("2026-12-23"));
    }

    #[test]
    fn creator_actions_follow_the_status() {
        let task = cash_task();
        let mut t = applied("2026-11-03T02:00:00Z");
        let code = |r: Result<bool, Refusal>| match r {
            Err(Refusal::Conflict { code, .. }) => code,
            other => panic!("{other:?}"),
        };
        let url = "https://www.douyin.com/video/1";
        let now = at("2026-11-04T02:00:00Z");
        assert_eq!(
            code(report_receipt(&mut t, true, None, now)),
            ConflictCode::NotShipped
        );
        assert_eq!(
            code(report_content(&mut t, &task, url, day("2026-11-10"), now)),
            ConflictCode::SelectionRequired
        );
        select(&mut t, now).unwrap();
        assert_eq!(code(withdraw(&mut t, now)), ConflictCode::NotWithdrawable);
        ship(
            &mut t,
            Shipment {
                carrier: "yuantong".into(),
                tracking_no: "YT1".into(),
                shipped_at: day("2026-11-05"),
            },
        )
        .unwrap();
        assert!(report_receipt(&mut t, false, Some("没收到".into()), now).unwrap());
        assert!(!report_receipt(&mut t, false, Some("没收到".into()), now).unwrap());
        match report_content(&mut t, &task, url, day("2026-11-01"), now) {
            Err(Refusal::Invalid(e)) => assert_eq!(e[0].code, FieldErrorCode::BeforeApplication),
            other => panic!("{other:?}"),
        }
        match report_content(&mut t, &task, url, day("2026-12-21"), now) {
            Err(Refusal::Invalid(e)) => assert_eq!(e[0].code, FieldErrorCode::AfterUploadDeadline),
            other => panic!("{other:?}"),
        }
        report_content(&mut t, &task, url, day("2026-12-01"), now).unwrap();
        assert_eq!(
            code(report_receipt(&mut t, true, None, now)),
            ConflictCode::ReceiptClosed
        );
        review(&mut t, ReviewOutcome::Rejected, Some("重拍".into()), now).unwrap();
        // R-REVIEW-14: a rejected version may be revised until the deadline ends.
        report_content(&mut t, &task, url, day("2026-12-02"), now).unwrap();
        assert_eq!(t.submissions, 2);
        assert_eq!(
            code(report_content(
                &mut t,
                &task,
                url,
                day("2026-12-02"),
                at("2026-12-20T16:00:00Z")
            )),
            ConflictCode::UploadClosed
        );
        review(&mut t, ReviewOutcome::Approved, None, now).unwrap();
        assert_eq!(
            code(report_content(&mut t, &task, url, day("2026-12-02"), now)),
            ConflictCode::AlreadyApproved
        );

        let mut w = applied("2026-11-03T02:00:00Z");
        assert!(withdraw(&mut w, now).unwrap());
        assert!(
            !withdraw(&mut w, now).unwrap(),
            "withdrawing twice changes nothing"
        );
        assert_eq!(w.app.withdrawn_at, Some(now));
    }

    /// The brand's plan: the same seed and application meet the same brand, and over many
    /// applications every kind of behaviour shows up (R-REVIEW-3, R-REVIEW-10, R-REVIEW-14).
    #[test]
    fn the_brand_plan_is_deterministic_and_varied() {
        let task = cash_task();
        let late_after = day("2026-12-05");
        let (mut selected, mut passed, mut expired) = (0, 0, 0);
        let (mut on_time, mut late, mut brand_fault, mut rejected) = (0, 0, 0, 0);
        for i in 0..400u64 {
            let mut run = |seed| {
                let mut t = applied("2026-11-03T02:00:00Z");
                t.app.id = (7_512_094_418_270_034_944u64 + i).to_string();
                let applied_at = t.app.applied_at;
                schedule_brand(&mut t, &task, seed, applied_at);
                let mut now = t.app.applied_at;
                for _ in 0..80 {
                    now += TimeDelta::days(1);
                    settle(&mut t, &task, seed, true, now);
                    let version = match t.app.status {
                        ApplicationStatus::Delivered => "v1",
                        ApplicationStatus::ContentRejected => {
                            rejected += 1;
                            "v2"
                        }
                        _ => continue,
                    };
                    let url = format!("https://www.douyin.com/video/{i}{version}");
                    if report_content(&mut t, &task, &url, beijing_day(now), now).is_ok() {
                        schedule_brand(&mut t, &task, seed, now);
                    }
                }
                t
            };
            let t = run(9);
            let again = run(9);
            assert_eq!(t, again, "same seed, same brand");
            match t.app.selection.as_ref().map(|s| s.outcome) {
                Some(SelectionOutcome::Selected) => selected += 1,
                Some(SelectionOutcome::Passed) => passed += 1,
                Some(SelectionOutcome::Expired) => expired += 1,
                None => panic!("undecided after 80 days: {t:?}"),
            }
            if let Some(s) = &t.app.shipment {
                if s.shipped_at <= task.ship_by.unwrap() {
                    on_time += 1;
                } else if s.shipped_at <= late_after {
                    late += 1;
                } else {
                    brand_fault += 1;
                }
                assert!(s.shipped_at > beijing_day(t.app.selection.as_ref().unwrap().decided_at));
                assert!(CARRIERS.contains(&s.carrier.as_str()));
            }
            if t.app.status == ApplicationStatus::Failed {
                assert!(t.app.content.as_ref().is_none_or(|c| c
                    .review
                    .as_ref()
                    .is_none_or(|r| r.outcome == ReviewOutcome::Rejected)));
            }
        }
        assert!(
            selected > 200 && passed > 50 && expired > 20,
            "{selected}/{passed}/{expired}"
        );
        assert!(
            on_time > 0 && late > 0 && brand_fault > 0,
            "{on_time}/{late}/{brand_fault}"
        );
        assert!(rejected > 0);
    }

    #[test]
    fn tracking_numbers_look_like_their_carrier() {
        for i in 0..200u64 {
            let (carrier, number) = parcel(3, &(7_500_000_000_000_000_000u64 + i).to_string());
            let prefix = match carrier.as_str() {
                "shunfeng" => "SF",
                "yuantong" => "YT",
                "jd" => "JDVA",
                "jtexpress" => "JT",
                _ => "",
            };
            assert!(number.starts_with(prefix), "{carrier} {number}");
            assert!(number.len() >= 13, "{carrier} {number}");
        }
    }
}
