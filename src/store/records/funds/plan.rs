//! The fund plan of a programme (`domain::fund_plan`) from its source: the register's villages
//! (code order) or the live awards (their operators' townships in code order; awards whose
//! operator has no village last).

use std::str::FromStr;

use rust_decimal::Decimal;

use crate::domain::fund_plan::{
    plan_from_awards, plan_from_places, plan_unit, FundPlan, PlanAward, PlanProgramme, PlanSource,
    PlanVillage,
};
use crate::error::Result;
use crate::store::{Query, Store};

/// How an award whose operator has no village is listed.
const NO_TOWNSHIP: &str = "未填写所在村";

impl Store {
    /// The fund plan from the places (the printed appendix of 成县's demo shops).
    pub fn fund_plan(&self, programme_id: &str) -> Result<FundPlan> {
        self.fund_plan_from(programme_id, PlanSource::Places)
    }

    /// The fund plan of a programme from the places by class or from the awards made.
    pub fn fund_plan_from(&self, programme_id: &str, source: PlanSource) -> Result<FundPlan> {
        let programme = self.programme(programme_id)?;
        let unit = plan_unit(
            &programme.kind,
            programme.subject,
            &programme.settings.subsidy,
        );
        let plan_programme = PlanProgramme {
            name: &programme.name,
            subsidy: &programme.settings.subsidy,
            unit,
        };
        match source {
            PlanSource::Places => {
                let villages = self.list_villages(None)?;
                let plan_villages: Vec<PlanVillage> = villages
                    .iter()
                    .map(|v| PlanVillage {
                        township: &v.township_name,
                        poor: v.poor,
                    })
                    .collect();
                Ok(plan_from_places(&plan_programme, &plan_villages)?)
            }
            PlanSource::Awards => {
                let awards: Vec<(String, String, String)> = self.conn.list(
                    "SELECT coalesce(t.name, ?2), a.class_key, a.amount
                     FROM fund_award a
                     LEFT JOIN operator o ON o.id = a.operator_id
                     LEFT JOIN village v ON v.id = o.village_id
                     LEFT JOIN township t ON t.id = v.township_id
                     WHERE a.programme_id = ?1 AND a.deleted_hlc IS NULL
                     ORDER BY t.code IS NULL, t.code, a.rowid",
                    [programme_id, NO_TOWNSHIP],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )?;
                let mut plan_awards = Vec::with_capacity(awards.len());
                for (township, class_key, amount) in &awards {
                    plan_awards.push(PlanAward {
                        township,
                        class_key,
                        amount: Decimal::from_str(amount.trim()).map_err(|e| {
                            rusqlite::Error::FromSqlConversionFailure(
                                2,
                                rusqlite::types::Type::Text,
                                Box::new(e),
                            )
                        })?,
                    });
                }
                Ok(plan_from_awards(&plan_programme, &plan_awards))
            }
        }
    }
}
