//! Reading CRM activity exports (.csv): Salesforce, HubSpot and Pipedrive shapes, or columns named
//! in the config. `,`, `;` and tab separators, a BOM, and the usual date formats.

use super::{Field, Item, Parsed, Window, stable_hash};
use crate::clock::Zone;
use crate::domain::span::local_instant;
use chrono::{DateTime, Duration, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime};
use serde::Deserialize;
use std::collections::BTreeMap;

/// `[import.crm]`: which export shape to expect, and columns to use instead of the preset's.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Mapping {
    pub preset: String,
    pub slash_dates: String,
    pub subject: Option<String>,
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub start: Option<String>,
    pub start_time: Option<String>,
    pub end: Option<String>,
    pub duration: Option<String>,
    pub account: Option<String>,
    pub id: Option<String>,
    pub description: Option<String>,
    pub status: Option<String>,
    /// The account's tier (A–D or the rep's own names): a tier the rep has not set is taken.
    pub tier: Option<String>,
}

pub const PRESETS: [&str; 4] = ["auto", "salesforce", "hubspot", "pipedrive"];

impl Mapping {
    /// `Err((key, value, allowed))` for a bad setting.
    pub fn validate(&self) -> Result<(), (String, String, String)> {
        if !PRESETS.contains(&self.preset.as_str()) {
            return Err((
                "preset".into(),
                format!("\"{}\"", self.preset),
                "one of \"auto\", \"salesforce\", \"hubspot\", \"pipedrive\"".into(),
            ));
        }
        if !["dmy", "mdy"].contains(&self.slash_dates.as_str()) {
            return Err((
                "slash_dates".into(),
                format!("\"{}\"", self.slash_dates),
                "\"dmy\" (31/12/2026) or \"mdy\" (12/31/2026)".into(),
            ));
        }
        Ok(())
    }
}

/// The columns a reader looks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Col {
    Subject,
    Type,
    Start,
    StartTime,
    End,
    Duration,
    Account,
    Id,
    Description,
    Status,
    Tier,
}

/// Header names each preset's activity report uses, per column.
fn preset_headers(preset: &str, col: Col) -> &'static [&'static str] {
    match (preset, col) {
        ("salesforce", Col::Subject) => &["Subject"],
        ("salesforce", Col::Type) => &["Type", "Task Subtype", "Event Subtype"],
        ("salesforce", Col::Start) => &["Start Date Time", "Start Date/Time", "Start", "Date"],
        ("salesforce", Col::End) => &["End Date Time", "End Date/Time", "End"],
        ("salesforce", Col::Duration) => &["Duration (Minutes)", "Duration", "Call Duration"],
        ("salesforce", Col::Account) => &["Account Name", "Account", "Company / Account"],
        ("salesforce", Col::Id) => &["Activity ID", "Event ID", "Task ID"],
        ("salesforce", Col::Description) => &["Comments", "Full Comments", "Description"],
        ("salesforce", Col::Status) => &["Status", "Task Status"],
        ("salesforce", Col::Tier) => &["Account Tier", "Tier"],
        ("hubspot", Col::Subject) => &["Activity subject", "Meeting name", "Call title", "Title"],
        ("hubspot", Col::Type) => &["Activity type"],
        ("hubspot", Col::Start) => &["Activity date", "Meeting start time", "Start time"],
        ("hubspot", Col::End) => &["Meeting end time", "End time"],
        ("hubspot", Col::Duration) => &["Call duration", "Duration (minutes)"],
        ("hubspot", Col::Account) => &["Associated Company", "Company name"],
        ("hubspot", Col::Tier) => &["Company tier", "Ideal customer profile tier", "Tier"],
        ("hubspot", Col::Id) => &["Activity ID", "Record ID", "Engagement ID"],
        ("hubspot", Col::Description) => &["Body preview", "Meeting description", "Notes"],
        ("hubspot", Col::Status) => &[
            "Activity status",
            "Status",
            "Meeting outcome",
            "Outcome",
            "Task status",
        ],
        ("pipedrive", Col::Subject) => &["Activity - Subject", "Subject"],
        ("pipedrive", Col::Type) => &["Activity - Type", "Type"],
        ("pipedrive", Col::Start) => &["Activity - Due date", "Due date"],
        ("pipedrive", Col::StartTime) => &["Activity - Due time", "Due time"],
        ("pipedrive", Col::Duration) => &["Activity - Duration", "Duration"],
        ("pipedrive", Col::Account) => &["Activity - Organization", "Organization"],
        ("pipedrive", Col::Id) => &["Activity - ID", "ID"],
        ("pipedrive", Col::Description) => &["Activity - Note", "Note"],
        ("pipedrive", Col::Status) => &["Activity - Done", "Done", "Activity - Status", "Status"],
        ("pipedrive", Col::Tier) => &["Organization - Tier", "Tier"],
        _ => &[],
    }
}

const COLS: [Col; 11] = [
    Col::Subject,
    Col::Type,
    Col::Start,
    Col::StartTime,
    Col::End,
    Col::Duration,
    Col::Account,
    Col::Id,
    Col::Description,
    Col::Status,
    Col::Tier,
];

impl Mapping {
    fn configured(&self, col: Col) -> Option<&str> {
        match col {
            Col::Subject => self.subject.as_deref(),
            Col::Type => self.kind.as_deref(),
            Col::Start => self.start.as_deref(),
            Col::StartTime => self.start_time.as_deref(),
            Col::End => self.end.as_deref(),
            Col::Duration => self.duration.as_deref(),
            Col::Account => self.account.as_deref(),
            Col::Id => self.id.as_deref(),
            Col::Description => self.description.as_deref(),
            Col::Status => self.status.as_deref(),
            Col::Tier => self.tier.as_deref(),
        }
    }

    /// Header names to try for a column: the configured one, else the preset's (all presets for
    /// "auto", in the order salesforce, hubspot, pipedrive).
    fn candidates(&self, col: Col) -> Vec<&str> {
        if let Some(name) = self.configured(col) {
            return vec![name];
        }
        let presets: Vec<&str> = match self.preset.as_str() {
            "auto" => PRESETS[1..].to_vec(),
            p => vec![p],
        };
        presets
            .into_iter()
            .flat_map(|p| preset_headers(p, col).iter().copied())
            .collect()
    }
}

/// Column positions found in a header.
type Columns = BTreeMap<Col, usize>;

fn find_columns(headers: &[String], mapping: &Mapping) -> Result<Columns, String> {
    let mut found = Columns::new();
    for col in COLS {
        let pos = mapping.candidates(col).iter().find_map(|want| {
            headers
                .iter()
                .position(|h| h.trim().eq_ignore_ascii_case(want.trim()))
        });
        if let Some(pos) = pos {
            found.insert(col, pos);
        }
    }
    let has_length = found.contains_key(&Col::End) || found.contains_key(&Col::Duration);
    if found.contains_key(&Col::Subject) && found.contains_key(&Col::Start) && has_length {
        return Ok(found);
    }
    Err(format!(
        "the header ({}) has no {} column for preset \"{}\": pick a preset (salesforce, hubspot, \
         pipedrive) or name the columns in [import.crm] of your config",
        headers.join(", "),
        missing(&found),
        mapping.preset
    ))
}

fn missing(found: &Columns) -> &'static str {
    if !found.contains_key(&Col::Subject) {
        "subject"
    } else if !found.contains_key(&Col::Start) {
        "start date"
    } else {
        "end or duration"
    }
}

/// The separator the header line uses most: `,`, `;` (European Excel) or tab.
fn separator(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or("");
    let count = |c: char| {
        let mut quoted = false;
        header
            .chars()
            .filter(|ch| {
                if *ch == '"' {
                    quoted = !quoted;
                }
                !quoted && *ch == c
            })
            .count()
    };
    [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|b| (count(*b as char), *b == b','))
        .unwrap_or(b',')
}

/// A quote left open swallows the rows after it into one cell, until the next quote. A cell
/// holding a line break and more than a few lines is that, not a long description someone wrote:
/// how many lines it holds, so the row can be reported instead of read as garbage.
fn swallowed_lines(record: &csv::StringRecord) -> Option<usize> {
    let lines = record
        .iter()
        .map(|cell| cell.lines().count())
        .max()
        .unwrap_or(0);
    let rows_inside = record.iter().any(|cell| {
        cell.lines()
            .skip(1)
            .filter(|l| l.matches([',', ';', '\t']).count() >= 2)
            .count()
            >= 2
    });
    (rows_inside && lines > 2).then_some(lines)
}

/// The text with CRLF line ends made LF. The csv reader ends a record at the CR and counts the
/// line only when it reads the LF, as part of the next record: every row of a Windows export
/// would be reported one line early.
fn lf_line_ends(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains("\r\n") {
        std::borrow::Cow::Owned(text.replace("\r\n", "\n"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// Reads a CSV text: activities with a duration inside `window` become items; a bad row is
/// reported with its line number and the others still read.
pub fn parse(text: &str, mapping: &Mapping, window: &Window) -> Result<Parsed, String> {
    if text
        .trim_start()
        .to_ascii_uppercase()
        .starts_with("BEGIN:VCALENDAR")
    {
        return Err("this is a calendar (.ics) file: use `protime import calendar`".into());
    }
    let text = lf_line_ends(text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator(&text))
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| format!("the header line cannot be read: {e}"))?
        .iter()
        .map(str::to_string)
        .collect();
    let columns = find_columns(&headers, mapping)?;
    let mut parsed = Parsed::default();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                parsed.problems.push(format!("line {line}: {e}"));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if let Some(lines) = swallowed_lines(&record) {
            parsed.problems.push(format!(
                "line {line}: a quote opened in this row is closed only {lines} lines further \
                 down, so those lines were read as one cell: close the quote and import again"
            ));
            continue;
        }
        note_tier(&mut parsed, &record, &columns);
        let read = row(&record, &columns, mapping, window);
        let status = cell(&record, &columns, Col::Status);
        file(&mut parsed, read, status, window, line);
        if parsed.items.len() + parsed.problems.len() > super::MAX_ITEMS {
            return Err(super::too_many());
        }
    }
    parsed.finish(&window.zone);
    Ok(parsed)
}

/// The account's tier, when the row gives both (a later row wins), whether or not the row's
/// activity is imported: the tier is the account's, not the activity's.
fn note_tier(parsed: &mut Parsed, record: &csv::StringRecord, columns: &Columns) {
    let get = |col: Col| cell(record, columns, col);
    if let (Some(account), Some(tier)) = (get(Col::Account), get(Col::Tier)) {
        parsed
            .tiers
            .insert(super::clean(account), super::clean(tier));
    }
}

/// Puts one row's outcome where it belongs: an item, a skip count (with its reason), or a problem.
fn file(
    parsed: &mut Parsed,
    read: Result<Result<Item, &'static str>, String>,
    status: Option<&str>,
    window: &Window,
    line: u64,
) {
    if let Ok(Ok(item)) = &read
        && !window.overlaps(item.start, item.end)
    {
        parsed.skip("outside the period");
        return;
    }
    if let Some(reason) = status.and_then(did_not_happen) {
        // An activity imported while done and now cancelled leaves the journal.
        if let Ok(Ok(item)) = read {
            parsed.gone.insert(item.source);
        }
        parsed.skip(reason);
        return;
    }
    match read {
        Ok(Ok(item)) => parsed.items.push(item),
        Ok(Err(reason)) => parsed.skip(reason),
        Err(problem) => parsed.problems.push(format!("line {line}: {problem}")),
    }
}

fn row(
    record: &csv::StringRecord,
    columns: &Columns,
    mapping: &Mapping,
    window: &Window,
) -> Result<Result<Item, &'static str>, String> {
    let get = |col: Col| cell(record, columns, col);
    let subject = get(Col::Subject).ok_or("the subject is empty")?;
    let start_text = match (get(Col::Start), get(Col::StartTime)) {
        (Some(d), Some(t)) => format!("{d} {t}"),
        (Some(d), None) => d.to_string(),
        (None, _) => return Err("the start date is empty".into()),
    };
    let dmy = mapping.slash_dates == "dmy";
    let start = timestamp(&start_text, dmy, &window.zone)?;
    let end = match (get(Col::End), get(Col::Duration)) {
        (Some(e), _) => timestamp(e, dmy, &window.zone)?,
        (None, Some(d)) => start + minutes(d)?,
        (None, None) => return Ok(Err("no duration")),
    };
    if end <= start {
        return Ok(Err("no duration"));
    }
    if end - start > Duration::hours(24) {
        return Ok(Err("longer than a day"));
    }
    let account = get(Col::Account).map(str::to_string);
    let key = match get(Col::Id) {
        Some(id) => id.to_string(),
        None => stable_hash(&format!(
            "{start_text}|{subject}|{}",
            account.as_deref().unwrap_or("")
        )),
    };
    let mut fields = BTreeMap::new();
    for (field, col) in [
        (Field::Type, Col::Type),
        (Field::Description, Col::Description),
    ] {
        if let Some(v) = get(col) {
            fields.insert(field, v.to_string());
        }
    }
    Ok(Ok(Item {
        source: format!("crm:{key}"),
        start,
        end,
        title: subject.to_string(),
        account,
        fields,
        written: None,
    }))
}

/// The trimmed text of a column in a row; `None` when the column is missing or the cell empty.
fn cell<'a>(record: &'a csv::StringRecord, columns: &Columns, col: Col) -> Option<&'a str> {
    columns
        .get(&col)
        .and_then(|i| record.get(*i))
        .map(str::trim)
        .filter(|v| !v.is_empty())
}

/// The skip reason for a status saying the activity did not take place (Salesforce, HubSpot,
/// Pipedrive wording); any other status, unknown ones included, keeps the row: better imported
/// than lost.
fn did_not_happen(status: &str) -> Option<&'static str> {
    let words: Vec<String> = status
        .to_lowercase()
        .split(|c: char| c.is_whitespace() || c == '_' || c == '-')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    match words.join(" ").as_str() {
        "cancelled" | "canceled" | "no show" | "noshow" | "rescheduled" => Some("cancelled"),
        "not started"
        | "not done"
        | "undone"
        | "scheduled"
        | "planned"
        | "open"
        | "to do"
        | "todo"
        | "pending"
        | "deferred"
        | "waiting on someone else"
        | "false"
        | "no"
        | "0" => Some("not done"),
        _ => None,
    }
}

/// Date-time forms CRM exports use. Times with AM/PM are always month first (US exports).
const ISO: &[&str] = &[
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M",
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y %H:%M",
    "%m/%d/%Y %I:%M %p",
    "%m/%d/%Y %I:%M:%S %p",
    "%m/%d/%y %I:%M %p",
];
const DMY: &[&str] = &["%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%y %H:%M"];
const MDY: &[&str] = &["%m/%d/%Y %H:%M:%S", "%m/%d/%Y %H:%M", "%m/%d/%y %H:%M"];

/// A time stamp with an offset (RFC 3339), or a local time in one of the usual forms.
fn timestamp(text: &str, dmy: bool, zone: &Zone) -> Result<DateTime<FixedOffset>, String> {
    let t = text.trim();
    if let Ok(at) = DateTime::parse_from_rfc3339(&t.replace(' ', "T")) {
        return Ok(at);
    }
    let slash = if dmy { DMY } else { MDY };
    let naive = ISO
        .iter()
        .chain(slash)
        .find_map(|f| NaiveDateTime::parse_from_str(t, f).ok())
        .or_else(|| date_only(t, dmy));
    let naive = naive.ok_or_else(|| {
        format!(
            "\"{text}\" is not a date and time: use forms like 2026-11-20 09:30, 20.11.2026 09:30 \
             or 11/20/2026 9:30 AM"
        )
    })?;
    Ok(local_instant(zone, naive.date(), naive.time()))
}

/// A date with no time cannot place the activity in the day: refused, except at midnight so a
/// date column combined with a duration still reads.
fn date_only(t: &str, dmy: bool) -> Option<NaiveDateTime> {
    let forms: &[&str] = if dmy {
        &["%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y"]
    } else {
        &["%Y-%m-%d", "%d.%m.%Y", "%m/%d/%Y"]
    };
    let d = forms
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(t, f).ok())?;
    Some(d.and_time(NaiveTime::MIN))
}

/// A duration: minutes (`45`, `45.5`, `45 min`), `1:30`, `01:30:00`, or `1h 30m`.
fn minutes(text: &str) -> Result<Duration, String> {
    let bad = || format!("duration \"{text}\" is not minutes (45), 1:30 or 1h 30m");
    let t = text.trim().to_ascii_lowercase();
    let t = t.trim_end_matches("minutes").trim_end_matches("min").trim();
    if let Ok(m) = t.replace(',', ".").parse::<f64>() {
        return if m.is_finite() && (0.0..=1440.0).contains(&m) {
            Ok(Duration::seconds((m * 60.0).round() as i64))
        } else {
            Err(bad())
        };
    }
    let parts: Vec<&str> = t.split(':').collect();
    if (2..=3).contains(&parts.len()) {
        let n: Vec<i64> = parts
            .iter()
            .map(|p| p.parse::<i64>())
            .collect::<Result<_, _>>()
            .map_err(|_| bad())?;
        let secs = n[0] * 3600 + n[1] * 60 + n.get(2).copied().unwrap_or(0);
        return Ok(Duration::seconds(secs.clamp(0, 86_400)));
    }
    let (h, m) = t.split_once('h').ok_or_else(bad)?;
    let h: i64 = h.trim().parse().map_err(|_| bad())?;
    let m = m.trim().trim_end_matches('m').trim();
    let m: i64 = if m.is_empty() {
        0
    } else {
        m.parse().map_err(|_| bad())?
    };
    if !(0..=24).contains(&h) || !(0..=59).contains(&m) {
        return Err(bad());
    }
    Ok(Duration::minutes(h * 60 + m))
}

#[cfg(test)]
#[path = "crm_test.rs"]
mod tests;
