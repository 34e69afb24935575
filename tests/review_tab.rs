//! The Review tab through the real app and journal: the fast path, amending an earlier day, and
//! how a good, a bad and an empty day read.

mod common;

use chrono::{Duration, NaiveDate};
use common::{Harness, at};
use protime::domain::{Block, BlockKind, Category, Day, Decision, Session, SessionKind};
use protime::tui::effects;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
}

fn block(id: &str, span: &str, category: Category, title: &str) -> Block {
    let (a, b) = span.split_once('-').unwrap();
    let t = |s: &str| chrono::NaiveTime::parse_from_str(s, "%H:%M").unwrap();
    Block {
        id: id.into(),
        start: t(a),
        end: t(b),
        category,
        title: title.into(),
        kind: BlockKind::Work,
        account: None,
        objective: None,
        source: None,
    }
}

fn session(
    id: &str,
    span: &str,
    category: Category,
    kind: SessionKind,
    who: Option<&str>,
) -> Session {
    let (a, b) = span.split_once('-').unwrap();
    let t = |s: &str| at(&format!("2026-11-26T{s}:00+01:00"));
    Session {
        id: id.into(),
        start: t(a),
        end: Some(t(b)),
        category,
        kind,
        title: who.map(str::to_string),
        block: None,
        account: who.map(str::to_string),
        note: None,
        source: None,
    }
}

fn good_day(d: &mut Day) {
    d.blocks = vec![
        block(
            "b1",
            "08:30-10:00",
            Category::Proactive,
            "Prospecting calls",
        ),
        block("b2", "10:30-12:00", Category::Proactive, "ACME proposal"),
        block("b3", "14:00-16:00", Category::Reactive, "Customer requests"),
    ];
    d.sessions = vec![
        session(
            "s1",
            "08:30-10:00",
            Category::Proactive,
            SessionKind::Focus,
            None,
        ),
        session(
            "s2",
            "10:30-11:50",
            Category::Proactive,
            SessionKind::Focus,
            None,
        ),
        session(
            "s3",
            "14:00-15:00",
            Category::Reactive,
            SessionKind::Interruption,
            Some("Globex"),
        ),
    ];
}

fn bad_day(d: &mut Day) {
    d.blocks = vec![block(
        "b1",
        "09:00-12:00",
        Category::Proactive,
        "Prospecting calls",
    )];
    d.sessions = vec![
        session(
            "s1",
            "09:00-09:20",
            Category::Proactive,
            SessionKind::Focus,
            None,
        ),
        session(
            "s2",
            "09:20-11:30",
            Category::Reactive,
            SessionKind::Interruption,
            Some("Globex"),
        ),
        session(
            "s3",
            "13:00-14:30",
            Category::Reactive,
            SessionKind::Interruption,
            Some("Globex"),
        ),
        session(
            "s4",
            "15:00-15:40",
            Category::Reactive,
            SessionKind::Interruption,
            Some("ACME"),
        ),
    ];
}

/// protime at 16:50 on a day written by `fill`.
fn harness(fill: fn(&mut Day)) -> Harness {
    let mut h = Harness::new(at("2026-11-26T16:50:00+01:00"));
    h.journal
        .update(today(), |d| {
            fill(d);
            Ok(())
        })
        .unwrap();
    effects::reload_days(&mut h.app, &h.journal);
    h
}

#[test]
fn the_review_tab_goes_no_further_than_today() {
    let mut h = harness(good_day);
    h.type_keys("4lll");
    assert_eq!(h.app.review_tab().date, today());
    h.type_keys("y");
    let tomorrow = today().succ_opt().unwrap();
    assert!(
        h.file(tomorrow).is_empty(),
        "no review is written for a day ahead"
    );
}

#[test]
fn the_fast_path_takes_two_keys() {
    let mut h = harness(good_day);
    h.keys = 0;
    h.type_keys("4y");
    assert!(h.keys <= 10);
    let review = h.journal.load(today()).unwrap().review.unwrap();
    assert_eq!(review.decided, Some(Decision::Yes));
    assert_eq!(review.tomorrow, "08:30 Prospecting calls");
    assert!(
        h.file(today())
            .contains("[review]\ndecided = \"yes\"\ntomorrow = \"08:30 Prospecting calls\""),
        "{}",
        h.file(today())
    );
}

#[test]
fn note_and_tomorrow_are_typed_in_a_form_and_the_plan_offers_the_promise() {
    let mut h = harness(bad_day);
    h.type_keys("4N");
    h.type_keys("eGlobex outage again\tACME proposal first\n");
    let review = h.journal.load(today()).unwrap().review.unwrap();
    assert_eq!(
        (review.decided, review.note.as_str()),
        (Some(Decision::No), "Globex outage again")
    );
    assert_eq!(review.tomorrow, "ACME proposal first");
    // Next morning the Plan tab offers the promise as the first proactive block.
    let mut next = h.restart(at("2026-11-27T08:00:00+01:00"));
    assert!(
        next.screen(120, 30)
            .contains("You promised to protect: ACME proposal first")
    );
    next.type_keys("1a\n");
    assert_eq!(
        next.plan(today().succ_opt().unwrap()),
        vec!["08:30-09:30 PRO ACME proposal first"]
    );
}

#[test]
fn an_unreviewed_yesterday_is_offered_first_thing_and_can_be_amended() {
    let h = harness(good_day);
    let mut next = h.restart(at("2026-11-27T08:00:00+01:00"));
    assert!(
        next.app
            .message()
            .unwrap_or_default()
            .contains("Thu 26 Nov has no review yet")
    );
    next.type_keys("4P");
    assert_eq!(
        next.journal.load(today()).unwrap().review.unwrap().decided,
        Some(Decision::Partly)
    );
    next.type_keys("y");
    assert_eq!(
        next.journal.load(today()).unwrap().review.unwrap().decided,
        Some(Decision::Yes)
    );
    next.type_keys("t");
    assert_eq!(next.app.review_tab().date, today().succ_opt().unwrap());
}

#[test]
fn an_unanswered_yesterday_does_not_take_the_place_of_todays_review_at_its_reminder() {
    let h = harness(good_day);
    let mut next = h.restart(at("2026-11-27T08:00:00+01:00"));
    assert_eq!(next.app.review_tab().date, today(), "yesterday is offered");
    next.type_keys("4");
    assert!(
        next.screen(100, 30)
            .contains("On Thu 26 Nov, did I decide what to do")
    );
    next.type_keys("1");
    next.run_for(chrono::Duration::hours(9), chrono::Duration::minutes(30)); // past 16:45
    let friday = today().succ_opt().unwrap();
    assert_eq!(next.app.review_tab().date, friday);
    next.type_keys("4y");
    assert!(next.journal.load(today()).unwrap().review.is_none());
    assert_eq!(
        next.journal.load(friday).unwrap().review.unwrap().decided,
        Some(Decision::Yes)
    );
}

#[test]
fn the_streak_counts_reviewed_working_days() {
    let mut h = harness(good_day);
    for back in 1..=3 {
        let date = today() - Duration::days(back);
        h.journal
            .update(date, |d| {
                d.review = Some(protime::domain::Review {
                    decided: Some(Decision::Yes),
                    ..Default::default()
                });
                Ok(())
            })
            .unwrap();
    }
    h.type_keys("4y");
    assert!(
        h.screen(100, 24).contains("streak 4"),
        "{}",
        h.screen(100, 24)
    );
}

#[test]
fn good_bad_and_empty_days_read_plainly() {
    let good = harness(good_day);
    let mut good = good;
    good.type_keys("4y");
    insta::assert_snapshot!("good_100x24", good.screen(100, 24));
    insta::assert_snapshot!("good_40x24", good.screen(40, 24));
    let mut bad = harness(bad_day);
    bad.type_keys("4");
    insta::assert_snapshot!("bad_100x24", bad.screen(100, 24));
    insta::assert_snapshot!("bad_40x24", bad.screen(40, 24));
    let mut empty = harness(|_| {});
    empty.type_keys("4");
    insta::assert_snapshot!("empty_100x24", empty.screen(100, 24));
    insta::assert_snapshot!("empty_40x24", empty.screen(40, 24));
}
