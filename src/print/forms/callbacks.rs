//! 农户回访名单: a township's call-back sample as the officer calls it — name, village, the ID
//! masked, the phone to call, what to ask (the agreements the household is in, the payments
//! its ledger holds, the trainings it attended), and room to note the outcome.

use crate::checks::callbacks::CallbackSample;
use crate::print::layout::{size, Block, A4_LANDSCAPE};
use crate::print::{Form, FormKind};

use super::{date_zh, form_doc, kv_table, sign_block, TableOf};

pub fn build(sample: &CallbackSample, version: i64) -> Form {
    let share = sample
        .share
        .parse::<rust_decimal::Decimal>()
        .map(|s| format!("{}%", (s * rust_decimal::Decimal::from(100)).normalize()))
        .unwrap_or_else(|_| sample.share.clone());
    let drawn = format!(
        "{} 户中抽取 {} 户（{share}）",
        sample.population,
        sample.items.len()
    );
    let township = format!("{} {}", sample.township_code, sample.township_name);
    let mut blocks = vec![
        Block::title(format!("{}农户回访名单", sample.township_name), 16.0),
        kv_table(&[
            [("乡镇", &township), ("抽样", &drawn)],
            [
                ("抽样日期", &date_zh(&sample.drawn_date)),
                ("随机种子", &sample.seed),
            ],
        ]),
        Block::Space(4.0),
        Block::para(
            "回访时请逐项询问，并在“回访结果”栏勾选：属实 / 否认 / 已接通 / 联系不上；否认的请写明否认哪一项。",
            size::WU,
        ),
        Block::Space(4.0),
    ];
    blocks.push(
        TableOf::new(&sample.items)
            .center("序号", 0.5, |i| i.position.to_string())
            .center("户主", 0.9, |i| i.head_name.clone())
            .center("村", 1.0, |i| i.village.clone())
            .center("身份证号", 1.9, |i| i.masked_id.clone())
            .center("联系电话", 1.3, |i| i.phone.clone())
            .left("回访内容（请逐项询问）", 4.6, |i| {
                if i.questions.is_empty() {
                    "台账中没有该户的协议、款项或培训记录；请询问是否参与过电商帮扶。".into()
                } else {
                    i.questions
                        .iter()
                        .enumerate()
                        .map(|(n, q)| format!("{}. {}", n + 1, q.text))
                        .collect::<Vec<_>>()
                        .join("\n")
                }
            })
            .left("回访结果", 2.0, |i| match i.outcome {
                Some(outcome) => format!(
                    "{}{}{}",
                    outcome.label(),
                    i.call_date
                        .as_deref()
                        .map(|d| format!(" {}", date_zh(d)))
                        .unwrap_or_default(),
                    if i.note.is_empty() {
                        String::new()
                    } else {
                        format!("\n{}", i.note)
                    }
                ),
                None => "□属实 □否认 □已接通 □联系不上\n说明：".into(),
            })
            .center("回访人", 0.8, |i| i.officer.clone())
            .block(),
    );
    blocks.push(sign_block());
    Form {
        kind: FormKind::Callbacks,
        record_id: sample.id.clone(),
        record_label: format!("{}回访名单（{}）", sample.township_name, sample.drawn_date),
        version,
        doc: form_doc(
            format!("{} 回访名单", sample.township_name),
            A4_LANDSCAPE,
            blocks,
        ),
    }
}
