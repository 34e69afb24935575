//! `[accounts]`: the rep's account tiers (A–D, or names of their own) and each account's tier.

use super::writer::{Setting, SettingValue};
use super::{ConfigError, check};
use crate::domain::patterns::Tiers;
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Accounts {
    /// Tier names, the accounts that matter most first.
    pub tiers: Vec<String>,
    /// Each account's tier, by the account's name as the rep writes it.
    pub tier: BTreeMap<String, String>,
}

/// An account's name ignoring case, accents and spaces: "Umbrella corp" in the config finds the
/// journal's "Umbrella Corp" (the rule of [`crate::names::canonical_account`]).
fn key(name: &str) -> String {
    crate::names::fold(name).split_whitespace().collect()
}

impl Accounts {
    pub(super) fn validate(&self, origin: &str) -> Result<(), ConfigError> {
        let mut seen = std::collections::BTreeSet::new();
        for (i, t) in self.tiers.iter().enumerate() {
            check(
                origin,
                !t.trim().is_empty() && seen.insert(t.as_str()),
                &format!("accounts.tiers[{i}]"),
                format!("\"{t}\""),
                "a name no other tier has, like \"A\"",
            )?;
        }
        for (account, tier) in &self.tier {
            check(
                origin,
                self.tiers.contains(tier),
                &format!("accounts.tier.{account}"),
                format!("\"{tier}\""),
                &format!("one of the tiers: {}", self.tiers.join(", ")),
            )?;
        }
        Ok(())
    }

    /// The tier the rep set for `account`, if any.
    pub fn tier_of(&self, account: &str) -> Option<&str> {
        let wanted = key(account);
        self.tier
            .iter()
            .find(|(a, _)| key(a) == wanted)
            .map(|(_, t)| t.as_str())
    }

    /// The tiers of `accounts` (as the journal spells them), for the domain's patterns and advice.
    pub fn tiers_for<'a>(&self, accounts: impl IntoIterator<Item = &'a String>) -> Tiers {
        Tiers {
            order: self.tiers.clone(),
            of: accounts
                .into_iter()
                .filter_map(|a| Some((a.clone(), self.tier_of(a)?.to_string())))
                .collect(),
        }
    }
}

/// The setting that gives `account` the tier `tier` (one of `tiers`), for the config writer; a
/// tier not in the list is refused with the list.
pub fn tier_setting(accounts: &Accounts, account: &str, tier: &str) -> Result<Setting, String> {
    let tier = accounts
        .tiers
        .iter()
        .find(|t| t.to_lowercase() == tier.trim().to_lowercase())
        .ok_or_else(|| {
            format!(
                "\"{tier}\" is no tier: give one of {}",
                accounts.tiers.join(", ")
            )
        })?;
    // The name as the config already spells it, so a second setting replaces the first.
    let wanted = key(account);
    let name = accounts
        .tier
        .keys()
        .find(|a| key(a) == wanted)
        .map_or(account.trim().to_string(), String::clone);
    if name.is_empty() {
        return Err("give the account, like ACME".into());
    }
    Ok(Setting {
        key: "accounts.tier",
        value: SettingValue::Keys(vec![(name, SettingValue::Text(tier.clone()))]),
    })
}

#[cfg(test)]
mod tests {
    use crate::config::Config;

    #[test]
    fn tiers_are_found_whatever_the_spelling() {
        let config = Config::from_user_text(
            Some("[accounts.tier]\n\"umbrella  corp\" = \"D\"\nACME = \"A\"\n"),
            "mine.toml",
        )
        .unwrap();
        let accounts = ["Umbrella Corp", "Acme", "Globex"].map(String::from);
        let tiers = config.accounts.tiers_for(&accounts);
        assert_eq!(tiers.order, ["A", "B", "C", "D"]);
        assert_eq!(tiers.tier_of("Umbrella Corp"), Some("D"));
        assert_eq!(tiers.tier_of("Acme"), Some("A"));
        assert_eq!(tiers.tier_of("Globex"), None);
    }

    #[test]
    fn a_tier_set_in_the_dashboard_is_written_and_replaces_the_old_one() {
        use crate::config::writer::apply;
        let text = "[accounts.tier]\n\"Umbrella Corp\" = \"C\" # small\nACME = \"A\"\n";
        let config = Config::from_user_text(Some(text), "mine.toml").unwrap();
        let setting = super::tier_setting(&config.accounts, "umbrella corp", "d").unwrap();
        let written = apply(text, &[setting]).unwrap();
        assert_eq!(
            written,
            "[accounts.tier]\n\"Umbrella Corp\" = \"D\" # small\nACME = \"A\"\n"
        );
        let fresh = apply(
            "",
            &[super::tier_setting(&config.accounts, "Globex", "B").unwrap()],
        )
        .unwrap();
        let back = Config::from_user_text(Some(&fresh), "mine.toml").unwrap();
        assert_eq!(back.accounts.tier_of("globex"), Some("B"));
        let err = super::tier_setting(&config.accounts, "ACME", "Z").unwrap_err();
        assert!(err.contains("give one of A, B, C, D"), "{err}");
    }

    #[test]
    fn a_tier_not_in_the_list_is_refused_with_the_list() {
        let err = Config::from_user_text(
            Some("[accounts]\ntiers = [\"key\", \"small\"]\n[accounts.tier]\nACME = \"A\"\n"),
            "mine.toml",
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("accounts.tier.ACME"), "{err}");
        assert!(err.contains("one of the tiers: key, small"), "{err}");
    }
}
