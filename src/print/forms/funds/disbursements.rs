//! 资金拨付明细表: one row per award × tranche, grouped by township with a 小计 each and a
//! 合计; what each tranche is, what was paid, when and on which voucher, whether it may be paid
//! now (the gate's unmet conditions, short), and the county's override when one let it
//! through; signature lines for the officers who pay and approve.

use rust_decimal::Decimal;

use crate::domain::funds::listing::{batch, by_township, condition, paid_amount, remarks, village};
use crate::domain::funds::{Award, TrancheState};
use crate::domain::money::yuan_grouped;
use crate::print::layout::{size, Block, A4_LANDSCAPE};
use crate::print::{Form, FormKind};

use super::super::{date_zh, form_doc, TableOf};
use super::{sum, yuan};

/// A row of the list: a tranche of an award, or a township's subtotal.
enum Line<'a> {
    Tranche {
        /// 序号 of the award (1-based), printed on its first tranche only.
        number: usize,
        award: &'a Award,
        tranche: &'a TrancheState,
    },
    Subtotal(Sums),
}

/// What a township's (or the programme's) tranches add up to.
struct Sums {
    awards: usize,
    awarded: Decimal,
    due: Decimal,
    paid: Decimal,
}

impl Sums {
    fn of(awards: &[&Award]) -> Sums {
        let tranches = || awards.iter().flat_map(|a| &a.tranches);
        Sums {
            awards: awards.len(),
            awarded: sum(awards.iter().map(|a| a.amount.as_str())),
            due: sum(tranches().map(|t| t.amount.as_str())),
            paid: sum(tranches().map(|t| t.paid.as_str())),
        }
    }
}

/// The rows, township by township in the order the awards come (the store's order), each
/// township closed by its 小计.
fn lines(awards: &[Award]) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut number = 0;
    for of_township in by_township(awards) {
        for award in &of_township {
            number += 1;
            for tranche in &award.tranches {
                out.push(Line::Tranche {
                    number,
                    award,
                    tranche,
                });
            }
        }
        out.push(Line::Subtotal(Sums::of(&of_township)));
    }
    out
}

/// The list of a programme's awards. `programme_name` heads it; `programme_id` is the record
/// the stamp names.
pub fn disbursement_list(
    programme_id: &str,
    programme_name: &str,
    awards: &[Award],
    version: i64,
) -> Form {
    let rows = lines(awards);
    let all: Vec<&Award> = awards.iter().collect();
    let Sums {
        awarded, due, paid, ..
    } = Sums::of(&all);
    let first_tranche = |t: &TrancheState, award: &Award| {
        award.tranches.first().map(|f| f.tranche) == Some(t.tranche)
    };
    let table = TableOf::new(&rows)
        .center("序号", 0.6, |l| match l {
            Line::Tranche {
                number,
                award,
                tranche,
            } if first_tranche(tranche, award) => number.to_string(),
            _ => String::new(),
        })
        .center("乡镇", 1.0, |l| match l {
            Line::Tranche { award, .. } => award.township_name.clone(),
            Line::Subtotal(_) => "小计".into(),
        })
        .left("实施主体", 1.7, |l| match l {
            Line::Tranche { award, .. } => award.operator_name.clone(),
            Line::Subtotal(s) => format!("{} 个", s.awards),
        })
        .center("村", 0.9, |l| match l {
            Line::Tranche { award, .. } => village(award),
            Line::Subtotal(_) => String::new(),
        })
        .center("类别", 0.85, |l| match l {
            Line::Tranche { award, .. } => award.class_label.clone(),
            Line::Subtotal(_) => String::new(),
        })
        .right("补助金额", 1.35, |l| match l {
            Line::Tranche { award, tranche, .. } if first_tranche(tranche, award) => {
                yuan(&award.amount)
            }
            Line::Tranche { .. } => String::new(),
            Line::Subtotal(s) => yuan_grouped(s.awarded),
        })
        .center("批次", 1.15, |l| match l {
            Line::Tranche { tranche, .. } => batch(tranche),
            Line::Subtotal(_) => String::new(),
        })
        .right("应拨金额", 1.35, |l| match l {
            Line::Tranche { tranche, .. } => yuan(&tranche.amount),
            Line::Subtotal(s) => yuan_grouped(s.due),
        })
        .right("已拨金额", 1.35, |l| match l {
            Line::Tranche { tranche, .. } if paid_amount(tranche).is_some() => yuan(&tranche.paid),
            Line::Tranche { .. } => String::new(),
            Line::Subtotal(s) => yuan_grouped(s.paid),
        })
        .center("拨付日期", 1.4, |l| match l {
            Line::Tranche { tranche, .. } if paid_amount(tranche).is_some() => {
                date_zh(tranche.paid_date.as_deref().unwrap_or(""))
            }
            _ => String::new(),
        })
        .center("凭证号", 1.0, |l| match l {
            Line::Tranche { tranche, .. } if paid_amount(tranche).is_some() => {
                tranche.voucher_no.clone()
            }
            _ => String::new(),
        })
        .left("拨付条件", 1.6, |l| match l {
            Line::Tranche { tranche, .. } => condition(tranche),
            Line::Subtotal(_) => String::new(),
        })
        .left("备注", 1.8, |l| match l {
            Line::Tranche { award, tranche, .. } => {
                remarks(award, tranche, first_tranche(tranche, award))
            }
            Line::Subtotal(_) => String::new(),
        })
        .total(&[
            ("乡镇", "合计".into()),
            ("实施主体", format!("{} 个", awards.len())),
            ("补助金额", yuan_grouped(awarded)),
            ("应拨金额", yuan_grouped(due)),
            ("已拨金额", yuan_grouped(paid)),
        ])
        .block();
    let blocks = vec![
        Block::title(format!("{programme_name}资金拨付明细表"), 16.0),
        Block::para(
            format!(
                "扶持对象 {} 个，补助资金 {} 元，已拨付 {} 元，未拨付 {} 元。",
                awards.len(),
                yuan_grouped(awarded),
                yuan_grouped(paid),
                yuan_grouped(due - paid)
            ),
            size::WU,
        ),
        Block::right("单位：元", size::WU),
        table,
        signatures(),
    ];
    Form {
        kind: FormKind::Disbursements,
        record_id: programme_id.to_string(),
        record_label: format!("项目“{programme_name}”的资金拨付明细"),
        version,
        doc: form_doc(
            format!("{programme_name} 资金拨付明细表"),
            A4_LANDSCAPE,
            blocks,
        ),
    }
}

/// 经办人、审核人、分管领导 with the unit's seal and date, kept together.
fn signatures() -> Block {
    Block::Keep(vec![
        Block::Space(14.0),
        Block::para(
            "经办人：＿＿＿＿＿＿　　　　审核人：＿＿＿＿＿＿　　　　分管领导：＿＿＿＿＿＿",
            size::XIAO_SI,
        ),
        Block::Space(6.0),
        Block::right("单位（盖章）　　　　　　　　", size::XIAO_SI),
        Block::Space(30.0),
        Block::right("日期：　　　　年　　月　　日", size::XIAO_SI),
    ])
}
