//! A harness that drives the real app and journal key by key, with a clock tests move by hand.
#![allow(dead_code)]

pub mod cli;
pub mod radicale;
pub mod read_only;

use chrono::{DateTime, Duration, FixedOffset, NaiveDate};
use protime::config::Config;
use protime::journal::Journal;
use protime::tui::app::App;
use protime::tui::event::Event;
use protime::tui::shared::Effect;
use protime::tui::theme::Theme;
use protime::tui::{effects, new_app};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A day's blocks as `HH:MM-HH:MM TAG title`, in start order.
pub fn plan_lines(journal: &Journal, date: NaiveDate) -> Vec<String> {
    let day = journal.load(date).unwrap();
    day.blocks_by_start()
        .iter()
        .map(|b| {
            format!(
                "{}-{} {} {}",
                b.start.format("%H:%M"),
                b.end.format("%H:%M"),
                b.category.tag(),
                b.title
            )
        })
        .collect()
}

/// Changes the block titled `title` on `date` as the dashboard would: one edit, marked as the
/// rep's correction.
pub fn edit_block(
    journal: &Journal,
    date: NaiveDate,
    title: &str,
    change: impl FnOnce(&mut protime::domain::Block),
) {
    journal
        .update(date, |d| {
            let before = d.blocks.iter().find(|b| b.title == title).unwrap().clone();
            let mut after = before.clone();
            change(&mut after);
            protime::domain::plan::DayEdit::change_block(&before, after)
                .apply(d)
                .map(|_| ())
        })
        .unwrap();
}

pub struct Harness {
    pub tmp: tempfile::TempDir,
    pub journal: Journal,
    pub app: App,
    pub keys: usize,
}

pub fn at(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(text).unwrap()
}

impl Harness {
    pub fn new(now: DateTime<FixedOffset>) -> Harness {
        let tmp = tempfile::tempdir().unwrap();
        Harness::in_dir(tmp, now)
    }

    /// A harness on an existing folder, as protime started again on the same journal.
    pub fn in_dir(tmp: tempfile::TempDir, now: DateTime<FixedOffset>) -> Harness {
        Harness::configured(tmp, now, Config::defaults())
    }

    /// A harness whose config is the defaults overlaid with `text`, as a user's file would be.
    pub fn with_config(now: DateTime<FixedOffset>, text: &str) -> Harness {
        let config = Config::from_user_text(Some(text), "test.toml").unwrap();
        Harness::configured(tempfile::tempdir().unwrap(), now, config)
    }

    /// A harness whose journal keeps the calendar feed current, as the dashboard's does.
    pub fn with_feed(now: DateTime<FixedOffset>, text: &str) -> Harness {
        let config = Config::from_user_text(Some(text), "test.toml").unwrap();
        let tmp = tempfile::tempdir().unwrap();
        let journal = Journal::new(tmp.path().join("journal"));
        let clock = std::sync::Arc::new(protime::clock::TestClock::at(now));
        let (journal, feed) = protime::tui::with_feed(journal, &config, clock);
        let mut h = Harness::configured_on(tmp, journal, now, config);
        h.app.set_feed(feed);
        h
    }

    fn configured(tmp: tempfile::TempDir, now: DateTime<FixedOffset>, config: Config) -> Harness {
        let journal = Journal::new(tmp.path().join("journal"));
        Harness::configured_on(tmp, journal, now, config)
    }

    fn configured_on(
        tmp: tempfile::TempDir,
        journal: Journal,
        now: DateTime<FixedOffset>,
        config: Config,
    ) -> Harness {
        let theme = Theme::new(&config.theme, true);
        let mut app = new_app(&journal, config, theme, now);
        app.set_paths(protime::paths::Paths {
            data_dir: tmp.path().to_path_buf(),
            config_file: tmp.path().join("config/protime/config.toml"),
            config_explicit: true,
        });
        Harness {
            tmp,
            journal,
            app,
            keys: 0,
        }
    }

    /// Closes this "process" and starts another on the same journal at `now`.
    pub fn restart(self, now: DateTime<FixedOffset>) -> Harness {
        Harness::in_dir(self.tmp, now)
    }

    pub fn press(&mut self, code: KeyCode) {
        self.keys += 1;
        let effects = self
            .app
            .handle(&Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
        assert!(!effects.contains(&Effect::Quit), "quit unexpectedly");
        effects::carry_out(effects, &mut self.app, &self.journal);
    }

    /// Pastes `text` as the terminal does with bracketed paste: one event.
    pub fn paste(&mut self, text: &str) {
        let effects = self.app.handle(&Event::Paste(text.into()));
        assert!(!effects.contains(&Effect::Quit), "quit unexpectedly");
        effects::carry_out(effects, &mut self.app, &self.journal);
    }

    /// Presses each character as a key (`\n` is Enter, `\t` is Tab).
    pub fn type_keys(&mut self, keys: &str) {
        for c in keys.chars() {
            self.press(match c {
                '\n' => KeyCode::Enter,
                '\t' => KeyCode::Tab,
                c => KeyCode::Char(c),
            });
        }
    }

    /// Moves the clock on as the loop does, one tick at the end.
    pub fn advance(&mut self, by: Duration) {
        let now = self.app.now() + by;
        let effects = self.app.tick(now);
        effects::carry_out(effects, &mut self.app, &self.journal);
    }

    /// Moves the clock on in steps of `step`, ticking at each, as a running loop would.
    pub fn run_for(&mut self, total: Duration, step: Duration) {
        let end = self.app.now() + total;
        while self.app.now() < end {
            self.advance(step.min(end - self.app.now()));
        }
    }

    /// The config file the dashboard saves settings to.
    pub fn config_file(&self) -> std::path::PathBuf {
        self.tmp.path().join("config/protime/config.toml")
    }

    pub fn file(&self, date: NaiveDate) -> String {
        std::fs::read_to_string(self.journal.day_path(date)).unwrap_or_default()
    }

    pub fn plan(&self, date: NaiveDate) -> Vec<String> {
        plan_lines(&self.journal, date)
    }

    /// Every session of the day as `HH:MM-HH:MM kind category title`.
    pub fn sessions(&self, date: NaiveDate) -> Vec<String> {
        let day = self.journal.load(date).unwrap();
        let offset = *self.app.now().offset();
        day.sessions
            .iter()
            .map(|s| {
                let end = s.end.map_or("open".to_string(), |e| {
                    e.with_timezone(&offset).format("%H:%M").to_string()
                });
                format!(
                    "{}-{end} {} {} {}",
                    s.start.with_timezone(&offset).format("%H:%M"),
                    s.kind,
                    s.category.tag(),
                    s.title.as_deref().unwrap_or("")
                )
            })
            .collect()
    }

    pub fn screen(&self, width: u16, height: u16) -> String {
        let mut terminal =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height)).unwrap();
        terminal
            .draw(|f| f.render_widget(&self.app, f.area()))
            .unwrap();
        terminal.backend().to_string()
    }
}

/// protime opened at `time` on Thu 26 Nov, planned with one proactive block 09:00–10:30, on
/// the Timer tab.
pub fn planned_at(time: &str) -> Harness {
    let mut h = Harness::new(at(&format!("2026-11-26T{time}+01:00")));
    h.journal
        .update(
            chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(),
            |d| {
                d.blocks.push(protime::domain::Block {
                    id: "b1".into(),
                    start: chrono::NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
                    end: chrono::NaiveTime::from_hms_opt(10, 30, 0).unwrap(),
                    category: protime::domain::Category::Proactive,
                    title: "ACME proposal".into(),
                    kind: protime::domain::BlockKind::Work,
                    account: Some("ACME".into()),
                    objective: None,
                    source: None,
                });
                Ok(())
            },
        )
        .unwrap();
    effects::reload_days(&mut h.app, &h.journal);
    h.type_keys("2");
    h
}
