//! The lists the dashboard's figures click through to, filtered by year, programme and
//! township. Each list and the figure that counts it read the same rows: the figures aggregate
//! over the same `…_IN_SCOPE` fragments these lists select their ids with.

use rusqlite::params;

use crate::domain::agreements::AgreementSummary;
use crate::domain::dashboard::DashboardFilter;
use crate::domain::inspections::InspectionSummary;
use crate::domain::training::TrainingSessionSummary;
use crate::error::Result;
use crate::store::{Query, Store};

/// Live inspections of live programmes; `?1` year, `?2` programme, `?3` township (the
/// operator's village's), each NULL for any.
pub(super) const INSPECTIONS_IN_SCOPE: &str = "inspection i
     JOIN programme p ON p.id = i.programme_id
     JOIN operator o ON o.id = i.operator_id
     LEFT JOIN village v ON v.id = o.village_id
     WHERE i.deleted_hlc IS NULL AND p.deleted_hlc IS NULL
       AND (?1 IS NULL OR p.year = ?1) AND (?2 IS NULL OR p.id = ?2)
       AND (?3 IS NULL OR v.township_id = ?3)";

/// Live agreements of `?1` year, `?2` programme (linked), `?3` township (the operator's
/// village's).
pub(super) const AGREEMENTS_IN_SCOPE: &str = "agreement a
     JOIN operator o ON o.id = a.operator_id
     LEFT JOIN village v ON v.id = o.village_id
     WHERE a.deleted_hlc IS NULL
       AND (?1 IS NULL OR a.year = ?1) AND (?2 IS NULL OR a.programme_id = ?2)
       AND (?3 IS NULL OR v.township_id = ?3)";

/// Live sessions of live programmes of `?1` year, `?2` programme, held in `?3` township.
pub(super) const SESSIONS_IN_SCOPE: &str = "training_session s
     JOIN programme p ON p.id = s.programme_id
     WHERE s.deleted_hlc IS NULL AND p.deleted_hlc IS NULL
       AND (?1 IS NULL OR p.year = ?1) AND (?2 IS NULL OR p.id = ?2)
       AND (?3 IS NULL OR s.township_id = ?3)";

/// `(?1, ?2, ?3)` of the `…_IN_SCOPE` fragments.
pub(super) fn scope_params(scope: &DashboardFilter) -> (Option<i32>, Option<&str>, Option<&str>) {
    (
        scope.year,
        scope.programme_id.as_deref(),
        scope.township_id.as_deref(),
    )
}

/// The ids a fragment selects (`alias.id`), as a JSON array for `json_each`; `?4` of the
/// fragment, when it has one, is `extra`.
fn ids_in(
    store: &Store,
    alias: &str,
    fragment: &str,
    scope: &DashboardFilter,
    extra: Option<&str>,
) -> Result<String> {
    let sql = format!("SELECT {alias}.id FROM {fragment}");
    let ids: Vec<String> = if fragment.contains("?4") {
        store.conn.list(
            &sql,
            params![scope.year, scope.programme_id, scope.township_id, extra],
            |r| r.get(0),
        )?
    } else {
        store.conn.list(
            &sql,
            params![scope.year, scope.programme_id, scope.township_id],
            |r| r.get(0),
        )?
    };
    Ok(serde_json::to_string(&ids).expect("ids serialise"))
}

const IN_IDS: &str = "IN (SELECT value FROM json_each(?1))";

impl Store {
    /// The inspections list filtered as a dashboard figure is: the scope and, when given, a
    /// conclusion code (`pass`, `fail`, `rectify`).
    pub fn inspections_in(
        &self,
        scope: &DashboardFilter,
        conclusion: Option<&str>,
    ) -> Result<Vec<InspectionSummary>> {
        let fragment = format!("{INSPECTIONS_IN_SCOPE} AND (?4 IS NULL OR i.conclusion = ?4)");
        let ids = ids_in(self, "i", &fragment, scope, conclusion)?;
        self.inspection_summaries(&format!("i.id {IN_IDS}"), Some(&ids))
    }

    /// The agreements list filtered by the scope (their `totalIncome` is the ledger income).
    pub fn agreements_in(&self, scope: &DashboardFilter) -> Result<Vec<AgreementSummary>> {
        let ids = ids_in(self, "a", AGREEMENTS_IN_SCOPE, scope, None)?;
        self.agreement_summaries(&format!("a.id {IN_IDS}"), Some(&ids))
    }

    /// The training sessions list filtered by the scope.
    pub fn training_sessions_in(
        &self,
        scope: &DashboardFilter,
    ) -> Result<Vec<TrainingSessionSummary>> {
        let ids = ids_in(self, "s", SESSIONS_IN_SCOPE, scope, None)?;
        self.training_session_summaries(&format!("s.id {IN_IDS}"), Some(&ids))
    }
}
