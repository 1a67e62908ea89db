//! The identity family (F1) over the groups a batch changed: every person (household heads and
//! members, sign-ins) with an ID number a changed record has or had (F1_ID_INVALID,
//! F1_ID_TWO_NAMES), and every registered person with a (village, name) a changed household or
//! member has or had (F1_NAME_TWO_IDS). A changed household changes its members (their labels
//! carry its village); a changed session its sign-ins (theirs carry its title). A batch that
//! changed the villages (their names are in every label) runs the whole family.

use std::collections::{BTreeSet, HashSet};

use super::training_sessions::json_list;
use super::{named, only_changed, Changes, Judged, Region};
use crate::checks::rules::identity::{self, IdentityFacts, Person};
use crate::checks::sql::identity::{person, HEADS, MEMBERS, SIGN_INS, SIGN_INS_GROUPED};
use crate::checks::{CheckCode, Thresholds};
use crate::error::Result;
use crate::store::{Query, Store};

const PER_ID: &[CheckCode] = &[CheckCode::F1_ID_INVALID, CheckCode::F1_ID_TWO_NAMES];
const PER_NAME: &[CheckCode] = &[CheckCode::F1_NAME_TWO_IDS];

#[derive(Default)]
struct Groups {
    ids: BTreeSet<String>,
    /// (village id, name) of the register.
    names: BTreeSet<(String, String)>,
    changed: HashSet<(String, String)>,
}

pub fn judge(store: &Store, changes: &Changes, thresholds: &Thresholds) -> Result<Option<Judged>> {
    let derivable = [
        "household",
        "household_member",
        "attendance",
        "training_session",
    ];
    if !only_changed(changes, "identity", &derivable) {
        return Ok(None);
    }
    let mut g = Groups::default();
    households(store, changes, &mut g)?;
    members(store, changes, &mut g)?;
    sign_ins(store, changes, &mut g)?;

    let mut per_id = g.changed.clone();
    let ids = json_list(&g.ids);
    let in_ids = "IN (SELECT value FROM json_each(?1))";
    let mut people: Vec<Person> = store.conn.list(
        &format!("{HEADS} AND h.id_number {in_ids}"),
        [&ids],
        person("household", "农户户主", true),
    )?;
    people.extend(store.conn.list(
        &format!("{MEMBERS} AND m.id_number {in_ids}"),
        [&ids],
        person("household_member", "家庭成员", true),
    )?);
    people.extend(store.conn.list(
        &format!("{SIGN_INS} AND a.id_number {in_ids}{SIGN_INS_GROUPED}"),
        [&ids],
        person("attendance", "培训签到", false),
    )?);
    // Every row of the people: a finding names one row per session and name.
    let rows: Vec<String> = store.conn.list(
        &format!("SELECT id FROM attendance WHERE id_number {in_ids}"),
        [&ids],
        |r| r.get(0),
    )?;
    per_id.extend(rows.iter().map(|r| named("attendance", r)));
    per_id.extend(people.iter().map(|p| named(&p.record.kind, &p.record.id)));
    let today = store.today();
    let mut found: Vec<_> = identity::check(&IdentityFacts { people, today }, thresholds)
        .into_iter()
        .filter(|f| PER_ID.contains(&f.check))
        .collect();

    let mut people: Vec<Person> = Vec::new();
    for (village, name) in &g.names {
        people.extend(store.conn.list(
            &format!("{HEADS} AND h.village_id = ?1 AND h.head_name = ?2"),
            [village, name],
            person("household", "农户户主", true),
        )?);
        people.extend(store.conn.list(
            &format!("{MEMBERS} AND h.village_id = ?1 AND m.name = ?2"),
            [village, name],
            person("household_member", "家庭成员", true),
        )?);
    }
    let mut per_name = g.changed;
    per_name.extend(people.iter().map(|p| named(&p.record.kind, &p.record.id)));
    found.extend(
        identity::check(&IdentityFacts { people, today }, thresholds)
            .into_iter()
            .filter(|f| PER_NAME.contains(&f.check)),
    );
    Ok(Some(Judged {
        found,
        regions: vec![
            Region::Naming(PER_ID.to_vec(), per_id),
            Region::Naming(PER_NAME.to_vec(), per_name),
        ],
    }))
}

/// The villages a household is and was in (before the batch).
fn villages_of(store: &Store, changes: &Changes, household: &str) -> Result<Vec<String>> {
    let mut out: Vec<String> = store.conn.list(
        "SELECT village_id FROM household WHERE id = ?1",
        [household],
        |r| r.get(0),
    )?;
    out.extend(changes.old_text("household", household, "village_id"));
    Ok(out)
}

fn households(store: &Store, changes: &Changes, g: &mut Groups) -> Result<()> {
    for id in changes.ids("household") {
        g.changed.insert(named("household", &id));
        let villages = villages_of(store, changes, &id)?;
        let now: Vec<(String, String)> = store.conn.list(
            "SELECT head_name, id_number FROM household WHERE id = ?1",
            [&id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let mut names: Vec<String> = now.iter().map(|(n, _)| n.clone()).collect();
        names.extend(changes.old_text("household", &id, "head_name"));
        g.ids.extend(now.into_iter().map(|(_, i)| i));
        g.ids
            .extend(changes.old_text("household", &id, "id_number"));
        // Its members: their labels carry its village, and they leave with it.
        let members: Vec<(String, String, String)> = store.conn.list(
            "SELECT id, name, id_number FROM household_member WHERE household_id = ?1",
            [&id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        for (member, name, id_number) in members {
            g.changed.insert(named("household_member", &member));
            g.ids.insert(id_number);
            names.push(name);
        }
        for village in &villages {
            for name in &names {
                g.names.insert((village.clone(), name.clone()));
            }
        }
    }
    Ok(())
}

fn members(store: &Store, changes: &Changes, g: &mut Groups) -> Result<()> {
    for id in changes.ids("household_member") {
        g.changed.insert(named("household_member", &id));
        let now: Vec<(String, String, String)> = store.conn.list(
            "SELECT household_id, name, id_number FROM household_member WHERE id = ?1",
            [&id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        let old = |field| changes.old_text("household_member", &id, field);
        let mut homes: Vec<String> = now.iter().map(|(h, _, _)| h.clone()).collect();
        homes.extend(old("household_id"));
        let mut names: Vec<String> = now.iter().map(|(_, n, _)| n.clone()).collect();
        names.extend(old("name"));
        g.ids.extend(now.into_iter().map(|(_, _, i)| i));
        g.ids.extend(old("id_number"));
        for home in homes {
            for village in villages_of(store, changes, &home)? {
                for name in &names {
                    g.names.insert((village.clone(), name.clone()));
                }
            }
        }
    }
    Ok(())
}

fn sign_ins(store: &Store, changes: &Changes, g: &mut Groups) -> Result<()> {
    let rows = changes.ids("attendance");
    // One query for the batch's rows (deleted ones too: the people they named).
    let now: Vec<String> = store.conn.list(
        "SELECT id_number FROM attendance WHERE id IN (SELECT value FROM json_each(?1))",
        [json_list(&rows)],
        |r| r.get(0),
    )?;
    g.ids.extend(now);
    for id in rows {
        g.ids
            .extend(changes.old_text("attendance", &id, "id_number"));
        g.changed.insert(named("attendance", &id));
    }
    let rows: Vec<(String, String)> = store.conn.list(
        "SELECT id, id_number FROM attendance WHERE session_id IN (SELECT value FROM json_each(?1))",
        [json_list(&changes.ids("training_session"))],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    for (row, id_number) in rows {
        g.changed.insert(named("attendance", &row));
        g.ids.insert(id_number);
    }
    Ok(())
}
