//! Loading a period's days from the journal and computing their figures (Month tab and report).

use crate::clock::Zone;
use crate::config::Config;
use crate::domain::check::Capacity;
use crate::domain::open::{self, Liveness};
use crate::domain::report::{Figures, TodayShare, day_figures};
use crate::domain::timer::{self, TimerSettings};
use crate::journal::Journal;
use chrono::{DateTime, FixedOffset, NaiveDate};

/// Today's proactive share (the domain's one rule, `TodayShare`) for `day`, counted as every
/// screen and verb counts it: open sessions by `domain::open`, of the capacity so far.
pub fn today_share<Tz: chrono::TimeZone>(
    day: &crate::domain::Day,
    config: &Config,
    life: &Liveness,
    tz: &Tz,
) -> TodayShare {
    let cap = capacity(config);
    let counted = open::counted(day, life);
    let f = day_figures(day.date, Some(&counted), &cap, tz, life.now);
    let full = cap.of_day(day.date, day.off.is_some());
    TodayShare::of(&f, full, config.targets.proactive_share)
}

/// Each day of a period with its figures, and how many of those days had a file.
pub type PeriodFigures = (Vec<(NaiveDate, Figures)>, usize);

/// The capacity rules of the config.
pub fn capacity(config: &Config) -> Capacity {
    Capacity {
        workday: (config.workday.start, config.workday.end),
        weekly_minutes: (config.workday.weekly_capacity_hours * 60.0).round() as i64,
        weekdays: config
            .workday
            .weekdays
            .iter()
            .map(|w| w.weekday())
            .collect(),
    }
}

/// Every day of `[from, to]` with its figures, reading only that period's files. Long periods are
/// read and computed on all cores, a stretch of days each (parsing the files is most of the work).
pub fn period_figures(
    journal: &Journal,
    config: &Config,
    from: NaiveDate,
    to: NaiveDate,
    now: DateTime<FixedOffset>,
    zone: &Zone,
) -> Result<PeriodFigures, String> {
    let dates: Vec<NaiveDate> = from.iter_days().take_while(|d| *d <= to).collect();
    let counting = Counting {
        cap: capacity(config),
        settings: config.timer_settings(),
        life: Liveness::new(
            crate::journal::heartbeat::last(journal, now),
            now,
            config.timer.stale_after_hours,
        ),
        zone,
    };
    let stretches = dates.len() / 60 + 1;
    if stretches == 1 {
        // A month is read on this thread: another would cost more than it saves, and so would
        // asking how many cores there are (that reads the cgroup files).
        return stretch_figures(journal, &counting, &dates);
    }
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(stretches));
    let chunk = dates.len().div_ceil(threads).max(1);
    let parts: Vec<Result<PeriodFigures, String>> = std::thread::scope(|scope| {
        let handles: Vec<_> = dates
            .chunks(chunk)
            .map(|stretch| scope.spawn(|| stretch_figures(journal, &counting, stretch)))
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err("a reader thread failed".into()))
            })
            .collect()
    });
    let mut days = Vec::with_capacity(dates.len());
    let mut files = 0;
    for part in parts {
        let (mut d, n) = part?;
        days.append(&mut d);
        files += n;
    }
    Ok((days, files))
}

/// The figures of consecutive `dates`, and how many of them had a file. Each day is dropped once
/// counted, so its memory is reused for the next (fewer fresh pages than holding them all).
fn stretch_figures(
    journal: &Journal,
    counting: &Counting,
    dates: &[NaiveDate],
) -> Result<PeriodFigures, String> {
    let Counting {
        cap,
        settings,
        life,
        zone,
    } = counting;
    let now = &life.now;
    let mut days = Vec::with_capacity(dates.len());
    let mut files = 0;
    for &date in dates {
        let mut day = journal
            .load_existing(date)
            .transpose()
            .map_err(|e| e.to_string())?;
        files += usize::from(day.is_some());
        if let Some(day) = day.as_mut().filter(|d| d.timer.is_some()) {
            // A focus started from the command line and never stopped counts until its round
            // ended, as the dashboard would have closed it, not until now.
            timer::advance(day, *now, settings);
        }
        // An open session counts up to its last sign of life (the rule of `domain::open`).
        let counted = day.as_ref().map(|d| open::counted(d, life));
        days.push((
            date,
            day_figures(date, counted.as_deref(), cap, *zone, *now),
        ));
    }
    Ok((days, files))
}

/// How a period's days are counted.
struct Counting<'a> {
    cap: Capacity,
    settings: TimerSettings,
    life: Liveness,
    zone: &'a Zone,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unreadable_day_in_the_period_is_named() {
        let tmp = tempfile::tempdir().unwrap();
        let journal = Journal::new(tmp.path());
        let date = NaiveDate::from_ymd_opt(2026, 11, 3).unwrap();
        let path = journal.day_path(date);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, "schema = 1\n[[block]\n").unwrap();
        let now = DateTime::parse_from_rfc3339("2026-11-26T12:00:00+01:00").unwrap();
        let first = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
        let err = period_figures(
            &journal,
            &Config::defaults(),
            first,
            first + chrono::Duration::days(29),
            now,
            &Zone::Fixed(*now.offset()),
        )
        .unwrap_err();
        assert!(err.contains("2026-11-03.toml:2:"), "{err}");
    }
}
