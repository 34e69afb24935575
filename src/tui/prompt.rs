//! One-line prompts that work from any tab: an interruption's who/what, a request passed on,
//! the category of unplanned focus, the export to import; and the question after a gap with no
//! sign of life.

use crate::domain::timer::{FocusTarget, TimerOp};
use crate::domain::{Category, Day};
use crate::tui::widgets::form::{Field, Form, FormKey};
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use std::path::PathBuf;

pub use super::gap::GapQuestion;

mod import;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKind {
    Interrupt,
    Park,
    PassOn,
    Unplanned,
    Import,
    Objective,
    Tier,
}

/// What a submitted prompt asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum Submitted {
    Timer(TimerOp),
    /// Read an export and open the import review; nothing is written yet.
    Import {
        file: PathBuf,
        since: String,
    },
    /// Put a calendar's meetings of today into the plan as blocks.
    PlanMeetings {
        file: PathBuf,
    },
    /// Add, rename or set the weekly hours of an objective (saved to the config file).
    Objective(crate::config::objectives::ObjectiveEdit),
    /// Give an account a tier (saved to the config file).
    Tier {
        account: String,
        tier: String,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Prompt {
    pub kind: PromptKind,
    pub form: Form,
}

/// Accounts named in the day's sessions and blocks, most recent first, then those of the last
/// 90 days (`known`), for the prompt's hint and completion.
pub fn recent_accounts(day: Option<&Day>, known: &[String]) -> Vec<String> {
    let mut sessions: Vec<_> = day.map_or(vec![], |d| d.sessions.iter().collect());
    sessions.sort_by_key(|s| std::cmp::Reverse(s.start));
    let named = sessions.iter().filter_map(|s| s.account.clone());
    let planned = day
        .into_iter()
        .flat_map(|d| d.blocks.iter().filter_map(|b| b.account.clone()));
    let mut seen: Vec<String> = vec![];
    for account in named.chain(planned).chain(known.iter().cloned()) {
        if !seen.contains(&account) {
            seen.push(account);
        }
    }
    seen
}

impl Prompt {
    /// Who and what for the interruption that has just started (it runs already: this only
    /// names it, and Esc leaves it unnamed).
    pub fn interrupt(accounts: &[String], started: &str) -> Prompt {
        let hint = if accounts.is_empty() {
            "optional: the customer, like ACME".to_string()
        } else {
            let few: Vec<&str> = accounts.iter().take(5).map(String::as_str).collect();
            format!("optional; Tab completes: {}", few.join(", "))
        };
        let fields = vec![
            Field::new("Who", "", hint),
            Field::new(
                "What",
                "",
                "optional: what they need, like \"invoice question\"",
            ),
        ];
        Prompt {
            kind: PromptKind::Interrupt,
            form: Form::new(
                format!("Interruption running since {started} (focus paused): who and what?"),
                fields,
            )
            .with_enter("names it")
            .with_escape("leaves it unnamed"),
        }
    }

    pub fn pass_on() -> Prompt {
        let fields = vec![
            Field::new(
                "What",
                "",
                "the request you handed over, like \"invoice to finance\"",
            ),
            Field::new("Who", "", "optional: the customer it was for, like ACME"),
        ];
        Prompt {
            kind: PromptKind::PassOn,
            form: Form::new("Pass it on (focus goes on)", fields),
        }
    }

    pub fn park() -> Prompt {
        let field = Field::new(
            "Mail",
            "",
            "what to handle in the next inbox slot, like \"reply Anna re pricing\"",
        );
        Prompt {
            kind: PromptKind::Park,
            form: Form::new("Park it for the inbox slot", vec![field]),
        }
    }

    pub fn unplanned() -> Prompt {
        let fields = vec![
            Field::new(
                "Category",
                "proactive",
                crate::domain::category::CHOICES_HINT,
            ),
            Field::new("Title", "", "optional: what you work on"),
        ];
        Prompt {
            kind: PromptKind::Unplanned,
            form: Form::new("Focus on unplanned work", fields),
        }
    }

    /// Handles a key; `Some(result)` when the prompt closes (`Ok(None)` = cancelled).
    pub fn handle_key(
        &mut self,
        key: KeyEvent,
        accounts: &[String],
    ) -> Option<Result<Option<Submitted>, String>> {
        if key.code == KeyCode::Tab && matches!(self.kind, PromptKind::Interrupt | PromptKind::Tier)
        {
            // Completes the account on the way to the next field.
            complete(&mut self.form, accounts);
        }
        match self.form.handle_key(key) {
            FormKey::Handled => None,
            FormKey::Cancel => Some(Ok(None)),
            FormKey::Submit => match self.with_known_account(accounts).op() {
                Ok(op) => Some(Ok(Some(op))),
                Err(message) => {
                    self.form.error = Some(message);
                    None
                }
            },
        }
    }

    /// The Who field spelled as the journal already spells that account ("globex" → "Globex").
    fn with_known_account(&mut self, accounts: &[String]) -> &Self {
        if matches!(
            self.kind,
            PromptKind::Interrupt | PromptKind::PassOn | PromptKind::Tier
        ) {
            let typed = self.form.value("Who").to_string();
            self.form
                .set("Who", crate::names::canonical_account(&typed, accounts));
        }
        self
    }

    fn op(&self) -> Result<Submitted, String> {
        let first = self.form.fields[0].value.trim().to_string();
        match self.kind {
            PromptKind::Import => self.import_op(&first),
            PromptKind::Objective => self.objective_op(),
            PromptKind::Tier => self.tier_op(),
            _ => self.timer_op(first).map(Submitted::Timer),
        }
    }

    fn timer_op(&self, first: String) -> Result<TimerOp, String> {
        match self.kind {
            PromptKind::Import | PromptKind::Objective | PromptKind::Tier => {
                Err("not a timer prompt".into())
            }
            PromptKind::Interrupt => Ok(TimerOp::Describe {
                account: Some(first).filter(|s| !s.is_empty()),
                note: Some(self.form.value("What").to_string()),
            }),
            PromptKind::PassOn if first.is_empty() => {
                Err("say what you passed on, like \"invoice to finance\"".into())
            }
            PromptKind::PassOn => Ok(TimerOp::PassOn {
                what: first,
                account: Some(self.form.value("Who").trim().to_string()).filter(|a| !a.is_empty()),
            }),
            PromptKind::Park if first.is_empty() => {
                Err("say what to handle later, like \"reply Anna re pricing\"".into())
            }
            PromptKind::Park => Ok(TimerOp::Park(first)),
            PromptKind::Unplanned => {
                let category: Category = first
                    .parse()
                    .map_err(|e: crate::domain::category::UnknownCategory| e.to_string())?;
                let title =
                    Some(self.form.value("Title").trim().to_string()).filter(|s| !s.is_empty());
                Ok(TimerOp::Start(FocusTarget {
                    category,
                    title,
                    block: None,
                    account: None,
                }))
            }
        }
    }
}

/// A path as a shell would read it: `~/x` in the home folder, and without the quotes or
/// backslash escapes a terminal adds when a file is dropped or pasted into it.
fn unquote_path(path: &str) -> PathBuf {
    let quoted = ['\'', '"']
        .iter()
        .find(|q| path.len() >= 2 && path.starts_with(**q) && path.ends_with(**q));
    let path = match quoted {
        Some(_) => path[1..path.len() - 1].to_string(),
        None => unescape(path),
    };
    let home = directories::BaseDirs::new().map(|d| d.home_dir().to_path_buf());
    match (path.strip_prefix("~/"), home) {
        (Some(rest), Some(home)) => home.join(rest),
        _ => PathBuf::from(path),
    }
}

/// `My\ Calendar.ics` → `My Calendar.ics`.
fn unescape(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut chars = path.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.extend(chars.next()),
            c => out.push(c),
        }
    }
    out
}

/// Completes the typed prefix to the first recent account that starts with it.
/// Completes the Who field from the known accounts (ignoring case and accents).
fn complete(form: &mut Form, accounts: &[String]) {
    if form.focus != 0 || form.fields[0].value.is_empty() {
        return;
    }
    let typed = crate::names::fold(&form.fields[0].value);
    if let Some(hit) = accounts
        .iter()
        .find(|a| crate::names::fold(a).starts_with(&typed))
    {
        form.set("Who", hit.clone());
    }
}

#[cfg(test)]
#[path = "prompt_test.rs"]
mod tests;
