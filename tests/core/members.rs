//! Household members, in a second county (托里县, not the demo): a member's ID makes a trainee
//! poor, a registered ID under another name warns and counts poor only once a person confirms
//! it, the sign-in desk's lookup, members in the reference package, the members import and the
//! CLI. The counting rules themselves are in `counting.rs`.

use fieldbook::domain::household_members::{MemberInput, Relation};
use fieldbook::domain::households::HouseholdInput;
use fieldbook::domain::lifecycle::RecordKind;
use fieldbook::domain::resident_id::check_char;
use fieldbook::domain::training::{
    AttendanceInput, Audience, HalfDays, Sex, TrainingKind, TrainingSessionInput,
    NAME_MISMATCH_LABEL,
};
use fieldbook::sheets::{import, ImportKind, ImportMode};
use fieldbook::Store;

use crate::county::{tori, TORI_TOWN};
use crate::sheets::{csv_text, log_len, options};

/// An ID number of 托里县 (654224), born in 1980 + `n / 1000` years.
pub(crate) fn tori_id(n: u32) -> String {
    let first17 = format!("654224{}{:03}", 19800101 + 10_000 * (n / 1000), n % 1000);
    format!("{first17}{}", check_char(&first17))
}

pub(crate) struct Tori {
    pub store: Store,
    pub programme: String,
    pub town: String,
    pub household: String,
}

/// 托里县 with a household of 托里镇 (head 阿力木, ID 1) and a training programme.
pub(crate) fn tori_with_household(store: Store) -> Tori {
    let mut store = store;
    let village = store.list_villages(Some(TORI_TOWN)).unwrap().remove(0).id;
    let household = store
        .add_household(&HouseholdInput {
            head_name: "阿力木".into(),
            id_number: tori_id(1),
            size: 4,
            village_id: village,
            village_group: "一组".into(),
            category: "general".into(),
            year_lifted: None,
            phone: String::new(),
            notes: String::new(),
        })
        .unwrap()
        .record
        .id;
    let programme = store
        .add_programme_from_preset("chengxian-2019-training", Some(2021))
        .unwrap()
        .id;
    let town = store
        .list_townships()
        .unwrap()
        .into_iter()
        .find(|t| t.code == TORI_TOWN)
        .unwrap()
        .id;
    Tori {
        store,
        programme,
        town,
        household,
    }
}

fn member(household: &str, name: &str, n: u32, relation: &str) -> MemberInput {
    MemberInput {
        household_id: household.into(),
        name: name.into(),
        id_number: tori_id(n),
        relation: relation.into(),
    }
}

pub(crate) fn session(t: &mut Tori, kind: TrainingKind, start: &str, end: &str) -> String {
    let input = TrainingSessionInput {
        programme_id: t.programme.clone(),
        kind,
        title: format!("托里县电商培训 {start}"),
        organiser: "托里县商务和工业信息化局".into(),
        provider: String::new(),
        venue: "托里县电子商务公共服务中心".into(),
        township_id: (kind == TrainingKind::TownshipOnsite).then(|| t.town.clone()),
        start_date: start.into(),
        end_date: end.into(),
        half_days: HalfDays::Both,
        slots: None,
        trainers: vec!["王老师".into()],
        outline: String::new(),
        planned_headcount: 50,
        audience: Some(Audience::StationKeeper),
    };
    t.store.add_training_session(&input).unwrap().record.id
}

pub(crate) fn sign_in(session: &str, slot: &str, name: &str, id_number: &str) -> AttendanceInput {
    AttendanceInput {
        session_id: session.into(),
        slot: slot.into(),
        name: name.into(),
        id_number: id_number.into(),
        phone: String::new(),
        township_id: None,
        village_id: None,
        signed: true,
        sheet_page: String::new(),
        audience: None,
    }
}

fn codes(warnings: &[fieldbook::domain::Warning]) -> Vec<&str> {
    warnings.iter().map(|w| w.code.as_str()).collect()
}

#[test]
fn a_member_who_is_not_the_head_counts_as_poor() {
    let mut t = tori_with_household(tori(None));
    let spouse = t
        .store
        .add_household_member(&member(&t.household, "古丽", 2, "配偶"))
        .unwrap()
        .record;
    assert_eq!(
        (spouse.relation, spouse.sex, spouse.birth_date.as_str()),
        (Relation::Spouse, Sex::Female, "1980-01-01")
    );
    assert!(
        !spouse.id_masked.contains(&tori_id(2)[6..14]),
        "lists mask the ID"
    );
    let onsite = session(
        &mut t,
        TrainingKind::TownshipOnsite,
        "2021-06-01",
        "2021-06-01",
    );
    let saved = t
        .store
        .add_attendance(&sign_in(&onsite, "2021-06-01 am", "古丽", &tori_id(2)))
        .unwrap();
    assert!(saved.warnings.is_empty(), "{:?}", saved.warnings);
    assert!(saved.record.poor);
    assert_eq!(
        saved.record.household_id.as_deref(),
        Some(t.household.as_str())
    );
    assert_eq!(saved.record.register_label, "一般贫困户");
    // The register gave the village of the household.
    assert!(saved.record.village_id.is_some());
    let totals = t.store.training_totals(&t.programme).unwrap();
    assert_eq!((totals.poor_person_times, totals.poor_persons), (1, 1));
}

#[test]
fn a_registered_id_under_another_name_warns_and_counts_poor_only_once_confirmed() {
    let mut t = tori_with_household(tori(None));
    t.store
        .add_household_member(&member(&t.household, "古丽", 2, "配偶"))
        .unwrap();
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
    assert_eq!(codes(&am.warnings), ["ATTENDANCE_NAME_MISMATCH"]);
    assert_eq!(am.warnings[0].field, "name");
    assert!(
        am.warnings[0].message.contains("古丽"),
        "{}",
        am.warnings[0].message
    );
    assert!(!am.record.poor);
    assert!(am.record.name_mismatch);
    assert_eq!(am.record.register_label, NAME_MISMATCH_LABEL);
    t.store
        .add_attendance(&sign_in(&onsite, "2021-06-01 pm", "古丽娜", &tori_id(2)))
        .unwrap();
    let totals = t.store.training_totals(&t.programme).unwrap();
    assert_eq!((totals.person_times, totals.poor_person_times), (1, 0));

    let confirmed = t.store.confirm_attendance_name(&am.record.id).unwrap();
    assert_eq!(confirmed.len(), 2, "both half-days of that name");
    assert!(confirmed.iter().all(|r| r.poor && !r.name_mismatch));
    let totals = t.store.training_totals(&t.programme).unwrap();
    assert_eq!((totals.poor_person_times, totals.poor_persons), (1, 1));
    // The confirmation is a change on the write path, shown in the row's history.
    let history = t
        .store
        .readable_history("attendance", &am.record.id)
        .unwrap();
    let last = history.last().unwrap();
    assert_eq!(last.op, "update");
    assert!(last.fields.contains_key("name_confirmed"), "{last:?}");

    // A name that matches, or an ID outside the register, has nothing to confirm.
    let head = t
        .store
        .add_attendance(&sign_in(&onsite, "2021-06-01 am", "阿力木", &tori_id(1)))
        .unwrap();
    let e = t
        .store
        .confirm_attendance_name(&head.record.id)
        .unwrap_err();
    assert_eq!(e.code(), "ATTENDANCE_NAME_MATCHES");
    let outsider = t
        .store
        .add_attendance(&sign_in(&onsite, "2021-06-01 am", "张三", &tori_id(9)))
        .unwrap();
    let e = t
        .store
        .confirm_attendance_name(&outsider.record.id)
        .unwrap_err();
    assert_eq!(e.code(), "ATTENDANCE_NAME_MATCHES");
}

#[test]
fn the_sign_in_desk_finds_heads_and_members_by_id_number() {
    let mut t = tori_with_household(tori(None));
    t.store
        .add_household_member(&member(&t.household, "古丽", 2, "spouse"))
        .unwrap();
    let head = t.store.register_person(&tori_id(1)).unwrap().unwrap();
    assert_eq!(
        (head.name.as_str(), head.relation, head.sex),
        ("阿力木", Relation::Head, Sex::Male)
    );
    let spouse = t
        .store
        .register_person(&tori_id(2).to_lowercase())
        .unwrap()
        .unwrap();
    assert_eq!(
        (
            spouse.name.as_str(),
            spouse.head_name.as_str(),
            spouse.relation
        ),
        ("古丽", "阿力木", Relation::Spouse)
    );
    assert_eq!(spouse.household_id, t.household);
    assert!(t.store.register_person(&tori_id(9)).unwrap().is_none());
    let e = t.store.register_person("65422419800101001").unwrap_err();
    assert_eq!(e.field(), Some("idNumber"));
}

#[test]
fn members_are_refused_as_the_head_twice_registered_or_in_no_household() {
    let mut t = tori_with_household(tori(None));
    let e = t
        .store
        .add_household_member(&member(&t.household, "阿力木", 1, "子女"))
        .unwrap_err();
    assert_eq!(e.code(), "MEMBER_IS_HEAD");
    let kept = t
        .store
        .add_household_member(&member(&t.household, "古丽", 2, "配偶"))
        .unwrap()
        .record;
    let e = t
        .store
        .add_household_member(&member(&t.household, "别人", 2, "子女"))
        .unwrap_err();
    assert_eq!(
        (e.code().as_str(), e.field()),
        ("DUPLICATE_IN_DB", Some("idNumber"))
    );
    // Nor may a member head a household of their own while still listed as a member.
    let own = t.store.household(&t.household).unwrap();
    let e = t
        .store
        .add_household(&HouseholdInput {
            head_name: "古丽".into(),
            id_number: tori_id(2),
            size: 1,
            village_id: own.village_id,
            village_group: String::new(),
            category: "general".into(),
            year_lifted: None,
            phone: String::new(),
            notes: String::new(),
        })
        .unwrap_err();
    assert_eq!(e.code(), "HOUSEHOLD_ID_DUPLICATE");
    assert!(e.to_string().contains("家庭成员"), "{e}");
    let e = t
        .store
        .add_household_member(&member("no-such-household", "某人", 3, "子女"))
        .unwrap_err();
    assert_eq!(e.code(), "MEMBER_HOUSEHOLD");
    let e = t
        .store
        .add_household_member(&member(&t.household, "", 3, "邻居"))
        .unwrap_err();
    let fields: Vec<_> = match &e {
        fieldbook::Error::Invalid(all) => all.all().iter().map(|p| p.field).collect(),
        other => panic!("{other:?}"),
    };
    assert_eq!(fields, ["name", "relation"]);

    // A household with a live member is not voided; the member is voided first.
    let e = t
        .store
        .void_record(RecordKind::Household, &t.household, "重复登记")
        .unwrap_err();
    assert_eq!(e.code(), "RECORD_IN_USE");
    assert!(e.to_string().contains("古丽"), "{e}");
    let mut edited = member(&t.household, "古丽努尔", 2, "配偶");
    edited.relation = "spouse".into();
    let saved = t.store.update_household_member(&kept.id, &edited).unwrap();
    assert_eq!(saved.record.name, "古丽努尔");
    t.store.void_household_member(&kept.id, "录入错误").unwrap();
    assert!(t.store.household_members(&t.household).unwrap().is_empty());
    t.store
        .void_record(RecordKind::Household, &t.household, "重复登记")
        .unwrap();
}

#[test]
fn members_reach_the_townships_laptop_in_the_reference_package() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = tori_with_household(tori(Some(&dir.path().join("county.db"))));
    t.store.county_init().unwrap();
    t.store
        .add_household_member(&member(&t.household, "古丽", 2, "配偶"))
        .unwrap();
    let mut laptop = Store::open(&dir.path().join("laptop.db")).unwrap();
    laptop.save_officer("托里镇干部").unwrap();
    let (request, _) = laptop.device_request().unwrap();
    let (answer, _) = t.store.county_enroll(&request, TORI_TOWN).unwrap();
    laptop.device_enroll(&answer).unwrap();
    let (package, summary) = t.store.sync_package(laptop.device_id()).unwrap();
    assert_eq!(summary.records.get("household_member"), Some(&1));
    laptop.sync_apply(&package).unwrap();

    let members = laptop.household_members(&t.household).unwrap();
    assert_eq!(members.len(), 1);
    assert_eq!(members[0].name, "古丽");
    // The laptop's sign-in desk knows the member, and counts her poor.
    let person = laptop.register_person(&tori_id(2)).unwrap().unwrap();
    assert_eq!(person.name, "古丽");
}

#[test]
fn a_members_import_with_a_bad_row_writes_nothing_and_a_clean_one_adds_the_members() {
    let mut t = tori_with_household(tori(None));
    let head = tori_id(1);
    let (good, bad) = (tori_id(2), format!("{}0", &tori_id(3)[..17]));
    let file = |third: &str| {
        csv_text(&[
            vec!["户主身份证号", "姓名", "身份证号", "与户主关系"],
            vec![&head, "阿力木", &head, "户主"],
            vec![&head, "古丽", &good, "妻"],
            vec![&head, "努尔", third, "长子"],
        ])
    };
    let before = log_len(&t.store);
    let report = import(
        &mut t.store,
        file(&bad).as_bytes(),
        "家庭成员.csv",
        &options(ImportKind::Members, ImportMode::All),
    )
    .unwrap();
    assert_eq!(report.counts.errors, 1, "{:#?}", report.rows);
    let refused = report.rows.iter().find(|r| r.outcome == "error").unwrap();
    assert_eq!(refused.problems[0].code, "ID_CHECK_DIGIT");
    assert_eq!(refused.problems[0].header.as_deref(), Some("身份证号"));
    assert_eq!(log_len(&t.store), before, "nothing written");
    assert!(t.store.household_members(&t.household).unwrap().is_empty());

    let third = tori_id(3);
    let report = import(
        &mut t.store,
        file(&third).as_bytes(),
        "家庭成员.csv",
        &options(ImportKind::Members, ImportMode::All),
    )
    .unwrap();
    assert_eq!(
        (
            report.counts.new,
            report.counts.unchanged,
            report.counts.errors
        ),
        (2, 1, 0),
        "{:#?}",
        report.rows
    );
    let members = t.store.household_members(&t.household).unwrap();
    let got: Vec<(&str, Relation)> = members
        .iter()
        .map(|m| (m.name.as_str(), m.relation))
        .collect();
    assert_eq!(got, [("古丽", Relation::Spouse), ("努尔", Relation::Child)]);
    // The same file again changes nothing.
    let again_log = log_len(&t.store);
    let report = import(
        &mut t.store,
        file(&third).as_bytes(),
        "家庭成员.csv",
        &options(ImportKind::Members, ImportMode::All),
    )
    .unwrap();
    assert_eq!(report.counts.unchanged, 3);
    assert_eq!(log_len(&t.store), again_log);

    // A row whose head is not registered names the column that holds it.
    let stranger = csv_text(&[
        vec!["户主身份证号", "姓名", "身份证号", "与户主关系"],
        vec![&tori_id(8), "某人", &tori_id(4), "子女"],
    ]);
    let report = import(
        &mut t.store,
        stranger.as_bytes(),
        "家庭成员.csv",
        &options(ImportKind::Members, ImportMode::DryRun),
    )
    .unwrap();
    let problem = &report.rows[0].problems[0];
    assert_eq!(
        (problem.code.as_str(), problem.header.as_deref()),
        ("MEMBER_HOUSEHOLD", Some("户主身份证号"))
    );
}

fn json_of(output: &std::process::Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    })
}

/// A county clerk does it all from the command line: add a member, list, look an ID up, refuse a
/// bad one with a coded error and nothing written, sign the member in under another name and
/// confirm it, void the member.
#[test]
fn members_and_the_name_confirmation_from_the_command_line() {
    use serde_json::json;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("tori.db");
    let mut t = tori_with_household(tori(Some(&db)));
    let onsite = session(
        &mut t,
        TrainingKind::TownshipOnsite,
        "2021-06-01",
        "2021-06-01",
    );
    let household = t.household.clone();
    drop(t);
    let run = |args: &[&str], stdin: Option<&serde_json::Value>| {
        crate::fieldbook_cli(&db, "托里镇 阿依古丽", args, stdin)
    };

    let added = json_of(&crate::succeeded(run(
        &["households", "member-add"],
        Some(
            &json!({ "householdId": household, "name": "古丽", "idNumber": tori_id(2),
                      "relation": "配偶" }),
        ),
    )));
    assert_eq!(added["record"]["relation"], "spouse");
    assert_eq!(added["record"]["birthDate"], "1980-01-01");
    let member = added["record"]["id"].as_str().unwrap().to_string();

    let refused = run(
        &["households", "member-add"],
        Some(
            &json!({ "householdId": household, "name": "", "idNumber": "654224198001010021",
                      "relation": "邻居" }),
        ),
    );
    assert_eq!(refused.status.code(), Some(1));
    let error = &json_of(&refused)["error"];
    assert_eq!(error["code"], "NAME_EMPTY");
    let fields: Vec<&str> = error["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["name", "idNumber", "relation"]);

    let listed = json_of(&crate::succeeded(run(
        &["households", "members", &tori_id(1), "--json"],
        None,
    )));
    assert_eq!(listed["members"].as_array().unwrap().len(), 1);
    let found = json_of(&crate::succeeded(run(
        &["households", "lookup", &tori_id(2), "--json"],
        None,
    )));
    assert_eq!(
        (found["name"].as_str(), found["headName"].as_str()),
        (Some("古丽"), Some("阿力木"))
    );

    let signed = json_of(&crate::succeeded(run(
        &["attendance", "add"],
        Some(
            &json!({ "sessionId": onsite, "slot": "2021-06-01 am", "name": "古丽娜",
                      "idNumber": tori_id(2) }),
        ),
    )));
    assert_eq!(signed["warnings"][0]["code"], "ATTENDANCE_NAME_MISMATCH");
    assert_eq!(signed["record"]["poor"], false);
    let attendance = signed["record"]["id"].as_str().unwrap();
    let confirmed = json_of(&crate::succeeded(run(
        &["attendance", "confirm-name", attendance, "--json"],
        None,
    )));
    assert_eq!(confirmed[0]["poor"], true);

    crate::succeeded(run(
        &["households", "member-void", &member, "--reason", "录入错误"],
        None,
    ));
    let listed = json_of(&crate::succeeded(run(
        &["households", "members", &household, "--json"],
        None,
    )));
    assert!(listed["members"].as_array().unwrap().is_empty());
    crate::succeeded(run(&["verify-log"], None));
}
