//! A programme's county tables: the fund plan (资金计划表, per township, 万元 with 3 decimals,
//! exactly as computed by `Store::fund_plan`) and the training summary (培训情况汇总表).

use crate::domain::fund_plan::{FundPlan, PlanSource};
use crate::domain::training::{TownshipTally, TrainingTotals};
use crate::print::layout::{size, Block, A4_PORTRAIT};
use crate::print::{Form, FormKind};

use super::{form_doc, section, sign_block, TableOf};

pub fn fund_plan(programme_id: &str, plan: &FundPlan, version: i64) -> Form {
    let mut table = TableOf::new(&plan.rows).center("乡镇", 1.5, |r| r.township.clone());
    // One column per class when the rule has several (贫困村数 / 非贫困村数, Ⅰ类 / Ⅱ类 …);
    // the units column is named by the programme's unit (示范店数, 站点数, 企业数 …).
    if plan.columns.len() > 1 {
        for (i, column) in plan.columns.iter().enumerate() {
            table = table.center(&column.header, 1.0, move |r| r.counts[i].to_string());
        }
    }
    let table = table
        .center(&plan.units_header, 1.0, |r| r.units.to_string())
        .right("计划资金（万元）", 1.4, |r| {
            r.planned_wan_yuan.clone()
        })
        .total_of(&plan.total)
        .block();
    // The plan from the places prints as it always has; the one from the awards says so.
    let (kind, unit_line) = match plan.source {
        PlanSource::Places => (FormKind::FundPlan, "单位：个、万元".to_string()),
        PlanSource::Awards => (
            FormKind::FundPlanAwards,
            "按已确定的扶持对象汇总　单位：个、万元".to_string(),
        ),
    };
    let blocks = vec![
        Block::title(format!("{}资金计划表", plan.programme), 16.0),
        Block::right(unit_line, size::WU),
        table,
        sign_block(),
    ];
    Form {
        kind,
        record_id: programme_id.to_string(),
        record_label: format!("项目“{}”的资金计划", plan.programme),
        version,
        doc: form_doc(
            format!("{} 资金计划表", plan.programme),
            A4_PORTRAIT,
            blocks,
        ),
    }
}

fn target_status(met: Option<bool>) -> String {
    match met {
        Some(true) => "已完成",
        Some(false) => "未完成",
        None => "不统计",
    }
    .into()
}

pub fn training_summary(t: &TrainingTotals, version: i64) -> Form {
    let mut blocks = vec![
        Block::title(
            format!(
                "{}培训情况汇总表",
                t.programme_name.trim_end_matches("培训")
            ),
            16.0,
        ),
        Block::para(
            format!(
                "共 {} 期（已开班 {} 期），培训 {} 人次、{} 人，其中建档立卡贫困人口 {} 人次、{} 人；参训 {} 人天，按标准测算费用 {} 元。（每人参加一期培训计 1 人次，不论签到几个半天；每人每个参训日计 1 人天。）",
                t.sessions,
                t.held_sessions,
                t.person_times,
                t.distinct_persons,
                t.poor_person_times,
                t.poor_persons,
                t.person_days,
                t.cost
            ),
            size::XIAO_SI,
        ),
        section("一、分乡镇"),
    ];
    let sum =
        |count: fn(&TownshipTally) -> u32| t.by_township.iter().map(count).sum::<u32>().to_string();
    blocks.push(
        TableOf::new(&t.by_township)
            .left("乡镇", 2.0, |r| r.township_name.clone())
            .center("期数", 1.0, |r| r.sessions.to_string())
            .right("培训人次", 1.0, |r| r.person_times.to_string())
            .right("贫困人口人次", 1.2, |r| {
                r.poor_person_times.to_string()
            })
            .total(&[
                ("乡镇", "合计".into()),
                ("期数", sum(|r| r.sessions)),
                ("培训人次", sum(|r| r.person_times)),
                ("贫困人口人次", sum(|r| r.poor_person_times)),
            ])
            .block(),
    );
    blocks.push(section("二、分培训类别"));
    blocks.push(
        TableOf::new(&t.by_kind)
            .left("类别", 1.6, |k| k.kind_label.clone())
            .center("期数", 0.8, |k| k.sessions.to_string())
            .right("人次", 0.8, |k| k.person_times.to_string())
            .right("贫困人口人次", 1.1, |k| {
                k.poor_person_times.to_string()
            })
            .right("人天", 0.8, |k| k.person_days.clone())
            .right("标准（元/人天）", 1.1, |k| {
                k.rate.clone().unwrap_or_default()
            })
            .right("费用（元）", 1.1, |k| k.cost.clone())
            .block(),
    );
    blocks.push(section("三、分培训对象"));
    blocks.push(
        TableOf::new(&t.by_audience)
            .left("培训对象", 2.0, |a| a.audience.label().to_string())
            .right("人次", 0.8, |a| a.person_times.to_string())
            .right("贫困人口人次", 1.1, |a| {
                a.poor_person_times.to_string()
            })
            .right("人天", 0.8, |a| a.person_days.to_string())
            .block(),
    );
    blocks.push(section("四、目标完成情况"));
    blocks.push(
        TableOf::new(&t.targets)
            .left("指标", 2.0, |g| g.label.clone())
            .right("目标", 0.8, |g| format!("{} {}", g.target, g.unit))
            .right("完成", 0.8, |g| {
                g.achieved
                    .map(|a| format!("{a} {}", g.unit))
                    .unwrap_or_else(|| "—".into())
            })
            .center("情况", 0.8, |g| target_status(g.met))
            .block(),
    );
    blocks.push(sign_block());
    Form {
        kind: FormKind::TrainingSummary,
        record_id: t.programme_id.clone(),
        record_label: format!("项目“{}”的培训汇总", t.programme_name),
        version,
        doc: form_doc(
            format!("{} 培训情况汇总表", t.programme_name),
            A4_PORTRAIT,
            blocks,
        ),
    }
}
