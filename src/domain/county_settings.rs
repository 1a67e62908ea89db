//! The county's own settings, kept on the county record and changed by the county only
//! (COUNTY_ONLY in the sync field classes; laptops receive them in the reference package).

use serde::Serialize;

use super::notices::NoticePrivacy;

/// What the county has set, and whether this database may change it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct CountySettings {
    pub county_code: String,
    pub county_name: String,
    /// Whether public notices print ID and phone numbers, masked (`621221********1234`,
    /// `138****1234`); off by default: name, village/group and benefit only.
    pub notice_masking: NoticePrivacy,
    /// Minutes without input after which the desktop app locks an encrypted database (0 =
    /// never; a plain database never locks: it has no passphrase to ask).
    pub idle_lock_minutes: u32,
    /// The county hub (or a database not enrolled as a township laptop) may change them; an
    /// enrolled laptop follows the county's package.
    pub can_change: bool,
}

/// The longest idle lock a county may set: a working day (the schema's bound).
pub const IDLE_LOCK_MINUTES_MAX: u32 = 480;

impl CountySettings {
    /// The idle lock in words, as the CLI says it.
    pub fn idle_lock_text(&self) -> String {
        match self.idle_lock_minutes {
            0 => "加密的台账不因无人操作而自动锁定".to_string(),
            minutes => format!("加密的台账在 {minutes} 分钟无人操作后自动锁定，需重新输入口令"),
        }
    }

    /// The setting in words, as the CLI and the confirmation say it.
    pub fn notice_masking_text(&self) -> &'static str {
        masking_text(self.notice_masking)
    }
}

pub fn masking_text(masking: NoticePrivacy) -> &'static str {
    match masking {
        NoticePrivacy::None => "公示名单只印姓名、村（组）和帮扶内容，不印身份证号和电话",
        NoticePrivacy::Masked => {
            "公示名单加印脱敏的身份证号（621221********1234）和电话（138****1234）"
        }
    }
}
