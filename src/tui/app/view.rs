//! What the loop and the tests may read of the app, and the few things they set up.

use super::App;
use crate::config::Config;
use crate::notify::Notifier;
use crate::tui::import_review::ImportReview;
use crate::tui::messages::Messages;
use crate::tui::prompt::{GapQuestion, Prompt};
use crate::tui::tabs::Tab;
use crate::tui::tabs::inbox::InboxTab;
use crate::tui::tabs::month::MonthTab;
use crate::tui::tabs::plan::PlanTab;
use crate::tui::tabs::review::ReviewTab;
use chrono::{DateTime, FixedOffset};

impl App {
    pub fn now(&self) -> DateTime<FixedOffset> {
        self.shared.now
    }

    pub fn config(&self) -> &Config {
        &self.shared.config
    }

    /// The config as `protime` would read it after an edit (tests change a setting here).
    pub fn config_mut(&mut self) -> &mut Config {
        &mut self.shared.config
    }

    pub fn tab(&self) -> Tab {
        self.tab
    }

    /// Opens `tab` as its number key would, without reading anything (the loop reloads).
    pub fn open_tab(&mut self, tab: Tab) {
        self.tab = tab;
    }

    /// Opens (at its top) or closes the help overlay.
    pub fn show_help(&mut self, shown: bool) {
        self.help = shown.then_some(0);
    }

    /// Moves the clock without a tick, as a suspended laptop wakes: the next tick sees the jump.
    pub fn jump_clock(&mut self, now: DateTime<FixedOffset>) {
        self.shared.now = now;
    }

    pub fn help_shown(&self) -> bool {
        self.help.is_some()
    }

    pub fn messages(&self) -> &Messages {
        &self.messages
    }

    /// Every line of the message line, newest message first, as one text (for tests and logs).
    pub fn message(&self) -> Option<String> {
        let all: Vec<&str> = self.messages.newest_first().collect();
        let all: Vec<String> = all
            .into_iter()
            .map(str::to_string)
            .chain(self.messages.sticky())
            .collect();
        (!all.is_empty()).then(|| all.join(" | "))
    }

    pub fn gap(&self) -> Option<GapQuestion> {
        self.gap
    }

    pub fn prompt(&self) -> Option<&Prompt> {
        self.prompt.as_ref()
    }

    pub fn import_review(&self) -> Option<&ImportReview> {
        self.import.as_ref()
    }

    pub fn plan_tab(&self) -> &PlanTab {
        &self.tabs.plan
    }

    pub fn review_tab(&self) -> &ReviewTab {
        &self.tabs.review
    }

    pub fn month_tab(&self) -> &MonthTab {
        &self.tabs.month
    }

    pub fn inbox_tab(&self) -> &InboxTab {
        &self.tabs.inbox
    }

    /// Where the calendar feed's save hook reports its writes.
    pub fn set_feed(&mut self, feed: crate::export::feed::LastWrite) {
        self.outside.feed = feed;
    }

    /// Where notifications go (the desktop in the real loop).
    pub fn set_notifier(&mut self, notifier: Box<dyn Notifier>) {
        self.outside.notifier = notifier;
    }

    /// Where reply templates are read from.
    pub fn set_templates_dir(&mut self, dir: std::path::PathBuf) {
        self.outside.templates_dir = dir;
    }

    /// Where clipboard sequences are written (the terminal in the real loop).
    pub fn set_terminal_out(&mut self, out: Box<dyn std::io::Write + Send>) {
        self.outside.terminal_out = out;
    }

    /// The zone planned times are read in (the system's in the real loop).
    pub fn set_zone(&mut self, zone: crate::clock::Zone) {
        self.shared.zone = zone;
    }

    /// Opens the Review tab on `date` (`protime review --date D`); the loop reloads.
    pub fn open_review(&mut self, date: chrono::NaiveDate) {
        self.tab = Tab::Review;
        self.tabs.review.date = date;
    }
}
