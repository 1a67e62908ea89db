//! Budgets and fund status (`funds status`, `funds budget`): the fund tables read with one
//! query each (awards, disbursements, recovery orders, amounts recovered), summed per award in
//! Rust with `Decimal`, then per line by `domain::funds::status`. A programme with 1,000 awards
//! and 3,000 disbursements is four queries, never one per award.

use std::collections::HashMap;
use std::str::FromStr;

use rusqlite::params_from_iter;
use rusqlite::types::{Type, Value as SqlValue};
use rust_decimal::Decimal;

use crate::domain::funds::shares::{cap_warning, judge_spent, spent, Measure, ProgrammeSpend};
use crate::domain::funds::{
    award_classes, over_budget, programme_budget, sub_budgets, AwardMoney, FundBudgets, FundStatus,
    MoneyLine, Tally,
};
use crate::domain::programmes::{Metric, Preset};
use crate::domain::Warning;
use crate::error::Result;
use crate::store::records::programmes::settings_from_row;
use crate::store::{Query, Store};

/// Which awards to read: one programme's, one year's, or every one.
#[derive(Clone, Copy)]
pub(crate) enum Scope<'a> {
    Programme(&'a str),
    Year(Option<i32>),
}

impl Scope<'_> {
    fn params(self) -> [SqlValue; 2] {
        match self {
            Scope::Programme(id) => [SqlValue::Text(id.to_string()), SqlValue::Null],
            Scope::Year(year) => [SqlValue::Null, year.map_or(SqlValue::Null, SqlValue::from)],
        }
    }
}

/// The live awards of the scope and their live programme, to join a fund table to (its
/// condition on `a.id` follows); `?1` a programme id or NULL, `?2` a year or NULL.
const AWARDS_IN_SCOPE: &str = "fund_award a JOIN programme p ON p.id = a.programme_id
     WHERE a.deleted_hlc IS NULL AND p.deleted_hlc IS NULL
       AND (?1 IS NULL OR a.programme_id = ?1) AND (?2 IS NULL OR p.year = ?2)";

/// A money column (TEXT, yuan with two decimals) as a Decimal; a malformed one is an error,
/// never a silent zero.
fn money(row: &rusqlite::Row, index: usize) -> rusqlite::Result<Decimal> {
    let text: String = row.get(index)?;
    Decimal::from_str(text.trim())
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(index, Type::Text, Box::new(e)))
}

/// A programme's id, name, year and settings.
type ProgrammeRow = (String, String, i32, Preset);

impl Store {
    /// Every live award of the scope with its money summed: paid, ordered for recovery,
    /// recovered. Four queries whatever the number of awards.
    pub(crate) fn award_money(&self, scope: Scope) -> Result<Vec<AwardMoney>> {
        let params = scope.params();
        let mut awards: Vec<(String, AwardMoney)> = self.conn.list(
            "SELECT a.id, a.programme_id, coalesce(v.township_id, ''), a.class_key, a.amount
             FROM fund_award a JOIN programme p ON p.id = a.programme_id
             LEFT JOIN operator o ON o.id = a.operator_id
             LEFT JOIN village v ON v.id = o.village_id
             WHERE a.deleted_hlc IS NULL AND p.deleted_hlc IS NULL
               AND (?1 IS NULL OR a.programme_id = ?1) AND (?2 IS NULL OR p.year = ?2)
             ORDER BY a.rowid",
            params_from_iter(&params),
            |r| {
                Ok((
                    r.get(0)?,
                    AwardMoney {
                        programme_id: r.get(1)?,
                        township_id: r.get(2)?,
                        class_key: r.get(3)?,
                        amount: money(r, 4)?,
                        paid: Decimal::ZERO,
                        ordered: None,
                        recovered: Decimal::ZERO,
                    },
                ))
            },
        )?;
        let index: HashMap<String, usize> = awards
            .iter()
            .enumerate()
            .map(|(i, (id, _))| (id.clone(), i))
            .collect();
        let sums = |sql: String| -> Result<Vec<(usize, Decimal)>> {
            let rows: Vec<(String, Decimal)> =
                self.conn.list(&sql, params_from_iter(&params), |r| {
                    Ok((r.get(0)?, money(r, 1)?))
                })?;
            Ok(rows
                .into_iter()
                .filter_map(|(award, amount)| index.get(&award).map(|i| (*i, amount)))
                .collect())
        };
        for (i, amount) in sums(format!(
            "SELECT d.award_id, d.amount FROM fund_disbursement d
             JOIN {AWARDS_IN_SCOPE} AND a.id = d.award_id AND d.deleted_hlc IS NULL"
        ))? {
            awards[i].1.paid += amount;
        }
        for (i, amount) in sums(format!(
            "SELECT r.award_id, r.amount FROM fund_recovery r
             JOIN {AWARDS_IN_SCOPE} AND a.id = r.award_id AND r.deleted_hlc IS NULL"
        ))? {
            *awards[i].1.ordered.get_or_insert(Decimal::ZERO) += amount;
        }
        for (i, amount) in sums(format!(
            "SELECT r.award_id, x.amount FROM fund_recovered x
             JOIN fund_recovery r ON r.id = x.recovery_id AND r.deleted_hlc IS NULL
             JOIN {AWARDS_IN_SCOPE} AND a.id = r.award_id AND x.deleted_hlc IS NULL"
        ))? {
            awards[i].1.recovered += amount;
        }
        Ok(awards.into_iter().map(|(_, money)| money).collect())
    }

    /// Every live programme of `year` (all when `None`), newest year first, then in the order
    /// they were set up.
    fn programmes_in(&self, year: Option<i32>) -> Result<Vec<ProgrammeRow>> {
        Ok(self.conn.list(
            "SELECT id, name, year, settings FROM programme
             WHERE deleted_hlc IS NULL AND (?1 IS NULL OR year = ?1)
             ORDER BY year DESC, rowid",
            [year],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, settings_from_row(r, 3)?)),
        )?)
    }

    /// A programme's fund status: in total, by township (the operator's village's township, in
    /// code order, every township with an award), by class or sub-budget (every class of its
    /// rule, then any class an award still names), with the over-budget and fund-share
    /// warnings.
    pub fn fund_status(&self, programme_id: &str) -> Result<FundStatus> {
        let programme = self.programme(programme_id)?;
        let preset = &programme.settings;
        let awards = self.award_money(Scope::Programme(programme_id))?;
        let budget = programme_budget(preset);
        let total = Tally::of(&awards);
        let mut warnings: Vec<Warning> = over_budget(
            "total",
            &format!("项目“{}”", programme.name),
            budget,
            total.awarded,
        )
        .into_iter()
        .collect();

        let mut by_township = Vec::new();
        for (id, _code, name) in self.townships_in_code_order()? {
            let tally = Tally::of(awards.iter().filter(|a| a.township_id == id));
            if tally.awards > 0 {
                by_township.push(tally.line(&id, &name, None));
            }
        }
        let unplaced = Tally::of(awards.iter().filter(|a| a.township_id.is_empty()));
        if unplaced.awards > 0 {
            by_township.push(unplaced.line("", "未填写所在村", None));
        }

        let subs = sub_budgets(preset);
        let mut classes: Vec<(String, String)> = award_classes(&preset.subsidy)
            .into_iter()
            .map(|c| (c.key, c.label))
            .collect();
        for award in &awards {
            if !classes.iter().any(|(key, _)| *key == award.class_key) {
                classes.push((award.class_key.clone(), award.class_key.clone()));
            }
        }
        let mut by_class = Vec::new();
        for (i, (key, label)) in classes.iter().enumerate() {
            let budget = subs.iter().find(|s| s.key == *key).map(|s| s.amount);
            let tally = Tally::of(awards.iter().filter(|a| a.class_key == *key));
            warnings.extend(over_budget(
                &format!("byClass[{i}]"),
                &format!("“{label}”"),
                budget,
                tally.awarded,
            ));
            by_class.push(tally.line(key, label, budget));
        }

        if let Some(category) = preset.fund.as_ref().map(|f| f.category) {
            warnings.extend(
                self.cap_warnings(programme.year)?
                    .into_iter()
                    .filter(|(c, _)| *c == category)
                    .map(|(_, w)| w),
            );
        }
        Ok(FundStatus {
            total: total.line(&programme.id, &programme.name, budget),
            programme_id: programme.id,
            programme_name: programme.name,
            year: programme.year,
            by_township,
            by_class,
            warnings,
        })
    }

    /// One line per programme of `year` (every year when `None`): the county's budget overview.
    pub fn fund_budgets(&self, year: Option<i32>) -> Result<Vec<MoneyLine>> {
        Ok(self.fund_overview(year)?.programmes)
    }

    /// `funds budget`: one line per programme, their total, and the warnings: programmes
    /// awarded beyond their budget, fund-share caps the awards or payments break.
    pub fn fund_overview(&self, year: Option<i32>) -> Result<FundBudgets> {
        let programmes = self.programmes_in(year)?;
        let awards = self.award_money(Scope::Year(year))?;
        let mut warnings = Vec::new();
        let mut lines = Vec::new();
        let mut budgets = Vec::new();
        for (i, (id, name, _, preset)) in programmes.iter().enumerate() {
            let budget = programme_budget(preset);
            budgets.extend(budget);
            let tally = Tally::of(awards.iter().filter(|a| a.programme_id == *id));
            warnings.extend(over_budget(
                &format!("programmes[{i}]"),
                &format!("项目“{name}”"),
                budget,
                tally.awarded,
            ));
            lines.push(tally.line(id, name, budget));
        }
        let mut years: Vec<i32> = programmes.iter().map(|p| p.2).collect();
        years.dedup();
        for y in years {
            warnings.extend(self.cap_warnings(y)?.into_iter().map(|(_, w)| w));
        }
        let total_budget = (!budgets.is_empty()).then(|| budgets.iter().sum());
        Ok(FundBudgets {
            year,
            total: Tally::of(&awards).line("", "合计", total_budget),
            programmes: lines,
            warnings,
        })
    }

    /// Awarded and paid on each live programme of `year`, by programme id.
    pub(crate) fn spent_by_programme(&self, year: i32) -> Result<HashMap<String, Tally>> {
        let mut by_programme: HashMap<String, Tally> = HashMap::new();
        for award in self.award_money(Scope::Year(Some(year)))? {
            by_programme
                .entry(award.programme_id.clone())
                .or_default()
                .add(&award);
        }
        Ok(by_programme)
    }

    /// FUND_CAP_SHARE warnings of `year`: every fund-share cap of the year's programmes judged
    /// on the awards and on the payments, with the category each is about.
    fn cap_warnings(
        &self,
        year: i32,
    ) -> Result<Vec<(crate::domain::programmes::FundCategory, Warning)>> {
        let programmes = self.programmes_in(Some(year))?;
        let by_programme = self.spent_by_programme(year)?;
        let spend: Vec<ProgrammeSpend> = programmes
            .iter()
            .map(|(id, _, _, preset)| {
                let tally = by_programme.get(id);
                ProgrammeSpend {
                    preset,
                    awarded: tally.map_or(Decimal::ZERO, |t| t.awarded),
                    paid: tally.map_or(Decimal::ZERO, |t| t.paid),
                }
            })
            .collect();
        let spent = spent(&spend);
        let mut warnings = Vec::new();
        for (_, name, _, preset) in &programmes {
            for target in &preset.targets {
                let Some((Metric::FundShare, params)) = target.measure() else {
                    continue;
                };
                let Some(category) = params.category else {
                    continue;
                };
                for measure in [Measure::Awarded, Measure::Paid] {
                    let judged = judge_spent(target, &spent, measure);
                    if let Some(w) = cap_warning(name, target, &judged, measure) {
                        warnings.push((category, w));
                    }
                }
            }
        }
        Ok(warnings)
    }

    /// (id, code, name) of every township, retired ones too (an award may sit in one).
    fn townships_in_code_order(&self) -> Result<Vec<(String, String, String)>> {
        Ok(self.conn.list(
            "SELECT id, code, name FROM township WHERE deleted_hlc IS NULL ORDER BY code",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?)
    }
}
