//! The county clerk's write path from the CLI: JSON on stdin, the same validation as the UI,
//! coded JSON refusals that write nothing.

use std::path::Path;
use std::process::Output;

use serde_json::{json, Value};

use crate::records::id_number;
use crate::temp_db;

fn run(db: &Path, args: &[&str], stdin: Option<&Value>) -> Output {
    crate::fieldbook_cli(db, "县电商中心 刘洋", args, stdin)
}

#[track_caller]
fn ok(output: Output) -> Value {
    serde_json::from_slice(&crate::succeeded(output).stdout).unwrap()
}

fn village_id(db: &Path) -> String {
    let villages = ok(run(
        db,
        &["places", "list", "--township", "鸡峰镇", "--json"],
        None,
    ));
    villages[0]["id"].as_str().unwrap().to_string()
}

#[test]
fn an_agreement_with_ten_households_and_ledger_entries_from_the_cli() {
    let (_dir, db) = temp_db();
    ok(run(&db, &["demo", "--json"], None));
    let village = village_id(&db);
    let operator = ok(run(
        &db,
        &["operators", "add"],
        Some(
            &json!({ "kind": "demo_shop", "name": "成县鸡峰镇长沟村电商扶贫示范店（拼多多店）",
                      "villageId": village, "platform": "拼多多", "shopUrl": "https://x.cn/1" }),
        ),
    ));
    let operator_id = operator["record"]["id"].as_str().unwrap();
    let agreement = ok(run(
        &db,
        &["agreements", "add"],
        Some(
            &json!({ "number": "CX2019-CLI", "year": 2019, "operatorId": operator_id,
                      "modes": ["protective_purchase"], "priceRule": "market_plus",
                      "priceValue": "10", "targetHouseholds": 10, "targetIncome": "1000",
                      "termStart": "2019-03-01", "termEnd": "2019-12-31" }),
        ),
    ));
    let agreement_id = agreement["record"]["id"].as_str().unwrap();
    let mut households = Vec::new();
    for n in 0..10 {
        let saved = ok(run(
            &db,
            &["households", "add"],
            Some(
                &json!({ "headName": format!("户主{n}"), "idNumber": id_number(500 + n),
                          "size": 3, "villageId": village, "category": "general" }),
            ),
        ));
        let id = saved["record"]["id"].as_str().unwrap().to_string();
        ok(run(
            &db,
            &["agreements", "roster-add"],
            Some(&json!({ "agreementId": agreement_id, "householdId": id,
                          "mode": "protective_purchase", "content": "收购核桃" })),
        ));
        households.push(id);
    }
    for (h, qty) in [(0, "10"), (0, "5.5"), (1, "20")] {
        ok(run(
            &db,
            &["ledger", "add"],
            Some(
                &json!({ "agreementId": agreement_id, "householdId": households[h],
                          "date": "2019-10-01", "product": "核桃", "quantity": qty,
                          "unit": "斤", "unitPrice": "12.50", "marketPrice": "11.00" }),
            ),
        ));
    }
    let shown = ok(run(
        &db,
        &["agreements", "show", agreement_id, "--json"],
        None,
    ));
    assert_eq!(shown["agreement"]["rosterCount"], 10);
    assert_eq!(shown["agreement"]["meetsDemoShopRule"], true);
    assert_eq!(
        shown["agreement"]["totalIncome"], "443.75",
        "(10 + 5.5 + 20) × 12.50"
    );
    let household = ok(run(
        &db,
        &["households", "show", &id_number(500), "--json"],
        None,
    ));
    assert_eq!(household["agreements"][0]["income"], "193.75");
    let history = ok(run(&db, &["verify-log", "--json"], None));
    assert_eq!(history["firstBroken"], Value::Null);
}

#[test]
fn a_refusal_is_coded_json_exit_1_and_writes_nothing() {
    let (_dir, db) = temp_db();
    ok(run(&db, &["demo", "--json"], None));
    let village = village_id(&db);
    let before = ok(run(&db, &["verify-log", "--json"], None))["entries"].clone();
    let mut bad_id = id_number(1);
    bad_id.replace_range(17..18, if bad_id.ends_with('0') { "1" } else { "0" });
    let refused = run(
        &db,
        &["households", "add"],
        Some(&json!({ "headName": "张三", "idNumber": bad_id, "size": 3,
                      "villageId": village, "category": "general" })),
    );
    assert_eq!(refused.status.code(), Some(1));
    let body: Value = serde_json::from_slice(&refused.stdout).unwrap();
    assert_eq!(body["error"]["code"], "ID_CHECK_DIGIT");
    assert_eq!(body["error"]["field"], "idNumber");
    let garbage = run(&db, &["households", "add"], None);
    assert_eq!(garbage.status.code(), Some(1));
    let body: Value = serde_json::from_slice(&garbage.stdout).unwrap();
    assert_eq!(body["error"]["code"], "INPUT_JSON");
    assert_eq!(
        ok(run(&db, &["verify-log", "--json"], None))["entries"],
        before
    );
}

#[test]
fn an_inspection_of_a_demo_shop_from_the_cli_passes_on_the_records() {
    let (_dir, db) = temp_db();
    ok(run(&db, &["demo", "--json"], None));
    let programmes = ok(run(&db, &["programmes", "list", "--json"], None));
    let programme = programmes
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["kind"] == "demo_shop")
        .unwrap()["id"]
        .clone();
    let operators = ok(run(
        &db,
        &["operators", "list", "--township", "鸡峰镇", "--json"],
        None,
    ));
    let operator = operators[0]["id"].clone();
    let yes = |key: &str| json!({ "key": key, "value": { "kind": "bool", "value": true } });
    let saved = ok(run(
        &db,
        &["inspections", "add"],
        Some(
            &json!({ "operatorId": operator, "programmeId": programme, "stage": "preliminary",
                      "date": "2019-11-20",
                      "inspectors": [{ "name": "王芳", "unit": "鸡峰镇" }, { "name": "李明", "unit": "鸡峰镇" },
                                     { "name": "赵刚", "unit": "县商务局" }],
                      "observations": [yes("office"), yes("plaque"), yes("operator_shop"),
                                       yes("records"), yes("services")] }),
        ),
    ));
    assert_eq!(saved["record"]["evaluation"]["conclusion"], "pass");
    let id = saved["record"]["id"].as_str().unwrap();
    let shown = crate::succeeded(run(&db, &["inspections", "show", id], None));
    let text = String::from_utf8_lossy(&shown.stdout);
    assert!(
        text.contains("结论：合格") && text.contains("[系统计算] 花名册"),
        "{text}"
    );
    ok(run(&db, &["inspections", "submit", id, "--json"], None));
    let list = ok(run(&db, &["inspections", "list", "--json"], None));
    let mine = list
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == id)
        .unwrap();
    assert_eq!(mine["status"], "submitted");
    // Only the county hub locks (accepts) an inspection.
    let lock = ["inspections", "lock", id, "--json"];
    let off_hub = run(&db, &lock, None);
    assert_eq!(off_hub.status.code(), Some(1));
    let body: Value = serde_json::from_slice(&off_hub.stdout).unwrap();
    assert_eq!(body["error"]["code"], "SYNC_NOT_COUNTY");
    ok(run(&db, &["county", "init", "--json"], None));
    assert_eq!(ok(run(&db, &lock, None))["status"], "locked");
    // 鸡峰镇 inspected its 27 demo shops (初验): the county re-checks half of them, by a seed an
    // auditor can reuse.
    let draw = [
        "sample",
        "draw",
        "--programme",
        programme.as_str().unwrap(),
        "--seed",
        "2019",
        "--json",
    ];
    let sample = ok(run(&db, &draw, None));
    assert_eq!(sample["townships"][0]["township"], "鸡峰镇");
    assert_eq!(sample["townships"][0]["accepted"], 27);
    assert_eq!(
        sample["townships"][0]["drawn"].as_array().unwrap().len(),
        14
    );
    assert_eq!(
        (sample["drawn"].clone(), sample["rechecked"].clone()),
        (json!(14), json!(0))
    );
    assert_eq!(ok(run(&db, &draw, None))["townships"], sample["townships"]);
}
