//! 带贫花名册 and 帮扶台账 of an agreement: landscape tables with the header on every page and
//! the 合计 row kept with the last households. ID numbers are printed masked.

use rust_decimal::Decimal;

use crate::domain::agreements::{Agreement, LedgerRow, RosterRow};
use crate::print::layout::{Block, A4_LANDSCAPE};
use crate::print::{Form, FormKind};

use super::{date_zh, form_doc, kv_table, sign_block, TableOf};

fn dec(s: &str) -> Decimal {
    s.parse().unwrap_or_default()
}

fn header(a: &Agreement, what: &str) -> Vec<Block> {
    let year = a.year.to_string();
    let term = format!("{}至{}", date_zh(&a.term_start), date_zh(&a.term_end));
    vec![
        Block::title(format!("{}{}", a.operator_name, what), 16.0),
        kv_table(&[
            [("协议编号", &a.number), ("年度", &year)],
            [
                ("实施主体（甲方）", &a.operator_name),
                ("见证方", &a.witness),
            ],
            [("所属项目", &a.programme), ("协议期限", &term)],
        ]),
        Block::Space(6.0),
    ]
}

pub fn roster(a: &Agreement, rows: &[RosterRow], version: i64) -> Form {
    let mut blocks = header(a, "带贫户花名册");
    let size_total: u32 = rows.iter().map(|r| r.size).sum();
    let income: Decimal = rows.iter().map(|r| dec(&r.income)).sum();
    blocks.push(
        TableOf::new(rows)
            .numbered(0.5)
            .center("户主姓名", 1.0, |r| r.head_name.clone())
            .center("身份证号", 2.0, |r| r.id_masked.clone())
            .left("村组", 1.4, |r| r.place.clone())
            .center("人口", 0.5, |r| r.size.to_string())
            .center("类别", 1.1, |r| r.category_label.clone())
            .center("带动方式", 1.1, |r| r.mode.label().to_string())
            .left("帮扶内容", 2.0, |r| r.content.clone())
            .right("增收（元）", 1.1, |r| r.income.clone())
            .center("户主签字", 1.0, |_| String::new())
            .total(&[
                ("序号", "合计".into()),
                ("户主姓名", format!("{} 户", rows.len())),
                ("人口", size_total.to_string()),
                ("增收（元）", format!("{income:.2}")),
            ])
            .block(),
    );
    blocks.push(sign_block());
    Form {
        kind: FormKind::Roster,
        record_id: a.id.clone(),
        record_label: format!("带贫协议“{}”的花名册", a.number),
        version,
        doc: form_doc(format!("{} 花名册", a.number), A4_LANDSCAPE, blocks),
    }
}

/// 冲销 on a reversing entry, 已冲销 on the entry it reversed.
fn reversal_note(r: &LedgerRow) -> String {
    if r.reverses_id.is_some() {
        "冲销".into()
    } else if r.reversed_by.is_some() {
        "已冲销".into()
    } else {
        String::new()
    }
}

pub fn ledger(a: &Agreement, rows: &[LedgerRow], version: i64) -> Form {
    let mut blocks = header(a, "帮扶台账");
    let amount: Decimal = rows.iter().map(|r| dec(&r.amount)).sum();
    blocks.push(
        TableOf::new(rows)
            .numbered(0.5)
            .center("日期", 1.2, |r| date_zh(&r.date))
            .center("交货日期", 1.2, |r| date_zh(&r.delivered_date))
            .center("户主", 0.9, |r| r.head_name.clone())
            .center("产品", 0.8, |r| r.product.clone())
            .right("数量", 0.8, |r| format!("{} {}", r.quantity, r.unit))
            .right("单价（元）", 0.9, |r| r.unit_price.clone())
            .right("市场价（元）", 1.0, |r| r.market_price.clone())
            .right("金额（元）", 1.1, |r| r.amount.clone())
            .center("付款方式", 0.9, |r| r.payment_method.clone())
            .center("凭证号", 1.4, |r| r.voucher_no.clone())
            .center("备注", 0.6, reversal_note)
            .total(&[
                ("序号", "合计".into()),
                ("日期", format!("{} 笔", rows.len())),
                ("金额（元）", format!("{amount:.2}")),
            ])
            .block(),
    );
    blocks.push(sign_block());
    Form {
        kind: FormKind::Ledger,
        record_id: a.id.clone(),
        record_label: format!("带贫协议“{}”的台账", a.number),
        version,
        doc: form_doc(format!("{} 台账", a.number), A4_LANDSCAPE, blocks),
    }
}
