//! The app shell rendered into a `TestBackend`: insta snapshots at fixed sizes, a no-panic sweep over
//! small sizes, and the event loop itself driven by key events through a channel.

use chrono::{DateTime, FixedOffset};
use insta::assert_snapshot;
use protime::clock::{Clock, TestClock};
use protime::config::Config;
use protime::journal::Journal;
use protime::tui::app::App;
use protime::tui::event::Event;
use protime::tui::tabs::Tab;
use protime::tui::theme::Theme;
use protime::tui::{event_loop, new_app};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;
use tempfile::TempDir;

const NOW: &str = "2026-11-26T10:42:00+01:00";

fn now() -> DateTime<FixedOffset> {
    TestClock::at_rfc3339(NOW).now()
}

/// The app as `run` builds it, on a journal in `root`, without colour so snapshots hold all of it.
fn app_on(root: &Path) -> App {
    let config = Config::defaults();
    let theme = Theme::new(&config.theme, true);
    new_app(&Journal::new(root.join("journal")), config, theme, now())
}

fn empty_journal() -> TempDir {
    tempfile::tempdir().expect("temp dir")
}

fn draw(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    terminal
        .draw(|frame| frame.render_widget(app, frame.area()))
        .expect("draw");
    terminal
}

#[test]
fn each_tab_at_120x40() {
    let dir = empty_journal();
    let mut app = app_on(dir.path());
    for tab in Tab::ALL {
        app.open_tab(tab);
        let name = format!("tab_{}_120x40", tab.title().to_lowercase());
        assert_snapshot!(name, draw(&app, 120, 40).backend());
    }
}

#[test]
fn too_small_asks_to_enlarge() {
    let dir = empty_journal();
    assert_snapshot!(draw(&app_on(dir.path()), 20, 5).backend());
}

#[test]
fn help_overlay_at_120x40() {
    let dir = empty_journal();
    let mut app = app_on(dir.path());
    app.open_tab(Tab::Timer);
    app.show_help(true);
    assert_snapshot!(draw(&app, 120, 40).backend());
}

/// A temp folder whose path has the same length on every machine, so wrapped text is stable.
fn fixed_length_dir() -> TempDir {
    tempfile::Builder::new()
        .prefix("protime-")
        .rand_bytes(8)
        .tempdir_in("/tmp")
        .expect("temp dir in /tmp")
}

fn write_corrupt_today(root: &Path) {
    let journal = Journal::new(root.join("journal"));
    let path = journal.day_path(now().date_naive());
    std::fs::create_dir_all(path.parent().expect("year folder")).expect("mkdir");
    std::fs::write(&path, "schema = 1\ndate = \"2026-11-26\"\n[[block]\n").expect("write");
}

#[test]
fn unreadable_day_is_shown_read_only() {
    let dir = fixed_length_dir();
    write_corrupt_today(dir.path());
    let terminal = draw(&app_on(dir.path()), 120, 40);
    let screen = terminal.backend().to_string();
    let random = dir.path().to_str().expect("utf-8 path");
    assert!(screen.contains(random), "the message names the file");
    assert_snapshot!(screen.replace(random, "/tmp/protime-XXXXXXXX"));
}

fn render_all_screens(app: &mut App, area: Rect) {
    for help in [false, true] {
        for tab in Tab::ALL {
            app.open_tab(tab);
            app.show_help(help);
            let mut buf = Buffer::empty(area);
            (&*app).render(area, &mut buf);
        }
    }
}

#[test]
fn every_screen_renders_at_every_small_size_and_a_huge_one() {
    let dir = fixed_length_dir();
    write_corrupt_today(dir.path());
    let mut app = app_on(dir.path());
    app.say("a banner that is much longer than the narrowest terminal".into());
    for width in 0..=40 {
        for height in 0..=15 {
            render_all_screens(&mut app, Rect::new(0, 0, width, height));
        }
    }
    render_all_screens(&mut app, Rect::new(0, 0, 1000, 1000));
}

fn key(c: KeyCode) -> Event {
    Event::Key(KeyEvent::new(c, KeyModifiers::NONE))
}

/// Runs `event_loop` on its own thread with `events` queued; `hang_up` drops the sender after them.
/// Returns the final screen, or fails if the loop does not return within 10 s.
fn run_loop(root: &Path, mut app: App, events: Vec<Event>, hang_up: bool) -> String {
    let (tx, rx) = mpsc::channel();
    for event in events {
        tx.send(event).expect("queue event");
    }
    let keep = (!hang_up).then_some(tx);
    let journal = Journal::new(root.join("journal"));
    let (done_tx, done_rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut terminal = Terminal::new(TestBackend::new(80, 20)).expect("test terminal");
        let clock = TestClock::at_rfc3339(NOW);
        let result = event_loop(&mut terminal, &mut app, &rx, &journal, &clock);
        let _ = done_tx.send(result.map(|()| terminal.backend().to_string()));
    });
    let screen = done_rx.recv_timeout(Duration::from_secs(10));
    drop(keep);
    screen
        .expect("event_loop returned")
        .expect("no backend error")
}

fn run_keys(keys: &[KeyCode], hang_up: bool) -> String {
    let dir = empty_journal();
    let events = keys.iter().map(|k| key(*k)).collect();
    run_loop(dir.path(), app_on(dir.path()), events, hang_up)
}

#[test]
fn event_loop_switches_tabs_and_returns_when_input_ends() {
    let screen = run_keys(
        &[KeyCode::Char('3'), KeyCode::Tab, KeyCode::Char('?')],
        true,
    );
    assert!(
        screen.contains("P partly"),
        "the Review tab's keys: {screen}"
    );
    assert!(screen.contains("Esc closes"), "{screen}");
}

#[test]
fn event_loop_closes_help_with_esc() {
    let keys = [
        KeyCode::Char('3'),
        KeyCode::Tab,
        KeyCode::Char('?'),
        KeyCode::Esc,
    ];
    let screen = run_keys(&keys, true);
    assert!(
        screen.contains("P partly"),
        "the Review tab's keys: {screen}"
    );
    assert!(!screen.contains("Keys · Esc closes"), "{screen}");
}

#[test]
fn event_loop_returns_on_q_while_input_is_still_open() {
    // Without the quit the loop would wait for the next minute and the 10 s limit would fail.
    let screen = run_keys(&[KeyCode::Char('q')], false);
    assert!(screen.contains("┌ Plan · Thu 26 Nov 2026 "), "{screen}");
}

#[test]
fn event_loop_reloads_the_day_when_the_journal_changes() {
    for (changed, read_only) in [(false, false), (true, true)] {
        let dir = fixed_length_dir();
        let app = app_on(dir.path());
        write_corrupt_today(dir.path());
        let events = if changed {
            vec![Event::JournalChanged]
        } else {
            vec![]
        };
        let screen = run_loop(dir.path(), app, events, true);
        assert_eq!(screen.contains("read-only"), read_only, "{screen}");
    }
}

/// Text snapshots drop styles, so the selected tab's highlight is checked cell by cell.
#[test]
fn only_the_selected_tab_is_highlighted() {
    use protime::tui::ui::tab_ranges;
    use ratatui::style::Modifier;
    let dir = empty_journal();
    let mut app = app_on(dir.path());
    for selected in Tab::ALL {
        app.open_tab(selected);
        let terminal = draw(&app, 120, 40);
        let buf = terminal.backend().buffer();
        for (tab, columns) in tab_ranges(120, selected) {
            for x in columns {
                let reversed = buf[(x, 0)].modifier.contains(Modifier::REVERSED);
                assert_eq!(reversed, tab == selected, "{tab:?} at column {x}");
            }
        }
    }
}

/// The help of the Plan tab (the longest table) at 40×30, 80×24 and 120×40, first page and last.
#[test]
fn help_fits_40_80_and_120_columns_and_scrolls() {
    let dir = empty_journal();
    for (width, height) in [(40, 30), (80, 24), (120, 40)] {
        let mut app = app_on(dir.path());
        app.show_help(true);
        assert_snapshot!(
            format!("help_plan_{width}x{height}"),
            draw(&app, width, height).backend()
        );
        for _ in 0..60 {
            app.handle(&key(KeyCode::Down));
        }
        let last = draw(&app, width, height).backend().to_string();
        assert!(last.contains("quit (everything"), "q is reachable:\n{last}");
        assert_snapshot!(format!("help_plan_{width}x{height}_end"), last);
    }
}

/// Every word of every help text appears whole somewhere while scrolling the help through.
#[test]
fn help_never_cuts_a_word() {
    let dir = empty_journal();
    for width in [40, 80, 120] {
        let mut app = app_on(dir.path());
        app.show_help(true);
        let mut seen = String::new();
        for _ in 0..40 {
            seen.push_str(&draw(&app, width, 24).backend().to_string());
            app.handle(&key(KeyCode::Down));
        }
        let words: std::collections::BTreeSet<String> = seen
            .split(|c: char| c.is_whitespace() || c == '│' || c == '"')
            .map(str::to_string)
            .collect();
        for help in [
            "start the selected or current block: focus on a work block, the slot on an inbox block",
            "show the day's tracked sessions, to correct, split, join or delete them",
            "mark the day off: holiday, leave, working",
        ] {
            for word in help.split_whitespace() {
                assert!(words.contains(word), "{word:?} cut at {width} columns");
            }
        }
    }
}

/// The conflicts a sync left (`C` on the Plan tab): each with both sides, the chosen one marked,
/// the keys below; wrapped, not cut, when narrow.
#[test]
fn calendar_conflicts_show_both_sides() {
    use protime::sync_link::{Conflict, News};
    let dir = empty_journal();
    let mut app = app_on(dir.path());
    let conflict = |uid: &str, mine: Option<&str>, theirs: Option<&str>| Conflict {
        uid: uid.into(),
        date: chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(),
        why: "changed here and in the calendar since the last sync".into(),
        mine: mine.map(str::to_string),
        theirs: theirs.map(str::to_string),
    };
    let news = [
        News::Conflict(conflict(
            "a",
            Some("09:30-11:00 Prospecting ACME"),
            Some("2026-11-26 10:00-11:30"),
        )),
        News::Conflict(conflict("b", None, Some("2026-11-26 14:00-15:00"))),
        News::Done("Calendar synced: 2 conflicts to settle.".into()),
    ];
    for news in news {
        app.handle(&Event::Sync(news));
    }
    let journal = Journal::new(dir.path().join("journal"));
    let effects = app.handle(&key(KeyCode::Char('C')));
    protime::tui::effects::carry_out(effects, &mut app, &journal);
    app.handle(&key(KeyCode::Down));
    for (width, height) in [(80, 24), (40, 24)] {
        assert_snapshot!(
            format!("conflicts_{width}x{height}"),
            draw(&app, width, height).backend()
        );
    }
}
