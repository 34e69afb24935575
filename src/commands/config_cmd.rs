//! `protime config path|check`.

use super::{EXIT_OK, EXIT_REFUSED, fail};
use crate::config::Config;
use crate::paths::Paths;
use std::process::ExitCode;

pub fn path(paths: &Paths) -> ExitCode {
    crate::say!("{}", paths.config_file.display());
    ExitCode::from(EXIT_OK)
}

pub fn check(paths: &Paths) -> ExitCode {
    let exists = paths.config_file.exists();
    match Config::load(&paths.config_file, paths.config_explicit) {
        Ok(_) if exists => {
            crate::say!("{}: OK", paths.config_file.display());
            ExitCode::from(EXIT_OK)
        }
        Ok(_) => {
            crate::say!(
                "{}: no file; the built-in defaults are in use",
                paths.config_file.display()
            );
            ExitCode::from(EXIT_OK)
        }
        Err(e) => fail(EXIT_REFUSED, e),
    }
}
