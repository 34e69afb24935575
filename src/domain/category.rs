//! The three categories a rep sorts time into, and the kinds of tracked session.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// What a piece of time was: the method's three logged categories.
/// UNLOGGED is never stored; it is derived from capacity minus what was tracked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    /// Customer work from my own sales plan.
    Proactive,
    /// Customer work a customer started: requests, support, firefighting.
    Reactive,
    /// Not customer work.
    Other,
}

impl Category {
    pub const ALL: [Category; 3] = [Category::Proactive, Category::Reactive, Category::Other];

    /// Short tag used on narrow screens and in tables.
    pub fn tag(self) -> &'static str {
        match self {
            Category::Proactive => "PRO",
            Category::Reactive => "RE",
            Category::Other => "OTH",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Category::Proactive => "proactive",
            Category::Reactive => "reactive",
            Category::Other => "other",
        }
    }

    /// The next category in the PRO → RE → OTH cycle (the Plan tab's `c`).
    pub fn next(self) -> Category {
        match self {
            Category::Proactive => Category::Reactive,
            Category::Reactive => Category::Other,
            Category::Other => Category::Proactive,
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The hint wherever a category is chosen by its first letter.
pub const CHOICES_HINT: &str = "p proactive: from your own sales plan · r reactive: a customer \
                                started it · o other: not customer work";

/// A category name that is not one of the three.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown category \"{0}\": use proactive, reactive or other (or pro, re, oth)")]
pub struct UnknownCategory(pub String);

impl FromStr for Category {
    type Err = UnknownCategory;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "proactive" | "pro" | "p" => Ok(Category::Proactive),
            "reactive" | "re" | "r" => Ok(Category::Reactive),
            "other" | "oth" | "o" => Ok(Category::Other),
            _ => Err(UnknownCategory(s.to_string())),
        }
    }
}

/// How a session came to be tracked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SessionKind {
    /// A focus-timer round.
    Focus,
    /// A break between focus rounds.
    Break,
    /// A customer (or colleague) who broke into planned time.
    Interruption,
    /// Time in an inbox-processing slot.
    Inbox,
    /// Typed in afterwards.
    Manual,
    /// Brought in from a calendar or CRM export.
    Imported,
}

impl SessionKind {
    pub fn name(self) -> &'static str {
        match self {
            SessionKind::Focus => "focus",
            SessionKind::Break => "break",
            SessionKind::Interruption => "interruption",
            SessionKind::Inbox => "inbox",
            SessionKind::Manual => "manual",
            SessionKind::Imported => "imported",
        }
    }
}

impl fmt::Display for SessionKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_names_and_short_forms() {
        assert_eq!("PROACTIVE".parse(), Ok(Category::Proactive));
        assert_eq!(" re ".parse(), Ok(Category::Reactive));
        assert_eq!("oth".parse(), Ok(Category::Other));
    }

    #[test]
    fn refuses_unknown_names_with_what_to_type() {
        let err = "urgent".parse::<Category>().unwrap_err();
        assert!(err.to_string().contains("use proactive, reactive or other"));
    }

    #[test]
    fn cycle_visits_all_and_returns() {
        let mut c = Category::Proactive;
        let mut seen = vec![];
        for _ in 0..3 {
            seen.push(c);
            c = c.next();
        }
        assert_eq!(seen, Category::ALL.to_vec());
        assert_eq!(c, Category::Proactive);
    }
}
