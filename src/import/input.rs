//! Reading an export file safely: a size cap, no binary data, UTF-8, no absurdly long line.
//! Every check runs before anything is parsed, so a hostile file costs bounded memory and never
//! reaches the journal.

use std::io::Read;
use std::path::Path;

/// The largest export read: a year of a busy calendar is a few MB.
pub const MAX_BYTES: u64 = 32 * 1024 * 1024;
/// The longest line accepted; real exports stay far below (long descriptions are folded).
pub const MAX_LINE: usize = 1024 * 1024;

/// Reads `path` as text, or says in words a rep can act on why it cannot be imported.
pub fn read_text(path: &Path, max_bytes: u64) -> Result<String, String> {
    let name = path.display();
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read {name}: {e}"))?;
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

/// Refuses binary data, text in another encoding, and over-long lines; strips a byte-order mark.
pub fn check_text(name: &str, bytes: Vec<u8>) -> Result<String, String> {
    if let Some(at) = bytes.iter().position(|b| *b == 0) {
        return Err(format!(
            "{name} holds binary data (a zero byte on line {}): it is not a text export",
            line_of(&bytes, at)
        ));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let line = line_of(e.as_bytes(), e.utf8_error().valid_up_to());
        format!("{name}: line {line} is not UTF-8 text: save the export as UTF-8 and try again")
    })?;
    let text = text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text);
    if let Some((i, _)) = text
        .split('\n')
        .enumerate()
        .find(|(_, l)| l.len() > MAX_LINE)
    {
        return Err(format!(
            "{name}: line {} is longer than {} KB: this is not a calendar or CRM export",
            i + 1,
            MAX_LINE / 1024
        ));
    }
    Ok(text)
}

fn line_of(bytes: &[u8], at: usize) -> usize {
    bytes[..at].iter().filter(|b| **b == b'\n').count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_other_encodings_and_long_lines_are_refused_by_line() {
        let e = check_text("x.ics", b"BEGIN:VCALENDAR\nab\0c".to_vec()).unwrap_err();
        assert!(e.contains("binary data (a zero byte on line 2)"), "{e}");
        let e = check_text("x.csv", b"a,b\ncaf\xe9\n".to_vec()).unwrap_err();
        assert!(e.contains("line 2 is not UTF-8"), "{e}");
        let mut long = b"a\nb\n".to_vec();
        long.extend(std::iter::repeat_n(b'x', MAX_LINE + 1));
        let e = check_text("x.csv", long).unwrap_err();
        assert!(e.contains("line 3 is longer than 1024 KB"), "{e}");
    }

    #[test]
    fn a_bom_is_dropped() {
        let t = check_text("x.csv", "\u{feff}Subject,Date\n".as_bytes().to_vec()).unwrap();
        assert_eq!(t, "Subject,Date\n");
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
