//! The fund forms of a programme (issue 14, item 8): the disbursement list (资金拨付明细表),
//! the recovery notice (追回通知书) and the fund status (资金使用情况表). Built from the DTOs
//! the fund screens show (`domain::funds::model`), never recomputed: the gate's verdict, the
//! tranche amounts and the totals are the store's.

mod disbursements;
mod recovery;
mod status;

pub use disbursements::disbursement_list;
pub use recovery::recovery_notice;
pub use status::fund_status_form;

use std::str::FromStr;

use rust_decimal::Decimal;

use crate::domain::money::yuan_grouped;
use crate::Code;

/// Yuan as the forms print it (12,345.00); text that is not an amount is printed as it is.
fn yuan(raw: &str) -> String {
    amount(raw)
        .map(yuan_grouped)
        .unwrap_or_else(|| raw.to_string())
}

fn amount(raw: &str) -> Option<Decimal> {
    Decimal::from_str(raw.trim()).ok()
}

/// The sum of amounts given as text (those that are not amounts count nothing).
fn sum<'a>(raws: impl IntoIterator<Item = &'a str>) -> Decimal {
    raws.into_iter().filter_map(amount).sum()
}

/// A gate condition as a cell of the disbursement list says it: a few characters, the full
/// message is on the screen and in `funds gate`.
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
