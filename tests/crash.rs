//! The journal never loses a word: a saving process killed with SIGKILL at random moments keeps
//! every save it acknowledged, and two processes saving the same day keep each other's edits.
//!
//! The child is the hidden `protime debug-save-loop`, which prints `ack TITLE` only after
//! `Journal::update` returned, i.e. after the file and its folder were flushed to disk.

use chrono::{Days, NaiveDate};
use protime::journal::Journal;
use std::collections::BTreeSet;
use std::io::Read;
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::thread::{self, JoinHandle};
use std::time::Duration;

const BIN: &str = env!("CARGO_BIN_EXE_protime");
const KILLS: u64 = 200;
/// Saves are spread over a few days so no file grows large enough to slow the test down.
const DAYS: u64 = 5;

fn first_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

/// A running `debug-save-loop` with its output collected on threads, so a full pipe never blocks
/// it and whatever it printed before dying can still be read.
struct Saver {
    child: Child,
    stdout: JoinHandle<String>,
    stderr: JoinHandle<String>,
}

fn read_all(mut pipe: impl Read + Send + 'static) -> JoinHandle<String> {
    thread::spawn(move || {
        let mut bytes = vec![];
        let _ = pipe.read_to_end(&mut bytes);
        String::from_utf8_lossy(&bytes).into_owned()
    })
}

impl Saver {
    fn spawn(data: &Path, date: NaiveDate, tag: &str, count: u64) -> Saver {
        let mut child = Command::new(BIN)
            .arg("--data-dir")
            .arg(data)
            .args(["debug-save-loop", "--date", &date.to_string(), "--tag", tag])
            .args(["--count", &count.to_string()])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start protime");
        let stdout = read_all(child.stdout.take().unwrap());
        let stderr = read_all(child.stderr.take().unwrap());
        Saver {
            child,
            stdout,
            stderr,
        }
    }

    /// Waits for the process and returns how it ended and the titles it acknowledged. Only whole
    /// lines count: a line cut off by the kill was never acknowledged.
    fn finish(mut self) -> (ExitStatus, Vec<String>, String) {
        let status = self.child.wait().expect("wait for protime");
        let out = self.stdout.join().unwrap();
        let err = self.stderr.join().unwrap();
        let acks = out
            .split_inclusive('\n')
            .filter_map(|l| l.strip_suffix('\n')?.strip_prefix("ack "))
            .map(str::to_string)
            .collect();
        (status, acks, err)
    }
}

/// The block titles of a day as saved on disk; panics if the file does not parse or a title is
/// there twice (a save applied twice would be as wrong as one lost).
fn titles_on_disk(journal: &Journal, date: NaiveDate) -> BTreeSet<String> {
    let day = journal
        .load(date)
        .unwrap_or_else(|e| panic!("{date} must parse after a kill: {e}"));
    let titles: Vec<String> = day.blocks.iter().map(|b| b.title.clone()).collect();
    let unique: BTreeSet<String> = titles.iter().cloned().collect();
    assert_eq!(
        unique.len(),
        titles.len(),
        "a title saved twice: {titles:?}"
    );
    let ids: BTreeSet<&str> = day.blocks.iter().map(|b| b.id.as_str()).collect();
    assert_eq!(ids.len(), titles.len(), "two blocks share an id");
    unique
}

fn assert_all_kept(journal: &Journal, date: NaiveDate, acked: &BTreeSet<String>) {
    let on_disk = titles_on_disk(journal, date);
    let lost: Vec<&String> = acked.difference(&on_disk).collect();
    assert!(lost.is_empty(), "{date}: acknowledged but lost: {lost:?}");
}

/// Kills one saver after `delay` and returns what it acknowledged.
fn run_and_kill(data: &Path, date: NaiveDate, tag: &str, delay: Duration) -> Vec<String> {
    let mut saver = Saver::spawn(data, date, tag, u64::MAX);
    thread::sleep(delay);
    saver.child.kill().expect("SIGKILL protime");
    let (status, acks, err) = saver.finish();
    // Killed is expected; exiting by itself means a save failed, which must never happen here.
    assert!(
        status.code().is_none(),
        "{tag} ended by itself: {status} {err}"
    );
    acks
}

#[test]
fn sigkill_at_random_moments_loses_no_acknowledged_save() {
    let tmp = tempfile::tempdir().unwrap();
    let journal = Journal::new(tmp.path().join("journal"));
    let mut rng = fastrand::Rng::with_seed(0x5EED_2026);
    let mut acked = vec![BTreeSet::new(); DAYS as usize];
    for run in 0..KILLS {
        let date = first_day() + Days::new(run % DAYS);
        let delay = Duration::from_millis(rng.u64(0..=30));
        let acks = run_and_kill(tmp.path(), date, &format!("run{run}"), delay);
        let kept = &mut acked[(run % DAYS) as usize];
        kept.extend(acks);
        assert_all_kept(&journal, date, kept);
    }
    let total: usize = acked.iter().map(BTreeSet::len).sum();
    assert!(total > 0, "no save was acknowledged in {KILLS} runs");
    for (i, kept) in acked.iter().enumerate() {
        assert_all_kept(&journal, first_day() + Days::new(i as u64), kept);
    }
    assert_every_day_file_parses(&journal);
    assert_journal_still_writable(tmp.path());
    println!("{total} acknowledged saves survived {KILLS} kills");
}

/// Every `YYYY-MM-DD.toml` in the journal parses (temp files of killed saves are not day files).
fn assert_every_day_file_parses(journal: &Journal) {
    for year in std::fs::read_dir(journal.root()).unwrap().flatten() {
        if !year.path().is_dir() {
            continue;
        }
        for file in std::fs::read_dir(year.path()).unwrap().flatten() {
            let name = file.file_name().to_string_lossy().into_owned();
            let Some(date) = name.strip_suffix(".toml") else {
                continue;
            };
            if let Ok(date) = date.parse::<NaiveDate>() {
                titles_on_disk(journal, date);
            }
        }
    }
}

/// A kill must not leave the lock held or the journal otherwise stuck: a fresh saver finishes on
/// every day, and its save clears the temp files that killed saves left behind.
fn assert_journal_still_writable(data: &Path) {
    for i in 0..DAYS {
        let date = first_day() + Days::new(i);
        let (status, acks, err) = Saver::spawn(data, date, "after", 2).finish();
        assert!(status.success(), "{err}");
        assert_eq!(acks, ["after-1", "after-2"]);
    }
    let year = data.join("journal/2026");
    let temps: Vec<_> = std::fs::read_dir(year)
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .filter(|n| n.to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(temps.is_empty(), "temp files left behind: {temps:?}");
}

#[test]
fn two_writers_on_one_day_keep_every_edit() {
    let tmp = tempfile::tempdir().unwrap();
    let journal = Journal::new(tmp.path().join("journal"));
    let date = first_day();
    let count = 60;
    let left = Saver::spawn(tmp.path(), date, "left", count);
    let right = Saver::spawn(tmp.path(), date, "right", count);
    let mut acked = BTreeSet::new();
    for saver in [left, right] {
        let (status, acks, err) = saver.finish();
        assert!(status.success(), "{err}");
        assert_eq!(acks.len() as u64, count);
        acked.extend(acks);
    }
    assert_eq!(titles_on_disk(&journal, date), acked);
}

#[test]
fn two_plan_add_loops_on_one_day_keep_every_edit() {
    let tmp = tempfile::tempdir().unwrap();
    let journal = Journal::new(tmp.path().join("journal"));
    let date = first_day();
    let loops: Vec<_> = ["left", "right"]
        .into_iter()
        .map(|tag| plan_add_loop(tmp.path().to_path_buf(), date, tag, 25))
        .collect();
    let mut expected = BTreeSet::new();
    for l in loops {
        expected.extend(l.join().unwrap());
    }
    assert_eq!(titles_on_disk(&journal, date), expected);
}

/// `protime plan add` run `count` times in a row on a thread, like a script a rep might write.
fn plan_add_loop(
    data: std::path::PathBuf,
    date: NaiveDate,
    tag: &'static str,
    count: u32,
) -> JoinHandle<Vec<String>> {
    thread::spawn(move || {
        (1..=count)
            .map(|i| {
                let title = format!("{tag} {i}");
                let out = Command::new(BIN)
                    .arg("--data-dir")
                    .arg(&data)
                    .args(["plan", "add", "09:00-10:00", "proactive", &title])
                    .args(["--date", &date.to_string()])
                    .output()
                    .expect("run protime plan add");
                let err = String::from_utf8_lossy(&out.stderr);
                assert!(out.status.success(), "{title}: {err}");
                title
            })
            .collect()
    })
}
