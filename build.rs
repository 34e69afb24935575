//! Links the Linux binaries as position-dependent executables.
//!
//! chrono-tz (used by the calendar import) brings about 1 MB of time-zone tables full of
//! pointers. In a position-independent executable the loader must patch all of them (some 37,000
//! relocations, ~290 copied pages) at every start, before `main`: about 0.8 ms of each run, more
//! than half of `protime --version`. A fixed load address needs no patching. The cost is that the
//! program's own code loses address randomisation (libraries, heap and stack keep it).
fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os == "linux" && env == "gnu" {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
