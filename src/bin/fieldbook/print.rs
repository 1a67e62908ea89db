//! `fieldbook print FORM --id ID --out FILE.pdf` and `fieldbook print verify HASH`.

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
    let (kind, args) = match command {
        PrintCommand::Acceptance(a) => (FormKind::Acceptance, a),
        PrintCommand::Notice(a) => (FormKind::Notice, a),
        PrintCommand::Roster(a) => (FormKind::Roster, a),
        PrintCommand::Ledger(a) => (FormKind::Ledger, a),
        PrintCommand::Signin { form, blank } => (
            if *blank {
                FormKind::SigninBlank
            } else {
                FormKind::Signin
            },
            form,
        ),
        PrintCommand::FundPlan { form, from } => (
            if from == "awards" {
                FormKind::FundPlanAwards
            } else {
                FormKind::FundPlan
            },
            form,
        ),
        PrintCommand::TrainingSummary(a) => (FormKind::TrainingSummary, a),
        PrintCommand::Verify { hash } => {
            let v = store.verify_print(hash)?;
            print(json, &v, || v.message.clone());
            // Current, older and unknown are all answers (read `status`); exit 1 is kept
            // for a malformed hash or a database that cannot be read.
            return Ok(());
        }
    };
    let printed = store.print_form(kind, &args.id)?;
    // Written next to the target first, then renamed: a failed write leaves no half file.
    let tmp = args.out.with_extension("pdf.part");
    std::fs::write(&tmp, &printed.pdf).map_err(|e| Error::io(&tmp, e))?;
    std::fs::rename(&tmp, &args.out).map_err(|e| Error::io(&args.out, e))?;
    let out = PrintedOut {
        form: kind,
        file: args.out.clone(),
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
            args.out.display(),
            out.pages,
            out.bytes / 1024,
            out.hash
        )
    });
    Ok(())
}
