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

/// One line for the dashboard's message line.
pub fn told(out: &Outcome) -> String {
    let mut text = format!(
        "Synced. From the calendar: {}. {}",
        out.change.summary(),
        summary(out)
    );
    if !out.conflicts.is_empty() {
        text.push_str(&format!(
            " {} conflict{} left as they are: run `protime sync` in a terminal to see and settle \
             {}.",
            out.conflicts.len(),
            if out.conflicts.len() == 1 { "" } else { "s" },
            if out.conflicts.len() == 1 {
                "it"
            } else {
                "them"
            }
        ));
    }
    text
}
