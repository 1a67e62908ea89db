//! The statistics report's counts: each figure of each township for a period, one query per
//! figure, compared with the period before by `domain::stats`. What each figure counts and
//! which date puts a record in a period: docs/reports.md.

use std::collections::HashMap;
use std::str::FromStr;

use rusqlite::params;
use rust_decimal::Decimal;

use super::training::SessionsOf;
use crate::domain::period::Period;
use crate::domain::stats::{rows_and_total, StatsQuery, StatsReport, Tally, TownshipTallies};
use crate::domain::Invalid;
use crate::error::Result;
use crate::store::{Query, Store};
use crate::Code;

/// Tallies by township id; `None` is what no township holds (county-level training, an
/// operator without a village).
type ByTownship = HashMap<Option<String>, Tally>;

/// A count of one township (`None`: of no township).
type TownshipCount = (Option<String>, u32);

/// How the report names the row of what no township holds.
const COUNTY_LEVEL: &str = "县级（不分乡镇）";

fn money(text: &str) -> Decimal {
    Decimal::from_str(text.trim()).unwrap_or_default()
}

impl Store {
    /// The statistics report of a period: a row per township (and one for what no township
    /// holds, when it holds anything) and the 合计, each figure compared with the period
    /// before. An unknown programme or township is refused.
    pub fn stats_report(&self, query: &StatsQuery) -> Result<StatsReport> {
        let programme_name = match &query.programme_id {
            Some(id) => Some(self.stats_programme_name(id)?),
            None => None,
        };
        let township = match &query.township {
            Some(key) => Some(self.find_township(key).map_err(|_| {
                Invalid::new(
                    Code::REPORT_TOWNSHIP_UNKNOWN,
                    "township",
                    format!("没有乡镇“{key}”：请写本县乡镇的 9 位代码或名称。"),
                )
            })?),
            None => None,
        };
        let programme = query.programme_id.as_deref();
        let previous_period = query.period.previous();
        let findings_counted = self.stats_findings(&query.period, programme)?.is_some();
        let mut current = self.stats_tallies(&query.period, programme)?;
        let mut previous = self.stats_tallies(&previous_period, programme)?;
        // A township nothing was counted for: zeros (and no findings, when they are counted).
        let nothing = Tally {
            findings: findings_counted.then_some(0),
            ..Tally::default()
        };
        let mut take = |key: &Option<String>| TownshipTalliesOf {
            current: current.remove(key).unwrap_or_else(|| nothing.clone()),
            previous: previous.remove(key).unwrap_or_else(|| nothing.clone()),
        };
        let mut townships = Vec::new();
        for t in self.list_townships()? {
            if township.as_ref().is_some_and(|only| only.id != t.id) {
                continue;
            }
            let tallies = take(&Some(t.id.clone()));
            // A retired township shows only when it still holds something in these periods.
            if t.retired && tallies.is_zero() {
                continue;
            }
            townships.push(tallies.named(&t.code, &t.name));
        }
        if township.is_none() {
            let county_level = take(&None);
            if !county_level.is_zero() {
                townships.push(county_level.named("", COUNTY_LEVEL));
            }
        }
        let (rows, total) = rows_and_total(&townships);
        Ok(StatsReport {
            county_name: self.county()?.map(|c| c.name).unwrap_or_default(),
            period: query.period.code(),
            period_label: query.period.label(),
            from: query.period.from_text(),
            to: query.period.to_text(),
            previous_period: previous_period.code(),
            previous_label: previous_period.label(),
            programme_id: query.programme_id.clone(),
            programme_name,
            township_code: township.map(|t| t.code),
            rows,
            total,
            findings_counted,
            print_id: query.record_id(),
        })
    }

    fn stats_programme_name(&self, id: &str) -> Result<String> {
        let name: Option<String> = self.conn.value(
            "SELECT name FROM programme WHERE id = ?1 AND deleted_hlc IS NULL",
            [id],
        )?;
        name.ok_or_else(|| {
            Invalid::new(
                Code::REPORT_PROGRAMME_UNKNOWN,
                "programme",
                format!("没有编号为“{id}”的项目：请从项目列表复制项目编号，或不指定项目统计全部。"),
            )
            .into()
        })
    }

    /// Every figure of `period` by township.
    fn stats_tallies(&self, period: &Period, programme: Option<&str>) -> Result<ByTownship> {
        let (from, to) = (period.from_text(), period.to_text());
        let mut by: ByTownship = HashMap::new();
        let p = params![from, to, programme];

        // Acceptance passed in the period: stations under a station programme, the others
        // under any other; an operator once per township and kind of figure.
        let accepted: Vec<(Option<String>, bool, u32)> = self.conn.list(
            "SELECT v.township_id, coalesce(k.subject = 'station', 0),
                    count(DISTINCT i.operator_id)
             FROM inspection i
             JOIN operator o ON o.id = i.operator_id
             JOIN programme pr ON pr.id = i.programme_id
             LEFT JOIN kind_option k ON k.list = 'programme' AND k.code = pr.kind
             LEFT JOIN village v ON v.id = o.village_id
             WHERE i.stage = 'acceptance' AND i.conclusion = 'pass'
               AND i.inspection_date BETWEEN ?1 AND ?2 AND (?3 IS NULL OR i.programme_id = ?3)
               AND i.deleted_hlc IS NULL AND o.deleted_hlc IS NULL
             GROUP BY 1, 2",
            p,
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        for (township, station, n) in accepted {
            let t = by.entry(township).or_default();
            if station {
                t.stations_accepted += n;
            } else {
                t.operators_accepted += n;
            }
        }

        // Households on the rosters of agreements in force on any day of the period, each once.
        let linked: Vec<(Option<String>, u32)> = self.conn.list(
            "SELECT v.township_id, count(DISTINCT r.household_id)
             FROM agreement a
             JOIN roster r ON r.agreement_id = a.id
             JOIN household h ON h.id = r.household_id
             JOIN village v ON v.id = h.village_id
             WHERE a.term_start <= ?2 AND a.term_end >= ?1 AND (?3 IS NULL OR a.programme_id = ?3)
               AND a.deleted_hlc IS NULL AND r.deleted_hlc IS NULL AND h.deleted_hlc IS NULL
             GROUP BY 1",
            p,
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        for (township, n) in linked {
            by.entry(township).or_default().households_linked += n;
        }

        // Ledger entries dated in the period (reversals included, so the sum is net), by the
        // household's township.
        self.add_amounts(
            &mut by,
            "SELECT v.township_id, l.amount
             FROM ledger_entry l
             JOIN agreement a ON a.id = l.agreement_id
             JOIN household h ON h.id = l.household_id
             JOIN village v ON v.id = h.village_id
             WHERE l.entry_date BETWEEN ?1 AND ?2 AND (?3 IS NULL OR a.programme_id = ?3)
               AND l.deleted_hlc IS NULL AND a.deleted_hlc IS NULL",
            p,
            |t, amount| t.ledger_income += amount,
        )?;

        // Awards decided and payments made in the period, by the operator's township.
        self.add_amounts(
            &mut by,
            "SELECT v.township_id, f.amount
             FROM fund_award f
             JOIN operator o ON o.id = f.operator_id
             LEFT JOIN village v ON v.id = o.village_id
             WHERE f.decided_date BETWEEN ?1 AND ?2 AND (?3 IS NULL OR f.programme_id = ?3)
               AND f.deleted_hlc IS NULL",
            p,
            |t, amount| t.funds_awarded += amount,
        )?;
        self.add_amounts(
            &mut by,
            "SELECT v.township_id, d.amount
             FROM fund_disbursement d
             JOIN fund_award f ON f.id = d.award_id
             JOIN operator o ON o.id = f.operator_id
             LEFT JOIN village v ON v.id = o.village_id
             WHERE d.paid_date BETWEEN ?1 AND ?2 AND (?3 IS NULL OR f.programme_id = ?3)
               AND d.deleted_hlc IS NULL",
            p,
            |t, amount| t.funds_paid += amount,
        )?;

        // Training: the sessions starting in the period, counted as the programme totals count
        // them (each person once per session; poor by the register as it is now).
        let (sessions, _) = self.session_tallies(SessionsOf::Starting {
            from: &from,
            to: &to,
            programme_id: programme,
        })?;
        for s in sessions {
            let t = by.entry(s.township_id).or_default();
            t.person_times += s.person_times;
            t.poor_person_times += s.poor_person_times;
        }

        if let Some(findings) = self.stats_findings(period, programme)? {
            for t in by.values_mut() {
                t.findings = Some(0);
            }
            for (township, n) in findings {
                by.entry(township).or_default().findings = Some(n);
            }
        }
        Ok(by)
    }

    /// The integrity findings (核查, issue 15) first raised in `period`, by the township they
    /// lie in, leaving out those the county dismissed (not a problem after all). A finding
    /// belongs to no programme, so a report of one programme prints "—" for them (`None`).
    fn stats_findings(
        &self,
        period: &Period,
        programme: Option<&str>,
    ) -> Result<Option<Vec<TownshipCount>>> {
        if programme.is_some() {
            return Ok(None);
        }
        let counts = self.conn.list(
            "SELECT township_id, count(*) FROM finding
             WHERE substr(first_seen, 1, 10) BETWEEN ?1 AND ?2
               AND review_status <> 'dismissed' AND deleted_hlc IS NULL
             GROUP BY 1",
            rusqlite::params![period.from.to_string(), period.to.to_string()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok(Some(counts))
    }

    /// Adds each row's amount (decimal text) to its township's tally with `add`.
    fn add_amounts(
        &self,
        by: &mut ByTownship,
        sql: &str,
        p: impl rusqlite::Params,
        add: impl Fn(&mut Tally, Decimal),
    ) -> Result<()> {
        let rows: Vec<(Option<String>, String)> =
            self.conn.list(sql, p, |r| Ok((r.get(0)?, r.get(1)?)))?;
        for (township, amount) in rows {
            add(by.entry(township).or_default(), money(&amount));
        }
        Ok(())
    }
}

/// A township's tallies before it is named.
struct TownshipTalliesOf {
    current: Tally,
    previous: Tally,
}

impl TownshipTalliesOf {
    fn is_zero(&self) -> bool {
        self.current.is_zero() && self.previous.is_zero()
    }

    fn named(self, code: &str, name: &str) -> TownshipTallies {
        TownshipTallies {
            code: code.to_string(),
            name: name.to_string(),
            current: self.current,
            previous: self.previous,
        }
    }
}
