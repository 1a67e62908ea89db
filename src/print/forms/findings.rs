//! 核查情况表: the county's integrity findings (issue 15) with their evidence and where the
//! review stands, for the whole county or one township, optionally one status. Personal numbers
//! never print in full (DOMAIN.md "Privacy"): the checks mask them in their evidence already,
//! and `masked_numbers` masks any that slipped through, so the paper cannot leak an ID.

use crate::checks::{FindingStatus, FindingView};
use crate::domain::masking::masked_numbers;
use crate::print::layout::{size, Block, A4_LANDSCAPE};
use crate::print::{Form, FormKind};

use super::{date_zh, form_doc, TableOf};

/// Which findings a 核查情况表 prints. It is the form's record id too (`all/any`,
/// `<township id>/open` …), so a paper copy's hash rebuilds the same selection to verify it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FindingsScope {
    pub township_id: Option<String>,
    pub status: Option<FindingStatus>,
}

impl FindingsScope {
    pub fn record_id(&self) -> String {
        format!(
            "{}/{}",
            self.township_id.as_deref().unwrap_or("all"),
            self.status.map(|s| s.as_str()).unwrap_or("any")
        )
    }

    /// The scope a record id names; `None` when it names none.
    pub fn parse(record_id: &str) -> Option<FindingsScope> {
        let (township, status) = record_id.split_once('/')?;
        let status = match status {
            "any" => None,
            s => Some(FindingStatus::from_name(s)?),
        };
        let township_id = (township != "all" && !township.is_empty()).then(|| township.into());
        Some(FindingsScope {
            township_id,
            status,
        })
    }
}

/// "2026-03-02 10:15" or "2026-03-02" → "2026年3月2日".
fn day_zh(raw: &str) -> String {
    date_zh(raw.get(..10).unwrap_or(raw))
}

fn townships(f: &FindingView) -> String {
    let names: Vec<&str> = f.townships.iter().map(|t| t.name.as_str()).collect();
    if names.is_empty() {
        "（县级）".into()
    } else {
        names.join("、")
    }
}

/// The values compared, the threshold and the records involved, as one cell.
fn evidence(f: &FindingView) -> String {
    let mut parts: Vec<String> = f
        .compared
        .iter()
        .map(|c| format!("{}：{}", c.label, c.value))
        .collect();
    if let Some(t) = &f.threshold {
        parts.push(format!("阈值：{t}"));
    }
    let records: Vec<&str> = f.records.iter().map(|r| r.label.as_str()).collect();
    if !records.is_empty() {
        parts.push(format!("涉及记录：{}", records.join("；")));
    }
    masked_numbers(&parts.join("。"))
}

/// The status with the decision's note, who decided and when.
fn review(f: &FindingView) -> String {
    let mut out = f.status.label().to_string();
    if !f.note.is_empty() {
        out += &format!("：{}", f.note);
    }
    if !f.decided_by.is_empty() {
        out += &format!("（{}", f.decided_by);
        if let Some(at) = &f.decided_at {
            out += &format!("，{}", day_zh(at));
        }
        out += "）";
    }
    masked_numbers(&out)
}

/// Who the form is for: the county or a township's name, and the status chosen.
pub struct FindingsHeading<'a> {
    pub place: &'a str,
    pub status: Option<FindingStatus>,
}

pub fn build(
    scope: &FindingsScope,
    heading: &FindingsHeading,
    findings: &[FindingView],
    version: i64,
) -> Form {
    let status = heading
        .status
        .map(|s| s.label())
        .unwrap_or("全部（待核查、已说明、确认造假、排除、已消除）");
    let pending = findings.iter().filter(|f| f.status.is_pending()).count();
    let mut blocks = vec![
        Block::title(format!("{}核查情况表", heading.place), 16.0),
        Block::para(
            format!(
                "范围：{}　　状态：{status}　　共 {} 条，其中待核查或已说明 {pending} 条。",
                heading.place,
                findings.len()
            ),
            size::WU,
        ),
    ];
    if findings.is_empty() {
        blocks.push(Block::para("没有符合条件的核查发现。", size::XIAO_SI));
    } else {
        blocks.push(
            TableOf::new(findings)
                .numbered(0.5)
                .center("规则", 0.5, |f| f.rule.clone())
                .center("乡镇", 1.0, townships)
                .left("核查发现", 2.4, |f| {
                    masked_numbers(&format!("{}：{}", f.title, f.summary))
                })
                .left("证据（比对的数据、阈值、涉及记录）", 3.6, evidence)
                .center("首次发现", 1.0, |f| day_zh(&f.first_seen))
                .left("核查状态", 1.8, review)
                .size(size::XIAO_WU)
                .block(),
        );
    }
    blocks.push(Block::Keep(vec![
        Block::Space(14.0),
        Block::para(
            "填报单位（盖章）：＿＿＿＿＿＿＿＿　　审核人：＿＿＿＿＿＿　　日期：　　　　年　　月　　日",
            size::XIAO_SI,
        ),
    ]));
    Form {
        kind: FormKind::Findings,
        record_id: scope.record_id(),
        record_label: format!("{}的核查情况", heading.place),
        version,
        doc: form_doc(
            format!("{} 核查情况表", heading.place),
            A4_LANDSCAPE,
            blocks,
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scope_round_trips_through_its_record_id() {
        for scope in [
            FindingsScope::default(),
            FindingsScope {
                township_id: Some("t-1".into()),
                status: Some(FindingStatus::Explained),
            },
        ] {
            assert_eq!(FindingsScope::parse(&scope.record_id()), Some(scope));
        }
        assert_eq!(FindingsScope::parse("all/nonsense"), None);
        assert_eq!(FindingsScope::parse("no-slash"), None);
    }
}
