//! Training sessions: adding and editing them (their programme and township checked), reading
//! one with its attendance counted per slot, listing them, moving their status.

use crate::domain::lifecycle::RecordStatus;
use crate::store::records::lifecycle;
use std::collections::HashMap;

use rusqlite::types::Value as SqlValue;
use rusqlite::{Row, Transaction};

use super::register_match::poor_now;
use super::totals::session_counts;
use super::{json_list, kind_from, live};
use crate::domain::refuse_if;
use crate::domain::training::{
    days_of, half_days_of, slot_label, Audience, SlotTally, TrainingSession, TrainingSessionInput,
    TrainingSessionSummary, ValidTrainingSession,
};
use crate::domain::{Invalid, Saved};
use crate::error::{Error, Result};
use crate::store::entities::TRAINING_SESSION;
use crate::store::from_row;
use crate::store::write::{self, Op};
use crate::store::Query;
use crate::store::Store;
use crate::Code;

const SESSION_SELECT: &str = "SELECT s.id, s.programme_id, p.name, s.kind, s.title, s.organiser,
        s.provider, s.venue, s.township_id, coalesce(t.name, ''), s.start_date, s.end_date,
        s.slots, s.trainers, s.outline, s.planned_headcount, s.sheet_photos, s.status,
        s.audience
     FROM training_session s JOIN programme p ON p.id = s.programme_id
     LEFT JOIN township t ON t.id = s.township_id
     WHERE s.deleted_hlc IS NULL";

fn session_from_row(r: &Row) -> rusqlite::Result<TrainingSession> {
    let kind = kind_from(&r.get::<_, String>(3)?);
    let slots: Vec<String> = json_list(r, 12)?;
    let (start_date, end_date): (String, String) = (r.get(10)?, r.get(11)?);
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
        half_days: half_days_of(&start_date, &end_date, &slots),
        start_date,
        end_date,
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
        audience: Audience::from_code(&r.get::<_, String>(18)?),
        person_times: 0,
        distinct_persons: 0,
        poor_person_times: 0,
        person_days: 0,
        status: r.get(17)?,
    })
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
        ("audience", text(valid.audience.code())),
    ]
}

/// The programme exists and funds training (its kind's subject in the county's list); the
/// township exists.
fn check_session_references(tx: &Transaction, valid: &ValidTrainingSession) -> Result<()> {
    let subject: Option<String> = tx.value(
        "SELECT coalesce(k.subject, '') FROM programme p
         LEFT JOIN kind_option k ON k.list = 'programme' AND k.code = p.kind
         WHERE p.id = ?1 AND p.deleted_hlc IS NULL",
        [&valid.programme_id],
    )?;
    match subject.as_deref() {
        Some("training") => {}
        Some(_) => {
            return Err(Invalid::new(
                Code::TRAINING_PROGRAMME,
                "programmeId",
                "所选的项目不是电商技能培训项目，请选择培训类项目。",
            )
            .into())
        }
        None => {
            return Err(Invalid::new(
                Code::TRAINING_PROGRAMME,
                "programmeId",
                "所选的项目不存在。",
            )
            .into())
        }
    }
    if let Some(township) = &valid.township_id {
        if !live(tx, "township", township)? {
            return Err(
                Invalid::new(Code::REFERENCE_MISSING, "townshipId", "所选的乡镇不存在。").into(),
            );
        }
    }
    Ok(())
}

impl Store {
    pub fn add_training_session(
        &mut self,
        input: &TrainingSessionInput,
    ) -> Result<Saved<TrainingSession>> {
        let valid = input.validated()?;
        let id = crate::store::new_id();
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
        let back_to_draft = self.write(|tx, writer| {
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
            refuse_if(
                !dropped.is_empty(),
                Code::TRAINING_SLOTS_IN_USE,
                "slots",
                format!(
                    "{} 已有签到记录，不能从培训中去掉。请先撤销这些签到。",
                    dropped.join("、")
                ),
            )?;
            let values = session_values(&valid);
            let edited = write::record(tx, writer, &TRAINING_SESSION, id, Op::Update, &values)?;
            lifecycle::back_to_draft_if_submitted(
                tx,
                writer,
                &TRAINING_SESSION,
                id,
                edited.is_some(),
            )
        })?;
        Ok(Saved {
            record: self.training_session(id)?,
            warnings: back_to_draft.into_iter().collect(),
        })
    }

    /// A session with its attendance counted per slot.
    pub fn training_session(&self, id: &str) -> Result<TrainingSession> {
        let mut session = self
            .conn
            .first(
                &format!("{SESSION_SELECT} AND s.id = ?1"),
                [id],
                session_from_row,
            )?
            .ok_or_else(|| Error::not_found("培训", id))?;
        let counts: HashMap<String, (u32, u32)> = {
            let mut stmt = self.conn.prepare_cached(&format!(
                "SELECT a.slot, count(*), sum({}) FROM attendance a
                 WHERE a.session_id = ?1 AND a.deleted_hlc IS NULL GROUP BY a.slot",
                poor_now("a")
            ))?;
            let rows = stmt.query_map([id], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        for tally in &mut session.slots {
            let (times, poor) = counts.get(&tally.slot).copied().unwrap_or_default();
            tally.person_times = times;
            tally.poor_person_times = poor;
        }
        let rows: Vec<(String, String, bool, Audience)> = self.conn.list(
            &format!(
                "SELECT a.id_number, a.slot, {}, a.audience FROM attendance a
                 WHERE a.session_id = ?1 AND a.deleted_hlc IS NULL ORDER BY a.id_number, a.slot",
                poor_now("a")
            ),
            [id],
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    Audience::from_code(&r.get::<_, String>(3)?),
                ))
            },
        )?;
        let (counts, _) = session_counts(rows.into_iter());
        session.person_times = counts.person_times;
        session.distinct_persons = counts.person_times;
        session.poor_person_times = counts.poor_person_times;
        session.person_days = counts.person_days;
        Ok(session)
    }

    /// Sessions by start date, all of them or one programme's, of one status (the live ones
    /// without).
    pub fn list_training_sessions(
        &self,
        programme_id: Option<&str>,
        status: Option<RecordStatus>,
    ) -> Result<Vec<TrainingSessionSummary>> {
        self.training_session_summaries(
            &format!(
                "{} AND (?1 IS NULL OR s.programme_id = ?1)",
                lifecycle::status_condition("s", status)
            ),
            programme_id,
        )
    }

    /// The sessions that meet `condition` (SQL over `s` and `t`, with `?1` bound to `bound`),
    /// by start date.
    pub(crate) fn training_session_summaries(
        &self,
        condition: &str,
        bound: Option<&str>,
    ) -> Result<Vec<TrainingSessionSummary>> {
        Ok(self.conn.list(
            &format!(
                "SELECT s.id, s.programme_id, s.kind, s.title, coalesce(t.name, ''), s.start_date,
                    s.end_date, json_array_length(s.slots), s.planned_headcount,
                    coalesce(a.n, 0), coalesce(a.poor, 0), {}
             FROM training_session s
             LEFT JOIN township t ON t.id = s.township_id
             LEFT JOIN (SELECT session_id, count(*) AS n, sum(poor) AS poor
                        FROM (SELECT p.session_id, p.id_number, max({}) AS poor
                              FROM (SELECT DISTINCT session_id, id_number, name, name_confirmed
                                    FROM attendance WHERE deleted_hlc IS NULL) p
                              GROUP BY p.session_id, p.id_number)
                        GROUP BY session_id) a ON a.session_id = s.id
             WHERE {condition}
             ORDER BY s.start_date, s.title",
                lifecycle::status_column("s"),
                poor_now("p"),
            ),
            [bound],
            |r| {
                let kind = kind_from(&r.get::<_, String>(2)?);
                Ok(from_row!(r => TrainingSessionSummary {
                    id, programme_id, kind = kind, kind_label = kind.label().to_string(), _, title,
                    township_name, start_date, end_date, slot_count, planned_headcount,
                    person_times, poor_person_times, status,
                }))
            },
        )?)
    }

    /// Moves a session along draft → submitted → locked; a locked session refuses attendance.
    pub fn set_training_session_status(&mut self, id: &str, to: write::Status) -> Result<()> {
        self.write(|tx, writer| write::set_status(tx, writer, &TRAINING_SESSION, id, to))?;
        Ok(())
    }
}
