use super::*;
use crate::clock::TestClock;
use crate::domain::Category;
use crate::domain::plan::DayEdit;
use crate::domain::test_support::block;
use chrono::NaiveTime;

fn hm(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

fn add(journal: &Journal, date: &str, title: &str) {
    let mut b = block("", hm(9, 0), hm(10, 0), Category::Proactive);
    b.title = title.into();
    journal
        .update(date.parse().unwrap(), |d| {
            DayEdit::AddBlocks(vec![b]).apply(d).map(|_| ())
        })
        .unwrap();
}

#[test]
fn every_save_in_the_next_fortnight_rewrites_the_feed() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("calendars/protime.ics");
    let feed = Feed {
        path: path.clone(),
        privacy: Privacy::default(),
    };
    let now = DateTime::parse_from_rfc3339("2026-11-30T07:00:00+01:00").unwrap();
    let clock: Arc<dyn Clock> = Arc::new(TestClock::at(now));
    let journal = attach(
        Journal::new(tmp.path().join("journal")),
        move || Some(feed.clone()),
        clock,
        |outcome: Result<(), String>| outcome.unwrap(),
    );
    add(&journal, "2026-11-20", "Before");
    assert!(
        !path.exists(),
        "a day outside the fortnight leaves the feed alone"
    );
    add(&journal, "2026-12-01", "Calls");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("SUMMARY:Calls\r\n"), "{text}");
    add(&journal, "2026-12-13", "Last day");
    add(&journal, "2026-12-14", "After");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("SUMMARY:Last day\r\n"), "{text}");
    assert!(
        !text.contains("After") && !text.contains("Before"),
        "{text}"
    );
    let leftovers: Vec<_> = std::fs::read_dir(path.parent().unwrap()).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "no temp file is left beside the feed");
}

#[test]
fn no_feed_configured_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let now = DateTime::parse_from_rfc3339("2026-11-30T07:00:00+01:00").unwrap();
    let journal = attach(
        Journal::new(tmp.path().join("journal")),
        || None,
        Arc::new(TestClock::at(now)),
        |outcome: Result<(), String>| outcome.unwrap(),
    );
    add(&journal, "2026-11-30", "Calls");
    assert_eq!(
        std::fs::read_dir(tmp.path()).unwrap().count(),
        1,
        "only the journal"
    );
}
