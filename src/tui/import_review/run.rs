//! The review's own small loop in the real terminal: draw, wait for a key, until the accepted
//! choices are written or the review is abandoned. A signal or a closed terminal abandons.

use super::{ImportReview, Outcome};
use crate::clock::Clock;
use crate::tui::event::{self, Event};
use crate::tui::terminal;
use crate::tui::theme::Theme;
use ratatui::crossterm::event::MouseEventKind;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc;

/// How the terminal review ended.
pub enum Ended<W> {
    /// The rep accepted and `write` succeeded with this.
    Written(W),
    /// The rep abandoned (or the terminal went away) before anything was written, or after
    /// `write` failed: `review.failure` then says what was left half-done.
    Abandoned,
}

/// Runs the review; on `a` calls `write`, and when it fails shows why and stays open, so the
/// rep's choices survive a full disk or a locked file and `a` can try again.
pub fn run<W>(
    review: &mut ImportReview,
    theme: &Theme,
    crash_dir: PathBuf,
    clock: Arc<dyn Clock>,
    mut write: impl FnMut(&ImportReview) -> Result<W, String>,
) -> std::io::Result<Ended<W>> {
    let (tx, rx) = mpsc::channel();
    event::spawn_signals(tx.clone())?;
    terminal::install_panic_hook(crash_dir, clock);
    let mut term = terminal::init()?;
    event::spawn_hangup_watch(tx.clone());
    event::spawn_input(tx);
    let outcome = loop {
        if let Err(e) = term.draw(|frame| review.render(frame.area(), frame.buffer_mut(), theme)) {
            terminal::restore();
            return Err(e);
        }
        let Ok(event) = rx.recv() else {
            break Ended::Abandoned;
        };
        match handle(review, event) {
            Some(Outcome::Abandon) => break Ended::Abandoned,
            Some(Outcome::Accept) => match write(review) {
                Ok(written) => break Ended::Written(written),
                Err(message) => review.failure = Some(message),
            },
            None => {}
        }
    };
    terminal::restore();
    // As in the dashboard: restore() showed the cursor, and a Drop on a dead tty would panic.
    std::mem::forget(term);
    Ok(outcome)
}

fn handle(review: &mut ImportReview, event: Event) -> Option<Outcome> {
    match event {
        Event::Key(key) => review.handle_key(key),
        Event::Mouse(mouse) => {
            let code = match mouse.kind {
                MouseEventKind::ScrollDown => ratatui::crossterm::event::KeyCode::Down,
                MouseEventKind::ScrollUp => ratatui::crossterm::event::KeyCode::Up,
                _ => return None,
            };
            review.handle_key(code.into())
        }
        Event::Paste(text) => {
            review.paste(&text);
            None
        }
        Event::InputClosed | Event::Signal(_) => Some(Outcome::Abandon),
        _ => None,
    }
}
