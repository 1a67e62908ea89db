//! Device side: the batch file. Everything after the last acknowledged change (so a lost file
//! costs nothing), signed, with content-addressed attachments, age-encrypted to the county.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::{meta_i64, now_text, require_device, set_meta};
use crate::error::Result;
use crate::store::attachments;
use crate::store::from_row;
use crate::store::write::ChangeEntry;
use crate::store::Store;
use crate::sync::model::*;
use crate::sync::refuse;
use crate::sync::wire::container::{self, Entry};
use crate::sync::wire::keys::{encrypt, sha256_hex};
use crate::Code;

pub const CHANGES_FILE: &str = "changes.jsonl";
pub const MANIFEST_FILE: &str = "manifest.json";
pub const SIGNATURE_FILE: &str = "manifest.sig";
pub const ATTACHMENT_DIR: &str = "attachments/";

impl Store {
    /// Builds the encrypted batch of every change after the last acknowledged one.
    pub fn export_batch(&mut self) -> Result<(Vec<u8>, Manifest)> {
        let (keys, county) = require_device(&self.conn)?;
        let acked = meta_i64(&self.conn, "acked_seq")?;
        let entries = read_entries(&self.conn, acked)?;
        let (Some(first), Some(last)) = (entries.first(), entries.last()) else {
            return Err(refuse(
                Code::SYNC_NOTHING_PENDING,
                "没有待同步的修改：县里已确认本机的全部记录。",
            ));
        };
        let (seq_from, seq_to) = (first.seq, last.seq);
        let prev_hash = first.prev_hash.clone();
        let head_hash = last.hash.clone();

        let mut changes = Vec::with_capacity(entries.len() * 300);
        let mut counts: BTreeMap<String, u64> = BTreeMap::new();
        let mut hashes = BTreeSet::new();
        for entry in &entries {
            serde_json::to_writer(&mut changes, entry).expect("entries serialise");
            changes.push(b'\n');
            *counts.entry(entry.entity.clone()).or_default() += 1;
            for (_, new) in entry.fields.values() {
                if let Value::String(s) = new {
                    content_hashes(s, &mut hashes);
                }
            }
        }
        let mut payloads = vec![Payload {
            name: CHANGES_FILE.into(),
            bytes: changes.len() as u64,
            rows: entries.len() as u64,
            sha256: sha256_hex(&changes),
            media_type: None,
            file_name: None,
        }];
        let mut files = vec![Entry {
            name: CHANGES_FILE.into(),
            data: changes,
        }];
        for sha in &hashes {
            if let Some((media_type, file_name, content)) = attachments::read(&self.conn, sha)? {
                let name = format!("{ATTACHMENT_DIR}{sha}");
                payloads.push(Payload {
                    name: name.clone(),
                    bytes: content.len() as u64,
                    rows: 1,
                    sha256: sha.clone(),
                    media_type: Some(media_type),
                    file_name: Some(file_name),
                });
                files.push(Entry {
                    name,
                    data: content,
                });
            }
        }
        let manifest = Manifest {
            format_version: BATCH_FORMAT,
            batch_id: uuid::Uuid::now_v7().to_string(),
            device_id: self.writer.device_id.clone(),
            officer: self.writer.officer.clone(),
            township_id: county.township_id.clone(),
            seq_from,
            seq_to,
            prev_hash,
            head_hash,
            counts,
            payloads,
            created_at: now_text(),
            device_clock_ms: self.writer.clock.now_ms(),
        };
        let manifest_bytes = serde_json::to_vec_pretty(&manifest).expect("manifests serialise");
        let signature = format!(
            "{}\n{}\n",
            manifest.device_id,
            keys.sign_raw(MANIFEST_KIND, &manifest_bytes)
        );
        let mut all = vec![
            Entry {
                name: SIGNATURE_FILE.into(),
                data: signature.into_bytes(),
            },
            Entry {
                name: MANIFEST_FILE.into(),
                data: manifest_bytes,
            },
        ];
        all.extend(files);
        let plain = container::write(&all);
        let sealed = encrypt(&county.keys.recipient()?, &plain);
        set_meta(&self.conn, "last_export_at", &manifest.created_at)?;
        set_meta(&self.conn, "last_export_batch", &manifest.batch_id)?;
        set_meta(&self.conn, "last_export_seq", &seq_to.to_string())?;
        Ok((sealed, manifest))
    }
}

pub(super) fn read_entries(conn: &rusqlite::Connection, after: i64) -> Result<Vec<ChangeEntry>> {
    let mut stmt = conn.prepare(
        "SELECT seq, change_id, entity, record_id, op, base_version, hlc, device_id, officer,
                fields, prev_hash, hash
         FROM change_log WHERE seq > ?1 ORDER BY seq",
    )?;
    let rows = stmt.query_map([after], |row| {
        let fields: String = row.get(9)?;
        Ok(from_row!(row => ChangeEntry {
            seq, change_id, entity, record_id, op, base_version, hlc, device_id, officer,
            fields = serde_json::from_str(&fields).unwrap_or_default(), _, prev_hash, hash,
        }))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// SHA-256 hex strings inside a value (a `scan_sha256`, or a JSON list of sheet photos).
pub(super) fn content_hashes(text: &str, out: &mut BTreeSet<String>) {
    let bytes = text.as_bytes();
    let mut start = None;
    for i in 0..=bytes.len() {
        let hex = i < bytes.len() && matches!(bytes[i], b'0'..=b'9' | b'a'..=b'f');
        match (hex, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                if i - s == 64 {
                    out.insert(text[s..i].to_string());
                }
                start = None;
            }
            _ => {}
        }
    }
}
