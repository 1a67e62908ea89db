//! The county's own settings (`county.notice_ids`, schema 0012), changed through the one write
//! path and only where the county decides: never on an enrolled township laptop, which gets
//! them with the county record in the reference package.

use rusqlite::types::Value as SqlValue;

use crate::domain::county_settings::{CountySettings, IDLE_LOCK_MINUTES_MAX};
use crate::domain::notices::NoticePrivacy;
use crate::domain::Invalid;
use crate::error::Result;
use crate::store::entities::COUNTY;
use crate::store::write::{self, Op};
use crate::store::Store;
use crate::Code;

impl Store {
    pub fn county_settings(&self) -> Result<CountySettings> {
        let county = self.county()?.ok_or_else(no_county)?;
        Ok(CountySettings {
            county_code: county.code,
            county_name: county.name,
            notice_masking: self.notice_masking()?,
            idle_lock_minutes: self.idle_lock_minutes()?,
            can_change: self.sync_status()?.mode != "device",
        })
    }

    /// Turns the masked ID and phone numbers on public notices on or off, for the whole county.
    /// Refused on an enrolled township laptop: the county sets it and sends it in the package.
    pub fn set_notice_masking(&mut self, masking: NoticePrivacy) -> Result<CountySettings> {
        self.set_county_setting(
            "noticeMasking",
            "公示是否印脱敏证件号和电话",
            ("notice_ids", SqlValue::Text(masking.code().into())),
        )
    }

    /// Sets how many minutes without input lock an encrypted database in the desktop app (0 =
    /// never), for the whole county; refused on an enrolled laptop (`COUNTY_SETTING_DEVICE`)
    /// and beyond a working day (`COUNTY_IDLE_LOCK`).
    pub fn set_idle_lock_minutes(&mut self, minutes: u32) -> Result<CountySettings> {
        if minutes > IDLE_LOCK_MINUTES_MAX {
            return Err(Invalid::new(
                Code::COUNTY_IDLE_LOCK,
                "idleLockMinutes",
                format!(
                    "无操作自动锁定应为 0 到 {IDLE_LOCK_MINUTES_MAX} 分钟（0 表示不自动锁定），\
                     填写的是 {minutes} 分钟。"
                ),
            )
            .into());
        }
        self.set_county_setting(
            "idleLockMinutes",
            "无操作自动锁定的时间",
            ("idle_lock_minutes", SqlValue::Integer(minutes.into())),
        )
    }

    /// Writes one column of the county record, on the hub (or a database not enrolled) only.
    fn set_county_setting(
        &mut self,
        field: &'static str,
        what: &str,
        column: (&str, SqlValue),
    ) -> Result<CountySettings> {
        let settings = self.county_settings()?;
        if !settings.can_change {
            return Err(Invalid::new(
                Code::COUNTY_SETTING_DEVICE,
                field,
                format!(
                    "{what}由县里统一设置，乡镇电脑不能修改。请联系县电商中心，\
                     设置会随参考数据包发到本机。"
                ),
            )
            .into());
        }
        let id = self.county()?.ok_or_else(no_county)?.id;
        self.write(|tx, writer| write::record(tx, writer, &COUNTY, &id, Op::Update, &[column]))?;
        self.county_settings()
    }
}
fn no_county() -> crate::error::Error {
    Invalid::new(
        Code::COUNTY_MISSING,
        "county",
        "本数据库还没有县的区划资料。请先导入统计用区划代码（fieldbook import places）或载入演示数据。",
    )
    .into()
}
