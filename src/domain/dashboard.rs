//! The home dashboard (首页): what it shows and what each number counts. Pure: the store fills
//! it (`store::records::dashboard`), the sync layer adds where the townships' batches stand.
//!
//! Every figure carries its `Drill`: the list it counts (a UI route name and the query that
//! list filters by), so a click lands on exactly the rows the number counts.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::programmes::{ProgrammeKind, TargetResult};

/// A township whose last batch reached the hub this many days ago or more stands out.
pub const SILENT_DAYS: i64 = 21;

/// What the dashboard is about; every field is optional (the latest programme year, every
/// programme, every township the database holds).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DashboardFilter {
    #[serde(default)]
    pub year: Option<i32>,
    #[serde(default)]
    pub programme_id: Option<String>,
    #[serde(default)]
    pub township_id: Option<String>,
}

/// The list a figure counts: a route name of the UI and the query its list filters by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Drill {
    pub route: String,
    pub query: BTreeMap<String, String>,
}

impl Drill {
    /// The route with the scope's filters (`year`, `programme`, `township`) and `extra`.
    pub fn new(route: &str, scope: &DashboardFilter, extra: &[(&str, &str)]) -> Drill {
        let mut query = BTreeMap::new();
        if let Some(year) = scope.year {
            query.insert("year".to_string(), year.to_string());
        }
        if let Some(p) = &scope.programme_id {
            query.insert("programme".to_string(), p.clone());
        }
        if let Some(t) = &scope.township_id {
            query.insert("township".to_string(), t.clone());
        }
        for (k, v) in extra {
            query.insert((*k).to_string(), (*v).to_string());
        }
        Drill {
            route: route.to_string(),
            query,
        }
    }
}

/// A count and the list it counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct CountFigure {
    pub count: u32,
    pub drill: Drill,
}

/// An amount of money (yuan, two decimals, as text) and the list it sums.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct MoneyFigure {
    pub amount: String,
    pub drill: Drill,
}

/// A programme's targets as its progress engine judges them (`Store::programme_progress`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ProgrammePanel {
    pub programme_id: String,
    pub programme_name: String,
    pub year: i32,
    pub kind: ProgrammeKind,
    pub targets: Vec<TargetResult>,
    pub drill: Drill,
}

/// Funds of the programmes in scope: awarded, paid and still to recover, against their budget.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct FundsPanel {
    /// Σ budgets of the programmes in scope; `None` for one township (budgets are the
    /// county's) or when no programme sets one.
    pub budget: Option<String>,
    pub awards: CountFigure,
    pub awarded: MoneyFigure,
    pub paid: MoneyFigure,
    pub to_recover: MoneyFigure,
}

/// Inspections of the programmes in scope: every live one, those concluded 合格, those
/// concluded 限期整改.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct InspectionsPanel {
    pub done: CountFigure,
    pub passed: CountFigure,
    pub rectifying: CountFigure,
}

/// Training of the training programmes in scope, counted by `Store::training_totals`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct TrainingPanel {
    pub sessions: CountFigure,
    pub person_times: CountFigure,
    pub poor_person_times: CountFigure,
}

/// One township's bar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct TownshipBar {
    pub township_id: String,
    pub township_name: String,
    pub inspections_passed: CountFigure,
    pub person_times: CountFigure,
    pub awarded: MoneyFigure,
    pub ledger_income: MoneyFigure,
}

/// One month of the year: ledger income (by entry date) and training person-times (by the
/// session's start date).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct MonthPoint {
    /// `2019-06`.
    pub month: String,
    pub ledger_income: String,
    pub person_times: u32,
}

/// On the hub: when a township's last batch arrived.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct TownshipBatch {
    pub township_id: String,
    pub township_name: String,
    /// RFC 3339; `None` when no batch of the township ever arrived.
    pub last_received_at: Option<String>,
    pub days_since: Option<i64>,
    /// No batch for `SILENT_DAYS` days or more, or none ever from an enrolled laptop.
    pub silent: bool,
    pub drill: Drill,
}

/// On a township laptop: its own last sync.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct OwnSync {
    pub last_export: Option<String>,
    pub last_receipt: Option<String>,
    /// Changes not yet acknowledged by the county.
    pub pending: u64,
    pub drill: Drill,
}

/// The home dashboard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Dashboard {
    /// The filter as applied: the year resolved, a laptop's township forced.
    pub filter: DashboardFilter,
    /// `county` (the hub), `township` (an enrolled laptop) or `standalone`.
    pub scope: String,
    /// The township a laptop keeps, or the one filtered on.
    pub township_name: Option<String>,
    pub programmes: Vec<ProgrammePanel>,
    pub funds: FundsPanel,
    pub inspections: InspectionsPanel,
    pub training: TrainingPanel,
    /// Open conflicts (hub only).
    pub conflicts_open: Option<CountFigure>,
    /// Open findings of the integrity checks: `None` until the checks' `finding` table exists
    /// (issue 15 wires it).
    pub findings_open: Option<CountFigure>,
    pub townships: Vec<TownshipBar>,
    pub months: Vec<MonthPoint>,
    /// Hub only: every township's last batch.
    pub batches: Option<Vec<TownshipBatch>>,
    /// Laptop only: its own last sync.
    pub own_sync: Option<OwnSync>,
}

/// Whether a township stands out: silent for `SILENT_DAYS` or more, or never heard from.
pub fn is_silent(days_since: Option<i64>) -> bool {
    days_since.is_none_or(|d| d >= SILENT_DAYS)
}

/// The twelve months of `year`: `2019-01` … `2019-12`.
pub fn months_of(year: i32) -> Vec<String> {
    (1..=12).map(|m| format!("{year:04}-{m:02}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_township_silent_for_three_weeks_stands_out() {
        assert!(!is_silent(Some(20)));
        assert!(is_silent(Some(21)));
        assert!(is_silent(None));
    }

    #[test]
    fn a_drill_carries_the_scope_and_its_own_filter() {
        let scope = DashboardFilter {
            year: Some(2019),
            programme_id: None,
            township_id: Some("t1".into()),
        };
        let drill = Drill::new("inspections", &scope, &[("conclusion", "pass")]);
        assert_eq!(drill.route, "inspections");
        let query: Vec<(&str, &str)> = drill
            .query
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        assert_eq!(
            query,
            [("conclusion", "pass"), ("township", "t1"), ("year", "2019")]
        );
    }

    #[test]
    fn a_year_has_twelve_months() {
        let months = months_of(2019);
        assert_eq!(months.len(), 12);
        assert_eq!(months[0], "2019-01");
        assert_eq!(months[11], "2019-12");
    }
}
