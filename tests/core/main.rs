//! Core integration tests: one test binary (ripgrep's `tests/` pattern), one module per area.

mod agreements;
mod change_log;
mod cli;
mod cli_records;
mod demo;
mod household_batch;
mod households;
mod inspections;
mod migrations;
mod migrations_frozen;
mod notice_masking;
mod notices;
mod open;
mod places;
mod print;
mod print_fonts;
mod print_investment;
mod print_verify;
mod programmes;
mod records;
mod sheets;
mod sheets_export;
mod sheets_records;
mod sync;
mod sync_devices;
mod sync_kill;
mod sync_props;
mod sync_tamper;
mod training;

use std::path::PathBuf;

/// A fresh temporary directory and a database path inside it.
pub fn temp_db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("fieldbook.db");
    (dir, path)
}
