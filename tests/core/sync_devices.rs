//! Setting up the county hub and revoking devices: what the desktop's buttons and the CLI call.

use std::process::Command;

use fieldbook::demo::load_demo_places;
use fieldbook::Store;
use serde_json::{json, Value};

use crate::sync::{dump, export, set, Setup, T1};
use crate::temp_db;

#[test]
fn county_init_makes_new_keys_once_and_refuses_an_enrolled_device() {
    let (_dir, path) = temp_db();
    let mut db = Store::open(&path).unwrap();
    assert_eq!(db.county_init().unwrap_err().code(), "SYNC_NO_COUNTY");
    load_demo_places(&mut db).unwrap();
    // The wrong button first: an enrollment request made keys for this database.
    let (_, request) = db.device_request().unwrap();
    let county = db.county_init().unwrap();
    let fingerprint = county.county_fingerprint.clone().unwrap();
    assert_ne!(
        fingerprint, request.device_fingerprint,
        "the county's keys are new, never the ones a request handed out"
    );
    let status = db.sync_status().unwrap();
    assert_eq!(status.mode, "county");
    assert_eq!(
        status.county_fingerprint.as_deref(),
        Some(fingerprint.as_str())
    );
    assert_eq!(status.fingerprint.as_deref(), Some(fingerprint.as_str()));

    let again = db.county_init().unwrap_err();
    assert_eq!(again.code(), "SYNC_ALREADY_COUNTY");
    assert_eq!(
        db.sync_status().unwrap().county_fingerprint.as_deref(),
        Some(fingerprint.as_str()),
        "a second init keeps the keys"
    );

    // An enrolled laptop is refused, and nothing changes.
    let mut s = Setup::new();
    let laptop = s.dir.path().join("laptop.db");
    let before = dump(&laptop);
    let err = s.device.county_init().unwrap_err();
    assert_eq!(err.code(), "SYNC_ALREADY_DEVICE");
    assert!(err.to_string().contains("乡镇设备"), "{err}");
    assert_eq!(dump(&laptop), before);
    assert_eq!(s.device.sync_status().unwrap().mode, "device");
}

#[test]
fn revoke_names_the_device_is_idempotent_and_refuses_its_batches() {
    let mut s = Setup::new();
    let id = s.device.device_id().to_string();
    set(&mut s.device, &s.h1, "phone", json!("13800138000"));
    let batch = export(&mut s.device);

    let unknown = s.county.county_revoke("0123456789abcdef").unwrap_err();
    assert_eq!(unknown.code(), "SYNC_UNKNOWN_DEVICE");
    assert!(
        unknown.to_string().contains("0123456789abcdef"),
        "{unknown}"
    );
    assert_eq!(
        s.device.county_revoke(&id).unwrap_err().code(),
        "SYNC_NOT_COUNTY"
    );

    let first = s.county.county_revoke(&id).unwrap();
    assert!(!first.already_revoked);
    assert_eq!(first.device.device_id, id);
    assert_eq!(first.device.status, "revoked");
    assert_eq!(first.device.township_code, T1);
    assert_eq!(first.device.officer, "王芳");
    let at = first.device.revoked_at.clone().expect("revoked_at set");

    let second = s.county.county_revoke(&id).unwrap();
    assert!(second.already_revoked);
    assert_eq!(second.device.revoked_at.as_deref(), Some(at.as_str()));

    let listed = s.county.sync_devices().unwrap();
    assert_eq!(listed.len(), 1, "a revoked device keeps its row");
    assert_eq!(listed[0].status, "revoked");
    assert_eq!(listed[0].revoked_at.as_deref(), Some(at.as_str()));

    let before = dump(&s.county_path());
    let refused = s.county.import_batch(&batch, true).unwrap_err();
    assert_eq!(refused.code(), "SYNC_DEVICE_REVOKED");
    assert_eq!(
        s.county.import_batch(&batch, false).unwrap_err().code(),
        "SYNC_DEVICE_REVOKED"
    );
    assert_eq!(dump(&s.county_path()), before, "nothing written");

    // The same keys cannot come back through a new enrollment.
    let (request, _) = s.device.device_request().unwrap();
    assert_eq!(
        s.county.county_enroll(&request, T1).unwrap_err().code(),
        "SYNC_DEVICE_REVOKED"
    );
}

/// Runs the CLI with `--json`: exit code and the JSON on stdout (an answer or `{error}`).
fn cli(db: &std::path::Path, args: &[&str]) -> (Option<i32>, Value) {
    let out = Command::new(env!("CARGO_BIN_EXE_fieldbook"))
        .arg("--db")
        .arg(db)
        .args(args)
        .arg("--json")
        .env_remove("FIELDBOOK_DB")
        .output()
        .expect("run fieldbook");
    if !out.status.success() {
        // Shown with the test's output when an assertion on the exit code fails.
        eprintln!(
            "fieldbook {args:?}: {}\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let stdout = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    (out.status.code(), stdout)
}

#[test]
fn the_cli_revokes_once_and_then_refuses_the_devices_batch() {
    let mut s = Setup::new();
    let id = s.device.device_id().to_string();
    set(&mut s.device, &s.h2, "notes", json!("offline"));
    let batch = s.dir.path().join("batch.fbsync");
    std::fs::write(&batch, export(&mut s.device)).unwrap();
    let county = s.county_path();
    drop(s.county);

    let request = s.dir.path().join("request.json");
    std::fs::write(&request, s.device.device_request().unwrap().0).unwrap();
    let (code, info) = cli(
        &county,
        &["county", "read-request", request.to_str().unwrap()],
    );
    assert_eq!(code, Some(0));
    assert_eq!(info["deviceId"], id.as_str());
    assert_eq!(info["enrolled"]["status"], "active");

    let (code, refused) = cli(&county, &["county", "revoke", "no-such-device"]);
    assert_eq!(code, Some(1));
    assert_eq!(refused["error"]["code"], "SYNC_UNKNOWN_DEVICE");

    let (code, first) = cli(&county, &["county", "revoke", &id]);
    assert_eq!(code, Some(0));
    assert_eq!(first["alreadyRevoked"], false);
    assert_eq!(first["device"]["status"], "revoked");
    assert_eq!(first["device"]["townshipName"], "鸡峰镇");
    let (code, again) = cli(&county, &["county", "revoke", &id]);
    assert_eq!(code, Some(0));
    assert_eq!(again["alreadyRevoked"], true);
    assert_eq!(again["device"]["revokedAt"], first["device"]["revokedAt"]);

    let before = dump(&county);
    let (code, refused) = cli(&county, &["sync", "import", batch.to_str().unwrap()]);
    assert_eq!(code, Some(1));
    assert_eq!(refused["error"]["code"], "SYNC_DEVICE_REVOKED");
    assert_eq!(dump(&county), before, "nothing written");
}

#[test]
fn a_request_is_read_before_it_is_enrolled_and_names_an_earlier_enrollment() {
    let s = Setup::new();
    let mut county = s.county;
    let dir = tempfile::tempdir().unwrap();
    let mut fresh = Store::open(&dir.path().join("fresh.db")).unwrap();
    fresh.set_officer("赵强");
    let (request, summary) = fresh.device_request().unwrap();
    let before = dump(&s.dir.path().join("county.db"));
    let info = county.county_read_request(&request).unwrap();
    assert_eq!(info.device_id, summary.device_id);
    assert_eq!(info.device_fingerprint, summary.device_fingerprint);
    assert_eq!(info.officer, "赵强");
    assert!(info.enrolled.is_none());
    assert_eq!(
        dump(&s.dir.path().join("county.db")),
        before,
        "reading writes nothing"
    );

    county.county_enroll(&request, "宋坪乡").unwrap();
    let info = county.county_read_request(&request).unwrap();
    let enrolled = info.enrolled.expect("enrolled now");
    assert_eq!(enrolled.township_name, "宋坪乡");
    assert_eq!(enrolled.status, "active");

    let mut bad = request.clone();
    let n = bad.len();
    bad[n / 2] ^= 1;
    assert!(county.county_read_request(&bad).is_err());
    assert_eq!(
        fresh.county_read_request(&request).unwrap_err().code(),
        "SYNC_NOT_COUNTY"
    );
}
