//! `submit`, `void --reason`, `lock` and `--status` from the command line, with `--json`.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

use crate::temp_db;

fn run(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_fieldbook"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("FIELDBOOK_DB")
        .env("FIELDBOOK_OFFICER", "镇电商站 马兰")
        .output()
        .unwrap()
}

#[track_caller]
fn ok(output: Output) -> Value {
    serde_json::from_slice(&crate::succeeded(output).stdout).unwrap()
}

#[track_caller]
fn refused(output: Output) -> Value {
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    serde_json::from_slice::<Value>(&output.stdout).unwrap()["error"].clone()
}

fn ids(list: &Value) -> Vec<&str> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect()
}

#[test]
fn a_clerk_submits_and_voids_and_lists_by_status_from_the_cli() {
    let (_dir, db) = temp_db();
    ok(run(&db, &["demo", "--json"]));
    let notices = ok(run(&db, &["notices", "list", "--json"]));
    let id = notices[0]["id"].as_str().unwrap().to_string();

    let state = ok(run(&db, &["notices", "submit", &id, "--json"]));
    assert_eq!(state["status"], "submitted");
    assert_eq!(state["kind"], "notice");
    let submitted = ok(run(
        &db,
        &["notices", "list", "--status", "已提交", "--json"],
    ));
    assert_eq!(ids(&submitted), vec![id.as_str()]);

    let error = refused(run(
        &db,
        &["notices", "void", &id, "--reason", " ", "--json"],
    ));
    assert_eq!(error["code"], "VOID_REASON_REQUIRED");
    assert_eq!(error["field"], "reason");

    let state = ok(run(
        &db,
        &["notices", "void", &id, "--reason", "重复公示", "--json"],
    ));
    assert_eq!(state["status"], "voided");
    assert_eq!(state["voidReason"], "重复公示");
    let live = ok(run(&db, &["notices", "list", "--json"]));
    assert!(!ids(&live).contains(&id.as_str()));
    let voided = ok(run(
        &db,
        &["notices", "list", "--status", "voided", "--json"],
    ));
    assert_eq!(ids(&voided), vec![id.as_str()]);
    assert_eq!(voided[0]["status"], "voided");

    let error = refused(run(&db, &["notices", "list", "--status", "作废", "--json"]));
    assert_eq!(error["code"], "RECORD_STATUS");
    let error = refused(run(&db, &["notices", "lock", &id, "--json"]));
    assert_eq!(error["code"], "SYNC_NOT_COUNTY");

    // A household on a roster: the refusal names the agreement.
    let agreements = ok(run(&db, &["agreements", "list", "--json"]));
    let agreement = agreements[0]["id"].as_str().unwrap();
    let shown = ok(run(&db, &["agreements", "show", agreement, "--json"]));
    let household = shown["roster"][0]["householdId"].as_str().unwrap();
    let error = refused(run(
        &db,
        &[
            "households",
            "void",
            household,
            "--reason",
            "迁出",
            "--json",
        ],
    ));
    assert_eq!(error["code"], "RECORD_IN_USE");
    let number = agreements[0]["number"].as_str().unwrap();
    assert!(
        error["message"].as_str().unwrap().contains(number),
        "{error}"
    );
}

#[test]
fn void_without_a_reason_is_a_usage_error_and_text_output_names_the_status() {
    let (_dir, db) = temp_db();
    ok(run(&db, &["demo", "--json"]));
    let sessions = ok(run(&db, &["training", "list", "--json"]));
    let id = sessions[0]["id"].as_str().unwrap().to_string();
    let usage = run(&db, &["training", "void", &id]);
    assert_eq!(usage.status.code(), Some(2));

    let text = crate::succeeded(run(&db, &["training", "submit", &id])).stdout;
    assert!(String::from_utf8(text).unwrap().contains("已提交"));
    let table = crate::succeeded(run(&db, &["training", "list", "--status", "已提交"])).stdout;
    let table = String::from_utf8(table).unwrap();
    assert!(table.contains(&id) && table.contains("已提交"), "{table}");
}
