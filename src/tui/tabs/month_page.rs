//! The what-to-change page (`a` on the Month tab): every part of the checkup, one after another,
//! under the month's header; the tab scrolls it like the month when it is taller than the pane.

use super::month::MonthTab;
use super::month_checkup as checkup;
use crate::domain::report::total;
use crate::tui::shared::Context;
use ratatui::text::Line;

/// The page's lines at `width`: the advice, the trend and patterns, then the accounts and tiers.
pub fn lines(tab: &MonthTab, cx: &Context, width: u16) -> Vec<Line<'static>> {
    let mut lines: Vec<Line<'static>> = vec![];
    let parts =
        std::iter::once(checkup::advice(tab, cx, width)).chain(checkup::parts(tab, cx, width));
    for part in parts {
        lines.extend(part);
        lines.push(Line::default());
    }
    lines.extend(checkup::title(
        "Reactive time by account and tier",
        cx,
        width,
    ));
    lines.extend(checkup::accounts(&total(&tab.days), cx, width));
    lines
}
