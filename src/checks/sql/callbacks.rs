//! F11 at the hub: drawing a township's household call-back sample (reproducible from its seed
//! with `domain::inspections::draw`, the re-check's draw), listing it with what to ask each
//! household, recording each call's outcome through the write path, and the family that turns
//! denials and failed 复核 into findings.
//!
//! A denial is a stored fact, so every later run finds it again: it is never closed
//! automatically. Recording a call re-runs the checks over the call's township at once, so a
//! denial opens its finding without waiting for the next import.

use chrono::NaiveDate;
use rusqlite::types::Value as SqlValue;
use rust_decimal::Decimal;

use crate::checks::callbacks::{
    CallInput, CallOutcome, CallQuestion, CallbackItem, CallbackSample,
};
use crate::checks::rules::callbacks::{self, CallbackFacts, Denial, FailedRecheck};
use crate::checks::{Finding, RecordRef, Scope, Thresholds};
use crate::domain::inspections::draw;
use crate::domain::{format_date_zh, refuse_if};
use crate::error::Result;
use crate::store::entities::{CALLBACK_CALL, CALLBACK_SAMPLE};
use crate::store::new_id;
use crate::store::write::{self, Op};
use crate::store::{Query, Store};
use crate::Code;

pub fn run(store: &Store, thresholds: &Thresholds) -> Result<Vec<Finding>> {
    Ok(callbacks::check(&gather(store)?, thresholds))
}

pub fn gather(store: &Store) -> Result<CallbackFacts> {
    let denials = store.conn.list(
        "SELECT c.id, c.note, c.officer, coalesce(c.call_date, ''), h.id, h.head_name,
                coalesce(v.name, ''), s.township_id
         FROM callback_call c
         JOIN callback_sample s ON s.id = c.sample_id AND s.deleted_hlc IS NULL
         JOIN household h ON h.id = c.household_id
         LEFT JOIN village v ON v.id = h.village_id
         WHERE c.deleted_hlc IS NULL AND c.outcome = 'denies'",
        [],
        |r| {
            let township: Option<String> = r.get(7)?;
            let head: String = r.get(5)?;
            let village: String = r.get(6)?;
            let date: String = r.get(3)?;
            Ok(Denial {
                call: RecordRef::new(
                    "callback_call",
                    r.get::<_, String>(0)?,
                    format!("回访：{head} {date}"),
                    township.clone(),
                ),
                household: RecordRef::new(
                    "household",
                    r.get::<_, String>(4)?,
                    format!("农户 {head}（{village}）"),
                    township,
                ),
                note: r.get(1)?,
                officer: r.get(2)?,
                call_date: date,
            })
        },
    )?;
    let failed_rechecks = store.conn.list(
        "SELECT i.id, i.inspection_date, i.problems, o.name, v.township_id
         FROM inspection i
         JOIN operator o ON o.id = i.operator_id
         LEFT JOIN village v ON v.id = o.village_id
         WHERE i.deleted_hlc IS NULL AND i.stage = 'recheck' AND i.conclusion = 'fail'",
        [],
        |r| {
            let name: String = r.get(3)?;
            let date: String = r.get(1)?;
            Ok(FailedRecheck {
                recheck: RecordRef::new(
                    "inspection",
                    r.get::<_, String>(0)?,
                    format!("复核：{name} {date}"),
                    r.get(4)?,
                ),
                operator: name,
                date,
                problems: r.get(2)?,
            })
        },
    )?;
    Ok(CallbackFacts {
        denials,
        failed_rechecks,
    })
}

/// The ID as a printed list shows it: the region and the last four (`654224********0012`).
fn masked(id: &str) -> String {
    if id.len() == 18 && id.is_ascii() {
        format!("{}********{}", &id[..6], &id[14..])
    } else {
        crate::checks::rules::masked_id(id)
    }
}

impl Store {
    /// Draws a household call-back sample in `township` (its 9-digit code or name): ⌈share⌉ of its
    /// live households (`share` 0–1; default the county's `callbackShare`, 10 %), reproducibly
    /// from `seed` (the same seed over the same households draws the same sample). County only.
    pub fn draw_callback_sample(
        &mut self,
        township: &str,
        share: Option<Decimal>,
        seed: Option<u64>,
    ) -> Result<CallbackSample> {
        refuse_if(
            !self.keeps_findings()?,
            Code::CALLBACK_COUNTY_ONLY,
            "township",
            "回访抽样由县电商中心抽取和记录；乡镇电脑不能抽样。",
        )?;
        let share = match share {
            Some(share) => share,
            None => self.callback_default_share()?,
        };
        refuse_if(
            share <= Decimal::ZERO || share > Decimal::ONE,
            Code::SAMPLE_SHARE,
            "share",
            "抽样比例应在 0 到 1 之间，例如 0.1 表示 10%。",
        )?;
        let township = self.find_township(township)?.id;
        let households: Vec<String> = self.conn.list(
            "SELECT h.id FROM household h JOIN village v ON v.id = h.village_id
             WHERE v.township_id = ?1 AND h.deleted_hlc IS NULL",
            [&township],
            |r| r.get(0),
        )?;
        refuse_if(
            households.is_empty(),
            Code::CALLBACK_NO_HOUSEHOLDS,
            "township",
            "这个乡镇还没有登记农户，无法抽取回访样本。",
        )?;
        let seed = seed.unwrap_or_else(|| self.writer.clock.now_ms());
        let drawn = draw(&households, share, seed);
        let today = self.today().to_string();
        let officer = self.officer().to_string();
        let id = new_id();
        self.write(|tx, writer| {
            write::record(
                tx,
                writer,
                &CALLBACK_SAMPLE,
                &id,
                Op::Create,
                &[
                    ("township_id", SqlValue::Text(township.clone())),
                    ("seed", SqlValue::Text(seed.to_string())),
                    ("share", SqlValue::Text(share.normalize().to_string())),
                    ("population", SqlValue::Integer(households.len() as i64)),
                    ("drawn_date", SqlValue::Text(today.clone())),
                    ("drawn_by", SqlValue::Text(officer.clone())),
                ],
            )?;
            for (i, household) in drawn.iter().enumerate() {
                write::record(
                    tx,
                    writer,
                    &CALLBACK_CALL,
                    &new_id(),
                    Op::Create,
                    &[
                        ("sample_id", SqlValue::Text(id.clone())),
                        ("household_id", SqlValue::Text(household.clone())),
                        ("position", SqlValue::Integer(i as i64 + 1)),
                    ],
                )?;
            }
            Ok(())
        })?;
        self.callback_sample(&id)
    }

    /// The share a draw takes when none is given: the county's `callbackShare` (percent, 10
    /// unless the county set another) as a fraction, `0.1`.
    pub fn callback_default_share(&self) -> Result<Decimal> {
        let percent = Thresholds::read(self)?.callback_share;
        Ok(Decimal::new(i64::from(percent), 2).normalize())
    }

    /// The call-back samples drawn, newest first; of one township when `township_code` is given.
    pub fn callback_samples(&self, township_code: Option<&str>) -> Result<Vec<CallbackSample>> {
        let ids: Vec<String> = self.conn.list(
            "SELECT s.id FROM callback_sample s JOIN township t ON t.id = s.township_id
             WHERE s.deleted_hlc IS NULL AND (?1 IS NULL OR t.code = ?1)
             ORDER BY s.drawn_date DESC, s.created_hlc DESC",
            [township_code.map(str::trim)],
            |r| r.get(0),
        )?;
        ids.iter().map(|id| self.callback_sample(id)).collect()
    }

    /// One sample with its calls in draw order and what to ask each household.
    pub fn callback_sample(&self, id: &str) -> Result<CallbackSample> {
        let mut sample = self
            .conn
            .first(
                "SELECT s.id, s.township_id, t.code, t.name, s.seed, s.share, s.population,
                        s.drawn_date, s.drawn_by
                 FROM callback_sample s JOIN township t ON t.id = s.township_id
                 WHERE s.id = ?1 AND s.deleted_hlc IS NULL",
                [id],
                |r| {
                    Ok(CallbackSample {
                        id: r.get(0)?,
                        township_id: r.get(1)?,
                        township_code: r.get(2)?,
                        township_name: r.get(3)?,
                        seed: r.get(4)?,
                        share: r.get(5)?,
                        population: r.get(6)?,
                        drawn_date: r.get(7)?,
                        drawn_by: r.get(8)?,
                        called: 0,
                        denied: 0,
                        items: Vec::new(),
                    })
                },
            )?
            .ok_or_else(|| crate::Error::not_found("回访抽样", id))?;
        let ids: Vec<String> = self.conn.list(
            "SELECT id FROM callback_call WHERE sample_id = ?1 AND deleted_hlc IS NULL
             ORDER BY position",
            [id],
            |r| r.get(0),
        )?;
        sample.items = ids
            .iter()
            .map(|i| self.callback_item(i))
            .collect::<Result<_>>()?;
        sample.called = sample.items.iter().filter(|i| i.outcome.is_some()).count() as u32;
        sample.denied = sample
            .items
            .iter()
            .filter(|i| i.outcome == Some(CallOutcome::Denies))
            .count() as u32;
        Ok(sample)
    }

    /// One drawn household and its call.
    pub fn callback_item(&self, id: &str) -> Result<CallbackItem> {
        let mut item = self
            .conn
            .first(
                "SELECT c.id, c.position, h.id, h.head_name, coalesce(v.name, ''), h.id_number,
                        h.phone, c.outcome, c.note, c.officer, c.call_date
                 FROM callback_call c
                 JOIN household h ON h.id = c.household_id
                 LEFT JOIN village v ON v.id = h.village_id
                 WHERE c.id = ?1 AND c.deleted_hlc IS NULL",
                [id],
                |r| {
                    let id_number: String = r.get(5)?;
                    let outcome: String = r.get(7)?;
                    Ok(CallbackItem {
                        id: r.get(0)?,
                        position: r.get(1)?,
                        household_id: r.get(2)?,
                        head_name: r.get(3)?,
                        village: r.get(4)?,
                        masked_id: masked(&id_number),
                        phone: r.get(6)?,
                        outcome: CallOutcome::from_name(&outcome),
                        note: r.get(8)?,
                        officer: r.get(9)?,
                        call_date: r.get(10)?,
                        questions: Vec::new(),
                    })
                },
            )?
            .ok_or_else(|| {
                crate::domain::Invalid::new(
                    Code::CALLBACK_NOT_FOUND,
                    "item",
                    format!("没有编号为“{id}”的回访项。请用 fieldbook callbacks list 查看抽中的农户和编号。"),
                )
            })?;
        item.questions = self.callback_questions(&item.household_id)?;
        Ok(item)
    }

    /// What to ask a household: each agreement its roster is in, each payment its ledger holds
    /// (reversed ones left out), each training its members signed in at.
    fn callback_questions(&self, household_id: &str) -> Result<Vec<CallQuestion>> {
        let mut out: Vec<CallQuestion> = self.conn.list(
            "SELECT g.number, o.name, g.term_start FROM roster r
             JOIN agreement g ON g.id = r.agreement_id AND g.deleted_hlc IS NULL
             JOIN operator o ON o.id = g.operator_id
             WHERE r.household_id = ?1 AND r.deleted_hlc IS NULL ORDER BY g.term_start, g.number",
            [household_id],
            |r| {
                let number: String = r.get(0)?;
                let operator: String = r.get(1)?;
                Ok(CallQuestion {
                    about: "agreement".into(),
                    text: format!("是否与{operator}签订带贫协议（编号 {number}）？"),
                })
            },
        )?;
        let payments: Vec<(String, String, String, String)> = self.conn.list(
            "SELECT e.entry_date, o.name, e.product, e.amount FROM ledger_entry e
             JOIN agreement g ON g.id = e.agreement_id
             JOIN operator o ON o.id = g.operator_id
             WHERE e.household_id = ?1 AND e.deleted_hlc IS NULL AND e.reverses_id IS NULL
               AND NOT EXISTS (SELECT 1 FROM ledger_entry x
                               WHERE x.reverses_id = e.id AND x.deleted_hlc IS NULL)
             ORDER BY e.entry_date, e.id",
            [household_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )?;
        for (date, operator, product, amount) in payments {
            out.push(CallQuestion {
                about: "payment".into(),
                text: format!(
                    "是否在{}收到{operator}支付的{product}款 {amount} 元？",
                    zh_date(&date)
                ),
            });
        }
        let sessions: Vec<(String, String, String)> = self.conn.list(
            "SELECT DISTINCT s.title, s.start_date, s.venue FROM attendance a
             JOIN training_session s ON s.id = a.session_id AND s.deleted_hlc IS NULL
             WHERE a.deleted_hlc IS NULL
               AND (a.household_id = ?1
                    OR a.id_number = (SELECT id_number FROM household WHERE id = ?1))
             ORDER BY s.start_date, s.title",
            [household_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        for (title, start, venue) in sessions {
            let place = if venue.trim().is_empty() {
                String::new()
            } else {
                format!("在{venue}")
            };
            out.push(CallQuestion {
                about: "training".into(),
                text: format!("是否于{}{place}参加“{title}”培训？", zh_date(&start)),
            });
        }
        Ok(out)
    }

    /// Records a call's outcome through the write path (the change log keeps every earlier
    /// outcome). At the hub the checks then run over the call's township, so a denial opens its
    /// `F11_CALLBACK_DENIED` finding now, and a corrected one closes it.
    pub fn record_callback(&mut self, item_id: &str, input: &CallInput) -> Result<CallbackItem> {
        refuse_if(
            !self.keeps_findings()?,
            Code::CALLBACK_COUNTY_ONLY,
            "item",
            "回访结果由县电商中心记录；乡镇电脑不能记录。",
        )?;
        let valid = input.validate(self.today())?;
        let township: String = self
            .conn
            .value(
                "SELECT s.township_id FROM callback_call c
                 JOIN callback_sample s ON s.id = c.sample_id
                 WHERE c.id = ?1 AND c.deleted_hlc IS NULL",
                [item_id],
            )?
            .ok_or_else(|| {
                crate::domain::Invalid::new(
                    Code::CALLBACK_NOT_FOUND,
                    "item",
                    format!("没有编号为“{item_id}”的回访项。请用 fieldbook callbacks list 查看抽中的农户和编号。"),
                )
            })?;
        self.write(|tx, writer| {
            write::record(
                tx,
                writer,
                &CALLBACK_CALL,
                item_id,
                Op::Update,
                &[
                    ("outcome", SqlValue::Text(valid.outcome.as_str().into())),
                    ("note", SqlValue::Text(valid.note.clone())),
                    ("officer", SqlValue::Text(valid.officer.clone())),
                    ("call_date", SqlValue::Text(valid.call_date.to_string())),
                ],
            )?;
            Ok(())
        })?;
        self.run_checks(&Scope::Township(township))?;
        self.callback_item(item_id)
    }
}

/// 2019-08-12 → 2019年8月12日 (the stored text when it is not a date).
fn zh_date(text: &str) -> String {
    text.parse::<NaiveDate>()
        .map(format_date_zh)
        .unwrap_or_else(|_| text.to_string())
}
