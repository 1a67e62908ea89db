//! Open kinds (issue 13): programme and operator kinds are the county's lists, seeded with the
//! same ids everywhere, changed on the hub through the write path and sent to laptops in the
//! reference package; records are checked against them. Tested in 托里县, not the demo county.

use fieldbook::domain::kinds::{KindInput, KindList, KindSubject};
use fieldbook::domain::operators::{OperatorInput, OperatorKind};
use fieldbook::store::kind_option_id;
use fieldbook::Store;

use crate::county::{tori, TORI_TOWN};

fn operator(store: &Store, kind: &str, name: &str) -> OperatorInput {
    let village = store
        .list_villages(Some(TORI_TOWN))
        .unwrap()
        .into_iter()
        .find(|v| v.name == "克孜勒吐村")
        .unwrap();
    OperatorInput {
        kind: OperatorKind::new(kind),
        name: name.into(),
        credit_code: String::new(),
        person_in_charge: "阿依古丽".into(),
        phone: "13909901234".into(),
        village_id: Some(village.id),
        platform: String::new(),
        shop_url: String::new(),
    }
}

fn operator_kind(code: &str, label: &str, shop: bool) -> KindInput {
    KindInput {
        list: KindList::Operator,
        code: code.into(),
        label: label.into(),
        subject: None,
        requires_online_shop: shop,
    }
}

#[test]
fn a_new_county_holds_the_default_lists_with_the_same_ids_everywhere() {
    let store = tori(None);
    let programme = store.kind_options(Some(KindList::Programme)).unwrap();
    let codes: Vec<&str> = programme.iter().map(|k| k.code.as_str()).collect();
    assert_eq!(
        codes,
        [
            "demo_shop",
            "enterprise",
            "supply_centre",
            "online_shop",
            "service_station",
            "training",
            "public_service_centre",
            "logistics",
            "poverty_demo",
            "leader",
            "promotion",
            "quality"
        ]
    );
    let station = programme
        .iter()
        .find(|k| k.code == "service_station")
        .unwrap();
    assert_eq!(
        (station.label.as_str(), station.subject),
        ("村级电商服务站点", Some(KindSubject::Station))
    );
    for kind in store.kind_options(None).unwrap() {
        assert_eq!(kind.id, kind_option_id(kind.list, &kind.code), "{kind:?}");
        assert!(!kind.retired);
    }
    let operators = store.kind_options(Some(KindList::Operator)).unwrap();
    let shops: Vec<&str> = operators
        .iter()
        .filter(|k| k.requires_online_shop)
        .map(|k| k.code.as_str())
        .collect();
    assert_eq!(shops, ["demo_shop", "online_shop"]);
    assert_eq!(operators.len(), 9);
}

#[test]
fn an_operator_takes_a_kind_of_the_countys_list_and_shows_its_label() {
    let mut store = tori(None);
    // A default kind the closed list did not have.
    let saved = store
        .add_operator(&operator(&store, "logistics", "托里县邮政快递网点"))
        .unwrap();
    assert_eq!(saved.record.kind_label, "物流快递企业");

    // An unknown kind: refused with the county's labels, nothing written.
    let before = store.list_operators(None, None).unwrap().len();
    let mut input = operator(&store, "camel_farm", "骆驼养殖场");
    input.phone = "555".into();
    let refused = store.add_operator(&input).unwrap_err();
    let problems: Vec<(String, Option<&str>)> = match &refused {
        fieldbook::Error::Invalid(all) => all
            .all()
            .iter()
            .map(|p| (p.code.to_string(), Some(p.field)))
            .collect(),
        other => panic!("{other:?}"),
    };
    assert!(
        problems.contains(&("OPERATOR_KIND_UNKNOWN".into(), Some("kind"))),
        "{problems:?}"
    );
    assert!(
        problems.iter().any(|(_, f)| *f == Some("phone")),
        "{problems:?}"
    );
    let message = refused.to_string();
    assert!(message.contains("物流快递企业（logistics）"), "{message}");
    assert_eq!(store.list_operators(None, None).unwrap().len(), before);

    // The county adds its own kind; it needs an online shop like a demo shop.
    let kind = store
        .add_kind(&operator_kind("camel_farm", "骆驼养殖电商", true))
        .unwrap();
    assert_eq!(kind.id, kind_option_id(KindList::Operator, "camel_farm"));
    let saved = store.add_operator(&input_with_phone(input)).unwrap();
    assert_eq!(saved.record.kind_label, "骆驼养殖电商");
    let warned: Vec<String> = saved.warnings.iter().map(|w| w.code.to_string()).collect();
    assert_eq!(warned, ["OPERATOR_NO_SHOP"]);

    // A new label shows on the operator; its code stays.
    store
        .rename_kind(KindList::Operator, "camel_farm", "骆驼产品网商")
        .unwrap();
    let again = store.operator(&saved.record.id).unwrap();
    assert_eq!(
        (again.kind.code(), again.kind_label.as_str()),
        ("camel_farm", "骆驼产品网商")
    );
    let history = store
        .history(
            "kind_option",
            &kind_option_id(KindList::Operator, "camel_farm"),
        )
        .unwrap();
    let ops: Vec<&str> = history.iter().map(|h| h.op.as_str()).collect();
    assert_eq!(ops, ["create", "update"]);
}

fn input_with_phone(mut input: OperatorInput) -> OperatorInput {
    input.phone = "13909905678".into();
    input
}

#[test]
fn a_retired_kind_is_kept_by_its_records_but_not_offered_for_new_ones() {
    let mut store = tori(None);
    let kept = store
        .add_operator(&operator(&store, "cooperative", "克孜勒吐村牧业合作社"))
        .unwrap()
        .record;
    let retired = store
        .retire_kind(KindList::Operator, "cooperative", true)
        .unwrap();
    assert!(retired.retired);
    // The operator keeps its kind and its label through an edit.
    let mut edit = operator(&store, "cooperative", "克孜勒吐村牧业专业合作社");
    edit.phone = "13909900000".into();
    let edited = store.update_operator(&kept.id, &edit).unwrap().record;
    assert_eq!(edited.kind_label, "合作社");
    // A new operator may not take it.
    let refused = store
        .add_operator(&operator(&store, "cooperative", "另一家合作社"))
        .unwrap_err();
    assert_eq!(refused.code(), "OPERATOR_KIND_UNKNOWN");
    assert!(refused.to_string().contains("已停用"), "{refused}");
    // Restored, it is offered again.
    store
        .retire_kind(KindList::Operator, "cooperative", false)
        .unwrap();
    store
        .add_operator(&operator(&store, "cooperative", "另一家合作社"))
        .unwrap();
}

#[test]
fn a_kind_the_list_already_has_or_a_label_taken_is_refused() {
    let mut store = tori(None);
    let again = store
        .add_kind(&operator_kind("logistics", "物流", false))
        .unwrap_err();
    assert_eq!(
        (again.code().as_str(), again.field()),
        ("KIND_DUPLICATE", Some("code"))
    );
    let label = store
        .add_kind(&operator_kind("parcel_point", "合作社", false))
        .unwrap_err();
    assert_eq!(
        (label.code().as_str(), label.field()),
        ("KIND_DUPLICATE", Some("label"))
    );
    let no_subject = store
        .add_kind(&KindInput {
            list: KindList::Programme,
            code: "camel".into(),
            label: "骆驼产业".into(),
            subject: None,
            requires_online_shop: false,
        })
        .unwrap_err();
    assert_eq!(no_subject.code(), "KIND_SUBJECT");
    let missing = store
        .rename_kind(KindList::Programme, "nope", "x")
        .unwrap_err();
    assert_eq!(missing.code(), "NOT_FOUND");
}

/// What a programme funds follows its kind's subject: a county's own training kind takes
/// training sessions and counts its totals.
#[test]
fn a_countys_own_training_kind_counts_as_training() {
    let mut store = tori(None);
    store
        .add_kind(&KindInput {
            list: KindList::Programme,
            code: "herders_training".into(),
            label: "牧民电商培训".into(),
            subject: Some(KindSubject::Training),
            requires_online_shop: false,
        })
        .unwrap();
    let mut preset = crate::programmes_edit::preset("chengxian-2019-training");
    preset.code = "tuoli-2020-herders".into();
    preset.name = "托里县2020年牧民电商培训".into();
    preset.kind = fieldbook::domain::programmes::ProgrammeKind::new("herders_training");
    let programme = store.add_programme(&preset).unwrap();
    assert_eq!(
        (programme.kind_label.as_str(), programme.subject),
        ("牧民电商培训", Some(KindSubject::Training))
    );
    let totals = store.training_totals(&programme.id).unwrap();
    assert_eq!(totals.person_times, 0);
}

#[test]
fn a_kind_the_hub_adds_reaches_the_laptop_which_may_not_change_the_lists() {
    let dir = tempfile::tempdir().unwrap();
    let mut county = tori(Some(&dir.path().join("county.db")));
    county.county_init().unwrap();
    let mut laptop = Store::open(&dir.path().join("laptop.db")).unwrap();
    laptop.save_officer("托里镇干部").unwrap();
    let (request, _) = laptop.device_request().unwrap();
    let (answer, _) = county.county_enroll(&request, TORI_TOWN).unwrap();
    laptop.device_enroll(&answer).unwrap();
    let (package, _) = county.sync_package(laptop.device_id()).unwrap();
    laptop.sync_apply(&package).unwrap();
    // The laptop's first batch (its own log of the lists the schema ships, and an operator)
    // is taken in and acknowledged.
    laptop
        .add_operator(&operator(&laptop, "enterprise", "托里镇牛羊肉加工厂"))
        .unwrap();
    let (batch, _) = laptop.export_batch().unwrap();
    let imported = county.import_batch(&batch, false).unwrap();
    assert_eq!(imported.report.outcome, "applied", "{:#?}", imported.report);
    assert!(imported.report.refused.is_empty(), "{:#?}", imported.report);

    county
        .add_kind(&operator_kind("parcel_point", "快递驿站", false))
        .unwrap();
    county
        .rename_kind(KindList::Programme, "logistics", "县乡村三级物流配送")
        .unwrap();
    county
        .retire_kind(KindList::Operator, "training_provider", true)
        .unwrap();
    let (package, summary) = county.sync_package(laptop.device_id()).unwrap();
    assert_eq!(summary.records["kind_option"], 22);
    laptop.sync_apply(&package).unwrap();

    let parcel = laptop
        .kind_option(KindList::Operator, "parcel_point")
        .unwrap();
    assert_eq!(parcel.label, "快递驿站");
    assert_eq!(
        laptop
            .kind_option(KindList::Programme, "logistics")
            .unwrap()
            .label,
        "县乡村三级物流配送"
    );
    assert!(
        laptop
            .kind_option(KindList::Operator, "training_provider")
            .unwrap()
            .retired
    );
    // The laptop records an operator of the county's new kind.
    let saved = laptop
        .add_operator(&operator(&laptop, "parcel_point", "克孜勒吐村快递驿站"))
        .unwrap();
    assert_eq!(saved.record.kind_label, "快递驿站");
    // It may not change the lists itself.
    assert!(!laptop.kinds_can_change().unwrap());
    let refused = laptop
        .add_kind(&operator_kind("own_kind", "本机类型", false))
        .unwrap_err();
    assert_eq!(refused.code(), "KIND_DEVICE");
    let refused = laptop
        .rename_kind(KindList::Operator, "parcel_point", "驿站")
        .unwrap_err();
    assert_eq!(refused.code(), "KIND_DEVICE");
    assert_eq!(
        laptop
            .kind_option(KindList::Operator, "parcel_point")
            .unwrap()
            .label,
        "快递驿站"
    );
}

/// Migration 0018 rebuilds `operator` without its CHECK on the kind: a database the app filled
/// at schema 13 keeps its operators (rows, order, references from agreements and inspections)
/// and then takes an operator of a kind the old CHECK refused.
#[test]
fn an_upgraded_database_keeps_its_operators_and_takes_the_new_kinds() {
    let dir = tempfile::tempdir().unwrap();
    let fixture =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema-v13.db");
    let path = dir.path().join("v13.db");
    std::fs::copy(&fixture, &path).unwrap();
    let before = operators_of(&path);
    assert!(!before.is_empty());

    let mut store = Store::open(&path).unwrap();
    let after = operators_of(&path);
    assert_eq!(after, before);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let broken: i64 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(broken, 0);
    let referring: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE sql LIKE '%REFERENCES operator(id)%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(
        referring >= 2,
        "agreement and inspection still refer to operator"
    );
    drop(conn);
    let listed = store.list_operators(None, None).unwrap();
    assert!(listed.iter().all(|o| o.kind_label == "电商扶贫示范店"));
    let mut input = fieldbook::domain::operators::OperatorInput {
        kind: OperatorKind::OnlineShop,
        name: "升级后的个体网商".into(),
        platform: "淘宝".into(),
        shop_url: "https://shop.example.cn/9".into(),
        ..store_shop(&store)
    };
    input.credit_code = String::new();
    let saved = store.add_operator(&input).unwrap();
    assert_eq!(saved.record.kind_label, "个体网商");
}

/// The fixture's first operator as an input (for its village).
fn store_shop(store: &Store) -> OperatorInput {
    let first = store.list_operators(None, None).unwrap().remove(0);
    OperatorInput {
        kind: first.kind,
        name: first.name,
        credit_code: first.credit_code,
        person_in_charge: first.person_in_charge,
        phone: first.phone,
        village_id: first.village_id,
        platform: first.platform,
        shop_url: first.shop_url,
    }
}

fn operators_of(path: &std::path::Path) -> Vec<(i64, String, String, String)> {
    let conn = rusqlite::Connection::open(path).unwrap();
    let mut stmt = conn
        .prepare("SELECT rowid, id, kind, name FROM operator ORDER BY rowid")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

/// A spreadsheet of operators names kinds by the county's labels: its own kind is matched, an
/// unknown one is refused naming the county's labels.
#[test]
fn an_operator_sheet_matches_kinds_by_the_countys_labels() {
    use fieldbook::sheets::{import, ImportKind, ImportMode};
    let mut store = tori(None);
    store
        .add_kind(&operator_kind("parcel_point", "快递驿站", false))
        .unwrap();
    let file = crate::sheets::csv_text(&[
        vec!["名称", "类型", "乡镇", "村"],
        vec!["克孜勒吐村快递驿站", "快递驿站", "托里镇", "克孜勒吐村"],
        vec!["托里镇邮政网点", "物流快递企业", "托里镇", "克孜勒吐村"],
        vec!["驼队", "骆驼队", "托里镇", "克孜勒吐村"],
    ]);
    let report = import(
        &mut store,
        file.as_bytes(),
        "托里县实施主体.csv",
        &crate::sheets::options(ImportKind::Operators, ImportMode::ValidOnly),
    )
    .unwrap();
    assert_eq!(report.counts.new, 2, "{:#?}", report.rows);
    let refused = report.rows.iter().find(|r| r.row == 4).unwrap();
    let problem = refused
        .problems
        .iter()
        .find(|p| p.severity == "error")
        .unwrap();
    assert_eq!(problem.code, "OPERATOR_KIND");
    assert!(problem.message.contains("快递驿站"), "{}", problem.message);
    let labels: Vec<String> = store
        .list_operators(None, None)
        .unwrap()
        .into_iter()
        .map(|o| o.kind_label)
        .collect();
    assert!(labels.contains(&"快递驿站".to_string()), "{labels:?}");
    assert!(labels.contains(&"物流快递企业".to_string()), "{labels:?}");
}

/// A county relabels a default kind before a laptop is enrolled: the laptop's own log of the
/// defaults (written when it first opened) does not undo the county's label, and the county's
/// label reaches the laptop once its first batch is acknowledged.
#[test]
fn a_label_the_county_gave_before_enrolment_wins_over_the_laptops_defaults() {
    let dir = tempfile::tempdir().unwrap();
    let mut county = tori(Some(&dir.path().join("county.db")));
    county.county_init().unwrap();
    county
        .rename_kind(KindList::Operator, "cooperative", "农民专业合作社")
        .unwrap();
    let mut laptop = Store::open(&dir.path().join("laptop.db")).unwrap();
    laptop.save_officer("托里镇干部").unwrap();
    let (request, _) = laptop.device_request().unwrap();
    let (answer, _) = county.county_enroll(&request, TORI_TOWN).unwrap();
    laptop.device_enroll(&answer).unwrap();
    let (package, _) = county.sync_package(laptop.device_id()).unwrap();
    laptop.sync_apply(&package).unwrap();
    laptop
        .add_operator(&operator(&laptop, "enterprise", "托里镇牛羊肉加工厂"))
        .unwrap();
    let (batch, _) = laptop.export_batch().unwrap();
    let imported = county.import_batch(&batch, false).unwrap();
    assert!(imported.receipt.is_some(), "{:#?}", imported.report);
    assert_eq!(
        county
            .kind_option(KindList::Operator, "cooperative")
            .unwrap()
            .label,
        "农民专业合作社"
    );
    let (package, _) = county.sync_package(laptop.device_id()).unwrap();
    laptop.sync_apply(&package).unwrap();
    assert_eq!(
        laptop
            .kind_option(KindList::Operator, "cooperative")
            .unwrap()
            .label,
        "农民专业合作社"
    );
}
