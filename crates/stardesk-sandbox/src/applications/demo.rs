//! The demo creator's applications: about fifteen, one or two in every status, each to a
//! real product-review task of the dataset with dates that fit it, so a window is full on
//! the first run.
//!
//! Each is played through the same transitions the sandbox uses later (the creator's
//! actions, the brand's, then the platform's calendar up to `now` with the brand idle), and
//! kept only if it ends in the status it was meant for. The brand's next move is put off to
//! a few hours after `now`, so nothing changes the moment the sandbox starts.

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use stardesk_platform::wire::{
    Address, ApplicationRequest, ApplicationStatus as S, ReviewOutcome, Reward, Shipment, Task,
};

use super::lifecycle::{self, Tracked};
use crate::clock::{beijing_day, plus_days, start_of};
use crate::rng::{application_id, mix64, SplitMix64};

/// What the demo creator sends (its own, true contact: R-REVIEW-12).
fn request(task: &Task, rng: &mut SplitMix64) -> ApplicationRequest {
    let strengths = rng.pick(&[
        "专注好物测评三年，粉丝以25-35岁女性为主，近30天平均播放4.2万，评论区互动活跃。",
        "擅长开箱与长期使用对比，账号内容真实细致，粉丝信任度高，带货转化稳定。",
        "家庭生活类账号，能拍出全家真实使用的场景，画面干净，口播自然。",
    ]);
    let idea = rng.pick(&[
        "以真实痛点开场，做七天使用打卡，前后对比加细节特写，结尾给出适合人群。",
        "开箱+上手体验+一周后复盘三段式，穿插成分或参数讲解，突出核心卖点。",
        "结合日常场景做情景短剧，自然植入产品，评论区置顶购买组件。",
    ]);
    ApplicationRequest {
        task_id: task.id.clone(),
        contact_name: "林小满".into(),
        phone: "13812345678".into(),
        address: Address {
            region_code: "330106".into(),
            province: "浙江省".into(),
            city: "杭州市".into(),
            district: "西湖区".into(),
            detail: "文三路90号东部软件园3号楼502室".into(),
        },
        strengths: strengths.into(),
        idea: idea.into(),
    }
}

/// An instant on a Beijing day.
fn on(day: NaiveDate, hour: i64, minute: i64) -> DateTime<Utc> {
    start_of(day) + TimeDelta::minutes(hour * 60 + minute)
}

/// How far one demo application goes, in the creator's and the brand's steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Steps {
    None,
    Withdraw,
    Pass,
    Select,
    Ship,
    Deliver,
    Content,
    Reject,
    Approve,
}

/// One application the demo wants: its final status, how far it goes, and the day it was
/// made given the task and today (`None` if the task cannot hold it).
struct Goal {
    status: S,
    steps: Steps,
    /// `published_on` of the content, from the application day and today.
    published_on: fn(NaiveDate, NaiveDate, &Task) -> NaiveDate,
    applied_on: fn(&Task, NaiveDate) -> Option<NaiveDate>,
    /// A task the goal prefers, tried before the others.
    prefers: fn(&Task) -> bool,
}

/// The application day `days_ago` before today (or the window's last day if earlier),
/// within the window, and not before `earliest` days ago.
fn within(task: &Task, today: NaiveDate, days_ago: i64, earliest: i64) -> Option<NaiveDate> {
    let day = plus_days(today, -days_ago).min(task.apply_end);
    (day >= task.apply_start && day >= plus_days(today, -earliest)).then_some(day)
}

/// A day a week before the upload deadline (or the window's last day), for the goals whose
/// campaign is over.
fn before_deadline(task: &Task) -> Option<NaiveDate> {
    let day = plus_days(task.upload_deadline, -7).min(task.apply_end);
    (day >= task.apply_start).then_some(day)
}

fn deadline_ahead(task: &Task, today: NaiveDate, days: i64) -> bool {
    task.upload_deadline >= plus_days(today, days)
}

fn any_task(_: &Task) -> bool {
    true
}

fn five_days_on(applied_on: NaiveDate, _: NaiveDate, _: &Task) -> NaiveDate {
    plus_days(applied_on, 5)
}

/// The goals; those that need the rarest tasks (campaigns already over) first, so a
/// commoner goal never takes the only task that could hold one of them.
const GOALS: &[Goal] = &[
    // R-REVIEW-9: on the list, inside the 3 days of publicity.
    Goal {
        status: S::RewardListed,
        steps: Steps::Approve,
        published_on: five_days_on,
        applied_on: |t, today| {
            let listed = plus_days(lifecycle::cooperation_ends(t), 1);
            before_deadline(t).filter(|_| listed <= today && today < plus_days(listed, 3))
        },
        prefers: lifecycle::pays_cash,
    },
    Goal {
        status: S::RewardPaid,
        steps: Steps::Approve,
        published_on: five_days_on,
        applied_on: |t, today| {
            let paid = plus_days(lifecycle::cooperation_ends(t), 4);
            before_deadline(t).filter(|_| paid <= today)
        },
        prefers: lifecycle::pays_cash,
    },
    // R-REVIEW-8: cooperation over, sample only.
    Goal {
        status: S::Completed,
        steps: Steps::Approve,
        published_on: five_days_on,
        applied_on: |t, today| {
            before_deadline(t).filter(|_| lifecycle::cooperation_ends(t) < today)
        },
        prefers: |t| matches!(t.reward, Reward::SampleOnly),
    },
    // R-REVIEW-13/14: the deadline passed on a rejected version.
    Goal {
        status: S::Failed,
        steps: Steps::Reject,
        published_on: five_days_on,
        applied_on: |t, today| before_deadline(t).filter(|_| t.upload_deadline < today),
        prefers: any_task,
    },
    Goal {
        status: S::Submitted,
        steps: Steps::None,
        published_on: five_days_on,
        applied_on: |t, today| within(t, today, 1, 3),
        prefers: any_task,
    },
    Goal {
        status: S::Submitted,
        steps: Steps::None,
        published_on: five_days_on,
        applied_on: |t, today| within(t, today, 6, 12),
        prefers: any_task,
    },
    Goal {
        status: S::Withdrawn,
        steps: Steps::Withdraw,
        published_on: five_days_on,
        applied_on: |t, today| within(t, today, 4, 60),
        prefers: any_task,
    },
    Goal {
        status: S::NotSelected,
        steps: Steps::Pass,
        published_on: five_days_on,
        applied_on: |t, today| within(t, today, 5, 60),
        prefers: any_task,
    },
    // R-REVIEW-3: 14 days went by.
    Goal {
        status: S::NotSelected,
        steps: Steps::None,
        published_on: five_days_on,
        applied_on: |t, today| within(t, today, 16, 60),
        prefers: any_task,
    },
    Goal {
        status: S::Selected,
        steps: Steps::Select,
        published_on: five_days_on,
        applied_on: |t, today| within(t, today, 2, 60).filter(|_| deadline_ahead(t, today, 5)),
        prefers: any_task,
    },
    Goal {
        status: S::Shipped,
        steps: Steps::Ship,
        published_on: five_days_on,
        applied_on: |t, today| within(t, today, 3, 60).filter(|_| deadline_ahead(t, today, 5)),
        prefers: any_task,
    },
    Goal {
        status: S::Delivered,
        steps: Steps::Deliver,
        published_on: five_days_on,
        applied_on: |t, today| within(t, today, 5, 60).filter(|_| deadline_ahead(t, today, 5)),
        prefers: any_task,
    },
    Goal {
        status: S::ContentSubmitted,
        steps: Steps::Content,
        published_on: five_days_on,
        applied_on: |t, today| within(t, today, 6, 60).filter(|_| deadline_ahead(t, today, 3)),
        prefers: any_task,
    },
    // R-REVIEW-14: rejected with a reason, to be revised.
    Goal {
        status: S::ContentRejected,
        steps: Steps::Reject,
        published_on: five_days_on,
        applied_on: |t, today| within(t, today, 7, 60).filter(|_| deadline_ahead(t, today, 3)),
        prefers: any_task,
    },
    // Approved, to go public in two days.
    Goal {
        status: S::ContentApproved,
        steps: Steps::Approve,
        published_on: |_, today, t| plus_days(today, 2).min(t.upload_deadline),
        applied_on: |t, today| within(t, today, 7, 60).filter(|_| deadline_ahead(t, today, 2)),
        prefers: any_task,
    },
    Goal {
        status: S::Published,
        steps: Steps::Approve,
        published_on: five_days_on,
        applied_on: |t, today| {
            within(t, today, 7, 60).filter(|_| lifecycle::cooperation_ends(t) >= today)
        },
        prefers: any_task,
    },
];

/// Plays one goal through on `task`: `Some` if it ends in the goal's status.
fn play(goal: &Goal, task: &Task, id: String, seed: u64, now: DateTime<Utc>) -> Option<Tracked> {
    let today = beijing_day(now);
    let a = (goal.applied_on)(task, today)?;
    let mut rng = SplitMix64::new(seed ^ mix64(id.parse::<u64>().unwrap_or(0)));
    let mut t =
        lifecycle::new_application(id, &request(task, &mut rng), on(a, 9, rng.range(0, 59)));
    let day = |n| plus_days(a, n);
    let steps = goal.steps;
    let ok = match steps {
        Steps::Withdraw => lifecycle::withdraw(&mut t, on(day(1), 9, 30)).is_ok(),
        Steps::Pass => lifecycle::pass(&mut t, on(day(3), 11, 5)).is_ok(),
        Steps::None => true,
        _ => lifecycle::select(&mut t, on(day(1), 11, 20)).is_ok(),
    };
    if !ok {
        return None;
    }
    if steps >= Steps::Ship {
        let (carrier, tracking_no) = lifecycle::parcel(seed, &t.app.id);
        let shipment = Shipment {
            carrier,
            tracking_no,
            shipped_at: day(2),
        };
        lifecycle::ship(&mut t, shipment).ok()?;
    }
    if steps >= Steps::Deliver {
        lifecycle::deliver(&mut t, on(day(4), 10, 42)).ok()?;
        lifecycle::report_receipt(&mut t, true, None, on(day(4), 20, 3)).ok()?;
    }
    if steps >= Steps::Content {
        let url = format!(
            "https://www.douyin.com/video/74{:017}",
            rng.below(10u64.pow(17))
        );
        let published_on = (goal.published_on)(a, today, task);
        lifecycle::report_content(&mut t, task, &url, published_on, on(day(5), 20, 15)).ok()?;
    }
    match steps {
        Steps::Reject => {
            let reason = "未按要求@品牌官方账号，请修改后重新上传".to_owned();
            lifecycle::review(
                &mut t,
                ReviewOutcome::Rejected,
                Some(reason),
                on(day(6), 14, 0),
            )
            .ok()?;
        }
        Steps::Approve => {
            lifecycle::review(&mut t, ReviewOutcome::Approved, None, on(day(6), 14, 0)).ok()?
        }
        _ => {}
    }
    // The platform's calendar up to now, the brand idle; a reward list where one is meant.
    lifecycle::settle(&mut t, task, seed, false, now);
    if matches!(goal.status, S::RewardListed | S::RewardPaid) {
        let listed_on = plus_days(lifecycle::cooperation_ends(task), 1);
        let amount = lifecycle::earned(seed, &t.app.id, task).or(match &task.reward {
            Reward::PlayTiers { tiers } => tiers.first().map(|t| t.amount),
            Reward::Rank { prizes } => prizes.last().map(|p| p.amount),
            Reward::Fixed { amount } => Some(*amount),
            Reward::SampleOnly => None,
        })?;
        lifecycle::list_reward(&mut t, amount, listed_on).ok()?;
        lifecycle::settle(&mut t, task, seed, false, now);
    }
    if t.app.status != goal.status {
        return None;
    }
    // The brand makes its next move a few hours from now at the earliest.
    let later = now + TimeDelta::minutes(rng.range(3 * 60, 48 * 60));
    lifecycle::schedule_brand(&mut t, task, seed, later);
    Some(t)
}

/// When the application last changed, for its `updated_at`.
fn last_event(t: &Tracked, task: &Task, now: DateTime<Utc>) -> DateTime<Utc> {
    let a = &t.app;
    let mut at = vec![a.applied_at];
    at.extend(a.withdrawn_at);
    at.extend(a.selection.as_ref().map(|s| s.decided_at));
    at.extend(a.shipment.as_ref().map(|s| on(s.shipped_at, 15, 0)));
    at.extend(a.delivered_at);
    at.extend(a.receipt.as_ref().map(|r| r.reported_at));
    if let Some(c) = &a.content {
        at.push(c.submitted_at);
        at.extend(c.review.as_ref().map(|r| r.reviewed_at));
    }
    match a.status {
        S::Published => at.extend(a.published_on.map(start_of)),
        S::Failed => at.push(lifecycle::upload_closes(task)),
        S::Completed => at.push(start_of(plus_days(lifecycle::cooperation_ends(task), 1))),
        _ => {}
    }
    if let Some(r) = &a.reward {
        at.push(start_of(r.listed_on));
        at.extend(r.paid_on.map(start_of));
    }
    at.into_iter()
        .filter(|x| *x <= now)
        .max()
        .unwrap_or(a.applied_at)
}

/// The demo applications over `tasks` (the open product-review tasks), each with the
/// instant it last changed and its task. Fewer on a dataset too small to hold them all.
pub(crate) fn applications(
    seed: u64,
    tasks: &[Task],
    now: DateTime<Utc>,
) -> Vec<(Tracked, DateTime<Utc>, Task)> {
    let mut order: Vec<&Task> = tasks.iter().collect();
    order.sort_by_key(|t| mix64(seed ^ t.id.parse::<u64>().unwrap_or(0)));
    let mut used = std::collections::HashSet::new();
    let mut made = Vec::new();
    for goal in GOALS {
        let preferred = order.iter().filter(|t| (goal.prefers)(t));
        let others = order.iter().filter(|t| !(goal.prefers)(t));
        for task in preferred.chain(others) {
            if used.contains(&task.id) {
                continue;
            }
            let id = application_id(seed, made.len() as u64);
            if let Some(t) = play(goal, task, id, seed, now) {
                used.insert(task.id.clone());
                let last = last_event(&t, task, now);
                made.push((t, last, (*task).clone()));
                break;
            }
        }
    }
    made
}
