//! F1's facts: every registered person (household heads and members) and every sign-in's
//! person (once per session and name; a name the officer confirmed as the same person is left
//! out), with their village and township.

use crate::checks::rules::identity::{self, IdentityFacts, Person};
use crate::checks::rules::masked_id;
use crate::checks::{Finding, RecordRef, Thresholds};
use crate::error::Result;
use crate::store::{Query, Store};

pub fn run(store: &Store, thresholds: &Thresholds) -> Result<Vec<Finding>> {
    Ok(identity::check(&gather(store)?, thresholds))
}

pub fn gather(store: &Store) -> Result<IdentityFacts> {
    let person = |kind: &'static str, what: &'static str, registered: bool| {
        move |r: &rusqlite::Row<'_>| -> rusqlite::Result<Person> {
            let name: String = r.get(1)?;
            let id_number: String = r.get(2)?;
            let place: String = r.get(5)?;
            Ok(Person {
                record: RecordRef::new(
                    kind,
                    r.get::<_, String>(0)?,
                    format!("{what}：{name}（{}）{place}", masked_id(&id_number)),
                    r.get(4)?,
                ),
                name,
                id_number,
                village_id: r.get(3)?,
                registered,
            })
        }
    };
    let mut people = store.conn.list(
        "SELECT h.id, h.head_name, h.id_number, h.village_id, v.township_id, coalesce(v.name, '')
         FROM household h LEFT JOIN village v ON v.id = h.village_id
         WHERE h.deleted_hlc IS NULL",
        [],
        person("household", "农户户主", true),
    )?;
    people.extend(store.conn.list(
        "SELECT m.id, m.name, m.id_number, h.village_id, v.township_id, coalesce(v.name, '')
         FROM household_member m
         JOIN household h ON h.id = m.household_id AND h.deleted_hlc IS NULL
         LEFT JOIN village v ON v.id = h.village_id
         WHERE m.deleted_hlc IS NULL AND m.id_number IS NOT NULL AND m.id_number <> ''",
        [],
        person("household_member", "家庭成员", true),
    )?);
    people.extend(store.conn.list(
        "SELECT min(a.id), a.name, a.id_number, a.village_id, s.township_id,
                s.title || ' ' || s.start_date
         FROM attendance a JOIN training_session s ON s.id = a.session_id AND s.deleted_hlc IS NULL
         WHERE a.deleted_hlc IS NULL AND a.name_confirmed = 0
         GROUP BY a.session_id, a.id_number, a.name",
        [],
        person("attendance", "培训签到", false),
    )?);
    Ok(IdentityFacts {
        people,
        today: store.today(),
    })
}
