//! Imports of people into a record: a roster into an agreement, a sign-in list into a training
//! session (with its half-day slot column).

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::Transaction;

use super::columns::{col, ColumnSpec, Mapping};
use super::driver::{Importer, Prepared};
use super::lookup::{id_cell, valid_id_key};
use super::read::Cell;
use super::{sheet_code, Problem};
use crate::domain::agreements::{LinkageMode, RosterInput};
use crate::domain::resident_id::ResidentId;
use crate::domain::training::AttendanceInput;
use crate::domain::Warning;
use crate::error::Result;
use crate::sheets::sql::records::{import_attendance, import_roster_row, AttendanceImport};
use crate::sheets::sql::RowOutcome;
use crate::store::write::Writer;
use crate::Code;
use crate::Store;

pub const ROSTER_COLUMNS: &[ColumnSpec] = &[
    col("headName", "户主姓名", &["姓名", "户主", "农户姓名"], true),
    col(
        "idNumber",
        "身份证号",
        &["身份证号码", "公民身份号码", "户主身份证号", "身份证"],
        true,
    ),
    col(
        "mode",
        "带贫方式",
        &["帮扶方式", "联结方式", "带动方式"],
        false,
    ),
    col(
        "content",
        "带贫内容",
        &["帮扶内容", "内容", "带动内容"],
        false,
    ), // In a township's roster export: rows of other agreements are refused, not added here.
    col("agreement", "协议编号", &["带贫协议编号", "协议号"], false),
];

const MODES: [LinkageMode; 6] = [
    LinkageMode::ProtectivePurchase,
    LinkageMode::SaleOnBehalf,
    LinkageMode::Employment,
    LinkageMode::Dividend,
    LinkageMode::LandLease,
    LinkageMode::Training,
];

/// An ID cell checked by the domain rule, as a problem at the ID column.
fn parsed_id(
    mapping: &Mapping,
    row: &[Cell],
    sheet_row: u32,
    today: NaiveDate,
) -> std::result::Result<String, Problem> {
    let raw = id_cell(mapping, row, sheet_row)?;
    ResidentId::parse(&raw, "idNumber", today)
        .map(|p| p.id.as_str().to_string())
        .map_err(|e| {
            Problem::error(
                Some(sheet_row),
                mapping.letter("idNumber"),
                Some("身份证号".into()),
                sheet_code(e.code),
                e.message,
            )
        })
}

pub(crate) struct RosterImporter {
    agreement_id: String,
    agreement_number: String,
    today: NaiveDate,
    /// ID number → (household id, head's name).
    register: HashMap<String, (String, String)>,
}

impl RosterImporter {
    pub(crate) fn new(store: &Store, into: Option<&str>) -> Result<RosterImporter> {
        let key = into.ok_or_else(|| {
            crate::domain::Invalid::new(
                Code::IMPORT_INTO,
                "into",
                "导入花名册要指定带贫协议（--into 协议编号或 id）。",
            )
        })?;
        let (agreement_id, agreement_number) = store.find_agreement(key)?;
        Ok(RosterImporter {
            agreement_id,
            agreement_number,
            today: store.today(),
            register: store.household_ids_by_number()?,
        })
    }
}

impl Importer for RosterImporter {
    type Item = RosterInput;

    fn specs(&self) -> &'static [ColumnSpec] {
        ROSTER_COLUMNS
    }

    fn key_column(&self) -> &'static str {
        "idNumber"
    }

    fn prepare(
        &mut self,
        mapping: &Mapping,
        row: &[Cell],
        sheet_row: u32,
    ) -> Prepared<RosterInput> {
        let name = mapping.text(row, "headName");
        let item = (|| {
            let at = |key: &str, label: &str, code: Code, message: String| {
                Problem::error(
                    Some(sheet_row),
                    mapping.letter(key),
                    Some(label.into()),
                    code,
                    message,
                )
            };
            let number = mapping.text(row, "agreement");
            if !number.is_empty() && number != self.agreement_number {
                return Err(at("agreement", "协议编号", Code::ROSTER_OTHER_AGREEMENT, format!(
                    "本行属于协议 {number}，不是正在导入的协议 {}。请只导入本协议的行，或把它导入到协议 {number}。",
                    self.agreement_number
                )));
            }
            let id = parsed_id(mapping, row, sheet_row, self.today)?;
            let (household_id, registered_name) = self.register.get(&id).ok_or_else(|| {
                at("idNumber", "身份证号", Code::ROSTER_HOUSEHOLD, format!(
                    "身份证号 {} 不在建档立卡户登记册中。花名册只能列登记在册的农户：请核对号码，或先导入/登记该户。",
                    ResidentId::from_stored(id.clone()).masked_for_list()
                ))
            })?;
            if *registered_name != name {
                return Err(at("headName", "户主姓名", Code::ROSTER_NAME_MISMATCH, format!(
                    "户主姓名“{name}”与登记册不一致（登记册为“{registered_name}”）。请核对姓名和身份证号是否是同一户。"
                )));
            }
            let mode_text = mapping.text(row, "mode");
            let mode = match mode_text.as_str() {
                "" => LinkageMode::ProtectivePurchase,
                t => MODES.into_iter().find(|m| m.label() == t).ok_or_else(|| {
                    let labels: Vec<&str> = MODES.iter().map(|m| m.label()).collect();
                    at(
                        "mode",
                        "带贫方式",
                        Code::ROSTER_MODE,
                        format!("带贫方式“{t}”不认识，应是以下之一：{}。", labels.join("、")),
                    )
                })?,
            };
            Ok(RosterInput {
                agreement_id: self.agreement_id.clone(),
                household_id: household_id.clone(),
                mode,
                content: mapping.text(row, "content"),
            })
        })();
        let key = valid_id_key(&mapping.text(row, "idNumber"), self.today);
        Prepared {
            row: sheet_row,
            label: name,
            key,
            item,
        }
    }

    fn apply(
        &self,
        tx: &Transaction,
        writer: &Writer,
        item: &RosterInput,
    ) -> Result<(RowOutcome, Vec<Warning>)> {
        import_roster_row(tx, writer, item)
    }

    fn columns_of(&self, field: &str) -> Vec<&'static str> {
        match field {
            "householdId" => vec!["idNumber"],
            "content" => vec!["content"],
            "status" => vec!["idNumber"],
            _ => vec![],
        }
    }
}

pub const ATTENDANCE_COLUMNS: &[ColumnSpec] = &[
    col("name", "姓名", &["学员姓名", "参训人员", "户主姓名"], true),
    col(
        "idNumber",
        "身份证号",
        &["身份证号码", "公民身份号码", "身份证"],
        true,
    ),
    col("phone", "联系电话", &["手机号", "电话", "手机号码"], false),
    col(
        "slot",
        "时段",
        &["培训时段", "签到时段", "日期时段", "半天"],
        false,
    ),
    col("signed", "签名", &["是否签名", "已签名", "本人签名"], false),
    col("sheetPage", "签到表页码", &["页码", "签到表位置"], false),
    // In a township's attendance export: rows of other sessions are refused, not added here.
    col("session", "培训", &["培训名称", "培训班"], false),
];

pub(crate) struct AttendanceImporter {
    session_id: String,
    title: String,
    slots: Vec<String>,
    today: NaiveDate,
}

impl AttendanceImporter {
    pub(crate) fn new(store: &Store, into: Option<&str>) -> Result<AttendanceImporter> {
        let key = into.ok_or_else(|| {
            crate::domain::Invalid::new(
                Code::IMPORT_INTO,
                "into",
                "导入签到表要指定培训（--into 培训 id 或名称）。",
            )
        })?;
        let (session_id, title, slots) = store.find_session(key)?;
        Ok(AttendanceImporter {
            session_id,
            title,
            slots,
            today: store.today(),
        })
    }
}

impl Importer for AttendanceImporter {
    type Item = AttendanceImport;

    fn specs(&self) -> &'static [ColumnSpec] {
        ATTENDANCE_COLUMNS
    }

    fn key_column(&self) -> &'static str {
        "idNumber"
    }

    fn prepare(
        &mut self,
        mapping: &Mapping,
        row: &[Cell],
        sheet_row: u32,
    ) -> Prepared<AttendanceImport> {
        let name = mapping.text(row, "name");
        let slot_text = mapping.text(row, "slot");
        let slot = match (slot_text.as_str(), self.slots.as_slice()) {
            ("", [only]) => Ok(only.clone()),
            ("", _) => Err(Problem::error(
                Some(sheet_row),
                mapping.letter("slot"),
                Some("时段".into()),
                Code::ATTENDANCE_SLOT,
                format!(
                    "本期培训有 {} 个时段，请在“时段”列写明本行是哪个半天（如 2019-06-03 上午）。",
                    self.slots.len()
                ),
            )),
            (t, _) => crate::domain::training::Slot::parse(t, Code::ATTENDANCE_SLOT, "slot")
                .map(|s| s.to_string())
                .map_err(|e| {
                    Problem::error(
                        Some(sheet_row),
                        mapping.letter("slot"),
                        Some("时段".into()),
                        e.code,
                        e.message,
                    )
                }),
        };
        let signed_text = mapping.text(row, "signed");
        let session = mapping.text(row, "session");
        let item = (|| {
            if !session.is_empty() && session != self.title {
                return Err(Problem::error(
                    Some(sheet_row),
                    mapping.letter("session"),
                    Some("培训".into()),
                    Code::ATTENDANCE_OTHER_SESSION,
                    format!(
                        "本行属于培训“{session}”，不是正在导入的“{}”。请只导入本期培训的行。",
                        self.title
                    ),
                ));
            }
            let id_number = id_cell(mapping, row, sheet_row)?;
            let absent = ["phone", "signed", "sheetPage"]
                .into_iter()
                .filter(|k| !mapping.has(k))
                .collect();
            let input = AttendanceInput {
                session_id: self.session_id.clone(),
                slot: slot.clone()?,
                name: name.clone(),
                id_number,
                phone: mapping.text(row, "phone"),
                township_id: None,
                village_id: None,
                signed: matches!(
                    signed_text.as_str(),
                    "是" | "√" | "已签" | "已签名" | "1" | "Y" | "y"
                ),
                sheet_page: mapping.text(row, "sheetPage"),
            };
            Ok(AttendanceImport { input, absent })
        })();
        let key = valid_id_key(&mapping.text(row, "idNumber"), self.today)
            .zip(slot.ok())
            .map(|(id, slot)| format!("{id} {slot}"));
        Prepared {
            row: sheet_row,
            label: name,
            key,
            item,
        }
    }

    fn apply(
        &self,
        tx: &Transaction,
        writer: &Writer,
        item: &AttendanceImport,
    ) -> Result<(RowOutcome, Vec<Warning>)> {
        import_attendance(tx, writer, self.today, item)
    }

    fn columns_of(&self, field: &str) -> Vec<&'static str> {
        match field {
            "name" => vec!["name"],
            "idNumber" => vec!["idNumber"],
            "phone" => vec!["phone"],
            "slot" => vec!["slot"],
            "sheetPage" => vec!["sheetPage"],
            "villageId" | "townshipId" => vec!["idNumber"],
            _ => vec![],
        }
    }
}
