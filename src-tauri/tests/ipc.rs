//! The commands through Tauri's IPC on the mock runtime (no window, no WebView): argument names,
//! answers, and the `{code, message, field?}` error shape the UI relies on.

use fieldbook::demo::load_demo_places as load_demo;
use fieldbook::Store;
use fieldbook_desktop::state::AppState;
use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, mock_context, noop_assets, MockRuntime};
use tauri::webview::InvokeRequest;
use tauri::WebviewWindow;

#[path = "ipc/encrypt.rs"]
mod encrypt;
#[path = "ipc/unlock.rs"]
mod unlock;

fn window_with(state: AppState) -> (tauri::App<MockRuntime>, WebviewWindow<MockRuntime>) {
    let app = fieldbook_desktop::build(mock_builder(), state, mock_context(noop_assets()))
        .expect("mock app");
    let window = tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .expect("mock window");
    (app, window)
}

fn demo_window() -> (tauri::App<MockRuntime>, WebviewWindow<MockRuntime>) {
    let mut store = Store::open_in_memory().unwrap();
    load_demo(&mut store).unwrap();
    window_with(AppState::from_store(store))
}

fn invoke(window: &WebviewWindow<MockRuntime>, cmd: &str, args: Value) -> Result<Value, Value> {
    get_ipc_response(
        window,
        InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            // The mock runtime treats http://tauri.localhost as remote and refuses commands.
            url: "tauri://localhost".parse().unwrap(),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: tauri::test::INVOKE_KEY.to_string(),
        },
    )
    .map(|body| body.deserialize::<Value>().unwrap())
}

#[test]
fn townships_and_villages_come_back_as_the_bindings_describe() {
    let (_app, window) = demo_window();
    let townships = invoke(&window, "list_townships", json!({})).unwrap();
    assert_eq!(townships.as_array().unwrap().len(), 17);
    assert_eq!(townships[0]["name"], "鸡峰镇");
    assert_eq!(townships[0]["villageCount"], 27);
    let villages = invoke(
        &window,
        "list_villages",
        json!({ "townshipCode": "621221101" }),
    )
    .unwrap();
    assert_eq!(villages.as_array().unwrap().len(), 27);
    assert_eq!(villages[0]["townshipName"], "鸡峰镇");
}

#[test]
fn add_then_update_a_village() {
    let (_app, window) = demo_window();
    let input = json!({ "townshipCode": "621221101", "code": "621221101228", "name": "金鸡村", "poor": true });
    let added = invoke(&window, "add_village", json!({ "input": input })).unwrap();
    assert_eq!(added["name"], "金鸡村");
    let edited = invoke(
        &window,
        "update_village",
        json!({ "id": added["id"], "input": { "townshipCode": "621221101", "code": "621221101228", "name": "金鸡新村", "poor": false } }),
    )
    .unwrap();
    assert_eq!(
        (&edited["id"], &edited["name"], &edited["poor"]),
        (&added["id"], &json!("金鸡新村"), &json!(false))
    );
}

#[test]
fn a_refusal_crosses_ipc_as_code_message_and_field() {
    let (_app, window) = demo_window();
    let error = invoke(
        &window,
        "add_village",
        json!({ "input": { "townshipCode": "621221101", "code": "62122110", "name": "金鸡村", "poor": true } }),
    )
    .unwrap_err();
    let problem = json!({ "code": "PLACE_CODE_SHAPE", "field": "code", "message": "村代码应为 12 位数字，现在是 8 位。" });
    let mut expected = problem.clone();
    expected["errors"] = json!([problem]);
    assert_eq!(error, expected);
    let error = invoke(
        &window,
        "add_village",
        json!({ "input": { "townshipCode": "621221101", "code": "621221101228", "name": "  ", "poor": true } }),
    )
    .unwrap_err();
    assert_eq!(
        (&error["code"], &error["field"]),
        (&json!("NAME_EMPTY"), &json!("name"))
    );
}

#[test]
fn a_refused_form_lists_every_problem_with_its_field() {
    let (_app, window) = demo_window();
    let error = invoke(
        &window,
        "add_operator",
        json!({ "input": { "kind": "demo_shop", "name": " ", "phone": "555", "shopUrl": "not a url" } }),
    )
    .unwrap_err();
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
    // The first problem stays the error itself, for callers that read one.
    assert_eq!(
        (&error["code"], &error["field"]),
        (&json!("NAME_EMPTY"), &json!("name"))
    );
    assert_eq!(error["message"], error["errors"][0]["message"]);
}

#[test]
fn a_database_that_failed_to_open_is_reported_not_crashed_on() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.txt");
    std::fs::write(&path, "不是数据库").unwrap();
    let (_app, window) = window_with(AppState::open(Some(path.clone())));
    let info = invoke(&window, "app_info", json!({})).unwrap();
    assert_eq!(info["startupError"]["code"], "STORE_NOT_A_DATABASE");
    assert_eq!(info["dbPath"], path.to_str().unwrap());
    let error = invoke(&window, "list_townships", json!({})).unwrap_err();
    assert_eq!(error["code"], "STORE_NOT_A_DATABASE");
    assert!(
        error.get("field").is_none(),
        "no field key when none applies"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "不是数据库");
}

#[test]
fn first_start_on_an_empty_database_asks_for_set_up_and_the_demo_stays_apart() {
    let dir = tempfile::tempdir().unwrap();
    let own = dir.path().join("new.db");
    let (_app, window) = window_with(AppState::open(Some(own.clone())));
    let info = invoke(&window, "app_info", json!({})).unwrap();
    assert_eq!(info["county"], Value::Null, "no county is made up");
    assert_eq!(info["isDemo"], false);
    assert_eq!(info["syncMode"], "none");
    assert_eq!(info["startupError"], Value::Null);

    let demo = invoke(&window, "open_demo", json!({})).unwrap();
    assert_eq!(demo["county"]["name"], "成县");
    assert_eq!(demo["isDemo"], true);
    assert_eq!(demo["ownDbPath"], own.to_str().unwrap());
    assert_eq!(
        demo["dbPath"],
        dir.path().join("new-demo.db").to_str().unwrap()
    );
    let townships = invoke(&window, "list_townships", json!({})).unwrap();
    assert_eq!(townships.as_array().unwrap().len(), 17);

    let back = invoke(&window, "leave_demo", json!({})).unwrap();
    assert_eq!(back["dbPath"], own.to_str().unwrap());
    assert_eq!(
        back["county"],
        Value::Null,
        "the demo never entered the user's database"
    );
    assert_eq!(back["isDemo"], false);
    assert_eq!(back["access"], "missing", "nor created it");
    invoke(
        &window,
        "create_database",
        json!({ "passphrase": "托里县台账二〇二六", "passphraseAgain": "托里县台账二〇二六" }),
    )
    .unwrap();
    let created = invoke(
        &window,
        "create_county",
        json!({ "code": "654224", "name": "托里县" }),
    )
    .unwrap();
    assert_eq!(created["name"], "托里县");
    let township = invoke(
        &window,
        "add_township",
        json!({ "code": "654224100", "name": "托里镇" }),
    )
    .unwrap();
    assert_eq!(township["name"], "托里镇");
    let renamed = invoke(
        &window,
        "rename_place",
        json!({ "code": "654224100", "name": "托里新镇" }),
    )
    .unwrap();
    assert_eq!(renamed["name"], "托里新镇");
}

#[test]
fn the_desktop_takes_db_from_its_command_line() {
    use fieldbook_desktop::state::db_arg;
    let args = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert_eq!(db_arg(args(&["--db", "/x/a.db"])), Some("/x/a.db".into()));
    assert_eq!(db_arg(args(&["--db=/x/b.db"])), Some("/x/b.db".into()));
    assert_eq!(db_arg(args(&[])), None);
}

#[test]
fn the_officer_is_remembered_and_named_in_a_villages_history() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("f.db");
    fieldbook::demo::load_demo(&mut fieldbook::Store::open(&db).unwrap()).unwrap();
    {
        let (_app, window) = window_with(AppState::open(Some(db.clone())));
        let refused = invoke(&window, "set_officer", json!({ "name": " " })).unwrap_err();
        assert_eq!(
            (&refused["code"], &refused["field"]),
            (&json!("NAME_EMPTY"), &json!("officer"))
        );
        assert_eq!(
            invoke(&window, "set_officer", json!({ "name": "王芳" })).unwrap(),
            json!("王芳")
        );
    }
    let (_app, window) = window_with(AppState::open(Some(db)));
    assert_eq!(
        invoke(&window, "app_info", json!({})).unwrap()["officer"],
        "王芳"
    );
    let input = json!({ "townshipCode": "621221101", "code": "621221101228", "name": "金鸡村", "poor": true });
    let added = invoke(&window, "add_village", json!({ "input": input })).unwrap();
    let history = invoke(&window, "village_history", json!({ "id": added["id"] })).unwrap();
    assert_eq!(history[0]["officer"], "王芳");
    assert_eq!(history[0]["op"], "create");
    assert_eq!(
        history[0]["fields"]["township_id"],
        json!([null, "鸡峰镇（621221101）"])
    );
}

#[test]
fn a_household_save_returns_the_record_and_its_warnings_and_lists_mask_the_id() {
    let (_app, window) = demo_window();
    let villages = invoke(
        &window,
        "list_villages",
        json!({ "townshipCode": "621221101" }),
    )
    .unwrap();
    let village = villages[0]["id"].clone();
    let household = |name: &str, id: &str| {
        json!({ "input": { "headName": name, "idNumber": id, "size": 3, "villageId": village,
                           "villageGroup": "一组", "category": "general", "yearLifted": null,
                           "phone": "", "notes": "" } })
    };
    let first = invoke(
        &window,
        "add_household",
        household("张三", "11010519491231002X"),
    )
    .unwrap();
    assert_eq!(first["warnings"], json!([]));
    assert_eq!(first["record"]["idNumber"], "11010519491231002X");
    let namesake = invoke(
        &window,
        "add_household",
        household("张三", "110105194912310038"),
    )
    .unwrap();
    assert_eq!(namesake["warnings"][0]["code"], "HOUSEHOLD_NAME_TWICE");
    assert_eq!(namesake["warnings"][0]["field"], "headName");
    let refused = invoke(
        &window,
        "add_household",
        household("李四", "11010519491231002X"),
    )
    .unwrap_err();
    assert_eq!(
        (&refused["code"], &refused["field"]),
        (&json!("HOUSEHOLD_ID_DUPLICATE"), &json!("idNumber"))
    );
    let page = invoke(
        &window,
        "search_households",
        json!({ "query": { "text": "002X", "townshipCode": null, "villageId": null, "offset": 0, "limit": 50 } }),
    )
    .unwrap();
    assert_eq!(page["total"], 1);
    assert_eq!(page["rows"][0]["idMasked"], "1101**********002X");
    assert!(!page.to_string().contains("11010519491231002X"));
}

#[test]
fn a_notice_is_previewed_saved_and_verified_through_ipc() {
    let mut store = Store::open_in_memory().unwrap();
    fieldbook::demo::load_demo(&mut store).unwrap();
    let (_app, window) = window_with(AppState::from_store(store));
    let notices = invoke(&window, "list_notices", json!({})).unwrap();
    let id = notices[0]["id"].as_str().unwrap().to_string();
    let preview = invoke(
        &window,
        "preview_form",
        json!({ "form": "notice", "id": id }),
    )
    .unwrap();
    assert!(preview["pages"][0].as_str().unwrap().starts_with("<svg"));
    let hash = preview["stamp"]["hash"].as_str().unwrap().to_string();
    // Not printed yet: a preview is not logged.
    let unknown = invoke(&window, "verify_print", json!({ "hash": hash })).unwrap();
    assert_eq!(unknown["status"], "unknown");
    let dir = tempfile::tempdir().unwrap();
    std::env::set_var("FIELDBOOK_SAVE_DIR", dir.path());
    let saved = invoke(&window, "save_print", json!({ "form": "notice", "id": id })).unwrap();
    assert_eq!(saved["hash"], hash.as_str());
    assert!(std::path::Path::new(saved["path"].as_str().unwrap()).starts_with(dir.path()));
    let current = invoke(&window, "verify_print", json!({ "hash": hash })).unwrap();
    assert_eq!(current["status"], "current");
    // A 9-day notice: refused with the field the form shows it under.
    let err = invoke(
        &window,
        "add_notice",
        json!({ "input": {
            "title": "关于测试的公示", "subject": "shop_list", "programmeId": null,
            "issuer": "成县商务局", "places": ["县政府网站"], "startDate": "2019-08-12",
            "endDate": "2019-08-21", "phoneLocal": "0939-3212317", "body": "", "entries": [],
            "privacy": "none" } }),
    )
    .unwrap_err();
    assert_eq!(err["code"], "NOTICE_TOO_SHORT");
    assert_eq!(err["field"], "endDate");
}

#[test]
fn the_county_hub_is_set_up_and_a_device_revoked_through_ipc() {
    use base64::Engine;
    // A fresh database with the demo places becomes the county hub; the answer is its fingerprint.
    let (_app, window) = demo_window();
    let status = invoke(&window, "sync_status", json!({})).unwrap();
    assert_eq!(status["mode"], "none");
    let init = invoke(&window, "sync_county_init", json!({})).unwrap();
    let status = invoke(&window, "sync_status", json!({})).unwrap();
    assert_eq!(status["mode"], "county");
    assert_eq!(init["countyFingerprint"], status["countyFingerprint"]);
    let again = invoke(&window, "sync_county_init", json!({})).unwrap_err();
    assert_eq!(again["code"], "SYNC_ALREADY_COUNTY");

    // A county with an enrolled laptop that has sent nothing yet.
    let dir = tempfile::tempdir().unwrap();
    let mut county = Store::open(&dir.path().join("county.db")).unwrap();
    load_demo(&mut county).unwrap();
    county.county_init().unwrap();
    let mut laptop = Store::open(&dir.path().join("laptop.db")).unwrap();
    laptop.set_officer("王芳");
    let (request, _) = laptop.device_request().unwrap();
    let (answer, _) = county.county_enroll(&request, "621221101").unwrap();
    laptop.device_enroll(&answer).unwrap();
    let (package, _) = county.sync_package(laptop.device_id()).unwrap();
    laptop.sync_apply(&package).unwrap();
    // An enrolled laptop cannot become the county hub.
    let err = laptop.county_init().unwrap_err();
    assert_eq!(err.code(), "SYNC_ALREADY_DEVICE");
    let batch = laptop.export_batch().unwrap().0;
    let batch = base64::engine::general_purpose::STANDARD.encode(batch);
    let request = base64::engine::general_purpose::STANDARD.encode(request);
    let device_id = laptop.device_id().to_string();
    let (_app, window) = window_with(AppState::from_store(county));

    let info = invoke(
        &window,
        "sync_read_request",
        json!({ "contentBase64": request }),
    )
    .unwrap();
    assert_eq!(info["officer"], "王芳");
    assert_eq!(info["enrolled"]["townshipName"], "鸡峰镇");

    let unknown = invoke(&window, "sync_county_revoke", json!({ "deviceId": "nope" })).unwrap_err();
    assert_eq!(unknown["code"], "SYNC_UNKNOWN_DEVICE");
    let revoked = invoke(
        &window,
        "sync_county_revoke",
        json!({ "deviceId": device_id }),
    )
    .unwrap();
    assert_eq!(revoked["alreadyRevoked"], false);
    assert_eq!(revoked["device"]["townshipName"], "鸡峰镇");
    assert_eq!(revoked["device"]["officer"], "王芳");
    assert!(revoked["device"]["revokedAt"].is_string());
    let again = invoke(
        &window,
        "sync_county_revoke",
        json!({ "deviceId": device_id }),
    )
    .unwrap();
    assert_eq!(again["alreadyRevoked"], true);
    let devices = invoke(&window, "sync_devices", json!({})).unwrap();
    assert_eq!(devices[0]["status"], "revoked");
    let refused = invoke(
        &window,
        "sync_import",
        json!({ "contentBase64": batch, "dryRun": true }),
    )
    .unwrap_err();
    assert_eq!(refused["code"], "SYNC_DEVICE_REVOKED");
}

/// A station's month in 托里县 corrected and voided through IPC: the argument names the
/// bindings use, a colliding month refused on its field, the void's reason answered.
#[test]
fn a_station_month_is_corrected_and_voided_through_ipc() {
    let mut store = Store::open_in_memory().unwrap();
    store.create_county("654224", "托里县").unwrap();
    store.add_township("654224100", "托里镇").unwrap();
    let village = store
        .add_village(&fieldbook::domain::places::VillageInput {
            township_code: "654224100".into(),
            code: "654224100201".into(),
            name: "克孜勒吐村".into(),
            poor: true,
        })
        .unwrap()
        .id;
    let station: fieldbook::domain::operators::OperatorInput = serde_json::from_value(json!({
        "kind": "service_station", "name": "克孜勒吐村服务站", "villageId": village
    }))
    .unwrap();
    let station = store.add_operator(&station).unwrap().record.id;
    let (_app, window) = window_with(AppState::from_store(store));
    let month = |m: &str, v: &str| json!({ "stationId": station, "month": m, "serviceValue": v });
    let april = invoke(
        &window,
        "add_station_month",
        json!({ "input": month("2020-04", "900") }),
    )
    .unwrap();
    let may = invoke(
        &window,
        "add_station_month",
        json!({ "input": month("2020-05", "25") }),
    )
    .unwrap();
    let refused = invoke(
        &window,
        "edit_station_month",
        json!({ "id": may["id"], "input": month("2020-04", "2500") }),
    )
    .unwrap_err();
    assert_eq!(
        (&refused["code"], &refused["field"]),
        (&json!("STATION_MONTH_DUPLICATE"), &json!("month"))
    );
    let edited = invoke(
        &window,
        "edit_station_month",
        json!({ "id": may["id"], "input": month("2020-05", "2500") }),
    )
    .unwrap();
    assert_eq!(
        (&edited["id"], &edited["serviceValue"]),
        (&may["id"], &json!("2500.00"))
    );
    let voided = invoke(
        &window,
        "void_station_month",
        json!({ "id": april["id"], "reason": "月份录错" }),
    )
    .unwrap();
    assert_eq!(
        voided,
        json!({ "id": april["id"], "voidReason": "月份录错" })
    );
    let months = invoke(&window, "station_months", json!({ "stationId": station })).unwrap();
    assert_eq!(months.as_array().unwrap().len(), 1);
    assert_eq!(months[0]["month"], "2020-05");
}

#[test]
fn the_fund_forms_are_previewed_and_a_fund_export_asks_for_a_programme_through_ipc() {
    use fieldbook::domain::funds::{ApplicationInput, AwardInput, DecisionInput};
    let mut store = Store::open_in_memory().unwrap();
    store.create_county("654224", "托里县").unwrap();
    store.add_township("654224100", "托里镇").unwrap();
    let village = store
        .add_village(&fieldbook::domain::places::VillageInput {
            township_code: "654224100".into(),
            code: "654224100201".into(),
            name: "克孜勒吐村".into(),
            poor: true,
        })
        .unwrap()
        .id;
    let station: fieldbook::domain::operators::OperatorInput = serde_json::from_value(json!({
        "kind": "service_station", "name": "克孜勒吐村服务站", "villageId": village
    }))
    .unwrap();
    let station = store.add_operator(&station).unwrap().record.id;
    let programme = store
        .add_programme_from_preset("huoqiu-2019-service-station", None)
        .unwrap()
        .id;
    let application: ApplicationInput = serde_json::from_value(json!({
        "programmeId": programme, "operatorId": station, "classKey": "station",
        "appliedDate": "2019-04-01"
    }))
    .unwrap();
    let application = store.apply_for_funds(&application).unwrap().record.id;
    let decision: DecisionInput = serde_json::from_value(json!({
        "applicationId": application, "decision": "approved", "decidedBy": "县电商领导小组",
        "decidedDate": "2019-04-20"
    }))
    .unwrap();
    store.decide_fund_application(&decision).unwrap();
    let award: AwardInput = serde_json::from_value(json!({
        "applicationId": application, "decidedDate": "2019-04-25"
    }))
    .unwrap();
    store.award_funds(&award).unwrap();
    let (_app, window) = window_with(AppState::from_store(store));
    for form in ["disbursements", "fund-status"] {
        let preview = invoke(
            &window,
            "preview_form",
            json!({ "form": form, "id": programme }),
        )
        .unwrap();
        let page = preview["pages"][0].as_str().unwrap();
        assert!(page.starts_with("<svg"), "{form}");
        assert!(page.contains("托里镇"), "{form}");
        assert_eq!(preview["stamp"]["form"], form);
    }
    let refused = invoke(
        &window,
        "export_fund_sheet",
        json!({ "kind": "households", "programmeId": programme }),
    )
    .unwrap_err();
    assert_eq!(refused["code"], "USAGE");
    assert_eq!(refused["field"], "kind");
}

#[test]
fn locking_an_inspection_is_refused_off_the_county_hub() {
    let (_app, window) = demo_window();
    let error = invoke(&window, "lock_inspection", json!({ "id": "i-any" })).unwrap_err();
    assert_eq!(error["code"], json!("SYNC_NOT_COUNTY"));
}
