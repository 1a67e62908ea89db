//! The training family's facts for a chosen set of sign-in rows, built exactly as the whole
//! county's gathering builds them (`checks::sql::training`): sessions in (start date, id) order,
//! rows in (session, slot, typing order), who the register holds, each village's registered
//! adults. And the sessions judged whole: those a batch changed, closed under "has a half-day
//! sheet identical to one of theirs" (F4_IDENTICAL_ROSTERS compares sessions with each other).

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use chrono::NaiveDate;

use crate::checks::rules::training::{Session, SignIn, TrainingFacts};
use crate::checks::Thresholds;
use crate::domain::training::age_on;
use crate::error::Result;
use crate::store::{Query, Store};

/// A live sign-in row with what orders it as the whole gathering does.
#[derive(Debug, Clone)]
pub struct Row {
    pub id: String,
    pub session_id: String,
    pub slot: String,
    pub name: String,
    pub id_number: String,
    pub phone: String,
    pub village_id: Option<String>,
    pub poor: bool,
    created_hlc: Option<i64>,
    rowid: i64,
}

const ROW: &str = "SELECT a.id, a.session_id, a.slot, a.name, a.id_number, a.phone, a.village_id,
                          a.poor, a.created_hlc, a.rowid
                   FROM attendance a";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Row> {
    Ok(Row {
        id: r.get(0)?,
        session_id: r.get(1)?,
        slot: r.get(2)?,
        name: r.get(3)?,
        id_number: r.get(4)?,
        phone: r.get(5)?,
        village_id: r.get(6)?,
        poor: r.get(7)?,
        created_hlc: r.get(8)?,
        rowid: r.get(9)?,
    })
}

/// The live rows of one session.
pub fn rows_of_session(store: &Store, session: &str) -> Result<Vec<Row>> {
    Ok(store.conn.list(
        &format!("{ROW} WHERE a.session_id = ?1 AND a.deleted_hlc IS NULL"),
        [session],
        row,
    )?)
}

/// The live rows of each of these sessions, in one indexed query (a session without live rows
/// maps to an empty list).
pub fn rows_of_sessions<'a>(
    store: &Store,
    sessions: impl IntoIterator<Item = &'a String>,
) -> Result<HashMap<String, Vec<Row>>> {
    let sessions: BTreeSet<&String> = sessions.into_iter().collect();
    let mut out: HashMap<String, Vec<Row>> = sessions
        .iter()
        .map(|s| (s.to_string(), Vec::new()))
        .collect();
    let rows = store.conn.list(
        &format!(
            "{ROW} WHERE a.session_id IN (SELECT value FROM json_each(?1))
               AND a.deleted_hlc IS NULL"
        ),
        [json_list(sessions)],
        row,
    )?;
    for r in rows {
        out.entry(r.session_id.clone()).or_default().push(r);
    }
    Ok(out)
}

/// A list of values as one JSON array parameter: `x IN (SELECT value FROM json_each(?1))`
/// looks each up by index in one statement.
pub fn json_list<'a>(values: impl IntoIterator<Item = &'a String>) -> String {
    serde_json::to_string(&values.into_iter().collect::<Vec<_>>()).expect("strings serialise")
}

/// Live sign-in rows already read, by rowid: a group's rows are found through an index that
/// covers their rowids, and only those not read yet are read from the table (a batch's people
/// and phones are mostly in the sessions already read whole).
#[derive(Default)]
pub struct ReadRows {
    rows: HashMap<i64, Row>,
}

impl ReadRows {
    pub fn remember<'a>(&mut self, rows: impl IntoIterator<Item = &'a Row>) {
        for r in rows {
            self.rows.entry(r.rowid).or_insert_with(|| r.clone());
        }
    }

    /// The live rows of every person with one of these ID numbers (`attendance_by_person_slot`
    /// covers the rowids; a deleted row's rowid finds nothing when read).
    pub fn of_people<'a>(
        &mut self,
        store: &Store,
        id_numbers: impl IntoIterator<Item = &'a String>,
    ) -> Result<Vec<Row>> {
        let rowids: Vec<i64> = store.conn.list(
            "SELECT a.rowid FROM attendance a WHERE a.id_number IN (SELECT value FROM json_each(?1))",
            [json_list(id_numbers)],
            |r| r.get(0),
        )?;
        self.read(store, rowids)
    }

    /// The live rows with one of these phone numbers (`attendance_by_phone`, migration 0030,
    /// holds only live rows and covers their rowids).
    pub fn of_phones<'a>(
        &mut self,
        store: &Store,
        phones: impl IntoIterator<Item = &'a String>,
    ) -> Result<Vec<Row>> {
        let rowids: Vec<i64> = store.conn.list(
            "SELECT a.rowid FROM attendance a
             WHERE a.phone IN (SELECT value FROM json_each(?1)) AND a.deleted_hlc IS NULL",
            [json_list(phones)],
            |r| r.get(0),
        )?;
        self.read(store, rowids)
    }

    /// The live rows among these rowids, those not read yet read in one query.
    fn read(&mut self, store: &Store, rowids: Vec<i64>) -> Result<Vec<Row>> {
        let missing: Vec<i64> = rowids
            .iter()
            .copied()
            .filter(|r| !self.rows.contains_key(r))
            .collect();
        if !missing.is_empty() {
            let fetched = store.conn.list(
                &format!(
                    "{ROW} WHERE a.rowid IN (SELECT value FROM json_each(?1))
                       AND a.deleted_hlc IS NULL"
                ),
                [serde_json::to_string(&missing).expect("integers serialise")],
                row,
            )?;
            for r in fetched {
                self.rows.insert(r.rowid, r);
            }
        }
        Ok(rowids
            .iter()
            .filter_map(|r| self.rows.get(r).cloned())
            .collect())
    }
}

/// A session's half-day sheets: the ID numbers of each slot in typing order.
fn sheets(rows: &[Row]) -> BTreeMap<&str, Vec<&str>> {
    let mut ordered: Vec<&Row> = rows.iter().collect();
    ordered
        .sort_by(|a, b| (&a.slot, a.created_hlc, a.rowid).cmp(&(&b.slot, b.created_hlc, b.rowid)));
    let mut out: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for r in ordered {
        out.entry(r.slot.as_str())
            .or_default()
            .push(r.id_number.as_str());
    }
    out
}

/// The live sessions among these ids.
fn live_sessions(store: &Store, ids: &BTreeSet<String>) -> Result<Vec<Session>> {
    let mut out = Vec::new();
    for id in ids {
        out.extend(store.conn.list(
            "SELECT id, title, township_id, venue, start_date, planned_headcount, slots
             FROM training_session WHERE id = ?1 AND deleted_hlc IS NULL",
            [id],
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
        )?);
    }
    out.sort_by(|a, b| (&a.start_date, &a.id).cmp(&(&b.start_date, &b.id)));
    Ok(out)
}

/// The sessions to judge whole, from `seeds`, with their live rows: every session with a sheet
/// identical to a sheet of one already chosen joins (found through the sheet's first ID number),
/// until none does.
/// `fetched` holds sessions' live rows already read (the seeds' among them, read at once when
/// missing).
pub fn closed_under_identical_sheets(
    store: &Store,
    seeds: BTreeSet<String>,
    mut fetched: HashMap<String, Vec<Row>>,
    thresholds: &Thresholds,
) -> Result<BTreeMap<String, Vec<Row>>> {
    let min = thresholds.identical_roster_min.max(2) as usize;
    let live: HashSet<String> = live_sessions(store, &seeds)?
        .into_iter()
        .map(|s| s.id)
        .collect();
    let missing: Vec<&String> = seeds.iter().filter(|s| !fetched.contains_key(*s)).collect();
    fetched.extend(rows_of_sessions(store, missing)?);
    let mut chosen: BTreeMap<String, Vec<Row>> = BTreeMap::new();
    let mut queue: Vec<String> = seeds.into_iter().collect();
    while let Some(session) = queue.pop() {
        if chosen.contains_key(&session) {
            continue;
        }
        let rows = match fetched.remove(&session) {
            Some(rows) => rows,
            None => rows_of_session(store, &session)?,
        };
        let own: Vec<Vec<String>> = sheets(&rows)
            .into_values()
            .filter(|sheet| sheet.len() >= min)
            .map(|sheet| sheet.into_iter().map(String::from).collect())
            .collect();
        chosen.insert(session.clone(), rows);
        // A deleted session's rows are nobody's sheet.
        if !live.contains(&session) && !is_live(store, &session)? {
            continue;
        }
        for sheet in own {
            let others: Vec<String> = store.conn.list(
                "SELECT DISTINCT a.session_id FROM attendance a
                 JOIN training_session s ON s.id = a.session_id AND s.deleted_hlc IS NULL
                 WHERE a.id_number = ?1 AND a.deleted_hlc IS NULL",
                [&sheet[0]],
                |r| r.get(0),
            )?;
            for other in others {
                if chosen.contains_key(&other) {
                    continue;
                }
                if !fetched.contains_key(&other) {
                    fetched.insert(other.clone(), rows_of_session(store, &other)?);
                }
                let same = sheets(&fetched[&other])
                    .values()
                    .any(|theirs| theirs.iter().copied().eq(sheet.iter().map(String::as_str)));
                if same {
                    queue.push(other);
                }
            }
        }
    }
    Ok(chosen)
}

fn is_live(store: &Store, session: &str) -> Result<bool> {
    Ok(store
        .conn
        .list(
            "SELECT 1 FROM training_session WHERE id = ?1 AND deleted_hlc IS NULL",
            [session],
            |r| r.get::<_, i64>(0),
        )?
        .len()
        == 1)
}

/// The training facts of these rows (their sessions' titles and places beside them), as the
/// whole gathering builds them; with `register`, who the register holds and each village's
/// registered adults (up to what the rows can exceed: the rule only asks whether a session's
/// trainees from a village outnumber them).
pub fn facts_of(
    store: &Store,
    rows: Vec<Row>,
    thresholds: &Thresholds,
    register: bool,
) -> Result<TrainingFacts> {
    let mut seen = HashSet::new();
    let mut rows: Vec<Row> = rows
        .into_iter()
        .filter(|r| seen.insert(r.id.clone()))
        .collect();
    let ids: BTreeSet<String> = rows.iter().map(|r| r.session_id.clone()).collect();
    let sessions = live_sessions(store, &ids)?;
    let index: HashMap<String, usize> = sessions
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.clone(), i))
        .collect();
    rows.retain(|r| index.contains_key(&r.session_id));
    rows.sort_by(|a, b| {
        (&a.session_id, &a.slot, a.created_hlc, a.rowid).cmp(&(
            &b.session_id,
            &b.slot,
            b.created_hlc,
            b.rowid,
        ))
    });
    let registered: HashSet<String> = if register {
        registered_among(store, rows.iter().map(|r| &r.id_number))?
    } else {
        HashSet::new()
    };
    let sign_ins: Vec<SignIn> = rows
        .into_iter()
        .map(|r| SignIn {
            session: index[&r.session_id],
            registered: registered.contains(&r.id_number),
            id: r.id,
            slot: r.slot,
            name: r.name,
            id_number: r.id_number,
            phone: r.phone,
            village_id: r.village_id,
            marked_poor: r.poor,
        })
        .collect();
    let village_adults = if register {
        adults_up_to(store, &caps(&sign_ins), thresholds)?
    } else {
        HashMap::new()
    };
    let village_names = crate::checks::sql::training::village_names(store)?;
    Ok(TrainingFacts {
        sessions,
        sign_ins,
        village_adults,
        village_names,
    })
}

/// The ID numbers among these the register holds (a live household's head or member).
fn registered_among<'a>(
    store: &Store,
    id_numbers: impl Iterator<Item = &'a String>,
) -> Result<HashSet<String>> {
    let distinct: BTreeSet<&String> = id_numbers.collect();
    let found: Vec<String> = store.conn.list(
        "SELECT h.id_number FROM household h
         WHERE h.id_number IN (SELECT value FROM json_each(?1)) AND h.deleted_hlc IS NULL
         UNION
         SELECT m.id_number FROM household_member m
         JOIN household h ON h.id = m.household_id AND h.deleted_hlc IS NULL
         WHERE m.id_number IN (SELECT value FROM json_each(?1)) AND m.deleted_hlc IS NULL",
        [json_list(distinct)],
        |r| r.get(0),
    )?;
    Ok(found.into_iter().collect())
}

/// For each village of the rows, the most trainees one session has from it.
fn caps(sign_ins: &[SignIn]) -> HashMap<String, usize> {
    let mut people: HashMap<(usize, &str), HashSet<&str>> = HashMap::new();
    for s in sign_ins {
        if let Some(v) = &s.village_id {
            people
                .entry((s.session, v.as_str()))
                .or_default()
                .insert(&s.id_number);
        }
    }
    let mut out: HashMap<String, usize> = HashMap::new();
    for ((_, village), trainees) in people {
        let cap = out.entry(village.to_string()).or_default();
        *cap = (*cap).max(trainees.len());
    }
    out
}

/// Each village's registered people of working age, counted as the whole gathering counts
/// them, but only up to `caps` (a count that reaches it raises nothing, whatever it is). A
/// village none of whose people has a birth date is left out, as the whole gathering leaves it.
fn adults_up_to(
    store: &Store,
    caps: &HashMap<String, usize>,
    thresholds: &Thresholds,
) -> Result<HashMap<String, u32>> {
    let today = store.today();
    let mut out = HashMap::new();
    let mut stmt = store.conn.prepare_cached(
        "SELECT h.id_number, NULL FROM household h
         WHERE h.village_id = ?1 AND h.deleted_hlc IS NULL
         UNION ALL
         SELECT m.id_number, m.birth_date FROM household_member m
         JOIN household h ON h.id = m.household_id AND h.deleted_hlc IS NULL
         WHERE h.village_id = ?1 AND m.deleted_hlc IS NULL",
    )?;
    for (village, &cap) in caps {
        let mut rows = stmt.query([village])?;
        let mut adults: u32 = 0;
        let mut dated = false;
        while let Some(r) = rows.next()? {
            let id_number: String = r.get(0)?;
            let birth: Option<String> = r.get(1)?;
            let birth = birth
                .as_deref()
                .and_then(|b| NaiveDate::parse_from_str(b, "%Y-%m-%d").ok())
                .or_else(|| {
                    NaiveDate::parse_from_str(id_number.get(6..14).unwrap_or_default(), "%Y%m%d")
                        .ok()
                });
            let Some(birth) = birth else { continue };
            dated = true;
            if age_on(birth, today) >= thresholds.trainee_age_min {
                adults += 1;
                if adults as usize >= cap {
                    break;
                }
            }
        }
        if dated {
            out.insert(village.clone(), adults);
        }
    }
    Ok(out)
}
