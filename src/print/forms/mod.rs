//! One builder per printed form: records' DTOs in, a [`Form`](super::Form) (blocks) out.

pub mod acceptance;
pub mod notice;
pub mod programme;
pub mod roster;
pub mod signin;

use super::layout::{size, Align, Block, Column, Face, Table};

/// "2019-08-12" → "2019年8月12日"; text that is not a date is printed as it is.
pub fn date_zh(raw: &str) -> String {
    match crate::domain::parse_date(raw, "date", "日期") {
        Ok(d) => crate::domain::format_date_zh(d),
        Err(_) => raw.to_string(),
    }
}

/// A bold section heading.
pub fn section(text: &str) -> Block {
    Block::Keep(vec![
        Block::Space(4.0),
        Block::Para {
            text: text.to_string(),
            face: Face::SansBold,
            size: size::XIAO_SI,
            align: Align::Left,
            indent: false,
        },
    ])
}

/// A four-column label/value grid without a header row.
pub fn kv_table(rows: &[(&str, &str, &str, &str)]) -> Block {
    Block::Table(Table {
        columns: vec![
            Column::new("", 1.1, Align::Center),
            Column::new("", 2.1, Align::Left),
            Column::new("", 1.0, Align::Center),
            Column::new("", 1.8, Align::Left),
        ],
        header: false,
        rows: rows
            .iter()
            .map(|(a, b, c, d)| vec![a.to_string(), b.to_string(), c.to_string(), d.to_string()])
            .collect(),
        totals: vec![],
        size: size::WU,
    })
}

/// Preparer, reviewer and date lines with room for the seal, kept together.
pub fn sign_block() -> Block {
    Block::Keep(vec![
        Block::Space(14.0),
        Block::para(
            "填表人：＿＿＿＿＿＿　　审核人：＿＿＿＿＿＿　　负责人：＿＿＿＿＿＿",
            size::XIAO_SI,
        ),
        Block::Space(6.0),
        Block::right("（单位盖章）　　　　　　　　", size::XIAO_SI),
        Block::Space(36.0),
        Block::right("填表日期：　　　　年　　月　　日", size::XIAO_SI),
    ])
}

/// A table whose header repeats on every page.
pub fn table(columns: Vec<Column>, rows: Vec<Vec<String>>, totals: Vec<Vec<String>>) -> Block {
    Block::Table(Table {
        columns,
        header: true,
        rows,
        totals,
        size: size::WU,
    })
}
