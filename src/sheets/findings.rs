//! The integrity findings (核查情况表, issue 15) as `.xlsx`: one row per finding with its
//! evidence and review, the county templates' stamp sheet and footer, noted in the export
//! audit. Personal numbers are masked (`domain::masking`): the file carries no full ID.

use super::export::{columns, save_and_note, write_book, Book, Destination, ExportKind};
use super::export::{xlsx_error, ExportSummary};
use crate::checks::{FindingFilter, FindingStatus, FindingView, Severity};
use crate::domain::masking::masked_numbers;
use crate::error::Result;
use crate::sheets::sql::export::Val;
use crate::Store;

fn text(s: impl AsRef<str>) -> Val {
    Val::Text(masked_numbers(s.as_ref()))
}

fn severity(s: Severity) -> &'static str {
    match s {
        Severity::High => "高",
        Severity::Medium => "中",
        Severity::Low => "低",
    }
}

/// The rows after 序号: 编号, 规则, 核查项目, 严重程度, 乡镇, 发现, 比对的数据, 阈值, 涉及记录,
/// 状态, 说明, 决定人, 决定时间, 首次发现, 最近发现.
pub fn rows(findings: &[FindingView]) -> Vec<Vec<Val>> {
    findings
        .iter()
        .map(|f| {
            let townships: Vec<&str> = f.townships.iter().map(|t| t.name.as_str()).collect();
            let compared: Vec<String> = f
                .compared
                .iter()
                .map(|c| format!("{}：{}", c.label, c.value))
                .collect();
            let records: Vec<&str> = f.records.iter().map(|r| r.label.as_str()).collect();
            vec![
                text(&f.id),
                text(&f.rule),
                text(&f.title),
                text(severity(f.severity)),
                text(townships.join("、")),
                text(&f.summary),
                text(compared.join("；")),
                text(f.threshold.as_deref().unwrap_or("")),
                text(records.join("；")),
                text(f.status.label()),
                text(&f.note),
                text(&f.decided_by),
                text(f.decided_at.as_deref().unwrap_or("")),
                text(&f.first_seen),
                text(&f.last_seen),
            ]
        })
        .collect()
}

/// Exports the findings of the county or a township (name or code), optionally of one status,
/// writes them where `destination` says and notes the file in the export audit.
pub fn export_findings_to(
    store: &Store,
    township: Option<&str>,
    status: Option<FindingStatus>,
    destination: Destination,
) -> Result<(std::path::PathBuf, ExportSummary)> {
    let kind = ExportKind::Findings;
    let (township, place) = match township {
        Some(key) => {
            let t = store.find_township(key)?;
            (Some(t.clone()), t.name)
        }
        None => (
            None,
            store
                .county()?
                .map(|c| c.name)
                .unwrap_or_else(|| "全县".into()),
        ),
    };
    let findings = store.findings(&FindingFilter {
        township_id: township.as_ref().map(|t| t.id.clone()),
        check: None,
        status,
    })?;
    let rows: Vec<Vec<Val>> = rows(&findings)
        .into_iter()
        .enumerate()
        .map(|(i, mut row)| {
            row.insert(0, Val::Int(i as i64 + 1));
            row
        })
        .collect();
    let title = match status {
        Some(s) => format!("{place}核查情况表（{}）", s.label()),
        None => format!("{place}核查情况表"),
    };
    let code = township.as_ref().map(|t| t.code.clone());
    let book = Book {
        title: &title,
        scope: &place,
        period: None,
        today: store.today(),
        kind,
        township: code.as_deref(),
        programme: None,
        totals_row: true,
    };
    let (bytes, checksum) = write_book(&book, &columns(kind), &rows).map_err(xlsx_error)?;
    let summary = ExportSummary {
        kind,
        title: title.clone(),
        township_code: code.clone().unwrap_or_else(|| "county".into()),
        rows: rows.len() as u32,
        checksum,
        file_name: format!("{title}.xlsx"),
    };
    let scope = summary.township_code.clone();
    save_and_note(store, &bytes, summary, &scope, destination)
}
