//! Rosters (花名册): which registered households an agreement links, and how.

use rusqlite::params;
use rusqlite::types::Value as SqlValue;
use uuid::Uuid;

use super::agreements::{parse_mode, refuse_locked_agreement, yuan};
use crate::domain::agreements::{HouseholdLink, HouseholdLinks, RosterInput, RosterRow};
use crate::domain::refuse_if;
use crate::domain::resident_id::ResidentId;
use crate::domain::{Invalid, Saved, Warning};
use crate::error::{Error, Result};
use crate::store::entities::ROSTER;
use crate::store::write::{self, Op};
use crate::store::Query;
use crate::store::Store;
use crate::Code;

/// Roster rows are UUIDv5 of (agreement, household) in this namespace, so the same household
/// added to the same agreement on two laptops is one row.
const ROSTER_NAMESPACE: Uuid = Uuid::from_u128(0x6f1e_2c3a_9b7d_4e10_8a55_0c2f_d1b3_7e90);

pub fn roster_id(agreement_id: &str, household_id: &str) -> String {
    Uuid::new_v5(
        &ROSTER_NAMESPACE,
        format!("{agreement_id}/{household_id}").as_bytes(),
    )
    .to_string()
}

impl Store {
    /// The roster with each household's income derived from the ledger.
    pub fn roster(&self, agreement_id: &str) -> Result<Vec<RosterRow>> {
        let income = self.income(agreement_id)?;
        Ok(self.conn.list(
            "SELECT r.id, r.household_id, h.head_name, h.id_number, t.name || v.name, h.size,
                    c.label, r.mode, r.content
             FROM roster r JOIN household h ON h.id = r.household_id
             JOIN village v ON v.id = h.village_id JOIN township t ON t.id = v.township_id
             JOIN household_category c ON c.code = h.category
             WHERE r.agreement_id = ?1 AND r.deleted_hlc IS NULL
             ORDER BY v.code, h.village_group, h.head_name",
            [agreement_id],
            |r| {
                let household_id: String = r.get(1)?;
                let mode: String = r.get(7)?;
                let got = income.get(&household_id).copied().unwrap_or_default();
                Ok(RosterRow {
                    id: r.get(0)?,
                    head_name: r.get(2)?,
                    id_masked: ResidentId::from_stored(r.get(3)?).masked_for_list(),
                    place: r.get(4)?,
                    size: r.get(5)?,
                    category_label: r.get(6)?,
                    mode: parse_mode(&mode),
                    content: r.get(8)?,
                    income: yuan(got.income),
                    premium: yuan(got.premium),
                    entries: got.entries,
                    household_id,
                })
            },
        )?)
    }

    pub fn add_to_roster(&mut self, input: &RosterInput) -> Result<Saved<RosterRow>> {
        let id = roster_id(&input.agreement_id, &input.household_id);
        let (_, warnings) = self.write(|tx, writer| write_roster_row(tx, writer, input, false))?;
        let record = self
            .roster(&input.agreement_id)?
            .into_iter()
            .find(|r| r.id == id)
            .expect("the row just written");
        Ok(Saved { record, warnings })
    }

    /// Takes a household off a roster (a tombstone). Refused once the ledger has entries for it.
    pub fn remove_from_roster(&mut self, roster_id: &str) -> Result<()> {
        let (agreement_id, household_id): (String, String) = self
            .conn
            .row("SELECT agreement_id, household_id FROM roster WHERE id = ?1 AND deleted_hlc IS NULL", [roster_id])?
            .ok_or_else(|| Error::not_found("花名册记录", roster_id))?;
        let entries: i64 = self.conn.query_row(
            "SELECT count(*) FROM ledger_entry WHERE agreement_id = ?1 AND household_id = ?2",
            params![agreement_id, household_id],
            |r| r.get(0),
        )?;
        refuse_if(
            entries > 0,
            Code::ROSTER_HAS_LEDGER,
            "householdId",
            format!("该户在台账中已有 {entries} 笔记录，不能从花名册移除。"),
        )?;
        self.write(|tx, writer| write::record(tx, writer, &ROSTER, roster_id, Op::Delete, &[]))?;
        Ok(())
    }

    /// Every agreement a household is on, with its derived income and their total, for the
    /// household's page.
    pub fn household_links(&self, household_id: &str) -> Result<HouseholdLinks> {
        let rows: Vec<(String, String, i32, String, String, String)> = self.conn.list(
            "SELECT a.id, a.number, a.year, o.name, r.mode, r.content
             FROM roster r JOIN agreement a ON a.id = r.agreement_id
             JOIN operator o ON o.id = a.operator_id
             WHERE r.household_id = ?1 AND r.deleted_hlc IS NULL AND a.deleted_hlc IS NULL
             ORDER BY a.year DESC, a.number",
            [household_id],
            |r| r.try_into(),
        )?;
        let mut total = rust_decimal::Decimal::ZERO;
        let links = rows
            .into_iter()
            .map(
                |(agreement_id, number, year, operator_name, mode, content)| {
                    let income = self
                        .income(&agreement_id)?
                        .get(household_id)
                        .copied()
                        .unwrap_or_default();
                    total += income.income;
                    Ok(HouseholdLink {
                        agreement_id,
                        number,
                        year,
                        operator_name,
                        mode: parse_mode(&mode),
                        content,
                        income: yuan(income.income),
                        premium: yuan(income.premium),
                    })
                },
            )
            .collect::<Result<Vec<_>>>()?;
        Ok(HouseholdLinks {
            links,
            income_total: yuan(total),
        })
    }
}

/// The one way a roster row is written, by hand or by an import: the content, the agreement
/// (not locked), the household (registered), the same household twice (refused, or with
/// `update_existing` its mode and content updated: an import of a roster already entered),
/// a removed row (refused), and the warning for a household on another operator's roster.
pub(crate) fn write_roster_row(
    tx: &rusqlite::Transaction,
    writer: &write::Writer,
    input: &RosterInput,
    update_existing: bool,
) -> Result<(write::RowOutcome, Vec<Warning>)> {
    use write::RowOutcome;
    let content = input.content.trim().to_string();
    crate::domain::places::check_optional_text(&content, "content", "带贫内容", 100)?;
    let (year, operator_id, status): (i32, String, String) = tx
        .row(
            "SELECT year, operator_id, status FROM agreement WHERE id = ?1 AND deleted_hlc IS NULL",
            [&input.agreement_id],
        )?
        .ok_or_else(|| Error::not_found("带贫协议", input.agreement_id.clone()))?;
    refuse_locked_agreement(&status)?;
    let head_name: String = tx
        .value(
            "SELECT head_name FROM household WHERE id = ?1 AND deleted_hlc IS NULL",
            [&input.household_id],
        )?
        .ok_or_else(|| {
            Invalid::new(
                Code::ROSTER_HOUSEHOLD,
                "householdId",
                "所选的农户不在登记册中。",
            )
        })?;
    let id = roster_id(&input.agreement_id, &input.household_id);
    let existing: Option<Option<i64>> =
        tx.value("SELECT deleted_hlc FROM roster WHERE id = ?1", [&id])?;
    let op = match existing {
        Some(None) if update_existing => Op::Update,
        Some(None) => {
            return Err(Invalid::new(
                Code::ROSTER_DUPLICATE,
                "householdId",
                format!("{head_name}户已在本协议的花名册中。"),
            )
            .into())
        }
        Some(Some(_)) => {
            return Err(Invalid::new(
                Code::ROSTER_REMOVED,
                "householdId",
                format!(
                    "{head_name}户曾从本协议花名册移除，移除记录需保留备查，不能再次加入。如确需恢复，请联系县电商中心。"
                ),
            )
            .into())
        }
        None => Op::Create,
    };
    // Fabrication check 2: one household on many operators' rosters in one year.
    let elsewhere: Vec<String> = {
        let mut stmt = tx.prepare_cached(
            "SELECT DISTINCT o.name FROM roster r JOIN agreement a ON a.id = r.agreement_id
             JOIN operator o ON o.id = a.operator_id
             WHERE r.household_id = ?1 AND r.deleted_hlc IS NULL AND a.year = ?2
               AND a.operator_id <> ?3",
        )?;
        let names = stmt.query_map(params![input.household_id, year, operator_id], |r| r.get(0))?;
        names.collect::<rusqlite::Result<_>>()?
    };
    let mode = serde_json::to_value(input.mode).expect("mode serialises");
    let values = [
        ("agreement_id", SqlValue::Text(input.agreement_id.clone())),
        ("household_id", SqlValue::Text(input.household_id.clone())),
        (
            "mode",
            SqlValue::Text(mode.as_str().unwrap_or_default().to_string()),
        ),
        ("content", SqlValue::Text(content)),
    ];
    let outcome = match write::record(tx, writer, &ROSTER, &id, op, &values)? {
        None => RowOutcome::Unchanged,
        Some(_) if op == Op::Update => RowOutcome::Updated,
        Some(_) => RowOutcome::New,
    };
    let mut warnings = Vec::new();
    if !elsewhere.is_empty() && outcome != RowOutcome::Unchanged {
        warnings.push(Warning::from(Invalid::new(
            Code::ROSTER_OTHER_OPERATOR,
            "householdId",
            format!(
                "{head_name}户在 {year} 年还在 {} 的花名册中；县里汇总时只计一次。",
                elsewhere.join("、")
            ),
        )));
    }
    Ok((outcome, warnings))
}
