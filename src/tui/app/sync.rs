//! The dashboard's calendar sync (`S` on the Plan tab): protime-sync in a process of its own
//! (see [`crate::sync_link`]), its progress on the message line, its result as a message; the
//! dashboard keeps working meanwhile, and the days shown are read again when it ends.

use super::App;
use crate::sync_link::{Conflict, News};
use crate::tui::conflicts::{Choice, ConflictList};
use crate::tui::event::Event;
use crate::tui::shared::Effect;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use std::io::{BufRead, BufReader, Read};
use std::process::Child;
use std::sync::mpsc::Sender;

/// The way back to the loop, whether a sync runs now, and the conflicts the last one left.
#[derive(Debug, Default)]
pub struct SyncLink {
    events: Option<Sender<Event>>,
    running: bool,
    conflicts: Vec<Conflict>,
    /// The conflicts' list, while it is open over the dashboard.
    shown: Option<ConflictList>,
}

impl App {
    /// Where background work (the calendar sync) sends its news: the loop's channel.
    pub fn set_event_sender(&mut self, events: Sender<Event>) {
        self.outside.sync.events = Some(events);
    }

    pub(super) fn sync_news(&mut self, news: &News) -> Vec<Effect> {
        let sync = &mut self.outside.sync;
        match news {
            News::Progress(line) => {
                self.messages
                    .set_progress(Some(format!("Calendar sync: {line}")));
                vec![]
            }
            News::Conflict(conflict) => {
                sync.conflicts.push(conflict.clone());
                vec![]
            }
            News::Done(text) | News::Failed(text) => {
                sync.running = false;
                self.messages.set_progress(None);
                let mut text = text.clone();
                if !sync.conflicts.is_empty() {
                    text.push_str(&format!(" {SEE_BOTH_SIDES}"));
                }
                vec![Effect::Message(text), Effect::ReloadDay]
            }
        }
    }

    /// While the conflicts' list is open it takes every key; a choice starts the sync that
    /// settles it.
    pub(super) fn conflicts_key(&mut self, key: KeyEvent) -> Option<Vec<Effect>> {
        let choice = self.outside.sync.shown.as_mut()?.handle_key(key);
        match choice {
            None => {}
            Some(Choice::Close) => self.outside.sync.shown = None,
            Some(Choice::Keep(side, uid)) => {
                self.outside.sync.shown = None;
                start(self, Some((side, &uid)));
            }
        }
        Some(vec![])
    }

    pub(super) fn render_conflicts(&self, body: Rect, buf: &mut Buffer) {
        if let Some(list) = &self.outside.sync.shown {
            list.render(body, buf, &self.shared.theme);
        }
    }
}

/// Said after a sync that left conflicts.
const SEE_BOTH_SIDES: &str = "Press C on the Plan tab to see both sides and keep either.";

/// Opens the conflicts' list, or says there is none.
pub(super) fn show_conflicts(app: &mut App) {
    let sync = &mut app.outside.sync;
    if sync.running {
        app.say("The calendar sync is under way: its conflicts are listed when it ends.".into());
    } else if sync.conflicts.is_empty() {
        app.say("No calendar conflicts to settle: the last sync left none (S syncs).".into());
    } else {
        sync.shown = Some(ConflictList::new(sync.conflicts.clone()));
    }
}

/// Starts a sync of today and the next 13 days, settling `keep` (mine|theirs, UID) if given,
/// unless one runs already.
pub(super) fn start(app: &mut App, keep: Option<(&str, &str)>) {
    if app.outside.sync.running {
        app.say("The calendar sync is under way: its progress is on the message line.".into());
        return;
    }
    let Some(events) = app.outside.sync.events.clone() else {
        app.say("The calendar sync runs only in the dashboard's loop.".into());
        return;
    };
    let today = app.shared.now.with_timezone(&app.shared.zone).date_naive();
    let window = crate::export::feed::fortnight(today);
    let child = crate::sync_link::spawn(&app.outside.paths, window, keep);
    let watched = child.and_then(|child| {
        std::thread::Builder::new()
            .name("calendar-sync".into())
            .spawn(move || watch(child, &events))
            .map_err(|e| format!("could not start the calendar sync: {e}"))
    });
    match watched {
        Ok(_) => {
            app.outside.sync.running = true;
            app.outside.sync.conflicts.clear();
            let line = "Calendar sync: starting …".to_string();
            app.messages.set_progress(Some(line));
        }
        Err(message) => app.say(format!("Calendar sync: {message}")),
    }
}

/// Passes protime-sync's news to the loop until it ends; one that ends without a word (killed,
/// or refusing its arguments) is told as a failure, with what it wrote on stderr.
fn watch(mut child: Child, events: &Sender<Event>) {
    let stderr = child.stderr.take();
    let complaint = std::thread::spawn(move || {
        let mut text = String::new();
        if let Some(mut stderr) = stderr {
            let _ = stderr.read_to_string(&mut text);
        }
        text
    });
    let mut ended = false;
    if let Some(stdout) = child.stdout.take() {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let Some(news) = News::parse(&line) else {
                continue;
            };
            ended |= matches!(news, News::Done(_) | News::Failed(_));
            let _ = events.send(Event::Sync(news));
        }
    }
    let status = child.wait();
    let complaint = complaint.join().unwrap_or_default();
    if !ended {
        let said = complaint.trim().trim_start_matches("protime: ");
        let why = match (said.is_empty(), status) {
            (false, _) => said.to_string(),
            (true, Ok(status)) => format!("it ended without a word ({status})"),
            (true, Err(e)) => format!("it was lost: {e}"),
        };
        let news = News::Failed(format!("Calendar sync: {why}. Your journal is intact."));
        let _ = events.send(Event::Sync(news));
    }
}
