//! F6: a trainee marked poor (脱贫户、监测户) whom the household register does not hold, or the
//! reverse: a registered person whose sign-in is not marked. The county's totals count by the
//! register as it is now; a mark that disagrees is either a padded count or a wrong sheet.

use std::collections::BTreeSet;

use super::masked_id;
use super::training::TrainingFacts;
use crate::checks::{CheckCode, Finding, Thresholds};

pub fn check(facts: &TrainingFacts, _thresholds: &Thresholds) -> Vec<Finding> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for s in &facts.sign_ins {
        if s.marked_poor == s.registered || !seen.insert((s.session, s.id_number.as_str())) {
            continue;
        }
        let session = facts.session_of(s);
        let (check, summary) = if s.marked_poor {
            (
                CheckCode::F6_POOR_NOT_REGISTERED,
                format!(
                    "{}（{}）在“{}”中标为脱贫（监测）户，但农户台账里没有这个身份证号。",
                    s.name,
                    masked_id(&s.id_number),
                    session.title
                ),
            )
        } else {
            (
                CheckCode::F6_REGISTERED_NOT_MARKED,
                format!(
                    "{}（{}）是在册脱贫（监测）户成员，但在“{}”中没有标注。",
                    s.name,
                    masked_id(&s.id_number),
                    session.title
                ),
            )
        };
        out.push(
            Finding::new(check, vec![session.record(), facts.record(s)], summary)
                .compare(
                    "签到标注",
                    if s.marked_poor {
                        "脱贫（监测）户"
                    } else {
                        "一般"
                    },
                )
                .compare("农户台账", if s.registered { "在册" } else { "不在册" })
                .threshold("签到标注应与农户台账一致")
                .anchored(format!("poor:{}:{}", session.id, s.id_number)),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::training::fixtures::{session, sign_in};
    use super::*;

    #[test]
    fn a_mark_that_disagrees_with_the_register_raises_once_per_person_and_session() {
        let am = "2026-03-02 am";
        let pm = "2026-03-02 pm";
        let row = |slot, marked, registered| {
            let mut s = sign_in(0, slot, 1);
            s.marked_poor = marked;
            s.registered = registered;
            s
        };
        let cases = [
            (
                "marked, not registered",
                vec![row(am, true, false), row(pm, true, false)],
                vec![CheckCode::F6_POOR_NOT_REGISTERED],
            ),
            (
                "registered, not marked",
                vec![row(am, false, true)],
                vec![CheckCode::F6_REGISTERED_NOT_MARKED],
            ),
            (
                "near miss: marked and registered",
                vec![row(am, true, true)],
                vec![],
            ),
            ("near miss: neither", vec![row(am, false, false)], vec![]),
        ];
        for (name, rows, expected) in cases {
            let facts = TrainingFacts {
                sessions: vec![session("s1", "t1", &[am, pm], 30)],
                sign_ins: rows,
                ..TrainingFacts::default()
            };
            let found: Vec<CheckCode> = check(&facts, &Thresholds::default())
                .into_iter()
                .map(|f| f.check)
                .collect();
            assert_eq!(found, expected, "{name}");
        }
    }
}
