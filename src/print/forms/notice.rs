//! 公示, laid out as GB/T 9704-2012 has it: A4, text block 156 × 225 mm, title in 2号 bold,
//! body in 3号 serif (仿宋 role) at 22 lines a page, issuer and date right-aligned with room for
//! the seal, page numbers "— N —". The list shows name, village/group and benefit only; ID and
//! phone numbers appear only when the county has turned masking on (`Notice::masking`), and then
//! masked.

use crate::domain::notices::{standard_body, Notice, NoticePrivacy, Objection};
use crate::domain::resident_id::ResidentId;
use crate::print::layout::{
    mm, size, Align, Block, Face, FormDoc, Margins, PageNumbers, A4_PORTRAIT,
};
use crate::print::{footer, Form, FormKind};

use super::{date_zh, masked_phone, TableOf};

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

/// How an objection was handled and when, or 正在核实 while it is open.
fn handling_text(o: &Objection) -> String {
    if o.open {
        "正在核实".to_string()
    } else {
        format!(
            "{}（{}）",
            o.handling,
            date_zh(o.handled_date.as_deref().unwrap_or(""))
        )
    }
}

pub fn build(n: &Notice, version: i64) -> Form {
    let mut blocks = vec![
        Block::title(n.title.clone(), size::ER),
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
        let mut entries = TableOf::new(&n.entries)
            .numbered(0.6)
            .left("姓名（名称）", w(2.2, 1.6), |e| e.name.clone())
            .center("村（组）", w(1.5, 1.2), |e| e.place.clone())
            .left("帮扶内容", w(2.2, 1.7), |e| e.benefit.clone());
        if masked {
            entries = entries
                .center("身份证号", 2.7, |e| masked_id(&e.id_number))
                .center("联系电话", 1.8, |e| masked_phone(&e.phone))
                .size(size::WU);
        } else {
            entries = entries.size(size::XIAO_SI);
        }
        blocks.push(entries.block());
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
        blocks.push(
            TableOf::new(&n.objections)
                .center("收到日期", 1.3, |o| date_zh(&o.received_date))
                .left("异议内容", 3.0, |o| o.content.clone())
                .left("处理情况", 3.0, handling_text)
                .block(),
        );
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
