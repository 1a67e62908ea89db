//! Bans (取消资格、禁止申报): the county bars an operator from its funds for its ban years from
//! the decision date; lifting one early is an edit with a reason. A ban is in force from its
//! start until the day before its end (the end is the first day it may apply again), unless
//! lifted.

use rusqlite::types::Value as SqlValue;
use rusqlite::Row;

use crate::domain::funds::applications::{ban_reason, not_before, past_date};
use crate::domain::funds::{Ban, BanInput, LiftBanInput};
use crate::domain::places::optional_text;
use crate::domain::{parse_date, Invalid, Problems};
use crate::error::{Error, Result};
use crate::store::entities::FUND_BAN;
use crate::store::write::{self, Op};
use crate::store::{Query, Store};
use crate::Code;

use super::{write_ban, NewBan};

const BAN_SELECT: &str = "SELECT b.id, b.operator_id, o.name, b.reason, b.start_date, b.end_date,
        b.officer, b.lifted_date, b.lifted_reason,
        b.start_date <= ?1 AND ?1 < b.end_date AND (b.lifted_date IS NULL OR ?1 < b.lifted_date),
        b.recovery_id
     FROM fund_ban b JOIN operator o ON o.id = b.operator_id";

fn ban_from_row(r: &Row) -> rusqlite::Result<Ban> {
    Ok(Ban {
        id: r.get(0)?,
        operator_id: r.get(1)?,
        operator_name: r.get(2)?,
        reason: r.get(3)?,
        start_date: r.get(4)?,
        end_date: r.get(5)?,
        officer: r.get(6)?,
        lifted_date: r.get(7)?,
        lifted_reason: r.get(8)?,
        active: r.get(9)?,
        recovery_id: r.get(10)?,
    })
}

impl Store {
    /// The county bans an operator from `start_date` for the county's ban years
    /// (`fund_ban_years`, read when decided).
    pub fn ban_operator(&mut self, input: &BanInput) -> Result<Ban> {
        self.refuse_fund_change_on_laptop()?;
        let today = self.today();
        let mut problems = Problems::new();
        let operator = self.operator(&input.operator_id).ok();
        problems.check(
            operator.is_none(),
            Code::FUND_OPERATOR,
            "operatorId",
            "所选的实施主体不存在或已作废，请从实施主体列表中选择。",
        );
        let reason = problems.take(ban_reason(
            &input.reason,
            Code::FUND_BAN_REASON,
            "禁止申报的理由",
        ));
        let start = problems.take(past_date(&input.start_date, "startDate", "决定日期", today));
        let officer = problems.take(optional_text(&input.officer, "officer", "经办人", 50));
        let recovery_id = crate::domain::optional_id(&input.recovery_id);
        if let Some(recovery) = &recovery_id {
            let exists: Option<i64> = self.conn.value(
                "SELECT 1 FROM fund_recovery WHERE id = ?1 AND deleted_hlc IS NULL",
                [recovery],
            )?;
            problems.check(
                exists.is_none(),
                Code::REFERENCE_MISSING,
                "recoveryId",
                "所填的追回决定不存在，请核对编号或留空。",
            );
        }
        problems.finish()?;
        let years = self.fund_ban_years()?;
        let (reason, start, officer) = (
            reason.expect("checked"),
            start.expect("checked"),
            officer.expect("checked"),
        );
        let id = self.write(|tx, writer| {
            write_ban(
                tx,
                writer,
                &NewBan {
                    operator_id: &input.operator_id,
                    recovery_id: recovery_id.as_deref(),
                    reason: &reason,
                    start,
                    years,
                    officer: &officer,
                },
            )
        })?;
        self.fund_ban(&id)
    }

    /// Lifts a ban early (an edit with its date and reason): the operator may apply from then.
    pub fn lift_ban(&mut self, id: &str, input: &LiftBanInput) -> Result<Ban> {
        self.refuse_fund_change_on_laptop()?;
        let ban = self.fund_ban(id)?;
        if let Some(lifted) = &ban.lifted_date {
            return Err(Invalid::new(
                Code::FUND_BAN_LIFTED,
                "id",
                format!(
                    "对“{}”的禁止申报已于 {lifted} 解除，不必再解除。",
                    ban.operator_name
                ),
            )
            .into());
        }
        let today = self.today();
        let mut problems = Problems::new();
        let date = problems.take(past_date(&input.date, "date", "解除日期", today));
        if let (Some(date), Ok(start)) = (date, parse_date(&ban.start_date, "", "")) {
            problems.take(not_before(date, start, "date", "解除日期", "禁止开始日期"));
        }
        let reason = problems.take(ban_reason(
            &input.reason,
            Code::FUND_BAN_LIFT_REASON,
            "解除的理由",
        ));
        problems.finish()?;
        let values = [
            (
                "lifted_date",
                SqlValue::Text(date.expect("checked").to_string()),
            ),
            ("lifted_reason", SqlValue::Text(reason.expect("checked"))),
        ];
        self.write(|tx, writer| write::record(tx, writer, &FUND_BAN, id, Op::Update, &values))?;
        self.fund_ban(id)
    }

    pub fn fund_ban(&self, id: &str) -> Result<Ban> {
        let sql = format!("{BAN_SELECT} WHERE b.id = ?2 AND b.deleted_hlc IS NULL");
        self.conn
            .first(&sql, [self.today().to_string().as_str(), id], ban_from_row)?
            .ok_or_else(|| Error::not_found("禁止申报", id))
    }

    /// Bans, of one operator when asked, the newest first; `active` says which are in force
    /// today.
    pub fn fund_bans(&self, operator_id: Option<&str>) -> Result<Vec<Ban>> {
        let sql = format!(
            "{BAN_SELECT} WHERE b.deleted_hlc IS NULL AND (?2 IS NULL OR b.operator_id = ?2)
             ORDER BY b.start_date DESC, o.name"
        );
        Ok(self.conn.list(
            &sql,
            rusqlite::params![self.today().to_string(), operator_id],
            ban_from_row,
        )?)
    }

    /// The ban in force today on an operator (the one ending last, when several are).
    pub fn active_ban(&self, operator_id: &str) -> Result<Option<Ban>> {
        Ok(self
            .fund_bans(Some(operator_id))?
            .into_iter()
            .filter(|b| b.active)
            .max_by(|a, b| a.end_date.cmp(&b.end_date)))
    }
}
