//! `fieldbook backup --out F`, `fieldbook backup verify F`, `fieldbook restore F --to NEW.db`.
//! Verify and restore never open `--db`: they read a backup file and write only a new one.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use fieldbook::store::{restore_backup, verify_backup, BackupManifest, Passphrase};
use fieldbook::{Error, Store};

use crate::console::print;

#[derive(Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct BackupArgs {
    /// The backup file to write (a zip: manifest.json and the database copy); an existing file
    /// is replaced only when it is a Fieldbook backup
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<BackupCommand>,
}

#[derive(Subcommand)]
pub enum BackupCommand {
    /// Check a backup as restore would (hash, integrity, change log, counts), creating nothing;
    /// an encrypted one needs FIELDBOOK_PASSPHRASE
    Verify { file: PathBuf },
}

#[derive(Args)]
pub struct RestoreArgs {
    /// The backup file
    file: PathBuf,
    /// The new database file (must not exist: restore never overwrites); an encrypted backup
    /// needs FIELDBOOK_PASSPHRASE
    #[arg(long, value_name = "NEW.db")]
    to: PathBuf,
}

impl BackupArgs {
    /// `backup verify` reads only the backup file.
    pub fn opens_no_store(&self) -> bool {
        self.command.is_some()
    }
}

/// `backup verify F`: no store is opened.
pub fn verify(args: &BackupArgs, json: bool) -> Result<(), Error> {
    let Some(BackupCommand::Verify { file }) = &args.command else {
        unreachable!("called for backup verify only")
    };
    let check = verify_backup(file, Passphrase::from_env().as_ref())?;
    print(json, &check, || {
        format!("备份完好：{}\n{}", file.display(), summary(&check.manifest))
    });
    Ok(())
}

/// `backup --out F`.
pub fn backup(store: &Store, args: &BackupArgs, json: bool) -> Result<(), Error> {
    let Some(out) = &args.out else {
        return Err(usage(
            "请用 --out 指定备份文件，如 fieldbook backup --out 台账备份.fbbackup",
        ));
    };
    let report = store.backup_to(out)?;
    print(json, &report, || {
        let kind = if report.manifest.encrypted {
            "已用台账口令加密"
        } else {
            "未加密（台账本身未加密），请妥善保管"
        };
        format!(
            "已备份到 {}（{} 字节，{kind}）。\n{}",
            report.file.display(),
            report.bytes,
            summary(&report.manifest)
        )
    });
    Ok(())
}

/// `restore F --to NEW.db`: no store is opened.
pub fn restore(args: &RestoreArgs, json: bool) -> Result<(), Error> {
    let report = restore_backup(&args.file, &args.to, Passphrase::from_env().as_ref())?;
    print(json, &report, || {
        format!(
            "已恢复到新台账 {}（哈希、完整性、变更记录和各表行数均与清单一致）。\n{}\n用 --db {} 打开它。",
            report.path.display(),
            summary(&report.manifest),
            quoted(&report.path)
        )
    });
    Ok(())
}

fn summary(manifest: &BackupManifest) -> String {
    let county = manifest
        .county
        .as_ref()
        .map(|c| format!("{}（{}）", c.name, c.code))
        .unwrap_or_else(|| "（尚未设置县）".into());
    let rows: i64 = manifest.tables.values().sum();
    format!(
        "县：{county}{}\n设备：{}\n备份时间：{}\n结构版本：{}\n变更记录：{} 条，链尾哈希 {}\n共 {} 张表 {rows} 行",
        if manifest.demo { "（示范数据）" } else { "" },
        manifest.database_id,
        manifest.created_at,
        manifest.schema_version,
        manifest.log_head.seq,
        manifest.log_head.hash,
        manifest.tables.len(),
    )
}

fn quoted(path: &Path) -> String {
    format!("\"{}\"", path.display())
}

fn usage(message: &str) -> Error {
    fieldbook::domain::Invalid::new(fieldbook::Code::USAGE, "out", message).into()
}
