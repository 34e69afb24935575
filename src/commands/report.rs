//! `protime report` and `protime export`: the period's figures and sessions for spreadsheets and tools.

use super::{EXIT_JOURNAL, EXIT_OK, EXIT_REFUSED, fail, period};
use crate::cli::{By, ExportFormat, PeriodArgs, ReportFormat};
use crate::config::Config;
use crate::domain::Category;
use crate::domain::report::{Figures, Grouping, group, month_reading, total};
use crate::figures::period_figures;
use crate::journal::Journal;
use chrono::{DateTime, FixedOffset, NaiveDate};
use serde_json::{Value, json};
use std::process::ExitCode;
use unicode_width::UnicodeWidthStr;

pub fn run(
    journal: &Journal,
    config: &Config,
    now: DateTime<FixedOffset>,
    zone: &crate::clock::Zone,
    args: &PeriodArgs,
    by: By,
    output: Output,
) -> ExitCode {
    let format = output.format;
    if output.notes && format != ReportFormat::Html {
        return fail(
            EXIT_REFUSED,
            "--with-notes is for --format html: the notes go on that page only",
        );
    }
    let (from, to) = match period::resolve(args, now.date_naive()) {
        Ok(p) => p,
        Err(message) => return fail(EXIT_REFUSED, message),
    };
    let (days, files) = match period_figures(journal, config, from, to, now, zone) {
        Ok(d) => d,
        Err(message) => return fail(EXIT_JOURNAL, message),
    };
    if files == 0 {
        crate::say_err!("protime: nothing is recorded from {from} to {to}.");
    }
    let rows = rows(&days, by, config, from, to);
    let sum = total(&days);
    let target = config.targets.proactive_share;
    match format {
        ReportFormat::Table => {
            crate::sanitize::in_one_write(|| print_table(&rows, &sum, by, from, to, target))
        }
        ReportFormat::Csv => {
            if let Err(e) = print_csv(&rows, by) {
                return fail(EXIT_JOURNAL, format!("could not write CSV: {e}"));
            }
        }
        ReportFormat::Html => {
            let counting = (now, zone);
            match super::report_html::write(
                journal,
                config,
                counting,
                (from, to),
                &days,
                output.notes,
            ) {
                Ok(html) => crate::sanitize::print_exact(&html),
                Err(message) => return fail(EXIT_JOURNAL, message),
            }
        }
        ReportFormat::Json => {
            let rows: Vec<Value> = rows.iter().map(|r| row_json(r, by)).collect();
            let doc = json!({ "from": from.to_string(), "to": to.to_string(), "by": by_name(by), "target": target, "rows": rows, "total": figures_json(&sum) });
            crate::say_json!("{doc:#}");
        }
    }
    ExitCode::from(EXIT_OK)
}

/// How `report` prints: the format, and whether an HTML page carries the review notes.
#[derive(Debug, Clone, Copy)]
pub struct Output {
    pub format: ReportFormat,
    pub notes: bool,
}

/// One report row: a label and the figures behind it (or, by account/objective, hours and a target).
pub enum Row {
    Period(String, Box<Figures>),
    Account(String, i64),
    Objective {
        name: String,
        done: i64,
        target_minutes: Option<i64>,
    },
}

fn rows(
    days: &[(NaiveDate, Figures)],
    by: By,
    config: &Config,
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<Row> {
    let sum = total(days);
    match by {
        By::Day | By::Week | By::Month => {
            let grouping = match by {
                By::Day => Grouping::Day,
                By::Week => Grouping::Week,
                _ => Grouping::Month,
            };
            group(days, grouping)
                .into_iter()
                .map(|(l, f)| Row::Period(l, Box::new(f)))
                .collect()
        }
        By::Account => sum
            .top_accounts()
            .into_iter()
            .map(|(a, m)| Row::Account(a, m))
            .collect(),
        By::Objective => {
            let weeks = ((to - from).num_days() + 1) as f64 / 7.0;
            // The config's objectives (with the days that name one by an old name), then names
            // blocks carry that no objective answers to.
            let configured = config.objectives.iter().map(|o| Row::Objective {
                name: o.name.clone(),
                done: crate::config::objectives::minutes_for(o, &sum.objectives),
                target_minutes: Some((o.weekly_hours * 60.0 * weeks).round() as i64),
            });
            let others = sum
                .objectives
                .iter()
                .filter(|(name, _)| !config.objectives.iter().any(|o| o.answers_to(name)))
                .map(|(name, m)| Row::Objective {
                    name: name.clone(),
                    done: *m,
                    target_minutes: None,
                });
            configured.chain(others).collect()
        }
    }
}

/// Decimal hours, for CSV: what a spreadsheet sums.
fn hours(minutes: i64) -> String {
    format!("{:.2}", minutes as f64 / 60.0)
}

/// Hours and minutes, for the table: `2h29`, as every screen shows a length.
fn hm(minutes: i64) -> String {
    crate::domain::timefmt::format_minutes(minutes)
}

fn pct(share: Option<f64>) -> String {
    share.map_or(String::new(), |s| format!("{s:.1}"))
}

fn by_name(by: By) -> &'static str {
    match by {
        By::Day => "day",
        By::Week => "week",
        By::Month => "month",
        By::Account => "account",
        By::Objective => "objective",
    }
}

/// The name column is as wide as its widest account or objective (at least 24), measured as
/// the terminal shows it, so a long or CJK name does not push its own row's figures out of line.
fn name_width(rows: &[Row]) -> usize {
    rows.iter()
        .filter_map(|row| match row {
            Row::Account(name, _) | Row::Objective { name, .. } => {
                Some(crate::sanitize::for_terminal(name).width())
            }
            Row::Period(..) => None,
        })
        .fold(24, usize::max)
}

/// `text` sanitised, then padded to `width` columns: measured after sanitising, since a
/// zero-width character the sanitiser replaces takes a column once replaced.
fn padded(text: &str, width: usize) -> String {
    let text = crate::sanitize::for_terminal(text);
    format!("{text}{}", " ".repeat(width.saturating_sub(text.width())))
}

/// The row of reactive time that named no account.
const NO_ACCOUNT: &str = "(no account)";

fn print_table(rows: &[Row], sum: &Figures, by: By, from: NaiveDate, to: NaiveDate, target: f64) {
    crate::say!("protime report {from} – {to}, by {}", by_name(by));
    match by {
        By::Account => {
            let width = name_width(rows).max(NO_ACCOUNT.len());
            crate::say!("{} {:>9}", padded("account", width), "reactive");
            for row in rows {
                if let Row::Account(a, m) = row {
                    crate::say!("{} {:>9}", padded(a, width), hm(*m));
                }
            }
            let unnamed = padded(NO_ACCOUNT, width);
            crate::say!("{unnamed} {:>9}", hm(sum.reactive_unnamed()));
        }
        By::Objective => {
            let width = name_width(rows);
            crate::say!(
                "{} {:>9} {:>9}",
                padded("objective", width),
                "done",
                "target"
            );
            for row in rows {
                if let Row::Objective {
                    name,
                    done,
                    target_minutes,
                } = row
                {
                    let t = target_minutes.map_or("–".to_string(), hm);
                    crate::say!("{} {:>9} {t:>9}", padded(name, width), hm(*done));
                }
            }
        }
        _ => {
            crate::say!(
                "{:<11} {:>14} {:>14} {:>14} {:>14} {:>9} {:>9} {:>10}",
                "period",
                "PRO",
                "RE",
                "OTH",
                "UNLOGGED",
                "capacity",
                "adherence",
                "y/p/n/–"
            );
            for row in rows {
                if let Row::Period(label, f) = row {
                    crate::say!("{}", table_line(label, f));
                }
            }
            crate::say!("{}", table_line("total", sum));
        }
    }
    crate::say!("{}.", month_reading(sum, None, target));
}

fn table_line(label: &str, f: &Figures) -> String {
    let cell = |m: i64, s: Option<f64>| {
        format!(
            "{:>8} {:>4}%",
            hm(m),
            s.map_or("–".into(), |s| format!("{s:.0}"))
        )
    };
    let adherence = f
        .adherence()
        .map_or("–".to_string(), |a| format!("{a:.0}%"));
    let d = f.decided;
    format!(
        "{label:<11} {:>14} {:>14} {:>14} {:>14} {:>9} {adherence:>9} {:>10}",
        cell(f.minutes(Category::Proactive), f.share(Category::Proactive)),
        cell(f.minutes(Category::Reactive), f.share(Category::Reactive)),
        cell(f.minutes(Category::Other), f.share(Category::Other)),
        cell(f.unlogged(), f.unlogged_share()),
        hm(f.capacity),
        format!("{}/{}/{}/{}", d[0], d[1], d[2], d[3])
    )
}

type CsvOut = csv::Writer<std::io::Stdout>;

fn print_csv(rows: &[Row], by: By) -> Result<(), csv::Error> {
    let mut out = csv::Writer::from_writer(std::io::stdout());
    match by {
        By::Account => write_account_csv(&mut out, rows)?,
        By::Objective => write_objective_csv(&mut out, rows)?,
        _ => write_period_csv(&mut out, rows)?,
    }
    out.flush()?;
    Ok(())
}

fn write_account_csv(out: &mut CsvOut, rows: &[Row]) -> Result<(), csv::Error> {
    out.write_record(["account", "reactive_hours"])?;
    for row in rows {
        if let Row::Account(a, m) = row {
            out.write_record([as_text(a), hours(*m)])?;
        }
    }
    Ok(())
}

fn write_objective_csv(out: &mut CsvOut, rows: &[Row]) -> Result<(), csv::Error> {
    out.write_record(["objective", "proactive_hours", "target_hours"])?;
    for row in rows {
        if let Row::Objective {
            name,
            done,
            target_minutes,
        } = row
        {
            out.write_record([
                as_text(name),
                hours(*done),
                target_minutes.map(hours).unwrap_or_default(),
            ])?;
        }
    }
    Ok(())
}

/// The columns of a report by day, week or month; [`period_csv_record`] fills them in this order.
const PERIOD_CSV_HEADER: [&str; 19] = [
    "period",
    "proactive_hours",
    "reactive_hours",
    "other_hours",
    "unlogged_hours",
    "capacity_hours",
    "proactive_share",
    "reactive_share",
    "other_share",
    "unlogged_share",
    "plan_adherence",
    "decided_yes",
    "decided_partly",
    "decided_no",
    "no_review",
    "inbox_hours",
    "inbox_planned_hours",
    "parked_handled",
    "parked_waiting",
];

fn write_period_csv(out: &mut CsvOut, rows: &[Row]) -> Result<(), csv::Error> {
    out.write_record(PERIOD_CSV_HEADER)?;
    for row in rows {
        if let Row::Period(label, f) = row {
            out.write_record(period_csv_record(label, f))?;
        }
    }
    Ok(())
}

fn period_csv_record(label: &str, f: &Figures) -> [String; 19] {
    let d = f.decided;
    [
        label.to_string(),
        hours(f.minutes(Category::Proactive)),
        hours(f.minutes(Category::Reactive)),
        hours(f.minutes(Category::Other)),
        hours(f.unlogged()),
        hours(f.capacity),
        pct(f.share(Category::Proactive)),
        pct(f.share(Category::Reactive)),
        pct(f.share(Category::Other)),
        pct(f.unlogged_share()),
        pct(f.adherence()),
        d[0].to_string(),
        d[1].to_string(),
        d[2].to_string(),
        d[3].to_string(),
        hours(f.inbox),
        hours(f.inbox_planned),
        f.parked_handled.to_string(),
        f.parked_waiting.to_string(),
    ]
}

fn figures_json(f: &Figures) -> Value {
    json!({
        "minutes": {
            "proactive": f.minutes(Category::Proactive),
            "reactive": f.minutes(Category::Reactive),
            "other": f.minutes(Category::Other),
            "unlogged": f.unlogged(),
        },
        "capacity_minutes": f.capacity,
        "reactive_unnamed_minutes": f.reactive_unnamed(),
        "share": {
            "proactive": f.share(Category::Proactive),
            "reactive": f.share(Category::Reactive),
            "other": f.share(Category::Other),
            "unlogged": f.unlogged_share(),
        },
        "plan_adherence": f.adherence(),
        "days_off": f.days_off,
        "days_before_start": f.days_before_start,
        "decided": { "yes": f.decided[0], "partly": f.decided[1], "no": f.decided[2], "none": f.decided[3] },
        "inbox": {
            "minutes": f.inbox,
            "planned_minutes": f.inbox_planned,
            "parked_handled": f.parked_handled,
            "parked_waiting": f.parked_waiting,
        },
    })
}

fn row_json(row: &Row, by: By) -> Value {
    match row {
        Row::Period(label, f) => {
            let mut v = figures_json(f);
            v["period"] = json!(label);
            v
        }
        Row::Account(a, m) => json!({ "account": a, "reactive_minutes": m }),
        Row::Objective {
            name,
            done,
            target_minutes,
        } => {
            json!({ "objective": name, "proactive_minutes": done, "target_minutes": target_minutes, "by": by_name(by) })
        }
    }
}

/// `protime export`: every session of the period.
pub fn export(
    journal: &Journal,
    now: DateTime<FixedOffset>,
    args: &PeriodArgs,
    format: ExportFormat,
) -> ExitCode {
    let (from, to) = match period::resolve(args, now.date_naive()) {
        Ok(p) => p,
        Err(message) => return fail(EXIT_REFUSED, message),
    };
    let mut sessions = vec![];
    for (date, day) in journal.days_in(from, to) {
        match day {
            Ok(day) => sessions.extend(day.sessions.into_iter().map(|s| (date, s))),
            Err(e) => return fail(EXIT_JOURNAL, e),
        }
    }
    let result = match format {
        ExportFormat::Json => {
            let list: Vec<Value> = sessions
                .iter()
                .map(|(d, s)| json!({ "date": d.to_string(), "session": s }))
                .collect();
            crate::say_json!("{:#}", Value::Array(list));
            Ok(())
        }
        // The caller sends the plan's format to the plan's export.
        ExportFormat::Csv | ExportFormat::Ics => export_csv(&sessions),
    };
    match result {
        Ok(()) => ExitCode::from(EXIT_OK),
        Err(e) => fail(EXIT_JOURNAL, format!("could not write CSV: {e}")),
    }
}

fn as_text(cell: &str) -> String {
    crate::sanitize::for_csv(cell)
}

fn export_csv(sessions: &[(NaiveDate, crate::domain::Session)]) -> Result<(), csv::Error> {
    let mut out = csv::Writer::from_writer(std::io::stdout());
    out.write_record([
        "date", "id", "start", "end", "minutes", "category", "kind", "title", "account", "block",
        "note", "source",
    ])?;
    for (date, s) in sessions {
        let end = s
            .end
            .map(|e| crate::domain::timefmt::format_rfc3339(&e))
            .unwrap_or_default();
        let minutes = s
            .end
            .map(|e| (e - s.start).num_minutes().to_string())
            .unwrap_or_default();
        let opt = |o: &Option<String>| o.as_deref().map(as_text).unwrap_or_default();
        out.write_record([
            date.to_string(),
            as_text(&s.id),
            crate::domain::timefmt::format_rfc3339(&s.start),
            end,
            minutes,
            s.category.name().to_string(),
            s.kind.name().to_string(),
            opt(&s.title),
            opt(&s.account),
            opt(&s.block),
            opt(&s.note),
            opt(&s.source),
        ])?;
    }
    out.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_padded_to_the_columns_it_takes_once_sanitised() {
        for name in ["a\u{200B}b", "\u{202E}abc", "👩\u{200D}💻 call", "日本"] {
            let shown = crate::sanitize::for_terminal(&padded(name, 12)).into_owned();
            assert_eq!(shown.width(), 12, "{name:?} → {shown:?}");
        }
        let rows = [Row::Account("\u{2066}x\u{2069}".repeat(20), 0)];
        assert_eq!(name_width(&rows), 60);
    }
}
