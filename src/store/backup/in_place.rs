//! Restoring over the database in use, so that the restored register is the one the app opens
//! at its next start. The backup is first restored and checked completely beside the database
//! (`Store::restore_beside`); only then is the database in use closed, renamed aside as
//! `<name>-恢复前-<time>.db` (kept, never deleted: the officer may still need what it held), and
//! the restored file given its name. A rename that fails undoes the ones before it, and the
//! database in use is opened again as it was.

use std::path::{Path, PathBuf};

use super::{archive, backup_error, RestoreReport};
use crate::error::{Error, Result};
use crate::store::key::Passphrase;
use crate::store::{EncryptOptions, Store};
use crate::Code;

/// What [`Store::restore_in_place`] leaves: the store to go on with (the restored one, or the
/// one in use when the restore was refused) and how the restore went.
pub struct InPlace {
    pub store: Store,
    pub outcome: Result<RestoreReport>,
}

/// SQLite's companion files, renamed together with the database when they exist.
const COMPANIONS: [&str; 3] = ["", "-wal", "-shm"];

impl Store {
    /// Restores `file` over this database: see the module's comment. The answer's `replaced`
    /// names the previous database kept aside. `Err` only when neither the restored nor the
    /// previous database could be opened again (the files are then as the error says).
    ///
    /// `backup_passphrase` opens a backup made under another passphrase (before the passphrase
    /// was changed); without it the register's own is tried. Whatever the backup's key, the
    /// restored register takes this register's passphrase (a plain backup is encrypted with it),
    /// so the officer unlocks it as before.
    pub fn restore_in_place(
        self,
        file: &Path,
        backup_passphrase: Option<&Passphrase>,
    ) -> Result<InPlace> {
        let Some(own) = self.path().map(Path::to_path_buf) else {
            let refused = backup_error(
                Code::BACKUP_TARGET_EXISTS,
                "内存中的数据库没有所在的文件夹，无法恢复到原处。",
            );
            return Ok(InPlace {
                store: self,
                outcome: Err(refused),
            });
        };
        let mut report = match self.restore_beside_keyed(file, backup_passphrase) {
            Ok(report) => report,
            Err(refused) => {
                return Ok(InPlace {
                    store: self,
                    outcome: Err(refused),
                })
            }
        };
        let passphrase = self.passphrase.clone().or(backup_passphrase.cloned());
        let aside = aside_name(&own, self.writer.clock.now_ms());
        // Closing the connection checkpoints the write-ahead log into the file being renamed.
        drop(self);
        if let Err(failed) = swap(&own, &aside, &report.path) {
            let store = Store::open_with(&own, passphrase.as_ref())?;
            return Ok(InPlace {
                store,
                outcome: Err(failed),
            });
        }
        match Store::open_with(&own, passphrase.as_ref()) {
            Ok(store) => {
                report.replaced = Some(aside);
                report.path = own;
                Ok(InPlace {
                    store,
                    outcome: Ok(report),
                })
            }
            Err(refused) => {
                // Verified a moment ago, so this is the disk or the system: put both back.
                rename_all(&own, &report.path)?;
                rename_all(&aside, &own)?;
                let store = Store::open_with(&own, passphrase.as_ref())?;
                Ok(InPlace {
                    store,
                    outcome: Err(refused),
                })
            }
        }
    }
}

impl Store {
    /// Restores `file` beside this database as [`Store::restore_beside`] does, opening it with
    /// `backup_passphrase` (else this database's), then gives the restored file this database's
    /// passphrase: encrypted with it when the backup was plain, re-keyed when the backup was
    /// made under another one.
    fn restore_beside_keyed(
        &self,
        file: &Path,
        backup_passphrase: Option<&Passphrase>,
    ) -> Result<RestoreReport> {
        let own = self.path().unwrap_or(Path::new("fieldbook.db"));
        let to = super::restored_name(own, self.writer.clock.now_ms());
        let key = backup_passphrase.or(self.passphrase.as_ref());
        let report = super::restore_backup(file, &to, key)?;
        match (&self.passphrase, report.manifest.encrypted) {
            (Some(own_key), false) => {
                // The restored file is a fresh copy of the backup: its plain migration copies, if
                // opening it made any, are not the user's and must not stay readable beside it.
                let options = EncryptOptions {
                    remove_plain_copies: true,
                };
                Store::encrypt_file(&to, own_key, options)?;
            }
            (Some(own_key), true) if key != Some(own_key) => {
                let mut restored = Store::open_with(&to, key)?;
                restored.change_passphrase(own_key)?;
            }
            _ => {}
        }
        Ok(report)
    }
}

/// `own` → `aside`, then `restored` → `own`; on a failure, what was renamed is put back.
fn swap(own: &Path, aside: &Path, restored: &Path) -> Result<()> {
    rename_all(own, aside)?;
    if let Err(failed) = rename_all(restored, own) {
        rename_all(aside, own)?;
        return Err(failed);
    }
    if let Ok(dir) = std::fs::File::open(archive::parent_dir(own)) {
        let _ = dir.sync_all();
    }
    Ok(())
}

/// Renames a database and those of its companion files that exist; refuses a target that
/// exists (nothing is ever overwritten).
fn rename_all(from: &Path, to: &Path) -> Result<()> {
    for suffix in COMPANIONS {
        let source = with_suffix(from, suffix);
        if suffix.is_empty() || source.exists() {
            let target = with_suffix(to, suffix);
            if target.exists() {
                return Err(backup_error(
                    Code::BACKUP_TARGET_EXISTS,
                    format!(
                        "文件“{}”已存在，恢复不会覆盖它。请移走该文件后再恢复。",
                        target.display()
                    ),
                ));
            }
            std::fs::rename(&source, &target).map_err(|e| Error::Io {
                path: source.clone(),
                source: e,
            })?;
        }
    }
    Ok(())
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// `fieldbook-恢复前-20261207-1430.db` beside `own`, then `… (2).db`.
fn aside_name(own: &Path, now_ms: u64) -> PathBuf {
    super::unused_name(own, "恢复前", now_ms)
}
