//! Schema migrations: append-only SQL files in `migrations/`, embedded at build time. The schema
//! version lives in `PRAGMA user_version`; each step runs in its own transaction together with
//! the version bump, so a failed step leaves the database at the previous version.

use std::path::{Path, PathBuf};

use rusqlite::Connection;

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
        "0021_agreement_programme_recheck",
        include_str!("../../migrations/0021_agreement_programme_recheck.sql"),
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
    for (index, (name, sql)) in MIGRATIONS.iter().enumerate().skip(from as usize) {
        let version = index as i64 + 1;
        let mut step = || -> rusqlite::Result<()> {
            let tx = conn.transaction()?;
            tx.execute_batch(sql)?;
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
