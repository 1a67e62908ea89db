//! Assistance ledgers (帮扶台账): append-only entries, reversals, and the income derived
//! from them.

use std::collections::BTreeMap;
use std::str::FromStr;

use chrono::NaiveDate;
use rusqlite::types::Value as SqlValue;
use rusqlite::{params, Row};
use rust_decimal::Decimal;

use super::agreements::{dec, refuse_locked_agreement, yuan};
use crate::domain::agreements::{
    income_by_household, Income, LedgerInput, LedgerLine, LedgerRow, Term,
};
use crate::domain::refuse_if;
use crate::domain::{Saved, Warning};
use crate::error::{Error, Result};
use crate::store::entities::LEDGER;
use crate::store::from_row;
use crate::store::write::{self, Op};
use crate::store::Query;
use crate::store::Store;
use crate::Code;

impl Store {
    /// Σ ledger amounts per agreement.
    pub(super) fn income_totals(&self) -> Result<BTreeMap<String, Decimal>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT agreement_id, amount FROM ledger_entry WHERE deleted_hlc IS NULL",
        )?;
        let mut totals: BTreeMap<String, Decimal> = BTreeMap::new();
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let id: String = row.get(0)?;
            let amount: String = row.get(1)?;
            *totals.entry(id).or_default() += dec(&amount);
        }
        Ok(totals)
    }

    /// Income per household of one agreement, from its ledger (reversals included).
    pub fn income(&self, agreement_id: &str) -> Result<BTreeMap<String, Income>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT household_id, quantity, unit_price, market_price, amount FROM ledger_entry
             WHERE agreement_id = ?1 AND deleted_hlc IS NULL",
        )?;
        let lines = stmt
            .query_map([agreement_id], |r| {
                let market: String = r.get(3)?;
                Ok(LedgerLine {
                    household_id: r.get(0)?,
                    quantity: dec(&r.get::<_, String>(1)?),
                    unit_price: dec(&r.get::<_, String>(2)?),
                    market_price: (!market.is_empty()).then(|| dec(&market)),
                    amount: dec(&r.get::<_, String>(4)?),
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(income_by_household(&lines))
    }

    pub fn add_ledger_entry(&mut self, input: &LedgerInput) -> Result<Saved<LedgerRow>> {
        let agreement = self.agreement_row(&input.agreement_id)?;
        refuse_locked_agreement(&agreement.status)?;
        let term = Term {
            start: NaiveDate::from_str(&agreement.agreement.term_start).unwrap_or_default(),
            end: NaiveDate::from_str(&agreement.agreement.term_end).unwrap_or_default(),
            price_rule: agreement.agreement.price_rule,
            price_value: (!agreement.agreement.price_value.is_empty())
                .then(|| dec(&agreement.agreement.price_value)),
        };
        let valid = input.validated(&term, self.today())?;
        let on_roster: Option<i64> = self.conn.value(
            "SELECT 1 FROM roster WHERE agreement_id = ?1 AND household_id = ?2
                 AND deleted_hlc IS NULL",
            params![input.agreement_id, input.household_id],
        )?;
        refuse_if(
            on_roster.is_none(),
            Code::LEDGER_NOT_IN_ROSTER,
            "householdId",
            "该户不在本协议的花名册中，请先把该户加入花名册。",
        )?;
        let id = crate::store::new_id();
        self.write(|tx, writer| {
            let text = |s: &str| SqlValue::Text(s.to_string());
            let values = [
                ("agreement_id", text(&input.agreement_id)),
                ("household_id", text(&input.household_id)),
                ("entry_date", SqlValue::Text(valid.date.to_string())),
                ("product", text(&valid.product)),
                ("quantity", SqlValue::Text(valid.quantity.to_string())),
                ("unit", text(&valid.unit)),
                ("unit_price", SqlValue::Text(yuan(valid.unit_price))),
                (
                    "market_price",
                    SqlValue::Text(valid.market_price.map(yuan).unwrap_or_default()),
                ),
                ("amount", SqlValue::Text(yuan(valid.amount))),
                ("payment_method", text(&valid.payment_method)),
                ("voucher_no", text(&valid.voucher_no)),
                (
                    "delivered_date",
                    SqlValue::Text(
                        valid
                            .delivered_date
                            .map(|d| d.to_string())
                            .unwrap_or_default(),
                    ),
                ),
            ];
            write::record(tx, writer, &LEDGER, &id, Op::Create, &values)
        })?;
        Ok(Saved {
            record: self.ledger_entry(&id)?,
            warnings: valid.warnings.into_iter().map(Warning::from).collect(),
        })
    }

    /// Cancels a ledger entry with a new entry of opposite quantity and amount that points at
    /// it; the original stays, as an auditor expects of a ledger.
    pub fn reverse_ledger_entry(&mut self, entry_id: &str, reason: &str) -> Result<LedgerRow> {
        let original = self.ledger_entry(entry_id)?;
        refuse_if(
            original.reverses_id.is_some(),
            Code::LEDGER_REVERSE_REVERSAL,
            "id",
            "这是一笔冲销记录，不能再冲销；如需恢复，请重新登记一笔。",
        )?;
        refuse_if(
            original.reversed_by.is_some(),
            Code::LEDGER_ALREADY_REVERSED,
            "id",
            "这笔记录已经冲销过了。",
        )?;
        let agreement_id: String = self.conn.query_row(
            "SELECT agreement_id FROM ledger_entry WHERE id = ?1",
            [entry_id],
            |r| r.get(0),
        )?;
        refuse_locked_agreement(&self.agreement_row(&agreement_id)?.status)?;
        let reason = reason.trim();
        crate::domain::places::check_text(reason, "reason", "冲销原因", 100)?;
        let id = crate::store::new_id();
        self.write(|tx, writer| {
            let text = |s: &str| SqlValue::Text(s.to_string());
            let values = [
                ("agreement_id", text(&agreement_id)),
                ("household_id", text(&original.household_id)),
                ("entry_date", text(&original.date)),
                ("product", text(&original.product)),
                (
                    "quantity",
                    SqlValue::Text((-dec(&original.quantity)).to_string()),
                ),
                ("unit", text(&original.unit)),
                ("unit_price", text(&original.unit_price)),
                ("market_price", text(&original.market_price)),
                ("amount", SqlValue::Text(yuan(-dec(&original.amount)))),
                ("payment_method", text(&original.payment_method)),
                ("voucher_no", SqlValue::Text(format!("冲销：{reason}"))),
                ("delivered_date", text(&original.delivered_date)),
                ("reverses_id", text(entry_id)),
            ];
            write::record(tx, writer, &LEDGER, &id, Op::Create, &values)
        })?;
        self.ledger_entry(&id)
    }

    pub fn ledger(&self, agreement_id: &str) -> Result<Vec<LedgerRow>> {
        let sql = format!(
            "{LEDGER_SELECT} WHERE l.agreement_id = ?1 ORDER BY l.entry_date, l.created_hlc"
        );
        Ok(self.conn.list(&sql, [agreement_id], ledger_from_row)?)
    }

    pub fn ledger_entry(&self, id: &str) -> Result<LedgerRow> {
        let sql = format!("{LEDGER_SELECT} WHERE l.id = ?1");
        self.conn
            .first(&sql, [id], ledger_from_row)?
            .ok_or_else(|| Error::not_found("台账记录", id))
    }
}

const LEDGER_SELECT: &str = "SELECT l.id, l.household_id, h.head_name, l.entry_date, l.product,
        l.quantity, l.unit, l.unit_price, l.market_price, l.amount, l.payment_method,
        l.voucher_no, l.delivered_date, l.reverses_id,
        (SELECT r.id FROM ledger_entry r WHERE r.reverses_id = l.id)
     FROM ledger_entry l JOIN household h ON h.id = l.household_id";

fn ledger_from_row(r: &Row) -> rusqlite::Result<LedgerRow> {
    Ok(from_row!(r => LedgerRow {
        id, household_id, head_name, date, product, quantity, unit, unit_price, market_price,
        amount, payment_method, voucher_no, delivered_date, reverses_id, reversed_by,
    }))
}
