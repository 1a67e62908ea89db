//! F8's facts: every live ledger entry that is neither a reversal nor reversed, with its
//! agreement's term and `pay_within_days`; the county's product seasons; and each acceptance's claimed income increase per household
//! (`income_increase`) beside what the operator's agreements of the programme paid.

use std::collections::HashMap;
use std::str::FromStr;

use rust_decimal::Decimal;

use crate::checks::rules::ledger::{self, Entry, IncomeClaim, LedgerFacts};
use crate::checks::{Finding, ProductSeasons, RecordRef, Thresholds};
use crate::domain::programmes::{Observation, ObservedValue};
use crate::error::Result;
use crate::store::{Query, Store};

pub fn run(store: &Store, thresholds: &Thresholds) -> Result<Vec<Finding>> {
    Ok(ledger::check(&gather(store)?, thresholds))
}

fn decimal(text: &str) -> Option<Decimal> {
    Decimal::from_str(text.trim()).ok()
}

/// The observation an acceptance records the claimed increase per household under.
const INCOME_KEY: &str = "income_increase";

pub fn gather(store: &Store) -> Result<LedgerFacts> {
    type Row = (
        String,
        String,
        String,
        String,
        String,
        String,
        String,
        String,
        String,
        String,
        String,
        String,
        Option<String>,
        String,
        Option<u32>,
    );
    let rows: Vec<Row> = store.conn.list(
        "SELECT e.id, e.entry_date, e.product, e.amount, e.unit_price, e.market_price,
                e.household_id, h.head_name, g.id, g.number, g.term_start, g.term_end,
                v.township_id, e.delivered_date, g.pay_within_days
         FROM ledger_entry e
         JOIN agreement g ON g.id = e.agreement_id AND g.deleted_hlc IS NULL
         JOIN household h ON h.id = e.household_id
         LEFT JOIN village v ON v.id = h.village_id
         WHERE e.deleted_hlc IS NULL AND e.reverses_id IS NULL
           AND NOT EXISTS (SELECT 1 FROM ledger_entry x
                           WHERE x.reverses_id = e.id AND x.deleted_hlc IS NULL)",
        [],
        |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
                r.get(8)?,
                r.get(9)?,
                r.get(10)?,
                r.get(11)?,
                r.get(12)?,
                r.get(13)?,
                r.get(14)?,
            ))
        },
    )?;
    let entries = rows
        .into_iter()
        .filter_map(
            |(
                id,
                date,
                product,
                amount,
                price,
                market,
                household,
                head,
                agreement,
                number,
                start,
                end,
                township,
                delivered,
                pay_within_days,
            )| {
                Some(Entry {
                    record: RecordRef::new(
                        "ledger_entry",
                        id,
                        format!("台账：{head} {date} {product} {amount} 元"),
                        township.clone(),
                    ),
                    agreement: RecordRef::new(
                        "agreement",
                        agreement,
                        format!("带贫协议 {number}"),
                        township,
                    ),
                    household_id: household,
                    product,
                    date: date.parse().ok()?,
                    delivered_date: delivered.parse().ok(),
                    pay_within_days,
                    amount: decimal(&amount)?,
                    unit_price: decimal(&price),
                    market_price: decimal(&market),
                    term_start: start.parse().ok()?,
                    term_end: end.parse().ok()?,
                })
            },
        )
        .collect();
    Ok(LedgerFacts {
        entries,
        claims: claims(store)?,
        seasons: ProductSeasons::seasons(store)?,
    })
}

/// Acceptances that record a claimed increase, with what the operator's agreements of the
/// programme paid and how many households their rosters hold. An operator without roster
/// households in the programme is not judged (its increase may come from work, not purchases).
fn claims(store: &Store) -> Result<Vec<IncomeClaim>> {
    let paid: HashMap<(String, String), (String, u32)> = store
        .conn
        .list(
            "SELECT g.operator_id, g.programme_id,
                    (SELECT group_concat(e.amount, ' ') FROM ledger_entry e
                     JOIN agreement a ON a.id = e.agreement_id
                     WHERE a.operator_id = g.operator_id AND a.programme_id = g.programme_id
                       AND a.deleted_hlc IS NULL AND e.deleted_hlc IS NULL),
                    (SELECT count(DISTINCT r.household_id) FROM roster r
                     JOIN agreement a ON a.id = r.agreement_id
                     WHERE a.operator_id = g.operator_id AND a.programme_id = g.programme_id
                       AND a.deleted_hlc IS NULL AND r.deleted_hlc IS NULL)
             FROM agreement g
             WHERE g.deleted_hlc IS NULL AND g.programme_id IS NOT NULL
             GROUP BY g.operator_id, g.programme_id",
            [],
            |r| {
                Ok((
                    (r.get(0)?, r.get(1)?),
                    (
                        r.get::<_, Option<String>>(2)?.unwrap_or_default(),
                        r.get(3)?,
                    ),
                ))
            },
        )?
        .into_iter()
        .collect();
    let acceptances: Vec<Columns1> = store.conn.list(
        "SELECT i.id, i.operator_id, i.programme_id, i.inspection_date, i.observations,
                    o.name, v.township_id
             FROM inspection i
             JOIN operator o ON o.id = i.operator_id
             LEFT JOIN village v ON v.id = o.village_id
             WHERE i.deleted_hlc IS NULL AND i.stage = 'acceptance'",
        [],
        |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
            ))
        },
    )?;
    let mut out = Vec::new();
    for (id, operator, programme, date, observations, name, township) in acceptances {
        let observations: Vec<Observation> =
            serde_json::from_str(&observations).unwrap_or_default();
        let Some(claimed) = observations.iter().find_map(|o| match &o.value {
            ObservedValue::Number(n) if o.key == INCOME_KEY => Some(*n),
            _ => None,
        }) else {
            continue;
        };
        let Some((amounts, households)) = paid.get(&(operator, programme)) else {
            continue;
        };
        if *households == 0 {
            continue;
        }
        let ledger_total = amounts
            .split(' ')
            .filter_map(decimal)
            .fold(Decimal::ZERO, |sum, a| sum + a);
        out.push(IncomeClaim {
            inspection: RecordRef::new("inspection", id, format!("验收：{name} {date}"), township),
            operator: name,
            claimed_per_household: claimed,
            ledger_total,
            households: *households,
        });
    }
    Ok(out)
}

/// One row of a query below, column by column.
type Columns1 = (
    String,
    String,
    String,
    String,
    String,
    String,
    Option<String>,
);
