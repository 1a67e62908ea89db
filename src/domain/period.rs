//! A reporting period (统计期间): a month, a quarter, a year or any run of days, both ends
//! included, and the period of the same kind just before it (上期), which a report compares
//! against. Pure: parsing what a clerk types, no clock.

use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{format_date_zh, parse_date, Invalid, Invalids, Problems};
use crate::Code;

/// What kind of period: it decides what `previous` means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum PeriodKind {
    Month,
    Quarter,
    Year,
    /// Any dates (`--from`/`--to`): the previous one is as many days, ending the day before.
    Days,
}

/// A period, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub kind: PeriodKind,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

const QUARTER_ZH: [&str; 4] = ["一", "二", "三", "四"];

fn ymd(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, day)
}

/// The last day of `month` of `year`.
fn month_end(year: i32, month: u32) -> Option<NaiveDate> {
    let (y, m) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    ymd(y, m, 1).map(|d| d - Duration::days(1))
}

fn invalid_period(raw: &str) -> Invalid {
    Invalid::new(
        Code::PERIOD_INVALID,
        "period",
        format!(
            "统计期间“{}”无法识别：请写成年度 2019、季度 2019-Q3 或月份 2019-08，或用起止日期。",
            raw.trim()
        ),
    )
}

impl Period {
    /// A calendar month, `month` 1–12.
    pub fn month(year: i32, month: u32) -> Option<Period> {
        Some(Period {
            kind: PeriodKind::Month,
            from: ymd(year, month, 1)?,
            to: month_end(year, month)?,
        })
    }

    /// A calendar quarter, `quarter` 1–4 (Q3 = July to September).
    pub fn quarter(year: i32, quarter: u32) -> Option<Period> {
        if !(1..=4).contains(&quarter) {
            return None;
        }
        let first = quarter * 3 - 2;
        Some(Period {
            kind: PeriodKind::Quarter,
            from: ymd(year, first, 1)?,
            to: month_end(year, first + 2)?,
        })
    }

    pub fn year(year: i32) -> Option<Period> {
        Some(Period {
            kind: PeriodKind::Year,
            from: ymd(year, 1, 1)?,
            to: ymd(year, 12, 31)?,
        })
    }

    /// Any run of days between two dates, both included; `from` after `to` is refused.
    pub fn days(from: NaiveDate, to: NaiveDate) -> Result<Period, Invalid> {
        if from > to {
            return Err(Invalid::new(
                Code::PERIOD_REVERSED,
                "to",
                format!(
                    "截止日期{}早于起始日期{}：请把起始日期写在前、截止日期写在后。",
                    format_date_zh(to),
                    format_date_zh(from)
                ),
            ));
        }
        Ok(Period {
            kind: PeriodKind::Days,
            from,
            to,
        })
    }

    /// A period as typed after `--period`: `2019`, `2019-Q3` (or `2019Q3`), `2019-08` (or
    /// `2019-8`), or `2019-07-01~2019-09-30` (how `code` writes any dates).
    pub fn parse(raw: &str) -> Result<Period, Invalid> {
        let text = raw.trim();
        if text.is_empty() {
            return Err(Invalid::new(
                Code::PERIOD_EMPTY,
                "period",
                "未指定统计期间：请写年度 2019、季度 2019-Q3 或月份 2019-08，或给出起止日期。",
            ));
        }
        if let Some((from, to)) = text.split_once('~') {
            return Period::between(from, to).map_err(|_| invalid_period(raw));
        }
        let upper = text.to_ascii_uppercase();
        let parsed = if let Some((year, quarter)) = upper.split_once('Q') {
            let year = year.trim_end_matches('-');
            match (year.parse::<i32>(), quarter.parse::<u32>()) {
                (Ok(y), Ok(q)) if year.len() == 4 => Period::quarter(y, q),
                _ => None,
            }
        } else if let Some((year, month)) = text.split_once('-') {
            match (year.parse::<i32>(), month.parse::<u32>()) {
                (Ok(y), Ok(m)) if year.len() == 4 && month.len() <= 2 => Period::month(y, m),
                _ => None,
            }
        } else if text.len() == 4 {
            text.parse::<i32>().ok().and_then(Period::year)
        } else {
            None
        };
        parsed.ok_or_else(|| invalid_period(raw))
    }

    /// A period from `--from` and `--to` as officers type dates; every problem at once (both
    /// dates unreadable, or `from` after `to`), each on its field.
    pub fn between(from: &str, to: &str) -> Result<Period, Invalids> {
        let mut problems = Problems::new();
        let from = problems.take(parse_date(from, "from", "起始日期"));
        let to = problems.take(parse_date(to, "to", "截止日期"));
        let period = match (from, to) {
            (Some(from), Some(to)) => problems.take(Period::days(from, to)),
            _ => None,
        };
        problems.done(period)
    }

    /// The period of the same kind just before: 2019-Q3 → 2019-Q2, 2019-01 → 2018-12,
    /// 2019 → 2018; any dates → as many days ending the day before `from`.
    pub fn previous(&self) -> Period {
        let before = self.from - Duration::days(1);
        let of_kind = match self.kind {
            PeriodKind::Month => Period::month(before.year(), before.month()),
            PeriodKind::Quarter => Period::quarter(before.year(), before.month().div_ceil(3)),
            PeriodKind::Year => Period::year(before.year()),
            PeriodKind::Days => Some(Period {
                kind: PeriodKind::Days,
                from: before - (self.to - self.from),
                to: before,
            }),
        };
        of_kind.expect("the period before a valid one is valid")
    }

    pub fn contains(&self, date: NaiveDate) -> bool {
        self.from <= date && date <= self.to
    }

    /// How the period is written for `parse`: `2019-Q3`, `2019-08`, `2019`,
    /// `2019-07-01~2019-09-30`.
    pub fn code(&self) -> String {
        match self.kind {
            PeriodKind::Month => format!("{}-{:02}", self.from.year(), self.from.month()),
            PeriodKind::Quarter => {
                format!("{}-Q{}", self.from.year(), self.from.month().div_ceil(3))
            }
            PeriodKind::Year => self.from.year().to_string(),
            PeriodKind::Days => format!("{}~{}", self.from, self.to),
        }
    }

    /// How forms print it: 2019年第三季度, 2019年8月, 2019年度, 2019年7月1日至2019年9月30日.
    pub fn label(&self) -> String {
        match self.kind {
            PeriodKind::Month => format!("{}年{}月", self.from.year(), self.from.month()),
            PeriodKind::Quarter => format!(
                "{}年第{}季度",
                self.from.year(),
                QUARTER_ZH[(self.from.month() as usize - 1) / 3]
            ),
            PeriodKind::Year => format!("{}年度", self.from.year()),
            PeriodKind::Days => {
                format!("{}至{}", format_date_zh(self.from), format_date_zh(self.to))
            }
        }
    }

    /// `from` as SQL compares dates (`2019-07-01`).
    pub fn from_text(&self) -> String {
        self.from.format("%Y-%m-%d").to_string()
    }

    pub fn to_text(&self) -> String {
        self.to.format("%Y-%m-%d").to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_quarter_a_month_and_a_year_from_what_a_clerk_types() {
        let q3 = Period::parse("2019-Q3").unwrap();
        assert_eq!((q3.from, q3.to), (d(2019, 7, 1), d(2019, 9, 30)));
        assert_eq!(Period::parse("2019q3").unwrap(), q3);
        assert_eq!(q3.label(), "2019年第三季度");
        let aug = Period::parse("2019-8").unwrap();
        assert_eq!((aug.from, aug.to), (d(2019, 8, 1), d(2019, 8, 31)));
        assert_eq!(aug.code(), "2019-08");
        let feb = Period::parse("2020-02").unwrap();
        assert_eq!(feb.to, d(2020, 2, 29));
        let year = Period::parse("2019").unwrap();
        assert_eq!((year.from, year.to), (d(2019, 1, 1), d(2019, 12, 31)));
        assert_eq!(year.label(), "2019年度");
    }

    #[test]
    fn the_previous_period_is_of_the_same_kind_just_before() {
        assert_eq!(
            Period::parse("2019-Q3").unwrap().previous(),
            Period::quarter(2019, 2).unwrap()
        );
        assert_eq!(
            Period::parse("2019-Q1").unwrap().previous(),
            Period::quarter(2018, 4).unwrap()
        );
        assert_eq!(
            Period::parse("2019-01").unwrap().previous(),
            Period::month(2018, 12).unwrap()
        );
        assert_eq!(
            Period::parse("2019-03").unwrap().previous(),
            Period::month(2019, 2).unwrap()
        );
        assert_eq!(
            Period::parse("2019").unwrap().previous(),
            Period::year(2018).unwrap()
        );
        // Ten days → the ten days before.
        let days = Period::between("2019-08-11", "2019-08-20").unwrap();
        let before = days.previous();
        assert_eq!((before.from, before.to), (d(2019, 8, 1), d(2019, 8, 10)));
    }

    #[test]
    fn any_dates_round_trip_through_their_code() {
        let days = Period::between("2019年7月1日", "2019/9/30").unwrap();
        assert_eq!(days.code(), "2019-07-01~2019-09-30");
        assert_eq!(Period::parse(&days.code()).unwrap(), days);
        assert_eq!(days.label(), "2019年7月1日至2019年9月30日");
        // One day is a period.
        assert!(Period::between("2019-07-01", "2019-07-01").is_ok());
    }

    #[test]
    fn bad_periods_are_refused_with_their_code_and_field() {
        for raw in [
            "2019-Q5",
            "2019-Q0",
            "2019-13",
            "19",
            "第三季度",
            "2019-07-01~x",
        ] {
            let e = Period::parse(raw).unwrap_err();
            assert_eq!((e.code, e.field), (Code::PERIOD_INVALID, "period"), "{raw}");
        }
        let empty = Period::parse("  ").unwrap_err();
        assert_eq!(empty.code, Code::PERIOD_EMPTY);
        let reversed = Period::between("2019-10-01", "2019-09-30").unwrap_err();
        assert_eq!(
            (reversed.code(), reversed.field()),
            (Code::PERIOD_REVERSED, "to")
        );
        assert!(reversed.first().message.contains("2019年9月30日"));
        // Both dates unreadable: both are said at once.
        let both = Period::between("昨天", "2019-02-30").unwrap_err();
        let fields: Vec<_> = both.all().iter().map(|i| (i.code, i.field)).collect();
        assert_eq!(
            fields,
            [(Code::DATE_INVALID, "from"), (Code::DATE_INVALID, "to")]
        );
    }
}
