//! The fund plan (资金计划) of a programme subsidised per village class: per township, how many
//! poor and non-poor villages, how many units, and the planned amount in 万元 with 3 decimals,
//! as the county's appendix prints it. Computed from the places and the programme's subsidy
//! rule, never typed, so the printed table and the records cannot disagree.

use rust_decimal::Decimal;
use serde::Serialize;

use super::money::wan_yuan;
use super::programmes::SubsidyRule;
use super::Invalid;
use crate::Code;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct FundPlanRow {
    pub township: String,
    pub poor_villages: u32,
    pub non_poor_villages: u32,
    pub units: u32,
    /// Yuan, 2 decimals.
    pub amount: String,
    /// 万元, 3 decimals, as the plan prints it.
    pub planned_wan_yuan: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct FundPlan {
    pub programme: String,
    pub rows: Vec<FundPlanRow>,
    /// The 合计 row.
    pub total: FundPlanRow,
}

/// One village of the plan: its township and whether it is a poor village.
pub struct PlanVillage<'a> {
    pub township: &'a str,
    pub poor: bool,
}

/// Builds the plan, townships in the order given. Refused when the programme is not subsidised
/// per village class or lacks the poor / non-poor amounts.
pub fn fund_plan(
    programme: &str,
    subsidy: &SubsidyRule,
    villages: &[PlanVillage],
) -> Result<FundPlan, Invalid> {
    let SubsidyRule::PerVillageClass { classes } = subsidy else {
        return Err(Invalid::new(
            Code::FUND_PLAN_RULE,
            "programmeId",
            format!("“{programme}”不是按村类别补助的项目，没有按村的资金计划。"),
        ));
    };
    let amount_of = |key: &str| {
        classes
            .iter()
            .find(|c| c.key == key)
            .map(|c| c.amount)
            .ok_or_else(|| {
                Invalid::new(
                    Code::FUND_PLAN_RULE,
                    "programmeId",
                    format!("“{programme}”的补助标准缺少“{key}”类村的金额。"),
                )
            })
    };
    let (poor_amount, non_poor_amount) = (amount_of("poor")?, amount_of("non_poor")?);
    let row = |township: &str, poor: u32, non_poor: u32| {
        let amount = poor_amount * Decimal::from(poor) + non_poor_amount * Decimal::from(non_poor);
        FundPlanRow {
            township: township.to_string(),
            poor_villages: poor,
            non_poor_villages: non_poor,
            units: poor + non_poor,
            amount: format!("{amount:.2}"),
            planned_wan_yuan: wan_yuan(amount, 3),
        }
    };
    let mut order: Vec<&str> = Vec::new();
    let mut counts: Vec<(u32, u32)> = Vec::new();
    for village in villages {
        let index = match order.iter().position(|t| *t == village.township) {
            Some(index) => index,
            None => {
                order.push(village.township);
                counts.push((0, 0));
                order.len() - 1
            }
        };
        if village.poor {
            counts[index].0 += 1;
        } else {
            counts[index].1 += 1;
        }
    }
    let rows: Vec<FundPlanRow> = order
        .iter()
        .zip(&counts)
        .map(|(township, (poor, non_poor))| row(township, *poor, *non_poor))
        .collect();
    let (poor, non_poor) = counts
        .iter()
        .fold((0, 0), |acc, (p, n)| (acc.0 + p, acc.1 + n));
    Ok(FundPlan {
        programme: programme.to_string(),
        total: row("合计", poor, non_poor),
        rows,
    })
}
