use super::*;
use crate::domain::{Session, SessionKind};

fn t(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(text).unwrap()
}

fn item(source: &str, start: &str, minutes: i64, title: &str) -> Item {
    test_item(source, start, minutes, title)
}

fn accepted(i: Item, c: Category) -> Accepted {
    Accepted {
        item: i,
        category: c,
        chosen: false,
    }
}

/// An import written onto `d` as the journal writes it: one edit; its inverse must put `d` back.
fn merge(d: &mut Day, wanted: &[Accepted], ours: &BTreeSet<String>) -> Change {
    let before = d.clone();
    let (inverse, outcome) = day_edit(wanted, ours).apply_reporting(d).unwrap();
    let mut undone = d.clone();
    inverse.apply(&mut undone).unwrap();
    assert_eq!(undone, before, "the import's inverse restores the day");
    outcome.imported
}

fn day() -> Day {
    Day::new(NaiveDate::from_ymd_opt(2026, 11, 20).unwrap())
}

fn manual(id: &str) -> Session {
    Session {
        id: id.into(),
        start: t("2026-11-20T09:00:00+01:00"),
        end: Some(t("2026-11-20T09:30:00+01:00")),
        category: Category::Proactive,
        kind: SessionKind::Manual,
        title: Some("calls".into()),
        block: None,
        account: None,
        note: None,
        source: None,
    }
}

fn ours(items: &[&Accepted]) -> BTreeSet<String> {
    items.iter().map(|a| a.item.source.clone()).collect()
}

#[test]
fn adds_then_is_idempotent_and_never_touches_other_sessions() {
    let mut d = day();
    d.sessions.push(manual("s1"));
    let a = accepted(
        item("ics:a", "2026-11-20T10:00:00+01:00", 60, "Demo"),
        Category::Proactive,
    );
    let set = ours(&[&a]);
    let first = merge(&mut d, std::slice::from_ref(&a), &set);
    assert_eq!(first.added, 1);
    assert_eq!(d.sessions[1].id, "s2");
    assert_eq!(d.sessions[1].kind, SessionKind::Imported);
    assert_eq!(d.sessions[1].source.as_deref(), Some("ics:a"));
    let once = d.clone();
    let second = merge(&mut d, std::slice::from_ref(&a), &set);
    assert_eq!(second.unchanged, 1);
    assert_eq!(d, once);
    assert_eq!(d.sessions[0], manual("s1"));
}

#[test]
fn a_changed_item_updates_its_session_and_keeps_the_reps_category() {
    let mut d = day();
    let a = accepted(
        item("crm:7", "2026-11-20T10:00:00+01:00", 60, "Demo"),
        Category::Proactive,
    );
    merge(&mut d, std::slice::from_ref(&a), &ours(&[&a]));
    d.sessions[0].category = Category::Reactive; // the rep re-sorted it
    let moved = accepted(
        item("crm:7", "2026-11-20T11:00:00+01:00", 30, "Demo v2"),
        Category::Proactive,
    );
    let c = merge(&mut d, std::slice::from_ref(&moved), &ours(&[&moved]));
    assert_eq!((c.updated, c.added), (1, 0));
    let s = &d.sessions[0];
    assert_eq!(s.start, t("2026-11-20T11:00:00+01:00"));
    assert_eq!(s.title.as_deref(), Some("Demo v2"));
    assert_eq!(s.category, Category::Reactive);
}

#[test]
fn a_session_whose_item_moved_away_or_is_gone_is_removed() {
    let mut d = day();
    d.sessions.push(manual("s1"));
    let a = accepted(
        item("ics:a", "2026-11-20T10:00:00+01:00", 60, "Demo"),
        Category::Proactive,
    );
    merge(&mut d, std::slice::from_ref(&a), &ours(&[&a]));
    let c = merge(&mut d, &[], &ours(&[&a]));
    assert_eq!(c.removed, 1);
    assert_eq!(d.sessions, vec![manual("s1")]);
}

#[test]
fn stable_hash_is_fixed() {
    assert_eq!(stable_hash(""), "cbf29ce484222325");
    assert_eq!(stable_hash("a"), "af63dc4c8601ec8c");
    assert_ne!(
        stable_hash("2026-11-20|Call|ACME"),
        stable_hash("2026-11-20|Call|Acme")
    );
}

#[test]
fn dedup_keeps_the_last_item_of_a_source() {
    let mut p = Parsed::default();
    p.items
        .push(item("crm:1", "2026-11-20T10:00:00+01:00", 10, "old"));
    p.items
        .push(item("crm:2", "2026-11-20T11:00:00+01:00", 10, "b"));
    p.items
        .push(item("crm:1", "2026-11-20T12:00:00+01:00", 10, "new"));
    p.dedup();
    let titles: Vec<&str> = p.items.iter().map(|i| i.title.as_str()).collect();
    assert_eq!(titles, ["b", "new"]);
}

fn window() -> Window {
    Window {
        from: NaiveDate::from_ymd_opt(2026, 11, 13).unwrap(),
        to: NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(),
        zone: Zone::Fixed(FixedOffset::east_opt(3600).unwrap()),
    }
}

fn spans(parts: &[Item]) -> Vec<(String, String, i64)> {
    parts
        .iter()
        .map(|p| (p.source.clone(), p.start.to_rfc3339(), p.minutes()))
        .collect()
}

#[test]
fn an_item_is_cut_at_each_local_midnight_it_crosses() {
    let late = item(
        "ics:x",
        "2026-11-20T22:00:00+01:00",
        210,
        "Call with Sydney",
    );
    let parts = late.split_days(&window());
    assert_eq!(
        spans(&parts),
        [
            ("ics:x".into(), "2026-11-20T22:00:00+01:00".into(), 120),
            (
                "ics:x#2026-11-21".into(),
                "2026-11-21T00:00:00+01:00".into(),
                90
            ),
        ]
    );
    assert!(parts.iter().all(|p| p.title == "Call with Sydney"));
    // Read in UTC, the same instants still split at the rep's midnight.
    let utc = item("crm:1", "2026-11-20T21:00:00+00:00", 210, "x");
    assert_eq!(utc.split_days(&window())[1].source, "crm:1#2026-11-21");
    let to_midnight = item("crm:2", "2026-11-20T23:00:00+01:00", 60, "x");
    assert_eq!(to_midnight.split_days(&window()), vec![to_midnight.clone()]);
    let day_long = item("crm:3", "2026-11-20T23:30:00+01:00", 24 * 60, "x");
    let minutes: Vec<i64> = day_long
        .split_days(&window())
        .iter()
        .map(Item::minutes)
        .collect();
    assert_eq!(minutes, [30, 1410]);
}

#[test]
fn a_parts_source_leads_back_to_its_item() {
    assert_eq!(base_source("crm:7#2026-11-21"), "crm:7");
    assert_eq!(base_source("crm:7"), "crm:7");
    assert_eq!(base_source("ics:a#b"), "ics:a#b");
    assert_eq!(base_source("ics:a#2026-13-01"), "ics:a#2026-13-01");
}

#[test]
fn each_day_counts_its_own_part_of_a_crossing_item_and_reimport_changes_nothing() {
    let late = accepted(
        item("ics:x", "2026-11-20T22:00:00+01:00", 210, "Demo Sydney"),
        Category::Proactive,
    );
    let mut days = BTreeMap::new();
    let plan = Plan::new(
        std::slice::from_ref(&late),
        &BTreeSet::new(),
        &window(),
        &days,
    );
    assert_eq!(plan.apply(&mut days).added, 2);
    let tracked = |days: &BTreeMap<NaiveDate, Day>, date: &str| {
        let date: NaiveDate = date.parse().unwrap();
        let bounds = crate::domain::span::day_bounds(&window().zone, date);
        let now = t("2026-11-26T12:00:00+01:00");
        crate::domain::span::tracked_minutes(&days[&date].sessions, &bounds, now)
            [&Category::Proactive]
    };
    assert_eq!(tracked(&days, "2026-11-20"), 120);
    assert_eq!(tracked(&days, "2026-11-21"), 90);
    let once = days.clone();
    let again = Plan::new(
        std::slice::from_ref(&late),
        &BTreeSet::new(),
        &window(),
        &days,
    );
    assert_eq!(again.apply(&mut days).unchanged, 2);
    assert_eq!(days, once);
}

#[test]
fn an_item_that_no_longer_crosses_midnight_or_is_gone_takes_its_later_part_along() {
    let late = accepted(
        item("ics:x", "2026-11-20T22:00:00+01:00", 210, "Demo"),
        Category::Proactive,
    );
    let mut days = BTreeMap::new();
    Plan::new(
        std::slice::from_ref(&late),
        &BTreeSet::new(),
        &window(),
        &days,
    )
    .apply(&mut days);
    let mut moved = days.clone();
    let early = accepted(
        item("ics:x", "2026-11-20T20:00:00+01:00", 60, "Demo"),
        Category::Proactive,
    );
    let c = Plan::new(
        std::slice::from_ref(&early),
        &BTreeSet::new(),
        &window(),
        &moved,
    )
    .apply(&mut moved);
    assert_eq!((c.updated, c.removed), (1, 1));
    assert!(
        moved[&NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()]
            .sessions
            .is_empty()
    );
    let gone = BTreeSet::from(["ics:x".to_string()]);
    let c = Plan::new(&[], &gone, &window(), &days).apply(&mut days);
    assert_eq!(c.removed, 2);
    assert!(days.values().all(|d| d.sessions.is_empty()));
}

#[test]
fn a_category_chosen_in_the_review_replaces_the_one_written_before() {
    let mut d = day();
    let ours = BTreeSet::from(["ics:a".to_string()]);
    let standup = item("ics:a", "2026-11-20T09:30:00+01:00", 30, "Stand-up");
    merge(
        &mut d,
        &[accepted(standup.clone(), Category::Reactive)],
        &ours,
    );
    let unchosen = accepted(standup.clone(), Category::Other);
    let change = merge(&mut d, &[unchosen], &ours);
    assert_eq!(change.unchanged, 1);
    assert_eq!(
        d.sessions[0].category,
        Category::Reactive,
        "a rule's verdict keeps it"
    );
    let chosen = Accepted {
        chosen: true,
        ..accepted(standup, Category::Other)
    };
    let change = merge(&mut d, &[chosen], &ours);
    assert_eq!(change.updated, 1);
    assert_eq!(d.sessions[0].category, Category::Other);
}
