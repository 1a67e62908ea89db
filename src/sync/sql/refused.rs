//! Laptop side: the records the county refused and named in its receipts (`Receipt::refused`),
//! kept in `sync_meta` (sync bookkeeping, outside the change log) and listed until the officer
//! withdraws them (the lifecycle's void) or corrects them: moves a moved record back into the
//! township, or a new record (or the record it belongs to) into the township, which the county
//! then takes in with the next batch.

use rusqlite::Connection;

use super::township::Townships;
use super::{meta, set_meta};
use crate::domain::lifecycle::RecordKind;
use crate::error::Result;
use crate::store::entities::ENTITIES;
use crate::store::Query;
use crate::store::Store;
use crate::sync::model::*;
use crate::Code;

const KEY: &str = "refused_records";

/// Remembers the records a receipt names (the latest refusal of a record replaces an older).
pub(super) fn remember(conn: &Connection, receipt: &Receipt) -> Result<()> {
    if receipt.refused.is_empty() {
        return Ok(());
    }
    let mut kept = stored(conn)?;
    for r in &receipt.refused {
        kept.retain(|(_, k)| !(k.entity == r.entity && k.record_id == r.record_id));
        kept.push((receipt.batch_id.clone(), r.clone()));
    }
    let text = serde_json::to_string(&kept).expect("refusals serialise");
    set_meta(conn, KEY, &text)
}

fn stored(conn: &Connection) -> Result<Vec<(String, ReceiptRefusal)>> {
    Ok(meta(conn, KEY)?
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default())
}

impl Store {
    /// The records the county refused that still wait for the officer: neither voided nor, for
    /// a record the county holds (a refused edit or move), back inside this laptop's township.
    pub fn sync_refused(&self) -> Result<Vec<RefusedRecord>> {
        let own = meta(&self.conn, "township_id")?;
        let mut townships = Townships::default();
        let mut out = Vec::new();
        for (batch_id, r) in stored(&self.conn)? {
            let Some(entity) = ENTITIES.iter().find(|e| e.name == r.entity) else {
                continue;
            };
            let deleted: Option<Option<i64>> = self.conn.value(
                &format!("SELECT deleted_hlc FROM {} WHERE id = ?1", entity.table),
                [&r.record_id],
            )?;
            // Gone from this laptop, or voided: nothing left to withdraw.
            if deleted != Some(None) {
                continue;
            }
            let op: String = self
                .conn
                .value(
                    "SELECT op FROM change_log WHERE seq = ?1 AND record_id = ?2",
                    rusqlite::params![r.seq, r.record_id],
                )?
                .unwrap_or_else(|| "update".into());
            // Back inside the township (an edit or move undone, or a new record corrected, or
            // the record under it corrected): the next batch takes it in.
            let now = townships.of_record(&self.conn, entity.name, &r.record_id)?;
            let inside = now.iter().all(|t| Some(t) == own.as_ref());
            if inside && (op != "create" || !now.is_empty()) {
                continue;
            }
            let name = match NAME_COLUMNS.iter().find(|c| entity.columns.contains(c)) {
                Some(column) => self
                    .conn
                    .value(
                        &format!("SELECT {column} FROM {} WHERE id = ?1", entity.table),
                        [&r.record_id],
                    )?
                    .unwrap_or_default(),
                None => String::new(),
            };
            out.push(RefusedRecord {
                entity: r.entity.clone(),
                label: entity.label.to_string(),
                name,
                record_id: r.record_id.clone(),
                seq: r.seq,
                op,
                code: Code::from_name(&r.code).unwrap_or(Code::SYNC_OTHER_TOWNSHIP),
                message: r.message.clone(),
                batch_id,
                void_kind: void_kind(entity.name),
            });
        }
        Ok(out)
    }
}

/// The column an officer knows a record by, for the kinds that have one: a household by its
/// head, an operator or session by its name, a notice by its title.
const NAME_COLUMNS: [&str; 3] = ["name", "head_name", "title"];

fn void_kind(entity: &str) -> Option<RecordKind> {
    Some(match entity {
        "household" => RecordKind::Household,
        "operator" => RecordKind::Operator,
        "agreement" => RecordKind::Agreement,
        "training_session" => RecordKind::TrainingSession,
        "notice" => RecordKind::Notice,
        _ => return None,
    })
}
