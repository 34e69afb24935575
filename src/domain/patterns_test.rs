use super::*;
use crate::domain::test_support::{block, hm, november, tracked};
use crate::domain::{Category, Day};

fn date(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}

#[test]
fn reactive_time_is_split_over_the_hours_it_spans() {
    let mut day = Day::new(date(3));
    day.sessions.push(tracked(
        date(3),
        "10:40-12:10",
        Category::Reactive,
        Some("ACME"),
    ));
    day.sessions
        .push(tracked(date(3), "13:00-14:00", Category::Proactive, None));
    let days = november(|d| (d == date(3)).then(|| day.clone()));
    let f = crate::domain::report::total(&days);
    assert_eq!(f.reactive_by_hour[10], 20);
    assert_eq!(f.reactive_by_hour[11], 60);
    assert_eq!(f.reactive_by_hour[12], 10);
    assert_eq!(f.reactive_by_hour.iter().sum::<i64>(), 90);
    assert_eq!(f.account_sessions.get("ACME"), Some(&1));
    // Tuesday the 3rd.
    assert_eq!(reactive_by_weekday(&days), [0, 90, 0, 0, 0, 0, 0]);
}

#[test]
fn planned_proactive_time_is_kept_by_weekday_morning_and_afternoon() {
    let day = |d: NaiveDate| {
        let mut day = Day::new(d);
        day.blocks
            .push(block("m", hm(9, 0), hm(10, 0), Category::Proactive));
        day.blocks
            .push(block("a", hm(14, 0), hm(16, 0), Category::Proactive));
        day.sessions
            .push(tracked(d, "09:00-10:00", Category::Proactive, None));
        day.sessions
            .push(tracked(d, "14:00-14:30", Category::Proactive, None));
        day
    };
    // Mondays 2 and 9.
    let days = november(|d| [date(2), date(9)].contains(&d).then(|| day(d)));
    let slots = kept_by_slot(&days);
    assert_eq!(slots.len(), 2);
    assert_eq!(
        (
            slots[0].name(),
            slots[0].planned,
            slots[0].kept,
            slots[0].days
        ),
        ("Monday mornings".to_string(), 120, 120, 2)
    );
    assert_eq!(slots[1].name(), "Monday afternoons");
    assert_eq!((slots[1].planned, slots[1].lost()), (240, 180));
    assert_eq!(slots[1].lost_share(), Some(75.0));
}

#[test]
fn reactive_time_by_tier_keeps_the_untiered_apart() {
    let f = Figures {
        accounts: [
            ("Umbrella", 90),
            ("Globex", 30),
            ("Initech", 20),
            ("Stark", 5),
        ]
        .map(|(a, m)| (a.to_string(), m))
        .into(),
        ..Figures::default()
    };
    let tiers = Tiers {
        order: ["A", "B", "C", "D"].map(String::from).to_vec(),
        of: [("Umbrella", "D"), ("Globex", "A"), ("Stark", "A")]
            .map(|(a, t)| (a.to_string(), t.to_string()))
            .into(),
    };
    assert_eq!(
        reactive_by_tier(&f, &tiers),
        vec![(Some("A".into()), 35), (Some("D".into()), 90), (None, 20)]
    );
    assert!(tiers.is_low("C") && tiers.is_low("D"));
    assert!(!tiers.is_low("A") && !tiers.is_low("B") && !tiers.is_low("E"));
    let own = Tiers {
        order: ["key", "small"].map(String::from).to_vec(),
        ..Tiers::default()
    };
    assert!(own.is_low("small") && !own.is_low("key"));
}

#[test]
fn months_are_grouped_oldest_first() {
    let days = november(|_| None);
    let months = by_month(&days);
    assert_eq!(months.len(), 1);
    assert_eq!(months[0].0, date(1));
}
