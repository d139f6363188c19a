//! The level engine (R-LEVEL-1, R-LEVEL-2): the basic-task requirement table as data, and
//! a creator's level with the checklist of what the next level still needs.

/// What the level rules look at, as the platform reports it for the assessment period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Metrics {
    /// Followers on the main platform.
    pub followers: u64,
    /// Academy courses finished with at least 80% completion (R-LEVEL-2).
    pub courses_completed: u32,
    /// Videos or lives published on the main platform in the last 30 days (R-LEVEL-2).
    pub posts_30d: u32,
    /// Average valid plays.
    pub avg_valid_plays: u64,
    /// Likes, the total over the assessment period (R-LEVEL-2).
    pub likes: u64,
    /// Orders, excluding 全民任务 and mini-game tasks (R-LEVEL-2).
    pub orders: u32,
    pub credit_score: u32,
    /// Intro, region and industries all filled in (R-LEVEL-2, LV1's "other" row).
    pub profile_complete: bool,
    /// Submission tasks the creator has joined (R-LEVEL-2, LV2's "other" row).
    pub submission_tasks_joined: u32,
}

/// One metric a requirement looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Item {
    Followers,
    CoursesCompleted,
    Posts30d,
    AvgValidPlays,
    Likes,
    Orders,
    CreditScore,
    /// A yes/no metric: its value is 1 when the profile is complete, else 0.
    ProfileComplete,
    SubmissionTasksJoined,
}

impl Item {
    /// Every item, in [`Metrics`] field order.
    pub const ALL: [Self; 9] = [
        Self::Followers,
        Self::CoursesCompleted,
        Self::Posts30d,
        Self::AvgValidPlays,
        Self::Likes,
        Self::Orders,
        Self::CreditScore,
        Self::ProfileComplete,
        Self::SubmissionTasksJoined,
    ];

    /// Stable snake_case name, the same as the [`Metrics`] field, for the CLI and IPC.
    pub const fn key(self) -> &'static str {
        match self {
            Self::Followers => "followers",
            Self::CoursesCompleted => "courses_completed",
            Self::Posts30d => "posts_30d",
            Self::AvgValidPlays => "avg_valid_plays",
            Self::Likes => "likes",
            Self::Orders => "orders",
            Self::CreditScore => "credit_score",
            Self::ProfileComplete => "profile_complete",
            Self::SubmissionTasksJoined => "submission_tasks_joined",
        }
    }

    /// The creator's value of this item; a yes/no item is 1 for yes and 0 for no.
    pub const fn value(self, metrics: &Metrics) -> u64 {
        match self {
            Self::Followers => metrics.followers,
            Self::CoursesCompleted => metrics.courses_completed as u64,
            Self::Posts30d => metrics.posts_30d as u64,
            Self::AvgValidPlays => metrics.avg_valid_plays,
            Self::Likes => metrics.likes,
            Self::Orders => metrics.orders as u64,
            Self::CreditScore => metrics.credit_score as u64,
            Self::ProfileComplete => metrics.profile_complete as u64,
            Self::SubmissionTasksJoined => metrics.submission_tasks_joined as u64,
        }
    }
}

/// How a requirement compares the creator's value with its threshold. R-LEVEL-2 read
/// exactly: "> x" is strict, "≥ x" is not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Op {
    /// `have ≥ need`.
    AtLeast,
    /// `have > need`.
    GreaterThan,
    /// A yes/no item must be yes: `have ≥ 1`. Its `need` is 1 by convention, so that
    /// `have op need` still reads true, and `need` is never consulted otherwise.
    IsTrue,
}

impl Op {
    /// How the operator is printed: `">="`, `">"`, and `"is"` for a yes/no item (printed
    /// as `profile_complete is 1`).
    pub const fn symbol(self) -> &'static str {
        match self {
            Self::AtLeast => ">=",
            Self::GreaterThan => ">",
            Self::IsTrue => "is",
        }
    }

    /// Whether `have` meets `need` under this operator.
    pub const fn holds(self, have: u64, need: u64) -> bool {
        match self {
            Self::AtLeast => have >= need,
            Self::GreaterThan => have > need,
            Self::IsTrue => have >= 1,
        }
    }

    /// The smallest value that meets `need`: `need` for `≥`, `need + 1` for `>`, 1 for a
    /// yes/no item.
    pub const fn least_meeting(self, need: u64) -> u64 {
        match self {
            Self::AtLeast => need,
            Self::GreaterThan => need.saturating_add(1),
            Self::IsTrue => 1,
        }
    }
}

/// One basic task of one level (R-LEVEL-2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Requirement {
    /// 1..=4 in the published table.
    pub level: u8,
    pub item: Item,
    pub op: Op,
    /// The threshold; 1 for a yes/no item.
    pub need: u64,
}

impl Requirement {
    pub const fn new(level: u8, item: Item, op: Op, need: u64) -> Self {
        Self {
            level,
            item,
            op,
            need,
        }
    }

    /// Checks the requirement against the creator's metrics.
    pub const fn check(self, metrics: &Metrics) -> Checked {
        let have = self.item.value(metrics);
        Checked {
            req: self,
            have,
            met: self.op.holds(have, self.need),
        }
    }
}

/// The basic-task table. The platform revises it, so it is data; [`Default`] is the
/// published R-LEVEL-2 table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LevelTable {
    /// In display order: by level, then as DOMAIN.md's table lists the rows.
    pub requirements: Vec<Requirement>,
}

const fn req(level: u8, item: Item, op: Op, need: u64) -> Requirement {
    Requirement::new(level, item, op, need)
}

/// R-LEVEL-2, row by row for each level: courses (≥), posts in 30 days (≥), average valid
/// plays (>), then the "other" row as "Reading R-LEVEL-1/2 exactly" states it.
const PUBLISHED: &[Requirement] = {
    use Item::*;
    use Op::*;
    &[
        req(1, CoursesCompleted, AtLeast, 3),
        req(1, Posts30d, AtLeast, 5),
        req(1, ProfileComplete, IsTrue, 1),
        req(2, CoursesCompleted, AtLeast, 5),
        req(2, Posts30d, AtLeast, 8),
        req(2, AvgValidPlays, GreaterThan, 10_000),
        req(2, SubmissionTasksJoined, AtLeast, 1),
        req(3, CoursesCompleted, AtLeast, 8),
        req(3, Posts30d, AtLeast, 20),
        req(3, AvgValidPlays, GreaterThan, 50_000),
        req(3, Orders, AtLeast, 1),
        req(3, Followers, GreaterThan, 300_000),
        req(3, Likes, GreaterThan, 10_000),
        req(3, CreditScore, AtLeast, 50),
        req(4, CoursesCompleted, AtLeast, 10),
        req(4, Posts30d, AtLeast, 30),
        req(4, AvgValidPlays, GreaterThan, 100_000),
        req(4, Orders, AtLeast, 3),
        req(4, Followers, GreaterThan, 500_000),
        req(4, Likes, GreaterThan, 30_000),
        req(4, CreditScore, AtLeast, 75),
    ]
};

impl LevelTable {
    /// R-LEVEL-2: the published table. LV1's "other" row is "profile complete"; LV2's is
    /// "joined at least 1 submission task"; "1 order" / "3 orders" are at least that many.
    pub fn published() -> Self {
        Self {
            requirements: PUBLISHED.to_vec(),
        }
    }

    /// The highest level the table has requirements for (4 for the published table, 0 for
    /// an empty one).
    pub fn top_level(&self) -> u8 {
        self.requirements.iter().map(|r| r.level).max().unwrap_or(0)
    }

    /// The requirements of exactly `level`, in table order.
    pub fn of_level(&self, level: u8) -> impl Iterator<Item = &Requirement> {
        self.requirements.iter().filter(move |r| r.level == level)
    }
}

/// R-LEVEL-2: the published table ([`LevelTable::published`]).
impl Default for LevelTable {
    fn default() -> Self {
        Self::published()
    }
}

/// One requirement with the creator's value: the line of a checklist, printed as
/// `{item.key()} {have} / {op.symbol()} {need}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Checked {
    pub req: Requirement,
    /// The creator's value of `req.item` (1/0 for a yes/no item).
    pub have: u64,
    pub met: bool,
}

/// A creator's level and the checklists behind it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LevelReport {
    /// 0..=top level: the highest N with every requirement of levels 1..=N met.
    pub level: u8,
    /// `level + 1`, or `None` at the table's top level.
    pub next_level: Option<u8>,
    /// Every requirement of every level, in table order.
    pub requirements: Vec<Checked>,
    /// The next level's unmet requirements, in table order; empty at the top level.
    pub missing: Vec<Checked>,
}

impl LevelReport {
    /// The checklist of one level: every requirement of `level` with the creator's value,
    /// met or not. For `next_level`, this is the R-LEVEL-1 "what to do to rise" list.
    pub fn checklist(&self, level: u8) -> impl Iterator<Item = &Checked> {
        self.requirements
            .iter()
            .filter(move |c| c.req.level == level)
    }
}

/// R-LEVEL-1, R-LEVEL-2: the creator's level, read cumulatively: a creator holds level N
/// when every requirement of every level ≤ N holds, and its level is the highest such N —
/// so a creator who meets all of LV3's tasks but has lost one of LV2's is LV1 (the R-LEVEL-1
/// drop "to the highest level whose requirements all hold"). 0 when LV1's do not hold.
///
/// A level with no requirement in the table is held as soon as the levels below it are; a
/// requirement with level 0 (none in the published table) gates every level.
pub fn evaluate(table: &LevelTable, metrics: &Metrics) -> LevelReport {
    let requirements: Vec<Checked> = table
        .requirements
        .iter()
        .map(|r| r.check(metrics))
        .collect();
    let top = table.top_level();
    let holds = |level: u8| {
        requirements
            .iter()
            .filter(|c| c.req.level <= level)
            .all(|c| c.met)
    };
    // `holds` only gets harder as the level rises, so the first level that fails ends it.
    let level = (1..=top).take_while(|&n| holds(n)).last().unwrap_or(0);
    let next_level = (level < top).then_some(level + 1);
    // Every level ≤ `level` holds, so the unmet requirements up to the next level are that
    // level's own (and any of a level 0, which would gate every level).
    let missing = next_level
        .map(|next| {
            requirements
                .iter()
                .filter(|c| c.req.level <= next && !c.met)
                .copied()
                .collect()
        })
        .unwrap_or_default();
    LevelReport {
        level,
        next_level,
        requirements,
        missing,
    }
}
