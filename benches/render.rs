//! How long one redraw of each tab takes with a generated, full month: the Month tab's aim is
//! under 2 ms. Run: cargo bench --bench render (a plain harness; no extra crates).

use chrono::{DateTime, FixedOffset, NaiveDate};
use protime::config::Config;
use protime::journal::Journal;
use protime::tui::tabs::Tab;
use protime::tui::theme::Theme;
use protime::tui::{effects, new_app};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::time::{Duration, Instant};

fn main() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let journal = Journal::new(tmp.path().join("journal"));
    let end = NaiveDate::from_ymd_opt(2026, 11, 26).expect("date");
    let offset = FixedOffset::east_opt(3600).expect("offset");
    for day in protime::synth::generate(1, end, 90, offset) {
        journal
            .update(day.date, |d| {
                *d = day.clone();
                Ok(())
            })
            .expect("write day");
    }
    let now = DateTime::parse_from_rfc3339("2026-11-26T15:00:00+01:00").expect("now");
    let config = Config::defaults();
    let theme = Theme::new(&config.theme, false);
    let mut app = new_app(&journal, config, theme, now);
    let mut terminal = Terminal::new(TestBackend::new(160, 48)).expect("terminal");
    println!("one redraw at 160×48 (median of 500), after the tab's data is loaded:");
    for tab in Tab::ALL {
        app.open_tab(tab);
        effects::reload_days(&mut app, &journal);
        let mut times: Vec<Duration> = (0..500)
            .map(|_| {
                let start = Instant::now();
                terminal
                    .draw(|f| f.render_widget(&app, f.area()))
                    .expect("draw");
                start.elapsed()
            })
            .collect();
        times.sort();
        println!(
            "  {:<7} {:>8.3} ms",
            tab.title(),
            times[times.len() / 2].as_secs_f64() * 1000.0
        );
    }
}
