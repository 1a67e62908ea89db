//! 资金使用情况表: a programme's money by township and by sub-budget (budget, awards,
//! awarded, paid, still to pay, to recover, recovered, remaining), exactly as `fund_status`
//! computed it, with the warnings it raised (over-commitment, broken fund shares).

use crate::domain::funds::{FundStatus, MoneyLine};
use crate::print::layout::{size, Block, A4_LANDSCAPE};
use crate::print::{Form, FormKind};

use super::super::{form_doc, section, sign_block, TableOf};
use super::yuan;

fn optional(raw: &Option<String>) -> String {
    raw.as_deref().map_or_else(|| "—".into(), yuan)
}

/// The money columns of a line, the first column titled `first`.
fn money_table(first: &str, lines: &[MoneyLine], total: &MoneyLine) -> Block {
    TableOf::new(lines)
        .left(first, 1.8, |l| l.label.clone())
        .right("预算", 1.3, |l| optional(&l.budget))
        .center("扶持对象数", 0.9, |l| l.awards.to_string())
        .right("已确定补助", 1.3, |l| yuan(&l.awarded))
        .right("已拨付", 1.3, |l| yuan(&l.paid))
        .right("待拨付", 1.3, |l| yuan(&l.to_pay))
        .right("待追回", 1.2, |l| yuan(&l.to_recover))
        .right("已追回", 1.2, |l| yuan(&l.recovered))
        .right("预算结余", 1.3, |l| optional(&l.remaining))
        .total_of(&MoneyLine {
            label: "合计".into(),
            ..total.clone()
        })
        .block()
}

pub fn fund_status_form(s: &FundStatus, version: i64) -> Form {
    let mut blocks = vec![
        Block::title(format!("{}资金使用情况表", s.programme_name), 16.0),
        Block::para(
            format!(
                "年度：{}　　扶持对象 {} 个，已确定补助 {} 元，已拨付 {} 元，已追回 {} 元。",
                s.year,
                s.total.awards,
                yuan(&s.total.awarded),
                yuan(&s.total.paid),
                yuan(&s.total.recovered)
            ),
            size::WU,
        ),
        Block::right("单位：元", size::WU),
        section("一、分乡镇"),
        money_table("乡镇", &s.by_township, &s.total),
    ];
    if !s.by_class.is_empty() {
        blocks.push(section("二、分类别（子预算）"));
        blocks.push(money_table("类别", &s.by_class, &s.total));
    }
    if !s.warnings.is_empty() {
        blocks.push(section(if s.by_class.is_empty() {
            "二、提示"
        } else {
            "三、提示"
        }));
        for (n, w) in s.warnings.iter().enumerate() {
            blocks.push(Block::para(format!("{}. {}", n + 1, w.message), size::WU));
        }
    }
    blocks.push(sign_block());
    Form {
        kind: FormKind::FundStatus,
        record_id: s.programme_id.clone(),
        record_label: format!("项目“{}”的资金使用情况", s.programme_name),
        version,
        doc: form_doc(
            format!("{} 资金使用情况表", s.programme_name),
            A4_LANDSCAPE,
            blocks,
        ),
    }
}
