//! The Month tab on generated, sparse and empty months, wide and narrow.

mod common;

use chrono::{FixedOffset, NaiveDate};
use common::{Harness, at};
use protime::domain::Day;
use protime::tui::effects;

fn write(h: &Harness, days: &[Day]) {
    for day in days {
        h.journal
            .update(day.date, |d| {
                *d = day.clone();
                Ok(())
            })
            .unwrap();
    }
}

fn harness(days: &[Day]) -> Harness {
    let mut h = Harness::new(at("2026-11-26T18:00:00+01:00"));
    write(&h, days);
    effects::reload_days(&mut h.app, &h.journal);
    h.type_keys("5");
    h
}

fn generated() -> Vec<Day> {
    let end = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    protime::synth::generate(11, end, 90, FixedOffset::east_opt(3600).unwrap())
}

#[test]
fn a_full_month_with_today_in_it() {
    let h = harness(&generated());
    insta::assert_snapshot!("full_120x32", h.screen(120, 32));
    insta::assert_snapshot!("full_40x30", h.screen(40, 30));
}

#[test]
fn the_month_before_and_the_week_view() {
    let mut h = harness(&generated());
    h.type_keys("h");
    assert_eq!(
        h.app.month_tab().month,
        NaiveDate::from_ymd_opt(2026, 10, 1).unwrap()
    );
    let screen = h.screen(120, 32);
    assert!(screen.contains("Month · October 2026"), "{screen}");
    assert!(screen.contains("in September"), "{screen}");
    h.type_keys("w");
    insta::assert_snapshot!("weeks_120x32", h.screen(120, 32));
    h.type_keys("t");
    assert_eq!(
        h.app.month_tab().month,
        NaiveDate::from_ymd_opt(2026, 11, 1).unwrap()
    );
}

#[test]
fn a_sparse_month() {
    let few: Vec<Day> = generated()
        .into_iter()
        .filter(|d| {
            [3, 4, 17].contains(&d.date.format("%d").to_string().parse::<u32>().unwrap())
                && d.date.format("%m").to_string() == "11"
        })
        .collect();
    let h = harness(&few);
    insta::assert_snapshot!("sparse_120x32", h.screen(120, 32));
    insta::assert_snapshot!("sparse_40x30", h.screen(40, 30));
}

#[test]
fn an_empty_month() {
    let h = harness(&[]);
    insta::assert_snapshot!("empty_120x32", h.screen(120, 32));
    insta::assert_snapshot!("empty_40x30", h.screen(40, 30));
}

#[test]
fn a_broken_day_file_is_named_instead_of_figures() {
    let h = Harness::new(at("2026-11-26T18:00:00+01:00"));
    let path = h
        .journal
        .day_path(NaiveDate::from_ymd_opt(2026, 11, 3).unwrap());
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, "schema = 1\n[[block]\n").unwrap();
    let mut h = h;
    h.type_keys("5");
    assert!(h.screen(120, 32).contains("2026-11-03.toml:2:"));
}
