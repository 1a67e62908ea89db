//! The county's re-check (复核) of the township's results: the township inspects every operator
//! of a programme (初验, stage `preliminary`); the county draws at least the programme's share of
//! those results in each township, reproducibly from a seed, keeps the sample, and records each
//! 复核 (stage `recheck`) against a drawn item: the sample and the operator. A 复核 of an operator
//! no sample drew is refused (`RECHECK_NOT_DRAWN`): it would count as a re-check the draw did not
//! ask for, and nothing of the township's would be compared with it.

use std::collections::{BTreeMap, HashMap};

use rusqlite::params;
use rusqlite::types::Value as SqlValue;
use rust_decimal::Decimal;

use crate::domain::inspections::{
    draw, RecheckItem, RecheckSample, SampleOperator, SampleTownship,
};
use crate::domain::programmes::Conclusion;
use crate::domain::refuse_if;
use crate::domain::Invalid;
use crate::error::Result;
use crate::store::entities::RECHECK_SAMPLE;
use crate::store::write::{self, Op};
use crate::store::Query;
use crate::store::Store;
use crate::Code;

/// An operator's latest township 初验 of a programme, grouped by township when drawn.
struct TownshipResult {
    operator: SampleOperator,
    /// "621221101 鸡峰镇": townships in code order, then by name.
    township_key: String,
}

/// The place columns every query here shows for an operator `o`.
const PLACE: &str =
    "coalesce(t.name || v.name, ''), coalesce(t.code || ' ' || t.name, '（未关联村）')";
const JOIN_PLACE: &str = "LEFT JOIN village v ON v.id = o.village_id
                          LEFT JOIN township t ON t.id = v.township_id";

fn conclusion(code: Option<String>) -> Option<Conclusion> {
    code.and_then(|c| serde_json::from_value(serde_json::Value::String(c)).ok())
}

fn township_name(key: &str) -> String {
    key.split_once(' ')
        .map_or(key.to_string(), |(_, name)| name.to_string())
}

impl Store {
    /// The re-check samples drawn for a programme, newest first, as drawn, each with the 复核
    /// recorded against it so far and the programme's operators still without a 初验.
    pub fn recheck_samples(&self, programme_id: &str) -> Result<Vec<RecheckSample>> {
        let programme = self.programme(programme_id)?;
        let share_min = programme
            .settings
            .recheck_share_min()
            .normalize()
            .to_string();
        let stored: Vec<(String, String, String, String)> = self.conn.list(
            "SELECT id, seed, share, drawn FROM recheck_sample
             WHERE programme_id = ?1 AND deleted_hlc IS NULL ORDER BY created_hlc DESC",
            [programme_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )?;
        let gaps = self.recheck_gaps(programme_id)?;
        stored
            .into_iter()
            .map(|(id, seed, share, drawn)| {
                let townships: Vec<SampleTownship> =
                    serde_json::from_str(&drawn).unwrap_or_default();
                self.sample_with_results(RecheckSample {
                    id,
                    programme_id: programme_id.to_string(),
                    seed,
                    share,
                    share_min: share_min.clone(),
                    townships,
                    drawn: 0,
                    rechecked: 0,
                    items: Vec::new(),
                    differences: 0,
                    gaps: gaps.clone(),
                })
            })
            .collect()
    }

    /// One sample, as `recheck_samples` shows it.
    pub fn recheck_sample(&self, id: &str) -> Result<RecheckSample> {
        let programme: String = self
            .conn
            .value(
                "SELECT programme_id FROM recheck_sample WHERE id = ?1 AND deleted_hlc IS NULL",
                [id],
            )?
            .ok_or_else(|| crate::Error::not_found("复核抽样", id))?;
        self.recheck_samples(&programme)?
            .into_iter()
            .find(|s| s.id == id)
            .ok_or_else(|| crate::Error::not_found("复核抽样", id))
    }

    /// Draws the county re-check (复核) sample: in each township, ⌈share⌉ of the operators with
    /// a township 初验 of the programme (their latest), reproducibly from `seed`, and keeps it
    /// with the 初验 each was drawn from. `share` (0–1) may not be below the programme's
    /// `recheckShareMin` (`SAMPLE_SHARE_BELOW_RULE`).
    pub fn draw_recheck_sample(
        &mut self,
        programme_id: &str,
        share: Decimal,
        seed: Option<u64>,
    ) -> Result<RecheckSample> {
        refuse_if(
            share <= Decimal::ZERO || share > Decimal::ONE,
            Code::SAMPLE_SHARE,
            "share",
            "抽样比例应在 0 到 1 之间，例如 0.5 表示 50%。",
        )?;
        let programme = self.programme(programme_id)?;
        let share_min = programme.settings.recheck_share_min();
        refuse_if(
            share < share_min,
            Code::SAMPLE_SHARE_BELOW_RULE,
            "share",
            format!(
                "项目“{}”规定县级复核比例不低于 {}%，现在是 {}%。请把抽样比例提高到 {} 或以上。",
                programme.name,
                (share_min * Decimal::from(100)).normalize(),
                (share * Decimal::from(100)).normalize(),
                share_min.normalize()
            ),
        )?;
        let seed = seed.unwrap_or_else(|| self.writer.clock.now_ms());
        let mut by_township: BTreeMap<String, BTreeMap<String, SampleOperator>> = BTreeMap::new();
        for result in self.township_results(programme_id)? {
            by_township
                .entry(result.township_key)
                .or_default()
                .insert(result.operator.id.clone(), result.operator);
        }
        refuse_if(
            by_township.is_empty(),
            Code::SAMPLE_EMPTY,
            "programmeId",
            "这个项目还没有乡镇初验结果，无法抽取复核样本。请等各乡镇录入并同步初验记录后再抽。",
        )?;
        let townships: Vec<SampleTownship> = by_township
            .into_iter()
            .map(|(township, operators)| {
                let ids: Vec<String> = operators.keys().cloned().collect();
                SampleTownship {
                    township: township_name(&township),
                    accepted: ids.len() as u32,
                    drawn: draw(&ids, share, seed)
                        .iter()
                        .map(|id| operators[id].clone())
                        .collect(),
                }
            })
            .collect();
        let id = crate::store::new_id();
        self.write(|tx, writer| {
            let values = [
                ("programme_id", SqlValue::Text(programme_id.into())),
                ("seed", SqlValue::Text(seed.to_string())),
                ("share", SqlValue::Text(share.normalize().to_string())),
                (
                    "drawn",
                    SqlValue::Text(serde_json::to_string(&townships).expect("samples serialise")),
                ),
            ];
            write::record(tx, writer, &RECHECK_SAMPLE, &id, Op::Create, &values)
        })?;
        self.recheck_sample(&id)
    }

    /// The sample a 复核 of `operator_id` is recorded against: `chosen` when it drew the
    /// operator, else the newest sample of the programme that did; none → `RECHECK_NOT_DRAWN`.
    pub(crate) fn drawn_item_sample(
        &self,
        programme_id: &str,
        operator_id: &str,
        chosen: Option<&str>,
    ) -> Result<String> {
        let samples: Vec<(String, String)> = self.conn.list(
            "SELECT id, drawn FROM recheck_sample
             WHERE programme_id = ?1 AND deleted_hlc IS NULL ORDER BY created_hlc DESC",
            [programme_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let draws = |drawn: &str| {
            serde_json::from_str::<Vec<SampleTownship>>(drawn)
                .unwrap_or_default()
                .iter()
                .any(|t| t.drawn.iter().any(|o| o.id == operator_id))
        };
        let found = samples
            .iter()
            .filter(|(id, _)| chosen.is_none_or(|c| c == id))
            .find(|(_, drawn)| draws(drawn))
            .map(|(id, _)| id.clone());
        found.ok_or_else(|| {
            let message = match chosen {
                Some(_) => "所选的复核抽样没有抽中这个实施主体。县级复核只对抽中的实施主体进行；请选择抽中它的样本，或改选样本中的实施主体。",
                None => "这个实施主体没有被抽中复核（本项目还没有抽中它的复核样本）。请先在“复核抽样”中抽样，再对抽中的实施主体录入县级复核；其他核验请选“县级验收”。",
            };
            Invalid::new(Code::RECHECK_NOT_DRAWN, "operatorId", message).into()
        })
    }

    /// Each operator's latest township 初验 of the programme (the draw's population).
    fn township_results(&self, programme_id: &str) -> Result<Vec<TownshipResult>> {
        Ok(self.conn.list(
            &format!(
                "SELECT o.id, o.name, {PLACE}, i.id
                 FROM inspection i JOIN operator o ON o.id = i.operator_id
                 {JOIN_PLACE}
                 WHERE i.programme_id = ?1 AND i.stage = 'preliminary'
                   AND i.deleted_hlc IS NULL AND o.deleted_hlc IS NULL
                   AND NOT EXISTS (
                       SELECT 1 FROM inspection later
                       WHERE later.operator_id = i.operator_id
                         AND later.programme_id = i.programme_id
                         AND later.stage = 'preliminary' AND later.deleted_hlc IS NULL
                         AND (later.inspection_date > i.inspection_date
                              OR (later.inspection_date = i.inspection_date
                                  AND later.rowid > i.rowid)))"
            ),
            [programme_id],
            |r| {
                Ok(TownshipResult {
                    operator: SampleOperator {
                        id: r.get(0)?,
                        name: r.get(1)?,
                        place: r.get(2)?,
                        preliminary_id: r.get(4)?,
                    },
                    township_key: r.get(3)?,
                })
            },
        )?)
    }

    /// Operators with a live agreement linked to the programme and no township 初验 of it yet.
    fn recheck_gaps(&self, programme_id: &str) -> Result<Vec<SampleOperator>> {
        Ok(self.conn.list(
            &format!(
                "SELECT DISTINCT o.id, o.name, {PLACE}
                 FROM agreement a JOIN operator o ON o.id = a.operator_id
                 {JOIN_PLACE}
                 WHERE a.programme_id = ?1 AND a.deleted_hlc IS NULL AND o.deleted_hlc IS NULL
                   AND NOT EXISTS (
                       SELECT 1 FROM inspection i
                       WHERE i.operator_id = o.id AND i.programme_id = ?1
                         AND i.stage = 'preliminary' AND i.deleted_hlc IS NULL)
                 ORDER BY 4, o.name"
            ),
            [programme_id],
            |r| {
                Ok(SampleOperator {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    place: r.get(2)?,
                    preliminary_id: None,
                })
            },
        )?)
    }

    /// The sample's items with the township's 初验 and the county's latest 复核 of each.
    fn sample_with_results(&self, mut sample: RecheckSample) -> Result<RecheckSample> {
        let rechecks: HashMap<String, (String, String, String)> = self
            .conn
            .list(
                "SELECT i.operator_id, i.id, i.inspection_date, i.conclusion FROM inspection i
                 WHERE i.recheck_sample_id = ?1 AND i.stage = 'recheck' AND i.deleted_hlc IS NULL
                 ORDER BY i.inspection_date, i.rowid",
                [&sample.id],
                |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?, r.get(3)?))),
            )?
            .into_iter()
            .collect();
        let mut items = Vec::new();
        for township in &sample.townships {
            for operator in &township.drawn {
                let preliminary: Option<(String, String)> = match &operator.preliminary_id {
                    Some(id) => self.conn.row(
                        "SELECT inspection_date, conclusion FROM inspection WHERE id = ?1",
                        params![id],
                    )?,
                    None => None,
                };
                let recheck = rechecks.get(&operator.id);
                let preliminary_conclusion = conclusion(preliminary.as_ref().map(|p| p.1.clone()));
                let recheck_conclusion = conclusion(recheck.map(|r| r.2.clone()));
                items.push(RecheckItem {
                    operator_id: operator.id.clone(),
                    operator_name: operator.name.clone(),
                    place: operator.place.clone(),
                    township: township.township.clone(),
                    preliminary_id: operator.preliminary_id.clone(),
                    preliminary_date: preliminary.map(|p| p.0),
                    preliminary_conclusion,
                    recheck_id: recheck.map(|r| r.0.clone()),
                    recheck_date: recheck.map(|r| r.1.clone()),
                    recheck_conclusion,
                    differs: matches!(
                        (preliminary_conclusion, recheck_conclusion),
                        (Some(a), Some(b)) if a != b
                    ),
                });
            }
        }
        sample.drawn = items.len() as u32;
        sample.rechecked = items.iter().filter(|i| i.recheck_id.is_some()).count() as u32;
        sample.differences = items.iter().filter(|i| i.differs).count() as u32;
        sample.items = items;
        Ok(sample)
    }
}
