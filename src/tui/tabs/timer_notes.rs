//! The Timer tab's list of notifications: each one sent today waits here until the rep opens the
//! list (`N`) and closes it again, so a popup that vanished or a bell rung in another pane is not
//! missed.

use crate::notify::Notification;
use crate::tui::theme::Theme;
use chrono::{DateTime, FixedOffset};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

/// More than this many waiting drops the oldest.
const KEEP: usize = 20;

#[derive(Debug, Default)]
pub struct TimerNotes {
    waiting: Vec<(DateTime<FixedOffset>, Notification)>,
    open: bool,
}

impl TimerNotes {
    /// A notification sent at `at`.
    pub fn push(&mut self, at: DateTime<FixedOffset>, note: Notification) {
        self.waiting.push((at, note));
        if self.waiting.len() > KEEP {
            self.waiting.remove(0);
        }
    }

    /// `N`: opens the list; `N` again closes it, and what it showed has been seen.
    pub fn toggle(&mut self) {
        if std::mem::take(&mut self.open) {
            self.waiting.clear();
        } else {
            self.open = true;
        }
    }

    pub fn is_open(&self) -> bool {
        self.open
    }

    /// The waiting notifications, oldest first.
    pub fn waiting(&self) -> impl Iterator<Item = &(DateTime<FixedOffset>, Notification)> {
        self.waiting.iter()
    }

    /// Draws the bottom line saying notifications wait (when they do and the list is closed);
    /// returns the area left for the rest of the tab.
    pub fn render_notice(&self, area: Rect, buf: &mut Buffer, theme: &Theme) -> Rect {
        if self.open || self.waiting.is_empty() || area.height < 2 {
            return area;
        }
        let n = self.waiting.len();
        let text = format!(
            "{n} notification{} waiting: N shows {}",
            if n == 1 { "" } else { "s" },
            if n == 1 { "it" } else { "them" }
        );
        let line = Rect {
            y: area.bottom() - 1,
            height: 1,
            ..area
        };
        Paragraph::new(Line::from(Span::styled(text, theme.warning()))).render(line, buf);
        Rect {
            height: area.height - 1,
            ..area
        }
    }

    /// The open list: time, title and body of each, oldest first.
    pub fn render_list(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        let mut lines = vec![Line::from(Span::styled(
            "Notifications since you last looked (N closes the list and clears it)",
            theme.title(),
        ))];
        if self.waiting.is_empty() {
            lines.push(Line::from("None: nothing was missed."));
        }
        for (at, note) in &self.waiting {
            lines.push(Line::from(vec![
                Span::styled(format!("{}  ", at.format("%H:%M")), theme.dim()),
                Span::raw(crate::sanitize::for_terminal(&note.line()).into_owned()),
            ]));
        }
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .render(area, buf);
    }
}
