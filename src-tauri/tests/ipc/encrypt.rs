//! 加密现有台账 and 修改口令 through IPC: a plain database of a real county (托里县 654224, not the
//! demo) converted in place and opened with the chosen passphrase, every refusal leaving the
//! plain database working as it was, and a changed passphrase the only one that opens the file.

use std::path::{Path, PathBuf};

use fieldbook::domain::households::HouseholdInput;
use fieldbook::domain::places::VillageInput;
use fieldbook::domain::resident_id::check_char;
use fieldbook::store::{file_kind, FileKind, Passphrase};
use fieldbook::{Code, Store};
use fieldbook_desktop::state::AppState;
use serde_json::{json, Value};
use tauri::test::MockRuntime;
use tauri::WebviewWindow;

use super::{invoke, window_with};

const PASSPHRASE: &str = "托里县台账二〇二六";
const NEW_PASSPHRASE: &str = "托里县新口令二〇二七";

/// A valid 18-digit ID of 托里县 (6542 24), unique per `n`.
fn tuoli_id(n: u32) -> String {
    let first17 = format!("65422419800101{n:03}");
    format!("{first17}{}", check_char(&first17))
}

/// 托里县 with `households` households in one village, in a database opened with `passphrase`
/// (none: plain, as the CLI or an earlier Fieldbook made it).
fn tuoli_register(path: &Path, passphrase: Option<&Passphrase>, households: u32) {
    let mut store = Store::open_with(path, passphrase).unwrap();
    store.create_county("654224", "托里县").unwrap();
    store.add_township("654224100", "托里镇").unwrap();
    let village = store
        .add_village(&VillageInput {
            township_code: "654224100".into(),
            code: "654224100201".into(),
            name: "萨孜村".into(),
            poor: true,
        })
        .unwrap()
        .id;
    for n in 0..households {
        store
            .add_household(&HouseholdInput {
                head_name: format!("托里户{n}"),
                id_number: tuoli_id(n),
                size: 3,
                village_id: village.clone(),
                village_group: String::new(),
                category: "general".into(),
                year_lifted: None,
                phone: "13899990000".into(),
                notes: String::new(),
            })
            .unwrap();
    }
}

fn beside(path: &Path, suffix: &str) -> PathBuf {
    PathBuf::from(format!("{}{suffix}", path.display()))
}

/// Whether the database file or its WAL holds `text` in plain bytes.
fn on_disk(path: &Path, text: &str) -> bool {
    [path.to_path_buf(), beside(path, "-wal")]
        .iter()
        .filter_map(|file| std::fs::read(file).ok())
        .any(|bytes| bytes.windows(text.len()).any(|w| w == text.as_bytes()))
}

fn household_total(window: &WebviewWindow<MockRuntime>) -> Value {
    invoke(window, "search_households", json!({ "query": {} })).unwrap()["total"].clone()
}

/// The `(code, field)` of every problem of a refused form.
fn problems(refused: &Value) -> Vec<(String, String)> {
    refused["errors"]
        .as_array()
        .unwrap_or_else(|| panic!("no list of problems: {refused}"))
        .iter()
        .map(|e| {
            (
                e["code"].as_str().unwrap().to_string(),
                e["field"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected
        .iter()
        .map(|(c, f)| (c.to_string(), f.to_string()))
        .collect()
}

#[test]
fn a_plain_county_database_is_encrypted_in_place_and_opens_with_the_passphrase() {
    let dir = tempfile::tempdir().unwrap();
    let own = dir.path().join("fieldbook.db");
    tuoli_register(&own, None, 3);
    let id = tuoli_id(1);
    assert!(on_disk(&own, &id), "the plain file shows the ID number");
    // A plain copy an earlier Fieldbook's migration left beside the file.
    let old_copy = beside(&own, ".v3.bak");
    std::fs::copy(&own, &old_copy).unwrap();
    let (_app, window) = window_with(AppState::open(Some(own.clone())));
    let info = invoke(&window, "app_info", json!({})).unwrap();
    assert_eq!(
        (&info["encrypted"], &info["idleLockSeconds"]),
        (&json!(false), &json!(0))
    );

    let converted = invoke(
        &window,
        "encrypt_database",
        json!({ "passphrase": PASSPHRASE, "passphraseAgain": PASSPHRASE, "removePlainCopies": true }),
    )
    .unwrap();
    assert!(!converted.to_string().contains(PASSPHRASE), "{converted}");
    assert_eq!(
        (
            &converted["access"],
            &converted["encrypted"],
            &converted["county"]["name"]
        ),
        (&json!("open"), &json!(true), &json!("托里县"))
    );
    assert_eq!(
        converted["idleLockSeconds"],
        15 * 60,
        "the idle lock now applies"
    );
    assert_eq!(household_total(&window), 3, "the records are still there");
    assert_eq!(file_kind(&own).unwrap(), FileKind::NotPlain);
    assert!(!on_disk(&own, &id), "no ID number in the encrypted file");
    assert!(!on_disk(&own, "托里户"), "no name in the encrypted file");
    assert!(!old_copy.exists(), "the plain copy was deleted as asked");
    assert!(!beside(&own, ".encrypting").exists());

    let again = invoke(
        &window,
        "encrypt_database",
        json!({ "passphrase": PASSPHRASE, "passphraseAgain": PASSPHRASE, "removePlainCopies": false }),
    )
    .unwrap_err();
    assert_eq!(again["code"], "STORE_ALREADY_ENCRYPTED");
    // The app writes on: a new household lands in the encrypted file, found by the passphrase.
    let village = invoke(
        &window,
        "list_villages",
        json!({ "townshipCode": "654224100" }),
    )
    .unwrap()[0]["id"]
        .clone();
    invoke(
        &window,
        "add_household",
        json!({ "input": {
            "headName": "托里新户", "idNumber": tuoli_id(9), "size": 2, "villageId": village,
            "villageGroup": "", "category": "general", "yearLifted": null, "phone": "", "notes": ""
        } }),
    )
    .unwrap();
    drop((_app, window));
    let key = Passphrase::new(PASSPHRASE).unwrap();
    let reopened = Store::open_with(&own, Some(&key)).unwrap();
    assert_eq!(reopened.county().unwrap().unwrap().name, "托里县");
    let refused = Store::open(&own).map(|_| ()).unwrap_err();
    assert_ne!(refused.code(), Code::INTERNAL);
}

#[test]
fn a_refused_or_failed_conversion_leaves_the_plain_database_working() {
    let dir = tempfile::tempdir().unwrap();
    let own = dir.path().join("fieldbook.db");
    tuoli_register(&own, None, 2);
    let (_app, window) = window_with(AppState::open(Some(own.clone())));
    let before = std::fs::read(&own).unwrap();

    let weak = invoke(
        &window,
        "encrypt_database",
        json!({ "passphrase": "1234567", "passphraseAgain": "7654321", "removePlainCopies": true }),
    )
    .unwrap_err();
    assert_eq!(
        problems(&weak),
        pairs(&[
            ("STORE_PASSPHRASE_WEAK", "passphrase"),
            ("STORE_PASSPHRASE_MISMATCH", "passphraseAgain")
        ])
    );
    assert_eq!(
        std::fs::read(&own).unwrap(),
        before,
        "a refused passphrase changes nothing"
    );
    assert_eq!(file_kind(&own).unwrap(), FileKind::Plain);
    assert_eq!(household_total(&window), 2);

    // Another program (the CLI) holds the file: the core refuses, the app reopens the plain
    // database and answers why.
    let elsewhere = Store::open(&own).unwrap();
    let busy = invoke(
        &window,
        "encrypt_database",
        json!({ "passphrase": PASSPHRASE, "passphraseAgain": PASSPHRASE, "removePlainCopies": false }),
    )
    .unwrap_err();
    assert_eq!(busy["code"], "STORE_IN_USE", "{busy}");
    drop(elsewhere);
    assert_eq!(file_kind(&own).unwrap(), FileKind::Plain);
    assert!(!beside(&own, ".encrypting").exists());
    let info = invoke(&window, "app_info", json!({})).unwrap();
    assert_eq!(
        (&info["access"], &info["encrypted"], &info["county"]["name"]),
        (&json!("open"), &json!(false), &json!("托里县"))
    );
    assert_eq!(
        household_total(&window),
        2,
        "the plain database still answers"
    );
    invoke(
        &window,
        "add_township",
        json!({ "code": "654224101", "name": "庙尔沟镇" }),
    )
    .expect("and still takes writes");

    let refused = invoke(
        &window,
        "change_passphrase",
        json!({ "current": "", "passphrase": PASSPHRASE, "passphraseAgain": PASSPHRASE }),
    )
    .unwrap_err();
    assert_eq!(refused["code"], "STORE_NOT_ENCRYPTED");
}

#[test]
fn the_demo_is_never_encrypted() {
    let dir = tempfile::tempdir().unwrap();
    let own = dir.path().join("fieldbook.db");
    tuoli_register(&own, None, 1);
    let (_app, window) = window_with(AppState::open(Some(own.clone())));
    assert_eq!(
        invoke(&window, "open_demo", json!({})).unwrap()["isDemo"],
        true
    );
    let refused = invoke(
        &window,
        "encrypt_database",
        json!({ "passphrase": PASSPHRASE, "passphraseAgain": PASSPHRASE, "removePlainCopies": false }),
    )
    .unwrap_err();
    assert_eq!(refused["code"], "STORE_DEMO_PLAIN");
    let demo = fieldbook::store::demo_db_path(&own);
    assert_eq!(file_kind(&demo).unwrap(), FileKind::Plain);
    assert_eq!(file_kind(&own).unwrap(), FileKind::Plain);
    assert_eq!(
        invoke(&window, "app_info", json!({})).unwrap()["isDemo"],
        true
    );
}

#[test]
fn a_changed_passphrase_is_the_only_one_that_opens_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let own = dir.path().join("fieldbook.db");
    let old = Passphrase::new(PASSPHRASE).unwrap();
    tuoli_register(&own, Some(&old), 2);
    let (_app, window) = window_with(AppState::open(Some(own.clone())));
    invoke(&window, "unlock", json!({ "passphrase": PASSPHRASE })).unwrap();

    let everything_wrong = invoke(
        &window,
        "change_passphrase",
        json!({ "current": "托里县台账二〇二五", "passphrase": "abc", "passphraseAgain": "abd" }),
    )
    .unwrap_err();
    assert_eq!(
        problems(&everything_wrong),
        pairs(&[
            ("STORE_PASSPHRASE_WRONG", "current"),
            ("STORE_PASSPHRASE_WEAK", "passphrase"),
            ("STORE_PASSPHRASE_MISMATCH", "passphraseAgain")
        ])
    );
    assert!(
        !everything_wrong.to_string().contains("二〇二五"),
        "{everything_wrong}"
    );
    let wrong_current = invoke(
        &window,
        "change_passphrase",
        json!({ "current": "托里县台账二〇二五", "passphrase": NEW_PASSPHRASE, "passphraseAgain": NEW_PASSPHRASE }),
    )
    .unwrap_err();
    assert_eq!(
        (&wrong_current["code"], &wrong_current["field"]),
        (&json!("STORE_PASSPHRASE_WRONG"), &json!("current"))
    );
    Store::open_with(&own, Some(&old)).expect("a refused change leaves the old passphrase");

    let changed = invoke(
        &window,
        "change_passphrase",
        json!({ "current": PASSPHRASE, "passphrase": NEW_PASSPHRASE, "passphraseAgain": NEW_PASSPHRASE }),
    )
    .unwrap();
    assert!(!changed.to_string().contains(NEW_PASSPHRASE), "{changed}");
    assert_eq!(
        (&changed["access"], &changed["encrypted"]),
        (&json!("open"), &json!(true))
    );
    assert_eq!(household_total(&window), 2);

    let refused = Store::open_with(&own, Some(&old)).map(|_| ()).unwrap_err();
    assert_eq!(refused.code(), Code::STORE_PASSPHRASE_WRONG);
    let new = Passphrase::new(NEW_PASSPHRASE).unwrap();
    Store::open_with(&own, Some(&new)).expect("the new passphrase opens the file");

    invoke(&window, "lock", json!({})).unwrap();
    let old_refused = invoke(&window, "unlock", json!({ "passphrase": PASSPHRASE })).unwrap_err();
    assert_eq!(old_refused["code"], "STORE_PASSPHRASE_WRONG");
    let reopened = invoke(&window, "unlock", json!({ "passphrase": NEW_PASSPHRASE })).unwrap();
    assert_eq!(reopened["county"]["name"], "托里县");
}
