//! F5: many trainees sharing one phone number (across the county); phone numbers of one session
//! in a consecutive run; a sign-in sheet typed in ID-number order; many trainees of one session
//! born on the same day.

use std::collections::{BTreeMap, BTreeSet};

use super::training::{SignIn, TrainingFacts};
use super::{masked_id, MAX_RECORDS};
use crate::checks::{CheckCode, Finding, RecordRef, Thresholds};
use crate::domain::phone::masked_mobile;
use crate::domain::training::slot_label;

/// One row per person (the first typed), in order.
fn first_per_person<'a>(rows: impl Iterator<Item = &'a SignIn>) -> Vec<&'a SignIn> {
    let mut seen = BTreeSet::new();
    rows.filter(|s| seen.insert(s.id_number.as_str())).collect()
}

fn records(facts: &TrainingFacts, rows: &[&SignIn]) -> Vec<RecordRef> {
    let mut out: Vec<RecordRef> = rows.iter().map(|r| facts.record(r)).collect();
    out.truncate(MAX_RECORDS);
    out
}

pub fn check(facts: &TrainingFacts, thresholds: &Thresholds) -> Vec<Finding> {
    let mut out = shared_phones(facts, thresholds);
    let mut sessions: Vec<Vec<&SignIn>> = vec![Vec::new(); facts.sessions.len()];
    for s in &facts.sign_ins {
        sessions[s.session].push(s);
    }
    for (i, rows) in sessions.iter().enumerate() {
        if rows.is_empty() {
            continue;
        }
        out.extend(phone_runs(facts, i, rows, thresholds));
        out.extend(id_order(facts, i, rows, thresholds));
        out.extend(shared_birthdays(facts, i, rows, thresholds));
    }
    out
}

fn shared_phones(facts: &TrainingFacts, thresholds: &Thresholds) -> Vec<Finding> {
    let min = thresholds.trainees_per_phone.max(2) as usize;
    let mut by_phone: BTreeMap<&str, Vec<&SignIn>> = BTreeMap::new();
    for s in first_per_person_and_session(facts) {
        if !s.phone.trim().is_empty() {
            by_phone.entry(s.phone.trim()).or_default().push(s);
        }
    }
    let mut out = Vec::new();
    for (phone, rows) in by_phone {
        let people = first_per_person(rows.iter().copied());
        if people.len() < min {
            continue;
        }
        out.push(
            Finding::new(
                CheckCode::F5_SHARED_PHONE,
                records(facts, &people),
                format!(
                    "{} 名学员登记了同一个手机号 {}。",
                    people.len(),
                    masked_mobile(phone)
                ),
            )
            .compare("手机号", masked_mobile(phone))
            .compare("学员人数", people.len().to_string())
            .threshold(format!("{min} 人及以上共用一个号码"))
            .anchored(format!("phone:{phone}")),
        );
    }
    out
}

/// One row per person and session: a trainee of a five-day course is one trainee.
fn first_per_person_and_session(facts: &TrainingFacts) -> Vec<&SignIn> {
    let mut seen = BTreeSet::new();
    facts
        .sign_ins
        .iter()
        .filter(|s| seen.insert((s.session, s.id_number.as_str())))
        .collect()
}

fn phone_runs(
    facts: &TrainingFacts,
    session: usize,
    rows: &[&SignIn],
    thresholds: &Thresholds,
) -> Vec<Finding> {
    let min = thresholds.phone_run_min.max(2) as usize;
    let mut numbers: BTreeMap<u64, &SignIn> = BTreeMap::new();
    for s in first_per_person(rows.iter().copied()) {
        let p = s.phone.trim();
        if p.len() == 11 && p.bytes().all(|b| b.is_ascii_digit()) {
            numbers.entry(p.parse().expect("11 digits")).or_insert(s);
        }
    }
    let sorted: Vec<(u64, &SignIn)> = numbers.into_iter().collect();
    let mut out = Vec::new();
    let mut start = 0;
    for end in 1..=sorted.len() {
        if end < sorted.len() && sorted[end].0 == sorted[end - 1].0 + 1 {
            continue;
        }
        let run = &sorted[start..end];
        if run.len() >= min {
            let first = run[0].0.to_string();
            let last = run[run.len() - 1].0.to_string();
            let people: Vec<&SignIn> = run.iter().map(|(_, s)| *s).collect();
            let title = &facts.sessions[session].title;
            out.push(
                Finding::new(
                    CheckCode::F5_PHONE_RUN,
                    records(facts, &people),
                    format!(
                        "“{title}”有 {} 名学员的手机号连号：{} 至 {}。",
                        run.len(),
                        masked_mobile(&first),
                        masked_mobile(&last)
                    ),
                )
                .compare("连号个数", run.len().to_string())
                .compare(
                    "起止号码",
                    format!("{}～{}", masked_mobile(&first), masked_mobile(&last)),
                )
                .threshold(format!("{min} 个及以上连续号码"))
                .anchored(format!("phone-run:{}:{first}", facts.sessions[session].id)),
            );
        }
        start = end;
    }
    out
}

fn id_order(
    facts: &TrainingFacts,
    session: usize,
    rows: &[&SignIn],
    thresholds: &Thresholds,
) -> Option<Finding> {
    let min = thresholds.id_order_min.max(3) as usize;
    let mut by_slot: BTreeMap<&str, Vec<&SignIn>> = BTreeMap::new();
    for s in rows {
        by_slot.entry(&s.slot).or_default().push(s);
    }
    let (slot, sheet) = by_slot.into_iter().find(|(_, sheet)| {
        sheet.len() >= min && sheet.windows(2).all(|w| w[0].id_number < w[1].id_number)
    })?;
    let title = &facts.sessions[session].title;
    Some(
        Finding::new(
            CheckCode::F5_ID_ORDER,
            records(facts, &sheet),
            format!(
                "“{title}”{}的 {} 人签到名单恰好按身份证号从小到大排列。",
                slot_label(slot),
                sheet.len()
            ),
        )
        .compare("时段", slot_label(slot))
        .compare("人数", sheet.len().to_string())
        .threshold(format!("{min} 人及以上的名单按身份证号顺序"))
        .anchored(format!("id-order:{}", facts.sessions[session].id)),
    )
}

fn shared_birthdays(
    facts: &TrainingFacts,
    session: usize,
    rows: &[&SignIn],
    thresholds: &Thresholds,
) -> Vec<Finding> {
    let min = thresholds.shared_birthday_min.max(2) as usize;
    let mut by_birthday: BTreeMap<&str, Vec<&SignIn>> = BTreeMap::new();
    for s in first_per_person(rows.iter().copied()) {
        if let Some(birth) = s.id_number.get(6..14) {
            by_birthday.entry(birth).or_default().push(s);
        }
    }
    let title = &facts.sessions[session].title;
    by_birthday
        .into_iter()
        .filter(|(_, people)| people.len() >= min)
        .map(|(birth, people)| {
            let date = format!("{}-{}-{}", &birth[..4], &birth[4..6], &birth[6..]);
            Finding::new(
                CheckCode::F5_SHARED_BIRTHDAY,
                records(facts, &people),
                format!(
                    "“{title}”有 {} 名学员出生日期相同（{date}）：{}。",
                    people.len(),
                    people
                        .iter()
                        .map(|p| format!("{}（{}）", p.name, masked_id(&p.id_number)))
                        .collect::<Vec<_>>()
                        .join("、")
                ),
            )
            .compare("出生日期", date)
            .compare("人数", people.len().to_string())
            .threshold(format!("同一场 {min} 人及以上同一天出生"))
            .anchored(format!("birthday:{}:{birth}", facts.sessions[session].id))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::training::fixtures::{session, sign_in};
    use super::*;

    const AM: &str = "2026-03-02 am";

    fn found(rows: Vec<SignIn>) -> Vec<CheckCode> {
        let facts = TrainingFacts {
            sessions: vec![session("s1", "t1", &[AM], 100)],
            sign_ins: rows,
            ..TrainingFacts::default()
        };
        check(&facts, &Thresholds::default())
            .into_iter()
            .map(|f| f.check)
            .collect()
    }

    /// People typed in a shuffled order, with scattered phones and birthdays.
    fn plain(n: u32) -> Vec<SignIn> {
        (1..=n)
            .map(|p| {
                let person = (p * 37) % 101 + 1;
                let mut s = sign_in(0, AM, person);
                s.id_number = format!(
                    "65422419{:02}{:02}{:02}{:03}X",
                    60 + person % 30,
                    person % 12 + 1,
                    person % 27 + 1,
                    person
                );
                s.phone = format!("13{:09}", 100_000_000 + person as u64 * 7_777_771);
                s
            })
            .collect()
    }

    #[test]
    fn each_trainee_pattern_raises_on_its_case_and_not_on_the_near_miss() {
        let t = Thresholds::default();
        assert_eq!(found(plain(12)), [], "a plain sheet raises nothing");

        let mut shared = plain(12);
        for s in shared.iter_mut().take(t.trainees_per_phone as usize) {
            s.phone = "13800000000".into();
        }
        assert_eq!(found(shared.clone()), [CheckCode::F5_SHARED_PHONE]);
        shared[0].phone = "13800000009".into();
        assert_eq!(found(shared), [], "one short of the threshold");

        let mut run = plain(12);
        for (i, s) in run.iter_mut().take(t.phone_run_min as usize).enumerate() {
            s.phone = format!("1380000{:04}", 1000 + i);
        }
        assert_eq!(found(run.clone()), [CheckCode::F5_PHONE_RUN]);
        run[0].phone = "13800009999".into();
        assert_eq!(found(run), [], "a run one short");

        let mut ordered = plain(12);
        ordered.sort_by(|a, b| a.id_number.cmp(&b.id_number));
        assert_eq!(found(ordered.clone()), [CheckCode::F5_ID_ORDER]);
        ordered.swap(3, 4);
        assert_eq!(found(ordered), [], "one pair out of order");

        let mut birthdays = plain(12);
        for s in birthdays.iter_mut().take(t.shared_birthday_min as usize) {
            s.id_number.replace_range(6..14, "19850505");
        }
        assert_eq!(found(birthdays.clone()), [CheckCode::F5_SHARED_BIRTHDAY]);
        birthdays[0].id_number.replace_range(6..14, "19850506");
        assert_eq!(found(birthdays), [], "one short of the threshold");
    }
}
