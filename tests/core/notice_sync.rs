//! Notices and their objections at the county: merged field by field by their reviewed classes
//! (a posted notice's text is REVIEW, an objector's name LWW, the old privacy column
//! COUNTY_ONLY; an objection's handling REVIEW), and kept to the township of the laptop that
//! made them (a notice names no place: it lies where its device is enrolled, and an objection
//! follows its notice).

use fieldbook::domain::notices::{NoticeInput, NoticeSubject, ObjectionInput};
use fieldbook::store::entities::{NOTICE, NOTICE_OBJECTION};
use fieldbook::store::write::Op;
use rusqlite::types::Value as SqlValue;
use rusqlite::Connection;

use crate::sync::{device_at, export, import, Setup, T2};
use crate::township_boundary::{as_older_laptop, put, row};

fn notice(issuer: &str) -> NoticeInput {
    NoticeInput {
        title: format!("关于{issuer}2019年电商培训学员名单的公示"),
        subject: NoticeSubject::TraineeRoster,
        programme_id: None,
        issuer: issuer.into(),
        places: vec![format!("{issuer}公示栏")],
        start_date: "2019-08-12".into(),
        end_date: "2019-08-22".into(),
        phone_local: "0939-3299001".into(),
        body: String::new(),
        has_list: false,
        entries: vec![],
    }
}

fn objection(notice_id: &str) -> ObjectionInput {
    ObjectionInput {
        notice_id: notice_id.into(),
        id: None,
        received_date: "2019-08-15".into(),
        objector: "村民".into(),
        content: "名单中有人未参加培训".into(),
        handling: String::new(),
        handled_date: None,
    }
}

fn text(conn: &Connection, table: &str, id: &str, column: &str) -> String {
    conn.query_row(
        &format!("SELECT {column} FROM {table} WHERE id = ?1"),
        [id],
        |r| r.get(0),
    )
    .unwrap()
}

#[test]
fn a_laptops_edits_of_a_notice_and_an_objection_merge_by_their_field_classes() {
    let mut s = Setup::new();
    let n = s
        .device
        .add_notice(&notice("鸡峰镇人民政府"))
        .unwrap()
        .record
        .id;
    let o = s.device.save_objection(&objection(&n)).unwrap().objections[0]
        .id
        .clone();
    let first = import(&mut s.county, &export(&mut s.device));
    assert!(first.refused.is_empty(), "{first:?}");
    assert_eq!(first.entities["notice"].new, 1);
    assert_eq!(first.entities["notice_objection"].new, 1);

    // The county corrects the notice's title and records its own handling of the objection.
    let county_title = "关于鸡峰镇2019年电商培训学员名单的公示（更正）";
    put(
        &mut s.county,
        &NOTICE,
        &n,
        Op::Update,
        &[("title", SqlValue::Text(county_title.into()))],
    );
    let county_handling = "经县里核实，异议不成立";
    put(
        &mut s.county,
        &NOTICE_OBJECTION,
        &o,
        Op::Update,
        &[("handling", SqlValue::Text(county_handling.into()))],
    );
    // The laptop, without the county's package, edits the same fields from its own values
    // (REVIEW), the objector (LWW) and the old privacy column (COUNTY_ONLY).
    put(
        &mut s.device,
        &NOTICE,
        &n,
        Op::Update,
        &[
            (
                "title",
                SqlValue::Text("关于鸡峰镇电商培训名单的公示".into()),
            ),
            ("privacy", SqlValue::Text("masked".into())),
        ],
    );
    put(
        &mut s.device,
        &NOTICE_OBJECTION,
        &o,
        Op::Update,
        &[
            ("handling", SqlValue::Text("乡里核实，异议成立".into())),
            ("objector", SqlValue::Text("村民张某".into())),
        ],
    );
    let second = import(&mut s.county, &export(&mut s.device));
    let county = Connection::open(s.county_path()).unwrap();
    assert_eq!(
        text(&county, "notice", &n, "title"),
        county_title,
        "REVIEW keeps the county's"
    );
    assert_eq!(
        text(&county, "notice", &n, "privacy"),
        "none",
        "COUNTY_ONLY ignored"
    );
    assert_eq!(
        text(&county, "notice_objection", &o, "handling"),
        county_handling
    );
    assert_eq!(
        text(&county, "notice_objection", &o, "objector"),
        "村民张某",
        "LWW applied"
    );
    let open: Vec<(String, String)> = s
        .county
        .sync_conflicts(false)
        .unwrap()
        .into_iter()
        .map(|c| (c.entity, c.field))
        .collect();
    assert!(
        open.contains(&("notice".into(), "title".into())),
        "{open:?}"
    );
    assert!(
        open.contains(&("notice_objection".into(), "handling".into())),
        "{open:?}"
    );
    assert!(
        !open.iter().any(|(_, f)| f == "privacy" || f == "objector"),
        "{open:?}"
    );
    assert!(
        second
            .refused
            .iter()
            .all(|r| r.code.as_str() == "SYNC_COUNTY_ONLY_FIELD"
                && r.field.as_deref() == Some("privacy")),
        "{second:?}"
    );
}

/// A notice lies in the township of the laptop that made it: another township's laptop (an
/// older version, without its own check) that edits it, or files an objection under it, is
/// refused (`SYNC_OTHER_TOWNSHIP`) and nothing of it is written.
#[test]
fn a_notice_and_its_objections_stay_in_the_township_of_the_laptop_that_made_it() {
    let mut s = Setup::new();
    let laptop_path = s.dir.path().join("laptop.db");
    let mut other = device_at(&mut s.county, &s.dir.path().join("t2.db"), T2, "宋坪乡干部");
    let theirs = other
        .add_notice(&notice("宋坪乡人民政府"))
        .unwrap()
        .record
        .id;
    let report = import(&mut s.county, &export(&mut other));
    assert!(report.refused.is_empty(), "{report:?}");

    let county = Connection::open(s.county_path()).unwrap();
    let copy = row(&county, &NOTICE, &theirs);
    let stray_objection = "00000000-0000-4000-9000-800000000001";
    as_older_laptop(&mut s.device, &laptop_path, |laptop| {
        put(laptop, &NOTICE, &theirs, Op::Create, &copy);
        put(
            laptop,
            &NOTICE,
            &theirs,
            Op::Update,
            &[("title", SqlValue::Text("改过的标题".into()))],
        );
        put(
            laptop,
            &NOTICE_OBJECTION,
            stray_objection,
            Op::Create,
            &[
                ("notice_id", SqlValue::Text(theirs.clone())),
                ("received_date", SqlValue::Text("2019-08-15".into())),
                ("objector", SqlValue::Text("村民".into())),
                ("content", SqlValue::Text("异议".into())),
            ],
        );
    });
    let own = s
        .device
        .add_notice(&notice("鸡峰镇人民政府"))
        .unwrap()
        .record
        .id;
    let result = s
        .county
        .import_batch(&export(&mut s.device), false)
        .unwrap();
    let refused: Vec<(&str, &str, &str)> = result
        .report
        .refused
        .iter()
        .map(|r| (r.entity.as_str(), r.record_id.as_str(), r.code.as_str()))
        .collect();
    assert_eq!(
        refused,
        [
            ("notice", theirs.as_str(), "SYNC_OTHER_TOWNSHIP"),
            ("notice_objection", stray_objection, "SYNC_OTHER_TOWNSHIP"),
        ]
    );
    assert_eq!(
        text(&county, "notice", &theirs, "title"),
        copy[0].1.clone().text()
    );
    let objections: i64 = county
        .query_row(
            "SELECT count(*) FROM notice_objection WHERE id = ?1",
            [stray_objection],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(objections, 0);
    assert_eq!(
        text(&county, "notice", &own, "issuer"),
        "鸡峰镇人民政府",
        "its own notice taken"
    );
}

trait Text {
    fn text(self) -> String;
}

impl Text for SqlValue {
    fn text(self) -> String {
        match self {
            SqlValue::Text(t) => t,
            other => panic!("{other:?}"),
        }
    }
}
