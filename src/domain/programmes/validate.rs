//! Validation of programme configurations: a preset or a county's own programme is refused with
//! a stable code and a Chinese message naming the programme before anything is paid by it.

use std::collections::BTreeSet;

use rust_decimal::Decimal;

use super::{CriteriaTemplate, Item, Metric, Preset, SubsidyRule, Tranche, ValueType, SOURCES};
use crate::domain::json_path::{self, path};
use crate::domain::money::round_fen;
use crate::domain::training::Audience;
use crate::domain::{Invalid, Invalids, Problems};
use crate::Code;

/// The shares must add up to exactly 100%, each above zero and at most 100%. A problem of one
/// tranche names its JSON path (`tranches[1].percent`), a wrong sum the list.
pub fn validate_tranches(tranches: &[Tranche]) -> Result<(), Invalid> {
    let refuse = |message: String| Err(Invalid::new(Code::PROGRAMME_TRANCHES, "tranches", message));
    let refuse_at = |i: usize, field: &str, message: String| {
        Err(Invalid::new(
            Code::PROGRAMME_TRANCHES,
            path(format!("tranches[{i}].{field}")),
            message,
        ))
    };
    if tranches.is_empty() {
        return refuse("请至少填写一次拨付（例如首次 80%、验收后 20%）。".into());
    }
    for (i, t) in tranches.iter().enumerate() {
        if t.label.trim().is_empty() {
            return refuse_at(
                i,
                "label",
                "每次拨付都要写明名称（例如“验收达标后拨付剩余资金”）。".into(),
            );
        }
        if t.percent <= Decimal::ZERO || t.percent > Decimal::ONE_HUNDRED {
            return refuse_at(
                i,
                "percent",
                format!(
                    "“{}”的比例应大于 0%、不超过 100%，现在是 {}%。",
                    t.label, t.percent
                ),
            );
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
        problems.take(
            crate::domain::kinds::check_code(self.kind.code()).map_err(|e| Invalid {
                code: Code::PROGRAMME_KIND_UNKNOWN,
                field: "kind",
                ..e
            }),
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
        self.validate_targets(&mut problems);
        if let Some(fund) = &self.fund {
            problems.check(
                !is_amount(fund.budget),
                Code::PROGRAMME_FUND,
                "fund.budget",
                format!(
                    "{}：项目预算应为大于 0、精确到分的元数，现在是 {}。",
                    self.name, fund.budget
                ),
            );
        }
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

    /// Keys unique, every target with a known metric, a goal above zero and at most 100 for a
    /// share, the parameters its metric needs: every problem, each named by its JSON path
    /// (`targets[1].metric`).
    fn validate_targets(&self, problems: &mut Problems) {
        let keys = self.targets.iter().map(|t| t.key.as_str());
        problems.take(unique_keys(keys, Code::PROGRAMME_TARGETS, "targets"));
        for (i, t) in self.targets.iter().enumerate() {
            let at = |field| json_path::at("targets", i, field);
            let name = if t.label.is_empty() { &t.key } else { &t.label };
            let Some(metric) = Metric::parse(&t.metric) else {
                let known: Vec<&str> = Metric::ALL.iter().map(|m| m.code()).collect();
                let message = if t.metric.is_empty() {
                    format!(
                        "{}：目标“{name}”缺少计算指标（metric），可用：{}。",
                        self.name,
                        known.join("、")
                    )
                } else {
                    format!(
                        "{}：目标“{name}”的计算指标“{}”无法识别，可用：{}。",
                        self.name,
                        t.metric,
                        known.join("、")
                    )
                };
                problems.push(Invalid::new(
                    Code::PROGRAMME_TARGET_METRIC,
                    at("metric"),
                    message,
                ));
                continue;
            };
            problems.check(
                t.quantity == 0,
                Code::PROGRAMME_TARGETS,
                at("quantity"),
                format!("{}：目标“{name}”的数量应大于 0。", self.name),
            );
            problems.check(
                metric.is_share() && t.quantity > 100,
                Code::PROGRAMME_TARGET_SHARE,
                at("quantity"),
                format!(
                    "{}：目标“{name}”是比例，应在 1 到 100（%）之间，现在是 {}。",
                    self.name, t.quantity
                ),
            );
            let p = &t.params;
            let threshold_ok = match (metric, p.threshold) {
                (Metric::StationsReachingService, Some(d)) => is_amount(d),
                (Metric::StationsReachingService, None) => false,
                (_, threshold) => threshold.is_none(),
            };
            problems.check(
                !threshold_ok,
                Code::PROGRAMME_TARGET_PARAMS,
                at("params.threshold"),
                format!("{}：目标“{name}”：只有“服务金额月均达标站点比例”需要、且必须填写每月金额门槛（大于 0、精确到分的元数）。", self.name),
            );
            problems.check(
                (metric == Metric::FundShare) != p.category.is_some(),
                Code::PROGRAMME_TARGET_PARAMS,
                at("params.category"),
                format!(
                    "{}：目标“{name}”：资金占比指标须指定资金类别（category），其他指标不设类别。",
                    self.name
                ),
            );
            let per_person = matches!(
                metric,
                Metric::PersonTimes
                    | Metric::PoorPersonTimes
                    | Metric::PersonDays
                    | Metric::DistinctPersons
                    | Metric::PoorPersons
            );
            if let Some(code) = p.audience.as_deref() {
                let known = Audience::ALL.iter().any(|a| a.code() == code);
                let codes: Vec<String> = Audience::ALL
                    .iter()
                    .map(|a| format!("{}（{}）", a.code(), a.label()))
                    .collect();
                problems.check(
                    !known,
                    Code::PROGRAMME_TARGET_PARAMS,
                    at("params.audience"),
                    format!(
                        "{}：目标“{name}”的培训对象“{code}”无法识别，可用：{}。",
                        self.name,
                        codes.join("、")
                    ),
                );
                problems.check(
                    metric.is_training() && !per_person,
                    Code::PROGRAMME_TARGET_PARAMS,
                    at("params.audience"),
                    format!(
                        "{}：目标“{name}”：按培训对象只能统计人次、人天和人数。",
                        self.name
                    ),
                );
            }
            problems.check(
                !metric.is_training()
                    && (p.audience.is_some() || p.poor_only || p.session_kind.is_some()),
                Code::PROGRAMME_TARGET_PARAMS,
                at("params"),
                format!(
                    "{}：目标“{name}”：培训对象、仅计贫困人口和培训类型只适用于培训指标。",
                    self.name
                ),
            );
        }
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
                    "subsidy.classes",
                )?;
                for (i, c) in classes.iter().enumerate() {
                    if !is_amount(c.amount) || c.amount_max.is_some_and(|m| m < c.amount) {
                        return Err(Invalid::new(
                            Code::PROGRAMME_SUBSIDY,
                            path(format!("subsidy.classes[{i}].amount")),
                            format!(
                                "“{}”的补助金额应为大于 0、精确到分的元数，上限不低于下限。",
                                c.label
                            ),
                        ));
                    }
                }
                Ok(())
            }
            SubsidyRule::PerVillageYear {
                amount,
                amount_max,
                cap,
                ..
            } => {
                if !is_amount(*amount)
                    || amount_max.is_some_and(|m| m < *amount)
                    || cap.is_some_and(|c| !is_amount(c) || c < *amount)
                {
                    return refuse(
                        Code::PROGRAMME_SUBSIDY,
                        "每村每年补助金额应为大于 0、精确到分的元数，上限不低于下限，总额上限不低于每村金额。".into(),
                    );
                }
                Ok(())
            }
            SubsidyRule::InvestmentShare { classes, cap, .. } => {
                if classes.is_empty() {
                    return refuse(
                        Code::PROGRAMME_SUBSIDY,
                        "请至少填写一类投资补助比例。".into(),
                    );
                }
                unique_keys(
                    classes.iter().map(|c| c.key.as_str()),
                    Code::PROGRAMME_SUBSIDY,
                    "subsidy",
                )?;
                if let Some((i, c)) = classes
                    .iter()
                    .enumerate()
                    .find(|(_, c)| c.percent <= Decimal::ZERO || c.percent > Decimal::ONE_HUNDRED)
                {
                    return Err(Invalid::new(
                        Code::PROGRAMME_SUBSIDY_SHARE,
                        json_path::at("subsidy.classes", i, "percent"),
                        format!(
                            "“{}”补助占投资额的比例应大于 0% 且不超过 100%，现在是 {}%。",
                            c.label, c.percent
                        ),
                    ));
                }
                if cap.is_some_and(|c| !is_amount(c)) {
                    return refuse(
                        Code::PROGRAMME_SUBSIDY,
                        "补助上限应为大于 0、精确到分的元数。".into(),
                    );
                }
                Ok(())
            }
            SubsidyRule::NotSet { .. } => Ok(()),
            SubsidyRule::Budget { total, parts } => {
                unique_keys(
                    parts.iter().map(|p| p.key.as_str()),
                    Code::PROGRAMME_BUDGET,
                    "subsidy.parts",
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
            .enumerate()
            .find(|(_, r)| !is_amount(r.min) || !is_amount(r.max) || r.min > r.max)
        {
            Some((i, r)) => Err(Invalid::new(
                Code::PROGRAMME_RATES,
                path(format!("rates[{i}].min")),
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
        let items = || {
            let eligibility = self
                .eligibility
                .iter()
                .enumerate()
                .map(|(i, item)| (path(format!("criteria.eligibility[{i}]")), item));
            let scored = (self.scored.iter().enumerate())
                .map(|(i, item)| (path(format!("criteria.scored[{i}]")), item));
            eligibility.chain(scored)
        };
        let mut seen = BTreeSet::new();
        for (at, item) in items() {
            check_key(&item.key, &mut seen, Code::PROGRAMME_ITEM_KEY, at)?;
        }
        for (at, item) in items() {
            item.validate(at)?;
        }
        if self.scored_min as usize > self.scored.len() {
            return Err(Invalid::new(
                Code::PROGRAMME_SCORED_MIN,
                "criteria.scoredMin",
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
    /// `at`: the item's JSON path (`criteria.scored[2]`).
    fn validate(&self, at: &str) -> Result<(), Invalid> {
        let refuse_at = |code, field: &str, message: String| {
            Err(Invalid::new(code, path(format!("{at}.{field}")), message))
        };
        let refuse = |code, message: String| refuse_at(code, "threshold", message);
        if self.label.trim().is_empty() || self.requirement.trim().is_empty() {
            let field = if self.label.trim().is_empty() {
                "label"
            } else {
                "requirement"
            };
            return refuse_at(
                Code::PROGRAMME_ITEM,
                field,
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
                return refuse_at(
                    Code::PROGRAMME_ITEM_SOURCE,
                    "source",
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

/// Keys of the list at `list` (a JSON path): each well formed and unique, a problem naming the
/// key's own path (`targets[0].key`).
fn unique_keys<'a>(
    keys: impl Iterator<Item = &'a str>,
    code: Code,
    list: &str,
) -> Result<(), Invalid> {
    let mut seen = BTreeSet::new();
    for (i, key) in keys.enumerate() {
        check_key(key, &mut seen, code, &format!("{list}[{i}]"))?;
    }
    Ok(())
}

/// One key at `at` (the path of its object): well formed and not seen before.
fn check_key<'a>(
    key: &'a str,
    seen: &mut BTreeSet<&'a str>,
    code: Code,
    at: &str,
) -> Result<(), Invalid> {
    let field = path(format!("{at}.key"));
    let well_formed = !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    if !well_formed {
        let message = if key.is_empty() {
            "请填写键（小写字母、数字和下划线，例如 shops）。".to_string()
        } else {
            format!("键“{key}”只能由小写字母、数字和下划线组成。")
        };
        return Err(Invalid::new(code, field, message));
    }
    if !seen.insert(key) {
        return Err(Invalid::new(
            code,
            field,
            format!("键“{key}”重复，应唯一。"),
        ));
    }
    Ok(())
}
