//! Attendance (签到): adding one row or a whole sheet, taking a row back, reading them.

use std::collections::HashMap;
use std::sync::LazyLock;

use chrono::NaiveDate;
use rusqlite::Row;

use super::attendance_id;
use super::attendance_write::{refuse_locked_session, session_facts, write_attendance};
use super::register_match::{household_now, poor_now};
use crate::domain::resident_id::ResidentId;
use crate::domain::training::{
    age_on, slot_label, AttendanceInput, AttendanceRow, Audience, Sex, NAME_MISMATCH_LABEL,
    NOT_IN_REGISTER,
};
use crate::domain::Saved;
use crate::error::{Error, Result};
use crate::store::entities::ATTENDANCE;
use crate::store::records::household_members::register_person;
use crate::store::write::{self, Op};
use crate::store::Query;
use crate::store::Store;
use rusqlite::types::Value as SqlValue;

/// A sign-in row with its register fields as the register is now (`register_match`): the
/// household and category shown and the poor flag are derived, never the stored ones.
static ATTENDANCE_SELECT: LazyLock<String> = LazyLock::new(|| {
    format!(
        "SELECT a.id, a.session_id, a.slot, a.name, a.sex, a.id_number,
            a.phone, a.township_id, coalesce(t.name, ''), a.village_id, coalesce(v.name, ''),
            {poor}, h.id, c.label, a.signed, a.sheet_page, a.status, a.audience
         FROM attendance a
         LEFT JOIN township t ON t.id = a.township_id
         LEFT JOIN village v ON v.id = a.village_id
         LEFT JOIN household h ON h.id = {household}
         LEFT JOIN household_category c ON c.code = h.category
         WHERE a.deleted_hlc IS NULL",
        poor = poor_now("a"),
        household = household_now("a"),
    )
});

fn attendance_from_row(r: &Row) -> rusqlite::Result<AttendanceRow> {
    let slot: String = r.get(2)?;
    let id_number: String = r.get(5)?;
    let birth = NaiveDate::parse_from_str(id_number.get(6..14).unwrap_or_default(), "%Y%m%d");
    let day = NaiveDate::parse_from_str(slot.get(..10).unwrap_or_default(), "%Y-%m-%d");
    let age = match (birth, day) {
        (Ok(birth), Ok(day)) => age_on(birth, day),
        _ => 0,
    };
    let sex = Sex::from_code(&r.get::<_, String>(4)?);
    let household_id: Option<String> = r.get(12)?;
    let category: Option<String> = r.get(13)?;
    let poor: bool = r.get(11)?;
    Ok(AttendanceRow {
        id: r.get(0)?,
        session_id: r.get(1)?,
        slot_label: slot_label(&slot),
        slot,
        name: r.get(3)?,
        sex,
        sex_label: sex.label().to_string(),
        id_masked: ResidentId::from_stored(id_number).masked_for_list(),
        age,
        phone: r.get(6)?,
        township_id: r.get(7)?,
        township_name: r.get(8)?,
        village_id: r.get(9)?,
        village_name: r.get(10)?,
        poor,
        register_label: match (&household_id, category, poor) {
            (None, _, _) => NOT_IN_REGISTER.to_string(),
            (Some(_), _, false) => NAME_MISMATCH_LABEL.to_string(),
            (Some(_), Some(label), true) => label,
            (Some(_), None, true) => "建档立卡户".to_string(),
        },
        name_mismatch: household_id.is_some() && !poor,
        audience: Audience::from_code(&r.get::<_, String>(17)?),
        household_id,
        signed: r.get(14)?,
        sheet_page: r.get(15)?,
        status: r.get(16)?,
    })
}

/// Names the batch row a refusal belongs to; database errors pass through unchanged.
impl Store {
    /// Records one person in one slot. The poor flag comes from the household register (by ID
    /// number), never from the input. Refuses an invalid ID, a slot the session does not have,
    /// the same person twice in a slot, a locked session; warns about the same person in the
    /// same slot of another session, a slot above the planned headcount, an age outside 16–75.
    pub fn add_attendance(&mut self, input: &AttendanceInput) -> Result<Saved<AttendanceRow>> {
        let valid = input.validated(self.today())?;
        let id = attendance_id(
            &valid.session_id,
            &valid.slot.to_string(),
            valid.id.id.as_str(),
        );
        let warnings = self.write(|tx, writer| write_attendance(tx, writer, &valid, &id))?;
        Ok(Saved::new(self.attendance_row(&id)?, warnings))
    }

    /// A sign-in sheet (or a whole import) in ONE transaction, each row as `add_attendance`.
    /// The first refusal refuses the batch and nothing is written; its message begins with
    /// `第 N 条：` (N = index in `inputs` + 1). A person twice in the batch in one slot is a
    /// duplicate like one already recorded.
    pub fn add_attendances(
        &mut self,
        inputs: &[AttendanceInput],
    ) -> Result<Vec<Saved<AttendanceRow>>> {
        let today = self.today();
        let mut rows = Vec::with_capacity(inputs.len());
        for (index, input) in inputs.iter().enumerate() {
            let valid = input
                .validated(today)
                .map_err(|e| Error::in_batch_row(index, e.into()))?;
            let id = attendance_id(
                &valid.session_id,
                &valid.slot.to_string(),
                valid.id.id.as_str(),
            );
            rows.push((valid, id));
        }
        let warnings = self.write(|tx, writer| {
            rows.iter()
                .enumerate()
                .map(|(index, (valid, id))| {
                    write_attendance(tx, writer, valid, id)
                        .map_err(|e| Error::in_batch_row(index, e))
                })
                .collect::<Result<Vec<_>>>()
        })?;
        let ids: Vec<&str> = rows.iter().map(|(_, id)| id.as_str()).collect();
        let mut saved: HashMap<String, AttendanceRow> = {
            let mut stmt = self.conn.prepare_cached(&format!(
                "{} AND a.id IN (SELECT value FROM json_each(?1))",
                *ATTENDANCE_SELECT
            ))?;
            let wanted = serde_json::to_string(&ids).expect("ids serialise");
            let mapped = stmt.query_map([wanted], attendance_from_row)?;
            mapped
                .map(|r| r.map(|a| (a.id.clone(), a)))
                .collect::<rusqlite::Result<_>>()?
        };
        ids.iter()
            .zip(warnings)
            .map(|(id, warnings)| {
                let record = saved
                    .remove(*id)
                    .ok_or_else(|| Error::not_found("培训签到", id))?;
                Ok(Saved { record, warnings })
            })
            .collect()
    }

    /// A person confirms that a registered ID signed in under another name is the registered
    /// person (a nickname, a typing slip on the sheet): every live row of that name and ID in
    /// the session is marked confirmed and counts poor, through the write path (the history
    /// shows who confirmed it). Refused when the name matches the register or the ID is not
    /// registered (`ATTENDANCE_NAME_MATCHES`), or the session is locked.
    pub fn confirm_attendance_name(&mut self, attendance_id: &str) -> Result<Vec<AttendanceRow>> {
        let (session_id, id_number, name): (String, String, String) = self
            .conn
            .row(
                "SELECT session_id, id_number, name FROM attendance
                 WHERE id = ?1 AND deleted_hlc IS NULL",
                [attendance_id],
            )?
            .ok_or_else(|| Error::not_found("培训签到", attendance_id))?;
        let ids = self.write(|tx, writer| {
            let session = session_facts(tx, &session_id)?;
            refuse_locked_session(&session.status, &session.title)?;
            let person = register_person(tx, &id_number)?;
            crate::domain::refuse_if(
                person.as_ref().is_none_or(|p| p.name == name),
                crate::Code::ATTENDANCE_NAME_MATCHES,
                "name",
                format!(
                    "{name}的签到无需核实：{}",
                    match person {
                        Some(_) => "姓名与登记册一致，已计为贫困人口。",
                        None => "身份证号不在登记册中（不在登记册的人不计为贫困人口）。",
                    }
                ),
            )?;
            let ids: Vec<String> = tx.list(
                "SELECT id FROM attendance
                 WHERE session_id = ?1 AND id_number = ?2 AND name = ?3 AND deleted_hlc IS NULL
                 ORDER BY slot",
                rusqlite::params![session_id, id_number, name],
                |r| r.get(0),
            )?;
            for id in &ids {
                write::record(
                    tx,
                    writer,
                    &ATTENDANCE,
                    id,
                    Op::Update,
                    &[
                        ("name_confirmed", SqlValue::Integer(1)),
                        ("poor", SqlValue::Integer(1)),
                    ],
                )?;
            }
            Ok(ids)
        })?;
        ids.iter().map(|id| self.attendance_row(id)).collect()
    }

    /// Takes back an attendance row entered by mistake (a tombstone; the log keeps both).
    pub fn remove_attendance(&mut self, id: &str) -> Result<()> {
        let session_id: String = self
            .conn
            .value(
                "SELECT session_id FROM attendance WHERE id = ?1 AND deleted_hlc IS NULL",
                [id],
            )?
            .ok_or_else(|| Error::not_found("培训签到", id))?;
        self.write(|tx, writer| {
            let session = session_facts(tx, &session_id)?;
            refuse_locked_session(&session.status, &session.title)?;
            write::record(tx, writer, &ATTENDANCE, id, Op::Delete, &[])
        })?;
        Ok(())
    }

    /// A session's attendance, by slot and then in the order it was entered.
    pub fn attendance(&self, session_id: &str) -> Result<Vec<AttendanceRow>> {
        Ok(self.conn.list(
            &format!(
                "{} AND a.session_id = ?1 ORDER BY a.slot, a.rowid",
                *ATTENDANCE_SELECT
            ),
            [session_id],
            attendance_from_row,
        )?)
    }

    fn attendance_row(&self, id: &str) -> Result<AttendanceRow> {
        self.conn
            .first(
                &format!("{} AND a.id = ?1", *ATTENDANCE_SELECT),
                [id],
                attendance_from_row,
            )?
            .ok_or_else(|| Error::not_found("培训签到", id))
    }
}
