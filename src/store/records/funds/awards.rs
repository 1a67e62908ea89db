//! Awards (确定扶持对象) and contracts: an award on an application the county approved, for the
//! amount the programme's rule allows in the application's class, with the contracted targets;
//! refused beyond the programme's budget or warned, as the county set it; editable and voidable
//! until its first payment. Reads: an award with its tranches, payments and recoveries, and the
//! gate's verdict on its next tranche.

use chrono::NaiveDate;
use rusqlite::types::Value as SqlValue;
use rust_decimal::Decimal;

use super::book::{dec, yuan};
use crate::domain::funds::{
    award_bounds, award_class, check_award_amount, check_targets, optional_fund_amount,
    programme_budget, Award, AwardInput, ContractInput, GateVerdict,
};
use crate::domain::lifecycle::void_reason;
use crate::domain::money::yuan_grouped;
use crate::domain::{
    format_date_zh, optional_date, parse_date, refuse_if, Invalid, Problems, Saved, Warning,
};
use crate::error::{Error, Result};
use crate::store::entities::FUND_AWARD;
use crate::store::ids::new_id;
use crate::store::write::{self, Op};
use crate::store::{Query, Store};
use crate::Code;

/// The application an award is made on, as the award reads it.
struct Applied {
    programme_id: String,
    operator_id: String,
    class_key: String,
    investment: Option<String>,
    decision: String,
}

/// An award's input, checked: what is written.
struct Checked {
    applied: Applied,
    amount: Decimal,
    investment: Option<Decimal>,
    decided: NaiveDate,
    deadline: Option<NaiveDate>,
    warnings: Vec<Warning>,
}

impl Store {
    fn applied(&self, application_id: &str) -> Result<Applied> {
        let row: Option<(String, String, String, Option<String>, String)> = self.conn.row(
            "SELECT programme_id, operator_id, class_key, investment, decision
             FROM fund_application WHERE id = ?1 AND deleted_hlc IS NULL",
            [application_id],
        )?;
        let (programme_id, operator_id, class_key, investment, decision) =
            row.ok_or_else(|| Error::not_found("资金申报", application_id))?;
        Ok(Applied {
            programme_id,
            operator_id,
            class_key,
            investment,
            decision,
        })
    }

    /// The end of the operator's ban in force today, if any.
    pub(crate) fn ban_in_force(&self, operator_id: &str) -> Result<Option<NaiveDate>> {
        let today = self.today().to_string();
        let end: Option<String> = self.conn.value(
            "SELECT end_date FROM fund_ban
             WHERE operator_id = ?1 AND deleted_hlc IS NULL AND lifted_date IS NULL
               AND start_date <= ?2 AND ?2 < end_date
             ORDER BY end_date DESC LIMIT 1",
            [operator_id, &today],
        )?;
        Ok(end.and_then(|e| e.parse().ok()))
    }

    /// Checks an award's input against its application, the rule, bans, the one live award
    /// per operator and programme, and the budget (`editing`: the award being edited).
    fn check_award(&self, input: &AwardInput, editing: Option<&str>) -> Result<Checked> {
        let applied = self.applied(&input.application_id)?;
        refuse_if(
            applied.decision != "approved",
            Code::FUND_APPLICATION_NOT_APPROVED,
            "applicationId",
            match applied.decision.as_str() {
                "rejected" => "这份申报县里已决定不予扶持，不能确定扶持资金。",
                _ => "这份申报县里还没有审定通过。请先完成审核并由县审定“通过”，再确定扶持资金。",
            },
        )?;
        let programme = self.programme(&applied.programme_id)?;
        let mut problems = Problems::new();
        let class = problems.take(award_class(
            &programme.name,
            &programme.settings.subsidy,
            &applied.class_key,
        ));
        let typed_investment = input.investment.clone().unwrap_or_default();
        let investment = match typed_investment.trim() {
            "" => problems
                .take(optional_fund_amount(
                    applied.investment.as_deref().unwrap_or_default(),
                    "investment",
                ))
                .flatten(),
            typed => problems
                .take(optional_fund_amount(typed, "investment"))
                .flatten(),
        };
        let amount = match (input.amount.trim(), &class) {
            ("", Some(class)) if class.fixed => Some(dec(&class.min)),
            ("", Some(class)) => {
                let bounds = award_bounds(class, investment)
                    .map(|(min, max)| format!("，可在 {} 至 {} 元之间", yuan(min), yuan(max)))
                    .unwrap_or_default();
                problems.push(Invalid::new(
                    Code::FUND_AMOUNT,
                    "amount",
                    format!("“{}”不是固定标准，请填写补助金额{bounds}。", class.label),
                ));
                None
            }
            ("", None) => None,
            (typed, _) => problems.take(crate::domain::funds::fund_amount(typed, "amount")),
        };
        if let (Some(class), Some(amount)) = (&class, amount) {
            problems.take(check_award_amount(class, amount, investment));
        }
        let decided = problems.take(parse_date(&input.decided_date, "decidedDate", "确定日期"));
        let deadline = problems
            .take(optional_date(
                input.deadline.as_deref().unwrap_or_default(),
                "deadline",
                "完成期限",
            ))
            .flatten();
        check_targets(&input.targets, &mut problems);
        problems.take(crate::domain::places::check_optional_text(
            input.notes.trim(),
            "notes",
            "备注",
            200,
        ));
        problems.finish()?;
        let (amount, decided) = (amount.expect("checked"), decided.expect("checked"));
        if let Some(until) = self.ban_in_force(&applied.operator_id)? {
            return Err(Invalid::new(
                Code::FUND_OPERATOR_BANNED,
                "applicationId",
                format!(
                    "该实施主体已被取消资格，禁止申报至 {}（不含当日），期间不能获得扶持资金。",
                    format_date_zh(until)
                ),
            )
            .into());
        }
        let other: Option<String> = self.conn.value(
            "SELECT id FROM fund_award WHERE programme_id = ?1 AND operator_id = ?2
               AND deleted_hlc IS NULL AND id <> ?3",
            [
                &applied.programme_id,
                &applied.operator_id,
                editing.unwrap_or_default(),
            ],
        )?;
        refuse_if(
            other.is_some(),
            Code::FUND_AWARD_DUPLICATE,
            "applicationId",
            "这个实施主体在本项目已有一笔扶持资金，同一项目只能确定一次。如需更改，请修改那一笔，或先作废它。",
        )?;
        let mut warnings = Vec::new();
        if let Some(budget) = programme_budget(&programme.settings) {
            let awarded: Vec<String> = self.conn.list(
                "SELECT amount FROM fund_award WHERE programme_id = ?1 AND deleted_hlc IS NULL
                   AND id <> ?2",
                [&applied.programme_id, editing.unwrap_or_default()],
                |r| r.get(0),
            )?;
            let awarded: Decimal = awarded.iter().map(|a| dec(a)).sum();
            if awarded + amount > budget {
                let message = format!(
                    "项目“{}”预算 {} 元，已确定 {} 元，再加这笔 {} 元共 {} 元，超出预算 {} 元。",
                    programme.name,
                    yuan_grouped(budget),
                    yuan_grouped(awarded),
                    yuan_grouped(amount),
                    yuan_grouped(awarded + amount),
                    yuan_grouped(awarded + amount - budget)
                );
                let overcommit: Option<String> = self.conn.value(
                    "SELECT fund_overcommit FROM county WHERE deleted_hlc IS NULL
                     ORDER BY code LIMIT 1",
                    [],
                )?;
                let invalid = Invalid::new(Code::FUND_OVER_BUDGET, "amount", message);
                if overcommit.as_deref() == Some("warn") {
                    warnings.push(invalid.into());
                } else {
                    return Err(Invalid {
                        message: format!(
                            "{}县里设定超出预算不予确定：请调整金额或先调整项目预算。",
                            invalid.message
                        ),
                        ..invalid
                    }
                    .into());
                }
            }
        }
        Ok(Checked {
            applied,
            amount,
            investment,
            decided,
            deadline,
            warnings,
        })
    }

    fn award_values(input: &AwardInput, c: &Checked) -> Vec<(&'static str, SqlValue)> {
        let text = |s: &str| SqlValue::Text(s.to_string());
        let targets: Vec<_> = input
            .targets
            .iter()
            .map(|t| crate::domain::funds::ContractTarget {
                key: t.key.trim().to_string(),
                label: t.label.trim().to_string(),
                quantity: dec(t.quantity.trim()).normalize().to_string(),
                unit: t.unit.trim().to_string(),
            })
            .collect();
        vec![
            ("programme_id", text(&c.applied.programme_id)),
            ("operator_id", text(&c.applied.operator_id)),
            ("application_id", text(&input.application_id)),
            ("class_key", text(&c.applied.class_key)),
            ("amount", SqlValue::Text(yuan(c.amount))),
            (
                "investment",
                c.investment
                    .map_or(SqlValue::Null, |i| SqlValue::Text(yuan(i))),
            ),
            ("decided_date", SqlValue::Text(c.decided.to_string())),
            ("decided_by", text(input.decided_by.trim())),
            (
                "targets",
                SqlValue::Text(serde_json::to_string(&targets).expect("targets serialise")),
            ),
            (
                "deadline",
                c.deadline
                    .map_or(SqlValue::Null, |d| SqlValue::Text(d.to_string())),
            ),
            ("notes", text(input.notes.trim())),
        ]
    }

    /// Awards funds on an approved application (see the module's rules). The amount left empty
    /// takes the class's fixed standard.
    pub fn award_funds(&mut self, input: &AwardInput) -> Result<Saved<Award>> {
        self.refuse_fund_change_on_laptop()?;
        let checked = self.check_award(input, None)?;
        let id = new_id();
        let values = Self::award_values(input, &checked);
        self.write(|tx, writer| write::record(tx, writer, &FUND_AWARD, &id, Op::Create, &values))?;
        Ok(Saved::new(self.fund_award(&id)?, checked.warnings))
    }

    /// Refuses a change of an award once anything was paid on it (`FUND_AWARD_PAID`).
    fn refuse_paid_award(&self, id: &str, step: &str) -> Result<()> {
        self.award_programme(id)?
            .ok_or_else(|| Error::not_found("扶持资金", id))?;
        let payments: i64 = self.conn.query_row(
            "SELECT count(*) FROM fund_disbursement WHERE award_id = ?1 AND deleted_hlc IS NULL",
            [id],
            |r| r.get(0),
        )?;
        refuse_if(
            payments > 0,
            Code::FUND_AWARD_PAID,
            "id",
            format!(
                "这笔扶持资金已经拨付过，不能再{step}。如需更正，请冲销拨付记录或下达追回决定。"
            ),
        )?;
        Ok(())
    }

    /// Corrects an award before its first payment, checked like a new one.
    pub fn edit_award(&mut self, id: &str, input: &AwardInput) -> Result<Saved<Award>> {
        self.refuse_fund_change_on_laptop()?;
        self.refuse_paid_award(id, "修改")?;
        let checked = self.check_award(input, Some(id))?;
        let values = Self::award_values(input, &checked);
        self.write(|tx, writer| write::record(tx, writer, &FUND_AWARD, id, Op::Update, &values))?;
        Ok(Saved::new(self.fund_award(id)?, checked.warnings))
    }

    /// Voids an award before its first payment, with its reason (a tombstone).
    pub fn void_award(&mut self, id: &str, reason: &str) -> Result<()> {
        self.refuse_fund_change_on_laptop()?;
        let reason = void_reason(reason)?;
        self.refuse_paid_award(id, "作废")?;
        self.write(|tx, writer| {
            write::record(
                tx,
                writer,
                &FUND_AWARD,
                id,
                Op::Delete,
                &[("void_reason", SqlValue::Text(reason))],
            )
        })?;
        Ok(())
    }

    /// Records the signed contract: its number, date and (when given) the stored scan.
    pub fn sign_fund_contract(&mut self, input: &ContractInput) -> Result<Award> {
        self.refuse_fund_change_on_laptop()?;
        let mut problems = Problems::new();
        let number = problems.take(crate::domain::places::required_text(
            &input.contract_no,
            "contractNo",
            "合同编号",
            50,
        ));
        let signed = problems.take(parse_date(&input.contract_date, "contractDate", "签订日期"));
        let scan = crate::domain::optional_id(&input.scan_sha256);
        if let Some(sha) = &scan {
            let stored: Option<i64> = self
                .conn
                .value("SELECT 1 FROM attachment WHERE sha256 = ?1", [sha])?;
            problems.check(
                stored.is_none(),
                Code::FUND_DOCUMENT,
                "scanSha256",
                "合同扫描件还没有上传到本机，请先上传扫描件再保存。",
            );
        }
        problems.finish()?;
        self.award_programme(&input.award_id)?
            .ok_or_else(|| award_missing("awardId"))?;
        let values = [
            ("contract_no", SqlValue::Text(number.expect("checked"))),
            (
                "contract_date",
                SqlValue::Text(signed.expect("checked").to_string()),
            ),
            (
                "contract_sha256",
                scan.map_or(SqlValue::Null, SqlValue::Text),
            ),
        ];
        self.write(|tx, writer| {
            write::record(
                tx,
                writer,
                &FUND_AWARD,
                &input.award_id,
                Op::Update,
                &values,
            )
        })?;
        self.fund_award(&input.award_id)
    }

    /// An award with its tranches (and the gate's unmet conditions of each unpaid one), its
    /// payments and recovery orders.
    pub fn fund_award(&self, id: &str) -> Result<Award> {
        let programme = self
            .award_programme(id)?
            .ok_or_else(|| Error::not_found("扶持资金", id))?;
        let mut book = self.fund_book(&programme, Some(id))?;
        let award = book
            .awards
            .pop()
            .ok_or_else(|| Error::not_found("扶持资金", id))?;
        let sources = self.gate_sources(&programme, Some(&award.operator_id))?;
        self.complete_award(&book, &sources, award)
    }

    /// Every live award of a programme, by township, village and name.
    pub fn fund_awards(&self, programme_id: &str) -> Result<Vec<Award>> {
        let mut book = self.fund_book(programme_id, None)?;
        let sources = self.gate_sources(programme_id, None)?;
        let awards = std::mem::take(&mut book.awards);
        awards
            .into_iter()
            .map(|a| self.complete_award(&book, &sources, a))
            .collect()
    }

    /// May the next unpaid tranche of an award be paid, and every reason why not.
    pub fn fund_gate(&self, award_id: &str) -> Result<GateVerdict> {
        let programme = self
            .award_programme(award_id)?
            .ok_or_else(|| award_missing("awardId"))?;
        let book = self.fund_book(&programme, Some(award_id))?;
        let award = &book.awards[0];
        let sources = self.gate_sources(&programme, Some(&award.operator_id))?;
        self.verdict(&book, &sources, award)
    }

    /// `fund_gate` of an operator's award in a programme (`FUND_AWARD_MISSING` without one).
    pub fn fund_gate_for(&self, operator_id: &str, programme_id: &str) -> Result<GateVerdict> {
        let award = self.award_of(operator_id, programme_id)?;
        self.fund_gate(&award)
    }

    /// The live award of an operator in a programme, or `FUND_AWARD_MISSING`.
    pub fn award_of(&self, operator_id: &str, programme_id: &str) -> Result<String> {
        let award: Option<String> = self.conn.value(
            "SELECT id FROM fund_award WHERE operator_id = ?1 AND programme_id = ?2
               AND deleted_hlc IS NULL",
            [operator_id, programme_id],
        )?;
        award.ok_or_else(|| award_missing("operatorId"))
    }

    /// The gate's verdict on every award of a programme.
    pub fn fund_gates(&self, programme_id: &str) -> Result<Vec<GateVerdict>> {
        let book = self.fund_book(programme_id, None)?;
        let sources = self.gate_sources(programme_id, None)?;
        book.awards
            .iter()
            .map(|a| self.verdict(&book, &sources, a))
            .collect()
    }
}

pub(crate) fn award_missing(field: &'static str) -> Error {
    Invalid::new(
        Code::FUND_AWARD_MISSING,
        field,
        "没有找到这笔扶持资金（该实施主体在本项目没有确定扶持，或已作废）。请先确定扶持对象和金额。",
    )
    .into()
}
