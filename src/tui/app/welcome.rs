//! The dashboard's side of the welcome: opening it, its keys, and saving its answers through the
//! one config writer.

use super::App;
use crate::config::writer::write_settings;
use crate::tui::prompt::Prompt;
use crate::tui::shared::Effect;
use crate::tui::welcome::{Outcome, Welcome};
use ratatui::crossterm::event::KeyEvent;

/// Where to find the welcome again.
const AGAIN: &str = "? then W shows the welcome again.";

impl App {
    /// Opens the welcome on its first step, prefilled from the config in force.
    pub fn open_welcome(&mut self) {
        self.welcome = Some(Welcome::new(&self.shared.config));
    }

    pub fn welcome(&self) -> Option<&Welcome> {
        self.welcome.as_ref()
    }

    /// The data folder, and the config file the welcome's answers are saved to.
    pub fn set_paths(&mut self, paths: crate::paths::Paths) {
        self.outside.paths = paths;
    }

    /// While the welcome is open it takes every key.
    pub(super) fn welcome_key(&mut self, key: KeyEvent) -> Option<Vec<Effect>> {
        let welcome = self.welcome.as_mut()?;
        let Some(outcome) = welcome.handle_key(key, &self.shared.config) else {
            return Some(vec![]);
        };
        self.welcome = None;
        Some(match outcome {
            Outcome::Quit => vec![Effect::Quit],
            Outcome::Skip => vec![Effect::Message(format!(
                "Welcome skipped: nothing was saved. {AGAIN}"
            ))],
            Outcome::Finish {
                settings,
                summary,
                import,
            } => {
                let mut effects = vec![Effect::SaveSettings {
                    settings,
                    summary,
                    then: AGAIN,
                }];
                if import {
                    effects.push(Effect::Prompt(Prompt::import()));
                }
                effects
            }
        })
    }
}

/// Writes an [`Effect::SaveSettings`]'s settings to the config file and uses the config it now
/// holds; says what was saved where and then what comes next, or why nothing was.
pub fn save(app: &mut App, effect: Effect) {
    let Effect::SaveSettings {
        settings,
        summary,
        then,
    } = effect
    else {
        return;
    };
    let path = app.outside.paths.config_file.clone();
    if path.as_os_str().is_empty() {
        app.say("Not saved: protime does not know its config file here.".into());
        return;
    }
    match write_settings(&path, &settings) {
        Ok(config) => {
            app.shared.config = config;
            app.say(
                format!("Saved {summary} in {}. {then}", path.display())
                    .trim_end()
                    .to_string(),
            );
        }
        Err(e) => app.say(format!("Your answers were not saved: {e}")),
    }
}
