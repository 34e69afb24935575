//! The Month tab on an empty, a first-week, a normal and a holiday-heavy month, at 40×30, 60×24,
//! 80×24 and 120×40; and the cases of issue #20 one by one.

mod common;

use chrono::{FixedOffset, NaiveDate};
use common::{Harness, at};
use protime::domain::Day;
use protime::tui::effects;

const SIZES: [(u16, u16); 4] = [(40, 30), (60, 24), (80, 24), (120, 40)];

fn write(h: &Harness, days: &[Day]) {
    for day in days {
        h.journal
            .update(day.date, |d| {
                *d = day.clone();
                Ok(())
            })
            .unwrap();
    }
}

fn harness_at(now: &str, days: &[Day]) -> Harness {
    harness_configured(Harness::new(at(now)), days)
}

fn harness_configured(mut h: Harness, days: &[Day]) -> Harness {
    write(&h, days);
    effects::reload_days(&mut h.app, &h.journal);
    h.type_keys("5");
    h
}

fn harness(days: &[Day]) -> Harness {
    harness_at("2026-11-26T18:00:00+01:00", days)
}

fn generated(end: (u32, u32), days: u32) -> Vec<Day> {
    let end = NaiveDate::from_ymd_opt(2026, end.0, end.1).unwrap();
    protime::synth::generate(11, end, days, FixedOffset::east_opt(3600).unwrap())
}

fn normal() -> Vec<Day> {
    generated((11, 26), 90)
}

/// A rep who started on Wednesday 18 November; it is Friday the 20th, 10:42.
fn first_week() -> Harness {
    let days: Vec<Day> = generated((11, 19), 2);
    harness_at("2026-11-20T10:42:00+01:00", &days)
}

/// December with Christmas, the days between and New Year's Eve off; it is 31 December.
fn holiday_heavy() -> Harness {
    let mut days = generated((12, 23), 60);
    for (d, why) in [
        (24, "holiday"),
        (25, "holiday"),
        (28, "leave"),
        (29, "leave"),
        (30, "leave"),
        (31, "holiday"),
    ] {
        let mut day = Day::new(NaiveDate::from_ymd_opt(2026, 12, d).unwrap());
        day.off = Some(why.into());
        days.push(day);
    }
    harness_at("2026-12-31T18:00:00+01:00", &days)
}

fn snapshots(name: &str, h: &Harness) {
    for (w, height) in SIZES {
        insta::assert_snapshot!(format!("{name}_{w}x{height}"), h.screen(w, height));
    }
}

#[test]
fn four_months_at_four_sizes() {
    snapshots("empty", &harness(&[]));
    snapshots("first_week", &first_week());
    snapshots("normal", &harness(&normal()));
    snapshots("holidays", &holiday_heavy());
}

#[test]
fn the_month_before_and_the_week_view() {
    let mut h = harness(&normal());
    h.type_keys("h");
    assert_eq!(
        h.app.month_tab().month,
        NaiveDate::from_ymd_opt(2026, 10, 1).unwrap()
    );
    let screen = h.screen(120, 32);
    assert!(screen.contains("Month · October 2026"), "{screen}");
    assert!(screen.contains("in September"), "{screen}");
    h.type_keys("w");
    insta::assert_snapshot!("weeks_120x32", h.screen(120, 32));
    insta::assert_snapshot!("weeks_40x30", h.screen(40, 30));
    h.type_keys("t");
    assert_eq!(
        h.app.month_tab().month,
        NaiveDate::from_ymd_opt(2026, 11, 1).unwrap()
    );
}

/// Issue #20, case 1: a first week reads its own days, not "UNLOGGED 146h (96%) … no review 18".
#[test]
fn a_first_week_is_not_scolded_for_the_days_before_it() {
    let h = first_week();
    let screen = h.screen(120, 40);
    // The 18th and 19th (8h each) and today's 2h04 so far at 10:42.
    assert!(screen.contains("capacity 18h04"), "{screen}");
    // The 18th and today have no review yet (the 19th has one), not the fortnight before.
    assert!(screen.contains("no review 2"), "{screen}");
    assert!(screen.contains("12 days before you started"), "{screen}");
}

/// Issue #20, case 1: days off count no capacity and no "no review", and the tab counts them.
#[test]
fn days_off_are_counted_and_said() {
    let h = holiday_heavy();
    let screen = h.screen(120, 40);
    assert!(screen.contains("6 days off"), "{screen}");
    // 23 working days in December, 6 off: 17 × 8h.
    assert!(screen.contains("capacity 136h00"), "{screen}");
    // The generated month left three working days unreviewed; the six days off are not among them.
    assert!(screen.contains("no review 3 "), "{screen}");
}

/// Issue #20, case 2: at 60 and 40 columns nothing of the header is lost and a figure and its
/// share stay on one row.
#[test]
fn a_narrow_header_grows_instead_of_losing_lines() {
    let h = harness(&normal());
    for width in [40, 60] {
        let screen = h.screen(width, 30);
        assert!(screen.contains("decided:"), "{width}: {screen}");
        assert!(screen.contains("of planned"), "{width}: {screen}");
        for tag in ["PRO", "RE", "OTH", "UNLOGGED"] {
            let row = screen
                .lines()
                .find(|l| l.contains(&format!("{tag} ")) && l.contains('%'))
                .unwrap_or_else(|| panic!("{width}: {tag} without its share on its row\n{screen}"));
            assert!(row.contains('('), "{row}");
        }
    }
}

/// Issue #20, case 3: the calendar has day numbers, marks that are not the legend's shades, a
/// scale; the bars have dates.
#[test]
fn the_charts_read_on_their_own() {
    let h = harness(&normal());
    let screen = h.screen(120, 40);
    assert!(screen.contains("Mo  Tu  We  Th  Fr  Sa  Su"), "{screen}");
    assert!(
        screen.contains("○ <16%") && screen.contains("● ≥40%"),
        "{screen}"
    );
    let calendar: Vec<&str> = screen
        .lines()
        .skip_while(|l| !l.contains("Mo  Tu"))
        .take(7)
        .map(|l| &l[l.find("Mo  Tu").map_or(0, |_| 0)..])
        .collect();
    assert!(calendar.iter().any(|l| l.contains("26")), "{screen}");
    let right_of_bars = |l: &&str| l.chars().skip(100).collect::<String>();
    for line in &calendar {
        let tail = right_of_bars(line);
        assert!(!tail.contains(['░', '▒', '▓', '█']), "{tail}");
    }
    // The 1st and the Mondays are dated under their bars; every day where the bars are apart.
    assert!(
        screen.contains("│1 2             9             16"),
        "{screen}"
    );
    let wide = harness_at("2026-11-26T18:00:00+01:00", &normal()).screen(200, 40);
    assert!(wide.contains("1  2  3  4  5"), "{wide}");
    let narrow = h.screen(40, 30);
    assert!(
        narrow.contains("1       9      16     23     30"),
        "{narrow}"
    );
}

/// Issue #20, case 3: the week view has no all-zero rows for weeks ahead of today.
#[test]
fn the_week_view_has_no_rows_outside_the_month_that_counts() {
    let mut h = harness_at("2026-11-10T18:00:00+01:00", &generated((11, 10), 30));
    h.type_keys("w");
    let screen = h.screen(120, 32);
    assert!(screen.contains("week of 9 Nov"), "{screen}");
    for week in ["16 Nov", "23 Nov", "30 Nov"] {
        assert!(!screen.contains(week), "{week}: {screen}");
    }
}

/// Issue #20, case 4: hours and minutes, as the day view shows them, not whole hours.
#[test]
fn the_month_shows_hours_and_minutes() {
    let h = harness(&normal());
    let screen = h.screen(120, 40);
    let header = screen.lines().nth(2).unwrap();
    let re = regex_lite(header);
    assert!(re, "{header}");
}

/// "PRO 45h10 (31%)": an h:mm figure before each share.
fn regex_lite(line: &str) -> bool {
    let after = line.split("PRO ").nth(1).unwrap_or("");
    let figure: String = after.chars().take_while(|c| *c != ' ').collect();
    let (h, m) = figure.split_once('h').unwrap_or(("", ""));
    !h.is_empty() && h.chars().all(|c| c.is_ascii_digit()) && m.len() == 2
}

#[test]
fn a_broken_day_file_is_named_instead_of_figures() {
    let h = Harness::new(at("2026-11-26T18:00:00+01:00"));
    let path = h
        .journal
        .day_path(NaiveDate::from_ymd_opt(2026, 11, 3).unwrap());
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, "schema = 1\n[[block]\n").unwrap();
    let mut h = h;
    h.type_keys("5");
    assert!(h.screen(120, 32).contains("2026-11-03.toml:2:"));
}

/// Issue #20: at 40×30 and 60×24 nothing disappears; what the pane cannot hold is scrolled to.
/// Every line the tall pane shows is found, whole, on one of the scrolled screens.
#[test]
fn a_short_pane_scrolls_to_everything_the_month_holds() {
    for (w, height) in [(40, 30), (60, 24)] {
        let mut h = harness(&normal());
        // The shortest pane that needs no scrolling draws the month as the scrolled one does.
        let tall = (height..200)
            .map(|rows| h.screen(w, rows))
            .find(|s| !s.contains("more rows"))
            .map(|s| inner_lines(&s))
            .unwrap();
        let first = h.screen(w, height);
        assert!(first.contains("more rows · j/k"), "{first}");
        let mut seen = inner_lines(&first);
        for _ in 0..40 {
            h.type_keys("j");
            seen.extend(inner_lines(&h.screen(w, height)));
        }
        let last = h.screen(w, height);
        assert!(last.contains("rows above"), "{last}");
        for line in tall.iter().filter(|l| !l.trim().is_empty()) {
            assert!(seen.contains(line), "{w}x{height} never shows {line:?}");
        }
        insta::assert_snapshot!(format!("normal_{w}x{height}_scrolled_to_the_end"), last);
        h.type_keys("w");
        assert!(
            !h.screen(w, height).contains("rows above"),
            "a new view starts at its top"
        );
    }
}

/// The rows inside the tab's box: what the month itself shows.
fn inner_lines(screen: &str) -> Vec<String> {
    screen
        .lines()
        .filter_map(|l| l.trim_matches('"').strip_prefix('│'))
        .map(|l| l.trim_end_matches('│').to_string())
        .collect()
}

/// The generated accounts with tiers of the rep's own setting ("stark" spelled another way).
const TIERS: &str = "[accounts.tier]\nUmbrella = \"D\"\nGlobex = \"A\"\nstark = \"B\"\n";

fn tiered() -> Harness {
    let h = Harness::with_config(at("2026-11-26T18:00:00+01:00"), TIERS);
    harness_configured(h, &normal())
}

/// Issue #21: the advice and the tiers are on the Month tab, and a line points to the rest.
#[test]
fn the_month_shows_advice_and_tiers() {
    let h = tiered();
    let screen = h.screen(120, 40);
    assert!(screen.contains("What to change"), "{screen}");
    assert!(
        screen.contains("• Proactive share 31%, target 40%: 3h36 a week more would reach it."),
        "{screen}"
    );
    assert!(
        screen.contains("Stark (B) 1h20 · Globex (A) 0h47 · Umbrella (D) 0h29"),
        "{screen}"
    );
    assert!(
        screen.contains("by tier: A 0h47 · B 1h20 · D 0h29 · no tier 0h19 · no account 43h13"),
        "{screen}"
    );
    assert!(
        screen.contains("a: the trend, the patterns and the objectives"),
        "{screen}"
    );
}

/// Issue #21: the `a` page at 40, 80 and 120 columns; where it is taller than the pane, ↓ scrolls
/// to its end as on the month.
#[test]
fn the_what_to_change_page_at_three_widths() {
    let mut h = tiered();
    h.type_keys("a");
    for (w, height) in [(40, 30), (80, 24), (120, 40)] {
        insta::assert_snapshot!(format!("checkup_{w}x{height}"), h.screen(w, height));
    }
    let top = h.screen(40, 30);
    assert!(top.contains("Proactive share, last 12 months"), "{top}");
    assert!(top.contains("more rows"), "{top}");
    h.type_keys(&"j".repeat(200));
    let bottom = h.screen(40, 30);
    assert!(bottom.contains("by tier: A 0h47"), "{bottom}");
    assert!(bottom.contains("rows above"), "{bottom}");
    h.type_keys("a");
    assert!(h.screen(120, 40).contains("Mo  Tu  We"));
}

/// Issue #21: a first week is too little to advise on, and the tab says why.
#[test]
fn a_thin_month_says_why_it_has_no_advice() {
    let mut h = first_week();
    h.type_keys("a");
    let screen = h.screen(120, 40);
    assert!(
        screen.contains("No advice yet: 2 working days with tracked time (advice needs 10)"),
        "{screen}"
    );
}

/// Issue #21: a broken day file in the ten months before the month before no longer shortens
/// the 12-month trend without a word: the `a` page names the file and what to do, and leaves out
/// only the month that holds it (its column shows no share).
#[test]
fn a_broken_file_in_the_trend_is_named() {
    let h = Harness::new(at("2026-11-26T18:00:00+01:00"));
    write(&h, &generated((11, 26), 300));
    let path = h
        .journal
        .day_path(NaiveDate::from_ymd_opt(2026, 5, 12).unwrap());
    std::fs::write(&path, "schema = 1\n[[block]\n").unwrap();
    let mut h = harness_configured(h, &[]);
    h.type_keys("a");
    let screen = h.screen(120, 60);
    assert!(
        screen.contains("The 12-month trend leaves out May 2026"),
        "{screen}"
    );
    assert!(screen.contains("2026-05-12.toml:2:"), "{screen}");
    assert!(screen.contains("fix it in an editor"), "{screen}");
    let trend = &h.app.month_tab().trend;
    let months: Vec<String> = trend
        .iter()
        .map(|(m, _)| m.format("%b").to_string())
        .collect();
    assert_eq!(
        months,
        [
            "Dec", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov"
        ],
        "only May is left out"
    );
    assert_eq!(trend[5].1.share(protime::domain::Category::Proactive), None);
}
