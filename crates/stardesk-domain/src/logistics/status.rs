//! One status model for a parcel, whatever the tracking source: kuaidi100's main states
//! (`state`) and its advanced codes (`resultv2=4`, `statusCode`) both map onto
//! [`ShipmentState`].
//!
//! Delivery status is what the carrier reports (R-REVIEW-16): these states are the
//! carrier's word, not the creator's.

/// Where a parcel is, as the carrier reports it (R-REVIEW-16).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ShipmentState {
    /// An order was placed with the carrier (kuaidi100 101 已下单).
    Ordered,
    /// Waiting for the courier to collect it (102 待揽收).
    AwaitingPickup,
    /// The carrier has it (1 揽收, 103 已揽收).
    PickedUp,
    /// On the way (0 在途, 7 转投, 1002 干线, 1003 转递).
    InTransit,
    /// Arrived in the delivery city (1001 到达派件城市).
    AtDeliveryCity,
    /// Out for delivery (5 派件).
    OutForDelivery,
    /// In a locker or pickup station, waiting to be collected (501 投柜或驿站).
    AtPickupPoint,
    /// Signed for (3 签收, 301–304).
    Delivered,
    /// Stuck: address problem, overdue, damaged... (2 疑难).
    Problem,
    /// On its way back to the sender (6 退回).
    Returning,
    /// Back with the sender and signed for there (4 退签).
    Returned,
    /// The receiver refused it (14 拒签).
    Refused,
    /// In customs (8 清关, 10–13).
    Customs,
    /// The order was cancelled before shipping (401 已销单).
    Cancelled,
}

impl ShipmentState {
    /// Every state, in the order of a parcel's life.
    pub const ALL: [ShipmentState; 14] = [
        ShipmentState::Ordered,
        ShipmentState::AwaitingPickup,
        ShipmentState::PickedUp,
        ShipmentState::InTransit,
        ShipmentState::AtDeliveryCity,
        ShipmentState::OutForDelivery,
        ShipmentState::AtPickupPoint,
        ShipmentState::Delivered,
        ShipmentState::Problem,
        ShipmentState::Returning,
        ShipmentState::Returned,
        ShipmentState::Refused,
        ShipmentState::Customs,
        ShipmentState::Cancelled,
    ];

    /// The state's stable snake_case name.
    pub const fn name(self) -> &'static str {
        match self {
            ShipmentState::Ordered => "ordered",
            ShipmentState::AwaitingPickup => "awaiting_pickup",
            ShipmentState::PickedUp => "picked_up",
            ShipmentState::InTransit => "in_transit",
            ShipmentState::AtDeliveryCity => "at_delivery_city",
            ShipmentState::OutForDelivery => "out_for_delivery",
            ShipmentState::AtPickupPoint => "at_pickup_point",
            ShipmentState::Delivered => "delivered",
            ShipmentState::Problem => "problem",
            ShipmentState::Returning => "returning",
            ShipmentState::Returned => "returned",
            ShipmentState::Refused => "refused",
            ShipmentState::Customs => "customs",
            ShipmentState::Cancelled => "cancelled",
        }
    }

    /// The state named `name` (exactly as [`ShipmentState::name`] spells it).
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.name() == name)
    }

    /// Nothing more will happen to the parcel, so there is nothing more to poll:
    /// delivered, returned, refused or cancelled.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            ShipmentState::Delivered
                | ShipmentState::Returned
                | ShipmentState::Refused
                | ShipmentState::Cancelled
        )
    }
}

/// A field kuaidi100 sent, trimmed; an empty string is the same as no field.
fn present(text: Option<&str>) -> Option<&str> {
    text.map(str::trim).filter(|t| !t.is_empty())
}

/// kuaidi100's main state codes (`state`).
fn main_state(code: &str) -> Option<ShipmentState> {
    Some(match code {
        "0" | "7" => ShipmentState::InTransit,
        "1" => ShipmentState::PickedUp,
        "2" => ShipmentState::Problem,
        "3" => ShipmentState::Delivered,
        "4" => ShipmentState::Returned,
        "5" => ShipmentState::OutForDelivery,
        "6" => ShipmentState::Returning,
        "8" | "10" | "11" | "12" | "13" => ShipmentState::Customs,
        "14" => ShipmentState::Refused,
        _ => return None,
    })
}

/// kuaidi100's documented advanced codes (`resultv2=4`).
fn advanced_code(code: &str) -> Option<ShipmentState> {
    Some(match code {
        "101" => ShipmentState::Ordered,
        "102" => ShipmentState::AwaitingPickup,
        "103" => ShipmentState::PickedUp,
        "1001" => ShipmentState::AtDeliveryCity,
        "1002" | "1003" => ShipmentState::InTransit,
        "501" => ShipmentState::AtPickupPoint,
        "301" | "302" | "303" | "304" => ShipmentState::Delivered,
        "401" => ShipmentState::Cancelled,
        _ => return None,
    })
}

/// An advanced code kuaidi100 may add later, read by its family: the advanced codes are
/// numbered `main × 100 + n` (`2xx` under 疑难, `5xx` under 派件, ...) except those under
/// 在途 (0), which are `1000 + n`. So a three-digit code `Mnn` (M = 1–9, nn ≠ 00) belongs
/// to main state M and a four-digit `10nn` (nn ≠ 00) to main state 0; any other shape has
/// no family.
fn code_family(code: &str) -> Option<ShipmentState> {
    if !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    match code.len() {
        3 if !code.starts_with('0') && &code[1..] != "00" => main_state(&code[..1]),
        4 if code.starts_with("10") && &code[2..] != "00" => main_state("0"),
        _ => None,
    }
}

/// A kuaidi100 answer's state: the main `state` and, with `resultv2=4`, its `statusCode`.
///
/// A known advanced code refines the main state (102 → awaiting pickup, 501 → at a pickup
/// point, 401 → cancelled...); an unknown advanced code of a known family (see the module's
/// `code_family`: `2xx` → problem, `10nn` → in transit...) counts as its family's main
/// state; any other code is ignored and the main state stands. The main state is required:
/// absent (or empty) or unknown → `None`, because an answer we cannot read must not pass
/// for a state. Surrounding whitespace is ignored; an empty string is an absent field.
pub fn map_kuaidi100(state: &str, status_code: Option<&str>) -> Option<ShipmentState> {
    let main = main_state(present(Some(state))?)?;
    let refined = present(status_code).and_then(|c| advanced_code(c).or_else(|| code_family(c)));
    Some(refined.unwrap_or(main))
}

/// The Chinese word kuaidi100 puts in an event's `status`.
fn status_word(word: &str) -> Option<ShipmentState> {
    Some(match word {
        "在途" | "转投" | "干线" | "转递" => ShipmentState::InTransit,
        "揽收" | "已揽收" => ShipmentState::PickedUp,
        "疑难" => ShipmentState::Problem,
        "签收" | "本人签收" | "派件异常后签收" | "代签" | "投柜或站签收" => {
            ShipmentState::Delivered
        }
        "退签" => ShipmentState::Returned,
        "派件" => ShipmentState::OutForDelivery,
        "退回" => ShipmentState::Returning,
        "清关" | "待清关" | "清关中" | "已清关" | "清关异常" => {
            ShipmentState::Customs
        }
        "拒签" => ShipmentState::Refused,
        "已下单" => ShipmentState::Ordered,
        "待揽收" => ShipmentState::AwaitingPickup,
        "到达派件城市" => ShipmentState::AtDeliveryCity,
        "投柜或驿站" => ShipmentState::AtPickupPoint,
        "已销单" => ShipmentState::Cancelled,
        _ => return None,
    })
}

/// The state one tracking event reports: its `statusCode` when that is a code we read (an
/// advanced code, a main state code or an advanced code's family, in that order), else its
/// Chinese `status` word (在途, 揽收, 签收, 已下单, 投柜或驿站, ...). `None` when neither is
/// known. Whitespace around either is ignored; empty strings are absent.
pub fn map_event_status(status_code: Option<&str>, status_word_zh: &str) -> Option<ShipmentState> {
    present(status_code)
        .and_then(|c| {
            advanced_code(c)
                .or_else(|| main_state(c))
                .or_else(|| code_family(c))
        })
        .or_else(|| present(Some(status_word_zh)).and_then(status_word))
}
