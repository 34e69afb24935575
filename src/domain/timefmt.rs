//! The journal's textual time formats: `HH:MM` wall-clock times and RFC 3339 timestamps with offset.

use chrono::{DateTime, FixedOffset, NaiveTime, SecondsFormat};
use serde::{Deserialize, Deserializer, Serializer};

/// Parses a wall-clock time a person typed: `9:00`, `09:00`, `0900`, `9`.
pub fn parse_hhmm(text: &str) -> Result<NaiveTime, String> {
    let t = text.trim();
    let (h, m) = match t.split_once(':') {
        Some((h, m)) => (h, m),
        // `is_char_boundary` keeps a stray non-ASCII character ("9é9") an error, not a panic.
        None if t.len() == 4 && t.is_char_boundary(2) => t.split_at(2),
        None if (1..=2).contains(&t.len()) => (t, "0"),
        None => return Err(bad_time(text)),
    };
    let digits = |s: &str| !s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(h) || !digits(m) {
        return Err(bad_time(text));
    }
    let (h, m): (u32, u32) = (
        h.parse().map_err(|_| bad_time(text))?,
        m.parse().map_err(|_| bad_time(text))?,
    );
    NaiveTime::from_hms_opt(h, m, 0).ok_or_else(|| bad_time(text))
}

fn bad_time(text: &str) -> String {
    format!(
        "\"{text}\" is not a time of day: type hours and minutes from 00:00 to 23:59, like 09:30"
    )
}

/// Parses a length a person typed: `45m`, `1h`, `1h30`, `1h30m`, `+30` (minutes).
pub fn parse_duration_minutes(text: &str) -> Result<i64, String> {
    let t = text.trim().trim_start_matches('+').to_ascii_lowercase();
    let bad = || format!("\"{text}\" is not a length: type minutes or hours, like 45m, 1h or 1h30");
    let number = |s: &str| -> Result<i64, String> {
        if s.is_empty() {
            Ok(0)
        } else {
            s.parse::<i64>().map_err(|_| bad())
        }
    };
    // Checked: "307445734561825861h" would wrap to 44 minutes.
    let minutes = match t.split_once('h') {
        Some((h, m)) => number(h)?
            .checked_mul(60)
            .and_then(|hours| hours.checked_add(number(m.trim_end_matches('m')).ok()?))
            .ok_or_else(bad)?,
        None => number(t.strip_suffix('m').unwrap_or(&t))?,
    };
    if t.is_empty() || minutes <= 0 || minutes >= 24 * 60 {
        return Err(bad());
    }
    Ok(minutes)
}

/// True when a typed end looks like a length (`45m`, `1h30`, `+30`) rather than a time of day.
pub fn looks_like_duration(text: &str) -> bool {
    let t = text.trim().to_ascii_lowercase();
    t.starts_with('+') || t.ends_with('m') || t.contains('h')
}

/// `14d` → 14, `2w` → 14.
pub fn parse_last(text: &str) -> Result<i64, String> {
    let bad = || format!("\"{text}\" is not a length: write days or weeks, like 14d or 2w");
    let t = text.trim().to_ascii_lowercase();
    // The unit is the last character, which need not be one byte ("2é").
    let unit_at = t.char_indices().last().map_or(0, |(at, _)| at);
    let (number, unit) = t.split_at(unit_at);
    let n: i64 = number.parse().map_err(|_| bad())?;
    let days = match unit {
        "d" => n,
        "w" => n.checked_mul(7).ok_or_else(bad)?,
        _ => return Err(bad()),
    };
    if !(1..=3660).contains(&days) {
        return Err(bad());
    }
    Ok(days)
}

/// `1h30`, `0h45`: the compact length format used across the screens.
pub fn format_minutes(minutes: i64) -> String {
    let sign = if minutes < 0 { "-" } else { "" };
    let m = minutes.abs();
    format!("{sign}{}h{:02}", m / 60, m % 60)
}

pub fn format_hhmm(t: NaiveTime) -> String {
    t.format("%H:%M").to_string()
}

pub fn format_rfc3339(t: &DateTime<FixedOffset>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, false)
}

/// serde helpers for `"09:00"` fields.
pub mod hhmm {
    use super::*;

    pub fn serialize<S: Serializer>(t: &NaiveTime, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format_hhmm(*t))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveTime, D::Error> {
        d.deserialize_str(HhmmVisitor)
    }

    /// A visitor rather than `String::deserialize`, so a time given as a number (`start = 9`)
    /// is told what to write instead of "expected a string".
    struct HhmmVisitor;

    impl serde::de::Visitor<'_> for HhmmVisitor {
        type Value = NaiveTime;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a time in quotes, like \"09:30\"")
        }

        fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<NaiveTime, E> {
            parse_hhmm(text).map_err(E::custom)
        }
    }
}

/// serde helpers for RFC 3339 timestamps with offset.
pub mod rfc3339 {
    use super::*;

    pub fn serialize<S: Serializer>(t: &DateTime<FixedOffset>, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format_rfc3339(t))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<FixedOffset>, D::Error> {
        let text = String::deserialize(d)?;
        DateTime::parse_from_rfc3339(&text).map_err(|e| {
            serde::de::Error::custom(format!(
                "\"{text}\" is not a timestamp ({e}): write it like 2026-11-26T09:00:00+01:00"
            ))
        })
    }
}

/// serde helpers for an optional RFC 3339 timestamp (an open session has no end).
pub mod rfc3339_opt {
    use super::*;

    pub fn serialize<S: Serializer>(
        t: &Option<DateTime<FixedOffset>>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        match t {
            Some(t) => super::rfc3339::serialize(t, s),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<DateTime<FixedOffset>>, D::Error> {
        super::rfc3339::deserialize(d).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_common_spellings() {
        let nine = NaiveTime::from_hms_opt(9, 0, 0).unwrap();
        for t in ["9:00", "09:00", "0900", "9", " 09:00 "] {
            assert_eq!(parse_hhmm(t), Ok(nine), "{t}");
        }
    }

    #[test]
    fn non_ascii_four_byte_text_is_an_error_not_a_panic() {
        for t in ["9é9", "9\u{d7ff}", "é12"] {
            assert!(parse_hhmm(t).is_err(), "{t}");
        }
    }

    #[test]
    fn a_period_ending_in_a_non_ascii_letter_is_an_error_not_a_panic() {
        for text in ["2é", "é", "14dé", "2€", "9223372036854775807w", "-1d", ""] {
            assert!(parse_last(text).is_err(), "{text}");
        }
        assert_eq!(parse_last("2w"), Ok(14));
        assert_eq!(parse_last(" 14D "), Ok(14));
    }

    #[test]
    fn durations_in_the_usual_spellings() {
        for (text, minutes) in [
            ("45m", 45),
            ("1h", 60),
            ("1h30", 90),
            ("1h30m", 90),
            ("+30", 30),
            ("90", 90),
        ] {
            assert_eq!(parse_duration_minutes(text), Ok(minutes), "{text}");
        }
        for text in ["", "0m", "h", "abc", "25h", "-5m"] {
            assert!(parse_duration_minutes(text).is_err(), "{text}");
        }
        // Hours whose minutes do not fit in 64 bits: 307445734561825861 × 60 wraps to 44.
        for text in [
            "307445734561825861h",
            "153722867280912930h99",
            "1h9223372036854775807",
        ] {
            assert!(parse_duration_minutes(text).is_err(), "{text}");
        }
        assert!(
            looks_like_duration("1h")
                && looks_like_duration("+15")
                && !looks_like_duration("10:30")
        );
        assert_eq!(format_minutes(90), "1h30");
        assert_eq!(format_minutes(-5), "-0h05");
    }

    #[test]
    fn refuses_impossible_or_garbled_times() {
        for t in ["25:00", "9.3o", "12:60", "", "ab:cd", "123:00", "-1:00"] {
            let err = parse_hhmm(t).unwrap_err();
            assert!(err.contains("like 09:30"), "{t}: {err}");
        }
    }
}
