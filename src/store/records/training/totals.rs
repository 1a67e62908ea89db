//! A training programme's totals, counted in one pass over its attendance.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::register_match::REGISTERED_NAMES;
use super::{json_list, kind_from};
use crate::domain::refuse_if;
use crate::domain::training::{
    days_of, training_totals, AttendanceCounts, Audience, DistinctPersons, SessionTallyInput,
    TrainingTotals,
};
use crate::error::Result;
use crate::store::Store;
use crate::Code;

/// One person's sign-ins in one session, as the rows go by.
struct Person {
    id_number: Vec<u8>,
    /// Distinct dates (`2019-06-03`), in order (the rows come sorted by slot).
    days: u32,
    last_date: Vec<u8>,
    /// The names the person signed in under (nearly always one).
    names: Vec<Vec<u8>>,
    /// A person confirmed a registered ID's other name on one of the sign-ins.
    confirmed: bool,
    /// The audience of the person's first sign-in in the session.
    audience: Audience,
}

impl Person {
    /// Poor by the register as it is now (see `register_match`): the ID is registered and one
    /// sign-in carries the registered name or a confirmation.
    fn poor(&self, registered: &HashMap<Vec<u8>, String>) -> bool {
        registered.get(&self.id_number).is_some_and(|name| {
            self.confirmed || self.names.iter().any(|n| n.as_slice() == name.as_bytes())
        })
    }

    fn counts(&self, poor: bool) -> AttendanceCounts {
        AttendanceCounts {
            person_times: 1,
            poor_person_times: u32::from(poor),
            person_days: self.days,
        }
    }
}

fn add_person(tally: &mut SessionTallyInput, person: &Person, poor: bool) {
    let counts = person.counts(poor);
    tally.person_times += counts.person_times;
    tally.poor_person_times += counts.poor_person_times;
    tally.person_days += counts.person_days;
    match tally
        .by_audience
        .iter_mut()
        .find(|(a, _)| *a == person.audience)
    {
        Some((_, c)) => {
            c.person_times += counts.person_times;
            c.poor_person_times += counts.poor_person_times;
            c.person_days += counts.person_days;
        }
        None => tally.by_audience.push((person.audience, counts)),
    }
}

/// The registered name of each of `ids` that the register holds now.
fn registered_names(
    conn: &rusqlite::Connection,
    ids: &HashSet<&[u8]>,
) -> Result<HashMap<Vec<u8>, String>> {
    let ids: Vec<&str> = ids
        .iter()
        .filter_map(|id| std::str::from_utf8(id).ok())
        .collect();
    let wanted = serde_json::to_string(&ids).expect("ID numbers serialise");
    let mut stmt = conn.prepare_cached(REGISTERED_NAMES)?;
    let mut rows = stmt.query([wanted])?;
    let mut names = HashMap::new();
    while let Some(row) = rows.next()? {
        if let Some(name) = row.get::<_, Option<String>>(1)? {
            names.insert(row.get::<_, String>(0)?.into_bytes(), name);
        }
    }
    Ok(names)
}

/// Which sessions a tally counts.
pub(crate) enum SessionsOf<'a> {
    /// Every session of a training programme.
    Programme(&'a str),
    /// The sessions starting between two dates (`2019-07-01`, both included), of one
    /// programme or of all.
    Starting {
        from: &'a str,
        to: &'a str,
        programme_id: Option<&'a str>,
    },
}

impl SessionsOf<'_> {
    /// `?1` programme, `?2` first and `?3` last start date of [`SESSIONS_OF`].
    fn params(&self) -> (Option<&str>, Option<&str>, Option<&str>) {
        match *self {
            SessionsOf::Programme(id) => (Some(id), None, None),
            SessionsOf::Starting {
                from,
                to,
                programme_id,
            } => (programme_id, Some(from), Some(to)),
        }
    }
}

/// The live sessions (alias `s`) of [`SessionsOf::params`].
const SESSIONS_OF: &str = "(?1 IS NULL OR s.programme_id = ?1)
    AND (?2 IS NULL OR s.start_date >= ?2) AND (?3 IS NULL OR s.start_date <= ?3)
    AND s.deleted_hlc IS NULL";

impl Store {
    /// A training programme's totals: person-times (each person once per session), person-days
    /// (dates attended), distinct and poor persons, per township, kind and audience, against its
    /// targets, and the cost at its rates (see `domain::training`).
    pub fn training_totals(&self, programme_id: &str) -> Result<TrainingTotals> {
        let programme = self.programme(programme_id)?;
        refuse_if(
            programme.subject != Some(crate::domain::kinds::KindSubject::Training),
            Code::TRAINING_PROGRAMME,
            "programmeId",
            format!("“{}”不是电商技能培训项目。", programme.name),
        )?;
        let (sessions, distinct) = self.session_tallies(SessionsOf::Programme(programme_id))?;
        Ok(training_totals(
            &programme.id,
            &programme.name,
            &programme.settings,
            &sessions,
            &distinct,
        ))
    }

    /// Each session's counts (person-times, poor person-times, person-days, by audience) and
    /// the distinct persons across them, for the sessions `of` selects: the one counting the
    /// programme totals and the statistics reports share.
    pub(crate) fn session_tallies(
        &self,
        of: SessionsOf,
    ) -> Result<(Vec<SessionTallyInput>, DistinctPersons)> {
        let (programme_id, from, to) = of.params();
        let mut sessions: Vec<(String, SessionTallyInput)> = {
            let mut stmt = self.conn.prepare_cached(&format!(
                "SELECT s.id, s.kind, s.township_id, coalesce(t.name, ''), s.slots
                 FROM training_session s LEFT JOIN township t ON t.id = s.township_id
                 WHERE {SESSIONS_OF}"
            ))?;
            let rows = stmt.query_map(rusqlite::params![programme_id, from, to], |r| {
                Ok((
                    r.get(0)?,
                    SessionTallyInput {
                        kind: kind_from(&r.get::<_, String>(1)?),
                        township_id: r.get(2)?,
                        township_name: r.get(3)?,
                        days: days_of(&json_list(r, 4)?),
                        person_times: 0,
                        poor_person_times: 0,
                        person_days: 0,
                        by_audience: Vec::new(),
                    },
                ))
            })?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let index: HashMap<String, usize> = sessions
            .iter()
            .enumerate()
            .map(|(i, (id, _))| (id.clone(), i))
            .collect();
        // Each person of each session, with the session's index.
        let mut people: Vec<(usize, Person)> = Vec::new();
        {
            // In the order of `attendance_by_session_person_name` (session, person, slot): each
            // person's rows of a session come together, dates ascending, so one pass counts
            // them without a set per session (SQL's count(DISTINCT …) builds a b-tree per
            // aggregate and took twice as long on 50,000 rows). The index also carries the name
            // and its confirmation, which the register is matched against after the pass.
            let mut stmt = self.conn.prepare_cached(&format!(
                "SELECT a.session_id, a.id_number, a.slot, a.audience, a.name, a.name_confirmed
                 FROM attendance a INDEXED BY attendance_by_session_person_name
                 WHERE a.session_id IN (SELECT s.id FROM training_session s
                                        WHERE {SESSIONS_OF})
                   AND a.deleted_hlc IS NULL
                 ORDER BY a.session_id, a.id_number, a.slot"
            ))?;
            let mut rows = stmt.query(rusqlite::params![programme_id, from, to])?;
            let mut current: Option<(Vec<u8>, usize)> = None;
            while let Some(row) = rows.next()? {
                let session = row.get_ref(0)?.as_bytes().map_err(rusqlite::Error::from)?;
                let at = match &current {
                    Some((id, at)) if id.as_slice() == session => *at,
                    _ => {
                        let key = std::str::from_utf8(session).unwrap_or_default();
                        let Some(&at) = index.get(key) else { continue };
                        current = Some((session.to_vec(), at));
                        at
                    }
                };
                let id_number = row.get_ref(1)?.as_bytes().map_err(rusqlite::Error::from)?;
                let slot = row.get_ref(2)?.as_bytes().map_err(rusqlite::Error::from)?;
                let date = slot.get(..10).unwrap_or(slot);
                let name = row.get_ref(4)?.as_bytes().map_err(rusqlite::Error::from)?;
                let confirmed = row.get::<_, bool>(5)?;
                match people.last_mut() {
                    Some((p_at, p)) if *p_at == at && p.id_number == id_number => {
                        if p.last_date != date {
                            p.days += 1;
                            p.last_date = date.to_vec();
                        }
                        if !p.names.iter().any(|n| n.as_slice() == name) {
                            p.names.push(name.to_vec());
                        }
                        p.confirmed |= confirmed;
                    }
                    _ => {
                        let audience = Audience::from_code(
                            row.get_ref(3)?.as_str().map_err(rusqlite::Error::from)?,
                        );
                        people.push((
                            at,
                            Person {
                                id_number: id_number.to_vec(),
                                days: 1,
                                last_date: date.to_vec(),
                                names: vec![name.to_vec()],
                                confirmed,
                                audience,
                            },
                        ));
                    }
                }
            }
        }
        let ids: HashSet<&[u8]> = people.iter().map(|(_, p)| p.id_number.as_slice()).collect();
        let registered = registered_names(&self.conn, &ids)?;
        // ID number → poor, across the programme.
        let mut persons: HashMap<&[u8], bool> = HashMap::with_capacity(ids.len());
        // (audience, ID number) → poor: the distinct persons of each audience.
        let mut audience_persons: HashMap<(Audience, &[u8]), bool> = HashMap::new();
        for (at, person) in &people {
            let poor = person.poor(&registered);
            add_person(&mut sessions[*at].1, person, poor);
            *persons.entry(&person.id_number).or_default() |= poor;
            *audience_persons
                .entry((person.audience, &person.id_number))
                .or_default() |= poor;
        }
        let mut sessions: Vec<SessionTallyInput> = sessions.into_iter().map(|(_, s)| s).collect();
        for s in &mut sessions {
            s.by_audience.sort_by_key(|(a, _)| *a);
        }
        let mut distinct = DistinctPersons {
            all: persons.len() as u32,
            poor: persons.values().filter(|p| **p).count() as u32,
            by_audience: BTreeMap::new(),
        };
        for ((audience, _), poor) in audience_persons {
            let (all, poor_count) = distinct.by_audience.entry(audience).or_default();
            *all += 1;
            *poor_count += u32::from(poor);
        }
        Ok((sessions, distinct))
    }
}

/// Person-times, poor person-times and person-days of one session's sign-ins, by audience.
pub(crate) fn session_counts(
    rows: impl Iterator<Item = (String, String, bool, Audience)>,
) -> (AttendanceCounts, BTreeMap<Audience, AttendanceCounts>) {
    // (id_number) → (dates, poor, audience of the first sign-in)
    let mut persons: BTreeMap<String, (Vec<String>, bool, Audience)> = BTreeMap::new();
    for (id_number, slot, poor, audience) in rows {
        let date = slot.get(..10).unwrap_or(&slot).to_string();
        let entry = persons
            .entry(id_number)
            .or_insert_with(|| (Vec::new(), false, audience));
        if !entry.0.contains(&date) {
            entry.0.push(date);
        }
        entry.1 |= poor;
    }
    let mut total = AttendanceCounts::default();
    let mut by_audience: BTreeMap<Audience, AttendanceCounts> = BTreeMap::new();
    for (dates, poor, audience) in persons.values() {
        let counts = AttendanceCounts {
            person_times: 1,
            poor_person_times: u32::from(*poor),
            person_days: dates.len() as u32,
        };
        for c in [&mut total, by_audience.entry(*audience).or_default()] {
            c.person_times += counts.person_times;
            c.poor_person_times += counts.poor_person_times;
            c.person_days += counts.person_days;
        }
    }
    (total, by_audience)
}
