//! The day-file parser on arbitrary UTF-8: it must never panic, and a text it accepts must
//! survive being saved again, both over itself (the hand-edit path) and from scratch.
#![no_main]

use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;
use protime::journal::format::{parse_day, render_day};
use std::path::Path;

fuzz_target!(|text: &str| {
    let date = NaiveDate::from_ymd_opt(2026, 11, 26).expect("a real date");
    let path = Path::new("2026-11-26.toml");
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
