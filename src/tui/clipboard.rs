//! Copying to the system clipboard through the terminal: OSC 52 works through tmux (with
//! `set -g set-clipboard on`) and over SSH, with no clipboard program on the machine.

use base64::Engine;
use std::io::Write;

/// The OSC 52 sequence that puts `text` on the clipboard.
pub fn osc52(text: &str) -> String {
    let encoded = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
    format!("\x1b]52;c;{encoded}\x07")
}

/// Writes the sequence to the terminal. The terminal never answers, so success here means only
/// that it was sent.
pub fn copy(out: &mut impl Write, text: &str) -> std::io::Result<()> {
    out.write_all(osc52(text).as_bytes())?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sequence_is_base64_between_osc_52_and_bel() {
        assert_eq!(osc52("Hi Anna,\n"), "\x1b]52;c;SGkgQW5uYSwK\x07");
        let mut out = vec![];
        copy(&mut out, "✓").unwrap();
        assert_eq!(out, b"\x1b]52;c;4pyT\x07");
    }
}
