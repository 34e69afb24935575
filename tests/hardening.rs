//! protime parses files made by strangers, so its binary keeps the toolchain's default hardening:
//! a position-independent executable (its own code loads at a random address) and full RELRO
//! (relocations resolved at start, then made read-only). Nothing in the build may opt out.
#![cfg(target_os = "linux")]

use std::process::Command;

/// Both programs: protime, and the calendar sync's protime-sync.
const BINS: [&str; 2] = [
    env!("CARGO_BIN_EXE_protime"),
    env!("CARGO_BIN_EXE_protime-sync"),
];

/// `readelf OPTION BIN`'s output, or `None` when readelf is not installed. CI must not skip the
/// check silently, so there a missing readelf fails the test.
fn readelf(option: &str, bin: &str) -> Option<String> {
    match Command::new("readelf").arg(option).arg(bin).output() {
        Ok(out) => {
            assert!(
                out.status.success(),
                "readelf {option} {bin} failed: {out:?}"
            );
            Some(String::from_utf8_lossy(&out.stdout).into_owned())
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            assert!(
                std::env::var_os("CI").is_none(),
                "CI needs readelf (binutils)"
            );
            println!("SKIPPED hardening check: readelf is not installed (it comes with binutils)");
            None
        }
        Err(e) => panic!("cannot run readelf: {e}"),
    }
}

#[test]
fn the_binaries_are_position_independent() {
    for bin in BINS {
        let Some(header) = readelf("-h", bin) else {
            return;
        };
        let kind = header.lines().find(|l| l.trim_start().starts_with("Type:"));
        let kind = kind.unwrap_or_else(|| panic!("no Type line in readelf -h:\n{header}"));
        assert!(kind.contains("DYN"), "{bin} is not a PIE: {}", kind.trim());
    }
}

#[test]
fn the_binaries_have_full_relro() {
    for bin in BINS {
        full_relro(bin);
    }
}

fn full_relro(bin: &str) {
    let Some(dynamic) = readelf("-d", bin) else {
        return;
    };
    let now = dynamic.lines().any(|l| {
        (l.contains("(FLAGS)") && l.contains("BIND_NOW"))
            || (l.contains("(FLAGS_1)") && l.split_whitespace().any(|w| w == "NOW"))
    });
    assert!(
        now,
        "{bin} is not linked with -z now (BIND_NOW):\n{dynamic}"
    );
    let Some(segments) = readelf("-l", bin) else {
        return;
    };
    assert!(
        segments.contains("GNU_RELRO"),
        "{bin} has no RELRO segment:\n{segments}"
    );
}
