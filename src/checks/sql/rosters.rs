//! F2's facts: every live roster line with its household, its agreement's operator and year.

use crate::checks::rules::masked_id;
use crate::checks::rules::rosters::{self, RosterFacts, RosterLine};
use crate::checks::{Finding, RecordRef, Thresholds};
use crate::error::Result;
use crate::store::{Query, Store};

pub fn run(store: &Store, thresholds: &Thresholds) -> Result<Vec<Finding>> {
    Ok(rosters::check(&gather(store)?, thresholds))
}

pub fn gather(store: &Store) -> Result<RosterFacts> {
    let lines = store.conn.list(
        "SELECT r.id, r.household_id, h.head_name, h.id_number, a.operator_id, o.name, a.year,
                v.township_id, a.number
         FROM roster r
         JOIN agreement a ON a.id = r.agreement_id AND a.deleted_hlc IS NULL
         JOIN operator o ON o.id = a.operator_id
         JOIN household h ON h.id = r.household_id AND h.deleted_hlc IS NULL
         LEFT JOIN village v ON v.id = h.village_id
         WHERE r.deleted_hlc IS NULL",
        [],
        |r| {
            let head: String = r.get(2)?;
            let id_number: String = r.get(3)?;
            let operator: String = r.get(5)?;
            let number: String = r.get(8)?;
            let household_label = format!("{head}（{}）", masked_id(&id_number));
            Ok(RosterLine {
                record: RecordRef::new(
                    "roster",
                    r.get::<_, String>(0)?,
                    format!("带贫名单：{household_label} · {operator} 协议 {number}"),
                    r.get(7)?,
                ),
                household_id: r.get(1)?,
                household_label,
                operator_id: r.get(4)?,
                operator_name: operator,
                year: r.get(6)?,
            })
        },
    )?;
    Ok(RosterFacts { lines })
}
