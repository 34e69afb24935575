//! Bad day files, an unwritable folder and a full disk, seen through the command line: protime
//! exits 2 with a message a rep can act on, and the journal on disk is exactly as it was.

mod common;

use assert_cmd::Command;
use common::read_only::ReadOnly;
use predicates::prelude::*;
use std::fs;
use std::path::{Path, PathBuf};

const DATE: &str = "2026-11-26";
const GOOD: &str = "schema = 1\ndate = \"2026-11-26\"\n\n[[block]]\nid = \"b1\"\nstart = \"09:00\"\nend = \"10:00\"\ncategory = \"proactive\"\ntitle = \"Prospecting calls\"\n";

fn protime(data: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_protime"));
    cmd.env_remove("PROTIME_DATA_DIR")
        .arg("--data-dir")
        .arg(data);
    cmd
}

fn year_dir(data: &Path) -> PathBuf {
    data.join("journal/2026")
}

fn day_file(data: &Path) -> PathBuf {
    year_dir(data).join(format!("{DATE}.toml"))
}

fn plan_add(data: &Path, title: &str) -> assert_cmd::assert::Assert {
    protime(data)
        .args([
            "plan",
            "add",
            "11:00-12:00",
            "proactive",
            title,
            "--date",
            DATE,
        ])
        .assert()
}

fn plan_show(data: &Path) -> assert_cmd::assert::Assert {
    protime(data)
        .args(["plan", "show", "--date", DATE])
        .assert()
}

/// Every name and byte under `dir`, to prove a failed command changed nothing (no temp file left
/// behind either). The lock file is left out: taking the lock may create it.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut found = vec![];
    let Ok(entries) = fs::read_dir(dir) else {
        return found;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.file_name().is_some_and(|n| n == ".lock") {
            continue;
        }
        if path.is_dir() {
            found.push((path.clone(), vec![]));
            found.extend(snapshot(&path));
        } else {
            found.push((path.clone(), fs::read(&path).unwrap_or_default()));
        }
    }
    found.sort();
    found
}

/// Writes `bytes` as the day file, then checks that both show and add refuse it with
/// `file:line:column` and leave every byte as it was.
fn check_refused(bytes: &[u8], line: usize, column: usize, says: &str) {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path();
    fs::create_dir_all(year_dir(data)).unwrap();
    fs::write(day_file(data), bytes).unwrap();
    let before = snapshot(data);
    let at = format!("{}:{line}:{column}: ", day_file(data).display());
    let expected = || predicate::str::contains(at.as_str()).and(predicate::str::contains(says));
    plan_show(data).code(2).stderr(expected());
    plan_add(data, "Follow-ups").code(2).stderr(expected());
    assert_eq!(snapshot(data), before, "a refused day file was changed");
}

#[test]
fn corrupt_file_is_refused_and_kept() {
    let corrupt = GOOD.replace("title = \"Prospecting calls\"", "title = Prospecting calls");
    check_refused(corrupt.as_bytes(), 9, 9, "never writes over");
}

#[test]
fn truncated_file_is_refused_and_kept() {
    let cut = &GOOD[..GOOD.find("calls").unwrap()];
    check_refused(cut.as_bytes(), 9, 22, "never writes over");
}

#[test]
fn empty_file_is_refused_and_kept() {
    check_refused(b"", 1, 1, "the file is empty");
    check_refused(b"\n  \n", 1, 1, "the file is empty");
}

#[test]
fn non_utf8_file_is_refused_and_kept() {
    let mut bytes = GOOD.as_bytes().to_vec();
    let at = GOOD.find("Prospecting").unwrap();
    bytes[at + 3] = 0xE9; // "Pro\xe9pecting": Latin-1 é, as an old editor might save it
    check_refused(&bytes, 9, 13, "not UTF-8");
}

#[test]
fn future_schema_is_refused_and_kept() {
    let future = GOOD.replace("schema = 1", "schema = 3");
    check_refused(
        future.as_bytes(),
        1,
        1,
        "written by a newer protime (schema 3)",
    );
}

#[test]
fn wrong_date_inside_is_refused_and_kept() {
    let wrong = GOOD.replace("2026-11-26", "2026-11-25");
    check_refused(wrong.as_bytes(), 2, 1, "its name is for 2026-11-26");
}

#[test]
fn a_block_id_given_twice_is_refused_with_its_line_and_kept() {
    let second = "\n[[block]]\nid = \"b1\"\nstart = \"11:00\"\nend = \"12:00\"\ncategory = \"other\"\ntitle = \"Team\"\n";
    let twice = format!("{GOOD}{second}");
    check_refused(
        twice.as_bytes(),
        12,
        1,
        "the block id \"b1\" is given twice",
    );
}

#[test]
fn read_only_folder_fails_the_save_and_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path();
    plan_add(data, "First").success();
    let Some(_read_only) = ReadOnly::make(&year_dir(data)) else {
        // Neither the mode nor the immutable attribute binds this user: a year "folder" that is
        // a regular file is the unwritable place left that really makes the save fail.
        println!("cannot make a folder read-only here; checking a year path that is a file");
        return year_path_that_is_a_file_fails_the_save();
    };
    let before = snapshot(data);
    plan_add(data, "Second")
        .code(2)
        .stderr(predicate::str::contains("The folder is not writable"))
        .stderr(predicate::str::contains(
            year_dir(data).display().to_string(),
        ));
    assert_eq!(snapshot(data), before);
    plan_show(data)
        .success()
        .stdout(predicate::str::contains("First").and(predicate::str::contains("Second").not()));
}

#[test]
fn year_path_that_is_a_file_fails_the_save() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path();
    fs::create_dir_all(data.join("journal")).unwrap();
    fs::write(year_dir(data), "not a folder").unwrap();
    let before = snapshot(data);
    plan_add(data, "First")
        .code(2)
        .stderr(predicate::str::contains("Not a directory"))
        .stderr(predicate::str::contains(
            day_file(data).display().to_string(),
        ));
    assert_eq!(snapshot(data), before);
}

/// A small tmpfs mounted over a folder, unmounted when dropped.
struct SmallDisk(PathBuf);

impl SmallDisk {
    fn mount(at: &Path) -> Result<SmallDisk, String> {
        let out = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=256k,mode=0700", "tmpfs"])
            .arg(at)
            .output()
            .map_err(|e| format!("cannot run mount: {e}"))?;
        if !out.status.success() {
            return Err(String::from_utf8_lossy(&out.stderr).trim().to_string());
        }
        Ok(SmallDisk(at.to_path_buf()))
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(&self.0).status();
    }
}

/// Writes zeros into `path` until the disk refuses more.
fn fill_disk(path: &Path) {
    use std::io::Write;
    let mut file = fs::File::create(path).unwrap();
    let chunk = [0u8; 4096];
    while file
        .write_all(&chunk)
        .and_then(|()| file.sync_all())
        .is_ok()
    {}
}

#[test]
fn full_disk_fails_the_save_keeps_the_file_and_recovers() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    fs::create_dir(&data).unwrap();
    let _disk = match SmallDisk::mount(&data) {
        Ok(disk) => disk,
        Err(reason) => {
            println!("SKIPPED full-disk test: cannot mount a small tmpfs ({reason})");
            return;
        }
    };
    plan_add(&data, "First").success();
    fill_disk(&data.join("filler"));
    let before = snapshot(&year_dir(&data));
    plan_add(&data, "Second")
        .code(2)
        .stderr(predicate::str::contains("The disk is full"));
    assert_eq!(snapshot(&year_dir(&data)), before);

    fs::remove_file(data.join("filler")).unwrap();
    plan_add(&data, "Third").success();
    plan_show(&data).success().stdout(
        predicate::str::contains("First")
            .and(predicate::str::contains("Third"))
            .and(predicate::str::contains("Second").not()),
    );
}

/// The folders a first save creates are flushed to their parents (power-cut safe), counted with
/// strace: every `fsync` of a folder the save opened.
#[test]
fn a_new_year_folder_is_flushed_to_its_parent() {
    let Ok(status) = std::process::Command::new("strace").arg("-V").output() else {
        panic!("strace is needed for this test: .ci/run installs it");
    };
    assert!(status.status.success());
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path();
    fs::create_dir_all(data.join("journal")).unwrap();
    let log = data.join("strace.txt");
    let out = std::process::Command::new("strace")
        .args(["-f", "-e", "trace=openat,fsync", "-o"])
        .arg(&log)
        .arg(env!("CARGO_BIN_EXE_protime"))
        .arg("--data-dir")
        .arg(data)
        .args([
            "plan",
            "add",
            "11:00-12:00",
            "proactive",
            "Calls",
            "--date",
            DATE,
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let trace = fs::read_to_string(&log).unwrap();
    let journal = data.join("journal");
    let synced = |dir: &Path| {
        let opened = format!("\"{}\", O_RDONLY", dir.display());
        trace
            .lines()
            .filter(|l| l.contains(&opened))
            .filter_map(|l| {
                let fd = l.rsplit("= ").next()?.trim().to_string();
                let pid = l.split_whitespace().next()?.to_string();
                Some((pid, fd))
            })
            .any(|(pid, fd)| {
                trace
                    .lines()
                    .any(|l| l.starts_with(&pid) && l.contains(&format!("fsync({fd})")))
            })
    };
    assert!(
        synced(&journal),
        "the journal folder was not flushed after 2026/ was made:\n{trace}"
    );
    assert!(
        synced(&year_dir(data)),
        "the year folder was not flushed after the save"
    );
}
