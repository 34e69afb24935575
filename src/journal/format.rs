//! The day file's TOML: parsing with precise error positions, and writing that keeps a hand-edited
//! file's comments and key order.

use super::error::JournalError;
use crate::domain::day::FIRST_SCHEMA;
use crate::domain::{Day, SCHEMA};
use chrono::NaiveDate;
use std::path::Path;
use toml_edit::{ArrayOfTables, DocumentMut, Item, Table};

/// Reads a day file's text. `date` is the day the file name claims.
pub fn parse_day(text: &str, path: &Path, date: NaiveDate) -> Result<Day, JournalError> {
    let parse_error = |span: Option<std::ops::Range<usize>>, message: String| {
        let (line, column) = line_column(text, span.map_or(0, |s| s.start));
        JournalError::Parse {
            path: path.to_path_buf(),
            line,
            column,
            message,
        }
    };
    if text.trim().is_empty() {
        return Err(parse_error(
            None,
            "the file is empty (cut short by a crash or a sync tool?)".into(),
        ));
    }
    // The common case parses once, with the lean reader when the file has the plain shape
    // protime writes; only a file that fails is read again as a plain table, so a newer schema or
    // a missing `schema` line gets its own message rather than a field error.
    let parsed = super::lean::read(text).map_or_else(|| toml::from_str::<Day>(text), Ok);
    let day: Day = match parsed {
        Ok(day) => day,
        Err(e) => {
            let table: toml::Table = toml::from_str(text)
                .map_err(|e| parse_error(e.span(), e.message().trim_end().to_string()))?;
            check_schema(&table, text, path)?;
            return Err(parse_error(e.span(), e.message().trim_end().to_string()));
        }
    };
    if !(FIRST_SCHEMA..=SCHEMA).contains(&day.schema) {
        let mut table = toml::Table::new();
        table.insert("schema".into(), toml::Value::Integer(i64::from(day.schema)));
        check_schema(&table, text, path)?;
    }
    if day.date != date {
        let at = text.find("date").map(|i| i..i);
        return Err(parse_error(
            at,
            format!(
                "the file says date = {} but its name is for {date}",
                day.date
            ),
        ));
    }
    let problem = super::sanity::impossible_time(&day, text)
        .or_else(|| super::sanity::duplicate_id(&day, text));
    if let Some((message, line)) = problem {
        return Err(JournalError::Parse {
            path: path.to_path_buf(),
            line,
            column: 1,
            message,
        });
    }
    Ok(day)
}

fn check_schema(table: &toml::Table, text: &str, path: &Path) -> Result<(), JournalError> {
    let line = text
        .lines()
        .position(|l| l.trim_start().starts_with("schema"))
        .map_or(1, |i| i + 1);
    match table.get("schema") {
        Some(toml::Value::Integer(n)) if *n > i64::from(SCHEMA) => {
            Err(JournalError::FutureSchema {
                path: path.to_path_buf(),
                line,
                found: *n,
                supported: SCHEMA,
            })
        }
        Some(toml::Value::Integer(n))
            if (i64::from(FIRST_SCHEMA)..=i64::from(SCHEMA)).contains(n) =>
        {
            Ok(())
        }
        Some(other) => Err(JournalError::Parse {
            path: path.to_path_buf(),
            line,
            column: 1,
            message: format!(
                "schema = {other} is not a journal version this protime knows (it reads {FIRST_SCHEMA} to {SCHEMA})"
            ),
        }),
        None => Err(JournalError::Parse {
            path: path.to_path_buf(),
            line: 1,
            column: 1,
            message: format!(
                "the file has no `schema = {FIRST_SCHEMA}` line, so it is not a protime day"
            ),
        }),
    }
}

/// 1-based line and column of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// Writes `day` as TOML. When `previous` (the file as it is on disk) is given, its comments,
/// layout and key order are kept and only what changed is rewritten.
pub fn render_day(day: &Day, previous: Option<&str>) -> String {
    let mut fresh = fresh_document(day);
    match previous.and_then(|text| text.parse::<DocumentMut>().ok()) {
        Some(mut doc) => {
            // Tables carry their place in the text they were parsed from; the fresh document's
            // places mean nothing in the previous file, so they are moved past all of its tables.
            let after = last_position(doc.as_table()) + 1;
            for_each_table(fresh.as_table_mut(), &mut |t| {
                t.set_position(after + t.position().unwrap_or(0));
            });
            merge_table(doc.as_table_mut(), fresh.as_table());
            order_arrays(doc.as_table_mut(), after);
            doc.to_string()
        }
        None => fresh.to_string(),
    }
}

fn last_position(root: &Table) -> isize {
    let mut last = 0;
    for (_, item) in root.iter() {
        match item {
            Item::Table(t) => last = last.max(t.position().unwrap_or(0)),
            Item::ArrayOfTables(a) => {
                for t in a.iter() {
                    last = last.max(t.position().unwrap_or(0));
                }
            }
            _ => {}
        }
    }
    last
}

/// Calls `f` on every table below `root` (the day file has no deeper nesting than this).
fn for_each_table(root: &mut Table, f: &mut impl FnMut(&mut Table)) {
    for (_, item) in root.iter_mut() {
        match item {
            Item::Table(t) => f(t),
            Item::ArrayOfTables(a) => a.iter_mut().for_each(&mut *f),
            _ => {}
        }
    }
}

/// toml_edit writes tables in the order of their positions, not their order in the array, so
/// after a merge the `[[block]]`/`[[session]]` entries must get positions in array order: a kept
/// entry keeps its place when it can (so hand layout survives), a moved or new one goes right
/// after the entry before it (equal positions keep array order). A new first entry goes before
/// the first kept one; an array with no kept entry stays after the previous file's tables.
fn order_arrays(root: &mut Table, new_from: isize) {
    for (_, item) in root.iter_mut() {
        let Item::ArrayOfTables(array) = item else {
            continue;
        };
        let first_kept = array
            .iter()
            .filter_map(Table::position)
            .find(|p| *p < new_from);
        let mut floor = first_kept;
        for table in array.iter_mut() {
            let at = table.position().unwrap_or(new_from);
            let place = match floor {
                Some(f) if at < new_from && at >= f => at,
                Some(f) => f,
                None => at,
            };
            table.set_position(place);
            floor = Some(place);
        }
    }
}

fn fresh_document(day: &Day) -> DocumentMut {
    // A Day always serialises: every field is a string, number, table or array of tables.
    let text = toml::to_string(day).unwrap_or_else(|e| panic!("day serialises: {e}"));
    text.parse()
        .unwrap_or_else(|e| panic!("serialised day parses: {e}"))
}

fn merge_table(old: &mut Table, new: &Table) {
    let stale: Vec<String> = old
        .iter()
        .map(|(k, _)| k.to_string())
        .filter(|k| !new.contains_key(k))
        .collect();
    for key in stale {
        old.remove(&key);
    }
    for (key, new_item) in new.iter() {
        match old.get_mut(key) {
            Some(old_item) => merge_item(old_item, new_item),
            None => insert_in_order(old, new, key, new_item.clone()),
        }
    }
}

/// Inserts a key the old table lacks right after the nearest key that precedes it in the fresh
/// document (so a session's new `end` lands after its `start`), keeping every other key in place.
fn insert_in_order(old: &mut Table, new: &Table, key: &str, item: Item) {
    let fresh_order: Vec<&str> = new.iter().map(|(k, _)| k).collect();
    let index = fresh_order.iter().position(|k| *k == key).unwrap_or(0);
    let anchor = fresh_order[..index]
        .iter()
        .rev()
        .find(|k| old.contains_key(k));
    let mut entries: Vec<(toml_edit::Key, Item)> = old
        .iter()
        .filter_map(|(k, _)| old.get_key_value(k).map(|(k, v)| (k.clone(), v.clone())))
        .collect();
    let at = anchor
        .and_then(|a| entries.iter().position(|(k, _)| k.get() == *a))
        .map_or(0, |i| i + 1);
    entries.insert(at, (toml_edit::Key::new(key), item));
    old.clear();
    for (k, v) in entries {
        old.insert_formatted(&k, v);
    }
}

fn merge_item(old: &mut Item, new: &Item) {
    match (old, new) {
        (Item::Table(o), Item::Table(n)) => merge_table(o, n),
        (Item::ArrayOfTables(o), Item::ArrayOfTables(n)) => merge_tables_by_id(o, n),
        (Item::Value(o), Item::Value(n)) => {
            if o.to_string().trim() != n.to_string().trim() {
                let decor = o.decor().clone();
                *o = n.clone();
                *o.decor_mut() = decor;
            }
        }
        (o, n) => *o = n.clone(),
    }
}

/// Matches `[[block]]` / `[[session]]` entries by their `id`, so a comment above an entry stays
/// with that entry even when others are added, removed or reordered.
fn merge_tables_by_id(old: &mut ArrayOfTables, new: &ArrayOfTables) {
    let id_of = |t: &Table| t.get("id").and_then(|i| i.as_str()).map(str::to_string);
    // Each previous entry is used once, so two entries with the same id (a hand edit) each keep
    // their own comments.
    let mut unused: Vec<Option<&Table>> = old.iter().map(Some).collect();
    let mut merged = ArrayOfTables::new();
    for new_table in new.iter() {
        let id = id_of(new_table);
        let previous = unused
            .iter_mut()
            .find(|t| t.is_some_and(|t| id.is_some() && id_of(t) == id))
            .and_then(Option::take);
        let mut table = previous.cloned().unwrap_or_else(|| new_table.clone());
        merge_table(&mut table, new_table);
        merged.push(table);
    }
    *old = merged;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Block, BlockKind, Category};
    use chrono::NaiveTime;

    fn date() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
    }

    fn block(id: &str, title: &str) -> Block {
        Block {
            id: id.into(),
            start: NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
            end: NaiveTime::from_hms_opt(10, 0, 0).unwrap(),
            category: Category::Proactive,
            title: title.into(),
            kind: BlockKind::Work,
            account: None,
            objective: None,
            source: None,
        }
    }

    #[test]
    fn fresh_file_reads_like_the_readme_example() {
        let mut day = Day::new(date());
        day.blocks.push(block("b1", "Prospecting calls"));
        insta::assert_snapshot!(render_day(&day, None), @r#"
        schema = 1
        date = "2026-11-26"

        [[block]]
        id = "b1"
        start = "09:00"
        end = "10:00"
        category = "proactive"
        title = "Prospecting calls"
        "#);
    }

    #[test]
    fn keeps_comments_and_order_of_a_hand_edited_file() {
        let hand = "# my week is mad\ndate = \"2026-11-26\"\nschema = 1\n\n# the important one\n[[block]]\ntitle = \"Calls\" # keep going\nid = \"b1\"\ncategory = \"proactive\"\nstart = \"09:00\"\nend = \"10:00\"\n";
        let mut day = parse_day(hand, Path::new("x.toml"), date()).unwrap();
        day.blocks[0].end = NaiveTime::from_hms_opt(10, 30, 0).unwrap();
        day.blocks.push(block("b2", "Proposal"));
        let out = render_day(&day, Some(hand));
        assert!(
            out.starts_with("# my week is mad\ndate = \"2026-11-26\"\nschema = 1\n"),
            "{out}"
        );
        assert!(
            out.contains(
                "# the important one\n[[block]]\ntitle = \"Calls\" # keep going\nid = \"b1\""
            ),
            "{out}"
        );
        assert!(out.contains("end = \"10:30\""), "{out}");
        assert_eq!(parse_day(&out, Path::new("x.toml"), date()).unwrap(), day);
    }

    #[test]
    fn a_key_added_later_lands_beside_its_neighbours() {
        let open = "schema = 1\ndate = \"2026-11-26\"\n\n[[session]]\nid = \"s1\"\nstart = \"2026-11-26T09:00:00+01:00\"\ncategory = \"proactive\"\nkind = \"focus\"\n";
        let mut day = parse_day(open, Path::new("d.toml"), date()).unwrap();
        day.sessions[0].end =
            Some(chrono::DateTime::parse_from_rfc3339("2026-11-26T09:30:00+01:00").unwrap());
        let out = render_day(&day, Some(open));
        assert!(
            out.contains("start = \"2026-11-26T09:00:00+01:00\"\nend = \"2026-11-26T09:30:00+01:00\"\ncategory"),
            "{out}"
        );
    }

    #[test]
    fn an_entry_put_before_kept_ones_stays_first() {
        // The fresh rendering puts the new block first, so the new session's place in it comes
        // after the kept session's place in the previous file.
        let hand = "schema = 1\ndate = \"2026-11-26\"\n\n# kept\n[[session]]\nid = \"s2\"\nstart = \"2026-11-26T10:00:00+01:00\"\ncategory = \"proactive\"\nkind = \"focus\"\n";
        let mut day = parse_day(hand, Path::new("x.toml"), date()).unwrap();
        let mut earlier = day.sessions[0].clone();
        earlier.id = "s1".into();
        day.sessions.insert(0, earlier);
        day.blocks.push(block("b1", "Calls"));
        let out = render_day(&day, Some(hand));
        assert_eq!(
            parse_day(&out, Path::new("x.toml"), date()).unwrap(),
            day,
            "{out}"
        );
        assert!(out.contains("# kept\n[[session]]\nid = \"s2\""), "{out}");
    }

    #[test]
    fn entries_sharing_an_id_are_refused_at_the_second_one() {
        let hand = "schema = 1\ndate = \"2026-11-26\"\n\n# first\n[[block]]\nid = \"b1\"\nstart = \"09:00\"\nend = \"10:00\"\ncategory = \"proactive\"\ntitle = \"A\"\n\n# second\n[[block]]\nid = \"b1\"\nstart = \"09:00\"\nend = \"10:00\"\ncategory = \"proactive\"\ntitle = \"B\"\n";
        let Err(JournalError::Parse { line, message, .. }) =
            parse_day(hand, Path::new("x.toml"), date())
        else {
            panic!("a day with one id twice must be refused");
        };
        assert_eq!(line, 14);
        assert!(message.contains("given twice"), "{message}");
    }

    #[test]
    fn syntax_error_names_line_and_column() {
        let text = "schema = 1\ndate = \"2026-11-26\"\n[[block]\n";
        let err = parse_day(text, Path::new("j/2026-11-26.toml"), date()).unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("j/2026-11-26.toml:3:"), "{msg}");
        assert!(msg.contains("never writes over"), "{msg}");
    }

    #[test]
    fn bad_value_names_its_line() {
        let text = "schema = 1\ndate = \"2026-11-26\"\n\n[[block]]\nid = \"b1\"\nstart = \"25:00\"\nend = \"10:00\"\ncategory = \"proactive\"\ntitle = \"x\"\n";
        let msg = parse_day(text, Path::new("d.toml"), date())
            .unwrap_err()
            .to_string();
        assert!(msg.starts_with("d.toml:6:"), "{msg}");
        assert!(msg.contains("25:00"), "{msg}");
    }

    #[test]
    fn future_schema_and_empty_and_wrong_date_are_refused() {
        let p = Path::new("d.toml");
        let future = parse_day("schema = 3\ndate = \"2026-11-26\"\n", p, date()).unwrap_err();
        assert!(
            matches!(future, JournalError::FutureSchema { found: 3, .. }),
            "{future}"
        );
        let zero = parse_day("schema = 0\ndate = \"2026-11-26\"\n", p, date()).unwrap_err();
        assert!(zero.to_string().contains("reads 1 to 2"), "{zero}");
        assert!(parse_day("schema = 2\ndate = \"2026-11-26\"\n", p, date()).is_ok());
        assert!(
            parse_day("", p, date())
                .unwrap_err()
                .to_string()
                .contains("empty")
        );
        let wrong = parse_day("schema = 1\ndate = \"2026-11-25\"\n", p, date()).unwrap_err();
        assert!(
            wrong.to_string().contains("its name is for 2026-11-26"),
            "{wrong}"
        );
        assert!(
            parse_day("date = \"2026-11-26\"\n", p, date())
                .unwrap_err()
                .to_string()
                .contains("no `schema")
        );
    }
}
