//! The keys that work on every tab and mean the same on each; no tab's table may reuse them.

use super::App;
use crate::domain::timer::{TimerOp, open_interruption};
use crate::tui::keys::Key;
use crate::tui::prompt::Prompt;
use crate::tui::shared::Effect;
use crate::tui::tabs::{Tab, work};
use ratatui::crossterm::event::KeyCode;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Global {
    Start,
    Interrupt,
    PassOn,
    Park,
    ShowTab,
    NextTab,
    PrevTab,
    Help,
    Close,
    Quit,
}

pub const KEYS: &[Key<Global>] = &[
    Key::new(
        &[KeyCode::Char('s')],
        Global::Start,
        "start the selected or current block: focus on a work block, the slot on an inbox block \
         (on the Inbox tab, the current or next slot); s again ends what it started",
    )
    .hint("start/stop"),
    Key::new(
        &[KeyCode::Char('i')],
        Global::Interrupt,
        "interruption: pause focus and log who broke in; i again ends it",
    )
    .hint("interrupt"),
    Key::new(
        &[KeyCode::Char('p')],
        Global::PassOn,
        "pass it on: log a request handed over, focus goes on",
    )
    .hint("pass on"),
    Key::new(
        &[KeyCode::Char('n')],
        Global::Park,
        "park a mail for the next inbox slot",
    )
    .hint("park"),
    Key::new(
        &[
            KeyCode::Char('1'),
            KeyCode::Char('2'),
            KeyCode::Char('3'),
            KeyCode::Char('4'),
            KeyCode::Char('5'),
        ],
        Global::ShowTab,
        "switch tab: Plan, Timer, Inbox, Review, Month (or click its name)",
    ),
    Key::new(&[KeyCode::Tab], Global::NextTab, "next tab"),
    Key::new(&[KeyCode::BackTab], Global::PrevTab, "previous tab"),
    Key::new(
        &[KeyCode::Char('?')],
        Global::Help,
        "show or hide this help",
    ),
    Key::new(
        &[KeyCode::Esc],
        Global::Close,
        "close the help, or dismiss the newest message",
    ),
    Key::new(
        &[KeyCode::Char('q')],
        Global::Quit,
        "quit (everything is already saved)",
    )
    .hint("quit"),
    Key::new(&[KeyCode::Char('c')], Global::Quit, "quit").ctrl(),
];

/// Every key table by the name the README gives it, each key named as the help names it: the
/// README's key tables are checked against these.
pub fn key_tables() -> Vec<(&'static str, std::collections::BTreeSet<String>)> {
    use crate::tui::keys::names;
    use crate::tui::tabs::{inbox, month, plan, review, sessions, timer};
    vec![
        ("every tab", names(KEYS)),
        ("Plan", names(plan::KEYS)),
        ("Plan sessions", names(sessions::KEYS)),
        ("Timer", names(timer::KEYS)),
        ("Inbox", names(inbox::KEYS)),
        ("Review", names(review::KEYS)),
        ("Month", names(month::KEYS)),
        ("Help", names(super::help::KEYS)),
        ("Calendar conflicts", names(crate::tui::conflicts::KEYS)),
    ]
}

impl App {
    /// What an all-day key does, on whichever tab is shown.
    pub(super) fn global(&mut self, action: Global, code: KeyCode) -> Vec<Effect> {
        match action {
            Global::Quit => vec![Effect::Quit],
            Global::ShowTab => {
                let KeyCode::Char(c) = code else {
                    return vec![];
                };
                Tab::from_digit(c).map_or(vec![], |tab| self.show_tab(tab))
            }
            Global::NextTab => self.show_tab(self.tab.next()),
            Global::PrevTab => self.show_tab(self.tab.prev()),
            Global::Help => {
                self.help = Some(0);
                vec![]
            }
            Global::Close => {
                self.messages.dismiss();
                vec![]
            }
            Global::Start => {
                let cx = self.shared.context();
                let work = self.tabs.get(self.tab).work(&cx);
                work::start_or_end(work, &cx)
            }
            Global::Interrupt => self.interrupt(),
            Global::PassOn => vec![Effect::Prompt(Prompt::pass_on())],
            Global::Park => vec![Effect::Prompt(Prompt::park())],
        }
    }

    /// `i`: an interruption starts on this key and who and what are asked while it runs; `i`
    /// again ends it.
    fn interrupt(&mut self) -> Vec<Effect> {
        let open = self.today_day().and_then(open_interruption).is_some();
        if open {
            return vec![Effect::Timer(TimerOp::Interrupt(None))];
        }
        let started = self.shared.now.format("%H:%M").to_string();
        let prompt = Prompt::interrupt(&self.shared.accounts(), &started);
        vec![
            Effect::Prompt(prompt),
            Effect::Timer(TimerOp::Interrupt(None)),
        ]
    }
}

/// What the message line says once a prompt's act is saved, where the tab in view may not show it.
pub(super) fn submitted_message(op: &TimerOp) -> Option<String> {
    match op {
        TimerOp::Park(text) => Some(format!("Parked “{}” for the next inbox slot", text.trim())),
        TimerOp::PassOn { what, account } => Some(format!(
            "Passed on: {}{} — logged as 1 min reactive",
            what.trim(),
            account
                .as_deref()
                .map_or(String::new(), |a| format!(" ({a})"))
        )),
        _ => None,
    }
}
