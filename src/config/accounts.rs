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

/// What a CRM export's tier column does to the rep's `[accounts.tier]`: a tier the rep set is
/// never overwritten.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CrmTiers {
    /// Accounts without a tier of the rep's, given the CRM's: (account, tier as the rep's list
    /// spells it).
    pub set: Vec<(String, String)>,
    /// Accounts whose tier the rep set, left as they are: (account, the rep's tier, the CRM's).
    pub kept: Vec<(String, String, String)>,
    /// Tiers that are none of the rep's tiers, left out: (account, the CRM's tier).
    pub unknown: Vec<(String, String)>,
}

impl CrmTiers {
    /// Sorts the CRM's tiers (`found`: account → tier) against the rep's accounts.
    pub fn of(accounts: &Accounts, found: &BTreeMap<String, String>) -> CrmTiers {
        let mut out = CrmTiers::default();
        let mut seen = std::collections::BTreeSet::new();
        for (account, crm) in found {
            if !seen.insert(key(account)) {
                continue; // the same account spelled another way: its first spelling speaks
            }
            let ours = accounts.tiers.iter().find(|t| key(t) == key(crm));
            match (accounts.tier_of(account), ours) {
                (Some(yours), _) => out.kept.push((account.clone(), yours.into(), crm.clone())),
                (None, Some(tier)) => out.set.push((account.clone(), tier.clone())),
                (None, None) => out.unknown.push((account.clone(), crm.clone())),
            }
        }
        out
    }

    /// What the rep is told: the tiers set (`set` says how: "set in …", "would be set"), those
    /// left as the rep set them, and those that are none of the rep's tiers.
    pub fn lines(&self, set: &str) -> Vec<String> {
        let list = |items: Vec<String>| items.join(", ");
        let mut lines = vec![];
        if !self.set.is_empty() {
            let items = self.set.iter().map(|(a, tier)| format!("{a} {tier}"));
            lines.push(format!(
                "Tiers from the CRM, {set}: {}",
                list(items.collect())
            ));
        }
        if !self.kept.is_empty() {
            let items = self.kept.iter().map(|(a, yours, crm)| match yours == crm {
                true => format!("{a} {yours}"),
                false => format!("{a} {yours} (the CRM says {crm})"),
            });
            let items = list(items.collect());
            lines.push(format!("Tiers you set, left as they are: {items}"));
        }
        if !self.unknown.is_empty() {
            let items = self.unknown.iter().map(|(a, crm)| format!("{a} \"{crm}\""));
            lines.push(format!(
                "Not one of your tiers, left out: {} (add the name to [accounts] tiers, or set \
                 the account's tier with T on the Month tab)",
                list(items.collect())
            ));
        }
        lines
    }

    /// The setting for the config writer that gives each of `set` its tier; `None` when there
    /// is nothing to set.
    pub fn setting(&self) -> Option<Setting> {
        let keys = self.set.iter().map(|(account, tier)| {
            let value = SettingValue::Text(tier.clone());
            (account.clone(), value)
        });
        let keys: Vec<(String, SettingValue)> = keys.collect();
        (!keys.is_empty()).then_some(Setting {
            key: "accounts.tier",
            value: SettingValue::Keys(keys),
        })
    }
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

    /// #21: a CRM's tier column sets the tiers the rep has not set, in the rep's spelling of
    /// the tier; one the rep set stays, and a tier that is none of the rep's is left out.
    #[test]
    fn a_crm_tier_never_overwrites_the_reps() {
        use super::CrmTiers;
        let text = "[accounts.tier]\n\"Umbrella Corp\" = \"D\"\n";
        let config = Config::from_user_text(Some(text), "mine.toml").unwrap();
        let found = [
            ("ACME", "a"),
            ("umbrella corp", "B"),
            ("Globex", "Gold"),
            ("Initech", "C"),
        ]
        .map(|(a, t)| (a.to_string(), t.to_string()))
        .into();
        let tiers = CrmTiers::of(&config.accounts, &found);
        let pairs = |v: &[(String, String)]| v.to_vec();
        let owned = |a: &str, t: &str| (a.to_string(), t.to_string());
        assert_eq!(
            pairs(&tiers.set),
            [owned("ACME", "A"), owned("Initech", "C")]
        );
        assert_eq!(
            tiers.kept,
            [("umbrella corp".into(), "D".into(), "B".into())]
        );
        assert_eq!(pairs(&tiers.unknown), [owned("Globex", "Gold")]);
        let written = crate::config::writer::apply(text, &[tiers.setting().unwrap()]).unwrap();
        let back = Config::from_user_text(Some(&written), "mine.toml").unwrap();
        assert_eq!(back.accounts.tier_of("acme"), Some("A"));
        assert_eq!(
            back.accounts.tier_of("Umbrella Corp"),
            Some("D"),
            "the rep's stays"
        );
        assert!(
            CrmTiers::of(&back.accounts, &found).setting().is_none(),
            "nothing twice"
        );
    }
}
