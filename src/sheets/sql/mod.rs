//! The store side of spreadsheet imports: every row of a file in ONE transaction, each row in
//! its own savepoint, through the same checks and the one write path as typing the record in.
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
/// savepoint. Rows are fed one at a time (`row`), so a file of any length streams through it;
/// `finish` commits or rolls back the whole.
pub struct ImportRun<'a> {
    tx: Transaction<'a>,
    writer: &'a Writer,
}

impl Store {
    /// Starts an import: its transaction is open until `ImportRun::finish` (or the run is
    /// dropped, which rolls it back).
    pub fn begin_import(&mut self) -> Result<ImportRun<'_>> {
        Ok(ImportRun {
            tx: self.conn.transaction()?,
            writer: &self.writer,
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
        &self.tx
    }

    /// Applies one row in its own savepoint: a row refused (`Error::Invalid`) is rolled back
    /// alone and answered as its refusal; any other error (the disk, SQLite) is returned and
    /// abandons the run, leaving the database as it was.
    pub fn row(
        &self,
        apply: impl FnOnce(&Transaction, &Writer) -> Result<(RowOutcome, Vec<Warning>)>,
    ) -> Result<RowResult> {
        let tx = &self.tx;
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

    /// Commits every row applied (`commit`), or rolls them all back.
    pub fn finish(self, commit: bool) -> Result<()> {
        if commit {
            self.tx.commit()?;
        } else {
            self.tx.rollback()?;
        }
        Ok(())
    }
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
