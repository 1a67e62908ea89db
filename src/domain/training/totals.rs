//! A programme's training totals, from the tallies the store counts (see the module docs of
//! `domain::training` for the rate mapping).

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::Serialize;

use super::{Audience, TrainingKind};
use crate::domain::money::round_fen;
use crate::domain::programmes::progress::training_measure;
use crate::domain::programmes::{judge, Preset};
use rust_decimal::prelude::ToPrimitive;

/// One session's share of a programme's totals, as the store counts it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionTallyInput {
    pub kind: TrainingKind,
    pub township_id: Option<String>,
    pub township_name: String,
    /// Distinct dates among its slots.
    pub days: u32,
    /// Persons signed in at least once: one 人次 each, however many slots they attended.
    pub person_times: u32,
    pub poor_person_times: u32,
    /// Each person's dates attended (signed in at any slot of the date), summed.
    pub person_days: u32,
    /// The same counts per audience (the audience of each person's sign-in in this session).
    pub by_audience: Vec<(Audience, AttendanceCounts)>,
}

/// Person-times, poor person-times and person-days of some group of sign-ins.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AttendanceCounts {
    pub person_times: u32,
    pub poor_person_times: u32,
    pub person_days: u32,
}

impl AttendanceCounts {
    fn add(&mut self, other: AttendanceCounts) {
        self.person_times += other.person_times;
        self.poor_person_times += other.poor_person_times;
        self.person_days += other.person_days;
    }
}

/// A programme's training delivered so far.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct TrainingTotals {
    pub programme_id: String,
    pub programme_name: String,
    pub sessions: u32,
    /// Sessions with at least one attendance row.
    pub held_sessions: u32,
    /// 人次: each person once per session attended (not once per half-day slot).
    pub person_times: u32,
    pub distinct_persons: u32,
    pub poor_person_times: u32,
    pub poor_persons: u32,
    /// 人天: each person's dates attended, per session, summed; a whole number as text ("12").
    pub person_days: String,
    /// Yuan, two decimals: person-days × the rate of each kind of session.
    pub cost: String,
    pub by_township: Vec<TownshipTally>,
    pub by_kind: Vec<KindTally>,
    /// Audiences with at least one sign-in, in `Audience::ALL` order.
    pub by_audience: Vec<AudienceTally>,
    pub targets: Vec<TargetProgress>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct TownshipTally {
    /// `None` for sessions without a township (county sessions, field trips).
    pub township_id: Option<String>,
    /// 县级（未指定乡镇） for those.
    pub township_name: String,
    pub sessions: u32,
    pub person_times: u32,
    pub poor_person_times: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct KindTally {
    pub kind: TrainingKind,
    pub kind_label: String,
    pub sessions: u32,
    pub held_sessions: u32,
    pub person_times: u32,
    pub poor_person_times: u32,
    pub person_days: String,
    /// The programme rate applied (see the module docs), `None` when the programme has none.
    pub rate_key: Option<String>,
    /// Yuan per person-day (the rate's minimum).
    pub rate: Option<String>,
    pub cost: String,
    /// Days of the shortest held session of the kind (0 when none was held).
    pub shortest_held_days: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct AudienceTally {
    pub audience: Audience,
    pub person_times: u32,
    pub poor_person_times: u32,
    pub person_days: u32,
    /// Distinct persons signed in under this audience across the programme's sessions.
    pub persons: u32,
    pub poor_persons: u32,
}

/// Distinct persons across a programme's sessions, as the store counted them: all, poor, and
/// per audience (all, poor). A person signed in under two audiences counts in each.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DistinctPersons {
    pub all: u32,
    pub poor: u32,
    pub by_audience: BTreeMap<Audience, (u32, u32)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct TargetProgress {
    pub key: String,
    pub label: String,
    pub unit: String,
    pub target: u32,
    /// `None` for a target key Fieldbook does not count (shown, not judged).
    pub achieved: Option<u32>,
    pub met: Option<bool>,
    pub requirement: String,
}

/// The label a session without a township is grouped under.
pub const COUNTY_LEVEL: &str = "县级（未指定乡镇）";

fn days_text(days: u32) -> String {
    days.to_string()
}

fn yuan_text(d: Decimal) -> String {
    format!("{:.2}", d)
}

/// Totals of a training programme from its sessions' tallies and the distinct persons (all and
/// poor) the store counted across them. The programme's targets are judged by the programme
/// engine on these totals (`programmes::progress::training_measure`).
pub fn training_totals(
    programme_id: &str,
    programme_name: &str,
    settings: &Preset,
    sessions: &[SessionTallyInput],
    persons: &DistinctPersons,
) -> TrainingTotals {
    let (distinct_persons, poor_persons) = (persons.all, persons.poor);
    let rates = settings.rates.as_deref().unwrap_or_default();
    let rate_for = |kind: TrainingKind| {
        rates
            .iter()
            .find(|r| r.key == kind.rate_key())
            .or_else(|| rates.iter().find(|r| r.key == "general"))
    };
    let mut by_kind = Vec::new();
    let mut cost = Decimal::ZERO;
    for kind in TrainingKind::ALL {
        let of_kind: Vec<&SessionTallyInput> = sessions.iter().filter(|s| s.kind == kind).collect();
        let person_times: u32 = of_kind.iter().map(|s| s.person_times).sum();
        let days: u32 = of_kind.iter().map(|s| s.person_days).sum();
        let rate = rate_for(kind);
        let kind_cost = rate.map_or(Decimal::ZERO, |r| round_fen(Decimal::from(days) * r.min));
        cost += kind_cost;
        by_kind.push(KindTally {
            kind,
            kind_label: kind.label().to_string(),
            sessions: of_kind.len() as u32,
            held_sessions: of_kind.iter().filter(|s| s.person_times > 0).count() as u32,
            person_times,
            poor_person_times: of_kind.iter().map(|s| s.poor_person_times).sum(),
            person_days: days_text(days),
            rate_key: rate.map(|r| r.key.clone()),
            rate: rate.map(|r| yuan_text(r.min)),
            cost: yuan_text(kind_cost),
            shortest_held_days: of_kind
                .iter()
                .filter(|s| s.person_times > 0)
                .map(|s| s.days)
                .min()
                .unwrap_or(0),
        });
    }
    let mut townships: BTreeMap<(bool, String, Option<String>), TownshipTally> = BTreeMap::new();
    for s in sessions {
        let name = if s.township_id.is_some() {
            s.township_name.clone()
        } else {
            COUNTY_LEVEL.to_string()
        };
        // Sessions without a township last; townships by name.
        let key = (s.township_id.is_none(), name.clone(), s.township_id.clone());
        let tally = townships.entry(key).or_insert_with(|| TownshipTally {
            township_id: s.township_id.clone(),
            township_name: name,
            sessions: 0,
            person_times: 0,
            poor_person_times: 0,
        });
        tally.sessions += 1;
        tally.person_times += s.person_times;
        tally.poor_person_times += s.poor_person_times;
    }
    let person_times: u32 = sessions.iter().map(|s| s.person_times).sum();
    let poor_person_times: u32 = sessions.iter().map(|s| s.poor_person_times).sum();
    let person_days: u32 = sessions.iter().map(|s| s.person_days).sum();
    let mut audiences: BTreeMap<Audience, AttendanceCounts> = BTreeMap::new();
    for (audience, counts) in sessions.iter().flat_map(|s| &s.by_audience) {
        audiences.entry(*audience).or_default().add(*counts);
    }
    let mut totals = TrainingTotals {
        programme_id: programme_id.to_string(),
        programme_name: programme_name.to_string(),
        sessions: sessions.len() as u32,
        held_sessions: sessions.iter().filter(|s| s.person_times > 0).count() as u32,
        person_times,
        distinct_persons,
        poor_person_times,
        poor_persons,
        person_days: days_text(person_days),
        cost: yuan_text(cost),
        by_township: townships.into_values().collect(),
        by_kind,
        by_audience: audiences
            .into_iter()
            .map(|(audience, c)| {
                let (persons, poor_persons) = persons
                    .by_audience
                    .get(&audience)
                    .copied()
                    .unwrap_or_default();
                AudienceTally {
                    audience,
                    person_times: c.person_times,
                    poor_person_times: c.poor_person_times,
                    person_days: c.person_days,
                    persons,
                    poor_persons,
                }
            })
            .collect(),
        targets: Vec::new(),
    };
    totals.targets = training_targets(settings, &totals);
    totals
}

/// The programme's targets judged by the programme engine (`programmes::progress`) on these
/// totals, in the training page's shape.
fn training_targets(settings: &Preset, totals: &TrainingTotals) -> Vec<TargetProgress> {
    settings
        .targets
        .iter()
        .map(|t| {
            let measured = t
                .measure()
                .and_then(|(metric, params)| training_measure(metric, &params, totals));
            let result = judge(t, measured);
            let achieved = result
                .done
                .as_deref()
                .and_then(|d| d.parse::<Decimal>().ok())
                .and_then(|d| d.floor().to_u32());
            TargetProgress {
                key: result.key,
                label: result.label,
                unit: result.unit,
                target: result.goal,
                achieved,
                met: result.met,
                requirement: result.requirement,
            }
        })
        .collect()
}
