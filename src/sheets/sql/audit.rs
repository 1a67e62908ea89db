//! The export audit: one row per spreadsheet written, saying who took which rows away and
//! whether the file held unmasked ID numbers. Kept even when the file is later deleted.

use rusqlite::params;
use serde::Serialize;

use crate::error::Result;
use crate::store::from_row;
use crate::store::Store;

/// One export as the audit shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ExportAuditEntry {
    pub exported_at: String,
    pub officer: String,
    /// `households`, `roster`, `ledger`, `attendance`, `summary`, `disbursements` or
    /// `fund_status`.
    pub kind: String,
    /// A township's 9-digit code, `county`, or a programme's id (the fund exports).
    pub scope: String,
    pub rows: u32,
    /// Whether the file held unmasked ID numbers.
    pub full_ids: bool,
    pub checksum: String,
    /// The file as saved.
    pub destination: String,
}

/// What to note about an export.
pub struct ExportNote<'a> {
    pub kind: &'a str,
    pub scope: &'a str,
    pub rows: u32,
    pub full_ids: bool,
    pub checksum: &'a str,
    pub destination: &'a str,
}

impl Store {
    pub fn note_export(&self, note: &ExportNote) -> Result<()> {
        self.conn.execute(
            "INSERT INTO export_audit (exported_at, officer, kind, scope, rows, full_ids,
                                       checksum, destination)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                chrono::Local::now().format("%Y-%m-%d %H:%M:%S").to_string(),
                self.officer(),
                note.kind,
                note.scope,
                note.rows,
                note.full_ids,
                note.checksum,
                note.destination,
            ],
        )?;
        Ok(())
    }

    /// Every export, newest first.
    pub fn export_audit(&self) -> Result<Vec<ExportAuditEntry>> {
        let mut stmt = self.conn.prepare(
            "SELECT exported_at, officer, kind, scope, rows, full_ids, checksum, destination
             FROM export_audit ORDER BY id DESC",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(from_row!(r => ExportAuditEntry {
                exported_at, officer, kind, scope, rows, full_ids, checksum, destination,
            }))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
