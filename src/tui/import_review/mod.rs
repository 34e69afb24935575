//! The import review: every item an import proposes, with its category, before anything is
//! written. One key sets an item's category, `a` accepts, `q` abandons.

mod help;
mod run;
mod search;
mod view;

pub use run::{Ended, run};

use crate::config::Config;
use crate::domain::Category;
use crate::domain::Day;
use crate::domain::check::Capacity;
use crate::domain::report::Figures;
use crate::figures::capacity;
use crate::import::job::Prepared;
use crate::import::preview::{Origin, Proposal, baseline_after, plan};
use crate::import::{Plan, Window};
use chrono::{DateTime, FixedOffset, NaiveDate};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use std::cell::Cell;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// How the review ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Accept,
    Abandon,
}

/// Everything the review shows and changes; the journal is only read (by the caller) and written
/// after [`Outcome::Accept`].
pub struct ImportReview {
    /// The export's file name, for the title.
    pub file: String,
    pub window: Window,
    pub proposals: Vec<Proposal>,
    pub selected: usize,
    /// The first row in view, kept between frames so the selection stays in view.
    pub offset: Cell<usize>,
    /// `q` was pressed after the rep made choices: the next `q` abandons them.
    pub confirm_abandon: bool,
    /// `/`: finding an item by its title.
    pub search: search::Search,
    /// Each choice's earlier state, newest last, for `u`.
    undo: Vec<Undo>,
    /// What the export's reading found besides the items (encoding, skipped, unreadable rows).
    pub notes: Vec<String>,
    /// The period's figures once the current choices are written.
    pub baseline: Figures,
    /// Why the last `a` could not write everything; the review stays open to try again.
    pub failure: Option<String>,
    /// `?`: every key is listed over the review.
    pub help: bool,
    /// A category was pressed on an item the rep corrected in the journal, which stays as it is.
    pub kept_corrected: bool,
    /// Each account's tier from a CRM export's tier column, set on accept where the rep has none.
    pub tiers: BTreeMap<String, String>,
    gone: BTreeSet<String>,
    days: BTreeMap<NaiveDate, Day>,
    capacity: Capacity,
    journal_first: Option<NaiveDate>,
    now: DateTime<FixedOffset>,
}

/// The categories and origins of every item before one choice, and where it was made.
struct Undo {
    selected: usize,
    was: Vec<(Option<Category>, Origin)>,
}

/// What the review needs besides the proposals: the period as it is on disk, how to count it,
/// and what the export's reading noted.
pub struct Period {
    pub window: Window,
    pub days: BTreeMap<NaiveDate, Day>,
    pub gone: BTreeSet<String>,
    pub capacity: Capacity,
    /// The journal's first day before the import: where counting starts (figures::counting_from).
    pub journal_first: Option<NaiveDate>,
    pub now: DateTime<FixedOffset>,
    pub notes: Vec<String>,
}

impl ImportReview {
    /// The review of a prepared import of `file` (in the terminal or the dashboard).
    pub fn of(
        prepared: &Prepared,
        file: &Path,
        config: &Config,
        now: DateTime<FixedOffset>,
    ) -> ImportReview {
        let period = Period {
            window: prepared.window,
            days: prepared.days.clone(),
            gone: prepared.parsed.gone.clone(),
            capacity: capacity(config),
            journal_first: prepared.journal_first,
            now,
            notes: prepared.parsed.notes(),
        };
        let name = file.file_name().map_or_else(
            || file.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let mut review = ImportReview::new(name, prepared.proposals.clone(), period);
        review.tiers = prepared.parsed.tiers.clone();
        review
    }

    pub fn new(file: String, proposals: Vec<Proposal>, period: Period) -> ImportReview {
        let mut review = ImportReview {
            file,
            window: period.window,
            proposals,
            selected: 0,
            offset: Cell::new(0),
            confirm_abandon: false,
            search: search::Search::default(),
            notes: period.notes,
            undo: vec![],
            baseline: Figures::default(),
            failure: None,
            help: false,
            kept_corrected: false,
            tiers: BTreeMap::new(),
            gone: period.gone,
            days: period.days,
            capacity: period.capacity,
            journal_first: period.journal_first,
            now: period.now,
        };
        review.refresh_baseline();
        review
    }

    /// Items no rule, earlier import or choice has given a category: they will be left out.
    pub fn unsorted(&self) -> usize {
        self.proposals.iter().filter(|p| p.unsorted()).count()
    }

    /// Items whose category the rep set (or that the rep left out) here.
    pub fn chosen(&self) -> usize {
        self.proposals.iter().filter(|p| p.chosen()).count()
    }

    /// Handles one key; `Some` when the review is over. While "abandon?" is asked, only `q` (or
    /// Esc, Ctrl-C) abandons; any other key just keeps the review.
    pub fn handle_key(&mut self, key: KeyEvent) -> Option<Outcome> {
        if key.kind == KeyEventKind::Release {
            return None;
        }
        self.search.missed = false;
        self.kept_corrected = false;
        if self.help {
            // Closing the help with q or Esc must not abandon the review.
            self.help = false;
            return None;
        }
        if self.search.typing.is_some() {
            self.search_key(key);
            return None;
        }
        let abandoning = std::mem::take(&mut self.confirm_abandon);
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let quit = matches!(key.code, KeyCode::Char('q') | KeyCode::Esc)
            || (ctrl && key.code == KeyCode::Char('c'));
        if quit {
            if abandoning || self.chosen() == 0 {
                return Some(Outcome::Abandon);
            }
            self.confirm_abandon = true;
            return None;
        }
        if abandoning || ctrl {
            return None;
        }
        if key.code == KeyCode::Char('a') {
            return Some(Outcome::Accept);
        }
        self.handle_edit_or_move(key.code);
        None
    }

    fn handle_edit_or_move(&mut self, code: KeyCode) {
        match code {
            KeyCode::Down | KeyCode::Char('j') => self.select(self.selected as i64 + 1),
            KeyCode::Up | KeyCode::Char('k') => self.select(self.selected as i64 - 1),
            KeyCode::PageDown => self.select(self.selected as i64 + 10),
            KeyCode::PageUp => self.select(self.selected as i64 - 10),
            KeyCode::Home | KeyCode::Char('g') => self.select(0),
            KeyCode::End | KeyCode::Char('G') => self.select(i64::MAX),
            KeyCode::Tab => self.next_unsorted(),
            KeyCode::Char('u') => self.undo(),
            KeyCode::Char('/') => self.search.typing = Some(String::new()),
            KeyCode::Char('?') => self.help = true,
            KeyCode::Char('n') => self.find_next(),
            KeyCode::Char(c) => {
                if let Some((category, same_title)) = category_key(c) {
                    self.set(category, same_title);
                }
            }
            _ => {}
        }
    }

    fn select(&mut self, row: i64) {
        let last = self.proposals.len().saturating_sub(1) as i64;
        self.selected = row.clamp(0, last) as usize;
    }

    /// Moves to the next item nothing has given a category, wrapping around.
    fn next_unsorted(&mut self) {
        let n = self.proposals.len();
        if let Some(row) = (1..=n)
            .map(|step| (self.selected + step) % n)
            .find(|&row| self.proposals[row].unsorted())
        {
            self.selected = row;
        }
    }

    /// Sets the selected item's category (`None`: leave it out), or that of every item with the
    /// same title (a recurring meeting), then moves on to the next item.
    fn set(&mut self, category: Option<Category>, same_title: bool) {
        if self
            .proposals
            .get(self.selected)
            .is_some_and(|p| p.origin == Origin::Corrected)
        {
            self.kept_corrected = true;
            return;
        }
        let Some(title) = self
            .proposals
            .get(self.selected)
            .map(|p| p.item.title.clone())
        else {
            return;
        };
        self.undo.push(Undo {
            selected: self.selected,
            was: self
                .proposals
                .iter()
                .map(|p| (p.category, p.origin.clone()))
                .collect(),
        });
        for (row, p) in self.proposals.iter_mut().enumerate() {
            if p.origin == Origin::Corrected {
                continue;
            }
            if row == self.selected || (same_title && p.item.title == title) {
                p.category = category;
                p.origin = Origin::Chosen;
            }
        }
        self.refresh_baseline();
        self.select(self.selected as i64 + 1);
    }

    /// Takes back the last choice (one key, or every item of a title), back to where it was made.
    fn undo(&mut self) {
        let Some(undo) = self.undo.pop() else { return };
        for (p, (category, origin)) in self.proposals.iter_mut().zip(undo.was) {
            p.category = category;
            p.origin = origin;
        }
        self.selected = undo.selected;
        self.refresh_baseline();
    }

    /// What writing the current choices does to the journal, day by day.
    pub fn plan(&self) -> Plan {
        plan(&self.proposals, &self.gone, &self.window, &self.days)
    }

    fn refresh_baseline(&mut self) {
        self.baseline = baseline_after(
            &self.proposals,
            &self.gone,
            &self.days,
            &self.window,
            (&self.capacity, self.journal_first),
            self.now,
        );
    }
}

/// `p`/`r`/`o`/`x` (or `1`/`2`/`3`/`0`) set one item; the capitals set every item of that title.
fn category_key(c: char) -> Option<(Option<Category>, bool)> {
    let category = match c.to_ascii_lowercase() {
        'p' | '1' => Some(Category::Proactive),
        'r' | '2' => Some(Category::Reactive),
        'o' | '3' => Some(Category::Other),
        'x' | '0' => None,
        _ => return None,
    };
    Some((category, c.is_ascii_uppercase()))
}

#[cfg(test)]
mod tests;
