use super::*;
use crate::domain::timer::GapAnswer;
use chrono::DateTime;
use ratatui::crossterm::event::KeyModifiers;

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

#[test]
fn interrupt_prompt_names_who_and_what_and_allows_empty() {
    let accounts = vec!["Globex".to_string(), "ACME".to_string()];
    let mut p = Prompt::interrupt(&accounts, "10:42");
    p.handle_key(key(KeyCode::Char('a')), &accounts);
    p.handle_key(key(KeyCode::Tab), &accounts);
    assert_eq!(p.form.value("Who"), "ACME");
    for c in "outage".chars() {
        p.handle_key(key(KeyCode::Char(c)), &accounts);
    }
    assert_eq!(
        p.handle_key(key(KeyCode::Enter), &accounts),
        Some(Ok(Some(Submitted::Timer(TimerOp::Describe {
            account: Some("ACME".into()),
            note: Some("outage".into()),
        }))))
    );
    let mut empty = Prompt::interrupt(&[], "10:42");
    assert_eq!(empty.handle_key(key(KeyCode::Esc), &[]), Some(Ok(None)));
}

#[test]
fn pass_on_needs_text_and_unplanned_needs_a_real_category() {
    let mut p = Prompt::pass_on();
    assert_eq!(p.handle_key(key(KeyCode::Enter), &[]), None);
    assert!(p.form.error.is_some());
    let mut u = Prompt::unplanned();
    u.handle_key(key(KeyCode::Char('x')), &[]);
    assert_eq!(u.handle_key(key(KeyCode::Enter), &[]), None);
    assert!(error(&u).contains("unknown category"));
    assert_eq!(u.handle_key(key(KeyCode::Esc), &[]), Some(Ok(None)));
}

fn error(p: &Prompt) -> &str {
    p.form.error.as_deref().unwrap_or("")
}

fn typed(p: &mut Prompt, text: &str) -> Option<Result<Option<Submitted>, String>> {
    for c in text.chars() {
        p.handle_key(key(KeyCode::Char(c)), &[]);
    }
    p.handle_key(key(KeyCode::Enter), &[])
}

#[test]
fn the_import_prompt_stays_open_until_file_and_period_make_sense() {
    let mut p = Prompt::import();
    assert_eq!(p.handle_key(key(KeyCode::Enter), &[]), None);
    assert!(error(&p).contains("path"));
    assert_eq!(typed(&mut p, "/no/such/cal.ics"), None);
    assert!(error(&p).contains("there is no"));
    let dir = tempfile::tempdir().unwrap();
    let notes = dir.path().join("notes.docx");
    std::fs::write(&notes, "x").unwrap();
    p.form.set("File", notes.display().to_string());
    assert_eq!(p.handle_key(key(KeyCode::Enter), &[]), None);
    assert!(error(&p).contains("not a calendar"));
    let cal = dir.path().join("My Calendar.ics");
    std::fs::write(&cal, "x").unwrap();
    p.form.set("File", format!("'{}'", cal.display()));
    p.form.set("Since", "soon");
    assert_eq!(p.handle_key(key(KeyCode::Enter), &[]), None);
    assert!(error(&p).contains("not a length"));
    p.form.set("Since", "2w");
    let Some(Ok(Some(Submitted::Import { file, since }))) = p.handle_key(key(KeyCode::Enter), &[])
    else {
        panic!("the prompt did not submit");
    };
    assert_eq!((file, since.as_str()), (cal, "2w"));
}

#[test]
fn into_plan_submits_the_calendar_for_the_plan() {
    let dir = tempfile::tempdir().unwrap();
    let cal = dir.path().join("calendar.ics");
    std::fs::write(&cal, "x").unwrap();
    let mut p = Prompt::import();
    p.form.set("File", cal.display().to_string());
    p.form.set("Into", "plan");
    let submitted = p.handle_key(key(KeyCode::Enter), &[]);
    assert_eq!(
        submitted,
        Some(Ok(Some(Submitted::PlanMeetings { file: cal })))
    );
}

#[test]
fn a_path_reads_as_a_shell_would_read_it() {
    assert_eq!(unquote_path("\"/a b/c.ics\""), PathBuf::from("/a b/c.ics"));
    assert_eq!(unquote_path("/a\\ b/c.ics"), PathBuf::from("/a b/c.ics"));
    let home = unquote_path("~/cal.ics");
    assert!(home.ends_with("cal.ics") && !home.starts_with("~"));
}

#[test]
fn gap_question_takes_w_b_o() {
    let since = DateTime::parse_from_rfc3339("2026-11-26T09:10:00+01:00").unwrap();
    let q = GapQuestion { since };
    assert_eq!(
        q.answer(key(KeyCode::Char('b'))),
        Some(TimerOp::SettleGap(since, GapAnswer::Break))
    );
    assert_eq!(q.answer(key(KeyCode::Char('x'))), None);
}

/// QA: the footer said "Esc leaves it unnamed" and "Esc cancels" on one line.
#[test]
fn the_interruption_footer_gives_esc_one_meaning() {
    let p = Prompt::interrupt(&[], "10:42");
    let area = ratatui::layout::Rect::new(0, 0, 120, 8);
    let mut buf = ratatui::buffer::Buffer::empty(area);
    p.form.render(
        area,
        &mut buf,
        &crate::tui::theme::Theme::new(&crate::config::Config::defaults().theme, true),
    );
    let text: String = buf.content.iter().map(|c| c.symbol()).collect();
    assert_eq!(text.matches("Esc").count(), 1, "{text}");
    assert!(text.contains("Esc leaves it unnamed"), "{text}");
}
