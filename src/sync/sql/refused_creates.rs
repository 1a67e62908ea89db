//! County side: the new records it refused for lying in another township, remembered (sync
//! bookkeeping in `sync_meta`, outside the change log) as the device proposed them. A laptop's
//! later edit of such a record is folded into it, so moving it back into the device's township
//! (the officer's correction) makes the county take it in — and the remembered records under
//! it (members of a refused household, a roster row of a refused agreement) with it. Records
//! under a remembered one resolve to its township, so they are refused as another township's
//! and named in the receipt too.

use rusqlite::{params, Connection};

use super::{meta, set_meta};
use crate::error::Result;
use crate::store::write::ChangeEntry;

const PREFIX: &str = "refused_create:";

fn key(entity: &str, record_id: &str) -> String {
    format!("{PREFIX}{entity}:{record_id}")
}

/// Remembers a refused create (or its latest folded form).
pub(super) fn remember(conn: &Connection, create: &ChangeEntry) -> Result<()> {
    let text = serde_json::to_string(create).expect("change entries serialise");
    set_meta(conn, &key(&create.entity, &create.record_id), &text)
}

/// The remembered create of a record the county does not hold, if it refused one.
pub(crate) fn recall(
    conn: &Connection,
    entity: &str,
    record_id: &str,
) -> Result<Option<ChangeEntry>> {
    Ok(meta(conn, &key(entity, record_id))?.and_then(|text| serde_json::from_str(&text).ok()))
}

pub(super) fn forget(conn: &Connection, entity: &str, record_id: &str) -> Result<()> {
    conn.prepare_cached("DELETE FROM sync_meta WHERE key = ?1")?
        .execute([key(entity, record_id)])?;
    Ok(())
}

/// Every remembered create of a device, oldest change first.
pub(super) fn of_device(conn: &Connection, device_id: &str) -> Result<Vec<ChangeEntry>> {
    let mut stmt = conn.prepare_cached("SELECT value FROM sync_meta WHERE key LIKE ?1")?;
    let rows = stmt.query_map(params![format!("{PREFIX}%")], |r| r.get::<_, String>(0))?;
    let mut out = Vec::new();
    for text in rows {
        if let Ok(entry) = serde_json::from_str::<ChangeEntry>(&text?) {
            if entry.device_id == device_id {
                out.push(entry);
            }
        }
    }
    out.sort_by_key(|e| e.seq);
    Ok(out)
}

/// The remembered create with a later edit's values over it (the edit's seq and clock, so the
/// record is written as of the correction).
pub(super) fn folded(mut create: ChangeEntry, edit: &ChangeEntry) -> ChangeEntry {
    for (column, (_, new)) in &edit.fields {
        create
            .fields
            .insert(column.clone(), (serde_json::Value::Null, new.clone()));
    }
    create.seq = edit.seq;
    create.officer.clone_from(&edit.officer);
    create
}
