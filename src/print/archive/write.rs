//! Writing an archive: each planned document printed (on worker threads, `render`) or copied
//! into the zip in the plan's order as it comes (so memory holds a few documents at a time),
//! then the index and the manifest. The zip is written
//! beside its name and linked into place only when whole, and never over an existing file.

use std::collections::HashSet;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use super::collect::{Plan, Source};
use super::render::{self, Ready};
use super::{
    archive_error, index, ArchiveFile, ArchiveManifest, ArchiveReport, ARCHIVE_FORMAT, INDEX_ENTRY,
    MANIFEST_ENTRY,
};
use crate::digest::sha256_hex;
use crate::error::{Error, IoContext, Result};
use crate::store::Store;
use crate::Code;

/// The archive being written, removed when dropped unless it was linked into place.
struct Partial {
    path: PathBuf,
}

impl Drop for Partial {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

fn parent_dir(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

fn target_exists(out: &Path) -> Error {
    archive_error(
        Code::ARCHIVE_TARGET_EXISTS,
        format!(
            "文件 “{}” 已存在，项目档案不会覆盖已有文件。请换一个文件名或先移走原文件。",
            out.display()
        ),
    )
}

fn zip_error(path: &Path, error: zip::result::ZipError) -> Error {
    match error {
        zip::result::ZipError::Io(e) => Error::io(path, e),
        other => Error::io(path, std::io::Error::other(other.to_string())),
    }
}

/// Pages of a stored PDF, counted from its page objects (`/Type /Page`, not `/Pages`); images
/// are one page.
pub(super) fn attachment_pages(media_type: &str, bytes: &[u8]) -> u32 {
    if media_type != "application/pdf" {
        return 1;
    }
    let mut pages = 0u32;
    for needle in [&b"/Type /Page"[..], &b"/Type/Page"[..]] {
        let mut at = 0;
        while let Some(i) = bytes[at..].windows(needle.len()).position(|w| w == needle) {
            let end = at + i + needle.len();
            if bytes.get(end) != Some(&b's') {
                pages += 1;
            }
            at = end;
        }
    }
    pages.max(1)
}

fn extension(media_type: &str) -> &'static str {
    match media_type {
        "image/jpeg" => "jpg",
        "image/png" => "png",
        "application/pdf" => "pdf",
        _ => "bin",
    }
}

/// `folder/stem.ext`, or `folder/stem (2).ext` … when two documents would share a name.
fn unique_path(used: &mut HashSet<String>, folder: &str, stem: &str, ext: &str) -> String {
    let prefix = if folder.is_empty() {
        String::new()
    } else {
        format!("{folder}/")
    };
    let mut path = format!("{prefix}{stem}.{ext}");
    let mut n = 2;
    while used.contains(&path) || path == INDEX_ENTRY || path == MANIFEST_ENTRY {
        path = format!("{prefix}{stem} ({n}).{ext}");
        n += 1;
    }
    used.insert(path.clone());
    path
}

struct Entries<'a> {
    zip: ZipWriter<BufWriter<File>>,
    at: &'a Path,
    /// When the archive was made, as each entry's time (an unpacked file shows it).
    made: zip::DateTime,
}

impl Entries<'_> {
    fn add(&mut self, name: &str, bytes: &[u8], compress: bool) -> Result<()> {
        let method = if compress {
            CompressionMethod::Deflated
        } else {
            CompressionMethod::Stored
        };
        let options = SimpleFileOptions::default()
            .compression_method(method)
            .last_modified_time(self.made)
            .large_file(bytes.len() as u64 >= u64::from(u32::MAX));
        self.zip
            .start_file(name, options)
            .map_err(|e| zip_error(self.at, e))?;
        self.zip.write_all(bytes).at_path(self.at)
    }
}

/// A zip entry's time (local, as zip keeps it); the zip epoch's first day when out of its range.
fn zip_time(at: &chrono::DateTime<chrono::Local>) -> zip::DateTime {
    use chrono::{Datelike, Timelike};
    zip::DateTime::from_date_and_time(
        at.year().clamp(1980, 2107) as u16,
        at.month() as u8,
        at.day() as u8,
        at.hour() as u8,
        at.minute() as u8,
        at.second() as u8,
    )
    .unwrap_or_default()
}

pub(super) fn write_archive(store: &mut Store, plan: Plan, out: &Path) -> Result<ArchiveReport> {
    if out.symlink_metadata().is_ok() {
        return Err(target_exists(out));
    }
    let dir = parent_dir(out);
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "archive.zip".into());
    let partial = Partial {
        path: dir.join(format!(".{name}.{}.part", std::process::id())),
    };
    let now_ms = store.writer.clock.now_ms() as i64;
    let created = chrono::DateTime::from_timestamp_millis(now_ms).unwrap_or_default();
    let local = created.with_timezone(&chrono::Local);
    let file = File::create(&partial.path).at_path(&partial.path)?;
    let mut entries = Entries {
        zip: ZipWriter::new(BufWriter::new(file)),
        at: &partial.path,
        made: zip_time(&local),
    };
    let mut used = HashSet::new();
    let mut files = Vec::new();
    let mut missing = Vec::new();
    let (mut printed, mut attachments, mut pages) = (0u32, 0u32, 0u32);
    render::in_order(store, plan.docs, |store, doc, ready| {
        let (bytes, ext, doc_pages, form, record_id, print_hash) = match ready {
            Ready::Printed(p) => {
                store.log_print(&p)?;
                printed += 1;
                pages += p.pages as u32;
                let pages = Some(p.pages as u32);
                let Source::Form(kind, id) = &doc.source else {
                    unreachable!("only a form is printed")
                };
                (p.pdf, "pdf", pages, Some(*kind), id.clone(), p.stamp.hash)
            }
            Ready::Attachment(media, content) => {
                attachments += 1;
                let pages = Some(attachment_pages(&media, &content));
                (
                    content,
                    extension(&media),
                    pages,
                    None,
                    String::new(),
                    String::new(),
                )
            }
            Ready::Missing => {
                let Source::Attachment(sha) = &doc.source else {
                    unreachable!("only an attachment can be missing")
                };
                missing.push(format!(
                    "{}/{}（{}，SHA-256 {sha}）",
                    doc.folder,
                    doc.stem,
                    doc.kind.label()
                ));
                return Ok(());
            }
        };
        let path = unique_path(&mut used, &doc.folder, &doc.stem, ext);
        // Printed PDFs shrink; photos and scans are compressed already.
        entries.add(&path, &bytes, form.is_some())?;
        files.push(ArchiveFile {
            path,
            bytes: bytes.len() as u64,
            sha256: sha256_hex(&bytes),
            kind: Some(doc.kind),
            date: doc.date,
            pages: doc_pages,
            form,
            record_id,
            print_hash,
        });
        Ok(())
    })?;
    let mut manifest = ArchiveManifest {
        format: ARCHIVE_FORMAT,
        app_version: env!("CARGO_PKG_VERSION").into(),
        created_at: created.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        device_id: store.writer.device_id.clone(),
        database_id: store.database_id()?,
        officer: store.writer.officer.clone(),
        county: store.county()?.map(|c| c.name).unwrap_or_default(),
        scope: plan.scope,
        files,
    };
    let (index_pdf, index_pages) = index::print_index(&manifest, &missing, &local)?;
    pages += index_pages;
    entries.add(INDEX_ENTRY, &index_pdf, true)?;
    manifest.files.insert(
        0,
        ArchiveFile {
            path: INDEX_ENTRY.into(),
            bytes: index_pdf.len() as u64,
            sha256: sha256_hex(&index_pdf),
            kind: None,
            date: local.format("%Y-%m-%d").to_string(),
            pages: Some(index_pages),
            form: None,
            record_id: String::new(),
            print_hash: String::new(),
        },
    );
    let manifest_json = serde_json::to_vec_pretty(&manifest).expect("a manifest serialises");
    entries.add(MANIFEST_ENTRY, &manifest_json, true)?;
    let writer = entries
        .zip
        .finish()
        .map_err(|e| zip_error(&partial.path, e))?;
    let file = writer
        .into_inner()
        .map_err(|e| Error::io(&partial.path, e.into_error()))?;
    file.sync_all().at_path(&partial.path)?;
    let bytes = file.metadata().at_path(&partial.path)?.len();
    drop(file);
    link_into_place(&partial.path, out)?;
    if let Ok(dir) = File::open(dir) {
        let _ = dir.sync_all();
    }
    Ok(ArchiveReport {
        path: out.display().to_string(),
        bytes,
        files: manifest.files.len() as u32,
        scope: manifest.scope,
        printed,
        attachments,
        pages,
        missing,
    })
}

/// Gives the finished file its name without ever replacing a file that appeared there
/// meanwhile: a hard link fails when the name is taken. A file system without hard links (a
/// FAT stick) gets a rename after a last look.
fn link_into_place(partial: &Path, out: &Path) -> Result<()> {
    match std::fs::hard_link(partial, out) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(target_exists(out)),
        Err(_) if out.symlink_metadata().is_ok() => Err(target_exists(out)),
        Err(_) => std::fs::rename(partial, out).at_path(out),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_of_a_stored_pdf_count_page_objects_not_the_page_tree() {
        let pdf = b"%PDF-1.4 /Type /Pages /Count 2 /Type /Page x /Type/Page y";
        assert_eq!(attachment_pages("application/pdf", pdf), 2);
        assert_eq!(attachment_pages("image/jpeg", b"\xFF\xD8\xFF"), 1);
    }

    #[test]
    fn two_documents_of_one_name_get_numbered_and_never_take_the_index_name() {
        let mut used = HashSet::new();
        assert_eq!(
            unique_path(&mut used, "公示", "照片", "jpg"),
            "公示/照片.jpg"
        );
        assert_eq!(
            unique_path(&mut used, "公示", "照片", "jpg"),
            "公示/照片 (2).jpg"
        );
        assert_eq!(
            unique_path(&mut used, "", "00-目录", "pdf"),
            "00-目录 (2).pdf"
        );
    }
}
