//! Drawing the shell: the header with tabs and clock, the shown tab, the message line, the key
//! hints and what lies over them.

use super::{App, global};
use crate::tui::keys::{KeyHelp, describe};
use crate::tui::messages::Messages;
use crate::tui::ui::{COMPACT_HEADER, MIN_HEIGHT, MIN_WIDTH, brand, tab_labels, tab_ranges};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

/// The message line takes at most this many rows.
const MESSAGE_ROWS: u16 = 3;

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        self.screen_width.set(area.width);
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            let note = format!("Enlarge the terminal to {MIN_WIDTH}×{MIN_HEIGHT} for protime");
            Paragraph::new(note)
                .wrap(Wrap { trim: true })
                .render(area, buf);
            return;
        }
        let most = area.height.saturating_sub(MIN_HEIGHT - 1).max(1);
        let message = message_lines(&self.messages, area.width, most);
        let rows = message_rows(&message, area);
        let [header, body, message_area, hints] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(rows),
            Constraint::Length(1),
        ])
        .areas(area);
        self.render_header(header, buf);
        self.render_body(body, buf);
        self.render_messages(&message, message_area, buf);
        match (&self.import, &self.welcome) {
            (Some(review), _) => review.render(body, buf, &self.shared.theme),
            (None, Some(welcome)) => welcome.render(body, hints, buf, &self.shared.theme),
            (None, None) => self.render_hints(hints, buf),
        }
        super::overlay::render(self, body, buf);
        self.render_conflicts(body, buf);
        if let Some(first) = self.help {
            self.render_help(first, body, buf);
        }
        // The last gate: whatever a widget drew from a title or a template, no cell carries a
        // character the terminal would obey or reorder by.
        crate::sanitize::frame_cells(buf);
    }
}

/// The newest messages that fit the message line's rows, then the sticky line; a message left
/// out is counted, so the newest never hides that others wait.
fn message_lines(messages: &Messages, width: u16, rows: u16) -> Vec<String> {
    let width = usize::from(width.max(1));
    let rows_of = |t: &str| {
        Line::from(format!(" {t}").as_str())
            .width()
            .div_ceil(width)
            .max(1)
    };
    // A lasting state's line may take two rows (a path and what to do) when a row is left for
    // the newest message.
    let rows = usize::from(rows.min(MESSAGE_ROWS));
    let sticky = messages.sticky();
    let sticky_rows = sticky
        .as_deref()
        .map_or(0, |t| rows_of(t).min(2).min(rows.saturating_sub(1).max(1)));
    let budget = rows.saturating_sub(sticky_rows).max(1);
    let all: Vec<&str> = messages.newest_first().collect();
    let mut lines: Vec<String> = vec![];
    let mut used = 0;
    for text in &all {
        if !lines.is_empty() && used + rows_of(text) > budget {
            break;
        }
        used += rows_of(text);
        lines.push((*text).to_string());
    }
    // The count goes first, so a long newest message cannot push it out of sight.
    let left_out = all.len() - lines.len();
    if let Some(first) = lines.first_mut().filter(|_| left_out > 0) {
        *first = format!("(+{left_out} earlier: Esc shows the next) {first}");
    }
    // A message longer than the rows left is cut, never the sticky line.
    let room = budget * width - 2;
    if let Some(first) = lines.first_mut() {
        *first = crate::tui::widgets::truncate(first, room);
    }
    lines.extend(sticky.map(|t| crate::tui::widgets::truncate(&t, sticky_rows * width - 1)));
    lines
}

/// A long message (a sync conflict's path, why notifications fell back) gets up to three rows
/// rather than being cut off; a screen near its smallest keeps one.
fn message_rows(lines: &[String], area: Rect) -> u16 {
    let needed: usize = lines
        .iter()
        .map(|t| (Line::from(format!(" {t}").as_str()).width()).div_ceil(usize::from(area.width)))
        .sum();
    (needed.max(1) as u16)
        .min(MESSAGE_ROWS)
        .min(area.height.saturating_sub(MIN_HEIGHT - 1).max(1))
}

impl App {
    fn render_header(&self, area: Rect, buf: &mut Buffer) {
        let theme = &self.shared.theme;
        let mut spans = vec![Span::styled(brand(area.width), theme.title())];
        for (tab, label) in tab_labels(area.width, self.tab) {
            spans.push(Span::styled(label, theme.tab(tab == self.tab)));
        }
        Line::from(spans).render(area, buf);
        let used = tab_ranges(area.width, self.tab)
            .last()
            .map_or(0, |(_, r)| r.end);
        // The longest reading that fits beside the tabs: the timer gives up the date first, then
        // its words, so it shows at any width the tabs leave room for.
        let fits = self
            .header_clocks(area.width < COMPACT_HEADER)
            .into_iter()
            .map(|text| (Line::from(text.as_str()).width() as u16, text))
            .find(|(width, _)| area.width > used + width);
        if let Some((width, clock)) = fits {
            let right = Rect {
                x: area.right() - width,
                width,
                ..area
            };
            Line::from(clock).render(right, buf);
        }
    }

    /// The header's right side, longest first.
    fn header_clocks(&self, compact: bool) -> Vec<String> {
        let now = self.shared.now;
        let date = now.format("%a %-d %b · %H:%M").to_string();
        let time = now.format("%H:%M").to_string();
        let long = super::overlay::status(self, false);
        let short = super::overlay::status(self, true);
        match (long, short) {
            (Some(_), Some(short)) if compact => vec![format!("{short} ")],
            (Some(long), Some(short)) => vec![
                format!("{date} · {long} "),
                format!("{long} "),
                format!("{short} "),
            ],
            _ => vec![format!("{date} "), format!("{time} ")],
        }
    }

    fn render_body(&self, area: Rect, buf: &mut Buffer) {
        let cx = self.shared.context();
        let tab = self.tabs.get(self.tab);
        let title = Span::styled(tab.title(&cx), self.shared.theme.title());
        let block = Block::bordered().title(title);
        let inner = block.inner(area);
        block.render(area, buf);
        tab.draw(inner, buf, &cx);
    }

    fn render_messages(&self, lines: &[String], area: Rect, buf: &mut Buffer) {
        if lines.is_empty() {
            return;
        }
        let text: Vec<Line> = lines.iter().map(|t| Line::from(format!(" {t}"))).collect();
        Paragraph::new(text)
            .style(self.shared.theme.warning())
            .wrap(Wrap { trim: false })
            .render(area, buf);
    }

    /// The shown tab's hints on the left, as many whole ones as fit; the all-day keys and `? help`
    /// on the right, with their words while there is room, as bare keys when narrow.
    fn render_hints(&self, area: Rect, buf: &mut Buffer) {
        let all_day: Vec<KeyHelp> = describe(global::KEYS)
            .into_iter()
            .filter(|k| k.hint.is_some())
            .collect();
        let width = usize::from(area.width);
        let worded = hint_spans(self, &all_day, true);
        // The tab's own keys keep room; the all-day keys give up their words first.
        let right = if spans_width(&worded) + HELP.len() + TAB_HINTS_ROOM <= width {
            worded
        } else {
            hint_spans(self, &all_day, false)
        };
        let mut right = right;
        right.extend(help_spans(self));
        let right_width = spans_width(&right).min(width);
        let room = width.saturating_sub(right_width + 1);
        let mut left = vec![];
        for k in self.tabs.get(self.tab).keys() {
            let next = hint_spans(self, std::slice::from_ref(&k), true);
            if spans_width(&left) + spans_width(&next) > room {
                break;
            }
            left.extend(next);
        }
        Line::from(left).render(area, buf);
        let at = Rect {
            x: area.right() - right_width as u16,
            width: right_width as u16,
            ..area
        };
        Line::from(right).render(at, buf);
    }
}

const HELP: &str = " ? help ";
/// The hint bar keeps at least this many columns for the shown tab's own keys.
const TAB_HINTS_ROOM: usize = 50;

fn help_spans(app: &App) -> Vec<Span<'static>> {
    vec![
        Span::styled(" ?", app.shared.theme.key()),
        Span::raw(" help "),
    ]
}

/// " a add " for each key with a hint; `worded` false keeps only the keys.
fn hint_spans(app: &App, keys: &[KeyHelp], worded: bool) -> Vec<Span<'static>> {
    let mut spans = vec![];
    for k in keys {
        let Some(label) = k.hint else { continue };
        spans.push(Span::styled(format!(" {}", k.key), app.shared.theme.key()));
        if worded {
            spans.push(Span::raw(format!(" {label} ")));
        }
    }
    if !worded && !spans.is_empty() {
        spans.push(Span::raw(" "));
    }
    spans
}

fn spans_width(spans: &[Span]) -> usize {
    spans.iter().map(Span::width).sum()
}
