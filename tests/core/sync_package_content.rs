//! Found by the soak (tests/soak): two laptops of one township write the same sign-in line (its
//! id comes from the session, slot and ID number) or the same roster line (agreement and
//! household) with different details; the county keeps one version, and the package brings it
//! back to the other laptop, which otherwise kept its own for ever; and the county's lock of a
//! laptop's inspection reaches that laptop. Set in 托里县.

use fieldbook::domain::agreements::{AgreementInput, LinkageMode, PriceRule, RosterInput};
use fieldbook::domain::households::HouseholdInput;
use fieldbook::domain::operators::{OperatorInput, OperatorKind};
use fieldbook::domain::training::{AttendanceInput, HalfDays, TrainingKind, TrainingSessionInput};
use fieldbook::Store;

use crate::county::{tori, TORI_TOWN};
use crate::records::id_number;

fn enrolled(county: &mut Store, path: &std::path::Path, officer: &str) -> Store {
    let mut laptop = Store::open(path).unwrap();
    laptop.save_officer(officer).unwrap();
    let (request, _) = laptop.device_request().unwrap();
    let (answer, _) = county.county_enroll(&request, TORI_TOWN).unwrap();
    laptop.device_enroll(&answer).unwrap();
    package_to(county, &mut laptop);
    laptop
}

fn package_to(county: &mut Store, laptop: &mut Store) {
    let (package, _) = county.sync_package(laptop.device_id()).unwrap();
    laptop.sync_apply(&package).unwrap();
}

fn send(laptop: &mut Store, county: &mut Store) {
    let (batch, _) = laptop.export_batch().unwrap();
    let result = county.import_batch(&batch, false).unwrap();
    assert_eq!(result.report.outcome, "applied", "{:#?}", result.report);
    laptop.sync_apply(&result.receipt.unwrap()).unwrap();
}

fn sign_in(session: &str, sheet_page: &str) -> AttendanceInput {
    AttendanceInput {
        session_id: session.into(),
        slot: "2019-06-03 am".into(),
        name: "阿依努尔".into(),
        id_number: id_number(9001),
        phone: String::new(),
        township_id: None,
        village_id: None,
        signed: true,
        sheet_page: sheet_page.into(),
        audience: None,
    }
}

#[test]
fn the_same_sign_in_and_roster_line_from_two_laptops_end_as_the_countys_on_both() {
    let dir = tempfile::tempdir().unwrap();
    let mut county = tori(Some(&dir.path().join("county.db")));
    let training = county
        .add_programme_from_preset("tuoli-2019-training", None)
        .unwrap()
        .id;
    county.county_init().unwrap();
    let township = county.find_township(TORI_TOWN).unwrap().id;
    let village = county.list_villages(Some(TORI_TOWN)).unwrap().remove(0).id;
    let session = county
        .add_training_session(&TrainingSessionInput {
            programme_id: training,
            kind: TrainingKind::TownshipOnsite,
            title: "托里镇电商培训".into(),
            organiser: "托里县商务局".into(),
            provider: "托里县电商服务中心".into(),
            venue: "托里镇政府会议室".into(),
            township_id: Some(township),
            start_date: "2019-06-03".into(),
            end_date: "2019-06-03".into(),
            half_days: HalfDays::Both,
            slots: None,
            trainers: vec!["王老师".into()],
            outline: "网店开设与运营".into(),
            planned_headcount: 30,
            audience: None,
        })
        .unwrap()
        .record
        .id;
    let household = county
        .add_household(&HouseholdInput {
            head_name: "努尔兰".into(),
            id_number: id_number(9002),
            size: 4,
            village_id: village.clone(),
            village_group: "一组".into(),
            category: "general".into(),
            year_lifted: None,
            phone: String::new(),
            notes: String::new(),
        })
        .unwrap()
        .record
        .id;
    let operator = county
        .add_operator(&OperatorInput {
            kind: OperatorKind::DemoShop,
            name: "托里镇克孜勒吐村电商服务店".into(),
            credit_code: String::new(),
            person_in_charge: "马强".into(),
            phone: "13909901234".into(),
            village_id: Some(village),
            platform: "拼多多".into(),
            shop_url: String::new(),
        })
        .unwrap()
        .record
        .id;
    let agreement = county
        .add_agreement(&AgreementInput {
            number: "TL2019-01".into(),
            year: 2019,
            programme: String::new(),
            programme_id: None,
            operator_id: operator,
            witness_village_id: None,
            modes: vec![LinkageMode::ProtectivePurchase],
            price_rule: PriceRule::MarketPlus,
            price_value: "10".into(),
            min_quantity: "500斤".into(),
            pay_within_days: Some(7),
            target_households: 10,
            target_income: "1000".into(),
            term_start: "2019-03-01".into(),
            term_end: "2019-12-31".into(),
        })
        .unwrap()
        .record
        .id;
    let mut first = enrolled(&mut county, &dir.path().join("a.db"), "托里镇干部甲");
    let mut second = enrolled(&mut county, &dir.path().join("b.db"), "托里镇干部乙");
    let on_roster = |content: &str| RosterInput {
        agreement_id: agreement.clone(),
        household_id: household.clone(),
        mode: LinkageMode::ProtectivePurchase,
        content: content.into(),
    };

    let line = first
        .add_attendance(&sign_in(&session, "第1页"))
        .unwrap()
        .record
        .id;
    let roster = first
        .add_to_roster(&on_roster("收购土豆"))
        .unwrap()
        .record
        .id;
    assert_eq!(
        second
            .add_attendance(&sign_in(&session, "第2页"))
            .unwrap()
            .record
            .id,
        line,
        "the same person in the same half-day is the same line on every laptop"
    );
    second.add_to_roster(&on_roster("店内务工")).unwrap();
    send(&mut first, &mut county);
    send(&mut second, &mut county);
    package_to(&mut county, &mut first);
    package_to(&mut county, &mut second);

    let page = |store: &Store| {
        let rows = store.attendance(&session).unwrap();
        let row = rows.iter().find(|r| r.id == line).unwrap();
        row.sheet_page.clone()
    };
    let content = |store: &Store| {
        let rows = store.roster(&agreement).unwrap();
        rows.iter()
            .find(|r| r.id == roster)
            .unwrap()
            .content
            .clone()
    };
    assert_eq!(page(&first), page(&county));
    assert_eq!(page(&second), page(&county));
    assert_eq!(content(&first), content(&county));
    assert_eq!(content(&second), content(&county));
}

/// Also found by the soak: the county locked a laptop's submitted inspection (its acceptance),
/// and the laptop kept showing it as submitted, since packages did not carry inspections.
#[test]
fn the_countys_lock_of_a_laptops_inspection_reaches_the_laptop() {
    use fieldbook::domain::inspections::{InspectionInput, Inspector, Stage};
    use fieldbook::domain::programmes::{presets, Observation, ObservedValue};

    let dir = tempfile::tempdir().unwrap();
    let mut county = tori(Some(&dir.path().join("county.db")));
    let mut shop = presets()
        .unwrap()
        .into_iter()
        .find(|p| p.code == "chengxian-2019-demo-shop")
        .unwrap();
    shop.code = "tuoli-2019-shop".into();
    shop.name = "托里县2019年电商服务示范店".into();
    let programme = county.add_programme(&shop).unwrap().id;
    county.county_init().unwrap();
    let mut laptop = enrolled(&mut county, &dir.path().join("a.db"), "托里镇干部甲");
    let village = laptop.list_villages(Some(TORI_TOWN)).unwrap().remove(0).id;
    let operator = laptop
        .add_operator(&OperatorInput {
            kind: OperatorKind::DemoShop,
            name: "托里镇克孜勒吐村电商服务店".into(),
            credit_code: String::new(),
            person_in_charge: "马强".into(),
            phone: "13909901234".into(),
            village_id: Some(village),
            platform: "拼多多".into(),
            shop_url: String::new(),
        })
        .unwrap()
        .record
        .id;
    let mut input = InspectionInput {
        operator_id: operator,
        programme_id: programme,
        stage: Stage::Preliminary,
        date: "2019-11-20".into(),
        inspectors: vec![Inspector {
            name: "王芳".into(),
            unit: "托里镇政府".into(),
        }],
        observations: vec![Observation::new("office", ObservedValue::Bool(true))],
        problems: String::new(),
        rectification: vec![],
        investment: String::new(),
        recheck_sample_id: None,
    };
    let inspection = laptop.add_inspection(&input).unwrap().record.id;
    laptop.submit_inspection(&inspection).unwrap();
    send(&mut laptop, &mut county);
    county.lock_inspection(&inspection).unwrap();
    package_to(&mut county, &mut laptop);

    assert_eq!(laptop.inspection(&inspection).unwrap().status, "locked");
    input.problems = "牌匾未挂".into();
    let refused = laptop.update_inspection(&inspection, &input).unwrap_err();
    assert_eq!(refused.code(), "INSPECTION_SUBMITTED");
}

/// Found by the soak: one laptop submits a household and the county locks it; another laptop
/// edits it meanwhile, takes the lock from a package while its edit is still in flight, and
/// the county refuses the edit (locked). The next package's value must replace the refused
/// edit on the laptop, though the record is locked there; the laptop still may not edit it.
#[test]
fn the_countys_value_replaces_an_edit_it_refused_on_a_record_locked_meanwhile() {
    use fieldbook::domain::lifecycle::RecordKind;

    let dir = tempfile::tempdir().unwrap();
    let mut county = tori(Some(&dir.path().join("county.db")));
    county.county_init().unwrap();
    let village = county.list_villages(Some(TORI_TOWN)).unwrap().remove(0).id;
    let mut input = HouseholdInput {
        head_name: "努尔兰".into(),
        id_number: id_number(9003),
        size: 4,
        village_id: village,
        village_group: "一组".into(),
        category: "general".into(),
        year_lifted: None,
        phone: "13909900001".into(),
        notes: String::new(),
    };
    let household = county.add_household(&input).unwrap().record.id;
    let mut first = enrolled(&mut county, &dir.path().join("a.db"), "托里镇干部甲");
    let mut second = enrolled(&mut county, &dir.path().join("b.db"), "托里镇干部乙");

    first
        .submit_record(RecordKind::Household, &household)
        .unwrap();
    send(&mut first, &mut county);
    county
        .lock_record(RecordKind::Household, &household)
        .unwrap();
    input.phone = "13909900002".into();
    second.update_household(&household, &input).unwrap();
    package_to(&mut county, &mut second);
    assert_eq!(second.household(&household).unwrap().status, "locked");
    assert_eq!(
        second.household(&household).unwrap().phone,
        "13909900002",
        "an edit the county has not seen stays until it is acknowledged"
    );
    send(&mut second, &mut county);
    assert_eq!(county.household(&household).unwrap().phone, "13909900001");
    package_to(&mut county, &mut second);

    assert_eq!(second.household(&household).unwrap().phone, "13909900001");
    input.phone = "13909900003".into();
    let refused = second.update_household(&household, &input).unwrap_err();
    assert_eq!(refused.code(), "RECORD_LOCKED");
}

/// Found by the soak (SOAK_SEED=1796680383997634525): a laptop voids a household its package
/// has not yet shown locked; the county, which had locked it, refuses the void. The next package
/// brings the household back to the laptop with the county's values (else it stayed voided
/// there for ever); a void still on its way is left alone, and the log still verifies.
#[test]
fn a_void_the_county_refused_on_a_locked_record_brings_the_record_back() {
    use fieldbook::domain::lifecycle::RecordKind;

    let dir = tempfile::tempdir().unwrap();
    let mut county = tori(Some(&dir.path().join("county.db")));
    county.county_init().unwrap();
    let village = county.list_villages(Some(TORI_TOWN)).unwrap().remove(0).id;
    let input = HouseholdInput {
        head_name: "巴合提".into(),
        id_number: id_number(9004),
        size: 3,
        village_id: village,
        village_group: "二组".into(),
        category: "general".into(),
        year_lifted: None,
        phone: "13909900011".into(),
        notes: String::new(),
    };
    let household = county.add_household(&input).unwrap().record.id;
    let mut laptop = enrolled(&mut county, &dir.path().join("a.db"), "托里镇干部甲");
    laptop
        .submit_record(RecordKind::Household, &household)
        .unwrap();
    send(&mut laptop, &mut county);
    county
        .lock_record(RecordKind::Household, &household)
        .unwrap();
    laptop
        .void_record(RecordKind::Household, &household, "重复登记")
        .unwrap();
    // The void is not yet acknowledged: the package leaves it alone.
    package_to(&mut county, &mut laptop);
    assert!(
        laptop.household(&household).is_err(),
        "a pending void stays"
    );

    let (batch, _) = laptop.export_batch().unwrap();
    let result = county.import_batch(&batch, false).unwrap();
    assert_eq!(result.report.refused.len(), 1, "{:#?}", result.report);
    assert_eq!(result.report.refused[0].code.as_str(), "RECORD_LOCKED");
    laptop.sync_apply(&result.receipt.unwrap()).unwrap();
    assert_eq!(county.household(&household).unwrap().status, "locked");
    package_to(&mut county, &mut laptop);

    let back = laptop.household(&household).unwrap();
    assert_eq!(back.status, "locked");
    assert_eq!(back.phone, "13909900011");
    assert!(
        laptop.verify_log().unwrap().first_broken.is_none(),
        "the restore is a chained log entry"
    );
    let refused = laptop
        .void_record(RecordKind::Household, &household, "重复登记")
        .unwrap_err();
    assert_eq!(refused.code(), "RECORD_LOCKED");
}

/// Found by the soak: the county voids a laptop's new household before that laptop's roster
/// line for it arrives, and takes the line. Another laptop that never held the household must
/// still apply the package (the household comes as the county's tombstone, the line after it),
/// not fail on it for ever.
#[test]
fn a_line_the_county_took_for_a_household_it_had_voided_does_not_block_another_laptops_package() {
    use fieldbook::domain::lifecycle::RecordKind;

    let dir = tempfile::tempdir().unwrap();
    let mut county = tori(Some(&dir.path().join("county.db")));
    county.county_init().unwrap();
    let village = county.list_villages(Some(TORI_TOWN)).unwrap().remove(0).id;
    let operator = county
        .add_operator(&OperatorInput {
            kind: OperatorKind::DemoShop,
            name: "托里镇克孜勒吐村电商服务店".into(),
            credit_code: String::new(),
            person_in_charge: "马强".into(),
            phone: "13909901234".into(),
            village_id: Some(village.clone()),
            platform: "拼多多".into(),
            shop_url: String::new(),
        })
        .unwrap()
        .record
        .id;
    let agreement = county
        .add_agreement(&AgreementInput {
            number: "TL2019-02".into(),
            year: 2019,
            programme: String::new(),
            programme_id: None,
            operator_id: operator,
            witness_village_id: None,
            modes: vec![LinkageMode::ProtectivePurchase],
            price_rule: PriceRule::MarketPlus,
            price_value: "10".into(),
            min_quantity: "500斤".into(),
            pay_within_days: Some(7),
            target_households: 10,
            target_income: "1000".into(),
            term_start: "2019-03-01".into(),
            term_end: "2019-12-31".into(),
        })
        .unwrap()
        .record
        .id;
    let mut first = enrolled(&mut county, &dir.path().join("a.db"), "托里镇干部甲");
    let mut second = enrolled(&mut county, &dir.path().join("b.db"), "托里镇干部乙");

    let household = first
        .add_household(&HouseholdInput {
            head_name: "努尔兰".into(),
            id_number: id_number(9004),
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
    let (with_household, _) = first.export_batch().unwrap();
    let line = first
        .add_to_roster(&RosterInput {
            agreement_id: agreement.clone(),
            household_id: household.clone(),
            mode: LinkageMode::ProtectivePurchase,
            content: "收购土豆".into(),
        })
        .unwrap()
        .record
        .id;
    let (with_line, _) = first.export_batch().unwrap();
    county.import_batch(&with_household, false).unwrap();
    county
        .void_record(RecordKind::Household, &household, "重复登记")
        .unwrap();
    let taken = county.import_batch(&with_line, false).unwrap();
    assert_eq!(taken.report.outcome, "applied", "{:#?}", taken.report);

    package_to(&mut county, &mut second);
    let lines = second.roster(&agreement).unwrap();
    assert_eq!(
        lines.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(),
        [line.as_str()]
    );
    let state = second
        .record_state(RecordKind::Household, &household)
        .unwrap();
    assert_eq!(
        state.status,
        fieldbook::domain::lifecycle::RecordStatus::Voided
    );
}
