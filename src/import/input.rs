//! Reading an export file safely: a size cap, no binary data, a known encoding, no absurdly long
//! line.
//! Every check runs before anything is parsed, so a hostile file costs bounded memory and never
//! reaches the journal.

use std::io::Read;
use std::path::Path;

/// The largest export read: a year of a busy calendar is a few MB.
pub const MAX_BYTES: u64 = 32 * 1024 * 1024;
/// The longest line accepted; real exports stay far below (long descriptions are folded).
pub const MAX_LINE: usize = 1024 * 1024;

/// Reads `path` as text, or says in words a rep can act on why it cannot be imported.
pub fn read_text(path: &Path, max_bytes: u64) -> Result<Text, String> {
    let name = path.display();
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => {
            format!("there is no {name}: check the path (a full path is safest)")
        }
        _ => format!("cannot read {name}: {e}"),
    })?;
    if meta.is_dir() {
        return Err(format!("{name} is a folder: give the export file itself"));
    }
    if meta.len() > max_bytes {
        return Err(too_big(&name.to_string(), max_bytes));
    }
    let file = std::fs::File::open(path).map_err(|e| format!("cannot read {name}: {e}"))?;
    // Reading through `take` keeps the cap even when the size on disk lies (a pipe, a growing file).
    let mut bytes = Vec::new();
    file.take(max_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read {name}: {e}"))?;
    if bytes.len() as u64 > max_bytes {
        return Err(too_big(&name.to_string(), max_bytes));
    }
    check_text(&name.to_string(), bytes)
}

fn too_big(name: &str, max: u64) -> String {
    format!(
        "{name} is larger than {} MB: export a shorter period (two weeks is enough for a baseline)",
        max / (1024 * 1024)
    )
}

/// An export's text and the encoding it was read in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    pub text: String,
    /// "UTF-8", "UTF-16LE", "UTF-16BE" or "windows-1252".
    pub encoding: &'static str,
}

impl Text {
    /// A line for the rep when the file was not plain UTF-8: which encoding was used, and why.
    pub fn notice(&self) -> Option<String> {
        match self.encoding {
            "UTF-8" => None,
            "windows-1252" => Some(
                "read as Windows-1252 (the file is not UTF-8): if letters look wrong, save the \
                 export as UTF-8 and import again"
                    .into(),
            ),
            other => Some(format!(
                "read as {other} (the file's byte-order mark says so)"
            )),
        }
    }
}

/// Decodes an export: a byte-order mark (UTF-8, UTF-16LE/BE) decides; else UTF-8 when the bytes
/// are valid UTF-8; else Windows-1252, which is what Excel on Windows writes as "CSV". Refuses
/// binary data and over-long lines.
pub fn check_text(name: &str, bytes: Vec<u8>) -> Result<Text, String> {
    let decoded = match encoding_rs::Encoding::for_bom(&bytes) {
        Some((encoding, bom)) => from_bom(name, encoding, &bytes[bom..])?,
        None => guess(name, bytes)?,
    };
    if let Some(line) = decoded.text.split('\n').position(|l| l.len() > MAX_LINE) {
        return Err(format!(
            "{name}: line {} is longer than {} KB: this is not a calendar or CRM export",
            line + 1,
            MAX_LINE / 1024
        ));
    }
    Ok(decoded)
}

fn from_bom(
    name: &str,
    encoding: &'static encoding_rs::Encoding,
    body: &[u8],
) -> Result<Text, String> {
    let text = encoding
        .decode_without_bom_handling_and_without_replacement(body)
        .ok_or_else(|| {
            format!(
                "{name} starts with a {} byte-order mark but is not {0} text: save the export as \
                 UTF-8 and try again",
                encoding.name()
            )
        })?;
    if let Some(at) = text.find('\0') {
        return Err(binary(name, "zero", line_of(text.as_bytes(), at)));
    }
    Ok(Text {
        text: text.into_owned(),
        encoding: encoding.name(),
    })
}

/// No byte-order mark: UTF-8 if it is valid, else Windows-1252, whose every byte is a character,
/// so a control byte is what tells binary data apart.
fn guess(name: &str, bytes: Vec<u8>) -> Result<Text, String> {
    if let Some(at) = bytes.iter().position(|b| *b == 0) {
        return Err(binary(name, "zero", line_of(&bytes, at)));
    }
    let bytes = match String::from_utf8(bytes) {
        Ok(text) => {
            return Ok(Text {
                text,
                encoding: "UTF-8",
            });
        }
        Err(e) => e.into_bytes(),
    };
    if let Some(at) = bytes.iter().position(|b| is_control(*b)) {
        return Err(binary(name, "control", line_of(&bytes, at)));
    }
    let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&bytes);
    Ok(Text {
        text: text.into_owned(),
        encoding: "windows-1252",
    })
}

/// Bytes no text export holds: C0 controls other than tab, line feed and carriage return, DEL,
/// and the five bytes Windows-1252 leaves undefined.
fn is_control(b: u8) -> bool {
    matches!(b, 0x00..=0x08 | 0x0b | 0x0c | 0x0e..=0x1f | 0x7f | 0x81 | 0x8d | 0x8f | 0x90 | 0x9d)
}

fn binary(name: &str, what: &str, line: usize) -> String {
    format!(
        "{name} holds binary data (a {what} byte on line {line}): it is not a text export; \
         export the calendar as .ics or the activities as CSV"
    )
}

fn line_of(bytes: &[u8], at: usize) -> usize {
    bytes[..at].iter().filter(|b| **b == b'\n').count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
        let mut bytes = if big_endian {
            vec![0xfe, 0xff]
        } else {
            vec![0xff, 0xfe]
        };
        for unit in text.encode_utf16() {
            let pair = if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            };
            bytes.extend(pair);
        }
        bytes
    }

    #[test]
    fn binary_data_and_long_lines_are_refused_by_line() {
        let e = check_text("x.ics", b"BEGIN:VCALENDAR\nab\0c".to_vec()).unwrap_err();
        assert!(e.contains("binary data (a zero byte on line 2)"), "{e}");
        let e = check_text("x.csv", b"a,b\nc\xe9\nd\x01\n".to_vec()).unwrap_err();
        assert!(e.contains("binary data (a control byte on line 3)"), "{e}");
        let e = check_text("x.csv", b"a\x81b".to_vec()).unwrap_err();
        assert!(e.contains("a control byte on line 1"), "{e}");
        let e = check_text("x.csv", utf16("a,b\nc\0", false)).unwrap_err();
        assert!(e.contains("a zero byte on line 2"), "{e}");
        let mut long = b"a\nb\n".to_vec();
        long.extend(std::iter::repeat_n(b'x', MAX_LINE + 1));
        let e = check_text("x.csv", long).unwrap_err();
        assert!(e.contains("line 3 is longer than 1024 KB"), "{e}");
    }

    #[test]
    fn utf8_is_read_as_is_and_a_bom_is_dropped() {
        let t = check_text("x.csv", "\u{feff}Subject,Café\n".as_bytes().to_vec()).unwrap();
        assert_eq!((t.text.as_str(), t.encoding), ("Subject,Café\n", "UTF-8"));
        assert_eq!(t.notice(), None);
        let t = check_text("x.csv", "Kühne,€\n".as_bytes().to_vec()).unwrap();
        assert_eq!((t.text.as_str(), t.encoding), ("Kühne,€\n", "UTF-8"));
    }

    #[test]
    fn windows_1252_is_assumed_when_the_bytes_are_not_utf8_and_said_so() {
        let t = check_text("x.csv", b"Caf\xe9 \x93M\xfcller\x94,5 \x80\r\n".to_vec()).unwrap();
        assert_eq!(t.text, "Café \u{201c}Müller\u{201d},5 €\r\n");
        assert_eq!(t.encoding, "windows-1252");
        assert!(t.notice().unwrap().starts_with("read as Windows-1252"));
    }

    #[test]
    fn utf16_with_a_bom_is_read_in_either_byte_order() {
        for big_endian in [false, true] {
            let t = check_text(
                "x.txt",
                utf16("Subject\tStart\nKühne €\t9:00\n", big_endian),
            );
            let t = t.unwrap();
            assert_eq!(t.text, "Subject\tStart\nKühne €\t9:00\n");
            let name = if big_endian { "UTF-16BE" } else { "UTF-16LE" };
            assert_eq!(t.encoding, name);
            assert!(t.notice().unwrap().contains(name));
        }
        // An odd byte count cannot be UTF-16.
        let mut odd = utf16("ab", false);
        odd.push(b'c');
        let e = check_text("x.txt", odd).unwrap_err();
        assert!(
            e.contains("UTF-16LE byte-order mark but is not UTF-16LE text"),
            "{e}"
        );
    }

    #[test]
    fn files_above_the_cap_are_refused_before_reading() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.ics");
        std::fs::write(&path, vec![b'a'; 2048]).unwrap();
        let e = read_text(&path, 1024).unwrap_err();
        assert!(e.contains("larger than"), "{e}");
        assert!(read_text(&path, 4096).is_ok());
        let e = read_text(dir.path(), 4096).unwrap_err();
        assert!(e.contains("is a folder"), "{e}");
    }
}
