//! The one write path: every write leaves one chained, attributable log entry; the chain check
//! finds tampering; locked records refuse edits; the clock never runs backwards.

use std::sync::Arc;

use fieldbook::demo::load_demo_places as load_demo;
use fieldbook::domain::places::VillageInput;
use fieldbook::store::hlc::{unpack, ManualClock};
use fieldbook::store::write::Status;
use fieldbook::Store;
use serde_json::json;

use crate::temp_db;

const DAY_MS: u64 = 1_763_700_000_000;

fn store_with_clock() -> (Store, Arc<ManualClock>) {
    let mut store = Store::open_in_memory().unwrap();
    let clock = Arc::new(ManualClock::at(DAY_MS));
    store.set_clock(clock.clone());
    store.set_officer("王芳");
    load_demo(&mut store).unwrap();
    (store, clock)
}

fn input(code: &str, name: &str, poor: bool) -> VillageInput {
    VillageInput {
        township_code: "621221101".into(),
        code: code.into(),
        name: name.into(),
        poor,
    }
}

#[test]
fn demo_load_is_logged_one_create_per_record() {
    let (store, _) = store_with_clock();
    let check = store.verify_log().unwrap();
    // The five household categories and the 21 default kinds (12 programme, 9 operator) the
    // schema ships are logged when the store first opens.
    assert_eq!(check.entries, 5 + 21 + 1 + 17 + 124);
    assert_eq!(check.first_broken, None);
}

#[test]
fn create_and_update_record_who_what_and_old_to_new() {
    let (mut store, _) = store_with_clock();
    let village = store
        .add_village(&input("621221101228", "金鸡村", true))
        .unwrap();
    let renamed = input("621221101228", "金鸡新村", true);
    store.update_village(&village.id, &renamed).unwrap();
    let history = store.history("village", &village.id).unwrap();
    assert_eq!(history.len(), 2);
    let (create, update) = (&history[0], &history[1]);
    assert_eq!(
        (create.op.as_str(), update.op.as_str()),
        ("create", "update")
    );
    assert_eq!(create.officer, "王芳");
    assert_eq!(create.device_id, store.device_id());
    assert_eq!(create.fields["name"], (json!(null), json!("金鸡村")));
    assert_eq!(create.fields["poor"], (json!(null), json!(1)));
    assert_eq!(
        serde_json::to_value(&update.fields).unwrap(),
        json!({ "name": ["金鸡村", "金鸡新村"] }),
        "an update logs only the fields that changed"
    );
    assert_eq!(update.seq, create.seq + 1);
    assert_eq!(update.prev_hash, create.hash);
}

#[test]
fn an_update_that_changes_nothing_writes_no_entry() {
    let (mut store, _) = store_with_clock();
    let village = store.list_villages(Some("621221101")).unwrap()[0].clone();
    let before = store.verify_log().unwrap().entries;
    let same = input(&village.code, &village.name, village.poor);
    store.update_village(&village.id, &same).unwrap();
    assert_eq!(store.verify_log().unwrap().entries, before);
}

#[test]
fn a_refused_write_leaves_no_entry() {
    let (mut store, _) = store_with_clock();
    let before = store.verify_log().unwrap();
    store
        .add_village(&input("621221101201", "重复村", true))
        .unwrap_err();
    assert_eq!(store.verify_log().unwrap(), before);
}

#[test]
fn the_clock_never_goes_back_even_when_the_laptop_clock_does() {
    let (mut store, clock) = store_with_clock();
    let a = store
        .add_village(&input("621221101228", "甲村", true))
        .unwrap();
    clock.set(DAY_MS - 86_400_000);
    let b = store
        .add_village(&input("621221101229", "乙村", true))
        .unwrap();
    let hlc_a = store.history("village", &a.id).unwrap()[0].hlc;
    let hlc_b = store.history("village", &b.id).unwrap()[0].hlc;
    assert!(hlc_b > hlc_a);
    assert_eq!(
        unpack(hlc_b).0,
        unpack(hlc_a).0,
        "held at the last wall time"
    );
}

#[test]
fn a_locked_record_refuses_edits_with_a_clear_error() {
    let (mut store, _) = store_with_clock();
    let village = store.list_villages(Some("621221101")).unwrap()[0].clone();
    let error = store
        .set_village_status(&village.id, Status::Locked)
        .unwrap_err();
    assert_eq!(error.code(), "RECORD_STATUS", "draft cannot jump to locked");
    store
        .set_village_status(&village.id, Status::Submitted)
        .unwrap();
    store
        .set_village_status(&village.id, Status::Locked)
        .unwrap();
    let error = store
        .update_village(&village.id, &input(&village.code, "改名村", true))
        .unwrap_err();
    assert_eq!(error.code(), "RECORD_LOCKED");
    assert!(error.to_string().contains("已被县里锁定"), "{error}");
    assert_eq!(store.village(&village.id).unwrap().name, village.name);
    let statuses: Vec<_> = store
        .history("village", &village.id)
        .unwrap()
        .iter()
        .filter_map(|e| e.fields.get("status").map(|(_, new)| new.clone()))
        .collect();
    assert_eq!(statuses, vec![json!("submitted"), json!("locked")]);
}

fn tampered(sql: &str) -> (i64, String) {
    let (_dir, path) = temp_db();
    {
        let mut store = Store::open(&path).unwrap();
        load_demo(&mut store).unwrap();
        assert_eq!(store.verify_log().unwrap().first_broken, None);
    }
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute_batch(sql)
        .unwrap();
    let broken = Store::open(&path)
        .unwrap()
        .verify_log()
        .unwrap()
        .first_broken
        .expect("tampering is detected");
    (broken.seq, broken.reason)
}

#[test]
fn the_chain_detects_an_edited_entry() {
    // seq 29 is the creation of 鸡峰镇长沟村 (five categories, 21 kinds, county, township, first
    // village).
    let (seq, reason) = tampered(
        "UPDATE change_log SET fields = replace(fields, '长沟村', '短沟村') WHERE seq = 29",
    );
    assert_eq!(seq, 29);
    assert!(reason.contains("被改动"), "{reason}");
    let (seq, _) = tampered("UPDATE change_log SET officer = '李四' WHERE seq = 20");
    assert_eq!(seq, 20);
}

#[test]
fn the_chain_detects_a_deleted_entry() {
    let (seq, reason) = tampered("DELETE FROM change_log WHERE seq = 30");
    assert_eq!(seq, 31);
    assert!(reason.contains("序号不连续"), "{reason}");
}

#[test]
fn the_chain_detects_a_deleted_last_entry_only_by_count_so_heads_are_compared() {
    // Removing the newest entry leaves a valid shorter chain: the head hash changes, which is
    // what a receipt or an earlier verify-log output pins.
    let (_dir, path) = temp_db();
    let head = {
        let mut store = Store::open(&path).unwrap();
        load_demo(&mut store).unwrap();
        store.verify_log().unwrap().head_hash
    };
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute_batch("DELETE FROM change_log WHERE seq = (SELECT max(seq) FROM change_log)")
        .unwrap();
    let check = Store::open(&path).unwrap().verify_log().unwrap();
    assert_eq!(check.first_broken, None);
    assert_ne!(check.head_hash, head);
}

#[test]
fn the_chain_detects_reordered_entries() {
    let (seq, _) = tampered(
        "UPDATE change_log SET seq = -1 WHERE seq = 40;
         UPDATE change_log SET seq = 40 WHERE seq = 41;
         UPDATE change_log SET seq = 41 WHERE seq = -1;",
    );
    assert_eq!(seq, 40);
}
