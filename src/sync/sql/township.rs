//! Which townships a record belongs to: every column of a record kind that names a place or a
//! parent record, followed up to a township. The county checks a device's change against them
//! as the record was and as the change leaves it (`merge`); an enrolled laptop refuses its own
//! write of a record outside its township (a write-path hook, installed when the store opens).

use std::collections::HashMap;
use std::sync::Arc;

use rusqlite::{Connection, OptionalExtension, Transaction};
use serde_json::Value;

use super::{meta, refused_creates};
use crate::domain::Invalid;
use crate::error::Result;
use crate::store::entities::ENTITIES;
use crate::store::write::{AfterAppend, ChangeEntry};
use crate::store::Store;
use crate::Code;

/// Columns naming a record of county scope, which leads to no township: the county, a
/// programme (county reference data: an agreement's, an inspection's or a session's
/// `programme_id`), an inspection (of `inspection_photo` excepted, listed below) and a re-check
/// sample (drawn by the county; a 复核's `recheck_sample_id`). `tests/core/township_boundary.rs`
/// checks that every other `*_id` column is in `PLACE_COLUMNS`.
pub const COUNTY_SCOPE_COLUMNS: &[&str] = &[
    "county_id",
    "programme_id",
    "inspection_id",
    "recheck_sample_id",
];

/// Record kinds that lie in no township, each with the reason: the county's own reference data,
/// created on the hub only (a device's create is refused, `SYNC_COUNTY_LEVEL`) and sent to every
/// laptop. Every other kind is a township (`township`), follows a place or parent
/// (`PLACE_COLUMNS`) or the device that made it (`ORIGIN_SCOPED`); the coverage test in
/// `tests/core/township_boundary.rs` enforces it.
pub const COUNTY_SCOPE_KINDS: &[(&str, &str)] = &[
    (
        "county",
        "县本身：县的设置只由县电商中心修改（字段全部 COUNTY_ONLY）。",
    ),
    ("programme", "项目是县的决定，设备只接收。"),
    ("household_category", "农户类别表由县统一维护。"),
    ("recheck_sample", "复核抽样由县抽取。"),
    ("kind_option", "项目类型和主体类型表由县统一维护。"),
];

/// Record kinds that name no place and belong to the township of the device that made them
/// (`origin_device`, whose township the county enrolled): notices (their `places` are where a
/// notice is posted, in words). A notice the county itself made lies in no township.
pub const ORIGIN_SCOPED: &[&str] = &["notice"];

/// The columns of each record kind that name a place or a parent, with the kind they name.
/// Record kinds not listed are a township, `ORIGIN_SCOPED` or `COUNTY_SCOPE_KINDS`.
pub const PLACE_COLUMNS: &[(&str, &[(&str, &str)])] = &[
    ("village", &[("township_id", "township")]),
    ("household", &[("village_id", "village")]),
    ("operator", &[("village_id", "village")]),
    (
        "agreement",
        &[
            ("operator_id", "operator"),
            ("witness_village_id", "village"),
        ],
    ),
    (
        "roster",
        &[("agreement_id", "agreement"), ("household_id", "household")],
    ),
    (
        "ledger_entry",
        &[
            ("agreement_id", "agreement"),
            ("household_id", "household"),
            ("reverses_id", "ledger_entry"),
        ],
    ),
    ("inspection", &[("operator_id", "operator")]),
    ("inspection_photo", &[("inspection_id", "inspection")]),
    ("training_session", &[("township_id", "township")]),
    ("station_month", &[("operator_id", "operator")]),
    (
        "attendance",
        &[
            ("session_id", "training_session"),
            ("township_id", "township"),
            ("village_id", "village"),
            ("household_id", "household"),
        ],
    ),
    ("household_member", &[("household_id", "household")]),
    ("notice_objection", &[("notice_id", "notice")]),
    // The county's fund records, owned through the operator they fund: a laptop receives its
    // township's in the package and may write none (FUND_DEVICE).
    ("fund_application", &[("operator_id", "operator")]),
    ("fund_review", &[("application_id", "fund_application")]),
    (
        "fund_award",
        &[
            ("operator_id", "operator"),
            ("application_id", "fund_application"),
        ],
    ),
    ("fund_override", &[("award_id", "fund_award")]),
    (
        "fund_disbursement",
        &[
            ("award_id", "fund_award"),
            ("reverses_id", "fund_disbursement"),
            ("override_id", "fund_override"),
        ],
    ),
    ("fund_recovery", &[("award_id", "fund_award")]),
    (
        "fund_recovered",
        &[
            ("recovery_id", "fund_recovery"),
            ("reverses_id", "fund_recovered"),
        ],
    ),
    (
        "fund_ban",
        &[
            ("operator_id", "operator"),
            ("recovery_id", "fund_recovery"),
        ],
    ),
    // A finding lies in the first township it involves (the hub's own record, never sent).
    (
        "finding",
        &[
            ("township_id", "township"),
            ("recovery_id", "fund_recovery"),
        ],
    ),
    // A call-back sample is drawn in one township; each call follows its sample and household.
    ("callback_sample", &[("township_id", "township")]),
    (
        "callback_call",
        &[
            ("sample_id", "callback_sample"),
            ("household_id", "household"),
        ],
    ),
];

/// The place and parent columns of a record kind (none for kinds that name no place).
pub fn place_columns(entity: &str) -> &'static [(&'static str, &'static str)] {
    PLACE_COLUMNS
        .iter()
        .find(|(name, _)| *name == entity)
        .map_or(&[], |(_, columns)| *columns)
}

/// Resolves records to their townships, remembering what it found (within one transaction
/// places and parents do not move except by the change being checked, which is resolved from
/// its own values).
#[derive(Default)]
pub(crate) struct Townships {
    found: HashMap<(&'static str, String), Vec<String>>,
}

impl Townships {
    /// The townships a stored record belongs to (empty: none, or not stored here).
    pub fn of_record(
        &mut self,
        conn: &Connection,
        entity: &'static str,
        id: &str,
    ) -> Result<Vec<String>> {
        if entity == "township" {
            return Ok(vec![id.to_string()]);
        }
        if ORIGIN_SCOPED.contains(&entity) {
            return origin_township(conn, entity, id);
        }
        let columns = place_columns(entity);
        if columns.is_empty() {
            return Ok(Vec::new());
        }
        if let Some(found) = self.found.get(&(entity, id.to_string())) {
            return Ok(found.clone());
        }
        let sql = format!(
            "SELECT {} FROM {entity} WHERE id = ?1",
            columns
                .iter()
                .map(|(c, _)| *c)
                .collect::<Vec<_>>()
                .join(", ")
        );
        let parents: Option<Vec<Option<String>>> = conn
            .prepare_cached(&sql)?
            .query_row([id], |row| {
                (0..columns.len())
                    .map(|i| row.get::<_, Option<String>>(i))
                    .collect()
            })
            .optional()?;
        let mut townships = Vec::new();
        let Some(parents) = parents else {
            // Not stored (yet): not remembered, it may be created later in the batch. A record
            // whose creation the county refused lies where the device proposed it.
            return match refused_creates::recall(conn, entity, id)? {
                Some(create) => self.of_values(conn, entity, id, |column| {
                    create.fields.get(column).and_then(|(_, new)| id_text(new))
                }),
                None => Ok(Vec::new()),
            };
        };
        for ((_, parent), value) in columns.iter().zip(parents) {
            if let Some(parent_id) = value {
                for t in self.of_record(conn, parent, &parent_id)? {
                    if !townships.contains(&t) {
                        townships.push(t);
                    }
                }
            }
        }
        // Villages and parents are looked up again and again in a batch; the record itself
        // only when its kind is a parent of another.
        self.found
            .insert((entity, id.to_string()), townships.clone());
        Ok(townships)
    }

    /// The townships a record with these column values belongs to (`value` answers a column).
    pub fn of_values(
        &mut self,
        conn: &Connection,
        entity: &'static str,
        id: &str,
        value: impl Fn(&str) -> Option<String>,
    ) -> Result<Vec<String>> {
        if entity == "township" {
            return Ok(vec![id.to_string()]);
        }
        if ORIGIN_SCOPED.contains(&entity) {
            // Its values do not move it: it stays where the device that made it is.
            return origin_township(conn, entity, id);
        }
        let mut townships = Vec::new();
        for (column, parent) in place_columns(entity) {
            if let Some(parent_id) = value(column) {
                for t in self.of_record(conn, parent, &parent_id)? {
                    if !townships.contains(&t) {
                        townships.push(t);
                    }
                }
            }
        }
        Ok(townships)
    }
}

/// The township of the enrolled device that made a record (county side; none for the county's
/// own records, for a record not stored yet, and on a laptop, which enrolls no devices).
fn origin_township(conn: &Connection, entity: &str, id: &str) -> Result<Vec<String>> {
    let township: Option<String> = conn
        .prepare_cached(&format!(
            "SELECT d.township_id FROM {entity} r JOIN sync_device d ON d.device_id = r.origin_device
             WHERE r.id = ?1"
        ))?
        .query_row([id], |r| r.get(0))
        .optional()?;
    Ok(township.into_iter().collect())
}

/// The townships a stored record belongs to, through its places and parents (empty: none).
pub fn townships_of(conn: &Connection, entity: &str, id: &str) -> Result<Vec<String>> {
    match ENTITIES.iter().find(|e| e.name == entity) {
        Some(e) => Townships::default().of_record(conn, e.name, id),
        None => Ok(Vec::new()),
    }
}

/// A JSON value naming a record: its id as text.
pub(super) fn id_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        _ => None,
    }
}

/// The laptop's own check: a write of an enrolled device (its own, not a county package's)
/// that leaves a record outside the device's township is refused.
struct StayInTownship;

impl AfterAppend for StayInTownship {
    fn after_append(&self, tx: &Transaction, entry: &ChangeEntry) -> Result<()> {
        if entry.op == "delete" || place_columns(&entry.entity).is_empty() {
            return Ok(());
        }
        if meta(tx, "mode")?.as_deref() != Some("device")
            || meta(tx, "county_id")?.as_deref() == Some(entry.device_id.as_str())
        {
            return Ok(());
        }
        let Some(own) = meta(tx, "township_id")? else {
            return Ok(());
        };
        let Some(entity) = ENTITIES.iter().find(|e| e.name == entry.entity) else {
            return Ok(());
        };
        let mut townships = Townships::default();
        // Only where the write leaves the record: moving a record back into the township (the
        // way out of a refusal) must stay possible.
        let now = townships.of_record(tx, entity.name, &entry.record_id)?;
        if now.iter().any(|t| *t != own) {
            let township = meta(tx, "township_name")?.unwrap_or_default();
            let field = place_columns(entity.name)
                .iter()
                .map(|(c, _)| *c)
                .find(|c| entry.fields.contains_key(*c))
                .unwrap_or(place_columns(entity.name)[0].0);
            return Err(Invalid::new(
                Code::RECORD_OTHER_TOWNSHIP,
                field,
                format!(
                    "这台设备登记在{township}，只能录入本乡镇的{}。所选的村、农户、主体或协议属于其他乡镇，\
                     请改选本乡镇的；确属其他乡镇的，请由该乡镇或县里录入。",
                    entity.label
                ),
            )
            .into());
        }
        Ok(())
    }
}

/// Installs the laptop's check on an enrolled device's store (`store::Extension`).
pub(crate) fn extend(store: &mut Store) -> Result<()> {
    if meta(&store.conn, "mode")?.as_deref() == Some("device") {
        install(store);
    }
    Ok(())
}

/// From now on every write of this device's store stays in its township.
pub(crate) fn install(store: &mut Store) {
    store.add_after_append(Arc::new(StayInTownship));
}
