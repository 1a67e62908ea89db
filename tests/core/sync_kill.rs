//! The importer killed with SIGKILL at random moments (the CLI in a child process): every time
//! the database passes `PRAGMA integrity_check` and is exactly as before or exactly as after
//! the batch, and running the import again completes it.
//!
//! The kill moments come from a seed, printed as `SYNC_KILL_SEED=…`; set that variable to replay
//! a run (the moments are fractions of the measured import time, so a replay kills at the same
//! points of the import even on a faster or slower machine). See docs/testing.md.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use fieldbook::store::entities::HOUSEHOLD;
use fieldbook::store::write::{self, Op};
use rusqlite::types::Value as SqlValue;

use crate::sync::{county_at, device_at, state, village, T1};

const HOUSEHOLDS: usize = 2_500;
const RUNS: usize = 20;

fn fingerprint(path: &Path) -> String {
    let conn = rusqlite::Connection::open(path).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    format!(
        "log {} applied {} batches {} staged {}\n{}",
        count("SELECT count(*) FROM change_log"),
        count("SELECT count(*) FROM sync_applied"),
        count("SELECT count(*) FROM sync_batch"),
        count("SELECT count(*) FROM sync_staged"),
        state(path)
    )
}

fn import(db: &Path, batch: &Path) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_fieldbook"))
        .args([
            "--db",
            db.to_str().unwrap(),
            "--json",
            "sync",
            "import",
            batch.to_str().unwrap(),
        ])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap()
}

fn copy(from: &Path, to: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", to.display()));
    }
    rusqlite::Connection::open(from)
        .unwrap()
        .execute("VACUUM INTO ?1", [to.to_str().unwrap()])
        .unwrap();
}

#[test]
fn sigkill_during_import_leaves_before_or_after_and_a_rerun_completes() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let batch = d.join("batch.fbsync");
    {
        let mut county = county_at(d);
        let mut device = device_at(&mut county, &d.join("laptop.db"), T1, "王芳");
        let v = village("621221101201");
        device
            .write(|tx, w| {
                for i in 0..HOUSEHOLDS {
                    let id_number = format!("6212211990{i:08}");
                    let rev: String = id_number.chars().rev().collect();
                    write::record(
                        tx,
                        w,
                        &HOUSEHOLD,
                        &uuid::Uuid::now_v7().to_string(),
                        Op::Create,
                        &[
                            ("head_name", SqlValue::Text(format!("户主{i}"))),
                            ("id_number", SqlValue::Text(id_number)),
                            ("id_number_rev", SqlValue::Text(rev)),
                            ("size", SqlValue::Integer(3)),
                            ("village_id", SqlValue::Text(v.clone())),
                            ("category", SqlValue::Text("general".into())),
                        ],
                    )?;
                }
                Ok(())
            })
            .unwrap();
        fieldbook::sync::export_to(&mut device, &batch).unwrap();
    }
    let pristine = d.join("pristine.db");
    copy(&d.join("county.db"), &pristine);
    let before = fingerprint(&pristine);

    let reference = d.join("reference.db");
    copy(&pristine, &reference);
    let started = Instant::now();
    crate::succeeded(import(&reference, &batch).wait_with_output().unwrap());
    let full = started.elapsed();
    let after = fingerprint(&reference);
    assert_ne!(before, after);

    // xorshift, seeded from SYNC_KILL_SEED or else the clock, and printed, so a failure can be
    // replayed.
    let mut seed = match std::env::var("SYNC_KILL_SEED") {
        Ok(v) => v
            .trim()
            .parse::<u64>()
            .unwrap_or_else(|_| panic!("SYNC_KILL_SEED={v:?} is not a u64")),
        Err(_) => std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos() as u64,
    } | 1;
    let replay = format!("replay with SYNC_KILL_SEED={seed}");
    eprintln!("sync_kill: SYNC_KILL_SEED={seed}, a full import takes {full:?}");
    let run_db = d.join("run.db");
    let (mut killed_before, mut killed_after) = (0, 0);
    for run in 0..RUNS {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        // Somewhere in 0–110 % of a full import's time.
        let delay = full.mul_f64((seed % 10_000) as f64 / 10_000.0 * 1.1);
        copy(&pristine, &run_db);
        let mut child = import(&run_db, &batch);
        std::thread::sleep(delay);
        // SIGKILL; refused only if the import has finished and been reaped, which wait() below
        // has not done yet.
        child
            .kill()
            .unwrap_or_else(|e| panic!("run {run}: kill: {e}; {replay}"));
        let status = child
            .wait()
            .unwrap_or_else(|e| panic!("run {run}: wait: {e}; {replay}"));
        // No exit code: ended by a signal (ours).
        assert!(
            status.success() || status.code().is_none(),
            "run {run} (delay {delay:?}): the import neither finished nor was killed: {status}; \
             {replay}"
        );
        let found = fingerprint(&run_db);
        if found == before {
            killed_before += 1;
        } else if found == after {
            killed_after += 1;
        } else {
            panic!(
                "run {run} (delay {delay:?}): the database is neither before nor after the batch; \
                 {replay}"
            );
        }
        eprintln!("run {run}: the re-run; {replay}");
        crate::succeeded(import(&run_db, &batch).wait_with_output().unwrap());
        assert_eq!(
            fingerprint(&run_db),
            after,
            "run {run}: the re-run gives the full result; {replay}"
        );
    }
    eprintln!("{RUNS} SIGKILL runs: {killed_before} left the database before, {killed_after} after the batch");
    assert!(
        killed_before > 0,
        "at least one kill landed mid-import; {replay}"
    );
}
