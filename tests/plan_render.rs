//! Snapshots of the Plan tab, wide and narrow, for the days a rep meets.

use chrono::{DateTime, FixedOffset, NaiveTime};
use protime::config::Config;
use protime::domain::{Block, BlockKind, Category, Day, Session, SessionKind};
use protime::journal::Journal;
use protime::tui::new_app;
use protime::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-26T10:42:00+01:00").unwrap()
}

fn hm(text: &str) -> NaiveTime {
    NaiveTime::parse_from_str(text, "%H:%M").unwrap()
}

fn block(id: &str, span: &str, category: Category, title: &str) -> Block {
    let (start, end) = span.split_once('-').unwrap();
    Block {
        id: id.into(),
        start: hm(start),
        end: hm(end),
        category,
        title: title.into(),
        kind: BlockKind::Work,
        account: None,
        objective: None,
        source: None,
    }
}

fn session(id: &str, span: &str, category: Category, kind: SessionKind, title: &str) -> Session {
    let (start, end) = span.split_once('-').unwrap();
    let at = |t: &str| DateTime::parse_from_rfc3339(&format!("2026-11-26T{t}:00+01:00")).unwrap();
    Session {
        id: id.into(),
        start: at(start),
        end: Some(at(end)),
        category,
        kind,
        title: Some(title.into()),
        block: None,
        account: None,
        note: None,
        source: None,
    }
}

fn render(day: Day, config: Config, width: u16, height: u16) -> String {
    let tmp = tempfile::tempdir().unwrap();
    let journal = Journal::new(tmp.path());
    journal
        .update(day.date, |d| {
            *d = day.clone();
            Ok(())
        })
        .unwrap();
    let theme = Theme::new(&config.theme, true);
    let app = new_app(&journal, config, theme, now());
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| f.render_widget(&app, f.area())).unwrap();
    terminal.backend().to_string()
}

fn empty_day() -> Day {
    Day::new(now().date_naive())
}

fn realistic_day() -> Day {
    let mut day = empty_day();
    let mut calls = block(
        "b1",
        "08:30-10:00",
        Category::Proactive,
        "Prospecting calls",
    );
    calls.objective = Some("New logos Q4".into());
    let mut inbox = block("b2", "10:00-10:30", Category::Reactive, "Inbox slot");
    inbox.kind = BlockKind::Inbox;
    let mut proposal = block("b3", "10:30-12:00", Category::Proactive, "ACME proposal");
    proposal.account = Some("ACME".into());
    proposal.objective = Some("Grow ACME".into());
    let mut review = block("b7", "16:45-17:00", Category::Other, "Review the day");
    review.kind = BlockKind::Review;
    day.blocks = vec![
        calls,
        inbox,
        proposal,
        block("b4", "13:00-14:00", Category::Other, "Team meeting"),
        block(
            "b5",
            "14:00-16:30",
            Category::Reactive,
            "Customer requests (buffer)",
        ),
        review,
    ];
    day.sessions = vec![
        session(
            "s1",
            "08:32-09:56",
            Category::Proactive,
            SessionKind::Focus,
            "Prospecting calls",
        ),
        session(
            "s2",
            "10:00-10:35",
            Category::Reactive,
            SessionKind::Inbox,
            "Inbox slot",
        ),
        session(
            "s3",
            "10:30-10:42",
            Category::Proactive,
            SessionKind::Focus,
            "ACME proposal",
        ),
        session(
            "s4",
            "07:40-08:10",
            Category::Reactive,
            SessionKind::Interruption,
            "Globex outage",
        ),
    ];
    day
}

fn overcommitted_day() -> Day {
    let mut day = empty_day();
    for (i, (span, objective)) in [
        ("08:00-11:00", "A"),
        ("11:00-13:00", "B"),
        ("13:00-15:00", "C"),
        ("15:00-16:00", "D"),
    ]
    .iter()
    .enumerate()
    {
        let mut b = block(
            &format!("b{}", i + 1),
            span,
            Category::Proactive,
            &format!("Objective {objective} work"),
        );
        b.objective = Some(objective.to_string());
        day.blocks.push(b);
    }
    day
}

fn overlapping_day() -> Day {
    let mut day = empty_day();
    day.blocks = vec![
        block(
            "b1",
            "09:00-10:30",
            Category::Proactive,
            "Prospecting calls",
        ),
        block("b2", "10:00-11:00", Category::Reactive, "Customer call"),
        block("b3", "14:00-15:00", Category::Other, "Training"),
    ];
    day
}

fn with_objectives() -> Config {
    Config::from_user_text(
        Some("[[objectives]]\nname = \"New logos Q4\"\nweekly_hours = 6\n\n[[objectives]]\nname = \"Grow ACME\"\nweekly_hours = 3\n"),
        "test",
    )
    .unwrap()
}

#[test]
fn empty_day_wide_and_narrow() {
    insta::assert_snapshot!(
        "empty_80x24",
        render(empty_day(), Config::defaults(), 80, 24)
    );
    insta::assert_snapshot!(
        "empty_120x40",
        render(empty_day(), Config::defaults(), 120, 40)
    );
    insta::assert_snapshot!(
        "empty_40x30",
        render(empty_day(), Config::defaults(), 40, 30)
    );
}

#[test]
fn realistic_day_wide_and_narrow() {
    insta::assert_snapshot!(
        "realistic_120x40",
        render(realistic_day(), with_objectives(), 120, 40)
    );
    insta::assert_snapshot!(
        "realistic_40x30",
        render(realistic_day(), with_objectives(), 40, 30)
    );
    // The usual terminal size: the targets move to a line of their own instead of being cut.
    insta::assert_snapshot!(
        "realistic_80x24",
        render(realistic_day(), with_objectives(), 80, 24)
    );
}

#[test]
fn overcommitted_day_wide_and_narrow() {
    insta::assert_snapshot!(
        "overcommitted_120x40",
        render(overcommitted_day(), Config::defaults(), 120, 40)
    );
    insta::assert_snapshot!(
        "overcommitted_40x30",
        render(overcommitted_day(), Config::defaults(), 40, 30)
    );
}

#[test]
fn overlapping_pair_wide_and_narrow() {
    insta::assert_snapshot!(
        "overlapping_120x40",
        render(overlapping_day(), Config::defaults(), 120, 40)
    );
    insta::assert_snapshot!(
        "overlapping_40x30",
        render(overlapping_day(), Config::defaults(), 40, 30)
    );
}

#[test]
fn a_session_without_a_title_is_named_by_its_kind_once() {
    let mut day = empty_day();
    let mut untitled = session(
        "s1",
        "09:02-09:32",
        Category::Proactive,
        SessionKind::Focus,
        "",
    );
    untitled.title = None;
    day.sessions.push(untitled);
    let screen = render(day, Config::defaults(), 120, 30);
    assert!(screen.contains("PRO  focus 09:02–09:32 (0h30)"), "{screen}");
}

#[test]
fn a_session_titled_by_its_kind_is_named_once() {
    let mut day = empty_day();
    day.sessions.push(session(
        "s1",
        "09:00-09:03",
        Category::Reactive,
        SessionKind::Interruption,
        "interruption",
    ));
    let screen = render(day, Config::defaults(), 120, 30);
    assert!(screen.contains("RE   interruption 09:00–09:03"), "{screen}");
}

/// The display column of each character of a rendered line, as a terminal would place it.
fn columns(line: &str) -> Vec<(usize, char)> {
    use unicode_width::UnicodeWidthStr;
    let mut at = 0;
    let mut out = vec![];
    for (i, c) in line.char_indices() {
        out.push((at, c));
        at = line[..i + c.len_utf8()].width();
    }
    out
}

#[test]
fn rows_line_up_whatever_the_title_holds() {
    let titles = [
        "Plain title",
        "a\u{200B}b",
        "\u{202E}abc",
        "👩\u{200D}💻 call",
        "🇩🇪 Berlin",
        "日本語 call",
    ];
    let mut day = empty_day();
    for (i, title) in titles.iter().enumerate() {
        let span = format!("{:02}:00-{:02}:30", 11 + i, 11 + i);
        day.blocks
            .push(block(&format!("b{i}"), &span, Category::Proactive, title));
    }
    for width in [120, 80, 40] {
        let screen = render(day.clone(), Config::defaults(), width, 30);
        let rows: Vec<&str> = screen.lines().filter(|l| l.contains("██")).collect();
        assert_eq!(rows.len(), titles.len(), "{screen}");
        let mut ends = vec![];
        for row in &rows {
            let row = row.trim_start_matches('"');
            let row = row
                .split_once("\" Hidden")
                .map_or(row.trim_end_matches('"'), |r| r.0);
            let cols = columns(row);
            // The right border, and where the figures on the right begin.
            let border = cols.iter().rev().find(|(_, c)| *c == '│').unwrap().0;
            let figures = cols.iter().rev().find(|(_, c)| *c == ' ').unwrap().0;
            let figures = row
                .rfind(if width >= 100 { "planned" } else { " 0h00/" })
                .map(|at| columns(&row[..at]).len())
                .map_or(figures, |n| cols.get(n).map_or(usize::MAX, |c| c.0));
            ends.push((border, figures));
        }
        assert!(
            ends.iter().all(|e| *e == ends[0]),
            "{width} columns: {ends:?}\n{screen}"
        );
        assert_eq!(ends[0].0, usize::from(width) - 1, "{screen}");
    }
    // What surrounds a replaced character stays visible.
    let screen = render(day, Config::defaults(), 120, 30);
    assert!(screen.contains("PRO  a\u{FFFD}b "), "{screen}");
    assert!(screen.contains("PRO  \u{FFFD}abc "), "{screen}");
}
