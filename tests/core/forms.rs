//! Forms a clerk can work with: a save answers every problem at once (each under its field),
//! an operator typed twice in one village is refused like the importer refuses it, a shop
//! address must be a web address, and an empty date asks for the date. Run in a second county
//! (徽县), not only the demo's.

use fieldbook::domain::inspections::{InspectionInput, Inspector, Stage, WizardStep};
use fieldbook::domain::notices::ObjectionInput;
use fieldbook::domain::operators::{OperatorInput, OperatorKind};
use fieldbook::store::entities::{COUNTY, TOWNSHIP, VILLAGE};
use fieldbook::store::write::{self, Op};
use fieldbook::{Code, Error, Store};
use rusqlite::types::Value as SqlValue;
use serde_json::{json, Value};

use crate::temp_db;

/// 徽县 with one township and two villages, written on the write path as a county set-up would.
fn huixian(store: &mut Store) -> (String, String) {
    let text = |s: &str| SqlValue::Text(s.to_string());
    store
        .write(|tx, w| {
            let county = [("code", text("621227")), ("name", text("徽县"))];
            write::record(tx, w, &COUNTY, "c-huixian", Op::Create, &county)?;
            let township = [
                ("county_id", text("c-huixian")),
                ("code", text("621227100")),
                ("name", text("城关镇")),
            ];
            write::record(tx, w, &TOWNSHIP, "t-chengguan", Op::Create, &township)?;
            for (id, code, name) in [
                ("v-yinxing", "621227100201", "银杏村"),
                ("v-dahe", "621227100202", "大河村"),
            ] {
                let village = [
                    ("township_id", text("t-chengguan")),
                    ("code", text(code)),
                    ("name", text(name)),
                    ("poor", SqlValue::Integer(1)),
                ];
                write::record(tx, w, &VILLAGE, id, Op::Create, &village)?;
            }
            Ok(())
        })
        .unwrap();
    ("v-yinxing".into(), "v-dahe".into())
}

fn shop(village_id: &str) -> OperatorInput {
    OperatorInput {
        kind: OperatorKind::DemoShop,
        name: "徽县城关镇银杏村电商扶贫示范店".into(),
        credit_code: String::new(),
        person_in_charge: "王芳".into(),
        phone: "13909391234".into(),
        village_id: Some(village_id.into()),
        platform: "淘宝".into(),
        shop_url: "https://huixian.example.cn/shop".into(),
    }
}

fn fields(error: &Error) -> Vec<(&'static str, Code)> {
    error.problems().iter().map(|p| (p.field, p.code)).collect()
}

#[test]
fn an_operator_save_answers_every_problem_at_once_under_its_field() {
    let mut store = Store::open_in_memory().unwrap();
    let (yinxing, _) = huixian(&mut store);
    let mut input = shop(&yinxing);
    input.name = " ".into();
    input.phone = "555".into();
    input.shop_url = "not a url".into();
    let error = store.add_operator(&input).unwrap_err();
    assert_eq!(
        fields(&error),
        [
            ("name", Code::NAME_EMPTY),
            ("phone", Code::PHONE_INVALID),
            ("shopUrl", Code::OPERATOR_SHOP_URL)
        ]
    );
    // The first problem stands for the whole refusal, for callers that read one.
    assert_eq!(
        (error.code(), error.field()),
        (Code::NAME_EMPTY, Some("name"))
    );
    assert_eq!(error.first_message(), error.problems()[0].message);
    assert!(store.list_operators(None, None).unwrap().is_empty());
}

#[test]
fn the_same_operator_name_in_the_same_village_is_refused_like_the_importer_refuses_it() {
    let mut store = Store::open_in_memory().unwrap();
    let (yinxing, dahe) = huixian(&mut store);
    let first = store.add_operator(&shop(&yinxing)).unwrap().record;

    let error = store.add_operator(&shop(&yinxing)).unwrap_err();
    assert_eq!(fields(&error), [("name", Code::DUPLICATE_IN_DB)]);
    assert!(error.to_string().contains("城关镇银杏村已登记"), "{error}");
    assert_eq!(store.list_operators(None, None).unwrap().len(), 1);

    // With a typing mistake too, both are said at once.
    let mut typo = shop(&yinxing);
    typo.phone = "555".into();
    let error = store.add_operator(&typo).unwrap_err();
    assert_eq!(
        fields(&error),
        [
            ("phone", Code::PHONE_INVALID),
            ("name", Code::DUPLICATE_IN_DB)
        ]
    );

    // The same name in another village is another shop; editing the shop keeps its own name.
    store.add_operator(&shop(&dahe)).unwrap();
    let mut edited = shop(&yinxing);
    edited.person_in_charge = "李强".into();
    store.update_operator(&first.id, &edited).unwrap();
    assert_eq!(store.list_operators(None, None).unwrap().len(), 2);
}

#[test]
fn an_empty_objection_date_asks_for_it_and_an_empty_handled_date_is_not_given() {
    let start = chrono::NaiveDate::from_ymd_opt(2019, 12, 16).unwrap();
    let objection = ObjectionInput {
        notice_id: "n".into(),
        id: None,
        received_date: " ".into(),
        objector: String::new(),
        content: " ".into(),
        handling: String::new(),
        handled_date: Some("".into()),
    };
    let error = objection.validated(start).unwrap_err();
    let problems: Vec<_> = error.all().iter().map(|p| p.field).collect();
    assert_eq!(problems, ["receivedDate", "content"]);
    assert_eq!(
        error.first().message,
        "请填写收到异议日期，格式如 2019-08-12。"
    );
    assert!(!error.to_string().contains("“”"), "{error}");
}

#[test]
fn a_wizard_step_is_checked_with_the_saving_rules_limited_to_its_fields() {
    let input = InspectionInput {
        operator_id: String::new(),
        programme_id: "p".into(),
        stage: Stage::Preliminary,
        date: String::new(),
        inspectors: vec![Inspector {
            name: String::new(),
            unit: String::new(),
        }],
        observations: Vec::new(),
        problems: String::new(),
        rectification: Vec::new(),
        investment: "-5".into(),
        recheck_sample_id: None,
    };
    let basics = input.check_step(WizardStep::Basics).unwrap_err();
    let on_basics: Vec<_> = basics.all().iter().map(|p| p.field).collect();
    assert_eq!(on_basics, ["operatorId", "date", "inspectors"]);
    let conclusion = input.check_step(WizardStep::Conclusion).unwrap_err();
    assert_eq!(conclusion.field(), "investment");
    assert_eq!(input.check_step(WizardStep::Checklist), Ok(()));
}

#[test]
fn the_cli_lists_every_problem_of_a_refused_save_in_its_json_answer() {
    let (_dir, db) = temp_db();
    {
        let mut store = Store::open(&db).unwrap();
        huixian(&mut store);
    }
    let body = json!({ "kind": "demo_shop", "name": " ", "villageId": "v-yinxing",
                       "phone": "555", "shopUrl": "not a url" });
    let output = crate::fieldbook_cli(&db, "县办王芳", &["operators", "add"], Some(&body));
    assert!(!output.status.success());
    let answer: Value = serde_json::from_slice(&output.stdout).unwrap();
    let error = &answer["error"];
    assert_eq!(error["code"], "NAME_EMPTY");
    assert_eq!(error["field"], "name");
    let listed: Vec<(&str, &str)> = error["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["field"].as_str().unwrap(), e["code"].as_str().unwrap()))
        .collect();
    assert_eq!(
        listed,
        [
            ("name", "NAME_EMPTY"),
            ("phone", "PHONE_INVALID"),
            ("shopUrl", "OPERATOR_SHOP_URL")
        ]
    );
    assert_eq!(error["message"], error["errors"][0]["message"]);
}

/// The fields a refusal names, in order.
fn named(invalids: &fieldbook::domain::Invalids) -> Vec<&'static str> {
    invalids.all().iter().map(|p| p.field).collect()
}

#[test]
fn every_kind_of_form_answers_all_its_problems_in_field_order() {
    use fieldbook::domain::agreements::{AgreementInput, LedgerInput, PriceRule, Term};
    use fieldbook::domain::notices::NoticeInput;
    use fieldbook::domain::places::VillageInput;
    use fieldbook::domain::training::TrainingSessionInput;

    let agreement: AgreementInput = serde_json::from_value(json!({
        "number": " ", "year": 19, "programme": "", "operatorId": "", "modes": [],
        "priceRule": "none", "priceValue": "", "minQuantity": "", "targetHouseholds": 10,
        "targetIncome": "", "termStart": "", "termEnd": "2019-13-01"
    }))
    .unwrap();
    assert_eq!(
        named(&agreement.validated().err().expect("refused")),
        [
            "number",
            "year",
            "operatorId",
            "modes",
            "termStart",
            "termEnd"
        ]
    );

    let term = Term {
        start: chrono::NaiveDate::from_ymd_opt(2019, 3, 1).unwrap(),
        end: chrono::NaiveDate::from_ymd_opt(2019, 12, 31).unwrap(),
        price_rule: PriceRule::None,
        price_value: None,
    };
    let ledger: LedgerInput = serde_json::from_value(json!({
        "agreementId": "a", "householdId": "h", "date": "2018-01-01", "product": "",
        "quantity": "-1", "unit": "斤", "unitPrice": "0", "marketPrice": "x",
        "deliveredDate": "2018-01-02"
    }))
    .unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2019, 6, 1).unwrap();
    assert_eq!(
        named(&ledger.validated(&term, today).err().expect("refused")),
        [
            "date",
            "deliveredDate",
            "product",
            "quantity",
            "unitPrice",
            "marketPrice"
        ]
    );

    let session: TrainingSessionInput = serde_json::from_value(json!({
        "programmeId": "", "kind": "township_onsite", "title": "", "startDate": "2019-05-02",
        "endDate": "2019-05-01", "plannedHeadcount": 0
    }))
    .unwrap();
    assert_eq!(
        named(&session.validated().unwrap_err()),
        [
            "programmeId",
            "title",
            "townshipId",
            "endDate",
            "plannedHeadcount"
        ]
    );

    let notice: NoticeInput = serde_json::from_value(json!({
        "title": "", "subject": "shop_list", "issuer": "徽县商务局", "places": [" "],
        "startDate": "2019-12-12", "endDate": "2019-12-15", "phoneLocal": "123",
        "entries": [{ "name": "", "idNumber": "" }]
    }))
    .unwrap();
    assert_eq!(
        named(&notice.validated().unwrap_err()),
        ["title", "places", "endDate", "phoneLocal", "entries"]
    );

    let village = VillageInput {
        township_code: "621227100".into(),
        code: "62122710".into(),
        name: " ".into(),
        poor: true,
    };
    assert_eq!(named(&village.validated().unwrap_err()), ["name", "code"]);
}

#[test]
fn a_registered_id_number_joins_the_typing_mistakes_of_a_household_save() {
    use fieldbook::domain::households::HouseholdInput;
    let mut store = Store::open_in_memory().unwrap();
    let (yinxing, _) = huixian(&mut store);
    let id_number = crate::records::id_number(7);
    let household = HouseholdInput {
        head_name: "赵敏".into(),
        id_number: id_number.clone(),
        size: 3,
        village_id: yinxing.clone(),
        village_group: String::new(),
        category: "general".into(),
        year_lifted: None,
        phone: String::new(),
        notes: String::new(),
    };
    store.add_household(&household).unwrap();
    let twice = HouseholdInput {
        head_name: " ".into(),
        size: 0,
        ..household
    };
    let error = store.add_household(&twice).unwrap_err();
    assert_eq!(
        fields(&error),
        [
            ("headName", Code::NAME_EMPTY),
            ("size", Code::HOUSEHOLD_SIZE),
            ("idNumber", Code::HOUSEHOLD_ID_DUPLICATE)
        ]
    );
    assert!(
        error.problems()[2].message.contains("城关镇银杏村 赵敏户"),
        "{error}"
    );
}
