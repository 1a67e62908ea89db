//! Conflicts on REVIEW fields: listed side by side (base / county / incoming) and resolved by
//! the clerk with a note. A resolution is a county edit on the write path, so it flows back
//! down to the device in the next reference package.

use rusqlite::params;
use rusqlite::types::Value as SqlValue;
use serde_json::Value;

use super::merge::to_sql;
use super::{now_text, require_county};
use crate::error::Result;
use crate::store::entities::ENTITIES;
use crate::store::write::{self, Op};
use crate::store::Query;
use crate::store::Store;
use crate::sync::model::Conflict;
use crate::sync::refuse;
use crate::Code;

pub(super) fn conflicts_where(
    conn: &rusqlite::Connection,
    filter: &str,
    arg: &str,
) -> Result<Vec<Conflict>> {
    let sql = format!(
        "SELECT id, entity, record_id, field, base, county, incoming, device_id, seq, officer, status,
                resolution, note, resolved_by, resolved_at, created_at
         FROM sync_conflict WHERE {filter} ORDER BY created_at, id"
    );
    let mut stmt = conn.prepare(&sql)?;
    let json = |s: String| serde_json::from_str(&s).unwrap_or(Value::Null);
    let map = |r: &rusqlite::Row| {
        Ok(Conflict {
            id: r.get(0)?,
            entity: r.get(1)?,
            record_id: r.get(2)?,
            field: r.get(3)?,
            base: json(r.get(4)?),
            county: json(r.get(5)?),
            incoming: json(r.get(6)?),
            device_id: r.get(7)?,
            seq: r.get(8)?,
            officer: r.get(9)?,
            status: r.get(10)?,
            resolution: r.get::<_, Option<String>>(11)?.map(json),
            note: r.get(12)?,
            resolved_by: r.get(13)?,
            resolved_at: r.get(14)?,
            created_at: r.get(15)?,
        })
    };
    let rows = if filter.contains("?1") {
        stmt.query_map([arg], map)?
            .collect::<rusqlite::Result<Vec<_>>>()?
    } else {
        stmt.query_map([], map)?
            .collect::<rusqlite::Result<Vec<_>>>()?
    };
    Ok(rows)
}

/// Which value a resolution keeps.
#[derive(Debug, Clone)]
pub enum Resolution {
    County,
    Incoming,
    Value(Value),
}

impl Store {
    /// Conflicts, open ones only unless `all`.
    pub fn sync_conflicts(&self, all: bool) -> Result<Vec<Conflict>> {
        if all {
            conflicts_where(&self.conn, "1 = 1", "")
        } else {
            conflicts_where(&self.conn, "status = 'open'", "")
        }
    }

    /// Resolves an open conflict: writes the chosen value as a county edit and keeps the note.
    pub fn resolve_conflict(
        &mut self,
        id: &str,
        choice: Resolution,
        note: &str,
    ) -> Result<Conflict> {
        require_county(&self.conn)?;
        let note = note.trim();
        if note.is_empty() {
            return Err(refuse(
                Code::SYNC_NOTE_REQUIRED,
                "请填写处理说明（为什么采用这个值）。",
            ));
        }
        let conflict = conflicts_where(&self.conn, "id = ?1", id)?
            .into_iter()
            .next()
            .ok_or_else(|| refuse(Code::NOT_FOUND, format!("没有冲突 “{id}”。")))?;
        if conflict.status != "open" {
            return Err(refuse(
                Code::SYNC_CONFLICT_RESOLVED,
                "这个冲突已经处理过了。",
            ));
        }
        let value = match choice {
            Resolution::County => conflict.county.clone(),
            Resolution::Incoming => conflict.incoming.clone(),
            Resolution::Value(v) => v,
        };
        let entity = ENTITIES
            .iter()
            .find(|e| e.name == conflict.entity)
            .ok_or_else(|| refuse(Code::SYNC_UNKNOWN_ENTITY, "未知的记录类型。"))?;
        let field: &'static str = entity
            .columns
            .iter()
            .find(|c| **c == conflict.field)
            .ok_or_else(|| refuse(Code::SYNC_UNKNOWN_FIELD, "未知的字段。"))?;
        let officer = self.writer.officer.clone();
        self.write(|tx, writer| {
            let current: Option<SqlValue> = tx.value(
                &format!("SELECT {field} FROM {} WHERE id = ?1", entity.table),
                [&conflict.record_id],
            )?;
            if current.as_ref().map(write::to_json) != Some(value.clone()) {
                write::record(
                    tx,
                    writer,
                    entity,
                    &conflict.record_id,
                    Op::Update,
                    &[(field, to_sql(&value))],
                )?;
            }
            tx.execute(
                "UPDATE sync_conflict SET status = 'resolved', resolution = ?2, note = ?3,
                     resolved_by = ?4, resolved_at = ?5 WHERE id = ?1",
                params![id, value.to_string(), note, officer, now_text()],
            )?;
            Ok(())
        })?;
        Ok(conflicts_where(&self.conn, "id = ?1", id)?.remove(0))
    }
}
