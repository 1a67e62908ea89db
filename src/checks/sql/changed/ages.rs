//! The ages family (F7) after a batch of sign-ins and sessions: F7_TRAINEE_AGE is one finding
//! per row, so only the changed rows (and every row of a changed session: their labels carry
//! its title) are judged. F7_MINOR_SIGNED reads rosters, agreements and households, none of
//! which such a batch moves: it is not judged (its findings stay as they were). Any other
//! batch the family reads runs it whole.

use std::collections::{BTreeSet, HashSet};

use super::training_sessions::json_list;
use super::{named, only_changed, Changes, Judged, Region};
use crate::checks::rules::ages::{self, AgeFacts};
use crate::checks::sql::ages::trainees;
use crate::checks::{CheckCode, Thresholds};
use crate::error::Result;
use crate::store::{Query, Store};

pub fn judge(store: &Store, changes: &Changes, thresholds: &Thresholds) -> Result<Option<Judged>> {
    if !only_changed(changes, "ages", &["attendance", "training_session"]) {
        return Ok(None);
    }
    let mut ids: BTreeSet<String> = changes.ids("attendance").into_iter().collect();
    ids.extend(store.conn.list(
        "SELECT id FROM attendance WHERE session_id IN (SELECT value FROM json_each(?1))",
        [json_list(&changes.ids("training_session"))],
        |r| r.get::<_, String>(0),
    )?);
    let facts = AgeFacts {
        trainees: trainees(
            store,
            "a.id IN (SELECT value FROM json_each(?1))",
            [json_list(&ids)],
        )?,
        signatures: Vec::new(),
    };
    let rows: HashSet<(String, String)> = ids.iter().map(|id| named("attendance", id)).collect();
    let checks = vec![CheckCode::F7_TRAINEE_AGE];
    let found = ages::check(&facts, thresholds)
        .into_iter()
        .filter(|f| checks.contains(&f.check))
        .collect();
    Ok(Some(Judged {
        found,
        regions: vec![Region::Naming(checks, rows)],
    }))
}
