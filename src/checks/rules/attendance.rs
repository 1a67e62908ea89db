//! F4: attendance above the planned headcount or the venue's capacity; more trainees from a
//! village than its registered adults; identical rosters across sessions (same people, same
//! order); everyone present every half-day of a long course.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::training::{Session, SignIn, TrainingFacts};
use crate::checks::{CheckCode, Finding, Thresholds};
use crate::domain::training::slot_label;

/// Each session's rows by slot, in typing order.
fn by_session(facts: &TrainingFacts) -> Vec<BTreeMap<&str, Vec<&SignIn>>> {
    let mut out: Vec<BTreeMap<&str, Vec<&SignIn>>> = vec![BTreeMap::new(); facts.sessions.len()];
    for s in &facts.sign_ins {
        out[s.session].entry(&s.slot).or_default().push(s);
    }
    out
}

pub fn check(facts: &TrainingFacts, thresholds: &Thresholds) -> Vec<Finding> {
    let slots = by_session(facts);
    let mut out = Vec::new();
    let mut sequences: HashMap<Vec<&str>, BTreeSet<usize>> = HashMap::new();
    for (i, session) in facts.sessions.iter().enumerate() {
        let rows = &slots[i];
        if rows.is_empty() {
            continue;
        }
        let (busiest, most) = rows
            .iter()
            .map(|(slot, r)| (*slot, r.len()))
            .max_by_key(|(_, n)| *n)
            .expect("a session with rows");
        let over = |what: CheckCode, limit: u32, label: &str| {
            Finding::new(
                what,
                vec![session.record()],
                format!(
                    "“{}”{}签到 {most} 人，超过{label} {limit} 人。",
                    session.title,
                    slot_label(busiest)
                ),
            )
            .compare("签到人数", most.to_string())
            .compare(label, limit.to_string())
            .threshold(format!("不超过{label}"))
        };
        if most > session.planned_headcount as usize {
            out.push(over(
                CheckCode::F4_OVER_PLANNED_HEADCOUNT,
                session.planned_headcount,
                "计划人数",
            ));
        }
        if let Some(&seats) = thresholds.venue_capacity.get(session.venue.trim()) {
            if most > seats as usize {
                out.push(over(CheckCode::F4_OVER_VENUE_CAPACITY, seats, "场地容量"));
            }
        }
        out.extend(village_over_adults(facts, session, rows));
        if let Some(found) = full_attendance(session, rows, thresholds) {
            out.push(found);
        }
        for r in rows.values() {
            if r.len() >= thresholds.identical_roster_min.max(2) as usize {
                let order: Vec<&str> = r.iter().map(|s| s.id_number.as_str()).collect();
                sequences.entry(order).or_default().insert(i);
            }
        }
    }
    let mut identical: Vec<(Vec<&str>, BTreeSet<usize>)> = sequences
        .into_iter()
        .filter(|(_, sessions)| sessions.len() >= 2)
        .collect();
    identical.sort();
    let mut reported: BTreeSet<BTreeSet<usize>> = BTreeSet::new();
    for (order, sessions) in identical {
        if !reported.insert(sessions.clone()) {
            continue;
        }
        let titles = sessions
            .iter()
            .map(|&s| facts.sessions[s].title.as_str())
            .collect::<Vec<_>>()
            .join("、");
        out.push(
            Finding::new(
                CheckCode::F4_IDENTICAL_ROSTERS,
                sessions
                    .iter()
                    .map(|&s| facts.sessions[s].record())
                    .collect(),
                format!(
                    "{} 场培训的签到名单完全相同（{} 人，顺序一致）：{titles}。",
                    sessions.len(),
                    order.len()
                ),
            )
            .compare("人数", order.len().to_string())
            .compare("场次", titles)
            .threshold(format!(
                "{} 人及以上的名单相同且顺序一致",
                thresholds.identical_roster_min
            )),
        );
    }
    out
}

fn village_over_adults(
    facts: &TrainingFacts,
    session: &Session,
    rows: &BTreeMap<&str, Vec<&SignIn>>,
) -> Vec<Finding> {
    let mut people: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for s in rows.values().flatten() {
        if let Some(v) = &s.village_id {
            people.entry(v).or_default().insert(&s.id_number);
        }
    }
    let mut out = Vec::new();
    for (village, trainees) in people {
        let Some(&adults) = facts.village_adults.get(village) else {
            continue;
        };
        if trainees.len() <= adults as usize {
            continue;
        }
        let name = facts
            .village_names
            .get(village)
            .map_or(village, String::as_str);
        out.push(
            Finding::new(
                CheckCode::F4_VILLAGE_OVER_ADULTS,
                vec![session.record()],
                format!(
                    "“{}”有 {} 名学员来自{name}，而该村登记的成年人只有 {adults} 人。",
                    session.title,
                    trainees.len()
                ),
            )
            .compare("村", name)
            .compare("学员人数", trainees.len().to_string())
            .compare("登记成年人", adults.to_string())
            .threshold("不超过该村登记的成年人数")
            .anchored(format!("village:{}:{village}", session.id)),
        );
    }
    out
}

fn full_attendance(
    session: &Session,
    rows: &BTreeMap<&str, Vec<&SignIn>>,
    thresholds: &Thresholds,
) -> Option<Finding> {
    let days: BTreeSet<&str> = session.slots.iter().filter_map(|s| s.get(..10)).collect();
    if days.len() < thresholds.long_course_days as usize || session.slots.is_empty() {
        return None;
    }
    let people: BTreeSet<&str> = rows
        .values()
        .flatten()
        .map(|s| s.id_number.as_str())
        .collect();
    if people.len() < thresholds.full_attendance_min_trainees as usize {
        return None;
    }
    let everyone_every_time = session.slots.iter().all(|slot| {
        rows.get(slot.as_str()).is_some_and(|r| {
            r.iter()
                .map(|s| s.id_number.as_str())
                .collect::<BTreeSet<_>>()
                == people
        })
    });
    if !everyone_every_time {
        return None;
    }
    Some(
        Finding::new(
            CheckCode::F4_FULL_ATTENDANCE_LONG_COURSE,
            vec![session.record()],
            format!(
                "“{}”共 {} 天 {} 个半天，{} 名学员每个半天都签到。",
                session.title,
                days.len(),
                session.slots.len(),
                people.len()
            ),
        )
        .compare("天数", days.len().to_string())
        .compare("学员人数", people.len().to_string())
        .compare("到课率", "100%")
        .threshold(format!(
            "{} 天及以上、{} 人及以上的培训全员全勤",
            thresholds.long_course_days, thresholds.full_attendance_min_trainees
        )),
    )
}

#[cfg(test)]
mod tests {
    use super::super::training::fixtures::{session, sign_in};
    use super::*;

    fn found(facts: TrainingFacts, thresholds: &Thresholds) -> Vec<CheckCode> {
        check(&facts, thresholds)
            .into_iter()
            .map(|f| f.check)
            .collect()
    }

    fn roster(session: usize, slot: &str, people: impl Iterator<Item = u32>) -> Vec<SignIn> {
        people.map(|p| sign_in(session, slot, p)).collect()
    }

    const AM: &str = "2026-03-02 am";

    #[test]
    fn headcount_and_venue_raise_above_their_limit_and_not_at_it() {
        let mut t = Thresholds::default();
        t.venue_capacity.insert("村委会".into(), 12);
        let at = |n: u32, planned: u32| TrainingFacts {
            sessions: vec![session("s1", "t1", &[AM], planned)],
            sign_ins: roster(0, AM, 1..=n),
            ..TrainingFacts::default()
        };
        assert_eq!(
            found(at(11, 10), &t),
            [CheckCode::F4_OVER_PLANNED_HEADCOUNT]
        );
        assert_eq!(found(at(10, 10), &t), []);
        assert_eq!(
            found(at(13, 20), &t),
            [CheckCode::F4_OVER_VENUE_CAPACITY],
            "over the venue, within the plan"
        );
        assert_eq!(found(at(12, 20), &t), []);
    }

    #[test]
    fn more_trainees_from_a_village_than_its_adults_raises_and_as_many_does_not() {
        let at = |adults: u32| TrainingFacts {
            sessions: vec![session("s1", "t1", &[AM], 50)],
            sign_ins: roster(0, AM, 1..=4),
            village_adults: [("v1".to_string(), adults)].into(),
            ..TrainingFacts::default()
        };
        let t = Thresholds::default();
        assert_eq!(found(at(3), &t), [CheckCode::F4_VILLAGE_OVER_ADULTS]);
        assert_eq!(found(at(4), &t), []);
    }

    #[test]
    fn identical_rosters_in_two_sessions_raise_and_a_reordered_one_does_not() {
        let pm = "2026-03-09 am";
        let sessions = vec![
            session("s1", "t1", &[AM], 50),
            session("s2", "t2", &[pm], 50),
        ];
        let mut same = roster(0, AM, 1..=6);
        same.extend(roster(1, pm, 1..=6));
        let mut reordered = roster(0, AM, 1..=6);
        reordered.extend(roster(1, pm, (1..=6).rev()));
        let t = Thresholds::default();
        let facts = |rows| TrainingFacts {
            sessions: sessions.clone(),
            sign_ins: rows,
            ..TrainingFacts::default()
        };
        assert_eq!(found(facts(same), &t), [CheckCode::F4_IDENTICAL_ROSTERS]);
        assert_eq!(found(facts(reordered), &t), []);
    }

    #[test]
    fn full_attendance_every_half_day_of_a_long_course_raises_and_one_absence_does_not() {
        let slots = [
            "2026-03-02 am",
            "2026-03-02 pm",
            "2026-03-03 am",
            "2026-03-03 pm",
            "2026-03-04 am",
        ];
        let mut rows = Vec::new();
        for slot in slots {
            rows.extend(roster(0, slot, 1..=12));
        }
        let facts = |rows: Vec<SignIn>| TrainingFacts {
            sessions: vec![session("s1", "t1", &slots, 50)],
            sign_ins: rows,
            ..TrainingFacts::default()
        };
        let t = Thresholds {
            identical_roster_min: 100,
            ..Thresholds::default()
        };
        assert_eq!(
            found(facts(rows.clone()), &t),
            [CheckCode::F4_FULL_ATTENDANCE_LONG_COURSE]
        );
        rows.pop();
        assert_eq!(found(facts(rows), &t), []);
    }
}
