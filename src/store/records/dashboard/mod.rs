//! The home dashboard's record panels (docs/records.md "The home dashboard"): programme targets
//! by their progress engine, funds by the fund status's award money, inspections, training by
//! `training_totals`, bars by township and a monthly series. Each figure counts the rows of
//! the list its drill opens (`lists.rs`). Where the townships' batches stand is the sync
//! layer's (`sync::sql::dashboard`), which calls this.

mod lists;

use std::collections::BTreeMap;
use std::str::FromStr;

use rusqlite::params;
use rust_decimal::Decimal;

use self::lists::{scope_params, AGREEMENTS_IN_SCOPE, INSPECTIONS_IN_SCOPE, SESSIONS_IN_SCOPE};
use super::funds::status::Scope;
use crate::domain::dashboard::{
    months_of, CountFigure, Dashboard, DashboardFilter, Drill, FundsPanel, InspectionsPanel,
    MoneyFigure, MonthPoint, ProgrammePanel, TownshipBar, TrainingPanel,
};
use crate::domain::funds::{programme_budget, AwardMoney, Tally};
use crate::domain::kinds::KindSubject;
use crate::domain::programmes::Programme;
use crate::error::{Error, Result};
use crate::store::{Query, Store};

/// What the figures of one township (or of the whole scope, under the key "") add up to.
#[derive(Default)]
struct Sums {
    inspections: u32,
    passed: u32,
    rectifying: u32,
    person_times: u32,
    poor_person_times: u32,
    ledger_income: Decimal,
}

fn count(count: u32, drill: Drill) -> CountFigure {
    CountFigure { count, drill }
}

fn money(amount: Decimal, drill: Drill) -> MoneyFigure {
    MoneyFigure {
        amount: format!("{:.2}", amount.round_dp(2)),
        drill,
    }
}

/// The awards whose operator's village lies in township `id`.
fn in_township<'a>(
    awards: &'a [AwardMoney],
    id: &'a str,
) -> impl Iterator<Item = &'a AwardMoney> + 'a {
    awards.iter().filter(move |a| a.township_id == id)
}

fn decimal(text: &str) -> Decimal {
    Decimal::from_str(text.trim()).unwrap_or_default()
}

impl Store {
    /// The filter made whole: an unknown programme or township is refused (NOT_FOUND); the
    /// year is the programme's, else the one asked, else the latest programme year, else this
    /// year.
    pub fn dashboard_scope(&self, filter: &DashboardFilter) -> Result<DashboardFilter> {
        let mut scope = filter.clone();
        if let Some(id) = &filter.programme_id {
            scope.year = Some(self.programme(id)?.year);
        }
        if let Some(id) = &filter.township_id {
            let known: Option<String> = self.conn.value(
                "SELECT id FROM township WHERE id = ?1 AND deleted_hlc IS NULL",
                [id],
            )?;
            known.ok_or_else(|| Error::not_found("乡镇", id))?;
        }
        if scope.year.is_none() {
            let latest: Option<i32> = self
                .conn
                .value::<Option<i32>, _>(
                    "SELECT max(year) FROM programme WHERE deleted_hlc IS NULL",
                    [],
                )?
                .flatten();
            scope.year = Some(latest.unwrap_or_else(|| {
                use chrono::Datelike;
                chrono::Utc::now().year()
            }));
        }
        Ok(scope)
    }

    /// The record panels of the dashboard for `filter` (see `dashboard_scope`); the sync
    /// panels are left empty and `scope` is `standalone`.
    pub fn dashboard_records(&self, filter: &DashboardFilter) -> Result<Dashboard> {
        let scope = self.dashboard_scope(filter)?;
        let year = scope.year.expect("resolved");
        let programmes = self.programmes_in_scope(&scope)?;
        let townships: Vec<(String, String)> = self
            .list_townships()?
            .into_iter()
            .filter(|t| match &scope.township_id {
                Some(id) => t.id == *id,
                None => !t.retired,
            })
            .map(|t| (t.id, t.name))
            .collect();

        let mut by_township: BTreeMap<String, Sums> = BTreeMap::new();
        let mut total = Sums::default();
        let mut panels = Vec::new();
        for programme in &programmes {
            // The training totals are counted once, for the targets and for the panel.
            let mut training = None;
            let progress = self.progress_of(programme.clone(), &mut training)?;
            panels.push(ProgrammePanel {
                drill: Drill::new(
                    "programmes",
                    &DashboardFilter {
                        programme_id: Some(programme.id.clone()),
                        ..DashboardFilter::default()
                    },
                    &[],
                ),
                programme_id: progress.programme_id,
                programme_name: progress.programme_name,
                year: progress.year,
                kind: progress.kind,
                targets: progress.targets,
            });
            if programme.subject == Some(KindSubject::Training) {
                let totals = match training {
                    Some(totals) => totals,
                    None => self.training_totals(&programme.id)?,
                };
                for line in &totals.by_township {
                    let key = line.township_id.clone().unwrap_or_default();
                    let sums = by_township.entry(key).or_default();
                    sums.person_times += line.person_times;
                    sums.poor_person_times += line.poor_person_times;
                }
                if scope.township_id.is_none() {
                    total.person_times += totals.person_times;
                    total.poor_person_times += totals.poor_person_times;
                }
            }
        }
        if let Some(id) = &scope.township_id {
            let own = by_township.get(id);
            total.person_times = own.map_or(0, |s| s.person_times);
            total.poor_person_times = own.map_or(0, |s| s.poor_person_times);
        }

        let (y, p, t) = scope_params(&scope);
        let inspections: Vec<(String, String)> = self.conn.list(
            &format!(
                "SELECT coalesce(v.township_id, ''), i.conclusion FROM {INSPECTIONS_IN_SCOPE}"
            ),
            params![y, p, t],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        for (township, conclusion) in &inspections {
            for sums in [&mut total, by_township.entry(township.clone()).or_default()] {
                sums.inspections += 1;
                sums.passed += u32::from(conclusion == "pass");
                sums.rectifying += u32::from(conclusion == "rectify");
            }
        }

        let mut months: BTreeMap<String, (Decimal, u32)> = months_of(year)
            .into_iter()
            .map(|m| (m, (Decimal::ZERO, 0)))
            .collect();
        let ledger: Vec<(String, String, String)> = self.conn.list(
            &format!(
                "SELECT coalesce(v.township_id, ''), substr(l.entry_date, 1, 7), l.amount
                 FROM ledger_entry l JOIN {AGREEMENTS_IN_SCOPE}
                   AND a.id = l.agreement_id AND l.deleted_hlc IS NULL"
            ),
            params![y, p, t],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        for (township, month, amount) in &ledger {
            let amount = decimal(amount);
            total.ledger_income += amount;
            by_township
                .entry(township.clone())
                .or_default()
                .ledger_income += amount;
            if let Some((income, _)) = months.get_mut(month) {
                *income += amount;
            }
        }
        let attendance: Vec<(String, u32)> = self.conn.list(
            &format!(
                "SELECT month, count(*) FROM (
                   SELECT DISTINCT s.id, x.id_number, substr(s.start_date, 1, 7) AS month
                   FROM attendance x JOIN {SESSIONS_IN_SCOPE}
                     AND s.id = x.session_id AND x.deleted_hlc IS NULL)
                 GROUP BY month"
            ),
            params![y, p, t],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        for (month, person_times) in attendance {
            if let Some((_, n)) = months.get_mut(&month) {
                *n += person_times;
            }
        }

        let awards: Vec<_> = self
            .award_money(Scope::Year(Some(year)))?
            .into_iter()
            .filter(|a| p.is_none_or(|p| a.programme_id == p))
            .collect();
        let funds_total = match t {
            Some(id) => Tally::of(in_township(&awards, id)),
            None => Tally::of(&awards),
        };
        let budgets: Vec<Decimal> = programmes
            .iter()
            .filter_map(|p| programme_budget(&p.settings))
            .collect();
        let budget = (t.is_none() && !budgets.is_empty())
            .then(|| format!("{:.2}", budgets.iter().sum::<Decimal>()));
        // The sessions list's length, counted without reading every session's attendance.
        let sessions: u32 = self
            .conn
            .value(
                &format!("SELECT count(*) FROM {SESSIONS_IN_SCOPE}"),
                params![y, p, t],
            )?
            .unwrap_or(0);

        let bars = townships
            .iter()
            .map(|(id, name)| {
                let here = DashboardFilter {
                    township_id: Some(id.clone()),
                    ..scope.clone()
                };
                let sums = by_township.get(id);
                let of = |f: fn(&Sums) -> u32| sums.map_or(0, f);
                TownshipBar {
                    township_id: id.clone(),
                    township_name: name.clone(),
                    inspections_passed: count(
                        of(|s| s.passed),
                        Drill::new("inspections", &here, &[("conclusion", "pass")]),
                    ),
                    person_times: count(of(|s| s.person_times), Drill::new("training", &here, &[])),
                    awarded: money(
                        Tally::of(in_township(&awards, id)).awarded,
                        Drill::new("funds", &here, &[]),
                    ),
                    ledger_income: money(
                        sums.map_or(Decimal::ZERO, |s| s.ledger_income),
                        Drill::new("agreements", &here, &[]),
                    ),
                }
            })
            .collect();

        let township_name = townships
            .iter()
            .find(|(id, _)| Some(id) == scope.township_id.as_ref())
            .map(|(_, name)| name.clone());
        Ok(Dashboard {
            scope: "standalone".into(),
            township_name,
            programmes: panels,
            funds: FundsPanel {
                budget,
                awards: count(funds_total.awards, Drill::new("funds", &scope, &[])),
                awarded: money(funds_total.awarded, Drill::new("funds", &scope, &[])),
                paid: money(funds_total.paid, Drill::new("funds", &scope, &[])),
                to_recover: money(funds_total.to_recover, Drill::new("funds", &scope, &[])),
            },
            inspections: InspectionsPanel {
                done: count(total.inspections, Drill::new("inspections", &scope, &[])),
                passed: count(
                    total.passed,
                    Drill::new("inspections", &scope, &[("conclusion", "pass")]),
                ),
                rectifying: count(
                    total.rectifying,
                    Drill::new("inspections", &scope, &[("conclusion", "rectify")]),
                ),
            },
            training: TrainingPanel {
                sessions: count(sessions, Drill::new("training", &scope, &[])),
                person_times: count(total.person_times, Drill::new("training", &scope, &[])),
                poor_person_times: count(
                    total.poor_person_times,
                    Drill::new("training", &scope, &[]),
                ),
            },
            conflicts_open: None,
            findings_open: None,
            townships: bars,
            months: months
                .into_iter()
                .map(|(month, (income, person_times))| MonthPoint {
                    month,
                    ledger_income: format!("{:.2}", income.round_dp(2)),
                    person_times,
                })
                .collect(),
            batches: None,
            own_sync: None,
            filter: scope,
        })
    }

    /// The live programmes of the scope's year (or the one programme), in the order they were
    /// set up.
    fn programmes_in_scope(&self, scope: &DashboardFilter) -> Result<Vec<Programme>> {
        let ids: Vec<String> = self.conn.list(
            "SELECT id FROM programme WHERE deleted_hlc IS NULL AND year = ?1
               AND (?2 IS NULL OR id = ?2)
             ORDER BY rowid",
            params![scope.year, scope.programme_id],
            |r| r.get(0),
        )?;
        ids.iter().map(|id| self.programme(id)).collect()
    }
}
