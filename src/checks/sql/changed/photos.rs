//! The photos family (F10) over the photos a batch changed: the SHA-256s of changed inspection
//! photos, of the photos of changed inspections and of changed sessions' sign-in sheets (before
//! and after). Every use of those photos is gathered; a finding is anchored on its photo, so
//! the judged findings are known by key. Operators and villages (the sites' names and
//! townships) changed: the whole family.

use std::collections::{BTreeSet, HashSet};

use super::{only_changed, Changes, Judged, Region};
use crate::checks::rules::photos::{self, PhotoFacts};
use crate::checks::sql::photos::{inspection_uses, session_uses};
use crate::checks::{CheckCode, Finding, Thresholds};
use crate::error::Result;
use crate::store::{Query, Store};

pub fn judge(store: &Store, changes: &Changes, thresholds: &Thresholds) -> Result<Option<Judged>> {
    let derivable = ["inspection_photo", "inspection", "training_session"];
    if !only_changed(changes, "photos", &derivable) {
        return Ok(None);
    }
    let mut shas: BTreeSet<String> = BTreeSet::new();
    for id in changes.ids("inspection_photo") {
        shas.extend(store.conn.list(
            "SELECT sha256 FROM inspection_photo WHERE id = ?1",
            [&id],
            |r| r.get::<_, String>(0),
        )?);
        shas.extend(changes.old_text("inspection_photo", &id, "sha256"));
    }
    for id in changes.ids("inspection") {
        shas.extend(store.conn.list(
            "SELECT sha256 FROM inspection_photo WHERE inspection_id = ?1",
            [&id],
            |r| r.get::<_, String>(0),
        )?);
    }
    for id in changes.ids("training_session") {
        let mut sheets: Vec<String> = store.conn.list(
            "SELECT sheet_photos FROM training_session WHERE id = ?1",
            [&id],
            |r| r.get(0),
        )?;
        sheets.extend(changes.old_text("training_session", &id, "sheet_photos"));
        for sheet in sheets {
            shas.extend(serde_json::from_str::<Vec<String>>(&sheet).unwrap_or_default());
        }
    }
    let mut uses = Vec::new();
    for sha in &shas {
        uses.extend(inspection_uses(store, "p.sha256 = ?1", [sha])?);
    }
    if !shas.is_empty() {
        uses.extend(
            session_uses(store)?
                .into_iter()
                .filter(|u| shas.contains(&u.sha256)),
        );
    }
    let keys: HashSet<String> = shas
        .iter()
        .map(|sha| {
            Finding::new(CheckCode::F10_PHOTO_REUSED, Vec::new(), "")
                .anchored(format!("photo:{sha}"))
                .key()
        })
        .collect();
    Ok(Some(Judged {
        found: photos::check(&PhotoFacts { uses }, thresholds),
        regions: vec![Region::Keys(keys)],
    }))
}
