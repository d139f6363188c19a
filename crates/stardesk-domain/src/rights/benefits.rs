//! Level benefits (权益, R-LEVEL-4 to R-LEVEL-7) as data: what each level gets, what it is
//! stated to be worth, which benefits arrive on their own and which must be claimed, the
//! guarantee cards' validity, and the DOU+ owed for extra dispatches not sent.

use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;

use crate::earnings::GuaranteeCard;

/// What a benefit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum BenefitKind {
    /// 达人专享身份标签.
    IdentityTag,
    /// 优质投稿任务额外派发: extra submission tasks dispatched per 30 days (R-LEVEL-7).
    ExtraDispatch,
    /// 钻展位: a diamond booth (plain, gold or combined).
    DiamondBooth,
    /// 达人广场广告位曝光: an ad slot in the creator square.
    AdSlot,
    /// 投稿任务收益保底卡 (R-LEVEL-6).
    GuaranteeCard,
    /// 1对1精准客户推荐: the platform's operators recommend the creator to clients.
    OneToOneRecommendation,
    /// 巨量星图学院精选案例优先上线权: priority for the creator's one academy featured case.
    FeaturedCase,
    /// 商业案例行业外放: the assistant's recommendations to clients, an interview on the
    /// official WeChat account and the official Douyin account's recommendation.
    CasePromotion,
    /// 达人榜单优先上榜权.
    Ranking,
    /// 官方1v1运营指导社群.
    OpsGroup,
    /// 年终盛典特邀嘉宾.
    Gala,
    /// 学院荣誉特聘讲师.
    Lecturer,
    /// 繁星计划优先加入权.
    StarsPlanPriority,
}

impl BenefitKind {
    /// Stable snake_case name, for the CLI and IPC.
    pub const fn key(self) -> &'static str {
        match self {
            Self::IdentityTag => "identity_tag",
            Self::ExtraDispatch => "extra_dispatch",
            Self::DiamondBooth => "diamond_booth",
            Self::AdSlot => "ad_slot",
            Self::GuaranteeCard => "guarantee_card",
            Self::OneToOneRecommendation => "one_to_one_recommendation",
            Self::FeaturedCase => "featured_case",
            Self::CasePromotion => "case_promotion",
            Self::Ranking => "ranking",
            Self::OpsGroup => "ops_group",
            Self::Gala => "gala",
            Self::Lecturer => "lecturer",
            Self::StarsPlanPriority => "stars_plan_priority",
        }
    }

    /// R-LEVEL-5: dispatched automatically, nothing to claim: identity tag, ranking,
    /// diamond booth, client recommendation (the one-to-one recommendation), assistant
    /// recommendation and official-account recommendation. The last two are what case
    /// promotion consists of (the seed's Q11), so case promotion is automatic too. Every
    /// other benefit is claimed in rights center → my benefits → claim.
    pub const fn published_claim(self) -> Claim {
        match self {
            Self::IdentityTag
            | Self::Ranking
            | Self::DiamondBooth
            | Self::OneToOneRecommendation
            | Self::CasePromotion => Claim::Automatic,
            Self::ExtraDispatch
            | Self::AdSlot
            | Self::GuaranteeCard
            | Self::FeaturedCase
            | Self::OpsGroup
            | Self::Gala
            | Self::Lecturer
            | Self::StarsPlanPriority => Claim::Claimable,
        }
    }
}

/// How a benefit reaches the creator (R-LEVEL-5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Claim {
    /// Dispatched by the system.
    Automatic,
    /// Claimed in rights center → my benefits → claim.
    Claimable,
}

/// Whether a benefit comes with the level or with the level's reward tasks (R-LEVEL-3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tier {
    /// 基础权益: holding the level is enough.
    Basic,
    /// 奖励权益: the level's reward-task bar must be met as well.
    Reward,
}

/// A value the source states for one benefit, in yuan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StatedValue {
    /// "价值5000元的钻展位".
    Exactly(Decimal),
    /// "价值30000元以上的商业案例行业外放".
    AtLeast(Decimal),
}

/// One benefit of one level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Benefit {
    pub kind: BenefitKind,
    pub tier: Tier,
    /// How many: dispatches per 30 days for [`BenefitKind::ExtraDispatch`], cards,
    /// recommendations; `None` for a benefit that is not counted.
    pub count: Option<u32>,
    pub value: Option<StatedValue>,
    pub claim: Claim,
    /// The source's wording, for showing the benefit as the platform names it.
    pub wording: String,
}

/// One level's benefits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LevelBenefits {
    pub level: u8,
    /// The level's stated total value in yuan (R-LEVEL-4).
    pub stated_value: Decimal,
    /// Basic benefits first, then reward benefits, each in the source's order.
    pub benefits: Vec<Benefit>,
}

/// The benefits of every level. The platform revises them, so they are data; [`Default`]
/// is the published R-LEVEL-4 list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BenefitTable {
    pub levels: Vec<LevelBenefits>,
}

type Row = (
    Tier,
    BenefitKind,
    Option<u32>,
    Option<(u32, bool)>,
    &'static str,
);

/// R-LEVEL-4, transcribed from the seed's table: (tier, kind, count, value in yuan and
/// whether it is a floor, wording). Each level's list is complete in the source (every
/// level repeats the identity tag), so a benefit a level does not list it does not get.
const PUBLISHED: [(u8, u32, &[Row]); 4] = {
    use BenefitKind::*;
    use Tier::*;
    [
        (
            1,
            5_000,
            &[
                (Basic, IdentityTag, None, None, "达人专享身份标签"),
                (
                    Basic,
                    ExtraDispatch,
                    Some(4),
                    None,
                    "每30天4个优质投稿任务额外派发",
                ),
                (Basic, DiamondBooth, None, None, "达人广场固定钻展位曝光"),
                (Reward, StarsPlanPriority, None, None, "繁星计划优先加入权"),
            ],
        ),
        (
            2,
            20_000,
            &[
                (Basic, IdentityTag, None, None, "达人专享身份标签"),
                (Basic, AdSlot, None, None, "达人广场广告位曝光"),
                (
                    Basic,
                    ExtraDispatch,
                    Some(8),
                    None,
                    "每30天8个优质投稿任务额外派发",
                ),
                (
                    Basic,
                    DiamondBooth,
                    None,
                    Some((5_000, false)),
                    "价值5000元的钻展位(客户侧巨量星图页面)",
                ),
                (
                    Basic,
                    FeaturedCase,
                    None,
                    None,
                    "巨量星图学院精选案例优先上线权",
                ),
                (Reward, StarsPlanPriority, None, None, "繁星计划优先加入权"),
                (
                    Reward,
                    GuaranteeCard,
                    Some(2),
                    None,
                    "投稿任务收益保底卡2张",
                ),
            ],
        ),
        (
            3,
            70_000,
            &[
                (Basic, IdentityTag, None, None, "达人专享身份标签"),
                (Basic, AdSlot, None, None, "达人广场固定广告位曝光"),
                (
                    Basic,
                    Ranking,
                    None,
                    None,
                    "巨量星图商业价值影响力达人榜单优先上榜权",
                ),
                (
                    Basic,
                    DiamondBooth,
                    None,
                    Some((10_000, false)),
                    "价值10000元的黄金钻展位(客户侧巨量星图页面)",
                ),
                (
                    Basic,
                    CasePromotion,
                    None,
                    Some((30_000, true)),
                    "价值30000元以上的商业案例行业外放",
                ),
                (
                    Basic,
                    OneToOneRecommendation,
                    Some(1),
                    None,
                    "1对1精准客户推荐1次",
                ),
                (
                    Basic,
                    FeaturedCase,
                    None,
                    None,
                    "巨量星图学院精选案例优先上线权",
                ),
                (Basic, GuaranteeCard, Some(3), None, "投稿任务收益保底卡3张"),
                (
                    Reward,
                    OneToOneRecommendation,
                    Some(2),
                    None,
                    "1对1精准客户推荐2次",
                ),
                (Reward, GuaranteeCard, Some(4), None, "投稿收益保底4张"),
                (Reward, StarsPlanPriority, None, None, "繁星计划优先加入权"),
            ],
        ),
        (
            4,
            130_000,
            &[
                (Basic, IdentityTag, None, None, "达人专享身份标签"),
                (Basic, AdSlot, None, None, "达人广场固定广告位曝光"),
                (
                    Basic,
                    Ranking,
                    None,
                    None,
                    "巨量星图商业价值影响力达人榜单优先上榜权",
                ),
                (Basic, OpsGroup, None, None, "官方1v1运营指导社群"),
                (Basic, Gala, None, None, "巨量星图年终盛典特邀嘉宾"),
                (
                    Basic,
                    DiamondBooth,
                    None,
                    Some((30_000, false)),
                    "价值30000元的组合钻展位(客户侧巨量星图页面)",
                ),
                (
                    Basic,
                    CasePromotion,
                    None,
                    Some((80_000, true)),
                    "价值80000元以上的商业案例行业外放",
                ),
                (Basic, Lecturer, None, None, "巨量星图学院荣誉特聘讲师"),
                (
                    Basic,
                    OneToOneRecommendation,
                    Some(3),
                    None,
                    "1对1精准客户推荐3次",
                ),
                (
                    Basic,
                    FeaturedCase,
                    None,
                    None,
                    "巨量星图学院精选案例优先上线权",
                ),
                (Basic, GuaranteeCard, Some(4), None, "投稿任务收益保底卡4张"),
                (
                    Reward,
                    OneToOneRecommendation,
                    Some(5),
                    None,
                    "1对1精准客户推荐5次",
                ),
                (Reward, StarsPlanPriority, None, None, "繁星计划优先加入权"),
                (Reward, GuaranteeCard, Some(5), None, "投稿收益保底5张"),
            ],
        ),
    ]
};

impl BenefitTable {
    /// R-LEVEL-4 as published, with R-LEVEL-5's automatic/claimable split
    /// ([`BenefitKind::published_claim`]).
    pub fn published() -> Self {
        let levels = PUBLISHED
            .iter()
            .map(|&(level, stated_value, rows)| LevelBenefits {
                level,
                stated_value: Decimal::from(stated_value),
                benefits: rows
                    .iter()
                    .map(|&(tier, kind, count, value, wording)| Benefit {
                        kind,
                        tier,
                        count,
                        value: value.map(|(yuan, floor)| {
                            let yuan = Decimal::from(yuan);
                            if floor {
                                StatedValue::AtLeast(yuan)
                            } else {
                                StatedValue::Exactly(yuan)
                            }
                        }),
                        claim: kind.published_claim(),
                        wording: wording.to_owned(),
                    })
                    .collect(),
            })
            .collect();
        Self { levels }
    }

    /// The benefits of `level`, if the table has any.
    pub fn level(&self, level: u8) -> Option<&LevelBenefits> {
        self.levels.iter().find(|l| l.level == level)
    }

    /// R-LEVEL-4, R-LEVEL-7: extra submission tasks promised per
    /// [`DISPATCH_PERIOD_DAYS`] at `level`: 4 at LV1, 8 at LV2. The source lists no extra
    /// dispatch for LV3 or LV4 (their lists are complete, not additions to LV2's), so
    /// they are promised 0, and so is level 0.
    pub fn dispatches_promised(&self, level: u8) -> u32 {
        self.level(level)
            .map(|l| {
                l.benefits
                    .iter()
                    .filter(|b| b.kind == BenefitKind::ExtraDispatch && b.tier == Tier::Basic)
                    .map(|b| b.count.unwrap_or(0))
                    .sum()
            })
            .unwrap_or(0)
    }
}

/// R-LEVEL-4, R-LEVEL-5: the published list ([`BenefitTable::published`]).
impl Default for BenefitTable {
    fn default() -> Self {
        Self::published()
    }
}

/// R-LEVEL-4, R-LEVEL-7: extra dispatches are promised per this many days.
pub const DISPATCH_PERIOD_DAYS: u64 = 30;

/// R-LEVEL-7: DOU+ compensated for each promised dispatch not sent.
pub const DOU_PLUS_PER_OWED_DISPATCH: u32 = 20;

/// R-LEVEL-7: the DOU+ owed for a 30-day period: 20 per promised dispatch not sent. More
/// sent than promised owes nothing.
pub fn dou_plus_owed(promised: u32, sent: u32) -> u32 {
    promised
        .saturating_sub(sent)
        .saturating_mul(DOU_PLUS_PER_OWED_DISPATCH)
}

/// R-LEVEL-6: the last day a guarantee card issued on `issued` can be used. The issue day
/// is day 1, so "valid 180 days" makes day 180, `issued + 179`, the last valid day and
/// day 181 the first expired one — the same reading as
/// [`GuaranteeCard::last_valid_day`], of which this is the published card's case.
pub fn card_expiry(issued: NaiveDate) -> NaiveDate {
    // Never `None`: the published card has 180 valid days.
    GuaranteeCard::published(issued)
        .last_valid_day()
        .unwrap_or(issued)
}

/// Whole days from `today` to `expiry`, the last valid day: 0 on that day (usable today,
/// not tomorrow), `None` once it has passed.
pub fn days_left(expiry: NaiveDate, today: NaiveDate) -> Option<u32> {
    (today <= expiry).then(|| u32::try_from((expiry - today).num_days()).unwrap_or(u32::MAX))
}

/// When to remind the creator before something expires, as days before its last valid
/// day. [`Default`] is 30, 7 and 1 days before (a product choice, not a platform rule).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpiryReminders {
    /// Days before the last valid day, in any order.
    pub days_before: Vec<u32>,
}

impl Default for ExpiryReminders {
    fn default() -> Self {
        Self {
            days_before: vec![30, 7, 1],
        }
    }
}

impl ExpiryReminders {
    /// The reminder that falls on `today` exactly (`days_left == n`), if any.
    pub fn due(&self, expiry: NaiveDate, today: NaiveDate) -> Option<u32> {
        let left = days_left(expiry, today)?;
        self.days_before.iter().copied().find(|&n| n == left)
    }

    /// The most urgent reminder whose day has come (the smallest `n ≥ days_left`), for
    /// catching up on a reminder day the app was not running; `None` before the first
    /// reminder day and once expired.
    pub fn latest_passed(&self, expiry: NaiveDate, today: NaiveDate) -> Option<u32> {
        let left = days_left(expiry, today)?;
        self.days_before
            .iter()
            .copied()
            .filter(|&n| n >= left)
            .min()
    }

    /// The reminder days for `expiry`, earliest first; a reminder before chrono's first
    /// date is left out.
    pub fn dates(&self, expiry: NaiveDate) -> Vec<NaiveDate> {
        let mut days: Vec<u32> = self.days_before.clone();
        days.sort_unstable_by(|a, b| b.cmp(a));
        days.dedup();
        days.into_iter()
            .filter_map(|n| expiry.checked_sub_days(Days::new(u64::from(n))))
            .collect()
    }
}
