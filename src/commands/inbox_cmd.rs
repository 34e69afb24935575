//! `protime park` and `protime template`.

use super::{EXIT_JOURNAL, EXIT_OK, EXIT_REFUSED, fail};
use crate::domain::inbox::{Parked, ParkedState};
use crate::domain::plan::DayEdit;
use crate::journal::{Journal, JournalError};
use crate::paths::Paths;
use crate::templates;
use chrono::{DateTime, FixedOffset};
use std::process::ExitCode;

pub fn park(journal: &Journal, now: DateTime<FixedOffset>, text: &str, json: bool) -> ExitCode {
    let item = Parked {
        id: String::new(),
        text: text.trim().to_string(),
        added: now,
        state: ParkedState::Open,
        handled: None,
        slot: None,
        from: None,
    };
    let result = journal.update(now.date_naive(), |day| {
        DayEdit::AddParked(item.clone()).apply(day)?;
        Ok(day.parked.iter().filter(|p| p.state.is_waiting()).count())
    });
    match result {
        Ok(waiting) if json => {
            crate::say!(
                "{}",
                serde_json::json!({ "parked": item.text, "waiting": waiting })
            );
            ExitCode::from(EXIT_OK)
        }
        Ok(waiting) => {
            crate::say!(
                "parked \"{}\" ({waiting} waiting for the next inbox slot)",
                item.text
            );
            ExitCode::from(EXIT_OK)
        }
        Err(JournalError::Refused(reason)) => fail(EXIT_REFUSED, reason),
        Err(e) => fail(EXIT_JOURNAL, e),
    }
}

pub fn list(paths: &Paths) -> ExitCode {
    let dir = templates::dir_for(&paths.config_file);
    match templates::load(&dir) {
        Ok(list) => {
            crate::say!("{}", dir.display());
            for t in list {
                match t.body {
                    Ok(body) => {
                        crate::say!("  {:<24} {}", t.name, body.lines().next().unwrap_or(""))
                    }
                    Err(why) => crate::say!("  {:<24} (unusable: {why})", t.name),
                }
            }
            ExitCode::from(EXIT_OK)
        }
        Err(message) => fail(EXIT_REFUSED, message),
    }
}

pub fn new(paths: &Paths, name: &str) -> ExitCode {
    let dir = templates::dir_for(&paths.config_file);
    let path = match templates::create(&dir, name) {
        Ok(p) => p,
        Err(message) => return fail(EXIT_REFUSED, message),
    };
    match templates::edit(&path) {
        Ok(()) => {
            crate::say!("{}", path.display());
            ExitCode::from(EXIT_OK)
        }
        Err(message) => fail(EXIT_REFUSED, message),
    }
}
