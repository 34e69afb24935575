//! Reading iCalendar (.ics) exports from Google Calendar, Outlook/Exchange and Apple Calendar.
//!
//! The content lines are read here (unfolding, parameters, escapes: a few dozen lines that let
//! every check stay bounded); recurrence is expanded on the wall clock ([`recur`]), then placed in
//! its zone: a named one from the system's time zone database ([`named_zone`]).

use super::input::MAX_LINE;
use super::named_zone::{Named, zone_named};
use super::recur;
use super::vtimezone::{Part, Rules};
use super::{Field, Item, Parsed, Window};
use crate::clock::Zone as RepZone;
use crate::domain::span::local_instant;
use chrono::{DateTime, Duration, FixedOffset, NaiveDate, NaiveDateTime, TimeZone, Timelike, Utc};
use std::collections::{BTreeMap, BTreeSet};

/// At most this many occurrences of one recurring event are expanded inside the period.
const MAX_OCCURRENCES: u16 = 2000;
/// Timed events longer than this (conferences, trips) are not a baseline's working time.
const MAX_HOURS: i64 = 24;

/// One content line: `NAME;PARAM=VALUE:value`.
#[derive(Debug, Clone, PartialEq)]
struct Prop {
    name: String,
    params: Vec<(String, String)>,
    value: String,
    line: usize,
}

impl Prop {
    fn param(&self, key: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v.as_str())
    }
}

/// One VEVENT's properties, in file order.
#[derive(Debug, Clone, Default)]
struct Event {
    props: Vec<Prop>,
    line: usize,
}

impl Event {
    fn get(&self, name: &str) -> Option<&Prop> {
        self.props.iter().find(|p| p.name == name)
    }

    fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Prop> + 'a {
        self.props.iter().filter(move |p| p.name == name)
    }

    fn text(&self, name: &str) -> Option<String> {
        self.get(name)
            .map(|p| unescape(&p.value))
            .filter(|t| !t.is_empty())
    }
}

/// Where a wall-clock time is: UTC, a named zone, one defined only by its VTIMEZONE, or floating
/// (the rep's own zone).
#[derive(Debug, Clone, PartialEq)]
enum Zone {
    Utc,
    Named(Named),
    Rules(Rules),
    Floating(RepZone),
}

impl Zone {
    /// False for a wall-clock time a named zone skips; recurrences starting there are refused.
    fn exists(&self, naive: NaiveDateTime) -> bool {
        match self {
            Zone::Named(tz) => tz.exists(naive),
            Zone::Utc | Zone::Rules(_) | Zone::Floating(_) => true,
        }
    }

    /// The wall-clock time an RDATE or EXDATE from another zone has on this zone's clock (the
    /// clock recurrences are expanded on); UTC's for all but named zones.
    fn wall_clock(&self, t: DateTime<FixedOffset>) -> Option<NaiveDateTime> {
        match self {
            Zone::Named(tz) => tz.wall_clock(t),
            Zone::Utc | Zone::Rules(_) | Zone::Floating(_) => Some(t.naive_utc()),
        }
    }
}

/// What reading a value needs besides the value: the rep's zone for floating times, and the
/// zones the file's VTIMEZONEs define.
struct Ctx {
    zone: RepZone,
    zones: BTreeMap<String, Rules>,
    /// Recurrence steps still allowed for the whole file (see [`MAX_STEPS`]).
    budget: std::cell::Cell<i64>,
}

/// Expanding a rule walks every step from its DTSTART, also those before the period: a secondly
/// rule from 1601 would never end. One event may take this many steps, a whole file 40 times as many.
const MAX_STEPS: i64 = 500_000;

/// A DTSTART/DTEND/RECURRENCE-ID value.
#[derive(Debug, Clone, PartialEq)]
enum When {
    Date(NaiveDate),
    Time(NaiveDateTime, Zone),
}

/// Reads an .ics text: events with a duration inside `window` become items.
pub fn parse(text: &str, window: &Window, me: &[String]) -> Result<Parsed, String> {
    let (lines, cut) = unfold(text);
    let first = lines.iter().find(|(_, l)| !l.trim().is_empty());
    if !first.is_some_and(|(_, l)| l.trim().eq_ignore_ascii_case("BEGIN:VCALENDAR")) {
        return Err("this is not an iCalendar file (it must start with BEGIN:VCALENDAR): export the calendar as .ics, or use `protime import crm` for a CSV".into());
    }
    let Components {
        events,
        calendar,
        zones,
        unfinished,
    } = components(&lines);
    let ctx = Ctx {
        zone: window.zone,
        zones,
        budget: std::cell::Cell::new(MAX_STEPS * 40),
    };
    let mut me: Vec<String> = me.iter().map(|m| m.to_lowercase()).collect();
    if let Some(owner) = calendar.get("X-WR-CALNAME").filter(|n| n.contains('@')) {
        me.push(owner.to_lowercase());
    }
    let mut parsed = Parsed::default();
    if let Some(line) = unfinished {
        parsed.problems.push(format!(
            "line {line}: this event has no END:VEVENT (is the file cut short?); event skipped: \
             export the calendar again"
        ));
    }
    parsed.notices.extend(cut.iter().map(|line| {
        format!(
            "line {line} is longer than {} KB once its folded lines are joined; only its start \
             was read",
            MAX_LINE / 1024
        )
    }));
    let overrides = overridden(&events, &ctx);
    for event in &events {
        if let Err(problem) = read_event(event, window, &ctx, &me, &overrides, &mut parsed) {
            parsed
                .problems
                .push(format!("line {}: {problem}; event skipped", event.line));
        }
        if parsed.items.len() > super::MAX_ITEMS {
            return Err(super::too_many());
        }
    }
    parsed.finish(&window.zone);
    Ok(parsed)
}

/// Joins folded lines (a line starting with a space or tab continues the one before). A joined
/// line stops growing at [`MAX_LINE`], so folding cannot get round the limit on physical lines.
/// Also returns the numbers of the lines cut there.
fn unfold(text: &str) -> (Vec<(usize, String)>, Vec<usize>) {
    let mut lines: Vec<(usize, String)> = vec![];
    let mut cut: Vec<usize> = vec![];
    for (i, raw) in text.split('\n').enumerate() {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        match (raw.strip_prefix([' ', '\t']), lines.last_mut()) {
            (Some(rest), Some((n, last))) => {
                if !push_capped(last, rest) && cut.last() != Some(n) {
                    cut.push(*n);
                }
            }
            _ => lines.push((i + 1, raw.to_string())),
        }
    }
    (lines, cut)
}

/// Appends as much of `rest` as fits in [`MAX_LINE`] bytes, ending on a whole character; false
/// when not all of it fitted.
fn push_capped(line: &mut String, rest: &str) -> bool {
    let room = MAX_LINE.saturating_sub(line.len());
    if rest.len() <= room {
        line.push_str(rest);
        return true;
    }
    let end = (0..=room)
        .rev()
        .find(|&i| rest.is_char_boundary(i))
        .unwrap_or(0);
    line.push_str(&rest[..end]);
    false
}

/// What the component walk collects.
#[derive(Default)]
struct Walk {
    events: Vec<Event>,
    calendar: BTreeMap<String, String>,
    zones: BTreeMap<String, Rules>,
    stack: Vec<String>,
    event: Option<Event>,
    tzid: Option<String>,
    parts: Vec<Part>,
}

/// The VEVENTs (their own properties only, not those of a nested VALARM), the calendar's
/// top-level properties, the zones its VTIMEZONEs define, and the line of an event the file
/// never ends.
fn components(lines: &[(usize, String)]) -> Components {
    let mut w = Walk::default();
    for (n, line) in lines {
        if let Some(prop) = content_line(line, *n) {
            w.step(prop);
        }
    }
    Components {
        unfinished: w.event.map(|e| e.line),
        events: w.events,
        calendar: w.calendar,
        zones: w.zones,
    }
}

/// What [`components`] finds in a file.
struct Components {
    events: Vec<Event>,
    calendar: BTreeMap<String, String>,
    zones: BTreeMap<String, Rules>,
    /// The line of a VEVENT the file never ends.
    unfinished: Option<usize>,
}

impl Walk {
    fn step(&mut self, prop: Prop) {
        match prop.name.as_str() {
            "BEGIN" => self.begin(prop.value.to_ascii_uppercase(), prop.line),
            "END" => self.end(),
            _ => self.property(prop),
        }
    }

    fn begin(&mut self, what: String, line: usize) {
        let parent = self.stack.last().map(String::as_str);
        match (what.as_str(), parent) {
            ("VEVENT", Some("VCALENDAR")) => {
                self.event = Some(Event {
                    props: vec![],
                    line,
                })
            }
            ("VTIMEZONE", Some("VCALENDAR")) => {
                self.tzid = None;
                self.parts.clear();
            }
            ("STANDARD" | "DAYLIGHT", Some("VTIMEZONE")) => self.parts.push(Part {
                daylight: what == "DAYLIGHT",
                ..Part::default()
            }),
            _ => {}
        }
        self.stack.push(what);
    }

    fn end(&mut self) {
        match self.stack.pop().as_deref() {
            Some("VEVENT") => self.events.extend(self.event.take()),
            Some("VTIMEZONE") => {
                if let (Some(tzid), Some(rules)) =
                    (self.tzid.take(), Rules::from_parts(&self.parts))
                {
                    self.zones.insert(tzid, rules);
                }
            }
            _ => {}
        }
    }

    fn property(&mut self, prop: Prop) {
        let top = self.stack.last().map(String::as_str);
        match (top, prop.name.as_str()) {
            (Some("VEVENT"), _) => {
                if let Some(event) = self.event.as_mut() {
                    event.props.push(prop);
                }
            }
            (Some("VCALENDAR"), _) => {
                self.calendar.insert(prop.name, unescape(&prop.value));
            }
            (Some("VTIMEZONE"), "TZID") => self.tzid = Some(prop.value.trim().to_string()),
            (Some("STANDARD" | "DAYLIGHT"), name) => {
                if let Some(part) = self.parts.last_mut() {
                    match name {
                        "TZOFFSETTO" => part.offset_to = prop.value,
                        "DTSTART" => part.dtstart = prop.value,
                        "RRULE" => part.rrule = Some(prop.value),
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
}

/// An all-day event of a holiday calendar: its first and last day (inclusive) and its title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllDay {
    pub first: NaiveDate,
    pub last: NaiveDate,
    pub summary: Option<String>,
}

/// The longest all-day event read as days off: a holiday is a day or a few, not a season.
const MAX_ALL_DAY_DAYS: i64 = 31;

/// The all-day events of an .ics text (`protime off --from-ics`): nothing else in the file is
/// read. Returns the events and, in words, what was left out (cancelled, repeating, too long).
pub fn all_day_events(text: &str) -> Result<(Vec<AllDay>, Vec<String>), String> {
    let (lines, _) = unfold(text);
    let first = lines.iter().find(|(_, l)| !l.trim().is_empty());
    if !first.is_some_and(|(_, l)| l.trim().eq_ignore_ascii_case("BEGIN:VCALENDAR")) {
        return Err("this is not an iCalendar file (it must start with BEGIN:VCALENDAR)".into());
    }
    let Components { events, zones, .. } = components(&lines);
    let ctx = Ctx {
        zone: RepZone::Fixed(FixedOffset::east_opt(0).expect("UTC is an offset")),
        zones,
        budget: std::cell::Cell::new(0),
    };
    let (mut found, mut left_out) = (vec![], vec![]);
    for event in &events {
        let Some(Ok(When::Date(first))) = event.get("DTSTART").map(|p| when(p, &ctx)) else {
            continue;
        };
        let cancelled = event
            .get("STATUS")
            .is_some_and(|p| p.value.trim().eq_ignore_ascii_case("CANCELLED"));
        if cancelled {
            continue;
        }
        let days = match (event.get("DTEND"), event.get("DURATION")) {
            (Some(end), _) => match when(end, &ctx) {
                Ok(When::Date(end)) => (end - first).num_days().max(1),
                _ => 1,
            },
            (None, Some(d)) => duration(&d.value).map_or(1, |d| d.num_days().max(1)),
            (None, None) => 1,
        };
        if days > MAX_ALL_DAY_DAYS {
            left_out.push(format!(
                "line {}: an all-day event of {days} days is not a holiday; left out",
                event.line
            ));
            continue;
        }
        if event.get("RRULE").is_some() {
            left_out.push(format!(
                "line {}: a repeating event; only its first date was read (a holiday every \
                 year belongs in [workday] holidays)",
                event.line
            ));
        }
        found.push(AllDay {
            first,
            last: first + Duration::days(days - 1),
            summary: event.text("SUMMARY"),
        });
    }
    Ok((found, left_out))
}

/// Splits `NAME;P=V;P="a:b":value`; a colon inside quotes belongs to the parameter.
fn content_line(line: &str, n: usize) -> Option<Prop> {
    let mut quoted = false;
    let colon = line.char_indices().find_map(|(i, c)| {
        if c == '"' {
            quoted = !quoted;
        }
        (c == ':' && !quoted).then_some(i)
    })?;
    let (head, value) = (&line[..colon], &line[colon + 1..]);
    let mut parts = split_unquoted(head, ';').into_iter();
    let name = parts.next()?.trim().to_ascii_uppercase();
    let params = parts
        .filter_map(|p| {
            let (k, v) = p.split_once('=')?;
            Some((
                k.trim().to_ascii_uppercase(),
                v.trim_matches('"').to_string(),
            ))
        })
        .collect();
    Some(Prop {
        name,
        params,
        value: value.to_string(),
        line: n,
    })
}

fn split_unquoted(text: &str, sep: char) -> Vec<&str> {
    let mut parts = vec![];
    let (mut quoted, mut start) = (false, 0);
    for (i, c) in text.char_indices() {
        match c {
            '"' => quoted = !quoted,
            c if c == sep && !quoted => {
                parts.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&text[start..]);
    parts
}

/// TEXT values escape `\n`, `\,`, `\;` and `\\`.
fn unescape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push(' '),
            Some(other) => out.push(other),
            None => {}
        }
    }
    out.trim().to_string()
}

/// Every `UID/RECURRENCE-ID` that a separate VEVENT overrides: the master's occurrence there is
/// replaced by that VEVENT.
fn overridden(events: &[Event], ctx: &Ctx) -> BTreeSet<String> {
    events
        .iter()
        .filter_map(|e| {
            let uid = e.text("UID")?;
            let rid = when(e.get("RECURRENCE-ID")?, ctx).ok()?;
            Some(occurrence_source(&uid, &rid))
        })
        .collect()
}

fn read_event(
    event: &Event,
    window: &Window,
    ctx: &Ctx,
    me: &[String],
    overrides: &BTreeSet<String>,
    parsed: &mut Parsed,
) -> Result<(), String> {
    let uid = event.text("UID").ok_or("no UID")?;
    let start_prop = event.get("DTSTART").ok_or("no DTSTART")?;
    let start = when(start_prop, ctx)?;
    let When::Time(start_naive, zone) = start else {
        parsed.skip("all-day");
        return Ok(());
    };
    let length = length(event, start_naive, &zone, ctx)?;
    let recurrence_id = event
        .get("RECURRENCE-ID")
        .map(|p| when(p, ctx))
        .transpose()?;
    let starts: Vec<(String, DateTime<FixedOffset>)> = match recurrence_id {
        Some(rid) => vec![(occurrence_source(&uid, &rid), instant(start_naive, &zone)?)],
        None if event.get("RRULE").is_some() || event.get("RDATE").is_some() => {
            let (occurrences, limited) = expand(event, &uid, start_naive, &zone, window, ctx)?;
            if limited {
                parsed.notices.push(format!(
                    "the event at line {} repeats more than {MAX_OCCURRENCES} times around the \
                     period; only the first {MAX_OCCURRENCES} were read",
                    event.line
                ));
            }
            occurrences
                .into_iter()
                .filter(|(src, _)| !overrides.contains(src))
                .collect()
        }
        None => vec![(format!("ics:{uid}"), instant(start_naive, &zone)?)],
    };
    let skip = skip_reason(event, me, length);
    for (source, at) in starts {
        if !window.overlaps(at, at + length) {
            parsed.skip("outside the period");
            continue;
        }
        if let Some(reason) = skip {
            // A once-imported event that is now cancelled, free or declined leaves the journal.
            parsed.gone.insert(source);
            parsed.skip(reason);
            continue;
        }
        parsed.items.push(item(event, source, at, length));
    }
    Ok(())
}

fn skip_reason(event: &Event, me: &[String], length: Duration) -> Option<&'static str> {
    let upper = |name: &str| event.get(name).map(|p| p.value.trim().to_ascii_uppercase());
    if upper("STATUS").as_deref() == Some("CANCELLED") {
        return Some("cancelled");
    }
    let busy = upper("X-MICROSOFT-CDO-BUSYSTATUS");
    if upper("TRANSP").as_deref() == Some("TRANSPARENT") || busy.as_deref() == Some("FREE") {
        return Some("free");
    }
    if declined_by_me(event, me) {
        return Some("declined");
    }
    if length <= Duration::zero() {
        return Some("no duration");
    }
    if length > Duration::hours(MAX_HOURS) {
        return Some("longer than a day");
    }
    None
}

/// True when one of the rep's own addresses answered DECLINED.
fn declined_by_me(event: &Event, me: &[String]) -> bool {
    event.all("ATTENDEE").any(|a| {
        let declined = a
            .param("PARTSTAT")
            .is_some_and(|s| s.eq_ignore_ascii_case("DECLINED"));
        let address = a.value.to_lowercase();
        let address = address.trim_start_matches("mailto:");
        declined && me.iter().any(|m| m == address)
    })
}

fn item(event: &Event, source: String, start: DateTime<FixedOffset>, length: Duration) -> Item {
    let mut fields = BTreeMap::new();
    let mut put = |field: Field, value: Option<String>| {
        if let Some(v) = value.filter(|v| !v.is_empty()) {
            fields.insert(field, v);
        }
    };
    put(Field::Description, event.text("DESCRIPTION"));
    put(Field::Location, event.text("LOCATION"));
    put(Field::Organizer, event.get("ORGANIZER").map(person));
    let attendees: Vec<String> = event.all("ATTENDEE").map(person).collect();
    put(Field::Attendees, Some(attendees.join(", ")));
    let categories: Vec<String> = event
        .all("CATEGORIES")
        .map(|p| unescape(&p.value))
        .collect();
    put(Field::Categories, Some(categories.join(", ")));
    Item {
        source,
        start,
        end: start + length,
        title: event.text("SUMMARY").unwrap_or_else(|| "(no title)".into()),
        account: event.text(super::own::ACCOUNT),
        fields,
        written: super::own::written(|name| event.text(name)),
    }
}

/// "Maria Stein <maria@acme.example>" from `ATTENDEE;CN=Maria Stein:mailto:maria@acme.example`.
fn person(p: &Prop) -> String {
    let address = p
        .value
        .trim_start_matches("mailto:")
        .trim_start_matches("MAILTO:");
    match p.param("CN") {
        Some(cn) => format!("{cn} <{address}>"),
        None => address.to_string(),
    }
}

/// The event's length: DTEND − DTSTART, or DURATION.
fn length(event: &Event, start: NaiveDateTime, zone: &Zone, ctx: &Ctx) -> Result<Duration, String> {
    if let Some(end) = event.get("DTEND") {
        return match when(end, ctx)? {
            When::Time(end, end_zone) => Ok(instant(end, &end_zone)? - instant(start, zone)?),
            When::Date(_) => Err("DTEND is a date but DTSTART a time".into()),
        };
    }
    match event.get("DURATION") {
        Some(d) => duration(&d.value),
        None => Ok(Duration::zero()),
    }
}

/// An RFC 5545 duration: `PT1H30M`, `P1D`, `-PT15M`, `P1W`.
fn duration(text: &str) -> Result<Duration, String> {
    let bad = || format!("DURATION \"{text}\" is not like PT1H30M");
    let t = text.trim().to_ascii_uppercase();
    let (sign, t) = match t.strip_prefix('-') {
        Some(rest) => (-1, rest.to_string()),
        None => (1, t.trim_start_matches('+').to_string()),
    };
    let body = t.strip_prefix('P').ok_or_else(bad)?;
    let mut total = 0i64;
    let mut number = String::new();
    for c in body.chars() {
        match c {
            '0'..='9' => number.push(c),
            'T' => {}
            unit => {
                let n: i64 = number.parse().map_err(|_| bad())?;
                number.clear();
                let seconds = match unit {
                    'W' => 604_800,
                    'D' => 86_400,
                    'H' => 3600,
                    'M' => 60,
                    'S' => 1,
                    _ => return Err(bad()),
                };
                total = total.saturating_add(n.saturating_mul(seconds));
            }
        }
    }
    if !number.is_empty() {
        return Err(bad());
    }
    Ok(Duration::seconds(sign * total.min(i64::from(u32::MAX))))
}

/// Reads a date or date-time property with its TZID.
fn when(p: &Prop, ctx: &Ctx) -> Result<When, String> {
    let value = p.value.trim();
    let is_date = p
        .param("VALUE")
        .is_some_and(|v| v.eq_ignore_ascii_case("DATE"))
        || value.len() == 8;
    if is_date {
        let d = NaiveDate::parse_from_str(value, "%Y%m%d")
            .map_err(|_| format!("{} \"{value}\" is not a date like 20261120", p.name))?;
        return Ok(When::Date(d));
    }
    let (text, utc) = match value.strip_suffix(['Z', 'z']) {
        Some(rest) => (rest, true),
        None => (value, false),
    };
    let naive = NaiveDateTime::parse_from_str(text, "%Y%m%dT%H%M%S")
        .map_err(|_| format!("{} \"{value}\" is not a time like 20261120T090000", p.name))?;
    let zone = match (utc, p.param("TZID")) {
        (true, _) => Zone::Utc,
        (false, Some(tzid)) => match zone_named(tzid) {
            Ok(tz) => Zone::Named(tz),
            Err(e) => Zone::Rules(*ctx.zones.get(tzid).ok_or(e)?),
        },
        (false, None) => Zone::Floating(ctx.zone),
    };
    Ok(When::Time(naive, zone))
}

/// The instant a wall-clock time names; in a DST gap the later reading, in an overlap the earlier.
fn instant(naive: NaiveDateTime, zone: &Zone) -> Result<DateTime<FixedOffset>, String> {
    let mapped = match zone {
        Zone::Utc => return Ok(Utc.from_utc_datetime(&naive).fixed_offset()),
        Zone::Floating(zone) => Some(local_instant(zone, naive.date(), naive.time())),
        Zone::Rules(rules) => rules
            .offset_at(naive)
            .from_local_datetime(&naive)
            .earliest(),
        Zone::Named(tz) => tz.instant(naive),
    };
    mapped.ok_or_else(|| format!("{naive} does not exist in its time zone"))
}

/// `ics:UID/20261120T080000Z` for one occurrence (UTC), or the wall time for floating ones.
fn occurrence_source(uid: &str, rid: &When) -> String {
    let stamp = match rid {
        When::Date(d) => d.format("%Y%m%d").to_string(),
        When::Time(naive, Zone::Floating(_)) => naive.format("%Y%m%dT%H%M%S").to_string(),
        When::Time(naive, zone) => match instant(*naive, zone) {
            Ok(t) => t.with_timezone(&Utc).format("%Y%m%dT%H%M%SZ").to_string(),
            Err(_) => naive.format("%Y%m%dT%H%M%S").to_string(),
        },
    };
    format!("ics:{uid}/{stamp}")
}

/// Occurrences of a recurring event: each one's source and start.
type Occurrences = Vec<(String, DateTime<FixedOffset>)>;

/// The occurrences of a recurring event near the period, with their sources, and whether there
/// were more than [`MAX_OCCURRENCES`] of them (only those were read).
fn expand(
    event: &Event,
    uid: &str,
    start: NaiveDateTime,
    zone: &Zone,
    window: &Window,
    ctx: &Ctx,
) -> Result<(Occurrences, bool), String> {
    // Rules recur on the wall clock (RFC 5545): expand them there, then place them in the zone.
    if !zone.exists(start) {
        return Err("DTSTART does not exist in its time zone".into());
    }
    let near = window_edge(window.from, &window.zone, -1).naive_utc()
        ..=window_edge(window.to, &window.zone, 2).naive_utc();
    let place = |w: When| -> Option<NaiveDateTime> {
        let naive = match w {
            When::Time(naive, _) if w_is_local(&w, zone) => naive,
            When::Time(naive, z) => zone.wall_clock(instant(naive, &z).ok()?)?,
            When::Date(d) => d.and_hms_opt(start.hour(), start.minute(), start.second())?,
        };
        zone.exists(naive).then_some(naive)
    };
    let mut exdates = BTreeSet::new();
    for w in list(event, "EXDATE", ctx)? {
        exdates.insert(place(w).ok_or("EXDATE does not exist")?);
    }
    let mut set = BTreeSet::new();
    for w in list(event, "RDATE", ctx)? {
        set.insert(place(w).ok_or("RDATE does not exist")?);
    }
    set.retain(|t| near.contains(t));
    let mut until: Option<DateTime<FixedOffset>> = None;
    let wanted = usize::from(MAX_OCCURRENCES) + 1;
    for rule in event.all("RRULE") {
        spend_steps(&rule.value, start, window, ctx)?;
        let (rule, rule_until) = rrule_without_until(&rule.value, zone, ctx)?;
        until = until.max(rule_until);
        let kept = rule
            .occurrences(start, *near.end())
            .filter(|t| near.contains(t) && !exdates.contains(t))
            .take(wanted);
        set.extend(kept);
    }
    set.retain(|t| !exdates.contains(t));
    let limited = set.len() > usize::from(MAX_OCCURRENCES);
    let mut out = vec![];
    for naive in set.iter().take(MAX_OCCURRENCES.into()) {
        let t = instant(*naive, zone)?;
        if until.is_some_and(|u| t > u) {
            continue;
        }
        let source = occurrence_source(uid, &When::Time(*naive, zone.clone()));
        out.push((source, t));
    }
    Ok((out, limited))
}

/// Counts the steps a rule takes from its start to the end of the period against the budgets.
fn spend_steps(rule: &str, start: NaiveDateTime, window: &Window, ctx: &Ctx) -> Result<(), String> {
    let get = |key: &str| {
        rule.split(';')
            .filter_map(|kv| kv.split_once('='))
            .find(|(k, _)| k.trim().eq_ignore_ascii_case(key))
            .map(|(_, v)| v.trim().to_ascii_uppercase())
    };
    let step: i64 = match get("FREQ").as_deref() {
        Some("SECONDLY") => 1,
        Some("MINUTELY") => 60,
        Some("HOURLY") => 3600,
        Some("DAILY") => 86_400,
        Some("WEEKLY") => 604_800,
        Some("MONTHLY") => 2_419_200,
        _ => 31_536_000,
    };
    let interval: i64 = get("INTERVAL")
        .and_then(|i| i.parse().ok())
        .unwrap_or(1)
        .max(1);
    let end = (window.to + Duration::days(2))
        .and_hms_opt(0, 0, 0)
        .unwrap_or_default();
    let steps = (end - start).num_seconds().max(0) / step.saturating_mul(interval) + 1;
    let left = ctx.budget.get() - steps;
    if steps > MAX_STEPS || left < 0 {
        return Err(format!(
            "RRULE \"{rule}\" repeats too often since {start} to expand"
        ));
    }
    ctx.budget.set(left);
    Ok(())
}

fn window_edge(date: NaiveDate, zone: &RepZone, days: i64) -> DateTime<Utc> {
    local_instant(zone, date + Duration::days(days), chrono::NaiveTime::MIN).with_timezone(&Utc)
}

/// The rule and its UNTIL, which is applied here: its value may be a date, floating or in UTC
/// next to a zoned start, and only this module knows the event's zones.
fn rrule_without_until(
    value: &str,
    zone: &Zone,
    ctx: &Ctx,
) -> Result<(recur::Rule, Option<DateTime<FixedOffset>>), String> {
    let mut until = None;
    let mut kept = vec![];
    for part in value.split(';') {
        match part.split_once('=') {
            Some((k, v)) if k.trim().eq_ignore_ascii_case("UNTIL") => {
                until = Some(until_instant(v, zone, ctx)?);
            }
            _ => kept.push(part),
        }
    }
    let rule = recur::parse(&kept.join(";")).map_err(|e| format!("RRULE \"{value}\": {e}"))?;
    Ok((rule, until))
}

fn until_instant(v: &str, zone: &Zone, ctx: &Ctx) -> Result<DateTime<FixedOffset>, String> {
    let p = Prop {
        name: "UNTIL".into(),
        params: vec![],
        value: v.to_string(),
        line: 0,
    };
    match when(&p, ctx)? {
        // A date-only UNTIL includes that whole day.
        When::Date(d) => instant(
            (d + Duration::days(1))
                .and_hms_opt(0, 0, 0)
                .unwrap_or_default(),
            zone,
        )
        .map(|t| t - Duration::seconds(1)),
        When::Time(naive, Zone::Floating(_)) => instant(naive, zone),
        When::Time(naive, z) => instant(naive, &z),
    }
}

/// Every value of RDATE or EXDATE lines (comma lists, each line with its own TZID).
fn list(event: &Event, name: &str, ctx: &Ctx) -> Result<Vec<When>, String> {
    let mut out = vec![];
    for p in event.all(name) {
        for v in p.value.split(',').filter(|v| !v.trim().is_empty()) {
            let one = Prop {
                value: v.to_string(),
                ..p.clone()
            };
            out.push(when(&one, ctx)?);
        }
    }
    Ok(out)
}

/// A floating value, or one in the start's own zone, is read on the start's wall clock.
fn w_is_local(w: &When, zone: &Zone) -> bool {
    match w {
        When::Time(_, Zone::Floating(_)) => true,
        When::Time(_, z) => z == zone,
        When::Date(_) => false,
    }
}

#[cfg(test)]
#[path = "ics_test.rs"]
mod tests;
