//! Targets judged against what the records count: the engine behind
//! `Store::programme_progress`, `fieldbook programmes progress` and the training page's
//! targets. Pure: the store measures each metric (`Measured`), `judge` compares it with the
//! target's goal. Training metrics are read from `TrainingTotals` only (`training_measure`), so
//! how 人次 and 人天 are counted is decided in one place.

use rust_decimal::Decimal;
use serde::Serialize;

use super::{Metric, ProgrammeKind, Target, TargetParams};
use crate::domain::training::{Audience, AudienceTally, TrainingTotals};

/// What the records give for one target's metric, and how it was counted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Measured {
    pub value: Decimal,
    /// "12 / 20 个行政村", shown beside the figure.
    pub basis: String,
}

impl Measured {
    pub fn new(value: impl Into<Decimal>, basis: impl Into<String>) -> Self {
        Measured {
            value: value.into(),
            basis: basis.into(),
        }
    }

    /// `part` of `whole` in %, one decimal, half-up (0 when the whole is 0).
    pub fn share(part: u32, whole: u32, basis: impl Into<String>) -> Self {
        Measured::new(percent(part.into(), whole.into()), basis)
    }
}

/// `part ÷ whole × 100`, one decimal, half-up; 0 when `whole` is 0.
pub fn percent(part: Decimal, whole: Decimal) -> Decimal {
    if whole.is_zero() {
        return Decimal::ZERO;
    }
    (part * Decimal::ONE_HUNDRED / whole)
        .round_dp_with_strategy(1, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
}

/// One target's progress.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct TargetResult {
    pub key: String,
    pub label: String,
    /// The metric's code; empty when the target names none Fieldbook knows.
    pub metric: String,
    pub unit: String,
    pub goal: u32,
    /// The goal is a ceiling (≤) rather than a floor (≥).
    pub at_most: bool,
    /// The measured figure in `unit` (a percentage for share metrics); `None` when not counted.
    pub done: Option<String>,
    /// `done ÷ goal` in %, one decimal (progress towards the goal; may exceed 100).
    pub share: Option<String>,
    /// `None` only for an informational goal or a figure not counted.
    pub met: Option<bool>,
    /// How the figure was counted, or why it was not.
    pub basis: String,
    pub requirement: String,
}

/// A programme's targets, each judged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ProgrammeProgress {
    pub programme_id: String,
    pub programme_name: String,
    pub year: i32,
    pub kind: ProgrammeKind,
    pub targets: Vec<TargetResult>,
}

/// Compares a target's measured figure with its goal: met at or above it (以上、不低于 include
/// the figure itself), or at or below it for a ceiling (不高于、以内).
pub fn judge(target: &Target, measured: Option<Measured>) -> TargetResult {
    let metric = target.measure().map(|(m, _)| m);
    let goal = Decimal::from(target.quantity);
    let (done, share, met, basis) = match (metric, measured) {
        (Some(Metric::Informational), _) => (None, None, None, "记录中无此数据，仅列明目标".into()),
        (None, _) => (None, None, None, "未指定可计算的指标".into()),
        (Some(_), None) => (None, None, None, "暂无可计算的数据".into()),
        (Some(m), Some(measured)) => {
            let value = measured.value;
            let done = match m {
                Metric::LedgerSales => format!("{value:.2}"),
                _ => value.normalize().to_string(),
            };
            let met = if target.at_most {
                value <= goal
            } else {
                value >= goal
            };
            let share = percent(value, goal).normalize().to_string();
            (Some(done), Some(share), Some(met), measured.basis)
        }
    };
    TargetResult {
        key: target.key.clone(),
        label: target.label.clone(),
        metric: metric.map_or_else(String::new, |m| m.code().to_string()),
        unit: target.unit.clone(),
        goal: target.quantity,
        at_most: target.at_most,
        done,
        share,
        met,
        basis,
        requirement: target.requirement.clone(),
    }
}

/// A training metric read from a programme's training totals; `None` for a metric that is not
/// a training one, or an audience the totals do not count by.
pub fn training_measure(
    metric: Metric,
    params: &TargetParams,
    totals: &TrainingTotals,
) -> Option<Measured> {
    let count = |n: u32, what: &str| Some(Measured::new(n, format!("{what} {n}")));
    if let Some(code) = params.audience.as_deref() {
        // Validation let only a known audience and a per-person metric through; an audience
        // nobody signed in under yet counts 0.
        let audience = Audience::ALL.into_iter().find(|a| a.code() == code)?;
        let tally = totals.by_audience.iter().find(|t| t.audience == audience);
        let of = |f: fn(&AudienceTally) -> u32| tally.map_or(0, f);
        let label = audience.label();
        let poor = params.poor_only;
        return match metric {
            Metric::PersonTimes if !poor => count(of(|t| t.person_times), &format!("{label}人次")),
            Metric::PersonTimes | Metric::PoorPersonTimes => {
                count(of(|t| t.poor_person_times), &format!("{label}贫困人口人次"))
            }
            Metric::PersonDays => count(of(|t| t.person_days), &format!("{label}人天")),
            Metric::DistinctPersons if !poor => count(of(|t| t.persons), &format!("{label}人数")),
            Metric::DistinctPersons | Metric::PoorPersons => {
                count(of(|t| t.poor_persons), &format!("{label}贫困人口人数"))
            }
            _ => None,
        };
    }
    match metric {
        Metric::PersonTimes if params.poor_only => count(totals.poor_person_times, "贫困人口人次"),
        Metric::PersonTimes => count(totals.person_times, "培训人次"),
        Metric::PoorPersonTimes => count(totals.poor_person_times, "贫困人口人次"),
        Metric::DistinctPersons if params.poor_only => count(totals.poor_persons, "贫困人口人数"),
        Metric::DistinctPersons => count(totals.distinct_persons, "培训人数"),
        Metric::PoorPersons => count(totals.poor_persons, "贫困人口人数"),
        Metric::PersonDays => {
            let days: Decimal = totals.person_days.parse().ok()?;
            Some(Measured::new(days, format!("人天 {}", totals.person_days)))
        }
        Metric::SessionsHeld => match params.session_kind {
            Some(kind) => {
                let tally = totals.by_kind.iter().find(|k| k.kind == kind)?;
                count(tally.held_sessions, &format!("已举办{}", kind.label()))
            }
            None => count(totals.held_sessions, "已举办培训"),
        },
        Metric::TownshipsTrained => {
            let held = totals
                .by_township
                .iter()
                .filter(|t| t.township_id.is_some() && t.person_times > 0)
                .count() as u32;
            count(held, "已举办培训的乡镇")
        }
        Metric::ShortestSessionDays => {
            let kinds = totals
                .by_kind
                .iter()
                .filter(|k| params.session_kind.is_none_or(|kind| k.kind == kind))
                .filter(|k| k.held_sessions > 0);
            let days = kinds.map(|k| k.shortest_held_days).min().unwrap_or(0);
            count(days, "最短一期天数")
        }
        _ => None,
    }
}

/// One fund category's share of the county's special fund in a year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct CategoryShare {
    pub category: super::FundCategory,
    /// Yuan, two decimals.
    pub budget: String,
    /// Of the year's total, in %, one decimal.
    pub share: String,
    /// Yuan awarded on the category's programmes (live awards), two decimals.
    pub awarded: String,
    /// Of everything awarded in the year's special fund, in %, one decimal.
    pub awarded_share: String,
    /// Yuan paid on them (net of reversals), two decimals.
    pub paid: String,
    /// Of everything paid in the year's special fund, in %, one decimal.
    pub paid_share: String,
}

/// A fund-share cap (a `fund_share` target of one of the year's programmes), judged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct FundCap {
    pub programme_id: String,
    pub programme_name: String,
    /// Judged on the budgets.
    pub target: TargetResult,
    /// The same cap judged on what was awarded (资金使用比例 of the real decisions); not
    /// counted while nothing is awarded.
    pub awarded: TargetResult,
    /// Judged on what was paid.
    pub paid: TargetResult,
}

/// The county's special fund in a year: the budgets of its programmes by category, and every
/// cap its programmes set on those shares.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct FundShares {
    pub year: i32,
    /// Σ budgets of the year's programmes that have one, yuan.
    pub total: String,
    pub categories: Vec<CategoryShare>,
    pub caps: Vec<FundCap>,
    /// Σ awards of the year's programmes that have a fund category, yuan.
    pub awarded: String,
    /// Σ paid on them, yuan.
    pub paid: String,
    /// FUND_CAP_SHARE: every cap the awards (or payments) break.
    pub warnings: Vec<crate::domain::Warning>,
}
