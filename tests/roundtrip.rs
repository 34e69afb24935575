//! Property tests of the day file: any text a rep can type survives a save and a load, also when
//! the save merges into a hand-edited file with comments.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, TimeZone};
use proptest::prelude::*;
use protime::domain::{Block, BlockKind, Category, Day, Decision, Review, Session, SessionKind};
use protime::journal::format::{parse_day, render_day};
use std::path::Path;
use toml_edit::{DocumentMut, Item};

fn date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
}

/// Strings built from the pieces that break naive TOML writers, mixed with arbitrary text.
fn text() -> impl Strategy<Value = String> {
    let tricky = prop_oneof![
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("\r".to_string()),
        Just("\"".to_string()),
        Just("\\".to_string()),
        Just("\"\"\"".to_string()),
        Just("'''".to_string()),
        Just("'".to_string()),
        Just("\t".to_string()),
        Just("\u{0}\u{1}\u{1b}\u{7f}".to_string()),
        Just("😀 Ünïcödé".to_string()),
        Just("# not a comment".to_string()),
        Just("\n[[block]]\n".to_string()),
        Just(" ".to_string()),
        any::<String>(),
    ];
    prop::collection::vec(tricky, 0..6).prop_map(|parts| parts.concat())
}

fn optional_text() -> impl Strategy<Value = Option<String>> {
    prop::option::of(text())
}

fn category() -> impl Strategy<Value = Category> {
    prop::sample::select(Category::ALL.to_vec())
}

fn hhmm() -> impl Strategy<Value = NaiveTime> {
    (0u32..24, 0u32..60).prop_map(|(h, m)| NaiveTime::from_hms_opt(h, m, 0).unwrap())
}

/// Ids from a small pool, so a second day often shares ids with the first (what a merge matches on).
fn id(prefix: &'static str) -> impl Strategy<Value = String> {
    prop_oneof![
        4 => (1u32..5).prop_map(move |n| format!("{prefix}{n}")),
        1 => text(),
    ]
}

fn block() -> impl Strategy<Value = Block> {
    let kind = prop::sample::select(vec![BlockKind::Work, BlockKind::Inbox, BlockKind::Review]);
    // A block never ends before it starts (such a file is refused as a hand-edit mistake).
    let times = (hhmm(), hhmm()).prop_map(|(a, b)| (a.min(b), a.max(b)));
    (id("b"), times, category(), text(), kind).prop_flat_map(
        |(id, (start, end), category, title, kind)| {
            let texts = (optional_text(), optional_text(), optional_text());
            texts.prop_map(move |(account, objective, source)| Block {
                id: id.clone(),
                start,
                end,
                category,
                title: title.clone(),
                kind,
                account,
                objective,
                source,
            })
        },
    )
}

/// Whole seconds at a whole-minute offset (what RFC 3339 in the file can hold), on the file's
/// day in that offset.
fn timestamp() -> impl Strategy<Value = DateTime<FixedOffset>> {
    (-14 * 60..=14 * 60i32, 0i64..86_400).prop_map(|(minutes, secs)| {
        let offset = FixedOffset::east_opt(minutes * 60).unwrap();
        let midnight = date().and_hms_opt(0, 0, 0).unwrap();
        offset.from_local_datetime(&midnight).unwrap() + chrono::Duration::seconds(secs)
    })
}

/// A session's start and, when it ended, an end at most a day later.
fn session_times() -> impl Strategy<Value = (DateTime<FixedOffset>, Option<DateTime<FixedOffset>>)>
{
    (timestamp(), prop::option::of(0i64..=86_400))
        .prop_map(|(start, length)| (start, length.map(|l| start + chrono::Duration::seconds(l))))
}

fn session_kind() -> impl Strategy<Value = SessionKind> {
    prop::sample::select(vec![
        SessionKind::Focus,
        SessionKind::Break,
        SessionKind::Interruption,
        SessionKind::Inbox,
        SessionKind::Manual,
        SessionKind::Imported,
    ])
}

fn session() -> impl Strategy<Value = Session> {
    let times = session_times();
    let texts = (
        optional_text(),
        optional_text(),
        optional_text(),
        optional_text(),
        optional_text(),
    );
    (id("s"), times, category(), session_kind(), texts).prop_map(
        |(id, (start, end), category, kind, (title, block, account, note, source))| Session {
            id,
            start,
            end,
            category,
            kind,
            title,
            block,
            account,
            note,
            source,
        },
    )
}

fn review() -> impl Strategy<Value = Review> {
    let decided = prop::option::of(prop::sample::select(vec![
        Decision::Yes,
        Decision::Partly,
        Decision::No,
    ]));
    (decided, text(), text()).prop_map(|(decided, note, tomorrow)| Review {
        decided,
        note,
        tomorrow,
    })
}

fn day() -> impl Strategy<Value = Day> {
    let blocks = prop::collection::vec(block(), 0..4);
    let sessions = prop::collection::vec(session(), 0..3);
    (
        optional_text(),
        blocks,
        sessions,
        prop::option::of(review()),
    )
        .prop_map(|(off, mut blocks, mut sessions, review)| {
            // Ids are unique in a day (a file that repeats one is refused).
            for (i, b) in blocks.iter_mut().enumerate() {
                b.id = format!("{}-{i}", b.id);
            }
            for (i, s) in sessions.iter_mut().enumerate() {
                s.id = format!("{}-{i}", s.id);
            }
            let mut day = Day {
                off,
                blocks,
                sessions,
                review,
                ..Day::new(date())
            };
            // A day is written with the oldest format version that holds it.
            day.schema = day.needed_schema();
            day
        })
}

fn parse(text: &str) -> Day {
    parse_day(text, Path::new("2026-11-26.toml"), date())
        .unwrap_or_else(|e| panic!("{e}\n--- file ---\n{text}"))
}

/// What a rep's editor leaves behind: a comment at the top, one above every table and one after
/// every value.
fn hand_edit(text: &str) -> String {
    let mut doc: DocumentMut = text.parse().expect("a rendered day is TOML");
    if let Some(mut key) = doc.as_table_mut().key_mut("schema") {
        key.leaf_decor_mut().set_prefix("# my own notes\n");
    }
    for (_, item) in doc.as_table_mut().iter_mut() {
        match item {
            Item::ArrayOfTables(tables) => tables.iter_mut().for_each(comment_table),
            Item::Table(table) => comment_table(table),
            _ => {}
        }
    }
    doc.to_string()
}

fn comment_table(table: &mut toml_edit::Table) {
    table.decor_mut().set_prefix("\n# above the table\n");
    for (_, value) in table.iter_mut() {
        if let Some(value) = value.as_value_mut() {
            value.decor_mut().set_suffix(" # why this value");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_day_survives_render_then_parse(day in day()) {
        let text = render_day(&day, None);
        prop_assert_eq!(parse(&text), day);
    }

    #[test]
    fn rendering_over_a_hand_edited_file_keeps_the_new_day(old in day(), new in day()) {
        let edited = hand_edit(&render_day(&old, None));
        prop_assert_eq!(&parse(&edited), &old, "comments changed the meaning");
        let text = render_day(&new, Some(&edited));
        prop_assert_eq!(parse(&text), new);
        prop_assert!(text.starts_with("# my own notes\n"), "{}", text);
    }

    #[test]
    fn saving_the_same_day_again_changes_nothing(day in day()) {
        let edited = hand_edit(&render_day(&day, None));
        prop_assert_eq!(render_day(&day, Some(&edited)), edited);
    }
}
