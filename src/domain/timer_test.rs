use super::*;
use chrono::NaiveDate;

const SETTINGS: TimerSettings = TimerSettings {
    focus_minutes: 30,
    break_minutes: 5,
    long_break_minutes: 15,
    rounds_before_long_break: 2,
};

fn at(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(text).unwrap()
}

fn t(hms: &str) -> DateTime<FixedOffset> {
    at(&format!("2026-11-26T{hms}+01:00"))
}

fn day() -> Day {
    Day::new(NaiveDate::from_ymd_opt(2026, 11, 26).unwrap())
}

fn target() -> FocusTarget {
    FocusTarget {
        category: Category::Proactive,
        title: Some("ACME proposal".into()),
        block: Some("b3".into()),
        account: None,
    }
}

/// (start, end) of every session of `kind`, as HH:MM.
fn spans(day: &Day, kind: SessionKind) -> Vec<(String, Option<String>)> {
    day.sessions
        .iter()
        .filter(|s| s.kind == kind)
        .map(|s| {
            (
                s.start.format("%H:%M").to_string(),
                s.end.map(|e| e.format("%H:%M").to_string()),
            )
        })
        .collect()
}

fn span(start: &str, end: Option<&str>) -> (String, Option<String>) {
    (start.to_string(), end.map(str::to_string))
}

#[test]
fn full_focus_break_cycle_with_a_long_break_every_second_round() {
    let mut d = day();
    start(&mut d, t("09:00:00"), &SETTINGS, target());
    assert_eq!(spans(&d, SessionKind::Focus), vec![span("09:00", None)]);
    assert!(advance(&mut d, t("09:29:59"), &SETTINGS).is_empty());
    assert_eq!(
        advance(&mut d, t("09:30:00"), &SETTINGS),
        vec![TimerEvent::FocusEnded {
            round: 1,
            long_break: false
        }]
    );
    assert_eq!(
        spans(&d, SessionKind::Focus),
        vec![span("09:00", Some("09:30"))]
    );
    assert_eq!(d.timer.as_ref().unwrap().phase, Phase::Break);
    assert_eq!(
        advance(&mut d, t("09:35:00"), &SETTINGS),
        vec![TimerEvent::BreakEnded { next_round: 2 }]
    );
    let timer = d.timer.clone().unwrap();
    assert_eq!(
        (timer.phase, timer.round, timer.is_running()),
        (Phase::Focus, 2, false)
    );
    resume(&mut d, t("09:40:00")).unwrap();
    let events = advance(&mut d, t("10:10:00"), &SETTINGS);
    assert_eq!(
        events,
        vec![TimerEvent::FocusEnded {
            round: 2,
            long_break: true
        }]
    );
    assert_eq!(d.timer.as_ref().unwrap().length, 15 * 60);
    assert_eq!(
        spans(&d, SessionKind::Focus),
        vec![span("09:00", Some("09:30")), span("09:40", Some("10:10"))]
    );
    assert!(d.sessions.iter().all(|s| s.block.as_deref() == Some("b3")));
}

#[test]
fn pause_and_resume_keep_the_remaining_time() {
    let mut d = day();
    start(&mut d, t("09:00:00"), &SETTINGS, target());
    pause(&mut d, t("09:10:00")).unwrap();
    assert!(
        pause(&mut d, t("09:11:00"))
            .unwrap_err()
            .contains("already paused")
    );
    assert_eq!(d.timer.as_ref().unwrap().remaining(t("11:00:00")), 20 * 60);
    resume(&mut d, t("09:20:00")).unwrap();
    assert_eq!(d.timer.as_ref().unwrap().remaining(t("09:25:00")), 15 * 60);
    assert_eq!(advance(&mut d, t("09:40:00"), &SETTINGS).len(), 1);
    assert_eq!(
        spans(&d, SessionKind::Focus),
        vec![span("09:00", Some("09:10")), span("09:20", Some("09:40"))]
    );
}

#[test]
fn interruption_pauses_focus_and_the_second_press_resumes_it() {
    let mut d = day();
    start(&mut d, t("09:00:00"), &SETTINGS, target());
    assert!(toggle_interruption(
        &mut d,
        t("09:12:00"),
        Some("Globex".into())
    ));
    assert!(!d.timer.as_ref().unwrap().is_running());
    assert!(!toggle_interruption(&mut d, t("09:41:00"), None));
    assert!(d.timer.as_ref().unwrap().is_running());
    assert_eq!(
        spans(&d, SessionKind::Interruption),
        vec![span("09:12", Some("09:41"))]
    );
    assert_eq!(
        spans(&d, SessionKind::Focus),
        vec![span("09:00", Some("09:12")), span("09:41", None)]
    );
    let interruption = d
        .sessions
        .iter()
        .find(|s| s.kind == SessionKind::Interruption)
        .unwrap();
    assert_eq!(
        (interruption.category, interruption.account.as_deref()),
        (Category::Reactive, Some("Globex"))
    );
    // 12 minutes done before, 18 left after resuming at 09:41.
    assert_eq!(d.timer.as_ref().unwrap().ends_at(), Some(t("09:59:00")));
}

#[test]
fn interruption_without_a_timer_is_just_logged() {
    let mut d = day();
    assert!(toggle_interruption(&mut d, t("14:00:00"), None));
    assert!(!toggle_interruption(&mut d, t("14:20:00"), None));
    assert_eq!(
        spans(&d, SessionKind::Interruption),
        vec![span("14:00", Some("14:20"))]
    );
    assert!(d.timer.is_none());
}

#[test]
fn pass_on_logs_a_minute_without_touching_focus() {
    let mut d = day();
    start(&mut d, t("09:00:00"), &SETTINGS, target());
    assert!(pass_on(&mut d, t("09:05:00"), " ".into(), None).is_err());
    let account = Some("ACME".to_string());
    pass_on(
        &mut d,
        t("09:05:00"),
        "forward invoice to finance".into(),
        account,
    )
    .unwrap();
    assert_eq!(d.sessions.last().unwrap().account.as_deref(), Some("ACME"));
    assert!(d.timer.as_ref().unwrap().is_running());
    let passed = d
        .sessions
        .iter()
        .find(|s| s.note.as_deref() == Some("passed on"))
        .unwrap();
    assert_eq!((passed.end.unwrap() - passed.start).num_minutes(), 1);
}

#[test]
fn a_six_hour_suspend_counts_only_the_focus_round() {
    let mut d = day();
    start(&mut d, t("09:00:00"), &SETTINGS, target());
    let events = advance(&mut d, t("15:00:00"), &SETTINGS);
    assert_eq!(
        events,
        vec![
            TimerEvent::FocusEnded {
                round: 1,
                long_break: false
            },
            TimerEvent::BreakEnded { next_round: 2 }
        ]
    );
    assert_eq!(
        spans(&d, SessionKind::Focus),
        vec![span("09:00", Some("09:30"))]
    );
    assert!(
        !d.timer.as_ref().unwrap().is_running(),
        "waits for the rep after the break"
    );
}

#[test]
fn reopening_with_an_open_session_measures_on_the_wall_clock() {
    let mut d = day();
    start(&mut d, t("09:00:00"), &SETTINGS, target());
    let text = toml::to_string(&d).unwrap();
    let reopened: Day = toml::from_str(&text).unwrap();
    assert_eq!(
        reopened.timer.as_ref().unwrap().remaining(t("09:18:30")),
        11 * 60 + 30
    );
}

#[test]
fn wall_clock_jumping_back_never_gives_negative_time() {
    let mut d = day();
    start(&mut d, t("09:00:00"), &SETTINGS, target());
    let timer = d.timer.clone().unwrap();
    assert_eq!(timer.elapsed(t("08:50:00")), 0);
    pause(&mut d, t("08:55:00")).unwrap();
    assert_eq!(d.timer.as_ref().unwrap().done, 0);
    assert!(
        d.sessions
            .iter()
            .all(|s| s.end.is_none_or(|e| e >= s.start)),
        "no session ends before it starts"
    );
}

#[test]
fn dst_change_inside_a_round_does_not_double_or_lose_time() {
    // 02:50 CEST (+02:00) then the clocks go back: 02:10 CET (+01:00) is 20 minutes later.
    let mut d = Day::new(NaiveDate::from_ymd_opt(2026, 10, 25).unwrap());
    start(&mut d, at("2026-10-25T02:50:00+02:00"), &SETTINGS, target());
    let timer = d.timer.clone().unwrap();
    assert_eq!(timer.remaining(at("2026-10-25T02:10:00+01:00")), 10 * 60);
    let events = advance(&mut d, at("2026-10-25T02:20:00+01:00"), &SETTINGS);
    assert_eq!(events.len(), 1);
    let focus = &d.sessions[0];
    assert_eq!((focus.end.unwrap() - focus.start).num_minutes(), 30);
}

#[test]
fn crossing_midnight_splits_the_session_between_the_two_days() {
    let mut yesterday = day();
    start(&mut yesterday, t("23:50:00"), &SETTINGS, target());
    let mut today = Day::new(NaiveDate::from_ymd_opt(2026, 11, 27).unwrap());
    let midnight = at("2026-11-27T00:00:00+01:00");
    carry_over_midnight(&mut yesterday, &mut today, midnight);
    assert!(yesterday.timer.is_none());
    assert_eq!(yesterday.sessions[0].end, Some(midnight));
    let timer = today.timer.clone().unwrap();
    assert_eq!(timer.remaining(at("2026-11-27T00:05:00+01:00")), 15 * 60);
    assert_eq!(today.sessions[0].start, midnight);
    assert_eq!(today.sessions[0].end, None);
    advance(&mut today, at("2026-11-27T00:20:00+01:00"), &SETTINGS);
    assert_eq!(today.sessions[0].end, Some(at("2026-11-27T00:20:00+01:00")));
}

#[test]
fn a_round_waiting_at_midnight_is_not_carried_into_the_new_day() {
    let mut yesterday = day();
    start(&mut yesterday, t("23:00:00"), &SETTINGS, target());
    advance(&mut yesterday, t("23:40:00"), &SETTINGS); // focus to 23:30, break to 23:35: READY
    assert!(yesterday.timer.as_ref().unwrap().is_ready());
    let mut today = Day::new(NaiveDate::from_ymd_opt(2026, 11, 27).unwrap());
    carry_over_midnight(&mut yesterday, &mut today, at("2026-11-27T00:00:00+01:00"));
    assert!(today.timer.is_none(), "a day change resets a waiting cycle");
    assert!(yesterday.timer.is_none());
}

#[test]
fn the_next_round_follows_the_plan_once_its_block_has_ended() {
    use crate::domain::test_support::{block, hm};
    let mut d = day();
    d.blocks
        .push(block("b1", hm(9, 0), hm(9, 35), Category::Reactive));
    let mut on_b1 = target();
    on_b1.block = Some("b1".into());
    start(&mut d, t("09:00:00"), &SETTINGS, on_b1);
    advance(&mut d, t("09:40:00"), &SETTINGS);
    assert_eq!(next_round(&d, hm(9, 20)), NextRound::Same);
    assert!(matches!(next_round(&d, hm(9, 40)), NextRound::Ask(_)));
    d.blocks
        .push(block("b2", hm(9, 35), hm(11, 0), Category::Proactive));
    let NextRound::Block(next) = next_round(&d, hm(9, 40)) else {
        panic!("the block planned now");
    };
    assert_eq!(next.block.as_deref(), Some("b2"));
    resume(&mut d, t("09:40:00")).unwrap();
    assert_eq!(d.sessions[1].category, Category::Proactive);
    assert_eq!(d.timer.unwrap().block.as_deref(), Some("b2"));
}

#[test]
fn gap_answers_settle_the_open_focus() {
    let gap_start = t("09:10:00");
    let now = t("09:25:00");
    let mut work = day();
    start(&mut work, t("09:00:00"), &SETTINGS, target());
    settle_gap(&mut work, gap_start, now, GapAnswer::Work);
    assert!(work.timer.as_ref().unwrap().is_running());

    let mut other = day();
    start(&mut other, t("09:00:00"), &SETTINGS, target());
    settle_gap(&mut other, gap_start, now, GapAnswer::Other);
    assert_eq!(
        spans(&other, SessionKind::Focus),
        vec![span("09:00", Some("09:10"))]
    );
    let away = other
        .sessions
        .iter()
        .find(|s| s.category == Category::Other)
        .unwrap();
    assert_eq!((away.start, away.end), (gap_start, Some(now)));
    assert!(!other.timer.as_ref().unwrap().is_running());
}

#[test]
fn a_gap_that_seems_to_begin_before_the_focus_started_keeps_the_focus() {
    // The last sign of the dashboard was at 12:50; the focus was started at 12:56 (from another
    // pane, or just before the first tick): a break answer must not delete it.
    let mut d = day();
    start(&mut d, t("12:56:00"), &SETTINGS, target());
    settle_gap(&mut d, t("12:50:00"), t("13:10:00"), GapAnswer::Break);
    assert_eq!(
        spans(&d, SessionKind::Focus),
        vec![span("12:56", Some("12:57"))]
    );
}

#[test]
fn stop_and_skip_break() {
    let mut d = day();
    assert!(skip_break(&mut d, t("09:00:00"), &SETTINGS).is_err());
    start(&mut d, t("09:00:00"), &SETTINGS, target());
    assert!(
        skip_break(&mut d, t("09:05:00"), &SETTINGS)
            .unwrap_err()
            .contains("focus time")
    );
    advance(&mut d, t("09:31:00"), &SETTINGS);
    skip_break(&mut d, t("09:31:00"), &SETTINGS).unwrap();
    assert_eq!(d.timer.as_ref().unwrap().round, 2);
    assert!(stop(&mut d, t("09:45:00")));
    assert!(d.timer.is_none());
    assert_eq!(
        spans(&d, SessionKind::Focus),
        vec![span("09:00", Some("09:30")), span("09:31", Some("09:45"))]
    );
}
