//! Encryption at rest, the operations on a whole file: converting a plain database in place,
//! changing the passphrase, and what a file on disk is (`status`). Opening with a key lives in
//! `key.rs` and `Store::open_with`.
//!
//! Conversion never leaves the user without an openable database: the plain file stays under its
//! own name until an encrypted copy beside it has been opened with the passphrase and checked
//! (integrity, change-log chain, row counts of every table, database id); only then does an atomic
//! rename put the copy in its place.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};
use serde::Serialize;

use super::key::{self, Passphrase};
use super::{inspect_file, migrations, FileKind, LogCheck, Store};
use crate::error::{Error, IoContext, Result};
use crate::Code;

/// The encrypted copy is written beside the database under this suffix, then renamed over it.
const CONVERTING_SUFFIX: &str = ".encrypting";
/// How long conversion waits for a lock before it says the file is in use.
const IN_USE_WAIT_MS: u64 = 200;

/// Whether conversion also deletes the plain copies an earlier Fieldbook left beside the file.
#[derive(Debug, Clone, Copy, Default)]
pub struct EncryptOptions {
    /// Delete the plain migration backups (`<file>.v<N>.bak`) once the encrypted database is in
    /// place. Off by default: they are the user's older copies.
    pub remove_plain_copies: bool,
}

/// What a conversion did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EncryptReport {
    pub path: PathBuf,
    pub database_id: String,
    pub schema_version: i64,
    /// Tables copied, and their rows in all (every table's count was compared).
    pub tables: usize,
    pub rows: i64,
    /// The change log as checked on both files.
    pub log_entries: i64,
    pub log_head: String,
    /// Plain copies still beside the file (the user's older copies; `strings` reads them).
    pub plain_copies: Vec<PathBuf>,
    /// Plain copies deleted on request.
    pub plain_copies_removed: Vec<PathBuf>,
}

/// The points of a conversion, in order: a test hook sees each (`encrypt_file_observed`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EncryptStep {
    /// The plain database opened and its facts (ids, log, counts) read.
    Checked,
    /// The plain file's WAL is merged and the file locked against other programs.
    Locked,
    /// The encrypted copy is written beside the file.
    Exported,
    /// The copy opened with the passphrase and matched the plain file.
    Verified,
    /// The copy is in the database's place; the plain file is gone.
    Swapped,
}

/// What `fieldbook db status` shows about a database file without changing it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DbStatus {
    pub path: PathBuf,
    pub exists: bool,
    /// True for a file that is not plain SQLite (an encrypted database, or another file: only
    /// the passphrase tells, see `unlocked`).
    pub encrypted: bool,
    /// An encrypted file opened with the passphrase given; `None` when no passphrase was given
    /// or the file is plain.
    pub unlocked: Option<bool>,
    /// SQLCipher's version (the library this Fieldbook links).
    pub cipher_version: String,
    /// Bytes of the file and its WAL.
    pub size_bytes: u64,
    /// `None` when the file could not be read (encrypted without its passphrase).
    pub schema_version: Option<i64>,
    pub plain_copies: Vec<PlainCopy>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlainCopy {
    pub path: PathBuf,
    pub size_bytes: u64,
}

impl Store {
    /// Converts the plain database at `path` into an encrypted one in place (see the module
    /// comment). Refuses a file that is already encrypted, the demo (its records are made up:
    /// it stays plain, so practice never needs the passphrase), and a file another program has
    /// open (`STORE_IN_USE`).
    pub fn encrypt_file(
        path: &Path,
        passphrase: &Passphrase,
        options: EncryptOptions,
    ) -> Result<EncryptReport> {
        encrypt_file_observed(path, passphrase, options, &mut |_| Ok(()))
    }

    /// Re-encrypts the open database with `new` (`PRAGMA rekey`, one transaction: a crash leaves
    /// the old passphrase in force); later connections use the new key. Refuses a plain
    /// database and one another program has open (their pages would turn unreadable to it).
    pub fn change_passphrase(&mut self, new: &Passphrase) -> Result<()> {
        let path = self.path.clone().unwrap_or_default();
        if self.passphrase.is_none() {
            return Err(Error::NotEncrypted { path });
        }
        if let Some(running) = self.checkpoint.take() {
            let _ = running.join();
        }
        // Leaving WAL needs every other connection closed: it is how another program holding
        // the file shows. The rekey then runs under a rollback journal, and WAL comes back.
        self.conn
            .busy_timeout(std::time::Duration::from_millis(IN_USE_WAIT_MS))?;
        let left_wal = set_journal_mode(&self.conn, "DELETE");
        self.conn.busy_timeout(std::time::Duration::from_millis(
            super::BUSY_TIMEOUT_MS.into(),
        ))?;
        left_wal.map_err(|e| in_use_or(e, &path))?;
        let rekeyed = self.conn.pragma_update(None, "rekey", new.expose());
        if rekeyed.is_ok() {
            self.passphrase = Some(new.clone());
        }
        set_journal_mode(&self.conn, "WAL")?;
        rekeyed?;
        // The new key must open the file on a fresh connection before the caller relies on it.
        let check = key::open_connection(&path, OpenFlags::SQLITE_OPEN_READ_ONLY, Some(new))?;
        check
            .query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(()))
            .map_err(|_| Error::PassphraseWrong { path: path.clone() })?;
        Ok(())
    }
}

impl Store {
    /// Whether `candidate` is the passphrase the open database was opened with: changing the
    /// passphrase checks the current one without opening a second connection (which the rekey
    /// would then find holding the file). A plain database has none, so nothing matches.
    pub fn passphrase_is(&self, candidate: &str) -> bool {
        self.passphrase.as_ref().is_some_and(|held| {
            let (held, candidate) = (held.expose().as_bytes(), candidate.as_bytes());
            // Every byte is compared whatever the first difference: the time taken says nothing
            // about how much of a guess was right.
            held.len() == candidate.len()
                && held
                    .iter()
                    .zip(candidate)
                    .fold(0u8, |differ, (a, b)| differ | (a ^ b))
                    == 0
        })
    }
}

/// [`Store::encrypt_file`] with a hook called at each [`EncryptStep`]: tests copy the files as
/// they are at that moment (what a power cut would leave) or fail the step.
#[doc(hidden)]
pub fn encrypt_file_observed(
    path: &Path,
    passphrase: &Passphrase,
    options: EncryptOptions,
    at_step: &mut dyn FnMut(EncryptStep) -> Result<()>,
) -> Result<EncryptReport> {
    match inspect_file(path)? {
        FileKind::Missing => {
            return Err(Error::CannotOpen {
                path: path.to_path_buf(),
                reason: "文件不存在".into(),
                detail: String::new(),
            })
        }
        FileKind::NotPlain => return Err(refusal(Code::STORE_ALREADY_ENCRYPTED, path)),
        FileKind::Plain => {}
    }
    let converting = sibling(path, CONVERTING_SUFFIX);
    // A copy left by an interrupted conversion was never in use: start again from the plain file.
    remove_with_journals(&converting)?;

    let facts = {
        let store = Store::open(path)?;
        if store.is_demo()? {
            return Err(refusal(Code::STORE_DEMO_PLAIN, path));
        }
        Facts::of(&store.conn, store.database_id()?, store.verify_log()?)?
    };
    at_step(EncryptStep::Checked)?;

    let conn = lock_plain(path)?;
    at_step(EncryptStep::Locked)?;

    let converted = export_and_verify(&conn, path, &converting, passphrase, &facts, at_step);
    if let Err(error) = converted {
        remove_with_journals(&converting)?;
        return Err(error);
    }

    // The plain file is whole in itself (journal mode DELETE merged its WAL), so no plain WAL or
    // shared-memory file may stay beside the encrypted one: SQLite would read them as its own.
    for journal in ["-wal", "-shm", "-journal"] {
        remove_if_present(&sibling(path, journal))?;
    }
    std::fs::rename(&converting, path).at_path(path)?;
    sync_folder(path);
    drop(conn);
    at_step(EncryptStep::Swapped)?;

    let mut plain_copies = find_plain_copies(path)?;
    let mut plain_copies_removed = Vec::new();
    if options.remove_plain_copies {
        for copy in plain_copies.drain(..) {
            std::fs::remove_file(&copy.path).at_path(&copy.path)?;
            plain_copies_removed.push(copy.path);
        }
    }
    Ok(EncryptReport {
        path: path.to_path_buf(),
        database_id: facts.database_id,
        schema_version: facts.schema_version,
        tables: facts.counts.len(),
        rows: facts.counts.iter().map(|(_, n)| n).sum(),
        log_entries: facts.log.entries,
        log_head: facts.log.head_hash,
        plain_copies: plain_copies.into_iter().map(|c| c.path).collect(),
        plain_copies_removed,
    })
}

/// What must be equal on the plain file and its encrypted copy.
#[derive(Debug, PartialEq, Eq)]
struct Facts {
    database_id: String,
    schema_version: i64,
    log: LogCheck,
    counts: Vec<(String, i64)>,
}

impl Facts {
    fn of(conn: &Connection, database_id: String, log: LogCheck) -> Result<Facts> {
        Ok(Facts {
            database_id,
            schema_version: migrations::user_version(conn)?,
            log,
            counts: table_counts(conn)?,
        })
    }
}

fn table_counts(conn: &Connection) -> Result<Vec<(String, i64)>> {
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
             ORDER BY name",
        )?
        .query_map([], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    tables
        .into_iter()
        .map(|table| {
            let sql = format!("SELECT count(*) FROM \"{}\"", table.replace('"', "\"\""));
            let count: i64 = conn.query_row(&sql, [], |row| row.get(0))?;
            Ok((table, count))
        })
        .collect()
}

/// A connection that alone holds the plain file: WAL merged into it and removed (which SQLite
/// refuses while another connection has the file open: that is how "in use" shows), then an
/// exclusive lock kept until the connection closes, so nothing writes to the plain file while
/// it is being copied.
fn lock_plain(path: &Path) -> Result<Connection> {
    // CREATE: the attached encrypted copy is a new file, and ATTACH takes the connection's flags.
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = key::open_connection(path, flags, None)?;
    conn.busy_timeout(std::time::Duration::from_millis(IN_USE_WAIT_MS))?;
    set_journal_mode(&conn, "DELETE").map_err(|e| in_use_or(e, path))?;
    conn.pragma_update(None, "locking_mode", "EXCLUSIVE")?;
    conn.execute_batch("BEGIN EXCLUSIVE; COMMIT;")
        .map_err(|e| in_use_or(e.into(), path))?;
    Ok(conn)
}

fn export_and_verify(
    conn: &Connection,
    path: &Path,
    converting: &Path,
    passphrase: &Passphrase,
    facts: &Facts,
    at_step: &mut dyn FnMut(EncryptStep) -> Result<()>,
) -> Result<()> {
    conn.execute(
        "ATTACH DATABASE ?1 AS encrypted KEY ?2",
        rusqlite::params![converting.to_string_lossy(), passphrase.expose()],
    )?;
    let exported = (|| -> Result<()> {
        conn.query_row("SELECT sqlcipher_export('encrypted')", [], |_| Ok(()))?;
        // sqlcipher_export copies the schema and rows, not the schema version.
        conn.execute_batch(&format!(
            "PRAGMA encrypted.user_version = {}",
            facts.schema_version
        ))?;
        Ok(())
    })();
    conn.execute("DETACH DATABASE encrypted", [])?;
    exported?;
    at_step(EncryptStep::Exported)?;

    {
        let copy = Store::open_with(converting, Some(passphrase))?;
        let integrity: String = copy
            .conn
            .query_row("PRAGMA integrity_check", [], |row| row.get(0))?;
        if integrity != "ok" {
            return Err(verify_failed(
                path,
                &format!("完整性检查未通过（{integrity}）"),
            ));
        }
        let found = Facts::of(&copy.conn, copy.database_id()?, copy.verify_log()?)?;
        if let Some(what) = first_difference(facts, &found) {
            return Err(verify_failed(path, &what));
        }
    }
    at_step(EncryptStep::Verified)
}

fn first_difference(plain: &Facts, copy: &Facts) -> Option<String> {
    if plain.database_id != copy.database_id {
        return Some("数据库标识不同".into());
    }
    if plain.schema_version != copy.schema_version {
        return Some(format!(
            "结构版本不同（{} / {}）",
            plain.schema_version, copy.schema_version
        ));
    }
    if plain.log != copy.log {
        return Some("变更记录链不同".into());
    }
    if plain.counts != copy.counts {
        let table = plain
            .counts
            .iter()
            .zip(
                copy.counts
                    .iter()
                    .chain(std::iter::repeat(&(String::new(), -1))),
            )
            .find(|(a, b)| a != b)
            .map(|(a, _)| a.0.clone())
            .unwrap_or_default();
        return Some(format!("表 {table} 的行数不同"));
    }
    None
}

/// The plain SQLite files an earlier Fieldbook left beside `path`: migration backups
/// (`<file>.v<N>.bak`, `<file>.v<N>.<n>.bak`).
pub fn find_plain_copies(path: &Path) -> Result<Vec<PlainCopy>> {
    let Some(name) = path.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return Ok(Vec::new());
    };
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let prefix = format!("{name}.");
    let mut copies = Vec::new();
    for entry in std::fs::read_dir(&folder).at_path(&folder)? {
        let entry = entry.at_path(&folder)?;
        let file = entry.file_name().to_string_lossy().into_owned();
        if !(file.starts_with(&prefix) && file.ends_with(".bak")) {
            continue;
        }
        let copy = entry.path();
        if inspect_file(&copy)? == FileKind::Plain {
            let size_bytes = entry.metadata().at_path(&copy)?.len();
            copies.push(PlainCopy {
                path: copy,
                size_bytes,
            });
        }
    }
    copies.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(copies)
}

/// Deletes the plain copies beside an encrypted database (`find_plain_copies`) and names them.
/// Refused beside a plain database (`STORE_NOT_ENCRYPTED`): there they are no worse than the
/// database itself, and may be the only older copy the user has.
pub fn remove_plain_copies(path: &Path) -> Result<Vec<PathBuf>> {
    if inspect_file(path)? != FileKind::NotPlain {
        return Err(Error::NotEncrypted {
            path: path.to_path_buf(),
        });
    }
    let mut removed = Vec::new();
    for copy in find_plain_copies(path)? {
        std::fs::remove_file(&copy.path).at_path(&copy.path)?;
        removed.push(copy.path);
    }
    Ok(removed)
}

/// What the file at `path` is, read without changing it: with `passphrase`, an encrypted file
/// is also opened (read-only) to tell whether the passphrase fits and read its schema version.
pub fn status(path: &Path, passphrase: Option<&Passphrase>) -> Result<DbStatus> {
    let kind = inspect_file(path)?;
    let size = |p: &Path| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
    let cipher_version: String =
        Connection::open_in_memory()?.query_row("PRAGMA cipher_version", [], |row| row.get(0))?;
    let read_only = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let version_with = |key: Option<&Passphrase>| -> Option<i64> {
        let conn = key::open_connection(path, read_only, key).ok()?;
        migrations::user_version(&conn).ok()
    };
    let (encrypted, unlocked, schema_version) = match (kind, passphrase) {
        (FileKind::Missing, _) => (false, None, None),
        (FileKind::Plain, _) => (false, None, version_with(None)),
        (FileKind::NotPlain, None) => (true, None, None),
        (FileKind::NotPlain, Some(key)) => {
            let version = version_with(Some(key));
            (true, Some(version.is_some()), version)
        }
    };
    Ok(DbStatus {
        path: path.to_path_buf(),
        exists: kind != FileKind::Missing,
        encrypted,
        unlocked,
        cipher_version,
        size_bytes: size(path) + size(&sibling(path, "-wal")),
        schema_version,
        plain_copies: if kind == FileKind::Missing {
            Vec::new()
        } else {
            find_plain_copies(path)?
        },
    })
}

fn set_journal_mode(conn: &Connection, mode: &str) -> Result<()> {
    let now: String = conn.pragma_update_and_check(None, "journal_mode", mode, |r| r.get(0))?;
    if now.eq_ignore_ascii_case(mode) {
        Ok(())
    } else {
        // SQLite answers the mode it kept when it could not change it (another connection).
        Err(Error::Sqlite(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
            Some(format!("journal mode stayed {now}")),
        )))
    }
}

fn in_use_or(error: Error, path: &Path) -> Error {
    match &error {
        Error::Sqlite(e)
            if matches!(
                e.sqlite_error_code(),
                Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
            ) =>
        {
            refusal(Code::STORE_IN_USE, path)
        }
        _ => error,
    }
}

fn refusal(code: Code, path: &Path) -> Error {
    let path = path.display();
    let message = match code {
        Code::STORE_ALREADY_ENCRYPTED => format!(
            "“{path}” 已经是加密的台账（或不是 Fieldbook 数据库），无需再加密，文件未做任何改动。要换口令请用 fieldbook db passphrase。"
        ),
        Code::STORE_DEMO_PLAIN => format!(
            "“{path}” 是示范数据库（示范县的数据是虚构的，不含真实个人信息），不加密，文件未做任何改动。请加密本县自己的台账。"
        ),
        Code::STORE_IN_USE => format!(
            "台账 “{path}” 正被另一个程序打开（例如 Fieldbook 桌面程序）。请先关闭它再操作；文件未做任何改动。"
        ),
        _ => format!("“{path}”：{code:?}"),
    };
    Error::Encryption { code, message }
}

fn verify_failed(path: &Path, what: &str) -> Error {
    Error::Encryption {
        code: Code::STORE_ENCRYPT_VERIFY,
        message: format!(
            "加密后的副本核对不符（{what}），已删除该副本；原台账 “{}” 未加密、未做改动，可以照常使用。请把此情况告知县电商中心。",
            path.display()
        ),
    }
}

/// `<path><suffix>`: `fieldbook.db` → `fieldbook.db-wal`, `fieldbook.db.encrypting`.
fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

fn remove_if_present(path: &Path) -> Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Error::io(path, e)),
        _ => Ok(()),
    }
}

fn remove_with_journals(path: &Path) -> Result<()> {
    remove_if_present(path)?;
    for journal in ["-wal", "-shm", "-journal"] {
        remove_if_present(&sibling(path, journal))?;
    }
    Ok(())
}

/// Makes the rename durable (a power cut after it must not bring the plain file back). Not every
/// file system can sync a folder; the rename itself is atomic either way.
fn sync_folder(path: &Path) {
    if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        if let Ok(dir) = std::fs::File::open(folder) {
            let _ = dir.sync_all();
        }
    }
}

/// What a forgotten passphrase costs, said where one is chosen (the CLI's `db encrypt`, the
/// desktop's first run).
pub const FORGOTTEN_PASSPHRASE_COST: &str = "请牢记口令：忘记口令后，这台电脑上的台账无法解密，任何人（包括县电商中心和开发者）都无法找回。乡镇的电脑可以重新向县里登记（enroll），再次收到本乡镇的台账；但尚未发送给县里的工作（未导出或未被县里导入的批次）将全部丢失。";

/// The environment variable a new passphrase is read from (`db encrypt`, `db passphrase`).
pub const NEW_PASSPHRASE_ENV: &str = "FIELDBOOK_NEW_PASSPHRASE";

/// No new passphrase came: not in the environment, and none typed.
pub fn no_new_passphrase() -> crate::domain::Invalid {
    crate::domain::Invalid::new(
        Code::STORE_PASSPHRASE_MISSING,
        "passphrase",
        format!("没有收到新口令。请在终端中输入，或设置环境变量 {NEW_PASSPHRASE_ENV}，或从标准输入传入一行口令。"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn after_a_change_the_stores_further_connections_use_the_new_key() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("fieldbook.db");
        let old = Passphrase::choose("旧口令 old 2026").unwrap();
        let new = Passphrase::choose("新口令 new 2027").unwrap();
        let mut store = Store::open_with(&path, Some(&old)).unwrap();
        store.change_passphrase(&new).unwrap();
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let second = store.second_connection(flags).unwrap().unwrap();
        let tables: i64 = second
            .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
            .unwrap();
        assert!(tables > 20);
        let mode: String = store
            .conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal", "the store is back in WAL after the rekey");
    }

    #[test]
    fn the_open_store_knows_its_passphrase_and_a_plain_one_matches_none() {
        let dir = tempfile::tempdir().unwrap();
        let old = Passphrase::choose("积石山台账 old 2026").unwrap();
        let new = Passphrase::choose("积石山台账 new 2027").unwrap();
        let mut store = Store::open_with(&dir.path().join("enc.db"), Some(&old)).unwrap();
        assert!(store.passphrase_is("积石山台账 old 2026"));
        assert!(!store.passphrase_is("积石山台账 old 2027"));
        assert!(!store.passphrase_is("积石山台账 old 202"));
        assert!(!store.passphrase_is(""));
        store.change_passphrase(&new).unwrap();
        assert!(store.passphrase_is("积石山台账 new 2027"));
        assert!(!store.passphrase_is("积石山台账 old 2026"));
        let plain = Store::open(&dir.path().join("plain.db")).unwrap();
        assert!(!plain.passphrase_is(""));
        assert!(!plain.passphrase_is("积石山台账 old 2026"));
    }
}
