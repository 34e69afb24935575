use super::*;
use crate::journal::format::render_day;
use chrono::{FixedOffset, NaiveDate};

/// Every table and value form the plain shape has: literal strings, comments, integers.
const FULL: &str = "# hand-written\nschema = 1\ndate = \"2026-11-26\"\noff = 'half day' # after lunch\n\n[[block]]\nid = \"b1\"\nstart = \"09:00\"\nend = \"10:00\"\ncategory = \"proactive\"\ntitle = 'Calls \"hot\"'\nkind = \"inbox\"\n\n[[session]]\nid = \"s1\"\nstart = \"2026-11-26T09:00:00+01:00\"\nend = \"2026-11-26T09:30:00+01:00\"\ncategory = \"reactive\"\nkind = \"interruption\"\naccount = \"ACME\"\n\n[review]\ndecided = \"partly\"\nnote = \"fine\"\n\n[[parked]]\nid = \"p1\"\ntext = \"reply Anna\"\nadded = \"2026-11-26T09:10:00+01:00\"\nfrom = \"2026-11-25\"\n\n[timer]\nphase = \"long_break\"\nround = +2\nlength = 1800\ndone = 0\ncategory = \"proactive\"\n";

fn full_parse(text: &str) -> Option<Day> {
    toml::from_str::<Day>(text).ok()
}

#[test]
fn every_generated_day_reads_as_with_the_full_parser() {
    let end = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    let offset = FixedOffset::east_opt(3600).unwrap();
    for day in crate::synth::generate(7, end, 60, offset) {
        let text = render_day(&day, None);
        assert_eq!(read(&text), Some(day), "{text}");
    }
}

#[test]
fn every_table_and_value_form_reads_as_with_the_full_parser() {
    let day = read(FULL);
    assert!(day.is_some(), "the plain shape was refused");
    assert_eq!(day, full_parse(FULL));
}

#[test]
fn texts_outside_the_plain_shape_are_left_to_the_full_parser() {
    let head = "schema = 1\ndate = \"2026-11-26\"\n";
    for tail in [
        "off = \"a\\tb\"\n",           // escape
        "off = \"\"\"x\"\"\"\n",       // multi-line string
        "off = '''x'''\n",             // multi-line literal
        "\"off\" = \"x\"\n",           // quoted key
        "review.note = \"x\"\n",       // dotted key
        "review = { note = \"x\" }\n", // inline table
        "off = \"x\"\noff = \"y\"\n",  // key given twice
        "[review]\n[review]\n",        // table given twice
        "[[review]]\n[review]\n",      // array, then table
        "[review]\n[[review]]\n",      // table, then array
        "[ review ]\n",                // spaces in a header
        "off = 2026-11-26\n",          // bare date
        "off = true\n",                // boolean
        "off = 1.5\n",                 // float
        "off = 01\n",                  // leading zero
        "off = 1_000\n",               // underscore
        "off = [\"x\"]\n",             // array
        "off = \"x\" y\n",             // text after the value
        "# bell \u{7}\n",              // control character in a comment
        "off = \"x\"\r\n",             // CRLF
        "off = \"x\u{1}\"\n",          // control character in a string
        "[[block]]\nid = 7\n",         // a value serde refuses
    ] {
        let text = format!("{head}{tail}");
        assert_eq!(read(&text), None, "{text:?}");
    }
    assert_eq!(read(&format!("\u{feff}{head}")), None);
}

/// Small edits anywhere in the text: the lean reader either refuses the result or reads exactly
/// what the full parser reads, so it can never change what a file means.
#[test]
fn any_small_edit_reads_as_with_the_full_parser_or_is_refused() {
    let inserts = [
        " ", "\"", "'", "\\", "#", "=", "[", "]", ".", "0", "-", "x", "\n", "\t", "\u{7}", "é",
    ];
    let cuts: Vec<usize> = FULL.char_indices().map(|(i, _)| i).collect();
    let mut read_lean = 0;
    for &at in &cuts {
        let (before, after) = FULL.split_at(at);
        let mut edits: Vec<String> = inserts
            .iter()
            .map(|s| format!("{before}{s}{after}"))
            .collect();
        edits.push(format!(
            "{before}{}",
            &after[after.chars().next().map_or(0, char::len_utf8)..]
        ));
        for text in edits {
            if let Some(day) = read(&text) {
                read_lean += 1;
                assert_eq!(Some(day), full_parse(&text), "{text:?}");
            }
        }
    }
    assert!(
        read_lean > cuts.len(),
        "too few edits stayed in the plain shape: {read_lean}"
    );
}
