//! Programmes from the command line: the presets shipped with Fieldbook, the county's
//! programmes, and setting one up from a preset.

use clap::Subcommand;
use fieldbook::domain::programmes::{presets, Preset};
use fieldbook::{Error, Store};

use crate::console::{print, print_json, print_list, read_stdin, Table};

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
    /// A new version of a programme: the JSON `programmes show ID --json` prints under
    /// "settings", edited, on stdin; checked like a new programme
    Edit { id: String },
    /// Set up a programme from a preset
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
            let presets = presets()?;
            print(json, &presets, || {
                Table::of(&["模板编号", "名称", "规则"], &presets, |t, p| {
                    t.row(&[&p.code, &p.name, &p.summary_rule()])
                })
                .done()
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
        ProgrammesCommand::FundPlan { id } => {
            let plan = store.fund_plan(id)?;
            print(json, &plan, || {
                let header = ["乡镇", "贫困村", "非贫困村", "示范店", "计划资金（万元）"];
                let mut table = Table::new(&header);
                for r in plan.rows.iter().chain([&plan.total]) {
                    table.row(&[
                        &r.township,
                        &r.poor_villages,
                        &r.non_poor_villages,
                        &r.units,
                        &r.planned_wan_yuan,
                    ]);
                }
                format!("{} 资金计划\n{}", plan.programme, table.done())
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
