//! Payments (资金拨付) through the gate, their reversals, and the county's overrides. A payment
//! is append-only: a mistake is corrected by a reversing row, never by an edit. A tranche the
//! gate refuses is refused with every unmet condition, each with its `FUND_GATE_*` code, and
//! nothing is written — unless the county recorded an override of that tranche.

use rusqlite::types::Value as SqlValue;

use super::awards::award_missing;
use super::book::{dec, yuan, Book};
use crate::domain::funds::{
    fund_amount, inputs::reason, tranche_amounts, Disbursement, GateOverride, OverrideInput,
    PaymentInput, ReversalInput,
};
use crate::domain::places::optional_text;
use crate::domain::{parse_date, refuse_if, Invalid, Problems, Saved};
use crate::error::{Error, Result};
use crate::store::entities::{FUND_DISBURSEMENT, FUND_OVERRIDE};
use crate::store::ids::new_id;
use crate::store::write::{self, Op};
use crate::store::{Query, Store};
use crate::Code;

fn tranche_in_range(book: &Book, tranche: u32) -> Result<(), Invalid> {
    let count = book.programme.settings.tranches.len() as u32;
    refuse_if(
        tranche == 0 || tranche > count,
        Code::FUND_TRANCHE_RANGE,
        "tranche",
        format!(
            "项目“{}”分 {count} 笔拨付，没有第 {tranche} 笔。请填写 1 到 {count} 之间的笔次。",
            book.programme.name
        ),
    )
}

impl Store {
    /// The book of one award, or `FUND_AWARD_MISSING`.
    fn award_book(&self, award_id: &str) -> Result<Book> {
        let programme = self
            .award_programme(award_id)?
            .ok_or_else(|| award_missing("awardId"))?;
        self.fund_book(&programme, Some(award_id))
    }

    /// Pays one tranche of an award, through the gate (see the module's rules).
    pub fn pay_tranche(&mut self, input: &PaymentInput) -> Result<Saved<Disbursement>> {
        self.refuse_fund_change_on_laptop()?;
        let book = self.award_book(&input.award_id)?;
        let award = &book.awards[0];
        let mut problems = Problems::new();
        let in_range = problems.take(tranche_in_range(&book, input.tranche));
        let due = in_range.map(|_| {
            tranche_amounts(dec(&award.amount), &book.programme.settings.tranches)
                [input.tranche as usize - 1]
        });
        if let Some(typed) = input.amount.as_deref().filter(|a| !a.trim().is_empty()) {
            if let (Some(amount), Some(due)) = (problems.take(fund_amount(typed, "amount")), due) {
                problems.check(
                    amount != due,
                    Code::FUND_TRANCHE_AMOUNT,
                    "amount",
                    format!(
                        "第 {} 笔应拨付 {} 元，填写的是 {} 元。每笔按扶持资金和拨付比例计算，请按应拨金额拨付。",
                        input.tranche,
                        yuan(due),
                        yuan(amount)
                    ),
                );
            }
        }
        let paid_date = problems.take(parse_date(&input.paid_date, "paidDate", "拨付日期"));
        let voucher = problems.take(optional_text(&input.voucher_no, "voucherNo", "凭证号", 50));
        let payer = problems.take(optional_text(&input.payer, "payer", "拨付单位", 50));
        let notes = problems.take(optional_text(&input.notes, "notes", "备注", 200));
        problems.finish()?;
        let due = due.expect("checked");
        refuse_if(
            !book.paid(&award.id, input.tranche).is_zero(),
            Code::FUND_TRANCHE_PAID,
            "tranche",
            format!(
                "第 {} 笔已经拨付过了。如拨付有误，请先冲销那笔拨付再重新拨付。",
                input.tranche
            ),
        )?;
        let sources = self.gate_sources(&award.programme_id, Some(&award.operator_id))?;
        let unmet = self.tranche_unmet(&book, &sources, award, input.tranche)?;
        let granted = book.overrides.get(&(award.id.clone(), input.tranche));
        if let Some(chosen) = crate::domain::optional_id(&input.override_id) {
            refuse_if(
                granted.map(|o| o.id.as_str()) != Some(chosen.as_str()),
                Code::FUND_OVERRIDE_REASON,
                "overrideId",
                "所选的特批不是这笔扶持资金这一笔次的特批。请按本笔次录入特批后再拨付。",
            )?;
        }
        let override_id = match granted {
            _ if unmet.is_empty() => None,
            Some(granted) if granted.waives(&unmet) => Some(granted.id.clone()),
            // No override, or one granted before a condition it did not waive broke.
            _ => {
                let mut refused = Problems::new();
                for problem in unmet {
                    refused.push(Invalid::new(problem.code, "gate", problem.message));
                }
                return Err(refused.finish().expect_err("unmet is not empty").into());
            }
        };
        let id = new_id();
        let text = |s: String| SqlValue::Text(s);
        let values = [
            ("award_id", text(award.id.clone())),
            ("tranche", SqlValue::Integer(input.tranche.into())),
            ("amount", text(yuan(due))),
            ("paid_date", text(paid_date.expect("checked").to_string())),
            ("voucher_no", text(voucher.expect("checked"))),
            ("payer", text(payer.expect("checked"))),
            ("override_id", override_id.map_or(SqlValue::Null, text)),
            ("notes", text(notes.expect("checked"))),
        ];
        self.write(|tx, writer| {
            write::record(tx, writer, &FUND_DISBURSEMENT, &id, Op::Create, &values)
        })?;
        Ok(Saved::new(self.disbursement(&id)?, Vec::new()))
    }

    /// `pay_tranche` of an operator's award in a programme (`FUND_AWARD_MISSING` without one).
    pub fn pay_tranche_of(
        &mut self,
        operator_id: &str,
        programme_id: &str,
        input: &PaymentInput,
    ) -> Result<Saved<Disbursement>> {
        let award_id = self.award_of(operator_id, programme_id)?;
        self.pay_tranche(&PaymentInput {
            award_id,
            ..input.clone()
        })
    }

    /// Reverses a payment with a negative row pointing at it; the payment stays, as an auditor
    /// expects. A reversal is not reversed (`FUND_REVERSE_REVERSAL`), nor a payment twice
    /// (`FUND_ALREADY_REVERSED`).
    pub fn reverse_disbursement(&mut self, input: &ReversalInput) -> Result<Disbursement> {
        self.refuse_fund_change_on_laptop()?;
        let original = self.disbursement(&input.disbursement_id)?;
        refuse_if(
            original.reverses_id.is_some(),
            Code::FUND_REVERSE_REVERSAL,
            "disbursementId",
            "这是一笔冲销记录，不能再冲销；如需恢复，请重新拨付。",
        )?;
        refuse_if(
            original.reversed_by.is_some(),
            Code::FUND_ALREADY_REVERSED,
            "disbursementId",
            "这笔拨付已经冲销过了。",
        )?;
        let mut problems = Problems::new();
        let date = problems.take(parse_date(&input.date, "date", "冲销日期"));
        let why = problems.take(reason(&input.reason, "reason", "冲销原因"));
        problems.finish()?;
        let id = new_id();
        let text = |s: &str| SqlValue::Text(s.to_string());
        let values = [
            ("award_id", text(&original.award_id)),
            ("tranche", SqlValue::Integer(original.tranche.into())),
            ("amount", SqlValue::Text(yuan(-dec(&original.amount)))),
            (
                "paid_date",
                SqlValue::Text(date.expect("checked").to_string()),
            ),
            ("voucher_no", text(&original.voucher_no)),
            ("payer", text(&original.payer)),
            ("reverses_id", text(&original.id)),
            (
                "notes",
                SqlValue::Text(format!("冲销：{}", why.expect("checked"))),
            ),
        ];
        self.write(|tx, writer| {
            write::record(tx, writer, &FUND_DISBURSEMENT, &id, Op::Create, &values)
        })?;
        self.disbursement(&id)
    }

    /// The county waives the gate for one tranche of an award: a record of its own with the
    /// reason, the officer and the conditions unmet when it was granted.
    pub fn override_gate(&mut self, input: &OverrideInput) -> Result<GateOverride> {
        self.refuse_fund_change_on_laptop()?;
        let book = self.award_book(&input.award_id)?;
        let award = &book.awards[0];
        let mut problems = Problems::new();
        problems.take(tranche_in_range(&book, input.tranche));
        let why = input.reason.trim();
        let officer = input.officer.trim();
        problems.check(
            why.is_empty(),
            Code::FUND_OVERRIDE_REASON,
            "reason",
            "特批拨付必须写明理由。",
        );
        problems.check(
            officer.is_empty(),
            Code::FUND_OVERRIDE_REASON,
            "officer",
            "特批拨付必须写明批准人。",
        );
        if !why.is_empty() {
            problems.take(reason(why, "reason", "特批理由"));
        }
        if !officer.is_empty() {
            problems.take(crate::domain::places::check_name(
                officer,
                "officer",
                "批准人",
            ));
        }
        let date = problems.take(parse_date(&input.date, "date", "特批日期"));
        problems.finish()?;
        let sources = self.gate_sources(&award.programme_id, Some(&award.operator_id))?;
        let waived: Vec<Code> = self
            .tranche_unmet(&book, &sources, award, input.tranche)?
            .into_iter()
            .map(|p| p.code)
            .collect();
        let id = new_id();
        let date = date.expect("checked").to_string();
        let values = [
            ("award_id", SqlValue::Text(award.id.clone())),
            ("tranche", SqlValue::Integer(input.tranche.into())),
            ("reason", SqlValue::Text(why.to_string())),
            ("officer", SqlValue::Text(officer.to_string())),
            ("override_date", SqlValue::Text(date.clone())),
            (
                "waived",
                SqlValue::Text(serde_json::to_string(&waived).expect("codes serialise")),
            ),
        ];
        self.write(|tx, writer| {
            write::record(tx, writer, &FUND_OVERRIDE, &id, Op::Create, &values)
        })?;
        Ok(GateOverride {
            id,
            award_id: award.id.clone(),
            tranche: input.tranche,
            reason: why.to_string(),
            officer: officer.to_string(),
            date,
            waived,
        })
    }

    pub fn disbursement(&self, id: &str) -> Result<Disbursement> {
        self.conn
            .first(
                "SELECT d.id, d.award_id, d.tranche, d.amount, d.paid_date, d.voucher_no,
                        d.payer, d.reverses_id,
                        (SELECT r.id FROM fund_disbursement r
                         WHERE r.reverses_id = d.id AND r.deleted_hlc IS NULL),
                        d.override_id, d.notes
                 FROM fund_disbursement d WHERE d.id = ?1 AND d.deleted_hlc IS NULL",
                [id],
                |r| {
                    Ok(Disbursement {
                        id: r.get(0)?,
                        award_id: r.get(1)?,
                        tranche: r.get(2)?,
                        amount: r.get(3)?,
                        paid_date: r.get(4)?,
                        voucher_no: r.get(5)?,
                        payer: r.get(6)?,
                        reverses_id: r.get(7)?,
                        reversed_by: r.get(8)?,
                        override_id: r.get(9)?,
                        notes: r.get(10)?,
                    })
                },
            )?
            .ok_or_else(|| Error::not_found("拨付记录", id))
    }
}
