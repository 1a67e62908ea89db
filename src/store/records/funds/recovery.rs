//! Recovery (追回): an order to recover what was paid on an award — never more than was paid
//! and not yet ordered back — and, on failed acceptance or falsified materials, the operator's
//! ban written in the same transaction. Money received back is append-only like payments.

use rusqlite::types::Value as SqlValue;
use rust_decimal::Decimal;

use super::awards::award_missing;
use super::book::{dec, yuan};
use super::{write_ban, NewBan};
use crate::domain::funds::{
    fund_amount, inputs::reason, optional_fund_amount, RecoveredInput, Recovery, RecoveryGrounds,
    RecoveryInput,
};
use crate::domain::money::yuan_grouped;
use crate::domain::places::optional_text;
use crate::domain::{parse_date, refuse_if, Problems};
use crate::error::{Error, Result};
use crate::store::entities::{FUND_RECOVERED, FUND_RECOVERY};
use crate::store::ids::new_id;
use crate::store::write::{self, Op};
use crate::store::{Query, Store};
use crate::Code;

fn grounds_code(grounds: RecoveryGrounds) -> &'static str {
    match grounds {
        RecoveryGrounds::FailedAcceptance => "failed_acceptance",
        RecoveryGrounds::Falsified => "falsified",
        RecoveryGrounds::Other => "other",
    }
}

impl Store {
    fn sum_of(&self, sql: &str, id: &str) -> Result<Decimal> {
        let amounts: Vec<String> = self.conn.list(sql, [id], |r| r.get(0))?;
        Ok(amounts.iter().map(|a| dec(a)).sum())
    }

    /// Orders the recovery of what was paid on an award (empty amount: all of it not yet
    /// ordered back); bans the operator from the decision date when the grounds are failed
    /// acceptance or falsified materials.
    pub fn order_recovery(&mut self, input: &RecoveryInput) -> Result<Recovery> {
        self.order_recovery_with(input, |_, _, _| Ok(()))
    }

    /// `order_recovery`, with `also` written in the same transaction once the order is (given
    /// the new recovery's id): a confirmed finding's link to it (`checks`).
    pub(crate) fn order_recovery_with(
        &mut self,
        input: &RecoveryInput,
        also: impl FnOnce(&rusqlite::Transaction, &write::Writer, &str) -> Result<()>,
    ) -> Result<Recovery> {
        self.refuse_fund_change_on_laptop()?;
        let row: Option<(String, String)> = self.conn.row(
            "SELECT operator_id, decided_date FROM fund_award
             WHERE id = ?1 AND deleted_hlc IS NULL",
            [&input.award_id],
        )?;
        let (operator_id, _) = row.ok_or_else(|| award_missing("awardId"))?;
        let mut problems = Problems::new();
        let why = problems.take(reason(&input.reason, "reason", "追回原因"));
        let typed = problems
            .take(optional_fund_amount(&input.amount, "amount"))
            .flatten();
        let decided = problems.take(parse_date(&input.decided_date, "decidedDate", "决定日期"));
        let due = problems.take(parse_date(&input.due_date, "dueDate", "追回期限"));
        if let (Some(decided), Some(due)) = (decided, due) {
            problems.check(
                due < decided,
                Code::FUND_DUE_DATE,
                "dueDate",
                "追回期限不能早于决定日期。",
            );
        }
        let officer = problems.take(optional_text(&input.officer, "officer", "经办人", 30));
        problems.finish()?;
        let paid = self.sum_of(
            "SELECT amount FROM fund_disbursement WHERE award_id = ?1 AND deleted_hlc IS NULL",
            &input.award_id,
        )?;
        let ordered = self.sum_of(
            "SELECT amount FROM fund_recovery WHERE award_id = ?1 AND deleted_hlc IS NULL",
            &input.award_id,
        )?;
        let open = paid - ordered;
        let amount = typed.unwrap_or(open);
        refuse_if(
            amount <= Decimal::ZERO || amount > open,
            Code::FUND_RECOVERY_EXCEEDS,
            "amount",
            format!(
                "这笔扶持资金已拨付 {} 元，已下达追回 {} 元，最多还能追回 {} 元{}。",
                yuan_grouped(paid),
                yuan_grouped(ordered),
                yuan_grouped(open.max(Decimal::ZERO)),
                match typed {
                    Some(t) => format!("，填写的 {} 元超出了", yuan_grouped(t)),
                    None => String::new(),
                }
            ),
        )?;
        let decided = decided.expect("checked");
        let why = why.expect("checked");
        let officer = officer.expect("checked");
        let years = self.fund_ban_years()?;
        let bans = matches!(
            input.grounds,
            RecoveryGrounds::FailedAcceptance | RecoveryGrounds::Falsified
        );
        let id = new_id();
        let values = [
            ("award_id", SqlValue::Text(input.award_id.clone())),
            (
                "grounds",
                SqlValue::Text(grounds_code(input.grounds).into()),
            ),
            ("reason", SqlValue::Text(why.clone())),
            ("amount", SqlValue::Text(yuan(amount))),
            ("decided_date", SqlValue::Text(decided.to_string())),
            (
                "due_date",
                SqlValue::Text(due.expect("checked").to_string()),
            ),
            ("officer", SqlValue::Text(officer.clone())),
        ];
        self.write(|tx, writer| {
            write::record(tx, writer, &FUND_RECOVERY, &id, Op::Create, &values)?;
            also(tx, writer, &id)?;
            if bans {
                write_ban(
                    tx,
                    writer,
                    &NewBan {
                        operator_id: &operator_id,
                        recovery_id: Some(&id),
                        reason: &why,
                        start: decided,
                        years,
                        officer: &officer,
                    },
                )?;
            }
            Ok(())
        })?;
        self.fund_recovery(&id)
    }

    /// Records money received back against a recovery order: at most what is outstanding.
    pub fn record_recovered(&mut self, input: &RecoveredInput) -> Result<Recovery> {
        self.refuse_fund_change_on_laptop()?;
        let recovery = self.fund_recovery(&input.recovery_id)?;
        let mut problems = Problems::new();
        let amount = problems.take(fund_amount(&input.amount, "amount"));
        let received = problems.take(parse_date(&input.received_date, "receivedDate", "到账日期"));
        let voucher = problems.take(optional_text(&input.voucher_no, "voucherNo", "凭证号", 50));
        let notes = problems.take(optional_text(&input.notes, "notes", "备注", 200));
        problems.finish()?;
        let amount = amount.expect("checked");
        let outstanding = dec(&recovery.outstanding);
        refuse_if(
            amount > outstanding,
            Code::FUND_RECOVERED_EXCEEDS,
            "amount",
            format!(
                "这份追回决定还应追回 {} 元，到账 {} 元超出了。请核对金额。",
                yuan_grouped(outstanding),
                yuan_grouped(amount)
            ),
        )?;
        let id = new_id();
        let values = [
            ("recovery_id", SqlValue::Text(recovery.id.clone())),
            ("amount", SqlValue::Text(yuan(amount))),
            (
                "received_date",
                SqlValue::Text(received.expect("checked").to_string()),
            ),
            ("voucher_no", SqlValue::Text(voucher.expect("checked"))),
            ("notes", SqlValue::Text(notes.expect("checked"))),
        ];
        self.write(|tx, writer| {
            write::record(tx, writer, &FUND_RECOVERED, &id, Op::Create, &values)
        })?;
        self.fund_recovery(&recovery.id)
    }

    pub fn fund_recovery(&self, id: &str) -> Result<Recovery> {
        self.recoveries_where("r.id = ?1", [id])?
            .pop()
            .ok_or_else(|| Error::not_found("追回决定", id))
    }

    /// Recovery orders, of one programme or of all.
    pub fn fund_recoveries(&self, programme_id: Option<&str>) -> Result<Vec<Recovery>> {
        self.recoveries_where("(?1 IS NULL OR a.programme_id = ?1)", [programme_id])
    }
}
