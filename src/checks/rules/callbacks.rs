//! F11: a household that denies, on a call-back, what its records say (`F11_CALLBACK_DENIED`),
//! and a county 复核 that failed an operator the township passed or did not fail
//! (`F11_RECHECK_FAILED`).
//!
//! Both are read from stored facts (the call's outcome, the 复核's conclusion), so the next run
//! finds them again and never closes them: only correcting the call or the 复核 — a change in
//! the change log — removes the cause.

use crate::checks::{CheckCode, Finding, RecordRef, Thresholds};

/// A call whose outcome is `denies`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Denial {
    pub call: RecordRef,
    pub household: RecordRef,
    pub note: String,
    pub officer: String,
    pub call_date: String,
}

/// A 复核 (inspection stage `recheck`) whose conclusion is fail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FailedRecheck {
    pub recheck: RecordRef,
    pub operator: String,
    pub date: String,
    pub problems: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CallbackFacts {
    pub denials: Vec<Denial>,
    pub failed_rechecks: Vec<FailedRecheck>,
}

pub fn check(facts: &CallbackFacts, _thresholds: &Thresholds) -> Vec<Finding> {
    let mut out = Vec::new();
    for d in &facts.denials {
        out.push(
            Finding::new(
                CheckCode::F11_CALLBACK_DENIED,
                vec![d.call.clone(), d.household.clone()],
                format!(
                    "{}在 {} 回访时否认：{}（回访人：{}）。",
                    d.household.label, d.call_date, d.note, d.officer
                ),
            )
            .compare("回访结果", "否认")
            .compare("农户说明", d.note.clone())
            .compare("回访人", d.officer.clone()),
        );
    }
    for r in &facts.failed_rechecks {
        let mut finding = Finding::new(
            CheckCode::F11_RECHECK_FAILED,
            vec![r.recheck.clone()],
            format!("{}在 {} 的县级复核不合格。", r.operator, r.date),
        )
        .compare("复核结论", "不合格");
        if !r.problems.trim().is_empty() {
            finding = finding.compare("发现的问题", r.problems.trim());
        }
        out.push(finding);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_denial_and_a_failed_recheck_each_raise_one_and_nothing_raises_none() {
        let facts = CallbackFacts {
            denials: vec![Denial {
                call: RecordRef::new("callback_call", "c1", "回访", Some("t1".into())),
                household: RecordRef::new("household", "h1", "农户 艾力", Some("t1".into())),
                note: "没有签过协议".into(),
                officer: "李芳".into(),
                call_date: "2019-08-12".into(),
            }],
            failed_rechecks: vec![FailedRecheck {
                recheck: RecordRef::new("inspection", "i1", "复核", Some("t2".into())),
                operator: "某网店".into(),
                date: "2019-10-08".into(),
                problems: "无实际经营".into(),
            }],
        };
        let found = check(&facts, &Thresholds::default());
        let codes: Vec<CheckCode> = found.iter().map(|f| f.check).collect();
        assert_eq!(
            codes,
            vec![
                CheckCode::F11_CALLBACK_DENIED,
                CheckCode::F11_RECHECK_FAILED
            ]
        );
        assert!(found[0].summary.contains("没有签过协议"));
        assert!(check(&CallbackFacts::default(), &Thresholds::default()).is_empty());
    }
}
