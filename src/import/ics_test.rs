use super::*;

fn window(from: &str, to: &str) -> Window {
    Window {
        from: from.parse().unwrap(),
        to: to.parse().unwrap(),
        zone: RepZone::Fixed(FixedOffset::east_opt(3600).unwrap()),
    }
}

fn nov() -> Window {
    window("2026-11-13", "2026-11-26")
}

fn cal(events: &str) -> String {
    format!("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{events}END:VCALENDAR\r\n")
}

fn starts(p: &Parsed) -> Vec<String> {
    p.items
        .iter()
        .map(|i| i.start.format("%Y-%m-%dT%H:%M%:z").to_string())
        .collect()
}

#[test]
fn google_shape_expands_weekly_with_exdate_and_a_moved_occurrence() {
    let p = parse(
        include_str!("../../tests/fixtures/import/google.ics"),
        &nov(),
        &[],
    )
    .unwrap();
    let standups: Vec<&Item> = p
        .items
        .iter()
        .filter(|i| i.title.starts_with("Team"))
        .collect();
    let when: Vec<String> = standups.iter().map(|i| i.start.to_rfc3339()).collect();
    // Mondays and Wednesdays, 18 Nov excluded, 25 Nov moved to 11:00.
    assert_eq!(
        when,
        [
            "2026-11-16T09:30:00+01:00",
            "2026-11-23T09:30:00+01:00",
            "2026-11-25T11:00:00+01:00"
        ]
    );
    assert_eq!(
        standups[2].source,
        "ics:standup-4711@google.com/20261125T083000Z"
    );
    assert_eq!(
        standups[0].source,
        "ics:standup-4711@google.com/20261116T083000Z"
    );
    assert_eq!(p.skipped["all-day"], 1);
    assert_eq!(p.skipped["free"], 1);
    // The calendar's name is the owner's address, who declined the webinar.
    assert_eq!(p.skipped["declined"], 1);
    let demo = p.items.iter().find(|i| i.title.contains("demo")).unwrap();
    assert_eq!(demo.start.to_rfc3339(), "2026-11-17T14:00:00+01:00");
    assert_eq!(
        demo.field(Field::Description),
        "Agenda: Demo of route planning, pricing Q&A"
    );
    let esc = p.items.iter().find(|i| i.title == "ACME invoice").unwrap();
    assert!(esc.field(Field::Description).ends_with("double invoice."));
    // The alarm's text is not the event's.
    let dentist = p.items.iter().find(|i| i.title == "Dentist").unwrap();
    assert_eq!(dentist.field(Field::Description), "");
    assert!(p.problems.is_empty(), "{:?}", p.problems);
}

#[test]
fn outlook_shape_maps_windows_zones_and_drops_a_cancelled_occurrence() {
    let p = parse(
        include_str!("../../tests/fixtures/import/outlook.ics"),
        &nov(),
        &[],
    )
    .unwrap();
    let titles: Vec<&str> = p.items.iter().map(|i| i.title.as_str()).collect();
    assert_eq!(titles, ["Support call Brandt GmbH", "Pipeline review"]);
    assert_eq!(p.items[0].start.to_rfc3339(), "2026-11-18T14:00:00+01:00");
    assert_eq!(
        p.items[0].field(Field::Organizer),
        "Kai Brandt <kai@brandt.example>"
    );
    assert_eq!(p.skipped["cancelled"], 1);
    assert!(
        p.gone
            .contains("ics:040000008200E00074C5B7101A82E00800000000A1B2C3D4/20261126T080000Z")
    );
}

#[test]
fn apple_shape_reads_floating_times_count_rdate_and_duration() {
    let p = parse(
        include_str!("../../tests/fixtures/import/apple.ics"),
        &nov(),
        &[],
    )
    .unwrap();
    assert_eq!(
        starts(&p),
        [
            "2026-11-16T15:30+01:00",
            "2026-11-17T15:30+01:00",
            "2026-11-18T15:30+01:00",
            "2026-11-19T15:30+01:00",
            "2026-11-20T15:30+01:00",
            "2026-11-21T10:00+01:00",
            "2026-11-25T09:00+01:00",
        ]
    );
    assert_eq!(p.items[6].minutes(), 45);
    assert_eq!(p.items[0].field(Field::Categories), "Sales");
    assert_eq!(p.skipped["all-day"], 1);
}

#[test]
fn dst_is_followed_across_a_weekly_series() {
    let text = cal(
        "BEGIN:VEVENT\r\nUID:w\r\nDTSTART;TZID=Europe/Berlin:20261019T090000\r\nDTEND;TZID=Europe/Berlin:20261019T100000\r\nRRULE:FREQ=WEEKLY;COUNT=3\r\nSUMMARY:Weekly\r\nEND:VEVENT\r\n",
    );
    let p = parse(&text, &window("2026-10-01", "2026-11-30"), &[]).unwrap();
    let utc: Vec<String> = p
        .items
        .iter()
        .map(|i| {
            i.start
                .with_timezone(&Utc)
                .format("%m-%d %H:%M")
                .to_string()
        })
        .collect();
    assert_eq!(utc, ["10-19 07:00", "10-26 08:00", "11-02 08:00"]);
}

#[test]
fn until_as_a_date_ends_the_series_that_day() {
    let text = cal(
        "BEGIN:VEVENT\r\nUID:u\r\nDTSTART;TZID=Europe/Berlin:20261116T090000\r\nDURATION:PT30M\r\nRRULE:FREQ=DAILY;UNTIL=20261118\r\nSUMMARY:Daily\r\nEND:VEVENT\r\n",
    );
    let p = parse(&text, &nov(), &[]).unwrap();
    assert_eq!(p.items.len(), 3);
}

#[test]
fn exdate_in_utc_removes_the_occurrence_of_a_zoned_series() {
    let text = cal(
        "BEGIN:VEVENT\r\nUID:x\r\nDTSTART;TZID=Europe/Berlin:20261116T090000\r\nDURATION:PT30M\r\nRRULE:FREQ=DAILY;COUNT=3\r\nEXDATE:20261117T080000Z\r\nSUMMARY:Daily\r\nEND:VEVENT\r\n",
    );
    let p = parse(&text, &nov(), &[]).unwrap();
    assert_eq!(
        starts(&p),
        ["2026-11-16T09:00+01:00", "2026-11-18T09:00+01:00"]
    );
}

#[test]
fn a_broken_event_is_reported_by_line_and_the_rest_read() {
    let text = cal(
        "BEGIN:VEVENT\r\nUID:bad\r\nDTSTART:2026-11-16 09:00\r\nSUMMARY:x\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:zone\r\nDTSTART;TZID=Mars/Olympus:20261116T090000\r\nDURATION:PT1H\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:ok\r\nDTSTART:20261116T090000Z\r\nDURATION:PT1H\r\nSUMMARY:fine\r\nEND:VEVENT\r\n",
    );
    let p = parse(&text, &nov(), &[]).unwrap();
    assert_eq!(p.items.len(), 1);
    assert_eq!(p.problems.len(), 2);
    assert!(p.problems[0].starts_with("line 3:"), "{:?}", p.problems);
    assert!(p.problems[1].contains("unknown time zone \"Mars/Olympus\""));
}

#[test]
fn items_without_length_or_longer_than_a_day_are_skipped() {
    let text = cal(
        "BEGIN:VEVENT\r\nUID:a\r\nDTSTART:20261116T090000Z\r\nSUMMARY:x\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:b\r\nDTSTART:20261116T090000Z\r\nDURATION:P3D\r\nEND:VEVENT\r\n",
    );
    let p = parse(&text, &nov(), &[]).unwrap();
    assert!(p.items.is_empty());
    assert_eq!(p.skipped["no duration"], 1);
    assert_eq!(p.skipped["longer than a day"], 1);
}

#[test]
fn a_file_that_is_not_a_calendar_is_refused() {
    let e = parse("Subject,Start\nx,y\n", &nov(), &[]).unwrap_err();
    assert!(e.contains("BEGIN:VCALENDAR"), "{e}");
}

#[test]
fn durations_and_zone_names() {
    assert_eq!(duration("PT1H30M").unwrap(), Duration::minutes(90));
    assert_eq!(duration("P1DT2H").unwrap(), Duration::hours(26));
    assert_eq!(duration("-PT15M").unwrap(), Duration::minutes(-15));
    assert!(duration("1h").is_err());
    assert!(duration("PT5").is_err());
    assert_eq!(
        zone_named("W. Europe Standard Time").unwrap().name(),
        "Europe/Berlin"
    );
    assert_eq!(
        zone_named("/freeassociation.sourceforge.net/Tzfile/Europe/Paris")
            .unwrap()
            .name(),
        "Europe/Paris"
    );
    assert_eq!(
        zone_named("FLE Standard Time").unwrap().name(),
        zone_named("Europe/Kyiv").unwrap().name()
    );
}

#[test]
fn a_zone_missing_from_the_system_says_to_install_tzdata() {
    let empty = tempfile::tempdir().unwrap();
    let no_zones = jiff::tz::TimeZoneDatabase::from_dir(empty.path())
        .unwrap_or_else(|_| jiff::tz::TimeZoneDatabase::none());
    for db in [no_zones, jiff::tz::TimeZoneDatabase::none()] {
        let e = crate::import::named_zone::zone_in(&db, "Europe/Berlin").unwrap_err();
        assert!(e.contains("\"Europe/Berlin\" is not on this system"), "{e}");
        assert!(e.contains("apt-get install tzdata"), "{e}");
    }
    let e = zone_named("Mars/Olympus").unwrap_err();
    assert!(e.starts_with("unknown time zone \"Mars/Olympus\""), "{e}");
}

#[test]
fn an_event_in_a_zone_the_system_lacks_is_reported_not_misplaced() {
    let text = cal(
        "BEGIN:VEVENT\r\nUID:n\r\nDTSTART;TZID=Mars/Olympus:20261116T090000\r\n\
         DURATION:PT1H\r\nSUMMARY:x\r\nEND:VEVENT\r\n",
    );
    let p = parse(&text, &nov(), &[]).unwrap();
    assert!(p.items.is_empty());
    assert!(
        p.problems[0].contains("unknown time zone \"Mars/Olympus\""),
        "{:?}",
        p.problems
    );
}

#[test]
fn a_named_zone_reads_a_dst_gap_later_and_an_overlap_earlier() {
    let event = |uid: &str, at: &str, rule: &str| {
        format!(
            "BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTART;TZID=Europe/Berlin:{at}\r\nDURATION:PT30M\r\n\
             {rule}SUMMARY:{uid}\r\nEND:VEVENT\r\n"
        )
    };
    let text = cal(&format!(
        "{}{}{}",
        // 02:30 does not exist on 29 March, and happens twice on 25 October.
        event("gap", "20260329T023000", ""),
        event("fold", "20261025T023000", ""),
        event("daily", "20260328T023000", "RRULE:FREQ=DAILY;COUNT=3\r\n"),
    ));
    let p = parse(&text, &window("2026-03-01", "2026-10-31"), &[]).unwrap();
    assert!(p.problems.is_empty(), "{:?}", p.problems);
    let at = |uid: &str| -> Vec<String> {
        p.items
            .iter()
            .filter(|i| i.title == uid)
            .map(|i| {
                i.start
                    .with_timezone(&Utc)
                    .format("%m-%d %H:%M")
                    .to_string()
            })
            .collect()
    };
    // Berlin is UTC+1 until 01:00 UTC on 29 March and again from 01:00 UTC on 25 October.
    assert_eq!(at("gap"), ["03-29 01:30"]);
    assert_eq!(at("fold"), ["10-25 00:30"]);
    assert_eq!(at("daily"), ["03-28 01:30", "03-29 01:30", "03-30 00:30"]);
}

#[test]
fn a_zone_known_only_by_its_vtimezone_follows_its_rules() {
    let text = cal(
        "BEGIN:VTIMEZONE\r\nTZID:Customized Time Zone\r\nBEGIN:STANDARD\r\nDTSTART:16010101T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nRRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10\r\nEND:STANDARD\r\nBEGIN:DAYLIGHT\r\nDTSTART:16010101T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nRRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\nBEGIN:VEVENT\r\nUID:c\r\nDTSTART;TZID=Customized Time Zone:20261023T090000\r\nDTEND;TZID=Customized Time Zone:20261023T100000\r\nRRULE:FREQ=WEEKLY;COUNT=2\r\nSUMMARY:Weekly\r\nEND:VEVENT\r\n",
    );
    let p = parse(&text, &window("2026-10-01", "2026-11-30"), &[]).unwrap();
    assert!(p.problems.is_empty(), "{:?}", p.problems);
    let utc: Vec<String> = p
        .items
        .iter()
        .map(|i| {
            i.start
                .with_timezone(&Utc)
                .format("%m-%d %H:%M")
                .to_string()
        })
        .collect();
    assert_eq!(utc, ["10-23 07:00", "10-30 08:00"]);
}

#[test]
fn a_rule_that_would_step_forever_is_refused_quickly() {
    let text = cal(
        "BEGIN:VEVENT\r\nUID:s\r\nDTSTART:16010101T000000Z\r\nDURATION:PT1S\r\nRRULE:FREQ=SECONDLY\r\nSUMMARY:x\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:ok\r\nDTSTART:20261116T090000Z\r\nDURATION:PT1H\r\nRRULE:FREQ=DAILY\r\nSUMMARY:fine\r\nEND:VEVENT\r\n",
    );
    let started = std::time::Instant::now();
    let p = parse(&text, &nov(), &[]).unwrap();
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
    assert_eq!(p.problems.len(), 1);
    assert!(
        p.problems[0].contains("repeats too often"),
        "{:?}",
        p.problems
    );
    assert_eq!(p.items.len(), 11);
}

#[test]
fn an_interval_near_the_integer_limit_is_no_panic() {
    for interval in ["144115188075855872", "9223372036854775807", "0", "-3"] {
        let text = cal(&format!(
            "BEGIN:VEVENT\r\nUID:s\r\nDTSTART:20261116T090000Z\r\nDURATION:PT1H\r\nRRULE:FREQ=DAILY;INTERVAL={interval}\r\nSUMMARY:x\r\nEND:VEVENT\r\n"
        ));
        let p = parse(&text, &nov(), &[]).unwrap();
        assert!(p.items.len() <= 11, "{interval}: {:?}", p.items);
    }
}

#[test]
fn an_outlook_calendar_in_windows_1252_reads_its_accents() {
    let mut bytes = b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x1\r\n".to_vec();
    bytes.extend(b"DTSTART:20261120T090000\r\nDTEND:20261120T100000\r\n");
    bytes.extend(b"SUMMARY:R\xfcckruf M\xfcller \x96 Angebot 5.000 \x80\r\n");
    bytes.extend(b"END:VEVENT\r\nEND:VCALENDAR\r\n");
    let text = crate::import::input::check_text("x.ics", bytes).unwrap();
    assert_eq!(text.encoding, "windows-1252");
    let p = parse(&text.text, &nov(), &[]).unwrap();
    assert_eq!(p.items[0].title, "Rückruf Müller – Angebot 5.000 €");
}

#[test]
fn an_event_the_file_never_ends_is_reported() {
    let text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:cut\r\n\
                DTSTART:20261116T090000Z\r\nDURATION:PT1H\r\nSUMMARY:cut short\r\n";
    let p = parse(text, &nov(), &[]).unwrap();
    assert!(p.items.is_empty());
    assert_eq!(p.problems.len(), 1, "{:?}", p.problems);
    assert!(
        p.problems[0].starts_with("line 3: this event has no END:VEVENT"),
        "{:?}",
        p.problems
    );
}

#[test]
fn two_events_with_one_uid_keep_the_later_and_count_the_other() {
    let event = |summary: &str| {
        format!(
            "BEGIN:VEVENT\r\nUID:twice\r\nDTSTART:20261116T090000Z\r\nDURATION:PT1H\r\n\
             SUMMARY:{summary}\r\nEND:VEVENT\r\n"
        )
    };
    let text = cal(&format!("{}{}", event("first"), event("second")));
    let p = parse(&text, &nov(), &[]).unwrap();
    assert_eq!(p.items.len(), 1);
    assert_eq!(p.items[0].title, "second");
    assert_eq!(p.skipped["same id as a later one"], 1);
}

#[test]
fn a_series_cut_at_the_occurrence_limit_says_so() {
    // Daily for seven years: about 2,500 occurrences in the period.
    let text = cal(
        "BEGIN:VEVENT\r\nUID:often\r\nDTSTART:20200101T090000Z\r\nDURATION:PT1M\r\n\
         RRULE:FREQ=DAILY\r\nSUMMARY:ping\r\nEND:VEVENT\r\n",
    );
    let p = parse(&text, &window("2020-01-01", "2026-12-31"), &[]).unwrap();
    assert!(
        p.notices
            .iter()
            .any(|n| n.contains("repeats more than 2000 times")),
        "{:?}",
        p.notices
    );
    assert_eq!(p.items.len(), 2000);
}

#[test]
fn a_rule_repeating_within_a_day_is_reported_not_read() {
    let text = cal(
        "BEGIN:VEVENT\r\nUID:often\r\nDTSTART:20261116T090000Z\r\nDURATION:PT1M\r\n\
         RRULE:FREQ=MINUTELY\r\nSUMMARY:ping\r\nEND:VEVENT\r\n",
    );
    let p = parse(&text, &nov(), &[]).unwrap();
    assert!(p.items.is_empty());
    assert_eq!(p.problems.len(), 1, "{:?}", p.problems);
    assert!(
        p.problems[0].contains("FREQ=MINUTELY repeats within a day")
            && p.problems[0].ends_with("event skipped"),
        "{:?}",
        p.problems
    );
}

#[test]
fn rdates_and_rules_together_count_a_shared_date_once() {
    let text = cal(
        "BEGIN:VEVENT\r\nUID:r\r\nDTSTART:20261116T090000Z\r\nDURATION:PT1H\r\n\
         RRULE:FREQ=DAILY;COUNT=2\r\nRRULE:FREQ=WEEKLY;BYDAY=MO,TU;COUNT=2\r\n\
         RDATE:20261117T090000Z,20261120T090000Z\r\nEXDATE:20261120T090000Z\r\n\
         SUMMARY:x\r\nEND:VEVENT\r\n",
    );
    let p = parse(&text, &nov(), &[]).unwrap();
    assert_eq!(
        starts(&p),
        ["2026-11-16T10:00+01:00", "2026-11-17T10:00+01:00"]
    );
}

#[test]
fn an_event_from_the_evening_before_brings_only_its_part_inside_the_period() {
    // 23:00–01:00 local, the night into the period's first day (13 Nov).
    let text = cal(
        "BEGIN:VEVENT\r\nUID:late\r\nDTSTART:20261112T220000Z\r\nDURATION:PT2H\r\n\
         SUMMARY:APAC call\r\nEND:VEVENT\r\n",
    );
    let window = nov();
    let p = parse(&text, &window, &[]).unwrap();
    assert_eq!(p.items.len(), 1, "{:?}", p.skipped);
    let accepted = [crate::import::Accepted {
        item: p.items[0].clone(),
        category: crate::domain::Category::Reactive,
        chosen: false,
    }];
    let days = crate::import::by_day(&accepted, &window);
    let first: NaiveDate = "2026-11-13".parse().unwrap();
    assert_eq!(days.keys().copied().collect::<Vec<_>>(), vec![first]);
    let part = &days[&first][0].item;
    assert_eq!(part.source, "ics:late#2026-11-13");
    assert_eq!(part.minutes(), 60);
}

/// A SUMMARY folded over `pieces` continuation lines of `piece` each.
fn folded_title(piece: &str, pieces: usize) -> String {
    let mut summary = String::from("SUMMARY:start");
    for _ in 0..pieces {
        summary.push_str("\r\n ");
        summary.push_str(piece);
    }
    cal(&format!(
        "BEGIN:VEVENT\r\nUID:long\r\nDTSTART:20261116T090000Z\r\nDURATION:PT1H\r\n\
         {summary}\r\nEND:VEVENT\r\n"
    ))
}

#[test]
fn an_unfolded_line_stays_within_the_line_limit() {
    // Each physical line is short; only unfolding makes one 1.2 MB logical line.
    let text = folded_title("ééééé", 120_000);
    let (lines, cut) = unfold(&text);
    assert_eq!(cut, [7]);
    let longest = lines.iter().map(|(_, l)| l.len()).max().unwrap();
    assert!(longest <= crate::import::input::MAX_LINE, "{longest} bytes");
    // The lines after the long one are still read.
    assert!(lines.iter().any(|(_, l)| l == "END:VCALENDAR"));
}

#[test]
fn a_title_folded_over_many_lines_is_cut_with_a_note() {
    let p = parse(&folded_title("abcdefghij", 120_000), &nov(), &[]).unwrap();
    assert_eq!(p.items.len(), 1, "{:?}", p.problems);
    let title = &p.items[0].title;
    assert_eq!(
        title.chars().count(),
        crate::import::MAX_TITLE,
        "{}",
        title.len()
    );
    assert!(title.starts_with("startabcdefghij") && title.ends_with('…'));
    assert!(
        p.notices[0].starts_with("line 7 is longer than 1024 KB"),
        "{:?}",
        p.notices
    );
    assert!(
        p.notices
            .iter()
            .any(|n| n.contains("cut to 1000 characters")),
        "{:?}",
        p.notices
    );
}

#[test]
fn text_at_the_limit_is_kept_and_one_character_more_is_cut() {
    let mut exact = "é".repeat(crate::import::MAX_TITLE);
    assert!(!crate::import::cut_text(
        &mut exact,
        crate::import::MAX_TITLE
    ));
    let mut over = format!("{exact}x");
    assert!(crate::import::cut_text(&mut over, crate::import::MAX_TITLE));
    assert_eq!(over.chars().count(), crate::import::MAX_TITLE);
    assert!(over.ends_with("é…"));
}
