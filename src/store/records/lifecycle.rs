//! A record's life, for the kinds an officer submits and voids one by one (households,
//! operators, agreements, training sessions, notices):
//!
//! - a draft (草稿) may be edited, submitted or voided;
//! - a submitted record (已提交) may be voided; editing it returns it to draft (in the same
//!   transaction, with the warning `RECORD_BACK_TO_DRAFT`), to be submitted again;
//! - the county hub locks (已锁定) what it has accepted (`Store::lock_record`, in sync); the lock
//!   reaches the laptop in the county's package, and there a locked record refuses edits and
//!   voids (`RECORD_LOCKED`, from the write path itself);
//! - a void (已作废) is a tombstone written through the one write path, its reason in the same
//!   change-log entry (`void_reason`, schema 0016), so it syncs as a delete and shows in the
//!   history. It is refused while live records depend on the record (`RECORD_IN_USE`).

use rusqlite::types::Value as SqlValue;
use rusqlite::Transaction;
use serde::Serialize;

use crate::domain::lifecycle::{void_reason, RecordKind, RecordStatus};
use crate::domain::{refuse_if, Invalid, Warning};
use crate::error::{Error, Result};
use crate::store::entities::{Entity, AGREEMENT, HOUSEHOLD, NOTICE, OPERATOR, TRAINING_SESSION};
use crate::store::write::{self, Op, Status, Writer};
use crate::store::{Query, Store};
use crate::Code;

/// Where one record stands after a lifecycle step (or when asked).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct RecordState {
    pub kind: RecordKind,
    pub id: String,
    pub status: RecordStatus,
    pub void_reason: Option<String>,
}

pub fn entity_of(kind: RecordKind) -> &'static Entity {
    match kind {
        RecordKind::Household => &HOUSEHOLD,
        RecordKind::Operator => &OPERATOR,
        RecordKind::Agreement => &AGREEMENT,
        RecordKind::TrainingSession => &TRAINING_SESSION,
        RecordKind::Notice => &NOTICE,
    }
}

/// The SQL condition a list puts on its rows (`alias` is the table's alias): without a filter
/// the live records; `Voided` the tombstones; otherwise the live records of that status. The
/// codes are constants, written as literals so each filter keeps its own query plan.
pub(crate) fn status_condition(alias: &str, status: Option<RecordStatus>) -> String {
    match status {
        None => format!("{alias}.deleted_hlc IS NULL"),
        Some(RecordStatus::Voided) => format!("{alias}.deleted_hlc IS NOT NULL"),
        Some(s) => format!(
            "{alias}.deleted_hlc IS NULL AND {alias}.status = '{}'",
            s.code()
        ),
    }
}

/// The status a list shows for a row (`alias` is the table's alias): `voided` for a tombstone.
pub(crate) fn status_column(alias: &str) -> String {
    format!("CASE WHEN {alias}.deleted_hlc IS NULL THEN {alias}.status ELSE 'voided' END")
}

impl Store {
    /// Where a record stands, voided ones included.
    pub fn record_state(&self, kind: RecordKind, id: &str) -> Result<RecordState> {
        read_state(&self.conn, kind, id)
    }

    /// Submits a draft to the county (提交). Submitting a submitted record changes nothing.
    pub fn submit_record(&mut self, kind: RecordKind, id: &str) -> Result<RecordState> {
        self.write(|tx, writer| {
            let state = read_state(tx, kind, id)?;
            refuse_voided(kind, &state, "提交")?;
            write::set_status(tx, writer, entity_of(kind), id, Status::Submitted)?;
            read_state(tx, kind, id)
        })
    }

    /// Voids a draft or submitted record (作废) with a required reason: a tombstone through the
    /// write path, refused while live records depend on it.
    pub fn void_record(&mut self, kind: RecordKind, id: &str, reason: &str) -> Result<RecordState> {
        let reason = void_reason(reason)?;
        self.write(|tx, writer| {
            let state = read_state(tx, kind, id)?;
            refuse_voided(kind, &state, "作废")?;
            let entity = entity_of(kind);
            refuse_if(
                state.status == RecordStatus::Locked,
                Code::RECORD_LOCKED,
                "status",
                format!(
                    "这条{}记录已被县里锁定（已验收或已审核），不能作废。如需更正，请联系县电商中心解锁。",
                    entity.label
                ),
            )?;
            refuse_if_depended_on(tx, kind, id)?;
            write::record(
                tx,
                writer,
                entity,
                id,
                Op::Delete,
                &[("void_reason", SqlValue::Text(reason.clone()))],
            )?;
            read_state(tx, kind, id)
        })
    }
}

/// Locks a submitted record (已锁定): the county's acceptance. Only the sync layer calls it, on
/// the county hub.
pub(crate) fn lock(
    tx: &Transaction,
    writer: &Writer,
    kind: RecordKind,
    id: &str,
) -> Result<RecordState> {
    let state = read_state(tx, kind, id)?;
    refuse_voided(kind, &state, "锁定")?;
    write::set_status(tx, writer, entity_of(kind), id, Status::Locked)?;
    read_state(tx, kind, id)
}

/// After an edit of a record (`edited`: the write changed something): a submitted record goes
/// back to draft in the same transaction, and the answer carries a warning saying so.
pub(crate) fn back_to_draft_if_submitted(
    tx: &Transaction,
    writer: &Writer,
    entity: &Entity,
    id: &str,
    edited: bool,
) -> Result<Option<Warning>> {
    if !edited {
        return Ok(None);
    }
    let status: Option<String> = tx.value(
        &format!("SELECT status FROM {} WHERE id = ?1", entity.table),
        [id],
    )?;
    if status.as_deref() != Some("submitted") {
        return Ok(None);
    }
    write::set_status(tx, writer, entity, id, Status::Draft)?;
    Ok(Some(Warning::from(Invalid::new(
        Code::RECORD_BACK_TO_DRAFT,
        "status",
        format!(
            "这条{}记录已提交过，修改后已退回草稿。请核对后重新提交。",
            entity.label
        ),
    ))))
}

fn read_state(conn: &rusqlite::Connection, kind: RecordKind, id: &str) -> Result<RecordState> {
    let entity = entity_of(kind);
    let row: Option<(String, bool, Option<String>)> = conn.row(
        &format!(
            "SELECT status, deleted_hlc IS NOT NULL, void_reason FROM {} WHERE id = ?1",
            entity.table
        ),
        [id],
    )?;
    let (status, deleted, void_reason) = row.ok_or_else(|| Error::not_found(entity.label, id))?;
    let status = match (deleted, status.as_str()) {
        (true, _) => RecordStatus::Voided,
        (false, "submitted") => RecordStatus::Submitted,
        (false, "locked") => RecordStatus::Locked,
        _ => RecordStatus::Draft,
    };
    Ok(RecordState {
        kind,
        id: id.to_string(),
        status,
        void_reason,
    })
}

fn refuse_voided(kind: RecordKind, state: &RecordState, step: &str) -> Result<()> {
    refuse_if(
        state.status == RecordStatus::Voided,
        Code::RECORD_VOIDED,
        "id",
        format!(
            "这条{}记录已作废（原因：{}），不能再{step}。如需恢复，请重新登记一条。",
            entity_of(kind).label,
            state.void_reason.as_deref().unwrap_or("未填写")
        ),
    )?;
    Ok(())
}

/// At most this many dependants are named in a refusal; the rest are counted.
const NAMED: usize = 3;

/// Refuses to void a record that live records depend on, naming them.
fn refuse_if_depended_on(tx: &Transaction, kind: RecordKind, id: &str) -> Result<()> {
    let (sql, what, fix) = match kind {
        RecordKind::Household => (
            "SELECT '带贫协议 ' || a.number FROM roster r JOIN agreement a ON a.id = r.agreement_id
             WHERE r.household_id = ?1 AND r.deleted_hlc IS NULL AND a.deleted_hlc IS NULL
             UNION ALL
             SELECT '家庭成员 ' || name FROM household_member
             WHERE household_id = ?1 AND deleted_hlc IS NULL",
            "这户还在花名册上或登记有家庭成员",
            "请先把这户从花名册中移除、作废其家庭成员，再作废。",
        ),
        RecordKind::Operator => (
            "SELECT '带贫协议 ' || number FROM agreement
             WHERE operator_id = ?1 AND deleted_hlc IS NULL
             UNION ALL
             SELECT '核验 ' || inspection_date FROM inspection
             WHERE operator_id = ?1 AND deleted_hlc IS NULL",
            "这个实施主体还有",
            "请先作废这些协议（核验记录请联系县里处理），再作废实施主体。",
        ),
        RecordKind::Agreement => (
            // Money is append-only: an entry still counts until a reversing entry cancels it.
            "SELECT '台账 ' || e.entry_date || ' ' || e.product || ' ' || e.amount || ' 元'
             FROM ledger_entry e
             WHERE e.agreement_id = ?1 AND e.deleted_hlc IS NULL AND e.reverses_id IS NULL
               AND NOT EXISTS (SELECT 1 FROM ledger_entry x WHERE x.reverses_id = e.id)
             ORDER BY e.entry_date",
            "这份协议已登记台账",
            "台账只能追加：请先逐笔登记冲销，再作废协议。",
        ),
        RecordKind::TrainingSession => (
            "SELECT '签到 ' || name FROM attendance
             WHERE session_id = ?1 AND deleted_hlc IS NULL ORDER BY name",
            "这次培训已有签到",
            "请先撤销这些签到，再作废培训。",
        ),
        RecordKind::Notice => (
            "SELECT '异议 ' || received_date || ' ' || objector FROM notice_objection
             WHERE notice_id = ?1 AND deleted_hlc IS NULL AND handling = ''
             ORDER BY received_date",
            "这条公示还有未处理的异议",
            "请先登记这些异议的处理情况，再作废公示。",
        ),
    };
    let names: Vec<String> = tx.list(sql, [id], |r| r.get(0))?;
    if names.is_empty() {
        return Ok(());
    }
    let mut named = names
        .iter()
        .take(NAMED)
        .cloned()
        .collect::<Vec<_>>()
        .join("、");
    if names.len() > NAMED {
        named += &format!(" 等 {} 项", names.len());
    }
    Err(Invalid::new(
        Code::RECORD_IN_USE,
        "id",
        format!("不能作废：{what}：{named}。{fix}",),
    )
    .into())
}
