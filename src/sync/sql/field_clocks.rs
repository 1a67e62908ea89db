//! The county hub's own edits stamp the sync clock of each field they set, so a device's older
//! edit of that field does not win at the next import (`merge`). A hook on the write path,
//! installed on the hub's store when it opens and when the hub is set up.

use std::sync::Arc;

use rusqlite::{params, Transaction};

use super::meta;
use crate::error::Result;
use crate::store::write::{AfterAppend, ChangeEntry};
use crate::store::Store;

struct StampFieldClocks;

impl AfterAppend for StampFieldClocks {
    fn after_append(&self, tx: &Transaction, entry: &ChangeEntry) -> Result<()> {
        let mut stamp = tx.prepare_cached(
            "INSERT INTO sync_field_clock (entity, record_id, field, hlc, device)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (entity, record_id, field)
                 DO UPDATE SET hlc = excluded.hlc, device = excluded.device",
        )?;
        for field in entry.fields.keys().filter(|f| *f != "deleted") {
            stamp.execute(params![
                entry.entity,
                entry.record_id,
                field,
                entry.hlc,
                entry.device_id
            ])?;
        }
        Ok(())
    }
}

/// Installs the stamp when this database is the county hub (`store::Extension`).
pub(crate) fn extend(store: &mut Store) -> Result<()> {
    if meta(&store.conn, "county_self")?.as_deref() == Some(store.device_id()) {
        install(store);
    }
    Ok(())
}

/// From now on every write of this store stamps its fields' clocks.
pub(crate) fn install(store: &mut Store) {
    store.add_after_append(Arc::new(StampFieldClocks));
}
