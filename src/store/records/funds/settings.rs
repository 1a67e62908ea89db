//! The county's fund settings (`county.fund_ban_years`, `county.fund_overcommit`, schema 0024):
//! how long a ban lasts and whether an award beyond the budget is refused or warned. The
//! county's alone (COUNTY_ONLY): an enrolled laptop takes them from the reference package.

use rusqlite::types::Value as SqlValue;

use crate::domain::funds::{FundSettings, Overcommit};
use crate::domain::Invalid;
use crate::error::Result;
use crate::store::entities::COUNTY;
use crate::store::write::{self, Op};
use crate::store::{Query, Store};
use crate::Code;

/// The longest ban a county may set (the schema's bound).
pub const BAN_YEARS_MAX: u32 = 10;

impl Store {
    /// The county's fund settings (3 years and refuse without a county).
    pub fn fund_settings(&self) -> Result<FundSettings> {
        let overcommit: Option<String> = self.conn.value(
            "SELECT fund_overcommit FROM county WHERE deleted_hlc IS NULL ORDER BY code LIMIT 1",
            [],
        )?;
        Ok(FundSettings {
            ban_years: self.fund_ban_years()?,
            overcommit: match overcommit.as_deref() {
                Some("warn") => Overcommit::Warn,
                _ => Overcommit::Refuse,
            },
        })
    }

    /// Changes the county's fund settings; a ban decided afterwards lasts the new years (bans
    /// already decided keep their end). Refused on an enrolled laptop (`FUND_DEVICE`) and for a
    /// ban of 0 or more than 10 years (`FUND_SETTINGS`).
    pub fn set_fund_settings(&mut self, settings: &FundSettings) -> Result<FundSettings> {
        self.refuse_fund_change_on_laptop()?;
        if !(1..=BAN_YEARS_MAX).contains(&settings.ban_years) {
            return Err(Invalid::new(
                Code::FUND_SETTINGS,
                "banYears",
                format!(
                    "禁止申报年限应为 1 到 {BAN_YEARS_MAX} 年（成县、霍邱为 3 年），填写的是 {} 年。",
                    settings.ban_years
                ),
            )
            .into());
        }
        let id = self.county()?.map(|c| c.id).ok_or_else(|| {
            Invalid::new(
                Code::COUNTY_MISSING,
                "county",
                "本数据库还没有县的区划资料。请先建立本县（fieldbook county create）或导入区划代码。",
            )
        })?;
        let overcommit = match settings.overcommit {
            Overcommit::Refuse => "refuse",
            Overcommit::Warn => "warn",
        };
        self.write(|tx, writer| {
            write::record(
                tx,
                writer,
                &COUNTY,
                &id,
                Op::Update,
                &[
                    (
                        "fund_ban_years",
                        SqlValue::Integer(settings.ban_years.into()),
                    ),
                    ("fund_overcommit", SqlValue::Text(overcommit.into())),
                ],
            )
        })?;
        self.fund_settings()
    }
}
