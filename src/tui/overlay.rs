//! What is drawn over any tab: the open prompt, the gap question, and the timer status in the header.

use super::app::App;
use super::tabs::timer_view::clock_text;
use crate::domain::timer::{Phase, open_interruption};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};

/// Draws the prompt at the bottom of the body, or the gap question in its middle.
pub fn render(app: &App, body: Rect, buf: &mut Buffer) {
    if let Some(prompt) = &app.prompt {
        let height = prompt.form.height(body.width).min(body.height);
        let area = Rect {
            y: body.bottom() - height,
            height,
            ..body
        };
        prompt.form.render(area, buf, &app.theme);
    }
    if let Some(gap) = &app.gap {
        let minutes = (app.now - gap.since).num_minutes();
        let lines = vec![
            Line::from(format!(
                "No sign of protime for {minutes} min (since {}) while a session was open.",
                gap.since.format("%H:%M")
            )),
            Line::from("What was that time?"),
            Line::from(vec![
                Span::styled(" w ", app.theme.key()),
                Span::raw("this session's work   "),
                Span::styled(" b ", app.theme.key()),
                Span::raw("a break   "),
                Span::styled(" o ", app.theme.key()),
                Span::raw("other work"),
            ]),
        ];
        let height = 5.min(body.height);
        let area = Rect {
            y: body.y + body.height.saturating_sub(height) / 2,
            height,
            ..body
        };
        Clear.render(area, buf);
        let block = Block::bordered().title(Span::styled(" Welcome back ", app.theme.title()));
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(block)
            .render(area, buf);
    }
}

/// The timer in a few characters for the header: `▶ focus 18:12 left`, or `▶ 18:12` when short.
pub fn status(app: &App, short: bool) -> Option<String> {
    let day = app.today_day()?;
    if let Some(s) = open_interruption(day) {
        let elapsed = clock_text((app.now - s.start).num_seconds());
        return Some(if short {
            format!("● {elapsed}")
        } else {
            format!("● interruption {elapsed}")
        });
    }
    if let Some(s) = crate::domain::timer::open_inbox(day) {
        let elapsed = clock_text((app.now - s.start).num_seconds());
        return Some(if short {
            format!("✉ {elapsed}")
        } else {
            format!("✉ inbox slot {elapsed}")
        });
    }
    let timer = day.timer.as_ref()?;
    let left = clock_text(timer.remaining(app.now));
    let (mark, word) = match (timer.phase, timer.is_running()) {
        (Phase::Focus, true) => ("▶", "focus"),
        (Phase::Focus, false) => ("⏸", "focus"),
        (_, _) => ("☕", "break"),
    };
    Some(if short {
        format!("{mark} {left}")
    } else {
        format!("{mark} {word} {left} left")
    })
}
