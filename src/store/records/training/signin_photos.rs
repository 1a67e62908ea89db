//! Photographed sign-in sheets attached to a session, stored once by their SHA-256.

use rusqlite::params;
use rusqlite::types::Value as SqlValue;

use crate::domain::training::TrainingSession;
use crate::domain::{Invalid, Saved, Warning};
use crate::error::Result;
use crate::store::attachments::{self, Kinds};
use crate::store::entities::TRAINING_SESSION;
use crate::store::write::{self, Op};
use crate::store::Store;
use crate::Code;

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
        let upload = attachments::check(bytes, "sheetPhotos", "签到表照片", Kinds::ImagesOrPdf)?;
        let session = self.training_session(session_id)?;
        let sha = upload.sha256.clone();
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
            upload.put(tx, file_name)?;
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
        Ok(Saved::new(self.training_session(session_id)?, warnings))
    }
}
