//! Everything that can wake the loop, and the threads that produce it.

use ratatui::crossterm::event::{self as ct, KeyEvent, MouseEvent};
use std::sync::mpsc::Sender;
use std::thread;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    Key(KeyEvent),
    Mouse(MouseEvent),
    /// Text pasted into the terminal (bracketed paste), whole.
    Paste(String),
    Resize,
    /// A day file changed on disk (possibly by another process).
    JournalChanged,
    /// The terminal is gone (EOF or a read error): the pane was closed or the SSH session dropped.
    InputClosed,
    /// SIGTERM, SIGHUP or SIGINT.
    Signal(i32),
    /// The notification thread has news (a failure to report, a notification to show).
    Notify,
    /// Something to tell the rep that came from a background thread.
    Warning(String),
    /// News from the calendar sync (protime-sync, in a process of its own).
    Sync(crate::sync_link::News),
}

/// Reads terminal input on its own thread. A read error ends the thread with `InputClosed`
/// instead of retrying, so a dead tty can never make the loop spin.
pub fn spawn_input(tx: Sender<Event>) {
    thread::spawn(move || {
        loop {
            let event = match ct::read() {
                Ok(ct::Event::Key(key)) => Event::Key(key),
                Ok(ct::Event::Mouse(mouse)) => Event::Mouse(mouse),
                Ok(ct::Event::Paste(text)) => Event::Paste(text),
                Ok(ct::Event::Resize(..)) => Event::Resize,
                Ok(_) => continue,
                Err(_) => {
                    let _ = tx.send(Event::InputClosed);
                    return;
                }
            };
            if tx.send(event).is_err() {
                return;
            }
        }
    });
}

/// Turns SIGTERM, SIGHUP and SIGINT into events so the loop can restore the terminal and exit.
pub fn spawn_signals(tx: Sender<Event>) -> std::io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT])?;
    thread::spawn(move || {
        for signal in signals.forever() {
            if tx.send(Event::Signal(signal)).is_err() {
                return;
            }
        }
    });
    Ok(())
}

/// Watches the terminal for a hang-up (the pane closed, the SSH session dropped) even when no
/// SIGHUP comes: crossterm's reader spins on a dead tty instead of failing. `poll` with no
/// requested events wakes only for POLLHUP / POLLERR / POLLNVAL, so a live terminal costs nothing.
pub fn spawn_hangup_watch(tx: Sender<Event>) {
    thread::spawn(move || {
        loop {
            let mut fds = [libc::pollfd {
                fd: libc::STDOUT_FILENO,
                events: 0,
                revents: 0,
            }];
            // SAFETY: one valid pollfd, for the duration of the call.
            let n = unsafe { libc::poll(fds.as_mut_ptr(), 1, -1) };
            if n < 0 && std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted {
                continue;
            }
            if n < 0 || fds[0].revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
                let _ = tx.send(Event::InputClosed);
                return;
            }
        }
    });
}
