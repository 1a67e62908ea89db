//! 公示, laid out as GB/T 9704-2012 has it: A4, text block 156 × 225 mm, title in 2号 bold,
//! body in 3号 serif (仿宋 role) at 22 lines a page, issuer and date right-aligned with room for
//! the seal, page numbers "— N —". The list shows name, village/group and benefit only; ID and
//! phone numbers appear only when the county has turned masking on (`Notice::masking`), and then
//! masked.

use crate::domain::notices::{standard_body, Notice, NoticePrivacy};
use crate::domain::phone::masked_mobile;
use crate::domain::resident_id::ResidentId;
use crate::print::layout::{
    mm, size, Align, Block, Column, Face, FormDoc, Margins, PageNumbers, Table, A4_PORTRAIT,
};
use crate::print::{footer, Form, FormKind};

use super::date_zh;

/// GB/T 9704: 22 lines in the 225 mm text block.
const LEADING: f32 = 225.0 / 22.0 * 72.0 / 25.4 / size::SAN;

fn body(text: impl Into<String>, align: Align, indent: bool) -> Block {
    Block::Para {
        text: text.into(),
        face: Face::Serif,
        size: size::SAN,
        align,
        indent,
    }
}

fn masked_id(raw: &str) -> String {
    match ResidentId::try_from(raw.to_string()) {
        Ok(id) => id.masked_for_notice(),
        // Never print what could not be masked properly.
        Err(_) => String::new(),
    }
}

pub fn build(n: &Notice, version: i64) -> Form {
    let mut blocks = vec![
        Block::Title {
            text: n.title.clone(),
            face: Face::SansBold,
            size: size::ER,
        },
        Block::Space(mm(4.0)),
    ];
    let text = if n.body.trim().is_empty() {
        standard_body(n)
    } else {
        n.body.trim().to_string()
    };
    blocks.push(body(text, Align::Left, true));
    blocks.push(body(
        format!("公示地点：{}。", n.places.join("、")),
        Align::Left,
        true,
    ));
    blocks.push(body(
        format!(
            "监督举报电话：{}；全国扶贫监督举报电话：{}。",
            n.phone_local, n.phone_national
        ),
        Align::Left,
        true,
    ));
    if !n.entries.is_empty() {
        blocks.push(Block::Space(mm(3.0)));
        blocks.push(body(format!("附：{}", n.subject_label), Align::Left, false));
        let masked = n.masking == NoticePrivacy::Masked;
        // Masked numbers need room of their own: they are never cut across lines.
        let w = |plain: f32, with_numbers: f32| if masked { with_numbers } else { plain };
        let mut columns = vec![
            Column::new("序号", 0.6, Align::Center),
            Column::new("姓名（名称）", w(2.2, 1.6), Align::Left),
            Column::new("村（组）", w(1.5, 1.2), Align::Center),
            Column::new("帮扶内容", w(2.2, 1.7), Align::Left),
        ];
        if masked {
            columns.push(Column::new("身份证号", 2.7, Align::Center));
            columns.push(Column::new("联系电话", 1.8, Align::Center));
        }
        let rows = n
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let mut row = vec![
                    (i + 1).to_string(),
                    e.name.clone(),
                    e.place.clone(),
                    e.benefit.clone(),
                ];
                if masked {
                    row.push(masked_id(&e.id_number));
                    row.push(if e.phone.is_empty() {
                        String::new()
                    } else {
                        masked_mobile(&e.phone)
                    });
                }
                row
            })
            .collect();
        blocks.push(Block::Table(Table {
            columns,
            header: true,
            rows,
            totals: vec![],
            size: if masked { size::WU } else { size::XIAO_SI },
        }));
    }
    if !n.objections.is_empty() {
        blocks.push(Block::Space(mm(3.0)));
        blocks.push(body(
            format!(
                "公示期间收到异议 {} 件，已处理 {} 件：",
                n.objections.len(),
                n.objections.len() as u32 - n.open_objections
            ),
            Align::Left,
            false,
        ));
        blocks.push(Block::Table(Table {
            columns: vec![
                Column::new("收到日期", 1.3, Align::Center),
                Column::new("异议内容", 3.0, Align::Left),
                Column::new("处理情况", 3.0, Align::Left),
            ],
            header: true,
            rows: n
                .objections
                .iter()
                .map(|o| {
                    vec![
                        date_zh(&o.received_date),
                        o.content.clone(),
                        if o.open {
                            "正在核实".to_string()
                        } else {
                            format!(
                                "{}（{}）",
                                o.handling,
                                date_zh(o.handled_date.as_deref().unwrap_or(""))
                            )
                        },
                    ]
                })
                .collect(),
            totals: vec![],
            size: size::WU,
        }));
    }
    blocks.push(Block::Keep(vec![
        Block::Space(mm(12.0)),
        body(format!("{}　　　　", n.issuer), Align::Right, false),
        body(
            format!("{}　　　　", date_zh(&n.start_date)),
            Align::Right,
            false,
        ),
        // Room for the red seal over the issuer and date.
        Block::Space(mm(10.0)),
    ]));
    Form {
        kind: FormKind::Notice,
        record_id: n.id.clone(),
        record_label: format!("公示“{}”", n.title),
        version,
        doc: FormDoc {
            name: n.title.clone(),
            page: A4_PORTRAIT,
            margins: Margins::gbt9704(),
            blocks,
            footer: footer(PageNumbers::Notice, LEADING),
        },
    }
}
