use super::*;

#[test]
fn defaults_load_and_hold_the_documented_values() {
    let c = Config::defaults();
    assert_eq!(c.workday.weekly_capacity_hours, 40.0);
    assert_eq!(c.timer.focus_minutes, 30);
    assert_eq!(c.timer.break_minutes, 5);
    assert_eq!(c.targets.realistic_ceiling, 60.0);
    assert_eq!(c.inbox.slots.len(), 2);
    assert_eq!(
        c.review.reminder,
        NaiveTime::from_hms_opt(16, 45, 0).unwrap()
    );
}

#[test]
fn the_import_encoding_is_detected_unless_named() {
    assert_eq!(Config::defaults().import.encoding(), None);
    let c = Config::from_user_text(Some("[import]\nencoding = \"cp1250\"\n"), "mine.toml");
    let named = c.unwrap().import.encoding();
    assert_eq!(named, Some(encoding_rs::WINDOWS_1250));
}

#[test]
fn user_file_overrides_single_keys() {
    let c = Config::from_user_text(Some("[timer]\nfocus_minutes = 50\n"), "mine.toml").unwrap();
    assert_eq!(c.timer.focus_minutes, 50);
    assert_eq!(c.timer.break_minutes, 5);
}

#[test]
fn unknown_key_is_named_with_its_line() {
    let err = Config::from_user_text(
        Some("[timer]\nfocus_minutes = 50\nfocus_mins = 3\n"),
        "mine.toml",
    )
    .unwrap_err();
    let msg = err.to_string();
    assert!(msg.starts_with("mine.toml:3:"), "{msg}");
    assert!(msg.contains("focus_mins"), "{msg}");
}

#[test]
fn bad_values_name_key_value_and_what_is_allowed() {
    let cases = [
        ("[workday]\nstart = \"18:00\"\n", "workday.end = 17:00"),
        (
            "[targets]\nproactive_share = 70\nrealistic_ceiling = 50\n",
            "at most targets.realistic_ceiling (50)",
        ),
        (
            "[[objectives]]\nname = \"New logos\"\nweekly_hours = -1\n",
            "objectives[0].weekly_hours = -1: hours from 0 to 168",
        ),
        (
            "[[objectives]]\nname = \"New logos\"\n[[objectives]]\nname = \"new logos \"\n",
            "objectives[1].name = \"new logos \": a name no other objective has",
        ),
        (
            "[[inbox.slots]]\nstart = \"10:00\"\nend = \"09:00\"\n",
            "inbox.slots[0].end = 09:00",
        ),
        (
            "# mine\n[targets]\nproactive_share = \"40\"\n",
            "mine.toml:3:1: targets.proactive_share = \"40\": a percentage from 0 to 100",
        ),
        ("[workday]\ngrid_minutes = 7\n", "one of 5, 10"),
        ("[targets]\nproactive_share = 140\n", "a percentage"),
        (
            "[theme]\nproactive = \"greenish\"\n",
            "theme.proactive = \"greenish\"",
        ),
        ("[review]\nreminder = \"25:00\"\n", "like 09:30"),
        ("[inbox]\ncategory = \"urgent\"\n", "urgent"),
        (
            "[import.crm]\npreset = \"zoho\"\n",
            "import.crm.preset = \"zoho\": one of \"auto\"",
        ),
        (
            "[import.crm]\nslash_dates = \"ymd\"\n",
            "import.crm.slash_dates = \"ymd\"",
        ),
        (
            "[[import.rules]]\nwords = [\"demo\"]\ncategory = \"proactive\"\nfield = \"subject\"\n",
            "import.rules[0].field = \"subject\": one of \"title\", \"description\"",
        ),
        (
            "[[import.rules]]\nwords = [\" \"]\ncategory = \"proactive\"\n",
            "import.rules[0].words",
        ),
        (
            "[import]\nencoding = \"klingon\"\n",
            "mine.toml:2:1: import.encoding = \"klingon\": \"auto\" (detect it) or an encoding",
        ),
    ];
    for (text, expect) in cases {
        let msg = Config::from_user_text(Some(text), "mine.toml")
            .unwrap_err()
            .to_string();
        assert!(msg.contains(expect), "{text} → {msg}");
    }
}

#[test]
fn syntax_error_has_line_and_column() {
    let msg = Config::from_user_text(Some("[timer]\nfocus_minutes = = 3\n"), "mine.toml")
        .unwrap_err()
        .to_string();
    assert!(msg.starts_with("mine.toml:2:"), "{msg}");
}

/// Each message a bad config gets, from its start: the file, the line and column of the key, the
/// key's path, the value as written and what the key allows.
#[test]
fn every_bad_value_is_placed_and_named_with_what_is_allowed() {
    let cases = [
        (
            "[timer]\nfocus_minutes = 1e9\n",
            "mine.toml:2:1: timer.focus_minutes = 1e9: minutes from 1 to 240 (a whole number)",
        ),
        (
            "[timer]\nfocus_minutes = -5\n",
            "mine.toml:2:1: timer.focus_minutes = -5: minutes from 1 to 240 (a whole number)",
        ),
        (
            "timer.focus_minutes = 30.5\n",
            "mine.toml:1:7: timer.focus_minutes = 30.5: minutes from 1 to 240 (a whole number)",
        ),
        (
            "[timer]\nfocus_minutes = 500\n",
            "mine.toml:2:1: timer.focus_minutes = 500: minutes from 1 to 240",
        ),
        (
            "[workday]\nweekdays = [\"mon\", \"funday\"]\n",
            "mine.toml:2:20: workday.weekdays[1] = \"funday\": one of \"mon\", \"tue\", \"wed\", \
             \"thu\", \"fri\", \"sat\", \"sun\"",
        ),
        (
            "[workday]\nweekly_capacity_hours = \"40\"\n",
            "mine.toml:2:1: workday.weekly_capacity_hours = \"40\": hours between 1 and 168",
        ),
        (
            "[notifications]\n# on or off\nenabled = 1\n",
            "mine.toml:3:1: notifications.enabled = 1: true or false",
        ),
        (
            "[notifications]\nblock_start_lead_minutes = -2\n",
            "mine.toml:2:1: notifications.block_start_lead_minutes = -2: 0 or more minutes \
             (a whole number)",
        ),
        (
            "[review]\nreminder = 1645\n",
            "mine.toml:2:1: review.reminder = 1645: a time in quotes, like \"09:30\"",
        ),
        (
            "[workday]\nstart = \"9am\"\n",
            "mine.toml:2:1: workday.start: \"9am\" is not a time of day",
        ),
        (
            "[[plan.template]]\nstart = \"09:00\"\nend = \"10:00\"\ncategory = \"pro\"\ntitle = \"x\"\n",
            "mine.toml:4:1: plan.template[0].category = \"pro\": one of \"proactive\", \
             \"reactive\", \"other\"",
        ),
        (
            "[inbox]\nslots = [{ start = \"10:00\" }]\n",
            "mine.toml:2:10: inbox.slots[0].end is missing",
        ),
        ("timer = 5\n", "mine.toml:1:1: timer = 5: a table"),
        (
            "[[objectives]]\nname = \"New logos\"\nweekly_hours = -1\n",
            "mine.toml:3:1: objectives[0].weekly_hours = -1: hours from 0 to 168",
        ),
        (
            "[timer]\nfocus_minutes = 30\nfocus_mins = 3\n",
            "mine.toml:3:1: unknown key timer.focus_mins: the keys here are focus_minutes, \
             break_minutes,",
        ),
    ];
    let wrong: Vec<String> = cases
        .iter()
        .filter_map(|(text, expect)| {
            let msg = Config::from_user_text(Some(text), "mine.toml")
                .unwrap_err()
                .to_string();
            let ok = msg.starts_with(expect);
            (!ok).then(|| format!("{text:?}\n  got: {msg}\n want: {expect}"))
        })
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// A default that the rep's other values make wrong is placed at the table the rep changed.
#[test]
fn a_default_made_wrong_by_the_file_points_at_its_table() {
    let text = "# mine\n[workday]\nstart = \"18:00\"\n";
    let msg = Config::from_user_text(Some(text), "mine.toml")
        .unwrap_err()
        .to_string();
    assert_eq!(
        msg,
        "mine.toml:2:1: workday.end = 17:00 (the default): must be later than workday.start"
    );
}

/// A rule's key is a real path: a value of the wrong type there is told that rule.
#[test]
fn every_number_rule_names_a_real_key() {
    for rule in NUMBER_RULES {
        let text = match rule.key.split_once("[].") {
            Some((list, key)) => format!("[[{list}]]\nname = \"a\"\n{key} = \"x\"\n"),
            None => {
                let (table, key) = rule.key.rsplit_once('.').unwrap();
                format!("[{table}]\n{key} = \"x\"\n")
            }
        };
        let msg = Config::from_user_text(Some(&text), "mine.toml")
            .unwrap_err()
            .to_string();
        let key = rule.key.replace("[]", "[0]");
        let expect = format!("{key} = \"x\": {}", rule.allowed);
        assert!(msg.contains(&expect), "{msg}\nwant: {expect}");
    }
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Every `table.key` of the built-in config, to give random values.
    fn default_keys() -> Vec<(String, String)> {
        let table: toml::Table = toml::from_str(crate::config::DEFAULT_TOML).unwrap();
        let mut keys = vec![];
        for (name, value) in table {
            if let toml::Value::Table(inner) = value {
                keys.extend(inner.keys().map(|k| (name.clone(), k.clone())));
            }
        }
        keys
    }

    /// A TOML value of any type, as written in a file.
    fn value() -> impl Strategy<Value = String> {
        prop_oneof![
            any::<i64>().prop_map(|n| n.to_string()),
            any::<f64>()
                .prop_filter("finite", |f| f.is_finite())
                .prop_map(|f| format!("{f:?}")),
            any::<bool>().prop_map(|b| b.to_string()),
            "[ -~é]{0,12}".prop_map(|t| format!("{t:?}")),
            "[0-9:]{0,6}".prop_map(|t| format!("\"{t}\"")),
            Just("[]".to_string()),
            Just("[\"mon\", 3]".to_string()),
            Just("{ start = \"09:00\" }".to_string()),
        ]
    }

    proptest! {
        /// Any value under any known key either loads or is refused naming that key (or its
        /// table, for a rule between keys) with the file's line; nothing panics.
        #[test]
        fn any_value_loads_or_names_its_key(
            (table, key) in prop::sample::select(default_keys()),
            value in value(),
        ) {
            let text = format!("[{table}]\n{key} = {value}\n");
            if let Err(e) = Config::from_user_text(Some(&text), "mine.toml") {
                let msg = e.to_string();
                prop_assert!(msg.starts_with("mine.toml:"), "{text} → {msg}");
                prop_assert!(msg.contains(&format!("{table}.")), "{text} → {msg}");
            }
        }

        /// Text that is not TOML is refused with a line and column, never a panic.
        #[test]
        fn any_text_loads_or_is_refused_with_a_place(text in "[\\[\\]a-z_=\"0-9. \n{},]{0,60}") {
            if let Err(e) = Config::from_user_text(Some(&text), "mine.toml") {
                let msg = e.to_string();
                prop_assert!(msg.starts_with("mine.toml:"), "{text:?} → {msg}");
            }
        }
    }
}

#[test]
fn holidays_and_the_start_are_read_and_a_bad_one_is_named() {
    let text = "[workday]\nholidays = [\"12-25\", \"1-1\"]\ntracking_since = \"2026-10-14\"\n";
    let c = Config::from_user_text(Some(text), "mine.toml").unwrap();
    assert_eq!(c.workday.holiday_dates(), vec![(12, 25), (1, 1)]);
    assert_eq!(
        c.workday.since(),
        chrono::NaiveDate::from_ymd_opt(2026, 10, 14)
    );
    assert_eq!(Config::defaults().workday.since(), None);
    for (text, says) in [
        (
            "[workday]\nholidays = [\"12-25\", \"02-30\"]\n",
            "workday.holidays[1] = \"02-30\": a month and day in quotes, like \"12-25\"",
        ),
        (
            "[workday]\nholidays = [\"Christmas\"]\n",
            "workday.holidays[0] = \"Christmas\"",
        ),
        (
            "[workday]\ntracking_since = \"14.10.2026\"\n",
            "workday.tracking_since = \"14.10.2026\": a date in quotes, like \"2026-10-14\"",
        ),
    ] {
        let err = Config::from_user_text(Some(text), "mine.toml")
            .unwrap_err()
            .to_string();
        assert!(err.contains(says), "{text}: {err}");
    }
}
