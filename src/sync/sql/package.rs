//! Receipts and reference packages. The county makes a package for one device: the county's
//! places of that township, household categories, programmes, the township's households, the
//! latest receipt and the conflict resolutions; signed and encrypted to the device. The device
//! applies it idempotently and in any order: receipts only ever raise the acknowledged seq, and
//! a package older than one already applied is ignored.

use std::collections::{BTreeMap, BTreeSet};

use rusqlite::types::Value as SqlValue;
use rusqlite::{params, OptionalExtension, Transaction, TransactionBehavior};
use serde_json::Value;

use super::conflicts::conflicts_where;
use super::merge::to_sql;
use super::{meta, meta_i64, now_text, require_county, require_device, set_meta};
use crate::error::{Error, Result};
use crate::store::entities::{Entity, ENTITIES};
use crate::store::write::{self, Op, Writer};
use crate::store::Query;
use crate::store::Store;
use crate::sync::model::*;
use crate::sync::refuse;
use crate::sync::wire::keys::{check_size, encrypt, Envelope, PublicKeys, MAX_RECEIPT_BYTES};
use crate::sync::wire::sealed;
use crate::Code;

/// What goes into a package, parents first: (entity, filter on the township id `?1`).
const PACKAGE_CONTENT: &[(&str, &str)] = &[
    ("county", "1 = 1"),
    ("township", "id = ?1"),
    ("village", "township_id = ?1"),
    ("household_category", "1 = 1"),
    ("kind_option", "1 = 1"),
    ("programme", "1 = 1"),
    (
        "household",
        "village_id IN (SELECT id FROM village WHERE township_id = ?1)",
    ),
    (
        "household_member",
        "household_id IN (SELECT h.id FROM household h JOIN village v ON v.id = h.village_id
                          WHERE v.township_id = ?1)",
    ),
    // The township's own records, so the county's locks (and voids) reach its laptops.
    (
        "operator",
        "village_id IN (SELECT id FROM village WHERE township_id = ?1)",
    ),
    (
        "agreement",
        "operator_id IN (SELECT o.id FROM operator o JOIN village v ON v.id = o.village_id
                         WHERE v.township_id = ?1)",
    ),
    // Lines whose id two laptops can both make (roster: agreement and household; sign-in:
    // session, half-day and ID number): the county's version must come back to both.
    (
        "roster",
        "agreement_id IN (SELECT a.id FROM agreement a JOIN operator o ON o.id = a.operator_id
                          JOIN village v ON v.id = o.village_id WHERE v.township_id = ?1)",
    ),
    // The county's lock (its acceptance) must reach the laptop that recorded the inspection.
    ("inspection", TOWNSHIP_OPERATOR),
    ("training_session", "township_id = ?1"),
    (
        "attendance",
        "session_id IN (SELECT id FROM training_session WHERE township_id = ?1)",
    ),
    (
        "notice",
        "origin_device IN (SELECT device_id FROM sync_device WHERE township_id = ?1)",
    ),
    // The county's fund decisions on the township's operators, parents first, so a laptop shows
    // their fund status (read-only: FUND_DEVICE refuses every fund write there).
    ("fund_application", TOWNSHIP_OPERATOR),
    (
        "fund_review",
        "application_id IN (SELECT id FROM fund_application WHERE operator_id IN
                           (SELECT o.id FROM operator o JOIN village v ON v.id = o.village_id
                            WHERE v.township_id = ?1))",
    ),
    ("fund_award", TOWNSHIP_OPERATOR),
    ("fund_override", TOWNSHIP_AWARD),
    ("fund_disbursement", TOWNSHIP_AWARD),
    ("fund_recovery", TOWNSHIP_AWARD),
    (
        "fund_recovered",
        "recovery_id IN (SELECT r.id FROM fund_recovery r JOIN fund_award a ON a.id = r.award_id
                        JOIN operator o ON o.id = a.operator_id
                        JOIN village v ON v.id = o.village_id WHERE v.township_id = ?1)",
    ),
    ("fund_ban", TOWNSHIP_OPERATOR),
];

/// Columns naming a stored blob that the package does not carry (attachments travel only in a
/// laptop's own batches): sent empty, or the laptop's foreign key to `attachment` would refuse
/// the whole package. The laptop shows the contract's number and date, not its scan.
const BLOBS_LEFT_AT_COUNTY: &[(&str, &str)] = &[("fund_award", "contract_sha256")];

/// Rows of an operator of the township.
const TOWNSHIP_OPERATOR: &str = "operator_id IN (SELECT o.id FROM operator o
    JOIN village v ON v.id = o.village_id WHERE v.township_id = ?1)";

/// Rows of an award to an operator of the township.
const TOWNSHIP_AWARD: &str = "award_id IN (SELECT a.id FROM fund_award a
    JOIN operator o ON o.id = a.operator_id
    JOIN village v ON v.id = o.village_id WHERE v.township_id = ?1)";

#[derive(Debug, Clone, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct PackageSummary {
    pub device_id: String,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub version: i64,
    pub records: BTreeMap<String, u64>,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub acknowledged_through: i64,
    pub resolutions: u64,
    /// Where the package was written, when it was.
    pub file: Option<String>,
}

impl Store {
    /// County: the signed, encrypted reference package (with the latest receipt) for a device.
    pub fn sync_package(&mut self, device_id: &str) -> Result<(Vec<u8>, PackageSummary)> {
        let keys = require_county(&self.conn)?;
        let device: Option<(String, String, String)> = self.conn.row(
            "SELECT township_id, age_recipient, status FROM sync_device WHERE device_id = ?1",
            [device_id],
        )?;
        let Some((township_id, recipient, status)) = device else {
            return Err(refuse(
                Code::SYNC_UNKNOWN_DEVICE,
                format!("没有登记过设备 “{device_id}”。"),
            ));
        };
        if status != "active" {
            return Err(refuse(
                Code::SYNC_DEVICE_REVOKED,
                "这台设备的登记已注销，不再发送数据。",
            ));
        }
        let version: i64 =
            self.conn
                .query_row("SELECT coalesce(max(seq), 0) FROM change_log", [], |r| {
                    r.get(0)
                })?;
        let latest: Option<(String, i64)> = self.conn.row(
            "SELECT receipt, json_extract(report, '$.appliedThrough') AS t FROM sync_batch
                 WHERE device_id = ?1 AND receipt IS NOT NULL ORDER BY t DESC LIMIT 1",
            [device_id],
        )?;
        let mut receipts = Vec::new();
        let mut acknowledged_through = 0;
        if let Some((receipt, through)) = latest {
            receipts.push(Envelope::parse(receipt.as_bytes())?);
            acknowledged_through = through;
        }
        let mut records = Vec::new();
        let mut counts = BTreeMap::new();
        for (name, filter) in PACKAGE_CONTENT {
            let entity = ENTITIES
                .iter()
                .find(|e| e.name == *name)
                .expect("package entity");
            let rows = rows_of(&self.conn, entity, filter, &township_id)?;
            counts.insert(name.to_string(), rows.len() as u64);
            records.push((name.to_string(), rows));
        }
        let resolutions = conflicts_where(
            &self.conn,
            "status = 'resolved' AND device_id = ?1",
            device_id,
        )?;
        let package = Package {
            county_id: self.writer.device_id.clone(),
            device_id: device_id.to_string(),
            township_id,
            version,
            issued_at: now_text(),
            receipts,
            records,
            resolutions,
        };
        let body = serde_json::to_vec(&package).expect("packages serialise");
        let sealed = keys.seal(PACKAGE_KIND, &body).to_bytes();
        let recipient = PublicKeys {
            signing_key: String::new(),
            age_recipient: recipient,
        }
        .recipient()?;
        Ok((
            encrypt(&recipient, &sealed),
            PackageSummary {
                device_id: device_id.to_string(),
                version,
                records: counts,
                acknowledged_through,
                resolutions: package.resolutions.len() as u64,
                file: None,
            },
        ))
    }

    /// Device: applies a reference package (encrypted) or a bare receipt (signed JSON).
    pub fn sync_apply(&mut self, bytes: &[u8]) -> Result<ApplyReport> {
        let (keys, county) = require_device(&self.conn)?;
        let mut report = ApplyReport::default();
        let Contents { receipts, package } = read_package(
            &keys.identity,
            bytes,
            &county.keys.signing_key,
            &county.county_id,
            &self.writer.device_id,
        )?;
        let mut clock_writer = Writer::new(
            county.county_id.clone(),
            "县电商中心".into(),
            self.writer.clock.clone(),
        );
        let own = self.writer.device_id.clone();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let head: i64 = tx.query_row("SELECT coalesce(max(seq), 0) FROM change_log", [], |r| {
            r.get(0)
        })?;
        let mut acked = meta_i64(&tx, "acked_seq")?;
        for receipt in &receipts {
            report.receipts_applied += 1;
            super::refused::remember(&tx, receipt)?;
            let through = receipt.applied_through.min(head);
            if through > acked {
                acked = through;
                set_meta(&tx, "acked_seq", &acked.to_string())?;
            }
            let newer = meta(&tx, "last_receipt_at")?.is_none_or(|at| at < receipt.issued_at);
            if newer {
                set_meta(&tx, "last_receipt_at", &receipt.issued_at)?;
                set_meta(&tx, "last_receipt_batch", &receipt.batch_id)?;
            }
        }
        report.acked_seq = acked;
        if let Some(package) = package {
            report.package_version = package.version;
            // The same version again is applied once more only when receipts acknowledged more
            // since it was applied: fields it left alone as this device's unsent edits may now
            // take the county's values (a county whose log did not move — every edit of the
            // batch refused — answers the same version).
            let applied = meta_i64(&tx, "package_version")?;
            let stale = package.version < applied
                || (package.version == applied && acked <= meta_i64(&tx, "package_acked_seq")?);
            if stale {
                report.ignored = true;
            } else {
                clock_writer.officer = "县电商中心".into();
                for (name, rows) in &package.records {
                    let Some(entity) = ENTITIES.iter().find(|e| e.name == name) else {
                        continue;
                    };
                    for row in rows {
                        apply_row(&tx, &clock_writer, entity, row, acked, &own, &mut report)?;
                    }
                }
                for c in &package.resolutions {
                    tx.execute(
                        "INSERT OR REPLACE INTO sync_conflict (id, entity, record_id, field, base, county,
                             incoming, device_id, seq, officer, status, resolution, note, resolved_by,
                             resolved_at, created_at)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 'resolved', ?11, ?12, ?13, ?14, ?15)",
                        params![
                            c.id, c.entity, c.record_id, c.field, c.base.to_string(), c.county.to_string(),
                            c.incoming.to_string(), c.device_id, c.seq, c.officer,
                            c.resolution.as_ref().map(Value::to_string), c.note, c.resolved_by,
                            c.resolved_at, c.created_at
                        ],
                    )?;
                    report.resolutions += 1;
                }
                set_meta(&tx, "package_version", &package.version.to_string())?;
                set_meta(&tx, "package_acked_seq", &acked.to_string())?;
                set_meta(&tx, "last_package_at", &package.issued_at)?;
            }
        }
        tx.commit()?;
        Ok(report)
    }
}

/// What a package file or a bare receipt holds, opened and checked: the receipts (each signed by
/// the county, for this device) and the package, if the file was one.
#[derive(Debug, Clone)]
pub struct Contents {
    pub receipts: Vec<Receipt>,
    pub package: Option<Package>,
}

/// Reads a reference package (sealed to this device) or a bare receipt (signed JSON, starting
/// with `{`) as a laptop reads it before anything is written, with no database: the size
/// limits, the decryption with the laptop's `identity`, the county's signature (the key pinned
/// at enrollment, `county_key`), the documents, and that they are for this county and device.
/// `sync_apply` applies what it answers; the fuzz targets (`fuzz/`) and the byte-level property
/// tests call it.
pub fn read_package(
    identity: &age::x25519::Identity,
    bytes: &[u8],
    county_key: &str,
    county_id: &str,
    device_id: &str,
) -> Result<Contents> {
    let (envelopes, package) = if bytes.first() == Some(&b'{') {
        check_size(bytes, "回执", MAX_RECEIPT_BYTES)?;
        (vec![Envelope::parse(bytes)?], None)
    } else {
        let plain = sealed::open(identity, bytes, &sealed::PACKAGE)?;
        let body = Envelope::parse(&plain)?.open(PACKAGE_KIND, Some(county_key))?;
        let package: Package = serde_json::from_slice(&body)
            .map_err(|_| refuse(Code::SYNC_WRONG_FILE, "参考数据包内容不完整。"))?;
        if package.device_id != device_id || package.county_id != county_id {
            return Err(refuse(
                Code::SYNC_WRONG_DEVICE,
                "这个数据包是发给另一台设备的。",
            ));
        }
        (package.receipts.clone(), Some(package))
    };
    let mut receipts = Vec::with_capacity(envelopes.len());
    for envelope in &envelopes {
        let body = envelope.open(RECEIPT_KIND, Some(county_key))?;
        let receipt: Receipt = serde_json::from_slice(&body)
            .map_err(|_| refuse(Code::SYNC_WRONG_FILE, "回执内容不完整。"))?;
        if receipt.device_id != device_id {
            return Err(refuse(
                Code::SYNC_WRONG_DEVICE,
                "这份回执是给另一台设备的。",
            ));
        }
        receipts.push(receipt);
    }
    Ok(Contents { receipts, package })
}

fn rows_of(
    conn: &rusqlite::Connection,
    entity: &Entity,
    filter: &str,
    township_id: &str,
) -> Result<Vec<BTreeMap<String, Value>>> {
    let sql = format!(
        "SELECT id, deleted_hlc IS NOT NULL, {} FROM {} WHERE {filter} ORDER BY rowid",
        entity.columns.join(", "),
        entity.table
    );
    let mut stmt = conn.prepare(&sql)?;
    let uses_param = filter.contains("?1");
    let map = |r: &rusqlite::Row| {
        let mut row = BTreeMap::new();
        row.insert("id".to_string(), Value::String(r.get(0)?));
        row.insert("deleted".to_string(), Value::Bool(r.get(1)?));
        for (i, column) in entity.columns.iter().enumerate() {
            let value = if BLOBS_LEFT_AT_COUNTY.contains(&(entity.name, column)) {
                Value::Null
            } else {
                write::to_json(&r.get::<_, SqlValue>(i + 2)?)
            };
            row.insert(column.to_string(), value);
        }
        Ok(row)
    };
    let rows = if uses_param {
        stmt.query_map([township_id], map)?
            .collect::<rusqlite::Result<Vec<_>>>()?
    } else {
        stmt.query_map([], map)?
            .collect::<rusqlite::Result<Vec<_>>>()?
    };
    Ok(rows)
}

/// The county's tombstone of a record this device never held, kept here too (nothing synced is
/// hard-deleted): a live record of the package may name it — a roster line the county took
/// after it had voided the household — and would else fail the whole package for ever. A
/// tombstone the write path cannot take (its live twin holds the same ID number here) is left
/// out, in a savepoint, like any row it refuses.
fn keep_tombstone(
    tx: &Transaction,
    writer: &Writer,
    entity: &Entity,
    id: &str,
    row: &BTreeMap<String, Value>,
    report: &mut ApplyReport,
) -> Result<()> {
    let values: Vec<(&str, SqlValue)> = entity
        .columns
        .iter()
        .filter(|c| **c != "void_reason")
        .filter_map(|c| row.get(*c).map(|v| (*c, to_sql(v))))
        .collect();
    let reason: Vec<(&str, SqlValue)> = row
        .get("void_reason")
        .filter(|_| entity.columns.contains(&"void_reason"))
        .map(|v| ("void_reason", to_sql(v)))
        .into_iter()
        .collect();
    tx.execute_batch("SAVEPOINT tombstone")?;
    let kept = write::record(tx, writer, entity, id, Op::Create, &values)
        .and_then(|_| write::record_from_county(tx, writer, entity, id, Op::Delete, &reason));
    match kept {
        Ok(_) => {
            tx.execute_batch("RELEASE tombstone")?;
            report.created += 1;
            Ok(())
        }
        Err(Error::Invalid(_)) => {
            tx.execute_batch("ROLLBACK TO tombstone; RELEASE tombstone")?;
            Ok(())
        }
        Err(Error::Sqlite(e))
            if e.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation) =>
        {
            tx.execute_batch("ROLLBACK TO tombstone; RELEASE tombstone")?;
            Ok(())
        }
        Err(e) => Err(e),
    }
}

/// Fields this device changed after its last acknowledged change: the county has not seen
/// them yet, so the package leaves them alone.
fn pending_fields(
    tx: &Transaction,
    entity: &str,
    id: &str,
    acked: i64,
    own: &str,
) -> Result<BTreeSet<String>> {
    let mut stmt = tx.prepare_cached(
        "SELECT fields FROM change_log WHERE entity = ?1 AND record_id = ?2 AND seq > ?3 AND device_id = ?4",
    )?;
    let mut out = BTreeSet::new();
    for fields in stmt.query_map(params![entity, id, acked, own], |r| r.get::<_, String>(0))? {
        let map: BTreeMap<String, Value> = serde_json::from_str(&fields?).unwrap_or_default();
        out.extend(map.into_keys());
    }
    Ok(out)
}

fn apply_row(
    tx: &Transaction,
    writer: &Writer,
    entity: &Entity,
    row: &BTreeMap<String, Value>,
    acked: i64,
    own: &str,
    report: &mut ApplyReport,
) -> Result<()> {
    let Some(Value::String(id)) = row.get("id") else {
        return Ok(());
    };
    let deleted = row.get("deleted") == Some(&Value::Bool(true));
    let sql = format!(
        "SELECT {}, deleted_hlc IS NOT NULL FROM {} WHERE id = ?1",
        entity.columns.join(", "),
        entity.table
    );
    let n = entity.columns.len();
    let current: Option<(Vec<Value>, bool)> = tx
        .prepare_cached(&sql)?
        .query_row([id], |r| {
            let values = (0..n)
                .map(|i| r.get::<_, SqlValue>(i).map(|v| write::to_json(&v)))
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok((values, r.get(n)?))
        })
        .optional()?;
    let outcome = match current {
        None if deleted => return keep_tombstone(tx, writer, entity, id, row, report),
        None => {
            let values: Vec<(&str, SqlValue)> = entity
                .columns
                .iter()
                .filter_map(|c| row.get(*c).map(|v| (*c, to_sql(v))))
                .collect();
            report.created += 1;
            write::record(tx, writer, entity, id, Op::Create, &values)
        }
        // Voided here, live at the county: unless the void is still on its way (pending), the
        // county refused it (it had locked the record), and its record comes back.
        Some((_, true)) if !deleted => {
            if pending_fields(tx, entity.name, id, acked, own)?.contains("deleted") {
                return Ok(());
            }
            let values: Vec<(&str, SqlValue)> = entity
                .columns
                .iter()
                .filter_map(|c| row.get(*c).map(|v| (*c, to_sql(v))))
                .collect();
            tx.execute_batch("SAVEPOINT restore")?;
            match write::restore_from_county(tx, writer, entity, id, &values) {
                Ok(_) => {
                    tx.execute_batch("RELEASE restore")?;
                    report.updated += 1;
                    return Ok(());
                }
                // Its ID number taken here meanwhile by a live twin: left voided, like any row
                // the write path refuses; the county's next package carries it again.
                Err(Error::Invalid(_)) => {}
                Err(Error::Sqlite(e))
                    if e.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation) => {}
                Err(e) => return Err(e),
            }
            tx.execute_batch("ROLLBACK TO restore; RELEASE restore")?;
            return Ok(());
        }
        Some((_, true)) => return Ok(()),
        Some((values, false)) => {
            let pending = pending_fields(tx, entity.name, id, acked, own)?;
            let mut changes: Vec<(&str, SqlValue)> = Vec::new();
            for (column, now) in entity.columns.iter().zip(&values) {
                let Some(county) = row.get(*column) else {
                    continue;
                };
                if county != now {
                    if pending.contains(*column) {
                        report.kept_pending += 1;
                    } else {
                        changes.push((column, to_sql(county)));
                    }
                }
            }
            if deleted {
                // With the void's reason, where the kind keeps one.
                let reason: Vec<(&str, SqlValue)> = row
                    .get("void_reason")
                    .filter(|_| entity.columns.contains(&"void_reason"))
                    .map(|v| ("void_reason", to_sql(v)))
                    .into_iter()
                    .collect();
                write::record_from_county(tx, writer, entity, id, Op::Delete, &reason)
            } else if changes.is_empty() {
                return Ok(());
            } else {
                report.updated += 1;
                write::record_from_county(tx, writer, entity, id, Op::Update, &changes)
            }
        }
    };
    match outcome {
        Ok(_) => Ok(()),
        // A row the write path refuses to take keeps its value here; the county's next package
        // carries it again. (A lock no longer does: the county's values pass it.)
        Err(Error::Invalid(_)) => Ok(()),
        Err(e) => Err(e),
    }
}
