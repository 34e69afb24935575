//! Reply templates: plain Markdown files in `<config dir>/templates/`.

use std::path::{Path, PathBuf};

/// Templates above this size are refused: a reply template is a few paragraphs.
pub const MAX_BYTES: u64 = 64 * 1024;

#[derive(Debug, Clone, PartialEq)]
pub struct Template {
    /// The file name without `.md`.
    pub name: String,
    pub path: PathBuf,
    /// The text, or why it cannot be used.
    pub body: Result<String, String>,
}

/// The templates folder beside the config file.
pub fn dir_for(config_file: &Path) -> PathBuf {
    config_file
        .parent()
        .unwrap_or(Path::new("."))
        .join("templates")
}

/// Every `*.md` in `dir`, by name. A missing folder is an error that says how to start one.
pub fn load(dir: &Path) -> Result<Vec<Template>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            format!(
                "no templates yet: put .md files in {} or run `protime template new NAME`",
                dir.display()
            )
        } else {
            format!("cannot read the templates folder {}: {e}", dir.display())
        }
    })?;
    let mut list: Vec<Template> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .map(|path| Template {
            name: name_of(&path),
            body: read(&path),
            path,
        })
        .collect();
    list.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(list)
}

fn name_of(path: &Path) -> String {
    path.file_stem()
        .map_or(String::new(), |s| s.to_string_lossy().into_owned())
}

/// Reads a template without ever blocking: a FIFO or a device in the folder (opened without
/// waiting for a writer) is refused as not a regular file, and at most `MAX_BYTES` are read.
fn read(path: &Path) -> Result<String, String> {
    use std::io::Read;
    let file = open_without_blocking(path).map_err(|e| format!("cannot read it: {e}"))?;
    let meta = file
        .metadata()
        .map_err(|e| format!("cannot read it: {e}"))?;
    if !meta.is_file() {
        return Err("not a regular file (a pipe or a device?): templates are .md files".into());
    }
    if meta.len() > MAX_BYTES {
        return Err(too_large(meta.len()));
    }
    let mut bytes = vec![];
    file.take(MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read it: {e}"))?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    let binary = || "not text (a binary file?): save it as UTF-8 Markdown".to_string();
    // A zero byte is valid UTF-8 but never in a reply someone wrote.
    if bytes.contains(&0) {
        return Err(binary());
    }
    String::from_utf8(bytes).map_err(|_| binary())
}

fn too_large(size: u64) -> String {
    format!(
        "too large to be a reply ({} KiB; up to {} KiB)",
        size / 1024,
        MAX_BYTES / 1024
    )
}

#[cfg(unix)]
fn open_without_blocking(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_without_blocking(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::File::open(path)
}

/// A new template file named `name` (letters, digits, `-`, `_`), not overwriting one that exists.
pub fn create(dir: &Path, name: &str) -> Result<PathBuf, String> {
    let ok = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_');
    if !ok {
        return Err(format!(
            "\"{name}\" is not a template name: use letters, digits, - and _, like pricing-follow-up"
        ));
    }
    crate::journal::atomic::ensure_private_dir(dir).map_err(|e| e.to_string())?;
    let path = dir.join(format!("{name}.md"));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(&path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            format!(
                "{} exists already: edit it, or pick another name",
                path.display()
            )
        } else {
            format!("cannot create {}: {e}", path.display())
        }
    })?;
    use std::io::Write;
    file.write_all(b"Hi NAME,\n\nThank you for your message.\n\nBest regards,\n")
        .map_err(|e| e.to_string())?;
    Ok(path)
}

/// Runs `$EDITOR` (or `$VISUAL`, else `vi`) on `path` and waits for it.
pub fn edit(path: &Path) -> Result<(), String> {
    let editor = std::env::var("VISUAL")
        .or_else(|_| std::env::var("EDITOR"))
        .unwrap_or_else(|_| "vi".into());
    let mut words = editor.split_whitespace();
    let program = words
        .next()
        .ok_or("EDITOR is empty: set it to your editor, like EDITOR=nano")?;
    let status = std::process::Command::new(program).args(words).arg(path).status().map_err(|e| {
        format!("could not start the editor \"{editor}\": {e}. Set EDITOR to an installed editor, like EDITOR=nano; the template is saved at {}", path.display())
    })?;
    if status.success() {
        Ok(())
    } else {
        Err(format!(
            "the editor \"{editor}\" ended with {status}; the template is at {}",
            path.display()
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_folder_says_how_to_start() {
        let tmp = tempfile::tempdir().unwrap();
        let err = load(&tmp.path().join("templates")).unwrap_err();
        assert!(err.contains("protime template new"), "{err}");
    }

    #[test]
    fn lists_markdown_by_name_and_flags_binary_and_huge_files() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        std::fs::write(dir.join("b-pricing.md"), "Our prices ✓").unwrap();
        std::fs::write(dir.join("a-thanks.md"), "Thanks!").unwrap();
        std::fs::write(dir.join("notes.txt"), "not a template").unwrap();
        std::fs::write(dir.join("c-binary.md"), [0xff, 0xfe, 0x00, 0x81]).unwrap();
        std::fs::write(dir.join("d-huge.md"), "x".repeat(MAX_BYTES as usize + 1)).unwrap();
        std::fs::write(dir.join("e-nul.md"), "a\0b").unwrap();
        let list = load(dir).unwrap();
        let names: Vec<&str> = list.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(
            names,
            vec!["a-thanks", "b-pricing", "c-binary", "d-huge", "e-nul"]
        );
        assert!(list[4].body.as_ref().unwrap_err().contains("not text"));
        assert_eq!(list[1].body.as_deref(), Ok("Our prices ✓"));
        assert!(list[2].body.as_ref().unwrap_err().contains("not text"));
        assert!(list[3].body.as_ref().unwrap_err().contains("too large"));
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_in_the_folder_is_refused_without_blocking() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().to_path_buf();
        std::fs::write(dir.join("a-thanks.md"), "Thanks!").unwrap();
        let fifo = std::ffi::CString::new(dir.join("pipe.md").to_str().unwrap()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o600) }, 0);
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || tx.send(load(&dir)));
        // A blocking open would never answer: the guard fails the test instead of hanging it.
        let list = rx
            .recv_timeout(std::time::Duration::from_secs(20))
            .expect("load blocked on a FIFO")
            .unwrap();
        assert_eq!(list[0].body.as_deref(), Ok("Thanks!"));
        assert!(
            list[1]
                .body
                .as_ref()
                .unwrap_err()
                .contains("not a regular file")
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_new_template_is_private_whatever_the_umask() {
        use std::os::unix::fs::PermissionsExt;
        let tmp = tempfile::tempdir().unwrap();
        let path = create(&tmp.path().join("templates"), "pricing").unwrap();
        let mode = std::fs::metadata(path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    #[test]
    fn create_never_overwrites_and_checks_the_name() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("templates");
        let path = create(&dir, "pricing").unwrap();
        std::fs::write(&path, "mine").unwrap();
        assert!(
            create(&dir, "pricing")
                .unwrap_err()
                .contains("exists already")
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "mine");
        assert!(
            create(&dir, "../evil")
                .unwrap_err()
                .contains("not a template name")
        );
    }
}
