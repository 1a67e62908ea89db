//! County side: importing a batch file. Limits, decryption, signature and device checks and the
//! attachments' hashes come first and write nothing; then one `BEGIN IMMEDIATE` transaction
//! applies each change at most once (`sync_applied`) as the second thread delivers it hashed and
//! chain-checked (`stream.rs`; a failure there rolls everything back), stages a batch that
//! arrives after a gap, refuses a fork, and stores the report and the signed receipt. A dry run
//! runs the same transaction and rolls it back.

use std::collections::BTreeMap;

use rusqlite::{params, Transaction, TransactionBehavior};

use super::export::{ATTACHMENT_DIR, CHANGES_FILE, MANIFEST_FILE, SIGNATURE_FILE};
use super::merge::{Merger, Outcome};
use super::stream::{nothing_written, ChangeStream};
use super::{now_text, require_county};
use crate::checks::sql::checks_after_import;
use crate::checks::RunReport;
use crate::error::Result;
use crate::store::attachments;
use crate::store::write::ChangeEntry;
use crate::store::Query;
use crate::store::Store;
use crate::sync::model::*;
use crate::sync::wire::container::{self, MAX_FILE_BYTES};
use crate::sync::wire::keys::{sha256_hex, verify_raw, Keys};
use crate::sync::wire::sealed;
use crate::sync::{refuse, FieldClasses};
use crate::Code;

/// What an import answers: the report and, unless dry or staged, the signed receipt (bytes).
#[derive(Debug, Clone)]
pub struct ImportResult {
    pub report: BatchImportReport,
    pub receipt: Option<Vec<u8>>,
    /// The integrity checks run across all townships in the batch's transaction (not on a dry
    /// run, a duplicate, a staged or a refused batch): what storing their findings did. Not
    /// part of the report or the receipt, which are wire documents.
    pub checks: Option<RunReport>,
}

/// The outcome of a batch of which the county took nothing in and refused something (changes
/// it already had, such as its own package's values coming back, do not count).
const REFUSED: &str = "refused";

/// Refusals that settle a change the county understood (see `apply_changes`).
const COUNTY_DECISIONS: &[Code] = &[
    Code::SYNC_COUNTY_ONLY_FIELD,
    Code::RECORD_DELETED,
    Code::RECORD_LOCKED,
    Code::SYNC_OTHER_TOWNSHIP,
];

/// Refusals of a change of a record the county does not hold (an edit or the void of a record
/// it refused at creation): they count neither as taken nor as refused, so a batch of only
/// such changes is acknowledged (the laptop is not stuck on them), while one whose creates were
/// refused for a cause the county can fix (a missing village) is still refused in full.
const NEITHER: &[Code] = &[Code::SYNC_MISSING_RECORD, Code::NOT_FOUND];

/// Refusals the receipt names record by record: the county will refuse every later change of
/// such a record too, so the laptop lists them until the officer withdraws or corrects them
/// (a record refused at creation: the county never held it, so its later edits are
/// `SYNC_MISSING_RECORD` and its void is `NOT_FOUND`, see `NEITHER`).
const NAMED_IN_RECEIPT: &[Code] = &[Code::SYNC_OTHER_TOWNSHIP, Code::SYNC_MISSING_RECORD];

/// Applied changes are freed this many at a time (memory stays bounded on a large batch).
const FREE_IN_CHUNKS_OF: usize = 4096;

/// Page cache during an import, in KiB (negative = KiB for SQLite): 256 MB.
const IMPORT_CACHE_KIB: i64 = -262_144;

struct Attachment {
    sha256: String,
    media_type: String,
    file_name: String,
    content: Vec<u8>,
}

/// A staged batch checked in full: its changes and attachments.
struct Verified {
    changes: Vec<ChangeEntry>,
    attachments: Vec<Attachment>,
}

struct Device {
    township_id: String,
    last_seq: i64,
    last_hash: String,
    /// `last_seq` before this import.
    applied_before: i64,
}

/// Of the new changes an import merged: how many the county took in (new, changed, held as a
/// conflict, or decided by refusing a county-only field) and how many it could not take.
#[derive(Default)]
struct Merged {
    taken: u64,
    refused: u64,
}

/// Checks a decrypted container completely: signature first, then the manifest, payloads,
/// entries and their chain. Reads `sync_device`, writes nothing.
fn verify(conn: &rusqlite::Connection, plain: &[u8], county_self: &str) -> Result<Verified> {
    let (manifest, entries) = verify_signed(conn, plain)?;
    let Payloads {
        manifest,
        changes,
        attachments,
    } = check_payloads(manifest, &entries)?;
    let changes = std::thread::scope(|scope| {
        ChangeStream::spawn(scope, &manifest, changes, county_self)?.collect::<Result<Vec<_>>>()
    })?;
    Ok(Verified {
        changes,
        attachments,
    })
}

/// A device as the county's register (`sync_device`) holds it: what a batch's signature and
/// manifest are checked against.
#[derive(Debug, Clone)]
pub struct RegisteredDevice {
    /// Its Ed25519 verifying key, base64.
    pub signing_key: String,
    pub revoked: bool,
    pub township_id: String,
}

fn registered(conn: &rusqlite::Connection, device_id: &str) -> Result<Option<RegisteredDevice>> {
    let row: Option<(String, String, String)> = conn.row(
        "SELECT signing_key, status, township_id FROM sync_device WHERE device_id = ?1",
        [device_id],
    )?;
    Ok(
        row.map(|(signing_key, status, township_id)| RegisteredDevice {
            signing_key,
            revoked: status == "revoked",
            township_id,
        }),
    )
}

/// The container's limits, the device (enrolled, not revoked) and the manifest's signature;
/// then the manifest itself (format, device, township).
fn verify_signed(
    conn: &rusqlite::Connection,
    plain: &[u8],
) -> Result<(Manifest, Vec<container::Entry>)> {
    check_signed(plain, |device_id| registered(conn, device_id))
}

fn check_signed(
    plain: &[u8],
    register: impl FnOnce(&str) -> Result<Option<RegisteredDevice>>,
) -> Result<(Manifest, Vec<container::Entry>)> {
    let entries = container::read(plain)?;
    let find = |name: &str| entries.iter().find(|e| e.name == name);
    let (Some(sig), Some(manifest_entry)) = (find(SIGNATURE_FILE), find(MANIFEST_FILE)) else {
        return Err(refuse(
            Code::SYNC_WRONG_FILE,
            nothing_written("文件里缺少清单或签名，"),
        ));
    };
    let sig_text = std::str::from_utf8(&sig.data).map_err(|_| {
        refuse(
            Code::SYNC_BAD_SIGNATURE,
            nothing_written("签名文件已损坏，"),
        )
    })?;
    let mut lines = sig_text.lines();
    let (device_id, signature) = (lines.next().unwrap_or(""), lines.next().unwrap_or(""));
    let Some(device) = register(device_id)? else {
        return Err(refuse(
            Code::SYNC_UNKNOWN_DEVICE,
            nothing_written(&format!(
                "文件来自未登记的设备（{device_id}）。请先为该设备办理登记。"
            )),
        ));
    };
    if device.revoked {
        return Err(refuse(
            Code::SYNC_DEVICE_REVOKED,
            nothing_written(&format!("设备 {device_id} 的登记已注销，")),
        ));
    }
    verify_raw(
        &device.signing_key,
        MANIFEST_KIND,
        &manifest_entry.data,
        signature,
    )?;
    let manifest: Manifest = serde_json::from_slice(&manifest_entry.data)
        .map_err(|_| refuse(Code::SYNC_WRONG_FILE, nothing_written("清单格式不对，")))?;
    if manifest.format_version != BATCH_FORMAT {
        return Err(refuse(
            Code::SYNC_FORMAT,
            nothing_written(&format!(
                "批次格式版本 {} 本程序不支持，",
                manifest.format_version
            )),
        ));
    }
    if manifest.device_id != device_id {
        return Err(refuse(
            Code::SYNC_WRONG_DEVICE,
            nothing_written("清单里的设备与签名的设备不一致，"),
        ));
    }
    if manifest.township_id != device.township_id {
        return Err(refuse(
            Code::SYNC_OTHER_TOWNSHIP,
            nothing_written("批次声明的乡镇与该设备登记的乡镇不一致，"),
        ));
    }
    Ok((manifest, entries))
}

/// A sealed batch's size, then its decryption (`sealed::open`): the first steps of an import.
fn open_sealed(identity: &age::x25519::Identity, sealed: &[u8]) -> Result<Vec<u8>> {
    if sealed.len() as u64 > MAX_FILE_BYTES {
        return Err(refuse(
            Code::SYNC_TOO_LARGE,
            nothing_written("文件超过同步文件大小上限，"),
        ));
    }
    if sealed.is_empty() {
        return Err(refuse(
            Code::SYNC_TRUNCATED,
            nothing_written("文件是空的（0 字节），"),
        ));
    }
    sealed::open(identity, sealed, &sealed::BATCH)
}

/// Reads a decrypted batch (its container) as the county's import reads it before anything is
/// written, with no database: the container's limits, the device's signature over the manifest
/// (`register` answers what the county's register holds for a device id), the manifest, the
/// payloads against it, and every change with its hash and chain. Answers the manifest and the
/// changes, or the refusal `import_batch` would give for the same bytes. The fuzz targets
/// (`fuzz/`) and the byte-level property tests (`tests/core/hostile_bytes.rs`) call it.
pub fn read_batch(
    plain: &[u8],
    register: impl FnOnce(&str) -> Result<Option<RegisteredDevice>>,
    county_self: &str,
) -> Result<(Manifest, Vec<ChangeEntry>)> {
    let (manifest, entries) = check_signed(plain, register)?;
    let Payloads {
        manifest,
        changes,
        attachments: _,
    } = check_payloads(manifest, &entries)?;
    let changes = std::thread::scope(|scope| {
        ChangeStream::spawn(scope, &manifest, changes, county_self)?.collect::<Result<Vec<_>>>()
    })?;
    Ok((manifest, changes))
}

/// [`read_batch`] from the sealed file, decrypted with the county's `identity` (the size limit,
/// the age header's bounds and the first bytes checked first, as `import_batch` does).
pub fn read_sealed_batch(
    identity: &age::x25519::Identity,
    sealed: &[u8],
    register: impl FnOnce(&str) -> Result<Option<RegisteredDevice>>,
    county_self: &str,
) -> Result<(Manifest, Vec<ChangeEntry>)> {
    read_batch(&open_sealed(identity, sealed)?, register, county_self)
}

/// A batch whose payloads match its signed manifest; the changes are still JSON lines.
struct Payloads<'e> {
    manifest: Manifest,
    changes: Changes<'e>,
    attachments: Vec<Attachment>,
}

/// The changes file (JSON lines) and the SHA-256 the signed manifest gives for it.
pub(super) struct Changes<'e> {
    pub bytes: &'e [u8],
    pub sha256: String,
}

/// Payloads: exactly those listed, each with its bytes and hash. The entries' own hashes and
/// their chain are checked as they are read (`ChangeStream`).
fn check_payloads(manifest: Manifest, entries: &[container::Entry]) -> Result<Payloads<'_>> {
    let find = |name: &str| entries.iter().find(|e| e.name == name);
    if entries.len() != manifest.payloads.len() + 2 {
        return Err(refuse(
            Code::SYNC_PAYLOAD,
            nothing_written("文件里的条目与清单不符，"),
        ));
    }
    let mut changes_bytes: Option<(&[u8], String)> = None;
    let mut attachments = Vec::new();
    for payload in &manifest.payloads {
        let entry = find(&payload.name).ok_or_else(|| {
            refuse(
                Code::SYNC_PAYLOAD,
                nothing_written(&format!("清单列出的 {} 不在文件里，", payload.name)),
            )
        })?;
        // The changes' SHA-256 is checked by the thread that parses them, before it parses
        // (`ChangeStream`), so that it runs beside the import rather than before it.
        let changes = payload.name == CHANGES_FILE;
        if entry.data.len() as u64 != payload.bytes
            || (!changes && sha256_hex(&entry.data) != payload.sha256)
        {
            return Err(payload_altered(&payload.name));
        }
        if changes {
            changes_bytes = Some((&entry.data, payload.sha256.clone()));
        } else if let Some(sha) = payload.name.strip_prefix(ATTACHMENT_DIR) {
            if sha != payload.sha256 {
                return Err(refuse(
                    Code::SYNC_PAYLOAD_HASH,
                    nothing_written("附件的名称与内容哈希不符，"),
                ));
            }
            attachments.push(Attachment {
                sha256: payload.sha256.clone(),
                media_type: payload.media_type.clone().unwrap_or_default(),
                file_name: payload.file_name.clone().unwrap_or_default(),
                content: entry.data.clone(),
            });
        }
    }
    let (changes, changes_sha256) = changes_bytes
        .ok_or_else(|| refuse(Code::SYNC_PAYLOAD, nothing_written("文件里没有变更记录，")))?;
    Ok(Payloads {
        manifest,
        changes: Changes {
            bytes: changes,
            sha256: changes_sha256,
        },
        attachments,
    })
}

pub(super) fn payload_altered(name: &str) -> crate::error::Error {
    refuse(
        Code::SYNC_PAYLOAD_HASH,
        nothing_written(&format!(
            "{name} 的长度或 SHA-256 与清单不符（在途中被改动），"
        )),
    )
}

impl Store {
    /// Imports (or, with `dry_run`, only reports) a sealed batch file.
    pub fn import_batch(&mut self, sealed: &[u8], dry_run: bool) -> Result<ImportResult> {
        let keys = require_county(&self.conn)?;
        let plain = open_sealed(&keys.identity, sealed)?;
        let county_self = self.writer.device_id.clone();
        let (manifest, entries) = verify_signed(&self.conn, &plain)?;
        // A batch already seen (its signed manifest names it) answers the stored report before
        // any payload is parsed: re-importing a large batch costs a decryption and a lookup.
        let stored: Option<(String, Option<String>)> = self.conn.row(
            "SELECT report, receipt FROM sync_batch WHERE batch_id = ?1",
            [&manifest.batch_id],
        )?;
        if let Some((report, receipt)) = stored {
            let mut report: BatchImportReport = serde_json::from_str(&report)
                .map_err(|_| refuse(Code::SYNC_STORED_REPORT, "已存的导入报告损坏。"))?;
            report.outcome = "duplicate".into();
            report.dry_run = dry_run;
            return Ok(ImportResult {
                report,
                receipt: receipt.map(String::into_bytes),
                checks: None,
            });
        }
        let Payloads {
            manifest,
            changes,
            attachments,
        } = check_payloads(manifest, &entries)?;
        let clock = self.writer.clock.clone();
        // A county-sized batch touches more pages than the everyday cache holds; spilling them
        // to the WAL mid-transaction costs more than the merge itself.
        let cache: i64 = self
            .conn
            .pragma_query_value(None, "cache_size", |r| r.get(0))?;
        self.conn
            .pragma_update(None, "cache_size", IMPORT_CACHE_KIB)?;
        // The WAL is copied into the file after the answer (`checkpoint_soon`), not inside it.
        let autocheckpoint: i64 =
            self.conn
                .pragma_query_value(None, "wal_autocheckpoint", |r| r.get(0))?;
        self.conn.pragma_update(None, "wal_autocheckpoint", 0)?;
        // Read through while the batch is written: the checks below read the batch's records
        // in its own transaction (`Transaction::new_unchecked` borrows the connection shared).
        let store: &Store = self;
        let result: Result<ImportResult> = std::thread::scope(|scope| {
            // Parsed on a second core while the changes before are merged.
            let changes = ChangeStream::spawn(scope, &manifest, changes, &county_self)?;
            let tx = Transaction::new_unchecked(&store.conn, TransactionBehavior::Immediate)?;
            let batch = Batch {
                manifest: &manifest,
                attachments,
                changes,
                plain: &plain,
            };
            let mut result = apply_batch(&tx, &keys, &county_self, clock, batch, dry_run)?;
            // A batch the county refused in full leaves the county as it was: nothing is
            // acknowledged, and the same batch may be imported again once the cause is fixed.
            if dry_run || result.report.outcome == REFUSED {
                drop(tx); // rolls back
            } else {
                if result.report.outcome != "staged" {
                    // Across all townships, in the batch's transaction: the batch and its
                    // findings are written together or not at all. Only the groups of the
                    // records changed since the last run (the batch's) are judged (`checks::sql::changed`).
                    result.checks = Some(checks_after_import(store, &tx)?);
                }
                tx.commit()?;
            }
            Ok(result)
        });
        self.conn.pragma_update(None, "cache_size", cache)?;
        self.conn
            .pragma_update(None, "wal_autocheckpoint", autocheckpoint)?;
        let result = result?;
        if !result.report.dry_run {
            self.checkpoint_soon();
        }
        Ok(result)
    }
}

fn load_device(tx: &Transaction, device_id: &str) -> Result<Device> {
    Ok(tx.query_row(
        "SELECT township_id, last_seq, last_hash FROM sync_device WHERE device_id = ?1",
        [device_id],
        |r| {
            Ok(Device {
                township_id: r.get(0)?,
                last_seq: r.get(1)?,
                last_hash: r.get(2)?,
                applied_before: r.get(1)?,
            })
        },
    )?)
}

/// One batch to apply: its manifest, attachments and (checked as they are taken) changes.
struct Batch<'a, C> {
    manifest: &'a Manifest,
    attachments: Vec<Attachment>,
    changes: C,
    plain: &'a [u8],
}

fn fork(why: String) -> crate::error::Error {
    refuse(Code::SYNC_FORK, nothing_written(&why))
}

#[allow(clippy::too_many_arguments)]
fn apply_batch(
    tx: &Transaction,
    keys: &Keys,
    county_self: &str,
    clock: std::sync::Arc<dyn crate::store::hlc::Clock>,
    batch: Batch<impl Iterator<Item = Result<ChangeEntry>>>,
    dry_run: bool,
) -> Result<ImportResult> {
    let m = batch.manifest;
    let mut report = BatchImportReport {
        batch_id: m.batch_id.clone(),
        device_id: m.device_id.clone(),
        officer: m.officer.clone(),
        dry_run,
        outcome: "applied".into(),
        seq_from: m.seq_from,
        seq_to: m.seq_to,
        applied_through: 0,
        waiting_for: None,
        unstaged: Vec::new(),
        entities: BTreeMap::new(),
        refused: Vec::new(),
        conflicts: Vec::new(),
        clock: Vec::new(),
        attachments: batch.attachments.len() as u64,
    };
    let mut device = load_device(tx, &m.device_id)?;
    if m.seq_from > device.last_seq + 1 {
        // Kept for later only once every check has passed.
        for change in batch.changes {
            change?;
        }
        tx.execute(
            "INSERT OR IGNORE INTO sync_staged (batch_id, device_id, seq_from, seq_to, container)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![m.batch_id, m.device_id, m.seq_from, m.seq_to, batch.plain],
        )?;
        report.outcome = "staged".into();
        report.waiting_for = Some(device.last_seq + 1);
        report.applied_through = device.last_seq;
        store_batch(tx, &report, None)?;
        return Ok(ImportResult {
            report,
            receipt: None,
            checks: None,
        });
    }
    let mut touched = BTreeMap::new();
    let mut merged = Merged::default();
    apply_changes(
        tx,
        county_self,
        &clock,
        &mut device,
        &m.device_id,
        &batch.attachments,
        batch.changes,
        &mut report,
        &mut touched,
        &mut merged,
    )?;
    // Staged batches this one unblocked, in order.
    loop {
        let next: Option<(String, Vec<u8>)> = tx.row(
            "SELECT batch_id, container FROM sync_staged
                 WHERE device_id = ?1 AND seq_from <= ?2 ORDER BY seq_from LIMIT 1",
            params![m.device_id, device.last_seq + 1],
        )?;
        let Some((batch_id, container)) = next else {
            break;
        };
        tx.execute("DELETE FROM sync_staged WHERE batch_id = ?1", [&batch_id])?;
        let staged = verify(tx, &container, county_self)?;
        apply_changes(
            tx,
            county_self,
            &clock,
            &mut device,
            &m.device_id,
            &staged.attachments,
            staged.changes.into_iter().map(Ok),
            &mut report,
            &mut touched,
            &mut merged,
        )?;
        tx.execute(
            "UPDATE sync_batch SET outcome = 'applied' WHERE batch_id = ?1",
            [&batch_id],
        )?;
        report.unstaged.push(batch_id);
    }
    if merged.refused > 0 && merged.taken == 0 {
        // Acknowledging changes the county refused would tell the laptop they were taken in.
        report.outcome = REFUSED.into();
        report.applied_through = device.applied_before;
        return Ok(ImportResult {
            report,
            receipt: None,
            checks: None,
        });
    }
    report.applied_through = device.last_seq;
    let receipt = receipt(keys, county_self, &report, &touched)?;
    store_batch(tx, &report, Some(&receipt))?;
    Ok(ImportResult {
        report,
        receipt: Some(receipt.into_bytes()),
        checks: None,
    })
}

#[allow(clippy::too_many_arguments)]
fn apply_changes(
    tx: &Transaction,
    county_self: &str,
    clock: &std::sync::Arc<dyn crate::store::hlc::Clock>,
    device: &mut Device,
    device_id: &str,
    attachments: &[Attachment],
    changes: impl Iterator<Item = Result<ChangeEntry>>,
    report: &mut BatchImportReport,
    touched: &mut BTreeMap<(String, String), i64>,
    merged: &mut Merged,
) -> Result<()> {
    for a in attachments {
        attachments::put(tx, &a.sha256, &a.media_type, &a.file_name, &a.content)?;
    }
    let mut merger = Merger {
        tx,
        classes: FieldClasses::built_in(),
        county_self: county_self.to_string(),
        clock: clock.clone(),
        township_id: device.township_id.clone(),
        report,
        touched,
        sql: BTreeMap::new(),
        writer: None,
        townships: Default::default(),
    };
    let start = device.last_seq;
    let mut spent = Vec::new();
    for change in changes {
        let change = change?;
        if change.seq <= start {
            // Applied before: it must be the very change applied then (else the device's
            // database was replaced or copied: a fork).
            let stored: Option<String> = tx.value(
                "SELECT hash FROM sync_applied WHERE device_id = ?1 AND seq = ?2",
                params![device_id, change.seq],
            )?;
            if stored.as_deref() != Some(change.hash.as_str()) {
                return Err(fork(format!(
                    "第 {} 条变更与县里已收到的同号变更内容不同（设备数据库被替换或复制过），",
                    change.seq
                )));
            }
            continue;
        }
        if change.seq == start + 1 && change.prev_hash != device.last_hash {
            return Err(fork(
                "批次与县里已收到的变更接不上（设备数据库被替换或复制过），".into(),
            ));
        }
        let refusals_before = merger.report.refused.len();
        let (outcome, county_seq) = merger.apply(&change)?;
        match outcome {
            Outcome::New | Outcome::Changed | Outcome::Conflict => merged.taken += 1,
            // A refusal that is the county's decision (a county-only field, a record it deleted
            // or locked) is acknowledged, so the county's value reaches the laptop with the next
            // package; only changes the county could not place at all count as refused.
            Outcome::Refused
                if merger.report.refused[refusals_before..]
                    .iter()
                    .all(|r| NEITHER.contains(&r.code)) => {}
            Outcome::Refused
                if merger.report.refused[refusals_before..]
                    .iter()
                    .all(|r| COUNTY_DECISIONS.contains(&r.code)) =>
            {
                merged.taken += 1
            }
            Outcome::Refused => merged.refused += 1,
            Outcome::Unchanged => {}
        }
        tx.prepare_cached(
            "INSERT INTO sync_applied (device_id, seq, hash, county_seq, outcome) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![device_id, change.seq, change.hash, county_seq, outcome.as_str()])?;
        device.last_seq = change.seq;
        // Freeing changes one by one (allocated by the parsing thread) takes a noticeable share
        // of a large import: they are freed in chunks, on threads of their own.
        if spent.len() == FREE_IN_CHUNKS_OF {
            let chunk = std::mem::take(&mut spent);
            std::thread::spawn(move || drop(chunk));
        }
        spent.push(change);
    }
    if let Some(change) = spent.last() {
        device.last_hash.clone_from(&change.hash);
    }
    std::thread::spawn(move || drop(spent));
    tx.prepare_cached("UPDATE sync_device SET last_seq = ?2, last_hash = ?3 WHERE device_id = ?1")?
        .execute(params![device_id, device.last_seq, device.last_hash])?;
    Ok(())
}

fn receipt(
    keys: &Keys,
    county_self: &str,
    report: &BatchImportReport,
    touched: &BTreeMap<(String, String), i64>,
) -> Result<String> {
    let records = touched
        .iter()
        .map(|((entity, record_id), hlc)| ReceiptRecord {
            entity: entity.clone(),
            record_id: record_id.clone(),
            county_hlc: *hlc,
        })
        .collect();
    let receipt = Receipt {
        county_id: county_self.to_string(),
        device_id: report.device_id.clone(),
        batch_id: report.batch_id.clone(),
        applied_through: report.applied_through,
        issued_at: now_text(),
        records,
        refused: report
            .refused
            .iter()
            .filter(|r| NAMED_IN_RECEIPT.contains(&r.code))
            .map(|r| ReceiptRefusal {
                entity: r.entity.clone(),
                record_id: r.record_id.clone(),
                seq: r.seq,
                code: r.code.as_str().to_string(),
                message: r.message.clone(),
            })
            .collect(),
    };
    let body = serde_json::to_vec(&receipt).expect("receipts serialise");
    Ok(String::from_utf8(keys.seal(RECEIPT_KIND, &body).to_bytes()).expect("json is utf-8"))
}

fn store_batch(tx: &Transaction, report: &BatchImportReport, receipt: Option<&str>) -> Result<()> {
    tx.execute(
        "INSERT INTO sync_batch (batch_id, device_id, seq_from, seq_to, outcome, received_at, report, receipt)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            report.batch_id,
            report.device_id,
            report.seq_from,
            report.seq_to,
            report.outcome,
            now_text(),
            serde_json::to_string(report).expect("reports serialise"),
            receipt
        ],
    )?;
    Ok(())
}
