//! The rights center (权益中心) of the demo creator: its growth metrics, benefit cards,
//! extra dispatches, star index, preferred-order invitations and featured case, and the
//! MCN agency directory (`/v1/rights/*`, `/v1/agencies`).
//!
//! - `store`: the tables, every read and write of them, and what the clock makes due (a
//!   dispatch expiring after its hour, a card after its last day); `invitations`: the
//!   preferred-order invitations and answering them.
//! - `derived`: what is a function of the seed and the calendar alone: the star index day
//!   by day, the 30-day dispatch periods, the agency directory.
//! - `demo`: the demo creator's data, made once per dataset, and the dispatch that arrives
//!   2 minutes after every start.
//! - `http`: the routes; `control`: the `Control` methods.
//!
//! The sandbox plays the platform: it reports facts (dates, counts, statuses) and never a
//! verdict of a rule (a level, a checklist, DOU+ owed). Where the platform's own data
//! follows a published rule (a guarantee card's 180 days, the hour to accept a dispatch,
//! the promised dispatches of a level, the rating day of agencies) it takes the rule from
//! `stardesk_domain::rights`, so the data exercises the client's computation of it.

mod control;
pub(crate) mod demo;
pub(crate) mod derived;
pub(crate) mod http;
mod invitations;
pub(crate) mod store;

use chrono::NaiveDate;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::store::StoreError;

/// Migration 4: the rights center. `IF NOT EXISTS`, as the tracking migration, so a
/// database an older sandbox half-migrated is still read.
pub(crate) const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS rights_creator (
    id                      INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    anchor                  TEXT    NOT NULL,
    followers               INTEGER NOT NULL,
    courses_completed       INTEGER NOT NULL,
    avg_valid_plays         INTEGER NOT NULL,
    likes                   INTEGER NOT NULL,
    orders                  INTEGER NOT NULL,
    credit_score            INTEGER NOT NULL,
    profile_complete        INTEGER NOT NULL,
    submission_tasks_joined INTEGER NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS rights_posts (
    id           INTEGER NOT NULL PRIMARY KEY,
    published_on TEXT    NOT NULL,
    kind         TEXT    NOT NULL CHECK (kind IN ('video', 'live')),
    valid_plays  INTEGER NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS rights_posts_day ON rights_posts (published_on);
CREATE TABLE IF NOT EXISTS rights_benefits (
    id         TEXT    NOT NULL PRIMARY KEY,
    seq        INTEGER NOT NULL UNIQUE,
    kind       TEXT    NOT NULL,
    level      INTEGER NOT NULL,
    value      TEXT,
    claim      TEXT    NOT NULL CHECK (claim IN ('claimable', 'automatic')),
    issued_on  TEXT    NOT NULL,
    expires_on TEXT,
    status     TEXT    NOT NULL CHECK (status IN ('available', 'claimed', 'used', 'expired'))
) STRICT;
CREATE TABLE IF NOT EXISTS rights_invitations (
    id             TEXT    NOT NULL PRIMARY KEY,
    seq            INTEGER NOT NULL UNIQUE,
    kind           TEXT    NOT NULL CHECK (kind IN ('inquiry', 'dispatch')),
    task_title     TEXT    NOT NULL,
    brand          TEXT    NOT NULL,
    price          TEXT    NOT NULL,
    received_at_ms INTEGER NOT NULL,
    status         TEXT    NOT NULL
                   CHECK (status IN ('pending', 'accepted', 'declined', 'expired'))
) STRICT;
CREATE INDEX IF NOT EXISTS rights_invitations_received ON rights_invitations (received_at_ms);
CREATE TABLE IF NOT EXISTS rights_keys (
    key    TEXT NOT NULL PRIMARY KEY,
    action TEXT NOT NULL,
    target TEXT NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS rights_featured_case (
    id              INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    text            TEXT    NOT NULL,
    submitted_at_ms INTEGER NOT NULL
) STRICT;
";

/// The demo creator's counters the platform reports in `GET /v1/rights/metrics` (its posts
/// and the cycle's months aside), for [`crate::Control::metrics`] and
/// [`crate::Control::set_metrics`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MetricsCounters {
    /// Followers on the main platform (also `/v1/me`'s).
    pub followers: u64,
    pub courses_completed: u32,
    /// The platform's figure for the assessment period: it does not follow the posts.
    pub avg_valid_plays: u64,
    pub likes: u64,
    pub orders: u32,
    pub credit_score: u32,
    pub profile_complete: bool,
    pub submission_tasks_joined: u32,
}

/// A wire enum's snake_case name, as the tables keep it.
pub(crate) fn name_of<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// The wire enum a table's name stands for.
pub(crate) fn parse_name<T: DeserializeOwned>(name: &str) -> Result<T, StoreError> {
    serde_json::from_value(serde_json::Value::String(name.to_owned()))
        .map_err(|_| StoreError::Corrupt(format!("name {name:?}")))
}

/// A `YYYY-MM-DD` column.
pub(crate) fn parse_day(text: &str) -> Result<NaiveDate, StoreError> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| StoreError::Corrupt(format!("day {text:?}")))
}
