//! What each tab will hold, said plainly until its issue lands. No made-up figures.

use super::Tab;

/// Lines describing the tab's purpose.
pub fn description(tab: Tab) -> &'static [&'static str] {
    match tab {
        Tab::Plan => &[
            "Plan the day in time blocks: PROACTIVE, REACTIVE and OTHER.",
            "Coming next: a timeline of today's blocks with a \"now\" line, editing by keyboard,",
            "and a header that warns when the plan is unrealistic.",
        ],
        Tab::Timer => &[
            "Run a focus timer on the block at hand (30 min focus, 5 min break by default),",
            "and log with one key the interruption that pulls you out of it.",
            "Not built yet.",
        ],
        Tab::Inbox => &[
            "Handle e-mail in set inbox slots: park mails with one key between slots,",
            "triage the parked list in the slot, answer from reply templates.",
            "Not built yet.",
        ],
        Tab::Review => &[
            "At the end of the day: \"Did I decide what to do today, or did someone else?\"",
            "answered against the day's figures, with a note and what you protect tomorrow.",
            "Not built yet.",
        ],
        Tab::Month => &[
            "Each month: hours and % share per category, the proactive ratio against your",
            "target, and how much of the planned proactive time really happened.",
            "Not built yet.",
        ],
    }
}
