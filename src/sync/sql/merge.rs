//! The county's merge of one device change, field by field, by field class:
//!
//! - LWW: the later edit wins, by (HLC, device id) — a last-writer-wins register per field, so
//!   the outcome does not depend on the order batches arrive in. A value the county itself set is
//!   also replaced when the device saw it (the change's old value is the county's value).
//! - REVIEW: a value the county set is kept unless the device changed exactly that value;
//!   otherwise a conflict (base / county / incoming) waits for review. Once the county has edited
//!   a field, only a device edit that started from the county's value moves it, even after another
//!   laptop's such edit replaced it. Between devices the later edit is applied and a conflict is
//!   opened when the edits were concurrent.
//! - COUNTY_ONLY: never taken from a device (refused per field, the rest of the change applies).
//!
//! Deletes are tombstones and final: an edit of a deleted record is refused (`RECORD_DELETED`).
//! Device changes are applied through `write::record` with the device and officer as the writer,
//! so the county's log names who made the change and its hash chain stays whole.

use std::collections::BTreeMap;
use std::sync::Arc;

use rusqlite::types::Value as SqlValue;
use rusqlite::{params, OptionalExtension, Transaction};
use serde_json::Value;

use super::now_text;
use super::refused_creates;
use super::township::{id_text, Townships};
use crate::error::{Error, Result};
use crate::store::entities::{Entity, ENTITIES};
use crate::store::hlc::{self, Clock};
use crate::store::write::{self, ChangeEntry, Op, Writer};
use crate::store::Query;
use crate::sync::model::*;
use crate::sync::{FieldClass, FieldClasses};
use crate::Code;

/// What a device's edit of a REVIEW field comes to at the county.
enum Review {
    Apply,
    Conflict,
    Keep,
}

/// A device clock more than this far ahead of the county's is clamped and flagged.
const CLOCK_TOLERANCE_MS: u64 = 10 * 60 * 1000;
/// Records that only the county creates.
const COUNTY_LEVEL: &[&str] = &[
    "county",
    "township",
    "programme",
    "household_category",
    "recheck_sample",
    "kind_option",
];

pub(super) struct Merger<'a> {
    pub tx: &'a Transaction<'a>,
    pub classes: &'static FieldClasses,
    pub county_self: String,
    pub clock: Arc<dyn Clock>,
    pub township_id: String,
    pub report: &'a mut BatchImportReport,
    pub touched: &'a mut BTreeMap<(String, String), i64>,
    pub sql: BTreeMap<&'static str, String>,
    /// The writer of the change being applied (the device and its officer), kept between
    /// changes: a batch is one device's, mostly one officer's.
    pub writer: Option<Writer>,
    /// Records → townships, filled as places and parents are met (places move between
    /// townships only by a county edit, never inside an import).
    pub townships: Townships,
}

struct Current {
    values: BTreeMap<String, Value>,
    deleted: bool,
    origin: (i64, String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Outcome {
    New,
    Changed,
    Unchanged,
    Conflict,
    Refused,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::New => "new",
            Outcome::Changed => "changed",
            Outcome::Unchanged => "unchanged",
            Outcome::Conflict => "conflict",
            Outcome::Refused => "refused",
        }
    }
}

impl Merger<'_> {
    /// Applies one change; answers its outcome and the county's log seq for it (if written).
    /// A change of a record of another township is refused (`SYNC_OTHER_TOWNSHIP`).
    pub fn apply(&mut self, c: &ChangeEntry) -> Result<(Outcome, Option<i64>)> {
        let (outcome, seq) = self.apply_inner(c)?;
        if !self.report.entities.contains_key(&c.entity) {
            self.report
                .entities
                .insert(c.entity.clone(), Default::default());
        }
        let counts = self
            .report
            .entities
            .get_mut(&c.entity)
            .expect("inserted above");
        match outcome {
            Outcome::New => counts.new += 1,
            Outcome::Changed => counts.changed += 1,
            Outcome::Unchanged => counts.unchanged += 1,
            Outcome::Conflict => counts.conflicts += 1,
            Outcome::Refused => counts.refused += 1,
        }
        if outcome == Outcome::Conflict {
            // The receipt names the records where the county kept a value other than the one
            // sent, with the county's version; everything else is acknowledged by its seq.
            let entity = ENTITIES.iter().find(|e| e.name == c.entity);
            let hlc: i64 = match entity {
                Some(e) => self
                    .tx
                    .value(
                        &format!(
                            "SELECT coalesce(updated_hlc, 0) FROM {} WHERE id = ?1",
                            e.table
                        ),
                        [&c.record_id],
                    )?
                    .unwrap_or(0),
                None => 0,
            };
            let key = (c.entity.clone(), c.record_id.clone());
            let slot = self.touched.entry(key).or_insert(0);
            *slot = (*slot).max(hlc);
        }
        Ok((outcome, seq))
    }

    fn refusal(&mut self, c: &ChangeEntry, field: Option<&str>, code: Code, message: String) {
        self.report.refused.push(Refusal {
            seq: c.seq,
            entity: c.entity.clone(),
            record_id: c.record_id.clone(),
            field: field.map(str::to_string),
            code,
            message,
        });
    }

    fn apply_inner(&mut self, c: &ChangeEntry) -> Result<(Outcome, Option<i64>)> {
        if c.device_id == self.county_self {
            // The device applied a county package: the county's own value coming back.
            return Ok((Outcome::Unchanged, None));
        }
        let Some(entity) = self.known_entity(c) else {
            return Ok((Outcome::Refused, None));
        };
        let at = self.merge_hlc(c);
        // Nearly every create is of a new record: insert first, read only if the id exists (or
        // if it lies outside the township: the read path refuses it unless the county already
        // holds it exactly so).
        if c.op == "create"
            && !COUNTY_LEVEL.contains(&entity.name)
            && !self.other_township(c, entity, None)?
        {
            let values = create_values(c, entity);
            match self.write_raw(c, entity, Op::Create, &values, Some(at)) {
                // An existing id (or another constraint, reported first): the read path decides.
                Err(Error::Invalid(invalid)) if invalid.code() == Code::RECORD_EXISTS => {}
                Err(Error::Sqlite(e))
                    if e.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation) => {}
                written => {
                    let Some(seq) = self.written(c, entity, written)? else {
                        return Ok((Outcome::Refused, None));
                    };
                    return Ok((Outcome::New, Some(seq)));
                }
            }
        }
        // The record's own clock, for fields without one of their own: the county's last write
        // of a county record; the creating device's HLC for a record a device created.
        let sql = self.sql.entry(entity.name).or_insert_with(|| {
            format!(
                "SELECT {}, deleted_hlc,
                     CASE WHEN origin_device IS ?2 THEN coalesce(updated_hlc, 0)
                          ELSE coalesce(created_hlc, updated_hlc, 0) END,
                     coalesce(origin_device, '')
                 FROM {} WHERE id = ?1",
                entity.columns.join(", "),
                entity.table
            )
        });
        let current = read_current(self.tx, sql, entity, &c.record_id, &self.county_self)?;
        match (c.op.as_str(), current) {
            ("delete", None) => {
                // The void of a record whose creation was refused: nothing left to correct.
                refused_creates::forget(self.tx, entity.name, &c.record_id)?;
                self.refusal(
                    c,
                    None,
                    Code::NOT_FOUND,
                    format!("县里没有这条{}记录，无法删除。", entity.label),
                );
                Ok((Outcome::Refused, None))
            }
            ("delete", Some(cur)) if cur.deleted => Ok((Outcome::Unchanged, None)),
            ("delete", Some(cur)) => {
                if self.outside_township(c, entity, Some(&cur))? {
                    return Ok((Outcome::Refused, None));
                }
                self.delete(c, entity)
            }
            ("create", None) => {
                if COUNTY_LEVEL.contains(&entity.name) {
                    self.refusal(
                        c,
                        None,
                        Code::SYNC_COUNTY_LEVEL,
                        format!("{}只能由县里新建，乡镇设备新建的已拒收。", entity.label),
                    );
                    return Ok((Outcome::Refused, None));
                }
                if self.outside_township(c, entity, None)? {
                    // Remembered as proposed: the officer may still move it back.
                    refused_creates::remember(self.tx, c)?;
                    return Ok((Outcome::Refused, None));
                }
                let values = create_values(c, entity);
                let written = self.write_raw(c, entity, Op::Create, &values, Some(at));
                let Some(seq) = self.written(c, entity, written)? else {
                    return Ok((Outcome::Refused, None));
                };
                Ok((Outcome::New, Some(seq)))
            }
            ("create" | "update", Some(cur)) => {
                if self.other_township(c, entity, Some(&cur))? {
                    // A change that leaves another township's record exactly as the county
                    // holds it (a laptop sending what it received, as the demo's laptops do)
                    // changes nothing; it must not stamp the record's clocks either.
                    if !cur.deleted && leaves_as_is(c, &cur) {
                        return Ok((Outcome::Unchanged, None));
                    }
                    self.refuse_other_township(c, entity);
                    return Ok((Outcome::Refused, None));
                }
                self.merge_fields(c, entity, cur, at)
            }
            ("update", None) => {
                if let Some(create) = refused_creates::recall(self.tx, entity.name, &c.record_id)?
                    .filter(|create| create.device_id == c.device_id)
                {
                    return self.correct_refused_create(c, entity, create);
                }
                self.refusal(
                    c,
                    None,
                    Code::SYNC_MISSING_RECORD,
                    format!(
                        "县里没有这条{}记录（{}），请先同步新建它的那台设备。",
                        entity.label, c.record_id
                    ),
                );
                Ok((Outcome::Refused, None))
            }
            (op, _) => {
                self.refusal(
                    c,
                    None,
                    Code::SYNC_UNKNOWN_OP,
                    format!("未知的操作 “{op}”。"),
                );
                Ok((Outcome::Refused, None))
            }
        }
    }

    /// The record kind the change names, with every field it sets one of that kind's columns;
    /// otherwise the change is refused (and `None`).
    fn known_entity(&mut self, c: &ChangeEntry) -> Option<&'static Entity> {
        let Some(entity) = ENTITIES.iter().copied().find(|e| e.name == c.entity) else {
            self.refusal(
                c,
                None,
                Code::SYNC_UNKNOWN_ENTITY,
                format!("未知的记录类型 “{}”，本版本无法导入。", c.entity),
            );
            return None;
        };
        if let Some(field) = c
            .fields
            .keys()
            .find(|f| f.as_str() != "deleted" && !entity.columns.contains(&f.as_str()))
        {
            let field = field.clone();
            self.refusal(
                c,
                Some(&field),
                Code::SYNC_UNKNOWN_FIELD,
                format!("{}记录没有字段 “{field}”。", entity.label),
            );
            return None;
        }
        Some(entity)
    }

    /// A device's edit of a record whose creation the county refused (another township's): the
    /// edit is folded into the remembered create. Back inside the device's township, the record
    /// is created as corrected, and so is every remembered record of the device under it that
    /// now lies inside too; still outside, it is refused again and named.
    fn correct_refused_create(
        &mut self,
        c: &ChangeEntry,
        entity: &'static Entity,
        create: ChangeEntry,
    ) -> Result<(Outcome, Option<i64>)> {
        let corrected = refused_creates::folded(create, c);
        if self.outside_township(&corrected, entity, None)? {
            refused_creates::remember(self.tx, &corrected)?;
            return Ok((Outcome::Refused, None));
        }
        refused_creates::forget(self.tx, entity.name, &c.record_id)?;
        let at = self.merge_hlc(&corrected);
        let values = create_values(&corrected, entity);
        let written = self.write_raw(&corrected, entity, Op::Create, &values, Some(at));
        let Some(seq) = self.written(c, entity, written)? else {
            return Ok((Outcome::Refused, None));
        };
        self.adopt_remembered_children(&c.device_id)?;
        Ok((Outcome::New, Some(seq)))
    }

    /// Creates every remembered record of the device that now lies wholly inside its township
    /// (its refused parent was just corrected), parents before children.
    fn adopt_remembered_children(&mut self, device_id: &str) -> Result<()> {
        loop {
            let mut adopted = false;
            for create in refused_creates::of_device(self.tx, device_id)? {
                let Some(entity) = ENTITIES.iter().copied().find(|e| e.name == create.entity)
                else {
                    continue;
                };
                let townships = self.townships.of_values(
                    self.tx,
                    entity.name,
                    &create.record_id,
                    |column| create.fields.get(column).and_then(|(_, new)| id_text(new)),
                )?;
                if townships.is_empty() || townships.iter().any(|t| *t != self.township_id) {
                    continue;
                }
                refused_creates::forget(self.tx, entity.name, &create.record_id)?;
                let at = self.merge_hlc(&create);
                let values = create_values(&create, entity);
                let written = self.write_raw(&create, entity, Op::Create, &values, Some(at));
                if self.written(&create, entity, written)?.is_some() {
                    let counts = self
                        .report
                        .entities
                        .entry(create.entity.clone())
                        .or_default();
                    counts.new += 1;
                    adopted = true;
                }
            }
            if !adopted {
                return Ok(());
            }
        }
    }

    /// A device deleted a live record of its township: the delete is final, and nothing is left
    /// to review on it, so its open conflicts close.
    fn delete(&mut self, c: &ChangeEntry, entity: &Entity) -> Result<(Outcome, Option<i64>)> {
        // A void's reason travels in the delete entry and is kept with the tombstone.
        let Some(seq) = self.write(c, entity, Op::Delete, create_values(c, entity))? else {
            return Ok((Outcome::Refused, None));
        };
        self.tx
            .prepare_cached(
                "UPDATE sync_conflict SET status = 'resolved', note = '记录已删除',
                     resolved_by = ?3, resolved_at = ?4
                 WHERE entity = ?1 AND record_id = ?2 AND status = 'open'",
            )?
            .execute(params![c.entity, c.record_id, c.officer, now_text()])?;
        Ok((Outcome::Changed, Some(seq)))
    }

    /// Whether the change touches another township, refusing it if so (recorded; the county
    /// names the record in its receipt so the laptop can withdraw it).
    fn outside_township(
        &mut self,
        c: &ChangeEntry,
        entity: &'static Entity,
        current: Option<&Current>,
    ) -> Result<bool> {
        let other = self.other_township(c, entity, current)?;
        if other {
            self.refuse_other_township(c, entity);
        }
        Ok(other)
    }

    /// Whether the change touches another township: the record as it was (`current`, for an
    /// edit, a move or a delete) and as the change leaves it (its values over the current ones),
    /// through every column that names a place or a parent.
    fn other_township(
        &mut self,
        c: &ChangeEntry,
        entity: &'static Entity,
        current: Option<&Current>,
    ) -> Result<bool> {
        let mut townships = Vec::new();
        if let Some(cur) = current {
            townships.extend(self.townships.of_values(
                self.tx,
                entity.name,
                &c.record_id,
                |column| cur.values.get(column).and_then(id_text),
            )?);
        }
        if c.op != "delete" {
            townships.extend(self.townships.of_values(
                self.tx,
                entity.name,
                &c.record_id,
                |column| match c.fields.get(column) {
                    Some((_, new)) => id_text(new),
                    None => current.and_then(|cur| cur.values.get(column).and_then(id_text)),
                },
            )?);
        }
        Ok(townships.iter().any(|t| *t != self.township_id))
    }

    fn refuse_other_township(&mut self, c: &ChangeEntry, entity: &Entity) {
        self.refusal(
            c,
            None,
            Code::SYNC_OTHER_TOWNSHIP,
            format!(
                "这条{}记录（{}）属于其他乡镇，或被改到了其他乡镇的村、农户、主体或协议下；\
                 这台设备只登记了本乡镇，这条变更未采用。请在设备上作废这条记录或改回本乡镇。",
                entity.label, c.record_id
            ),
        );
    }

    fn merge_fields(
        &mut self,
        c: &ChangeEntry,
        entity: &'static Entity,
        cur: Current,
        at: i64,
    ) -> Result<(Outcome, Option<i64>)> {
        if cur.deleted {
            self.refusal(
                c,
                None,
                Code::RECORD_DELETED,
                format!("这条{}记录已在县里删除，修改未采用。", entity.label),
            );
            return Ok((Outcome::Refused, None));
        }
        if submitted_before_its_lock(c, &cur) {
            return Ok((Outcome::Unchanged, None));
        }
        let incoming = (at, c.device_id.as_str());
        let mut apply: Vec<(&'static str, SqlValue)> = Vec::new();
        let mut conflicts = 0;
        let mut refused = 0;
        let mut bump: Vec<&'static str> = Vec::new();
        for (&column, (old, new)) in entity
            .columns
            .iter()
            .filter_map(|col| c.fields.get(*col).map(|v| (col, v)))
        {
            let now = cur.values.get(column).cloned().unwrap_or(Value::Null);
            let clock = field_clock(self.tx, entity.name, &c.record_id, column)?
                .unwrap_or_else(|| cur.origin.clone());
            let newer = (incoming.0, incoming.1) > (clock.0, clock.1.as_str())
                || (incoming.1 == clock.1 && incoming.0 >= clock.0);
            let class = self.classes.class(entity.name, column);
            if class == FieldClass::Review {
                // Two laptops' edits of the field that neither saw the other's value of are a
                // conflict, whichever arrives first (the edits are kept to decide it).
                if self.concurrent_edit(c, column, old, new)? {
                    conflicts += 1;
                    self.conflict(c, column, old, &now, new)?;
                }
            }
            let county_origin = clock.1 == self.county_self;
            if now == *new {
                // A laptop that set the county's REVIEW value too leaves it the county's: were
                // the field handed to the laptop, a later laptop edit would replace a value that
                // stays if it arrives first (the county's value is only replaced by an edit of it).
                if newer && !(class == FieldClass::Review && county_origin) {
                    bump.push(column);
                }
                continue;
            }
            match class {
                FieldClass::CountyOnly => {
                    refused += 1;
                    self.refusal(
                        c,
                        Some(column),
                        Code::SYNC_COUNTY_ONLY_FIELD,
                        format!("“{column}” 只能由县里修改，设备上的修改未采用。"),
                    );
                }
                FieldClass::Lww => {
                    if newer || (county_origin && now == *old) {
                        apply.push((column, to_sql(new)));
                    }
                }
                FieldClass::Review => {
                    match self.review(c, column, (old, new), &now, county_origin, newer)? {
                        Review::Apply => apply.push((column, to_sql(new))),
                        Review::Conflict => {
                            conflicts += 1;
                            self.conflict(c, column, old, &now, new)?;
                        }
                        Review::Keep => {}
                    }
                }
            }
        }
        for column in bump {
            set_clock(self.tx, entity.name, &c.record_id, column, at, &c.device_id)?;
        }
        let mut seq = None;
        if !apply.is_empty() {
            let columns: Vec<&'static str> = apply.iter().map(|(col, _)| *col).collect();
            match self.write(c, entity, Op::Update, apply)? {
                Some(s) => {
                    seq = Some(s);
                    for column in columns {
                        set_clock(self.tx, entity.name, &c.record_id, column, at, &c.device_id)?;
                    }
                }
                None => return Ok((Outcome::Refused, None)),
            }
        }
        let outcome = if conflicts > 0 {
            Outcome::Conflict
        } else if seq.is_some() {
            Outcome::Changed
        } else if refused > 0 {
            Outcome::Refused
        } else {
            Outcome::Unchanged
        };
        Ok((outcome, seq))
    }

    /// What a device's edit of a REVIEW field (`old` → `new`, the county holding `now`) does.
    fn review(
        &mut self,
        c: &ChangeEntry,
        column: &str,
        (old, new): (&Value, &Value),
        now: &Value,
        county_origin: bool,
        newer: bool,
    ) -> Result<Review> {
        if county_origin {
            // The county's own value: kept unless the device changed exactly it.
            return Ok(if now == old {
                Review::Apply
            } else {
                Review::Conflict
            });
        }
        if let Some(county) = self.county_edit(c, column)? {
            // A laptop's value stands where the county had edited the field: only an edit that
            // started from the county's value may move it (as when the county's value still
            // stood); any other disagrees with the county.
            return Ok(if *old == county {
                if newer {
                    Review::Apply
                } else {
                    Review::Keep
                }
            } else if *new != county {
                Review::Conflict
            } else {
                Review::Keep
            });
        }
        // Between laptops the later edit is applied (a conflict, if they were concurrent, was
        // opened before).
        Ok(if newer { Review::Apply } else { Review::Keep })
    }

    /// The change's HLC, clamped to the county's clock (plus a tolerance) and flagged if ahead.
    fn merge_hlc(&mut self, c: &ChangeEntry) -> i64 {
        let now = self.clock.now_ms();
        let (ms, _) = hlc::unpack(c.hlc);
        if ms > now + CLOCK_TOLERANCE_MS {
            let clamped = hlc::pack(now, 0);
            self.report.clock.push(ClockFlag {
                seq: c.seq,
                record_id: c.record_id.clone(),
                device_time: hlc::format(c.hlc),
                clamped_to: hlc::format(clamped),
            });
            clamped
        } else {
            c.hlc
        }
    }

    /// Writes through the one write path as the device's officer. `None`: refused (recorded).
    fn write(
        &mut self,
        c: &ChangeEntry,
        entity: &Entity,
        op: Op,
        values: Vec<(&'static str, SqlValue)>,
    ) -> Result<Option<i64>> {
        let written = self.write_raw(c, entity, op, &values, None);
        self.written(c, entity, written)
    }

    fn write_raw(
        &mut self,
        c: &ChangeEntry,
        entity: &Entity,
        op: Op,
        values: &[(&'static str, SqlValue)],
        created_at: Option<i64>,
    ) -> Result<Option<write::ChangeEntry>> {
        let writer = match self.writer.take() {
            Some(w) if w.device_id == c.device_id && w.officer == c.officer => w,
            _ => Writer::new(c.device_id.clone(), c.officer.clone(), self.clock.clone()),
        };
        let written = write::record_created_at(
            self.tx,
            &writer,
            entity,
            &c.record_id,
            op,
            values,
            created_at,
        );
        self.writer = Some(writer);
        written
    }

    /// The write's log seq, or `None` with the refusal recorded; other errors abort the batch.
    fn written(
        &mut self,
        c: &ChangeEntry,
        entity: &Entity,
        written: Result<Option<write::ChangeEntry>>,
    ) -> Result<Option<i64>> {
        match written {
            Ok(Some(entry)) => Ok(Some(entry.seq)),
            Ok(None) => Ok(None),
            Err(Error::Invalid(invalid)) => {
                let invalid = invalid.joined();
                self.refusal(c, None, invalid.code, invalid.message);
                Ok(None)
            }
            Err(Error::NotFound { .. }) => {
                self.refusal(
                    c,
                    None,
                    Code::NOT_FOUND,
                    format!("县里没有这条{}记录。", entity.label),
                );
                Ok(None)
            }
            Err(Error::Sqlite(e))
                if e.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation) =>
            {
                self.refusal(
                    c,
                    None,
                    Code::SYNC_MISSING_PARENT,
                    format!(
                        "{}记录引用的村、农户、主体或附件县里没有，或数值不合规。",
                        entity.label
                    ),
                );
                Ok(None)
            }
            Err(e) => Err(e),
        }
    }

    /// The value the county itself last gave this field in an edit (not at creation), if any.
    fn county_edit(&self, c: &ChangeEntry, field: &str) -> Result<Option<Value>> {
        let mut stmt = self.tx.prepare_cached(
            "SELECT fields FROM change_log
             WHERE entity = ?1 AND record_id = ?2 AND device_id = ?3 AND op = 'update'
             ORDER BY seq DESC",
        )?;
        let mut rows = stmt.query(params![c.entity, c.record_id, self.county_self])?;
        while let Some(row) = rows.next()? {
            let fields: String = row.get(0)?;
            let fields: BTreeMap<String, (Value, Value)> =
                serde_json::from_str(&fields).unwrap_or_default();
            if let Some((_, new)) = fields.get(field) {
                return Ok(Some(new.clone()));
            }
        }
        Ok(None)
    }

    /// Records this REVIEW edit and says whether another device's edit of the same field was
    /// concurrent with it: different new values, and neither started from the other's value.
    fn concurrent_edit(
        &mut self,
        c: &ChangeEntry,
        field: &str,
        old: &Value,
        new: &Value,
    ) -> Result<bool> {
        let (old, new) = (old.to_string(), new.to_string());
        let mut concurrent = false;
        {
            let mut stmt = self.tx.prepare_cached(
                "SELECT old, new FROM sync_review_edit
                 WHERE entity = ?1 AND record_id = ?2 AND field = ?3 AND device_id <> ?4",
            )?;
            let mut rows = stmt.query(params![c.entity, c.record_id, field, c.device_id])?;
            while let Some(row) = rows.next()? {
                let (their_old, their_new): (String, String) = (row.get(0)?, row.get(1)?);
                if their_new != new && their_new != old && their_old != new {
                    concurrent = true;
                    break;
                }
            }
        }
        self.tx
            .prepare_cached(
                "INSERT OR IGNORE INTO sync_review_edit (entity, record_id, field, device_id, seq, old, new)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![c.entity, c.record_id, field, c.device_id, c.seq, old, new])?;
        Ok(concurrent)
    }

    fn conflict(
        &mut self,
        c: &ChangeEntry,
        field: &str,
        base: &Value,
        county: &Value,
        incoming: &Value,
    ) -> Result<()> {
        // One open conflict per field: a further disagreement joins the one waiting for review.
        let open: Option<String> = self.tx.value(
            "SELECT id FROM sync_conflict
                 WHERE entity = ?1 AND record_id = ?2 AND field = ?3 AND status = 'open'",
            params![c.entity, c.record_id, field],
        )?;
        if let Some(id) = open {
            self.report.conflicts.push(ConflictRef {
                id,
                entity: c.entity.clone(),
                record_id: c.record_id.clone(),
                field: field.to_string(),
            });
            return Ok(());
        }
        let id = uuid::Uuid::now_v7().to_string();
        self.tx
            .prepare_cached(
                "INSERT INTO sync_conflict (id, entity, record_id, field, base, county, incoming,
                     device_id, seq, officer, status, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 'open', ?11)",
            )?
            .execute(params![
                id,
                c.entity,
                c.record_id,
                field,
                base.to_string(),
                county.to_string(),
                incoming.to_string(),
                c.device_id,
                c.seq,
                c.officer,
                now_text()
            ])?;
        self.report.conflicts.push(ConflictRef {
            id,
            entity: c.entity.clone(),
            record_id: c.record_id.clone(),
            field: field.to_string(),
        });
        Ok(())
    }
}

/// A submission (status → submitted, nothing else) of a record the county holds locked: the
/// county locks only a submitted record, so the lock has already taken this step in; the late
/// submission changes nothing (a device that loaded the demo sends its own submit-then-lock of
/// the records the demo county accepted). An edit of a locked record is still refused.
fn submitted_before_its_lock(c: &ChangeEntry, cur: &Current) -> bool {
    let submitted = Value::String("submitted".into());
    cur.values.get("status") == Some(&Value::String("locked".into()))
        && c.fields.len() == 1
        && c.fields
            .get("status")
            .is_some_and(|(_, new)| *new == submitted)
}

/// The change sets every field to the value the county holds.
fn leaves_as_is(c: &ChangeEntry, cur: &Current) -> bool {
    c.fields.iter().all(|(column, (_, new))| {
        column == "deleted" || cur.values.get(column).unwrap_or(&Value::Null) == new
    })
}

fn create_values(c: &ChangeEntry, entity: &Entity) -> Vec<(&'static str, SqlValue)> {
    entity
        .columns
        .iter()
        .filter_map(|col| c.fields.get(*col).map(|(_, new)| (*col, to_sql(new))))
        .collect()
}

fn read_current(
    tx: &Transaction,
    sql: &str,
    entity: &Entity,
    id: &str,
    county_self: &str,
) -> Result<Option<Current>> {
    let n = entity.columns.len();
    Ok(tx
        .prepare_cached(sql)?
        .query_row([id, county_self], |row| {
            let mut values = BTreeMap::new();
            for (i, column) in entity.columns.iter().enumerate() {
                values.insert(
                    column.to_string(),
                    write::to_json(&row.get::<_, SqlValue>(i)?),
                );
            }
            Ok(Current {
                values,
                deleted: row.get::<_, Option<i64>>(n)?.is_some(),
                origin: (row.get(n + 1)?, row.get(n + 2)?),
            })
        })
        .optional()?)
}

fn field_clock(
    tx: &Transaction,
    entity: &str,
    id: &str,
    field: &str,
) -> Result<Option<(i64, String)>> {
    Ok(tx.row(
        "SELECT hlc, device FROM sync_field_clock
             WHERE entity = ?1 AND record_id = ?2 AND field IN (?3, '*')
             ORDER BY field = '*' LIMIT 1",
        params![entity, id, field],
    )?)
}

fn set_clock(
    tx: &Transaction,
    entity: &str,
    id: &str,
    field: &str,
    hlc: i64,
    device: &str,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO sync_field_clock (entity, record_id, field, hlc, device) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (entity, record_id, field) DO UPDATE SET hlc = excluded.hlc, device = excluded.device",
    )?
    .execute(params![entity, id, field, hlc, device])?;
    Ok(())
}

pub(super) fn to_sql(value: &Value) -> SqlValue {
    match value {
        Value::Null => SqlValue::Null,
        Value::Bool(b) => SqlValue::Integer(i64::from(*b)),
        Value::Number(n) => match n.as_i64() {
            Some(i) => SqlValue::Integer(i),
            None => SqlValue::Real(n.as_f64().unwrap_or(0.0)),
        },
        Value::String(s) => SqlValue::Text(s.clone()),
        other => SqlValue::Text(other.to_string()),
    }
}
