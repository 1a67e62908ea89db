//! Adding and editing villages: the rules a user meets in the Places screen and the CLI.

use fieldbook::demo::load_demo_places as load_demo;
use fieldbook::domain::places::VillageInput;
use fieldbook::Store;

use crate::temp_db;

fn demo_store() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    load_demo(&mut store).unwrap();
    store
}

fn input(code: &str, name: &str) -> VillageInput {
    VillageInput {
        township_code: "621221101".into(),
        code: code.into(),
        name: name.into(),
        poor: false,
    }
}

#[test]
fn added_village_survives_reopening() {
    let (_dir, path) = temp_db();
    {
        let mut store = Store::open(&path).unwrap();
        load_demo(&mut store).unwrap();
        let added = store.add_village(&input("621221101228", "新建村")).unwrap();
        assert_eq!(added.township_name, "鸡峰镇");
        assert!(!added.poor);
    }
    let store = Store::open(&path).unwrap();
    let villages = store.list_villages(Some("621221101")).unwrap();
    assert_eq!(villages.len(), 28);
    assert_eq!(villages.last().unwrap().name, "新建村");
    let jifeng = store.find_township("鸡峰镇").unwrap();
    assert_eq!((jifeng.village_count, jifeng.poor_village_count), (28, 27));
}

#[test]
fn refusals_name_the_field_and_write_nothing() {
    let mut store = demo_store();
    let cases = [
        (input("621221101228", " "), "NAME_EMPTY", "name"),
        (input("62122110122", "新建村"), "PLACE_CODE_SHAPE", "code"),
        (
            input("621221101201", "新建村"),
            "PLACE_CODE_DUPLICATE",
            "code",
        ),
        (
            input("621221102228", "新建村"),
            "PLACE_CODE_TOWNSHIP",
            "code",
        ),
        (
            input("621221101228", "长沟村"),
            "PLACE_NAME_DUPLICATE",
            "name",
        ),
    ];
    for (case, code, field) in cases {
        let error = store.add_village(&case).unwrap_err();
        assert_eq!(
            (error.code().as_str(), error.field()),
            (code, Some(field)),
            "{case:?}"
        );
    }
    let unknown = VillageInput {
        township_code: "621221999".into(),
        ..input("621221999201", "新建村")
    };
    assert_eq!(
        store.add_village(&unknown).unwrap_err().code(),
        "PLACE_TOWNSHIP_UNKNOWN"
    );
    assert_eq!(store.list_villages(None).unwrap().len(), 124);
}

#[test]
fn duplicate_code_message_names_the_village_that_has_it() {
    let mut store = demo_store();
    let error = store
        .add_village(&input("621221101201", "新建村"))
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "村代码 621221101201 已被 鸡峰镇长沟村 使用，请核对后填写另一个代码。"
    );
}

#[test]
fn editing_keeps_the_id_and_may_keep_its_own_code_and_name() {
    let mut store = demo_store();
    let village = store.list_villages(Some("621221101")).unwrap()[0].clone();
    let unchanged = store
        .update_village(
            &village.id,
            &VillageInput {
                township_code: village.township_code.clone(),
                code: village.code.clone(),
                name: village.name.clone(),
                poor: false,
            },
        )
        .unwrap();
    assert_eq!(
        (unchanged.id.as_str(), unchanged.poor),
        (village.id.as_str(), false)
    );
    let renamed = store
        .update_village(&village.id, &input("621221101299", "长沟新村"))
        .unwrap();
    assert_eq!(renamed.id, village.id);
    assert_eq!(
        (renamed.code.as_str(), renamed.name.as_str()),
        ("621221101299", "长沟新村")
    );
    let taken = store
        .update_village(&village.id, &input("621221101202", "长沟新村"))
        .unwrap_err();
    assert_eq!(taken.code(), "PLACE_CODE_DUPLICATE");
    assert_eq!(store.village(&village.id).unwrap().code, "621221101299");
}

#[test]
fn editing_an_unknown_village_is_not_found() {
    let mut store = demo_store();
    let error = store
        .update_village("no-such-id", &input("621221101228", "新建村"))
        .unwrap_err();
    assert_eq!(error.code(), "NOT_FOUND");
}
