//! The one status model: kuaidi100's main states, its advanced codes (`resultv2=4`) and
//! the words of single events (R-REVIEW-16: delivery status is what the carrier reports).

use stardesk_domain::logistics::status::{map_event_status, map_kuaidi100, ShipmentState};
use ShipmentState::*;

#[test]
fn every_state_has_its_snake_case_name_and_back() {
    let names: Vec<&str> = ShipmentState::ALL.iter().map(|s| s.name()).collect();
    assert_eq!(
        names,
        [
            "ordered",
            "awaiting_pickup",
            "picked_up",
            "in_transit",
            "at_delivery_city",
            "out_for_delivery",
            "at_pickup_point",
            "delivered",
            "problem",
            "returning",
            "returned",
            "refused",
            "customs",
            "cancelled",
        ]
    );
    for state in ShipmentState::ALL {
        assert_eq!(ShipmentState::from_name(state.name()), Some(state));
    }
    for wrong in ["", "Delivered", " delivered", "signed", "in-transit"] {
        assert_eq!(ShipmentState::from_name(wrong), None, "{wrong:?}");
    }
}

#[test]
fn delivered_returned_refused_and_cancelled_are_final_and_nothing_else() {
    let finals: Vec<ShipmentState> = ShipmentState::ALL
        .into_iter()
        .filter(|s| s.is_final())
        .collect();
    assert_eq!(finals, [Delivered, Returned, Refused, Cancelled]);
}

#[test]
fn r_review_16_every_kuaidi100_main_state() {
    let table = [
        ("0", InTransit),
        ("1", PickedUp),
        ("2", Problem),
        ("3", Delivered),
        ("4", Returned),
        ("5", OutForDelivery),
        ("6", Returning),
        ("7", InTransit),
        ("8", Customs),
        ("10", Customs),
        ("11", Customs),
        ("12", Customs),
        ("13", Customs),
        ("14", Refused),
    ];
    for (state, expected) in table {
        assert_eq!(map_kuaidi100(state, None), Some(expected), "state {state}");
        assert_eq!(
            map_kuaidi100(state, Some("")),
            Some(expected),
            "state {state}"
        );
    }
}

#[test]
fn an_unknown_or_absent_main_state_is_none_even_with_a_known_code() {
    for state in ["9", "15", "-1", "", "  ", "在途", "03x"] {
        assert_eq!(map_kuaidi100(state, None), None, "{state:?}");
        assert_eq!(map_kuaidi100(state, Some("301")), None, "{state:?}");
    }
}

#[test]
fn whitespace_around_the_fields_is_ignored() {
    assert_eq!(map_kuaidi100(" 3 ", None), Some(Delivered));
    assert_eq!(map_kuaidi100("5", Some(" 501 ")), Some(AtPickupPoint));
    assert_eq!(map_kuaidi100("1", Some("   ")), Some(PickedUp));
}

#[test]
fn r_review_16_every_advanced_code_refines_its_main_state() {
    let table = [
        ("1", "101", Ordered),
        ("1", "102", AwaitingPickup),
        ("1", "103", PickedUp),
        ("0", "1001", AtDeliveryCity),
        ("0", "1002", InTransit),
        ("0", "1003", InTransit),
        ("5", "501", AtPickupPoint),
        ("3", "301", Delivered),
        ("3", "302", Delivered),
        ("3", "303", Delivered),
        ("3", "304", Delivered),
        ("4", "401", Cancelled),
    ];
    for (state, code, expected) in table {
        assert_eq!(map_kuaidi100(state, Some(code)), Some(expected), "{code}");
    }
}

#[test]
fn an_unknown_advanced_code_counts_as_its_family_or_is_ignored() {
    // Mnn belongs to main state M; 10nn to main state 0.
    assert_eq!(map_kuaidi100("2", Some("201")), Some(Problem));
    assert_eq!(map_kuaidi100("0", Some("205")), Some(Problem));
    assert_eq!(map_kuaidi100("5", Some("502")), Some(OutForDelivery));
    assert_eq!(map_kuaidi100("0", Some("1004")), Some(InTransit));
    assert_eq!(map_kuaidi100("6", Some("601")), Some(Returning));
    // No family: the main state stands.
    for code in ["100", "300", "1000", "1101", "99", "9", "abc", "30１"] {
        assert_eq!(map_kuaidi100("3", Some(code)), Some(Delivered), "{code:?}");
    }
    // A family whose main state is unknown (9) is no family either.
    assert_eq!(map_kuaidi100("1", Some("901")), Some(PickedUp));
}

#[test]
fn r_review_16_an_event_by_its_code_first() {
    assert_eq!(map_event_status(Some("1001"), "在途"), Some(AtDeliveryCity));
    assert_eq!(map_event_status(Some("3"), "在途"), Some(Delivered));
    assert_eq!(map_event_status(Some("14"), ""), Some(Refused));
    assert_eq!(map_event_status(Some("204"), "派件"), Some(Problem));
    // A code we cannot read falls back to the word.
    assert_eq!(map_event_status(Some("999"), "签收"), Some(Delivered));
    assert_eq!(map_event_status(Some(""), "揽收"), Some(PickedUp));
    assert_eq!(map_event_status(None, " 派件 "), Some(OutForDelivery));
}

#[test]
fn r_review_16_an_event_by_its_word() {
    let table = [
        ("在途", InTransit),
        ("揽收", PickedUp),
        ("疑难", Problem),
        ("签收", Delivered),
        ("退签", Returned),
        ("派件", OutForDelivery),
        ("退回", Returning),
        ("转投", InTransit),
        ("清关", Customs),
        ("待清关", Customs),
        ("清关中", Customs),
        ("已清关", Customs),
        ("清关异常", Customs),
        ("拒签", Refused),
        ("已下单", Ordered),
        ("待揽收", AwaitingPickup),
        ("已揽收", PickedUp),
        ("到达派件城市", AtDeliveryCity),
        ("干线", InTransit),
        ("转递", InTransit),
        ("投柜或驿站", AtPickupPoint),
        ("本人签收", Delivered),
        ("派件异常后签收", Delivered),
        ("代签", Delivered),
        ("投柜或站签收", Delivered),
        ("已销单", Cancelled),
    ];
    for (word, expected) in table {
        assert_eq!(map_event_status(None, word), Some(expected), "{word}");
    }
    for word in ["", "快件已到达", "delivered", "签"] {
        assert_eq!(map_event_status(None, word), None, "{word:?}");
    }
    assert_eq!(map_event_status(Some("x"), "unknown"), None);
}
