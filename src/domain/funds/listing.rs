//! How a disbursement list states an award's tranches, the same on paper
//! (`print::forms::funds`) and in the spreadsheet (`sheets::funds`): the village, the batch
//! (第1笔 80%), whether the tranche may be paid (已拨付 / 可拨付 / 特批可拨付 / 不可拨付：the unmet
//! conditions, short), and the remarks (the override, reversals, recovery orders).

use std::str::FromStr;

use rust_decimal::Decimal;

use super::model::{Award, TrancheState};
use crate::domain::money::yuan_grouped;
use crate::domain::{format_date_zh, parse_date};
use crate::Code;

/// An amount given as text (the DTOs' "4320.00").
pub fn amount_of(raw: &str) -> Option<Decimal> {
    Decimal::from_str(raw.trim()).ok()
}

/// Yuan as lists print them (12,345.00); text that is not an amount as it is.
pub fn yuan_text(raw: &str) -> String {
    amount_of(raw)
        .map(yuan_grouped)
        .unwrap_or_else(|| raw.to_string())
}

/// "2019-08-12" → "2019年8月12日"; text that is not a date as it is.
fn date_text(raw: &str) -> String {
    parse_date(raw, "date", "日期").map_or_else(|_| raw.to_string(), format_date_zh)
}

/// The awards township by township, each township where its first award comes (the store's
/// order), the awards of a township in their order.
pub fn by_township(awards: &[Award]) -> Vec<Vec<&Award>> {
    let mut groups: Vec<Vec<&Award>> = Vec::new();
    for award in awards {
        match groups
            .iter_mut()
            .find(|g| g[0].township_id == award.township_id)
        {
            Some(group) => group.push(award),
            None => groups.push(vec![award]),
        }
    }
    groups
}

/// The village of an award: its place without the township's name in front.
pub fn village(award: &Award) -> String {
    let place = award.place.trim();
    place
        .strip_prefix(award.township_name.as_str())
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .unwrap_or(place)
        .to_string()
}

/// The tranche's share without the % sign: "80", "12.5".
pub fn percent_text(t: &TrancheState) -> String {
    let percent = t.percent.trim().trim_end_matches('%');
    amount_of(percent).map_or_else(|| percent.to_string(), |p| p.normalize().to_string())
}

/// "第1笔 80%".
pub fn batch(t: &TrancheState) -> String {
    format!("第{}笔 {}%", t.tranche, percent_text(t))
}

/// What was paid on the tranche net of reversals, when anything was.
pub fn paid_amount(t: &TrancheState) -> Option<Decimal> {
    amount_of(&t.paid).filter(|p| *p > Decimal::ZERO)
}

/// A gate condition as a cell of the list says it: a few characters; the full message is on
/// the screen and in `funds gate`.
pub fn gate_short(code: Code) -> &'static str {
    match code {
        Code::FUND_GATE_NOT_DECIDED => "未确定扶持",
        Code::FUND_GATE_NO_CONTRACT => "未签合同",
        Code::FUND_GATE_RECOVERY => "已下达追回",
        Code::FUND_GATE_BANNED => "已取消资格",
        Code::FUND_GATE_PREVIOUS_TRANCHE => "前笔未拨",
        Code::FUND_GATE_NO_ACCEPTANCE => "未验收",
        Code::FUND_GATE_ACCEPTANCE_FAILED => "验收不合格",
        Code::FUND_GATE_RECHECK_MISSING => "县级复核未完成",
        Code::FUND_GATE_RECHECK_FAILED => "县级复核不合格",
        Code::FUND_GATE_INDICATORS => "经济指标未达标",
        Code::FUND_GATE_NO_NOTICE => "结果未公示",
        Code::FUND_GATE_NOTICE_RUNNING => "公示未结束",
        Code::FUND_GATE_OBJECTION_OPEN => "异议未处理",
        Code::FUND_GATE_NOT_LOCKED => "验收记录未锁定",
        _ => "其他条件未满足",
    }
}

/// 拨付条件: 已拨付, 可拨付, 特批可拨付 (the county waived the gate), or 不可拨付 with every
/// unmet condition once.
pub fn condition(t: &TrancheState) -> String {
    if paid_amount(t).is_some() {
        return "已拨付".into();
    }
    if t.unmet.is_empty() {
        return "可拨付".into();
    }
    if t.override_note.is_some() {
        return "特批可拨付".into();
    }
    let mut shorts: Vec<&str> = Vec::new();
    for problem in &t.unmet {
        let short = gate_short(problem.code);
        if !shorts.contains(&short) {
            shorts.push(short);
        }
    }
    format!("不可拨付：{}", shorts.join("、"))
}

/// 备注: the override (特批：reason，officer，date), reversals of the tranche's payments and,
/// on an award's first row (`first`), its recovery orders.
pub fn remarks(award: &Award, t: &TrancheState, first: bool) -> String {
    let mut notes = Vec::new();
    if let Some(note) = t.override_note.as_deref().map(str::trim) {
        if !note.is_empty() {
            notes.push(if note.contains("特批") {
                note.to_string()
            } else {
                format!("特批：{note}")
            });
        }
    }
    for d in &award.disbursements {
        if d.tranche == t.tranche && d.reverses_id.is_some() {
            notes.push(format!(
                "{}冲销 {} 元",
                date_text(&d.paid_date),
                yuan_text(&d.amount)
            ));
        }
    }
    if first {
        for r in &award.recoveries {
            notes.push(format!(
                "{}决定追回 {} 元，已追回 {} 元",
                date_text(&r.decided_date),
                yuan_text(&r.amount),
                yuan_text(&r.recovered)
            ));
        }
    }
    notes.join("；")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::funds::GateProblem;

    fn tranche(paid: &str, unmet: &[Code], override_note: Option<&str>) -> TrancheState {
        TrancheState {
            tranche: 2,
            label: "验收合格后".into(),
            percent: "20".into(),
            on_acceptance: true,
            amount: "884.00".into(),
            paid: paid.into(),
            paid_date: None,
            voucher_no: String::new(),
            unmet: unmet
                .iter()
                .map(|code| GateProblem {
                    code: *code,
                    message: String::new(),
                })
                .collect(),
            override_note: override_note.map(Into::into),
        }
    }

    #[test]
    fn the_condition_of_a_tranche_table() {
        use Code::*;
        let cases: &[(&str, &[Code], Option<&str>, &str)] = &[
            ("884.00", &[], None, "已拨付"),
            // Paid through an override: paid is what counts.
            ("884.00", &[], Some("特批"), "已拨付"),
            ("0.00", &[], None, "可拨付"),
            ("", &[], None, "可拨付"),
            // Reversed to nothing: may be paid again when the gate allows.
            ("0.00", &[FUND_GATE_NO_ACCEPTANCE], None, "不可拨付：未验收"),
            (
                "0.00",
                &[
                    FUND_GATE_ACCEPTANCE_FAILED,
                    FUND_GATE_ACCEPTANCE_FAILED,
                    FUND_GATE_NOT_LOCKED,
                ],
                None,
                "不可拨付：验收不合格、验收记录未锁定",
            ),
            (
                "0.00",
                &[FUND_GATE_NOTICE_RUNNING],
                Some("特批"),
                "特批可拨付",
            ),
        ];
        for (paid, unmet, note, want) in cases {
            assert_eq!(
                condition(&tranche(paid, unmet, *note)),
                *want,
                "{paid} {unmet:?}"
            );
        }
    }

    #[test]
    fn every_gate_code_has_its_own_short_text() {
        use Code::*;
        let gate = [
            FUND_GATE_NOT_DECIDED,
            FUND_GATE_NO_CONTRACT,
            FUND_GATE_RECOVERY,
            FUND_GATE_BANNED,
            FUND_GATE_PREVIOUS_TRANCHE,
            FUND_GATE_NO_ACCEPTANCE,
            FUND_GATE_ACCEPTANCE_FAILED,
            FUND_GATE_RECHECK_MISSING,
            FUND_GATE_RECHECK_FAILED,
            FUND_GATE_INDICATORS,
            FUND_GATE_NO_NOTICE,
            FUND_GATE_NOTICE_RUNNING,
            FUND_GATE_OBJECTION_OPEN,
            FUND_GATE_NOT_LOCKED,
        ];
        let mut shorts: Vec<&str> = gate.iter().map(|c| gate_short(*c)).collect();
        assert!(!shorts.contains(&gate_short(FUND_AMOUNT)), "{shorts:?}");
        shorts.sort();
        shorts.dedup();
        assert_eq!(shorts.len(), gate.len());
    }

    #[test]
    fn the_batch_and_the_village() {
        let mut t = tranche("", &[], None);
        assert_eq!(batch(&t), "第2笔 20%");
        t.percent = "12.50%".into();
        assert_eq!(batch(&t), "第2笔 12.5%");
        assert_eq!(percent_text(&t), "12.5");
    }
}
