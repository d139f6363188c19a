//! A kuaidi100 answer as a [`TrackReport`]: pure, so every tolerance is unit-tested.

use chrono::NaiveDateTime;

use super::wire::{QueryEvent, QueryResponse};
use super::{TrackEvent, TrackReport, TrackingError};

/// The formats kuaidi100's `time`/`ftime` come in (Beijing time, no zone).
const TIME_FORMATS: [&str; 3] = ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M:%S"];

fn parse_time(s: &str) -> Option<NaiveDateTime> {
    let s = s.trim();
    TIME_FORMATS
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
}

/// An event's Beijing time: `time`, else `ftime`; `None` when neither reads.
pub fn event_time(e: &QueryEvent) -> Option<NaiveDateTime> {
    parse_time(&e.time).or_else(|| parse_time(&e.ftime))
}

fn non_empty(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_owned())
}

/// Turns a successful answer into a report for the parcel `carrier`/`number` was asked
/// about. Events newest first whatever order they came in (ties keep the answer's order,
/// read newest first); an event without a readable time is left out (and logged).
/// `Malformed` if the answer has no `state`.
pub fn report_from(
    carrier: &str,
    number: &str,
    response: QueryResponse,
) -> Result<TrackReport, TrackingError> {
    let state = non_empty(&response.state)
        .ok_or_else(|| TrackingError::Malformed("the answer has no state".into()))?;
    let mut timed: Vec<(NaiveDateTime, QueryEvent)> = Vec::with_capacity(response.data.len());
    let mut unreadable = 0usize;
    for e in response.data {
        match event_time(&e) {
            Some(t) => timed.push((t, e)),
            None => unreadable += 1,
        }
    }
    if unreadable > 0 {
        tracing::warn!(
            unreadable,
            carrier,
            "tracking events without a readable time were left out"
        );
    }
    // An ascending answer (order=asc) is turned around first, so equal times stay in
    // newest-first order through the stable sort.
    if timed.first().map(|(t, _)| t) < timed.last().map(|(t, _)| t) {
        timed.reverse();
    }
    timed.sort_by_key(|(t, _)| std::cmp::Reverse(*t));
    let events = timed
        .into_iter()
        .map(|(time, e)| TrackEvent {
            time,
            text: e.context.trim().to_owned(),
            area: e
                .area_name
                .as_deref()
                .and_then(non_empty)
                .or_else(|| non_empty(&e.location)),
            status_word: non_empty(&e.status),
            status_code: e.status_code.as_deref().and_then(non_empty),
        })
        .collect();
    Ok(TrackReport {
        carrier: non_empty(&response.com).unwrap_or_else(|| carrier.to_owned()),
        number: non_empty(&response.nu).unwrap_or_else(|| number.to_owned()),
        state,
        condition: non_empty(&response.condition),
        signed: response.ischeck.trim() == "1",
        events,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(time: &str, ftime: &str, context: &str) -> QueryEvent {
        QueryEvent {
            time: time.into(),
            ftime: ftime.into(),
            context: context.into(),
            ..QueryEvent::default()
        }
    }

    fn at(s: &str) -> NaiveDateTime {
        parse_time(s).unwrap()
    }

    #[test]
    fn events_are_newest_first_whatever_the_answer_order() {
        let asc = QueryResponse {
            state: "3".into(),
            ischeck: "1".into(),
            data: vec![
                event("2026-11-28 09:00:00", "", "a"),
                event("", "2026-11-28 10:00:00", "b"),
                event("bad", "also bad", "lost"),
                event("2026-11-28 11:00", "", "c"),
            ],
            ..QueryResponse::default()
        };
        let r = report_from("yuantong", "YT1", asc).unwrap();
        let texts: Vec<&str> = r.events.iter().map(|e| e.text.as_str()).collect();
        assert_eq!(texts, ["c", "b", "a"]);
        assert_eq!(r.events[1].time, at("2026-11-28 10:00:00"));
        assert!(r.signed);
        assert_eq!((r.carrier.as_str(), r.number.as_str()), ("yuantong", "YT1"));
        assert_eq!(r.condition, None);
    }

    #[test]
    fn area_prefers_area_name_then_location() {
        let mut e1 = event("2026-11-28 09:00:00", "", "x");
        e1.area_name = Some("浙江,杭州市".into());
        e1.location = "杭州".into();
        let mut e2 = event("2026-11-28 08:00:00", "", "y");
        e2.location = "  杭州市 ".into();
        e2.area_name = Some(" ".into());
        let e3 = event("2026-11-28 07:00:00", "", "z");
        let r = report_from(
            "yuantong",
            "YT1",
            QueryResponse {
                state: "0".into(),
                com: "yuantong".into(),
                nu: "YT1".into(),
                condition: "F00".into(),
                data: vec![e1, e2, e3],
                ..QueryResponse::default()
            },
        )
        .unwrap();
        let areas: Vec<Option<&str>> = r.events.iter().map(|e| e.area.as_deref()).collect();
        assert_eq!(areas, [Some("浙江,杭州市"), Some("杭州市"), None]);
        assert_eq!(r.condition.as_deref(), Some("F00"));
        assert!(!r.signed);
    }

    #[test]
    fn an_answer_without_a_state_is_malformed() {
        assert!(matches!(
            report_from("x", "1", QueryResponse::default()),
            Err(TrackingError::Malformed(_))
        ));
    }
}
