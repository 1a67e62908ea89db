//! Opening a database: a user's file is never changed when it is refused.

use fieldbook::store::LATEST_VERSION;
use fieldbook::{Error, Store};

use crate::temp_db;

#[test]
fn new_database_gets_latest_schema_wal_and_foreign_keys() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    assert_eq!(store.database_id().unwrap().len(), 32);
}

#[test]
fn a_text_file_is_refused_and_left_byte_for_byte() {
    let (dir, _) = temp_db();
    let path = dir.path().join("README.md");
    let content = "# 说明\n这不是数据库。\n".repeat(50);
    std::fs::write(&path, &content).unwrap();
    let error = Store::open(&path).err().expect("must refuse");
    assert!(matches!(error, Error::NotADatabase { .. }), "{error:?}");
    assert_eq!(error.code(), "STORE_NOT_A_DATABASE");
    assert!(error.to_string().contains("不是 Fieldbook 数据库"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), content);
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(
        names,
        vec!["README.md"],
        "no -wal/-shm/-journal file left behind"
    );
}

#[test]
fn a_short_binary_file_is_refused() {
    let (_dir, path) = temp_db();
    std::fs::write(&path, b"SQLite").unwrap();
    assert_eq!(
        Store::open(&path).err().unwrap().code(),
        "STORE_NOT_A_DATABASE"
    );
    assert_eq!(std::fs::read(&path).unwrap(), b"SQLite");
}

#[test]
fn a_database_from_a_newer_fieldbook_is_refused_untouched() {
    let (_dir, path) = temp_db();
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE future (x); PRAGMA user_version = 99;")
            .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let error = Store::open(&path).err().expect("must refuse");
    assert!(
        matches!(
            error,
            Error::DatabaseTooNew {
                found: 99,
                supported: LATEST_VERSION,
                ..
            }
        ),
        "{error:?}"
    );
    assert!(error.to_string().contains("请升级 Fieldbook"));
    assert_eq!(std::fs::read(&path).unwrap(), before);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "delete", "the refused file was not switched to WAL");
}

#[test]
fn a_directory_or_a_missing_parent_gives_a_clear_error() {
    let (dir, _) = temp_db();
    let error = Store::open(dir.path()).err().unwrap();
    assert_eq!(error.code(), "STORE_CANNOT_OPEN");
    let error = Store::open(&dir.path().join("no/such/dir/x.db"))
        .err()
        .unwrap();
    assert_eq!(error.code(), "STORE_CANNOT_OPEN");
    assert!(error.to_string().contains("请检查路径"));
}

#[test]
fn an_empty_file_becomes_a_new_database() {
    let (_dir, path) = temp_db();
    std::fs::write(&path, b"").unwrap();
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
}

/// Opening looks for rows written outside the write path on every record table; each look must
/// be an index step (migration 0032), not a read of the whole table: at 10⁶ households the reads
/// made an open take seconds. A new record table needs its `_unlogged` index too.
#[test]
fn the_open_finds_unlogged_rows_through_an_index_on_every_record_table() {
    let (_dir, path) = temp_db();
    drop(Store::open(&path).unwrap());
    let conn = rusqlite::Connection::open(&path).unwrap();
    for entity in fieldbook::store::entities::ENTITIES {
        // A few rows per programme; 0014 rebuilds it without later indexes (see 0032).
        if entity.table == "recheck_sample" {
            continue;
        }
        let plan: Vec<String> = conn
            .prepare(&format!(
                "EXPLAIN QUERY PLAN SELECT id FROM {} WHERE created_hlc IS NULL ORDER BY rowid",
                entity.table
            ))
            .unwrap()
            .query_map([], |r| r.get::<_, String>(3))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert!(
            plan.iter()
                .any(|step| step.contains(&format!("INDEX {}_unlogged", entity.table))),
            "{}: {plan:?}",
            entity.table
        );
    }
}
