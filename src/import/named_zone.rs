//! Named (IANA) time zones of calendar files, read from the system's time zone database
//! (`/usr/share/zoneinfo`, or `TZDIR`) when an import needs them: the binary carries no zone
//! tables, so no start of protime pays for relocating them.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, Timelike};
use jiff::tz::{TimeZone, TimeZoneDatabase};

/// A zone found by name in the system's time zone database.
#[derive(Debug, Clone, PartialEq)]
pub struct Named(TimeZone);

impl Named {
    #[cfg(test)]
    pub fn name(&self) -> &str {
        self.0.iana_name().unwrap_or("?")
    }

    /// The instant a wall-clock time names: in a DST gap the later reading (the time moved on by
    /// the gap's length), in an overlap the earlier; `None` outside the years jiff knows.
    pub fn instant(&self, naive: NaiveDateTime) -> Option<DateTime<FixedOffset>> {
        let ts = self
            .0
            .to_ambiguous_timestamp(civil(naive)?)
            .compatible()
            .ok()?;
        let offset = FixedOffset::east_opt(self.0.to_offset(ts).seconds())?;
        let utc =
            DateTime::from_timestamp(ts.as_second(), ts.subsec_nanosecond().try_into().ok()?)?;
        Some(utc.with_timezone(&offset))
    }

    /// False for a wall-clock time the zone skips (a DST gap).
    pub fn exists(&self, naive: NaiveDateTime) -> bool {
        civil(naive).is_some_and(|c| {
            !matches!(
                self.0.to_ambiguous_timestamp(c).offset(),
                jiff::tz::AmbiguousOffset::Gap { .. }
            )
        })
    }

    /// The wall-clock time here at an instant.
    pub fn wall_clock(&self, t: DateTime<FixedOffset>) -> Option<NaiveDateTime> {
        let ts = jiff::Timestamp::new(t.timestamp(), t.timestamp_subsec_nanos().try_into().ok()?);
        naive(self.0.to_datetime(ts.ok()?))
    }
}

fn civil(t: NaiveDateTime) -> Option<jiff::civil::DateTime> {
    let small = |n: u32| i8::try_from(n).ok();
    jiff::civil::DateTime::new(
        i16::try_from(t.year()).ok()?,
        small(t.month())?,
        small(t.day())?,
        small(t.hour())?,
        small(t.minute())?,
        small(t.second())?,
        i32::try_from(t.nanosecond()).ok()?,
    )
    .ok()
}

fn naive(t: jiff::civil::DateTime) -> Option<NaiveDateTime> {
    let unsigned = |n: i8| u32::try_from(n).ok();
    NaiveDate::from_ymd_opt(t.year().into(), unsigned(t.month())?, unsigned(t.day())?)?
        .and_hms_nano_opt(
            unsigned(t.hour())?,
            unsigned(t.minute())?,
            unsigned(t.second())?,
            u32::try_from(t.subsec_nanosecond()).ok()?,
        )
}

/// An IANA name (also behind a `/vendor/` prefix) or an Outlook (Windows) zone name.
pub fn zone_named(tzid: &str) -> Result<Named, String> {
    zone_in(jiff::tz::db(), tzid)
}

/// [`zone_named`] in a given database (tests give one without zones).
pub fn zone_in(db: &TimeZoneDatabase, tzid: &str) -> Result<Named, String> {
    let tzid = tzid.trim();
    // "/freeassociation.sourceforge.net/Tzfile/Europe/Berlin": the whole name, then each tail.
    let parts: Vec<&str> = tzid.split('/').collect();
    let tails = (0..parts.len()).map(|i| parts[i..].join("/"));
    let windows = WINDOWS_ZONES
        .iter()
        .filter(|(w, _)| w.eq_ignore_ascii_case(tzid))
        .flat_map(|(_, iana)| iana.iter().map(|n| n.to_string()));
    if let Some(tz) = tails.chain(windows).find_map(|name| db.get(&name).ok()) {
        return Ok(Named(tz));
    }
    if db.is_definitively_empty() {
        return Err(format!(
            "time zone \"{tzid}\" is not on this system: install the time zone database \
             tzdata (apt-get install tzdata) and import again"
        ));
    }
    Err(format!(
        "unknown time zone \"{tzid}\" (not in this system's time zone database: if it is a real \
         zone, update tzdata; old names such as US/Eastern may need tzdata-legacy)"
    ))
}

/// Outlook writes Windows zone names; these are the common ones (CLDR's windowsZones mapping),
/// each with the names to try: older tzdata lacks Europe/Kyiv, newer Debian moves Europe/Kiev to
/// tzdata-legacy.
const WINDOWS_ZONES: &[(&str, &[&str])] = &[
    ("W. Europe Standard Time", &["Europe/Berlin"]),
    ("Romance Standard Time", &["Europe/Paris"]),
    ("Central Europe Standard Time", &["Europe/Budapest"]),
    ("Central European Standard Time", &["Europe/Warsaw"]),
    ("GMT Standard Time", &["Europe/London"]),
    ("Greenwich Standard Time", &["Atlantic/Reykjavik"]),
    ("E. Europe Standard Time", &["Europe/Chisinau"]),
    ("FLE Standard Time", &["Europe/Kyiv", "Europe/Kiev"]),
    ("GTB Standard Time", &["Europe/Bucharest"]),
    ("Russian Standard Time", &["Europe/Moscow"]),
    ("Eastern Standard Time", &["America/New_York"]),
    ("Central Standard Time", &["America/Chicago"]),
    ("Mountain Standard Time", &["America/Denver"]),
    ("Pacific Standard Time", &["America/Los_Angeles"]),
    ("India Standard Time", &["Asia/Kolkata"]),
    ("China Standard Time", &["Asia/Shanghai"]),
    ("Tokyo Standard Time", &["Asia/Tokyo"]),
    ("Singapore Standard Time", &["Asia/Singapore"]),
    ("AUS Eastern Standard Time", &["Australia/Sydney"]),
    ("UTC", &["UTC"]),
    ("Coordinated Universal Time", &["UTC"]),
];
