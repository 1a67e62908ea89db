//! `fieldbook print FORM --id ID --out FILE.pdf` (a programme's fund forms: `--programme ID`)
//! and `fieldbook print verify HASH`.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use fieldbook::print::FormKind;
use fieldbook::{Error, Store};
use serde::Serialize;

use crate::console::print;

#[derive(Args)]
pub struct FormArgs {
    /// The record: an inspection, notice, agreement, training session or programme id
    #[arg(long)]
    id: String,
    /// Where to write the PDF
    #[arg(long, value_name = "FILE.pdf")]
    out: PathBuf,
}

#[derive(Args)]
pub struct ProgrammeFormArgs {
    /// The programme
    #[arg(long, alias = "id", value_name = "ID")]
    programme: String,
    /// Where to write the PDF
    #[arg(long, value_name = "FILE.pdf")]
    out: PathBuf,
}

#[derive(Subcommand)]
pub enum PrintCommand {
    /// 验收报告 of an inspection
    Acceptance(FormArgs),
    /// 公示 (GB/T 9704 layout)
    Notice(FormArgs),
    /// 带贫花名册 of an agreement
    Roster(FormArgs),
    /// 帮扶台账 of an agreement
    Ledger(FormArgs),
    /// 培训签到表 of a training session, per half-day slot (names pre-filled; --blank for
    /// empty rows only, to print before the session)
    Signin {
        #[command(flatten)]
        form: FormArgs,
        #[arg(long)]
        blank: bool,
    },
    /// 资金计划表 of a programme: from the villages by class (places, the default) or from the
    /// awards actually made (awards)
    FundPlan {
        #[command(flatten)]
        form: FormArgs,
        #[arg(long, value_name = "SOURCE", default_value = "places", value_parser = ["places", "awards"])]
        from: String,
    },
    /// 培训情况汇总表 of a training programme
    TrainingSummary(FormArgs),
    /// 资金拨付明细表 of a programme: every award's tranches, the gate, overrides, subtotals
    Disbursements(ProgrammeFormArgs),
    /// 追回通知书 of a recovery order (--id the recovery)
    RecoveryNotice(FormArgs),
    /// 资金使用情况表 of a programme
    FundStatus(ProgrammeFormArgs),
    /// 项目申报审批表 of a fund application (--id the application): files, reviews, the
    /// county's decision, the award and its tranches
    Application(FormArgs),
    /// Check a printed short hash: matches the current record, an older version, or unknown
    Verify { hash: String },
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PrintedOut {
    form: FormKind,
    file: PathBuf,
    pages: usize,
    bytes: usize,
    record_id: String,
    version: i64,
    hash: String,
}

pub fn run(store: &mut Store, command: &PrintCommand, json: bool) -> Result<(), Error> {
    let record = |kind: FormKind, a: &FormArgs| (kind, a.id.clone(), a.out.clone());
    let programme =
        |kind: FormKind, a: &ProgrammeFormArgs| (kind, a.programme.clone(), a.out.clone());
    let (kind, id, out_path) = match command {
        PrintCommand::Acceptance(a) => record(FormKind::Acceptance, a),
        PrintCommand::Notice(a) => record(FormKind::Notice, a),
        PrintCommand::Roster(a) => record(FormKind::Roster, a),
        PrintCommand::Ledger(a) => record(FormKind::Ledger, a),
        PrintCommand::Signin { form, blank } => record(
            if *blank {
                FormKind::SigninBlank
            } else {
                FormKind::Signin
            },
            form,
        ),
        PrintCommand::FundPlan { form, from } => record(
            if from == "awards" {
                FormKind::FundPlanAwards
            } else {
                FormKind::FundPlan
            },
            form,
        ),
        PrintCommand::TrainingSummary(a) => record(FormKind::TrainingSummary, a),
        PrintCommand::Disbursements(a) => programme(FormKind::Disbursements, a),
        PrintCommand::RecoveryNotice(a) => record(FormKind::RecoveryNotice, a),
        PrintCommand::FundStatus(a) => programme(FormKind::FundStatus, a),
        PrintCommand::Application(a) => record(FormKind::Application, a),
        PrintCommand::Verify { hash } => {
            let v = store.verify_print(hash)?;
            print(json, &v, || v.message.clone());
            // Current, older and unknown are all answers (read `status`); exit 1 is kept
            // for a malformed hash or a database that cannot be read.
            return Ok(());
        }
    };
    let printed = store.print_form(kind, &id)?;
    // Written next to the target first, then renamed: a failed write leaves no half file.
    let tmp = out_path.with_extension("pdf.part");
    std::fs::write(&tmp, &printed.pdf).map_err(|e| Error::io(&tmp, e))?;
    std::fs::rename(&tmp, &out_path).map_err(|e| Error::io(&out_path, e))?;
    let out = PrintedOut {
        form: kind,
        file: out_path.clone(),
        pages: printed.pages,
        bytes: printed.pdf.len(),
        record_id: printed.stamp.record_id.clone(),
        version: printed.stamp.version,
        hash: printed.stamp.hash.clone(),
    };
    print(json, &out, || {
        format!(
            "已生成{}：{}（{} 页，{} KB），校验码 {}",
            kind.label(),
            out_path.display(),
            out.pages,
            out.bytes / 1024,
            out.hash
        )
    });
    Ok(())
}
