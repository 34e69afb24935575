use super::*;

fn window() -> Window {
    Window {
        from: "2026-11-13".parse().unwrap(),
        to: "2026-11-26".parse().unwrap(),
        zone: Zone::Fixed(FixedOffset::east_opt(3600).unwrap()),
    }
}

fn mapping(preset: &str) -> Mapping {
    Mapping {
        preset: preset.into(),
        slash_dates: "dmy".into(),
        ..Mapping::default()
    }
}

fn titles(p: &Parsed) -> Vec<&str> {
    p.items.iter().map(|i| i.title.as_str()).collect()
}

fn salesforce_text() -> String {
    let bytes = include_bytes!("../../tests/fixtures/import/salesforce.csv").to_vec();
    crate::import::input::check_text("salesforce.csv", bytes)
        .unwrap()
        .text
}

#[test]
fn salesforce_preset_reads_us_times_a_multiline_note_and_reports_a_bad_row() {
    let p = parse(&salesforce_text(), &mapping("salesforce"), &window()).unwrap();
    assert_eq!(
        titles(&p),
        [
            "Discovery call",
            "Proposal review, pricing",
            "Complaint about delivery",
            "Expense report"
        ]
    );
    let first = &p.items[0];
    assert_eq!(first.source, "crm:00U5g00000AbCdE");
    assert_eq!(first.start.to_rfc3339(), "2026-11-16T10:00:00+01:00");
    assert_eq!(first.minutes(), 45);
    assert_eq!(first.account.as_deref(), Some("Nordwind AG"));
    assert_eq!(first.field(Field::Type), "Call");
    assert_eq!(p.items[2].start.to_rfc3339(), "2026-11-20T09:15:00+01:00");
    assert_eq!(p.problems.len(), 1);
    assert!(
        p.problems[0].starts_with("line 6: \"13/45/2026 9:00 AM\""),
        "{:?}",
        p.problems
    );
    assert_eq!(p.skipped["outside the period"], 1);
}

#[test]
fn hubspot_preset_reads_durations_and_skips_rows_without_one() {
    let text = include_str!("../../tests/fixtures/import/hubspot.csv");
    let p = parse(text, &mapping("hubspot"), &window()).unwrap();
    let minutes: Vec<i64> = p.items.iter().map(Item::minutes).collect();
    assert_eq!(minutes, [25, 60, 15]);
    assert_eq!(p.items[2].account.as_deref(), Some("Brandt GmbH"));
    assert_eq!(p.skipped["no duration"], 1);
}

#[test]
fn pipedrive_preset_reads_semicolons_and_split_date_and_time() {
    let text = include_str!("../../tests/fixtures/import/pipedrive.csv");
    let p = parse(text, &mapping("pipedrive"), &window()).unwrap();
    assert_eq!(p.items.len(), 3);
    assert_eq!(p.items[0].start.to_rfc3339(), "2026-11-24T10:00:00+01:00");
    assert_eq!(p.items[0].minutes(), 90);
    assert_eq!(p.items[0].account.as_deref(), Some("Kühne Spedition"));
}

#[test]
fn auto_recognises_every_preset() {
    let texts = [
        salesforce_text(),
        include_str!("../../tests/fixtures/import/hubspot.csv").to_string(),
        include_str!("../../tests/fixtures/import/pipedrive.csv").to_string(),
    ];
    for text in texts {
        let p = parse(&text, &mapping("auto"), &window()).unwrap();
        assert!(p.items.len() >= 3, "{text}");
    }
}

#[test]
fn configured_columns_and_rows_without_id_get_a_stable_key() {
    let text = "When,What,Mins,Client\n2026-11-20 09:00,Call,30,ACME\n2026-11-20 10:00,Call,30,\n";
    let m = Mapping {
        start: Some("When".into()),
        subject: Some("what".into()),
        duration: Some("Mins".into()),
        account: Some("Client".into()),
        ..mapping("auto")
    };
    let a = parse(text, &m, &window()).unwrap();
    let b = parse(text, &m, &window()).unwrap();
    assert_eq!(a.items.len(), 2);
    assert_eq!(a, b);
    assert!(a.items[0].source.starts_with("crm:"));
    assert_ne!(a.items[0].source, a.items[1].source);
}

#[test]
fn a_header_without_the_needed_columns_names_what_is_missing() {
    let e = parse("Name,Email\nx,y\n", &mapping("auto"), &window()).unwrap_err();
    assert!(e.contains("no subject column"), "{e}");
    let e = parse(
        "Activity subject,Date\nx,2026-11-20 09:00\n",
        &mapping("hubspot"),
        &window(),
    )
    .unwrap_err();
    assert!(
        e.contains("no start date column for preset \"hubspot\""),
        "{e}"
    );
    let e = parse("BEGIN:VCALENDAR\n", &mapping("auto"), &window()).unwrap_err();
    assert!(e.contains("import calendar"), "{e}");
}

#[test]
fn the_usual_date_forms_and_the_day_order() {
    let off = FixedOffset::east_opt(3600).unwrap();
    let ts = |t: &str, dmy: bool| timestamp(t, dmy, &Zone::Fixed(off)).map(|d| d.to_rfc3339());
    let nine = Ok("2026-11-03T09:00:00+01:00".to_string());
    assert_eq!(ts("2026-11-03 09:00", true), nine);
    assert_eq!(ts("2026-11-03T09:00:00", true), nine);
    assert_eq!(ts("03.11.2026 09:00", true), nine);
    assert_eq!(ts("03/11/2026 09:00", true), nine);
    assert_eq!(ts("11/03/2026 09:00", false), nine);
    assert_eq!(ts("11/03/2026 9:00 AM", true), nine);
    assert_eq!(
        ts("2026-11-03T08:00:00Z", true),
        nine.clone()
            .map(|_| "2026-11-03T08:00:00+00:00".to_string())
    );
    assert!(ts("yesterday", true).unwrap_err().contains("is not a date"));
}

#[test]
fn duration_forms() {
    let m = |t: &str| minutes(t).map(|d| d.num_minutes());
    assert_eq!(m("45"), Ok(45));
    assert_eq!(m("45 min"), Ok(45));
    assert_eq!(m("1:30"), Ok(90));
    assert_eq!(m("01:30:00"), Ok(90));
    assert_eq!(m("1h 30m"), Ok(90));
    assert_eq!(m("2h"), Ok(120));
    assert!(m("lots").is_err());
    assert!(m("-5").is_err());
    assert!(m("NaN").is_err());
}

#[test]
fn separators_are_sniffed_outside_quotes() {
    assert_eq!(separator("a;b;c\n"), b';');
    assert_eq!(separator("a,b,c\n"), b',');
    assert_eq!(separator("\"x;y;z\",b,c\n"), b',');
    assert_eq!(separator("a\tb\tc\n"), b'\t');
}

#[test]
fn config_values_are_checked() {
    assert!(mapping("auto").validate().is_ok());
    let (key, _, allowed) = mapping("zoho").validate().unwrap_err();
    assert_eq!(key, "preset");
    assert!(allowed.contains("pipedrive"));
    let bad = Mapping {
        slash_dates: "ymd".into(),
        ..mapping("auto")
    };
    assert_eq!(bad.validate().unwrap_err().0, "slash_dates");
}

#[test]
fn salesforce_status_skips_what_did_not_happen_and_keeps_the_rest() {
    let text = "Subject,Start Date Time,Duration (Minutes),Status\n\
                Call A,2026-11-16 10:00,30,Completed\n\
                Call B,2026-11-16 11:00,30,Not Started\n\
                Call C,2026-11-16 12:00,30,In Progress\n\
                Call D,2026-11-16 13:00,30,Deferred\n\
                Call E,2026-11-16 14:00,30,Waiting on someone else\n\
                Call F,2026-11-16 15:00,30,\n";
    let p = parse(text, &mapping("salesforce"), &window()).unwrap();
    assert_eq!(titles(&p), ["Call A", "Call C", "Call F"]);
    assert_eq!(p.skipped["not done"], 3);
}

#[test]
fn hubspot_outcomes_count_cancelled_and_not_done_and_keep_unknown_ones() {
    let text = include_str!("../../tests/fixtures/import/hubspot-outcome.csv");
    let p = parse(text, &mapping("hubspot"), &window()).unwrap();
    assert_eq!(titles(&p), ["Demo warehouse app", "Support review"]);
    assert_eq!(p.skipped["cancelled"], 2);
    assert_eq!(p.skipped["not done"], 1);
    assert_eq!(p.skipped["outside the period"], 1);
    // What once was imported and is now cancelled leaves the journal on re-import.
    let gone: Vec<&str> = p.gone.iter().map(String::as_str).collect();
    assert_eq!(gone, ["crm:92000002", "crm:92000003", "crm:92000004"]);
}

#[test]
fn pipedrive_done_column_and_a_configured_status_column() {
    let text = "Activity - Subject;Activity - Due date;Activity - Due time;Activity - Duration;Activity - Done\n\
                Demo;24.11.2026;10:00;01:00;Done\n\
                Call;24.11.2026;12:00;00:30;Not done\n";
    let p = parse(text, &mapping("pipedrive"), &window()).unwrap();
    assert_eq!(titles(&p), ["Demo"]);
    assert_eq!(p.skipped["not done"], 1);
    let text =
        "What,When,Mins,State\nDemo,2026-11-20 09:00,30,CANCELLED\nCall,2026-11-20 10:00,30,open\n";
    let m = Mapping {
        start: Some("When".into()),
        subject: Some("What".into()),
        duration: Some("Mins".into()),
        status: Some("state".into()),
        ..mapping("auto")
    };
    let p = parse(text, &m, &window()).unwrap();
    assert!(p.items.is_empty());
    assert_eq!((p.skipped["cancelled"], p.skipped["not done"]), (1, 1));
}

#[test]
fn status_words_are_read_loosely() {
    assert_eq!(did_not_happen("No-Show"), Some("cancelled"));
    assert_eq!(did_not_happen("  not_started "), Some("not done"));
    assert_eq!(did_not_happen("Canceled"), Some("cancelled"));
    assert_eq!(did_not_happen("Completed"), None);
    assert_eq!(did_not_happen("Left voicemail"), None);
}

#[test]
fn a_quote_left_open_is_reported_instead_of_swallowing_the_rows_after_it() {
    let text = "Subject,Type,Start Date Time,End Date Time,Account Name\n\
                \"Call ACME,Call,11/16/2026 10:00 AM,11/16/2026 10:45 AM,ACME\n\
                Demo Helix,Meeting,11/17/2026 10:00 AM,11/17/2026 11:00 AM,Helix\n\
                Review,Meeting,11/18/2026 10:00 AM,11/18/2026 11:00 AM,Helix\n\
                Team,Meeting,11/19/2026 10:00 AM,11/19/2026 11:00 AM,\n";
    let p = parse(text, &mapping("salesforce"), &window()).unwrap();
    assert!(p.items.is_empty(), "{:?}", titles(&p));
    assert_eq!(p.problems.len(), 1, "{:?}", p.problems);
    assert!(
        p.problems[0].starts_with("line 2: a quote opened in this row"),
        "{:?}",
        p.problems
    );
}

#[test]
fn a_long_multiline_note_is_no_open_quote() {
    let text = "Subject,Type,Start Date Time,End Date Time,Account Name,Comments\n\
                Call,Call,11/16/2026 10:00 AM,11/16/2026 10:45 AM,ACME,\"one\ntwo\nthree\nfour\"\n";
    let p = parse(text, &mapping("salesforce"), &window()).unwrap();
    assert_eq!(titles(&p), ["Call"], "{:?}", p.problems);
}

#[test]
fn a_row_running_for_days_is_skipped_as_longer_than_a_day() {
    let text = "Subject,Type,Start Date Time,End Date Time,Account Name\n\
                Fair,Meeting,11/16/2026 10:00 AM,11/19/2026 10:00 AM,ACME\n\
                Backwards,Meeting,11/17/2026 10:00 AM,11/17/2026 9:00 AM,ACME\n";
    let p = parse(text, &mapping("salesforce"), &window()).unwrap();
    assert!(p.items.is_empty());
    assert_eq!(p.skipped["longer than a day"], 1);
    assert_eq!(p.skipped["no duration"], 1);
}

/// Windows CRM exports end lines with CRLF; a bad row is still reported on the line an editor
/// shows it on, also after a note that spans two lines.
#[test]
fn crlf_files_report_bad_rows_on_their_own_line() {
    let text = salesforce_text().replace('\n', "\r\n");
    let p = parse(&text, &mapping("salesforce"), &window()).unwrap();
    assert_eq!(titles(&p).len(), 4, "{:?}", p.problems);
    assert_eq!(p.problems.len(), 1, "{:?}", p.problems);
    assert!(
        p.problems[0].starts_with("line 6: \"13/45/2026 9:00 AM\""),
        "{:?}",
        p.problems
    );
}

#[test]
fn crlf_files_report_a_quote_left_open_on_its_own_line() {
    let text = "Subject,Type,Start Date Time,End Date Time,Account Name\r\n\
                Fine,Call,11/16/2026 9:00 AM,11/16/2026 9:30 AM,ACME\r\n\
                \"Call ACME,Call,11/16/2026 10:00 AM,11/16/2026 10:45 AM,ACME\r\n\
                Demo Helix,Meeting,11/17/2026 10:00 AM,11/17/2026 11:00 AM,Helix\r\n\
                Review,Meeting,11/18/2026 10:00 AM,11/18/2026 11:00 AM,Helix\r\n\
                Team,Meeting,11/19/2026 10:00 AM,11/19/2026 11:00 AM,\r\n";
    let p = parse(text, &mapping("salesforce"), &window()).unwrap();
    assert_eq!(titles(&p), ["Fine"]);
    assert!(
        p.problems[0].starts_with("line 3: a quote opened in this row"),
        "{:?}",
        p.problems
    );
}
