//! A fast reader for day files in the plain shape protime writes: `[table]` and `[[array]]`
//! headers, `key = "text"`, `key = 'text'` and `key = 123` lines, blank lines and comments.
//!
//! Parsing with the full TOML parser is most of the time a report takes. This reader accepts only
//! a strict subset of TOML, in which every text means the same as it does to the full parser, and
//! fills [`Day`] through the same serde definitions. Anything else (escapes, CRLF, quoted or dotted
//! keys, arrays, inline tables, bare dates, a key given twice, a value serde refuses …) gives
//! `None`, and the caller reads the file with the full parser, which also writes the messages.

use crate::domain::Day;
use serde::Deserialize;
use serde::de::value::{Error, MapDeserializer, SeqDeserializer};
use serde::de::{Deserializer, IntoDeserializer, Visitor};

/// The day in `text`, or `None` when the text is outside the plain shape or does not fit a day.
pub fn read(text: &str) -> Option<Day> {
    if text.as_bytes().contains(&b'\r') {
        return None;
    }
    let root = document(text)?;
    Day::deserialize(Val(&root)).ok()
}

/// A value of the subset; a table keeps its keys in file order.
#[derive(Debug)]
enum Node<'a> {
    Str(&'a str),
    Int(i64),
    Table(Vec<(&'a str, Node<'a>)>),
    Array(Vec<Node<'a>>),
}

/// Where the lines below the last header go.
enum Target {
    Root,
    /// The root entry at this index: a table, or the last table of an array.
    Entry(usize),
}

fn document(text: &str) -> Option<Node<'_>> {
    let mut root: Vec<(&str, Node)> = Vec::with_capacity(8);
    let mut target = Target::Root;
    for line in lines(text) {
        let line = trim_ws(line);
        if line.is_empty() || line.starts_with('#') {
            comment_tail(line)?;
        } else if let Some(rest) = line.strip_prefix("[[") {
            let (name, tail) = bare_key(rest)?;
            comment_tail(tail.strip_prefix("]]")?)?;
            target = Target::Entry(open_array(&mut root, name)?);
        } else if let Some(rest) = line.strip_prefix('[') {
            let (name, tail) = bare_key(rest)?;
            comment_tail(tail.strip_prefix(']')?)?;
            if root.iter().any(|(k, _)| *k == name) {
                return None;
            }
            root.push((name, table()));
            target = Target::Entry(root.len() - 1);
        } else {
            let (key, value) = key_value(line)?;
            let table = table_of(&mut root, &target)?;
            if table.iter().any(|(k, _)| *k == key) {
                return None;
            }
            table.push((key, value));
        }
    }
    Some(Node::Table(root))
}

/// The lines of `text`, found byte by byte (`str::split` is slower on lines this short).
fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let text = rest?;
        match text.bytes().position(|b| b == b'\n') {
            // A newline is ASCII, so both sides of it are character boundaries.
            Some(i) => {
                rest = Some(&text[i + 1..]);
                Some(&text[..i])
            }
            None => {
                rest = None;
                Some(text)
            }
        }
    })
}

/// An empty table with room for the keys of a session, the longest entry (growing costs more).
fn table<'a>() -> Node<'a> {
    Node::Table(Vec::with_capacity(10))
}

/// Index of the root array `name`, with a new empty table pushed onto it.
fn open_array<'a>(root: &mut Vec<(&'a str, Node<'a>)>, name: &'a str) -> Option<usize> {
    match root.iter().position(|(k, _)| *k == name) {
        Some(i) => match &mut root[i].1 {
            Node::Array(tables) => {
                tables.push(table());
                Some(i)
            }
            _ => None,
        },
        None => {
            let mut tables = Vec::with_capacity(16);
            tables.push(table());
            root.push((name, Node::Array(tables)));
            Some(root.len() - 1)
        }
    }
}

fn table_of<'r, 'a>(
    root: &'r mut Vec<(&'a str, Node<'a>)>,
    target: &Target,
) -> Option<&'r mut Vec<(&'a str, Node<'a>)>> {
    let Target::Entry(i) = target else {
        return Some(root);
    };
    match &mut root.get_mut(*i)?.1 {
        Node::Table(t) => Some(t),
        Node::Array(tables) => match tables.last_mut()? {
            Node::Table(t) => Some(t),
            _ => None,
        },
        _ => None,
    }
}

/// TOML whitespace is spaces and tabs only.
fn trim_ws(s: &str) -> &str {
    let ws = |b: &u8| *b == b' ' || *b == b'\t';
    let bytes = s.as_bytes();
    let start = bytes.iter().position(|b| !ws(b)).unwrap_or(bytes.len());
    let end = bytes.iter().rposition(|b| !ws(b)).map_or(start, |i| i + 1);
    // Both ends sit next to ASCII bytes, so they are character boundaries.
    &s[start..end]
}

/// Accepts nothing, or a comment without control characters (TOML forbids them there).
fn comment_tail(s: &str) -> Option<()> {
    let s = trim_ws(s);
    (s.is_empty() || (s.starts_with('#') && !has_control(s))).then_some(())
}

fn has_control(s: &str) -> bool {
    s.bytes().any(is_control)
}

/// Control characters are ASCII, and no byte of a longer UTF-8 character is below 0x80.
fn is_control(b: u8) -> bool {
    (b < b' ' && b != b'\t') || b == 0x7f
}

/// A bare key (ASCII letters, digits, `_`, `-`) at the start of `s`, and what follows it.
fn bare_key(s: &str) -> Option<(&str, &str)> {
    let end = s
        .bytes()
        .position(|b| !(b.is_ascii_alphanumeric() || b == b'_' || b == b'-'))
        .unwrap_or(s.len());
    (end > 0).then(|| s.split_at(end))
}

fn key_value(line: &str) -> Option<(&str, Node<'_>)> {
    let (key, rest) = bare_key(line)?;
    let rest = trim_ws(rest).strip_prefix('=')?;
    let rest = trim_ws(rest);
    let (value, tail) = match *rest.as_bytes().first()? {
        quote @ (b'"' | b'\'') => {
            let body = &rest[1..];
            // One pass finds the closing quote, or first an escape or a control character.
            let end = body
                .bytes()
                .position(|b| b == quote || (b == b'\\' && quote == b'"') || is_control(b))?;
            if body.as_bytes()[end] != quote {
                return None;
            }
            (Node::Str(&body[..end]), &body[end + 1..])
        }
        _ => integer(rest)?,
    };
    comment_tail(tail)?;
    Some((key, value))
}

/// A decimal integer without leading zeros or underscores, ending at whitespace, `#` or the line.
fn integer(s: &str) -> Option<(Node<'_>, &str)> {
    let end = s
        .bytes()
        .position(|b| matches!(b, b' ' | b'\t' | b'#'))
        .unwrap_or(s.len());
    let (number, tail) = s.split_at(end);
    let digits = number.strip_prefix(['+', '-']).unwrap_or(number);
    let plain = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
    if !plain || (digits.len() > 1 && digits.starts_with('0')) {
        return None;
    }
    Some((Node::Int(number.parse().ok()?), tail))
}

/// Feeds a [`Node`] to serde the way the TOML deserializer feeds the same value.
struct Val<'b, 'de>(&'b Node<'de>);

impl<'b, 'de> IntoDeserializer<'de, Error> for Val<'b, 'de> {
    type Deserializer = Self;

    fn into_deserializer(self) -> Self {
        self
    }
}

impl<'b, 'de> Deserializer<'de> for Val<'b, 'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Node::Str(s) => visitor.visit_borrowed_str(s),
            Node::Int(i) => visitor.visit_i64(*i),
            Node::Table(entries) => visitor.visit_map(MapDeserializer::new(
                entries.iter().map(|(k, v)| (*k, Val(v))),
            )),
            Node::Array(items) => visitor.visit_seq(SeqDeserializer::new(items.iter().map(Val))),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.0 {
            Node::Str(s) => visitor.visit_enum(IntoDeserializer::<Error>::into_deserializer(*s)),
            _ => self.deserialize_any(visitor),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct seq tuple tuple_struct map struct identifier ignored_any
    }
}

#[cfg(test)]
#[path = "lean_test.rs"]
mod tests;
