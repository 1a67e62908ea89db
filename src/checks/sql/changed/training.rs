//! The training family (F3–F6) over the groups a batch of sign-ins and sessions changed:
//!
//! - per session (F4, F5's runs / order / birthdays, F6): the changed sessions and the sessions
//!   of the changed rows (before and after), closed under identical sheets, judged whole;
//! - per person and day (F3): every row of the changed rows' ID numbers (before and after);
//! - per phone (F5_SHARED_PHONE): every row of the changed rows' phones (before and after), and
//!   of the phones of the other rows of the same person in the same session (a person counts
//!   under the phone of their first row in a session: a change of which row is first moves
//!   them from one phone to another), each person with all their rows in that session.
//!
//! A changed session changes every one of its rows (their labels carry its title, their
//! places its township). A batch that changed the register or the villages runs the whole
//! family instead (who is registered and each village's adults move with it).

use std::collections::{BTreeMap, BTreeSet, HashSet};

use super::training_sessions::{
    closed_under_identical_sheets, facts_of, json_list, rows_of_session, rows_of_sessions,
    ReadRows, Row,
};
use super::{named, only_changed, Changes, Judged, Region};
use crate::checks::rules::{attendance, poverty, sessions, trainees};
use crate::checks::{CheckCode, Finding, RecordRef, Thresholds};
use crate::error::Result;
use crate::store::{Query, Store};

/// The checks judged per session.
const PER_SESSION: &[CheckCode] = &[
    CheckCode::F4_OVER_PLANNED_HEADCOUNT,
    CheckCode::F4_OVER_VENUE_CAPACITY,
    CheckCode::F4_VILLAGE_OVER_ADULTS,
    CheckCode::F4_IDENTICAL_ROSTERS,
    CheckCode::F4_FULL_ATTENDANCE_LONG_COURSE,
    CheckCode::F5_PHONE_RUN,
    CheckCode::F5_ID_ORDER,
    CheckCode::F5_SHARED_BIRTHDAY,
    CheckCode::F6_POOR_NOT_REGISTERED,
    CheckCode::F6_REGISTERED_NOT_MARKED,
];
/// The checks judged per person and day.
const PER_PERSON: &[CheckCode] = &[
    CheckCode::F3_OVERLAPPING_SESSIONS,
    CheckCode::F3_TWO_TOWNSHIPS_ONE_DAY,
];
/// The checks judged per phone.
const PER_PHONE: &[CheckCode] = &[CheckCode::F5_SHARED_PHONE];

/// The groups a batch touched: sessions, ID numbers and phones, before and after.
#[derive(Default)]
struct Groups {
    sessions: BTreeSet<String>,
    people: BTreeSet<String>,
    phones: BTreeSet<String>,
}

impl Groups {
    fn add(&mut self, session: Option<String>, id_number: Option<String>, phone: Option<String>) {
        self.sessions.extend(session);
        self.people.extend(id_number);
        if let Some(phone) = phone {
            let phone = phone.trim();
            if !phone.is_empty() {
                self.phones.insert(phone.to_string());
            }
        }
    }
}

pub fn judge(store: &Store, changes: &Changes, thresholds: &Thresholds) -> Result<Option<Judged>> {
    if !only_changed(changes, "training", &["attendance", "training_session"]) {
        return Ok(None);
    }
    let changed_rows = changes.ids("attendance");
    let changed_sessions = changes.ids("training_session");
    let mut groups = Groups::default();
    // (session, person) of each changed row, before and after: the person's other rows in the
    // session decide which phone they count under.
    let mut pairs: BTreeSet<(String, String)> = BTreeSet::new();
    // Deleted rows too: the groups they left.
    let now: Vec<(String, String, String, String)> = store.conn.list(
        "SELECT id, session_id, id_number, phone FROM attendance
         WHERE id IN (SELECT value FROM json_each(?1))",
        [json_list(&changed_rows)],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?;
    for (id, session, id_number, phone) in now {
        let old = |field| changes.old_text("attendance", &id, field);
        let sessions = [Some(session), old("session_id")];
        let people = [Some(id_number), old("id_number")];
        for session in sessions.iter().flatten() {
            for person in people.iter().flatten() {
                pairs.insert((session.clone(), person.clone()));
            }
        }
        let [session, old_session] = sessions;
        let [person, old_person] = people;
        groups.add(session, person, Some(phone));
        groups.add(old_session, old_person, old("phone"));
    }
    // Every record the batch changed, in every region: a changed session changes its rows.
    let mut changed: HashSet<(String, String)> = changed_rows
        .iter()
        .map(|id| named("attendance", id))
        .collect();
    // The changed sessions' rows, read once for the groups and for judging them whole.
    let fetched = rows_of_sessions(store, &changed_sessions)?;
    for (session, rows) in &fetched {
        for r in rows {
            changed.insert(named("attendance", &r.id));
            groups.add(None, Some(r.id_number.clone()), Some(r.phone.clone()));
        }
        groups.sessions.insert(session.clone());
    }
    let seeds = with_identical_partners(store, groups.sessions.clone())?;

    // Per session: the chosen sessions whole (every session of a changed row among them).
    let mut by_session = closed_under_identical_sheets(store, seeds, fetched, thresholds)?;
    for (session, person) in &pairs {
        for r in rows_in(store, &mut by_session, session)? {
            if &r.id_number == person {
                groups.add(None, None, Some(r.phone.clone()));
            }
        }
    }
    let mut read = ReadRows::default();
    let mut per_session = HashSet::new();
    let mut rows = Vec::new();
    for (session, session_rows) in &by_session {
        read.remember(session_rows);
        per_session.insert(named("training_session", session));
        per_session.extend(
            session_rows
                .iter()
                .map(|r| named("attendance", &r.id))
                .filter(|r| !changed.contains(r)),
        );
        rows.extend(session_rows.iter().cloned());
    }
    let facts = facts_of(store, rows, thresholds, true)?;
    let mut found = attendance::check(&facts, thresholds);
    found.extend(trainees::check(&facts, thresholds));
    found.extend(poverty::check(&facts, thresholds));
    let mut found = keep(found, PER_SESSION);

    // Per person and day: every row of the people.
    let rows = read.of_people(store, &groups.people)?;
    let per_person: HashSet<(String, String)> = rows
        .iter()
        .map(|r| named("attendance", &r.id))
        .filter(|r| !changed.contains(r))
        .collect();
    let facts = facts_of(store, rows, thresholds, false)?;
    found.extend(keep(sessions::check(&facts, thresholds), PER_PERSON));

    // Per phone: every row of the phones, each person with all their rows in the session;
    // a phone only some of whose rows were read is not judged here.
    let rows = read.of_phones(store, &groups.phones)?;
    let per_phone: HashSet<(String, String)> = rows
        .iter()
        .map(|r| named("attendance", &r.id))
        .filter(|r| !changed.contains(r))
        .collect();
    let pairs: BTreeSet<(String, String)> = rows
        .iter()
        .map(|r| (r.session_id.clone(), r.id_number.clone()))
        .collect();
    let mut with_pairs: Vec<Row> = Vec::new();
    for (session, person) in &pairs {
        with_pairs.extend(
            rows_in(store, &mut by_session, session)?
                .iter()
                .filter(|r| &r.id_number == person)
                .cloned(),
        );
    }
    let anchors: HashSet<String> = groups.phones.iter().map(|p| format!("phone:{p}")).collect();
    let facts = facts_of(store, with_pairs, thresholds, false)?;
    found.extend(
        keep(trainees::check(&facts, thresholds), PER_PHONE)
            .into_iter()
            .filter(|f| f.anchor.as_ref().is_some_and(|a| anchors.contains(a))),
    );

    // `changed` is in every group's region: named once for all three.
    let every: Vec<CheckCode> = [PER_SESSION, PER_PERSON, PER_PHONE].concat();
    Ok(Some(Judged {
        found,
        regions: vec![
            Region::Naming(every, changed),
            Region::Naming(PER_SESSION.to_vec(), per_session),
            Region::Naming(PER_PERSON.to_vec(), per_person),
            Region::Naming(PER_PHONE.to_vec(), per_phone),
        ],
    }))
}

/// A session's live rows, read once.
fn rows_in<'a>(
    store: &Store,
    by_session: &'a mut BTreeMap<String, Vec<Row>>,
    session: &str,
) -> Result<&'a Vec<Row>> {
    if !by_session.contains_key(session) {
        by_session.insert(session.to_string(), rows_of_session(store, session)?);
    }
    Ok(&by_session[session])
}

fn keep(found: Vec<Finding>, checks: &[CheckCode]) -> Vec<Finding> {
    found
        .into_iter()
        .filter(|f| checks.contains(&f.check))
        .collect()
}

/// `sessions` and the sessions a pending F4_IDENTICAL_ROSTERS finding names beside one of them:
/// when a changed session's sheet is no longer the same, the others may still be alike.
fn with_identical_partners(store: &Store, sessions: BTreeSet<String>) -> Result<BTreeSet<String>> {
    let pending: Vec<String> = store.conn.list(
        "SELECT records FROM finding
         WHERE check_code = 'F4_IDENTICAL_ROSTERS' AND review_status IN ('open', 'explained')
           AND deleted_hlc IS NULL",
        [],
        |r| r.get(0),
    )?;
    let mut out = sessions.clone();
    for records in pending {
        let records: Vec<RecordRef> = serde_json::from_str(&records).unwrap_or_default();
        if records.iter().any(|r| sessions.contains(&r.id)) {
            out.extend(
                records
                    .into_iter()
                    .filter(|r| r.kind == "training_session")
                    .map(|r| r.id),
            );
        }
    }
    Ok(out)
}
