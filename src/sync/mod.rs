//! `protime sync`: the plan and a CalDAV calendar in step. The calendar's meetings come in as
//! blocks through the plan import ([`crate::import::plan_job`]); the rep's blocks go out as the
//! events the plan export writes ([`crate::export::ics`]), each PUT or DELETE conditional on the
//! ETag last seen, so a change on either side is never written over. Nothing here runs unless a
//! sync does: `status`, `report` and the dashboard's start never touch the network code.

pub mod address;
pub mod decide;
mod keyring;
mod pull;
mod push;
pub mod remote;
mod run;
mod sides;

pub use decide::{Clash, Keep};
pub use run::{Conflict, Outcome, Request, sync};

/// The environment variable the password is read from.
pub const PASSWORD_VAR: &str = "PROTIME_CALDAV_PASSWORD";

/// Why a sync did not run, or stopped; each says what to do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SyncError {
    #[error(
        "no CalDAV calendar is set up: add its address and your user name to the config file \
         ({config}):\n  [calendar.caldav]\n  url = \"https://cloud.example.com/remote.php/dav/calendars/anna/work/\"\n  user = \"anna\""
    )]
    NotSetUp { config: String },
    #[error("[calendar.caldav] url: {0}")]
    Address(String),
    #[error(
        "no password for \"{user}\" on {url}{why}. Either set the environment variable \
         {PASSWORD_VAR}, or store it in your desktop keyring once with `protime sync \
         --save-password` (or: secret-tool store --label='protime CalDAV' service protime url \
         '{url}' user '{user}'). protime never writes it to a file."
    )]
    NoPassword {
        user: String,
        url: String,
        /// Why the keyring could not be asked, after "; ", or "".
        why: String,
    },
    #[error(
        "your keyring is locked, so protime cannot read the password of \"{user}\" on {url}: \
         unlock it (log in to the desktop, or open its password manager) or set \
         {PASSWORD_VAR}."
    )]
    KeyringLocked { user: String, url: String },
    #[error("could not store the password in your keyring: {0}")]
    KeyringStore(String),
    #[error(
        "{url} refused the user \"{user}\" ({status}): check `user` under [calendar.caldav] and \
         the password ({PASSWORD_VAR} if set, else the one in your keyring: replace it with \
         `protime sync --save-password`). Nothing was changed."
    )]
    Refused {
        url: String,
        user: String,
        status: u16,
    },
    #[error(
        "no calendar at {url} (the server answered 404): `url` under [calendar.caldav] must be \
         the calendar collection itself. Nothing was changed."
    )]
    NoCalendar { url: String },
    #[error(
        "could not reach {url}: {detail}.\nIs the server up, and the address right? Your journal \
         is intact{done}; run `protime sync` again once the server answers."
    )]
    Unreachable {
        url: String,
        detail: String,
        done: String,
    },
    #[error(
        "{url} answered {status} while {doing}. Your journal is intact{done}; try `protime sync` \
         again later, or ask the calendar's administrator."
    )]
    Server {
        url: String,
        status: String,
        doing: &'static str,
        done: String,
    },
    #[error("{0}")]
    Journal(String),
    #[error(
        "another calendar sync of this journal is running (the dashboard's S, or `protime sync` \
         in another terminal). Nothing was changed: sync again once it has ended."
    )]
    Busy,
    #[error(
        "{uid} is not in conflict: `protime sync` lists the conflicts, each with the UID to \
         settle. Nothing was changed."
    )]
    NotInConflict { uid: String },
}

/// "Your blocks: 2 sent, 1 updated, 0 deleted from the calendar; 1 deleted in the calendar, …"
pub fn summary(out: &Outcome) -> String {
    format!(
        "Your blocks: {} sent, {} updated, {} deleted from the calendar; {} deleted in the \
         calendar, removed from the plan; {} renamed as in the calendar.",
        out.created, out.updated, out.deleted, out.removed, out.renamed
    )
}

/// The password: from the environment variable when set, else from the desktop keyring (the
/// Secret Service). Refused before anything else when no calendar is set.
pub fn password(config: &crate::config::Config, config_file: &str) -> Result<String, SyncError> {
    let (url, user) = calendar(config, config_file)?;
    if let Ok(p) = std::env::var(PASSWORD_VAR)
        && !p.is_empty()
    {
        return Ok(p);
    }
    let (url, user) = (url.to_string(), user.to_string());
    let why = match keyring::lookup(&url, &user) {
        Ok(Some(p)) => return Ok(p),
        Ok(None) => String::new(),
        Err(keyring::Trouble::Locked) => return Err(SyncError::KeyringLocked { user, url }),
        Err(keyring::Trouble::Unavailable(why) | keyring::Trouble::Failed(why)) => {
            format!("; the keyring could not be asked: {why}")
        }
    };
    Err(SyncError::NoPassword { user, url, why })
}

/// Where [`save_password`] stored the password: the collection's label, and the item's.
pub struct Saved {
    pub collection: String,
    pub label: String,
}

/// Stores `password` in the keyring's default collection for the calendar of the config, in
/// place of the one stored before.
pub fn save_password(
    config: &crate::config::Config,
    config_file: &str,
    password: &str,
) -> Result<Saved, SyncError> {
    let (url, user) = calendar(config, config_file)?;
    match keyring::store(url, user, password) {
        Ok(keyring::Stored { collection, label }) => Ok(Saved { collection, label }),
        Err(keyring::Trouble::Locked) => Err(SyncError::KeyringLocked {
            user: user.to_string(),
            url: url.to_string(),
        }),
        Err(keyring::Trouble::Unavailable(detail) | keyring::Trouble::Failed(detail)) => {
            Err(SyncError::KeyringStore(detail))
        }
    }
}

/// `[calendar.caldav]`'s url and user, or why there is none.
fn calendar<'c>(
    config: &'c crate::config::Config,
    config_file: &str,
) -> Result<(&'c str, &'c str), SyncError> {
    let caldav = &config.calendar.caldav;
    if caldav.url.trim().is_empty() {
        let config = config_file.to_string();
        return Err(SyncError::NotSetUp { config });
    }
    Ok((&caldav.url, &caldav.user))
}

/// One short line for the dashboard's message line: what changed, and the conflicts left.
pub fn told(out: &Outcome) -> String {
    let ch = &out.change;
    let counts = [
        (ch.added, "meeting", "added"),
        (ch.moved, "meeting", "moved"),
        (ch.updated, "meeting", "updated"),
        (ch.removed, "meeting", "removed"),
        (ch.returned, "block", "moved as in the calendar"),
        (out.removed, "block", "removed as in the calendar"),
        (out.renamed, "block", "renamed as in the calendar"),
        (out.created, "block", "sent"),
        (out.updated, "event", "updated"),
        (out.deleted, "event", "deleted"),
        (out.conflicts.len(), "conflict", "to settle"),
    ];
    let parts: Vec<String> = counts
        .iter()
        .filter(|(n, ..)| *n > 0)
        .map(|(n, what, done)| format!("{n} {what}{} {done}", if *n == 1 { "" } else { "s" }))
        .collect();
    match parts.is_empty() {
        true => "Calendar synced: nothing had changed.".to_string(),
        false => format!("Calendar synced: {}.", parts.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_dashboard_is_told_only_what_changed() {
        let mut out = Outcome::default();
        assert_eq!(told(&out), "Calendar synced: nothing had changed.");
        out.change.added = 2;
        out.created = 1;
        out.conflicts.push(Conflict {
            uid: "u".into(),
            why: Clash::BothChanged.words().to_string(),
            date: chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
            mine: None,
            theirs: None,
        });
        assert_eq!(
            told(&out),
            "Calendar synced: 2 meetings added, 1 block sent, 1 conflict to settle."
        );
    }
}
