//! Training sessions and attendance (签到) on the one write path; the poor flag derived from the
//! household register; the overlap, headcount and age warnings; programme totals.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::types::Value as SqlValue;
use rusqlite::{params, OptionalExtension, Row, Transaction};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::write::{self, Entity, Op, Writer};
use super::{Store, MAX_ATTACHMENT_BYTES};
use crate::domain::households::Household;
use crate::domain::resident_id::ResidentId;
use crate::domain::training::{
    age_on, days_of, slot_label, training_totals, AttendanceInput, AttendanceRow,
    SessionTallyInput, Sex, SlotTally, TrainingKind, TrainingSession, TrainingSessionInput,
    TrainingSessionSummary, TrainingTotals, ValidAttendance, ValidTrainingSession, NOT_IN_REGISTER,
};
use crate::domain::{Invalid, Saved, Warning};
use crate::error::{Error, Result};

pub const TRAINING_SESSION: Entity = Entity {
    name: "training_session",
    table: "training_session",
    label: "培训",
    columns: &[
        "programme_id",
        "kind",
        "title",
        "organiser",
        "provider",
        "venue",
        "township_id",
        "start_date",
        "end_date",
        "slots",
        "trainers",
        "outline",
        "planned_headcount",
        "sheet_photos",
        "status",
    ],
    append_only: false,
};

pub const ATTENDANCE: Entity = Entity {
    name: "attendance",
    table: "attendance",
    label: "培训签到",
    columns: &[
        "session_id",
        "slot",
        "name",
        "sex",
        "id_number",
        "phone",
        "township_id",
        "village_id",
        "household_id",
        "poor",
        "signed",
        "sheet_page",
        "status",
    ],
    append_only: false,
};

/// Attendance ids are UUIDv5 of (session, slot, ID number) in this namespace, so the same person
/// recorded in the same slot on two laptops is one row.
const ATTENDANCE_NAMESPACE: Uuid = Uuid::from_u128(0x3b8e_51d0_7c24_4f6a_9e13_a27d_c0f4_5b86);

/// The id of a person's attendance in one slot of one session. `slot` is the stored form
/// (`2019-06-03 am`); the ID number is normalised as `ResidentId` stores it.
pub fn attendance_id(session_id: &str, slot: &str, id_number: &str) -> String {
    Uuid::new_v5(
        &ATTENDANCE_NAMESPACE,
        format!("{session_id}/{slot}/{id_number}").as_bytes(),
    )
    .to_string()
}

const SESSION_SELECT: &str = "SELECT s.id, s.programme_id, p.name, s.kind, s.title, s.organiser,
        s.provider, s.venue, s.township_id, coalesce(t.name, ''), s.start_date, s.end_date,
        s.slots, s.trainers, s.outline, s.planned_headcount, s.sheet_photos, s.status
     FROM training_session s JOIN programme p ON p.id = s.programme_id
     LEFT JOIN township t ON t.id = s.township_id
     WHERE s.deleted_hlc IS NULL";

const ATTENDANCE_SELECT: &str = "SELECT a.id, a.session_id, a.slot, a.name, a.sex, a.id_number,
        a.phone, a.township_id, coalesce(t.name, ''), a.village_id, coalesce(v.name, ''),
        a.poor, a.household_id, c.label, a.signed, a.sheet_page, a.status
     FROM attendance a
     LEFT JOIN township t ON t.id = a.township_id
     LEFT JOIN village v ON v.id = a.village_id
     LEFT JOIN household h ON h.id = a.household_id
     LEFT JOIN household_category c ON c.code = h.category
     WHERE a.deleted_hlc IS NULL";

fn json_list(row: &Row, index: usize) -> rusqlite::Result<Vec<String>> {
    let text: String = row.get(index)?;
    serde_json::from_str(&text).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Text, Box::new(e))
    })
}

fn kind_from(code: &str) -> TrainingKind {
    TrainingKind::from_code(code).unwrap_or(TrainingKind::TownshipOnsite)
}

fn session_from_row(r: &Row) -> rusqlite::Result<TrainingSession> {
    let kind = kind_from(&r.get::<_, String>(3)?);
    let slots = json_list(r, 12)?;
    Ok(TrainingSession {
        id: r.get(0)?,
        programme_id: r.get(1)?,
        programme_name: r.get(2)?,
        kind,
        kind_label: kind.label().to_string(),
        title: r.get(4)?,
        organiser: r.get(5)?,
        provider: r.get(6)?,
        venue: r.get(7)?,
        township_id: r.get(8)?,
        township_name: r.get(9)?,
        start_date: r.get(10)?,
        end_date: r.get(11)?,
        days: days_of(&slots),
        slots: slots
            .iter()
            .map(|s| SlotTally {
                slot: s.clone(),
                label: slot_label(s),
                person_times: 0,
                poor_person_times: 0,
            })
            .collect(),
        trainers: json_list(r, 13)?,
        outline: r.get(14)?,
        planned_headcount: r.get(15)?,
        sheet_photos: json_list(r, 16)?,
        person_times: 0,
        distinct_persons: 0,
        poor_person_times: 0,
        status: r.get(17)?,
    })
}

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

/// What the attendance rules need to know about a session.
struct SessionFacts {
    title: String,
    slots: Vec<String>,
    planned_headcount: i64,
    status: String,
}

fn session_facts(tx: &Transaction, session_id: &str) -> Result<SessionFacts> {
    tx.prepare_cached(
        "SELECT title, slots, planned_headcount, status FROM training_session
         WHERE id = ?1 AND deleted_hlc IS NULL",
    )?
    .query_row([session_id], |r| {
        Ok(SessionFacts {
            title: r.get(0)?,
            slots: json_list(r, 1)?,
            planned_headcount: r.get(2)?,
            status: r.get(3)?,
        })
    })
    .optional()?
    .ok_or_else(|| Error::NotFound {
        what: "培训",
        key: session_id.to_string(),
    })
}

fn refuse_locked_session(status: &str, title: &str) -> Result<()> {
    if status == "locked" {
        return Err(Invalid::new(
            "RECORD_LOCKED",
            "status",
            format!("培训“{title}”已被县里锁定，不能再增删签到。如需更正，请联系县电商中心解锁。"),
        )
        .into());
    }
    Ok(())
}

fn session_values(valid: &ValidTrainingSession) -> Vec<(&'static str, SqlValue)> {
    let text = |s: &str| SqlValue::Text(s.to_string());
    let json = |v: &Vec<String>| SqlValue::Text(serde_json::to_string(v).expect("lists serialise"));
    vec![
        ("programme_id", text(&valid.programme_id)),
        ("kind", text(valid.kind.code())),
        ("title", text(&valid.title)),
        ("organiser", text(&valid.organiser)),
        ("provider", text(&valid.provider)),
        ("venue", text(&valid.venue)),
        (
            "township_id",
            valid
                .township_id
                .clone()
                .map_or(SqlValue::Null, SqlValue::Text),
        ),
        ("start_date", SqlValue::Text(valid.start_date.to_string())),
        ("end_date", SqlValue::Text(valid.end_date.to_string())),
        ("slots", json(&valid.slots)),
        ("trainers", json(&valid.trainers)),
        ("outline", text(&valid.outline)),
        (
            "planned_headcount",
            SqlValue::Integer(valid.planned_headcount.into()),
        ),
    ]
}

/// The programme exists and is a training programme; the township exists.
fn check_session_references(tx: &Transaction, valid: &ValidTrainingSession) -> Result<()> {
    let kind: Option<String> = tx
        .prepare_cached("SELECT kind FROM programme WHERE id = ?1 AND deleted_hlc IS NULL")?
        .query_row([&valid.programme_id], |r| r.get(0))
        .optional()?;
    match kind.as_deref() {
        Some("training") => {}
        Some(_) => {
            return Err(Invalid::new(
                "TRAINING_PROGRAMME",
                "programmeId",
                "所选的项目不是电商技能培训项目，请选择培训类项目。",
            )
            .into())
        }
        None => {
            return Err(
                Invalid::new("TRAINING_PROGRAMME", "programmeId", "所选的项目不存在。").into(),
            )
        }
    }
    if let Some(township) = &valid.township_id {
        if !live(tx, "township", township)? {
            return Err(
                Invalid::new("REFERENCE_MISSING", "townshipId", "所选的乡镇不存在。").into(),
            );
        }
    }
    Ok(())
}

fn live(tx: &Transaction, table: &str, id: &str) -> Result<bool> {
    Ok(tx
        .prepare_cached(&format!(
            "SELECT 1 FROM {table} WHERE id = ?1 AND deleted_hlc IS NULL"
        ))?
        .query_row([id], |r| r.get::<_, i64>(0))
        .optional()?
        .is_some())
}

/// The attendee's township and village: as given (the village must lie in the township), else
/// the registered household's village, else none.
fn attendee_place(
    tx: &Transaction,
    valid: &ValidAttendance,
    register: Option<&Household>,
) -> Result<(Option<String>, Option<String>)> {
    let township_of = |village: &str| -> Result<Option<String>> {
        Ok(tx
            .prepare_cached(
                "SELECT township_id FROM village WHERE id = ?1 AND deleted_hlc IS NULL",
            )?
            .query_row([village], |r| r.get(0))
            .optional()?)
    };
    match (&valid.township_id, &valid.village_id) {
        (township, Some(village)) => {
            let Some(of_village) = township_of(village)? else {
                return Err(
                    Invalid::new("REFERENCE_MISSING", "villageId", "所选的村不存在。").into(),
                );
            };
            if township.as_ref().is_some_and(|t| *t != of_village) {
                return Err(Invalid::new(
                    "ATTENDANCE_VILLAGE",
                    "villageId",
                    "所选的村不属于所选的乡镇，请重新选择。",
                )
                .into());
            }
            Ok((Some(of_village), Some(village.clone())))
        }
        (Some(township), None) => {
            if !live(tx, "township", township)? {
                return Err(
                    Invalid::new("REFERENCE_MISSING", "townshipId", "所选的乡镇不存在。").into(),
                );
            }
            Ok((Some(township.clone()), None))
        }
        (None, None) => match register {
            Some(household) => Ok((
                township_of(&household.village_id)?,
                Some(household.village_id.clone()),
            )),
            None => Ok((None, None)),
        },
    }
}

/// Writes one attendance row after the refusals, and returns its warnings.
fn write_attendance(
    tx: &Transaction,
    writer: &Writer,
    valid: &ValidAttendance,
    register: Option<&Household>,
    id: &str,
) -> Result<Vec<Warning>> {
    let session = session_facts(tx, &valid.session_id)?;
    refuse_locked_session(&session.status, &session.title)?;
    let slot = valid.slot.to_string();
    if !session.slots.contains(&slot) {
        return Err(Invalid::new(
            "ATTENDANCE_SLOT",
            "slot",
            format!(
                "培训“{}”没有 {} 这个时段，请从本期培训的时段中选择。",
                session.title,
                valid.slot.label()
            ),
        )
        .into());
    }
    let existing: Option<Option<i64>> = tx
        .prepare_cached("SELECT deleted_hlc FROM attendance WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?;
    match existing {
        Some(None) => {
            return Err(Invalid::new(
                "ATTENDANCE_DUPLICATE",
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
            return Err(Invalid::new(
                "ATTENDANCE_REMOVED",
                "idNumber",
                format!(
                    "{}在本期培训 {} 的签到曾被撤销，撤销记录需保留备查，不能再次录入。如确需恢复，请联系县电商中心。",
                    valid.name,
                    valid.slot.label()
                ),
            )
            .into())
        }
        None => {}
    }
    let (township_id, village_id) = attendee_place(tx, valid, register)?;
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
        ("household_id", opt(register.map(|h| h.id.clone()))),
        ("poor", SqlValue::Integer(register.is_some().into())),
        ("signed", SqlValue::Integer(valid.signed.into())),
        ("sheet_page", SqlValue::Text(valid.sheet_page.clone())),
    ];
    write::record(tx, writer, &ATTENDANCE, id, Op::Create, &values)?;

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
        let rows = stmt.query_map(params![id_number, slot, valid.session_id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
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
                "ATTENDANCE_OVERLAP",
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
                "ATTENDANCE_OVER_HEADCOUNT",
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

/// Names the batch row a refusal belongs to; database errors pass through unchanged.
fn in_row(index: usize, error: Error) -> Error {
    match error {
        Error::Invalid(invalid) => Invalid::new(
            invalid.code,
            invalid.field,
            format!("第 {} 条：{}", index + 1, invalid.message),
        )
        .into(),
        other => other,
    }
}

/// What the bytes are, by their magic numbers rather than the file name.
fn sniff_media_type(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else {
        None
    }
}

impl Store {
    pub fn add_training_session(
        &mut self,
        input: &TrainingSessionInput,
    ) -> Result<Saved<TrainingSession>> {
        let valid = input.validated()?;
        let id = Uuid::now_v7().to_string();
        self.write(|tx, writer| {
            check_session_references(tx, &valid)?;
            let values = session_values(&valid);
            write::record(tx, writer, &TRAINING_SESSION, &id, Op::Create, &values)
        })?;
        Ok(Saved {
            record: self.training_session(&id)?,
            warnings: Vec::new(),
        })
    }

    /// Edits a session. Refused when attendance has been recorded in a slot the edit removes.
    pub fn update_training_session(
        &mut self,
        id: &str,
        input: &TrainingSessionInput,
    ) -> Result<Saved<TrainingSession>> {
        let valid = input.validated()?;
        self.training_session(id)?;
        self.write(|tx, writer| {
            check_session_references(tx, &valid)?;
            let used: Vec<String> = {
                let mut stmt = tx.prepare_cached(
                    "SELECT DISTINCT slot FROM attendance
                     WHERE session_id = ?1 AND deleted_hlc IS NULL ORDER BY slot",
                )?;
                let rows = stmt.query_map([id], |r| r.get(0))?;
                rows.collect::<rusqlite::Result<_>>()?
            };
            let dropped: Vec<String> = used
                .iter()
                .filter(|s| !valid.slots.contains(s))
                .map(|s| slot_label(s))
                .collect();
            if !dropped.is_empty() {
                return Err(Invalid::new(
                    "TRAINING_SLOTS_IN_USE",
                    "slots",
                    format!(
                        "{} 已有签到记录，不能从培训中去掉。请先撤销这些签到。",
                        dropped.join("、")
                    ),
                )
                .into());
            }
            let values = session_values(&valid);
            write::record(tx, writer, &TRAINING_SESSION, id, Op::Update, &values)
        })?;
        Ok(Saved {
            record: self.training_session(id)?,
            warnings: Vec::new(),
        })
    }

    /// A session with its attendance counted per slot.
    pub fn training_session(&self, id: &str) -> Result<TrainingSession> {
        let mut session = self
            .conn
            .prepare_cached(&format!("{SESSION_SELECT} AND s.id = ?1"))?
            .query_row([id], session_from_row)
            .optional()?
            .ok_or_else(|| Error::NotFound {
                what: "培训",
                key: id.to_string(),
            })?;
        let counts: HashMap<String, (u32, u32)> = {
            let mut stmt = self.conn.prepare_cached(
                "SELECT slot, count(*), sum(poor) FROM attendance
                 WHERE session_id = ?1 AND deleted_hlc IS NULL GROUP BY slot",
            )?;
            let rows = stmt.query_map([id], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        for tally in &mut session.slots {
            let (times, poor) = counts.get(&tally.slot).copied().unwrap_or_default();
            tally.person_times = times;
            tally.poor_person_times = poor;
            session.person_times += times;
            session.poor_person_times += poor;
        }
        session.distinct_persons = self
            .conn
            .prepare_cached(
                "SELECT count(DISTINCT id_number) FROM attendance
             WHERE session_id = ?1 AND deleted_hlc IS NULL",
            )?
            .query_row([id], |r| r.get(0))?;
        Ok(session)
    }

    /// Sessions by start date, all of them or one programme's.
    pub fn list_training_sessions(
        &self,
        programme_id: Option<&str>,
    ) -> Result<Vec<TrainingSessionSummary>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT s.id, s.programme_id, s.kind, s.title, coalesce(t.name, ''), s.start_date,
                    s.end_date, json_array_length(s.slots), s.planned_headcount,
                    coalesce(a.n, 0), coalesce(a.poor, 0), s.status
             FROM training_session s
             LEFT JOIN township t ON t.id = s.township_id
             LEFT JOIN (SELECT session_id, count(*) AS n, sum(poor) AS poor FROM attendance
                        WHERE deleted_hlc IS NULL GROUP BY session_id) a ON a.session_id = s.id
             WHERE s.deleted_hlc IS NULL AND (?1 IS NULL OR s.programme_id = ?1)
             ORDER BY s.start_date, s.title",
        )?;
        let rows = stmt.query_map([programme_id], |r| {
            let kind = kind_from(&r.get::<_, String>(2)?);
            Ok(TrainingSessionSummary {
                id: r.get(0)?,
                programme_id: r.get(1)?,
                kind,
                kind_label: kind.label().to_string(),
                title: r.get(3)?,
                township_name: r.get(4)?,
                start_date: r.get(5)?,
                end_date: r.get(6)?,
                slot_count: r.get(7)?,
                planned_headcount: r.get(8)?,
                person_times: r.get(9)?,
                poor_person_times: r.get(10)?,
                status: r.get(11)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Moves a session along draft → submitted → locked; a locked session refuses attendance.
    pub fn set_training_session_status(&mut self, id: &str, to: write::Status) -> Result<()> {
        self.write(|tx, writer| write::set_status(tx, writer, &TRAINING_SESSION, id, to))?;
        Ok(())
    }

    /// Stores a photographed sign-in sheet by its SHA-256 (once, however often attached) and adds
    /// it to the session. Warns when the same photo belongs to another session (fabrication
    /// check 10).
    pub fn attach_sign_in_sheet(
        &mut self,
        session_id: &str,
        file_name: &str,
        bytes: &[u8],
    ) -> Result<Saved<TrainingSession>> {
        if bytes.is_empty() || bytes.len() > MAX_ATTACHMENT_BYTES {
            return Err(Invalid::new(
                "ATTACHMENT_SIZE",
                "sheetPhotos",
                format!(
                    "签到表照片应为 1 字节到 {} MB 之间的图片或 PDF，这个文件有 {} 字节。",
                    MAX_ATTACHMENT_BYTES / 1024 / 1024,
                    bytes.len()
                ),
            )
            .into());
        }
        let media_type = sniff_media_type(bytes).ok_or_else(|| {
            Invalid::new(
                "ATTACHMENT_TYPE",
                "sheetPhotos",
                "签到表照片只能是 JPEG、PNG 图片或 PDF 文件。",
            )
        })?;
        let session = self.training_session(session_id)?;
        let sha: String = Sha256::digest(bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let mut photos = session.sheet_photos.clone();
        if !photos.contains(&sha) {
            photos.push(sha.clone());
        }
        let others: Vec<String> = {
            let mut stmt = self.conn.prepare_cached(
                "SELECT s.title FROM training_session s
                 WHERE s.id <> ?1 AND s.deleted_hlc IS NULL
                   AND EXISTS (SELECT 1 FROM json_each(s.sheet_photos) WHERE value = ?2)
                 ORDER BY s.title",
            )?;
            let rows = stmt.query_map(params![session_id, sha], |r| r.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        self.write(|tx, writer| {
            tx.execute(
                "INSERT OR IGNORE INTO attachment (sha256, media_type, file_name, size, content)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![sha, media_type, file_name, bytes.len() as i64, bytes],
            )?;
            let list = serde_json::to_string(&photos).expect("lists serialise");
            write::record(
                tx,
                writer,
                &TRAINING_SESSION,
                session_id,
                Op::Update,
                &[("sheet_photos", SqlValue::Text(list))],
            )
        })?;
        let mut warnings = Vec::new();
        if !others.is_empty() {
            warnings.push(Warning::from(Invalid::new(
                "TRAINING_PHOTO_REUSED",
                "sheetPhotos",
                format!(
                    "这张照片已用于培训{}。同一张签到表照片不应用于两期培训，请核实。",
                    others
                        .iter()
                        .map(|t| format!("“{t}”"))
                        .collect::<Vec<_>>()
                        .join("、")
                ),
            )));
        }
        Ok(Saved {
            record: self.training_session(session_id)?,
            warnings,
        })
    }

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
        Ok(Saved {
            record: self.attendance_row(&id)?,
            warnings,
        })
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
                .map_err(|e| in_row(index, e.into()))?;
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
                        .map_err(|e| in_row(index, e))
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
                let record = saved.remove(*id).ok_or_else(|| Error::NotFound {
                    what: "培训签到",
                    key: id.to_string(),
                })?;
                Ok(Saved { record, warnings })
            })
            .collect()
    }

    /// Takes back an attendance row entered by mistake (a tombstone; the log keeps both).
    pub fn remove_attendance(&mut self, id: &str) -> Result<()> {
        let session_id: String = self
            .conn
            .query_row(
                "SELECT session_id FROM attendance WHERE id = ?1 AND deleted_hlc IS NULL",
                [id],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| Error::NotFound {
                what: "培训签到",
                key: id.to_string(),
            })?;
        self.write(|tx, writer| {
            let session = session_facts(tx, &session_id)?;
            refuse_locked_session(&session.status, &session.title)?;
            write::record(tx, writer, &ATTENDANCE, id, Op::Delete, &[])
        })?;
        Ok(())
    }

    /// A session's attendance, by slot and then in the order it was entered.
    pub fn attendance(&self, session_id: &str) -> Result<Vec<AttendanceRow>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "{ATTENDANCE_SELECT} AND a.session_id = ?1 ORDER BY a.slot, a.rowid"
        ))?;
        let rows = stmt.query_map([session_id], attendance_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn attendance_row(&self, id: &str) -> Result<AttendanceRow> {
        self.conn
            .prepare_cached(&format!("{ATTENDANCE_SELECT} AND a.id = ?1"))?
            .query_row([id], attendance_from_row)
            .optional()?
            .ok_or_else(|| Error::NotFound {
                what: "培训签到",
                key: id.to_string(),
            })
    }

    /// A training programme's totals: person-times, distinct and poor persons, per township and
    /// kind, against its targets, and the cost at its rates (see `domain::training`).
    pub fn training_totals(&self, programme_id: &str) -> Result<TrainingTotals> {
        let programme = self.programme(programme_id)?;
        if programme.kind != crate::domain::programmes::ProgrammeKind::Training {
            return Err(Invalid::new(
                "TRAINING_PROGRAMME",
                "programmeId",
                format!("“{}”不是电商技能培训项目。", programme.name),
            )
            .into());
        }
        // Sessions, then one pass over their attendance (in index order, so grouped by session)
        // counting rows, poor rows and distinct persons: SQL's count(DISTINCT …) builds a
        // temporary b-tree per aggregate and took twice as long on 50,000 rows.
        let mut sessions: Vec<(String, SessionTallyInput)> = {
            let mut stmt = self.conn.prepare_cached(
                "SELECT s.id, s.kind, s.township_id, coalesce(t.name, ''), s.slots
                 FROM training_session s LEFT JOIN township t ON t.id = s.township_id
                 WHERE s.programme_id = ?1 AND s.deleted_hlc IS NULL",
            )?;
            let rows = stmt.query_map([programme_id], |r| {
                Ok((
                    r.get(0)?,
                    SessionTallyInput {
                        kind: kind_from(&r.get::<_, String>(1)?),
                        township_id: r.get(2)?,
                        township_name: r.get(3)?,
                        days: days_of(&json_list(r, 4)?),
                        person_times: 0,
                        poor_person_times: 0,
                    },
                ))
            })?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let index: HashMap<String, usize> = sessions
            .iter()
            .enumerate()
            .map(|(i, (id, _))| (id.clone(), i))
            .collect();
        // ID number → seen as poor.
        let mut persons: HashMap<[u8; 18], bool> = HashMap::new();
        {
            let mut stmt = self.conn.prepare_cached(
                "SELECT a.session_id, a.id_number, a.poor FROM attendance a
                 WHERE a.session_id IN (SELECT id FROM training_session
                                        WHERE programme_id = ?1 AND deleted_hlc IS NULL)
                   AND a.deleted_hlc IS NULL",
            )?;
            let mut rows = stmt.query([programme_id])?;
            let mut current: Option<(Vec<u8>, usize)> = None;
            while let Some(row) = rows.next()? {
                let session = row.get_ref(0)?.as_bytes().map_err(rusqlite::Error::from)?;
                let at = match &current {
                    Some((id, at)) if id.as_slice() == session => *at,
                    _ => {
                        let key = std::str::from_utf8(session).unwrap_or_default();
                        let Some(&at) = index.get(key) else { continue };
                        current = Some((session.to_vec(), at));
                        at
                    }
                };
                let id_number = row.get_ref(1)?.as_bytes().map_err(rusqlite::Error::from)?;
                let poor = row.get::<_, bool>(2)?;
                let tally = &mut sessions[at].1;
                tally.person_times += 1;
                tally.poor_person_times += u32::from(poor);
                if let Ok(key) = <[u8; 18]>::try_from(id_number) {
                    *persons.entry(key).or_default() |= poor;
                }
            }
        }
        let sessions: Vec<SessionTallyInput> = sessions.into_iter().map(|(_, s)| s).collect();
        let distinct = persons.len() as u32;
        let poor = persons.values().filter(|p| **p).count() as u32;
        Ok(training_totals(
            &programme.id,
            &programme.name,
            &programme.settings,
            &sessions,
            distinct,
            poor,
        ))
    }
}
