//! Checking a copy of an archive against its manifest: every file listed must be there with its
//! size and SHA-256, and nothing else may be. The file may come from anywhere (a USB stick, an
//! email), so it is read at bounded cost: a capped manifest, a capped number of entries, and
//! never more of an entry than the manifest says it holds plus one byte.

use std::collections::HashSet;
use std::fs::File;
use std::io::Read;
use std::path::Path;

use sha2::{Digest, Sha256};
use zip::ZipArchive;

use super::{
    archive_error, ArchiveCheck, ArchiveManifest, ArchiveProblem, ARCHIVE_FORMAT, MANIFEST_ENTRY,
};
use crate::error::{IoContext, Result};
use crate::Code;

/// A manifest lists a few hundred bytes per file; 16 MB is tens of thousands of files.
const MAX_MANIFEST_BYTES: u64 = 16 << 20;
/// More entries than any county's programme has documents.
const MAX_ENTRIES: usize = 100_000;
/// An attachment is at most 20 MB and a printed form a few; a listed size far above that is
/// not ours, and would let a small zip make the check inflate without end.
const MAX_FILE_BYTES: u64 = 1 << 30;
/// What the check reads at most over all files.
const MAX_TOTAL_BYTES: u64 = 16 << 30;

fn starts_like_a_zip(file: &Path) -> bool {
    let mut head = [0u8; 4];
    File::open(file)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok()
        && &head == b"PK\x03\x04"
}

fn too_large(file: &Path, what: &str) -> crate::Error {
    archive_error(
        Code::ARCHIVE_TOO_LARGE,
        format!(
            "“{}” {what}，不是 Fieldbook 生成的项目档案，已停止核对。",
            file.display()
        ),
    )
}

/// Refuses a manifest listing too many files, one path twice, or sizes past the caps, before
/// a byte of the files is read.
fn check_listing(manifest: &ArchiveManifest, file: &Path) -> Result<()> {
    if manifest.files.len() > MAX_ENTRIES {
        return Err(too_large(
            file,
            &format!("的清单列出超过 {MAX_ENTRIES} 个文件"),
        ));
    }
    let mut paths = HashSet::new();
    let mut total = 0u64;
    for f in &manifest.files {
        if !paths.insert(f.path.as_str()) {
            return Err(archive_error(
                Code::ARCHIVE_MANIFEST_INVALID,
                format!(
                    "项目档案 “{}” 的清单把“{}”列了两次，无法核对。",
                    file.display(),
                    f.path
                ),
            ));
        }
        if f.bytes > MAX_FILE_BYTES {
            return Err(too_large(file, &format!("的清单中“{}”超过 1 GB", f.path)));
        }
        total += f.bytes;
    }
    if total > MAX_TOTAL_BYTES {
        return Err(too_large(file, "的清单合计超过 16 GB"));
    }
    Ok(())
}

fn read_manifest(zip: &mut ZipArchive<File>, file: &Path) -> Result<ArchiveManifest> {
    let entry = match zip.by_name(MANIFEST_ENTRY) {
        Ok(entry) => entry,
        Err(zip::result::ZipError::FileNotFound) => {
            return Err(archive_error(
                Code::ARCHIVE_MANIFEST_MISSING,
                format!(
                    "“{}” 中没有清单（{MANIFEST_ENTRY}），无法核对其内容。请向生成档案的单位要一份完整的副本。",
                    file.display()
                ),
            ))
        }
        Err(_) => {
            return Err(archive_error(
                Code::ARCHIVE_CORRUPT,
                format!("项目档案 “{}” 的清单已损坏，无法核对。", file.display()),
            ))
        }
    };
    let mut text = Vec::new();
    let read = entry.take(MAX_MANIFEST_BYTES + 1).read_to_end(&mut text);
    let invalid = |why: &str| {
        archive_error(
            Code::ARCHIVE_MANIFEST_INVALID,
            format!(
                "项目档案 “{}” 的清单无法识别（{why}），无法核对。请向生成档案的单位要一份完整的副本。",
                file.display()
            ),
        )
    };
    if read.is_err() {
        return Err(invalid("读到一半中断或校验不符"));
    }
    if text.len() as u64 > MAX_MANIFEST_BYTES {
        return Err(invalid("清单过大"));
    }
    let value: serde_json::Value =
        serde_json::from_slice(&text).map_err(|_| invalid("不是有效的 JSON"))?;
    let format = value.get("format").and_then(|f| f.as_u64());
    if let Some(format) = format.filter(|f| *f > u64::from(ARCHIVE_FORMAT)) {
        return Err(archive_error(
            Code::ARCHIVE_FORMAT_NEWER,
            format!(
                "项目档案 “{}” 是更新版本的 Fieldbook 生成的（格式 {format}，本程序认识到 {ARCHIVE_FORMAT}）。请升级 Fieldbook 后再核对。",
                file.display()
            ),
        ));
    }
    serde_json::from_value(value).map_err(|_| invalid("缺少或写错了字段"))
}

/// Reads one listed entry, at most `bytes + 1` of it, and answers its size and SHA-256, or
/// `None` when it cannot be read whole (a broken entry, a CRC that does not match).
fn hash_entry(zip: &mut ZipArchive<File>, name: &str, bytes: u64) -> Option<Option<(u64, String)>> {
    let entry = match zip.by_name(name) {
        Ok(entry) => entry,
        Err(zip::result::ZipError::FileNotFound) => return None,
        Err(_) => return Some(None),
    };
    let mut limited = entry.take(bytes.saturating_add(1));
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 1 << 16];
    let mut read = 0u64;
    loop {
        match limited.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => {
                hasher.update(&buffer[..n]);
                read += n as u64;
            }
            Err(_) => return Some(None),
        }
    }
    Some(Some((read, crate::digest::hex(&hasher.finalize()))))
}

/// Checks the archive at `path` against its manifest. A file that is no archive, has no
/// manifest or one this app cannot read is an error (`ARCHIVE_NOT_AN_ARCHIVE`,
/// `ARCHIVE_CORRUPT`, `ARCHIVE_MANIFEST_MISSING`, `ARCHIVE_MANIFEST_INVALID`,
/// `ARCHIVE_FORMAT_NEWER`, `ARCHIVE_TOO_LARGE`); files missing, altered or extra are the
/// check's problems, each with its code.
pub fn verify_archive(path: &Path) -> Result<ArchiveCheck> {
    let handle = File::open(path).at_path(path)?;
    let mut zip = match ZipArchive::new(handle) {
        Ok(zip) => zip,
        Err(_) if starts_like_a_zip(path) => {
            return Err(archive_error(
                Code::ARCHIVE_CORRUPT,
                format!(
                    "项目档案 “{}” 已损坏或不完整（可能复制到一半被中断），无法读取。",
                    path.display()
                ),
            ))
        }
        Err(_) => {
            return Err(archive_error(
                Code::ARCHIVE_NOT_AN_ARCHIVE,
                format!(
                    "“{}” 不是 Fieldbook 项目档案（应为“导出项目档案”生成的 .zip 文件）。",
                    path.display()
                ),
            ))
        }
    };
    if zip.len() > MAX_ENTRIES {
        return Err(too_large(path, &format!("中的文件数超过 {MAX_ENTRIES} 个")));
    }
    let manifest = read_manifest(&mut zip, path)?;
    check_listing(&manifest, path)?;
    let mut problems = Vec::new();
    let listed: HashSet<&str> = manifest.files.iter().map(|f| f.path.as_str()).collect();
    for f in &manifest.files {
        let problem = |code, message: String| ArchiveProblem {
            code,
            path: f.path.clone(),
            message,
        };
        match hash_entry(&mut zip, &f.path, f.bytes) {
            None => problems.push(problem(
                Code::ARCHIVE_FILE_MISSING,
                format!("缺少文件“{}”：清单中有，档案中没有。", f.path),
            )),
            Some(None) => problems.push(problem(
                Code::ARCHIVE_FILE_ALTERED,
                format!("文件“{}”已损坏，读不完整。", f.path),
            )),
            Some(Some((bytes, sha))) if bytes != f.bytes || sha != f.sha256 => {
                problems.push(problem(
                    Code::ARCHIVE_FILE_ALTERED,
                    format!(
                        "文件“{}”已被改动：清单记为 {} 字节、SHA-256 {}，现为{} SHA-256 {sha}。",
                        f.path,
                        f.bytes,
                        f.sha256,
                        if bytes > f.bytes {
                            "更大的文件，".to_string()
                        } else {
                            format!(" {bytes} 字节、")
                        }
                    ),
                ))
            }
            Some(Some(_)) => {}
        }
    }
    let names: Vec<String> = zip
        .file_names()
        .map(|n| n.map_or_else(|_| "（无法识别的文件名）".into(), |n| n.to_string()))
        .collect();
    for name in &names {
        let name = name.as_str();
        // Folders a clerk's archive tool adds on re-packing hold nothing.
        if name == MANIFEST_ENTRY || name.ends_with('/') || listed.contains(name) {
            continue;
        }
        problems.push(ArchiveProblem {
            code: Code::ARCHIVE_FILE_EXTRA,
            path: name.to_string(),
            message: format!("多出文件“{name}”：档案中有，清单中没有。"),
        });
    }
    problems.sort_by(|a, b| a.path.cmp(&b.path).then(a.code.cmp(&b.code)));
    Ok(ArchiveCheck {
        path: path.display().to_string(),
        ok: problems.is_empty(),
        files: manifest.files.len() as u32,
        scope: manifest.scope,
        created_at: manifest.created_at,
        problems,
    })
}
