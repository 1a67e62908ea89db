//! The idle lock is a county setting (`county.idle_lock_minutes`, 15 unless set, 0 = never):
//! set on the hub or with `fieldbook county settings --idle-lock-minutes`, bounded to a working
//! day, sent to laptops in the reference package, and never changed on a laptop. Set here in
//! 托里县 (654224), not the demo county.

use fieldbook::domain::notices::NoticePrivacy;
use fieldbook::Store;

use crate::sync::device_at;

const TOWNSHIP: &str = "654224100";

/// 托里县's hub with one township, in `dir`.
fn tuoli_hub(dir: &std::path::Path) -> Store {
    let mut county = Store::open(&dir.join("county.db")).unwrap();
    county.set_officer("县办阿依古丽");
    county.create_county("654224", "托里县").unwrap();
    county.add_township(TOWNSHIP, "托里镇").unwrap();
    county.county_init().unwrap();
    county
}

#[test]
fn the_county_sets_it_and_laptops_receive_it_but_cannot_change_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut county = tuoli_hub(dir.path());
    assert_eq!(county.county_settings().unwrap().idle_lock_minutes, 15);
    assert_eq!(
        county.set_idle_lock_minutes(5).unwrap().idle_lock_minutes,
        5
    );
    let mut laptop = device_at(
        &mut county,
        &dir.path().join("laptop.db"),
        TOWNSHIP,
        "托里镇马强",
    );
    assert_eq!(laptop.idle_lock_minutes().unwrap(), 5);

    let refused = laptop.set_idle_lock_minutes(0).unwrap_err();
    assert_eq!(
        (refused.code().as_str(), refused.field()),
        ("COUNTY_SETTING_DEVICE", Some("idleLockMinutes"))
    );
    assert!(refused.to_string().contains("无操作自动锁定"), "{refused}");
    assert_eq!(laptop.idle_lock_minutes().unwrap(), 5);

    // 0 (never) travels like any other value.
    county.set_idle_lock_minutes(0).unwrap();
    let (package, _) = county.sync_package(laptop.device_id()).unwrap();
    laptop.sync_apply(&package).unwrap();
    assert_eq!(laptop.idle_lock_minutes().unwrap(), 0);
}

#[test]
fn more_than_a_working_day_is_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let mut county = tuoli_hub(dir.path());
    let id = county.county().unwrap().unwrap().id;
    let changes = county.history("county", &id).unwrap().len();
    let refused = county.set_idle_lock_minutes(481).unwrap_err();
    assert_eq!(
        (refused.code().as_str(), refused.field()),
        ("COUNTY_IDLE_LOCK", Some("idleLockMinutes"))
    );
    assert!(refused.to_string().contains("481"), "{refused}");
    assert_eq!(county.history("county", &id).unwrap().len(), changes);
    assert_eq!(county.idle_lock_minutes().unwrap(), 15);
    assert_eq!(
        county.set_idle_lock_minutes(480).unwrap().idle_lock_minutes,
        480
    );
}

#[test]
fn the_cli_sets_it_and_a_refusal_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    drop(tuoli_hub(dir.path()));
    let db = dir.path().join("county.db");
    let cli = |args: &[&str]| crate::fieldbook_cli(&db, "县办阿依古丽", args, None);

    let out = crate::succeeded(cli(&[
        "county",
        "settings",
        "--idle-lock-minutes",
        "30",
        "--json",
    ]));
    let shown: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(shown["idleLockMinutes"], 30);

    let out = crate::succeeded(cli(&["county", "settings"]));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("30 分钟无人操作后自动锁定"), "{text}");

    // Both settings at once, the lock out of range: neither is written.
    let out = cli(&[
        "county",
        "settings",
        "--notice-masking",
        "on",
        "--idle-lock-minutes",
        "600",
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let refused: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(refused["error"]["code"], "COUNTY_IDLE_LOCK", "{refused}");
    let store = Store::open(&db).unwrap();
    assert_eq!(store.idle_lock_minutes().unwrap(), 30);
    assert_eq!(store.notice_masking().unwrap(), NoticePrivacy::None);
}
