//! What a programme may spend: its budget and its sub-budgets (by class or budget part), the
//! figures awards are committed against. The programme's own `fund.budget` when set; otherwise
//! what its rule implies (a budget's total, a station subsidy's cap, or every class's planned
//! count × its amount).

use rust_decimal::Decimal;

use super::super::programmes::{Preset, SubsidyRule};

/// One sub-budget: a class or budget part of the rule and what it may commit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubBudget {
    pub key: String,
    pub label: String,
    pub amount: Decimal,
}

/// The programme's budget in yuan, when it has one.
pub fn programme_budget(preset: &Preset) -> Option<Decimal> {
    if let Some(fund) = &preset.fund {
        return Some(fund.budget);
    }
    match &preset.subsidy {
        SubsidyRule::Budget { total, .. } => Some(*total),
        SubsidyRule::PerVillageYear { cap, .. } | SubsidyRule::InvestmentShare { cap, .. } => *cap,
        SubsidyRule::PerVillageClass { .. } | SubsidyRule::PerOperatorClass { .. } => {
            let subs = sub_budgets(preset);
            (!subs.is_empty()).then(|| subs.iter().map(|s| s.amount).sum())
        }
        SubsidyRule::NotSet { .. } => None,
    }
}

/// The sub-budgets the rule sets: each budget part, or each class with a planned count
/// (count × its amount, the upper end of a range). Classes without a count have none.
pub fn sub_budgets(preset: &Preset) -> Vec<SubBudget> {
    match &preset.subsidy {
        SubsidyRule::Budget { parts, .. } => parts
            .iter()
            .map(|p| SubBudget {
                key: p.key.clone(),
                label: p.label.clone(),
                amount: p.amount,
            })
            .collect(),
        SubsidyRule::PerVillageClass { classes } | SubsidyRule::PerOperatorClass { classes } => {
            classes
                .iter()
                .filter_map(|c| {
                    let count = Decimal::from(c.count?);
                    Some(SubBudget {
                        key: c.key.clone(),
                        label: c.label.clone(),
                        amount: count * c.amount_max.unwrap_or(c.amount),
                    })
                })
                .collect()
        }
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::programmes::presets;

    fn preset(code: &str) -> Preset {
        presets()
            .unwrap()
            .into_iter()
            .find(|p| p.code == code)
            .unwrap()
    }

    #[test]
    fn the_demo_shops_budget_65_wan_by_village_class() {
        let shops = preset("chengxian-2019-demo-shop");
        assert_eq!(programme_budget(&shops), Some(Decimal::new(650_000, 0)));
        let subs = sub_budgets(&shops);
        assert_eq!(subs.len(), 2);
        assert_eq!(subs[0].amount, Decimal::new(561_600, 0));
        assert_eq!(subs[1].amount, Decimal::new(88_400, 0));
    }

    #[test]
    fn training_splits_into_its_parts() {
        let training = preset("chengxian-2019-training");
        let amounts: Vec<Decimal> = sub_budgets(&training).iter().map(|s| s.amount).collect();
        assert_eq!(
            amounts,
            vec![
                Decimal::new(85_000, 0),
                Decimal::new(193_000, 0),
                Decimal::new(72_000, 0)
            ]
        );
    }

    #[test]
    fn a_rule_without_amounts_has_no_budget() {
        let tuoli = preset("tuoli-2019-training");
        assert_eq!(programme_budget(&tuoli), None);
        let mut stations = preset("huoqiu-2019-service-station");
        stations.fund = None;
        assert_eq!(
            programme_budget(&stations),
            Some(Decimal::new(1_600_000, 0))
        );
    }
}
