//! The records a batch changed, read back from the change-log entries it appended in its
//! transaction, with the values the fields it moved had before it (the entries carry old and
//! new values): the old value says which group a record left.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::error::Result;
use crate::store::Store;

/// Changed records by kind, each with the values its moved fields had before the batch (empty
/// for a record the batch created).
#[derive(Debug, Clone, Default)]
pub struct Changes {
    records: BTreeMap<String, BTreeMap<String, BTreeMap<String, Value>>>,
}

impl Changes {
    /// The change-log entries after `seq` (the last entry before the batch), findings left out:
    /// they are the checks' own output, never their input.
    pub fn since(store: &Store, seq: i64) -> Result<Changes> {
        let mut records: BTreeMap<String, BTreeMap<String, BTreeMap<String, Value>>> =
            BTreeMap::new();
        let mut stmt = store.conn.prepare_cached(
            "SELECT entity, record_id, op, fields FROM change_log
             WHERE seq > ?1 AND entity <> 'finding' ORDER BY seq",
        )?;
        let mut rows = stmt.query([seq])?;
        while let Some(r) = rows.next()? {
            let entity: String = r.get(0)?;
            let id: String = r.get(1)?;
            let op: String = r.get(2)?;
            let old = records.entry(entity).or_default().entry(id).or_default();
            // A create moved nothing from anywhere: its old values are all empty.
            if op == "create" {
                continue;
            }
            let fields: String = r.get(3)?;
            let fields: BTreeMap<String, (Value, Value)> =
                serde_json::from_str(&fields).unwrap_or_default();
            for (field, (before, _)) in fields {
                // The first entry of the batch holds the value before the batch.
                old.entry(field).or_insert(before);
            }
        }
        Ok(Changes { records })
    }

    /// The last change-log entry's seq, read before a batch is applied (in its transaction):
    /// `since` it, the batch's changes.
    pub fn last_seq(store: &Store) -> Result<i64> {
        Ok(store
            .conn
            .query_row("SELECT coalesce(max(seq), 0) FROM change_log", [], |r| {
                r.get(0)
            })?)
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// The kinds of record the batch changed.
    pub fn kinds(&self) -> BTreeSet<String> {
        self.records.keys().cloned().collect()
    }

    /// The ids of the changed records of `kind`.
    pub fn ids(&self, kind: &str) -> Vec<String> {
        self.records
            .get(kind)
            .map(|ids| ids.keys().cloned().collect())
            .unwrap_or_default()
    }

    /// The text a field of a changed record had before the batch, when the batch moved it.
    pub fn old_text(&self, kind: &str, id: &str, field: &str) -> Option<String> {
        match self.records.get(kind)?.get(id)?.get(field)? {
            Value::String(text) => Some(text.clone()),
            Value::Null => None,
            other => Some(other.to_string()),
        }
    }
}
