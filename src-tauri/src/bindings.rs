//! Writes `ui/src/bindings/index.ts`: every DTO declaration (ts-rs) and a typed wrapper per
//! command. The file is committed; `tests/bindings.rs` fails when it drifts from the Rust types
//! and rewrites it when run with `UPDATE_BINDINGS=1`.

use fieldbook::checks::{
    CheckCode, CheckRun, Compared, FindingCount, FindingFilter, FindingStatus, FindingView,
    RecordRef, RunReport, Severity, TownshipName,
};
use fieldbook::domain::agreements::{
    Agreement, AgreementInput, AgreementSummary, HouseholdLink, HouseholdLinks, LedgerInput,
    LedgerRow, LinkageMode, PriceRule, RosterInput, RosterRow,
};
use fieldbook::domain::county_settings::CountySettings;
use fieldbook::domain::dashboard::{
    CountFigure, Dashboard, DashboardFilter, Drill, FundsPanel, InspectionsPanel, MoneyFigure,
    MonthPoint, OwnSync, ProgrammePanel, TownshipBar, TownshipBatch, TrainingPanel,
};
use fieldbook::domain::fund_plan::{FundPlan, FundPlanRow, PlanColumn, PlanSource};
use fieldbook::domain::funds::{
    Application, ApplicationDocument, ApplicationInput, AwardClass, Ban, BanInput, Decision,
    DecisionFilter, DecisionInput, DocumentKind, FundSettings, LiftBanInput, Opinion, Overcommit,
    Review, ReviewInput, ReviewStep,
};
use fieldbook::domain::funds::{
    Award, AwardInput, ContractInput, ContractTarget, Disbursement, GateOverride, GateProblem,
    GateVerdict, OverrideInput, PaymentInput, RecoveredInput, Recovery, RecoveryGrounds,
    RecoveryInput, ReversalInput, TrancheState,
};
use fieldbook::domain::funds::{FundBudgets, FundStatus, MoneyLine};
use fieldbook::domain::household_members::{
    HouseholdMember, MemberInput, RegisterPerson, Relation,
};
use fieldbook::domain::households::{
    Category, Household, HouseholdInput, HouseholdPage, HouseholdQuery, HouseholdRow,
};
use fieldbook::domain::inspections::{
    ComputedValue, Inspection, InspectionInput, InspectionPhoto, InspectionSummary, Inspector,
    RecheckItem, RecheckSample, Rectification, SampleOperator, SampleTownship, Stage, WizardStep,
};
use fieldbook::domain::kinds::{KindInput, KindList, KindOption, KindSubject};
use fieldbook::domain::lifecycle::{RecordKind, RecordStatus};
use fieldbook::domain::notices::{
    ListSource, Notice, NoticeEntry, NoticeInput, NoticePrivacy, NoticeSubject, NoticeSummary,
    Objection, ObjectionInput,
};
use fieldbook::domain::operators::{Operator, OperatorInput, OperatorKind};
use fieldbook::domain::places::{County, Place, PlaceKind, TownshipSummary, Village, VillageInput};
use fieldbook::domain::programmes::progress::{CategoryShare, FundCap, FundShares};
use fieldbook::domain::programmes::{
    BudgetPart, CriteriaTemplate, Item, Method, Preset, Programme, ProgrammeKind, ProgrammeSummary,
    Rate, SubsidyClass, SubsidyRule, Target, Tranche, ValueType,
};
use fieldbook::domain::programmes::{
    Conclusion, Evaluation, ItemResult, Observation, ObservedValue, Outcome,
};
use fieldbook::domain::programmes::{
    Fund, FundCategory, Metric, PresetListing, PresetSource, ProgrammeProgress, ShareClass,
    TargetParams, TargetResult,
};
use fieldbook::domain::stations::{StationMonth, StationMonthInput, VoidedMonth};
use fieldbook::domain::stats::{StatsCell, StatsFigure, StatsReport, StatsRequest, StatsRow};
use fieldbook::domain::training::{
    AttendanceInput, AttendanceRow, Audience, AudienceTally, HalfDays, KindTally, Sex, SlotTally,
    TargetProgress, TownshipTally, TrainingKind, TrainingSession, TrainingSessionInput,
    TrainingSessionSummary, TrainingTotals,
};
use fieldbook::domain::{Saved, Warning};
use fieldbook::print::{FormKind, Preview, Stamp};
use fieldbook::print::{SavedPrint, Verification};
use fieldbook::sheets::{
    ColumnHeader, ColumnMatch, ExportKind, ExportSummary, FieldChange, FileStamp, ImportCounts,
    ImportKind, ImportMode, ImportOptions, ImportReport, Problem, RowReport,
};
use fieldbook::store::backup::{BackupCounty, LastBackup, LogHead};
use fieldbook::store::{BackupCheck, BackupManifest, BackupReport, BackupStatus, RestoreReport};
use fieldbook::store::{HistoryEntry, RecordState};
use fieldbook::sync::sql::PackageSummary;
use fieldbook::sync::{
    ApplyReport, BatchExportSummary, BatchImportReport, ClockFlag, Conflict, ConflictRef,
    DeviceRow, EnrollmentSummary, EntityCounts, Refusal, RefusedRecord, RequestInfo, RevokeSummary,
    SyncStatus,
};
use fieldbook::Code;
use ts_rs::{Config, TS};

use crate::commands::{command_signatures, AppInfo, SavedExport};
use crate::error::IpcError;

pub struct CommandSig {
    pub name: &'static str,
    pub doc: String,
    pub args: Vec<(&'static str, String)>,
    pub ret: String,
}

pub const BINDINGS_PATH: &str = "ui/src/bindings/index.ts";

pub fn config() -> Config {
    // Counts and versions fit in a JS number; bigint would force every caller to convert.
    Config::new().with_large_int("number")
}

pub fn typescript() -> String {
    let cfg = config();
    let mut out = String::from(
        "// Generated from the Rust types by src-tauri/src/bindings.rs. Do not edit by hand:\n\
         // run `make bindings` after changing a command or a DTO.\n\
         import { invoke } from \"@tauri-apps/api/core\";\n\n",
    );
    for decl in [
        County::decl(&cfg),
        TownshipSummary::decl(&cfg),
        PlaceKind::decl(&cfg),
        Place::decl(&cfg),
        Village::decl(&cfg),
        VillageInput::decl(&cfg),
        serde_json::Value::decl(&cfg),
        HistoryEntry::decl(&cfg),
        Code::decl(&cfg),
        Warning::decl(&cfg),
        Saved::<()>::decl(&cfg),
        Category::decl(&cfg),
        Household::decl(&cfg),
        HouseholdInput::decl(&cfg),
        HouseholdRow::decl(&cfg),
        HouseholdQuery::decl(&cfg),
        HouseholdPage::decl(&cfg),
        Relation::decl(&cfg),
        MemberInput::decl(&cfg),
        HouseholdMember::decl(&cfg),
        RegisterPerson::decl(&cfg),
        RecordKind::decl(&cfg),
        RecordStatus::decl(&cfg),
        RecordState::decl(&cfg),
        OperatorKind::decl(&cfg),
        Operator::decl(&cfg),
        OperatorInput::decl(&cfg),
        LinkageMode::decl(&cfg),
        PriceRule::decl(&cfg),
        Agreement::decl(&cfg),
        AgreementInput::decl(&cfg),
        AgreementSummary::decl(&cfg),
        RosterRow::decl(&cfg),
        RosterInput::decl(&cfg),
        LedgerRow::decl(&cfg),
        LedgerInput::decl(&cfg),
        HouseholdLink::decl(&cfg),
        HouseholdLinks::decl(&cfg),
        ProgrammeKind::decl(&cfg),
        Method::decl(&cfg),
        ValueType::decl(&cfg),
        Item::decl(&cfg),
        CriteriaTemplate::decl(&cfg),
        Tranche::decl(&cfg),
        Target::decl(&cfg),
        Rate::decl(&cfg),
        SubsidyClass::decl(&cfg),
        BudgetPart::decl(&cfg),
        ShareClass::decl(&cfg),
        SubsidyRule::decl(&cfg),
        Metric::decl(&cfg),
        FundCategory::decl(&cfg),
        Fund::decl(&cfg),
        TargetParams::decl(&cfg),
        PresetSource::decl(&cfg),
        Preset::decl(&cfg),
        PresetListing::decl(&cfg),
        TargetResult::decl(&cfg),
        ProgrammeProgress::decl(&cfg),
        CategoryShare::decl(&cfg),
        FundCap::decl(&cfg),
        FundShares::decl(&cfg),
        MoneyLine::decl(&cfg),
        FundStatus::decl(&cfg),
        FundBudgets::decl(&cfg),
        PlanSource::decl(&cfg),
        PlanColumn::decl(&cfg),
        FundPlanRow::decl(&cfg),
        FundPlan::decl(&cfg),
        StationMonthInput::decl(&cfg),
        StationMonth::decl(&cfg),
        VoidedMonth::decl(&cfg),
        Programme::decl(&cfg),
        ProgrammeSummary::decl(&cfg),
        ObservedValue::decl(&cfg),
        Observation::decl(&cfg),
        Outcome::decl(&cfg),
        Conclusion::decl(&cfg),
        ItemResult::decl(&cfg),
        Evaluation::decl(&cfg),
        Stage::decl(&cfg),
        Inspector::decl(&cfg),
        Rectification::decl(&cfg),
        InspectionInput::decl(&cfg),
        WizardStep::decl(&cfg),
        ComputedValue::decl(&cfg),
        InspectionPhoto::decl(&cfg),
        Inspection::decl(&cfg),
        InspectionSummary::decl(&cfg),
        SampleOperator::decl(&cfg),
        SampleTownship::decl(&cfg),
        RecheckItem::decl(&cfg),
        RecheckSample::decl(&cfg),
        TrainingKind::decl(&cfg),
        HalfDays::decl(&cfg),
        TrainingSessionInput::decl(&cfg),
        SlotTally::decl(&cfg),
        TrainingSession::decl(&cfg),
        TrainingSessionSummary::decl(&cfg),
        DashboardFilter::decl(&cfg),
        Drill::decl(&cfg),
        CountFigure::decl(&cfg),
        MoneyFigure::decl(&cfg),
        ProgrammePanel::decl(&cfg),
        FundsPanel::decl(&cfg),
        InspectionsPanel::decl(&cfg),
        TrainingPanel::decl(&cfg),
        TownshipBar::decl(&cfg),
        MonthPoint::decl(&cfg),
        TownshipBatch::decl(&cfg),
        OwnSync::decl(&cfg),
        Dashboard::decl(&cfg),
        Sex::decl(&cfg),
        Audience::decl(&cfg),
        AttendanceInput::decl(&cfg),
        AttendanceRow::decl(&cfg),
        ImportKind::decl(&cfg),
        ImportMode::decl(&cfg),
        ImportOptions::decl(&cfg),
        Problem::decl(&cfg),
        FieldChange::decl(&cfg),
        RowReport::decl(&cfg),
        ImportCounts::decl(&cfg),
        FileStamp::decl(&cfg),
        ColumnMatch::decl(&cfg),
        ColumnHeader::decl(&cfg),
        ImportReport::decl(&cfg),
        ExportKind::decl(&cfg),
        ExportSummary::decl(&cfg),
        TownshipTally::decl(&cfg),
        KindTally::decl(&cfg),
        AudienceTally::decl(&cfg),
        TargetProgress::decl(&cfg),
        TrainingTotals::decl(&cfg),
        NoticeSubject::decl(&cfg),
        NoticePrivacy::decl(&cfg),
        CountySettings::decl(&cfg),
        KindList::decl(&cfg),
        KindSubject::decl(&cfg),
        KindOption::decl(&cfg),
        KindInput::decl(&cfg),
        NoticeEntry::decl(&cfg),
        NoticeInput::decl(&cfg),
        ObjectionInput::decl(&cfg),
        Objection::decl(&cfg),
        Notice::decl(&cfg),
        NoticeSummary::decl(&cfg),
        ListSource::decl(&cfg),
        // Funds: applications, reviews, decisions, bans and the county's fund settings
        DocumentKind::decl(&cfg),
        ApplicationDocument::decl(&cfg),
        ApplicationInput::decl(&cfg),
        ReviewStep::decl(&cfg),
        Opinion::decl(&cfg),
        Decision::decl(&cfg),
        DecisionFilter::decl(&cfg),
        ReviewInput::decl(&cfg),
        DecisionInput::decl(&cfg),
        Review::decl(&cfg),
        Application::decl(&cfg),
        BanInput::decl(&cfg),
        LiftBanInput::decl(&cfg),
        Ban::decl(&cfg),
        Overcommit::decl(&cfg),
        FundSettings::decl(&cfg),
        ContractTarget::decl(&cfg),
        AwardInput::decl(&cfg),
        ContractInput::decl(&cfg),
        PaymentInput::decl(&cfg),
        ReversalInput::decl(&cfg),
        OverrideInput::decl(&cfg),
        RecoveryGrounds::decl(&cfg),
        RecoveryInput::decl(&cfg),
        RecoveredInput::decl(&cfg),
        GateProblem::decl(&cfg),
        TrancheState::decl(&cfg),
        Disbursement::decl(&cfg),
        Recovery::decl(&cfg),
        Award::decl(&cfg),
        GateVerdict::decl(&cfg),
        GateOverride::decl(&cfg),
        FormKind::decl(&cfg),
        StatsFigure::decl(&cfg),
        StatsCell::decl(&cfg),
        StatsRow::decl(&cfg),
        StatsReport::decl(&cfg),
        StatsRequest::decl(&cfg),
        Stamp::decl(&cfg),
        Preview::decl(&cfg),
        SavedPrint::decl(&cfg),
        Verification::decl(&cfg),
        SyncStatus::decl(&cfg),
        RefusedRecord::decl(&cfg),
        BatchExportSummary::decl(&cfg),
        ApplyReport::decl(&cfg),
        EnrollmentSummary::decl(&cfg),
        DeviceRow::decl(&cfg),
        RevokeSummary::decl(&cfg),
        RequestInfo::decl(&cfg),
        EntityCounts::decl(&cfg),
        Refusal::decl(&cfg),
        ConflictRef::decl(&cfg),
        ClockFlag::decl(&cfg),
        BatchImportReport::decl(&cfg),
        Conflict::decl(&cfg),
        PackageSummary::decl(&cfg),
        IpcError::decl(&cfg),
        crate::error::FieldError::decl(&cfg),
        AppInfo::decl(&cfg),
        crate::commands::Access::decl(&cfg),
        SavedExport::decl(&cfg),
        AwardClass::decl(&cfg),
        BackupCounty::decl(&cfg),
        LogHead::decl(&cfg),
        BackupManifest::decl(&cfg),
        BackupReport::decl(&cfg),
        BackupCheck::decl(&cfg),
        RestoreReport::decl(&cfg),
        LastBackup::decl(&cfg),
        BackupStatus::decl(&cfg),
        fieldbook::print::archive::ScopeKind::decl(&cfg),
        fieldbook::print::archive::ArchiveScope::decl(&cfg),
        fieldbook::print::archive::ArchiveReport::decl(&cfg),
        CheckCode::decl(&cfg),
        Severity::decl(&cfg),
        RecordRef::decl(&cfg),
        Compared::decl(&cfg),
        FindingStatus::decl(&cfg),
        FindingFilter::decl(&cfg),
        TownshipName::decl(&cfg),
        FindingView::decl(&cfg),
        FindingCount::decl(&cfg),
        RunReport::decl(&cfg),
        CheckRun::decl(&cfg),
        fieldbook::checks::callbacks::CallOutcome::decl(&cfg),
        fieldbook::checks::callbacks::CallQuestion::decl(&cfg),
        fieldbook::checks::callbacks::CallbackItem::decl(&cfg),
        fieldbook::checks::callbacks::CallbackSample::decl(&cfg),
        fieldbook::checks::Thresholds::decl(&cfg),
        fieldbook::checks::ProductSeason::decl(&cfg),
        fieldbook::checks::ProductSeasons::decl(&cfg),
        fieldbook::checks::CheckSettings::decl(&cfg),
    ] {
        out += &format!("export {decl}\n\n");
    }
    out += "/** Typed wrappers over `invoke`. A failed command rejects with an `IpcError`. */\n";
    out += "export const commands = {\n";
    for sig in command_signatures(&cfg) {
        let params: Vec<String> = sig
            .args
            .iter()
            .map(|(name, ty)| format!("{}: {ty}", camel_case(name)))
            .collect();
        let keys: Vec<String> = sig.args.iter().map(|(name, _)| camel_case(name)).collect();
        let payload = if keys.is_empty() {
            String::new()
        } else {
            format!(", {{ {} }}", keys.join(", "))
        };
        out += &format!(
            "  /** {} */\n  {}: ({}): Promise<{}> =>\n    invoke<{}>(\"{}\"{payload}),\n",
            sig.doc,
            camel_case(sig.name),
            params.join(", "),
            sig.ret,
            sig.ret,
            sig.name,
        );
    }
    out += "};\n";
    out
}

/// Tauri passes command arguments under camelCase keys by default.
fn camel_case(snake: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn camel_case_matches_tauri_argument_keys() {
        assert_eq!(super::camel_case("township_code"), "townshipCode");
        assert_eq!(super::camel_case("id"), "id");
    }
}
