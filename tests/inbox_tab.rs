//! The Inbox tab through the real app and journal: park, run a slot, triage, copy a template,
//! carry over.

mod common;

use chrono::{Duration, NaiveDate};
use common::{Harness, at};
use protime::domain::inbox::ParkedState;
use std::sync::{Arc, Mutex};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
}

/// A writer the test can read back: what protime sent to the terminal.
#[derive(Clone, Default)]
struct Screen(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Screen {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn with_templates(h: &mut Harness) {
    let dir = h.tmp.path().join("templates");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("pricing.md"),
        "Hi NAME,\n\nour prices are attached.\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("thanks.md"),
        "Thanks, I will come back to you on Friday.\n",
    )
    .unwrap();
    std::fs::write(dir.join("broken.md"), [0xff, 0x00, 0xfe]).unwrap();
    h.app.set_templates_dir(dir);
}

#[test]
fn park_from_the_plan_tab_run_a_slot_triage_and_copy_a_template() {
    let mut h = Harness::new(at("2026-11-26T09:00:00+01:00"));
    with_templates(&mut h);
    let out = Screen::default();
    h.app.set_terminal_out(Box::new(out.clone()));
    h.type_keys("nreply Anna re pricing\nnACME invoice\nnforward contract to legal\n");
    h.run_for(Duration::minutes(150), Duration::minutes(5)); // 11:30, the first slot
    h.type_keys("3s");
    h.run_for(Duration::minutes(5), Duration::minutes(1));
    h.type_keys("t");
    h.type_keys("x");
    h.type_keys("f");
    insta::assert_snapshot!("during_slot_100x30", h.screen(100, 30));
    h.type_keys("lj\n"); // → templates, the second one: "broken" sorts first
    let sent = String::from_utf8(out.0.lock().unwrap().clone()).unwrap();
    assert_eq!(
        sent,
        "\x1b]52;c;SGkgTkFNRSwKCm91ciBwcmljZXMgYXJlIGF0dGFjaGVkLgo=\x07"
    );
    assert!(
        h.app
            .message()
            .unwrap_or_default()
            .contains("Sent \"pricing\" to the clipboard")
    );
    h.run_for(Duration::minutes(30), Duration::minutes(1));
    h.type_keys("s");
    insta::assert_snapshot!("after_slot_100x30", h.screen(100, 30));
    let day = h.journal.load(today()).unwrap();
    let states: Vec<ParkedState> = day.parked.iter().map(|p| p.state).collect();
    assert_eq!(
        states,
        vec![
            ParkedState::Template,
            ParkedState::Dropped,
            ParkedState::Deferred
        ]
    );
    assert_eq!(day.parked[0].slot.as_deref(), Some("s1"));
    assert!(
        h.sessions(today())
            .contains(&"11:30-12:05 inbox RE Inbox slot".to_string()),
        "{:?}",
        h.sessions(today())
    );
    assert!(
        h.screen(100, 30)
            .contains("Inbox today 0h35 of 1h00 planned"),
        "{}",
        h.screen(100, 30)
    );
}

#[test]
fn running_over_the_slot_is_shown() {
    let mut h = Harness::new(at("2026-11-26T11:30:00+01:00"));
    h.type_keys("3s");
    h.run_for(Duration::minutes(34), Duration::minutes(1));
    assert!(
        h.screen(100, 30).contains("+04:00 past the slot's end"),
        "{}",
        h.screen(100, 30)
    );
}

#[test]
fn a_broken_template_is_refused_and_a_missing_folder_is_explained() {
    let mut h = Harness::new(at("2026-11-26T09:00:00+01:00"));
    h.app.set_templates_dir(h.tmp.path().join("no-such-folder"));
    h.type_keys("3");
    assert!(h.screen(100, 30).contains("protime template new"));
    with_templates(&mut h);
    h.type_keys("1");
    h.type_keys("3l\n");
    assert!(
        h.app
            .message()
            .unwrap_or_default()
            .contains("broken cannot be copied: not text"),
        "{:?}",
        h.app.message()
    );
}

#[test]
fn unhandled_mails_carry_over_to_the_next_day_once() {
    let mut h = Harness::new(at("2026-11-26T09:00:00+01:00"));
    h.type_keys("nreply Anna\nnACME invoice\n3r");
    let next = h.restart(at("2026-11-27T08:00:00+01:00"));
    let tomorrow = today().succ_opt().unwrap();
    let carried = next.journal.load(tomorrow).unwrap().parked;
    assert_eq!(carried.len(), 1);
    assert_eq!(
        (carried[0].text.as_str(), carried[0].from),
        ("ACME invoice", Some(today()))
    );
    let again = next.restart(at("2026-11-27T09:00:00+01:00"));
    assert_eq!(
        again.journal.load(tomorrow).unwrap().parked.len(),
        1,
        "not carried twice"
    );
    assert_eq!(
        again.journal.load(today()).unwrap().parked[1].state,
        ParkedState::Carried
    );
}

#[test]
fn empty_and_long_parking_lists_wide_and_narrow() {
    let mut h = Harness::new(at("2026-11-26T09:00:00+01:00"));
    h.type_keys("3");
    insta::assert_snapshot!("empty_100x30", h.screen(100, 30));
    insta::assert_snapshot!("empty_40x24", h.screen(40, 24));
    for i in 1..=25 {
        h.type_keys(&format!(
            "nmail number {i} about something long enough to be cut on a narrow pane\n"
        ));
    }
    insta::assert_snapshot!("long_100x30", h.screen(100, 30));
    insta::assert_snapshot!("long_40x24", h.screen(40, 24));
}

#[test]
fn after_the_last_waiting_mail_the_next_key_does_not_quietly_re_mark_a_handled_one() {
    let mut h = Harness::new(at("2026-11-26T09:00:00+01:00"));
    h.type_keys("nreply Anna re pricing\nnACME invoice\nnforward contract to legal\n");
    h.type_keys("3");
    h.type_keys("r"); // the first: replied
    h.type_keys("jx"); // the last waiting one (now second): dropped
    let waiting_selected = h.app.inbox_tab().selected;
    h.type_keys("x"); // the one still waiting
    let day = h.journal.load(today()).unwrap();
    let states: Vec<ParkedState> = day.parked.iter().map(|p| p.state).collect();
    assert_eq!(
        states,
        vec![
            ParkedState::Replied,
            ParkedState::Dropped,
            ParkedState::Dropped
        ],
        "selected {waiting_selected}"
    );
}

#[test]
fn the_parked_counts_are_never_cut_in_the_middle() {
    let mut h = Harness::new(at("2026-11-26T09:00:00+01:00"));
    h.type_keys("nreply Anna\nnACME invoice\n3");
    let wide = h.screen(120, 24);
    assert!(wide.contains("passed on 0 · dropped 0"), "{wide}");
    let usual = h.screen(80, 24);
    assert!(usual.contains("Parked: 2 waiting · 0 handled"), "{usual}");
}

#[test]
fn a_slot_started_during_focus_pauses_it_and_counts_once() {
    let mut h = Harness::new(at("2026-11-26T11:21:00+01:00"));
    h.type_keys("2sp"); // focus on unplanned work, proactive by default
    h.type_keys("\n");
    h.run_for(Duration::minutes(9), Duration::minutes(1)); // 11:30: the config's first slot
    let inbox = h.screen(100, 30);
    h.type_keys("3");
    let tab = h.screen(100, 30);
    assert!(
        tab.contains("The 11:30 slot is on now, until 12:00"),
        "{tab}"
    );
    assert!(!inbox.contains("No more slots"), "{inbox}");
    h.type_keys("s");
    assert!(
        h.screen(100, 30).contains("✉ inbox slot"),
        "header shows the slot"
    );
    h.run_for(Duration::minutes(15), Duration::minutes(1));
    h.type_keys("s"); // 11:45: the slot ends, the focus goes on
    assert_eq!(
        h.sessions(today()),
        vec![
            "11:21-11:30 focus PRO ",
            "11:30-11:45 inbox RE Inbox slot",
            "11:45-open focus PRO "
        ]
    );
}
