//! `s`, the one key that starts work on every tab: focus on a work block, the slot on an inbox
//! block or on the Inbox tab; `s` again ends what it started.

use super::Work;
use crate::domain::BlockKind;
use crate::domain::timer::{FocusTarget, NextRound, TimerOp, next_round, open_inbox};
use crate::tui::prompt::Prompt;
use crate::tui::shared::{Context, Effect};

/// What `s` does with `work` as the day stands: an open slot ends, a slot starts, a round
/// waiting between rounds goes on, a running timer stops, else the work's focus starts.
pub fn start_or_end(work: Work, cx: &Context) -> Vec<Effect> {
    let slot = Effect::Timer(TimerOp::InboxSlot(cx.config.inbox.category));
    if cx.today.and_then(open_inbox).is_some() {
        return vec![slot];
    }
    let wants_slot = match &work {
        Work::InboxSlot => true,
        Work::Block(b) => b.kind == BlockKind::Inbox,
        Work::Unplanned => false,
    };
    if wants_slot {
        return vec![slot];
    }
    let timer = cx.today.and_then(|d| d.timer.as_ref());
    if timer.is_some_and(|t| t.is_ready()) {
        return next_round_or_ask(cx);
    }
    if timer.is_some() {
        return vec![Effect::Timer(TimerOp::Stop)];
    }
    start_focus(work)
}

/// Focus on `work` now: a block's, else unplanned focus, whose category is asked first.
pub fn start_focus(work: Work) -> Vec<Effect> {
    match work {
        Work::Block(b) => vec![Effect::Timer(TimerOp::Start(FocusTarget::block(&b)))],
        Work::Unplanned | Work::InboxSlot => vec![Effect::Prompt(Prompt::unplanned())],
    }
}

/// Between rounds: the next round, unless its block is over and the rep must say what is next.
pub fn next_round_or_ask(cx: &Context) -> Vec<Effect> {
    match cx.today.map(|d| next_round(d, cx.now.time())) {
        Some(NextRound::Ask(why)) => {
            vec![Effect::Prompt(Prompt::unplanned()), Effect::Message(why)]
        }
        _ => vec![Effect::Timer(TimerOp::Resume)],
    }
}
