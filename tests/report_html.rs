//! `protime report --format html` (#21): one self-contained page, its text escaped, its figures
//! those of `report --format json`; and Debian's chromium, headless and offline, renders it with no
//! console message. With CI=true a missing chromium fails the test; elsewhere it is skipped, saying so.

use assert_cmd::Command;
use chrono::NaiveDate;
use protime::domain::{Category, Decision, Review, SessionKind};
use std::path::{Path, PathBuf};

const NOW: &str = "2026-11-26T18:00:00+01:00";
const HOSTILE_ACCOUNT: &str = "<script>alert('x')</script> & Co";

struct Setup {
    dir: tempfile::TempDir,
}

impl Setup {
    /// A generated journal up to 25 November, tiers in the config, and on 14 October a reactive
    /// session for an account named like markup and a review with notes written like markup.
    fn new() -> Setup {
        let setup = Setup {
            dir: tempfile::tempdir().unwrap(),
        };
        let args = ["generate", "--days", "200", "--end", "2026-11-25", "-q"];
        setup.cmd().args(args).assert().success();
        let config = setup.dir.path().join("cfg/protime/config.toml");
        std::fs::create_dir_all(config.parent().unwrap()).unwrap();
        let tiers = "[accounts.tier]\nUmbrella = \"D\"\nGlobex = \"A\"\nStark = \"B\"\n";
        std::fs::write(config, tiers).unwrap();
        let journal = protime::journal::Journal::new(setup.dir.path().join("journal"));
        let date = NaiveDate::from_ymd_opt(2026, 10, 14).unwrap();
        journal
            .update(date, |day| {
                let at = |t: &str| {
                    chrono::DateTime::parse_from_rfc3339(&format!("2026-10-14T{t}:00+02:00"))
                        .unwrap()
                };
                let mut s = day.sessions[0].clone();
                (s.id, s.start, s.end) = ("hostile".into(), at("19:00"), Some(at("19:30")));
                (s.category, s.kind) = (Category::Reactive, SessionKind::Manual);
                s.account = Some(HOSTILE_ACCOUNT.into());
                day.sessions.push(s);
                day.review = Some(Review {
                    decided: Some(Decision::Partly),
                    note: "<b>bold</b> note".into(),
                    tomorrow: "Call <ACME>".into(),
                });
                Ok(())
            })
            .unwrap();
        setup
    }

    fn cmd(&self) -> Command {
        let mut c = Command::cargo_bin("protime").unwrap();
        c.env("PROTIME_DATA_DIR", self.dir.path())
            .env("PROTIME_NOW", NOW)
            .env("XDG_CONFIG_HOME", self.dir.path().join("cfg"));
        c
    }

    fn out(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).assert().success();
        String::from_utf8(out.get_output().stdout.clone()).unwrap()
    }

    fn html(&self, notes: bool) -> String {
        let mut args = vec!["report", "--month", "2026-10", "--format", "html"];
        if notes {
            args.push("--with-notes");
        }
        self.out(&args)
    }

    fn json_total(&self) -> serde_json::Value {
        let text = self.out(&["report", "--month", "2026-10", "--format", "json"]);
        serde_json::from_str::<serde_json::Value>(&text).unwrap()["total"].clone()
    }
}

/// Every `data-figure="key" data-value="value"` pair of a page.
fn figures(html: &str) -> Vec<(String, String)> {
    let attr = |rest: &str, name: &str| -> Option<String> {
        let start = rest.find(&format!("{name}=\""))? + name.len() + 2;
        Some(rest[start..].split('"').next()?.to_string())
    };
    html.split("data-figure=")
        .skip(1)
        .filter_map(|rest| {
            let rest = format!("data-figure={rest}");
            Some((attr(&rest, "data-figure")?, attr(&rest, "data-value")?))
        })
        .collect()
}

/// Each figure of the page equals the JSON report's figure at its key.
fn assert_figures_match(html: &str, total: &serde_json::Value) {
    let found = figures(html);
    assert!(found.len() >= 21, "too few figures: {found:?}");
    for (key, value) in found {
        let json = key.split('.').fold(total, |v, k| &v[k]);
        assert!(!json.is_null() || value == "null", "{key}: {value} vs null");
        if let Some(number) = json.as_f64() {
            let shown: f64 = value.parse().unwrap_or_else(|_| panic!("{key}: {value}"));
            // serde_json reads a float to within its last bit.
            assert!((shown - number).abs() < 1e-9, "{key}: {shown} vs {number}");
        }
    }
}

#[test]
fn the_page_is_self_contained_escaped_and_holds_the_jsons_figures() {
    let setup = Setup::new();
    let page = setup.html(false);
    for reference in [
        "<script", "http:", "https:", "src=", "href=", "url(", "@import", "<link",
    ] {
        assert!(!page.contains(reference), "{reference} in the page");
    }
    assert!(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co"));
    assert!(page.contains("<h2>What to change</h2>") && page.contains("<svg"));
    assert!(page.contains("<td>Umbrella</td><td>D</td>"), "tiers");
    assert!(
        page.contains("<td>Wed 14 Oct</td><td>partly</td>"),
        "review answers"
    );
    assert!(
        !page.contains("bold") && !page.contains("ACME&gt;"),
        "notes without --with-notes"
    );
    let notes = setup.html(true);
    assert!(notes.contains("<td>&lt;b&gt;bold&lt;/b&gt; note</td><td>Call &lt;ACME&gt;</td>"));
    assert_figures_match(&page, &setup.json_total());
    setup
        .cmd()
        .args(["report", "--with-notes"])
        .assert()
        .code(1);
}

/// Debian's chromium, or `None` (with a note) outside CI; with CI=true its absence fails.
fn chromium() -> Option<PathBuf> {
    let path = Path::new("/usr/bin/chromium");
    if path.exists() {
        return Some(path.to_path_buf());
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "CI=true but /usr/bin/chromium is missing: .ci/run installs the chromium package"
    );
    eprintln!(
        "note: /usr/bin/chromium is missing, the browser check is skipped (apt-get install chromium)"
    );
    None
}

/// Chromium headless and offline on `page`, with `extra` flags; its standard output and error.
fn run_chromium(browser: &Path, page: &Path, profile: &Path, extra: &[String]) -> (String, String) {
    let out = std::process::Command::new("timeout")
        .arg("120")
        .arg(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--host-resolver-rules=MAP * ~NOTFOUND",
            "--enable-logging=stderr",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "chromium failed: {stderr}");
    (String::from_utf8_lossy(&out.stdout).into_owned(), stderr)
}

#[test]
fn chromium_renders_the_page_offline_without_a_console_message() {
    let Some(browser) = chromium() else { return };
    let setup = Setup::new();
    let tmp = tempfile::tempdir().unwrap();
    let page = tmp.path().join("october.html");
    std::fs::write(&page, setup.html(true)).unwrap();
    let shot =
        std::env::var_os("PROTIME_HTML_SHOT").map_or(tmp.path().join("october.png"), PathBuf::from);
    let screenshot = [
        "--window-size=1200,2400".to_string(),
        format!("--screenshot={}", shot.display()),
    ];
    let (_, stderr) = run_chromium(&browser, &page, &tmp.path().join("p1"), &screenshot);
    let console: Vec<&str> = stderr.lines().filter(|l| l.contains(":CONSOLE")).collect();
    assert!(console.is_empty(), "console messages: {console:#?}");
    let png = std::fs::read(&shot).unwrap();
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 20_000,
        "{} bytes",
        png.len()
    );
    // The page as the browser parsed it holds the JSON report's figures.
    let (dom, _) = run_chromium(
        &browser,
        &page,
        &tmp.path().join("p2"),
        &["--dump-dom".into()],
    );
    assert!(dom.contains("What to change"), "{dom}");
    assert_figures_match(&dom, &setup.json_total());
}

/// The proactive share of a month in `report --format json`, rounded as the page shows it.
fn share(setup: &Setup, month: &str) -> f64 {
    let text = setup.out(&["report", "--month", month, "--format", "json"]);
    let doc = serde_json::from_str::<serde_json::Value>(&text).unwrap();
    doc["total"]["share"]["proactive"].as_f64().unwrap().round()
}

/// #21: the page's reading line says what the Month tab says (the one `month_reading`): the
/// share, the target, and how it moved since the month before.
#[test]
fn the_reading_line_compares_with_the_month_before() {
    let setup = Setup::new();
    let page = setup.html(false);
    let (october, september) = (share(&setup, "2026-10"), share(&setup, "2026-09"));
    let word = match october - september {
        d if d > 0.0 => "up from",
        d if d < 0.0 => "down from",
        _ => "the same as",
    };
    let reading = format!(
        "<p>Proactive {october:.0}% vs 40% target, {word} {september:.0}% in September</p>"
    );
    assert!(page.contains(&reading), "{reading} not in the page");
    // A period that is no whole month has no month before to compare with.
    let part = setup.out(&[
        "report",
        "--from",
        "2026-10-05",
        "--to",
        "2026-10-18",
        "--format",
        "html",
    ]);
    assert!(!part.contains("% in September"), "a part of a month");
}

/// #21: a broken day file among the months before no longer shortens the page's trend without a
/// word: the page and stderr name the file and what to do, and the page is still made.
#[test]
fn a_broken_file_in_the_trend_is_named_on_the_page_and_stderr() {
    let setup = Setup::new();
    let path = setup.dir.path().join("journal/2026/2026-06-10.toml");
    std::fs::write(&path, "schema = 1\n[[block]\n").unwrap();
    let args = ["report", "--month", "2026-10", "--format", "html"];
    let out = setup.cmd().args(args).assert().success();
    let (page, err) = (
        String::from_utf8_lossy(&out.get_output().stdout),
        String::from_utf8_lossy(&out.get_output().stderr),
    );
    for text in [&page, &err] {
        assert!(
            text.contains("The 12-month trend leaves out June 2026")
                && text.contains("2026-06-10.toml:2:")
                && text.contains("fix it in an editor"),
            "{text}"
        );
    }
    assert!(err.starts_with("protime: warning: "), "{err}");
}
