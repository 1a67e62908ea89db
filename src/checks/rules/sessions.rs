//! F3: one person signed in at two sessions whose times overlap (the same half-day), or in two
//! townships on one day — the morning in one, the afternoon in another included.

use std::collections::{BTreeMap, BTreeSet};

use super::masked_id;
use super::training::{SignIn, TrainingFacts};
use crate::checks::{CheckCode, Finding, RecordRef, Thresholds};
use crate::domain::training::slot_label;

fn records(facts: &TrainingFacts, rows: &[&SignIn]) -> Vec<RecordRef> {
    let mut sessions: Vec<usize> = rows.iter().map(|r| r.session).collect();
    sessions.sort_unstable();
    sessions.dedup();
    let mut out: Vec<RecordRef> = sessions
        .iter()
        .map(|&s| facts.sessions[s].record())
        .collect();
    out.extend(rows.iter().map(|r| facts.record(r)));
    out
}

pub fn check(facts: &TrainingFacts, _thresholds: &Thresholds) -> Vec<Finding> {
    let mut by_day: BTreeMap<(&str, &str), Vec<&SignIn>> = BTreeMap::new();
    for s in &facts.sign_ins {
        let day = s.slot.get(..10).unwrap_or(&s.slot);
        by_day.entry((&s.id_number, day)).or_default().push(s);
    }
    let mut out = Vec::new();
    for ((id, day), rows) in by_day {
        let sessions: BTreeSet<usize> = rows.iter().map(|r| r.session).collect();
        if sessions.len() < 2 {
            continue;
        }
        let name = &rows[0].name;
        // The same half-day in two sessions.
        let mut by_slot: BTreeMap<&str, Vec<&SignIn>> = BTreeMap::new();
        for r in &rows {
            by_slot.entry(&r.slot).or_default().push(r);
        }
        for (slot, in_slot) in &by_slot {
            let here: BTreeSet<usize> = in_slot.iter().map(|r| r.session).collect();
            if here.len() < 2 {
                continue;
            }
            out.push(
                Finding::new(
                    CheckCode::F3_OVERLAPPING_SESSIONS,
                    records(facts, in_slot),
                    format!(
                        "{name}（{}）在{}同时签到了 {} 场培训。",
                        masked_id(id),
                        slot_label(slot),
                        here.len()
                    ),
                )
                .compare("身份证号", masked_id(id))
                .compare("时段", slot_label(slot))
                .threshold("同一时段只能参加一场培训")
                .anchored(format!("overlap:{id}:{slot}")),
            );
        }
        // Two townships on one day, at different half-days (the same half-day is the overlap
        // above, whatever the townships).
        let townships: BTreeSet<&str> = rows
            .iter()
            .filter_map(|r| facts.session_of(r).township_id.as_deref())
            .collect();
        let apart = rows.iter().any(|a| {
            rows.iter().any(|b| {
                a.slot != b.slot
                    && matches!(
                        (&facts.session_of(a).township_id, &facts.session_of(b).township_id),
                        (Some(x), Some(y)) if x != y
                    )
            })
        });
        if townships.len() >= 2 && apart {
            let mut in_townships: Vec<&SignIn> = rows
                .iter()
                .copied()
                .filter(|r| facts.session_of(r).township_id.is_some())
                .collect();
            in_townships.sort_by(|a, b| a.slot.cmp(&b.slot));
            let times = in_townships
                .iter()
                .map(|r| format!("{} {}", slot_label(&r.slot), facts.session_of(r).title))
                .collect::<Vec<_>>()
                .join("；");
            out.push(
                Finding::new(
                    CheckCode::F3_TWO_TOWNSHIPS_ONE_DAY,
                    records(facts, &in_townships),
                    format!(
                        "{name}（{}）{day} 在 {} 个乡镇签到：{times}。",
                        masked_id(id),
                        townships.len()
                    ),
                )
                .compare("身份证号", masked_id(id))
                .compare("日期", day)
                .compare("乡镇数", townships.len().to_string())
                .threshold("同一天只应在一个乡镇签到")
                .anchored(format!("day:{id}:{day}")),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::training::fixtures::{session, sign_in};
    use super::*;

    fn found(sessions: Vec<super::super::training::Session>, rows: Vec<SignIn>) -> Vec<CheckCode> {
        let facts = TrainingFacts {
            sessions,
            sign_ins: rows,
            ..TrainingFacts::default()
        };
        check(&facts, &Thresholds::default())
            .into_iter()
            .map(|f| f.check)
            .collect()
    }

    #[test]
    fn overlapping_half_days_and_two_townships_on_one_day_raise_and_their_near_misses_do_not() {
        let am = "2026-03-02 am";
        let pm = "2026-03-02 pm";
        let next = "2026-03-03 am";
        let cases: Vec<(&str, Vec<_>, Vec<SignIn>, Vec<CheckCode>)> = vec![
            (
                "morning in one township, afternoon in another",
                vec![
                    session("s1", "t1", &[am], 30),
                    session("s2", "t2", &[pm], 30),
                ],
                vec![sign_in(0, am, 1), sign_in(1, pm, 1)],
                vec![CheckCode::F3_TWO_TOWNSHIPS_ONE_DAY],
            ),
            (
                "near miss: two townships on two days",
                vec![
                    session("s1", "t1", &[am], 30),
                    session("s2", "t2", &[next], 30),
                ],
                vec![sign_in(0, am, 1), sign_in(1, next, 1)],
                vec![],
            ),
            (
                "near miss: morning and afternoon sessions in one township",
                vec![
                    session("s1", "t1", &[am], 30),
                    session("s2", "t1", &[pm], 30),
                ],
                vec![sign_in(0, am, 1), sign_in(1, pm, 1)],
                vec![],
            ),
            (
                "the same half-day in two sessions",
                vec![
                    session("s1", "t1", &[am], 30),
                    session("s2", "t1", &[am], 30),
                ],
                vec![sign_in(0, am, 1), sign_in(1, am, 1)],
                vec![CheckCode::F3_OVERLAPPING_SESSIONS],
            ),
            (
                "near miss: two people in the same half-day",
                vec![
                    session("s1", "t1", &[am], 30),
                    session("s2", "t1", &[am], 30),
                ],
                vec![sign_in(0, am, 1), sign_in(1, am, 2)],
                vec![],
            ),
        ];
        for (name, sessions, rows, expected) in cases {
            assert_eq!(found(sessions, rows), expected, "{name}");
        }
    }

    #[test]
    fn the_cross_township_finding_names_both_sessions() {
        let facts = TrainingFacts {
            sessions: vec![
                session("s1", "t1", &["2026-03-02 am"], 30),
                session("s2", "t2", &["2026-03-02 pm"], 30),
            ],
            sign_ins: vec![
                sign_in(0, "2026-03-02 am", 1),
                sign_in(1, "2026-03-02 pm", 1),
            ],
            ..TrainingFacts::default()
        };
        let found = check(&facts, &Thresholds::default());
        let sessions: Vec<&str> = found[0]
            .records
            .iter()
            .filter(|r| r.kind == "training_session")
            .map(|r| r.id.as_str())
            .collect();
        assert_eq!(sessions, ["s1", "s2"]);
        assert_eq!(found[0].townships(), ["t1", "t2"]);
    }
}
