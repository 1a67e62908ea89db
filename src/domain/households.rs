//! Registered households (建档立卡户 / 脱贫户): the county's register that rosters, sign-in
//! sheets and fabrication checks match against by ID number.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::places::{optional_text, required_name};
use super::resident_id::ResidentId;
use super::{phone, Invalid, Invalids, Problems};
use crate::Code;

pub const MAX_HOUSEHOLD_SIZE: u32 = 30;
/// Targeted poverty registration began in 2014; no household was lifted out before it.
pub const FIRST_LIFTED_YEAR: i32 = 2014;

/// What the officer or clerk types for a household.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct HouseholdInput {
    pub head_name: String,
    pub id_number: String,
    pub size: u32,
    pub village_id: String,
    #[serde(default)]
    pub village_group: String,
    /// A category code of the county's list (`general`, `dibao`, `tekun`, `lifted`, `monitored`).
    pub category: String,
    #[serde(default)]
    pub year_lifted: Option<i32>,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub notes: String,
}

/// A household input that passed every check that needs no database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidHousehold {
    pub head_name: String,
    pub id_number: ResidentId,
    pub size: u32,
    pub village_id: String,
    pub village_group: String,
    pub category: String,
    pub year_lifted: Option<i32>,
    pub phone: String,
    pub notes: String,
    pub warnings: Vec<Invalid>,
}

impl HouseholdInput {
    /// Every problem of the input at once (`Invalids`), or the household normalised.
    pub fn validated(&self, today: NaiveDate) -> Result<ValidHousehold, Invalids> {
        let mut problems = Problems::new();
        let head_name = problems.take(required_name(&self.head_name, "headName", "户主姓名"));
        let parsed = problems.take(ResidentId::parse(&self.id_number, "idNumber", today));
        problems.check(
            self.size == 0 || self.size > MAX_HOUSEHOLD_SIZE,
            Code::HOUSEHOLD_SIZE,
            "size",
            format!(
                "家庭人口应在 1 到 {MAX_HOUSEHOLD_SIZE} 人之间，现在是 {}。",
                self.size
            ),
        );
        problems.check(
            self.village_id.trim().is_empty(),
            Code::HOUSEHOLD_VILLAGE,
            "villageId",
            "请选择农户所在的村。",
        );
        let village_group = problems.take(optional_text(
            &self.village_group,
            "villageGroup",
            "村民小组",
            20,
        ));
        if let Some(year) = self.year_lifted {
            problems.check(
                year < FIRST_LIFTED_YEAR || year > today.year(),
                Code::HOUSEHOLD_YEAR_LIFTED,
                "yearLifted",
                format!(
                    "脱贫年度应在 {FIRST_LIFTED_YEAR} 年到 {} 年之间，现在是 {year} 年。未脱贫请留空。",
                    today.year()
                ),
            );
        }
        let phone = match self.phone.trim() {
            "" => Some(String::new()),
            raw => problems.take(phone::phone(raw, "phone")),
        };
        let notes = self.notes.trim().to_string();
        problems.check(
            notes.chars().count() > 500,
            Code::HOUSEHOLD_NOTES,
            "notes",
            "备注最多 500 个字。",
        );
        let taken = (|| Some((head_name?, parsed?, village_group?, phone?)))();
        let (head_name, parsed, village_group, phone) = problems.done(taken)?;
        Ok(ValidHousehold {
            head_name,
            id_number: parsed.id,
            size: self.size,
            village_id: self.village_id.trim().to_string(),
            village_group,
            category: self.category.trim().to_string(),
            year_lifted: self.year_lifted,
            phone,
            notes,
            warnings: parsed.warnings,
        })
    }
}

/// A household as the detail page shows it: the full ID number (lists show it masked).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Household {
    pub id: String,
    pub head_name: String,
    pub id_number: String,
    pub id_masked: String,
    pub size: u32,
    pub village_id: String,
    pub village_name: String,
    pub township_name: String,
    pub village_group: String,
    pub category: String,
    pub category_label: String,
    pub year_lifted: Option<i32>,
    pub phone: String,
    pub notes: String,
    pub status: String,
}

/// One line of the households list. Carries no full ID number by construction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct HouseholdRow {
    pub id: String,
    pub head_name: String,
    pub id_masked: String,
    pub size: u32,
    pub place: String,
    pub village_group: String,
    pub category_label: String,
    /// draft | submitted | locked | voided (`RecordStatus`'s codes).
    pub status: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct HouseholdQuery {
    /// A name prefix, part of a name, pinyin initials or full pinyin (wjg, wangjianguo, 王jg),
    /// or the last digits of an ID number.
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub township_code: Option<String>,
    #[serde(default)]
    pub village_id: Option<String>,
    #[serde(default)]
    pub offset: u32,
    #[serde(default = "default_page")]
    pub limit: u32,
    /// Only records of this status; none: every live record (voided ones only when asked).
    #[serde(default)]
    pub status: Option<super::lifecycle::RecordStatus>,
}

fn default_page() -> u32 {
    50
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct HouseholdPage {
    pub rows: Vec<HouseholdRow>,
    /// How many households match, counted up to a limit (1,000, or further when the page asked
    /// for lies beyond it): a search box must not count a whole register at every keystroke.
    pub total: u32,
    /// Counting stopped at the limit: more than `total` households match.
    pub more: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Category {
    pub code: String,
    pub label: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
    }

    fn input() -> HouseholdInput {
        HouseholdInput {
            head_name: " 张三 ".into(),
            id_number: "11010519491231002x".into(),
            size: 4,
            village_id: "v".into(),
            village_group: "三组".into(),
            category: "general".into(),
            year_lifted: Some(2019),
            phone: "138 0013 8000".into(),
            notes: String::new(),
        }
    }

    #[test]
    fn normalises_what_people_type() {
        let valid = input().validated(today()).unwrap();
        assert_eq!(valid.head_name, "张三");
        assert_eq!(valid.id_number.as_str(), "11010519491231002X");
        assert_eq!(valid.phone, "13800138000");
    }

    #[test]
    fn every_problem_is_reported_at_once_in_field_order() {
        let mut i = input();
        i.head_name = " ".into();
        i.size = 0;
        i.village_id = " ".into();
        i.year_lifted = Some(2013);
        i.phone = "12345".into();
        let e = i.validated(today()).unwrap_err();
        let fields: Vec<_> = e.all().iter().map(|p| p.field).collect();
        assert_eq!(
            fields,
            ["headName", "size", "villageId", "yearLifted", "phone"]
        );
    }

    #[test]
    fn refusals_name_their_field() {
        type Change = Box<dyn Fn(&mut HouseholdInput)>;
        let cases: Vec<(Change, Code, &str)> = vec![
            (
                Box::new(|i| i.head_name = " ".into()),
                Code::NAME_EMPTY,
                "headName",
            ),
            (
                Box::new(|i| i.id_number = "110105194912310021".into()),
                Code::ID_CHECK_DIGIT,
                "idNumber",
            ),
            (Box::new(|i| i.size = 0), Code::HOUSEHOLD_SIZE, "size"),
            (Box::new(|i| i.size = 31), Code::HOUSEHOLD_SIZE, "size"),
            (
                Box::new(|i| i.village_id = "".into()),
                Code::HOUSEHOLD_VILLAGE,
                "villageId",
            ),
            (
                Box::new(|i| i.year_lifted = Some(2013)),
                Code::HOUSEHOLD_YEAR_LIFTED,
                "yearLifted",
            ),
            (
                Box::new(|i| i.year_lifted = Some(2027)),
                Code::HOUSEHOLD_YEAR_LIFTED,
                "yearLifted",
            ),
            (
                Box::new(|i| i.phone = "12345".into()),
                Code::PHONE_INVALID,
                "phone",
            ),
        ];
        for (change, code, field) in cases {
            let mut i = input();
            change(&mut i);
            let e = i.validated(today()).unwrap_err();
            assert_eq!((e.code(), e.field()), (code, field), "{e}");
        }
    }
}
