//! Each rule on a generated November 2026 (21 working days) where it should fire, and on one
//! where it should not.

use super::*;
use crate::domain::test_support::{block, hm, november, tracked};
use crate::domain::{Category, Day, Session};
use chrono::{Datelike, Weekday};

/// What a test changes on a working day of the good month.
#[derive(Clone, Copy, Default)]
struct Month {
    /// Umbrella breaks in for 45 minutes every working day.
    umbrella: bool,
    /// Every Tuesday the afternoon's proactive block goes to a customer.
    tuesdays_hijacked: bool,
    /// Only the morning's proactive block is planned and worked.
    one_proactive_block: bool,
    /// All reactive time comes at 11:00.
    reactive_at_eleven: bool,
    /// Reactive time names no account.
    unnamed: bool,
    /// Only the working days up to this date are tracked, this many minutes each.
    thin: Option<(u32, i64)>,
}

fn tiers(umbrella: &str) -> Tiers {
    Tiers {
        order: ["A", "B", "C", "D"].map(String::from).to_vec(),
        of: [("Initech", "A"), ("Umbrella", umbrella)]
            .map(|(a, t)| (a.to_string(), t.to_string()))
            .into(),
    }
}

/// A good month: 4h proactive a day in two kept blocks, 1h reactive for Initech (tier A) spread
/// over four hours, 1h other.
fn working_day(date: chrono::NaiveDate, m: Month) -> Day {
    let mut day = Day::new(date);
    let account = (!m.unnamed).then_some("Initech");
    let re = |span: &str| tracked(date, span, Category::Reactive, account);
    day.blocks
        .push(block("b1", hm(8, 30), hm(10, 30), Category::Proactive));
    day.sessions
        .push(tracked(date, "08:30-10:30", Category::Proactive, None));
    let hijack = m.tuesdays_hijacked && date.weekday() == Weekday::Tue;
    if !m.one_proactive_block {
        day.blocks
            .push(block("b2", hm(13, 0), hm(15, 0), Category::Proactive));
        if hijack {
            day.sessions
                .push(tracked(date, "13:00-13:30", Category::Proactive, None));
            day.sessions
                .push(tracked(date, "13:30-15:00", Category::Reactive, account));
        } else {
            day.sessions
                .push(tracked(date, "13:00-15:00", Category::Proactive, None));
        }
    }
    let reactive: Vec<Session> = if m.reactive_at_eleven {
        vec![re("11:00-12:00")]
    } else {
        ["11:00-11:15", "12:00-12:15", "15:00-15:15", "16:00-16:15"]
            .map(re)
            .to_vec()
    };
    day.sessions.extend(reactive);
    if m.umbrella {
        day.sessions.push(tracked(
            date,
            "10:30-11:00",
            Category::Reactive,
            Some("Umbrella"),
        ));
        day.sessions.push(tracked(
            date,
            "12:30-12:45",
            Category::Reactive,
            Some("Umbrella"),
        ));
    }
    day.sessions
        .push(tracked(date, "15:15-16:00", Category::Other, None));
    day.sessions
        .push(tracked(date, "16:15-16:30", Category::Other, None));
    day
}

fn month_of(m: Month) -> Vec<(chrono::NaiveDate, Figures)> {
    november(|date| {
        if matches!(date.weekday(), Weekday::Sat | Weekday::Sun) {
            return None;
        }
        match m.thin {
            Some((last, minutes)) => (date.day() <= last).then(|| {
                let mut day = Day::new(date);
                let end = hm(9, 0) + chrono::Duration::minutes(minutes);
                let span = format!("09:00-{}", end.format("%H:%M"));
                day.sessions
                    .push(tracked(date, &span, Category::Proactive, None));
                day
            }),
            None => Some(working_day(date, m)),
        }
    })
}

fn advice(m: Month, umbrella_tier: &str) -> Advice {
    let days = month_of(m);
    advise(&Inputs {
        days: &days,
        target: 40.0,
        tiers: &tiers(umbrella_tier),
        weekdays_per_week: 5,
    })
}

fn sentences(m: Month, umbrella_tier: &str) -> Vec<Sentence> {
    match advice(m, umbrella_tier) {
        Advice::Sentences(s) => s,
        Advice::TooLittle(why) => panic!("no advice: {why}"),
    }
}

fn rules(m: Month, umbrella_tier: &str) -> Vec<Rule> {
    sentences(m, umbrella_tier).iter().map(|s| s.rule).collect()
}

fn text_of(m: Month, umbrella_tier: &str, rule: Rule) -> String {
    sentences(m, umbrella_tier)
        .into_iter()
        .find(|s| s.rule == rule)
        .unwrap_or_else(|| panic!("{rule:?} did not fire"))
        .text
}

#[test]
fn a_good_month_gets_no_advice_and_says_nothing_is_wrong() {
    assert_eq!(rules(Month::default(), "D"), vec![]);
}

#[test]
fn a_thin_month_gets_none_and_says_why() {
    // Nine working days (2–6 and 9–12) of 8 hours each.
    let few_days = advice(
        Month {
            thin: Some((12, 8 * 60)),
            ..Month::default()
        },
        "D",
    );
    let Advice::TooLittle(why) = few_days else {
        panic!("{few_days:?}")
    };
    assert!(
        why.contains("working days with tracked time (advice needs 10)"),
        "{why}"
    );
    assert!(!why.contains("tracked (advice needs 20h00)"), "{why}");
    // Every working day tracked, but 50 minutes each.
    let Advice::TooLittle(why) = advice(
        Month {
            thin: Some((30, 50)),
            ..Month::default()
        },
        "D",
    ) else {
        panic!("an hour a day is too little")
    };
    assert_eq!(why, "No advice yet: 17h30 tracked (advice needs 20h00).");
}

#[test]
fn a_small_account_that_takes_the_reactive_time_is_named() {
    let m = Month {
        umbrella: true,
        ..Month::default()
    };
    // 45 minutes on each of 21 working days, two interruptions a day: ten a week.
    assert_eq!(
        text_of(m, "D", Rule::LowTierAccount),
        "Umbrella (tier D) took 15h45 of reactive time, 10 interruptions a week: pass its requests to support"
    );
    // A major customer taking the same time is not advice to route it away.
    assert!(!rules(m, "A").contains(&Rule::LowTierAccount));
    assert!(!rules(m, "B").contains(&Rule::LowTierAccount));
    assert!(rules(m, "C").contains(&Rule::LowTierAccount));
}

#[test]
fn a_weekday_afternoon_that_loses_its_proactive_time_is_named() {
    let m = Month {
        tuesdays_hijacked: true,
        ..Month::default()
    };
    // Four Tuesdays (3, 10, 17, 24) planned 2h each and kept 30 minutes.
    assert_eq!(
        text_of(m, "D", Rule::LostSlot),
        "Tuesday afternoons lost 75% of planned proactive time (6h00 of 8h00): move those blocks to a time that holds"
    );
    assert!(!rules(Month::default(), "D").contains(&Rule::LostSlot));
}

#[test]
fn a_share_below_target_says_how_much_a_week_would_reach_it() {
    let m = Month {
        one_proactive_block: true,
        ..Month::default()
    };
    // 2h of 8h a day: 25%. 40% of 168h is 67h12, 42h done: 25h12 over 4.2 weeks.
    assert_eq!(
        text_of(m, "D", Rule::ShareGap),
        "Proactive share 25%, target 40%: 6h00 a week more would reach it"
    );
}

#[test]
fn reactive_time_that_comes_at_one_hour_is_named() {
    let m = Month {
        reactive_at_eleven: true,
        ..Month::default()
    };
    assert_eq!(
        text_of(m, "D", Rule::ReactivePeak),
        "Reactive work peaks 11:00–12:00 (21h00 of 21h00, 100%): keep a reactive buffer there, not a proactive block"
    );
}

#[test]
fn reactive_time_without_accounts_asks_for_names() {
    let m = Month {
        unnamed: true,
        ..Month::default()
    };
    assert_eq!(
        text_of(m, "D", Rule::UnnamedReactive),
        "21h00 of 21h00 reactive time named no account: name who broke in, so next month shows which customers take it"
    );
}

#[test]
fn at_most_three_sentences_in_the_rules_order() {
    let m = Month {
        umbrella: true,
        tuesdays_hijacked: true,
        one_proactive_block: false,
        reactive_at_eleven: true,
        unnamed: false,
        thin: None,
    };
    // Four rules would fire; the first three are said.
    let all = Month {
        one_proactive_block: true,
        tuesdays_hijacked: false,
        unnamed: true,
        ..m
    };
    assert_eq!(
        rules(all, "D"),
        vec![Rule::LowTierAccount, Rule::ShareGap, Rule::ReactivePeak]
    );
    assert_eq!(
        rules(m, "D"),
        vec![Rule::LowTierAccount, Rule::LostSlot, Rule::ReactivePeak]
    );
}
