//! A parcel's history: the carrier's events drawn from the seed and the application (the
//! same parcel always tells the same story), cut where the application's delivery or a
//! `Control` incident says, plus those incidents.
//!
//! The plan, in Beijing time: 101 已下单 the morning of `shipped_at`, 102 待揽收 minutes
//! later, 103 已揽收 hours later (state 1); 在途 and 1002 干线 events through the hubs of
//! `route`; 1001 到达派件城市; 5 派件 on the delivery day; sometimes 501 投柜或驿站; and
//! 签收 (state 3) at the application's `delivered_at` — 304 after a locker or station,
//! 302 after a 疑难 incident, else 301 本人签收 or 303 代签. Before the application is
//! delivered there is no 签收 event, whatever the plan said, so the tracking answer and the
//! `/v1` application never disagree.

use std::cmp::Reverse;

use chrono::{DateTime, TimeDelta, Utc};
use stardesk_platform::wire::{Application, Shipment};

use super::route::{self, Place};
use crate::applications::lifecycle;
use crate::clock::start_of;
use crate::rng::{mix64, SplitMix64};

/// One event, the carrier's or an incident's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Event {
    pub(crate) at: DateTime<Utc>,
    /// The main state (`0`..=`14`).
    pub(crate) state: u16,
    /// The advanced code, if finer than the state (`1002`, `301`…).
    pub(crate) code: Option<u16>,
    pub(crate) context: String,
    pub(crate) place: Place,
    /// Orders events of the same instant: the plan's, then incidents', then 签收.
    order: u32,
}

/// An incident `Control` stored for a parcel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Incident {
    pub(crate) at: DateTime<Utc>,
    pub(crate) state: u16,
    pub(crate) code: Option<u16>,
    pub(crate) context: String,
    /// The parcel will not be delivered after it (退回, 退签, 拒签, 转投, 销单…).
    pub(crate) halts: bool,
}

/// The main state an advanced code belongs to (a main state is its own).
pub(crate) fn main_state(code: u16) -> u16 {
    match code {
        101..=103 => 1,
        1001..=1003 => 0,
        501 => 5,
        301..=304 => 3,
        401 => 4,
        other => other,
    }
}

/// The main states kuaidi100 documents.
pub(crate) fn is_state(state: u16) -> bool {
    matches!(state, 0..=8 | 10..=14)
}

/// The advanced codes kuaidi100 documents (`resultv2=4`).
pub(crate) const ADVANCED_CODES: [u16; 12] = [
    101, 102, 103, 1001, 1002, 1003, 501, 301, 302, 303, 304, 401,
];

/// Whether an event in this state ends the parcel's journey before delivery.
pub(crate) fn halts(state: u16, code: Option<u16>) -> bool {
    matches!(state, 3 | 4 | 6 | 7 | 14) || code == Some(401)
}

/// A state's Chinese word, as in an event's `status`.
pub(crate) fn state_word(state: u16) -> &'static str {
    match state {
        0 => "在途",
        1 => "揽收",
        2 => "疑难",
        3 => "签收",
        4 => "退签",
        5 => "派件",
        6 => "退回",
        7 => "转投",
        8 => "清关",
        10 => "待清关",
        11 => "清关中",
        12 => "已清关",
        13 => "清关异常",
        14 => "拒签",
        _ => "",
    }
}

/// A carrier's name, for event texts and the carrier detection.
pub(crate) fn carrier_name(code: &str) -> &str {
    match code {
        "shunfeng" => "顺丰速运",
        "shunfengkuaiyun" => "顺丰快运",
        "zhongtong" => "中通快递",
        "yuantong" => "圆通速递",
        "yunda" => "韵达快递",
        "jd" => "京东物流",
        "ems" => "EMS",
        "shentong" => "申通快递",
        "jtexpress" => "极兔速递",
        "youzhengguonei" => "邮政快递包裹",
        other => other,
    }
}

/// The plan of a parcel, before the application and incidents cut it.
struct Plan {
    origin: Place,
    destination: Place,
    /// Every event but 签收, oldest first.
    events: Vec<Event>,
    /// 301 or 303, unless a locker or a problem decides otherwise.
    sign_code: u16,
    /// Where a locker or station keeps parcels (`西湖区快递驿站`).
    station: String,
}

fn ev(at: DateTime<Utc>, state: u16, code: Option<u16>, context: String, place: &Place) -> Event {
    Event {
        at,
        state,
        code,
        context,
        place: place.clone(),
        order: 0,
    }
}

fn plan(seed: u64, app: &Application, shipment: &Shipment) -> Plan {
    let id = app
        .id
        .parse::<u64>()
        .unwrap_or_else(|_| mix64(app.id.len() as u64));
    let mut r = SplitMix64::new(seed ^ mix64(id ^ 0x7EAC_4000_0000_0000));
    let minutes = TimeDelta::minutes;
    let cn = carrier_name(&shipment.carrier);
    let address = &app.shipping.address;
    let district = address.district.trim();
    let origin = route::origin(&mut r);
    let destination = route::destination(address);
    let stops = route::stops(&origin, &destination, address);

    let ordered = start_of(shipment.shipped_at) + minutes(8 * 60 + r.range(0, 240));
    let pickup_call = ordered + minutes(r.range(10, 60));
    let picked_up = ordered + minutes(r.range(120, 360));
    let signs = lifecycle::delivery_at(seed, &app.id, shipment.shipped_at);
    let delivering = signs - minutes(r.range(60, 180));
    let arrived = delivering - minutes(r.range(180, 480));
    let o = origin.short().to_owned();
    let mut events = vec![
        ev(
            ordered,
            1,
            Some(101),
            format!("【{}】商家已下单，{cn}已接单", origin.city),
            &origin,
        ),
        ev(
            pickup_call,
            1,
            Some(102),
            format!("【{}】{cn}快递员正在赶往揽收，请耐心等待", origin.city),
            &origin,
        ),
        ev(
            picked_up,
            1,
            Some(103),
            format!("【{}】{cn} {o}营业部 已揽收", origin.city),
            &origin,
        ),
    ];

    // The places a parcel is handled at: the sending branch, the hubs, the receiving
    // branch; it leaves each and arrives at the next.
    let mut nodes: Vec<(Place, String)> = vec![(origin.clone(), format!("{o}营业部"))];
    let hubs = if stops.len() > 1 {
        &stops[1..]
    } else {
        &stops[..]
    };
    nodes.extend(
        hubs.iter()
            .map(|p| (p.clone(), format!("{}转运中心", p.short()))),
    );
    nodes.push((
        destination.clone(),
        format!("{}{district}营业部", destination.short()),
    ));
    let mut transit = Vec::new();
    for (k, pair) in nodes.windows(2).enumerate() {
        let ((from, from_name), (to, to_name)) = (&pair[0], &pair[1]);
        let code = if k == 0 { None } else { Some(1002) };
        transit.push((
            0,
            code,
            format!(
                "【{}】快件已从 {from_name} 发出，下一站 {to_name}",
                from.city
            ),
            from.clone(),
        ));
        if k + 2 < nodes.len() {
            transit.push((
                0,
                Some(1002),
                format!("【{}】快件已到达 {to_name}", to.city),
                to.clone(),
            ));
        }
    }
    let slot = (arrived - picked_up) / (transit.len() as i32 + 1);
    for (k, (state, code, context, place)) in transit.into_iter().enumerate() {
        let jitter = minutes(r.range(-slot.num_minutes() / 4, slot.num_minutes() / 4));
        let at = picked_up + slot * (k as i32 + 1) + jitter;
        events.push(ev(at, state, code, context, &place));
    }
    let d = &destination;
    let (ds, branch) = (
        d.short(),
        nodes.last().map(|n| n.1.clone()).unwrap_or_default(),
    );
    events.push(ev(
        arrived,
        0,
        Some(1001),
        format!("【{}】快件已到达 {branch}，准备派送", d.city),
        d,
    ));
    events.push(ev(
        delivering,
        5,
        None,
        format!("【{}】{branch} 快递员正在为您派件，请保持电话畅通", d.city),
        d,
    ));
    let station = format!("{ds}{district}快递驿站");
    if r.chance(30) {
        let at = delivering + minutes(r.range(20, 50));
        let pickup_code = format!(
            "{}-{}-{}",
            r.range(1, 9),
            r.range(1, 6),
            r.range(1000, 9999)
        );
        events.push(ev(
            at,
            5,
            Some(501),
            format!(
                "【{}】快件已存放至{station}，请凭取件码 {pickup_code} 及时领取",
                d.city
            ),
            d,
        ));
    }
    // Strictly increasing, whole seconds with a few of their own.
    let mut last: Option<DateTime<Utc>> = None;
    for (i, e) in events.iter_mut().enumerate() {
        e.at += TimeDelta::seconds(r.range(0, 59));
        if let Some(prev) = last.filter(|p| e.at <= *p) {
            e.at = prev + TimeDelta::seconds(61);
        }
        e.order = i as u32;
        last = Some(e.at);
    }
    let sign_code = if r.chance(25) { 303 } else { 301 };
    Plan {
        origin,
        destination,
        events,
        sign_code,
        station,
    }
}

fn sign_text(code: u16, cn: &str, city: &str, station: &str, who: usize) -> String {
    match code {
        304 => format!("【{city}】快件已从{station}取出，已签收。感谢使用{cn}"),
        302 => format!("【{city}】快件此前派送不成功，现已签收，签收人：本人。感谢使用{cn}"),
        303 => {
            let by = ["前台", "家人", "门卫"][who % 3];
            format!("【{city}】快件已签收，签收人：{by}代收。感谢使用{cn}")
        }
        _ => format!("【{city}】快件已签收，签收人：本人。感谢使用{cn}，期待再次为您服务"),
    }
}

/// The events of `app`'s parcel at `now`, newest first: the plan up to the application's
/// delivery and the first halting incident, the incidents, and 签收 at `delivered_at`.
/// Empty for an application without a shipment (or before its first event).
pub(crate) fn history(
    seed: u64,
    app: &Application,
    incidents: &[Incident],
    now: DateTime<Utc>,
) -> Vec<Event> {
    let Some(shipment) = &app.shipment else {
        return Vec::new();
    };
    let plan = plan(seed, app, shipment);
    let mut events = plan.events;
    let keep_order_event = |e: &Event| e.code == Some(101);
    if let Some(delivered) = app.delivered_at {
        events.retain(|e| e.at < delivered || keep_order_event(e));
        if let Some(first) = events.first_mut().filter(|e| e.at >= delivered) {
            first.at = delivered - TimeDelta::minutes(1);
        }
    }
    if let Some(halt) = incidents.iter().filter(|i| i.halts).map(|i| i.at).min() {
        events.retain(|e| e.at <= halt || keep_order_event(e));
    }
    for (k, i) in incidents.iter().enumerate() {
        let place = if i.state == 4 && i.code.is_none() {
            plan.origin.clone()
        } else {
            events
                .iter()
                .filter(|e| e.at <= i.at)
                .max_by_key(|e| (e.at, e.order))
                .map_or_else(|| plan.origin.clone(), |e| e.place.clone())
        };
        let mut e = ev(i.at, i.state, i.code, i.context.clone(), &place);
        e.order = 1000 + k as u32;
        events.push(e);
    }
    if let Some(delivered) = app.delivered_at {
        let before = events.iter().filter(|e| e.at <= delivered);
        let (mut station, mut problem) = (false, false);
        for e in before {
            station |= e.code == Some(501);
            problem |= e.state == 2;
        }
        let code = match (station, problem) {
            (true, _) => 304,
            (false, true) => 302,
            _ => plan.sign_code,
        };
        let cn = carrier_name(&shipment.carrier);
        let d = &plan.destination;
        let who = (delivered.timestamp() % 3) as usize;
        let text = sign_text(code, cn, &d.city, &plan.station, who);
        let mut e = ev(delivered, 3, Some(code), text, d);
        e.order = 100_000;
        events.push(e);
    }
    events.retain(|e| e.at <= now);
    events.sort_by_key(|e| Reverse((e.at, e.order)));
    events
}

#[cfg(test)]
#[path = "history_tests.rs"]
mod tests;
