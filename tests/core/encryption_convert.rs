//! Converting a plain database to encrypted in place, and changing the passphrase: the plain
//! file stays openable until the verified encrypted one is in its place, a failure or a power
//! cut at any step leaves one of the two, and nothing plain is left beside it but the user's own
//! older copies (named, removed only on request).

use std::path::{Path, PathBuf};

use fieldbook::domain::households::{HouseholdInput, HouseholdQuery};
use fieldbook::domain::places::VillageInput;
use fieldbook::store::encryption::{self, encrypt_file_observed};
use fieldbook::store::{file_kind, EncryptOptions, EncryptStep, FileKind, Passphrase};
use fieldbook::{Code, Error, Store};

use crate::records::id_number;
use crate::temp_db;

const STEPS: [EncryptStep; 5] = [
    EncryptStep::Checked,
    EncryptStep::Locked,
    EncryptStep::Exported,
    EncryptStep::Verified,
    EncryptStep::Swapped,
];

fn passphrase() -> Passphrase {
    Passphrase::choose("托里县 台账 2026").unwrap()
}

/// 托里县 (654224) with two villages and `households` households: a real county's register,
/// not the demo (the demo stays plain).
fn tuoli_register(path: &Path, passphrase: Option<&Passphrase>, households: u32) {
    let mut store = Store::open_with(path, passphrase).unwrap();
    store.create_county("654224", "托里县").unwrap();
    store.add_township("654224100", "托里镇").unwrap();
    let village = store
        .add_village(&VillageInput {
            township_code: "654224100".into(),
            code: "654224100201".into(),
            name: "萨孜村".into(),
            poor: true,
        })
        .unwrap()
        .id;
    for n in 0..households {
        add_household(&mut store, &village, n);
    }
}

fn add_household(store: &mut Store, village: &str, n: u32) {
    store
        .add_household(&HouseholdInput {
            head_name: format!("托里户{n}"),
            id_number: id_number(7000 + n),
            size: 3,
            village_id: village.to_string(),
            village_group: String::new(),
            category: "general".into(),
            year_lifted: None,
            phone: "13899990000".into(),
            notes: String::new(),
        })
        .unwrap();
}

fn household_count(store: &Store) -> u32 {
    store
        .search_households(&HouseholdQuery {
            text: String::new(),
            township_code: None,
            village_id: None,
            offset: 0,
            limit: 1,
            status: None,
        })
        .unwrap()
        .total
}

fn id_numbers_in(bytes: &[u8]) -> usize {
    bytes
        .windows(18)
        .filter(|w| {
            w[..17].iter().all(u8::is_ascii_digit) && (w[17].is_ascii_digit() || w[17] == b'X')
        })
        .count()
}

fn beside(path: &Path, suffix: &str) -> PathBuf {
    PathBuf::from(format!("{}{suffix}", path.display()))
}

/// Counts and the log head of the database at `path`, opened as it is (plain or encrypted).
fn contents(path: &Path) -> (u32, String) {
    let key = passphrase();
    let store = match file_kind(path).unwrap() {
        FileKind::Plain => Store::open(path).unwrap(),
        _ => Store::open_with(path, Some(&key)).unwrap(),
    };
    let log = store.verify_log().unwrap();
    assert!(log.first_broken.is_none(), "{:?}", log.first_broken);
    (household_count(&store), log.head_hash)
}

#[test]
fn a_plain_register_is_encrypted_in_place_and_matches_its_plain_self() {
    let (dir, path) = temp_db();
    // A database of schema 13 made by an earlier Fieldbook: opening it upgrades it and leaves
    // the plain migration backup beside it, as in the field.
    std::fs::copy("tests/fixtures/schema-v13.db", &path).unwrap();
    drop(Store::open(&path).unwrap());
    let backup = beside(&path, ".v13.bak");
    assert_eq!(file_kind(&backup).unwrap(), FileKind::Plain);
    {
        let mut store = Store::open(&path).unwrap();
        let village = store.list_villages(None).unwrap()[0].id.clone();
        for n in 0..30 {
            add_household(&mut store, &village, n);
        }
    }
    let before = contents(&path);
    assert!(id_numbers_in(&std::fs::read(&path).unwrap()) >= 30);

    let report = Store::encrypt_file(&path, &passphrase(), EncryptOptions::default()).unwrap();
    assert_eq!(report.plain_copies, vec![backup.clone()]);
    assert!(report.plain_copies_removed.is_empty());
    assert!(report.tables > 20 && report.rows > 30, "{report:?}");
    assert_eq!(report.log_head, before.1);

    assert_eq!(file_kind(&path).unwrap(), FileKind::NotPlain);
    assert_eq!(id_numbers_in(&std::fs::read(&path).unwrap()), 0);
    let mut left: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(
        left,
        ["fieldbook.db", "fieldbook.db.v13.bak"],
        "files beside"
    );
    assert_eq!(
        Store::open(&path).err().unwrap().code(),
        Code::STORE_NOT_A_DATABASE
    );
    assert_eq!(contents(&path), before);

    // The user's older copy goes only when asked.
    assert!(backup.exists());
    let removed = encryption::remove_plain_copies(&path).unwrap();
    assert_eq!(removed, vec![backup.clone()]);
    assert!(!backup.exists());
    assert!(encryption::find_plain_copies(&path).unwrap().is_empty());
}

#[test]
fn plain_copies_are_removed_with_the_conversion_when_asked() {
    let (_dir, path) = temp_db();
    tuoli_register(&path, None, 3);
    let copy = beside(&path, ".v20.bak");
    std::fs::copy(&path, &copy).unwrap();
    let options = EncryptOptions {
        remove_plain_copies: true,
    };
    let report = Store::encrypt_file(&path, &passphrase(), options).unwrap();
    assert_eq!(report.plain_copies_removed, vec![copy.clone()]);
    assert!(report.plain_copies.is_empty());
    assert!(!copy.exists());
}

#[test]
fn conversion_refuses_an_encrypted_file_the_demo_and_a_file_in_use() {
    let (dir, path) = temp_db();
    tuoli_register(&path, Some(&passphrase()), 2);
    let refused = Store::encrypt_file(&path, &passphrase(), EncryptOptions::default());
    assert_eq!(refused.unwrap_err().code(), Code::STORE_ALREADY_ENCRYPTED);

    let demo = dir.path().join("fieldbook-demo.db");
    {
        let mut store = Store::open(&demo).unwrap();
        fieldbook::demo::load_demo(&mut store).unwrap();
    }
    let refused = Store::encrypt_file(&demo, &passphrase(), EncryptOptions::default());
    assert_eq!(refused.unwrap_err().code(), Code::STORE_DEMO_PLAIN);
    assert_eq!(file_kind(&demo).unwrap(), FileKind::Plain);

    let busy = dir.path().join("busy.db");
    tuoli_register(&busy, None, 2);
    let before = contents(&busy);
    let open_elsewhere = Store::open(&busy).unwrap();
    let refused = Store::encrypt_file(&busy, &passphrase(), EncryptOptions::default());
    let error = refused.unwrap_err();
    assert_eq!(error.code(), Code::STORE_IN_USE, "{error}");
    assert!(error.to_string().contains("关闭"), "{error}");
    assert_eq!(household_count(&open_elsewhere), 2);
    drop(open_elsewhere);
    assert_eq!(file_kind(&busy).unwrap(), FileKind::Plain);
    assert_eq!(contents(&busy), before);
    assert!(!beside(&busy, ".encrypting").exists());
}

#[test]
fn a_failure_at_any_step_leaves_an_openable_database_and_a_rerun_converts() {
    for failing in STEPS {
        let (dir, path) = temp_db();
        tuoli_register(&path, None, 5);
        let before = contents(&path);
        let failed = encrypt_file_observed(
            &path,
            &passphrase(),
            EncryptOptions::default(),
            &mut |step| {
                if step == failing {
                    Err(Error::Encryption {
                        code: Code::INTERNAL,
                        message: format!("injected at {step:?}"),
                    })
                } else {
                    Ok(())
                }
            },
        );
        assert!(failed.is_err(), "{failing:?}");
        let kind = file_kind(&path).unwrap();
        let expected = if failing == EncryptStep::Swapped {
            FileKind::NotPlain
        } else {
            FileKind::Plain
        };
        assert_eq!(kind, expected, "failed at {failing:?}");
        assert_eq!(contents(&path), before, "failed at {failing:?}");
        assert!(
            !beside(&path, ".encrypting").exists(),
            "the half-made copy stays after a failure at {failing:?}"
        );
        if kind == FileKind::Plain {
            Store::encrypt_file(&path, &passphrase(), EncryptOptions::default()).unwrap();
            assert_eq!(contents(&path), before, "rerun after {failing:?}");
        }
        drop(dir);
    }
}

/// What a power cut leaves: the folder's files copied at each step (the conversion paused
/// there) open as either the plain database or the encrypted one, with the same records.
#[test]
fn the_files_at_every_step_open_as_the_plain_or_the_encrypted_database() {
    let (dir, path) = temp_db();
    tuoli_register(&path, None, 5);
    let before = contents(&path);
    let snapshots = tempfile::tempdir().unwrap();
    let mut taken = Vec::new();
    encrypt_file_observed(
        &path,
        &passphrase(),
        EncryptOptions::default(),
        &mut |step| {
            let to = snapshots.path().join(format!("{step:?}"));
            std::fs::create_dir(&to).unwrap();
            for entry in std::fs::read_dir(dir.path()).unwrap() {
                let entry = entry.unwrap();
                std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
            }
            taken.push((step, to.join("fieldbook.db")));
            if step == EncryptStep::Exported {
                // Nothing else writes to (or reads) the plain file while it is being copied.
                let other = rusqlite::Connection::open(&path).unwrap();
                other.busy_timeout(std::time::Duration::ZERO).unwrap();
                let read =
                    other.query_row("SELECT count(*) FROM household", [], |r| r.get::<_, i64>(0));
                assert_eq!(
                    read.unwrap_err().sqlite_error_code(),
                    Some(rusqlite::ErrorCode::DatabaseBusy)
                );
            }
            Ok(())
        },
    )
    .unwrap();
    assert_eq!(taken.iter().map(|(s, _)| *s).collect::<Vec<_>>(), STEPS);
    for (step, copy) in &taken {
        let kind = file_kind(copy).unwrap();
        let plain_until_swapped = if *step == EncryptStep::Swapped {
            FileKind::NotPlain
        } else {
            FileKind::Plain
        };
        assert_eq!(kind, plain_until_swapped, "{step:?}");
        assert_eq!(&contents(copy), &before, "{step:?}");
    }
}

#[test]
fn a_changed_passphrase_opens_the_data_and_the_old_one_no_longer_does() {
    let (dir, path) = temp_db();
    let old = passphrase();
    tuoli_register(&path, Some(&old), 4);
    let new = Passphrase::choose("萨孜村 新口令 2027").unwrap();
    {
        let mut store = Store::open_with(&path, Some(&old)).unwrap();
        store.change_passphrase(&new).unwrap();
        // The store goes on working, and its later connections (the WAL copy) take the new key.
        let village = store.list_villages(None).unwrap()[0].id.clone();
        add_household(&mut store, &village, 100);
        assert_eq!(household_count(&store), 5);
    }
    assert_eq!(
        Store::open_with(&path, Some(&old)).err().unwrap().code(),
        Code::STORE_PASSPHRASE_WRONG
    );
    let store = Store::open_with(&path, Some(&new)).unwrap();
    assert_eq!(household_count(&store), 5);
    assert!(store.verify_log().unwrap().first_broken.is_none());
    let integrity: String = {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "key", "萨孜村 新口令 2027")
            .unwrap();
        conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap()
    };
    assert_eq!(integrity, "ok");

    // Another program holding the file: its pages would turn unreadable to it.
    let mut again = Store::open_with(&path, Some(&new)).unwrap();
    let refused = again.change_passphrase(&old).unwrap_err();
    assert_eq!(refused.code(), Code::STORE_IN_USE);
    drop(store);
    drop(again);
    assert_eq!(contents_with(&path, &new), 5);

    let plain = dir.path().join("plain.db");
    tuoli_register(&plain, None, 1);
    let mut store = Store::open(&plain).unwrap();
    assert_eq!(
        store.change_passphrase(&new).unwrap_err().code(),
        Code::STORE_NOT_ENCRYPTED
    );
}

fn contents_with(path: &Path, key: &Passphrase) -> u32 {
    household_count(&Store::open_with(path, Some(key)).unwrap())
}

/// A migration backup of an encrypted database is itself encrypted with the same passphrase.
#[test]
fn the_migration_backup_of_an_encrypted_database_is_encrypted() {
    let (dir, _) = temp_db();
    let old = dir.path().join("old.db");
    std::fs::copy("tests/fixtures/schema-v13.db", &old).unwrap();
    let path = dir.path().join("fieldbook.db");
    {
        // An encrypted database still at schema 13, as an app of that version would have left it.
        let conn = rusqlite::Connection::open(&old).unwrap();
        conn.execute(
            "ATTACH DATABASE ?1 AS encrypted KEY ?2",
            [path.to_str().unwrap(), "托里县 台账 2026"],
        )
        .unwrap();
        conn.query_row("SELECT sqlcipher_export('encrypted')", [], |_| Ok(()))
            .unwrap();
        conn.execute_batch("PRAGMA encrypted.user_version = 13; DETACH DATABASE encrypted;")
            .unwrap();
    }
    drop(Store::open_with(&path, Some(&passphrase())).unwrap());
    let backup = beside(&path, ".v13.bak");
    assert_eq!(file_kind(&backup).unwrap(), FileKind::NotPlain);
    assert!(encryption::find_plain_copies(&path).unwrap().is_empty());
    let conn = rusqlite::Connection::open(&backup).unwrap();
    conn.pragma_update(None, "key", "托里县 台账 2026").unwrap();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, 13);
    let households: i64 = conn
        .query_row("SELECT count(*) FROM household", [], |r| r.get(0))
        .unwrap();
    assert!(households > 0);
}

#[test]
fn status_tells_plain_from_encrypted_without_changing_the_file() {
    let (dir, path) = temp_db();
    let missing = encryption::status(&path, None).unwrap();
    assert!(!missing.exists && !missing.encrypted);
    tuoli_register(&path, None, 1);
    let plain = encryption::status(&path, None).unwrap();
    assert!(plain.exists && !plain.encrypted);
    assert_eq!(plain.schema_version, Some(fieldbook::store::LATEST_VERSION));
    assert!(plain.cipher_version.starts_with('4'));

    let secret = dir.path().join("secret.db");
    tuoli_register(&secret, Some(&passphrase()), 1);
    let sha = fieldbook::digest::sha256_hex(&std::fs::read(&secret).unwrap());
    let locked = encryption::status(&secret, None).unwrap();
    assert!(locked.encrypted && locked.unlocked.is_none() && locked.schema_version.is_none());
    let wrong = Passphrase::new("不是这个").unwrap();
    assert_eq!(
        encryption::status(&secret, Some(&wrong)).unwrap().unlocked,
        Some(false)
    );
    let open = encryption::status(&secret, Some(&passphrase())).unwrap();
    assert_eq!(open.unlocked, Some(true));
    assert_eq!(open.schema_version, Some(fieldbook::store::LATEST_VERSION));
    assert_eq!(
        fieldbook::digest::sha256_hex(&std::fs::read(&secret).unwrap()),
        sha
    );
}

#[test]
fn a_passphrase_typed_twice_must_agree_and_be_strong() {
    let mismatch = fieldbook::store::choose_passphrase("托里县 台账 2026", "托里县 台账 2025");
    assert_eq!(
        mismatch.unwrap_err().code(),
        Code::STORE_PASSPHRASE_MISMATCH
    );
    let weak = fieldbook::store::choose_passphrase("1234", "1234");
    assert_eq!(weak.unwrap_err().code(), Code::STORE_PASSPHRASE_WEAK);
    assert!(fieldbook::store::choose_passphrase("托里县 台账 2026", "托里县 台账 2026").is_ok());
}
