//! Sync with the county, in temporary directories with real files: enrollment, export, import
//! with merge and conflicts, idempotency, staging, receipts and packages.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use fieldbook::demo::{demo_id, load_demo_places};
use fieldbook::store::entities::{ENTITIES, HOUSEHOLD};
use fieldbook::store::hlc::ManualClock;
use fieldbook::store::write::{self, Op};
use fieldbook::sync::sql::Resolution;
use fieldbook::sync::BatchImportReport;
use fieldbook::Store;
use rusqlite::types::Value as SqlValue;
use serde_json::{json, Value};

pub const T1: &str = "621221101";
pub const T2: &str = "621221102";
/// "Now" for the manual clocks: a minute after the wall clock, so they are ahead of every HLC
/// the setup stamped with the real clock.
pub fn now_ms() -> u64 {
    use fieldbook::store::hlc::{Clock, SystemClock};
    SystemClock.now_ms() + 60_000
}

/// A county hub with the demo places, in `dir`.
pub fn county_at(dir: &Path) -> Store {
    let mut county = Store::open(&dir.join("county.db")).unwrap();
    county.set_officer("县办李娜");
    load_demo_places(&mut county).unwrap();
    county.county_init().unwrap();
    county
}

/// A fresh laptop enrolled for `township`, with the county's reference package applied.
pub fn device_at(county: &mut Store, path: &Path, township: &str, officer: &str) -> Store {
    let mut device = Store::open(path).unwrap();
    device.set_officer(officer);
    let (request, _) = device.device_request().unwrap();
    let (answer, summary) = county.county_enroll(&request, township).unwrap();
    let enrolled = device.device_enroll(&answer).unwrap();
    assert_eq!(enrolled.township_code.as_deref(), Some(township));
    assert_eq!(enrolled.county_fingerprint, summary.county_fingerprint);
    let (package, _) = county.sync_package(device.device_id()).unwrap();
    device.sync_apply(&package).unwrap();
    device
}

pub fn village(code: &str) -> String {
    demo_id("village", code)
}

/// Registers a household directly on the write path (the sync tests need raw control).
pub fn add_household(store: &mut Store, village_id: &str, name: &str, id_number: &str) -> String {
    let id = uuid::Uuid::now_v7().to_string();
    let rev: String = id_number.chars().rev().collect();
    store
        .write(|tx, w| {
            write::record(
                tx,
                w,
                &HOUSEHOLD,
                &id,
                Op::Create,
                &[
                    ("head_name", SqlValue::Text(name.into())),
                    ("id_number", SqlValue::Text(id_number.into())),
                    ("id_number_rev", SqlValue::Text(rev)),
                    ("size", SqlValue::Integer(3)),
                    ("village_id", SqlValue::Text(village_id.into())),
                    ("category", SqlValue::Text("general".into())),
                    ("phone", SqlValue::Text(String::new())),
                    ("notes", SqlValue::Text(String::new())),
                ],
            )?;
            Ok(())
        })
        .unwrap();
    id
}

pub fn set(store: &mut Store, id: &str, field: &'static str, value: Value) {
    store
        .write(|tx, w| {
            write::record(
                tx,
                w,
                &HOUSEHOLD,
                id,
                Op::Update,
                &[(field, to_sql(&value))],
            )?;
            Ok(())
        })
        .unwrap();
}

pub fn delete(store: &mut Store, id: &str) {
    store
        .write(|tx, w| {
            write::record(tx, w, &HOUSEHOLD, id, Op::Delete, &[])?;
            Ok(())
        })
        .unwrap();
}

fn to_sql(v: &Value) -> SqlValue {
    match v {
        Value::Null => SqlValue::Null,
        Value::Number(n) => SqlValue::Integer(n.as_i64().unwrap()),
        Value::String(s) => SqlValue::Text(s.clone()),
        other => SqlValue::Text(other.to_string()),
    }
}

pub fn get(store_path: &Path, id: &str, field: &str) -> Value {
    let conn = rusqlite::Connection::open(store_path).unwrap();
    let v: SqlValue = conn
        .query_row(
            &format!("SELECT {field} FROM household WHERE id = ?1"),
            [id],
            |r| r.get(0),
        )
        .unwrap();
    write::to_json(&v)
}

pub fn export(device: &mut Store) -> Vec<u8> {
    device.export_batch().unwrap().0
}

pub fn import(county: &mut Store, batch: &[u8]) -> BatchImportReport {
    county.import_batch(batch, false).unwrap().report
}

/// Every record (live ones with their values, deleted ones as tombstones) and the open
/// conflicts by record and field: what must not depend on import order.
pub fn state(path: &Path) -> String {
    let conn = rusqlite::Connection::open(path).unwrap();
    let mut out = String::new();
    // Findings are the hub's own, made by the checks each import runs: when a finding was
    // first or last seen depends on the order the batches came in, not the synced records.
    for entity in ENTITIES.iter().filter(|e| e.name != "finding") {
        let sql = format!(
            "SELECT id, deleted_hlc IS NOT NULL, {} FROM {} ORDER BY id",
            entity.columns.join(", "),
            entity.table
        );
        let mut stmt = conn.prepare(&sql).unwrap();
        let mut rows = stmt.query([]).unwrap();
        while let Some(row) = rows.next().unwrap() {
            let id: String = row.get(0).unwrap();
            if row.get::<_, bool>(1).unwrap() {
                out += &format!("{} {id} deleted\n", entity.name);
                continue;
            }
            let values: Vec<Value> = (0..entity.columns.len())
                .map(|i| write::to_json(&row.get::<_, SqlValue>(i + 2).unwrap()))
                .collect();
            out += &format!("{} {id} {}\n", entity.name, Value::from(values));
        }
    }
    let mut stmt = conn
        .prepare("SELECT DISTINCT entity, record_id, field FROM sync_conflict WHERE status = 'open' ORDER BY 1, 2, 3")
        .unwrap();
    let mut rows = stmt.query([]).unwrap();
    while let Some(row) = rows.next().unwrap() {
        out += &format!(
            "conflict {} {} {}\n",
            row.get::<_, String>(0).unwrap(),
            row.get::<_, String>(1).unwrap(),
            row.get::<_, String>(2).unwrap()
        );
    }
    out
}

/// Every row of every table: "nothing written" means this does not change.
pub fn dump(path: &Path) -> String {
    let conn = rusqlite::Connection::open(path).unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let mut out = String::new();
    for table in tables {
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM \"{table}\" ORDER BY 1"))
            .unwrap();
        let n = stmt.column_count();
        let mut rows = stmt.query([]).unwrap();
        while let Some(row) = rows.next().unwrap() {
            let values: Vec<String> = (0..n)
                .map(|i| format!("{:?}", row.get::<_, SqlValue>(i).unwrap()))
                .collect();
            out += &format!("{table}: {}\n", values.join("|"));
        }
    }
    out
}

/// A county with two households in 鸡峰镇 and one enrolled laptop there.
pub struct Setup {
    pub dir: tempfile::TempDir,
    pub county: Store,
    pub device: Store,
    pub h1: String,
    pub h2: String,
}

impl Setup {
    pub fn new() -> Setup {
        let dir = tempfile::tempdir().unwrap();
        let mut county = county_at(dir.path());
        let v = village("621221101201");
        let h1 = add_household(&mut county, &v, "张三", "621221198001010011");
        let h2 = add_household(&mut county, &v, "李四", "621221198002020022");
        let device = device_at(&mut county, &dir.path().join("laptop.db"), T1, "王芳");
        Setup {
            dir,
            county,
            device,
            h1,
            h2,
        }
    }
    pub fn county_path(&self) -> PathBuf {
        self.dir.path().join("county.db")
    }
}

#[test]
fn enrollment_pins_keys_and_a_fresh_laptop_adopts_the_countys_records() {
    let s = Setup::new();
    let status = s.device.sync_status().unwrap();
    assert_eq!(status.mode, "device");
    assert_eq!(status.township_code.as_deref(), Some(T1));
    assert_eq!(
        status.county_fingerprint,
        s.county.sync_status().unwrap().fingerprint
    );
    // The package brought the township's register under the county's ids.
    assert_eq!(
        get(&s.dir.path().join("laptop.db"), &s.h1, "head_name"),
        json!("张三")
    );
    // Only this device's own edits are pending, not what the package wrote.
    assert!(!status.pending.contains_key("household"));
    let devices = s.county.sync_devices().unwrap();
    assert_eq!(devices.len(), 1);
    assert_eq!(devices[0].township_code, T1);
    assert_eq!(devices[0].fingerprint, status.fingerprint.unwrap());
}

#[test]
fn a_batch_applies_and_a_second_import_is_a_noop_returning_the_stored_receipt() {
    let mut s = Setup::new();
    set(&mut s.device, &s.h1, "phone", json!("13800138000"));
    let batch = export(&mut s.device);
    let dry = s.county.import_batch(&batch, true).unwrap();
    assert!(dry.report.dry_run);
    assert_eq!(dry.report.entities["household"].changed, 1);
    assert_eq!(
        get(&s.county_path(), &s.h1, "phone"),
        json!(""),
        "a dry run writes nothing"
    );

    let first = s.county.import_batch(&batch, false).unwrap();
    assert_eq!(first.report.outcome, "applied");
    let mut expected = dry.report.clone();
    expected.dry_run = false;
    assert_eq!(
        first.report.entities, expected.entities,
        "dry run and import report alike"
    );
    assert_eq!(get(&s.county_path(), &s.h1, "phone"), json!("13800138000"));
    let before = dump(&s.county_path());

    let second = s.county.import_batch(&batch, false).unwrap();
    assert_eq!(second.report.outcome, "duplicate");
    assert_eq!(
        second.receipt, first.receipt,
        "the stored receipt comes back"
    );
    assert_eq!(dump(&s.county_path()), before, "nothing written");

    // The receipt acknowledges everything: nothing is pending any more on the laptop.
    let applied = s.device.sync_apply(&first.receipt.unwrap()).unwrap();
    assert_eq!(applied.acked_seq, first.report.seq_to);
    assert!(s.device.sync_status().unwrap().pending.is_empty());
    assert_eq!(
        s.device.export_batch().unwrap_err().code(),
        "SYNC_NOTHING_PENDING"
    );
    // The county's log names the officer and device that made the change; the chain holds.
    let history = s.county.history("household", &s.h1).unwrap();
    let last = history.last().unwrap();
    assert_eq!(last.officer, "王芳");
    assert_eq!(last.device_id, s.device.device_id());
    assert!(s.county.verify_log().unwrap().first_broken.is_none());
}

#[test]
fn an_overlapping_cumulative_batch_applies_only_the_new_changes() {
    let mut s = Setup::new();
    set(&mut s.device, &s.h1, "phone", json!("1"));
    let first = export(&mut s.device);
    set(&mut s.device, &s.h1, "notes", json!("second"));
    // No receipt in between: the second batch repeats the first one's changes.
    let second = export(&mut s.device);
    import(&mut s.county, &first);
    let log_before = s.county.verify_log().unwrap().entries;
    let report = import(&mut s.county, &second);
    assert_eq!(report.outcome, "applied");
    let counts = &report.entities["household"];
    assert_eq!(
        (counts.changed, counts.unchanged),
        (1, 0),
        "only the new change is applied"
    );
    assert_eq!(s.county.verify_log().unwrap().entries, log_before + 1);
    assert_eq!(get(&s.county_path(), &s.h1, "notes"), json!("second"));
}

#[test]
fn batches_out_of_order_are_staged_and_converge_to_the_in_order_state() {
    let mut s = Setup::new();
    // A copy of the county before any import, to import in order for comparison.
    let in_order_dir = tempfile::tempdir().unwrap();
    let copy = in_order_dir.path().join("county.db");
    rusqlite::Connection::open(s.county_path())
        .unwrap()
        .execute("VACUUM INTO ?1", [copy.to_str().unwrap()])
        .unwrap();

    set(&mut s.device, &s.h1, "phone", json!("1"));
    let b1 = s.county_import_and_ack_on_scratch(&s.dir.path().join("scratch"));
    set(&mut s.device, &s.h1, "phone", json!("2"));
    set(&mut s.device, &s.h2, "notes", json!("n"));
    let b2 = export(&mut s.device);
    assert!(!b2.is_empty());

    let r2 = import(&mut s.county, &b2);
    assert_eq!(r2.outcome, "staged");
    assert!(r2.waiting_for.is_some());
    assert_eq!(
        get(&s.county_path(), &s.h1, "phone"),
        json!(""),
        "staged, not applied"
    );
    let r1 = import(&mut s.county, &b1);
    assert_eq!(r1.outcome, "applied");
    assert_eq!(
        r1.unstaged.len(),
        1,
        "the staged batch follows once the gap is filled"
    );
    assert_eq!(r1.applied_through, r2.seq_to);

    let mut in_order = Store::open(&copy).unwrap();
    import(&mut in_order, &b1);
    import(&mut in_order, &b2);
    drop(in_order);
    assert_eq!(state(&s.county_path()), state(&copy));
    assert_eq!(get(&s.county_path(), &s.h1, "phone"), json!("2"));
}

impl Setup {
    /// Exports a batch, has a scratch copy of the county import it, and applies that receipt on
    /// the laptop, so the next export starts after it (as when a batch travelled ahead).
    fn county_import_and_ack_on_scratch(&mut self, scratch: &Path) -> Vec<u8> {
        std::fs::create_dir_all(scratch).unwrap();
        let path = scratch.join("county.db");
        rusqlite::Connection::open(self.county_path())
            .unwrap()
            .execute("VACUUM INTO ?1", [path.to_str().unwrap()])
            .unwrap();
        let batch = export(&mut self.device);
        let mut other = Store::open(&path).unwrap();
        let result = other.import_batch(&batch, false).unwrap();
        self.device.sync_apply(&result.receipt.unwrap()).unwrap();
        batch
    }
}

#[test]
fn the_concurrent_edits_matrix_has_the_documented_outcomes() {
    let dir = tempfile::tempdir().unwrap();
    let mut county = county_at(dir.path());
    let v = village("621221101201");
    let h: Vec<String> = (0..6)
        .map(|i| {
            add_household(
                &mut county,
                &v,
                &format!("户主{i}"),
                &format!("62122119800101{i:04}"),
            )
        })
        .collect();
    let mut a = device_at(&mut county, &dir.path().join("a.db"), T1, "甲");
    let mut b = device_at(&mut county, &dir.path().join("b.db"), T1, "乙");
    let now = now_ms();
    let (ca, cb) = (
        Arc::new(ManualClock::at(now)),
        Arc::new(ManualClock::at(now)),
    );
    a.set_clock(ca.clone());
    b.set_clock(cb.clone());
    let county_clock = Arc::new(ManualClock::at(now + 3_600_000));
    county.set_clock(county_clock.clone());

    // different LWW fields: both kept
    set(&mut a, &h[0], "phone", json!("a-phone"));
    set(&mut b, &h[0], "notes", json!("b-notes"));
    // same LWW field: the later edit wins (b is later)
    ca.set(now + 10);
    set(&mut a, &h[1], "phone", json!("a-early"));
    cb.set(now + 20);
    set(&mut b, &h[1], "phone", json!("b-late"));
    // same REVIEW field, edited by the county and a device: the county's value stays, a conflict
    county.set_officer("县办李娜");
    county_clock.set(now + 3_600_000);
    set(&mut county, &h[2], "head_name", json!("县里改名"));
    set(&mut a, &h[2], "head_name", json!("设备改名"));
    // COUNTY_ONLY field: never taken from a device
    set(&mut b, &h[3], "category", json!("dibao"));
    // identical edits: applied once, no conflict
    set(&mut a, &h[4], "head_name", json!("同名"));
    set(&mut b, &h[4], "head_name", json!("同名"));
    // delete vs edit: the delete wins, the edit is refused
    delete(&mut a, &h[5]);
    set(&mut b, &h[5], "phone", json!("late edit"));

    let (ba, bb) = (export(&mut a), export(&mut b));
    let copy = dir.path().join("copy.db");
    rusqlite::Connection::open(dir.path().join("county.db"))
        .unwrap()
        .execute("VACUUM INTO ?1", [copy.to_str().unwrap()])
        .unwrap();
    let ra = import(&mut county, &ba);
    let rb = import(&mut county, &bb);
    let cp = dir.path().join("county.db");
    assert_eq!(get(&cp, &h[0], "phone"), json!("a-phone"));
    assert_eq!(get(&cp, &h[0], "notes"), json!("b-notes"));
    assert_eq!(get(&cp, &h[1], "phone"), json!("b-late"));
    assert_eq!(get(&cp, &h[2], "head_name"), json!("县里改名"));
    let conflicts = county.sync_conflicts(false).unwrap();
    assert_eq!(conflicts.len(), 1, "{conflicts:?}");
    let c = &conflicts[0];
    assert_eq!(
        (c.record_id.as_str(), c.field.as_str()),
        (h[2].as_str(), "head_name")
    );
    assert_eq!(
        (c.base.clone(), c.county.clone(), c.incoming.clone()),
        (json!("户主2"), json!("县里改名"), json!("设备改名"))
    );
    assert_eq!(get(&cp, &h[3], "category"), json!("general"));
    assert!(rb
        .refused
        .iter()
        .any(|r| r.code == "SYNC_COUNTY_ONLY_FIELD" && r.record_id == h[3]));
    assert_eq!(get(&cp, &h[4], "head_name"), json!("同名"));
    assert!(rb
        .refused
        .iter()
        .any(|r| r.code == "RECORD_DELETED" && r.record_id == h[5]));
    assert!(ra.conflicts.len() == 1 && rb.conflicts.is_empty());

    // The other order gives the same records and the same open conflicts.
    let mut other = Store::open(&copy).unwrap();
    other.set_clock(county_clock.clone());
    import(&mut other, &bb);
    import(&mut other, &ba);
    drop(other);
    assert_eq!(state(&cp), state(&copy));

    // The clerk resolves the conflict with a note; the decision flows down in the package.
    let resolved = county
        .resolve_conflict(&c.id, Resolution::Incoming, "经核对户口本，以设备为准")
        .unwrap();
    assert_eq!(resolved.status, "resolved");
    assert_eq!(get(&cp, &h[2], "head_name"), json!("设备改名"));
    assert_eq!(
        county
            .resolve_conflict(&c.id, Resolution::County, "again")
            .unwrap_err()
            .code(),
        "SYNC_CONFLICT_RESOLVED"
    );
    let receipt = county.import_batch(&ba, false).unwrap().receipt.unwrap();
    a.sync_apply(&receipt).unwrap();
    let (package, _) = county.sync_package(a.device_id()).unwrap();
    let applied = a.sync_apply(&package).unwrap();
    assert_eq!(applied.resolutions, 1);
    assert_eq!(
        get(&dir.path().join("a.db"), &h[2], "head_name"),
        json!("设备改名")
    );
    assert_eq!(
        get(&dir.path().join("a.db"), &h[1], "phone"),
        json!("b-late"),
        "the register is updated"
    );
}

#[test]
fn packages_are_idempotent_and_an_older_one_is_ignored() {
    let mut s = Setup::new();
    let (old, _) = s.county.sync_package(s.device.device_id()).unwrap();
    set(&mut s.county, &s.h1, "phone", json!("county phone"));
    let (new, summary) = s.county.sync_package(s.device.device_id()).unwrap();
    let applied = s.device.sync_apply(&new).unwrap();
    assert!(!applied.ignored && applied.updated == 1);
    let laptop = s.dir.path().join("laptop.db");
    assert_eq!(get(&laptop, &s.h1, "phone"), json!("county phone"));
    let again = s.device.sync_apply(&new).unwrap();
    assert!(again.ignored, "the same package twice changes nothing");
    let older = s.device.sync_apply(&old).unwrap();
    assert!(
        older.ignored,
        "an older package after a newer one is ignored"
    );
    assert_eq!(get(&laptop, &s.h1, "phone"), json!("county phone"));
    assert_eq!(
        s.device.sync_status().unwrap().package_version,
        summary.version
    );

    // A device's own unsent edit is not overwritten by the package.
    set(&mut s.device, &s.h2, "notes", json!("mine"));
    set(&mut s.county, &s.h2, "notes", json!("county's"));
    let (newest, _) = s.county.sync_package(s.device.device_id()).unwrap();
    let applied = s.device.sync_apply(&newest).unwrap();
    assert_eq!(applied.kept_pending, 1);
    assert_eq!(get(&laptop, &s.h2, "notes"), json!("mine"));
}

#[test]
fn unknown_and_revoked_devices_are_refused_and_nothing_is_written() {
    let mut s = Setup::new();
    // Unknown: a county copy from before this laptop was enrolled.
    let before_dir = tempfile::tempdir().unwrap();
    let mut other_county = county_at(before_dir.path());
    set(&mut s.device, &s.h1, "phone", json!("x"));
    let batch = export(&mut s.device);
    // (another county cannot even decrypt it)
    assert_eq!(
        other_county.import_batch(&batch, false).unwrap_err().code(),
        "SYNC_CANNOT_DECRYPT"
    );

    // Other township: see `township_boundary` (refused change by change and named in the
    // receipt, so the laptop can withdraw it).

    // Revoked.
    s.county.county_revoke(s.device.device_id()).unwrap();
    let before = dump(&s.county_path());
    assert_eq!(
        s.county.import_batch(&batch, false).unwrap_err().code(),
        "SYNC_DEVICE_REVOKED"
    );
    assert_eq!(dump(&s.county_path()), before);

    // Unknown: a device enrolled with county A, its batch re-signed... a laptop the county never
    // enrolled cannot export at all; a batch naming an unknown device is refused.
    let tamper = crate::sync_tamper::Opened::new(&s.county_path(), &batch);
    let mut entries = tamper.entries.clone();
    let sig = entries
        .iter_mut()
        .find(|e| e.name == "manifest.sig")
        .unwrap();
    let text = String::from_utf8(sig.data.clone()).unwrap();
    sig.data = text
        .replacen(s.device.device_id(), "0123456789abcdef0123456789abcdef", 1)
        .into_bytes();
    let forged = tamper.seal(&entries);
    assert_eq!(
        s.county.import_batch(&forged, false).unwrap_err().code(),
        "SYNC_UNKNOWN_DEVICE"
    );
    assert_eq!(dump(&s.county_path()), before);
}

#[test]
fn a_device_clock_a_year_ahead_is_clamped_and_flagged() {
    let mut s = Setup::new();
    let year = 365 * 24 * 3_600_000;
    let now = now_ms();
    let county_clock = Arc::new(ManualClock::at(now));
    s.county.set_clock(county_clock.clone());
    let skewed = Arc::new(ManualClock::at(now + year));
    s.device.set_clock(skewed);
    set(&mut s.device, &s.h1, "phone", json!("from the future"));
    let report = import(&mut s.county, &export(&mut s.device));
    assert_eq!(report.clock.len(), 1, "{report:?}");
    assert_eq!(report.clock[0].record_id, s.h1);
    // Clamped: a second laptop's edit made an hour later (by the right clock) still wins.
    let mut other = device_at(&mut s.county, &s.dir.path().join("other.db"), T1, "赵六");
    other.set_clock(Arc::new(ManualClock::at(now + 3_600_000)));
    county_clock.set(now + 3_600_000);
    set(&mut other, &s.h1, "phone", json!("an hour later"));
    let r = import(&mut s.county, &export(&mut other));
    assert!(r.clock.is_empty());
    assert_eq!(
        get(&s.county_path(), &s.h1, "phone"),
        json!("an hour later")
    );
}

#[test]
fn a_fork_same_seq_different_content_is_refused() {
    let mut s = Setup::new();
    let laptop = s.dir.path().join("laptop.db");
    let copy = s.dir.path().join("restored.db");
    rusqlite::Connection::open(&laptop)
        .unwrap()
        .execute("VACUUM INTO ?1", [copy.to_str().unwrap()])
        .unwrap();
    set(&mut s.device, &s.h1, "phone", json!("original"));
    import(&mut s.county, &export(&mut s.device));
    // The laptop restored from a backup writes a different change under the same seq.
    let mut restored = Store::open(&copy).unwrap();
    set(&mut restored, &s.h1, "phone", json!("diverged"));
    let before = dump(&s.county_path());
    assert_eq!(
        s.county
            .import_batch(&export(&mut restored), false)
            .unwrap_err()
            .code(),
        "SYNC_FORK"
    );
    assert_eq!(dump(&s.county_path()), before);
}

#[test]
fn the_cli_runs_the_whole_round_trip_with_json_and_exit_codes() {
    use std::process::Command;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_fieldbook"))
            .args(args)
            .env("FIELDBOOK_OFFICER", "测试")
            .current_dir(d)
            .output()
            .unwrap();
        if !out.status.success() {
            // Shown with the test's output when an assertion on the exit code fails.
            eprintln!(
                "fieldbook {args:?}: {}\n{}",
                out.status,
                String::from_utf8_lossy(&out.stderr)
            );
        }
        let json: Value = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
        (
            out.status.code().unwrap(),
            json,
            String::from_utf8_lossy(&out.stderr).to_string(),
        )
    };
    {
        let mut county = Store::open(&d.join("county.db")).unwrap();
        load_demo_places(&mut county).unwrap();
    }
    assert_eq!(run(&["--db", "county.db", "--json", "county", "init"]).0, 0);
    let (code, req, _) = run(&[
        "--db",
        "laptop.db",
        "--json",
        "device",
        "request",
        "--out",
        "req.json",
    ]);
    assert_eq!(code, 0);
    let device = req["deviceId"].as_str().unwrap().to_string();
    let (code, ans, err) = run(&[
        "--db",
        "county.db",
        "--json",
        "county",
        "enroll",
        "req.json",
        "--township",
        T1,
        "--out",
        "ans.json",
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(ans["deviceFingerprint"], req["deviceFingerprint"]);
    assert_eq!(
        run(&[
            "--db",
            "laptop.db",
            "--json",
            "device",
            "enroll",
            "ans.json"
        ])
        .0,
        0
    );
    assert_eq!(
        run(&[
            "--db",
            "county.db",
            "--json",
            "sync",
            "package",
            "--device",
            &device,
            "--out",
            "p0.bin"
        ])
        .0,
        0
    );
    assert_eq!(
        run(&["--db", "laptop.db", "--json", "sync", "apply", "p0.bin"]).0,
        0
    );
    {
        let mut laptop = Store::open(&d.join("laptop.db")).unwrap();
        add_household(
            &mut laptop,
            &village("621221101201"),
            "新户",
            "621221198004040044",
        );
    }
    let (code, exported, _) = run(&[
        "--db",
        "laptop.db",
        "--json",
        "sync",
        "export",
        "--out",
        "b.fbsync",
    ]);
    assert_eq!(code, 0);
    assert_eq!(exported["counts"]["household"], 1);
    let (code, dry, _) = run(&[
        "--db",
        "county.db",
        "--json",
        "sync",
        "import",
        "b.fbsync",
        "--dry-run",
    ]);
    assert_eq!(
        (
            code,
            dry["dryRun"].clone(),
            dry["entities"]["household"]["new"].clone()
        ),
        (0, json!(true), json!(1))
    );
    let (code, applied, _) = run(&["--db", "county.db", "--json", "sync", "import", "b.fbsync"]);
    assert_eq!((code, applied["outcome"].clone()), (0, json!("applied")));
    let (code, again, _) = run(&["--db", "county.db", "--json", "sync", "import", "b.fbsync"]);
    assert_eq!((code, again["outcome"].clone()), (0, json!("duplicate")));
    assert_eq!(
        run(&[
            "--db",
            "county.db",
            "--json",
            "sync",
            "package",
            "--device",
            &device,
            "--out",
            "p1.bin"
        ])
        .0,
        0
    );
    let (code, apply, _) = run(&["--db", "laptop.db", "--json", "sync", "apply", "p1.bin"]);
    assert_eq!(code, 0);
    assert_eq!(apply["ackedSeq"], applied["seqTo"]);
    let (code, status, _) = run(&["--db", "laptop.db", "--json", "sync", "status"]);
    assert_eq!((code, status["pending"].clone()), (0, json!({})));
    // Refused: a damaged file → exit 1 with a coded error; usage error → exit 2.
    std::fs::write(d.join("bad.fbsync"), b"garbage").unwrap();
    let (code, bad, _) = run(&[
        "--db",
        "county.db",
        "--json",
        "sync",
        "import",
        "bad.fbsync",
    ]);
    assert_eq!(code, 1);
    assert_eq!(bad["error"]["code"], "SYNC_CANNOT_DECRYPT");
    assert_eq!(run(&["--db", "county.db", "sync", "import"]).0, 2);
    let (code, list, _) = run(&["--db", "county.db", "--json", "conflicts", "list"]);
    assert_eq!((code, list), (0, json!([])));
}

#[test]
fn a_laptop_and_the_county_that_both_loaded_the_demo_agree_on_every_record() {
    let dir = tempfile::tempdir().unwrap();
    let mut county = Store::open(&dir.path().join("county.db")).unwrap();
    fieldbook::demo::load_demo(&mut county).unwrap();
    county.county_init().unwrap();
    // The desktop app loads the demo on a laptop's first start.
    let mut laptop = Store::open(&dir.path().join("laptop.db")).unwrap();
    fieldbook::demo::load_demo(&mut laptop).unwrap();
    let (request, _) = laptop.device_request().unwrap();
    let (answer, _) = county.county_enroll(&request, T1).unwrap();
    laptop.device_enroll(&answer).unwrap();
    let (package, _) = county.sync_package(laptop.device_id()).unwrap();
    let applied = laptop.sync_apply(&package).unwrap();
    assert_eq!(
        (applied.created, applied.updated),
        (0, 0),
        "same ids, same values"
    );
    let report = import(&mut county, &export(&mut laptop));
    assert_eq!(report.outcome, "applied");
    assert!(report.refused.is_empty() && report.conflicts.is_empty());
    let counts = &report.entities["household"];
    assert_eq!((counts.new, counts.changed), (0, 0));
    assert!(counts.unchanged > 1000);
}

/// Found by the property test: two laptops make the same REVIEW edit, then one of them edits the
/// field again. Neither pair of edits is concurrent, so no conflict, whatever the order.
#[test]
fn identical_review_edits_followed_by_one_more_open_no_conflict_in_any_order() {
    let dir = tempfile::tempdir().unwrap();
    let mut county = county_at(dir.path());
    let h = add_household(
        &mut county,
        &village("621221101201"),
        "原名",
        "621221198006060066",
    );
    let mut a = device_at(&mut county, &dir.path().join("a.db"), T1, "甲");
    let mut b = device_at(&mut county, &dir.path().join("b.db"), T1, "乙");
    let copy = dir.path().join("copy.db");
    rusqlite::Connection::open(dir.path().join("county.db"))
        .unwrap()
        .execute("VACUUM INTO ?1", [copy.to_str().unwrap()])
        .unwrap();
    let (ca, cb) = (
        Arc::new(ManualClock::at(now_ms())),
        Arc::new(ManualClock::at(now_ms())),
    );
    a.set_clock(ca.clone());
    b.set_clock(cb.clone());
    set(&mut b, &h, "head_name", json!("新名"));
    let b1 = export(&mut b);
    ca.set(now_ms() + 1_000);
    set(&mut a, &h, "head_name", json!("新名"));
    cb.set(now_ms() + 2_000);
    set(&mut b, &h, "head_name", json!("再改"));
    let (ba, b2) = (export(&mut a), export(&mut b));
    for (path, order) in [
        (dir.path().join("county.db"), [&b1, &b2, &ba]),
        (copy.clone(), [&b1, &ba, &b2]),
    ] {
        drop(std::mem::replace(&mut county, Store::open(&path).unwrap()));
        for batch in order {
            import(&mut county, batch);
        }
        assert!(county.sync_conflicts(false).unwrap().is_empty());
        assert_eq!(get(&path, &h, "head_name"), json!("再改"));
    }
}
