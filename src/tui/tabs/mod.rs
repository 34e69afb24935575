//! The five tabs. Each tab module owns its state, keys and rendering.

pub mod inbox;
pub mod inbox_view;
pub mod month;
pub mod month_view;
pub mod plan;
pub mod plan_form;
pub mod plan_view;
pub mod review;
pub mod review_view;
pub mod sessions;
pub mod sessions_view;
pub mod timer;
pub mod timer_view;

/// The tabs, in the order of their number keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Plan,
    Timer,
    Inbox,
    Review,
    Month,
}

impl Tab {
    pub const ALL: [Tab; 5] = [Tab::Plan, Tab::Timer, Tab::Inbox, Tab::Review, Tab::Month];

    pub fn title(self) -> &'static str {
        match self {
            Tab::Plan => "Plan",
            Tab::Timer => "Timer",
            Tab::Inbox => "Inbox",
            Tab::Review => "Review",
            Tab::Month => "Month",
        }
    }

    fn index(self) -> usize {
        Tab::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }

    pub fn next(self) -> Tab {
        Tab::ALL[(self.index() + 1) % Tab::ALL.len()]
    }

    pub fn prev(self) -> Tab {
        Tab::ALL[(self.index() + Tab::ALL.len() - 1) % Tab::ALL.len()]
    }

    /// The tab for a number key `1`–`5`.
    pub fn from_digit(c: char) -> Option<Tab> {
        let n = c.to_digit(10)? as usize;
        Tab::ALL.get(n.checked_sub(1)?).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_and_prev_wrap_around() {
        assert_eq!(Tab::Month.next(), Tab::Plan);
        assert_eq!(Tab::Plan.prev(), Tab::Month);
        assert_eq!(Tab::Timer.next().prev(), Tab::Timer);
    }

    #[test]
    fn digits_pick_tabs() {
        assert_eq!(Tab::from_digit('1'), Some(Tab::Plan));
        assert_eq!(Tab::from_digit('5'), Some(Tab::Month));
        assert_eq!(Tab::from_digit('0'), None);
        assert_eq!(Tab::from_digit('6'), None);
    }
}
