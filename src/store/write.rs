//! The one write path. Every create, update and delete of a record calls `record()`, which in
//! the caller's transaction writes the row and appends the change-log entry: gapless seq, HLC,
//! officer, device, `{field: [old, new]}` and a SHA-256 hash chained to the previous entry.
//! The audit trail, "who changed this" and (later) sync export all read that one log.

use std::collections::BTreeMap;
use std::sync::Arc;

use rusqlite::types::Value as SqlValue;
use rusqlite::{params, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};

use super::entities::Entity;
use super::hlc::{self, Clock};
use crate::digest::hex;
use crate::domain::refuse_if;
use crate::domain::Invalid;
use crate::error::{Error, Result};
use crate::store::Query;
use crate::Code;

mod county;
pub use county::{record_from_county, restore_from_county};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Op {
    Create,
    Update,
    Delete,
}

impl Op {
    fn as_str(self) -> &'static str {
        match self {
            Op::Create => "create",
            Op::Update => "update",
            Op::Delete => "delete",
        }
    }
}

/// What writing one record did: for an import row (or, in a dry run, what it would do).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowOutcome {
    New,
    Updated,
    /// The record exists and the row changes nothing: no write, no change-log entry.
    Unchanged,
}

/// Who is writing and when: the device's id, the officer signed in, the clock.
pub struct Writer {
    pub device_id: String,
    pub officer: String,
    pub clock: Arc<dyn Clock>,
    /// What a layer above the store does after each entry, in the same transaction (sync's
    /// field clocks on the county hub). Installed when the store opens (`store::Extension`).
    pub after_append: Vec<Arc<dyn AfterAppend>>,
    /// The last HLC this writer stamped: the next one is tried from it in one statement
    /// (`tick`), falling back to reading the stored clock when another writer moved it on.
    pub hlc_hint: std::sync::atomic::AtomicI64,
}

impl Writer {
    /// A writer with no hooks: the device's own, or one replaying another device's changes.
    pub fn new(device_id: String, officer: String, clock: Arc<dyn Clock>) -> Writer {
        Writer {
            device_id,
            officer,
            clock,
            after_append: Vec::new(),
            hlc_hint: Default::default(),
        }
    }
}

/// A step a layer above the store adds to the write path: it runs after every change-log entry
/// the writer appends, inside the same transaction, so it commits or rolls back with the change.
/// The store calls it and knows nothing of what it does.
pub trait AfterAppend: Send + Sync {
    fn after_append(&self, tx: &Transaction, entry: &ChangeEntry) -> Result<()>;
}

/// One change-log entry as stored (and hashed, minus `hash`). It is also how a change travels to
/// the county (`sync::wire::documents::WireChange`): its shape never changes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChangeEntry {
    pub seq: i64,
    pub change_id: String,
    pub entity: String,
    pub record_id: String,
    pub op: String,
    pub base_version: Option<i64>,
    pub hlc: i64,
    pub device_id: String,
    pub officer: String,
    pub fields: BTreeMap<String, (Value, Value)>,
    pub prev_hash: String,
    pub hash: String,
}

pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Writes one record change and its log entry. Returns `None` for an update that changes
/// nothing (no row write, no log entry). Refuses edits of a locked or deleted record.
pub fn record(
    tx: &Transaction,
    writer: &Writer,
    entity: &Entity,
    record_id: &str,
    op: Op,
    values: &[(&str, SqlValue)],
) -> Result<Option<ChangeEntry>> {
    record_created_at(tx, writer, entity, record_id, op, values, None)
}

/// `record`, for a create that happened elsewhere first: the row keeps the HLC it was created
/// at on the device (`created_hlc`), which the county's merge compares later edits against.
pub fn record_created_at(
    tx: &Transaction,
    writer: &Writer,
    entity: &Entity,
    record_id: &str,
    op: Op,
    values: &[(&str, SqlValue)],
    created_at: Option<i64>,
) -> Result<Option<ChangeEntry>> {
    write_row(
        tx,
        writer,
        entity,
        record_id,
        op,
        values,
        created_at,
        Lock::Refuses,
    )
}

/// Whether a `locked` status refuses the write (every writer but the county's package).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Lock {
    Refuses,
    CountyWrites,
}

#[allow(clippy::too_many_arguments)]
fn write_row(
    tx: &Transaction,
    writer: &Writer,
    entity: &Entity,
    record_id: &str,
    op: Op,
    values: &[(&str, SqlValue)],
    created_at: Option<i64>,
    lock: Lock,
) -> Result<Option<ChangeEntry>> {
    // Each value's column, found once: statements name and bind columns in the entity's order.
    let slots = ColumnSlots::of(entity, values);
    // A create needs no read: the primary key refuses an existing id (mapped below).
    let current = match op {
        Op::Create => None,
        Op::Update | Op::Delete => current_row(tx, entity, record_id)?,
    };
    refuse_impossible(entity, record_id, op, current.as_ref(), lock)?;
    let (mut fields, changed) = changed_fields(current.as_ref(), values, &slots, op == Op::Create);
    if op == Op::Update && fields.is_empty() {
        return Ok(None);
    }
    let hlc = tick(tx, writer)?;
    match op {
        Op::Create => insert_row(
            tx,
            writer,
            entity,
            record_id,
            &slots,
            changed,
            values,
            created_at.unwrap_or(hlc),
            hlc,
        )?,
        Op::Update => update_row(tx, entity, record_id, &slots, changed, values, hlc)?,
        Op::Delete => {
            fields.insert("deleted".into(), (Value::Bool(false), Value::Bool(true)));
            tx.execute(
                &format!(
                    "UPDATE {} SET deleted_hlc = ?1, updated_hlc = ?1 WHERE id = ?2",
                    entity.table
                ),
                params![hlc, record_id],
            )?;
            // A tombstone may carry why (a void's reason): set in the same entry, so it
            // travels and shows in the history with the delete.
            if changed != 0 {
                update_row(tx, entity, record_id, &slots, changed, values, hlc)?;
            }
        }
    }
    // The household search keys follow the name and village in the same transaction.
    if entity.table == "household"
        && (op == Op::Create
            || fields.contains_key("head_name")
            || fields.contains_key("village_id"))
    {
        super::search_keys::rewrite(tx, record_id, op == Op::Create)?;
    }
    let base_version = current
        .as_ref()
        .and_then(|row| match row.get("base_version") {
            Some(SqlValue::Integer(v)) => Some(*v),
            _ => None,
        });
    append(
        tx,
        writer,
        entity.name,
        record_id,
        op,
        base_version,
        hlc,
        fields,
    )
    .map(Some)
}

/// The change log's fields: each value that differs from the row's (every value when `every`,
/// a create's), as (old, new), and the bits of their column slots.
fn changed_fields(
    current: Option<&BTreeMap<String, SqlValue>>,
    values: &[(&str, SqlValue)],
    slots: &ColumnSlots,
    every: bool,
) -> (BTreeMap<String, (Value, Value)>, u64) {
    let mut fields = BTreeMap::new();
    let mut changed: u64 = 0;
    for (v, (column, new)) in values.iter().enumerate() {
        let old = current
            .and_then(|row| row.get(*column).cloned())
            .unwrap_or(SqlValue::Null);
        if every || old != *new {
            fields.insert(column.to_string(), (to_json(&old), to_json(new)));
            changed |= 1 << slots.column_of[v];
        }
    }
    (fields, changed)
}

/// Refuses what cannot be done to this row: creating it twice, changing a missing row,
/// editing an append-only record, or a locked or deleted one.
fn refuse_impossible(
    entity: &Entity,
    record_id: &str,
    op: Op,
    current: Option<&BTreeMap<String, SqlValue>>,
    lock: Lock,
) -> Result<()> {
    match (current, op) {
        (Some(_), Op::Create) => Err(record_exists(entity).into()),
        (None, Op::Update | Op::Delete) => Err(Error::not_found("记录", record_id)),
        (Some(_), Op::Update | Op::Delete) if entity.append_only => Err(Invalid::new(
            Code::RECORD_APPEND_ONLY,
            "id",
            format!(
                "{}记录只能追加，不能修改或删除。如有错误，请登记一笔冲销记录。",
                entity.label
            ),
        )
        .into()),
        (Some(row), Op::Update | Op::Delete) => refuse_if_closed(entity, record_id, row, lock),
        (None, Op::Create) => Ok(()),
    }
}

fn record_exists(entity: &Entity) -> Invalid {
    Invalid::new(
        Code::RECORD_EXISTS,
        "id",
        format!("这条{}记录已经存在，不能重复新建。", entity.label),
    )
}

/// Inserts a new row with the columns in `changed` (a bit per column of the entity), its id,
/// origin device and clocks. An existing id is `RECORD_EXISTS`.
#[allow(clippy::too_many_arguments)]
fn insert_row(
    tx: &Transaction,
    writer: &Writer,
    entity: &Entity,
    record_id: &str,
    slots: &ColumnSlots,
    changed: u64,
    values: &[(&str, SqlValue)],
    created_hlc: i64,
    hlc: i64,
) -> Result<()> {
    let present = changed;
    let sql = statement_text(entity, SqlKind::Insert, present, || {
        let mut columns: Vec<&str> = masked(entity, present).collect();
        columns.extend(["id", "origin_device", "created_hlc", "updated_hlc"]);
        let placeholders: Vec<String> = (1..=columns.len()).map(|i| format!("?{i}")).collect();
        format!(
            "INSERT INTO {} ({}) VALUES ({})",
            entity.table,
            columns.join(", "),
            placeholders.join(", ")
        )
    });
    let mut stmt = tx.prepare_cached(&sql)?;
    let n = slots.bind(&mut stmt, present, values)?;
    stmt.raw_bind_parameter(n + 1, record_id)?;
    stmt.raw_bind_parameter(n + 2, &writer.device_id)?;
    stmt.raw_bind_parameter(n + 3, created_hlc)?;
    stmt.raw_bind_parameter(n + 4, hlc)?;
    stmt.raw_execute()
        .map_err(|e| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::ConstraintViolation)
                if e.to_string().contains(&format!("{}.id", entity.table)) =>
            {
                record_exists(entity).into()
            }
            _ => Error::from(e),
        })?;
    Ok(())
}

/// Sets the columns in `changed` and the row's update clock.
fn update_row(
    tx: &Transaction,
    entity: &Entity,
    record_id: &str,
    slots: &ColumnSlots,
    changed: u64,
    values: &[(&str, SqlValue)],
    hlc: i64,
) -> Result<()> {
    let present = changed;
    let sql = statement_text(entity, SqlKind::Update, present, || {
        let sets: Vec<String> = masked(entity, present)
            .enumerate()
            .map(|(i, c)| format!("{c} = ?{}", i + 1))
            .collect();
        let n = sets.len();
        format!(
            "UPDATE {} SET {}, updated_hlc = ?{} WHERE id = ?{}",
            entity.table,
            sets.join(", "),
            n + 1,
            n + 2
        )
    });
    let mut stmt = tx.prepare_cached(&sql)?;
    let n = slots.bind(&mut stmt, present, values)?;
    stmt.raw_bind_parameter(n + 1, hlc)?;
    stmt.raw_bind_parameter(n + 2, record_id)?;
    stmt.raw_execute()?;
    Ok(())
}

/// Where a record is in its life: an officer's draft, submitted to the county, locked by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Draft,
    Submitted,
    Locked,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Submitted => "submitted",
            Status::Locked => "locked",
        }
    }
}

/// Moves a record along draft → submitted → locked (a submitted record may also go back to
/// draft for correction). Goes through `record`, so the change is logged like any other.
pub fn set_status(
    tx: &Transaction,
    writer: &Writer,
    entity: &Entity,
    record_id: &str,
    to: Status,
) -> Result<Option<ChangeEntry>> {
    let from: Option<String> = tx.value(
        &format!("SELECT status FROM {} WHERE id = ?1", entity.table),
        [record_id],
    )?;
    let from = from.ok_or_else(|| Error::not_found("记录", record_id))?;
    if from == to.as_str() {
        return Ok(None);
    }
    // A locked record is refused by `record` itself, with the locked-record message.
    let allowed = from == "locked"
        || matches!(
            (from.as_str(), to),
            ("draft", Status::Submitted)
                | ("submitted", Status::Locked)
                | ("submitted", Status::Draft)
        );
    refuse_if(
        !allowed,
        Code::RECORD_STATUS,
        "status",
        format!(
            "记录状态不能从 {from} 直接改为 {}：须先提交，再由县里锁定。",
            to.as_str()
        ),
    )?;
    record(
        tx,
        writer,
        entity,
        record_id,
        Op::Update,
        &[("status", SqlValue::Text(to.as_str().into()))],
    )
}

fn refuse_if_closed(
    entity: &Entity,
    record_id: &str,
    row: &BTreeMap<String, SqlValue>,
    lock: Lock,
) -> Result<()> {
    refuse_if(
        !matches!(row.get("deleted_hlc"), Some(SqlValue::Null) | None),
        Code::RECORD_DELETED,
        "id",
        format!(
            "这条{}记录（{record_id}）已删除，不能再修改。",
            entity.label
        ),
    )?;
    let locked = matches!(row.get("status"), Some(SqlValue::Text(s)) if s == "locked");
    refuse_if(locked && lock == Lock::Refuses, Code::RECORD_LOCKED, "status", format!(
                "这条{}记录已被县里锁定（已验收或已审核），不能再修改。如需更正，请联系县电商中心解锁。",
                entity.label
            ))?;
    Ok(())
}

fn current_row(
    tx: &Transaction,
    entity: &Entity,
    record_id: &str,
) -> Result<Option<BTreeMap<String, SqlValue>>> {
    let sql = statement_text(entity, SqlKind::Select, 0, || {
        format!(
            "SELECT {}, deleted_hlc, base_version FROM {} WHERE id = ?1",
            entity.columns.join(", "),
            entity.table
        )
    });
    let names = entity
        .columns
        .iter()
        .copied()
        .chain(["deleted_hlc", "base_version"]);
    // Statements are cached: a bulk import runs the same few statements thousands of times.
    Ok(tx
        .prepare_cached(&sql)?
        .query_row([record_id], |row| {
            let mut map = BTreeMap::new();
            for (i, column) in names.enumerate() {
                map.insert(column.to_string(), row.get::<_, SqlValue>(i)?);
            }
            Ok(map)
        })
        .optional()?)
}

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum SqlKind {
    Select,
    Insert,
    Update,
}

/// Where each value goes: its column's index in the entity (entities have < 64 columns, so a
/// set of columns is one `u64`), and back.
struct ColumnSlots {
    column_of: Vec<usize>,
    value_of: [u8; 64],
}

impl ColumnSlots {
    fn of(entity: &Entity, values: &[(&str, SqlValue)]) -> ColumnSlots {
        let mut value_of = [u8::MAX; 64];
        let column_of = values
            .iter()
            .enumerate()
            .map(|(v, (column, _))| {
                let i = entity
                    .columns
                    .iter()
                    .position(|c| c == column)
                    .unwrap_or_else(|| {
                        panic!("{}.{column} is not a writable column", entity.table)
                    });
                value_of[i] = v as u8;
                i
            })
            .collect();
        ColumnSlots {
            column_of,
            value_of,
        }
    }

    /// Binds the values of the masked columns as ?1, ?2 … in the entity's column order;
    /// answers how many were bound.
    fn bind(
        &self,
        stmt: &mut rusqlite::CachedStatement,
        mask: u64,
        values: &[(&str, SqlValue)],
    ) -> Result<usize> {
        let mut n = 0;
        for column in (0..64).filter(|i| mask & (1 << i) != 0) {
            n += 1;
            stmt.raw_bind_parameter(n, &values[usize::from(self.value_of[column])].1)?;
        }
        Ok(n)
    }
}

/// The entity's columns named by `mask`, in the entity's order (the order statements use).
fn masked(entity: &Entity, mask: u64) -> impl Iterator<Item = &'static str> + '_ {
    entity
        .columns
        .iter()
        .enumerate()
        .filter(move |(i, _)| mask & (1 << i) != 0)
        .map(|(_, c)| *c)
}

/// The statement's SQL, built once per (table, kind, columns) and then reused: a bulk import
/// otherwise spends a noticeable share of its time formatting the same text.
fn statement_text(
    entity: &Entity,
    kind: SqlKind,
    columns: u64,
    build: impl FnOnce() -> String,
) -> std::rc::Rc<str> {
    use std::cell::RefCell;
    use std::collections::HashMap;
    type Key = (&'static str, SqlKind, u64);
    thread_local! {
        static TEXTS: RefCell<HashMap<Key, std::rc::Rc<str>>> = RefCell::new(HashMap::new());
    }
    TEXTS.with(|texts| {
        let key = (entity.table, kind, columns);
        if let Some(text) = texts.borrow().get(&key) {
            return text.clone();
        }
        let text: std::rc::Rc<str> = build().into();
        texts.borrow_mut().insert(key, text.clone());
        text
    })
}

/// Advances and persists the hybrid logical clock.
pub(super) fn tick(tx: &Transaction, writer: &Writer) -> Result<i64> {
    use std::sync::atomic::Ordering;
    let now = hlc::pack(writer.clock.now_ms(), 0);
    let hint = writer.hlc_hint.load(Ordering::Relaxed);
    if hint > 0 {
        // Taken only if it is still ahead of the stored clock, so the clock never goes back
        // whoever else wrote in between.
        let next = now.max(hint + 1);
        let taken = tx
            .prepare_cached("UPDATE hlc_state SET last = ?1 WHERE id = 1 AND last < ?1")?
            .execute([next])?;
        if taken == 1 {
            writer.hlc_hint.store(next, Ordering::Relaxed);
            return Ok(next);
        }
    }
    let next = stored_tick(tx, writer.clock.as_ref())?;
    writer.hlc_hint.store(next, Ordering::Relaxed);
    Ok(next)
}

fn stored_tick(tx: &Transaction, clock: &dyn Clock) -> Result<i64> {
    // `hlc::next` in SQL: max(last + 1, now << 16) is the wall clock when it moved on and
    // otherwise the next counter value (an overflowing counter carries into the next ms).
    // An UPDATE and a SELECT rather than UPDATE … RETURNING: RETURNING runs as a trigger, which
    // costs a statement journal (a page copy) on every write.
    let now = hlc::pack(clock.now_ms(), 0);
    tx.prepare_cached("UPDATE hlc_state SET last = max(last + 1, ?1) WHERE id = 1")?
        .execute([now])?;
    Ok(tx
        .prepare_cached("SELECT last FROM hlc_state WHERE id = 1")?
        .query_row([], |r| r.get(0))?)
}

#[allow(clippy::too_many_arguments)]
pub(super) fn append(
    tx: &Transaction,
    writer: &Writer,
    entity: &str,
    record_id: &str,
    op: Op,
    base_version: Option<i64>,
    hlc: i64,
    fields: BTreeMap<String, (Value, Value)>,
) -> Result<ChangeEntry> {
    let (last_seq, prev_hash): (i64, String) = tx
        .row(
            "SELECT seq, hash FROM change_log ORDER BY seq DESC LIMIT 1",
            [],
        )?
        .unwrap_or((0, GENESIS_HASH.to_string()));
    let mut entry = ChangeEntry {
        seq: last_seq + 1,
        change_id: uuid::Uuid::now_v7().to_string(),
        entity: entity.to_string(),
        record_id: record_id.to_string(),
        op: op.as_str().to_string(),
        base_version,
        hlc,
        device_id: writer.device_id.clone(),
        officer: writer.officer.clone(),
        fields,
        prev_hash,
        hash: String::new(),
    };
    let fields_json = serde_json::to_string(&entry.fields).expect("json values serialise");
    entry.hash = hash_with_fields(&entry, &fields_json);
    tx.prepare_cached(
        "INSERT INTO change_log (seq, change_id, entity, record_id, op, base_version, hlc,
                                 device_id, officer, fields, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?
    .execute(params![
        entry.seq,
        entry.change_id,
        entry.entity,
        entry.record_id,
        entry.op,
        entry.base_version,
        entry.hlc,
        entry.device_id,
        entry.officer,
        fields_json,
        entry.prev_hash,
        entry.hash,
    ])?;
    for hook in &writer.after_append {
        hook.after_append(tx, &entry)?;
    }
    Ok(entry)
}

/// SHA-256 over the entry's canonical JSON: `ChangeEntry`'s fields in declaration order
/// (camelCase keys, compact), the field map sorted, `hash` empty.
pub fn entry_hash(entry: &ChangeEntry) -> String {
    let fields_json = serde_json::to_string(&entry.fields).expect("json values serialise");
    hash_with_fields(entry, &fields_json)
}

/// `entry_hash` with the field map already serialised (the write path stores that same text),
/// so a bulk write serialises each entry's fields once.
fn hash_with_fields(entry: &ChangeEntry, fields_json: &str) -> String {
    fn text(out: &mut Vec<u8>, key: &str, value: &str) {
        out.extend_from_slice(key.as_bytes());
        serde_json::to_writer(&mut *out, value).expect("strings serialise");
    }
    let mut out = Vec::with_capacity(fields_json.len() + 400);
    out.extend_from_slice(format!("{{\"seq\":{}", entry.seq).as_bytes());
    text(&mut out, ",\"changeId\":", &entry.change_id);
    text(&mut out, ",\"entity\":", &entry.entity);
    text(&mut out, ",\"recordId\":", &entry.record_id);
    text(&mut out, ",\"op\":", &entry.op);
    match entry.base_version {
        Some(v) => out.extend_from_slice(format!(",\"baseVersion\":{v}").as_bytes()),
        None => out.extend_from_slice(b",\"baseVersion\":null"),
    }
    out.extend_from_slice(format!(",\"hlc\":{}", entry.hlc).as_bytes());
    text(&mut out, ",\"deviceId\":", &entry.device_id);
    text(&mut out, ",\"officer\":", &entry.officer);
    out.extend_from_slice(b",\"fields\":");
    out.extend_from_slice(fields_json.as_bytes());
    text(&mut out, ",\"prevHash\":", &entry.prev_hash);
    out.extend_from_slice(b",\"hash\":\"\"}");
    hex(&Sha256::digest(&out))
}

pub fn to_json(value: &SqlValue) -> Value {
    match value {
        SqlValue::Null => Value::Null,
        SqlValue::Integer(i) => Value::from(*i),
        SqlValue::Real(f) => Value::from(*f),
        SqlValue::Text(s) => Value::from(s.as_str()),
        SqlValue::Blob(b) => Value::from(b.iter().map(|x| format!("{x:02x}")).collect::<String>()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The canonical form as first defined: serde's serialisation of the entry in declaration
    /// order with `hash` empty. Logs written before must still verify.
    fn derived_hash(entry: &ChangeEntry) -> String {
        let mut unhashed = entry.clone();
        unhashed.hash = String::new();
        hex(&Sha256::digest(serde_json::to_vec(&unhashed).unwrap()))
    }

    #[test]
    fn the_hand_built_canonical_form_is_the_derived_one_byte_for_byte() {
        let mut fields = BTreeMap::new();
        fields.insert(
            "head_name".to_string(),
            (Value::Null, Value::from("王\"小\\二\n\u{1}")),
        );
        fields.insert("size".to_string(), (Value::from(3), Value::from(4)));
        fields.insert(
            "deleted".to_string(),
            (Value::Bool(false), Value::Bool(true)),
        );
        for (base_version, fields) in [(None, fields.clone()), (Some(7), BTreeMap::new())] {
            let entry = ChangeEntry {
                seq: 42,
                change_id: "0190-ab".into(),
                entity: "household".into(),
                record_id: "r-1".into(),
                op: "update".into(),
                base_version,
                hlc: 1 << 40,
                device_id: "dev".into(),
                officer: "李\t四".into(),
                fields,
                prev_hash: GENESIS_HASH.into(),
                hash: "ignored".into(),
            };
            assert_eq!(entry_hash(&entry), derived_hash(&entry));
        }
    }
}
