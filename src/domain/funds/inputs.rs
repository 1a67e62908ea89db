//! Checks of the money inputs that need no records: amounts to the fen, contracted targets with
//! the JSON path of the bad one (`targets[2].quantity`), required reasons. The store adds what
//! needs the records (the award, the tranche, what was paid).

use rust_decimal::Decimal;

use super::amounts::check_amount;
use super::model::ContractTarget;
use crate::domain::json_path;
use crate::domain::money::parse_yuan;
use crate::domain::places::{check_optional_text, required_text};
use crate::domain::{Invalid, Problems};
use crate::Code;

/// A positive amount of yuan, exact to the fen: anything else (negative, zero, a third decimal)
/// is `FUND_AMOUNT`; text that is no number is `MONEY_INVALID`.
pub fn fund_amount(raw: &str, field: &'static str) -> Result<Decimal, Invalid> {
    let amount = parse_yuan(raw, field).map_err(|invalid| match invalid.code {
        Code::MONEY_PRECISION => Invalid::new(Code::FUND_AMOUNT, field, invalid.message),
        _ => invalid,
    })?;
    check_amount(amount, field)?;
    Ok(amount)
}

/// An optional amount (an investment, a recovery of everything paid): empty is none.
pub fn optional_fund_amount(raw: &str, field: &'static str) -> Result<Option<Decimal>, Invalid> {
    match raw.trim() {
        "" => Ok(None),
        typed => fund_amount(typed, field).map(Some),
    }
}

/// Each contracted target: a key and a label, and a quantity that is a non-negative number.
/// Every bad one is named by its path (`targets[2].quantity`).
pub fn check_targets(targets: &[ContractTarget], problems: &mut Problems) {
    for (index, target) in targets.iter().enumerate() {
        let at = |field: &str| json_path::at("targets", index, field);
        let nth = index + 1;
        problems.check(
            target.key.trim().is_empty(),
            Code::FUND_TARGET,
            at("key"),
            format!("第 {nth} 项合同指标缺少代码（如 sales），用来和验收记录中的同名项目对照。"),
        );
        problems.check(
            target.label.trim().is_empty(),
            Code::FUND_TARGET,
            at("label"),
            format!("第 {nth} 项合同指标缺少名称（如 销售额）。"),
        );
        let quantity = Decimal::from_str_exact(target.quantity.trim());
        problems.check(
            !matches!(quantity, Ok(q) if q >= Decimal::ZERO),
            Code::FUND_TARGET,
            at("quantity"),
            format!(
                "第 {nth} 项合同指标“{}”的数量“{}”不是不小于 0 的数字，请填写如 10000。",
                target.label.trim(),
                target.quantity.trim()
            ),
        );
        problems.take(check_optional_text(
            target.unit.trim(),
            at("unit"),
            "指标单位",
            10,
        ));
    }
}

/// A required reason (of a reversal, an override, a recovery), at most 200 characters.
pub fn reason(raw: &str, field: &'static str, label: &str) -> Result<String, Invalid> {
    required_text(raw, field, label, 200)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(quantity: &str) -> ContractTarget {
        ContractTarget {
            key: "sales".into(),
            label: "销售额".into(),
            quantity: quantity.into(),
            unit: "元".into(),
        }
    }

    #[test]
    fn amounts_must_be_positive_and_to_the_fen() {
        assert_eq!(
            fund_amount("4,320.00", "amount").unwrap().to_string(),
            "4320.00"
        );
        for bad in ["-1", "0", "1.005"] {
            assert_eq!(
                fund_amount(bad, "amount").unwrap_err().code,
                Code::FUND_AMOUNT,
                "{bad}"
            );
        }
        assert_eq!(
            fund_amount("abc", "amount").unwrap_err().code,
            Code::MONEY_INVALID
        );
        assert_eq!(optional_fund_amount(" ", "amount").unwrap(), None);
    }

    #[test]
    fn a_bad_target_is_named_by_its_path() {
        let mut problems = Problems::new();
        let mut blank = target("5");
        blank.key = " ".into();
        check_targets(
            &[target("10000"), target("0"), blank, target("-3")],
            &mut problems,
        );
        let refused = problems.finish().unwrap_err();
        let fields: Vec<&str> = refused.all().iter().map(|i| i.field).collect();
        assert_eq!(fields, vec!["targets[2].key", "targets[3].quantity"]);
    }
}
