//! The `fieldbook` binary as a county clerk runs it: exit codes, JSON, and files left alone.

use std::path::Path;
use std::process::{Command, Output};

use crate::temp_db;

fn fieldbook(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_fieldbook"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("FIELDBOOK_DB")
        .output()
        .expect("run fieldbook")
}

#[track_caller]
fn json(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&crate::succeeded(output).stdout).expect("valid JSON on stdout")
}

#[test]
fn demo_then_list_prints_124_villages_and_demo_again_keeps_124() {
    let (_dir, db) = temp_db();
    crate::succeeded(fieldbook(&db, &["demo"]));
    let villages = json(&fieldbook(&db, &["places", "list", "--json"]));
    assert_eq!(villages.as_array().unwrap().len(), 124);
    let again = json(&fieldbook(&db, &["demo", "--json"]));
    assert_eq!(again["alreadyLoaded"], true);
    let villages = json(&fieldbook(&db, &["places", "list", "--json"]));
    assert_eq!(villages.as_array().unwrap().len(), 124);
}

#[test]
fn list_one_township_by_name() {
    let (_dir, db) = temp_db();
    crate::succeeded(fieldbook(&db, &["demo"]));
    let villages = json(&fieldbook(
        &db,
        &["places", "list", "--township", "鸡峰镇", "--json"],
    ));
    let villages = villages.as_array().unwrap();
    assert_eq!(villages.len(), 27);
    assert!(villages.iter().all(|v| v["townshipName"] == "鸡峰镇"));
    let missing = fieldbook(&db, &["places", "list", "--township", "不存在镇"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("找不到乡镇“不存在镇”"));
}

#[test]
fn add_and_edit_from_the_command_line() {
    let (_dir, db) = temp_db();
    crate::succeeded(fieldbook(&db, &["demo"]));
    let added = json(&fieldbook(
        &db,
        &[
            "places",
            "add",
            "--township",
            "鸡峰镇",
            "--code",
            "621221101228",
            "--name",
            "新建村",
            "--json",
        ],
    ));
    assert_eq!(added["name"], "新建村");
    let edited = json(&fieldbook(
        &db,
        &[
            "places",
            "edit",
            "621221101228",
            "--name",
            "新建二村",
            "--poor",
            "true",
            "--json",
        ],
    ));
    assert_eq!(
        (edited["name"].as_str(), edited["poor"].as_bool()),
        (Some("新建二村"), Some(true))
    );
    let refused = fieldbook(
        &db,
        &[
            "places",
            "add",
            "--township",
            "鸡峰镇",
            "--code",
            "6212211",
            "--name",
            "坏村",
            "--json",
        ],
    );
    assert_eq!(refused.status.code(), Some(1));
    let body: serde_json::Value = serde_json::from_slice(&refused.stdout).unwrap();
    assert_eq!(body["error"]["code"], "PLACE_CODE_SHAPE");
    assert_eq!(body["error"]["field"], "code");
}

#[test]
fn a_readme_given_as_database_is_refused_and_unchanged() {
    let (dir, _) = temp_db();
    let readme = dir.path().join("README.md");
    std::fs::write(&readme, "# Fieldbook\n\n乡镇电商帮扶台账\n").unwrap();
    let before = std::fs::read(&readme).unwrap();
    let output = fieldbook(&readme, &["places", "list"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("STORE_NOT_A_DATABASE") && stderr.contains("不是 Fieldbook 数据库"),
        "{stderr}"
    );
    assert_eq!(std::fs::read(&readme).unwrap(), before);
}

#[test]
fn usage_errors_exit_2() {
    let (_dir, db) = temp_db();
    assert_eq!(
        fieldbook(&db, &["places", "frobnicate"]).status.code(),
        Some(2)
    );
    assert_eq!(fieldbook(&db, &[]).status.code(), Some(2));
}

#[test]
fn without_db_the_cli_uses_fieldbook_db_or_the_data_directory() {
    let (dir, db) = temp_db();
    let output = Command::new(env!("CARGO_BIN_EXE_fieldbook"))
        .args(["info", "--json"])
        .env("FIELDBOOK_DB", &db)
        .output()
        .unwrap();
    let info = json(&output);
    assert_eq!(info["db"], db.to_str().unwrap());
    let home = dir.path().join("home");
    let output = Command::new(env!("CARGO_BIN_EXE_fieldbook"))
        .args(["info", "--json"])
        .env_remove("FIELDBOOK_DB")
        .env("HOME", &home)
        .env_remove("XDG_DATA_HOME")
        .output()
        .unwrap();
    let info = json(&output);
    assert_eq!(
        info["db"],
        home.join(".local/share/fieldbook/fieldbook.db")
            .to_str()
            .unwrap()
    );
}

#[test]
fn history_shows_who_changed_what_and_verify_log_names_a_broken_entry() {
    let (_dir, db) = temp_db();
    crate::succeeded(fieldbook(&db, &["demo"]));
    let demo_entries = json(&fieldbook(&db, &["verify-log", "--json"]))["entries"]
        .as_i64()
        .unwrap();
    let add = [
        "places",
        "add",
        "--township",
        "鸡峰镇",
        "--code",
        "621221101228",
    ];
    crate::succeeded(fieldbook(
        &db,
        &[&add[..], &["--name", "金鸡村", "--officer", "王芳"]].concat(),
    ));
    let edit = [
        "places",
        "edit",
        "621221101228",
        "--name",
        "金鸡新村",
        "--officer",
        "李明",
    ];
    crate::succeeded(fieldbook(&db, &edit));
    let history = json(&fieldbook(
        &db,
        &["places", "history", "621221101228", "--json"],
    ));
    let officers: Vec<_> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["officer"].as_str().unwrap())
        .collect();
    assert_eq!(officers, ["王芳", "李明"]);
    assert_eq!(
        history[1]["fields"]["name"],
        serde_json::json!(["金鸡村", "金鸡新村"])
    );

    let ok = json(&fieldbook(&db, &["verify-log", "--json"]));
    assert_eq!(
        (ok["entries"].as_i64(), &ok["firstBroken"]),
        (Some(demo_entries + 2), &serde_json::Value::Null)
    );
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute("UPDATE change_log SET officer = '张三' WHERE seq = 50", [])
        .unwrap();
    let broken = fieldbook(&db, &["verify-log"]);
    assert_eq!(broken.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&broken.stderr);
    assert!(
        stderr.contains("LOG_BROKEN") && stderr.contains("第 50 条"),
        "{stderr}"
    );
}

#[test]
fn programmes_are_set_up_from_presets_on_the_command_line() {
    let (_dir, db) = temp_db();
    let presets = json(&fieldbook(&db, &["programmes", "presets", "--json"]));
    assert!(presets
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["code"] == "chengxian-2019-training"));
    let added = json(&fieldbook(
        &db,
        &[
            "programmes",
            "add",
            "--preset",
            "chengxian-2019-training",
            "--year",
            "2020",
            "--json",
        ],
    ));
    assert_eq!(
        (added["year"].as_i64(), added["kind"].as_str()),
        (Some(2020), Some("training"))
    );
    let list = json(&fieldbook(&db, &["programmes", "list", "--json"]));
    assert_eq!(list.as_array().unwrap().len(), 1);
    let again = fieldbook(
        &db,
        &[
            "programmes",
            "add",
            "--preset",
            "chengxian-2019-training",
            "--year",
            "2020",
        ],
    );
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("PROGRAMME_DUPLICATE"));
}

#[test]
fn a_county_starts_from_the_command_line_with_its_real_name() {
    let (_dir, db) = temp_db();
    let county = json(&fieldbook(
        &db,
        &[
            "county",
            "create",
            "--code",
            "654224",
            "--name",
            "托里县",
            "--json",
        ],
    ));
    assert_eq!(
        (county["code"].as_str(), county["name"].as_str()),
        (Some("654224"), Some("托里县"))
    );
    let township = json(&fieldbook(
        &db,
        &[
            "places",
            "add-township",
            "--code",
            "654224100",
            "--name",
            "托里镇",
            "--json",
        ],
    ));
    assert_eq!(township["name"], "托里镇");
    crate::succeeded(fieldbook(
        &db,
        &[
            "places",
            "add",
            "--township",
            "托里镇",
            "--code",
            "654224100201",
            "--name",
            "克孜勒吐村",
        ],
    ));
    let renamed = json(&fieldbook(
        &db,
        &[
            "places",
            "rename",
            "--code",
            "654224100201",
            "--name",
            "克孜勒吐新村",
            "--json",
        ],
    ));
    assert_eq!(
        (renamed["kind"].as_str(), renamed["name"].as_str()),
        (Some("village"), Some("克孜勒吐新村"))
    );
    let busy = fieldbook(&db, &["places", "retire", "--code", "654224100", "--json"]);
    assert_eq!(busy.status.code(), Some(1));
    let refusal: serde_json::Value = serde_json::from_slice(&busy.stdout).unwrap();
    assert_eq!(refusal["error"]["code"], "PLACE_HAS_VILLAGES");
    let retired = json(&fieldbook(
        &db,
        &["places", "retire", "--code", "654224100201", "--json"],
    ));
    assert_eq!(retired["retired"], true);
    let county = json(&fieldbook(
        &db,
        &["county", "rename", "--name", "托里县（新）", "--json"],
    ));
    assert_eq!(county["name"], "托里县（新）");

    let officer = json(&fieldbook(&db, &["officer", "set", "阿依古丽", "--json"]));
    assert_eq!(
        (officer["officer"].as_str(), officer["saved"].as_bool()),
        (Some("阿依古丽"), Some(true))
    );
    let info = json(&fieldbook(&db, &["info", "--json"]));
    assert_eq!(info["start"]["countyName"], "托里县（新）");
    assert_eq!(info["start"]["officerSet"], true);
    assert_eq!(info["start"]["isDemo"], false);

    let twice = fieldbook(
        &db,
        &["county", "create", "--code", "621227", "--name", "徽县"],
    );
    assert_eq!(twice.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&twice.stderr).contains("COUNTY_EXISTS"));
}

#[test]
fn a_reader_that_stops_early_ends_the_cli_quietly() {
    use std::process::Stdio;
    let (_dir, db) = temp_db();
    // The reader is gone before the CLI starts (`| head -0`): its first write meets a closed
    // pipe, whatever the timing.
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let out = Command::new(env!("CARGO_BIN_EXE_fieldbook"))
        .arg("--db")
        .arg(&db)
        .args(["places", "list", "--json"])
        .env_remove("FIELDBOOK_DB")
        .stdout(Stdio::from(writer))
        .stderr(Stdio::piped())
        .output()
        .expect("run fieldbook");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        !stderr.contains("panicked") && !stderr.contains("Broken pipe"),
        "{stderr}"
    );
}
