use super::*;
use crate::domain::category::SessionKind;
use crate::domain::plan::{DayEdit, validate};
use chrono::NaiveTime;

use crate::domain::test_support::{self, hm};

fn thursday() -> Day {
    Day::new(NaiveDate::from_ymd_opt(2026, 11, 26).unwrap())
}

fn block(id: &str, start: NaiveTime, end: NaiveTime, category: Category) -> Block {
    test_support::block(id, start, end, category)
}

fn session(id: &str, start: &str, end: &str, category: Category) -> Session {
    let at = |t: &str| DateTime::parse_from_rfc3339(t).unwrap();
    test_support::session(id, at(start), Some(at(end)), category, SessionKind::Focus)
}

fn capacity() -> Capacity {
    crate::domain::test_support::capacity_40h()
}

const LIMITS: Limits = Limits {
    target_share: 40.0,
    ceiling_share: 60.0,
    max_objectives: 3,
};

#[test]
fn capacity_is_weekly_hours_over_working_days() {
    let c = capacity();
    assert_eq!(
        c.of_day(NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(), false),
        8 * 60
    );
    assert_eq!(
        c.of_day(NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(), true),
        0
    );
    assert_eq!(
        c.of_day(NaiveDate::from_ymd_opt(2026, 11, 28).unwrap(), false),
        0
    );
    let none = Capacity {
        workday: (
            chrono::NaiveTime::from_hms_opt(8, 30, 0).unwrap(),
            chrono::NaiveTime::from_hms_opt(17, 0, 0).unwrap(),
        ),
        weekly_minutes: 2400,
        weekdays: vec![],
        since: None,
        holidays: vec![],
    };
    assert_eq!(
        none.of_day(NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(), false),
        0
    );
}

#[test]
fn empty_working_day_warns_only_that_nothing_proactive_is_planned() {
    let summary = check_plan(&thursday(), 480, &LIMITS);
    assert_eq!(summary.free, 480);
    assert_eq!(summary.proactive_share, Some(0.0));
    assert_eq!(summary.warnings, vec![PlanWarning::NoProactive]);
}

#[test]
fn overcommitted_day_hits_ceiling_and_leaves_no_reactive_room() {
    let mut day = thursday();
    day.blocks
        .push(block("a", hm(8, 0), hm(14, 0), Category::Proactive));
    day.blocks
        .push(block("b", hm(14, 0), hm(16, 0), Category::Other));
    let summary = check_plan(&day, 480, &LIMITS);
    assert_eq!(summary.proactive_share, Some(75.0));
    assert_eq!(summary.free, 0);
    assert_eq!(
        summary.warnings,
        vec![
            PlanWarning::AboveCeiling {
                share: 75.0,
                ceiling: 60.0
            },
            PlanWarning::NoReactiveRoom
        ]
    );
    assert!(
        summary.warnings[0]
            .to_string()
            .contains("above the realistic 60%")
    );
}

#[test]
fn share_exactly_at_ceiling_is_fine() {
    let mut day = thursday();
    day.blocks
        .push(block("a", hm(8, 0), hm(12, 48), Category::Proactive));
    let summary = check_plan(&day, 480, &LIMITS);
    assert_eq!(summary.proactive_share, Some(60.0));
    assert!(summary.warnings.is_empty(), "{:?}", summary.warnings);
}

#[test]
fn too_many_objectives_and_overlaps_are_named() {
    let mut day = thursday();
    for (i, name) in ["A", "B", "C", "D"].iter().enumerate() {
        let start = hm(8 + i as u32, 0);
        let mut b = block(name, start, hm(9 + i as u32, 30), Category::Proactive);
        b.objective = Some(name.to_string());
        day.blocks.push(b);
    }
    let summary = check_plan(&day, 480, &LIMITS);
    assert_eq!(summary.objectives, 4);
    assert!(
        summary
            .warnings
            .contains(&PlanWarning::TooManyObjectives { count: 4, max: 3 })
    );
    assert!(
        summary
            .warnings
            .contains(&PlanWarning::Overlaps { pairs: 3 })
    );
}

#[test]
fn day_off_and_weekend_blocks_count_toward_no_capacity() {
    let mut day = thursday();
    day.off = Some("holiday".into());
    assert!(check_plan(&day, 0, &LIMITS).warnings.is_empty());
    day.blocks
        .push(block("a", hm(9, 0), hm(10, 0), Category::Proactive));
    let summary = check_plan(&day, 0, &LIMITS);
    assert_eq!(summary.proactive_share, None);
    assert_eq!(
        summary.warnings,
        vec![PlanWarning::NotAWorkingDay { off: true }]
    );
}

#[test]
fn blocks_across_midnight_are_refused() {
    let err = validate(hm(23, 0), hm(1, 0), "late").unwrap_err();
    assert!(err.contains("before the start"), "{err}");
    let mut day = thursday();
    let add = DayEdit::AddBlocks(vec![block("", hm(23, 0), hm(1, 0), Category::Other)]);
    assert!(add.apply(&mut day).is_err());
}

#[test]
fn actuals_count_own_category_inside_the_block_and_flag_hijacks() {
    let tz = FixedOffset::east_opt(3600).unwrap();
    let now = DateTime::parse_from_rfc3339("2026-11-26T18:00:00+01:00").unwrap();
    let mut day = thursday();
    day.blocks
        .push(block("pro", hm(9, 0), hm(10, 0), Category::Proactive));
    day.blocks
        .push(block("pro2", hm(10, 0), hm(11, 0), Category::Proactive));
    day.sessions.push(session(
        "s1",
        "2026-11-26T08:50:00+01:00",
        "2026-11-26T09:40:00+01:00",
        Category::Proactive,
    ));
    day.sessions.push(session(
        "s2",
        "2026-11-26T10:05:00+01:00",
        "2026-11-26T10:50:00+01:00",
        Category::Reactive,
    ));
    day.sessions.push(session(
        "s3",
        "2026-11-26T14:00:00+01:00",
        "2026-11-26T14:30:00+01:00",
        Category::Reactive,
    ));
    let actuals = block_actuals(&day, &tz, now);
    assert_eq!(
        actuals["pro"],
        BlockActual {
            done: 40,
            reactive: 0,
            hijacked: false
        }
    );
    assert_eq!(
        actuals["pro2"],
        BlockActual {
            done: 0,
            reactive: 45,
            hijacked: true
        }
    );
    let unplanned: Vec<&str> = unplanned_sessions(&day, &tz, now)
        .iter()
        .map(|s| s.id.as_str())
        .collect();
    assert_eq!(unplanned, vec!["s3"]);
}

#[test]
fn dst_day_blocks_use_the_offset_in_force() {
    // On the autumn change (CEST → CET) a block after 03:00 is in +01:00; a session tracked with
    // that offset falls inside it.
    #[derive(Clone)]
    struct Autumn;
    impl TimeZone for Autumn {
        type Offset = FixedOffset;
        fn from_offset(_: &FixedOffset) -> Self {
            Autumn
        }
        fn offset_from_local_date(&self, _: &NaiveDate) -> chrono::LocalResult<FixedOffset> {
            unimplemented!()
        }
        fn offset_from_local_datetime(
            &self,
            l: &chrono::NaiveDateTime,
        ) -> chrono::LocalResult<FixedOffset> {
            let hour = if l.date() == NaiveDate::from_ymd_opt(2026, 10, 25).unwrap() {
                chrono::Timelike::hour(&l.time())
            } else {
                12
            };
            let offset = if l.date() < NaiveDate::from_ymd_opt(2026, 10, 25).unwrap() || hour < 3 {
                7200
            } else {
                3600
            };
            chrono::LocalResult::Single(FixedOffset::east_opt(offset).unwrap())
        }
        fn offset_from_utc_date(&self, _: &NaiveDate) -> FixedOffset {
            unimplemented!()
        }
        fn offset_from_utc_datetime(&self, _: &chrono::NaiveDateTime) -> FixedOffset {
            unimplemented!()
        }
    }
    let mut day = Day::new(NaiveDate::from_ymd_opt(2026, 10, 25).unwrap());
    day.blocks
        .push(block("pro", hm(9, 0), hm(10, 0), Category::Proactive));
    day.sessions.push(session(
        "s1",
        "2026-10-25T09:00:00+01:00",
        "2026-10-25T10:00:00+01:00",
        Category::Proactive,
    ));
    let now = DateTime::parse_from_rfc3339("2026-10-25T18:00:00+01:00").unwrap();
    assert_eq!(block_actuals(&day, &Autumn, now)["pro"].done, 60);
    // The same session read with the summer offset would be an hour off.
    let summer = FixedOffset::east_opt(7200).unwrap();
    assert_eq!(block_actuals(&day, &summer, now)["pro"].done, 0);
}

#[test]
fn objective_minutes_sum_planned_and_done_over_days() {
    let tz = FixedOffset::east_opt(3600).unwrap();
    let now = DateTime::parse_from_rfc3339("2026-11-27T18:00:00+01:00").unwrap();
    let mut a = thursday();
    let mut b1 = block("b1", hm(9, 0), hm(10, 0), Category::Proactive);
    b1.objective = Some("New logos".into());
    a.blocks.push(b1.clone());
    a.sessions.push(session(
        "s1",
        "2026-11-26T09:00:00+01:00",
        "2026-11-26T09:30:00+01:00",
        Category::Proactive,
    ));
    let mut b = Day::new(NaiveDate::from_ymd_opt(2026, 11, 27).unwrap());
    b.blocks.push(b1);
    let totals = objective_minutes(&[a, b], &tz, now);
    assert_eq!(totals["New logos"], (120, 30));
}

#[test]
fn a_session_started_this_second_inside_a_block_is_not_outside_the_plan() {
    let mut day = thursday();
    day.blocks
        .push(block("b1", hm(9, 0), hm(10, 0), Category::Proactive));
    let now = DateTime::parse_from_rfc3339("2026-11-26T09:10:00+01:00").unwrap();
    let resumed = test_support::session("s2", now, None, Category::Proactive, SessionKind::Focus);
    let outside = DateTime::parse_from_rfc3339("2026-11-26T10:10:00+01:00").unwrap();
    let later = test_support::session("s3", outside, None, Category::Proactive, SessionKind::Focus);
    day.sessions = vec![resumed];
    let tz = *now.offset();
    assert!(unplanned_sessions(&day, &tz, now).is_empty());
    day.sessions = vec![later];
    assert_eq!(unplanned_sessions(&day, &tz, outside).len(), 1);
}
