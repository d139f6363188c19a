//! Tracked parcels, their events and raised alerts on a real encrypted file.

use chrono::{NaiveDate, NaiveDateTime};
use stardesk_store::shipments::{
    FeedShipment, NewShipment, ShipmentError, ShipmentEventRecord, TrackingUpdate, LEG_OUTBOUND,
    LEG_RETURN, ORIGIN_FEED, ORIGIN_MANUAL,
};
use stardesk_store::{DbKey, Store, DB_FILE};

fn open(dir: &std::path::Path) -> Store {
    Store::open(&dir.join(DB_FILE), &DbKey::random()).expect("open")
}

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

fn t(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").expect("time")
}

fn feed(app: &str, carrier: &str, no: &str) -> FeedShipment {
    FeedShipment {
        application_id: app.into(),
        carrier: carrier.into(),
        tracking_no: no.into(),
        shipped_on: d("2026-11-20"),
    }
}

fn event(at: &str, text: &str, state: &str) -> ShipmentEventRecord {
    ShipmentEventRecord {
        at: t(at),
        text: text.into(),
        area: Some("浙江,杭州市".into()),
        state: Some(state.into()),
        status_code: None,
    }
}

const NOW: &str = "2026-11-30T10:00:00.000Z";

#[test]
fn the_feed_adds_each_shipment_once_and_a_new_number_starts_afresh() {
    let dir = tempfile::tempdir().expect("dir");
    let mut s = open(dir.path());
    let batch = [
        feed("a1", "yuantong", "YT1000000000001"),
        feed("a2", "shunfeng", "SF1"),
    ];
    assert_eq!(s.save_feed_shipments(&batch, NOW).expect("save"), 2);
    assert_eq!(
        s.save_feed_shipments(&batch, NOW).expect("again"),
        0,
        "nothing new"
    );
    let all = s.shipments().expect("list");
    assert_eq!(all.len(), 2);
    let yt = s
        .shipment_by_number("YT1000000000001")
        .expect("get")
        .expect("there");
    assert_eq!(yt.origin, ORIGIN_FEED);
    assert_eq!(yt.leg, LEG_OUTBOUND);
    assert_eq!(yt.application_id.as_deref(), Some("a1"));
    let events = [event("2026-11-21 09:00:00", "已揽收", "picked_up")];
    s.record_tracking(
        yt.id,
        &TrackingUpdate {
            state: Some("picked_up"),
            state_code: "1",
            signed: false,
            events: &events,
            queried_at: NOW,
            next_query_at: Some("2026-11-30T10:30:00.000Z"),
        },
    )
    .expect("record");
    // The brand corrects the number: the old events do not belong to the new one.
    let fixed = [feed("a1", "yuantong", "YT1000000000002")];
    assert_eq!(s.save_feed_shipments(&fixed, NOW).expect("save"), 1);
    let after = s.shipment(yt.id).expect("get").expect("kept");
    assert_eq!(after.tracking_no, "YT1000000000002");
    assert_eq!(after.state, None);
    assert!(s.shipment_events(yt.id).expect("events").is_empty());
    assert_eq!(after.next_query_at, None, "queried at once");
}

#[test]
fn a_carrier_the_creator_chose_is_not_changed_back_by_the_feed() {
    let dir = tempfile::tempdir().expect("dir");
    let mut s = open(dir.path());
    s.save_feed_shipments(&[feed("a1", "zhongtong", "750000000001")], NOW)
        .expect("save");
    let id = s.shipments().expect("list")[0].id;
    let fix = NewShipment {
        application_id: None,
        leg: LEG_OUTBOUND.into(),
        carrier: "yunda".into(),
        tracking_no: "750000000001".into(),
        phone_last4: Some("5678".into()),
        shipped_on: None,
        return_due: None,
    };
    assert!(s.correct_shipment(id, &fix, NOW).expect("fix"));
    s.save_feed_shipments(&[feed("a1", "zhongtong", "750000000001")], NOW)
        .expect("again");
    let now = s.shipment(id).expect("get").expect("there");
    assert_eq!(now.carrier, "yunda");
    assert!(now.carrier_overridden);
    assert_eq!(now.phone_last4.as_deref(), Some("5678"));
    assert_eq!(
        now.application_id.as_deref(),
        Some("a1"),
        "still the application's"
    );
    assert!(
        !format!("{now:?}").contains("5678"),
        "Debug hides the phone digits"
    );
    // A correction that gives no digits keeps those given before.
    let again = NewShipment {
        phone_last4: None,
        ..fix
    };
    assert!(s.correct_shipment(id, &again, NOW).expect("fix again"));
    let kept = s.shipment(id).expect("get").expect("there");
    assert_eq!(kept.phone_last4.as_deref(), Some("5678"));
}

#[test]
fn a_parcel_added_by_hand_is_tracked_once_per_number_and_its_events_once_each() {
    let dir = tempfile::tempdir().expect("dir");
    let mut s = open(dir.path());
    let new = NewShipment {
        application_id: Some("a9".into()),
        leg: LEG_RETURN.into(),
        carrier: "shunfeng".into(),
        tracking_no: "SF1234567890123".into(),
        phone_last4: Some("1234".into()),
        shipped_on: None,
        return_due: Some(d("2026-12-10")),
    };
    let id = s.add_shipment(&new, NOW).expect("add");
    match s.add_shipment(&new, NOW) {
        Err(ShipmentError::Duplicate(n)) => assert_eq!(n, "SF1234567890123"),
        other => panic!("a second add of the same number: {other:?}"),
    }
    let events = [
        event(
            "2026-11-29 18:00:00",
            "快件已到达 杭州转运中心",
            "in_transit",
        ),
        event("2026-11-29 09:00:00", "已揽收", "picked_up"),
    ];
    let update = TrackingUpdate {
        state: Some("in_transit"),
        state_code: "0",
        signed: false,
        events: &events,
        queried_at: NOW,
        next_query_at: None,
    };
    assert_eq!(s.record_tracking(id, &update).expect("first"), 2);
    assert_eq!(
        s.record_tracking(id, &update).expect("again"),
        0,
        "stored once each"
    );
    let stored = s.shipment_events(id).expect("events");
    assert_eq!(stored.len(), 2);
    assert!(stored[0].at > stored[1].at, "newest first");
    let rec = s.shipment(id).expect("get").expect("there");
    assert_eq!(rec.origin, ORIGIN_MANUAL);
    assert_eq!(rec.return_due, Some(d("2026-12-10")));
    s.record_tracking_failure(
        id,
        "500",
        "查询无结果",
        NOW,
        true,
        Some("2026-11-30T10:30:00.000Z"),
    )
    .expect("failure");
    let rec = s.shipment(id).expect("get").expect("there");
    assert_eq!(rec.failures, 1);
    assert_eq!(rec.last_error, Some(("500".into(), "查询无结果".into())));
    assert_eq!(
        s.shipment_events(id).expect("events").len(),
        2,
        "a failure keeps events"
    );
    assert!(s.delete_shipment(id).expect("delete"));
    assert!(s.shipment(id).expect("get").is_none());
    assert!(s.shipment_events(id).expect("events").is_empty());
}

#[test]
fn each_alert_is_raised_once_and_again_only_after_it_went_away() {
    let dir = tempfile::tempdir().expect("dir");
    let mut s = open(dir.path());
    let a = ("shipment:1".to_string(), "returned".to_string());
    let b = ("application:x".to_string(), "not_shipped".to_string());
    let both = [a.clone(), b.clone()];
    assert_eq!(s.raise_alerts(&both, NOW).expect("first"), both.to_vec());
    assert!(s.raise_alerts(&both, NOW).expect("again").is_empty());
    assert!(s
        .raise_alerts(std::slice::from_ref(&b), NOW)
        .expect("a gone")
        .is_empty());
    assert_eq!(s.raise_alerts(&both, NOW).expect("a back"), vec![a]);
}

#[test]
fn switching_accounts_forgets_the_feed_parcels_but_not_a_parcel_of_no_application() {
    let dir = tempfile::tempdir().expect("dir");
    let mut s = open(dir.path());
    s.save_feed_shipments(&[feed("a1", "yuantong", "YT1")], NOW)
        .expect("save");
    let own = NewShipment {
        application_id: None,
        leg: LEG_OUTBOUND.into(),
        carrier: "jd".into(),
        tracking_no: "JDVA00000000001".into(),
        phone_last4: None,
        shipped_on: None,
        return_due: None,
    };
    s.add_shipment(&own, NOW).expect("add");
    s.reset_synced_data().expect("reset");
    let left: Vec<String> = s
        .shipments()
        .expect("list")
        .into_iter()
        .map(|r| r.tracking_no)
        .collect();
    assert_eq!(left, vec!["JDVA00000000001".to_string()]);
}
