//! The IPC commands. Each is declared once in `commands!`, which writes the `#[tauri::command]`
//! function and its TypeScript signature from the same tokens, so the generated bindings cannot
//! name an argument or a type the Rust side does not have.

use fieldbook::checks::callbacks::{CallInput, CallbackItem, CallbackSample};
use fieldbook::checks::{
    CheckRun, CheckSettings, FindingCount, FindingFilter, FindingStatus, FindingView,
    ProductSeasons, Scope, Thresholds,
};
use fieldbook::domain::agreements::{
    Agreement, AgreementInput, AgreementSummary, HouseholdLinks, LedgerInput, LedgerRow,
    RosterInput, RosterRow,
};
use fieldbook::domain::county_settings::CountySettings;
use fieldbook::domain::dashboard::{Dashboard, DashboardFilter};
use fieldbook::domain::fund_plan::{FundPlan, PlanSource};
use fieldbook::domain::funds::{
    Application, ApplicationInput, Ban, BanInput, DecisionFilter, DecisionInput, FundSettings,
    LiftBanInput, ReviewInput,
};
use fieldbook::domain::funds::{
    Award, AwardInput, ContractInput, Disbursement, GateOverride, GateVerdict, OverrideInput,
    PaymentInput, RecoveredInput, Recovery, RecoveryInput, ReversalInput,
};
use fieldbook::domain::funds::{FundBudgets, FundStatus};
use fieldbook::domain::household_members::{HouseholdMember, MemberInput, RegisterPerson};
use fieldbook::domain::households::{
    Category, Household, HouseholdInput, HouseholdPage, HouseholdQuery,
};
use fieldbook::domain::inspections::{
    ComputedValue, Inspection, InspectionInput, InspectionPhoto, InspectionSummary, RecheckSample,
    WizardStep,
};
use fieldbook::domain::kinds::{KindInput, KindList, KindOption};
use fieldbook::domain::lifecycle::{RecordKind, RecordStatus};
use fieldbook::domain::notices::{
    ListSource, Notice, NoticeEntry, NoticeInput, NoticePrivacy, NoticeSummary, ObjectionInput,
};
use fieldbook::domain::operators::{Operator, OperatorInput};
use fieldbook::domain::places::{County, Place, TownshipSummary, Village, VillageInput};
use fieldbook::domain::programmes::progress::FundShares;
use fieldbook::domain::programmes::{
    Preset, PresetListing, Programme, ProgrammeProgress, ProgrammeSummary,
};
use fieldbook::domain::stations::{StationMonth, StationMonthInput, VoidedMonth};
use fieldbook::domain::stats::{StatsReport, StatsRequest};
use fieldbook::domain::training::{
    AttendanceInput, AttendanceRow, TrainingSession, TrainingSessionInput, TrainingSessionSummary,
    TrainingTotals,
};
use fieldbook::domain::Saved;
use fieldbook::print::archive::{ArchiveReport, ScopeKind};
use fieldbook::print::forms::findings::FindingsScope;
use fieldbook::print::{FormKind, Preview};
use fieldbook::print::{SavedPrint, Verification};
use fieldbook::sheets::{ExportKind, ExportSummary, ImportOptions, ImportReport};
use fieldbook::store::{BackupCheck, BackupReport, BackupStatus, RestoreReport};
use fieldbook::store::{HistoryEntry, RecordState};
use fieldbook::sync::sql::PackageSummary;
use fieldbook::sync::{
    ApplyReport, BatchExportSummary, BatchImportReport, Conflict, DeviceRow, EnrollmentSummary,
    RefusedRecord, RequestInfo, RevokeSummary, SyncStatus,
};
use fieldbook::Code;
use serde::Serialize;
use tauri::State;
use ts_rs::TS;

use crate::bindings::CommandSig;
use crate::error::IpcError;
use crate::state::{AppState, Backend};

/// What the window needs to know before anything else: which database, and whether it opened.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    pub app_version: String,
    pub db_path: String,
    pub schema_version: u32,
    pub county: Option<County>,
    /// The name the change log records for this device's writes.
    pub officer: String,
    /// A name was saved on this device (else the app asks for one before work starts).
    pub officer_set: bool,
    /// Set when the database could not be opened; every other command then answers this error.
    pub startup_error: Option<IpcError>,
    /// The open database holds the demo county (a 演示数据 banner on every screen).
    pub is_demo: bool,
    /// `none` (not set up for sync yet) | `device` (a township laptop) | `county` (the hub).
    pub sync_mode: String,
    /// The user's own database, which 退出演示 returns to (the open one unless in the demo).
    pub own_db_path: String,
    /// Whether the database is open, not created yet, or waiting for its passphrase.
    pub access: Access,
    /// The open database is encrypted at rest (a real county's plain one shows 台账未加密).
    pub encrypted: bool,
    /// Seconds without input before the app locks the open database; 0 = never (a plain
    /// database or the demo never locks: it has no passphrase to ask).
    pub idle_lock_seconds: u32,
}

/// Where the database behind the window stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Access {
    /// Open: the screens read and write it.
    Open,
    /// No database yet: the first-run screen creates it with the passphrase chosen there.
    Missing,
    /// Encrypted and closed (at start or after the idle lock): the unlock screen asks for the
    /// passphrase; nothing of the register is read before it opens.
    Locked,
}

/// An export saved by the desktop app, and where.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SavedExport {
    pub path: String,
    pub summary: ExportSummary,
}

macro_rules! commands {
    ($(
        $(#[doc = $doc:literal])*
        fn $name:ident($($arg:ident : $ty:ty),*) -> $ret:ty = |$store:ident| $body:expr;
    )*) => {
        $(
            $(#[doc = $doc])*
            #[tauri::command]
            pub async fn $name(
                state: State<'_, AppState>,
                $($arg: $ty),*
            ) -> Result<$ret, IpcError> {
                state.inner().with_store(move |$store| $body).await
            }
        )*

        /// Signatures of the store commands, in declaration order, for the TypeScript bindings.
        pub fn store_command_signatures(cfg: &ts_rs::Config) -> Vec<CommandSig> {
            vec![$(CommandSig {
                name: stringify!($name),
                doc: concat!($($doc),*).trim().to_string(),
                args: vec![$((stringify!($arg), <$ty as TS>::name(cfg))),*],
                ret: <$ret as TS>::name(cfg),
            }),*]
        }

        /// The handler to pass to `tauri::Builder::invoke_handler`.
        pub fn invoke_handler<R: tauri::Runtime>(
        ) -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
            tauri::generate_handler![
                app_info, open_demo, leave_demo, save_print_as, backup_now, pick_backup_file,
                export_archive,
                restore_from_backup,
                crate::unlock::create_database, crate::unlock::unlock, crate::unlock::lock,
                crate::unlock::encrypt_database, crate::unlock::change_passphrase,
                $($name),*
            ]
        }
    };
}

commands! {
    /// Townships of the county with their village and poor-village counts, by code.
    fn list_townships() -> Vec<TownshipSummary> = |store| store.list_townships();

    /// Villages of one township (9-digit code), by code.
    fn list_villages(township_code: String) -> Vec<Village> =
        |store| store.list_villages(Some(&township_code));

    /// Adds a village; refuses an empty name, a code of the wrong shape or a duplicate code.
    fn add_village(input: VillageInput) -> Village = |store| store.add_village(&input);

    /// Edits a village's name, code, poor flag or township, keeping its id.
    fn update_village(id: String, input: VillageInput) -> Village =
        |store| store.update_village(&id, &input);

    /// Starts this database's county (first run): its 6-digit code and name. Refused when the
    /// database holds a county already or the demo.
    fn create_county(code: String, name: String) -> County = |store| store.create_county(&code, &name);

    /// Renames the county (its code stays).
    fn rename_county(name: String) -> County = |store| store.rename_county(&name);

    /// Adds a township (9-digit code under the county's).
    fn add_township(code: String, name: String) -> TownshipSummary =
        |store| store.add_township(&code, &name);

    /// Renames a township or village by its code; older prints keep the old name.
    fn rename_place(code: String, name: String) -> Place = |store| store.rename_place(&code, &name);

    /// Retires a township or village: kept for the records that name it, not offered for new ones.
    fn retire_place(code: String) -> Place = |store| store.retire_place(&code);

    /// Remembers who uses this device; the change log names them from now on.
    fn set_officer(name: String) -> String = |store| {
        store.save_officer(&name)?;
        Ok(store.officer().to_string())
    };

    /// Every change of a village, oldest first: who, when, which device, old → new.
    fn village_history(id: String) -> Vec<HistoryEntry> =
        |store| store.readable_history("village", &id);

    /// Every change of any record (entity: household, operator, agreement, roster,
    /// ledger_entry, village …), oldest first.
    fn record_history(entity: String, id: String) -> Vec<HistoryEntry> =
        |store| store.readable_history(&entity, &id);

    /// The county's household categories (labels are configurable per county).
    fn household_categories() -> Vec<Category> = |store| store.household_categories();

    /// One page of the register: by name (prefix first), by the last digits of an ID number,
    /// by township or village. ID numbers come masked.
    fn search_households(query: HouseholdQuery) -> HouseholdPage =
        |store| store.search_households(&query);

    /// One household with its full ID number, for the detail page.
    fn household(id: String) -> Household = |store| store.household(&id);

    /// Registers a household; refuses a bad or already registered ID number.
    fn add_household(input: HouseholdInput) -> Saved<Household> =
        |store| store.add_household(&input);

    fn update_household(id: String, input: HouseholdInput) -> Saved<Household> =
        |store| store.update_household(&id, &input);

    /// The agreements a household is on, with its income derived from each ledger.
    fn household_links(id: String) -> HouseholdLinks = |store| store.household_links(&id);

    /// Operators, optionally of one township (9-digit code) and of one status (live ones
    /// without; voided ones only with `voided`).
    fn list_operators(township_code: Option<String>, status: Option<RecordStatus>) -> Vec<Operator> =
        |store| store.list_operators(township_code.as_deref(), status);

    fn operator(id: String) -> Operator = |store| store.operator(&id);

    fn add_operator(input: OperatorInput) -> Saved<Operator> = |store| store.add_operator(&input);

    fn update_operator(id: String, input: OperatorInput) -> Saved<Operator> =
        |store| store.update_operator(&id, &input);

    /// Agreements, optionally of one operator and of one status, newest year first.
    fn list_agreements(operator_id: Option<String>, status: Option<RecordStatus>) -> Vec<AgreementSummary> =
        |store| store.list_agreements(operator_id.as_deref(), status);

    /// One agreement with roster count, the 10-household rule and the derived income.
    fn agreement(id: String) -> Agreement = |store| store.agreement(&id);

    fn add_agreement(input: AgreementInput) -> Saved<Agreement> =
        |store| store.add_agreement(&input);

    fn update_agreement(id: String, input: AgreementInput) -> Saved<Agreement> =
        |store| store.update_agreement(&id, &input);

    /// Agreements linked to no programme (their old free-text programme matched none).
    fn unlinked_agreements() -> Vec<AgreementSummary> = |store| store.unlinked_agreements();

    /// Links an agreement to one of the county's programmes (warnings: another year, fewer
    /// households than the programme asks).
    fn link_agreement_programme(agreement_id: String, programme_id: String) -> Saved<Agreement> =
        |store| store.link_agreement_programme(&agreement_id, &programme_id);

    /// Stores the signed agreement's scan (JPEG, PNG or PDF, base64) by its SHA-256.
    fn attach_scan(agreement_id: String, file_name: String, content_base64: String) -> Agreement =
        |store| {
            let bytes = crate::decode_base64(&content_base64)?;
            store.attach_scan(&agreement_id, &file_name, &bytes)
        };

    /// The roster with each household's income derived from the ledger.
    fn roster(agreement_id: String) -> Vec<RosterRow> = |store| store.roster(&agreement_id);

    fn add_to_roster(input: RosterInput) -> Saved<RosterRow> = |store| store.add_to_roster(&input);

    /// Takes a household off a roster; refused once the ledger has entries for it.
    fn remove_from_roster(roster_id: String) -> () = |store| store.remove_from_roster(&roster_id);

    fn ledger(agreement_id: String) -> Vec<LedgerRow> = |store| store.ledger(&agreement_id);

    /// Appends a ledger entry; the amount is computed (quantity × unit price, to the fen).
    fn add_ledger_entry(input: LedgerInput) -> Saved<LedgerRow> =
        |store| store.add_ledger_entry(&input);

    /// The programme presets taken from the county plans.
    fn programme_presets() -> Vec<Preset> =
        |_store| Ok(fieldbook::domain::programmes::presets()?);

    /// The programmes set up in this database, newest year first.
    fn list_programmes() -> Vec<ProgrammeSummary> = |store| store.list_programmes();

    /// One programme with its subsidy, tranches, targets and criteria template.
    fn programme(id: String) -> Programme = |store| store.programme(&id);

    /// Sets up a programme for a year from a preset.
    fn add_programme_from_preset(preset: String, year: Option<i32>) -> Programme =
        |store| store.add_programme_from_preset(&preset, year);

    /// The presets as this county sees them: its own plan's first, the others as templates
    /// labelled with their source.
    fn preset_listing() -> Vec<PresetListing> = |store| store.preset_listing();

    /// Every target of a programme: goal, what the records count, share reached, met.
    fn programme_progress(id: String) -> ProgrammeProgress = |store| store.programme_progress(&id);

    /// The special fund of a year by category, and the fund-share caps of its programmes.
    fn fund_shares(year: i32) -> FundShares = |store| store.fund_shares(year);

    /// A programme's fund status: budget, awarded, paid, recovered, remaining, to pay and to
    /// recover, in total, by township and by class, with its warnings.
    fn fund_status(programme_id: String) -> FundStatus = |store| store.fund_status(&programme_id);

    /// The county's budget overview: one line per programme of `year` (every year when none),
    /// their total and the warnings.
    fn fund_budgets(year: Option<i32>) -> FundBudgets = |store| store.fund_overview(year);

    /// A programme's fund plan from the villages by class (the default) or from the awards made.
    fn fund_plan(programme_id: String, from: Option<PlanSource>) -> FundPlan =
        |store| store.fund_plan_from(&programme_id, from.unwrap_or_default());

    /// A service station's monthly service records, oldest first.
    fn station_months(station_id: String) -> Vec<StationMonth> =
        |store| store.station_months(&station_id);

    /// Records one month of a service station (one per station and month).
    fn add_station_month(input: StationMonthInput) -> StationMonth =
        |store| store.add_station_month(&input);

    /// Corrects a recorded month, checked like a new one (a month changed onto one already
    /// recorded for the station is refused).
    fn edit_station_month(id: String, input: StationMonthInput) -> StationMonth =
        |store| store.edit_station_month(&id, &input);

    /// Voids a month (作废) with a required reason; the month may then be recorded again.
    fn void_station_month(id: String, reason: String) -> VoidedMonth =
        |store| store.void_station_month(&id, &reason);

    /// A new version of a programme (the settings the form edits), checked like a new one.
    fn edit_programme(id: String, settings: Preset) -> Programme =
        |store| store.edit_programme(&id, &settings);

    /// Sets up (without `id`) or edits a programme from its JSON; a malformed document is
    /// refused naming its JSON path (`targets[0].key`).
    fn save_programme_json(id: Option<String>, json: String) -> Programme =
        |store| store.save_programme_json(id.as_deref(), &json);

    /// Inspections, optionally of one programme, newest first.
    fn list_inspections(programme_id: Option<String>) -> Vec<InspectionSummary> =
        |store| store.list_inspections(programme_id.as_deref());

    /// One inspection with its checklist evaluation and the values measured from the records.
    fn inspection(id: String) -> Inspection = |store| store.inspection(&id);

    /// What the records say for an operator and programme before anything is typed.
    fn computed_values(operator_id: String, programme_id: String) -> Vec<ComputedValue> =
        |store| store.computed_values(&operator_id, &programme_id);

    /// Checks one wizard step with the saving rules; refuses with that step's problems only.
    fn check_inspection_step(input: InspectionInput, step: WizardStep) -> () =
        |_store| Ok(input.check_step(step)?);

    fn add_inspection(input: InspectionInput) -> Saved<Inspection> =
        |store| store.add_inspection(&input);

    fn update_inspection(id: String, input: InspectionInput) -> Saved<Inspection> =
        |store| store.update_inspection(&id, &input);

    /// Submits an inspection; it refuses edits from then on.
    fn submit_inspection(id: String) -> Inspection = |store| store.submit_inspection(&id);

    /// County hub: locks a submitted inspection (the payment gate pays a balance only on a
    /// locked acceptance); refused with `SYNC_NOT_COUNTY` on a laptop.
    fn lock_inspection(id: String) -> Inspection = |store| store.lock_inspection(&id);

    /// Adds a photo (JPEG or PNG, base64) to a draft inspection.
    fn add_inspection_photo(
        inspection_id: String,
        file_name: String,
        content_base64: String,
        caption: String
    ) -> Saved<InspectionPhoto> = |store| {
        let bytes = crate::decode_base64(&content_base64)?;
        store.add_inspection_photo(&inspection_id, &file_name, &bytes, &caption)
    };

    /// The re-check samples of a programme, newest first, with the 复核 recorded against each.
    fn recheck_samples(programme_id: String) -> Vec<RecheckSample> =
        |store| store.recheck_samples(&programme_id);

    /// One re-check sample: its drawn items, the township's 初验 and the county's 复核 of each.
    fn recheck_sample(id: String) -> RecheckSample = |store| store.recheck_sample(&id);

    /// Draws and keeps the county re-check sample (share as a decimal string, e.g. "0.5"), from
    /// the township's 初验 results, not below the programme's re-check share.
    fn draw_recheck_sample(programme_id: String, share: String, seed: Option<String>) -> RecheckSample =
        |store| {
            let share = share.trim().parse().map_err(|_| {
                fieldbook::domain::Invalid::new(Code::SAMPLE_SHARE, "share", "抽样比例应为 0 到 1 之间的小数，例如 0.5。")
            })?;
            let seed = match seed.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
                Some(text) => Some(text.parse().map_err(|_| {
                    fieldbook::domain::Invalid::new(Code::SAMPLE_SEED, "seed", "随机种子应为非负整数。")
                })?),
                None => None,
            };
            store.draw_recheck_sample(&programme_id, share, seed)
        };

    /// Training sessions, optionally of one programme and of one status.
    fn list_training_sessions(programme_id: Option<String>, status: Option<RecordStatus>) -> Vec<TrainingSessionSummary> =
        |store| store.list_training_sessions(programme_id.as_deref(), status);

    /// One session with its slots and how many signed in to each.
    fn training_session(id: String) -> TrainingSession = |store| store.training_session(&id);

    fn add_training_session(input: TrainingSessionInput) -> Saved<TrainingSession> =
        |store| store.add_training_session(&input);

    fn update_training_session(id: String, input: TrainingSessionInput) -> Saved<TrainingSession> =
        |store| store.update_training_session(&id, &input);

    /// Adds a photographed sign-in sheet (JPEG or PNG, base64) to a session.
    fn attach_sign_in_sheet(session_id: String, file_name: String, content_base64: String) -> Saved<TrainingSession> =
        |store| {
            let bytes = crate::decode_base64(&content_base64)?;
            store.attach_sign_in_sheet(&session_id, &file_name, &bytes)
        };

    /// Signs one person in to one slot: poor flag from the register, overlap and headcount
    /// warnings.
    fn add_attendance(input: AttendanceInput) -> Saved<AttendanceRow> =
        |store| store.add_attendance(&input);

    /// Takes back a sign-in entered by mistake (kept in the log).
    fn remove_attendance(id: String) -> () = |store| store.remove_attendance(&id);

    /// Confirms that a registered ID signed in under another name is the registered person:
    /// that name's rows of the session then count poor (a change in the history).
    fn confirm_attendance_name(id: String) -> Vec<AttendanceRow> =
        |store| store.confirm_attendance_name(&id);

    /// What the register knows under an ID number (head or member), for the sign-in form to
    /// fill the name, sex and village in; `null` when the ID is not registered.
    fn register_person(id_number: String) -> Option<RegisterPerson> =
        |store| store.register_person(&id_number);

    /// A household's members (家庭成员), ID numbers masked.
    fn household_members(household_id: String) -> Vec<HouseholdMember> =
        |store| store.household_members(&household_id);

    /// A member's stored values (full ID number) for the edit form.
    fn household_member_input(id: String) -> MemberInput =
        |store| store.household_member_input(&id);

    fn add_household_member(input: MemberInput) -> Saved<HouseholdMember> =
        |store| store.add_household_member(&input);

    fn update_household_member(id: String, input: MemberInput) -> Saved<HouseholdMember> =
        |store| store.update_household_member(&id, &input);

    /// Voids a member with a reason (a tombstone on the write path).
    fn void_household_member(id: String, reason: String) -> () =
        |store| store.void_household_member(&id, &reason);

    /// Everyone signed in to a session, by slot.
    fn attendance(session_id: String) -> Vec<AttendanceRow> = |store| store.attendance(&session_id);

    /// Person-times, poor person-times, per township and per kind, against the programme's
    /// targets, with the cost at the per-person-day rates.
    fn training_totals(programme_id: String) -> TrainingTotals =
        |store| store.training_totals(&programme_id);

    /// Cancels an entry with a reversing entry that points at it.
    fn reverse_ledger_entry(entry_id: String, reason: String) -> LedgerRow =
        |store| store.reverse_ledger_entry(&entry_id, &reason);

    /// Reads an .xlsx or .csv file (base64) and imports it as `options` say: a dry run reports
    /// every row and writes nothing; "all" writes nothing when any row is refused; "valid only"
    /// writes the rows that passed. One transaction either way.
    fn import_sheet(file_name: String, content_base64: String, options: ImportOptions) -> ImportReport =
        |store| {
            let bytes = crate::decode_base64(&content_base64)?;
            fieldbook::sheets::import(store, &bytes, &file_name, &options)
        };

    /// Exports a county template (.xlsx) for one township (code) or the county into the export
    /// folder (`files::save_dir`: FIELDBOOK_SAVE_DIR, else Downloads) and answers where it was saved.
    fn export_sheet(kind: ExportKind, township: Option<String>, period: Option<String>) -> SavedExport =
        |store| {
            let folder = fieldbook::files::save_dir();
            let (path, summary) = fieldbook::sheets::export_to(
                store,
                kind,
                township.as_deref().filter(|t| !t.is_empty()),
                period.as_deref().filter(|p| !p.is_empty()),
                fieldbook::sheets::Destination::NewFileIn(&folder),
            )?;
            Ok(SavedExport { path: path.display().to_string(), summary })
        };

    /// Exports a programme's 资金拨付明细表 (`disbursements`) or 资金使用情况表 (`fund_status`)
    /// as .xlsx into the export folder and answers where it was saved (noted in the export audit).
    fn export_fund_sheet(kind: ExportKind, programme_id: String) -> SavedExport =
        |store| {
            let folder = fieldbook::files::save_dir();
            let (path, summary) = fieldbook::sheets::funds::export_programme_to(
                store,
                kind,
                &programme_id,
                fieldbook::sheets::Destination::NewFileIn(&folder),
            )?;
            Ok(SavedExport { path: path.display().to_string(), summary })
        };

    /// The statistics report (统计表) of a period (`2019-Q3`, or `from`/`to` dates), optionally
    /// of one programme and one township: a row per township and the 合计, each figure with
    /// the period before, the change and the growth rate. Print it as form `stats-report`
    /// with the report's `printId`.
    fn stats_report(request: StatsRequest) -> StatsReport =
        |store| store.stats_report(&request.query()?);

    /// Exports the statistics report as .xlsx into the export folder (noted in the export
    /// audit) and answers where it was saved.
    fn export_stats_sheet(request: StatsRequest) -> SavedExport =
        |store| {
            let folder = fieldbook::files::save_dir();
            let (path, summary) = fieldbook::sheets::stats::export_stats_to(
                store,
                &request.query()?,
                fieldbook::sheets::Destination::NewFileIn(&folder),
            )?;
            Ok(SavedExport { path: path.display().to_string(), summary })
        };

    /// Opens a file saved into the save folder (a PDF to print, an export) in the system's
    /// viewer; anything outside that folder is refused.
    fn open_saved_file(path: String) -> () = |_store| {
        fieldbook::files::open_saved(std::path::Path::new(&path), &fieldbook::files::save_dir())
    };

    /// A printable form's pages as SVG with its stamp, for the preview (nothing is logged).
    fn preview_form(form: FormKind, id: String) -> Preview =
        |store| store.preview_form(form, &id);

    /// Prints a form to PDF in the save folder (FIELDBOOK_SAVE_DIR, else Downloads) and notes
    /// it in the print log.
    fn save_print(form: FormKind, id: String) -> SavedPrint =
        |store| store.save_print(form, &id, None);

    /// Checks a paper copy's short hash: current, an older version, or unknown.
    fn verify_print(hash: String) -> Verification = |store| store.verify_print(&hash);

    /// Runs the integrity checks (核查) over the county or the findings involving one township
    /// (its id): stored at the hub; on a laptop computed for its own township, not kept.
    fn run_checks(township_id: Option<String>) -> CheckRun = |store| {
        let scope = match township_id.filter(|t| !t.is_empty()) {
            Some(id) => Scope::Township(id),
            None => Scope::All,
        };
        store.run_checks(&scope)
    };

    /// The stored findings by township (involved), check and status.
    fn list_findings(filter: FindingFilter) -> Vec<FindingView> =
        |store| store.findings(&filter);

    /// One finding with its evidence and review.
    fn finding(id: String) -> FindingView = |store| store.finding(&id);

    /// How many findings each township has, by check and status.
    fn finding_counts() -> Vec<FindingCount> = |store| store.finding_counts();

    /// 说明情况: records the note (required) and, optionally, a file (JPEG, PNG or PDF, base64)
    /// kept as the finding's attachment; by this device's officer.
    fn explain_finding(id: String, note: String, file_name: Option<String>, content_base64: Option<String>) -> FindingView =
        |store| {
            let officer = store.officer().to_string();
            match (file_name, content_base64.filter(|c| !c.is_empty())) {
                (Some(name), Some(content)) => {
                    let bytes = crate::decode_base64(&content)?;
                    store.explain_finding_with_file(&id, &note, &name, &bytes, &officer)
                }
                _ => store.explain_finding(&id, &note, None, &officer),
            }
        };

    /// 确认造假: confirms a finding as fabrication, by this device's officer (required).
    fn confirm_finding(id: String, note: String) -> FindingView = |store| {
        let officer = store.officer().to_string();
        store.confirm_finding(&id, &note, &officer)
    };

    /// 排除: dismisses a finding; the note saying why is required.
    fn dismiss_finding(id: String, note: String) -> FindingView = |store| {
        let officer = store.officer().to_string();
        store.dismiss_finding(&id, &note, &officer)
    };

    /// 回访: the household call-back samples drawn, newest first; of one township (its 9-digit
    /// code) when given. Each with its calls; print one as form `callbacks` with its id.
    fn callback_samples(township_code: Option<String>) -> Vec<CallbackSample> =
        |store| store.callback_samples(township_code.as_deref().filter(|t| !t.trim().is_empty()));

    /// One call-back sample with its households (masked ID, phone, village), what to ask each
    /// and the outcome recorded.
    fn callback_sample(id: String) -> CallbackSample = |store| store.callback_sample(&id);

    /// The county's call-back share (`callbackShare`, 10 % unless the county set another) as a
    /// decimal string ("0.1"): what a draw takes when no share is typed.
    fn callback_share() -> String =
        |store| store.callback_default_share().map(|share| share.to_string());

    /// Draws and keeps a township's call-back sample (share as a decimal string, e.g. "0.1";
    /// empty: the county's share), reproducibly from the seed when one is given. Hub only
    /// (`CALLBACK_COUNTY_ONLY` on a laptop).
    fn draw_callback_sample(township: String, share: String, seed: Option<String>) -> CallbackSample =
        |store| {
            let share = match share.trim() {
                "" => None,
                text => Some(text.parse().map_err(|_| {
                    fieldbook::domain::Invalid::new(Code::SAMPLE_SHARE, "share", "抽样比例应为 0 到 1 之间的小数，例如 0.1。")
                })?),
            };
            let seed = match seed.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
                Some(text) => Some(text.parse().map_err(|_| {
                    fieldbook::domain::Invalid::new(Code::SAMPLE_SEED, "seed", "随机种子应为非负整数。")
                })?),
                None => None,
            };
            store.draw_callback_sample(&township, share, seed)
        };

    /// Records a call's outcome (reached | confirms | denies | unreachable; a note required on a
    /// denial; the date empty for today) by this device's officer. A denial opens an
    /// `F11_CALLBACK_DENIED` finding at once (the township's checks run again).
    fn record_callback(item_id: String, outcome: String, note: String, call_date: String) -> CallbackItem =
        |store| {
            let input = CallInput { outcome, note, officer: store.officer().to_string(), call_date };
            store.record_callback(&item_id, &input)
        };

    /// 核查设置: the county's check thresholds, their defaults, the product seasons (F8) and
    /// whether this database may change them (the hub; a township laptop only reads them).
    fn check_settings() -> CheckSettings = |store| store.check_settings();

    /// 核查设置: saves the thresholds and the product seasons together (hub only): every problem
    /// of both at once, each on its field (`venueCapacity`, `productSeasons` for the tables).
    /// The next check run judges by them; the next import re-runs every check.
    fn set_check_settings(thresholds: Thresholds, seasons: ProductSeasons) -> CheckSettings =
        |store| store.set_check_settings(&thresholds, &seasons);

    /// The record id the 核查情况表 (`findings` form) prints for a township (or the county) and a
    /// status, for `preview_form` / `save_print_as`.
    fn findings_form_id(township_id: Option<String>, status: Option<FindingStatus>) -> String =
        |_store| Ok(FindingsScope { township_id: township_id.filter(|t| !t.is_empty()), status }.record_id());

    /// Exports the findings (核查情况表 .xlsx) of the county or a township (code or name),
    /// optionally one status, into the export folder; noted in the export audit.
    fn export_findings(township: Option<String>, status: Option<FindingStatus>) -> SavedExport =
        |store| {
            let folder = fieldbook::files::save_dir();
            let (path, summary) = fieldbook::sheets::findings::export_findings_to(
                store,
                township.as_deref().filter(|t| !t.is_empty()),
                status,
                fieldbook::sheets::Destination::NewFileIn(&folder),
            )?;
            Ok(SavedExport { path: path.display().to_string(), summary })
        };

    /// Public notices, newest first, optionally of one status.
    fn list_notices(status: Option<RecordStatus>) -> Vec<NoticeSummary> =
        |store| store.list_notices(status);

    /// Where a household, operator, agreement, training session or notice stands.
    fn record_state(kind: RecordKind, id: String) -> RecordState =
        |store| store.record_state(kind, &id);

    /// Submits a draft to the county (提交).
    fn submit_record(kind: RecordKind, id: String) -> RecordState =
        |store| store.submit_record(kind, &id);

    /// Voids a draft or submitted record (作废); the reason is required. Refused for a
    /// locked record and while live records depend on it.
    fn void_record(kind: RecordKind, id: String, reason: String) -> RecordState =
        |store| store.void_record(kind, &id, &reason);

    /// County hub: locks a submitted record the county has accepted (锁定).
    fn lock_record(kind: RecordKind, id: String) -> RecordState =
        |store| store.lock_record(kind, &id);

    /// One notice with its list and objections.
    fn notice(id: String) -> Notice = |store| store.notice(&id);

    /// Adds a notice (refused when shorter than 10 days).
    fn add_notice(input: NoticeInput) -> Saved<Notice> = |store| store.add_notice(&input);

    /// Edits a notice until it is posted (refused with NOTICE_POSTED after).
    fn update_notice(id: String, input: NoticeInput) -> Saved<Notice> =
        |store| store.update_notice(&id, &input);

    /// A notice's list built from the inspections or the training it announces, for the form
    /// (saved with the notice).
    fn build_notice_list(source: ListSource) -> Vec<NoticeEntry> =
        |store| store.notice_list_from(&source);

    /// Records an objection, or with `id` how one was handled.
    fn save_objection(input: ObjectionInput) -> Notice = |store| store.save_objection(&input);

    /// Attaches the photo of the posted notice (JPEG or PNG, base64).
    fn attach_notice_photo(notice_id: String, file_name: String, content_base64: String) -> Notice =
        |store| {
            let bytes = crate::decode_base64(&content_base64)?;
            store.attach_notice_photo(&notice_id, &file_name, &bytes)
        };

    /// The county's settings (whether notices print masked ID and phone numbers) and whether
    /// this database may change them.
    fn county_settings() -> CountySettings = |store| store.county_settings();

    /// County: notices print masked ID and phone numbers (`masked`) or none (`none`).
    fn set_notice_masking(masking: NoticePrivacy) -> CountySettings =
        |store| store.set_notice_masking(masking);

    /// County: minutes without input before the app locks an encrypted database (0 = never,
    /// at most 480); laptops receive it in the reference package.
    fn set_idle_lock_minutes(minutes: u32) -> CountySettings =
        |store| store.set_idle_lock_minutes(minutes);

    /// Funds: an operator applies to a programme in one class (申报); every problem at once.
    fn fund_apply(input: ApplicationInput) -> Saved<Application> =
        |store| store.apply_for_funds(&input);

    /// Funds: edits an application the county has not decided yet.
    fn fund_update_application(id: String, input: ApplicationInput) -> Saved<Application> =
        |store| store.update_fund_application(&id, &input);

    /// Funds: voids an application with its reason (refused once an award was made on it).
    fn fund_void_application(id: String, reason: String) -> () =
        |store| store.void_fund_application(&id, &reason);

    /// Funds: stores a document of an application (JPEG, PNG or PDF, base64) and answers its
    /// SHA-256, for `ApplicationDocument.sha256`.
    fn fund_attach_document(file_name: String, content_base64: String) -> String = |store| {
        let bytes = crate::decode_base64(&content_base64)?;
        store.store_fund_document(&file_name, &bytes)
    };

    /// Funds: one reviewer's opinion at one step (village → township → county, in order).
    fn fund_review(input: ReviewInput) -> Saved<Application> =
        |store| store.review_fund_application(&input);

    /// Funds: the county's decision, once (warnings: a step missing or disagreeing).
    fn fund_decide(input: DecisionInput) -> Saved<Application> =
        |store| store.decide_fund_application(&input);

    /// Funds: applications, of one programme and one decision when given.
    fn fund_applications(programme_id: Option<String>, decision: Option<DecisionFilter>) -> Vec<Application> =
        |store| store.fund_applications(programme_id.as_deref(), decision);

    /// Funds: one application with its documents, reviews, decision and award.
    fn fund_application(id: String) -> Application = |store| store.fund_application(&id);

    /// Funds: bans, of one operator when given (`active`: in force today).
    fn fund_bans(operator_id: Option<String>) -> Vec<Ban> =
        |store| store.fund_bans(operator_id.as_deref());

    /// Funds: the county bans an operator from its funds for its ban years.
    fn fund_ban(input: BanInput) -> Ban = |store| store.ban_operator(&input);

    /// Funds: lifts a ban early, with its date and reason.
    fn fund_lift_ban(id: String, input: LiftBanInput) -> Ban = |store| store.lift_ban(&id, &input);

    /// Funds: the county's fund settings (ban years, over-budget refuse or warn).
    fn fund_settings() -> FundSettings = |store| store.fund_settings();

    /// County: changes the fund settings (refused on a township laptop).
    fn fund_set_settings(settings: FundSettings) -> FundSettings =
        |store| store.set_fund_settings(&settings);

    /// The county's programme kinds and operator kinds (one list, or both), retired included.
    fn kind_options(list: Option<KindList>) -> Vec<KindOption> =
        |store| store.kind_options(list);

    /// Whether this database may change the county's kinds (the hub; not a township laptop).
    fn kinds_can_change() -> bool = |store| store.kinds_can_change();

    /// County: adds a kind to one of its lists.
    fn add_kind(input: KindInput) -> KindOption = |store| store.add_kind(&input);

    /// County: gives a kind a new label.
    fn rename_kind(list: KindList, code: String, label: String) -> KindOption =
        |store| store.rename_kind(list, &code, &label);

    /// County: retires a kind (`retired`), or puts it back in use.
    fn retire_kind(list: KindList, code: String, retired: bool) -> KindOption =
        |store| store.retire_kind(list, &code, retired);
    /// This database in the sync picture: mode, pending changes by kind, last export and receipt.
    fn sync_status() -> SyncStatus = |store| store.sync_status();

    /// The home dashboard (首页): the county hub's, or a township laptop's own township.
    fn dashboard(filter: DashboardFilter) -> Dashboard = |store| store.dashboard(&filter);

    /// The inspections a dashboard figure counts: year, programme, township and a conclusion.
    fn list_inspections_in(filter: DashboardFilter, conclusion: Option<String>) -> Vec<InspectionSummary> =
        |store| store.inspections_in(&filter, conclusion.as_deref());

    /// The agreements a dashboard figure counts (their ledger income): year, programme, township.
    fn list_agreements_in(filter: DashboardFilter) -> Vec<AgreementSummary> =
        |store| store.agreements_in(&filter);

    /// The training sessions a dashboard figure counts: year, programme, township.
    fn list_training_sessions_in(filter: DashboardFilter) -> Vec<TrainingSessionSummary> =
        |store| store.training_sessions_in(&filter);

    /// Laptop: the records the county refused (another township's) that wait for the officer
    /// to void them or move them back into the township.
    fn sync_refused() -> Vec<RefusedRecord> = |store| store.sync_refused();

    /// Laptop: writes every change since the last receipt to one file in the save folder,
    /// encrypted to the county and signed by this laptop.
    fn sync_export() -> BatchExportSummary = |store| crate::sync::export(store);

    /// Laptop: applies a reference package or a receipt from the county (file as base64).
    fn sync_apply(content_base64: String) -> ApplyReport = |store| {
        let bytes = crate::decode_base64(&content_base64)?;
        store.sync_apply(&bytes)
    };

    /// Laptop: writes the enrollment request to the save folder; answers the fingerprint.
    fn sync_device_request() -> EnrollmentSummary = |store| crate::sync::device_request(store);

    /// Laptop: applies the county's signed enrollment answer (file as base64).
    fn sync_device_enroll(content_base64: String) -> EnrollmentSummary = |store| {
        let bytes = crate::decode_base64(&content_base64)?;
        store.device_enroll(&bytes)
    };

    /// Makes this database the county hub (once, cannot be undone): creates the county's keys;
    /// answers the county's fingerprint. Refused for an enrolled device.
    fn sync_county_init() -> EnrollmentSummary = |store| store.county_init();

    /// County: enrolled devices with township, fingerprint, status and open conflicts.
    fn sync_devices() -> Vec<DeviceRow> = |store| store.sync_devices();

    /// County: reads a laptop's enrollment request (file as base64) without enrolling it.
    fn sync_read_request(content_base64: String) -> RequestInfo = |store| {
        let bytes = crate::decode_base64(&content_base64)?;
        store.county_read_request(&bytes)
    };

    /// County: enrolls the laptop of a request for a township (code); the signed answer is saved
    /// in the save folder for the laptop to apply.
    fn sync_county_enroll(content_base64: String, township: String) -> EnrollmentSummary = |store| {
        let bytes = crate::decode_base64(&content_base64)?;
        crate::sync::county_enroll(store, &bytes, &township)
    };

    /// County: revokes a device; its batches are refused from now on. Idempotent.
    fn sync_county_revoke(device_id: String) -> RevokeSummary = |store| store.county_revoke(&device_id);

    /// County: imports a batch file (as base64); `dry_run` reports without writing.
    fn sync_import(content_base64: String, dry_run: bool) -> BatchImportReport = |store| {
        let bytes = crate::decode_base64(&content_base64)?;
        store.import_batch(&bytes, dry_run).map(|r| r.report)
    };

    /// County: conflicts waiting for review (`all` includes resolved ones).
    fn sync_conflicts(all: bool) -> Vec<Conflict> = |store| store.sync_conflicts(all);

    /// County: resolves a conflict keeping `county` or `incoming`, or setting `value`, with a note.
    fn resolve_conflict(id: String, keep: String, value: Option<serde_json::Value>, note: String) -> Conflict =
        |store| store.resolve_conflict(&id, crate::sync::resolution(&keep, value)?, &note);

    /// County: writes the reference package (with the latest receipt) for a device to the save folder.
    fn sync_package(device_id: String) -> PackageSummary = |store| crate::sync::package(store, &device_id);

    /// Awards funds on an approved application, for the amount the programme's rule allows
    /// (empty: the class's standard); refused or warned beyond the budget as the county set.
    fn fund_award(input: AwardInput) -> Saved<Award> = |store| store.award_funds(&input);

    /// Records an award's signed contract (number, date, the scan when given).
    fn fund_sign_contract(input: ContractInput) -> Award = |store| store.sign_fund_contract(&input);

    /// Pays a tranche through the gate; refused with every unmet condition (`errors`).
    fn fund_pay(input: PaymentInput) -> Saved<Disbursement> = |store| store.pay_tranche(&input);

    /// Reverses a payment with a negative row (a paid tranche is never edited).
    fn fund_reverse(input: ReversalInput) -> Disbursement =
        |store| store.reverse_disbursement(&input);

    /// The county waives the gate for one tranche, with the reason and the officer.
    fn fund_override(input: OverrideInput) -> GateOverride = |store| store.override_gate(&input);

    /// Orders a recovery (and bans the operator on failed acceptance or falsified materials).
    fn fund_recover(input: RecoveryInput) -> Recovery = |store| store.order_recovery(&input);

    /// Records money received back against a recovery order.
    fn fund_recovered(input: RecoveredInput) -> Recovery = |store| store.record_recovered(&input);

    /// A programme's awards with their tranches, payments and recoveries.
    fn fund_awards(programme_id: String) -> Vec<Award> = |store| store.fund_awards(&programme_id);

    /// One award with its tranches (and what each unpaid one waits for).
    fn fund_award_detail(id: String) -> Award = |store| store.fund_award(&id);

    /// May the operator's next tranche in the programme be paid, and every reason why not.
    fn fund_gate(operator_id: String, programme_id: String) -> GateVerdict =
        |store| store.fund_gate_for(&operator_id, &programme_id);

    /// The gate of every award of a programme.
    fn fund_gates(programme_id: String) -> Vec<GateVerdict> =
        |store| store.fund_gates(&programme_id);

    /// The classes a programme awards in, with the amounts its subsidy rule allows (a fixed
    /// standard, a range, a share of the investment): the Funds screen's application and award
    /// forms offer them.
    fn fund_classes(programme_id: String) -> Vec<fieldbook::domain::funds::AwardClass> =
        |store| store.programme(&programme_id).map(|p| fieldbook::domain::funds::award_classes(&p.settings.subsidy));

    /// The last backup of this database, and whether the reminder shows (a real county's
    /// database without a backup in the last 7 days).
    fn backup_status() -> BackupStatus = |store| store.backup_status();

    /// Checks a backup file as restore would (SHA-256, integrity, change log, counts), creating
    /// nothing; answers its manifest. `passphrase`: the one the backup was made under, when the
    /// register's passphrase has changed since (else the register's own is used).
    fn verify_backup_file(file: String, passphrase: Option<String>) -> BackupCheck =
        |store| store.verify_backup(
            std::path::Path::new(&file),
            passphrase.and_then(fieldbook::store::Passphrase::new).as_ref(),
        );
}

/// Which database is open and what it holds; answers even when opening failed.
#[tauri::command]
pub async fn app_info(state: State<'_, AppState>) -> Result<AppInfo, IpcError> {
    let state = state.inner().clone();
    tauri::async_runtime::spawn_blocking(move || info_of(&state))
        .await
        .map_err(IpcError::internal)?
}

/// Closes the user's database and opens the demo county's, a file of its own beside it.
#[tauri::command]
pub async fn open_demo(state: State<'_, AppState>) -> Result<AppInfo, IpcError> {
    state.inner().switch_to_demo().await?;
    app_info(state).await
}

/// Closes the demo and opens the user's own database again.
#[tauri::command]
pub async fn leave_demo(state: State<'_, AppState>) -> Result<AppInfo, IpcError> {
    state.inner().switch_to_own().await?;
    app_info(state).await
}

pub(crate) fn info_of(state: &AppState) -> Result<AppInfo, IpcError> {
    let guard = state.backend.lock().map_err(IpcError::internal)?;
    let app_version = env!("CARGO_PKG_VERSION").to_string();
    let own_db_path = state
        .own_path()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    match &*guard {
        Backend::Ready(store) => Ok(AppInfo {
            app_version,
            db_path: store
                .path()
                .map(|p| p.display().to_string())
                .unwrap_or_else(|| ":memory:".into()),
            schema_version: store.schema_version().map_err(IpcError::from)? as u32,
            county: store.county().map_err(IpcError::from)?,
            officer: store.officer().to_string(),
            officer_set: store.officer_saved().map_err(IpcError::from)?,
            startup_error: None,
            is_demo: store.is_demo().map_err(IpcError::from)?,
            sync_mode: store.sync_status().map_err(IpcError::from)?.mode,
            own_db_path,
            access: Access::Open,
            encrypted: store.is_encrypted(),
            idle_lock_seconds: state.idle_lock_seconds(store).map_err(IpcError::from)?,
        }),
        Backend::Missing { db_path } => Ok(closed_info(db_path, Access::Missing, own_db_path)),
        Backend::Locked { db_path } => Ok(closed_info(db_path, Access::Locked, own_db_path)),
        Backend::Failed { db_path, error } => Ok(AppInfo {
            startup_error: Some(error.clone()),
            ..closed_info(db_path, Access::Open, own_db_path)
        }),
    }
}

/// A database that is not open: its path and nothing of what it holds.
fn closed_info(db_path: &std::path::Path, access: Access, own_db_path: String) -> AppInfo {
    AppInfo {
        app_version: env!("CARGO_PKG_VERSION").to_string(),
        db_path: db_path.display().to_string(),
        schema_version: 0,
        county: None,
        officer: String::new(),
        officer_set: false,
        startup_error: None,
        is_demo: false,
        sync_mode: "none".into(),
        own_db_path,
        access,
        encrypted: access == Access::Locked,
        idle_lock_seconds: 0,
    }
}

pub fn command_signatures(cfg: &ts_rs::Config) -> Vec<CommandSig> {
    let mut all = vec![CommandSig {
        name: "app_info",
        doc: "Which database is open and what it holds; answers even when opening failed.".into(),
        args: vec![],
        ret: AppInfo::name(cfg),
    }];
    for (name, doc) in [
        (
            "open_demo",
            "Closes the user's database and opens the demo county's, a file of its own beside it.",
        ),
        (
            "leave_demo",
            "Closes the demo and opens the user's own database again.",
        ),
    ] {
        all.push(CommandSig {
            name,
            doc: doc.into(),
            args: vec![],
            ret: AppInfo::name(cfg),
        });
    }
    all.extend(crate::unlock::signatures(cfg));
    all.push(CommandSig {
        name: "save_print_as",
        doc: SAVE_PRINT_AS_DOC.into(),
        args: vec![("form", FormKind::name(cfg)), ("id", String::name(cfg))],
        ret: <Option<SavedPrint>>::name(cfg),
    });
    all.push(CommandSig {
        name: "backup_now",
        doc: BACKUP_NOW_DOC.into(),
        args: vec![],
        ret: <Option<BackupReport>>::name(cfg),
    });
    all.push(CommandSig {
        name: "export_archive",
        doc: EXPORT_ARCHIVE_DOC.into(),
        args: vec![("scope", ScopeKind::name(cfg)), ("id", String::name(cfg))],
        ret: <Option<ArchiveReport>>::name(cfg),
    });
    all.push(CommandSig {
        name: "pick_backup_file",
        doc:
            "Asks for a backup file in a native \"open\" dialog; its path, or null when cancelled."
                .into(),
        args: vec![],
        ret: <Option<String>>::name(cfg),
    });
    all.push(CommandSig {
        name: "restore_from_backup",
        doc: RESTORE_DOC.into(),
        args: vec![
            ("file", String::name(cfg)),
            ("passphrase", <Option<String>>::name(cfg)),
        ],
        ret: RestoreReport::name(cfg),
    });
    all.extend(store_command_signatures(cfg));
    all
}

const BACKUP_NOW_DOC: &str = "Backs the open database up into one file the user chooses in a native \"save as\" dialog (opening in the save folder, named after the county and time); null when they cancel. With FIELDBOOK_SAVE_DIR set (the end-to-end tests) it saves there without asking.";

/// See `BACKUP_NOW_DOC`.
#[tauri::command]
pub async fn backup_now<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
) -> Result<Option<BackupReport>, IpcError> {
    use tauri_plugin_dialog::DialogExt;
    let suggested = state
        .inner()
        .with_store(|store| store.backup_file_name())
        .await?;
    let folder = fieldbook::files::save_dir();
    let path = if std::env::var_os("FIELDBOOK_SAVE_DIR").is_some_and(|d| !d.is_empty()) {
        std::fs::create_dir_all(&folder)
            .map_err(|e| IpcError::from(fieldbook::Error::io(&folder, e)))?;
        fieldbook::files::unused_path(&folder, &suggested)
    } else {
        let picked = tauri::async_runtime::spawn_blocking(move || {
            app.dialog()
                .file()
                .set_title("保存台账备份")
                .set_directory(folder)
                .set_file_name(suggested)
                .add_filter("Fieldbook 备份", &["zip"])
                .blocking_save_file()
        })
        .await
        .map_err(IpcError::internal)?;
        let Some(picked) = picked else {
            return Ok(None);
        };
        let mut path = picked.into_path().map_err(IpcError::internal)?;
        if path.extension().is_none() {
            path.set_extension("zip");
        }
        path
    };
    state
        .inner()
        .with_store(move |store| store.backup_to(&path).map(Some))
        .await
}

const EXPORT_ARCHIVE_DOC: &str = "Writes the project archive (项目档案: index PDF, every document, manifest) of a programme, operator or training session into a zip the user chooses in a native \"save as\" dialog; null when they cancel. An existing file is never replaced (ARCHIVE_TARGET_EXISTS). With FIELDBOOK_SAVE_DIR set (the end-to-end tests) it saves there without asking.";

/// See `EXPORT_ARCHIVE_DOC`.
#[tauri::command]
pub async fn export_archive<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
    scope: ScopeKind,
    id: String,
) -> Result<Option<ArchiveReport>, IpcError> {
    use tauri_plugin_dialog::DialogExt;
    let named = id.clone();
    let suggested = state
        .inner()
        .with_store(move |store| store.archive_file_name(scope, &named))
        .await?;
    let folder = fieldbook::files::save_dir();
    let path = if std::env::var_os("FIELDBOOK_SAVE_DIR").is_some_and(|d| !d.is_empty()) {
        std::fs::create_dir_all(&folder)
            .map_err(|e| IpcError::from(fieldbook::Error::io(&folder, e)))?;
        fieldbook::files::unused_path(&folder, &suggested)
    } else {
        let offered = fieldbook::files::unused_path(&folder, &suggested);
        let offered = offered
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or(suggested);
        let picked = tauri::async_runtime::spawn_blocking(move || {
            app.dialog()
                .file()
                .set_title("导出项目档案")
                .set_directory(folder)
                .set_file_name(offered)
                .add_filter("项目档案", &["zip"])
                .blocking_save_file()
        })
        .await
        .map_err(IpcError::internal)?;
        let Some(picked) = picked else {
            return Ok(None);
        };
        let mut path = picked.into_path().map_err(IpcError::internal)?;
        if path.extension().is_none() {
            path.set_extension("zip");
        }
        path
    };
    state
        .inner()
        .with_store(move |store| store.archive(scope, &id, &path).map(Some))
        .await
}

/// Asks for a backup file (a native "open" dialog in the save folder).
#[tauri::command]
pub async fn pick_backup_file<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
) -> Result<Option<String>, IpcError> {
    use tauri_plugin_dialog::DialogExt;
    let picked = tauri::async_runtime::spawn_blocking(move || {
        app.dialog()
            .file()
            .set_title("选择台账备份")
            .set_directory(fieldbook::files::save_dir())
            .add_filter("Fieldbook 备份", &["zip"])
            .blocking_pick_file()
    })
    .await
    .map_err(IpcError::internal)?;
    picked
        .map(|file| file.into_path().map(|p| p.display().to_string()))
        .transpose()
        .map_err(IpcError::internal)
}

const RESTORE_DOC: &str = "Restores a backup file over the open database: checked completely beside it first, then the database in use is renamed aside (kept, named in `replaced`) and the restored file takes its name, so the app opens it now and at every later start. Refused for the demo. `passphrase`: the one the backup was made under when the register's has changed since; the restored register takes the register's passphrase.";

/// See `RESTORE_DOC`.
#[tauri::command]
pub async fn restore_from_backup(
    state: State<'_, AppState>,
    file: String,
    passphrase: Option<String>,
) -> Result<RestoreReport, IpcError> {
    let backup_passphrase = passphrase.and_then(fieldbook::store::Passphrase::new);
    state
        .inner()
        .restore_in_place(file.into(), backup_passphrase)
        .await
}

const SAVE_PRINT_AS_DOC: &str = "Prints a form to PDF where the user chooses in a native \"save as\" dialog (opening in the save folder); null when they cancel. With FIELDBOOK_SAVE_DIR set (the end-to-end tests, which cannot answer a native dialog) it saves there without asking.";

/// See `SAVE_PRINT_AS_DOC`.
#[tauri::command]
pub async fn save_print_as<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
    form: FormKind,
    id: String,
) -> Result<Option<SavedPrint>, IpcError> {
    use tauri_plugin_dialog::DialogExt;
    if std::env::var_os("FIELDBOOK_SAVE_DIR").is_some_and(|d| !d.is_empty()) {
        return state
            .inner()
            .with_store(move |store| store.save_print(form, &id, None).map(Some))
            .await;
    }
    let suggested = format!("{}.pdf", form.label());
    let picked = tauri::async_runtime::spawn_blocking(move || {
        app.dialog()
            .file()
            .set_title("保存 PDF")
            .set_directory(fieldbook::files::save_dir())
            .set_file_name(suggested)
            .add_filter("PDF", &["pdf"])
            .blocking_save_file()
    })
    .await
    .map_err(IpcError::internal)?;
    let Some(picked) = picked else {
        return Ok(None);
    };
    let mut path = picked.into_path().map_err(IpcError::internal)?;
    if path.extension().is_none() {
        path.set_extension("pdf");
    }
    state
        .inner()
        .with_store(move |store| store.save_print_to(form, &id, &path).map(Some))
        .await
}
