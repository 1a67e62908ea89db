//! Records, value types and validation. Pure: no IO, no SQL.

pub mod agreements;
pub mod county_settings;
pub mod credit_code;
pub mod fund_plan;
pub mod households;
pub mod inspections;
pub mod lifecycle;
pub mod money;
pub mod notices;
pub mod operators;
pub mod phone;
pub mod places;
pub mod programmes;
pub mod resident_id;
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
}
