//! The statistics report as a county template (.xlsx): per township four lines (本期, 上期,
//! 增减, 增长率) under the nine figures, the 合计 as the last four lines, the footer and the
//! stamp sheet with the period; written and noted in the export audit like every export.

use std::path::PathBuf;

use super::export::{save_and_note, write_book, xlsx_error, Book, Col, Destination};
use super::sql::export::Val;
use super::{ExportKind, ExportSummary};
use crate::domain::period::Period;
use crate::domain::stats::{StatsFigure, StatsQuery, StatsReport, StatsRow, MEASURES, NONE};
use crate::domain::Invalid;
use crate::error::Result;
use crate::{Code, Store};

pub(super) fn columns() -> Vec<(&'static str, f64, Col)> {
    let mut cols = vec![
        ("乡镇代码", 12.0, Col::Code),
        ("乡镇", 12.0, Col::Text),
        ("口径", 7.0, Col::Text),
    ];
    // Not summed by the sheet: the report's own 合计 lines are its rows' sums.
    cols.extend(
        StatsFigure::ALL
            .iter()
            .map(|f| (f.label(), 12.0, Col::Amount)),
    );
    cols
}

/// A cell as the sheet holds it: a number where there is one (money to the fen), text for a
/// rate or "—".
fn value(figure: StatsFigure, text: &str, rate: bool) -> Val {
    if rate || text == NONE {
        return Val::Text(text.to_string());
    }
    if figure.is_money() {
        text.parse()
            .map(Val::Money)
            .unwrap_or_else(|_| Val::Text(text.to_string()))
    } else {
        text.parse()
            .map(Val::Int)
            .unwrap_or_else(|_| Val::Text(text.to_string()))
    }
}

fn lines(row: &StatsRow) -> Vec<Vec<Val>> {
    MEASURES
        .iter()
        .enumerate()
        .map(|(i, (measure, read))| {
            let mut line = vec![
                Val::Text(row.township_code.clone()),
                Val::Text(row.township_name.clone()),
                Val::Text(measure.to_string()),
            ];
            line.extend(
                row.cells
                    .iter()
                    .map(|c| value(c.figure, read(c), i == MEASURES.len() - 1)),
            );
            line
        })
        .collect()
}

/// The workbook of a report.
pub fn stats_book(
    report: &StatsReport,
    today: chrono::NaiveDate,
) -> Result<(Vec<u8>, ExportSummary)> {
    let cols = columns();
    let mut rows: Vec<Vec<Val>> = report.rows.iter().flat_map(lines).collect();
    rows.extend(lines(&report.total));
    let title = report.title();
    let mut scope = report
        .township_code
        .as_ref()
        .and_then(|code| report.rows.iter().find(|r| &r.township_code == code))
        .map_or_else(|| report.county_name.clone(), |r| r.township_name.clone());
    if let Some(name) = &report.programme_name {
        scope = format!("{scope}　项目：{name}");
    }
    let period = format!(
        "{}（{}至{}），上期 {}",
        report.period, report.from, report.to, report.previous_period
    );
    let book = Book {
        title: &title,
        scope: &scope,
        period: Some(&period),
        today,
        kind: ExportKind::Stats,
        township: report.township_code.as_deref(),
        programme: report.programme_id.as_deref(),
        totals_row: false,
    };
    let (bytes, checksum) = write_book(&book, &cols, &rows).map_err(xlsx_error)?;
    Ok((
        bytes,
        ExportSummary {
            kind: ExportKind::Stats,
            title: title.clone(),
            township_code: report
                .township_code
                .clone()
                .unwrap_or_else(|| "county".into()),
            rows: report.rows.len() as u32,
            checksum,
            file_name: format!("{title}.xlsx"),
        },
    ))
}

/// Counts the report, writes its workbook where `destination` says and notes it in the
/// export audit (scope: the township's code or `county`; no ID numbers in it).
pub fn export_stats_to(
    store: &Store,
    query: &StatsQuery,
    destination: Destination,
) -> Result<(PathBuf, ExportSummary)> {
    let report = store.stats_report(query)?;
    let (bytes, summary) = stats_book(&report, store.today())?;
    let scope = summary.township_code.clone();
    save_and_note(store, &bytes, summary, &scope, destination)
}

/// What `--period` asks of an export: the summary of a period is the statistics report of
/// that period (it filters by date); no other template is kept by period, so a period there
/// is refused rather than only printed on the file.
pub(super) fn period_query(
    kind: ExportKind,
    township: Option<&str>,
    period: Option<&str>,
) -> Result<Option<StatsQuery>> {
    let Some(period) = period.map(str::trim).filter(|p| !p.is_empty()) else {
        return Ok(None);
    };
    match kind {
        ExportKind::Summary | ExportKind::Stats => Ok(Some(StatsQuery {
            period: Period::parse(period)?,
            programme_id: None,
            township: township.map(String::from),
        })),
        _ => Err(Invalid::new(
            Code::PERIOD_INVALID,
            "period",
            format!(
                "{}不按期间筛选：请去掉期间；按期间统计请导出统计表（命令行 fieldbook report stats --period 2019-Q3）。",
                kind.file_stem()
            ),
        )
        .into()),
    }
}
