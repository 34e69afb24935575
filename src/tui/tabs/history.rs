//! Undo and redo for a tab: the inverses of the edits it asked for, as the loop saved them. One
//! act that changed several days (a plan import across midnight) is one step.

use crate::domain::plan::DayEdit;
use crate::tui::shared::{Effect, History, Origin};
use chrono::NaiveDate;

/// The inverses of one act: a day's edit for each day it changed.
pub type Step = Vec<(NaiveDate, DayEdit)>;

#[derive(Debug, Default)]
pub struct UndoHistory {
    undo: Vec<Step>,
    redo: Vec<Step>,
}

impl UndoHistory {
    /// Records the inverses of an act the loop has saved; an act that changed nothing is no step.
    pub fn record(&mut self, step: Step, history: History) {
        if step.is_empty() {
            return;
        }
        match history {
            History::New => {
                self.undo.push(step);
                self.redo.clear();
            }
            History::Undo => self.redo.push(step),
            History::Redo => self.undo.push(step),
        }
    }

    /// The edits that undo (or redo) the last act, with its (first) day; else "nothing to undo".
    pub fn step(&mut self, history: History, from: Origin) -> Result<(NaiveDate, Effect), String> {
        let (stack, word) = match history {
            History::Redo => (&mut self.redo, "redo"),
            _ => (&mut self.undo, "undo"),
        };
        let mut step = stack.pop().ok_or_else(|| format!("nothing to {word}"))?;
        let date = step[0].0;
        let effect = match step.len() {
            1 => {
                let (date, edit) = step.remove(0);
                Effect::Edit {
                    date,
                    edit,
                    history,
                    from,
                }
            }
            _ => Effect::EditDays {
                edits: step,
                history,
                from,
            },
        };
        Ok((date, effect))
    }
}
