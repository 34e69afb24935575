//! The day-file parser on arbitrary UTF-8: it must never panic, a text it accepts must survive
//! being saved again, both over itself (the hand-edit path) and from scratch, and the lean reader
//! must read a text exactly as the full TOML parser does, or leave it to that parser.
#![no_main]

use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;
use protime::domain::Day;
use protime::journal::format::{parse_day, render_day};
use protime::journal::lean;
use std::path::Path;

fuzz_target!(|text: &str| {
    let date = NaiveDate::from_ymd_opt(2026, 11, 26).expect("a real date");
    let path = Path::new("2026-11-26.toml");
    if let Some(quick) = lean::read(text) {
        assert_eq!(toml::from_str::<Day>(text).ok(), Some(quick), "the lean reader differs");
    }
    let Ok(day) = parse_day(text, path, date) else {
        return;
    };
    for previous in [Some(text), None] {
        let saved = render_day(&day, previous);
        match parse_day(&saved, path, date) {
            Ok(again) => assert_eq!(again, day, "changed by a save:\n{saved}"),
            Err(e) => panic!("a save does not parse: {e}\n{saved}"),
        }
    }
});
