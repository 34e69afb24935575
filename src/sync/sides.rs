//! The two sides of a sync: the rep's blocks as the events protime would send (mine), and the
//! server's events (theirs: the rep's own events back, and everyone else's meetings).

use super::remote::Fetched;
use crate::clock::Zone;
use crate::domain::Block;
use crate::export::ics::{self, Privacy};
use crate::import::meetings::{self, Returned};
use crate::import::{Item, Parsed, Window, own};
use crate::journal::Journal;
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::BTreeMap;

/// One of the rep's blocks, as it leaves the machine.
#[derive(Debug, Clone)]
pub struct Mine {
    pub date: NaiveDate,
    pub block: Block,
    /// The hash of its event (without the DTSTAMP, which changes each time).
    pub hash: String,
}

/// The rep's blocks of the window that leave the machine, by UID.
pub fn mine(
    journal: &Journal,
    window: &Window,
    (id, privacy): (&str, &Privacy),
) -> Result<BTreeMap<String, Mine>, String> {
    let days = crate::export::days(journal, window.from, window.to)?;
    let mut out = BTreeMap::new();
    for (date, block) in ics::exported(&days, privacy) {
        let text = ics::one_event(
            (date, block),
            &window.zone,
            id,
            DateTime::UNIX_EPOCH,
            privacy,
        );
        let mine = Mine {
            date,
            block: block.clone(),
            hash: hash(&text),
        };
        out.insert(own::uid(date, &block.id, id), mine);
    }
    Ok(out)
}

/// The event protime sends for a block.
pub fn event(
    mine: &Mine,
    zone: &Zone,
    id: &str,
    stamp: DateTime<Utc>,
    privacy: &Privacy,
) -> String {
    ics::one_event((mine.date, &mine.block), zone, id, stamp, privacy)
}

/// One of the rep's own events as the server holds it.
#[derive(Debug, Clone)]
pub struct Theirs {
    pub href: String,
    pub etag: String,
    pub items: Vec<Item>,
}

/// The server's events: the rep's own by UID, and the meetings as one calendar.
#[derive(Debug, Default)]
pub struct Server {
    pub own: BTreeMap<String, Theirs>,
    pub meetings: Parsed,
}

/// Sorts the fetched events into the rep's own (this journal's UIDs) and meetings.
pub fn theirs(fetched: Vec<Fetched>, window: &Window, me: &[String], id: &str) -> Server {
    let mut server = Server::default();
    for event in fetched {
        let parsed = match crate::import::ics::parse(&event.data, window, me) {
            Ok(p) => p,
            Err(e) => {
                let problem = format!("{}: {e}", event.href);
                server.meetings.problems.push(problem);
                continue;
            }
        };
        let uid = uid_of(&event.data);
        match uid.filter(|u| own::block_of(&format!("ics:{u}"), id).is_some()) {
            Some(uid) => {
                let theirs = Theirs {
                    href: event.href,
                    etag: event.etag,
                    items: parsed.items,
                };
                server.own.insert(uid, theirs);
            }
            None => server.meetings.absorb(parsed),
        }
    }
    server
}

/// Where the server has one of the rep's events, as the plan import reads it back.
pub fn placed(theirs: &Theirs, window: &Window, id: &str) -> Option<Returned> {
    let sorted = meetings::sort(&theirs.items, window, &[], Some(id));
    sorted.returned.into_iter().next()
}

/// Whether the server holds `mine` at its own day and times.
pub fn same_times(theirs: &Theirs, mine: &Mine, window: &Window, id: &str) -> bool {
    placed(theirs, window, id).is_some_and(|r| {
        (r.date, &r.block, r.on) == (mine.date, &mine.block.id, mine.date)
            && (r.start, r.end) == (mine.block.start, mine.block.end)
    })
}

/// The first UID of a calendar object (folded lines joined).
pub fn uid_of(data: &str) -> Option<String> {
    let mut lines = data.lines().peekable();
    while let Some(line) = lines.next() {
        let Some(value) = line.strip_prefix("UID:") else {
            continue;
        };
        let mut uid = value.trim_end_matches('\r').to_string();
        while let Some(next) = lines.peek().and_then(|l| l.strip_prefix([' ', '\t'])) {
            uid.push_str(next.trim_end_matches('\r'));
            lines.next();
        }
        return Some(uid);
    }
    None
}

/// FNV-1a, 64 bits, as hex: stable across Rust versions (the state file keeps it).
pub fn hash(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes() {
        h ^= u64::from(byte);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_uid_is_read_across_a_folded_line() {
        let data =
            "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:2026-11-30-b1@0a\r\n 1b\r\nEND:VEVENT\r\n";
        assert_eq!(uid_of(data).as_deref(), Some("2026-11-30-b1@0a1b"));
        assert_eq!(uid_of("BEGIN:VCALENDAR\r\n"), None);
    }

    #[test]
    fn the_hash_is_stable_and_tells_texts_apart() {
        assert_eq!(hash(""), "cbf29ce484222325");
        assert_eq!(hash("a"), "af63dc4c8601ec8c");
        assert_ne!(hash("09:00"), hash("09:30"));
    }
}
