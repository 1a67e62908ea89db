//! The household register: validation against the register, search, masking.

use fieldbook::domain::households::HouseholdQuery;

use crate::records::{household, id_number, jifeng_village, places_only};

fn query(text: &str) -> HouseholdQuery {
    HouseholdQuery {
        text: text.into(),
        township_code: None,
        village_id: None,
        offset: 0,
        limit: 50,
        status: None,
    }
}

#[test]
fn a_household_is_saved_normalised_and_listed_masked() {
    let mut store = places_only();
    let before = store.search_households(&query("")).unwrap().total;
    let mut input = household(&store, 1, "张三");
    // As typed on a phone keyboard: lower-case check character, full-width digits.
    input.id_number = input.id_number.to_lowercase().replace('1', "１");
    let saved = store.add_household(&input).unwrap();
    assert!(saved.warnings.is_empty());
    assert_eq!(saved.record.id_number, id_number(1));
    assert_eq!(saved.record.category_label, "一般贫困户");
    let page = store.search_households(&query("")).unwrap();
    assert_eq!(page.total, before + 1);
    let row = page.rows.iter().find(|r| r.id == saved.record.id).unwrap();
    assert_eq!(
        row.id_masked,
        format!("6212**********{}", &id_number(1)[14..])
    );
    assert!(
        !serde_json::to_string(&page)
            .unwrap()
            .contains(&id_number(1)),
        "lists never carry the full ID"
    );
}

#[test]
fn the_same_id_twice_is_refused_naming_the_household() {
    let mut store = places_only();
    store.add_household(&household(&store, 1, "张三")).unwrap();
    let mut again = household(&store, 1, "张四");
    again.village_id = jifeng_village(&store, 3);
    let error = store.add_household(&again).unwrap_err();
    assert_eq!(
        (error.code().as_str(), error.field()),
        ("HOUSEHOLD_ID_DUPLICATE", Some("idNumber"))
    );
    assert!(error.to_string().contains("鸡峰镇长沟村 张三户"), "{error}");
}

#[test]
fn same_name_same_village_other_id_is_a_warning() {
    let mut store = places_only();
    store.add_household(&household(&store, 1, "张三")).unwrap();
    let saved = store.add_household(&household(&store, 2, "张三")).unwrap();
    let codes: Vec<_> = saved.warnings.iter().map(|w| w.code.as_str()).collect();
    assert_eq!(codes, ["HOUSEHOLD_NAME_TWICE"]);
    assert_eq!(saved.warnings[0].field, "headName");
}

#[test]
fn unknown_village_or_category_is_refused_and_nothing_is_written() {
    let mut store = places_only();
    let entries = store.verify_log().unwrap().entries;
    let mut input = household(&store, 1, "张三");
    input.village_id = "nope".into();
    assert_eq!(
        store.add_household(&input).unwrap_err().code(),
        "HOUSEHOLD_VILLAGE"
    );
    let mut input = household(&store, 1, "张三");
    input.category = "rich".into();
    assert_eq!(
        store.add_household(&input).unwrap_err().code(),
        "HOUSEHOLD_CATEGORY"
    );
    assert_eq!(store.verify_log().unwrap().entries, entries);
}

#[test]
fn search_by_name_part_and_by_id_suffix() {
    let mut store = places_only();
    for (n, name) in [(1, "王小明"), (2, "小王"), (3, "李四")] {
        store.add_household(&household(&store, n, name)).unwrap();
    }
    let names = |text: &str| -> Vec<String> {
        store
            .search_households(&query(text))
            .unwrap()
            .rows
            .into_iter()
            .map(|r| r.head_name)
            .collect()
    };
    assert_eq!(
        names("王"),
        ["王小明", "小王"],
        "prefix matches first, then other matches"
    );
    assert_eq!(names("李四"), ["李四"]);
    let suffix = &id_number(3)[12..];
    assert_eq!(names(suffix), ["李四"]);
    assert!(names("999999999").is_empty());
}

#[test]
fn an_edit_is_logged_with_old_and_new_values() {
    let mut store = places_only();
    let saved = store.add_household(&household(&store, 1, "张三")).unwrap();
    let mut input = household(&store, 1, "张三");
    input.size = 5;
    store.update_household(&saved.record.id, &input).unwrap();
    let history = store.history("household", &saved.record.id).unwrap();
    assert_eq!(
        serde_json::to_value(&history[1].fields).unwrap(),
        serde_json::json!({ "size": [4, 5] })
    );
}

#[test]
fn a_county_relabels_its_categories_on_the_write_path() {
    let mut store = places_only();
    let renamed = store
        .set_household_category("general", "脱贫户（一般）")
        .unwrap();
    assert_eq!(renamed.label, "脱贫户（一般）");
    store
        .set_household_category("watch_2021", "防返贫监测户")
        .unwrap();
    let labels: Vec<_> = store
        .household_categories()
        .unwrap()
        .into_iter()
        .map(|c| c.label)
        .collect();
    assert_eq!(labels.first().map(String::as_str), Some("脱贫户（一般）"));
    assert_eq!(labels.last().map(String::as_str), Some("防返贫监测户"));
    let history = store.history("household_category", "general").unwrap();
    assert_eq!(
        history.last().unwrap().fields["label"],
        (
            serde_json::json!("一般贫困户"),
            serde_json::json!("脱贫户（一般）")
        )
    );
    assert_eq!(
        store
            .set_household_category("Bad Code", "x")
            .unwrap_err()
            .code(),
        "CATEGORY_CODE"
    );
    let saved = store.add_household(&household(&store, 9, "张三")).unwrap();
    assert_eq!(saved.record.category_label, "脱贫户（一般）");
}
