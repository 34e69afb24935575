//! Undo and redo for a tab: the inverses of the edits it asked for, as the loop saved them.

use crate::domain::plan::DayEdit;
use crate::tui::shared::{Effect, History, Origin};
use chrono::NaiveDate;

#[derive(Debug, Default)]
pub struct UndoHistory {
    undo: Vec<(NaiveDate, DayEdit)>,
    redo: Vec<(NaiveDate, DayEdit)>,
}

impl UndoHistory {
    /// Records the inverse of an edit the loop has saved.
    pub fn record(&mut self, date: NaiveDate, inverse: DayEdit, history: History) {
        match history {
            History::New => {
                self.undo.push((date, inverse));
                self.redo.clear();
            }
            History::Undo => self.redo.push((date, inverse)),
            History::Redo => self.undo.push((date, inverse)),
        }
    }

    /// The edit that undoes (or redoes) the last change, with its day; else "nothing to undo".
    pub fn step(&mut self, history: History, from: Origin) -> Result<(NaiveDate, Effect), String> {
        let (stack, word) = match history {
            History::Redo => (&mut self.redo, "redo"),
            _ => (&mut self.undo, "undo"),
        };
        let (date, edit) = stack.pop().ok_or_else(|| format!("nothing to {word}"))?;
        let effect = Effect::Edit {
            date,
            edit,
            history,
            from,
        };
        Ok((date, effect))
    }
}
