//! `fieldbook report stats --period 2019-Q3 | --from D --to D [--programme ID] [--township
//! CODE] [--out F.xlsx|F.pdf]`: the statistics report, on the terminal, as a county template
//! (through the export layer and its audit) or printed (through the print log).

use std::fmt::Write;
use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use fieldbook::domain::stats::{StatsFigure, StatsReport, StatsRequest};
use fieldbook::print::FormKind;
use fieldbook::sheets::Destination;
use fieldbook::{Code, Error, Store};
use serde::Serialize;

use crate::console::print;

#[derive(Subcommand)]
pub enum ReportCommand {
    /// 统计表 of a period by township, compared with the period before (change, growth rate)
    Stats(StatsArgs),
}

#[derive(Args)]
pub struct StatsArgs {
    /// A month, quarter or year: 2019-08, 2019-Q3, 2019
    #[arg(long)]
    period: Option<String>,
    /// First day of the period (with --to)
    #[arg(long, value_name = "DATE")]
    from: Option<String>,
    /// Last day of the period, included (with --from)
    #[arg(long, value_name = "DATE")]
    to: Option<String>,
    /// Only this programme's records
    #[arg(long, value_name = "ID")]
    programme: Option<String>,
    /// Only this township (9-digit code or name)
    #[arg(long, value_name = "CODE")]
    township: Option<String>,
    /// Write the report: .xlsx (county template) or .pdf (printed, verifiable)
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Written<'a> {
    #[serde(flatten)]
    report: &'a StatsReport,
    file: Option<String>,
    /// The printed copy's short hash (PDF only).
    hash: Option<String>,
}

pub fn run(store: &mut Store, command: &ReportCommand, json: bool) -> Result<(), Error> {
    let ReportCommand::Stats(args) = command;
    let query = StatsRequest {
        period: args.period.clone(),
        from: args.from.clone(),
        to: args.to.clone(),
        programme_id: args.programme.clone(),
        township: args.township.clone(),
    }
    .query()?;
    let report = store.stats_report(&query)?;
    let mut hash = None;
    if let Some(out) = &args.out {
        match extension(out).as_deref() {
            Some("xlsx") => {
                fieldbook::sheets::stats::export_stats_to(store, &query, Destination::File(out))?;
            }
            Some("pdf") => {
                let saved = store.save_print_to(FormKind::StatsReport, &query.record_id(), out)?;
                hash = Some(saved.hash);
            }
            _ => {
                return Err(fieldbook::domain::Invalid::new(
                    Code::USAGE,
                    "out",
                    format!(
                        "不认识的文件类型“{}”：统计表可存为 .xlsx（表格）或 .pdf（打印件）。",
                        out.display()
                    ),
                )
                .into())
            }
        }
    }
    let written = Written {
        report: &report,
        file: args.out.as_ref().map(|p| p.display().to_string()),
        hash,
    };
    print(json, &written, || text(&written));
    Ok(())
}

fn extension(path: &Path) -> Option<String> {
    path.extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
}

/// The report as tab-separated lines: a township's figures this period, with the period
/// before and the growth rate in brackets.
fn text(w: &Written) -> String {
    let r = w.report;
    let mut out = format!(
        "{}（{} 至 {}，对比 {}）\n乡镇",
        r.title(),
        r.from,
        r.to,
        r.previous_label
    );
    for f in StatsFigure::ALL {
        write!(out, "\t{}", f.label()).expect("writing to a String");
    }
    out.push('\n');
    for row in r.rows.iter().chain([&r.total]) {
        out.push_str(&row.township_name);
        for c in &row.cells {
            write!(out, "\t{}（上期 {}，{}）", c.current, c.previous, c.growth)
                .expect("writing to a String");
        }
        out.push('\n');
    }
    if let Some(file) = &w.file {
        write!(out, "已写入 {file}").expect("writing to a String");
        if let Some(hash) = &w.hash {
            write!(out, "，校验码 {hash}").expect("writing to a String");
        }
    }
    out.trim_end().to_string()
}
