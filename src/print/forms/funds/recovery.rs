//! 追回通知书: a letter to the operator, laid out like the county's notices (GB/T 9704 text
//! block, 3号 serif body): the grounds, the amount to return in figures and in capitals, the
//! due date, the ban and the first day it may apply again when the order imposed one, the
//! county's seal line and a receipt the operator signs.

use crate::domain::funds::{Ban, Recovery, RecoveryGrounds};
use crate::domain::money::{yuan_grouped, yuan_in_words};
use crate::print::layout::{
    mm, size, Align, Block, Face, FormDoc, Margins, PageNumbers, A4_PORTRAIT,
};
use crate::print::{footer, Form, FormKind};

use super::super::date_zh;
use super::{amount, yuan};

fn body(text: impl Into<String>, align: Align, indent: bool) -> Block {
    Block::Para {
        text: text.into(),
        face: Face::Serif,
        size: size::SAN,
        align,
        indent,
    }
}

/// Why the money is recovered, as the letter says it.
pub fn grounds_text(r: &Recovery) -> String {
    let reason = r.reason.trim();
    let grounds = match r.grounds {
        RecoveryGrounds::FailedAcceptance => "验收不合格",
        RecoveryGrounds::Falsified => "申报或验收材料弄虚作假",
        RecoveryGrounds::Other => "",
    };
    match (grounds, reason) {
        ("", "") => "不再符合扶持条件".into(),
        ("", reason) => reason.to_string(),
        (grounds, "") => grounds.to_string(),
        (grounds, reason) => format!("{grounds}（{reason}）"),
    }
}

/// An amount in figures and capitals: 人民币 3,536.00 元（大写：叁仟伍佰叁拾陆元整）.
fn figures_and_words(raw: &str) -> String {
    match amount(raw) {
        Some(d) => format!(
            "人民币 {} 元（大写：{}）",
            yuan_grouped(d),
            yuan_in_words(d)
        ),
        None => format!("人民币 {raw} 元"),
    }
}

/// The notice of a recovery order, issued by `county` (its name, e.g. 托里县). `ban` is the
/// ban the order imposed, if any.
pub fn recovery_notice(r: &Recovery, ban: Option<&Ban>, county: &str, version: i64) -> Form {
    let mut blocks = vec![
        Block::title("追回扶持资金通知书", size::ER),
        Block::Space(mm(4.0)),
        body(format!("{}：", r.operator_name), Align::Left, false),
        body(
            format!(
                "你单位（户）承担的“{}”扶持项目，因{}，经{}决定，追回已拨付的扶持资金。",
                r.programme_name,
                grounds_text(r),
                date_zh(&r.decided_date)
            ),
            Align::Left,
            true,
        ),
        body(
            format!("应追回金额：{}。", figures_and_words(&r.amount)),
            Align::Left,
            true,
        ),
    ];
    let recovered = amount(&r.recovered).unwrap_or_default();
    if recovered > rust_decimal::Decimal::ZERO {
        blocks.push(body(
            format!(
                "截至本通知打印时已退回 {} 元，尚需退回{}。",
                yuan(&r.recovered),
                figures_and_words(&r.outstanding)
            ),
            Align::Left,
            true,
        ));
    }
    blocks.push(body(
        format!(
            "请于{}前将上述资金按原拨付渠道退回。逾期未退回的，将依法依规追缴。",
            date_zh(&r.due_date)
        ),
        Align::Left,
        true,
    ));
    if let Some(ban) = ban {
        blocks.push(body(
            format!(
                "同时取消你单位（户）的扶持资格：自{}起不得申报{}财政扶持资金项目，{}起方可重新申报。",
                date_zh(&ban.start_date),
                county,
                date_zh(&ban.end_date)
            ),
            Align::Left,
            true,
        ));
    }
    blocks.push(body("特此通知。", Align::Left, true));
    blocks.push(Block::Keep(vec![
        Block::Space(mm(12.0)),
        body(format!("{county}（盖章）　　　　"), Align::Right, false),
        body(
            format!("{}　　　　", date_zh(&r.decided_date)),
            Align::Right,
            false,
        ),
        // Room for the red seal over the issuer and date.
        Block::Space(mm(10.0)),
    ]));
    let officer = match r.officer.trim() {
        "" => "＿＿＿＿＿＿",
        name => name,
    };
    blocks.push(Block::Keep(vec![
        Block::Space(mm(6.0)),
        Block::para(format!("经办人：{officer}"), size::XIAO_SI),
        Block::Space(mm(2.0)),
        Block::para(
            "受送达人签收：＿＿＿＿＿＿　　　　签收日期：　　　　年　　月　　日",
            size::XIAO_SI,
        ),
    ]));
    Form {
        kind: FormKind::RecoveryNotice,
        record_id: r.id.clone(),
        record_label: format!("追回决定“{} {}”", r.operator_name, date_zh(&r.decided_date)),
        version,
        doc: FormDoc {
            name: format!("{} 追回扶持资金通知书", r.operator_name),
            page: A4_PORTRAIT,
            margins: Margins::gbt9704(),
            blocks,
            footer: footer(PageNumbers::Notice, 1.5),
        },
    }
}
