use super::*;
use crate::domain::plan::DayEdit;
use crate::domain::test_support::session;
use crate::domain::{Category, SessionKind};

fn at(hm: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(&format!("2026-11-26T{hm}:00+01:00")).unwrap()
}

fn day() -> Day {
    let mut d = Day::new(at("12:00").date_naive());
    d.sessions.push(session(
        "s1",
        at("09:00"),
        Some(at("10:00")),
        Category::Proactive,
        SessionKind::Focus,
    ));
    d.sessions.push(session(
        "s2",
        at("10:30"),
        Some(at("11:00")),
        Category::Reactive,
        SessionKind::Interruption,
    ));
    d
}

/// Applies `edit`, then its inverse: the day must be exactly as before.
fn round_trip(edit: DayEdit) -> Day {
    let original = day();
    let mut d = original.clone();
    let undo = edit.apply(&mut d).unwrap();
    let changed = d.clone();
    undo.apply(&mut d).unwrap();
    assert_eq!(
        d.sessions, original.sessions,
        "undo restores the exact sessions"
    );
    changed
}

#[test]
fn a_corrected_end_and_category_undo_exactly() {
    let before = day().sessions[1].clone();
    let mut after = before.clone();
    after.end = Some(at("10:45"));
    after.category = Category::Other;
    let changed = round_trip(DayEdit::ReplaceSession {
        before: Box::new(before),
        after: Box::new(after),
    });
    assert_eq!(changed.sessions[1].end, Some(at("10:45")));
    assert_eq!(changed.sessions[1].category, Category::Other);
}

#[test]
fn a_split_and_a_join_undo_exactly() {
    let split = DayEdit::SplitSession {
        id: "s1".into(),
        at: at("09:20"),
        new_id: None,
    };
    let changed = round_trip(split);
    let spans: Vec<_> = changed
        .sessions
        .iter()
        .map(|s| (s.id.as_str(), s.start, s.end))
        .collect();
    assert_eq!(
        spans[..2],
        [
            ("s1", at("09:00"), Some(at("09:20"))),
            ("s3", at("09:20"), Some(at("10:00")))
        ]
    );
    let joined = round_trip(DayEdit::JoinSessions {
        first: "s1".into(),
        second: "s2".into(),
    });
    assert_eq!(joined.sessions.len(), 1);
    assert_eq!(joined.sessions[0].end, Some(at("11:00")));
}

#[test]
fn impossible_corrections_are_refused_with_why() {
    let now = at("12:00");
    let mut s = day().sessions[0].clone();
    s.end = Some(at("08:00"));
    assert!(check(&s, now).unwrap_err().contains("not after the start"));
    s.end = Some(at("13:00"));
    assert!(check(&s, now).unwrap_err().contains("has not come yet"));
    s.start = at("09:00") - Duration::hours(30);
    s.end = Some(at("09:00"));
    assert!(check(&s, now).unwrap_err().contains("more than a day"));
    let mut d = day();
    let outside = split(&mut d, "s1", at("10:10"), None);
    assert!(outside.unwrap_err().contains("not inside s1"));
    assert!(
        join(&mut d, "s2", "s1").is_err(),
        "the second must come after"
    );
}

#[test]
fn a_correction_keeps_what_another_pane_changed_and_refuses_a_clash() {
    let mut d = day();
    let before = d.sessions[1].clone();
    d.sessions[1].account = Some("Globex".into()); // another pane named it meanwhile
    let mut after = before.clone();
    after.end = Some(at("10:50"));
    DayEdit::ReplaceSession {
        before: Box::new(before.clone()),
        after: Box::new(after),
    }
    .apply(&mut d)
    .unwrap();
    assert_eq!(d.sessions[1].account.as_deref(), Some("Globex"));
    assert_eq!(d.sessions[1].end, Some(at("10:50")));
    let mut clash = before.clone();
    clash.end = Some(at("10:40"));
    let refused = DayEdit::ReplaceSession {
        before: Box::new(before),
        after: Box::new(clash),
    }
    .apply(&mut d);
    assert!(
        refused
            .unwrap_err()
            .contains("another window changed this session's end")
    );
}

#[test]
fn moving_a_running_focus_start_moves_the_timer_with_it() {
    let settings = crate::domain::timer::TimerSettings {
        focus_minutes: 30,
        break_minutes: 5,
        long_break_minutes: 15,
        rounds_before_long_break: 4,
    };
    let mut d = Day::new(at("12:00").date_naive());
    let target = crate::domain::timer::FocusTarget {
        category: Category::Proactive,
        title: None,
        block: None,
        account: None,
    };
    crate::domain::timer::start(&mut d, at("11:50"), &settings, target);
    let before = d.sessions[0].clone();
    let mut after = before.clone();
    after.start = at("11:40"); // "I began 10 minutes ago"
    DayEdit::ReplaceSession {
        before: Box::new(before),
        after: Box::new(after),
    }
    .apply(&mut d)
    .unwrap();
    let timer = d.timer.clone().unwrap();
    assert_eq!(timer.since, Some(at("11:40")));
    assert_eq!(timer.remaining(at("12:00")), 10 * 60);
}

#[test]
fn a_session_across_midnight_splits_there_and_the_undo_is_exact() {
    let mut d = Day::new(at("12:00").date_naive());
    let next_day =
        |hm: &str| DateTime::parse_from_rfc3339(&format!("2026-11-27T{hm}:00+01:00")).unwrap();
    d.sessions.push(session(
        "s1",
        at("22:00"),
        Some(next_day("02:00")),
        Category::Reactive,
        SessionKind::Manual,
    ));
    let original = d.clone();
    let undo = DayEdit::SplitSession {
        id: "s1".into(),
        at: next_day("00:00"),
        new_id: None,
    }
    .apply(&mut d)
    .unwrap();
    assert_eq!(d.sessions[0].end, Some(next_day("00:00")));
    assert_eq!(d.sessions[1].start, next_day("00:00"));
    assert_eq!(d.sessions[1].end, Some(next_day("02:00")));
    undo.apply(&mut d).unwrap();
    assert_eq!(d.sessions, original.sessions);
}

/// QA: a join whose second session ends before the first kept the second's end, losing time.
#[test]
fn a_join_covers_both_sessions_whichever_ends_later() {
    let mut d = day();
    d.sessions[1].start = at("09:10");
    d.sessions[1].end = Some(at("09:40"));
    let (_, _) = join(&mut d, "s1", "s2").unwrap();
    assert_eq!(d.sessions.len(), 1);
    assert_eq!(d.sessions[0].end, Some(at("10:00")), "s1's own end stays");
    let mut d = day();
    d.sessions[1].end = None;
    join(&mut d, "s1", "s2").unwrap();
    assert_eq!(
        d.sessions[0].end, None,
        "joined with a running one, it runs on"
    );
    let mut d = day();
    let wrong_way = join(&mut d, "s2", "s1").unwrap_err();
    assert!(wrong_way.contains("s1 starts before s2"), "{wrong_way}");
    d.sessions[0].end = None;
    assert!(
        join(&mut d, "s1", "s2")
            .unwrap_err()
            .contains("still running")
    );
}

/// QA: deleting or ending the session the timer runs left a timer counting down nothing.
#[test]
fn the_timers_running_session_is_neither_ended_nor_deleted_by_a_correction() {
    let mut d = day();
    d.sessions[1].end = None;
    d.timer = Some(crate::domain::timer::Timer {
        phase: crate::domain::timer::Phase::Focus,
        round: 1,
        length: 1800,
        done: 0,
        since: Some(at("10:30")),
        category: Category::Reactive,
        title: None,
        block: None,
        account: None,
        interruption: None,
    });
    let before = d.sessions[1].clone();
    let mut ended = before.clone();
    ended.end = Some(at("10:50"));
    let why = replace(&mut d, &before, ended).unwrap_err();
    assert!(why.contains("s2 is running: stop it first"), "{why}");
    let why = DayEdit::RemoveSession("s2".into())
        .apply(&mut d)
        .unwrap_err();
    assert!(why.contains("then delete it"), "{why}");
    let mut moved = before.clone();
    moved.start = at("10:20");
    replace(&mut d, &before, moved).expect("its start may move");
    d.timer = None;
    DayEdit::RemoveSession("s2".into())
        .apply(&mut d)
        .expect("no timer: an open entry goes");
}

/// QA: joining two sessions across one of another category counted that one as the first's.
#[test]
fn a_join_across_a_session_of_another_category_is_refused_naming_it() {
    let mut d = day();
    d.sessions[1].category = Category::Proactive;
    d.sessions.push(session(
        "s3",
        at("10:05"),
        Some(at("10:20")),
        Category::Other,
        SessionKind::Manual,
    ));
    let before = d.clone();
    let why = join(&mut d, "s1", "s2").unwrap_err();
    assert!(
        why.contains("s3 (10:05–10:20, other) lies between s1 and s2"),
        "{why}"
    );
    assert_eq!(d, before, "nothing changed");
    d.sessions[2].category = Category::Proactive;
    join(&mut d, "s1", "s2").expect("a session of the same category may be joined across");
}
