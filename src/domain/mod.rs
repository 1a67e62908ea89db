//! Records, value types and validation. Pure: no IO, no SQL.

pub mod agreement_programmes;
pub mod agreements;
pub mod county_settings;
pub mod credit_code;
pub mod dashboard;
pub mod fund_plan;
pub mod funds;
pub mod household_members;
pub mod households;
pub mod inspections;
pub mod json_path;
pub mod kinds;
pub mod lifecycle;
pub mod masking;
pub mod money;
pub mod name_search;
pub mod notices;
pub mod operators;
pub mod period;
pub mod phone;
pub mod places;
pub mod programmes;
pub mod resident_id;
pub mod stations;
pub mod stats;
pub mod training;

use serde::Serialize;

use crate::Code;

/// A refused input: which field, a stable code and a Chinese message saying how to fix it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct Invalid {
    pub code: Code,
    pub field: &'static str,
    pub message: String,
}

impl Invalid {
    pub fn new(code: Code, field: &'static str, message: impl Into<String>) -> Self {
        Invalid {
            code,
            field,
            message: message.into(),
        }
    }
}

/// Every problem of one input, in the order of the form's fields; never empty. A form shows
/// each under its own field at once, so a clerk fixes them all in one pass.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalids(Vec<Invalid>);

impl Invalids {
    /// The first problem: its code and field stand for the whole refusal.
    pub fn first(&self) -> &Invalid {
        &self.0[0]
    }

    pub fn all(&self) -> &[Invalid] {
        &self.0
    }

    pub fn code(&self) -> Code {
        self.first().code
    }

    pub fn field(&self) -> &'static str {
        self.first().field
    }

    /// Every problem's message with `prefix` before it ("第 3 条：").
    pub fn prefixed(self, prefix: &str) -> Invalids {
        Invalids(
            self.0
                .into_iter()
                .map(|i| Invalid::new(i.code, i.field, format!("{prefix}{}", i.message)))
                .collect(),
        )
    }

    /// One problem saying all of them (a spreadsheet row's one cell of remarks): the first's
    /// code and field, every message joined by "；".
    pub fn joined(&self) -> Invalid {
        let messages: Vec<&str> = self.0.iter().map(|i| i.message.as_str()).collect();
        Invalid::new(self.code(), self.field(), messages.join("；"))
    }

    /// Adds problems found later (by the store: duplicates, references).
    pub fn extend(&mut self, more: impl IntoIterator<Item = Invalid>) {
        self.0.extend(more);
    }
}

impl From<Invalid> for Invalids {
    fn from(invalid: Invalid) -> Self {
        Invalids(vec![invalid])
    }
}

impl std::fmt::Display for Invalids {
    /// One message a line: a single problem reads exactly as its own message.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let lines: Vec<&str> = self.0.iter().map(|i| i.message.as_str()).collect();
        f.write_str(&lines.join("\n"))
    }
}

impl std::error::Error for Invalids {}

/// Collects the problems of one input instead of stopping at the first:
/// `let name = problems.take(required_text(..))` … `problems.finish()?`.
#[derive(Debug, Default)]
pub struct Problems(Vec<Invalid>);

impl Problems {
    pub fn new() -> Self {
        Problems::default()
    }

    /// The value of a check that passed; `None` (and the problem kept) when it failed.
    pub fn take<T>(&mut self, result: Result<T, Invalid>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(invalid) => {
                self.0.push(invalid);
                None
            }
        }
    }

    /// Like `take`, for a check that answers several problems at once (a nested input).
    pub fn take_all<T>(&mut self, result: Result<T, Invalids>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(invalids) => {
                self.0.extend(invalids.0);
                None
            }
        }
    }

    /// Keeps a problem (`Invalid` on `field`) when `refused` holds.
    pub fn check(
        &mut self,
        refused: bool,
        code: Code,
        field: &'static str,
        message: impl Into<String>,
    ) {
        if refused {
            self.0.push(Invalid::new(code, field, message));
        }
    }

    pub fn push(&mut self, invalid: Invalid) {
        self.0.push(invalid);
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether `field` already has a problem (a later check on it would only repeat it).
    pub fn has(&self, field: &str) -> bool {
        self.0.iter().any(|i| i.field == field)
    }

    /// `Ok` when nothing was found, every problem otherwise.
    pub fn finish(self) -> Result<(), Invalids> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(Invalids(self.0))
        }
    }

    /// `value` when nothing was found and every taken value is there; every problem otherwise.
    pub fn done<T>(self, value: Option<T>) -> Result<T, Invalids> {
        self.finish()?;
        Ok(value.expect("a missing value is always a kept problem"))
    }
}

/// Refuses (`Invalid` on `field`) when `refused` holds: a check that reads as the rule it keeps.
pub fn refuse_if(
    refused: bool,
    code: Code,
    field: &'static str,
    message: impl Into<String>,
) -> Result<(), Invalid> {
    if refused {
        Err(Invalid::new(code, field, message))
    } else {
        Ok(())
    }
}

/// Something odd that does not block saving (a credit code failing its check, a price below
/// market): shown next to its field, the user decides.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Warning {
    pub code: Code,
    pub field: String,
    pub message: String,
}

impl From<Invalid> for Warning {
    fn from(invalid: Invalid) -> Self {
        Warning {
            code: invalid.code,
            field: invalid.field.to_string(),
            message: invalid.message,
        }
    }
}

/// A saved record and the warnings its input raised.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Saved<T> {
    pub record: T,
    pub warnings: Vec<Warning>,
}

impl<T> Saved<T> {
    pub fn new(record: T, warnings: Vec<Warning>) -> Self {
        Saved { record, warnings }
    }
}

/// Parses a date as officers type it: `2019-08-12`, `2019/8/12`, `2019.8.12` or `2019年8月12日`.
pub fn parse_date(
    raw: &str,
    field: &'static str,
    label: &str,
) -> Result<chrono::NaiveDate, Invalid> {
    let text: String = raw.trim().chars().map(resident_id::half_width).collect();
    let parts: Vec<&str> = text
        .trim_end_matches('日')
        .split(['-', '/', '.', '年', '月'])
        .collect();
    let parsed = match parts[..] {
        [y, m, d] => match (y.parse(), m.parse(), d.parse()) {
            (Ok(y), Ok(m), Ok(d)) => chrono::NaiveDate::from_ymd_opt(y, m, d),
            _ => None,
        },
        _ => None,
    };
    if text.is_empty() {
        // Nothing typed is a missing date, not a malformed one: say what to fill in.
        return Err(Invalid::new(
            Code::DATE_INVALID,
            field,
            format!("请填写{label}，格式如 2019-08-12。"),
        ));
    }
    parsed.ok_or_else(|| {
        Invalid::new(
            Code::DATE_INVALID,
            field,
            format!(
                "{label}“{}”不是有效日期，请按 2019-08-12 的格式填写。",
                raw.trim()
            ),
        )
    })
}

/// An optional date: empty (or only spaces) is "not given", anything else must be a date.
pub fn optional_date(
    raw: &str,
    field: &'static str,
    label: &str,
) -> Result<Option<chrono::NaiveDate>, Invalid> {
    match raw.trim() {
        "" => Ok(None),
        typed => parse_date(typed, field, label).map(Some),
    }
}

/// Dates as printed on Chinese forms: 2019年8月12日, no leading zeros.
pub fn format_date_zh(date: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    format!("{}年{}月{}日", date.year(), date.month(), date.day())
}

/// An optional id as typed: trimmed, and none when empty.
pub fn optional_id(raw: &Option<String>) -> Option<String> {
    raw.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_the_forms_officers_type() {
        let d = chrono::NaiveDate::from_ymd_opt(2019, 8, 12).unwrap();
        for raw in [
            "2019-08-12",
            "2019/8/12",
            "2019.8.12",
            "2019年8月12日",
            " ２０１９-８-１２ ",
        ] {
            assert_eq!(parse_date(raw, "date", "日期"), Ok(d), "{raw}");
        }
        for raw in ["2019-02-30", "2019-13-01", "12/08/2019x", "", "明天"] {
            assert_eq!(
                parse_date(raw, "date", "日期").unwrap_err().code,
                Code::DATE_INVALID
            );
        }
        assert_eq!(format_date_zh(d), "2019年8月12日");
    }

    #[test]
    fn an_empty_date_asks_for_it_and_an_optional_one_is_not_given() {
        let missing = parse_date(" ", "receivedDate", "收到异议日期").unwrap_err();
        assert_eq!(missing.message, "请填写收到异议日期，格式如 2019-08-12。");
        assert!(!missing.message.contains("“”"));
        assert_eq!(optional_date("  ", "handledDate", "处理日期"), Ok(None));
        assert_eq!(
            optional_date("2019-8-12", "handledDate", "处理日期"),
            Ok(chrono::NaiveDate::from_ymd_opt(2019, 8, 12))
        );
        assert_eq!(
            optional_date("明天", "handledDate", "处理日期")
                .unwrap_err()
                .field,
            "handledDate"
        );
    }
}
