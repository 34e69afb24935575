//! What one of the rep's events needs, from three versions: the one both sides agreed on at the
//! last sync (the base), the rep's block now (mine) and the server's event now (theirs). A side
//! changed when it differs from the base; when both did, nothing is guessed: it is a conflict
//! until the rep keeps one.

/// Which side a settled conflict keeps (`protime sync --keep mine|theirs UID`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    Mine,
    Theirs,
}

/// One event's three versions: `base` (ETag, hash), `mine` (the block's hash, `None` when the
/// block is gone), `theirs` (the server's ETag, `None` when the event is gone).
#[derive(Debug, Clone, Copy)]
pub struct Versions<'a> {
    pub base: Option<(&'a str, &'a str)>,
    pub mine: Option<&'a str>,
    pub theirs: Option<&'a str>,
    /// Without a base, both sides hold the event at the same times (a sync cut off after the
    /// server took it): the same event, not a conflict.
    pub same: bool,
}

/// What a sync does for one event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Nothing,
    /// PUT a new event (If-None-Match: *).
    Create,
    /// PUT over the event with this ETag (If-Match).
    Update(String),
    /// DELETE the event with this ETag (If-Match).
    Delete(String),
    /// The server's event into the plan: its block follows the calendar's times.
    Pull,
    /// Both sides hold the same event: remember it as synced.
    Adopt,
    /// The event was deleted on the server: the block goes too.
    RemoveBlock,
    /// Gone on both sides, or left to the calendar: forget it.
    Forget,
    Conflict(Clash),
}

/// How both sides changed one event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clash {
    /// Changed in the plan and in the calendar.
    BothChanged,
    /// Deleted in the plan, changed in the calendar.
    DeletedHere,
    /// Changed in the plan, deleted in the calendar.
    DeletedThere,
    /// In the plan and in the calendar at different times, never synced.
    Unknown,
}

impl Clash {
    /// Why it is a conflict, in words.
    pub fn words(self) -> &'static str {
        match self {
            Clash::BothChanged => "changed here and in the calendar since the last sync",
            Clash::DeletedHere => "deleted here, changed in the calendar",
            Clash::DeletedThere => "changed here, deleted in the calendar",
            Clash::Unknown => "here and in the calendar at other times, never synced",
        }
    }
}

impl Step {
    /// A step that changes the server (run after the journal's steps).
    pub fn pushes(&self) -> bool {
        matches!(self, Step::Create | Step::Update(_) | Step::Delete(_))
    }
}

pub fn decide(v: Versions<'_>, keep: Option<Keep>) -> Step {
    let Some((etag, hash)) = v.base else {
        return match (v.mine, v.theirs) {
            (None, _) => Step::Nothing,
            (Some(_), None) => Step::Create,
            (Some(_), Some(_)) if v.same => Step::Adopt,
            (Some(_), Some(theirs)) => settle(Clash::Unknown, theirs, keep),
        };
    };
    let mine_changed = v.mine != Some(hash);
    let theirs_changed = v.theirs != Some(etag);
    match (mine_changed, theirs_changed, v.mine, v.theirs) {
        (false, false, ..) => Step::Nothing,
        (true, false, Some(_), _) => Step::Update(etag.to_string()),
        (true, false, None, _) => Step::Delete(etag.to_string()),
        (false, true, _, Some(_)) => Step::Pull,
        (false, true, _, None) => Step::RemoveBlock,
        (true, true, None, None) => Step::Forget,
        (true, true, None, Some(theirs)) => settle(Clash::DeletedHere, theirs, keep),
        (true, true, Some(_), None) => match keep {
            Some(Keep::Mine) => Step::Create,
            Some(Keep::Theirs) => Step::RemoveBlock,
            None => Step::Conflict(Clash::DeletedThere),
        },
        (true, true, Some(_), Some(theirs)) => settle(Clash::BothChanged, theirs, keep),
    }
}

/// A conflict where the server holds the event (ETag `theirs`), settled by `keep` if given.
fn settle(clash: Clash, theirs: &str, keep: Option<Keep>) -> Step {
    match (keep, clash) {
        (None, _) => Step::Conflict(clash),
        (Some(Keep::Mine), Clash::DeletedHere) => Step::Delete(theirs.to_string()),
        (Some(Keep::Mine), _) => Step::Update(theirs.to_string()),
        // The block was deleted here: the event stays in the calendar, and protime lets it be.
        (Some(Keep::Theirs), Clash::DeletedHere) => Step::Forget,
        (Some(Keep::Theirs), _) => Step::Pull,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v<'a>(
        base: Option<(&'a str, &'a str)>,
        mine: Option<&'a str>,
        theirs: Option<&'a str>,
    ) -> Versions<'a> {
        Versions {
            base,
            mine,
            theirs,
            same: false,
        }
    }

    const B: Option<(&str, &str)> = Some(("e1", "h1"));

    #[test]
    fn one_side_changed_goes_to_the_other() {
        assert_eq!(decide(v(B, Some("h1"), Some("e1")), None), Step::Nothing);
        assert_eq!(
            decide(v(B, Some("h2"), Some("e1")), None),
            Step::Update("e1".into())
        );
        assert_eq!(
            decide(v(B, None, Some("e1")), None),
            Step::Delete("e1".into())
        );
        assert_eq!(decide(v(B, Some("h1"), Some("e2")), None), Step::Pull);
        assert_eq!(decide(v(B, Some("h1"), None), None), Step::RemoveBlock);
        assert_eq!(decide(v(B, None, None), None), Step::Forget);
    }

    #[test]
    fn a_new_block_is_created_and_a_known_one_adopted() {
        assert_eq!(decide(v(None, Some("h"), None), None), Step::Create);
        assert_eq!(decide(v(None, None, Some("e")), None), Step::Nothing);
        let same = Versions {
            same: true,
            ..v(None, Some("h"), Some("e"))
        };
        assert_eq!(decide(same, None), Step::Adopt);
        assert_eq!(
            decide(v(None, Some("h"), Some("e")), None),
            Step::Conflict(Clash::Unknown)
        );
    }

    #[test]
    fn both_changed_is_a_conflict_until_one_side_is_kept() {
        let both = v(B, Some("h2"), Some("e2"));
        assert_eq!(decide(both, None), Step::Conflict(Clash::BothChanged));
        assert_eq!(decide(both, Some(Keep::Mine)), Step::Update("e2".into()));
        assert_eq!(decide(both, Some(Keep::Theirs)), Step::Pull);
        let here = v(B, None, Some("e2"));
        assert_eq!(decide(here, None), Step::Conflict(Clash::DeletedHere));
        assert_eq!(decide(here, Some(Keep::Mine)), Step::Delete("e2".into()));
        assert_eq!(decide(here, Some(Keep::Theirs)), Step::Forget);
        let there = v(B, Some("h2"), None);
        assert_eq!(decide(there, None), Step::Conflict(Clash::DeletedThere));
        assert_eq!(decide(there, Some(Keep::Mine)), Step::Create);
        assert_eq!(decide(there, Some(Keep::Theirs)), Step::RemoveBlock);
    }

    #[test]
    fn a_kept_side_is_ignored_where_there_is_no_conflict() {
        assert_eq!(
            decide(v(B, Some("h2"), Some("e1")), Some(Keep::Theirs)),
            Step::Update("e1".into())
        );
    }
}
