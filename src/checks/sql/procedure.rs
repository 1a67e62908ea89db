//! F9's facts: every live inspection (for acceptance before the 初验 and the inspectors' days),
//! every payment of a tranche that waits for acceptance and was not let through by a county
//! override, and every live notice.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::checks::rules::procedure::{
    self, Acceptance, InspectorVisit, NoticeSpan, Payment, ProcedureFacts,
};
use crate::checks::{Finding, RecordRef, Thresholds};
use crate::domain::notices::NoticeEntry;
use crate::error::Result;
use crate::store::{Query, Store};

pub fn run(store: &Store, thresholds: &Thresholds) -> Result<Vec<Finding>> {
    Ok(procedure::check(&gather(store)?, thresholds))
}

struct Inspected {
    record: RecordRef,
    operator: String,
    programme: String,
    stage: String,
    day: NaiveDate,
    passed: bool,
    inspectors: Vec<String>,
    township_name: String,
}

#[derive(serde::Deserialize)]
struct Inspector {
    #[serde(default)]
    name: String,
}

fn stage_label(stage: &str) -> &'static str {
    match stage {
        "preliminary" => "初验",
        "acceptance" => "验收",
        _ => "复核",
    }
}

pub fn gather(store: &Store) -> Result<ProcedureFacts> {
    let inspected: Vec<Inspected> = store
        .conn
        .list(
            "SELECT i.id, i.operator_id, i.programme_id, i.stage, i.inspection_date,
                    i.conclusion, i.inspectors, o.name, t.id, coalesce(t.name, '')
             FROM inspection i
             JOIN operator o ON o.id = i.operator_id
             LEFT JOIN village v ON v.id = o.village_id
             LEFT JOIN township t ON t.id = v.township_id
             WHERE i.deleted_hlc IS NULL",
            [],
            |r| {
                let stage: String = r.get(3)?;
                let date: String = r.get(4)?;
                let conclusion: String = r.get(5)?;
                let inspectors: String = r.get(6)?;
                let name: String = r.get(7)?;
                Ok((
                    date.parse::<NaiveDate>().ok(),
                    Inspected {
                        record: RecordRef::new(
                            "inspection",
                            r.get::<_, String>(0)?,
                            format!("{}：{name} {date}", stage_label(&stage)),
                            r.get(8)?,
                        ),
                        operator: r.get(1)?,
                        programme: r.get(2)?,
                        stage,
                        day: NaiveDate::default(),
                        passed: conclusion == "pass",
                        inspectors: serde_json::from_str::<Vec<Inspector>>(&inspectors)
                            .unwrap_or_default()
                            .into_iter()
                            .map(|i| i.name.trim().to_string())
                            .filter(|n| !n.is_empty())
                            .collect(),
                        township_name: r.get(9)?,
                    },
                ))
            },
        )?
        .into_iter()
        .filter_map(|(day, i)| Some(Inspected { day: day?, ..i }))
        .collect();

    // The earliest 初验 and the earliest passed acceptance of each operator and programme.
    let mut preliminary: HashMap<(&str, &str), &Inspected> = HashMap::new();
    let mut passed: HashMap<(&str, &str), &Inspected> = HashMap::new();
    for i in &inspected {
        let key = (i.operator.as_str(), i.programme.as_str());
        let slot = match (i.stage.as_str(), i.passed) {
            ("preliminary", _) => &mut preliminary,
            ("acceptance", true) => &mut passed,
            _ => continue,
        };
        let earliest = slot.entry(key).or_insert(i);
        if i.day < earliest.day {
            *earliest = i;
        }
    }
    let acceptances = inspected
        .iter()
        .filter(|i| i.stage == "acceptance")
        .map(|i| Acceptance {
            acceptance: i.record.clone(),
            accepted: i.day,
            preliminary: preliminary
                .get(&(i.operator.as_str(), i.programme.as_str()))
                .map(|p| (p.record.clone(), p.day)),
        })
        .collect();
    let visits = inspected
        .iter()
        .filter(|i| !i.township_name.is_empty())
        .flat_map(|i| {
            i.inspectors.iter().map(move |name| InspectorVisit {
                inspector: name.clone(),
                day: i.day,
                inspection: i.record.clone(),
                township_name: i.township_name.clone(),
            })
        })
        .collect();

    let notices = gather_notices(store)?;
    let payments = gather_payments(store, &passed, &notices)?;
    Ok(ProcedureFacts {
        acceptances,
        payments,
        notices: notices.into_iter().map(|n| n.span).collect(),
        visits,
    })
}

struct Notice {
    span: NoticeSpan,
    programme: Option<String>,
    acceptance_result: bool,
    names: Vec<String>,
}

fn gather_notices(store: &Store) -> Result<Vec<Notice>> {
    let rows: Vec<Columns1> = store.conn.list(
        "SELECT id, title, subject, start_date, end_date, programme_id, township_id, entries
             FROM notice WHERE deleted_hlc IS NULL",
        [],
        |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
            ))
        },
    )?;
    Ok(rows
        .into_iter()
        .filter_map(
            |(id, title, subject, start, end, programme, township, entries)| {
                let entries: Vec<NoticeEntry> = serde_json::from_str(&entries).unwrap_or_default();
                Some(Notice {
                    span: NoticeSpan {
                        notice: RecordRef::new("notice", id, format!("公示《{title}》"), township),
                        start: start.parse().ok()?,
                        end: end.parse().ok()?,
                    },
                    programme,
                    acceptance_result: subject == "acceptance_result",
                    names: entries
                        .into_iter()
                        .map(|e| e.name.trim().to_string())
                        .collect(),
                })
            },
        )
        .collect())
}

fn gather_payments(
    store: &Store,
    passed: &HashMap<(&str, &str), &Inspected>,
    notices: &[Notice],
) -> Result<Vec<Payment>> {
    let rows: Vec<Columns2> = store.conn.list(
        "SELECT d.id, d.paid_date, d.amount, d.tranche, w.operator_id, w.programme_id, o.name,
                    v.township_id
             FROM fund_disbursement d
             JOIN fund_award w ON w.id = d.award_id AND w.deleted_hlc IS NULL
             JOIN operator o ON o.id = w.operator_id
             LEFT JOIN village v ON v.id = o.village_id
             WHERE d.deleted_hlc IS NULL AND d.reverses_id IS NULL AND d.override_id IS NULL
               AND NOT EXISTS (SELECT 1 FROM fund_disbursement x
                               WHERE x.reverses_id = d.id AND x.deleted_hlc IS NULL)",
        [],
        |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
            ))
        },
    )?;
    // Which tranches of each programme wait for acceptance.
    let mut on_acceptance: HashMap<String, Vec<bool>> = HashMap::new();
    let mut out = Vec::new();
    for (id, paid, amount, tranche, operator, programme, name, township) in rows {
        if !on_acceptance.contains_key(&programme) {
            let tranches = store
                .programme(&programme)?
                .settings
                .tranches
                .iter()
                .map(|t| t.on_acceptance)
                .collect();
            on_acceptance.insert(programme.clone(), tranches);
        }
        let waits = on_acceptance[&programme]
            .get(tranche.saturating_sub(1) as usize)
            .copied()
            .unwrap_or(true);
        let Ok(paid) = paid.parse::<NaiveDate>() else {
            continue;
        };
        if !waits {
            continue;
        }
        // The latest acceptance results notice of the programme naming the operator.
        let notice = notices
            .iter()
            .filter(|n| {
                n.acceptance_result
                    && n.programme.as_deref() == Some(programme.as_str())
                    && n.names.iter().any(|x| x == name.trim())
            })
            .max_by_key(|n| n.span.start)
            .map(|n| (n.span.notice.clone(), n.span.end));
        out.push(Payment {
            disbursement: RecordRef::new(
                "fund_disbursement",
                id,
                format!("拨付：{name} 第{tranche}笔 {amount} 元"),
                township,
            ),
            paid,
            accepted: passed
                .get(&(operator.as_str(), programme.as_str()))
                .map(|a| (a.record.clone(), a.day)),
            notice,
        });
    }
    Ok(out)
}

/// One row of a query below, column by column.
type Columns1 = (
    String,
    String,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    String,
);

/// One row of a query below, column by column.
type Columns2 = (
    String,
    String,
    String,
    u32,
    String,
    String,
    String,
    Option<String>,
);
