use chrono::NaiveDate;

use super::*;
use crate::domain::programmes::{presets, Preset};
use crate::Code;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn input() -> TrainingSessionInput {
    TrainingSessionInput {
        programme_id: "p".into(),
        kind: TrainingKind::TownshipOnsite,
        title: " 鸡峰镇电商培训班 ".into(),
        organiser: "成县商务局".into(),
        provider: String::new(),
        venue: "鸡峰镇政府会议室".into(),
        township_id: Some("t".into()),
        start_date: "2019-06-03".into(),
        end_date: "2019/6/4".into(),
        half_days: HalfDays::Both,
        slots: None,
        trainers: vec![" 王老师 ".into()],
        outline: String::new(),
        planned_headcount: 60,
        audience: None,
    }
}

#[test]
fn slots_are_generated_from_dates_or_listed() {
    let valid = input().validated().unwrap();
    assert_eq!(valid.title, "鸡峰镇电商培训班");
    assert_eq!(valid.trainers, ["王老师"]);
    assert_eq!(
        valid.slots,
        [
            "2019-06-03 am",
            "2019-06-03 pm",
            "2019-06-04 am",
            "2019-06-04 pm"
        ]
    );
    let mornings = TrainingSessionInput {
        half_days: HalfDays::Am,
        ..input()
    };
    assert_eq!(
        mornings.validated().unwrap().slots,
        ["2019-06-03 am", "2019-06-04 am"]
    );
    let listed = TrainingSessionInput {
        slots: Some(vec!["2019年6月4日上午".into(), "2019-6-3 PM".into()]),
        ..input()
    };
    assert_eq!(
        listed.validated().unwrap().slots,
        ["2019-06-03 pm", "2019-06-04 am"]
    );
}

#[test]
fn session_refusals() {
    let cases: Vec<(TrainingSessionInput, Code, &str)> = vec![
        (
            TrainingSessionInput {
                title: " ".into(),
                ..input()
            },
            Code::NAME_EMPTY,
            "title",
        ),
        (
            TrainingSessionInput {
                township_id: None,
                ..input()
            },
            Code::TRAINING_TOWNSHIP,
            "townshipId",
        ),
        (
            TrainingSessionInput {
                end_date: "2019-06-02".into(),
                ..input()
            },
            Code::TRAINING_DATES,
            "endDate",
        ),
        (
            TrainingSessionInput {
                end_date: "2019-08-02".into(),
                ..input()
            },
            Code::TRAINING_DATES,
            "endDate",
        ),
        (
            TrainingSessionInput {
                slots: Some(vec!["2019-06-05 am".into()]),
                ..input()
            },
            Code::TRAINING_SLOTS,
            "slots",
        ),
        (
            TrainingSessionInput {
                slots: Some(vec!["2019-06-03 am".into(), "2019年6月3日上午".into()]),
                ..input()
            },
            Code::TRAINING_SLOTS,
            "slots",
        ),
        (
            TrainingSessionInput {
                slots: Some(vec!["2019-06-03 evening".into()]),
                ..input()
            },
            Code::TRAINING_SLOTS,
            "slots",
        ),
        (
            TrainingSessionInput {
                slots: Some(vec![]),
                ..input()
            },
            Code::TRAINING_SLOTS,
            "slots",
        ),
        (
            TrainingSessionInput {
                planned_headcount: 0,
                ..input()
            },
            Code::TRAINING_HEADCOUNT,
            "plannedHeadcount",
        ),
        (
            TrainingSessionInput {
                start_date: "6月3日".into(),
                ..input()
            },
            Code::DATE_INVALID,
            "startDate",
        ),
    ];
    for (input, code, field) in cases {
        let e = input.validated().expect_err(code.as_str());
        assert_eq!((e.code(), e.field()), (code, field), "{e}");
    }
    let county = TrainingSessionInput {
        kind: TrainingKind::County,
        township_id: None,
        ..input()
    };
    assert_eq!(county.validated().unwrap().township_id, None);
}

#[test]
fn ages_count_full_years() {
    let birth = d(2003, 6, 4);
    assert_eq!(age_on(birth, d(2019, 6, 3)), 15);
    assert_eq!(age_on(birth, d(2019, 6, 4)), 16);
    assert_eq!(age_on(d(1944, 2, 29), d(2019, 2, 28)), 74);
    assert_eq!(age_on(d(1944, 2, 29), d(2019, 3, 1)), 75);
}

#[test]
fn slot_labels() {
    let slot = Slot::parse("2019-06-03 pm", Code::ATTENDANCE_SLOT, "slot").unwrap();
    assert_eq!(slot.to_string(), "2019-06-03 pm");
    assert_eq!(slot.label(), "2019年6月3日下午");
    assert_eq!(
        days_of(&[
            "2019-06-03 am".into(),
            "2019-06-03 pm".into(),
            "2019-06-05 am".into()
        ]),
        2
    );
}

#[test]
fn totals_against_the_training_preset() {
    let preset = presets()
        .unwrap()
        .into_iter()
        .find(|p| p.code == "chengxian-2019-training")
        .unwrap();
    // Every person attends every day of their session: person-days = persons × days.
    let tally = |kind, township: Option<&str>, days, times, poor| SessionTallyInput {
        kind,
        township_id: township.map(str::to_string),
        township_name: township.map(|t| format!("{t}镇")).unwrap_or_default(),
        days,
        person_times: times,
        poor_person_times: poor,
        person_days: times * days,
        by_audience: vec![(
            Audience::Other,
            AttendanceCounts {
                person_times: times,
                poor_person_times: poor,
                person_days: times * days,
            },
        )],
    };
    let mut county = tally(TrainingKind::County, None, 3, 5, 5);
    county.by_audience = vec![
        (
            Audience::TownshipStaff,
            AttendanceCounts {
                person_times: 2,
                poor_person_times: 2,
                person_days: 6,
            },
        ),
        (
            Audience::PoorHousehold,
            AttendanceCounts {
                person_times: 3,
                poor_person_times: 3,
                person_days: 9,
            },
        ),
    ];
    let sessions = [
        tally(TrainingKind::TownshipOnsite, Some("a"), 1, 10, 4),
        tally(TrainingKind::TownshipOnsite, Some("a"), 1, 6, 0),
        tally(TrainingKind::TownshipOnsite, Some("b"), 1, 0, 0),
        county,
        tally(TrainingKind::FieldTrip, None, 2, 3, 1),
    ];
    let t = training_totals("p", "培训", &preset, &sessions, &persons(12, 6));
    assert_eq!(
        (
            t.sessions,
            t.held_sessions,
            t.person_times,
            t.poor_person_times
        ),
        (5, 4, 24, 10)
    );
    // 16 × 1 + 5 × 3 + 3 × 2 person-days
    assert_eq!(t.person_days, "37");
    // 16 person-days × 100 + 15 × 200 + 6 × 300
    assert_eq!(t.cost, "6400.00");
    let kinds: Vec<(&str, Option<&str>, &str)> = t
        .by_kind
        .iter()
        .map(|k| (k.person_days.as_str(), k.rate.as_deref(), k.cost.as_str()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("16", Some("100.00"), "1600.00"),
            ("15", Some("200.00"), "3000.00"),
            ("6", Some("300.00"), "1800.00")
        ]
    );
    let towns: Vec<(&str, u32, u32)> = t
        .by_township
        .iter()
        .map(|x| (x.township_name.as_str(), x.sessions, x.person_times))
        .collect();
    assert_eq!(towns, [("a镇", 2, 16), ("b镇", 1, 0), (COUNTY_LEVEL, 2, 8)]);
    let audiences: Vec<(Audience, u32, u32, u32)> = t
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
    // In `Audience::ALL` order; the county session's two audiences apart from the rest.
    assert_eq!(
        audiences,
        [
            (Audience::TownshipStaff, 2, 2, 6),
            (Audience::PoorHousehold, 3, 3, 9),
            (Audience::Other, 19, 5, 22),
        ]
    );
    let targets: Vec<(&str, Option<u32>, Option<bool>)> = t
        .targets
        .iter()
        .map(|x| (x.key.as_str(), x.achieved, x.met))
        .collect();
    assert_eq!(
        targets,
        [
            ("person_times", Some(24), Some(false)),
            ("township_sessions", Some(1), Some(false)),
            ("county_sessions", Some(1), Some(false)),
            ("county_session_days", Some(3), Some(true)),
            ("field_trips", Some(1), Some(false)),
        ]
    );
    // Without rates there is no cost, and the rate is shown as missing.
    let bare = Preset {
        rates: None,
        ..preset
    };
    let t = training_totals("p", "培训", &bare, &sessions, &persons(12, 6));
    assert_eq!((t.cost.as_str(), t.by_kind[0].rate.clone()), ("0.00", None));
}

#[test]
fn the_half_days_setting_is_recognised_from_the_stored_slots() {
    let slots = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let two_days = slots(&[
        "2019-06-03 am",
        "2019-06-03 pm",
        "2019-06-04 am",
        "2019-06-04 pm",
    ]);
    assert_eq!(
        half_days_of("2019-06-03", "2019-06-04", &two_days),
        Some(HalfDays::Both)
    );
    let mornings = slots(&["2019-06-03 am", "2019-06-04 am"]);
    assert_eq!(
        half_days_of("2019-06-03", "2019-06-04", &mornings),
        Some(HalfDays::Am)
    );
    let picked = slots(&["2019-06-03 am", "2019-06-04 pm"]);
    assert_eq!(half_days_of("2019-06-03", "2019-06-04", &picked), None);
    assert_eq!(half_days_of("2019-06-03", "bad", &mornings), None);
}

fn persons(all: u32, poor: u32) -> DistinctPersons {
    DistinctPersons {
        all,
        poor,
        ..Default::default()
    }
}
