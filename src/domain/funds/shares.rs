//! The special fund's category shares (霍邱: upward channel ≥ 50 %, public service ≤ 15 %,
//! training ≤ 20 %) measured on what the county actually **awarded** and **paid**, not only on
//! budgets: the share of a category is its programmes' awards over the awards of every
//! programme of the year that belongs to the special fund (has a fund category) — 资金使用比例.
//! A cap broken by the real decisions is a FUND_CAP_SHARE warning naming the category, its
//! share and the cap.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::super::programmes::progress::{judge, percent, Measured, TargetResult};
use super::super::programmes::{FundCategory, Metric, Preset, Target};
use super::super::Warning;
use crate::Code;

/// One programme of the year with what was awarded and paid on it.
pub struct ProgrammeSpend<'a> {
    pub preset: &'a Preset,
    pub awarded: Decimal,
    pub paid: Decimal,
}

/// Awarded and paid of the special fund: in total and by category.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Spent {
    pub awarded: Decimal,
    pub paid: Decimal,
    pub by_category: BTreeMap<FundCategory, (Decimal, Decimal)>,
}

/// Sums the year's spending by fund category; programmes without a category are not part of
/// the special fund and count nowhere.
pub fn spent(programmes: &[ProgrammeSpend]) -> Spent {
    let mut spent = Spent::default();
    for p in programmes {
        let Some(fund) = &p.preset.fund else { continue };
        spent.awarded += p.awarded;
        spent.paid += p.paid;
        let entry = spent
            .by_category
            .entry(fund.category)
            .or_insert((Decimal::ZERO, Decimal::ZERO));
        entry.0 += p.awarded;
        entry.1 += p.paid;
    }
    spent
}

/// Which figure a share is measured on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    Awarded,
    Paid,
}

impl Measure {
    fn word(self) -> &'static str {
        match self {
            Measure::Awarded => "已确定扶持资金",
            Measure::Paid => "已拨付资金",
        }
    }
}

/// The fund-share target judged on awarded (or paid) money; not counted (`met: None`) while
/// nothing is awarded (paid) in the year.
pub fn judge_spent(target: &Target, spent: &Spent, measure: Measure) -> TargetResult {
    let measured = target
        .measure()
        .filter(|(metric, _)| *metric == Metric::FundShare)
        .and_then(|(_, params)| params.category)
        .and_then(|category| {
            let (total, part) = match measure {
                Measure::Awarded => (spent.awarded, spent.by_category.get(&category).map(|c| c.0)),
                Measure::Paid => (spent.paid, spent.by_category.get(&category).map(|c| c.1)),
            };
            if total.is_zero() {
                return None;
            }
            let part = part.unwrap_or_default();
            Some(Measured::new(
                percent(part, total),
                format!(
                    "{}{} {part:.2} 元 / 本年度专项资金{} {total:.2} 元",
                    category.label(),
                    measure.word(),
                    measure.word()
                ),
            ))
        });
    judge(target, measured)
}

/// FUND_CAP_SHARE when a judged share breaks its cap: names the category, the share and the
/// cap, and the programme that set it.
pub fn cap_warning(
    programme_name: &str,
    target: &Target,
    judged: &TargetResult,
    measure: Measure,
) -> Option<Warning> {
    if judged.met != Some(false) {
        return None;
    }
    let category = target.measure()?.1.category?;
    let bound = if judged.at_most {
        "不得高于"
    } else {
        "不低于"
    };
    Some(Warning {
        code: Code::FUND_CAP_SHARE,
        field: format!("caps.{}", target.key),
        message: format!(
            "{}占本年度专项资金{}的 {}%，{}要求{}{bound} {}%（项目“{programme_name}”的“{}”）。请调整各类项目的扶持决定，使占比符合要求。",
            category.label(),
            measure.word(),
            judged.done.as_deref().unwrap_or("0"),
            match measure {
                Measure::Awarded => "按已确定的扶持决定计算，",
                Measure::Paid => "按已拨付资金计算，",
            },
            category.label(),
            judged.goal,
            judged.label
        ),
    })
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

    fn share_target(p: &Preset) -> &Target {
        p.targets
            .iter()
            .find(|t| matches!(t.measure(), Some((Metric::FundShare, _))))
            .unwrap()
    }

    #[test]
    fn public_service_over_15_percent_of_the_awards_is_warned() {
        let stations = preset("huoqiu-2019-service-station");
        let logistics = preset("huoqiu-2019-logistics");
        let year = [
            ProgrammeSpend {
                preset: &stations,
                awarded: Decimal::from(200_000),
                paid: Decimal::from(10_000),
            },
            ProgrammeSpend {
                preset: &logistics,
                awarded: Decimal::from(800_000),
                paid: Decimal::from(90_000),
            },
        ];
        let spent = spent(&year);
        let cap = share_target(&stations);
        let awarded = judge_spent(cap, &spent, Measure::Awarded);
        assert_eq!(awarded.done.as_deref(), Some("20"));
        assert_eq!(awarded.met, Some(false));
        let w = cap_warning("服务站点", cap, &awarded, Measure::Awarded).unwrap();
        assert_eq!(w.code, Code::FUND_CAP_SHARE);
        assert!(
            w.message
                .contains("公共服务体系占本年度专项资金已确定扶持资金的 20%"),
            "{}",
            w.message
        );
        assert!(w.message.contains("不得高于 15%"), "{}", w.message);
        let paid = judge_spent(cap, &spent, Measure::Paid);
        assert_eq!((paid.done.as_deref(), paid.met), (Some("10"), Some(true)));
        assert_eq!(cap_warning("服务站点", cap, &paid, Measure::Paid), None);
        // The upward channel's floor: 80 % of the awards, met.
        let upward = judge_spent(share_target(&logistics), &spent, Measure::Awarded);
        assert_eq!(
            (upward.done.as_deref(), upward.met),
            (Some("80"), Some(true))
        );
    }

    #[test]
    fn nothing_awarded_is_not_judged() {
        let stations = preset("huoqiu-2019-service-station");
        let spent = spent(&[ProgrammeSpend {
            preset: &stations,
            awarded: Decimal::ZERO,
            paid: Decimal::ZERO,
        }]);
        let judged = judge_spent(share_target(&stations), &spent, Measure::Awarded);
        assert_eq!(judged.met, None);
    }
}
