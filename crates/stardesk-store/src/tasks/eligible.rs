//! "Only tasks I am eligible for", precomputed: `task_hall.eligible` holds the answer for
//! the creator and day in `task_hall_basis` (migration 0009), so the filter counts and
//! pages from an index instead of evaluating the rules on every task. The answer depends
//! on the day and on the creator's profile: [`Store::refresh_eligibility`] recomputes it
//! in one statement when either changed, and [`Store::apply_page`] for the tasks a page
//! changed. A query for another creator or day than the stored one evaluates the same
//! condition on `task_hall` instead: slower, never wrong.

use rusqlite::types::Value;
use rusqlite::{params, Connection, OptionalExtension};

use super::EligibleFor;
use crate::{Store, StoreError};

/// What the rules come to for one creator on one day: the task-independent parts of
/// R-JOIN-1 and R-REVIEW-11 reduced to two answers, and what the tasks' own settings are
/// compared with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Basis {
    today: String,
    followers: i64,
    /// R-REVIEW-11: an independent creator's followers are in the range, or the agency's
    /// deposit was never deducted.
    review_ok: bool,
    /// R-JOIN-1: followers enough for an opened account (every task but product review).
    account_ok: bool,
}

impl From<&EligibleFor> for Basis {
    fn from(e: &EligibleFor) -> Self {
        Basis {
            today: e.today.to_string(),
            followers: i64::try_from(e.followers).unwrap_or(i64::MAX),
            review_ok: match e.agency_deposit_deducted {
                None => (e.review_min_followers..=e.review_max_followers).contains(&e.followers),
                Some(deducted) => !deducted,
            },
            account_ok: e.followers >= e.account_min_followers,
        }
    }
}

impl Basis {
    /// The condition on `task_hall`'s columns (under `alias`), mirroring
    /// `stardesk_domain::eligibility::check` (a core test proves they agree on every task
    /// of the sandbox); its parameters are pushed onto `args`.
    pub(super) fn condition(&self, alias: &str, args: &mut Vec<Value>) -> String {
        args.extend([
            Value::Text(self.today.clone()),
            Value::Text(self.today.clone()),
            Value::Integer(self.followers),
            Value::Integer(self.followers),
            Value::Integer(i64::from(self.review_ok)),
            Value::Integer(i64::from(self.account_ok)),
        ]);
        let a = alias;
        format!(
            "({a}.apply_start <= ? AND {a}.apply_end >= ? AND {a}.slots_taken < {a}.slots_wanted
              AND {a}.min_followers <= ?
              AND ({a}.max_followers IS NULL OR {a}.max_followers >= ?)
              AND CASE WHEN {a}.settlement_mode = 'product_review' THEN ? ELSE ? END)"
        )
    }

    /// The basis `task_hall.eligible` was computed for, if any.
    pub(super) fn stored(conn: &Connection) -> rusqlite::Result<Option<Basis>> {
        conn.prepare_cached(
            "SELECT today, followers, review_ok, account_ok FROM task_hall_basis WHERE id = 1",
        )?
        .query_row([], |r| {
            Ok(Basis {
                today: r.get(0)?,
                followers: r.get(1)?,
                review_ok: r.get(2)?,
                account_ok: r.get(3)?,
            })
        })
        .optional()
    }

    /// Recomputes the flag of the tasks in `rowids` (a JSON array) for this basis,
    /// writing those whose flag changes.
    pub(super) fn apply_to(&self, conn: &Connection, rowids: &str) -> rusqlite::Result<()> {
        let mut args = Vec::new();
        let condition = self.condition("task_hall", &mut args);
        let mut all = args.clone();
        all.push(Value::Text(rowids.to_string()));
        all.extend(args);
        conn.prepare_cached(&format!(
            "UPDATE task_hall SET eligible = {condition}
             WHERE task_rowid IN (SELECT value FROM json_each(?)) AND eligible <> {condition}"
        ))?
        .execute(rusqlite::params_from_iter(all))?;
        Ok(())
    }
}

impl Store {
    /// Whether `task_hall.eligible` already answers "eligible only" for `e`.
    pub fn eligibility_is_current(&self, e: &EligibleFor) -> Result<bool, StoreError> {
        Basis::stored(&self.conn)
            .map(|stored| stored.as_ref() == Some(&Basis::from(e)))
            .map_err(|err| self.err(err))
    }

    /// Makes `task_hall.eligible` answer "eligible only" for `e` (the creator's profile
    /// and the day it names): one statement over the tasks whose answer changed, and the
    /// basis, in one transaction. Nothing to do when it already does.
    pub fn refresh_eligibility(&mut self, e: &EligibleFor) -> Result<(), StoreError> {
        let path = self.path().to_path_buf();
        let sq = |err| StoreError::sqlite(&path, err);
        let basis = Basis::from(e);
        let tx = self.conn.transaction().map_err(sq)?;
        if Basis::stored(&tx).map_err(sq)?.as_ref() != Some(&basis) {
            let mut args = Vec::new();
            let condition = basis.condition("task_hall", &mut args);
            let twice: Vec<Value> = args.iter().chain(args.iter()).cloned().collect();
            tx.execute(
                &format!(
                    "UPDATE task_hall SET eligible = {condition} WHERE eligible <> {condition}"
                ),
                rusqlite::params_from_iter(twice),
            )
            .map_err(sq)?;
            tx.execute(
                "INSERT INTO task_hall_basis (id, today, followers, review_ok, account_ok)
                 VALUES (1, ?1, ?2, ?3, ?4)
                 ON CONFLICT (id) DO UPDATE SET today = excluded.today,
                    followers = excluded.followers, review_ok = excluded.review_ok,
                    account_ok = excluded.account_ok",
                params![
                    basis.today,
                    basis.followers,
                    basis.review_ok,
                    basis.account_ok
                ],
            )
            .map_err(sq)?;
        }
        tx.commit().map_err(sq)
    }
}
