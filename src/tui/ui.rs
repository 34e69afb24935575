//! Drawing the shell: header with tabs and clock, the current tab, banner, key hints, help overlay.

use super::app::App;
use super::keymap::{Binding, GLOBAL};
use super::tabs::inbox_view::InboxView;
use super::tabs::month_view::MonthView;
use super::tabs::plan_view::PlanView;
use super::tabs::review_view::ReviewView;
use super::tabs::timer_view::TimerView;
use super::tabs::{Tab, inbox, month, plan, review, timer};
use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};
use std::ops::Range;

/// Below this size only a short "enlarge the terminal" note is drawn.
pub const MIN_WIDTH: u16 = 32;
pub const MIN_HEIGHT: u16 = 8;

const BRAND: &str = " protime ";

/// Below this width the header shows only the selected tab's name (the others by number).
const COMPACT_HEADER: u16 = 60;

/// The header text of each tab, for a screen `width` wide with `selected` shown.
fn tab_labels(width: u16, selected: Tab) -> Vec<(Tab, String)> {
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

fn brand(width: u16) -> &'static str {
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
        // A long message (a sync conflict's path, why notifications fell back) gets up to three
        // rows rather than being cut off.
        let banner_text = self.banner.as_ref().map(|t| format!(" {t}"));
        let needed = banner_text.as_ref().map_or(1, |t| {
            Line::from(t.as_str())
                .width()
                .div_ceil(usize::from(area.width))
        });
        let banner_rows = (needed as u16)
            .clamp(1, 3)
            .min(area.height.saturating_sub(MIN_HEIGHT - 1).max(1));
        let [header, body, banner, hints] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(banner_rows),
            Constraint::Length(1),
        ])
        .areas(area);
        self.render_header(header, buf);
        self.render_body(body, buf);
        if let Some(text) = banner_text {
            Paragraph::new(text)
                .style(self.theme.warning())
                .wrap(Wrap { trim: false })
                .render(banner, buf);
        }
        match &self.import {
            Some(review) => review.render(body, buf, &self.theme),
            None => self.render_hints(hints, buf),
        }
        super::overlay::render(self, body, buf);
        if self.help {
            self.render_help(body, buf);
        }
        // The last gate: whatever a widget drew from a title or a template, no cell carries a
        // character the terminal would obey or reorder by.
        crate::sanitize::frame_cells(buf);
    }
}

impl App {
    fn render_header(&self, area: Rect, buf: &mut Buffer) {
        let mut spans = vec![Span::styled(brand(area.width), self.theme.title())];
        for (tab, label) in tab_labels(area.width, self.tab) {
            spans.push(Span::styled(label, self.theme.tab(tab == self.tab)));
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
        let date = self.now.format("%a %-d %b · %H:%M").to_string();
        let time = self.now.format("%H:%M").to_string();
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
        let title = match self.tab {
            Tab::Plan => plan_title(self.plan.date, self.now.date_naive()),
            Tab::Review => format!(" Review · {} ", self.review.date.format("%a %-d %b %Y")),
            Tab::Month => format!(" Month · {} ", self.month.month.format("%B %Y")),
            tab => format!(" {} ", tab.title()),
        };
        let block = Block::bordered().title(Span::styled(title, self.theme.title()));
        let inner = block.inner(area);
        block.render(area, buf);
        let (config, theme, now, zone) = (&self.config, &self.theme, self.now, self.zone);
        let life = self.liveness();
        match self.tab {
            Tab::Plan => PlanView {
                tab: &self.plan,
                config,
                theme,
                now,
                zone,
                life,
            }
            .render(inner, buf),
            Tab::Timer => TimerView {
                tab: &self.timer,
                day: self.today_day(),
                config,
                theme,
                now,
                zone,
                life,
            }
            .render(inner, buf),
            Tab::Inbox => InboxView {
                tab: &self.inbox,
                day: self.today_day(),
                config,
                theme,
                now,
            }
            .render(inner, buf),
            Tab::Review => ReviewView {
                tab: &self.review,
                config,
                theme,
                now,
                zone,
                life,
            }
            .render(inner, buf),
            Tab::Month => MonthView {
                tab: &self.month,
                config,
                theme,
                now,
            }
            .render(inner, buf),
        }
    }

    /// The keys of the shown tab, then the global ones.
    fn bindings(&self) -> Vec<&'static Binding> {
        let tab_keys: &[Binding] = if self.tab == Tab::Inbox {
            inbox::KEYS
        } else if self.tab == Tab::Month {
            month::KEYS
        } else if self.tab == Tab::Review {
            review::KEYS
        } else if self.tab == Tab::Timer {
            timer::KEYS
        } else if self.tab == Tab::Plan && self.plan.sessions.is_some() {
            super::tabs::sessions::KEYS
        } else if self.tab == Tab::Plan {
            plan::KEYS
        } else {
            &[]
        };
        // A tab's own key wins over the same key anywhere (on Review, p and n answer the question).
        let taken: Vec<&str> = tab_keys
            .iter()
            .flat_map(|b| b.keys.split([' ', '/']))
            .collect();
        tab_keys
            .iter()
            .chain(timer::ANYWHERE.iter().filter(|b| !taken.contains(&b.keys)))
            .chain(GLOBAL.iter())
            .collect()
    }

    /// Whole hints only, as many as fit; `? help` always stays at the right end.
    fn render_hints(&self, area: Rect, buf: &mut Buffer) {
        let help = " ? help ";
        let room = (area.width as usize).saturating_sub(help.len());
        let mut spans = vec![];
        let mut used = 0;
        for b in self.bindings().into_iter().filter(|b| b.keys != "?") {
            let Some(label) = b.hint else { continue };
            let (key, text) = (format!(" {}", b.keys), format!(" {label} "));
            used += key.chars().count() + text.chars().count();
            if used > room {
                break;
            }
            spans.push(Span::styled(key, self.theme.key()));
            spans.push(Span::raw(text));
        }
        Line::from(spans).render(area, buf);
        if area.width as usize >= help.len() {
            let right = Rect {
                x: area.right() - help.len() as u16,
                width: help.len() as u16,
                ..area
            };
            Line::from(vec![
                Span::styled(" ?", self.theme.key()),
                Span::raw(" help "),
            ])
            .render(right, buf);
        }
    }

    fn render_help(&self, body: Rect, buf: &mut Buffer) {
        let bindings = self.bindings();
        let area = body.centered(
            Constraint::Max(90),
            Constraint::Max(bindings.len() as u16 + 2),
        );
        Clear.render(area, buf);
        let block =
            Block::bordered().title(Span::styled(" Keys · Esc closes ", self.theme.title()));
        let lines: Vec<Line> = bindings
            .into_iter()
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

/// " Plan · Thu 26 Nov 2026 · today "
fn plan_title(date: NaiveDate, today: NaiveDate) -> String {
    let relative = match (date - today).num_days() {
        0 => " · today",
        -1 => " · yesterday",
        1 => " · tomorrow",
        _ => "",
    };
    format!(" Plan · {}{relative} ", date.format("%a %-d %b %Y"))
}
