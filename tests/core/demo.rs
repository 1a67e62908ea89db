//! The demo county matches the plan it comes from.

use std::collections::HashSet;

use fieldbook::demo::{demo_villages, load_demo};
use fieldbook::Store;

use crate::temp_db;

/// Per-township poor / non-poor counts from the plan's appendix (fixtures' plan CSV).
const PLAN: &[(&str, u32, u32)] = &[
    ("鸡峰镇", 27, 0),
    ("宋坪乡", 16, 0),
    ("镡河乡", 12, 0),
    ("二郎乡", 10, 0),
    ("陈院镇", 4, 2),
    ("王磨镇", 3, 0),
    ("黄陈镇", 4, 1),
    ("沙坝镇", 5, 1),
    ("苏元乡", 3, 1),
    ("纸坊镇", 4, 2),
    ("小川镇", 5, 2),
    ("索池乡", 2, 2),
    ("红川镇", 2, 2),
    ("店村镇", 2, 2),
    ("抛沙镇", 2, 2),
    ("城关镇", 2, 2),
    ("黄渚镇", 1, 1),
];

#[test]
fn demo_county_has_the_plans_townships_and_village_classes() {
    let mut store = Store::open_in_memory().unwrap();
    let report = load_demo(&mut store).unwrap();
    assert_eq!((report.townships_added, report.villages_added), (17, 124));
    let townships = store.list_townships().unwrap();
    let got: Vec<_> = townships
        .iter()
        .map(|t| {
            (
                t.name.as_str(),
                t.poor_village_count,
                t.village_count - t.poor_village_count,
            )
        })
        .collect();
    assert_eq!(got, PLAN);
}

#[test]
fn synthetic_codes_have_the_right_shape_are_unique_and_stable() {
    let villages = demo_villages().unwrap();
    assert_eq!(villages.len(), 124);
    let codes: HashSet<_> = villages.iter().map(|v| v.code.clone()).collect();
    assert_eq!(codes.len(), 124);
    for v in &villages {
        assert_eq!(v.code.len(), 12);
        assert!(v.code.starts_with(&v.township_code) && v.township_code.starts_with("621221"));
        let committee: u32 = v.code[9..].parse().unwrap();
        assert!((201..=399).contains(&committee), "{}", v.code);
    }
    assert_eq!(villages[0].code, "621221101201");
    assert_eq!(villages[0].name, "长沟村");
    assert_eq!(villages.last().unwrap().township_code, "621221117");
    assert_eq!(demo_villages().unwrap(), villages);
}

#[test]
fn loading_twice_changes_nothing() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    load_demo(&mut store).unwrap();
    let before = store.list_villages(None).unwrap();
    let again = load_demo(&mut store).unwrap();
    assert!(again.already_loaded);
    assert_eq!(again.villages_added, 0);
    assert_eq!(store.list_villages(None).unwrap(), before);
}

#[test]
fn demo_refuses_a_database_of_another_county() {
    let (_dir, path) = temp_db();
    Store::open(&path).unwrap();
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute(
            "INSERT INTO county (id, code, name) VALUES ('x', '110105', '朝阳区')",
            [],
        )
        .unwrap();
    let mut store = Store::open(&path).unwrap();
    let error = load_demo(&mut store).unwrap_err();
    assert!(error.to_string().contains("朝阳区"), "{error}");
    assert!(store.list_townships().unwrap().is_empty());
}
