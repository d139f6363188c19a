//! The demo creator's rights data, made once per dataset around its anchor day, and the
//! preferred dispatch that arrives 2 minutes after every start.
//!
//! The creator is realistic and one step from the next level: LV2 with everything of LV3
//! but the followers (268,000, not above 300,000; R-LEVEL-2), 8 courses, 21 posts in the
//! last 30 days of which the oldest leaves the window in 2 days and the next in 4, an
//! average of valid plays above 50,000. Its LV2 cards (R-LEVEL-4) include guarantee cards
//! whose 180 days end 4 days after the anchor (R-LEVEL-6); the dispatch period that ended
//! last sent 3 fewer than promised (`super::derived`, R-LEVEL-7); 9 of its 11 answered
//! inquiries were accepted, just above the 80% floor (R-PREF-2).

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use rusqlite::{params, Connection};
use rust_decimal::Decimal;
use stardesk_domain::earnings::GuaranteeCard;
use stardesk_domain::rights::{card_expiry, BenefitKind, BenefitTable, Claim, StatedValue, Tier};
use stardesk_platform::wire::{Invitation, InvitationKind, InvitationStatus, PostKind};

use super::name_of;
use crate::catalog::{brands, INDUSTRIES};
use crate::clock::{beijing_day, plus_days, start_of};
use crate::rng::{benefit_id, invitation_id, mix64, SplitMix64};
use crate::store::{Store, StoreError};

/// The demo creator's level (also `/v1/me`'s).
pub(crate) const DEMO_LEVEL: u8 = 2;
/// The demo creator's followers at first (also `/v1/me`'s).
pub(crate) const DEMO_FOLLOWERS: u64 = 268_000;
/// The dispatch of every start arrives this long after it, so its hour runs visibly.
pub(crate) const START_DISPATCH_AFTER: TimeDelta = TimeDelta::minutes(2);

/// The day the demo creator reached its level: its dispatch periods start there.
pub(crate) fn level_since(anchor: NaiveDate) -> NaiveDate {
    plus_days(anchor, -super::derived::LEVEL_SINCE_DAYS)
}

/// The posts: (day offset from the anchor, kind, valid plays). 21 in the 30 days ending on
/// the anchor (the oldest two 28 and 26 days before it), 14 in the 30 days before those,
/// 16 older ones for the cycle's first months. The window's average is lifted above
/// 50,000 if the draw fell short.
fn posts(seed: u64) -> (Vec<(i64, PostKind, u64)>, u64) {
    let mut rng = SplitMix64::new(seed ^ 0x9057_0000_0000_0008);
    let mut days: Vec<i64> = vec![-28, -26];
    days.extend((0..19).map(|_| rng.range(-25, 0)));
    let in_window = days.len();
    days.extend((0..14).map(|_| rng.range(-59, -30)));
    days.extend((0..16).map(|_| rng.range(-99, -60)));
    let mut posts: Vec<(i64, PostKind, u64)> = days
        .into_iter()
        .map(|d| {
            if rng.chance(16) {
                (d, PostKind::Live, rng.range(20_000, 90_000) as u64)
            } else {
                (d, PostKind::Video, rng.low_range(28_000, 160_000) as u64)
            }
        })
        .collect();
    let window = &mut posts[..in_window];
    let average = |w: &[(i64, PostKind, u64)]| w.iter().map(|p| p.2).sum::<u64>() / w.len() as u64;
    let floor = 52_000 + rng.range(0, 3_000) as u64;
    if average(window) < floor {
        let lift = floor - average(window);
        window.iter_mut().for_each(|p| p.2 += lift);
    }
    let avg = average(window);
    posts.sort_by_key(|p| p.0);
    (posts, avg)
}

/// The task, brand and price of the `seq`-th invitation.
fn offer(seed: u64, seq: u64) -> (String, String, Decimal) {
    let mut rng = SplitMix64::new(seed ^ mix64(seq ^ 0x0FFE_0000_0000_0009));
    let weights: Vec<u32> = INDUSTRIES.iter().map(|i| i.weight).collect();
    let i = rng.weighted(&weights);
    let names = &brands()[i];
    let brand = names[rng.index(names.len())].clone();
    let product = rng.pick(INDUSTRIES[i].products);
    let what = rng.pick(&[
        "种草视频",
        "开箱测评",
        "真实体验分享",
        "年终好物推荐",
        "直播专场",
    ]);
    let price = Decimal::from(rng.range(30, 200) * 100);
    (format!("【优选】{brand}{product}{what}"), brand, price)
}

/// Stores an invitation received at `at`; `price` `None` takes the offer's own.
pub(crate) fn insert_invitation(
    conn: &Connection,
    seed: u64,
    kind: InvitationKind,
    price: Option<Decimal>,
    at: DateTime<Utc>,
    status: InvitationStatus,
) -> Result<Invitation, StoreError> {
    let seq: i64 = conn.query_row("SELECT count(*) FROM rights_invitations", [], |r| r.get(0))?;
    let seq = u64::try_from(seq).unwrap_or(0);
    let (task_title, brand, drawn) = offer(seed, seq);
    let invitation = Invitation {
        id: invitation_id(seed, seq),
        kind,
        task_title,
        brand,
        price: price.unwrap_or(drawn),
        received_at: at,
        status,
    };
    conn.execute(
        "INSERT INTO rights_invitations
             (id, seq, kind, task_title, brand, price, received_at_ms, status)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            invitation.id,
            i64::try_from(seq).unwrap_or(i64::MAX),
            name_of(&invitation.kind),
            invitation.task_title,
            invitation.brand,
            invitation.price.to_string(),
            at.timestamp_millis(),
            name_of(&invitation.status),
        ],
    )?;
    Ok(invitation)
}

struct Card {
    kind: BenefitKind,
    value: Option<Decimal>,
    claim: Claim,
    issued_on: NaiveDate,
    expires_on: Option<NaiveDate>,
    status: &'static str,
}

fn insert_card(conn: &Connection, seed: u64, level: u8, c: &Card) -> Result<(), StoreError> {
    let seq: i64 = conn.query_row("SELECT count(*) FROM rights_benefits", [], |r| r.get(0))?;
    let claim = match c.claim {
        Claim::Automatic => "automatic",
        Claim::Claimable => "claimable",
    };
    conn.execute(
        "INSERT INTO rights_benefits
             (id, seq, kind, level, value, claim, issued_on, expires_on, status)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            benefit_id(seed, u64::try_from(seq).unwrap_or(0)),
            seq,
            c.kind.key(),
            level,
            c.value.map(|v| v.to_string()),
            claim,
            c.issued_on.to_string(),
            c.expires_on.map(|d| d.to_string()),
            c.status,
        ],
    )?;
    Ok(())
}

/// The cards of `level` as the published table lists them (R-LEVEL-4, R-LEVEL-5): the
/// basic ones issued when the level was reached, automatic ones dispatched (`claimed`);
/// the reward ones issued at the end of a cycle. Guarantee cards come in three batches:
/// 52 days ago (usable), 175 days ago (their last day is in 4 days) and 290 days ago (one
/// used, the others expired), the first of each batch claimed.
fn cards(level: u8, anchor: NaiveDate) -> Vec<Card> {
    let table = BenefitTable::published();
    let Some(benefits) = table.level(level) else {
        return Vec::new();
    };
    let since = level_since(anchor);
    let mut out = Vec::new();
    for b in &benefits.benefits {
        let value = b.value.map(|v| match v {
            StatedValue::Exactly(v) | StatedValue::AtLeast(v) => v,
        });
        if b.kind == BenefitKind::GuaranteeCard {
            for (ago, first, rest) in [
                (52, "claimed", "available"),
                (175, "claimed", "available"),
                (290, "used", "expired"),
            ] {
                let issued_on = plus_days(anchor, -ago);
                for n in 0..b.count.unwrap_or(1) {
                    out.push(Card {
                        kind: b.kind,
                        value: Some(value.unwrap_or(GuaranteeCard::PUBLISHED_VALUE)),
                        claim: b.claim,
                        issued_on,
                        expires_on: Some(card_expiry(issued_on)),
                        status: if n == 0 { first } else { rest },
                    });
                }
            }
            continue;
        }
        let status = match (b.claim, b.kind) {
            (Claim::Automatic, _) | (_, BenefitKind::ExtraDispatch) => "claimed",
            _ => "available",
        };
        out.push(Card {
            kind: b.kind,
            value,
            claim: b.claim,
            issued_on: match b.tier {
                Tier::Basic => since,
                Tier::Reward => plus_days(anchor, -52),
            },
            expires_on: None,
            status,
        });
    }
    out.sort_by_key(|c| c.issued_on);
    out
}

/// An instant on a Beijing day.
fn on(day: NaiveDate, minutes: i64) -> DateTime<Utc> {
    start_of(day) + TimeDelta::minutes(minutes)
}

impl Store {
    /// Makes the demo creator's rights data around `now` (the anchor is its Beijing day),
    /// once per dataset: a file that has it keeps it.
    pub(crate) fn seed_demo_rights(&mut self, now: DateTime<Utc>) -> Result<(), StoreError> {
        if self.meta("demo_rights")?.is_some() {
            return Ok(());
        }
        let seed = self.seed;
        let anchor = beijing_day(now);
        let (posts, avg) = posts(seed);
        let mut rng = SplitMix64::new(seed ^ 0xC0DE_0000_0000_000A);
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO rights_creator (id, anchor, followers, courses_completed,
                 avg_valid_plays, likes, orders, credit_score, profile_complete,
                 submission_tasks_joined)
             VALUES (1, ?1, ?2, 8, ?3, ?4, ?5, ?6, 1, ?7)",
            params![
                anchor.to_string(),
                i64::try_from(DEMO_FOLLOWERS).unwrap_or(0),
                i64::try_from(avg).unwrap_or(0),
                rng.range(420_000, 560_000),
                rng.range(3, 6),
                rng.range(82, 95),
                rng.range(4, 9),
            ],
        )?;
        for (offset, kind, plays) in posts {
            tx.execute(
                "INSERT INTO rights_posts (published_on, kind, valid_plays) VALUES (?1, ?2, ?3)",
                params![
                    plus_days(anchor, offset).to_string(),
                    name_of(&kind),
                    i64::try_from(plays).unwrap_or(0)
                ],
            )?;
        }
        for card in cards(DEMO_LEVEL, anchor) {
            insert_card(&tx, seed, DEMO_LEVEL, &card)?;
        }
        // Invitations: 11 inquiries answered over the last 55 days (2 declined), a
        // dispatch accepted 20 days ago and one left to expire 9 days ago, and an inquiry
        // waiting since 3 hours ago.
        let mut received: Vec<(DateTime<Utc>, InvitationKind, InvitationStatus)> = Vec::new();
        let declined = [rng.range(0, 5), rng.range(6, 10)];
        for n in 0..11 {
            let day = plus_days(anchor, -55 + n * 5 + rng.range(0, 3));
            let status = if declined.contains(&n) {
                InvitationStatus::Declined
            } else {
                InvitationStatus::Accepted
            };
            let at = on(day, rng.range(9 * 60, 21 * 60));
            received.push((at, InvitationKind::Inquiry, status));
        }
        for (ago, status) in [
            (20, InvitationStatus::Accepted),
            (9, InvitationStatus::Expired),
        ] {
            let at = on(plus_days(anchor, -ago), rng.range(10 * 60, 20 * 60));
            received.push((at, InvitationKind::Dispatch, status));
        }
        let waiting = now - TimeDelta::hours(3);
        received.push((waiting, InvitationKind::Inquiry, InvitationStatus::Pending));
        received.sort_by_key(|r| r.0);
        for (at, kind, status) in received {
            insert_invitation(&tx, seed, kind, None, at, status)?;
        }
        tx.execute(
            "INSERT INTO meta (key, value) VALUES ('demo_rights', '1')",
            [],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// The preferred dispatch of this start (R-PREF-4), arriving [`START_DISPATCH_AFTER`]
    /// after `now`, unless one is already on its way.
    pub(crate) fn dispatch_after_start(&mut self, now: DateTime<Utc>) -> Result<(), StoreError> {
        let on_its_way: i64 = self.conn.query_row(
            "SELECT count(*) FROM rights_invitations
             WHERE kind = 'dispatch' AND received_at_ms > ?1",
            [now.timestamp_millis()],
            |r| r.get(0),
        )?;
        if on_its_way == 0 {
            insert_invitation(
                &self.conn,
                self.seed,
                InvitationKind::Dispatch,
                None,
                now + START_DISPATCH_AFTER,
                InvitationStatus::Pending,
            )?;
        }
        Ok(())
    }

    /// `Control::send_invitation`: one arriving now.
    pub(crate) fn send_invitation(
        &mut self,
        kind: InvitationKind,
        price: Option<Decimal>,
    ) -> Result<Invitation, StoreError> {
        let now = self.clock.now();
        insert_invitation(
            &self.conn,
            self.seed,
            kind,
            price,
            now,
            InvitationStatus::Pending,
        )
    }
}
