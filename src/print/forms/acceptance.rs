//! 验收报告: an inspection's header, its checklist (requirement, method, observed value,
//! result), what the records themselves say, problems and rectification, the conclusion, the
//! inspectors' signature lines and room for the seal.

use crate::domain::inspections::Inspection;
use crate::domain::operators::Operator;
use crate::domain::programmes::{Item, ItemResult, ObservedValue, Outcome, Programme, SubsidyRule};
use crate::print::layout::{size, Align, Block, Column, FormDoc, Margins, Table, A4_PORTRAIT};
use crate::print::{footer, Form, FormKind};

use super::{date_zh, kv_table, section, TableOf};

pub struct AcceptanceData<'a> {
    pub inspection: &'a Inspection,
    pub programme: &'a Programme,
    pub operator: &'a Operator,
}

fn value_text(value: &ObservedValue, item: Option<&Item>) -> String {
    use crate::domain::programmes::ValueType;
    match value {
        ObservedValue::Bool(true) => "是".into(),
        ObservedValue::Bool(false) => "否".into(),
        ObservedValue::Number(n) => {
            let n = n.normalize();
            match item.map(|i| i.value_type) {
                Some(ValueType::Money) => format!("{:.2} 元", n),
                Some(ValueType::Percent) => format!("{n}%"),
                _ => match item.and_then(|i| i.unit.as_deref()) {
                    Some(unit) => format!("{n} {unit}"),
                    None => n.to_string(),
                },
            }
        }
        ObservedValue::Text(t) => t.clone(),
        ObservedValue::NotApplicable => "不适用".into(),
    }
}

/// The programme's subsidy per class and its tranches, as one line.
pub fn subsidy_text(programme: &Programme) -> String {
    let s = &programme.settings;
    let classes = match &s.subsidy {
        SubsidyRule::PerVillageClass { classes } | SubsidyRule::PerOperatorClass { classes } => {
            classes
                .iter()
                .map(|c| match c.amount_max {
                    Some(max) => format!("{} {:.2}–{:.2} 元", c.label, c.amount, max),
                    None => format!("{} {:.2} 元", c.label, c.amount),
                })
                .collect::<Vec<_>>()
                .join("；")
        }
        SubsidyRule::Budget { total, .. } => format!("项目预算 {total:.2} 元"),
        SubsidyRule::PerVillageYear { amount, cap, .. } => match cap {
            Some(cap) => format!("每村每年 {amount:.2} 元，总额不超过 {cap:.2} 元"),
            None => format!("每村每年 {amount:.2} 元"),
        },
        SubsidyRule::NotSet { .. } => "补助标准未定".to_string(),
        SubsidyRule::InvestmentShare { classes, cap, .. } => {
            let shares: Vec<String> = classes
                .iter()
                .map(|c| format!("{}不超过投资额 {}%", c.label, c.percent.normalize()))
                .collect();
            match cap {
                Some(cap) => format!("{}，最高 {cap:.2} 元", shares.join("、")),
                None => shares.join("、"),
            }
        }
    };
    format!(
        "{classes}；分 {} 次拨付（{}）",
        s.tranches.len(),
        s.summary_tranches()
    )
}

/// The operator's own investment as printed: "12,345.00 元", or 未填报 for an inspection recorded
/// without one (never 0: nobody said it was nothing).
pub fn investment_text(i: &Inspection) -> String {
    use std::str::FromStr;
    match i
        .investment
        .as_deref()
        .and_then(|raw| rust_decimal::Decimal::from_str(raw).ok())
    {
        Some(d) => format!(
            "{} 元（实施主体自投：场所、电脑、网络、桌椅等设施设备）",
            crate::domain::money::yuan_grouped(d)
        ),
        None => "未填报".into(),
    }
}

/// An item's result as printed: the outcome, with the reason unless it was met.
fn result_text(r: &ItemResult) -> String {
    if r.reason.is_empty() || r.result == Outcome::Met {
        r.result.label().to_string()
    } else {
        format!("{}（{}）", r.result.label(), r.reason)
    }
}

pub fn build(d: &AcceptanceData, version: i64) -> Form {
    let i = d.inspection;
    let p = d.programme;
    let o = d.operator;
    let date = date_zh(&i.date);
    let mut blocks = vec![
        Block::title(format!("{}{}报告", p.name, i.stage_label), 17.0),
        kv_table(&[
            [("项目名称", &p.name), ("核验阶段", &i.stage_label)],
            [("实施主体", &o.name), ("主体类型", &o.kind_label)],
            [
                ("统一社会信用代码", &o.credit_code),
                ("负责人", &o.person_in_charge),
            ],
            [("地点", &i.place), ("核验日期", &date)],
            [("网店平台", &o.platform), ("网店地址", &o.shop_url)],
        ]),
        Block::Table(Table {
            columns: vec![
                Column::new("", 1.2, Align::Center),
                Column::new("", 4.8, Align::Left),
            ],
            header: false,
            rows: vec![
                vec!["投资额".into(), investment_text(i)],
                vec!["补助标准".into(), subsidy_text(p)],
                vec!["验收规则".into(), p.settings.summary_rule()],
            ],
            totals: vec![],
            size: size::WU,
        }),
    ];
    blocks.extend(checklist(i, p));
    blocks.push(section("三、存在问题及整改要求"));
    let problems = if i.problems.trim().is_empty() {
        "未发现问题。".to_string()
    } else {
        i.problems.trim().to_string()
    };
    blocks.push(Block::para(problems, size::XIAO_SI));
    for (n, r) in i.rectification.iter().enumerate() {
        blocks.push(Block::para(
            format!(
                "{}. {}（整改期限：{}）",
                n + 1,
                r.item,
                date_zh(&r.deadline)
            ),
            size::XIAO_SI,
        ));
    }
    blocks.push(section("四、验收结论"));
    blocks.push(Block::para(conclusion_text(i, p), size::XIAO_SI));
    blocks.push(signatures(i));
    Form {
        kind: FormKind::Acceptance,
        record_id: i.id.clone(),
        record_label: format!("核验记录“{} {}”", o.name, date),
        version,
        doc: FormDoc {
            name: format!("{} {}报告", o.name, i.stage_label),
            page: A4_PORTRAIT,
            margins: Margins::form(),
            blocks,
            footer: footer(crate::print::layout::PageNumbers::Form, 1.45),
        },
    }
}

/// Sections 一 and 二: every item of the checklist with its requirement, method, observed
/// value and result, then the values the ledgers and rosters gave.
fn checklist(i: &Inspection, p: &Programme) -> Vec<Block> {
    let template: Vec<&Item> = p
        .settings
        .criteria
        .eligibility
        .iter()
        .chain(&p.settings.criteria.scored)
        .collect();
    let item_of = |key: &str| template.iter().find(|t| t.key == key).copied();
    let observed = crate::domain::inspections::merged(&i.observations, &i.computed);
    let observed_text = |r: &ItemResult| {
        observed
            .iter()
            .find(|o| o.key == r.key)
            .map(|o| value_text(&o.value, item_of(&r.key)))
            .unwrap_or_else(|| "未记录".into())
    };
    let mut blocks = vec![
        section("一、核验清单"),
        TableOf::new(&i.evaluation.items)
            .numbered(0.45)
            .left("核验项目", 1.3, |r| r.label.clone())
            .left("要求", 3.8, |r| {
                item_of(&r.key)
                    .map(|t| t.requirement.clone())
                    .unwrap_or_default()
            })
            .center("核验方式", 0.85, |r| {
                item_of(&r.key)
                    .map(|t| t.method.label().to_string())
                    .unwrap_or_default()
            })
            .center("核验值", 1.1, observed_text)
            .center("结果", 0.9, result_text)
            .block(),
        section("二、带贫数据核对（取自台账和花名册）"),
    ];
    if i.computed.is_empty() {
        blocks.push(Block::para(
            "本次核验没有从台账或花名册取得的数据。",
            size::XIAO_SI,
        ));
    } else {
        blocks.push(
            TableOf::new(&i.computed)
                .left("项目", 1.3, |c| {
                    item_of(&c.key).map_or_else(|| c.key.clone(), |t| t.label.clone())
                })
                .right("记录值", 1.0, |c| value_text(&c.value, item_of(&c.key)))
                .left("来源", 3.7, |c| c.source.clone())
                .block(),
        );
    }
    blocks
}

/// Section 四: the conclusion, how many criteria were met, the reasons, and whether the next
/// tranche may be paid.
fn conclusion_text(i: &Inspection, p: &Programme) -> String {
    let e = &i.evaluation;
    let mut conclusion = format!(
        "结论：{}。资格条件{}",
        e.conclusion.label(),
        if e.eligibility_met {
            "全部达标"
        } else {
            "未全部达标"
        },
    );
    if p.settings.criteria.scored.is_empty() {
        conclusion.push('。');
    } else {
        conclusion.push_str(&format!(
            "；评选标准 {} 项中达标 {} 项（须至少 {} 项）。",
            p.settings.criteria.scored.len(),
            e.scored_met,
            p.settings.criteria.scored_min
        ));
    }
    if !e.reasons.is_empty() {
        conclusion.push_str(&format!("理由：{}。", e.reasons.join("；")));
    }
    conclusion.push_str(match e.conclusion {
        crate::domain::programmes::Conclusion::Pass => "可按程序拨付下一笔补助资金。",
        _ => "暂缓拨付下一笔补助资金。",
    });
    conclusion
}

/// Section 五: the inspectors side by side (four to a table): unit, name, and a tall cell to
/// sign in; then the unit's seal and date, kept together.
fn signatures(i: &Inspection) -> Block {
    let mut team: Vec<(String, String)> = i
        .inspectors
        .iter()
        .map(|x| (x.unit.clone(), x.name.clone()))
        .collect();
    while team.len() < 3 {
        team.push((String::new(), String::new()));
    }
    let mut signatures = vec![section("五、核验人员签字")];
    for group in team.chunks(4) {
        let mut columns = vec![Column::new("", 1.0, Align::Center)];
        columns.extend(group.iter().map(|_| Column::new("", 1.8, Align::Center)));
        let row = |label: &str, cell: &dyn Fn(&(String, String)) -> String| {
            std::iter::once(label.to_string())
                .chain(group.iter().map(cell))
                .collect::<Vec<_>>()
        };
        signatures.push(Block::Table(Table {
            columns,
            header: false,
            rows: vec![
                row("单位", &|m| m.0.clone()),
                row("姓名", &|m| m.1.clone()),
                // Room to sign: a taller row.
                row("签字", &|_| "\n".to_string()),
            ],
            totals: vec![],
            size: size::XIAO_SI,
        }));
    }
    signatures.extend([
        Block::Space(14.0),
        Block::right(
            "验收单位（盖章）：　　　　　　　　　　　　　　　年　　月　　日",
            size::XIAO_SI,
        ),
        // The seal is pressed over the unit and date.
        Block::Space(30.0),
    ]);
    Block::Keep(signatures)
}
