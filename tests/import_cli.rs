//! `protime import`: the real binary on a temp journal, with the clock pinned to Thu 26 Nov 2026.

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::{Path, PathBuf};

struct Env {
    dir: tempfile::TempDir,
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

impl Env {
    fn new() -> Env {
        Env {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn cmd(&self) -> Command {
        let mut cmd = Command::cargo_bin("protime").unwrap();
        cmd.env("PROTIME_DATA_DIR", self.dir.path())
            .env("PROTIME_NOW", "2026-11-26T12:00:00+01:00")
            .env("XDG_CONFIG_HOME", self.dir.path().join("config"));
        cmd
    }

    fn import(&self, what: &str, file: &Path, extra: &[&str]) -> assert_cmd::assert::Assert {
        self.cmd()
            .args(["import", what])
            .arg(file)
            .args(extra)
            .assert()
    }

    /// `report` over the import window (13–26 Nov) in `format`.
    fn report(&self, format: &str) -> assert_cmd::assert::Assert {
        self.cmd()
            .args(["report", "--from", "2026-11-13", "--to", "2026-11-26"])
            .args(["--format", format])
            .assert()
    }

    fn journal(&self) -> PathBuf {
        self.dir.path().join("journal")
    }

    /// Every day file's text, by name.
    fn snapshot(&self) -> Vec<(String, String)> {
        let mut files = vec![];
        let Ok(years) = std::fs::read_dir(self.journal()) else {
            return files;
        };
        for year in years.flatten().filter(|y| y.path().is_dir()) {
            for f in std::fs::read_dir(year.path()).unwrap().flatten() {
                let name = f.file_name().into_string().unwrap();
                files.push((name, std::fs::read_to_string(f.path()).unwrap()));
            }
        }
        files.sort();
        files
    }

    fn day(&self, date: &str) -> String {
        std::fs::read_to_string(self.journal().join("2026").join(format!("{date}.toml")))
            .unwrap_or_default()
    }

    fn scratch(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }
}

#[test]
fn dry_run_prints_the_table_unmatched_items_and_baseline_and_writes_nothing() {
    let env = Env::new();
    env.import("calendar", &fixture("google.ics"), &["--dry-run"])
        .success()
        .stdout(predicate::str::contains(
            "Import 2026-11-13 – 2026-11-26: 6 items",
        ))
        .stdout(predicate::str::contains("PRO (demo)"))
        .stdout(predicate::str::contains("No rule matched 1 item "))
        .stdout(predicate::str::contains(
            "Dentist  [ics:dentist@google.com]",
        ))
        .stdout(predicate::str::contains(
            "Skipped: 1 all-day, 1 declined, 1 free",
        ))
        .stdout(predicate::str::contains("would be: 5 added"))
        .stdout(predicate::str::contains("proactive      1h00     1%"));
    assert!(env.snapshot().is_empty());
    // Without --yes nothing is written either.
    env.import("calendar", &fixture("google.ics"), &[])
        .success()
        .stdout(predicate::str::contains("Add --yes"));
    assert!(env.snapshot().is_empty());
}

#[test]
fn accept_writes_imported_sessions_on_their_local_day() {
    let env = Env::new();
    env.import("calendar", &fixture("google.ics"), &["--yes"])
        .success()
        .stdout(predicate::str::contains("Written: 5 added, 0 updated"));
    let day = env.day("2026-11-17");
    assert!(day.contains("kind = \"imported\""), "{day}");
    assert!(day.contains("category = \"proactive\""), "{day}");
    assert!(
        day.contains("source = \"ics:7kq2demo@google.com\""),
        "{day}"
    );
    assert!(
        day.contains("start = \"2026-11-17T14:00:00+01:00\""),
        "{day}"
    );
    // The unmatched dentist was left out.
    assert!(!env.day("2026-11-23").contains("Dentist"));
    // report sees the imported time.
    env.report("csv")
        .success()
        .stdout(predicate::str::contains("2026-W47,1.00,1.00,0.50"));
}

#[test]
fn reimport_adds_nothing_twice_and_keeps_other_sessions() {
    let env = Env::new();
    env.cmd()
        .args([
            "log",
            "09:00-09:20",
            "pro",
            "Own calls",
            "--date",
            "2026-11-17",
        ])
        .assert()
        .success();
    env.import("crm", &fixture("salesforce.csv"), &["--yes"])
        .success();
    env.import("calendar", &fixture("google.ics"), &["--yes"])
        .success();
    let once = env.snapshot();
    env.import("crm", &fixture("salesforce.csv"), &["--yes"])
        .success()
        .stdout(predicate::str::contains(
            "0 added, 0 updated, 0 removed, 4 unchanged",
        ));
    env.import("calendar", &fixture("google.ics"), &["--yes"])
        .success()
        .stdout(predicate::str::contains(
            "0 added, 0 updated, 0 removed, 5 unchanged",
        ));
    assert_eq!(env.snapshot(), once);
    assert!(env.day("2026-11-17").contains("Own calls"));
}

#[test]
fn a_changed_export_updates_moves_and_removes_only_its_own_sessions() {
    let env = Env::new();
    env.import("crm", &fixture("hubspot.csv"), &["--yes"])
        .success();
    let changed = std::fs::read_to_string(fixture("hubspot.csv"))
        .unwrap()
        .replace("2026-11-17 08:30,00:25:00", "2026-11-18 08:30,00:40:00")
        .replace("Onboarding training", "Onboarding training (2)");
    let path = env.scratch("hubspot2.csv", changed.as_bytes());
    env.import("crm", &path, &["--yes"])
        .success()
        .stdout(predicate::str::contains(
            "1 added, 1 updated, 1 removed, 1 unchanged",
        ));
    assert!(!env.day("2026-11-17").contains("Follow-up"));
    assert!(env.day("2026-11-18").contains("2026-11-18T09:10:00+01:00"));
    assert!(env.day("2026-11-19").contains("Onboarding training (2)"));
}

#[test]
fn a_cancelled_occurrence_leaves_the_journal_on_reimport() {
    let env = Env::new();
    let original = std::fs::read_to_string(fixture("outlook.ics")).unwrap();
    // First export: the support call is still on.
    env.import("calendar", &fixture("outlook.ics"), &["--yes"])
        .success();
    assert!(env.day("2026-11-18").contains("Support call"));
    let cancelled = original.replace(
        "SUMMARY;LANGUAGE=en-US:Support call Brandt GmbH\r\n",
        "SUMMARY;LANGUAGE=en-US:Support call Brandt GmbH\r\nSTATUS:CANCELLED\r\n",
    );
    let path = env.scratch("outlook2.ics", cancelled.as_bytes());
    env.import("calendar", &path, &["--yes"])
        .success()
        .stdout(predicate::str::contains("1 removed"));
    assert!(!env.day("2026-11-18").contains("Support call"));
}

#[test]
fn unmatched_items_can_be_filed_under_a_category() {
    let env = Env::new();
    env.import(
        "crm",
        &fixture("pipedrive.csv"),
        &["--yes", "--unmatched", "reactive"],
    )
    .success()
    .stdout(predicate::str::contains("3 added"))
    .stdout(predicate::str::contains("RE (unmatched)"));
    assert!(env.day("2026-11-25").contains("category = \"reactive\""));
    env.import(
        "crm",
        &fixture("pipedrive.csv"),
        &["--yes", "--unmatched", "urgent"],
    )
    .code(1)
    .stderr(predicate::str::contains(
        "--unmatched: unknown category \"urgent\"",
    ));
}

#[test]
fn what_has_not_started_yet_is_skipped() {
    let env = Env::new();
    let csv = "Activity ID,Subject,Start,Duration\n\
               1,Demo done,2026-11-26 09:00,60\n\
               2,Demo later today,2026-11-26 15:00,60\n";
    let path = env.scratch("today.csv", csv.as_bytes());
    env.import("crm", &path, &["--yes"])
        .success()
        .stdout(predicate::str::contains("Skipped: 1 not yet started"))
        .stdout(predicate::str::contains("Written: 1 added"));
    assert!(!env.day("2026-11-26").contains("Demo later today"));
}

#[test]
fn a_re_import_previews_the_category_the_journal_keeps() {
    let env = Env::new();
    env.import(
        "calendar",
        &fixture("google.ics"),
        &["--yes", "--unmatched", "reactive"],
    )
    .success();
    let day = env.day("2026-11-16");
    let recategorised = day.replace("category = \"other\"", "category = \"reactive\"");
    std::fs::write(env.journal().join("2026/2026-11-16.toml"), recategorised).unwrap();
    env.import("calendar", &fixture("google.ics"), &["--dry-run"])
        .success()
        .stdout(predicate::str::contains("RE (kept)"))
        .stdout(predicate::str::contains("6 unchanged"));
}

#[test]
fn a_bad_row_is_named_by_line_and_the_rest_import() {
    let env = Env::new();
    env.import("crm", &fixture("salesforce.csv"), &["--yes"])
        .success()
        .stderr(predicate::str::contains(
            "not imported: line 6: \"13/45/2026 9:00 AM\" is not a date and time",
        ))
        .stdout(predicate::str::contains("Written: 4 added"));
}

#[test]
fn hostile_files_are_refused_with_a_message_and_the_journal_untouched() {
    let env = Env::new();
    env.cmd()
        .args(["log", "09:00-09:20", "pro", "Own calls"])
        .assert()
        .success();
    let before = env.snapshot();
    let mut long_line = b"Subject,Start,Duration\n".to_vec();
    long_line.extend(std::iter::repeat_n(b'x', 10 * 1024 * 1024));
    let cases: Vec<(&str, PathBuf, &str)> = vec![
        (
            "crm",
            env.scratch("line.csv", &long_line),
            "line 2 is longer than 1024 KB",
        ),
        (
            "calendar",
            env.scratch("bin.ics", b"BEGIN:VCALENDAR\r\n\x00\x01\x02\xff"),
            "binary data",
        ),
        (
            "crm",
            env.scratch("photo.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
            "binary data",
        ),
        ("calendar", fixture("hubspot.csv"), "not an iCalendar file"),
        ("crm", env.scratch("empty.csv", b"\n \n"), "is empty"),
        ("crm", fixture("apple.ics"), "use `protime import calendar`"),
        (
            "crm",
            env.scratch(
                "control.csv",
                b"Subject,Start,Duration\nCaf\xe9\x01,2026-11-20 09:00,30\n",
            ),
            "binary data (a control byte on line 2)",
        ),
        (
            "crm",
            env.scratch("odd.csv", b"\xff\xfeS\0u\0b"),
            "is not UTF-16LE text",
        ),
        (
            "crm",
            env.scratch("contacts.csv", b"Name,Email\nAnna,a@b.example\n"),
            "has no subject column",
        ),
        ("calendar", env.dir.path().to_path_buf(), "is a folder"),
        (
            "calendar",
            env.dir.path().join("missing.ics"),
            "there is no",
        ),
    ];
    for (what, path, expect) in cases {
        env.import(what, &path, &["--yes"])
            .code(1)
            .stderr(predicate::str::contains(expect));
    }
    assert_eq!(env.snapshot(), before);
}

#[test]
fn a_huge_file_is_refused_before_it_is_read() {
    let env = Env::new();
    let path = env.dir.path().join("huge.ics");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(40 * 1024 * 1024).unwrap(); // sparse: no disk used
    env.import("calendar", &path, &["--yes"])
        .code(1)
        .stderr(predicate::str::contains("larger than 32 MB"));
    assert!(env.snapshot().is_empty());
}

#[test]
fn bad_periods_are_refused() {
    let env = Env::new();
    let f = fixture("google.ics");
    env.import(
        "calendar",
        &f,
        &["--from", "2026-13-01", "--to", "2026-11-30"],
    )
    .code(1)
    .stderr(predicate::str::contains("YYYY-MM-DD"));
    env.import(
        "calendar",
        &f,
        &["--from", "2026-11-20", "--to", "2026-11-01"],
    )
    .code(1)
    .stderr(predicate::str::contains("earlier day first"));
    env.import("calendar", &f, &["--since", "fortnight"])
        .code(1)
        .stderr(predicate::str::contains("like 14d or 2w"));
    env.import("calendar", &f, &["--from", "2026-11-01"])
        .code(1)
        .stderr(predicate::str::contains("--to"));
}

#[test]
fn from_and_to_pick_the_period() {
    let env = Env::new();
    env.import(
        "calendar",
        &fixture("outlook.ics"),
        &["--from", "2026-11-01", "--to", "2026-11-13", "--yes"],
    )
    .success()
    .stdout(predicate::str::contains(
        "Import 2026-11-01 – 2026-11-13: 1 item",
    ))
    .stdout(predicate::str::contains("PRO (account plan)"));
    assert!(env.day("2026-11-12").contains("Account plan"));
}

#[test]
fn an_unreadable_day_stops_the_import_before_any_write() {
    let env = Env::new();
    let year = env.journal().join("2026");
    std::fs::create_dir_all(&year).unwrap();
    std::fs::write(year.join("2026-11-20.toml"), "schema = 1\n[[block]\n").unwrap();
    let before = env.snapshot();
    env.import("crm", &fixture("salesforce.csv"), &["--yes"])
        .code(2)
        .stderr(predicate::str::contains("2026-11-20.toml:2:"))
        .stderr(predicate::str::contains("Nothing was imported"));
    assert_eq!(env.snapshot(), before);
}

#[test]
fn overlapping_imports_count_once_in_the_baseline() {
    let env = Env::new();
    let csv = "Subject,Start,Duration,Activity ID\nDemo A,2026-11-20 09:00,60,1\nDemo B,2026-11-20 09:30,60,2\n";
    let path = env.scratch("overlap.csv", csv.as_bytes());
    // Capacity counts from the journal's first day, the import's 20 Nov (as `report` then
    // does): 8h a day for 20, 23, 24 and 25 Nov, and today's so far.
    env.import("crm", &path, &["--yes"])
        .success()
        .stdout(predicate::str::contains("proactive      1h30     4%"))
        .stdout(predicate::str::contains("capacity      35h17"));
}

#[test]
fn json_output_lists_items_and_baseline() {
    let env = Env::new();
    let out = env
        .cmd()
        .args(["--json", "import", "crm"])
        .arg(fixture("hubspot.csv"))
        .arg("--dry-run")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["items"].as_array().unwrap().len(), 3);
    assert_eq!(v["items"][0]["source"], "crm:91234001");
    assert_eq!(v["baseline_minutes"]["other"], 60);
    assert_eq!(v["written"], false);
}

#[test]
fn exports_in_windows_1252_and_utf16_are_converted_and_say_so() {
    let env = Env::new();
    env.import("crm", &fixture("salesforce-1252.csv"), &["--yes"])
        .success()
        .stdout(predicate::str::contains("Note: read as windows-1252"))
        .stdout(predicate::str::contains("Demo für Müller"))
        .stdout(predicate::str::contains("Written: 2 added"));
    assert!(
        env.day("2026-11-20")
            .contains("account = \"Müller & Söhne\"")
    );
    assert!(env.day("2026-11-23").contains("Support „Lieferschein“"));
    let out = env
        .cmd()
        .args(["--json", "import", "crm"])
        .arg(fixture("hubspot-utf16le.txt"))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["encoding"], "UTF-16LE");
    assert!(v["notices"][0].as_str().unwrap().contains("UTF-16LE"));
    assert_eq!(v["items"][0]["title"], "Demo Kühne €");
    assert_eq!(v["items"][1]["start"], "2026-11-25T15:00:00+01:00");
    // A UTF-8 calendar says nothing about its encoding.
    let out = env
        .cmd()
        .args(["--json", "import", "calendar"])
        .arg(fixture("google.ics"))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["encoding"], "UTF-8");
    assert_eq!(v["notices"], serde_json::json!([]));
}

#[test]
fn polish_and_russian_exports_are_detected_and_say_so() {
    let env = Env::new();
    env.import(
        "crm",
        &fixture("salesforce-1250.csv"),
        &["--yes", "--unmatched", "other"],
    )
    .success()
    .stdout(predicate::str::contains("Note: read as windows-1250"))
    .stdout(predicate::str::contains("Spotkanie w Łodzi"))
    .stdout(predicate::str::contains("Written: 2 added"));
    assert!(
        env.day("2026-11-20")
            .contains("account = \"Łódź Logistyka\"")
    );
    assert!(
        env.day("2026-11-23")
            .contains("account = \"Żółć Sp. z o.o.\"")
    );
    env.import(
        "crm",
        &fixture("salesforce-1251.csv"),
        &["--yes", "--unmatched", "other"],
    )
    .success()
    .stdout(predicate::str::contains("Note: read as windows-1251"))
    .stdout(predicate::str::contains("Встреча с клиентом"));
    assert!(env.day("2026-11-23").contains("account = \"ООО Москва\""));
}

#[test]
fn encoding_names_the_export_s_encoding_and_an_unknown_one_is_refused() {
    let env = Env::new();
    let out = env
        .cmd()
        .args(["--json", "import", "crm", "--encoding", "cp1251"])
        .arg(fixture("salesforce-1250.csv"))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["encoding"], "windows-1251");
    assert_eq!(v["notices"][0], "read as windows-1251, as you asked");
    // "Łódź" in Windows-1250 bytes, read as Cyrillic because the rep said so.
    assert_eq!(v["items"][0]["account"], "Јуdџ Logistyka");
    env.import(
        "crm",
        &fixture("salesforce-1250.csv"),
        &["--encoding", "klingon"],
    )
    .code(1)
    .stderr(predicate::str::contains(
        "--encoding: unknown encoding \"klingon\"",
    ));
    // The config key does the same, and the flag overrides it.
    let config = env.dir.path().join("config/protime");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("config.toml"),
        "[import]\nencoding = \"windows-1251\"\n",
    )
    .unwrap();
    env.import("crm", &fixture("salesforce-1250.csv"), &["--dry-run"])
        .success()
        .stdout(predicate::str::contains("Јуdџ Logistyka"));
    env.import(
        "crm",
        &fixture("salesforce-1250.csv"),
        &["--dry-run", "--encoding", "auto"],
    )
    .success()
    .stdout(predicate::str::contains("Łódź Logistyka"));
    assert!(env.snapshot().is_empty());
}

#[test]
fn activities_that_did_not_happen_are_skipped_by_status_and_leave_on_reimport() {
    let env = Env::new();
    env.import("crm", &fixture("hubspot-outcome.csv"), &["--yes"])
        .success()
        .stdout(predicate::str::contains(
            "Skipped: 2 cancelled, 1 not done, 1 outside the period",
        ))
        .stdout(predicate::str::contains("Written: 2 added"));
    assert!(env.day("2026-11-18").contains("Demo warehouse app"));
    assert!(!env.day("2026-11-19").contains("Pitch to board"));
    let cancelled = std::fs::read_to_string(fixture("hubspot-outcome.csv"))
        .unwrap()
        .replace("Helix Logistics,Completed", "Helix Logistics,Canceled");
    let path = env.scratch("outcome2.csv", cancelled.as_bytes());
    env.import("crm", &path, &["--yes"])
        .success()
        .stdout(predicate::str::contains("0 added, 0 updated, 1 removed"));
    assert!(!env.day("2026-11-18").contains("Demo warehouse app"));
}

#[test]
fn an_activity_past_midnight_counts_on_each_day_and_reimports_unchanged() {
    // A period ending yesterday, so the last activity spills into a day after it.
    const PERIOD: &[&str] = &["--from", "2026-11-13", "--to", "2026-11-25", "--yes"];
    let env = Env::new();
    let csv = "Activity ID,Subject,Start,Duration\n\
               1,Demo for Sydney,2026-11-20 22:00,210\n\
               2,Demo for Auckland,2026-11-25 23:00,120\n";
    let path = env.scratch("late.csv", csv.as_bytes());
    env.import("crm", &path, PERIOD)
        .success()
        .stdout(predicate::str::contains("2026-11-20 22:00-01:30   210"))
        .stdout(predicate::str::contains("Written: 4 added"))
        // Only the period's days count in the baseline: 3.5 h plus the hour before midnight.
        .stdout(predicate::str::contains("proactive      4h30"));
    assert!(
        env.day("2026-11-21")
            .contains("source = \"crm:1#2026-11-21\"")
    );
    assert!(
        env.day("2026-11-26")
            .contains("source = \"crm:2#2026-11-26\"")
    );
    env.cmd()
        .args(["report", "--from", "2026-11-20", "--to", "2026-11-21"])
        .args(["--by", "day", "--format", "csv"])
        .assert()
        .success()
        .stdout(predicate::str::contains("2026-11-20,2.00,"))
        .stdout(predicate::str::contains("2026-11-21,1.50,"));
    let once = env.snapshot();
    env.import("crm", &path, PERIOD)
        .success()
        .stdout(predicate::str::contains(
            "0 added, 0 updated, 0 removed, 4 unchanged",
        ));
    assert_eq!(env.snapshot(), once);
    // The activity moved before midnight: its part on the next day goes.
    let moved = csv.replace("2026-11-25 23:00,120", "2026-11-25 20:00,120");
    let path = env.scratch("late2.csv", moved.as_bytes());
    env.import("crm", &path, PERIOD)
        .success()
        .stdout(predicate::str::contains("1 updated, 1 removed"));
    assert!(!env.day("2026-11-26").contains("crm:2"));
}

#[test]
fn floating_times_get_the_offset_of_their_own_date_whatever_the_season_now() {
    // The real clock (no PROTIME_NOW) in a zone with daylight saving: July times are +02:00 and
    // January ones +01:00, whichever is in force today.
    let env = Env::new();
    let csv = env.scratch(
        "seasons.csv",
        b"Activity ID,Subject,Start,Duration\n1,Demo,2026-01-15 09:00,60\n2,Demo,2026-07-01 09:00,60\n",
    );
    let ics = env.scratch(
        "seasons.ics",
        b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:w1\r\nSUMMARY:Demo\r\n\
          DTSTART:20260115T140000\r\nDTEND:20260115T150000\r\nEND:VEVENT\r\n\
          BEGIN:VEVENT\r\nUID:s1\r\nSUMMARY:Demo\r\n\
          DTSTART:20260701T140000\r\nDTEND:20260701T150000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
    );
    for (what, path, hour) in [("crm", &csv, "09"), ("calendar", &ics, "14")] {
        let out = env
            .cmd()
            .env_remove("PROTIME_NOW")
            .env("TZ", "Europe/Berlin")
            .args(["--json", "import", what])
            .arg(path)
            .args(["--from", "2026-01-15", "--to", "2026-07-02"])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        let winter = format!("2026-01-15T{hour}:00:00+01:00");
        let summer = format!("2026-07-01T{hour}:00:00+02:00");
        assert_eq!(v["items"][0]["start"], winter, "{what}");
        assert_eq!(v["items"][1]["start"], summer, "{what}");
    }
}

/// QA: the import's baseline said "capacity 80.00h" where the `report` it points to said 32h00
/// (counting starts at the journal's first day): one rule, one number.
#[test]
fn the_baseline_counts_capacity_as_the_report_it_points_to() {
    let env = Env::new();
    let csv = "Subject,Start,Duration,Activity ID\nDemo A,2026-11-20 09:00,60,1\n";
    let path = env.scratch("one.csv", csv.as_bytes());
    let out = env.import("crm", &path, &["--yes", "--json"]).success();
    let doc: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let tracked = doc["baseline_minutes"]["proactive"].as_i64().unwrap();
    let report = env.report("json").success();
    let report: serde_json::Value = serde_json::from_slice(&report.get_output().stdout).unwrap();
    let total = &report["total"];
    assert_eq!(total["minutes"]["proactive"].as_i64(), Some(tracked));
    let preview = env.import("crm", &path, &["--dry-run"]).success();
    let printed = String::from_utf8(preview.get_output().stdout.clone()).unwrap();
    let capacity = printed.lines().find(|l| l.starts_with("capacity")).unwrap();
    let (h, m) = capacity
        .split_whitespace()
        .nth(1)
        .and_then(|hm| hm.split_once('h'))
        .unwrap();
    let minutes = h.parse::<i64>().unwrap() * 60 + m.parse::<i64>().unwrap();
    assert_eq!(
        total["capacity_minutes"].as_i64(),
        Some(minutes),
        "{capacity} vs {total}"
    );
}

/// #21: `[import.crm] tier` names the CRM's tier column; `--yes` saves the tiers of accounts
/// without one into `[accounts.tier]` (through the config writer: the file's comments stay), a
/// tier the rep set is never overwritten, and the output says which it set and which it left.
#[test]
fn a_crm_tier_column_sets_the_tiers_the_rep_has_not_set() {
    let env = Env::new();
    let config = env.dir.path().join("config/protime/config.toml");
    std::fs::create_dir_all(config.parent().unwrap()).unwrap();
    let mine = "# my tiers\n[import.crm]\ntier = \"Segment\"\n\n[accounts.tier]\n\"Brandt GmbH\" = \"D\" # tiny\n";
    std::fs::write(&config, mine).unwrap();
    let csv = env.scratch(
        "tiers.csv",
        "Subject,Start Date Time,End Date Time,Account Name,Segment\n\
         Discovery call,11/16/2026 10:00 AM,11/16/2026 10:45 AM,Nordwind AG,a\n\
         Complaint,11/20/2026 9:15 AM,11/20/2026 9:45 AM,Brandt GmbH,B\n\
         Old call,10/01/2026 9:00 AM,10/01/2026 9:30 AM,Helix Logistics,C\n\
         Demo,11/24/2026 9:00 AM,11/24/2026 9:30 AM,Umbrella,Gold\n"
            .as_bytes(),
    );
    let dry = env.import("crm", &csv, &["--dry-run"]).success();
    let out = String::from_utf8_lossy(&dry.get_output().stdout).into_owned();
    assert!(
        out.contains(
            "Tiers from the CRM, would be set (nothing written): Helix Logistics C, Nordwind AG A"
        ),
        "{out}"
    );
    assert_eq!(std::fs::read_to_string(&config).unwrap(), mine);
    let done = env.import("crm", &csv, &["--yes"]).success();
    let out = String::from_utf8_lossy(&done.get_output().stdout).into_owned();
    assert!(
        out.contains("Tiers from the CRM, set in [accounts.tier] of")
            && out.contains(": Helix Logistics C, Nordwind AG A"),
        "{out}"
    );
    assert!(
        out.contains("Tiers you set, left as they are: Brandt GmbH D (the CRM says B)"),
        "{out}"
    );
    assert!(
        out.contains("Not one of your tiers, left out: Umbrella \"Gold\""),
        "{out}"
    );
    let written = std::fs::read_to_string(&config).unwrap();
    assert!(written.starts_with("# my tiers\n"), "{written}");
    assert!(
        written.contains("\"Brandt GmbH\" = \"D\" # tiny"),
        "{written}"
    );
    assert!(written.contains("\"Nordwind AG\" = \"A\""), "{written}");
    assert!(written.contains("\"Helix Logistics\" = \"C\""), "{written}");
    // Again: nothing more to set, and the JSON says what was left.
    let again = env.import("crm", &csv, &["--yes", "--json"]).success();
    let doc: serde_json::Value = serde_json::from_slice(&again.get_output().stdout).unwrap();
    assert_eq!(doc["tiers"]["set"], serde_json::json!([]));
    assert_eq!(doc["tiers"]["kept"].as_array().unwrap().len(), 3, "{doc}");
    assert_eq!(std::fs::read_to_string(&config).unwrap(), written);
}
