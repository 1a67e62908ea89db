//! Integrity checks (核查, issue 15; DOMAIN.md "Fabrication checks" F1–F11): each rule family
//! gathers its facts from the records (`sql/<family>.rs`), judges them with a pure rule
//! (`rules/<family>.rs`) and answers `Finding`s with their evidence. The hub stores them
//! (`Store::record_findings`) with a stable key, so re-running finds the same finding, closes it
//! when its cause is gone, and keeps the county's review (explained / confirmed / dismissed).
//!
//! Layer: between the store and sync / sheets / print (`tests/core/layers.rs`). The rules and
//! these types are pure; SQL lives in `sql/`. How it behaves: `docs/checks.md`.

pub mod callbacks;
mod codes;
pub mod model;
pub mod rules;
pub mod seasons;
pub mod sql;
mod thresholds;

use serde::{Deserialize, Serialize};

pub use codes::{CheckCode, Severity};
pub use model::*;
pub use seasons::{ProductSeason, ProductSeasons, Season};
pub use thresholds::{CheckSettings, Thresholds};

use crate::digest::sha256_hex;

/// A record a finding names: its kind (the entity's name: `attendance`, `inspection_photo` …),
/// its id, how a person recognises it (张三 · 2026-03-02 上午 · 某培训) and its township.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct RecordRef {
    pub kind: String,
    pub id: String,
    pub label: String,
    pub township_id: Option<String>,
}

impl RecordRef {
    pub fn new(
        kind: &str,
        id: impl Into<String>,
        label: impl Into<String>,
        township_id: Option<String>,
    ) -> RecordRef {
        RecordRef {
            kind: kind.to_string(),
            id: id.into(),
            label: label.into(),
            township_id,
        }
    }
}

/// One value the check compared, labelled for a reader: {签到手机号, 138****1234}.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Compared {
    pub label: String,
    pub value: String,
}

impl Compared {
    pub fn new(label: impl Into<String>, value: impl Into<String>) -> Compared {
        Compared {
            label: label.into(),
            value: value.into(),
        }
    }
}

/// What one check found: the records involved, the values compared, the threshold it used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    pub check: CheckCode,
    pub records: Vec<RecordRef>,
    pub compared: Vec<Compared>,
    pub threshold: Option<String>,
    pub summary: String,
    /// What the finding is about when its records may grow (a shared phone number, a village):
    /// the key is taken from it instead of the records, so a 31st trainee on a shared phone
    /// updates the same finding. Never shown; hashed into the key (it may be personal data).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anchor: Option<String>,
}

impl Finding {
    pub fn new(check: CheckCode, records: Vec<RecordRef>, summary: impl Into<String>) -> Finding {
        Finding {
            check,
            records,
            compared: Vec::new(),
            threshold: None,
            summary: summary.into(),
            anchor: None,
        }
    }

    pub fn compare(mut self, label: impl Into<String>, value: impl Into<String>) -> Finding {
        self.compared.push(Compared::new(label, value));
        self
    }

    pub fn threshold(mut self, threshold: impl Into<String>) -> Finding {
        self.threshold = Some(threshold.into());
        self
    }

    pub fn anchored(mut self, anchor: impl Into<String>) -> Finding {
        self.anchor = Some(anchor.into());
        self
    }

    /// The stable key: the check and a hash of its anchor or of its sorted record ids, so the
    /// same cause found again (in any order, on any run) is the same finding.
    pub fn key(&self) -> String {
        let basis = match &self.anchor {
            Some(anchor) => format!("anchor\n{anchor}"),
            None => {
                let mut ids: Vec<String> = self
                    .records
                    .iter()
                    .map(|r| format!("{}:{}", r.kind, r.id))
                    .collect();
                ids.sort();
                ids.dedup();
                ids.join("\n")
            }
        };
        format!(
            "{}-{}",
            self.check.as_str(),
            &sha256_hex(basis.as_bytes())[..32]
        )
    }

    /// Every township the finding involves, in the order of its records, each once.
    pub fn townships(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for t in self.records.iter().filter_map(|r| r.township_id.as_ref()) {
            if !out.contains(t) {
                out.push(t.clone());
            }
        }
        out
    }

    pub fn severity(&self) -> Severity {
        self.check.severity()
    }
}

/// Which records a run looks at: the whole county, or the findings involving one township
/// (the rules still read every township's records, or a cross-township finding would be lost).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Scope {
    #[default]
    All,
    /// A township's id.
    Township(String),
}

impl Scope {
    /// Whether a finding belongs in this scope.
    pub fn includes(&self, finding: &Finding) -> bool {
        match self {
            Scope::All => true,
            Scope::Township(id) => finding.townships().contains(id),
        }
    }
}
