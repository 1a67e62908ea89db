//! The county locks an accepted inspection (`inspections lock`, `Store::lock_inspection`): the
//! balance of a fund award waits for the accepted records to be locked. Only the hub locks, and
//! only what the township submitted. In 托里县, from the command line.

use std::path::Path;

use serde_json::{json, Value};

use crate::{fieldbook_cli, succeeded, temp_db};

const OFFICER: &str = "县商务局 阿依古丽";

#[track_caller]
fn ok(db: &Path, args: &[&str], stdin: Option<&Value>) -> Value {
    let out = succeeded(fieldbook_cli(
        db,
        OFFICER,
        &[args, &["--json"]].concat(),
        stdin,
    ));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[track_caller]
fn refused(db: &Path, args: &[&str]) -> Value {
    let out = fieldbook_cli(db, OFFICER, &[args, &["--json"]].concat(), None);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    serde_json::from_slice::<Value>(&out.stdout).unwrap()["error"].clone()
}

/// 托里县 with one village, a service station and a draft acceptance inspection of it; answers
/// the inspection's id.
fn tuoli_with_an_inspection(db: &Path) -> String {
    ok(
        db,
        &["county", "create", "--code", "654224", "--name", "托里县"],
        None,
    );
    ok(
        db,
        &[
            "places",
            "add-township",
            "--code",
            "654224100",
            "--name",
            "托里镇",
        ],
        None,
    );
    ok(
        db,
        &[
            "places",
            "add",
            "--township",
            "托里镇",
            "--code",
            "654224100201",
            "--name",
            "团结社区",
        ],
        None,
    );
    let villages = ok(db, &["places", "list"], None);
    let village = villages[0]["id"].as_str().unwrap().to_string();
    let station = ok(
        db,
        &["operators", "add"],
        Some(
            &json!({"kind": "service_station", "name": "团结社区电商服务站", "personInCharge": "马强", "villageId": village}),
        ),
    );
    let station = station["record"]["id"].as_str().unwrap().to_string();
    let programme = ok(
        db,
        &[
            "programmes",
            "add",
            "--preset",
            "huoqiu-2019-service-station",
            "--year",
            "2020",
        ],
        None,
    );
    let programme = programme["id"].as_str().unwrap().to_string();
    let inspection = ok(
        db,
        &["inspections", "add"],
        Some(&json!({
            "operatorId": station,
            "programmeId": programme,
            "stage": "acceptance",
            "date": "2020-11-02",
            "inspectors": [{"name": "王芳", "unit": "托里县商务局"}, {"name": "李明", "unit": "托里县财政局"}],
            "observations": [],
        })),
    );
    inspection["record"]["id"]
        .as_str()
        .or(inspection["id"].as_str())
        .unwrap()
        .to_string()
}

#[test]
fn the_county_hub_locks_a_submitted_inspection_and_nothing_else() {
    let (_dir, db) = temp_db();
    let id = tuoli_with_an_inspection(&db);

    // Not a hub yet: refused, whatever the status.
    assert_eq!(
        refused(&db, &["inspections", "lock", &id])["code"],
        "SYNC_NOT_COUNTY"
    );

    ok(&db, &["county", "init"], None);
    let draft = refused(&db, &["inspections", "lock", &id]);
    assert_eq!(draft["code"], "RECORD_STATUS");
    assert!(
        draft["message"].as_str().unwrap().contains("先提交"),
        "{draft}"
    );
    assert_eq!(
        ok(&db, &["inspections", "show", &id], None)["status"],
        "draft"
    );

    ok(&db, &["inspections", "submit", &id], None);
    let locked = ok(&db, &["inspections", "lock", &id], None);
    assert_eq!(locked["status"], "locked");
    assert_eq!(
        ok(&db, &["inspections", "show", &id], None)["status"],
        "locked"
    );
    // Locking again changes nothing and is no error.
    assert_eq!(
        ok(&db, &["inspections", "lock", &id], None)["status"],
        "locked"
    );
    let unknown = refused(&db, &["inspections", "lock", "no-such-inspection"]);
    assert_eq!(unknown["code"], "NOT_FOUND");
}
