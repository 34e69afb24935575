//! Drawing the shell: header with tabs and clock, the current tab, banner, key hints, help overlay.

use super::app::{App, DayView};
use super::keymap::GLOBAL;
use super::tabs::{Tab, placeholder};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};
use std::ops::Range;

/// Below this size only a short "enlarge the terminal" note is drawn.
pub const MIN_WIDTH: u16 = 32;
pub const MIN_HEIGHT: u16 = 8;

const BRAND: &str = " protime ";

/// The columns each tab's name takes in the header row (the same layout `render` draws).
pub fn tab_ranges() -> Vec<(Tab, Range<u16>)> {
    let mut x = BRAND.len() as u16;
    Tab::ALL
        .iter()
        .enumerate()
        .map(|(i, tab)| {
            let width = format!(" {} {} ", i + 1, tab.title()).len() as u16;
            let range = x..x + width;
            x += width;
            (*tab, range)
        })
        .collect()
}

/// The tab under a mouse click, if any.
pub fn tab_at(column: u16, row: u16) -> Option<Tab> {
    (row == 0).then(|| {
        tab_ranges()
            .into_iter()
            .find(|(_, r)| r.contains(&column))
            .map(|(t, _)| t)
    })?
}

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            let note = format!("Enlarge the terminal to {MIN_WIDTH}×{MIN_HEIGHT} for protime");
            Paragraph::new(note)
                .wrap(Wrap { trim: true })
                .render(area, buf);
            return;
        }
        let [header, body, banner, hints] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(1),
            Constraint::Length(1),
        ])
        .areas(area);
        self.render_header(header, buf);
        self.render_body(body, buf);
        if let Some(text) = &self.banner {
            Line::styled(format!(" {text}"), self.theme.warning()).render(banner, buf);
        }
        self.render_hints(hints, buf);
        if self.help {
            self.render_help(body, buf);
        }
    }
}

impl App {
    fn render_header(&self, area: Rect, buf: &mut Buffer) {
        let mut spans = vec![Span::styled(BRAND, self.theme.title())];
        for (i, tab) in Tab::ALL.iter().enumerate() {
            spans.push(Span::styled(
                format!(" {} {} ", i + 1, tab.title()),
                self.theme.tab(*tab == self.tab),
            ));
        }
        Line::from(spans).render(area, buf);
        let clock = format!("{} ", self.now.format("%a %-d %b · %H:%M"));
        let width = clock.chars().count() as u16;
        let used = tab_ranges().last().map_or(0, |(_, r)| r.end);
        if area.width > used + width {
            let right = Rect {
                x: area.right() - width,
                width,
                ..area
            };
            Line::from(clock).render(right, buf);
        }
    }

    fn render_body(&self, area: Rect, buf: &mut Buffer) {
        let title = match self.tab {
            Tab::Plan => format!(" Plan · {} ", self.today.date().format("%a %-d %b %Y")),
            tab => format!(" {} ", tab.title()),
        };
        let block = Block::bordered().title(Span::styled(title, self.theme.title()));
        let inner = block.inner(area);
        block.render(area, buf);
        let mut lines: Vec<Line> = vec![];
        if let (Tab::Plan, DayView::Unreadable { message, .. }) = (self.tab, &self.today) {
            lines.push(Line::styled(
                "This day is read-only: its file could not be read.",
                self.theme.warning(),
            ));
            lines.push(Line::from(message.as_str()));
            lines.push(Line::from(""));
        }
        lines.extend(
            placeholder::description(self.tab)
                .iter()
                .map(|l| Line::from(*l)),
        );
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .render(inner, buf);
    }

    fn render_hints(&self, area: Rect, buf: &mut Buffer) {
        let mut spans = vec![];
        for b in GLOBAL.iter().filter(|b| b.hint) {
            spans.push(Span::styled(format!(" {}", b.keys), self.theme.key()));
            spans.push(Span::raw(format!(" {} ", short(b.help))));
        }
        Line::from(spans).render(area, buf);
    }

    fn render_help(&self, body: Rect, buf: &mut Buffer) {
        let width = body.width.min(60);
        let height = body.height.min(GLOBAL.len() as u16 + 4);
        let area = Rect {
            x: body.x + (body.width - width) / 2,
            y: body.y + (body.height - height) / 2,
            width,
            height,
        };
        Clear.render(area, buf);
        let block =
            Block::bordered().title(Span::styled(" Keys · Esc closes ", self.theme.title()));
        let lines: Vec<Line> = GLOBAL
            .iter()
            .map(|b| {
                Line::from(vec![
                    Span::styled(format!(" {:<10}", b.keys), self.theme.key()),
                    Span::raw(b.help),
                ])
            })
            .collect();
        Paragraph::new(lines).block(block).render(area, buf);
    }
}

/// The first words of a help text, for the hint bar.
fn short(help: &str) -> &str {
    help.split(" (").next().unwrap_or(help)
}
