//! Upgrading databases already in the field.

use fieldbook::store::{LATEST_VERSION, MIGRATIONS};
use fieldbook::Store;

use crate::temp_db;

const FROZEN_V1: &[u8] = include_bytes!("../fixtures/schema-v1.db");

#[test]
fn a_frozen_version_1_database_upgrades_and_keeps_its_rows() {
    let (dir, path) = temp_db();
    std::fs::write(&path, FROZEN_V1).unwrap();
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
    assert_eq!(store.county().unwrap().unwrap().name, "成县");
    let villages = store.list_villages(Some("621221101")).unwrap();
    let rows: Vec<_> = villages
        .iter()
        .map(|v| (v.code.as_str(), v.name.as_str(), v.poor))
        .collect();
    assert_eq!(
        rows,
        vec![
            ("621221101201", "长沟村", true),
            ("621221101202", "草滩村", false)
        ]
    );
    assert_eq!(villages[0].id, "0190a000-0000-7000-8000-000000000003");
    let check = store.verify_log().unwrap();
    assert_eq!(
        (check.entries, check.first_broken),
        (4 + 5 + 21, None),
        "rows from before the change log (4 places, 5 household categories, 21 default kinds) get one 'create' entry each"
    );
    let history = store.history("village", &villages[1].id).unwrap();
    assert_eq!(history[0].fields["name"].1, "草滩村");
    assert_eq!(store.database_id().unwrap().len(), 32);
    let backup = dir.path().join("fieldbook.db.v1.bak");
    assert_eq!(
        rusqlite::Connection::open(&backup)
            .unwrap()
            .query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0))
            .unwrap(),
        1,
        "the copy made before upgrading is the old version"
    );
}

#[test]
fn reopening_an_up_to_date_database_changes_nothing() {
    let (dir, path) = temp_db();
    let id = Store::open(&path).unwrap().database_id().unwrap();
    let store = Store::open(&path).unwrap();
    assert_eq!(store.database_id().unwrap(), id);
    let backups = std::fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().extension() == Some("bak".as_ref()))
        .count();
    assert_eq!(backups, 0);
}

#[test]
fn a_failing_step_rolls_back_to_the_previous_version() {
    // Version 1 with a table that migration 2 is about to create: step 2 must fail as a whole.
    let (_dir, path) = temp_db();
    std::fs::write(&path, FROZEN_V1).unwrap();
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute_batch("CREATE TABLE app_meta (x);")
        .unwrap();
    let error = Store::open(&path).err().expect("step 2 fails");
    assert_eq!(error.code(), "STORE_MIGRATION_FAILED");
    assert!(error.to_string().contains("fieldbook.db.v1.bak"), "{error}");
    let conn = rusqlite::Connection::open(&path).unwrap();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, 1);
    let villages: i64 = conn
        .query_row("SELECT count(*) FROM village", [], |r| r.get(0))
        .unwrap();
    assert_eq!(villages, 2);
}

#[test]
fn migration_files_are_numbered_in_order() {
    for (index, (name, _)) in MIGRATIONS.iter().enumerate() {
        assert!(
            name.starts_with(&format!("{:04}_", index + 1)),
            "migration {index} is named {name}"
        );
    }
    let on_disk = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations"))
        .unwrap()
        .count();
    assert_eq!(
        on_disk,
        MIGRATIONS.len(),
        "every file in migrations/ is embedded"
    );
}
