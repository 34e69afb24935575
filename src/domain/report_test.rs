use super::*;
use crate::domain::{Block, BlockKind, Review, Session, SessionKind};
use chrono::NaiveTime;

fn capacity() -> Capacity {
    crate::domain::test_support::capacity_40h()
}

fn tz() -> FixedOffset {
    FixedOffset::east_opt(3600).unwrap()
}

fn date(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-26T18:00:00+01:00").unwrap()
}

fn session(day: u32, span: &str, category: Category, account: Option<&str>) -> Session {
    crate::domain::test_support::tracked(date(day), span, category, account)
}

fn month(days: &[(NaiveDate, Option<Day>)]) -> Figures {
    let figures: Vec<(NaiveDate, Figures)> = days
        .iter()
        .map(|(d, day)| (*d, day_figures(*d, day.as_ref(), &capacity(), &tz(), now())))
        .collect();
    total(&figures)
}

fn all_of_november(files: Vec<Day>) -> Vec<(NaiveDate, Option<Day>)> {
    date(1)
        .iter_days()
        .take(30)
        .map(|d| (d, files.iter().find(|f| f.date == d).cloned()))
        .collect()
}

#[test]
fn an_empty_month_is_all_unlogged_up_to_today() {
    let f = month(&all_of_november(vec![]));
    // 19 working days from 2 to 26 November (today); the days ahead have no capacity yet.
    assert_eq!(f.capacity, 19 * 8 * 60);
    assert_eq!(f.unlogged(), f.capacity);
    assert_eq!(f.unlogged_share(), Some(100.0));
    assert_eq!(f.decided, [0, 0, 0, 19]);
    assert_eq!(f.adherence(), None);
}

#[test]
fn days_off_leave_capacity_and_weekend_work_adds_to_the_base() {
    let mut off = Day::new(date(25));
    off.off = Some("leave".into());
    let mut saturday = Day::new(date(21));
    saturday
        .sessions
        .push(session(21, "10:00-12:00", Category::Proactive, None));
    let f = month(&all_of_november(vec![off, saturday]));
    assert_eq!(f.capacity, 18 * 8 * 60);
    assert_eq!(f.minutes(Category::Proactive), 120);
    assert_eq!(f.base(), 18 * 480);
    assert_eq!(f.decided[3], 18);
}

#[test]
fn tracked_over_capacity_makes_the_base_and_leaves_nothing_unlogged() {
    let mut d = Day::new(date(26));
    d.sessions
        .push(session(26, "06:00-16:00", Category::Proactive, None));
    let f = day_figures(date(26), Some(&d), &capacity(), &tz(), now());
    assert_eq!(
        (f.capacity, f.total(), f.base(), f.unlogged()),
        (480, 600, 600, 0)
    );
    assert_eq!(f.share(Category::Proactive), Some(100.0));
}

#[test]
fn overlapping_sessions_count_once_and_accounts_sum_reactive_time() {
    let mut d = Day::new(date(26));
    d.sessions
        .push(session(26, "09:00-10:00", Category::Proactive, None));
    d.sessions
        .push(session(26, "09:30-10:30", Category::Reactive, Some("ACME")));
    d.sessions
        .push(session(26, "11:00-11:15", Category::Reactive, Some("ACME")));
    let f = day_figures(date(26), Some(&d), &capacity(), &tz(), now());
    assert_eq!(
        (
            f.minutes(Category::Proactive),
            f.minutes(Category::Reactive),
            f.total()
        ),
        (30, 75, 105)
    );
    assert_eq!(f.top_accounts(), vec![("ACME".to_string(), 75)]);
}

#[test]
fn adherence_and_objectives_come_from_planned_blocks_and_answers_are_counted() {
    let mut d = Day::new(date(26));
    d.blocks.push(Block {
        id: "b1".into(),
        start: NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
        end: NaiveTime::from_hms_opt(11, 0, 0).unwrap(),
        category: Category::Proactive,
        title: "Calls".into(),
        kind: BlockKind::Work,
        account: None,
        objective: Some("New logos".into()),
        source: None,
    });
    d.sessions
        .push(session(26, "09:00-10:30", Category::Proactive, None));
    d.review = Some(Review {
        decided: Some(Decision::Partly),
        ..Review::default()
    });
    let f = day_figures(date(26), Some(&d), &capacity(), &tz(), now());
    assert_eq!(f.adherence(), Some(75.0));
    assert_eq!(f.objectives["New logos"], 90);
    assert_eq!(f.decided, [0, 1, 0, 0]);
}

#[test]
fn a_dst_month_counts_real_minutes() {
    // 25 October 2026: clocks go back; a session 02:30 (+02:00) to 02:30 (+01:00) is an hour.
    let d = NaiveDate::from_ymd_opt(2026, 10, 25).unwrap();
    let mut day = Day::new(d);
    day.sessions.push(Session {
        end: Some(DateTime::parse_from_rfc3339("2026-10-25T02:30:00+01:00").unwrap()),
        start: DateTime::parse_from_rfc3339("2026-10-25T02:30:00+02:00").unwrap(),
        ..session(26, "01:00-02:00", Category::Other, None)
    });
    let f = day_figures(d, Some(&day), &capacity(), &tz(), now());
    assert_eq!(f.minutes(Category::Other), 60);
    assert_eq!(f.capacity, 0, "a Sunday");
}

#[test]
fn grouping_by_week_and_month_and_the_reading() {
    let days: Vec<(NaiveDate, Figures)> = date(1)
        .iter_days()
        .take(30)
        .map(|d| (d, day_figures(d, None, &capacity(), &tz(), now())))
        .collect();
    let weeks = group(&days, Grouping::Week);
    assert_eq!(weeks.first().map(|w| w.0.as_str()), Some("2026-W44"));
    assert_eq!(weeks.len(), 6);
    assert_eq!(group(&days, Grouping::Month).len(), 1);
    assert_eq!(group(&days, Grouping::Day).len(), 30);
    let mut now_month = Figures {
        capacity: 100,
        ..Figures::default()
    };
    now_month.tracked.insert(Category::Proactive, 31);
    let mut before = Figures {
        capacity: 100,
        ..Figures::default()
    };
    before.tracked.insert(Category::Proactive, 24);
    assert_eq!(
        month_reading(&now_month, Some(("October", &before)), 40.0),
        "Proactive 31% vs 40% target, up from 24% in October"
    );
    assert_eq!(
        month_reading(&Figures::default(), None, 40.0),
        "No capacity and nothing tracked in this period"
    );
}

#[test]
fn inbox_time_and_parked_mails_are_counted() {
    use crate::domain::inbox::{ParkedState, park, triage};
    let mut d = Day::new(date(26));
    d.blocks.push(Block {
        id: "b1".into(),
        start: NaiveTime::from_hms_opt(11, 30, 0).unwrap(),
        end: NaiveTime::from_hms_opt(12, 0, 0).unwrap(),
        category: Category::Reactive,
        title: "Inbox slot".into(),
        kind: BlockKind::Inbox,
        account: None,
        objective: None,
        source: None,
    });
    let mut slot = session(26, "11:30-12:10", Category::Reactive, None);
    slot.kind = SessionKind::Inbox;
    d.sessions.push(slot);
    let at = DateTime::parse_from_rfc3339("2026-11-26T09:00:00+01:00").unwrap();
    let done = park(&mut d, "reply Anna", at).unwrap();
    park(&mut d, "ACME invoice", at).unwrap();
    d.parked[0] = triage(&done, ParkedState::Replied, at, None);
    let f = day_figures(date(26), Some(&d), &capacity(), &tz(), now());
    assert_eq!(
        (f.inbox, f.inbox_planned, f.parked_handled, f.parked_waiting),
        (40, 30, 1, 1)
    );
}

#[test]
fn a_pass_on_inside_focus_counts_once_in_protected_and_in_pro() {
    use crate::domain::test_support::{block, hm};
    let mut day = Day::new(date(25));
    day.blocks
        .push(block("b1", hm(9, 0), hm(11, 30), Category::Proactive));
    day.sessions
        .push(session(25, "09:00-11:30", Category::Proactive, None));
    day.sessions
        .push(session(25, "10:00-10:01", Category::Reactive, None));
    let f = day_figures(date(25), Some(&day), &capacity(), &tz(), now());
    assert_eq!(f.minutes(Category::Proactive), 149);
    assert_eq!(
        f.protected, 149,
        "the minute passed on is not protected time"
    );
    let review = crate::domain::review::day_facts(&day, 480, &tz(), now());
    assert_eq!(review.protected, 149);
}

#[test]
fn overlapping_blocks_plan_their_union_not_their_sum() {
    use crate::domain::test_support::{block, hm};
    let mut day = Day::new(date(25));
    day.blocks
        .push(block("b1", hm(8, 30), hm(12, 0), Category::Proactive));
    day.blocks
        .push(block("b2", hm(11, 0), hm(16, 0), Category::Proactive));
    let f = day_figures(date(25), Some(&day), &capacity(), &tz(), now());
    assert_eq!(f.planned_proactive, 7 * 60 + 30);
    let planned = crate::domain::span::planned_minutes(&day);
    assert_eq!(planned[&Category::Proactive], 7 * 60 + 30);
    let owned = crate::domain::span::planned_by_block(&day.blocks);
    assert_eq!(
        (owned["b1"], owned["b2"]),
        (150, 300),
        "the later block owns 11:00–12:00"
    );
}

#[test]
fn this_week_has_a_row_on_monday_before_work() {
    // Monday 30 November, 07:00: nothing tracked and no capacity yet this week.
    let monday_early = DateTime::parse_from_rfc3339("2026-11-30T07:00:00+01:00").unwrap();
    let days: Vec<(NaiveDate, Figures)> = date(23)
        .iter_days()
        .take(8)
        .map(|d| (d, day_figures(d, None, &capacity(), &tz(), monday_early)))
        .collect();
    let weeks: Vec<String> = counted_weeks(&days).into_iter().map(|w| w.0).collect();
    assert_eq!(weeks, ["2026-W48", "2026-W49"]);
}
