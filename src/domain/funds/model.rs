//! What the fund screens, the CLI and the printed forms read and what they send: the inputs
//! (JSON on the CLI's stdin, IPC arguments) and the records as shown. Money travels as text
//! with two decimals ("4320.00"), dates as YYYY-MM-DD; the UI labels the codes.

use serde::{Deserialize, Serialize};

use super::gate::GateProblem;

/// A step of the review of an application, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ReviewStep {
    /// 村推荐
    Village,
    /// 乡镇审核
    Township,
    /// 县评审
    County,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Opinion {
    Agree,
    Disagree,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Approved,
    Rejected,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// 营业执照
    Licence,
    /// 身份证复印件
    IdCopy,
    /// 申报表
    Form,
    Photo,
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum RecoveryGrounds {
    /// 验收不合格
    FailedAcceptance,
    /// 弄虚作假
    Falsified,
    Other,
}

/// A document attached to an application: a stored attachment (`sha256`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ApplicationDocument {
    pub kind: DocumentKind,
    pub sha256: String,
    #[serde(default)]
    pub name: String,
}

/// `funds apply`: an operator applies to a programme in one class.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ApplicationInput {
    pub programme_id: String,
    pub operator_id: String,
    pub class_key: String,
    pub applied_date: String,
    #[serde(default)]
    pub documents: Vec<ApplicationDocument>,
    /// Yuan, for a share-of-investment rule.
    #[serde(default)]
    pub investment: Option<String>,
    #[serde(default)]
    pub notes: String,
}

/// `funds review`: one reviewer's opinion at one step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReviewInput {
    pub application_id: String,
    pub step: ReviewStep,
    pub reviewer: String,
    pub review_date: String,
    pub opinion: Opinion,
    #[serde(default)]
    pub comment: String,
    /// The county assessment's score, when it scores (e.g. "86.5").
    #[serde(default)]
    pub score: Option<String>,
}

/// `funds decide`: the county's decision; a rejection needs its reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DecisionInput {
    pub application_id: String,
    pub decision: Decision,
    #[serde(default)]
    pub reason: String,
    pub decided_by: String,
    pub decided_date: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Review {
    pub id: String,
    pub step: ReviewStep,
    pub reviewer: String,
    pub review_date: String,
    pub opinion: Opinion,
    pub comment: String,
    pub score: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Application {
    pub id: String,
    pub programme_id: String,
    pub programme_name: String,
    pub operator_id: String,
    pub operator_name: String,
    /// 镇 村
    pub place: String,
    pub township_id: String,
    pub class_key: String,
    pub class_label: String,
    pub applied_date: String,
    pub documents: Vec<ApplicationDocument>,
    pub investment: Option<String>,
    pub reviews: Vec<Review>,
    pub decision: Option<Decision>,
    pub decision_reason: String,
    pub decided_by: String,
    pub decided_date: Option<String>,
    /// The award made on it, once made.
    pub award_id: Option<String>,
    pub notes: String,
    pub status: String,
}

/// A contracted target: sales, households linked, employees, turnover …
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ContractTarget {
    /// Matches the acceptance checklist item (or computed value) that measures it.
    pub key: String,
    pub label: String,
    /// A number, as text ("10000").
    pub quantity: String,
    #[serde(default)]
    pub unit: String,
}

/// `funds award`: an award on an approved application.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AwardInput {
    pub application_id: String,
    /// Yuan; empty takes the class's fixed standard.
    #[serde(default)]
    pub amount: String,
    #[serde(default)]
    pub investment: Option<String>,
    pub decided_date: String,
    #[serde(default)]
    pub decided_by: String,
    #[serde(default)]
    pub targets: Vec<ContractTarget>,
    #[serde(default)]
    pub deadline: Option<String>,
    #[serde(default)]
    pub notes: String,
}

/// `funds contract`: the signed contract of an award.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ContractInput {
    pub award_id: String,
    pub contract_no: String,
    pub contract_date: String,
    /// The scan, a stored attachment.
    #[serde(default)]
    pub scan_sha256: Option<String>,
}

/// `funds pay`: one tranche of an award. The amount is the tranche's unless given (then it
/// must equal it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PaymentInput {
    pub award_id: String,
    /// 1-based.
    pub tranche: u32,
    #[serde(default)]
    pub amount: Option<String>,
    pub paid_date: String,
    #[serde(default)]
    pub voucher_no: String,
    #[serde(default)]
    pub payer: String,
    /// The override granted for this tranche, when the gate refuses it.
    #[serde(default)]
    pub override_id: Option<String>,
    #[serde(default)]
    pub notes: String,
}

/// `funds reverse`: a recorded correction of a payment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReversalInput {
    pub disbursement_id: String,
    pub date: String,
    pub reason: String,
}

/// `funds override`: the county waives the gate for one tranche, with its reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OverrideInput {
    pub award_id: String,
    pub tranche: u32,
    pub reason: String,
    pub officer: String,
    pub date: String,
}

/// `funds recover`: an order to recover what was paid on an award; bans the operator when the
/// grounds are failed acceptance or falsified materials.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RecoveryInput {
    pub award_id: String,
    pub grounds: RecoveryGrounds,
    pub reason: String,
    /// Yuan; empty recovers everything paid.
    #[serde(default)]
    pub amount: String,
    pub decided_date: String,
    pub due_date: String,
    #[serde(default)]
    pub officer: String,
}

/// `funds recovered`: money received back against a recovery order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RecoveredInput {
    pub recovery_id: String,
    pub amount: String,
    pub received_date: String,
    #[serde(default)]
    pub voucher_no: String,
    #[serde(default)]
    pub notes: String,
}

/// One tranche of an award as it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct TrancheState {
    /// 1-based.
    pub tranche: u32,
    pub label: String,
    pub percent: String,
    pub on_acceptance: bool,
    /// What the tranche is (the last takes the rounding remainder).
    pub amount: String,
    /// Paid net of reversals.
    pub paid: String,
    pub paid_date: Option<String>,
    pub voucher_no: String,
    /// Unmet conditions of the gate now (empty: may be paid, or already paid).
    pub unmet: Vec<GateProblem>,
    /// The override that let it through, printed on the disbursement list.
    pub override_note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Disbursement {
    pub id: String,
    pub award_id: String,
    pub tranche: u32,
    pub amount: String,
    pub paid_date: String,
    pub voucher_no: String,
    pub payer: String,
    pub reverses_id: Option<String>,
    pub reversed_by: Option<String>,
    pub override_id: Option<String>,
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Recovery {
    pub id: String,
    pub award_id: String,
    pub operator_name: String,
    pub programme_name: String,
    pub grounds: RecoveryGrounds,
    pub reason: String,
    pub amount: String,
    pub recovered: String,
    pub outstanding: String,
    pub decided_date: String,
    pub due_date: String,
    pub officer: String,
    /// The ban it imposed, if any.
    pub ban_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Ban {
    pub id: String,
    pub operator_id: String,
    pub operator_name: String,
    pub reason: String,
    pub start_date: String,
    /// The first day it may apply again.
    pub end_date: String,
    pub officer: String,
    pub lifted_date: Option<String>,
    pub lifted_reason: String,
    /// In force today.
    pub active: bool,
    pub recovery_id: Option<String>,
}

/// An award with its contract, tranches, payments and recoveries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Award {
    pub id: String,
    pub programme_id: String,
    pub programme_name: String,
    pub operator_id: String,
    pub operator_name: String,
    pub place: String,
    pub township_id: String,
    pub township_name: String,
    pub application_id: Option<String>,
    pub class_key: String,
    pub class_label: String,
    pub amount: String,
    pub investment: Option<String>,
    pub decided_date: String,
    pub decided_by: String,
    pub targets: Vec<ContractTarget>,
    pub deadline: Option<String>,
    pub contract_no: String,
    pub contract_date: Option<String>,
    pub contract_sha256: Option<String>,
    pub tranches: Vec<TrancheState>,
    pub disbursements: Vec<Disbursement>,
    pub paid: String,
    pub recovered: String,
    pub recoveries: Vec<Recovery>,
    pub notes: String,
    pub status: String,
}

/// `funds gate`: may the next tranche of an operator's award be paid, and why not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct GateVerdict {
    pub award_id: String,
    pub operator_name: String,
    /// The next unpaid tranche; `None` when every tranche is paid.
    pub tranche: Option<u32>,
    pub tranche_label: String,
    pub amount: String,
    /// Met, or waived by a county override of this tranche.
    pub may_pay: bool,
    pub unmet: Vec<GateProblem>,
    /// The county's override of this tranche, when it waives every unmet condition (one granted
    /// before a condition it did not waive broke does not).
    pub override_id: Option<String>,
}

/// Money of a programme, a township or a sub-budget: what was budgeted, awarded, paid,
/// recovered and what is left.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct MoneyLine {
    /// The township, sub-budget or programme this line is about.
    pub key: String,
    pub label: String,
    /// `None` when no budget is set for it.
    pub budget: Option<String>,
    pub awards: u32,
    pub awarded: String,
    pub paid: String,
    pub recovered: String,
    /// Budget − awarded (uncommitted); `None` without a budget.
    pub remaining: Option<String>,
    /// Still to be paid to operators: awarded − paid (net of reversals), for awards not under
    /// recovery.
    pub to_pay: String,
    /// Ordered for recovery and not yet received.
    pub to_recover: String,
}

/// `funds status` / `funds budget`: a programme's fund status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct FundStatus {
    pub programme_id: String,
    pub programme_name: String,
    pub year: i32,
    pub total: MoneyLine,
    pub by_township: Vec<MoneyLine>,
    /// By sub-budget (the programme's classes or budget parts).
    pub by_class: Vec<MoneyLine>,
    /// Over-commitment and fund-share caps broken (warnings, codes FUND_OVER_BUDGET,
    /// FUND_CAP_SHARE).
    pub warnings: Vec<crate::domain::Warning>,
}

/// The county's fund settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FundSettings {
    /// How long a ban lasts (成县, 霍邱: 3 years).
    pub ban_years: u32,
    /// An award beyond the programme's budget: refused, or saved with a warning.
    pub overcommit: Overcommit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Overcommit {
    Refuse,
    Warn,
}

/// `funds budget`: the county's budget overview — one line per programme (key: its id), their
/// total, and the warnings (programmes awarded beyond their budget, FUND_OVER_BUDGET; fund-share
/// caps the awards or payments break, FUND_CAP_SHARE).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct FundBudgets {
    /// The year asked for; `None`: every year.
    pub year: Option<i32>,
    pub programmes: Vec<MoneyLine>,
    /// The 合计 line; its budget is Σ of the programmes that have one.
    pub total: MoneyLine,
    pub warnings: Vec<crate::domain::Warning>,
}

/// `funds ban`: the county bars an operator from its funds, from `start_date` for the county's
/// ban years (`FundSettings::ban_years`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BanInput {
    pub operator_id: String,
    pub reason: String,
    pub start_date: String,
    #[serde(default)]
    pub officer: String,
    /// The recovery order the ban follows, when it does.
    #[serde(default)]
    pub recovery_id: Option<String>,
}

/// `funds lift-ban`: the county lifts a ban early, with its reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LiftBanInput {
    pub date: String,
    pub reason: String,
}

/// Which applications a list shows by their decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum DecisionFilter {
    Undecided,
    Approved,
    Rejected,
}

/// A county override of the gate for one tranche (`funds override`), as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct GateOverride {
    pub id: String,
    pub award_id: String,
    pub tranche: u32,
    pub reason: String,
    pub officer: String,
    pub date: String,
    /// The conditions unmet when it was granted.
    pub waived: Vec<crate::Code>,
}
