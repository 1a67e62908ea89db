//! The incremental run after an import: the records the batch changed (read back from the
//! change-log entries it appended, with the values they had before it), the groups each rule
//! judges derived from them, only those groups' facts gathered (indexed queries), judged by the
//! same pure rules, and which stored findings the run judged (`Region`), so only those are closed
//! when not found again. A family whose groups cannot be derived cheaply from a batch's kinds
//! runs over the whole county instead (`Judged::everything`).

mod ages;
mod identity;
mod log;
mod photos;
mod training;
mod training_sessions;

use std::collections::{BTreeSet, HashSet};

pub use log::Changes;

use super::{Family, FAMILY_READS};
use crate::checks::{CheckCode, Finding, Thresholds};
use crate::error::Result;
use crate::store::Store;

/// Which stored findings a run judged: a pending one of these is closed when not found again.
#[derive(Debug, Clone)]
pub enum Region {
    /// Every finding of these checks (a family run over the whole county).
    Everything(Vec<CheckCode>),
    /// The findings of these checks naming one of these records (`kind`, `id`): each record
    /// belongs to exactly one group of each check, and every group holding one was judged whole.
    Naming(Vec<CheckCode>, HashSet<(String, String)>),
    /// The findings with these keys (anchored findings whose every judged group's key is known).
    Keys(HashSet<String>),
}

impl Region {
    /// Whether a stored finding (its check, key and records) lies in this region.
    pub fn holds(&self, check: CheckCode, key: &str, records: &[(String, String)]) -> bool {
        match self {
            Region::Everything(checks) => checks.contains(&check),
            Region::Naming(checks, named) => {
                checks.contains(&check) && records.iter().any(|r| named.contains(r))
            }
            Region::Keys(keys) => keys.contains(key),
        }
    }
}

/// What one family's run judged: its findings and the stored findings it answers for.
pub struct Judged {
    pub found: Vec<Finding>,
    pub regions: Vec<Region>,
}

impl Judged {
    /// The family over the whole county: every finding of its checks is judged.
    pub fn everything(store: &Store, family: &Family, thresholds: &Thresholds) -> Result<Judged> {
        Ok(Judged {
            found: (family.run)(store, thresholds)?,
            regions: vec![Region::Everything(family.checks())],
        })
    }
}

/// The families after a batch: those reading none of its kinds are left out; the others judge
/// only the groups the batch changed where they can (`incremental`), else the whole county.
pub fn run_changed(store: &Store, changes: &Changes) -> Result<Vec<Judged>> {
    let thresholds = Thresholds::read(store)?;
    let kinds = changes.kinds();
    // The county's settings hold the thresholds: every rule may judge differently.
    let thresholds_moved = kinds.contains("county");
    let mut out = Vec::new();
    for family in super::FAMILIES {
        let reads: BTreeSet<&str> = FAMILY_READS
            .iter()
            .find(|(name, _)| *name == family.name)
            .map(|(_, reads)| reads.iter().copied().collect())
            .unwrap_or_default();
        if !thresholds_moved
            && !reads.is_empty()
            && !kinds.iter().any(|k| reads.contains(k.as_str()))
        {
            continue;
        }
        let partial = match thresholds_moved {
            true => None,
            false => incremental(store, family.name, changes, &thresholds)?,
        };
        let judged = match partial {
            Some(judged) => judged,
            None => Judged::everything(store, family, &thresholds)?,
        };
        out.push(judged);
    }
    Ok(out)
}

/// The family judged over the batch's groups, or `None` when it must read the whole county.
fn incremental(
    store: &Store,
    family: &str,
    changes: &Changes,
    thresholds: &Thresholds,
) -> Result<Option<Judged>> {
    match family {
        "training" => training::judge(store, changes, thresholds),
        "identity" => identity::judge(store, changes, thresholds),
        "ages" => ages::judge(store, changes, thresholds),
        "photos" => photos::judge(store, changes, thresholds),
        _ => Ok(None),
    }
}

/// Whether the batch changed only these kinds among those `family` reads (its groups can then
/// be derived from the changed records).
fn only_changed(changes: &Changes, family: &str, derivable: &[&str]) -> bool {
    let reads = FAMILY_READS
        .iter()
        .find(|(name, _)| *name == family)
        .map_or(&[][..], |(_, reads)| *reads);
    changes
        .kinds()
        .iter()
        .filter(|k| reads.contains(&k.as_str()))
        .all(|k| derivable.contains(&k.as_str()))
}

/// `(kind, id)` as a region names a record.
fn named(kind: &str, id: &str) -> (String, String) {
    (kind.to_string(), id.to_string())
}
