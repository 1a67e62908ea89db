//! What the checks answer to the screens, the CLI's `--json` and the printed 核查情况表: serde
//! DTOs, camelCase, exported to TypeScript with the `ts` feature like `sync::model`.

use serde::{Deserialize, Serialize};

use super::{CheckCode, Compared, RecordRef, Severity};

/// Where a finding stands in the county's review. `closed`: its cause is gone (found no more),
/// closed by the run that stopped finding it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum FindingStatus {
    Open,
    Explained,
    Confirmed,
    Dismissed,
    Closed,
}

impl FindingStatus {
    pub const ALL: &'static [FindingStatus] = &[
        FindingStatus::Open,
        FindingStatus::Explained,
        FindingStatus::Confirmed,
        FindingStatus::Dismissed,
        FindingStatus::Closed,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            FindingStatus::Open => "open",
            FindingStatus::Explained => "explained",
            FindingStatus::Confirmed => "confirmed",
            FindingStatus::Dismissed => "dismissed",
            FindingStatus::Closed => "closed",
        }
    }

    pub fn from_name(text: &str) -> Option<FindingStatus> {
        FindingStatus::ALL
            .iter()
            .copied()
            .find(|s| s.as_str() == text)
    }

    /// Still waiting for the county's decision: a run that no longer finds it closes it.
    pub const fn is_pending(self) -> bool {
        matches!(self, FindingStatus::Open | FindingStatus::Explained)
    }

    /// The status in Chinese, for the CLI's text and messages (the UI has its own labels).
    pub const fn label(self) -> &'static str {
        match self {
            FindingStatus::Open => "待核查",
            FindingStatus::Explained => "已说明",
            FindingStatus::Confirmed => "确认造假",
            FindingStatus::Dismissed => "排除",
            FindingStatus::Closed => "已消除",
        }
    }
}

/// Which findings a list shows; `None` = any.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", default)]
pub struct FindingFilter {
    /// A township's id: the findings involving it (not only those filed under it).
    pub township_id: Option<String>,
    pub check: Option<CheckCode>,
    pub status: Option<FindingStatus>,
}

/// A township a finding involves, with its name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct TownshipName {
    pub id: String,
    pub code: String,
    pub name: String,
}

/// One finding as the 核查 page, the CLI and the printed form show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct FindingView {
    /// The stored id; on a laptop (findings computed, not stored) the key.
    pub id: String,
    pub key: String,
    pub check: CheckCode,
    /// "F3"
    pub rule: String,
    pub title: String,
    pub why: String,
    pub severity: Severity,
    /// The first township involved (filed under it).
    pub township_id: Option<String>,
    pub townships: Vec<TownshipName>,
    pub records: Vec<RecordRef>,
    pub compared: Vec<Compared>,
    pub threshold: Option<String>,
    pub summary: String,
    pub status: FindingStatus,
    pub note: String,
    pub attachment_sha256: Option<String>,
    pub decided_by: String,
    pub decided_at: Option<String>,
    pub first_seen: String,
    pub last_seen: String,
    /// The change-log entry (`change_id`) that removed the cause, when closed by a run.
    pub closed_by: Option<String>,
    /// The recovery (追回) ordered on this confirmed finding.
    pub recovery_id: Option<String>,
    /// Stored at the hub (false: computed on a laptop for its own township, never kept).
    pub stored: bool,
}

/// How many findings a township has of one check in one status (the 核查 page's counts).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct FindingCount {
    pub township_id: Option<String>,
    pub township_name: Option<String>,
    pub check: CheckCode,
    pub status: FindingStatus,
    pub count: u32,
}

/// What storing a run's findings did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct RunReport {
    /// Findings not stored before (or found again after being closed).
    pub new: u32,
    /// Known findings found again (their evidence brought up to date).
    pub still_open: u32,
    /// Pending findings not found again: closed, their cause gone.
    pub closed: u32,
    /// Findings this run found.
    pub total: u32,
}

/// What `fieldbook check` answers: the run's findings and, at the hub, what storing them did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct CheckRun {
    /// True at the county hub (and on a database not enrolled as a laptop); false on a laptop.
    pub stored: bool,
    pub report: RunReport,
    pub findings: Vec<FindingView>,
}

/// The review a clerk records on a finding (`Store::explain_finding` …), as the CLI and IPC
/// send it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", default)]
pub struct FindingReview {
    pub note: String,
    /// SHA-256 of a stored attachment (a call-back record, a photo).
    pub attachment: Option<String>,
    pub officer: String,
}
