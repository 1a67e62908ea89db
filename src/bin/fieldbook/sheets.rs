//! Spreadsheets from the command line: `fieldbook import KIND FILE` (a dry run with
//! `--dry-run`, only the valid rows with `--valid-only`, else all rows or nothing) and
//! `fieldbook export KIND --out FILE.xlsx`. With `--json` the report is printed as JSON.

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use fieldbook::sheets::{import, ImportKind, ImportMode, ImportOptions, ImportReport};
use fieldbook::Code;
use fieldbook::{Error, Store};

use crate::console::print;

#[derive(Clone, Copy, ValueEnum)]
pub enum Kind {
    Places,
    Households,
    Operators,
    Roster,
    Attendance,
    /// Household members, one row per person with the head's ID number (户主身份证号)
    Members,
}

#[derive(Args)]
pub struct ImportArgs {
    /// What the file holds
    kind: Kind,
    /// An .xlsx or .csv file (UTF-8 with or without BOM, or GBK)
    file: PathBuf,
    /// The agreement (roster) or training session (attendance): id or number/title
    #[arg(long, value_name = "ID")]
    into: Option<String>,
    /// Check every row and report; write nothing
    #[arg(long, conflicts_with = "valid_only")]
    dry_run: bool,
    /// Import the rows without errors and skip the others (default: all rows or nothing)
    #[arg(long)]
    valid_only: bool,
    /// Say which column holds a field: KEY=LETTER or KEY=HEADER (e.g. idNumber=C)
    #[arg(long = "map", value_name = "KEY=COLUMN")]
    map: Vec<String>,
}

pub fn run_import(store: &mut Store, args: &ImportArgs, json: bool) -> Result<(), Error> {
    let (name, bytes) = fieldbook::sheets::read::read_path(&args.file)?;
    let kind = match args.kind {
        Kind::Places => ImportKind::Places,
        Kind::Households => ImportKind::Households,
        Kind::Operators => ImportKind::Operators,
        Kind::Roster => ImportKind::Roster,
        Kind::Attendance => ImportKind::Attendance,
        Kind::Members => ImportKind::Members,
    };
    let mode = if args.dry_run {
        ImportMode::DryRun
    } else if args.valid_only {
        ImportMode::ValidOnly
    } else {
        ImportMode::All
    };
    let mut mapping = std::collections::BTreeMap::new();
    for pair in &args.map {
        let (key, column) = pair.split_once('=').ok_or_else(|| {
            fieldbook::domain::Invalid::new(
                Code::USAGE,
                "map",
                format!("--map 应写成 字段=列，例如 idNumber=C，现在是“{pair}”。"),
            )
        })?;
        mapping.insert(key.trim().to_string(), column.trim().to_string());
    }
    let options = ImportOptions {
        kind,
        mode,
        into: args.into.clone(),
        mapping,
    };
    let report = import(store, &bytes, &name, &options)?;
    print(json, &report, || human(&report));
    let refused = !report.file_problems.is_empty()
        || (mode == ImportMode::All && report.counts.errors > 0)
        || (mode == ImportMode::ValidOnly
            && report.counts.errors > 0
            && report.counts.errors == report.counts.rows);
    if refused {
        return Err(Error::ImportRefused {
            summary: report.summary,
        });
    }
    Ok(())
}

fn human(report: &ImportReport) -> String {
    let mut out = format!(
        "{}（{}{}），表头在第 {} 行。\n",
        report.file_name,
        report.format,
        if report.sheet.is_empty() {
            String::new()
        } else {
            format!("，工作表“{}”", report.sheet)
        },
        report.header_row
    );
    for p in report
        .file_problems
        .iter()
        .chain(report.rows.iter().flat_map(|r| &r.problems))
    {
        let place = match (&p.row, &p.column, &p.header) {
            (Some(r), Some(c), Some(h)) => format!("第 {r} 行 {c} 列（{h}）"),
            (Some(r), None, Some(h)) => format!("第 {r} 行（{h}）"),
            (Some(r), _, _) => format!("第 {r} 行"),
            _ => "文件".to_string(),
        };
        let level = if p.severity == "error" {
            "错误"
        } else {
            "提醒"
        };
        out += &format!("{level} {place} [{}] {}\n", p.code, p.message);
    }
    for r in report.rows.iter().filter(|r| !r.changes.is_empty()) {
        let changes: Vec<String> = r
            .changes
            .iter()
            .map(|c| format!("{}：{} → {}", c.field, shown(&c.old), shown(&c.new)))
            .collect();
        out += &format!("更新 第 {} 行 {}：{}\n", r.row, r.label, changes.join("；"));
    }
    out + &report.summary
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ExportWhat {
    Households,
    Roster,
    Ledger,
    Attendance,
    Summary,
    /// 资金拨付明细表 of a programme (--programme)
    Disbursements,
    /// 资金使用情况表 of a programme (--programme)
    FundStatus,
    /// 追回情况表 of a programme (--programme)
    Recoveries,
    /// 资金使用情况公示名单 of a programme (--programme)
    FundAllocation,
}

#[derive(Args)]
pub struct ExportArgs {
    /// Which county template
    kind: ExportWhat,
    /// One township (9-digit code or name) [default: the whole county]
    #[arg(long, value_name = "CODE")]
    township: Option<String>,
    /// summary only: the period counted (2019, 2019-Q3, 2019-08): the statistics report of that
    /// period (same as `report stats --period`); other templates are not kept by period
    #[arg(long)]
    period: Option<String>,
    /// The programme of a fund export (disbursements, fund-status)
    #[arg(long, value_name = "ID")]
    programme: Option<String>,
    /// Where to write the .xlsx file
    #[arg(long, value_name = "FILE.xlsx")]
    out: PathBuf,
}

pub fn run_export(store: &Store, args: &ExportArgs, json: bool) -> Result<(), Error> {
    use fieldbook::sheets::{export_to, Destination, ExportKind};
    let kind = match args.kind {
        ExportWhat::Households => ExportKind::Households,
        ExportWhat::Roster => ExportKind::Roster,
        ExportWhat::Ledger => ExportKind::Ledger,
        ExportWhat::Attendance => ExportKind::Attendance,
        ExportWhat::Summary => ExportKind::Summary,
        ExportWhat::Disbursements => ExportKind::Disbursements,
        ExportWhat::FundStatus => ExportKind::FundStatus,
        ExportWhat::Recoveries => ExportKind::Recoveries,
        ExportWhat::FundAllocation => ExportKind::FundAllocation,
    };
    let (_, summary) = match &args.programme {
        Some(programme) => fieldbook::sheets::funds::export_programme_to(
            store,
            kind,
            programme,
            Destination::File(&args.out),
        )?,
        None => export_to(
            store,
            kind,
            args.township.as_deref(),
            args.period.as_deref(),
            Destination::File(&args.out),
        )?,
    };
    let mut value = serde_json::to_value(&summary).expect("summaries serialise");
    value["path"] = serde_json::Value::String(args.out.display().to_string());
    print(json, &value, || {
        format!(
            "已导出“{}”：{} 条，写入 {}",
            summary.title,
            summary.rows,
            args.out.display()
        )
    });
    Ok(())
}

pub fn run_export_audit(store: &Store, json: bool) -> Result<(), Error> {
    let audit = store.export_audit()?;
    print(json, &audit, || {
        if audit.is_empty() {
            return "还没有导出过表格。".to_string();
        }
        let lines: Vec<String> = audit
            .iter()
            .map(|e| {
                format!(
                    "{}  {}  {}  {}  {} 条  {}  {}",
                    e.exported_at,
                    e.officer,
                    e.kind,
                    e.scope,
                    e.rows,
                    if e.full_ids {
                        "含完整身份证号"
                    } else {
                        "无身份证号"
                    },
                    e.destination
                )
            })
            .collect();
        lines.join("\n")
    });
    Ok(())
}

/// A changed value as the terminal shows it: text as it is, nothing as （空）.
fn shown(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::Null => "（空）".into(),
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}
