use super::*;

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
    }
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
