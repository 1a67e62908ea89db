//! The county's settings as read from its record (`county.notice_ids`, schema 0012). Changing
//! them is the county hub's alone: `sync::sql::county_settings`.

use crate::domain::notices::NoticePrivacy;
use crate::error::Result;
use crate::store::Store;

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
}
