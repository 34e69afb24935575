use super::*;
use crate::clock::Zone;
use crate::domain::plan::DayEdit;
use crate::domain::planned::SpeaksFor;
use crate::domain::{Category, Day};
use crate::import::test_item;
use chrono::FixedOffset;

fn date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()
}

fn window() -> Window {
    Window {
        from: date(),
        to: date(),
        zone: Zone::Fixed(FixedOffset::east_opt(3600).unwrap()),
    }
}

fn hm(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

fn rules() -> Vec<Rule> {
    vec![Rule {
        words: vec!["demo".into()],
        category: Category::Proactive,
        field: None,
    }]
}

/// The meetings of 30 Nov in `items`, through the same sorting an import uses.
fn wanted(items: &[Item]) -> Vec<Meeting> {
    let sorted = sort(items, &window(), &rules(), Some("j1"));
    sorted.per_day.get(&date()).cloned().unwrap_or_default()
}

fn calendar() -> Vec<Item> {
    vec![
        test_item("ics:demo", "2026-11-30T10:00:00+01:00", 60, "ACME demo"),
        test_item("ics:standup", "2026-11-30T09:00:00+01:00", 15, "Standup"),
    ]
}

fn rep_block(day: &mut Day) {
    let mut b = crate::domain::test_support::block("", hm(9, 30), hm(10, 30), Category::Proactive);
    b.title = "Prospecting calls".into();
    DayEdit::AddBlocks(vec![b]).apply(day).unwrap();
}

#[test]
fn meetings_become_blocks_categorised_by_the_rules_or_other_flagged() {
    let meetings = wanted(&calendar());
    let standup = meetings.iter().find(|m| m.title == "Standup").unwrap();
    assert_eq!(
        (standup.category, standup.unsorted),
        (Category::Other, true)
    );
    let mut day = Day::new(date());
    let change = merge(&mut day, &meetings);
    assert_eq!(change.added, 2);
    let demo = day.blocks.iter().find(|b| b.title == "ACME demo").unwrap();
    assert_eq!(demo.category, Category::Proactive);
    assert_eq!((demo.start, demo.end), (hm(10, 0), hm(11, 0)));
    assert_eq!(demo.source.as_deref(), Some("ics:demo"));
    assert_eq!(day.needed_schema(), crate::domain::SCHEMA);
}

#[test]
fn a_reimport_moves_blocks_with_the_calendar_and_removes_cancelled_ones() {
    let mut day = Day::new(date());
    merge(&mut day, &wanted(&calendar()));
    let before = day.clone();
    assert_eq!(merge(&mut day, &wanted(&calendar())).unchanged, 2);
    assert_eq!(day, before, "the same file again changes nothing");
    let moved = vec![test_item(
        "ics:demo",
        "2026-11-30T14:00:00+01:00",
        30,
        "ACME demo",
    )];
    let change = merge(&mut day, &wanted(&moved));
    assert_eq!((change.moved, change.removed), (1, 1));
    assert_eq!(day.blocks.len(), 1);
    assert_eq!(
        (day.blocks[0].start, day.blocks[0].end),
        (hm(14, 0), hm(14, 30))
    );
    assert_eq!(
        day.blocks[0].id, "b2",
        "the block keeps its id (b1 was the standup)"
    );
}

#[test]
fn the_reps_changes_and_deletions_survive_a_reimport() {
    let mut day = Day::new(date());
    merge(&mut day, &wanted(&calendar()));
    let demo = day
        .blocks
        .iter()
        .find(|b| b.title == "ACME demo")
        .unwrap()
        .clone();
    let mut mine = demo.clone();
    mine.title = "ACME demo (prep the pricing)".into();
    mine.category = Category::Reactive;
    DayEdit::change_block(&demo, mine).apply(&mut day).unwrap();
    let standup = day
        .blocks
        .iter()
        .find(|b| b.title == "Standup")
        .unwrap()
        .id
        .clone();
    DayEdit::RemoveBlocks(vec![standup])
        .apply(&mut day)
        .unwrap();
    let mut later = calendar();
    later[0].start += chrono::Duration::minutes(30);
    later[0].end += chrono::Duration::minutes(30);
    let change = merge(&mut day, &wanted(&later));
    assert_eq!((change.moved, change.deleted, change.added), (1, 1, 0));
    assert_eq!(day.blocks.len(), 1, "the deleted standup stays deleted");
    let kept = &day.blocks[0];
    assert_eq!(kept.title, "ACME demo (prep the pricing)");
    assert_eq!(kept.category, Category::Reactive);
    assert_eq!(kept.start, hm(10, 30), "times follow the calendar");
}

#[test]
fn a_meeting_over_a_reps_block_is_placed_and_named() {
    let mut day = Day::new(date());
    rep_block(&mut day);
    let change = merge(&mut day, &wanted(&calendar()));
    assert_eq!(change.added, 2);
    assert_eq!(
        change.overlaps,
        vec!["2026-11-30 10:00–11:00 ACME demo overlaps your block 09:30–10:30 Prospecting calls"]
    );
    assert_eq!(
        day.blocks[0].title, "Prospecting calls",
        "the rep's block is untouched"
    );
}

/// The rep's block b1, exported and moved in the calendar to 13:00.
fn own_event() -> Vec<Item> {
    vec![test_item(
        "ics:2026-11-30-b1@j1",
        "2026-11-30T13:00:00+01:00",
        60,
        "Prospecting calls",
    )]
}

#[test]
fn an_event_protime_exported_comes_back_to_its_block() {
    let mut day = Day::new(date());
    rep_block(&mut day);
    let own = own_event();
    let sorted = sort(&own, &window(), &rules(), Some("j1"));
    assert!(sorted.per_day.is_empty(), "never added as a meeting");
    assert!(follow_own(&mut day, &sorted.returned[0]));
    assert_eq!(
        (day.blocks[0].start, day.blocks[0].end),
        (hm(13, 0), hm(14, 0))
    );
    let other_journal = sort(&own, &window(), &rules(), Some("j2"));
    assert_eq!(
        other_journal.per_day[&date()].len(),
        1,
        "another journal's block is a meeting"
    );
}

/// #22: a meeting into the night is planned to the end of its first day and the rest on the
/// next day, with the same calendar id (`#DATE` for the part), even when the period ends at the
/// first midnight; a meeting starting on that next day is its own import's.
#[test]
fn a_meeting_into_the_night_is_planned_in_full_across_midnight() {
    let items = vec![
        test_item("ics:late", "2026-11-30T23:00:00+01:00", 120, "Call Tokyo"),
        test_item("ics:next", "2026-12-01T09:00:00+01:00", 60, "Next day"),
    ];
    let sorted = sort(&items, &window(), &rules(), Some("j1"));
    let first = &sorted.per_day[&date()][0];
    assert_eq!((first.start, first.end), (hm(23, 0), hm(23, 59)));
    assert_eq!(first.source, "ics:late");
    let next = date().succ_opt().unwrap();
    let rest: Vec<_> = sorted.per_day[&next].iter().collect();
    assert_eq!(rest.len(), 1, "only the continuation: {rest:?}");
    assert_eq!((rest[0].start, rest[0].end), (hm(0, 0), hm(1, 0)));
    assert_eq!(rest[0].source, "ics:late#2026-12-01");
}

/// On the day after the period the import speaks only for continuations: a meeting block of
/// that day's own stays, a continuation of a cancelled meeting goes.
#[test]
fn the_day_after_the_period_keeps_its_own_meetings() {
    let mut day = Day::new(date().succ_opt().unwrap());
    let own_meeting = wanted_on(&[test_item(
        "ics:next",
        "2026-12-01T09:00:00+01:00",
        60,
        "Next",
    )]);
    let cancelled = wanted_on(&[test_item(
        "ics:gone",
        "2026-11-30T23:00:00+01:00",
        120,
        "Gone",
    )]);
    let all = [own_meeting, cancelled].concat();
    merge(&mut day, &all);
    let change = crate::domain::planned::apply(
        &mut day,
        &PlanEdit {
            speaks_for: SpeaksFor::Continuations,
            ..PlanEdit::default()
        },
    );
    assert_eq!(change.removed, 1);
    let left: Vec<_> = day
        .blocks
        .iter()
        .map(|b| b.source.clone().unwrap())
        .collect();
    assert_eq!(left, ["ics:next"]);
}

/// The meetings of 1 Dec in `items`, as the import of 1 Dec sorts them.
fn wanted_on(items: &[Item]) -> Vec<Meeting> {
    let next = date().succ_opt().unwrap();
    let window = Window {
        from: next,
        to: next,
        ..window()
    };
    let sorted = sort(items, &window, &rules(), Some("j1"));
    sorted.per_day.get(&next).cloned().unwrap_or_default()
}

/// #22: a plan import is one edit a day, and its inverse puts the plan back exactly (blocks and
/// the rep's marks); the redo brings the import back.
#[test]
fn a_plan_import_is_undone_and_redone_exactly() {
    let mut day = Day::new(date());
    rep_block(&mut day);
    let edit = |items: &[Item]| {
        DayEdit::PlanImport(Box::new(PlanEdit {
            meetings: wanted(items),
            ..PlanEdit::default()
        }))
    };
    edit(&calendar()).apply(&mut day).unwrap();
    // The rep deletes the standup and renames the demo: both are marked as the rep's.
    let standup = day.blocks.iter().find(|b| b.title == "Standup").unwrap();
    DayEdit::RemoveBlocks(vec![standup.id.clone()])
        .apply(&mut day)
        .unwrap();
    let demo = day.blocks.iter().find(|b| b.title == "ACME demo").unwrap();
    let mut mine = demo.clone();
    mine.title = "ACME demo (pricing)".into();
    DayEdit::change_block(demo, mine).apply(&mut day).unwrap();
    let planned = day.clone();
    let mut moved = calendar();
    moved[0].start += chrono::Duration::minutes(60);
    moved[0].end += chrono::Duration::minutes(60);
    moved.push(test_item(
        "ics:new",
        "2026-11-30T16:00:00+01:00",
        30,
        "Globex call",
    ));
    let (undo, outcome) = edit(&moved).apply_reporting(&mut day).unwrap();
    assert_eq!((outcome.planned.moved, outcome.planned.added), (1, 1));
    let imported = day.clone();
    assert!(!undo.is_empty());
    let redo = undo.apply(&mut day).unwrap();
    assert_eq!(day.blocks, planned.blocks, "undo restores the plan exactly");
    assert_eq!(day.corrected_blocks, planned.corrected_blocks);
    redo.apply(&mut day).unwrap();
    assert_eq!(day.blocks, imported.blocks, "redo re-applies the import");
    assert_eq!(day.corrected_blocks, imported.corrected_blocks);
}

/// Undoing an import that added a block and then a new block: the undone block's id is not
/// given again, so nothing that pointed at it points at a stranger.
#[test]
fn an_undone_plan_import_leaves_its_ids_retired() {
    let mut day = Day::new(date());
    let undo = DayEdit::PlanImport(Box::new(PlanEdit {
        meetings: wanted(&calendar()),
        ..PlanEdit::default()
    }))
    .apply(&mut day)
    .unwrap();
    undo.apply(&mut day).unwrap();
    assert!(day.blocks.is_empty());
    rep_block(&mut day);
    assert_eq!(day.blocks[0].id, "b3");
}

/// Undoing the rep's own block coming back to the calendar's times puts it where it was.
#[test]
fn undoing_a_plan_import_puts_a_returned_block_back() {
    let mut day = Day::new(date());
    rep_block(&mut day);
    let own = own_event();
    let before = day.clone();
    let returned = sort(&own, &window(), &rules(), Some("j1")).returned;
    let (undo, outcome) = DayEdit::PlanImport(Box::new(PlanEdit {
        returned,
        speaks_for: SpeaksFor::Nothing,
        ..PlanEdit::default()
    }))
    .apply_reporting(&mut day)
    .unwrap();
    assert_eq!(outcome.planned.returned, 1);
    undo.apply(&mut day).unwrap();
    assert_eq!(day, before);
}
