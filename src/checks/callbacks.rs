//! F11's household call-backs (回访): the DTOs of a drawn sample and its calls, the outcome of a
//! call, and the checks on a recorded outcome. Pure; the store draws, keeps and lists them
//! (`checks::sql::callbacks`), the print layer prints the call list.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::{Invalid, Invalids, Problems};
use crate::Code;

/// What a call found out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum CallOutcome {
    /// Someone answered, but the questions were not (all) answered.
    Reached,
    /// The household confirms the agreement, payments and training.
    Confirms,
    /// The household denies at least one of them: opens `F11_CALLBACK_DENIED`.
    Denies,
    Unreachable,
}

impl CallOutcome {
    pub const ALL: [CallOutcome; 4] = [
        CallOutcome::Reached,
        CallOutcome::Confirms,
        CallOutcome::Denies,
        CallOutcome::Unreachable,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            CallOutcome::Reached => "reached",
            CallOutcome::Confirms => "confirms",
            CallOutcome::Denies => "denies",
            CallOutcome::Unreachable => "unreachable",
        }
    }

    /// As the call list and the CLI say it.
    pub const fn label(self) -> &'static str {
        match self {
            CallOutcome::Reached => "已接通",
            CallOutcome::Confirms => "属实",
            CallOutcome::Denies => "否认",
            CallOutcome::Unreachable => "联系不上",
        }
    }

    pub fn from_name(text: &str) -> Option<CallOutcome> {
        CallOutcome::ALL.into_iter().find(|o| o.as_str() == text)
    }
}

/// One thing to ask a household: did you sign this agreement, receive these payments, attend
/// this training.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct CallQuestion {
    /// agreement | payment | training
    pub about: String,
    pub text: String,
}

/// One drawn household and its call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct CallbackItem {
    pub id: String,
    pub position: u32,
    pub household_id: String,
    pub head_name: String,
    pub village: String,
    /// The ID number as lists show it (`6542**********0012`); never the whole number.
    pub masked_id: String,
    pub phone: String,
    pub outcome: Option<CallOutcome>,
    pub note: String,
    pub officer: String,
    pub call_date: Option<String>,
    pub questions: Vec<CallQuestion>,
}

/// A township's call-back sample as drawn, with its calls in draw order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct CallbackSample {
    pub id: String,
    pub township_id: String,
    pub township_code: String,
    pub township_name: String,
    pub seed: String,
    /// 0–1 as text: "0.1".
    pub share: String,
    /// Live households of the township when drawn.
    pub population: u32,
    pub drawn_date: String,
    pub drawn_by: String,
    pub called: u32,
    pub denied: u32,
    pub items: Vec<CallbackItem>,
}

/// A call's outcome as typed (CLI `--json`, the app's form).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", default)]
pub struct CallInput {
    /// reached | confirms | denies | unreachable
    pub outcome: String,
    pub note: String,
    pub officer: String,
    /// YYYY-MM-DD; empty: today.
    pub call_date: String,
}

/// A checked call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidCall {
    pub outcome: CallOutcome,
    pub note: String,
    pub officer: String,
    pub call_date: NaiveDate,
}

/// The longest note a call keeps (characters).
pub const NOTE_MAX: usize = 1000;

impl CallInput {
    /// Every problem at once: an outcome of the four, the officer who called, a note on a
    /// denial (what the household denies), a readable date not after today.
    pub fn validate(&self, today: NaiveDate) -> Result<ValidCall, Invalids> {
        let mut problems = Problems::new();
        let outcome = CallOutcome::from_name(self.outcome.trim());
        problems.check(
            outcome.is_none(),
            Code::CALLBACK_OUTCOME,
            "outcome",
            format!(
                "回访结果“{}”无法识别。请填 reached（已接通）、confirms（属实）、denies（否认）或 unreachable（联系不上）。",
                self.outcome.trim()
            ),
        );
        let officer = self.officer.trim().to_string();
        problems.check(
            officer.is_empty(),
            Code::CALLBACK_OFFICER,
            "officer",
            "请填写回访人姓名：回访结果要能追溯到打电话的人。",
        );
        let note = self.note.trim().to_string();
        problems.check(
            outcome == Some(CallOutcome::Denies) && note.is_empty(),
            Code::CALLBACK_NOTE,
            "note",
            "农户否认时请在说明里写清否认什么（没签协议、没收到哪笔款、没参加哪次培训），县里据此核查。",
        );
        problems.check(
            note.chars().count() > NOTE_MAX,
            Code::CALLBACK_NOTE,
            "note",
            format!("说明最多 {NOTE_MAX} 个字，请精简。"),
        );
        let call_date = match self.call_date.trim() {
            "" => Some(today),
            text => match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
                Ok(day) if day <= today => Some(day),
                Ok(_) => {
                    problems.push(Invalid::new(
                        Code::CALLBACK_DATE,
                        "callDate",
                        "回访日期不能晚于今天。",
                    ));
                    None
                }
                Err(_) => {
                    problems.push(Invalid::new(
                        Code::CALLBACK_DATE,
                        "callDate",
                        format!("回访日期“{text}”无法识别，请写成 2019-08-12。"),
                    ));
                    None
                }
            },
        };
        problems.finish()?;
        Ok(ValidCall {
            outcome: outcome.expect("checked above"),
            note,
            officer,
            call_date: call_date.expect("checked above"),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        "2019-08-12".parse().unwrap()
    }

    fn codes(input: &CallInput) -> Vec<(Code, String)> {
        match input.validate(today()) {
            Ok(_) => vec![],
            Err(all) => all
                .all()
                .iter()
                .map(|i| (i.code, i.field.to_string()))
                .collect(),
        }
    }

    #[test]
    fn a_call_reports_every_problem_at_once() {
        let input = CallInput {
            outcome: "denied".into(),
            note: String::new(),
            officer: " ".into(),
            call_date: "2019-13-01".into(),
        };
        assert_eq!(
            codes(&input),
            vec![
                (Code::CALLBACK_OUTCOME, "outcome".to_string()),
                (Code::CALLBACK_OFFICER, "officer".to_string()),
                (Code::CALLBACK_DATE, "callDate".to_string()),
            ]
        );
    }

    #[test]
    fn a_denial_needs_a_note_and_a_confirmation_does_not() {
        let denies = CallInput {
            outcome: "denies".into(),
            officer: "李芳".into(),
            ..CallInput::default()
        };
        assert_eq!(
            codes(&denies),
            vec![(Code::CALLBACK_NOTE, "note".to_string())]
        );
        let confirms = CallInput {
            outcome: "confirms".into(),
            ..denies.clone()
        };
        let valid = confirms.validate(today()).unwrap();
        assert_eq!(valid.outcome, CallOutcome::Confirms);
        assert_eq!(valid.call_date, today(), "an empty date is today");
    }
}
