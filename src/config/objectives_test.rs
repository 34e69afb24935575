use super::*;
use crate::config::Config;
use crate::config::writer::{apply as write_text, write_settings};

fn edit(name: &str, rename: Option<&str>, hours: Option<f64>) -> ObjectiveEdit {
    ObjectiveEdit {
        name: name.into(),
        rename: rename.map(String::from),
        weekly_hours: hours,
    }
}

fn two() -> Vec<Objective> {
    let config = Config::from_user_text(
        Some("[[objectives]]\nname = \"New logos\"\nweekly_hours = 6\n\n[[objectives]]\nname = \"Grow ACME\"\nweekly_hours = 3\n"),
        "mine.toml",
    )
    .unwrap();
    config.objectives
}

#[test]
fn an_objective_is_added_renamed_and_given_hours() {
    let added = apply(&two(), &edit("Renewals", None, Some(2.0))).unwrap();
    assert_eq!(added.len(), 3);
    assert_eq!(
        (added[2].name.as_str(), added[2].weekly_hours),
        ("Renewals", 2.0)
    );
    let renamed = apply(&added, &edit("new logos", Some("New logos Q4"), None)).unwrap();
    assert_eq!(renamed[0].name, "New logos Q4");
    assert_eq!(renamed[0].aliases, ["New logos"]);
    assert_eq!(renamed[0].weekly_hours, 6.0);
    // Found by its old name too, and renamed back it keeps no alias of its own name.
    let back = apply(&renamed, &edit("New logos", Some("New logos"), Some(8.0))).unwrap();
    assert_eq!(back[0].name, "New logos");
    assert_eq!(back[0].aliases, ["New logos Q4"]);
    assert_eq!(back[0].weekly_hours, 8.0);
}

#[test]
fn a_taken_or_empty_name_and_impossible_hours_are_refused() {
    let err = apply(&two(), &edit("New logos", Some("grow acme"), None)).unwrap_err();
    assert!(err.contains("another objective's name"), "{err}");
    assert!(apply(&two(), &edit(" ", None, None)).is_err());
    assert!(apply(&two(), &edit("New logos", None, Some(200.0))).is_err());
}

#[test]
fn a_renamed_objective_counts_the_days_that_name_it_the_old_way() {
    let renamed = apply(&two(), &edit("New logos", Some("New logos Q4"), None)).unwrap();
    let by_name = [("New logos", 90), ("New logos Q4", 30), ("Grow ACME", 10)]
        .map(|(n, m)| (n.to_string(), m))
        .into();
    assert_eq!(minutes_for(&renamed[0], &by_name), 120);
    assert_eq!(minutes_for(&renamed[1], &by_name), 10);
}

#[test]
fn the_writer_keeps_comments_and_the_file_reads_back() {
    let text = "# mine\n[[objectives]]\nname = \"New logos\" # the big one\nweekly_hours = 6\n";
    let list = apply(
        &Config::from_user_text(Some(text), "mine.toml")
            .unwrap()
            .objectives,
        &edit("New logos", Some("New logos Q4"), None),
    )
    .unwrap();
    let list = apply(&list, &edit("Renewals", None, Some(2.5))).unwrap();
    let written = write_text(text, &[setting(&list)]).unwrap();
    assert!(written.starts_with("# mine\n"), "{written}");
    assert!(
        written.contains("name = \"New logos Q4\" # the big one"),
        "{written}"
    );
    let back = Config::from_user_text(Some(&written), "mine.toml").unwrap();
    assert_eq!(back.objectives, list);
    // Through the locked, atomic writer, into a file that does not exist yet.
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("config.toml");
    let config = write_settings(&path, &[setting(&list)]).unwrap();
    assert_eq!(config.objectives, list);
}
