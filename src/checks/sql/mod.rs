//! The checks' SQL: each rule family gathers its facts here (`<family>.rs`) and hands them to
//! its pure rule (`checks::rules::<family>`); `FAMILIES` lists them all, in one place; storing
//! findings, reviewing them and the screens' queries live beside.

pub mod ages;
pub mod callbacks;
pub mod changed;
pub mod identity;
pub mod ledger;
pub mod photos;
pub mod procedure;
mod queries;
mod review;
pub mod rosters;
mod seasons;
mod store;
mod thresholds;
pub mod training;

pub use store::{checks_after_import, run_at_now};

use std::collections::BTreeSet;

use crate::checks::{CheckCode, Finding, Scope, Thresholds};
use crate::error::Result;
use crate::store::Store;

/// One family of rules: gathers its facts from the store and judges them.
pub struct Family {
    /// For messages and benches: "photos".
    pub name: &'static str,
    /// The rules of DOMAIN.md it covers: "F10".
    pub rules: &'static str,
    pub run: fn(&Store, &Thresholds) -> Result<Vec<Finding>>,
}

impl Family {
    /// The checks of its rules.
    pub fn checks(&self) -> Vec<CheckCode> {
        let rules: Vec<&str> = self.rules.split_whitespace().collect();
        CheckCode::ALL
            .iter()
            .copied()
            .filter(|c| rules.contains(&c.rule()))
            .collect()
    }
}

/// Every family the suite runs. A new family: its facts and rule in `rules/<family>.rs`, its
/// gathering in `sql/<family>.rs`, and a line here.
pub const FAMILIES: &[Family] = &[
    Family {
        name: "identity",
        rules: "F1",
        run: identity::run,
    },
    Family {
        name: "rosters",
        rules: "F2",
        run: rosters::run,
    },
    Family {
        name: "training",
        rules: "F3 F4 F5 F6",
        run: training::run,
    },
    Family {
        name: "ages",
        rules: "F7",
        run: ages::run,
    },
    Family {
        name: "ledger",
        rules: "F8",
        run: ledger::run,
    },
    Family {
        name: "procedure",
        rules: "F9",
        run: procedure::run,
    },
    Family {
        name: "photos",
        rules: "F10",
        run: photos::run,
    },
    Family {
        name: "callbacks",
        rules: "F11",
        run: callbacks::run,
    },
];

/// The tables each family reads, so a run after an import can leave out the families whose
/// tables the batch did not touch (their findings stay as they were). A family not listed here
/// always runs.
pub const FAMILY_READS: &[(&str, &[&str])] = &[
    (
        "identity",
        &[
            "household",
            "household_member",
            "attendance",
            "training_session",
            "village",
        ],
    ),
    (
        "rosters",
        &["roster", "agreement", "operator", "household", "village"],
    ),
    (
        "training",
        &[
            "training_session",
            "attendance",
            "household",
            "household_member",
            "village",
        ],
    ),
    (
        "photos",
        &[
            "inspection_photo",
            "inspection",
            "operator",
            "training_session",
            "village",
        ],
    ),
    (
        "ages",
        &[
            "attendance",
            "training_session",
            "roster",
            "agreement",
            "household",
            "village",
        ],
    ),
    (
        "ledger",
        &[
            "ledger_entry",
            "agreement",
            "household",
            "village",
            "roster",
            "inspection",
            "operator",
        ],
    ),
    (
        "procedure",
        &[
            "inspection",
            "operator",
            "village",
            "township",
            "fund_disbursement",
            "fund_award",
            "programme",
            "notice",
        ],
    ),
    (
        "callbacks",
        &[
            "callback_call",
            "callback_sample",
            "household",
            "village",
            "inspection",
            "operator",
        ],
    ),
];

/// What a run judged: its findings and the checks it ran (a finding of a check it did not run
/// is neither found nor closed).
pub struct SuiteRun {
    pub found: Vec<Finding>,
    pub judged: Vec<CheckCode>,
}

/// Whether `family` must run when the records of `touched` kinds changed (`None`: always).
fn must_run(family: &Family, touched: Option<&BTreeSet<String>>) -> bool {
    let Some(touched) = touched else {
        return true;
    };
    match FAMILY_READS.iter().find(|(name, _)| *name == family.name) {
        Some((_, reads)) => reads.iter().any(|t| touched.contains(*t)),
        None => true,
    }
}

/// Runs every check over the store's records and answers the findings in `scope`, in a stable
/// order (by key). The rules read every township's records even for one township's scope: a
/// cross-township finding involves both.
pub fn run_suite(store: &Store, scope: &Scope) -> Result<Vec<Finding>> {
    Ok(run_families(store, scope, None)?.found)
}

/// `run_suite`, leaving out the families that read none of the `touched` record kinds.
pub fn run_families(
    store: &Store,
    scope: &Scope,
    touched: Option<&BTreeSet<String>>,
) -> Result<SuiteRun> {
    let thresholds = Thresholds::read(store)?;
    let mut found = Vec::new();
    let mut judged = Vec::new();
    for family in FAMILIES.iter().filter(|f| must_run(f, touched)) {
        found.extend((family.run)(store, &thresholds)?);
        judged.extend(family.checks());
    }
    found.retain(|f| scope.includes(f));
    let mut keyed: Vec<(String, Finding)> = found.into_iter().map(|f| (f.key(), f)).collect();
    keyed.sort_by(|a, b| a.0.cmp(&b.0));
    // Two families could name the same cause: one finding per key.
    keyed.dedup_by(|a, b| a.0 == b.0);
    Ok(SuiteRun {
        found: keyed.into_iter().map(|(_, f)| f).collect(),
        judged,
    })
}
