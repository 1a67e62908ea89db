//! Validation of programme configurations: a preset or a county's own programme is refused with
//! a stable code and a Chinese message naming the programme before anything is paid by it.

use std::collections::BTreeSet;

use rust_decimal::Decimal;

use super::{CriteriaTemplate, Item, Preset, SubsidyRule, Tranche, ValueType, SOURCES};
use crate::domain::money::round_fen;
use crate::domain::{Invalid, Invalids, Problems};
use crate::Code;

/// The shares must add up to exactly 100%, each above zero.
pub fn validate_tranches(tranches: &[Tranche]) -> Result<(), Invalid> {
    let refuse = |message: String| Err(Invalid::new(Code::PROGRAMME_TRANCHES, "tranches", message));
    if tranches.is_empty() {
        return refuse("请至少填写一次拨付（例如首次 80%、验收后 20%）。".into());
    }
    for t in tranches {
        if t.label.trim().is_empty() {
            return refuse("每次拨付都要写明名称（例如“验收达标后拨付剩余资金”）。".into());
        }
        if t.percent <= Decimal::ZERO {
            return refuse(format!(
                "“{}”的比例应大于 0%，现在是 {}%。",
                t.label, t.percent
            ));
        }
    }
    let sum: Decimal = tranches.iter().map(|t| t.percent).sum();
    if sum != Decimal::ONE_HUNDRED {
        let shares: Vec<String> = tranches.iter().map(|t| format!("{}%", t.percent)).collect();
        return refuse(format!(
            "各次拨付比例合计应正好为 100%，现在是 {} = {}%。",
            shares.join(" + "),
            sum.normalize()
        ));
    }
    Ok(())
}

impl Preset {
    /// Every problem of the programme at once (`Invalids`), each field's first.
    pub fn validate(&self) -> Result<(), Invalids> {
        let mut problems = Problems::new();
        let code_ok = !self.code.is_empty()
            && self
                .code
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        problems.check(
            !code_ok,
            Code::PROGRAMME_CODE,
            "code",
            format!("项目代码“{}”只能由小写字母、数字和连字符组成。", self.code),
        );
        problems.check(
            self.name.trim().is_empty(),
            Code::PROGRAMME_NAME,
            "name",
            "请填写项目名称。",
        );
        let named = |e: Invalid| Invalid {
            message: format!("{}：{}", self.name, e.message),
            ..e
        };
        if !(2010..=2100).contains(&self.year) {
            problems.push(named(Invalid::new(
                Code::PROGRAMME_YEAR,
                "year",
                format!("年度应为四位年份，例如 2019，现在是 {}。", self.year),
            )));
        }
        problems.take(validate_tranches(&self.tranches).map_err(named));
        problems.take(self.validate_subsidy().map_err(named));
        problems.take(self.criteria.validate().map_err(named));
        problems.take(self.validate_targets().map_err(named));
        if let Some(share) = self.contract_share_min {
            if share <= Decimal::ZERO || share > Decimal::ONE {
                problems.push(named(Invalid::new(
                    Code::PROGRAMME_CONTRACT_SHARE,
                    "contractShareMin",
                    format!("验收最低完成比例应在 0 到 1 之间（0.8 即 80%），现在是 {share}。"),
                )));
            }
        }
        if let Some(share) = self.recheck_share_min {
            if share <= Decimal::ZERO || share > Decimal::ONE {
                problems.push(named(Invalid::new(
                    Code::PROGRAMME_RECHECK_SHARE,
                    "recheckShareMin",
                    format!("县级复核最低比例应在 0 到 1 之间（0.5 即 50%），现在是 {share}。"),
                )));
            }
        }
        problems.take(self.validate_rates().map_err(named));
        problems.finish()
    }

    fn validate_targets(&self) -> Result<(), Invalid> {
        let keys = self.targets.iter().map(|t| t.key.as_str());
        unique_keys(keys, Code::PROGRAMME_TARGETS, "targets")?;
        if let Some(t) = self.targets.iter().find(|t| t.quantity == 0) {
            return Err(Invalid::new(
                Code::PROGRAMME_TARGETS,
                "targets",
                format!("目标“{}”的数量应大于 0。", t.label),
            ));
        }
        Ok(())
    }

    fn validate_subsidy(&self) -> Result<(), Invalid> {
        let refuse = |code, message: String| Err(Invalid::new(code, "subsidy", message));
        match &self.subsidy {
            SubsidyRule::PerVillageClass { classes }
            | SubsidyRule::PerOperatorClass { classes } => {
                if classes.is_empty() {
                    return refuse(Code::PROGRAMME_SUBSIDY, "请至少填写一类补助标准。".into());
                }
                unique_keys(
                    classes.iter().map(|c| c.key.as_str()),
                    Code::PROGRAMME_SUBSIDY,
                    "subsidy",
                )?;
                for c in classes {
                    if !is_amount(c.amount) || c.amount_max.is_some_and(|m| m < c.amount) {
                        return refuse(
                            Code::PROGRAMME_SUBSIDY,
                            format!(
                                "“{}”的补助金额应为大于 0、精确到分的元数，上限不低于下限。",
                                c.label
                            ),
                        );
                    }
                }
                Ok(())
            }
            SubsidyRule::Budget { total, parts } => {
                unique_keys(
                    parts.iter().map(|p| p.key.as_str()),
                    Code::PROGRAMME_BUDGET,
                    "subsidy",
                )?;
                if !is_amount(*total) || parts.iter().any(|p| !is_amount(p.amount)) {
                    return refuse(
                        Code::PROGRAMME_BUDGET,
                        "预算金额应为大于 0、精确到分的元数。".into(),
                    );
                }
                let sum: Decimal = parts.iter().map(|p| p.amount).sum();
                if !parts.is_empty() && sum != *total {
                    return refuse(
                        Code::PROGRAMME_BUDGET,
                        format!("预算各部分合计 {sum} 元，与总额 {total} 元不符。"),
                    );
                }
                Ok(())
            }
        }
    }

    fn validate_rates(&self) -> Result<(), Invalid> {
        let rates = self.rates.as_deref().unwrap_or_default();
        unique_keys(
            rates.iter().map(|r| r.key.as_str()),
            Code::PROGRAMME_RATES,
            "rates",
        )?;
        match rates
            .iter()
            .find(|r| !is_amount(r.min) || !is_amount(r.max) || r.min > r.max)
        {
            Some(r) => Err(Invalid::new(
                Code::PROGRAMME_RATES,
                "rates",
                format!("“{}”的标准应为大于 0 的元数，且下限不高于上限。", r.label),
            )),
            None => Ok(()),
        }
    }
}

impl CriteriaTemplate {
    /// Item keys unique, thresholds where (and only where) the value is a number, and a "k of n"
    /// rule that can be met.
    pub fn validate(&self) -> Result<(), Invalid> {
        let items = || self.eligibility.iter().chain(&self.scored);
        unique_keys(
            items().map(|i| i.key.as_str()),
            Code::PROGRAMME_ITEM_KEY,
            "criteria",
        )?;
        for item in items() {
            item.validate()?;
        }
        if self.scored_min as usize > self.scored.len() {
            return Err(Invalid::new(
                Code::PROGRAMME_SCORED_MIN,
                "criteria",
                format!(
                    "评选标准共 {} 项，要求至少达标 {} 项无法满足。",
                    self.scored.len(),
                    self.scored_min
                ),
            ));
        }
        Ok(())
    }
}

impl Item {
    fn validate(&self) -> Result<(), Invalid> {
        let refuse = |code, message: String| Err(Invalid::new(code, "criteria", message));
        if self.label.trim().is_empty() || self.requirement.trim().is_empty() {
            return refuse(
                Code::PROGRAMME_ITEM,
                format!("条目“{}”要写明名称和要求原文。", self.key),
            );
        }
        let label = &self.label;
        match (self.value_type.numeric(), self.threshold) {
            (true, None) => {
                return refuse(
                    Code::PROGRAMME_THRESHOLD,
                    format!("“{label}”是{}，请填写达标线。", self.value_type.label()),
                )
            }
            (false, Some(_)) => {
                return refuse(
                    Code::PROGRAMME_THRESHOLD,
                    format!("“{label}”按{}判断，不应设达标线。", self.value_type.label()),
                )
            }
            (true, Some(t)) => {
                let fits = match self.value_type {
                    ValueType::Money => round_fen(t) == t,
                    ValueType::Percent => t <= Decimal::ONE_HUNDRED,
                    _ => true,
                };
                if t < Decimal::ZERO || !fits {
                    return refuse(
                        Code::PROGRAMME_THRESHOLD,
                        format!("“{label}”的达标线 {t} 不合理（不能为负，金额精确到分，百分比不超过 100）。"),
                    );
                }
            }
            (false, None) => {}
        }
        if let Some(source) = &self.source {
            if !SOURCES.contains(&source.as_str()) || !self.value_type.numeric() {
                return refuse(
                    Code::PROGRAMME_ITEM_SOURCE,
                    format!(
                        "“{label}”的数据来源“{source}”无法识别，可用：{}（仅限数值条目）。",
                        SOURCES.join("、")
                    ),
                );
            }
        }
        Ok(())
    }
}

fn is_amount(d: Decimal) -> bool {
    d > Decimal::ZERO && round_fen(d) == d
}

fn unique_keys<'a>(
    keys: impl Iterator<Item = &'a str>,
    code: Code,
    field: &'static str,
) -> Result<(), Invalid> {
    let mut seen = BTreeSet::new();
    for key in keys {
        let well_formed = !key.is_empty()
            && key
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        if !well_formed {
            let message = format!("键“{key}”只能由小写字母、数字和下划线组成。");
            return Err(Invalid::new(code, field, message));
        }
        if !seen.insert(key) {
            return Err(Invalid::new(
                code,
                field,
                format!("键“{key}”重复，应唯一。"),
            ));
        }
    }
    Ok(())
}
