//! Awards, contracts, payments through the gate, reversals, overrides and recovery from the
//! command line (`fieldbook funds award|contract|pay|reverse|override|recover|recovered|awards|
//! award-show|gate|recoveries`). Writes read one JSON document on stdin and answer JSON.

use clap::Subcommand;
use fieldbook::domain::funds::{
    Award, AwardInput, ContractInput, GateVerdict, OverrideInput, PaymentInput, RecoveredInput,
    RecoveryInput, ReversalInput,
};
use fieldbook::{Error, Store};

use crate::console::{parse, print, print_json, print_list, read_stdin, save, Table};

#[derive(Subcommand)]
pub enum PayCommand {
    /// Award funds on an approved application: AwardInput on stdin ({applicationId, amount
    /// ("" = the class's standard), investment?, decidedDate, decidedBy, targets: [{key, label,
    /// quantity, unit}], deadline?, notes})
    Award,
    /// Correct an award before its first payment: AwardInput on stdin
    AwardEdit { id: String },
    /// Void an award before its first payment, with its reason
    AwardVoid {
        id: String,
        #[arg(long)]
        reason: String,
    },
    /// The signed contract: ContractInput on stdin ({awardId, contractNo, contractDate,
    /// scanSha256?})
    Contract,
    /// Pay a tranche through the gate: PaymentInput on stdin ({awardId, tranche, amount?,
    /// paidDate, voucherNo, payer, overrideId?, notes}); with --operator and --programme the
    /// award is the operator's in the programme (awardId may then be "")
    Pay {
        #[arg(long, value_name = "ID", requires = "programme")]
        operator: Option<String>,
        #[arg(long, value_name = "ID")]
        programme: Option<String>,
    },
    /// Reverse a payment (a recorded correction): ReversalInput on stdin ({disbursementId,
    /// date, reason})
    Reverse,
    /// The county waives the gate for one tranche: OverrideInput on stdin ({awardId, tranche,
    /// reason, officer, date})
    Override,
    /// Order a recovery (bans the operator on failed acceptance or falsified materials):
    /// RecoveryInput on stdin ({awardId, grounds, reason, amount ("" = all paid), decidedDate,
    /// dueDate, officer})
    Recover,
    /// Money received back against a recovery order: RecoveredInput on stdin ({recoveryId,
    /// amount, receivedDate, voucherNo, notes})
    Recovered,
    /// A programme's awards with what was paid and recovered
    Awards {
        #[arg(long, value_name = "ID")]
        programme: String,
    },
    /// One award: its tranches (and what each still waits for), payments and recoveries
    AwardShow { id: String },
    /// May the operator's next tranche be paid, and every reason why not
    Gate {
        operator: String,
        #[arg(long, value_name = "ID")]
        programme: String,
    },
    /// The gate of every award of a programme
    Gates {
        #[arg(long, value_name = "ID")]
        programme: String,
    },
    /// Recovery orders, of one programme or of all
    Recoveries {
        #[arg(long, value_name = "ID")]
        programme: Option<String>,
    },
}

pub fn is_write(command: &PayCommand) -> bool {
    matches!(
        command,
        PayCommand::Award
            | PayCommand::AwardEdit { .. }
            | PayCommand::AwardVoid { .. }
            | PayCommand::Contract
            | PayCommand::Pay { .. }
            | PayCommand::Reverse
            | PayCommand::Override
            | PayCommand::Recover
            | PayCommand::Recovered
    )
}

fn verdict_text(v: &GateVerdict) -> String {
    let Some(tranche) = v.tranche else {
        return format!("{}：各笔已拨付完毕。", v.operator_name);
    };
    let head = format!(
        "{} 第 {tranche} 笔（{}）{} 元：",
        v.operator_name, v.tranche_label, v.amount
    );
    let mut lines = vec![match (v.may_pay, &v.override_id) {
        (true, Some(_)) => format!("{head}可以拨付（县特批）"),
        (true, None) => format!("{head}可以拨付"),
        (false, _) => format!("{head}不能拨付"),
    }];
    lines.extend(
        v.unmet
            .iter()
            .map(|p| format!("  [{}] {}", p.code, p.message)),
    );
    lines.join("\n")
}

fn award_text(a: &Award) -> String {
    let mut table = Table::new(&["笔次", "名称", "比例", "应拨", "已拨", "拨付日期", "待满足"]);
    for t in &a.tranches {
        let waiting: Vec<String> = t.unmet.iter().map(|p| p.code.to_string()).collect();
        table.row(&[
            &t.tranche,
            &t.label,
            &format!("{}%", t.percent),
            &t.amount,
            &t.paid,
            &t.paid_date.clone().unwrap_or_default(),
            &waiting.join(" "),
        ]);
    }
    format!(
        "{} {}（{}）扶持 {} 元，已拨 {} 元，已追回 {} 元，合同 {}\n{}",
        a.place,
        a.operator_name,
        a.class_label,
        a.amount,
        a.paid,
        a.recovered,
        a.contract_date.as_deref().unwrap_or("未签订"),
        table.done()
    )
}

pub fn run(store: &mut Store, command: &PayCommand, json: bool) -> Result<(), Error> {
    match command {
        PayCommand::Award => save("扶持资金", |i: &AwardInput| store.award_funds(i)),
        PayCommand::AwardEdit { id } => {
            save("扶持资金", |i: &AwardInput| store.edit_award(id, i))
        }
        PayCommand::AwardVoid { id, reason } => {
            store.void_award(id, reason)?;
            print_json(&serde_json::json!({ "id": id, "voidReason": reason.trim() }));
            Ok(())
        }
        PayCommand::Contract => save("合同", |i: &ContractInput| store.sign_fund_contract(i)),
        PayCommand::Pay {
            operator: Some(operator),
            programme: Some(programme),
        } => {
            let input: PaymentInput = parse(&read_stdin()?, "拨付")?;
            print_json(&store.pay_tranche_of(operator, programme, &input)?);
            Ok(())
        }
        PayCommand::Pay { .. } => save("拨付", |i: &PaymentInput| store.pay_tranche(i)),
        PayCommand::Reverse => save("冲销", |i: &ReversalInput| store.reverse_disbursement(i)),
        PayCommand::Override => save("特批", |i: &OverrideInput| store.override_gate(i)),
        PayCommand::Recover => save("追回决定", |i: &RecoveryInput| store.order_recovery(i)),
        PayCommand::Recovered => save("追回到账", |i: &RecoveredInput| {
            store.record_recovered(i)
        }),
        PayCommand::Awards { programme } => {
            let awards = store.fund_awards(programme)?;
            let header = [
                "编号",
                "镇村",
                "实施主体",
                "类别",
                "扶持金额",
                "已拨",
                "已追回",
            ];
            print_list(json, &awards, &header, "笔扶持资金", |t, a| {
                t.row(&[
                    &a.id,
                    &a.place,
                    &a.operator_name,
                    &a.class_label,
                    &a.amount,
                    &a.paid,
                    &a.recovered,
                ])
            });
            Ok(())
        }
        PayCommand::AwardShow { id } => {
            let award = store.fund_award(id)?;
            print(json, &award, || award_text(&award));
            Ok(())
        }
        PayCommand::Gate {
            operator,
            programme,
        } => {
            let verdict = store.fund_gate_for(operator, programme)?;
            print(json, &verdict, || verdict_text(&verdict));
            Ok(())
        }
        PayCommand::Gates { programme } => {
            let verdicts = store.fund_gates(programme)?;
            print(json, &verdicts, || {
                verdicts
                    .iter()
                    .map(verdict_text)
                    .collect::<Vec<_>>()
                    .join("\n")
            });
            Ok(())
        }
        PayCommand::Recoveries { programme } => {
            let recoveries = store.fund_recoveries(programme.as_deref())?;
            let header = [
                "编号",
                "实施主体",
                "项目",
                "追回",
                "已到账",
                "未到账",
                "期限",
            ];
            print_list(json, &recoveries, &header, "份追回决定", |t, r| {
                t.row(&[
                    &r.id,
                    &r.operator_name,
                    &r.programme_name,
                    &r.amount,
                    &r.recovered,
                    &r.outstanding,
                    &r.due_date,
                ])
            });
            Ok(())
        }
    }
}
