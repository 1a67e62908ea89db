//! A record's life from the command line, the same three steps for households, operators,
//! agreements, training sessions and notices: `submit`, `void --reason`, and on the county hub
//! `lock`. Each answers the record's state (`--json`: `RecordState`); list commands take
//! `--status` (草稿 / 已提交 / 已锁定 / 已作废, or draft / submitted / locked / voided).

use clap::Subcommand;
use fieldbook::domain::lifecycle::{RecordKind, RecordStatus};
use fieldbook::store::RecordState;
use fieldbook::{Error, Store};

use crate::console::print;

#[derive(Subcommand)]
pub enum LifecycleCommand {
    /// Submit a draft to the county (提交)
    Submit { id: String },
    /// Void a draft or submitted record (作废); the reason is required and kept
    Void {
        id: String,
        #[arg(long)]
        reason: String,
    },
    /// County hub only: lock a submitted record the county has accepted (锁定)
    Lock { id: String },
}

pub fn run(
    store: &mut Store,
    kind: RecordKind,
    command: &LifecycleCommand,
    json: bool,
) -> Result<(), Error> {
    let state = match command {
        LifecycleCommand::Submit { id } => store.submit_record(kind, id)?,
        LifecycleCommand::Void { id, reason } => store.void_record(kind, id, reason)?,
        LifecycleCommand::Lock { id } => store.lock_record(kind, id)?,
    };
    print(json, &state, || describe(&state));
    Ok(())
}

fn describe(state: &RecordState) -> String {
    match &state.void_reason {
        Some(reason) if state.status == RecordStatus::Voided => {
            format!("{}：{}（原因：{reason}）", state.id, state.status.label())
        }
        _ => format!("{}：{}", state.id, state.status.label()),
    }
}

/// `--status` as typed; an unknown status is refused with `RECORD_STATUS`.
pub fn status_filter(raw: Option<&str>) -> Result<Option<RecordStatus>, Error> {
    Ok(raw.map(RecordStatus::parse).transpose()?)
}

/// A row's status code as a list prints it.
pub fn status_label(code: &str) -> &'static str {
    RecordStatus::ALL
        .into_iter()
        .find(|s| s.code() == code)
        .map_or("草稿", RecordStatus::label)
}
