//! Reading awards with everything that hangs on them — payments, overrides, recovery orders —
//! one query per table for a whole programme (or one award of it), so that the disbursement
//! list of a programme with a thousand awards costs a handful of statements, not thousands.

use std::collections::HashMap;
use std::str::FromStr;

use rusqlite::types::Value as SqlValue;
use rust_decimal::Decimal;

use crate::domain::funds::{
    award_classes, Award, ContractTarget, Disbursement, Recovery, RecoveryGrounds,
};
use crate::domain::programmes::Programme;
use crate::error::Result;
use crate::store::{Query, Store};

pub(crate) fn dec(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap_or_default()
}

pub(crate) fn yuan(d: Decimal) -> String {
    let mut d = d;
    d.rescale(2);
    d.to_string()
}

/// An override as the disbursement list prints it.
#[derive(Debug, Clone)]
pub(crate) struct OverrideRow {
    pub id: String,
    pub reason: String,
    pub officer: String,
    pub date: String,
    /// The conditions it waived: the ones unmet when it was granted.
    pub waived: Vec<crate::Code>,
}

impl OverrideRow {
    pub fn note(&self) -> String {
        format!("{} 特批（{}）：{}", self.date, self.officer, self.reason)
    }

    /// Whether it waives every one of `unmet` (a condition broken after it was granted — a
    /// recovery order, a ban — is not waived by it).
    pub fn waives(&self, unmet: &[crate::domain::funds::GateProblem]) -> bool {
        unmet.iter().all(|p| self.waived.contains(&p.code))
    }
}

/// The awards of one programme (or one of them) and what hangs on them.
pub(crate) struct Book {
    pub programme: Programme,
    pub awards: Vec<Award>,
    /// The award's application was approved (an award made without one counts as decided).
    pub approved: HashMap<String, bool>,
    pub disbursements: HashMap<String, Vec<Disbursement>>,
    /// The latest override of each award and tranche.
    pub overrides: HashMap<(String, u32), OverrideRow>,
    pub recoveries: HashMap<String, Vec<Recovery>>,
}

impl Book {
    /// Net paid on a tranche of an award (payments less their reversals).
    pub fn paid(&self, award_id: &str, tranche: u32) -> Decimal {
        self.disbursements
            .get(award_id)
            .into_iter()
            .flatten()
            .filter(|d| d.tranche == tranche)
            .map(|d| dec(&d.amount))
            .sum()
    }

    pub fn paid_total(&self, award_id: &str) -> Decimal {
        self.disbursements
            .get(award_id)
            .into_iter()
            .flatten()
            .map(|d| dec(&d.amount))
            .sum()
    }

    pub fn recovery_ordered(&self, award_id: &str) -> bool {
        self.recoveries.get(award_id).is_some_and(|r| !r.is_empty())
    }
}

const AWARD_SELECT: &str = "SELECT a.id, a.programme_id, p.name, a.operator_id, o.name,
        coalesce(t.name, '') || coalesce(v.name, ''), coalesce(t.id, ''), coalesce(t.name, ''),
        a.application_id, a.class_key, a.amount, a.investment, a.decided_date, a.decided_by,
        a.targets, a.deadline, a.contract_no, a.contract_date, a.contract_sha256, a.notes,
        a.status, coalesce(app.decision, 'approved') = 'approved'
     FROM fund_award a
     JOIN programme p ON p.id = a.programme_id
     JOIN operator o ON o.id = a.operator_id
     LEFT JOIN village v ON v.id = o.village_id
     LEFT JOIN township t ON t.id = v.township_id
     LEFT JOIN fund_application app ON app.id = a.application_id";

/// Which awards a read covers: `?1` the programme, `?2` one award of it or NULL for all.
const AWARD_FILTER: &str =
    "a.deleted_hlc IS NULL AND a.programme_id = ?1 AND (?2 IS NULL OR a.id = ?2)";

impl Store {
    /// The programme of a live award; `None` when there is no such award (or it was voided).
    pub(crate) fn award_programme(&self, award_id: &str) -> Result<Option<String>> {
        Ok(self.conn.value(
            "SELECT programme_id FROM fund_award WHERE id = ?1 AND deleted_hlc IS NULL",
            [award_id],
        )?)
    }

    /// The live awards of `programme_id` (only `award_id` when given) and their records.
    pub(crate) fn fund_book(&self, programme_id: &str, award_id: Option<&str>) -> Result<Book> {
        let programme = self.programme(programme_id)?;
        let classes = award_classes(&programme.settings.subsidy);
        let only = award_id.map_or(SqlValue::Null, |id| SqlValue::Text(id.to_string()));
        let params = rusqlite::params![programme_id, only];
        let mut approved = HashMap::new();
        let awards = self.conn.list(
            &format!("{AWARD_SELECT} WHERE {AWARD_FILTER} ORDER BY v.code, o.name, a.id"),
            params,
            |r| {
                let class_key: String = r.get(9)?;
                let targets: String = r.get(14)?;
                let id: String = r.get(0)?;
                approved.insert(id.clone(), r.get::<_, bool>(21)?);
                Ok(Award {
                    id,
                    programme_id: r.get(1)?,
                    programme_name: r.get(2)?,
                    operator_id: r.get(3)?,
                    operator_name: r.get(4)?,
                    place: r.get(5)?,
                    township_id: r.get(6)?,
                    township_name: r.get(7)?,
                    application_id: r.get(8)?,
                    class_label: classes
                        .iter()
                        .find(|c| c.key == class_key)
                        .map_or_else(|| class_key.clone(), |c| c.label.clone()),
                    class_key,
                    amount: r.get(10)?,
                    investment: r.get(11)?,
                    decided_date: r.get(12)?,
                    decided_by: r.get(13)?,
                    targets: serde_json::from_str::<Vec<ContractTarget>>(&targets)
                        .unwrap_or_default(),
                    deadline: r.get(15)?,
                    contract_no: r.get(16)?,
                    contract_date: r.get(17)?,
                    contract_sha256: r.get(18)?,
                    tranches: Vec::new(),
                    disbursements: Vec::new(),
                    paid: String::new(),
                    recovered: String::new(),
                    recoveries: Vec::new(),
                    notes: r.get(19)?,
                    status: r.get(20)?,
                })
            },
        )?;
        let mut disbursements: HashMap<String, Vec<Disbursement>> = HashMap::new();
        let rows = self.conn.list(
            &format!(
                "SELECT d.id, d.award_id, d.tranche, d.amount, d.paid_date, d.voucher_no, d.payer,
                        d.reverses_id, r.id, d.override_id, d.notes
                 FROM fund_disbursement d JOIN fund_award a ON a.id = d.award_id
                 LEFT JOIN fund_disbursement r ON r.reverses_id = d.id AND r.deleted_hlc IS NULL
                 WHERE d.deleted_hlc IS NULL AND {AWARD_FILTER}
                 ORDER BY d.paid_date, d.created_hlc"
            ),
            params,
            |r| {
                Ok(Disbursement {
                    id: r.get(0)?,
                    award_id: r.get(1)?,
                    tranche: r.get(2)?,
                    amount: r.get(3)?,
                    paid_date: r.get(4)?,
                    voucher_no: r.get(5)?,
                    payer: r.get(6)?,
                    reverses_id: r.get(7)?,
                    reversed_by: r.get(8)?,
                    override_id: r.get(9)?,
                    notes: r.get(10)?,
                })
            },
        )?;
        for d in rows {
            disbursements.entry(d.award_id.clone()).or_default().push(d);
        }
        let mut overrides = HashMap::new();
        let rows: Vec<(String, u32, OverrideRow)> = self.conn.list(
            &format!(
                "SELECT x.award_id, x.tranche, x.id, x.reason, x.officer, x.override_date, x.waived
                 FROM fund_override x JOIN fund_award a ON a.id = x.award_id
                 WHERE x.deleted_hlc IS NULL AND {AWARD_FILTER}
                 ORDER BY x.created_hlc"
            ),
            params,
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    OverrideRow {
                        id: r.get(2)?,
                        reason: r.get(3)?,
                        officer: r.get(4)?,
                        date: r.get(5)?,
                        waived: serde_json::from_str(&r.get::<_, String>(6)?).unwrap_or_default(),
                    },
                ))
            },
        )?;
        for (award, tranche, row) in rows {
            overrides.insert((award, tranche), row);
        }
        let mut recoveries: HashMap<String, Vec<Recovery>> = HashMap::new();
        for recovery in self.recoveries_where(AWARD_FILTER, params)? {
            recoveries
                .entry(recovery.award_id.clone())
                .or_default()
                .push(recovery);
        }
        Ok(Book {
            programme,
            awards,
            approved,
            disbursements,
            overrides,
            recoveries,
        })
    }

    /// Recovery orders of the awards `filter` selects (on `fund_award a`), with what came back.
    pub(crate) fn recoveries_where(
        &self,
        filter: &str,
        params: impl rusqlite::Params + Copy,
    ) -> Result<Vec<Recovery>> {
        let mut received: HashMap<String, Decimal> = HashMap::new();
        let rows: Vec<(String, String)> = self.conn.list(
            &format!(
                "SELECT g.recovery_id, g.amount FROM fund_recovered g
                 JOIN fund_recovery r ON r.id = g.recovery_id
                 JOIN fund_award a ON a.id = r.award_id
                 WHERE g.deleted_hlc IS NULL AND r.deleted_hlc IS NULL AND {filter}"
            ),
            params,
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        for (recovery, amount) in rows {
            *received.entry(recovery).or_default() += dec(&amount);
        }
        Ok(self.conn.list(
            &format!(
                "SELECT r.id, r.award_id, o.name, p.name, r.grounds, r.reason, r.amount,
                        r.decided_date, r.due_date, r.officer,
                        (SELECT b.id FROM fund_ban b
                         WHERE b.recovery_id = r.id AND b.deleted_hlc IS NULL)
                 FROM fund_recovery r
                 JOIN fund_award a ON a.id = r.award_id
                 JOIN operator o ON o.id = a.operator_id
                 JOIN programme p ON p.id = a.programme_id
                 WHERE r.deleted_hlc IS NULL AND {filter}
                 ORDER BY r.decided_date, r.created_hlc"
            ),
            params,
            |r| {
                let id: String = r.get(0)?;
                let grounds: String = r.get(4)?;
                let amount: String = r.get(6)?;
                let back = received.get(&id).copied().unwrap_or_default();
                Ok(Recovery {
                    award_id: r.get(1)?,
                    operator_name: r.get(2)?,
                    programme_name: r.get(3)?,
                    grounds: serde_json::from_value(serde_json::Value::String(grounds))
                        .unwrap_or(RecoveryGrounds::Other),
                    reason: r.get(5)?,
                    recovered: yuan(back),
                    outstanding: yuan(dec(&amount) - back),
                    amount,
                    decided_date: r.get(7)?,
                    due_date: r.get(8)?,
                    officer: r.get(9)?,
                    ban_id: r.get(10)?,
                    id,
                })
            },
        )?)
    }
}
