//! Reviews of an application (village → township → county, append-only, the latest of a step
//! counts) and the county's decision (approve, or reject with a reason), once.

use rusqlite::types::Value as SqlValue;

use crate::domain::funds::applications::{
    banned, decision_reason, decision_warnings, not_before, past_date, review_order, review_texts,
    score,
};
use crate::domain::funds::{Application, Decision, DecisionInput, ReviewInput};
use crate::domain::places::required_name;
use crate::domain::{parse_date, Problems, Saved};
use crate::error::Result;
use crate::store::entities::{FUND_APPLICATION, FUND_REVIEW};
use crate::store::write::{self, Op};
use crate::store::Store;

use super::applications::refuse_decided;

impl Store {
    /// Appends one reviewer's opinion at one step. Refused when an earlier step has no review
    /// yet (`FUND_REVIEW_ORDER`) or the county has decided (`FUND_APPLICATION_DECIDED`).
    pub fn review_fund_application(&mut self, input: &ReviewInput) -> Result<Saved<Application>> {
        self.refuse_fund_change_on_laptop()?;
        let application = self.fund_application(&input.application_id)?;
        refuse_decided(&application, "审核")?;
        let today = self.today();
        let mut problems = Problems::new();
        let reviewed: Vec<_> = application.reviews.iter().map(|r| r.step).collect();
        problems.take(review_order(&reviewed, input.step));
        let texts = review_texts(&input.reviewer, &input.comment, &mut problems);
        let date = problems.take(past_date(
            &input.review_date,
            "reviewDate",
            "审核日期",
            today,
        ));
        if let (Some(date), Ok(applied)) = (date, parse_date(&application.applied_date, "", "")) {
            problems.take(not_before(
                date,
                applied,
                "reviewDate",
                "审核日期",
                "申报日期",
            ));
        }
        let score = problems.take(score(&input.score));
        problems.finish()?;
        let (reviewer, comment) = texts.expect("no problem means the texts were read");
        let (date, score) = (date.expect("checked"), score.expect("checked"));
        let id = crate::store::new_id();
        let values = [
            ("application_id", SqlValue::Text(application.id.clone())),
            ("step", SqlValue::Text(input.step.code().into())),
            ("reviewer", SqlValue::Text(reviewer)),
            ("review_date", SqlValue::Text(date.to_string())),
            ("opinion", SqlValue::Text(input.opinion.code().into())),
            ("comment", SqlValue::Text(comment)),
            ("score", score.map_or(SqlValue::Null, SqlValue::Text)),
        ];
        self.write(|tx, writer| write::record(tx, writer, &FUND_REVIEW, &id, Op::Create, &values))?;
        Ok(Saved::new(
            self.fund_application(&application.id)?,
            Vec::new(),
        ))
    }

    /// The county's decision, once. A rejection needs its reason; an operator under a ban in
    /// force cannot be approved. Saved with a warning when a step has no review or its latest
    /// review disagreed: the county decides, but sees what it decides over.
    pub fn decide_fund_application(&mut self, input: &DecisionInput) -> Result<Saved<Application>> {
        self.refuse_fund_change_on_laptop()?;
        let application = self.fund_application(&input.application_id)?;
        refuse_decided(&application, "重新决定")?;
        let today = self.today();
        let mut problems = Problems::new();
        let reason = problems.take(decision_reason(input.decision, &input.reason));
        let decided_by = problems.take(required_name(&input.decided_by, "decidedBy", "决定人"));
        let date = problems.take(past_date(
            &input.decided_date,
            "decidedDate",
            "决定日期",
            today,
        ));
        if let (Some(date), Ok(applied)) = (date, parse_date(&application.applied_date, "", "")) {
            problems.take(not_before(
                date,
                applied,
                "decidedDate",
                "决定日期",
                "申报日期",
            ));
        }
        if input.decision == Decision::Approved {
            if let Some(ban) = self.active_ban(&application.operator_id)? {
                let end = parse_date(&ban.end_date, "applicationId", "禁止期")?;
                problems.push(banned(
                    &application.operator_name,
                    &ban.reason,
                    end,
                    "applicationId",
                ));
            }
        }
        problems.finish()?;
        let values = [
            ("decision", SqlValue::Text(input.decision.code().into())),
            ("decision_reason", SqlValue::Text(reason.expect("checked"))),
            ("decided_by", SqlValue::Text(decided_by.expect("checked"))),
            (
                "decided_date",
                SqlValue::Text(date.expect("checked").to_string()),
            ),
        ];
        self.write(|tx, writer| {
            write::record(
                tx,
                writer,
                &FUND_APPLICATION,
                &application.id,
                Op::Update,
                &values,
            )
        })?;
        let warnings = decision_warnings(&application.reviews);
        Ok(Saved::new(
            self.fund_application(&application.id)?,
            warnings,
        ))
    }
}
