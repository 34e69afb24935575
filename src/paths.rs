//! Where protime keeps its files: XDG directories, overridden by flags and `PROTIME_DATA_DIR`.

use directories::ProjectDirs;
use std::path::PathBuf;

/// The data folder (holding `journal/` and crash reports) and the config file in use.
#[derive(Debug, Clone)]
pub struct Paths {
    pub data_dir: PathBuf,
    pub config_file: PathBuf,
    /// True when the config file was named explicitly, so a missing one is an error.
    pub config_explicit: bool,
}

impl Paths {
    /// No folders yet: a dashboard in a test that saves no settings and starts no sync.
    pub fn unknown() -> Paths {
        Paths {
            data_dir: PathBuf::new(),
            config_file: PathBuf::new(),
            config_explicit: false,
        }
    }

    /// `data_dir` and `config` come from `--data-dir`/`PROTIME_DATA_DIR` and `--config`.
    pub fn resolve(data_dir: Option<PathBuf>, config: Option<PathBuf>) -> Result<Paths, String> {
        let dirs = ProjectDirs::from("", "", "protime");
        let no_home =
            || "cannot find your home folder: set --data-dir and --config (or HOME)".to_string();
        let data_dir = match data_dir {
            Some(d) => d,
            None => dirs.as_ref().ok_or_else(no_home)?.data_dir().to_path_buf(),
        };
        let config_explicit = config.is_some();
        let config_file = match config {
            Some(c) => c,
            None => dirs
                .as_ref()
                .ok_or_else(no_home)?
                .config_dir()
                .join("config.toml"),
        };
        Ok(Paths {
            data_dir,
            config_file,
            config_explicit,
        })
    }

    pub fn journal_dir(&self) -> PathBuf {
        self.data_dir.join("journal")
    }

    pub fn crash_dir(&self) -> PathBuf {
        self.data_dir.join("crash")
    }
}
