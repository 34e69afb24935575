//! Drawing the Timer tab: the big countdown, what it runs on, and today's figures so far.

use super::timer::{Choice, TimerTab, choices};
use crate::domain::report::TodayShare;
use crate::domain::span::{day_bounds, tracked_minutes};
use crate::domain::timefmt::{format_hhmm, format_minutes};
use crate::domain::timer::{Phase, Timer, open_interruption};
use crate::domain::{Category, Day, Session};
use crate::tui::shared::Context;
use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};
use tui_big_text::{BigText, PixelSize};

pub struct TimerView<'a> {
    pub tab: &'a TimerTab,
    /// The clock, the config, today and the last sign of life, as every tab is handed them.
    pub cx: &'a Context<'a>,
}

/// `mm:ss` (or `h:mm:ss` past an hour).
pub fn clock_text(seconds: i64) -> String {
    let s = seconds.max(0);
    if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    } else {
        format!("{:02}:{:02}", s / 60, s % 60)
    }
}

impl TimerView<'_> {
    pub fn render(&self, area: Rect, buf: &mut Buffer) {
        let notes = &self.tab.notes;
        let area = notes.render_notice(area, buf, self.cx.theme);
        if notes.is_open() {
            notes.render_list(area, buf, self.cx.theme);
            return;
        }
        let Some(day) = self.cx.today else {
            let text =
                "Today's file could not be read, so the timer cannot save: see the Plan tab.";
            Paragraph::new(text)
                .style(self.cx.theme.warning())
                .wrap(Wrap { trim: true })
                .render(area, buf);
            return;
        };
        let mut lines = vec![];
        if let Some(interruption) = open_interruption(day) {
            self.render_interruption(interruption, area, buf, &mut lines);
        } else if let Some(timer) = &day.timer {
            self.render_timer(timer, area, buf, &mut lines);
        } else {
            self.render_choices(day, area, buf);
            return;
        }
        let counted = crate::domain::open::counted(day, &self.cx.life);
        lines.push(self.today_line(&counted));
        lines.push(self.share_line(day));
        let top = area.y + 6.min(area.height);
        let rest = Rect {
            y: top,
            height: area.bottom() - top,
            ..area
        };
        Paragraph::new(lines)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true })
            .render(rest, buf);
    }

    fn big(&self, text: String, style: Style, area: Rect, buf: &mut Buffer) {
        let size = if area.width >= 50 {
            PixelSize::HalfHeight
        } else {
            PixelSize::Quadrant
        };
        let big = BigText::builder()
            .pixel_size(size)
            .style(style)
            .lines(vec![text.into()])
            .centered()
            .build();
        big.render(
            Rect {
                y: area.y + 1,
                height: 4.min(area.height.saturating_sub(1)),
                ..area
            },
            buf,
        );
    }

    fn render_timer(
        &self,
        t: &Timer,
        area: Rect,
        buf: &mut Buffer,
        lines: &mut Vec<Line<'static>>,
    ) {
        let of = self.cx.config.timer.rounds_before_long_break.max(1);
        let round = (t.round - 1) % of + 1;
        let phase = match (t.phase, t.is_running(), t.is_ready()) {
            (Phase::Focus, false, true) => format!("READY · round {round} of {of} · space starts"),
            (Phase::Focus, false, false) => {
                format!("PAUSED · round {round} of {of} · space resumes")
            }
            (Phase::Focus, true, _) => format!("FOCUS · round {round} of {of}"),
            (Phase::Break, _, _) => "BREAK · stand up, look away".to_string(),
            (Phase::LongBreak, _, _) => "LONG BREAK · step away for a while".to_string(),
        };
        let style = match t.phase {
            Phase::Focus => self
                .cx
                .theme
                .category(t.category)
                .add_modifier(Modifier::BOLD),
            _ => self.cx.theme.dim(),
        };
        Line::styled(phase, style)
            .alignment(Alignment::Center)
            .render(Rect { height: 1, ..area }, buf);
        self.big(clock_text(t.remaining(self.cx.now)), style, area, buf);
        let title = t.title.clone().unwrap_or_else(|| "unplanned work".into());
        let ends = self
            .block_end(t)
            .map_or(String::new(), |e| format!(" · block ends {e}"));
        lines.push(Line::from(format!("{title} · {}{ends}", t.category.tag())));
    }

    fn block_end(&self, t: &Timer) -> Option<String> {
        let id = t.block.as_ref()?;
        let block = self.cx.today?.blocks.iter().find(|b| &b.id == id)?;
        Some(format_hhmm(block.end))
    }

    fn render_interruption(
        &self,
        s: &Session,
        area: Rect,
        buf: &mut Buffer,
        lines: &mut Vec<Line<'static>>,
    ) {
        let style = self
            .cx
            .theme
            .category(Category::Reactive)
            .add_modifier(Modifier::BOLD);
        let text = if area.width >= 50 {
            "INTERRUPTION · i ends it and resumes focus"
        } else {
            "INTERRUPTION · i ends it"
        };
        let head = Line::styled(text, style).alignment(Alignment::Center);
        head.render(Rect { height: 1, ..area }, buf);
        let elapsed = (self.cx.now - s.start).num_seconds();
        self.big(clock_text(elapsed), style, area, buf);
        let who = s.title.clone().unwrap_or_else(|| "someone".into());
        lines.push(Line::from(format!(
            "{who} · since {}",
            s.start.with_timezone(self.cx.now.offset()).format("%H:%M")
        )));
    }

    fn render_choices(&self, day: &Day, area: Rect, buf: &mut Buffer) {
        let mut lines = vec![
            Line::styled(
                "No timer running. Choose what to focus on and press s:",
                self.cx.theme.dim(),
            ),
            Line::from(""),
        ];
        let selected = self.tab.selected_index(Some(day), self.cx.now.time());
        for (i, choice) in choices(Some(day)).iter().enumerate() {
            let text = match choice {
                Choice::Unplanned => "  unplanned work (you pick the category)".to_string(),
                Choice::Block(b) => format!(
                    "  {}–{} {:<3} {}",
                    format_hhmm(b.start),
                    format_hhmm(b.end),
                    b.category.tag(),
                    b.title
                ),
            };
            let style = match choice {
                Choice::Block(b) => self.cx.theme.category(b.category),
                Choice::Unplanned => Style::new(),
            };
            let style = if i == selected {
                style.add_modifier(Modifier::REVERSED)
            } else {
                style
            };
            lines.push(Line::styled(text, style));
        }
        lines.push(Line::from(""));
        lines.push(self.today_line(&crate::domain::open::counted(day, &self.cx.life)));
        lines.push(self.share_line(day));
        Paragraph::new(lines).render(area, buf);
    }

    fn today_line(&self, day: &Day) -> Line<'static> {
        let totals = tracked_minutes(
            &day.sessions,
            &day_bounds(&self.cx.zone, day.date),
            self.cx.now,
        );
        let mut spans = vec![Span::styled("today ", self.cx.theme.dim())];
        for (i, c) in Category::ALL.iter().enumerate() {
            let sep = if i == 0 { "" } else { " · " };
            spans.push(Span::raw(sep));
            spans.push(Span::styled(
                format!("{} {}", c.tag(), format_minutes(totals[c])),
                self.cx.theme.category(*c),
            ));
        }
        Line::from(spans).alignment(Alignment::Center)
    }

    fn share_line(&self, day: &Day) -> Line<'static> {
        let target = self.cx.config.targets.proactive_share;
        let text =
            match crate::figures::today_share(day, self.cx.config, &self.cx.life, &self.cx.zone) {
                TodayShare::Percent(share) => {
                    format!("PRO {share:.0}% of capacity · target {target:.0}%")
                }
                hours @ TodayShare::Hours { .. } => format!("PRO {hours} before the working day"),
                TodayShare::Nothing => format!("nothing tracked yet · target {target:.0}%"),
            };
        Line::styled(text, self.cx.theme.dim()).alignment(Alignment::Center)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_text_pads_and_grows_hours() {
        assert_eq!(clock_text(0), "00:00");
        assert_eq!(clock_text(18 * 60 + 12), "18:12");
        assert_eq!(clock_text(3600 + 61), "1:01:01");
        assert_eq!(clock_text(-5), "00:00");
    }
}
