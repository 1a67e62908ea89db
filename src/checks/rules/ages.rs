//! F7: trainees outside the working ages on the day they signed in (the same rule the sign-in
//! form warns about while typing, `domain::training::age_on`, here over every township's rows),
//! and agreements a household head signed before coming of age.

use chrono::NaiveDate;

use crate::checks::rules::masked_id;
use crate::checks::{CheckCode, Finding, RecordRef, Thresholds};
use crate::domain::format_date_zh;
use crate::domain::training::age_on;

/// One sign-in row: the trainee's ID and the day of the slot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TraineeDay {
    pub record: RecordRef,
    pub name: String,
    pub id_number: String,
    pub day: NaiveDate,
}

/// One household of an agreement's roster: the head signs for the household on the day the
/// agreement's term starts (the records keep no separate signing date).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    pub agreement: RecordRef,
    pub household: RecordRef,
    pub head_name: String,
    pub id_number: String,
    pub signed: NaiveDate,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AgeFacts {
    pub trainees: Vec<TraineeDay>,
    pub signatures: Vec<Signature>,
}

/// The birth date an 18-digit ID number carries (None when it carries none: F1 reports those).
pub fn birth_date_of(id_number: &str) -> Option<NaiveDate> {
    let digits = id_number.get(6..14)?;
    NaiveDate::parse_from_str(digits, "%Y%m%d").ok()
}

pub fn check(facts: &AgeFacts, thresholds: &Thresholds) -> Vec<Finding> {
    let mut out = trainee_ages(facts, thresholds);
    out.extend(minor_signers(facts, thresholds));
    out
}

/// One finding per trainee row outside the ages (a row is one person on one half-day).
fn trainee_ages(facts: &AgeFacts, thresholds: &Thresholds) -> Vec<Finding> {
    let range = thresholds.trainee_age_min..=thresholds.trainee_age_max;
    let mut out = Vec::new();
    for t in &facts.trainees {
        let Some(birth) = birth_date_of(&t.id_number) else {
            continue;
        };
        let age = age_on(birth, t.day);
        if range.contains(&age) {
            continue;
        }
        out.push(
            Finding::new(
                CheckCode::F7_TRAINEE_AGE,
                vec![t.record.clone()],
                format!(
                    "{}（{}）在 {} 签到时 {age} 岁，不在 {}–{} 岁之间。",
                    t.name,
                    masked_id(&t.id_number),
                    format_date_zh(t.day),
                    range.start(),
                    range.end()
                ),
            )
            .compare("签到日期", format_date_zh(t.day))
            .compare("按身份证号的年龄", format!("{age} 岁"))
            .threshold(format!("{}–{} 岁", range.start(), range.end())),
        );
    }
    out
}

/// One finding per agreement and household whose head was under `signer_age_min` when signing.
fn minor_signers(facts: &AgeFacts, thresholds: &Thresholds) -> Vec<Finding> {
    let mut out = Vec::new();
    for s in &facts.signatures {
        let Some(birth) = birth_date_of(&s.id_number) else {
            continue;
        };
        let age = age_on(birth, s.signed);
        if age >= thresholds.signer_age_min {
            continue;
        }
        out.push(
            Finding::new(
                CheckCode::F7_MINOR_SIGNED,
                vec![s.agreement.clone(), s.household.clone()],
                format!(
                    "{}由户主{}（{}）签署，签订时（{}）只有 {age} 岁。",
                    s.agreement.label,
                    s.head_name,
                    masked_id(&s.id_number),
                    format_date_zh(s.signed)
                ),
            )
            .compare("签订日期（协议期限起）", format_date_zh(s.signed))
            .compare("签署人年龄", format!("{age} 岁"))
            .threshold(format!("签署人年满 {} 岁", thresholds.signer_age_min)),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn trainee(id_number: &str, on: &str) -> TraineeDay {
        TraineeDay {
            record: RecordRef::new("attendance", "a1", "学员", Some("t1".into())),
            name: "马晓".into(),
            id_number: id_number.into(),
            day: day(on),
        }
    }

    fn signature(id_number: &str, on: &str) -> Signature {
        Signature {
            agreement: RecordRef::new("agreement", "g1", "协议 TL-1", Some("t1".into())),
            household: RecordRef::new("household", "h1", "农户", Some("t1".into())),
            head_name: "艾力".into(),
            id_number: id_number.into(),
            signed: day(on),
        }
    }

    #[test]
    fn trainee_ages_outside_16_to_75_on_the_day_raise_and_the_edges_do_not() {
        // 托里县 654224: born 2003-08-12.
        let young = "654224200308120012";
        let old = "654224194403010016";
        let cases: &[(&str, TraineeDay, usize)] = &[
            (
                "15 the day before the 16th birthday",
                trainee(young, "2019-08-11"),
                1,
            ),
            (
                "near miss: 16 on the birthday",
                trainee(young, "2019-08-12"),
                0,
            ),
            ("76 years old", trainee(old, "2020-03-01"), 1),
            (
                "near miss: 75 the day before 76",
                trainee(old, "2020-02-29"),
                0,
            ),
            (
                "near miss: no birth date in the number",
                trainee("65422419441301001X", "2020-03-01"),
                0,
            ),
        ];
        for (name, t, expected) in cases {
            let facts = AgeFacts {
                trainees: vec![t.clone()],
                signatures: vec![],
            };
            let found = check(&facts, &Thresholds::default());
            assert_eq!(found.len(), *expected, "{name}: {found:?}");
            for f in &found {
                assert_eq!(f.check, CheckCode::F7_TRAINEE_AGE);
                assert!(
                    !f.summary.contains(young),
                    "the ID is masked: {}",
                    f.summary
                );
            }
        }
    }

    #[test]
    fn an_agreement_signed_by_a_minor_raises_and_by_an_adult_does_not() {
        let head = "654224200308120012";
        let cases: &[(&str, Signature, usize)] = &[
            ("17 when signing", signature(head, "2021-03-01"), 1),
            ("near miss: 18 on the day", signature(head, "2021-08-12"), 0),
        ];
        for (name, s, expected) in cases {
            let facts = AgeFacts {
                trainees: vec![],
                signatures: vec![s.clone()],
            };
            let found = check(&facts, &Thresholds::default());
            assert_eq!(found.len(), *expected, "{name}: {found:?}");
            if let Some(f) = found.first() {
                assert_eq!(f.check, CheckCode::F7_MINOR_SIGNED);
                assert_eq!(f.records.len(), 2);
                assert!(f.summary.contains("17 岁"), "{}", f.summary);
            }
        }
    }
}
