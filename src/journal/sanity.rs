//! Times a hand edit can get wrong that TOML and serde accept: a block ending before it starts, a
//! session ending before it starts, lasting days, or starting on another day than its file's. Such
//! a day is refused like any unreadable file (read-only, with the line to fix), rather than counted
//! as nonsense hours.

use crate::domain::Day;
use chrono::{Duration, NaiveDate};

/// An id given to two blocks (or two sessions) of a hand-edited day: a key would select and
/// delete both. Its message and the line of the second one.
pub fn duplicate_id(day: &Day, text: &str) -> Option<(String, usize)> {
    let blocks = day.blocks.iter().map(|b| b.id.as_str());
    let sessions = day.sessions.iter().map(|s| s.id.as_str());
    for (table, ids) in [
        ("block", blocks.collect::<Vec<_>>()),
        ("session", sessions.collect()),
    ] {
        for (i, id) in ids.iter().enumerate() {
            if ids[..i].contains(id) {
                let message = format!(
                    "the {table} id \"{id}\" is given twice: give each {table} its own id (like \
                     \"{id}x\"), then protime reads this day again"
                );
                return Some((message, key_line(text, table, i, "id")));
            }
        }
    }
    None
}

/// The first impossible time in `day`: its message and the line (1-based) it is on in `text`.
pub fn impossible_time(day: &Day, text: &str) -> Option<(String, usize)> {
    for (i, b) in day.blocks.iter().enumerate() {
        if b.end < b.start {
            let message = format!(
                "block \"{}\" ends at {} before it starts at {}: fix its end (a block cannot \
                 cross midnight)",
                b.title,
                b.end.format("%H:%M"),
                b.start.format("%H:%M")
            );
            return Some((message, key_line(text, "block", i, "end")));
        }
    }
    for (i, s) in day.sessions.iter().enumerate() {
        if let Some((message, key)) = session_problem(s, day.date) {
            return Some((message, key_line(text, "session", i, key)));
        }
    }
    None
}

fn session_problem(s: &crate::domain::Session, date: NaiveDate) -> Option<(String, &'static str)> {
    let days_off = (s.start.date_naive() - date).num_days().abs();
    if days_off > 1 {
        let message = format!(
            "a session starts on {}, but this file is for {date}: fix its start, or move the \
             session to that day's file",
            s.start.date_naive()
        );
        return Some((message, "start"));
    }
    let end = s.end?;
    if end < s.start {
        let message = format!(
            "a session ends at {} before it starts at {}: fix its end",
            end.format("%Y-%m-%dT%H:%M"),
            s.start.format("%Y-%m-%dT%H:%M")
        );
        return Some((message, "end"));
    }
    if end - s.start > Duration::hours(24) {
        let message = format!(
            "a session runs from {} to {}, more than a day: fix its end",
            s.start.format("%Y-%m-%dT%H:%M"),
            end.format("%Y-%m-%dT%H:%M")
        );
        return Some((message, "end"));
    }
    None
}

/// The line of `key` in the `index`th `[[array]]` table, or of that table's header when the key
/// is not on a line of its own there; 1 when the file is laid out some other way.
fn key_line(text: &str, array: &str, index: usize, key: &str) -> usize {
    let header = format!("[[{array}]]");
    let lines: Vec<&str> = text.lines().collect();
    let Some(at) = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.trim() == header)
        .map(|(n, _)| n)
        .nth(index)
    else {
        return 1;
    };
    let in_table = lines[at + 1..]
        .iter()
        .take_while(|l| !l.trim_start().starts_with('['))
        .position(|l| {
            l.trim_start()
                .strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        });
    in_table.map_or(at + 1, |n| at + n + 2)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::format::parse_day;
    use std::path::Path;

    const HEAD: &str = "schema = 1\ndate = \"2026-11-26\"\n";

    fn refusal(body: &str) -> String {
        let text = format!("{HEAD}{body}");
        let date = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        match parse_day(&text, Path::new("2026-11-26.toml"), date) {
            Ok(_) => panic!("accepted:\n{text}"),
            Err(e) => e.to_string(),
        }
    }

    const BLOCK: &str = "\n[[block]]\nid = \"b1\"\nstart = \"09:00\"\nend = \"08:00\"\n\
                         category = \"proactive\"\ntitle = \"Calls\"\n";

    fn session(start: &str, end: &str) -> String {
        format!(
            "\n[[session]]\nid = \"s1\"\nstart = \"{start}\"\nend = \"{end}\"\n\
             category = \"proactive\"\nkind = \"focus\"\n"
        )
    }

    #[test]
    fn a_block_ending_before_it_starts_is_refused_at_its_end() {
        let e = refusal(BLOCK);
        assert!(e.contains("2026-11-26.toml:7:"), "{e}");
        assert!(e.contains("ends at 08:00 before it starts at 09:00"), "{e}");
    }

    #[test]
    fn impossible_sessions_are_refused_with_their_line() {
        let backwards = refusal(&session(
            "2026-11-26T10:00:00+01:00",
            "2026-11-26T09:00:00+01:00",
        ));
        assert!(
            backwards.contains(":7:") && backwards.contains("before it starts"),
            "{backwards}"
        );
        let long = refusal(&session(
            "2026-11-26T09:00:00+01:00",
            "2026-11-29T09:00:00+01:00",
        ));
        assert!(long.contains("more than a day"), "{long}");
        let elsewhere = refusal(&session(
            "2026-11-20T09:02:00+01:00",
            "2026-11-20T10:00:00+01:00",
        ));
        assert!(
            elsewhere.contains(":6:") && elsewhere.contains("2026-11-20"),
            "{elsewhere}"
        );
    }

    #[test]
    fn sessions_protime_writes_pass() {
        let date = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        for (start, end) in [
            // Carried over midnight, imported late in the evening, an hour's focus.
            ("2026-11-26T00:00:00+01:00", "2026-11-26T00:20:00+01:00"),
            ("2026-11-26T22:00:00+01:00", "2026-11-27T00:00:00+01:00"),
            ("2026-11-26T09:00:00+01:00", "2026-11-26T10:00:00+01:00"),
        ] {
            let text = format!("{HEAD}{}", session(start, end));
            assert!(
                parse_day(&text, Path::new("d.toml"), date).is_ok(),
                "{text}"
            );
        }
    }
}
