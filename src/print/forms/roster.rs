//! 带贫花名册 and 帮扶台账 of an agreement: landscape tables with the header on every page and
//! the 合计 row kept with the last households. ID numbers are printed masked.

use rust_decimal::Decimal;

use crate::domain::agreements::{Agreement, LedgerRow, RosterRow};
use crate::print::layout::{Align, Block, Column, FormDoc, Margins, PageNumbers, A4_LANDSCAPE};
use crate::print::{footer, Form, FormKind};

use super::{date_zh, kv_table, sign_block, table};

fn dec(s: &str) -> Decimal {
    s.parse().unwrap_or_default()
}

fn header(a: &Agreement, what: &str) -> Vec<Block> {
    let term = format!("{}至{}", date_zh(&a.term_start), date_zh(&a.term_end));
    vec![
        Block::title(format!("{}{}", a.operator_name, what), 16.0),
        kv_table(&[
            ("协议编号", a.number.as_str(), "年度", &a.year.to_string()),
            (
                "实施主体（甲方）",
                a.operator_name.as_str(),
                "见证方",
                a.witness.as_str(),
            ),
            ("所属项目", a.programme.as_str(), "协议期限", term.as_str()),
        ]),
        Block::Space(6.0),
    ]
}

fn doc(name: String, blocks: Vec<Block>) -> FormDoc {
    FormDoc {
        name,
        page: A4_LANDSCAPE,
        margins: Margins::form(),
        blocks,
        footer: footer(PageNumbers::Form, 1.5),
    }
}

pub fn roster(a: &Agreement, rows: &[RosterRow], version: i64) -> Form {
    let mut blocks = header(a, "带贫户花名册");
    let mut size_total = 0u32;
    let mut income = Decimal::ZERO;
    let body: Vec<Vec<String>> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            size_total += r.size;
            income += dec(&r.income);
            vec![
                (i + 1).to_string(),
                r.head_name.clone(),
                r.id_masked.clone(),
                r.place.clone(),
                r.size.to_string(),
                r.category_label.clone(),
                r.mode.label().to_string(),
                r.content.clone(),
                r.income.clone(),
                String::new(),
            ]
        })
        .collect();
    blocks.push(table(
        vec![
            Column::new("序号", 0.5, Align::Center),
            Column::new("户主姓名", 1.0, Align::Center),
            Column::new("身份证号", 2.0, Align::Center),
            Column::new("村组", 1.4, Align::Left),
            Column::new("人口", 0.5, Align::Center),
            Column::new("类别", 1.1, Align::Center),
            Column::new("带动方式", 1.1, Align::Center),
            Column::new("帮扶内容", 2.0, Align::Left),
            Column::new("增收（元）", 1.1, Align::Right),
            Column::new("户主签字", 1.0, Align::Center),
        ],
        body,
        vec![vec![
            "合计".into(),
            format!("{} 户", rows.len()),
            String::new(),
            String::new(),
            size_total.to_string(),
            String::new(),
            String::new(),
            String::new(),
            format!("{income:.2}"),
            String::new(),
        ]],
    ));
    blocks.push(sign_block());
    Form {
        kind: FormKind::Roster,
        record_id: a.id.clone(),
        record_label: format!("带贫协议“{}”的花名册", a.number),
        version,
        doc: doc(format!("{} 花名册", a.number), blocks),
    }
}

pub fn ledger(a: &Agreement, rows: &[LedgerRow], version: i64) -> Form {
    let mut blocks = header(a, "帮扶台账");
    let mut amount = Decimal::ZERO;
    let body: Vec<Vec<String>> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            amount += dec(&r.amount);
            let note = if r.reverses_id.is_some() {
                "冲销"
            } else if r.reversed_by.is_some() {
                "已冲销"
            } else {
                ""
            };
            vec![
                (i + 1).to_string(),
                date_zh(&r.date),
                r.head_name.clone(),
                r.product.clone(),
                format!("{} {}", r.quantity, r.unit),
                r.unit_price.clone(),
                r.market_price.clone(),
                r.amount.clone(),
                r.payment_method.clone(),
                r.voucher_no.clone(),
                note.into(),
            ]
        })
        .collect();
    blocks.push(table(
        vec![
            Column::new("序号", 0.5, Align::Center),
            Column::new("日期", 1.2, Align::Center),
            Column::new("户主", 0.9, Align::Center),
            Column::new("产品", 0.8, Align::Center),
            Column::new("数量", 0.8, Align::Right),
            Column::new("单价（元）", 0.9, Align::Right),
            Column::new("市场价（元）", 1.0, Align::Right),
            Column::new("金额（元）", 1.1, Align::Right),
            Column::new("付款方式", 0.9, Align::Center),
            Column::new("凭证号", 1.6, Align::Center),
            Column::new("备注", 0.6, Align::Center),
        ],
        body,
        vec![vec![
            "合计".into(),
            format!("{} 笔", rows.len()),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            format!("{amount:.2}"),
            String::new(),
            String::new(),
            String::new(),
        ]],
    ));
    blocks.push(sign_block());
    Form {
        kind: FormKind::Ledger,
        record_id: a.id.clone(),
        record_label: format!("带贫协议“{}”的台账", a.number),
        version,
        doc: doc(format!("{} 台账", a.number), blocks),
    }
}
