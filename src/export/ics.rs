//! Writing blocks as busy VEVENTs (RFC 5545): TEXT escaping, lines folded at 75 octets, CRLF.
//! Each event's UID is `‹date›-‹block id›@‹journal id›`, the same on every export, so a calendar
//! that imports the file again updates its events instead of adding them twice.

use crate::clock::Zone;
use crate::domain::span::local_instant;
use crate::domain::{Block, BlockKind, Category, Day};
use crate::import::own;
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};

/// What leaves the machine: the rep's choice (`[calendar]` in the config).
#[derive(Debug, Clone, PartialEq)]
pub struct Privacy {
    /// Titles, accounts and objectives; without them an event says only "Focus: proactive".
    pub titles: bool,
    /// The categories whose blocks are exported.
    pub categories: Vec<Category>,
}

impl Default for Privacy {
    fn default() -> Privacy {
        Privacy {
            titles: true,
            categories: Category::ALL.to_vec(),
        }
    }
}

/// The calendar of `days`' blocks: the rep's own ones (blocks planned from calendar meetings are
/// the calendar's already) of the categories `privacy` lets out. `stamp` is the DTSTAMP.
pub fn calendar(
    days: &[Day],
    zone: &Zone,
    journal: &str,
    stamp: DateTime<Utc>,
    privacy: &Privacy,
) -> String {
    let mut out = header(true);
    for (date, block) in exported(days, privacy) {
        event(&mut out, date, block, zone, journal, stamp, privacy);
    }
    out.push("END:VCALENDAR");
    out.text
}

/// The blocks of `days` that leave the machine, day by day in start order.
pub fn exported<'a>(
    days: &'a [Day],
    privacy: &'a Privacy,
) -> impl Iterator<Item = (NaiveDate, &'a Block)> + 'a {
    days.iter().flat_map(move |day| {
        let blocks = day.blocks_by_start().into_iter();
        blocks
            .filter(|b| b.source.is_none() && privacy.categories.contains(&b.category))
            .map(move |b| (day.date, b))
    })
}

/// One block as a calendar object of its own: a CalDAV resource holds one event, and no METHOD
/// (RFC 4791 4.1).
pub fn one_event(
    (date, block): (NaiveDate, &Block),
    zone: &Zone,
    journal: &str,
    stamp: DateTime<Utc>,
    privacy: &Privacy,
) -> String {
    let mut out = header(false);
    event(&mut out, date, block, zone, journal, stamp, privacy);
    out.push("END:VCALENDAR");
    out.text
}

fn header(published: bool) -> Lines {
    let mut out = Lines::default();
    out.push("BEGIN:VCALENDAR");
    out.push("VERSION:2.0");
    out.push(&format!(
        "PRODID:-//protime//protime {}//EN",
        env!("CARGO_PKG_VERSION")
    ));
    out.push("CALSCALE:GREGORIAN");
    if published {
        out.push("METHOD:PUBLISH");
        out.push("X-WR-CALNAME:protime blocks");
    }
    out
}

fn event(
    out: &mut Lines,
    date: NaiveDate,
    block: &Block,
    zone: &Zone,
    journal: &str,
    stamp: DateTime<Utc>,
    privacy: &Privacy,
) {
    let utc = |t: NaiveTime| {
        let instant = local_instant(zone, date, t).with_timezone(&Utc);
        instant.format("%Y%m%dT%H%M%SZ").to_string()
    };
    out.push("BEGIN:VEVENT");
    out.push(&format!("UID:{}", own::uid(date, &block.id, journal)));
    out.push(&format!("DTSTAMP:{}", stamp.format("%Y%m%dT%H%M%SZ")));
    out.push(&format!("DTSTART:{}", utc(block.start)));
    out.push(&format!("DTEND:{}", utc(block.end)));
    let summary = match privacy.titles {
        true => block.title.clone(),
        false => format!("Focus: {}", block.category.name()),
    };
    out.text_property("SUMMARY", &summary);
    out.text_property("CATEGORIES", &block.category.name().to_uppercase());
    let details = [("Account", &block.account), ("Objective", &block.objective)];
    let description: Vec<String> = details
        .iter()
        .filter_map(|(label, value)| Some(format!("{label}: {}", value.as_deref()?)))
        .collect();
    if privacy.titles && !description.is_empty() {
        out.text_property("DESCRIPTION", &description.join("\n"));
    }
    out.push("TRANSP:OPAQUE");
    out.push("X-MICROSOFT-CDO-BUSYSTATUS:BUSY");
    out.text_property(own::CATEGORY, block.category.name());
    match block.kind {
        BlockKind::Work => {}
        BlockKind::Inbox => out.push(&format!("{}:inbox", own::KIND)),
        BlockKind::Review => out.push(&format!("{}:review", own::KIND)),
    }
    if privacy.titles {
        for (name, value) in [
            (own::ACCOUNT, &block.account),
            (own::OBJECTIVE, &block.objective),
        ] {
            if let Some(value) = value {
                out.text_property(name, value);
            }
        }
    }
    out.push("END:VEVENT");
}

/// The file's content lines, each folded and ended with CRLF.
#[derive(Default)]
struct Lines {
    text: String,
}

impl Lines {
    fn push(&mut self, line: &str) {
        self.text.push_str(&fold(line));
    }

    /// `NAME:value` with the value escaped as TEXT.
    fn text_property(&mut self, name: &str, value: &str) {
        self.push(&format!("{name}:{}", escape(value)));
    }
}

/// A TEXT value (RFC 5545 3.3.11): `\`, `;`, `,` and line breaks escaped. Whatever a terminal
/// would obey is left out first, by the sanitiser's storage rule, keeping the line breaks.
pub fn escape(value: &str) -> String {
    let lines: Vec<String> = value
        .split('\n')
        .map(|line| {
            let line = line.strip_suffix('\r').unwrap_or(line);
            let mut out = String::with_capacity(line.len());
            for c in crate::sanitize::for_storage(line).chars() {
                match c {
                    '\\' => out.push_str("\\\\"),
                    ';' => out.push_str("\\;"),
                    ',' => out.push_str("\\,"),
                    c => out.push(c),
                }
            }
            out
        })
        .collect();
    lines.join("\\n")
}

/// One content line folded so no line is longer than 75 octets (a continuation starts with a
/// space), never inside a character, and ended with CRLF.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
    out
}

#[cfg(test)]
#[path = "ics_test.rs"]
mod tests;
