//! Core integration tests: one test binary (ripgrep's `tests/` pattern), one module per area.

mod agreement_programmes;
mod agreements;
mod archive;
mod backup;
mod change_log;
mod check_settings;
mod checks_callbacks;
mod checks_cli;
mod checks_findings;
mod checks_incremental;
mod checks_ledger;
mod checks_print;
mod checks_sheets;
mod checks_sync;
mod cli;
mod cli_lifecycle;
mod cli_records;
mod counting;
mod county;
mod county_sync;
mod dashboard;
mod demo;
mod demo_funds;
mod encryption;
mod encryption_cli;
mod encryption_convert;
mod forms;
mod fund_plan;
mod funds_applications;
mod funds_applications_cli;
mod funds_cli;
mod funds_gate;
mod funds_laptop;
mod funds_payments;
mod funds_setup;
mod funds_status;
mod fuzz_regressions;
mod history_labels;
mod hostile_bytes;
mod hostile_files;
mod household_batch;
mod household_search;
mod households;
mod idle_lock;
mod import_changes;
mod inspection_lock;
mod inspections;
mod kinds;
mod layers;
mod lifecycle;
mod lifecycle_sync;
mod locks_every_kind;
mod members;
mod migrations;
mod migrations_frozen;
mod notice_lists;
mod notice_masking;
mod notice_sync;
mod notices;
mod open;
mod places;
mod poor_now;
mod print;
mod print_application;
mod print_fonts;
mod print_funds;
mod print_funds_records;
mod print_investment;
mod print_verify;
mod programmes;
mod programmes_edit;
mod programmes_laptop;
mod records;
mod refused_corrected;
mod retired_places;
mod sheets;
mod sheets_export;
mod sheets_funds;
mod sheets_hostile;
mod sheets_records;
mod station_months;
mod stats_report;
mod sync;
mod sync_devices;
mod sync_hostile;
mod sync_kill;
mod sync_package_content;
mod sync_props;
mod sync_tamper;
mod targets;
mod targets_counties;
mod township_boundary;
mod training;

use std::path::PathBuf;

/// A fresh temporary directory and a database path inside it.
pub fn temp_db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("fieldbook.db");
    (dir, path)
}

/// Runs the `fieldbook` binary on `db` as `officer` with `args`, feeding `stdin` (a JSON
/// document) when given; never the user's own database (`FIELDBOOK_DB` is removed).
pub fn fieldbook_cli(
    db: &std::path::Path,
    officer: &str,
    args: &[&str],
    stdin: Option<&serde_json::Value>,
) -> std::process::Output {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_fieldbook"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("FIELDBOOK_DB")
        .env("FIELDBOOK_OFFICER", officer)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the fieldbook binary starts");
    let mut pipe = child.stdin.take().expect("stdin is piped");
    if let Some(value) = stdin {
        pipe.write_all(value.to_string().as_bytes()).unwrap();
    }
    drop(pipe);
    child.wait_with_output().unwrap()
}

/// For a run of the `fieldbook` binary (or any command) that must succeed — a set-up step, or a
/// run whose answer is read: fails, showing the exit status, stdout and stderr, unless it
/// exited 0. Returns the output (owned or borrowed) for reading.
#[track_caller]
pub fn succeeded<O: std::borrow::Borrow<std::process::Output>>(output: O) -> O {
    let out = output.borrow();
    assert!(
        out.status.success(),
        "the command failed ({}):\n--- stdout\n{}\n--- stderr\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    output
}
