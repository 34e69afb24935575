//! Account tiers set where they are read: `T` on the Month tab asks for an account (Tab completes
//! the accounts of the last 90 days) and its tier, saved in `[accounts.tier]` by the one config
//! writer.

use super::prompt::{Prompt, PromptKind, Submitted};
use super::shared::Effect;
use super::widgets::form::{Field, Form};
use crate::config::Config;
use crate::config::accounts::tier_setting;

impl Prompt {
    /// Asks for an account and its tier, one of `tiers`.
    pub fn tier(tiers: &[String]) -> Prompt {
        let fields = vec![
            // "Who", as in an interruption: Tab completes it the same way.
            Field::new("Who", "", "the account, like ACME; Tab completes"),
            Field::new("Tier", "", format!("one of {}", tiers.join(", "))),
        ];
        Prompt {
            kind: PromptKind::Tier,
            form: Form::new("Give an account its tier", fields)
                .with_enter("saves it in your config file"),
        }
    }

    /// The account (as the journal spells it) and the tier typed.
    pub(super) fn tier_op(&self) -> Result<Submitted, String> {
        let value = |i: usize| self.form.fields.get(i).map_or("", |f| f.value.trim());
        if value(0).is_empty() || value(1).is_empty() {
            return Err("give the account and its tier, like ACME and A".into());
        }
        Ok(Submitted::Tier {
            account: value(0).to_string(),
            tier: value(1).to_string(),
        })
    }
}

/// The effects of a submitted tier: the setting saved through the config writer, or why not.
pub fn save(config: &Config, account: &str, tier: &str) -> Vec<Effect> {
    match tier_setting(&config.accounts, account, tier) {
        Ok(setting) => vec![Effect::SaveSettings {
            settings: vec![setting],
            summary: format!("the tier of {}", account.trim()),
            then: "",
        }],
        Err(message) => vec![Effect::Message(message)],
    }
}
