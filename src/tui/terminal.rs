//! Entering and leaving the terminal's raw/alternate mode, also on panic (with a crash report).

use crate::clock::Clock;
use ratatui::Terminal;
use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::prelude::CrosstermBackend;
use std::io::{self, Stdout, Write};
use std::path::PathBuf;
use std::sync::Arc;

pub type CrosstermTerminal = Terminal<CrosstermBackend<Stdout>>;

pub fn init() -> io::Result<CrosstermTerminal> {
    enable_raw_mode()?;
    // Bracketed paste: pasted text arrives as one event, never as keys that run commands.
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste
    )?;
    Terminal::new(CrosstermBackend::new(io::stdout()))
}

/// Puts the terminal back in its normal mode. Safe to call more than once and on a dead tty.
pub fn restore() {
    let _ = execute!(
        io::stdout(),
        DisableBracketedPaste,
        DisableMouseCapture,
        LeaveAlternateScreen,
        ratatui::crossterm::cursor::Show
    );
    let _ = disable_raw_mode();
}

/// On panic: restore the terminal first (so the message is readable), write a crash report under
/// the data dir, say where it is, then run the previous hook (std's default: the panic message,
/// and a backtrace when `RUST_BACKTRACE` asks for one).
pub fn install_panic_hook(crash_dir: PathBuf, clock: Arc<dyn Clock>) {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if crate::notify::is_notify_thread() {
            // A desktop-notification library failing on its own thread is caught there; the
            // dashboard goes on, so the terminal must stay as it is.
            return;
        }
        restore();
        let report = format!(
            "protime {} crashed at {}\n\n{info}\n\n{}\n",
            env!("CARGO_PKG_VERSION"),
            clock.now().to_rfc3339(),
            std::backtrace::Backtrace::force_capture()
        );
        let path = crash_dir.join(format!("crash-{}.txt", clock.now().format("%Y%m%d-%H%M%S")));
        let written = crate::journal::atomic::ensure_private_dir(&crash_dir)
            .ok()
            .and_then(|()| std::fs::write(&path, report).ok());
        // Not eprintln!: it panics (inside this hook, so the process aborts) when the tty is gone.
        let _ = match written {
            Some(()) => writeln!(
                io::stderr(),
                "protime crashed; a report is in {}. Your journal is safe.",
                path.display()
            ),
            None => writeln!(
                io::stderr(),
                "protime crashed and could not write a report to {}.",
                crash_dir.display()
            ),
        };
        previous(info);
    }));
}
