//! Funds (资金): the county's accountability loop. An operator applies to a programme in a
//! class (申报), reviewers give their opinions, the county decides; an award fixes the amount
//! the programme's rule allows and the contract's targets; tranches are paid only through the
//! gate; failed acceptance or falsified materials lead to a recovery order and a ban.
//!
//! Pure: `amounts` (what an award may be and its tranches), `gate` (whether a tranche may be
//! paid), `status` and `shares` (a programme's money by line, the special fund's shares by
//! what was awarded). The records and their SQL are in `store/records/funds/`.

pub mod amounts;
pub mod applications;
pub mod budget;
pub mod gate;
pub mod inputs;
pub mod listing;
pub mod model;
pub mod shares;
pub mod status;

pub use amounts::{
    award_bounds, award_class, award_classes, check_amount, check_award_amount, tranche_amounts,
    AwardClass, BUDGET_CLASS, STATION_CLASS,
};
pub use budget::{programme_budget, sub_budgets, SubBudget};
pub use gate::{unmet, GateFacts, GateProblem, IndicatorFact, InspectionFact, NoticeFact};
pub use inputs::{check_targets, fund_amount, optional_fund_amount};
pub use model::*;
pub use status::{over_budget, AwardMoney, Tally};
