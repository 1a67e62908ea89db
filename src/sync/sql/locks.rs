//! The county's acceptance of a township's record: a lock (已锁定), only on the county hub. It
//! goes through the write path like any change and reaches the township's laptops in the next
//! reference package, where the write path then refuses edits and voids of the record.

use super::require_county;
use crate::domain::inspections::Inspection;
use crate::domain::lifecycle::RecordKind;
use crate::error::Result;
use crate::store::entities::INSPECTION;
use crate::store::records::lifecycle;
use crate::store::write::{self, Status};
use crate::store::{RecordState, Store};

impl Store {
    /// County hub: locks a submitted record (`SYNC_NOT_COUNTY` elsewhere; `RECORD_STATUS` for a
    /// draft, which the township must submit first).
    pub fn lock_record(&mut self, kind: RecordKind, id: &str) -> Result<RecordState> {
        require_county(&self.conn)?;
        self.write(|tx, writer| lifecycle::lock(tx, writer, kind, id))
    }
}

impl Store {
    /// County hub: locks a submitted inspection once the county has accepted it — the balance
    /// of a fund award waits for the accepted records to be locked (`SYNC_NOT_COUNTY`
    /// elsewhere; `RECORD_STATUS` for a draft, which must be submitted first).
    pub fn lock_inspection(&mut self, id: &str) -> Result<Inspection> {
        require_county(&self.conn)?;
        self.inspection(id)?;
        self.write(|tx, writer| write::set_status(tx, writer, &INSPECTION, id, Status::Locked))?;
        self.inspection(id)
    }
}
