//! The tiers a CRM export's tier column gives (`[import.crm] tier`): written into
//! `[accounts.tier]` through the one config writer when the import writes, never over a tier
//! the rep set, and said in the import's output.

use crate::config::accounts::CrmTiers;
use crate::config::writer::write_settings;
use serde_json::{Value, json};
use std::path::Path;

/// The CRM's tiers sorted against the rep's, and whether they were saved.
pub struct Tiers {
    pub tiers: CrmTiers,
    /// `Some(Ok)` once saved, `Some(Err(why))` when the config writer refused; `None` when not
    /// written (a preview, or nothing to set).
    pub saved: Option<Result<(), String>>,
}

impl Tiers {
    /// Sorts the tiers and, when `write`, saves those to set in the config file at `file`.
    pub fn apply(tiers: CrmTiers, file: &Path, write: bool) -> Tiers {
        let saved = match (write, tiers.setting()) {
            (true, Some(setting)) => Some(
                write_settings(file, &[setting])
                    .map(|_| ())
                    .map_err(|e| e.to_string()),
            ),
            _ => None,
        };
        Tiers { tiers, saved }
    }

    /// The lines of the import's output about tiers (none when the export gave none).
    pub fn text(&self, file: &Path) -> Vec<String> {
        let set = match &self.saved {
            Some(Ok(())) => format!("set in [accounts.tier] of {}", file.display()),
            Some(Err(_)) => "NOT set".into(),
            None => "would be set (nothing written)".into(),
        };
        self.tiers.lines(&set)
    }

    /// The tiers as `--json` gives them.
    pub fn json(&self) -> Value {
        let t = &self.tiers;
        let kept: Vec<Value> = t
            .kept
            .iter()
            .map(|(a, yours, crm)| json!({"account": a, "tier": yours, "crm": crm}))
            .collect();
        let pairs = |v: &[(String, String)]| -> Vec<Value> {
            v.iter()
                .map(|(a, tier)| json!({"account": a, "tier": tier}))
                .collect()
        };
        json!({
            "set": pairs(&t.set),
            "saved": matches!(self.saved, Some(Ok(()))),
            "kept": kept,
            "unknown": pairs(&t.unknown),
        })
    }
}
