use super::*;
use crate::import::preview::Origin;
use crate::import::test_item;
use ratatui::crossterm::event::KeyEvent;

fn t(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(text).unwrap()
}

fn proposal(source: &str, start: &str, minutes: i64, title: &str, c: Option<Category>) -> Proposal {
    let origin = match c {
        Some(_) => Origin::Rule("rule".into()),
        None => Origin::Unmatched,
    };
    Proposal {
        item: test_item(source, start, minutes, title),
        category: c,
        origin,
    }
}

fn period() -> Period {
    let now = t("2026-11-26T12:00:00+01:00");
    Period {
        window: Window {
            from: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
            to: NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(),
            zone: crate::clock::Zone::Fixed(*now.offset()),
        },
        days: BTreeMap::new(),
        gone: BTreeSet::new(),
        capacity: crate::domain::test_support::capacity_40h(),
        journal_first: None,
        now,
        notes: vec![],
    }
}

/// Four items: a stand-up twice, a demo (proactive by rule), and a dentist no rule knew.
fn review() -> ImportReview {
    let proposals = vec![
        proposal("a", "2026-11-23T09:30:00+01:00", 30, "Stand-up", None),
        proposal(
            "b",
            "2026-11-23T14:00:00+01:00",
            60,
            "Demo",
            Some(Category::Proactive),
        ),
        proposal("c", "2026-11-24T09:30:00+01:00", 30, "Stand-up", None),
        proposal("d", "2026-11-24T15:00:00+01:00", 30, "Dentist", None),
    ];
    ImportReview::new("cal.ics".into(), proposals, period())
}

fn press(review: &mut ImportReview, keys: &str) -> Option<Outcome> {
    keys.chars()
        .map(|c| review.handle_key(KeyEvent::from(KeyCode::Char(c))))
        .last()
        .flatten()
}

fn categories(review: &ImportReview) -> Vec<Option<Category>> {
    review.proposals.iter().map(|p| p.category).collect()
}

#[test]
fn one_key_sets_the_selected_items_category_and_moves_on() {
    let mut r = review();
    assert_eq!(press(&mut r, "r"), None);
    assert_eq!(r.proposals[0].category, Some(Category::Reactive));
    assert!(r.proposals[0].chosen());
    assert_eq!(r.selected, 1);
    assert_eq!(r.baseline.minutes(Category::Reactive), 30);
    assert_eq!(r.unsorted(), 2);
}

#[test]
fn digits_work_like_letters_and_x_leaves_an_item_out() {
    let mut r = review();
    press(&mut r, "302");
    assert_eq!(
        categories(&r),
        vec![Some(Category::Other), None, Some(Category::Reactive), None]
    );
    assert_eq!(r.baseline.minutes(Category::Proactive), 0);
    press(&mut r, "kkx");
    assert_eq!(r.proposals[1].category, None);
    assert_eq!(r.chosen(), 3);
}

#[test]
fn a_capital_sets_every_item_with_the_same_title() {
    let mut r = review();
    press(&mut r, "O");
    assert_eq!(
        categories(&r),
        vec![
            Some(Category::Other),
            Some(Category::Proactive),
            Some(Category::Other),
            None
        ]
    );
    assert_eq!(r.chosen(), 2);
    assert_eq!(r.baseline.minutes(Category::Other), 60);
}

#[test]
fn tab_jumps_to_the_next_item_without_a_category_and_wraps() {
    let mut r = review();
    r.handle_key(KeyCode::Tab.into());
    assert_eq!(r.selected, 2);
    r.handle_key(KeyCode::Tab.into());
    assert_eq!(r.selected, 3);
    r.handle_key(KeyCode::Tab.into());
    assert_eq!(r.selected, 0);
    press(&mut r, "O");
    r.handle_key(KeyCode::Tab.into());
    assert_eq!(r.selected, 3, "the stand-ups are sorted now");
    press(&mut r, "p");
    r.handle_key(KeyCode::Tab.into());
    assert_eq!(r.selected, 3, "nothing left: the selection stays");
}

#[test]
fn moving_stops_at_both_ends() {
    let mut r = review();
    press(&mut r, "kk");
    assert_eq!(r.selected, 0);
    r.handle_key(KeyCode::PageDown.into());
    assert_eq!(r.selected, 3);
    press(&mut r, "g");
    assert_eq!(r.selected, 0);
    press(&mut r, "G");
    assert_eq!(r.selected, 3);
}

#[test]
fn a_accepts() {
    let mut r = review();
    assert_eq!(press(&mut r, "pa"), Some(Outcome::Accept));
}

#[test]
fn q_abandons_at_once_when_nothing_was_chosen() {
    let mut r = review();
    assert_eq!(press(&mut r, "q"), Some(Outcome::Abandon));
    let mut r = review();
    assert_eq!(r.handle_key(KeyCode::Esc.into()), Some(Outcome::Abandon));
}

#[test]
fn q_after_choices_asks_first_and_any_other_key_keeps_them() {
    let mut r = review();
    press(&mut r, "p");
    assert_eq!(press(&mut r, "q"), None);
    assert!(r.confirm_abandon);
    assert_eq!(press(&mut r, "k"), None);
    assert!(!r.confirm_abandon);
    assert_eq!(press(&mut r, "q"), None);
    assert_eq!(press(&mut r, "a"), None, "a only answers the question");
    assert!(!r.confirm_abandon);
    assert_eq!(r.selected, 1);
    assert_eq!(press(&mut r, "q"), None);
    assert_eq!(press(&mut r, "q"), Some(Outcome::Abandon));
}

#[test]
fn question_mark_opens_the_help_and_any_key_only_closes_it() {
    let mut r = review();
    assert_eq!(press(&mut r, "?"), None);
    assert!(r.help);
    assert_eq!(
        press(&mut r, "q"),
        None,
        "q closes the help, not the review"
    );
    assert!(!r.help);
    assert_eq!(press(&mut r, "?p"), None);
    assert_eq!(
        categories(&r)[0],
        review().proposals[0].category,
        "p only closed it"
    );
    assert_eq!(press(&mut r, "q"), Some(Outcome::Abandon));
}

#[test]
fn ctrl_c_abandons_asking_first_once_choices_were_made() {
    let key = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(review().handle_key(key), Some(Outcome::Abandon));
    let mut r = review();
    press(&mut r, "p");
    assert_eq!(r.handle_key(key), None);
    assert_eq!(r.handle_key(key), Some(Outcome::Abandon));
}

#[test]
fn u_takes_back_the_last_choice_and_returns_to_it() {
    let mut r = review();
    let before = categories(&r);
    press(&mut r, "jjO");
    assert_eq!(r.chosen(), 2);
    press(&mut r, "u");
    assert_eq!(categories(&r), before);
    assert_eq!(r.chosen(), 0);
    assert_eq!(r.selected, 2);
    assert_eq!(r.unsorted(), 3);
    assert_eq!(r.baseline.minutes(Category::Other), 0);
    press(&mut r, "uu");
    assert_eq!(categories(&r), before, "nothing more to undo");
}

#[test]
fn an_item_left_out_by_hand_is_no_longer_unsorted() {
    let mut r = review();
    press(&mut r, "x");
    assert_eq!(r.proposals[0].reason(), "left out");
    assert_eq!(r.unsorted(), 2);
    r.handle_key(KeyCode::Tab.into());
    assert_eq!(r.selected, 2);
    r.handle_key(KeyCode::Tab.into());
    r.handle_key(KeyCode::Tab.into());
    assert_eq!(r.selected, 2, "the item left out is skipped");
}

#[test]
fn an_empty_review_takes_keys_without_trouble() {
    let mut r = ImportReview::new("cal.ics".into(), vec![], period());
    assert_eq!(press(&mut r, "jkpOxu"), None);
    r.handle_key(KeyCode::Tab.into());
    assert_eq!(r.selected, 0);
    assert_eq!(press(&mut r, "q"), Some(Outcome::Abandon));
}

#[test]
fn the_baseline_counts_an_item_overlapping_a_logged_session_once() {
    let mut p = period();
    let date = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let mut day = crate::domain::Day::new(date);
    day.sessions.push(crate::domain::test_support::session(
        "s1",
        t("2026-11-23T14:00:00+01:00"),
        Some(t("2026-11-23T15:00:00+01:00")),
        Category::Proactive,
        crate::domain::SessionKind::Manual,
    ));
    p.days.insert(date, day);
    let proposals = vec![proposal(
        "b",
        "2026-11-23T14:00:00+01:00",
        60,
        "Demo",
        Some(Category::Proactive),
    )];
    let r = ImportReview::new("cal.ics".into(), proposals, p);
    assert_eq!(r.baseline.minutes(Category::Proactive), 60);
}

#[test]
fn slash_finds_the_next_title_holding_a_text_and_n_the_one_after() {
    let mut r = review();
    press(&mut r, "/stand");
    assert_eq!(r.search.typing.as_deref(), Some("stand"));
    assert_eq!(r.proposals[0].category, None, "typing sets no category");
    r.handle_key(KeyCode::Enter.into());
    assert_eq!(r.selected, 2);
    press(&mut r, "n");
    assert_eq!(r.selected, 0, "it wraps around");
    press(&mut r, "/zzz");
    r.handle_key(KeyCode::Enter.into());
    assert!(r.search.missed);
    assert_eq!(r.selected, 0);
    press(&mut r, "j");
    assert!(!r.search.missed);
    press(&mut r, "/x");
    r.handle_key(KeyCode::Esc.into());
    assert_eq!(r.search.typing, None);
    assert_eq!(
        press(&mut r, "q"),
        Some(Outcome::Abandon),
        "Esc only left the search"
    );
}

/// QA: choosing a category for an item the rep had deleted in the journal was silently ignored.
#[test]
fn a_choice_on_an_item_the_rep_corrected_says_it_stays_as_they_left_it() {
    let mut r = review();
    r.proposals[0].origin = Origin::Corrected;
    r.proposals[0].category = None;
    press(&mut r, "P"); // every "Stand-up": the corrected one stays, the other is set
    assert!(r.kept_corrected);
    assert_eq!(r.proposals[0].category, None);
    r.selected = 2;
    press(&mut r, "P");
    assert!(!r.kept_corrected, "the note goes with the next key");
    assert_eq!(r.proposals[0].category, None, "a title choice skips it");
    assert_eq!(r.proposals[2].category, Some(Category::Proactive));
}
