//! Zones defined only by their VTIMEZONE (Outlook's "Customized Time Zone", private names): the
//! standard and daylight offsets with their yearly onsets (`FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU`).

use chrono::{Datelike, Duration, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Weekday};

/// When an offset starts each year: the nth (or last, -1) weekday of a month, at a wall time.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Onset {
    month: u32,
    week: i8,
    weekday: Weekday,
    time: NaiveTime,
}

/// A zone's standard offset and, if it has one, its daylight offset with both onsets.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rules {
    pub standard: FixedOffset,
    pub daylight: Option<(FixedOffset, Onset, Onset)>,
}

/// One STANDARD or DAYLIGHT part: TZOFFSETTO, DTSTART and RRULE values.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Part {
    pub daylight: bool,
    pub offset_to: String,
    pub dtstart: String,
    pub rrule: Option<String>,
}

impl Rules {
    /// The rules of the newest STANDARD and DAYLIGHT parts; `None` without a readable STANDARD.
    pub fn from_parts(parts: &[Part]) -> Option<Rules> {
        let newest = |daylight: bool| {
            parts
                .iter()
                .filter(|p| p.daylight == daylight)
                .max_by(|a, b| a.dtstart.cmp(&b.dtstart))
        };
        let std_part = newest(false)?;
        let standard = offset(&std_part.offset_to)?;
        let daylight =
            newest(true).and_then(|d| Some((offset(&d.offset_to)?, onset(d)?, onset(std_part)?)));
        Some(Rules { standard, daylight })
    }

    /// The offset in force at a wall-clock time.
    pub fn offset_at(&self, t: NaiveDateTime) -> FixedOffset {
        let Some((dst, begins, ends)) = self.daylight else {
            return self.standard;
        };
        let (Some(b), Some(e)) = (begins.in_year(t.year()), ends.in_year(t.year())) else {
            return self.standard;
        };
        // North: summer between the onsets; south: summer across the new year.
        let summer = if b < e {
            b <= t && t < e
        } else {
            t >= b || t < e
        };
        if summer { dst } else { self.standard }
    }
}

impl Onset {
    fn in_year(&self, year: i32) -> Option<NaiveDateTime> {
        let date = if self.week > 0 {
            NaiveDate::from_weekday_of_month_opt(year, self.month, self.weekday, self.week as u8)?
        } else {
            let next = if self.month == 12 {
                NaiveDate::from_ymd_opt(year + 1, 1, 1)?
            } else {
                NaiveDate::from_ymd_opt(year, self.month + 1, 1)?
            };
            let mut d = next - Duration::days(1);
            while d.weekday() != self.weekday {
                d -= Duration::days(1);
            }
            d
        };
        Some(date.and_time(self.time))
    }
}

/// `+0100`, `-0500`, `+053000`.
fn offset(text: &str) -> Option<FixedOffset> {
    let t = text.trim();
    let (sign, digits) = match t.as_bytes().first()? {
        b'+' => (1, &t[1..]),
        b'-' => (-1, &t[1..]),
        _ => (1, t),
    };
    if !(digits.len() == 4 || digits.len() == 6) || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n = |r: std::ops::Range<usize>| digits.get(r).and_then(|s| s.parse::<i32>().ok());
    let seconds = n(0..2)? * 3600 + n(2..4)? * 60 + n(4..6).unwrap_or(0);
    FixedOffset::east_opt(sign * seconds)
}

/// The yearly onset of a part from its RRULE (BYMONTH, BYDAY) and the time of its DTSTART.
fn onset(part: &Part) -> Option<Onset> {
    let rule = part.rrule.as_deref()?;
    let get = |key: &str| {
        rule.split(';')
            .filter_map(|kv| kv.split_once('='))
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v.trim().to_ascii_uppercase())
    };
    let month: u32 = get("BYMONTH")?.parse().ok()?;
    let byday = get("BYDAY")?;
    let (week, day) = byday.split_at_checked(byday.len().checked_sub(2)?)?;
    let week: i8 = if week.is_empty() {
        1
    } else {
        week.parse().ok()?
    };
    let weekday = super::recur::weekday(day).ok()?;
    let time = NaiveDateTime::parse_from_str(part.dtstart.trim(), "%Y%m%dT%H%M%S")
        .ok()?
        .time();
    (1..=12).contains(&month).then_some(Onset {
        month,
        week: week.clamp(-1, 5),
        weekday,
        time,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn part(daylight: bool, to: &str, start: &str, rule: &str) -> Part {
        Part {
            daylight,
            offset_to: to.into(),
            dtstart: start.into(),
            rrule: Some(rule.into()),
        }
    }

    fn t(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn central_european_rules_switch_on_the_last_sundays() {
        let rules = Rules::from_parts(&[
            part(
                false,
                "+0100",
                "16010101T030000",
                "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10",
            ),
            part(
                true,
                "+0200",
                "16010101T020000",
                "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3",
            ),
        ])
        .unwrap();
        let h = |s: i32| FixedOffset::east_opt(s * 3600).unwrap();
        assert_eq!(rules.offset_at(t("2026-03-29 01:59")), h(1));
        assert_eq!(rules.offset_at(t("2026-03-29 02:00")), h(2));
        assert_eq!(rules.offset_at(t("2026-10-25 02:59")), h(2));
        assert_eq!(rules.offset_at(t("2026-10-25 03:00")), h(1));
        assert_eq!(rules.offset_at(t("2026-11-20 09:00")), h(1));
    }

    #[test]
    fn a_weekday_with_a_non_ascii_letter_is_no_rule_not_a_panic() {
        for byday in ["éX", "-1é", "é", "1SUé"] {
            let rule = format!("FREQ=YEARLY;BYMONTH=3;BYDAY={byday}");
            let parts = [part(true, "+0200", "16010101T020000", &rule)];
            assert!(onset(&parts[0]).is_none(), "{byday}");
        }
    }

    #[test]
    fn southern_and_fixed_zones() {
        let sydney = Rules::from_parts(&[
            part(
                false,
                "+1000",
                "20080406T030000",
                "FREQ=YEARLY;BYMONTH=4;BYDAY=1SU",
            ),
            part(
                true,
                "+1100",
                "20081005T020000",
                "FREQ=YEARLY;BYMONTH=10;BYDAY=1SU",
            ),
        ])
        .unwrap();
        assert_eq!(
            sydney.offset_at(t("2026-01-15 09:00")).local_minus_utc(),
            11 * 3600
        );
        assert_eq!(
            sydney.offset_at(t("2026-06-15 09:00")).local_minus_utc(),
            10 * 3600
        );
        let fixed = Rules::from_parts(&[Part {
            daylight: false,
            offset_to: "+0530".into(),
            dtstart: "19700101T000000".into(),
            rrule: None,
        }])
        .unwrap();
        assert_eq!(
            fixed.offset_at(t("2026-06-15 09:00")).local_minus_utc(),
            19800
        );
        assert!(Rules::from_parts(&[]).is_none());
        assert_eq!(offset("+01"), None);
    }
}
