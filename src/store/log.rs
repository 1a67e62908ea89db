//! Reading the change log: a record's history, the chain check, and the one-time 'create'
//! entries for rows written before the log existed.

use std::collections::BTreeMap;

use rusqlite::types::Value as SqlValue;
use rusqlite::{params, Connection, Row, Transaction};
use serde::Serialize;
use serde_json::Value;

use super::entities::{Entity, ENTITIES};
use super::write::{self, ChangeEntry, Op, Writer, GENESIS_HASH};
use super::Store;
use crate::error::Result;
use crate::store::from_row;
use crate::store::Query;

/// The first entry that does not fit the chain, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BrokenEntry {
    pub seq: i64,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LogCheck {
    pub entries: i64,
    pub head_hash: String,
    pub first_broken: Option<BrokenEntry>,
}

/// A change as a person reads it in a record's history: local time instead of the raw HLC
/// (which does not fit a JavaScript number), the device shortened.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct HistoryEntry {
    pub seq: i64,
    /// The record type (`village`, `inspection` …): which labels a coded field takes.
    pub entity: String,
    pub op: String,
    /// Local wall time of the change, `2026-11-21 08:30:05`.
    pub at: String,
    pub officer: String,
    pub device: String,
    /// `{field: [old, new]}`.
    pub fields: BTreeMap<String, (Value, Value)>,
}

impl From<&ChangeEntry> for HistoryEntry {
    fn from(entry: &ChangeEntry) -> Self {
        HistoryEntry {
            seq: entry.seq,
            entity: entry.entity.clone(),
            op: entry.op.clone(),
            at: super::hlc::format(entry.hlc),
            officer: entry.officer.clone(),
            device: entry.device_id.chars().take(8).collect(),
            fields: entry.fields.clone(),
        }
    }
}

const ENTRY_COLUMNS: &str = "seq, change_id, entity, record_id, op, base_version, hlc, device_id,
     officer, fields, prev_hash, hash";

fn entry_from_row(row: &Row) -> rusqlite::Result<(ChangeEntry, String)> {
    let fields_json: String = row.get(9)?;
    let fields: BTreeMap<String, (Value, Value)> =
        serde_json::from_str(&fields_json).unwrap_or_default();
    Ok((
        from_row!(row => ChangeEntry {
            seq, change_id, entity, record_id, op, base_version, hlc, device_id, officer,
            fields = fields, _, prev_hash, hash,
        }),
        fields_json,
    ))
}

impl Store {
    /// A record's history for people: times in local time, and references such as
    /// `township_id` shown as the place's name and code, `operator_id` as the operator's name,
    /// `notice_id` as the notice's title, instead of an id. Coded values (`stage`, `kind` …)
    /// stay codes: the UI labels them.
    pub fn readable_history(&self, entity: &str, record_id: &str) -> Result<Vec<HistoryEntry>> {
        let mut entries: Vec<HistoryEntry> = self
            .history(entity, record_id)?
            .iter()
            .map(HistoryEntry::from)
            .collect();
        let item_labels = match entity {
            "inspection" => self.inspection_item_labels(record_id)?,
            _ => BTreeMap::new(),
        };
        for entry in &mut entries {
            name_references(&self.conn, &mut entry.fields)?;
            if let Some((old, new)) = entry.fields.get_mut("observations") {
                for value in [old, new] {
                    *value = readable_observations(value, &item_labels);
                }
            }
        }
        Ok(entries)
    }

    /// An inspection's checklist items by key → (label, unit), from its programme's criteria.
    fn inspection_item_labels(
        &self,
        inspection_id: &str,
    ) -> Result<BTreeMap<String, (String, Option<String>)>> {
        let programme: Option<String> = self.conn.value(
            "SELECT programme_id FROM inspection WHERE id = ?1",
            [inspection_id],
        )?;
        let Some(programme) = programme else {
            return Ok(BTreeMap::new());
        };
        let criteria = self.programme(&programme)?.settings.criteria;
        Ok(criteria
            .eligibility
            .iter()
            .chain(&criteria.scored)
            .map(|item| (item.key.clone(), (item.label.clone(), item.unit.clone())))
            .collect())
    }

    /// Every change of one record, oldest first.
    pub fn history(&self, entity: &str, record_id: &str) -> Result<Vec<ChangeEntry>> {
        let sql = format!(
            "SELECT {ENTRY_COLUMNS} FROM change_log WHERE entity = ?1 AND record_id = ?2 ORDER BY seq"
        );
        Ok(self.conn.list(&sql, params![entity, record_id], |row| {
            entry_from_row(row).map(|(e, _)| e)
        })?)
    }

    /// Walks the whole log in seq order: seqs must run 1, 2, 3 … without a gap, each entry must
    /// hash to its stored hash and name the previous entry's hash.
    pub fn verify_log(&self) -> Result<LogCheck> {
        verify_chain(&self.conn)
    }
}

/// The chain check of [`Store::verify_log`] on any connection: a backup's copy is checked
/// before it is a store (opening a store would migrate and write to it).
pub(crate) fn verify_chain(conn: &Connection) -> Result<LogCheck> {
    let sql = format!("SELECT {ENTRY_COLUMNS} FROM change_log ORDER BY seq");
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query([])?;
    let mut expected_seq = 1;
    let mut prev_hash = GENESIS_HASH.to_string();
    let mut entries = 0;
    while let Some(row) = rows.next()? {
        let (entry, fields_json) = entry_from_row(row)?;
        entries += 1;
        let broken = |reason: String| BrokenEntry {
            seq: entry.seq,
            reason,
        };
        let problem = if entry.seq != expected_seq {
            Some(broken(format!(
                "序号不连续：应为 {expected_seq}，实为 {}（有记录被删除或插入）",
                entry.seq
            )))
        } else if serde_json::from_str::<Value>(&fields_json).is_err() {
            Some(broken("字段内容不是有效的 JSON（记录被改动）".into()))
        } else if entry.prev_hash != prev_hash {
            Some(broken(
                "上一条的哈希对不上（前面的记录被删除、调换或改动）".into(),
            ))
        } else if write::entry_hash(&entry) != entry.hash {
            Some(broken("内容与哈希不符（这条记录被改动过）".into()))
        } else {
            None
        };
        if let Some(first_broken) = problem {
            return Ok(LogCheck {
                entries,
                head_hash: prev_hash,
                first_broken: Some(first_broken),
            });
        }
        expected_seq += 1;
        prev_hash = entry.hash;
    }
    Ok(LogCheck {
        entries,
        head_hash: prev_hash,
        first_broken: None,
    })
}

/// Replaces the ids of references among `{field: [old, new]}` by how a person names the record
/// (a village's name and code, a household's head, a programme's year and name). An id whose
/// record is gone stays as it is. Shared by the history and the import's dry-run changes.
pub(crate) fn name_references(
    conn: &Connection,
    fields: &mut BTreeMap<String, (Value, Value)>,
) -> Result<()> {
    for (field, (old, new)) in fields.iter_mut() {
        let Some((table, label_sql)) = reference(field) else {
            continue;
        };
        for value in [old, new] {
            if let Value::String(id) = value {
                let sql = format!("SELECT {label_sql} FROM {table} WHERE id = ?1");
                let label = conn.value::<Option<String>, _>(&sql, [id.as_str()])?;
                if let Some(label) = label.flatten() {
                    *value = Value::String(label);
                }
            }
        }
    }
    Ok(())
}

/// A checklist (`[{key, value: {kind, value}}]`) as the screen shows it: one line per item,
/// "统一门牌：是", "年销售额：85518.95" — never the stored keys and kinds. Anything else is kept.
fn readable_observations(
    value: &Value,
    labels: &BTreeMap<String, (String, Option<String>)>,
) -> Value {
    // The column holds the list as JSON text.
    let parsed = match value {
        Value::String(text) => serde_json::from_str(text).unwrap_or(Value::Null),
        other => other.clone(),
    };
    let Value::Array(items) = parsed else {
        return value.clone();
    };
    let lines = items.iter().map(|item| {
        let key = item["key"].as_str().unwrap_or_default();
        let (label, unit) = labels
            .get(key)
            .map(|(label, unit)| (label.as_str(), unit.as_deref()))
            .unwrap_or((key, None));
        let observed = &item["value"];
        let shown = match (observed["kind"].as_str(), &observed["value"]) {
            (Some("bool"), Value::Bool(true)) => "是".to_string(),
            (Some("bool"), Value::Bool(false)) => "否".to_string(),
            (Some("not_applicable"), _) => "不适用".to_string(),
            (_, Value::String(text)) => match unit {
                Some(unit) => format!("{text} {unit}"),
                None => text.clone(),
            },
            (_, other) => other.to_string(),
        };
        Value::String(format!("{label}：{shown}"))
    });
    Value::Array(lines.collect())
}

/// The table a reference field points into, and how a person names the record there.
fn reference(field: &str) -> Option<(&'static str, &'static str)> {
    const PLACE: &str = "name || '（' || code || '）'";
    match field {
        "county_id" => Some(("county", PLACE)),
        "township_id" => Some(("township", PLACE)),
        "village_id" | "witness_village_id" => Some(("village", PLACE)),
        "operator_id" => Some(("operator", "name")),
        "programme_id" => Some(("programme", "year || ' ' || name")),
        "agreement_id" => Some(("agreement", "number")),
        "household_id" => Some(("household", "head_name")),
        "session_id" => Some(("training_session", "title")),
        "notice_id" => Some(("notice", "title")),
        "inspection_id" => Some((
            "inspection i",
            "(SELECT o.name FROM operator o WHERE o.id = i.operator_id) || ' ' || i.inspection_date",
        )),
        "reverses_id" => Some((
            "ledger_entry",
            "entry_date || ' ' || product || ' ' || amount || ' 元'",
        )),
        _ => None,
    }
}

/// Rows from before the change log (schema ≤ 2) get one 'create' entry each, so the log covers
/// every record and later sync exports them.
pub(super) fn log_unlogged_rows(tx: &Transaction, writer: &Writer) -> Result<usize> {
    let mut logged = 0;
    for entity in ENTITIES {
        logged += log_unlogged(tx, writer, entity)?;
    }
    Ok(logged)
}

fn log_unlogged(tx: &Transaction, writer: &Writer, entity: &Entity) -> Result<usize> {
    let sql = format!(
        "SELECT id, {} FROM {} WHERE created_hlc IS NULL ORDER BY rowid",
        entity.columns.join(", "),
        entity.table
    );
    let rows: Vec<(String, Vec<SqlValue>)> = {
        let mut stmt = tx.prepare(&sql)?;
        let mapped = stmt.query_map([], |row| {
            let values = (1..=entity.columns.len())
                .map(|i| row.get::<_, SqlValue>(i))
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok((row.get(0)?, values))
        })?;
        mapped.collect::<rusqlite::Result<_>>()?
    };
    for (id, values) in &rows {
        let fields = entity
            .columns
            .iter()
            .zip(values)
            .map(|(c, v)| (c.to_string(), (Value::Null, write::to_json(v))))
            .collect();
        let hlc = write::tick(tx, writer)?;
        tx.execute(
            &format!(
                "UPDATE {} SET origin_device = ?1, created_hlc = ?2, updated_hlc = ?2 WHERE id = ?3",
                entity.table
            ),
            params![writer.device_id, hlc, id],
        )?;
        write::append(tx, writer, entity.name, id, Op::Create, None, hlc, fields)?;
    }
    Ok(rows.len())
}
