//! `fieldbook county …`, `device …`, `sync …`, `conflicts …`: enrollment, batch files, receipts
//! and reference packages, conflict review. Thin: read files, call the core, print.

use std::path::PathBuf;

use clap::{Subcommand, ValueEnum};
use fieldbook::sync::files::{read_limited, write_atomic};
use fieldbook::sync::sql::Resolution;
use fieldbook::Code;
use fieldbook::{Error, Store};

use crate::console::{print, Table};

#[derive(Subcommand)]
pub enum CountyCommand {
    /// Start this database's county: its 6-digit code and real name (once, on a database that
    /// holds no county and no demo)
    Create(crate::county::CreateArgs),
    /// Rename this database's county
    Rename {
        #[arg(long)]
        name: String,
    },
    /// Make this database the county hub (once): creates the county's keys
    Init,
    /// Show a laptop's enrollment request (officer, fingerprint, any earlier enrollment)
    /// without enrolling it
    ReadRequest { request: PathBuf },
    /// Enroll a township laptop from its request file; writes the signed answer
    Enroll {
        request: PathBuf,
        /// Township name or 9-digit code the device is bound to
        #[arg(long)]
        township: String,
        #[arg(long)]
        out: PathBuf,
    },
    /// Revoke an enrolled device: its batches are refused from now on
    Revoke { device: String },
    /// Enrolled devices with their township and status
    Devices,
    /// The county's settings; change them with their options (county hub only)
    Settings(crate::county::SettingsArgs),
}

#[derive(Subcommand)]
pub enum DeviceCommand {
    /// Write this laptop's enrollment request (and show its fingerprint to read out)
    Request {
        #[arg(long)]
        out: PathBuf,
    },
    /// Apply the county's signed enrollment answer
    Enroll { answer: PathBuf },
}

#[derive(Subcommand)]
pub enum SyncCommand {
    /// Device: write every change since the last receipt to one encrypted, signed file
    Export {
        #[arg(long)]
        out: PathBuf,
    },
    /// County: import a batch file (report per kind of record; --dry-run writes nothing)
    Import {
        file: PathBuf,
        #[arg(long)]
        dry_run: bool,
        /// Also write the signed receipt to this file
        #[arg(long)]
        receipt: Option<PathBuf>,
    },
    /// County: write the reference package (with the latest receipt) for a device
    Package {
        #[arg(long)]
        device: String,
        #[arg(long)]
        out: PathBuf,
    },
    /// Device: apply a reference package or a receipt from the county
    Apply { file: PathBuf },
    /// Mode, pending changes by kind, last export and receipt
    Status,
    /// Device: the records the county refused (another township's), until voided or corrected
    Refused,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Keep {
    County,
    Incoming,
}

#[derive(Subcommand)]
pub enum ConflictsCommand {
    /// Open conflicts (base / county / incoming); --all includes resolved ones
    List {
        #[arg(long)]
        all: bool,
    },
    /// Resolve a conflict with a note: keep the county's or the incoming value, or set one
    Resolve {
        id: String,
        #[arg(long, value_enum, conflicts_with = "value")]
        keep: Option<Keep>,
        /// The value to set, as JSON (e.g. '"张三"')
        #[arg(long)]
        value: Option<String>,
        #[arg(long)]
        note: String,
    },
}

pub fn county(store: &mut Store, command: &CountyCommand, json: bool) -> Result<(), Error> {
    match command {
        CountyCommand::Create(args) => crate::county::create(store, args, json)?,
        CountyCommand::Rename { name } => crate::county::rename(store, name, json)?,
        CountyCommand::Init => {
            let s = store.county_init()?;
            print(json, &s, || {
                format!("已设为县中心。县中心指纹：{}", s.device_fingerprint)
            });
        }
        CountyCommand::ReadRequest { request } => {
            let info = store.county_read_request(&read_limited(request)?)?;
            print(json, &info, || {
                let earlier = match &info.enrolled {
                    Some(d) if d.status == "revoked" => {
                        format!("，已于 {} 注销", d.revoked_at.clone().unwrap_or_default())
                    }
                    Some(d) => format!("，已登记到 {}", d.township_name),
                    None => String::new(),
                };
                format!(
                    "设备 {}（经办人 {}），指纹 {}{earlier}。请与乡镇干部电话核对指纹。",
                    info.device_id, info.officer, info.device_fingerprint
                )
            });
        }
        CountyCommand::Enroll {
            request,
            township,
            out,
        } => {
            let bytes = read_limited(request)?;
            let (answer, s) = store.county_enroll(&bytes, township)?;
            write_atomic(out, &answer)?;
            print(json, &s, || {
                format!(
                    "已登记设备 {}（指纹 {}）到 {}。请把 {} 交给该设备导入。",
                    s.device_id,
                    s.device_fingerprint,
                    s.township_name.clone().unwrap_or_default(),
                    out.display()
                )
            });
        }
        CountyCommand::Revoke { device } => {
            let s = store.county_revoke(device)?;
            print(json, &s, || {
                let d = &s.device;
                let when = d.revoked_at.clone().unwrap_or_default();
                if s.already_revoked {
                    format!(
                        "设备 {}（{} · {}）已于 {when} 注销，本次没有改动。",
                        d.device_id, d.township_name, d.officer
                    )
                } else {
                    format!(
                        "已注销设备 {}（{} · {}），此后它的同步包一律拒收。",
                        d.device_id, d.township_name, d.officer
                    )
                }
            });
        }
        CountyCommand::Settings(args) => crate::county::settings(store, args, json)?,
        CountyCommand::Devices => {
            let rows = store.sync_devices()?;
            print(json, &rows, || {
                let header = [
                    "设备",
                    "乡镇",
                    "经办人",
                    "指纹",
                    "状态",
                    "已收到序号",
                    "待处理冲突",
                ];
                Table::of(&header, &rows, |t, d| {
                    let status = match &d.revoked_at {
                        Some(at) => format!("已注销（{at}）"),
                        None => "在用".to_string(),
                    };
                    t.row(&[
                        &d.device_id,
                        &d.township_name,
                        &d.officer,
                        &d.fingerprint,
                        &status,
                        &d.last_seq,
                        &d.open_conflicts,
                    ])
                })
                .done()
            });
        }
    }
    Ok(())
}

pub fn device(store: &mut Store, command: &DeviceCommand, json: bool) -> Result<(), Error> {
    match command {
        DeviceCommand::Request { out } => {
            let (bytes, s) = store.device_request()?;
            write_atomic(out, &bytes)?;
            print(json, &s, || {
                format!(
                    "登记申请已写入 {}。请电话告知县里本机指纹：{}",
                    out.display(),
                    s.device_fingerprint
                )
            });
        }
        DeviceCommand::Enroll { answer } => {
            let s = store.device_enroll(&read_limited(answer)?)?;
            print(json, &s, || {
                format!(
                    "已登记到 {}。县中心指纹：{}（请与县里核对）",
                    s.township_name.clone().unwrap_or_default(),
                    s.county_fingerprint.clone().unwrap_or_default()
                )
            });
        }
    }
    Ok(())
}

/// `sync …`. A refused import is an error (exit 1); its code says why.
pub fn sync(store: &mut Store, command: &SyncCommand, json: bool) -> Result<(), Error> {
    match command {
        SyncCommand::Export { out } => {
            let s = fieldbook::sync::export_to(store, out)?;
            print(json, &s, || {
                format!(
                    "已导出同步包 {}：第 {}–{} 条修改，{} 字节。",
                    s.file, s.seq_from, s.seq_to, s.bytes
                )
            });
        }
        SyncCommand::Import {
            file,
            dry_run,
            receipt,
        } => {
            let bytes = read_limited(file)?;
            let result = store.import_batch(&bytes, *dry_run)?;
            if let (Some(path), Some(bytes)) = (receipt, &result.receipt) {
                write_atomic(path, bytes)?;
            }
            let r = &result.report;
            print(json, r, || {
                let mut out = match r.outcome.as_str() {
                    "duplicate" => "这个同步包已经导入过，本次没有任何改动。\n".to_string(),
                    "staged" => format!(
                        "缺少第 {} 条起的修改：本包已暂存，等缺的那个包到了再一起导入。\n",
                        r.waiting_for.unwrap_or(0)
                    ),
                    "refused" => "县里拒收了本包的全部修改：什么也没有写入，也没有回执。请按下面的原因处理后重新导入同一个包。\n".to_string(),
                    _ if r.dry_run => "试导入（未写入）：\n".to_string(),
                    _ => "已导入：\n".to_string(),
                };
                out += "类型\t新增\t修改\t未变\t冲突\t拒收\n";
                for (entity, c) in &r.entities {
                    out += &format!(
                        "{entity}\t{}\t{}\t{}\t{}\t{}\n",
                        c.new, c.changed, c.unchanged, c.conflicts, c.refused
                    );
                }
                for refusal in &r.refused {
                    out += &format!(
                        "拒收 [{}] {} {}：{}\n",
                        refusal.code, refusal.entity, refusal.record_id, refusal.message
                    );
                }
                if let Some(c) = &result.checks {
                    out += &format!(
                        "核查：新发现 {} 条，仍存在 {} 条，已消除 {} 条（fieldbook check list 查看）。\n",
                        c.new, c.still_open, c.closed
                    );
                }
                out
            });
        }
        SyncCommand::Package { device, out } => {
            let (bytes, s) = store.sync_package(device)?;
            write_atomic(out, &bytes)?;
            print(json, &s, || {
                format!("参考数据包（版本 {}）已写入 {}。", s.version, out.display())
            });
        }
        SyncCommand::Apply { file } => {
            let r = store.sync_apply(&read_limited(file)?)?;
            print(json, &r, || {
                if r.ignored {
                    format!(
                        "这个数据包比本机已有的旧，已忽略（回执已确认到第 {} 条）。",
                        r.acked_seq
                    )
                } else {
                    format!(
                        "已应用：县里已确认到第 {} 条修改；新增 {} 条、更新 {} 条记录。",
                        r.acked_seq, r.created, r.updated
                    )
                }
            });
        }
        SyncCommand::Status => {
            let s = store.sync_status()?;
            print(json, &s, || {
                format!(
                    "模式：{}\n待同步：{:?}\n上次导出：{}\n上次回执：{}",
                    s.mode,
                    s.pending,
                    s.last_export.clone().unwrap_or_else(|| "—".into()),
                    s.last_receipt.clone().unwrap_or_else(|| "—".into())
                )
            });
        }
        SyncCommand::Refused => {
            let rows = store.sync_refused()?;
            print(json, &rows, || {
                if rows.is_empty() {
                    return "县里没有拒收的记录。".to_string();
                }
                let header = ["记录", "编号", "修改", "原因", "怎么办"];
                Table::of(&header, &rows, |t, r| {
                    let what = if r.void_kind.is_some() && r.op == "create" {
                        "作废；或把它改到本乡镇的村（主体、协议），下次同步即导入"
                    } else if r.void_kind.is_some() {
                        "作废，或改回本乡镇"
                    } else if r.op == "create" {
                        "把它所属的记录改到本乡镇的村，或作废所属的记录"
                    } else {
                        "改回本乡镇"
                    };
                    t.row(&[&r.label, &r.record_id, &r.op, &r.message, &what]);
                })
                .done()
            });
        }
    }
    Ok(())
}

pub fn conflicts(store: &mut Store, command: &ConflictsCommand, json: bool) -> Result<(), Error> {
    match command {
        ConflictsCommand::List { all } => {
            let rows = store.sync_conflicts(*all)?;
            print(json, &rows, || {
                let header = ["编号", "记录", "字段", "原值", "县里", "设备", "状态"];
                Table::of(&header, &rows, |t, c| {
                    let record = format!("{} {}", c.entity, c.record_id);
                    t.row(&[
                        &c.id,
                        &record,
                        &c.field,
                        &c.base,
                        &c.county,
                        &c.incoming,
                        &c.status,
                    ])
                })
                .done()
            });
        }
        ConflictsCommand::Resolve {
            id,
            keep,
            value,
            note,
        } => {
            let choice = match (keep, value) {
                (Some(Keep::County), _) => Resolution::County,
                (Some(Keep::Incoming), _) => Resolution::Incoming,
                (None, Some(v)) => Resolution::Value(serde_json::from_str(v).map_err(|_| {
                    fieldbook::sync::refuse(
                        Code::SYNC_BAD_VALUE,
                        "--value 须是 JSON，例如 '\"张三\"'。",
                    )
                })?),
                (None, None) => {
                    return Err(fieldbook::sync::refuse(
                        Code::USAGE,
                        "请用 --keep county|incoming 或 --value 指定采用的值。",
                    ))
                }
            };
            let c = store.resolve_conflict(id, choice, note)?;
            print(json, &c, || format!("冲突 {} 已处理。", c.id));
        }
    }
    Ok(())
}
