//! `Store::add_households`: a batch (spreadsheet import, the demo register) is validated and
//! written in one transaction, or refused whole, naming the row.

use fieldbook::demo::load_demo_places;
use fieldbook::domain::households::{HouseholdInput, HouseholdQuery};
use fieldbook::Store;

use crate::records::{household, id_number};

fn places() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    load_demo_places(&mut store).unwrap();
    store
}

fn batch(store: &Store, names: &[&str]) -> Vec<HouseholdInput> {
    names
        .iter()
        .enumerate()
        .map(|(n, name)| household(store, n as u32 + 1, name))
        .collect()
}

fn total(store: &Store) -> u32 {
    let query = HouseholdQuery {
        text: String::new(),
        township_code: None,
        village_id: None,
        offset: 0,
        limit: 1,
        status: None,
    };
    store.search_households(&query).unwrap().total
}

#[test]
fn a_batch_is_written_in_order_with_one_log_entry_per_household() {
    let mut store = places();
    let entries = store.verify_log().unwrap().entries;
    let inputs = batch(&store, &["张三", "李四", "张三"]);
    let saved = store.add_households(&inputs).unwrap();
    let ids: Vec<_> = saved.iter().map(|s| s.record.id_number.as_str()).collect();
    assert_eq!(ids, [id_number(1), id_number(2), id_number(3)]);
    assert_eq!(saved[0].record.village_name, "长沟村");
    assert!(saved[0].warnings.is_empty() && saved[1].warnings.is_empty());
    let codes: Vec<_> = saved[2].warnings.iter().map(|w| w.code.as_str()).collect();
    assert_eq!(
        codes,
        ["HOUSEHOLD_NAME_TWICE"],
        "a namesake earlier in the batch"
    );
    assert_eq!(total(&store), 3);
    let check = store.verify_log().unwrap();
    assert_eq!(check.entries, entries + 3);
    assert_eq!(check.first_broken, None);
    assert!(store.add_households(&[]).unwrap().is_empty());
}

#[test]
fn one_bad_row_refuses_the_whole_batch_naming_the_row() {
    let mut store = places();
    let entries = store.verify_log().unwrap().entries;

    // Refused before any SQL: an invalid ID on the third row.
    let mut inputs = batch(&store, &["张三", "李四", "王五", "赵六"]);
    inputs[2].id_number.replace_range(17.., "0");
    inputs[2].id_number.replace_range(16..17, "9");
    let error = store.add_households(&inputs).unwrap_err();
    assert_eq!(
        (error.code().as_str(), error.field()),
        ("ID_CHECK_DIGIT", Some("idNumber"))
    );
    assert!(error.to_string().starts_with("第 3 条："), "{error}");

    // Refused by the register, after earlier rows were written in the transaction.
    let mut inputs = batch(&store, &["张三", "李四", "王五"]);
    inputs[2].village_id = "no such village".into();
    let error = store.add_households(&inputs).unwrap_err();
    assert_eq!(error.code(), "HOUSEHOLD_VILLAGE");
    assert!(error.to_string().starts_with("第 3 条："), "{error}");

    // The same ID twice in one batch.
    let mut inputs = batch(&store, &["张三", "李四"]);
    inputs[1].id_number = inputs[0].id_number.clone();
    let error = store.add_households(&inputs).unwrap_err();
    assert_eq!(error.code(), "HOUSEHOLD_ID_DUPLICATE");
    assert!(error.to_string().starts_with("第 2 条："), "{error}");
    assert!(error.to_string().contains("张三户"), "{error}");

    assert_eq!(total(&store), 0, "nothing of a refused batch is written");
    assert_eq!(store.verify_log().unwrap().entries, entries);
}

/// Name search over a register built by one batch: every household whose name contains the
/// text, those starting with it first, then by name and village code; pages and filters agree
/// with a brute-force search.
#[test]
fn name_search_pages_and_filters_agree_with_brute_force() {
    let mut store = places();
    let villages = store.list_villages(None).unwrap();
    let names = [
        "王小明",
        "小王",
        "王五",
        "李王强",
        "王",
        "张三",
        "王小明",
        "赵四王",
    ];
    let inputs: Vec<HouseholdInput> = (0..400)
        .map(|n| {
            let mut input = household(&store, n + 1, names[n as usize % names.len()]);
            input.village_id = villages[(n as usize * 7) % villages.len()].id.clone();
            input
        })
        .collect();
    store.add_households(&inputs).unwrap();
    let place = |village_id: &str| {
        let v = villages.iter().find(|v| v.id == village_id).unwrap();
        (
            v.code.clone(),
            format!("{}{}", v.township_name, v.name),
            v.township_code.clone(),
        )
    };
    for (text, township, village) in [
        ("王", None, None),
        ("王小", None, None),
        ("小王", None, None),
        ("王", Some("621221101"), None),
        ("王", None, Some(villages[7].id.clone())),
        ("钱", None, None),
    ] {
        let mut expected: Vec<(bool, &str, String, String)> = inputs
            .iter()
            .filter(|h| h.head_name.contains(text))
            .filter(|h| village.as_ref().is_none_or(|v| *v == h.village_id))
            .map(|h| (h, place(&h.village_id)))
            .filter(|(_, (_, _, t))| township.is_none_or(|c| c == t))
            .map(|(h, (code, place, _))| {
                (
                    !h.head_name.starts_with(text),
                    h.head_name.as_str(),
                    code,
                    place,
                )
            })
            .collect();
        expected.sort();
        for offset in [0, 50, 120] {
            let page = store
                .search_households(&HouseholdQuery {
                    text: text.into(),
                    township_code: township.map(String::from),
                    village_id: village.clone(),
                    offset,
                    limit: 50,
                    status: None,
                })
                .unwrap();
            assert_eq!(page.total as usize, expected.len(), "{text} {township:?}");
            let got: Vec<(&str, &str)> = page
                .rows
                .iter()
                .map(|r| (r.head_name.as_str(), r.place.as_str()))
                .collect();
            let want: Vec<(&str, &str)> = expected
                .iter()
                .skip(offset as usize)
                .take(50)
                .map(|(_, name, _, place)| (*name, place.as_str()))
                .collect();
            assert_eq!(got, want, "{text} {township:?} offset {offset}");
        }
    }
}
