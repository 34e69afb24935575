use super::*;
use crate::domain::test_support::block;
use chrono::FixedOffset;

fn hm(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

fn date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()
}

fn zone() -> Zone {
    Zone::Fixed(FixedOffset::east_opt(3600).unwrap())
}

fn stamp() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-30T07:00:00Z")
        .unwrap()
        .to_utc()
}

fn day() -> Day {
    let mut day = Day::new(date());
    let mut calls = block("b1", hm(9, 0), hm(10, 30), Category::Proactive);
    calls.title = "Prospecting calls; new logos, Q4".into();
    calls.account = Some("ACME".into());
    calls.objective = Some("New logos Q4".into());
    let mut inbox = block("b2", hm(11, 30), hm(12, 0), Category::Reactive);
    inbox.title = "Inbox slot".into();
    inbox.kind = BlockKind::Inbox;
    let mut meeting = block("b3", hm(14, 0), hm(15, 0), Category::Other);
    meeting.source = Some("ics:team@example.com".into());
    day.blocks = vec![inbox, calls, meeting];
    day
}

#[test]
fn blocks_become_busy_events_with_stable_uids_in_start_order() {
    let text = calendar(&[day()], &zone(), "j1", stamp(), &Privacy::default());
    let events: Vec<&str> = text.split("BEGIN:VEVENT\r\n").skip(1).collect();
    assert_eq!(
        events.len(),
        2,
        "the meeting from the calendar stays out:\n{text}"
    );
    assert_eq!(
        events[0],
        "UID:2026-11-30-b1@j1\r\n\
         DTSTAMP:20261130T070000Z\r\n\
         DTSTART:20261130T080000Z\r\n\
         DTEND:20261130T093000Z\r\n\
         SUMMARY:Prospecting calls\\; new logos\\, Q4\r\n\
         CATEGORIES:PROACTIVE\r\n\
         DESCRIPTION:Account: ACME\\nObjective: New logos Q4\r\n\
         TRANSP:OPAQUE\r\n\
         X-MICROSOFT-CDO-BUSYSTATUS:BUSY\r\n\
         X-PROTIME-CATEGORY:proactive\r\n\
         X-PROTIME-ACCOUNT:ACME\r\n\
         X-PROTIME-OBJECTIVE:New logos Q4\r\n\
         END:VEVENT\r\n"
    );
    assert!(
        events[1].contains("X-PROTIME-KIND:inbox\r\n"),
        "{}",
        events[1]
    );
    assert!(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
    assert!(text.ends_with("END:VCALENDAR\r\n"));
    assert!(
        !text.replace("\r\n", "").contains('\n'),
        "every line ends in CRLF"
    );
}

#[test]
fn privacy_keeps_titles_and_categories_home() {
    let privacy = Privacy {
        titles: false,
        categories: vec![Category::Proactive],
    };
    let text = calendar(&[day()], &zone(), "j1", stamp(), &privacy);
    assert!(text.contains("SUMMARY:Focus: proactive\r\n"), "{text}");
    for secret in [
        "Prospecting",
        "ACME",
        "New logos",
        "Inbox slot",
        "DESCRIPTION",
    ] {
        assert!(!text.contains(secret), "{secret} left the machine:\n{text}");
    }
}

#[test]
fn text_is_escaped_and_stripped_of_what_a_terminal_obeys() {
    assert_eq!(escape("a\\b;c,d\r\ne"), "a\\\\b\\;c\\,d\\ne");
    assert_eq!(escape("red\u{1b}[31m"), "red[31m");
}

#[test]
fn long_lines_fold_at_75_octets_never_inside_a_character() {
    let line = format!("SUMMARY:{}", "Łódź ".repeat(40));
    let folded = fold(&line);
    for part in folded.trim_end_matches("\r\n").split("\r\n") {
        assert!(part.len() <= 75, "{} octets: {part}", part.len());
    }
    let unfolded = folded.trim_end_matches("\r\n").replace("\r\n ", "");
    assert_eq!(unfolded, line);
}
