//! `protime report --format html`: one self-contained page for a one-on-one. The period's
//! figures (each cell carries its `report --format json` key and value, so a test can hold the two
//! side by side), the advice, the charts as inline SVG, reactive time by account and tier, and
//! the review answers; the review notes and "tomorrow I protect" only with `--with-notes`. No
//! script and nothing fetched: the page opens the same offline, in a mail, years later.

use super::svg::{Item, bars, columns, esc};
use crate::config::Config;
use crate::domain::advice::{Advice, Inputs, advise};
use crate::domain::patterns::{self, reactive_by_tier};
use crate::domain::report::{Figures, counted_weeks, month_reading, total, week_of};
use crate::domain::timefmt::format_minutes;
use crate::domain::{Category, Decision, Review};
use crate::journal::Journal;
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Weekday};
use std::fmt::Write;

const PRO: &str = "#2e7d32";
const RE: &str = "#e69500";

/// What the page is made from.
pub struct Page<'a> {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub days: &'a [(NaiveDate, Figures)],
    /// Up to 12 months ending with the period's last (first day, figures), oldest first.
    pub trend: &'a [(NaiveDate, Figures)],
    /// The month before a whole month, named, for "up from 24% in October".
    pub previous: Option<(&'a str, &'a Figures)>,
    /// A broken day file that left months out of the trend, named with what to do.
    pub trend_broken: Option<&'a str>,
    pub reviews: &'a [(NaiveDate, Review)],
    pub config: &'a Config,
    pub with_notes: bool,
}

/// Reads what the page needs beyond the period's figures (the eleven months before its last,
/// for the trend and "up from", and the reviews), then makes the page. A day file that leaves
/// months out of the trend is named on stderr as well as on the page.
pub fn write(
    journal: &Journal,
    config: &Config,
    (now, zone): (DateTime<FixedOffset>, &crate::clock::Zone),
    (from, to): (NaiveDate, NaiveDate),
    days: &[(NaiveDate, Figures)],
    with_notes: bool,
) -> Result<String, String> {
    let first = to.with_day(1).unwrap_or(to);
    let before = crate::figures::months::months_before(journal, config, first, (now, zone));
    let mut trend = before.trend;
    let current = match from == first {
        true => total(days),
        false => total(&crate::figures::period_figures(journal, config, first, to, now, zone)?.0),
    };
    trend.push((first, current));
    if let Some(broken) = &before.broken {
        crate::say_err!("protime: warning: {broken}");
    }
    let previous = before.previous.as_ref().filter(|_| whole_month(from, to));
    Ok(page(&Page {
        from,
        to,
        days,
        trend: &trend,
        previous: previous.map(|(name, f)| (name.as_str(), f)),
        trend_broken: before.broken.as_deref(),
        reviews: &read_reviews(journal, from, to)?,
        config,
        with_notes,
    }))
}

/// The period's review answers, day by day.
fn read_reviews(
    journal: &Journal,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<(NaiveDate, Review)>, String> {
    let mut reviews = vec![];
    for date in from.iter_days().take_while(|d| *d <= to) {
        let day = journal
            .load_existing(date)
            .transpose()
            .map_err(|e| e.to_string())?;
        if let Some(review) = day.and_then(|d| d.review) {
            reviews.push((date, review));
        }
    }
    Ok(reviews)
}

const STYLE: &str = "body{font-family:sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}\
table{border-collapse:collapse;margin:.5rem 0}td,th{padding:.2rem .7rem;text-align:left;border-bottom:1px solid #ddd}\
td.n{text-align:right;font-variant-numeric:tabular-nums}h2{margin-top:2rem}svg{display:block;margin:.5rem 0;font-size:12px}\
svg .fig{fill:#444}svg .target{fill:#c62828}.dim{color:#666}li{margin:.3rem 0}";

/// The whole page.
pub fn page(p: &Page) -> String {
    let sum = total(p.days);
    let title = period_name(p.from, p.to);
    let mut html = format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>protime · {}</title><style>{STYLE}</style></head><body>\n",
        esc(&title)
    );
    let _ = writeln!(html, "<h1>Proactive time · {}</h1>", esc(&title));
    html.push_str(&figures(p, &sum));
    html.push_str(&advice(p, &sum));
    html.push_str(&charts(p, &sum));
    html.push_str(&accounts(p, &sum));
    html.push_str(&reviews(p));
    let _ = writeln!(
        html,
        "<p class=\"dim\">Made by protime from its journal, {} to {}. The figures are those of <code>protime report --format json</code> for the same period.</p>\n</body></html>",
        p.from, p.to
    );
    html
}

/// Whether the period is one whole calendar month.
fn whole_month(from: NaiveDate, to: NaiveDate) -> bool {
    from.day() == 1
        && (from.year(), from.month()) == (to.year(), to.month())
        && to.succ_opt().is_some_and(|next| next.day() == 1)
}

/// "October 2026" for a whole month, else "2026-10-05 – 2026-10-18".
fn period_name(from: NaiveDate, to: NaiveDate) -> String {
    if whole_month(from, to) {
        from.format("%B %Y").to_string()
    } else {
        format!("{from} – {to}")
    }
}

/// A figure's cell, tagged with its key in the JSON report and its value there.
fn cell(key: &str, json: impl std::fmt::Display, shown: &str) -> String {
    format!(
        "<td class=\"n\" data-figure=\"{key}\" data-value=\"{json}\">{}</td>",
        esc(shown)
    )
}

fn share_cell(key: &str, share: Option<f64>) -> String {
    match share {
        Some(s) => cell(key, s, &format!("{s:.0}%")),
        None => cell(key, "null", "–"),
    }
}

fn figures(p: &Page, f: &Figures) -> String {
    let mut rows = String::new();
    let mut row = |name: &str, key: &str, minutes: i64, share: Option<f64>| {
        let _ = writeln!(
            rows,
            "<tr><th>{name}</th>{}{}</tr>",
            cell(&format!("minutes.{key}"), minutes, &format_minutes(minutes)),
            share_cell(&format!("share.{key}"), share)
        );
    };
    row(
        "PROACTIVE",
        "proactive",
        f.minutes(Category::Proactive),
        f.share(Category::Proactive),
    );
    row(
        "REACTIVE",
        "reactive",
        f.minutes(Category::Reactive),
        f.share(Category::Reactive),
    );
    row(
        "OTHER",
        "other",
        f.minutes(Category::Other),
        f.share(Category::Other),
    );
    row("UNLOGGED", "unlogged", f.unlogged(), f.unlogged_share());
    let d = f.decided;
    let target = p.config.targets.proactive_share;
    format!(
        "<h2>The figures</h2>\n<p>{}</p>\n<table>\n{rows}<tr><th>capacity</th>{}<td></td></tr>\n\
         <tr><th>planned proactive time kept</th>{}<td></td></tr>\n</table>\n\
         <h3>Did I decide what to do today, or did someone else? (working days)</h3>\n\
         <table><tr><th>yes</th><th>partly</th><th>no</th><th>no review</th></tr><tr>{}{}{}{}</tr></table>\n\
         <table><tr><th>working days off</th>{}</tr><tr><th>working days before counting started</th>{}</tr></table>\n{}",
        esc(&month_reading(f, p.previous, target)),
        cell("capacity_minutes", f.capacity, &format_minutes(f.capacity)),
        share_cell("plan_adherence", f.adherence()),
        cell("decided.yes", d[0], &d[0].to_string()),
        cell("decided.partly", d[1], &d[1].to_string()),
        cell("decided.no", d[2], &d[2].to_string()),
        cell("decided.none", d[3], &d[3].to_string()),
        cell("days_off", f.days_off, &f.days_off.to_string()),
        cell(
            "days_before_start",
            f.days_before_start,
            &f.days_before_start.to_string()
        ),
        inbox(f),
    )
}

/// The inbox slots against their plan, and what the parking list handled.
fn inbox(f: &Figures) -> String {
    format!(
        "<h3>Inbox</h3>\n<table><tr><th>in inbox slots</th>{}<th>planned</th>{}</tr>\n\
         <tr><th>parked mails handled</th>{}<th>left waiting</th>{}</tr></table>\n",
        cell("inbox.minutes", f.inbox, &format_minutes(f.inbox)),
        cell(
            "inbox.planned_minutes",
            f.inbox_planned,
            &format_minutes(f.inbox_planned)
        ),
        cell(
            "inbox.parked_handled",
            f.parked_handled,
            &f.parked_handled.to_string()
        ),
        cell(
            "inbox.parked_waiting",
            f.parked_waiting,
            &f.parked_waiting.to_string()
        ),
    )
}

fn advice(p: &Page, sum: &Figures) -> String {
    let tiers = p.config.accounts.tiers_for(sum.accounts.keys());
    let advice = advise(&Inputs {
        days: p.days,
        target: p.config.targets.proactive_share,
        tiers: &tiers,
        weekdays_per_week: p.config.workday.weekdays.len(),
    });
    let body = match advice {
        Advice::Sentences(s) if s.is_empty() => {
            "<p class=\"dim\">Nothing the figures show: the share meets the target and no account, weekday or hour stands out.</p>".to_string()
        }
        Advice::Sentences(s) => {
            let items: String = s
                .iter()
                .map(|s| format!("<li data-rule=\"{:?}\">{}.</li>", s.rule, esc(&s.text)))
                .collect();
            format!("<ul>{items}</ul>")
        }
        Advice::TooLittle(why) => format!("<p class=\"dim\">{}</p>", esc(&why)),
    };
    format!("<h2>What to change</h2>\n{body}\n")
}

fn pct_item(label: String, share: Option<f64>) -> Item {
    Item {
        label,
        value: share,
        text: share.map_or("–".into(), |s| format!("{s:.0}%")),
    }
}

fn minutes_item(label: String, minutes: i64) -> Item {
    Item {
        label,
        value: Some(minutes as f64),
        text: format_minutes(minutes),
    }
}

/// The proactive share of each month of the trend, and the top of its scale.
fn month_items(p: &Page) -> (Vec<Item>, f64) {
    let target = p.config.targets.proactive_share;
    let months: Vec<Item> = p
        .trend
        .iter()
        .map(|(first, f)| {
            pct_item(
                first.format("%b %y").to_string(),
                f.share(Category::Proactive),
            )
        })
        .collect();
    // Headroom over the highest column or the target, so the target line never sits on the top.
    let top = months.iter().filter_map(|i| i.value).fold(target, f64::max);
    (months, (top * 1.1 / 10.0).ceil() * 10.0)
}

fn week_items(p: &Page) -> Vec<Item> {
    counted_weeks(p.days)
        .into_iter()
        .map(|(label, f)| pct_item(week_of(&label), f.share(Category::Proactive)))
        .collect()
}

fn weekday_items(p: &Page) -> Vec<Item> {
    let weekday = patterns::reactive_by_weekday(p.days);
    (0..7u8)
        .filter_map(|i| Some((Weekday::try_from(i).ok()?, weekday[usize::from(i)])))
        .filter(|(_, m)| *m > 0)
        .map(|(w, m)| minutes_item(patterns::weekday_name(w).to_string(), m))
        .collect()
}

/// Reactive time by hour, from the first hour that had some to the last.
fn hour_items(sum: &Figures) -> Vec<Item> {
    let busy: Vec<usize> = (0..24).filter(|h| sum.reactive_by_hour[*h] > 0).collect();
    match (busy.first(), busy.last()) {
        (Some(a), Some(b)) => (*a..=*b)
            .map(|h| minutes_item(format!("{h:02}"), sum.reactive_by_hour[h]))
            .collect(),
        _ => vec![],
    }
}

fn kept_items(p: &Page) -> Vec<Item> {
    patterns::kept_by_slot(p.days)
        .into_iter()
        .map(|s| {
            let kept = s.lost_share().map(|l| 100.0 - l);
            Item {
                label: s.name(),
                value: kept,
                text: format!(
                    "kept {:.0}% of {}",
                    kept.unwrap_or(0.0),
                    format_minutes(s.planned)
                ),
            }
        })
        .collect()
}

fn charts(p: &Page, sum: &Figures) -> String {
    let target = p.config.targets.proactive_share;
    let target_text = format!("target {target:.0}%");
    let mut html = String::from("<h2>The trend and the patterns</h2>\n");
    if let Some(broken) = p.trend_broken {
        let _ = writeln!(html, "<p class=\"dim\">{}</p>", esc(broken));
    }
    let mut chart = |heading: &str, items: &[Item], svg: &dyn Fn(&[Item], &str) -> String| {
        let _ = writeln!(html, "<h3>{}</h3>", esc(heading));
        match items {
            [] => html.push_str("<p class=\"dim\">none</p>"),
            _ => html.push_str(&svg(items, heading)),
        }
        html.push('\n');
    };
    let (months, top) = month_items(p);
    chart("Proactive share, the last 12 months", &months, &|i, t| {
        columns(i, top, Some((target, &target_text)), PRO, t)
    });
    chart("Proactive share by week", &week_items(p), &|i, t| {
        bars(i, target, PRO, t)
    });
    chart("Reactive time by weekday", &weekday_items(p), &|i, t| {
        bars(i, 0.0, RE, t)
    });
    let hours = hour_items(sum);
    let hour_max = hours.iter().filter_map(|i| i.value).fold(1.0, f64::max);
    chart("Reactive time by hour of day", &hours, &|i, t| {
        columns(i, hour_max, None, RE, t)
    });
    let kept_title = "Planned proactive time kept, by weekday morning and afternoon (blocks starting before or after noon)";
    chart(kept_title, &kept_items(p), &|i, t| bars(i, 100.0, PRO, t));
    html
}

fn accounts(p: &Page, sum: &Figures) -> String {
    let tiers = p.config.accounts.tiers_for(sum.accounts.keys());
    let mut rows = String::new();
    for (account, minutes) in sum.top_accounts() {
        let sessions = sum.account_sessions.get(&account).copied().unwrap_or(0);
        let _ = writeln!(
            rows,
            "<tr><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{sessions}</td></tr>",
            esc(&account),
            esc(tiers.tier_of(&account).unwrap_or("–")),
            format_minutes(minutes)
        );
    }
    let unnamed = sum.reactive_unnamed();
    let _ = writeln!(
        rows,
        "<tr><td class=\"dim\">(no account)</td><td></td>{}<td></td></tr>",
        cell(
            "reactive_unnamed_minutes",
            unnamed,
            &format_minutes(unnamed)
        )
    );
    let by_tier: Vec<String> = reactive_by_tier(sum, &tiers)
        .into_iter()
        .map(|(t, m)| {
            format!(
                "{} {}",
                esc(&t.unwrap_or("no tier".into())),
                format_minutes(m)
            )
        })
        .collect();
    let by_tier = if by_tier.is_empty() {
        "none".to_string()
    } else {
        by_tier.join(" · ")
    };
    format!(
        "<h2>Reactive time by account and tier</h2>\n<table><tr><th>account</th><th>tier</th><th>reactive</th><th>sessions</th></tr>\n{rows}</table>\n<p>By tier: {by_tier}</p>\n"
    )
}

fn reviews(p: &Page) -> String {
    let mut rows = String::new();
    for (date, review) in p.reviews {
        let answer = match review.decided {
            Some(Decision::Yes) => "yes",
            Some(Decision::Partly) => "partly",
            Some(Decision::No) => "no",
            None => "–",
        };
        let notes = if p.with_notes {
            format!(
                "<td>{}</td><td>{}</td>",
                esc(&review.note),
                esc(&review.tomorrow)
            )
        } else {
            String::new()
        };
        let _ = writeln!(
            rows,
            "<tr><td>{}</td><td>{answer}</td>{notes}</tr>",
            date.format("%a %-d %b")
        );
    }
    let heads = if p.with_notes {
        "<th>note</th><th>tomorrow I protect</th>"
    } else {
        ""
    };
    format!(
        "<h2>The review, day by day</h2>\n<table><tr><th>day</th><th>answer</th>{heads}</tr>\n{rows}</table>\n"
    )
}
