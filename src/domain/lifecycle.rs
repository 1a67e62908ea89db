//! Where a record is in its life, as lists show and filter it: 草稿 (draft), 已提交
//! (submitted), 已锁定 (locked by the county), 已作废 (voided: a tombstone with a reason).
//! The rules themselves are in `store::records::lifecycle`; docs/records.md states them.

use serde::{Deserialize, Serialize};

use super::{refuse_if, Invalid};
use crate::Code;

/// The kinds of record an officer submits and voids one by one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum RecordKind {
    Household,
    Operator,
    Agreement,
    TrainingSession,
    Notice,
}

impl RecordKind {
    pub const ALL: [RecordKind; 5] = [
        RecordKind::Household,
        RecordKind::Operator,
        RecordKind::Agreement,
        RecordKind::TrainingSession,
        RecordKind::Notice,
    ];
}

/// A record's status as a list shows it; `Voided` is a tombstone, whatever its status was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum RecordStatus {
    Draft,
    Submitted,
    Locked,
    Voided,
}

impl RecordStatus {
    pub const ALL: [RecordStatus; 4] = [
        RecordStatus::Draft,
        RecordStatus::Submitted,
        RecordStatus::Locked,
        RecordStatus::Voided,
    ];

    pub fn code(self) -> &'static str {
        match self {
            RecordStatus::Draft => "draft",
            RecordStatus::Submitted => "submitted",
            RecordStatus::Locked => "locked",
            RecordStatus::Voided => "voided",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            RecordStatus::Draft => "草稿",
            RecordStatus::Submitted => "已提交",
            RecordStatus::Locked => "已锁定",
            RecordStatus::Voided => "已作废",
        }
    }

    /// A status as a clerk types it on the command line: its code or its Chinese label.
    pub fn parse(raw: &str) -> Result<RecordStatus, Invalid> {
        let raw = raw.trim();
        RecordStatus::ALL
            .into_iter()
            .find(|s| s.code().eq_ignore_ascii_case(raw) || s.label() == raw)
            .ok_or_else(|| {
                Invalid::new(
                    Code::RECORD_STATUS,
                    "status",
                    format!(
                        "没有“{raw}”这种状态。可选：草稿（draft）、已提交（submitted）、已锁定（locked）、已作废（voided）。"
                    ),
                )
            })
    }
}

/// The longest void reason kept, in characters: a sentence, not a report.
pub const VOID_REASON_MAX: usize = 200;

/// A void's reason, trimmed: required (the county reads it), at most `VOID_REASON_MAX`.
pub fn void_reason(raw: &str) -> Result<String, Invalid> {
    let reason = raw.trim();
    refuse_if(
        reason.is_empty(),
        Code::VOID_REASON_REQUIRED,
        "reason",
        "作废须填写原因（例如：重复登记、录入错误、对方退出），县里审核时会看到。",
    )?;
    refuse_if(
        reason.chars().count() > VOID_REASON_MAX,
        Code::VOID_REASON_TOO_LONG,
        "reason",
        format!("作废原因最多 {VOID_REASON_MAX} 个字，请简要说明。"),
    )?;
    Ok(reason.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_status_is_typed_as_its_code_or_its_chinese_label() {
        assert_eq!(RecordStatus::parse("已作废"), Ok(RecordStatus::Voided));
        assert_eq!(
            RecordStatus::parse(" Submitted "),
            Ok(RecordStatus::Submitted)
        );
        assert_eq!(
            RecordStatus::parse("作废").unwrap_err().code,
            Code::RECORD_STATUS
        );
    }

    #[test]
    fn a_void_reason_is_required_trimmed_and_short() {
        assert_eq!(void_reason("  重复登记 ").unwrap(), "重复登记");
        assert_eq!(
            void_reason(" \n").unwrap_err().code,
            Code::VOID_REASON_REQUIRED
        );
        let long = "错".repeat(VOID_REASON_MAX + 1);
        assert_eq!(
            void_reason(&long).unwrap_err().code,
            Code::VOID_REASON_TOO_LONG
        );
    }
}
