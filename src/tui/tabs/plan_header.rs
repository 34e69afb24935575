//! The Plan tab's realism header: planned against capacity and targets, what was done, the
//! warnings, the week's objectives, the promise of the last review.

use super::plan_view::{PlanView, WIDE, limits};
use crate::domain::check::{PlanSummary, PlanWarning, check_plan, objective_minutes};
use crate::domain::timefmt::format_minutes;
use crate::domain::{Category, Day};
use crate::tui::widgets::{text_width, truncate};
use ratatui::text::{Line, Span};

impl PlanView<'_> {
    pub(super) fn header(&self, day: &Day, width: u16) -> Vec<Line<'static>> {
        let capacity = self.capacity().of_day(day.date, day.off.is_some());
        let summary = check_plan(day, capacity, &limits(self.cx.config));
        let wide = width >= WIDE;
        let mut lines = self.planned_lines(&summary, width);
        if let Some(done) = self.done_line(day, wide) {
            lines.push(done);
        }
        lines.extend(self.warning_lines(day, &summary, wide));
        if wide {
            lines.extend(self.objectives_line(width));
        }
        // A day off keeps no promise: it goes to the next working day.
        let no_proactive = !day.blocks.iter().any(|b| b.category == Category::Proactive);
        let promise = self.tab.protect.as_deref();
        if let Some(promise) = promise.filter(|_| no_proactive && summary.capacity > 0) {
            let text = format!("You promised to protect: {promise} — a plans it");
            lines.push(Line::styled(
                text,
                self.cx.theme.category(Category::Proactive),
            ));
        }
        lines
    }

    fn planned_lines(&self, s: &PlanSummary, width: u16) -> Vec<Line<'static>> {
        let t = self.cx.theme;
        let pro = s.planned[&Category::Proactive];
        let share = s
            .proactive_share
            .map_or(String::new(), |p| format!(" ({p:.0}%)"));
        let target = self.cx.config.targets.proactive_share;
        let ceiling = self.cx.config.targets.realistic_ceiling;
        let mark = |ok: bool| if ok { "✓" } else { "✗" };
        let on_target = s.proactive_share.is_some_and(|p| p >= target);
        let below_ceiling = s.proactive_share.is_none_or(|p| p <= ceiling);
        // A day without capacity (off, or not a working day) gets no verdict and no free time.
        let working = s.capacity > 0;
        if width < WIDE {
            let verdict = if working { mark(on_target) } else { "" };
            return vec![self.narrow_planned_line(s, verdict)];
        }
        let max = self.cx.config.targets.max_objectives_per_day;
        let mut line = Line::from(vec![
            Span::styled("Planned  ", t.dim()),
            Span::styled(
                format!("PRO {}{share}", format_minutes(pro)),
                t.category(Category::Proactive),
            ),
            Span::styled(
                format!("  RE {}", format_minutes(s.planned[&Category::Reactive])),
                t.category(Category::Reactive),
            ),
            Span::styled(
                format!("  OTH {}", format_minutes(s.planned[&Category::Other])),
                t.category(Category::Other),
            ),
        ]);
        if !working {
            return vec![line];
        }
        // The capacity no block takes yet; the timeline's "free" rows show where it lies.
        line.spans.push(Span::styled(
            format!("  free {}", format_minutes(s.free)),
            t.unlogged(),
        ));
        let targets = format!(
            "target {target:.0}% {}  ceiling {ceiling:.0}% {}  objectives planned {}/{max}",
            mark(on_target),
            mark(below_ceiling),
            s.objectives
        );
        // Below the width both need, the targets go on a line of their own instead of being cut.
        if usize::from(width.saturating_sub(2))
            >= line.width() + 3 + Line::from(targets.as_str()).width()
        {
            line.spans.push(Span::raw(format!("   {targets}")));
            vec![line]
        } else {
            vec![line, Line::from(format!("         {targets}"))]
        }
    }

    /// "PRO 40% ✓ · RE 2h00 · OTH 1h00" for a narrow pane.
    fn narrow_planned_line(&self, s: &PlanSummary, mark: &str) -> Line<'static> {
        let t = self.cx.theme;
        let pct = s.proactive_share.map_or("–".into(), |p| format!("{p:.0}%"));
        Line::from(vec![
            Span::styled(
                format!("PRO {pct} {mark}").trim_end().to_string(),
                t.category(Category::Proactive),
            ),
            Span::raw(" · "),
            Span::styled(
                format!("RE {}", format_minutes(s.planned[&Category::Reactive])),
                t.category(Category::Reactive),
            ),
            Span::raw(" · "),
            Span::styled(
                format!("OTH {}", format_minutes(s.planned[&Category::Other])),
                t.category(Category::Other),
            ),
        ])
    }

    /// Tracked time per category, once anything was tracked.
    fn done_line(&self, day: &Day, wide: bool) -> Option<Line<'static>> {
        if day.sessions.is_empty() {
            return None;
        }
        let window = crate::domain::span::day_bounds(&self.cx.zone, day.date);
        let done = crate::domain::span::tracked_minutes(&day.sessions, &window, self.cx.now);
        let (label, gap) = if wide {
            ("Done     ", "  ")
        } else {
            ("done ", " ")
        };
        let mut spans = vec![Span::styled(label, self.cx.theme.dim())];
        for c in Category::ALL {
            let text = format!("{} {}{gap}", c.tag(), format_minutes(done[&c]));
            spans.push(Span::styled(text, self.cx.theme.category(c)));
        }
        Some(Line::from(spans))
    }

    /// Every warning on its own line in a wide pane; the first, in a few words, in a narrow one.
    fn warning_lines(&self, day: &Day, s: &PlanSummary, wide: bool) -> Vec<Line<'static>> {
        if let Some(off) = &day.off {
            let next = match super::plan_edit::next_off(Some(off)) {
                Some(kind) => format!(" o makes it {kind}."),
                None => " o makes it a working day again.".into(),
            };
            let hint = if wide { next.as_str() } else { "" };
            let text = format!("Day off ({off}): no capacity.{hint}");
            return vec![Line::styled(text, self.cx.theme.dim())];
        }
        if s.warnings.is_empty() {
            if s.capacity == 0 {
                return vec![Line::styled("Not a working day.", self.cx.theme.dim())];
            }
            let ok = self.cx.theme.category(Category::Proactive);
            return vec![Line::styled("✓ a realistic plan", ok)];
        }
        if !wide {
            return vec![Line::styled(
                format!("⚠ {}", s.warnings[0].short()),
                self.cx.theme.warning(),
            )];
        }
        let warning = |w: &PlanWarning| Line::styled(format!("⚠ {w}"), self.cx.theme.warning());
        s.warnings.iter().map(warning).collect()
    }

    fn objectives_line(&self, width: u16) -> Option<Line<'static>> {
        if self.cx.config.objectives.is_empty() {
            return None;
        }
        let totals = objective_minutes(&self.tab.week, &self.cx.zone, self.cx.now);
        let parts: Vec<String> = self
            .cx
            .config
            .objectives
            .iter()
            .map(|o| {
                // A renamed objective's blocks that name it the old way count for it.
                let (planned, done) = totals
                    .iter()
                    .filter(|(name, _)| o.answers_to(name))
                    .fold((0, 0), |(p, d), (_, (bp, bd))| (p + bp, d + bd));
                format!(
                    "{} {} planned · {} done / {}",
                    o.name,
                    format_minutes(planned),
                    format_minutes(done),
                    format_minutes((o.weekly_hours * 60.0).round() as i64)
                )
            })
            .collect();
        let label = "This week  ";
        // Cut with "…" where the pane ends, not in the middle of a word without a sign.
        let room = usize::from(width.saturating_sub(2)).saturating_sub(text_width(label));
        Some(Line::from(vec![
            Span::styled(label, self.cx.theme.dim()),
            Span::raw(truncate(&parts.join("  ·  "), room)),
        ]))
    }
}
