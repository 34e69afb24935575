//! Config problems told the way a rep can fix them: the file, the line and column of the key in
//! it, the key's path (`timer.focus_minutes`, `inbox.slots[0].end`), the value as written and
//! what the key allows.
//!
//! The config is checked as one merged value (defaults overlaid with the rep's file), which has
//! no line numbers; the key's path is looked up again in the rep's own text to find the line.

use std::fmt;
use std::ops::Range;
use std::path::PathBuf;
use toml::de::{DeTable, DeValue};

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error(
        "could not read the config file {path}: {source}. Check the path, or run without --config."
    )]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    /// Text that is not TOML at all.
    #[error("{origin}:{line}:{column}: {message}")]
    Syntax {
        origin: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{at}: unknown key {key}: {allowed}")]
    Unknown {
        at: Place,
        key: String,
        allowed: String,
    },
    #[error("{at}: {key} is missing: add it")]
    Missing { at: Place, key: String },
    #[error("{at}: {key} = {value}: {allowed}")]
    Invalid {
        at: Place,
        key: String,
        value: String,
        allowed: String,
    },
    /// A value its own parser refused, with a message that already quotes it.
    #[error("{at}: {key}: {message}")]
    Refused {
        at: Place,
        key: String,
        message: String,
    },
}

/// Where a problem is: the file, and the line and column when the file has the key (or, for a
/// default, the table around it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub origin: String,
    pub line_column: Option<(usize, usize)>,
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line_column {
            Some((line, column)) => write!(f, "{}:{line}:{column}", self.origin),
            None => f.write_str(&self.origin),
        }
    }
}

/// The 1-based line and column (in characters) of byte `offset` of `text`.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// The rep's file, parsed again with the position of every key and value.
pub struct UserFile<'a> {
    origin: &'a str,
    text: &'a str,
    doc: Option<DeTable<'a>>,
}

/// What the rep's file holds at a key's path.
enum Found {
    /// The key itself: where to point, and the value's text.
    Key(usize, Range<usize>),
    /// Not the key, but the nearest table around it.
    Around(usize),
    Nothing,
}

impl<'a> UserFile<'a> {
    pub fn new(origin: &'a str, text: Option<&'a str>) -> UserFile<'a> {
        let text = text.unwrap_or("");
        let doc = DeTable::parse(text).ok().map(|d| d.into_inner());
        UserFile { origin, text, doc }
    }

    fn place(&self, offset: Option<usize>) -> Place {
        Place {
            origin: self.origin.to_string(),
            line_column: offset.map(|o| line_column(self.text, o)),
        }
    }

    /// A problem found by validation, placed at its key when the file sets it; a default the
    /// file's other values made wrong is marked so and placed at the table the rep changed.
    pub fn place_invalid(&self, e: ConfigError) -> ConfigError {
        let ConfigError::Invalid {
            key,
            value,
            allowed,
            ..
        } = e
        else {
            return e;
        };
        let (offset, value) = match self.find(&key) {
            Found::Key(at, _) => (Some(at), value),
            Found::Around(at) => (Some(at), format!("{value} (the default)")),
            Found::Nothing => (None, format!("{value} (the default)")),
        };
        ConfigError::Invalid {
            at: self.place(offset),
            key,
            value,
            allowed,
        }
    }

    /// A merged config that does not fit its types, as the key it is about.
    pub fn explain(&self, e: serde_path_to_error::Error<toml::de::Error>) -> ConfigError {
        let path = e.path().to_string();
        let message = e.inner().message().trim_end();
        if message.starts_with("unknown field `") {
            let allowed = match message.rsplit_once(", expected ") {
                Some((_, keys)) => {
                    let keys = keys.trim_start_matches("one of ");
                    format!("the keys here are {}", plain_list(keys, false))
                }
                None => "this table takes no keys".to_string(),
            };
            let at = self.place(self.find(&path).offset());
            return ConfigError::Unknown {
                at,
                key: path,
                allowed,
            };
        }
        if let Some(field) = message.strip_prefix("missing field `") {
            let key = join(&path, field.trim_end_matches('`'));
            let at = self.place(self.find(&path).offset());
            return ConfigError::Missing { at, key };
        }
        let (offset, value) = match self.find(&path) {
            Found::Key(at, value) => (Some(at), Some(self.written(value))),
            found => (found.offset(), None),
        };
        let at = self.place(offset);
        match (value, expected(message)) {
            (Some(value), Some(expected)) => ConfigError::Invalid {
                allowed: allowed(&path, expected),
                at,
                key: path,
                value,
            },
            _ => ConfigError::Refused {
                at,
                key: path,
                message: message.to_string(),
            },
        }
    }

    /// The value as the rep wrote it, on one line.
    fn written(&self, span: Range<usize>) -> String {
        let text = self.text.get(span).unwrap_or("");
        match text.split_once('\n') {
            Some((first, _)) => format!("{} …", first.trim_end()),
            None => text.to_string(),
        }
    }

    /// Walks `path` (`a.b[2].c`) through the rep's file.
    fn find(&self, path: &str) -> Found {
        let Some(mut table) = self.doc.as_ref() else {
            return Found::Nothing;
        };
        let mut found = Found::Nothing;
        let mut steps = steps(path).into_iter().peekable();
        while let Some((name, indices)) = steps.next() {
            let Some((key, mut value)) = table.get_key_value(name) else {
                return found.around();
            };
            // A `[table]` header's key starts after its bracket: point at the line's start.
            let mut at = key.span().start.min(value.span().start);
            for i in indices {
                let DeValue::Array(items) = value.get_ref() else {
                    return Found::Key(at, value.span()).around();
                };
                let Some(item) = items.get(i) else {
                    return Found::Key(at, value.span()).around();
                };
                (at, value) = (item.span().start, item);
            }
            found = Found::Key(at, value.span());
            if steps.peek().is_some() {
                let DeValue::Table(inner) = value.get_ref() else {
                    return found.around();
                };
                table = inner;
            }
        }
        found
    }
}

impl Found {
    fn offset(&self) -> Option<usize> {
        match self {
            Found::Key(at, _) | Found::Around(at) => Some(*at),
            Found::Nothing => None,
        }
    }

    /// What was found so far holds the key but is not it.
    fn around(self) -> Found {
        match self.offset() {
            Some(at) => Found::Around(at),
            None => Found::Nothing,
        }
    }
}

/// `a.b[2][0].c` as (`a`, []), (`b`, [2, 0]), (`c`, []).
fn steps(path: &str) -> Vec<(&str, Vec<usize>)> {
    path.split('.')
        .map(|step| {
            let mut parts = step.split('[');
            let name = parts.next().unwrap_or("");
            let indices = parts
                .filter_map(|p| p.trim_end_matches(']').parse().ok())
                .collect();
            (name, indices)
        })
        .collect()
}

/// `field` inside the table at `path` (`.` is serde_path_to_error's name for the top).
fn join(path: &str, field: &str) -> String {
    if path == "." {
        field.to_string()
    } else {
        format!("{path}.{field}")
    }
}

/// What serde says it expected, from its standard messages ("invalid type: string \"40\",
/// expected f64"); `None` for a message of a value's own parser.
fn expected(message: &str) -> Option<&str> {
    let standard = [
        "invalid type: ",
        "invalid value: ",
        "invalid length ",
        "unknown variant `",
    ];
    if !standard.iter().any(|s| message.starts_with(s)) {
        return None;
    }
    // The last one: a quoted value could itself hold ", expected ".
    message.rsplit_once(", expected ").map(|(_, e)| e)
}

/// What `key` allows, in words: its rule when it has one, else the type serde expected.
fn allowed(key: &str, expected: &str) -> String {
    let whole = matches!(
        expected,
        "u8" | "u16" | "u32" | "u64" | "usize" | "i8" | "i16" | "i32" | "i64" | "isize"
    );
    match (super::number_rule(key), whole) {
        (Some(rule), true) => format!("{} (a whole number)", rule.allowed),
        (Some(rule), false) => rule.allowed.to_string(),
        (None, _) => plain_type(expected),
    }
}

/// serde's name for an expected type, as a rep would say it.
fn plain_type(expected: &str) -> String {
    match expected {
        "u8" | "u16" | "u32" | "u64" | "usize" => "a whole number, 0 or more".into(),
        "i8" | "i16" | "i32" | "i64" | "isize" => "a whole number".into(),
        "f32" | "f64" => "a number".into(),
        "a boolean" => "true or false".into(),
        // "string only": toml's word for a name from a fixed list (`weekdays = [3]`).
        "a string" | "string only" => "text in quotes".into(),
        "a sequence" => "a list in square brackets, like [\"a\", \"b\"]".into(),
        "a map" => "a table: a [section] with its keys below it".into(),
        e if e.starts_with("struct ") => "a table: a [section] with its keys below it".into(),
        e if e.contains('`') => plain_list(e, true),
        e => e.to_string(),
    }
}

/// serde's "one of `a`, `b`" (or "`a` or `b`") with the names quoted as TOML text (`values`)
/// or bare, as keys are written.
fn plain_list(list: &str, values: bool) -> String {
    let quote = if values { "\"" } else { "" };
    list.split('`')
        .enumerate()
        .map(|(i, part)| {
            if i % 2 == 1 {
                format!("{quote}{part}{quote}")
            } else {
                part.to_string()
            }
        })
        .collect()
}
