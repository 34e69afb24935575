//! Drawing the Inbox tab.

use super::inbox::{InboxTab, Pane, listed, slots};
use super::timer_view::clock_text;
use crate::domain::inbox::{ParkedState, counts, overrun_seconds};
use crate::domain::timefmt::format_minutes;
use crate::domain::timer::open_inbox;
use crate::domain::{Day, SessionKind};
use crate::tui::shared::Context;
use crate::tui::widgets::truncate;
use chrono::NaiveTime;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

pub struct InboxView<'a> {
    pub tab: &'a InboxTab,
    /// The clock, the config, today and the last sign of life, as every tab is handed them.
    pub cx: &'a Context<'a>,
}

impl InboxView<'_> {
    pub fn render(&self, area: Rect, buf: &mut Buffer) {
        let Some(day) = self.cx.today else {
            let text =
                "Today's file could not be read, so nothing can be parked: see the Plan tab.";
            Paragraph::new(text)
                .style(self.cx.theme.warning())
                .wrap(Wrap { trim: true })
                .render(area, buf);
            return;
        };
        let [top, parked, templates] = Layout::vertical([
            Constraint::Length(3),
            Constraint::Fill(2),
            Constraint::Fill(1),
        ])
        .areas(area);
        Paragraph::new(self.slot_lines(day))
            .wrap(Wrap { trim: true })
            .render(top, buf);
        Paragraph::new(self.parked_lines(day, parked.width, parked.height)).render(parked, buf);
        Paragraph::new(self.template_lines(templates.width)).render(templates, buf);
    }

    fn slot_lines(&self, day: &Day) -> Vec<Line<'static>> {
        let slots = slots(day, self.cx.config);
        let fmt = |(a, b): &(NaiveTime, NaiveTime)| {
            format!("{}–{}", a.format("%H:%M"), b.format("%H:%M"))
        };
        let list: Vec<String> = slots.iter().map(fmt).collect();
        let mut lines = vec![Line::from(format!(
            "Inbox slots today: {}",
            list.join(" · ")
        ))];
        let status = match open_inbox(day) {
            Some(session) => self.open_slot_line(day, session, &slots),
            None => self.waiting_slot_line(&slots),
        };
        lines.push(status);
        let planned: i64 = slots.iter().map(|(a, b)| (*b - *a).num_minutes()).sum();
        let spent: i64 = day
            .sessions
            .iter()
            .filter(|s| s.kind == SessionKind::Inbox)
            .map(|s| (s.end.unwrap_or(self.cx.now) - s.start).num_minutes())
            .sum();
        lines.push(Line::styled(
            format!(
                "Inbox today {} of {} planned",
                format_minutes(spent),
                format_minutes(planned)
            ),
            self.cx.theme.dim(),
        ));
        lines
    }

    /// "● In the slot for 12:03 · 2 handled", and how far past its end it ran.
    fn open_slot_line(
        &self,
        day: &Day,
        session: &crate::domain::Session,
        slots: &[(NaiveTime, NaiveTime)],
    ) -> Line<'static> {
        let now = self.cx.now.time();
        let elapsed = clock_text((self.cx.now - session.start).num_seconds());
        let slot_end = slots
            .iter()
            .find(|(a, b)| *a <= now && now < *b || session.start.time() < *b)
            .map(|s| s.1);
        let over = slot_end.map_or(0, |end| overrun_seconds(self.cx.now, end));
        let handled = day
            .parked
            .iter()
            .filter(|p| p.slot.as_deref() == Some(session.id.as_str()))
            .count();
        let mut spans = vec![Span::styled(
            format!("● In the slot for {elapsed} · {handled} handled · s ends it"),
            self.cx.theme.title(),
        )];
        if over > 0 {
            spans.push(Span::styled(
                format!("  +{} past the slot's end", clock_text(over)),
                self.cx.theme.warning(),
            ));
        }
        Line::from(spans)
    }

    /// The slot on now, else the next one, else none left today.
    fn waiting_slot_line(&self, slots: &[(NaiveTime, NaiveTime)]) -> Line<'static> {
        let now = self.cx.now.time();
        if let Some((a, b)) = slots.iter().find(|(a, b)| *a <= now && now < *b) {
            return Line::styled(
                format!(
                    "The {} slot is on now, until {} · s starts it",
                    a.format("%H:%M"),
                    b.format("%H:%M")
                ),
                self.cx.theme.title(),
            );
        }
        match slots.iter().find(|(a, _)| *a > now) {
            Some((a, _)) => Line::styled(
                format!(
                    "Next slot {} in {} · s starts one now",
                    a.format("%H:%M"),
                    format_minutes((*a - now).num_minutes())
                ),
                self.cx.theme.dim(),
            ),
            None => Line::styled(
                "No more slots today · s starts one now",
                self.cx.theme.dim(),
            ),
        }
    }

    /// The parking list, scrolled so the selected mail stays in the `height` rows.
    fn parked_lines(&self, day: &Day, width: u16, height: u16) -> Vec<Line<'static>> {
        let c = counts(&day.parked);
        let long = format!(
            "Parked: {} waiting · handled today: replied {} · template {} · passed on {} · dropped {}",
            c.waiting, c.replied, c.template, c.delegated, c.dropped
        );
        // The whole line where it fits, else the short one: never cut in the middle of a count.
        let head = if long.chars().count() <= usize::from(width) {
            long
        } else {
            format!("Parked: {} waiting · {} handled", c.waiting, c.handled())
        };
        let mut lines = vec![Line::styled(
            head,
            Style::new().add_modifier(Modifier::BOLD),
        )];
        let items = listed(day);
        if items.is_empty() {
            lines.push(Line::styled(
                "  Nothing parked. n parks a mail from any tab; it waits here for the slot.",
                self.cx.theme.dim(),
            ));
        }
        let rows = usize::from(height.saturating_sub(1)).max(1);
        let first = self
            .tab
            .selected
            .saturating_sub(rows - 1)
            .min(items.len().saturating_sub(rows));
        for (i, p) in items.iter().enumerate().skip(first).take(rows) {
            let since = p.from.map_or(String::new(), |d| {
                format!("  (since {})", d.format("%a %-d %b"))
            });
            let mark = match p.state {
                ParkedState::Open => "  ",
                ParkedState::Deferred => "↷ ",
                _ => "✓ ",
            };
            let state = if p.state == ParkedState::Open {
                String::new()
            } else {
                format!(" [{}]", p.state.name())
            };
            let text = truncate(&format!("{mark}{}{state}{since}", p.text), width as usize);
            let mut style = if p.state.is_waiting() {
                Style::new()
            } else {
                self.cx.theme.dim()
            };
            if self.tab.pane == Pane::Parked && i == self.tab.selected {
                style = style.add_modifier(Modifier::REVERSED);
            }
            lines.push(Line::styled(text, style));
        }
        lines
    }

    /// The selected template's text under the list, while the templates are the pane in use.
    fn selected_body(&self, list: &[crate::templates::Template], width: u16) -> Vec<Line<'static>> {
        let chosen = list
            .get(self.tab.template)
            .filter(|_| self.tab.pane == Pane::Templates);
        let Some(Ok(body)) = chosen.map(|t| &t.body) else {
            return vec![];
        };
        let mut lines = vec![Line::styled("  ─ preview ─", self.cx.theme.dim())];
        lines.extend(body.lines().take(PREVIEW_LINES).map(|l| {
            Line::styled(
                truncate(&format!("  {l}"), width as usize),
                self.cx.theme.dim(),
            )
        }));
        lines
    }

    fn template_lines(&self, width: u16) -> Vec<Line<'static>> {
        let mut lines = vec![Line::styled(
            "Reply templates (→, then Enter copies):",
            Style::new().add_modifier(Modifier::BOLD),
        )];
        match &self.tab.templates {
            Err(why) => lines.push(Line::styled(format!("  {why}"), self.cx.theme.dim())),
            Ok(list) if list.is_empty() => lines.push(Line::styled(
                "  The templates folder is empty.",
                self.cx.theme.dim(),
            )),
            Ok(list) => {
                for (i, t) in list.iter().enumerate() {
                    let preview = match &t.body {
                        Ok(body) => gist(body),
                        Err(why) => format!("(unusable: {why})"),
                    };
                    let text = truncate(&format!("  {:<20} {preview}", t.name), width as usize);
                    let selected = self.tab.pane == Pane::Templates && i == self.tab.template;
                    let style = if selected {
                        Style::new().add_modifier(Modifier::REVERSED)
                    } else {
                        Style::new()
                    };
                    lines.push(Line::styled(text, style));
                }
                lines.extend(self.selected_body(list, width));
            }
        }
        lines
    }
}

/// How much of the selected template the Inbox tab shows.
const PREVIEW_LINES: usize = 8;

/// What a template says, for its line in the list: the first line that is not the greeting.
fn gist(body: &str) -> String {
    let mut lines = body.lines().map(str::trim).filter(|l| !l.is_empty());
    let first = lines.next().unwrap_or("");
    let greeting = first.ends_with(',') && first.split_whitespace().count() <= 3;
    match lines.next() {
        Some(next) if greeting => next.to_string(),
        _ => first.to_string(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_template_is_listed_by_what_it_says_not_its_greeting() {
        assert_eq!(
            super::gist("Hi NAME,\n\nThanks for asking about pricing."),
            "Thanks for asking about pricing."
        );
        assert_eq!(
            super::gist("Quick follow-up on our call"),
            "Quick follow-up on our call"
        );
        assert_eq!(super::gist(""), "");
    }
}
