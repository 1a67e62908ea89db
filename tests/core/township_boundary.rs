//! The township boundary: the county refuses every change that would create, edit, move or
//! delete a record of another township (checked on the record as it was and as the change
//! leaves it, through every column naming a place or a parent); an enrolled laptop refuses to
//! put a record outside its township itself; and a laptop whose older version did so recovers
//! (the receipt names the refused records, the officer voids or corrects them, the next batch
//! imports).

use std::collections::BTreeSet;
use std::path::Path;

use fieldbook::demo::demo_id;
use fieldbook::domain::lifecycle::RecordKind;
use fieldbook::store::entities::{
    Entity, CALLBACK_CALL, CALLBACK_SAMPLE, ENTITIES, FINDING, HOUSEHOLD, HOUSEHOLD_MEMBER,
    INSPECTION_PHOTO, STATION_MONTH, TOWNSHIP, VILLAGE,
};
use fieldbook::store::write::{self, Op};
use fieldbook::sync::sql::township::{
    townships_of, COUNTY_SCOPE_COLUMNS, COUNTY_SCOPE_KINDS, ORIGIN_SCOPED, PLACE_COLUMNS,
};
use fieldbook::Store;
use rusqlite::types::Value as SqlValue;
use rusqlite::Connection;

use crate::sync::{add_household, export, import, village, Setup, T1, T2};

/// Runs `f` as a laptop of a version before the township check would write: the check reads
/// the device's sync mode at every write, so for the while the mode reads as none.
pub(crate) fn as_older_laptop<T>(
    laptop: &mut Store,
    path: &Path,
    f: impl FnOnce(&mut Store) -> T,
) -> T {
    let conn = Connection::open(path).unwrap();
    let set_mode = |mode: &str| {
        conn.execute("UPDATE sync_meta SET value = ?1 WHERE key = 'mode'", [mode])
            .unwrap()
    };
    assert_eq!(set_mode("none"), 1);
    let out = f(laptop);
    assert_eq!(set_mode("device"), 1);
    out
}

pub(crate) fn entity(name: &str) -> &'static Entity {
    ENTITIES.iter().copied().find(|e| e.name == name).unwrap()
}

/// Every column of the record, as the write path takes it.
pub(crate) fn row(conn: &Connection, entity: &Entity, id: &str) -> Vec<(&'static str, SqlValue)> {
    let sql = format!(
        "SELECT {} FROM {} WHERE id = ?1",
        entity.columns.join(", "),
        entity.table
    );
    conn.query_row(&sql, [id], |r| {
        entity
            .columns
            .iter()
            .enumerate()
            .map(|(i, c)| Ok((*c, r.get::<_, SqlValue>(i)?)))
            .collect()
    })
    .unwrap()
}

/// A copy of a record to create under a new id: `place` answers a new value for a column (a
/// place or parent elsewhere); unique values are made new from `n`.
fn copy(
    conn: &Connection,
    entity: &Entity,
    id: &str,
    n: usize,
    place: impl Fn(&str) -> Option<String>,
) -> Vec<(&'static str, SqlValue)> {
    row(conn, entity, id)
        .into_iter()
        .map(|(c, v)| match (c, place(c)) {
            (c, Some(elsewhere)) => (c, SqlValue::Text(elsewhere)),
            ("id_number", _) => (c, SqlValue::Text(format!("62122119800101{n:04}"))),
            ("id_number_rev", _) => (c, SqlValue::Text(format!("{n:04}10108911221226"))),
            ("number" | "code", _) => (c, SqlValue::Text(format!("999{n:09}"))),
            // A finding's key is unique (`finding.key`): each copy its own.
            ("key", _) => (c, SqlValue::Text(format!("F1_ID_INVALID-copy{n}"))),
            // One station month per station and month: each copy its own month.
            ("month", _) => (
                c,
                SqlValue::Text(format!("{}-{:02}", 2030 + n / 12, n % 12 + 1)),
            ),
            ("reverses_id", _) => (c, SqlValue::Null),
            ("programme_id", _) if entity.name == "fund_award" => {
                (c, SqlValue::Text(apart(conn, entity, id, 0).unwrap()))
            }
            _ => (c, v),
        })
        .collect()
}

/// One award per operator and programme (`fund_award_one_per_operator`), and the demo awards
/// every shop of its programme: an award copied or moved to another operator is made one of
/// the `k`-th other programme, so the laptop can write it and the county's refusal is tested.
fn apart(conn: &Connection, entity: &Entity, id: &str, k: usize) -> Option<String> {
    if entity.name != "fund_award" {
        return None;
    }
    let own: String = conn
        .query_row(
            "SELECT programme_id FROM fund_award WHERE id = ?1",
            [id],
            |r| r.get(0),
        )
        .unwrap();
    let others: Vec<String> = conn
        .prepare("SELECT id FROM programme WHERE id <> ?1 ORDER BY id")
        .unwrap()
        .query_map([&own], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    Some(others[k].clone())
}

/// An update setting `column` to `value` (and the award's programme apart, see `apart`).
fn moved(
    conn: &Connection,
    entity: &Entity,
    id: &str,
    column: &'static str,
    value: String,
    k: usize,
) -> Vec<(&'static str, SqlValue)> {
    let mut values = vec![(column, SqlValue::Text(value))];
    if let Some(programme) = apart(conn, entity, id, k) {
        values.push(("programme_id", SqlValue::Text(programme)));
    }
    values
}

pub(crate) fn put(
    store: &mut Store,
    entity: &'static Entity,
    id: &str,
    op: Op,
    values: &[(&str, SqlValue)],
) {
    store
        .write(|tx, w| {
            write::record(tx, w, entity, id, op, values)?;
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{} {id} {op:?}: {e}", entity.name));
}

/// A live, unlocked record of `entity` lying wholly in `township` (`inside`) or wholly outside
/// it (a township is its own).
pub(crate) fn find(
    conn: &Connection,
    entity: &str,
    township: &str,
    inside: bool,
) -> Option<String> {
    let lies = |townships: Vec<String>| {
        if inside {
            townships == [township]
        } else {
            !townships.is_empty() && !townships.iter().any(|t| t == township)
        }
    };
    if entity == "township" {
        let ids: Vec<String> = conn
            .prepare("SELECT id FROM township ORDER BY code")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        return ids.into_iter().find(|id| lies(vec![id.clone()]));
    }
    let e = self::entity(entity);
    let locked = if e.columns.contains(&"status") {
        "AND status <> 'locked'"
    } else {
        ""
    };
    let reversal = if entity == "ledger_entry" {
        // An entry not reversed yet and not itself a reversal (each is reversed at most once).
        "AND reverses_id IS NULL AND id NOT IN
             (SELECT reverses_id FROM ledger_entry WHERE reverses_id IS NOT NULL)"
    } else {
        ""
    };
    let ids: Vec<String> = conn
        .prepare(&format!(
            "SELECT id FROM {} WHERE deleted_hlc IS NULL {locked} {reversal} ORDER BY id",
            e.table
        ))
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    ids.into_iter()
        .find(|id| lies(townships_of(conn, entity, id).unwrap()))
}

/// Every record table, row by row: what a refused batch must leave as it was.
fn records(path: &Path) -> String {
    let conn = Connection::open(path).unwrap();
    let mut out = String::new();
    for e in ENTITIES {
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM {} ORDER BY id", e.table))
            .unwrap();
        let n = stmt.column_count();
        let mut rows = stmt.query([]).unwrap();
        while let Some(r) = rows.next().unwrap() {
            let values: Vec<String> = (0..n)
                .map(|i| format!("{:?}", r.get::<_, SqlValue>(i).unwrap()))
                .collect();
            out += &format!("{}: {}\n", e.name, values.join("|"));
        }
    }
    out
}

#[test]
fn every_column_naming_a_place_or_a_parent_is_followed_to_a_township() {
    // Columns naming a record of county scope (the county, a programme) or a notice (notices
    // name no place: `places` is where a notice is posted, in words) lead to no township.
    let county_scope = COUNTY_SCOPE_COLUMNS;
    let mut missing = Vec::new();
    for e in ENTITIES {
        let listed = PLACE_COLUMNS.iter().find(|(name, _)| *name == e.name);
        for column in e.columns.iter().filter(|c| c.ends_with("_id")) {
            let covered = listed.is_some_and(|(_, cols)| cols.iter().any(|(c, _)| c == column));
            let scope = county_scope.contains(column)
                && !(e.name == "inspection_photo" && *column == "inspection_id");
            if !covered && !scope {
                missing.push(format!("{}.{column}", e.name));
            }
        }
    }
    assert_eq!(missing, Vec::<String>::new(), "not followed to a township");
    // Every record kind lies in a township one way or another, or is declared county-scope
    // with its reason: none is left where the check would find no township by omission.
    let unplaced: Vec<&str> = ENTITIES
        .iter()
        .map(|e| e.name)
        .filter(|name| {
            *name != "township"
                && !PLACE_COLUMNS.iter().any(|(n, _)| n == name)
                && !ORIGIN_SCOPED.contains(name)
                && !COUNTY_SCOPE_KINDS
                    .iter()
                    .any(|(n, why)| n == name && !why.is_empty())
        })
        .collect();
    assert_eq!(unplaced, Vec::<&str>::new(), "no township and no reason");
    for (name, columns) in PLACE_COLUMNS {
        let e = entity(name);
        for (column, parent) in *columns {
            assert!(e.columns.contains(column), "{name}.{column}");
            assert!(ENTITIES.iter().any(|p| p.name == *parent), "{parent}");
        }
    }
}

/// Kinds under a notice, which lies in the township of the laptop that made it: the demo's
/// notices were made by no enrolled laptop, so they are tested apart (`notice_sync.rs`).
const UNDER_A_NOTICE: &[&str] = &["notice_objection"];

/// The demo county on both sides (same ids everywhere), the laptop enrolled for 鸡峰镇: for each
/// record kind and each column naming a place or a parent, an older laptop (without its own
/// check) moves a record of its township out, creates one outside, moves one of another
/// township in, and edits and deletes another township's record. The county refuses every one
/// of these changes (`SYNC_OTHER_TOWNSHIP`), writes none of them, and names each in its receipt.
#[test]
fn no_batch_creates_moves_edits_or_deletes_a_record_of_another_township() {
    let dir = tempfile::tempdir().unwrap();
    let (county_path, laptop_path) = (dir.path().join("county.db"), dir.path().join("laptop.db"));
    let mut county = Store::open(&county_path).unwrap();
    fieldbook::demo::load_demo(&mut county).unwrap();
    county.county_init().unwrap();
    let mut laptop = Store::open(&laptop_path).unwrap();
    fieldbook::demo::load_demo(&mut laptop).unwrap();
    let conn = Connection::open(&county_path).unwrap();
    let own = demo_id("township", T1);
    let mut n = 0;
    // The demo has no inspection photo: one of the township's, on both sides.
    let photo_id = "00000000-0000-4000-9000-000000000000";
    let inspection = find(&conn, "inspection", &own, true).unwrap();
    for store in [&mut county, &mut laptop] {
        let bytes = b"photo";
        let sha = fieldbook::digest::sha256_hex(bytes);
        store
            .write(|tx, w| {
                fieldbook::store::attachments::put(tx, &sha, "image/jpeg", "a.jpg", bytes)?;
                write::record(
                    tx,
                    w,
                    &INSPECTION_PHOTO,
                    photo_id,
                    Op::Create,
                    &[
                        ("inspection_id", SqlValue::Text(inspection.clone())),
                        ("sha256", SqlValue::Text(sha.clone())),
                    ],
                )?;
                Ok(())
            })
            .unwrap();
    }
    // The demo has no household member either: one of a household of the township, on both
    // sides.
    let household = find(&conn, "household", &own, true).unwrap();
    let member = [
        ("household_id", SqlValue::Text(household)),
        ("name", SqlValue::Text("成员甲".into())),
        ("id_number", SqlValue::Text("621221201001010017".into())),
        ("relation", SqlValue::Text("child".into())),
        ("sex", SqlValue::Text("male".into())),
        ("birth_date", SqlValue::Text("2010-01-01".into())),
    ];
    for store in [&mut county, &mut laptop] {
        let id = "00000000-0000-4000-9000-100000000000";
        put(store, &HOUSEHOLD_MEMBER, id, Op::Create, &member);
    }
    // The demo has no station month: one for an operator of the township, on both sides (the
    // boundary follows its operator, whatever the operator's kind).
    let station = find(&conn, "operator", &own, true).unwrap();
    for store in [&mut county, &mut laptop] {
        store
            .write(|tx, w| {
                write::record(
                    tx,
                    w,
                    &STATION_MONTH,
                    "00000000-0000-4000-9000-0000000000ff",
                    Op::Create,
                    &[
                        ("operator_id", SqlValue::Text(station.clone())),
                        ("month", SqlValue::Text("2019-09".into())),
                        ("service_value", SqlValue::Text("2100.00".into())),
                    ],
                )?;
                Ok(())
            })
            .unwrap();
    }
    // The demo has no finding (the hub's own, issue 15): one in the township, on both sides,
    // as an older laptop could hold one.
    for store in [&mut county, &mut laptop] {
        let finding = [
            ("key", SqlValue::Text("F1_ID_INVALID-boundary".into())),
            ("check_code", SqlValue::Text("F1_ID_INVALID".into())),
            ("severity", SqlValue::Text("medium".into())),
            ("township_id", SqlValue::Text(own.clone())),
            ("first_seen", SqlValue::Text("2026-03-01T08:00:00Z".into())),
            ("last_seen", SqlValue::Text("2026-03-01T08:00:00Z".into())),
        ];
        let id = "00000000-0000-4000-9000-200000000000";
        put(store, &FINDING, id, Op::Create, &finding);
    }
    // The demo has no call-back sample (the county's, F11): one in the township with one call
    // of a household of the township, on both sides.
    let called = find(&conn, "household", &own, true).unwrap();
    for store in [&mut county, &mut laptop] {
        let sample_id = "00000000-0000-4000-9000-300000000000";
        let sample = [
            ("township_id", SqlValue::Text(own.clone())),
            ("seed", SqlValue::Text("7".into())),
            ("share", SqlValue::Text("0.1".into())),
            ("population", SqlValue::Integer(10)),
            ("drawn_date", SqlValue::Text("2019-10-08".into())),
        ];
        put(store, &CALLBACK_SAMPLE, sample_id, Op::Create, &sample);
        let call = [
            ("sample_id", SqlValue::Text(sample_id.into())),
            ("household_id", SqlValue::Text(called.clone())),
            ("position", SqlValue::Integer(1)),
        ];
        let id = "00000000-0000-4000-9000-300000000001";
        put(store, &CALLBACK_CALL, id, Op::Create, &call);
    }
    // The demo keeps some kinds in one township only: a copy of each such record, placed in
    // another township, on both sides (before enrollment: the laptop's first batch sends it back
    // as the county holds it).
    for (name, columns) in PLACE_COLUMNS
        .iter()
        .filter(|(name, _)| !UNDER_A_NOTICE.contains(name))
    {
        if find(&conn, name, &own, false).is_some() {
            continue;
        }
        let e = entity(name);
        let mine = find(&conn, name, &own, true).unwrap_or_else(|| panic!("no {name}"));
        n += 1;
        let values = copy(&conn, e, &mine, n, |column| {
            let parent = columns.iter().find(|(c, _)| *c == column)?.1;
            if parent == *name {
                // A reversal's link to the row it reverses (`fund_recovered.reverses_id`): the
                // demo's row is no reversal and neither is its copy.
                return None;
            }
            Some(find(&conn, parent, &own, false).unwrap_or_else(|| panic!("{parent}")))
        });
        let id = format!("00000000-0000-4000-9000-{n:012}");
        put(&mut county, e, &id, Op::Create, &values);
        put(&mut laptop, e, &id, Op::Create, &values);
    }
    let (request, _) = laptop.device_request().unwrap();
    let (answer, _) = county.county_enroll(&request, T1).unwrap();
    laptop.device_enroll(&answer).unwrap();
    let first = import(&mut county, &export(&mut laptop));
    assert!(first.refused.is_empty(), "{:?}", first.refused);

    let mut expected = BTreeSet::new();
    as_older_laptop(&mut laptop, &laptop_path, |laptop| {
        for (name, columns) in PLACE_COLUMNS
            .iter()
            .filter(|(name, _)| !UNDER_A_NOTICE.contains(name))
        {
            let e = entity(name);
            let mine = find(&conn, name, &own, true).unwrap_or_else(|| panic!("no {name} inside"));
            let theirs =
                find(&conn, name, &own, false).unwrap_or_else(|| panic!("no {name} outside"));
            for (column, parent) in *columns {
                let out = find(&conn, parent, &own, false).unwrap_or_else(|| panic!("{parent}"));
                let home = find(&conn, parent, &own, true).unwrap_or_else(|| panic!("{parent}"));
                // Created outside: a copy of a record of the township, this column elsewhere.
                n += 1;
                let copy = format!("00000000-0000-4000-8000-{n:012}");
                let values =
                    self::copy(&conn, e, &mine, n, |c| (c == *column).then(|| out.clone()));
                put(laptop, e, &copy, Op::Create, &values);
                expected.insert((name.to_string(), copy));
                if e.append_only {
                    continue;
                }
                // Moved out, and another township's record moved in.
                let out = moved(&conn, e, &mine, column, out, 1);
                put(laptop, e, &mine, Op::Update, &out);
                let home = moved(&conn, e, &theirs, column, home, 2);
                put(laptop, e, &theirs, Op::Update, &home);
                expected.insert((name.to_string(), mine.clone()));
                expected.insert((name.to_string(), theirs.clone()));
            }
            if !e.append_only {
                // Deleted: another township's record.
                let victim = find(&conn, name, &own, false).unwrap();
                put(laptop, e, &victim, Op::Delete, &[]);
                expected.insert((name.to_string(), victim));
            }
        }
    });
    let before = records(&county_path);
    let result = county.import_batch(&export(&mut laptop), false).unwrap();
    assert_eq!(
        records(&county_path),
        before,
        "no record of the county changed"
    );
    let refused: BTreeSet<(String, String)> = result
        .report
        .refused
        .iter()
        .map(|r| {
            // The fund kinds too, though every field of theirs is COUNTY_ONLY: the township
            // boundary is checked before the fields (`Merger::apply_inner`), so a change of a
            // record outside the device's township is refused whole, as another township's, and
            // named in the receipt — not half-applied field by field (SYNC_COUNTY_ONLY_FIELD).
            assert_eq!(r.code.as_str(), "SYNC_OTHER_TOWNSHIP", "{r:?}");
            (r.entity.clone(), r.record_id.clone())
        })
        .collect();
    assert_eq!(refused, expected);
    // Acknowledged, and named in the receipt: the laptop lists them.
    assert_eq!(result.report.outcome, "applied");
    laptop.sync_apply(&result.receipt.unwrap()).unwrap();
    let listed: BTreeSet<(String, String)> = laptop
        .sync_refused()
        .unwrap()
        .into_iter()
        .map(|r| (r.entity, r.record_id))
        .collect();
    assert!(!listed.is_empty());
    assert!(listed.is_subset(&expected), "{listed:?}");
}

/// Copies the county's rows of 宋坪乡 and one of its villages onto the laptop, as an older
/// laptop that loaded the whole county's places held them; answers the village.
fn other_village_on(laptop: &mut Store, laptop_path: &Path, county_path: &Path) -> String {
    copy_village(
        laptop,
        laptop_path,
        county_path,
        &demo_id("township", T2),
        &village("621221102201"),
    )
}

/// Copies a township's row and one of its villages from the county onto the laptop (as an older
/// laptop would have written them); answers the village.
pub(crate) fn copy_village(
    laptop: &mut Store,
    laptop_path: &Path,
    county_path: &Path,
    township: &str,
    village: &str,
) -> String {
    let conn = Connection::open(county_path).unwrap();
    let (township, village) = (township.to_string(), village.to_string());
    let t = row(&conn, &TOWNSHIP, &township);
    let v = row(&conn, &VILLAGE, &village);
    as_older_laptop(laptop, laptop_path, |laptop| {
        put(laptop, &TOWNSHIP, &township, Op::Create, &t);
        put(laptop, &VILLAGE, &village, Op::Create, &v);
    });
    village
}

#[test]
fn an_enrolled_laptop_refuses_to_put_a_record_in_another_township() {
    let mut s = Setup::new();
    let (laptop_path, county_path) = (s.dir.path().join("laptop.db"), s.county_path());
    let theirs = other_village_on(&mut s.device, &laptop_path, &county_path);
    let id = "00000000-0000-4000-8000-000000000001";
    let err = s
        .device
        .write(|tx, w| {
            write::record(
                tx,
                w,
                &HOUSEHOLD,
                id,
                Op::Create,
                &[
                    ("head_name", SqlValue::Text("外乡人".into())),
                    ("id_number", SqlValue::Text("621221198003030033".into())),
                    ("id_number_rev", SqlValue::Text("330030308911221226".into())),
                    ("size", SqlValue::Integer(3)),
                    ("village_id", SqlValue::Text(theirs.clone())),
                    ("category", SqlValue::Text("general".into())),
                ],
            )?;
            Ok(())
        })
        .unwrap_err();
    assert_eq!(err.code(), "RECORD_OTHER_TOWNSHIP", "{err}");
    assert!(err.to_string().contains("鸡峰镇"), "{err}");
    // Moving a household of the township there is refused too, and nothing was written.
    let head = s.device.sync_status().unwrap().head_seq;
    let moved = s.device.write(|tx, w| {
        write::record(
            tx,
            w,
            &HOUSEHOLD,
            &s.h1,
            Op::Update,
            &[("village_id", SqlValue::Text(theirs.clone()))],
        )?;
        Ok(())
    });
    assert_eq!(moved.unwrap_err().code(), "RECORD_OTHER_TOWNSHIP");
    assert_eq!(s.device.sync_status().unwrap().head_seq, head);
    // Within the township it is an ordinary write.
    add_household(
        &mut s.device,
        &village("621221101202"),
        "本乡人",
        "621221198004040044",
    );
    // The county's own package writes on the laptop are not the laptop's: not checked (they
    // only ever carry the township's records).
    let (package, _) = s.county.sync_package(s.device.device_id()).unwrap();
    s.device.sync_apply(&package).unwrap();
}

/// The stuck laptop of the issue: an older version let the officer register a household in
/// another township's village and move one there. The county refuses those two changes, takes
/// the rest, and names both records in its receipt; the laptop lists them; the officer voids
/// the first and moves the second back; the next batch imports and is acknowledged.
#[test]
fn a_laptop_refused_for_another_townships_records_recovers_by_voiding_or_correcting() {
    let mut s = Setup::new();
    let (laptop_path, county_path) = (s.dir.path().join("laptop.db"), s.county_path());
    let theirs = other_village_on(&mut s.device, &laptop_path, &county_path);
    let (stray, h1) = (
        as_older_laptop(&mut s.device, &laptop_path, |laptop| {
            let stray = add_household(laptop, &theirs, "外乡人", "621221198003030033");
            crate::sync::set(laptop, &s.h1, "village_id", serde_json::json!(theirs));
            stray
        }),
        s.h1.clone(),
    );
    crate::sync::set(
        &mut s.device,
        &s.h2,
        "phone",
        serde_json::json!("13900000000"),
    );

    let first = s
        .county
        .import_batch(&export(&mut s.device), false)
        .unwrap();
    assert_eq!(first.report.outcome, "applied");
    let refused: Vec<(&str, &str, &str)> = first
        .report
        .refused
        .iter()
        .map(|r| (r.entity.as_str(), r.record_id.as_str(), r.code.as_str()))
        .collect();
    assert_eq!(
        refused,
        [
            ("household", stray.as_str(), "SYNC_OTHER_TOWNSHIP"),
            ("household", h1.as_str(), "SYNC_OTHER_TOWNSHIP"),
        ]
    );
    let county = Connection::open(&county_path).unwrap();
    let at_county = |id: &str| -> Option<String> {
        county
            .query_row(
                "SELECT village_id FROM household WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .ok()
    };
    assert_eq!(at_county(&stray), None);
    assert_eq!(at_county(&h1), Some(village("621221101201")), "not moved");
    let phone: String = county
        .query_row("SELECT phone FROM household WHERE id = ?1", [&s.h2], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(phone, "13900000000", "the rest of the batch was taken");

    // The receipt names them; the laptop lists them with what to do.
    s.device.sync_apply(&first.receipt.unwrap()).unwrap();
    let listed = s.device.sync_refused().unwrap();
    let summary: Vec<(&str, &str, Option<RecordKind>)> = listed
        .iter()
        .map(|r| (r.record_id.as_str(), r.op.as_str(), r.void_kind))
        .collect();
    assert_eq!(
        summary,
        [
            (stray.as_str(), "create", Some(RecordKind::Household)),
            (h1.as_str(), "update", Some(RecordKind::Household)),
        ]
    );
    assert_eq!(listed[0].name, "外乡人", "named as the officer knows it");
    assert!(
        listed[0].message.contains("其他乡镇"),
        "{}",
        listed[0].message
    );
    // The officer's CLI lists the same.
    let out = crate::fieldbook_cli(&laptop_path, "王芳", &["--json", "sync", "refused"], None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let cli: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(cli, serde_json::to_value(&listed).unwrap());
    assert_eq!(cli[0]["code"], "SYNC_OTHER_TOWNSHIP");
    assert_eq!(cli[0]["voidKind"], "household");

    // Withdrawn and corrected (the correction is an ordinary write: back in the township).
    s.device
        .void_record(RecordKind::Household, &stray, "录错乡镇")
        .unwrap();
    crate::sync::set(
        &mut s.device,
        &h1,
        "village_id",
        serde_json::json!(village("621221101201")),
    );
    assert_eq!(s.device.sync_refused().unwrap(), vec![]);

    let second = s
        .county
        .import_batch(&export(&mut s.device), false)
        .unwrap();
    assert_eq!(
        second.report.outcome, "applied",
        "{:?}",
        second.report.refused
    );
    assert!(second
        .report
        .refused
        .iter()
        .all(|r| r.record_id == stray && r.code.as_str() == "NOT_FOUND"));
    let status = s.device.sync_apply(&second.receipt.unwrap()).unwrap();
    let device = s.device.sync_status().unwrap();
    assert_eq!(status.acked_seq, device.head_seq, "everything acknowledged");
    assert!(device.pending.is_empty(), "{:?}", device.pending);
    assert_eq!(at_county(&stray), None);
    assert_eq!(at_county(&h1), Some(village("621221101201")));
}

/// The same in a second county (托里县, two townships): a household of 托里镇 moved by an older
/// laptop into a village of the other township is refused and named, listed as an edit, and
/// clears once moved back. A record the county never received does not make a batch that is
/// refused for a cause the county can fix (a laptop's own township) acknowledged.
#[test]
fn in_another_county_a_moved_record_is_refused_listed_and_cleared_by_moving_it_back() {
    use crate::county::{tori, TORI_TOWN, TORI_TOWN_2};
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

    // A township the laptop made up, then renamed: the rename is of a record the county never
    // took in, and still the batch is refused in full, not acknowledged.
    let made_up = laptop.add_township("654224299", "自设镇").unwrap();
    put(
        &mut laptop,
        &TOWNSHIP,
        &made_up.id,
        Op::Update,
        &[("name", SqlValue::Text("自设乡".into()))],
    );
    let result = county.import_batch(&export(&mut laptop), false).unwrap();
    assert_eq!(result.report.outcome, "refused", "{:#?}", result.report);
    assert!(result.receipt.is_none());

    let home = county.list_villages(Some(TORI_TOWN)).unwrap().remove(0).id;
    let away = county
        .list_villages(Some(TORI_TOWN_2))
        .unwrap()
        .remove(0)
        .id;
    let other_township = county
        .list_townships()
        .unwrap()
        .into_iter()
        .find(|t| t.code == TORI_TOWN_2)
        .unwrap()
        .id;
    let away = copy_village(
        &mut laptop,
        &laptop_path,
        &county_path,
        &other_township,
        &away,
    );
    let household = add_household(&mut laptop, &home, "阿力木", "654224198001010011");
    as_older_laptop(&mut laptop, &laptop_path, |laptop| {
        crate::sync::set(laptop, &household, "village_id", serde_json::json!(away));
    });
    let result = county.import_batch(&export(&mut laptop), false).unwrap();
    assert_eq!(result.report.outcome, "applied", "{:#?}", result.report);
    let named: Vec<(&str, &str)> = result
        .report
        .refused
        .iter()
        .filter(|r| r.code.as_str() == "SYNC_OTHER_TOWNSHIP")
        .map(|r| (r.entity.as_str(), r.record_id.as_str()))
        .collect();
    assert_eq!(named, [("household", household.as_str())]);
    let at_county: String = Connection::open(&county_path)
        .unwrap()
        .query_row(
            "SELECT village_id FROM household WHERE id = ?1",
            [&household],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(at_county, home, "created at home, not moved");
    laptop.sync_apply(&result.receipt.unwrap()).unwrap();
    let listed = laptop.sync_refused().unwrap();
    let listed: Vec<(&str, &str)> = listed
        .iter()
        .filter(|r| r.entity == "household")
        .map(|r| (r.record_id.as_str(), r.op.as_str()))
        .collect();
    assert_eq!(listed, [(household.as_str(), "update")]);
    crate::sync::set(
        &mut laptop,
        &household,
        "village_id",
        serde_json::json!(home),
    );
    assert!(laptop
        .sync_refused()
        .unwrap()
        .iter()
        .all(|r| r.entity != "household"));
}

/// A register file on an enrolled laptop with a row in another township's village: the row is
/// refused by the laptop's check after its household was written (a hook of the sync layer),
/// which the import's unguarded rows cannot take back alone, so the file runs again with a
/// savepoint per row: the row is refused, the township's row imported, nothing else written.
#[test]
fn a_register_import_on_a_laptop_refuses_another_townships_row_and_keeps_the_rest() {
    use fieldbook::sheets::{import as import_sheet, ImportKind, ImportMode};
    let mut s = Setup::new();
    let (laptop_path, county_path) = (s.dir.path().join("laptop.db"), s.county_path());
    other_village_on(&mut s.device, &laptop_path, &county_path);
    let head = s.device.sync_status().unwrap().head_seq;
    let file = crate::sheets::csv_text(&[
        vec!["户主姓名", "身份证号码", "家庭人口", "村代码"],
        vec!["本乡人", "621221198005050054", "3", "621221101202"],
        vec!["外乡人", "621221198004040049", "2", "621221102201"],
        vec!["本乡二", "621221198003030033", "4", "621221101202"],
    ]);
    let report = import_sheet(
        &mut s.device,
        file.as_bytes(),
        "户.csv",
        &crate::sheets::options(ImportKind::Households, ImportMode::ValidOnly),
    )
    .unwrap();
    let outcomes: Vec<&str> = report.rows.iter().map(|r| r.outcome.as_str()).collect();
    assert_eq!(outcomes, ["new", "error", "new"], "{}", report.summary);
    assert_eq!(
        report.rows[1].problems[0].code.as_str(),
        "RECORD_OTHER_TOWNSHIP"
    );
    assert!(report.written);
    // Two households created, each with its one change-log entry; the refused one left none.
    assert_eq!(s.device.sync_status().unwrap().head_seq, head + 2);
}
