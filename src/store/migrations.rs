//! Schema migrations: append-only SQL files in `migrations/`, embedded at build time. The schema
//! version lives in `PRAGMA user_version`; each step runs in its own transaction together with
//! the version bump, so a failed step leaves the database at the previous version.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension};

use crate::error::{Error, Result};

/// Migration `i` (0-based) takes the schema from version `i` to `i + 1`. Never edit or reorder a
/// landed entry: databases in the field were built by it.
pub const MIGRATIONS: &[(&str, &str)] = &[
    (
        "0001_places",
        include_str!("../../migrations/0001_places.sql"),
    ),
    (
        "0002_app_meta",
        include_str!("../../migrations/0002_app_meta.sql"),
    ),
    (
        "0003_change_log",
        include_str!("../../migrations/0003_change_log.sql"),
    ),
    (
        "0004_households_operators_agreements",
        include_str!("../../migrations/0004_households_operators_agreements.sql"),
    ),
    (
        "0005_programmes",
        include_str!("../../migrations/0005_programmes.sql"),
    ),
    (
        "0006_inspections",
        include_str!("../../migrations/0006_inspections.sql"),
    ),
    (
        "0007_training",
        include_str!("../../migrations/0007_training.sql"),
    ),
    (
        "0008_household_categories",
        include_str!("../../migrations/0008_household_categories.sql"),
    ),
    ("0009_sync", include_str!("../../migrations/0009_sync.sql")),
    (
        "0010_notices",
        include_str!("../../migrations/0010_notices.sql"),
    ),
    (
        "0011_export_audit",
        include_str!("../../migrations/0011_export_audit.sql"),
    ),
    (
        "0012_investment_notice_masking",
        include_str!("../../migrations/0012_investment_notice_masking.sql"),
    ),
    (
        "0013_field_clock_in_write_path",
        include_str!("../../migrations/0013_field_clock_in_write_path.sql"),
    ),
    (
        "0014_fix_forward_0006_0009",
        include_str!("../../migrations/0014_fix_forward_0006_0009.sql"),
    ),
    (
        "0015_place_retired",
        include_str!("../../migrations/0015_place_retired.sql"),
    ),
    (
        "0016_void_reason",
        include_str!("../../migrations/0016_void_reason.sql"),
    ),
    (
        "0017_mark_legacy_demo",
        include_str!("../../migrations/0017_mark_legacy_demo.sql"),
    ),
    (
        "0018_kind_options",
        include_str!("../../migrations/0018_kind_options.sql"),
    ),
    (
        "0019_station_month",
        include_str!("../../migrations/0019_station_month.sql"),
    ),
    (
        "0020_household_members_audience",
        include_str!("../../migrations/0020_household_members_audience.sql"),
    ),
    (
        "0021_agreement_programme_recheck",
        include_str!("../../migrations/0021_agreement_programme_recheck.sql"),
    ),
    (
        "0022_station_month_void_reason",
        include_str!("../../migrations/0022_station_month_void_reason.sql"),
    ),
    (
        "0023_attendance_register_now",
        include_str!("../../migrations/0023_attendance_register_now.sql"),
    ),
    (
        "0024_funds",
        include_str!("../../migrations/0024_funds.sql"),
    ),
    (
        "0025_idle_lock",
        include_str!("../../migrations/0025_idle_lock.sql"),
    ),
    (
        "0026_checks",
        include_str!("../../migrations/0026_checks.sql"),
    ),
    (
        "0027_callbacks",
        include_str!("../../migrations/0027_callbacks.sql"),
    ),
    (
        "0028_seasons_delivery",
        include_str!("../../migrations/0028_seasons_delivery.sql"),
    ),
    (
        "0029_household_search_keys",
        include_str!("../../migrations/0029_household_search_keys.sql"),
    ),
    (
        "0030_incremental_checks",
        include_str!("../../migrations/0030_incremental_checks.sql"),
    ),
    (
        "0031_household_list_order",
        include_str!("../../migrations/0031_household_list_order.sql"),
    ),
    (
        "0032_unlogged_rows_index",
        include_str!("../../migrations/0032_unlogged_rows_index.sql"),
    ),
];

pub const LATEST_VERSION: i64 = MIGRATIONS.len() as i64;

pub fn user_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.pragma_query_value(None, "user_version", |row| row.get(0))
}

/// Brings the schema to `LATEST_VERSION`. A database that already holds data is copied aside
/// first (`<file>.v<N>.bak`), so even a bug in a migration cannot cost a user their records.
pub fn migrate(conn: &mut Connection, path: Option<&Path>, from: i64) -> Result<()> {
    if from >= LATEST_VERSION {
        return Ok(());
    }
    let backup = match path {
        Some(path) if from > 0 => Some(backup_before_upgrade(conn, path, from)?),
        _ => None,
    };
    // A step that rebuilds a table other tables refer to (0018: operator) must not have SQLite
    // rewrite or enforce those references half-way: foreign keys are off while the steps run
    // (SQLite ignores the pragma inside a transaction) and each step is checked before it
    // commits, SQLite's own procedure for changing a table's schema.
    let enforced: bool = conn.pragma_query_value(None, "foreign_keys", |r| r.get(0))?;
    conn.pragma_update(None, "foreign_keys", false)?;
    let stepped = run_steps(conn, from, backup.as_deref());
    conn.pragma_update(None, "foreign_keys", enforced)?;
    stepped
}

fn run_steps(conn: &mut Connection, from: i64, backup: Option<&Path>) -> Result<()> {
    let backup = backup.map(Path::to_path_buf);
    for (index, (name, sql)) in MIGRATIONS.iter().enumerate().skip(from as usize) {
        let version = index as i64 + 1;
        let mut step = || -> rusqlite::Result<()> {
            let tx = conn.transaction()?;
            tx.execute_batch(sql)?;
            let broken: Option<String> = tx
                .query_row(
                    "SELECT \"table\" FROM pragma_foreign_key_check LIMIT 1",
                    [],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(table) = broken {
                return Err(rusqlite::Error::SqliteFailure(
                    rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CONSTRAINT_FOREIGNKEY),
                    Some(format!("foreign key check failed in table {table}")),
                ));
            }
            tx.pragma_update(None, "user_version", version)?;
            tx.commit()
        };
        step().map_err(|e| Error::MigrationFailed {
            version,
            reason: format!("{name}：{}", crate::error::sqlite_reason(&e)),
            detail: e.to_string(),
            backup: backup.clone(),
        })?;
    }
    Ok(())
}

fn backup_before_upgrade(conn: &Connection, path: &Path, from: i64) -> Result<PathBuf> {
    let mut backup = PathBuf::from(format!("{}.v{from}.bak", path.display()));
    let mut n = 1;
    while backup.exists() {
        n += 1;
        backup = PathBuf::from(format!("{}.v{from}.{n}.bak", path.display()));
    }
    conn.execute("VACUUM INTO ?1", [backup.to_string_lossy()])?;
    Ok(backup)
}
