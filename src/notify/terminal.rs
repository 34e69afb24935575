//! The fallback when no desktop notification service answers: the terminal bell, plus an OSC
//! notification that many terminals turn into a desktop notification on the rep's own machine —
//! which is what makes it work over SSH and from tmux on a server.

use super::{Delivery, Notification, Notifier, NotifyEvent};
use chrono::{DateTime, FixedOffset};
use std::io::Write;

/// Longest text put into an escape sequence; a notification is a glance, not a document.
const MAX_CHARS: usize = 200;

/// Terminals known to show `OSC 777 ; notify ; title ; body`, matched case-insensitively against
/// `TERM`, `TERM_PROGRAM` and `LC_TERMINAL`. Everything else gets OSC 9 (iTerm2's form, which
/// most other notifying terminals also read, and which the rest ignore).
const OSC_777_TERMINALS: [&str; 5] = ["foot", "wezterm", "ghostty", "kitty", "rxvt"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Osc {
    /// `ESC ] 9 ; text BEL`: one line of text.
    Osc9,
    /// `ESC ] 777 ; notify ; title ; body BEL`: title and body apart.
    Osc777,
}

/// Which escape sequence to write and whether to wrap it for tmux.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TerminalStyle {
    pub osc: Osc,
    /// Inside tmux the OSC must be wrapped in a passthrough, or tmux swallows it.
    pub tmux: bool,
}

impl TerminalStyle {
    /// Reads `TERM`, `TERM_PROGRAM`, `LC_TERMINAL` and `TMUX`.
    pub fn from_env() -> Self {
        let var = |name| std::env::var(name).unwrap_or_default();
        let names = [var("TERM"), var("TERM_PROGRAM"), var("LC_TERMINAL")];
        TerminalStyle::detect(&names, std::env::var_os("TMUX").is_some())
    }

    /// `names` are the terminal's self-descriptions (`TERM`, `TERM_PROGRAM`, …).
    pub fn detect(names: &[String], in_tmux: bool) -> Self {
        let advertises_777 = names.iter().any(|name| {
            let name = name.to_lowercase();
            OSC_777_TERMINALS.iter().any(|t| name.contains(t))
        });
        let osc = if advertises_777 {
            Osc::Osc777
        } else {
            Osc::Osc9
        };
        TerminalStyle { osc, tmux: in_tmux }
    }

    /// The bytes to write: the OSC notification (wrapped for tmux when needed), then a bell.
    /// The bell stays outside the passthrough so tmux marks the window and rings the client.
    pub fn sequence(&self, title: &str, body: &str) -> String {
        let (title, body) = (sanitize(title), sanitize(body));
        let osc = match self.osc {
            Osc::Osc9 if body.is_empty() => format!("\x1b]9;{title}\x07"),
            Osc::Osc9 => format!("\x1b]9;{title}: {body}\x07"),
            Osc::Osc777 => format!("\x1b]777;notify;{title};{body}\x07"),
        };
        let osc = if self.tmux {
            tmux_passthrough(&osc)
        } else {
            osc
        };
        osc + "\x07"
    }
}

/// tmux (≥ 3.3 with `allow-passthrough on`) hands the inner sequence to the outer terminal.
fn tmux_passthrough(seq: &str) -> String {
    format!("\x1bPtmux;{}\x1b\\", seq.replace('\x1b', "\x1b\x1b"))
}

/// Makes text safe inside an OSC: a block title must not be able to end the sequence early or
/// start one of its own. What the one sanitiser calls unsafe (ESC, BEL, C1, newlines, bidi) becomes spaces, `;` (the
/// field separator) becomes `,`, runs of spaces shrink to one, and the text is cut at 200 chars.
pub fn sanitize(text: &str) -> String {
    let cleaned: String = text
        .chars()
        .map(|c| match c {
            ';' => ',',
            c if crate::sanitize::is_unsafe(c) => ' ',
            c => c,
        })
        .collect();
    let words: Vec<&str> = cleaned.split_whitespace().collect();
    words.join(" ").chars().take(MAX_CHARS).collect()
}

/// Rings the terminal and writes an OSC notification to `out` (stdout in the app).
pub struct TerminalNotifier {
    out: Box<dyn Write + Send>,
    style: TerminalStyle,
}

impl TerminalNotifier {
    pub fn new(out: Box<dyn Write + Send>, style: TerminalStyle) -> Self {
        TerminalNotifier { out, style }
    }
}

impl Notifier for TerminalNotifier {
    fn notify(&mut self, notification: &Notification, _now: DateTime<FixedOffset>) -> Delivery {
        let bytes = self.style.sequence(&notification.title, &notification.body);
        let written = self
            .out
            .write_all(bytes.as_bytes())
            .and_then(|()| self.out.flush());
        match written {
            Ok(()) => Delivery::Terminal,
            Err(e) => Delivery::Failed(format!("could not ring the terminal: {e}")),
        }
    }

    fn poll(&mut self) -> Option<NotifyEvent> {
        None
    }
}
