//! An import written onto a day: the one rule by which an export's items become sessions, where
//! a rep's correction wins over a re-import. Applied as [`DayEdit::Import`](super::plan::DayEdit),
//! like every other change to a day.

use super::{Category, Day, Session, SessionKind};
use chrono::{DateTime, FixedOffset, NaiveDate};
use std::collections::BTreeSet;

/// One exported item (or its part on this day) as the import review accepted it.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedSession {
    /// Stable id: `ics:UID` (plus `/RECURRENCE-ID`, `#DATE` for a day's part) or `crm:KEY`.
    pub source: String,
    pub start: DateTime<FixedOffset>,
    pub end: DateTime<FixedOffset>,
    pub title: String,
    pub account: Option<String>,
    pub category: Category,
    /// The rep set this category in the review: it replaces the one an earlier import wrote
    /// (otherwise a session keeps its category, which the rep may have changed by hand).
    pub chosen: bool,
}

/// What an import writes onto one day: the items that lie on it, and every source the import
/// speaks for (a session of one of those no longer in the export goes).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ImportEdit {
    pub sessions: Vec<ImportedSession>,
    pub ours: BTreeSet<String>,
}

/// The source of the item a session's part belongs to: `crm:7#2026-11-21` → `crm:7`.
pub fn base_source(source: &str) -> &str {
    match source.rsplit_once('#') {
        Some((base, date)) if date.parse::<NaiveDate>().is_ok() && date.len() == 10 => base,
        _ => source,
    }
}

/// How one day changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Change {
    pub added: usize,
    pub updated: usize,
    pub removed: usize,
    pub unchanged: usize,
    /// Items whose sessions the rep corrected or deleted: left as the rep left them.
    pub corrected: usize,
}

impl Change {
    /// "6 added, 0 updated, 0 removed, 0 unchanged"
    pub fn summary(&self) -> String {
        let by_you = match self.corrected {
            0 => String::new(),
            n => format!(", {n} corrected by you (left as you left them)"),
        };
        format!(
            "{} added, {} updated, {} removed, {} unchanged{by_you}",
            self.added, self.updated, self.removed, self.unchanged
        )
    }

    pub fn add(&mut self, other: Change) {
        self.added += other.added;
        self.updated += other.updated;
        self.removed += other.removed;
        self.unchanged += other.unchanged;
        self.corrected += other.corrected;
    }
}

/// Applies an import to one day. `edit.sessions` are the items (or parts) that lie on this day;
/// `edit.ours` every item source the import speaks for. Sessions whose source is not one of those (or a part
/// of one) are never touched. An existing session keeps its id and category (the rep may have
/// re-sorted it; a category chosen in the review replaces it) and takes the new times, title and
/// account.
pub fn merge(day: &mut Day, edit: &ImportEdit) -> Change {
    let (wanted, ours) = (&edit.sessions, &edit.ours);
    let mut change = Change::default();
    let here: BTreeSet<&str> = wanted.iter().map(|a| a.source.as_str()).collect();
    let corrected = day.corrected.clone();
    let by_rep = |src: &str| corrected.iter().any(|c| c == src);
    let before = day.sessions.len();
    day.sessions.retain(|s| {
        let src = s.source.as_deref().unwrap_or("");
        by_rep(src) || !ours.contains(base_source(src)) || here.contains(src)
    });
    change.removed = before - day.sessions.len();
    for a in wanted {
        // A correction wins over a re-import: the rep's version stays, a deleted one stays gone.
        if by_rep(&a.source) {
            change.corrected += 1;
            continue;
        }
        let existing = day
            .sessions
            .iter_mut()
            .find(|s| s.source.as_deref() == Some(a.source.as_str()));
        match existing {
            Some(s) if same(s, a) => change.unchanged += 1,
            Some(s) => {
                refresh(s, a);
                change.updated += 1;
            }
            None => {
                let id = day.next_id("s");
                day.sessions.push(new_session(id, a));
                change.added += 1;
            }
        }
    }
    change
}

fn same(s: &Session, a: &ImportedSession) -> bool {
    (!a.chosen || s.category == a.category)
        && s.start == a.start
        && s.end == Some(a.end)
        && s.title.as_deref() == Some(a.title.as_str())
        && s.account == a.account
}

fn refresh(s: &mut Session, a: &ImportedSession) {
    if a.chosen {
        s.category = a.category;
    }
    s.start = a.start;
    s.end = Some(a.end);
    s.title = Some(a.title.clone());
    s.account = a.account.clone();
}

fn new_session(id: String, a: &ImportedSession) -> Session {
    Session {
        id,
        start: a.start,
        end: Some(a.end),
        category: a.category,
        kind: SessionKind::Imported,
        title: Some(a.title.clone()),
        block: None,
        account: a.account.clone(),
        note: None,
        source: Some(a.source.clone()),
    }
}
