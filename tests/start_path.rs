//! The calendar sync's network code (libdav, hyper, rustls, tokio) is in protime-sync only:
//! protime, which every `status`, `report` and dashboard start loads, carries none of it (#23).
#![cfg(target_os = "linux")]

use std::process::Command;

/// How many functions of `crates` the binary `bin` defines, by its symbol table (`nm`).
fn functions_of(bin: &str, crates: &[&str]) -> usize {
    let out = match Command::new("nm").arg("-C").arg(bin).output() {
        Ok(out) => out,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            assert!(std::env::var_os("CI").is_none(), "CI needs nm (binutils)");
            println!("SKIPPED: nm is not installed (it comes with binutils)");
            return usize::MAX;
        }
        Err(e) => panic!("cannot run nm: {e}"),
    };
    assert!(out.status.success(), "nm {bin}: {out:?}");
    let symbols = String::from_utf8_lossy(&out.stdout);
    symbols
        .lines()
        .filter(|l| l.contains(" T ") || l.contains(" t "))
        .filter(|l| crates.iter().any(|c| l.contains(&format!(" {c}::"))))
        .count()
}

const NETWORK: &[&str] = &["libdav", "hyper", "hyper_util", "rustls", "tokio"];

#[test]
fn protime_carries_no_network_code_and_protime_sync_does() {
    let in_protime = functions_of(env!("CARGO_BIN_EXE_protime"), NETWORK);
    if in_protime == usize::MAX {
        return;
    }
    assert_eq!(in_protime, 0, "protime links the sync's network code");
    let in_sync = functions_of(env!("CARGO_BIN_EXE_protime-sync"), NETWORK);
    assert!(
        in_sync > 100,
        "protime-sync has {in_sync} network functions"
    );
}
