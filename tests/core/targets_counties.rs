//! Targets that compute themselves in 成县, 托里县, 岳普湖县 and 临潭县 (甘南州's plan), the
//! refusals of bad targets and station months, and the command line.

use fieldbook::domain::inspections::Stage;
use fieldbook::domain::operators::OperatorKind;
use fieldbook::domain::programmes::{presets, Fund, FundCategory};
use fieldbook::domain::stations::StationMonthInput;
use fieldbook::domain::training::TrainingKind;
use fieldbook::Store;
use serde_json::json;

use crate::records::places_only;
use crate::targets::{county, judged, trainees, County};
use crate::{fieldbook_cli, succeeded, temp_db};

fn chengxian() -> County {
    let store = places_only();
    let townships = store
        .list_townships()
        .unwrap()
        .into_iter()
        .map(|t| (t.id, t.code))
        .collect();
    let villages = store
        .list_villages(None)
        .unwrap()
        .into_iter()
        .map(|v| (v.id, v.poor))
        .collect();
    County {
        store,
        townships,
        villages,
    }
}

/// 成县: shops accepted out of the 124 planned (the latest county acceptance decides), and the
/// training targets.
#[test]
fn chengxian_shops_accepted_and_training() {
    let mut c = chengxian();
    let shops = c.programme("chengxian-2019-demo-shop", None);
    let name = c.store.programme(&shops).unwrap().name;
    assert_eq!(name, "成县2019年电商扶贫示范店");
    let shop = |c: &mut County, i: usize, households: u32| {
        let id = c.operator(OperatorKind::DemoShop, i, &format!("示范店{i}"));
        let h: Vec<String> = (0..households)
            .map(|n| c.household(i, 1000 + 100 * i as u32 + n))
            .collect();
        let agreement = c.agreement(&id, &format!("CX-{i}"), &name, 2019, &h);
        c.purchase(&agreement, &h[0], "2019-10-01", "1000", "12.50");
        id
    };
    let passed = shop(&mut c, 0, 10);
    let too_few = shop(&mut c, 1, 9);
    let failed_later = shop(&mut c, 2, 10);
    c.inspect(&passed, &shops, Stage::Acceptance, "2019-11-20", true);
    c.inspect(&too_few, &shops, Stage::Acceptance, "2019-11-20", true);
    c.inspect(&failed_later, &shops, Stage::Acceptance, "2019-11-01", true);
    c.inspect(
        &failed_later,
        &shops,
        Stage::Acceptance,
        "2019-12-01",
        false,
    );
    // A township's preliminary check is not the county's acceptance.
    let preliminary_only = shop(&mut c, 3, 10);
    c.inspect(
        &preliminary_only,
        &shops,
        Stage::Preliminary,
        "2019-11-01",
        true,
    );
    let p = c.progress(&shops);
    assert_eq!(judged(&p), [("shops", Some("1"), 124, Some(false))]);
    assert_eq!(p.targets[0].share.as_deref(), Some("0.8"));
    assert!(
        p.targets[0].basis.contains("3 个实施主体经县级验收"),
        "{}",
        p.targets[0].basis
    );
    assert_eq!(c.store.households_linked(&shops, 2019).unwrap(), 39);

    let training = c.programme("chengxian-2019-training", None);
    let people = trainees(&mut c, &[2000], &[2001]);
    c.session(
        &training,
        TrainingKind::TownshipOnsite,
        Some(0),
        ("2019-06-01", "2019-06-01"),
        &people,
    );
    let one = trainees(&mut c, &[], &[2002]);
    c.session(
        &training,
        TrainingKind::County,
        None,
        ("2019-06-03", "2019-06-05"),
        &one,
    );
    let expected = [
        ("person_times", Some("3"), 1000, Some(false)),
        ("township_sessions", Some("1"), 17, Some(false)),
        ("county_sessions", Some("1"), 2, Some(false)),
        ("county_session_days", Some("3"), 3, Some(true)),
        ("field_trips", Some("0"), 2, Some(false)),
    ];
    assert_eq!(judged(&c.progress(&training)), expected);
    // The training page's targets are the same judgement.
    let page: Vec<(String, Option<u32>, Option<bool>)> = c
        .store
        .training_totals(&training)
        .unwrap()
        .targets
        .into_iter()
        .map(|t| (t.key, t.achieved, t.met))
        .collect();
    let engine: Vec<(String, Option<u32>, Option<bool>)> = expected
        .iter()
        .map(|(k, d, _, m)| (k.to_string(), d.map(|d| d.parse().unwrap()), *m))
        .collect();
    assert_eq!(page, engine);
}

/// 托里县: its own plan first, 霍邱's stations adopted as a template for 2021 under its own name,
/// villages reached, training by audience, no budgets.
#[test]
fn tuoli_own_plan_and_a_template_adopted_for_another_year() {
    let mut c = county(
        "654224",
        "托里县",
        &[&[true, false, false], &[false, false, true]],
    );
    let own: Vec<String> = c
        .store
        .preset_listing()
        .unwrap()
        .into_iter()
        .take_while(|l| l.own)
        .map(|l| l.preset.code)
        .collect();
    assert_eq!(own.len(), 4);
    let stations = c.programme("tuoli-2019-service-station", None);
    let training = c.programme("tuoli-2019-training", None);
    let centre = c.programme("tuoli-2019-public-service-centre", None);
    let template = c.programme("huoqiu-2019-service-station", Some(2021));
    let adopted = c.store.programme(&template).unwrap();
    assert_eq!(
        (adopted.name.as_str(), adopted.year),
        ("托里县2021年村级电商服务站点", 2021)
    );

    let ids: Vec<String> = [0, 1, 3]
        .iter()
        .map(|v| c.operator(OperatorKind::ServiceStation, *v, &format!("站点{v}")))
        .collect();
    for id in &ids {
        c.inspect(id, &stations, Stage::Preliminary, "2019-08-01", true);
    }
    c.inspect(&ids[0], &stations, Stage::Acceptance, "2019-12-01", true);
    assert_eq!(
        judged(&c.progress(&stations)),
        [
            ("villages", Some("3"), 40, Some(false)),
            ("demo_points", Some("1"), 3, Some(false)),
        ]
    );

    let people = trainees(&mut c, &[3000], &[3001, 3002]);
    c.session(
        &training,
        TrainingKind::TownshipOnsite,
        Some(1),
        ("2019-07-01", "2019-07-01"),
        &people,
    );
    let p = c.progress(&training);
    assert_eq!(
        judged(&p)[..2],
        [
            ("person_times", Some("3"), 650, Some(false)),
            ("officials", Some("0"), 200, Some(false)),
        ]
    );
    // Counted by audience: the three signed in under the session's default audience (其他),
    // none as 县域电商管理人员.
    assert_eq!(p.targets[1].basis, "县域电商管理人员人次 0");
    // No programme of 2019 has a budget: the 15 % cap is not judged.
    assert_eq!(
        judged(&c.progress(&centre)),
        [
            ("public_service_share", None, 15, None),
            ("turnover", None, 15_000_000, None),
        ]
    );

    for id in [&ids[0], &ids[2]] {
        c.inspect(id, &template, Stage::Preliminary, "2021-03-01", true);
    }
    c.month(&ids[0], "2021-01", "2500.00");
    c.month(&ids[2], "2021-01", "100.00");
    assert_eq!(
        judged(&c.progress(&template))[..2],
        [
            ("village_coverage", Some("33.3"), 60, Some(false)),
            ("active_stations", Some("50"), 80, Some(false)),
        ]
    );
}

/// 岳普湖县: stations in every poor village, one e-commerce leader per poor village, training
/// 3,000 by 2022, the quality programme's informational goal.
#[test]
fn yuepuhu_poor_villages_covered_by_stations_and_leaders() {
    let mut c = county(
        "653128",
        "岳普湖县",
        &[&[true, true, false], &[true, true, false]],
    );
    let stations = c.programme("yuepuhu-2020-service-station", None);
    let leaders = c.programme("yuepuhu-2020-leader", None);
    let training = c.programme("yuepuhu-2020-training", None);
    let quality = c.programme("yuepuhu-2020-quality", None);
    for v in [0, 1, 3, 2] {
        let id = c.operator(OperatorKind::ServiceStation, v, &format!("站{v}"));
        c.inspect(&id, &stations, Stage::Preliminary, "2020-06-01", true);
    }
    for v in [0, 1, 3, 4] {
        let id = c.operator(OperatorKind::DemoShop, v, &format!("带头人{v}"));
        c.inspect(&id, &leaders, Stage::Preliminary, "2020-06-01", true);
    }
    assert_eq!(
        judged(&c.progress(&stations)),
        [("poor_villages", Some("75"), 100, Some(false))]
    );
    assert_eq!(
        judged(&c.progress(&leaders)),
        [("poor_villages", Some("100"), 100, Some(true))]
    );
    let people = trainees(&mut c, &[4000, 4001], &[]);
    c.session(
        &training,
        TrainingKind::County,
        None,
        ("2020-05-11", "2020-05-11"),
        &people,
    );
    assert_eq!(
        judged(&c.progress(&training)),
        [("person_times", Some("2"), 3000, Some(false))]
    );
    assert_eq!(
        judged(&c.progress(&quality)),
        [("certifications", None, 5, None)]
    );
}

/// 临潭县 (甘南州): the provincial plan's coverage (~50 %) and its fund-share caps, budgets set
/// in the programme JSON.
#[test]
fn lintan_coverage_and_the_provincial_fund_share_caps() {
    let mut c = county("623021", "临潭县", &[&[true, false], &[true, false]]);
    let with_fund = |code: &str, category, budget: &str| {
        let preset = presets()
            .unwrap()
            .into_iter()
            .find(|p| p.code == code)
            .unwrap();
        let mut adopted = preset.adopted(Some("临潭县"), 2018);
        adopted.fund = Some(Fund {
            category,
            budget: budget.parse().unwrap(),
        });
        adopted
    };
    let stations = c
        .store
        .add_programme(&with_fund(
            "gansu-2018-service-station",
            FundCategory::PublicService,
            "300000.00",
        ))
        .unwrap();
    assert_eq!(stations.name, "临潭县2018年电商服务点覆盖");
    let upward = c
        .store
        .add_programme(&with_fund(
            "gansu-2018-upward",
            FundCategory::UpwardChannel,
            "600000.00",
        ))
        .unwrap()
        .id;
    let centre = c
        .store
        .add_programme(&with_fund(
            "gansu-2018-public-service-centre",
            FundCategory::PublicService,
            "100000.00",
        ))
        .unwrap()
        .id;
    for v in [0, 1] {
        let id = c.operator(OperatorKind::ServiceStation, v, &format!("服务点{v}"));
        c.inspect(&id, &stations.id, Stage::Preliminary, "2018-10-01", true);
    }
    assert_eq!(
        judged(&c.progress(&stations.id)),
        [
            ("village_coverage", Some("50"), 50, Some(true)),
            ("poor_village_coverage", Some("50"), 50, Some(true)),
        ]
    );
    assert_eq!(
        judged(&c.progress(&upward)),
        [("upward_share", Some("60"), 50, Some(true))]
    );
    assert_eq!(
        judged(&c.progress(&centre)),
        [("public_service_share", Some("40"), 15, Some(false))]
    );
    let shares = c.store.fund_shares(2018).unwrap();
    assert_eq!(shares.total, "1000000.00");
    let caps: Vec<(&str, Option<bool>)> = shares
        .caps
        .iter()
        .map(|cap| (cap.target.key.as_str(), cap.target.met))
        .collect();
    assert_eq!(
        caps,
        [
            ("upward_share", Some(true)),
            ("public_service_share", Some(false))
        ]
    );
}

#[test]
fn a_programme_with_an_unknown_metric_or_a_share_over_100_is_refused_and_nothing_written() {
    let mut c = county("341522", "霍邱县", &[&[true, false]]);
    let station = presets()
        .unwrap()
        .into_iter()
        .find(|p| p.code == "huoqiu-2019-service-station")
        .unwrap();
    let mut unknown = station.clone();
    unknown.targets[1].metric = "stations_smiling".into();
    unknown.targets[0].quantity = 160;
    let e = c.store.add_programme(&unknown).unwrap_err();
    assert_eq!(e.code(), "PROGRAMME_TARGET_SHARE");
    let fields: Vec<(&str, &str)> = match &e {
        fieldbook::Error::Invalid(all) => all
            .all()
            .iter()
            .map(|i| (i.code.as_str(), i.field))
            .collect(),
        other => panic!("{other:?}"),
    };
    assert_eq!(
        fields,
        [
            ("PROGRAMME_TARGET_SHARE", "targets[0].quantity"),
            ("PROGRAMME_TARGET_METRIC", "targets[1].metric")
        ]
    );
    let logistics = presets()
        .unwrap()
        .into_iter()
        .find(|p| p.code == "huoqiu-2019-logistics")
        .unwrap();
    let mut json = serde_json::to_value(&logistics).unwrap();
    json["subsidy"]["classes"][0]["percent"] = json!("140");
    let over: fieldbook::domain::programmes::Preset = serde_json::from_value(json).unwrap();
    let e = c.store.add_programme(&over).unwrap_err();
    assert_eq!(
        (e.code(), e.field()),
        (
            fieldbook::Code::PROGRAMME_SUBSIDY_SHARE,
            Some("subsidy.classes[0].percent")
        )
    );
    assert!(c.store.list_programmes().unwrap().is_empty());
}

#[test]
fn a_station_month_is_one_per_station_and_month_on_a_service_station() {
    let mut c = county("341522", "霍邱县", &[&[true, false]]);
    let station = c.operator(OperatorKind::ServiceStation, 0, "站点");
    let shop = c.operator(OperatorKind::DemoShop, 1, "网店");
    c.month(&station, "2019-03", "2100.50");
    let input = |id: &str, month: &str| StationMonthInput {
        station_id: id.into(),
        month: month.into(),
        service_value: "10.00".into(),
        ..StationMonthInput::default()
    };
    let refused = |s: &mut Store, i: &StationMonthInput| s.add_station_month(i).unwrap_err().code();
    assert_eq!(
        refused(&mut c.store, &input(&station, "2019-03")),
        "STATION_MONTH_DUPLICATE"
    );
    assert_eq!(
        refused(&mut c.store, &input(&shop, "2019-04")),
        "STATION_MONTH_STATION"
    );
    assert_eq!(
        refused(&mut c.store, &input(&station, "2019-3")),
        "STATION_MONTH_MONTH"
    );
    let months = c.store.station_months(&station).unwrap();
    let got: Vec<(&str, &str, u32)> = months
        .iter()
        .map(|m| (m.month.as_str(), m.service_value.as_str(), m.parcels))
        .collect();
    assert_eq!(got, [("2019-03", "2100.50", 30)]);
}

#[test]
fn stations_months_and_programme_progress_from_the_command_line() {
    let (_dir, db) = temp_db();
    let (station, programme) = {
        let mut store = Store::open(&db).unwrap();
        store.create_county("341522", "霍邱县").unwrap();
        store.add_township("341522100", "城关镇").unwrap();
        let village = store
            .add_village(&fieldbook::domain::places::VillageInput {
                township_code: "341522100".into(),
                code: "341522100200".into(),
                name: "东湖村".into(),
                poor: true,
            })
            .unwrap()
            .id;
        let mut c = County {
            store,
            townships: vec![],
            villages: vec![(village, true)],
        };
        let programme = c.programme("huoqiu-2019-service-station", None);
        let station = c.operator(OperatorKind::ServiceStation, 0, "东湖村服务站");
        c.inspect(&station, &programme, Stage::Preliminary, "2019-02-01", true);
        (station, programme)
    };
    let cli =
        |args: &[&str], stdin: Option<&serde_json::Value>| fieldbook_cli(&db, "张三", args, stdin);
    let month =
        json!({"stationId": station, "month": "2019-01", "serviceValue": "2000.00", "parcels": 12});
    let saved = succeeded(cli(&["stations", "months", "add"], Some(&month)));
    let saved: serde_json::Value = serde_json::from_slice(&saved.stdout).unwrap();
    assert_eq!(
        (saved["month"].as_str(), saved["serviceValue"].as_str()),
        (Some("2019-01"), Some("2000.00"))
    );
    let again = cli(&["stations", "months", "add"], Some(&month));
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stdout).contains("STATION_MONTH_DUPLICATE"));
    let listed = succeeded(cli(
        &["stations", "months", "--station", &station, "--json"],
        None,
    ));
    let listed: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 1);
    let progress = succeeded(cli(&["programmes", "progress", &programme, "--json"], None));
    let progress: serde_json::Value = serde_json::from_slice(&progress.stdout).unwrap();
    let first = &progress["targets"][0];
    assert_eq!(
        (
            first["metric"].as_str(),
            first["done"].as_str(),
            first["goal"].as_u64(),
            first["met"].as_bool()
        ),
        (Some("village_coverage"), Some("100"), Some(60), Some(true))
    );
    assert_eq!(progress["targets"][1]["done"].as_str(), Some("100"));
    let text = succeeded(cli(&["programmes", "progress", &programme], None));
    assert!(String::from_utf8_lossy(&text.stdout).contains("行政村覆盖率"));
}
