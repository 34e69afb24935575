//! The Plan tab's forms: add or edit a block, and log a manual entry. Nothing is saved until
//! every field reads right; the form says what to type instead.

use crate::domain::plan::{add_minutes, validate};
use crate::domain::span::local_instant;
use crate::domain::timefmt::{
    format_hhmm, looks_like_duration, parse_duration_minutes, parse_hhmm,
};
use crate::domain::{Block, BlockKind, Category, Session, SessionKind};
use crate::tui::widgets::form::{Field, Form};
use chrono::{NaiveDate, NaiveTime};

#[derive(Debug, Clone, PartialEq)]
pub enum FormMode {
    AddBlock,
    EditBlock(Block),
    ManualEntry,
    DaysOff,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlanForm {
    pub mode: FormMode,
    pub form: Form,
}

const CATEGORY_HINT: &str = crate::domain::category::CHOICES_HINT;
const END_HINT: &str = "an end like 10:30, or a length like 45m or 1h30";

fn category_field(category: Category) -> Field {
    Field::new("Category", category.name(), CATEGORY_HINT)
}

impl PlanForm {
    pub fn add(start: NaiveTime, minutes: i64) -> PlanForm {
        let end = add_minutes(start, minutes)
            .unwrap_or(NaiveTime::from_hms_opt(23, 59, 0).unwrap_or(start));
        PlanForm {
            mode: FormMode::AddBlock,
            form: block_form("Add block", start, end, Category::Proactive, "", "", ""),
        }
    }

    /// The block a review promised to protect, like "08:30 Prospecting calls": its time (if it
    /// starts with one) and title, an hour long by default.
    pub fn protect(promise: &str, fallback_start: NaiveTime, minutes: i64) -> PlanForm {
        let (start, title) = match promise.split_once(' ') {
            Some((time, rest)) if parse_hhmm(time).is_ok() && time.contains(':') => {
                (parse_hhmm(time).unwrap_or(fallback_start), rest.trim())
            }
            _ => (fallback_start, promise.trim()),
        };
        let mut form = PlanForm::add(start, minutes);
        form.form.title = "Add the block you promised to protect".into();
        form.form.set("Title", title);
        form
    }

    pub fn edit(block: &Block) -> PlanForm {
        let account = block.account.as_deref().unwrap_or("");
        let objective = block.objective.as_deref().unwrap_or("");
        let form = block_form(
            "Edit block",
            block.start,
            block.end,
            block.category,
            &block.title,
            account,
            objective,
        );
        PlanForm {
            mode: FormMode::EditBlock(block.clone()),
            form,
        }
    }

    pub fn manual(start: NaiveTime, end: NaiveTime) -> PlanForm {
        let fields = vec![
            Field::new("Start", format_hhmm(start), "when it began, like 09:00"),
            Field::new("End", format_hhmm(end), END_HINT),
            category_field(Category::Reactive),
            Field::new("Title", "", "what it was, like \"ACME outage\""),
            Field::new("Account", "", "optional: the customer"),
        ];
        PlanForm {
            mode: FormMode::ManualEntry,
            form: Form::new("Log time that was not timed", fields),
        }
    }

    /// `O`: a range of days off, from the shown day to the same by default.
    pub fn days_off(date: NaiveDate) -> PlanForm {
        let day = date.format("%Y-%m-%d").to_string();
        let fields = vec![
            Field::new("From", day.clone(), "the first day off, like 2026-12-24"),
            Field::new(
                "To",
                day,
                "the last day off (weekends are left as they are)",
            ),
            Field::new("Why", "holiday", "holiday, leave, a conference …"),
        ];
        PlanForm {
            mode: FormMode::DaysOff,
            form: Form::new("Days off", fields),
        }
    }

    /// The range and reason the days-off form asks for, checked as `protime off` checks them.
    pub fn to_days_off(&self) -> Result<(NaiveDate, NaiveDate, String), String> {
        let date = |label: &str| {
            let text = self.form.value(label).trim();
            NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .map_err(|_| format!("{label}: a date like 2026-12-24, not \"{text}\""))
        };
        let (from, to) = (date("From")?, date("To")?);
        crate::journal::days_off::check_range(from, to)?;
        let why = self.form.value("Why").trim();
        if why.is_empty() {
            return Err("Why: give a reason, like holiday or leave".into());
        }
        Ok((from, to, why.to_string()))
    }

    fn times(&self) -> Result<(NaiveTime, NaiveTime), String> {
        let start = parse_hhmm(self.form.value("Start")).map_err(|e| format!("Start: {e}"))?;
        let end_text = self.form.value("End");
        let end = if looks_like_duration(end_text) {
            let minutes = parse_duration_minutes(end_text).map_err(|e| format!("End: {e}"))?;
            add_minutes(start, minutes)
                .ok_or("End: that length runs past midnight; end the block by 23:59")?
        } else {
            parse_hhmm(end_text).map_err(|e| format!("End: {e}"))?
        };
        Ok((start, end))
    }

    fn category(&self) -> Result<Category, String> {
        self.form
            .value("Category")
            .parse()
            .map_err(|e: crate::domain::category::UnknownCategory| format!("Category: {e}"))
    }

    fn optional(&self, label: &str) -> Option<String> {
        Some(self.form.value(label).trim().to_string()).filter(|s| !s.is_empty())
    }

    /// The block this form describes. An empty title becomes the category's name.
    pub fn to_block(&self) -> Result<Block, String> {
        let (start, end) = self.times()?;
        let category = self.category()?;
        let title = self
            .optional("Title")
            .unwrap_or_else(|| default_title(category).to_string());
        validate(start, end, &title)?;
        let (id, kind) = match &self.mode {
            FormMode::EditBlock(b) => (b.id.clone(), b.kind),
            _ => (String::new(), BlockKind::Work),
        };
        Ok(Block {
            id,
            start,
            end,
            category,
            title,
            kind,
            account: self.optional("Account"),
            objective: self.optional("Objective"),
            source: None,
        })
    }

    /// The manual session this form describes, on `date` in the zone of `offset`.
    pub fn to_session(
        &self,
        date: NaiveDate,
        zone: &impl chrono::TimeZone,
    ) -> Result<Session, String> {
        let (start, end) = self.times()?;
        let category = self.category()?;
        let title = self
            .optional("Title")
            .ok_or("Title: say what it was, like \"ACME outage\"")?;
        validate(start, end, &title).map_err(|e| e.replace("block", "entry"))?;
        Ok(Session {
            id: String::new(),
            start: local_instant(zone, date, start),
            end: Some(local_instant(zone, date, end)),
            category,
            kind: SessionKind::Manual,
            title: Some(title),
            block: None,
            account: self.optional("Account"),
            note: None,
            source: None,
        })
    }
}

fn block_form(
    title: &str,
    start: NaiveTime,
    end: NaiveTime,
    category: Category,
    name: &str,
    account: &str,
    objective: &str,
) -> Form {
    Form::new(
        title,
        vec![
            Field::new("Start", format_hhmm(start), "a time like 09:00"),
            Field::new("End", format_hhmm(end), END_HINT),
            category_field(category),
            Field::new(
                "Title",
                name,
                "what the block is for (empty: the category's name)",
            ),
            Field::new("Account", account, "optional: the customer"),
            Field::new("Objective", objective, "optional: the objective it serves"),
        ],
    )
}

/// The title of a block added without one.
pub fn default_title(category: Category) -> &'static str {
    match category {
        Category::Proactive => "Proactive work",
        Category::Reactive => "Reactive buffer",
        Category::Other => "Other work",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::FixedOffset;

    fn hm(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    #[test]
    fn defaults_make_a_half_hour_proactive_block() {
        let b = PlanForm::add(hm(9, 0), 30).to_block().unwrap();
        assert_eq!(
            (b.start, b.end, b.category, b.title.as_str()),
            (hm(9, 0), hm(9, 30), Category::Proactive, "Proactive work")
        );
    }

    #[test]
    fn a_promise_from_the_review_prefills_time_and_title() {
        let b = PlanForm::protect("08:30 Prospecting calls", hm(10, 0), 60)
            .to_block()
            .unwrap();
        assert_eq!(
            (b.start, b.end, b.title.as_str()),
            (hm(8, 30), hm(9, 30), "Prospecting calls")
        );
        let b = PlanForm::protect("ACME proposal", hm(10, 0), 60)
            .to_block()
            .unwrap();
        assert_eq!((b.start, b.title.as_str()), (hm(10, 0), "ACME proposal"));
    }

    #[test]
    fn end_may_be_a_length() {
        let mut f = PlanForm::add(hm(9, 0), 30);
        f.form.set("End", "1h30");
        f.form.set("Category", "r");
        let b = f.to_block().unwrap();
        assert_eq!((b.end, b.category), (hm(10, 30), Category::Reactive));
    }

    #[test]
    fn wrong_input_says_which_field_and_what_to_type() {
        let cases = [
            ("Start", "25:00", "Start: \"25:00\" is not a time"),
            ("Start", "9.3o", "Start: \"9.3o\""),
            ("End", "08:00", "before the start"),
            ("End", "09:00", "starts and ends"),
            ("End", "20h", "past midnight"),
            ("Category", "urgent", "Category: unknown category"),
        ];
        for (field, value, expect) in cases {
            let mut f = PlanForm::add(hm(9, 0), 30);
            f.form.set(field, value);
            let err = f.to_block().unwrap_err();
            assert!(err.contains(expect), "{field}={value}: {err}");
        }
    }

    #[test]
    fn editing_keeps_id_and_kind() {
        let mut block = PlanForm::add(hm(9, 0), 30).to_block().unwrap();
        block.id = "b4".into();
        block.kind = BlockKind::Inbox;
        let mut f = PlanForm::edit(&block);
        f.form.set("Title", "Mail");
        let edited = f.to_block().unwrap();
        assert_eq!(
            (edited.id.as_str(), edited.kind, edited.title.as_str()),
            ("b4", BlockKind::Inbox, "Mail")
        );
    }

    #[test]
    fn manual_entry_needs_a_title_and_becomes_a_manual_session() {
        let offset = FixedOffset::east_opt(3600).unwrap();
        let date = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        let mut f = PlanForm::manual(hm(9, 0), hm(9, 40));
        assert!(f.to_session(date, &offset).unwrap_err().contains("Title"));
        f.form.set("Title", "ACME outage");
        let s = f.to_session(date, &offset).unwrap();
        assert_eq!(s.start.to_rfc3339(), "2026-11-26T09:00:00+01:00");
        assert_eq!(
            (s.kind, s.category),
            (SessionKind::Manual, Category::Reactive)
        );
    }
}
