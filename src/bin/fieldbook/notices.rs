//! Public notices (公示) from the command line: list and show; add and record objections with
//! JSON on standard input (the same validation and write path as the screens).

use std::io::Read;
use std::path::PathBuf;

use clap::Subcommand;
use fieldbook::domain::notices::{Notice, NoticeInput, ObjectionInput};
use fieldbook::domain::Invalid;
use fieldbook::Code;
use fieldbook::{Error, Store};
use serde::de::DeserializeOwned;
use serde::Serialize;

#[derive(Subcommand)]
pub enum NoticesCommand {
    /// All notices, newest first
    List,
    /// One notice with its list and objections
    Show { id: String },
    /// Add a notice: NoticeInput as JSON on stdin (refused when shorter than 10 days)
    Add,
    /// Record an objection, or with "id" how one was handled: ObjectionInput as JSON on stdin
    Objection,
    /// Attach the photo of the posted notice (JPEG or PNG)
    Photo { id: String, file: PathBuf },
}

pub fn is_write(command: &NoticesCommand) -> bool {
    matches!(command, NoticesCommand::Add | NoticesCommand::Objection)
}

fn read_stdin<T: DeserializeOwned>(what: &str) -> Result<T, Error> {
    let mut text = String::new();
    std::io::stdin()
        .read_to_string(&mut text)
        .map_err(|e| Error::io("标准输入", e))?;
    serde_json::from_str(&text).map_err(|e| {
        Invalid::new(
            Code::INPUT_JSON,
            "stdin",
            format!(
                "标准输入不是有效的{what} JSON（第 {} 行第 {} 列）：{e}",
                e.line(),
                e.column()
            ),
        )
        .into()
    })
}

fn out<T: Serialize>(json: bool, value: &T, human: impl FnOnce() -> String) {
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(value).expect("core types serialise")
        );
    } else {
        println!("{}", human());
    }
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
        NoticesCommand::List => {
            let list = store.list_notices()?;
            out(json, &list, || {
                let mut s = String::from("开始\t结束\t标题\t名单\t异议(未处理)\tid\n");
                for n in &list {
                    s += &format!(
                        "{}\t{}\t{}\t{}\t{}({})\t{}\n",
                        n.start_date,
                        n.end_date,
                        n.title,
                        n.entries,
                        n.objections,
                        n.open_objections,
                        n.id
                    );
                }
                s + &format!("共 {} 条公示", list.len())
            });
        }
        NoticesCommand::Show { id } => {
            let n = store.notice(id)?;
            out(json, &n, || describe(&n));
        }
        NoticesCommand::Add => {
            let input: NoticeInput = read_stdin("公示")?;
            let saved = store.add_notice(&input)?;
            out(true, &saved, String::new);
        }
        NoticesCommand::Objection => {
            let input: ObjectionInput = read_stdin("异议")?;
            let notice = store.save_objection(&input)?;
            out(true, &notice, String::new);
        }
        NoticesCommand::Photo { id, file } => {
            let bytes = std::fs::read(file).map_err(|e| Error::io(file, e))?;
            let name = file
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            let n = store.attach_notice_photo(id, &name, &bytes)?;
            out(json, &n, || format!("已上传公示照片：{}", name));
        }
    }
    Ok(())
}
