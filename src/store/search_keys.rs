//! The household search keys (`household_search_key`, migration 0029): the parts of each head's
//! name, its full pinyin and its initials (`domain::name_search`). Derived data, kept by the
//! write path: `write_row` rewrites a household's keys in the same transaction whenever it
//! creates the household or changes its name or village, so the search never sees a stale key.
//! Households written before the table existed are keyed once, when the store opens.

use rusqlite::{params, Transaction};

use crate::domain::name_search::name_keys;
use crate::error::Result;
use crate::store::Query;

/// The version of the keying rules (`domain::name_search`) the stored keys were made with:
/// a store that finds another version (or none: the table is new) rebuilds every key once.
const RULES_VERSION: &str = "1";
const RULES_KEY: &str = "household_search_keys";

/// Writes the keys of one household (`created`: it has none yet, nothing to delete).
pub(crate) fn rewrite(tx: &Transaction, household_id: &str, created: bool) -> Result<()> {
    if !created {
        tx.prepare_cached("DELETE FROM household_search_key WHERE household_id = ?1")?
            .execute([household_id])?;
    }
    let row: Option<(String, String)> = tx.first(
        "SELECT head_name, village_id FROM household WHERE id = ?1",
        [household_id],
        |r| r.try_into(),
    )?;
    if let Some((name, village)) = row {
        insert(tx, household_id, &name, &village)?;
    }
    Ok(())
}

fn insert(tx: &Transaction, household_id: &str, name: &str, village: &str) -> Result<()> {
    let mut stmt = tx.prepare_cached(
        "INSERT OR IGNORE INTO household_search_key (kind, key, head_name, household_id, village_id)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for key in name_keys(name) {
        stmt.execute(params![
            key.kind as i64,
            key.key,
            name,
            household_id,
            village
        ])?;
    }
    Ok(())
}

/// Keys every household once when the keys are missing or were made by older rules; a store
/// whose keys are current reads one row and does nothing.
pub(crate) fn fill_if_stale(tx: &Transaction) -> Result<()> {
    let made_with: Option<String> =
        tx.value("SELECT value FROM app_meta WHERE key = ?1", [RULES_KEY])?;
    if made_with.as_deref() == Some(RULES_VERSION) {
        return Ok(());
    }
    tx.execute("DELETE FROM household_search_key", [])?;
    {
        let mut stmt = tx.prepare("SELECT id, head_name, village_id FROM household")?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let (id, name, village): (String, String, String) =
                (row.get(0)?, row.get(1)?, row.get(2)?);
            insert(tx, &id, &name, &village)?;
        }
    }
    tx.execute(
        "INSERT INTO app_meta (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [RULES_KEY, RULES_VERSION],
    )?;
    Ok(())
}
