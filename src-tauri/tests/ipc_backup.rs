//! Backup, verify and restore through Tauri's IPC on the mock runtime, in 托里县 (654224): the
//! reminder, 立即备份 into the save folder, a verified manifest, and a restore that puts the
//! restored register in the database's place, keeping the replaced one aside. Its own test binary: it sets
//! FIELDBOOK_SAVE_DIR, which no other test must see.

use fieldbook_desktop::state::AppState;
use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, mock_context, noop_assets, MockRuntime};
use tauri::webview::InvokeRequest;
use tauri::WebviewWindow;

fn window_with(state: AppState) -> (tauri::App<MockRuntime>, WebviewWindow<MockRuntime>) {
    let app = fieldbook_desktop::build(mock_builder(), state, mock_context(noop_assets()))
        .expect("mock app");
    let window = tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .expect("mock window");
    (app, window)
}

fn invoke(window: &WebviewWindow<MockRuntime>, cmd: &str, args: Value) -> Result<Value, Value> {
    get_ipc_response(
        window,
        InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: tauri::test::INVOKE_KEY.to_string(),
        },
    )
    .map(|body| body.deserialize::<Value>().unwrap())
}

#[test]
fn a_backup_is_made_verified_and_restored_in_place_of_the_database_through_ipc() {
    let dir = tempfile::tempdir().unwrap();
    let saves = dir.path().join("save");
    std::env::set_var("FIELDBOOK_SAVE_DIR", &saves);
    let own = dir.path().join("tuoli.db");
    // The app no longer creates a missing database at start (the first run does, encrypted):
    // the register starts plain, as the CLI makes it.
    fieldbook::Store::open(&own).unwrap();
    let (_app, window) = window_with(AppState::open(Some(own.clone())));
    invoke(
        &window,
        "create_county",
        json!({ "code": "654224", "name": "托里县" }),
    )
    .unwrap();
    invoke(
        &window,
        "add_township",
        json!({ "code": "654224100", "name": "托里镇" }),
    )
    .unwrap();

    let status = invoke(&window, "backup_status", json!({})).unwrap();
    assert_eq!(status["reminderDue"], true);
    assert_eq!(status["last"], Value::Null);

    let report = invoke(&window, "backup_now", json!({})).unwrap();
    let file = report["file"].as_str().unwrap().to_string();
    assert!(file.starts_with(saves.to_str().unwrap()), "{file}");
    assert!(
        file.contains("台账备份-托里县-") && file.ends_with(".zip"),
        "{file}"
    );
    assert!(std::path::Path::new(&file).is_file());
    assert_eq!(report["manifest"]["county"]["name"], "托里县");
    assert_eq!(report["manifest"]["encrypted"], false);
    assert_eq!(report["manifest"]["tables"]["township"], 1);

    let status = invoke(&window, "backup_status", json!({})).unwrap();
    assert_eq!(status["reminderDue"], false);
    assert_eq!(status["last"]["file"], file.as_str());

    let checked = invoke(&window, "verify_backup_file", json!({ "file": file })).unwrap();
    assert_eq!(checked["manifest"], report["manifest"]);
    let letter = dir.path().join("信.txt");
    std::fs::write(&letter, "不是备份").unwrap();
    let refused = invoke(
        &window,
        "verify_backup_file",
        json!({ "file": letter.to_str().unwrap() }),
    )
    .unwrap_err();
    assert_eq!(refused["code"], "BACKUP_NOT_A_BACKUP");

    // A change after the backup: the restored database does not have it.
    invoke(
        &window,
        "add_township",
        json!({ "code": "654224101", "name": "庙尔沟镇" }),
    )
    .unwrap();
    let restored = invoke(&window, "restore_from_backup", json!({ "file": file })).unwrap();
    // The restored register takes the database's own name, so the next start opens it too;
    // the database it replaced is kept aside, with the township added after the backup.
    assert_eq!(restored["path"], own.to_str().unwrap());
    let replaced = restored["replaced"].as_str().unwrap().to_string();
    assert_eq!(
        std::path::Path::new(&replaced).parent(),
        Some(dir.path()),
        "the replaced database is kept beside it"
    );
    assert!(replaced.contains("恢复前"), "{replaced}");
    let info = invoke(&window, "app_info", json!({})).unwrap();
    assert_eq!(info["dbPath"], own.to_str().unwrap());
    assert_eq!(info["ownDbPath"], own.to_str().unwrap());
    assert_eq!(info["county"]["name"], "托里县");
    let townships = invoke(&window, "list_townships", json!({})).unwrap();
    assert_eq!(townships.as_array().unwrap().len(), 1);
    let kept = fieldbook::Store::open(std::path::Path::new(&replaced)).unwrap();
    assert_eq!(
        kept.list_townships().unwrap().len(),
        2,
        "the replaced database is whole"
    );
    drop(kept);

    // A restart opens the file under the database's own name: the restored register.
    let reopened = fieldbook::Store::open(&own).unwrap();
    assert_eq!(reopened.list_townships().unwrap().len(), 1);
    drop(reopened);

    // Restoring again keeps the second replaced database under another name.
    let again = invoke(&window, "restore_from_backup", json!({ "file": file })).unwrap();
    assert_ne!(again["replaced"], restored["replaced"]);
    assert!(std::path::Path::new(&replaced).is_file());
}
