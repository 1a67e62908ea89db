//! The store side of spreadsheet imports: every row of a file in ONE transaction, each row in
//! its own savepoint (or none, where a refused row has written nothing: `row_unguarded`),
//! through the same checks and the one write path as typing the record in.
//! A dry run is the same run rolled back, so what it reports is exactly what an import would do.

use std::collections::BTreeMap;

use rusqlite::Transaction;
use serde_json::Value;

use crate::domain::{Invalid, Warning};
use crate::error::{Error, Result};
use crate::sheets::FieldChange;
use crate::store::entities::ENTITIES;
use crate::store::log::name_references;
use crate::store::write::Writer;
use crate::store::{Query, Store};
use crate::Code;

pub use crate::store::write::RowOutcome;

/// What importing one row did (or, in a dry run, would do).
#[derive(Debug, Clone)]
pub struct RowDone {
    pub outcome: RowOutcome,
    pub warnings: Vec<Warning>,
    /// Every field an update changes, old → new, references named (empty for a new record).
    pub changes: Vec<FieldChange>,
}

/// The result of one row: what it did, or the refusal.
pub type RowResult = std::result::Result<RowDone, Invalid>;

/// Columns the store keeps for itself (the reversed ID number index): never reported.
const INTERNAL_COLUMNS: &[&str] = &["id_number_rev"];

/// Columns that name the record: an import that changes one on a record matched by its ID
/// number or code is warned about (`IMPORT_NAME_CHANGED`), with the input field it comes from.
const NAME_COLUMNS: &[(&str, &str)] = &[("head_name", "headName"), ("name", "name")];

/// An import in progress: ONE transaction for every row of the file, each row in its own
/// savepoint (`row`) or, where a refused row is known to have written nothing, none
/// (`row_unguarded`). Rows are fed one at a time, so a file of any length streams through it;
/// `finish` commits or rolls back the whole.
pub struct ImportRun<'a> {
    tx: Option<Transaction<'a>>,
    writer: &'a Writer,
    /// The page cache before the run (`cache_size`), set back when it ends.
    cache: i64,
}

/// SQLite's page cache during an import, in KiB: a county's register and its indexes (the
/// household, its search keys, the change log) are written at random places, and a cache that
/// holds them saves reading pages back and spilling them to the WAL mid-transaction.
const IMPORT_CACHE_KIB: i64 = 64 * 1024;

impl Store {
    /// Starts an import: its transaction is open until `ImportRun::finish` (or the run is
    /// dropped, which rolls it back).
    pub fn begin_import(&mut self) -> Result<ImportRun<'_>> {
        let tx = self.conn.transaction()?;
        let cache: i64 = tx.pragma_query_value(None, "cache_size", |r| r.get(0))?;
        // Only ever raised: an encrypted store's cache is already larger.
        if cache > -IMPORT_CACHE_KIB && cache < IMPORT_CACHE_KIB / 4 {
            tx.pragma_update(None, "cache_size", -IMPORT_CACHE_KIB)?;
        }
        Ok(ImportRun {
            tx: Some(tx),
            writer: &self.writer,
            cache,
        })
    }

    /// Runs `apply` for every item inside one transaction, each in a savepoint (see
    /// `ImportRun`). At the end `commit` sees every row's result and decides: `true` commits,
    /// `false` rolls back (a dry run, or "import all" with a refused row).
    pub fn import_rows<T>(
        &mut self,
        items: &[T],
        mut apply: impl FnMut(&Transaction, &Writer, &T) -> Result<(RowOutcome, Vec<Warning>)>,
        commit: impl FnOnce(&[RowResult]) -> bool,
    ) -> Result<(Vec<RowResult>, bool)> {
        let run = self.begin_import()?;
        let mut results = Vec::with_capacity(items.len());
        for item in items {
            results.push(run.row(|tx, writer| apply(tx, writer, item))?);
        }
        let committed = commit(&results);
        run.finish(committed)?;
        Ok((results, committed))
    }
}

impl ImportRun<'_> {
    /// The run's transaction, for reading what a batch of rows needs before they are applied.
    pub fn tx(&self) -> &Transaction<'_> {
        self.tx
            .as_ref()
            .expect("an import run holds its transaction until it ends")
    }

    /// Applies one row in its own savepoint: a row refused (`Error::Invalid`) is rolled back
    /// alone and answered as its refusal; any other error (the disk, SQLite) is returned and
    /// abandons the run, leaving the database as it was.
    pub fn row(
        &self,
        apply: impl FnOnce(&Transaction, &Writer) -> Result<(RowOutcome, Vec<Warning>)>,
    ) -> Result<RowResult> {
        let tx = self.tx();
        tx.execute_batch("SAVEPOINT sheet_row")?;
        let last_seq: i64 = tx
            .value("SELECT coalesce(max(seq), 0) FROM change_log", [])?
            .unwrap_or(0);
        match apply(tx, self.writer) {
            Ok((outcome, mut warnings)) => {
                let changes = updated_fields(tx, last_seq)?;
                warnings.extend(changes.iter().filter_map(name_changed));
                tx.execute_batch("RELEASE sheet_row")?;
                Ok(Ok(RowDone {
                    outcome,
                    warnings,
                    changes,
                }))
            }
            Err(Error::Invalid(invalids)) => {
                tx.execute_batch("ROLLBACK TO sheet_row; RELEASE sheet_row")?;
                Ok(Err(invalids.joined()))
            }
            Err(other) => Err(other),
        }
    }

    /// Applies one row without a savepoint, for an importer whose refusals come before it
    /// writes. `None` when a row was refused after writing after all (a hook of a layer above,
    /// a constraint): its writes cannot be taken back alone, so the caller drops this run,
    /// which rolls every row back, and starts again with `row`.
    pub fn row_unguarded(
        &self,
        apply: impl FnOnce(&Transaction, &Writer) -> Result<(RowOutcome, Vec<Warning>)>,
    ) -> Result<Option<RowResult>> {
        let tx = self.tx();
        let last_seq: i64 = tx
            .value("SELECT coalesce(max(seq), 0) FROM change_log", [])?
            .unwrap_or(0);
        // Every row written, by a statement or a trigger, counts here; a failed statement's
        // own work is undone by SQLite and does not.
        let written_before = tx.total_changes();
        match apply(tx, self.writer) {
            Ok((outcome, mut warnings)) => {
                let changes = updated_fields(tx, last_seq)?;
                warnings.extend(changes.iter().filter_map(name_changed));
                Ok(Some(Ok(RowDone {
                    outcome,
                    warnings,
                    changes,
                })))
            }
            Err(Error::Invalid(invalids)) if tx.total_changes() == written_before => {
                Ok(Some(Err(invalids.joined())))
            }
            Err(Error::Invalid(_)) => Ok(None),
            Err(other) => Err(other),
        }
    }

    /// Commits every row applied (`commit`), or rolls them all back.
    pub fn finish(mut self, commit: bool) -> Result<()> {
        let tx = self.tx.take().expect("an import run ends once");
        restore_cache(&tx, self.cache);
        if commit {
            tx.commit()?;
        } else {
            tx.rollback()?;
        }
        Ok(())
    }
}

impl Drop for ImportRun<'_> {
    /// A run abandoned (an error, a restart) rolls back as its transaction drops.
    fn drop(&mut self) {
        if let Some(tx) = &self.tx {
            restore_cache(tx, self.cache);
        }
    }
}

/// The page cache as it was before the run; failing to set it back costs memory, not data.
fn restore_cache(tx: &Transaction, cache: i64) {
    let _ = tx.pragma_update(None, "cache_size", cache);
}

/// The fields the row's updates changed: the change-log entries written since `last_seq`
/// (inside the row's savepoint, so a dry run reports exactly what an import would write).
fn updated_fields(tx: &Transaction, last_seq: i64) -> Result<Vec<FieldChange>> {
    let entries: Vec<(String, String)> = tx.list(
        "SELECT entity, fields FROM change_log WHERE seq > ?1 AND op = 'update' ORDER BY seq",
        [last_seq],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let mut changes = Vec::new();
    for (entity, fields_json) in entries {
        let mut fields: BTreeMap<String, (Value, Value)> =
            serde_json::from_str(&fields_json).unwrap_or_default();
        fields.retain(|field, _| !INTERNAL_COLUMNS.contains(&field.as_str()));
        name_references(tx, &mut fields)?;
        changes.extend(fields.into_iter().map(|(field, (old, new))| FieldChange {
            entity: entity.clone(),
            field,
            old,
            new,
        }));
    }
    Ok(changes)
}

/// `IMPORT_NAME_CHANGED` when an update renames the record the row's ID number or code found:
/// a row that puts another person on someone's ID number must not pass as a mere "update".
fn name_changed(change: &FieldChange) -> Option<Warning> {
    let (_, input_field) = NAME_COLUMNS.iter().find(|(c, _)| *c == change.field)?;
    let label = ENTITIES
        .iter()
        .find(|e| e.name == change.entity)
        .map_or("记录", |e| e.label);
    let text = |v: &Value| v.as_str().unwrap_or_default().to_string();
    let (old, new) = (text(&change.old), text(&change.new));
    Some(Warning {
        code: Code::IMPORT_NAME_CHANGED,
        field: input_field.to_string(),
        message: format!(
            "按本行的身份证号（或代码）找到的{label}是“{old}”，本行写作“{new}”：导入会把“{old}”改为“{new}”。如果不是同一{label}，请核对本行的身份证号（或代码）。"
        ),
    })
}

pub mod audit;
pub mod export;
pub mod households;
pub mod records;
