//! The README's tmux bindings, as written: its `tmux` lines are loaded into a real tmux server
//! (taken from README.md here, so the two cannot drift), a client attached to it presses each
//! key, and the journal gets the entry while the pane never switches to view mode. An error does
//! show there (`2>&1`), so a key that failed is not silent.

mod tmux;

use chrono::NaiveDate;
use protime::domain::{Day, SessionKind};
use protime::journal::Journal;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};
use tmux::*;

const TODAY: &str = "2026-11-26";
/// How long a pressed key may take to reach the journal, and a finished job to be collected.
const LIMIT: Duration = Duration::from_secs(10);

/// The lines of README's "Use it from tmux" block.
fn readme_tmux_lines() -> String {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README.md");
    let section = readme
        .split("### Use it from tmux")
        .nth(1)
        .expect("README has a \"Use it from tmux\" section");
    let block = section
        .split("```tmux\n")
        .nth(1)
        .and_then(|rest| rest.split("\n```").next())
        .expect("a ```tmux block in that section");
    format!("{block}\n")
}

/// The key each `bind-key` line binds.
fn bound_keys(lines: &str) -> Vec<String> {
    lines
        .lines()
        .filter_map(|l| l.trim().strip_prefix("bind-key "))
        .filter_map(|rest| rest.split_whitespace().next())
        .map(str::to_string)
        .collect()
}

struct Bound {
    server: Tmux,
    client: Client,
}

impl Bound {
    /// A tmux server with the README's lines and `protime` first on its PATH, a shell in its
    /// pane, and a client attached.
    fn start(lines: &str) -> Bound {
        let bin = Path::new(PROTIME).parent().expect("the binary's folder");
        let path = format!(
            "{}:{}",
            bin.display(),
            std::env::var("PATH").unwrap_or_default()
        );
        let server = Tmux::start(100, 20, "sh");
        // In the server's global environment, which `#()` in the status line runs with too (the
        // session's is for run-shell only).
        let data = server.data.path().display().to_string();
        let config = server.config.path().display().to_string();
        for (name, value) in [
            ("PATH", path.as_str()),
            ("PROTIME_DATA_DIR", &data),
            ("XDG_CONFIG_HOME", &config),
        ] {
            server.ok(&["set-environment", "-g", name, value]);
        }
        let conf = server.config.path().join("tmux.conf");
        std::fs::write(&conf, lines).unwrap();
        server.ok(&["source-file", conf.to_str().unwrap()]);
        let client = server.attach(100, 22);
        Bound { server, client }
    }

    /// protime's clock, for the commands the server runs from now on.
    fn clock_at(&self, time: &str) {
        let now = format!("{TODAY}T{time}+01:00");
        self.server
            .ok(&["set-environment", "-g", "PROTIME_NOW", &now]);
    }

    /// Presses the prefix and `key`; at a prompt types `answer` and Enter.
    fn press(&self, key: &str, prompt: Option<(&str, &str)>) {
        self.client.press(&["C-b", key]);
        if let Some((question, answer)) = prompt {
            self.client.wait_for(question, LIMIT);
            self.client.type_text(answer);
            self.client.press(&["Enter"]);
        }
    }

    fn day(&self) -> Day {
        let date = NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").unwrap();
        Journal::new(self.server.journal()).load(date).unwrap()
    }

    /// Waits until the day on disk passes `check`, then until no command the server started is
    /// still running; the pane must not have switched to view mode, then or for a moment after.
    fn journal_gets(&self, what: &str, check: impl Fn(&Day) -> bool) {
        poll(what, LIMIT, || {
            let day = self.day();
            if check(&day) {
                Ok(())
            } else {
                Err(format!("{:#?}", day.sessions))
            }
        });
        self.jobs_done();
        let since = Instant::now();
        while since.elapsed() < Duration::from_millis(300) {
            let mode = self.server.format("#{pane_in_mode}");
            assert_eq!(
                mode,
                "0",
                "view mode after {what}:\n{}",
                self.client.screen()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn jobs_done(&self) {
        poll("every job finished", LIMIT, || {
            let jobs = self.server.jobs();
            if jobs.is_empty() {
                Ok(())
            } else {
                Err(format!("{jobs:?}"))
            }
        });
    }
}

fn open(day: &Day, kind: SessionKind) -> usize {
    day.sessions
        .iter()
        .filter(|s| s.kind == kind && s.end.is_none())
        .count()
}

fn count(day: &Day, kind: SessionKind) -> usize {
    day.sessions.iter().filter(|s| s.kind == kind).count()
}

#[test]
fn the_readme_bindings_write_the_journal_and_never_leave_the_pane_in_view_mode() {
    let lines = readme_tmux_lines();
    let mut keys = bound_keys(&lines);
    keys.sort();
    assert_eq!(
        keys,
        ["I", "N", "P", "S", "X"],
        "the README binds other keys: cover them here"
    );
    let tmux = Bound::start(&lines);
    // A block for now, so that S has something to start.
    let planned = Command::new(PROTIME)
        .args(["plan", "add", "09:00-11:00", "pro", "Prospecting calls"])
        .env("PROTIME_DATA_DIR", tmux.server.data.path())
        .env("XDG_CONFIG_HOME", tmux.server.config.path())
        .env("PROTIME_NOW", format!("{TODAY}T08:00:00+01:00"))
        .output()
        .unwrap();
    assert!(planned.status.success(), "{planned:?}");

    // A key that fails says why, in view mode.
    tmux.clock_at("09:55:00");
    tmux.press("X", None);
    tmux.server.wait_format("#{pane_in_mode}", "1", LIMIT);
    tmux.client.wait_for("no timer is running", LIMIT);
    tmux.server.ok(&["send-keys", "-X", "cancel"]);
    tmux.server.wait_format("#{pane_in_mode}", "0", LIMIT);
    assert!(tmux.day().sessions.is_empty());

    tmux.clock_at("10:00:00");
    tmux.press("S", None);
    tmux.journal_gets("S: focus started", |d| open(d, SessionKind::Focus) == 1);

    tmux.clock_at("10:05:00");
    tmux.press("I", None);
    tmux.journal_gets("I: an interruption started", |d| {
        open(d, SessionKind::Interruption) == 1 && open(d, SessionKind::Focus) == 0
    });

    tmux.clock_at("10:10:00");
    tmux.press("I", None);
    tmux.journal_gets("I again: the interruption ended, focus resumed", |d| {
        open(d, SessionKind::Interruption) == 0
            && count(d, SessionKind::Interruption) == 1
            && open(d, SessionKind::Focus) == 1
    });

    tmux.clock_at("10:12:00");
    tmux.press("P", Some(("pass on:", "invoice to finance")));
    tmux.journal_gets("P: the request passed on", |d| {
        d.sessions.iter().any(|s| {
            s.note.as_deref() == Some("passed on")
                && s.title.as_deref() == Some("invoice to finance")
        })
    });

    tmux.clock_at("10:13:00");
    tmux.press("N", Some(("park:", "reply Anna re pricing")));
    tmux.journal_gets("N: the mail parked", |d| {
        d.parked.iter().any(|p| p.text == "reply Anna re pricing")
    });

    tmux.clock_at("10:20:00");
    tmux.press("X", None);
    tmux.journal_gets("X: focus stopped", |d| {
        open(d, SessionKind::Focus) == 0 && count(d, SessionKind::Focus) >= 1
    });

    // The status line runs `protime status` too.
    tmux.client.press(&["C-b", ":"]);
    tmux.client.type_text("refresh-client -S");
    tmux.client.press(&["Enter"]);
    tmux.client.wait_for("PRO", LIMIT);
}
