//! 培训签到表: one page (or more) per half-day slot, names pre-filled from the attendance or
//! left blank, poor trainees marked, a blank signature cell on every row.

use crate::domain::training::{AttendanceRow, TrainingSession};
use crate::print::layout::{Block, A4_PORTRAIT};
use crate::print::{Form, FormKind};

use super::{date_zh, form_doc, kv_table, masked_phone, sign_block, TableOf};

/// Empty rows after the pre-filled names, for late arrivals.
pub const SPARE_ROWS: usize = 5;

/// A cell of a pre-filled row; empty on the blank rows below them.
fn filled(cell: fn(&AttendanceRow) -> String) -> impl Fn(&Option<&AttendanceRow>) -> String {
    move |row| row.map(cell).unwrap_or_default()
}

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
            [("培训类别", &s.kind_label), ("时段", &slot.label)],
            [("主办单位", &s.organiser), ("承办单位", &s.provider)],
            [("培训地点", &s.venue), ("培训日期", &dates)],
            [("授课人", &trainers), ("计划人数", &planned)],
        ]));
        blocks.push(Block::Space(6.0));
        let mut people: Vec<Option<&AttendanceRow>> = attendance
            .iter()
            .filter(|a| a.slot == slot.slot)
            .map(Some)
            .collect();
        let blanks = if people.is_empty() {
            (s.planned_headcount as usize).max(SPARE_ROWS)
        } else {
            SPARE_ROWS
        };
        people.extend(std::iter::repeat_n(None, blanks));
        blocks.push(
            TableOf::new(&people)
                .numbered(0.5)
                .center("姓名", 1.0, filled(|a| a.name.clone()))
                .center("性别", 0.5, filled(|a| a.sex_label.clone()))
                .left(
                    "乡镇村",
                    1.8,
                    filled(|a| format!("{}{}", a.township_name, a.village_name)),
                )
                .center("身份证号", 1.9, filled(|a| a.id_masked.clone()))
                .center("联系电话", 1.3, filled(|a| masked_phone(&a.phone)))
                .center(
                    "脱贫户",
                    0.6,
                    filled(|a| if a.poor { "★" } else { "" }.to_string()),
                )
                // Two lines high: room to sign by hand.
                .center("本人签名", 1.4, |_| "\n".into())
                .block(),
        );
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
        doc: form_doc(format!("{} 签到表", s.title), A4_PORTRAIT, blocks),
    }
}
