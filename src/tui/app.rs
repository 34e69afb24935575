//! App: which tab is shown, the loaded day, messages. It only routes; each tab owns its own state.

use super::event::Event;
use super::import_review::{ImportReview, Outcome};
use super::keymap::{self, Action};
use super::prompt::{GapQuestion, Prompt, Submitted, recent_accounts};
use super::tabs::Tab;
use super::tabs::inbox::InboxTab;
use super::tabs::month::MonthTab;
use super::tabs::plan::PlanTab;
use super::tabs::review::ReviewTab;
use super::tabs::timer::TimerTab;
use super::theme::Theme;
use crate::clock::Zone;
use crate::config::Config;
use crate::domain::Day;
use crate::domain::plan::DayEdit;
use crate::domain::timer::{TimerOp, open_interruption};
use crate::journal::JournalError;
use crate::notify::{Notification, NotificationKind, Notifier, RecordingNotifier};
use chrono::{DateTime, FixedOffset, NaiveDate};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, MouseButton, MouseEventKind};
use std::cell::Cell;

/// Today's day as read from the journal: a day that does not parse is shown read-only with why.
// Only two are ever alive (today and the Plan tab's day), so boxing the large variant buys nothing.
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
}

/// What the loop must do after an update; `update` itself never does I/O.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Quit,
    /// Re-read today's file and the Plan tab's day (changed on disk, another day shown, midnight).
    ReloadDay,
    /// Apply an edit to a day through the journal store, then record its inverse.
    Edit {
        date: NaiveDate,
        edit: DayEdit,
        history: History,
    },
    /// Copy the blocks of the last planned day before `to` into `to`.
    CopyPreviousPlan {
        to: NaiveDate,
    },
    /// Show a one-line message at the bottom.
    Message(String),
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
    /// Put text on the system clipboard through the terminal (OSC 52).
    Copy {
        label: String,
        text: String,
    },
}

/// How long without a sign of life, with a session open, before protime asks what the gap was.
pub const GAP_MINUTES: i64 = 5;

/// Where the inverse of a saved edit goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum History {
    New,
    Undo,
    Redo,
}

pub struct App {
    pub tab: Tab,
    pub help: bool,
    pub config: Config,
    pub theme: Theme,
    pub now: DateTime<FixedOffset>,
    pub today: DayView,
    /// A one-line message at the bottom (save errors, sync conflicts); Esc hides it.
    pub banner: Option<String>,
    pub plan: PlanTab,
    /// The width of the last frame, for mouse hit-testing of the header.
    pub screen_width: Cell<u16>,
    pub timer: TimerTab,
    pub review: ReviewTab,
    pub month: MonthTab,
    /// A one-line prompt open over any tab (interruption, pass it on, unplanned focus).
    pub prompt: Option<Prompt>,
    /// The question after a gap with no sign of life, until answered.
    pub gap: Option<GapQuestion>,
    /// The last moment protime was known to be running with a session open.
    pub last_alive: Option<DateTime<FixedOffset>>,
    /// When the rep last pressed a key.
    pub last_input: Option<DateTime<FixedOffset>>,
    /// The zone planned (wall-clock) times are read in.
    pub zone: Zone,
    /// Where notifications go; only the loop's effects use it. Tests keep the recording one.
    pub notifier: Box<dyn Notifier>,
    pub inbox: InboxTab,
    /// Where reply templates live.
    pub templates_dir: std::path::PathBuf,
    /// Where OSC 52 clipboard sequences go: the terminal in the real loop, nowhere in tests.
    pub terminal_out: Box<dyn std::io::Write + Send>,
    /// An import being reviewed: it takes every key and covers the tab until accepted or
    /// abandoned.
    pub import: Option<ImportReview>,
    /// Accounts named in the last 90 days, read after the first frame, for completion.
    pub known_accounts: Vec<String>,
}

impl App {
    pub fn new(config: Config, theme: Theme, now: DateTime<FixedOffset>, today: DayView) -> App {
        let plan = PlanTab::new(today.clone());
        App {
            tab: Tab::Plan,
            help: false,
            config,
            theme,
            now,
            today,
            banner: None,
            plan,
            screen_width: Cell::new(120),
            timer: TimerTab::default(),
            review: ReviewTab::new(now.date_naive()),
            month: MonthTab::new(now.date_naive()),
            prompt: None,
            gap: None,
            last_alive: None,
            last_input: None,
            known_accounts: vec![],
            zone: Zone::Fixed(*now.offset()),
            notifier: Box::new(RecordingNotifier::new()),
            inbox: InboxTab::default(),
            templates_dir: std::path::PathBuf::new(),
            terminal_out: Box::new(std::io::sink()),
            import: None,
        }
    }

    /// Handles one event; returns the effects the loop must carry out.
    pub fn handle(&mut self, event: &Event) -> Vec<Effect> {
        let effects = match event {
            Event::Key(key) => {
                self.last_input = Some(self.now);
                self.key(*key)
            }
            Event::Mouse(mouse) if self.import.is_some() => {
                let code = match mouse.kind {
                    MouseEventKind::ScrollDown => KeyCode::Down,
                    MouseEventKind::ScrollUp => KeyCode::Up,
                    _ => return vec![],
                };
                self.key(KeyEvent::from(code))
            }
            Event::Mouse(mouse) if mouse.kind == MouseEventKind::Down(MouseButton::Left) => {
                match super::ui::tab_at(mouse.column, mouse.row, self.screen_width.get(), self.tab)
                {
                    Some(tab) => return self.show_tab(tab),
                    None if self.tab == Tab::Plan => self.plan.click(mouse.row),
                    None => {}
                }
                vec![]
            }
            Event::Paste(text) => {
                self.last_input = Some(self.now);
                self.paste(text)
            }
            Event::Mouse(_) | Event::Resize | Event::Notify => vec![],
            Event::Warning(text) => vec![Effect::Message(text.clone())],
            Event::JournalChanged => vec![Effect::ReloadDay],
            Event::InputClosed | Event::Signal(_) => vec![Effect::Quit],
        };
        self.show_messages(effects)
    }

    /// Messages are shown at once; the rest goes to the loop.
    fn show_messages(&mut self, effects: Vec<Effect>) -> Vec<Effect> {
        effects
            .into_iter()
            .filter_map(|e| match e {
                Effect::Message(text) => {
                    self.banner = Some(text);
                    None
                }
                other => Some(other),
            })
            .collect()
    }

    /// Today's day, when its file could be read.
    pub fn today_day(&self) -> Option<&Day> {
        match &self.today {
            DayView::Loaded(day) => Some(day),
            DayView::Unreadable { .. } => None,
        }
    }

    /// A key goes to the help overlay, an open question or prompt, the shown tab, then the
    /// keys that work everywhere.
    fn key(&mut self, key: KeyEvent) -> Vec<Effect> {
        if key.kind != KeyEventKind::Press {
            return vec![];
        }
        if self.help {
            return keymap::action_for(key).map_or(vec![], |a| self.update(a));
        }
        if let Some(gap) = self.gap {
            return match gap.answer(key) {
                Some(op) => {
                    self.gap = None;
                    // Answered: the gap ends now, so the next tick does not ask about it again.
                    self.last_alive = Some(self.now);
                    if matches!(
                        op,
                        TimerOp::SettleGap(_, crate::domain::timer::GapAnswer::Reactive)
                    ) {
                        // Who it was is asked while the record is already written.
                        let since = gap.since.format("%H:%M").to_string();
                        let accounts = recent_accounts(self.today_day(), &self.known_accounts);
                        self.prompt = Some(Prompt::interrupt(&accounts, &since));
                    }
                    vec![Effect::Timer(op)]
                }
                // Quitting leaves the gap open; the next start asks again.
                None if keymap::action_for(key) == Some(Action::Quit) => vec![Effect::Quit],
                None => vec![],
            };
        }
        if let Some(effects) = self.prompt_key(key) {
            return effects;
        }
        if let Some(effects) = self.import_key(key) {
            return effects;
        }
        if let Some(effects) = self.tab_key(key) {
            return effects;
        }
        match key.code {
            KeyCode::Char('i') if key.modifiers.is_empty() => {
                let open = self.today_day().and_then(open_interruption).is_some();
                if open {
                    return vec![Effect::Timer(TimerOp::Interrupt(None))];
                }
                // The interruption starts on this key; who and what are asked while it runs.
                let started = self.now.format("%H:%M").to_string();
                self.prompt = Some(Prompt::interrupt(
                    &recent_accounts(self.today_day(), &self.known_accounts),
                    &started,
                ));
                vec![Effect::Timer(TimerOp::Interrupt(None))]
            }
            KeyCode::Char('p') if key.modifiers.is_empty() => {
                self.prompt = Some(Prompt::pass_on());
                vec![]
            }
            KeyCode::Char('n') if key.modifiers.is_empty() => {
                self.prompt = Some(Prompt::park());
                vec![]
            }
            _ => keymap::action_for(key).map_or(vec![], |a| self.update(a)),
        }
    }

    fn prompt_key(&mut self, key: KeyEvent) -> Option<Vec<Effect>> {
        self.prompt.as_ref()?;
        let accounts = recent_accounts(self.today_day(), &self.known_accounts);
        let prompt = self.prompt.as_mut()?;
        Some(match prompt.handle_key(key, &accounts) {
            None => vec![],
            Some(result) => {
                self.prompt = None;
                match result {
                    Ok(None) => vec![],
                    Ok(Some(Submitted::Timer(op))) => vec![Effect::Timer(op)],
                    Ok(Some(Submitted::Import { file, since })) => {
                        vec![Effect::OpenImport { file, since }]
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

    fn tab_key(&mut self, key: KeyEvent) -> Option<Vec<Effect>> {
        match self.tab {
            Tab::Plan => self
                .plan
                .handle_key(key, &self.config, self.now, &self.zone),
            Tab::Timer => {
                let day = match &self.today {
                    DayView::Loaded(day) => Some(day),
                    DayView::Unreadable { .. } => None,
                };
                self.timer
                    .handle_key(key, day, self.now.time(), &mut self.prompt)
            }
            Tab::Review => self.review.handle_key(key, self.now.date_naive()),
            Tab::Month => self
                .month
                .handle_key(key, self.now.date_naive(), &mut self.prompt),
            Tab::Inbox => {
                let day = match &self.today {
                    DayView::Loaded(day) => Some(day),
                    DayView::Unreadable { .. } => None,
                };
                self.inbox.handle_key(key, day, &self.config, self.now)
            }
        }
    }

    /// The end-of-day reminder, when the clock passes the configured time and today has no review.
    fn review_reminder(&mut self, before: DateTime<FixedOffset>) -> Vec<Effect> {
        let at = self.config.review.reminder;
        let reviewed = self
            .today_day()
            .is_some_and(|d| d.review.as_ref().is_some_and(|r| r.decided.is_some()));
        let crossed = before.date_naive() == self.now.date_naive()
            && before.time() < at
            && at <= self.now.time();
        if !crossed || reviewed {
            return vec![];
        }
        let text = format!(
            "It is {}: time to review the day — press 4",
            at.format("%H:%M")
        );
        let mut effects = vec![];
        let today = self.now.date_naive();
        if self.review.date != today {
            // The tab may still show an earlier unreviewed day: 4 must now open today's review.
            self.review.date = today;
            effects.push(Effect::ReloadDay);
        }
        let note = Notification::new(
            NotificationKind::ReviewReminder,
            "Review the day",
            "Did I decide what to do today, or did someone else?",
        );
        effects.extend([Effect::Message(text), Effect::Notify(note)]);
        effects
    }

    /// A block starting within the configured lead time (and an inbox slot starting now), told once
    /// as the clock passes the moment.
    fn upcoming_blocks(&self, before: DateTime<FixedOffset>) -> Vec<Effect> {
        let Some(day) = self.today_day() else {
            return vec![];
        };
        if before.date_naive() != self.now.date_naive() || before >= self.now {
            return vec![];
        }
        let lead = chrono::Duration::minutes(i64::from(
            self.config.notifications.block_start_lead_minutes,
        ));
        let passed = |t: chrono::NaiveTime, ahead: chrono::Duration| {
            let at = self.now.date_naive().and_time(t) - ahead;
            before.naive_local() < at && at <= self.now.naive_local()
        };
        let mut effects = vec![];
        // The day's inbox slots: its planned inbox blocks, else the config's `[inbox] slots`.
        for (start, end) in super::tabs::inbox::slots(day, &self.config) {
            if passed(start, chrono::Duration::zero()) {
                let body = format!(
                    "{}–{}: process the inbox now (s on the Inbox tab)",
                    start.format("%H:%M"),
                    end.format("%H:%M")
                );
                effects.push(Effect::Notify(Notification::new(
                    NotificationKind::InboxSlot,
                    "Inbox slot",
                    body,
                )));
            }
        }
        for b in day.blocks_by_start() {
            if b.kind != crate::domain::BlockKind::Inbox && passed(b.start, lead) {
                let body = format!(
                    "{} {} starts at {}",
                    b.category.tag(),
                    b.title,
                    b.start.format("%H:%M")
                );
                effects.push(Effect::Notify(Notification::new(
                    NotificationKind::BlockStart,
                    "Next block",
                    body,
                )));
            }
        }
        effects
    }

    /// What the figures need to count open sessions: the last tick seen, which stays at the start
    /// of a silence until the rep answers the gap question.
    pub fn liveness(&self) -> crate::domain::open::Liveness {
        crate::domain::open::Liveness::new(
            self.last_alive,
            self.now,
            self.config.timer.stale_after_hours,
        )
    }

    /// True while a timer or an interruption runs: the header counts down each second.
    /// The question to ask when nothing was seen of protime for [`GAP_MINUTES`] or more while a
    /// session was open (a break alone is no session). The gap begins no earlier than the newest
    /// open session: starting it was a sign of life.
    pub fn gap_since(&self, last_seen: DateTime<FixedOffset>) -> Option<GapQuestion> {
        let day = self.today_day()?;
        // A focus round that ended during the silence counts to its own end (the rule of
        // `domain::open`): there is nothing to ask about.
        let round_over = day
            .timer
            .as_ref()
            .and_then(|t| t.ends_at())
            .is_some_and(|end| end <= self.now);
        let waits = day.sessions.iter().any(|s| {
            s.end.is_none() && !(round_over && s.kind == crate::domain::SessionKind::Focus)
        });
        if !waits {
            return None;
        }
        let newest_open = crate::domain::timer::newest_open_start(day)?;
        let since = last_seen.max(newest_open);
        ((self.now - since).num_minutes() >= GAP_MINUTES).then_some(GapQuestion { since })
    }

    pub fn countdown_visible(&self) -> bool {
        self.today_day().is_some_and(|d| {
            d.timer.as_ref().is_some_and(|t| t.is_running())
                || open_interruption(d).is_some()
                || crate::domain::timer::open_inbox(d).is_some()
        })
    }

    /// Switches tab; the Month and Review tabs read their weeks of figures when they are shown.
    fn show_tab(&mut self, tab: Tab) -> Vec<Effect> {
        let changed = self.tab != tab;
        self.tab = tab;
        if changed && matches!(tab, Tab::Month | Tab::Review | Tab::Inbox) {
            vec![Effect::ReloadDay]
        } else {
            vec![]
        }
    }

    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Quit => return vec![Effect::Quit],
            Action::ShowTab(tab) => return self.show_tab(tab),
            Action::NextTab => return self.show_tab(self.tab.next()),
            Action::PrevTab => return self.show_tab(self.tab.prev()),
            Action::ToggleHelp => self.help = !self.help,
            Action::CloseOverlay => {
                if self.help {
                    self.help = false;
                } else {
                    self.banner = None;
                }
            }
        }
        vec![]
    }

    /// Moves the clock on: a new day reloads, a phase that ended advances the timer, and a long
    /// silence with a session open asks what the gap was.
    pub fn tick(&mut self, now: DateTime<FixedOffset>) -> Vec<Effect> {
        let before = self.now;
        self.now = now;
        if now.date_naive() != self.today.date() {
            return vec![Effect::ReloadDay];
        }
        let mut effects = self.review_reminder(before);
        effects.extend(self.upcoming_blocks(before));
        if !self.countdown_visible() {
            // Awake with nothing counting down: a gap is only measured from here on.
            self.last_alive = Some(now);
            return effects;
        }
        if self.gap.is_some() {
            return effects;
        }
        let last = self.last_alive.unwrap_or(before);
        if let Some(gap) = self.gap_since(last) {
            self.gap = Some(gap);
            return effects;
        }
        if self
            .last_alive
            .is_none_or(|l| l.timestamp() / 60 != now.timestamp() / 60)
        {
            effects.push(Effect::Heartbeat);
        }
        self.last_alive = Some(now);
        let phase_ended = self
            .today_day()
            .and_then(|d| d.timer.as_ref())
            .and_then(|t| t.ends_at())
            .is_some_and(|e| e <= now);
        if phase_ended {
            effects.push(Effect::Timer(TimerOp::Advance));
        }
        effects.extend(self.close_forgotten_session());
        effects
    }

    /// An interruption or inbox slot left running far longer than any real one (the config's
    /// `stale_after_hours`) is closed at the rep's last key, and the rep is told.
    fn close_forgotten_session(&self) -> Vec<Effect> {
        let Some(day) = self.today_day() else {
            return vec![];
        };
        let limit = chrono::Duration::hours(i64::from(self.config.timer.stale_after_hours));
        let forgotten = day.sessions.iter().find(|s| {
            s.end.is_none()
                && matches!(
                    s.kind,
                    crate::domain::SessionKind::Interruption | crate::domain::SessionKind::Inbox
                )
                && self.now - s.start > limit
        });
        let Some(session) = forgotten else {
            return vec![];
        };
        // At least a minute, so the interruption stays on record even if no key followed it.
        let earliest = session.start + chrono::Duration::minutes(1);
        let at = self.last_input.map_or(earliest, |t| t.max(earliest));
        let text = format!(
            "The {} that began at {} was still running after {} h: it was closed at your last key, {}",
            session.kind,
            session.start.format("%H:%M"),
            limit.num_hours(),
            at.format("%H:%M")
        );
        vec![
            Effect::Timer(TimerOp::SettleGap(
                at,
                crate::domain::timer::GapAnswer::Break,
            )),
            Effect::Message(text),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseEvent};

    fn app() -> App {
        let config = Config::defaults();
        let theme = Theme::new(&config.theme, true);
        let now = DateTime::parse_from_rfc3339("2026-11-26T10:42:00+01:00").unwrap();
        App::new(
            config,
            theme,
            now,
            DayView::Loaded(Day::new(now.date_naive())),
        )
    }

    fn key(c: KeyCode) -> Event {
        Event::Key(KeyEvent::new(c, KeyModifiers::NONE))
    }

    #[test]
    fn keys_switch_tabs_and_toggle_help() {
        let mut app = app();
        app.handle(&key(KeyCode::Char('4')));
        assert_eq!(app.tab, Tab::Review);
        app.handle(&key(KeyCode::Tab));
        assert_eq!(app.tab, Tab::Month);
        app.handle(&key(KeyCode::Char('?')));
        assert!(app.help);
        app.handle(&key(KeyCode::Esc));
        assert!(!app.help);
        assert_eq!(app.handle(&key(KeyCode::Char('q'))), vec![Effect::Quit]);
    }

    #[test]
    fn click_on_a_tab_name_selects_it() {
        let mut app = app();
        let x = super::super::ui::tab_ranges(app.screen_width.get(), app.tab)
            .into_iter()
            .find(|(t, _)| *t == Tab::Month)
            .unwrap()
            .1
            .start;
        let click = MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column: x + 1,
            row: 0,
            modifiers: KeyModifiers::NONE,
        };
        app.handle(&Event::Mouse(click));
        assert_eq!(app.tab, Tab::Month);
    }

    #[test]
    fn a_dead_terminal_or_a_signal_quits() {
        let mut app = app();
        assert_eq!(app.handle(&Event::InputClosed), vec![Effect::Quit]);
        assert_eq!(app.handle(&Event::Signal(1)), vec![Effect::Quit]);
    }

    #[test]
    fn the_review_reminder_comes_once_when_the_clock_passes_it() {
        let mut app = app();
        let at =
            |t: &str| DateTime::parse_from_rfc3339(&format!("2026-11-26T{t}:00+01:00")).unwrap();
        // The jump from 10:42 passes the config's inbox slots (11:30, 16:30): those notify.
        let before = app.tick(at("16:44"));
        assert!(
            before
                .iter()
                .all(|e| matches!(e, Effect::Notify(n) if n.kind == NotificationKind::InboxSlot)),
            "{before:?}"
        );
        let effects = app.tick(at("16:45"));
        assert!(
            matches!(&effects[..], [Effect::Message(m), Effect::Notify(n)] if m.contains("time to review the day") && n.kind == NotificationKind::ReviewReminder),
            "{effects:?}"
        );
        assert!(app.tick(at("16:46")).is_empty());
    }

    #[test]
    fn midnight_asks_for_the_new_day() {
        let mut app = app();
        app.tick(DateTime::parse_from_rfc3339("2026-11-26T23:00:00+01:00").unwrap());
        assert!(
            app.tick(DateTime::parse_from_rfc3339("2026-11-26T23:59:00+01:00").unwrap())
                .is_empty()
        );
        let next = DateTime::parse_from_rfc3339("2026-11-27T00:00:00+01:00").unwrap();
        assert_eq!(app.tick(next), vec![Effect::ReloadDay]);
    }
}
