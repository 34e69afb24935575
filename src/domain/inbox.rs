//! The inbox: mails parked between slots, triaged in a slot, carried over while unhandled.

use super::day::Day;
use super::timefmt;
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

/// What became of a parked mail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ParkedState {
    /// Still to do.
    #[default]
    Open,
    Replied,
    /// Answered from a reply template.
    Template,
    /// Passed on to the right person or channel.
    Delegated,
    /// Put off: it stays parked and carries over.
    Deferred,
    Dropped,
    /// Moved on to a later day (that day holds it now).
    Carried,
}

impl ParkedState {
    /// Still waiting for the rep: shown, and carried to the next day.
    pub fn is_waiting(self) -> bool {
        matches!(self, ParkedState::Open | ParkedState::Deferred)
    }

    pub fn name(self) -> &'static str {
        match self {
            ParkedState::Open => "open",
            ParkedState::Replied => "replied",
            ParkedState::Template => "template",
            ParkedState::Delegated => "passed on",
            ParkedState::Deferred => "deferred",
            ParkedState::Dropped => "dropped",
            ParkedState::Carried => "carried",
        }
    }
}

/// One `[[parked]]` entry of a day file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Parked {
    pub id: String,
    pub text: String,
    #[serde(with = "timefmt::rfc3339")]
    pub added: DateTime<FixedOffset>,
    #[serde(default, skip_serializing_if = "is_open")]
    pub state: ParkedState,
    #[serde(
        default,
        with = "timefmt::rfc3339_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub handled: Option<DateTime<FixedOffset>>,
    /// The inbox session it was handled in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slot: Option<String>,
    /// The day it was first parked, when carried over.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<NaiveDate>,
}

fn is_open(state: &ParkedState) -> bool {
    *state == ParkedState::Open
}

/// Parks `text` on the day.
pub fn park(day: &mut Day, text: &str, now: DateTime<FixedOffset>) -> Result<Parked, String> {
    // One line, as the list shows it: `protime park "$(pbpaste)"` may bring line breaks.
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let text = text.as_str();
    if text.is_empty() {
        return Err("say what to handle later, like \"reply Anna re pricing\"".into());
    }
    let item = Parked {
        id: next_parked_id(day),
        text: text.to_string(),
        added: now,
        state: ParkedState::Open,
        handled: None,
        slot: None,
        from: None,
    };
    day.parked.push(item.clone());
    Ok(item)
}

/// `p` + the lowest number not yet used on the day.
pub fn next_parked_id(day: &Day) -> String {
    let used = day
        .parked
        .iter()
        .filter_map(|p| p.id.strip_prefix('p')?.parse::<u128>().ok())
        .max()
        .unwrap_or(0);
    // A hand-written id at the very top gives a longer one, never a wrap onto a used id.
    match used.checked_add(1) {
        Some(next) => format!("p{next}"),
        None => format!("p{used}-{}", day.parked.len() + 1),
    }
}

/// Marks an item; `slot` is the inbox session running now, if any.
pub fn triage(
    item: &Parked,
    state: ParkedState,
    now: DateTime<FixedOffset>,
    slot: Option<String>,
) -> Parked {
    let done = !state.is_waiting();
    Parked {
        state,
        handled: done.then_some(now),
        slot: if done { slot } else { None },
        ..item.clone()
    }
}

/// Copies the waiting items of `earlier` into `today` (once: items already carried are skipped)
/// and marks them carried in `earlier`. Returns how many moved.
pub fn carry_over(earlier: &mut Day, today: &mut Day) -> usize {
    let mut moved = 0;
    for item in earlier.parked.iter_mut().filter(|p| p.state.is_waiting()) {
        let from = item.from.unwrap_or(earlier.date);
        let already = today
            .parked
            .iter()
            .any(|p| p.from == Some(from) && p.text == item.text);
        if !already {
            let id = next_parked_id(today);
            today.parked.push(Parked {
                id,
                from: Some(from),
                state: ParkedState::Open,
                ..item.clone()
            });
            moved += 1;
        }
        item.state = ParkedState::Carried;
    }
    moved
}

/// Counts per state of the day's items (carried ones excluded), and per inbox session.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TriageCounts {
    pub waiting: usize,
    pub replied: usize,
    pub template: usize,
    pub delegated: usize,
    pub dropped: usize,
}

impl TriageCounts {
    pub fn handled(&self) -> usize {
        self.replied + self.template + self.delegated + self.dropped
    }
}

pub fn counts<'a>(items: impl IntoIterator<Item = &'a Parked>) -> TriageCounts {
    let mut c = TriageCounts::default();
    for p in items {
        match p.state {
            ParkedState::Open | ParkedState::Deferred => c.waiting += 1,
            ParkedState::Replied => c.replied += 1,
            ParkedState::Template => c.template += 1,
            ParkedState::Delegated => c.delegated += 1,
            ParkedState::Dropped => c.dropped += 1,
            ParkedState::Carried => {}
        }
    }
    c
}

/// Items handled in the inbox session `slot`.
pub fn handled_in<'a>(day: &'a Day, slot: &'a str) -> impl Iterator<Item = &'a Parked> {
    day.parked
        .iter()
        .filter(move |p| p.slot.as_deref() == Some(slot))
}

/// Minutes an open slot has run past its planned end (0 before it).
pub fn overrun_seconds(now: DateTime<FixedOffset>, slot_end: NaiveTime) -> i64 {
    let end = now.date_naive().and_time(slot_end);
    (now.naive_local() - end).num_seconds().max(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now(t: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(&format!("2026-11-26T{t}:00+01:00")).unwrap()
    }

    fn day(d: u32) -> Day {
        Day::new(NaiveDate::from_ymd_opt(2026, 11, d).unwrap())
    }

    #[test]
    fn park_refuses_empty_text_and_numbers_items() {
        let mut d = day(26);
        assert!(park(&mut d, "  ", now("09:00")).is_err());
        assert_eq!(park(&mut d, "reply Anna", now("09:00")).unwrap().id, "p1");
        assert_eq!(park(&mut d, "ACME invoice", now("09:05")).unwrap().id, "p2");
        let lines = park(&mut d, "Re: pricing\nDear Anna,\r\n  thanks", now("09:06")).unwrap();
        assert_eq!(lines.text, "Re: pricing Dear Anna, thanks");
    }

    #[test]
    fn unhandled_items_carry_over_once_and_keep_their_first_day() {
        let mut yesterday = day(25);
        park(&mut yesterday, "reply Anna", now("09:00")).unwrap();
        let done = park(&mut yesterday, "ACME invoice", now("09:00")).unwrap();
        yesterday.parked[1] = triage(&done, ParkedState::Replied, now("11:40"), Some("s3".into()));
        let deferred = park(&mut yesterday, "contract redlines", now("10:00")).unwrap();
        yesterday.parked[2] = triage(&deferred, ParkedState::Deferred, now("11:45"), None);
        let mut today = day(26);
        assert_eq!(carry_over(&mut yesterday, &mut today), 2);
        assert_eq!(carry_over(&mut yesterday, &mut today), 0, "nothing twice");
        assert_eq!(
            today
                .parked
                .iter()
                .map(|p| p.text.as_str())
                .collect::<Vec<_>>(),
            vec!["reply Anna", "contract redlines"]
        );
        assert!(today.parked.iter().all(
            |p| p.from == NaiveDate::from_ymd_opt(2026, 11, 25) && p.state == ParkedState::Open
        ));
        assert_eq!(
            counts(&yesterday.parked),
            TriageCounts {
                replied: 1,
                ..TriageCounts::default()
            }
        );
    }

    #[test]
    fn triage_counts_per_day_and_per_slot() {
        let mut d = day(26);
        for t in ["a", "b", "c", "d", "e"] {
            park(&mut d, t, now("09:00")).unwrap();
        }
        let states = [
            ParkedState::Replied,
            ParkedState::Template,
            ParkedState::Delegated,
            ParkedState::Dropped,
            ParkedState::Deferred,
        ];
        for (i, state) in states.iter().enumerate() {
            let slot = if i < 2 { "s1" } else { "s2" };
            d.parked[i] = triage(
                &d.parked[i].clone(),
                *state,
                now("11:40"),
                Some(slot.into()),
            );
        }
        let c = counts(&d.parked);
        assert_eq!((c.handled(), c.waiting), (4, 1));
        assert_eq!(handled_in(&d, "s1").count(), 2);
        assert_eq!(
            handled_in(&d, "s2").count(),
            2,
            "a deferred item is not counted as handled in the slot"
        );
    }

    #[test]
    fn overrun_is_zero_until_the_slot_ends() {
        let end = NaiveTime::from_hms_opt(12, 0, 0).unwrap();
        assert_eq!(overrun_seconds(now("11:59"), end), 0);
        assert_eq!(overrun_seconds(now("12:04"), end), 240);
    }
}
