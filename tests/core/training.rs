//! Training sessions and sign-in: the poor flag derived from the register, the overlap,
//! headcount and age warnings, the refusals, the programme totals and the audit trail.

use std::process::Output;

use fieldbook::domain::resident_id::check_char;
use fieldbook::domain::training::{
    AttendanceInput, Audience, HalfDays, TrainingKind, TrainingSessionInput, NOT_IN_REGISTER,
};
use fieldbook::store::attendance_id;
use fieldbook::store::write::Status;
use fieldbook::Store;
use serde_json::{json, Value};

use crate::records::{household, id_number, places_only};
use crate::temp_db;

pub(crate) struct Fixture {
    pub store: Store,
    pub programme: String,
    /// 鸡峰镇 and the next township by code.
    pub townships: [(String, String); 2],
}

pub(crate) fn fixture() -> Fixture {
    let mut store = places_only();
    let programme = store
        .add_programme_from_preset("chengxian-2019-training", None)
        .unwrap()
        .id;
    let list = store.list_townships().unwrap();
    let jifeng = list.iter().find(|t| t.code == "621221101").unwrap();
    let other = list.iter().find(|t| t.code != "621221101").unwrap();
    Fixture {
        store,
        programme,
        townships: [
            (jifeng.id.clone(), jifeng.name.clone()),
            (other.id.clone(), other.name.clone()),
        ],
    }
}

pub(crate) fn session(
    f: &Fixture,
    title: &str,
    township: usize,
    start: &str,
    end: &str,
) -> TrainingSessionInput {
    TrainingSessionInput {
        programme_id: f.programme.clone(),
        kind: TrainingKind::TownshipOnsite,
        title: title.into(),
        organiser: "成县商务局".into(),
        provider: "成县电商服务中心".into(),
        venue: "乡镇政府会议室".into(),
        township_id: Some(f.townships[township].0.clone()),
        start_date: start.into(),
        end_date: end.into(),
        half_days: HalfDays::Both,
        slots: None,
        trainers: vec!["王老师".into()],
        outline: "网店开设与运营".into(),
        planned_headcount: 50,
        audience: None,
    }
}

pub(crate) fn add_session(f: &mut Fixture, input: &TrainingSessionInput) -> String {
    f.store.add_training_session(input).unwrap().record.id
}

pub(crate) fn person(session: &str, slot: &str, name: &str, id: &str) -> AttendanceInput {
    AttendanceInput {
        session_id: session.into(),
        slot: slot.into(),
        name: name.into(),
        id_number: id.into(),
        phone: String::new(),
        township_id: None,
        village_id: None,
        signed: true,
        sheet_page: "第1页".into(),
        audience: None,
    }
}

fn id_born(birth: &str, seq: u32) -> String {
    let first17 = format!("621202{birth}{seq:03}");
    format!("{first17}{}", check_char(&first17))
}

fn codes(warnings: &[fieldbook::domain::Warning]) -> Vec<&str> {
    warnings.iter().map(|w| w.code.as_str()).collect()
}

#[test]
fn the_poor_flag_is_derived_from_the_register() {
    let mut f = fixture();
    f.store
        .add_household(&household(&f.store, 1, "张三"))
        .unwrap();
    let registered = f
        .store
        .household_by_id_number(&id_number(1))
        .unwrap()
        .unwrap();
    let s = session(&f, "鸡峰镇电商培训班", 0, "2019-06-03", "2019-06-03");
    let s = add_session(&mut f, &s);
    // (who, ID, poor, household, register label, village taken from the register, sex)
    let cases = [
        (
            "张三",
            id_number(1),
            true,
            Some(registered.id.clone()),
            "一般贫困户",
            true,
            "男",
        ),
        (
            "李四",
            id_number(2),
            false,
            None,
            NOT_IN_REGISTER,
            false,
            "女",
        ),
    ];
    for (name, id, poor, household_id, label, has_village, sex) in cases {
        let saved = f
            .store
            .add_attendance(&person(&s, "2019-06-03 am", name, &id))
            .unwrap();
        let row = &saved.record;
        assert_eq!(
            (
                row.poor,
                row.household_id.clone(),
                row.register_label.as_str()
            ),
            (poor, household_id, label),
            "{name}"
        );
        assert_eq!(row.village_id.is_some(), has_village, "{name}");
        assert_eq!(row.sex_label, sex, "{name}: from the 17th digit");
        assert_eq!(row.age, 49, "{name}");
        assert!(!row.id_masked.contains("19700101"), "lists mask the ID");
        assert!(saved.warnings.is_empty(), "{name}: {:?}", saved.warnings);
    }
    assert_eq!(
        f.store.attendance(&s).unwrap()[0].village_id,
        Some(registered.village_id)
    );
    // The flag cannot be typed: an input carrying it is refused as JSON.
    let typed = json!({ "sessionId": s, "slot": "2019-06-03 pm", "name": "王五",
                        "idNumber": id_number(3), "poor": true });
    assert!(serde_json::from_value::<AttendanceInput>(typed).is_err());
}

#[test]
fn overlap_across_sessions_is_named_but_other_slots_are_not() {
    let mut f = fixture();
    let a = session(&f, "鸡峰镇第一期", 0, "2019-06-03", "2019-06-03");
    let a = add_session(&mut f, &a);
    let b = session(&f, "第二乡镇培训班", 1, "2019-06-03", "2019-06-04");
    let b = add_session(&mut f, &b);
    let id = id_number(7);
    let first = f
        .store
        .add_attendance(&person(&a, "2019-06-03 am", "赵六", &id))
        .unwrap();
    assert!(first.warnings.is_empty());
    // (session, slot, expected warnings)
    let cases = [
        (&b, "2019-06-03 am", vec!["ATTENDANCE_OVERLAP"]),
        (&b, "2019-06-03 pm", vec![]),
        (&b, "2019-06-04 am", vec![]),
    ];
    for (session, slot, expected) in cases {
        let saved = f
            .store
            .add_attendance(&person(session, slot, "赵六", &id))
            .unwrap();
        assert_eq!(codes(&saved.warnings), expected, "{slot}");
        if let Some(w) = saved.warnings.first() {
            assert!(w.message.contains("鸡峰镇第一期"), "{}", w.message);
            assert!(w.message.contains(&f.townships[0].1), "{}", w.message);
            assert_eq!(w.field, "idNumber");
        }
    }
}

#[test]
fn attendance_above_the_planned_headcount_warns() {
    let mut f = fixture();
    let mut s = session(&f, "小班", 0, "2019-06-03", "2019-06-03");
    s.planned_headcount = 2;
    let s = add_session(&mut f, &s);
    let mut seen = Vec::new();
    for n in 0..3 {
        let saved = f
            .store
            .add_attendance(&person(&s, "2019-06-03 am", "学员", &id_number(10 + n)))
            .unwrap();
        seen.push(codes(&saved.warnings).join(","));
    }
    assert_eq!(seen, ["", "", "ATTENDANCE_OVER_HEADCOUNT"]);
    // The other slot has its own count.
    let pm = f
        .store
        .add_attendance(&person(&s, "2019-06-03 pm", "学员", &id_number(10)))
        .unwrap();
    assert!(pm.warnings.is_empty());
}

#[test]
fn ages_outside_16_to_75_warn() {
    let mut f = fixture();
    let s = session(&f, "年龄", 0, "2019-06-03", "2019-06-03");
    let s = add_session(&mut f, &s);
    // (birth date, warns): the session is on 2019-06-03.
    let cases = [
        ("20030604", true),
        ("20030603", false),
        ("19430603", true),
        ("19430604", false),
    ];
    for (i, (birth, warns)) in cases.into_iter().enumerate() {
        let saved = f
            .store
            .add_attendance(&person(
                &s,
                "2019-06-03 am",
                "学员",
                &id_born(birth, 2 * i as u32 + 1),
            ))
            .unwrap();
        let expected: Vec<&str> = if warns {
            vec!["ATTENDANCE_AGE"]
        } else {
            vec![]
        };
        assert_eq!(codes(&saved.warnings), expected, "{birth}");
    }
}

#[test]
fn refusals_carry_their_code_and_field_and_write_nothing() {
    let mut f = fixture();
    let s = session(&f, "拒绝", 0, "2019-06-03", "2019-06-03");
    let s = add_session(&mut f, &s);
    let id = id_number(20);
    f.store
        .add_attendance(&person(&s, "2019-06-03 am", "钱七", &id))
        .unwrap();
    let before = f.store.verify_log().unwrap().entries;
    let wrong_check = format!("{}{}", &id[..17], if id.ends_with('0') { '1' } else { '0' });
    let lower_x = id.to_lowercase();
    let cases: Vec<(AttendanceInput, &str, Option<&str>)> = vec![
        (
            person(&s, "2019-06-03 am", "钱七", &id),
            "ATTENDANCE_DUPLICATE",
            Some("idNumber"),
        ),
        // The same person typed differently (full-width date, 上午) is still the same slot.
        (
            person(&s, "2019年6月3日上午", "钱七", &lower_x),
            "ATTENDANCE_DUPLICATE",
            Some("idNumber"),
        ),
        (
            person(&s, "2019-06-03 am", "孙八", &wrong_check),
            "ID_CHECK_DIGIT",
            Some("idNumber"),
        ),
        (
            person(&s, "2019-06-03 am", "孙八", "6.21221E+17"),
            "ID_SCIENTIFIC",
            Some("idNumber"),
        ),
        (
            person(&s, "2019-06-03 am", "孙八", "62120219700101"),
            "ID_LENGTH",
            Some("idNumber"),
        ),
        (
            person(&s, "2019-06-03 am", "孙八", ""),
            "ID_EMPTY",
            Some("idNumber"),
        ),
        (
            person(&s, "2019-06-04 am", "孙八", &id_number(21)),
            "ATTENDANCE_SLOT",
            Some("slot"),
        ),
        (
            person(&s, "2019-06-03 晚上", "孙八", &id_number(21)),
            "ATTENDANCE_SLOT",
            Some("slot"),
        ),
        (
            person(&s, "2019-06-03 am", " ", &id_number(21)),
            "NAME_EMPTY",
            Some("name"),
        ),
        (
            AttendanceInput {
                phone: "12345".into(),
                ..person(&s, "2019-06-03 am", "孙八", &id_number(21))
            },
            "PHONE_INVALID",
            Some("phone"),
        ),
        (
            person("no-such-session", "2019-06-03 am", "孙八", &id_number(21)),
            "NOT_FOUND",
            None,
        ),
    ];
    for (input, code, field) in cases {
        let e = f.store.add_attendance(&input).expect_err(code);
        assert_eq!((e.code().as_str(), e.field()), (code, field), "{e}");
    }
    assert_eq!(f.store.verify_log().unwrap().entries, before);
    assert_eq!(f.store.attendance(&s).unwrap().len(), 1);
}

#[test]
fn two_officers_recording_the_same_person_converge_on_one_id() {
    let mut f = fixture();
    let s = session(&f, "汇合", 0, "2019-06-03", "2019-06-03");
    let s = add_session(&mut f, &s);
    let id = id_number(30);
    let saved = f
        .store
        .add_attendance(&person(&s, "2019-6-3 AM", "周九", &id.to_lowercase()))
        .unwrap();
    assert_eq!(saved.record.id, attendance_id(&s, "2019-06-03 am", &id));
    assert_eq!(saved.record.slot, "2019-06-03 am");
}

#[test]
fn a_locked_session_refuses_attendance_and_its_removal() {
    let mut f = fixture();
    let s = session(&f, "锁定", 0, "2019-06-03", "2019-06-03");
    let s = add_session(&mut f, &s);
    let row = f
        .store
        .add_attendance(&person(&s, "2019-06-03 am", "吴十", &id_number(40)))
        .unwrap()
        .record;
    f.store
        .set_training_session_status(&s, Status::Submitted)
        .unwrap();
    f.store
        .set_training_session_status(&s, Status::Locked)
        .unwrap();
    let add = f
        .store
        .add_attendance(&person(&s, "2019-06-03 pm", "吴十", &id_number(40)))
        .unwrap_err();
    assert_eq!(
        (add.code().as_str(), add.field()),
        ("RECORD_LOCKED", Some("status"))
    );
    let remove = f.store.remove_attendance(&row.id).unwrap_err();
    assert_eq!(remove.code(), "RECORD_LOCKED");
    let edit = f
        .store
        .update_training_session(&s, &session(&f, "改名", 0, "2019-06-03", "2019-06-03"))
        .unwrap_err();
    assert_eq!(edit.code(), "RECORD_LOCKED");
    assert_eq!(f.store.attendance(&s).unwrap().len(), 1);
}

#[test]
fn every_write_is_logged_and_a_mistake_can_be_taken_back() {
    let mut f = fixture();
    f.store.set_officer("鸡峰镇 电商专干 李娜");
    let s = session(&f, "留痕", 0, "2019-06-03", "2019-06-03");
    let s = add_session(&mut f, &s);
    let row = f
        .store
        .add_attendance(&person(&s, "2019-06-03 am", "郑十一", &id_number(50)))
        .unwrap()
        .record;
    f.store.remove_attendance(&row.id).unwrap();
    let history = f.store.history("attendance", &row.id).unwrap();
    let ops: Vec<&str> = history.iter().map(|e| e.op.as_str()).collect();
    assert_eq!(ops, ["create", "delete"]);
    assert_eq!(history[0].officer, "鸡峰镇 电商专干 李娜");
    assert_eq!(history[0].fields["id_number"].1, json!(id_number(50)));
    assert_eq!(history[0].fields["poor"].1, json!(0));
    assert_eq!(
        f.store.history("training_session", &s).unwrap()[0].op,
        "create"
    );
    assert!(f.store.attendance(&s).unwrap().is_empty());
    assert_eq!(f.store.training_session(&s).unwrap().person_times, 0);
    // The removal is kept for the record: the same row cannot be entered again.
    let again = f
        .store
        .add_attendance(&person(&s, "2019-06-03 am", "郑十一", &id_number(50)))
        .unwrap_err();
    assert_eq!(again.code(), "ATTENDANCE_REMOVED");
    let missing = f.store.remove_attendance(&row.id).unwrap_err();
    assert_eq!(missing.code(), "NOT_FOUND");
    let check = f.store.verify_log().unwrap();
    assert_eq!(check.first_broken, None);
}

#[test]
fn sessions_are_checked_against_programme_township_and_recorded_slots() {
    let mut f = fixture();
    let shops = f
        .store
        .add_programme_from_preset("chengxian-2019-demo-shop", None)
        .unwrap()
        .id;
    let not_training = TrainingSessionInput {
        programme_id: shops,
        ..session(&f, "错项目", 0, "2019-06-03", "2019-06-03")
    };
    let e = f.store.add_training_session(&not_training).unwrap_err();
    assert_eq!(
        (e.code().as_str(), e.field()),
        ("TRAINING_PROGRAMME", Some("programmeId"))
    );
    let no_township = TrainingSessionInput {
        township_id: Some("nowhere".into()),
        ..session(&f, "错乡镇", 0, "2019-06-03", "2019-06-03")
    };
    let e = f.store.add_training_session(&no_township).unwrap_err();
    assert_eq!(
        (e.code().as_str(), e.field()),
        ("REFERENCE_MISSING", Some("townshipId"))
    );

    let input = session(&f, "两天", 0, "2019-06-03", "2019-06-04");
    let saved = f.store.add_training_session(&input).unwrap().record;
    assert_eq!((saved.days, saved.slots.len()), (2, 4));
    assert_eq!(saved.slots[3].label, "2019年6月4日下午");
    f.store
        .add_attendance(&person(
            &saved.id,
            "2019-06-04 pm",
            "冯十二",
            &id_number(60),
        ))
        .unwrap();
    let shorter = TrainingSessionInput {
        half_days: HalfDays::Am,
        ..input.clone()
    };
    let e = f
        .store
        .update_training_session(&saved.id, &shorter)
        .unwrap_err();
    assert_eq!(
        (e.code().as_str(), e.field()),
        ("TRAINING_SLOTS_IN_USE", Some("slots"))
    );
    let renamed = TrainingSessionInput {
        title: "两天（改）".into(),
        ..input
    };
    let updated = f
        .store
        .update_training_session(&saved.id, &renamed)
        .unwrap();
    assert_eq!(updated.record.title, "两天（改）");
    assert_eq!(updated.record.slots[3].person_times, 1);
    let history = f.store.history("training_session", &saved.id).unwrap();
    assert_eq!(
        serde_json::to_value(&history[1].fields).unwrap(),
        json!({ "title": ["两天", "两天（改）"] })
    );
}

#[test]
fn a_sheet_in_one_transaction_is_refused_as_a_whole() {
    let mut f = fixture();
    let s = session(&f, "整页", 0, "2019-06-03", "2019-06-03");
    let s = add_session(&mut f, &s);
    let before = f.store.verify_log().unwrap().entries;
    let sheet = [
        person(&s, "2019-06-03 am", "甲", &id_number(70)),
        person(&s, "2019-06-03 am", "乙", &id_number(71)),
        person(&s, "2019-06-03 am", "甲", &id_number(70)),
    ];
    let e = f.store.add_attendances(&sheet).unwrap_err();
    assert_eq!(e.code(), "ATTENDANCE_DUPLICATE");
    assert!(e.to_string().starts_with("第 3 条："), "{e}");
    assert_eq!(f.store.verify_log().unwrap().entries, before);
    let saved = f.store.add_attendances(&sheet[..2]).unwrap();
    assert_eq!(saved.len(), 2);
    assert_eq!(saved[1].record.name, "乙");
    assert_eq!(f.store.verify_log().unwrap().entries, before + 2);
}

#[test]
fn a_sign_in_sheet_photo_is_stored_once_and_its_reuse_warned() {
    let mut f = fixture();
    let a = session(&f, "照片一", 0, "2019-06-03", "2019-06-03");
    let a = add_session(&mut f, &a);
    let b = session(&f, "照片二", 1, "2019-06-05", "2019-06-05");
    let b = add_session(&mut f, &b);
    let photo = b"\xFF\xD8\xFF\xE0 sign-in sheet page 1";
    let first = f.store.attach_sign_in_sheet(&a, "p1.jpg", photo).unwrap();
    assert!(first.warnings.is_empty());
    assert_eq!(first.record.sheet_photos.len(), 1);
    let again = f.store.attach_sign_in_sheet(&a, "p1.jpg", photo).unwrap();
    assert_eq!(again.record.sheet_photos.len(), 1);
    let reused = f.store.attach_sign_in_sheet(&b, "copy.jpg", photo).unwrap();
    assert_eq!(codes(&reused.warnings), ["TRAINING_PHOTO_REUSED"]);
    assert!(reused.warnings[0].message.contains("照片一"));
    let (media, _, bytes) = f.store.attachment(&first.record.sheet_photos[0]).unwrap();
    assert_eq!(
        (media.as_str(), bytes.as_slice()),
        ("image/jpeg", &photo[..])
    );
    let e = f
        .store
        .attach_sign_in_sheet(&a, "x.txt", b"hello")
        .unwrap_err();
    assert_eq!(e.code(), "ATTACHMENT_TYPE");
}

#[test]
fn totals_on_a_small_known_set() {
    let mut f = fixture();
    for n in [1, 2] {
        f.store
            .add_household(&household(&f.store, n, &format!("学员{n}")))
            .unwrap();
    }
    // 鸡峰镇: one day (am, pm); the other township: mornings of two days; a county session of
    // three days, no township.
    let jifeng = session(&f, "鸡峰镇班", 0, "2019-06-03", "2019-06-03");
    let jifeng = add_session(&mut f, &jifeng);
    let other = TrainingSessionInput {
        half_days: HalfDays::Am,
        ..session(&f, "另一乡镇班", 1, "2019-06-10", "2019-06-11")
    };
    let other = add_session(&mut f, &other);
    let county = TrainingSessionInput {
        kind: TrainingKind::County,
        township_id: None,
        ..session(&f, "县级能力提升班", 0, "2019-07-01", "2019-07-03")
    };
    let county = add_session(&mut f, &county);
    let planned = session(&f, "还没办", 0, "2019-09-01", "2019-09-01");
    add_session(&mut f, &planned);
    // Counted by hand (人次: a person once per session; 人天: dates attended per session):
    // 鸡峰镇 persons 1 and 3 → 2 人次 (1 poor), 2 人天; the other township persons 2 and 4 →
    // 2 人次 (1 poor), 2 人天; the county person 1 → 1 人次 (poor), 3 人天. Total 5 人次, 3 poor,
    // 7 人天, 4 persons (2 poor). Cost: 4 township 人天 × 100 + 3 county 人天 × 200 = 1000.
    // (Counted per half-day, as before, the same rows were 9 人次, 6 poor, 4.5 人天, 600 元.)
    let rows = [
        // person 1 (registered) and 3 (not) at 鸡峰镇, both half-days: 4 rows, 2 poor
        (&jifeng, "2019-06-03 am", 1),
        (&jifeng, "2019-06-03 pm", 1),
        (&jifeng, "2019-06-03 am", 3),
        (&jifeng, "2019-06-03 pm", 3),
        // persons 2 (registered) and 4 on one morning each: 2 rows, 1 poor
        (&other, "2019-06-10 am", 2),
        (&other, "2019-06-11 am", 4),
        // person 1 again at the county: 3 rows, 3 poor
        (&county, "2019-07-01 am", 1),
        (&county, "2019-07-02 am", 1),
        (&county, "2019-07-03 pm", 1),
    ];
    let inputs: Vec<AttendanceInput> = rows
        .iter()
        .map(|(s, slot, n)| person(s, slot, &format!("学员{n}"), &id_number(*n)))
        .collect();
    f.store.add_attendances(&inputs).unwrap();

    let t = f.store.training_totals(&f.programme).unwrap();
    assert_eq!(
        (
            t.sessions,
            t.held_sessions,
            t.person_times,
            t.distinct_persons
        ),
        (4, 3, 5, 4)
    );
    assert_eq!((t.poor_person_times, t.poor_persons), (3, 2));
    assert_eq!(t.person_days, "7");
    assert_eq!(t.cost, "1000.00");
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
    assert_eq!(audiences, [(Audience::Other, 5, 3, 7)]);
    let by_township: Vec<(&str, u32, u32, u32)> = t
        .by_township
        .iter()
        .map(|w| {
            (
                w.township_name.as_str(),
                w.sessions,
                w.person_times,
                w.poor_person_times,
            )
        })
        .collect();
    let mut expected = vec![
        (f.townships[0].1.as_str(), 2, 2, 1),
        (f.townships[1].1.as_str(), 1, 2, 1),
    ];
    expected.sort();
    expected.push(("县级（未指定乡镇）", 1, 1, 1));
    assert_eq!(by_township, expected);
    let county_kind = &t.by_kind[1];
    assert_eq!(
        (
            county_kind.rate_key.as_deref(),
            county_kind.rate.as_deref(),
            county_kind.cost.as_str()
        ),
        (Some("skills"), Some("200.00"), "600.00")
    );
    let targets: Vec<(&str, Option<u32>, Option<bool>)> = t
        .targets
        .iter()
        .map(|x| (x.key.as_str(), x.achieved, x.met))
        .collect();
    assert_eq!(
        targets,
        [
            ("person_times", Some(5), Some(false)),
            ("township_sessions", Some(2), Some(false)),
            ("county_sessions", Some(1), Some(false)),
            ("county_session_days", Some(3), Some(true)),
            ("field_trips", Some(0), Some(false)),
        ]
    );
    let list = f
        .store
        .list_training_sessions(Some(&f.programme), None)
        .unwrap();
    assert_eq!(list.len(), 4);
    assert_eq!(list[0].title, "鸡峰镇班");
    assert_eq!((list[0].person_times, list[0].poor_person_times), (2, 1));
    let session = f.store.training_session(&jifeng).unwrap();
    assert_eq!(
        (
            session.person_times,
            session.distinct_persons,
            session.person_days
        ),
        (2, 2, 2)
    );
    let e = f.store.training_totals("nope").unwrap_err();
    assert_eq!(e.code(), "NOT_FOUND");
}

fn run(db: &std::path::Path, args: &[&str], stdin: Option<&Value>) -> Output {
    crate::fieldbook_cli(db, "鸡峰镇 李娜", args, stdin)
}

fn stdout_json(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    })
}

#[test]
fn sign_in_from_the_cli_answers_json_with_warnings_and_coded_refusals() {
    let (_dir, db) = temp_db();
    {
        let mut store = Store::open(&db).unwrap();
        fieldbook::demo::load_demo_places(&mut store).unwrap();
        store
            .add_programme_from_preset("chengxian-2019-training", None)
            .unwrap();
    }
    let programmes = stdout_json(crate::succeeded(&run(
        &db,
        &["programmes", "list", "--json"],
        None,
    )));
    let programme = programmes[0]["id"].as_str().unwrap().to_string();
    let townships = stdout_json(crate::succeeded(&run(
        &db,
        &["places", "townships", "--json"],
        None,
    )));
    let township = townships[0]["id"].as_str().unwrap();
    let out = crate::succeeded(run(
        &db,
        &["training", "add"],
        Some(
            &json!({ "programmeId": programme, "kind": "township_onsite", "title": "CLI 培训",
                      "townshipId": township, "startDate": "2019-06-03", "endDate": "2019-06-03",
                      "plannedHeadcount": 1, "trainers": ["王老师"] }),
        ),
    ));
    let session = stdout_json(&out)["record"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let line = |n: u32| {
        json!({ "sessionId": session, "slot": "2019-06-03 am", "name": "学员",
                                 "idNumber": id_number(n), "signed": true })
    };
    let first = crate::succeeded(run(&db, &["attendance", "add"], Some(&line(1))));
    assert_eq!(
        stdout_json(&first)["record"]["registerLabel"],
        NOT_IN_REGISTER
    );
    let second = stdout_json(crate::succeeded(&run(
        &db,
        &["attendance", "add"],
        Some(&line(2)),
    )));
    assert_eq!(second["warnings"][0]["code"], "ATTENDANCE_OVER_HEADCOUNT");
    let refused = run(&db, &["attendance", "add"], Some(&line(1)));
    assert_eq!(refused.status.code(), Some(1));
    let error = &stdout_json(&refused)["error"];
    assert_eq!(
        (error["code"].as_str(), error["field"].as_str()),
        (Some("ATTENDANCE_DUPLICATE"), Some("idNumber"))
    );
    let totals = stdout_json(crate::succeeded(&run(
        &db,
        &["training", "totals", "--programme", &programme, "--json"],
        None,
    )));
    // Two persons on one morning: 2 人次 and 2 人天 (each attended that date) × 100 元.
    assert_eq!(
        (totals["personTimes"].as_u64(), totals["cost"].as_str()),
        (Some(2), Some("200.00"))
    );
    let shown = stdout_json(crate::succeeded(&run(
        &db,
        &["training", "show", &session, "--json"],
        None,
    )));
    assert_eq!(shown["attendance"].as_array().unwrap().len(), 2);
    crate::succeeded(run(&db, &["verify-log"], None));
}
