//! The Timer tab and the keys that work everywhere, driven through the real app and journal with
//! a clock the test moves.

mod common;

use chrono::{Duration, NaiveDate, NaiveTime};
use common::{Harness, at, planned_at};
use protime::domain::{Block, BlockKind, Category};
use protime::journal::heartbeat;
use protime::tui::effects;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
}

fn minutes(n: i64) -> Duration {
    Duration::minutes(n)
}

fn banner(h: &Harness) -> String {
    h.app.message().unwrap_or_default()
}

#[test]
fn a_full_focus_and_break_cycle_by_keys_and_clock() {
    let mut h = planned_at("09:00:00");
    h.type_keys("s");
    h.run_for(minutes(30), minutes(1));
    assert!(
        banner(&h).contains("Focus round 1 done: take a 5-minute break"),
        "{}",
        banner(&h)
    );
    assert_eq!(
        h.sessions(today()),
        vec!["09:00-09:30 focus PRO ACME proposal"]
    );
    h.run_for(minutes(5), minutes(1));
    assert!(
        banner(&h).contains("space starts focus round 2"),
        "{}",
        banner(&h)
    );
    h.advance(minutes(2));
    h.type_keys(" ");
    h.run_for(minutes(10), minutes(1));
    h.type_keys(" ");
    assert_eq!(
        h.sessions(today()),
        vec![
            "09:00-09:30 focus PRO ACME proposal",
            "09:37-09:47 focus PRO ACME proposal"
        ]
    );
    h.type_keys("s");
    assert!(h.journal.load(today()).unwrap().timer.is_none());
}

#[test]
fn s_between_rounds_starts_the_next_round_instead_of_ending_the_cycle() {
    let mut h = planned_at("09:00:00");
    h.type_keys("s");
    h.run_for(minutes(36), minutes(1)); // focus to 09:30, break to 09:35: READY
    h.type_keys("s");
    assert_eq!(
        h.sessions(today()),
        vec![
            "09:00-09:30 focus PRO ACME proposal",
            "09:36-open focus PRO ACME proposal"
        ]
    );
}

#[test]
fn interruption_and_pass_on_from_another_tab() {
    let mut h = planned_at("09:00:00");
    h.type_keys("s1");
    h.run_for(minutes(10), minutes(1));
    h.type_keys("iGlobex\n");
    h.run_for(minutes(15), minutes(1));
    h.type_keys("i");
    h.advance(minutes(1));
    h.type_keys("pinvoice to finance\n");
    assert_eq!(
        h.sessions(today()),
        vec![
            "09:00-09:10 focus PRO ACME proposal",
            "09:10-09:25 interruption RE Globex",
            "09:25-open focus PRO ACME proposal",
            "09:26-09:27 interruption RE invoice to finance",
        ]
    );
    // The interruption pushed the round's end out by its 15 minutes.
    assert_eq!(
        h.journal.load(today()).unwrap().timer.unwrap().ends_at(),
        Some(at("2026-11-26T09:45:00+01:00"))
    );
}

#[test]
fn the_header_keeps_the_timer_when_the_date_no_longer_fits() {
    let mut h = planned_at("09:00:00");
    h.type_keys("s");
    for (width, expected) in [
        (120, "Thu 26 Nov · 09:00 · ▶ focus 30:00 left"),
        (80, "▶ focus 30:00 left"),
        (66, "▶ 30:00"),
        (50, "▶ 30:00"),
    ] {
        let screen = h.screen(width, 24);
        let header = screen.lines().next().unwrap_or_default();
        assert!(header.contains(expected), "{width}: {header}");
    }
}

#[test]
fn a_gap_with_no_sign_of_life_is_asked_about_once() {
    let mut h = planned_at("09:00:00");
    h.type_keys("s");
    h.run_for(minutes(5), minutes(1));
    h.advance(minutes(20)); // the laptop slept
    assert!(h.app.gap().is_some());
    let screen = h.screen(100, 24);
    assert!(
        screen.contains("Focus “ACME proposal” began 09:00; last seen 09:05. Since then:"),
        "{screen}"
    );
    h.type_keys("x"); // not an answer: still asked
    assert!(h.app.gap().is_some());
    h.type_keys("o");
    assert!(h.app.gap().is_none());
    assert_eq!(
        h.sessions(today()),
        vec![
            "09:00-09:05 focus PRO ACME proposal",
            "09:05-09:25 manual OTH away from protime"
        ]
    );
}

#[test]
fn a_timer_started_after_protime_sat_open_and_idle_asks_about_no_gap() {
    let mut h = planned_at("09:00:00");
    h.type_keys("s");
    h.run_for(minutes(2), minutes(1));
    h.type_keys("s"); // stop
    h.run_for(minutes(10), minutes(1)); // open, nothing counting down
    h.type_keys("s");
    h.advance(chrono::Duration::seconds(1));
    assert!(h.app.gap().is_none(), "{}", h.screen(100, 24));
    assert_eq!(
        h.sessions(today()),
        vec![
            "09:00-09:02 focus PRO ACME proposal",
            "09:12-open focus PRO ACME proposal"
        ]
    );
}

#[test]
fn answering_work_keeps_the_session_and_the_question_does_not_come_back() {
    let mut h = planned_at("09:00:00");
    h.type_keys("s");
    h.run_for(minutes(5), minutes(1));
    h.advance(minutes(20));
    assert!(h.app.gap().is_some());
    h.type_keys("w");
    h.advance(chrono::Duration::seconds(1));
    assert!(h.app.gap().is_none(), "{}", h.screen(100, 24));
    assert_eq!(
        h.sessions(today()),
        vec!["09:00-open focus PRO ACME proposal"]
    );
}

#[test]
fn q_quits_while_the_gap_question_is_up() {
    use protime::tui::event::Event;
    use protime::tui::shared::Effect;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let mut h = planned_at("09:00:00");
    h.type_keys("s");
    h.advance(minutes(20));
    assert!(h.app.gap().is_some());
    let q = Event::Key(KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE));
    assert!(h.app.handle(&q).contains(&Effect::Quit));
}

#[test]
fn a_break_alone_is_no_session_to_ask_about() {
    let mut h = planned_at("09:00:00");
    h.type_keys("s");
    h.run_for(minutes(31), minutes(1)); // the round ended at 09:30, the break runs
    // Closed during the break, opened again after it: no session was open in between.
    let h = h.restart(at("2026-11-26T09:37:00+01:00"));
    assert!(h.app.gap().is_none(), "{}", h.screen(100, 24));
}

#[test]
fn reopening_resumes_the_open_session_with_wall_clock_time() {
    let mut h = planned_at("09:00:00");
    h.type_keys("s");
    h.run_for(minutes(11), minutes(1));
    assert_eq!(
        heartbeat::last(&h.journal, h.app.now()),
        Some(at("2026-11-26T09:11:00+01:00"))
    );
    let h = h.restart(at("2026-11-26T09:12:30+01:00"));
    assert!(h.app.gap().is_none());
    let timer = h.journal.load(today()).unwrap().timer.unwrap();
    assert_eq!(timer.remaining(h.app.now()), 17 * 60 + 30);
    assert!(h.screen(100, 24).contains("▶ focus 17:30 left"));
}

#[test]
fn a_session_left_open_for_hours_is_closed_at_the_last_sign_of_life() {
    let mut h = planned_at("09:00:00");
    h.type_keys("iACME\n");
    h.run_for(minutes(5), minutes(1));
    let h = h.restart(at("2026-11-26T15:00:00+01:00"));
    assert_eq!(
        h.sessions(today()),
        vec!["09:00-09:05 interruption RE ACME"]
    );
    assert!(
        banner(&h).contains("closed at the last sign of life"),
        "{}",
        banner(&h)
    );
}

#[test]
fn a_focus_running_across_midnight_is_split_between_the_days() {
    let mut h = Harness::new(at("2026-11-26T23:50:00+01:00"));
    h.type_keys("2s\n"); // unplanned focus, proactive
    h.run_for(minutes(15), minutes(1));
    let tomorrow = today().succ_opt().unwrap();
    assert_eq!(h.sessions(today()), vec!["23:50-00:00 focus PRO "]);
    assert_eq!(h.sessions(tomorrow), vec!["00:00-open focus PRO "]);
    h.run_for(minutes(15), minutes(1));
    assert_eq!(h.sessions(tomorrow), vec!["00:00-00:20 focus PRO "]);
}

#[test]
fn timer_states_render_wide_and_narrow() {
    let mut h = planned_at("09:00:00");
    h.type_keys("s");
    h.run_for(minutes(11), minutes(1));
    insta::assert_snapshot!("focus_100x24", h.screen(100, 24));
    insta::assert_snapshot!("focus_40x20", h.screen(40, 20));
    h.type_keys(" ");
    insta::assert_snapshot!("paused_100x24", h.screen(100, 24));
    insta::assert_snapshot!("paused_40x20", h.screen(40, 20));
    h.type_keys(" iGlobex\n");
    h.run_for(minutes(3), minutes(1));
    insta::assert_snapshot!("interruption_100x24", h.screen(100, 24));
    insta::assert_snapshot!("interruption_40x20", h.screen(40, 20));
    h.type_keys("i");
    h.run_for(minutes(20), minutes(1));
    insta::assert_snapshot!("break_100x24", h.screen(100, 24));
    insta::assert_snapshot!("break_40x20", h.screen(40, 20));
}

#[test]
fn notifications_for_focus_end_break_end_next_block_and_review() {
    use protime::notify::{NotificationKind, RecordingNotifier};
    let mut h = planned_at("08:50:00");
    let recorder = RecordingNotifier::new();
    h.app.set_notifier(Box::new(recorder.clone()));
    h.run_for(minutes(10), minutes(1)); // 08:58: the 09:00 block starts in 2 minutes
    h.type_keys("s");
    h.run_for(minutes(36), minutes(1));
    h.app.jump_clock(at("2026-11-26T16:44:00+01:00"));
    h.advance(minutes(1));
    let kinds: Vec<NotificationKind> = recorder.sent().iter().map(|n| n.kind).collect();
    assert_eq!(
        kinds,
        vec![
            NotificationKind::BlockStart,
            NotificationKind::FocusEnd,
            NotificationKind::BreakEnd,
            NotificationKind::ReviewReminder
        ]
    );
    assert!(
        recorder.sent()[0]
            .body
            .contains("ACME proposal starts at 09:00")
    );
}

#[test]
fn switched_off_notifications_are_not_sent() {
    use protime::notify::RecordingNotifier;
    let mut h = planned_at("08:50:00");
    *h.app.config_mut() =
        protime::config::Config::from_user_text(Some("[notifications]\nenabled = false\n"), "t")
            .unwrap();
    let recorder = RecordingNotifier::new();
    h.app.set_notifier(Box::new(recorder.clone()));
    h.run_for(minutes(10), minutes(1));
    h.type_keys("s");
    h.run_for(minutes(31), minutes(1));
    assert!(recorder.sent().is_empty());
    assert!(
        banner(&h).contains("Focus round 1 done"),
        "the banner still says it"
    );
}

#[test]
fn an_interruption_left_running_for_hours_is_closed_at_the_last_key() {
    let mut h = planned_at("09:00:00");
    h.type_keys("iGlobex\n");
    h.run_for(minutes(20), minutes(1));
    h.type_keys("1"); // the rep's last key, at 09:20
    h.run_for(minutes(200), minutes(1));
    assert_eq!(
        h.sessions(today()),
        vec!["09:00-09:20 interruption RE Globex"]
    );
    assert!(
        banner(&h).contains("closed at your last key, 09:20"),
        "{}",
        banner(&h)
    );
}

#[test]
fn i_starts_the_interruption_at_once_and_who_and_what_follow() {
    let mut h = planned_at("09:00:00");
    h.type_keys("s");
    h.run_for(minutes(10), minutes(1));
    h.type_keys("i");
    // The focus stopped and the interruption runs from the key, before anything is typed.
    assert_eq!(
        h.sessions(today()),
        vec![
            "09:00-09:10 focus PRO ACME proposal",
            "09:10-open interruption RE ",
        ]
    );
    h.run_for(minutes(2), minutes(1));
    h.type_keys("acme\tinvoice question\n");
    let day = h.journal.load(today()).unwrap();
    let interruption = &day.sessions[1];
    assert_eq!(interruption.start, at("2026-11-26T09:10:00+01:00"));
    assert_eq!(
        interruption.account.as_deref(),
        Some("ACME"),
        "the known spelling"
    );
    assert_eq!(interruption.note.as_deref(), Some("invoice question"));
    assert_eq!(interruption.title.as_deref(), Some("invoice question"));
    assert!(interruption.end.is_none(), "still running");
}

fn work_block(
    id: &str,
    title: &str,
    category: Category,
    start: (u32, u32),
    end: (u32, u32),
) -> Block {
    Block {
        id: id.into(),
        start: NaiveTime::from_hms_opt(start.0, start.1, 0).unwrap(),
        end: NaiveTime::from_hms_opt(end.0, end.1, 0).unwrap(),
        category,
        title: title.into(),
        kind: BlockKind::Work,
        account: None,
        objective: None,
        source: None,
    }
}

/// protime at 09:00 on a day with a reactive buffer 09:00–09:35, then `then` (if any).
fn buffer_then(then: Option<Block>) -> Harness {
    let mut h = Harness::new(at("2026-11-26T09:00:00+01:00"));
    let buffer = "Customer requests (buffer)";
    let first = work_block("b1", buffer, Category::Reactive, (9, 0), (9, 35));
    h.journal
        .update(today(), |d| {
            d.blocks.extend([first].into_iter().chain(then));
            Ok(())
        })
        .unwrap();
    effects::reload_days(&mut h.app, &h.journal);
    h.type_keys("2");
    h
}

#[test]
fn after_a_break_the_next_round_goes_to_the_block_planned_now() {
    let prospecting = work_block("b2", "Prospecting", Category::Proactive, (9, 35), (11, 0));
    let mut h = buffer_then(Some(prospecting));
    h.type_keys("s");
    h.run_for(minutes(40), minutes(1)); // focus to 09:30, break to 09:35, READY since
    h.type_keys("s");
    assert_eq!(
        h.sessions(today()),
        vec![
            "09:00-09:30 focus RE Customer requests (buffer)",
            "09:40-open focus PRO Prospecting"
        ]
    );
    let day = h.journal.load(today()).unwrap();
    assert_eq!(day.timer.unwrap().block.as_deref(), Some("b2"));
}

#[test]
fn after_a_break_with_nothing_planned_the_rep_picks_the_next_round() {
    let mut h = buffer_then(None);
    h.type_keys("s");
    h.run_for(minutes(40), minutes(1));
    h.type_keys(" ");
    assert!(
        banner(&h).contains("has ended and nothing is planned now"),
        "{}",
        banner(&h)
    );
    assert!(h.screen(100, 24).contains("Focus on unplanned work"));
    assert_eq!(
        h.sessions(today()),
        vec!["09:00-09:30 focus RE Customer requests (buffer)"],
        "no round on the old block"
    );
}

#[test]
fn a_gap_answered_as_a_customer_is_logged_reactive_and_asks_who() {
    let mut h = planned_at("09:00:00");
    h.type_keys("s");
    h.run_for(minutes(5), minutes(1));
    h.advance(minutes(20)); // 09:25: a customer called, protime saw nothing
    h.type_keys("r");
    assert!(h.app.gap().is_none());
    h.type_keys("Globex\tdelivery question\n");
    assert_eq!(
        h.sessions(today()),
        vec![
            "09:00-09:05 focus PRO ACME proposal",
            "09:05-09:25 interruption RE delivery question"
        ]
    );
    let day = h.journal.load(today()).unwrap();
    assert_eq!(day.sessions[1].account.as_deref(), Some("Globex"));
}

#[test]
fn completion_offers_accounts_of_the_last_90_days() {
    let mut h = planned_at("09:00:00");
    let earlier = NaiveDate::from_ymd_opt(2026, 10, 27).unwrap();
    h.journal
        .update(earlier, |d| {
            let mut s = d
                .sessions
                .first()
                .cloned()
                .unwrap_or_else(|| protime::domain::Session {
                    id: "s1".into(),
                    start: at("2026-10-27T10:00:00+01:00"),
                    end: Some(at("2026-10-27T10:30:00+01:00")),
                    category: Category::Reactive,
                    kind: protime::domain::SessionKind::Interruption,
                    title: None,
                    block: None,
                    account: None,
                    note: None,
                    source: None,
                });
            s.account = Some("Initech".into());
            d.sessions.push(s);
            Ok(())
        })
        .unwrap();
    effects::load_known_accounts(&mut h.app, &h.journal);
    h.type_keys("iini\t\n");
    let day = h.journal.load(today()).unwrap();
    assert_eq!(day.sessions[0].account.as_deref(), Some("Initech"));
}

/// A desktop that fails at its first notification: the fallback's reason and the notification
/// arrive in the same tick.
struct FailingDesktop(std::collections::VecDeque<protime::notify::NotifyEvent>);

impl protime::notify::Notifier for FailingDesktop {
    fn notify(
        &mut self,
        n: &protime::notify::Notification,
        _now: chrono::DateTime<chrono::FixedOffset>,
    ) -> protime::notify::Delivery {
        use protime::notify::NotifyEvent;
        self.0.push_back(NotifyEvent::FellBack {
            reason: "no notification service answered (no D-Bus session?)".into(),
        });
        self.0.push_back(NotifyEvent::ShowInApp(n.clone()));
        protime::notify::Delivery::Queued
    }
    fn poll(&mut self) -> Option<protime::notify::NotifyEvent> {
        self.0.pop_front()
    }
}

#[test]
fn why_notifications_fell_back_is_not_written_over_in_the_same_tick() {
    let mut h = planned_at("09:00:00");
    h.app
        .set_notifier(Box::new(FailingDesktop(Default::default())));
    h.type_keys("s");
    h.run_for(minutes(30), minutes(1));
    let shown = banner(&h);
    assert!(
        shown.contains("no notification service answered"),
        "{shown}"
    );
    assert!(shown.contains("Focus round 1 done"), "{shown}");
}

#[test]
fn the_configs_inbox_slots_notify_when_no_inbox_block_is_planned() {
    use protime::notify::{NotificationKind, RecordingNotifier};
    let mut h = planned_at("11:28:00");
    let recorder = RecordingNotifier::new();
    h.app.set_notifier(Box::new(recorder.clone()));
    h.run_for(minutes(3), minutes(1)); // 11:30: the default `[inbox] slots` first slot
    let sent = recorder.sent();
    assert_eq!(
        sent.iter().map(|n| n.kind).collect::<Vec<_>>(),
        vec![NotificationKind::InboxSlot]
    );
    assert!(sent[0].body.starts_with("11:30–12:00"), "{}", sent[0].body);
}

/// Issue #16: a timer act pressed by mistake is undone with `u` on the Timer tab, whichever
/// tab's key made it; the day file is back byte for byte, and `U` redoes it.
#[test]
fn a_timer_act_is_undone_and_redone_on_the_timer_tab() {
    let mut h = planned_at("09:00:00");
    let before = h.file(today());
    h.type_keys("s");
    h.run_for(minutes(10), minutes(1));
    h.type_keys("1i\n");
    let interrupted = h.file(today());
    assert_eq!(
        h.sessions(today()),
        vec![
            "09:00-09:10 focus PRO ACME proposal",
            "09:10-open interruption RE "
        ]
    );
    h.type_keys("2u");
    assert_eq!(
        h.sessions(today()),
        vec!["09:00-open focus PRO ACME proposal"],
        "the interruption is undone, the focus runs on"
    );
    assert_eq!(banner(&h), "Undid the last timer act — U redoes it");
    h.type_keys("u");
    assert_eq!(
        h.file(today()),
        before,
        "the start is undone: the file as it was"
    );
    h.type_keys("u");
    assert!(banner(&h).starts_with("nothing to undo"), "{}", banner(&h));
    h.type_keys("UU");
    assert_eq!(h.file(today()), interrupted);
    assert!(
        h.screen(80, 24).contains("u undo"),
        "the Timer tab offers it"
    );
}

/// The timer moving on by itself (a round ending) is no act to undo, and once it has, the start
/// is not undone either: that would erase the round (QA).
#[test]
fn once_the_timer_has_moved_on_its_start_is_not_undone() {
    let mut h = planned_at("09:00:00");
    h.type_keys("s");
    h.run_for(minutes(32), minutes(1));
    let round = h.file(today());
    assert_eq!(
        h.sessions(today()),
        vec!["09:00-09:30 focus PRO ACME proposal"]
    );
    h.type_keys("u");
    assert_eq!(h.file(today()), round);
    assert!(
        banner(&h).contains("the timer has moved on"),
        "{}",
        banner(&h)
    );
}

/// QA: `s` during a break ended the cycle without a word; it says so, and `u` takes it back.
#[test]
fn s_that_stops_the_timer_says_so_and_u_takes_it_back() {
    let mut h = planned_at("09:00:00");
    h.type_keys("s");
    h.run_for(minutes(31), minutes(1));
    let in_break = h.file(today());
    h.type_keys("s");
    assert!(h.journal.load(today()).unwrap().timer.is_none());
    assert!(
        banner(&h).contains("Timer stopped — u on the Timer tab undoes"),
        "{}",
        banner(&h)
    );
    h.type_keys("u");
    assert_eq!(h.file(today()), in_break);
}

/// QA: at 60 columns the full tab names left no room, and a running focus was nowhere on screen.
#[test]
fn a_running_focus_shows_in_the_header_at_every_width() {
    let mut h = planned_at("09:00:00");
    h.type_keys("s");
    for width in [40, 60, 66, 80, 120] {
        let screen = h.screen(width, 24);
        let header = screen.lines().next().unwrap();
        assert!(header.contains("▶"), "{width} columns: {header}");
    }
}
