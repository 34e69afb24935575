//! The import review: every item an import proposes, with its category, before anything is
//! written. One key sets an item's category, `a` accepts, `q` abandons.

pub mod apply;
mod run;
mod view;

pub use run::run;

use crate::domain::Category;
use crate::domain::Day;
use crate::domain::check::Capacity;
use crate::domain::report::Figures;
use crate::import::preview::{Proposal, accepted, baseline_after};
use crate::import::{Plan, Window};
use chrono::{DateTime, FixedOffset, NaiveDate};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use std::cell::Cell;
use std::collections::{BTreeMap, BTreeSet};

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
    /// What the export's reading found besides the items (encoding, skipped, unreadable rows).
    pub notes: Vec<String>,
    /// The period's figures once the current choices are written.
    pub baseline: Figures,
    gone: BTreeSet<String>,
    days: BTreeMap<NaiveDate, Day>,
    capacity: Capacity,
    now: DateTime<FixedOffset>,
}

/// What the review needs besides the proposals: the period as it is on disk and how to count it.
pub struct Period {
    pub window: Window,
    pub days: BTreeMap<NaiveDate, Day>,
    pub gone: BTreeSet<String>,
    pub capacity: Capacity,
    pub now: DateTime<FixedOffset>,
}

impl ImportReview {
    pub fn new(file: String, proposals: Vec<Proposal>, period: Period) -> ImportReview {
        let mut review = ImportReview {
            file,
            window: period.window,
            proposals,
            selected: 0,
            offset: Cell::new(0),
            confirm_abandon: false,
            notes: vec![],
            baseline: Figures::default(),
            gone: period.gone,
            days: period.days,
            capacity: period.capacity,
            now: period.now,
        };
        review.refresh_baseline();
        review
    }

    /// Items no rule, earlier import or choice has given a category: they will be left out.
    pub fn left_out(&self) -> usize {
        self.proposals
            .iter()
            .filter(|p| p.category.is_none())
            .count()
    }

    /// Items whose category the rep set by hand.
    pub fn chosen(&self) -> usize {
        self.proposals.iter().filter(|p| p.chosen).count()
    }

    /// Handles one key; `Some` when the review is over.
    pub fn handle_key(&mut self, key: KeyEvent) -> Option<Outcome> {
        if key.kind == KeyEventKind::Release {
            return None;
        }
        let abandoning = std::mem::take(&mut self.confirm_abandon);
        if key.modifiers.contains(KeyModifiers::CONTROL) {
            return (key.code == KeyCode::Char('c')).then_some(Outcome::Abandon);
        }
        match key.code {
            KeyCode::Char('q') | KeyCode::Esc => {
                if abandoning || self.chosen() == 0 {
                    return Some(Outcome::Abandon);
                }
                self.confirm_abandon = true;
            }
            KeyCode::Char('a') => return Some(Outcome::Accept),
            code => self.handle_edit_or_move(code),
        }
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
            KeyCode::Tab | KeyCode::Char('u') => self.next_left_out(),
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

    /// Moves to the next item that would be left out, wrapping around.
    fn next_left_out(&mut self) {
        let n = self.proposals.len();
        if let Some(row) = (1..=n)
            .map(|step| (self.selected + step) % n)
            .find(|&row| self.proposals[row].category.is_none())
        {
            self.selected = row;
        }
    }

    /// Sets the selected item's category (`None`: leave it out), or that of every item with the
    /// same title (a recurring meeting), then moves on to the next item.
    fn set(&mut self, category: Option<Category>, same_title: bool) {
        let Some(title) = self
            .proposals
            .get(self.selected)
            .map(|p| p.item.title.clone())
        else {
            return;
        };
        for (row, p) in self.proposals.iter_mut().enumerate() {
            if row == self.selected || (same_title && p.item.title == title) {
                p.category = category;
                p.chosen = true;
            }
        }
        self.refresh_baseline();
        self.select(self.selected as i64 + 1);
    }

    /// What writing the current choices does to the journal, day by day.
    pub fn plan(&self) -> Plan {
        Plan::new(
            &accepted(&self.proposals),
            &self.gone,
            &self.window,
            &self.days,
        )
    }

    fn refresh_baseline(&mut self) {
        self.baseline = baseline_after(
            &self.proposals,
            &self.gone,
            &self.days,
            &self.window,
            &self.capacity,
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
