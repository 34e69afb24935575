//! The key tables are the truth: a tab handles exactly the keys its table lists, in every state
//! it has, and no tab's table takes a key that works on every tab.

use super::global;
use crate::domain::test_support::{block, hm, session};
use crate::domain::{Category, Day, SessionKind};
use crate::templates::Template;
use crate::tui::keys::{Key, every_key, lookup};
use crate::tui::shared::{DayView, with_context};
use crate::tui::tabs::TabView;
use crate::tui::tabs::inbox::{self, InboxTab, Pane};
use crate::tui::tabs::month::{self, MonthTab};
use crate::tui::tabs::plan::{self, PlanTab};
use crate::tui::tabs::review::{self, ReviewTab};
use crate::tui::tabs::sessions::{self, SessionsMode};
use crate::tui::tabs::timer::{self, TimerTab};
use chrono::{DateTime, FixedOffset};
use ratatui::crossterm::event::KeyEvent;

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-26T10:42:00+01:00").unwrap()
}

/// A day with something to act on: a block, a finished session, a parked mail.
fn day() -> Day {
    let mut day = Day::new(now().date_naive());
    day.blocks
        .push(block("b1", hm(9, 0), hm(10, 0), Category::Proactive));
    let start = now() - chrono::Duration::hours(1);
    let end = Some(now() - chrono::Duration::minutes(30));
    day.sessions.push(session(
        "s1",
        start,
        end,
        Category::Reactive,
        SessionKind::Interruption,
    ));
    crate::domain::inbox::park(&mut day, "reply Anna", now()).unwrap();
    day
}

fn plan_tab(sessions: bool) -> PlanTab {
    let mut tab = PlanTab::new(DayView::Loaded(day()));
    tab.set_view(DayView::Loaded(day()), vec![]);
    tab.sessions = sessions.then(SessionsMode::default);
    tab
}

fn inbox_tab(pane: Pane) -> InboxTab {
    let template = Template {
        name: "pricing".into(),
        path: "pricing.md".into(),
        body: Ok("Hi NAME,".into()),
    };
    let mut tab = InboxTab::default();
    tab.pane = pane;
    tab.templates = Ok(vec![template]);
    tab
}

fn review_tab() -> ReviewTab {
    let mut tab = ReviewTab::new(now().date_naive());
    tab.view = DayView::Loaded(day());
    tab
}

/// Every key pressed on a fresh tab from `fresh`: handled exactly when `table` lists it, and
/// never a key of the all-day table.
fn check<A: Copy>(name: &str, table: &[Key<A>], fresh: &dyn Fn() -> Box<dyn TabView>) {
    let today = day();
    for key in every_key() {
        let listed = lookup(table, key).is_some();
        let mut tab = fresh();
        let handled = with_context(now(), Some(&today), |cx| tab.handle_key(key, cx)).is_some();
        assert_eq!(
            handled, listed,
            "{name}: {key:?} handled {handled}, listed {listed}"
        );
        let global = lookup(global::KEYS, key).is_some();
        assert!(!(listed && global), "{name}: {key:?} is an all-day key");
    }
}

#[test]
fn every_tab_handles_exactly_the_keys_of_its_table() {
    check("Plan", plan::KEYS, &|| Box::new(plan_tab(false)));
    check("Plan sessions", sessions::KEYS, &|| {
        Box::new(plan_tab(true))
    });
    check("Timer", timer::KEYS, &|| Box::new(TimerTab::default()));
    check("Inbox", inbox::KEYS, &|| Box::new(inbox_tab(Pane::Parked)));
    check("Inbox templates", inbox::KEYS, &|| {
        Box::new(inbox_tab(Pane::Templates))
    });
    check("Review", review::KEYS, &|| Box::new(review_tab()));
    check("Month", month::KEYS, &|| {
        Box::new(MonthTab::new(now().date_naive()))
    });
}

#[test]
fn a_table_row_is_found_by_each_of_its_keys_and_described_once() {
    for row in global::KEYS {
        for code in row.codes {
            let mut key = KeyEvent::from(*code);
            if row.ctrl {
                key.modifiers = ratatui::crossterm::event::KeyModifiers::CONTROL;
            }
            assert!(lookup(global::KEYS, key).is_some(), "{code:?}");
        }
    }
    let described = crate::tui::keys::describe(global::KEYS);
    assert_eq!(described.len(), global::KEYS.len());
}
