//! The funds applications from the command line, as a county clerk scripts them: documents
//! attached, an application, a refused review, the decision, the lists, the county's settings
//! and a ban — in 托里县, every answer JSON.

use fieldbook::domain::operators::{OperatorInput, OperatorKind};
use serde_json::json;

use crate::county::tori;
use crate::fieldbook_cli;
use crate::funds_applications::PNG;

#[test]
fn a_county_clerk_runs_the_applications_from_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("tori.db");
    let (stations, station) = {
        let mut store = tori(Some(&db));
        let stations = store
            .add_programme_from_preset("huoqiu-2019-service-station", None)
            .unwrap()
            .id;
        let village = store.list_villages(None).unwrap()[1].id.clone();
        let station = store
            .add_operator(&OperatorInput {
                kind: OperatorKind::ServiceStation,
                name: "克孜勒吐村电商服务站".into(),
                credit_code: String::new(),
                person_in_charge: "努尔兰".into(),
                phone: "13909901234".into(),
                village_id: Some(village),
                platform: String::new(),
                shop_url: String::new(),
            })
            .unwrap()
            .record
            .id;
        (stations, station)
    };
    let run = |args: &[&str], stdin: Option<serde_json::Value>| {
        let out = fieldbook_cli(&db, "县办阿依古丽", args, stdin.as_ref());
        let answer: serde_json::Value = serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|_| panic!("{args:?}: {}", String::from_utf8_lossy(&out.stdout)));
        (out.status.success(), answer)
    };
    let scan = dir.path().join("营业执照.png");
    std::fs::write(&scan, PNG).unwrap();
    let (ok, attached) = run(&["--json", "funds", "attach", scan.to_str().unwrap()], None);
    assert!(ok, "{attached}");
    let sha = attached["sha256"].as_str().unwrap().to_string();

    let (ok, applied) = run(
        &["funds", "apply"],
        Some(json!({
            "programmeId": stations, "operatorId": station, "classKey": "station",
            "appliedDate": "2019-06-01",
            "documents": [{"kind": "licence", "sha256": sha, "name": "营业执照"}]
        })),
    );
    assert!(ok, "{applied}");
    let id = applied["record"]["id"].as_str().unwrap().to_string();
    assert_eq!(applied["record"]["classLabel"], "服务站点");

    let (ok, refused) = run(
        &["funds", "review"],
        Some(json!({
            "applicationId": id, "step": "county", "reviewer": "县评审组",
            "reviewDate": "2019-06-05", "opinion": "agree"
        })),
    );
    assert!(!ok);
    assert_eq!(refused["error"]["code"], "FUND_REVIEW_ORDER");
    assert_eq!(refused["error"]["field"], "step");

    let (ok, decided) = run(
        &["funds", "decide"],
        Some(json!({
            "applicationId": id, "decision": "approved", "decidedBy": "县电商领导小组",
            "decidedDate": "2019-06-08"
        })),
    );
    assert!(ok, "{decided}");
    assert_eq!(decided["warnings"][0]["code"], "FUND_REVIEW_MISSING");

    let (ok, listed) = run(
        &[
            "--json",
            "funds",
            "applications",
            "--programme",
            &stations,
            "--decision",
            "approved",
        ],
        None,
    );
    assert!(ok);
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert_eq!(listed[0]["decision"], "approved");
    let (ok, shown) = run(&["--json", "funds", "application", &id], None);
    assert!(ok);
    assert_eq!(shown["documents"][0]["sha256"], sha.as_str());

    let (ok, settings) = run(
        &["funds", "settings", "set"],
        Some(json!({"banYears": 2, "overcommit": "warn"})),
    );
    assert!(ok, "{settings}");
    let (ok, banned) = run(
        &["funds", "ban"],
        Some(json!({"operatorId": station, "reason": "弄虚作假", "startDate": "2020-01-10"})),
    );
    assert!(ok, "{banned}");
    assert_eq!(banned["endDate"], "2022-01-10");
    let (_, bans) = run(&["--json", "funds", "bans", "--operator", &station], None);
    assert_eq!(bans.as_array().unwrap().len(), 1);
    let ban_id = banned["id"].as_str().unwrap().to_string();
    let (ok, refused) = run(
        &["funds", "lift-ban", &ban_id],
        Some(json!({"date": "2020-02-01", "reason": ""})),
    );
    assert!(!ok);
    assert_eq!(refused["error"]["code"], "FUND_BAN_LIFT_REASON");
    let (ok, settings) = run(&["--json", "funds", "settings"], None);
    assert!(ok);
    assert_eq!(settings, json!({"banYears": 2, "overcommit": "warn"}));
}
