//! Programmes from the command line: the presets shipped with Fieldbook, the county's
//! programmes, and setting one up from a preset.

use clap::Subcommand;
use fieldbook::domain::programmes::{presets, Preset};
use fieldbook::Code;
use fieldbook::{Error, Store};
use serde::Serialize;

#[derive(Subcommand)]
pub enum ProgrammesCommand {
    /// The presets taken from the county plans (assets/programmes/presets.json)
    Presets,
    /// The programmes set up in this database
    List,
    /// One programme: subsidy, tranches, targets and its criteria template
    Show { id: String },
    /// The fund plan (资金计划) of a programme subsidised per village class, per township
    FundPlan { id: String },
    /// Set up a programme the county configured itself: one preset-shaped JSON document on stdin
    /// (see assets/programmes/presets.json), checked like the shipped presets
    Import,
    /// Set up a programme from a preset
    Add {
        #[arg(long, value_name = "CODE")]
        preset: String,
        /// The year it runs [default: the preset's]
        #[arg(long)]
        year: Option<i32>,
    },
}

fn print<T: Serialize>(json: bool, value: &T, human: impl FnOnce() -> String) {
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(value).expect("core types serialise")
        );
    } else {
        println!("{}", human());
    }
}

fn describe(preset: &Preset) -> String {
    let mut out = format!(
        "{}（{} 年，{}）\n拨付：{}\n规则：{}\n",
        preset.name,
        preset.year,
        preset.kind.label(),
        preset.summary_tranches(),
        preset.summary_rule()
    );
    for item in &preset.criteria.eligibility {
        out += &format!(
            "  [资格] {}：{}（{}）\n",
            item.label,
            item.requirement,
            item.method.label()
        );
    }
    for item in &preset.criteria.scored {
        out += &format!(
            "  [评选] {}：{}（{}）\n",
            item.label,
            item.requirement,
            item.method.label()
        );
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
            let presets = presets()?;
            print(json, &presets, || {
                let mut out = String::from("模板编号\t名称\t规则\n");
                for p in &presets {
                    out += &format!("{}\t{}\t{}\n", p.code, p.name, p.summary_rule());
                }
                out
            });
        }
        ProgrammesCommand::List => {
            let list = store.list_programmes()?;
            print(json, &list, || {
                let mut out = String::from("年度\t项目\t类型\t拨付\t规则\tid\n");
                for p in &list {
                    out += &format!(
                        "{}\t{}\t{}\t{}\t{}\t{}\n",
                        p.year, p.name, p.kind_label, p.tranches, p.rule, p.id
                    );
                }
                out + &format!("共 {} 个项目", list.len())
            });
        }
        ProgrammesCommand::Show { id } => {
            let programme = store.programme(id)?;
            print(json, &programme, || describe(&programme.settings));
        }
        ProgrammesCommand::FundPlan { id } => {
            let plan = store.fund_plan(id)?;
            print(json, &plan, || {
                let mut out = format!(
                    "{} 资金计划\n乡镇\t贫困村\t非贫困村\t示范店\t计划资金（万元）\n",
                    plan.programme
                );
                for r in plan.rows.iter().chain([&plan.total]) {
                    out += &format!(
                        "{}\t{}\t{}\t{}\t{}\n",
                        r.township,
                        r.poor_villages,
                        r.non_poor_villages,
                        r.units,
                        r.planned_wan_yuan
                    );
                }
                out
            });
        }
        ProgrammesCommand::Import => {
            let mut text = String::new();
            std::io::Read::read_to_string(&mut std::io::stdin(), &mut text)
                .map_err(|e| Error::io("标准输入", e))?;
            let preset: Preset = serde_json::from_str(&text).map_err(|e| {
                Error::from(fieldbook::domain::Invalid::new(
                    Code::INPUT_JSON,
                    "stdin",
                    format!(
                        "标准输入不是有效的项目设置 JSON（第 {} 行第 {} 列）：{e}",
                        e.line(),
                        e.column()
                    ),
                ))
            })?;
            let programme = store.add_programme(&preset)?;
            print(true, &programme, String::new);
        }
        ProgrammesCommand::Add { preset, year } => {
            let programme = store.add_programme_from_preset(preset, *year)?;
            print(json, &programme, || {
                format!("已设立项目：{}", describe(&programme.settings))
            });
        }
    }
    Ok(())
}

pub fn is_write(command: &ProgrammesCommand) -> bool {
    matches!(command, ProgrammesCommand::Import)
}
