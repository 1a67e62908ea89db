//! Masked ID and phone numbers on public notices are a county setting (`county.notice_ids`):
//! off, a printed notice holds no ID or phone number, not even masked; on, every notice of the
//! county prints them masked; only the county changes it, and laptops get it in the package.

use std::process::Command;

use fieldbook::domain::notices::{NoticeEntry, NoticeInput, NoticePrivacy, NoticeSubject};
use fieldbook::print::FormKind;
use fieldbook::Store;

use crate::print::{demo_store, number_runs, pdf_text, samples_dir, save_and_read, squeezed};
use crate::sync::{county_at, device_at, T1};

fn valid_id() -> String {
    let first17 = "62122119800101123";
    format!(
        "{first17}{}",
        fieldbook::domain::resident_id::check_char(first17)
    )
}

fn notice() -> NoticeInput {
    NoticeInput {
        title: "关于鸡峰镇电商扶贫示范店验收结果的公示".into(),
        subject: NoticeSubject::AcceptanceResult,
        programme_id: None,
        issuer: "鸡峰镇人民政府".into(),
        places: vec!["长沟村村委会公示栏".into()],
        start_date: "2019-12-12".into(),
        end_date: "2019-12-22".into(),
        phone_local: "0939-3212317".into(),
        body: String::new(),
        has_list: false,
        entries: vec![
            NoticeEntry {
                name: "李秀英".into(),
                place: "长沟村三组".into(),
                benefit: "验收合格，补助 5400.00 元".into(),
                id_number: valid_id(),
                phone: "13893912345".into(),
            },
            NoticeEntry {
                name: "赵建军".into(),
                place: "长沟村一组".into(),
                benefit: "验收合格，补助 5400.00 元".into(),
                id_number: String::new(),
                phone: "15109391234".into(),
            },
        ],
    }
}

fn print_notice(store: &mut Store, id: &str, name: &str) -> String {
    let printed = store.print_form(FormKind::Notice, id).unwrap();
    squeezed(&save_and_read(name, &printed.pdf))
}

#[test]
fn off_by_default_a_notice_prints_no_number_at_all_and_on_it_prints_them_masked() {
    let (_dir, mut store) = demo_store();
    assert_eq!(store.notice_masking().unwrap(), NoticePrivacy::None);
    let id = store.add_notice(&notice()).unwrap().record.id;

    let off = print_notice(&mut store, &id, "notice-county-masking-off");
    assert!(
        off.contains("李秀英") && off.contains("长沟村三组"),
        "{off}"
    );
    assert!(number_runs(&off).is_empty(), "{:?}", number_runs(&off));
    assert!(!off.contains('*'), "no masked numbers either: {off}");
    assert!(!off.contains("身份证号") && !off.contains("联系电话"));
    let printed_off = store.print_form(FormKind::Notice, &id).unwrap().stamp.hash;

    let settings = store.set_notice_masking(NoticePrivacy::Masked).unwrap();
    assert_eq!(settings.notice_masking, NoticePrivacy::Masked);
    assert_eq!(store.notice(&id).unwrap().masking, NoticePrivacy::Masked);
    let on = print_notice(&mut store, &id, "notice-county-masking-on");
    let id_number = valid_id();
    assert!(
        on.contains(&format!("{}********{}", &id_number[..6], &id_number[14..])),
        "{on}"
    );
    assert!(
        on.contains("138****2345") && on.contains("151****1234"),
        "{on}"
    );
    assert!(number_runs(&on).is_empty(), "{:?}", number_runs(&on));
    // A paper printed before the change no longer matches what prints now.
    let check = store.verify_print(&printed_off).unwrap();
    assert_eq!(check.status, "older", "{check:?}");
    assert!(check.content_changed);

    // The change is on the county record's history, and off again prints no numbers.
    store.set_notice_masking(NoticePrivacy::None).unwrap();
    let again = print_notice(&mut store, &id, "notice-county-masking-off-again");
    assert!(!again.contains('*') && number_runs(&again).is_empty());
    let county = store.county().unwrap().unwrap();
    let history = store.history("county", &county.id).unwrap();
    assert!(history.len() >= 3, "created, on, off: {history:?}");
}

#[test]
fn the_county_sets_it_laptops_get_it_in_the_package_and_cannot_change_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut county = county_at(dir.path());
    county.set_notice_masking(NoticePrivacy::Masked).unwrap();
    let mut laptop = device_at(&mut county, &dir.path().join("laptop.db"), T1, "鸡峰镇王芳");
    assert_eq!(laptop.notice_masking().unwrap(), NoticePrivacy::Masked);
    let settings = laptop.county_settings().unwrap();
    assert!(!settings.can_change);
    let err = laptop.set_notice_masking(NoticePrivacy::None).unwrap_err();
    assert_eq!(
        (err.code().as_str(), err.field()),
        ("COUNTY_SETTING_DEVICE", Some("noticeMasking"))
    );
    assert_eq!(laptop.notice_masking().unwrap(), NoticePrivacy::Masked);
    // The laptop prints its notices the county's way.
    let id = laptop.add_notice(&notice()).unwrap().record.id;
    let printed = laptop.print_form(FormKind::Notice, &id).unwrap();
    let path = samples_dir().join("notice-laptop-masked.pdf");
    std::fs::write(&path, &printed.pdf).unwrap();
    assert!(squeezed(&pdf_text(&path)).contains("138****2345"));

    // The county turns it off; the next package brings that too.
    county.set_notice_masking(NoticePrivacy::None).unwrap();
    let (package, _) = county.sync_package(laptop.device_id()).unwrap();
    laptop.sync_apply(&package).unwrap();
    assert_eq!(laptop.notice_masking().unwrap(), NoticePrivacy::None);
    let printed = laptop.print_form(FormKind::Notice, &id).unwrap();
    std::fs::write(&path, &printed.pdf).unwrap();
    let text = squeezed(&pdf_text(&path));
    assert!(
        !text.contains('*') && number_runs(&text).is_empty(),
        "{text}"
    );
}

fn fieldbook(db: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_fieldbook"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("FIELDBOOK_DB")
        .output()
        .expect("run fieldbook")
}

#[test]
fn the_cli_shows_and_changes_the_setting_with_json_and_exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    let mut county = county_at(dir.path());
    let db = dir.path().join("county.db");
    let laptop_db = dir.path().join("laptop.db");
    drop(device_at(&mut county, &laptop_db, T1, "鸡峰镇王芳"));
    drop(county);

    let out = crate::succeeded(fieldbook(&db, &["county", "settings", "--json"]));
    let shown: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(shown["noticeMasking"], "none");
    assert_eq!(shown["canChange"], true);

    let out = crate::succeeded(fieldbook(
        &db,
        &["county", "settings", "--notice-masking", "on", "--json"],
    ));
    let changed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(changed["noticeMasking"], "masked");
    assert_eq!(
        Store::open(&db).unwrap().notice_masking().unwrap(),
        NoticePrivacy::Masked
    );

    let out = fieldbook(
        &laptop_db,
        &["county", "settings", "--notice-masking", "on", "--json"],
    );
    assert_eq!(out.status.code(), Some(1));
    let refused: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        refused["error"]["code"], "COUNTY_SETTING_DEVICE",
        "{refused}"
    );

    let out = fieldbook(&db, &["county", "settings", "--notice-masking", "maybe"]);
    assert_eq!(out.status.code(), Some(2));
}
