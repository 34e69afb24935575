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
        since: config.workday.since(),
        holidays: config.workday.holiday_dates(),
    }
}

/// The capacity rules of the config, counting from `[workday] tracking_since` or, without it,
/// from the journal's first day (today when the journal has none yet): what the Month tab,
/// `report` and the review streak count with.
pub fn counted_capacity(journal: &Journal, config: &Config, today: NaiveDate) -> Capacity {
    counting_from(capacity(config), journal.first_day(), None, today)
}

/// `cap` counting from its `since` (`[workday] tracking_since`) or, without one, from the
/// journal's first day: the earlier of `journal_first` and `written`, the first day an import
/// writes (so its baseline counts as `report` will once it is written); today without either.
pub fn counting_from(
    mut cap: Capacity,
    journal_first: Option<NaiveDate>,
    written: Option<NaiveDate>,
    today: NaiveDate,
) -> Capacity {
    if cap.since.is_none() {
        let first = journal_first.into_iter().chain(written).min();
        cap.since = Some(first.map_or(today, |first| first.min(today)));
    }
    cap
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
        cap: counted_capacity(journal, config, now.with_timezone(zone).date_naive()),
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

#[cfg(test)]
mod fair_tests {
    use super::*;
    use crate::domain::Category;
    use crate::domain::report::total;

    fn date(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap()
    }

    fn journal_from(first: NaiveDate) -> (tempfile::TempDir, Journal) {
        let tmp = tempfile::tempdir().unwrap();
        let journal = Journal::new(tmp.path());
        journal.update(first, |_| Ok(())).unwrap();
        journal
            .update(first, |d| {
                d.blocks.clear();
                Ok(())
            })
            .unwrap();
        (tmp, journal)
    }

    fn month(journal: &Journal, config: &Config, first: NaiveDate, now: &str) -> Figures {
        let now = DateTime::parse_from_rfc3339(now).unwrap();
        let last = crate::tui::tabs::month::last_of_month(first);
        let zone = Zone::Fixed(*now.offset());
        total(
            &period_figures(journal, config, first, last, now, &zone)
                .unwrap()
                .0,
        )
    }

    /// Issue #20, case 1: a rep who started on Wednesday 18 November is not scolded for the
    /// fortnight before: only the 18th, the 19th and today so far count.
    #[test]
    fn a_first_week_counts_from_the_journals_first_day() {
        let (_tmp, journal) = journal_from(date(11, 18));
        std::fs::write(
            journal.day_path(date(11, 18)),
            "schema = 1\ndate = \"2026-11-18\"\n",
        )
        .unwrap();
        let f = month(
            &journal,
            &Config::defaults(),
            date(11, 1),
            "2026-11-20T10:42:00+01:00",
        );
        // 8h + 8h + today's 132 of 510 minutes of 8h (2h04).
        assert_eq!(f.capacity, 480 + 480 + 480 * 132 / 510);
        assert_eq!(f.unlogged(), f.capacity);
        assert_eq!(f.decided[3], 3, "no review: the 18th, 19th and today");
        assert_eq!(f.days_before_start, 12);
        // The month before has no capacity at all.
        let october = month(
            &journal,
            &Config::defaults(),
            date(10, 1),
            "2026-11-20T10:42:00+01:00",
        );
        assert_eq!((october.capacity, october.decided[3]), (0, 0));
        assert_eq!(october.share(Category::Proactive), None);
    }

    #[test]
    fn tracking_since_overrides_the_journals_first_day() {
        let (_tmp, journal) = journal_from(date(11, 18));
        let config = Config::from_user_text(
            Some("[workday]\ntracking_since = \"2026-11-23\"\n"),
            "mine.toml",
        )
        .unwrap();
        let f = month(&journal, &config, date(11, 1), "2026-11-30T18:00:00+01:00");
        // 23–27 and 30: six working days.
        assert_eq!(f.capacity, 6 * 480);
        // An empty journal counts from today.
        let empty = tempfile::tempdir().unwrap();
        let cap = counted_capacity(
            &Journal::new(empty.path()),
            &Config::defaults(),
            date(11, 26),
        );
        assert_eq!(cap.since, Some(date(11, 26)));
    }

    /// Issue #20, case 1: Christmas in the config's holidays is no unlogged, unreviewed day.
    #[test]
    fn a_public_holiday_from_the_config_counts_nothing() {
        let (_tmp, journal) = journal_from(date(12, 1));
        let config =
            Config::from_user_text(Some("[workday]\nholidays = [\"12-25\"]\n"), "mine.toml")
                .unwrap();
        let with = month(&journal, &config, date(12, 1), "2027-01-05T12:00:00+01:00");
        let without = month(
            &journal,
            &Config::defaults(),
            date(12, 1),
            "2027-01-05T12:00:00+01:00",
        );
        assert_eq!(without.capacity - with.capacity, 480);
        assert_eq!(without.unlogged() - with.unlogged(), 480);
        assert_eq!(without.decided[3] - with.decided[3], 1);
        assert_eq!((with.days_off, without.days_off), (1, 0));
    }

    /// Issue #20: a public holiday nobody marked in its file no longer breaks the review streak.
    #[test]
    fn the_streak_skips_the_configs_holidays() {
        use crate::domain::{Decision, Review};
        let tmp = tempfile::tempdir().unwrap();
        let journal = Journal::new(tmp.path());
        for d in [20, 23, 25] {
            journal
                .update(date(11, d), |day| {
                    day.review = Some(Review {
                        decided: Some(Decision::Yes),
                        ..Review::default()
                    });
                    Ok(())
                })
                .unwrap();
        }
        let config =
            Config::from_user_text(Some("[workday]\nholidays = [\"11-24\"]\n"), "mine.toml")
                .unwrap();
        let today = date(11, 26);
        let history = crate::tui::tabs::review::review_history(&journal, &config, today, 90);
        assert_eq!(crate::domain::review::review_streak(&history, today), 3);
        // Before the journal's first day (the 20th) nothing is a working day.
        assert!(
            history
                .iter()
                .filter(|(d, ..)| *d < date(11, 20))
                .all(|(_, working, _)| !working)
        );
    }
}

#[path = "figures_months.rs"]
pub mod months;
