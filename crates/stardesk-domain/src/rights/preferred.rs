//! Preferred orders (优选, R-PREF-*) from the creator's side: the hour to accept a
//! dispatch, the acceptance rate against its 80% floor, and what a preferred order nets.

use chrono::{NaiveDateTime, TimeDelta};
use rust_decimal::Decimal;

use crate::fees::{net_income, CreatorKind, FeeSchedule, NetBreakdown, OrderKind};

/// R-PREF-4, R-PREF-7: a dispatch must be accepted within 1 hour of arriving.
pub const RESPONSE_WINDOW: TimeDelta = TimeDelta::hours(1);

/// R-PREF-2: the acceptance rate of preferred inquiries must stay at 80% or above.
pub const ACCEPTANCE_FLOOR_PERCENT: Decimal = Decimal::from_parts(80, 0, 0, false, 0);

/// R-PREF-4: the moment the hour to accept a dispatch received at `received_at` ends.
pub fn respond_by(received_at: NaiveDateTime) -> NaiveDateTime {
    received_at
        .checked_add_signed(RESPONSE_WINDOW)
        .unwrap_or(NaiveDateTime::MAX)
}

/// R-PREF-4: the time left to accept the dispatch at `now`, or `None` once the hour is
/// over. The hour is half-open, `[received_at, received_at + 1 h)`: at exactly
/// `received_at + 1 h` nothing is left and the answer is `None`, one second before it is
/// one second. A `now` before `received_at` (clocks disagreeing) gives the whole hour,
/// never more.
pub fn time_left(received_at: NaiveDateTime, now: NaiveDateTime) -> Option<TimeDelta> {
    let by = respond_by(received_at);
    (now < by).then(|| (by - now).min(RESPONSE_WINDOW))
}

/// R-PREF-2: the acceptance rate of preferred inquiries as a percentage, exact (to
/// `Decimal`'s 28 digits; round only for showing, so that 79.996% is never shown as, or
/// judged, 80%). No inquiry yet is 100%: nothing has been refused. An `accepted` above
/// `total` is taken as `total`.
pub fn acceptance_rate(accepted: u32, total: u32) -> Decimal {
    if total == 0 {
        return Decimal::ONE_HUNDRED;
    }
    Decimal::from(accepted.min(total)) * Decimal::ONE_HUNDRED / Decimal::from(total)
}

/// R-PREF-2, R-PREF-5: the acceptance rate after refusing one more inquiry (one more
/// inquiry, no more accepted), to show before the creator refuses.
pub fn after_decline(accepted: u32, total: u32) -> Decimal {
    acceptance_rate(accepted, total.saturating_add(1))
}

/// R-PREF-2: whether a rate is under the 80% floor; exactly 80% is not ("80% or above").
pub fn below_floor(rate: Decimal) -> bool {
    rate < ACCEPTANCE_FLOOR_PERCENT
}

/// R-PREF-2, R-PREF-5: how many more inquiries can be refused, none accepted in between,
/// while staying at or above the floor: the largest `k` with
/// `accepted / (total + k) ≥ 80%`. 0 when already below.
pub fn declines_left(accepted: u32, total: u32) -> u32 {
    let accepted = accepted.min(total);
    let most_inquiries =
        (Decimal::from(accepted) * Decimal::ONE_HUNDRED / ACCEPTANCE_FLOOR_PERCENT).floor();
    u32::try_from((most_inquiries - Decimal::from(total)).max(Decimal::ZERO)).unwrap_or(u32::MAX)
}

/// What a preferred order nets, with the Stars-plan note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreferredNet {
    pub breakdown: NetBreakdown,
    /// R-PREF-6: the creator is in the Stars plan (繁星): show that this order does not
    /// count toward its Stars-plan order total, and that the 15% is still deducted at the
    /// month-end settlement. The fees are the same either way.
    pub stars_plan_note: bool,
}

/// R-PREF-3, R-PREF-6: a preferred order's price less the 15% technical service fee, and
/// for an independent creator (独立创作达人) the 5% platform service fee too.
///
/// The fees do not stack sequentially: each is a rate of the price (the gross), as
/// [`net_income`] computes every settlement, since the source states them side by side
/// ("15%技术服务费+5%的平台服务费") as lines of the statement. On ¥1,000 an independent
/// creator keeps ¥800.00, not ¥1,000 × 0.85 × 0.95 = ¥807.50. Each fee is rounded to the
/// fen 四舍五入 on its own.
pub fn preferred_net(
    price: Decimal,
    creator: CreatorKind,
    stars_plan: bool,
    schedule: &FeeSchedule,
) -> PreferredNet {
    PreferredNet {
        breakdown: net_income(price, OrderKind::Preferred, creator, schedule),
        stars_plan_note: stars_plan,
    }
}
