//! In a real terminal, every all-day key does the same on every tab, and the Review tab's answer
//! keys clash with none of them.

mod tmux;

use protime::journal::Journal;
use tmux::{HEADER, PROMISED, PROTIME, STARTUP, Tmux};

const NOW: &str = "PROTIME_NOW=2026-11-26T10:42:00+01:00";

/// protime started from a shell, so quitting it leaves the pane (and the tmux server) there.
fn dashboard() -> Tmux {
    let tmux = Tmux::start_with(100, 30, "bash --norc --noprofile", &[NOW.into()]);
    tmux.wait_for("bash-", STARTUP);
    tmux.keys(&[PROTIME, "Enter"]);
    tmux.wait_for(HEADER, STARTUP);
    tmux
}

/// Presses `key`, waits for `shows`, then closes what it opened with `close`.
fn press(tmux: &Tmux, tab: &str, key: &str, shows: &str, close: &str) {
    tmux.keys(&[key]);
    let screen = tmux.wait_until(&format!("{key} on tab {tab}: {shows}"), PROMISED, |s| {
        s.contains(shows)
    });
    assert!(screen.contains(HEADER), "{screen}");
    tmux.keys(&[close]);
    tmux.wait_until(&format!("{key} on tab {tab} closed"), PROMISED, |s| {
        !s.contains(shows)
    });
}

#[test]
fn every_all_day_key_works_on_every_tab() {
    let tmux = dashboard();
    for tab in ["1", "2", "3", "4", "5"] {
        tmux.keys(&[tab]);
        tmux.wait_until(&format!("tab {tab}"), PROMISED, |s| {
            s.lines().next().is_some_and(|l| l.contains(tab))
        });
        press(&tmux, tab, "p", "Pass it on (focus goes on)", "Escape");
        press(&tmux, tab, "n", "Park it for the inbox slot", "Escape");
        press(&tmux, tab, "?", "Esc closes", "Escape");
        // `i` starts an interruption at once (the prompt only names it); `i` again ends it.
        press(&tmux, tab, "i", "Interruption running since", "Escape");
        tmux.wait_for("● interruption", PROMISED);
        tmux.keys(&["i"]);
        tmux.wait_until("the interruption ended", PROMISED, |s| {
            !s.contains("● interruption")
        });
        // `s` with nothing planned: the Inbox tab starts its slot, every other tab asks what the
        // focus is on.
        if tab == "3" {
            tmux.keys(&["s"]);
            tmux.wait_for("✉ inbox slot", PROMISED);
            tmux.keys(&["s"]);
            tmux.wait_until("the slot ended", PROMISED, |s| !s.contains("✉ inbox slot"));
        } else {
            press(&tmux, tab, "s", "Focus on unplanned work", "Escape");
        }
    }
    tmux.keys(&["q"]);
    tmux.wait_until("protime quit", PROMISED, |s| {
        !s.contains(HEADER) && s.contains("bash-")
    });
}

#[test]
fn the_review_answer_stays_when_n_parks_a_mail() {
    let tmux = dashboard();
    let journal = Journal::new(tmux.journal());
    let date = chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    tmux.keys(&["4", "y"]);
    tmux.wait_for("Answered Yes — u undoes", PROMISED);
    tmux.keys(&["n"]);
    tmux.wait_for("Park it for the inbox slot", PROMISED);
    tmux.keys(&["-l", "reply Anna"]);
    tmux.keys(&["Enter"]);
    tmux::poll("the mail parked, the answer kept", PROMISED, || {
        let day = journal.load(date).map_err(|e| e.to_string())?;
        let parked = day.parked.iter().any(|p| p.text == "reply Anna");
        let yes = day
            .review
            .is_some_and(|r| r.decided == Some(protime::domain::Decision::Yes));
        (parked && yes)
            .then_some(())
            .ok_or_else(|| format!("parked {parked}, yes {yes}"))
    });
}
