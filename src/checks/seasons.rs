//! The county's product seasons (`county.product_seasons`, JSON, COUNTY_ONLY): when each of the
//! county's products is bought or harvested, as month-day to month-day (a season may wrap over
//! the new year: 11-15 → 02-28). A season is an agricultural fact of the county, not of one
//! agreement, so the county sets it once at the hub and it travels to laptops with the county
//! row of the reference package. F8_OUT_OF_SEASON reads it. Read with
//! `ProductSeasons::read(&Store)`; set with `Store::set_product_seasons` (hub only).
//!
//! A ledger entry's product is matched by its name as typed, trimmed (土豆 matches “ 土豆 ”, not
//! 马铃薯): the county names its seasons with the names its ledgers use.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::domain::{Invalid, Invalids, Problems};
use crate::Code;

/// One product's season, inclusive at both ends: `from` and `to` are "MM-DD".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ProductSeason {
    pub product: String,
    pub from: String,
    pub to: String,
}

/// A month and day, comparable within a year (02-29 is allowed: a leap year's day).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct MonthDay(pub u32, pub u32);

impl MonthDay {
    /// "MM-DD" (also "M-D", "MM/DD", "M月D日").
    pub fn parse(text: &str) -> Option<MonthDay> {
        let text = text.trim().trim_end_matches('日');
        let (m, d) = text.split_once(['-', '/', '月'])?;
        let (m, d): (u32, u32) = (m.trim().parse().ok()?, d.trim().parse().ok()?);
        // 2000 is a leap year: every month-day that exists in some year exists there.
        NaiveDate::from_ymd_opt(2000, m, d).map(|_| MonthDay(m, d))
    }

    pub fn of(date: NaiveDate) -> MonthDay {
        MonthDay(date.month(), date.day())
    }

    /// 11月15日, as a season prints.
    pub fn zh(self) -> String {
        format!("{}月{}日", self.0, self.1)
    }
}

/// A validated season: a product's name and its first and last day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Season {
    pub product: String,
    pub from: MonthDay,
    pub to: MonthDay,
}

impl Season {
    /// Whether `date` falls in the season (both ends included; `from` after `to` wraps over the
    /// new year: 11-15 → 02-28 holds 12-31 and 01-01).
    pub fn contains(&self, date: NaiveDate) -> bool {
        let day = MonthDay::of(date);
        if self.from <= self.to {
            self.from <= day && day <= self.to
        } else {
            day >= self.from || day <= self.to
        }
    }

    /// 11月15日至次年2月28日, as a finding prints it.
    pub fn zh(&self) -> String {
        let next_year = if self.from > self.to { "次年" } else { "" };
        format!("{}至{next_year}{}", self.from.zh(), self.to.zh())
    }
}

/// The county's seasons, as stored (a JSON list of `ProductSeason`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(transparent)]
pub struct ProductSeasons(pub Vec<ProductSeason>);

impl ProductSeasons {
    /// The stored JSON; `None` or an empty text: no seasons.
    pub fn from_json(text: Option<&str>) -> serde_json::Result<ProductSeasons> {
        match text.map(str::trim) {
            None | Some("") => Ok(ProductSeasons::default()),
            Some(text) => serde_json::from_str(text),
        }
    }

    /// Every problem of the list at once (`SEASON_PRODUCT`: a missing or repeated name;
    /// `SEASON_DATE`: a day that is not a month-day), or the seasons with names trimmed.
    pub fn validated(&self) -> Result<Vec<Season>, Invalids> {
        let mut problems = Problems::new();
        let mut seasons: Vec<Season> = Vec::new();
        for (i, s) in self.0.iter().enumerate() {
            let line = i + 1;
            let product = s.product.trim().to_string();
            if product.is_empty() {
                problems.push(Invalid::new(
                    Code::SEASON_PRODUCT,
                    "productSeasons",
                    format!(
                        "第 {line} 条季节没有填写产品名称。请填写台账中使用的产品名称，如“土豆”。"
                    ),
                ));
            } else if seasons.iter().any(|other| other.product == product)
                || self.0[..i].iter().any(|o| o.product.trim() == product)
            {
                problems.push(Invalid::new(
                    Code::SEASON_PRODUCT,
                    "productSeasons",
                    format!("第 {line} 条季节的产品“{product}”重复了。每种产品只能设一个季节，请合并或删去一条。"),
                ));
            }
            let day = |text: &str, what: &str| {
                MonthDay::parse(text).ok_or_else(|| {
                    Invalid::new(
                        Code::SEASON_DATE,
                        "productSeasons",
                        format!(
                            "第 {line} 条季节的{what}“{}”不是有效的月日。请写成“月-日”，如 09-01。",
                            text.trim()
                        ),
                    )
                })
            };
            let from = problems.take(day(&s.from, "开始日"));
            let to = problems.take(day(&s.to, "结束日"));
            if let (Some(from), Some(to)) = (from, to) {
                seasons.push(Season { product, from, to });
            }
        }
        problems.done(Some(seasons))
    }

    /// The same seasons written as stored: names trimmed, days as "MM-DD".
    pub fn normalised(seasons: &[Season]) -> ProductSeasons {
        ProductSeasons(
            seasons
                .iter()
                .map(|s| ProductSeason {
                    product: s.product.clone(),
                    from: format!("{:02}-{:02}", s.from.0, s.from.1),
                    to: format!("{:02}-{:02}", s.to.0, s.to.1),
                })
                .collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn season(product: &str, from: &str, to: &str) -> ProductSeason {
        ProductSeason {
            product: product.into(),
            from: from.into(),
            to: to.into(),
        }
    }

    #[test]
    fn a_season_holds_its_end_days_and_wraps_over_the_new_year() {
        let summer = ProductSeasons(vec![season("土豆", "09-01", "11-30")])
            .validated()
            .unwrap()
            .remove(0);
        let winter = ProductSeasons(vec![season("冬菜", "11-15", "02-28")])
            .validated()
            .unwrap()
            .remove(0);
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        let cases = [
            (&summer, "2019-09-01", true),
            (&summer, "2019-11-30", true),
            (&summer, "2019-08-31", false),
            (&summer, "2019-12-01", false),
            (&winter, "2019-11-15", true),
            (&winter, "2019-12-31", true),
            (&winter, "2020-01-01", true),
            (&winter, "2020-02-28", true),
            (&winter, "2020-02-29", false),
            (&winter, "2019-11-14", false),
            (&winter, "2019-06-01", false),
        ];
        for (s, date, inside) in cases {
            assert_eq!(s.contains(d(date)), inside, "{} {date}", s.product);
        }
        assert_eq!(winter.zh(), "11月15日至次年2月28日");
        assert_eq!(summer.zh(), "9月1日至11月30日");
    }

    #[test]
    fn every_problem_of_the_list_is_reported_at_once() {
        let list = ProductSeasons(vec![
            season(" 土豆 ", "9-1", "11月30日"),
            season("", "02-30", "13-01"),
            season("土豆", "03-01", "04-01"),
        ]);
        let problems = list.validated().unwrap_err();
        let codes: Vec<Code> = problems.all().iter().map(|i| i.code).collect();
        assert_eq!(
            codes,
            [
                Code::SEASON_PRODUCT,
                Code::SEASON_DATE,
                Code::SEASON_DATE,
                Code::SEASON_PRODUCT
            ],
            "{problems}"
        );
        let ok = ProductSeasons(vec![season(" 土豆 ", "9-1", "11月30日")])
            .validated()
            .unwrap();
        assert_eq!(
            ProductSeasons::normalised(&ok),
            ProductSeasons(vec![season("土豆", "09-01", "11-30")])
        );
    }
}
