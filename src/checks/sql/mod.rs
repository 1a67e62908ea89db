//! The checks' SQL: each rule family gathers its facts here (`<family>.rs`) and hands them to
//! its pure rule (`checks::rules::<family>`); `FAMILIES` lists them all, in one place; storing
//! findings, reviewing them and the screens' queries live beside.

pub mod ages;
pub mod callbacks;
pub mod identity;
pub mod ledger;
pub mod photos;
pub mod procedure;
mod queries;
mod review;
pub mod rosters;
mod store;
mod thresholds;
pub mod training;

pub use store::run_at_now;

use crate::checks::{Finding, Scope, Thresholds};
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

/// Runs every check over the store's records and answers the findings in `scope`, in a stable
/// order (by key). The rules read every township's records even for one township's scope: a
/// cross-township finding involves both.
pub fn run_suite(store: &Store, scope: &Scope) -> Result<Vec<Finding>> {
    let thresholds = Thresholds::read(store)?;
    let mut found = Vec::new();
    for family in FAMILIES {
        found.extend((family.run)(store, &thresholds)?);
    }
    found.retain(|f| scope.includes(f));
    let mut keyed: Vec<(String, Finding)> = found.into_iter().map(|f| (f.key(), f)).collect();
    keyed.sort_by(|a, b| a.0.cmp(&b.0));
    // Two families could name the same cause: one finding per key.
    keyed.dedup_by(|a, b| a.0 == b.0);
    Ok(keyed.into_iter().map(|(_, f)| f).collect())
}
