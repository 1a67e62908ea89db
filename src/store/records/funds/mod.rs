//! The county's fund records (schema 0024): applications and their reviews and decisions,
//! awards and contracts, tranches paid through the gate, overrides, recovery orders, amounts
//! recovered and bans. Every one is the county's (COUNTY_ONLY): the hub writes them, an
//! enrolled laptop refuses to (`FUND_DEVICE`) and shows what the package brought, read-only.

mod applications;
mod awards;
mod bans;
mod book;
mod decisions;
mod facts;
mod payments;
mod recovery;
mod settings;

use chrono::{Months, NaiveDate};
use rusqlite::types::Value as SqlValue;
use rusqlite::Transaction;

use crate::domain::refuse_if;
use crate::error::Result;
use crate::store::entities::FUND_BAN;
use crate::store::ids::new_id;
use crate::store::write::{self, Op, Writer};
use crate::store::{Query, Store};
use crate::Code;

mod plan;
pub(crate) mod status;

impl Store {
    /// Fund records are the county's decisions: an enrolled township laptop receives them and
    /// may write none.
    pub(crate) fn refuse_fund_change_on_laptop(&self) -> Result<()> {
        refuse_if(
            !self.county_reference_can_change()?,
            Code::FUND_DEVICE,
            "funds",
            "申报审定、扶持资金、拨付、追回和禁止申报由县电商中心录入，乡镇电脑只能查看。\
             请到县里的电脑上办理，结果会随参考数据包发到本机。",
        )?;
        Ok(())
    }

    /// How many years a ban lasts in this county (`county.fund_ban_years`, 3 unless set).
    pub fn fund_ban_years(&self) -> Result<u32> {
        let years: Option<i64> = self.conn.value(
            "SELECT fund_ban_years FROM county WHERE deleted_hlc IS NULL ORDER BY code LIMIT 1",
            [],
        )?;
        Ok(years.map_or(3, |y| y as u32))
    }
}

/// The day a ban of `years` decided on `start` ends: the same day `years` later (the first day
/// the operator may apply again; 29 February ends on 28 February).
pub fn ban_end(start: NaiveDate, years: u32) -> NaiveDate {
    start
        .checked_add_months(Months::new(12 * years))
        .unwrap_or(NaiveDate::MAX)
}

/// A ban, written inside the caller's transaction (a recovery order writes its ban with it).
pub(crate) struct NewBan<'a> {
    pub operator_id: &'a str,
    pub recovery_id: Option<&'a str>,
    pub reason: &'a str,
    pub start: NaiveDate,
    pub years: u32,
    pub officer: &'a str,
}

pub(crate) fn write_ban(tx: &Transaction, writer: &Writer, ban: &NewBan) -> Result<String> {
    let id = new_id();
    let text = |s: &str| SqlValue::Text(s.to_string());
    write::record(
        tx,
        writer,
        &FUND_BAN,
        &id,
        Op::Create,
        &[
            ("operator_id", text(ban.operator_id)),
            ("recovery_id", ban.recovery_id.map_or(SqlValue::Null, text)),
            ("reason", text(ban.reason)),
            ("start_date", text(&ban.start.to_string())),
            ("end_date", text(&ban_end(ban.start, ban.years).to_string())),
            ("officer", text(ban.officer)),
        ],
    )?;
    Ok(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ban_ends_the_same_day_years_later() {
        let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(ban_end(d("2019-12-20"), 3), d("2022-12-20"));
        assert_eq!(ban_end(d("2020-02-29"), 3), d("2023-02-28"));
    }
}
