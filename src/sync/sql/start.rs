//! What the first-run screen asks of a database: has it a county (real or the demo), is it the
//! hub or an enrolled laptop, and does the change log know who writes. It lives with sync
//! because the sync mode is sync's bookkeeping; the rest it asks the store.

use super::mode;
use crate::error::Result;
use crate::store::{Query, Store};
use crate::sync::model::StartState;

impl Store {
    /// Where this database stands before anyone works in it (see `StartState`).
    pub fn start_state(&self) -> Result<StartState> {
        let county = self.county()?;
        let count = |table: &str| -> Result<u32> {
            let sql =
                format!("SELECT count(*) FROM {table} WHERE retired = 0 AND deleted_hlc IS NULL");
            Ok(self.conn.value(&sql, [])?.unwrap_or(0))
        };
        Ok(StartState {
            has_county: county.is_some(),
            county_code: county.as_ref().map(|c| c.code.clone()),
            county_name: county.map(|c| c.name),
            is_demo: self.is_demo()?,
            sync_mode: mode(&self.conn)?,
            officer_set: self.officer_saved()?,
            officer: self.officer().to_string(),
            townships: count("township")?,
            villages: count("village")?,
        })
    }
}
