//! One sync: read both sides, bring the calendar's changes into the plan, then send the plan's
//! changes to the calendar. The state file is saved after each half and when the server stops
//! answering, so what reached either side is remembered.

use super::SyncError;
use super::address::Address;
use super::decide::{Keep, Step, Versions, decide};
use super::remote::{Failure, Server};
use super::sides::{self, Mine, Theirs};
use crate::config::Config;
use crate::domain::timefmt::format_hhmm;
use crate::import::job::checked_window;
use crate::import::meetings::PlanChange;
use crate::import::{Window, own};
use crate::journal::Journal;
use crate::journal::sync_state::SyncState;
use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use std::collections::{BTreeMap, BTreeSet};

/// What a sync is asked to do.
pub struct Request<'a> {
    pub journal: &'a Journal,
    pub config: &'a Config,
    pub now: DateTime<FixedOffset>,
    pub window: (NaiveDate, NaiveDate, crate::clock::Zone),
    pub password: String,
    /// A conflict to settle, by UID.
    pub keep: Option<(Keep, String)>,
    /// Told what the sync is doing, a line at a time.
    pub progress: &'a dyn Fn(&str),
}

/// One event both sides changed, left as it is on both: what the verb prints and the dashboard
/// lists.
pub use crate::sync_link::Conflict;

/// What a sync did.
#[derive(Debug, Default)]
pub struct Outcome {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// The calendar's meetings into the plan, and the rep's blocks the calendar moved.
    pub change: PlanChange,
    /// The rep's blocks whose events were deleted in the calendar.
    pub removed: usize,
    /// The rep's blocks that took the title their event has in the calendar.
    pub renamed: usize,
    pub created: usize,
    pub updated: usize,
    pub deleted: usize,
    pub conflicts: Vec<Conflict>,
    /// Events of the calendar that could not be read.
    pub problems: Vec<String>,
}

/// Everything one sync holds.
pub(super) struct Sync<'a> {
    pub(super) req: &'a Request<'a>,
    pub(super) address: Address,
    pub(super) window: Window,
    pub(super) id: String,
    pub(super) server: Server,
    pub(super) state: SyncState,
    pub(super) theirs: BTreeMap<String, Theirs>,
    pub(super) out: Outcome,
}

/// Runs one sync. On an error, what was done before it is kept and remembered.
pub fn sync(req: &Request<'_>) -> Result<Outcome, SyncError> {
    let caldav = &req.config.calendar.caldav;
    let address = Address::parse(&caldav.url).map_err(SyncError::Address)?;
    let (from, to, zone) = req.window;
    let window = checked_window(from, to, zone).map_err(SyncError::Journal)?;
    let journal = |e: crate::journal::JournalError| SyncError::Journal(e.to_string());
    let id = req.journal.ensure_id().map_err(journal)?;
    // Two syncs of one journal at once would each take the other's changes for the rep's.
    let _running = (req.journal.claim_sync().map_err(journal)?).ok_or(SyncError::Busy)?;
    let state = req.journal.sync_state(&address.url).map_err(journal)?;
    let server = Server::new(&address, &caldav.user, &req.password)
        .map_err(|f| fail(&address, &caldav.user, f, "connecting", String::new()))?;
    let mut run = Sync {
        req,
        address,
        window,
        id,
        server,
        state,
        theirs: BTreeMap::new(),
        out: Outcome {
            from: Some(from),
            to: Some(to),
            ..Outcome::default()
        },
    };
    let meetings = run.read_server()?;
    let pulled = run.pull(meetings);
    let saved = run.save();
    pulled?;
    saved?;
    let pushed = run.push();
    let saved = run.save();
    pushed?;
    saved?;
    Ok(run.out)
}

/// The error for a request that failed while `doing`.
fn fail(address: &Address, user: &str, f: Failure, doing: &'static str, done: String) -> SyncError {
    let url = address.url.clone();
    match f {
        Failure::Status(s) if s == 401 || s == 403 => SyncError::Refused {
            url,
            user: user.to_string(),
            status: s.as_u16(),
        },
        Failure::Status(s) if s == 404 && doing == READING => SyncError::NoCalendar { url },
        Failure::Status(s) => SyncError::Server {
            url,
            status: s.to_string(),
            doing,
            done,
        },
        Failure::Unreachable(detail) => SyncError::Unreachable { url, detail, done },
        Failure::Garbled(detail) => SyncError::Server {
            url,
            status: format!("something protime could not read ({detail})"),
            doing,
            done,
        },
    }
}

pub(super) const READING: &str = "reading the calendar";
pub(super) const SENDING: &str = "sending your blocks";

impl Sync<'_> {
    pub(super) fn failed(&self, f: Failure, doing: &'static str) -> SyncError {
        let done = match (
            self.out.created + self.out.updated + self.out.deleted,
            doing,
        ) {
            (_, READING) => "; nothing was changed".to_string(),
            (0, _) => "; the calendar's changes are in your plan".to_string(),
            (n, _) => format!(
                "; the calendar's changes are in your plan, and {n} of your changes reached the \
                 calendar (remembered)"
            ),
        };
        let user = &self.req.config.calendar.caldav.user;
        fail(&self.address, user, f, doing, done)
    }

    pub(super) fn save(&self) -> Result<(), SyncError> {
        self.req
            .journal
            .save_sync_state(&self.state)
            .map_err(|e| SyncError::Journal(e.to_string()))
    }

    pub(super) fn journal_error(&self, e: impl std::fmt::Display) -> SyncError {
        SyncError::Journal(format!(
            "{e}\nThe calendar was not changed: fix that, then run `protime sync` again."
        ))
    }

    /// Lists the window's events and fetches them with those the state knows that were not
    /// listed (moved out of the window, or deleted). Returns the meetings.
    fn read_server(&mut self) -> Result<crate::import::Parsed, SyncError> {
        (self.req.progress)(&format!("Reading {} …", self.address.url));
        let (start, end) = utc_range(&self.window);
        let listed = self
            .server
            .list(&start, &end)
            .map_err(|f| self.failed(f, READING))?;
        let mut hrefs: Vec<String> = listed.into_iter().map(|(href, _)| href).collect();
        for (uid, synced) in &self.state.events {
            if self.in_window(uid) && !hrefs.contains(&synced.href) {
                hrefs.push(synced.href.clone());
            }
        }
        let fetched = self
            .server
            .fetch(&hrefs)
            .map_err(|f| self.failed(f, READING))?;
        let me = &self.req.config.import.me;
        let server = sides::theirs(fetched, &self.window, me, &self.id);
        self.theirs = server.own;
        self.out.problems = server.meetings.problems.clone();
        Ok(server.meetings)
    }

    /// Whether a UID names a block of a day inside the window.
    pub(super) fn in_window(&self, uid: &str) -> bool {
        own::block_of(&format!("ics:{uid}"), &self.id)
            .is_some_and(|(date, _)| (self.window.from..=self.window.to).contains(&date))
    }

    pub(super) fn mine(&self) -> Result<BTreeMap<String, Mine>, SyncError> {
        let privacy = self.req.config.calendar.privacy();
        sides::mine(self.req.journal, &self.window, (&self.id, &privacy))
            .map_err(|e| self.journal_error(e))
    }

    /// Every UID of the window on either side or in the state, with its step.
    pub(super) fn steps(&self, mine: &BTreeMap<String, Mine>, keep: bool) -> Vec<(String, Step)> {
        let known = self.state.events.keys().filter(|u| self.in_window(u));
        let theirs = self.theirs.keys().filter(|u| self.in_window(u));
        let uids: BTreeSet<&String> = mine.keys().chain(known).chain(theirs).collect();
        uids.into_iter()
            .map(|uid| {
                let keep = match &self.req.keep {
                    Some((k, u)) if keep && u == uid => Some(*k),
                    _ => None,
                };
                (uid.clone(), decide(self.versions(uid, mine), keep))
            })
            .collect()
    }

    pub(super) fn versions<'s>(
        &'s self,
        uid: &str,
        mine: &'s BTreeMap<String, Mine>,
    ) -> Versions<'s> {
        let (m, t) = (mine.get(uid), self.theirs.get(uid));
        Versions {
            base: self
                .state
                .events
                .get(uid)
                .map(|s| (s.etag.as_str(), s.hash.as_str())),
            mine: m.map(|m| m.hash.as_str()),
            theirs: t.map(|t| t.etag.as_str()),
            same: matches!((m, t), (Some(m), Some(t)) if sides::same_times(t, m, &self.window, &self.id)),
        }
    }
}

/// The window's first and last instants, in UTC as CalDAV's time-range wants them.
fn utc_range(window: &Window) -> (String, String) {
    let bounds = |date| crate::domain::span::day_bounds(&window.zone, date);
    let stamp =
        |t: DateTime<FixedOffset>| t.with_timezone(&Utc).format("%Y%m%dT%H%M%SZ").to_string();
    (
        stamp(bounds(window.from).start),
        stamp(bounds(window.to).end),
    )
}

/// "09:00-10:00 Prospecting"
pub(super) fn described(mine: &Mine) -> String {
    let b = &mine.block;
    format!(
        "{}-{} {}",
        format_hhmm(b.start),
        format_hhmm(b.end),
        b.title
    )
}
