//! `protime sessions`, `edit`, `split`, `join` and `delete`: correcting tracked time from a
//! script, through the same domain edits (and the same refusals) as the dashboard.

use super::{EXIT_JOURNAL, EXIT_OK, EXIT_REFUSED, fail, parse_date};
use crate::cli::{SessionChanges, SessionDay};
use crate::clock::Zone;
use crate::domain::correct;
use crate::domain::plan::DayEdit;
use crate::domain::span::local_instant;
use crate::domain::timefmt::{format_minutes, parse_hhmm};
use crate::domain::{Category, Session};
use crate::journal::{Journal, JournalError};
use chrono::{DateTime, FixedOffset, NaiveDate};
use serde_json::json;
use std::process::ExitCode;

/// What a correcting verb asks for.
pub enum Correction {
    List,
    Edit(String, SessionChanges),
    Split(String, String),
    Join(String, String),
    Delete(String),
}

pub fn run(
    journal: &Journal,
    (now, zone): (DateTime<FixedOffset>, &Zone),
    correction: Correction,
    day: &SessionDay,
    (json, quiet): (bool, bool),
) -> ExitCode {
    let date = match day.date.as_deref().map_or(Ok(now.date_naive()), parse_date) {
        Ok(date) => date,
        Err(message) => return fail(EXIT_REFUSED, message),
    };
    let at = |text: &str| parse_hhmm(text).map(|t| local_instant(zone, date, t));
    let edit = match correction {
        Correction::List => return list(journal, date, json),
        Correction::Edit(id, changes) => match journal.load(date) {
            Ok(day) => edited(&day, &id, &changes, &at, now),
            Err(e) => return fail(EXIT_JOURNAL, e),
        },
        Correction::Split(id, time) => at(&time)
            .and_then(|at| not_ahead(at, now).map(|()| at))
            .map(|at| DayEdit::SplitSession {
                id,
                at,
                new_id: None,
            }),
        Correction::Join(first, second) => Ok(DayEdit::JoinSessions { first, second }),
        Correction::Delete(id) => Ok(DayEdit::RemoveSession(id)),
    };
    let result = edit
        .map_err(JournalError::Refused)
        .and_then(|edit| journal.update(date, |d| edit.apply(d).map(|_| d.clone())));
    match result {
        Ok(_) if quiet => ExitCode::from(EXIT_OK),
        Ok(_) => list(journal, date, json),
        Err(JournalError::Refused(reason)) => fail(EXIT_REFUSED, reason),
        Err(e) => fail(EXIT_JOURNAL, e),
    }
}

fn not_ahead(at: DateTime<FixedOffset>, now: DateTime<FixedOffset>) -> Result<(), String> {
    if at > now {
        return Err(format!(
            "{} has not come yet: correct time that has passed",
            at.format("%H:%M")
        ));
    }
    Ok(())
}

/// The session `id` as the changes would make it, checked (no end before its start, nothing in
/// the future, at most a day), as an edit of only the fields given.
fn edited(
    day: &crate::domain::Day,
    id: &str,
    changes: &SessionChanges,
    at: &dyn Fn(&str) -> Result<DateTime<FixedOffset>, String>,
    now: DateTime<FixedOffset>,
) -> Result<DayEdit, String> {
    let date = day.date;
    if changes.is_empty() {
        return Err(
            "nothing to change: give --start, --end, --category, --account, --note or --block \
             (see `protime edit --help`)"
                .into(),
        );
    }
    let before = day
        .sessions
        .iter()
        .find(|s| s.id == id)
        .cloned()
        .ok_or_else(|| format!("there is no session {id} on {date}: see `protime sessions`"))?;
    let mut after = before.clone();
    if let Some(start) = &changes.start {
        after.start = at(start)?;
    }
    if let Some(end) = &changes.end {
        after.end = Some(at(end)?);
    }
    if let Some(category) = &changes.category {
        after.category = category.parse::<Category>().map_err(|e| e.to_string())?;
    }
    let text = |value: &Option<String>, old: &Option<String>| match value {
        Some(v) if v.trim().is_empty() => None,
        Some(v) => Some(v.trim().to_string()),
        None => old.clone(),
    };
    after.account = text(&changes.account, &before.account);
    after.note = text(&changes.note, &before.note);
    after.block = text(&changes.block, &before.block);
    if let Some(block) = after
        .block
        .as_deref()
        .filter(|b| Some(*b) != before.block.as_deref())
    {
        day.blocks.iter().find(|b| b.id == block).ok_or_else(|| {
            format!("there is no block {block} on {date}: see `protime plan show`")
        })?;
    }
    correct::check(&after, now)?;
    Ok(DayEdit::ReplaceSession {
        before: Box::new(before),
        after: Box::new(after),
    })
}

/// The day's sessions, one a line (or as JSON), with their ids.
fn list(journal: &Journal, date: NaiveDate, json: bool) -> ExitCode {
    let day = match journal.load(date) {
        Ok(day) => day,
        Err(e) => return fail(EXIT_JOURNAL, e),
    };
    if json {
        let doc = json!({ "date": date.to_string(), "sessions": day.sessions });
        crate::say_json!("{doc:#}");
        return ExitCode::from(EXIT_OK);
    }
    if day.sessions.is_empty() {
        crate::say!("{date}: no tracked sessions");
    }
    for s in &day.sessions {
        crate::say!("{}", line(s));
    }
    ExitCode::from(EXIT_OK)
}

/// `s3  09:20–10:00  0h40  PRO focus  Prospecting · ACME · "called back" [b1]`
fn line(s: &Session) -> String {
    let end = s
        .end
        .map_or("running".to_string(), |e| e.format("%H:%M").to_string());
    let length = s.end.map_or(String::new(), |e| {
        format_minutes((e - s.start).num_minutes())
    });
    let mut text = format!(
        "{:<4} {}–{end:<7} {length:>5}  {} {}",
        s.id,
        s.start.format("%H:%M"),
        s.category.tag(),
        s.kind
    );
    let details = correct::details(s);
    if !details.is_empty() {
        text.push_str(&format!("  {details}"));
    }
    text
}
