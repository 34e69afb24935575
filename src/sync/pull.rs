//! The first half of a sync: the calendar's changes into the plan. Meetings go through the plan
//! import (the rep's edits win there); the rep's own events the calendar changed move their
//! blocks, and those it deleted take their blocks with them.

use super::SyncError;
use super::decide::{Clash, Step};
use super::run::{Conflict, Sync, described};
use super::sides::{self, Mine};
use crate::domain::plan::DayEdit;
use crate::domain::timefmt::format_hhmm;
use crate::import::{Parsed, own, plan_job};
use crate::journal::sync_state::Synced;
use std::collections::BTreeMap;

impl Sync<'_> {
    pub(super) fn pull(&mut self, mut meetings: Parsed) -> Result<(), SyncError> {
        let mine = self.mine()?;
        self.check_keep(&mine)?;
        let steps = self.steps(&mine, true);
        let mut pulled = Vec::new();
        for (uid, step) in &steps {
            match step {
                Step::Conflict(clash) => {
                    let conflict = self.conflict(uid, *clash, &mine);
                    self.out.conflicts.push(conflict);
                }
                Step::Pull => {
                    if let Some(theirs) = self.theirs.get(uid) {
                        meetings.items.extend(theirs.items.iter().cloned());
                        pulled.push(uid.clone());
                    }
                }
                _ => {}
            }
        }
        (self.req.progress)("Planning the calendar's meetings …");
        let (journal, config) = (self.req.journal, self.req.config);
        let import = plan_job::from_parsed(journal, config, meetings, self.window, None)
            .map_err(|f| self.journal_error(f.message()))?;
        let written = import.write(journal).map_err(|e| self.journal_error(e))?;
        self.out.change = written.change;
        for (uid, step) in &steps {
            self.settle_here(uid, step, &mine)?;
        }
        for uid in &pulled {
            self.out.renamed += usize::from(self.take_title(uid)?);
        }
        let after = self.mine()?;
        for uid in pulled {
            let hash = after.get(&uid).or(mine.get(&uid)).map(|m| m.hash.clone());
            self.remember(&uid, hash.unwrap_or_default());
        }
        Ok(())
    }

    /// A `--keep` names an event in conflict now, or nothing is done.
    fn check_keep(&self, mine: &BTreeMap<String, Mine>) -> Result<(), SyncError> {
        let Some((_, uid)) = &self.req.keep else {
            return Ok(());
        };
        let steps = self.steps(mine, false);
        let found = steps.iter().find(|(u, _)| u == uid);
        match found {
            Some((_, Step::Conflict(_))) => Ok(()),
            _ => Err(SyncError::NotInConflict { uid: uid.clone() }),
        }
    }

    /// The steps that change only the journal and the state.
    fn settle_here(
        &mut self,
        uid: &str,
        step: &Step,
        mine: &BTreeMap<String, Mine>,
    ) -> Result<(), SyncError> {
        match step {
            Step::RemoveBlock => {
                self.remove_block(uid)?;
                self.state.events.remove(uid);
                self.out.removed += 1;
            }
            Step::Forget => {
                self.state.events.remove(uid);
            }
            Step::Adopt => {
                let hash = mine.get(uid).map(|m| m.hash.clone()).unwrap_or_default();
                self.remember(uid, hash);
            }
            _ => {}
        }
        Ok(())
    }

    /// Records the server's version of `uid` as agreed, with the block's hash.
    fn remember(&mut self, uid: &str, hash: String) {
        if let Some(theirs) = self.theirs.get(uid) {
            let synced = Synced {
                href: theirs.href.clone(),
                etag: theirs.etag.clone(),
                hash,
            };
            self.state.events.insert(uid.to_string(), synced);
        }
    }

    /// The calendar's title of the rep's own event `uid`, taken into its block: the calendar's
    /// version won (changed only there, or `--keep theirs`), so all of it does, not just its
    /// times. Only while titles are what the calendar shows (`[calendar] show`); otherwise its
    /// title is "Focus: …", never the rep's.
    fn take_title(&self, uid: &str) -> Result<bool, SyncError> {
        let titles = self.req.config.calendar.privacy().titles;
        let theirs = self.theirs.get(uid).and_then(|t| t.items.first());
        let Some(title) = theirs
            .map(|i| i.title.trim())
            .filter(|t| titles && !t.is_empty())
        else {
            return Ok(false);
        };
        let Some((date, id)) = own::block_of(&format!("ics:{uid}"), &self.id) else {
            return Ok(false);
        };
        let journal = self.req.journal;
        let stale = |day: &crate::domain::Day| {
            let block = day.blocks.iter().find(|b| b.id == id && b.source.is_none());
            block.filter(|b| b.title != title).cloned()
        };
        let day = journal.load(date).map_err(|e| self.journal_error(e))?;
        if stale(&day).is_none() {
            return Ok(false);
        }
        journal
            .update(date, |day| match stale(day) {
                Some(before) => {
                    let title = title.to_string();
                    let after = crate::domain::Block {
                        title,
                        ..before.clone()
                    };
                    DayEdit::change_block(&before, after).apply(day).map(|_| ())
                }
                None => Ok(()),
            })
            .map(|()| true)
            .map_err(|e| self.journal_error(e))
    }

    /// Removes the block `uid` names, if it is still there and still the rep's own.
    fn remove_block(&self, uid: &str) -> Result<(), SyncError> {
        let Some((date, id)) = own::block_of(&format!("ics:{uid}"), &self.id) else {
            return Ok(());
        };
        let journal = self.req.journal;
        journal
            .update(date, |day| {
                match day.blocks.iter().any(|b| b.id == id && b.source.is_none()) {
                    true => DayEdit::RemoveBlocks(vec![id.clone()])
                        .apply(day)
                        .map(|_| ()),
                    false => Ok(()),
                }
            })
            .map_err(|e| self.journal_error(e))
    }

    fn conflict(&self, uid: &str, clash: Clash, mine: &BTreeMap<String, Mine>) -> Conflict {
        let date = own::block_of(&format!("ics:{uid}"), &self.id).map_or(self.window.from, |b| b.0);
        // The calendar's title too, where titles are what it shows: it may be what differs.
        let titles = self.req.config.calendar.privacy().titles;
        let theirs = self.theirs.get(uid).map(|t| {
            let title = t.items.first().map(|i| i.title.as_str()).filter(|_| titles);
            match sides::placed(t, &self.window, &self.id) {
                Some(r) => {
                    let (start, end) = (format_hhmm(r.start), format_hhmm(r.end));
                    let when = format!("{} {start}-{end}", r.on);
                    title.map_or(when.clone(), |title| format!("{when} {title}"))
                }
                None => "outside the period".to_string(),
            }
        });
        Conflict {
            uid: uid.to_string(),
            why: clash.words().to_string(),
            date,
            mine: mine.get(uid).map(described),
            theirs,
        }
    }
}
