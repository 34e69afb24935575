//! The second half of a sync: the plan's changes to the calendar, each conditional on the ETag
//! last seen, so an event changed on the server meanwhile is a conflict, never written over.

use super::SyncError;
use super::decide::{Clash, Step};
use super::run::{Conflict, SENDING, Sync, described};
use super::sides::{self, Mine};
use crate::journal::sync_state::Synced;
use std::collections::BTreeMap;

impl Sync<'_> {
    pub(super) fn push(&mut self) -> Result<(), SyncError> {
        let mine = self.mine()?;
        let steps: Vec<(String, Step)> = self
            .steps(&mine, true)
            .into_iter()
            .filter(|(_, s)| s.pushes())
            .collect();
        let total = steps.len();
        for (n, (uid, step)) in steps.into_iter().enumerate() {
            (self.req.progress)(&format!("Sending {} of {total} …", n + 1));
            let clash = match step {
                Step::Delete(etag) => self.delete(&uid, &etag)?,
                Step::Create => self.put(&uid, &mine, None)?,
                Step::Update(etag) => self.put(&uid, &mine, Some(&etag))?,
                _ => None,
            };
            if let Some(clash) = clash {
                self.out.conflicts.push(Conflict {
                    uid: uid.clone(),
                    why: clash.words().to_string(),
                    date: mine.get(&uid).map_or(self.window.from, |m| m.date),
                    mine: mine.get(&uid).map(described),
                    theirs: Some("changed meanwhile".to_string()),
                });
            }
        }
        Ok(())
    }

    /// Where `uid` lives on the server, or will.
    fn href(&self, uid: &str) -> String {
        let known = self.state.events.get(uid).map(|s| s.href.clone());
        let seen = || self.theirs.get(uid).map(|t| t.href.clone());
        known
            .or_else(seen)
            .unwrap_or_else(|| self.address.href_for(uid))
    }

    fn put(
        &mut self,
        uid: &str,
        mine: &BTreeMap<String, Mine>,
        etag: Option<&str>,
    ) -> Result<Option<Clash>, SyncError> {
        let Some(m) = mine.get(uid) else {
            return Ok(None);
        };
        let privacy = self.req.config.calendar.privacy();
        let stamp = self.req.now.to_utc();
        let text = sides::event(m, &self.window.zone, &self.id, stamp, &privacy);
        let href = self.href(uid);
        let sent = self.server.put(&href, &text, etag);
        match sent.map_err(|f| self.failed(f, SENDING))? {
            Some(new) => {
                let synced = Synced {
                    href,
                    etag: new,
                    hash: m.hash.clone(),
                };
                self.state.events.insert(uid.to_string(), synced);
                match etag {
                    None => self.out.created += 1,
                    Some(_) => self.out.updated += 1,
                }
                Ok(None)
            }
            None if etag.is_none() => Ok(Some(Clash::Unknown)),
            None => Ok(Some(Clash::BothChanged)),
        }
    }

    fn delete(&mut self, uid: &str, etag: &str) -> Result<Option<Clash>, SyncError> {
        let href = self.href(uid);
        let deleted = self.server.delete(&href, etag);
        match deleted.map_err(|f| self.failed(f, SENDING))? {
            true => {
                self.state.events.remove(uid);
                self.out.deleted += 1;
                Ok(None)
            }
            false => Ok(Some(Clash::DeletedHere)),
        }
    }
}
