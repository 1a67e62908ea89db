//! A stuck laptop's refused new record corrected rather than voided, in a second county (托里县):
//! an older laptop registered a household (and a member of it) in a village of the other
//! township. The county refuses both, names both in its receipt (the member as the child of a
//! refused record), and the laptop lists both. The officer moves the household back into a
//! village of the laptop's township; the list empties; the next batch imports the household as
//! corrected and its member with it, and everything is acknowledged.

use fieldbook::store::entities::HOUSEHOLD_MEMBER;
use fieldbook::store::write::Op;
use fieldbook::Store;
use rusqlite::types::Value as SqlValue;
use rusqlite::Connection;

use crate::county::{tori, TORI_TOWN, TORI_TOWN_2};
use crate::sync::{add_household, export};
use crate::township_boundary::{as_older_laptop, copy_village, put};

const MEMBER: &str = "00000000-0000-4000-9000-700000000001";

#[test]
fn a_refused_new_record_and_its_children_import_once_moved_back_into_the_township() {
    let dir = tempfile::tempdir().unwrap();
    let (county_path, laptop_path) = (dir.path().join("county.db"), dir.path().join("laptop.db"));
    let mut county = tori(Some(&county_path));
    county.county_init().unwrap();
    let mut laptop = Store::open(&laptop_path).unwrap();
    laptop.save_officer("托里镇干部").unwrap();
    let (request, _) = laptop.device_request().unwrap();
    let (answer, _) = county.county_enroll(&request, TORI_TOWN).unwrap();
    laptop.device_enroll(&answer).unwrap();
    let (package, _) = county.sync_package(laptop.device_id()).unwrap();
    laptop.sync_apply(&package).unwrap();

    let home = county.list_villages(Some(TORI_TOWN)).unwrap().remove(0).id;
    let other_township = county
        .list_townships()
        .unwrap()
        .into_iter()
        .find(|t| t.code == TORI_TOWN_2)
        .unwrap()
        .id;
    let away = county
        .list_villages(Some(TORI_TOWN_2))
        .unwrap()
        .remove(0)
        .id;
    let away = copy_village(
        &mut laptop,
        &laptop_path,
        &county_path,
        &other_township,
        &away,
    );
    let stray = as_older_laptop(&mut laptop, &laptop_path, |laptop| {
        let stray = add_household(laptop, &away, "阿力木", "654224198001010011");
        put(
            laptop,
            &HOUSEHOLD_MEMBER,
            MEMBER,
            Op::Create,
            &[
                ("household_id", SqlValue::Text(stray.clone())),
                ("name", SqlValue::Text("阿依古丽".into())),
                ("id_number", SqlValue::Text("654224201001010026".into())),
                ("relation", SqlValue::Text("child".into())),
                ("sex", SqlValue::Text("female".into())),
                ("birth_date", SqlValue::Text("2010-01-01".into())),
            ],
        );
        stray
    });

    let first = county.import_batch(&export(&mut laptop), false).unwrap();
    assert_eq!(first.report.outcome, "applied", "{:#?}", first.report);
    let named: Vec<(&str, &str, &str)> = first
        .report
        .refused
        .iter()
        .map(|r| (r.entity.as_str(), r.record_id.as_str(), r.code.as_str()))
        .collect();
    assert_eq!(
        named,
        [
            ("household", stray.as_str(), "SYNC_OTHER_TOWNSHIP"),
            ("household_member", MEMBER, "SYNC_OTHER_TOWNSHIP"),
        ]
    );
    let county_conn = Connection::open(&county_path).unwrap();
    let count = |table: &str, id: &str| -> i64 {
        county_conn
            .query_row(
                &format!("SELECT count(*) FROM {table} WHERE id = ?1"),
                [id],
                |r| r.get(0),
            )
            .unwrap()
    };
    assert_eq!(count("household", &stray), 0);
    assert_eq!(count("household_member", MEMBER), 0);

    // The laptop lists both: the household to void or correct, the member under it.
    laptop.sync_apply(&first.receipt.unwrap()).unwrap();
    let listed: Vec<(String, String)> = laptop
        .sync_refused()
        .unwrap()
        .into_iter()
        .map(|r| (r.entity, r.op))
        .collect();
    assert_eq!(
        listed,
        [
            ("household".to_string(), "create".to_string()),
            ("household_member".to_string(), "create".to_string()),
        ]
    );
    let out = crate::fieldbook_cli(&laptop_path, "托里镇干部", &["sync", "refused"], None);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        text.contains("作废") && text.contains("改到本乡镇的村"),
        "{text}"
    );

    // Corrected: moved into a village of the laptop's own township (an ordinary write).
    crate::sync::set(&mut laptop, &stray, "village_id", serde_json::json!(home));
    assert_eq!(laptop.sync_refused().unwrap(), vec![]);

    let second = county.import_batch(&export(&mut laptop), false).unwrap();
    assert_eq!(second.report.outcome, "applied", "{:#?}", second.report);
    assert!(
        second.report.refused.is_empty(),
        "{:?}",
        second.report.refused
    );
    assert_eq!(second.report.entities["household"].new, 1);
    assert_eq!(second.report.entities["household_member"].new, 1);
    let (village, head): (String, String) = county_conn
        .query_row(
            "SELECT village_id, head_name FROM household WHERE id = ?1",
            [&stray],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((village.as_str(), head.as_str()), (home.as_str(), "阿力木"));
    assert_eq!(count("household_member", MEMBER), 1);
    let status = laptop.sync_apply(&second.receipt.unwrap()).unwrap();
    let device = laptop.sync_status().unwrap();
    assert_eq!(status.acked_seq, device.head_seq, "everything acknowledged");
    assert!(device.pending.is_empty(), "{:?}", device.pending);
    // The county's log verifies with the corrected records in it.
    county.verify_log().unwrap();
}
