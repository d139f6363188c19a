//! What the platform deducts from an order's price at settlement, and what the creator
//! keeps.

use rust_decimal::Decimal;

use crate::money::round_fen;

/// Whether an order came through the ordinary task flow or the preferred programme
/// (优选, R-PREF-1: extra orders dispatched on top of the ordinary ones).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OrderKind {
    Ordinary,
    Preferred,
}

/// How the creator is contracted with the platform.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CreatorKind {
    /// 独立创作达人: settles with the platform directly.
    Independent,
    /// Bound to an MCN agency, which settles the creator's share with it.
    Agency,
}

/// A fee the platform deducts from the creator's gross at settlement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FeeKind {
    /// The 5% platform service fee an independent creator pays (R-PREF-3).
    PlatformService,
    /// The 15% technical service fee on preferred orders (R-PREF-3, R-PREF-6).
    PreferredTechnical,
}

impl FeeKind {
    /// The DOMAIN.md rule that imposes this fee, for the UI to cite next to the line.
    pub const fn rule(self) -> &'static str {
        match self {
            // R-PREF-3 states both: "pays that 15% plus the 5% platform service fee".
            Self::PlatformService | Self::PreferredTechnical => "R-PREF-3",
        }
    }
}

/// The fee rates in force. The platform can change them, so they are data; [`Default`] is
/// the published R-PREF-3 schedule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeeSchedule {
    /// Platform service fee paid by independent creators on every order (published: 5%).
    pub platform_service_rate: Decimal,
    /// Technical service fee on preferred orders, paid by everyone (published: 15%).
    pub preferred_technical_rate: Decimal,
}

impl FeeSchedule {
    /// The published 5% (R-PREF-3).
    pub const PUBLISHED_PLATFORM_SERVICE_RATE: Decimal = Decimal::from_parts(5, 0, 0, false, 2);
    /// The published 15% (R-PREF-3).
    pub const PUBLISHED_PREFERRED_TECHNICAL_RATE: Decimal = Decimal::from_parts(15, 0, 0, false, 2);
}

/// R-PREF-3: 5% platform service fee, 15% preferred technical service fee.
impl Default for FeeSchedule {
    fn default() -> Self {
        Self {
            platform_service_rate: Self::PUBLISHED_PLATFORM_SERVICE_RATE,
            preferred_technical_rate: Self::PUBLISHED_PREFERRED_TECHNICAL_RATE,
        }
    }
}

/// One deduction on a settlement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fee {
    pub kind: FeeKind,
    pub rate: Decimal,
    /// `gross × rate`, rounded to the fen.
    pub amount: Decimal,
}

impl Fee {
    /// The rule id that imposes this fee line.
    pub const fn rule(&self) -> &'static str {
        self.kind.rule()
    }
}

/// Gross, each fee, and net, so the UI can show how the net was reached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NetBreakdown {
    pub gross: Decimal,
    /// In [`FeeKind`] order; a fee that does not apply has no line.
    pub fees: Vec<Fee>,
    /// `gross − Σ fees`, exact (the fees are already whole fen).
    pub net: Decimal,
}

impl NetBreakdown {
    /// Sum of all fee lines.
    pub fn total_fees(&self) -> Decimal {
        self.fees.iter().map(|fee| fee.amount).sum()
    }
}

/// What the creator keeps from an order, per R-PREF-3:
///
/// - a preferred order pays the technical service fee whoever the creator is: independent,
///   agency-bound, or Stars-plan (繁星; R-PREF-6 — it still pays at month-end settlement,
///   so Stars-plan membership is deliberately not an input here);
/// - an independent creator also pays the platform service fee, on ordinary and preferred
///   orders alike ("ordinary orders keep their usual fees");
/// - an agency creator pays no platform service fee here: it settles that with its agency.
///
/// Each fee is computed on the gross (they do not compound) and rounded to the fen on its
/// own, since the platform's statement shows each as a line; the net is then exact. A
/// negative gross (a reversal) yields mirrored fees.
pub fn net_income(
    gross: Decimal,
    order: OrderKind,
    creator: CreatorKind,
    schedule: &FeeSchedule,
) -> NetBreakdown {
    let mut fees = Vec::with_capacity(2);
    let mut charge = |kind, rate: Decimal| {
        fees.push(Fee {
            kind,
            rate,
            amount: round_fen(gross * rate),
        });
    };
    if creator == CreatorKind::Independent {
        charge(FeeKind::PlatformService, schedule.platform_service_rate);
    }
    if order == OrderKind::Preferred {
        charge(
            FeeKind::PreferredTechnical,
            schedule.preferred_technical_rate,
        );
    }
    let net = gross - fees.iter().map(|fee| fee.amount).sum::<Decimal>();
    NetBreakdown { gross, fees, net }
}
