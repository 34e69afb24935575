//! Property tests: importing twice equals importing once; importing an export in two (possibly
//! overlapping) parts equals importing it whole; sessions that are not the import's stay as they are;
//! an activity running past midnight is written as one part per day, adding up to its length.

use chrono::{FixedOffset, NaiveDate};
use proptest::prelude::*;
use protime::clock::Zone;
use protime::config::Config;
use protime::domain::{Category, Day, Session, SessionKind};
use protime::import::rules::categorise;
use protime::import::{Accepted, Plan, Window, crm};
use std::collections::BTreeMap;

type Days = BTreeMap<NaiveDate, Day>;

#[derive(Debug, Clone)]
struct Row {
    day: u32,
    minute: u32,
    length: u32,
    title: usize,
}

const TITLES: [&str; 5] = ["Demo", "Support call", "Team sync", "Lunch", "Dentist"];

fn rows() -> impl Strategy<Value = Vec<Row>> {
    prop::collection::vec(
        // Starts from 08:00 to 23:59, up to five hours long: many cross midnight.
        (0u32..14, 0u32..960, 5u32..300, 0usize..TITLES.len()).prop_map(
            |(day, minute, length, title)| Row {
                day,
                minute,
                length,
                title,
            },
        ),
        0..25,
    )
}

fn window() -> Window {
    Window {
        from: NaiveDate::from_ymd_opt(2026, 11, 13).unwrap(),
        to: NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(),
        zone: Zone::Fixed(FixedOffset::east_opt(3600).unwrap()),
    }
}

/// A CSV export of `rows[range]`; each row keeps its id (its index in the whole export).
fn csv(rows: &[Row], range: std::ops::Range<usize>) -> String {
    let mut text = String::from("Activity ID,Subject,Start,Duration\n");
    for i in range {
        let r = &rows[i];
        let date = window().from + chrono::Duration::days(i64::from(r.day));
        text.push_str(&format!(
            "{i},{},{date} {:02}:{:02},{}\n",
            TITLES[r.title],
            8 + r.minute / 60,
            r.minute % 60,
            r.length
        ));
    }
    text
}

fn import(days: &mut Days, text: &str) {
    let config = Config::defaults();
    let parsed = crm::parse(text, &config.import.crm, &window()).unwrap();
    let accepted: Vec<Accepted> = parsed
        .items
        .iter()
        .map(|item| Accepted {
            category: categorise(item, &config.import.rules)
                .map_or(Category::Other, |v| v.category),
            item: item.clone(),
            chosen: false,
        })
        .collect();
    let plan = Plan::new(&accepted, &parsed.gone, &window(), days);
    plan.apply(days);
}

/// A journal with one manual session on the first day.
fn journal() -> Days {
    let date = window().from;
    let mut day = Day::new(date);
    let t = chrono::DateTime::parse_from_rfc3339("2026-11-13T09:00:00+01:00").unwrap();
    day.sessions.push(Session {
        id: "s1".into(),
        start: t,
        end: Some(t + chrono::Duration::minutes(30)),
        category: Category::Proactive,
        kind: SessionKind::Manual,
        title: Some("Own calls".into()),
        block: None,
        account: None,
        note: None,
        source: None,
    });
    BTreeMap::from([(date, day)])
}

/// The sessions of each day, without the ids (which depend on the order items arrive in).
fn canonical(days: &Days) -> Vec<(NaiveDate, Vec<String>)> {
    days.iter()
        .map(|(d, day)| {
            let mut list: Vec<String> = day
                .sessions
                .iter()
                .map(|s| {
                    format!(
                        "{:?}|{:?}|{:?}|{:?}|{:?}|{:?}",
                        s.source, s.start, s.end, s.category, s.title, s.kind
                    )
                })
                .collect();
            list.sort();
            (*d, list)
        })
        .filter(|(_, l)| !l.is_empty())
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn importing_twice_equals_importing_once(rows in rows()) {
        let text = csv(&rows, 0..rows.len());
        let mut once = journal();
        import(&mut once, &text);
        let mut twice = once.clone();
        import(&mut twice, &text);
        prop_assert_eq!(&twice, &once);
        let own = once[&window().from].sessions.iter().filter(|s| s.source.is_none()).count();
        prop_assert_eq!(own, 1);
        let imported: usize = once.values().map(|d| d.sessions.iter().filter(|s| s.kind == SessionKind::Imported && !s.source.as_ref().unwrap().contains('#')).count()).sum();
        prop_assert_eq!(imported, rows.len());
    }

    #[test]
    fn each_day_holds_its_own_part_and_the_parts_add_up(rows in rows()) {
        let mut days = journal();
        import(&mut days, &csv(&rows, 0..rows.len()));
        let zone = window().zone;
        let mut minutes: BTreeMap<String, i64> = BTreeMap::new();
        for (date, day) in &days {
            let bounds = protime::domain::span::day_bounds(&zone, *date);
            for s in day.sessions.iter().filter(|s| s.kind == SessionKind::Imported) {
                let end = s.end.unwrap();
                prop_assert!(bounds.start <= s.start && end <= bounds.end, "{s:?} on {date}");
                let source = s.source.as_deref().unwrap();
                *minutes.entry(protime::import::base_source(source).to_string()).or_default() += (end - s.start).num_minutes();
            }
        }
        for (i, r) in rows.iter().enumerate() {
            prop_assert_eq!(minutes.get(&format!("crm:{i}")).copied(), Some(i64::from(r.length)));
        }
    }

    #[test]
    fn importing_two_overlapping_parts_equals_importing_the_whole(rows in rows(), a in 0usize..26, b in 0usize..26) {
        let n = rows.len();
        let (start_second, end_first) = (a.min(b).min(n), a.max(b).min(n));
        let mut whole = journal();
        import(&mut whole, &csv(&rows, 0..n));
        let mut parts = journal();
        import(&mut parts, &csv(&rows, 0..end_first));
        import(&mut parts, &csv(&rows, start_second..n));
        prop_assert_eq!(canonical(&parts), canonical(&whole));
    }
}
