//! The home dashboard as the county hub and a township laptop see it: the record panels of
//! `store::records::dashboard`, plus where sync stands. On the hub: open conflicts and when
//! each township's last batch arrived (silent for three weeks stands out). On a laptop: its
//! own township only, and its own last sync.

use chrono::{DateTime, Utc};

use super::{meta, meta_i64, mode};
use crate::domain::dashboard::{
    is_silent, CountFigure, Dashboard, DashboardFilter, Drill, OwnSync, TownshipBatch,
};
use crate::error::Result;
use crate::store::{Query, Store};

impl Store {
    /// The home dashboard for `filter`, as of now.
    pub fn dashboard(&self, filter: &DashboardFilter) -> Result<Dashboard> {
        self.dashboard_at(filter, Utc::now())
    }

    /// The home dashboard as of `now` (how long each township has been silent).
    pub fn dashboard_at(&self, filter: &DashboardFilter, now: DateTime<Utc>) -> Result<Dashboard> {
        let mode = mode(&self.conn)?;
        let mut filter = filter.clone();
        if mode == "device" {
            // A laptop keeps one township's records: the dashboard is that township's (once the
            // county's first package has brought the township itself).
            let own = meta(&self.conn, "township_id")?;
            let known: Option<String> = self.conn.value(
                "SELECT id FROM township WHERE id = ?1 AND deleted_hlc IS NULL",
                [&own],
            )?;
            filter.township_id = known;
        }
        let mut dashboard = self.dashboard_records(&filter)?;
        let sync = Drill::new("sync", &DashboardFilter::default(), &[]);
        match mode.as_str() {
            "county" => {
                dashboard.scope = "county".into();
                let open: u32 = self
                    .conn
                    .value(
                        "SELECT count(*) FROM sync_conflict WHERE status = 'open'",
                        [],
                    )?
                    .unwrap_or(0);
                dashboard.conflicts_open = Some(CountFigure {
                    count: open,
                    drill: Drill::new("sync", &DashboardFilter::default(), &[("tab", "conflicts")]),
                });
                dashboard.batches = Some(self.township_batches(&dashboard.filter, now, &sync)?);
                dashboard.findings_open = Some(self.open_findings(&dashboard.filter)?);
            }
            "device" => {
                dashboard.scope = "township".into();
                let acked = meta_i64(&self.conn, "acked_seq")?;
                let pending: i64 = self
                    .conn
                    .value(
                        "SELECT count(*) FROM change_log WHERE seq > ?1 AND device_id = ?2",
                        rusqlite::params![acked, self.writer.device_id],
                    )?
                    .unwrap_or(0);
                dashboard.own_sync = Some(OwnSync {
                    last_export: meta(&self.conn, "last_export_at")?,
                    last_receipt: meta(&self.conn, "last_receipt_at")?,
                    pending: pending.max(0) as u64,
                    drill: sync,
                });
            }
            _ => {}
        }
        Ok(dashboard)
    }

    /// The integrity findings still open (核查, stored on the hub only) that involve the
    /// township filtered on (as the 核查 list filters), and that list.
    fn open_findings(&self, scope: &DashboardFilter) -> Result<CountFigure> {
        let count: u32 = self
            .conn
            .value(
                "SELECT count(*) FROM finding
                 WHERE review_status = 'open' AND deleted_hlc IS NULL
                   AND (?1 IS NULL
                        OR EXISTS (SELECT 1 FROM json_each(finding.townships) WHERE value = ?1))",
                [&scope.township_id],
            )?
            .unwrap_or(0);
        let mut query =
            std::collections::BTreeMap::from([("status".to_string(), "open".to_string())]);
        if let Some(township) = &scope.township_id {
            query.insert("township".into(), township.clone());
        }
        Ok(CountFigure {
            count,
            drill: Drill {
                route: "checks".into(),
                query,
            },
        })
    }

    /// Every township's last batch received at the hub (the township filtered on, or every
    /// township with an enrolled laptop or a batch).
    fn township_batches(
        &self,
        scope: &DashboardFilter,
        now: DateTime<Utc>,
        drill: &Drill,
    ) -> Result<Vec<TownshipBatch>> {
        let rows: Vec<(String, String, Option<String>)> = self.conn.list(
            "SELECT t.id, t.name, max(b.received_at)
             FROM township t
             JOIN sync_device d ON d.township_id = t.id
             LEFT JOIN sync_batch b ON b.device_id = d.device_id
             WHERE t.deleted_hlc IS NULL AND (?1 IS NULL OR t.id = ?1)
             GROUP BY t.id ORDER BY t.code",
            [&scope.township_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        Ok(rows
            .into_iter()
            .map(|(township_id, township_name, last)| {
                let days_since = last
                    .as_deref()
                    .and_then(|at| DateTime::parse_from_rfc3339(at).ok())
                    .map(|at| (now - at.with_timezone(&Utc)).num_days());
                TownshipBatch {
                    township_id,
                    township_name,
                    last_received_at: last,
                    days_since,
                    silent: is_silent(days_since),
                    drill: drill.clone(),
                }
            })
            .collect())
    }
}
