//! The dashboard's calendar sync (`S` on the Plan tab): `protime sync` on a thread of its own,
//! its progress on the message line, its result as a message; the dashboard keeps working
//! meanwhile, and the days shown are read again when it ends.

use super::App;
use crate::clock::Zone;
use crate::config::Config;
use crate::journal::Journal;
use crate::sync::Request;
use crate::tui::event::{Event, SyncNews};
use crate::tui::shared::Effect;
use chrono::{DateTime, FixedOffset};
use std::sync::mpsc::Sender;

/// The way back to the loop, and whether a sync runs now.
#[derive(Debug, Default)]
pub struct SyncLink {
    events: Option<Sender<Event>>,
    running: bool,
}

impl App {
    /// Where background work (the calendar sync) sends its news: the loop's channel.
    pub fn set_event_sender(&mut self, events: Sender<Event>) {
        self.outside.sync.events = Some(events);
    }

    pub(super) fn sync_news(&mut self, news: &SyncNews) -> Vec<Effect> {
        match news {
            SyncNews::Progress(line) => {
                self.messages
                    .set_progress(Some(format!("Calendar sync: {line}")));
                vec![]
            }
            SyncNews::Done(result) => {
                self.outside.sync.running = false;
                self.messages.set_progress(None);
                let text = match result {
                    Ok(text) => text.clone(),
                    Err(e) => format!("Calendar sync: {e}"),
                };
                vec![Effect::Message(text), Effect::ReloadDay]
            }
        }
    }
}

/// Starts a sync of today and the next 13 days, unless one runs or it cannot run.
pub(super) fn start(app: &mut App, journal: &Journal) {
    if app.outside.sync.running {
        app.say("The calendar sync is under way: its progress is on the message line.".into());
        return;
    }
    let Some(events) = app.outside.sync.events.clone() else {
        app.say("The calendar sync runs only in the dashboard's loop.".into());
        return;
    };
    let config = app.shared.config.clone();
    let config_file = app.outside.config_file.display().to_string();
    let password = match crate::sync::password(&config, &config_file) {
        Ok(p) => p,
        Err(e) => return app.say(e.to_string()),
    };
    let moment = (app.shared.now, app.shared.zone);
    let journal = journal.clone();
    let spawned = std::thread::Builder::new()
        .name("calendar-sync".into())
        .spawn(move || run(&journal, &config, password, moment, &events));
    match spawned {
        Ok(_) => {
            app.outside.sync.running = true;
            let line = "Calendar sync: starting …".to_string();
            app.messages.set_progress(Some(line));
        }
        Err(e) => app.say(format!("Could not start the calendar sync: {e}")),
    }
}

/// The sync itself, on its own thread; every piece of news goes to the loop.
fn run(
    journal: &Journal,
    config: &Config,
    password: String,
    (now, zone): (DateTime<FixedOffset>, Zone),
    events: &Sender<Event>,
) {
    let (from, to) = crate::export::feed::fortnight(now.with_timezone(&zone).date_naive());
    let progress = |line: &str| {
        let _ = events.send(Event::Sync(SyncNews::Progress(line.to_string())));
    };
    let request = Request {
        journal,
        config,
        now,
        window: (from, to, zone),
        password,
        keep: None,
        progress: &progress,
    };
    let done = crate::sync::sync(&request)
        .map(|outcome| crate::sync::told(&outcome))
        .map_err(|e| e.to_string());
    let _ = events.send(Event::Sync(SyncNews::Done(done)));
}
