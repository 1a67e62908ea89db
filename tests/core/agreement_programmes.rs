//! Agreements linked to their programme (migration 0021 by name, the unlinked list, linking one),
//! the roster minimum taken from the programme, and the county's re-check drawn from the
//! township's 初验 results. Set in a second county (托里县 654224) beside 成县.

use fieldbook::domain::agreements::{AgreementInput, LinkageMode, RosterInput};
use fieldbook::domain::households::HouseholdInput;
use fieldbook::domain::inspections::{InspectionInput, Inspector, Stage};
use fieldbook::domain::operators::{OperatorInput, OperatorKind};
use fieldbook::domain::places::VillageInput;
use fieldbook::domain::programmes::{presets, Conclusion, Observation, ObservedValue, Preset};
use fieldbook::store::MIGRATIONS;
use fieldbook::Store;
use rusqlite::Connection;
use rust_decimal::Decimal;

use crate::records::{agreement, id_number, places_only, shop};

/// 托里县 with two townships, two villages in the first and one in the second.
fn tuoli() -> (Store, Vec<String>) {
    tuoli_in(Store::open_in_memory().unwrap())
}

/// `tuoli` in a store of the caller's (a database file, for the CLI).
fn tuoli_in(mut store: Store) -> (Store, Vec<String>) {
    store.create_county("654224", "托里县").unwrap();
    store.add_township("654224100", "托里镇").unwrap();
    store.add_township("654224101", "庙尔沟镇").unwrap();
    let mut villages = Vec::new();
    for (township, code, name) in [
        ("654224100", "654224100201", "萨孜村"),
        ("654224100", "654224100202", "喀拉盖布拉克村"),
        ("654224101", "654224101201", "庙尔沟村"),
    ] {
        let village = store
            .add_village(&VillageInput {
                township_code: township.into(),
                code: code.into(),
                name: name.into(),
                poor: true,
            })
            .unwrap();
        villages.push(village.id);
    }
    (store, villages)
}

/// 托里县's own shop programme for 2020: one thing seen on site (an office) and at least
/// `households` registered households on the rosters; the county re-checks `recheck` of them.
fn tuoli_programme(households: &str, recheck: Option<&str>) -> Preset {
    let mut preset = presets()
        .unwrap()
        .into_iter()
        .find(|p| p.code == "chengxian-2019-demo-shop")
        .unwrap();
    preset.code = "tuoli-2020-shop".into();
    preset.name = "托里县2020年电商服务示范店".into();
    preset.year = 2020;
    preset
        .criteria
        .eligibility
        .retain(|item| item.key == "office" || item.source.as_deref() == Some("roster_households"));
    for item in &mut preset.criteria.eligibility {
        if item.source.is_some() {
            item.threshold = Some(households.parse().unwrap());
        }
    }
    preset.recheck_share_min = recheck.map(|share| share.parse().unwrap());
    preset
}

fn operator(store: &mut Store, village: &str, name: &str) -> String {
    let input = OperatorInput {
        kind: OperatorKind::DemoShop,
        name: name.into(),
        credit_code: String::new(),
        person_in_charge: "努尔兰".into(),
        phone: "13909901234".into(),
        village_id: Some(village.into()),
        platform: "拼多多".into(),
        shop_url: String::new(),
    };
    store.add_operator(&input).unwrap().record.id
}

fn tuoli_agreement(operator: &str, number: &str, programme_id: Option<&str>) -> AgreementInput {
    AgreementInput {
        number: number.into(),
        year: 2020,
        programme: String::new(),
        programme_id: programme_id.map(str::to_string),
        target_households: 5,
        term_start: "2020-03-01".into(),
        term_end: "2020-12-31".into(),
        ..agreement(operator, number)
    }
}

fn codes(warnings: &[fieldbook::domain::Warning]) -> Vec<&str> {
    warnings.iter().map(|w| w.code.as_str()).collect()
}

#[test]
fn the_roster_minimum_is_the_programmes_own_and_named_in_the_warning() {
    let (mut store, villages) = tuoli();
    let programme = store.add_programme(&tuoli_programme("5", None)).unwrap().id;
    let shop = operator(&mut store, &villages[0], "托里县萨孜村电商服务店");

    let mut input = tuoli_agreement(&shop, "TL2020-01", Some(&programme));
    input.target_households = 4;
    let saved = store.add_agreement(&input).unwrap();
    assert_eq!(codes(&saved.warnings), ["AGREEMENT_TARGET_BELOW_RULE"]);
    let message = &saved.warnings[0].message;
    assert!(
        message.contains("托里县2020年电商服务示范店") && message.contains("不少于 5 户"),
        "{message}"
    );
    let agreement = saved.record;
    assert_eq!(agreement.programme_id.as_deref(), Some(programme.as_str()));
    assert_eq!(agreement.programme, "托里县2020年电商服务示范店");
    assert_eq!(
        (agreement.roster_min, agreement.meets_demo_shop_rule),
        (Some(5), false)
    );

    input.target_households = 5;
    let saved = store.update_agreement(&agreement.id, &input).unwrap();
    assert!(saved.warnings.is_empty(), "{:?}", saved.warnings);
    for n in 0..5 {
        let h = HouseholdInput {
            head_name: format!("托里户{n}"),
            id_number: id_number(4000 + n),
            size: 4,
            village_id: villages[0].clone(),
            village_group: String::new(),
            category: "general".into(),
            year_lifted: None,
            phone: String::new(),
            notes: String::new(),
        };
        let household_id = store.add_household(&h).unwrap().record.id;
        store
            .add_to_roster(&RosterInput {
                agreement_id: agreement.id.clone(),
                household_id,
                mode: LinkageMode::ProtectivePurchase,
                content: String::new(),
            })
            .unwrap();
    }
    let agreement = store.agreement(&agreement.id).unwrap();
    assert_eq!(
        (agreement.roster_count, agreement.meets_demo_shop_rule),
        (5, true)
    );
    let listed = &store.list_agreements(None, None).unwrap()[0];
    assert_eq!(
        (listed.roster_min, listed.meets_demo_shop_rule),
        (Some(5), true)
    );

    // No programme: no minimum, whatever the number.
    let mut free = tuoli_agreement(&shop, "TL2020-02", None);
    free.target_households = 1;
    let saved = store.add_agreement(&free).unwrap();
    assert!(saved.warnings.is_empty(), "{:?}", saved.warnings);
    assert_eq!(
        (saved.record.roster_min, saved.record.meets_demo_shop_rule),
        (None, true)
    );

    // A programme that is not the county's: refused on the field, nothing written.
    let before = store.list_agreements(None, None).unwrap().len();
    let mut unknown = tuoli_agreement(&shop, "TL2020-03", Some("no-such-programme"));
    unknown.number = " ".into();
    let err = store.add_agreement(&unknown).unwrap_err();
    let fields: Vec<(&str, &str)> = err
        .problems()
        .iter()
        .map(|e| (e.code.as_str(), e.field))
        .collect();
    assert!(
        fields.contains(&("AGREEMENT_PROGRAMME_UNKNOWN", "programmeId")),
        "every problem at once: {fields:?}"
    );
    assert_eq!(store.list_agreements(None, None).unwrap().len(), before);
}

#[test]
fn chengxians_programme_asks_ten_households() {
    let mut store = places_only();
    store
        .add_programme_from_preset("chengxian-2019-demo-shop", None)
        .unwrap();
    let operator = store.add_operator(&shop(&store)).unwrap().record.id;
    let mut input = agreement(&operator, "CX2019-R1");
    input.target_households = 9;
    let saved = store.add_agreement(&input).unwrap();
    assert_eq!(codes(&saved.warnings), ["AGREEMENT_TARGET_BELOW_RULE"]);
    assert!(
        saved.warnings[0]
            .message
            .contains("成县2019年电商扶贫示范店")
            && saved.warnings[0].message.contains("不少于 10 户"),
        "{}",
        saved.warnings[0].message
    );
    assert_eq!(saved.record.roster_min, Some(10), "linked by its name");
}

/// A database at schema 17 (before 0021) with 托里县's programmes and agreements naming them.
fn database_before_0021(path: &std::path::Path) {
    let conn = Connection::open(path).unwrap();
    for (name, sql) in &MIGRATIONS[..17] {
        assert!(!name.starts_with("0021"));
        conn.execute_batch(sql).unwrap();
    }
    conn.pragma_update(None, "user_version", 17).unwrap();
    let settings = |name: &str, year: i32| {
        let mut preset = tuoli_programme("5", None);
        preset.name = name.into();
        preset.year = year;
        serde_json::to_string(&preset).unwrap()
    };
    conn.execute_batch(
        "INSERT INTO county (id, code, name) VALUES ('c', '654224', '托里县');
         INSERT INTO township (id, county_id, code, name) VALUES ('t', 'c', '654224100', '托里镇');
         INSERT INTO village (id, township_id, code, name, poor) VALUES ('v', 't', '654224100201', '萨孜村', 1);
         INSERT INTO operator (id, kind, name, village_id) VALUES ('o', 'demo_shop', '萨孜村电商服务店', 'v');",
    )
    .unwrap();
    for (id, name, year) in [
        ("p-shop-2020", "托里县电商服务示范店", 2020),
        ("p-shop-2021", "托里县电商服务示范店", 2021),
        ("p-station", "托里县村级电商服务站点", 2020),
    ] {
        conn.execute(
            "INSERT INTO programme (id, preset_code, name, year, kind, settings)
             VALUES (?1, 'tuoli', ?2, ?3, 'demo_shop', ?4)",
            rusqlite::params![id, name, year, settings(name, year)],
        )
        .unwrap();
    }
    for (id, number, year, programme) in [
        ("a-2020", "TL-2020", 2020, "托里县电商服务示范店"),
        ("a-2021", "TL-2021", 2021, " 托里县电商服务示范店 "),
        ("a-station", "TL-S", 2021, "托里县村级电商服务站点"),
        ("a-typo", "TL-X", 2020, "托里县电商示范店"),
    ] {
        conn.execute(
            "INSERT INTO agreement (id, number, year, programme, operator_id, term_start, term_end)
             VALUES (?1, ?2, ?3, ?4, 'o', '2020-03-01', '2021-12-31')",
            rusqlite::params![id, number, year, programme],
        )
        .unwrap();
    }
}

#[test]
fn migration_0021_links_agreements_by_name_and_lists_the_one_it_cannot() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tuoli.db");
    database_before_0021(&path);
    let mut store = Store::open(&path).unwrap();
    let linked = |store: &Store, id: &str| store.agreement(id).unwrap().programme_id;
    assert_eq!(
        linked(&store, "a-2020").as_deref(),
        Some("p-shop-2020"),
        "two years share the name: the agreement's year decides"
    );
    assert_eq!(linked(&store, "a-2021").as_deref(), Some("p-shop-2021"));
    assert_eq!(
        linked(&store, "a-station").as_deref(),
        Some("p-station"),
        "one programme of that name: linked whatever its year"
    );
    let unlinked = store.unlinked_agreements().unwrap();
    let listed: Vec<(&str, &str)> = unlinked
        .iter()
        .map(|a| (a.number.as_str(), a.programme.as_str()))
        .collect();
    assert_eq!(
        listed,
        [("TL-X", "托里县电商示范店")],
        "the old text is kept"
    );

    let saved = store
        .link_agreement_programme("a-typo", "p-shop-2020")
        .unwrap();
    assert_eq!(saved.record.programme_id.as_deref(), Some("p-shop-2020"));
    assert_eq!(saved.record.programme, "托里县电商服务示范店");
    assert!(store.unlinked_agreements().unwrap().is_empty());
    let history = store.history("agreement", "a-typo").unwrap();
    let link = history.last().unwrap();
    assert_eq!(
        (link.op.as_str(), &link.fields["programme_id"].1),
        ("update", &serde_json::json!("p-shop-2020")),
        "through the write path"
    );

    let err = store
        .link_agreement_programme("a-typo", "no-such-programme")
        .unwrap_err();
    assert_eq!(err.code(), "AGREEMENT_PROGRAMME_UNKNOWN");
}

struct Recheck {
    store: Store,
    programme: String,
    /// Shops with a 初验: three in 托里镇, two in 庙尔沟镇.
    shops: Vec<String>,
    /// A shop with an agreement under the programme and no 初验 yet.
    waiting: String,
}

fn inspection(
    programme: &str,
    operator: &str,
    stage: Stage,
    date: &str,
    office: bool,
) -> InspectionInput {
    InspectionInput {
        operator_id: operator.into(),
        programme_id: programme.into(),
        stage,
        date: date.into(),
        inspectors: ["王芳", "努尔兰", "赵刚"]
            .iter()
            .map(|n| Inspector {
                name: n.to_string(),
                unit: "托里镇人民政府".into(),
            })
            .collect(),
        observations: vec![Observation::new("office", ObservedValue::Bool(office))],
        problems: String::new(),
        rectification: vec![],
        investment: String::new(),
        recheck_sample_id: None,
    }
}

/// 托里县's programme with a re-check share of 60 %, no roster minimum in the way (0 households).
fn recheck_setup() -> Recheck {
    let (mut store, villages) = tuoli();
    let programme = store
        .add_programme(&tuoli_programme("0", Some("0.6")))
        .unwrap()
        .id;
    let mut r = Recheck {
        store,
        programme,
        shops: Vec::new(),
        waiting: String::new(),
    };
    for (n, village) in [0, 1, 0, 2, 2].into_iter().enumerate() {
        let id = operator(&mut r.store, &villages[village], &format!("托里示范店{n}"));
        r.shops.push(id);
    }
    for (n, shop) in r.shops.clone().iter().enumerate() {
        let first = inspection(&r.programme, shop, Stage::Preliminary, "2020-10-10", true);
        r.store.add_inspection(&first).unwrap();
        if n == 0 {
            // Inspected again: the latest 初验 is the township's result.
            let again = inspection(&r.programme, shop, Stage::Preliminary, "2020-10-20", true);
            r.store.add_inspection(&again).unwrap();
        }
    }
    r.waiting = operator(&mut r.store, &villages[1], "托里待验店");
    let input = tuoli_agreement(&r.waiting, "TL2020-W", Some(&r.programme));
    r.store.add_agreement(&input).unwrap();
    // An acceptance (county stage) alone does not put a shop in the population.
    let accepted_only = operator(&mut r.store, &villages[0], "托里只验收店");
    let acceptance = inspection(
        &r.programme,
        &accepted_only,
        Stage::Acceptance,
        "2020-11-01",
        true,
    );
    r.store.add_inspection(&acceptance).unwrap();
    r
}

#[test]
fn the_recheck_draws_from_the_townships_results_at_least_the_programmes_share() {
    let mut r = recheck_setup();
    let below = r
        .store
        .draw_recheck_sample(&r.programme, Decimal::new(5, 1), Some(7))
        .unwrap_err();
    assert_eq!(below.code(), "SAMPLE_SHARE_BELOW_RULE");
    assert!(below.to_string().contains("不低于 60%"), "{below}");
    assert!(
        r.store.recheck_samples(&r.programme).unwrap().is_empty(),
        "nothing kept"
    );

    let sample = r
        .store
        .draw_recheck_sample(&r.programme, Decimal::new(6, 1), Some(7))
        .unwrap();
    let counts: Vec<_> = sample
        .townships
        .iter()
        .map(|t| (t.township.as_str(), t.accepted, t.drawn.len()))
        .collect();
    assert_eq!(
        counts,
        [("托里镇", 3, 2), ("庙尔沟镇", 2, 2)],
        "⌈60%⌉ of each"
    );
    assert_eq!(
        (sample.drawn, sample.rechecked, sample.differences),
        (4, 0, 0)
    );
    assert_eq!(sample.share_min, "0.6");
    let gaps: Vec<&str> = sample.gaps.iter().map(|g| g.name.as_str()).collect();
    assert_eq!(gaps, ["托里待验店"], "funded, no 初验 yet");
    // Each item names the 初验 it was drawn from: the shop's latest.
    let latest: Vec<String> = r
        .store
        .list_inspections(Some(&r.programme))
        .unwrap()
        .into_iter()
        .filter(|i| i.stage == Stage::Preliminary && i.date == "2020-10-20")
        .map(|i| i.id)
        .collect();
    for item in &sample.items {
        assert_eq!(item.preliminary_conclusion, Some(Conclusion::Pass));
        if item.operator_id == r.shops[0] {
            assert_eq!(item.preliminary_id.as_ref(), latest.first());
        }
    }
    let again = r
        .store
        .draw_recheck_sample(&r.programme, Decimal::new(6, 1), Some(7))
        .unwrap();
    assert_eq!(
        again.townships, sample.townships,
        "the same seed, the same draw"
    );
}

#[test]
fn a_recheck_is_recorded_against_a_drawn_item_and_differences_are_reported() {
    let mut r = recheck_setup();
    let not_yet = inspection(
        &r.programme,
        &r.shops[0],
        Stage::Recheck,
        "2020-11-20",
        true,
    );
    let err = r.store.add_inspection(&not_yet).unwrap_err();
    assert_eq!(err.code(), "RECHECK_NOT_DRAWN", "no sample yet");

    let sample = r
        .store
        .draw_recheck_sample(&r.programme, Decimal::new(6, 1), Some(2020))
        .unwrap();
    let drawn: Vec<&str> = sample
        .items
        .iter()
        .map(|i| i.operator_id.as_str())
        .collect();
    let undrawn = r
        .shops
        .iter()
        .find(|s| !drawn.contains(&s.as_str()))
        .unwrap();
    let outside = inspection(&r.programme, undrawn, Stage::Recheck, "2020-11-20", true);
    let err = r.store.add_inspection(&outside).unwrap_err();
    assert_eq!(
        (err.code().as_str(), err.field()),
        ("RECHECK_NOT_DRAWN", Some("operatorId"))
    );

    // The county finds no office where the township saw one.
    let (first, second) = (drawn[0].to_string(), drawn[1].to_string());
    let differs = inspection(&r.programme, &first, Stage::Recheck, "2020-11-21", false);
    let saved = r.store.add_inspection(&differs).unwrap().record;
    assert_eq!(saved.recheck_sample_id.as_deref(), Some(sample.id.as_str()));
    let mut agrees = inspection(&r.programme, &second, Stage::Recheck, "2020-11-22", true);
    agrees.recheck_sample_id = Some(sample.id.clone());
    r.store.add_inspection(&agrees).unwrap();

    let shown = r.store.recheck_sample(&sample.id).unwrap();
    assert_eq!((shown.drawn, shown.rechecked, shown.differences), (4, 2, 1));
    let item = shown.items.iter().find(|i| i.operator_id == first).unwrap();
    assert_eq!(
        (
            item.preliminary_conclusion,
            item.recheck_conclusion,
            item.differs
        ),
        (Some(Conclusion::Pass), Some(Conclusion::Fail), true)
    );
    assert_eq!(item.recheck_id.as_deref(), Some(saved.id.as_str()));
}

/// The clerk's path from the command line: the unlinked agreement listed and linked, the sample
/// drawn at the programme's own share by default, shown with its re-check.
#[test]
fn the_clerk_links_and_rechecks_from_the_cli() {
    let (_dir, db) = crate::temp_db();
    let (mut store, villages) = tuoli_in(Store::open(&db).unwrap());
    let programme = store
        .add_programme(&tuoli_programme("0", Some("0.6")))
        .unwrap()
        .id;
    let shop = operator(&mut store, &villages[0], "托里县萨孜村电商服务店");
    let mut typed = tuoli_agreement(&shop, "TL2020-CLI", None);
    typed.programme = "托里县示范店".into();
    let agreement = store.add_agreement(&typed).unwrap().record.id;
    let first = inspection(&programme, &shop, Stage::Preliminary, "2020-10-10", true);
    store.add_inspection(&first).unwrap();
    drop(store);

    let run = |args: &[&str], stdin: Option<&serde_json::Value>| {
        let out = crate::succeeded(crate::fieldbook_cli(&db, "托里县商务局 王芳", args, stdin));
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    let unlinked = run(&["agreements", "unlinked", "--json"], None);
    assert_eq!(unlinked[0]["number"], "TL2020-CLI");
    assert_eq!(unlinked[0]["programme"], "托里县示范店");
    let linked = run(
        &[
            "agreements",
            "link",
            &agreement,
            "--programme",
            &programme,
            "--json",
        ],
        None,
    );
    assert_eq!(linked["record"]["programmeId"], programme.as_str());
    assert_eq!(
        run(&["agreements", "unlinked", "--json"], None),
        serde_json::json!([])
    );

    let sample = run(
        &[
            "sample",
            "draw",
            "--programme",
            &programme,
            "--seed",
            "1",
            "--json",
        ],
        None,
    );
    assert_eq!(
        (sample["share"].clone(), sample["drawn"].clone()),
        ("0.6".into(), 1.into())
    );
    let recheck = inspection(&programme, &shop, Stage::Recheck, "2020-11-20", false);
    let recheck = serde_json::to_value(recheck).unwrap();
    let saved = run(&["inspections", "add"], Some(&recheck));
    assert_eq!(saved["record"]["recheckSampleId"], sample["id"]);
    let id = sample["id"].as_str().unwrap();
    let shown = run(&["sample", "show", id, "--json"], None);
    assert_eq!(
        (shown["rechecked"].clone(), shown["differences"].clone()),
        (1.into(), 1.into())
    );
}

#[test]
fn a_recheck_share_outside_0_to_1_is_refused_and_nothing_written() {
    let (mut store, _) = tuoli();
    let err = store
        .add_programme(&tuoli_programme("5", Some("50")))
        .unwrap_err();
    assert_eq!(
        (err.code().as_str(), err.field()),
        ("PROGRAMME_RECHECK_SHARE", Some("recheckShareMin"))
    );
    assert!(err.to_string().contains("0.5 即 50%"), "{err}");
    assert!(store.list_programmes().unwrap().is_empty());
    let without = store.add_programme(&tuoli_programme("5", None)).unwrap();
    assert_eq!(
        without.settings.recheck_share_min(),
        Decimal::new(5, 1),
        "half unless the programme says"
    );
}
