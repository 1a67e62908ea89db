//! 电子商务扶贫统计表: `Store::stats_report` on paper, landscape. Per township four lines
//! (本期, 上期, 增减, 增长率) under the nine figures, the 合计 as the last four, then the
//! 填报单位 / 审核人 / 日期 lines. The record id is the report's question
//! (`StatsQuery::record_id`), so the print log can rebuild it and tell a copy's hash.

use crate::domain::stats::{StatsFigure, StatsReport, StatsRow, MEASURES};
use crate::print::layout::{size, Block, A4_LANDSCAPE};
use crate::print::{Form, FormKind};

use super::{date_zh, form_doc, TableOf};

/// One printed line: a township's name on its first line only, the measure and its cells.
struct Line {
    township: String,
    measure: &'static str,
    cells: Vec<String>,
}

fn lines(row: &StatsRow) -> Vec<Line> {
    MEASURES
        .iter()
        .enumerate()
        .map(|(i, (measure, read))| Line {
            township: if i == 0 {
                row.township_name.clone()
            } else {
                String::new()
            },
            measure,
            cells: row.cells.iter().map(|c| read(c).to_string()).collect(),
        })
        .collect()
}

/// What the report was asked for, in a line under the title.
fn scope_line(r: &StatsReport) -> String {
    let mut parts = vec![
        format!(
            "统计期间：{}（{}至{}）",
            r.period_label,
            date_zh(&r.from),
            date_zh(&r.to)
        ),
        format!("对比期间：{}", r.previous_label),
    ];
    if let Some(name) = &r.programme_name {
        parts.push(format!("项目：{name}"));
    }
    if let Some(code) = &r.township_code {
        let name = r
            .rows
            .iter()
            .find(|row| &row.township_code == code)
            .map_or(code.as_str(), |row| row.township_name.as_str());
        parts.push(format!("乡镇：{name}"));
    }
    parts.join("　　")
}

/// 填报单位 (the county), 填表人, 审核人 and the date, with room for the seal.
fn report_sign_block(county: &str) -> Block {
    Block::Keep(vec![
        Block::Space(12.0),
        Block::para(
            format!(
                "填报单位（盖章）：{county}　　　　填表人：＿＿＿＿＿＿　　审核人：＿＿＿＿＿＿　　填报日期：　　　　年　　月　　日"
            ),
            size::XIAO_SI,
        ),
    ])
}

pub fn stats_form(r: &StatsReport, record_id: &str, version: i64) -> Form {
    let rows: Vec<Line> = r.rows.iter().flat_map(lines).collect();
    let total = lines(&r.total);
    let mut table = TableOf::new(&rows)
        .left("乡镇", 1.5, |l| l.township.clone())
        .center("口径", 0.8, |l| l.measure.to_string());
    for (i, figure) in StatsFigure::ALL.iter().enumerate() {
        let weight = if figure.is_money() { 1.3 } else { 1.0 };
        table = table.right(figure.label(), weight, move |l| l.cells[i].clone());
    }
    for line in &total {
        table = table.total_of(&Line {
            township: if line.measure == "本期" {
                "合计".into()
            } else {
                String::new()
            },
            measure: line.measure,
            cells: line.cells.clone(),
        });
    }
    let mut blocks = vec![
        Block::title(r.title(), 16.0),
        Block::para(scope_line(r), size::WU),
        Block::right("金额单位：元", size::WU),
        table.size(size::XIAO_WU).block(),
    ];
    let mut notes = vec![
        "增长率 = （本期 − 上期）÷ 上期；上期为 0 时无增长率，记“—”。".to_string(),
        "合计为各行之和；带动贫困户每户只计一次（按户籍所在乡镇）。".to_string(),
    ];
    if !r.findings_counted {
        notes.push("核查发现问题尚未纳入统计，记“—”。".into());
    }
    for (n, note) in notes.iter().enumerate() {
        blocks.push(Block::para(format!("注{}：{note}", n + 1), size::XIAO_WU));
    }
    blocks.push(report_sign_block(&r.county_name));
    Form {
        kind: FormKind::StatsReport,
        record_id: record_id.to_string(),
        record_label: r.title(),
        version,
        doc: form_doc(r.title(), A4_LANDSCAPE, blocks),
    }
}
