use super::*;

fn window() -> Window {
    Window {
        from: "2026-11-13".parse().unwrap(),
        to: "2026-11-26".parse().unwrap(),
        offset: FixedOffset::east_opt(3600).unwrap(),
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
    let ts = |t: &str, dmy: bool| timestamp(t, dmy, off).map(|d| d.to_rfc3339());
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
