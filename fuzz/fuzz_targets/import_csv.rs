//! The CRM reader on arbitrary bytes with every preset: it must never panic, and every item it
//! returns must lie in the period with a positive length of at most a day.
#![no_main]

use chrono::{FixedOffset, NaiveDate};
use libfuzzer_sys::fuzz_target;
use protime::clock::Zone;
use protime::config::Config;
use protime::import::{Window, crm, input};

fuzz_target!(|bytes: &[u8]| {
    let Ok(input::Text { text, .. }) = input::check_text("fuzz.csv", bytes.to_vec()) else {
        return;
    };
    let window = Window {
        from: NaiveDate::from_ymd_opt(2026, 11, 13).expect("a real date"),
        to: NaiveDate::from_ymd_opt(2026, 11, 26).expect("a real date"),
        zone: Zone::Fixed(FixedOffset::east_opt(3600).expect("an offset")),
    };
    let mut mapping = Config::defaults().import.crm;
    for preset in ["auto", "salesforce", "hubspot", "pipedrive"] {
        mapping.preset = preset.to_string();
        let Ok(parsed) = crm::parse(&text, &mapping, &window) else {
            continue;
        };
        for item in &parsed.items {
            assert!(window.contains(item.start), "{item:?}");
            assert!(item.end > item.start && item.minutes() <= 24 * 60, "{item:?}");
        }
    }
});
