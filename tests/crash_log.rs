//! `protime log` killed with SIGKILL at random moments, 200 times: every day file still parses and
//! every entry whose command exited 0 is in the journal.

use chrono::NaiveDate;
use protime::journal::Journal;
use std::process::{Command, Stdio};
use std::time::Duration;

const BIN: &str = env!("CARGO_BIN_EXE_protime");
const RUNS: u32 = 200;

/// The entry of run `n`: its own minutes on one of three days, so every title is unique.
fn entry(n: u32) -> (NaiveDate, String, String) {
    let date = NaiveDate::from_ymd_opt(2026, 11, 24 + n % 3).unwrap();
    let minute = n / 3;
    let (h, m) = (7 + minute / 60, minute % 60);
    (
        date,
        format!("{h:02}:{m:02}-{h:02}:{m:02}"),
        format!("entry-{n}"),
    )
}

#[test]
fn sigkill_during_log_keeps_every_entry_that_exited_0() {
    let tmp = tempfile::tempdir().unwrap();
    let mut rng = fastrand::Rng::with_seed(0x10C_2026);
    let mut confirmed = vec![];
    for n in 0..RUNS {
        let (date, range, title) = entry(n);
        // A one-minute entry: the range's end is the start plus a minute.
        let range = range.split('-').next().map(|start| {
            let t = chrono::NaiveTime::parse_from_str(start, "%H:%M").unwrap()
                + chrono::Duration::minutes(1);
            format!("{start}-{}", t.format("%H:%M"))
        });
        let mut child = Command::new(BIN)
            .arg("--data-dir")
            .arg(tmp.path())
            .args([
                "log",
                &range.unwrap(),
                "reactive",
                &title,
                "--date",
                &date.to_string(),
            ])
            .env("XDG_CONFIG_HOME", tmp.path().join("config"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(rng.u64(0..=25)));
        let _ = child.kill();
        let status = child.wait().unwrap();
        if status.success() {
            confirmed.push((date, title));
        } else {
            assert!(
                status.code().is_none(),
                "run {n} refused its input: {status}"
            );
        }
    }
    let journal = Journal::new(tmp.path().join("journal"));
    for d in 24..27 {
        let date = NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
        if journal.day_path(date).exists() {
            journal
                .load(date)
                .unwrap_or_else(|e| panic!("{date} must parse: {e}"));
        }
    }
    for (date, title) in &confirmed {
        let day = journal.load(*date).unwrap();
        assert!(
            day.sessions
                .iter()
                .any(|s| s.title.as_deref() == Some(title)),
            "{title} exited 0 but is lost"
        );
    }
    println!(
        "{} of {RUNS} runs finished before the kill; all kept",
        confirmed.len()
    );
}
