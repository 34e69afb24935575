//! `protime man`: the man page, protime(1), made from the clap definitions by clap_mangen: the
//! global options, then every verb with its synopsis, description, options and examples, then the
//! exit codes, environment and files the README documents.

use super::{EXIT_OK, EXIT_REFUSED, fail};
use crate::cli::Cli;
use clap::CommandFactory;
use clap_mangen::Man;
use std::io::{self, Write};
use std::process::ExitCode;

pub fn print() -> ExitCode {
    match page() {
        // Roff from protime's own definitions: printed exactly (the sanitiser would mark tabs).
        Ok(roff) => {
            crate::sanitize::print_exact(&roff);
            ExitCode::from(EXIT_OK)
        }
        Err(e) => fail(EXIT_REFUSED, format!("the man page could not be made: {e}")),
    }
}

/// The whole page, as roff.
pub fn page() -> io::Result<String> {
    let mut cli = Cli::command();
    cli.build();
    let man = Man::new(cli.clone()).title("PROTIME");
    let mut out = Vec::new();
    man.render_title(&mut out)?;
    man.render_name_section(&mut out)?;
    man.render_synopsis_section(&mut out)?;
    man.render_description_section(&mut out)?;
    man.render_options_section(&mut out)?;
    writeln!(out, ".SH COMMANDS")?;
    for (name, verb) in verbs(&cli, "protime") {
        verb_section(&mut out, &name, verb)?;
    }
    out.write_all(AFTER.as_bytes())?;
    man.render_version_section(&mut out)?;
    let page = String::from_utf8(out).map_err(io::Error::other)?;
    Ok(once_preamble(&page))
}

/// Each rendered part starts with roff's two-line preamble (the `Aq` string): kept once, at the
/// top.
fn once_preamble(page: &str) -> String {
    let mut seen = std::collections::HashSet::new();
    let mut kept = String::with_capacity(page.len());
    for line in page.lines() {
        let preamble = line.starts_with(".ie \\n(.g .ds Aq") || line.starts_with(".el .ds Aq");
        if !preamble || seen.insert(line) {
            kept.push_str(line);
            kept.push('\n');
        }
    }
    kept
}

/// Every verb a person can type, with its full name ("protime plan add"), in the order of
/// `--help`: the groups (`plan`, `import`, …) by their verbs, hidden ones and `help` left out.
pub fn verbs<'a>(command: &'a clap::Command, prefix: &str) -> Vec<(String, &'a clap::Command)> {
    let mut found = vec![];
    for sub in command.get_subcommands() {
        if sub.is_hide_set() || sub.get_name() == "help" {
            continue;
        }
        let name = format!("{prefix} {}", sub.get_name());
        if sub.has_subcommands() {
            found.extend(verbs(sub, &name));
        } else {
            found.push((name, sub));
        }
    }
    found
}

/// One verb as a subsection: its synopsis, what it does, its own options (the global ones are
/// described once, above) and its examples.
fn verb_section(out: &mut Vec<u8>, name: &str, verb: &clap::Command) -> io::Result<()> {
    let mut verb = verb.clone().bin_name(name);
    let shared: Vec<String> = verb
        .get_arguments()
        .filter(|a| a.is_global_set() || a.get_id() == "help")
        .map(|a| a.get_id().to_string())
        .collect();
    for id in shared {
        verb = verb.mut_arg(id, |a| a.hide(true));
    }
    let man = Man::new(verb);
    writeln!(out, ".SS \"{name}\"")?;
    let mut part = Vec::new();
    man.render_synopsis_section(&mut part)?;
    man.render_description_section(&mut part)?;
    man.render_options_section(&mut part)?;
    man.render_extra_section(&mut part)?;
    // The parts' own `.SH` headings would end the COMMANDS section: paragraphs instead.
    for line in String::from_utf8_lossy(&part).lines() {
        if line.starts_with(".SH ") {
            writeln!(out, ".PP")?;
        } else {
            writeln!(out, "{line}")?;
        }
    }
    Ok(())
}

/// What the README says of exit codes, the environment and files.
const AFTER: &str = r#".SH "EXIT STATUS"
.TP
.B 0
It worked.
.TP
.B 1
Refused input: a wrong argument or value, or the dashboard started without a terminal. The
message says what to do; nothing was written.
.TP
.B 2
A journal problem: a day file that does not parse, a folder that is not writable, a full disk.
.SH ENVIRONMENT
.TP
.B PROTIME_DATA_DIR
The folder of the journal and crash reports, as \fB\-\-data\-dir\fR.
.TP
.B XDG_DATA_HOME\fR, \fBXDG_CONFIG_HOME
Move the default folders below.
.TP
.B PROTIME_NOW
Pins protime's clock to an instant, like 2026\-11\-26T09:00:00+01:00.
.TP
.B NO_COLOR
Set to 1, turns all colour off.
.TP
.B EDITOR
The editor \fBprotime template new\fR opens.
.SH FILES
.TP
.I ~/.config/protime/config.toml
The config (\fB\-\-config\fR names another); \fBprotime config check\fR checks it.
.TP
.I ~/.config/protime/templates/
Reply templates, as Markdown files.
.TP
.I ~/.local/share/protime/journal/YYYY/YYYY\-MM\-DD.toml
One file per day: its plan, tracked sessions, parked mails and review.
.TP
.I ~/.local/share/protime/crash/
Crash reports.
"#;
