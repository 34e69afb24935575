use super::*;
use crate::domain::{Block, Session};
use chrono::NaiveTime;

fn tz() -> FixedOffset {
    FixedOffset::east_opt(3600).unwrap()
}

fn at(hm: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(&format!("2026-11-26T{hm}:00+01:00")).unwrap()
}

fn now() -> DateTime<FixedOffset> {
    at("18:00")
}

fn day() -> Day {
    Day::new(NaiveDate::from_ymd_opt(2026, 11, 26).unwrap())
}

fn block(id: &str, span: &str, category: Category, kind: BlockKind) -> Block {
    let (a, b) = span.split_once('-').unwrap();
    let t = |s: &str| NaiveTime::parse_from_str(s, "%H:%M").unwrap();
    Block {
        id: id.into(),
        start: t(a),
        end: t(b),
        category,
        title: id.into(),
        kind,
        account: None,
        objective: None,
        source: None,
    }
}

fn session(span: &str, category: Category, kind: SessionKind, account: Option<&str>) -> Session {
    let (a, b) = span.split_once('-').unwrap();
    Session {
        id: format!("s{a}"),
        start: at(a),
        end: Some(at(b)),
        category,
        kind,
        title: None,
        block: None,
        account: account.map(str::to_string),
        note: None,
        source: None,
    }
}

#[test]
fn no_plan_and_no_tracking() {
    let facts = day_facts(&day(), 480, &tz(), now());
    assert_eq!(
        (facts.planned_proactive, facts.protected, facts.adherence),
        (0, 0, None)
    );
    assert_eq!(facts.proactive_share, Some(0.0));
    assert_eq!(
        facts.reading(40.0)[0],
        "No proactive time was planned or tracked."
    );
    assert_eq!(facts.reading(40.0)[1], "0 interruptions, 0h00 reactive.");
}

#[test]
fn a_good_day_reads_plainly() {
    let mut d = day();
    d.blocks.push(block(
        "pro",
        "09:00-12:00",
        Category::Proactive,
        BlockKind::Work,
    ));
    d.blocks.push(block(
        "inb",
        "12:00-12:30",
        Category::Reactive,
        BlockKind::Inbox,
    ));
    d.sessions.push(session(
        "09:00-11:10",
        Category::Proactive,
        SessionKind::Focus,
        None,
    ));
    d.sessions.push(session(
        "11:10-11:40",
        Category::Reactive,
        SessionKind::Interruption,
        Some("Globex"),
    ));
    d.sessions.push(session(
        "12:00-12:40",
        Category::Reactive,
        SessionKind::Inbox,
        None,
    ));
    d.sessions.push(session(
        "15:00-15:20",
        Category::Reactive,
        SessionKind::Interruption,
        Some("Globex"),
    ));
    d.sessions.push(session(
        "16:00-16:10",
        Category::Reactive,
        SessionKind::Interruption,
        Some("ACME"),
    ));
    let facts = day_facts(&d, 480, &tz(), now());
    assert_eq!((facts.protected, facts.planned_proactive), (130, 180));
    assert_eq!(facts.interruptions, 3);
    assert_eq!(facts.accounts[0], ("Globex".to_string(), 2, 50));
    assert_eq!((facts.inbox, facts.inbox_planned), (40, 30));
    // 10 min of inbox past its slot, 20 + 10 min of interruptions outside any block.
    assert_eq!(facts.outside_blocks, 40);
    let reading = facts.reading(40.0);
    assert_eq!(
        reading[0],
        "You protected 2h10 of 3h00 planned proactive time (72%)."
    );
    assert_eq!(
        reading[1],
        "3 interruptions, 1h40 reactive — mostly Globex (2)."
    );
    assert_eq!(
        reading[2],
        "Inbox 0h40 (planned 0h30). 0h40 outside any block."
    );
    assert_eq!(reading[3], "Proactive share 27% of capacity · target 40%.");
}

#[test]
fn an_all_reactive_day_hijacks_the_proactive_block() {
    let mut d = day();
    d.blocks.push(block(
        "pro",
        "09:00-10:00",
        Category::Proactive,
        BlockKind::Work,
    ));
    d.sessions.push(session(
        "09:00-10:00",
        Category::Reactive,
        SessionKind::Interruption,
        Some("ACME"),
    ));
    let facts = day_facts(&d, 480, &tz(), now());
    assert_eq!(
        (facts.hijacked, facts.protected, facts.proactive),
        (1, 0, 0)
    );
    assert!(facts.reading(40.0)[2].contains("1 block hijacked"));
}

#[test]
fn a_day_off_has_no_capacity_and_tracked_time_is_the_base() {
    let mut d = day();
    d.off = Some("holiday".into());
    d.sessions.push(session(
        "10:00-11:00",
        Category::Proactive,
        SessionKind::Manual,
        None,
    ));
    let facts = day_facts(&d, 0, &tz(), now());
    assert_eq!(facts.proactive_share, Some(100.0));
    assert_eq!(
        facts.reading(40.0)[3],
        "A day without capacity (off or not a working day)."
    );
}

#[test]
fn a_session_across_midnight_counts_only_this_days_part() {
    let mut d = day();
    let mut late = session(
        "23:00-23:30",
        Category::Reactive,
        SessionKind::Interruption,
        Some("Globex"),
    );
    late.end = Some(DateTime::parse_from_rfc3339("2026-11-27T01:00:00+01:00").unwrap());
    d.sessions.push(late);
    let facts = day_facts(
        &d,
        480,
        &tz(),
        DateTime::parse_from_rfc3339("2026-11-27T09:00:00+01:00").unwrap(),
    );
    assert_eq!((facts.reactive, facts.outside_blocks), (60, 60));
    assert_eq!(facts.accounts, vec![("Globex".to_string(), 1, 60)]);
}

#[test]
fn overlapping_blocks_do_not_make_outside_time_negative() {
    let mut d = day();
    d.blocks.push(block(
        "a",
        "09:00-10:00",
        Category::Proactive,
        BlockKind::Work,
    ));
    d.blocks.push(block(
        "b",
        "09:30-10:30",
        Category::Reactive,
        BlockKind::Work,
    ));
    d.sessions.push(session(
        "09:00-11:00",
        Category::Proactive,
        SessionKind::Focus,
        None,
    ));
    assert_eq!(day_facts(&d, 480, &tz(), now()).outside_blocks, 30);
}

#[test]
fn streak_skips_days_off_and_forgives_today() {
    let date = |d: u32| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
    let days = vec![
        (date(20), true, true),
        (date(21), false, false), // Saturday
        (date(22), false, false), // Sunday
        (date(23), true, true),
        (date(24), false, false), // day off
        (date(25), true, true),
        (date(26), true, false), // today, not yet reviewed
    ];
    assert_eq!(review_streak(&days, date(26)), 3);
    let mut broken = days.clone();
    broken[3].2 = false;
    assert_eq!(review_streak(&broken, date(26)), 1);
    assert_eq!(review_streak(&[], date(26)), 0);
}
