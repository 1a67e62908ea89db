//! The training checks' facts (F3–F6): live sessions, their live sign-in rows in typing order
//! (by the HLC each row was created at), who the register holds, and each village's registered
//! adults.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use crate::checks::rules::training::{self, Session, SignIn, TrainingFacts};
use crate::checks::{Finding, Thresholds};
use crate::domain::training::age_on;
use crate::error::Result;
use crate::store::{Query, Store};

pub fn run(store: &Store, thresholds: &Thresholds) -> Result<Vec<Finding>> {
    Ok(training::check(&gather(store, thresholds)?, thresholds))
}

pub fn gather(store: &Store, thresholds: &Thresholds) -> Result<TrainingFacts> {
    let sessions: Vec<Session> = store.conn.list(
        "SELECT id, title, township_id, venue, start_date, planned_headcount, slots
         FROM training_session WHERE deleted_hlc IS NULL ORDER BY start_date, id",
        [],
        |r| {
            let slots: String = r.get(6)?;
            Ok(Session {
                id: r.get(0)?,
                title: r.get(1)?,
                township_id: r.get(2)?,
                venue: r.get(3)?,
                start_date: r.get(4)?,
                planned_headcount: r.get(5)?,
                slots: serde_json::from_str(&slots).unwrap_or_default(),
            })
        },
    )?;
    let index: HashMap<&str, usize> = sessions
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    // Who the register holds, and each village's people of working age.
    let today = store.today();
    let people: Vec<(String, Option<String>, Option<String>)> = store.conn.list(
        "SELECT h.id_number, h.village_id, NULL FROM household h WHERE h.deleted_hlc IS NULL
         UNION ALL
         SELECT m.id_number, h.village_id, m.birth_date FROM household_member m
         JOIN household h ON h.id = m.household_id AND h.deleted_hlc IS NULL
         WHERE m.deleted_hlc IS NULL",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let mut registered: HashSet<String> = HashSet::with_capacity(people.len());
    let mut village_adults: HashMap<String, u32> = HashMap::new();
    for (id_number, village, birth) in people {
        let birth = birth
            .as_deref()
            .and_then(|b| NaiveDate::parse_from_str(b, "%Y-%m-%d").ok())
            .or_else(|| {
                NaiveDate::parse_from_str(id_number.get(6..14).unwrap_or_default(), "%Y%m%d").ok()
            });
        if let (Some(village), Some(birth)) = (village, birth) {
            let adults = village_adults.entry(village).or_default();
            if age_on(birth, today) >= thresholds.trainee_age_min {
                *adults += 1;
            }
        }
        registered.insert(id_number);
    }
    let mut sign_ins: Vec<SignIn> = Vec::new();
    let mut stmt = store.conn.prepare_cached(
        "SELECT a.id, a.session_id, a.slot, a.name, a.id_number, a.phone, a.village_id, a.poor
         FROM attendance a
         WHERE a.deleted_hlc IS NULL
         ORDER BY a.session_id, a.slot, a.created_hlc, a.rowid",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let session: String = r.get(1)?;
        let Some(&session) = index.get(session.as_str()) else {
            continue;
        };
        let id_number: String = r.get(4)?;
        sign_ins.push(SignIn {
            id: r.get(0)?,
            session,
            slot: r.get(2)?,
            name: r.get(3)?,
            registered: registered.contains(&id_number),
            id_number,
            phone: r.get(5)?,
            village_id: r.get(6)?,
            marked_poor: r.get(7)?,
        });
    }
    let village_names = village_names(store)?;
    Ok(TrainingFacts {
        sessions,
        sign_ins,
        village_adults,
        village_names,
    })
}

/// Every village's name by id (a finding's label names the village).
pub(crate) fn village_names(store: &Store) -> Result<HashMap<String, String>> {
    Ok(store
        .conn
        .list("SELECT id, name FROM village", [], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?
        .into_iter()
        .collect())
}
