//! Encryption at rest from the CLI: `fieldbook db status|encrypt|passphrase` on an enrolled
//! laptop of 托里县 (not the demo), then everyday commands on the encrypted file with
//! FIELDBOOK_PASSPHRASE, and the same commands refused without it.

use std::path::Path;
use std::process::{Command, Output, Stdio};

use fieldbook::domain::places::VillageInput;
use fieldbook::store::{file_kind, FileKind};
use fieldbook::Store;
use serde_json::{json, Value};

use crate::records::id_number;
use crate::succeeded;

const PASSPHRASE: &str = "托里镇 萨孜村 2026";
const TOWNSHIP: &str = "654224100";

/// Runs `fieldbook --db <db> <args>` in `dir` with the given environment and standard input.
fn run(dir: &Path, db: &str, args: &[&str], env: &[(&str, &str)], stdin: &str) -> Output {
    use std::io::Write;
    let mut command = Command::new(env!("CARGO_BIN_EXE_fieldbook"));
    command
        .current_dir(dir)
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("FIELDBOOK_DB")
        .env_remove("FIELDBOOK_PASSPHRASE")
        .env_remove("FIELDBOOK_NEW_PASSPHRASE")
        .env("FIELDBOOK_OFFICER", "托里镇 阿依古丽")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (key, value) in env {
        command.env(key, value);
    }
    let mut child = command.spawn().unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

#[track_caller]
fn json_of(output: Output) -> Value {
    serde_json::from_slice(&succeeded(output).stdout).unwrap()
}

/// A refused run: exit 1 and the coded JSON error.
#[track_caller]
fn refused(output: Output) -> Value {
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice::<Value>(&output.stdout).unwrap()["error"].clone()
}

/// 托里县's hub with one township and village, and a laptop of that township enrolled and
/// holding the county's package (all plain, as before encryption).
fn enrolled_laptop(dir: &Path) -> String {
    {
        let mut county = Store::open(&dir.join("county.db")).unwrap();
        county.create_county("654224", "托里县").unwrap();
        county.add_township(TOWNSHIP, "托里镇").unwrap();
        county
            .add_village(&VillageInput {
                township_code: TOWNSHIP.into(),
                code: "654224100201".into(),
                name: "萨孜村".into(),
                poor: true,
            })
            .unwrap();
    }
    let none: &[(&str, &str)] = &[];
    json_of(run(
        dir,
        "county.db",
        &["--json", "county", "init"],
        none,
        "",
    ));
    let request = json_of(run(
        dir,
        "laptop.db",
        &["--json", "device", "request", "--out", "req.json"],
        none,
        "",
    ));
    let device = request["deviceId"].as_str().unwrap().to_string();
    json_of(run(
        dir,
        "county.db",
        &[
            "--json",
            "county",
            "enroll",
            "req.json",
            "--township",
            TOWNSHIP,
            "--out",
            "ans.json",
        ],
        none,
        "",
    ));
    json_of(run(
        dir,
        "laptop.db",
        &["--json", "device", "enroll", "ans.json"],
        none,
        "",
    ));
    json_of(run(
        dir,
        "county.db",
        &[
            "--json", "sync", "package", "--device", &device, "--out", "p0.bin",
        ],
        none,
        "",
    ));
    json_of(run(
        dir,
        "laptop.db",
        &["--json", "sync", "apply", "p0.bin"],
        none,
        "",
    ));
    device
}

#[test]
fn an_enrolled_laptop_is_encrypted_from_the_cli_and_every_command_needs_the_passphrase() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    enrolled_laptop(d);
    let none: &[(&str, &str)] = &[];
    let key = [("FIELDBOOK_PASSPHRASE", PASSPHRASE)];

    let status = json_of(run(d, "laptop.db", &["--json", "db", "status"], none, ""));
    assert_eq!(
        (status["exists"].clone(), status["encrypted"].clone()),
        (json!(true), json!(false))
    );
    assert!(status["sizeBytes"].as_u64().unwrap() > 0);

    // A weak passphrase on standard input is refused, coded, and the file stays plain.
    let weak = refused(run(
        d,
        "laptop.db",
        &["--json", "db", "encrypt"],
        none,
        "12345678\n",
    ));
    assert_eq!(weak["code"], "STORE_PASSPHRASE_WEAK");
    assert_eq!(weak["field"], "passphrase");
    let nothing = refused(run(d, "laptop.db", &["--json", "db", "encrypt"], none, ""));
    assert_eq!(nothing["code"], "STORE_PASSPHRASE_MISSING");
    assert_eq!(file_kind(&d.join("laptop.db")).unwrap(), FileKind::Plain);

    let converted = run(
        d,
        "laptop.db",
        &["--json", "db", "encrypt"],
        none,
        &format!("{PASSPHRASE}\n"),
    );
    let stderr = String::from_utf8_lossy(&converted.stderr).to_string();
    assert!(
        stderr.contains("无法找回") && stderr.contains("丢失"),
        "{stderr}"
    );
    let report = json_of(converted);
    assert!(report["logEntries"].as_i64().unwrap() > 0);
    assert_eq!(file_kind(&d.join("laptop.db")).unwrap(), FileKind::NotPlain);

    let status = json_of(run(d, "laptop.db", &["--json", "db", "status"], &key, ""));
    assert_eq!(
        (status["encrypted"].clone(), status["unlocked"].clone()),
        (json!(true), json!(true))
    );

    // Everyday work on the encrypted file.
    let villages = json_of(run(d, "laptop.db", &["--json", "places", "list"], &key, ""));
    let village = villages[0]["id"].as_str().unwrap();
    let household = json!({ "headName": "阿依古丽", "idNumber": id_number(654),
        "size": 4, "villageId": village, "category": "general" });
    json_of(run(
        d,
        "laptop.db",
        &["households", "add"],
        &key,
        &household.to_string(),
    ));
    let list = json_of(run(
        d,
        "laptop.db",
        &["--json", "households", "list"],
        &key,
        "",
    ));
    assert_eq!(list["total"], 1, "{list}");
    json_of(run(
        d,
        "laptop.db",
        &["--json", "export", "households", "--out", "households.xlsx"],
        &key,
        "",
    ));
    assert!(d.join("households.xlsx").exists());
    let batch = json_of(run(
        d,
        "laptop.db",
        &["--json", "sync", "export", "--out", "b.fbsync"],
        &key,
        "",
    ));
    assert_eq!(batch["counts"]["household"], 1);
    json_of(run(d, "laptop.db", &["--json", "verify-log"], &key, ""));

    // Without the passphrase, or with a wrong one: refused with a clear, coded message.
    for args in [
        &["--json", "households", "list"][..],
        &["--json", "sync", "export", "--out", "c.fbsync"][..],
        &["--json", "verify-log"][..],
    ] {
        let error = refused(run(d, "laptop.db", args, none, ""));
        assert_eq!(error["code"], "STORE_NOT_A_DATABASE", "{args:?}");
        assert!(
            error["message"]
                .as_str()
                .unwrap()
                .contains("FIELDBOOK_PASSPHRASE"),
            "{error}"
        );
    }
    let wrong = [("FIELDBOOK_PASSPHRASE", "不是这个口令")];
    let error = refused(run(
        d,
        "laptop.db",
        &["--json", "households", "list"],
        &wrong,
        "",
    ));
    assert_eq!(error["code"], "STORE_PASSPHRASE_WRONG");

    // Encrypting twice is refused; changing the passphrase needs the current one.
    let again = refused(run(
        d,
        "laptop.db",
        &["--json", "db", "encrypt"],
        none,
        "x y z 1 2 3 4\n",
    ));
    assert_eq!(again["code"], "STORE_ALREADY_ENCRYPTED");
    let new_key = "新的口令 萨孜村 2027";
    let changed = json_of(run(
        d,
        "laptop.db",
        &["--json", "db", "passphrase"],
        &[
            ("FIELDBOOK_PASSPHRASE", PASSPHRASE),
            ("FIELDBOOK_NEW_PASSPHRASE", new_key),
        ],
        "",
    ));
    assert_eq!(changed["changed"], true);
    let old = refused(run(
        d,
        "laptop.db",
        &["--json", "households", "list"],
        &key,
        "",
    ));
    assert_eq!(old["code"], "STORE_PASSPHRASE_WRONG");
    let list = json_of(run(
        d,
        "laptop.db",
        &["--json", "households", "list"],
        &[("FIELDBOOK_PASSPHRASE", new_key)],
        "",
    ));
    assert_eq!(list["total"], 1);
}
