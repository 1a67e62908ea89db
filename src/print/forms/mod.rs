//! One builder per printed form: records' DTOs in, a [`Form`](super::Form) (blocks) out.

pub mod acceptance;
pub mod callbacks;
pub mod findings;
pub mod funds;
pub mod notice;
pub mod programme;
pub mod roster;
pub mod signin;
pub mod stats;

use super::footer;
use super::layout::{
    size, Align, Block, Column, Face, FormDoc, Margins, PageNumbers, PageSize, Table,
};

/// "2019-08-12" → "2019年8月12日"; text that is not a date is printed as it is.
pub fn date_zh(raw: &str) -> String {
    match crate::domain::parse_date(raw, "date", "日期") {
        Ok(d) => crate::domain::format_date_zh(d),
        Err(_) => raw.to_string(),
    }
}

/// A mobile number as forms print it (`138****1234`); nothing when there is none.
pub fn masked_phone(raw: &str) -> String {
    if raw.is_empty() {
        String::new()
    } else {
        crate::domain::phone::masked_mobile(raw)
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

/// Label/value pairs, two to a row, as a four-column grid without a header row.
pub fn kv_table(rows: &[[(&str, &str); 2]]) -> Block {
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
            .map(|[(a, b), (c, d)]| {
                vec![a.to_string(), b.to_string(), c.to_string(), d.to_string()]
            })
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

/// The page set-up of the county's forms: form margins, page numbers and the stamp below.
pub fn form_doc(name: String, page: PageSize, blocks: Vec<Block>) -> FormDoc {
    FormDoc {
        name,
        page,
        margins: Margins::form(),
        blocks,
        footer: footer(PageNumbers::Form, 1.5),
    }
}

type CellOf<'a, T> = Box<dyn Fn(usize, &T) -> String + 'a>;

/// A table of records built column by column: each column's title, share of the width and
/// alignment stand beside the cell it prints for a record, so headings and cells cannot drift
/// apart. The header row repeats on every page; text is 五号 unless `size` says otherwise.
pub struct TableOf<'a, T> {
    records: &'a [T],
    columns: Vec<Column>,
    cells: Vec<CellOf<'a, T>>,
    totals: Vec<Vec<String>>,
    size: f32,
}

impl<'a, T> TableOf<'a, T> {
    pub fn new(records: &'a [T]) -> Self {
        TableOf {
            records,
            columns: Vec::new(),
            cells: Vec::new(),
            totals: Vec::new(),
            size: size::WU,
        }
    }

    /// A column whose cell `cell` prints from a record.
    fn col(
        mut self,
        title: &str,
        weight: f32,
        align: Align,
        cell: impl Fn(&T) -> String + 'a,
    ) -> Self {
        self.columns.push(Column::new(title, weight, align));
        self.cells.push(Box::new(move |_, record| cell(record)));
        self
    }

    pub fn left(self, title: &str, weight: f32, cell: impl Fn(&T) -> String + 'a) -> Self {
        self.col(title, weight, Align::Left, cell)
    }

    pub fn center(self, title: &str, weight: f32, cell: impl Fn(&T) -> String + 'a) -> Self {
        self.col(title, weight, Align::Center, cell)
    }

    pub fn right(self, title: &str, weight: f32, cell: impl Fn(&T) -> String + 'a) -> Self {
        self.col(title, weight, Align::Right, cell)
    }

    /// The 序号 column: 1, 2, 3 … down the rows.
    pub fn numbered(mut self, weight: f32) -> Self {
        self.columns
            .push(Column::new("序号", weight, Align::Center));
        self.cells.push(Box::new(|i, _| (i + 1).to_string()));
        self
    }

    /// A 合计 row: the cells of `totals` by column title, the others empty.
    pub fn total(mut self, totals: &[(&str, String)]) -> Self {
        let row = self
            .columns
            .iter()
            .map(|c| {
                let cell = totals.iter().find(|(title, _)| *title == c.title);
                cell.map(|(_, value)| value.clone()).unwrap_or_default()
            })
            .collect();
        self.totals.push(row);
        self
    }

    /// A 合计 row printed like a record.
    pub fn total_of(mut self, record: &T) -> Self {
        let row = self.cells.iter().map(|cell| cell(0, record)).collect();
        self.totals.push(row);
        self
    }

    pub fn size(mut self, size: f32) -> Self {
        self.size = size;
        self
    }

    pub fn block(self) -> Block {
        let rows = (self.records.iter().enumerate())
            .map(|(i, record)| self.cells.iter().map(|cell| cell(i, record)).collect())
            .collect();
        Block::Table(Table {
            columns: self.columns,
            header: true,
            rows,
            totals: self.totals,
            size: self.size,
        })
    }
}
