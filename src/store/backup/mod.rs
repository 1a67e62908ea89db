//! Backups the user keeps, and proof that they restore. A backup is one zip file holding
//! `manifest.json` (what the copy should contain) and `fieldbook.db` (a consistent copy made with
//! SQLite's online backup API while the app may be writing). Restoring unpacks it beside the
//! target and checks it completely — SHA-256, `integrity_check`, the change-log chain, the counts
//! and log head of the manifest — before the file takes the target's name.
//!
//! Why zip: any archive tool opens it, so a county clerk can read the manifest without
//! Fieldbook; each entry carries a CRC-32 (a second check under the SHA-256); the `zip` crate is
//! already built for the spreadsheet reader. The sync container is a wire format for batches
//! between devices, sealed to a recipient: a backup is for the same device, keyed by the
//! database's own passphrase.

mod archive;
mod copy;
mod in_place;
mod restore;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::key::Passphrase;
use super::Store;
use crate::error::{Error, Result};
use crate::store::Query;
use crate::Code;

pub use in_place::InPlace;
pub use restore::{restore_backup, verify_backup, BackupCheck, RestoreReport};

/// The manifest's format. A backup of a newer format is refused by an older app
/// (`BACKUP_FORMAT_NEWER`) instead of being half understood.
pub const BACKUP_FORMAT: u32 = 1;
/// The zip entries.
pub const MANIFEST_ENTRY: &str = "manifest.json";
pub const DATABASE_ENTRY: &str = "fieldbook.db";
/// How old the last backup may be before the app reminds the officer.
pub const BACKUP_REMINDER_DAYS: i64 = 7;

const LAST_BACKUP_AT: &str = "last_backup_at";
const LAST_BACKUP_FILE: &str = "last_backup_file";

/// What a backup holds, written beside the database copy and checked by restore.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct BackupManifest {
    /// [`BACKUP_FORMAT`].
    pub format: u32,
    /// The Fieldbook version that made it.
    pub app_version: String,
    /// When it was made, RFC 3339 in UTC.
    pub created_at: String,
    /// The device: `app_meta.database_id` of the copied database.
    pub database_id: String,
    /// The county, `None` for a database not yet set up.
    pub county: Option<BackupCounty>,
    /// A copy of the demo database.
    pub demo: bool,
    /// `user_version` of the copy.
    pub schema_version: i64,
    /// Encrypted with the database's passphrase (SQLCipher), or plain.
    pub encrypted: bool,
    /// Size of `fieldbook.db` in bytes.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub database_bytes: u64,
    /// SHA-256 (hex) of `fieldbook.db`.
    pub database_sha256: String,
    /// The last change-log entry of the copy.
    pub log_head: LogHead,
    /// Rows per table of the copy.
    #[cfg_attr(feature = "ts", ts(type = "Record<string, number>"))]
    pub tables: BTreeMap<String, i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct BackupCounty {
    pub code: String,
    pub name: String,
}

/// The change log's last entry: `seq` 0 and the genesis hash when it is empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct LogHead {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub seq: i64,
    pub hash: String,
}

/// A backup just written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct BackupReport {
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub file: PathBuf,
    /// Size of the backup file.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub bytes: u64,
    pub manifest: BackupManifest,
}

/// The last backup this database made (`app_meta`; bookkeeping, not the change log).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct LastBackup {
    /// RFC 3339 in UTC.
    pub at: String,
    pub file: String,
}

/// What the backup card and the reminder show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct BackupStatus {
    pub last: Option<LastBackup>,
    /// A real county's database whose last backup is older than [`BACKUP_REMINDER_DAYS`], or
    /// that has none. Never the demo, never a database not yet set up.
    pub reminder_due: bool,
}

impl Store {
    /// Writes a backup of this database to `out`: a consistent copy (SQLite's online backup
    /// API on a connection of its own, so the app may keep writing), encrypted with the same
    /// passphrase when the database is, packed with its manifest. The file is written beside
    /// `out` and renamed into place: it is whole or absent. An existing `out` is replaced only
    /// when it is itself a Fieldbook backup; the database itself is never a target.
    pub fn backup_to(&self, out: &Path) -> Result<BackupReport> {
        copy::refuse_unsafe_out(self.path(), out)?;
        let now_ms = self.writer.clock.now_ms();
        let dir = archive::parent_dir(out);
        let copy = copy::TempFile::new(dir, out, "db")?;
        let mut facts = copy::copy_database(self, copy.path())?;
        facts.created_at = rfc3339(now_ms);
        let bytes = archive::write(out, &facts, copy.path())?;
        drop(copy);
        self.conn.execute(
            "INSERT INTO app_meta (key, value) VALUES (?1, ?2), (?3, ?4)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [
                LAST_BACKUP_AT,
                &facts.created_at,
                LAST_BACKUP_FILE,
                &out.display().to_string(),
            ],
        )?;
        Ok(BackupReport {
            file: out.to_path_buf(),
            bytes,
            manifest: facts,
        })
    }

    /// The last backup, and whether the app should remind the officer to make one.
    pub fn backup_status(&self) -> Result<BackupStatus> {
        let at: Option<String> = self.conn.value(
            "SELECT value FROM app_meta WHERE key = ?1",
            [LAST_BACKUP_AT],
        )?;
        let file: Option<String> = self.conn.value(
            "SELECT value FROM app_meta WHERE key = ?1",
            [LAST_BACKUP_FILE],
        )?;
        let last = at.zip(file).map(|(at, file)| LastBackup { at, file });
        let real_county = self.county()?.is_some() && !self.is_demo()?;
        let now = chrono::DateTime::from_timestamp_millis(self.writer.clock.now_ms() as i64)
            .unwrap_or_default();
        let stale = match &last {
            None => true,
            Some(last) => chrono::DateTime::parse_from_rfc3339(&last.at)
                .map(|at| {
                    now.signed_duration_since(at) > chrono::Duration::days(BACKUP_REMINDER_DAYS)
                })
                .unwrap_or(true),
        };
        Ok(BackupStatus {
            last,
            reminder_due: real_county && stale,
        })
    }

    /// Restores `file` into a new database beside this one (`<name>-恢复-<time>.db`), with this
    /// database's passphrase, checked as [`restore_backup`] checks it. This database is left
    /// as it is; the caller switches to the answer's `path`.
    pub fn restore_beside(&self, file: &Path) -> Result<RestoreReport> {
        let own = self.path().ok_or_else(|| {
            backup_error(
                Code::BACKUP_TARGET_EXISTS,
                "内存中的数据库没有所在的文件夹，无法在旁边恢复。",
            )
        })?;
        let to = restored_name(own, self.writer.clock.now_ms());
        restore_backup(file, &to, self.passphrase.as_ref())
    }

    /// Opens another database file with this database's passphrase (the file restored beside
    /// it), as [`Store::open_with`] does.
    pub fn open_sibling(&self, path: &Path) -> Result<Store> {
        Store::open_with(path, self.passphrase.as_ref())
    }

    /// The name a backup is offered under: `台账备份-托里县-20261207-1430.zip`.
    pub fn backup_file_name(&self) -> Result<String> {
        let county = self
            .county()?
            .map(|c| format!("-{}", c.name))
            .unwrap_or_default();
        let time = chrono::DateTime::from_timestamp_millis(self.writer.clock.now_ms() as i64)
            .unwrap_or_default()
            .with_timezone(&chrono::Local)
            .format("%Y%m%d-%H%M");
        Ok(format!("台账备份{county}-{time}.zip"))
    }

    /// Checks `file` as restore would, creating nothing: with `backup_passphrase` (a backup
    /// made before the passphrase was changed), else this database's passphrase.
    pub fn verify_backup(
        &self,
        file: &Path,
        backup_passphrase: Option<&Passphrase>,
    ) -> Result<BackupCheck> {
        verify_backup(file, backup_passphrase.or(self.passphrase.as_ref()))
    }
}

/// A name beside `own` that no file has: `fieldbook-恢复-20261207-1430.db`, then `… (2).db`.
pub(super) fn restored_name(own: &Path, now_ms: u64) -> PathBuf {
    unused_name(own, "恢复", now_ms)
}

/// `<stem>-<label>-<local time>.db` beside `own`, numbered `(2)`, `(3)` … until no file has it.
fn unused_name(own: &Path, label: &str, now_ms: u64) -> PathBuf {
    let dir = archive::parent_dir(own);
    let stem = own
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_else(|| "fieldbook".into());
    let time = chrono::DateTime::from_timestamp_millis(now_ms as i64)
        .unwrap_or_default()
        .with_timezone(&chrono::Local)
        .format("%Y%m%d-%H%M");
    let mut path = dir.join(format!("{stem}-{label}-{time}.db"));
    let mut n = 2;
    while path.exists() {
        path = dir.join(format!("{stem}-{label}-{time} ({n}).db"));
        n += 1;
    }
    path
}

fn rfc3339(ms: u64) -> String {
    chrono::DateTime::from_timestamp_millis(ms as i64)
        .unwrap_or_default()
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

pub(crate) fn backup_error(code: Code, message: impl Into<String>) -> Error {
    Error::Backup {
        code,
        message: message.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_restored_file_gets_a_free_name_beside_the_database() {
        let dir = tempfile::tempdir().unwrap();
        let own = dir.path().join("fieldbook.db");
        let first = restored_name(&own, 1_765_000_000_000);
        assert_eq!(first.parent(), Some(dir.path()));
        let name = first.file_name().unwrap().to_string_lossy().to_string();
        assert!(
            name.starts_with("fieldbook-恢复-") && name.ends_with(".db"),
            "{name}"
        );
        std::fs::write(&first, b"taken").unwrap();
        let second = restored_name(&own, 1_765_000_000_000);
        assert_ne!(first, second);
        assert!(second.to_string_lossy().ends_with(" (2).db"));
    }
}
