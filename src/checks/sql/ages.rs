//! F7's facts: every live sign-in row with its slot's day, and every household head of a live
//! agreement's roster with the day the agreement's term starts (its signing day).

use chrono::NaiveDate;

use crate::checks::rules::ages::{self, AgeFacts, Signature, TraineeDay};
use crate::checks::{Finding, RecordRef, Thresholds};
use crate::error::Result;
use crate::store::{Query, Store};

pub fn run(store: &Store, thresholds: &Thresholds) -> Result<Vec<Finding>> {
    Ok(ages::check(&gather(store)?, thresholds))
}

fn day(text: &str) -> Option<NaiveDate> {
    text.split(' ').next()?.parse().ok()
}

/// The live sign-in rows of live sessions matching `condition` (on `a`, after `AND`).
pub(crate) fn trainees<P: rusqlite::Params>(
    store: &Store,
    condition: &str,
    params: P,
) -> Result<Vec<TraineeDay>> {
    let rows: Vec<Columns1> = store.conn.list(
        &format!(
            "SELECT a.id, a.name, a.id_number, a.slot, coalesce(s.township_id, a.township_id),
                    s.title
             FROM attendance a
             JOIN training_session s ON s.id = a.session_id AND s.deleted_hlc IS NULL
             WHERE a.deleted_hlc IS NULL AND {condition}"
        ),
        params,
        |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        },
    )?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, name, id_number, slot, township, title)| {
            Some(TraineeDay {
                day: day(&slot)?,
                record: RecordRef::new(
                    "attendance",
                    id,
                    format!("签到：{name} · {slot} · {title}"),
                    township,
                ),
                name,
                id_number,
            })
        })
        .collect())
}

pub fn gather(store: &Store) -> Result<AgeFacts> {
    let trainees = trainees(store, "1", [])?;
    let rows: Vec<Columns2> = store.conn.list(
        "SELECT g.id, g.number, g.term_start, h.id, h.head_name, h.id_number, v.name,
                    v.township_id
             FROM roster r
             JOIN agreement g ON g.id = r.agreement_id AND g.deleted_hlc IS NULL
             JOIN household h ON h.id = r.household_id AND h.deleted_hlc IS NULL
             LEFT JOIN village v ON v.id = h.village_id
             WHERE r.deleted_hlc IS NULL",
        [],
        |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get::<_, Option<String>>(6)?.unwrap_or_default(),
                r.get(7)?,
            ))
        },
    )?;
    let signatures = rows
        .into_iter()
        .filter_map(
            |(agreement, number, start, household, head, id_number, village, township)| {
                Some(Signature {
                    signed: start.parse().ok()?,
                    agreement: RecordRef::new(
                        "agreement",
                        agreement,
                        format!("带贫协议 {number}"),
                        township.clone(),
                    ),
                    household: RecordRef::new(
                        "household",
                        household,
                        format!("农户 {head}（{village}）"),
                        township,
                    ),
                    head_name: head,
                    id_number,
                })
            },
        )
        .collect();
    Ok(AgeFacts {
        trainees,
        signatures,
    })
}

/// One row of a query below, column by column.
type Columns1 = (String, String, String, String, Option<String>, String);

/// One row of a query below, column by column.
type Columns2 = (
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    Option<String>,
);
