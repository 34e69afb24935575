use super::*;
use crate::domain::Category;
use crate::tui::keys::lookup;
use crate::tui::shared::with_context;
use chrono::NaiveTime;
use ratatui::crossterm::event::{KeyCode, KeyEventKind, KeyEventState, KeyModifiers};

fn action_for(key: KeyEvent) -> Option<PlanAction> {
    lookup(KEYS, key).map(|(a, _)| a)
}

fn press(tab: &mut PlanTab, key: KeyEvent) -> Option<Vec<Effect>> {
    with_context(now(), None, |cx| tab.handle_key(key, cx))
}

use crate::domain::test_support::{self, hm};

fn block(id: &str, start: NaiveTime, end: NaiveTime) -> Block {
    test_support::block(id, start, end, Category::Proactive)
}

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-26T10:42:00+01:00").unwrap()
}

fn tab_with(blocks: Vec<Block>) -> PlanTab {
    let mut day = Day::new(now().date_naive());
    day.blocks = blocks;
    let mut tab = PlanTab::new(DayView::Loaded(day.clone()));
    tab.set_view(DayView::Loaded(day), vec![]);
    tab
}

fn key(c: char) -> KeyEvent {
    KeyEvent {
        code: KeyCode::Char(c),
        modifiers: KeyModifiers::NONE,
        kind: KeyEventKind::Press,
        state: KeyEventState::NONE,
    }
}

#[test]
fn keys_map_to_plan_actions() {
    assert_eq!(action_for(key('J')), Some(PlanAction::MoveLater));
    assert_eq!(action_for(key('K')), Some(PlanAction::MoveEarlier));
    assert_eq!(action_for(key('+')), Some(PlanAction::Grow));
    assert_eq!(
        action_for(KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL)),
        Some(PlanAction::Redo)
    );
    assert_eq!(action_for(key('q')), None, "q stays global");
}

#[test]
fn move_and_resize_produce_edits_of_the_selected_block_by_one_grid_step() {
    let config = Config::defaults();
    let mut tab = tab_with(vec![
        block("b1", hm(9, 0), hm(10, 0)),
        block("b2", hm(11, 0), hm(12, 0)),
    ]);
    tab.update(PlanAction::SelectDown, &config, now());
    let effects = tab.update(PlanAction::MoveLater, &config, now());
    let moved = block("b2", hm(11, 15), hm(12, 15));
    assert_eq!(
        effects,
        vec![Effect::Edit {
            date: tab.date,
            edit: DayEdit::change_block(&block("b2", hm(11, 0), hm(12, 0)), moved),
            history: History::New,
            from: Origin::Plan,
        }]
    );
    let effects = tab.update(PlanAction::Shrink, &config, now());
    let shorter = block("b2", hm(11, 0), hm(11, 45));
    assert_eq!(
        effects,
        vec![Effect::Edit {
            date: tab.date,
            edit: DayEdit::change_block(&block("b2", hm(11, 0), hm(12, 0)), shorter),
            history: History::New,
            from: Origin::Plan,
        }]
    );
}

#[test]
fn add_opens_a_form_at_the_next_free_slot_and_enter_saves() {
    let config = Config::defaults();
    let mut tab = tab_with(vec![block("b1", hm(10, 0), hm(11, 0))]);
    tab.update(PlanAction::Add, &config, now());
    let form = tab.form.as_ref().unwrap();
    assert_eq!(
        (form.form.value("Start"), form.form.value("End")),
        ("11:00", "11:30")
    );
    let effects = press(&mut tab, KeyEvent::from(KeyCode::Enter)).unwrap();
    assert!(tab.form.is_none());
    assert!(
        matches!(&effects[..], [Effect::Edit { edit: DayEdit::AddBlocks(b), .. }] if b[0].start == hm(11, 0))
    );
}

#[test]
fn a_bad_form_stays_open_with_the_reason() {
    let config = Config::defaults();
    let mut tab = tab_with(vec![]);
    tab.update(PlanAction::Add, &config, now());
    for c in "25:00".chars() {
        press(&mut tab, key(c));
    }
    let effects = press(&mut tab, KeyEvent::from(KeyCode::Enter)).unwrap();
    assert!(effects.is_empty());
    assert!(
        tab.form
            .as_ref()
            .unwrap()
            .form
            .error
            .as_ref()
            .unwrap()
            .contains("25:00")
    );
}

#[test]
fn undo_and_redo_walk_the_history() {
    let config = Config::defaults();
    let mut tab = tab_with(vec![]);
    assert_eq!(
        tab.update(PlanAction::Undo, &config, now()),
        vec![Effect::Message("nothing to undo".into())]
    );
    let date = tab.date;
    let added = vec![(date, DayEdit::RemoveBlocks(vec!["b1".into()]))];
    TabView::saved(&mut tab, added, History::New);
    let undo = tab.update(PlanAction::Undo, &config, now());
    assert_eq!(
        undo,
        vec![Effect::Edit {
            date,
            edit: DayEdit::RemoveBlocks(vec!["b1".into()]),
            history: History::Undo,
            from: Origin::Plan,
        }]
    );
    TabView::saved(
        &mut tab,
        vec![(date, DayEdit::AddBlocks(vec![]))],
        History::Undo,
    );
    let redo = tab.update(PlanAction::Redo, &config, now());
    assert_eq!(
        redo,
        vec![Effect::Edit {
            date,
            edit: DayEdit::AddBlocks(vec![]),
            history: History::Redo,
            from: Origin::Plan,
        }]
    );
}

#[test]
fn edits_on_an_unreadable_day_are_refused_with_a_message() {
    let config = Config::defaults();
    let mut tab = PlanTab::new(DayView::Unreadable {
        date: now().date_naive(),
        message: "bad".into(),
    });
    let effects = tab.update(PlanAction::Add, &config, now());
    assert!(matches!(&effects[..], [Effect::Message(m)] if m.contains("read-only")));
    assert!(tab.form.is_none());
}

#[test]
fn template_skips_blocks_that_would_overlap() {
    let config = Config::defaults();
    let mut tab = tab_with(vec![block("b1", hm(8, 0), hm(9, 0))]);
    let effects = tab.update(PlanAction::Template, &config, now());
    let [
        Effect::Edit {
            edit: DayEdit::AddBlocks(blocks),
            ..
        },
        Effect::Message(said),
    ] = &effects[..]
    else {
        panic!("{effects:?}")
    };
    let titles: Vec<&str> = blocks.iter().map(|b| b.title.as_str()).collect();
    assert_eq!(titles, vec!["Inbox slot", "Inbox slot", "Review the day"]);
    assert_eq!(said, "Added 3 blocks from the day template — u undoes");
}

#[test]
fn day_off_cycles_holiday_leave_working() {
    assert_eq!(next_off(None).as_deref(), Some("holiday"));
    assert_eq!(next_off(Some("holiday")).as_deref(), Some("leave"));
    assert_eq!(next_off(Some("leave")), None);
}
