//! The terminal UI: an event-driven loop that sleeps until something needs the screen.

pub mod app;
pub mod clipboard;
pub mod conflicts;
pub mod event;
mod gap;
pub mod import_review;
pub mod keys;
pub mod messages;
pub mod objective_prompt;
pub mod prompt;
pub mod shared;
pub mod tabs;
pub mod terminal;
pub mod theme;
pub mod tier_prompt;
pub mod ui;
pub mod welcome;
pub mod widgets;

use crate::clock::Clock;
use crate::config::Config;
use crate::journal::Journal;
use crate::paths::Paths;
use app::App;
pub use app::effects;
use chrono::{DateTime, FixedOffset, Timelike};
use event::Event;
use ratatui::Terminal;
use ratatui::backend::Backend;
use shared::{DayView, Effect};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::Duration;
use theme::Theme;

/// Which tab (and day) the dashboard opens on.
#[derive(Debug, Clone, Copy, Default)]
pub struct Opening {
    pub review: Option<Option<chrono::NaiveDate>>,
    /// The welcome opens over the tab (a first start).
    pub welcome: bool,
}

impl Opening {
    /// `protime` with no verb: today's Plan tab, under the welcome on a first start.
    pub fn dashboard(paths: &Paths) -> Opening {
        Opening {
            review: None,
            welcome: first_start(paths),
        }
    }

    /// `protime review [--date D]`: the Review tab, on `date` or today.
    pub fn review(date: Option<chrono::NaiveDate>) -> Opening {
        Opening {
            review: Some(date),
            welcome: false,
        }
    }
}

/// A first start: no config file and no day in the journal. When either cannot be told, it is
/// not one (the welcome never greets a rep who has used protime).
pub fn first_start(paths: &Paths) -> bool {
    let no_config = paths.config_file.try_exists().is_ok_and(|exists| !exists);
    no_config && !Journal::new(paths.journal_dir()).has_days()
}

/// Why the dashboard could not start or had to stop; `main` prints it as it is.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    #[error("could not listen for signals (SIGTERM, SIGHUP, SIGINT): {0}")]
    Signals(std::io::Error),
    #[error("could not set up the terminal (raw mode, alternate screen): {0}")]
    Terminal(std::io::Error),
    #[error("could not draw on the terminal: {0}")]
    Draw(std::io::Error),
}

/// The journal with the calendar feed kept current, as the dashboard keeps it: a write's outcome
/// goes to the returned [`LastWrite`](crate::export::feed::LastWrite) for the message line (a
/// failure cannot be printed over the screen; the next save tries again).
pub fn with_feed(
    journal: Journal,
    config: &Config,
    clock: Arc<dyn Clock>,
) -> (Journal, crate::export::feed::LastWrite) {
    let feed = crate::export::feed::Feed::of(config);
    let last = crate::export::feed::LastWrite::default();
    let journal =
        crate::export::feed::attach(journal, move || feed.clone(), clock, last.reporter());
    (journal, last)
}

/// Runs the TUI until the user quits, the terminal goes away or a signal arrives.
pub fn run(
    paths: &Paths,
    config: Config,
    clock: Arc<dyn Clock>,
    opening: Opening,
) -> Result<(), RunError> {
    let (journal, feed) = with_feed(Journal::new(paths.journal_dir()), &config, clock.clone());
    let (tx, rx) = mpsc::channel();
    // This year's folder exists before the watch starts: a file written into a folder made after
    // it could be missed while the watch on the new folder is being added.
    let year_dir = journal
        .day_path(clock.now().date_naive())
        .parent()
        .map(std::path::Path::to_path_buf);
    if let Some(dir) = year_dir {
        let _ = crate::journal::atomic::ensure_private_dir(&dir);
    }
    spawn_watcher(journal.root().to_path_buf(), tx.clone());
    spawn_template_watcher(crate::templates::dir_for(&paths.config_file), tx.clone());
    event::spawn_signals(tx.clone()).map_err(RunError::Signals)?;
    terminal::install_panic_hook(paths.crash_dir(), clock.clone());
    let theme = Theme::new(&config.theme, Theme::no_color_from_env());
    let mut app = new_app_in(&journal, config, theme, clock.now(), clock.zone());
    app.set_templates_dir(crate::templates::dir_for(&paths.config_file));
    app.set_terminal_out(Box::new(std::io::stdout()));
    app.set_paths(paths.clone());
    app.set_feed(feed);
    if opening.welcome {
        app.open_welcome();
    }
    let notify_tx = tx.clone();
    let desktop = crate::notify::system_notifier(Some(Box::new(move || {
        let _ = notify_tx.send(Event::Notify);
    })));
    // With several dashboards on one journal, only the first alerts.
    let lock = crate::notify::OneAlerter::lock_path(journal.root());
    app.set_notifier(Box::new(crate::notify::OneAlerter::new(lock, desktop)));
    if let Some(date) = opening.review {
        app.open_review(date.unwrap_or(app.now().date_naive()));
        effects::reload_days(&mut app, &journal);
    }
    let mut terminal = terminal::init().map_err(RunError::Terminal)?;
    event::spawn_hangup_watch(tx.clone());
    app.set_event_sender(tx.clone());
    event::spawn_input(tx);
    let result = event_loop(&mut terminal, &mut app, &rx, &journal, clock.as_ref());
    terminal::restore();
    // restore() has shown the cursor. Dropping the Terminal would try again and, when the pane
    // is gone, ratatui's Drop reports the failure with eprintln!, which panics on a dead tty.
    std::mem::forget(terminal);
    result.map_err(RunError::Draw)
}

/// Watches the journal from its own thread: setting up a recursive watch stats every day file,
/// which with years of history would hold back the first frame.
fn spawn_watcher(root: std::path::PathBuf, tx: mpsc::Sender<Event>) {
    std::thread::spawn(move || {
        let changes = tx.clone();
        match crate::journal::watch::watch_days(&root, move || {
            let _ = changes.send(Event::JournalChanged);
        }) {
            // The watcher lives as long as this thread, which waits for nothing but the exit.
            Ok(_watcher) => {
                // A change made while the watch was being set up would go unseen: look once.
                let _ = tx.send(Event::JournalChanged);
                loop {
                    std::thread::park();
                }
            }
            Err(e) => {
                let _ = tx.send(Event::Warning(format!(
                    "Changes from other panes show only after a restart: {e}"
                )));
            }
        }
    });
}

/// Watches the reply templates folder, so a template saved in an editor shows at once; without
/// a folder to watch, the Inbox tab still reads templates each time it is shown.
fn spawn_template_watcher(dir: std::path::PathBuf, tx: mpsc::Sender<Event>) {
    std::thread::spawn(move || {
        let changes = tx.clone();
        if let Ok(_watcher) = crate::journal::watch::watch_templates(&dir, move || {
            let _ = changes.send(Event::JournalChanged);
        }) {
            loop {
                std::thread::park();
            }
        }
    });
}

/// The app on today's day in the zone of `now`'s offset (tests); see [`new_app_in`].
pub fn new_app(journal: &Journal, config: Config, theme: Theme, now: DateTime<FixedOffset>) -> App {
    new_app_in(
        journal,
        config,
        theme,
        now,
        crate::clock::Zone::Fixed(*now.offset()),
    )
}

/// The app on today's day, with a banner for any sync-conflict copies in the journal.
pub fn new_app_in(
    journal: &Journal,
    config: Config,
    theme: Theme,
    now: DateTime<FixedOffset>,
    zone: crate::clock::Zone,
) -> App {
    let blank = DayView::Loaded(crate::domain::Day::new(now.date_naive()));
    let mut app = App::new(config, theme, now, blank);
    app.set_zone(zone);
    effects::recover_open_session(&mut app, journal);
    let conflicts = journal.conflict_copies();
    if let Some(first) = conflicts.first() {
        app.say(format!(
            "{} sync conflict cop{} in the journal, e.g. {}: merge by hand, then delete",
            conflicts.len(),
            if conflicts.len() == 1 { "y" } else { "ies" },
            first.display()
        ));
    }
    app
}

/// Draws, then sleeps until an event or the next moment the screen must change; generic over the
/// backend so tests drive it with `TestBackend`.
pub fn event_loop<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    events: &Receiver<Event>,
    journal: &Journal,
    clock: &dyn Clock,
) -> Result<(), B::Error> {
    let mut first_frame = true;
    loop {
        terminal.draw(|frame| frame.render_widget(&*app, frame.area()))?;
        if std::mem::take(&mut first_frame) {
            effects::load_known_accounts(app, journal);
        }
        let now = clock.now();
        let wait = if app.countdown_visible() {
            until_next_second(now)
        } else {
            until_next_minute(now)
        };
        // A message whose time is up goes then, not at the next minute.
        let wait = app
            .messages()
            .next_expiry()
            .and_then(|at| (at - now).to_std().ok())
            .map_or(wait, |until| wait.min(until));
        let mut batch = match events.recv_timeout(wait) {
            Ok(event) => vec![event],
            Err(RecvTimeoutError::Timeout) => vec![],
            Err(RecvTimeoutError::Disconnected) => return Ok(()),
        };
        // Everything already queued is handled before drawing again (one draw for a burst).
        batch.extend(events.try_iter());
        batch.dedup_by(|a, b| *a == Event::JournalChanged && *b == Event::JournalChanged);
        // The clock moves on first (a key acts at the moment it was pressed, not at the last
        // tick), and each event's effects are carried out before the next event is handled, so a
        // key typed ahead acts on the day as the previous key left it.
        let mut pending = batch.into_iter();
        loop {
            let effects = tick(app, clock);
            effects::carry_out(effects, app, journal);
            let Some(event) = pending.next() else { break };
            let effects = app.handle(&event);
            if effects.contains(&Effect::Quit) {
                return Ok(());
            }
            effects::carry_out(effects, app, journal);
        }
    }
}

/// Moves the app's clock to now.
fn tick(app: &mut App, clock: &dyn Clock) -> Vec<Effect> {
    app.tick(clock.now())
}

/// Time left until the next whole second, when a countdown must change.
fn until_next_second(now: DateTime<FixedOffset>) -> Duration {
    Duration::from_millis(1000 - u64::from(now.timestamp_subsec_millis().min(999)))
}

/// Time left until the clock in the header must change.
fn until_next_minute(now: DateTime<FixedOffset>) -> Duration {
    let into_minute =
        u64::from(now.second()) * 1000 + u64::from(now.timestamp_subsec_millis().min(999));
    Duration::from_millis(60_000 - into_minute.min(59_999))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sleeps_until_the_minute_changes() {
        let at = |s: &str| DateTime::parse_from_rfc3339(s).unwrap();
        assert_eq!(
            until_next_minute(at("2026-11-26T10:42:00+01:00")),
            Duration::from_secs(60)
        );
        assert_eq!(
            until_next_minute(at("2026-11-26T10:42:59.500+01:00")),
            Duration::from_millis(500)
        );
    }
}
