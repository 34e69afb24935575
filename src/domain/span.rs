//! Pure time arithmetic on a day: its bounds, clipping sessions to it, totals, overlaps.

use super::category::Category;
use super::day::{Block, Day, Session};
use chrono::{DateTime, Duration, FixedOffset, LocalResult, NaiveDate, NaiveTime, TimeZone};
use std::collections::{BTreeMap, HashMap};

/// A half-open stretch of absolute time `[start, end)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: DateTime<FixedOffset>,
    pub end: DateTime<FixedOffset>,
}

impl Span {
    pub fn seconds(&self) -> i64 {
        (self.end - self.start).num_seconds().max(0)
    }

    pub fn minutes(&self) -> i64 {
        (self.end - self.start).num_minutes().max(0)
    }

    /// The part of `self` inside `window`, if any.
    pub fn clip(&self, window: &Span) -> Option<Span> {
        let start = self.start.max(window.start);
        let end = self.end.min(window.end);
        (start < end).then_some(Span { start, end })
    }
}

/// Resolves a local wall-clock time on a date to an instant. A time skipped by a DST jump moves
/// forward to the first valid minute; a repeated one takes its first occurrence.
pub fn local_instant<Tz: TimeZone>(
    tz: &Tz,
    date: NaiveDate,
    time: NaiveTime,
) -> DateTime<FixedOffset> {
    let mut naive = date.and_time(time);
    for _ in 0..=180 {
        match tz.from_local_datetime(&naive) {
            LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => return t.fixed_offset(),
            LocalResult::None => naive += Duration::minutes(1),
        }
    }
    // No zone skips more than three hours; fall back to reading the time as UTC.
    date.and_time(time).and_utc().fixed_offset()
}

/// The day from local midnight to the next local midnight.
pub fn day_bounds<Tz: TimeZone>(tz: &Tz, date: NaiveDate) -> Span {
    let next = date.succ_opt().unwrap_or(date);
    Span {
        start: local_instant(tz, date, NaiveTime::MIN),
        end: local_instant(tz, next, NaiveTime::MIN),
    }
}

/// A session as a span; a running session counts until `now`.
pub fn session_span(session: &Session, now: DateTime<FixedOffset>) -> Span {
    let end = session.end.unwrap_or(now).max(session.start);
    Span {
        start: session.start,
        end,
    }
}

/// A planned block as absolute time on its day.
pub fn block_span<Tz: TimeZone>(tz: &Tz, date: NaiveDate, block: &Block) -> Span {
    Span {
        start: local_instant(tz, date, block.start),
        end: local_instant(tz, date, block.end),
    }
}

/// The one rule for overlapping sessions: each second of `window` belongs to one session at
/// most, the one that began last (the one that broke in: a pass-on inside a focus round, a
/// hand-logged entry over a timed one). Returns those disjoint pieces in time order.
pub fn owned_pieces<'s>(
    sessions: &'s [Session],
    window: &Span,
    now: DateTime<FixedOffset>,
) -> Vec<(Span, &'s Session)> {
    let parts: Vec<(Span, &Session)> = sessions
        .iter()
        .filter_map(|s| session_span(s, now).clip(window).map(|p| (p, s)))
        .collect();
    let mut edges: Vec<DateTime<FixedOffset>> =
        parts.iter().flat_map(|(p, _)| [p.start, p.end]).collect();
    edges.sort();
    edges.dedup();
    edges
        .windows(2)
        .filter_map(|pair| {
            let (a, b) = (pair[0], pair[1]);
            parts
                .iter()
                .filter(|(p, _)| p.start <= a && b <= p.end)
                .max_by_key(|(p, _)| p.start)
                .map(|(_, s)| (Span { start: a, end: b }, *s))
        })
        .collect()
}

/// Tracked minutes per category, each session clipped to `window`, every second counted once
/// ([`owned_pieces`]).
pub fn tracked_minutes(
    sessions: &[Session],
    window: &Span,
    now: DateTime<FixedOffset>,
) -> BTreeMap<Category, i64> {
    let mut seconds: BTreeMap<Category, i64> = Category::ALL.iter().map(|c| (*c, 0)).collect();
    for (piece, session) in owned_pieces(sessions, window, now) {
        *seconds.entry(session.category).or_default() += piece.seconds();
    }
    seconds.into_iter().map(|(c, s)| (c, s / 60)).collect()
}

/// The one rule for overlapping blocks: planned time is counted over their union, and a minute
/// two blocks share belongs to the one that starts later (the block set inside another). Returns
/// each block's own minutes, by id; blocks that overlap nothing keep their whole length.
pub fn planned_by_block(blocks: &[Block]) -> HashMap<String, i64> {
    let mut edges: Vec<NaiveTime> = blocks.iter().flat_map(|b| [b.start, b.end]).collect();
    edges.sort();
    edges.dedup();
    let mut owned: HashMap<String, i64> = blocks.iter().map(|b| (b.id.clone(), 0)).collect();
    for pair in edges.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let owner = blocks
            .iter()
            .filter(|x| x.start <= a && b <= x.end)
            .max_by_key(|x| x.start);
        if let Some(owner) = owner {
            *owned.entry(owner.id.clone()).or_default() += (b - a).num_minutes();
        }
    }
    owned
}

/// Planned minutes per category, over the union of the blocks ([`planned_by_block`]).
pub fn planned_minutes(day: &Day) -> BTreeMap<Category, i64> {
    let owned = planned_by_block(&day.blocks);
    let mut totals: BTreeMap<Category, i64> = Category::ALL.iter().map(|c| (*c, 0)).collect();
    for b in &day.blocks {
        *totals.entry(b.category).or_default() += owned.get(&b.id).copied().unwrap_or(0);
    }
    totals
}

/// Pairs of block ids whose planned times overlap, in start order.
pub fn overlapping_blocks(blocks: &[Block]) -> Vec<(String, String)> {
    let mut sorted: Vec<&Block> = blocks.iter().collect();
    sorted.sort_by_key(|b| (b.start, b.end));
    let mut pairs = vec![];
    for (i, a) in sorted.iter().enumerate() {
        for b in &sorted[i + 1..] {
            if b.start >= a.end {
                break;
            }
            if a.start < b.end {
                pairs.push((a.id.clone(), b.id.clone()));
            }
        }
    }
    pairs
}

/// Pairs of session ids whose tracked times overlap.
pub fn overlapping_sessions(
    sessions: &[Session],
    now: DateTime<FixedOffset>,
) -> Vec<(String, String)> {
    let mut spans: Vec<(Span, &str)> = sessions
        .iter()
        .map(|s| (session_span(s, now), s.id.as_str()))
        .collect();
    spans.sort_by_key(|(s, _)| (s.start, s.end));
    let mut pairs = vec![];
    for (i, (a, a_id)) in spans.iter().enumerate() {
        for (b, b_id) in &spans[i + 1..] {
            if b.start >= a.end {
                break;
            }
            pairs.push((a_id.to_string(), b_id.to_string()));
        }
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::category::SessionKind;
    use crate::domain::test_support::{self, hm};

    fn ts(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).unwrap()
    }

    fn session(id: &str, start: &str, end: Option<&str>, category: Category) -> Session {
        test_support::session(id, ts(start), end.map(ts), category, SessionKind::Focus)
    }

    fn block(id: &str, start: NaiveTime, end: NaiveTime) -> Block {
        test_support::block(id, start, end, Category::Proactive)
    }

    #[test]
    fn session_across_midnight_is_split_between_days() {
        let tz = FixedOffset::east_opt(3600).unwrap();
        let s = session(
            "s1",
            "2026-11-26T23:00:00+01:00",
            Some("2026-11-27T01:30:00+01:00"),
            Category::Reactive,
        );
        let now = ts("2026-11-28T00:00:00+01:00");
        let day1 = day_bounds(&tz, NaiveDate::from_ymd_opt(2026, 11, 26).unwrap());
        let day2 = day_bounds(&tz, NaiveDate::from_ymd_opt(2026, 11, 27).unwrap());
        assert_eq!(
            tracked_minutes(std::slice::from_ref(&s), &day1, now)[&Category::Reactive],
            60
        );
        assert_eq!(tracked_minutes(&[s], &day2, now)[&Category::Reactive], 90);
    }

    #[test]
    fn open_session_counts_until_now() {
        let tz = FixedOffset::east_opt(0).unwrap();
        let s = session("s1", "2026-11-26T09:00:00+00:00", None, Category::Proactive);
        let window = day_bounds(&tz, NaiveDate::from_ymd_opt(2026, 11, 26).unwrap());
        let now = ts("2026-11-26T09:42:00+00:00");
        assert_eq!(
            tracked_minutes(&[s], &window, now)[&Category::Proactive],
            42
        );
    }

    #[test]
    fn dst_day_bounds_have_the_real_length() {
        // A zone that springs forward an hour: 23 h between midnights.
        #[derive(Clone)]
        struct Spring;
        impl TimeZone for Spring {
            type Offset = FixedOffset;
            fn from_offset(_: &FixedOffset) -> Self {
                Spring
            }
            fn offset_from_local_date(&self, _: &NaiveDate) -> LocalResult<FixedOffset> {
                unimplemented!()
            }
            fn offset_from_local_datetime(
                &self,
                l: &chrono::NaiveDateTime,
            ) -> LocalResult<FixedOffset> {
                let switch = NaiveDate::from_ymd_opt(2026, 3, 29)
                    .unwrap()
                    .and_hms_opt(2, 0, 0)
                    .unwrap();
                if *l < switch {
                    LocalResult::Single(FixedOffset::east_opt(3600).unwrap())
                } else if *l < switch + Duration::hours(1) {
                    LocalResult::None
                } else {
                    LocalResult::Single(FixedOffset::east_opt(7200).unwrap())
                }
            }
            fn offset_from_utc_date(&self, _: &NaiveDate) -> FixedOffset {
                unimplemented!()
            }
            fn offset_from_utc_datetime(&self, _: &chrono::NaiveDateTime) -> FixedOffset {
                unimplemented!()
            }
        }
        let span = day_bounds(&Spring, NaiveDate::from_ymd_opt(2026, 3, 29).unwrap());
        assert_eq!(span.minutes(), 23 * 60);
        let skipped = local_instant(
            &Spring,
            NaiveDate::from_ymd_opt(2026, 3, 29).unwrap(),
            hm(2, 30),
        );
        assert_eq!(skipped.to_rfc3339(), "2026-03-29T03:00:00+02:00");
    }

    #[test]
    fn overlapping_blocks_are_paired_and_touching_ones_are_not() {
        let blocks = vec![
            block("a", hm(9, 0), hm(10, 0)),
            block("b", hm(10, 0), hm(11, 0)),
            block("c", hm(10, 30), hm(12, 0)),
            block("d", hm(8, 0), hm(13, 0)),
        ];
        let pairs = overlapping_blocks(&blocks);
        let expect: Vec<(String, String)> = [("d", "a"), ("d", "b"), ("d", "c"), ("b", "c")]
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        assert_eq!(pairs, expect);
    }

    #[test]
    fn overlapping_sessions_found_including_open_one() {
        let now = ts("2026-11-26T12:00:00+00:00");
        let sessions = vec![
            session(
                "s1",
                "2026-11-26T09:00:00+00:00",
                Some("2026-11-26T10:00:00+00:00"),
                Category::Proactive,
            ),
            session("s2", "2026-11-26T09:30:00+00:00", None, Category::Reactive),
            session(
                "s3",
                "2026-11-26T13:00:00+00:00",
                Some("2026-11-26T14:00:00+00:00"),
                Category::Other,
            ),
        ];
        assert_eq!(
            overlapping_sessions(&sessions, now),
            vec![("s1".to_string(), "s2".to_string())]
        );
    }

    #[test]
    fn planned_minutes_sum_per_category() {
        let mut day = Day::new(NaiveDate::from_ymd_opt(2026, 11, 26).unwrap());
        day.blocks.push(block("a", hm(9, 0), hm(10, 30)));
        let mut re = block("b", hm(14, 0), hm(15, 0));
        re.category = Category::Reactive;
        day.blocks.push(re);
        let totals = planned_minutes(&day);
        assert_eq!(totals[&Category::Proactive], 90);
        assert_eq!(totals[&Category::Reactive], 60);
        assert_eq!(totals[&Category::Other], 0);
    }
}

#[cfg(test)]
mod overlap_tests {
    use super::*;
    use crate::domain::category::SessionKind;

    fn s(start: &str, end: &str, category: Category) -> Session {
        let at =
            |t: &str| DateTime::parse_from_rfc3339(&format!("2026-11-26T{t}:00+01:00")).unwrap();
        Session {
            id: start.into(),
            start: at(start),
            end: Some(at(end)),
            category,
            kind: SessionKind::Focus,
            title: None,
            block: None,
            account: None,
            note: None,
            source: None,
        }
    }

    #[test]
    fn overlapping_sessions_are_never_counted_twice() {
        let tz = FixedOffset::east_opt(3600).unwrap();
        let window = day_bounds(&tz, NaiveDate::from_ymd_opt(2026, 11, 26).unwrap());
        let now = DateTime::parse_from_rfc3339("2026-11-26T20:00:00+01:00").unwrap();
        let sessions = vec![
            s("09:00", "10:00", Category::Proactive),
            s("09:20", "09:21", Category::Reactive),
            s("09:30", "10:30", Category::Other),
            s("09:30", "10:30", Category::Other),
        ];
        let totals = tracked_minutes(&sessions, &window, now);
        assert_eq!(totals[&Category::Proactive], 29);
        assert_eq!(totals[&Category::Reactive], 1);
        assert_eq!(totals[&Category::Other], 60);
        assert_eq!(totals.values().sum::<i64>(), 90);
    }
}
