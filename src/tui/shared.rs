//! What the app and the tabs share: the effects a key asks for, a day as read, and the context
//! every tab is handed. Neither `app` nor `tabs` owns these, so neither imports the other.

use super::prompt::Prompt;
use super::theme::Theme;
use crate::clock::Zone;
use crate::config::Config;
use crate::domain::Day;
use crate::domain::open::Liveness;
use crate::domain::plan::DayEdit;
use crate::domain::timer::TimerOp;
use crate::journal::{Journal, JournalError};
use crate::notify::Notification;
use chrono::{DateTime, FixedOffset, NaiveDate};

/// A day as read from the journal: a day that does not parse is shown read-only with why.
// Only a few are ever alive (today and the tabs' days), so boxing the large variant buys nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone)]
pub enum DayView {
    Loaded(Day),
    Unreadable { date: NaiveDate, message: String },
}

impl DayView {
    pub fn from_load(date: NaiveDate, loaded: Result<Day, JournalError>) -> DayView {
        match loaded {
            Ok(day) => DayView::Loaded(day),
            Err(e) => DayView::Unreadable {
                date,
                message: e.to_string(),
            },
        }
    }

    pub fn date(&self) -> NaiveDate {
        match self {
            DayView::Loaded(day) => day.date,
            DayView::Unreadable { date, .. } => *date,
        }
    }

    /// The day, when its file could be read.
    pub fn day(&self) -> Option<&Day> {
        match self {
            DayView::Loaded(day) => Some(day),
            DayView::Unreadable { .. } => None,
        }
    }
}

/// Which tab asked for an edit: the inverse of a saved edit goes back to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Plan,
    Review,
    Inbox,
    /// Timer acts, from whichever key: their undo lives on the Timer tab.
    Timer,
}

/// What the loop must do after a key; handling a key itself never does I/O.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Quit,
    /// Re-read the shown days (changed on disk, another day shown, midnight).
    ReloadDay,
    /// Apply an edit to a day through the journal store; its inverse goes back to `from`.
    Edit {
        date: NaiveDate,
        edit: DayEdit,
        history: History,
        from: Origin,
    },
    /// Apply one act's edits to several days (an undo of a plan import across midnight); the
    /// inverses go back to `from` as one step.
    EditDays {
        edits: Vec<(NaiveDate, DayEdit)>,
        history: History,
        from: Origin,
    },
    /// Mark `from` to `to` off with `reason` (the rule `protime off` follows).
    DaysOff {
        from: NaiveDate,
        to: NaiveDate,
        reason: String,
    },
    /// Copy the blocks of the last planned day before `to` into `to`.
    CopyPreviousPlan {
        to: NaiveDate,
    },
    /// Show a message on the message line.
    Message(String),
    /// Open a one-line prompt over the tab.
    Prompt(Prompt),
    /// Apply a timer command to today's day.
    Timer(TimerOp),
    /// Record a sign of life (the timer is running), so a later gap can be told apart.
    Heartbeat,
    /// Tell the rep, if that kind of notification is switched on.
    Notify(Notification),
    /// Read an export and open the import review over the dashboard.
    OpenImport {
        file: std::path::PathBuf,
        since: String,
    },
    /// Write what the import review accepted.
    Import,
    /// Put a calendar's meetings of today into the plan (no review: a re-import puts them right).
    PlanMeetings(std::path::PathBuf),
    /// Sync the plan with the CalDAV calendar, in a process of its own.
    Sync,
    /// Show the conflicts the last calendar sync left, to settle them.
    ShowConflicts,
    /// Save settings to the config file (the welcome's answers, an objective); `summary` says
    /// what they are, `then` what the rep can do next.
    SaveSettings {
        settings: Vec<crate::config::writer::Setting>,
        summary: String,
        then: &'static str,
    },
    /// Put text on the system clipboard through the terminal (OSC 52).
    Copy {
        label: String,
        text: String,
    },
}

/// Where the inverse of a saved edit goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum History {
    New,
    Undo,
    Redo,
}

/// What every tab is handed to handle a key or draw: the clock, the config, today.
pub struct Context<'a> {
    pub config: &'a Config,
    pub theme: &'a Theme,
    pub now: DateTime<FixedOffset>,
    pub zone: Zone,
    /// Today's day, when its file could be read.
    pub today: Option<&'a Day>,
    /// The last sign of life: open sessions count up to it (the rule of `domain::open`).
    pub life: Liveness,
}

/// What a tab may read when the loop reloads the shown days.
pub struct Reader<'a> {
    pub journal: &'a Journal,
    /// Today as just read, so no tab reads it twice.
    pub today: &'a DayView,
    pub templates_dir: &'a std::path::Path,
}

impl Reader<'_> {
    /// The day `date`, today's from what was just read.
    pub fn load(&self, date: NaiveDate) -> DayView {
        if date == self.today.date() {
            self.today.clone()
        } else {
            DayView::from_load(date, self.journal.load(date))
        }
    }
}

/// Runs `f` with a context on the default config, at `now`, with `today` (unit tests).
#[cfg(test)]
pub fn with_context<R>(
    now: DateTime<FixedOffset>,
    today: Option<&Day>,
    f: impl FnOnce(&Context) -> R,
) -> R {
    let config = Config::defaults();
    let theme = Theme::new(&config.theme, true);
    let cx = Context {
        config: &config,
        theme: &theme,
        now,
        zone: Zone::Fixed(*now.offset()),
        today,
        life: Liveness::new(Some(now), now, config.timer.stale_after_hours),
    };
    f(&cx)
}
