//! Attendance (签到): adding one row or a whole sheet, taking a row back, reading them.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::Row;

use super::attendance_id;
use super::attendance_write::{refuse_locked_session, session_facts, write_attendance};
use crate::domain::resident_id::ResidentId;
use crate::domain::training::{
    age_on, slot_label, AttendanceInput, AttendanceRow, Sex, NOT_IN_REGISTER,
};
use crate::domain::Saved;
use crate::error::{Error, Result};
use crate::store::entities::ATTENDANCE;
use crate::store::write::{self, Op};
use crate::store::Query;
use crate::store::Store;

const ATTENDANCE_SELECT: &str = "SELECT a.id, a.session_id, a.slot, a.name, a.sex, a.id_number,
        a.phone, a.township_id, coalesce(t.name, ''), a.village_id, coalesce(v.name, ''),
        a.poor, a.household_id, c.label, a.signed, a.sheet_page, a.status
     FROM attendance a
     LEFT JOIN township t ON t.id = a.township_id
     LEFT JOIN village v ON v.id = a.village_id
     LEFT JOIN household h ON h.id = a.household_id
     LEFT JOIN household_category c ON c.code = h.category
     WHERE a.deleted_hlc IS NULL";

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
        poor: r.get(11)?,
        register_label: match (&household_id, category) {
            (None, _) => NOT_IN_REGISTER.to_string(),
            (Some(_), Some(label)) => label,
            (Some(_), None) => "建档立卡户".to_string(),
        },
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
        let register = self.household_by_id_number(valid.id.id.as_str())?;
        let id = attendance_id(
            &valid.session_id,
            &valid.slot.to_string(),
            valid.id.id.as_str(),
        );
        let warnings =
            self.write(|tx, writer| write_attendance(tx, writer, &valid, register.as_ref(), &id))?;
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
            let register = self.household_by_id_number(valid.id.id.as_str())?;
            let id = attendance_id(
                &valid.session_id,
                &valid.slot.to_string(),
                valid.id.id.as_str(),
            );
            rows.push((valid, register, id));
        }
        let warnings = self.write(|tx, writer| {
            rows.iter()
                .enumerate()
                .map(|(index, (valid, register, id))| {
                    write_attendance(tx, writer, valid, register.as_ref(), id)
                        .map_err(|e| Error::in_batch_row(index, e))
                })
                .collect::<Result<Vec<_>>>()
        })?;
        let ids: Vec<&str> = rows.iter().map(|(_, _, id)| id.as_str()).collect();
        let mut saved: HashMap<String, AttendanceRow> = {
            let mut stmt = self.conn.prepare_cached(&format!(
                "{ATTENDANCE_SELECT} AND a.id IN (SELECT value FROM json_each(?1))"
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
            &format!("{ATTENDANCE_SELECT} AND a.session_id = ?1 ORDER BY a.slot, a.rowid"),
            [session_id],
            attendance_from_row,
        )?)
    }

    fn attendance_row(&self, id: &str) -> Result<AttendanceRow> {
        self.conn
            .first(
                &format!("{ATTENDANCE_SELECT} AND a.id = ?1"),
                [id],
                attendance_from_row,
            )?
            .ok_or_else(|| Error::not_found("培训签到", id))
    }
}
