//! Pasted text (bracketed paste) goes into the text field that is open, as if typed. It is never
//! read as keys: a pasted "Call ACME⏎do" must not save, then delete a block and take the day off.

use super::App;
use crate::tui::shared::Effect;
use crate::tui::widgets::form::Form;

const NOWHERE: &str = "Nothing to paste into: open a field first (a adds a block on the Plan \
                       tab, n parks a mail, i logs an interruption), then paste.";

impl App {
    /// Puts `text` into the open field; with none open, says so and drops it.
    pub(super) fn paste(&mut self, text: &str) -> Vec<Effect> {
        if self.help.is_some() || self.gap.is_some() {
            // A question is waiting for one key; a paste is no answer.
            return vec![];
        }
        if let Some(form) = self.open_form() {
            form.paste(text);
            return vec![];
        }
        if let Some(review) = &mut self.import {
            if review.paste(text) {
                return vec![];
            }
            let hint = "Nothing to paste into: press / to find a title, then paste.";
            return vec![Effect::Message(hint.into())];
        }
        vec![Effect::Message(NOWHERE.into())]
    }

    /// The form keys go to now: a prompt over any tab, or the shown tab's own form.
    fn open_form(&mut self) -> Option<&mut Form> {
        if let Some(prompt) = &mut self.prompt {
            return Some(&mut prompt.form);
        }
        if let Some(welcome) = &mut self.welcome {
            return welcome.open_form();
        }
        self.tabs.get_mut(self.tab).open_form()
    }
}
