//! The household search box at scale (issue 18): pinyin initials, full pinyin and mixed
//! queries through the search keys the write path keeps, village filter, paging, the count's
//! limit, and keys made for households written before the keys existed.

use fieldbook::domain::households::{HouseholdPage, HouseholdQuery};
use fieldbook::Store;

use crate::records::{household, jifeng_village, places_only};
use crate::temp_db;

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

fn names(page: HouseholdPage) -> Vec<String> {
    page.rows.into_iter().map(|r| r.head_name).collect()
}

fn found(store: &Store, text: &str) -> Vec<String> {
    names(store.search_households(&query(text)).unwrap())
}

fn with_names(list: &[&str]) -> Store {
    let mut store = places_only();
    let inputs: Vec<_> = list
        .iter()
        .enumerate()
        .map(|(n, name)| household(&store, n as u32 + 1, name))
        .collect();
    store.add_households(&inputs).unwrap();
    store
}

#[test]
fn initials_full_pinyin_and_mixed_find_the_name_and_a_near_miss_does_not() {
    let store = with_names(&["王建国", "李建国", "吴佳怡", "汪洋"]);
    for text in [
        "wjg",
        "WJG",
        "wangjianguo",
        "wangjian",
        "王jg",
        "wangjg",
        "王jianguo",
    ] {
        assert_eq!(found(&store, text), ["王建国"], "{text}");
    }
    // Near misses: another initial, another surname typed, one letter too many.
    for text in ["wjq", "李jg", "wangjianguoo", "wangjg2"] {
        assert!(
            !found(&store, text).contains(&"王建国".to_string()),
            "{text}"
        );
    }
    assert_eq!(found(&store, "ljg"), ["李建国"]);
    // wang finds 王 and 汪 (both read wang), not 吴.
    let mut wang = found(&store, "wang");
    wang.sort();
    assert_eq!(wang, ["汪洋", "王建国"]);
}

#[test]
fn a_polyphonic_surname_is_found_by_its_surname_reading() {
    let store = with_names(&["曾小华", "单田芳"]);
    assert_eq!(found(&store, "zxh"), ["曾小华"]);
    assert!(
        found(&store, "cxh").is_empty(),
        "曾 as a surname reads zeng"
    );
    assert_eq!(found(&store, "shantianfang"), ["单田芳"]);
}

#[test]
fn a_rename_through_the_write_path_is_found_by_its_new_pinyin_not_the_old() {
    let mut store = with_names(&["王建国"]);
    let id = store.search_households(&query("wjg")).unwrap().rows[0]
        .id
        .clone();
    let mut renamed = household(&store, 1, "赵立新");
    renamed.village_id = jifeng_village(&store, 0);
    store.update_household(&id, &renamed).unwrap();
    assert_eq!(found(&store, "zlx"), ["赵立新"]);
    assert_eq!(found(&store, "zhaolixin"), ["赵立新"]);
    assert!(found(&store, "wjg").is_empty(), "the old initials are gone");
    assert!(found(&store, "wangjianguo").is_empty());
    assert!(
        found(&store, "建国").is_empty(),
        "so are the old name's parts"
    );
    assert_eq!(found(&store, "立新"), ["赵立新"]);
}

#[test]
fn a_village_filter_narrows_a_pinyin_search_and_a_name_search() {
    let mut store = places_only();
    let mut inputs = Vec::new();
    for n in 1..=6 {
        let mut input = household(&store, n, "王建国");
        input.village_id = jifeng_village(&store, (n % 2) as usize);
        inputs.push(input);
    }
    store.add_households(&inputs).unwrap();
    let second = jifeng_village(&store, 1);
    for text in ["wjg", "王建", "建国"] {
        let all = store.search_households(&query(text)).unwrap();
        assert_eq!(all.total, 6, "{text}");
        let mut in_village = query(text);
        in_village.village_id = Some(second.clone());
        let page = store.search_households(&in_village).unwrap();
        assert_eq!(page.total, 3, "{text}");
        assert_eq!(page.rows.len(), 3);
        let mut other_township = query(text);
        other_township.township_code = Some("621221102".into());
        assert_eq!(store.search_households(&other_township).unwrap().total, 0);
    }
}

#[test]
fn pages_beyond_the_first_hold_the_rest_once_each() {
    let given = ["建国", "建军", "佳怡", "俊杰", "家豪", "静怡"];
    let list: Vec<String> = (0..130)
        .map(|n| format!("王{}{}", given[n % given.len()], ["", "明", "华"][n % 3]))
        .collect();
    let refs: Vec<&str> = list.iter().map(String::as_str).collect();
    let store = with_names(&refs);
    for text in ["wj", "王", "wang"] {
        let mut seen = Vec::new();
        for offset in [0, 50, 100] {
            let mut q = query(text);
            q.offset = offset;
            let page = store.search_households(&q).unwrap();
            assert!(!page.more);
            seen.extend(page.rows.into_iter().map(|r| r.id));
        }
        // Every given name here starts with j: all 130 match each text.
        let expected = list.len();
        assert_eq!(seen.len(), expected, "{text}");
        seen.sort();
        seen.dedup();
        assert_eq!(seen.len(), expected, "{text}: a row on two pages");
    }
}

#[test]
fn the_count_stops_at_its_limit_and_says_more() {
    let list: Vec<String> = (0..1005)
        .map(|n| format!("王{}", char::from_u32(0x4e00 + n).unwrap()))
        .collect();
    let refs: Vec<&str> = list.iter().map(String::as_str).collect();
    let store = with_names(&refs);
    for text in ["王", "w"] {
        let page = store.search_households(&query(text)).unwrap();
        assert_eq!((page.total, page.more), (1000, true), "{text}");
        assert_eq!(page.rows.len(), 50);
    }
    // The list without text (the screen opening) is counted exactly.
    let all = store.search_households(&query("")).unwrap();
    assert_eq!((all.total, all.more), (1005, false));
    let page = store.search_households(&query("王一")).unwrap();
    assert_eq!((page.total, page.more), (1, false));
}

#[test]
fn households_written_before_the_keys_existed_are_keyed_when_the_store_opens() {
    let (_dir, path) = temp_db();
    {
        let mut store = Store::open(&path).unwrap();
        fieldbook::demo::load_demo_places(&mut store).unwrap();
        let input = household(&store, 1, "王建国");
        store.add_household(&input).unwrap();
    }
    // As a database upgraded to 0029 is: households, no keys, no record of the keys' rules.
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch(
        "DELETE FROM household_search_key;
         DELETE FROM app_meta WHERE key = 'household_search_keys';",
    )
    .unwrap();
    drop(conn);
    let store = Store::open(&path).unwrap();
    assert_eq!(found(&store, "wjg"), ["王建国"]);
    assert_eq!(found(&store, "建国"), ["王建国"]);
    drop(store);
    // Opening again keys nothing twice.
    let store = Store::open(&path).unwrap();
    assert_eq!(found(&store, "wangjianguo"), ["王建国"]);
}
