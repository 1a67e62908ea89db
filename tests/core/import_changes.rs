//! An import's dry run shows what it changes: old → new for each field of each updated row, the
//! references by name, and a warning when a row renames the household its ID number finds.
//! Built in a second county (新县), not the demo's.

use fieldbook::sheets::{import, ImportKind, ImportMode, ImportReport};
use fieldbook::{Code, Store};
use serde_json::json;

use crate::records::id_number;
use crate::sheets::{csv_text, log_len, options};

fn run(store: &mut Store, kind: ImportKind, rows: &[Vec<&str>], mode: ImportMode) -> ImportReport {
    let file = csv_text(rows);
    import(store, file.as_bytes(), "f.csv", &options(kind, mode)).unwrap()
}

/// 新县 with one township (新城镇) and two villages (东村, 西村).
fn second_county() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    let places = run(
        &mut store,
        ImportKind::Places,
        &[
            vec!["统计用区划代码", "名称", "乡镇", "是否贫困村", "县"],
            vec!["621299100000", "新城镇", "", "", "新县"],
            vec!["621299100201", "东村", "新城镇", "是", "新县"],
            vec!["621299100202", "西村", "新城镇", "否", "新县"],
        ],
        ImportMode::All,
    );
    assert_eq!(places.counts.new, 3, "{:#?}", places.rows);
    store
}

const HEADER: [&str; 6] = [
    "户主姓名",
    "身份证号码",
    "家庭人口",
    "乡镇",
    "村",
    "村民小组",
];

fn households<'a>(rows: &[[&'a str; 6]]) -> Vec<Vec<&'a str>> {
    let mut all = vec![HEADER.to_vec()];
    all.extend(rows.iter().map(|r| r.to_vec()));
    all
}

#[test]
fn a_dry_run_lists_old_and_new_of_each_changed_field_and_warns_of_a_new_name() {
    let mut store = second_county();
    let (a, b) = (id_number(501), id_number(502));
    let first = households(&[
        ["赵大", &a, "4", "新城镇", "东村", "一组"],
        ["钱二", &b, "3", "新城镇", "东村", "二组"],
    ]);
    let done = run(&mut store, ImportKind::Households, &first, ImportMode::All);
    assert_eq!(done.counts.new, 2, "{:#?}", done.rows);
    let log = log_len(&store);

    // 赵大's row moves him to 西村 with 5 people; 钱二's ID number now carries another name.
    let second = households(&[
        ["赵大", &a, "5", "新城镇", "西村", "一组"],
        ["孙三", &b, "3", "新城镇", "东村", "二组"],
    ]);
    let dry = run(
        &mut store,
        ImportKind::Households,
        &second,
        ImportMode::DryRun,
    );
    assert_eq!(log_len(&store), log, "a dry run writes nothing");
    assert_eq!(dry.counts.updated, 2, "{:#?}", dry.rows);

    let zhao = &dry.rows[0];
    assert_eq!(zhao.outcome, "update");
    let changed: Vec<(&str, &serde_json::Value, &serde_json::Value)> = zhao
        .changes
        .iter()
        .map(|c| (c.field.as_str(), &c.old, &c.new))
        .collect();
    assert_eq!(
        changed,
        vec![
            ("size", &json!(4), &json!(5)),
            (
                "village_id",
                &json!("东村（621299100201）"),
                &json!("西村（621299100202）")
            ),
        ],
        "villages by name, not id"
    );
    assert!(zhao.changes.iter().all(|c| c.entity == "household"));
    assert!(zhao.problems.is_empty(), "{:?}", zhao.problems);

    let renamed = &dry.rows[1];
    assert_eq!(renamed.outcome, "update");
    assert_eq!(renamed.changes.len(), 1, "{:?}", renamed.changes);
    assert_eq!(
        (&renamed.changes[0].old, &renamed.changes[0].new),
        (&json!("钱二"), &json!("孙三"))
    );
    let warning = &renamed.problems[0];
    assert_eq!(warning.code, Code::IMPORT_NAME_CHANGED);
    assert_eq!(warning.severity, "warning");
    assert_eq!(warning.column.as_deref(), Some("A"), "at the name column");
    assert!(
        warning.message.contains("“钱二”改为“孙三”"),
        "{}",
        warning.message
    );
    assert_eq!(dry.counts.warnings, 1);

    // The warning does not block the row: importing writes what the dry run showed.
    let written = run(&mut store, ImportKind::Households, &second, ImportMode::All);
    assert!(written.written);
    let sun = store.household_by_id_number(&b).unwrap().unwrap();
    assert_eq!(sun.head_name, "孙三");
}

#[test]
fn a_new_or_unchanged_row_lists_no_changes() {
    let mut store = second_county();
    let a = id_number(503);
    let rows = households(&[["周四", &a, "2", "新城镇", "西村", "三组"]]);
    let new = run(&mut store, ImportKind::Households, &rows, ImportMode::All);
    assert_eq!(new.rows[0].outcome, "new");
    assert!(new.rows[0].changes.is_empty());
    let again = run(
        &mut store,
        ImportKind::Households,
        &rows,
        ImportMode::DryRun,
    );
    assert_eq!(again.rows[0].outcome, "unchanged");
    assert!(again.rows[0].changes.is_empty());
    assert!(again.rows[0].problems.is_empty());
}
