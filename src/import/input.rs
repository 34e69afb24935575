//! Reading an export file safely: a size cap, no binary data, a known encoding, no absurdly long
//! line.
//! Every check runs before anything is parsed, so a hostile file costs bounded memory and never
//! reaches the journal.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::Encoding;
use std::io::Read;
use std::path::Path;

/// The largest export read: a year of a busy calendar is a few MB.
pub const MAX_BYTES: u64 = 32 * 1024 * 1024;
/// The longest line accepted; real exports stay far below (long descriptions are folded).
pub const MAX_LINE: usize = 1024 * 1024;

/// Reads `path` as text (in `forced` encoding when one is named), or says in words a rep can act
/// on why it cannot be imported.
pub fn read_text(
    path: &Path,
    max_bytes: u64,
    forced: Option<&'static Encoding>,
) -> Result<Text, String> {
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
    check_text_as(&name.to_string(), bytes, forced)
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
    /// The encoding's standard (WHATWG) name: "UTF-8", "UTF-16LE", "windows-1250", …
    pub encoding: &'static str,
    /// How that encoding was chosen.
    pub by: By,
}

/// How an export's encoding was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum By {
    /// Its byte-order mark.
    Bom,
    /// It is valid UTF-8.
    Utf8,
    /// Guessed from its bytes by a detector.
    Detected,
    /// Named by the rep (`--encoding`, `[import] encoding`).
    Asked,
}

impl Text {
    /// A line for the rep when the file was not plain UTF-8: which encoding was used, and why.
    pub fn notice(&self) -> Option<String> {
        let enc = self.encoding;
        match self.by {
            _ if enc == "UTF-8" => None,
            By::Bom => Some(format!(
                "read as {enc} (the file's byte-order mark says so)"
            )),
            By::Asked => Some(format!("read as {enc}, as you asked")),
            By::Utf8 | By::Detected => Some(format!(
                "read as {enc} (the file is not UTF-8; {enc} fits its letters best): if letters \
                 look wrong, give the right encoding with --encoding NAME or save the export as \
                 UTF-8"
            )),
        }
    }
}

/// The encoding a label such as "windows-1250", "cp1251", "latin2" or "utf-8" names; "auto" (or
/// nothing) means detect it.
pub fn encoding_named(label: &str) -> Result<Option<&'static Encoding>, String> {
    if label.trim().eq_ignore_ascii_case("auto") {
        return Ok(None);
    }
    match Encoding::for_label(label.trim().as_bytes()) {
        Some(e) if e != encoding_rs::REPLACEMENT => Ok(Some(e)),
        _ => Err(format!(
            "unknown encoding \"{label}\": use \"auto\" or a name like windows-1250, windows-1251, \
             windows-1252, iso-8859-2, koi8-r or utf-8"
        )),
    }
}

/// Decodes an export: a byte-order mark (UTF-8, UTF-16LE/BE) decides; else UTF-8 when the bytes
/// are valid UTF-8; else the encoding a detector finds likeliest (Windows-1250/1251/1252, …).
/// Refuses binary data and over-long lines.
pub fn check_text(name: &str, bytes: Vec<u8>) -> Result<Text, String> {
    check_text_as(name, bytes, None)
}

/// [`check_text`] in `forced` encoding when one is given (a byte-order mark still decides: it is
/// what the file says of itself, while a name given for many files may not fit this one).
pub fn check_text_as(
    name: &str,
    bytes: Vec<u8>,
    forced: Option<&'static Encoding>,
) -> Result<Text, String> {
    let decoded = match (Encoding::for_bom(&bytes), forced) {
        (Some((encoding, bom)), _) => from_bom(name, encoding, &bytes[bom..])?,
        (None, Some(encoding)) => decode(name, encoding, &bytes, By::Asked)?,
        (None, None) => guess(name, bytes)?,
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

fn from_bom(name: &str, encoding: &'static Encoding, body: &[u8]) -> Result<Text, String> {
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
        by: By::Bom,
    })
}

/// No byte-order mark and no encoding named: UTF-8 if it is valid, else what `chardetng` (the
/// detector Firefox uses for unlabelled pages) finds likeliest.
fn guess(name: &str, bytes: Vec<u8>) -> Result<Text, String> {
    if let Some(at) = bytes.iter().position(|b| *b == 0) {
        return Err(binary(name, "zero", line_of(&bytes, at)));
    }
    let bytes = match String::from_utf8(bytes) {
        Ok(text) => {
            return Ok(Text {
                text,
                encoding: "UTF-8",
                by: By::Utf8,
            });
        }
        Err(e) => e.into_bytes(),
    };
    // ISO-2022-JP is left out: it is 7-bit, so a file that is not UTF-8 is never in it, and its
    // escape bytes are what the control check below refuses.
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(&bytes, true);
    let encoding = detector.guess(None, Utf8Detection::Deny);
    decode(name, encoding, &bytes, By::Detected)
}

/// Decodes bytes without a byte-order mark. In UTF-8 only a zero byte is binary (the sanitiser
/// removes other control characters at import, as before); in any other encoding so is every
/// control character, which covers the bytes a single-byte encoding leaves undefined (decoded
/// as C1 controls).
fn decode(name: &str, encoding: &'static Encoding, bytes: &[u8], by: By) -> Result<Text, String> {
    let enc = encoding.name();
    let text = encoding
        .decode_without_bom_handling_and_without_replacement(bytes)
        .ok_or_else(|| {
            format!(
                "{name} is not {enc} text: name the export's encoding with --encoding (or \
                 [import] encoding = \"auto\" to detect it), or save the export as UTF-8"
            )
        })?;
    let binary_char = |c: char| c == '\0' || (encoding != encoding_rs::UTF_8 && is_control(c));
    if let Some((at, c)) = text.char_indices().find(|(_, c)| binary_char(*c)) {
        let what = if c == '\0' { "zero" } else { "control" };
        return Err(binary(name, what, line_of(text.as_bytes(), at)));
    }
    Ok(Text {
        text: text.into_owned(),
        encoding: enc,
        by,
    })
}

/// Characters no text export holds: C0 controls other than tab, line feed and carriage return,
/// DEL, and the C1 controls.
fn is_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
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
        // 0x81 is undefined in Windows-1252 (it starts a letter in Shift_JIS, which the detector
        // may pick for so short a text).
        let e = check_text_as("x.csv", b"a\x81b".to_vec(), Some(encoding_rs::WINDOWS_1252));
        assert!(e.unwrap_err().contains("a control byte on line 1"));
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
        assert!(t.notice().unwrap().starts_with("read as windows-1252"));
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

    fn fixture(name: &str) -> Vec<u8> {
        let path = format!(
            "{}/tests/fixtures/import/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        std::fs::read(path).unwrap()
    }

    #[test]
    fn polish_and_russian_exports_are_detected_and_said_so() {
        let t = check_text("x.csv", fixture("salesforce-1250.csv")).unwrap();
        assert_eq!(t.encoding, "windows-1250");
        assert!(
            t.text.contains("Łódź Logistyka;Zażółć gęślą jaźń"),
            "{}",
            t.text
        );
        assert!(t.text.contains("Żółć Sp. z o.o."), "{}", t.text);
        assert!(t.notice().unwrap().starts_with("read as windows-1250"));
        let t = check_text("x.csv", fixture("salesforce-1251.csv")).unwrap();
        assert_eq!(t.encoding, "windows-1251");
        assert!(t.text.contains("Встреча с клиентом;Meeting"), "{}", t.text);
        assert!(t.text.contains("ООО Москва"), "{}", t.text);
    }

    #[test]
    fn a_named_encoding_overrides_detection_but_not_a_byte_order_mark() {
        let bytes = fixture("salesforce-1250.csv");
        let t = check_text_as("x.csv", bytes, Some(encoding_rs::WINDOWS_1251)).unwrap();
        assert_eq!(t.encoding, "windows-1251");
        // "Łódź" in Windows-1250 bytes, read as Cyrillic.
        assert!(t.text.contains("Јуdџ Logistyka"), "{}", t.text);
        assert!(t.notice().unwrap().contains("as you asked"));
        let t = check_text_as(
            "x.csv",
            "a,\u{e9}".as_bytes().to_vec(),
            Some(encoding_rs::WINDOWS_1250),
        );
        assert_eq!(t.unwrap().text, "a,\u{102}\u{a9}");
        let bom = utf16("a,\u{e9}", false);
        let t = check_text_as("x.csv", bom, Some(encoding_rs::WINDOWS_1250)).unwrap();
        assert_eq!((t.text.as_str(), t.encoding), ("a,\u{e9}", "UTF-16LE"));
    }

    #[test]
    fn a_named_encoding_still_refuses_control_bytes_and_bytes_it_does_not_define() {
        let e = check_text_as(
            "x.csv",
            b"a\nb\x1bc".to_vec(),
            Some(encoding_rs::WINDOWS_1251),
        );
        assert!(e.unwrap_err().contains("a control byte on line 2"));
        let e = check_text_as("x.csv", b"a\x98b".to_vec(), Some(encoding_rs::WINDOWS_1251));
        assert!(e.unwrap_err().contains("a control byte on line 1"));
        let e = check_text_as("x.csv", b"a\xffb".to_vec(), Some(encoding_rs::UTF_8));
        assert!(e.unwrap_err().contains("is not UTF-8 text"));
    }

    #[test]
    fn files_above_the_cap_are_refused_before_reading() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.ics");
        std::fs::write(&path, vec![b'a'; 2048]).unwrap();
        let e = read_text(&path, 1024, None).unwrap_err();
        assert!(e.contains("larger than"), "{e}");
        assert!(read_text(&path, 4096, None).is_ok());
        let e = read_text(dir.path(), 4096, None).unwrap_err();
        assert!(e.contains("is a folder"), "{e}");
    }
}
