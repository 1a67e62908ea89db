//! Site inspections: saved through the one write path with the conclusion the programme's
//! template gives; values the records can answer (sales from the ledger, linked households from
//! the rosters) are measured here, not typed; photos are content-addressed. Re-check samples:
//! `recheck.rs`.

use std::str::FromStr;

use rusqlite::params;
use rusqlite::types::Value as SqlValue;
use rust_decimal::Decimal;
use uuid::Uuid;

use crate::domain::inspections::{
    merged, ComputedValue, Inspection, InspectionInput, InspectionPhoto, InspectionSummary, Stage,
};
use crate::domain::programmes::{evaluate, Conclusion, Observation, ObservedValue};
use crate::domain::refuse_if;
use crate::domain::{Invalid, Saved, Warning};
use crate::error::{Error, Result};
use crate::store::attachments::{self, Kinds};
use crate::store::entities::{INSPECTION, INSPECTION_PHOTO};
use crate::store::from_row;
use crate::store::write::{self, Op, Status};
use crate::store::Query;
use crate::store::Store;
use crate::Code;

const PHOTO_NAMESPACE: Uuid = Uuid::from_u128(0x2b8e_41d7_0c5a_4f93_9e16_7a0d_c4b2_58f1);

impl Store {
    /// What the records say about an operator for a programme's year: Σ ledger amounts and the
    /// distinct households on its rosters, for the template items marked with those sources.
    pub fn computed_values(
        &self,
        operator_id: &str,
        programme_id: &str,
    ) -> Result<Vec<ComputedValue>> {
        let programme = self.programme(programme_id)?;
        let year = programme.year;
        let mut stmt = self.conn.prepare_cached(
            "SELECT l.amount FROM ledger_entry l JOIN agreement a ON a.id = l.agreement_id
             WHERE a.operator_id = ?1 AND a.year = ?2 AND a.deleted_hlc IS NULL",
        )?;
        let amounts = stmt.query_map(params![operator_id, year], |r| r.get::<_, String>(0))?;
        let mut sales = Decimal::ZERO;
        let mut entries = 0;
        for amount in amounts {
            sales += Decimal::from_str(&amount?).unwrap_or_default();
            entries += 1;
        }
        let (agreements, households): (u32, u32) = self.conn.query_row(
            "SELECT count(DISTINCT a.id), count(DISTINCT r.household_id)
             FROM agreement a LEFT JOIN roster r ON r.agreement_id = a.id AND r.deleted_hlc IS NULL
             WHERE a.operator_id = ?1 AND a.year = ?2 AND a.deleted_hlc IS NULL",
            params![operator_id, year],
            |r| r.try_into(),
        )?;
        let criteria = &programme.settings.criteria;
        let items = criteria.eligibility.iter().chain(&criteria.scored);
        Ok(items
            .filter_map(|item| match item.source.as_deref() {
                Some("ledger_sales") => Some(ComputedValue {
                    key: item.key.clone(),
                    value: ObservedValue::Number(sales.round_dp(2)),
                    source: format!("台账：{year} 年 {agreements} 份带贫协议、{entries} 笔收购合计 {sales:.2} 元"),
                }),
                Some("roster_households") => Some(ComputedValue {
                    key: item.key.clone(),
                    value: ObservedValue::Number(households.into()),
                    source: format!("花名册：{year} 年 {agreements} 份带贫协议在册 {households} 户（同一户只计一次）"),
                }),
                _ => None,
            })
            .collect())
    }

    pub fn add_inspection(&mut self, input: &InspectionInput) -> Result<Saved<Inspection>> {
        let id = crate::store::new_id();
        let warnings = self.save_inspection(&id, Op::Create, input)?;
        Ok(Saved::new(self.inspection(&id)?, warnings))
    }

    pub fn update_inspection(
        &mut self,
        id: &str,
        input: &InspectionInput,
    ) -> Result<Saved<Inspection>> {
        refuse_if(
            self.inspection(id)?.status != "draft",
            Code::INSPECTION_SUBMITTED,
            "status",
            "这份核验记录已提交，不能再修改。如需更正，请另做一次核验或联系县电商中心。",
        )?;
        let warnings = self.save_inspection(id, Op::Update, input)?;
        Ok(Saved::new(self.inspection(id)?, warnings))
    }

    fn save_inspection(
        &mut self,
        id: &str,
        op: Op,
        input: &InspectionInput,
    ) -> Result<Vec<Warning>> {
        let valid = input.validated()?;
        let investment = match valid.investment {
            Some(d) => SqlValue::Text(d.to_string()),
            None => SqlValue::Null,
        };
        let input = valid.input;
        self.operator(&input.operator_id).map_err(|_| {
            Invalid::new(
                Code::INSPECTION_OPERATOR,
                "operatorId",
                "所选的实施主体不存在。",
            )
        })?;
        let programme = self.programme(&input.programme_id).map_err(|_| {
            Invalid::new(
                Code::INSPECTION_PROGRAMME,
                "programmeId",
                "所选的项目不存在。",
            )
        })?;
        let recheck_sample = match input.stage {
            Stage::Recheck => SqlValue::Text(self.drawn_item_sample(
                &input.programme_id,
                &input.operator_id,
                input.recheck_sample_id.as_deref(),
            )?),
            _ => SqlValue::Null,
        };
        let computed = self.computed_values(&input.operator_id, &input.programme_id)?;
        let observations = merged(&input.observations, &computed);
        let evaluation = evaluate(&programme.settings.criteria, &observations);
        let conclusion =
            serde_json::to_value(evaluation.conclusion).expect("conclusions serialise");
        let json = |v: &dyn erased::Json| SqlValue::Text(v.json());
        self.write(|tx, writer| {
            let values = [
                ("operator_id", SqlValue::Text(input.operator_id.clone())),
                ("programme_id", SqlValue::Text(input.programme_id.clone())),
                ("stage", SqlValue::Text(input.stage.code().into())),
                ("inspection_date", SqlValue::Text(input.date.clone())),
                ("inspectors", json(&input.inspectors)),
                ("observations", json(&observations)),
                ("problems", SqlValue::Text(input.problems.clone())),
                ("rectification", json(&input.rectification)),
                (
                    "conclusion",
                    SqlValue::Text(conclusion.as_str().unwrap_or_default().into()),
                ),
                ("investment", investment.clone()),
                ("recheck_sample_id", recheck_sample.clone()),
            ];
            write::record(tx, writer, &INSPECTION, id, op, &values)
        })?;
        Ok(valid.warnings.into_iter().map(Warning::from).collect())
    }

    /// Submits an inspection: from now on it is a record, not a draft, and refuses edits.
    pub fn submit_inspection(&mut self, id: &str) -> Result<Inspection> {
        self.inspection(id)?;
        self.write(|tx, writer| write::set_status(tx, writer, &INSPECTION, id, Status::Submitted))?;
        self.inspection(id)
    }

    pub fn inspection(&self, id: &str) -> Result<Inspection> {
        type Row = (
            String,
            String,
            String,
            String,
            String,
            String,
            String,
            String,
            String,
            String,
            String,
            String,
            Option<String>,
            Option<String>,
        );
        let row: Row = self
            .conn
            .row(
                "SELECT i.operator_id, o.name, coalesce(t.name || v.name, ''), i.programme_id,
                        p.name, i.stage, i.inspection_date, i.inspectors, i.observations,
                        i.problems, i.rectification, i.status, i.investment, i.recheck_sample_id
                 FROM inspection i JOIN operator o ON o.id = i.operator_id
                 JOIN programme p ON p.id = i.programme_id
                 LEFT JOIN village v ON v.id = o.village_id
                 LEFT JOIN township t ON t.id = v.township_id
                 WHERE i.id = ?1 AND i.deleted_hlc IS NULL",
                [id],
            )?
            .ok_or_else(|| Error::not_found("核验记录", id))?;
        let (operator_id, operator_name, place, programme_id, programme_name, stage, date) =
            (row.0, row.1, row.2, row.3, row.4, row.5, row.6);
        let observations: Vec<Observation> = serde_json::from_str(&row.8).unwrap_or_default();
        let programme = self.programme(&programme_id)?;
        let evaluation = evaluate(&programme.settings.criteria, &observations);
        let stage = Stage::from_code(&stage);
        Ok(Inspection {
            id: id.to_string(),
            computed: self.computed_values(&operator_id, &programme_id)?,
            operator_id,
            operator_name,
            place,
            programme_id,
            programme_name,
            stage,
            stage_label: stage.label().to_string(),
            date,
            inspectors: serde_json::from_str(&row.7).unwrap_or_default(),
            observations,
            problems: row.9,
            rectification: serde_json::from_str(&row.10).unwrap_or_default(),
            investment: row.12,
            recheck_sample_id: row.13,
            evaluation,
            photos: self.inspection_photos(id)?,
            status: row.11,
        })
    }

    pub fn list_inspections(&self, programme_id: Option<&str>) -> Result<Vec<InspectionSummary>> {
        self.inspection_summaries("(?1 IS NULL OR i.programme_id = ?1)", programme_id)
    }

    /// The live inspections that also meet `condition` (SQL over `i`, `o`, `p`, `v`, `t`, with
    /// `?1` bound to `bound`), newest first.
    pub(crate) fn inspection_summaries(
        &self,
        condition: &str,
        bound: Option<&str>,
    ) -> Result<Vec<InspectionSummary>> {
        Ok(self.conn.list(
            &format!(
                "SELECT i.id, o.name, coalesce(t.name || v.name, ''), p.name, i.stage,
                    i.inspection_date, i.conclusion, i.status
             FROM inspection i JOIN operator o ON o.id = i.operator_id
             JOIN programme p ON p.id = i.programme_id
             LEFT JOIN village v ON v.id = o.village_id
             LEFT JOIN township t ON t.id = v.township_id
             WHERE i.deleted_hlc IS NULL AND {condition}
             ORDER BY i.inspection_date DESC, i.rowid DESC"
            ),
            [bound],
            |r| {
                let stage: String = r.get(4)?;
                let conclusion: String = r.get(6)?;
                let conclusion: Option<Conclusion> =
                    serde_json::from_value(serde_json::Value::String(conclusion)).ok();
                Ok(InspectionSummary {
                    id: r.get(0)?,
                    operator_name: r.get(1)?,
                    place: r.get(2)?,
                    programme_name: r.get(3)?,
                    stage: Stage::from_code(&stage),
                    stage_label: Stage::from_code(&stage).label().to_string(),
                    date: r.get(5)?,
                    conclusion,
                    conclusion_label: conclusion
                        .map(|c| c.label().to_string())
                        .unwrap_or_default(),
                    status: r.get(7)?,
                })
            },
        )?)
    }

    /// Adds a photo (JPEG or PNG) to an inspection. The same photo on another inspection is a
    /// warning naming it: one picture standing for two sites is what fabrication looks like.
    pub fn add_inspection_photo(
        &mut self,
        inspection_id: &str,
        file_name: &str,
        bytes: &[u8],
        caption: &str,
    ) -> Result<Saved<InspectionPhoto>> {
        let inspection = self.inspection(inspection_id)?;
        refuse_if(
            inspection.status != "draft",
            Code::INSPECTION_SUBMITTED,
            "photos",
            "这份核验记录已提交，不能再添加照片。",
        )?;
        let upload = attachments::check(bytes, "photos", "照片", Kinds::Images).map_err(|_| {
            Invalid::new(
                Code::PHOTO_TYPE,
                "photos",
                "照片只能是 20 MB 以内的 JPEG 或 PNG 图片。",
            )
        })?;
        let sha = upload.sha256.clone();
        let id = Uuid::new_v5(
            &PHOTO_NAMESPACE,
            format!("{inspection_id}/{sha}").as_bytes(),
        )
        .to_string();
        if inspection.photos.iter().any(|p| p.id == id) {
            return Err(
                Invalid::new(Code::PHOTO_DUPLICATE, "photos", "这张照片已经添加过了。").into(),
            );
        }
        let elsewhere: Option<(String, String)> = self
            .conn
            .row("SELECT o.name, i.inspection_date FROM inspection_photo ph
                 JOIN inspection i ON i.id = ph.inspection_id JOIN operator o ON o.id = i.operator_id
                 WHERE ph.sha256 = ?1 AND ph.inspection_id <> ?2 AND ph.deleted_hlc IS NULL LIMIT 1", params![sha, inspection_id])?;
        let caption = caption.trim().to_string();
        crate::domain::places::check_optional_text(&caption, "photos", "照片说明", 100)?;
        self.write(|tx, writer| {
            upload.put(tx, file_name)?;
            let values = [
                ("inspection_id", SqlValue::Text(inspection_id.into())),
                ("sha256", SqlValue::Text(sha.clone())),
                ("caption", SqlValue::Text(caption.clone())),
            ];
            write::record(tx, writer, &INSPECTION_PHOTO, &id, Op::Create, &values)
        })?;
        let warnings = elsewhere
            .map(|(operator, date)| {
                Warning::from(Invalid::new(
                    Code::PHOTO_REUSED,
                    "photos",
                    format!("同一张照片已用于 {operator} {date} 的核验，请确认不是重复使用。"),
                ))
            })
            .into_iter()
            .collect();
        let record = self
            .inspection_photos(inspection_id)?
            .into_iter()
            .find(|p| p.id == id)
            .expect("the photo just written");
        Ok(Saved { record, warnings })
    }

    fn inspection_photos(&self, inspection_id: &str) -> Result<Vec<InspectionPhoto>> {
        Ok(self.conn.list(
            "SELECT ph.id, ph.sha256, a.file_name, ph.caption FROM inspection_photo ph
             JOIN attachment a ON a.sha256 = ph.sha256
             WHERE ph.inspection_id = ?1 AND ph.deleted_hlc IS NULL ORDER BY ph.created_hlc",
            [inspection_id],
            |r| Ok(from_row!(r => InspectionPhoto { id, sha256, file_name, caption })),
        )?)
    }
}

/// Serialising heterogeneous values for the JSON columns without a generic closure.
mod erased {
    pub trait Json {
        fn json(&self) -> String;
    }
    impl<T: serde::Serialize> Json for T {
        fn json(&self) -> String {
            serde_json::to_string(self).expect("inspection parts serialise")
        }
    }
}
