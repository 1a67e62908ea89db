//! The gate's facts gathered from the records: the operator's acceptance and re-check, whether a
//! re-check sample drew it, the contracted targets against what acceptance measured, the results
//! notice that names it, bans and recovery orders. `domain::funds::unmet` judges them; this file
//! only reads (one query per table for a whole programme).

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::str::FromStr;

use chrono::NaiveDate;
use rusqlite::types::Value as SqlValue;
use rust_decimal::Decimal;

use super::book::{dec, yuan, Book};
use crate::domain::funds::{
    tranche_amounts, unmet, Award, GateFacts, GateProblem, GateVerdict, IndicatorFact,
    InspectionFact, NoticeFact, TrancheState,
};
use crate::domain::inspections::SampleTownship;
use crate::domain::notices::NoticeEntry;
use crate::domain::programmes::{Conclusion, Observation, ObservedValue};
use crate::error::Result;
use crate::store::{Query, Store};

/// An operator's latest inspection of one kind, with what it observed.
struct Inspected {
    fact: InspectionFact,
    observations: Vec<Observation>,
}

struct Notice {
    title: String,
    end_date: NaiveDate,
    open_objections: u32,
    names: HashSet<String>,
}

/// What the gate reads, for the operators of one programme.
pub(crate) struct GateSources {
    today: NaiveDate,
    acceptance: HashMap<String, Inspected>,
    recheck: HashMap<String, Inspected>,
    drawn: HashSet<String>,
    /// Acceptance results notices of the programme, newest first.
    notices: Vec<Notice>,
    /// The end of each operator's ban in force today.
    banned_until: HashMap<String, NaiveDate>,
    /// Values the records compute for an operator (sales from the ledger …), read when needed.
    computed: RefCell<HashMap<String, HashMap<String, Decimal>>>,
}

fn date(text: &str) -> NaiveDate {
    date_or(text, NaiveDate::default())
}

/// A stored date, or `fallback` when it cannot be read. The gate fails closed: a notice whose
/// end cannot be read is still running, a ban whose dates cannot be read is in force.
fn date_or(text: &str, fallback: NaiveDate) -> NaiveDate {
    NaiveDate::from_str(text).unwrap_or(fallback)
}

fn number(value: &ObservedValue) -> Option<Decimal> {
    match value {
        ObservedValue::Number(n) => Some(*n),
        _ => None,
    }
}

impl Store {
    /// The gate's sources for `programme_id`, for every operator or only `operator_id`.
    pub(crate) fn gate_sources(
        &self,
        programme_id: &str,
        operator_id: Option<&str>,
    ) -> Result<GateSources> {
        let today = self.today();
        let only = operator_id.map_or(SqlValue::Null, |id| SqlValue::Text(id.to_string()));
        let params = rusqlite::params![programme_id, only];
        let mut acceptance = HashMap::new();
        let mut recheck = HashMap::new();
        let rows: Vec<(String, String, String, String, String, String)> = self.conn.list(
            "SELECT operator_id, stage, inspection_date, conclusion, status, observations
             FROM inspection
             WHERE programme_id = ?1 AND (?2 IS NULL OR operator_id = ?2) AND deleted_hlc IS NULL
             ORDER BY inspection_date, rowid",
            params,
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            },
        )?;
        // Oldest first: the latest of each operator and kind is the one left in the map.
        for (operator, stage, day, conclusion, status, observations) in rows {
            let inspected = Inspected {
                fact: InspectionFact {
                    date: date(&day),
                    conclusion: serde_json::from_value(serde_json::Value::String(conclusion))
                        .unwrap_or(Conclusion::Fail),
                    locked: status == "locked",
                },
                observations: serde_json::from_str(&observations).unwrap_or_default(),
            };
            let into = match stage.as_str() {
                "recheck" => &mut recheck,
                _ => &mut acceptance,
            };
            into.insert(operator, inspected);
        }
        let mut drawn = HashSet::new();
        let samples: Vec<String> = self.conn.list(
            "SELECT drawn FROM recheck_sample WHERE programme_id = ?1 AND deleted_hlc IS NULL",
            [programme_id],
            |r| r.get(0),
        )?;
        for sample in samples {
            // An unreadable sample must not let a drawn operator skip its re-check.
            let townships: Vec<SampleTownship> = serde_json::from_str(&sample).map_err(|e| {
                crate::error::Error::from(crate::domain::Invalid::new(
                    crate::Code::INTERNAL,
                    "recheckSample",
                    format!("复核抽样记录无法读取（{e}），无法判断是否需要复核。请联系技术支持。"),
                ))
            })?;
            drawn.extend(townships.into_iter().flat_map(|t| t.drawn).map(|o| o.id));
        }
        let notices = self.conn.list(
            "SELECT n.title, n.end_date, n.entries,
                    (SELECT count(*) FROM notice_objection j
                     WHERE j.notice_id = n.id AND j.deleted_hlc IS NULL AND j.handling = '')
             FROM notice n
             WHERE n.programme_id = ?1 AND n.subject = 'acceptance_result'
               AND n.deleted_hlc IS NULL
             ORDER BY n.start_date DESC, n.created_hlc DESC",
            [programme_id],
            |r| {
                let entries: String = r.get(2)?;
                let entries: Vec<NoticeEntry> = serde_json::from_str(&entries).unwrap_or_default();
                Ok(Notice {
                    title: r.get(0)?,
                    end_date: date_or(&r.get::<_, String>(1)?, NaiveDate::MAX),
                    open_objections: r.get(3)?,
                    names: entries
                        .into_iter()
                        .map(|e| e.name.trim().to_string())
                        .collect(),
                })
            },
        )?;
        let mut banned_until: HashMap<String, NaiveDate> = HashMap::new();
        let bans: Vec<(String, String, String)> = self.conn.list(
            "SELECT operator_id, start_date, end_date FROM fund_ban
             WHERE (?1 IS NULL OR operator_id = ?1) AND deleted_hlc IS NULL
               AND lifted_date IS NULL",
            [&only],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        for (operator, start, end) in bans {
            let (start, end) = (
                date_or(&start, NaiveDate::MIN),
                date_or(&end, NaiveDate::MAX),
            );
            if start <= today && today < end {
                let until = banned_until.entry(operator).or_insert(end);
                *until = (*until).max(end);
            }
        }
        Ok(GateSources {
            today,
            acceptance,
            recheck,
            drawn,
            notices,
            banned_until,
            computed: RefCell::default(),
        })
    }

    /// What the records compute for the operator, by item key (once per operator).
    fn computed_number(
        &self,
        sources: &GateSources,
        operator_id: &str,
        programme_id: &str,
        key: &str,
    ) -> Result<Option<Decimal>> {
        if !sources.computed.borrow().contains_key(operator_id) {
            let values: HashMap<String, Decimal> = self
                .computed_values(operator_id, programme_id)?
                .into_iter()
                .filter_map(|c| number(&c.value).map(|n| (c.key, n)))
                .collect();
            sources
                .computed
                .borrow_mut()
                .insert(operator_id.to_string(), values);
        }
        Ok(sources.computed.borrow()[operator_id].get(key).copied())
    }

    /// The facts of tranche `tranche` (1-based) of `award`.
    pub(crate) fn gate_facts(
        &self,
        book: &Book,
        sources: &GateSources,
        award: &Award,
        tranche: u32,
    ) -> Result<GateFacts> {
        let settings = &book.programme.settings;
        let index = tranche as usize - 1;
        let operator = award.operator_id.as_str();
        let acceptance = sources.acceptance.get(operator);
        let share = settings.contract_share_min;
        let mut indicators = Vec::new();
        if share.is_some() {
            for target in &award.targets {
                let observed = acceptance.and_then(|a| {
                    a.observations
                        .iter()
                        .find(|o| o.key == target.key)
                        .and_then(|o| number(&o.value))
                });
                let actual = match observed {
                    Some(n) => Some(n),
                    None => {
                        self.computed_number(sources, operator, &award.programme_id, &target.key)?
                    }
                };
                indicators.push(IndicatorFact {
                    label: target.label.clone(),
                    contracted: dec(&target.quantity),
                    actual,
                    unit: target.unit.clone(),
                });
            }
        }
        let notice = sources
            .notices
            .iter()
            .find(|n| n.names.contains(award.operator_name.trim()))
            .map(|n| NoticeFact {
                title: n.title.clone(),
                end_date: n.end_date,
                open_objections: n.open_objections,
            });
        Ok(GateFacts {
            today: sources.today,
            tranche: index + 1,
            on_acceptance: settings
                .tranches
                .get(index)
                .is_some_and(|t| t.on_acceptance),
            decided: book.approved.get(&award.id).copied().unwrap_or(false),
            contract_signed: award.contract_date.is_some(),
            unpaid_earlier: (1..tranche)
                .filter(|t| book.paid(&award.id, *t).is_zero())
                .map(|t| t as usize)
                .collect(),
            recovery_ordered: book.recovery_ordered(&award.id),
            banned_until: sources.banned_until.get(operator).copied(),
            acceptance: acceptance.map(|a| a.fact.clone()),
            recheck_drawn: sources.drawn.contains(operator),
            recheck: sources.recheck.get(operator).map(|r| r.fact.clone()),
            indicator_share_min: share,
            indicators,
            notice,
        })
    }

    /// The unmet conditions of a tranche now.
    pub(crate) fn tranche_unmet(
        &self,
        book: &Book,
        sources: &GateSources,
        award: &Award,
        tranche: u32,
    ) -> Result<Vec<GateProblem>> {
        Ok(unmet(&self.gate_facts(book, sources, award, tranche)?))
    }

    /// Fills an award's tranches, payments, recoveries and totals from the book.
    pub(crate) fn complete_award(
        &self,
        book: &Book,
        sources: &GateSources,
        mut award: Award,
    ) -> Result<Award> {
        let tranches = &book.programme.settings.tranches;
        let amounts = tranche_amounts(dec(&award.amount), tranches);
        let payments = book
            .disbursements
            .get(&award.id)
            .cloned()
            .unwrap_or_default();
        let mut states = Vec::with_capacity(tranches.len());
        for (index, (tranche, amount)) in tranches.iter().zip(amounts).enumerate() {
            let number = index as u32 + 1;
            let paid = book.paid(&award.id, number);
            let payment = payments.iter().rev().find(|d| {
                d.tranche == number && d.reverses_id.is_none() && d.reversed_by.is_none()
            });
            let unmet = if paid.is_zero() {
                self.tranche_unmet(book, sources, &award, number)?
            } else {
                Vec::new()
            };
            let override_note = book
                .overrides
                .get(&(award.id.clone(), number))
                .map(|o| o.note());
            states.push(TrancheState {
                tranche: number,
                label: tranche.label.clone(),
                percent: tranche.percent.normalize().to_string(),
                on_acceptance: tranche.on_acceptance,
                amount: yuan(amount),
                paid: yuan(paid),
                paid_date: payment.map(|p| p.paid_date.clone()),
                voucher_no: payment.map(|p| p.voucher_no.clone()).unwrap_or_default(),
                unmet,
                override_note,
            });
        }
        let recoveries = book.recoveries.get(&award.id).cloned().unwrap_or_default();
        let recovered: Decimal = recoveries.iter().map(|r| dec(&r.recovered)).sum();
        award.paid = yuan(book.paid_total(&award.id));
        award.recovered = yuan(recovered);
        award.tranches = states;
        award.disbursements = payments;
        award.recoveries = recoveries;
        Ok(award)
    }

    /// The verdict on the next unpaid tranche of an award.
    pub(crate) fn verdict(
        &self,
        book: &Book,
        sources: &GateSources,
        award: &Award,
    ) -> Result<GateVerdict> {
        let tranches = &book.programme.settings.tranches;
        let amounts = tranche_amounts(dec(&award.amount), tranches);
        let next = (1..=tranches.len() as u32).find(|t| book.paid(&award.id, *t).is_zero());
        let Some(next) = next else {
            return Ok(GateVerdict {
                award_id: award.id.clone(),
                operator_name: award.operator_name.clone(),
                tranche: None,
                tranche_label: String::new(),
                amount: yuan(Decimal::ZERO),
                may_pay: false,
                unmet: Vec::new(),
                override_id: None,
            });
        };
        let unmet = self.tranche_unmet(book, sources, award, next)?;
        let override_id = book
            .overrides
            .get(&(award.id.clone(), next))
            .filter(|o| !unmet.is_empty() && o.waives(&unmet))
            .map(|o| o.id.clone());
        Ok(GateVerdict {
            award_id: award.id.clone(),
            operator_name: award.operator_name.clone(),
            tranche: Some(next),
            tranche_label: tranches[next as usize - 1].label.clone(),
            amount: yuan(amounts[next as usize - 1]),
            may_pay: unmet.is_empty() || override_id.is_some(),
            unmet,
            override_id,
        })
    }
}
