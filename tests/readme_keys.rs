//! The README's key tables list exactly the keys of the dashboard's key tables, so the two cannot
//! drift apart: a key added, removed or moved in the code fails here until the README says so.

use std::collections::BTreeSet;

/// The keys named in the first column of the table after `<!-- keys: NAME -->`.
fn readme_keys(readme: &str, name: &str) -> Option<BTreeSet<String>> {
    let marker = format!("<!-- keys: {name} -->");
    let after = &readme[readme.find(&marker)? + marker.len()..];
    let rows = after
        .lines()
        .skip_while(|l| l.trim().is_empty())
        .take_while(|l| l.starts_with('|'))
        .skip(2);
    Some(
        rows.flat_map(|row| keys_in(row.split('|').nth(1).unwrap_or("")))
            .collect(),
    )
}

/// "`1`–`5`, or a click" → 1 2 3 4 5; "`u` / `U` (or `Ctrl-R`)" → u U Ctrl-R.
fn keys_in(cell: &str) -> Vec<String> {
    let parts: Vec<&str> = cell.split('`').collect();
    let mut keys: Vec<String> = vec![];
    for (i, key) in parts.iter().enumerate().skip(1).step_by(2) {
        let between = parts.get(i - 1).copied().unwrap_or("");
        let range_start = keys.last().and_then(|k| k.parse::<u32>().ok());
        match (between == "–", range_start, key.parse::<u32>()) {
            (true, Some(from), Ok(to)) => keys.extend((from + 1..=to).map(|n| n.to_string())),
            _ => keys.push((*key).to_string()),
        }
    }
    keys
}

#[test]
fn every_readme_key_table_matches_the_dashboard() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    for (name, keys) in protime::tui::app::key_tables() {
        let Some(listed) = readme_keys(&readme, name) else {
            panic!("README.md has no table after <!-- keys: {name} -->");
        };
        let missing: Vec<_> = keys.difference(&listed).collect();
        let extra: Vec<_> = listed.difference(&keys).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "README's {name} keys: missing {missing:?}, not in the dashboard {extra:?}"
        );
    }
}

#[test]
fn a_cell_reads_ranges_and_alternatives() {
    assert_eq!(
        keys_in("`1`–`5`, or a click"),
        vec!["1", "2", "3", "4", "5"]
    );
    assert_eq!(keys_in("`u` / `U` (or `Ctrl-R`)"), vec!["u", "U", "Ctrl-R"]);
}
