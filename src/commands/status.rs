//! `protime status`: one line for a tmux status bar or a shell prompt.

use super::{EXIT_JOURNAL, EXIT_OK, fail};
use crate::clock::Zone;
use crate::config::Config;
use crate::domain::Day;
use crate::domain::timer::{self, Phase, open_interruption};
use crate::journal::Journal;
use crate::journal::carry_over::carry_over_midnight;
use crate::tui::tabs::timer_view::{clock_text, proactive_share_so_far};
use chrono::{DateTime, FixedOffset};
use serde::Serialize;
use std::process::ExitCode;

/// What the status line says, also printed as JSON.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatusLine {
    /// focus, paused, ready, break, interruption or idle.
    pub state: &'static str,
    /// Seconds left in the phase, or seconds since an interruption began.
    pub seconds: Option<i64>,
    pub title: Option<String>,
    pub category: Option<String>,
    /// Proactive share of the time tracked today, in percent.
    pub proactive_share: Option<f64>,
    pub target: f64,
}

impl StatusLine {
    pub fn of(day: &Day, config: &Config, now: DateTime<FixedOffset>) -> StatusLine {
        let mut line = StatusLine {
            state: "idle",
            seconds: None,
            title: None,
            category: None,
            proactive_share: proactive_share_so_far(day, now),
            target: config.targets.proactive_share,
        };
        if let Some(s) = open_interruption(day) {
            line.state = "interruption";
            line.seconds = Some((now - s.start).num_seconds().max(0));
            line.title = s.title.clone();
            line.category = Some(s.category.name().into());
        } else if let Some(t) = &day.timer {
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
        line
    }

    fn icon(&self) -> &'static str {
        match self.state {
            "focus" => "▶",
            "paused" | "ready" => "⏸",
            "break" => "☕",
            "interruption" => "●",
            _ => "",
        }
    }

    /// Fills `{icon} {state} {left} {title} {category} {share} {target}` in `format`.
    pub fn render(&self, format: &str) -> String {
        let share = self
            .proactive_share
            .map_or("–".to_string(), |s| format!("{s:.0}%"));
        let out = format
            .replace("{icon}", self.icon())
            .replace("{state}", self.state)
            .replace("{left}", &self.seconds.map(clock_text).unwrap_or_default())
            .replace("{title}", self.title.as_deref().unwrap_or(""))
            .replace("{category}", self.category.as_deref().unwrap_or(""))
            .replace("{share}", &share)
            .replace("{target}", &format!("{:.0}%", self.target));
        without_stray_separators(&out)
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
    let loaded = carry_over_midnight(journal, zone, now.date_naive(), &settings)
        .and_then(|()| journal.load(now.date_naive()));
    let mut day = match loaded {
        Ok(day) => day,
        Err(e) => return fail(EXIT_JOURNAL, e),
    };
    // As the dashboard would show it: a round whose time is up has ended (only in memory; the
    // next verb or the dashboard writes it).
    timer::advance(&mut day, now, &settings);
    let line = StatusLine::of(&day, config, now);
    crate::say!(
        "{}",
        if json {
            line.json()
        } else {
            line.render(format)
        }
    );
    ExitCode::from(EXIT_OK)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::timer::{FocusTarget, start};
    use crate::domain::{Category, Session, SessionKind};

    fn now() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-11-26T10:00:00+01:00").unwrap()
    }

    #[test]
    fn idle_line_shows_the_share_and_collapses_empty_fields() {
        let mut day = Day::new(now().date_naive());
        day.sessions.push(Session {
            id: "s1".into(),
            start: DateTime::parse_from_rfc3339("2026-11-26T08:00:00+01:00").unwrap(),
            end: Some(DateTime::parse_from_rfc3339("2026-11-26T09:00:00+01:00").unwrap()),
            category: Category::Proactive,
            kind: SessionKind::Manual,
            title: None,
            block: None,
            account: None,
            note: None,
            source: None,
        });
        let line = StatusLine::of(&day, &Config::defaults(), now());
        assert_eq!(
            line.render("{icon} {left} {title} · PRO {share}"),
            "PRO 100%"
        );
        assert_eq!(line.render("{share} · {title} · {state}"), "100% · idle");
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
        let line = StatusLine::of(&day, &config, now());
        assert_eq!(
            line.render("{icon} {left} {title} · PRO {share} / {target}"),
            "▶ 18:00 ACME · PRO 100% / 40%"
        );
        assert!(line.json().contains("\"state\":\"focus\""));
    }
}
