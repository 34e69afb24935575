//! The calendar conflicts the last sync left (`C` on the Plan tab): each with both sides, and a
//! key to keep either; the choice is a sync with `--keep`, as `protime sync --keep` is.

use crate::sanitize::for_terminal;
use crate::sync_link::Conflict;
use crate::tui::keys::{Key, describe, lookup};
use crate::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConflictAction {
    Up,
    Down,
    KeepMine,
    KeepTheirs,
    Close,
}

use ConflictAction as A;

pub const KEYS: &[Key<ConflictAction>] = &[
    Key::new(
        &[KeyCode::Char('m')],
        A::KeepMine,
        "keep yours: your block wins",
    )
    .hint("yours"),
    Key::new(
        &[KeyCode::Char('t')],
        A::KeepTheirs,
        "keep the calendar's: its event wins",
    )
    .hint("calendar's"),
    Key::new(
        &[KeyCode::Up, KeyCode::Char('k')],
        A::Up,
        "the conflict above",
    )
    .hint("choose"),
    Key::new(
        &[KeyCode::Down, KeyCode::Char('j')],
        A::Down,
        "the conflict below",
    ),
    Key::new(&[KeyCode::Esc], A::Close, "close, settling nothing").hint("close"),
];

/// What a key on the list asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Choice {
    /// Settle the conflict of `uid`, keeping "mine" or "theirs".
    Keep(&'static str, String),
    Close,
}

/// The list, and the conflict chosen in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConflictList {
    conflicts: Vec<Conflict>,
    selected: usize,
}

impl ConflictList {
    pub fn new(conflicts: Vec<Conflict>) -> ConflictList {
        ConflictList {
            conflicts,
            selected: 0,
        }
    }

    /// Moves the choice, or says what to do; every other key is taken and does nothing.
    pub fn handle_key(&mut self, key: KeyEvent) -> Option<Choice> {
        let (action, _) = lookup(KEYS, key)?;
        let uid = || self.conflicts.get(self.selected).map(|c| c.uid.clone());
        match action {
            A::Up => self.selected = self.selected.saturating_sub(1),
            A::Down => self.selected = (self.selected + 1).min(self.conflicts.len() - 1),
            A::KeepMine => return uid().map(|uid| Choice::Keep("mine", uid)),
            A::KeepTheirs => return uid().map(|uid| Choice::Keep("theirs", uid)),
            A::Close => return Some(Choice::Close),
        }
        None
    }

    /// A box in the middle of `area`: each conflict's day, why, and both sides, from the chosen
    /// one on when not all fit; the keys on its last line.
    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        let inner_width = usize::from(area.width.saturating_sub(2).max(1));
        let all: Vec<Line> = self.lines_from(0, theme);
        let keys = vec![keys_line(theme)];
        let key_rows = wrapped_rows(&keys, inner_width);
        let list_rows = wrapped_rows(&all, inner_width);
        let rows = list_rows + 1 + key_rows;
        let height = (rows as u16 + 2).min(area.height);
        let area = Rect {
            y: area.y + area.height.saturating_sub(height) / 2,
            height,
            ..area
        };
        Clear.render(area, buf);
        let n = self.conflicts.len();
        let title = format!(" Calendar conflicts: {n} to settle ");
        let block = Block::bordered().title(Span::styled(title, theme.title()));
        let inner = block.inner(area);
        block.render(area, buf);
        let [list, _, keys_area] = Layout::vertical([
            Constraint::Fill(1),
            Constraint::Length(1),
            Constraint::Length(key_rows as u16),
        ])
        .areas(inner);
        let fits = list_rows <= usize::from(list.height);
        let lines = if fits {
            all
        } else {
            self.lines_from(self.selected, theme)
        };
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .render(list, buf);
        Paragraph::new(keys)
            .wrap(Wrap { trim: true })
            .render(keys_area, buf);
    }

    fn lines_from(&self, first: usize, theme: &Theme) -> Vec<Line<'static>> {
        let shown = self.conflicts.iter().enumerate().skip(first);
        shown
            .flat_map(|(i, c)| conflict_lines(c, i == self.selected, theme))
            .collect()
    }
}

/// How many rows `lines` take wrapped at `width` (at least; a word wrap may take one more).
fn wrapped_rows(lines: &[Line], width: usize) -> usize {
    lines.iter().map(|l| l.width().div_ceil(width).max(1)).sum()
}

/// "▸ Mon 30 Nov 2026-11-30-b2@…: changed here and in the calendar", then both sides.
fn conflict_lines(c: &Conflict, selected: bool, theme: &Theme) -> Vec<Line<'static>> {
    let mark = if selected { "▸ " } else { "  " };
    let head = format!("{mark}{}  {}", c.date.format("%a %-d %b"), c.why);
    let head = match selected {
        true => Line::from(Span::styled(head, theme.title())),
        false => Line::from(head),
    };
    // The event's day is said once, above, unless it is another day than the block's.
    let same_day = format!("{} ", c.date);
    let side = |text: &Option<String>| match text.as_deref() {
        Some(t) => for_terminal(t.strip_prefix(&same_day).unwrap_or(t)).into_owned(),
        None => "deleted".to_string(),
    };
    vec![
        head,
        Line::from(format!("    yours:          {}", side(&c.mine))),
        Line::from(format!("    the calendar's: {}", side(&c.theirs))),
    ]
}

/// " m  yours   t  calendar's   ↑  choose   Esc  close"
fn keys_line(theme: &Theme) -> Line<'static> {
    let spans = describe(KEYS).into_iter().filter_map(|row| {
        let hint = row.hint?;
        Some([
            Span::styled(format!(" {} ", row.key), theme.key()),
            Span::raw(format!(" {hint}   ")),
        ])
    });
    Line::from(spans.flatten().collect::<Vec<_>>())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn list() -> ConflictList {
        let conflict = |uid: &str| Conflict {
            uid: uid.into(),
            date: NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
            why: "changed here and in the calendar since the last sync".into(),
            mine: Some("09:00-10:00 Prospecting".into()),
            theirs: None,
        };
        ConflictList::new(vec![conflict("a"), conflict("b")])
    }

    #[test]
    fn the_chosen_conflict_is_the_one_settled() {
        let mut list = list();
        let press = |list: &mut ConflictList, c| list.handle_key(KeyEvent::from(c));
        assert_eq!(
            press(&mut list, KeyCode::Char('m')),
            Some(Choice::Keep("mine", "a".into()))
        );
        assert_eq!(press(&mut list, KeyCode::Down), None);
        assert_eq!(press(&mut list, KeyCode::Down), None, "stays on the last");
        assert_eq!(
            press(&mut list, KeyCode::Char('t')),
            Some(Choice::Keep("theirs", "b".into()))
        );
        assert_eq!(press(&mut list, KeyCode::Esc), Some(Choice::Close));
        assert_eq!(press(&mut list, KeyCode::Char('x')), None);
    }
}
