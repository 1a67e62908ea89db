//! Targets that compute themselves: each metric of a programme's targets counted from the
//! records (definitions in docs/records.md), judged by `domain::programmes::progress`.

use std::collections::{BTreeMap, HashMap};
use std::str::FromStr;

use rusqlite::params;
use rust_decimal::Decimal;

use crate::domain::funds::shares::{cap_warning, judge_spent, spent, Measure, ProgrammeSpend};
use crate::domain::programmes::progress::{
    percent, training_measure, CategoryShare, FundCap, FundShares,
};
use crate::domain::programmes::{
    judge, FundCategory, Measured, Metric, Preset, Programme, ProgrammeKind, ProgrammeProgress,
    TargetParams,
};
use crate::domain::stations::{month_number, reaches_monthly_average};
use crate::domain::training::TrainingTotals;
use crate::error::Result;
use crate::store::{Query, Store};

/// An operator of a programme: its kind and village (poor or not).
struct ProgrammeOperator {
    id: String,
    kind: String,
    village: Option<(String, bool)>,
}

fn decimal(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap_or_default()
}

impl Store {
    /// Households on the rosters of the programme's agreements of `year`, each once however
    /// many rosters name it: the agreements linked to the programme (`agreement.programme_id`).
    pub fn households_linked(&self, programme_id: &str, year: i32) -> Result<u32> {
        Ok(self
            .conn
            .value(
                "SELECT count(DISTINCT r.household_id)
                 FROM agreement a JOIN roster r ON r.agreement_id = a.id
                 WHERE a.programme_id = ?1 AND a.year = ?2
                   AND a.deleted_hlc IS NULL AND r.deleted_hlc IS NULL",
                params![programme_id, year],
            )?
            .unwrap_or(0))
    }

    /// Every target of a programme with its goal, what the records count, the share of the
    /// goal reached and whether it is met.
    pub fn programme_progress(&self, programme_id: &str) -> Result<ProgrammeProgress> {
        let programme = self.programme(programme_id)?;
        self.progress_of(programme, &mut None)
    }

    /// A programme's progress; the training totals its targets need are counted into
    /// `training` once (or taken from it), for a caller that shows them too.
    pub(crate) fn progress_of(
        &self,
        programme: Programme,
        training: &mut Option<TrainingTotals>,
    ) -> Result<ProgrammeProgress> {
        let mut targets = Vec::new();
        for target in &programme.settings.targets {
            let measured = match target.measure() {
                Some((metric, params)) => self.measure(&programme, metric, &params, training)?,
                None => None,
            };
            targets.push(judge(target, measured));
        }
        Ok(ProgrammeProgress {
            programme_id: programme.id,
            programme_name: programme.name,
            year: programme.year,
            kind: programme.kind,
            targets,
        })
    }

    /// The county's special fund of `year` by category, and every fund-share cap the year's
    /// programmes set, judged on those budgets.
    pub fn fund_shares(&self, year: i32) -> Result<FundShares> {
        let programmes = self.programmes_of_year(year)?;
        let (total, by_category) = budgets(&programmes);
        // The same shares measured on the real decisions: awarded and paid.
        let by_programme = self.spent_by_programme(year)?;
        let spend: Vec<ProgrammeSpend> = programmes
            .iter()
            .map(|(id, _, preset)| {
                let tally = by_programme.get(id);
                ProgrammeSpend {
                    preset,
                    awarded: tally.map_or(Decimal::ZERO, |t| t.awarded),
                    paid: tally.map_or(Decimal::ZERO, |t| t.paid),
                }
            })
            .collect();
        let spent = spent(&spend);
        let categories = by_category
            .iter()
            .map(|(category, budget)| {
                let (awarded, paid) = spent.by_category.get(category).copied().unwrap_or_default();
                CategoryShare {
                    category: *category,
                    budget: format!("{budget:.2}"),
                    share: percent(*budget, total).to_string(),
                    awarded: format!("{awarded:.2}"),
                    awarded_share: percent(awarded, spent.awarded).to_string(),
                    paid: format!("{paid:.2}"),
                    paid_share: percent(paid, spent.paid).to_string(),
                }
            })
            .collect();
        let mut caps = Vec::new();
        let mut warnings = Vec::new();
        for (id, name, settings) in &programmes {
            for target in &settings.targets {
                let Some((Metric::FundShare, params)) = target.measure() else {
                    continue;
                };
                let awarded = judge_spent(target, &spent, Measure::Awarded);
                let paid = judge_spent(target, &spent, Measure::Paid);
                warnings.extend(cap_warning(name, target, &awarded, Measure::Awarded));
                warnings.extend(cap_warning(name, target, &paid, Measure::Paid));
                caps.push(FundCap {
                    programme_id: id.clone(),
                    programme_name: name.clone(),
                    target: judge(target, fund_share(&programmes, &params)),
                    awarded,
                    paid,
                });
            }
        }
        Ok(FundShares {
            year,
            total: format!("{total:.2}"),
            categories,
            caps,
            awarded: format!("{:.2}", spent.awarded),
            paid: format!("{:.2}", spent.paid),
            warnings,
        })
    }

    fn programmes_of_year(&self, year: i32) -> Result<Vec<(String, String, Preset)>> {
        let rows: Vec<(String, String, String)> = self.conn.list(
            "SELECT id, name, settings FROM programme WHERE year = ?1 AND deleted_hlc IS NULL
             ORDER BY rowid",
            [year],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        Ok(rows
            .into_iter()
            .filter_map(|(id, name, json)| {
                let settings: Preset = serde_json::from_str(&json).ok()?;
                Some((id, name, settings))
            })
            .collect())
    }

    fn measure(
        &self,
        programme: &Programme,
        metric: Metric,
        params: &TargetParams,
        training: &mut Option<TrainingTotals>,
    ) -> Result<Option<Measured>> {
        if metric.is_training() {
            if programme.kind != ProgrammeKind::Training {
                return Ok(None);
            }
            if training.is_none() {
                *training = Some(self.training_totals(&programme.id)?);
            }
            let totals = training.as_ref().expect("just counted");
            return Ok(training_measure(metric, params, totals));
        }
        let year = programme.year;
        Ok(Some(match metric {
            Metric::OperatorsAccepted => {
                let (accepted, inspected): (u32, u32) = self.conn.query_row(
                    "SELECT coalesce(sum(conclusion = 'pass'), 0), count(*) FROM (
                       SELECT i.conclusion, row_number() OVER (
                                PARTITION BY i.operator_id
                                ORDER BY i.inspection_date DESC, i.rowid DESC) AS latest
                       FROM inspection i JOIN operator o ON o.id = i.operator_id
                       WHERE i.programme_id = ?1 AND i.stage = 'acceptance'
                         AND i.deleted_hlc IS NULL AND o.deleted_hlc IS NULL)
                     WHERE latest = 1",
                    [&programme.id],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )?;
                Measured::new(
                    accepted,
                    format!("{inspected} 个实施主体经县级验收，最近一次验收合格 {accepted} 个"),
                )
            }
            Metric::VillagesCovered | Metric::PoorVillagesCovered => {
                let poor_only = metric == Metric::PoorVillagesCovered;
                let covered = covered_villages(&self.programme_operators(programme)?, poor_only);
                let what = if poor_only { "贫困村" } else { "行政村" };
                Measured::new(covered, format!("实施主体所在{what} {covered} 个"))
            }
            Metric::VillageCoverage | Metric::PoorVillageCoverage => {
                let poor_only = metric == Metric::PoorVillageCoverage;
                let covered = covered_villages(&self.programme_operators(programme)?, poor_only);
                let (villages, poor): (u32, u32) = self.conn.query_row(
                    "SELECT count(*), coalesce(sum(poor), 0) FROM village
                     WHERE deleted_hlc IS NULL AND retired = 0",
                    [],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )?;
                let (whole, what) = if poor_only {
                    (poor, "贫困村")
                } else {
                    (villages, "行政村")
                };
                Measured::share(covered, whole, format!("覆盖{what} {covered} / {whole} 个"))
            }
            Metric::StationsReachingService => {
                let threshold = params.threshold.unwrap_or_default();
                return Ok(Some(self.stations_reaching(programme, threshold)?));
            }
            Metric::HouseholdsLinked => {
                let n = self.households_linked(&programme.id, year)?;
                Measured::new(
                    n,
                    format!("{year} 年带贫协议花名册在册 {n} 户（每户只计一次）"),
                )
            }
            Metric::LedgerSales => {
                let amounts: Vec<String> = self.conn.list(
                    "SELECT l.amount FROM agreement a JOIN ledger_entry l ON l.agreement_id = a.id
                     WHERE a.programme_id = ?1 AND a.year = ?2 AND a.deleted_hlc IS NULL
                       AND l.deleted_hlc IS NULL",
                    params![programme.id, year],
                    |r| r.get(0),
                )?;
                let sum: Decimal = amounts.iter().map(|a| decimal(a)).sum();
                Measured::new(
                    sum,
                    format!(
                        "{year} 年带贫协议台账 {} 笔，合计 {sum:.2} 元",
                        amounts.len()
                    ),
                )
            }
            Metric::FundShare => {
                return Ok(fund_share(&self.programmes_of_year(year)?, params));
            }
            Metric::Informational => return Ok(None),
            _ => return Ok(None),
        }))
    }

    /// The operators of a programme: those inspected under it, and those whose agreements of
    /// its year name it.
    fn programme_operators(&self, programme: &Programme) -> Result<Vec<ProgrammeOperator>> {
        Ok(self.conn.list(
            "SELECT o.id, o.kind, o.village_id, v.poor FROM operator o
             LEFT JOIN village v ON v.id = o.village_id
             WHERE o.deleted_hlc IS NULL AND (
               o.id IN (SELECT operator_id FROM inspection
                        WHERE programme_id = ?1 AND deleted_hlc IS NULL)
               OR o.id IN (SELECT operator_id FROM agreement
                           WHERE programme_id = ?1 AND year = ?2 AND deleted_hlc IS NULL))",
            params![programme.id, programme.year],
            |r| {
                let village: Option<String> = r.get(2)?;
                let poor: Option<bool> = r.get(3)?;
                Ok(ProgrammeOperator {
                    id: r.get(0)?,
                    kind: r.get(1)?,
                    village: village.map(|v| (v, poor.unwrap_or(false))),
                })
            },
        )?)
    }

    fn stations_reaching(&self, programme: &Programme, threshold: Decimal) -> Result<Measured> {
        let stations: Vec<String> = self
            .programme_operators(programme)?
            .into_iter()
            .filter(|o| o.kind == "service_station")
            .map(|o| o.id)
            .collect();
        let mut months: HashMap<&str, Vec<(u32, Decimal)>> = HashMap::new();
        let mut period = 0;
        let mut stmt = self.conn.prepare_cached(
            "SELECT month, service_value FROM station_month
             WHERE operator_id = ?1 AND deleted_hlc IS NULL AND substr(month, 1, 4) = ?2",
        )?;
        let year = programme.year.to_string();
        for station in &stations {
            let rows = stmt.query_map(params![station, year], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
            })?;
            for row in rows {
                let (month, value) = row?;
                if let Some((_, m)) = month_number(&month) {
                    period = period.max(m);
                    months
                        .entry(station)
                        .or_default()
                        .push((m, decimal(&value)));
                }
            }
        }
        let reaching = stations
            .iter()
            .filter(|s| {
                let recorded = months.get(s.as_str()).map_or(&[][..], |m| m.as_slice());
                reaches_monthly_average(recorded, period, threshold)
            })
            .count() as u32;
        let total = stations.len() as u32;
        Ok(Measured::share(
            reaching,
            total,
            format!(
                "{reaching} / {total} 个站点 {}年1–{period}月月均服务金额达到 {threshold:.2} 元（未记录的月份按 0 计）",
                programme.year
            ),
        ))
    }
}

fn covered_villages(operators: &[ProgrammeOperator], poor_only: bool) -> u32 {
    let mut villages: Vec<&str> = operators
        .iter()
        .filter_map(|o| o.village.as_ref())
        .filter(|(_, poor)| !poor_only || *poor)
        .map(|(v, _)| v.as_str())
        .collect();
    villages.sort_unstable();
    villages.dedup();
    villages.len() as u32
}

/// Σ budgets of programmes, and per category.
fn budgets(programmes: &[(String, String, Preset)]) -> (Decimal, BTreeMap<FundCategory, Decimal>) {
    let mut total = Decimal::ZERO;
    let mut by_category = BTreeMap::new();
    for fund in programmes.iter().filter_map(|(_, _, p)| p.fund.as_ref()) {
        total += fund.budget;
        *by_category.entry(fund.category).or_insert(Decimal::ZERO) += fund.budget;
    }
    (total, by_category)
}

/// A category's share of the year's budgets; `None` when no programme of the year has one.
fn fund_share(programmes: &[(String, String, Preset)], params: &TargetParams) -> Option<Measured> {
    let category = params.category?;
    let (total, by_category) = budgets(programmes);
    if total.is_zero() {
        return None;
    }
    let part = by_category.get(&category).copied().unwrap_or_default();
    Some(Measured::new(
        percent(part, total),
        format!(
            "{}预算 {part:.2} 元 / 本年度专项资金预算 {total:.2} 元",
            category.label()
        ),
    ))
}
