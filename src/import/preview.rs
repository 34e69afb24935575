//! What an import proposes before anything is written: each item with the category it would get
//! and why, the rep's own choices on top, and the baseline the period would show.

use super::rules::{Rule, categorise};
use super::{Accepted, Item, Parsed, Plan, Window};
use crate::domain::check::Capacity;
use crate::domain::report::{Figures, day_figures, total};
use crate::domain::{Category, Day};
use chrono::{DateTime, FixedOffset, NaiveDate};
use std::collections::{BTreeMap, BTreeSet};

/// Where a proposal's category came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A rule matched this word.
    Rule(String),
    /// An earlier import wrote the item's session with this category, and the session keeps it.
    Earlier,
    /// No rule matched; the fallback (`--unmatched`) gave it.
    Fallback,
    /// Nothing gave it one: the item is left out.
    Unmatched,
    /// The rep set it (or left the item out) in the review.
    Chosen,
    /// The rep corrected or deleted its session in the journal: the import leaves it as the rep
    /// left it (the rule of [`crate::domain::imported::merge`]), whatever is chosen here.
    Corrected,
}

/// One item of the preview: the category it will be written with (if any), and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Proposal {
    pub item: Item,
    /// `None` leaves the item out.
    pub category: Option<Category>,
    pub origin: Origin,
}

impl Proposal {
    /// Why the item has its category, in a word for the table.
    pub fn reason(&self) -> &str {
        match (&self.origin, self.category) {
            (Origin::Rule(word), _) => word,
            (Origin::Earlier, _) => "kept",
            (Origin::Fallback, _) => "unmatched",
            (Origin::Unmatched, _) => "",
            (Origin::Chosen, Some(_)) => "yours",
            (Origin::Chosen, None) => "left out",
            (Origin::Corrected, Some(_)) => "you edited",
            (Origin::Corrected, None) => "you deleted",
        }
    }

    /// No rule, earlier import or choice gave it a category.
    pub fn unsorted(&self) -> bool {
        self.origin == Origin::Unmatched
    }

    pub fn chosen(&self) -> bool {
        self.origin == Origin::Chosen
    }

    pub fn rule_word(&self) -> Option<&str> {
        match &self.origin {
            Origin::Rule(word) => Some(word),
            _ => None,
        }
    }
}

/// Each item's category: the one its session already has in the journal (an earlier import wrote
/// it, and merging keeps it), else the first matching rule's, else `fallback`. Sorted by start.
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
    let by_rep: std::collections::BTreeSet<&str> = days
        .values()
        .flat_map(|d| &d.corrected)
        .map(|source| crate::domain::imported::base_source(source))
        .collect();
    let mut proposals: Vec<Proposal> = parsed
        .items
        .iter()
        .map(|item| {
            let source = item.source.as_str();
            let (category, origin) = match (known.get(source), categorise(item, rules)) {
                _ if by_rep.contains(source) => (known.get(source).copied(), Origin::Corrected),
                (Some(c), _) => (Some(*c), Origin::Earlier),
                (None, Some(v)) => (Some(v.category), Origin::Rule(v.word)),
                (None, None) if fallback.is_some() => (fallback, Origin::Fallback),
                (None, None) => (None, Origin::Unmatched),
            };
            Proposal {
                item: item.clone(),
                category,
                origin,
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

/// The accepted items (those with a category). Items no rule matched are not written, and their
/// sessions from an earlier import stay as they are.
pub fn accepted(proposals: &[Proposal]) -> Vec<Accepted> {
    proposals
        .iter()
        .filter_map(|p| {
            // An item whose session the rep deleted goes to the merge too, which leaves it
            // deleted and counts it with the corrections; its category is never written.
            let category = match (p.category, &p.origin) {
                (Some(c), _) => c,
                (None, Origin::Corrected) => Category::Other,
                (None, _) => return None,
            };
            Some(Accepted {
                item: p.item.clone(),
                category,
                chosen: p.chosen(),
            })
        })
        .collect()
}

/// What writing the proposals does, day by day. An item the rep left out in the review is the
/// import's to remove: a session an earlier import wrote for it goes.
pub fn plan(
    proposals: &[Proposal],
    gone: &BTreeSet<String>,
    window: &Window,
    days: &BTreeMap<NaiveDate, Day>,
) -> Plan {
    let mut gone = gone.clone();
    gone.extend(
        proposals
            .iter()
            .filter(|p| p.chosen() && p.category.is_none())
            .map(|p| p.item.source.clone()),
    );
    Plan::new(&accepted(proposals), &gone, window, days)
}

/// Tracked minutes per category over the period; overlapping sessions count once (as in reports).
/// Capacity counts as `report` will count it once the import is written: from the journal's first
/// day (`journal_first`, or the first day of `days` with sessions, if earlier).
pub fn baseline(
    days: &BTreeMap<NaiveDate, Day>,
    window: &Window,
    (capacity, journal_first): (&Capacity, Option<NaiveDate>),
    now: DateTime<FixedOffset>,
) -> Figures {
    let written = days
        .iter()
        .find(|(_, d)| !d.sessions.is_empty())
        .map(|(date, _)| *date);
    let today = window.local_date(now);
    let capacity = &crate::figures::counting_from(capacity.clone(), journal_first, written, today);
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
    capacity: (&Capacity, Option<NaiveDate>),
    now: DateTime<FixedOffset>,
) -> Figures {
    let plan = plan(proposals, gone, window, days);
    let mut after = days.clone();
    plan.apply(&mut after);
    baseline(&after, window, capacity, now)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Session, SessionKind};

    fn proposal(origin: Origin, category: Option<Category>) -> Proposal {
        Proposal {
            item: crate::import::test_item("ics:1", "2026-11-23T09:00:00+01:00", 30, "Demo"),
            category,
            origin,
        }
    }

    #[test]
    fn the_reason_names_the_rule_an_earlier_import_the_fallback_or_the_rep() {
        let pro = Some(Category::Proactive);
        assert_eq!(proposal(Origin::Rule("demo".into()), pro).reason(), "demo");
        assert_eq!(proposal(Origin::Earlier, pro).reason(), "kept");
        assert_eq!(proposal(Origin::Fallback, pro).reason(), "unmatched");
        assert_eq!(proposal(Origin::Chosen, pro).reason(), "yours");
        assert_eq!(proposal(Origin::Chosen, None).reason(), "left out");
        assert_eq!(proposal(Origin::Unmatched, None).reason(), "");
    }

    #[test]
    fn only_items_with_a_category_are_accepted_and_a_choice_is_marked() {
        let pro = Some(Category::Proactive);
        let all = [
            proposal(Origin::Rule("demo".into()), pro),
            proposal(Origin::Unmatched, None),
            proposal(Origin::Chosen, Some(Category::Other)),
        ];
        let accepted = accepted(&all);
        assert_eq!(accepted.len(), 2);
        assert!(!accepted[0].chosen);
        assert!(accepted[1].chosen);
    }

    fn journal_with(category: Category) -> BTreeMap<NaiveDate, Day> {
        let date = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let mut day = Day::new(date);
        let item = crate::import::test_item("ics:1", "2026-11-23T09:00:00+01:00", 30, "Demo");
        day.sessions.push(Session {
            source: Some("ics:1".into()),
            ..crate::domain::test_support::session(
                "s1",
                item.start,
                Some(item.end),
                category,
                SessionKind::Imported,
            )
        });
        BTreeMap::from([(date, day)])
    }

    fn parsed() -> Parsed {
        Parsed {
            items: vec![crate::import::test_item(
                "ics:1",
                "2026-11-23T09:00:00+01:00",
                30,
                "Demo",
            )],
            ..Parsed::default()
        }
    }

    /// QA: an item whose session the rep deleted showed as unsorted, one they re-sorted as "kept".
    #[test]
    fn an_item_the_rep_corrected_or_deleted_is_marked_so_and_not_unsorted() {
        let rules = crate::config::Config::defaults().import.rules;
        let mut days = journal_with(Category::Other);
        days.values_mut()
            .for_each(|d| d.corrected.push("ics:1".into()));
        let corrected = propose(&parsed(), &rules, &days, None);
        assert_eq!(corrected[0].origin, Origin::Corrected);
        assert_eq!(corrected[0].category, Some(Category::Other));
        assert_eq!(corrected[0].reason(), "you edited");
        days.values_mut().for_each(|d| d.sessions.clear());
        let deleted = propose(&parsed(), &rules, &days, None);
        assert_eq!(deleted[0].category, None);
        assert_eq!(deleted[0].reason(), "you deleted");
        assert!(!deleted[0].unsorted());
    }

    #[test]
    fn the_category_an_earlier_import_wrote_comes_before_the_rules() {
        let days = journal_with(Category::Reactive);
        let rules = crate::config::Config::defaults().import.rules;
        let proposals = propose(&parsed(), &rules, &days, None);
        assert_eq!(proposals[0].category, Some(Category::Reactive));
        assert_eq!(proposals[0].origin, Origin::Earlier);
        let fresh = propose(&parsed(), &rules, &BTreeMap::new(), None);
        assert_eq!(fresh[0].origin, Origin::Rule("demo".into()));
    }

    #[test]
    fn an_item_left_out_by_the_rep_loses_its_earlier_session_and_an_unmatched_one_keeps_it() {
        let mut days = journal_with(Category::Reactive);
        let window = Window {
            from: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
            to: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
            zone: crate::clock::Zone::Fixed(chrono::FixedOffset::east_opt(3600).unwrap()),
        };
        let unmatched = [proposal(Origin::Unmatched, None)];
        plan(&unmatched, &BTreeSet::new(), &window, &days).apply(&mut days);
        assert_eq!(days.values().map(|d| d.sessions.len()).sum::<usize>(), 1);
        let left_out = [proposal(Origin::Chosen, None)];
        let change = plan(&left_out, &BTreeSet::new(), &window, &days).apply(&mut days);
        assert_eq!(change.removed, 1);
        assert_eq!(days.values().map(|d| d.sessions.len()).sum::<usize>(), 0);
    }
}
