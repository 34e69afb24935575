//! Correcting tracked time: change a session's fields, split one in two, join two into one. Each
//! is a `DayEdit` with its inverse (undo restores the exact day), merged field by field onto the
//! newest version of the day, so another pane's change is kept or, when it touched the same
//! field, the correction is refused with why.

use super::day::{Day, Session};
use chrono::{DateTime, Duration, FixedOffset};

/// What a session was, for a list: `Prospecting · ACME · "called back" [b1]` (the account and
/// note only where they say more than the title).
pub fn details(s: &Session) -> String {
    let mut text = s.title.clone().unwrap_or_default();
    let differs = |v: &&String| Some(*v) != s.title.as_ref();
    if let Some(account) = s.account.as_ref().filter(differs) {
        text.push_str(&format!(" · {account}"));
    }
    if let Some(note) = s.note.as_ref().filter(differs) {
        text.push_str(&format!(" · \"{note}\""));
    }
    if let Some(block) = &s.block {
        text.push_str(&format!(" [{block}]"));
    }
    text
}

/// The longest a session can be: a day.
const MAX_HOURS: i64 = 24;

/// Refuses a session that cannot be: an end before its start, longer than a day, or ending (or,
/// while it runs, starting) in the future.
pub fn check(session: &Session, now: DateTime<FixedOffset>) -> Result<(), String> {
    let hm = |t: DateTime<FixedOffset>| t.format("%H:%M").to_string();
    match session.end {
        Some(end) if end <= session.start => Err(format!(
            "the end {} is not after the start {}: give an end later than the start",
            hm(end),
            hm(session.start)
        )),
        Some(end) if end - session.start > Duration::hours(MAX_HOURS) => Err(format!(
            "{}–{} is more than a day: split it across the days it ran on",
            hm(session.start),
            hm(end)
        )),
        Some(end) if end > now => Err(format!(
            "the end {} has not come yet: a session ends at the latest now",
            hm(end)
        )),
        None if session.start > now => Err(format!(
            "the start {} has not come yet: a running session began before now",
            hm(session.start)
        )),
        _ => Ok(()),
    }
}

/// Sets on the newest version of session `after.id` the fields that differ between `before` and
/// `after`; the inverse sets them back. Moving a running focus session's start moves the timer's
/// phase start with it, so the countdown follows.
pub fn replace(
    day: &mut Day,
    before: &Session,
    after: Session,
) -> Result<(Session, Session), String> {
    let slot = day
        .sessions
        .iter()
        .position(|s| s.id == after.id)
        .ok_or("that session is gone (changed in another window?)")?;
    let newest = day.sessions[slot].clone();
    let merged = super::merge::session(&newest, before, &after)?;
    if newest.end.is_none() && merged.end.is_some() {
        refuse_while_running(day, &newest.id, "correct its end")?;
    }
    if let Some(end) = merged.end
        && end <= merged.start
    {
        return Err(
            "the end would not be after the start: give an end later than the start".into(),
        );
    }
    follow_with_timer(day, &newest, &merged);
    day.sessions[slot] = merged.clone();
    Ok((merged, newest))
}

/// The timer's running session is ended by the timer alone: a correction that ended or deleted
/// it would leave the timer counting down a session that is no longer there.
pub fn refuse_while_running(day: &Day, id: &str, then: &str) -> Result<(), String> {
    let runs = day.sessions.iter().any(|s| s.id == id && s.end.is_none());
    match runs && day.timer.is_some() {
        true => Err(format!(
            "{id} is running: stop it first (s, or `protime stop`), then {then}"
        )),
        false => Ok(()),
    }
}

/// "I began 10 minutes ago": a running focus session's new start moves the timer's phase start.
fn follow_with_timer(day: &mut Day, old: &Session, new: &Session) {
    let moved = new.start - old.start;
    if old.end.is_some() || new.end.is_some() || moved.is_zero() {
        return;
    }
    if let Some(timer) = day.timer.as_mut()
        && let Some(since) = timer.since
        && since == old.start
    {
        timer.since = Some(since + moved);
    }
}

/// Splits session `id` at `at` into two: the first keeps its id, the second gets `new_id` (or a
/// fresh one). Returns the second's id.
pub fn split(
    day: &mut Day,
    id: &str,
    at: DateTime<FixedOffset>,
    new_id: Option<String>,
) -> Result<String, String> {
    let slot = day
        .sessions
        .iter()
        .position(|s| s.id == id)
        .ok_or_else(|| format!("there is no session {id} on this day: see `protime sessions`"))?;
    let first = &day.sessions[slot];
    let inside = first.start < at && first.end.is_none_or(|end| at < end);
    if !inside {
        return Err(format!(
            "{} is not inside {id}: split it at a time between its start and end",
            at.format("%H:%M")
        ));
    }
    let second_id = new_id.unwrap_or_else(|| day.next_id("s"));
    let mut second = first.clone();
    second.id = second_id.clone();
    second.start = at;
    let first = &mut day.sessions[slot];
    first.end = Some(at);
    day.sessions.insert(slot + 1, second);
    Ok(second_id)
}

/// Joins `second` into `first`: `first` runs on to `second`'s end, `second` goes. Returns the
/// instant they met and `second` as it was (for the inverse).
pub fn join(
    day: &mut Day,
    first: &str,
    second: &str,
) -> Result<(DateTime<FixedOffset>, Session), String> {
    let find = |id: &str| {
        day.sessions
            .iter()
            .position(|s| s.id == id)
            .ok_or_else(|| format!("there is no session {id} on this day: see `protime sessions`"))
    };
    let (a, b) = (find(first)?, find(second)?);
    let (one, two) = (&day.sessions[a], &day.sessions[b]);
    let Some(first_end) = one.end else {
        return Err(format!(
            "{first} is still running: join it once it has ended"
        ));
    };
    if a == b {
        return Err("join two different sessions".into());
    }
    if two.start < one.start {
        return Err(format!(
            "{second} starts before {first}: join them the other way round (`protime join {second} {first}`)"
        ));
    }
    if let Some(between) = other_category_between(day, (a, b), first_end) {
        return Err(between);
    }
    let met = first_end.min(two.start).max(one.start);
    let removed = day.sessions.remove(b);
    let a = if b < a { a - 1 } else { a };
    // The joined session covers both: it ends at the later end (or runs on with the second).
    day.sessions[a].end = removed.end.map(|end| end.max(first_end));
    day.retire_id(&removed.id);
    Ok((met, removed))
}

/// A session of another category in the gap a join of sessions `a` and `b` would fill: joined,
/// its time would silently count as the first's category, so the join is refused, naming it.
fn other_category_between(
    day: &Day,
    (a, b): (usize, usize),
    first_end: DateTime<FixedOffset>,
) -> Option<String> {
    let (one, two) = (&day.sessions[a], &day.sessions[b]);
    let gap_end = two.start;
    let inside = day.sessions.iter().enumerate().find(|(i, s)| {
        *i != a
            && *i != b
            && s.category != one.category
            && s.start < gap_end
            && s.end.is_none_or(|end| end > first_end)
    })?;
    let s = inside.1;
    let end = s
        .end
        .map_or("now".to_string(), |e| e.format("%H:%M").to_string());
    Some(format!(
        "{} ({}–{end}, {}) lies between {} and {}: joined, its time would count as {}. \
         Edit or delete {} first",
        s.id,
        s.start.format("%H:%M"),
        s.category,
        one.id,
        two.id,
        one.category,
        s.id
    ))
}

#[cfg(test)]
#[path = "correct_test.rs"]
mod tests;
