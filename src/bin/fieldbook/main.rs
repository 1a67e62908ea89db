//! `fieldbook`: the county clerk's command line. Thin: parse, call the core, print.
//! Exit codes: 0 ok, 1 failure, 2 usage (clap's own code for bad arguments).

use std::path::PathBuf;
use std::process::ExitCode;

mod archive;
mod backup;
mod callbacks;
mod check;
mod console;
mod county;
mod dashboard;
mod db;
mod funds;
mod funds_pay;
mod funds_status;
mod inspections;
mod kinds;
mod lifecycle;
mod members;
mod notices;
mod print;
mod programmes;
mod records;
mod report;
mod sheets;
mod stations;
mod sync;
mod training;

use clap::{Args, Parser, Subcommand};
use console::{print, print_json, print_list, township_code, Table};
use fieldbook::domain::places::{Village, VillageInput};
use fieldbook::{demo, store, Error, Store};

#[derive(Parser)]
#[command(name = "fieldbook", version, about = "Fieldbook 乡镇电商帮扶台账")]
struct Cli {
    /// Database file [default: the platform's data directory, shared with the desktop app;
    /// FIELDBOOK_DB overrides it]
    #[arg(long, global = true, value_name = "PATH")]
    db: Option<PathBuf>,
    /// Print machine-readable JSON instead of tables
    #[arg(long, global = true)]
    json: bool,
    /// Name recorded in the change log for writes [default: FIELDBOOK_OFFICER, else the OS user]
    #[arg(long, global = true, value_name = "NAME", env = "FIELDBOOK_OFFICER")]
    officer: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Load the demo county 成县 (17 townships, 124 villages) into an empty database
    Demo,
    /// Database path, schema version and county
    Info,
    /// The database file: encryption at rest (status, encrypt, change the passphrase)
    #[command(subcommand)]
    Db(db::DbCommand),
    /// Check the change log's hash chain; names the first broken entry
    VerifyLog,
    /// Back the database up into one file (`backup --out F`), or check a backup (`backup verify F`)
    Backup(backup::BackupArgs),
    /// Restore a backup into a new database file, checked before it is created
    Restore(backup::RestoreArgs),
    /// A project archive (项目档案) of a programme, operator or training session as one zip
    /// (`archive --programme ID --out F.zip`), or check a copy (`archive verify F.zip`)
    Archive(archive::ArchiveArgs),
    /// Townships and villages
    #[command(subcommand)]
    Places(PlacesCommand),
    /// The register of registered households (建档立卡户)
    #[command(subcommand)]
    Households(records::HouseholdsCommand),
    /// Shops, enterprises, cooperatives and other operators (实施主体)
    #[command(subcommand)]
    Operators(records::OperatorsCommand),
    /// Linkage agreements (带贫协议) and their rosters
    #[command(subcommand)]
    Agreements(records::AgreementsCommand),
    /// Assistance ledgers (帮扶台账): append and reverse entries
    #[command(subcommand)]
    Ledger(records::LedgerCommand),
    /// Programmes: presets from the county plans and the programmes set up from them
    #[command(subcommand)]
    Programmes(programmes::ProgrammesCommand),
    /// Funds (资金): applications, awards, payments, recovery; fund status and budgets
    #[command(subcommand)]
    Funds(funds::FundsCommand),
    /// The county's lists of programme kinds and operator kinds (项目类型、实施主体类型)
    #[command(subcommand)]
    Kinds(kinds::KindsCommand),
    /// Village service stations: their monthly service records (站点月度服务)
    #[command(subcommand)]
    Stations(stations::StationsCommand),
    /// Training sessions (培训): set up, show, sign-in sheet photos, programme totals
    #[command(subcommand)]
    Training(training::TrainingCommand),
    /// Training attendance (签到): one person in one half-day slot
    #[command(subcommand)]
    Attendance(training::AttendanceCommand),
    /// Site inspections (初验 / 验收 / 复核) against a programme's checklist
    #[command(subcommand)]
    Inspections(inspections::InspectionsCommand),
    /// The county re-check (复核) sample
    #[command(subcommand)]
    Sample(inspections::SampleCommand),
    /// Import places, households, operators, a roster or a sign-in list from .xlsx/.csv
    Import(sheets::ImportArgs),
    /// Export a county template as .xlsx: households, roster, ledger, attendance or summary;
    /// a programme's disbursements or fund-status (--programme)
    Export(sheets::ExportArgs),
    /// The export audit: every spreadsheet written, by whom, and whether it held full ID numbers
    Exports,
    /// Printable forms as PDF (验收报告, 公示, 花名册, 台账, 签到表, 资金计划表, 培训汇总,
    /// 资金拨付明细表, 追回通知书, 资金使用情况表) and
    /// checking a printed copy's hash
    #[command(subcommand)]
    Print(print::PrintCommand),
    /// Statistics reports (统计表) of a period, compared with the period before
    #[command(subcommand)]
    Report(report::ReportCommand),
    /// Public notices (公示): the list, objections and their handling, the posted photo
    #[command(subcommand)]
    Notices(notices::NoticesCommand),
    /// County hub: set up, enroll and revoke township laptops
    #[command(subcommand)]
    County(sync::CountyCommand),
    /// This laptop's enrollment with the county
    #[command(subcommand)]
    Device(sync::DeviceCommand),
    /// Sync batches, receipts and reference packages
    #[command(subcommand)]
    Sync(sync::SyncCommand),
    /// Sync conflicts waiting for the county's review
    #[command(subcommand)]
    Conflicts(sync::ConflictsCommand),
    /// Integrity checks (核查): run them (`check [--township T]`), list, show and review findings
    Check(check::CheckArgs),
    /// Household call-backs (回访): draw a township's sample, print the call list, record outcomes
    #[command(subcommand)]
    Callbacks(callbacks::CallbacksCommand),
    /// The officer this device's changes are signed with
    #[command(subcommand)]
    Officer(county::OfficerCommand),
    /// The home dashboard (首页): targets, funds, inspections, training, townships, sync
    Dashboard(dashboard::DashboardArgs),
}

impl Command {
    /// Writes read JSON on stdin and always answer JSON, errors included.
    fn answers_json(&self) -> bool {
        match self {
            Command::Households(c) => records::is_write(Some(c), None, None),
            Command::Operators(c) => records::is_write(None, Some(c), None),
            Command::Agreements(c) => records::is_write(None, None, Some(c)),
            Command::Ledger(records::LedgerCommand::Add) => true,
            Command::Training(c) => training::is_write(c),
            Command::Attendance(c) => training::attendance_is_write(c),
            Command::Inspections(c) => inspections::is_write(c),
            Command::Programmes(c) => programmes::is_write(c),
            Command::Funds(c) => funds::is_write(c),
            Command::Notices(c) => notices::is_write(c),
            Command::Stations(c) => stations::is_write(c),
            _ => false,
        }
    }
}

#[derive(Subcommand)]
enum PlacesCommand {
    /// List villages, optionally of one township (name or 9-digit code)
    List {
        #[arg(long, value_name = "NAME")]
        township: Option<String>,
    },
    /// List townships with their village counts
    Townships,
    /// Add a village
    Add(VillageArgs),
    /// Who changed the village with this 12-digit code, when, from which device, old → new
    History { code: String },
    /// Edit the village with this 12-digit code
    Edit {
        code: String,
        #[command(flatten)]
        changes: VillageChanges,
    },
    /// Add a township (9-digit code beginning with the county's code)
    AddTownship {
        #[arg(long)]
        code: String,
        #[arg(long)]
        name: String,
    },
    /// Rename the county (6-digit code), a township (9) or a village (12)
    Rename {
        #[arg(long)]
        code: String,
        #[arg(long)]
        name: String,
    },
    /// Retire a township (9-digit code) or village (12): kept for its records, not offered
    /// for new ones
    Retire {
        #[arg(long)]
        code: String,
    },
}

#[derive(Args)]
struct VillageArgs {
    /// Township name or 9-digit code
    #[arg(long)]
    township: String,
    /// 12-digit statistical code
    #[arg(long)]
    code: String,
    #[arg(long)]
    name: String,
    /// Mark as a poor village (贫困村)
    #[arg(long)]
    poor: bool,
}

#[derive(Args)]
struct VillageChanges {
    #[arg(long)]
    name: Option<String>,
    #[arg(long = "new-code")]
    new_code: Option<String>,
    /// true for 贫困村, false for 非贫困村
    #[arg(long)]
    poor: Option<bool>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let json = cli.json || cli.command.answers_json();
    match run(&cli) {
        Ok(()) => ExitCode::SUCCESS,
        // verify-log --json has already printed the report naming the broken entry.
        Err(Error::LogBroken { .. }) if cli.json => ExitCode::FAILURE,
        // import has already printed its report, which says why nothing (or not all) went in.
        Err(Error::ImportRefused { .. }) => ExitCode::FAILURE,
        // archive verify has already printed what is missing, altered or extra.
        Err(ref error) if archive::reported(error) => ExitCode::FAILURE,
        Err(error) => {
            if json {
                // `errors` lists every problem of a refused input; the first is the error itself.
                let errors: Vec<_> = error
                    .problems()
                    .iter()
                    .map(|p| serde_json::json!({ "code": p.code, "field": p.field, "message": p.message }))
                    .collect();
                let body = serde_json::json!({
                    "error": {
                        "code": error.code(),
                        "message": error.first_message(),
                        "field": error.field(),
                        "errors": errors,
                    }
                });
                console::print_line(&body.to_string());
            } else {
                eprintln!("错误 [{}]：{error}", error.code());
            }
            ExitCode::FAILURE
        }
    }
}

fn run(cli: &Cli) -> Result<(), Error> {
    // Restoring and verifying read a backup file and never open (or create) the database.
    match &cli.command {
        Command::Restore(args) => return backup::restore(args, cli.json),
        Command::Backup(args) if args.opens_no_store() => return backup::verify(args, cli.json),
        Command::Archive(args) if args.opens_no_store() => return archive::verify(args, cli.json),
        _ => {}
    }
    let path = match &cli.db {
        Some(path) => path.clone(),
        None => store::default_db_path()?,
    };
    // The file itself: read or converted before (and without) the store opening it.
    if let Command::Db(command) = &cli.command {
        return db::run(&path, command, cli.json);
    }
    // An encrypted database is opened with FIELDBOOK_PASSPHRASE (scripts and tests).
    let mut store = Store::open_with(&path, store::Passphrase::from_env().as_ref())?;
    if let Some(officer) = &cli.officer {
        store.set_officer(officer);
    }
    let json = cli.json;
    match &cli.command {
        Command::Households(command) => records::households(&mut store, command, json),
        Command::Operators(command) => records::operators(&mut store, command, json),
        Command::Agreements(command) => records::agreements(&mut store, command, json),
        Command::Ledger(command) => records::ledger(&mut store, command, json),
        Command::Programmes(command) => programmes::run(&mut store, command, json),
        Command::Funds(command) => funds::run(&mut store, command, json),
        Command::Kinds(command) => kinds::run(&mut store, command, json),
        Command::Training(command) => training::training(&mut store, command, json),
        Command::Stations(command) => stations::run(&mut store, command, json),
        Command::Attendance(command) => training::attendance(&mut store, command, json),
        Command::Inspections(command) => inspections::inspections(&mut store, command, json),
        Command::Sample(command) => inspections::sample(&mut store, command, json),
        Command::Import(args) => sheets::run_import(&mut store, args, json),
        Command::Export(args) => sheets::run_export(&store, args, json),
        Command::Exports => sheets::run_export_audit(&store, json),
        Command::Print(command) => print::run(&mut store, command, json),
        Command::Report(command) => report::run(&mut store, command, json),
        Command::Notices(command) => notices::run(&mut store, command, json),
        Command::County(command) => sync::county(&mut store, command, json),
        Command::Device(command) => sync::device(&mut store, command, json),
        Command::Sync(command) => sync::sync(&mut store, command, json),
        Command::Conflicts(command) => sync::conflicts(&mut store, command, json),
        Command::Check(args) => check::run(&mut store, args, cli.officer.as_deref(), json),
        Command::Callbacks(command) => {
            callbacks::run(&mut store, command, cli.officer.as_deref(), json)
        }
        Command::Officer(command) => county::officer(&mut store, command, json),
        Command::Dashboard(args) => dashboard::run(&store, args, json),
        Command::Places(command) => places(&mut store, command, json),
        Command::VerifyLog => verify_log(&store, json),
        Command::Backup(args) => backup::backup(&store, args, json),
        Command::Archive(args) => archive::archive(&mut store, args, json),
        Command::Restore(_) => unreachable!("restore opens no store"),
        Command::Demo => {
            let report = demo::load_demo(&mut store)?;
            print(json, &report, || {
                if report.already_loaded {
                    format!("示范县{}已在数据库中，未做改动。", report.county)
                } else {
                    format!(
                        "已装入示范县{}：{} 个乡镇，{} 个村，{} 户建档立卡户，{} 个示范店及其带贫协议，花名册 {} 户次，台账 {} 笔；{} 个项目，{} 次核验，{} 期培训（签到 {} 人次）；扶持资金 {} 笔，拨付 {} 笔，追回决定 {} 件。",
                        report.county,
                        report.townships_added,
                        report.villages_added,
                        report.households_added,
                        report.operators_added,
                        report.roster_rows_added,
                        report.ledger_entries_added,
                        report.programmes_added,
                        report.inspections_added,
                        report.training_sessions_added,
                        report.attendance_added,
                        report.fund_awards_added,
                        report.fund_payments_added,
                        report.fund_recoveries_added
                    )
                }
            });
            Ok(())
        }
        Command::Db(_) => unreachable!("run before the store opens"),
        Command::Info => {
            let info = serde_json::json!({
                "db": path,
                "schemaVersion": store.schema_version()?,
                "databaseId": store.database_id()?,
                "county": store.county()?,
                "start": store.start_state()?,
                // Where printing takes its fonts from: an installed package's own copy, or the
                // source tree's (a diagnostic for a print that fails with PRINT_FONT).
                "fontsDir": fieldbook::print::fonts::font_dir(),
            });
            print(json, &info, || {
                let county = info["county"]["name"].as_str().unwrap_or("（尚未设置）");
                let demo = if info["start"]["isDemo"] == true {
                    "（示范数据）"
                } else {
                    ""
                };
                format!(
                    "数据库：{}\n结构版本：{}\n县：{county}{demo}\n经办人：{}\n打印字体：{}",
                    path.display(),
                    info["schemaVersion"],
                    info["start"]["officer"].as_str().unwrap_or_default(),
                    info["fontsDir"].as_str().unwrap_or_default()
                )
            });
            Ok(())
        }
    }
}

fn verify_log(store: &Store, json: bool) -> Result<(), Error> {
    let check = store.verify_log()?;
    if json {
        print_json(&check);
    }
    match &check.first_broken {
        None => {
            if !json {
                console::print_line(&format!(
                    "变更记录完整：共 {} 条，链尾哈希 {}。",
                    check.entries, check.head_hash
                ));
            }
            Ok(())
        }
        Some(broken) => Err(Error::LogBroken {
            seq: broken.seq,
            reason: broken.reason.clone(),
        }),
    }
}

fn places(store: &mut Store, command: &PlacesCommand, json: bool) -> Result<(), Error> {
    match command {
        PlacesCommand::AddTownship { code, name } => county::add_township(store, code, name, json)?,
        PlacesCommand::Rename { code, name } => county::rename_place(store, code, name, json)?,
        PlacesCommand::Retire { code } => county::retire_place(store, code, json)?,
        PlacesCommand::History { code } => {
            let village = find_village(store, code)?;
            let history = store.history("village", &village.id)?;
            print(json, &history, || {
                let mut out = format!(
                    "{}{}（{}）的变更记录：\n",
                    village.township_name, village.name, village.code
                );
                for entry in &history {
                    let fields: Vec<String> = entry
                        .fields
                        .iter()
                        .map(|(field, (old, new))| format!("{field}: {old} → {new}"))
                        .collect();
                    out += &format!(
                        "#{} {} {} 设备 {} {}：{}\n",
                        entry.seq,
                        fieldbook::store::hlc::format(entry.hlc),
                        entry.officer,
                        &entry.device_id[..8.min(entry.device_id.len())],
                        entry.op,
                        fields.join("；")
                    );
                }
                out
            });
        }
        PlacesCommand::Townships => {
            let townships = store.list_townships()?;
            let header = ["代码", "乡镇", "村数", "贫困村数"];
            print_list(json, &townships, &header, "个乡镇", |t, w| {
                t.row(&[&w.code, &w.name, &w.village_count, &w.poor_village_count])
            });
        }
        PlacesCommand::List { township } => {
            let code = township_code(store, township.as_deref())?;
            let villages = store.list_villages(code.as_deref())?;
            print(json, &villages, || village_table(&villages));
        }
        PlacesCommand::Add(args) => {
            let township = store.find_township(&args.township)?;
            let village = store.add_village(&VillageInput {
                township_code: township.code,
                code: args.code.clone(),
                name: args.name.clone(),
                poor: args.poor,
            })?;
            print(json, &village, || {
                format!("已新增：{}", village_table(std::slice::from_ref(&village)))
            });
        }
        PlacesCommand::Edit { code, changes } => {
            let current = find_village(store, code)?;
            let village = store.update_village(
                &current.id,
                &VillageInput {
                    township_code: current.township_code.clone(),
                    code: changes.new_code.clone().unwrap_or(current.code.clone()),
                    name: changes.name.clone().unwrap_or(current.name.clone()),
                    poor: changes.poor.unwrap_or(current.poor),
                },
            )?;
            print(json, &village, || {
                format!("已修改：{}", village_table(std::slice::from_ref(&village)))
            });
        }
    }
    Ok(())
}

fn find_village(store: &Store, code: &str) -> Result<Village, Error> {
    let code = fieldbook::domain::places::normalise_code(code);
    store
        .list_villages(None)?
        .into_iter()
        .find(|v| v.code == code)
        .ok_or(Error::not_found("村代码", code))
}

fn village_table(villages: &[Village]) -> String {
    Table::of(&["代码", "乡镇", "村", "类别"], villages, |t, v| {
        let class = if v.poor { "贫困村" } else { "非贫困村" };
        t.row(&[&v.code, &v.township_name, &v.name, &class])
    })
    .with_count("个村")
}
