//! Training sessions and sign-in (attendance) from the command line. Reads print tables or
//! `--json`; writes read one JSON document on standard input and answer JSON: the saved record
//! with its warnings, or `{"error": {code, message, field}}` and exit 1, nothing written.

use std::path::PathBuf;

use clap::Subcommand;
use fieldbook::domain::training::{
    AttendanceInput, AttendanceRow, TrainingSession, TrainingTotals,
};
use fieldbook::domain::Saved;
use fieldbook::{Error, Store};

use crate::console::{parse, print, print_json, print_list, read_file, read_stdin, save, Table};
use crate::lifecycle::{status_filter, status_label, LifecycleCommand};
use fieldbook::domain::lifecycle::RecordKind;

#[derive(Subcommand)]
pub enum TrainingCommand {
    /// Training sessions, optionally of one programme
    List {
        #[arg(long, value_name = "ID")]
        programme: Option<String>,
        /// Only records of this status: 草稿 / 已提交 / 已锁定 / 已作废 (voided ones only so)
        #[arg(long)]
        status: Option<String>,
    },
    /// One session with its slots and attendance
    Show { id: String },
    /// Set up a session: TrainingSessionInput as JSON on stdin
    Add,
    /// Edit a session: TrainingSessionInput as JSON on stdin
    Edit { id: String },
    /// Attach a photographed sign-in sheet (JPEG, PNG or PDF)
    Attach { id: String, file: PathBuf },
    /// A training programme's totals against its targets, and the cost at its rates
    Totals {
        #[arg(long, value_name = "ID")]
        programme: String,
    },
    #[command(flatten)]
    Lifecycle(LifecycleCommand),
}

#[derive(Subcommand)]
pub enum AttendanceCommand {
    /// Record one person in one slot: AttendanceInput as JSON on stdin (a JSON list records a
    /// whole sheet in one transaction)
    Add,
    /// Take back an attendance row entered by mistake
    Remove { id: String },
    /// Confirm that a registered ID signed in under another name is the registered person
    /// (every row of that name and ID in the session then counts poor)
    ConfirmName { id: String },
}

/// Whether the command reads JSON on stdin (and so always answers JSON).
pub fn is_write(command: &TrainingCommand) -> bool {
    matches!(command, TrainingCommand::Add | TrainingCommand::Edit { .. })
}

pub fn attendance_is_write(command: &AttendanceCommand) -> bool {
    matches!(command, AttendanceCommand::Add)
}

fn describe(session: &TrainingSession) -> String {
    let township = if session.township_name.is_empty() {
        "县级".to_string()
    } else {
        session.township_name.clone()
    };
    let mut out = format!(
        "{}（{}，{}）\n{} 至 {}，{} 天；地点：{}；计划 {} 人\n主办：{}  承办：{}  授课：{}\n",
        session.title,
        session.kind_label,
        township,
        session.start_date,
        session.end_date,
        session.days,
        session.venue,
        session.planned_headcount,
        session.organiser,
        session.provider,
        session.trainers.join("、"),
    );
    for slot in &session.slots {
        out += &format!(
            "  {}：签到 {} 人（贫困 {}）\n",
            slot.label, slot.person_times, slot.poor_person_times
        );
    }
    out + &format!(
        "合计 {} 人次，{} 人·天，贫困人口 {} 人次；签到表照片 {} 张；状态 {}",
        session.person_times,
        session.person_days,
        session.poor_person_times,
        session.sheet_photos.len(),
        session.status
    )
}

fn attendance_table(rows: &[AttendanceRow]) -> String {
    let header = [
        "时段",
        "姓名",
        "性别",
        "年龄",
        "身份证号",
        "乡镇村",
        "登记册",
        "签名",
        "id",
    ];
    Table::of(&header, rows, |t, r| {
        let place = format!("{}{}", r.township_name, r.village_name);
        let signed = if r.signed { "已签" } else { "未签" };
        t.row(&[
            &r.slot_label,
            &r.name,
            &r.sex_label,
            &r.age,
            &r.id_masked,
            &place,
            &r.register_label,
            &signed,
            &r.id,
        ])
    })
    .with_count("人次")
}

fn totals_text(t: &TrainingTotals) -> String {
    let mut out = format!(
        "{}：{} 期（已办 {} 期），{} 人次 / {} 人，贫困人口 {} 人次 / {} 人，{} 人·天，费用 {} 元\n",
        t.programme_name,
        t.sessions,
        t.held_sessions,
        t.person_times,
        t.distinct_persons,
        t.poor_person_times,
        t.poor_persons,
        t.person_days,
        t.cost
    );
    for k in &t.by_kind {
        out += &format!(
            "  {}：{} 期，{} 人次，{} 人·天 × {} 元 = {} 元\n",
            k.kind_label,
            k.sessions,
            k.person_times,
            k.person_days,
            k.rate.as_deref().unwrap_or("（无标准）"),
            k.cost
        );
    }
    for w in &t.by_township {
        out += &format!(
            "  {}：{} 期，{} 人次（贫困 {}）\n",
            w.township_name, w.sessions, w.person_times, w.poor_person_times
        );
    }
    for a in &t.by_audience {
        out += &format!(
            "  {}：{} 人次（贫困 {}），{} 人·天\n",
            a.audience.label(),
            a.person_times,
            a.poor_person_times,
            a.person_days
        );
    }
    for target in &t.targets {
        let achieved = target.achieved.map_or("—".to_string(), |a| a.to_string());
        let mark = match target.met {
            Some(true) => "达标",
            Some(false) => "未达标",
            None => "未统计",
        };
        out += &format!(
            "  [目标] {}：{} / {} {}（{mark}）\n",
            target.label, achieved, target.target, target.unit
        );
    }
    out
}

pub fn training(store: &mut Store, command: &TrainingCommand, json: bool) -> Result<(), Error> {
    match command {
        TrainingCommand::List { programme, status } => {
            let status = status_filter(status.as_deref())?;
            let list = store.list_training_sessions(programme.as_deref(), status)?;
            let header = [
                "开始", "结束", "类型", "乡镇", "名称", "计划", "人次", "贫困", "状态", "id",
            ];
            print_list(json, &list, &header, "期培训", |t, s| {
                t.row(&[
                    &s.start_date,
                    &s.end_date,
                    &s.kind_label,
                    &s.township_name,
                    &s.title,
                    &s.planned_headcount,
                    &s.person_times,
                    &s.poor_person_times,
                    &status_label(&s.status),
                    &s.id,
                ])
            });
        }
        TrainingCommand::Show { id } => {
            let session = store.training_session(id)?;
            let attendance = store.attendance(id)?;
            let value = serde_json::json!({ "session": session, "attendance": attendance });
            print(json, &value, || {
                format!("{}\n{}", describe(&session), attendance_table(&attendance))
            });
        }
        TrainingCommand::Lifecycle(step) => {
            crate::lifecycle::run(store, RecordKind::TrainingSession, step, json)?
        }
        TrainingCommand::Add => save("培训", |input| store.add_training_session(input))?,
        TrainingCommand::Edit { id } => {
            save("培训", |input| store.update_training_session(id, input))?
        }
        TrainingCommand::Attach { id, file } => {
            let (name, bytes) = read_file(file)?;
            let saved = store.attach_sign_in_sheet(id, &name, &bytes)?;
            print(json, &saved, || {
                let mut out = format!("已附签到表照片：{}", describe(&saved.record));
                for w in &saved.warnings {
                    out += &format!("\n提醒 [{}]：{}", w.code, w.message);
                }
                out
            });
        }
        TrainingCommand::Totals { programme } => {
            let totals = store.training_totals(programme)?;
            print(json, &totals, || totals_text(&totals));
        }
    }
    Ok(())
}

pub fn attendance(store: &mut Store, command: &AttendanceCommand, json: bool) -> Result<(), Error> {
    match command {
        AttendanceCommand::Add => {
            let text = read_stdin()?;
            if text.trim_start().starts_with('[') {
                let inputs: Vec<AttendanceInput> = parse(&text, "签到列表")?;
                let saved: Vec<Saved<AttendanceRow>> = store.add_attendances(&inputs)?;
                print_json(&saved);
            } else {
                let input: AttendanceInput = parse(&text, "签到")?;
                print_json(&store.add_attendance(&input)?);
            }
        }
        AttendanceCommand::Remove { id } => {
            store.remove_attendance(id)?;
            let value = serde_json::json!({ "removed": id });
            print(json, &value, || format!("已撤销签到 {id}"));
        }
        AttendanceCommand::ConfirmName { id } => {
            let rows = store.confirm_attendance_name(id)?;
            print(json, &rows, || {
                format!(
                    "已核实为登记册中的同一人，{} 条签到计为贫困人口。",
                    rows.len()
                )
            });
        }
    }
    Ok(())
}
