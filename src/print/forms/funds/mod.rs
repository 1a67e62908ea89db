//! The fund forms of a programme (issue 14, item 8): the disbursement list (资金拨付明细表),
//! the recovery notice (追回通知书), the fund status (资金使用情况表) and the application
//! form (项目申报审批表, issue 16). Built from the DTOs
//! the fund screens show (`domain::funds::model`), never recomputed: the gate's verdict, the
//! tranche amounts and the totals are the store's.

mod application;
mod disbursements;
mod recovery;
mod status;

pub use application::{application_form, ApplicationFormData};
pub use disbursements::disbursement_list;
pub use recovery::recovery_notice;
pub use status::fund_status_form;

use rust_decimal::Decimal;

use crate::domain::funds::listing::{amount_of as amount, yuan_text as yuan};

/// The sum of amounts given as text (those that are not amounts count nothing).
fn sum<'a>(raws: impl IntoIterator<Item = &'a str>) -> Decimal {
    raws.into_iter().filter_map(amount).sum()
}
