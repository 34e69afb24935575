//! Bringing time in from calendar (.ics) and CRM (.csv) exports.
//!
//! Reading and categorising are pure: [`ics::parse`] and [`crm::parse`] turn text into [`Item`]s,
//! [`rules::categorise`] suggests a category, and [`merge`] applies the items to one [`Day`]. Only
//! [`job`] reads files and writes the journal.

pub mod crm;
pub mod ics;
pub mod input;
pub mod job;
pub mod meetings;
pub(crate) mod named_zone;
pub mod own;
pub mod plan_job;
pub mod preview;
pub(crate) mod recur;
pub mod rules;
pub mod vtimezone;

use crate::clock::Zone;
pub use crate::domain::imported::{Change, base_source};
use crate::domain::imported::{ImportEdit, ImportedSession};
use crate::domain::plan::DayEdit;
use crate::domain::{Category, Day};
use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};

/// A part of an item a rule can look at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Field {
    Title,
    Description,
    Location,
    #[serde(alias = "organiser")]
    Organizer,
    Attendees,
    Categories,
    /// The CRM activity type.
    Type,
    Account,
}

impl Field {
    pub const ALL: [Field; 8] = [
        Field::Title,
        Field::Description,
        Field::Location,
        Field::Organizer,
        Field::Attendees,
        Field::Categories,
        Field::Type,
        Field::Account,
    ];
}

/// One event or activity with a duration, ready to become an imported session.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// Stable id: `ics:UID` (plus `/RECURRENCE-ID` for one occurrence) or `crm:KEY`.
    pub source: String,
    pub start: DateTime<FixedOffset>,
    pub end: DateTime<FixedOffset>,
    pub title: String,
    pub account: Option<String>,
    /// Description, location, organiser, attendees, categories, type.
    pub fields: BTreeMap<Field, String>,
    /// What protime itself wrote into an event it exported (`X-PROTIME-…`), if it did.
    pub written: Option<Written>,
}

/// A block's own fields as protime exported them, read back so that a plan exported and
/// imported into another journal gives the same blocks.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Written {
    pub category: Option<Category>,
    pub kind: crate::domain::BlockKind,
    pub objective: Option<String>,
}

impl Item {
    /// Removes what a terminal would obey from the title, account and fields (the sanitiser's
    /// storage rule), so the journal never holds it. True when something was removed.
    fn drop_unsafe_characters(&mut self) -> bool {
        let clean = |text: &mut String| match crate::sanitize::for_storage(text) {
            std::borrow::Cow::Borrowed(_) => false,
            std::borrow::Cow::Owned(c) => {
                *text = c;
                true
            }
        };
        let mut changed = clean(&mut self.title);
        for text in self.account.iter_mut().chain(objective(&mut self.written)) {
            changed |= clean(text);
        }
        for value in self.fields.values_mut() {
            changed |= clean(value);
        }
        changed
    }

    /// Cuts a title or account longer than [`MAX_TITLE`] and any other field longer than
    /// [`MAX_FIELD`] characters. True when something was cut.
    fn cut_long_text(&mut self) -> bool {
        let mut changed = cut_text(&mut self.title, MAX_TITLE);
        for text in self.account.iter_mut().chain(objective(&mut self.written)) {
            changed |= cut_text(text, MAX_TITLE);
        }
        for value in self.fields.values_mut() {
            changed |= cut_text(value, MAX_FIELD);
        }
        changed
    }

    /// The text of one field ("" when the item has none).
    pub fn field(&self, field: Field) -> String {
        match field {
            Field::Title => self.title.clone(),
            Field::Account => self.account.clone().unwrap_or_default(),
            f => self.fields.get(&f).cloned().unwrap_or_default(),
        }
    }

    pub fn minutes(&self) -> i64 {
        (self.end - self.start).num_minutes()
    }

    /// The item cut at each local midnight it crosses, one part per day: figures clip a session
    /// to the day whose file holds it, so a part in the wrong file would not count. The first part
    /// keeps the source; a later one gets `{source}#{its date}`, the same on every import.
    pub fn split_days(&self, window: &Window) -> Vec<Item> {
        let mut parts: Vec<Item> = vec![];
        let mut start = self.start;
        while start < self.end {
            let date = window.local_date(start);
            let midnight = window.midnight_after(date);
            let mut part = self.clone();
            if !parts.is_empty() {
                part.source = format!("{}#{date}", self.source);
            }
            part.start = start;
            part.end = self.end.min(midnight);
            if part.end <= start {
                break; // cannot happen with a real zone; never loop forever
            }
            start = part.end;
            parts.push(part);
        }
        if parts.is_empty() {
            parts.push(self.clone());
        }
        parts
    }
}

/// The objective protime wrote into an event, to clean like the title.
fn objective(written: &mut Option<Written>) -> Option<&mut String> {
    written.as_mut()?.objective.as_mut()
}

/// What a reader found in an export.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Parsed {
    /// Items inside the period.
    pub items: Vec<Item>,
    /// Sources the export says are gone (cancelled occurrences): their sessions are removed.
    pub gone: BTreeSet<String>,
    /// Items left out, counted by reason ("all-day", "free", "cancelled", "declined", "outside the period", …).
    pub skipped: BTreeMap<String, usize>,
    /// Rows or events that could not be read, each with its line number.
    pub problems: Vec<String>,
    /// The encoding the file was read in ("UTF-8", "windows-1252", …; set by the caller).
    pub encoding: &'static str,
    /// What the rep should know about how the file was read (an assumed encoding).
    pub notices: Vec<String>,
    /// Each account's tier, from a CRM export's tier column (cleaned like an item's account).
    pub tiers: BTreeMap<String, String>,
}

impl Parsed {
    /// "1 all-day, 2 declined", or `None` when nothing was skipped.
    pub fn skipped_summary(&self) -> Option<String> {
        let counts: Vec<String> = self
            .skipped
            .iter()
            .map(|(reason, n)| format!("{n} {reason}"))
            .collect();
        (!counts.is_empty()).then(|| counts.join(", "))
    }

    /// What the rep should know beside the items: the encoding assumed, what was skipped, and
    /// each row or event that could not be read.
    pub fn notes(&self) -> Vec<String> {
        let mut notes: Vec<String> = self.notices.iter().map(|n| format!("Note: {n}.")).collect();
        notes.extend(self.skipped_summary().map(|s| format!("Skipped: {s}")));
        notes.extend(self.problems.iter().map(|p| format!("Not imported: {p}")));
        notes
    }

    /// Leaves out the items that start at or after `now`, counted as "not yet started".
    pub fn skip_from(&mut self, now: DateTime<FixedOffset>) {
        let before = self.items.len();
        self.items.retain(|item| item.start < now);
        for _ in self.items.len()..before {
            self.skip("not yet started");
        }
    }

    /// Takes in what another calendar object of the same calendar held (a CalDAV server keeps
    /// each event in its own).
    pub fn absorb(&mut self, other: Parsed) {
        self.items.extend(other.items);
        self.gone.extend(other.gone);
        for (reason, n) in other.skipped {
            *self.skipped.entry(reason).or_default() += n;
        }
        self.problems.extend(other.problems);
        self.notices.extend(other.notices);
    }

    pub fn skip(&mut self, reason: &str) {
        *self.skipped.entry(reason.to_string()).or_default() += 1;
    }

    /// Writes every time at the rep's offset in force at that time (as the journal's own sessions
    /// are) and keeps one item per source.
    pub fn finish(&mut self, zone: &Zone) {
        let (mut cleaned, mut cut) = (0, 0);
        for item in &mut self.items {
            item.start = item.start.with_timezone(zone).fixed_offset();
            item.end = item.end.with_timezone(zone).fixed_offset();
            cleaned += usize::from(item.drop_unsafe_characters());
            cut += usize::from(item.cut_long_text());
        }
        if cleaned > 0 {
            self.notices.push(format!(
                "{cleaned} item(s) held control or direction-changing characters in their text; \
                 they were removed"
            ));
        }
        if cut > 0 {
            self.notices.push(format!(
                "{cut} item(s) had a title or account cut to {MAX_TITLE} characters or another \
                 field cut to {MAX_FIELD}"
            ));
        }
        self.dedup();
    }

    /// Keeps the last item of each source (a later row or event with the same id wins); the
    /// others are counted as skipped, so none disappears without a word.
    pub fn dedup(&mut self) {
        let mut seen = BTreeSet::new();
        let mut kept: Vec<Item> = vec![];
        let mut repeated = 0;
        for item in self.items.drain(..).rev() {
            if seen.insert(item.source.clone()) {
                kept.push(item);
            } else {
                repeated += 1;
            }
        }
        kept.reverse();
        self.items = kept;
        for _ in 0..repeated {
            self.skip("same id as a later one");
        }
    }
}

/// The days an import covers, inclusive, and the rep's zone: its day boundaries, and where
/// floating times (an .ics time without zone, a CRM date without offset) are read, each at the
/// offset in force on its own date.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Window {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub zone: Zone,
}

impl Window {
    /// The local date an instant falls on.
    pub fn local_date(&self, t: DateTime<FixedOffset>) -> NaiveDate {
        t.with_timezone(&self.zone).date_naive()
    }

    /// The instant the day after `date` begins.
    pub fn midnight_after(&self, date: NaiveDate) -> DateTime<FixedOffset> {
        crate::domain::span::day_bounds(&self.zone, date).end
    }

    /// The days an import may write: the period and the day after it, where an item starting on
    /// its last evening may end.
    pub fn days_written(&self) -> (NaiveDate, NaiveDate) {
        (self.from, self.to.succ_opt().unwrap_or(self.to))
    }

    /// Whether an item from `start` to `end` has time inside the period: it starts in it, or
    /// starts the evening before and runs past the first midnight (only that part is imported).
    pub fn overlaps(&self, start: DateTime<FixedOffset>, end: DateTime<FixedOffset>) -> bool {
        let first = self.local_date(start);
        self.contains(start)
            || (first < self.from
                && end > crate::domain::span::day_bounds(&self.zone, self.from).start)
    }

    pub fn contains(&self, t: DateTime<FixedOffset>) -> bool {
        let d = self.local_date(t);
        self.from <= d && d <= self.to
    }
}

/// An item with the category it will be written with.
#[derive(Debug, Clone, PartialEq)]
pub struct Accepted {
    pub item: Item,
    pub category: Category,
    /// The rep set this category in the review: it replaces the one an earlier import wrote
    /// (otherwise a session keeps its category, which the rep may have changed by hand).
    pub chosen: bool,
}

impl Accepted {
    /// The item as the domain's import rule takes it.
    pub fn imported(&self) -> ImportedSession {
        let item = &self.item;
        ImportedSession {
            source: item.source.clone(),
            start: item.start,
            end: item.end,
            title: item.title.clone(),
            account: item.account.clone(),
            category: self.category,
            chosen: self.chosen,
        }
    }
}

/// The one edit an import makes to a day: `wanted` (the items on it) written, by the rule of
/// [`imported::merge`](crate::domain::imported::merge), for the sources in `ours`.
pub fn day_edit(wanted: &[Accepted], ours: &BTreeSet<String>) -> DayEdit {
    DayEdit::Import(Box::new(ImportEdit {
        sessions: wanted.iter().map(Accepted::imported).collect(),
        ours: ours.clone(),
    }))
}

/// Accepted items cut at midnight, grouped by the local date each part lies on.
pub fn by_day(accepted: &[Accepted], window: &Window) -> BTreeMap<NaiveDate, Vec<Accepted>> {
    let mut days: BTreeMap<NaiveDate, Vec<Accepted>> = BTreeMap::new();
    for a in accepted {
        for part in a.item.split_days(window) {
            let date = window.local_date(part.start);
            if date < window.from {
                // The evening before the period is not the period's: a wider import writes it.
                continue;
            }
            days.entry(date).or_default().push(Accepted {
                item: part,
                category: a.category,
                chosen: a.chosen,
            });
        }
    }
    days
}

/// What an import will do, day by day.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// The accepted items of each day (an empty list: the day only loses sessions).
    pub per_day: BTreeMap<NaiveDate, Vec<Accepted>>,
    /// Every source this import speaks for: its accepted items and what the export says is gone.
    pub ours: BTreeSet<String>,
}

impl Plan {
    /// `days` are the days the import may write ([`Window::days_written`]) as they are now: a day
    /// holding one of our sessions is visited even when no item lies there any more (the event
    /// moved, shrank or was cancelled).
    pub fn new(
        accepted: &[Accepted],
        gone: &BTreeSet<String>,
        window: &Window,
        days: &BTreeMap<NaiveDate, Day>,
    ) -> Plan {
        let mut ours: BTreeSet<String> = accepted.iter().map(|a| a.item.source.clone()).collect();
        ours.extend(gone.iter().cloned());
        let mut per_day = by_day(accepted, window);
        for (date, day) in days {
            let touched = day.sessions.iter().any(|s| {
                s.source
                    .as_deref()
                    .is_some_and(|src| ours.contains(base_source(src)))
            });
            if touched {
                per_day.entry(*date).or_default();
            }
        }
        Plan { per_day, ours }
    }

    /// Applies the plan to days held in memory (the preview; tests).
    pub fn apply(&self, days: &mut BTreeMap<NaiveDate, Day>) -> Change {
        let mut change = Change::default();
        for (date, wanted) in &self.per_day {
            let day = days.entry(*date).or_insert_with(|| Day::new(*date));
            let applied = day_edit(wanted, &self.ours).apply_reporting(day);
            change.add(
                applied
                    .map(|(_, outcome)| outcome.imported)
                    .unwrap_or_default(),
            );
        }
        change
    }
}

/// At most this many items are read from one export: a year of a busy calendar is about 5,000.
pub const MAX_ITEMS: usize = 200_000;

/// Cuts `text` to `max` characters, the last one an ellipsis; true when it was longer.
/// Text from an export as an account name is kept: unsafe characters out, cut to [`MAX_TITLE`].
fn clean(text: &str) -> String {
    let mut text = crate::sanitize::for_storage(text).into_owned();
    cut_text(&mut text, MAX_TITLE);
    text
}

fn cut_text(text: &mut String, max: usize) -> bool {
    match text.char_indices().nth(max.saturating_sub(1)) {
        Some((at, _)) if text[at..].chars().nth(1).is_some() => {
            text.truncate(at);
            text.push('…');
            true
        }
        _ => false,
    }
}

/// Titles and accounts longer than this many characters are cut: they go into the journal and
/// onto one table row, and no real meeting or account name comes near it.
pub const MAX_TITLE: usize = 1000;
/// Other fields (description, attendees, …) are only matched by rules, never stored: this many
/// characters hold any real invitation text.
pub const MAX_FIELD: usize = 10_000;

pub fn too_many() -> String {
    format!("more than {MAX_ITEMS} items in the period: import a shorter period")
}

/// A stable key for text (FNV-1a, 64 bit): the same on every machine and Rust version, unlike
/// std's hasher, so a CSV row without an id column keeps its key across imports.
pub fn stable_hash(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// An item with only a source, a start (RFC 3339), a length and a title: for the unit tests.
#[cfg(test)]
pub(crate) fn test_item(source: &str, start: &str, minutes: i64, title: &str) -> Item {
    let start = DateTime::parse_from_rfc3339(start).unwrap();
    Item {
        source: source.into(),
        start,
        end: start + chrono::Duration::minutes(minutes),
        title: title.into(),
        account: None,
        fields: BTreeMap::new(),
        written: None,
    }
}

#[cfg(test)]
#[path = "merge_test.rs"]
mod tests;
