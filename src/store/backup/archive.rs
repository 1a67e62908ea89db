//! The backup file: a zip of `manifest.json` and `fieldbook.db`, written beside its name and
//! renamed into place; read with every failure named by its own code.

use std::fs::File;
use std::io::{BufWriter, Read, Seek, Write};
use std::path::Path;

use sha2::{Digest, Sha256};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

use super::copy::TempFile;
use super::{backup_error, BackupManifest, BACKUP_FORMAT, DATABASE_ENTRY, MANIFEST_ENTRY};
use crate::error::{Error, IoContext, Result};
use crate::Code;

/// A manifest is a few kilobytes; anything far larger is not ours.
const MAX_MANIFEST_BYTES: u64 = 1 << 20;

pub(super) fn parent_dir(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Packs the manifest and the database copy into `out`, whole or not at all. Answers the
/// backup file's size.
pub(super) fn write(out: &Path, manifest: &BackupManifest, database: &Path) -> Result<u64> {
    let partial = TempFile::new(parent_dir(out), out, "zip")?;
    let file = File::create(partial.path()).at_path(partial.path())?;
    let mut zip = ZipWriter::new(BufWriter::new(file));
    let manifest_json = serde_json::to_vec_pretty(manifest).expect("a manifest serialises");
    let zip_error = |e: zip::result::ZipError| zip_write_error(partial.path(), e);
    zip.start_file(
        MANIFEST_ENTRY,
        SimpleFileOptions::default().compression_method(CompressionMethod::Deflated),
    )
    .map_err(zip_error)?;
    zip.write_all(&manifest_json).at_path(partial.path())?;
    // An encrypted page does not compress: storing it saves the time.
    let method = if manifest.encrypted {
        CompressionMethod::Stored
    } else {
        CompressionMethod::Deflated
    };
    zip.start_file(
        DATABASE_ENTRY,
        SimpleFileOptions::default()
            .compression_method(method)
            .large_file(manifest.database_bytes >= u64::from(u32::MAX)),
    )
    .map_err(zip_error)?;
    let mut source = File::open(database).at_path(database)?;
    std::io::copy(&mut source, &mut zip).at_path(partial.path())?;
    let writer = zip.finish().map_err(zip_error)?;
    let file = writer
        .into_inner()
        .map_err(|e| Error::io(partial.path(), e.into_error()))?;
    file.sync_all().at_path(partial.path())?;
    let bytes = file.metadata().at_path(partial.path())?.len();
    drop(file);
    std::fs::rename(partial.path(), out).at_path(out)?;
    partial.keep();
    if let Ok(dir) = File::open(parent_dir(out)) {
        let _ = dir.sync_all();
    }
    Ok(bytes)
}

fn zip_write_error(path: &Path, error: zip::result::ZipError) -> Error {
    match error {
        zip::result::ZipError::Io(e) => Error::io(path, e),
        other => Error::io(path, std::io::Error::other(other.to_string())),
    }
}

/// An opened backup file whose manifest was read and understood.
pub(super) struct Opened {
    zip: ZipArchive<File>,
    pub(super) manifest: BackupManifest,
}

/// Opens `file` and reads its manifest.
pub(super) fn open(file: &Path) -> Result<Opened> {
    let handle = File::open(file).at_path(file)?;
    let mut zip = match ZipArchive::new(handle) {
        Ok(zip) => zip,
        Err(_) if starts_like_a_zip(file) => {
            return Err(backup_error(
                Code::BACKUP_CORRUPT,
                format!(
                "备份文件 “{}” 已损坏或不完整（可能复制到一半被中断），无法读取。请换一份备份。",
                file.display()
            ),
            ))
        }
        Err(_) => {
            return Err(backup_error(
                Code::BACKUP_NOT_A_BACKUP,
                format!(
                    "“{}” 不是 Fieldbook 备份文件。请选择“立即备份”保存的文件。",
                    file.display()
                ),
            ))
        }
    };
    let manifest = read_manifest(&mut zip, file)?;
    Ok(Opened { zip, manifest })
}

/// The manifest of a backup file, or why it is not one.
pub(super) fn read_manifest_of(file: &Path) -> Result<BackupManifest> {
    open(file).map(|opened| opened.manifest)
}

fn starts_like_a_zip(file: &Path) -> bool {
    let mut head = [0u8; 4];
    File::open(file)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok()
        && &head == b"PK\x03\x04"
}

fn corrupt(file: &Path, what: &str) -> Error {
    backup_error(
        Code::BACKUP_CORRUPT,
        format!(
            "备份文件 “{}” 中的{what}已损坏（校验不符或读到一半中断）。请换一份备份。",
            file.display()
        ),
    )
}

fn read_manifest<R: Read + Seek>(zip: &mut ZipArchive<R>, file: &Path) -> Result<BackupManifest> {
    let entry = match zip.by_name(MANIFEST_ENTRY) {
        Ok(entry) => entry,
        Err(zip::result::ZipError::FileNotFound) => {
            return Err(backup_error(
                Code::BACKUP_MANIFEST_MISSING,
                format!(
                    "备份文件 “{}” 中没有清单（{MANIFEST_ENTRY}），无法核对其内容，已拒绝恢复。请换一份备份。",
                    file.display()
                ),
            ))
        }
        Err(_) => return Err(corrupt(file, "清单")),
    };
    let mut text = Vec::new();
    entry
        .take(MAX_MANIFEST_BYTES + 1)
        .read_to_end(&mut text)
        .map_err(|_| corrupt(file, "清单"))?;
    let invalid = |why: String| {
        backup_error(
            Code::BACKUP_MANIFEST_INVALID,
            format!(
                "备份文件 “{}” 的清单无法识别（{why}），已拒绝恢复。请换一份备份。",
                file.display()
            ),
        )
    };
    if text.len() as u64 > MAX_MANIFEST_BYTES {
        return Err(invalid("清单过大".into()));
    }
    let value: serde_json::Value =
        serde_json::from_slice(&text).map_err(|_| invalid("不是有效的 JSON".into()))?;
    let format = value.get("format").and_then(|f| f.as_u64());
    if format.is_some_and(|f| f > u64::from(BACKUP_FORMAT)) {
        return Err(backup_error(
            Code::BACKUP_FORMAT_NEWER,
            format!(
                "备份文件 “{}” 是更新版本的 Fieldbook 做的（格式 {}，本程序认识到 {BACKUP_FORMAT}）。请升级 Fieldbook 后再恢复。",
                file.display(),
                format.unwrap_or_default()
            ),
        ));
    }
    serde_json::from_value(value).map_err(|e| invalid(format!("缺少或写错了字段：{e}")))
}

impl Opened {
    /// Unpacks the database copy into `to`, hashing it on the way: answers its size and
    /// SHA-256. Never writes more than the manifest's size plus one byte.
    pub(super) fn unpack_database(&mut self, file: &Path, to: &Path) -> Result<(u64, String)> {
        let entry = match self.zip.by_name(DATABASE_ENTRY) {
            Ok(entry) => entry,
            Err(zip::result::ZipError::FileNotFound) => {
                return Err(backup_error(
                    Code::BACKUP_DATABASE_MISSING,
                    format!(
                        "备份文件 “{}” 中没有数据库（{DATABASE_ENTRY}），只有清单。请换一份备份。",
                        file.display()
                    ),
                ))
            }
            Err(_) => return Err(corrupt(file, "数据库")),
        };
        let mut limited = entry.take(self.manifest.database_bytes + 1);
        let mut out = BufWriter::new(File::create(to).at_path(to)?);
        let mut hasher = Sha256::new();
        let mut buffer = vec![0u8; 1 << 16];
        let mut bytes = 0u64;
        loop {
            let read = limited
                .read(&mut buffer)
                .map_err(|_| corrupt(file, "数据库"))?;
            if read == 0 {
                break;
            }
            hasher.update(&buffer[..read]);
            out.write_all(&buffer[..read]).at_path(to)?;
            bytes += read as u64;
        }
        let out = out
            .into_inner()
            .map_err(|e| Error::io(to, e.into_error()))?;
        out.sync_all().at_path(to)?;
        Ok((bytes, crate::digest::hex(&hasher.finalize())))
    }
}
