//! The store side of spreadsheet imports: every row of a file in ONE transaction, each row in
//! its own savepoint, through the same checks and the one write path as typing the record in.
//! A dry run is the same run rolled back, so what it reports is exactly what an import would do.

use rusqlite::Transaction;

use crate::domain::{Invalid, Warning};
use crate::error::{Error, Result};
use crate::store::write::Writer;
use crate::store::Store;

pub use crate::store::write::RowOutcome;

/// The result of one row: its outcome and warnings, or the refusal.
pub type RowResult = std::result::Result<(RowOutcome, Vec<Warning>), Invalid>;

impl Store {
    /// Runs `apply` for every item inside one transaction, each in a savepoint: a row refused
    /// (`Error::Invalid`) is rolled back alone and reported; any other error (the disk, SQLite)
    /// abandons the whole transaction and is returned, leaving the database as it was. At the
    /// end `commit` sees every row's result and decides: `true` commits, `false` rolls back
    /// (a dry run, or "import all" with a refused row).
    pub fn import_rows<T>(
        &mut self,
        items: &[T],
        mut apply: impl FnMut(&Transaction, &Writer, &T) -> Result<(RowOutcome, Vec<Warning>)>,
        commit: impl FnOnce(&[RowResult]) -> bool,
    ) -> Result<(Vec<RowResult>, bool)> {
        let tx = self.conn.transaction()?;
        let mut results = Vec::with_capacity(items.len());
        for item in items {
            tx.execute_batch("SAVEPOINT sheet_row")?;
            match apply(&tx, &self.writer, item) {
                Ok(done) => {
                    tx.execute_batch("RELEASE sheet_row")?;
                    results.push(Ok(done));
                }
                Err(Error::Invalid(invalids)) => {
                    tx.execute_batch("ROLLBACK TO sheet_row; RELEASE sheet_row")?;
                    results.push(Err(invalids.joined()));
                }
                Err(other) => return Err(other),
            }
        }
        let committed = commit(&results);
        if committed {
            tx.commit()?;
        } else {
            tx.rollback()?;
        }
        Ok((results, committed))
    }
}

pub mod audit;
pub mod export;
pub mod households;
pub mod records;
