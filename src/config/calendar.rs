//! `[calendar]`: the feed file protime keeps current, and what leaves the machine when blocks are
//! exported (the rep's choice).

use super::{ConfigError, check};
use crate::domain::Category;
use crate::export::ics::Privacy;
use serde::Deserialize;
use std::path::PathBuf;

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CalendarConfig {
    /// A file kept current with the blocks of the next 14 days; "" for none.
    pub feed: String,
    /// Titles (with account and objective) or only "Focus: proactive".
    pub show: Show,
    /// The categories whose blocks are exported.
    pub categories: Vec<Category>,
    /// The CalDAV calendar `protime sync` keeps in step with the plan.
    pub caldav: CaldavConfig,
}

/// `[calendar.caldav]`: the calendar collection and the user; the password never lives here.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CaldavConfig {
    /// The calendar collection's URL; "" for none.
    pub url: String,
    pub user: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Show {
    Titles,
    Focus,
}

impl CalendarConfig {
    /// What an export lets out.
    pub fn privacy(&self) -> Privacy {
        Privacy {
            titles: self.show == Show::Titles,
            categories: self.categories.clone(),
        }
    }

    /// The feed file, with `~/` read as the home folder; `None` when there is none.
    pub fn feed_path(&self) -> Option<PathBuf> {
        let feed = self.feed.trim();
        if feed.is_empty() {
            return None;
        }
        match feed.strip_prefix("~/") {
            Some(rest) => std::env::var_os("HOME").map(|home| PathBuf::from(home).join(rest)),
            None => Some(PathBuf::from(feed)),
        }
    }

    pub(super) fn validate(&self, origin: &str) -> Result<(), ConfigError> {
        let url = self.caldav.url.trim();
        let address = match url.is_empty() {
            true => Ok(()),
            false => crate::sync::address::Address::parse(url).map(|_| ()),
        };
        let why = address.clone().err().unwrap_or_default();
        check(
            origin,
            address.is_ok(),
            "calendar.caldav.url",
            format!("\"{}\"", self.caldav.url),
            &why,
        )?;
        let feed = self.feed.trim();
        let placed = feed.is_empty() || feed.starts_with('/') || feed.starts_with("~/");
        check(
            origin,
            placed && !feed.ends_with('/'),
            "calendar.feed",
            format!("\"{}\"", self.feed),
            "a file's full path in quotes, like \"~/Calendars/protime.ics\", or \"\" for no feed",
        )
    }
}
