//! The incremental run after an import (issue 15: "the run after a 10,000-change import under
//! 300 ms"): the county judges only the groups the records changed since the last run are in
//! and were in. What must hold: after every import the stored findings are exactly what a whole
//! run would store (same ids, status and evidence); a cause a later batch fixes is closed with
//! the fixing change; a finding outside the changed groups stays exactly as it was.
//! Over 托里县 (654224), not the demo county.

use fieldbook::checks::{CheckCode, FindingFilter, FindingStatus, FindingView, Scope};
use fieldbook::demo::records::Synthetic;
use fieldbook::domain::households::HouseholdInput;
use fieldbook::domain::lifecycle::RecordKind;
use fieldbook::domain::training::{AttendanceInput, HalfDays, TrainingKind, TrainingSessionInput};
use fieldbook::Store;

use crate::checks_sync::{hub, id_number, inspection_with_photo, png, Hub};
use crate::sync::{device_at, export};

const TOWNSHIPS: [&str; 2] = ["654224100", "654224101"];

/// What a finding is, as a whole run would store it: everything but when it was seen.
type Stored = (String, FindingStatus, String);

/// A session a laptop made: its id, slot ids, day and half-days.
type SessionMade = (String, Vec<String>, String, HalfDays);

fn stored(county: &Store) -> Vec<Stored> {
    let mut out: Vec<Stored> = county
        .findings(&FindingFilter::default())
        .unwrap()
        .into_iter()
        .map(|f: FindingView| {
            let evidence = serde_json::json!({
                "check": f.check,
                "records": f.records,
                "compared": f.compared,
                "threshold": f.threshold,
                "summary": f.summary,
                "townships": f.townships,
                "closedBy": f.closed_by,
            });
            (f.id, f.status, evidence.to_string())
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// A whole run over the county after the import finds nothing new, closes nothing and changes
/// no evidence: the incremental run stored what it would.
fn assert_whole_run_agrees(county: &mut Store, context: &str) {
    let before = stored(county);
    let whole = county.run_checks(&Scope::All).unwrap();
    let after = stored(county);
    let differs: Vec<(&Stored, &Stored)> =
        before.iter().zip(&after).filter(|(b, a)| b != a).collect();
    assert_eq!(
        (whole.report.new, whole.report.closed),
        (0, 0),
        "{context}: the whole run found or closed what the incremental one did not: {differs:#?}"
    );
    assert_eq!(after, before, "{context}: evidence differs");
}

fn session(laptop: &mut Store, hub: &Hub, township: usize, day: &str, half: HalfDays) -> String {
    laptop
        .add_training_session(&session_input(laptop, hub, township, day, half))
        .unwrap()
        .record
        .id
}

fn session_input(
    laptop: &Store,
    hub: &Hub,
    township: usize,
    day: &str,
    half: HalfDays,
) -> TrainingSessionInput {
    let township_id = laptop.find_township(TOWNSHIPS[township]).unwrap().id;
    TrainingSessionInput {
        programme_id: hub.training.clone(),
        kind: TrainingKind::TownshipOnsite,
        title: format!("{day}培训"),
        organiser: "托里县商务局".into(),
        provider: "托里县电商服务中心".into(),
        venue: "会议室".into(),
        township_id: Some(township_id),
        start_date: day.into(),
        end_date: day.into(),
        half_days: half,
        slots: None,
        trainers: vec!["阿依古丽".into()],
        outline: String::new(),
        planned_headcount: 3,
        audience: None,
    }
}

/// One of ten people: two spellings of some names (F1), four phones between them (F5).
fn sign_in(session: &str, slot: &str, person: u32, spelling: u32, phone: u32) -> AttendanceInput {
    AttendanceInput {
        session_id: session.into(),
        slot: slot.into(),
        name: ["努尔兰", "古丽", "马强", "李娟", "王芳"][(person % 5) as usize].to_string()
            + ["", "江"][(spelling % 2) as usize],
        id_number: id_number(person + 1),
        phone: format!("1390939{:04}", 1000 + phone % 4),
        township_id: None,
        village_id: None,
        signed: true,
        sheet_page: String::new(),
        audience: None,
    }
}

#[test]
fn after_every_import_the_stored_findings_are_what_a_whole_run_stores() {
    let (mut raised, mut closed) = (0, 0);
    for seed in 0..6u64 {
        let dir = tempfile::tempdir().unwrap();
        let mut hub = hub(dir.path());
        hub.county.run_checks(&Scope::All).unwrap();
        let mut laptops = [
            device_at(
                &mut hub.county,
                &dir.path().join("a.db"),
                TOWNSHIPS[0],
                "王强",
            ),
            device_at(
                &mut hub.county,
                &dir.path().join("b.db"),
                TOWNSHIPS[1],
                "李娟",
            ),
        ];
        let inspections = [
            inspection_with_photo(&mut laptops[0], &hub, 0, &png(b"a")),
            inspection_with_photo(&mut laptops[1], &hub, 1, &png(b"b")),
        ];
        let mut rng = Synthetic::new(0x15b0 + seed);
        let mut sessions: [Vec<SessionMade>; 2] = [Vec::new(), Vec::new()];
        let mut signed: [Vec<String>; 2] = [Vec::new(), Vec::new()];
        for round in 0..12 {
            for _ in 0..rng.between(1, 6) {
                let t = rng.between(0, 1) as usize;
                let laptop = &mut laptops[t];
                match rng.between(0, 11) {
                    0 | 1 => {
                        let day = ["2026-03-02", "2026-03-03"][rng.between(0, 1) as usize];
                        let half = [HalfDays::Am, HalfDays::Pm, HalfDays::Both]
                            [rng.between(0, 2) as usize];
                        let id = session(laptop, &hub, t, day, half);
                        let slots = match half {
                            HalfDays::Am => vec![format!("{day} am")],
                            HalfDays::Pm => vec![format!("{day} pm")],
                            _ => vec![format!("{day} am"), format!("{day} pm")],
                        };
                        sessions[t].push((id, slots, day.to_string(), half));
                    }
                    2..=5 if !sessions[t].is_empty() => {
                        let (id, slots, _, _) =
                            &sessions[t][rng.between(0, sessions[t].len() as i64 - 1) as usize];
                        let slot = &slots[rng.between(0, slots.len() as i64 - 1) as usize];
                        for _ in 0..rng.between(1, 4) {
                            let input = sign_in(
                                id,
                                slot,
                                rng.between(0, 9) as u32,
                                rng.between(0, 3) as u32 / 3,
                                rng.between(0, 3) as u32,
                            );
                            // The same person twice in one half-day is refused: left out.
                            if let Ok(row) = laptop.add_attendance(&input) {
                                signed[t].push(row.record.id);
                            }
                        }
                    }
                    6 if !signed[t].is_empty() => {
                        let i = rng.between(0, signed[t].len() as i64 - 1) as usize;
                        let row = signed[t].swap_remove(i);
                        laptop.remove_attendance(&row).unwrap();
                    }
                    7 => {
                        let photo = png(&[b'p', rng.between(0, 2) as u8]);
                        // A photo the inspection already has is refused: left out.
                        let _ = laptop.add_inspection_photo(
                            &inspections[t],
                            "门头.png",
                            &photo,
                            "门头",
                        );
                    }
                    8 => {
                        // The county's own edit between imports: judged by the next import's run.
                        let person = rng.between(0, 9) as u32;
                        let _ = hub.county.add_household(&HouseholdInput {
                            head_name: ["努尔兰", "古丽", "马强", "李娟", "王芳"]
                                [(person % 5) as usize]
                                .into(),
                            id_number: id_number(person + 1),
                            size: 3,
                            village_id: hub.villages[rng.between(0, 1) as usize].clone(),
                            village_group: String::new(),
                            category: "lifted".into(),
                            year_lifted: Some(2019),
                            phone: String::new(),
                            notes: String::new(),
                        });
                    }
                    9 if !sessions[t].is_empty() => {
                        // An edit of the session: its title is in every row's label, its plan
                        // is F4's threshold.
                        let i = rng.between(0, sessions[t].len() as i64 - 1) as usize;
                        let (id, _, day, half) = sessions[t][i].clone();
                        let mut input = session_input(laptop, &hub, t, &day, half);
                        input.title = format!("{day}培训（第{}期）", rng.between(1, 3));
                        input.planned_headcount = rng.between(1, 4) as u32;
                        laptop.update_training_session(&id, &input).unwrap();
                    }
                    10 if !sessions[t].is_empty() && rng.between(0, 2) == 0 => {
                        // Only a session without sign-ins can be voided (else refused).
                        let i = rng.between(0, sessions[t].len() as i64 - 1) as usize;
                        let id = sessions[t][i].0.clone();
                        if laptop
                            .void_record(RecordKind::TrainingSession, &id, "录入重复")
                            .is_ok()
                        {
                            sessions[t].swap_remove(i);
                        }
                    }
                    _ => {}
                }
            }
            let t = rng.between(0, 1) as usize;
            let batch = export(&mut laptops[t]);
            hub.county.import_batch(&batch, false).unwrap();
            assert_whole_run_agrees(&mut hub.county, &format!("seed {seed} round {round}"));
        }
        let findings = stored(&hub.county);
        raised += findings.len();
        closed += findings
            .iter()
            .filter(|f| f.1 == FindingStatus::Closed)
            .count();
    }
    assert!(
        raised > 0 && closed > 0,
        "the scenarios raised {raised} and closed {closed}: nothing to compare"
    );
}

#[test]
fn a_cause_a_later_batch_fixes_is_closed_by_that_change_and_unrelated_findings_stay_as_they_were() {
    let dir = tempfile::tempdir().unwrap();
    let mut hub = hub(dir.path());
    let mut a = device_at(
        &mut hub.county,
        &dir.path().join("a.db"),
        TOWNSHIPS[0],
        "王强",
    );
    let mut b = device_at(
        &mut hub.county,
        &dir.path().join("b.db"),
        TOWNSHIPS[1],
        "李娟",
    );
    let photo = png(b"same shop front");
    inspection_with_photo(&mut a, &hub, 0, &photo);
    inspection_with_photo(&mut b, &hub, 1, &photo);
    let morning = session(&mut a, &hub, 0, "2026-03-02", HalfDays::Am);
    let mut rows = Vec::new();
    for person in 0..3 {
        let input = sign_in(&morning, "2026-03-02 am", person, 0, 0);
        rows.push(a.add_attendance(&input).unwrap().record.id);
    }
    hub.county.import_batch(&export(&mut b), false).unwrap();
    let first = hub.county.import_batch(&export(&mut a), false).unwrap();
    assert_eq!(
        first.checks.unwrap().new,
        2,
        "a shared phone and a reused photo"
    );
    let of = |county: &Store, check| -> FindingView {
        let found = county
            .findings(&FindingFilter {
                check: Some(check),
                ..FindingFilter::default()
            })
            .unwrap();
        assert_eq!(found.len(), 1, "{check:?}: {found:#?}");
        found.into_iter().next().unwrap()
    };
    let phone = of(&hub.county, CheckCode::F5_SHARED_PHONE);
    let reused = of(&hub.county, CheckCode::F10_PHOTO_REUSED);

    // Near miss: a sign-in on another phone leaves the shared phone open and touches nothing
    // else (the photo's finding is not even seen again).
    let other = session(&mut a, &hub, 0, "2026-03-03", HalfDays::Pm);
    a.add_attendance(&sign_in(&other, "2026-03-03 pm", 7, 0, 1))
        .unwrap();
    let run = hub.county.import_batch(&export(&mut a), false).unwrap();
    assert_eq!(run.checks.unwrap().closed, 0);
    assert_eq!(
        hub.county.finding(&phone.id).unwrap().status,
        FindingStatus::Open
    );
    let photo_now = hub.county.finding(&reused.id).unwrap();
    assert_eq!(photo_now.last_seen, reused.last_seen, "outside the groups");

    // The fix: one of the three is removed; the finding closes with that very change.
    a.remove_attendance(&rows[0]).unwrap();
    let fixed = hub.county.import_batch(&export(&mut a), false).unwrap();
    assert_eq!(fixed.checks.unwrap().closed, 1);
    let closed = hub.county.finding(&phone.id).unwrap();
    assert_eq!(closed.status, FindingStatus::Closed);
    let removal = hub
        .county
        .history("attendance", &rows[0])
        .unwrap()
        .pop()
        .unwrap();
    assert_eq!(removal.op, "delete");
    assert_eq!(
        closed.closed_by.as_deref(),
        Some(removal.change_id.as_str())
    );
    assert_eq!(
        hub.county.finding(&reused.id).unwrap().status,
        FindingStatus::Open
    );
    assert_whole_run_agrees(&mut hub.county, "after the fix");
}
