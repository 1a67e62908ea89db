//! Record lifecycle across the county and a laptop: a void reaches the county as a tombstone
//! with its reason; the county's lock reaches the laptop in the package and refuses edits and
//! voids there.

use fieldbook::domain::lifecycle::{RecordKind, RecordStatus};
use fieldbook::domain::operators::{OperatorInput, OperatorKind};
use fieldbook::store::entities::HOUSEHOLD;
use fieldbook::store::write::{self, Op};
use rusqlite::types::Value as SqlValue;
use serde_json::json;

use crate::sync::{export, get, import, village, Setup};

#[test]
fn a_void_on_the_laptop_reaches_the_county_as_a_tombstone_with_its_reason() {
    let mut s = Setup::new();
    s.device
        .void_record(RecordKind::Household, &s.h1, "重复登记，以李四户为准")
        .unwrap();
    let report = import(&mut s.county, &export(&mut s.device));
    assert!(report.refused.is_empty(), "{report:?}");

    let at_county = s.county.record_state(RecordKind::Household, &s.h1).unwrap();
    assert_eq!(at_county.status, RecordStatus::Voided);
    assert_eq!(
        at_county.void_reason.as_deref(),
        Some("重复登记，以李四户为准")
    );
    let last = s.county.history("household", &s.h1).unwrap().pop().unwrap();
    assert_eq!(last.op, "delete");
    assert_eq!(last.officer, "王芳");
    assert_eq!(last.fields["void_reason"].1, "重复登记，以李四户为准");
    // The other household is untouched.
    assert_eq!(get(&s.county_path(), &s.h2, "deleted_hlc"), json!(null));
}

#[test]
fn the_countys_lock_reaches_the_laptop_and_refuses_an_edit_and_a_void_there() {
    let mut s = Setup::new();
    s.device
        .submit_record(RecordKind::Household, &s.h1)
        .unwrap();
    let operator = s
        .device
        .add_operator(&OperatorInput {
            kind: OperatorKind::DemoShop,
            name: "成县鸡峰镇电商服务站".into(),
            credit_code: String::new(),
            person_in_charge: "王明".into(),
            phone: "13809390000".into(),
            village_id: Some(village("621221101201")),
            platform: "拼多多".into(),
            shop_url: String::new(),
        })
        .unwrap()
        .record
        .id;
    s.device
        .submit_record(RecordKind::Operator, &operator)
        .unwrap();
    let report = import(&mut s.county, &export(&mut s.device));
    assert!(report.refused.is_empty(), "{report:?}");

    for (kind, id) in [
        (RecordKind::Household, &s.h1),
        (RecordKind::Operator, &operator),
    ] {
        assert_eq!(
            s.county.record_state(kind, id).unwrap().status,
            RecordStatus::Submitted
        );
        s.county.lock_record(kind, id).unwrap();
    }
    let (package, _) = s.county.sync_package(s.device.device_id()).unwrap();
    s.device.sync_apply(&package).unwrap();

    for (kind, id) in [
        (RecordKind::Household, &s.h1),
        (RecordKind::Operator, &operator),
    ] {
        assert_eq!(
            s.device.record_state(kind, id).unwrap().status,
            RecordStatus::Locked,
            "{kind:?}"
        );
        let void = s.device.void_record(kind, id, "录入错误").unwrap_err();
        assert_eq!(void.code(), "RECORD_LOCKED");
    }
    // Setup's households carry test IDs, so the edit goes to the write path directly, as every
    // edit screen's save does in the end.
    let edit = s
        .device
        .write(|tx, w| {
            write::record(
                tx,
                w,
                &HOUSEHOLD,
                &s.h1,
                Op::Update,
                &[("phone", SqlValue::Text("13800000001".into()))],
            )
        })
        .unwrap_err();
    assert_eq!(edit.code(), "RECORD_LOCKED");
    assert!(edit.to_string().contains("锁定"), "{edit}");
    // The unlocked household may still be voided.
    s.device
        .void_record(RecordKind::Household, &s.h2, "已迁出")
        .unwrap();
}

#[test]
fn a_void_made_before_the_lock_arrives_is_refused_at_the_county() {
    let mut s = Setup::new();
    s.device
        .submit_record(RecordKind::Household, &s.h1)
        .unwrap();
    import(&mut s.county, &export(&mut s.device));
    s.county.lock_record(RecordKind::Household, &s.h1).unwrap();
    // The laptop has not had the package yet.
    s.device
        .void_record(RecordKind::Household, &s.h1, "录入错误")
        .unwrap();
    let report = import(&mut s.county, &export(&mut s.device));
    assert_eq!(report.refused.len(), 1, "{report:?}");
    assert_eq!(report.refused[0].code.as_str(), "RECORD_LOCKED");
    assert_eq!(
        s.county
            .record_state(RecordKind::Household, &s.h1)
            .unwrap()
            .status,
        RecordStatus::Locked
    );
}

#[test]
fn a_laptop_clock_at_the_clamp_cannot_move_a_locked_record_back_to_draft() {
    use fieldbook::store::hlc::ManualClock;
    use std::sync::Arc;
    let mut s = Setup::new();
    let now = crate::sync::now_ms();
    s.county.set_clock(Arc::new(ManualClock::at(now)));
    s.device.set_clock(Arc::new(ManualClock::at(now)));
    s.device
        .submit_record(RecordKind::Household, &s.h1)
        .unwrap();
    import(&mut s.county, &export(&mut s.device));
    s.county.lock_record(RecordKind::Household, &s.h1).unwrap();
    // The laptop, its clock 10 minutes ahead (the most the county takes unclamped) and without
    // the package, edits the submitted record (back to draft) and then writes `draft` itself.
    s.device
        .set_clock(Arc::new(ManualClock::at(now + 10 * 60 * 1000)));
    crate::sync::set(&mut s.device, &s.h1, "phone", json!("13900000000"));
    crate::sync::set(&mut s.device, &s.h1, "status", json!("draft"));
    let report = import(&mut s.county, &export(&mut s.device));
    assert!(report.clock.is_empty(), "not clamped: {report:?}");
    assert!(
        report
            .refused
            .iter()
            .all(|r| r.code.as_str() == "RECORD_LOCKED"),
        "{report:?}"
    );
    assert!(!report.refused.is_empty(), "{report:?}");
    assert_eq!(
        s.county
            .record_state(RecordKind::Household, &s.h1)
            .unwrap()
            .status,
        RecordStatus::Locked
    );
    assert_ne!(get(&s.county_path(), &s.h1, "phone"), json!("13900000000"));
}
