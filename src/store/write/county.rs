//! The county's values arriving on a laptop through its reference package: the two writes
//! that may go where a laptop's own edit may not (a record the county locked, a record the
//! laptop voided and the county refused to void). Same row, log entry and hash chain as
//! `write::record`.

use rusqlite::types::Value as SqlValue;
use rusqlite::{params, Transaction};
use serde_json::Value;

use super::{
    append, changed_fields, current_row, tick, update_row, write_row, ChangeEntry, ColumnSlots,
    Lock, Op, Writer,
};
use crate::error::{Error, Result};
use crate::store::entities::Entity;

/// `record` for the county's own values arriving on a laptop (its reference package): a lock
/// is the county's, so a record locked here still takes the county's values — else a laptop
/// edit the county refused because it had locked the record stays on the laptop for ever.
/// The laptop's own edits of a locked record are still refused by `record`.
pub fn record_from_county(
    tx: &Transaction,
    writer: &Writer,
    entity: &Entity,
    record_id: &str,
    op: Op,
    values: &[(&str, SqlValue)],
) -> Result<Option<ChangeEntry>> {
    write_row(
        tx,
        writer,
        entity,
        record_id,
        op,
        values,
        None,
        Lock::CountyWrites,
    )
}

/// The county's live record arriving on a laptop that holds it voided, after the county refused
/// that void (a record it had locked): the tombstone is lifted and the county's values written,
/// in one change-log entry (`deleted` true → false beside the fields that differ) — else the
/// refused void keeps the record away from the laptop for ever. Only the package calls this, and
/// only for a void the county has acknowledged.
pub fn restore_from_county(
    tx: &Transaction,
    writer: &Writer,
    entity: &Entity,
    record_id: &str,
    values: &[(&str, SqlValue)],
) -> Result<Option<ChangeEntry>> {
    let Some(current) = current_row(tx, entity, record_id)? else {
        return Err(Error::not_found("记录", record_id));
    };
    if matches!(current.get("deleted_hlc"), Some(SqlValue::Null) | None) || entity.append_only {
        return Ok(None);
    }
    let slots = ColumnSlots::of(entity, values);
    let (mut fields, changed) = changed_fields(Some(&current), values, &slots, false);
    fields.insert("deleted".into(), (Value::Bool(true), Value::Bool(false)));
    let hlc = tick(tx, writer)?;
    tx.execute(
        &format!(
            "UPDATE {} SET deleted_hlc = NULL, updated_hlc = ?1 WHERE id = ?2",
            entity.table
        ),
        params![hlc, record_id],
    )?;
    if changed != 0 {
        update_row(tx, entity, record_id, &slots, changed, values, hlc)?;
    }
    if entity.table == "household" {
        crate::store::search_keys::rewrite(tx, record_id, false)?;
    }
    let base_version = match current.get("base_version") {
        Some(SqlValue::Integer(v)) => Some(*v),
        _ => None,
    };
    append(
        tx,
        writer,
        entity.name,
        record_id,
        Op::Update,
        base_version,
        hlc,
        fields,
    )
    .map(Some)
}
