//! What an import proposes before anything is written: each item with the category it would get
//! and why, the rep's own choices on top, and the baseline the period would show.

use super::rules::{Rule, Verdict, categorise};
use super::{Accepted, Item, Parsed, Plan, Window};
use crate::domain::check::Capacity;
use crate::domain::report::{Figures, day_figures, total};
use crate::domain::{Category, Day};
use chrono::{DateTime, FixedOffset, NaiveDate};
use std::collections::{BTreeMap, BTreeSet};

/// One item of the preview: the category it gets (if any), and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Proposal {
    pub item: Item,
    /// The rule that matched, if one did.
    pub verdict: Option<Verdict>,
    /// The category it will be written with; `None` leaves it out.
    pub category: Option<Category>,
    /// The rep set the category by hand (in the review).
    pub chosen: bool,
}

impl Proposal {
    /// Why the item has its category: the rule's word, "kept" from an earlier import, "yours"
    /// when set in the review.
    pub fn reason(&self) -> String {
        match (&self.verdict, self.category) {
            (_, Some(_)) if self.chosen => "yours".into(),
            (Some(v), Some(c)) if v.category == c => v.word.clone(),
            (_, Some(_)) => "kept".into(),
            (_, None) => String::new(),
        }
    }
}

/// Each item's category: the rule's verdict, else the category it already has in the journal
/// (sorted on an earlier import), else `fallback`. Sorted by start time.
pub fn propose(
    parsed: &Parsed,
    rules: &[Rule],
    days: &BTreeMap<NaiveDate, Day>,
    fallback: Option<Category>,
) -> Vec<Proposal> {
    let known: BTreeMap<&str, Category> = days
        .values()
        .flat_map(|d| &d.sessions)
        .filter_map(|s| Some((s.source.as_deref()?, s.category)))
        .collect();
    let mut proposals: Vec<Proposal> = parsed
        .items
        .iter()
        .map(|item| {
            let verdict = categorise(item, rules);
            let category = verdict
                .as_ref()
                .map(|v| v.category)
                .or_else(|| known.get(item.source.as_str()).copied())
                .or(fallback);
            Proposal {
                item: item.clone(),
                verdict,
                category,
                chosen: false,
            }
        })
        .collect();
    proposals.sort_by(|a, b| {
        a.item
            .start
            .cmp(&b.item.start)
            .then(a.item.source.cmp(&b.item.source))
    });
    proposals
}

/// The accepted items (those with a category): items left out are not written, and their
/// sessions from an earlier import stay as they are.
pub fn accepted(proposals: &[Proposal]) -> Vec<Accepted> {
    proposals
        .iter()
        .filter_map(|p| {
            Some(Accepted {
                item: p.item.clone(),
                category: p.category?,
            })
        })
        .collect()
}

/// Tracked minutes per category over the period; overlapping sessions count once (as in reports).
pub fn baseline(
    days: &BTreeMap<NaiveDate, Day>,
    window: &Window,
    capacity: &Capacity,
    now: DateTime<FixedOffset>,
) -> Figures {
    let per_day: Vec<(NaiveDate, Figures)> = window
        .from
        .iter_days()
        .take_while(|d| *d <= window.to)
        .map(|d| (d, day_figures(d, days.get(&d), capacity, &window.zone, now)))
        .collect();
    total(&per_day)
}

/// The baseline the period would show once `proposals` are written over `days`.
pub fn baseline_after(
    proposals: &[Proposal],
    gone: &BTreeSet<String>,
    days: &BTreeMap<NaiveDate, Day>,
    window: &Window,
    capacity: &Capacity,
    now: DateTime<FixedOffset>,
) -> Figures {
    let plan = Plan::new(&accepted(proposals), gone, window, days);
    let mut after = days.clone();
    plan.apply(&mut after);
    baseline(&after, window, capacity, now)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn proposal(verdict: Option<Category>, category: Option<Category>, chosen: bool) -> Proposal {
        Proposal {
            item: crate::import::test_item("ics:1", "2026-11-23T09:00:00+01:00", 30, "Demo"),
            verdict: verdict.map(|category| Verdict {
                category,
                rule: 0,
                word: "demo".into(),
            }),
            category,
            chosen,
        }
    }

    #[test]
    fn the_reason_names_the_rule_an_earlier_import_or_the_rep() {
        let pro = Some(Category::Proactive);
        assert_eq!(proposal(pro, pro, false).reason(), "demo");
        assert_eq!(proposal(None, pro, false).reason(), "kept");
        assert_eq!(proposal(pro, Some(Category::Other), true).reason(), "yours");
        assert_eq!(proposal(pro, None, true).reason(), "");
    }

    #[test]
    fn only_items_with_a_category_are_accepted() {
        let pro = Some(Category::Proactive);
        let all = [proposal(pro, pro, false), proposal(None, None, false)];
        let accepted = accepted(&all);
        assert_eq!(accepted.len(), 1);
        assert_eq!(accepted[0].category, Category::Proactive);
    }
}
