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

/// A registered household head, an SQL condition on `h` after `WHERE`.
pub(crate) const HEADS: &str =
    "SELECT h.id, h.head_name, h.id_number, h.village_id, v.township_id, coalesce(v.name, '')
     FROM household h LEFT JOIN village v ON v.id = h.village_id
     WHERE h.deleted_hlc IS NULL";
/// A registered household member, an SQL condition on `m` / `h` after `WHERE`.
pub(crate) const MEMBERS: &str =
    "SELECT m.id, m.name, m.id_number, h.village_id, v.township_id, coalesce(v.name, '')
     FROM household_member m
     JOIN household h ON h.id = m.household_id AND h.deleted_hlc IS NULL
     LEFT JOIN village v ON v.id = h.village_id
     WHERE m.deleted_hlc IS NULL AND m.id_number IS NOT NULL AND m.id_number <> ''";
/// A sign-in's person once per session and name (the condition on `a` goes before GROUP BY).
pub(crate) const SIGN_INS: &str =
    "SELECT min(a.id), a.name, a.id_number, a.village_id, s.township_id,
            s.title || ' ' || s.start_date
     FROM attendance a JOIN training_session s ON s.id = a.session_id AND s.deleted_hlc IS NULL
     WHERE a.deleted_hlc IS NULL AND a.name_confirmed = 0";
pub(crate) const SIGN_INS_GROUPED: &str = " GROUP BY a.session_id, a.id_number, a.name";

/// How a row of `HEADS`, `MEMBERS` or `SIGN_INS` reads as a person.
pub(crate) fn person(
    kind: &'static str,
    what: &'static str,
    registered: bool,
) -> impl Fn(&rusqlite::Row<'_>) -> rusqlite::Result<Person> {
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
}

pub fn gather(store: &Store) -> Result<IdentityFacts> {
    let mut people = store
        .conn
        .list(HEADS, [], person("household", "农户户主", true))?;
    people.extend(
        store
            .conn
            .list(MEMBERS, [], person("household_member", "家庭成员", true))?,
    );
    people.extend(store.conn.list(
        &format!("{SIGN_INS}{SIGN_INS_GROUPED}"),
        [],
        person("attendance", "培训签到", false),
    )?);
    Ok(IdentityFacts {
        people,
        today: store.today(),
    })
}
