//! F10's facts: every photo of an inspection, a session's sign-in sheet and a notice's posting,
//! with the site it shows and its township.

use crate::checks::rules::photos::{self, PhotoFacts, PhotoUse};
use crate::checks::{Finding, RecordRef, Thresholds};
use crate::error::Result;
use crate::store::{Query, Store};

pub fn run(store: &Store, thresholds: &Thresholds) -> Result<Vec<Finding>> {
    Ok(photos::check(&gather(store)?, thresholds))
}

pub fn gather(store: &Store) -> Result<PhotoFacts> {
    let mut uses = inspection_uses(store, "1", [])?;
    uses.extend(session_uses(store)?);
    Ok(PhotoFacts { uses })
}

/// The live inspections' live photos matching `condition` (on `p`, after `AND`).
pub(crate) fn inspection_uses<P: rusqlite::Params>(
    store: &Store,
    condition: &str,
    params: P,
) -> Result<Vec<PhotoUse>> {
    Ok(store.conn.list(
        &format!("SELECT p.sha256, i.operator_id, p.id, o.name, i.inspection_date, i.stage, v.township_id
         FROM inspection_photo p
         JOIN inspection i ON i.id = p.inspection_id AND i.deleted_hlc IS NULL
         JOIN operator o ON o.id = i.operator_id
         LEFT JOIN village v ON v.id = o.village_id
         WHERE p.deleted_hlc IS NULL AND {condition}"),
        params,
        |r| {
            let operator: String = r.get(3)?;
            let date: String = r.get(4)?;
            let stage = match r.get::<_, String>(5)?.as_str() {
                "preliminary" => "初验",
                "acceptance" => "验收",
                _ => "复核",
            };
            Ok(PhotoUse {
                sha256: r.get(0)?,
                site: format!("operator:{}", r.get::<_, String>(1)?),
                record: RecordRef::new(
                    "inspection_photo",
                    r.get::<_, String>(2)?,
                    format!("核验照片：{operator} {date} {stage}"),
                    r.get(6)?,
                ),
            })
        },
    )?)
}

/// Every live session's sign-in sheet photos.
pub(crate) fn session_uses(store: &Store) -> Result<Vec<PhotoUse>> {
    let mut uses = Vec::new();
    let sessions: Vec<(String, String, String, String, Option<String>)> = store.conn.list(
        "SELECT s.id, s.title, s.start_date, s.sheet_photos, s.township_id
         FROM training_session s
         WHERE s.deleted_hlc IS NULL AND s.sheet_photos <> '[]'",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
    )?;
    for (id, title, start, photos, township) in sessions {
        let shas: Vec<String> = serde_json::from_str(&photos).unwrap_or_default();
        for sha in shas {
            uses.push(PhotoUse {
                sha256: sha,
                site: format!("session:{id}"),
                record: RecordRef::new(
                    "training_session",
                    id.clone(),
                    format!("培训签到表照片：{title} {start}"),
                    township.clone(),
                ),
            });
        }
    }
    Ok(uses)
}
