//! Encryption at rest through IPC: the first run creates the user's database encrypted, an
//! encrypted database starts locked and opens only with its passphrase, the idle lock closes it
//! again, and no answer ever carries the passphrase. Set in 托里县 (654224), not the demo county.

use fieldbook::store::{file_kind, FileKind, Passphrase};
use fieldbook::Store;
use fieldbook_desktop::state::AppState;
use serde_json::{json, Value};

use super::{invoke, window_with};

const PASSPHRASE: &str = "托里县台账二〇二六";

/// The user's own database made encrypted by the first run, with 托里县 started in it.
fn encrypted_tuoli(path: &std::path::Path) {
    let passphrase = Passphrase::new(PASSPHRASE).unwrap();
    let mut store = Store::open_with(path, Some(&passphrase)).unwrap();
    store.create_county("654224", "托里县").unwrap();
    store.add_township("654224100", "托里镇").unwrap();
}

/// Fails when `answer` holds the passphrase anywhere.
fn never_carries_passphrase(answer: &Value) {
    assert!(
        !answer.to_string().contains(PASSPHRASE),
        "an answer carries the passphrase: {answer}"
    );
}

#[test]
fn the_first_run_creates_the_database_encrypted_and_refuses_a_weak_passphrase() {
    let dir = tempfile::tempdir().unwrap();
    let own = dir.path().join("fieldbook.db");
    let (_app, window) = window_with(AppState::open(Some(own.clone())));
    let info = invoke(&window, "app_info", json!({})).unwrap();
    assert_eq!(info["access"], "missing");
    assert!(!own.exists(), "nothing is created before the passphrase");
    let refused = invoke(
        &window,
        "create_county",
        json!({ "code": "654224", "name": "托里县" }),
    )
    .unwrap_err();
    assert_eq!(refused["code"], "STORE_NOT_CREATED");

    let weak = invoke(
        &window,
        "create_database",
        json!({ "passphrase": "1234567", "passphraseAgain": "1234568" }),
    )
    .unwrap_err();
    let fields: Vec<(&str, &str)> = weak["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["code"].as_str().unwrap(), e["field"].as_str().unwrap()))
        .collect();
    assert_eq!(
        fields,
        [
            ("STORE_PASSPHRASE_WEAK", "passphrase"),
            ("STORE_PASSPHRASE_MISMATCH", "passphraseAgain")
        ]
    );
    assert!(!own.exists(), "a refused passphrase creates nothing");

    let created = invoke(
        &window,
        "create_database",
        json!({ "passphrase": PASSPHRASE, "passphraseAgain": PASSPHRASE }),
    )
    .unwrap();
    never_carries_passphrase(&created);
    assert_eq!(
        (&created["access"], &created["encrypted"]),
        (&json!("open"), &json!(true))
    );
    assert_eq!(
        created["idleLockSeconds"], 0,
        "nothing to lock before a county"
    );
    invoke(
        &window,
        "create_county",
        json!({ "code": "654224", "name": "托里县" }),
    )
    .unwrap();
    assert_eq!(file_kind(&own).unwrap(), FileKind::NotPlain);
    assert_eq!(
        invoke(&window, "app_info", json!({})).unwrap()["idleLockSeconds"],
        15 * 60,
        "the county's default: 15 minutes"
    );
    let again = invoke(
        &window,
        "create_database",
        json!({ "passphrase": PASSPHRASE, "passphraseAgain": PASSPHRASE }),
    )
    .unwrap_err();
    assert_eq!(
        again["code"], "INTERNAL",
        "an existing database is never created again"
    );
}

#[test]
fn an_encrypted_database_starts_locked_and_a_wrong_passphrase_leaves_it_locked() {
    let dir = tempfile::tempdir().unwrap();
    let own = dir.path().join("fieldbook.db");
    encrypted_tuoli(&own);
    let before = std::fs::read(&own).unwrap();
    let (_app, window) = window_with(AppState::open(Some(own.clone())));

    let info = invoke(&window, "app_info", json!({})).unwrap();
    assert_eq!(info["access"], "locked");
    assert_eq!(info["dbPath"], own.to_str().unwrap());
    assert_eq!(
        info["county"],
        Value::Null,
        "nothing of the register before it opens"
    );
    let refused = invoke(&window, "list_townships", json!({})).unwrap_err();
    assert_eq!(refused["code"], "STORE_LOCKED");

    let wrong = invoke(
        &window,
        "unlock",
        json!({ "passphrase": "托里县台账二〇二七" }),
    )
    .unwrap_err();
    assert_eq!(
        (&wrong["code"], &wrong["field"]),
        (&json!("STORE_PASSPHRASE_WRONG"), &json!("passphrase"))
    );
    assert!(!wrong.to_string().contains("二〇二七"), "{wrong}");
    let empty = invoke(&window, "unlock", json!({ "passphrase": "" })).unwrap_err();
    assert_eq!(empty["code"], "STORE_PASSPHRASE_WRONG");
    assert_eq!(
        invoke(&window, "app_info", json!({})).unwrap()["access"],
        "locked"
    );
    assert_eq!(
        std::fs::read(&own).unwrap(),
        before,
        "a refused passphrase changes nothing"
    );

    let opened = invoke(&window, "unlock", json!({ "passphrase": PASSPHRASE })).unwrap();
    never_carries_passphrase(&opened);
    assert_eq!(opened["access"], "open");
    assert_eq!(opened["county"]["name"], "托里县");
    let townships = invoke(&window, "list_townships", json!({})).unwrap();
    assert_eq!(townships[0]["name"], "托里镇");
}

#[test]
fn the_idle_lock_closes_an_encrypted_database_and_unlocking_opens_it_again() {
    let dir = tempfile::tempdir().unwrap();
    let own = dir.path().join("fieldbook.db");
    encrypted_tuoli(&own);
    let state = AppState::open(Some(own.clone())).with_idle_lock_override(Some(3));
    let (_app, window) = window_with(state);
    let opened = invoke(&window, "unlock", json!({ "passphrase": PASSPHRASE })).unwrap();
    assert_eq!(
        opened["idleLockSeconds"], 3,
        "FIELDBOOK_IDLE_LOCK_SECONDS overrides the county"
    );

    let locked = invoke(&window, "lock", json!({})).unwrap();
    never_carries_passphrase(&locked);
    assert_eq!(
        (&locked["access"], &locked["county"]),
        (&json!("locked"), &Value::Null)
    );
    assert_eq!(
        invoke(&window, "list_townships", json!({})).unwrap_err()["code"],
        "STORE_LOCKED"
    );
    // While locked, the CLI adds a township with the passphrase: unlocking opens the file
    // afresh and shows it.
    let passphrase = Passphrase::new(PASSPHRASE).unwrap();
    Store::open_with(&own, Some(&passphrase))
        .unwrap()
        .add_township("654224101", "庙尔沟镇")
        .unwrap();

    let wrong = invoke(
        &window,
        "unlock",
        json!({ "passphrase": "wrong passphrase" }),
    )
    .unwrap_err();
    assert_eq!(wrong["code"], "STORE_PASSPHRASE_WRONG");
    invoke(&window, "unlock", json!({ "passphrase": PASSPHRASE })).unwrap();
    let townships = invoke(&window, "list_townships", json!({})).unwrap();
    assert_eq!(townships.as_array().unwrap().len(), 2);
}

#[test]
fn a_plain_database_and_the_demo_never_lock() {
    let dir = tempfile::tempdir().unwrap();
    let own = dir.path().join("fieldbook.db");
    Store::open(&own)
        .unwrap()
        .create_county("621227", "徽县")
        .unwrap();
    let state = AppState::open(Some(own.clone())).with_idle_lock_override(Some(3));
    let (_app, window) = window_with(state);
    let info = invoke(&window, "app_info", json!({})).unwrap();
    assert_eq!(
        (
            &info["access"],
            &info["encrypted"],
            &info["idleLockSeconds"]
        ),
        (&json!("open"), &json!(false), &json!(0))
    );
    assert_eq!(
        invoke(&window, "lock", json!({})).unwrap()["access"],
        "open"
    );
    assert_eq!(
        invoke(&window, "list_townships", json!({})).unwrap(),
        json!([])
    );

    let demo = invoke(&window, "open_demo", json!({})).unwrap();
    assert_eq!(
        (&demo["isDemo"], &demo["idleLockSeconds"]),
        (&json!(true), &json!(0))
    );
    assert_eq!(
        invoke(&window, "lock", json!({})).unwrap()["access"],
        "open"
    );
}

#[test]
fn leaving_the_demo_returns_to_a_locked_own_database() {
    let dir = tempfile::tempdir().unwrap();
    let own = dir.path().join("fieldbook.db");
    encrypted_tuoli(&own);
    let (_app, window) = window_with(AppState::open(Some(own.clone())));
    invoke(&window, "unlock", json!({ "passphrase": PASSPHRASE })).unwrap();
    assert_eq!(
        invoke(&window, "open_demo", json!({})).unwrap()["isDemo"],
        true
    );
    let back = invoke(&window, "leave_demo", json!({})).unwrap();
    assert_eq!(
        (&back["access"], &back["dbPath"]),
        (&json!("locked"), &json!(own.to_str().unwrap())),
        "the passphrase was forgotten with the store it opened"
    );
}
