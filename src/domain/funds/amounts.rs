//! What an award may be, by the programme's subsidy rule, and how it splits into tranches.
//! An award is never above the rule: a fixed standard is exactly its amount, a range is chosen
//! within it, a share of the operator's investment is at most that share and the cap. The
//! tranches are rounded to the fen half-up and the last takes the remainder, so they add up to
//! the award exactly.

use rust_decimal::Decimal;
use serde::Serialize;

use super::super::money::round_fen;
use super::super::programmes::{SubsidyRule, Tranche};
use super::super::Invalid;
use crate::Code;

/// One class an operator may apply and be awarded in, with the amounts the rule allows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct AwardClass {
    pub key: String,
    pub label: String,
    /// The least award, yuan with 2 decimals ("0.01" when only a ceiling is set).
    pub min: String,
    /// The most, before an investment share is applied (`None`: only the share and cap bound it).
    pub max: Option<String>,
    /// A share of the operator's investment: the investment must be given.
    pub investment_share: Option<String>,
    /// A fixed standard: the award is exactly `min`.
    pub fixed: bool,
}

/// The class key of a rule with one class only (a per-village-per-year station subsidy).
pub const STATION_CLASS: &str = "station";
/// The class key of a budget rule without parts.
pub const BUDGET_CLASS: &str = "budget";

const FEN: Decimal = Decimal::from_parts(1, 0, 0, false, 2);

fn text(d: Decimal) -> String {
    format!("{:.2}", round_fen(d))
}

/// The classes of a rule, in its order. A rule that sets no amount has none.
pub fn award_classes(rule: &SubsidyRule) -> Vec<AwardClass> {
    let fixed_or_range =
        |key: &str, label: &str, amount: Decimal, max: Option<Decimal>| AwardClass {
            key: key.to_string(),
            label: label.to_string(),
            min: text(amount),
            max: Some(text(max.unwrap_or(amount))),
            investment_share: None,
            fixed: max.is_none(),
        };
    match rule {
        SubsidyRule::PerVillageClass { classes } | SubsidyRule::PerOperatorClass { classes } => {
            classes
                .iter()
                .map(|c| fixed_or_range(&c.key, &c.label, c.amount, c.amount_max))
                .collect()
        }
        // A budget without parts is awarded as one (霍邱's training, its demonstration projects).
        SubsidyRule::Budget { total, parts } if parts.is_empty() => vec![AwardClass {
            key: BUDGET_CLASS.to_string(),
            label: "项目预算".to_string(),
            min: text(FEN),
            max: Some(text(*total)),
            investment_share: None,
            fixed: false,
        }],
        SubsidyRule::Budget { parts, .. } => parts
            .iter()
            .map(|p| AwardClass {
                key: p.key.clone(),
                label: p.label.clone(),
                min: text(FEN),
                max: Some(text(p.amount)),
                investment_share: None,
                fixed: false,
            })
            .collect(),
        SubsidyRule::PerVillageYear {
            amount, amount_max, ..
        } => vec![fixed_or_range(
            STATION_CLASS,
            "服务站点",
            *amount,
            *amount_max,
        )],
        SubsidyRule::InvestmentShare { classes, cap, .. } => classes
            .iter()
            .map(|c| AwardClass {
                key: c.key.clone(),
                label: c.label.clone(),
                min: text(FEN),
                max: cap.map(text),
                investment_share: Some(c.percent.normalize().to_string()),
                fixed: false,
            })
            .collect(),
        SubsidyRule::NotSet { .. } => Vec::new(),
    }
}

/// The class of `key`, or a refusal naming the classes there are.
pub fn award_class(programme: &str, rule: &SubsidyRule, key: &str) -> Result<AwardClass, Invalid> {
    let classes = award_classes(rule);
    if classes.is_empty() {
        return Err(Invalid::new(
            Code::FUND_CLASS,
            "classKey",
            format!("项目“{programme}”还没有设定补助标准。请先在项目设置中填写补助金额，再申报或确定扶持对象。"),
        ));
    }
    classes
        .iter()
        .find(|c| c.key == key)
        .cloned()
        .ok_or_else(|| {
            let names: Vec<String> = classes
                .iter()
                .map(|c| format!("{}（{}）", c.label, c.key))
                .collect();
            Invalid::new(
                Code::FUND_CLASS,
                "classKey",
                format!(
                    "项目“{programme}”没有“{key}”这一补助类别。可选：{}。",
                    names.join("、")
                ),
            )
        })
}

/// The bounds an award of `class` must keep to, given the operator's investment when the class
/// is a share of it: (least, most).
pub fn award_bounds(
    class: &AwardClass,
    investment: Option<Decimal>,
) -> Result<(Decimal, Decimal), Invalid> {
    let parse = |t: &str| Decimal::from_str_exact(t).expect("amounts are written by award_classes");
    let min = parse(&class.min);
    let mut max = class.max.as_deref().map(parse);
    if let Some(percent) = &class.investment_share {
        let investment = investment.filter(|i| *i > Decimal::ZERO).ok_or_else(|| {
            Invalid::new(
                Code::FUND_INVESTMENT_MISSING,
                "investment",
                format!(
                    "“{}”按投资额的 {percent}% 补助，请填写实施主体的投资额（元）。",
                    class.label
                ),
            )
        })?;
        let share = round_fen(investment * parse(percent) / Decimal::ONE_HUNDRED);
        max = Some(max.map_or(share, |cap| cap.min(share)));
    }
    Ok((min, max.unwrap_or(min)))
}

/// Checks an awarded amount against the rule: positive, to the fen, within the bounds.
pub fn check_award_amount(
    class: &AwardClass,
    amount: Decimal,
    investment: Option<Decimal>,
) -> Result<(), Invalid> {
    check_amount(amount, "amount")?;
    let (min, max) = award_bounds(class, investment)?;
    if amount > max {
        let why = match &class.investment_share {
            Some(p) => format!("投资额的 {p}%（不超过封顶额）"),
            None if class.fixed => "补助标准".to_string(),
            None => "补助上限".to_string(),
        };
        return Err(Invalid::new(
            Code::FUND_AMOUNT_ABOVE_RULE,
            "amount",
            format!(
                "“{}”最多补助 {} 元（{why}），填写的 {} 元超出了。请按项目的补助标准填写。",
                class.label,
                text(max),
                text(amount)
            ),
        ));
    }
    if amount < min {
        let what = if class.fixed {
            "补助标准为"
        } else {
            "最少补助"
        };
        return Err(Invalid::new(
            Code::FUND_AMOUNT_BELOW_RULE,
            "amount",
            format!(
                "“{}”{what} {} 元，填写的 {} 元不符。请按项目的补助标准填写。",
                class.label,
                text(min),
                text(amount)
            ),
        ));
    }
    Ok(())
}

/// A money amount that must be positive and exact to the fen (not rounded: a third fen is
/// usually a typo).
pub fn check_amount(amount: Decimal, field: &'static str) -> Result<(), Invalid> {
    if amount <= Decimal::ZERO {
        return Err(Invalid::new(
            Code::FUND_AMOUNT,
            field,
            format!("金额应大于 0，填写的是 {amount} 元。"),
        ));
    }
    if amount.normalize().scale() > 2 {
        return Err(Invalid::new(
            Code::FUND_AMOUNT,
            field,
            format!("金额最多精确到分，{amount} 元不是整分。"),
        ));
    }
    Ok(())
}

/// The amount of each tranche of `award`: the share rounded to the fen half-up, the last
/// taking the remainder so that they add up to the award exactly.
pub fn tranche_amounts(award: Decimal, tranches: &[Tranche]) -> Vec<Decimal> {
    let mut amounts: Vec<Decimal> = Vec::with_capacity(tranches.len());
    let mut given = Decimal::ZERO;
    for (index, tranche) in tranches.iter().enumerate() {
        let amount = if index + 1 == tranches.len() {
            award - given
        } else {
            round_fen(award * tranche.percent / Decimal::ONE_HUNDRED)
        };
        given += amount;
        let mut amount = amount;
        amount.rescale(2);
        amounts.push(amount);
    }
    amounts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::programmes::{presets, SubsidyClass};

    fn d(s: &str) -> Decimal {
        Decimal::from_str_exact(s).unwrap()
    }

    fn split(percents: &[&str]) -> Vec<Tranche> {
        percents
            .iter()
            .enumerate()
            .map(|(i, p)| Tranche {
                label: format!("第{}笔", i + 1),
                percent: d(p),
                on_acceptance: i > 0,
            })
            .collect()
    }

    #[test]
    fn eighty_twenty_of_the_demo_shops_is_to_the_fen() {
        let t = split(&["80", "20"]);
        assert_eq!(
            tranche_amounts(d("4420"), &t),
            vec![d("3536.00"), d("884.00")]
        );
        assert_eq!(
            tranche_amounts(d("5400"), &t),
            vec![d("4320.00"), d("1080.00")]
        );
        assert_eq!(tranche_amounts(d("4420"), &t)[0].to_string(), "3536.00");
    }

    #[test]
    fn a_three_way_split_adds_up_exactly() {
        let t = split(&["33.33", "33.33", "33.34"]);
        let amounts = tranche_amounts(d("1000.00"), &t);
        assert_eq!(amounts, vec![d("333.30"), d("333.30"), d("333.40")]);
        let t = split(&["40", "40", "20"]);
        let amounts = tranche_amounts(d("1000.01"), &t);
        assert_eq!(amounts.iter().sum::<Decimal>(), d("1000.01"));
        assert_eq!(amounts[0], d("400.00"), "400.004 rounds half-up to 400.00");
    }

    #[test]
    fn every_split_sums_to_the_award() {
        let t = split(&["90", "10"]);
        for fen in [1_i64, 7, 99, 100_001, 123_456_789] {
            let award = Decimal::new(fen, 2);
            assert_eq!(tranche_amounts(award, &t).iter().sum::<Decimal>(), award);
        }
    }

    #[test]
    fn a_fixed_standard_is_exactly_its_amount() {
        let rule = SubsidyRule::PerVillageClass {
            classes: vec![SubsidyClass {
                key: "poor".into(),
                label: "贫困村".into(),
                amount: d("5400"),
                amount_max: None,
                count: None,
                annual: false,
                requirement: String::new(),
            }],
        };
        let class = award_class("示范店", &rule, "poor").unwrap();
        assert!(check_award_amount(&class, d("5400.00"), None).is_ok());
        let above = check_award_amount(&class, d("5400.01"), None).unwrap_err();
        assert_eq!(above.code, Code::FUND_AMOUNT_ABOVE_RULE);
        let below = check_award_amount(&class, d("5000"), None).unwrap_err();
        assert_eq!(below.code, Code::FUND_AMOUNT_BELOW_RULE);
        assert_eq!(
            award_class("示范店", &rule, "III").unwrap_err().code,
            Code::FUND_CLASS
        );
    }

    #[test]
    fn negative_and_fractional_fen_amounts_are_refused() {
        assert_eq!(
            check_amount(d("-1"), "amount").unwrap_err().code,
            Code::FUND_AMOUNT
        );
        assert_eq!(
            check_amount(d("0"), "amount").unwrap_err().code,
            Code::FUND_AMOUNT
        );
        assert_eq!(
            check_amount(d("1.005"), "amount").unwrap_err().code,
            Code::FUND_AMOUNT
        );
        assert!(check_amount(d("1.50"), "amount").is_ok());
    }

    #[test]
    fn an_investment_share_is_capped() {
        let huoqiu = presets()
            .unwrap()
            .into_iter()
            .find(|p| matches!(p.subsidy, SubsidyRule::InvestmentShare { .. }))
            .expect("霍邱's logistics preset pays a share of the investment");
        let classes = award_classes(&huoqiu.subsidy);
        let class = &classes[0];
        let missing = award_bounds(class, None).unwrap_err();
        assert_eq!(missing.code, Code::FUND_INVESTMENT_MISSING);
        let percent = d(class.investment_share.as_deref().unwrap());
        let (_, max) = award_bounds(class, Some(d("100000"))).unwrap();
        assert_eq!(max, round_fen(d("100000") * percent / Decimal::ONE_HUNDRED));
        if let Some(cap) = &class.max {
            let (_, max) = award_bounds(class, Some(d("1000000000"))).unwrap();
            assert_eq!(max, d(cap), "the cap bounds a large investment");
        }
    }

    #[test]
    fn a_range_is_chosen_within_it() {
        let chengxian = presets().unwrap();
        let online = chengxian
            .iter()
            .flat_map(|p| award_classes(&p.subsidy))
            .find(|c| !c.fixed && c.investment_share.is_none() && c.min != "0.01")
            .expect("a preset pays a range (个体网店 1–3 万)");
        let min = d(&online.min);
        let max = d(online.max.as_deref().unwrap());
        assert!(check_award_amount(&online, min, None).is_ok());
        assert!(check_award_amount(&online, max, None).is_ok());
        assert_eq!(
            check_award_amount(&online, max + d("0.01"), None)
                .unwrap_err()
                .code,
            Code::FUND_AMOUNT_ABOVE_RULE
        );
    }
}
