//! The rights center's tables (the invitations' reads and writes are in
//! `super::invitations`): every read and write, each after applying what the clock has made
//! due ([`Store::settle_rights`]): a dispatch not accepted within its hour expires
//! (R-PREF-4), a card past its last day expires (R-LEVEL-6).
//!
//! A claim and an answer keep their idempotency key with what it did (`rights_keys`), in
//! the transaction that does it: the same key again answers the same card or invitation,
//! as it is now; the key used for anything else is refused.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use rust_decimal::Decimal;
use stardesk_domain::rights::RESPONSE_WINDOW;
use stardesk_platform::wire::{
    BenefitCard, BenefitClaim, BenefitStatus, ConflictCode, CycleMonth, FeaturedCase,
    FeaturedCaseStatus, Post, PostKind, RightsMetrics,
};

use super::{name_of, parse_day, parse_name, MetricsCounters};
use crate::clock::{beijing_day, plus_days};
use crate::rng::{mix64, SplitMix64};
use crate::store::{from_ms, Store, StoreError};

/// Days of posts `GET /v1/rights/metrics` lists, ending today.
const POSTS_LISTED_DAYS: i64 = 60;

/// Months in an assessment cycle (R-LEVEL-3); cycles are calendar quarters.
const CYCLE_MONTHS: u32 = 3;

/// Why a rights request was not carried out.
#[derive(Debug)]
pub(crate) enum RightsError {
    Conflict {
        code: ConflictCode,
        detail: String,
    },
    /// The idempotency key was used for another request.
    KeyReused,
    NotFound(String),
    Store(StoreError),
}

impl From<StoreError> for RightsError {
    fn from(err: StoreError) -> Self {
        RightsError::Store(err)
    }
}

impl From<rusqlite::Error> for RightsError {
    fn from(err: rusqlite::Error) -> Self {
        RightsError::Store(err.into())
    }
}

pub(super) fn conflict(code: ConflictCode, detail: String) -> RightsError {
    RightsError::Conflict { code, detail }
}

const BENEFIT_COLUMNS: &str = "id, kind, level, value, claim, issued_on, expires_on, status";

fn benefit_of(r: &Row<'_>) -> Result<BenefitCard, StoreError> {
    let kind: String = r.get(1)?;
    let level: i64 = r.get(2)?;
    let value: Option<String> = r.get(3)?;
    let claim: String = r.get(4)?;
    let issued: String = r.get(5)?;
    let expires: Option<String> = r.get(6)?;
    let status: String = r.get(7)?;
    Ok(BenefitCard {
        id: r.get(0)?,
        kind: kind.as_str().into(),
        level: u8::try_from(level).map_err(|_| StoreError::Corrupt(format!("level {level}")))?,
        value: value
            .map(|v| v.parse::<Decimal>())
            .transpose()
            .map_err(|_| StoreError::Corrupt("a benefit's value".into()))?,
        claim: parse_name(&claim)?,
        issued_on: parse_day(&issued)?,
        expires_on: expires.as_deref().map(parse_day).transpose()?,
        status: parse_name(&status)?,
    })
}

pub(crate) fn load_benefit(conn: &Connection, id: &str) -> Result<Option<BenefitCard>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {BENEFIT_COLUMNS} FROM rights_benefits WHERE id = ?1"
    ))?;
    let mut rows = stmt.query([id])?;
    rows.next()?.map(benefit_of).transpose()
}

/// What a known idempotency key did: `Some(true)` this very request (`action` on
/// `target`), `Some(false)` another one, `None` an unknown key.
pub(super) fn known_key(
    conn: &Connection,
    key: &str,
    action: &str,
    target: &str,
) -> Result<Option<bool>, StoreError> {
    let row: Option<(String, String)> = conn
        .query_row(
            "SELECT action, target FROM rights_keys WHERE key = ?1",
            [key],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    Ok(row.map(|(a, t)| a == action && t == target))
}

/// R-LEVEL-3: the orders of a natural month, drawn from the seed (1 to 3).
fn month_orders(seed: u64, year: i32, month: u32) -> u32 {
    let n = u64::try_from(year).unwrap_or(0) * 12 + u64::from(month);
    let mut rng = SplitMix64::new(seed ^ mix64(n ^ 0x0D0E_0000_0000_0007));
    1 + u32::try_from(rng.below(3)).unwrap_or(0)
}

/// The average valid plays of the posts given (0 with none), rounded down.
fn average(plays: &[u64]) -> u64 {
    match plays.len() {
        0 => 0,
        n => plays.iter().sum::<u64>() / n as u64,
    }
}

impl Store {
    /// The Beijing day the dataset's rights data was made (every derived date counts from
    /// it).
    pub(crate) fn rights_anchor(&self) -> Result<NaiveDate, StoreError> {
        let text: String =
            self.conn
                .query_row("SELECT anchor FROM rights_creator WHERE id = 1", [], |r| {
                    r.get(0)
                })?;
        parse_day(&text)
    }

    /// The sandbox's today, Beijing time.
    pub(crate) fn today(&self) -> NaiveDate {
        beijing_day(self.clock.now())
    }

    /// Applies what the clock has made due: dispatches past their hour (R-PREF-4) and
    /// cards past their last day (R-LEVEL-6) expire.
    pub(crate) fn settle_rights(&mut self) -> Result<(), StoreError> {
        let now_ms = self.clock.now().timestamp_millis();
        let today = self.today().to_string();
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE rights_invitations SET status = 'expired'
             WHERE kind = 'dispatch' AND status = 'pending' AND received_at_ms + ?2 <= ?1",
            params![now_ms, RESPONSE_WINDOW.num_milliseconds()],
        )?;
        tx.execute(
            "UPDATE rights_benefits SET status = 'expired'
             WHERE status IN ('available', 'claimed') AND expires_on < ?1",
            [today],
        )?;
        tx.commit()?;
        Ok(())
    }

    pub(crate) fn counters(&self) -> Result<MetricsCounters, StoreError> {
        let get = |column: &str| -> Result<i64, StoreError> {
            Ok(self.conn.query_row(
                &format!("SELECT {column} FROM rights_creator WHERE id = 1"),
                [],
                |r| r.get(0),
            )?)
        };
        let n = |column: &str| get(column).map(|v| u64::try_from(v).unwrap_or(0));
        let small = |column: &str| n(column).map(|v| u32::try_from(v).unwrap_or(u32::MAX));
        Ok(MetricsCounters {
            followers: n("followers")?,
            courses_completed: small("courses_completed")?,
            avg_valid_plays: n("avg_valid_plays")?,
            likes: n("likes")?,
            orders: small("orders")?,
            credit_score: small("credit_score")?,
            profile_complete: get("profile_complete")? != 0,
            submission_tasks_joined: small("submission_tasks_joined")?,
        })
    }

    pub(crate) fn set_counters(&mut self, c: &MetricsCounters) -> Result<(), StoreError> {
        let big = |v: u64| i64::try_from(v).unwrap_or(i64::MAX);
        self.conn.execute(
            "UPDATE rights_creator SET followers = ?1, courses_completed = ?2,
                 avg_valid_plays = ?3, likes = ?4, orders = ?5, credit_score = ?6,
                 profile_complete = ?7, submission_tasks_joined = ?8
             WHERE id = 1",
            params![
                big(c.followers),
                c.courses_completed,
                big(c.avg_valid_plays),
                big(c.likes),
                c.orders,
                c.credit_score,
                c.profile_complete,
                c.submission_tasks_joined,
            ],
        )?;
        Ok(())
    }

    pub(crate) fn add_post(
        &mut self,
        day: NaiveDate,
        kind: PostKind,
        valid_plays: u64,
    ) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO rights_posts (published_on, kind, valid_plays) VALUES (?1, ?2, ?3)",
            params![
                day.to_string(),
                name_of(&kind),
                i64::try_from(valid_plays).unwrap_or(i64::MAX)
            ],
        )?;
        Ok(())
    }

    /// Every post published on or before `until`, on or after `from`, oldest first.
    fn posts(&self, from: NaiveDate, until: NaiveDate) -> Result<Vec<Post>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT published_on, kind, valid_plays FROM rights_posts
             WHERE published_on >= ?1 AND published_on <= ?2 ORDER BY published_on, id",
        )?;
        let rows = stmt.query_map(params![from.to_string(), until.to_string()], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
            ))
        })?;
        let mut posts = Vec::new();
        for row in rows {
            let (day, kind, plays) = row?;
            posts.push(Post {
                published_on: parse_day(&day)?,
                kind: parse_name(&kind)?,
                valid_plays: u64::try_from(plays).unwrap_or(0),
            });
        }
        Ok(posts)
    }

    /// The current cycle's months up to today's (R-LEVEL-3): each month's orders, and the
    /// average valid plays of its videos and of its lives.
    fn cycle(&self, today: NaiveDate) -> Result<Vec<CycleMonth>, StoreError> {
        let first = (today.month() - 1) / CYCLE_MONTHS * CYCLE_MONTHS + 1;
        let mut months = Vec::new();
        for month in first..=today.month() {
            let start = NaiveDate::from_ymd_opt(today.year(), month, 1).unwrap_or(today);
            let end = start
                .checked_add_months(chrono::Months::new(1))
                .map_or(today, |next| plus_days(next, -1))
                .min(today);
            let posts = self.posts(start, end)?;
            let plays = |kind: PostKind| -> Vec<u64> {
                posts
                    .iter()
                    .filter(|p| p.kind == kind)
                    .map(|p| p.valid_plays)
                    .collect()
            };
            months.push(CycleMonth {
                month: format!("{:04}-{month:02}", today.year()),
                orders: month_orders(self.seed, today.year(), month),
                avg_valid_plays_video: average(&plays(PostKind::Video)),
                avg_valid_plays_live: average(&plays(PostKind::Live)),
            });
        }
        Ok(months)
    }

    /// `GET /v1/rights/metrics` on the clock's today.
    pub(crate) fn rights_metrics(&mut self) -> Result<RightsMetrics, StoreError> {
        let today = self.today();
        let c = self.counters()?;
        Ok(RightsMetrics {
            as_of: today,
            followers: c.followers,
            courses_completed: c.courses_completed,
            posts: self.posts(plus_days(today, 1 - POSTS_LISTED_DAYS), today)?,
            avg_valid_plays: c.avg_valid_plays,
            likes: c.likes,
            orders: c.orders,
            credit_score: c.credit_score,
            profile_complete: c.profile_complete,
            submission_tasks_joined: c.submission_tasks_joined,
            cycle: self.cycle(today)?,
        })
    }

    /// Every card, the newest issued first.
    pub(crate) fn benefits(&mut self) -> Result<Vec<BenefitCard>, StoreError> {
        self.settle_rights()?;
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {BENEFIT_COLUMNS} FROM rights_benefits ORDER BY issued_on DESC, seq"
        ))?;
        let mut rows = stmt.query([])?;
        let mut cards = Vec::new();
        while let Some(row) = rows.next()? {
            cards.push(benefit_of(row)?);
        }
        Ok(cards)
    }

    /// `POST /v1/rights/benefits/{id}/claim` with its idempotency key.
    pub(crate) fn claim_benefit(
        &mut self,
        key: &str,
        id: &str,
    ) -> Result<BenefitCard, RightsError> {
        self.settle_rights()?;
        let tx = self.conn.transaction()?;
        let missing = || RightsError::NotFound(format!("no benefit {id}"));
        match known_key(&tx, key, "claim", id)? {
            Some(true) => return load_benefit(&tx, id)?.ok_or_else(missing),
            Some(false) => return Err(RightsError::KeyReused),
            None => {}
        }
        let mut card = load_benefit(&tx, id)?.ok_or_else(missing)?;
        if card.claim == BenefitClaim::Automatic {
            return Err(conflict(
                ConflictCode::AutomaticBenefit,
                format!(
                    "benefit {id} ({}) is dispatched automatically; there is nothing to claim",
                    card.kind
                ),
            ));
        }
        match card.status {
            BenefitStatus::Available => {}
            BenefitStatus::Claimed => {
                return Err(conflict(
                    ConflictCode::AlreadyClaimed,
                    format!("benefit {id} was claimed already"),
                ))
            }
            BenefitStatus::Used => {
                return Err(conflict(
                    ConflictCode::BenefitUsed,
                    format!("benefit {id} was used"),
                ))
            }
            BenefitStatus::Expired => {
                let on = card
                    .expires_on
                    .map_or_else(|| "already".to_owned(), |d| format!("on {d}"));
                return Err(conflict(
                    ConflictCode::BenefitExpired,
                    format!("benefit {id} expired {on}"),
                ));
            }
        }
        card.status = BenefitStatus::Claimed;
        tx.execute(
            "UPDATE rights_benefits SET status = ?2 WHERE id = ?1",
            params![id, name_of(&card.status)],
        )?;
        tx.execute(
            "INSERT INTO rights_keys (key, action, target) VALUES (?1, 'claim', ?2)",
            params![key, id],
        )?;
        tx.commit()?;
        Ok(card)
    }

    /// `Control::expire_benefit`: the card expires now (its last day becomes yesterday,
    /// unless it was earlier); `None` for an unknown card. A used card stays used.
    pub(crate) fn expire_benefit(&mut self, id: &str) -> Result<Option<BenefitCard>, StoreError> {
        let yesterday = plus_days(self.today(), -1).to_string();
        self.conn.execute(
            "UPDATE rights_benefits SET
                 expires_on = CASE WHEN expires_on < ?2 THEN expires_on ELSE ?2 END,
                 status = CASE WHEN status = 'used' THEN status ELSE 'expired' END
             WHERE id = ?1",
            params![id, yesterday],
        )?;
        load_benefit(&self.conn, id)
    }

    /// The featured case as it is now: live a day (of the clock) after it was submitted.
    pub(crate) fn featured_case(&mut self) -> Result<Option<FeaturedCase>, StoreError> {
        let row: Option<(String, i64)> = self
            .conn
            .query_row(
                "SELECT text, submitted_at_ms FROM rights_featured_case WHERE id = 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let now = self.clock.now();
        row.map(|(text, ms)| {
            let submitted_at = from_ms(ms)?;
            let reviewed = submitted_at + chrono::TimeDelta::days(1) <= now;
            Ok(FeaturedCase {
                text,
                status: if reviewed {
                    FeaturedCaseStatus::Live
                } else {
                    FeaturedCaseStatus::UnderReview
                },
                submitted_at,
            })
        })
        .transpose()
    }

    /// `POST /v1/rights/featured-case` with a valid text: `(true, case)` submitted now,
    /// `(false, case)` the same text submitted before; another text once one exists is
    /// `already_submitted`.
    pub(crate) fn submit_featured_case(
        &mut self,
        text: &str,
    ) -> Result<(bool, FeaturedCase), RightsError> {
        if let Some(case) = self.featured_case()? {
            if case.text == text {
                return Ok((false, case));
            }
            let on = beijing_day(case.submitted_at);
            return Err(conflict(
                ConflictCode::AlreadySubmitted,
                format!("the creator submitted its featured case on {on}"),
            ));
        }
        let now: DateTime<Utc> = self.clock.now();
        self.conn.execute(
            "INSERT INTO rights_featured_case (id, text, submitted_at_ms) VALUES (1, ?1, ?2)",
            params![text, now.timestamp_millis()],
        )?;
        let case = self.featured_case()?;
        case.map(|c| (true, c))
            .ok_or_else(|| StoreError::Corrupt("the featured case was not stored".into()).into())
    }
}
