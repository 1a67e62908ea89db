//! Applications (申报): an operator applies to a programme in one class of its subsidy rule,
//! with its documents; edited while undecided, voided with a reason. Reviews and the decision:
//! `decisions.rs`.

use rusqlite::types::Value as SqlValue;
use rusqlite::Row;

use crate::domain::funds::applications::{application_facts, banned, investment, ApplicationFacts};
use crate::domain::funds::{
    award_bounds, award_class, award_classes, Application, ApplicationDocument, ApplicationInput,
    Decision, DecisionFilter, Opinion, Review, ReviewStep,
};
use crate::domain::json_path;
use crate::domain::lifecycle::void_reason;
use crate::domain::places::check_optional_text;
use crate::domain::{format_date_zh, Invalid, Problems, Saved};
use crate::error::{Error, Result};
use crate::store::attachments::{self, Kinds};
use crate::store::entities::FUND_APPLICATION;
use crate::store::write::{self, Op};
use crate::store::{Query, Store};
use crate::Code;

const APPLICATION_SELECT: &str = "SELECT a.id, a.programme_id, p.name, a.operator_id, o.name,
        coalesce(t.name || v.name, ''), coalesce(t.id, ''), a.class_key, a.applied_date,
        a.documents, a.investment, a.decision, a.decision_reason, a.decided_by, a.decided_date,
        (SELECT w.id FROM fund_award w WHERE w.application_id = a.id AND w.deleted_hlc IS NULL
         LIMIT 1),
        a.notes, a.status
     FROM fund_application a
     JOIN programme p ON p.id = a.programme_id
     JOIN operator o ON o.id = a.operator_id
     LEFT JOIN village v ON v.id = o.village_id
     LEFT JOIN township t ON t.id = v.township_id";

fn application_from_row(r: &Row) -> rusqlite::Result<Application> {
    let documents: String = r.get(9)?;
    let decision: String = r.get(11)?;
    Ok(Application {
        id: r.get(0)?,
        programme_id: r.get(1)?,
        programme_name: r.get(2)?,
        operator_id: r.get(3)?,
        operator_name: r.get(4)?,
        place: r.get(5)?,
        township_id: r.get(6)?,
        class_key: r.get(7)?,
        // Filled from the programme's rule by `labelled`.
        class_label: String::new(),
        applied_date: r.get(8)?,
        documents: serde_json::from_str(&documents).unwrap_or_default(),
        investment: r.get(10)?,
        reviews: Vec::new(),
        decision: Decision::from_code(&decision),
        decision_reason: r.get(12)?,
        decided_by: r.get(13)?,
        decided_date: r.get(14)?,
        award_id: r.get(15)?,
        notes: r.get(16)?,
        status: r.get(17)?,
    })
}

impl Store {
    /// Stores a document of an application (licence, ID copy, form, photo: JPEG, PNG or PDF) and
    /// answers its SHA-256, for `ApplicationDocument::sha256`. A blob, not a record: the
    /// application that names it goes through the write path.
    pub fn store_fund_document(&mut self, file_name: &str, bytes: &[u8]) -> Result<String> {
        self.refuse_fund_change_on_laptop()?;
        let upload = attachments::check(bytes, "documents", "申报材料", Kinds::ImagesOrPdf)?;
        let sha = upload.sha256.clone();
        self.write(|tx, _| upload.put(tx, file_name))?;
        Ok(sha)
    }

    /// 申报: an operator applies to a programme in one class. Refused, with every problem at
    /// once and nothing written, when the programme or class is unknown, the operator is not a
    /// live one or is under a ban in force today, the date is invalid or in the future, a
    /// document is not a stored attachment, the investment a share rule needs is missing, or
    /// the operator already has a live application to the programme.
    pub fn apply_for_funds(&mut self, input: &ApplicationInput) -> Result<Saved<Application>> {
        self.refuse_fund_change_on_laptop()?;
        let id = crate::store::new_id();
        self.save_application(&id, Op::Create, input)?;
        Ok(Saved::new(self.fund_application(&id)?, Vec::new()))
    }

    /// Edits an application the county has not decided yet (`FUND_APPLICATION_DECIDED`).
    pub fn update_fund_application(
        &mut self,
        id: &str,
        input: &ApplicationInput,
    ) -> Result<Saved<Application>> {
        self.refuse_fund_change_on_laptop()?;
        refuse_decided(&self.fund_application(id)?, "修改")?;
        self.save_application(id, Op::Update, input)?;
        Ok(Saved::new(self.fund_application(id)?, Vec::new()))
    }

    /// Voids an application with its reason (a tombstone through the write path); refused once
    /// an award was made on it.
    pub fn void_fund_application(&mut self, id: &str, reason: &str) -> Result<()> {
        self.refuse_fund_change_on_laptop()?;
        let reason = void_reason(reason)?;
        let application = self.fund_application(id)?;
        if application.award_id.is_some() {
            return Err(Invalid::new(
                Code::RECORD_IN_USE,
                "id",
                format!(
                    "“{}”的这份申报已确定扶持并有扶持记录，不能作废。请先处理扶持记录。",
                    application.operator_name
                ),
            )
            .into());
        }
        self.write(|tx, writer| {
            write::record(
                tx,
                writer,
                &FUND_APPLICATION,
                id,
                Op::Delete,
                &[("void_reason", SqlValue::Text(reason.clone()))],
            )
        })?;
        Ok(())
    }

    fn save_application(&mut self, id: &str, op: Op, input: &ApplicationInput) -> Result<()> {
        let today = self.today();
        let mut problems = Problems::new();
        let programme = self.programme(&input.programme_id).ok();
        problems.check(
            programme.is_none(),
            Code::FUND_PROGRAMME,
            "programmeId",
            "所选的项目不存在或已作废，请从项目列表中选择。",
        );
        let operator = self.operator(&input.operator_id).ok();
        problems.check(
            operator.is_none(),
            Code::FUND_OPERATOR,
            "operatorId",
            "所选的实施主体不存在或已作废，请从实施主体列表中选择。",
        );
        if let Some(operator) = &operator {
            if let Some(ban) = self.active_ban(&operator.id)? {
                let end = crate::domain::parse_date(&ban.end_date, "operatorId", "禁止期")?;
                problems.push(banned(&operator.name, &ban.reason, end, "operatorId"));
            }
        }
        let class = programme.as_ref().and_then(|p| {
            problems.take(award_class(
                &p.name,
                &p.settings.subsidy,
                input.class_key.trim(),
            ))
        });
        let facts = application_facts(
            &input.applied_date,
            &input.investment,
            &input.notes,
            today,
            &mut problems,
        );
        if let (Some(class), false) = (&class, problems.has("investment")) {
            if class.investment_share.is_some() {
                let declared = investment(&input.investment).ok().flatten();
                problems.take(award_bounds(class, declared));
            }
        }
        self.check_documents(&input.documents, &mut problems)?;
        if programme.is_some() && operator.is_some() {
            self.check_duplicate(id, input, &mut problems)?;
        }
        problems.finish()?;
        let ApplicationFacts {
            applied,
            investment,
            notes,
        } = facts.expect("no problem means every fact was read");
        let class_key = input.class_key.trim().to_string();
        let documents = serde_json::to_string(&input.documents).expect("documents serialise");
        let values = [
            ("programme_id", SqlValue::Text(input.programme_id.clone())),
            ("operator_id", SqlValue::Text(input.operator_id.clone())),
            ("class_key", SqlValue::Text(class_key)),
            ("applied_date", SqlValue::Text(applied.to_string())),
            ("documents", SqlValue::Text(documents)),
            (
                "investment",
                investment.map_or(SqlValue::Null, |d| SqlValue::Text(format!("{d:.2}"))),
            ),
            ("notes", SqlValue::Text(notes)),
        ];
        self.write(|tx, writer| write::record(tx, writer, &FUND_APPLICATION, id, op, &values))?;
        Ok(())
    }

    /// Every document must be a stored attachment (`FUND_DOCUMENT`, on `documents[i].sha256`).
    fn check_documents(
        &self,
        documents: &[ApplicationDocument],
        problems: &mut Problems,
    ) -> Result<()> {
        for (index, document) in documents.iter().enumerate() {
            problems.take(check_optional_text(
                document.name.trim(),
                json_path::at("documents", index, "name"),
                "材料名称",
                100,
            ));
            let stored: Option<i64> = self.conn.value(
                "SELECT 1 FROM attachment WHERE sha256 = ?1",
                [document.sha256.trim()],
            )?;
            if stored.is_none() {
                let name = if document.name.trim().is_empty() {
                    format!("第 {} 份材料", index + 1)
                } else {
                    format!("材料“{}”", document.name.trim())
                };
                problems.push(Invalid::new(
                    Code::FUND_DOCUMENT,
                    json_path::at("documents", index, "sha256"),
                    format!(
                        "{name}没有找到对应的文件。请先用 `fieldbook funds attach 文件` 或在申报页上传材料，再引用它。"
                    ),
                ));
            }
        }
        Ok(())
    }

    /// One live application per operator and programme, unless the earlier one was rejected.
    fn check_duplicate(
        &self,
        id: &str,
        input: &ApplicationInput,
        problems: &mut Problems,
    ) -> Result<()> {
        let earlier: Option<String> = self.conn.value(
            "SELECT applied_date FROM fund_application
             WHERE programme_id = ?1 AND operator_id = ?2 AND id <> ?3
               AND deleted_hlc IS NULL AND decision <> 'rejected'
             ORDER BY applied_date LIMIT 1",
            [&input.programme_id, &input.operator_id, id],
        )?;
        if let Some(date) = earlier {
            let shown = crate::domain::parse_date(&date, "operatorId", "申报日期")
                .map(format_date_zh)
                .unwrap_or(date);
            problems.push(Invalid::new(
                Code::FUND_APPLICATION_DUPLICATE,
                "operatorId",
                format!(
                    "这个实施主体已于 {shown} 申报过本项目，一个项目只能有一份有效申报。请修改原申报，或先作废它。"
                ),
            ));
        }
        Ok(())
    }

    /// One application with its reviews, the class's label and the award made on it.
    pub fn fund_application(&self, id: &str) -> Result<Application> {
        let sql = format!("{APPLICATION_SELECT} WHERE a.id = ?1 AND a.deleted_hlc IS NULL");
        let application = self
            .conn
            .first(&sql, [id], application_from_row)?
            .ok_or_else(|| Error::not_found("资金申报", id))?;
        let mut labelled = self.labelled(vec![application])?;
        let mut application = labelled.pop().expect("one in, one out");
        application.reviews = self.fund_reviews(id)?;
        Ok(application)
    }

    /// Applications, of one programme and one decision when asked, by place then operator.
    pub fn fund_applications(
        &self,
        programme_id: Option<&str>,
        decision: Option<DecisionFilter>,
    ) -> Result<Vec<Application>> {
        let decision = decision.map(|d| match d {
            DecisionFilter::Undecided => "",
            DecisionFilter::Approved => "approved",
            DecisionFilter::Rejected => "rejected",
        });
        let sql = format!(
            "{APPLICATION_SELECT} WHERE a.deleted_hlc IS NULL
               AND (?1 IS NULL OR a.programme_id = ?1) AND (?2 IS NULL OR a.decision = ?2)
             ORDER BY coalesce(v.code, ''), o.name, a.applied_date"
        );
        let list = self.conn.list(
            &sql,
            rusqlite::params![programme_id, decision],
            application_from_row,
        )?;
        let mut list = self.labelled(list)?;
        for application in &mut list {
            application.reviews = self.fund_reviews(&application.id)?;
        }
        Ok(list)
    }

    /// Gives each application its class's label from the programme's rule (the key itself when
    /// the rule no longer has the class).
    fn labelled(&self, mut list: Vec<Application>) -> Result<Vec<Application>> {
        let mut rules = std::collections::HashMap::new();
        for application in &mut list {
            if !rules.contains_key(&application.programme_id) {
                let rule = self.programme(&application.programme_id)?.settings.subsidy;
                rules.insert(application.programme_id.clone(), award_classes(&rule));
            }
            application.class_label = rules[&application.programme_id]
                .iter()
                .find(|c| c.key == application.class_key)
                .map_or_else(|| application.class_key.clone(), |c| c.label.clone());
        }
        Ok(list)
    }

    /// An application's reviews in the order they were given.
    pub(crate) fn fund_reviews(&self, application_id: &str) -> Result<Vec<Review>> {
        Ok(self.conn.list(
            "SELECT id, step, reviewer, review_date, opinion, comment, score FROM fund_review
             WHERE application_id = ?1 AND deleted_hlc IS NULL
             ORDER BY review_date, created_hlc",
            [application_id],
            |r| {
                let step: String = r.get(1)?;
                let opinion: String = r.get(4)?;
                Ok(Review {
                    id: r.get(0)?,
                    step: ReviewStep::from_code(&step).unwrap_or(ReviewStep::County),
                    reviewer: r.get(2)?,
                    review_date: r.get(3)?,
                    opinion: Opinion::from_code(&opinion).unwrap_or(Opinion::Disagree),
                    comment: r.get(5)?,
                    score: r.get(6)?,
                })
            },
        )?)
    }
}

/// Refuses a change (`what`: 修改, 审核 …) of an application the county has decided.
pub(super) fn refuse_decided(application: &Application, what: &str) -> Result<()> {
    if let Some(decision) = application.decision {
        let decided = match decision {
            Decision::Approved => "同意扶持",
            Decision::Rejected => "不予扶持",
        };
        return Err(Invalid::new(
            Code::FUND_APPLICATION_DECIDED,
            "applicationId",
            format!(
                "“{}”的这份申报县里已于 {} 决定{decided}，不能再{what}。",
                application.operator_name,
                application.decided_date.as_deref().unwrap_or("")
            ),
        )
        .into());
    }
    Ok(())
}
