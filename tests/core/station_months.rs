//! A station's month corrected and voided (作废) in 霍邱县: the same checks as a new month, a
//! changed month refused when it collides, a voided month out of the programme's progress and
//! recordable again; the command line's `stations months edit` / `void`.

use fieldbook::domain::inspections::Stage;
use fieldbook::domain::operators::OperatorKind;
use fieldbook::domain::stations::StationMonthInput;
use fieldbook::Store;
use serde_json::json;

use crate::targets::{county, judged, County};
use crate::{fieldbook_cli, succeeded, temp_db};

fn input(station: &str, month: &str, value: &str) -> StationMonthInput {
    StationMonthInput {
        station_id: station.into(),
        month: month.into(),
        service_value: value.into(),
        parcels: 30,
        ..StationMonthInput::default()
    }
}

fn month_id(c: &County, station: &str, month: &str) -> String {
    c.store
        .station_months(station)
        .unwrap()
        .into_iter()
        .find(|m| m.month == month)
        .unwrap_or_else(|| panic!("{month} is recorded"))
        .id
}

fn months(c: &County, station: &str) -> Vec<(String, String)> {
    c.store
        .station_months(station)
        .unwrap()
        .into_iter()
        .map(|m| (m.month, m.service_value))
        .collect()
}

/// 霍邱's station programme (2,000 yuan a month on average) with one accepted station.
fn huoqiu_station() -> (County, String, String) {
    let mut c = county("341522", "霍邱县", &[&[true, false]]);
    let programme = c.programme("huoqiu-2019-service-station", None);
    let station = c.operator(OperatorKind::ServiceStation, 0, "东湖村服务站");
    c.inspect(&station, &programme, Stage::Preliminary, "2019-02-01", true);
    (c, programme, station)
}

fn stations_reaching(c: &County, programme: &str) -> Option<String> {
    judged(&c.progress(programme))
        .into_iter()
        .find(|(key, ..)| *key == "active_stations")
        .and_then(|(_, done, ..)| done.map(str::to_string))
}

#[test]
fn a_mistyped_value_is_corrected_and_the_progress_follows() {
    let (mut c, programme, station) = huoqiu_station();
    c.month(&station, "2019-01", "2500.00");
    c.month(&station, "2019-02", "25.00");
    assert_eq!(stations_reaching(&c, &programme).as_deref(), Some("0"));
    let id = month_id(&c, &station, "2019-02");
    let edited = c
        .store
        .edit_station_month(&id, &input(&station, "2019-02", "2500.00"))
        .unwrap();
    assert_eq!(
        (edited.id.as_str(), edited.service_value.as_str()),
        (id.as_str(), "2500.00")
    );
    assert_eq!(stations_reaching(&c, &programme).as_deref(), Some("100"));
    let history = c.store.history("station_month", &id).unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(
        history[1].fields["service_value"],
        (json!("25.00"), json!("2500.00"))
    );
}

#[test]
fn an_edit_is_checked_like_a_new_month_and_a_colliding_month_is_refused() {
    let (mut c, _, station) = huoqiu_station();
    let shop = c.operator(OperatorKind::DemoShop, 1, "网店");
    c.month(&station, "2019-01", "2500.00");
    c.month(&station, "2019-02", "2400.00");
    let id = month_id(&c, &station, "2019-02");
    let before = months(&c, &station);
    let collides = c
        .store
        .edit_station_month(&id, &input(&station, "2019-01", "2400.00"))
        .unwrap_err();
    assert_eq!(collides.code(), "STATION_MONTH_DUPLICATE");
    assert_eq!(collides.field(), Some("month"));
    let bad = c
        .store
        .edit_station_month(&id, &input(&station, "2019-2", "-1"))
        .unwrap_err();
    let fields: Vec<(&str, &str)> = bad
        .problems()
        .iter()
        .map(|p| (p.code.as_str(), p.field))
        .collect();
    assert_eq!(
        fields,
        [
            ("STATION_MONTH_MONTH", "month"),
            ("STATION_MONTH_VALUE", "serviceValue")
        ]
    );
    let not_a_station = c
        .store
        .edit_station_month(&id, &input(&shop, "2019-02", "2400.00"))
        .unwrap_err();
    assert_eq!(not_a_station.code(), "STATION_MONTH_STATION");
    assert_eq!(months(&c, &station), before, "nothing written");

    // A mistyped month moves to the right one; the row keeps its id, and the month it left
    // can be recorded on its own.
    let moved = c
        .store
        .edit_station_month(&id, &input(&station, "2019-03", "2400.00"))
        .unwrap();
    assert_eq!(
        (moved.id.as_str(), moved.month.as_str()),
        (id.as_str(), "2019-03")
    );
    c.month(&station, "2019-02", "2100.00");
    assert_ne!(month_id(&c, &station, "2019-02"), id);
    assert_eq!(
        months(&c, &station),
        [
            ("2019-01".to_string(), "2500.00".to_string()),
            ("2019-02".to_string(), "2100.00".to_string()),
            ("2019-03".to_string(), "2400.00".to_string()),
        ]
    );
}

#[test]
fn a_voided_month_no_longer_counts_and_the_month_can_be_recorded_again() {
    let (mut c, programme, station) = huoqiu_station();
    c.month(&station, "2019-01", "2500.00");
    c.month(&station, "2019-03", "100.00");
    // Three months reported, 2,600 yuan: short of 2,000 a month.
    assert_eq!(stations_reaching(&c, &programme).as_deref(), Some("0"));
    let id = month_id(&c, &station, "2019-03");

    let no_reason = c.store.void_station_month(&id, "  ").unwrap_err();
    assert_eq!(no_reason.code(), "VOID_REASON_REQUIRED");
    let voided = c.store.void_station_month(&id, "站点录错了月份").unwrap();
    assert_eq!(voided.void_reason, "站点录错了月份");
    assert_eq!(months(&c, &station), [("2019-01".into(), "2500.00".into())]);
    // One month reported now, 2,500 yuan.
    assert_eq!(stations_reaching(&c, &programme).as_deref(), Some("100"));
    let last = c
        .store
        .history("station_month", &id)
        .unwrap()
        .pop()
        .unwrap();
    assert_eq!(last.fields["void_reason"].1, json!("站点录错了月份"));

    for refused in [
        c.store
            .edit_station_month(&id, &input(&station, "2019-03", "1.00"))
            .unwrap_err(),
        c.store.void_station_month(&id, "再次作废").unwrap_err(),
    ] {
        assert_eq!(refused.code(), "RECORD_VOIDED");
        assert!(refused.to_string().contains("站点录错了月份"), "{refused}");
    }

    // Recorded again: a new live row beside the tombstone, counted again.
    c.month(&station, "2019-03", "5000.00");
    let again = month_id(&c, &station, "2019-03");
    assert_ne!(again, id);
    assert_eq!(stations_reaching(&c, &programme).as_deref(), Some("100"));
    assert_eq!(
        months(&c, &station),
        [
            ("2019-01".to_string(), "2500.00".to_string()),
            ("2019-03".to_string(), "5000.00".to_string()),
        ]
    );
    // Voided and recorded once more: the next generation, still one live month.
    c.store.void_station_month(&again, "金额重录").unwrap();
    c.month(&station, "2019-03", "4000.00");
    let third = month_id(&c, &station, "2019-03");
    assert!(third != id && third != again);
    assert_eq!(c.store.station_months(&station).unwrap().len(), 2);
}

#[test]
fn stations_months_edit_and_void_from_the_command_line() {
    let (_dir, db) = temp_db();
    let station = {
        let mut store = Store::open(&db).unwrap();
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
        let mut c = County {
            store,
            townships: vec![],
            villages: vec![(village, true)],
        };
        c.operator(OperatorKind::ServiceStation, 0, "克孜勒吐村服务站")
    };
    let cli =
        |args: &[&str], stdin: Option<&serde_json::Value>| fieldbook_cli(&db, "张三", args, stdin);
    let month = |m: &str, v: &str| json!({"stationId": station, "month": m, "serviceValue": v});
    let saved = succeeded(cli(
        &["stations", "months", "add"],
        Some(&month("2020-04", "900")),
    ));
    let saved: serde_json::Value = serde_json::from_slice(&saved.stdout).unwrap();
    let id = saved["id"].as_str().unwrap().to_string();

    let edited = succeeded(cli(
        &["stations", "months", "edit", &id],
        Some(&month("2020-05", "1900.5")),
    ));
    let edited: serde_json::Value = serde_json::from_slice(&edited.stdout).unwrap();
    assert_eq!(
        (edited["month"].as_str(), edited["serviceValue"].as_str()),
        (Some("2020-05"), Some("1900.50"))
    );
    let bad = cli(
        &["stations", "months", "edit", &id],
        Some(&month("2020-13", "1")),
    );
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stdout).contains("STATION_MONTH_MONTH"));

    let no_reason = cli(&["stations", "months", "void", &id, "--reason", ""], None);
    assert_eq!(no_reason.status.code(), Some(1));
    let voided = succeeded(cli(
        &[
            "stations",
            "months",
            "void",
            &id,
            "--reason",
            "重复录入",
            "--json",
        ],
        None,
    ));
    let voided: serde_json::Value = serde_json::from_slice(&voided.stdout).unwrap();
    assert_eq!(voided["voidReason"].as_str(), Some("重复录入"));
    let listed = succeeded(cli(
        &["stations", "months", "--station", &station, "--json"],
        None,
    ));
    let listed: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 0);
    succeeded(cli(
        &["stations", "months", "add"],
        Some(&month("2020-05", "1900.50")),
    ));
}

/// Sync treats a delete as final: a laptop in 托里县 voids a month and records it again, and
/// the hub takes the tombstone (with its reason) and the new row, ending with one live month.
#[test]
fn a_voided_and_re_recorded_month_reaches_the_hub_as_a_tombstone_and_a_new_row() {
    use crate::county::{tori, TORI_TOWN};
    let dir = tempfile::tempdir().unwrap();
    let mut hub = tori(Some(&dir.path().join("county.db")));
    hub.county_init().unwrap();
    let mut laptop = Store::open(&dir.path().join("laptop.db")).unwrap();
    laptop.save_officer("托里镇干部").unwrap();
    let (request, _) = laptop.device_request().unwrap();
    let (answer, _) = hub.county_enroll(&request, TORI_TOWN).unwrap();
    laptop.device_enroll(&answer).unwrap();
    let (package, _) = hub.sync_package(laptop.device_id()).unwrap();
    laptop.sync_apply(&package).unwrap();
    let village = laptop
        .list_villages(Some(TORI_TOWN))
        .unwrap()
        .into_iter()
        .find(|v| v.name == "克孜勒吐村")
        .unwrap()
        .id;
    let station: fieldbook::domain::operators::OperatorInput = serde_json::from_value(json!({
        "kind": "service_station", "name": "克孜勒吐村服务站", "villageId": village
    }))
    .unwrap();
    let station = laptop.add_operator(&station).unwrap().record.id;
    let first = laptop
        .add_station_month(&input(&station, "2020-04", "90.00"))
        .unwrap();
    laptop
        .void_station_month(&first.id, "金额少录一位")
        .unwrap();
    let again = laptop
        .add_station_month(&input(&station, "2020-04", "900.00"))
        .unwrap();
    let (batch, _) = laptop.export_batch().unwrap();
    let imported = hub.import_batch(&batch, false).unwrap();
    assert_eq!(imported.report.outcome, "applied", "{:#?}", imported.report);
    assert!(imported.report.refused.is_empty(), "{:#?}", imported.report);
    let at_hub = hub.station_months(&station).unwrap();
    assert_eq!(at_hub.len(), 1);
    assert_eq!(
        (at_hub[0].id.as_str(), at_hub[0].service_value.as_str()),
        (again.id.as_str(), "900.00")
    );
    let voided = hub
        .history("station_month", &first.id)
        .unwrap()
        .pop()
        .unwrap();
    assert_eq!(voided.fields["void_reason"].1, json!("金额少录一位"));
}
