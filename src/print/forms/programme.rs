//! A programme's county tables: the fund plan (资金计划表, per township, 万元 with 3 decimals,
//! exactly as computed by `Store::fund_plan`) and the training summary (培训情况汇总表).

use crate::domain::fund_plan::FundPlan;
use crate::domain::training::TrainingTotals;
use crate::print::layout::{
    size, Align, Block, Column, FormDoc, Margins, PageNumbers, A4_PORTRAIT,
};
use crate::print::{footer, Form, FormKind};

use super::{section, sign_block, table};

fn doc(name: String, blocks: Vec<Block>) -> FormDoc {
    FormDoc {
        name,
        page: A4_PORTRAIT,
        margins: Margins::form(),
        blocks,
        footer: footer(PageNumbers::Form, 1.5),
    }
}

pub fn fund_plan(programme_id: &str, plan: &FundPlan, version: i64) -> Form {
    let row = |r: &crate::domain::fund_plan::FundPlanRow| {
        vec![
            r.township.clone(),
            r.poor_villages.to_string(),
            r.non_poor_villages.to_string(),
            r.units.to_string(),
            r.planned_wan_yuan.clone(),
        ]
    };
    let blocks = vec![
        Block::title(format!("{}资金计划表", plan.programme), 16.0),
        Block::right("单位：个、万元", size::WU),
        table(
            vec![
                Column::new("乡镇", 1.5, Align::Center),
                Column::new("贫困村数", 1.0, Align::Center),
                Column::new("非贫困村数", 1.0, Align::Center),
                Column::new("示范店数", 1.0, Align::Center),
                Column::new("计划资金（万元）", 1.4, Align::Right),
            ],
            plan.rows.iter().map(row).collect(),
            vec![row(&plan.total)],
        ),
        sign_block(),
    ];
    Form {
        kind: FormKind::FundPlan,
        record_id: programme_id.to_string(),
        record_label: format!("项目“{}”的资金计划", plan.programme),
        version,
        doc: doc(format!("{} 资金计划表", plan.programme), blocks),
    }
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
                "共 {} 期（已开班 {} 期），培训 {} 人次、{} 人，其中建档立卡贫困人口 {} 人次、{} 人；折合 {} 人天，按标准测算费用 {} 元。",
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
    let (mut s, mut p, mut pp) = (0, 0, 0);
    blocks.push(table(
        vec![
            Column::new("乡镇", 2.0, Align::Left),
            Column::new("期数", 1.0, Align::Center),
            Column::new("培训人次", 1.0, Align::Right),
            Column::new("贫困人口人次", 1.2, Align::Right),
        ],
        t.by_township
            .iter()
            .map(|r| {
                s += r.sessions;
                p += r.person_times;
                pp += r.poor_person_times;
                vec![
                    r.township_name.clone(),
                    r.sessions.to_string(),
                    r.person_times.to_string(),
                    r.poor_person_times.to_string(),
                ]
            })
            .collect(),
        vec![vec![
            "合计".into(),
            s.to_string(),
            p.to_string(),
            pp.to_string(),
        ]],
    ));
    blocks.push(section("二、分培训类别"));
    blocks.push(table(
        vec![
            Column::new("类别", 1.6, Align::Left),
            Column::new("期数", 0.8, Align::Center),
            Column::new("人次", 0.8, Align::Right),
            Column::new("贫困人口人次", 1.1, Align::Right),
            Column::new("人天", 0.8, Align::Right),
            Column::new("标准（元/人天）", 1.1, Align::Right),
            Column::new("费用（元）", 1.1, Align::Right),
        ],
        t.by_kind
            .iter()
            .map(|k| {
                vec![
                    k.kind_label.clone(),
                    k.sessions.to_string(),
                    k.person_times.to_string(),
                    k.poor_person_times.to_string(),
                    k.person_days.clone(),
                    k.rate.clone().unwrap_or_default(),
                    k.cost.clone(),
                ]
            })
            .collect(),
        vec![],
    ));
    blocks.push(section("三、目标完成情况"));
    blocks.push(table(
        vec![
            Column::new("指标", 2.0, Align::Left),
            Column::new("目标", 0.8, Align::Right),
            Column::new("完成", 0.8, Align::Right),
            Column::new("情况", 0.8, Align::Center),
        ],
        t.targets
            .iter()
            .map(|g| {
                vec![
                    g.label.clone(),
                    format!("{} {}", g.target, g.unit),
                    g.achieved
                        .map(|a| format!("{a} {}", g.unit))
                        .unwrap_or_else(|| "—".into()),
                    match g.met {
                        Some(true) => "已完成",
                        Some(false) => "未完成",
                        None => "不统计",
                    }
                    .into(),
                ]
            })
            .collect(),
        vec![],
    ));
    blocks.push(sign_block());
    Form {
        kind: FormKind::TrainingSummary,
        record_id: t.programme_id.clone(),
        record_label: format!("项目“{}”的培训汇总", t.programme_name),
        version,
        doc: doc(format!("{} 培训情况汇总表", t.programme_name), blocks),
    }
}
