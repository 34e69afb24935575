//! The one field-level merge rule for an edit saved onto the newest version of a day: a field the
//! edit changed is set; a field another writer changed meanwhile to something else is a clash,
//! refused with a message rather than lost. Blocks and sessions both use it.

/// Merges the fields named in the invocation: `merge_fields!(newest, before, after, clashes;
/// start, end, …)` evaluates to `newest` with every field that differs between `before` and
/// `after` taken from `after`, pushing each clash's name onto `clashes`.
macro_rules! merge_fields {
    ($newest:expr, $before:expr, $after:expr, $clashes:expr; $($field:ident),+ $(,)?) => {{
        let mut merged = $newest.clone();
        $(
            if $after.$field != $before.$field {
                if $newest.$field != $before.$field && $newest.$field != $after.$field {
                    $clashes.push(stringify!($field));
                }
                merged.$field = $after.$field.clone();
            }
        )+
        merged
    }};
}
use super::day::{Block, Session};

/// `newest` with every field that differs between `before` and `after` taken from `after`;
/// refused when another writer changed one of those fields to something else.
pub fn block(newest: &Block, before: &Block, after: &Block) -> Result<Block, String> {
    let mut clashes = vec![];
    let merged = merge_fields!(newest, before, after, clashes;
        start, end, category, title, kind, account, objective, source);
    match clashes.is_empty() {
        true => Ok(merged),
        false => Err(refused("block", &clashes)),
    }
}

/// The rule of [`block`] for a session.
pub fn session(newest: &Session, before: &Session, after: &Session) -> Result<Session, String> {
    let mut clashes = vec![];
    let merged = merge_fields!(newest, before, after, clashes;
        start, end, category, kind, title, block, account, note, source);
    match clashes.is_empty() {
        true => Ok(merged),
        false => Err(refused("session", &clashes)),
    }
}

/// The refusal for clashing fields of `what` ("block", "session").
pub fn refused(what: &str, clashes: &[&str]) -> String {
    format!(
        "another window changed this {what}'s {} meanwhile: nothing was saved; look at it again \
         and repeat your change",
        clashes.join(" and ")
    )
}
