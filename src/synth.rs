//! A deterministic generator of realistic journal days, for benchmarks, demos and tests.

use crate::domain::{Block, BlockKind, Category, Day, Decision, Review, Session, SessionKind};
use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, NaiveTime, TimeZone, Weekday};

const ACCOUNTS: [&str; 6] = ["ACME", "Globex", "Initech", "Umbrella", "Hooli", "Stark"];
const OBJECTIVES: [&str; 3] = ["New logos Q4", "Grow ACME", "Renewals"];

/// Days from `end - days + 1` to `end`; weekends only rarely hold work. Same seed, same days.
pub fn generate(seed: u64, end: NaiveDate, days: u32, offset: FixedOffset) -> Vec<Day> {
    let mut rng = fastrand::Rng::with_seed(seed);
    let first = end - Duration::days(i64::from(days.saturating_sub(1)));
    first
        .iter_days()
        .take(days as usize)
        .filter_map(|date| {
            let weekend = matches!(date.weekday(), Weekday::Sat | Weekday::Sun);
            if weekend && rng.u8(..100) >= 3 {
                return None;
            }
            Some(working_day(&mut rng, date, offset))
        })
        .collect()
}

const fn hm(h: u32, m: u32) -> NaiveTime {
    match NaiveTime::from_hms_opt(h, m, 0) {
        Some(t) => t,
        None => NaiveTime::MIN,
    }
}

/// Which objective a planned block works towards.
#[derive(Clone, Copy)]
enum Serves {
    Nothing,
    Objective(&'static str),
    /// The day's proposal: for an account and objective drawn each day.
    Proposal,
}

/// One block of every generated working day.
struct PlannedBlock {
    start: NaiveTime,
    end: NaiveTime,
    category: Category,
    title: &'static str,
    kind: BlockKind,
    serves: Serves,
}

const DAY_PLAN: [PlannedBlock; 7] = [
    PlannedBlock {
        start: hm(8, 30),
        end: hm(10, 0),
        category: Category::Proactive,
        title: "Prospecting calls",
        kind: BlockKind::Work,
        serves: Serves::Objective(OBJECTIVES[0]),
    },
    PlannedBlock {
        start: hm(10, 0),
        end: hm(10, 30),
        category: Category::Reactive,
        title: "Inbox slot",
        kind: BlockKind::Inbox,
        serves: Serves::Nothing,
    },
    PlannedBlock {
        start: hm(10, 30),
        end: hm(12, 0),
        category: Category::Proactive,
        title: "Proposal",
        kind: BlockKind::Work,
        serves: Serves::Proposal,
    },
    PlannedBlock {
        start: hm(13, 0),
        end: hm(14, 0),
        category: Category::Other,
        title: "Team meeting",
        kind: BlockKind::Work,
        serves: Serves::Nothing,
    },
    PlannedBlock {
        start: hm(14, 0),
        end: hm(16, 30),
        category: Category::Reactive,
        title: "Customer requests (buffer)",
        kind: BlockKind::Work,
        serves: Serves::Nothing,
    },
    PlannedBlock {
        start: hm(16, 30),
        end: hm(16, 45),
        category: Category::Reactive,
        title: "Inbox slot",
        kind: BlockKind::Inbox,
        serves: Serves::Nothing,
    },
    PlannedBlock {
        start: hm(16, 45),
        end: hm(17, 0),
        category: Category::Other,
        title: "Review the day",
        kind: BlockKind::Review,
        serves: Serves::Nothing,
    },
];

/// The account and objective of the day's proposal block.
struct Proposal {
    account: &'static str,
    objective: &'static str,
}

impl Proposal {
    fn draw(rng: &mut fastrand::Rng) -> Proposal {
        // Account first: the draws' order decides what a seed generates.
        let account = ACCOUNTS[rng.usize(..ACCOUNTS.len())];
        let objective = OBJECTIVES[rng.usize(1..3)];
        Proposal { account, objective }
    }
}

impl PlannedBlock {
    /// This block as planned on a day, with the id `id`.
    fn block(&self, id: String, proposal: &Proposal) -> Block {
        let (account, objective) = match self.serves {
            Serves::Nothing => (None, None),
            Serves::Objective(objective) => (None, Some(objective)),
            Serves::Proposal => (Some(proposal.account), Some(proposal.objective)),
        };
        Block {
            id,
            start: self.start,
            end: self.end,
            category: self.category,
            title: self.title.into(),
            kind: self.kind,
            account: account.map(str::to_string),
            objective: objective.map(str::to_string),
            source: None,
        }
    }
}

fn working_day(rng: &mut fastrand::Rng, date: NaiveDate, offset: FixedOffset) -> Day {
    let mut day = Day::new(date);
    if rng.u8(..100) < 4 {
        day.off = Some(if rng.bool() { "holiday" } else { "leave" }.into());
        return day;
    }
    let proposal = Proposal::draw(rng);
    for (i, planned) in DAY_PLAN.iter().enumerate() {
        let id = format!("b{}", i + 1);
        day.blocks.push(planned.block(id.clone(), &proposal));
        track_block(rng, &mut day, &id, date, offset);
    }
    day.review = drawn_review(rng);
    day
}

/// Most days end reviewed, with a drawn verdict.
fn drawn_review(rng: &mut fastrand::Rng) -> Option<Review> {
    (rng.u8(..100) < 80).then(|| Review {
        decided: Some([Decision::Yes, Decision::Partly, Decision::No][rng.usize(..3)]),
        note: String::new(),
        tomorrow: "Prospecting calls".into(),
    })
}

/// Sessions for one block: most of it worked, sometimes cut short or broken by a customer.
fn track_block(
    rng: &mut fastrand::Rng,
    day: &mut Day,
    block_id: &str,
    date: NaiveDate,
    offset: FixedOffset,
) {
    let Some(block) = day.blocks.iter().find(|b| b.id == block_id).cloned() else {
        return;
    };
    let at = |t: NaiveTime| -> DateTime<FixedOffset> {
        offset
            .from_local_datetime(&date.and_time(t))
            .single()
            .unwrap_or_else(|| date.and_time(t).and_utc().fixed_offset())
    };
    // Sessions stay inside their block, so no two ever overlap.
    let late = rng.i64(0..6).min(block.minutes() / 2);
    let start = at(block.start) + Duration::minutes(late);
    let worked = (block.minutes() - late) * rng.i64(50..=100) / 100;
    let end = start + Duration::minutes(worked.max(1));
    let block_end = at(block.end);
    let kind = match block.kind {
        BlockKind::Inbox => SessionKind::Inbox,
        _ => SessionKind::Focus,
    };
    let session_id = day.next_id("s");
    day.sessions.push(Session {
        id: session_id,
        start,
        end: Some(end),
        category: block.category,
        kind,
        title: Some(block.title.clone()),
        block: Some(block.id.clone()),
        account: block.account.clone(),
        note: None,
        source: None,
    });
    if block.category == Category::Proactive && rng.u8(..100) < 45 && end < block_end {
        let who = ACCOUNTS[rng.usize(..ACCOUNTS.len())];
        let interruption_start = end;
        let id = day.next_id("s");
        day.sessions.push(Session {
            id,
            start: interruption_start,
            end: Some((interruption_start + Duration::minutes(rng.i64(5..40))).min(block_end)),
            category: Category::Reactive,
            kind: SessionKind::Interruption,
            title: Some(format!("{who} call")),
            block: Some(block.id),
            account: Some(who.into()),
            note: None,
            source: None,
        });
    }
}

/// Objectives for the demo's config, so every panel has something to show.
const DEMO_CONFIG: &str = "[[objectives]]\nname = \"New logos Q4\"\nweekly_hours = 6\n\n[[objectives]]\nname = \"Grow ACME\"\nweekly_hours = 3\n\n[[objectives]]\nname = \"Renewals\"\nweekly_hours = 2\n";

/// Fills `paths` with a demo: the last 60 days tracked and reviewed, today planned but not yet
/// tracked, and a config naming the demo's objectives.
/// What reps park in the demo, a few a day.
const DEMO_MAILS: [&str; 6] = [
    "reply Anna re pricing",
    "ACME invoice question",
    "forward contract to legal",
    "Globex meeting request",
    "newsletter unsubscribe",
    "Stark: send the case study",
];

/// Parks two to four mails in the morning; on a past day the inbox slot handled them.
fn park_demo_mails(day: &mut Day, offset: FixedOffset, handled: bool) {
    use crate::domain::inbox::{ParkedState, park, triage};
    let date = day.date;
    let at = |h: u32, m: u32| {
        offset
            .from_local_datetime(&date.and_hms_opt(h, m, 0).unwrap_or_default())
            .single()
    };
    let count = 2 + day.date.ordinal() as usize % 3;
    let outcomes = [
        ParkedState::Replied,
        ParkedState::Template,
        ParkedState::Delegated,
        ParkedState::Dropped,
    ];
    for i in 0..count {
        let text = DEMO_MAILS[(day.date.ordinal() as usize + i) % DEMO_MAILS.len()];
        let (Some(added), Some(done)) = (at(9, 10 * i as u32), at(11, 5 * i as u32)) else {
            continue;
        };
        let Ok(item) = park(day, text, added) else {
            continue;
        };
        if handled {
            let handled = triage(&item, outcomes[i % outcomes.len()], done, None);
            if let Some(last) = day.parked.last_mut() {
                *last = handled;
            }
        }
    }
}

pub fn write_demo(paths: &crate::paths::Paths, now: DateTime<FixedOffset>) -> Result<(), String> {
    let today = now.date_naive();
    let yesterday = today.pred_opt().unwrap_or(today);
    let journal = crate::journal::Journal::new(paths.journal_dir());
    let mut days = generate(42, yesterday, 60, *now.offset());
    for day in days.iter_mut().filter(|d| !d.blocks.is_empty()) {
        park_demo_mails(day, *now.offset(), true);
    }
    if let Some(mut plan) = generate(43, today, 1, *now.offset()).pop() {
        plan.sessions.clear();
        plan.review = None;
        park_demo_mails(&mut plan, *now.offset(), false);
        days.push(plan);
    }
    for day in days {
        journal
            .update(day.date, |d| {
                *d = day.clone();
                Ok(())
            })
            .map_err(|e| e.to_string())?;
    }
    std::fs::write(&paths.config_file, DEMO_CONFIG)
        .map_err(|e| format!("could not write the demo config: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn offset() -> FixedOffset {
        FixedOffset::east_opt(3600).unwrap()
    }

    #[test]
    fn the_demo_fills_a_temporary_folder_and_its_config_is_valid() {
        let tmp = tempfile::tempdir().unwrap();
        let paths = crate::paths::Paths {
            data_dir: tmp.path().to_path_buf(),
            config_file: tmp.path().join("config.toml"),
            config_explicit: true,
        };
        let now = DateTime::parse_from_rfc3339("2026-11-26T10:00:00+01:00").unwrap();
        write_demo(&paths, now).unwrap();
        let config = crate::config::Config::load(&paths.config_file, true).unwrap();
        assert_eq!(config.objectives.len(), 3);
        let journal = crate::journal::Journal::new(paths.journal_dir());
        let today = journal.load(now.date_naive()).unwrap();
        assert!(today.sessions.is_empty() && (!today.blocks.is_empty() || today.off.is_some()));
        // The Inbox tab has mails waiting today, and earlier days handled theirs.
        assert!(today.blocks.is_empty() || today.parked.iter().all(|p| p.state.is_waiting()));
        let yesterday = now.date_naive() - Duration::days(1);
        let earlier = journal.load(yesterday).unwrap();
        assert!(earlier.blocks.is_empty() || earlier.parked.iter().all(|p| !p.state.is_waiting()));
        let handled: usize = journal
            .days_in(now.date_naive() - Duration::days(30), yesterday)
            .into_iter()
            .filter_map(|(_, d)| d.ok())
            .map(|d| d.parked.len())
            .sum();
        assert!(handled > 20, "{handled}");
        assert!(
            journal
                .days_in(now.date_naive() - Duration::days(60), now.date_naive())
                .len()
                > 40
        );
    }

    #[test]
    fn same_seed_same_days_other_seed_other_days() {
        let end = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        let a = generate(7, end, 60, offset());
        assert_eq!(a, generate(7, end, 60, offset()));
        assert_ne!(a, generate(8, end, 60, offset()));
    }

    #[test]
    fn days_are_realistic() {
        let end = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        let days = generate(1, end, 365, offset());
        assert!(days.len() > 240 && days.len() < 300, "{}", days.len());
        let working: Vec<&Day> = days.iter().filter(|d| d.off.is_none()).collect();
        assert!(
            working
                .iter()
                .all(|d| d.blocks.len() == 7 && d.sessions.len() >= 7)
        );
        assert!(working.iter().any(|d| {
            d.sessions
                .iter()
                .any(|s| s.kind == SessionKind::Interruption)
        }));
        assert!(days.iter().any(|d| d.off.is_some()));
        assert!(days.iter().all(|d| {
            d.sessions
                .iter()
                .all(|s| s.end.is_some_and(|e| e > s.start))
        }));
    }
}
