//! The reports both sides print and the screens show (what travels is `wire::documents`). Field names
//! are camelCase and maps are sorted, so `--json` output is stable for scripts and tests.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use super::wire::documents::*;
use crate::Code;

/// What `device request` / `county enroll` / `device enroll` answer.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct EnrollmentSummary {
    pub device_id: String,
    /// The device's fingerprint (read out over the phone).
    pub device_fingerprint: String,
    pub county_fingerprint: Option<String>,
    pub township_code: Option<String>,
    pub township_name: Option<String>,
    /// Where the request or answer was written, when it was.
    pub file: Option<String>,
}

/// What the first-run screen needs to know about the open database (`Store::start_state`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct StartState {
    /// The database holds a county (real or the demo).
    pub has_county: bool,
    pub county_code: Option<String>,
    pub county_name: Option<String>,
    /// The database holds the demo county 成县 (`demo::load_demo`).
    pub is_demo: bool,
    /// `none` | `county` (the hub) | `device` (a township laptop enrolled with the county).
    pub sync_mode: String,
    /// An officer's name was saved on this device; until then the change log names nobody.
    pub officer_set: bool,
    /// The name writes are recorded under now.
    pub officer: String,
    /// Townships and villages in use (retired ones not counted).
    pub townships: u32,
    pub villages: u32,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct EntityCounts {
    pub new: u64,
    pub changed: u64,
    pub unchanged: u64,
    pub conflicts: u64,
    pub refused: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Refusal {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub seq: i64,
    pub entity: String,
    pub record_id: String,
    pub field: Option<String>,
    pub code: Code,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ClockFlag {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub seq: i64,
    pub record_id: String,
    /// The device's time for the change, and the county's time it was clamped to.
    pub device_time: String,
    pub clamped_to: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ConflictRef {
    pub id: String,
    pub entity: String,
    pub record_id: String,
    pub field: String,
}

/// The import report: the same for a dry run and the real import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct BatchImportReport {
    pub batch_id: String,
    pub device_id: String,
    pub officer: String,
    pub dry_run: bool,
    /// `applied` | `staged` | `duplicate` | `refused` (every new change refused: nothing
    /// written, no receipt; the batch may be imported again once the cause is fixed).
    pub outcome: String,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub seq_from: i64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub seq_to: i64,
    /// Every change up to here is in (0 when none).
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub applied_through: i64,
    /// For a staged batch: the first missing sequence number.
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub waiting_for: Option<i64>,
    /// Staged batches from earlier that this one unblocked.
    pub unstaged: Vec<String>,
    pub entities: BTreeMap<String, EntityCounts>,
    pub refused: Vec<Refusal>,
    pub conflicts: Vec<ConflictRef>,
    pub clock: Vec<ClockFlag>,
    pub attachments: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ApplyReport {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub package_version: i64,
    /// True when a package as new or newer was applied before: nothing but receipts applied.
    pub ignored: bool,
    pub receipts_applied: u64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub acked_seq: i64,
    pub created: u64,
    pub updated: u64,
    /// Fields left as they are because this device changed them and the county has not seen it.
    pub kept_pending: u64,
    pub resolutions: u64,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct BatchExportSummary {
    pub batch_id: String,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub seq_from: i64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub seq_to: i64,
    pub counts: BTreeMap<String, u64>,
    pub attachments: u64,
    pub bytes: u64,
    pub file: String,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct DeviceRow {
    pub device_id: String,
    pub township_code: String,
    pub township_name: String,
    pub officer: String,
    pub fingerprint: String,
    /// `active` | `revoked`.
    pub status: String,
    pub enrolled_at: String,
    /// When the county revoked it (RFC 3339), for a revoked device.
    pub revoked_at: Option<String>,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub last_seq: i64,
    pub open_conflicts: u64,
}

/// County: what an enrollment request says, read before enrolling it (the clerk compares the
/// fingerprint with the one the officer reads out).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct RequestInfo {
    pub device_id: String,
    pub officer: String,
    pub device_fingerprint: String,
    pub created_at: String,
    /// The device as this county already has it (enrolled again, revoked …), if it does.
    pub enrolled: Option<DeviceRow>,
}

/// What `county revoke` answers: the device as it now stands.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct RevokeSummary {
    pub device: DeviceRow,
    /// The device was revoked before this call: nothing changed (its `revokedAt` is the first
    /// revocation's).
    pub already_revoked: bool,
}

/// The Sync page: what this database is in the sync picture.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct SyncStatus {
    /// `none` | `device` | `county`.
    pub mode: String,
    pub device_id: String,
    pub fingerprint: Option<String>,
    pub county_fingerprint: Option<String>,
    pub township_code: Option<String>,
    pub township_name: Option<String>,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub acked_seq: i64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub head_seq: i64,
    pub pending: BTreeMap<String, u64>,
    pub last_export: Option<String>,
    pub last_receipt: Option<String>,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub package_version: i64,
    pub open_conflicts: u64,
}

/// A record of this laptop the county refused and keeps refusing (named in a receipt), until
/// the officer voids it or, for a record moved out of the township, moves it back
/// (`Store::sync_refused`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct RefusedRecord {
    /// The record kind (`household`, `operator` …) and what a user calls one (农户 …).
    pub entity: String,
    pub label: String,
    /// What the officer knows the record by (a household's head, an operator's name); empty for
    /// the kinds without one (a roster line, a ledger entry).
    pub name: String,
    pub record_id: String,
    /// The refused change: its seq in this laptop's change log and its operation.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub seq: i64,
    /// `create` (the county never received the record: voiding it, or correcting it or the record
    /// it belongs to into the township, clears it) or `update`.
    pub op: String,
    pub code: Code,
    /// The county's words.
    pub message: String,
    /// The batch whose receipt named it.
    pub batch_id: String,
    /// The kind to void it as (`void_record`), for the kinds an officer voids one by one;
    /// `None` for the others (corrected, or voided with their parent).
    pub void_kind: Option<crate::domain::lifecycle::RecordKind>,
}
