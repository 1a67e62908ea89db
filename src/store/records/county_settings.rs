//! The county's settings as read from its record (`county.notice_ids`, schema 0012). Changing
//! them is the county hub's alone: `sync::sql::county_settings`.

use crate::domain::notices::NoticePrivacy;
use crate::error::Result;
use crate::store::{Query, Store};

impl Store {
    /// How notices print ID and phone numbers: the county's setting ('none' without a county).
    pub fn notice_masking(&self) -> Result<NoticePrivacy> {
        let code: Option<String> = self
            .conn
            .query_row(
                "SELECT notice_ids FROM county WHERE deleted_hlc IS NULL ORDER BY code LIMIT 1",
                [],
                |r| r.get(0),
            )
            .ok();
        Ok(code
            .map(|c| NoticePrivacy::from_code(&c))
            .unwrap_or_default())
    }

    /// Minutes without input before the desktop app locks an encrypted database (the county's
    /// setting, schema 0025; 0 = never, and 0 without a county: nothing to lock yet).
    pub fn idle_lock_minutes(&self) -> Result<u32> {
        let minutes: Option<u32> = self.conn.value(
            "SELECT idle_lock_minutes FROM county WHERE deleted_hlc IS NULL ORDER BY code LIMIT 1",
            [],
        )?;
        Ok(minutes.unwrap_or(0))
    }
}
