//! App: which tab is shown, what the tabs share (the clock, the config, today), the message line
//! and the overlays. It routes keys and draws; each tab owns its own state behind [`TabView`].

mod days;
mod draw;
pub mod effects;
pub(crate) mod global;
mod help;
mod import;
mod notes;
mod overlay;
mod paste;
mod sync;
mod tick;
mod view;
mod welcome;

use super::event::Event;
use super::import_review::{ImportReview, Outcome};
use super::keys::lookup;
use super::messages::Messages;
use super::prompt::{GapQuestion, Prompt, Submitted, recent_accounts};
use super::shared::{Context, Effect};
use super::tabs::{
    Tab, TabView, inbox::InboxTab, month::MonthTab, plan::PlanTab, review::ReviewTab,
    timer::TimerTab,
};
use super::theme::Theme;
use crate::clock::Zone;
use crate::config::Config;
use crate::domain::{Day, timer::TimerOp};
use crate::notify::{Notifier, RecordingNotifier};
use chrono::{DateTime, FixedOffset};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, MouseButton, MouseEventKind};
use std::cell::Cell;

pub use super::shared::DayView;
pub use global::key_tables;
pub use tick::GAP_MINUTES;

/// What every tab may read: the clock, the config, today as last read.
struct Shared {
    config: Config,
    theme: Theme,
    now: DateTime<FixedOffset>,
    /// The zone planned (wall-clock) times are read in.
    zone: Zone,
    today: DayView,
    /// The last moment protime was known to be running with a session open.
    last_alive: Option<DateTime<FixedOffset>>,
    /// When the rep last pressed a key.
    last_input: Option<DateTime<FixedOffset>>,
    /// Accounts named in the last 90 days, read after the first frame, for completion.
    known_accounts: Vec<String>,
    /// The clock has moved on once since the start (reminders missed before the start are due).
    ticked: bool,
}

impl Shared {
    fn context(&self) -> Context<'_> {
        Context {
            config: &self.config,
            theme: &self.theme,
            now: self.now,
            zone: self.zone,
            today: self.today.day(),
            life: crate::domain::open::Liveness::new(
                self.last_alive,
                self.now,
                self.config.timer.stale_after_hours,
            ),
        }
    }

    fn accounts(&self) -> Vec<String> {
        recent_accounts(self.today.day(), &self.known_accounts)
    }
}

/// The five tabs, each behind [`TabView`].
struct Tabs {
    plan: PlanTab,
    timer: TimerTab,
    inbox: InboxTab,
    review: ReviewTab,
    month: MonthTab,
}

impl Tabs {
    fn get(&self, tab: Tab) -> &dyn TabView {
        match tab {
            Tab::Plan => &self.plan,
            Tab::Timer => &self.timer,
            Tab::Inbox => &self.inbox,
            Tab::Review => &self.review,
            Tab::Month => &self.month,
        }
    }

    fn get_mut(&mut self, tab: Tab) -> &mut dyn TabView {
        match tab {
            Tab::Plan => &mut self.plan,
            Tab::Timer => &mut self.timer,
            Tab::Inbox => &mut self.inbox,
            Tab::Review => &mut self.review,
            Tab::Month => &mut self.month,
        }
    }
}

/// Where effects reach the world: notifications, the clipboard, the templates folder.
struct Outside {
    /// Where notifications go; only the loop's effects use it. Tests keep the recording one.
    notifier: Box<dyn Notifier>,
    /// Where reply templates live.
    templates_dir: std::path::PathBuf,
    /// Where OSC 52 clipboard sequences go: the terminal in the real loop, nowhere in tests.
    terminal_out: Box<dyn std::io::Write + Send>,
    /// The data folder and the config file settings are saved to (the welcome's answers).
    paths: crate::paths::Paths,
    sync: sync::SyncLink,
    /// The calendar feed's last write, as the journal's save hook reports it.
    feed: crate::export::feed::LastWrite,
}

pub struct App {
    tab: Tab,
    tabs: Tabs,
    shared: Shared,
    outside: Outside,
    messages: Messages,
    /// The help overlay's first shown line, while it is open.
    help: Option<u16>,
    /// The last first line the help could show at the last frame, so scrolling stops there.
    help_end: Cell<u16>,
    /// A one-line prompt open over any tab (interruption, pass it on, unplanned focus).
    prompt: Option<Prompt>,
    /// The question after a gap with no sign of life, until answered.
    gap: Option<GapQuestion>,
    /// An import being reviewed: it takes every key and covers the tab until accepted or
    /// abandoned.
    import: Option<ImportReview>,
    /// The welcome (first start, or `W` in the help): it takes every key until finished or
    /// skipped.
    welcome: Option<super::welcome::Welcome>,
    /// The width of the last frame, for mouse hit-testing of the header.
    screen_width: Cell<u16>,
}

impl App {
    pub fn new(config: Config, theme: Theme, now: DateTime<FixedOffset>, today: DayView) -> App {
        let date = now.date_naive();
        App {
            tab: Tab::Plan,
            tabs: Tabs {
                plan: PlanTab::new(today.clone()),
                timer: TimerTab::default(),
                inbox: InboxTab::default(),
                review: ReviewTab::new(date),
                month: MonthTab::new(date),
            },
            shared: Shared {
                config,
                theme,
                now,
                zone: Zone::Fixed(*now.offset()),
                today,
                last_alive: None,
                last_input: None,
                known_accounts: vec![],
                ticked: false,
            },
            outside: Outside {
                notifier: Box::new(RecordingNotifier::new()),
                templates_dir: std::path::PathBuf::new(),
                terminal_out: Box::new(std::io::sink()),
                paths: crate::paths::Paths::unknown(),
                sync: sync::SyncLink::default(),
                feed: Default::default(),
            },
            messages: Messages::default(),
            help: None,
            help_end: Cell::new(0),
            prompt: None,
            gap: None,
            import: None,
            welcome: None,
            screen_width: Cell::new(120),
        }
    }

    /// Handles one event; returns the effects the loop must carry out.
    pub fn handle(&mut self, event: &Event) -> Vec<Effect> {
        let effects = match event {
            Event::Key(key) => {
                self.shared.last_input = Some(self.shared.now);
                self.messages.seen(self.shared.now);
                self.key(*key)
            }
            // The welcome covers the tabs: a click there does nothing.
            Event::Mouse(_) if self.welcome.is_some() => vec![],
            Event::Mouse(mouse) if self.import.is_some() => {
                let code = match mouse.kind {
                    MouseEventKind::ScrollDown => KeyCode::Down,
                    MouseEventKind::ScrollUp => KeyCode::Up,
                    _ => return vec![],
                };
                self.key(KeyEvent::from(code))
            }
            Event::Mouse(mouse) if mouse.kind == MouseEventKind::Down(MouseButton::Left) => {
                let width = self.screen_width.get();
                match super::ui::tab_at(mouse.column, mouse.row, width, self.tab) {
                    Some(tab) => self.show_tab(tab),
                    None => {
                        self.tabs.get_mut(self.tab).click(mouse.row);
                        vec![]
                    }
                }
            }
            Event::Paste(text) => {
                self.shared.last_input = Some(self.shared.now);
                self.messages.seen(self.shared.now);
                self.paste(text)
            }
            Event::Mouse(_) | Event::Resize | Event::Notify => vec![],
            Event::Warning(text) => vec![Effect::Message(text.clone())],
            Event::Sync(news) => self.sync_news(news),
            Event::JournalChanged => vec![Effect::ReloadDay],
            Event::InputClosed | Event::Signal(_) => vec![Effect::Quit],
        };
        self.take_immediate(effects)
    }

    /// Messages and prompts are shown at once and the rest goes to the loop; a message after an
    /// edit confirms it, so it waits for the edit to be saved.
    fn take_immediate(&mut self, effects: Vec<Effect>) -> Vec<Effect> {
        let mut after_edit = false;
        effects
            .into_iter()
            .filter_map(|e| match e {
                Effect::Message(text) if !after_edit => {
                    self.say(text);
                    None
                }
                edit @ (Effect::Edit { .. } | Effect::Timer(_)) => {
                    after_edit = true;
                    Some(edit)
                }
                Effect::Prompt(prompt) => {
                    self.prompt = Some(prompt);
                    None
                }
                other => Some(other),
            })
            .collect()
    }

    /// Puts `text` on the message line.
    pub fn say(&mut self, text: String) {
        self.messages.push(text);
    }

    /// A key goes to the help overlay, an open question or prompt, a form that takes text, the
    /// keys that work on every tab, then the shown tab's table.
    fn key(&mut self, key: KeyEvent) -> Vec<Effect> {
        if key.kind != KeyEventKind::Press {
            return vec![];
        }
        if self.help.is_some() {
            return self.help_key(key);
        }
        if let Some(gap) = self.gap {
            return self.gap_key(gap, key);
        }
        if let Some(effects) = self.prompt_key(key) {
            return effects;
        }
        let overlay = (self.welcome_key(key))
            .or_else(|| self.import_key(key))
            .or_else(|| self.conflicts_key(key));
        if let Some(effects) = overlay {
            return effects;
        }
        let cx = self.shared.context();
        let tab = self.tabs.get_mut(self.tab);
        if tab.takes_text() {
            return tab.handle_key(key, &cx).unwrap_or_default();
        }
        if let Some((action, code)) = lookup(global::KEYS, key) {
            return self.global(action, code);
        }
        let cx = self.shared.context();
        self.tabs
            .get_mut(self.tab)
            .handle_key(key, &cx)
            .unwrap_or_default()
    }

    /// The answer to "no sign of you since …"; any other key but quit waits for one.
    fn gap_key(&mut self, gap: GapQuestion, key: KeyEvent) -> Vec<Effect> {
        match gap.answer(key) {
            Some(op) => {
                self.gap = None;
                // Answered: the gap ends now, so the next tick does not ask about it again.
                self.shared.last_alive = Some(self.shared.now);
                if matches!(
                    op,
                    TimerOp::SettleGap(_, crate::domain::timer::GapAnswer::Reactive)
                ) {
                    // Who it was is asked while the record is already written.
                    let since = gap.since.format("%H:%M").to_string();
                    self.prompt = Some(Prompt::interrupt(&self.shared.accounts(), &since));
                }
                vec![Effect::Timer(op)]
            }
            // Quitting leaves the gap open; the next start asks again.
            None if lookup(global::KEYS, key).is_some_and(|(a, _)| a == global::Global::Quit) => {
                vec![Effect::Quit]
            }
            None => vec![],
        }
    }

    fn prompt_key(&mut self, key: KeyEvent) -> Option<Vec<Effect>> {
        self.prompt.as_ref()?;
        let accounts = self.shared.accounts();
        let prompt = self.prompt.as_mut()?;
        Some(match prompt.handle_key(key, &accounts) {
            None => vec![],
            Some(result) => {
                self.prompt = None;
                match result {
                    Ok(None) => vec![],
                    Ok(Some(Submitted::Timer(op))) => {
                        let said = global::submitted_message(&op).map(Effect::Message);
                        std::iter::once(Effect::Timer(op)).chain(said).collect()
                    }
                    Ok(Some(Submitted::Import { file, since })) => {
                        vec![Effect::OpenImport { file, since }]
                    }
                    Ok(Some(Submitted::PlanMeetings { file })) => vec![Effect::PlanMeetings(file)],
                    Ok(Some(Submitted::Objective(edit))) => {
                        crate::tui::objective_prompt::save(&self.shared.config, &edit)
                    }
                    Ok(Some(Submitted::Tier { account, tier })) => {
                        crate::tui::tier_prompt::save(&self.shared.config, &account, &tier)
                    }
                    Err(message) => vec![Effect::Message(message)],
                }
            }
        })
    }

    fn import_key(&mut self, key: KeyEvent) -> Option<Vec<Effect>> {
        let outcome = self.import.as_mut()?.handle_key(key);
        Some(match outcome {
            None => vec![],
            Some(Outcome::Accept) => vec![Effect::Import],
            Some(Outcome::Abandon) => {
                let failure = self.import.take().and_then(|review| review.failure);
                vec![Effect::Message(match failure {
                    Some(failure) => format!("Import not finished: {failure}"),
                    None => "Import abandoned: nothing was written.".into(),
                })]
            }
        })
    }

    /// Switches tab; a tab reads what it shows (weeks of figures, templates) when it is shown.
    fn show_tab(&mut self, tab: Tab) -> Vec<Effect> {
        let changed = self.tab != tab;
        self.tab = tab;
        if changed && matches!(tab, Tab::Month | Tab::Review | Tab::Inbox) {
            vec![Effect::ReloadDay]
        } else {
            vec![]
        }
    }

    /// Today's day, when its file could be read.
    pub fn today_day(&self) -> Option<&Day> {
        self.shared.today.day()
    }

    /// True while a timer, an interruption or an inbox slot runs: the header counts each second.
    pub fn countdown_visible(&self) -> bool {
        self.today_day().is_some_and(|d| {
            d.timer.as_ref().is_some_and(|t| t.is_running())
                || crate::domain::timer::open_interruption(d).is_some()
                || crate::domain::timer::open_inbox(d).is_some()
        })
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod keys_test;
