//! Whether a creator may apply to a task, as a list of checks the UI can explain one by
//! one rather than a single yes or no.

use chrono::NaiveDate;

/// What the eligibility rules need to know about the creator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreatorFacts {
    /// Followers on the main platform (the rules count only those).
    pub followers: u64,
    /// `Some` when the creator is bound to an MCN agency.
    pub agency: Option<AgencyFacts>,
}

/// What the eligibility rules need to know about the creator's MCN agency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgencyFacts {
    /// Whether the platform has ever deducted from the agency's deposit (R-REVIEW-11).
    pub deposit_ever_deducted: bool,
}

/// What the eligibility rules need to know about the task.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskFacts {
    /// A product-review (好物测评) recruitment task, which has its own entry rule
    /// (R-REVIEW-11) instead of the account threshold (R-JOIN-1).
    pub is_product_review: bool,
    /// The task's own follower requirement, inclusive.
    pub min_followers: u64,
    /// The task's own follower ceiling, inclusive; `None` for no ceiling.
    pub max_followers: Option<u64>,
    /// How many creators the task wants (R-REVIEW-2).
    pub slots_wanted: u32,
    pub slots_taken: u32,
    /// First day applications are accepted, inclusive (R-REVIEW-2).
    pub apply_start: NaiveDate,
    /// Last day applications are accepted, inclusive (R-REVIEW-2).
    pub apply_end: NaiveDate,
}

/// The platform's published thresholds. They are data because the platform revises them;
/// [`Default`] holds the values of R-JOIN-1 and R-REVIEW-11.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EligibilityRules {
    /// R-JOIN-1: followers on the main platform needed for a creator account (100,000).
    pub account_min_followers: u64,
    /// R-REVIEW-11: fewest followers for an independent creator on a review task (10,000).
    pub review_min_followers: u64,
    /// R-REVIEW-11: most followers for an independent creator on a review task (500,000).
    pub review_max_followers: u64,
}

/// R-JOIN-1 (100,000) and R-REVIEW-11 (10,000 ..= 500,000).
impl Default for EligibilityRules {
    fn default() -> Self {
        Self {
            account_min_followers: 100_000,
            review_min_followers: 10_000,
            review_max_followers: 500_000,
        }
    }
}

/// Which requirement a [`Check`] is about. The UI picks its message by this code and fills
/// it from [`Check::params`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CheckCode {
    /// R-JOIN-1: a creator account needs 100,000 main-platform followers. Checked for tasks
    /// that are not product reviews, which R-REVIEW-11 opens to smaller accounts.
    AccountFollowers,
    /// R-REVIEW-11: a creator not under an MCN needs 10,000..=500,000 followers for a
    /// product-review task.
    ReviewFollowerRange,
    /// R-REVIEW-11: an MCN creator's agency must never have had its deposit deducted, for a
    /// product-review task.
    AgencyDeposit,
    /// The task's own follower range.
    TaskFollowers,
    /// `apply_start ≤ today ≤ apply_end`.
    ApplicationWindow,
    /// The task still has room: `slots_taken < slots_wanted`.
    SlotsLeft,
}

impl CheckCode {
    /// Stable snake_case name, for codes that cross IPC.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::AccountFollowers => "account_followers",
            Self::ReviewFollowerRange => "review_follower_range",
            Self::AgencyDeposit => "agency_deposit",
            Self::TaskFollowers => "task_followers",
            Self::ApplicationWindow => "application_window",
            Self::SlotsLeft => "slots_left",
        }
    }
}

/// One requirement and whether the creator meets it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    pub code: CheckCode,
    pub ok: bool,
    /// The DOMAIN.md rule behind it; `None` for a task's own setting that no platform rule
    /// names.
    pub rule: Option<&'static str>,
    /// Named values for the message, numbers as plain digits and dates as ISO 8601, e.g.
    /// `("required_min", "10000")`, `("actual", "268000")`, `("apply_end", "2026-11-30")`.
    pub params: Vec<(&'static str, String)>,
}

impl Check {
    /// The value of a named parameter.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(key, _)| *key == name)
            .map(|(_, value)| value.as_str())
    }
}

/// Every applicable check, passed or not, so the UI can show all that is missing at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Eligibility {
    /// True when every check passed.
    pub eligible: bool,
    pub checks: Vec<Check>,
}

impl Eligibility {
    /// The checks that failed, in order.
    pub fn failures(&self) -> impl Iterator<Item = &Check> {
        self.checks.iter().filter(|check| !check.ok)
    }

    /// The check with this code, if it applied.
    pub fn get(&self, code: CheckCode) -> Option<&Check> {
        self.checks.iter().find(|check| check.code == code)
    }
}

/// Runs every check that applies to this creator and task on `today`.
///
/// Platform rules first: for a product-review task, R-REVIEW-11 (the follower range for a
/// creator not under an MCN, or the agency's clean deposit record for one that is); for any
/// other task, R-JOIN-1's account threshold. Then the task's own settings: its follower
/// range, its application window and its free slots (R-REVIEW-2 for review tasks).
pub fn check(
    creator: &CreatorFacts,
    task: &TaskFacts,
    today: NaiveDate,
    rules: &EligibilityRules,
) -> Eligibility {
    let actual = creator.followers.to_string();
    let mut checks = Vec::with_capacity(5);

    if task.is_product_review {
        match &creator.agency {
            None => checks.push(Check {
                code: CheckCode::ReviewFollowerRange,
                ok: (rules.review_min_followers..=rules.review_max_followers)
                    .contains(&creator.followers),
                rule: Some("R-REVIEW-11"),
                params: vec![
                    ("required_min", rules.review_min_followers.to_string()),
                    ("required_max", rules.review_max_followers.to_string()),
                    ("actual", actual.clone()),
                ],
            }),
            Some(agency) => checks.push(Check {
                code: CheckCode::AgencyDeposit,
                ok: !agency.deposit_ever_deducted,
                rule: Some("R-REVIEW-11"),
                params: vec![(
                    "deposit_ever_deducted",
                    agency.deposit_ever_deducted.to_string(),
                )],
            }),
        }
    } else {
        checks.push(Check {
            code: CheckCode::AccountFollowers,
            ok: creator.followers >= rules.account_min_followers,
            rule: Some("R-JOIN-1"),
            params: vec![
                ("required_min", rules.account_min_followers.to_string()),
                ("actual", actual.clone()),
            ],
        });
    }

    let mut follower_params = vec![("required_min", task.min_followers.to_string())];
    if let Some(max) = task.max_followers {
        follower_params.push(("required_max", max.to_string()));
    }
    follower_params.push(("actual", actual));
    checks.push(Check {
        code: CheckCode::TaskFollowers,
        ok: creator.followers >= task.min_followers
            && task
                .max_followers
                .is_none_or(|max| creator.followers <= max),
        rule: None,
        params: follower_params,
    });

    // The window and the slot count are the task's settings; for review tasks R-REVIEW-2
    // is the rule that makes the task state them.
    let task_rule = task.is_product_review.then_some("R-REVIEW-2");
    checks.push(Check {
        code: CheckCode::ApplicationWindow,
        ok: task.apply_start <= today && today <= task.apply_end,
        rule: task_rule,
        params: vec![
            ("apply_start", task.apply_start.to_string()),
            ("apply_end", task.apply_end.to_string()),
            ("today", today.to_string()),
        ],
    });
    checks.push(Check {
        code: CheckCode::SlotsLeft,
        ok: task.slots_taken < task.slots_wanted,
        rule: task_rule,
        params: vec![
            ("slots_wanted", task.slots_wanted.to_string()),
            ("slots_taken", task.slots_taken.to_string()),
            (
                "slots_left",
                task.slots_wanted
                    .saturating_sub(task.slots_taken)
                    .to_string(),
            ),
        ],
    });

    Eligibility {
        eligible: checks.iter().all(|check| check.ok),
        checks,
    }
}
