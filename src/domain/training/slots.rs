//! Half-day slots (`2019-06-03 am`): parsing them as typed, labelling them as sign-in sheets
//! print them, generating them from a session's dates; and the date arithmetic around them.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::domain::resident_id::half_width;
use crate::domain::{format_date_zh, parse_date, Invalid};
use crate::Code;

/// Which half-days of each date a session runs, when its slots are generated from its dates.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum HalfDays {
    #[default]
    Both,
    Am,
    Pm,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Half {
    Am,
    Pm,
}

/// A half-day: `2019-06-03 am`. Stored and compared as that text (sorts by time); two
/// attendance rows in the same slot text overlap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Slot {
    pub date: NaiveDate,
    pub half: Half,
}

impl Slot {
    pub fn new(date: NaiveDate, half: Half) -> Slot {
        Slot { date, half }
    }

    /// Reads a slot as typed: `2019-06-03 am`, `2019-6-3 PM`, `2019年6月3日上午`, `2019/6/3 下午`.
    pub fn parse(raw: &str, code: Code, field: &'static str) -> Result<Slot, Invalid> {
        let text: String = raw
            .chars()
            .map(half_width)
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_lowercase();
        let (date, half) = if let Some(d) = text.strip_suffix("am") {
            (d, Half::Am)
        } else if let Some(d) = text.strip_suffix("上午") {
            (d, Half::Am)
        } else if let Some(d) = text.strip_suffix("pm") {
            (d, Half::Pm)
        } else if let Some(d) = text.strip_suffix("下午") {
            (d, Half::Pm)
        } else {
            return Err(Invalid::new(
                code,
                field,
                format!(
                    "时段“{}”应写成日期加上午或下午，例如 2019-06-03 am 或 2019年6月3日上午。",
                    raw.trim()
                ),
            ));
        };
        let date = parse_date(date, field, "时段日期")
            .map_err(|e| Invalid::new(code, field, e.message))?;
        Ok(Slot { date, half })
    }

    /// `2019年6月3日上午`, as sign-in sheets print it.
    pub fn label(&self) -> String {
        let half = match self.half {
            Half::Am => "上午",
            Half::Pm => "下午",
        };
        format!("{}{half}", format_date_zh(self.date))
    }
}

impl std::fmt::Display for Slot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let half = match self.half {
            Half::Am => "am",
            Half::Pm => "pm",
        };
        write!(f, "{} {half}", self.date.format("%Y-%m-%d"))
    }
}

/// Label of a stored slot text; the text itself when it does not parse (never for stored slots).
pub fn slot_label(stored: &str) -> String {
    Slot::parse(stored, Code::ATTENDANCE_SLOT, "slot")
        .map(|s| s.label())
        .unwrap_or_else(|_| stored.to_string())
}

/// Every half-day from `start` to `end` (inclusive) that `half_days` selects, in time order.
/// Which half-days setting made these stored slots (`2019-06-03 am` …) from the dates, or `None`
/// for slots picked one by one, so a form can offer the session back as it was made.
pub fn half_days_of(start: &str, end: &str, slots: &[String]) -> Option<HalfDays> {
    let (Ok(start), Ok(end)) = (start.parse::<NaiveDate>(), end.parse::<NaiveDate>()) else {
        return None;
    };
    [HalfDays::Both, HalfDays::Am, HalfDays::Pm]
        .into_iter()
        .find(|&half| {
            let made = slots_between(start, end, half);
            made.len() == slots.len() && made.iter().zip(slots).all(|(m, s)| m.to_string() == *s)
        })
}

pub fn slots_between(start: NaiveDate, end: NaiveDate, half_days: HalfDays) -> Vec<Slot> {
    let halves: &[Half] = match half_days {
        HalfDays::Both => &[Half::Am, Half::Pm],
        HalfDays::Am => &[Half::Am],
        HalfDays::Pm => &[Half::Pm],
    };
    start
        .iter_days()
        .take_while(|d| *d <= end)
        .flat_map(|d| halves.iter().map(move |&h| Slot::new(d, h)))
        .collect()
}

/// Number of distinct dates among stored slot texts (`2019-06-03 am` → `2019-06-03`).
pub fn days_of(slots: &[String]) -> u32 {
    let mut dates: Vec<&str> = slots.iter().filter_map(|s| s.split(' ').next()).collect();
    dates.sort_unstable();
    dates.dedup();
    dates.len() as u32
}

/// Full years between a birth date and a day.
pub fn age_on(birth: NaiveDate, day: NaiveDate) -> u32 {
    let mut age = day.year() - birth.year();
    if (day.month(), day.day()) < (birth.month(), birth.day()) {
        age -= 1;
    }
    age.max(0) as u32
}
