//! Funds (资金) from the command line: applications, their reviews and the county's decision,
//! bans and the county's fund settings. Writes take JSON on stdin and answer JSON; every
//! command answers JSON with `--json`. Awards, payments and budgets add their subcommands in
//! `funds_pay.rs` / `funds_status.rs`.

use std::path::PathBuf;

use clap::{Subcommand, ValueEnum};
use fieldbook::domain::funds::{
    Application, ApplicationInput, Ban, BanInput, Decision, DecisionFilter, DecisionInput,
    FundSettings, LiftBanInput, Opinion, Overcommit, ReviewInput,
};
use fieldbook::{Error, Store};
use serde::Serialize;

use crate::console::{print, print_list, read_file, save};
use crate::funds_pay::{self, PayCommand};
use crate::funds_status;

#[derive(Subcommand)]
pub enum FundsCommand {
    /// Apply for a programme's funds (申报): ApplicationInput as JSON on stdin
    Apply,
    /// Edit an undecided application: ApplicationInput as JSON on stdin
    Edit { id: String },
    /// Void an application (作废); the reason is required and kept
    Void {
        id: String,
        #[arg(long)]
        reason: String,
    },
    /// Record a review (村推荐 / 乡镇审核 / 县评审): ReviewInput as JSON on stdin
    Review,
    /// The county's decision (approve, or reject with a reason): DecisionInput on stdin
    Decide,
    /// Applications, optionally of one programme and one decision
    Applications {
        #[arg(long, value_name = "ID")]
        programme: Option<String>,
        #[arg(long)]
        decision: Option<DecisionArg>,
    },
    /// One application with its documents, reviews and decision
    Application { id: String },
    /// Store a document (JPEG, PNG or PDF) for an application; answers its sha256
    Attach { file: PathBuf },
    /// Ban an operator from the county's funds (禁止申报): BanInput as JSON on stdin
    Ban,
    /// Bans, optionally of one operator; `active` says which are in force today
    Bans {
        #[arg(long, value_name = "ID")]
        operator: Option<String>,
    },
    /// Lift a ban early: LiftBanInput ({date, reason}) as JSON on stdin
    LiftBan { id: String },
    /// The county's fund settings (ban years, over-budget refuse/warn)
    Settings {
        #[command(subcommand)]
        action: Option<SettingsAction>,
    },
    #[command(flatten)]
    Status(funds_status::FundsStatusCommand),
    #[command(flatten)]
    Pay(PayCommand),
}

#[derive(Subcommand)]
pub enum SettingsAction {
    /// Change them: FundSettings ({banYears, overcommit}) as JSON on stdin
    Set,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum DecisionArg {
    Undecided,
    Approved,
    Rejected,
}

impl DecisionArg {
    fn filter(self) -> DecisionFilter {
        match self {
            DecisionArg::Undecided => DecisionFilter::Undecided,
            DecisionArg::Approved => DecisionFilter::Approved,
            DecisionArg::Rejected => DecisionFilter::Rejected,
        }
    }
}

pub fn is_write(command: &FundsCommand) -> bool {
    if let FundsCommand::Pay(command) = command {
        return funds_pay::is_write(command);
    }
    matches!(
        command,
        FundsCommand::Apply
            | FundsCommand::Edit { .. }
            | FundsCommand::Review
            | FundsCommand::Decide
            | FundsCommand::Ban
            | FundsCommand::LiftBan { .. }
            | FundsCommand::Settings {
                action: Some(SettingsAction::Set)
            }
    )
}

/// What `funds attach` answers: the document to name in `ApplicationInput.documents`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Attached {
    sha256: String,
    name: String,
}

pub fn run(store: &mut Store, command: &FundsCommand, json: bool) -> Result<(), Error> {
    match command {
        FundsCommand::Status(c) => funds_status::run(store, c, json),
        FundsCommand::Pay(c) => funds_pay::run(store, c, json),
        FundsCommand::Apply => save("资金申报", |input: &ApplicationInput| {
            store.apply_for_funds(input)
        }),
        FundsCommand::Edit { id } => save("资金申报", |input: &ApplicationInput| {
            store.update_fund_application(id, input)
        }),
        FundsCommand::Void { id, reason } => {
            store.void_fund_application(id, reason)?;
            let answer = serde_json::json!({ "id": id, "status": "voided", "voidReason": reason });
            print(json, &answer, || {
                format!("已作废资金申报 {id}（原因：{reason}）")
            });
            Ok(())
        }
        FundsCommand::Review => save("申报审核", |input: &ReviewInput| {
            store.review_fund_application(input)
        }),
        FundsCommand::Decide => save("申报决定", |input: &DecisionInput| {
            store.decide_fund_application(input)
        }),
        FundsCommand::Applications {
            programme,
            decision,
        } => {
            let list =
                store.fund_applications(programme.as_deref(), decision.map(DecisionArg::filter))?;
            let header = [
                "申报日期",
                "实施主体",
                "镇村",
                "项目",
                "类别",
                "审核",
                "决定",
                "id",
            ];
            print_list(json, &list, &header, "份申报", |t, a| {
                t.row(&[
                    &a.applied_date,
                    &a.operator_name,
                    &a.place,
                    &a.programme_name,
                    &a.class_label,
                    &a.reviews.len(),
                    &decision_text(a),
                    &a.id,
                ]);
            });
            Ok(())
        }
        FundsCommand::Application { id } => {
            let application = store.fund_application(id)?;
            print(json, &application, || describe(&application));
            Ok(())
        }
        FundsCommand::Attach { file } => {
            let (name, bytes) = read_file(file)?;
            let sha256 = store.store_fund_document(&name, &bytes)?;
            let answer = Attached { sha256, name };
            print(json, &answer, || {
                format!("已保存材料“{}”：{}", answer.name, answer.sha256)
            });
            Ok(())
        }
        FundsCommand::Ban => save("禁止申报", |input: &BanInput| store.ban_operator(input)),
        FundsCommand::Bans { operator } => {
            let bans = store.fund_bans(operator.as_deref())?;
            let header = ["实施主体", "起", "止（可再申报）", "在禁止期", "理由", "id"];
            print_list(json, &bans, &header, "条禁止申报", |t, b| {
                t.row(&[
                    &b.operator_name,
                    &b.start_date,
                    &b.end_date,
                    &ban_state(b),
                    &b.reason,
                    &b.id,
                ]);
            });
            Ok(())
        }
        FundsCommand::LiftBan { id } => save("解除禁止申报", |input: &LiftBanInput| {
            store.lift_ban(id, input)
        }),
        FundsCommand::Settings {
            action: Some(SettingsAction::Set),
        } => save("资金设置", |input: &FundSettings| {
            store.set_fund_settings(input)
        }),
        FundsCommand::Settings { action: None } => {
            let settings = store.fund_settings()?;
            print(json, &settings, || {
                let overcommit = match settings.overcommit {
                    Overcommit::Refuse => "拒绝",
                    Overcommit::Warn => "提醒后允许",
                };
                format!(
                    "禁止申报年限：{} 年\n超出项目预算的扶持：{overcommit}",
                    settings.ban_years
                )
            });
            Ok(())
        }
    }
}

fn decision_text(a: &Application) -> &'static str {
    match a.decision {
        None => "待决定",
        Some(Decision::Approved) => "同意扶持",
        Some(Decision::Rejected) => "不予扶持",
    }
}

fn ban_state(b: &Ban) -> &'static str {
    match (b.active, &b.lifted_date) {
        (true, _) => "是",
        (false, Some(_)) => "已解除",
        (false, None) => "否",
    }
}

fn describe(a: &Application) -> String {
    let mut out = format!(
        "{} {}（{}）申报 {}：{}\n申报日期：{}\n",
        a.id, a.operator_name, a.place, a.programme_name, a.class_label, a.applied_date
    );
    if let Some(investment) = &a.investment {
        out += &format!("投资额：{investment} 元\n");
    }
    for d in &a.documents {
        out += &format!("  材料：{} {}\n", d.name, d.sha256);
    }
    for r in &a.reviews {
        let opinion = match r.opinion {
            Opinion::Agree => "同意",
            Opinion::Disagree => "不同意",
        };
        let score = r
            .score
            .as_deref()
            .map(|s| format!("，评分 {s}"))
            .unwrap_or_default();
        out += &format!(
            "  {} {} {}：{opinion}{score} {}\n",
            r.review_date,
            r.step.label(),
            r.reviewer,
            r.comment
        );
    }
    out += &format!("决定：{}", decision_text(a));
    if let Some(date) = &a.decided_date {
        out += &format!("（{date}，{}）", a.decided_by);
    }
    if !a.decision_reason.is_empty() {
        out += &format!(" {}", a.decision_reason);
    }
    out
}
