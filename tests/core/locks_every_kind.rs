//! The county's lock holds for every record kind a laptop writes: for each kind with a status
//! (not the county's own reference data or fund records, which a laptop never writes, nor
//! append-only ledger entries, which are never edited), a record the county locked (accepted)
//! is not moved back to draft — nor edited — by a laptop that has not had the package yet,
//! whatever its clock says (tested at the +10 minute clamp): every such change is refused
//! `RECORD_LOCKED` and the county's record stays locked.

use std::sync::Arc;

use fieldbook::demo::demo_id;
use fieldbook::domain::notices::{NoticeInput, NoticeSubject, ObjectionInput};
use fieldbook::store::entities::ENTITIES;
use fieldbook::store::hlc::ManualClock;
use fieldbook::store::write::Op;
use fieldbook::sync::sql::township::COUNTY_SCOPE_KINDS;
use fieldbook::Store;
use rusqlite::types::Value as SqlValue;
use rusqlite::Connection;

use crate::sync::{export, import, now_ms, T1};
use crate::township_boundary::{entity, find, put};

fn status(conn: &Connection, table: &str, id: &str) -> String {
    conn.query_row(
        &format!("SELECT status FROM {table} WHERE id = ?1"),
        [id],
        |r| r.get(0),
    )
    .unwrap()
}

#[test]
fn no_laptop_moves_a_record_the_county_locked_back_to_draft_in_any_kind() {
    let dir = tempfile::tempdir().unwrap();
    let (county_path, laptop_path) = (dir.path().join("county.db"), dir.path().join("laptop.db"));
    let now = now_ms();
    let mut county = Store::open(&county_path).unwrap();
    fieldbook::demo::load_demo(&mut county).unwrap();
    county.county_init().unwrap();
    county.set_clock(Arc::new(ManualClock::at(now)));
    let mut laptop = Store::open(&laptop_path).unwrap();
    fieldbook::demo::load_demo(&mut laptop).unwrap();
    let (request, _) = laptop.device_request().unwrap();
    let (answer, _) = county.county_enroll(&request, T1).unwrap();
    laptop.device_enroll(&answer).unwrap();
    laptop.set_clock(Arc::new(ManualClock::at(now)));
    // A notice of the laptop's own, with an objection: the demo's notices are the county's.
    let notice = laptop
        .add_notice(&NoticeInput {
            title: "关于鸡峰镇2019年电商培训学员名单的公示".into(),
            subject: NoticeSubject::TraineeRoster,
            programme_id: None,
            issuer: "鸡峰镇人民政府".into(),
            places: vec!["鸡峰镇公示栏".into()],
            start_date: "2019-08-12".into(),
            end_date: "2019-08-22".into(),
            phone_local: "0939-3299001".into(),
            body: String::new(),
            has_list: false,
            entries: vec![],
        })
        .unwrap()
        .record
        .id;
    laptop
        .save_objection(&ObjectionInput {
            notice_id: notice.clone(),
            id: None,
            received_date: "2019-08-15".into(),
            objector: "村民".into(),
            content: "名单有误".into(),
            handling: String::new(),
            handled_date: None,
        })
        .unwrap();
    let first = import(&mut county, &export(&mut laptop));
    assert!(first.refused.is_empty(), "{:?}", first.refused);

    let conn = Connection::open(&county_path).unwrap();
    let own = demo_id("township", T1);
    let lockable: Vec<&str> = ENTITIES
        .iter()
        .filter(|e| {
            e.columns.contains(&"status")
                && !e.append_only
                && !e.name.starts_with("fund_")
                // The county's call-back samples and calls (F11): written on the hub only.
                && !e.name.starts_with("callback_")
                && !["township", "village"].contains(&e.name)
                && !COUNTY_SCOPE_KINDS.iter().any(|(k, _)| *k == e.name)
        })
        .map(|e| e.name)
        .collect();
    assert_eq!(
        lockable,
        [
            "household",
            "operator",
            "agreement",
            "roster",
            "inspection",
            "inspection_photo",
            "training_session",
            "attendance",
            "notice",
            "notice_objection",
            "household_member",
            "station_month",
        ]
    );
    let mut locked = Vec::new();
    for name in &lockable {
        // The demo holds no inspection photo, member or station month of the township.
        let Some(id) = find(&conn, name, &own, true) else {
            continue;
        };
        put(
            &mut county,
            entity(name),
            &id,
            Op::Update,
            &[("status", SqlValue::Text("locked".into()))],
        );
        locked.push((*name, id));
    }
    let kinds: Vec<&str> = locked.iter().map(|(name, _)| *name).collect();
    assert!(kinds.len() >= 9, "{kinds:?}");
    assert!(
        kinds.contains(&"notice") && kinds.contains(&"notice_objection"),
        "{kinds:?}"
    );

    // The laptop, its clock 10 minutes ahead (the most the county takes unclamped) and without
    // the package, submits each record and moves it back to draft.
    laptop.set_clock(Arc::new(ManualClock::at(now + 10 * 60 * 1000)));
    for (name, id) in &locked {
        for status in ["submitted", "draft"] {
            put(
                &mut laptop,
                entity(name),
                id,
                Op::Update,
                &[("status", SqlValue::Text(status.into()))],
            );
        }
    }
    let report = import(&mut county, &export(&mut laptop));
    assert!(report.clock.is_empty(), "not clamped: {:?}", report.clock);
    for (name, id) in &locked {
        assert_eq!(status(&conn, entity(name).table, id), "locked", "{name}");
        let refusals: Vec<&str> = report
            .refused
            .iter()
            .filter(|r| r.record_id == *id)
            .map(|r| r.code.as_str())
            .collect();
        // One refusal per change the laptop logged (a record already submitted there logs only
        // the move back to draft).
        assert!(!refusals.is_empty(), "{name}");
        assert!(
            refusals.iter().all(|c| *c == "RECORD_LOCKED"),
            "{name}: {refusals:?}"
        );
    }
    assert!(
        report
            .refused
            .iter()
            .all(|r| r.code.as_str() == "RECORD_LOCKED"),
        "{:?}",
        report.refused
    );
}
