//! Deterministic task data: the same seed, index and instant always give the same task.
//!
//! Each task draws from its own stream derived from `(seed, index)`, so generating task
//! 70,000 does not depend on tasks 0..70,000 and tasks added later by the control handle
//! continue the same sequence.

use chrono::{DateTime, Datelike, NaiveDate, TimeDelta, Utc};
use rust_decimal::{Decimal, RoundingStrategy};
use stardesk_platform::wire::{
    Category, ContentForm, PlayTier, RankPrize, Reward, SettlementMode, Task,
};

use crate::catalog::{self, Industry, INDUSTRIES};
use crate::clock::beijing_day;
use crate::rng::{mix64, task_id, SplitMix64};

/// Initial tasks were last updated within this many days before `now`.
const UPDATE_SPAN_DAYS: i64 = 60;

/// `updated_at` of the `index`-th of `total` initial tasks: spread over the last 60 days and
/// non-decreasing in index, so the feed's rev order and updated_at order agree (as they do on
/// a real change feed) and `updated_since` cuts the feed at one point.
pub(crate) fn initial_updated_at(
    seed: u64,
    now: DateTime<Utc>,
    index: u64,
    total: u64,
) -> DateTime<Utc> {
    let now_ms = now.timestamp_millis();
    let span_ms = UPDATE_SPAN_DAYS * 86_400_000;
    let slot = (span_ms / total.max(1) as i64).max(1);
    let mut rng = SplitMix64::new(seed ^ mix64(index ^ 0x0DA7_E000));
    let ms = now_ms - span_ms + index as i64 * slot + rng.below(slot as u64) as i64;
    // Whole seconds: the platform's timestamps carry no sub-second part. Flooring keeps the
    // order.
    let ms = ms - ms.rem_euclid(1000);
    DateTime::from_timestamp_millis(ms.min(now_ms)).unwrap_or(now)
}

fn shift(date: NaiveDate, days: i64) -> NaiveDate {
    date.checked_add_signed(TimeDelta::days(days))
        .unwrap_or(date)
}

fn category_of(rng: &mut SplitMix64) -> (Category, Option<SettlementMode>) {
    match rng.weighted(&[35, 35, 15, 15]) {
        0 => (Category::Submission, None),
        1 => {
            let mode = if rng.chance(60) {
                SettlementMode::ProductReview
            } else {
                SettlementMode::Paid
            };
            (Category::Recruitment, Some(mode))
        }
        2 => (Category::Assigned, None),
        _ => (Category::Preferred, None),
    }
}

fn industry_of(rng: &mut SplitMix64, needs_sample: bool) -> usize {
    let weights: Vec<u32> = INDUSTRIES
        .iter()
        .map(|i| {
            if needs_sample && i.sample_price.is_none() {
                0
            } else {
                i.weight
            }
        })
        .collect();
    rng.weighted(&weights)
}

/// A fee in yuan between `lo` and `hi` (multiples of 100), rounded the way briefs are
/// written: to 10 yuan, to 100 above ¥10,000, sometimes a lucky 88, sometimes with fen.
fn fee(rng: &mut SplitMix64, lo: i64, hi: i64) -> Decimal {
    let mut y = rng.low_range(lo, hi);
    y = if y >= 10_000 {
        y / 100 * 100
    } else {
        y / 10 * 10
    };
    if rng.chance(15) {
        y = (y / 100 * 100 + 88).min(hi);
    }
    if y < hi && rng.chance(20) {
        let fen = rng.pick(&[50, 80, 20, 90, 60]);
        return Decimal::new(y * 100 + fen, 2);
    }
    Decimal::from(y)
}

/// A retail price ending in 9 (¥89, ¥299, sometimes ¥89.90), as samples are priced.
fn sample_price(rng: &mut SplitMix64, lo: i64, hi: i64) -> Decimal {
    let y = (rng.low_range(lo, hi) / 10 * 10 + 9).clamp(lo, hi);
    if rng.chance(30) && y < hi {
        Decimal::new(y * 100 + 90, 2)
    } else {
        Decimal::from(y)
    }
}

/// R-REVIEW-5: tiers shaped like the rule's example (5,000 / 10,000 / 100,000 → ¥100 /
/// ¥500 / ¥1,000), varied per campaign because the numbers are the campaign's data.
fn play_tiers(rng: &mut SplitMix64) -> Reward {
    let t1: u64 = rng.pick(&[3_000, 5_000, 5_000, 8_000, 10_000]);
    let t2 = t1 * rng.pick(&[2, 2, 4, 5]);
    let t3 = (t2 * rng.pick(&[5, 10, 10])).max(50_000);
    let a1: i64 = rng.pick(&[50, 80, 100, 100, 150, 200]);
    let a2 = a1 * rng.pick(&[3, 5, 5]);
    let a3 = a2 * 2;
    let tier = |above: u64, up_to: Option<u64>, amount: i64| PlayTier {
        above,
        up_to,
        amount: Decimal::from(amount),
    };
    let tiers = match rng.weighted(&[20, 65, 15]) {
        0 => vec![tier(t1, Some(t2), a1), tier(t2, None, a2)],
        1 => vec![
            tier(t1, Some(t2), a1),
            tier(t2, Some(t3), a2),
            tier(t3, None, a3),
        ],
        _ => {
            let t4 = t3 * 5;
            vec![
                tier(t1, Some(t2), a1),
                tier(t2, Some(t3), a2),
                tier(t3, Some(t4), a3),
                tier(t4, None, a3 * 2),
            ]
        }
    };
    Reward::PlayTiers { tiers }
}

/// R-REVIEW-6: prizes shaped like the rule's example (1 → ¥2,000; 2–3 → ¥500; 4–6 → ¥200).
fn rank_prizes(rng: &mut SplitMix64) -> Reward {
    let first: i64 = rng.pick(&[1_000, 1_500, 2_000, 2_000, 3_000, 5_000]);
    let second_to: u32 = rng.pick(&[3, 3, 5]);
    // Prizes are round: multiples of ¥50.
    let second = first / rng.pick(&[4, 4, 5]) / 50 * 50;
    let mut prizes = vec![
        RankPrize {
            from: 1,
            to: 1,
            amount: Decimal::from(first),
        },
        RankPrize {
            from: 2,
            to: second_to,
            amount: Decimal::from(second),
        },
    ];
    if rng.chance(70) {
        prizes.push(RankPrize {
            from: second_to + 1,
            to: second_to + rng.pick(&[3, 3, 5]),
            amount: Decimal::from((second * 2 / 5 / 50 * 50).max(50)),
        });
    }
    Reward::Rank { prizes }
}

fn reward_of(rng: &mut SplitMix64, category: Category, review: bool) -> Reward {
    if review {
        return match rng.weighted(&[35, 40, 25]) {
            0 => Reward::SampleOnly,
            1 => play_tiers(rng),
            _ => rank_prizes(rng),
        };
    }
    match category {
        Category::Submission if rng.chance(25) => play_tiers(rng),
        Category::Submission => Reward::Fixed {
            amount: fee(rng, 200, 3_000),
        },
        Category::Recruitment => Reward::Fixed {
            amount: fee(rng, 500, 20_000),
        },
        Category::Assigned => Reward::Fixed {
            amount: fee(rng, 2_000, 80_000),
        },
        Category::Preferred => Reward::Fixed {
            amount: fee(rng, 1_000, 50_000),
        },
    }
}

fn requirements(rng: &mut SplitMix64, form: ContentForm, review: bool, brand: &str) -> Vec<String> {
    let mut pool: Vec<&str> = catalog::COMMON_REQUIREMENTS.to_vec();
    if form != ContentForm::Picture {
        pool.extend_from_slice(catalog::SPOKEN_REQUIREMENTS);
    }
    pool.extend_from_slice(match form {
        ContentForm::Video => catalog::VIDEO_REQUIREMENTS,
        ContentForm::Live => catalog::LIVE_REQUIREMENTS,
        ContentForm::Picture => catalog::PICTURE_REQUIREMENTS,
    });
    if review {
        pool.extend_from_slice(catalog::REVIEW_REQUIREMENTS);
    }
    let n = rng.range(1, 4) as usize;
    // Partial Fisher–Yates: n distinct requirements.
    for i in 0..n {
        let j = i + rng.index(pool.len() - i);
        pool.swap(i, j);
    }
    pool[..n].iter().map(|r| r.replace("{b}", brand)).collect()
}

fn month_day(date: NaiveDate) -> String {
    format!("{}月{}日", date.month(), date.day())
}

struct DescriptionParts<'a> {
    industry: &'a Industry,
    brand: &'a str,
    product: &'a str,
    category: Category,
    review: bool,
    sample_value: Option<Decimal>,
    ship_by: Option<NaiveDate>,
}

fn description(rng: &mut SplitMix64, p: &DescriptionParts<'_>) -> String {
    let points = p.industry.selling_points;
    let i = rng.index(points.len());
    let j = (i + 1 + rng.index(points.len() - 1)) % points.len();
    let mut text = format!(
        "{}是专注{}领域的新锐品牌，本次主推{}，主打{}、{}。",
        p.brand, p.industry.name, p.product, points[i], points[j]
    );
    let second = if p.review {
        match (p.sample_value, p.ship_by) {
            (Some(value), Some(ship_by)) => format!(
                "入选达人将免费获得价值{value}元的{}样品，品牌方承诺于{}前寄出。",
                p.product,
                month_day(ship_by)
            ),
            _ => format!("入选达人将免费获得{}样品。", p.product),
        }
    } else {
        match p.category {
            Category::Submission => "欢迎各类达人投稿，内容通过审核后即可参与结算。".into(),
            Category::Recruitment => {
                format!("希望达人结合自身风格，真实展现{}的使用场景。", p.product)
            }
            Category::Assigned => "本任务为指派合作，接单后请与品牌方确认拍摄脚本与档期。".into(),
            // R-PREF-4: a preferred dispatch must be accepted within one hour.
            Category::Preferred => "本单为优选订单，派单后请在1小时内确认接单。".into(),
        }
    };
    text.push_str(&second);
    if rng.chance(60) {
        text.push_str(rng.pick(catalog::CLOSING_SENTENCES));
    }
    if p.review && rng.chance(50) {
        // R-REVIEW-3 and R-REVIEW-4, as briefs actually state them.
        text.push_str(rng.pick(&[
            "报名后14天内未被选中即视为未入选。",
            "收货信息仅用于本次样品寄送，使用后将被删除。",
        ]));
    }
    text
}

/// What kind of task to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    /// Any task, as the task hall mixes them.
    Any,
    /// A product-review recruitment (R-REVIEW-1) taking applications today, with free
    /// slots: what a test that applies many times needs.
    OpenReview,
}

/// The `index`-th task of the dataset for `seed`, with dates around `now`.
pub(crate) fn make_task(
    seed: u64,
    index: u64,
    now: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    shape: Shape,
) -> Task {
    let mut rng = SplitMix64::new(seed ^ mix64(index.wrapping_add(0x5EED_0000_0000)));
    let today = beijing_day(now);

    let (category, settlement_mode) = match shape {
        Shape::Any => category_of(&mut rng),
        Shape::OpenReview => (Category::Recruitment, Some(SettlementMode::ProductReview)),
    };
    let review = settlement_mode == Some(SettlementMode::ProductReview);
    let industry_index = industry_of(&mut rng, review);
    let industry = &INDUSTRIES[industry_index];
    let product = rng.pick(industry.products);
    let brands = &catalog::brands()[industry_index];
    let brand = brands[rng.index(brands.len())].clone();

    let template = rng.pick(catalog::title_templates(category, settlement_mode));
    let content_form = template
        .form
        .unwrap_or_else(|| match rng.weighted(&[75, 10, 15]) {
            0 => ContentForm::Video,
            1 => ContentForm::Live,
            _ => ContentForm::Picture,
        });
    let title = template
        .pattern
        .replace("{b}", &brand)
        .replace("{p}", product);

    let reward = reward_of(&mut rng, category, review);
    let sample_value = match (review, industry.sample_price) {
        (true, Some((lo, hi))) => Some(sample_price(&mut rng, lo, hi)),
        _ => None,
    };

    // Windows in the past, the present and the future, as a live task hall has.
    let (apply_start, apply_end) = match shape {
        Shape::Any => {
            let start = shift(today, rng.range(-40, 20));
            (start, shift(start, rng.range(5, 30)))
        }
        Shape::OpenReview => (
            shift(today, -rng.range(0, 5)),
            shift(today, rng.range(5, 20)),
        ),
    };
    let gap = if review {
        rng.range(18, 45)
    } else {
        rng.range(7, 40)
    };
    let upload_deadline = shift(apply_end, gap);
    let ship_by = review.then(|| {
        // R-REVIEW-10: most clients ship 15+ days before the upload deadline; a quarter
        // promise later, which the rule makes their fault. Either way ≥ 3 days before.
        let after_apply = if rng.chance(75) {
            rng.range(1, gap - 15)
        } else {
            rng.range(gap - 14, gap - 3)
        };
        shift(apply_end, after_apply)
    });

    let retention_days = [7, 15, 30, 60, 90][rng.weighted(&[10, 30, 35, 15, 10])];
    let (min_followers, max_followers) = match (category, review) {
        // R-REVIEW-11: review campaigns target 10,000–500,000 followers.
        (_, true) => (
            [10_000, 50_000, 1_000, 100_000][rng.weighted(&[55, 25, 10, 10])],
            rng.chance(75).then_some(500_000),
        ),
        (Category::Submission, _) => (
            [0, 1_000, 10_000][rng.weighted(&[40, 35, 25])],
            rng.chance(10).then_some(100_000),
        ),
        (Category::Recruitment, _) => (rng.pick(&[10_000, 50_000, 100_000]), None),
        (Category::Assigned, _) => (rng.pick(&[50_000, 100_000, 300_000]), None),
        (Category::Preferred, _) => (rng.pick(&[50_000, 100_000, 100_000, 300_000]), None),
    };
    let slots_wanted = match (category, review) {
        (_, true) => rng.low_range(5, 200),
        (Category::Submission, _) => rng.range(50, 200),
        (Category::Recruitment, _) => rng.low_range(3, 50),
        (Category::Assigned, _) => rng.range(1, 5),
        (Category::Preferred, _) => rng.low_range(1, 20),
    } as u32;
    let slots_taken = match shape {
        Shape::Any if rng.chance(10) => slots_wanted,
        Shape::Any => rng.low_range(0, i64::from(slots_wanted)) as u32,
        Shape::OpenReview => rng.low_range(0, i64::from(slots_wanted) - 1) as u32,
    };

    let requirements = requirements(&mut rng, content_form, review, &brand);
    let description = description(
        &mut rng,
        &DescriptionParts {
            industry,
            brand: &brand,
            product,
            category,
            review,
            sample_value,
            ship_by,
        },
    );

    Task {
        id: task_id(seed, index),
        title,
        brand,
        category,
        settlement_mode,
        industry: industry.name.to_owned(),
        content_form,
        reward,
        sample_value,
        apply_start,
        apply_end,
        ship_by,
        upload_deadline,
        retention_days,
        min_followers,
        max_followers,
        slots_wanted,
        slots_taken,
        requirements,
        description,
        updated_at,
    }
}

/// Money as briefs write it: rounded 四舍五入 to the fen, no trailing ".00".
fn tidy(amount: Decimal) -> Decimal {
    let mut rounded = amount.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    if rounded.fract().is_zero() {
        rounded = rounded.trunc();
        rounded.rescale(0);
    } else {
        rounded.rescale(2);
    }
    rounded
}

const URGENT: &str = "（加急）";

fn add_slots(task: &mut Task, rng: &mut SplitMix64) {
    let more = rng.range(1, 3) as u32;
    if task.slots_taken + more > task.slots_wanted {
        // A full campaign that takes more creators opens extra slots (名额追加).
        task.slots_wanted += more.max(5);
    }
    task.slots_taken += more;
}

/// A visible change to an open task: the content always differs afterwards, not only
/// `updated_at`.
pub(crate) fn modify_task(task: &mut Task, rng: &mut SplitMix64, stamp: DateTime<Utc>) {
    match rng.below(3) {
        0 => add_slots(task, rng),
        1 if !task.title.ends_with(URGENT) => task.title.push_str(URGENT),
        2 => match &mut task.reward {
            // Clients raise a reward by 10%, rounded 四舍五入 to the fen.
            Reward::Fixed { amount } => *amount = tidy(*amount * Decimal::new(11, 1)),
            Reward::PlayTiers { tiers } => {
                for tier in tiers {
                    tier.amount += Decimal::from(50);
                }
            }
            Reward::Rank { prizes } => {
                for prize in prizes.iter_mut().take(1) {
                    prize.amount += Decimal::from(500);
                }
            }
            Reward::SampleOnly => add_slots(task, rng),
        },
        _ => add_slots(task, rng),
    }
    task.updated_at = stamp;
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-11-22T04:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn same_inputs_same_task() {
        let a = make_task(1, 17, now(), now(), Shape::Any);
        let b = make_task(1, 17, now(), now(), Shape::Any);
        assert_eq!(a, b);
        assert_ne!(a, make_task(2, 17, now(), now(), Shape::Any));
    }

    /// R-REVIEW-2 / R-REVIEW-10: every task's dates are ordered the way a brief states them.
    #[test]
    fn dates_and_slots_are_consistent() {
        let mut late_shipping = 0;
        for i in 0..5_000 {
            let t = make_task(20261122, i, now(), now(), Shape::Any);
            assert!(t.apply_start < t.apply_end, "{t:?}");
            assert!(t.apply_end < t.upload_deadline, "{t:?}");
            assert!(t.slots_taken <= t.slots_wanted && (1..=200).contains(&t.slots_wanted));
            assert!((1..=4).contains(&t.requirements.len()));
            let review = t.settlement_mode == Some(SettlementMode::ProductReview);
            assert_eq!(review, t.sample_value.is_some());
            assert_eq!(review, t.ship_by.is_some());
            assert_eq!(
                t.settlement_mode.is_some(),
                t.category == Category::Recruitment
            );
            if let Some(ship_by) = t.ship_by {
                let before = (t.upload_deadline - ship_by).num_days();
                assert!(before >= 3, "{t:?}");
                assert!(ship_by > t.apply_end);
                if before < 15 {
                    late_shipping += 1;
                }
            }
            if let Some(v) = t.sample_value {
                assert!(v >= Decimal::from(39) && v <= Decimal::from(2999), "{v}");
            }
            if let Reward::Fixed { amount } = &t.reward {
                assert!(*amount >= Decimal::from(200) && *amount <= Decimal::from(80_000));
                assert!(amount.scale() == 0 || amount.scale() == 2);
            }
            if let Reward::PlayTiers { tiers } = &t.reward {
                for pair in tiers.windows(2) {
                    assert_eq!(pair[0].up_to, Some(pair[1].above));
                    assert!(pair[0].amount < pair[1].amount);
                }
                assert_eq!(tiers.last().unwrap().up_to, None);
            }
            if let Reward::Rank { prizes } = &t.reward {
                for pair in prizes.windows(2) {
                    assert_eq!(pair[0].to + 1, pair[1].from);
                    assert!(pair[0].amount > pair[1].amount);
                }
            }
        }
        assert!(
            late_shipping > 0,
            "some campaigns should break the 15-day rule"
        );
    }

    #[test]
    fn initial_timestamps_are_monotonic_and_recent() {
        let total = 10_000;
        let mut prev = DateTime::<Utc>::MIN_UTC;
        for i in 0..total {
            let t = initial_updated_at(5, now(), i, total);
            assert!(t >= prev && t <= now());
            assert!(now() - t <= TimeDelta::days(60));
            assert_eq!(t.timestamp_subsec_nanos(), 0);
            prev = t;
        }
    }

    #[test]
    fn modification_is_visible() {
        let mut rng = SplitMix64::new(3);
        for i in 0..500 {
            let before = make_task(9, i, now(), now(), Shape::Any);
            let mut after = before.clone();
            modify_task(&mut after, &mut rng, now());
            after.updated_at = before.updated_at;
            assert_ne!(before, after);
            assert!(after.slots_taken <= after.slots_wanted);
        }
    }

    #[test]
    fn open_review_tasks_take_applications_today() {
        for i in 0..500 {
            let t = make_task(4, i, now(), now(), Shape::OpenReview);
            let today = beijing_day(now());
            assert_eq!(t.settlement_mode, Some(SettlementMode::ProductReview));
            assert!(t.apply_start <= today && today <= t.apply_end, "{t:?}");
            assert!(t.slots_taken < t.slots_wanted, "{t:?}");
            assert!(t.ship_by.is_some() && t.sample_value.is_some());
        }
    }

    #[test]
    fn tidy_rounds_half_away_from_zero() {
        assert_eq!(tidy(Decimal::new(1_417_350, 3)).to_string(), "1417.35");
        assert_eq!(tidy(Decimal::new(25, 3)).to_string(), "0.03");
        assert_eq!(tidy(Decimal::new(13_200, 1)).to_string(), "1320");
        assert_eq!(tidy(Decimal::new(13, 1)).to_string(), "1.30");
    }

    #[test]
    fn titles_vary_and_mention_face_cream() {
        let titles: Vec<String> = (0..3000)
            .map(|i| make_task(20261122, i, now(), now(), Shape::Any).title)
            .collect();
        let distinct: HashSet<&String> = titles.iter().collect();
        assert!(distinct.len() > 2000);
        assert!(titles.iter().filter(|t| t.contains("面霜")).count() >= 50);
    }
}
