//! Checking what an inspector observed against a programme's criteria. Pure: the same
//! observations always give the same conclusion and the same reasons, which are printed on the
//! acceptance form.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{decimal_text, CriteriaTemplate, Item, ValueType};
use crate::domain::money::round_fen;

#[cfg(test)]
mod tests;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum ObservedValue {
    Bool(bool),
    Number(
        #[serde(with = "decimal_text")]
        #[cfg_attr(feature = "ts", ts(type = "string"))]
        Decimal,
    ),
    Text(String),
    /// The item does not apply to this unit (recorded as such, not forgotten).
    NotApplicable,
}

/// What was found for one item, by its key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Observation {
    pub key: String,
    pub value: ObservedValue,
}

impl Observation {
    pub fn new(key: impl Into<String>, value: ObservedValue) -> Self {
        Observation {
            key: key.into(),
            value,
        }
    }
    pub fn bool(key: impl Into<String>, value: bool) -> Self {
        Observation::new(key, ObservedValue::Bool(value))
    }
    pub fn number(key: impl Into<String>, value: Decimal) -> Self {
        Observation::new(key, ObservedValue::Number(value))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Met,
    NotMet,
    NotApplicable,
    Missing,
}

impl Outcome {
    pub fn label(self) -> &'static str {
        match self {
            Outcome::Met => "达标",
            Outcome::NotMet => "未达标",
            Outcome::NotApplicable => "不适用",
            Outcome::Missing => "待核验",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Conclusion {
    Pass,
    Fail,
    Rectify,
}

impl Conclusion {
    pub fn label(self) -> &'static str {
        match self {
            Conclusion::Pass => "合格",
            Conclusion::Fail => "不合格",
            Conclusion::Rectify => "限期整改",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ItemResult {
    pub key: String,
    pub label: String,
    pub result: Outcome,
    /// "9 户，少于要求的 10 户", "未记录", "不符合".
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Evaluation {
    /// Eligibility items first, then scored items, in the template's order.
    pub items: Vec<ItemResult>,
    /// Every eligibility item met or not applicable.
    pub eligibility_met: bool,
    pub scored_met: u32,
    pub conclusion: Conclusion,
    pub reasons: Vec<String>,
}

/// Pass when every eligibility item holds and at least `scored_min` scored items do. Fail when an
/// eligibility item is not met, or too few scored items can still be met. Otherwise something
/// that decides the outcome has not been observed yet: rectify (限期整改) and verify it.
/// Not-applicable eligibility items are skipped; a not-applicable scored item does not count.
/// Observations are matched to items by key; the first one for a key counts, unknown keys are
/// ignored.
pub fn evaluate(template: &CriteriaTemplate, observations: &[Observation]) -> Evaluation {
    let judge = |item: &Item| {
        let value = observations.iter().find(|o| o.key == item.key);
        judge_item(item, value.map(|o| &o.value))
    };
    let eligibility: Vec<ItemResult> = template.eligibility.iter().map(judge).collect();
    let scored: Vec<ItemResult> = template.scored.iter().map(judge).collect();
    let with = |results: &[ItemResult], outcome| {
        results
            .iter()
            .filter(|r| r.result == outcome)
            .cloned()
            .collect::<Vec<_>>()
    };
    let not_met = with(&eligibility, Outcome::NotMet);
    let mut missing = with(&eligibility, Outcome::Missing);
    let eligibility_met = not_met.is_empty() && missing.is_empty();
    let k = template.scored_min;
    let scored_met = with(&scored, Outcome::Met).len() as u32;
    let scored_missing = with(&scored, Outcome::Missing);
    let scored_short = scored_met + (scored_missing.len() as u32) < k;
    let conclusion = if eligibility_met && scored_met >= k {
        Conclusion::Pass
    } else if !not_met.is_empty() || scored_short {
        Conclusion::Fail
    } else {
        Conclusion::Rectify
    };

    let mut reasons: Vec<String> = not_met
        .iter()
        .map(|r| format!("“{}”未达标：{}", r.label, r.reason))
        .collect();
    if scored_short {
        let failed: Vec<String> = scored
            .iter()
            .filter(|r| r.result != Outcome::Met)
            .map(|r| match r.result {
                Outcome::NotApplicable => format!("{}（不适用）", r.label),
                _ => r.label.clone(),
            })
            .collect();
        reasons.push(format!(
            "评选标准达标 {scored_met} 项，少于要求的 {k} 项（共 {} 项；未达标：{}）",
            scored.len(),
            failed.join("、")
        ));
    } else if scored_met < k {
        reasons.push(format!("评选标准目前达标 {scored_met} 项，要求至少 {k} 项"));
    }
    missing.extend(scored_missing);
    if !missing.is_empty() {
        let names: Vec<&str> = missing.iter().map(|r| r.label.as_str()).collect();
        reasons.push(match conclusion {
            Conclusion::Pass => format!("未核验（不影响结论）：{}", names.join("、")),
            _ => format!("待核验：{}", names.join("、")),
        });
    }

    let mut items = eligibility;
    items.extend(scored);
    Evaluation {
        items,
        eligibility_met,
        scored_met,
        conclusion,
        reasons,
    }
}

/// The acceptance rule "economic indicators must reach at least this share of the contract"
/// (成县: 完成合同任务中经济指标为80%以下的，不予通过验收). Exact: no division, no rounding.
pub fn contract_share_ok(actual: Decimal, contracted: Decimal, min_share: Decimal) -> bool {
    actual >= contracted * min_share
}

fn judge_item(item: &Item, value: Option<&ObservedValue>) -> ItemResult {
    let (result, reason) = match (value, item.value_type) {
        (None, _) => (Outcome::Missing, "未记录".to_string()),
        (Some(ObservedValue::NotApplicable), _) => (Outcome::NotApplicable, "不适用".into()),
        (Some(ObservedValue::Bool(true)), ValueType::Boolean) => (Outcome::Met, "符合".into()),
        (Some(ObservedValue::Bool(false)), ValueType::Boolean) => {
            (Outcome::NotMet, "不符合".into())
        }
        (
            Some(ObservedValue::Number(v)),
            ValueType::Count | ValueType::Money | ValueType::Percent,
        ) => match item.threshold {
            Some(t) if *v >= t => (
                Outcome::Met,
                format!("{}，达到要求（不少于 {}）", show(item, *v), show(item, t)),
            ),
            Some(t) => (
                Outcome::NotMet,
                format!("{}，少于要求的 {}", show(item, *v), show(item, t)),
            ),
            None => (Outcome::Missing, "未设定达标线".into()),
        },
        (Some(ObservedValue::Text(t)), ValueType::Text) if !t.trim().is_empty() => {
            (Outcome::Met, "已记录".into())
        }
        (Some(ObservedValue::Text(_)), ValueType::Text) => (Outcome::Missing, "未记录".into()),
        (Some(_), expected) => (
            Outcome::Missing,
            format!("记录的值类型不符，应为{}", expected.label()),
        ),
    };
    ItemResult {
        key: item.key.clone(),
        label: item.label.clone(),
        result,
        reason,
    }
}

/// A value as the acceptance form prints it: money to the fen with 元, percent with %, counts
/// with their unit.
fn show(item: &Item, value: Decimal) -> String {
    match item.value_type {
        ValueType::Money => {
            let mut v = round_fen(value);
            v.rescale(2);
            format!("{v} 元")
        }
        ValueType::Percent => format!("{}%", value.normalize()),
        _ => match item.unit.as_deref() {
            Some(unit) => format!("{} {unit}", value.normalize()),
            None => value.normalize().to_string(),
        },
    }
}
