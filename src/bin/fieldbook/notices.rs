//! Public notices (公示) from the command line: list and show; add and record objections with
//! JSON on standard input (the same validation and write path as the screens).

use std::path::PathBuf;

use clap::Subcommand;
use fieldbook::domain::notices::Notice;
use fieldbook::{Error, Store};

use crate::console::{print, print_list, read_file, save};
use crate::lifecycle::{status_filter, status_label, LifecycleCommand};
use fieldbook::domain::lifecycle::RecordKind;

#[derive(Subcommand)]
pub enum NoticesCommand {
    /// All notices, newest first
    List {
        /// Only records of this status: 草稿 / 已提交 / 已锁定 / 已作废 (voided ones only so)
        #[arg(long)]
        status: Option<String>,
    },
    /// One notice with its list and objections
    Show { id: String },
    /// Add a notice: NoticeInput as JSON on stdin (refused when shorter than 10 days)
    Add,
    /// Record an objection, or with "id" how one was handled: ObjectionInput as JSON on stdin
    Objection,
    /// Attach the photo of the posted notice (JPEG or PNG)
    Photo { id: String, file: PathBuf },
    #[command(flatten)]
    Lifecycle(LifecycleCommand),
}

pub fn is_write(command: &NoticesCommand) -> bool {
    matches!(command, NoticesCommand::Add | NoticesCommand::Objection)
}

fn describe(n: &Notice) -> String {
    let mut s = format!(
        "{}\n{}；公示单位：{}；{} 至 {}（{} 天）\n地点：{}\n电话：{}；{}\n名单 {} 条；照片：{}；状态 {}\n",
        n.title,
        n.subject_label,
        n.issuer,
        n.start_date,
        n.end_date,
        n.days,
        n.places.join("、"),
        n.phone_local,
        n.phone_national,
        n.entries.len(),
        if n.photo_sha256.is_some() { "已上传" } else { "无" },
        n.status
    );
    for o in &n.objections {
        s += &format!(
            "异议 {} {}：{} → {}\n",
            o.received_date,
            o.objector,
            o.content,
            if o.open {
                "正在核实"
            } else {
                o.handling.as_str()
            }
        );
    }
    s + &format!("未处理异议 {} 件", n.open_objections)
}

pub fn run(store: &mut Store, command: &NoticesCommand, json: bool) -> Result<(), Error> {
    match command {
        NoticesCommand::List { status } => {
            let list = store.list_notices(status_filter(status.as_deref())?)?;
            let header = ["开始", "结束", "标题", "名单", "异议(未处理)", "状态", "id"];
            print_list(json, &list, &header, "条公示", |t, n| {
                let objections = format!("{}({})", n.objections, n.open_objections);
                t.row(&[
                    &n.start_date,
                    &n.end_date,
                    &n.title,
                    &n.entries,
                    &objections,
                    &status_label(&n.status),
                    &n.id,
                ])
            });
        }
        NoticesCommand::Show { id } => {
            let n = store.notice(id)?;
            print(json, &n, || describe(&n));
        }
        NoticesCommand::Lifecycle(step) => {
            crate::lifecycle::run(store, RecordKind::Notice, step, json)?
        }
        NoticesCommand::Add => save("公示", |input| store.add_notice(input))?,
        NoticesCommand::Objection => save("异议", |input| store.save_objection(input))?,
        NoticesCommand::Photo { id, file } => {
            let (name, bytes) = read_file(file)?;
            let n = store.attach_notice_photo(id, &name, &bytes)?;
            print(json, &n, || format!("已上传公示照片：{}", name));
        }
    }
    Ok(())
}
