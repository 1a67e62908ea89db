//! A trainee's poor flag follows the household register as it is now (DOMAIN.md "Counting
//! rules"), in a second county (托里县): the county's package with members usually arrives after
//! the sessions, and a household or member voided stops counting. The sign-in list, the session
//! list, the totals, the export and the printed sheet all agree; the demo's figures are the ones
//! its sign-ins were written with.

use fieldbook::domain::household_members::MemberInput;
use fieldbook::domain::households::HouseholdInput;
use fieldbook::domain::lifecycle::RecordKind;
use fieldbook::domain::training::{TrainingKind, NAME_MISMATCH_LABEL, NOT_IN_REGISTER};
use fieldbook::print::FormKind;
use fieldbook::sheets::sql::export::Val;
use fieldbook::sheets::{import, ImportKind, ImportMode};
use fieldbook::Store;

use crate::county::{tori, TORI_TOWN};
use crate::members::{session, sign_in, tori_id, tori_with_household, Tori};
use crate::sheets::{csv_text, options};

/// The programme's (poor person-times, poor persons), the session's poor person-times in the
/// session list and on its own, and each sign-in row's (poor, register label), as the screens,
/// totals, export and sheet read them: they must all say the same.
struct Seen {
    totals: (u32, u32),
    listed: u32,
    session: u32,
    rows: Vec<(bool, String)>,
    exported: Vec<String>,
}

fn seen(t: &Tori, session_id: &str) -> Seen {
    let totals = t.store.training_totals(&t.programme).unwrap();
    let listed = t
        .store
        .list_training_sessions(Some(&t.programme), None)
        .unwrap()
        .into_iter()
        .find(|s| s.id == session_id)
        .unwrap()
        .poor_person_times;
    let session = t.store.training_session(session_id).unwrap();
    let slot_poor: u32 = session.slots.iter().map(|s| s.poor_person_times).sum();
    let rows = t
        .store
        .attendance(session_id)
        .unwrap()
        .into_iter()
        .map(|r| (r.poor, r.register_label))
        .collect::<Vec<_>>();
    assert_eq!(
        slot_poor as usize,
        rows.iter().filter(|(poor, _)| *poor).count(),
        "the per-slot counts agree with the rows"
    );
    let exported = t
        .store
        .export_attendance(None)
        .unwrap()
        .into_iter()
        .map(|row| match &row[8] {
            Val::Text(yes) => yes.clone(),
            other => panic!("建档立卡户 column: {other:?}"),
        })
        .collect();
    Seen {
        totals: (totals.poor_person_times, totals.poor_persons),
        listed,
        session: session.poor_person_times,
        rows,
        exported,
    }
}

fn members_file(head: &str, name: &str, id_number: &str) -> String {
    csv_text(&[
        vec!["户主身份证号", "姓名", "身份证号", "与户主关系"],
        vec![head, name, id_number, "妻"],
    ])
}

#[test]
fn a_member_imported_after_the_session_makes_the_trainee_poor_and_voiding_her_undoes_it() {
    let mut t = tori_with_household(tori(None));
    let onsite = session(
        &mut t,
        TrainingKind::TownshipOnsite,
        "2021-06-01",
        "2021-06-01",
    );
    t.store
        .add_attendances(&[
            sign_in(&onsite, "2021-06-01 am", "古丽", &tori_id(2)),
            sign_in(&onsite, "2021-06-01 pm", "古丽", &tori_id(2)),
        ])
        .unwrap();
    let before = seen(&t, &onsite);
    assert_eq!(
        (before.totals, before.listed, before.session),
        ((0, 0), 0, 0)
    );
    assert!(before
        .rows
        .iter()
        .all(|(poor, label)| !poor && label == NOT_IN_REGISTER));
    assert_eq!(before.exported, ["否", "否"]);

    let report = import(
        &mut t.store,
        members_file(&tori_id(1), "古丽", &tori_id(2)).as_bytes(),
        "家庭成员.csv",
        &options(ImportKind::Members, ImportMode::All),
    )
    .unwrap();
    assert_eq!(report.counts.new, 1, "{:#?}", report.rows);
    let after = seen(&t, &onsite);
    assert_eq!((after.totals, after.listed, after.session), ((1, 1), 1, 1));
    assert!(
        after
            .rows
            .iter()
            .all(|(poor, label)| *poor && label == "一般贫困户"),
        "{:?}",
        after.rows
    );
    assert_eq!(after.exported, ["是", "是"]);
    let row = &t.store.attendance(&onsite).unwrap()[0];
    assert_eq!(row.household_id.as_deref(), Some(t.household.as_str()));

    let member = t.store.household_members(&t.household).unwrap().remove(0);
    t.store
        .void_household_member(&member.id, "录入错误")
        .unwrap();
    let voided = seen(&t, &onsite);
    assert_eq!(
        (voided.totals, voided.listed, voided.session),
        ((0, 0), 0, 0)
    );
    assert_eq!(voided.exported, ["否", "否"]);
    assert_eq!(t.store.attendance(&onsite).unwrap()[0].household_id, None);
}

#[test]
fn a_household_voided_after_the_session_no_longer_counts_and_one_added_later_does() {
    let mut t = tori_with_household(tori(None));
    let county = session(&mut t, TrainingKind::County, "2021-06-01", "2021-06-01");
    t.store
        .add_attendances(&[
            sign_in(&county, "2021-06-01 am", "阿力木", &tori_id(1)),
            sign_in(&county, "2021-06-01 am", "巴合提", &tori_id(5)),
        ])
        .unwrap();
    assert_eq!(seen(&t, &county).totals, (1, 1), "the head counts");

    t.store
        .void_record(RecordKind::Household, &t.household, "重复登记")
        .unwrap();
    let voided = seen(&t, &county);
    assert_eq!(
        (voided.totals, voided.listed, voided.session),
        ((0, 0), 0, 0)
    );
    assert!(voided.rows.iter().all(|(poor, _)| !poor));

    // Registered later under the same county: the second trainee becomes poor.
    let village = t.store.list_villages(Some(TORI_TOWN)).unwrap().remove(0).id;
    t.store
        .add_household(&HouseholdInput {
            head_name: "巴合提".into(),
            id_number: tori_id(5),
            size: 3,
            village_id: village,
            village_group: "二组".into(),
            category: "general".into(),
            year_lifted: None,
            phone: String::new(),
            notes: String::new(),
        })
        .unwrap();
    let added = seen(&t, &county);
    assert_eq!((added.totals, added.listed, added.session), ((1, 1), 1, 1));
}

#[test]
fn a_member_registered_later_under_another_name_counts_only_once_confirmed() {
    let mut t = tori_with_household(tori(None));
    let onsite = session(
        &mut t,
        TrainingKind::TownshipOnsite,
        "2021-06-01",
        "2021-06-01",
    );
    let am = t
        .store
        .add_attendance(&sign_in(&onsite, "2021-06-01 am", "古丽娜", &tori_id(2)))
        .unwrap();
    assert!(
        am.warnings.is_empty(),
        "not registered yet: no mismatch to warn of"
    );

    t.store
        .add_household_member(&MemberInput {
            household_id: t.household.clone(),
            name: "古丽".into(),
            id_number: tori_id(2),
            relation: "配偶".into(),
        })
        .unwrap();
    let mismatched = seen(&t, &onsite);
    assert_eq!(mismatched.totals, (0, 0));
    assert_eq!(
        mismatched.rows,
        [(false, NAME_MISMATCH_LABEL.to_string())],
        "a registered ID under another name is a warning, not a poor person"
    );
    assert!(t.store.attendance(&onsite).unwrap()[0].name_mismatch);

    t.store.confirm_attendance_name(&am.record.id).unwrap();
    let confirmed = seen(&t, &onsite);
    assert_eq!((confirmed.totals, confirmed.listed), ((1, 1), 1));
    assert_eq!(confirmed.rows, [(true, "一般贫困户".to_string())]);

    // The county then corrects the register to the sheet's spelling: still poor, now by name.
    let member = t.store.household_members(&t.household).unwrap().remove(0);
    let mut edited = t.store.household_member_input(&member.id).unwrap();
    edited.name = "古丽娜".into();
    t.store
        .update_household_member(&member.id, &edited)
        .unwrap();
    assert_eq!(seen(&t, &onsite).totals, (1, 1));
}

#[test]
fn a_package_with_members_applied_on_the_laptop_makes_its_earlier_trainee_poor() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = tori_with_household(tori(Some(&dir.path().join("county.db"))));
    t.store.county_init().unwrap();
    let mut laptop = Store::open(&dir.path().join("laptop.db")).unwrap();
    laptop.save_officer("托里镇干部").unwrap();
    let (request, _) = laptop.device_request().unwrap();
    let (answer, _) = t.store.county_enroll(&request, TORI_TOWN).unwrap();
    laptop.device_enroll(&answer).unwrap();
    let (package, _) = t.store.sync_package(laptop.device_id()).unwrap();
    laptop.sync_apply(&package).unwrap();

    let mut on_laptop = Tori {
        store: laptop,
        programme: t.programme.clone(),
        town: t.town.clone(),
        household: t.household.clone(),
    };
    let onsite = session(
        &mut on_laptop,
        TrainingKind::TownshipOnsite,
        "2021-06-01",
        "2021-06-01",
    );
    on_laptop
        .store
        .add_attendance(&sign_in(&onsite, "2021-06-01 am", "古丽", &tori_id(2)))
        .unwrap();
    assert_eq!(seen(&on_laptop, &onsite).totals, (0, 0));

    t.store
        .add_household_member(&MemberInput {
            household_id: t.household.clone(),
            name: "古丽".into(),
            id_number: tori_id(2),
            relation: "配偶".into(),
        })
        .unwrap();
    let (package, _) = t.store.sync_package(on_laptop.store.device_id()).unwrap();
    on_laptop.store.sync_apply(&package).unwrap();
    let after = seen(&on_laptop, &onsite);
    assert_eq!((after.totals, after.listed, after.session), ((1, 1), 1, 1));
    // Nothing was rewritten on the laptop: the sign-in row is still the township's own, as
    // written (one version, no county edit in its history).
    let row = &on_laptop.store.attendance(&onsite).unwrap()[0];
    let history = on_laptop
        .store
        .readable_history("attendance", &row.id)
        .unwrap();
    assert_eq!(history.len(), 1, "{history:#?}");
}

#[test]
fn the_printed_sign_in_sheet_marks_the_trainee_the_register_now_holds_and_is_a_new_version() {
    let mut t = tori_with_household(tori(None));
    let onsite = session(
        &mut t,
        TrainingKind::TownshipOnsite,
        "2021-06-01",
        "2021-06-01",
    );
    t.store
        .add_attendance(&sign_in(&onsite, "2021-06-01 am", "古丽", &tori_id(2)))
        .unwrap();
    let before = t.store.form(FormKind::Signin, &onsite).unwrap();
    t.store
        .add_household_member(&MemberInput {
            household_id: t.household.clone(),
            name: "古丽".into(),
            id_number: tori_id(2),
            relation: "配偶".into(),
        })
        .unwrap();
    let after = t.store.form(FormKind::Signin, &onsite).unwrap();
    assert!(
        after.version > before.version,
        "a register change the sheet shows is a new version of it"
    );
    let marked = |form: &fieldbook::print::Form| format!("{:?}", form.doc).matches('★').count();
    // The legend carries ★ too: the trainee's row adds one.
    assert_eq!(marked(&after), marked(&before) + 1);
}

#[test]
fn the_demos_training_figures_are_those_its_sign_ins_were_written_with() {
    let (dir, store) = crate::print::demo_store();
    let raw = rusqlite::Connection::open(dir.path().join("fieldbook.db")).unwrap();
    let mut checked = 0;
    for programme in store.list_programmes().unwrap() {
        if programme.subject != Some(fieldbook::domain::kinds::KindSubject::Training) {
            continue;
        }
        let totals = store.training_totals(&programme.id).unwrap();
        // The flags stored at sign-in, counted as the totals count: once per person and session.
        let (stored_times, stored_persons): (u32, u32) = raw
            .query_row(
                "SELECT (SELECT count(*) FROM (
                            SELECT 1 FROM attendance a JOIN training_session s
                              ON s.id = a.session_id
                            WHERE s.programme_id = ?1 AND s.deleted_hlc IS NULL
                              AND a.deleted_hlc IS NULL
                            GROUP BY a.session_id, a.id_number HAVING max(a.poor) = 1)),
                        (SELECT count(DISTINCT a.id_number) FROM attendance a
                           JOIN training_session s ON s.id = a.session_id
                         WHERE s.programme_id = ?1 AND s.deleted_hlc IS NULL
                           AND a.deleted_hlc IS NULL AND a.poor = 1)",
                [&programme.id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!(
            (totals.poor_person_times, totals.poor_persons),
            (stored_times, stored_persons),
            "{}",
            programme.name
        );
        checked += u32::from(stored_times > 0);
    }
    assert!(checked > 0, "the demo has poor trainees to compare");
}

#[test]
fn a_households_import_after_the_session_counts_the_head_and_its_corrected_name_follows() {
    let mut t = tori_with_household(tori(None));
    let onsite = session(
        &mut t,
        TrainingKind::TownshipOnsite,
        "2021-06-01",
        "2021-06-01",
    );
    t.store
        .add_attendance(&sign_in(&onsite, "2021-06-01 am", "叶尔兰", &tori_id(7)))
        .unwrap();
    let households = |head: &str| {
        csv_text(&[
            vec![
                "户主姓名",
                "身份证号码",
                "家庭人口",
                "乡镇",
                "村",
                "村民小组",
            ],
            vec![head, &tori_id(7), "5", "托里镇", "克孜勒吐村", "三组"],
        ])
    };
    let run = |store: &mut Store, file: String| {
        let report = import(
            store,
            file.as_bytes(),
            "建档立卡户.csv",
            &options(ImportKind::Households, ImportMode::All),
        )
        .unwrap();
        assert_eq!(report.counts.errors, 0, "{:#?}", report.rows);
    };
    // Imported under a spelling the sheet does not have: a mismatch, not poor.
    run(&mut t.store, households("叶尔兰别克"));
    let mismatched = seen(&t, &onsite);
    assert_eq!(mismatched.totals, (0, 0));
    assert_eq!(mismatched.rows, [(false, NAME_MISMATCH_LABEL.to_string())]);
    // The county corrects the register's name: the trainee counts, everywhere.
    run(&mut t.store, households("叶尔兰"));
    let corrected = seen(&t, &onsite);
    assert_eq!(
        (corrected.totals, corrected.listed, corrected.session),
        ((1, 1), 1, 1)
    );
    assert_eq!(corrected.exported, ["是"]);
}
