//! The counting rules (DOMAIN.md "Counting rules") in a second county (托里县) and in the demo:
//! 人次 = each person once per session, 人天 = dates attended, totals by audience.

use fieldbook::domain::training::{AttendanceInput, Audience, TrainingKind};

use crate::county::tori;
use crate::members::{session, sign_in, tori_id, tori_with_household};

#[test]
fn one_person_signed_in_at_all_six_half_days_of_a_three_day_session_is_1_person_time_and_3_person_days(
) {
    let mut t = tori_with_household(tori(None));
    let county = session(&mut t, TrainingKind::County, "2021-05-10", "2021-05-12");
    let slots: Vec<String> = ["10", "11", "12"]
        .iter()
        .flat_map(|d| ["am", "pm"].map(|h| format!("2021-05-{d} {h}")))
        .collect();
    let rows: Vec<AttendanceInput> = slots
        .iter()
        .map(|slot| sign_in(&county, slot, "阿力木", &tori_id(1)))
        .collect();
    assert_eq!(t.store.add_attendances(&rows).unwrap().len(), 6);

    let totals = t.store.training_totals(&t.programme).unwrap();
    assert_eq!(
        (
            totals.person_times,
            totals.person_days.as_str(),
            totals.distinct_persons
        ),
        (1, "3", 1)
    );
    assert_eq!((totals.poor_person_times, totals.poor_persons), (1, 1));
    // A county session is paid at the skills rate: 3 人天 × 200 元.
    assert_eq!(totals.cost, "600.00");
    let detail = t.store.training_session(&county).unwrap();
    assert_eq!((detail.person_times, detail.person_days), (1, 3));
    // Each half-day still shows who signed in then.
    assert!(detail.slots.iter().all(|s| s.person_times == 1));
    let listed = t.store.list_training_sessions(None, None).unwrap();
    assert_eq!(listed[0].person_times, 1);
}

#[test]
fn each_person_keeps_an_audience_so_person_times_split_by_audience() {
    let mut t = tori_with_household(tori(None));
    let onsite = session(
        &mut t,
        TrainingKind::TownshipOnsite,
        "2021-06-01",
        "2021-06-02",
    );
    let mut cadre = sign_in(&onsite, "2021-06-01 am", "王强", &tori_id(5));
    cadre.audience = Some(Audience::VillageCadre);
    let mut rows = vec![cadre];
    for slot in ["2021-06-01 am", "2021-06-01 pm", "2021-06-02 am"] {
        rows.push(sign_in(&onsite, slot, "阿力木", &tori_id(1)));
    }
    t.store.add_attendances(&rows).unwrap();
    let totals = t.store.training_totals(&t.programme).unwrap();
    let split: Vec<(Audience, u32, u32, u32)> = totals
        .by_audience
        .iter()
        .map(|a| {
            (
                a.audience,
                a.person_times,
                a.poor_person_times,
                a.person_days,
            )
        })
        .collect();
    // The session's audience (服务站长) for 阿力木 (two dates), 村干部 as typed for 王强.
    assert_eq!(
        split,
        [
            (Audience::VillageCadre, 1, 0, 1),
            (Audience::StationKeeper, 1, 1, 2)
        ]
    );
}

/// The demo's training, counted by the rules (numbers derived by hand from `demo::add_training`):
/// three township sessions of one day, 25 heads each at both half-days → 75 人次, 75 人天; a
/// three-day county course of 25 heads and 5 outsiders at all six half-days → 30 人次, 90 人天.
/// Counted per half-day as before, the same 330 sign-ins were "330 人次". The cost does not move:
/// 75 人天 × 100 + 90 人天 × 200 = 25,500 元 (every demo trainee attended whole days).
#[test]
fn the_demo_counts_105_person_times_and_165_person_days() {
    let (_dir, store) = crate::print::demo_store();
    let programme = store
        .list_programmes()
        .unwrap()
        .into_iter()
        .find(|p| p.kind == fieldbook::domain::programmes::ProgrammeKind::Training)
        .unwrap();
    let t = store.training_totals(&programme.id).unwrap();
    assert_eq!(
        (t.person_times, t.poor_person_times, t.person_days.as_str()),
        (105, 100, "165")
    );
    // 96 heads (4 of the county course's 25 also came to a township session) and 5 outsiders.
    assert_eq!((t.distinct_persons, t.poor_persons), (101, 96));
    assert_eq!(t.cost, "25500.00");
    let split: Vec<(Audience, u32, u32, u32)> = t
        .by_audience
        .iter()
        .map(|a| {
            (
                a.audience,
                a.person_times,
                a.poor_person_times,
                a.person_days,
            )
        })
        .collect();
    assert_eq!(
        split,
        [
            (Audience::OnlineSeller, 5, 0, 15),
            (Audience::PoorHousehold, 100, 100, 150)
        ]
    );
}
