//! Photographed sign-in sheets attached to a session, stored once by their SHA-256.

use rusqlite::params;
use rusqlite::types::Value as SqlValue;
use sha2::{Digest, Sha256};

use super::TRAINING_SESSION;
use crate::domain::training::TrainingSession;
use crate::domain::{Invalid, Saved, Warning};
use crate::error::Result;
use crate::store::write::{self, Op};
use crate::store::{Store, MAX_ATTACHMENT_BYTES};
use crate::Code;

/// What the bytes are, by their magic numbers rather than the file name.
fn sniff_media_type(bytes: &[u8]) -> Option<&'static str> {
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

impl Store {
    /// Stores a photographed sign-in sheet by its SHA-256 (once, however often attached) and adds
    /// it to the session. Warns when the same photo belongs to another session (fabrication
    /// check 10).
    pub fn attach_sign_in_sheet(
        &mut self,
        session_id: &str,
        file_name: &str,
        bytes: &[u8],
    ) -> Result<Saved<TrainingSession>> {
        if bytes.is_empty() || bytes.len() > MAX_ATTACHMENT_BYTES {
            return Err(Invalid::new(
                Code::ATTACHMENT_SIZE,
                "sheetPhotos",
                format!(
                    "签到表照片应为 1 字节到 {} MB 之间的图片或 PDF，这个文件有 {} 字节。",
                    MAX_ATTACHMENT_BYTES / 1024 / 1024,
                    bytes.len()
                ),
            )
            .into());
        }
        let media_type = sniff_media_type(bytes).ok_or_else(|| {
            Invalid::new(
                Code::ATTACHMENT_TYPE,
                "sheetPhotos",
                "签到表照片只能是 JPEG、PNG 图片或 PDF 文件。",
            )
        })?;
        let session = self.training_session(session_id)?;
        let sha: String = Sha256::digest(bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let mut photos = session.sheet_photos.clone();
        if !photos.contains(&sha) {
            photos.push(sha.clone());
        }
        let others: Vec<String> = {
            let mut stmt = self.conn.prepare_cached(
                "SELECT s.title FROM training_session s
                 WHERE s.id <> ?1 AND s.deleted_hlc IS NULL
                   AND EXISTS (SELECT 1 FROM json_each(s.sheet_photos) WHERE value = ?2)
                 ORDER BY s.title",
            )?;
            let rows = stmt.query_map(params![session_id, sha], |r| r.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        self.write(|tx, writer| {
            tx.execute(
                "INSERT OR IGNORE INTO attachment (sha256, media_type, file_name, size, content)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![sha, media_type, file_name, bytes.len() as i64, bytes],
            )?;
            let list = serde_json::to_string(&photos).expect("lists serialise");
            write::record(
                tx,
                writer,
                &TRAINING_SESSION,
                session_id,
                Op::Update,
                &[("sheet_photos", SqlValue::Text(list))],
            )
        })?;
        let mut warnings = Vec::new();
        if !others.is_empty() {
            warnings.push(Warning::from(Invalid::new(
                Code::TRAINING_PHOTO_REUSED,
                "sheetPhotos",
                format!(
                    "这张照片已用于培训{}。同一张签到表照片不应用于两期培训，请核实。",
                    others
                        .iter()
                        .map(|t| format!("“{t}”"))
                        .collect::<Vec<_>>()
                        .join("、")
                ),
            )));
        }
        Ok(Saved {
            record: self.training_session(session_id)?,
            warnings,
        })
    }
}
