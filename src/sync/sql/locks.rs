//! The county's acceptance of a township's record: a lock (已锁定), only on the county hub. It
//! goes through the write path like any change and reaches the township's laptops in the next
//! reference package, where the write path then refuses edits and voids of the record.

use super::require_county;
use crate::domain::lifecycle::RecordKind;
use crate::error::Result;
use crate::store::records::lifecycle;
use crate::store::{RecordState, Store};

impl Store {
    /// County hub: locks a submitted record (`SYNC_NOT_COUNTY` elsewhere; `RECORD_STATUS` for a
    /// draft, which the township must submit first).
    pub fn lock_record(&mut self, kind: RecordKind, id: &str) -> Result<RecordState> {
        require_county(&self.conn)?;
        self.write(|tx, writer| lifecycle::lock(tx, writer, kind, id))
    }
}
