//! The rules of an application (申报), its reviews and the county's decision that need no
//! records: dates, amounts and texts as typed, the order of the review steps, what a decision
//! should be warned of, and the words of a ban. The store adds what needs the records (the
//! programme's classes, the operator, the documents, duplicates, bans in force).

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::model::{Decision, Opinion, Review, ReviewStep};
use crate::domain::money::parse_yuan;
use crate::domain::places::{optional_text, required_name, required_text};
use crate::domain::{format_date_zh, parse_date, Invalid, Problems, Warning};
use crate::Code;

/// The longest reason, comment or note kept: a paragraph, not a report.
pub const TEXT_MAX: usize = 500;

impl ReviewStep {
    pub const ALL: [ReviewStep; 3] = [
        ReviewStep::Village,
        ReviewStep::Township,
        ReviewStep::County,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ReviewStep::Village => "village",
            ReviewStep::Township => "township",
            ReviewStep::County => "county",
        }
    }

    pub fn from_code(code: &str) -> Option<ReviewStep> {
        ReviewStep::ALL.into_iter().find(|s| s.code() == code)
    }

    /// As the messages say it (the UI labels the code itself).
    pub fn label(self) -> &'static str {
        match self {
            ReviewStep::Village => "村推荐",
            ReviewStep::Township => "乡镇审核",
            ReviewStep::County => "县评审",
        }
    }
}

impl Opinion {
    pub fn code(self) -> &'static str {
        match self {
            Opinion::Agree => "agree",
            Opinion::Disagree => "disagree",
        }
    }

    pub fn from_code(code: &str) -> Option<Opinion> {
        [Opinion::Agree, Opinion::Disagree]
            .into_iter()
            .find(|o| o.code() == code)
    }
}

impl Decision {
    pub fn code(self) -> &'static str {
        match self {
            Decision::Approved => "approved",
            Decision::Rejected => "rejected",
        }
    }

    /// The stored column: '' while undecided.
    pub fn from_code(code: &str) -> Option<Decision> {
        [Decision::Approved, Decision::Rejected]
            .into_iter()
            .find(|d| d.code() == code)
    }
}

/// A date of the money loop as typed: a date, and not after today (a record of what happened).
pub fn past_date(
    raw: &str,
    field: &'static str,
    label: &str,
    today: NaiveDate,
) -> Result<NaiveDate, Invalid> {
    let date = parse_date(raw, field, label)?;
    if date > today {
        return Err(Invalid::new(
            Code::DATE_INVALID,
            field,
            format!(
                "{label} {} 晚于今天（{}），请填写实际发生的日期。",
                format_date_zh(date),
                format_date_zh(today)
            ),
        ));
    }
    Ok(date)
}

/// A date that may not come before `earlier` (a review before the application, a decision
/// before it): refused on `field`, naming both.
pub fn not_before(
    date: NaiveDate,
    earlier: NaiveDate,
    field: &'static str,
    what: &str,
    earlier_what: &str,
) -> Result<(), Invalid> {
    if date < earlier {
        return Err(Invalid::new(
            Code::DATE_INVALID,
            field,
            format!(
                "{what} {} 早于{earlier_what} {}，请核对日期。",
                format_date_zh(date),
                format_date_zh(earlier)
            ),
        ));
    }
    Ok(())
}

/// The investment an operator declares, when given: yuan, positive, to the fen.
pub fn investment(raw: &Option<String>) -> Result<Option<Decimal>, Invalid> {
    match raw.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(text) => {
            let amount = parse_yuan(text, "investment")?;
            super::check_amount(amount, "investment")?;
            Ok(Some(amount))
        }
    }
}

/// The parts of an application checked without the records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApplicationFacts {
    pub applied: NaiveDate,
    pub investment: Option<Decimal>,
    pub notes: String,
}

/// Checks the date, investment and notes of an application, keeping every problem in
/// `problems`; `None` when one failed.
pub fn application_facts(
    applied_date: &str,
    investment_raw: &Option<String>,
    notes: &str,
    today: NaiveDate,
    problems: &mut Problems,
) -> Option<ApplicationFacts> {
    let applied = problems.take(past_date(applied_date, "appliedDate", "申报日期", today));
    let investment = problems.take(investment(investment_raw));
    let notes = problems.take(optional_text(notes, "notes", "备注", TEXT_MAX));
    Some(ApplicationFacts {
        applied: applied?,
        investment: investment?,
        notes: notes?,
    })
}

/// A review may come only when every earlier step has one (village → township → county); a
/// step may be reviewed again (the latest counts).
pub fn review_order(reviewed: &[ReviewStep], step: ReviewStep) -> Result<(), Invalid> {
    let missing: Vec<&str> = ReviewStep::ALL
        .into_iter()
        .filter(|s| *s < step && !reviewed.contains(s))
        .map(ReviewStep::label)
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    Err(Invalid::new(
        Code::FUND_REVIEW_ORDER,
        "step",
        format!(
            "申报按 村推荐 → 乡镇审核 → 县评审 的顺序审核，这份申报还没有{}，不能先做{}。请先录入前面的审核意见。",
            missing.join("、"),
            step.label()
        ),
    ))
}

/// The county assessment's score, when given: a number from 0 to 100 (e.g. "86.5").
pub fn score(raw: &Option<String>) -> Result<Option<String>, Invalid> {
    let text = match raw.as_deref().map(str::trim) {
        None | Some("") => return Ok(None),
        Some(text) => text,
    };
    let valid = Decimal::from_str_exact(text)
        .ok()
        .filter(|s| *s >= Decimal::ZERO && *s <= Decimal::ONE_HUNDRED);
    match valid {
        Some(s) => Ok(Some(s.normalize().to_string())),
        None => Err(Invalid::new(
            Code::FUND_REVIEW_SCORE,
            "score",
            format!("评分“{text}”应为 0 到 100 之间的数字，例如 86.5。"),
        )),
    }
}

/// The review's reviewer and comment, checked.
pub fn review_texts(
    reviewer: &str,
    comment: &str,
    problems: &mut Problems,
) -> Option<(String, String)> {
    let reviewer = problems.take(required_name(reviewer, "reviewer", "审核人"));
    let comment = problems.take(optional_text(comment, "comment", "审核意见", TEXT_MAX));
    Some((reviewer?, comment?))
}

/// A rejection needs its reason; an approval may carry a note.
pub fn decision_reason(decision: Decision, raw: &str) -> Result<String, Invalid> {
    let reason = optional_text(raw, "reason", "理由", TEXT_MAX)?;
    if decision == Decision::Rejected && reason.is_empty() {
        return Err(Invalid::new(
            Code::FUND_DECISION_REASON,
            "reason",
            "不予扶持须写明理由（例如：不符合申报条件、材料不全），申报人和公示都会看到。",
        ));
    }
    Ok(reason)
}

/// What the county should know before it decides: a step without a review, or a step whose
/// latest review disagreed. `reviews` in the order they were given.
pub fn decision_warnings(reviews: &[Review]) -> Vec<Warning> {
    let mut warnings = Vec::new();
    let missing: Vec<&str> = ReviewStep::ALL
        .into_iter()
        .filter(|s| !reviews.iter().any(|r| r.step == *s))
        .map(ReviewStep::label)
        .collect();
    if !missing.is_empty() {
        warnings.push(Warning::from(Invalid::new(
            Code::FUND_REVIEW_MISSING,
            "reviews",
            format!(
                "这份申报没有{}的意见，请确认审核程序已走完。",
                missing.join("、")
            ),
        )));
    }
    let disagreed: Vec<String> = ReviewStep::ALL
        .into_iter()
        .filter_map(|s| reviews.iter().rev().find(|r| r.step == s))
        .filter(|r| r.opinion == Opinion::Disagree)
        .map(|r| format!("{}（{}）", r.step.label(), r.reviewer))
        .collect();
    if !disagreed.is_empty() {
        warnings.push(Warning::from(Invalid::new(
            Code::FUND_REVIEW_DISAGREED,
            "reviews",
            format!(
                "{}的意见是不同意，请确认县里的决定已考虑。",
                disagreed.join("、")
            ),
        )));
    }
    warnings
}

/// The refusal of an operator barred from the county's funds: says until when, and from which
/// day it may apply again.
pub fn banned(operator: &str, reason: &str, end: NaiveDate, field: &'static str) -> Invalid {
    Invalid::new(
        Code::FUND_OPERATOR_BANNED,
        field,
        format!(
            "“{operator}”因“{reason}”被取消资格、禁止申报县级扶持资金，禁止期至 {} 止，届时起方可再次申报。",
            format_date_zh(end)
        ),
    )
}

/// A ban's or a lift's reason: required.
pub fn ban_reason(raw: &str, code: Code, what: &str) -> Result<String, Invalid> {
    required_text(raw, "reason", what, TEXT_MAX).map_err(|e| match e.code {
        Code::NAME_EMPTY => Invalid::new(
            code,
            "reason",
            format!(
                "请写明{what}（例如：弄虚作假骗取补助资金、验收不合格），县里和申报人都会看到。"
            ),
        ),
        _ => e,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn review(step: ReviewStep, opinion: Opinion) -> Review {
        Review {
            id: String::new(),
            step,
            reviewer: "张三".into(),
            review_date: "2019-06-01".into(),
            opinion,
            comment: String::new(),
            score: None,
        }
    }

    #[test]
    fn steps_come_in_order_and_may_be_repeated() {
        use ReviewStep::*;
        let table: [(&[ReviewStep], ReviewStep, bool); 7] = [
            (&[], Village, true),
            (&[], Township, false),
            (&[], County, false),
            (&[Village], Township, true),
            (&[Village], County, false),
            (&[Village, Township], County, true),
            (&[Village, Township, County], County, true),
        ];
        for (reviewed, step, allowed) in table {
            let result = review_order(reviewed, step);
            assert_eq!(result.is_ok(), allowed, "{reviewed:?} then {step:?}");
            if let Err(e) = result {
                assert_eq!(e.code, Code::FUND_REVIEW_ORDER);
            }
        }
        let refused = review_order(&[Village], County).unwrap_err();
        assert!(
            refused.message.contains("还没有乡镇审核"),
            "{}",
            refused.message
        );
    }

    #[test]
    fn a_decision_is_warned_of_missing_steps_and_of_the_latest_disagreement() {
        use Opinion::*;
        use ReviewStep::*;
        assert!(decision_warnings(&[
            review(Village, Agree),
            review(Township, Agree),
            review(County, Agree)
        ])
        .is_empty());
        let codes = |w: Vec<Warning>| w.into_iter().map(|w| w.code).collect::<Vec<_>>();
        assert_eq!(
            codes(decision_warnings(&[review(Village, Agree)])),
            [Code::FUND_REVIEW_MISSING]
        );
        // The county scored twice: the latest (agree) counts.
        assert!(decision_warnings(&[
            review(Village, Agree),
            review(Township, Agree),
            review(County, Disagree),
            review(County, Agree)
        ])
        .is_empty());
        assert_eq!(
            codes(decision_warnings(&[
                review(Village, Agree),
                review(Township, Disagree),
                review(County, Agree)
            ])),
            [Code::FUND_REVIEW_DISAGREED]
        );
    }

    #[test]
    fn dates_scores_and_reasons_as_typed() {
        let today = d("2019-06-10");
        assert_eq!(
            past_date("2019/6/10", "appliedDate", "申报日期", today),
            Ok(today)
        );
        let future = past_date("2019-06-11", "appliedDate", "申报日期", today).unwrap_err();
        assert_eq!(
            (future.code, future.field),
            (Code::DATE_INVALID, "appliedDate")
        );
        assert!(future.message.contains("晚于今天"));
        assert_eq!(score(&Some(" 86.50 ".into())), Ok(Some("86.5".into())));
        assert_eq!(score(&None), Ok(None));
        for bad in ["101", "-1", "八十"] {
            assert_eq!(
                score(&Some(bad.into())).unwrap_err().code,
                Code::FUND_REVIEW_SCORE
            );
        }
        assert_eq!(
            decision_reason(Decision::Rejected, "  ").unwrap_err().code,
            Code::FUND_DECISION_REASON
        );
        assert_eq!(decision_reason(Decision::Approved, ""), Ok(String::new()));
        assert_eq!(
            investment(&Some("-5".into())).unwrap_err().code,
            Code::FUND_AMOUNT
        );
        assert_eq!(
            investment(&Some("1.005".into())).unwrap_err().code,
            Code::MONEY_PRECISION
        );
        assert_eq!(
            ban_reason(" ", Code::FUND_BAN_LIFT_REASON, "解除理由")
                .unwrap_err()
                .code,
            Code::FUND_BAN_LIFT_REASON
        );
    }

    #[test]
    fn a_ban_names_the_day_the_operator_may_apply_again() {
        let refusal = banned("某网店", "弄虚作假", d("2022-12-20"), "operatorId");
        assert_eq!(refusal.code, Code::FUND_OPERATOR_BANNED);
        assert!(
            refusal.message.contains("2022年12月20日"),
            "{}",
            refusal.message
        );
    }
}
