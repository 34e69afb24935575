//! `protime status`: one line for a tmux status bar or a shell prompt.

use super::{EXIT_JOURNAL, EXIT_OK, fail};
use crate::clock::Zone;
use crate::config::Config;
use crate::domain::Day;
use crate::domain::SessionKind;
use crate::domain::open::{self, Liveness};
use crate::domain::timer::{self, Phase, open_inbox, open_interruption};
use crate::journal::Journal;
use crate::journal::{carry_over, heartbeat};
use crate::tui::tabs::timer_view::clock_text;
use chrono::{DateTime, FixedOffset};
use serde::Serialize;
use std::process::ExitCode;

/// What the status line says, also printed as JSON.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatusLine {
    /// focus, paused, ready, break, interruption, inbox or idle.
    pub state: &'static str,
    /// Seconds left in the phase, or seconds since an interruption or inbox slot began.
    pub seconds: Option<i64>,
    pub title: Option<String>,
    pub category: Option<String>,
    /// Proactive share of today's capacity so far, in percent (none before the working day
    /// starts: then `{share}` shows hours against the day's target, "0h09 of 3h12").
    pub proactive_share: Option<f64>,
    #[serde(skip)]
    share_text: String,
    pub target: f64,
    /// When the open session began, while the rep has not been seen for a while.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub open_since: Option<String>,
    /// The last sign of life while a session is open and the rep has not been seen since.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_seen: Option<String>,
}

impl StatusLine {
    /// The line for `running` (today, or an earlier day something was left running on), with
    /// today's share from `today`.
    pub fn of(today: &Day, running: &Day, config: &Config, life: &Liveness) -> StatusLine {
        let now = life.now;
        let share = crate::figures::today_share(today, config, life, now.offset());
        let mut line = StatusLine {
            state: "idle",
            seconds: None,
            title: None,
            category: None,
            share_text: share.to_string(),
            proactive_share: share.percent(),
            target: config.targets.proactive_share,
            open_since: None,
            last_seen: None,
        };
        if let Some(s) = open_interruption(running).or_else(|| open_inbox(running)) {
            line.state = match s.kind {
                SessionKind::Inbox => "inbox",
                _ => "interruption",
            };
            line.seconds = Some((open::counted_end(running, s, life) - s.start).num_seconds());
            line.title = s.title.clone();
            line.category = Some(s.category.name().into());
        } else if let Some(t) = &running.timer {
            line.state = match (t.phase, t.is_running(), t.is_ready()) {
                (Phase::Focus, true, _) => "focus",
                (Phase::Focus, false, true) => "ready",
                (Phase::Focus, false, false) => "paused",
                _ => "break",
            };
            line.seconds = Some(t.remaining(now));
            line.title = t.title.clone();
            line.category = Some(t.category.name().into());
        }
        line.note_silence(running, life);
        line
    }

    /// The line as seen by a process running now, which is a sign of life: it renews the
    /// heartbeat, unless a session is open after a silence (only the rep's answer extends it).
    pub fn observed(
        journal: &Journal,
        (today, running): (&Day, &Day),
        config: &Config,
        now: DateTime<FixedOffset>,
    ) -> StatusLine {
        let stale = config.timer.stale_after_hours;
        let life = Liveness::new(heartbeat::last(journal, now), now, stale);
        let line = StatusLine::of(today, running, config, &life);
        let open = running.timer.as_ref().is_some_and(|t| t.is_running())
            || running.sessions.iter().any(|s| s.end.is_none());
        let silent = open && open::day_last_seen(running, &life) < now;
        let _ = heartbeat::renew(journal, now, silent);
        line
    }

    /// Prints the line as JSON (exact) or in `format` (through the sanitiser).
    pub fn print(&self, json: bool, format: &str) {
        if json {
            crate::say_json!("{}", self.json());
        } else {
            crate::say!("{}", self.render(format).trim());
        }
    }

    /// With a session open and no sign of life for a while, says since when and when the rep
    /// was last seen: the figures stop there until the rep answers.
    fn note_silence(&mut self, running: &Day, life: &Liveness) {
        let Some(s) = running
            .sessions
            .iter()
            .filter(|s| open::is_silent(running, s, life))
            .max_by_key(|s| s.start)
        else {
            return;
        };
        let seen = open::last_seen(Some(open::last_sign(running, s, life)), life.now);
        let same_day = |t: DateTime<FixedOffset>| t.date_naive() == life.now.date_naive();
        let when = |t: DateTime<FixedOffset>| {
            if same_day(t) {
                t.format("%H:%M").to_string()
            } else {
                t.format("%a %H:%M").to_string()
            }
        };
        self.open_since = Some(when(s.start));
        self.last_seen = Some(when(seen));
    }

    fn icon(&self) -> &'static str {
        match self.state {
            "focus" => "▶",
            "paused" | "ready" => "⏸",
            "break" => "☕",
            "interruption" => "●",
            "inbox" => "✉",
            _ => "",
        }
    }

    /// Fills `{icon} {state} {left} {title} {category} {share} {target}` in `format`, in one
    /// pass: a title that reads "{share}" is shown as written, not filled in.
    pub fn render(&self, format: &str) -> String {
        let mut out = String::with_capacity(format.len() + 32);
        let mut rest = format;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let tail = &rest[open..];
            let field = tail
                .find('}')
                .and_then(|close| Some((close, self.field(&tail[1..close])?)));
            match field {
                Some((close, value)) => {
                    out.push_str(&value);
                    rest = &tail[close + 1..];
                }
                None => {
                    out.push('{');
                    rest = &tail[1..];
                }
            }
        }
        out.push_str(rest);
        let out = match (&self.open_since, &self.last_seen) {
            (Some(since), Some(seen)) => format!("{out} · open since {since} · last seen {seen}"),
            _ => out,
        };
        without_stray_separators(&out)
    }

    /// The text of one `{name}` placeholder; `None` for a name that is not one.
    fn field(&self, name: &str) -> Option<String> {
        let text = |t: &Option<String>| t.clone().unwrap_or_default();
        Some(match name {
            "icon" => self.icon().to_string(),
            "state" => self.state.to_string(),
            "left" => self.seconds.map(clock_text).unwrap_or_default(),
            "title" => text(&self.title),
            "category" => text(&self.category),
            "share" => self.share_text.clone(),
            "target" => format!("{:.0}%", self.target),
            _ => return None,
        })
    }

    pub fn json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
    }
}

/// Collapses spaces, and drops a `·` separator with nothing on one side (idle, no title): the
/// default format reads "PRO 42%" then, not "· · PRO 42%".
fn without_stray_separators(line: &str) -> String {
    let mut kept: Vec<&str> = vec![];
    for word in line.split_whitespace() {
        if word == "·" && kept.last().is_none_or(|last| *last == "·") {
            continue;
        }
        kept.push(word);
    }
    if kept.last() == Some(&"·") {
        kept.pop();
    }
    kept.join(" ")
}

pub fn run(
    journal: &Journal,
    config: &Config,
    (now, zone): (DateTime<FixedOffset>, &Zone),
    format: &str,
    json: bool,
) -> ExitCode {
    let settings = config.timer_settings();
    let today = match journal.load(now.date_naive()) {
        Ok(day) => day,
        Err(e) => return fail(EXIT_JOURNAL, e),
    };
    // Read-only: what was left running on an earlier day is shown, not settled (the next verb or
    // the dashboard settles it, and says so).
    let ahead = || {
        let date = carry_over::running_ahead(journal, today.date)?;
        journal.load(date).ok()
    };
    let mut running = if today.is_running() {
        today.clone()
    } else {
        ahead()
            .or_else(|| carry_over::running_earlier(journal, zone, now))
            .unwrap_or_else(|| today.clone())
    };
    // As the dashboard would show it: a round whose time is up has ended (only in memory).
    timer::advance(&mut running, now, &settings);
    // A cycle waiting on an earlier day does not go on today (a day change resets it).
    if running.date != today.date && !running.sessions.iter().any(|s| s.end.is_none()) {
        running = today.clone();
    }
    StatusLine::observed(journal, (&today, &running), config, now).print(json, format);
    ExitCode::from(EXIT_OK)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::timer::{FocusTarget, start};
    use crate::domain::{Category, SessionKind};

    /// A typed PROACTIVE entry on Thu 26 Nov from `start` to `end`.
    fn manual_pro(start: &str, end: &str) -> crate::domain::Session {
        let at =
            |t: &str| DateTime::parse_from_rfc3339(&format!("2026-11-26T{t}:00+01:00")).unwrap();
        crate::domain::test_support::session(
            "s1",
            at(start),
            Some(at(end)),
            Category::Proactive,
            SessionKind::Manual,
        )
    }

    fn fresh(now: DateTime<FixedOffset>) -> Liveness {
        Liveness::new(Some(now), now, 3)
    }

    fn now() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-11-26T10:00:00+01:00").unwrap()
    }

    #[test]
    fn idle_line_shows_the_share_and_collapses_empty_fields() {
        let mut day = Day::new(now().date_naive());
        day.sessions.push(manual_pro("08:00", "09:00"));
        // At 10:00, 90 of the working day's 510 minutes (08:30–17:00) have passed: 84 minutes
        // of its 8 hours count, and the hour of PRO is 71% of them (the Review's rule).
        let line = StatusLine::of(&day, &day, &Config::defaults(), &fresh(now()));
        assert_eq!(
            line.render("{icon} {left} {title} · PRO {share}"),
            "PRO 71%"
        );
        assert_eq!(line.render("{share} · {title} · {state}"), "71% · idle");
        let early = DateTime::parse_from_rfc3339("2026-11-26T08:20:00+01:00").unwrap();
        let mut first = day.clone();
        first.sessions[0].end =
            Some(DateTime::parse_from_rfc3339("2026-11-26T08:09:00+01:00").unwrap());
        let line = StatusLine::of(&first, &first, &Config::defaults(), &fresh(early));
        assert_eq!(line.render("PRO {share}"), "PRO 0h09 of 3h12");
        assert_eq!(line.proactive_share, None);
    }

    #[test]
    fn a_running_inbox_slot_is_a_state_of_its_own() {
        let mut day = Day::new(now().date_naive());
        let started = DateTime::parse_from_rfc3339("2026-11-26T09:50:00+01:00").unwrap();
        timer::toggle_inbox(&mut day, started, Category::Reactive);
        let line = StatusLine::of(&day, &day, &Config::defaults(), &fresh(now()));
        assert_eq!(line.state, "inbox");
        assert_eq!(line.seconds, Some(600));
        assert_eq!(line.render("{icon} {state} {left}"), "✉ inbox 10:00");
        assert!(line.json().contains("\"state\":\"inbox\""));
    }

    #[test]
    fn after_the_working_day_the_share_is_of_the_whole_capacity() {
        let mut day = Day::new(now().date_naive());
        day.sessions.push(manual_pro("09:00", "12:12"));
        let evening = DateTime::parse_from_rfc3339("2026-11-26T19:00:00+01:00").unwrap();
        let line = StatusLine::of(&day, &day, &Config::defaults(), &fresh(evening));
        assert_eq!(line.proactive_share, Some(40.0));
    }

    #[test]
    fn focus_line_counts_down_and_json_names_the_state() {
        let mut day = Day::new(now().date_naive());
        let config = Config::defaults();
        let target = FocusTarget {
            category: Category::Proactive,
            title: Some("ACME".into()),
            block: None,
            account: None,
        };
        start(
            &mut day,
            DateTime::parse_from_rfc3339("2026-11-26T09:48:00+01:00").unwrap(),
            &config.timer_settings(),
            target,
        );
        let line = StatusLine::of(&day, &day, &config, &fresh(now()));
        assert_eq!(
            line.render("{icon} {left} {title} · PRO {share} / {target}"),
            "▶ 18:00 ACME · PRO 14% / 40%"
        );
        assert!(line.json().contains("\"state\":\"focus\""));
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        fn idle() -> StatusLine {
            let day = Day::new(now().date_naive());
            StatusLine::of(&day, &day, &Config::defaults(), &fresh(now()))
        }

        proptest! {
            /// Any format renders (no panic), and one without placeholders comes out as written,
            /// spaces collapsed and stray separators dropped.
            #[test]
            fn any_format_renders_and_literal_text_is_kept(format in "[ a-z{}·é%/\\-]{0,40}") {
                let line = idle();
                let out = line.render(&format);
                if !format.contains('{') {
                    prop_assert_eq!(out, without_stray_separators(&format));
                }
            }

            /// A title is text, not a template: placeholder names in it stay as written.
            #[test]
            fn a_title_is_shown_as_written(
                title in "[a-z]{0,5}(\\{(icon|state|left|title|category|share|target)\\})?[a-z]{0,5}",
            ) {
                let mut line = idle();
                line.title = Some(title.clone());
                prop_assert_eq!(line.render("{title}"), without_stray_separators(&title));
            }
        }
    }
}
