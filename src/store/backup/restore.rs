//! Restoring and verifying a backup: unpacked into a file of ours, then checked completely
//! before anything takes the target's name. A refused backup creates nothing at the target.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};
use serde::Serialize;

use super::archive;
use super::copy::{log_head, table_counts, TempFile};
use super::{backup_error, BackupManifest};
use crate::error::{Error, IoContext, Result};
use crate::store::{key, log, migrations, Passphrase, LATEST_VERSION};
use crate::Code;

/// A backup that passed every check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct BackupCheck {
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub file: PathBuf,
    pub manifest: BackupManifest,
}

/// A backup restored into a new database file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct RestoreReport {
    /// The new database.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub path: PathBuf,
    pub manifest: BackupManifest,
    /// A restore over the database in use (`Store::restore_in_place`): the previous database,
    /// kept under this name.
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub replaced: Option<PathBuf>,
}

/// Checks `file` as [`restore_backup`] does, unpacking it into the system's temporary folder
/// and removing it again.
pub fn verify_backup(file: &Path, passphrase: Option<&Passphrase>) -> Result<BackupCheck> {
    let temp = TempFile::new(&std::env::temp_dir(), file, "verify")?;
    let manifest = unpack_and_check(file, temp.path(), passphrase)?;
    Ok(BackupCheck {
        file: file.to_path_buf(),
        manifest,
    })
}

/// Restores `file` into the new database `to` (which must not exist): unpacked beside `to`,
/// its SHA-256 checked against the manifest, opened (with `passphrase` when the backup is
/// encrypted), `integrity_check`-ed, its change-log chain walked, its row counts and log head
/// compared with the manifest; only then is it given the name `to`. Opening `to` afterwards
/// brings an older schema up to date as any database is.
pub fn restore_backup(
    file: &Path,
    to: &Path,
    passphrase: Option<&Passphrase>,
) -> Result<RestoreReport> {
    refuse_existing(to)?;
    let temp = TempFile::new(archive::parent_dir(to), to, "restore")?;
    let manifest = unpack_and_check(file, temp.path(), passphrase)?;
    // A hard link never replaces a file that appeared meanwhile; a file system without links
    // (a FAT-formatted stick) gets the check and a rename.
    match std::fs::hard_link(temp.path(), to) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => return Err(target_exists(to)),
        Err(_) => {
            refuse_existing(to)?;
            std::fs::rename(temp.path(), to).at_path(to)?;
            temp.keep();
        }
    }
    if let Ok(dir) = std::fs::File::open(archive::parent_dir(to)) {
        let _ = dir.sync_all();
    }
    Ok(RestoreReport {
        path: to.to_path_buf(),
        manifest,
        replaced: None,
    })
}

fn refuse_existing(to: &Path) -> Result<()> {
    match to.exists() {
        true => Err(target_exists(to)),
        false => Ok(()),
    }
}

fn target_exists(to: &Path) -> Error {
    backup_error(
        Code::BACKUP_TARGET_EXISTS,
        format!(
            "“{}” 已存在。恢复只写入新文件，从不覆盖已有的台账；请另选一个文件名。",
            to.display()
        ),
    )
}

/// Every check of a backup, on its database unpacked into `temp`.
fn unpack_and_check(
    file: &Path,
    temp: &Path,
    passphrase: Option<&Passphrase>,
) -> Result<BackupManifest> {
    let mut opened = archive::open(file)?;
    let manifest = opened.manifest.clone();
    if manifest.schema_version > LATEST_VERSION {
        return Err(Error::DatabaseTooNew {
            path: file.to_path_buf(),
            found: manifest.schema_version,
            supported: LATEST_VERSION,
        });
    }
    let key = match (manifest.encrypted, passphrase) {
        (true, None) => {
            return Err(backup_error(
                Code::BACKUP_PASSPHRASE_NEEDED,
                format!(
                    "备份文件 “{}” 是加密的，需要做备份时台账的口令（命令行用环境变量 FIELDBOOK_PASSPHRASE）。",
                    file.display()
                ),
            ))
        }
        (true, Some(passphrase)) => Some(passphrase),
        (false, _) => None,
    };
    let (bytes, sha256) = opened.unpack_database(file, temp)?;
    if bytes != manifest.database_bytes || sha256 != manifest.database_sha256 {
        return Err(backup_error(
            Code::BACKUP_HASH_MISMATCH,
            format!(
                "备份文件 “{}” 中的数据库与清单记录的校验值不符（SHA-256 或大小不同），文件被改动或已损坏，已拒绝恢复。请换一份备份。",
                file.display()
            ),
        ));
    }
    let conn = key::open_connection(temp, OpenFlags::SQLITE_OPEN_READ_WRITE, key)?;
    check_database(&conn, file, &manifest)?;
    conn.close().map_err(|(_, e)| Error::from(e))?;
    Ok(manifest)
}

fn check_database(conn: &Connection, file: &Path, manifest: &BackupManifest) -> Result<()> {
    let refused = |code: Code, what: String| {
        backup_error(
            code,
            format!(
                "备份文件 “{}” 未通过检查：{what}。已拒绝恢复，没有创建任何文件；请换一份备份。",
                file.display()
            ),
        )
    };
    match migrations::user_version(conn) {
        Ok(_) => {}
        Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::NotADatabase) => {
            return Err(if manifest.encrypted {
                Error::PassphraseWrong {
                    path: file.to_path_buf(),
                }
            } else {
                refused(Code::BACKUP_INTEGRITY, "其中的数据库无法打开".into())
            })
        }
        Err(e) => return Err(e.into()),
    }
    let problems: Vec<String> = conn
        .prepare("PRAGMA integrity_check")
        .and_then(|mut stmt| {
            stmt.query_map([], |row| row.get::<_, String>(0))?
                .collect::<rusqlite::Result<Vec<String>>>()
        })
        .unwrap_or_else(|e| vec![e.to_string()]);
    if problems != ["ok"] {
        return Err(refused(
            Code::BACKUP_INTEGRITY,
            format!("数据库完整性检查发现 {} 处问题", problems.len()),
        ));
    }
    let chain = log::verify_chain(conn)?;
    if let Some(broken) = chain.first_broken {
        return Err(refused(
            Code::BACKUP_LOG_BROKEN,
            format!("变更记录第 {} 条有问题：{}", broken.seq, broken.reason),
        ));
    }
    let head = log_head(conn)?;
    if head != manifest.log_head || chain.entries != head.seq || chain.head_hash != head.hash {
        return Err(refused(
            Code::BACKUP_LOG_HEAD_DIFFERS,
            format!(
                "变更记录的末条（第 {} 条）与清单记录的（第 {} 条）不符",
                head.seq, manifest.log_head.seq
            ),
        ));
    }
    let counts = table_counts(conn)?;
    let differ: Vec<String> = manifest
        .tables
        .keys()
        .chain(counts.keys())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .filter(|t| manifest.tables.get(*t) != counts.get(*t))
        .map(|t| {
            let show = |n: Option<&i64>| n.map_or("无此表".to_string(), |n| format!("{n} 行"));
            format!(
                "{t}：清单 {}，实有 {}",
                show(manifest.tables.get(t)),
                show(counts.get(t))
            )
        })
        .collect();
    if !differ.is_empty() {
        return Err(refused(
            Code::BACKUP_COUNTS_DIFFER,
            format!("各表行数与清单不符（{}）", differ.join("；")),
        ));
    }
    Ok(())
}
