//! Programmes from the command line: the presets shipped with Fieldbook, the county's
//! programmes, and setting one up from a preset.

use clap::Subcommand;
use fieldbook::domain::fund_plan::PlanSource;
use fieldbook::domain::programmes::Preset;
use fieldbook::{Error, Store};

use crate::console::{print, print_json, print_list, read_stdin, Table};

#[derive(Subcommand)]
pub enum ProgrammesCommand {
    /// The presets taken from the county plans (assets/programmes/presets.json): this county's
    /// own first, the others as templates with their source
    Presets,
    /// The programmes set up in this database
    List,
    /// One programme: subsidy, tranches, targets and its criteria template
    Show { id: String },
    /// The fund plan (资金计划) of a programme per township: from the villages by class
    /// (places, the default) or from the awards actually made (awards)
    FundPlan {
        id: String,
        #[arg(long, value_name = "SOURCE", default_value = "places", value_parser = ["places", "awards"])]
        from: String,
    },
    /// Set up a programme the county configured itself: one preset-shaped JSON document on stdin
    /// (see assets/programmes/presets.json), checked like the shipped presets
    Import,
    /// A new version of a programme: the JSON `programmes show ID --json` prints under
    /// "settings", edited, on stdin; checked like a new programme
    Edit { id: String },
    /// Every target of a programme: goal, what the records count, share reached, met
    Progress { id: String },
    /// The special fund of a year by category, and the fund-share caps of its programmes
    FundShares {
        #[arg(long)]
        year: i32,
    },
    /// Set up a programme from a preset (another county's takes this county's name and the year)
    Add {
        #[arg(long, value_name = "CODE")]
        preset: String,
        /// The year it runs [default: the preset's]
        #[arg(long)]
        year: Option<i32>,
    },
}

fn describe(preset: &Preset, kind_label: &str) -> String {
    let mut out = format!(
        "{}（{} 年，{}）\n拨付：{}\n规则：{}\n",
        preset.name,
        preset.year,
        kind_label,
        preset.summary_tranches(),
        preset.summary_rule()
    );
    let criteria = &preset.criteria;
    for (tag, items) in [("资格", &criteria.eligibility), ("评选", &criteria.scored)] {
        for item in items {
            let method = item.method.label();
            out += &format!(
                "  [{tag}] {}：{}（{method}）\n",
                item.label, item.requirement
            );
        }
    }
    for target in &preset.targets {
        out += &format!(
            "  [目标] {}：{} {}\n",
            target.label, target.quantity, target.unit
        );
    }
    out
}

pub fn run(store: &mut Store, command: &ProgrammesCommand, json: bool) -> Result<(), Error> {
    match command {
        ProgrammesCommand::Presets => {
            let listing = store.preset_listing()?;
            print(json, &listing, || {
                Table::of(
                    &["模板编号", "名称", "来源", "规则"],
                    &listing,
                    |t, l| {
                        let p = &l.preset;
                        t.row(&[&p.code, &p.name, &l.label, &p.summary_rule()])
                    },
                )
                .done()
            });
        }
        ProgrammesCommand::Progress { id } => {
            let progress = store.programme_progress(id)?;
            print(json, &progress, || {
                let header = ["目标", "指标", "目标值", "完成", "完成比例", "达标", "依据"];
                let mut table = Table::new(&header);
                for t in &progress.targets {
                    let goal =
                        format!("{}{} {}", if t.at_most { "≤ " } else { "" }, t.goal, t.unit);
                    let met = match t.met {
                        Some(true) => "达标",
                        Some(false) => "未达标",
                        None => "—",
                    };
                    table.row(&[
                        &t.label,
                        &t.metric,
                        &goal,
                        &t.done.as_deref().unwrap_or("—"),
                        &t.share
                            .as_deref()
                            .map_or("—".to_string(), |s| format!("{s}%")),
                        &met,
                        &t.basis,
                    ]);
                }
                format!(
                    "{}（{} 年）目标完成情况\n{}",
                    progress.programme_name,
                    progress.year,
                    table.done()
                )
            });
        }
        ProgrammesCommand::FundShares { year } => {
            let shares = store.fund_shares(*year)?;
            print(json, &shares, || {
                let mut out = format!("{} 年专项资金预算合计 {} 元\n", shares.year, shares.total);
                for c in &shares.categories {
                    out += &format!(
                        "  {}：{} 元（{}%）\n",
                        c.category.label(),
                        c.budget,
                        c.share
                    );
                }
                for cap in &shares.caps {
                    let t = &cap.target;
                    let met = match t.met {
                        Some(true) => "达标",
                        Some(false) => "未达标",
                        None => "无预算，未判断",
                    };
                    out += &format!(
                        "  [{}] {}：{} {}%，实际 {}% —— {met}\n",
                        cap.programme_name,
                        t.label,
                        if t.at_most { "不高于" } else { "不低于" },
                        t.goal,
                        t.done.as_deref().unwrap_or("—")
                    );
                }
                out
            });
        }
        ProgrammesCommand::List => {
            let list = store.list_programmes()?;
            let header = ["年度", "项目", "类型", "拨付", "规则", "id"];
            print_list(json, &list, &header, "个项目", |t, p| {
                t.row(&[&p.year, &p.name, &p.kind_label, &p.tranches, &p.rule, &p.id])
            });
        }
        ProgrammesCommand::Show { id } => {
            let programme = store.programme(id)?;
            print(json, &programme, || {
                describe(&programme.settings, &programme.kind_label)
            });
        }
        ProgrammesCommand::FundPlan { id, from } => {
            let source = if from == "awards" {
                PlanSource::Awards
            } else {
                PlanSource::Places
            };
            let plan = store.fund_plan_from(id, source)?;
            print(json, &plan, || {
                let mut header = vec!["乡镇"];
                if plan.columns.len() > 1 {
                    header.extend(plan.columns.iter().map(|c| c.header.as_str()));
                }
                header.extend([plan.units_header.as_str(), "计划资金（万元）"]);
                let mut table = Table::new(&header);
                for r in plan.rows.iter().chain([&plan.total]) {
                    let mut cells: Vec<String> = vec![r.township.clone()];
                    if plan.columns.len() > 1 {
                        cells.extend(r.counts.iter().map(u32::to_string));
                    }
                    cells.extend([r.units.to_string(), r.planned_wan_yuan.clone()]);
                    let cells: Vec<&dyn std::fmt::Display> =
                        cells.iter().map(|c| c as &dyn std::fmt::Display).collect();
                    table.row(&cells);
                }
                let basis = match plan.source {
                    PlanSource::Places => "按村庄名录测算",
                    PlanSource::Awards => "按已确定的扶持对象汇总",
                };
                format!("{} 资金计划（{basis}）\n{}", plan.programme, table.done())
            });
        }
        ProgrammesCommand::Import => {
            print_json(&store.save_programme_json(None, &read_stdin()?)?);
        }
        ProgrammesCommand::Edit { id } => {
            print_json(&store.save_programme_json(Some(id), &read_stdin()?)?);
        }
        ProgrammesCommand::Add { preset, year } => {
            let programme = store.add_programme_from_preset(preset, *year)?;
            print(json, &programme, || {
                format!(
                    "已设立项目：{}",
                    describe(&programme.settings, &programme.kind_label)
                )
            });
        }
    }
    Ok(())
}

pub fn is_write(command: &ProgrammesCommand) -> bool {
    matches!(
        command,
        ProgrammesCommand::Import | ProgrammesCommand::Edit { .. }
    )
}
