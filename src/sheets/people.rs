//! Imports of people into a record: a roster into an agreement, a sign-in list into a training
//! session (with its half-day slot column).

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::Transaction;

use super::columns::{optional, required, ColumnSpec};
use super::driver::{Applied, Importer, Prepared, SheetRow};
use super::lookup::{id_cell, into_key, valid_id_key};
use super::{sheet_code, Problem};
use crate::domain::agreements::{LinkageMode, RosterInput};
use crate::domain::resident_id::ResidentId;
use crate::domain::training::AttendanceInput;
use crate::error::Result;
use crate::sheets::sql::records::{import_attendance, import_roster_row, AttendanceImport};
use crate::store::write::Writer;
use crate::Code;
use crate::Store;

pub const ROSTER_COLUMNS: &[ColumnSpec] = &[
    required("headName", "户主姓名", &["姓名", "户主", "农户姓名"]),
    required(
        "idNumber",
        "身份证号",
        &["身份证号码", "公民身份号码", "户主身份证号", "身份证"],
    ),
    optional("mode", "带贫方式", &["帮扶方式", "联结方式", "带动方式"]),
    optional("content", "带贫内容", &["帮扶内容", "内容", "带动内容"]), // In a township's roster export: rows of other agreements are refused, not added here.
    optional("agreement", "协议编号", &["带贫协议编号", "协议号"]),
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
fn parsed_id(row: &SheetRow, today: NaiveDate) -> std::result::Result<String, Problem> {
    let raw = id_cell(row)?;
    ResidentId::parse(&raw, "idNumber", today)
        .map(|p| p.id.as_str().to_string())
        .map_err(|e| row.problem("idNumber", sheet_code(e.code), e.message))
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
        let key = into_key(into, "导入花名册要指定带贫协议（--into 协议编号或 id）。")?;
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
    const COLUMNS: &'static [ColumnSpec] = ROSTER_COLUMNS;
    const KEY_COLUMN: &'static str = "idNumber";
    const SAME_NAMED: &'static [&'static str] = &["content"];
    const FIELD_COLUMNS: &'static [(&'static str, &'static [&'static str])] =
        &[("householdId", &["idNumber"]), ("status", &["idNumber"])];

    fn prepare(&mut self, row: &SheetRow) -> Prepared<RosterInput> {
        let name = row.text("headName");
        let item = (|| {
            let number = row.text("agreement");
            if !number.is_empty() && number != self.agreement_number {
                return Err(row.problem("agreement", Code::ROSTER_OTHER_AGREEMENT, format!(
                    "本行属于协议 {number}，不是正在导入的协议 {}。请只导入本协议的行，或把它导入到协议 {number}。",
                    self.agreement_number
                )));
            }
            let id = parsed_id(row, self.today)?;
            let (household_id, registered_name) = self.register.get(&id).ok_or_else(|| {
                row.problem("idNumber", Code::ROSTER_HOUSEHOLD, format!(
                    "身份证号 {} 不在建档立卡户登记册中。花名册只能列登记在册的农户：请核对号码，或先导入/登记该户。",
                    ResidentId::from_stored(id.clone()).masked_for_list()
                ))
            })?;
            if *registered_name != name {
                return Err(row.problem("headName", Code::ROSTER_NAME_MISMATCH, format!(
                    "户主姓名“{name}”与登记册不一致（登记册为“{registered_name}”）。请核对姓名和身份证号是否是同一户。"
                )));
            }
            let mode_text = row.text("mode");
            let mode = match mode_text.as_str() {
                "" => LinkageMode::ProtectivePurchase,
                t => MODES.into_iter().find(|m| m.label() == t).ok_or_else(|| {
                    let labels: Vec<&str> = MODES.iter().map(|m| m.label()).collect();
                    row.problem(
                        "mode",
                        Code::ROSTER_MODE,
                        format!("带贫方式“{t}”不认识，应是以下之一：{}。", labels.join("、")),
                    )
                })?,
            };
            Ok(RosterInput {
                agreement_id: self.agreement_id.clone(),
                household_id: household_id.clone(),
                mode,
                content: row.text("content"),
            })
        })();
        let key = valid_id_key(&row.text("idNumber"), self.today);
        row.prepared(name, key, item)
    }

    fn apply(&mut self, tx: &Transaction, writer: &Writer, item: &RosterInput) -> Applied {
        import_roster_row(tx, writer, item)
    }
}

pub const ATTENDANCE_COLUMNS: &[ColumnSpec] = &[
    required("name", "姓名", &["学员姓名", "参训人员", "户主姓名"]),
    required(
        "idNumber",
        "身份证号",
        &["身份证号码", "公民身份号码", "身份证"],
    ),
    optional("phone", "联系电话", &["手机号", "电话", "手机号码"]),
    optional(
        "slot",
        "时段",
        &["培训时段", "签到时段", "日期时段", "半天"],
    ),
    optional("signed", "签名", &["是否签名", "已签名", "本人签名"]),
    optional("sheetPage", "签到表页码", &["页码", "签到表位置"]),
    // Empty or absent: the session's audience.
    optional(
        "audience",
        "培训对象",
        &["对象", "学员类别", "人员类别", "身份", "参训对象"],
    ),
    // In a township's attendance export: rows of other sessions are refused, not added here.
    optional("session", "培训", &["培训名称", "培训班"]),
];

pub(crate) struct AttendanceImporter {
    session_id: String,
    title: String,
    slots: Vec<String>,
    today: NaiveDate,
}

impl AttendanceImporter {
    pub(crate) fn new(store: &Store, into: Option<&str>) -> Result<AttendanceImporter> {
        let key = into_key(into, "导入签到表要指定培训（--into 培训 id 或名称）。")?;
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
    const COLUMNS: &'static [ColumnSpec] = ATTENDANCE_COLUMNS;
    const KEY_COLUMN: &'static str = "idNumber";
    const SAME_NAMED: &'static [&'static str] =
        &["name", "idNumber", "phone", "slot", "sheetPage", "audience"];
    const FIELD_COLUMNS: &'static [(&'static str, &'static [&'static str])] =
        &[("villageId", &["idNumber"]), ("townshipId", &["idNumber"])];

    fn prepare(&mut self, row: &SheetRow) -> Prepared<AttendanceImport> {
        let name = row.text("name");
        let slot_text = row.text("slot");
        let slot = match (slot_text.as_str(), self.slots.as_slice()) {
            ("", [only]) => Ok(only.clone()),
            ("", _) => Err(row.problem(
                "slot",
                Code::ATTENDANCE_SLOT,
                format!(
                    "本期培训有 {} 个时段，请在“时段”列写明本行是哪个半天（如 2019-06-03 上午）。",
                    self.slots.len()
                ),
            )),
            (t, _) => crate::domain::training::Slot::parse(t, Code::ATTENDANCE_SLOT, "slot")
                .map(|s| s.to_string())
                .map_err(|e| row.problem("slot", e.code, e.message)),
        };
        let signed_text = row.text("signed");
        let session = row.text("session");
        let item = (|| {
            if !session.is_empty() && session != self.title {
                return Err(row.problem(
                    "session",
                    Code::ATTENDANCE_OTHER_SESSION,
                    format!(
                        "本行属于培训“{session}”，不是正在导入的“{}”。请只导入本期培训的行。",
                        self.title
                    ),
                ));
            }
            let id_number = id_cell(row)?;
            let audience =
                crate::domain::training::Audience::parse(&row.text("audience"), "audience")
                    .map_err(|e| row.problem("audience", e.code, e.message))?;
            let input = AttendanceInput {
                session_id: self.session_id.clone(),
                slot: slot.clone()?,
                name: name.clone(),
                id_number,
                phone: row.text("phone"),
                township_id: None,
                village_id: None,
                signed: matches!(
                    signed_text.as_str(),
                    "是" | "√" | "已签" | "已签名" | "1" | "Y" | "y"
                ),
                sheet_page: row.text("sheetPage"),
                audience,
            };
            let absent = row.absent(&["phone", "signed", "sheetPage"]);
            Ok(AttendanceImport { input, absent })
        })();
        let key = valid_id_key(&row.text("idNumber"), self.today)
            .zip(slot.ok())
            .map(|(id, slot)| format!("{id} {slot}"));
        row.prepared(name, key, item)
    }

    fn apply(&mut self, tx: &Transaction, writer: &Writer, item: &AttendanceImport) -> Applied {
        import_attendance(tx, writer, self.today, item)
    }
}
