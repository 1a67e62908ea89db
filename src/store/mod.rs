//! The SQLite store: opening (with the checks that keep a user's file safe), pragmas,
//! migrations and queries. The only module that speaks SQL.

pub mod attachments;
pub mod backup;
pub mod encryption;
pub mod entities;
pub mod hlc;
mod ids;
pub mod key;
mod key_choice;
pub(crate) mod log;
mod migrations;
pub(crate) mod records;
mod rows;
pub(crate) mod search_keys;
pub mod write;

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rusqlite::{Connection, OpenFlags};

use crate::error::{io_reason, sqlite_reason, Error, IoContext, Result};

pub use attachments::MAX_ATTACHMENT_BYTES;
pub use backup::{
    restore_backup, verify_backup, BackupCheck, BackupManifest, BackupReport, BackupStatus,
    InPlace, RestoreReport,
};
pub use encryption::{DbStatus, EncryptOptions, EncryptReport, EncryptStep, PlainCopy};
pub use ids::{new_id, with_deterministic_ids};
pub use key::{file_kind, FileKind, Passphrase, PASSPHRASE_ENV};
pub use key_choice::choose_passphrase;
pub use log::{BrokenEntry, HistoryEntry, LogCheck};
pub use migrations::{LATEST_VERSION, MIGRATIONS};
pub use records::county::demo_db_path;
pub use records::kinds::{kind_option_id, KIND_NAMESPACE};
pub use records::lifecycle::{entity_of, RecordState};
pub use records::roster::roster_id;
pub use records::training::attendance_id;
pub(crate) use rows::{from_row, Query};
pub use write::ChangeEntry;

use hlc::{Clock, SystemClock};
use write::Writer;

/// What a layer above the store adds to every store it opens, such as a write-path hook
/// (`write::AfterAppend`). The crate root lists them (`crate::STORE_EXTENSIONS`), so the store
/// names no layer above it.
pub type Extension = fn(&mut Store) -> Result<()>;

/// The first 16 bytes of every SQLite 3 database file.
const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";
const BUSY_TIMEOUT_MS: u32 = 5_000;

pub struct Store {
    pub(crate) conn: Connection,
    path: Option<PathBuf>,
    pub(crate) writer: Writer,
    /// A checkpoint running on its own connection after a large import (`checkpoint_soon`).
    checkpoint: Option<std::thread::JoinHandle<()>>,
    /// The key of an encrypted database: every further connection to the file needs it.
    passphrase: Option<Passphrase>,
}

impl Drop for Store {
    /// Closing waits for a running checkpoint: the file is whole on disk when the app exits.
    fn drop(&mut self) {
        if let Some(running) = self.checkpoint.take() {
            let _ = running.join();
        }
    }
}

/// Who the audit trail names when nobody signed in: the OS account, else this placeholder.
const UNSIGNED_OFFICER: &str = "未署名";

impl Store {
    /// Opens (or creates) a plain database at `path`; see [`Store::open_with`].
    pub fn open(path: &Path) -> Result<Store> {
        Store::open_with(path, None)
    }

    /// Opens (or creates) the database at `path` and brings its schema up to date. With a
    /// passphrase the file is encrypted (SQLCipher): a new file from its first page, an existing
    /// one must have been encrypted with that passphrase.
    ///
    /// Refuses, without writing a byte, a file that is not SQLite (or, with a passphrase, does not
    /// open with it), a plain database given a passphrase (it must be converted, not opened as if
    /// it were protected), and a database made by a newer Fieldbook. Pragmas that write (WAL) are
    /// set only after these checks passed.
    pub fn open_with(path: &Path, passphrase: Option<&Passphrase>) -> Result<Store> {
        match (inspect_file(path)?, passphrase) {
            (FileKind::Plain, Some(_)) => {
                return Err(Error::NotEncrypted {
                    path: path.to_path_buf(),
                })
            }
            (FileKind::NotPlain, None) => {
                return Err(Error::NotADatabase {
                    path: path.to_path_buf(),
                })
            }
            _ => {}
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = key::open_connection(path, flags, passphrase)?;
        let found = migrations::user_version(&conn).map_err(|e| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::NotADatabase) if passphrase.is_some() => {
                Error::PassphraseWrong {
                    path: path.to_path_buf(),
                }
            }
            Some(rusqlite::ErrorCode::NotADatabase) => Error::NotADatabase {
                path: path.to_path_buf(),
            },
            _ => Error::CannotOpen {
                path: path.to_path_buf(),
                reason: sqlite_reason(&e).into(),
                detail: e.to_string(),
            },
        })?;
        if found > LATEST_VERSION {
            return Err(Error::DatabaseTooNew {
                path: path.to_path_buf(),
                found,
                supported: LATEST_VERSION,
            });
        }
        let mut conn = conn;
        configure(&conn, true, passphrase.is_some())?;
        migrations::migrate(&mut conn, Some(path), found)?;
        let mut store = Store::ready(conn, Some(path.to_path_buf()))?;
        store.passphrase = passphrase.cloned();
        Ok(store)
    }

    /// A private database for tests and dry runs; nothing touches the disk.
    pub fn open_in_memory() -> Result<Store> {
        let mut conn = Connection::open_in_memory()?;
        configure(&conn, false, false)?;
        migrations::migrate(&mut conn, None, 0)?;
        Store::ready(conn, None)
    }

    /// The schema is current: set up the writer and give pre-log rows their log entries.
    fn ready(conn: Connection, path: Option<PathBuf>) -> Result<Store> {
        let device_id: String = conn.query_row(
            "SELECT value FROM app_meta WHERE key = 'database_id'",
            [],
            |row| row.get(0),
        )?;
        let saved: Option<String> =
            conn.value("SELECT value FROM app_meta WHERE key = 'officer'", [])?;
        let officer = saved
            .map(Ok)
            .unwrap_or_else(|| std::env::var("USER"))
            .or_else(|_| std::env::var("USERNAME"))
            .ok()
            .filter(|name| !name.trim().is_empty())
            .unwrap_or_else(|| UNSIGNED_OFFICER.to_string());
        let mut store = Store {
            conn,
            path,
            writer: Writer::new(device_id, officer, Arc::new(SystemClock)),
            checkpoint: None,
            passphrase: None,
        };
        for extend in crate::STORE_EXTENSIONS {
            extend(&mut store)?;
        }
        let tx = store.conn.transaction()?;
        log::log_unlogged_rows(&tx, &store.writer)?;
        search_keys::fill_if_stale(&tx)?;
        tx.commit()?;
        Ok(store)
    }

    /// Copies a large transaction's pages from the WAL into the database file on a second
    /// connection, so the caller has its answer without waiting for that copy (and its fsync).
    /// The data is committed either way; closing the store waits for the copy to finish.
    pub(crate) fn checkpoint_soon(&mut self) {
        if let Some(running) = self.checkpoint.take() {
            let _ = running.join();
        }
        // Opened here, used on the thread: SQLCipher derives the key at the first access, so
        // an encrypted file's key derivation costs the thread, not the caller.
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let Ok(Some(conn)) = self.second_connection(flags) else {
            return;
        };
        self.checkpoint = Some(std::thread::spawn(move || {
            // PASSIVE: never waits for or blocks the app's own connection; whatever it cannot
            // copy now, SQLite's next automatic checkpoint copies.
            let _ = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()));
        }));
    }

    /// The name the change log records for the following writes.
    pub fn set_officer(&mut self, officer: &str) {
        let officer = officer.trim();
        self.writer.officer = if officer.is_empty() {
            UNSIGNED_OFFICER.to_string()
        } else {
            officer.to_string()
        };
    }

    /// Remembers the officer who uses this device, for this and later sessions.
    pub fn save_officer(&mut self, officer: &str) -> Result<()> {
        let officer = officer.trim();
        crate::domain::places::check_name(officer, "officer", "经办人姓名")?;
        self.conn.execute(
            "INSERT INTO app_meta (key, value) VALUES ('officer', ?1)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [officer],
        )?;
        self.set_officer(officer);
        Ok(())
    }

    pub fn officer(&self) -> &str {
        &self.writer.officer
    }

    /// True when an officer's name was saved on this device (`save_officer`); until then the
    /// change log names the OS account or 未署名, and the first-run screen should ask.
    pub fn officer_saved(&self) -> Result<bool> {
        let saved: Option<String> = self
            .conn
            .value("SELECT value FROM app_meta WHERE key = 'officer'", [])?;
        Ok(saved.is_some_and(|name| !name.trim().is_empty()))
    }

    /// Replaces the wall clock (tests; clock-skew scenarios).
    pub fn set_clock(&mut self, clock: Arc<dyn Clock>) {
        self.writer.clock = clock;
    }

    /// Adds a step after every change-log entry this store's writer appends (see `Extension`).
    pub fn add_after_append(&mut self, hook: Arc<dyn write::AfterAppend>) {
        self.writer.after_append.push(hook);
    }

    pub fn device_id(&self) -> &str {
        &self.writer.device_id
    }

    /// Whether the file is encrypted at rest (opened with a passphrase).
    pub fn is_encrypted(&self) -> bool {
        self.passphrase.is_some()
    }

    /// Another connection to this store's file, with its key: for a backup or a reader that
    /// must not share the app's connection. `None` for an in-memory store.
    pub(crate) fn second_connection(&self, flags: OpenFlags) -> Result<Option<Connection>> {
        match &self.path {
            Some(path) => key::open_connection(path, flags, self.passphrase.as_ref()).map(Some),
            None => Ok(None),
        }
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn schema_version(&self) -> Result<i64> {
        Ok(migrations::user_version(&self.conn)?)
    }

    pub fn database_id(&self) -> Result<String> {
        Ok(self.conn.query_row(
            "SELECT value FROM app_meta WHERE key = 'database_id'",
            [],
            |row| row.get(0),
        )?)
    }
}

fn configure(conn: &Connection, on_disk: bool, encrypted: bool) -> Result<()> {
    conn.busy_timeout(std::time::Duration::from_millis(BUSY_TIMEOUT_MS.into()))?;
    // The write path and the screens reuse a few dozen distinct statements.
    conn.set_prepared_statement_cache_capacity(128);
    // 16 MB of page cache (the default is 2 MB): the register's indexes stay in memory while a
    // county-sized import runs; an encrypted one needs more (every page read is decrypted).
    if encrypted {
        key::encrypted_cache(conn)?;
    } else {
        conn.pragma_update(None, "cache_size", -16_000)?;
    }
    if on_disk {
        let mode: String =
            conn.pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get(0))?;
        debug_assert_eq!(mode.to_lowercase(), "wal");
    }
    // NORMAL is durable across application crashes in WAL mode; FULL costs ~100× per commit.
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", true)?;
    Ok(())
}

/// What the file at `path` is, from its first 16 bytes, before SQLite gets a chance to write a
/// journal or change its mode: a non-empty file whose header is not SQLite's is an encrypted
/// database or somebody's document, and only a passphrase tells them apart.
pub(crate) fn inspect_file(path: &Path) -> Result<FileKind> {
    let metadata = match std::fs::metadata(path) {
        Ok(metadata) => metadata,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(FileKind::Missing),
        Err(e) => {
            return Err(Error::CannotOpen {
                path: path.to_path_buf(),
                reason: io_reason(&e),
                detail: e.to_string(),
            })
        }
    };
    if metadata.is_dir() {
        return Err(Error::CannotOpen {
            path: path.to_path_buf(),
            reason: "这是一个文件夹，不是数据库文件".into(),
            detail: String::new(),
        });
    }
    if metadata.len() == 0 {
        return Ok(FileKind::Missing);
    }
    let mut header = [0u8; 16];
    let read = File::open(path)
        .and_then(|mut file| file.read(&mut header))
        .map_err(|e| Error::CannotOpen {
            path: path.to_path_buf(),
            reason: io_reason(&e),
            detail: e.to_string(),
        })?;
    if read < header.len() || &header != SQLITE_HEADER {
        return Ok(FileKind::NotPlain);
    }
    Ok(FileKind::Plain)
}

/// The database the CLI and the desktop app share when no `--db` is given: the platform's data
/// directory (`~/.local/share/fieldbook/fieldbook.db` on Linux). `FIELDBOOK_DB` overrides it.
pub fn default_db_path() -> Result<PathBuf> {
    if let Some(path) = std::env::var_os("FIELDBOOK_DB").filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(path));
    }
    let dirs = directories::ProjectDirs::from("cn", "fieldbook", "fieldbook").ok_or_else(|| {
        Error::CannotOpen {
            path: PathBuf::from("fieldbook.db"),
            reason: "找不到当前用户的主目录，请用 --db 指定数据库文件".into(),
            detail: String::new(),
        }
    })?;
    let dir = dirs.data_dir();
    std::fs::create_dir_all(dir).at_path(dir)?;
    Ok(dir.join("fieldbook.db"))
}
