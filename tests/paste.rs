//! Pasting into protime: the text goes into the open field whole, never read as keys.

mod common;
mod tmux;

use chrono::NaiveDate;
use common::{Harness, at};
use std::time::Duration;
use tmux::*;

const NOW: &str = "2026-11-26T10:00:00+01:00";

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
}

#[test]
fn a_pasted_title_with_a_line_break_is_one_title_and_runs_nothing() {
    let mut h = Harness::new(at(NOW));
    // Add a block and move to its Title field.
    h.type_keys("a\t\t\t");
    h.paste("Call ACME\ndo");
    h.type_keys("\n");
    assert_eq!(h.plan(today()), vec!["10:00-10:30 PRO Call ACME do"]);
    assert!(!h.file(today()).contains("off"), "{}", h.file(today()));
}

#[test]
fn a_paste_into_the_park_prompt_keeps_every_word() {
    let mut h = Harness::new(at(NOW));
    h.type_keys("n");
    h.paste("Re: pricing for ACME\nDear Anna, please send");
    h.type_keys("\n");
    let screen = h.screen(110, 30);
    assert!(h.app.prompt().is_none(), "{screen}");
    assert!(
        h.app.plan_tab().form.is_none(),
        "the e in Dear opened nothing: {screen}"
    );
    h.type_keys("3");
    let screen = h.screen(120, 30);
    assert!(
        screen.contains("Re: pricing for ACME Dear Anna, please send"),
        "{screen}"
    );
}

#[test]
fn a_paste_with_no_field_open_is_dropped_with_a_word() {
    let mut h = Harness::new(at(NOW));
    h.paste("do");
    assert!(h.plan(today()).is_empty());
    assert!(h.file(today()).is_empty(), "nothing written");
    let banner = h.app.message().unwrap_or_default();
    assert!(banner.starts_with("Nothing to paste into"), "{banner}");
}

#[test]
fn in_a_real_terminal_a_paste_arrives_as_text() {
    let now = format!("PROTIME_NOW={NOW}");
    let tmux = Tmux::start_with(110, 30, PROTIME, &[now]);
    tmux.wait_for(HEADER, STARTUP);
    tmux.keys(&["a", "Tab", "Tab", "Tab"]);
    tmux.wait_for("Title", STARTUP);
    tmux.ok(&["set-buffer", "--", "Call ACME\ndo"]);
    tmux.ok(&["paste-buffer", "-p"]);
    tmux.wait_for("Call ACME do", STARTUP);
    tmux.keys(&["Enter"]);
    let day = tmux.journal().join("2026").join("2026-11-26.toml");
    let text = poll("the block saved", Duration::from_secs(10), || {
        let text = std::fs::read_to_string(&day).unwrap_or_default();
        if text.contains("Call ACME do") {
            Ok(text)
        } else {
            Err(text)
        }
    });
    assert!(!text.contains("off"), "{text}");
}
