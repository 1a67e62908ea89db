//! The one write path of an attendance row: the refusals (locked session, unknown slot, the
//! same person twice in a slot), the attendee's place, the poor flag from the register, and the
//! overlap, headcount and age warnings.

use rusqlite::types::Value as SqlValue;
use rusqlite::{params, OptionalExtension, Transaction};

use super::{json_list, live};
use crate::domain::household_members::RegisterPerson;
use crate::domain::refuse_if;
use crate::domain::training::{Audience, Sex, ValidAttendance};
use crate::domain::{Invalid, Warning};
use crate::error::{Error, Result};
use crate::store::entities::ATTENDANCE;
use crate::store::records::household_members::register_person;
use crate::store::write::{self, Op, Writer};
use crate::store::Query;
use crate::Code;

/// What the attendance rules need to know about a session.
pub(super) struct SessionFacts {
    pub(super) title: String,
    slots: Vec<String>,
    planned_headcount: i64,
    pub(super) status: String,
    audience: Audience,
}

pub(crate) fn session_facts(tx: &Transaction, session_id: &str) -> Result<SessionFacts> {
    tx.prepare_cached(
        "SELECT title, slots, planned_headcount, status, audience FROM training_session
         WHERE id = ?1 AND deleted_hlc IS NULL",
    )?
    .query_row([session_id], |r| {
        Ok(SessionFacts {
            title: r.get(0)?,
            slots: json_list(r, 1)?,
            planned_headcount: r.get(2)?,
            status: r.get(3)?,
            audience: Audience::from_code(&r.get::<_, String>(4)?),
        })
    })
    .optional()?
    .ok_or_else(|| Error::not_found("培训", session_id))
}

pub(crate) fn refuse_locked_session(status: &str, title: &str) -> Result<()> {
    refuse_if(
        status == "locked",
        Code::RECORD_LOCKED,
        "status",
        format!("培训“{title}”已被县里锁定，不能再增删签到。如需更正，请联系县电商中心解锁。"),
    )?;
    Ok(())
}

/// The attendee's township and village: as given (the village must lie in the township), else
/// the registered household's village, else none.
fn attendee_place(
    tx: &Transaction,
    valid: &ValidAttendance,
    register: Option<&RegisterPerson>,
) -> Result<(Option<String>, Option<String>)> {
    let township_of = |village: &str| -> Result<Option<String>> {
        Ok(tx.value(
            "SELECT township_id FROM village WHERE id = ?1 AND deleted_hlc IS NULL",
            [village],
        )?)
    };
    match (&valid.township_id, &valid.village_id) {
        (township, Some(village)) => {
            let Some(of_village) = township_of(village)? else {
                return Err(
                    Invalid::new(Code::REFERENCE_MISSING, "villageId", "所选的村不存在。").into(),
                );
            };
            refuse_if(
                township.as_ref().is_some_and(|t| *t != of_village),
                Code::ATTENDANCE_VILLAGE,
                "villageId",
                "所选的村不属于所选的乡镇，请重新选择。",
            )?;
            Ok((Some(of_village), Some(village.clone())))
        }
        (Some(township), None) => {
            refuse_if(
                !live(tx, "township", township)?,
                Code::REFERENCE_MISSING,
                "townshipId",
                "所选的乡镇不存在。",
            )?;
            Ok((Some(township.clone()), None))
        }
        (None, None) => match register {
            Some(person) => Ok((
                Some(person.township_id.clone()),
                Some(person.village_id.clone()),
            )),
            None => Ok((None, None)),
        },
    }
}

/// Whether a registered ID signed in under another name was already confirmed for this session
/// (a person checked it on an earlier slot): later slots of the same name count poor too.
fn name_confirmed_before(tx: &Transaction, valid: &ValidAttendance) -> Result<bool> {
    Ok(tx
        .value::<i64, _>(
            "SELECT 1 FROM attendance
             WHERE session_id = ?1 AND id_number = ?2 AND name = ?3 AND name_confirmed = 1
               AND deleted_hlc IS NULL LIMIT 1",
            params![valid.session_id, valid.id.id.as_str(), valid.name],
        )?
        .is_some())
}

/// The warning for a registered ID signed in under a name the register does not have.
fn name_mismatch(valid: &ValidAttendance, person: &RegisterPerson) -> Invalid {
    Invalid::new(
        Code::ATTENDANCE_NAME_MISMATCH,
        "name",
        format!(
            "身份证号 {} 在登记册中是{}（{}户，{}），签到填的是“{}”。核实是同一人之前不计为贫困人口；核实后请在签到列表中点“确认同一人”。",
            valid.id.id.masked_for_list(),
            person.name,
            person.head_name,
            person.village_name,
            valid.name
        ),
    )
}

/// Writes one attendance row after the refusals, and returns its warnings. The stored poor flag
/// and household are what the register says at sign-in (a head's or a member's ID, the name
/// matching or confirmed for this session; otherwise `ATTENDANCE_NAME_MISMATCH`): history only,
/// since every reader derives them from the register as it is now (`register_match`).
pub(crate) fn write_attendance(
    tx: &Transaction,
    writer: &Writer,
    valid: &ValidAttendance,
    id: &str,
) -> Result<Vec<Warning>> {
    let session = session_facts(tx, &valid.session_id)?;
    refuse_locked_session(&session.status, &session.title)?;
    let slot = valid.slot.to_string();
    refuse_slot_or_repeat(tx, &session, valid, &slot, id)?;
    let register = register_person(tx, valid.id.id.as_str())?;
    let register = register.as_ref();
    let (township_id, village_id) = attendee_place(tx, valid, register)?;
    let name_matches = register.is_some_and(|p| p.name == valid.name);
    let confirmed = register.is_some() && !name_matches && name_confirmed_before(tx, valid)?;
    let poor = name_matches || confirmed;
    let audience = valid.audience.unwrap_or(session.audience);
    let id_number = valid.id.id.as_str();
    let opt = |v: Option<String>| v.map_or(SqlValue::Null, SqlValue::Text);
    let values = [
        ("session_id", SqlValue::Text(valid.session_id.clone())),
        ("slot", SqlValue::Text(slot.clone())),
        ("name", SqlValue::Text(valid.name.clone())),
        (
            "sex",
            SqlValue::Text(Sex::from_male(valid.id.male).code().into()),
        ),
        ("id_number", SqlValue::Text(id_number.to_string())),
        ("phone", SqlValue::Text(valid.phone.clone())),
        ("township_id", opt(township_id)),
        ("village_id", opt(village_id)),
        (
            "household_id",
            opt(register.map(|p| p.household_id.clone())),
        ),
        ("poor", SqlValue::Integer(poor.into())),
        ("signed", SqlValue::Integer(valid.signed.into())),
        ("sheet_page", SqlValue::Text(valid.sheet_page.clone())),
        ("audience", SqlValue::Text(audience.code().into())),
        ("name_confirmed", SqlValue::Integer(confirmed.into())),
    ];
    write::record(tx, writer, &ATTENDANCE, id, Op::Create, &values)?;

    let mut warnings = sign_in_warnings(tx, &session, valid, &slot)?;
    if let Some(person) = register.filter(|_| !poor) {
        warnings.push(name_mismatch(valid, person).into());
    }
    Ok(warnings)
}

/// Refuses a slot the session does not have, and a person already signed in (or whose
/// sign-in was withdrawn) in this slot.
fn refuse_slot_or_repeat(
    tx: &Transaction,
    session: &SessionFacts,
    valid: &ValidAttendance,
    slot: &str,
    id: &str,
) -> Result<()> {
    refuse_if(
        !session.slots.iter().any(|s| s == slot),
        Code::ATTENDANCE_SLOT,
        "slot",
        format!(
            "培训“{}”没有 {} 这个时段，请从本期培训的时段中选择。",
            session.title,
            valid.slot.label()
        ),
    )?;
    let existing: Option<Option<i64>> =
        tx.value("SELECT deleted_hlc FROM attendance WHERE id = ?1", [id])?;
    match existing {
        Some(None) => {
            Err(Invalid::new(
                Code::ATTENDANCE_DUPLICATE,
                "idNumber",
                format!(
                    "{}（{}）已在本期培训 {} 签到，同一人同一时段只记一次。",
                    valid.name,
                    valid.id.id.masked_for_list(),
                    valid.slot.label()
                ),
            )
            .into())
        }
        Some(Some(_)) => {
            Err(Invalid::new(
                Code::ATTENDANCE_REMOVED,
                "idNumber",
                format!(
                    "{}在本期培训 {} 的签到曾被撤销，撤销记录需保留备查，不能再次录入。如确需恢复，请联系县电商中心。",
                    valid.name,
                    valid.slot.label()
                ),
            )
            .into())
        }
        None => Ok(()),
    }
}

/// What signing this person in leaves for the officer to check: the ID's own warnings, age,
/// the same person in another session at the same half-day (fabrication check 3) and more
/// people in the slot than planned (check 4).
fn sign_in_warnings(
    tx: &Transaction,
    session: &SessionFacts,
    valid: &ValidAttendance,
    slot: &str,
) -> Result<Vec<Warning>> {
    let id_number = valid.id.id.as_str();
    let mut warnings: Vec<Warning> = valid
        .id
        .warnings
        .iter()
        .cloned()
        .map(Warning::from)
        .collect();
    if let Some(age) = valid.age_warning() {
        warnings.push(age.into());
    }
    // Fabrication check 3: the same person signed in at another session in the same half-day.
    let elsewhere: Vec<(String, Option<String>)> = {
        let mut stmt = tx.prepare_cached(
            "SELECT s.title, t.name FROM attendance a
             JOIN training_session s ON s.id = a.session_id
             LEFT JOIN township t ON t.id = s.township_id
             WHERE a.id_number = ?1 AND a.slot = ?2 AND a.session_id <> ?3
               AND a.deleted_hlc IS NULL AND s.deleted_hlc IS NULL
             ORDER BY s.title",
        )?;
        let rows = stmt.query_map(params![id_number, slot, valid.session_id], |r| r.try_into())?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    if !elsewhere.is_empty() {
        let named: Vec<String> = elsewhere
            .iter()
            .map(|(title, township)| match township {
                Some(t) => format!("“{title}”（{t}）"),
                None => format!("“{title}”（县级）"),
            })
            .collect();
        warnings.push(
            Invalid::new(
                Code::ATTENDANCE_OVERLAP,
                "idNumber",
                format!(
                    "{}在同一时段（{}）还签到了培训{}。同一人不可能同时参加两期培训，请核实。",
                    valid.name,
                    valid.slot.label(),
                    named.join("、")
                ),
            )
            .into(),
        );
    }
    // Fabrication check 4: more people in a slot than the session planned for.
    let in_slot: i64 = tx
        .prepare_cached(
            "SELECT count(*) FROM attendance
             WHERE session_id = ?1 AND slot = ?2 AND deleted_hlc IS NULL",
        )?
        .query_row(params![valid.session_id, slot], |r| r.get(0))?;
    if in_slot > session.planned_headcount {
        warnings.push(
            Invalid::new(
                Code::ATTENDANCE_OVER_HEADCOUNT,
                "slot",
                format!(
                    "{}已签到 {in_slot} 人，超过本期计划人数 {} 人。请核对签到表。",
                    valid.slot.label(),
                    session.planned_headcount
                ),
            )
            .into(),
        );
    }
    Ok(warnings)
}
