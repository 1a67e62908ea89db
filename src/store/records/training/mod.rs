//! Training sessions and attendance (签到) on the one write path; the poor flag derived from the
//! household register as it is now, when rows are read (`register_match`); the overlap, headcount and age warnings; programme totals.

mod attendance;
mod attendance_write;
pub(crate) use attendance_write::write_attendance;
pub(crate) mod register_match;
mod sessions;
mod signin_photos;
mod totals;
pub(crate) use totals::SessionsOf;

use rusqlite::{OptionalExtension, Row, Transaction};
use uuid::Uuid;

use crate::domain::training::TrainingKind;
use crate::error::Result;

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

fn json_list(row: &Row, index: usize) -> rusqlite::Result<Vec<String>> {
    let text: String = row.get(index)?;
    serde_json::from_str(&text).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Text, Box::new(e))
    })
}

fn kind_from(code: &str) -> TrainingKind {
    TrainingKind::from_code(code).unwrap_or(TrainingKind::TownshipOnsite)
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
