//! Categorising rules: the first rule whose words appear in an item's fields decides its category.

use super::{Field, Item};
use crate::domain::Category;
use serde::Deserialize;

/// One `[[import.rules]]` entry.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub words: Vec<String>,
    pub category: Category,
    /// Only look in this field; every field when left out.
    #[serde(default)]
    pub field: Option<Field>,
}

/// Why an item got its category: the rule's index and the word that matched.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    pub category: Category,
    pub rule: usize,
    pub word: String,
}

/// The first matching rule's verdict, or `None` when no rule recognises the item.
pub fn categorise(item: &Item, rules: &[Rule]) -> Option<Verdict> {
    // Each field is folded once per item, not once per rule word.
    let fields: Vec<(Field, String)> = Field::ALL
        .iter()
        .map(|f| (*f, fold(&item.field(*f))))
        .collect();
    rules.iter().enumerate().find_map(|(i, rule)| {
        let word = rule
            .words
            .iter()
            .find(|w| fields_contain(&fields, rule.field, w))?;
        Some(Verdict {
            category: rule.category,
            rule: i,
            word: word.clone(),
        })
    })
}

fn fields_contain(fields: &[(Field, String)], only: Option<Field>, word: &str) -> bool {
    let word = fold(word);
    if word.trim().is_empty() {
        return false;
    }
    fields
        .iter()
        .filter(|(f, _)| only.is_none_or(|only| only == *f))
        .any(|(_, text)| contains_word(text, &word))
}

use crate::names::fold;

/// A match at the start of a word (both sides folded): "prospect" finds "Prospecting" and "team"
/// finds "Teams", but "fix" does not find "prefix" nor "team" "steam".
fn contains_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        !before.is_some_and(char::is_alphanumeric)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::DateTime;
    use std::collections::BTreeMap;

    fn item(title: &str, fields: &[(Field, &str)]) -> Item {
        let t = DateTime::parse_from_rfc3339("2026-11-20T09:00:00+01:00").unwrap();
        Item {
            source: "ics:x".into(),
            start: t,
            end: t + chrono::Duration::minutes(30),
            title: title.into(),
            account: None,
            fields: fields
                .iter()
                .map(|(f, v)| (*f, v.to_string()))
                .collect::<BTreeMap<_, _>>(),
            written: None,
        }
    }

    fn rule(words: &[&str], category: Category, field: Option<Field>) -> Rule {
        Rule {
            words: words.iter().map(|w| w.to_string()).collect(),
            category,
            field,
        }
    }

    #[test]
    fn first_matching_rule_wins() {
        let rules = [
            rule(&["demo"], Category::Proactive, None),
            rule(&["support"], Category::Reactive, None),
        ];
        let v = categorise(&item("Support demo for ACME", &[]), &rules).unwrap();
        assert_eq!(v.category, Category::Proactive);
        assert_eq!((v.rule, v.word.as_str()), (0, "demo"));
    }

    #[test]
    fn words_match_whole_words_case_insensitively() {
        let rules = [rule(&["fix", "1:1"], Category::Reactive, None)];
        assert!(categorise(&item("Prefix naming", &[]), &rules).is_none());
        assert!(categorise(&item("FIX the invoice", &[]), &rules).is_some());
        assert!(categorise(&item("1:1 with Maria", &[]), &rules).is_some());
        assert!(categorise(&item("Ölfix", &[]), &rules).is_none());
        assert!(categorise(&item("Fixing the export", &[]), &rules).is_some());
    }

    #[test]
    fn accents_do_not_matter_on_either_side() {
        let rules = [
            rule(&["demo"], Category::Proactive, None),
            rule(&["Réunion"], Category::Other, None),
        ];
        let category = |title: &str| categorise(&item(title, &[]), &rules).map(|v| v.category);
        assert_eq!(category("Démo Helix"), Some(Category::Proactive));
        assert_eq!(category("DÉMO"), Some(Category::Proactive));
        assert_eq!(category("Reunion equipe"), Some(Category::Other));
        // Decomposed (e + U+0301), as macOS file names and some exports write it.
        assert_eq!(category("Re\u{301}union"), Some(Category::Other));
        assert_eq!(category("Dämon"), None);
    }

    #[test]
    fn a_field_rule_looks_only_in_that_field() {
        let rules = [rule(&["acme"], Category::Reactive, Some(Field::Account))];
        assert!(categorise(&item("ACME call", &[]), &rules).is_none());
        let mut with_account = item("Call", &[]);
        with_account.account = Some("ACME GmbH".into());
        assert_eq!(
            categorise(&with_account, &rules).unwrap().category,
            Category::Reactive
        );
    }

    #[test]
    fn every_field_is_searched_without_a_field() {
        let rules = [rule(&["escalation"], Category::Reactive, None)];
        for f in [
            Field::Description,
            Field::Location,
            Field::Organizer,
            Field::Attendees,
            Field::Categories,
            Field::Type,
        ] {
            let i = item("Call", &[(f, "Escalation room")]);
            assert!(categorise(&i, &rules).is_some(), "{f:?}");
        }
        assert!(categorise(&item("Call", &[]), &rules).is_none());
    }

    #[test]
    fn shipped_rules_sort_typical_sales_titles() {
        let rules = crate::config::Config::defaults().import.rules;
        let cases = [
            ("Discovery call – Nordwind AG", Some(Category::Proactive)),
            ("Demo for Helix", Some(Category::Proactive)),
            ("Escalation: invoice ACME", Some(Category::Reactive)),
            ("Customer complaint follow", Some(Category::Reactive)),
            ("Team weekly", Some(Category::Other)),
            ("1:1 Maria", Some(Category::Other)),
            ("Dentist", None),
        ];
        for (title, expect) in cases {
            let got = categorise(&item(title, &[]), &rules).map(|v| v.category);
            assert_eq!(got, expect, "{title}");
        }
    }
}
