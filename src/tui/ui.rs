//! The shell's layout: where the tab names sit in the header (drawn by the app, hit by clicks),
//! and how the help's lines wrap.

use super::tabs::Tab;
use std::ops::Range;

/// Below this size only a short "enlarge the terminal" note is drawn.
pub const MIN_WIDTH: u16 = 32;
pub const MIN_HEIGHT: u16 = 8;

pub const BRAND: &str = " protime ";

/// Below this width the header shows only the selected tab's name (the others by number): the
/// full names take 54 columns, and the timer's short reading must fit beside them.
pub const COMPACT_HEADER: u16 = 66;

/// The header text of each tab, for a screen `width` wide with `selected` shown.
pub fn tab_labels(width: u16, selected: Tab) -> Vec<(Tab, String)> {
    Tab::ALL
        .iter()
        .enumerate()
        .map(|(i, tab)| {
            let label = if width >= COMPACT_HEADER || *tab == selected {
                format!(" {} {} ", i + 1, tab.title())
            } else {
                format!(" {} ", i + 1)
            };
            (*tab, label)
        })
        .collect()
}

pub fn brand(width: u16) -> &'static str {
    if width >= COMPACT_HEADER { BRAND } else { "" }
}

/// The columns each tab's label takes in the header row (the same layout `render` draws).
pub fn tab_ranges(width: u16, selected: Tab) -> Vec<(Tab, Range<u16>)> {
    let mut x = brand(width).len() as u16;
    tab_labels(width, selected)
        .into_iter()
        .map(|(tab, label)| {
            let range = x..x + label.chars().count() as u16;
            x = range.end;
            (tab, range)
        })
        .collect()
}

/// The tab under a mouse click, if any.
pub fn tab_at(column: u16, row: u16, width: u16, selected: Tab) -> Option<Tab> {
    if row != 0 {
        return None;
    }
    tab_ranges(width, selected)
        .into_iter()
        .find(|(_, r)| r.contains(&column))
        .map(|(t, _)| t)
}

/// `text` in lines of at most `width` columns, broken between words; a word longer than a line
/// is cut, as nothing else can hold it.
pub fn wrap_words(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines: Vec<String> = vec![];
    let mut line = String::new();
    for word in text.split_whitespace() {
        let needed = line.chars().count() + usize::from(!line.is_empty()) + word.chars().count();
        if !line.is_empty() && needed > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
        while line.chars().count() > width {
            let rest: String = line.chars().skip(width).collect();
            line = line.chars().take(width).collect();
            lines.push(std::mem::replace(&mut line, rest));
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_never_cut_where_a_line_can_hold_them() {
        assert_eq!(
            wrap_words("start the selected or current block", 12),
            vec!["start the", "selected or", "current", "block"]
        );
        assert_eq!(wrap_words("abcdefgh", 3), vec!["abc", "def", "gh"]);
        assert_eq!(wrap_words("", 10), vec![""]);
    }
}
