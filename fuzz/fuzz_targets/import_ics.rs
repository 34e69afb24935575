//! The calendar reader on arbitrary bytes, through the same checks a file gets: it must never
//! panic, and every item it returns must lie in the period with a positive length of at most a day.
#![no_main]

use chrono::{FixedOffset, NaiveDate};
use libfuzzer_sys::fuzz_target;
use protime::clock::Zone;
use protime::import::{Window, ics, input};

fuzz_target!(|bytes: &[u8]| {
    let Ok(input::Text { text, .. }) = input::check_text("fuzz.ics", bytes.to_vec()) else {
        return;
    };
    let window = Window {
        from: NaiveDate::from_ymd_opt(2026, 11, 13).expect("a real date"),
        to: NaiveDate::from_ymd_opt(2026, 11, 26).expect("a real date"),
        zone: Zone::Fixed(FixedOffset::east_opt(3600).expect("an offset")),
    };
    let Ok(parsed) = ics::parse(&text, &window, &["me@example.com".to_string()]) else {
        return;
    };
    for item in &parsed.items {
        assert!(window.contains(item.start), "{item:?}");
        assert!(item.end > item.start && item.minutes() <= 24 * 60, "{item:?}");
    }
});
