//! A programme's fund status (资金使用情况): its live awards' money summed by line (the whole
//! programme, each township, each class or sub-budget), and the warnings a county reads first —
//! more awarded than budgeted (FUND_OVER_BUDGET). Pure: the store reads one row per award with
//! its payments and recoveries already summed (`AwardMoney`) and hands them here.

use rust_decimal::Decimal;

use super::super::money::yuan_grouped;
use super::super::Warning;
use super::model::MoneyLine;
use crate::Code;

/// One live award and the money on it so far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AwardMoney {
    pub programme_id: String,
    /// The township of the operator's village; empty when the operator has no village.
    pub township_id: String,
    pub class_key: String,
    pub amount: Decimal,
    /// Σ disbursements, reversals included (they are negative).
    pub paid: Decimal,
    /// Σ recovery orders on the award; `None` when none was ordered.
    pub ordered: Option<Decimal>,
    /// Σ amounts received back (reversals included).
    pub recovered: Decimal,
}

/// The sums of one line, before they are written as text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    pub awards: u32,
    pub awarded: Decimal,
    pub paid: Decimal,
    pub recovered: Decimal,
    pub to_pay: Decimal,
    pub to_recover: Decimal,
}

impl Tally {
    pub fn add(&mut self, award: &AwardMoney) {
        self.awards += 1;
        self.awarded += award.amount;
        self.paid += award.paid;
        self.recovered += award.recovered;
        match award.ordered {
            // An award under a recovery order is not paid further: what is owed is the order.
            Some(ordered) => self.to_recover += (ordered - award.recovered).max(Decimal::ZERO),
            None => self.to_pay += (award.amount - award.paid).max(Decimal::ZERO),
        }
    }

    pub fn of<'a>(awards: impl IntoIterator<Item = &'a AwardMoney>) -> Tally {
        let mut tally = Tally::default();
        for award in awards {
            tally.add(award);
        }
        tally
    }

    /// The line as shown: yuan with two decimals, remaining = budget − awarded.
    pub fn line(&self, key: &str, label: &str, budget: Option<Decimal>) -> MoneyLine {
        MoneyLine {
            key: key.to_string(),
            label: label.to_string(),
            budget: budget.map(fen),
            awards: self.awards,
            awarded: fen(self.awarded),
            paid: fen(self.paid),
            recovered: fen(self.recovered),
            remaining: budget.map(|b| fen(b - self.awarded)),
            to_pay: fen(self.to_pay),
            to_recover: fen(self.to_recover),
        }
    }
}

fn fen(d: Decimal) -> String {
    format!("{:.2}", super::super::money::round_fen(d))
}

/// FUND_OVER_BUDGET when more is awarded than `budget` allows; `field` is where the line sits
/// in the status (`total`, `byClass[1]`), `what` names it in the message.
pub fn over_budget(
    field: &str,
    what: &str,
    budget: Option<Decimal>,
    awarded: Decimal,
) -> Option<Warning> {
    let budget = budget?;
    (awarded > budget).then(|| Warning {
        code: Code::FUND_OVER_BUDGET,
        field: field.to_string(),
        message: format!(
            "{what}已确定扶持资金 {} 元，超出预算 {} 元共 {} 元。请核减扶持金额、撤销多余的扶持决定，或按程序调整预算。",
            yuan_grouped(awarded),
            yuan_grouped(budget),
            yuan_grouped(awarded - budget)
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn award(amount: i64, paid: i64, ordered: Option<i64>, recovered: i64) -> AwardMoney {
        AwardMoney {
            programme_id: "p".into(),
            township_id: "t".into(),
            class_key: "poor".into(),
            amount: Decimal::from(amount),
            paid: Decimal::from(paid),
            ordered: ordered.map(Decimal::from),
            recovered: Decimal::from(recovered),
        }
    }

    #[test]
    fn an_award_under_recovery_owes_its_order_not_its_balance() {
        let tally = Tally::of(&[
            award(5400, 4320, None, 0),
            award(4420, 3536, Some(3536), 1000),
        ]);
        let line = tally.line("p", "示范店", Some(Decimal::from(10_000)));
        assert_eq!(line.awards, 2);
        assert_eq!(line.awarded, "9820.00");
        assert_eq!(line.paid, "7856.00");
        assert_eq!(line.recovered, "1000.00");
        assert_eq!(line.remaining.as_deref(), Some("180.00"));
        assert_eq!(line.to_pay, "1080.00");
        assert_eq!(line.to_recover, "2536.00");
    }

    #[test]
    fn a_line_without_budget_has_no_remaining() {
        let line = Tally::of(&[award(100, 0, None, 0)]).line("k", "类", None);
        assert_eq!((line.budget, line.remaining), (None, None));
        assert_eq!(line.to_pay, "100.00");
    }

    #[test]
    fn over_budget_only_when_awarded_exceeds_it() {
        let budget = Some(Decimal::from(650_000));
        assert_eq!(
            over_budget("total", "项目", budget, Decimal::from(650_000)),
            None
        );
        let w = over_budget("total", "项目“示范店”", budget, Decimal::from(655_400)).unwrap();
        assert_eq!(w.code, Code::FUND_OVER_BUDGET);
        assert!(
            w.message.contains("超出预算 650,000.00 元共 5,400.00 元"),
            "{}",
            w.message
        );
        assert_eq!(over_budget("total", "项目", None, Decimal::ONE), None);
    }
}
