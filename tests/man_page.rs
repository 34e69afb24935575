//! `protime man`: the man page made from the clap definitions is roff that groff reads without a
//! warning, and it names every verb a person can type.

use clap::CommandFactory;
use std::io::Write;
use std::process::{Command, Stdio};

fn page() -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_protime"))
        .arg("man")
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    String::from_utf8(out.stdout).unwrap()
}

/// groff's `man` macros on `roff` with every warning on: (exit code, text, warnings).
fn groff(roff: &str, device: &[&str]) -> (bool, String, String) {
    let mut child = Command::new("groff")
        .args(["-man", "-ww", "-Wbreak"])
        .args(device)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("groff is installed (Debian: groff-base; .ci/run installs it)");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(roff.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Every verb's full name, from clap's tree (hidden ones and `help` left out).
fn verbs() -> Vec<String> {
    let mut cli = protime::cli::Cli::command();
    cli.build();
    protime::commands::man::verbs(&cli, "protime")
        .into_iter()
        .map(|(name, _)| name)
        .collect()
}

#[test]
fn the_man_page_is_roff_groff_reads_without_a_warning() {
    let roff = page();
    assert!(roff.starts_with(".ie") || roff.starts_with(".TH"), "{roff}");
    assert!(roff.contains(".TH PROTIME 1"), "{roff}");
    for section in [".SH NAME", ".SH SYNOPSIS", ".SH OPTIONS", ".SH COMMANDS"] {
        assert!(roff.contains(section), "no {section}");
    }
    for section in ["EXIT STATUS", "ENVIRONMENT", "FILES"] {
        assert!(roff.contains(section), "no {section}");
    }
    let (ok, _, warnings) = groff(&roff, &["-z"]);
    assert!(ok && warnings.is_empty(), "groff: {warnings}");
}

#[test]
fn the_man_page_names_every_verb_with_its_options() {
    let roff = page();
    let (ok, text, warnings) = groff(&roff, &["-Tutf8", "-P-cbou", "-rLL=200n"]);
    assert!(ok, "{warnings}");
    let verbs = verbs();
    for expected in [
        "protime plan add",
        "protime start",
        "protime interrupt",
        "protime pass",
        "protime import calendar",
        "protime completions",
        "protime man",
    ] {
        assert!(verbs.iter().any(|v| v == expected), "no verb {expected}");
    }
    for verb in &verbs {
        assert!(
            roff.contains(&format!(".SS \"{verb}\"")),
            "no section for {verb}"
        );
        assert!(
            text.lines().any(|l| l.trim() == verb),
            "{verb} is not a heading of the page"
        );
    }
    for hidden in ["protime generate", "protime debug-save-loop"] {
        assert!(!text.contains(hidden), "the hidden {hidden} is in the page");
    }
    for option in [
        "--quiet",
        "--data-dir",
        "--account",
        "--unmatched",
        "--format",
    ] {
        assert!(text.contains(option), "no {option}");
    }
}
