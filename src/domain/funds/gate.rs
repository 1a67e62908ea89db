//! The payment gate: may this tranche of this award be paid now, and if not, every reason why.
//! Pure: the store gathers the facts (`GateFacts`) from the records, this module judges them,
//! so the rules are tested as a table (`tests`) without a database.
//!
//! - Every tranche: the award decided, the contract signed, no recovery order or ban on the
//!   operator, and every earlier tranche paid.
//! - A tranche paid on acceptance (the 20 % balance, the 10 % 尾款) also needs: the acceptance
//!   passed (the township's check, and the county's re-check when the operator was drawn), the
//!   economic indicators at least the programme's share of the contracted targets (where the
//!   programme sets one), the results notice ended with no open objection, and the accepted
//!   records locked.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

use super::super::format_date_zh;
use super::super::programmes::Conclusion;
use crate::Code;

/// An inspection the gate looks at: the operator's latest of a stage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InspectionFact {
    pub date: NaiveDate,
    pub conclusion: Conclusion,
    /// Locked by the county (accepted records cannot change after payment).
    pub locked: bool,
}

/// One contracted target against what acceptance measured.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndicatorFact {
    pub label: String,
    pub contracted: Decimal,
    /// `None` when acceptance recorded no value for it.
    pub actual: Option<Decimal>,
    pub unit: String,
}

/// The acceptance results notice (验收结果公示) that names the operator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeFact {
    pub title: String,
    pub end_date: NaiveDate,
    pub open_objections: u32,
}

/// Everything the gate decides on, for one tranche of one award.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GateFacts {
    pub today: NaiveDate,
    /// 1-based.
    pub tranche: usize,
    /// Whether this tranche waits for acceptance (`Tranche::on_acceptance`).
    pub on_acceptance: bool,
    pub decided: bool,
    pub contract_signed: bool,
    /// Earlier tranches not yet paid (1-based).
    pub unpaid_earlier: Vec<usize>,
    /// An open recovery order on the award (the operator was disqualified).
    pub recovery_ordered: bool,
    /// The operator is barred from the county's funds until this day.
    pub banned_until: Option<NaiveDate>,
    /// The township's check (乡镇初验 or 县级验收, whichever is latest).
    pub acceptance: Option<InspectionFact>,
    /// The operator was drawn for the county's re-check.
    pub recheck_drawn: bool,
    pub recheck: Option<InspectionFact>,
    /// The least share of each contracted target (0.8), when the programme sets one.
    pub indicator_share_min: Option<Decimal>,
    pub indicators: Vec<IndicatorFact>,
    pub notice: Option<NoticeFact>,
}

/// One unmet condition: its code and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct GateProblem {
    pub code: Code,
    pub message: String,
}

/// Every condition this tranche does not meet, in the order of the loop; empty when it may be
/// paid.
pub fn unmet(f: &GateFacts) -> Vec<GateProblem> {
    let mut out = Vec::new();
    let mut push = |code: Code, message: String| out.push(GateProblem { code, message });
    if !f.decided {
        push(
            Code::FUND_GATE_NOT_DECIDED,
            "扶持资金尚未由县确定。请先审定申报并确定扶持对象。".into(),
        );
    }
    if !f.contract_signed {
        push(
            Code::FUND_GATE_NO_CONTRACT,
            "合同尚未签订。请录入签订日期并上传合同扫描件后再拨付。".into(),
        );
    }
    if f.recovery_ordered {
        push(
            Code::FUND_GATE_RECOVERY,
            "该扶持资金已下达追回决定，不能再拨付。".into(),
        );
    }
    if let Some(until) = f.banned_until.filter(|until| f.today < *until) {
        push(
            Code::FUND_GATE_BANNED,
            format!(
                "实施主体已被取消资格，禁止申报至 {}，期间不能拨付。",
                format_date_zh(until)
            ),
        );
    }
    if !f.unpaid_earlier.is_empty() {
        let list: Vec<String> = f
            .unpaid_earlier
            .iter()
            .map(|t| format!("第 {t} 笔"))
            .collect();
        push(
            Code::FUND_GATE_PREVIOUS_TRANCHE,
            format!("{}尚未拨付，应按顺序拨付。", list.join("、")),
        );
    }
    if !f.on_acceptance {
        return out;
    }
    match &f.acceptance {
        None => push(
            Code::FUND_GATE_NO_ACCEPTANCE,
            "还没有验收记录。请先完成乡镇验收（核验结论为合格）。".into(),
        ),
        Some(a) if a.conclusion != Conclusion::Pass => push(
            Code::FUND_GATE_ACCEPTANCE_FAILED,
            format!(
                "{}的验收结论为“{}”，验收合格后才能拨付。",
                format_date_zh(a.date),
                a.conclusion.label()
            ),
        ),
        Some(_) => {}
    }
    if f.recheck_drawn {
        match &f.recheck {
            None => push(
                Code::FUND_GATE_RECHECK_MISSING,
                "该实施主体被抽中县级复核，复核尚未完成。".into(),
            ),
            Some(r) if r.conclusion != Conclusion::Pass => push(
                Code::FUND_GATE_RECHECK_FAILED,
                format!(
                    "{}的县级复核结论为“{}”，复核合格后才能拨付。",
                    format_date_zh(r.date),
                    r.conclusion.label()
                ),
            ),
            Some(_) => {}
        }
    }
    if let Some(share) = f.indicator_share_min {
        let short: Vec<String> = f
            .indicators
            .iter()
            .filter_map(|i| match i.actual {
                None => Some(format!("{}未记录实际值", i.label)),
                Some(actual) if actual < i.contracted * share => Some(format!(
                    "{}实际 {}{}，不足合同 {}{} 的 {}%",
                    i.label,
                    actual.normalize(),
                    i.unit,
                    i.contracted.normalize(),
                    i.unit,
                    (share * Decimal::ONE_HUNDRED).normalize()
                )),
                Some(_) => None,
            })
            .collect();
        if !short.is_empty() {
            push(
                Code::FUND_GATE_INDICATORS,
                format!("经济指标未达到合同要求：{}。", short.join("；")),
            );
        }
    }
    match &f.notice {
        None => push(
            Code::FUND_GATE_NO_NOTICE,
            "验收结果尚未公示。请发布包含该实施主体的验收结果公示（不少于 10 天）。".into(),
        ),
        Some(n) => {
            if f.today <= n.end_date {
                push(
                    Code::FUND_GATE_NOTICE_RUNNING,
                    format!(
                        "公示“{}”到 {} 结束，公示期满后才能拨付。",
                        n.title,
                        format_date_zh(n.end_date)
                    ),
                );
            }
            if n.open_objections > 0 {
                push(
                    Code::FUND_GATE_OBJECTION_OPEN,
                    format!(
                        "公示“{}”有 {} 条异议尚未处理，处理完毕后才能拨付。",
                        n.title, n.open_objections
                    ),
                );
            }
        }
    }
    let unlocked = [&f.acceptance, &f.recheck]
        .into_iter()
        .flatten()
        .any(|i| !i.locked);
    if unlocked {
        push(
            Code::FUND_GATE_NOT_LOCKED,
            "验收记录尚未锁定。请由县锁定验收（和复核）记录，防止拨付后被修改。".into(),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn passed(locked: bool) -> InspectionFact {
        InspectionFact {
            date: date("2019-11-20"),
            conclusion: Conclusion::Pass,
            locked,
        }
    }

    /// A balance tranche with every condition met.
    fn all_met() -> GateFacts {
        GateFacts {
            today: date("2019-12-20"),
            tranche: 2,
            on_acceptance: true,
            decided: true,
            contract_signed: true,
            unpaid_earlier: vec![],
            recovery_ordered: false,
            banned_until: None,
            acceptance: Some(passed(true)),
            recheck_drawn: true,
            recheck: Some(passed(true)),
            indicator_share_min: Some(Decimal::new(8, 1)),
            indicators: vec![IndicatorFact {
                label: "销售额".into(),
                contracted: Decimal::new(10_000, 0),
                actual: Some(Decimal::new(8_000, 0)),
                unit: "元".into(),
            }],
            notice: Some(NoticeFact {
                title: "验收结果公示".into(),
                end_date: date("2019-12-10"),
                open_objections: 0,
            }),
        }
    }

    type Breaker = fn(&mut GateFacts);

    /// Each condition missing alone, and the one code it must be refused with.
    const MATRIX: &[(&str, Breaker, Code)] = &[
        (
            "not decided",
            |f| f.decided = false,
            Code::FUND_GATE_NOT_DECIDED,
        ),
        (
            "no contract",
            |f| f.contract_signed = false,
            Code::FUND_GATE_NO_CONTRACT,
        ),
        (
            "recovery ordered",
            |f| f.recovery_ordered = true,
            Code::FUND_GATE_RECOVERY,
        ),
        (
            "banned",
            |f| f.banned_until = Some(date("2022-12-01")),
            Code::FUND_GATE_BANNED,
        ),
        (
            "earlier tranche unpaid",
            |f| f.unpaid_earlier = vec![1],
            Code::FUND_GATE_PREVIOUS_TRANCHE,
        ),
        (
            "no acceptance",
            |f| f.acceptance = None,
            Code::FUND_GATE_NO_ACCEPTANCE,
        ),
        (
            "acceptance failed",
            |f| f.acceptance.as_mut().unwrap().conclusion = Conclusion::Fail,
            Code::FUND_GATE_ACCEPTANCE_FAILED,
        ),
        (
            "acceptance to rectify",
            |f| f.acceptance.as_mut().unwrap().conclusion = Conclusion::Rectify,
            Code::FUND_GATE_ACCEPTANCE_FAILED,
        ),
        (
            "drawn, not re-checked",
            |f| f.recheck = None,
            Code::FUND_GATE_RECHECK_MISSING,
        ),
        (
            "re-check failed",
            |f| f.recheck.as_mut().unwrap().conclusion = Conclusion::Fail,
            Code::FUND_GATE_RECHECK_FAILED,
        ),
        (
            "indicators below 80 %",
            |f| f.indicators[0].actual = Some(Decimal::new(799_999, 2)),
            Code::FUND_GATE_INDICATORS,
        ),
        (
            "indicator not measured",
            |f| f.indicators[0].actual = None,
            Code::FUND_GATE_INDICATORS,
        ),
        (
            "no results notice",
            |f| f.notice = None,
            Code::FUND_GATE_NO_NOTICE,
        ),
        (
            "notice still running",
            |f| f.notice.as_mut().unwrap().end_date = date("2019-12-20"),
            Code::FUND_GATE_NOTICE_RUNNING,
        ),
        (
            "objection open",
            |f| f.notice.as_mut().unwrap().open_objections = 1,
            Code::FUND_GATE_OBJECTION_OPEN,
        ),
        (
            "acceptance not locked",
            |f| f.acceptance.as_mut().unwrap().locked = false,
            Code::FUND_GATE_NOT_LOCKED,
        ),
        (
            "re-check not locked",
            |f| f.recheck.as_mut().unwrap().locked = false,
            Code::FUND_GATE_NOT_LOCKED,
        ),
    ];

    #[test]
    fn all_conditions_met_may_be_paid() {
        assert_eq!(unmet(&all_met()), vec![]);
    }

    #[test]
    fn each_condition_missing_alone_is_refused_with_its_code() {
        for (name, breaks, code) in MATRIX {
            let mut facts = all_met();
            breaks(&mut facts);
            let codes: Vec<Code> = unmet(&facts).iter().map(|p| p.code).collect();
            assert_eq!(codes, vec![*code], "{name}");
        }
    }

    #[test]
    fn every_unmet_condition_is_named_at_once() {
        let mut facts = all_met();
        for (_, breaks, _) in MATRIX.iter().filter(|(n, _, _)| {
            ["no contract", "indicators below 80 %", "objection open"].contains(n)
        }) {
            breaks(&mut facts);
        }
        let codes: Vec<Code> = unmet(&facts).iter().map(|p| p.code).collect();
        assert_eq!(
            codes,
            vec![
                Code::FUND_GATE_NO_CONTRACT,
                Code::FUND_GATE_INDICATORS,
                Code::FUND_GATE_OBJECTION_OPEN
            ]
        );
    }

    #[test]
    fn the_first_tranche_needs_only_the_decision_and_the_contract() {
        let mut facts = all_met();
        facts.tranche = 1;
        facts.on_acceptance = false;
        facts.acceptance = None;
        facts.recheck = None;
        facts.notice = None;
        assert_eq!(unmet(&facts), vec![]);
        facts.contract_signed = false;
        assert_eq!(unmet(&facts)[0].code, Code::FUND_GATE_NO_CONTRACT);
    }

    #[test]
    fn not_drawn_needs_no_recheck_and_no_share_needs_no_indicators() {
        let mut facts = all_met();
        facts.recheck_drawn = false;
        facts.recheck = None;
        facts.indicator_share_min = None;
        facts.indicators[0].actual = None;
        assert_eq!(unmet(&facts), vec![]);
    }

    #[test]
    fn a_ban_that_ended_does_not_block() {
        let mut facts = all_met();
        facts.banned_until = Some(facts.today);
        assert_eq!(unmet(&facts), vec![]);
    }

    #[test]
    fn the_notice_ends_on_its_last_day() {
        let mut facts = all_met();
        let end = facts.notice.as_ref().unwrap().end_date;
        facts.today = end;
        assert_eq!(unmet(&facts)[0].code, Code::FUND_GATE_NOTICE_RUNNING);
        facts.today = end.succ_opt().unwrap();
        assert_eq!(unmet(&facts), vec![]);
    }
}
