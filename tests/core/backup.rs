//! Backups that restore (issue 17 point 6), in 托里县 (654224): a copy taken while another
//! connection writes restores elsewhere with the manifest's counts and log head; every kind of
//! damage is refused by its own code with nothing created at the target; an encrypted backup
//! needs the passphrase and shows no ID number; the reminder; the CLI end to end.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use fieldbook::domain::households::{HouseholdInput, HouseholdQuery};
use fieldbook::domain::places::VillageInput;
use fieldbook::store::hlc::ManualClock;
use fieldbook::store::{restore_backup, verify_backup, BackupManifest, Passphrase};
use fieldbook::Store;

use crate::records::id_number;
use crate::{fieldbook_cli, succeeded, temp_db};

/// 托里县 with one township, one village and `households` registered households.
fn tuoli(path: &Path, passphrase: Option<&Passphrase>, households: u32) -> Store {
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
        .unwrap();
    for n in 0..households {
        store.add_household(&household(&village.id, n)).unwrap();
    }
    store
}

fn household(village_id: &str, n: u32) -> HouseholdInput {
    HouseholdInput {
        head_name: format!("叶尔兰{n}"),
        id_number: id_number(n),
        size: 3,
        village_id: village_id.into(),
        village_group: String::new(),
        category: "general".into(),
        year_lifted: None,
        phone: String::new(),
        notes: String::new(),
    }
}

fn village_of(store: &Store) -> String {
    store.list_villages(Some("654224100")).unwrap()[0]
        .id
        .clone()
}

/// How many of the first `households` ID numbers `bytes` hold.
fn id_numbers_in(bytes: &[u8], households: u32) -> usize {
    (0..households)
        .filter(|n| {
            let id = id_number(*n);
            bytes.windows(id.len()).any(|w| w == id.as_bytes())
        })
        .count()
}

/// Files in `dir` (our leftovers would be `.….part`).
fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    names.sort();
    names
}

fn households_in(store: &Store) -> i64 {
    let query: HouseholdQuery = serde_json::from_str("{}").unwrap();
    i64::from(store.search_households(&query).unwrap().total)
}

#[test]
fn a_backup_taken_while_another_connection_writes_restores_elsewhere_with_its_counts_and_head() {
    let (dir, path) = temp_db();
    let store = tuoli(&path, None, 30);
    let before = store.verify_log().unwrap().entries;
    let village = village_of(&store);

    let writer_path = path.clone();
    let writing = std::thread::spawn(move || {
        let mut other = Store::open(&writer_path).unwrap();
        for n in 1000..1060 {
            other.add_household(&household(&village, n)).unwrap();
        }
    });
    let out = dir.path().join("托里县备份.fbbackup");
    let report = store.backup_to(&out).unwrap();
    writing.join().unwrap();
    let after = store.verify_log().unwrap().entries;

    let manifest = &report.manifest;
    assert!(
        (before..=after).contains(&manifest.log_head.seq),
        "the copy's log head {} is not between {before} and {after}",
        manifest.log_head.seq
    );
    assert_eq!(manifest.county.as_ref().unwrap().code, "654224");
    assert_eq!(manifest.database_id, store.database_id().unwrap());
    assert!(!manifest.encrypted && !manifest.demo);
    assert_eq!(manifest.schema_version, store.schema_version().unwrap());
    let copied = manifest.tables["household"];
    assert!((30..=90).contains(&copied), "{copied} households copied");
    assert_eq!(std::fs::metadata(&out).unwrap().len(), report.bytes);
    assert_eq!(
        names_in(dir.path())
            .iter()
            .filter(|n| n.ends_with(".part"))
            .count(),
        0
    );

    // Another machine: another folder, the backup file only.
    let elsewhere = tempfile::tempdir().unwrap();
    let carried = elsewhere.path().join("从U盘拷来.fbbackup");
    std::fs::copy(&out, &carried).unwrap();
    let to = elsewhere.path().join("恢复的台账.db");
    let restored = restore_backup(&carried, &to, None).unwrap();
    assert_eq!(restored.path, to);
    assert_eq!(&restored.manifest, manifest);

    let reopened = Store::open(&to).unwrap();
    let check = reopened.verify_log().unwrap();
    assert!(check.first_broken.is_none());
    assert_eq!(check.entries, manifest.log_head.seq);
    assert_eq!(check.head_hash, manifest.log_head.hash);
    assert_eq!(households_in(&reopened), copied);
    assert_eq!(reopened.database_id().unwrap(), manifest.database_id);
    assert_eq!(reopened.county().unwrap().unwrap().name, "托里县");
}

/// The parts of a backup file, to rebuild it damaged.
struct Parts {
    manifest: BackupManifest,
    database: Vec<u8>,
}

fn parts_of(file: &Path) -> Parts {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(file).unwrap()).unwrap();
    let mut read = |name: &str| {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut zip.by_name(name).unwrap(), &mut bytes).unwrap();
        bytes
    };
    let manifest = serde_json::from_slice(&read("manifest.json")).unwrap();
    Parts {
        manifest,
        database: read("fieldbook.db"),
    }
}

/// A backup file of these entries (`None` leaves one out).
fn pack(file: &Path, manifest: Option<&[u8]>, database: Option<&[u8]>) {
    let mut zip = zip::ZipWriter::new(std::fs::File::create(file).unwrap());
    let options = zip::write::SimpleFileOptions::default();
    if let Some(manifest) = manifest {
        zip.start_file("manifest.json", options).unwrap();
        zip.write_all(manifest).unwrap();
    }
    if let Some(database) = database {
        zip.start_file("fieldbook.db", options).unwrap();
        zip.write_all(database).unwrap();
    }
    zip.finish().unwrap();
}

/// The manifest with the database's true size and hash, as an honest backup would carry.
fn honest(manifest: &BackupManifest, database: &[u8]) -> Vec<u8> {
    let mut manifest = manifest.clone();
    manifest.database_bytes = database.len() as u64;
    manifest.database_sha256 = fieldbook::digest::sha256_hex(database);
    serde_json::to_vec(&manifest).unwrap()
}

/// The database bytes after `sql` ran on them.
fn edited(database: &[u8], sql: &str) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("edit.db");
    std::fs::write(&path, database).unwrap();
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch(sql).unwrap();
    drop(conn);
    std::fs::read(&path).unwrap()
}

/// Writes a damaged backup file at the path given.
type Damage = Box<dyn Fn(&Path)>;

#[test]
fn every_kind_of_damage_is_refused_by_its_code_and_nothing_is_created() {
    let (dir, path) = temp_db();
    let store = tuoli(&path, None, 12);
    let good = dir.path().join("good.fbbackup");
    store.backup_to(&good).unwrap();
    let parts = parts_of(&good);
    let manifest_json = serde_json::to_vec(&parts.manifest).unwrap();
    let good_bytes = std::fs::read(&good).unwrap();

    let mut cases: Vec<(&str, &str, Damage)> = Vec::new();
    cases.push(("a flipped byte in the zip", "BACKUP_CORRUPT", {
        let bytes = good_bytes.clone();
        Box::new(move |f: &Path| {
            let mut bytes = bytes.clone();
            let middle = bytes.len() / 2;
            bytes[middle] ^= 0x55;
            std::fs::write(f, bytes).unwrap()
        })
    }));
    cases.push(("truncated", "BACKUP_CORRUPT", {
        let bytes = good_bytes.clone();
        Box::new(move |f: &Path| std::fs::write(f, &bytes[..bytes.len() * 2 / 3]).unwrap())
    }));
    cases.push(("not a backup at all", "BACKUP_NOT_A_BACKUP", {
        Box::new(|f: &Path| std::fs::write(f, "户主,身份证号\n").unwrap())
    }));
    cases.push(("the manifest missing", "BACKUP_MANIFEST_MISSING", {
        let db = parts.database.clone();
        Box::new(move |f: &Path| pack(f, None, Some(&db)))
    }));
    cases.push(("the database missing", "BACKUP_DATABASE_MISSING", {
        let m = manifest_json.clone();
        Box::new(move |f: &Path| pack(f, Some(&m), None))
    }));
    cases.push(("a manifest that is not JSON", "BACKUP_MANIFEST_INVALID", {
        let db = parts.database.clone();
        Box::new(move |f: &Path| pack(f, Some(b"{\"format\": 1, "), Some(&db)))
    }));
    cases.push(("a newer format", "BACKUP_FORMAT_NEWER", {
        let (db, mut m) = (parts.database.clone(), parts.manifest.clone());
        m.format = 99;
        let m = serde_json::to_vec(&m).unwrap();
        Box::new(move |f: &Path| pack(f, Some(&m), Some(&db)))
    }));
    cases.push(("a flipped byte in the database", "BACKUP_HASH_MISMATCH", {
        let (m, mut db) = (manifest_json.clone(), parts.database.clone());
        let at = db.len() - 100;
        db[at] ^= 1;
        Box::new(move |f: &Path| pack(f, Some(&m), Some(&db)))
    }));
    cases.push(("counts that disagree", "BACKUP_COUNTS_DIFFER", {
        let (db, mut m) = (parts.database.clone(), parts.manifest.clone());
        *m.tables.get_mut("household").unwrap() += 1;
        let m = serde_json::to_vec(&m).unwrap();
        Box::new(move |f: &Path| pack(f, Some(&m), Some(&db)))
    }));
    cases.push(("a log head that disagrees", "BACKUP_LOG_HEAD_DIFFERS", {
        let (db, mut m) = (parts.database.clone(), parts.manifest.clone());
        m.log_head.seq -= 1;
        let m = serde_json::to_vec(&m).unwrap();
        Box::new(move |f: &Path| pack(f, Some(&m), Some(&db)))
    }));
    cases.push((
        "a change-log entry edited, hash made to fit",
        "BACKUP_LOG_BROKEN",
        {
            let db = edited(
                &parts.database,
                "UPDATE change_log SET officer = '别人' WHERE seq = 3",
            );
            let m = honest(&parts.manifest, &db);
            Box::new(move |f: &Path| pack(f, Some(&m), Some(&db)))
        },
    ));
    cases.push(("a damaged index page, hash made to fit", "BACKUP_INTEGRITY", {
        let mut db = parts.database.clone();
        let conn_dir = tempfile::tempdir().unwrap();
        let probe = conn_dir.path().join("probe.db");
        std::fs::write(&probe, &db).unwrap();
        let (root, page_size): (i64, i64) = {
            let conn = rusqlite::Connection::open(&probe).unwrap();
            let root = conn
                .query_row(
                    "SELECT rootpage FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'household' LIMIT 1",
                    [],
                    |r| r.get(0),
                )
                .unwrap();
            let size = conn.query_row("PRAGMA page_size", [], |r| r.get(0)).unwrap();
            (root, size)
        };
        let start = ((root - 1) * page_size) as usize;
        db[start..start + page_size as usize].fill(0x11);
        let m = honest(&parts.manifest, &db);
        Box::new(move |f: &Path| pack(f, Some(&m), Some(&db)))
    }));

    for (what, code, make) in &cases {
        let into = tempfile::tempdir().unwrap();
        let file = into.path().join("backup.fbbackup");
        make(&file);
        let to = into.path().join("restored.db");
        let refused = restore_backup(&file, &to, None)
            .err()
            .unwrap_or_else(|| panic!("{what}: restored"));
        assert_eq!(refused.code(), *code, "{what}: {refused}");
        assert!(refused.to_string().contains("备份"), "{what}: {refused}");
        assert!(!to.exists(), "{what}: the target was created");
        assert_eq!(
            names_in(into.path()),
            vec!["backup.fbbackup".to_string()],
            "{what}: something was left beside the target"
        );
        let verified = verify_backup(&file, None).expect_err(what);
        assert_eq!(verified.code(), *code, "{what}: verify");
    }

    // The good one restores; a second restore to the same name is refused, the first kept.
    let to = dir.path().join("restored.db");
    restore_backup(&good, &to, None).unwrap();
    let first = std::fs::read(&to).unwrap();
    let again = restore_backup(&good, &to, None).err().unwrap();
    assert_eq!(again.code(), "BACKUP_TARGET_EXISTS");
    assert_eq!(std::fs::read(&to).unwrap(), first);
    // The user's own database is never a restore target.
    let own = restore_backup(&good, &path, None).err().unwrap();
    assert_eq!(own.code(), "BACKUP_TARGET_EXISTS");
}

#[test]
fn an_encrypted_backup_needs_the_passphrase_and_shows_no_id_number() {
    let (dir, path) = temp_db();
    let passphrase = Passphrase::new("托里县-口令-2026").unwrap();
    let store = tuoli(&path, Some(&passphrase), 40);
    let out = dir.path().join("加密备份.fbbackup");
    let report = store.backup_to(&out).unwrap();
    assert!(report.manifest.encrypted);
    assert_eq!(report.manifest.tables["household"], 40);

    let bytes = std::fs::read(&out).unwrap();
    assert_eq!(
        id_numbers_in(&bytes, 40),
        0,
        "an ID number is readable in the backup"
    );
    assert!(
        !bytes
            .windows("叶尔兰".len())
            .any(|w| w == "叶尔兰".as_bytes()),
        "a household head's name is readable in the backup"
    );

    let into = tempfile::tempdir().unwrap();
    let to = into.path().join("restored.db");
    let missing = restore_backup(&out, &to, None).err().unwrap();
    assert_eq!(missing.code(), "BACKUP_PASSPHRASE_NEEDED");
    let wrong = restore_backup(&out, &to, Passphrase::new("别的口令").as_ref())
        .err()
        .unwrap();
    assert_eq!(wrong.code(), "STORE_PASSPHRASE_WRONG");
    assert_eq!(names_in(into.path()), Vec::<String>::new());

    restore_backup(&out, &to, Some(&passphrase)).unwrap();
    assert!(
        Store::open(&to).is_err(),
        "the restored file opened without its passphrase"
    );
    let restored = Store::open_with(&to, Some(&passphrase)).unwrap();
    assert_eq!(households_in(&restored), 40);
    assert_eq!(
        restored.verify_log().unwrap().head_hash,
        report.manifest.log_head.hash
    );

    // A plain database's backup is plain, and says so.
    let (plain_dir, plain_path) = temp_db();
    let plain = tuoli(&plain_path, None, 3);
    let plain_out = plain_dir.path().join("plain.fbbackup");
    assert!(!plain.backup_to(&plain_out).unwrap().manifest.encrypted);
    let unpacked = parts_of(&plain_out).database;
    assert_eq!(
        id_numbers_in(&unpacked, 3),
        3,
        "the search would find a plain ID number"
    );
}

#[test]
fn the_reminder_is_for_a_real_county_without_a_backup_this_week() {
    let day = 24 * 3600 * 1000;
    let clock = Arc::new(ManualClock::at(1_780_000_000_000));
    let (dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    store.set_clock(clock.clone());
    assert!(
        !store.backup_status().unwrap().reminder_due,
        "no county yet"
    );
    drop(store);
    let mut store = tuoli(&path, None, 1);
    store.set_clock(clock.clone());
    let status = store.backup_status().unwrap();
    assert!(status.reminder_due && status.last.is_none());

    let out = dir.path().join("week.fbbackup");
    store.backup_to(&out).unwrap();
    let status = store.backup_status().unwrap();
    assert!(!status.reminder_due);
    let last = status.last.unwrap();
    assert_eq!(last.file, out.display().to_string());
    assert_eq!(last.at, "2026-05-28T20:26:40Z");

    clock.set(1_780_000_000_000 + 7 * day - 1000);
    assert!(!store.backup_status().unwrap().reminder_due);
    clock.set(1_780_000_000_000 + 8 * day);
    assert!(store.backup_status().unwrap().reminder_due);

    let (_demo_dir, demo_path) = temp_db();
    let mut demo = Store::open(&demo_path).unwrap();
    fieldbook::demo::load_demo(&mut demo).unwrap();
    assert!(
        !demo.backup_status().unwrap().reminder_due,
        "the demo is never reminded"
    );
}

#[test]
fn a_backup_never_replaces_the_database_or_a_file_that_is_not_a_backup() {
    let (dir, path) = temp_db();
    let store = tuoli(&path, None, 2);
    let db_before = std::fs::read(&path).unwrap();
    let same = store.backup_to(&path).err().unwrap();
    assert_eq!(same.code(), "BACKUP_SAME_FILE");
    let wal = PathBuf::from(format!("{}-wal", path.display()));
    assert_eq!(
        store.backup_to(&wal).err().unwrap().code(),
        "BACKUP_SAME_FILE"
    );
    assert_eq!(std::fs::read(&path).unwrap().len(), db_before.len());

    let letter = dir.path().join("给县里的信.docx");
    std::fs::write(&letter, "不是备份").unwrap();
    let refused = store.backup_to(&letter).err().unwrap();
    assert_eq!(refused.code(), "BACKUP_OUT_NOT_A_BACKUP");
    assert_eq!(std::fs::read_to_string(&letter).unwrap(), "不是备份");

    let out = dir.path().join("每周.fbbackup");
    let first = store.backup_to(&out).unwrap();
    let second = store.backup_to(&out).unwrap();
    assert!(second.manifest.created_at >= first.manifest.created_at);
    assert!(verify_backup(&out, None).is_ok());
}

#[test]
fn the_cli_backs_up_verifies_and_restores_without_touching_the_target() {
    let (dir, path) = temp_db();
    drop(tuoli(&path, None, 5));
    let out = dir.path().join("cli.fbbackup");
    let made = succeeded(fieldbook_cli(
        &path,
        "古丽",
        &["backup", "--out", out.to_str().unwrap(), "--json"],
        None,
    ));
    let made: serde_json::Value = serde_json::from_slice(&made.stdout).unwrap();
    assert_eq!(made["manifest"]["county"]["code"], "654224");
    assert_eq!(made["manifest"]["tables"]["household"], 5);
    assert_eq!(made["manifest"]["encrypted"], false);

    // Verify and restore never open --db: a path that does not exist stays absent.
    let nowhere = dir.path().join("never-created.db");
    let verified = succeeded(fieldbook_cli(
        &nowhere,
        "古丽",
        &["backup", "verify", out.to_str().unwrap(), "--json"],
        None,
    ));
    let verified: serde_json::Value = serde_json::from_slice(&verified.stdout).unwrap();
    assert_eq!(verified["manifest"], made["manifest"]);

    let to = dir.path().join("restored.db");
    let restored = succeeded(fieldbook_cli(
        &nowhere,
        "古丽",
        &[
            "restore",
            out.to_str().unwrap(),
            "--to",
            to.to_str().unwrap(),
            "--json",
        ],
        None,
    ));
    let restored: serde_json::Value = serde_json::from_slice(&restored.stdout).unwrap();
    assert_eq!(restored["path"], to.display().to_string());
    assert!(!nowhere.exists());
    let info = succeeded(fieldbook_cli(&to, "古丽", &["verify-log", "--json"], None));
    let info: serde_json::Value = serde_json::from_slice(&info.stdout).unwrap();
    assert_eq!(info["headHash"], made["manifest"]["logHead"]["hash"]);

    let again = fieldbook_cli(
        &nowhere,
        "古丽",
        &[
            "restore",
            out.to_str().unwrap(),
            "--to",
            to.to_str().unwrap(),
            "--json",
        ],
        None,
    );
    assert!(!again.status.success());
    let again: serde_json::Value = serde_json::from_slice(&again.stdout).unwrap();
    assert_eq!(again["error"]["code"], "BACKUP_TARGET_EXISTS");

    let text = succeeded(fieldbook_cli(
        &nowhere,
        "古丽",
        &["backup", "verify", out.to_str().unwrap()],
        None,
    ));
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(
        text.contains("备份完好") && text.contains("托里县（654224）"),
        "{text}"
    );
}

#[test]
fn a_restore_in_place_keeps_the_replaced_database_aside_and_a_bad_backup_changes_nothing() {
    let (dir, path) = temp_db();
    let passphrase = Passphrase::new("托里县乡镇的口令 2026").unwrap();
    let mut store = tuoli(&path, Some(&passphrase), 3);
    let out = dir.path().join("周一.zip");
    store.backup_to(&out).unwrap();
    let village = village_of(&store);
    store.add_household(&household(&village, 3)).unwrap();

    // A damaged backup is refused; the store in use comes back untouched, nothing is renamed.
    let damaged = dir.path().join("坏的.zip");
    let mut bytes = std::fs::read(&out).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x55;
    std::fs::write(&damaged, bytes).unwrap();
    let files_before = names_in(dir.path());
    let refused = store.restore_in_place(&damaged, None).unwrap();
    assert!(refused.outcome.is_err());
    let store = refused.store;
    assert_eq!(households_in(&store), 4);
    assert_eq!(names_in(dir.path()), files_before);

    // A good one takes the database's name; the replaced database is kept whole beside it.
    let done = store.restore_in_place(&out, None).unwrap();
    let report = done.outcome.unwrap();
    assert_eq!(report.path, path);
    assert_eq!(households_in(&done.store), 3);
    let replaced = report.replaced.unwrap();
    assert_eq!(replaced.parent(), path.parent());
    assert!(replaced.to_string_lossy().contains("恢复前"));
    drop(done.store);
    let kept = Store::open_with(&replaced, Some(&passphrase)).unwrap();
    assert_eq!(households_in(&kept), 4);
    drop(kept);
    // The next start opens the restored register under the old name, with the same passphrase.
    let reopened = Store::open_with(&path, Some(&passphrase)).unwrap();
    assert_eq!(households_in(&reopened), 3);
    assert!(reopened.verify_log().is_ok());
}

#[test]
fn a_backup_made_under_an_old_passphrase_or_none_restores_under_the_registers_passphrase() {
    let (dir, path) = temp_db();
    let old = Passphrase::new("托里县旧口令 2026").unwrap();
    let new = Passphrase::new("托里县新口令 2027").unwrap();

    // A plain backup, then the register is encrypted.
    let store = tuoli(&path, None, 2);
    let plain = dir.path().join("加密前.zip");
    store.backup_to(&plain).unwrap();
    drop(store);
    Store::encrypt_file(&path, &old, Default::default()).unwrap();
    let mut store = Store::open_with(&path, Some(&old)).unwrap();
    let village = village_of(&store);
    store.add_household(&household(&village, 2)).unwrap();
    let encrypted = dir.path().join("旧口令.zip");
    store.backup_to(&encrypted).unwrap();
    store.change_passphrase(&new).unwrap();

    // Under the changed passphrase the old backup does not open without its own.
    let refused = store.restore_in_place(&encrypted, None).unwrap();
    assert!(refused.outcome.is_err());
    let store = refused.store;
    assert!(store.verify_backup(&encrypted, None).is_err());
    assert!(store.verify_backup(&encrypted, Some(&old)).is_ok());
    let done = store.restore_in_place(&encrypted, Some(&old)).unwrap();
    done.outcome.unwrap();
    assert_eq!(households_in(&done.store), 3);
    drop(done.store);
    assert!(
        Store::open_with(&path, Some(&old)).is_err(),
        "the old key no longer opens it"
    );
    let store = Store::open_with(&path, Some(&new)).unwrap();

    // The plain backup comes back encrypted with the register's passphrase, no plain copy left.
    let done = store.restore_in_place(&plain, None).unwrap();
    done.outcome.unwrap();
    assert_eq!(households_in(&done.store), 2);
    drop(done.store);
    assert!(
        Store::open(&path).is_err(),
        "the restored register is not plain"
    );
    assert_eq!(
        id_numbers_in(&std::fs::read(&path).unwrap(), 3),
        0,
        "no ID number readable in the file"
    );
    let reopened = Store::open_with(&path, Some(&new)).unwrap();
    assert_eq!(households_in(&reopened), 2);
    let leftovers: Vec<String> = names_in(dir.path())
        .into_iter()
        .filter(|n| n.contains(".bak") || n.contains("plain"))
        .collect();
    assert_eq!(leftovers, Vec::<String>::new());
}
