//! Public notices (公示) from the command line: list and show; add, edit (until posted) and
//! record objections with JSON on standard input; a notice's list shown, or built from the
//! inspections or the training it announces (the same validation and write path as the screens).

use std::path::PathBuf;

use clap::{Subcommand, ValueEnum};
use fieldbook::domain::inspections::Stage;
use fieldbook::domain::notices::{ListSource, Notice, NoticeEntry};
use fieldbook::domain::Invalid;
use fieldbook::{Code, Error, Store};

use crate::console::{print, print_json, print_list, read_file, save, Table};
use crate::lifecycle::{status_filter, status_label, LifecycleCommand};
use fieldbook::domain::lifecycle::RecordKind;

/// The records a list is built from.
#[derive(Clone, Copy, ValueEnum)]
pub enum ListFrom {
    /// A programme's inspection results at one stage (--programme, --stage)
    Inspections,
    /// A training session's trainees (--session)
    Training,
    /// A programme's approved fund applications, the chosen list (--programme)
    Applications,
    /// A programme's awards, with their amounts (--programme)
    Awards,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum StageArg {
    Preliminary,
    Acceptance,
    Recheck,
}

impl StageArg {
    fn stage(self) -> Stage {
        match self {
            StageArg::Preliminary => Stage::Preliminary,
            StageArg::Acceptance => Stage::Acceptance,
            StageArg::Recheck => Stage::Recheck,
        }
    }
}

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
    /// Edit a notice until it is posted: NoticeInput as JSON on stdin
    Edit { id: String },
    /// A notice's list: name, village (group), what they get
    ListRows { id: String },
    /// Build a list from the records: printed, or with --notice saved as that notice's list
    BuildList {
        #[arg(long, value_enum)]
        from: ListFrom,
        /// The programme whose inspections are announced (--from inspections)
        #[arg(long)]
        programme: Option<String>,
        /// The inspection stage (--from inspections)
        #[arg(long, value_enum, default_value = "acceptance")]
        stage: StageArg,
        /// The training session whose trainees are announced (--from training)
        #[arg(long)]
        session: Option<String>,
        /// Save the rows as this notice's list (refused once it is posted)
        #[arg(long)]
        notice: Option<String>,
    },
    /// Record an objection, or with "id" how one was handled: ObjectionInput as JSON on stdin
    Objection,
    /// Attach the photo of the posted notice (JPEG or PNG)
    Photo { id: String, file: PathBuf },
    #[command(flatten)]
    Lifecycle(LifecycleCommand),
}

pub fn is_write(command: &NoticesCommand) -> bool {
    matches!(
        command,
        NoticesCommand::Add
            | NoticesCommand::Edit { .. }
            | NoticesCommand::Objection
            | NoticesCommand::BuildList {
                notice: Some(_),
                ..
            }
    )
}

/// The source the options name; `NOTICE_LIST_SOURCE` when the one it needs is missing.
fn source(
    from: ListFrom,
    programme: Option<&str>,
    stage: StageArg,
    session: Option<&str>,
) -> Result<ListSource, Error> {
    let missing = |option: &str, what: &str| -> Error {
        Invalid::new(
            Code::NOTICE_LIST_SOURCE,
            "from",
            format!("从{what}生成名单需要 --{option}（它的编号）。"),
        )
        .into()
    };
    Ok(match from {
        ListFrom::Inspections => ListSource::Inspections {
            programme_id: programme
                .ok_or_else(|| missing("programme", "核验结果"))?
                .to_string(),
            stage: stage.stage(),
        },
        ListFrom::Training => ListSource::Training {
            session_id: session
                .ok_or_else(|| missing("session", "培训签到"))?
                .to_string(),
        },
        ListFrom::Applications => ListSource::Applications {
            programme_id: programme
                .ok_or_else(|| missing("programme", "审定的申报"))?
                .to_string(),
        },
        ListFrom::Awards => ListSource::Awards {
            programme_id: programme
                .ok_or_else(|| missing("programme", "扶持资金"))?
                .to_string(),
        },
    })
}

fn print_rows(json: bool, rows: &[NoticeEntry]) {
    print(json, &rows, || {
        let mut table = Table::new(&["序号", "姓名（名称）", "村（组）", "内容"]);
        for (i, e) in rows.iter().enumerate() {
            table.row(&[&(i + 1), &e.name, &e.place, &e.benefit]);
        }
        table.with_count("行")
    });
}

fn describe(n: &Notice) -> String {
    let mut s = format!(
        "{}\n{}；公示单位：{}；{} 至 {}（{} 天）\n地点：{}\n电话：{}；{}\n名单 {} 条；照片：{}；状态 {}{}\n",
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
        n.status,
        if n.posted { "（已张贴，不能修改）" } else { "" }
    );
    for (i, e) in n.entries.iter().enumerate() {
        s += &format!("{}. {}　{}　{}\n", i + 1, e.name, e.place, e.benefit);
    }
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
        NoticesCommand::Edit { id } => save("公示", |input| store.update_notice(id, input))?,
        NoticesCommand::ListRows { id } => print_rows(json, &store.notice(id)?.entries),
        NoticesCommand::BuildList {
            from,
            programme,
            stage,
            session,
            notice,
        } => {
            let source = source(*from, programme.as_deref(), *stage, session.as_deref())?;
            match notice {
                Some(id) => print_json(&store.fill_notice_list(id, &source)?),
                None => print_rows(json, &store.notice_list_from(&source)?),
            }
        }
        NoticesCommand::Objection => save("异议", |input| store.save_objection(input))?,
        NoticesCommand::Photo { id, file } => {
            let (name, bytes) = read_file(file)?;
            let n = store.attach_notice_photo(id, &name, &bytes)?;
            print(json, &n, || format!("已上传公示照片：{}", name));
        }
    }
    Ok(())
}
