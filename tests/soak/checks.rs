//! What must hold, however the rounds went: every database whole (`PRAGMA integrity_check`,
//! the change-log chain), every change a receipt acknowledged held by the county, and after a
//! final full sync every laptop agreeing with the county, field by field, on its township's
//! records (except fields it changed since its last receipt). Each check answers every problem
//! it finds, as lines naming the database, record and field.

use std::collections::{BTreeMap, BTreeSet};

use fieldbook::store::entities::ENTITIES;
use fieldbook::store::write::to_json;
use fieldbook::sync::sql::township::townships_of;
use rusqlite::types::Value as SqlValue;
use rusqlite::{Connection, OptionalExtension};
use serde_json::Value;

use crate::world::{ids, Node};

/// `PRAGMA integrity_check` of the file (what a kill must never break).
pub fn integrity(node: &Node) -> Vec<String> {
    let conn = node.conn();
    let rows = ids(&conn, "PRAGMA integrity_check", &[]);
    if rows == ["ok"] {
        Vec::new()
    } else {
        vec![format!(
            "{}: integrity_check: {}",
            node.name,
            rows.join("; ")
        )]
    }
}

/// `integrity` and the change-log chain (`Store::verify_log`, what `fieldbook verify-log` runs).
pub fn whole(node: &Node) -> Vec<String> {
    let mut problems = integrity(node);
    match node.open().verify_log() {
        Ok(check) => {
            if let Some(broken) = check.first_broken {
                problems.push(format!("{}: verify-log: {broken:?}", node.name));
            }
        }
        Err(e) => problems.push(format!("{}: verify-log: {}: {e}", node.name, e.code())),
    }
    problems
}

/// The laptop's acknowledged seq (raised only by receipts).
pub fn acked_seq(laptop: &Node) -> i64 {
    laptop.open().sync_status().unwrap().acked_seq
}

/// Every change the laptop holds as acknowledged (seq ≤ its acknowledged seq) is one the
/// county applied, with the same hash.
pub fn acknowledged_held(county: &Node, laptop: &Node) -> Vec<String> {
    let acked = acked_seq(laptop);
    let mine = laptop.conn();
    let hub = county.conn();
    let mut problems = Vec::new();
    let mut stmt = mine
        .prepare("SELECT seq, hash FROM change_log WHERE seq <= ?1 ORDER BY seq")
        .unwrap();
    let rows = stmt
        .query_map([acked], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
        })
        .unwrap();
    for row in rows {
        let (seq, hash) = row.unwrap();
        let held: Option<String> = hub
            .query_row(
                "SELECT hash FROM sync_applied WHERE device_id = ?1 AND seq = ?2",
                rusqlite::params![laptop.device_id, seq],
                |r| r.get(0),
            )
            .optional()
            .unwrap();
        match held {
            Some(h) if h == hash => {}
            Some(h) => problems.push(format!(
                "{}: acknowledged change {seq} has hash {hash} here, {h} at the county",
                laptop.name
            )),
            None => problems.push(format!(
                "{}: acknowledged change {seq} (of {acked}) is not at the county",
                laptop.name
            )),
        }
    }
    problems
}

/// The fields the laptop changed itself after its last receipt: (entity, record, field).
fn changed_since_receipt(laptop: &Node) -> BTreeSet<(String, String, String)> {
    let acked = acked_seq(laptop);
    let conn = laptop.conn();
    let mut stmt = conn
        .prepare(
            "SELECT entity, record_id, fields FROM change_log WHERE seq > ?1 AND device_id = ?2",
        )
        .unwrap();
    let rows = stmt
        .query_map(rusqlite::params![acked, laptop.device_id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })
        .unwrap();
    let mut out = BTreeSet::new();
    for row in rows {
        let (entity, record, fields) = row.unwrap();
        let fields: BTreeMap<String, Value> = serde_json::from_str(&fields).unwrap_or_default();
        out.insert((entity.clone(), record.clone(), "*deleted".to_string()));
        for field in fields.into_keys() {
            out.insert((entity.clone(), record.clone(), field));
        }
    }
    out
}

/// Every record of `table`: id → (deleted, values by column).
type Rows = BTreeMap<String, (bool, Vec<Value>)>;

fn rows(conn: &Connection, table: &str, columns: &[&str]) -> Rows {
    let sql = format!(
        "SELECT id, deleted_hlc IS NOT NULL, {} FROM {table}",
        columns.join(", ")
    );
    let mut stmt = conn.prepare(&sql).unwrap();
    let mut out = BTreeMap::new();
    let mut rows = stmt.query([]).unwrap();
    while let Some(row) = rows.next().unwrap() {
        let values = (0..columns.len())
            .map(|i| to_json(&row.get::<_, SqlValue>(i + 2).unwrap()))
            .collect();
        out.insert(row.get(0).unwrap(), (row.get(1).unwrap(), values));
    }
    out
}

/// The kinds the county's package carries for a township, with the records it selects
/// (`?1`: the township's id), as in `sync/sql/package.rs`.
const CARRIED: &[(&str, &str)] = &[
    (
        "household",
        "village_id IN (SELECT id FROM village WHERE township_id = ?1)",
    ),
    (
        "operator",
        "village_id IN (SELECT id FROM village WHERE township_id = ?1)",
    ),
    (
        "agreement",
        "operator_id IN (SELECT o.id FROM operator o JOIN village v ON v.id = o.village_id
                         WHERE v.township_id = ?1)",
    ),
    (
        "roster",
        "agreement_id IN (SELECT a.id FROM agreement a JOIN operator o ON o.id = a.operator_id
                          JOIN village v ON v.id = o.village_id WHERE v.township_id = ?1)",
    ),
    (
        "inspection",
        "operator_id IN (SELECT o.id FROM operator o JOIN village v ON v.id = o.village_id
                         WHERE v.township_id = ?1)",
    ),
    ("training_session", "township_id = ?1"),
    (
        "attendance",
        "session_id IN (SELECT id FROM training_session WHERE township_id = ?1)",
    ),
];

/// After a full sync: the laptop agrees with the county on every field of every record of its
/// township it holds (and of the county-wide ones: programmes, categories, kinds), except the
/// fields it changed since its last receipt; it holds every live record the package carries
/// for its township; it holds nothing of another township.
pub fn agrees_with_county(county: &Node, laptop: &Node) -> Vec<String> {
    let hub = county.conn();
    let mine = laptop.conn();
    let township_code = laptop.township.as_deref().unwrap();
    let township: String = hub
        .query_row(
            "SELECT id FROM township WHERE code = ?1",
            [township_code],
            |r| r.get(0),
        )
        .unwrap();
    let pending = changed_since_receipt(laptop);
    let mut problems = Vec::new();
    for entity in ENTITIES {
        let at_county = rows(&hub, entity.table, entity.columns);
        let here = rows(&mine, entity.table, entity.columns);
        for (id, (deleted, values)) in &here {
            let lies_in = match townships_of(&hub, entity.name, id).unwrap() {
                found if found.is_empty() && !at_county.contains_key(id) => {
                    townships_of(&mine, entity.name, id).unwrap()
                }
                found => found,
            };
            if lies_in.iter().any(|t| *t != township) {
                problems.push(format!(
                    "{}: {} {id} lies in another township ({lies_in:?}) and is on this laptop",
                    laptop.name, entity.name
                ));
                continue;
            }
            let is_pending = |field: &str| {
                pending.contains(&(entity.name.to_string(), id.clone(), field.to_string()))
            };
            let Some((county_deleted, county_values)) = at_county.get(id) else {
                if !is_pending("*deleted") {
                    problems.push(format!(
                        "{}: {} {id} is on the laptop (acknowledged) but not at the county",
                        laptop.name, entity.name
                    ));
                }
                continue;
            };
            if deleted != county_deleted && !is_pending("*deleted") {
                problems.push(format!(
                    "{}: {} {id} deleted: laptop {deleted}, county {county_deleted}",
                    laptop.name, entity.name
                ));
            }
            if *deleted || *county_deleted {
                continue;
            }
            for (i, column) in entity.columns.iter().enumerate() {
                if values[i] != county_values[i] && !is_pending(column) {
                    problems.push(format!(
                        "{}: {} {id} {column}: laptop {}, county {}",
                        laptop.name, entity.name, values[i], county_values[i]
                    ));
                }
            }
        }
    }
    for (entity, selection) in CARRIED {
        let sql = format!("SELECT id FROM {entity} WHERE deleted_hlc IS NULL AND {selection}");
        for id in ids(&hub, &sql, &[&township]) {
            let held: Option<i64> = mine
                .query_row(
                    &format!("SELECT 1 FROM {entity} WHERE id = ?1"),
                    [&id],
                    |r| r.get(0),
                )
                .optional()
                .unwrap();
            if held.is_none() {
                problems.push(format!(
                    "{}: {entity} {id} of its township is at the county but not on the laptop",
                    laptop.name
                ));
            }
        }
    }
    problems
}
