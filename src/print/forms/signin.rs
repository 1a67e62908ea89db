//! 培训签到表: one page (or more) per half-day slot, names pre-filled from the attendance or
//! left blank, poor trainees marked, a blank signature cell on every row.

use crate::domain::phone::masked_mobile;
use crate::domain::training::{AttendanceRow, TrainingSession};
use crate::print::layout::{Align, Block, Column, FormDoc, Margins, PageNumbers, A4_PORTRAIT};
use crate::print::{footer, Form, FormKind};

use super::{date_zh, kv_table, sign_block, table};

/// Empty rows after the pre-filled names, for late arrivals.
pub const SPARE_ROWS: usize = 5;

pub fn build(s: &TrainingSession, attendance: &[AttendanceRow], version: i64) -> Form {
    let mut blocks = Vec::new();
    let dates = if s.start_date == s.end_date {
        date_zh(&s.start_date)
    } else {
        format!("{}至{}", date_zh(&s.start_date), date_zh(&s.end_date))
    };
    let trainers = s.trainers.join("、");
    let planned = s.planned_headcount.to_string();
    for (n, slot) in s.slots.iter().enumerate() {
        if n > 0 {
            blocks.push(Block::PageBreak);
        }
        blocks.push(Block::title(format!("{}签到表", s.title), 16.0));
        blocks.push(kv_table(&[
            (
                "培训类别",
                s.kind_label.as_str(),
                "时段",
                slot.label.as_str(),
            ),
            (
                "主办单位",
                s.organiser.as_str(),
                "承办单位",
                s.provider.as_str(),
            ),
            ("培训地点", s.venue.as_str(), "培训日期", dates.as_str()),
            ("授课人", trainers.as_str(), "计划人数", planned.as_str()),
        ]));
        blocks.push(Block::Space(6.0));
        let mut rows: Vec<Vec<String>> = attendance
            .iter()
            .filter(|a| a.slot == slot.slot)
            .map(|a| {
                vec![
                    a.name.clone(),
                    a.sex_label.clone(),
                    format!("{}{}", a.township_name, a.village_name),
                    a.id_masked.clone(),
                    if a.phone.is_empty() {
                        String::new()
                    } else {
                        masked_mobile(&a.phone)
                    },
                    if a.poor { "★" } else { "" }.to_string(),
                    String::new(),
                ]
            })
            .collect();
        let blanks = if rows.is_empty() {
            (s.planned_headcount as usize).max(SPARE_ROWS)
        } else {
            SPARE_ROWS
        };
        rows.extend((0..blanks).map(|_| vec![String::new(); 7]));
        let rows = rows
            .into_iter()
            .enumerate()
            .map(|(i, mut r)| {
                r.insert(0, (i + 1).to_string());
                // Two lines high: room to sign by hand.
                r[7] = "\n".into();
                r
            })
            .collect();
        blocks.push(table(
            vec![
                Column::new("序号", 0.5, Align::Center),
                Column::new("姓名", 1.0, Align::Center),
                Column::new("性别", 0.5, Align::Center),
                Column::new("乡镇村", 1.8, Align::Left),
                Column::new("身份证号", 1.9, Align::Center),
                Column::new("联系电话", 1.3, Align::Center),
                Column::new("脱贫户", 0.6, Align::Center),
                Column::new("本人签名", 1.4, Align::Center),
            ],
            rows,
            vec![],
        ));
        blocks.push(Block::para(
            "注：★ 为建档立卡（脱贫）户，按身份证号与登记册比对得出；签名须本人签写，不得代签。",
            9.0,
        ));
        blocks.push(sign_block());
    }
    Form {
        kind: FormKind::Signin,
        record_id: s.id.clone(),
        record_label: format!("培训“{}”的签到表", s.title),
        version,
        doc: FormDoc {
            name: format!("{} 签到表", s.title),
            page: A4_PORTRAIT,
            margins: Margins::form(),
            blocks,
            footer: footer(PageNumbers::Form, 1.5),
        },
    }
}
