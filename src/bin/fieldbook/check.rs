//! `fieldbook check`: run the integrity checks (核查) and review their findings.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use fieldbook::checks::{
    CheckCode, CheckRun, FindingFilter, FindingStatus, FindingView, ProductSeasons, Scope,
    Thresholds,
};
use fieldbook::domain::Invalid;
use fieldbook::print::forms::findings::FindingsScope;
use fieldbook::print::FormKind;
use fieldbook::sheets::export::Destination;
use fieldbook::sheets::findings::export_findings_to;
use fieldbook::{Code, Error, Store};

use crate::console::{print, print_list, read_file, Table};

#[derive(Args)]
pub struct CheckArgs {
    #[command(subcommand)]
    command: Option<CheckCommand>,
    /// Only the findings involving this township (name or 9-digit code)
    #[arg(long, value_name = "TOWNSHIP")]
    township: Option<String>,
}

#[derive(Subcommand)]
pub enum CheckCommand {
    /// The stored findings (at the county), by township, check and status
    List {
        #[arg(long, value_name = "TOWNSHIP")]
        township: Option<String>,
        /// A check code: F3_TWO_TOWNSHIPS_ONE_DAY …
        #[arg(long, value_name = "CODE")]
        check: Option<String>,
        /// open | explained | confirmed | dismissed | closed
        #[arg(long, value_name = "STATUS")]
        status: Option<String>,
    },
    /// One finding with its evidence
    Show { id: String },
    /// How many findings each township has, by check and status
    Counts,
    /// Record an explanation (a note; optionally a file such as a call-back record)
    Explain {
        id: String,
        #[arg(long)]
        note: String,
        /// JPEG, PNG or PDF kept with the finding
        #[arg(long, value_name = "FILE")]
        attachment: Option<PathBuf>,
    },
    /// Confirm a finding as fabrication (needs --officer)
    Confirm {
        id: String,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Dismiss a finding (needs a note saying why, and --officer)
    Dismiss {
        id: String,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Print the 核查情况表 (findings with evidence and status) as PDF
    Print {
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
        #[arg(long, value_name = "TOWNSHIP")]
        township: Option<String>,
        /// open | explained | confirmed | dismissed | closed
        #[arg(long, value_name = "STATUS")]
        status: Option<String>,
    },
    /// Export the findings as .xlsx (核查情况表, noted in the export audit)
    Export {
        #[arg(long, value_name = "FILE.xlsx")]
        out: PathBuf,
        #[arg(long, value_name = "TOWNSHIP")]
        township: Option<String>,
        /// open | explained | confirmed | dismissed | closed
        #[arg(long, value_name = "STATUS")]
        status: Option<String>,
    },
    /// The county's thresholds; `--set '{"traineesPerPhone": 5}'` changes the keys it names
    Thresholds {
        #[arg(long, value_name = "JSON")]
        set: Option<String>,
    },
    /// The county's product seasons (F8); `--set '[{"product":"土豆","from":"07-20","to":"10-31"}]'`
    /// replaces the whole list (products matched by name as typed in the ledger, trimmed)
    Seasons {
        #[arg(long, value_name = "JSON")]
        set: Option<String>,
    },
}

fn township_id(store: &Store, township: Option<&str>) -> Result<Option<String>, Error> {
    township
        .map(|key| store.find_township(key).map(|t| t.id))
        .transpose()
}

fn filter(
    store: &Store,
    township: Option<&str>,
    check: Option<&str>,
    status: Option<&str>,
) -> Result<FindingFilter, Error> {
    let check = check
        .map(|c| {
            CheckCode::from_name(c.trim()).ok_or_else(|| {
                Invalid::new(
                    Code::CHECK_UNKNOWN,
                    "check",
                    format!("没有名为“{c}”的核查规则。规则代码形如 F3_TWO_TOWNSHIPS_ONE_DAY，见 docs/checks.md。"),
                )
            })
        })
        .transpose()?;
    let status = status
        .map(|s| {
            FindingStatus::from_name(s.trim()).ok_or_else(|| {
                Invalid::new(
                    Code::FINDING_STATUS,
                    "status",
                    format!(
                        "状态“{s}”不对，可以是 open、explained、confirmed、dismissed 或 closed。"
                    ),
                )
            })
        })
        .transpose()?;
    Ok(FindingFilter {
        township_id: township_id(store, township)?,
        check,
        status,
    })
}

/// The seasons a `--set` names: a JSON list of {product, from, to}.
fn seasons_json(text: &str) -> Result<ProductSeasons, Error> {
    serde_json::from_str(text).map_err(|e| {
        Invalid::new(
            Code::SEASON_DATE,
            "set",
            format!(
                "产品季节没有保存：{e}。请写成 JSON 列表，例如 [{{\"product\": \"土豆\", \"from\": \"07-20\", \"to\": \"10-31\"}}]。"
            ),
        )
        .into()
    })
}

/// The thresholds with the keys of `changes` (a JSON object) replaced.
fn merged(thresholds: &Thresholds, changes: &str) -> Result<Thresholds, Error> {
    let refused = |why: String| -> Error {
        Invalid::new(
            Code::CHECK_THRESHOLDS,
            "set",
            format!(
                "核查阈值没有保存：{why}。请写成 JSON 对象，例如 {{\"traineesPerPhone\": 5}}。"
            ),
        )
        .into()
    };
    let mut current = serde_json::to_value(thresholds).expect("thresholds serialise");
    let changes: serde_json::Value =
        serde_json::from_str(changes).map_err(|e| refused(e.to_string()))?;
    let serde_json::Value::Object(changes) = changes else {
        return Err(refused("不是 JSON 对象".into()));
    };
    for (key, value) in changes {
        if current.get(&key).is_none() {
            return Err(refused(format!("没有名为“{key}”的阈值")));
        }
        current[key] = value;
    }
    serde_json::from_value(current).map_err(|e| refused(e.to_string()))
}

fn townships(f: &FindingView) -> String {
    f.townships
        .iter()
        .map(|t| t.name.as_str())
        .collect::<Vec<_>>()
        .join("、")
}

fn print_findings(json: bool, findings: &[FindingView]) {
    print_list(
        json,
        findings,
        &["编号", "规则", "严重程度", "状态", "乡镇", "发现"],
        "条核查发现",
        |t: &mut Table, f| {
            t.row(&[
                &f.id,
                &f.rule,
                &f.severity.as_str(),
                &f.status.label(),
                &townships(f),
                &format!("{}：{}", f.title, f.summary),
            ])
        },
    );
}

fn detail(f: &FindingView) -> String {
    let mut out = format!(
        "{}（{}，{}）\n{}\n为什么重要：{}\n状态：{}\n涉及乡镇：{}\n",
        f.title,
        f.check,
        f.severity.as_str(),
        f.summary,
        f.why,
        f.status.label(),
        townships(f)
    );
    for c in &f.compared {
        out += &format!("{}：{}\n", c.label, c.value);
    }
    if let Some(t) = &f.threshold {
        out += &format!("阈值：{t}\n");
    }
    out += "涉及记录：\n";
    for r in &f.records {
        out += &format!("  {} {}：{}\n", r.kind, r.id, r.label);
    }
    if !f.note.is_empty() {
        out += &format!("说明：{}（{}）\n", f.note, f.decided_by);
    }
    out
}

pub fn run(
    store: &mut Store,
    args: &CheckArgs,
    officer: Option<&str>,
    json: bool,
) -> Result<(), Error> {
    let officer = officer.unwrap_or("");
    match &args.command {
        None => {
            let scope = match township_id(store, args.township.as_deref())? {
                Some(id) => Scope::Township(id),
                None => Scope::All,
            };
            let run: CheckRun = store.run_checks(&scope)?;
            print(json, &run, || {
                let r = &run.report;
                let mut out = if run.stored {
                    format!(
                        "核查完成：发现 {} 条，其中新发现 {} 条，仍存在 {} 条，已消除 {} 条。\n",
                        r.total, r.new, r.still_open, r.closed
                    )
                } else {
                    format!(
                        "核查完成：本机发现 {} 条（乡镇电脑只显示，不保存；县里导入同步包后会统一核查）。\n",
                        r.total
                    )
                };
                for f in &run.findings {
                    out += &format!(
                        "{}\t{}\t{}\t{}：{}\n",
                        f.id,
                        f.rule,
                        f.status.label(),
                        f.title,
                        f.summary
                    );
                }
                out
            });
        }
        Some(CheckCommand::List {
            township,
            check,
            status,
        }) => {
            let filter = filter(
                store,
                township.as_deref(),
                check.as_deref(),
                status.as_deref(),
            )?;
            print_findings(json, &store.findings(&filter)?);
        }
        Some(CheckCommand::Show { id }) => {
            let f = store.finding(id)?;
            print(json, &f, || detail(&f));
        }
        Some(CheckCommand::Counts) => {
            let counts = store.finding_counts()?;
            print_list(
                json,
                &counts,
                &["乡镇", "规则", "状态", "条数"],
                "行",
                |t: &mut Table, c| {
                    t.row(&[
                        &c.township_name.as_deref().unwrap_or("（县级）"),
                        &c.check,
                        &c.status.label(),
                        &c.count,
                    ])
                },
            );
        }
        Some(CheckCommand::Explain {
            id,
            note,
            attachment,
        }) => {
            let f = match attachment {
                Some(path) => {
                    let (name, bytes) = read_file(path)?;
                    store.explain_finding_with_file(id, note, &name, &bytes, officer)?
                }
                None => store.explain_finding(id, note, None, officer)?,
            };
            print(json, &f, || {
                format!("已记录说明：{}\n{}", f.title, detail(&f))
            });
        }
        Some(CheckCommand::Confirm { id, note }) => {
            let f = store.confirm_finding(id, note, officer)?;
            print(json, &f, || format!("已确认：{}", f.title));
        }
        Some(CheckCommand::Dismiss { id, note }) => {
            let f = store.dismiss_finding(id, note, officer)?;
            print(json, &f, || format!("已排除：{}", f.title));
        }
        Some(CheckCommand::Print {
            out,
            township,
            status,
        }) => {
            let chosen = filter(store, township.as_deref(), None, status.as_deref())?;
            let scope = FindingsScope {
                township_id: chosen.township_id,
                status: chosen.status,
            };
            let saved = store.save_print_to(FormKind::Findings, &scope.record_id(), out)?;
            print(json, &saved, || {
                format!(
                    "已打印核查情况表：{}（{} 页，校验码 {}）",
                    saved.path, saved.pages, saved.hash
                )
            });
        }
        Some(CheckCommand::Export {
            out,
            township,
            status,
        }) => {
            let chosen = filter(store, None, None, status.as_deref())?;
            let (path, summary) = export_findings_to(
                store,
                township.as_deref(),
                chosen.status,
                Destination::File(out),
            )?;
            print(json, &summary, || {
                format!(
                    "已导出{}：{}（{} 条）",
                    summary.title,
                    path.display(),
                    summary.rows
                )
            });
        }
        Some(CheckCommand::Thresholds { set }) => {
            let mut thresholds = Thresholds::read(store)?;
            if let Some(changes) = set {
                thresholds = store.set_check_thresholds(&merged(&thresholds, changes)?)?;
            }
            print(json, &thresholds, || {
                serde_json::to_string_pretty(&thresholds).expect("thresholds serialise")
            });
        }
        Some(CheckCommand::Seasons { set }) => {
            let seasons = match set {
                Some(list) => store.set_product_seasons(&seasons_json(list)?)?,
                None => ProductSeasons::read(store)?,
            };
            print(json, &seasons, || {
                if seasons.0.is_empty() {
                    return "县里还没有设定产品季节（F8 季节核查不判断任何台账）。".to_string();
                }
                let mut table = Table::new(&["产品", "开始", "结束"]);
                for s in &seasons.0 {
                    table.row(&[&s.product, &s.from, &s.to]);
                }
                table.done()
            });
        }
    }
    Ok(())
}
