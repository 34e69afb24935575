use super::*;
use std::os::unix::fs::PermissionsExt;

const USER_FILE: &str = "\
# My settings (kept by hand)
[targets]
# I aim high
proactive_share = 45 # agreed with my manager

[timer]
focus_minutes = 25
break_minutes = 5
";

fn hours(h: f64) -> Setting {
    Setting::number("workday.weekly_capacity_hours", h)
}

fn target(p: f64) -> Setting {
    Setting::number("targets.proactive_share", p)
}

#[test]
fn comments_and_key_order_are_kept_and_only_the_edited_keys_change() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("config.toml");
    std::fs::write(&path, USER_FILE).unwrap();
    let config = write_settings(&path, &[target(50.0), hours(32.0)]).unwrap();
    assert_eq!(config.targets.proactive_share, 50.0);
    assert_eq!(config.workday.weekly_capacity_hours, 32.0);
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        text,
        "\
# My settings (kept by hand)
[targets]
# I aim high
proactive_share = 50 # agreed with my manager

[timer]
focus_minutes = 25
break_minutes = 5

[workday]
weekly_capacity_hours = 32
"
    );
}

#[test]
fn a_missing_file_is_written_from_the_commented_defaults_private() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("protime/config.toml");
    let days = vec!["mon".to_string(), "tue".into(), "wed".into(), "thu".into()];
    write_settings(
        &path,
        &[
            hours(32.0),
            Setting::list("workday.weekdays", days),
            target(35.0),
        ],
    )
    .unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("# protime's config, written from the defaults"));
    assert!(!text.contains("This file is built into protime"), "{text}");
    assert!(text.contains(
        "# Hours in a working week. Each working day's capacity = this ÷ the number of working \
         weekdays.\nweekly_capacity_hours = 32\n"
    ));
    assert!(text.contains("weekdays = [\"mon\", \"tue\", \"wed\", \"thu\"]\n"));
    assert!(text.contains("in percent.\nproactive_share = 35\n"));
    // Everything else is the defaults, word for word.
    let rest = |t: &str| {
        t.lines()
            .skip_while(|l| l.starts_with('#'))
            .filter(|l| {
                !l.starts_with("weekly_capacity_hours")
                    && !l.starts_with("weekdays")
                    && !l.starts_with("proactive_share")
            })
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    assert_eq!(rest(&text), rest(DEFAULT_TOML));
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let config = Config::load(&path, true).unwrap();
    assert_eq!(config.workday.weekdays.len(), 4);
}

#[test]
fn an_invalid_result_is_refused_and_the_old_file_stays() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("config.toml");
    std::fs::write(&path, USER_FILE).unwrap();
    // Above the realistic ceiling (60): the parser refuses it, so nothing is written.
    let err = write_settings(&path, &[target(80.0)]).unwrap_err();
    assert!(matches!(err, WriteError::Invalid(_)), "{err}");
    assert!(err.to_string().contains("targets.proactive_share"), "{err}");
    // The welcome screen says "Your answers were not saved: …": the reason must not say it again.
    assert!(!err.to_string().contains("not saved"), "{err}");
    let err = write_settings(&path, &[hours(0.0)]).unwrap_err();
    assert!(err.to_string().contains("weekly_capacity_hours"), "{err}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), USER_FILE);
    let names: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, vec!["config.toml"], "no temp or lock file left");
}

#[test]
fn a_file_broken_by_hand_is_left_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("config.toml");
    std::fs::write(&path, "[targets\nproactive_share = 4").unwrap();
    let err = write_settings(&path, &[target(40.0)]).unwrap_err();
    assert!(matches!(err, WriteError::Syntax { .. }), "{err}");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "[targets\nproactive_share = 4"
    );
}

#[test]
fn concurrent_writers_do_not_lose_each_others_keys() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("config.toml");
    std::fs::write(&path, USER_FILE).unwrap();
    let keys: [&'static str; 4] = [
        "timer.focus_minutes",
        "timer.break_minutes",
        "timer.long_break_minutes",
        "notifications.block_start_lead_minutes",
    ];
    std::thread::scope(|s| {
        for key in keys {
            let path = &path;
            s.spawn(move || {
                for n in 1..=15 {
                    write_settings(path, &[Setting::number(key, f64::from(n))]).unwrap();
                }
            });
        }
    });
    let config = Config::load(&path, true).unwrap();
    assert_eq!(config.timer.focus_minutes, 15);
    assert_eq!(config.timer.break_minutes, 15);
    assert_eq!(config.timer.long_break_minutes, 15);
    assert_eq!(config.notifications.block_start_lead_minutes, 15);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("# I aim high\nproactive_share = 45 # agreed"));
}

#[test]
fn a_key_in_an_inline_table_and_fractions_are_written_in_place() {
    let text = "workday = { start = \"09:00\", weekly_capacity_hours = 40 }\n";
    let out = apply(text, &[hours(37.5)]).unwrap();
    assert_eq!(
        out,
        "workday = { start = \"09:00\", weekly_capacity_hours = 37.5 }\n"
    );
}

#[test]
fn a_symlinked_config_stays_a_link_and_its_target_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    let dotfiles = tmp.path().join("dotfiles");
    std::fs::create_dir(&dotfiles).unwrap();
    std::fs::write(dotfiles.join("protime.toml"), USER_FILE).unwrap();
    let path = tmp.path().join("config.toml");
    std::os::unix::fs::symlink("dotfiles/protime.toml", &path).unwrap();
    write_settings(&path, &[target(50.0)]).unwrap();
    let link = std::fs::symlink_metadata(&path).unwrap();
    assert!(link.file_type().is_symlink(), "the link was replaced");
    let text = std::fs::read_to_string(dotfiles.join("protime.toml")).unwrap();
    assert!(text.contains("proactive_share = 50 # agreed"), "{text}");
}
