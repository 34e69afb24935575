//! The one sanitiser between foreign text (journal, imports, templates, what a rep typed) and any
//! output: the CLI's tables and messages, CSV cells, the dashboard's cells and OSC notifications.
//!
//! A terminal obeys escape sequences: a CRM account holding `ESC ] 52 ; c ; …` would write the
//! clipboard, one holding `ESC ] 0 ;` would set the pane title, and a right-to-left override
//! would make a row read backwards. So every character that is not plain text (C0 and C1 control
//! characters, DEL, bidi controls, invisible format characters) becomes a visible placeholder in
//! what a person reads, and is dropped where text is stored or parsed again (CSV, imports).
//! JSON is not sanitised: it escapes control characters itself and stays exact.

use std::borrow::Cow;
use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};

/// What an unsafe character becomes in tables, messages and the dashboard.
pub const PLACEHOLDER: char = '\u{FFFD}';

/// True for a character that must never reach a terminal as it is.
pub fn is_unsafe(c: char) -> bool {
    c.is_control() || is_bidi_control(c) || is_invisible_format(c)
}

/// The characters that reorder text (Unicode's bidi embeddings, overrides, isolates and marks).
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Format characters that take no room yet shift what follows (zero-width space, word joiner,
/// invisible operators, byte-order mark, interlinear annotation, soft hyphen). The zero-width
/// joiners stay: emoji sequences and some scripts need them.
fn is_invisible_format(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{200B}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}'
    )
}

/// One field (a title, an account, a note) for a table or a message: every unsafe character,
/// line breaks and tabs included, becomes [`PLACEHOLDER`].
pub fn for_terminal(text: &str) -> Cow<'_, str> {
    replace_where(text, is_unsafe, Some(PLACEHOLDER))
}

/// Whole lines of output (a report, a message that may span lines): like [`for_terminal`], but
/// the line breaks that lay the output out are kept.
pub fn for_terminal_lines(text: &str) -> Cow<'_, str> {
    replace_where(text, |c| c != '\n' && is_unsafe(c), Some(PLACEHOLDER))
}

/// A CSV cell or imported text: line breaks and tabs become a space (a two-line CRM note keeps
/// its words apart), other unsafe characters are dropped (a placeholder would be stored or read
/// back by a spreadsheet as if it were data).
pub fn for_storage(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let kept = text.chars().filter_map(|c| match c {
        '\n' | '\r' | '\t' => Some(' '),
        c if is_unsafe(c) => None,
        c => Some(c),
    });
    let spaced: String = kept.collect();
    // "a\r\nb" gives one space, not two.
    Cow::Owned(
        spaced
            .split(' ')
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// A CSV text cell: unsafe characters dropped, and a cell a spreadsheet would run as a formula
/// (`=HYPERLINK(…)` from an imported CRM account, say) gets a leading `'`, so it shows as the
/// text it is.
pub fn for_csv(cell: &str) -> String {
    let cell = for_storage(cell);
    if cell.starts_with(['=', '+', '-', '@']) {
        format!("'{cell}")
    } else {
        cell.into_owned()
    }
}

fn replace_where(text: &str, bad: impl Fn(char) -> bool, with: Option<char>) -> Cow<'_, str> {
    if !text.chars().any(&bad) {
        return Cow::Borrowed(text);
    }
    let cleaned = text
        .chars()
        .filter_map(|c| if bad(c) { with } else { Some(c) })
        .collect();
    Cow::Owned(cleaned)
}

/// Set once, before a verb runs, by `-q`: standard output stays empty.
static STDOUT_SILENCED: AtomicBool = AtomicBool::new(false);

/// From now on [`print_out`] (and so `say!`) prints nothing: `-q` on a verb that writes. Errors
/// and notes still go to standard error. The one gate every verb's output passes, so no verb
/// can forget it.
pub fn silence_stdout() {
    STDOUT_SILENCED.store(true, Ordering::Relaxed);
}

/// Whether [`silence_stdout`] was called.
pub fn stdout_silenced() -> bool {
    STDOUT_SILENCED.load(Ordering::Relaxed)
}

/// Writes `text` to standard output through [`for_terminal_lines`], unless `-q` silenced it. A
/// closed pipe (`| head`) is not an error worth a panic, so write errors are ignored.
pub fn print_out(text: &str) {
    if stdout_silenced() {
        return;
    }
    let text = for_terminal_lines(text);
    let held = HELD.with(|held| {
        held.borrow_mut()
            .as_mut()
            .map(|buffer| buffer.push_str(&text))
            .is_some()
    });
    if !held {
        let _ = std::io::stdout().lock().write_all(text.as_bytes());
    }
}

thread_local! {
    /// What [`print_out`] holds back while [`in_one_write`] runs.
    static HELD: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Runs `f` with everything it prints through [`print_out`] written at the end in one write: a
/// year's report by day is one system call, not one per line.
pub fn in_one_write<R>(f: impl FnOnce() -> R) -> R {
    HELD.with(|held| *held.borrow_mut() = Some(String::new()));
    let result = f();
    let text = HELD
        .with(|held| held.borrow_mut().take())
        .unwrap_or_default();
    if !text.is_empty() {
        let _ = std::io::stdout().lock().write_all(text.as_bytes());
    }
    result
}

/// Writes text made by protime to standard output exactly as it is, unless `-q` silenced it:
/// JSON (serde_json escapes control characters, and the text inside stays exact, as the README
/// promises) and the man page.
pub fn print_exact(text: &str) {
    if stdout_silenced() {
        return;
    }
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes());
}

/// Writes `text` to standard error through [`for_terminal_lines`].
pub fn print_err(text: &str) {
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(for_terminal_lines(text).as_bytes());
}

/// `println!` through the sanitiser: what every verb prints for a person.
#[macro_export]
macro_rules! say {
    () => { $crate::sanitize::print_out("\n") };
    ($($arg:tt)*) => { $crate::sanitize::print_out(&format!("{}\n", format_args!($($arg)*))) };
}

/// `println!` for JSON, exact rather than sanitised, and silenced by `-q` like `say!`.
#[macro_export]
macro_rules! say_json {
    ($($arg:tt)*) => { $crate::sanitize::print_exact(&format!("{}\n", format_args!($($arg)*))) };
}

/// `eprintln!` through the sanitiser.
#[macro_export]
macro_rules! say_err {
    ($($arg:tt)*) => { $crate::sanitize::print_err(&format!("{}\n", format_args!($($arg)*))) };
}

/// Replaces, in a drawn frame, every cell whose symbol holds an unsafe character: the last
/// gate before the dashboard's cells reach the terminal, whatever widget drew them.
pub fn frame_cells(buffer: &mut ratatui::buffer::Buffer) {
    for cell in &mut buffer.content {
        if cell.symbol().chars().any(is_unsafe) {
            cell.set_char(PLACEHOLDER);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EVIL: &str = "Evil\u{1b}]0;ACCT-TITLE\u{7}\u{1b}]52;c;QUJD\u{7}";

    #[test]
    fn escape_sequences_lose_their_escape_and_bell() {
        let shown = for_terminal(EVIL);
        assert_eq!(
            shown,
            "Evil\u{FFFD}]0;ACCT-TITLE\u{FFFD}\u{FFFD}]52;c;QUJD\u{FFFD}"
        );
        assert!(!shown.chars().any(|c| c.is_control()));
    }

    #[test]
    fn c1_controls_and_bidi_overrides_are_replaced() {
        assert_eq!(for_terminal("a\u{9b}31mb"), "a\u{FFFD}31mb");
        assert_eq!(for_terminal("abc\u{202E}fed"), "abc\u{FFFD}fed");
        assert_eq!(for_terminal("x\u{2066}y\u{200B}z"), "x\u{FFFD}y\u{FFFD}z");
    }

    #[test]
    fn plain_text_is_borrowed_unchanged() {
        for text in ["ACME GmbH", "Łódź · Müller", "👩‍💻 call", "日本語"] {
            assert!(matches!(for_terminal(text), Cow::Borrowed(t) if t == text));
        }
    }

    #[test]
    fn lines_keep_their_breaks_but_not_carriage_returns_or_tabs() {
        assert_eq!(for_terminal_lines("a\nb\r\n\tc"), "a\nb\u{FFFD}\n\u{FFFD}c");
        assert_eq!(for_terminal("a\nb"), "a\u{FFFD}b");
    }

    #[test]
    fn storage_drops_what_terminals_would_obey() {
        assert_eq!(for_storage(EVIL), "Evil]0;ACCT-TITLE]52;c;QUJD");
        assert_eq!(for_storage("a\u{202E}b"), "ab");
        assert_eq!(
            for_storage("Escalated by\r\ntheir CFO"),
            "Escalated by their CFO"
        );
    }

    #[test]
    fn csv_cells_drop_controls_and_keep_the_formula_guard() {
        assert_eq!(for_csv(EVIL), "Evil]0;ACCT-TITLE]52;c;QUJD");
        assert_eq!(for_csv("\t=cmd|' /C calc'!A0"), "'=cmd|' /C calc'!A0");
        assert_eq!(for_csv("-5"), "'-5");
        assert_eq!(for_csv("ACME"), "ACME");
    }

    #[test]
    fn a_frame_keeps_no_unsafe_symbol() {
        use ratatui::buffer::{Buffer, Cell};
        use ratatui::layout::Rect;
        let mut buffer = Buffer::empty(Rect::new(0, 0, 3, 1));
        buffer[(0, 0)] = Cell::new("\u{202E}");
        buffer[(1, 0)] = Cell::new("a");
        frame_cells(&mut buffer);
        assert_eq!(buffer[(0, 0)].symbol(), "\u{FFFD}");
        assert_eq!(buffer[(1, 0)].symbol(), "a");
    }
}
