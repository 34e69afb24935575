//! `protime sync`: the plan and a CalDAV calendar in step. The calendar's meetings come in as
//! blocks through the plan import ([`crate::import::plan_job`]); the rep's blocks go out as the
//! events the plan export writes ([`crate::export::ics`]), each PUT or DELETE conditional on the
//! ETag last seen, so a change on either side is never written over. Nothing here runs unless a
//! sync does: `status`, `report` and the dashboard's start never touch the network code.

pub mod address;
pub mod decide;
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
        "set the environment variable {PASSWORD_VAR} to the password of \"{user}\" on {url} \
         (protime never stores it)"
    )]
    NoPassword { user: String, url: String },
    #[error(
        "{url} refused the user \"{user}\" ({status}): check `user` under [calendar.caldav] and \
         the password in {PASSWORD_VAR}. Nothing was changed."
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
        "{uid} is not in conflict: `protime sync` lists the conflicts, each with the UID to \
         settle. Nothing was changed."
    )]
    NotInConflict { uid: String },
}

/// "Your blocks: 2 sent, 1 updated, 0 deleted from the calendar; 1 deleted in the calendar, …"
pub fn summary(out: &Outcome) -> String {
    format!(
        "Your blocks: {} sent, {} updated, {} deleted from the calendar; {} deleted in the \
         calendar, removed from the plan.",
        out.created, out.updated, out.deleted, out.removed
    )
}

/// The password, from the environment; refused before anything else when no calendar is set.
pub fn password(config: &crate::config::Config, config_file: &str) -> Result<String, SyncError> {
    let caldav = &config.calendar.caldav;
    if caldav.url.trim().is_empty() {
        let config = config_file.to_string();
        return Err(SyncError::NotSetUp { config });
    }
    match std::env::var(PASSWORD_VAR) {
        Ok(p) if !p.is_empty() => Ok(p),
        _ => Err(SyncError::NoPassword {
            user: caldav.user.clone(),
            url: caldav.url.clone(),
        }),
    }
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
            clash: Clash::BothChanged,
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
