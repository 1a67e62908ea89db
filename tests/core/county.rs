//! Any county can start for real: a second county (托里县 654224, 徽县 621227) set up with
//! `create_county` and a places import, its place tree kept through the write path, the demo
//! kept apart, and enrollment refusing a demo laptop or one of another county.

use std::path::Path;

use fieldbook::demo::load_demo_places;
use fieldbook::domain::places::{PlaceKind, VillageInput};
use fieldbook::sheets::{import, ImportKind, ImportMode};
use fieldbook::Store;

use crate::sheets::{csv_text, log_len, options};

pub const TORI: &str = "654224";
pub const TORI_TOWN: &str = "654224100";
pub const TORI_TOWN_2: &str = "654224201";

/// 托里县's townships and villages as the official code list gives them (no 县 column).
fn tori_code_list() -> String {
    csv_text(&[
        vec!["统计用区划代码", "名称", "乡镇"],
        vec!["654224100000", "托里镇", ""],
        vec!["654224100001", "团结社区", "托里镇"],
        vec!["654224100201", "克孜勒吐村", "托里镇"],
        vec!["654224201000", "庙尔沟镇", ""],
        vec!["654224201201", "庙尔沟村", "庙尔沟镇"],
    ])
}

/// 托里县 started as a clerk would: the county first, then the code list.
pub fn tori(path: Option<&Path>) -> Store {
    let mut store = match path {
        Some(path) => Store::open(path).unwrap(),
        None => Store::open_in_memory().unwrap(),
    };
    store.save_officer("县办阿依古丽").unwrap();
    store.create_county(TORI, " 托里县 ").unwrap();
    let report = import(
        &mut store,
        tori_code_list().as_bytes(),
        "托里县区划代码.csv",
        &options(ImportKind::Places, ImportMode::All),
    )
    .unwrap();
    assert_eq!(report.counts.errors, 0, "{:#?}", report.rows);
    store
}

fn code_of(error: fieldbook::Error) -> String {
    error.code().to_string()
}

#[test]
fn a_second_county_starts_with_its_code_and_real_name_then_its_code_list() {
    let fresh = Store::open_in_memory().unwrap().start_state().unwrap();
    assert!(!fresh.has_county && !fresh.is_demo && !fresh.officer_set);
    assert_eq!(fresh.sync_mode, "none");

    let mut store = tori(None);
    let county = store.county().unwrap().unwrap();
    assert_eq!(
        (county.code.as_str(), county.name.as_str()),
        (TORI, "托里县")
    );
    let townships: Vec<(String, String)> = store
        .list_townships()
        .unwrap()
        .into_iter()
        .map(|t| (t.code, t.name))
        .collect();
    assert_eq!(
        townships,
        vec![
            (TORI_TOWN.to_string(), "托里镇".to_string()),
            (TORI_TOWN_2.to_string(), "庙尔沟镇".to_string())
        ]
    );
    assert_eq!(store.list_villages(None).unwrap().len(), 3);
    let state = store.start_state().unwrap();
    assert_eq!(state.county_name.as_deref(), Some("托里县"));
    assert_eq!((state.townships, state.villages), (2, 3));
    assert!(state.officer_set && !state.is_demo);

    // One county per database; a malformed code says which field.
    let again = store.create_county("621227", "徽县").unwrap_err();
    assert_eq!(code_of(again), "COUNTY_EXISTS");
    let mut empty = Store::open_in_memory().unwrap();
    let log = log_len(&empty);
    let short = empty.create_county("65422", "托里县").unwrap_err();
    assert_eq!(short.field(), Some("code"));
    assert_eq!(code_of(short), "PLACE_CODE_SHAPE");
    assert_eq!(log_len(&empty), log);
}

#[test]
fn a_code_list_names_the_county_from_its_own_line_or_is_refused_with_how_to_start() {
    // 徽县: the county's own line (code ending 000000) comes after its townships.
    let mut hui = Store::open_in_memory().unwrap();
    let list = csv_text(&[
        vec!["统计用区划代码", "名称", "乡镇"],
        vec!["621227100000", "城关镇", ""],
        vec!["621227100201", "东关村", "城关镇"],
        vec!["621227000000", "徽县", ""],
    ]);
    let report = import(
        &mut hui,
        list.as_bytes(),
        "徽县.csv",
        &options(ImportKind::Places, ImportMode::All),
    )
    .unwrap();
    assert_eq!(report.counts.errors, 0, "{:#?}", report.rows);
    let county = hui.county().unwrap().unwrap();
    assert_eq!(
        (county.code.as_str(), county.name.as_str()),
        ("621227", "徽县")
    );

    // A list that names no county, on a database with none: nothing written, and the message
    // says what to run first; never "654224县".
    let mut empty = Store::open_in_memory().unwrap();
    let log = log_len(&empty);
    let report = import(
        &mut empty,
        tori_code_list().as_bytes(),
        "托里县区划代码.csv",
        &options(ImportKind::Places, ImportMode::All),
    )
    .unwrap();
    assert!(!report.written);
    assert_eq!(log_len(&empty), log);
    assert!(empty.county().unwrap().is_none());
    let problem = &report.rows[0].problems[0];
    assert_eq!(problem.code.to_string(), "COUNTY_MISSING");
    assert!(
        problem
            .message
            .contains("fieldbook county create --code 654224 --name"),
        "{}",
        problem.message
    );
}

#[test]
fn townships_are_added_renamed_and_retired_through_the_write_path() {
    let mut store = tori(None);
    let log = log_len(&store);
    let added = store.add_township("654224202", "铁厂沟镇").unwrap();
    assert_eq!((added.name.as_str(), added.village_count), ("铁厂沟镇", 0));
    assert_eq!(log_len(&store), log + 1, "one change-log entry");
    let history = store.history("township", &added.id).unwrap();
    assert_eq!(history[0].officer, "县办阿依古丽");

    let other = store.add_township("621227101", "外县镇").unwrap_err();
    assert_eq!(code_of(other), "PLACE_COUNTY");
    let itself = store.add_township("654224000", "县本身").unwrap_err();
    assert_eq!(code_of(itself), "PLACE_CODE_SHAPE");
    let taken = store.add_township(TORI_TOWN, "重号镇").unwrap_err();
    assert_eq!(code_of(taken), "PLACE_CODE_DUPLICATE");
    let same_name = store.add_township("654224203", "托里镇").unwrap_err();
    assert_eq!(code_of(same_name), "PLACE_NAME_DUPLICATE");

    let renamed = store.rename_place(TORI_TOWN_2, "庙尔沟新镇").unwrap();
    assert_eq!(
        (renamed.kind, renamed.name.as_str()),
        (PlaceKind::Township, "庙尔沟新镇")
    );
    assert_eq!(store.rename_county("托里 县").unwrap().name, "托里 县");
    assert_eq!(store.rename_place(TORI, "托里县").unwrap().name, "托里县");

    // A township with a live village is not retired; the message names the village and how.
    let busy = store.retire_place(TORI_TOWN_2).unwrap_err();
    assert_eq!(busy.code().to_string(), "PLACE_HAS_VILLAGES");
    assert!(busy.to_string().contains("庙尔沟村"), "{busy}");
    assert!(
        busy.to_string().contains("fieldbook places retire"),
        "{busy}"
    );
    let village = store.retire_place("654224201201").unwrap();
    assert!(village.retired && village.kind == PlaceKind::Village);
    let township = store.retire_place(TORI_TOWN_2).unwrap();
    assert!(township.retired);

    // Retired places stay listed (their records still name them), flagged; no new village
    // goes under a retired township.
    let listed = store.find_township(TORI_TOWN_2).unwrap();
    assert!(listed.retired);
    let kept = &store.list_villages(Some(TORI_TOWN_2)).unwrap()[0];
    assert_eq!((kept.name.as_str(), kept.retired), ("庙尔沟村", true));
    let refused = store
        .add_village(&VillageInput {
            township_code: TORI_TOWN_2.into(),
            code: "654224201202".into(),
            name: "新村".into(),
            poor: false,
        })
        .unwrap_err();
    assert_eq!(code_of(refused), "PLACE_RETIRED");
    let state = store.start_state().unwrap();
    assert_eq!((state.townships, state.villages), (2, 2), "in use only");
    assert!(store.verify_log().unwrap().first_broken.is_none());
}

#[test]
fn the_demo_is_marked_and_never_mixed_with_a_real_county() {
    let mut demo = Store::open_in_memory().unwrap();
    load_demo_places(&mut demo).unwrap();
    assert!(demo.is_demo().unwrap());
    assert!(demo.start_state().unwrap().is_demo);
    let refused = demo.create_county(TORI, "托里县").unwrap_err();
    assert_eq!(code_of(refused), "COUNTY_DEMO");

    let mut real = tori(None);
    let log = log_len(&real);
    let refused = load_demo_places(&mut real).unwrap_err();
    assert_eq!(code_of(refused), "DEMO_DATA");
    assert!(!real.is_demo().unwrap());
    assert_eq!(log_len(&real), log);

    // A real 成县 (the demo's code, a real county's id) is not taken for the demo either.
    let mut cheng = Store::open_in_memory().unwrap();
    cheng.create_county("621221", "成县").unwrap();
    assert_eq!(
        code_of(load_demo_places(&mut cheng).unwrap_err()),
        "DEMO_DATA"
    );

    let real_path = Path::new("/data/fieldbook/fieldbook.db");
    let demo_path = fieldbook::store::demo_db_path(real_path);
    assert_eq!(demo_path, Path::new("/data/fieldbook/fieldbook-demo.db"));
    assert_eq!(fieldbook::store::demo_db_path(&demo_path), demo_path);
}

/// A database an earlier desktop filled with the demo on first start (no demo mark) is marked
/// demo when it is upgraded (migration 0017, by the demo county's fixed id); a real county that
/// happens to be 成县 is not.
#[test]
fn an_upgraded_database_the_old_app_filled_with_the_demo_is_marked_demo() {
    let dir = tempfile::tempdir().unwrap();
    // A database as the app before 0017 left it: migrated to 16, a county, no demo mark. Built
    // at 16 rather than stepped back from the latest schema, so the migrations after 0017 run
    // once, as they do in the field.
    let at_version_16 = |path: &Path, county_id: &str| {
        let conn = rusqlite::Connection::open(path).unwrap();
        for (_, sql) in &fieldbook::store::MIGRATIONS[..16] {
            conn.execute_batch(sql).unwrap();
        }
        conn.pragma_update(None, "user_version", 16).unwrap();
        conn.execute(
            "INSERT INTO county (id, code, name) VALUES (?1, '621221', '成县')",
            [county_id],
        )
        .unwrap();
    };
    let legacy = dir.path().join("legacy.db");
    at_version_16(&legacy, "96684092-b75d-5e08-bd6f-4596cb0e8530");
    assert!(Store::open(&legacy).unwrap().is_demo().unwrap());

    let real = dir.path().join("chengxian.db");
    at_version_16(&real, &uuid::Uuid::now_v7().to_string());
    assert!(!Store::open(&real).unwrap().is_demo().unwrap());
}
