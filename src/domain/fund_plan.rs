//! The fund plan (资金计划) of a programme: per township, how many units of each class of its
//! subsidy rule, and the planned amount in 万元 with 3 decimals, as the county's appendix
//! prints it. Computed, never typed, from one of two sources:
//!
//! - **places** (`PlanSource::Places`): the register's villages by class — a per-village-class
//!   rule counts poor and non-poor villages (成县's demo shops), a per-village-per-year rule
//!   counts every village once (霍邱's stations, 2,000 yuan each);
//! - **awards** (`PlanSource::Awards`): one unit per live award, in its class, at its amount —
//!   the plan the county actually committed, for any rule (enterprise classes, budget parts …).
//!
//! The columns are the programme's own classes and its unit word (示范店, 站点, 企业 …), so a
//! station plan never prints "示范店数".

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::funds::award_classes;
use super::kinds::KindSubject;
use super::money::wan_yuan;
use super::programmes::{ProgrammeKind, SubsidyRule};
use super::Invalid;
use crate::Code;

/// Where the plan's units come from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum PlanSource {
    /// The villages of the register, by class.
    #[default]
    Places,
    /// The awards actually made.
    Awards,
}

impl PlanSource {
    pub fn code(self) -> &'static str {
        match self {
            PlanSource::Places => "places",
            PlanSource::Awards => "awards",
        }
    }
}

/// One class column of the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct PlanColumn {
    /// The class key of the rule (poor, non_poor, class_1, station …).
    pub key: String,
    /// As printed: 贫困村数, Ⅰ类企业数 …
    pub header: String,
    /// Yuan per unit for a fixed standard, two decimals; `None` for a range or a budget part.
    pub amount: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct FundPlanRow {
    pub township: String,
    /// The count of the `poor` class (0 when the rule has none); kept for the older readers.
    pub poor_villages: u32,
    /// The count of the `non_poor` class (0 when the rule has none).
    pub non_poor_villages: u32,
    /// Σ counts: villages, stations, shops or awards.
    pub units: u32,
    /// Yuan, 2 decimals.
    pub amount: String,
    /// 万元, 3 decimals, as the plan prints it.
    pub planned_wan_yuan: String,
    /// The count of each class, in the order of `FundPlan::columns`.
    pub counts: Vec<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct FundPlan {
    pub programme: String,
    pub rows: Vec<FundPlanRow>,
    /// The 合计 row.
    pub total: FundPlanRow,
    pub source: PlanSource,
    /// What one unit is: 示范店, 站点, 企业 …
    pub unit: String,
    /// The units column as printed: 示范店数, 站点数 …
    pub units_header: String,
    /// The rule's classes (and any class an award still names).
    pub columns: Vec<PlanColumn>,
}

/// What a programme is planned for: its name, rule and unit word (`plan_unit`).
pub struct PlanProgramme<'a> {
    pub name: &'a str,
    pub subsidy: &'a SubsidyRule,
    pub unit: &'a str,
}

/// One village of the register: its township and whether it is a poor village.
pub struct PlanVillage<'a> {
    pub township: &'a str,
    pub poor: bool,
}

/// One live award: its operator's township, class and amount.
pub struct PlanAward<'a> {
    pub township: &'a str,
    pub class_key: &'a str,
    pub amount: Decimal,
}

/// The word for one unit of a programme: from its kind for the shipped kinds, else from what
/// the kind funds (its subject) or the rule.
pub fn plan_unit(
    kind: &ProgrammeKind,
    subject: Option<KindSubject>,
    rule: &SubsidyRule,
) -> &'static str {
    let is = |kinds: &[ProgrammeKind]| kinds.contains(kind);
    if is(&[ProgrammeKind::DemoShop]) {
        return "示范店";
    }
    if is(&[ProgrammeKind::OnlineShop]) {
        return "网店";
    }
    if is(&[
        ProgrammeKind::Enterprise,
        ProgrammeKind::SupplyCentre,
        ProgrammeKind::Logistics,
    ]) {
        return "企业";
    }
    if is(&[ProgrammeKind::Leader]) {
        return "带头人";
    }
    match (subject, rule) {
        (Some(KindSubject::Station), _) | (_, SubsidyRule::PerVillageYear { .. }) => "站点",
        (Some(KindSubject::Training), _) | (_, SubsidyRule::Budget { .. }) => "项目",
        (_, SubsidyRule::PerVillageClass { .. }) => "村",
        _ => "实施主体",
    }
}

/// Counts per township, townships in the order they first appear.
struct Tally<'a> {
    townships: Vec<&'a str>,
    counts: Vec<Vec<u32>>,
    amounts: Vec<Decimal>,
    width: usize,
}

impl<'a> Tally<'a> {
    fn new(width: usize) -> Self {
        Tally {
            townships: Vec::new(),
            counts: Vec::new(),
            amounts: Vec::new(),
            width,
        }
    }

    fn add(&mut self, township: &'a str, column: usize, amount: Decimal) {
        let row = match self.townships.iter().position(|t| *t == township) {
            Some(row) => row,
            None => {
                self.townships.push(township);
                self.counts.push(vec![0; self.width]);
                self.amounts.push(Decimal::ZERO);
                self.townships.len() - 1
            }
        };
        self.counts[row][column] += 1;
        self.amounts[row] += amount;
    }

    fn plan(
        self,
        programme: &PlanProgramme,
        source: PlanSource,
        columns: Vec<PlanColumn>,
    ) -> FundPlan {
        let count_of = |counts: &[u32], key: &str| {
            columns
                .iter()
                .position(|c| c.key == key)
                .map_or(0, |i| counts[i])
        };
        let row = |township: &str, counts: Vec<u32>, amount: Decimal| FundPlanRow {
            township: township.to_string(),
            poor_villages: count_of(&counts, "poor"),
            non_poor_villages: count_of(&counts, "non_poor"),
            units: counts.iter().sum(),
            amount: format!("{amount:.2}"),
            planned_wan_yuan: wan_yuan(amount, 3),
            counts,
        };
        let mut totals = vec![0; self.width];
        for counts in &self.counts {
            for (t, c) in totals.iter_mut().zip(counts) {
                *t += c;
            }
        }
        let total_amount: Decimal = self.amounts.iter().sum();
        let rows = self
            .townships
            .iter()
            .zip(self.counts)
            .zip(&self.amounts)
            .map(|((township, counts), amount)| row(township, counts, *amount))
            .collect();
        FundPlan {
            programme: programme.name.to_string(),
            rows,
            total: row("合计", totals, total_amount),
            source,
            unit: programme.unit.to_string(),
            units_header: format!("{}数", programme.unit),
            columns,
        }
    }
}

fn refuse(programme: &str, why: String) -> Invalid {
    Invalid::new(
        Code::FUND_PLAN_RULE,
        "programmeId",
        format!("“{programme}”{why}"),
    )
}

/// The plan from the register's villages. A per-village-class rule counts its `poor` and
/// `non_poor` classes' villages at their amounts (the upper end of a range); a per-village-
/// per-year rule counts every village once. Any other rule is planned from its awards.
pub fn plan_from_places(
    programme: &PlanProgramme,
    villages: &[PlanVillage],
) -> Result<FundPlan, Invalid> {
    let from_awards = "请按已确定的扶持对象生成资金计划（--from awards）。";
    // The columns, each one's amount, and the column a poor / non-poor village counts in.
    let (columns, amounts, (poor_column, non_poor_column)) = match programme.subsidy {
        SubsidyRule::PerVillageClass { classes } => {
            if let Some(other) = classes
                .iter()
                .find(|c| c.key != "poor" && c.key != "non_poor")
            {
                return Err(refuse(
                    programme.name,
                    format!(
                        "的补助类别“{}”不是贫困村或非贫困村，村庄名录无法按它计划。{from_awards}",
                        other.label
                    ),
                ));
            }
            let position = |key: &str| classes.iter().position(|c| c.key == key);
            let columns = classes
                .iter()
                .map(|c| PlanColumn {
                    key: c.key.clone(),
                    header: format!("{}数", c.label),
                    amount: c.amount_max.is_none().then(|| format!("{:.2}", c.amount)),
                })
                .collect();
            let amounts = classes
                .iter()
                .map(|c| c.amount_max.unwrap_or(c.amount))
                .collect();
            (columns, amounts, (position("poor"), position("non_poor")))
        }
        SubsidyRule::PerVillageYear {
            amount, amount_max, ..
        } => {
            let column = PlanColumn {
                key: super::funds::STATION_CLASS.to_string(),
                header: format!("{}数", programme.unit),
                amount: amount_max.is_none().then(|| format!("{amount:.2}")),
            };
            (
                vec![column],
                vec![amount_max.unwrap_or(*amount)],
                (Some(0), Some(0)),
            )
        }
        _ => {
            return Err(refuse(
                programme.name,
                format!("不是按村补助的项目，村庄名录无法给出它的资金计划。{from_awards}"),
            ))
        }
    };
    let mut tally = Tally::new(columns.len());
    for village in villages {
        // A village of a class the rule does not fund (no non-poor amount) is not planned.
        let column = if village.poor {
            poor_column
        } else {
            non_poor_column
        };
        if let Some(column) = column {
            tally.add(village.township, column, amounts[column]);
        }
    }
    Ok(tally.plan(programme, PlanSource::Places, columns))
}

/// The plan from the awards actually made: one unit per award, in its class, at its amount;
/// townships in the order given. Classes are the rule's, then any other an award names.
pub fn plan_from_awards(programme: &PlanProgramme, awards: &[PlanAward]) -> FundPlan {
    let classes = award_classes(programme.subsidy);
    let several = classes.len() > 1;
    let mut columns: Vec<PlanColumn> = classes
        .iter()
        .map(|c| PlanColumn {
            key: c.key.clone(),
            header: if several {
                format!("{}{}数", c.label, programme.unit)
            } else {
                format!("{}数", programme.unit)
            },
            amount: c.fixed.then(|| c.min.clone()),
        })
        .collect();
    for award in awards {
        if !columns.iter().any(|c| c.key == award.class_key) {
            columns.push(PlanColumn {
                key: award.class_key.to_string(),
                header: format!("{}{}数", award.class_key, programme.unit),
                amount: None,
            });
        }
    }
    let mut tally = Tally::new(columns.len());
    for award in awards {
        let column = columns
            .iter()
            .position(|c| c.key == award.class_key)
            .expect("every award's class is a column");
        tally.add(award.township, column, award.amount);
    }
    tally.plan(programme, PlanSource::Awards, columns)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::programmes::presets;

    fn rule(code: &str) -> SubsidyRule {
        presets()
            .unwrap()
            .into_iter()
            .find(|p| p.code == code)
            .unwrap()
            .subsidy
    }

    #[test]
    fn stations_from_places_are_one_per_village_at_2000() {
        let subsidy = rule("huoqiu-2019-service-station");
        let unit = plan_unit(
            &ProgrammeKind::ServiceStation,
            Some(KindSubject::Station),
            &subsidy,
        );
        assert_eq!(unit, "站点");
        let programme = PlanProgramme {
            name: "服务站点",
            subsidy: &subsidy,
            unit,
        };
        let v = |township, poor| PlanVillage { township, poor };
        let plan = plan_from_places(
            &programme,
            &[v("城关镇", true), v("城关镇", false), v("新店镇", false)],
        )
        .unwrap();
        assert_eq!(plan.units_header, "站点数");
        assert_eq!(plan.columns.len(), 1);
        assert_eq!(plan.columns[0].amount.as_deref(), Some("2000.00"));
        assert_eq!(plan.rows[0].units, 2);
        assert_eq!(plan.rows[0].amount, "4000.00");
        assert_eq!(plan.total.planned_wan_yuan, "0.600");
    }

    #[test]
    fn enterprises_from_awards_by_class_and_refused_from_places() {
        let subsidy = rule("chengxian-2019-enterprise-1");
        let unit = plan_unit(
            &ProgrammeKind::Enterprise,
            Some(KindSubject::Operator),
            &subsidy,
        );
        let programme = PlanProgramme {
            name: "Ⅰ类企业",
            subsidy: &subsidy,
            unit,
        };
        let err = plan_from_places(&programme, &[]).unwrap_err();
        assert_eq!(err.code, Code::FUND_PLAN_RULE);
        assert!(err.message.contains("--from awards"), "{}", err.message);
        let a = |township, amount| PlanAward {
            township,
            class_key: "class_1",
            amount: Decimal::from(amount),
        };
        let plan = plan_from_awards(&programme, &[a("城关镇", 800_000), a("抛沙镇", 800_000)]);
        assert_eq!(plan.units_header, "企业数");
        assert_eq!(plan.columns[0].header, "企业数");
        assert_eq!(plan.total.units, 2);
        assert_eq!(plan.total.planned_wan_yuan, "160.000");
    }
}
