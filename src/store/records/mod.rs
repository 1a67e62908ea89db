//! The records a township keeps, one module per kind: each reads its rows and writes them
//! through the one write path (`store::write::record`) with the entity declared in
//! `store::entities`. Validation is the domain's; these modules hold the SQL.

pub(crate) mod agreements;
pub(crate) mod county;
pub(crate) mod county_settings;
pub(crate) mod dashboard;
pub(crate) mod funds;
pub(crate) mod household_members;
pub(crate) mod household_search;
pub(crate) mod households;
pub(crate) mod inspections;
pub mod kinds;
pub(crate) mod ledger;
pub mod lifecycle;
pub(crate) mod notice_lists;
pub(crate) mod notices;
pub(crate) mod operators;
pub(crate) mod places;
pub(crate) mod programmes;
pub(crate) mod recheck;
pub(crate) mod roster;
pub(crate) mod stations;
pub(crate) mod stats;
pub(crate) mod targets;
pub(crate) mod training;
