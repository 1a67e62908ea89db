//! `fieldbook archive --programme ID | --operator ID | --session ID --out F.zip` writes a
//! project archive (项目档案); `fieldbook archive verify F.zip` checks a copy against its
//! manifest without opening `--db`, and exits non-zero when a file is missing, altered or extra.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use fieldbook::print::archive::{verify_archive, ArchiveCheck};
use fieldbook::{Code, Error, Store};

use crate::console::print;

#[derive(Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct ArchiveArgs {
    /// The programme to archive: its fund lists, notices, training and every operator in it
    #[arg(long, value_name = "ID", conflicts_with_all = ["operator", "session"])]
    programme: Option<String>,
    /// The operator to archive: its documents in every programme
    #[arg(long, value_name = "ID", conflicts_with = "session")]
    operator: Option<String>,
    /// The training session to archive: its sign-in sheet and photos
    #[arg(long, value_name = "ID")]
    session: Option<String>,
    /// The zip to write (must not exist: an archive never replaces a file)
    #[arg(long, value_name = "F.zip")]
    out: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<ArchiveCommand>,
}

#[derive(Subcommand)]
pub enum ArchiveCommand {
    /// Check a copy of an archive against its manifest (missing, altered or extra files)
    Verify { file: PathBuf },
}

impl ArchiveArgs {
    /// `archive verify` reads only the archive.
    pub fn opens_no_store(&self) -> bool {
        self.command.is_some()
    }
}

/// The codes of a failed check, whose report is already printed: the CLI exits 1 without
/// printing an error after it.
pub fn reported(error: &Error) -> bool {
    matches!(error, Error::Print { code, message } if *code == Code::ARCHIVE_FILE_MISSING && message.is_empty())
}

fn usage(field: &'static str, message: &str) -> Error {
    fieldbook::domain::Invalid::new(Code::USAGE, field, message).into()
}

/// `archive --programme ID --out F.zip` (or `--operator`, `--session`).
pub fn archive(store: &mut Store, args: &ArchiveArgs, json: bool) -> Result<(), Error> {
    let Some(out) = &args.out else {
        return Err(usage(
            "out",
            "请用 --out 指定要生成的档案文件，如 fieldbook archive --programme ID --out 项目档案.zip",
        ));
    };
    let report = match (&args.programme, &args.operator, &args.session) {
        (Some(id), _, _) => store.archive_programme(id, out)?,
        (_, Some(id), _) => store.archive_operator(id, out)?,
        (_, _, Some(id)) => store.archive_session(id, out)?,
        _ => {
            return Err(usage(
                "programme",
                "请用 --programme、--operator 或 --session 指定要归档的项目、实施主体或培训。",
            ))
        }
    };
    print(json, &report, || {
        let mut text = format!(
            "已生成{}“{}”的项目档案 {}（{} 字节）：{} 个文件，其中打印件 {} 份、原件 {} 个，共 {} 页。目录见 00-目录.pdf，清单见 manifest.json。",
            report.scope.kind.label(),
            report.scope.name,
            report.path,
            report.bytes,
            report.files,
            report.printed,
            report.attachments,
            report.pages
        );
        if !report.missing.is_empty() {
            text.push_str(&format!(
                "\n本机没有以下 {} 个附件，未收入档案（已在目录中列出）：\n{}",
                report.missing.len(),
                report.missing.join("\n")
            ));
        }
        text
    });
    Ok(())
}

/// `archive verify F.zip`: no store is opened.
pub fn verify(args: &ArchiveArgs, json: bool) -> Result<(), Error> {
    let Some(ArchiveCommand::Verify { file }) = &args.command else {
        unreachable!("called for archive verify only")
    };
    let check = verify_archive(file)?;
    print(json, &check, || text(&check));
    if check.ok {
        Ok(())
    } else {
        Err(Error::Print {
            code: Code::ARCHIVE_FILE_MISSING,
            message: String::new(),
        })
    }
}

fn text(check: &ArchiveCheck) -> String {
    let head = format!(
        "{}“{}”的项目档案 {}（{} 生成，清单 {} 个文件）",
        check.scope.kind.label(),
        check.scope.name,
        check.path,
        check.created_at,
        check.files
    );
    if check.ok {
        return format!("{head}：完整，每个文件的大小和 SHA-256 都与清单一致。");
    }
    let lines: Vec<String> = check
        .problems
        .iter()
        .map(|p| format!("[{}] {}", p.code.as_str(), p.message))
        .collect();
    format!(
        "{head}：不完整，发现 {} 处问题：\n{}",
        check.problems.len(),
        lines.join("\n")
    )
}
