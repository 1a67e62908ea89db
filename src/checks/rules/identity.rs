//! F1: the same ID number under two names; the same name in one village under two ID numbers;
//! ID numbers that cannot be real (check character, birth date). Over the household register
//! (heads and members) and the sign-in rows, across townships.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use super::{masked_id, MAX_RECORDS};
use crate::checks::{CheckCode, Finding, RecordRef, Thresholds};
use crate::domain::resident_id::ResidentId;

/// A person as one record names them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub name: String,
    pub id_number: String,
    pub village_id: Option<String>,
    /// Whether the record is the register (a household head or member), not a sign-in.
    pub registered: bool,
    pub record: RecordRef,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IdentityFacts {
    pub people: Vec<Person>,
    /// Today, which bounds a valid birth date.
    pub today: NaiveDate,
}

fn records_of(people: &[&Person]) -> Vec<RecordRef> {
    let mut records: Vec<RecordRef> = people.iter().map(|p| p.record.clone()).collect();
    records.sort();
    records.dedup();
    records.truncate(MAX_RECORDS);
    records
}

pub fn check(facts: &IdentityFacts, _thresholds: &Thresholds) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut by_id: BTreeMap<&str, Vec<&Person>> = BTreeMap::new();
    for p in &facts.people {
        by_id.entry(&p.id_number).or_default().push(p);
    }
    for (id, people) in &by_id {
        if ResidentId::parse(id, "idNumber", facts.today).is_err() {
            out.push(
                Finding::new(
                    CheckCode::F1_ID_INVALID,
                    records_of(people),
                    format!(
                        "身份证号 {} 的校验位或出生日期不对，不可能是真实证件号。",
                        masked_id(id)
                    ),
                )
                .compare("身份证号", masked_id(id))
                .threshold("GB 11643 校验")
                .anchored(format!("invalid:{id}")),
            );
        }
        let names: BTreeSet<&str> = people.iter().map(|p| p.name.as_str()).collect();
        if names.len() >= 2 {
            let listed = names.iter().copied().collect::<Vec<_>>().join("、");
            out.push(
                Finding::new(
                    CheckCode::F1_ID_TWO_NAMES,
                    records_of(people),
                    format!(
                        "身份证号 {} 登记为 {} 个姓名：{listed}。",
                        masked_id(id),
                        names.len()
                    ),
                )
                .compare("身份证号", masked_id(id))
                .compare("姓名", listed)
                .threshold("同一号码只能对应一个姓名")
                .anchored(format!("names:{id}")),
            );
        }
    }
    // The same name in one village under two ID numbers: the register only (a sign-in row
    // names the village the trainee said, which the register decides).
    let mut by_name: BTreeMap<(&str, &str), Vec<&Person>> = BTreeMap::new();
    for p in facts.people.iter().filter(|p| p.registered) {
        if let Some(village) = &p.village_id {
            by_name.entry((village, &p.name)).or_default().push(p);
        }
    }
    for ((village, name), people) in by_name {
        let ids: BTreeSet<&str> = people.iter().map(|p| p.id_number.as_str()).collect();
        if ids.len() >= 2 {
            let listed = ids
                .iter()
                .map(|i| masked_id(i))
                .collect::<Vec<_>>()
                .join("、");
            out.push(
                Finding::new(
                    CheckCode::F1_NAME_TWO_IDS,
                    records_of(&people),
                    format!(
                        "同一个村的“{name}”登记了 {} 个身份证号：{listed}。",
                        ids.len()
                    ),
                )
                .compare("姓名", name)
                .compare("身份证号", listed)
                .threshold("同村同名应核实是否为同一人")
                .anchored(format!("village-name:{village}:{name}")),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::resident_id::check_char;

    fn valid(first17: &str) -> String {
        format!("{first17}{}", check_char(first17))
    }

    fn person(name: &str, id: &str, village: &str, registered: bool, record: &str) -> Person {
        Person {
            name: name.into(),
            id_number: id.into(),
            village_id: Some(village.into()),
            registered,
            record: RecordRef::new(
                if registered {
                    "household"
                } else {
                    "attendance"
                },
                record,
                name,
                Some("t1".into()),
            ),
        }
    }

    fn codes(people: Vec<Person>) -> Vec<CheckCode> {
        let facts = IdentityFacts {
            people,
            today: NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
        };
        check(&facts, &Thresholds::default())
            .into_iter()
            .map(|f| f.check)
            .collect()
    }

    #[test]
    fn each_identity_rule_raises_on_its_case_and_not_on_the_near_miss() {
        let a = valid("65422419800101001");
        let b = valid("65422419800101002");
        let mut bad = valid("65422419800101003");
        bad.replace_range(17..18, if bad.ends_with('0') { "1" } else { "0" });
        let cases: Vec<(&str, Vec<Person>, Vec<CheckCode>)> = vec![
            (
                "one ID, two names (register and sign-in)",
                vec![
                    person("张三", &a, "v1", true, "h1"),
                    person("张山", &a, "v1", false, "a1"),
                ],
                vec![CheckCode::F1_ID_TWO_NAMES],
            ),
            (
                "near miss: one ID, one name twice",
                vec![
                    person("张三", &a, "v1", true, "h1"),
                    person("张三", &a, "v1", false, "a1"),
                ],
                vec![],
            ),
            (
                "one name and village, two IDs",
                vec![
                    person("李四", &a, "v1", true, "h1"),
                    person("李四", &b, "v1", true, "h2"),
                ],
                vec![CheckCode::F1_NAME_TWO_IDS],
            ),
            (
                "near miss: same name in two villages",
                vec![
                    person("李四", &a, "v1", true, "h1"),
                    person("李四", &b, "v2", true, "h2"),
                ],
                vec![],
            ),
            (
                "an ID with a wrong check character",
                vec![person("王五", &bad, "v1", true, "h1")],
                vec![CheckCode::F1_ID_INVALID],
            ),
            (
                "near miss: a valid ID",
                vec![person("王五", &a, "v1", true, "h1")],
                vec![],
            ),
        ];
        for (name, people, expected) in cases {
            assert_eq!(codes(people), expected, "{name}");
        }
    }
}
