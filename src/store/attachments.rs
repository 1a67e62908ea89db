//! Attachments: the signed agreement's scan, inspection photos, photographed sign-in sheets and
//! the photo of a posted notice. One place checks, sniffs, stores and reads them.
//!
//! Blobs are content-addressed (`attachment.sha256`) and stored once however often attached.
//! They are not records: they are written outside the change log, and the record that names one
//! (by its SHA-256) goes through the write path in the same transaction.

use rusqlite::{params, Connection, Transaction};

use super::Store;
use crate::digest::sha256_hex;
use crate::domain::Invalid;
use crate::error::{Error, Result};
use crate::store::Query;
use crate::Code;

/// The largest attachment accepted: a phone photo or a scanned PDF of a few pages.
pub const MAX_ATTACHMENT_BYTES: usize = 20 * 1024 * 1024;

/// Which kinds of file a field takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kinds {
    /// JPEG, PNG or PDF (scans, sign-in sheets).
    ImagesOrPdf,
    /// JPEG or PNG only (photos).
    Images,
}

/// A file that passed the checks, with its content address and sniffed type.
pub struct Upload<'a> {
    pub bytes: &'a [u8],
    pub sha256: String,
    pub media_type: &'static str,
}

/// What the bytes are, by their magic numbers rather than the file name.
pub fn sniff_media_type(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else {
        None
    }
}

fn wrong_size(field: &'static str, what: &str, allowed: &str, size: u64) -> Invalid {
    Invalid::new(
        Code::ATTACHMENT_SIZE,
        field,
        format!(
            "{what}应为 1 字节到 {} MB 之间的{allowed}，这个文件有 {size} 字节。",
            MAX_ATTACHMENT_BYTES / 1024 / 1024,
        ),
    )
}

/// The refusal of a file named for upload that is larger than [`MAX_ATTACHMENT_BYTES`] on disk
/// (`ATTACHMENT_SIZE` on `file`), before it is read (`files::read_capped`).
pub fn too_large(size: u64) -> Invalid {
    wrong_size("file", "文件", "图片或 PDF 文件", size)
}

/// Checks size and kind (`ATTACHMENT_SIZE`, `ATTACHMENT_TYPE` on `field`, naming the file as
/// `what`, e.g. 扫描件) and hashes the bytes.
pub fn check<'a>(
    bytes: &'a [u8],
    field: &'static str,
    what: &str,
    kinds: Kinds,
) -> std::result::Result<Upload<'a>, Invalid> {
    let allowed = match kinds {
        Kinds::ImagesOrPdf => "JPEG、PNG 图片或 PDF 文件",
        Kinds::Images => "JPEG 或 PNG 图片",
    };
    if bytes.is_empty() || bytes.len() > MAX_ATTACHMENT_BYTES {
        return Err(wrong_size(field, what, allowed, bytes.len() as u64));
    }
    let media_type = sniff_media_type(bytes)
        .filter(|m| kinds == Kinds::ImagesOrPdf || m.starts_with("image/"))
        .ok_or_else(|| {
            Invalid::new(
                Code::ATTACHMENT_TYPE,
                field,
                format!("{what}只能是{allowed}。"),
            )
        })?;
    Ok(Upload {
        bytes,
        sha256: sha256_hex(bytes),
        media_type,
    })
}

/// Stores the blob unless the same content is there already (then the first file name stays).
pub fn put(
    tx: &Transaction,
    sha256: &str,
    media_type: &str,
    file_name: &str,
    bytes: &[u8],
) -> Result<()> {
    tx.prepare_cached(
        "INSERT OR IGNORE INTO attachment (sha256, media_type, file_name, size, content)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        sha256,
        media_type,
        file_name,
        bytes.len() as i64,
        bytes
    ])?;
    Ok(())
}

impl Upload<'_> {
    /// Stores this checked file (see `put`).
    pub fn put(&self, tx: &Transaction, file_name: &str) -> Result<()> {
        put(tx, &self.sha256, self.media_type, file_name, self.bytes)
    }
}

/// A stored blob: (media type, file name, content), or `None`.
pub fn read(conn: &Connection, sha256: &str) -> Result<Option<(String, String, Vec<u8>)>> {
    Ok(conn.row(
        "SELECT media_type, file_name, content FROM attachment WHERE sha256 = ?1",
        [sha256],
    )?)
}

impl Store {
    /// A stored attachment by its SHA-256: (media type, file name, content).
    pub fn attachment(&self, sha256: &str) -> Result<(String, String, Vec<u8>)> {
        read(&self.conn, sha256)?.ok_or_else(|| Error::not_found("附件", sha256))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_known_by_their_bytes_not_their_names() {
        assert_eq!(
            sniff_media_type(b"\xFF\xD8\xFF\xE0rest"),
            Some("image/jpeg")
        );
        assert_eq!(sniff_media_type(b"\x89PNG\r\n\x1a\n..."), Some("image/png"));
        assert_eq!(sniff_media_type(b"%PDF-1.7"), Some("application/pdf"));
        assert_eq!(sniff_media_type(b"PK\x03\x04"), None);
        let pdf = b"%PDF-1.7 signed";
        assert_eq!(
            check(pdf, "scan", "扫描件", Kinds::ImagesOrPdf)
                .unwrap()
                .media_type,
            "application/pdf"
        );
        let refused = check(pdf, "photo", "照片", Kinds::Images).err().unwrap();
        assert_eq!(refused.code, "ATTACHMENT_TYPE");
        assert_eq!(refused.field, "photo");
        assert_eq!(
            check(b"", "scan", "扫描件", Kinds::ImagesOrPdf)
                .err()
                .unwrap()
                .code,
            "ATTACHMENT_SIZE"
        );
    }
}
