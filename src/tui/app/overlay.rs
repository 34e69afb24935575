//! What is drawn over any tab: the open prompt, the gap question, and the timer status in the header.

use super::App;
use crate::domain::timer::{Phase, open_interruption};
use crate::tui::tabs::timer_view::clock_text;
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
        prompt.form.render(area, buf, &app.shared.theme);
    }
    if let Some(gap) = &app.gap {
        let lines = gap_question(app, gap.since);
        let height = 6.min(body.height);
        let area = Rect {
            y: body.y + body.height.saturating_sub(height) / 2,
            height,
            ..body
        };
        Clear.render(area, buf);
        let title = format!(" No sign of you since {} ", gap.since.format("%H:%M"));
        let block = Block::bordered().title(Span::styled(title, app.shared.theme.title()));
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(block)
            .render(area, buf);
    }
}

/// "Focus “ACME proposal” began 09:00; last seen 09:05. Since then:" and the answers.
fn gap_question(app: &App, since: chrono::DateTime<chrono::FixedOffset>) -> Vec<Line<'static>> {
    let open = app.today_day().and_then(|d| {
        d.sessions
            .iter()
            .filter(|s| s.end.is_none())
            .max_by_key(|s| s.start)
    });
    let what = open.map_or("A session".to_string(), |s| {
        let kind = s.kind.to_string();
        let kind = kind[..1].to_uppercase() + &kind[1..];
        match &s.title {
            Some(t) => format!(
                "{kind} \u{201c}{t}\u{201d} began {}",
                s.start.format("%H:%M")
            ),
            None => format!("{kind} began {}", s.start.format("%H:%M")),
        }
    });
    let key = |k: &'static str| Span::styled(format!(" {k} "), app.shared.theme.key());
    vec![
        Line::from(format!(
            "{what}; last seen {}. Since then:",
            since.format("%H:%M")
        )),
        Line::from(vec![
            key("w"),
            Span::raw("still this work   "),
            key("r"),
            Span::raw("a customer (reactive, who?)   "),
            key("o"),
            Span::raw("other work"),
        ]),
        Line::from(vec![
            key("b"),
            Span::raw(format!("a break: it ended at {}", since.format("%H:%M"))),
        ]),
    ]
}

/// The timer in a few characters for the header: `▶ focus 18:12 left`, or `▶ 18:12` when short.
pub fn status(app: &App, short: bool) -> Option<String> {
    let day = app.today_day()?;
    if let Some(s) = open_interruption(day) {
        let elapsed = clock_text((app.shared.now - s.start).num_seconds());
        return Some(if short {
            format!("● {elapsed}")
        } else {
            format!("● interruption {elapsed}")
        });
    }
    if let Some(s) = crate::domain::timer::open_inbox(day) {
        let elapsed = clock_text((app.shared.now - s.start).num_seconds());
        return Some(if short {
            format!("✉ {elapsed}")
        } else {
            format!("✉ inbox slot {elapsed}")
        });
    }
    let timer = day.timer.as_ref()?;
    let left = clock_text(timer.remaining(app.shared.now));
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
