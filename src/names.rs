//! Names a rep types in many spellings: "Démo" and "DEMO", "ACME GmbH" and "acme gmbh".

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Lower case without accents, so that "Démo" and "DEMO" both match the word "demo" and "réunion"
/// matches "Reunion": reps type titles in many languages, and rules are written once.
pub fn fold(text: &str) -> String {
    text.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// An account as the journal already spells it when `typed` is the same name ignoring case,
/// accents and spaces ("globex " → "Globex"); otherwise `typed`, trimmed. One account, one name,
/// so "which customers eat my time" adds up.
pub fn canonical_account(typed: &str, known: &[String]) -> String {
    let key = |text: &str| fold(text).split_whitespace().collect::<String>();
    let wanted = key(typed);
    known
        .iter()
        .find(|k| key(k) == wanted)
        .cloned()
        .unwrap_or_else(|| typed.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_account_typed_another_way_takes_the_known_spelling() {
        let known = vec!["Globex".to_string(), "Müller & Söhne".to_string()];
        assert_eq!(canonical_account(" globex ", &known), "Globex");
        assert_eq!(canonical_account("muller&sohne", &known), "Müller & Söhne");
        assert_eq!(
            canonical_account("MULLER & SOHNE", &known),
            "Müller & Söhne"
        );
        assert_eq!(canonical_account(" Initech ", &known), "Initech");
    }
}
