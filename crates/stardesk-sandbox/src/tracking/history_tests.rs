use chrono::NaiveDate;
use stardesk_platform::wire::{Address, ApplicationRequest};

use super::*;

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn shipped(id: u64, carrier: &str, on: &str) -> Application {
    let request = ApplicationRequest {
        task_id: "7304811520374190123".into(),
        contact_name: "林小满".into(),
        phone: "13812345678".into(),
        address: Address {
            region_code: "510107".into(),
            province: "四川省".into(),
            city: "成都市".into(),
            district: "武侯区".into(),
            detail: "天府大道100号".into(),
        },
        strengths: "s".into(),
        idea: "i".into(),
    };
    let mut t = lifecycle::new_application(id.to_string(), &request, at("2026-11-01T02:00:00Z"));
    t.app.shipment = Some(Shipment {
        carrier: carrier.into(),
        tracking_no: "YT0000000000001".into(),
        shipped_at: on.parse::<NaiveDate>().unwrap(),
    });
    t.app
}

fn codes(events: &[Event]) -> Vec<u16> {
    events.iter().map(|e| e.code.unwrap_or(e.state)).collect()
}

const FAR: &str = "2027-06-01T00:00:00Z";

#[test]
fn a_delivered_parcel_tells_the_whole_story_newest_first() {
    let mut app = shipped(7_500_000_000_000_000_001, "yuantong", "2026-11-05");
    app.delivered_at = Some(at("2026-11-08T03:30:00Z"));
    let events = history(9, &app, &[], at(FAR));
    let mut order = codes(&events);
    order.reverse();
    assert_eq!(order[..3], [101, 102, 103]);
    assert!(
        order.iter().filter(|c| **c == 1002).count() >= 3,
        "{order:?}"
    );
    let sign = events[0].clone();
    assert_eq!(sign.at, at("2026-11-08T03:30:00Z"));
    assert_eq!(sign.state, 3);
    assert!(matches!(sign.code, Some(301 | 303 | 304)), "{sign:?}");
    assert!(events.windows(2).all(|w| w[0].at >= w[1].at));
    // Orders in Beijing's morning of the shipping day (08:00–12:00 = 00:00–04:00 UTC).
    let ordered = events.last().unwrap().at;
    assert!(ordered >= at("2026-11-05T00:00:00Z") && ordered < at("2026-11-05T04:01:00Z"));
    let from = &events.last().unwrap().place.province;
    assert!(["浙江", "广东", "上海", "江苏", "福建", "山东"].contains(&from.as_str()));
    assert_eq!(sign.place.area_name(), "四川,成都市");
    assert!(events.iter().any(|e| e.context.contains("转运中心")));
    assert_eq!(
        history(9, &app, &[], at(FAR)),
        events,
        "the same story every time"
    );
}

#[test]
fn no_sign_before_the_application_is_delivered() {
    let app = shipped(7_500_000_000_000_000_002, "zhongtong", "2026-11-05");
    let events = history(9, &app, &[], at(FAR));
    assert!(events.iter().all(|e| e.state != 3), "{:?}", codes(&events));
    assert!(matches!(events[0].code.unwrap_or(events[0].state), 5 | 501));
    // Nothing before the order, then the order alone.
    assert!(history(9, &app, &[], at("2026-11-04T00:00:00Z")).is_empty());
    let first = events.last().unwrap().at;
    assert_eq!(codes(&history(9, &app, &[], first)), [101]);
}

#[test]
fn an_early_delivery_cuts_the_plan() {
    let mut app = shipped(7_500_000_000_000_000_003, "jd", "2026-11-05");
    app.delivered_at = Some(at("2026-11-05T02:00:00Z"));
    let events = history(9, &app, &[], at(FAR));
    assert_eq!(events[0].state, 3);
    assert!(events.len() <= 3, "{:?}", codes(&events));
    assert_eq!(*codes(&events).last().unwrap(), 101);
    assert!(events.last().unwrap().at < at("2026-11-05T02:00:00Z"));
}

#[test]
fn a_halting_incident_ends_the_plan_and_others_do_not() {
    let app = shipped(7_500_000_000_000_000_004, "yunda", "2026-11-05");
    let whole = history(9, &app, &[], at(FAR));
    let mid = whole[whole.len() / 2].at;
    let incident = |state, code, halts| Incident {
        at: mid + TimeDelta::minutes(1),
        state,
        code,
        context: "x".into(),
        halts,
    };
    let refused = history(9, &app, &[incident(14, None, true)], at(FAR));
    assert_eq!(refused[0].state, 14);
    assert!(refused.len() < whole.len() + 1);
    assert_eq!(refused[0].place, refused[1].place, "where the parcel was");
    let returned = history(9, &app, &[incident(4, None, true)], at(FAR));
    assert_eq!(
        returned[0].place,
        whole.last().unwrap().place,
        "back at the sender"
    );
    let problem = history(9, &app, &[incident(2, None, false)], at(FAR));
    assert_eq!(problem.len(), whole.len() + 1);
    // A later delivery after a problem is 302 (unless a station came first).
    let mut delivered = app.clone();
    delivered.delivered_at = Some(whole[0].at + TimeDelta::hours(1));
    let signed = history(9, &delivered, &[incident(2, None, false)], at(FAR));
    assert!(matches!(signed[0].code, Some(302 | 304)), "{:?}", signed[0]);
}

#[test]
fn lockers_lead_to_304_and_codes_are_consistent() {
    let (mut lockers, mut others) = (0, 0);
    for i in 0..60u64 {
        let mut app = shipped(7_500_000_000_000_000_100 + i, "shentong", "2026-11-05");
        app.delivered_at = Some(at("2026-11-20T00:00:00Z"));
        let events = history(3, &app, &[], at(FAR));
        let sign = events[0].code.unwrap();
        if events.iter().any(|e| e.code == Some(501)) {
            lockers += 1;
            assert_eq!(sign, 304);
        } else {
            others += 1;
            assert!(matches!(sign, 301 | 303));
        }
        for e in &events {
            assert_eq!(main_state(e.code.unwrap_or(e.state)), e.state, "{e:?}");
            assert!(is_state(e.state));
        }
    }
    assert!(lockers > 5 && others > 20, "{lockers}/{others}");
}
