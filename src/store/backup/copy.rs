//! The consistent copy: SQLite's online backup API from a connection of its own into a file
//! keyed like the database, and the facts the manifest records, read from that copy (so they
//! describe exactly what was copied, whatever the app wrote meanwhile).

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};
use sha2::{Digest, Sha256};

use super::{backup_error, BackupCounty, BackupManifest, LogHead, BACKUP_FORMAT};
use crate::error::{IoContext, Result};
use crate::store::write::GENESIS_HASH;
use crate::store::{key, migrations, Query, Store};
use crate::Code;

/// How often a step that found the source busy is retried, 50 ms apart: a WAL reader waits only
/// while SQLite recovers the WAL, which takes far less.
const BUSY_RETRIES: u32 = 200;

/// A file of ours beside the target, removed when dropped unless it was [`TempFile::keep`]-ed
/// (renamed into place).
pub(super) struct TempFile {
    path: PathBuf,
    keep: bool,
}

impl TempFile {
    /// `.<target name>.<pid>.<suffix>.part` in `dir`; an old one of the same name is removed.
    pub(super) fn new(dir: &Path, target: &Path, suffix: &str) -> Result<TempFile> {
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_else(|| "fieldbook".into());
        let path = dir.join(format!(".{name}.{}.{suffix}.part", std::process::id()));
        remove_with_sidecars(&path);
        Ok(TempFile { path, keep: false })
    }

    pub(super) fn path(&self) -> &Path {
        &self.path
    }

    pub(super) fn keep(mut self) {
        self.keep = true;
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if !self.keep {
            remove_with_sidecars(&self.path);
        }
    }
}

fn remove_with_sidecars(path: &Path) {
    for suffix in ["", "-journal", "-wal", "-shm"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(name));
    }
}

/// A backup never replaces the database (or its WAL) nor a file that is not a backup: `--out`
/// typed wrong must not cost the user a file.
pub(super) fn refuse_unsafe_out(own: Option<&Path>, out: &Path) -> Result<()> {
    if let Some(own) = own {
        let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
            (Ok(a), Ok(b)) => a == b,
            _ => a == b,
        };
        let sidecar = |suffix: &str| {
            let mut name = own.as_os_str().to_owned();
            name.push(suffix);
            PathBuf::from(name)
        };
        if [own.to_path_buf(), sidecar("-wal"), sidecar("-shm")]
            .iter()
            .any(|p| same(p, out))
        {
            return Err(backup_error(
                Code::BACKUP_SAME_FILE,
                format!(
                    "备份文件不能是数据库本身（“{}”）。请另选一个文件名，如 “台账备份.fbbackup”。",
                    out.display()
                ),
            ));
        }
    }
    if out.exists() && super::archive::read_manifest_of(out).is_err() {
        return Err(backup_error(
            Code::BACKUP_OUT_NOT_A_BACKUP,
            format!(
                "“{}” 已存在，而且不是 Fieldbook 备份，不能覆盖它。请另选一个文件名。",
                out.display()
            ),
        ));
    }
    Ok(())
}

/// Copies the database into `to` (a new file) and describes the copy; `created_at` is left
/// for the caller.
pub(super) fn copy_database(store: &Store, to: &Path) -> Result<BackupManifest> {
    let mut dst = key::open_connection(
        to,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE,
        store.passphrase.as_ref(),
    )?;
    // A connection of its own: the copy reads one snapshot (WAL) while the app's connection
    // keeps writing. An in-memory store has no file to open twice.
    let own_reader = store.second_connection(OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let src = own_reader.as_ref().unwrap_or(&store.conn);
    {
        let backup = Backup::new(src, &mut dst)?;
        let mut busy = 0;
        loop {
            // All pages in one step: one read transaction, one consistent snapshot.
            match backup.step(-1)? {
                StepResult::Done => break,
                StepResult::More => {}
                StepResult::Busy | StepResult::Locked if busy < BUSY_RETRIES => {
                    busy += 1;
                    std::thread::sleep(Duration::from_millis(50));
                }
                _ => {
                    return Err(backup_error(
                        Code::STORE_SQLITE,
                        "数据库一直被占用，无法复制。请关闭其他正在使用这个台账的窗口后重试。",
                    ))
                }
            }
        }
    }
    drop(own_reader);
    // One self-contained file: no WAL beside the copy.
    dst.pragma_update(None, "journal_mode", "DELETE")?;
    let mut manifest = describe(&dst, store.is_encrypted())?;
    dst.close().map_err(|(_, e)| e)?;
    let (bytes, sha256) = hash_file(to)?;
    manifest.database_bytes = bytes;
    manifest.database_sha256 = sha256;
    Ok(manifest)
}

/// The manifest's facts of a database, read on `conn` (the copy when backing up, the unpacked
/// file when restoring).
fn describe(conn: &Connection, encrypted: bool) -> Result<BackupManifest> {
    let database_id: String = conn
        .value("SELECT value FROM app_meta WHERE key = 'database_id'", [])?
        .unwrap_or_default();
    let county: Option<(String, String)> =
        conn.row("SELECT code, name FROM county ORDER BY code LIMIT 1", [])?;
    let demo: Option<String> = conn.value("SELECT value FROM app_meta WHERE key = 'demo'", [])?;
    Ok(BackupManifest {
        format: BACKUP_FORMAT,
        app_version: env!("CARGO_PKG_VERSION").to_string(),
        created_at: String::new(),
        database_id,
        county: county.map(|(code, name)| BackupCounty { code, name }),
        demo: demo.as_deref() == Some("1"),
        schema_version: migrations::user_version(conn)?,
        encrypted,
        database_bytes: 0,
        database_sha256: String::new(),
        log_head: log_head(conn)?,
        tables: table_counts(conn)?,
    })
}

/// Rows per table (SQLite's own tables aside).
pub(super) fn table_counts(conn: &Connection) -> Result<BTreeMap<String, i64>> {
    let tables: Vec<String> = conn.list(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
         ORDER BY name",
        [],
        |row| row.get(0),
    )?;
    let mut counts = BTreeMap::new();
    for table in tables {
        let quoted = table.replace('"', "\"\"");
        let count: i64 =
            conn.query_row(&format!("SELECT count(*) FROM \"{quoted}\""), [], |row| {
                row.get(0)
            })?;
        counts.insert(table, count);
    }
    Ok(counts)
}

pub(super) fn log_head(conn: &Connection) -> Result<LogHead> {
    let head: Option<(i64, String)> = conn.row(
        "SELECT seq, hash FROM change_log ORDER BY seq DESC LIMIT 1",
        [],
    )?;
    let (seq, hash) = head.unwrap_or((0, GENESIS_HASH.to_string()));
    Ok(LogHead { seq, hash })
}

/// Size and SHA-256 (hex) of a file, read in blocks.
pub(super) fn hash_file(path: &Path) -> Result<(u64, String)> {
    let mut file = std::fs::File::open(path).at_path(path)?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 1 << 16];
    let mut bytes = 0u64;
    loop {
        let read = file.read(&mut buffer).at_path(path)?;
        if read == 0 {
            break;
        }
        hasher.update(&buffer[..read]);
        bytes += read as u64;
    }
    Ok((bytes, crate::digest::hex(&hasher.finalize())))
}
