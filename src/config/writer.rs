//! The one writer of the rep's config file: every setting the dashboard saves goes through
//! [`write_settings`]. Under a lock on the config's folder it re-reads the newest file, changes
//! only the keys asked for (comments, key order and every other key stay as they are), checks the
//! result with the same parser protime starts with, and only then replaces the file atomically
//! (mode 0600). A file that does not exist yet is written from the commented defaults.

use super::{Config, ConfigError, DEFAULT_TOML};
use crate::journal::JournalError;
use crate::journal::atomic::{JournalLock, write_atomic};
use std::path::Path;
use toml_edit::{DocumentMut, Item, Table, Value};

/// One key to set, by its dotted path (`workday.weekly_capacity_hours`).
#[derive(Debug, Clone, PartialEq)]
pub struct Setting {
    pub key: &'static str,
    pub value: SettingValue,
}

/// The values the dashboard writes.
#[derive(Debug, Clone, PartialEq)]
pub enum SettingValue {
    /// Written without a fraction when it is whole (`40`, not `40.0`).
    Number(f64),
    Text(String),
    List(Vec<String>),
    /// An array of tables (`[[objectives]]`), each with its keys: the tables already in the
    /// file keep their place and comments and get these keys; more are added after them.
    Tables(Vec<Vec<(&'static str, SettingValue)>>),
    /// Keys named at run time in a table (`[accounts.tier]`'s accounts): each is set, the
    /// table's other keys and comments stay.
    Keys(Vec<(String, SettingValue)>),
}

impl Setting {
    pub fn number(key: &'static str, value: f64) -> Setting {
        Setting {
            key,
            value: SettingValue::Number(value),
        }
    }

    pub fn list(key: &'static str, values: Vec<String>) -> Setting {
        Setting {
            key,
            value: SettingValue::List(values),
        }
    }
}

/// Why the config file was not written; the file is as it was.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("{0}")]
    Disk(#[from] JournalError),
    #[error("could not read the config file {path}: {source}")]
    Read {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
    /// The file on disk is not TOML (edited by hand since protime read it).
    #[error("{path} is not valid TOML ({message}): fix it, then try again; it was left as it is")]
    Syntax {
        path: std::path::PathBuf,
        message: String,
    },
    /// The result would not be a config protime can start with.
    #[error("the config would be invalid, so nothing was written: {0}")]
    Invalid(#[from] ConfigError),
}

/// The header a new config file starts with, in place of the defaults' own (which speaks of the
/// built-in file).
const NEW_FILE_HEADER: &str = "\
# protime's config, written from the defaults: every key is here with what it means. Change what
# you like; keys you delete take their default. Check the file with `protime config check`.
";

/// Sets `settings` in the config file at `path` and returns the config it now holds. Nothing is
/// written when the result would be invalid or the file cannot be read.
pub fn write_settings(path: &Path, settings: &[Setting]) -> Result<Config, WriteError> {
    let real = linked_file(path);
    let path = real.as_path();
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    // The folder itself is the lock, as for the journal: no lock file to leave behind or delete.
    let _lock = JournalLock::acquire(dir)?;
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => new_file_text(),
        Err(source) => {
            return Err(WriteError::Read {
                path: path.to_path_buf(),
                source,
            });
        }
    };
    let updated = apply(&text, settings).map_err(|message| WriteError::Syntax {
        path: path.to_path_buf(),
        message,
    })?;
    let config = Config::from_user_text(Some(&updated), &path.display().to_string())?;
    crate::journal::atomic::remove_stale_temps(path);
    write_atomic(path, updated.as_bytes())?;
    Ok(config)
}

/// The file a symlinked config points to (a dotfiles folder, say), so that the save replaces that
/// file and the link stays a link; `path` itself when it is not a link.
fn linked_file(path: &Path) -> std::path::PathBuf {
    let mut file = path.to_path_buf();
    // A bounded walk: a loop of links ends at the last one read instead of spinning.
    for _ in 0..40 {
        match std::fs::read_link(&file) {
            Ok(target) => file = file.parent().unwrap_or(Path::new("/")).join(target),
            Err(_) => break,
        }
    }
    file
}

/// The commented defaults under a header of their own.
fn new_file_text() -> String {
    // Skip the defaults' leading comment lines: the header replaces them.
    let body: String = DEFAULT_TOML
        .lines()
        .skip_while(|l| l.starts_with('#'))
        .map(|l| format!("{l}\n"))
        .collect();
    format!("{NEW_FILE_HEADER}{body}")
}

/// `text` with `settings` set: a key that exists keeps its place and its comments, a missing
/// one is added to its table (made when missing).
pub fn apply(text: &str, settings: &[Setting]) -> Result<String, String> {
    let mut doc: DocumentMut = text
        .parse()
        .map_err(|e: toml_edit::TomlError| e.message().trim_end().to_string())?;
    for setting in settings {
        set(doc.as_table_mut(), setting)?;
    }
    Ok(doc.to_string())
}

fn set(root: &mut Table, setting: &Setting) -> Result<(), String> {
    let mut parts: Vec<&str> = setting.key.split('.').collect();
    let leaf = parts.pop().unwrap_or(setting.key);
    let mut table: &mut dyn toml_edit::TableLike = root;
    for part in parts {
        if table.get(part).is_none() {
            table.insert(part, Item::Table(Table::new()));
        }
        table = table
            .get_mut(part)
            .and_then(Item::as_table_like_mut)
            .ok_or_else(|| format!("{part} is not a table"))?;
    }
    if let SettingValue::Tables(tables) = &setting.value {
        return set_tables(table, leaf, tables);
    }
    if let SettingValue::Keys(keys) = &setting.value {
        if table.get(leaf).is_none() {
            table.insert(leaf, Item::Table(Table::new()));
        }
        let inner = table
            .get_mut(leaf)
            .and_then(Item::as_table_like_mut)
            .ok_or_else(|| format!("{leaf} is not a table"))?;
        for (key, value) in keys {
            set_value(inner, key, to_value(value));
        }
        return Ok(());
    }
    set_value(table, leaf, to_value(&setting.value));
    Ok(())
}

/// Sets `leaf` in `table` to `value`, keeping the comment after an old value on its line.
fn set_value(table: &mut dyn toml_edit::TableLike, leaf: &str, mut value: Value) {
    match table.get_mut(leaf) {
        Some(Item::Value(old)) => {
            // The comment after the old value on its line stays.
            *value.decor_mut() = old.decor().clone();
            *old = value;
        }
        _ => {
            table.insert(leaf, Item::Value(value));
        }
    }
}

fn set_tables(
    parent: &mut dyn toml_edit::TableLike,
    leaf: &str,
    tables: &[Vec<(&'static str, SettingValue)>],
) -> Result<(), String> {
    if parent.get(leaf).is_none() {
        parent.insert(leaf, Item::ArrayOfTables(toml_edit::ArrayOfTables::new()));
    }
    let array = parent
        .get_mut(leaf)
        .and_then(Item::as_array_of_tables_mut)
        .ok_or_else(|| format!("{leaf} is not a list of tables"))?;
    for (i, fields) in tables.iter().enumerate() {
        if i >= array.len() {
            array.push(Table::new());
        }
        let table = array
            .get_mut(i)
            .ok_or_else(|| format!("{leaf}[{i}] is missing"))?;
        for (key, value) in fields {
            set_value(table, key, to_value(value));
        }
    }
    Ok(())
}

fn to_value(value: &SettingValue) -> Value {
    match value {
        SettingValue::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => Value::from(*n as i64),
        SettingValue::Number(n) => Value::from(*n),
        SettingValue::Text(t) => Value::from(t.as_str()),
        SettingValue::List(items) => Value::Array(
            items
                .iter()
                .map(String::as_str)
                .collect::<toml_edit::Array>(),
        ),
        // Tables are no inline value: `set` writes them itself.
        SettingValue::Tables(_) | SettingValue::Keys(_) => Value::from(""),
    }
}

#[cfg(test)]
#[path = "writer_test.rs"]
mod tests;
