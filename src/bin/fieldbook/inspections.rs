//! Inspections and re-check samples from the command line. Writes take JSON on stdin and
//! answer JSON, like every write command.

use std::str::FromStr;

use clap::Subcommand;
use fieldbook::domain::inspections::{Inspection, InspectionInput, RecheckSample, WizardStep};
use fieldbook::domain::programmes::Conclusion;
use fieldbook::domain::Invalid;
use fieldbook::Code;
use fieldbook::{Error, Store};
use rust_decimal::Decimal;

use crate::console::{print, print_list, save};

#[derive(Subcommand)]
pub enum InspectionsCommand {
    /// Inspections, optionally of one programme
    List {
        #[arg(long, value_name = "ID")]
        programme: Option<String>,
    },
    /// One inspection: checklist, values measured from the records, conclusion and reasons
    Show { id: String },
    /// Record an inspection: InspectionInput as JSON on stdin
    Add,
    /// Check one wizard step of an InspectionInput (JSON on stdin) with the saving rules
    CheckStep {
        /// basics, checklist or conclusion
        #[arg(long, value_parser = parse_step)]
        step: WizardStep,
    },
    /// Submit an inspection; it refuses edits from then on
    Submit { id: String },
    /// County hub only: lock a submitted inspection the county has accepted (锁定); the balance
    /// of a fund award waits for it
    Lock { id: String },
}

#[derive(Subcommand)]
pub enum SampleCommand {
    /// The samples drawn for a programme, as they were drawn, with the 复核 recorded so far
    List {
        #[arg(long, value_name = "ID")]
        programme: String,
    },
    /// One sample: each drawn item, the township's 初验, the county's 复核 and where they differ
    Show { id: String },
    /// Draw the county re-check sample from the township's 初验 results, per township
    Draw {
        #[arg(long, value_name = "ID")]
        programme: String,
        /// Share of each township's results (0–1), not below the programme's re-check share
        /// [default: the programme's re-check share, 0.5 when it sets none]
        #[arg(long)]
        share: Option<String>,
        /// Seed for a reproducible draw [default: the clock]
        #[arg(long)]
        seed: Option<u64>,
    },
}

fn parse_step(raw: &str) -> Result<WizardStep, String> {
    serde_json::from_value(serde_json::Value::String(raw.to_string()))
        .map_err(|_| format!("步骤应为 basics、checklist 或 conclusion，现在是“{raw}”。"))
}

pub fn is_write(command: &InspectionsCommand) -> bool {
    // A step check reads JSON like a write and answers JSON like one.
    matches!(
        command,
        InspectionsCommand::Add | InspectionsCommand::CheckStep { .. }
    )
}

fn describe(i: &Inspection) -> String {
    let mut out = format!(
        "{} {}（{}）{} {}\n核验人员：{}\n",
        i.date,
        i.operator_name,
        i.place,
        i.stage_label,
        i.programme_name,
        i.inspectors
            .iter()
            .map(|p| format!("{}（{}）", p.name, p.unit))
            .collect::<Vec<_>>()
            .join("、")
    );
    out += &format!(
        "投资额：{}\n",
        match i.investment.as_deref().map(Decimal::from_str) {
            Some(Ok(d)) => format!("{} 元", fieldbook::domain::money::yuan_grouped(d)),
            _ => "未填报".into(),
        }
    );
    for item in &i.evaluation.items {
        out += &format!(
            "  {} {}：{}\n",
            item.result.label(),
            item.label,
            item.reason
        );
    }
    for c in &i.computed {
        out += &format!("  [系统计算] {}\n", c.source);
    }
    out += &format!("结论：{}", i.evaluation.conclusion.label());
    for reason in &i.evaluation.reasons {
        out += &format!("\n  {reason}");
    }
    out
}

pub fn inspections(
    store: &mut Store,
    command: &InspectionsCommand,
    json: bool,
) -> Result<(), Error> {
    match command {
        InspectionsCommand::List { programme } => {
            let list = store.list_inspections(programme.as_deref())?;
            let header = ["日期", "实施主体", "村", "阶段", "结论", "状态", "id"];
            print_list(json, &list, &header, "次核验", |t, i| {
                t.row(&[
                    &i.date,
                    &i.operator_name,
                    &i.place,
                    &i.stage_label,
                    &i.conclusion_label,
                    &i.status,
                    &i.id,
                ])
            });
        }
        InspectionsCommand::Show { id } => {
            let inspection = store.inspection(id)?;
            print(json, &inspection, || describe(&inspection));
        }
        InspectionsCommand::Add => save("核验记录", |input| store.add_inspection(input))?,
        InspectionsCommand::CheckStep { step } => {
            save("核验记录", |input: &InspectionInput| {
                input.check_step(*step)?;
                Ok(serde_json::json!({ "ok": true }))
            })?
        }
        InspectionsCommand::Submit { id } => {
            let inspection = store.submit_inspection(id)?;
            print(json, &inspection, || {
                format!("已提交：{}", describe(&inspection))
            });
        }
        InspectionsCommand::Lock { id } => {
            let inspection = store.lock_inspection(id)?;
            print(json, &inspection, || {
                format!("已锁定：{}", describe(&inspection))
            });
        }
    }
    Ok(())
}

pub fn sample(store: &mut Store, command: &SampleCommand, json: bool) -> Result<(), Error> {
    match command {
        SampleCommand::List { programme } => {
            let samples = store.recheck_samples(programme)?;
            print(json, &samples, || {
                samples
                    .iter()
                    .map(|s| {
                        format!(
                            "比例 {} 种子 {}：抽取 {} 个，已复核 {} 个，与初验不同 {} 个（{}）",
                            s.share, s.seed, s.drawn, s.rechecked, s.differences, s.id
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        SampleCommand::Show { id } => {
            let sample = store.recheck_sample(id)?;
            print(json, &sample, || describe_sample(&sample));
        }
        SampleCommand::Draw {
            programme,
            share,
            seed,
        } => {
            let share = match share {
                Some(share) => Decimal::from_str(share.trim()).map_err(|_| {
                    Error::from(Invalid::new(
                        Code::SAMPLE_SHARE,
                        "share",
                        "抽样比例应为 0 到 1 之间的小数，例如 0.5。",
                    ))
                })?,
                None => store.programme(programme)?.settings.recheck_share_min(),
            };
            let sample = store.draw_recheck_sample(programme, share, *seed)?;
            print(json, &sample, || describe_sample(&sample));
        }
    }
    Ok(())
}

fn describe_sample(sample: &RecheckSample) -> String {
    let label = |c: Option<Conclusion>| c.map_or("—", |c| c.label());
    let mut out = format!(
        "复核抽样（比例 {}，项目规定不低于 {}，种子 {}）：抽取 {} 个，已复核 {} 个，与初验结论不同 {} 个\n",
        sample.share,
        sample.share_min,
        sample.seed,
        sample.drawn,
        sample.rechecked,
        sample.differences
    );
    for t in &sample.townships {
        out += &format!(
            "{}：有初验结果 {} 个，抽取 {} 个\n",
            t.township,
            t.accepted,
            t.drawn.len()
        );
    }
    for i in &sample.items {
        out += &format!(
            "  {}（{}）初验 {} → 复核 {}{}\n",
            i.operator_name,
            i.place,
            label(i.preliminary_conclusion),
            label(i.recheck_conclusion),
            if i.differs { "  ≠ 结论不同" } else { "" }
        );
    }
    if !sample.gaps.is_empty() {
        out += &format!(
            "尚无乡镇初验、未能参加抽样的实施主体 {} 个：\n",
            sample.gaps.len()
        );
        for g in &sample.gaps {
            out += &format!("  {}（{}）\n", g.name, g.place);
        }
    }
    out
}
