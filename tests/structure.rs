//! The dashboard's shape, checked on its source: the app and the tabs do not import each other,
//! `App` shows no field, and files and functions stay small enough to read.

use std::path::{Path, PathBuf};

const MAX_FILE_LINES: usize = 400;
const MAX_FN_LINES: usize = 60;

fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut files = vec![];
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(sources(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files.sort();
    files
}

fn tui() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src/tui")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn the_tabs_never_import_the_app() {
    for file in sources(&tui().join("tabs"))
        .into_iter()
        .chain([tui().join("shared.rs")])
    {
        let text = read(&file);
        for needle in ["tui::app", "super::app", "super::super::app"] {
            assert!(
                !text.contains(needle),
                "{} imports {needle}",
                file.display()
            );
        }
    }
}

#[test]
fn app_has_no_public_field() {
    let text = read(&tui().join("app/mod.rs"));
    let body = text
        .split("pub struct App {")
        .nth(1)
        .and_then(|rest| rest.split("\n}").next())
        .expect("struct App in app/mod.rs");
    let public: Vec<&str> = body
        .lines()
        .filter(|l| l.trim_start().starts_with("pub "))
        .collect();
    assert!(public.is_empty(), "public fields on App: {public:?}");
}

/// Each `fn` with the number of lines to its closing brace (at the same indent).
fn functions(text: &str) -> Vec<(usize, usize, String)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut found = vec![];
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        let is_fn = [
            "fn ",
            "pub fn ",
            "pub(crate) fn ",
            "pub(super) fn ",
            "const fn ",
            "pub const fn ",
        ]
        .iter()
        .any(|p| trimmed.starts_with(p));
        if !is_fn || line.trim_end().ends_with(';') {
            continue;
        }
        let indent = &line[..line.len() - trimmed.len()];
        let close = format!("{indent}}}");
        if let Some(end) = lines[i..].iter().position(|l| l.trim_end() == close) {
            found.push((i + 1, end + 1, trimmed.to_string()));
        }
    }
    found
}

#[test]
fn files_and_functions_stay_small() {
    let mut too_big = vec![];
    for file in sources(&tui()) {
        let text = read(&file);
        let lines = text.lines().count();
        if lines >= MAX_FILE_LINES {
            too_big.push(format!("{}: {lines} lines", file.display()));
        }
        for (at, length, name) in functions(&text) {
            if length >= MAX_FN_LINES {
                too_big.push(format!("{}:{at}: {length} lines: {name}", file.display()));
            }
        }
    }
    assert!(too_big.is_empty(), "{}", too_big.join("\n"));
}

#[test]
fn a_long_function_is_measured_to_its_own_brace() {
    let text = "impl A {\n    fn f() {\n        if x {\n        }\n    }\n}\n";
    assert_eq!(functions(text), vec![(2, 4, "fn f() {".to_string())]);
}
